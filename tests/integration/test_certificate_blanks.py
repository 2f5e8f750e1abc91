"""In Giấy khen trên phôi: the Giấy khen of a signed Quyết định as one PDF for the pre-printed
sheets — only the variable text, each field where the layout (mm) places it; a field moved in the
settings moves on the page by the same millimetres, and the calibration offset moves everything.
Positions are read back from the PDF with poppler's ``pdftotext -bbox``."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from tdkt.domain.certificate_blank import DEFAULT_LAYOUT
from tdkt.errors import InvalidInput
from tdkt.pdfsign.overprint import MM
from tdkt.persistence.models import IssuedDocument
from tdkt.runtime import Runtime
from tdkt.services.documents import issuing as documents
from tdkt.services.documents.certificate_blanks import print_on_blanks
from tests.integration.test_documents import decided  # noqa: F401 — the fixture
from tests.integration.web_support import Browser

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
LINE = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')

Box = tuple[str, float, float, float, float]
  # text, left, top, right, bottom in mm from the top left
AGENCY = "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"


def _pages(pdf: bytes, tmp: Path) -> list[list[Box]]:
    path = tmp / "phoi.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [[(html.unescape(m.group(5)), *(float(m.group(i)) / MM for i in (1, 2, 3, 4))) for m in LINE.finditer(page)]
            for page in out.split("<page ")[1:]]


def _find(page: list[Box], start: str) -> Box:
    found = [b for b in page if b[0].startswith(start)]
    assert found, (start, [b[0] for b in page])
    return found[0]


def _at(box: Box, field: str, offset: tuple[float, float] = (0.0, 0.0), **changes: float) -> None:
    """The printed line is where the layout puts ``field``: its left end (or centre) within 1 mm
    of x, and its line through the point ``size``/2 below y."""
    place = DEFAULT_LAYOUT[field]
    x, y = changes.get("x_mm", place.x_mm) + offset[0], changes.get("y_mm", place.y_mm) + offset[1]
    _, left, top, right, bottom = box
    printed_x = (left + right) / 2 if place.align == "center" else left
    assert abs(printed_x - x) < 1.0, (field, printed_x, x)
    assert top <= y + place.size / 2 / MM <= bottom, (field, top, bottom, y)


@pytest.fixture
def decision(rt: Runtime, decided) -> int:  # noqa: F811
    doc = documents.issue_decision(rt, "vp.thamdinh", [decided["I1"], decided["C1"]])
    documents.sign_decision_document(rt, "truongban", doc.id)
    documents.render_certificates(rt, "vp.thamdinh", doc.id)
    return doc.id


def test_the_giấy_khen_are_printed_for_the_phôi_each_field_where_the_layout_says(rt: Runtime, decision: int,
                                                                                 tmp_path: Path):
    name, pdf = print_on_blanks(rt, "vp.thamdinh", decision)
    assert name.startswith("GK-PHOI-") and name.endswith("-001.pdf")
    pages = _pages(pdf, tmp_path)
    assert len(pages) == 2  # one sheet per Giấy khen
    first = pages[0]
    text = " ".join(b[0] for b in first)
    assert "GIẤY KHEN" not in text and "CỘNG HÒA" not in text  # printed on the phôi already
    _at(_find(first, "TRƯỞNG BAN BAN QUẢN LÝ"), "awarded_by")
    nominee = next(b for b in first if b[0].startswith(("Ông ", "Bà ", "Tập thể ")))
    _at(nominee, "name")
    _at(_find(first, "Đã có thành tích xuất sắc"), "achievement")
    _at(_find(first, "Lạng Sơn, ngày"), "place_date")
    _at(_find(first, "TRƯỞNG BAN"), "awarded_by")
    _at(_find(first, "Quyết định số 01/QĐ-BQLKKTCK"), "decision")
    _at(_find(first, "Số vào sổ: 01/QĐ-BQLKKTCK/2026/01"), "register")
    _at(_find(first, "Nguyễn Quốc Toàn"), "signer_name")
    assert all(b[3] < 297 - 10 for page in pages for b in page)  # nothing runs off the sheet

    office = Browser(rt, "vp.thamdinh")
    assert f'href="/decisions/{decision}/certificates/blanks.pdf"' in office.get("/decisions").text
    download = office.get(f"/decisions/{decision}/certificates/blanks.pdf")
    assert download.status_code == 200 and download.headers["content-type"] == "application/pdf"


def test_a_field_moved_in_the_settings_moves_by_the_same_millimetres(rt: Runtime, decision: int, tmp_path: Path):
    unit_y = DEFAULT_LAYOUT["unit"].y_mm + DEFAULT_LAYOUT["unit"].size / 2 / MM
    index, unit = next((i, b[0]) for i, page in enumerate(_pages(print_on_blanks(rt, "vp.thamdinh", decision)[1],
                                                                 tmp_path)) for b in page if b[2] <= unit_y <= b[4])
    rt.settings = rt.settings.model_copy(update={
        "certificate_blank_layout": {"name": {"x_mm": 160, "y_mm": 108}, "unit": {"size": 0}},
        "certificate_blank_offset_mm": (3.0, -2.0)})
    first = _pages(print_on_blanks(rt, "vp.thamdinh", decision)[1], tmp_path)[0]
    nominee = next(b for b in first if b[0].startswith(("Ông ", "Bà ", "Tập thể ")))
    _at(nominee, "name", (3.0, -2.0), x_mm=160, y_mm=108)
    _at(_find(first, "Quyết định số"), "decision", (3.0, -2.0))
    pages = _pages(print_on_blanks(rt, "vp.thamdinh", decision)[1], tmp_path)
    assert unit not in [b[0] for b in pages[index]]  # size 0: not printed (the phôi has it)

    rt.settings = rt.settings.model_copy(update={"certificate_blank_layout": {"ten": {"y_mm": 1}}})
    with pytest.raises(InvalidInput, match="Trường 'ten' không có"):
        print_on_blanks(rt, "vp.thamdinh", decision)


def _name_lines(page: list[Box]) -> list[Box]:
    """The lines printed in the name's room: from a little above its top (the glyphs' box) to the
    unit's line."""
    return [b for b in page if DEFAULT_LAYOUT["name"].y_mm - 5 <= b[2] < DEFAULT_LAYOUT["unit"].y_mm - 1]


