"""The audit log becomes hash-chained: audit_entry.seq, prev_hash, hash and the one-row
audit_chain_head

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10

The rows an installation already has are chained here, in id order (seq 1, 2, 3 …, each hash
computed as tdkt.domain.audit_chain says), and the head is set to the last of them, so that
``tdkt audit verify`` passes right after the upgrade. From then on only the audit service
appends, under the head row's lock.
"""
from alembic import op
import sqlalchemy as sa

from tdkt.domain.audit_chain import GENESIS, ChainHead, EntryContent, chain
from tdkt.persistence.models.base import UtcDateTime


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_BATCH = 5000  # rows read and updated at a time: memory stays flat on a long log


def upgrade() -> None:
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))
    head_table = op.create_table(
        'audit_chain_head',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('seq', sa.Integer(), nullable=False),
        sa.Column('hash', sa.String(length=64), nullable=False),
        sa.CheckConstraint('id = 1', name='ck_audit_chain_head_one_row'),
        sa.PrimaryKeyConstraint('id'),
    )
    head = _chain_existing(op.get_bind())
    op.bulk_insert(head_table, [{"id": 1, "seq": head.seq, "hash": head.hash}])
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.alter_column('seq', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index(batch_op.f('ix_audit_entry_seq'), ['seq'], unique=True)


def _chain_existing(conn: sa.Connection) -> ChainHead:
    """Chain the rows in id order, a batch at a time; returns the head."""
    entry = sa.table(
        'audit_entry', sa.column('id', sa.Integer), sa.column('at', UtcDateTime()),
        sa.column('event', sa.String), sa.column('actor_id', sa.Integer), sa.column('on_behalf_of_id', sa.Integer),
        sa.column('case_id', sa.Integer), sa.column('task_name', sa.String), sa.column('action_id', sa.String),
        sa.column('from_status', sa.String), sa.column('to_status', sa.String), sa.column('detail', sa.JSON),
        sa.column('seq', sa.Integer), sa.column('prev_hash', sa.String), sa.column('hash', sa.String),
    )
    fields = ('at', 'event', 'actor_id', 'on_behalf_of_id', 'case_id', 'task_name', 'action_id', 'from_status',
              'to_status', 'detail')
    head, last_id = ChainHead(0, GENESIS), None
    while True:
        query = sa.select(entry.c.id, *(entry.c[f] for f in fields)).order_by(entry.c.id).limit(_BATCH)
        if last_id is not None:
            query = query.where(entry.c.id > last_id)
        rows = conn.execute(query).all()
        if not rows:
            return head
        links = chain(head, [EntryContent(**{f: getattr(r, f) for f in fields}) for r in rows])
        conn.execute(sa.update(entry).where(entry.c.id == sa.bindparam('row_id')).values(
            seq=sa.bindparam('s'), prev_hash=sa.bindparam('p'), hash=sa.bindparam('h')),
            [{"row_id": r.id, "s": s, "p": p, "h": h} for r, (s, p, h) in zip(rows, links, strict=True)])
        head, last_id = ChainHead(links[-1][0], links[-1][2]), rows[-1].id


def downgrade() -> None:
    op.drop_table('audit_chain_head')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_seq'))
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('seq')
