"""Inbox, queue and archive (issue 7.3): what each shows, claim and release, the filters by
movement, round, unit and overdue, paging, the overdue highlighting, and bulk appraisal."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tdkt.persistence.models import AuditEntry, Case, HumanTask, Movement, Person, Round, Unit
from tdkt.services.people.delegation import approve, delegate, revoke
from tests.integration import web_cases
from tests.integration.conftest import new_case
from tests.integration.probes import add_person, approved_delegation
from tests.integration.web_cases import Site, assert_vietnamese_refusal, ready_task, snapshot
from tests.integration.web_support import Browser

# Both databases: paging, filters and the worklist indexes.
pytestmark = pytest.mark.both_databases

MOVEMENT = "tang-truong-hai-con-so-2026"

fresh_site = web_cases.fresh_site  # an installation per test (a fixture)


def claimable(html: str) -> set[int]:
    return {int(x) for x in re.findall(r'action="/tasks/(\d+)/claim"', html)}


def opened(html: str) -> set[int]:
    return {int(x) for x in re.findall(r'href="/tasks/(\d+)"', html)}


def _open(b: Browser, url: str) -> str:
    r = b.get(url)
    assert r.status_code == 200, (url, r.status_code)
    return r.text


def _version(site: Site, task_id: int) -> int:
    with site.rt.uow() as uow:
        return uow.session.get(HumanTask, task_id).version


def test_queue_inbox_archive_follow_the_task(fresh_site: Site) -> None:
    site = fresh_site
    _, submit = site.case_at("submit")
    case_id, appraise = site.case_at("appraise")
    clerk, other, appraiser = site.as_("clerk"), site.as_("other_clerk"), site.as_("appraiser")
    assert submit in claimable(_open(clerk, "/queue")) and appraise not in claimable(_open(clerk, "/queue"))
    assert not claimable(_open(other, "/queue"))  # nothing of another unit
    assert claimable(_open(appraiser, "/queue")) == {appraise}
    assert "Không có việc nào trong hộp việc" in _open(appraiser, "/inbox")

    r = appraiser.post(f"/tasks/{appraise}/claim", {"version": str(_version(site, appraise))})
    assert (r.status_code, r.headers["location"]) == (303, f"/tasks/{appraise}")
    inbox = _open(appraiser, "/inbox")
    assert appraise in opened(inbox) and "Đã nhận việc" in inbox
    assert appraise not in claimable(_open(appraiser, "/queue"))

    r = appraiser.post(f"/tasks/{appraise}/release")
    assert (r.status_code, r.headers["location"]) == (303, "/queue")
    assert appraise in claimable(_open(appraiser, "/queue")) and appraise not in opened(_open(appraiser, "/inbox"))

    _open(appraiser, f"/tasks/{appraise}")
    r = appraiser.post(f"/tasks/{appraise}", {"appraisal_outcome": "reject", "reason": "Không đủ tiêu chuẩn"})
    assert r.status_code == 303
    archive = _open(appraiser, "/archive")
    assert appraise in opened(archive) and f"/cases/{case_id}" in archive
    assert submit not in opened(_open(clerk, "/archive"))  # still to do
    assert "Chưa có việc nào đã xử lý" in _open(other, "/archive")


def test_claim_conflicts_and_refusals(fresh_site: Site) -> None:
    site = fresh_site
    _, task = site.case_at("appraise")
    appraiser, secretary = site.as_("appraiser"), site.as_("secretary")
    appraiser.get("/queue")
    secretary.get("/queue")
    before = snapshot(site.rt)
    stale = appraiser.post(f"/tasks/{task}/claim", {"version": str(_version(site, task) - 1)})
    assert stale.status_code == 409 and "đã được người khác nhận" in stale.text
    wrong_role = secretary.post(f"/tasks/{task}/claim")
    assert wrong_role.status_code == 403 and "không có vai trò" in wrong_role.text
    not_mine = secretary.post(f"/tasks/{task}/release")
    assert_vietnamese_refusal(not_mine, (403,))
    assert snapshot(site.rt) == before
    assert appraiser.post(f"/tasks/{task}/claim").status_code == 303
    again = secretary.post(f"/tasks/{task}/claim")
    assert again.status_code in (403, 409)
    done_case, done_task = site.case_at("done")
    assert done_task is None
    with site.rt.uow() as uow:
        finished = uow.session.scalar(select(HumanTask.id).where(HumanTask.case_id == done_case)
                                      .order_by(HumanTask.id.desc()).limit(1))
    truongban = site.as_("truongban")
    truongban.get("/queue")
    r = truongban.post(f"/tasks/{finished}/claim")
    assert r.status_code == 409 and "không còn chờ xử lý" in r.text


def _ids(site: Site) -> tuple[int, int, int, int]:
    with site.rt.uow() as uow:
        s = uow.session
        movement = s.scalar(select(Movement.id).where(Movement.code == MOVEMENT))
        other_movement = s.scalar(select(Movement.id).where(Movement.code != MOVEMENT).limit(1))
        round_1 = s.scalar(select(Round.id).where(Round.movement_id == movement, Round.number == 1))
        qlqh = s.scalar(select(Unit.id).where(Unit.code == "QLQH"))
    return movement, other_movement or 987_654, round_1, qlqh


def test_filters_by_movement_round_unit_and_overdue(fresh_site: Site) -> None:
    site = fresh_site
    _, mine = site.case_at("appraise")
    _, theirs = site.case_at("appraise", clerk="qlqh.canbo")
    _, late = site.case_at("appraise", clerk="ttqlck.canbo")
    with site.rt.uow() as uow:
        uow.session.get(HumanTask, late).due_at = site.rt.now() - timedelta(days=2)
        uow.commit()
    movement, other_movement, round_1, qlqh = _ids(site)
    b = site.as_("appraiser")
    assert claimable(_open(b, "/queue")) == {mine, theirs, late}
    assert claimable(_open(b, f"/queue?movement={movement}")) == {mine, theirs, late}
    assert claimable(_open(b, f"/queue?movement={other_movement}")) == set()
    assert claimable(_open(b, f"/queue?round={round_1}")) == {mine, theirs, late}
    assert claimable(_open(b, f"/queue?round={round_1 + 1000}")) == set()
    assert claimable(_open(b, f"/queue?unit={qlqh}")) == {theirs}
    page = _open(b, "/queue?overdue=true")
    assert claimable(page) == {late}
    assert re.search(r'<tr class="overdue[^"]*">', page) and "Quá hạn" in page
    assert f'<option value="{qlqh}" selected>' in _open(b, f"/queue?unit={qlqh}")  # the filter is kept
    rows = re.findall(r'<tr class="([^"]*)">.*?/tasks/(\d+)/claim', _open(b, "/queue"), re.S)
    assert {int(t) for cls, t in rows if "overdue" in cls} == {late}


def test_paging(fresh_site: Site) -> None:
    site = fresh_site
    tasks = {ready_task(site.rt, new_case(site.rt, nominee=f"Người số {i}", attach=False)) for i in range(26)}
    b = site.as_("clerk")
    first, unit = _open(b, "/queue"), _ids(site)[3]
    assert len(claimable(first)) == 25 and "page=2" in first and "Trang sau" in first
    second = _open(b, "/queue?page=2")
    assert len(claimable(second)) == 1 and "Trang sau" not in second and "page=1" in second
    assert claimable(first) | claimable(second) == tasks
    assert "Không có việc nào chờ nhận" in _open(b, "/queue?page=3")
    assert claimable(_open(b, f"/queue?unit={unit}")) == set()  # filters apply before paging
    filtered = _open(b, f"/queue?movement={_ids(site)[0]}")
    assert "movement=" in re.search(r'href="\?([^"]*page=2)"', filtered).group(1)  # the next page keeps the filter


def _bulk(b: Browser, items: list[str], confirm: bool = True):  # type: ignore[no-untyped-def]
    b.get("/queue")
    return b.post("/bulk/appraise", {"task": items, "batch": "lo-1", **({"confirm": "yes"} if confirm else {})})


def test_bulk_appraisal_reports_each_dossier(fresh_site: Site) -> None:
    site = fresh_site
    ok1, ok2, stale = (site.case_at("appraise")[0] for _ in range(3))
    not_ready, _ = site.case_at("submit")
    with site.rt.uow() as uow:
        v = {c: uow.session.get(Case, c).version for c in (ok1, ok2, stale, not_ready)}
    b = site.as_("appraiser")
    queue = _open(b, "/queue")
    assert f'name="task" value="{ok1}:{v[ok1]}"' in queue and "Tôi đã kiểm tra đủ" in queue
    before = snapshot(site.rt)
    items = [f"{ok1}:{v[ok1]}", f"{stale}:{v[stale] - 1}", f"{not_ready}:{v[not_ready]}", f"{ok2}:{v[ok2]}"]
    unconfirmed = _bulk(b, items, confirm=False)
    assert unconfirmed.status_code == 422 and "xác nhận" in unconfirmed.text
    assert snapshot(site.rt) == before
    r = _bulk(b, items)
    assert r.status_code == 200
    outcome = {int(case): cls for cls, case in re.findall(r'<li class="(ok|error)">Hồ sơ số (\d+):', r.text)}
    assert outcome == {ok1: "ok", stale: "error", not_ready: "error", ok2: "ok"}, r.text[-1500:]
    assert "Hồ sơ đã thay đổi" in r.text and "không thể «Thẩm định hồ sơ»" in r.text
    with site.rt.uow() as uow:
        status = {c: uow.session.get(Case, c).status for c in (ok1, ok2, stale, not_ready)}
    assert status[stale] == "appraise_dossier" and status[not_ready] == "submit_dossier"
    assert status[ok1] == status[ok2] != "appraise_dossier"
    assert _bulk(b, items).status_code == 200  # sent again: the same batch answers, nothing applied twice
    with site.rt.uow() as uow:
        assert {c: uow.session.get(Case, c).status for c in status} == status


def test_bulk_is_capped_and_for_appraisers_only(fresh_site: Site) -> None:
    site = fresh_site
    case_id, _ = site.case_at("appraise")
    before = snapshot(site.rt)
    too_many = _bulk(site.as_("appraiser"), [f"{case_id}:1"] + [f"{987_000 + i}:1" for i in range(50)])
    assert too_many.status_code == 422 and "từ 1 đến 50" in too_many.text
    clerk = _bulk(site.as_("clerk"), [f"{case_id}:1"])
    assert clerk.status_code == 403
    assert snapshot(site.rt) == before
    assert 'name="task"' not in _open(site.as_("clerk"), "/queue")  # no bulk form for a clerk


def test_a_deputy_sees_and_does_the_principals_tasks(fresh_site: Site) -> None:
    """Ủy quyền: the deputy's queue shows the principal's task, the deputy acts on it, and the audit
    records both (actor: the deputy; on behalf of: the principal); once revoked, nothing of it.
    The delegation counts only once approved (the appraiser's by the Trưởng ban), and the deputy is
    a colleague of the Văn phòng; the step is the appraisal, since a signing step completes only
    from a signed document (issue 18), never from a form."""
    site = fresh_site
    case_id, task = site.case_at("appraise")
    add_person(site.rt, "vp.chuyenvien", "Lò Văn Nam", "VP")
    deputy = Browser(site.rt, "vp.chuyenvien", app=site.app)

    def queue() -> set[int]:
        r = deputy.get("/queue")
        return claimable(r.text) if r.status_code == 200 else set()

    assert task not in queue()
    today = site.rt.now().astimezone(site.rt.settings.tz).date()
    grant = delegate(site.rt, "vp.thamdinh", "vp.chuyenvien", today, today + timedelta(days=7), "Đi công tác",
                     roles=["appraiser"])
    assert task not in queue()  # not approved yet
    approve(site.rt, "truongban", grant)
    assert task in claimable(_open(deputy, "/queue"))
    assert deputy.post(f"/tasks/{task}/claim").status_code == 303
    inbox = _open(deputy, "/inbox")
    assert task in opened(inbox) and "thay Hoàng Thị Lan (ủy quyền)" in inbox
    page = _open(deputy, f"/tasks/{task}")
    assert "thay Hoàng Thị Lan theo ủy quyền" in page
    revoke(site.rt, "vp.thamdinh", grant)
    before = snapshot(site.rt)
    form = {"appraisal_outcome": "reject", "reason": "Thiếu minh chứng"}
    refused = deputy.post(f"/tasks/{task}", {**form, "action_id": "deputy-0"})
    assert refused.status_code in (403, 404) and snapshot(site.rt) == before
    again = delegate(site.rt, "vp.thamdinh", "vp.chuyenvien", today, today + timedelta(days=7),
                     "Đi công tác lần hai", roles=["appraiser"])
    approve(site.rt, "truongban", again)
    deputy.get(f"/tasks/{task}")
    r = deputy.post(f"/tasks/{task}", {**form, "action_id": "deputy-1"})
    assert r.status_code == 303, r.text[-800:]
    with site.rt.uow() as uow:
        s = uow.session
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action_id == "deputy-1")).one()
        names = {p.id: p.username for p in s.scalars(select(Person))}
        assert (names[entry.actor_id], names[entry.on_behalf_of_id]) == ("vp.chuyenvien", "vp.thamdinh")


def test_a_deputy_clerk_uploads_the_documents_of_the_task(fresh_site: Site) -> None:
    """The task page offers the deputy the upload form: the upload is accepted and audited with
    both names; without the delegation it is refused. Changed for issue 18: the deputy is a
    colleague of the clerk's unit (a clerk of another unit may no longer stand in; see
    test_delegation_limits.py), approved by the unit head."""
    site = fresh_site
    case_id, task = site.case_at("submit")
    add_person(site.rt, "qldt.chuyenvien", "Lò Văn Nam", "QLDT")
    deputy = Browser(site.rt, "qldt.chuyenvien", app=site.app)
    pdf = {"file": ("bo-sung.pdf", b"%PDF-1.4 deputy", "application/pdf")}
    assert deputy.get(f"/tasks/{task}").status_code == 404
    approved_delegation(site.rt, "qldt.canbo", "qldt.chuyenvien", ["unit_clerk"], "qldt.truongphong")
    assert 'enctype="multipart/form-data"' in _open(deputy, f"/tasks/{task}")
    r = deputy.post(f"/tasks/{task}/attachments", {"kind": "to_trinh_mau_01"}, files=pdf)
    assert r.status_code == 303, r.text[-600:]
    with site.rt.uow() as uow:
        s = uow.session
        entry = s.scalars(select(AuditEntry).where(AuditEntry.case_id == case_id,
                                                   AuditEntry.event == "attachment_added")
                          .order_by(AuditEntry.id.desc())).first()
        names = {p.id: p.username for p in s.scalars(select(Person))}
        assert (names[entry.actor_id], names[entry.on_behalf_of_id]) == ("qldt.chuyenvien", "qldt.canbo")
