"""the decision that set a yearly rating: yearly_rating.decision_number, decided_on

Revision ID: 0027_rating_decision
Revises: 0026_yearly_rating
Create Date: 2026-12-07

A Báo cáo thành tích states a year's kết quả đánh giá, xếp loại only when it was decided by the
report's date, citing the decision (số, ký hiệu and ngày). Both columns are nullable: a rating
entered before stays, without a decision — no document rests on it until one is entered.
"""
from alembic import op
import sqlalchemy as sa


revision = '0027_rating_decision'
down_revision = '0026_yearly_rating'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('yearly_rating') as batch:
        batch.add_column(sa.Column('decision_number', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('decided_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('yearly_rating') as batch:
        batch.drop_column('decided_on')
        batch.drop_column('decision_number')
