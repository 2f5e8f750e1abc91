"""The case page (trang hồ sơ): summary, open tasks, timeline, documents and the BPMN diagram
with the case's position, plus the two small resources the diagram script loads (the model's
XML and the element ids to mark) and the download of issued documents.

The diagram is drawn in the browser by the vendored bpmn-js viewer (static/vendor/bpmn-js);
the page carries the resources' URLs in data attributes, since the CSP forbids inline scripts.
"""

from __future__ import annotations

from pathlib import PurePath

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, JSONResponse, Response

from tdkt.errors import CorruptState
from tdkt.runtime import Runtime
from tdkt.services.nominations.comments import comments_of
from tdkt.services.people.accounts import Account
from tdkt.views.case_page import case_diagram, case_page, case_position, issued_document_file
from tdkt.web.deps import current_account, pages, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()

_DOCUMENT_MEDIA = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   ".pdf": "application/pdf", ".html": "text/html"}


@router.get("/cases/{case_id}")
def show_case(request: Request, case_id: int, acc: Account = Depends(current_account),
              rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    page = case_page(rt, acc.username, case_id)
    try:
        called = [pos for pos in case_position(rt, acc.username, case_id)[1:] if pos.running]
        readable = True
    except CorruptState:  # a damaged workflow: the page still shows the record, without a position
        called, readable = [], False
    return p.render(request, "case.html", c=page, called=called, readable=readable,
                    comments=comments_of(rt, case_id), flash=request.session.pop("flash", None))


@router.get("/cases/{case_id}/diagram.bpmn")
def diagram(case_id: int, process: str | None = None, acc: Account = Depends(current_account),
            rt: Runtime = Depends(runtime)) -> Response:
    """The model's XML from bpmn/ (``?process=`` for a process the case called)."""
    xml = case_diagram(rt, acc.username, case_id, process)
    return Response(xml, media_type="application/xml; charset=utf-8")


@router.get("/cases/{case_id}/position.json")
def position(case_id: int, acc: Account = Depends(current_account), rt: Runtime = Depends(runtime)) -> Response:
    """Element ids to mark: ``active`` (ready user tasks, running call activities), ``waiting``
    (timers) and ``completed``, per process; the route's own process first."""
    try:
        found = case_position(rt, acc.username, case_id)
    except CorruptState as err:
        return JSONResponse({"case_id": case_id, "error": err.message_vi, "processes": []}, status_code=409)
    return JSONResponse({"case_id": case_id, **found[0].as_dict(), "processes": [p.as_dict() for p in found]})


@router.get("/documents/{doc_id}/file")
def document_file(doc_id: int, acc: Account = Depends(current_account), rt: Runtime = Depends(runtime)) -> Response:
    """An issued document of a dossier the person may see; always a download."""
    name, path, digest = issued_document_file(rt, acc.username, doc_id)
    media = _DOCUMENT_MEDIA.get(PurePath(name).suffix.lower(), "application/octet-stream")
    return FileResponse(path, media_type=media, filename=name, content_disposition_type="attachment",
                        headers={"ETag": f'"{digest}"'})
