"""the Đảng ủy's meeting on Party awards: party_meeting, party_meeting_member, party_meeting_vote

Revision ID: 0030_party_meeting
Revises: 0029_register_opening
Create Date: 2026-12-08

The Đảng ủy's Quyết định tặng Giấy khen and its Tờ trình rest on what its committee agreed at a
meeting; the meeting is now recorded (day, time, place, the members present and absent with why,
chair, thư ký, the vote on each dossier) and its Biên bản issued from it. New tables only.
"""
from alembic import op
import sqlalchemy as sa


revision = '0030_party_meeting'
down_revision = '0029_register_opening'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'party_meeting',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('party_unit_id', sa.Integer(), sa.ForeignKey('unit.id'), nullable=False),
        sa.Column('movement_id', sa.Integer(), sa.ForeignKey('movement.id'), nullable=False),
        sa.Column('held_on', sa.Date(), nullable=False),
        sa.Column('opened_at', sa.Time(), nullable=False),
        sa.Column('closed_at', sa.Time(), nullable=False),
        sa.Column('place', sa.String(length=255), nullable=False),
        sa.Column('chair_id', sa.Integer(), sa.ForeignKey('person.id'), nullable=False),
        sa.Column('clerk_id', sa.Integer(), sa.ForeignKey('person.id'), nullable=False),
        sa.Column('members_total', sa.Integer(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), sa.ForeignKey('person.id'), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index('ix_party_meeting_party_unit_id', 'party_meeting', ['party_unit_id'])
    op.create_table(
        'party_meeting_member',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('meeting_id', sa.Integer(), sa.ForeignKey('party_meeting.id', ondelete='CASCADE'), nullable=False),
        sa.Column('person_id', sa.Integer(), sa.ForeignKey('person.id'), nullable=False),
        sa.Column('post', sa.String(length=16), nullable=False),
        sa.Column('party_position', sa.String(length=255), nullable=False),
        sa.Column('present', sa.Boolean(), nullable=False),
        sa.Column('absence_reason', sa.String(length=255), nullable=False),
        sa.UniqueConstraint('meeting_id', 'person_id'),
    )
    op.create_table(
        'party_meeting_vote',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('meeting_id', sa.Integer(), sa.ForeignKey('party_meeting.id', ondelete='CASCADE'), nullable=False),
        sa.Column('case_id', sa.Integer(), sa.ForeignKey('case.id'), nullable=False),
        sa.Column('agree', sa.Integer(), nullable=False),
        sa.Column('disagree', sa.Integer(), nullable=False),
        sa.Column('approved', sa.Boolean(), nullable=False),
        sa.UniqueConstraint('meeting_id', 'case_id'),
    )
    op.create_index('ix_party_meeting_vote_case_id', 'party_meeting_vote', ['case_id'])


def downgrade() -> None:
    op.drop_index('ix_party_meeting_vote_case_id', 'party_meeting_vote')
    op.drop_table('party_meeting_vote')
    op.drop_table('party_meeting_member')
    op.drop_index('ix_party_meeting_party_unit_id', 'party_meeting')
    op.drop_table('party_meeting')
