"""What a văn thư reads of sáng kiến, giải pháp across a scenario's record (issue 13): one rule for
every dossier — a dossier returned because its Báo cáo thành tích names no sáng kiến while another
of the same award, whose report names none either, is awarded is unequal treatment (or an award
without its criterion); and a báo cáo sơ kết / tổng kết claims no sáng kiến the dossiers'
reports do not hold, its count («Có N sáng kiến …») being theirs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from tdkt.domain.achievement_report import AchievementReport
from tdkt.domain.initiative import TALLY, claims_initiatives
from tdkt.domain.status import AWARDED
from tdkt.persistence.models import Case, Movement
from tdkt.runtime import Runtime
from tdkt.services.documents.content.dossier_history import dossier_history
from tdkt.services.documents.content.initiatives import recorded_initiatives
from tdkt.services.documents.content.reports import submitted
from tests.integration.probes import docx_text
from tests.integration.state_documents import _movement_reports

__all__ = ["Dossier", "unequal_returns", "unequal_initiative_problems", "initiative_claim_problems",
           "returned_for_initiative", "report_initiative_problems"]

#: a return's reason naming the lack of a sáng kiến
_FOR_INITIATIVE = re.compile(r"chưa\s+(?:nêu|có|ghi)\s+sáng\s+kiến", re.IGNORECASE)


def _recorded(case: Case) -> int:
    return len(AchievementReport.from_record(case.achievement_report).recognised()) if case.achievement_report else 0


def returned_for_initiative(reasons: Iterable[str]) -> bool:
    """Whether a return's reasons name the lack of a sáng kiến."""
    return any(_FOR_INITIATIVE.search(r) for r in reasons)


@dataclass(frozen=True)
class Dossier:
    """What the check reads of one dossier: its award and kind of nominee, whether it was awarded,
    the sáng kiến its Báo cáo thành tích records, whether it was sent back for lacking one."""

    id: int
    name: str
    award_form: str
    kind: str
    awarded: bool
    initiatives: int
    returned_for_initiative: bool


def unequal_returns(dossiers: Sequence[Dossier]) -> list[str]:
    """Each dossier returned for lacking a sáng kiến while one of the same award and kind of
    nominee whose Báo cáo thành tích records none was awarded."""
    return [f"hồ sơ {d.id} bị trả lại vì chưa nêu sáng kiến, nhưng hồ sơ {o.id} ({o.name}) được khen thưởng mà báo "
            "cáo thành tích không có sáng kiến"
            for d in dossiers if d.returned_for_initiative
            for o in dossiers if o.awarded and not o.initiatives and (o.award_form, o.kind) == (d.award_form, d.kind)]


def unequal_initiative_problems(rt: Runtime) -> list[str]:
    """:func:`unequal_returns` over each movement of the record."""
    found = []
    with rt.uow() as uow:
        s = uow.session
        for movement in s.scalars(select(Movement)):
            cases = list(s.scalars(select(Case).where(Case.movement_id == movement.id).order_by(Case.id)))
            history = dossier_history(s, cases)
            found += unequal_returns([Dossier(
                c.id, c.nominee_name, c.award_form, c.nominee_kind, c.status in AWARDED, _recorded(c),
                c.id in history.sent_back and returned_for_initiative(history.reasons.get(c.id, ())))
                for c in cases])
    return found


def report_initiative_problems(text: str, recorded: int) -> list[str]:
    """A report's text against the number of sáng kiến its dossiers record: a sentence claiming
    them when there is none, a count other than the record's."""
    found = []
    sentences = re.split(r"(?<=[.;])\s+|\n", text)
    if not recorded:
        found += [f"nêu sáng kiến không có trong hồ sơ: «{x.strip()}»" for x in sentences if claims_initiatives(x)]
    found += [f"ghi {m.group(1)} sáng kiến, hồ sơ ghi nhận {recorded}" for m in TALLY.finditer(text)
              if int(m.group(1)) != recorded]
    return found


def initiative_claim_problems(rt: Runtime) -> list[str]:
    """:func:`report_initiative_problems` over every báo cáo sơ kết / tổng kết of the record."""
    found = []
    with rt.uow() as uow:
        s = uow.session
        for doc, cases in _movement_reports(s):
            initiatives, _, _ = recorded_initiatives(submitted(s, cases), doc.issued_on)
            text = docx_text(Path(doc.stored_path))
            found += [f"{doc.reference}: {p}" for p in report_initiative_problems(text, len(initiatives))]
    return found
