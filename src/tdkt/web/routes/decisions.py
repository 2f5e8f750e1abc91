"""The Quyết định khen thưởng page: the Văn phòng drafts a numbered decision for the dossiers
waiting at ``sign_decision``, the Trưởng ban signs it (each dossier's step completes with the
decision's số/ký hiệu), and the Văn phòng prints the Giấy khen. The same for the Tờ trình to the
province of the dossiers waiting at ``sign_submission``.

Every rule — who drafts and who signs, which dossiers may be listed, the yearly numbering, one
signature per dossier — is checked by :mod:`tdkt.services.documents.issuing`; these routes only
translate forms into its calls and show :mod:`tdkt.views.decision_page`.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from tdkt.domain.calendar import read_day
from tdkt.domain.roles import Role
from tdkt.domain.titles import titled
from tdkt.errors import Forbidden, InvalidInput, TdktError, WrongState
from tdkt.orchestration.use_cases import perform
from tdkt.runtime import Runtime
from tdkt.services.documents.issuing import preview_html
from tdkt.services.people.accounts import Account
from tdkt.views.decision_page import (
    PAGE_ROLES,
    decision_state,
    decisions_page,
    document_body,
    may_sign,
    require_decision_document,
    signs_party_decisions,
)
from tdkt.web.app_errors import error_status
from tdkt.web.deps import current_account, pages, posted, runtime
from tdkt.web.templating import Pages

__all__ = ["router", "decision_roles", "decisions_response", "back"]

router = APIRouter()
def decision_roles(acc: Account = Depends(current_account), rt: Runtime = Depends(runtime)) -> Account:
    """The Văn phòng (drafts, prints), the Trưởng ban (signs) and — while an approved delegation
    gives it — the Phó Trưởng ban, who signs "KT."; the services check each action."""
    if any(acc.has(r) for r in PAGE_ROLES if r != Role.DEPUTY_HEAD_OF_AGENCY) or may_sign(rt, acc.username):
        return acc
    raise Forbidden("Anh/chị không có quyền xem trang này.", f"{acc.username} may not use the decisions page")
MAX_ID = 2**31 - 1


def decisions_response(request: Request, rt: Runtime, p: Pages, acc: Account, status: int = 200,
          error: str | None = None) -> Response:
    return p.render(request, "decisions.html", status, title="Quyết định khen thưởng",
                    page=decisions_page(rt, acc.username), may_draft=acc.has(Role.APPRAISER),
                    may_sign=may_sign(rt, acc.username), may_sign_party=signs_party_decisions(rt, acc.username),
                    digital_only=rt.settings.require_digital_signature,
                    flash=request.session.pop("flash", None), error=error)


def back(request: Request, flash: str) -> Response:
    request.session["flash"] = flash
    return RedirectResponse("/decisions", status_code=303)


def _case_ids(form: FormData) -> list[int]:
    ids = []
    for raw in form.getlist("case"):
        text = str(raw)
        if not text.isdigit() or not 0 < int(text) <= MAX_ID:
            raise InvalidInput("Lựa chọn hồ sơ không hợp lệ.", f"bad case id {raw!r}")
        ids.append(int(text))
    return ids


#: the form's field with the day the Đảng ủy met (what its Quyết định and Tờ trình rest on)
MEETING_FIELD = "meeting_on"


def _drafted(form: FormData) -> dict[str, object]:
    """The ticked dossiers and, when typed, the day the Đảng ủy met (ISO or dd/mm/yyyy)."""
    params: dict[str, object] = {"case_ids": _case_ids(form)}
    text = str(form.get(MEETING_FIELD, "")).strip()
    if text:
        day = read_day(text)
        if day is None:
            raise InvalidInput(f"Ngày Đảng ủy họp xét «{text}» không hợp lệ; hãy nhập theo dạng ngày/tháng/năm.",
                               f"meeting_on is not a date: {text!r}")
        params[MEETING_FIELD] = day.isoformat()
    return params


@router.get("/decisions")
def index(request: Request, acc: Account = Depends(decision_roles), rt: Runtime = Depends(runtime),
          p: Pages = Depends(pages)) -> Response:
    return decisions_response(request, rt, p, acc)


@router.post("/decisions")
def draft(request: Request, form: FormData = Depends(posted), acc: Account = Depends(decision_roles),
          rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """Lập dự thảo Quyết định for the ticked dossiers; its số is taken now."""
    try:
        issued = perform(rt, "decision-draft", acc.username, _drafted(form))
    except TdktError as err:
        return decisions_response(request, rt, p, acc, error_status(err), err.message_vi)
    return back(request, titled(f"Đã lập dự thảo Quyết định số {issued.reference}; trình Trưởng ban ký.",
                                acc.head_title))


@router.get("/decisions/{doc_id}/preview")
def preview(doc_id: int, acc: Account = Depends(decision_roles), rt: Runtime = Depends(runtime)) -> Response:
    """A Quyết định or Giấy khen as HTML, to read before signing or printing."""
    require_decision_document(rt, acc.username, doc_id)
    return HTMLResponse(preview_html(rt, doc_id))


#: the form's field that says the signer read the document on the confirmation page
CONFIRM = "confirm"
#: the box the signer ticks there: "Tôi đã đọc toàn văn … và đồng ý ký"
READ = "read"


def read_and_confirmed(form: FormData) -> bool:
    """Sent from the confirmation page, with the box ticked — checked here, not only by the browser."""
    return form.get(CONFIRM) == "yes" and form.get(READ) == "yes"


def _confirm_page(request: Request, rt: Runtime, p: Pages, acc: Account, doc_id: int, kind: str) -> Response:
    """Ký …: the whole document shown, and one button that signs it — nothing is signed from a list."""
    noun, action = {"quyet_dinh": ("Quyết định", "sign"), "to_trinh_dang": ("Tờ trình", "sign-party-submission")
                    }.get(kind, ("Tờ trình", "sign-submission"))
    try:
        reference, signed = decision_state(rt, doc_id, kind)
        require_decision_document(rt, acc.username, doc_id)
        allowed = signs_party_decisions(rt, acc.username) if kind == "to_trinh_dang" else \
            may_sign(rt, acc.username, doc_id if kind == "quyet_dinh" else None)
        if not allowed:
            raise Forbidden(f"Anh/chị không ký {noun}.", f"{acc.username} may not sign")
    except TdktError as err:
        return decisions_response(request, rt, p, acc, error_status(err), err.message_vi)
    return p.render(request, "decision_sign.html", 200, title=f"Ký {noun} số {reference}", noun=noun,
                    reference=reference, signed=signed, doc_id=doc_id, action=action, confirm_field=CONFIRM,
                    document=document_body(preview_html(rt, doc_id)),
                    digital=f"/{'decisions' if kind == 'quyet_dinh' else 'submissions'}/{doc_id}",
                    digital_only=rt.settings.require_digital_signature)


@router.get("/decisions/{doc_id}/sign")
def confirm_sign(request: Request, doc_id: int, acc: Account = Depends(decision_roles),
                 rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    return _confirm_page(request, rt, p, acc, doc_id, "quyet_dinh")


@router.get("/decisions/{doc_id}/sign-submission")
def confirm_sign_submission(request: Request, doc_id: int, acc: Account = Depends(decision_roles),
                            rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    return _confirm_page(request, rt, p, acc, doc_id, "to_trinh")


@router.post("/decisions/{doc_id}/sign")
def sign(request: Request, doc_id: int, form: FormData = Depends(posted), acc: Account = Depends(decision_roles),
         rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """Ký Quyết định: idempotent — a decision signed already is reported, not signed again. Only
    from the confirmation page (the document shown): without its field, back to that page."""
    if not read_and_confirmed(form):
        return RedirectResponse(f"/decisions/{doc_id}/sign", status_code=303)
    try:
        reference, signed_before = decision_state(rt, doc_id)
        cases = perform(rt, "decision-sign", acc.username, {"doc_id": doc_id})
    except TdktError as err:
        return decisions_response(request, rt, p, acc, error_status(err), err.message_vi)
    if signed_before:
        return back(request, f"Quyết định số {reference} đã được ký trước đó; không có gì thay đổi.")
    return back(request, f"Đã ký Quyết định số {reference}: {len(cases)} hồ sơ chuyển sang «Quyết định đã ký».")


@router.post("/decisions/{doc_id}/withdraw")
def withdraw(request: Request, doc_id: int, form: FormData = Depends(posted), acc: Account = Depends(decision_roles),
             rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """Thu hồi dự thảo: the number stays used; the dossiers can go into a new draft."""
    try:
        reference = perform(rt, "decision-withdraw", acc.username,
                            {"doc_id": doc_id, "reason": str(form.get("reason", ""))})
    except TdktError as err:
        return decisions_response(request, rt, p, acc, error_status(err), err.message_vi)
    return back(request, f"Đã thu hồi dự thảo Quyết định số {reference}; các hồ sơ có thể đưa vào dự thảo mới.")


@router.post("/decisions/{doc_id}/certificates")
def certificates(request: Request, doc_id: int, form: FormData = Depends(posted),
                 acc: Account = Depends(decision_roles), rt: Runtime = Depends(runtime),
                 p: Pages = Depends(pages)) -> Response:
    """In Giấy khen of a signed decision (those made already are kept)."""
    try:
        reference, signed = decision_state(rt, doc_id)
        if not signed and acc.has(Role.APPRAISER):  # anyone else is refused by the service
            raise WrongState(f"Quyết định số {reference} chưa được ký; chưa thể in Giấy khen.",
                               f"decision {doc_id} not signed")
        made = perform(rt, "certificates", acc.username, {"decision": doc_id})
    except TdktError as err:
        return decisions_response(request, rt, p, acc, error_status(err), err.message_vi)
    return back(request, f"Đã in {len(made)} Giấy khen theo Quyết định số {reference}.")


@router.post("/decisions/submissions")
def draft_submission(request: Request, form: FormData = Depends(posted), acc: Account = Depends(decision_roles),
                     rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """Lập dự thảo Tờ trình đề nghị cấp trên khen thưởng for the ticked dossiers; numbered now."""
    try:
        issued = perform(rt, "submission-draft", acc.username, {"case_ids": _case_ids(form)})
    except TdktError as err:
        return decisions_response(request, rt, p, acc, error_status(err), err.message_vi)
    return back(request, titled(f"Đã lập dự thảo Tờ trình số {issued.reference}; trình Trưởng ban ký.",
                                acc.head_title))


@router.post("/decisions/party-submissions")
def draft_party_submission(request: Request, form: FormData = Depends(posted), acc: Account = Depends(decision_roles),
                           rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """Lập dự thảo Tờ trình của Đảng ủy đề nghị Ban Thường vụ Đảng ủy UBND tỉnh khen thưởng (the
    Party's form, the Đảng ủy's series) for the ticked dossiers; its Bí thư signs it."""
    try:
        issued = perform(rt, "party-submission-draft", acc.username, _drafted(form))
    except TdktError as err:
        return decisions_response(request, rt, p, acc, error_status(err), err.message_vi)
    return back(request, f"Đã lập dự thảo Tờ trình số {issued.reference} của Đảng ủy; trình Bí thư Đảng ủy ký.")


@router.get("/decisions/{doc_id}/sign-party-submission")
def confirm_sign_party_submission(request: Request, doc_id: int, acc: Account = Depends(decision_roles),
                                  rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    return _confirm_page(request, rt, p, acc, doc_id, "to_trinh_dang")


@router.post("/decisions/{doc_id}/sign-party-submission")
def sign_party_submission(request: Request, doc_id: int, form: FormData = Depends(posted),
                          acc: Account = Depends(decision_roles), rt: Runtime = Depends(runtime),
                          p: Pages = Depends(pages)) -> Response:
    """Bí thư ký Tờ trình của Đảng ủy (T/M ĐẢNG ỦY): its dossiers go to the Văn phòng Đảng ủy UBND
    tỉnh with its number; only from the confirmation page, like a decision."""
    return _submission_signed(request, doc_id, form, acc, rt, p, "sign-party-submission", "to_trinh_dang",
                              "party-submission-sign", "Văn phòng Đảng ủy UBND tỉnh")


@router.post("/decisions/{doc_id}/sign-submission")
def sign_submission(request: Request, doc_id: int, form: FormData = Depends(posted),
                    acc: Account = Depends(decision_roles), rt: Runtime = Depends(runtime),
                    p: Pages = Depends(pages)) -> Response:
    """Ký Tờ trình: its dossiers go to Sở Nội vụ with its number (idempotent, like a decision);
    only from the confirmation page, like a decision."""
    return _submission_signed(request, doc_id, form, acc, rt, p, "sign-submission", "to_trinh", "submission-sign",
                              "Sở Nội vụ")


def _submission_signed(request: Request, doc_id: int, form: FormData, acc: Account, rt: Runtime, p: Pages,
                       page: str, kind: str, use_case: str, to: str) -> Response:
    """A Tờ trình of ``kind`` signed by ``use_case`` (only from its confirmation ``page``, like a
    decision; idempotent): its dossiers go to ``to`` with its number."""
    if not read_and_confirmed(form):
        return RedirectResponse(f"/decisions/{doc_id}/{page}", status_code=303)
    try:
        reference, signed_before = decision_state(rt, doc_id, kind)
        cases = perform(rt, use_case, acc.username, {"doc_id": doc_id})
    except TdktError as err:
        return decisions_response(request, rt, p, acc, error_status(err), err.message_vi)
    if signed_before:
        return back(request, f"Tờ trình số {reference} đã được ký trước đó; không có gì thay đổi.")
    return back(request, f"Đã ký Tờ trình số {reference}: {len(cases)} hồ sơ chuyển {to}.")
