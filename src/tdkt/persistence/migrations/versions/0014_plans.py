"""Plans in the database with their history (plan_version; movement.plan_version points at the
current one; case.plan_version_id keeps the version a dossier was opened under) and the working
calendar's moved days (calendar_day)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07

Every movement launched before this revision gets its version 1: the plan it was launched with
(movement.definition), by who launched it, when; its dossiers point at that version.
"""
from alembic import op
import sqlalchemy as sa
import tdkt.persistence.models


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    utc = tdkt.persistence.models.base.UtcDateTime(timezone=True)
    op.create_table(
        'plan_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('movement_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('definition', sa.JSON(), nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=False),
        sa.Column('created_at', utc, nullable=False),
        sa.ForeignKeyConstraint(['movement_id'], ['movement.id']),
        sa.ForeignKeyConstraint(['created_by_id'], ['person.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('movement_id', 'number'),
    )
    op.create_index('ix_plan_version_movement_id', 'plan_version', ['movement_id'])
    op.create_table(
        'calendar_day',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('document', sa.String(length=255), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('entered_by_id', sa.Integer(), nullable=True),
        sa.Column('entered_at', utc, nullable=False),
        sa.ForeignKeyConstraint(['entered_by_id'], ['person.id']),
        sa.PrimaryKeyConstraint('day'),
    )
    with op.batch_alter_table('movement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('plan_version', sa.Integer(), server_default='1', nullable=False))
    if op.get_bind().dialect.name == "sqlite":
        # ADD COLUMN … REFERENCES in place: a batch would copy "case", and dropping the old table
        # with foreign keys on fails as soon as anything refers to a dossier
        op.execute('ALTER TABLE "case" ADD COLUMN plan_version_id INTEGER REFERENCES plan_version (id)')
    else:
        with op.batch_alter_table('case', schema=None) as batch_op:
            batch_op.add_column(sa.Column('plan_version_id', sa.Integer(), nullable=True))
            batch_op.create_foreign_key('fk_case_plan_version_id', 'plan_version', ['plan_version_id'], ['id'])

    conn = op.get_bind()
    movement = sa.table('movement', sa.column('id', sa.Integer), sa.column('definition', sa.JSON),
                        sa.column('launched_by_id', sa.Integer), sa.column('launched_at', utc))
    version = sa.table('plan_version', sa.column('id', sa.Integer), sa.column('movement_id', sa.Integer),
                       sa.column('number', sa.Integer), sa.column('definition', sa.JSON),
                       sa.column('source', sa.Text), sa.column('note', sa.Text),
                       sa.column('created_by_id', sa.Integer), sa.column('created_at', utc))
    case = sa.table('case', sa.column('movement_id', sa.Integer), sa.column('plan_version_id', sa.Integer))
    for row in conn.execute(sa.select(movement.c.id, movement.c.definition, movement.c.launched_by_id,
                                      movement.c.launched_at).order_by(movement.c.id)).all():
        conn.execute(sa.insert(version).values(
            movement_id=row.id, number=1, definition=row.definition, source="",
            note="Kế hoạch khi phát động (trước khi có lịch sử phiên bản)",
            created_by_id=row.launched_by_id, created_at=row.launched_at))
        version_id = conn.execute(sa.select(version.c.id).where(version.c.movement_id == row.id,
                                                                 version.c.number == 1)).scalar_one()
        conn.execute(sa.update(case).where(case.c.movement_id == row.id).values(plan_version_id=version_id))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite copies "case" to drop a column with a foreign key; the migration environment runs
        # with foreign keys off and checks them all before committing (migrations/env.py)
        with op.batch_alter_table('case', schema=None) as batch_op:
            batch_op.drop_column('plan_version_id')
    else:
        with op.batch_alter_table('case', schema=None) as batch_op:
            batch_op.drop_constraint('fk_case_plan_version_id', type_='foreignkey')
            batch_op.drop_column('plan_version_id')
    with op.batch_alter_table('movement', schema=None) as batch_op:
        batch_op.drop_column('plan_version')
    op.drop_table('calendar_day')
    op.drop_index('ix_plan_version_movement_id', table_name='plan_version')
    op.drop_table('plan_version')
