"""Sealed council ballots: sealed_ballot and opened_ballot, the session's public key, count
time and ballot digest

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-10

Until now a vote wrote its receipt (who) and its plaintext choices (how) in one transaction, so the
WAL, PostgreSQL's xmin or dead tuples linked them. From this revision a vote writes one sealed box
(sealed_ballot) that only the session's private key — a file outside the database — opens; the
count at the close writes the opened ballots (opened_ballot) in one transaction and deletes the
sealed ones. ballot_choice stays, read-only, with the choices of sessions closed before.

A session still open holds plaintext choices and has no key: its ballots cannot be sealed after
the fact, so the upgrade refuses to run until such sessions are closed (with the previous
version). The downgrade refuses while sealed ballots exist (they would be lost); opened ballots
go back into ballot_choice, one row per choice, as the previous version kept them.
"""
import random
import secrets

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

SESSION_COLUMNS = ('ballot_public_key', 'ballots_counted_at', 'ballot_digest')


def upgrade() -> None:
    conn = op.get_bind()
    still_open = [r[0] for r in conn.execute(sa.text(
        "SELECT id FROM council_session WHERE status = 'open' ORDER BY id"))]
    if still_open:
        raise RuntimeError(
            f"Không nâng cấp được: phiên họp Hội đồng số {', '.join(map(str, still_open))} đang mở, với phiếu "
            "chưa niêm phong. Hãy kết thúc các phiên họp này bằng phiên bản đang chạy rồi nâng cấp lại. / "
            f"Upgrade refused: council sessions {still_open} are open with unsealed ballots; close them with "
            "the running version, then upgrade.")
    with op.batch_alter_table('council_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ballot_public_key', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('ballots_counted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('ballot_digest', sa.String(length=64), nullable=True))
    op.create_table(
        'sealed_ballot',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('box', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['council_session.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sqlite_with_rowid=False,
    )
    op.create_index('ix_sealed_ballot_session', 'sealed_ballot', ['session_id'], unique=False)
    op.create_table(
        'opened_ballot',
        sa.Column('id', sa.String(length=32), nullable=False),
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('choices', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['session_id'], ['council_session.id'], ),
        sa.PrimaryKeyConstraint('id'),
        sqlite_with_rowid=False,
    )
    op.create_index('ix_opened_ballot_session', 'opened_ballot', ['session_id'], unique=False)


def downgrade() -> None:
    conn = op.get_bind()
    sealed = conn.execute(sa.text("SELECT DISTINCT session_id FROM sealed_ballot ORDER BY session_id")).all()
    if sealed:
        raise RuntimeError(
            f"Downgrade refused: council sessions {[r[0] for r in sealed]} hold sealed ballots that the "
            "previous version cannot read; close them first.")
    opened = sa.table('opened_ballot', sa.column('session_id', sa.Integer), sa.column('choices', sa.JSON))
    rows = [{"id": secrets.token_hex(16), "session_id": session_id, "case_id": int(case_id), "choice": choice}
            for session_id, choices in conn.execute(sa.select(opened.c.session_id, opened.c.choices))
            for case_id, choice in choices]
    random.SystemRandom().shuffle(rows)  # no ballot's choices side by side
    if rows:
        choice = sa.table('ballot_choice', sa.column('id', sa.String), sa.column('session_id', sa.Integer),
                          sa.column('case_id', sa.Integer), sa.column('choice', sa.String))
        op.bulk_insert(choice, rows)
    op.drop_index('ix_opened_ballot_session', table_name='opened_ballot')
    op.drop_table('opened_ballot')
    op.drop_index('ix_sealed_ballot_session', table_name='sealed_ballot')
    op.drop_table('sealed_ballot')
    for column in reversed(SESSION_COLUMNS):  # a plain ALTER: SQLite ≥ 3.35 drops a simple column
        op.drop_column('council_session', column)
