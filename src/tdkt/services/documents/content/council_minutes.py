"""Parts of the council's Biên bản họp xét beyond its header: the table of results with the
form of award proposed (Hình thức) and, for every dossier not proposed, why — below the
approval threshold, or beyond the quota (how many places, how many already chosen) — and the
council's rules as printed (decimal comma, no configuration notes), with the council's
establishing and Quy chế decisions by number and date where entered (``council_body``)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.citations import CitedDecision
from tdkt.domain.quota import outside_quota
from tdkt.domain.vietnamese import point_cited
from tdkt.persistence.models import Case, CouncilBody, Movement
from tdkt.services.council.minutes import KIND_LABELS, verdict

__all__ = ["result_rows", "not_proposed_lines", "rules_wording", "cite_rules", "council_decisions",
           "meeting_time", "clock_words", "conclusion_lines", "attendance_lines", "ranked_order", "COLUMNS",
           "movement_line", "conditions_line"]

#: how the council's rules name their source (:data:`tdkt.services.people.organisation_apply.DEFAULT_RULES`)
QUY_CHE = "Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng"

COLUMNS = ["STT", "Tập thể / cá nhân (đơn vị)", "Hình thức đề nghị", "Đồng ý", "Không đồng ý", "Không biểu quyết",
           "Thứ tự", "Kết quả"]
_SHORT = {"Không đạt tỷ lệ phiếu đồng ý": "không đạt tỷ lệ phiếu", "Ngoài chỉ tiêu": "ngoài chỉ tiêu"}


def _codes(s: Session, content: dict[str, Any]) -> dict[int, str]:
    ids = [d["case_id"] for d in content["decisions"]]
    return {cid: code for cid, code in s.execute(select(Case.id, Case.award_form).where(Case.id.in_(ids)))}


def _forms(s: Session, movement: Movement, content: dict[str, Any]) -> dict[int, str]:
    forms = movement.plan.award_forms
    return {cid: forms[code].name if code in forms else code for cid, code in _codes(s, content).items()}


_AUTHORITY_ORDER = {"agency": 0, "province": 1, "prime_minister": 2}


def _counted(chosen: list[dict[str, Any]]) -> str:
    collectives = sum(d["kind"] == "collective" for d in chosen)
    return ", ".join(f"{n} {label}" for n, label in ((collectives, "tập thể"), (len(chosen) - collectives, "cá nhân"))
                     if n)


def conclusion_lines(s: Session, movement: Movement, content: dict[str, Any], *, chair_title: str,
                     level: str = "agency", province_chair: str = "Chủ tịch UBND tỉnh",
                     party_body: str = "") -> list[str]:
    """Kết luận: what the council proposes, one paragraph per form of award and the authority
    deciding it — what the chair awards himself (``đề nghị Trưởng ban tặng Giấy khen …``), what he
    is asked to send up (``đề nghị Trưởng ban trình Chủ tịch UBND tỉnh tặng Bằng khen …``) — each
    with its counts and its list in the ranking's order (``content["decisions"]`` ranked). A Party
    award goes through the agency's Party committee (``party_body``), never the Trưởng ban."""
    codes, forms = _codes(s, content), movement.plan.award_forms
    groups: dict[str, list[dict[str, Any]]] = {}
    for d in content["decisions"]:
        if d["selected"]:
            groups.setdefault(codes.get(d["case_id"], ""), []).append(d)
    if not groups:
        return ["Hội đồng không đề nghị khen thưởng trường hợp nào."]
    lines = []
    for code in sorted(groups, key=lambda c: (_AUTHORITY_ORDER.get(forms[c].authority, 3) if c in forms else 3, c)):
        form = forms.get(code)
        name = form.name if form else code
        decider = (form.decided_by if form else "") or chair_title
        if form is None or (form.authority == "agency" and not form.by_party) or \
                (level != "agency" and form.authority == "province"):
            ask = f"{chair_title} tặng"
        elif form.authority == "agency":  # the Party committee's own award, named as where it proposes on
            ask = f"{party_body or decider} tặng"
        elif form.authority == "prime_minister":
            ask = (f"{chair_title} trình Thủ tướng Chính phủ tặng" if level != "agency" else
                   f"{chair_title} trình {province_chair} xem xét, trình Thủ tướng Chính phủ tặng")
        else:
            ask = f"{party_body if form.by_party and party_body else chair_title} trình {decider} tặng"
        chosen = groups[code]
        lines.append(f"Hội đồng đề nghị {ask} {name} cho {_counted(chosen)}: "
                     + ", ".join(d["nominee"] for d in chosen) + ".")
    return lines


