"""Ký số on the web: the public page ``/verify`` checks anyone's signed PDF (no account needed);
on the decisions page the Trưởng ban signs a Quyết định with his PKCS#12 file and its password
(used for this signature and forgotten), or downloads its PDF, signs it with his own token
software and uploads it; the văn thư then adds the agency's signature. Every rule is the
services' (:mod:`tdkt.services.documents.pdf_signing`, :mod:`~tdkt.services.documents.verification`)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from tdkt.errors import InvalidInput, TdktError, TooManyAttempts
from tdkt.runtime import Runtime
from tdkt.services.documents.certificate_blanks import print_on_blanks
from tdkt.services.documents.lookup import find_issued
from tdkt.services.documents.pdf_signing import accept_signed_pdf, prepare_pdf, seal_document, sign_with_pkcs12
from tdkt.services.documents.signing import DECISION, SUBMISSION, Signing
from tdkt.services.documents.verification import verify_file
from tdkt.services.people.accounts import Account
from tdkt.views.case_page import issued_document_file
from tdkt.web.app_errors import error_status
from tdkt.web.deps import current_account, pages, posted, runtime
from tdkt.web.routes.decisions import back, decision_roles, decisions_response, read_and_confirmed
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()


async def _upload(rt: Runtime, form: FormData, name: str, missing: str) -> bytes:
    file = form.get(name)
    if not isinstance(file, UploadFile) or not file.filename:
        raise InvalidInput(missing, f"no {name} file")
    limit = rt.settings.upload_max_mb * 1024 * 1024
    content = await file.read(limit + 1)
    if len(content) > limit:
        raise InvalidInput(f"Tệp quá lớn (tối đa {rt.settings.upload_max_mb} MB).", "file too large")
    return content


@router.get("/verify")
def verify_page(request: Request, ma: str = "", rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """Public: the form; with ``?ma=…`` (the lookup code printed on the document) the register
    entry of the issued document and its stored signed file verified again."""
    title = "Kiểm tra văn bản ký số"
    if not ma.strip():
        return p.render(request, "verify.html", title=title, report=None)
    address = request.client.host if request.client else ""
    try:
        entry = find_issued(rt, ma, address)
    except TdktError as err:
        response = p.render(request, "verify.html", error_status(err), title=title, report=None, code=ma[:40],
                            error=err.message_vi)
        if isinstance(err, TooManyAttempts):
            response.headers["Retry-After"] = str(err.retry_after)
        return response
    return p.render(request, "verify.html", title=title, report=entry.report, entry=entry, code=ma[:40],
                    tz=rt.settings.tz, filename=entry.filename)


@router.post("/verify")
async def verify(request: Request, form: FormData = Depends(posted), rt: Runtime = Depends(runtime),
                 p: Pages = Depends(pages)) -> Response:
    """Public: an uploaded PDF's signatures, each judged; nothing is stored."""
    try:
        data = await _upload(rt, form, "file", "Hãy chọn tệp PDF cần kiểm tra.")
        report = await run_in_threadpool(verify_file, rt, data)
    except TdktError as err:
        return await run_in_threadpool(p.render, request, "verify.html", error_status(err), title="Kiểm tra văn bản "
                                       "ký số", report=None, error=err.message_vi)
    return await run_in_threadpool(p.render, request, "verify.html", title="Kiểm tra văn bản ký số", report=report,
                                   tz=rt.settings.tz, filename=getattr(form.get("file"), "filename", ""))


@dataclass(frozen=True)
class _Kind:
    """What differs between signing a Quyết định and a Tờ trình on this page."""

    signing: Signing
    signed: str  # after the server-side signature; {n}: how many dossiers moved on
    accepted: str  # after an out-of-band signed upload
    confirm: bool  # signed only from its confirmation page (the whole text shown)


_DECISION = _Kind(DECISION, "Đã ký số Quyết định: {n} hồ sơ chuyển sang «Quyết định đã ký».",
                  "Đã nhận bản ký số hợp lệ: {n} hồ sơ chuyển sang «Quyết định đã ký».", confirm=False)
_SUBMISSION = _Kind(SUBMISSION, "Đã ký số Tờ trình: {n} hồ sơ chuyển Sở Nội vụ.",
                    "Đã nhận bản Tờ trình ký số hợp lệ: {n} hồ sơ chuyển Sở Nội vụ.", confirm=True)


def _pdf(kind: _Kind, doc_id: int, acc: Account, rt: Runtime) -> Response:
    """The PDF/A of a draft, for the signer's own token software."""
    path = prepare_pdf(rt, acc.username, doc_id, kind.signing)
    return FileResponse(path, media_type="application/pdf", filename=path.name, content_disposition_type="attachment")


def _confirmed(form: FormData, doc_id: int) -> Response | None:
    """A Tờ trình is signed only from its confirmation page (the whole text shown)."""
    if not read_and_confirmed(form):
        return RedirectResponse(f"/decisions/{doc_id}/sign-submission", status_code=303)
    return None


