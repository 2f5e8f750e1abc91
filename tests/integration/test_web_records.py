"""The pages of the records a dossier's council step and signature come from, besides sessions and
the system's Quyết định: a council meeting held on paper (/council/paper: the secretary records it
from the signed minutes, the chair confirms it) and the register of documents signed outside the
system (/decisions/register: the Văn phòng enters it with its scan, the Trưởng ban confirms it).
Each refused request changes nothing; who may not see a record is not told it exists."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tdkt.persistence.models import Case, PaperCouncilRecord, RegisteredDocument
from tdkt.runtime import Runtime
from tests.integration.conftest import MOVEMENT
from tests.integration.probes import SIGNED_SCAN, appraised, council_approves
from tests.integration.web_cases import assert_vietnamese_refusal, snapshot
from tests.integration.web_support import Browser

KEY = f"agency|{MOVEMENT}|1"
MINUTES = ("bien-ban-da-ky.pdf", b"%PDF-1.4\n% bien ban hop Hoi dong da ky\n", "application/pdf")
PRESENT = ["truongban", "hd.thuky", "qldt.truongphong", "pho.truongban", "qlqh.truongphong"]


def _status(rt: Runtime, case_id: int) -> str:
    with rt.uow() as uow:
        return uow.session.get(Case, case_id).status


def _paper_form(case_id: int, agree: str, disagree: str = "0") -> dict[str, Any]:
    return {"round_key": KEY, "held_on": "2026-01-05", "present": PRESENT, f"agree_{case_id}": agree,
            f"disagree_{case_id}": disagree}


def test_the_secretary_records_a_paper_meeting_and_the_chair_confirms_it(rt: Runtime) -> None:
    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    secretary = Browser(rt, "hd.thuky")
    page = secretary.get(f"/council/paper?round_key={KEY}")
    assert page.status_code == 200 and f'name="agree_{case_id}"' in page.text
    assert 'name="present" value="congdoan.chutich"' in page.text and 'name="minutes"' in page.text

    before = snapshot(rt)
    forged = secretary.post("/council/paper", _paper_form(case_id, "4"),
                            files={"minutes": ("bien-ban.pdf", b"<html>khong phai PDF</html>", "application/pdf")})
    assert_vietnamese_refusal(forged, (422,))
    assert "không đúng định dạng của nó" in forged.text
    inconsistent = secretary.post("/council/paper", _paper_form(case_id, "4", "2"), files={"minutes": MINUTES})
    assert_vietnamese_refusal(inconsistent, (422,))
    assert "nhiều hơn 5 thành viên dự họp" in inconsistent.text
    assert snapshot(rt) == before

    r = secretary.post("/council/paper", _paper_form(case_id, "4", "1"), files={"minutes": MINUTES})
    assert r.status_code == 303, r.text[-1500:]
    url = r.headers["location"]
    shown = secretary.get(url)
    assert "Chờ Chủ tịch Hội đồng xác nhận" in shown.text and "/confirm" not in shown.text
    assert _status(rt, case_id) == "council_decide"
    assert secretary.post(f"{url}/confirm").status_code == 403  # not the chair
    assert _status(rt, case_id) == "council_decide"

    chair = Browser(rt, "truongban")
    shown = chair.get(url)
    assert 'action="' + url + '/confirm"' in shown.text
    minutes = chair.get(f"{url}/minutes")
    assert minutes.status_code == 200 and minutes.content == MINUTES[1]
    assert minutes.headers["content-disposition"].startswith("attachment")
    done = chair.post(f"{url}/confirm")
    assert done.status_code == 303
    assert "1 hồ sơ chuyển bước" in chair.get(url).text
    assert _status(rt, case_id) == "sign_decision"


def test_the_chair_refuses_with_a_reason_and_outsiders_do_not_see_the_record(rt: Runtime) -> None:
    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    secretary = Browser(rt, "hd.thuky")
    secretary.get("/council/paper")
    url = secretary.post("/council/paper", _paper_form(case_id, "5"), files={"minutes": MINUTES}).headers["location"]
    clerk = Browser(rt, "qldt.canbo")
    assert clerk.get(url).status_code == 404 and clerk.get(f"{url}/minutes").status_code == 404
    assert f'href="{url}"' not in clerk.get("/council/paper").text
    clerk.get("/inbox")
    assert clerk.post(f"{url}/confirm").status_code == 404  # refused, and still not told it exists
    chair = Browser(rt, "truongban")
    chair.get(url)
    before = snapshot(rt)
    assert_vietnamese_refusal(chair.post(f"{url}/refuse", {"reason": "   "}), (422,))
    assert snapshot(rt) == before
    assert chair.post(f"{url}/refuse", {"reason": "Biên bản thiếu chữ ký Thư ký"}).status_code == 303
    assert "Không được xác nhận" in chair.get(url).text and "thiếu chữ ký Thư ký" in chair.get(url).text
    with rt.uow() as uow:
        assert uow.session.scalars(select(PaperCouncilRecord.status)).one() == "refused"
    assert _status(rt, case_id) == "council_decide"


def test_the_council_task_page_links_to_the_session_holding_the_dossier(rt: Runtime) -> None:
    from tdkt.services.council.session import open_session
    from tests.integration.web_cases import ready_task

    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    page = Browser(rt, "hd.thuky").get(f"/tasks/{ready_task(rt, case_id)}")
    assert f'href="/council/sessions/{sid}">Phiên họp số {sid} (đang họp)</a>' in page.text


def _register_form(case_id: int, reference: str) -> dict[str, Any]:
    return {"kind": "quyet_dinh", "reference": reference, "signed_on": "2026-01-05",
            "excerpt": "Về việc tặng Giấy khen", "case": [str(case_id)]}


def test_the_office_registers_a_decision_signed_on_paper_and_the_head_confirms_it(rt: Runtime) -> None:
    case_id = appraised(rt, "qldt.canbo", "Vi Thị Hồng")
    council_approves(rt, [case_id])
    office = Browser(rt, "vp.thamdinh")
    page = office.get("/decisions/register")
    assert page.status_code == 200 and f'name="case" value="{case_id}"' in page.text
    scan = {"scan": ("quyet-dinh.pdf", SIGNED_SCAN, "application/pdf")}
    before = snapshot(rt)
    bad = office.post("/decisions/register", _register_form(case_id, "999/QĐ-GIẢ"), files=scan)
    assert_vietnamese_refusal(bad, (422,))
    assert "ví dụ 15/QĐ-BQLKKTCK" in bad.text
    no_scan = office.post("/decisions/register", _register_form(case_id, "15/QĐ-BQLKKTCK"))
    assert_vietnamese_refusal(no_scan, (422,))
    assert snapshot(rt) == before

    assert office.post("/decisions/register", _register_form(case_id, "15/QĐ-BQLKKTCK"), files=scan).status_code == 303
    with rt.uow() as uow:
        reg_id = uow.session.scalars(select(RegisteredDocument.id)).one()
    listed = office.get("/decisions/register").text
    assert "15/QĐ-BQLKKTCK" in listed and "Chờ người ký xác nhận" in listed
    assert f"/decisions/register/{reg_id}/approve" not in listed  # the Văn phòng does not confirm
    assert office.post(f"/decisions/register/{reg_id}/approve").status_code == 403
    assert _status(rt, case_id) == "sign_decision"

    head = Browser(rt, "truongban")
    assert f"/decisions/register/{reg_id}/approve" in head.get("/decisions/register").text
    got = head.get(f"/decisions/register/{reg_id}/scan")
    assert got.status_code == 200 and got.content == SIGNED_SCAN
    assert head.post(f"/decisions/register/{reg_id}/approve").status_code == 303
    assert _status(rt, case_id) == "decision_signed"
    assert "Đã xác nhận" in head.get("/decisions/register").text
    timeline = Browser(rt, "qldt.canbo").get(f"/cases/{case_id}").text
    assert "Vào sổ văn bản ký ngoài hệ thống" in timeline and "Trưởng ban xác nhận văn bản đã vào sổ" in timeline
    assert "quyet-dinh.pdf" in timeline  # the signed scan is the dossier's document

    clerk = Browser(rt, "qldt.canbo")
    assert clerk.get("/decisions/register").status_code == 403
    assert clerk.get(f"/decisions/register/{reg_id}/scan").status_code == 403
