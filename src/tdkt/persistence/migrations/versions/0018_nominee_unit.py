"""a collective nominee is a unit record: case.nominee_unit_id, award_record.nominee_unit_id

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07

A nomination of a collective (tập thể) now picks the unit it names — the clerk's own unit or
one under it — so its award history and the wording of its Giấy khen follow the unit, not the
typed name (issue 19, part 6). Earlier dossiers are linked where the name they gave is the
name of their unit or of a unit directly under it; others (a tổ, a chi bộ not held as a unit)
stay by name.

Also: on SQLite, 0017's batch rebuild of human_task dropped ``ix_human_task_queue`` (an index on
an expression, which batch mode cannot reflect); it is created again here if missing.
"""
from alembic import op
import sqlalchemy as sa


revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('case') as batch:
        batch.add_column(sa.Column('nominee_unit_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_case_nominee_unit_id_unit', 'unit', ['nominee_unit_id'], ['id'])
    with op.batch_alter_table('award_record') as batch:
        batch.add_column(sa.Column('nominee_unit_id', sa.Integer(), nullable=True))
        batch.create_foreign_key('fk_award_record_nominee_unit_id_unit', 'unit', ['nominee_unit_id'], ['id'])
    op.create_index('ix_award_unit_form', 'award_record', ['nominee_unit_id', 'award_form'])
    op.execute(
        'UPDATE "case" SET nominee_unit_id = (SELECT min(u.id) FROM unit u WHERE u.name = "case".nominee_name '
        'AND (u.id = "case".unit_id OR u.parent_id = "case".unit_id)) WHERE nominee_kind = \'collective\'')
    op.execute('CREATE INDEX IF NOT EXISTS ix_human_task_queue ON human_task '
               '(state, candidate_role, coalesce(candidate_unit_id, 0), due_at, id)')
    op.execute(
        'UPDATE award_record SET nominee_unit_id = (SELECT c.nominee_unit_id FROM "case" c '
        'WHERE c.id = award_record.case_id)')


def downgrade() -> None:
    op.drop_index('ix_award_unit_form', table_name='award_record')
    with op.batch_alter_table('award_record') as batch:
        batch.drop_constraint('fk_award_record_nominee_unit_id_unit', type_='foreignkey')
        batch.drop_column('nominee_unit_id')
    with op.batch_alter_table('case') as batch:
        batch.drop_constraint('fk_case_nominee_unit_id_unit', type_='foreignkey')
        batch.drop_column('nominee_unit_id')
