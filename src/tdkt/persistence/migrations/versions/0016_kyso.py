"""Ký số: the lookup code (mã tra cứu) printed on an issued PDF, by which the public page /verify
finds the document in the register (issued_document.lookup_code, unique); the Báo cáo thành tích
as the unit entered it (case.achievement_report, JSON)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('issued_document') as batch:
        batch.add_column(sa.Column('lookup_code', sa.String(length=16), nullable=True))
        batch.create_index('ix_issued_document_lookup_code', ['lookup_code'], unique=True)
    with op.batch_alter_table('case') as batch:
        batch.add_column(sa.Column('achievement_report', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('case') as batch:
        batch.drop_column('achievement_report')
    with op.batch_alter_table('issued_document') as batch:
        batch.drop_index('ix_issued_document_lookup_code')
        batch.drop_column('lookup_code')
