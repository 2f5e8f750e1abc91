"""The parts of a Quyết định khen thưởng (mẫu 1.2 Phụ lục III NĐ 30/2020/NĐ-CP, quyết định cá
biệt) beyond the header: the centred authority line and "QUYẾT ĐỊNH:", the căn cứ in italics
(chosen by the decision's date), "Điều n." in bold, an Điều on tiền thưởng (amount per person
and per collective, from the decree and the mức lương cơ sở in force that day, and the source of
funds), and the danh sách split into tập thể and cá nhân."""

from __future__ import annotations

from datetime import date
from typing import Any

from tdkt.domain.bonus import Bonus
from tdkt.domain.line_breaks import unbroken_hyphen
from tdkt.domain.vietnamese import decimal_vn, kinds_wording, money_vn, name_column
from tdkt.errors import InvalidInput
from tdkt.persistence.models import Case, Movement
from tdkt.services.documents.content.basis import (
    basis_lines,
    form_bonus,
    party_plan_lines,
    plan_basis_lines,
    plan_citation,
)

__all__ = ["decision_body", "bonus_article", "danh_sach", "GRID_COLUMNS", "COLLECTIVES_NAMED", "refuse_party_awards",
           "by_party", "counted_kinds", "kinds_text", "kinds_column", "detail_column"]

GRID_COLUMNS = {"collectives": ["STT", "Tên tập thể", "Trực thuộc", "Hình thức"],
                "individuals": ["STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Hình thức"]}
#: the tập thể of a state Quyết định, each by its full name (which says whose it is)
COLLECTIVES_NAMED = ["STT", "Tên tập thể", "Hình thức"]


def _party_forms(movement: Movement, cases: list[Case]) -> tuple[list[str], list[str]]:
    """(Party forms, state forms) of these dossiers, by name."""
    forms = movement.plan.award_forms
    party = sorted({forms[c.award_form].name for c in cases if c.award_form in forms and forms[c.award_form].by_party})
    state = sorted({forms[c.award_form].name for c in cases
                    if c.award_form in forms and not forms[c.award_form].by_party})
    return party, state


def by_party(movement: Movement, cases: list[Case]) -> bool:
    """True when the dossiers' forms are the Party organisation's (its own Quyết định, in the
    Party's form); refused when a decision would mix them with the state's."""
    party, state = _party_forms(movement, cases)
    if party and state:
        raise InvalidInput(f"{', '.join(party)} là hình thức khen thưởng của Đảng, do cấp ủy quyết định theo thể thức "
                           f"văn bản của Đảng: không lập chung một Quyết định với {', '.join(state)}.",
                           f"party and state awards in one decision: {party} / {state}")
    return bool(party)


def refuse_party_awards(movement: Movement, cases: list[Case]) -> None:
    """A Party award is the Party committee's decision, in the Party's document form and signed
    by its Bí thư (:mod:`~tdkt.services.documents.content.party`): never put in the head of
    agency's state Quyết định."""
    party, _ = _party_forms(movement, cases)
    if party:
        raise InvalidInput(f"{', '.join(party)} là hình thức khen thưởng của Đảng, do cấp ủy quyết định theo thể "
                           "thức văn bản của Đảng: không lập trong Quyết định của thủ trưởng cơ quan.",
                           f"party award in a state decision: {party}")


def _article(n: int, text: str) -> dict[str, Any]:
    return {"text": f" {text}", "lead": f"Điều {n}."}


def bonus_article(cases: list[Case], movement: Movement, day: date, agency: str) -> tuple[str, int] | None:
    """(text, total) of the Điều on tiền thưởng, or None when no form of these cases carries one."""
    amounts: dict[str, Bonus] = {}
    total = 0
    for c in cases:
        b = form_bonus(movement.plan.award_forms.get(c.award_form), c.nominee_kind, day)
        if b is None:
            continue
        amounts.setdefault(c.nominee_kind, b)
        total += b.amount
    if not amounts:
        return None
    first = next(iter(amounts.values()))
    each = [f"mỗi {who} được thưởng {money_vn(b.amount)} ({_bonus_basis(b)})"
            for kind, who in (("collective", "tập thể"), ("individual", "cá nhân")) if (b := amounts.get(kind))]
    text = (f"Kèm theo hình thức khen thưởng tại Điều 1, {'; '.join(each)}, theo {first.decree} và mức lương cơ "
            f"sở {money_vn(first.base_salary)}/tháng quy định tại {first.salary_decree}. Tổng số tiền thưởng: "
            f"{money_vn(total)}, từ Quỹ thi đua, khen thưởng của {agency}.")
    return text, total


def _bonus_basis(b: Bonus) -> str:
    """How an amount follows from the decree: a coefficient of the mức lương cơ sở for a person,
    twice a person's bonus for a collective (the decree's own words)."""
    if b.collective:
        return "gấp hai lần mức tiền thưởng đối với cá nhân"
    return f"{decimal_vn(float(b.coefficient))} lần mức lương cơ sở"