def test_a_tập_thể_is_named_whole_and_its_long_name_set_smaller_in_the_names_room(rt: Runtime, decision: int,
                                                                                   tmp_path: Path):
    """The Giấy khen of a tập thể names it as it is known outside the agency (its unit's name and
    the agency's); on the phôi a long name is set smaller, on two lines at most, in the name's room
    (down to the unit's line), and every other field stays where the layout puts it."""
    with rt.uow() as uow:
        cert = uow.session.scalars(select(IssuedDocument).where(
            IssuedDocument.parent_id == decision, IssuedDocument.kind == "giay_khen",
            IssuedDocument.data["nominee_prefix"].as_string() == "Tập thể")).one()
        name, cert_id = cert.data["nominee_name"], cert.id
    assert name.endswith(f" {AGENCY}") and name != AGENCY
    person, group = _pages(print_on_blanks(rt, "vp.thamdinh", decision)[1], tmp_path)
    if not group[1][0].startswith("Tập thể"):
        person, group = group, person
    assert [b[0] for b in _name_lines(group)] == [f"Tập thể {name}"]  # whole, on one line at a smaller size
    person_height = _name_lines(person)[0][4] - _name_lines(person)[0][2]  # 22 pt
    assert _name_lines(group)[0][4] - _name_lines(group)[0][2] < person_height

    # a longer name still: two lines, smaller again, above the unit's line; nothing else moves
    with rt.uow() as uow:
        cert = uow.session.get(IssuedDocument, cert_id)
        longer = f"Tổ Kiểm soát liên ngành Đội Quản lý cửa khẩu Cốc Nam - Chi Ma {name}"
        cert.data = cert.data | {"nominee_name": longer}
        uow.commit()
    _, group = sorted(_pages(print_on_blanks(rt, "vp.thamdinh", decision)[1], tmp_path),
                      key=lambda page: any(b[0].startswith("Tập thể") for b in page))
    lines = _name_lines(group)
    assert len(lines) == 2 and " ".join(b[0] for b in lines).startswith("Tập thể Tổ Kiểm soát")
    assert " ".join(b[0] for b in lines).endswith(AGENCY)
    # two lines' leading within the name's room: 14 mm down to the unit's line (the boxes pdftotext
    # reads are the font's, taller than the letters: their tops, a line apart, tell the leading)
    room = DEFAULT_LAYOUT["name"].height_mm
    assert 2 * (lines[1][2] - lines[0][2]) <= room + 0.1
    assert all(b[4] - b[2] < person_height for b in lines)
    _at(_find(group, "Đã có thành tích xuất sắc"), "achievement")
    _at(_find(group, "Lạng Sơn, ngày"), "place_date")
    _at(_find(group, "Quyết định số"), "decision")
    _at(_find(group, "Số vào sổ"), "register")
