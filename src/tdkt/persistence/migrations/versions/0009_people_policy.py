"""Delegations with limits, supplements, nominees as people (issue 18, items 5–7)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-20

- delegation: the roles it covers, its state (pending → approved | refused), who approves it
  (approver_role, approver_unit_id) and who decided, when, with what note. A delegation made
  before this revision covered every task of the principal from the moment it was typed; it
  would now need an approval nobody gave, so each is recorded as refused with a note saying why
  (the row stays: the audit log refers to it) and the principal asks again.
- attachment.supplement: a document added after the dossier's submission, at the Văn phòng's
  request (bổ sung); documents are never replaced.
- case.nominee_person_id already exists; it was set only when the command line named an account.
  Cases of individuals without it are linked here to the one person of the case's unit whose
  name is the nominee's (NFC, case-folded, either tone-mark placement — the rule of
  tdkt.domain.vietnamese.name_key, copied so this revision stays as it was); a name shared by
  two people of the unit stays unlinked.

Downgrade: the code before this revision applies every unrevoked delegation at once, so each
delegation that is not approved is revoked first; the nominee links stay (the column is older).
"""
import unicodedata
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa
import tdkt.persistence.models


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

_TONES = frozenset("\u0300\u0301\u0309\u0303\u0323")
_LEGACY_NOTE = ("Ủy quyền lập trước khi có quy định phê duyệt (phiên bản 0008): không còn hiệu lực; "
                "hãy lập lại để cấp trên duyệt.")


def _name_key(name):
    out = []
    for word in unicodedata.normalize("NFC", name).casefold().split():
        decomposed = unicodedata.normalize("NFD", word)
        tones = "".join(c for c in decomposed if c in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES)) + tones)
    return " ".join(out)


def upgrade() -> None:
    with op.batch_alter_table('delegation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('roles', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=16), server_default='pending', nullable=False))
        batch_op.add_column(sa.Column('approver_role', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('approver_unit_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('decided_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('decided_at', tdkt.persistence.models.base.UtcDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('decision_note', sa.Text(), server_default='', nullable=False))
        batch_op.create_foreign_key('fk_delegation_approver_unit', 'unit', ['approver_unit_id'], ['id'])
        batch_op.create_foreign_key('fk_delegation_decided_by', 'person', ['decided_by_id'], ['id'])
    delegation = sa.table('delegation', sa.column('roles', sa.JSON()), sa.column('status', sa.String()),
                          sa.column('decision_note', sa.Text()))
    op.execute(delegation.update().values(roles=[], status='refused', decision_note=_LEGACY_NOTE))
    with op.batch_alter_table('delegation', schema=None) as batch_op:
        batch_op.alter_column('roles', existing_type=sa.JSON(), nullable=False)

    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('supplement', sa.Boolean(), server_default='0', nullable=False))

    _link_nominees()


def _link_nominees() -> None:
    conn = op.get_bind()
    people: dict[tuple[int, str], list[int]] = {}
    for pid, unit_id, full_name in conn.execute(sa.text("SELECT id, unit_id, full_name FROM person")):
        people.setdefault((unit_id, _name_key(full_name)), []).append(pid)
    rows = conn.execute(sa.text(
        "SELECT id, unit_id, nominee_name FROM \"case\" "
        "WHERE nominee_kind = 'individual' AND nominee_person_id IS NULL")).all()
    for case_id, unit_id, name in rows:
        found = people.get((unit_id, _name_key(name)), [])
        if len(found) == 1:
            conn.execute(sa.text("UPDATE \"case\" SET nominee_person_id = :p WHERE id = :c"),
                         {"p": found[0], "c": case_id})


def downgrade() -> None:
    delegation = sa.table('delegation', sa.column('status', sa.String()),
                          sa.column('revoked_at', tdkt.persistence.models.base.UtcDateTime(timezone=True)))
    op.execute(delegation.update().where(delegation.c.status != 'approved', delegation.c.revoked_at.is_(None))
               .values(revoked_at=datetime.now(UTC)))
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_column('supplement')
    with op.batch_alter_table('delegation', schema=None) as batch_op:
        batch_op.drop_constraint('fk_delegation_decided_by', type_='foreignkey')
        batch_op.drop_constraint('fk_delegation_approver_unit', type_='foreignkey')
        batch_op.drop_column('decision_note')
        batch_op.drop_column('decided_at')
        batch_op.drop_column('decided_by_id')
        batch_op.drop_column('approver_unit_id')
        batch_op.drop_column('approver_role')
        batch_op.drop_column('status')
        batch_op.drop_column('roles')
