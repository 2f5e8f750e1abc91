"""The role × action matrix (issue 7.2): every persona of the seed organisation against every
action of the web app, with the expected HTTP status per cell. Dossiers belong to Phòng Quản lý
Đầu tư (QLDT); "other" is the clerk of another unit, who must not even learn they exist (404); the Sở
Nội vụ ("snv") sees a dossier only once it went up to the province (tests/integration/test_agencies.py).
A refused cell changes nothing; anonymous pages redirect to /login, anonymous forms get 401.
Nobody completes the council's step or the signature by typing a result into the task's form:
those come only from a session or a confirmed paper meeting, a signed or registered document."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from tdkt.persistence.models import Attachment, Case
from tests.integration import web_cases
from tests.integration.web_cases import PERSONAS, Site, snapshot
from tests.integration.web_support import Browser

# columns: the personas of web_cases.PERSONAS in order ("other" is other_clerk);
# 303 on a GET: to /login (anonymous); on a POST: done, to the next page
MATRIX = """
action        clerk other head appraiser secretary member truongban snv admin anon
inbox         200   200   200  200       200       200    200       200 200   303
queue         200   200   200  200       200       200    200       200 200   303
archive       200   200   200  200       200       200    200       200 200   303
new_form      200   200   403  200       403       403    403       403 403   303
create        303   303   403  303       403       403    403       403 403   401
view_case     200   404   200  200       200       200    200       404 404   303
view_task     200   404   200  200       200       200    200       404 404   303
download      200   404   200  200       200       200    200       404 404   303
claim         403   404   403  303       403       403    403       404 404   401
act_submit    303   404   403  403       403       403    403       404 404   401
act_appraise  403   404   403  303       403       403    403       404 404   401
act_council   403   404   403  403       403       403    403       404 404   401
act_sign      403   404   403  403       403       403    403       404 404   401
upload        303   404   403  403       403       403    403       404 404   401
comment       303   404   303  303       303       303    303       404 404   401
dashboard     403   403   200  200       200       403    200       200 200   303
admin         403   403   403  403       403       403    403       403 200   303
council       200   200   200  200       200       200    200       200 200   303
delegations   200   200   200  200       200       200    200       200 200   303
paper_page    200   200   200  200       200       200    200       200 200   303
paper_record  403   403   403  403       303       403    403       403 403   401
paper_confirm 404   404   403  404       403       403    303       404 404   401
register_page 403   403   403  200       403       403    200       403 403   303
register      403   403   403  303       403       403    403       403 403   401
reg_approve   403   403   403  403       403       403    303       403 403   401
"""

site = web_cases.site  # the installation these tests share (a fixture)


def _cells() -> list[tuple[str, str, int]]:
    header, *rows = [line.split() for line in MATRIX.strip().splitlines()]
    assert len(header) == len(PERSONAS) + 1, "the matrix's columns are the personas, in order"
    return [(row[0], who, int(code)) for row in rows for who, code in zip(PERSONAS, row[1:], strict=True)]


#: the step a dossier's route waits at for each action on a task
STEP = {"view_case": "appraise", "view_task": "appraise", "download": "appraise", "claim": "appraise",
        "act_submit": "submit",
        "act_appraise": "appraise", "act_council": "council", "act_sign": "sign", "upload": "submit",
        "comment": "appraise", "paper_record": "council", "register": "sign"}
#: each task's form, filled in (a rejection needs no checklist)
FORMS = {"act_submit": {"note": "Hồ sơ đủ"}, "act_appraise": {"appraisal_outcome": "reject", "reason": "Thiếu"},
         "act_council": {"council_approved": "true", "votes_for": "5", "votes_total": "6"},
         "act_sign": {"decision_number": "12/QĐ-BQLKKTCK"}}
CHANGING = {"claim", "act_submit", "act_appraise", "act_council", "act_sign", "paper_record", "paper_confirm",
            "register", "reg_approve"}
_shared: dict[tuple[int, str], tuple[int, int]] = {}
_names = iter(range(1, 10_000))


def _target(site: Site, action: str, fresh: bool) -> tuple[int, int]:
    """A dossier at the action's step: a new one when the cell is expected to change it."""
    key = (id(site), STEP[action])
    if fresh or key not in _shared:
        case_id, task_id = site.case_at(STEP[action])
        assert task_id is not None
        if fresh:
            return case_id, task_id
        _shared[key] = (case_id, task_id)
    return _shared[key]


