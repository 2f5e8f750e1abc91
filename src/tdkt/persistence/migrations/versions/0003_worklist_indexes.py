"""worklist indexes: the queue and the archive walk an index in page order

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

The inbox (hộp việc) asks for the ready tasks of an assignee in due order; the queue (hàng chờ)
per candidate (role, unit or agency-wide) for unclaimed ready tasks in due order; the archive
(đã xử lý) for one person's completed tasks, newest first. With these
indexes each page reads about one page of rows, whatever the size of human_task
(bench/bench_inbox.py: 1,000,000 tasks on PostgreSQL). The candidate unit is indexed as
coalesce(candidate_unit_id, 0): an IS NULL condition on an index column stops PostgreSQL from
using the columns after it for the order. Written by hand (the expression index is not in the
models; autogenerate must not drop it).
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_human_task_queue', 'human_task',
                    ['state', 'candidate_role', sa.text('coalesce(candidate_unit_id, 0)'), 'due_at', 'id'])
    op.create_index('ix_human_task_inbox', 'human_task', ['assignee_id', 'state', 'due_at', 'id'])
    op.create_index('ix_human_task_archive', 'human_task', ['completed_by_id', 'state', 'completed_at', 'id'])


def downgrade() -> None:
    op.drop_index('ix_human_task_archive', table_name='human_task')
    op.drop_index('ix_human_task_inbox', table_name='human_task')
    op.drop_index('ix_human_task_queue', table_name='human_task')
