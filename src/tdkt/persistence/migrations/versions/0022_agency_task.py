"""the agency's own part of a calendar item it is reminded of: plan_obligation.agency_task

Revision ID: 0022_agency_task
Revises: 0021_citations
Create Date: 2026-12-07

An item of the province's calendar reminded to a unit of the agency says what the province
does ("Tổ chức lớp bồi dưỡng nghiệp vụ…"); the agency's Kế hoạch, reports, reminders and the
Lịch công tác page give the agency's own part ("Cử công chức Văn phòng dự lớp bồi dưỡng…"),
the province's item as its basis (issue 13). Rows loaded before keep NULL until the calendar is
loaded again (the loader fills it).
"""
from alembic import op
import sqlalchemy as sa


revision = '0022_agency_task'
down_revision = '0021_citations'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('plan_obligation') as batch:
        batch.add_column(sa.Column('agency_task', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('plan_obligation') as batch:
        batch.drop_column('agency_task')