async def _signed(kind: _Kind, request: Request, doc_id: int, form: FormData, acc: Account, rt: Runtime, p: Pages,
                  *, on_server: bool) -> Response:
    """Ký số trên máy chủ (the PKCS#12 file and its password, for this signature only) or ký số
    ngoài hệ thống (the signed PDF, counted once verified); an error shows the page again."""
    if kind.confirm and (again := _confirmed(form, doc_id)) is not None:
        return again
    try:
        if on_server:
            p12 = await _upload(rt, form, "p12", "Hãy chọn tệp chứng thư số (.p12/.pfx).")
            cases = await run_in_threadpool(sign_with_pkcs12, rt, acc.username, doc_id, kind.signing, p12,
                                            str(form.get("password", "")))
        else:
            data = await _upload(rt, form, "signed", "Hãy chọn bản PDF đã ký số.")
            cases = await run_in_threadpool(accept_signed_pdf, rt, acc.username, doc_id, kind.signing, data)
    except TdktError as err:
        return await run_in_threadpool(decisions_response, request, rt, p, acc, error_status(err), err.message_vi)
    return back(request, (kind.signed if on_server else kind.accepted).format(n=len(cases)))


@router.get("/decisions/{doc_id}/pdf")
def pdf_to_sign(doc_id: int, acc: Account = Depends(decision_roles), rt: Runtime = Depends(runtime)) -> Response:
    """The PDF/A of a draft Quyết định, for the signer's own token software."""
    return _pdf(_DECISION, doc_id, acc, rt)


@router.post("/decisions/{doc_id}/sign-pdf")
async def sign_pdf(request: Request, doc_id: int, form: FormData = Depends(posted),
                   acc: Account = Depends(decision_roles), rt: Runtime = Depends(runtime),
                   p: Pages = Depends(pages)) -> Response:
    """Ký số Quyết định trên máy chủ."""
    return await _signed(_DECISION, request, doc_id, form, acc, rt, p, on_server=True)


@router.post("/decisions/{doc_id}/upload-signed")
async def upload_signed(request: Request, doc_id: int, form: FormData = Depends(posted),
                        acc: Account = Depends(decision_roles), rt: Runtime = Depends(runtime),
                        p: Pages = Depends(pages)) -> Response:
    """Quyết định ký số ngoài hệ thống."""
    return await _signed(_DECISION, request, doc_id, form, acc, rt, p, on_server=False)


@router.post("/decisions/{doc_id}/seal")
def seal(request: Request, doc_id: int, form: FormData = Depends(posted), acc: Account = Depends(decision_roles),
         rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """Văn thư: the agency's signature over the signed Quyết định."""
    try:
        seal_document(rt, acc.username, doc_id)
    except TdktError as err:
        return decisions_response(request, rt, p, acc, error_status(err), err.message_vi)
    return back(request, "Đã ký số của cơ quan (văn thư) lên văn bản.")


@router.get("/submissions/{doc_id}/pdf")
def submission_pdf(doc_id: int, acc: Account = Depends(decision_roles), rt: Runtime = Depends(runtime)) -> Response:
    """The PDF/A of a draft Tờ trình, for the signer's own token software."""
    return _pdf(_SUBMISSION, doc_id, acc, rt)


@router.post("/submissions/{doc_id}/sign-pdf")
async def sign_submission_pdf(request: Request, doc_id: int, form: FormData = Depends(posted),
                              acc: Account = Depends(decision_roles), rt: Runtime = Depends(runtime),
                              p: Pages = Depends(pages)) -> Response:
    """Ký số Tờ trình trên máy chủ, from the confirmation page."""
    return await _signed(_SUBMISSION, request, doc_id, form, acc, rt, p, on_server=True)


@router.post("/submissions/{doc_id}/upload-signed")
async def upload_signed_submission(request: Request, doc_id: int, form: FormData = Depends(posted),
                                   acc: Account = Depends(decision_roles), rt: Runtime = Depends(runtime),
                                   p: Pages = Depends(pages)) -> Response:
    """Tờ trình ký số ngoài hệ thống, from the confirmation page."""
    return await _signed(_SUBMISSION, request, doc_id, form, acc, rt, p, on_server=False)


@router.get("/decisions/{doc_id}/certificates/blanks.pdf")
def certificate_blanks(doc_id: int, acc: Account = Depends(decision_roles), rt: Runtime = Depends(runtime)) -> Response:
    """The Giấy khen of a Quyết định for the pre-printed phôi: only the variable text."""
    name, pdf = print_on_blanks(rt, acc.username, doc_id)
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/documents/{doc_id}/signed")
def signed_file(doc_id: int, acc: Account = Depends(current_account), rt: Runtime = Depends(runtime)) -> Response:
    name, path, digest = issued_document_file(rt, acc.username, doc_id, signed=True)
    return FileResponse(path, media_type="application/pdf", filename=name, content_disposition_type="attachment",
                        headers={"ETag": f'"{digest}"'})
