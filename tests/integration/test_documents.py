"""Documents of a decided round, opened with python-docx and checked element by element
against NĐ 30/2020/NĐ-CP and the case data: Quyết định with danh sách, Giấy khen, Biên bản."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import threading
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.shared import Mm
from sqlalchemy import select

from tdkt.domain.quota import SelectionQuota as Quota
from tdkt.errors import Forbidden, InvalidInput
from tdkt.persistence.models import AuditEntry, AwardRecord, Case, IssuedDocument, Movement
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tdkt.services.documents import issuing as documents
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.route import steps as route
from tests.integration.conftest import MOVEMENT, REQUIRED
from tests.integration.probes import docx_text

# Both databases: yearly numbering counters taken under each database's locks.
pytestmark = pytest.mark.both_databases

AGENCY = "BAN QUẢN LÝ KHU KINH TẾ CỬA KHẨU ĐỒNG ĐĂNG - LẠNG SƠN"
PARENT = "UBND TỈNH LẠNG SƠN"
NOMINEES = {"C1": ("Phòng Quản lý Đầu tư", "collective", "qldt.canbo"),
            "I1": ("Lăng Văn Hải", "individual", "ttqlck.canbo"),
            "I2": ("Hoàng Thị Mai", "individual", "ttqlck.canbo"),
            "I3": ("Nông Văn Sơn", "individual", "ttqlck.canbo")}
VOTERS = ("truongban", "hd.thuky", "qldt.truongphong", "pho.truongban")


def _check_format(path: Path, reference: str | None, landscape: bool = False) -> str:
    document = docx.Document(str(path))
    section = document.sections[0]
    width, height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    assert (abs(section.page_width - width), abs(section.page_height - height)) < (Mm(1), Mm(1))
    mm = [round(m / Mm(1), 1) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                        section.right_margin)]  # stored in twips: rounded to 0.1 mm
    assert 20 <= mm[0] <= 25 and 20 <= mm[1] <= 25 and 30 <= mm[2] <= 35 and 15 <= mm[3] <= 20, mm
    assert document.styles["Normal"].font.name == "Times New Roman"
    fonts = {r.font.name for p in document.paragraphs for r in p.runs if r.font.name}
    assert fonts <= {"Times New Roman"}
    text = docx_text(path)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert AGENCY in text and (PARENT in text or landscape)  # a Giấy khen has no administrative header
    if reference:
        assert f"Số: {reference}" in text
    assert "{{" not in text and "{%" not in text
    return text


@pytest.fixture
def decided(rt) -> dict[str, int]:
    """Four dossiers through appraisal and a closed council session: all selected."""
    ids = {}
    for key, (name, kind, clerk) in NOMINEES.items():
        case_id = create_nomination(rt, clerk, NewNomination(MOVEMENT, name, "giay_khen_truong_ban",
                                                             nominee_kind=kind))
        for doc in REQUIRED:
            attach_document(rt, clerk, case_id, doc, f"{doc}.pdf", b"%PDF-1.4 " + doc.encode())
        route.submit_dossier(rt, clerk, case_id)
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)
        ids[key] = case_id
    sid = open_session(rt, "hd.thuky", MOVEMENT, 1).session_id
    mark_attendance(rt, "hd.thuky", sid, list(VOTERS))
    for voter in VOTERS:
        cast_vote(rt, voter, sid, {c: ("disagree" if k == "I3" and voter == "hd.thuky" else "agree")
                                   for k, c in ids.items()})
    close_session(rt, "hd.thuky", sid, {"individual": Quota(7, 0), "collective": Quota(1, 0)})
    return ids | {"session": sid}


def test_decision_with_danh_sach_certificates_and_minutes_carry_every_element(rt, decided):
    cases = [decided[k] for k in NOMINEES]
    qd = documents.issue_decision(rt, "vp.thamdinh", cases)
    year = rt.now().astimezone(rt.settings.tz).year
    assert qd.reference == "01/QĐ-BQLKKTCK"
    text = _check_format(qd.path, "01/QĐ-BQLKKTCK")
    assert "Lạng Sơn, ngày " in text and f"năm {year}" in text
    assert "QUYẾT ĐỊNH\nVề việc tặng Giấy khen của Trưởng ban cho tập thể và các cá nhân đã có thành tích" in text
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14/06/2025" in text  # the movement's decree
    assert "Nơi nhận:" in text and "Lưu: VT" in text
    assert "TRƯỞNG BAN" in text and "Nguyễn Quốc Toàn" in text
    assert "DANH SÁCH" in text and "(Kèm theo Quyết định số 01/QĐ-BQLKKTCK" in text
    for name, _, _ in NOMINEES.values():
        assert name in text
    assert hashlib.sha256(qd.path.read_bytes()).hexdigest() == qd.sha256

    with pytest.raises(Forbidden):
        documents.sign_decision_document(rt, "vp.thamdinh", qd.id)
    documents.sign_decision_document(rt, "truongban", qd.id)
    with rt.uow() as uow:
        s = uow.session
        assert {c.status for c in s.scalars(select(Case).where(Case.id.in_(cases)))} == {"decision_signed"}
        assert set(s.scalars(select(AwardRecord.decision_number))) == {"01/QĐ-BQLKKTCK"}
        issued = [a.detail["reference"] for a in s.scalars(select(AuditEntry).where(
            AuditEntry.event == "document_issued", AuditEntry.case_id == decided["I1"]))]
    assert issued == ["01/QĐ-BQLKKTCK"]

    ticks = []
    certs = documents.render_certificates(rt, "vp.thamdinh", "01/QĐ-BQLKKTCK", progress=lambda n, t: ticks.append(n))
    assert len(certs) == 4 and ticks == [1, 2, 3, 4]
    for cert, (name, _, _) in zip(certs, NOMINEES.values(), strict=True):
        text = _check_format(cert.path, None, landscape=True)
        assert "GIẤY KHEN" in text and name in text and "Quyết định số 01/QĐ-BQLKKTCK" in text
        assert "TRƯỞNG BAN" in text and "Nguyễn Quốc Toàn" in text and "Lạng Sơn, ngày" in text
    assert len(documents.render_certificates(rt, "vp.thamdinh", str(qd.id))) == 4  # kept, not made again

    bb = documents.issue_council_minutes(rt, "hd.thuky", decided["session"])
    assert bb.reference == "02/BB-BQLKKTCK"  # one yearly series per agency
    text = _check_format(bb.path, "02/BB-BQLKKTCK")
    assert "BIÊN BẢN\nHọp xét thi đua, khen thưởng của Hội đồng" in text
    assert "THƯ KÝ" in text and "Lương Văn Minh" in text and "CHỦ TRÌ" in text and "Nguyễn Quốc Toàn" in text
    rows = {line.split(" | ")[1].split(" (")[0]: line.split(" | ")[3:6] for line in text.splitlines()
            if line.count(" | ") == 7}
    assert rows["Cá nhân: Nông Văn Sơn"] == ["3", "1", "0"]  # đồng ý, không đồng ý, không biểu quyết
    assert rows["Cá nhân: Lăng Văn Hải"] == ["4", "0", "0"]
    assert rows["Tập thể: Phòng Quản lý Đầu tư"] == ["4", "0", "0"]
    assert "Có mặt 4" in text or "có mặt 4" in text
    assert "<html" in documents.preview_html(rt, bb.id) and "Nông Văn Sơn" in documents.preview_html(rt, bb.id)
    assert [d.kind for d in documents.documents_of_case(rt, decided["I1"])] == [
        "quyet_dinh", "giay_khen", "bien_ban_hoi_dong"]


def test_regenerating_keeps_the_issued_number(rt, decided):
    qd = documents.issue_decision(rt, "vp.thamdinh", [decided["I1"]])
    with rt.uow() as uow:
        uow.session.get(Case, decided["I1"]).nominee_name = "Lăng Văn Hải (sửa)"
        uow.commit()
    again = documents.regenerate(rt, "vp.thamdinh", qd.id)
    assert again.reference == qd.reference == "01/QĐ-BQLKKTCK" and again.sha256 != qd.sha256
    assert "Lăng Văn Hải (sửa)" in _check_format(again.path, "01/QĐ-BQLKKTCK")
    with rt.uow() as uow:
        assert uow.session.get(IssuedDocument, qd.id).renders == 2
        assert uow.session.scalars(select(AuditEntry.event).where(
            AuditEntry.event == "document_regenerated")).all() == ["document_regenerated"]


def test_numbering_restarts_in_a_new_year(rt, decided):
    rt.clock = lambda: datetime(2026, 12, 31, 3, tzinfo=UTC)
    last_2026 = documents.issue_decision(rt, "vp.thamdinh", [decided["I1"]])
    rt.clock = lambda: datetime(2027, 1, 4, 3, tzinfo=UTC)  # the first working day
    first_2027 = documents.issue_decision(rt, "vp.thamdinh", [decided["I2"]])
    second_2027 = documents.issue_decision(rt, "vp.thamdinh", [decided["I3"]])
    assert (last_2026.reference, first_2027.reference, second_2027.reference) == (
        "01/QĐ-BQLKKTCK", "01/QĐ-BQLKKTCK", "02/QĐ-BQLKKTCK")
    text = docx_text(first_2027.path)
    assert "Lạng Sơn, ngày 04 tháng 01 năm 2027" in text


def test_missing_data_is_listed_in_vietnamese_and_no_number_is_taken(rt, decided):
    with rt.uow() as uow:
        mv = uow.session.scalars(select(Movement).where(Movement.code == MOVEMENT)).one()
        mv.definition = {k: v for k, v in mv.definition.items() if k != "decree"}
        uow.session.get(Case, decided["I1"]).nominee_name = ""
        uow.commit()
    with pytest.raises(InvalidInput) as err:
        documents.issue_decision(rt, "vp.thamdinh", [decided["I1"], decided["I2"]])
    assert err.value.message_vi.startswith("Chưa đủ dữ liệu để lập Quyết định khen thưởng. Còn thiếu: ")
    assert "nghị định" not in err.value.message_vi  # a plan naming no decree: the law table's, by date
    assert f"tên người/tập thể được đề nghị (hồ sơ {decided['I1']})" in err.value.message_vi
    rt.clock = lambda: datetime(2023, 12, 20, 3, tzinfo=UTC)  # before the Luật of 2022 took effect
    with pytest.raises(InvalidInput) as err:
        documents.issue_decision(rt, "vp.thamdinh", [decided["I2"]])
    assert "Luật Thi đua, khen thưởng và nghị định quy định chi tiết có hiệu lực ngày 20/12/2023" in \
        err.value.message_vi
    with rt.uow() as uow:
        assert uow.session.scalars(select(IssuedDocument)).all() == []


def test_only_cases_awaiting_the_signature_go_into_a_decision(rt, decided):
    from tdkt.errors import WrongState

    qd = documents.issue_decision(rt, "vp.thamdinh", [decided["I1"]])
    documents.sign_decision_document(rt, "truongban", qd.id)
    with pytest.raises(WrongState):
        documents.issue_decision(rt, "vp.thamdinh", [decided["I1"]])
    with pytest.raises(Forbidden):
        documents.issue_decision(rt, "qldt.canbo", [decided["I2"]])


def test_twenty_concurrent_issues_get_twenty_consecutive_numbers(rt):
    if rt.engine.dialect.name != "postgresql":
        pytest.skip("row locking under concurrency is checked on PostgreSQL")
    got, errors = [], []
    barrier = threading.Barrier(20)

    def issue() -> None:
        try:
            barrier.wait()
            with rt.uow() as uow:
                got.append(documents.next_number(uow.session, "BQL", 2031))
                uow.commit()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=issue) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and sorted(got) == list(range(1, 21))


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftoppm"),
                    reason="LibreOffice or poppler-utils not installed: PDF path skipped")
def test_decision_renders_to_pdf_and_a_page_image(rt, decided, tmp_path):
    from tdkt.documents import to_pdf

    if rt.engine.dialect.name != "sqlite":
        pytest.skip("the PDF path does not depend on the database")
    qd = documents.issue_decision(rt, "vp.thamdinh", [decided["I1"], decided["C1"]])
    pdf = to_pdf(qd.path, tmp_path / "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True)
    page = next(tmp_path.glob("page*.png"))
    assert page.read_bytes().startswith(b"\x89PNG") and page.stat().st_size > 5000
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "01/QĐ-BQLKKTCK" in text
