"""Migration 0021 (the decisions documents cite: an agency's charter, a council's establishing and
Quy chế decisions): an installation upgrading keeps its units and councils, with the new fields
empty — its Quyết định is then refused until the administrator enters the charter, its Biên bản
cites the council as before — and the demo's sample fills the councils' decisions on the next
``tdkt init --demo``."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from tdkt.persistence.models import CouncilBody
from tdkt.services.ops.setup import load_council_decisions
from tests.integration.migration_support import upgraded_from

pytestmark = pytest.mark.both_databases


def test_an_installation_upgrading_keeps_its_units_and_councils_with_the_citations_to_enter(rt) -> None:  # type: ignore[no-untyped-def]
    with upgraded_from(rt, "0020_review_assessment") as c:
        assert c.execute(text("SELECT count(*) FROM unit WHERE charter_number <> ''")).scalar_one() == 0
        assert c.execute(text("SELECT count(*) FROM council_body WHERE founding_number = '' "
                              "AND founding_signed_on IS NULL")).scalar_one() == 2
    assert load_council_decisions(rt) == 2  # the sample's decisions, for the demo's two councils
    assert load_council_decisions(rt) == 0  # once: what is entered is never overwritten
    with rt.uow() as uow:
        assert sorted(uow.session.scalars(select(CouncilBody.founding_number))) == ["125/QĐ-BQLKKTCK", "845/QĐ-UBND"]
