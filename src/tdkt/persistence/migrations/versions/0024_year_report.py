"""the Văn phòng's đánh giá of the agency's báo cáo sơ kết 6 tháng / tổng kết năm: plan_obligation.assessment

Revision ID: 0024_year_report
Revises: 0023_party_term
Create Date: 2026-12-07

The báo cáo an obligation of the province's calendar asks for (sơ kết 6 tháng, tổng kết năm)
gives, after the results counted from the database, the đánh giá (ưu điểm, hạn chế, nguyên
nhân), the phương hướng and the kiến nghị the Văn phòng enters (issue 13); it is refused until
they are entered. Kept on the obligation, as the movement reports keep theirs (0020).
"""
from alembic import op
import sqlalchemy as sa

from tdkt.persistence.models.base import UtcDateTime


revision = '0024_year_report'
down_revision = '0023_party_term'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('plan_obligation') as batch:
        batch.add_column(sa.Column('assessment', sa.JSON(), nullable=True))
        batch.add_column(sa.Column('assessment_by_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('assessment_at', UtcDateTime(timezone=True), nullable=True))
        batch.create_foreign_key('fk_plan_obligation_assessment_by_id_person', 'person', ['assessment_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('plan_obligation') as batch:
        batch.drop_constraint('fk_plan_obligation_assessment_by_id_person', type_='foreignkey')
        batch.drop_column('assessment_at')
        batch.drop_column('assessment_by_id')
        batch.drop_column('assessment')
