"""Installation data in the database: the agency's thể thức (unit.is_agency, parent_name,
place, abbreviation) and the councils of each level (council_body)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

Until now documents and council sessions read these from the sample files inside the package
(seed/organisation.yaml, seed/council.yaml) at run time. An installation made before this
revision was made from those samples, so its rows are filled from them once, here; from now on
the database is the only source.
"""
from importlib.resources import files

from alembic import op
import sqlalchemy as sa
import yaml


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def _sample(name):
    return yaml.safe_load(files("tdkt.seed").joinpath(name).read_text(encoding="utf-8"))


def upgrade() -> None:
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_agency', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('parent_name', sa.String(length=255), server_default='', nullable=False))
        batch_op.add_column(sa.Column('place', sa.String(length=128), server_default='', nullable=False))
        batch_op.add_column(sa.Column('abbreviation', sa.String(length=32), server_default='', nullable=False))
    council_body = op.create_table(
        'council_body',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('level', sa.String(length=32), nullable=False),
        sa.Column('config', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('level'),
    )
    # Backfill an installation made from the samples before this revision.
    conn = op.get_bind()
    agency = _sample("organisation.yaml")["agency"]
    unit = sa.table('unit', sa.column('code', sa.String), sa.column('is_agency', sa.Boolean),
                    sa.column('parent_name', sa.String), sa.column('place', sa.String),
                    sa.column('abbreviation', sa.String))
    found = conn.execute(sa.update(unit).where(unit.c.code == agency["code"]).values(
        is_agency=True, parent_name=agency.get("parent_name", ""), place=agency.get("place", ""),
        abbreviation=agency.get("abbreviation", ""))).rowcount
    if found:
        op.bulk_insert(council_body, [{"level": level, "config": config}
                                      for level, config in _sample("council.yaml").items()])


def downgrade() -> None:
    op.drop_table('council_body')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_column('abbreviation')
        batch_op.drop_column('place')
        batch_op.drop_column('parent_name')
        batch_op.drop_column('is_agency')
