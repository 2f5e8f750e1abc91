"""the decision that set a Party member's xếp loại: party_member_rating.decision_number, decided_on

Revision ID: 0028_party_rating_decision
Revises: 0027_rating_decision
Create Date: 2026-12-07

A Party award's Báo cáo thành tích states the xếp loại chất lượng đảng viên of a year with the
decision of the Party body that made it (Quyết định or Thông báo of the Đảng ủy, chi bộ: số, ký
hiệu and ngày), and only once decided by the report's date — as the state's yearly rating does
(0027). Both columns are nullable: a xếp loại entered before stays, without its decision.
"""
from alembic import op
import sqlalchemy as sa


revision = '0028_party_rating_decision'
down_revision = '0027_rating_decision'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('party_member_rating') as batch:
        batch.add_column(sa.Column('decision_number', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('decided_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('party_member_rating') as batch:
        batch.drop_column('decided_on')
        batch.drop_column('decision_number')