def _get(url: str) -> Callable[..., Any]:
    return lambda b, site, fresh: b.get(url)


def _task_action(action: str) -> Callable[..., Any]:
    def run(b: Browser, site: Site, fresh: bool) -> Any:
        case_id, task_id = _target(site, action, fresh)
        with site.rt.uow() as uow:
            version = uow.session.get(Case, case_id).version
        return b.post(f"/tasks/{task_id}", {**FORMS[action], "version": str(version),
                                            "action_id": f"matrix-{action}-{case_id}-{id(b)}"})
    return run


def _by_task(template: str, **form: Any) -> Callable[..., Any]:
    def run(b: Browser, site: Site, fresh: bool) -> Any:
        action = next(k for k, v in ACTIONS.items() if v is run)
        case_id, task_id = _target(site, action, fresh)
        url = template.format(case=case_id, task=task_id)
        if template.startswith("GET "):
            return b.get(url[4:])
        files = form.get("files")
        return b.post(url, {k: v for k, v in form.items() if k != "files"}, files=files)
    return run


def _create(b: Browser, site: Site, fresh: bool) -> Any:
    return b.post("/nominations", {"movement": "tang-truong-hai-con-so-2026|giay_khen_truong_ban", "round": "1",
                                   "nominee_kind": "individual", "nominee_name": f"Người ma trận {next(_names)}",
                                   "achievements": "Hoàn thành xuất sắc nhiệm vụ"})


def _download(b: Browser, site: Site, fresh: bool) -> Any:
    case_id, _ = _target(site, "download", fresh)
    with site.rt.uow() as uow:
        attachment = uow.session.scalar(select(func.min(Attachment.id)).where(Attachment.case_id == case_id))
    return b.get(f"/attachments/{attachment}")


ACTIONS: dict[str, Callable[..., Any]] = {
    "inbox": _get("/inbox"), "queue": _get("/queue"), "archive": _get("/archive"),
    "new_form": _get("/nominations/new"), "create": _create,
    "view_case": _by_task("GET /cases/{case}"), "view_task": _by_task("GET /tasks/{task}"), "download": _download,
    "claim": _by_task("/tasks/{task}/claim"),
    **{a: _task_action(a) for a in ("act_submit", "act_appraise", "act_council", "act_sign")},
    "upload": _by_task("/tasks/{task}/attachments", kind="to_trinh_mau_01",
                       files={"file": ("to-trinh-moi.pdf", b"%PDF-1.4 moi", "application/pdf")}),
    "comment": _by_task("/tasks/{task}/comments", body="Đề nghị xem lại thành tích"),
    "dashboard": _get("/dashboard"), "admin": _get("/admin/accounts"), "council": _get("/council"),
    "delegations": _get("/delegations"),
}


# --- the records the council's step and the signature come from ---------------------------------

MINUTES = {"minutes": ("bien-ban.pdf", b"%PDF-1.4 bien ban da ky", "application/pdf")}
SCAN = {"scan": ("quyet-dinh.pdf", b"%PDF-1.4 quyet dinh da ky", "application/pdf")}
PRESENT = ["truongban", "hd.thuky", "qldt.truongphong", "pho.truongban", "qlqh.truongphong"]
_numbers = iter(range(100, 10_000))
_records: dict[tuple[int, str], int] = {}


def _paper(site: Site, case_id: int) -> int:
    from tdkt.services.council.paper import PaperMeeting, record_paper_meeting

    today = site.rt.now().astimezone(site.rt.settings.tz).date()
    return record_paper_meeting(site.rt, "hd.thuky", "tang-truong-hai-con-so-2026", 1, PaperMeeting(
        today, PRESENT, {case_id: (5, 0)}, *MINUTES["minutes"][:2]))


