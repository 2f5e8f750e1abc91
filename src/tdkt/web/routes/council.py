"""Council pages (phiên họp Hội đồng TĐKT): the sessions I sit in, a session's agenda with the
secret ballot for members, attendance, turnout and close for the secretary, the minutes and,
after the close, the opened ballots the minutes' digest is of.

Every rule — who is a member, who is the secretary, one ballot each, quorum, ties at the quota
line — is checked by the services; these routes only translate forms into their calls. The page
never shows a member's choices back: after voting it says only that the ballot was received. No
page shows a count per dossier while the session is open: there is none before the count.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from tdkt.domain.council import VOTE_LABELS, VoteChoice
from tdkt.errors import InvalidInput, RuleViolation, TdktError
from tdkt.orchestration.use_cases import perform
from tdkt.runtime import Runtime
from tdkt.services.council.minutes import KIND_LABELS
from tdkt.services.council.session import cast_vote, mark_attendance, turnout
from tdkt.services.people.accounts import Account
from tdkt.views.council_page import (
    minutes_file,
    openable_rounds,
    opened_ballots_file,
    session_page,
    sessions_of,
    tied_dossiers,
)
from tdkt.web.app_errors import error_status
from tdkt.web.deps import current_account, pages, posted, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

log = logging.getLogger(__name__)
router = APIRouter()
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _index(request: Request, rt: Runtime, p: Pages, acc: Account, status: int = 200,
           error: str | None = None) -> Response:
    return p.render(request, "council_index.html", status, title="Phiên họp Hội đồng TĐKT",
                    sessions=sessions_of(rt, acc.username), rounds=openable_rounds(rt, acc.username),
                    flash=request.session.pop("flash", None), error=error)


def _session(request: Request, rt: Runtime, p: Pages, acc: Account, session_id: int, status: int = 200,
             error: str | None = None, show_ties: bool = False) -> Response:
    page = session_page(rt, acc.username, session_id)
    voting = None
    if page.summary.is_secretary and page.summary.status == "open":
        voting = turnout(rt, acc.username, session_id)
    return p.render(request, "council_session.html", status, title=f"Phiên họp số {session_id}", s=page,
                    turnout=voting, ties=tied_dossiers(rt, session_id) if show_ties else [],
                    vote_labels=VOTE_LABELS, kinds=KIND_LABELS, flash=request.session.pop("flash", None),
                    error=error)


def _back(session_id: int, flash: str, request: Request) -> Response:
    request.session["flash"] = flash
    return RedirectResponse(f"/council/sessions/{session_id}", status_code=303)


@router.get("/council")
def index(request: Request, acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
          p: Pages = Depends(pages)) -> Response:
    return _index(request, rt, p, acc)


@router.post("/council/sessions")
def open_(request: Request, form: FormData = Depends(posted), acc: Account = Depends(current_account),
          rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """The secretary opens a session for a round: ``round_key`` is ``level|movement|round``."""
    level, _, rest = str(form.get("round_key", "")).partition("|")
    movement, _, number = rest.partition("|")
    try:
        if not movement or not number.isdigit():
            raise InvalidInput("Hãy chọn đợt xét cần mở phiên họp.", f"bad round_key {form.get('round_key')!r}")
        opened = perform(rt, "council-open", acc.username,
                         {"movement": movement, "round": int(number), "level": level or "agency"})
    except TdktError as err:
        return _index(request, rt, p, acc, error_status(err), err.message_vi)
    return _back(opened.session_id, f"Đã mở phiên họp số {opened.session_id}: {len(opened.case_ids)} hồ sơ, "
                 f"{len(opened.members)} thành viên.", request)


@router.get("/council/sessions/{session_id}")
def show(request: Request, session_id: int, acc: Account = Depends(current_account),
         rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    return _session(request, rt, p, acc, session_id)


@router.post("/council/sessions/{session_id}/vote")
def vote(request: Request, session_id: int, form: FormData = Depends(posted),
         acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
         p: Pages = Depends(pages)) -> Response:
    page = session_page(rt, acc.username, session_id)
    choices: dict[int, VoteChoice | str] = {}
    for item in page.agenda:
        raw = form.get(f"choice_{item.case_id}")
        if isinstance(raw, str) and raw:
            choices[item.case_id] = raw
    try:
        cast_vote(rt, acc.username, session_id, choices)
    except TdktError as err:
        return _session(request, rt, p, acc, session_id, error_status(err), err.message_vi)
    return _back(session_id, "Đã ghi nhận phiếu bầu của anh/chị (bỏ phiếu kín).", request)


@router.post("/council/sessions/{session_id}/attendance")
def attend(request: Request, session_id: int, form: FormData = Depends(posted),
           acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
           p: Pages = Depends(pages)) -> Response:
    """Ticked members are present; unticked ones who have not voted are not (a voter attended)."""
    page = session_page(rt, acc.username, session_id)
    ticked = {str(v) for v in form.getlist("present")}
    present = [m.username for m in page.members if m.username in ticked or m.voted]
    absent = [m.username for m in page.members if m.username not in present]
    try:
        mark_attendance(rt, acc.username, session_id, present, True)  # the service checks the secretary
        if absent:
            mark_attendance(rt, acc.username, session_id, absent, False)
    except TdktError as err:
        return _session(request, rt, p, acc, session_id, error_status(err), err.message_vi)
    return _back(session_id, f"Đã điểm danh: {len(present)}/{len(page.members)} thành viên dự họp.", request)


@router.get("/council/sessions/{session_id}/turnout")
def turnout_fragment(request: Request, session_id: int, acc: Account = Depends(current_account),
                     rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """The secretary's attendance and turnout as an HTML fragment (refreshed by static/council.js)."""
    return p.render(request, "council_turnout.html", turnout=turnout(rt, acc.username, session_id))


