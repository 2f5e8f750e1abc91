"""The Biên bản họp xét of the Hội đồng TĐKT tỉnh: issued by the province's council secretary as
that council (under the UBND tỉnh), numbered in the council's own yearly series, chaired by the
Chủ tịch UBND tỉnh — while the agency's minutes stay as they were. Through the services and the
web pages, on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import re

import pytest
from sqlalchemy import select

from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.errors import Forbidden
from tdkt.persistence.models import AuditEntry, DocumentCounter, IssuedDocument, RegisteredDocument
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tdkt.services.documents import issuing as documents
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.route import province_steps as province_route
from tdkt.services.route import steps as route
from tests.integration.conftest import MOVEMENT, REQUIRED
from tests.integration.probes import appraised, council_approves, docx_text, registered
from tests.integration.web_support import Browser

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PROVINCE_FORM = "bang_khen_chu_tich_ubnd_tinh"
COUNCIL = "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG TỈNH LẠNG SƠN"
PARENT = "UBND TỈNH LẠNG SƠN"
AGENCY = "BAN QUẢN LÝ KHU KINH TẾ CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN"
PROVINCE_VOTERS = ("hdtinh.thuky", "snv.giamdoc", "hdtinh.uyvien1")
_SUBMISSIONS = itertools.count(12)


def _at_the_province_council(rt, clerk: str, name: str) -> int:
    """A Bằng khen của Chủ tịch UBND tỉnh dossier through the agency and Sở Nội vụ, waiting for
    the Hội đồng TĐKT tỉnh."""
    case_id = create_nomination(rt, clerk, NewNomination(MOVEMENT, name, PROVINCE_FORM))
    for kind in REQUIRED:
        attach_document(rt, clerk, case_id, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
    route.submit_dossier(rt, clerk, case_id)
    route.appraise(rt, "vp.thamdinh", case_id, accept=True)
    council_approves(rt, [case_id])
    # the Tờ trình signed on paper and registered: the agency's counter stays untouched
    registered(rt, [case_id], f"{next(_SUBMISSIONS)}/TTr-BQLKKTCK")
    province_route.province_appraise(rt, "snv.chuyenvien", case_id, accept=True)
    return case_id


@pytest.fixture
def province_session(rt) -> dict[str, int]:
    """A closed session of the Hội đồng TĐKT tỉnh over two dossiers, with distinct tallies."""
    ids = {"hong": _at_the_province_council(rt, "qldt.canbo", "Vi Thị Hồng"),
           "hai": _at_the_province_council(rt, "ttqlck.canbo", "Lăng Văn Hải")}
    sid = open_session(rt, "hdtinh.thuky", MOVEMENT, 1, level="province").session_id
    ballots = {"hdtinh.thuky": ("agree", "agree"), "snv.giamdoc": ("agree", "disagree"),
               "hdtinh.uyvien1": ("agree", "abstain")}
    mark_attendance(rt, "hdtinh.thuky", sid, list(ballots))
    for voter, (hong, hai) in ballots.items():
        cast_vote(rt, voter, sid, {ids["hong"]: hong, ids["hai"]: hai})
    close_session(rt, "hdtinh.thuky", sid)
    return ids | {"session": sid}


def _agency_session(rt) -> int:
    """A closed session of the agency's own council over one Giấy khen dossier."""
    case_id = appraised(rt, "ttqlck.canbo", "Nông Văn Sơn")
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    voters = ["truongban", "hd.thuky", "qldt.truongphong", "pho.truongban"]
    mark_attendance(rt, "hd.thuky", sid, voters)
    for voter in voters:
        cast_vote(rt, voter, sid, {case_id: "agree"})
    close_session(rt, "hd.thuky", sid, {"individual": Quota(7, 0), "collective": Quota(1, 0)})
    return sid


def _rows(text: str) -> dict[str, list[str]]:
    """Tally table rows: nominee → [đồng ý, không đồng ý, không biểu quyết]."""
    return {line.split(" | ")[1].split(" (")[0]: line.split(" | ")[3:6] for line in text.splitlines()
            if line.count(" | ") == 7}


def _counters(rt) -> dict[str, int]:
    with rt.uow() as uow:
        return {c.issuer: c.last_number for c in uow.session.scalars(select(DocumentCounter))}


