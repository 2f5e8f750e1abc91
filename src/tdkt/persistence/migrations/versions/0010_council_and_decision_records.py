"""Records the council and signing steps complete from: paper council meetings
(paper_council_record, paper_council_result), the register of documents numbered outside the
system (registered_document, registered_document_case), and the chair of each council

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-10

The council's chair (chair_role, chair_unit in council_body.config) confirms the result of a
meeting held on paper. Councils stored before this revision get the chair their level has in
the sample (seed/council.yaml): the head of the agency for the agency's council, the Chủ tịch
UBND tỉnh for the province's.
"""
from alembic import op
import sqlalchemy as sa
import tdkt.persistence.models


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

_CHAIR_KEYS = ("chair_role", "chair_unit")


def _chair(level, config):
    if level == "province":
        return {"chair_role": "chu_tich_ubnd_tinh", "chair_unit": None}
    return {"chair_role": "truong_ban", "chair_unit": config.get("unit")}


def _council_body():
    return sa.table('council_body', sa.column('id', sa.Integer), sa.column('level', sa.String),
                    sa.column('config', sa.JSON))


def upgrade() -> None:
    utc = tdkt.persistence.models.base.UtcDateTime(timezone=True)
    op.create_table(
        'paper_council_record',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('level', sa.String(length=16), nullable=False),
        sa.Column('movement_id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('held_on', sa.Date(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('members', sa.Integer(), nullable=False),
        sa.Column('present', sa.Integer(), nullable=False),
        sa.Column('attendance', sa.JSON(), nullable=False),
        sa.Column('rules', sa.JSON(), nullable=False),
        sa.Column('quota', sa.JSON(), nullable=False),
        sa.Column('minutes_filename', sa.String(length=255), nullable=False),
        sa.Column('minutes_sha256', sa.String(length=64), nullable=False),
        sa.Column('minutes_size', sa.Integer(), nullable=False),
        sa.Column('minutes_path', sa.Text(), nullable=False),
        sa.Column('recorded_by_id', sa.Integer(), nullable=False),
        sa.Column('recorded_at', utc, nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', utc, nullable=True),
        sa.Column('refusal_reason', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['movement_id'], ['movement.id']),
        sa.ForeignKeyConstraint(['round_id'], ['round.id']),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['person.id']),
        sa.ForeignKeyConstraint(['decided_by_id'], ['person.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_paper_council_record_round', 'paper_council_record', ['round_id', 'level', 'status'])
    op.create_table(
        'paper_council_result',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('record_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('nominee_kind', sa.String(length=16), nullable=False),
        sa.Column('agree', sa.Integer(), nullable=False),
        sa.Column('disagree', sa.Integer(), nullable=False),
        sa.Column('abstain', sa.Integer(), nullable=False),
        sa.Column('rank', sa.Integer(), nullable=False),
        sa.Column('tie', sa.Boolean(), nullable=False),
        sa.Column('approved', sa.Boolean(), nullable=False),
        sa.Column('selected', sa.Boolean(), nullable=False),
        sa.Column('outcome', sa.String(length=32), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('applied_at', utc, nullable=True),
        sa.ForeignKeyConstraint(['record_id'], ['paper_council_record.id']),
        sa.ForeignKeyConstraint(['case_id'], ['case.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('record_id', 'case_id'),
    )
    op.create_index('ix_paper_council_result_record_id', 'paper_council_result', ['record_id'])
    op.create_index('ix_paper_council_result_case_id', 'paper_council_result', ['case_id'])
    op.create_table(
        'registered_document',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('issuer', sa.String(length=64), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('reference', sa.String(length=64), nullable=False),
        sa.Column('signed_on', sa.Date(), nullable=False),
        sa.Column('excerpt', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('scan_filename', sa.String(length=255), nullable=False),
        sa.Column('scan_sha256', sa.String(length=64), nullable=False),
        sa.Column('scan_size', sa.Integer(), nullable=False),
        sa.Column('scan_path', sa.Text(), nullable=False),
        sa.Column('registered_by_id', sa.Integer(), nullable=False),
        sa.Column('registered_at', utc, nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', utc, nullable=True),
        sa.Column('refusal_reason', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['registered_by_id'], ['person.id']),
        sa.ForeignKeyConstraint(['decided_by_id'], ['person.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('uq_registered_document_number', 'registered_document', ['issuer', 'year', 'number'],
                    unique=True, sqlite_where=sa.text("status != 'refused'"),
                    postgresql_where=sa.text("status != 'refused'"))
    op.create_table(
        'registered_document_case',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['document_id'], ['registered_document.id']),
        sa.ForeignKeyConstraint(['case_id'], ['case.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('document_id', 'case_id'),
    )
    op.create_index('ix_registered_document_case_document_id', 'registered_document_case', ['document_id'])
    op.create_index('ix_registered_document_case_case_id', 'registered_document_case', ['case_id'])

    conn, body = op.get_bind(), _council_body()
    for row in conn.execute(sa.select(body.c.id, body.c.level, body.c.config)).all():
        config = dict(row.config)
        if "chair_role" not in config:
            conn.execute(sa.update(body).where(body.c.id == row.id).values(config={**config, **_chair(row.level, config)}))


def downgrade() -> None:
    conn, body = op.get_bind(), _council_body()
    for row in conn.execute(sa.select(body.c.id, body.c.config)).all():
        config = {k: v for k, v in row.config.items() if k not in _CHAIR_KEYS}
        conn.execute(sa.update(body).where(body.c.id == row.id).values(config=config))
    op.drop_table('registered_document_case')
    op.drop_index('uq_registered_document_number', table_name='registered_document')
    op.drop_table('registered_document')
    op.drop_table('paper_council_result')
    op.drop_table('paper_council_record')
