"""person.session_epoch: a password change, a reset or "sign out everywhere" ends other sessions

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26

Web sessions are signed cookies kept by the browser; each carries the epoch it was opened in,
and a session whose epoch is behind the person's is refused.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_epoch', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('session_epoch')
