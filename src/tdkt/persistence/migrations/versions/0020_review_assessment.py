"""the Văn phòng's đánh giá of a movement's báo cáo sơ kết / tổng kết: review_assessment

Revision ID: 0020_review_assessment
Revises: 0019_obligation_done
Create Date: 2026-12-07

A báo cáo sơ kết or tổng kết of a movement has, after its figures, the assessment only the
Văn phòng can write — ưu điểm, hạn chế and their nguyên nhân, bài học kinh nghiệm, phương
hướng, nhiệm vụ, kiến nghị (issue 13). One row per movement and report (``scope``: ``dot-<n>``,
``so_ket``, ``tong_ket``, ``phong-trao``); the report is refused until it is entered.
"""
from alembic import op
import sqlalchemy as sa

from tdkt.persistence.models.base import UtcDateTime


revision = '0020_review_assessment'
down_revision = '0019_obligation_done'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'review_assessment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('movement_id', sa.Integer(), nullable=False),
        sa.Column('scope', sa.String(length=32), nullable=False),
        sa.Column('content', sa.JSON(), nullable=False),
        sa.Column('entered_by_id', sa.Integer(), nullable=False),
        sa.Column('entered_at', UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['entered_by_id'], ['person.id']),
        sa.ForeignKeyConstraint(['movement_id'], ['movement.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('movement_id', 'scope'),
    )
    op.create_index('ix_review_assessment_movement_id', 'review_assessment', ['movement_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_review_assessment_movement_id', table_name='review_assessment')
    op.drop_table('review_assessment')