def _result(d: dict[str, Any]) -> str:
    """The Kết quả cell: a dossier not proposed says why in short (the full reason below); a tie
    the law broke says «(ưu tiên nữ)» only — its basis, khoản 6 Điều 4 NĐ 152/2025/NĐ-CP, is cited
    under «PHÂN ĐỊNH …», not squeezed into a narrow cell."""
    if d["outcome"] == "not_selected" and d.get("reason"):
        return f"Không đề nghị ({_SHORT.get(d['reason'], d['reason'][:1].lower() + d['reason'][1:])})"
    if d["outcome"] == "decided_by_law":
        return f"{'Đề nghị khen thưởng' if d['selected'] else 'Không đề nghị'} (ưu tiên nữ)"
    return verdict(d)


def result_rows(s: Session, movement: Movement, content: dict[str, Any]) -> list[list[str]]:
    forms = _forms(s, movement, content)
    return [[str(n), f"{KIND_LABELS.get(d['kind'], d['kind'])}: {d['nominee']}"
             + (f" ({d['unit']})" if d["unit"] and d["unit"] != d["nominee"] else ""),
             forms.get(d["case_id"], ""), str(d["agree"]), str(d["disagree"]), str(d["abstain"]),
             f"{d['rank']} (đồng hạng)" if d["tie"] else str(d["rank"]), _result(d)]
            for n, d in enumerate(content["decisions"], start=1)]


def not_proposed_lines(content: dict[str, Any]) -> list[Any]:
    """Lý do không đề nghị, one line per dossier the council did not propose (a tie decided at
    the quota line is told with the tie-breaks)."""
    lines: list[Any] = []
    for d in content["decisions"]:
        if d["selected"] or d["outcome"] != "not_selected":
            continue
        kind = KIND_LABELS.get(d["kind"], d["kind"]).lower()
        why = d.get("reason") or "không được Hội đồng đề nghị"
        if why == "Ngoài chỉ tiêu" and d["kind"] in content.get("quota", {}):
            q = content["quota"][d["kind"]]
            why = outside_quota(d["rank"], kind, q) + (f" ({point_cited(q['basis'])})" if q.get("basis") else "")
        elif why == "Không đạt tỷ lệ phiếu đồng ý":
            why = f"không đạt tỷ lệ phiếu đồng ý ({d['agree']} phiếu đồng ý)"
        lines.append(f"- {d['nominee']} ({kind}): {why}.")
    return [{"text": "Các trường hợp không đề nghị khen thưởng và lý do:", "bold": True}, *lines] if lines else []


def rules_wording(rules: dict[str, Any]) -> dict[str, Any]:
    """The council's rules as the Biên bản prints them: the stored snapshot's wording with a
    decimal comma and without the software's notes (a snapshot taken by an earlier version)."""
    def clean(text: str) -> str:
        text = re.sub(r"(\d)\.(\d+)%", r"\1,\2%", text)
        text = re.sub(r"\s*\([^()]*cấu hình được\)|;\s*cấu hình được", "", text)
        return text.replace("Thi đua – Khen thưởng", "Thi đua - Khen thưởng")
    return {k: clean(v) if isinstance(v, str) else v for k, v in rules.items()}


def council_decisions(s: Session, level: str, agency_id: int | None) -> tuple[CitedDecision, CitedDecision]:
    """(establishing, Quy chế) decisions of the council of ``level`` for the agency, as entered
    (their ``known`` False when not)."""
    owner = agency_id if level == "agency" else None
    body = s.scalars(select(CouncilBody).where(
        CouncilBody.level == level,
        CouncilBody.agency_id == owner if owner is not None else CouncilBody.agency_id.is_(None))).first()
    if body is None:
        return CitedDecision("", None), CitedDecision("", None)
    return (CitedDecision(body.founding_number, body.founding_signed_on),
            CitedDecision(body.rules_number, body.rules_signed_on))