def kinds_text(cases: list[Case], joiner: str = " và ") -> str:
    """Who the cases are, each kind plural only when there are several
    (:func:`~tdkt.domain.vietnamese.kinds_wording`)."""
    collectives = sum(c.nominee_kind == "collective" for c in cases)
    return kinds_wording(collectives, len(cases) - collectives, joiner)


def kinds_column(cases: list[Case]) -> str:
    """The list's name column heading by who is in it (:func:`~tdkt.domain.vietnamese.
    name_column`)."""
    collectives = sum(c.nominee_kind == "collective" for c in cases)
    return name_column(collectives, len(cases) - collectives)


def detail_column(cases: list[Case], personal: str) -> str:
    """The heading of the column beside the name: a person's (``personal``: «Chức vụ», «Chức vụ,
    đơn vị công tác») when a cá nhân is listed; «Trực thuộc» for a list of tập thể only (as the
    Quyết định's danh sách of tập thể heads it) — a tập thể has no chức vụ."""
    return personal if any(c.nominee_kind != "collective" for c in cases) else GRID_COLUMNS["collectives"][2]


def counted_kinds(cases: list[Case]) -> str:
    """How many of each kind the cases are: "1 tập thể và 5 cá nhân", "2 cá nhân"."""
    collectives = sum(c.nominee_kind == "collective" for c in cases)
    return " và ".join(f"{n} {label}" for n, label in ((collectives, "tập thể"), (len(cases) - collectives, "cá nhân"))
                       if n)


def decision_body(cases: list[Case], movement: Movement, day: date, *, head_title: str, agency: str, form: str,
                  whom: str, achievement: str, charter: str, proposer: str) -> tuple[list[Any], int]:
    """The body of the Quyết định, from the authority line to the last Điều, and the number of
    the Điều on who carries it out (the nơi nhận's "Như Điều n"). The căn cứ: the Luật and the
    decree, then ``charter`` (the decision giving the agency — and its head — its chức năng,
    nhiệm vụ, quyền hạn), the plan's own bases and the plan; ``proposer``: who proposes (the
    council, with its decisions)."""
    plan_issuer = movement.plan.issued_by or agency
    counted = counted_kinds(cases)
    italic = [{"text": line, "italic": True} for line in [
        *basis_lines(movement, day, plan_bases_too=False), f"Căn cứ {charter};", *plan_basis_lines(movement),
        f"Căn cứ {plan_citation(movement.plan, plan_issuer)};", *party_plan_lines(movement),
        f"Theo đề nghị của {proposer}."]]
    bonus = bonus_article(cases, movement, day, agency)
    articles = [f"Tặng {form} cho {counted} (có danh sách kèm theo) {achievement}."]
    if bonus:
        articles.append(bonus[0])
    articles.append("Quyết định có hiệu lực kể từ ngày ký.")
    executes = len(articles) + 1
    named = kinds_text(cases, ", ")
    articles.append(f"Chánh Văn phòng, Thủ trưởng các phòng, đơn vị có liên quan và {named} có tên tại Điều 1 "
                    "chịu trách nhiệm thi hành Quyết định này./.")
    return [{"text": unbroken_hyphen(f"{head_title.upper()} {agency.upper()}"), "bold": True, "center": True}, *italic,
            {"text": "QUYẾT ĐỊNH:", "bold": True, "center": True},
            *(_article(n, text) for n, text in enumerate(articles, start=1))], executes


def danh_sach(rows: list[tuple[Case, list[str]]], *, unit_column: bool = True) -> list[dict[str, Any]]:
    """The danh sách as two tables, tập thể then cá nhân, each numbered from 1 (grids); a heading
    carries no count ("II. CÁ NHÂN", not "CÁ NHÂN (2)"). Without ``unit_column`` the tập thể have
    no «Trực thuộc»: their full name says it (the state Quyết định, :func:`~tdkt.services.
    documents.content.common.collective_full_name`)."""
    grids: list[dict[str, Any]] = []
    for key, kind, title in (("collectives", "collective", "I. TẬP THỂ"), ("individuals", "individual", "II. CÁ NHÂN")):
        mine = [row for c, row in rows if c.nominee_kind == kind]
        if mine:
            numbered = [[str(n), *row[1:]] for n, row in enumerate(mine, start=1)]
            columns = GRID_COLUMNS[key]
            if key == "collectives" and not unit_column:
                numbered, columns = [[n, name, form] for n, name, _, form in numbered], COLLECTIVES_NAMED
            grids.append({"key": key, "title": title, "rows": numbered, "columns": columns})
    if len(grids) == 1:  # one kind only: its heading without the numeral
        grids[0]["title"] = str(grids[0]["title"]).split(". ", 1)[1]
    return grids
