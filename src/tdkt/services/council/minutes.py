"""Biên bản họp xét (minutes) of a council session, rendered as plain Vietnamese text from the
snapshot stored with it; the .docx layout belongs to the documents package."""

from __future__ import annotations

import re
from typing import Any

from tdkt.domain.quota import selected_before
from tdkt.domain.vietnamese import point_cited
from tdkt.domain.women_priority import BASIS, CHAIR_RULE, RULE

__all__ = ["render_minutes", "tie_break_lines", "verdict", "digest_line", "chair_reason", "OUTCOME_LABELS",
           "KIND_LABELS"]

OUTCOME_LABELS = {
    "selected": "Đề nghị khen thưởng",
    "not_selected": "Không đề nghị",
    "decided_by_law": f"Bằng phiếu tại ngưỡng chỉ tiêu, phân định theo {RULE}",
    "decided_by_chair": f"Bằng phiếu tại ngưỡng chỉ tiêu, {CHAIR_RULE}",
}
KIND_LABELS = {"collective": "Tập thể", "individual": "Cá nhân"}
#: the rule of a tie-break outcome, as the table of results names it in short
_SHORT_RULES = {"decided_by_law": "ưu tiên nữ, khoản 6 Điều 4 NĐ 152/2025/NĐ-CP", "decided_by_chair": CHAIR_RULE}


#: a reason that opens by saying who decided, which «Chủ trì quyết định; lý do:» has said already
_DECIDED_BY = re.compile(r"^\s*(?:chủ tịch hội đồng|chủ trì|chủ tọa|chủ toạ)\s+quyết định\s*[:;,.-]\s*", re.IGNORECASE)


def chair_reason(reason: str) -> str:
    """The chair's reason after «Chủ trì quyết định; lý do:», without a lead saying again who
    decided («Chủ tịch Hội đồng quyết định: …»): said once."""
    return _DECIDED_BY.sub("", reason or "", count=1)


def _names(people: list[str]) -> str:
    return ", ".join(people) if people else "không"


def verdict(d: dict[str, Any]) -> str:
    """The result of one dossier in the table of results: a tie-break names its rule in short."""
    said = "Đề nghị khen thưởng" if d["selected"] else "Không đề nghị"
    if d["outcome"] in _SHORT_RULES:
        return f"{said} ({_SHORT_RULES[d['outcome']]})"
    return OUTCOME_LABELS.get(d["outcome"], d["outcome"])


def tie_break_lines(c: dict[str, Any]) -> list[str]:
    """Each tie at the quota line and which rule decided each of its dossiers: the women's
    priority of khoản 6 Điều 4 NĐ 152/2025/NĐ-CP, or — for what it left tied — the chair, with
    the chair's reason; a dossier whose gender or women share was not declared is said to be so.
    Minutes recorded before the rule (no ``tie_group``) have none."""
    by_id = {d["case_id"]: d for d in c["decisions"]}
    groups = list(dict.fromkeys(tuple(d["tie_group"]) for d in c["decisions"] if d.get("tie_group")))
    if not groups:
        return []
    lines = ["PHÂN ĐỊNH CÁC TRƯỜNG HỢP BẰNG PHIẾU TẠI NGƯỠNG CHỈ TIÊU"]
    for group in groups:
        rows = [by_id[k] for k in group if k in by_id]
        first = rows[0]
        kind = KIND_LABELS.get(first["kind"], first["kind"])
        lines.append(f"{kind} cùng {first['agree']} phiếu đồng ý, còn {first['tie_places']} chỉ tiêu: "
                     + ", ".join(d["nominee"] for d in rows) + ".")
        left = list(dict.fromkeys(d["tie_law_left"] for d in rows if d["outcome"] != "decided_by_law"))
        if left:
            lines.append(f"  {RULE[0].upper()}{RULE[1:]} không phân định được: {'; '.join(left)}.")
        for d in rows:
            said = "đề nghị khen thưởng" if d["selected"] else "không đề nghị"
            rule = RULE if d["outcome"] == "decided_by_law" else f"{CHAIR_RULE}; lý do: {chair_reason(d['reason'])}"
            lines.append(f"  - {d['nominee']} ({d['tie_note']}): {said} — {rule}.")
    if any(by_id[k]["outcome"] == "decided_by_law" for g in groups for k in g if k in by_id):
        lines.append(f"Căn cứ: {BASIS}.")
    return lines


