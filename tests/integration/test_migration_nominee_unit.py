"""Migration 0018 (a collective nominee is a unit record): earlier dossiers of a collective named
as their unit, or as a unit directly under it, are linked to it; a collective that is no unit (a
tổ) and every individual stay unlinked; down and up again gives the same links."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tdkt.services.nominations.opening import NewNomination, create_nomination
from tests.integration.conftest import MOVEMENT
from tests.integration.migration_support import upgraded_from

pytestmark = pytest.mark.both_databases


def test_earlier_collectives_named_as_their_unit_are_linked_to_it(rt) -> None:  # type: ignore[no-untyped-def]
    def nominate(name: str, kind: str = "collective") -> int:
        return create_nomination(rt, "qldt.canbo", NewNomination(MOVEMENT, name, "giay_khen_truong_ban",
                                                                 nominee_kind=kind))  # type: ignore[arg-type]

    own, team, person = nominate("Phòng Quản lý Đầu tư"), nominate("Tổ thẩm định dự án"), nominate("Vi Thị Hồng",
                                                                                                    "individual")
    with upgraded_from(rt, "0017") as c:
        query = text('SELECT id, nominee_unit_id = unit_id FROM "case" WHERE id IN (:a, :b, :c)')
        links = {i: v for i, v in c.execute(query, {"a": own, "b": team, "c": person})}
    assert {k: (None if v is None else bool(v)) for k, v in links.items()} == {own: True, team: None, person: None}
