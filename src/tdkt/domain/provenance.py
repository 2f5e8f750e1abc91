"""Where a step's result may come from (nguồn kết quả): the route steps that record what a body
outside the form decided — the Hội đồng TĐKT's conclusion, the signed Quyết định or Tờ trình —
complete only from the record of that decision, never from values typed into the step's form.

One table, read by the action layer (which refuses a step of this table without its record,
and takes the step's values from the record), by the task pages (which show where the result
comes from instead of a form) and by the documentation."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tdkt.domain.status import Step

__all__ = ["Source", "SOURCE_LABELS", "Provenance", "ProvenanceRule", "PROVENANCE", "provenance_rule"]


class Source(StrEnum):
    """A record a step may be completed from."""

    #: kết quả của một phiên họp Hội đồng đã kết thúc (bỏ phiếu kín trên hệ thống)
    SESSION_DECISION = "session_decision"
    #: kết quả họp trên giấy: biên bản đã ký tải lên, Chủ tịch Hội đồng đã xác nhận
    PAPER_RESULT = "paper_result"
    #: văn bản do hệ thống cấp số, người có thẩm quyền đã ký
    ISSUED_DOCUMENT = "issued_document"
    #: văn bản đánh số ngoài hệ thống, đã vào sổ đăng ký của năm và được người ký xác nhận
    REGISTERED_DOCUMENT = "registered_document"


SOURCE_LABELS: dict[Source, str] = {
    Source.SESSION_DECISION: "kết quả phiên họp Hội đồng",
    Source.PAPER_RESULT: "kết quả họp trên giấy đã được Chủ tịch Hội đồng xác nhận",
    Source.ISSUED_DOCUMENT: "văn bản do hệ thống cấp số và đã ký",
    Source.REGISTERED_DOCUMENT: "văn bản đánh số ngoài hệ thống đã đăng ký và được xác nhận",
}


@dataclass(frozen=True, slots=True)
class Provenance:
    """The record an action completes its step from: its kind and its row id."""

    source: Source
    id: int


@dataclass(frozen=True, slots=True)
class ProvenanceRule:
    step: Step
    sources: tuple[Source, ...]
    rule: str  # what may complete the step, in the users' words
    basis: str


_COUNCIL = (
    "Kết quả xét của Hội đồng chỉ được ghi nhận từ phiên họp Hội đồng đã kết thúc, hoặc từ kết quả họp "
    "trên giấy có biên bản đã ký kèm theo và được Chủ tịch Hội đồng xác nhận; không nhập tay kết quả"
)
_COUNCIL_BASIS = (
    "Hồ sơ đề nghị khen thưởng gồm Biên bản họp xét của Hội đồng Thi đua – Khen thưởng cùng cấp (Kế hoạch "
    "000, mục 3.b; Nghị định số 152/2025/NĐ-CP); Hội đồng họp xét theo Quy chế hoạt động của Hội đồng"
)
_NUMBER_BASIS = (
    "Số, ký hiệu văn bản do cơ quan cấp theo thứ tự trong năm và đăng ký vào sổ văn bản đi "
    "(Nghị định 30/2020/NĐ-CP, Điều 15, 16); người đứng đầu ký văn bản của cơ quan (Điều 13)"
)

PROVENANCE: dict[str, ProvenanceRule] = {
    Step.COUNCIL_DECIDE: ProvenanceRule(
        Step.COUNCIL_DECIDE, (Source.SESSION_DECISION, Source.PAPER_RESULT), _COUNCIL, _COUNCIL_BASIS),
    Step.PROVINCE_COUNCIL_DECIDE: ProvenanceRule(
        Step.PROVINCE_COUNCIL_DECIDE, (Source.SESSION_DECISION, Source.PAPER_RESULT), _COUNCIL, _COUNCIL_BASIS),
    Step.SIGN_DECISION: ProvenanceRule(
        Step.SIGN_DECISION, (Source.ISSUED_DOCUMENT, Source.REGISTERED_DOCUMENT),
        "Hồ sơ chỉ được ký quyết định qua Quyết định do hệ thống cấp số và Trưởng ban đã ký, hoặc Quyết định "
        "đánh số ngoài hệ thống đã vào sổ đăng ký của năm (kèm bản scan đã ký) và được Trưởng ban xác nhận; "
        "không nhập tay số quyết định", _NUMBER_BASIS),
    Step.SIGN_SUBMISSION: ProvenanceRule(
        Step.SIGN_SUBMISSION, (Source.ISSUED_DOCUMENT, Source.REGISTERED_DOCUMENT),
        "Tờ trình lên cấp trên chỉ được ký qua Tờ trình do hệ thống cấp số và Trưởng ban đã ký, hoặc Tờ trình "
        "đánh số ngoài hệ thống đã vào sổ đăng ký của năm (kèm bản scan đã ký) và được Trưởng ban xác nhận; "
        "không nhập tay số Tờ trình", _NUMBER_BASIS),
    Step.SIGN_PARTY_SUBMISSION: ProvenanceRule(
        Step.SIGN_PARTY_SUBMISSION, (Source.ISSUED_DOCUMENT, Source.REGISTERED_DOCUMENT),
        "Tờ trình của Đảng ủy chỉ được ký qua Tờ trình do hệ thống cấp số (số-TTr/ký hiệu của Đảng ủy) và Bí thư "
        "đã ký, hoặc Tờ trình đánh số ngoài hệ thống đã vào sổ đăng ký của năm (kèm bản scan đã ký) và được Bí thư "
        "xác nhận; không nhập tay số Tờ trình",
        "Số, ký hiệu văn bản của Đảng theo thứ tự trong năm của cấp ủy (Hướng dẫn 36-HD/VPTW); Bí thư ký thay mặt "
        "(T/M) cấp ủy"),
}


def provenance_rule(step: str) -> ProvenanceRule | None:
    """The rule of a step that completes only from a record; None for an ordinary step."""
    return PROVENANCE.get(step)