def _paper_record(b: Browser, site: Site, fresh: bool) -> Any:
    from tdkt.services.council.paper import refuse_paper_meeting

    case_id, _ = _target(site, "paper_record", fresh)
    r = b.post("/council/paper", {"round_key": "agency|tang-truong-hai-con-so-2026|1", "held_on": "2026-01-05",
                                  "present": PRESENT, f"agree_{case_id}": "5"}, files=MINUTES)
    if r.status_code == 303:  # pending, it would hold the round's sessions back: the chair sends it back
        refuse_paper_meeting(site.rt, "truongban", int(r.headers["location"].rsplit("/", 1)[1]), "Ma trận")
    return r


def _paper_to_confirm(site: Site, fresh: bool) -> int:
    """A fresh record waiting for the chair; for the refusals a record the chair refused (one
    waiting would hold the round's sessions back), refused again by each role check first."""
    from tdkt.services.council.paper import refuse_paper_meeting

    key = (id(site), "paper_confirm")
    if fresh or key not in _records:
        case_id, _ = site.case_at("council")
        record = _paper(site, case_id)
        if fresh:
            return record
        refuse_paper_meeting(site.rt, "truongban", record, "Ma trận")
        _records[key] = record
    return _records[key]


def _paper_confirm(b: Browser, site: Site, fresh: bool) -> Any:
    record = _paper_to_confirm(site, fresh)
    b.get("/inbox")
    return b.post(f"/council/paper/{record}/confirm")


def _register(b: Browser, site: Site, fresh: bool) -> Any:
    case_id, _ = _target(site, "register", fresh)
    return b.post("/decisions/register", {"kind": "quyet_dinh", "reference": f"{next(_numbers)}/QĐ-BQLKKTCK",
                                          "signed_on": "2026-01-05", "case": [str(case_id)]}, files=SCAN)


def _registration_to_approve(site: Site, fresh: bool) -> int:
    from tdkt.services.documents.register import Registration, register_document

    key = (id(site), "reg_approve")
    if fresh or key not in _records:
        case_id, _ = site.case_at("sign")
        today = site.rt.now().astimezone(site.rt.settings.tz).date()
        reg = register_document(site.rt, "vp.thamdinh", Registration(
            "quyet_dinh", f"{next(_numbers)}/QĐ-BQLKKTCK", today, [case_id], *SCAN["scan"][:2]))
        if fresh:
            return reg
        _records[key] = reg
    return _records[key]


def _reg_approve(b: Browser, site: Site, fresh: bool) -> Any:
    return b.post(f"/decisions/register/{_registration_to_approve(site, fresh)}/approve")


#: records shared by a row's refused cells, made before the cell's snapshot
SHARED = {"paper_confirm": _paper_to_confirm, "reg_approve": _registration_to_approve}
ACTIONS.update({"paper_page": _get("/council/paper"), "paper_record": _paper_record, "paper_confirm": _paper_confirm,
                "register_page": _get("/decisions/register"), "register": _register, "reg_approve": _reg_approve})


def _browser(site: Site, who: str) -> Browser:
    if who != "anon":
        return site.as_(who)
    b = Browser(site.rt, app=site.app)
    b.get("/login")  # a valid CSRF token: the refusal is for being anonymous, not for the token
    return b


@pytest.mark.parametrize(("action", "who", "expected"), _cells(), ids=lambda v: str(v))
def test_cell(site: Site, action: str, who: str, expected: int) -> None:
    b = _browser(site, who)
    if who != "anon":
        b.get("/inbox")  # the token of this session
    fresh = action in CHANGING and expected == 303
    if action in STEP:
        _target(site, action, fresh=False)  # the shared dossier exists before the snapshot
    if action in SHARED and not fresh:
        SHARED[action](site, False)
    before = snapshot(site.rt)
    r = ACTIONS[action](b, site, fresh)
    assert r.status_code == expected, (action, who, r.status_code, r.text[:600])
    if expected == 303:
        location = r.headers["location"]
        assert location.startswith("/login?next=") if who == "anon" else not location.startswith("/login"), location
    if expected >= 400 or (who == "anon"):
        assert snapshot(site.rt) == before, (action, who)
    if expected == 404:
        assert "Không có" in r.text or "Không tìm thấy" in r.text


def test_every_action_of_the_matrix_is_defined() -> None:
    assert {a for a, _, _ in _cells()} == set(ACTIONS)
