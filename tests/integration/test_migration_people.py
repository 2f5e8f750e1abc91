"""Migration 0009 on an installation made before it (issue 18, items 5–7): a delegation typed
under the old rules applied at once, so it is recorded as refused (never silently approved);
existing dossiers of individuals are linked to the person of their unit by name; going back
down revokes every delegation that is not approved, since the old code would apply it."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from tdkt.persistence.migrate import alembic_config, upgrade
from tdkt.services.people.delegation import delegations
from tdkt.services.route import steps as route
from tests.integration.conftest import new_case
from tests.integration.probes import add_person

# Both databases: a migration that fills and alters rows.
pytestmark = pytest.mark.both_databases


def test_old_delegations_are_refused_and_dossiers_are_linked_to_their_nominee(rt):
    add_person(rt, "qldt.thuy", "Nguyễn Thị Thủy", "QLDT")
    add_person(rt, "qldt.hoa", "Lê Văn Hòa", "QLDT")
    linked = new_case(rt, nominee="Nguyễn Thị Thuỷ")
    twice = new_case(rt, nominee="Lê Văn Hoà")
    add_person(rt, "qldt.hoa2", "Lê Văn Hoà", "QLDT")  # the same name, the other tone placement
    route.submit_dossier(rt, "qldt.canbo", linked)
    url = rt.settings.db_url
    rt.engine.dispose()
    command.downgrade(alembic_config(url), "0008")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text('UPDATE "case" SET nominee_person_id = NULL'))
        ids = dict(conn.execute(text("SELECT username, id FROM person")).all())
        conn.execute(text("INSERT INTO delegation (principal_id, deputy_id, starts_on, ends_on, reason, created_at) "
                          "VALUES (:p, :d, '2026-01-01', '2099-01-01', 'cũ', '2026-01-01 00:00:00+00')"),
                     {"p": ids["hd.thuky"], "d": ids["qlqh.canbo"]})
    upgrade(url)
    with engine.connect() as conn:
        people = dict(conn.execute(text('SELECT id, nominee_person_id FROM "case"')).all())
    assert people[linked] == ids["qldt.thuy"] and people[twice] is None  # two people have that name
    (old,) = delegations(rt, "hd.thuky")
    assert (old.status, old.active, old.roles) == ("refused", False, ())
    assert "trước khi có quy định phê duyệt" in old.decision_note

    with engine.begin() as conn:
        conn.execute(text("UPDATE delegation SET status = 'approved'"))
        conn.execute(text("INSERT INTO delegation (principal_id, deputy_id, starts_on, ends_on, reason, created_at, "
                          "roles, status) VALUES (:p, :d, '2026-01-01', '2099-01-01', '', "
                          "'2026-01-01 00:00:00+00', '[]', 'pending')"),
                     {"p": ids["qldt.canbo"], "d": ids["qldt.thuy"]})
    command.downgrade(alembic_config(url), "0008")
    with engine.connect() as conn:
        revoked = [r[0] is not None for r in conn.execute(text("SELECT revoked_at FROM delegation ORDER BY id"))]
    assert revoked == [False, True]  # the approved one stays; the pending one would apply at once
    upgrade(url)
    engine.dispose()
