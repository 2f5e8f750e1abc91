"""What a person reads about a step of the route: why it came to them (the notice's first line)
and what happens after they act (the task page's "Bước tiếp theo"). Pure text tables, one line
per step of :class:`tdkt.domain.status.Step`, so the notice, the task page and the tests agree."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tdkt.domain.status import Step

__all__ = ["NEXT_STEPS", "NOTE_FIELDS", "lead_for", "note_of", "NOTICE_STEPS", "DRAFT_STEPS"]

#: what happens once the step is done
NEXT_STEPS: dict[str, str] = {
    Step.SUBMIT_DOSSIER: "Sau khi anh/chị nộp, hồ sơ chuyển Văn phòng thẩm định; Văn phòng có thể yêu cầu bổ sung "
                         "kèm lý do.",
    Step.APPRAISE_DOSSIER: "Đạt: hồ sơ chờ Hội đồng TĐKT xét. Yêu cầu bổ sung: hồ sơ trở lại cán bộ đơn vị đã nộp, "
                           "kèm lý do anh/chị ghi. Không đạt: hồ sơ bị trả lại và kết thúc.",
    Step.SUPPLEMENT_DOSSIER: "Sau khi anh/chị gửi bổ sung, hồ sơ trở lại Văn phòng thẩm định, kèm nội dung anh/chị "
                             "ghi.",
    Step.COUNCIL_DECIDE: "Thư ký mở phiên họp cho đợt; thành viên Hội đồng bỏ phiếu kín; khi đóng phiên, kết luận "
                         "của Hội đồng được ghi vào từng hồ sơ.",
    Step.SIGN_DECISION: "Văn phòng lập Quyết định (có số); Trưởng ban ký tại trang Quyết định; khi ký, mỗi hồ sơ "
                        "nhận số quyết định và Giấy khen được in.",
    Step.SIGN_SUBMISSION: "Văn phòng lập Tờ trình; khi Trưởng ban ký, hồ sơ chuyển Sở Nội vụ thẩm định.",
    Step.PROVINCE_APPRAISE: "Đạt: hồ sơ chờ Hội đồng TĐKT tỉnh xét. Không đạt: hồ sơ trả lại và kết thúc.",
    Step.PROVINCE_COUNCIL_DECIDE: "Kết luận của Hội đồng TĐKT tỉnh (phiên họp, hoặc biên bản họp trên giấy đã được "
                                  "xác nhận) được ghi vào hồ sơ.",
    Step.PROVINCE_DECIDE: "Sau khi ghi số quyết định, hồ sơ được khen thưởng và kết thúc.",
    Step.PROVINCE_SUBMIT_CENTRAL: "Hồ sơ chuyển Trung ương; Sở Nội vụ ghi nhận quyết định của Thủ tướng Chính phủ.",
    Step.CENTRAL_DECIDE: "Sau khi ghi nhận kết quả, hồ sơ kết thúc.",
    Step.SIGN_PARTY_SUBMISSION: "Văn phòng lập Tờ trình của Đảng ủy; khi Bí thư Đảng ủy ký, hồ sơ chuyển Văn phòng "
                                "Đảng ủy UBND tỉnh thẩm định.",
    Step.PARTY_PROVINCE_APPRAISE: "Đạt: hồ sơ trình Ban Thường vụ Đảng ủy UBND tỉnh quyết định. Không đạt: hồ sơ trả "
                                  "lại và kết thúc.",
    Step.PARTY_PROVINCE_DECIDE: "Sau khi ghi số Quyết định của Ban Thường vụ Đảng ủy UBND tỉnh, hồ sơ được khen thưởng "
                                "và kết thúc.",
}

#: the form fields that carry a message to the next person, with how the notice names them
NOTE_FIELDS: tuple[tuple[str, str], ...] = (
    ("reason", "Lý do"),
    ("province_appraisal_reason", "Lý do của Sở Nội vụ"),
    ("party_appraisal_reason", "Lý do của Văn phòng Đảng ủy UBND tỉnh"),
    ("note", "Ghi chú"),
    ("central_note", "Ghi chú"),
)

#: the steps whose holders learn of them from a notice when they appear. The dossier to submit is
#: the clerk's own, just opened; the signatures are told when the Văn phòng drafts the document
#: to sign (nothing to sign before it): for those the Văn phòng is told to draft it
#: (:data:`DRAFT_STEPS`)
DRAFT_STEPS = frozenset({Step.SIGN_DECISION, Step.SIGN_SUBMISSION, Step.SIGN_PARTY_SUBMISSION})
NOTICE_STEPS = frozenset(NEXT_STEPS) - DRAFT_STEPS - {Step.SUBMIT_DOSSIER}

_SUPPLEMENT_NOTE = "Lý do Văn phòng yêu cầu bổ sung"
_UNIT_NOTE = "Ghi chú của đơn vị"


def note_of(step_done: str | None, data: Mapping[str, Any]) -> tuple[str, str]:
    """(label, text) of the message the completed step carried to the next person, or ("", "")."""
    for key, label in NOTE_FIELDS:
        text = data.get(key)
        if isinstance(text, str) and text.strip():
            if step_done == Step.APPRAISE_DOSSIER and key == "reason":
                label = _SUPPLEMENT_NOTE if data.get("appraisal_outcome") == "supplement" else "Lý do của Văn phòng"
            elif step_done in (Step.SUBMIT_DOSSIER, Step.SUPPLEMENT_DOSSIER) and key == "note":
                label = _UNIT_NOTE
            return label, text.strip()
    return "", ""


def lead_for(step: str, title: str, unit_name: str, step_done: str | None) -> str:
    """The notice's first sentence: why this task is now the reader's."""
    if step == Step.APPRAISE_DOSSIER:
        if step_done == Step.SUPPLEMENT_DOSSIER:
            return f"{unit_name} đã bổ sung hồ sơ theo yêu cầu; hồ sơ chờ anh/chị thẩm định lại."
        return f"{unit_name} đã nộp hồ sơ đề nghị khen thưởng; hồ sơ chờ anh/chị thẩm định."
    if step == Step.SUPPLEMENT_DOSSIER:
        return "Văn phòng yêu cầu bổ sung hồ sơ đề nghị khen thưởng anh/chị đã nộp; hồ sơ chờ anh/chị bổ sung."
    if step == Step.COUNCIL_DECIDE:
        return "Hồ sơ đã được Văn phòng thẩm định đạt và chờ Hội đồng TĐKT xét: hãy đưa vào phiên họp của đợt."
    if step == Step.SIGN_DECISION:
        return "Hội đồng TĐKT đã đề nghị khen thưởng hồ sơ; hãy lập Quyết định để Trưởng ban ký."
    if step == Step.SIGN_SUBMISSION:
        return "Hội đồng TĐKT đã đề nghị cấp trên khen thưởng hồ sơ; hãy lập Tờ trình để Trưởng ban ký."
    if step == Step.SIGN_PARTY_SUBMISSION:
        return ("Hội đồng TĐKT đã đề nghị Giấy khen của Ban Thường vụ Đảng ủy UBND tỉnh; hãy lập Tờ trình của Đảng ủy "
                "để Bí thư Đảng ủy ký.")
    return f"Hồ sơ đề nghị khen thưởng sau chờ anh/chị thực hiện «{title}»."
