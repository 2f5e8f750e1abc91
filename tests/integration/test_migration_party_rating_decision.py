"""Migration 0028 (the decision that made a Party member's xếp loại): an installation upgrading
keeps the xếp loại it entered, with no decision recorded; the Báo cáo thành tích states such a
year by its level alone until the decision is entered."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, text

from tests.integration.migration_support import upgraded_from

pytestmark = pytest.mark.both_databases


def _rated(c: Connection) -> None:
    person = c.execute(text("SELECT min(id) FROM person")).scalar_one()
    c.execute(text("INSERT INTO party_member_rating (person_id, year, rating) "
                   "VALUES (:p, 2024, 'Hoàn thành xuất sắc nhiệm vụ')"), {"p": person})


def test_an_installation_upgrading_keeps_its_party_ratings_without_a_decision(rt) -> None:
    with upgraded_from(rt, "0027_rating_decision", _rated) as c:
        rows = c.execute(text("SELECT year, rating, decision_number, decided_on FROM party_member_rating")).all()
    assert [tuple(r) for r in rows] == [(2024, "Hoàn thành xuất sắc nhiệm vụ", None, None)]
