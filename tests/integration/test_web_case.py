"""The case page (trang hồ sơ) through the web app: summary, open tasks, the timeline in
Vietnamese with both names when a deputy acted (ủy quyền), documents, and the BPMN diagram's
resources with the case's position — on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import select

from tdkt.persistence.models import DocumentCase, HumanTask, IssuedDocument, Person
from tdkt.runtime import Runtime
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.people.delegation import approve, delegate
from tdkt.services.route import steps as route
from tdkt.services.route.actions import ActionRequest, apply_action
from tdkt.services.route.integrity import flag_case
from tests.integration.conftest import MOVEMENT, REQUIRED, new_case
from tests.integration.probes import add_person, approved_delegation, council_approves, registered
from tests.integration.web_support import Browser

CLERK = "qldt.canbo"
BPMN_NS = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"


def _ready_task(rt: Runtime, case_id: int) -> HumanTask:
    with rt.uow() as uow:
        [task] = uow.session.scalars(select(HumanTask).where(HumanTask.case_id == case_id,
                                                             HumanTask.state == "ready")).all()
        uow.session.expunge(task)
        return task


def _at_the_province(rt: Runtime) -> int:
    case_id = create_nomination(rt, CLERK, NewNomination(MOVEMENT, "Vi Thị Hồng", "bang_khen_chu_tich_ubnd_tinh"))
    for kind in REQUIRED:
        attach_document(rt, CLERK, case_id, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
    route.submit_dossier(rt, CLERK, case_id)
    route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    council_approves(rt, [case_id])
    registered(rt, [case_id], "12/TTr-BQLKKTCK")
    return case_id


def test_case_page_shows_the_summary_open_task_and_attachments(rt):
    case_id = new_case(rt)
    task = _ready_task(rt, case_id)
    r = Browser(rt, CLERK).get(f"/cases/{case_id}")
    assert r.status_code == 200, r.text
    page = r.text
    assert "Vi Thị Hồng" in page and "Chờ đơn vị nộp hồ sơ" in page
    assert f'href="/tasks/{task.id}"' in page
    for kind in REQUIRED:
        assert f"{kind}.pdf" in page
    assert 'href="/attachments/' in page
    assert 'id="diagram"' in page and f'data-position="/cases/{case_id}/position.json"' in page
    assert "<script>" not in page  # CSP: scripts only from files
    assert '<script src="/static/case-diagram.js"></script>' in page


def test_timeline_names_steps_in_vietnamese_and_the_deputy_with_the_principal(rt):
    case_id = new_case(rt)
    route.submit_dossier(rt, CLERK, case_id)
    # issue 18: a delegation names its roles and applies once the superior (Trưởng ban) approves it
    approved_delegation(rt, "vp.thamdinh", "congdoan.chutich", ["appraiser"], "truongban")
    apply_action(rt, ActionRequest(uuid.uuid4().hex, case_id, "appraise_dossier", "congdoan.chutich",
                                   {"appraisal_outcome": "supplement", "reason": "Bổ sung biên bản họp"}))

    page = Browser(rt, CLERK).get(f"/cases/{case_id}").text
    timeline = page[page.index('id="nhat-ky"'):page.index('id="tai-lieu"')]
    assert "Tạo hồ sơ đề nghị" in timeline
    assert "Tải lên tài liệu" in timeline
    assert rt.tasks["submit_dossier"].title in timeline
    assert rt.tasks["appraise_dossier"].title in timeline
    assert "Chờ đơn vị bổ sung hồ sơ" in timeline
    assert "Lộc Văn Bình thay Hoàng Thị Lan (ủy quyền)" in timeline
    assert "Bổ sung biên bản họp" in timeline
    assert "appraise_dossier" not in timeline  # no internal names


def test_timeline_times_are_local(rt):
    case_id = new_case(rt, attach=False)
    page = Browser(rt, CLERK).get(f"/cases/{case_id}").text
    local = rt.now().astimezone(rt.settings.tz).strftime("%d/%m/%Y")
    assert local in page[page.index('id="nhat-ky"'):]


def test_issued_documents_are_listed_and_downloaded_by_viewers_only(rt):
    case_id = new_case(rt)
    doc_id, content = _issued(rt, case_id, "15/TTr-QLĐT")
    clerk = Browser(rt, CLERK)
    page = clerk.get(f"/cases/{case_id}").text
    documents = page[page.index('id="van-ban"'):]
    assert f'href="/documents/{doc_id}/file"' in documents and "15/TTr-QLĐT" in documents
    assert "Tờ trình của đơn vị" in documents
    r = clerk.get(f"/documents/{doc_id}/file")
    assert r.status_code == 200
    assert r.headers["content-disposition"].startswith("attachment")
    assert r.content == content
    assert Browser(rt, "qlqh.canbo").get(f"/documents/{doc_id}/file").status_code == 404
    assert clerk.get("/documents/999999/file").status_code == 404


def test_an_altered_document_file_is_not_served(rt):
    case_id = new_case(rt, attach=False)
    doc_id, _ = _issued(rt, case_id, "16/TTr-QLĐT")
    with rt.uow() as uow:
        Path(uow.session.get(IssuedDocument, doc_id).stored_path).write_bytes(b"PK\x03\x04 changed")
    assert Browser(rt, CLERK).get(f"/documents/{doc_id}/file").status_code == 409


def _issued(rt: Runtime, case_id: int, reference: str) -> tuple[int, bytes]:
    """A document of the case as the document services store it (file, hash, link to the case)."""
    content = b"PK\x03\x04 to trinh " + reference.encode()
    path = rt.settings.var_path / "documents" / f"{uuid.uuid4().hex}.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    now = rt.now()
    with rt.uow() as uow:
        s = uow.session
        clerk = s.scalars(select(Person).where(Person.username == CLERK)).one()
        doc = IssuedDocument(kind="to_trinh_don_vi", issuer="QLDT", year=now.year, number=int(reference.split("/")[0]),
                             reference=reference, issued_on=now.date(), title="Tờ trình đề nghị khen thưởng",
                             filename=path.name, stored_path=str(path), sha256=hashlib.sha256(content).hexdigest(),
                             size=len(content), data={}, created_by_id=clerk.id, created_at=now, rendered_at=now)
        s.add(doc)
        s.flush()
        s.add(DocumentCase(document_id=doc.id, case_id=case_id))
        uow.commit()
        return doc.id, content


def test_other_units_clerk_gets_the_same_404_as_for_an_unknown_case(rt):
    case_id = new_case(rt)
    other = Browser(rt, "qlqh.canbo")
    for url in (f"/cases/{case_id}", f"/cases/{case_id}/diagram.bpmn", f"/cases/{case_id}/position.json"):
        assert other.get(url).status_code == 404, url
    assert other.get("/cases/999999").status_code == 404
    assert Browser(rt, "vp.thamdinh").get(f"/cases/{case_id}").status_code == 200  # agency-wide role


def test_the_deputy_sees_the_principals_cases(rt):
    """Changed for issue 18: the deputy is a colleague of the clerk's own unit (a clerk of another
    unit may no longer stand in), and sees the dossiers only once the unit head has approved."""
    case_id = new_case(rt)
    add_person(rt, "qldt.chuyenvien", "Lò Văn Nam", "QLDT")
    today = rt.now().astimezone(rt.settings.tz).date()
    assert Browser(rt, "qldt.chuyenvien").get(f"/cases/{case_id}").status_code == 404
    delegation_id = delegate(rt, CLERK, "qldt.chuyenvien", today, today + timedelta(days=2), roles=["unit_clerk"])
    assert Browser(rt, "qldt.chuyenvien").get(f"/cases/{case_id}").status_code == 404  # not approved yet
    approve(rt, "qldt.truongphong", delegation_id)
    assert Browser(rt, "qldt.chuyenvien").get(f"/cases/{case_id}").status_code == 200


def test_diagram_is_the_routes_bpmn_xml_with_the_active_element(rt):
    case_id = new_case(rt)
    r = Browser(rt, CLERK).get(f"/cases/{case_id}/diagram.bpmn")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(r.content)
    ids = {e.get("id") for e in root.iter()}
    assert "submit_dossier" in ids
    assert [p.get("id") for p in root.iter(f"{BPMN_NS}process")] == ["tdkt_nomination"]


def test_position_lists_the_ready_tasks_bpmn_id(rt):
    case_id = new_case(rt)
    route.submit_dossier(rt, CLERK, case_id)
    pos = Browser(rt, CLERK).get(f"/cases/{case_id}/position.json").json()
    assert pos["process"] == "tdkt_nomination"
    assert pos["active"] == ["appraise_dossier"]
    assert "submit_dossier" in pos["completed"]
    assert [p["process"] for p in pos["processes"]] == ["tdkt_nomination"]


def test_inside_a_call_activity_the_position_lists_the_call_activity(rt):
    case_id = _at_the_province(rt)
    b = Browser(rt, "vp.thamdinh")
    pos = b.get(f"/cases/{case_id}/position.json").json()
    assert pos["active"] == ["province_level"]
    called = pos["processes"][1]
    assert called["process"] == "tdkt_province_level" and called["active"] == ["province_appraise"]

    page = b.get(f"/cases/{case_id}").text
    assert "data-process=\"tdkt_province_level\"" in page
    xml = b.get(f"/cases/{case_id}/diagram.bpmn", params={"process": "tdkt_province_level"})
    assert xml.status_code == 200 and b'id="province_appraise"' in xml.content
    # a process the case never called is not served for it
    assert b.get(f"/cases/{case_id}/diagram.bpmn", params={"process": "tdkt_central_level"}).status_code == 404


@pytest.mark.parametrize(("path", "media"), [
    ("/static/vendor/bpmn-js/bpmn-navigated-viewer.production.min.js", "javascript"),
    ("/static/case-diagram.js", "javascript"),
    ("/static/vendor/bpmn-js/assets/bpmn-js.css", "text/css"),
    ("/static/vendor/bpmn-js/assets/bpmn-font/css/bpmn.css", "text/css"),
    ("/static/vendor/bpmn-js/assets/bpmn-font/font/bpmn.woff2", "font/woff2"),
])
def test_the_vendored_viewer_is_served_as_static_files(rt, path, media):
    r = Browser(rt).get(path)
    assert r.status_code == 200
    assert media in r.headers["content-type"]
    if path.endswith("production.min.js"):
        assert "bpmn-js - bpmn-navigated-viewer v17." in r.text[:200]


def test_a_flagged_case_shows_its_record_without_a_position(rt):
    case_id = new_case(rt)
    flag_case(rt, case_id, "damaged in a test")
    b = Browser(rt, CLERK)
    page = b.get(f"/cases/{case_id}")
    assert page.status_code == 200
    assert "Dữ liệu quy trình của hồ sơ bị lỗi" in page.text
    assert "Hồ sơ bị gắn cờ lỗi dữ liệu" in page.text  # the flag is in the timeline
    r = b.get(f"/cases/{case_id}/position.json")
    assert r.status_code == 409 and r.json()["processes"] == []


def test_signed_out_visitors_are_sent_to_the_login_page(rt):
    case_id = new_case(rt, attach=False)
    r = Browser(rt).get(f"/cases/{case_id}")
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
