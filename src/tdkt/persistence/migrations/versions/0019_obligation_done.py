"""an obligation of the yearly plan is due by a day and done: plan_obligation.due_by, document,
done_on, done_note, document_id

Revision ID: 0019_obligation_done
Revises: 0018
Create Date: 2026-12-07

An item of the province's TĐKT calendar (kế hoạch 01/KH-UBND 2026) without a date is due by
the end of its quarter (``due_by``; the plan's own date where it sets one); the agency records
when it fulfilled it (``done_on``, a note) and the document it made for it (``document_id``:
its kế hoạch công tác, its báo cáo sơ kết, tổng kết — the kind expected in ``document``), so
what was not done by its date is reported overdue (issue 13, seed 003). Rows loaded earlier
take ``due_by`` from their date; the others are filled when the calendar is loaded again.
"""
from alembic import op
import sqlalchemy as sa


revision = '0019_obligation_done'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('plan_obligation') as batch:
        batch.add_column(sa.Column('due_by', sa.Date(), nullable=True))
        batch.add_column(sa.Column('document', sa.String(length=32), nullable=True))
        batch.add_column(sa.Column('done_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('done_note', sa.Text(), nullable=True))
        batch.add_column(sa.Column('document_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_plan_obligation_document_id_issued_document', 'issued_document',
                                 ['document_id'], ['id'])
    op.execute('UPDATE plan_obligation SET due_by = due_on WHERE due_on IS NOT NULL')


def downgrade() -> None:
    with op.batch_alter_table('plan_obligation') as batch:
        batch.drop_constraint('fk_plan_obligation_document_id_issued_document', type_='foreignkey')
        for column in ('document_id', 'done_note', 'done_on', 'document', 'due_by'):
            batch.drop_column(column)
