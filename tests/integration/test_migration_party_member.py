"""Migration 0025 (a Party member's record): an installation upgrading keeps its people, with no
ngày vào Đảng entered — a Party award for them is refused until the staff file enters it; the
yearly xếp loại is a table of its own."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.integration.migration_support import upgraded_from

pytestmark = pytest.mark.both_databases


def test_an_installation_upgrading_keeps_its_people_without_a_party_record(rt) -> None:
    with upgraded_from(rt, "0024_year_report") as c:
        assert c.execute(text("SELECT count(*) FROM person")).scalar_one() > 0
        assert c.execute(text("SELECT count(*) FROM person WHERE party_joined_on IS NOT NULL "
                              "OR party_confirmed_on IS NOT NULL OR party_cell <> ''")).scalar_one() == 0
        assert c.execute(text("SELECT count(*) FROM party_member_rating")).scalar_one() == 0