def cite_rules(rules: dict[str, Any], decision: CitedDecision) -> dict[str, Any]:
    """The rules' căn cứ with the number and date of the decision issuing the council's Quy chế
    (``Quy chế … ban hành kèm theo Quyết định số 126/QĐ-BQLKKTCK ngày 02/04/2024``), when entered."""
    if not decision.known:
        return rules
    cited = f"{QUY_CHE} ban hành kèm theo {decision.text()}"
    return {k: v.replace(QUY_CHE, cited) if isinstance(v, str) and k.endswith("basis") else v for k, v in rules.items()}


def clock_words(moment: str) -> str:
    """``09:00 ngày 05/9/2025`` as a Biên bản writes the hour (NĐ 30/2020, Phụ lục III, mẫu biên
    bản): ``09 giờ 00 phút, ngày 05/9/2025``."""
    return re.sub(r"\b(\d{1,2}):(\d{2})( ngày)?",
                  lambda m: f"{int(m[1]):02d} giờ {m[2]} phút" + (", ngày" if m[3] else ""), moment)


def meeting_time(content: dict[str, Any]) -> str:
    """``từ 09 giờ 00 phút đến 10 giờ 30 phút, ngày 05/9/2025``; one time when the session was
    opened and closed at the same minute (recorded at once)."""
    opened, closed = content["opened_at"], content["closed_at"]
    if opened == closed:
        return f"lúc {clock_words(opened)}"
    (o_time, _, o_day), (c_time, _, c_day) = opened.partition(" ngày "), closed.partition(" ngày ")
    if o_day and o_day == c_day:
        return f"từ {clock_words(o_time)} đến {clock_words(c_time)}, ngày {o_day}"
    return f"từ {clock_words(opened)} đến {clock_words(closed)}"


def attendance_lines(content: dict[str, Any]) -> list[str]:
    """Thành phần: the members present, each with chức vụ and chức danh in the council, then
    those absent (a Biên bản closed before the chức danh were kept lists the names)."""
    present = content.get("present_lines") or content["present"]
    absent = content.get("absent_lines") or content["absent"]
    return [f"Thành phần: {content['members']} thành viên {content['council']}; có mặt {len(present)}"
            + (":" if present else " (không)."),
            *(f"- {line};" if n < len(present) else f"- {line}." for n, line in enumerate(present, start=1)),
            f"Vắng mặt: {len(absent)}" + (f" ({'; '.join(absent)})." if absent else ".")]


def ranked_order(s: Session, movement: Movement, content: dict[str, Any]) -> list[dict[str, Any]]:
    """The results in the order of their ranking: tập thể, then cá nhân, each form of award
    apart, from the highest rank down."""
    forms = _forms(s, movement, content)
    kinds = {"collective": 0, "individual": 1}
    return sorted(content["decisions"], key=lambda d: (kinds.get(d["kind"], 2), forms.get(d["case_id"], ""),
                                                        d["rank"]))


def movement_line(name: str) -> str:
    """``Phong trào thi đua: “Đổi mới sáng tạo…” giai đoạn 2026 - 2030``: the label is the
    name's own first words, not «Phong trào: Phong trào thi đua …»."""
    words = name.split()
    label = next((n for n in (4, 2) if " ".join(words[:n]).lower() in ("phong trào thi đua", "phong trào")
                  and len(words) > n), 0)
    if not label:
        return f"Phong trào: {name}"
    head = " ".join(words[:label])
    return f"{head[:1].upper()}{head[1:]}: {' '.join(words[label:])}"


def conditions_line(rules: dict[str, Any]) -> str:
    """Điều kiện tiến hành and the rate that proposes an award, citing the council's Quy chế once
    when both rest on it (a basis restating the rule after a colon is the same text)."""
    quorum, approval = (re.sub(r"\s*\([^()]*\)$", "", str(rules[k]).split(":")[0].strip())
                        for k in ("quorum_basis", "approval_basis"))
    if quorum == approval:
        return (f"Điều kiện tiến hành: {rules['quorum_text']}; đề nghị khen thưởng khi được {rules['approval_text']} "
                f"(căn cứ {quorum}).")
    return (f"Điều kiện tiến hành: {rules['quorum_text']} (căn cứ {rules['quorum_basis']}). "
            f"Tỷ lệ đề nghị khen thưởng: {rules['approval_text']} (căn cứ {rules['approval_basis']}).")
