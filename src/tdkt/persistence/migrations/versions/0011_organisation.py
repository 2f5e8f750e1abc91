"""Organisation as the operator's data (issue 19): people with their particulars, deactivation,
installation-wide roles, the head of agency's title

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-21

- person: giới tính, ngày sinh, điện thoại, and ``active`` — people leave by deactivation, never
  deletion, so their history stays; ``unit_id`` may be empty (the first administrator, made on
  an empty installation before any unit exists).
- role_assignment.unit_id may be empty: a role for the whole installation (quản trị hệ thống).
- unit.head_title: the title of the head of an agency (Trưởng ban, Giám đốc, Chủ tịch…), which
  the route, pages and documents print; filled here from the title of the person who holds the
  head's role in it, so an installation made before keeps the words it printed.
- unit.kind: cơ quan, phòng, trung tâm, đơn vị trực thuộc, cấp tỉnh (free text of the staff file).
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gender', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('birth_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('phone', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.alter_column('unit_id', existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table('role_assignment', schema=None) as batch_op:
        batch_op.alter_column('unit_id', existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('head_title', sa.String(length=64), server_default='', nullable=False))
        batch_op.add_column(sa.Column('kind', sa.String(length=32), server_default='', nullable=False))
    op.execute(sa.text(
        "UPDATE unit SET head_title = COALESCE((SELECT MIN(person.title) FROM person JOIN role_assignment ra "
        "ON ra.person_id = person.id WHERE ra.role = 'truong_ban' AND ra.unit_id = unit.id), '') "
        "WHERE is_agency"))


def downgrade() -> None:
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_column('kind')
        batch_op.drop_column('head_title')
    op.execute(sa.text("DELETE FROM role_assignment WHERE unit_id IS NULL"))
    with op.batch_alter_table('role_assignment', schema=None) as batch_op:
        batch_op.alter_column('unit_id', existing_type=sa.Integer(), nullable=False)
    op.execute(sa.text("UPDATE person SET unit_id = (SELECT MIN(id) FROM unit) WHERE unit_id IS NULL"))
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.alter_column('unit_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('active')
        batch_op.drop_column('phone')
        batch_op.drop_column('birth_date')
        batch_op.drop_column('gender')
