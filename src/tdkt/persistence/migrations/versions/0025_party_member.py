"""a Party member's record: person.party_joined_on, party_confirmed_on, party_cell; party_member_rating

Revision ID: 0025_party_member
Revises: 0024_year_report
Create Date: 2026-12-08

A Party award's Báo cáo thành tích gives the member's ngày vào Đảng, ngày chính thức, chi bộ and
the xếp loại chất lượng đảng viên of the years considered, and a Party award is refused for
someone without ngày vào Đảng. People already there keep them empty until the staff file enters
them (columns of sheet Cán bộ); the yearly xếp loại is one row per member and year.
"""
from alembic import op
import sqlalchemy as sa


revision = '0025_party_member'
down_revision = '0024_year_report'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('person') as batch:
        batch.add_column(sa.Column('party_joined_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('party_confirmed_on', sa.Date(), nullable=True))
        batch.add_column(sa.Column('party_cell', sa.String(length=255), server_default='', nullable=False))
    op.create_table(
        'party_member_rating',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('rating', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['person.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('person_id', 'year'),
    )
    op.create_index('ix_party_member_rating_person_id', 'party_member_rating', ['person_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_party_member_rating_person_id', table_name='party_member_rating')
    op.drop_table('party_member_rating')
    with op.batch_alter_table('person') as batch:
        batch.drop_column('party_cell')
        batch.drop_column('party_confirmed_on')
        batch.drop_column('party_joined_on')
