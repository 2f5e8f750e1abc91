"""Migration 0026 (the yearly kết quả đánh giá, xếp loại): an installation upgrading keeps its
people and units with no rating entered — a report needing one is refused until it is."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.integration.migration_support import upgraded_from

pytestmark = pytest.mark.both_databases


def test_an_installation_upgrading_keeps_its_people_without_a_yearly_rating(rt) -> None:
    with upgraded_from(rt, "0025_party_member") as c:
        assert c.execute(text("SELECT count(*) FROM person")).scalar_one() > 0
        assert c.execute(text("SELECT count(*) FROM yearly_rating")).scalar_one() == 0
