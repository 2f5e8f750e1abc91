"""case.nominee_gender, case.collective_staff, case.collective_women: what the nomination declares
for the women's priority at the quota line (khoản 6 Điều 4 NĐ 152/2025/NĐ-CP)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-10

An individual's gender (female | male), a collective's number of members and of women. All
nullable: dossiers opened before this revision did not declare them, and for them the priority
cannot apply (the council's minutes say so).
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('nominee_gender', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('collective_staff', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('collective_women', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('case', schema=None) as batch_op:
        batch_op.drop_column('collective_women')
        batch_op.drop_column('collective_staff')
        batch_op.drop_column('nominee_gender')
