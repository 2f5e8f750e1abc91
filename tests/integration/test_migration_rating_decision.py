"""Migration 0027 (the decision that set a yearly rating): an installation upgrading keeps the
ratings it entered, with no decision recorded — a report resting on one is refused, naming where
to give its số and ngày, until it is."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, text

from tests.integration.migration_support import upgraded_from

pytestmark = pytest.mark.both_databases


def _rated(c: Connection) -> None:
    person = c.execute(text("SELECT min(id) FROM person")).scalar_one()
    c.execute(text("INSERT INTO yearly_rating (person_id, year, rating) VALUES (:p, 2025, 'Hoàn thành tốt nhiệm vụ')"),
              {"p": person})


def test_an_installation_upgrading_keeps_its_ratings_without_a_decision(rt) -> None:
    with upgraded_from(rt, "0026_yearly_rating", _rated) as c:
        rows = c.execute(text("SELECT year, rating, decision_number, decided_on FROM yearly_rating")).all()
    assert [tuple(r) for r in rows] == [(2025, "Hoàn thành tốt nhiệm vụ", None, None)]
