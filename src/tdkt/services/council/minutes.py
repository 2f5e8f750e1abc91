"""Biên bản họp xét (minutes) of a council session, rendered as plain Vietnamese text from the
snapshot stored with it; the .docx layout belongs to the documents package."""

from __future__ import annotations

from typing import Any

__all__ = ["render_minutes", "OUTCOME_LABELS", "KIND_LABELS"]

OUTCOME_LABELS = {
    "selected": "Đề nghị khen thưởng",
    "not_selected": "Không đề nghị",
    "decided_by_chair": "Theo quyết định của Hội đồng (bằng phiếu tại ngưỡng chỉ tiêu)",
}
KIND_LABELS = {"collective": "Tập thể", "individual": "Cá nhân"}


def _names(people: list[str]) -> str:
    return ", ".join(people) if people else "không"


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
        f"Điều kiện tiến hành phiên họp: {rules['quorum_text']} — đã đủ. Căn cứ: {rules['quorum_basis']}.",
        f"Tỷ lệ đề nghị khen thưởng: {rules['approval_text']}"
        + ("" if rules["abstain_counts_as_not_agree"] else " (phiếu không biểu quyết không tính)")
        + f". Căn cứ: {rules['approval_basis']}.",
    ]
    for kind, q in c["quota"].items():
        basis = f". Căn cứ: {q['basis']}" if q["basis"] else ""
        lines.append(f"Chỉ tiêu {KIND_LABELS.get(kind, kind).lower()}: từ {q['min_total']} đến {q['max_total']}, "
                     f"đã chọn ở các đợt trước {q['already_selected']}{basis}.")
    lines.append("KẾT QUẢ BIỂU QUYẾT (xếp thứ tự từ cao xuống thấp)")
    for kind in dict.fromkeys(d["kind"] for d in c["decisions"]):
        lines.append(f"{KIND_LABELS.get(kind, kind)}:")
        for d in (d for d in c["decisions"] if d["kind"] == kind):
            outcome = OUTCOME_LABELS.get(d["outcome"], d["outcome"])
            if d["outcome"] == "decided_by_chair":
                outcome += ": " + ("đề nghị khen thưởng" if d["selected"] else "không đề nghị")
            tail = f"; lý do: {d['reason']}" if d["reason"] else ""
            lines.append(f"  {d['rank']}{'=' if d['tie'] else '.'} {d['nominee']} ({d['unit']}) — đồng ý {d['agree']}, "
                         f"không đồng ý {d['disagree']}, không biểu quyết {d['abstain']} — {outcome}{tail}")
    names = {d["case_id"]: d["nominee"] for d in c["decisions"]}
    for r in c.get("recusals", []):  # conflicts of interest (xung đột lợi ích)
        lines.append(f"Hồ sơ số {r['case_id']} ({names.get(r['case_id'], '')}): {r['note']}")
    for kind, n in c["shortfall"].items():
        if n:
            lines.append(f"Ghi chú: {KIND_LABELS.get(kind, kind).lower()} còn thiếu {n} so với số lượng tối thiểu "
                         "của phong trào (xét ở đợt sau).")
    lines.append("Ghi chú: dấu '=' là đồng hạng (bằng phiếu). Phiếu kín: không ghi nhận ý kiến của từng thành viên.")
    return "\n".join(lines)
