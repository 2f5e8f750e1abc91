"""Several agencies in one installation: a movement belongs to the agency that launched it
(movement.agency_id), a dossier to its unit's agency (case.agency_id) and is seen by the province
once it went up (case.reached_province); each agency has its own Hội đồng (council_body keyed by
level and agency); a person record made from a nomination waits for its unit's confirmation
(person.confirmed)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07

Backfill: each dossier's agency is the nearest unit marked ``is_agency`` above its unit; each
movement's is the agency in which its launcher holds the Văn phòng's role (or, failing that, the
installation's only agency); an agency-level council goes to the installation's only agency; the
open steps of an agency's roles are offered in the dossier's agency (human_task.candidate_unit_id);
a dossier with a step of the province is marked as gone up.
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

#: the roles whose steps the agency handles (the others: a unit's, or the province's)
AGENCY_ROLES = ("appraiser", "council_secretary", "council_member", "truong_ban", "pho_truong_ban")
PROVINCE_ROLES = ("so_noi_vu", "province_council_secretary", "chu_tich_ubnd_tinh")


def _agency_of(conn) -> dict[int, int | None]:
    units = {uid: (parent, is_agency) for uid, parent, is_agency in
             conn.execute(sa.text("SELECT id, parent_id, is_agency FROM unit"))}
    found: dict[int, int | None] = {}
    for uid in units:
        seen, cur = set(), uid
        while cur is not None and cur not in seen and not units[cur][1]:
            seen.add(cur)
            cur = units[cur][0]
        found[uid] = cur
    return found


def _advance_ids(conn) -> None:
    """PostgreSQL: the copied table's id sequence continues after the rows copied with their ids."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT setval(pg_get_serial_sequence('council_body', 'id'), "
                             "coalesce((SELECT max(id) FROM council_body), 0) + 1, false)"))


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # ADD COLUMN … REFERENCES in place (as 0014): a batch would copy "case"
        op.execute('ALTER TABLE "case" ADD COLUMN agency_id INTEGER REFERENCES unit (id)')
        op.execute('ALTER TABLE "case" ADD COLUMN reached_province BOOLEAN DEFAULT 0 NOT NULL')
        op.execute('ALTER TABLE movement ADD COLUMN agency_id INTEGER REFERENCES unit (id)')
        op.execute('ALTER TABLE person ADD COLUMN confirmed BOOLEAN DEFAULT 1 NOT NULL')
    else:
        op.add_column('case', sa.Column('agency_id', sa.Integer(), sa.ForeignKey('unit.id'), nullable=True))
        op.add_column('case', sa.Column('reached_province', sa.Boolean(), server_default='0', nullable=False))
        op.add_column('movement', sa.Column('agency_id', sa.Integer(), sa.ForeignKey('unit.id'), nullable=True))
        op.add_column('person', sa.Column('confirmed', sa.Boolean(), server_default=sa.true(), nullable=False))
    op.create_index('ix_case_agency_id', 'case', ['agency_id'])
    # council_body: unique per (level, agency) instead of per level — a new table, as nothing refers to it
    op.create_table(
        'council_body_v15',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('level', sa.String(length=32), nullable=False),
        sa.Column('agency_id', sa.Integer(), nullable=True),
        sa.Column('config', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['agency_id'], ['unit.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('level', 'agency_id'),
    )
    conn = op.get_bind()
    agencies = [r[0] for r in conn.execute(sa.text("SELECT id FROM unit WHERE is_agency ORDER BY id"))]
    only = agencies[0] if len(agencies) == 1 else None
    conn.execute(sa.text("INSERT INTO council_body_v15 (id, level, agency_id, config) "
                         "SELECT id, level, CASE WHEN level = 'agency' THEN CAST(:only AS INTEGER) END, config FROM council_body"),
                 {"only": only})
    op.drop_table('council_body')
    op.rename_table('council_body_v15', 'council_body')
    _advance_ids(conn)
    # backfill
    agency_of = _agency_of(conn)
    for unit_id, agency_id in agency_of.items():
        if agency_id is not None:
            conn.execute(sa.text('UPDATE "case" SET agency_id = :a WHERE unit_id = :u'), {"a": agency_id, "u": unit_id})
    launchers = conn.execute(sa.text(
        "SELECT m.id, r.unit_id FROM movement m LEFT JOIN role_assignment r "
        "ON r.person_id = m.launched_by_id AND r.role = 'appraiser'")).all()
    for movement_id, unit_id in launchers:
        agency_id = agency_of.get(unit_id) if unit_id is not None else only
        if agency_id is not None:
            conn.execute(sa.text("UPDATE movement SET agency_id = :a WHERE id = :m AND agency_id IS NULL"),
                         {"a": agency_id, "m": movement_id})
    roles = ", ".join(f"'{r}'" for r in AGENCY_ROLES)
    conn.execute(sa.text(
        f'UPDATE human_task SET candidate_unit_id = (SELECT agency_id FROM "case" WHERE "case".id = human_task.case_id) '
        f"WHERE candidate_unit_id IS NULL AND candidate_role IN ({roles})"))
    province = ", ".join(f"'{r}'" for r in PROVINCE_ROLES)
    conn.execute(sa.text(
        f'UPDATE "case" SET reached_province = true WHERE id IN '
        f"(SELECT case_id FROM human_task WHERE candidate_role IN ({province}))"))


def downgrade() -> None:
    op.create_table(
        'council_body_v14',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('level', sa.String(length=32), nullable=False),
        sa.Column('config', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('level'),
    )
    op.get_bind().execute(sa.text(
        "INSERT INTO council_body_v14 (id, level, config) SELECT id, level, config FROM council_body "
        "WHERE id IN (SELECT min(id) FROM council_body GROUP BY level)"))
    op.drop_table('council_body')
    op.rename_table('council_body_v14', 'council_body')
    _advance_ids(op.get_bind())
    roles = ", ".join(f"'{r}'" for r in AGENCY_ROLES)
    op.get_bind().execute(sa.text(f"UPDATE human_task SET candidate_unit_id = NULL WHERE candidate_role IN ({roles})"))
    op.drop_index('ix_case_agency_id', 'case')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_column('confirmed')
    with op.batch_alter_table('movement', schema=None) as batch_op:
        batch_op.drop_column('agency_id')
    with op.batch_alter_table('case', schema=None) as batch_op:
        batch_op.drop_column('reached_province')
        batch_op.drop_column('agency_id')
