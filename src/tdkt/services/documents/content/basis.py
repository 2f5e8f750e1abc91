"""Căn cứ of a document, chosen by the document's date from the dated law table
(:mod:`tdkt.domain.legal_basis`): the Luật Thi đua, khen thưởng and the decree detailing it in
force that day, each once; then the plan's own căn cứ other than those (a plan that names a
decree since replaced is quoted only where the plan itself is quoted). Also the tiền thưởng a
Quyết định states (:mod:`tdkt.domain.bonus`)."""

from __future__ import annotations

import re
from datetime import date

from tdkt.domain.bonus import Bonus, bonus, bonus_level
from tdkt.domain.legal_basis import DOSSIER_FORMS, LegalText, NotInForce, in_force, plan_bases
from tdkt.domain.movement import AwardForm, MovementDefinition
from tdkt.domain.party import is_party_text
from tdkt.domain.vietnamese import in_sentence, short_date
from tdkt.persistence.models import Movement

__all__ = ["decree_on", "decree_of", "law_on", "basis_lines", "form_bases", "plan_basis_lines",
           "party_plan_lines", "dossier_form",
           "form_bonus", "decree_check", "plan_citation", "plan_named", "form_basis_lines"]

#: a text's số, ký hiệu as a plan names it («160/KH-UBND», «26-KH/ĐU»)
_TEXT_NUMBER = re.compile(r"\b\d+[/-][\wĐđ]+(?:[/-][\wĐđ]+)*")


def decree_on(day: date) -> LegalText | None:
    """The decree detailing the Luật Thi đua, khen thưởng in force on ``day``."""
    try:
        return in_force("tdkt_decree", day)
    except NotInForce:
        return None


def law_on(day: date) -> LegalText | None:
    try:
        return in_force("tdkt_law", day)
    except NotInForce:
        return None


def decree_of(movement: Movement, day: date) -> str:
    """How a document dated ``day`` cites the decree (``Nghị định số 152/2025/NĐ-CP ngày
    14/06/2025``): the one in force that day, whatever the plan (``movement``) named when it was
    written — plans 002 and 004 name none; "" before the table's first decree."""
    decree = decree_on(day)
    return decree.citation if decree else ""


def decree_check(day: date) -> tuple[bool, str]:
    """A :func:`~tdkt.services.documents.content.common.require` check: a decree in force."""
    return (decree_on(day) is not None and law_on(day) is not None,
            f"Luật Thi đua, khen thưởng và nghị định quy định chi tiết có hiệu lực ngày {short_date(day)}")


def plan_citation(plan: MovementDefinition, issuer: str) -> str:
    """How a document cites the plan itself, as a văn thư writes a căn cứ: its number, date,
    issuer and trích yếu — ``Kế hoạch số 298/KH-UBND ngày 07/11/2025 của UBND tỉnh Lạng Sơn về
    triển khai phong trào thi đua …``; a plan without a number (not yet issued) by its issuer and
    trích yếu; a plan without a trích yếu by the movement it launches."""
    about = f"{plan.excerpt[:1].lower()}{plan.excerpt[1:]}" if plan.excerpt else f"phát động {in_sentence(plan.name)}"
    about = " ".join(about.split())
    who = plan.issued_by or issuer
    if not plan.number:
        return f"Kế hoạch của {who} về {about}"
    return f"{_numbered(plan)} của {who} về {about}"


def _numbered(plan: MovementDefinition) -> str:
    """A numbered plan by its số and ngày: «Kế hoạch số 02/KH-BQLKKTCK ngày 10/02/2026»."""
    return f"Kế hoạch số {plan.number}" + (f" ngày {short_date(plan.signed_on)}" if plan.signed_on else "")


def plan_named(plan: MovementDefinition, issuer: str) -> str:
    """How a table's cell names a movement: by its name, its plan cited in brackets by số and ngày
    — «Phong trào thi đua thường xuyên năm 2026 (Kế hoạch số 02/KH-BQLKKTCK ngày 10/02/2026)» —
    with the plan's issuer when it is not the document's own («… (Kế hoạch số 298/KH-UBND ngày
    07/11/2025 của UBND tỉnh Lạng Sơn)»); the trích yếu is the plan's, not the cell's. A plan not
    yet numbered: as :func:`plan_citation` cites it."""
    if not plan.number:
        return plan_citation(plan, issuer)
    who = plan.issued_by or issuer
    return f"{plan.name} ({_numbered(plan)}{'' if who == issuer else f' của {who}'})"


