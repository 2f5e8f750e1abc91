"""the opening state of an issuer's register: register_opening

Revision ID: 0029_register_opening
Revises: 0028_party_rating_decision
Create Date: 2026-12-08

An agency that starts using the system part-way through a year has issued documents outside it:
the văn thư records «số văn bản đi đã cấp đến ngày dd/mm/yyyy: N» of its register (per issuer,
year and day), and the next number the system gives on a later day continues after N (NĐ
30/2020/NĐ-CP, Điều 15: numbered in order of issue through the year).
"""
from alembic import op
import sqlalchemy as sa


revision = '0029_register_opening'
down_revision = '0028_party_rating_decision'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'register_opening',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('issuer', sa.String(length=64), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('as_of', sa.Date(), nullable=False),
        sa.Column('last_number', sa.Integer(), nullable=False),
        sa.UniqueConstraint('issuer', 'year', 'as_of'),
    )


def downgrade() -> None:
    op.drop_table('register_opening')