@router.get("/council/sessions/{session_id}/ballots")
def ballots(request: Request, session_id: int, acc: Account = Depends(current_account),
            rt: Runtime = Depends(runtime)) -> Response:
    """The opened ballots of a closed session (anonymous, sorted): their SHA-256 is the minutes' digest."""
    found = opened_ballots_file(rt, acc.username, session_id)
    name = f"phieu-da-mo-phien-hop-{session_id}.json"
    return Response(found.text, media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _resolutions(form: FormData, agenda_ids: list[int]) -> dict[int, tuple[bool, str]]:
    found: dict[int, tuple[bool, str]] = {}
    for case_id in agenda_ids:
        verdict = str(form.get(f"tie_{case_id}", ""))
        if verdict in ("yes", "no"):
            found[case_id] = (verdict == "yes", str(form.get(f"reason_{case_id}", "")).strip())
    return found


@router.post("/council/sessions/{session_id}/close")
def close(request: Request, session_id: int, form: FormData = Depends(posted),
          acc: Account = Depends(current_account), rt: Runtime = Depends(runtime),
          p: Pages = Depends(pages)) -> Response:
    page = session_page(rt, acc.username, session_id)
    resolutions = _resolutions(form, [a.case_id for a in page.agenda])
    try:
        result = perform(rt, "council-close", acc.username, {
            "session_id": session_id, "ties": {str(c): [yes, why] for c, (yes, why) in resolutions.items()}})
    except TdktError as err:
        tie = (isinstance(err, RuleViolation) and err.rule == "council_tie_at_quota") or bool(resolutions)
        return _session(request, rt, p, acc, session_id, error_status(err), err.message_vi, show_ties=tie)
    selected = sum(1 for d in result.decisions if d["selected"])
    note = f"Đã kết thúc phiên họp: {selected}/{len(result.decisions)} hồ sơ được đề nghị khen thưởng."
    if result.applied.failed:
        note += f" Chưa chuyển bước được {len(result.applied.failed)} hồ sơ: " + "; ".join(
            f"số {cid}: {why}" for cid, why in sorted(result.applied.failed.items()))
    note += _issue_minutes(rt, acc.username, session_id)
    return _back(session_id, note, request)


def _issue_minutes(rt: Runtime, username: str, session_id: int) -> str:
    """Lập Biên bản (.docx) right after the close; if it cannot be made now, the page offers it."""
    try:
        issued = perform(rt, "council-minutes", username, {"session_id": session_id})
    except TdktError as err:
        log.warning("minutes of session %s not issued: %s", session_id, err.message_en)
        return f" Chưa lập được Biên bản (.docx): {err.message_vi}"
    return f" Đã lập Biên bản số {issued.reference}."


@router.post("/council/sessions/{session_id}/minutes")
def issue_minutes(request: Request, session_id: int, form: FormData = Depends(posted),
                  acc: Account = Depends(current_account), rt: Runtime = Depends(runtime)) -> Response:
    session_page(rt, acc.username, session_id)  # members and secretary only
    return _back(session_id, _issue_minutes(rt, acc.username, session_id).strip(), request)


@router.get("/council/sessions/{session_id}/minutes")
def minutes(request: Request, session_id: int, acc: Account = Depends(current_account),
            rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """The issued Biên bản as a .docx download; before it is issued, the recorded text."""
    found = minutes_file(rt, acc.username, session_id)
    if found.docx is None:
        return p.render(request, "council_minutes.html", title=f"Biên bản phiên họp số {session_id}", m=found)
    name = f"bien-ban-phien-hop-{session_id}.docx"
    return FileResponse(found.docx, media_type=DOCX, filename=name, content_disposition_type="attachment")