def plan_basis_lines(movement: Movement) -> list[str]:
    """``Căn cứ …;`` of the plan's own bases that are not laws or decrees of the table, nor the
    Party's texts (:func:`party_plan_lines`)."""
    return [f"Căn cứ {b};" for b in plan_bases(movement.legal_basis or "") if not is_party_text(b)]


def party_plan_lines(movement: Movement) -> list[str]:
    """``Thực hiện Kế hoạch số 26-KH/ĐU …;``: a Party text the plan names, as a state document
    cites it — carried out, never its căn cứ (a state body does not base itself on a Party text);
    after the căn cứ."""
    return [f"Thực hiện {b};" for b in plan_bases(movement.legal_basis or "") if is_party_text(b)]


def form_basis_lines(movement: Movement, form_keys: list[str]) -> list[str]:
    """``Căn cứ …;`` of the plan's own bases that the forms proposed (``form_keys``) take their
    tiêu chuẩn, hồ sơ from — a Bằng khen of the Chủ tịch UBND tỉnh «theo Kế hoạch số 160/KH-UBND»
    of the province —: a unit proposing it cites that text beside its agency's plan, the plan
    naming it as the basis of its criteria. Matched by the text's số, ký hiệu in the form's basis
    or criteria; the Party's texts are carried out, never cited (:func:`party_plan_lines`)."""
    return [f"Căn cứ {b};" for b in form_bases(movement, form_keys)]


def form_bases(movement: Movement, form_keys: list[str]) -> list[str]:
    """The texts of :func:`form_basis_lines` as a sentence cites them («Kế hoạch số 160/KH-UBND
    ngày … của UBND tỉnh …»): a unit's Biên bản names them among its căn cứ as its Tờ trình does."""
    forms = [f for k in dict.fromkeys(form_keys) if (f := movement.plan.award_forms.get(k)) is not None]
    named = " ".join([f.basis for f in forms] + [c for f in forms for lines in f.criteria.values() for c in lines])
    return [b for b in plan_bases(movement.legal_basis or "") if not is_party_text(b)
            and any(number in named for number in _TEXT_NUMBER.findall(b)
                    if any(ch.isalpha() for ch in number))]  # a số, ký hiệu, not a date


def basis_lines(movement: Movement, day: date, plan_bases_too: bool = True) -> list[str]:
    """The căn cứ of a Quyết định or a Tờ trình dated ``day``: the law, the decree (its full
    title), and — when ``plan_bases_too`` — the plan's own bases, then the plan itself when
    another body issued it (``Căn cứ Kế hoạch số 298/KH-UBND ngày 07/11/2025 của UBND tỉnh Lạng
    Sơn về …;``: the plan the movement carries out, as its Quyết định cites it); each text once.
    The Party's texts the plan names are not among them (:func:`party_plan_lines`)."""
    lines = [t.basis_line for t in (law_on(day), decree_on(day)) if t is not None]
    if not plan_bases_too:
        return lines
    lines += plan_basis_lines(movement)
    plan = movement.plan
    cited = f"Căn cứ {plan_citation(plan, plan.issued_by)};"
    if plan.issued_by and not (plan.number and any(f"Kế hoạch số {plan.number} " in line for line in lines)):
        lines.append(cited)
    return lines


def dossier_form(movement: Movement, kind_prefix: str, day: date) -> tuple[str, str]:
    """(mẫu, nghị định) of a dossier document (``to_trinh``, ``bao_cao_thanh_tich``) dated
    ``day``: the mẫu the plan names — else the one of the decree's Phụ lục I — of the decree in
    force that day (the same mẫu numbers in NĐ 98/2023 and NĐ 152/2025)."""
    decree = decree_on(day)
    for form in movement.plan.award_forms.values():
        for d in form.required_documents:
            if d.kind.startswith(kind_prefix) and d.template:
                return d.template, decree.citation if decree else ""
    if decree is not None:
        for kind, _, template in DOSSIER_FORMS.get(decree.number, ()):
            if kind.startswith(kind_prefix) and template:
                return template, decree.citation
    return "", decree.citation if decree else ""


def form_bonus(form: AwardForm | None, kind: str, day: date) -> Bonus | None:
    """The tiền thưởng of a form of award for a nominee of ``kind`` decided on ``day``; None
    when the form carries none computed here (a Party award) or no decree applies that day."""
    level = bonus_level(form.name, form.decided_by) if form else None
    if level is None or decree_on(day) is None:
        return None
    try:
        return bonus(level, kind, day)
    except NotInForce:
        return None
