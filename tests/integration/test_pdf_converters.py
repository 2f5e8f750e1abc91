"""Long-lived PDF converters (issue 17): LibreOffice started once and fed one Giấy khen after
another through UNO, several at once; stopped with every process they started, even when the
batch fails; without python3-uno the batch falls back to ``soffice --convert-to``, saying so."""

from __future__ import annotations

import logging
import os
import signal
import time
from pathlib import Path

import pytest
from docx import Document

from tdkt.documents import PdfConverters, pdf_available, to_pdf_many, uno_available
from tdkt.documents import render as render_module
from tdkt.documents.converter import shared_converters, stop_shared_converters

needs_uno = pytest.mark.skipif(not uno_available(), reason="python3-uno, unoserver or LibreOffice not installed")


def _certificates(folder: Path, count: int) -> list[Path]:
    made = []
    for n in range(count):
        doc = Document()
        doc.add_paragraph(f"GIẤY KHEN số {n + 1}: bà Vi Thị Hồng, Phòng Quản lý đầu tư")
        path = folder / f"giay_khen_{n + 1:03d}.docx"
        doc.save(str(path))
        made.append(path)
    return made


def _alive_in_groups(groups: list[int]) -> list[str]:
    """Processes (pid and name) whose process group is one of ``groups``."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name_end = text.rindex(")")
        fields = text[name_end + 2:].split()
        if int(fields[2]) in groups and fields[0] != "Z":
            alive.append(f"{stat.parent.name} {text[text.index('(') + 1:name_end]}")
    return alive


@needs_uno
def test_two_converters_make_pdf_a_2b_of_every_certificate_then_leave_no_process(tmp_path: Path) -> None:
    docs = _certificates(tmp_path, 6)
    with PdfConverters(2) as converters:
        groups = converters.pids
        assert len(groups) == 2
        assert any("soffice" in p for p in _alive_in_groups(groups))
        pdfs = converters.convert_many(docs, tmp_path / "pdf", pdfa=True)
    assert [p.name for p in pdfs] == [f"giay_khen_{n:03d}.pdf" for n in range(1, 7)]
    for pdf in pdfs:
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and b"<pdfaid:part>2</pdfaid:part>" in data
    assert _alive_in_groups(groups) == []


@needs_uno
def test_a_failing_batch_still_stops_its_converters(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="khong_co.docx"), PdfConverters(1) as converters:
        groups = converters.pids
        converters.convert_many([tmp_path / "khong_co.docx"], tmp_path / "pdf")
    assert _alive_in_groups(groups) == []


@needs_uno
def test_a_process_keeps_its_converters_for_the_next_batch_and_starts_a_dead_one_again(tmp_path: Path) -> None:
    docs = _certificates(tmp_path, render_module.CONVERTERS_FROM)
    seen: list[int] = []
    try:
        to_pdf_many(docs, tmp_path / "first", pdfa=True)
        kept = shared_converters(1)  # the batch's own: started with it, not stopped after it
        seen += kept.pids
        assert any("soffice" in p for p in _alive_in_groups(kept.pids))
        os.killpg(kept.pids[0], signal.SIGKILL)  # LibreOffice dies between two batches
        for _ in range(100):
            if not any("soffice" in p for p in _alive_in_groups(seen[:1])):
                break
            time.sleep(0.1)
        pdfs = to_pdf_many(docs, tmp_path / "second", pdfa=True)
        assert shared_converters(1) is kept and kept.restarts == 1
        seen += kept.pids
        assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    finally:
        stop_shared_converters()
    assert _alive_in_groups(seen) == []


@pytest.mark.skipif(not pdf_available(), reason="LibreOffice not installed")
def test_without_python3_uno_a_batch_falls_back_to_soffice_and_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(render_module, "uno_available", lambda: False)
    docs = _certificates(tmp_path, render_module.CONVERTERS_FROM)
    with caplog.at_level(logging.WARNING, logger="tdkt.documents.render"):
        pdfs = to_pdf_many(docs, tmp_path / "pdf", pdfa=True)
    assert all(p.exists() for p in pdfs)
    assert "python3-uno or unoserver is not installed" in caplog.text