def digest_line(c: dict[str, Any]) -> str | None:
    """Mã kiểm tra phiếu bầu: the SHA-256 of the opened ballots (tdkt.domain.ballot.digest), which
    any member can recompute from the list of opened ballots; none for sessions closed before
    ballots were sealed."""
    if not c.get("ballot_digest"):
        return None
    return (f"Mã kiểm tra các phiếu đã mở (SHA-256 của {c['voters']} phiếu, để thành viên Hội đồng đối chiếu): "
            f"{c['ballot_digest']}.")


def render_minutes(c: dict[str, Any]) -> str:
    rules = c["rules"]
    lines = [
        "BIÊN BẢN HỌP XÉT THI ĐUA, KHEN THƯỞNG",
        c["council"],
        f"Phong trào: {c['movement']} — {c['round']}",
        f"Thời gian: từ {c['opened_at']} đến {c['closed_at']}",
        f"Thành viên Hội đồng: {c['members']} người; dự họp: {len(c['present'])} ({_names(c['present'])}); "
        f"vắng: {_names(c['absent'])}.",
        f"Số thành viên bỏ phiếu kín: {c['voters']}.",
        *filter(None, [digest_line(c)]),
        f"Điều kiện tiến hành phiên họp: {rules['quorum_text']} — đã đủ. Căn cứ: {rules['quorum_basis']}.",
        f"Tỷ lệ đề nghị khen thưởng: {rules['approval_text']}"
        + ("" if rules["abstain_counts_as_not_agree"] else " (phiếu không biểu quyết không tính)")
        + f". Căn cứ: {rules['approval_basis']}.",
    ]
    for kind, q in c["quota"].items():
        basis = f". Căn cứ: {point_cited(q['basis'])}" if q["basis"] else ""
        lines.append(f"Chỉ tiêu {KIND_LABELS.get(kind, kind).lower()}: từ {q['min_total']} đến {q['max_total']}"
                     f"{selected_before(q)}{basis}.")
    lines.append("KẾT QUẢ BIỂU QUYẾT (xếp thứ tự từ cao xuống thấp)")
    for kind in dict.fromkeys(d["kind"] for d in c["decisions"]):
        lines.append(f"{KIND_LABELS.get(kind, kind)}:")
        for d in (d for d in c["decisions"] if d["kind"] == kind):
            outcome = verdict(d)
            # a tie-break by the law is told in full below; the chair's reason is said here too
            tail = f"; lý do: {chair_reason(d['reason'])}" if d["reason"] and d["outcome"] != "decided_by_law" else ""
            lines.append(f"  {d['rank']}{'=' if d['tie'] else '.'} {d['nominee']} ({d['unit']}) — đồng ý {d['agree']}, "
                         f"không đồng ý {d['disagree']}, không biểu quyết {d['abstain']} — {outcome}{tail}")
    names = {d["case_id"]: d["nominee"] for d in c["decisions"]}
    for r in c.get("recusals", []):  # conflicts of interest (xung đột lợi ích)
        lines.append(f"Hồ sơ số {r['case_id']} ({names.get(r['case_id'], '')}): {r['note']}")
    lines += tie_break_lines(c)
    for kind, n in c["shortfall"].items():
        if n:
            lines.append(f"Ghi chú: {KIND_LABELS.get(kind, kind).lower()} còn thiếu {n} so với số lượng tối thiểu "
                         "của phong trào (xét ở đợt sau).")
    lines.append("Ghi chú: dấu '=' là đồng hạng (bằng phiếu). Phiếu kín: không ghi nhận ý kiến của từng thành viên.")
    return "\n".join(lines)
