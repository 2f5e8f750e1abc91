"""Signing in kept on the server (issue 14): web sessions and the login throttle

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06

- web_session: one row per signed-in browser; the cookie carries a random token whose SHA-256
  is stored here, so logout, a password change, a reset, "sign out everywhere" and deactivation
  end a session at once in every process (a copied cookie stops working).
- login_throttle: failed logins per typed name and per client address, shared by every worker
  and kept across restarts (growing delays per name, a limit per address).
Sessions opened before this revision lived only in cookies: they end (everyone signs in again).
"""
from alembic import op
import sqlalchemy as sa

from tdkt.persistence.models.base import UtcDateTime


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'web_session',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('epoch', sa.Integer(), nullable=False),
        sa.Column('created_at', UtcDateTime(), nullable=False),
        sa.Column('last_seen_at', UtcDateTime(), nullable=False),
        sa.Column('expires_at', UtcDateTime(), nullable=False),
        sa.Column('revoked_at', UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['person_id'], ['person.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('token_hash'),
    )
    op.create_index('ix_web_session_person', 'web_session', ['person_id', 'revoked_at'], unique=False)
    op.create_table(
        'login_throttle',
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('next_at', UtcDateTime(), nullable=False),
        sa.Column('window_start', UtcDateTime(), nullable=False),
        sa.Column('window_count', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('key'),
    )


def downgrade() -> None:
    op.drop_table('login_throttle')
    op.drop_index('ix_web_session_person', table_name='web_session')
    op.drop_table('web_session')
