"""a Party committee's nhiệm kỳ and Party rule, a person's chức vụ trong Đảng: unit.term_started_on, unit.party_rule_*, person.party_position

Revision ID: 0023_party_term
Revises: 0022_agency_task
Create Date: 2026-12-07

A Party committee numbers its documents through its nhiệm kỳ (Hướng dẫn 36-HD/VPTW), from the
day its Đại hội opened the term; its Quyết định khen thưởng rests on the Điều lệ Đảng and the
Party's rule on khen thưởng it applies (loại, số, ngày, cơ quan ban hành, trích yếu), entered by
the installation. Rows before keep them empty until entered (a Party document is refused, naming
them). A person's chức vụ trong Đảng (person.party_position: "Đảng viên Chi bộ Văn phòng") is how
the Party's documents describe them, when entered.
"""
from alembic import op
import sqlalchemy as sa


revision = '0023_party_term'
down_revision = '0022_agency_task'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('person') as batch:
        batch.add_column(sa.Column('party_position', sa.String(length=255), server_default='', nullable=False))
    with op.batch_alter_table('unit') as batch:
        batch.add_column(sa.Column('term_started_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('party_rule_kind', sa.String(length=64), server_default='', nullable=False))
        batch.add_column(sa.Column('party_rule_number', sa.String(length=64), server_default='', nullable=False))
        batch.add_column(sa.Column('party_rule_signed_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('party_rule_issuer', sa.String(length=255), server_default='', nullable=False))
        batch.add_column(sa.Column('party_rule_excerpt', sa.String(length=500), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('unit') as batch:
        for column in ('party_rule_excerpt', 'party_rule_issuer', 'party_rule_signed_on', 'party_rule_number',
                       'party_rule_kind', 'term_started_on'):
            batch.drop_column(column)
    with op.batch_alter_table('person') as batch:
        batch.drop_column('party_position')
