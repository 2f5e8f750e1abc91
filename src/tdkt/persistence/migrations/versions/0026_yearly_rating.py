"""the yearly kết quả đánh giá, xếp loại of a person or a unit: yearly_rating

Revision ID: 0026_yearly_rating
Revises: 0025_party_member
Create Date: 2026-12-07

A plan's tiêu chuẩn names the year's rating («Hoàn thành tốt nhiệm vụ công tác năm 2025 trở
lên») and a Bằng khen of the Thủ tướng rests on five years of «hoàn thành xuất sắc nhiệm vụ»: the
Báo cáo thành tích states them from this table, one row per person (or unit) and year. Nothing
is entered for those already there: a report needing a rating is refused until it is.
"""
from alembic import op
import sqlalchemy as sa


revision = '0026_yearly_rating'
down_revision = '0025_party_member'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'yearly_rating',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=True),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('rating', sa.String(length=64), nullable=False),
        sa.CheckConstraint('(person_id IS NULL) <> (unit_id IS NULL)', name='ck_yearly_rating_one_owner'),
        sa.ForeignKeyConstraint(['person_id'], ['person.id']),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('person_id', 'year'),
        sa.UniqueConstraint('unit_id', 'year'),
    )
    op.create_index('ix_yearly_rating_person_id', 'yearly_rating', ['person_id'], unique=False)
    op.create_index('ix_yearly_rating_unit_id', 'yearly_rating', ['unit_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_yearly_rating_unit_id', table_name='yearly_rating')
    op.drop_index('ix_yearly_rating_person_id', table_name='yearly_rating')
    op.drop_table('yearly_rating')