def test_province_minutes_are_issued_by_the_province_council_in_its_own_series(rt, province_session):
    p = province_session
    agency_bb = documents.issue_council_minutes(rt, "hd.thuky", _agency_session(rt))
    with rt.uow() as uow:  # the Tờ trình the văn thư registered holds a number of the agency's series
        last = max(uow.session.scalars(select(RegisteredDocument.number).where(RegisteredDocument.issuer == "BQL")))
    assert agency_bb.reference == f"{last + 1:02d}/BB-BQLKKTCK"  # the next after the highest used this year

    bb = documents.issue_council_minutes(rt, "hdtinh.thuky", p["session"])
    assert bb.reference == "01/BB-HĐTĐKT"  # its own series, from 01, beside the agency's
    text = docx_text(bb.path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert PARENT in text and COUNCIL in text and AGENCY not in text
    assert "Số: 01/BB-HĐTĐKT" in text
    year = rt.now().astimezone(rt.settings.tz).year
    assert re.search(rf"Lạng Sơn, ngày \d\d? tháng \d\d? năm {year}", text)
    assert "BIÊN BẢN\nHọp xét thi đua, khen thưởng của Hội đồng Thi đua" in text
    # chaired by the Chủ tịch UBND tỉnh as Chủ tịch Hội đồng; the province's secretary records it
    assert "CHỦ TRÌ" in text and "CHỦ TỊCH HỘI ĐỒNG" in text and "Đinh Quang Huy" in text
    assert "Chủ trì: Đinh Quang Huy, Chủ tịch UBND tỉnh, Chủ tịch Hội đồng" in text
    assert "THƯ KÝ" in text and "Lý Văn Sơn" in text
    assert "Nguyễn Quốc Toàn" not in text and "Lương Văn Minh" not in text
    rows = _rows(text)
    assert rows["Cá nhân: Vi Thị Hồng"] == ["3", "0", "0"]
    assert rows["Cá nhân: Lăng Văn Hải"] == ["1", "1", "1"]

    assert documents.issue_council_minutes(rt, "hdtinh.thuky", p["session"]).reference == bb.reference  # kept
    year_counters = _counters(rt)
    assert year_counters == {"BQL": last + 1, "HDTDKT_TINH": 1}
    with rt.uow() as uow:
        s = uow.session
        assert s.get(IssuedDocument, bb.id).issuer == "HDTDKT_TINH"
        issued = [(e.case_id, e.detail["reference"]) for e in s.scalars(select(AuditEntry).where(
            AuditEntry.event == "document_issued", AuditEntry.case_id.in_([p["hong"], p["hai"]])))]
    assert sorted(issued) == sorted([(p["hong"], "01/BB-HĐTĐKT"), (p["hai"], "01/BB-HĐTĐKT")])

    # the agency's own series goes on from its own last number
    agency_text = docx_text(agency_bb.path)
    assert AGENCY in agency_text and PARENT in agency_text and COUNCIL not in agency_text
    assert f"Số: {agency_bb.reference}" in agency_text
    assert "Nguyễn Quốc Toàn" in agency_text and "Lương Văn Minh" in agency_text


def test_regenerating_province_minutes_keeps_the_council_and_its_number(rt, province_session):
    bb = documents.issue_council_minutes(rt, "hdtinh.thuky", province_session["session"])
    with pytest.raises(Forbidden):
        documents.regenerate(rt, "vp.thamdinh", bb.id)  # the agency's Văn phòng keeps its own documents
    again = documents.regenerate(rt, "hdtinh.thuky", bb.id)
    assert again.reference == "01/BB-HĐTĐKT"
    text = docx_text(again.path)
    assert COUNCIL in text and PARENT in text and "Đinh Quang Huy" in text and AGENCY not in text


@pytest.mark.parametrize("who", ["hd.thuky", "vp.thamdinh", "snv.giamdoc", "chutich.ubndtinh"])
def test_only_the_province_secretary_issues_province_minutes(rt, province_session, who):
    with pytest.raises(Forbidden):
        documents.issue_council_minutes(rt, who, province_session["session"])
    assert "HDTDKT_TINH" not in _counters(rt)  # refused before a number is taken


def test_the_province_secretary_does_not_issue_the_agency_minutes(rt):
    sid = _agency_session(rt)
    with pytest.raises(Forbidden):
        documents.issue_council_minutes(rt, "hdtinh.thuky", sid)


def test_closing_a_province_session_on_the_web_gives_the_docx(rt, tmp_path):
    case_id = _at_the_province_council(rt, "qldt.canbo", "Vi Thị Hồng")
    secretary = Browser(rt, "hdtinh.thuky")
    secretary.get("/council")
    r = secretary.post("/council/sessions", {"round_key": f"province|{MOVEMENT}|1"})
    assert r.status_code == 303, r.text
    sid = int(r.headers["location"].rsplit("/", 1)[1])
    secretary.get(f"/council/sessions/{sid}")
    assert secretary.post(f"/council/sessions/{sid}/attendance",
                          {"present": list(PROVINCE_VOTERS)}).status_code == 303
    for voter in PROVINCE_VOTERS:
        b = secretary if voter == "hdtinh.thuky" else Browser(rt, voter)
        b.get(f"/council/sessions/{sid}")
        assert b.post(f"/council/sessions/{sid}/vote", {f"choice_{case_id}": "agree"}).status_code == 303
    assert secretary.post(f"/council/sessions/{sid}/close").status_code == 303
    assert "Đã lập Biên bản số 01/BB-HĐTĐKT" in secretary.get(f"/council/sessions/{sid}").text

    again = secretary.post(f"/council/sessions/{sid}/minutes")  # issuing again keeps the number
    assert again.status_code == 303
    assert "Đã lập Biên bản số 01/BB-HĐTĐKT" in secretary.get(f"/council/sessions/{sid}").text
    for who in ("hdtinh.thuky", "hdtinh.uyvien2"):  # the secretary and a member (absent) alike
        minutes = (secretary if who == "hdtinh.thuky" else Browser(rt, who)).get(f"/council/sessions/{sid}/minutes")
        assert minutes.status_code == 200 and minutes.headers["content-type"] == DOCX
        assert "attachment" in minutes.headers["content-disposition"]
        (tmp_path / f"{who}.docx").write_bytes(minutes.content)
        text = docx_text(tmp_path / f"{who}.docx")  # python-docx, tables (header, signatures) included
        assert COUNCIL in text and "Số: 01/BB-HĐTĐKT" in text and "Đinh Quang Huy" in text
