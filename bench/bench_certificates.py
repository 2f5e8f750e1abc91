"""500 Giấy khen (.docx) of one decision through the bulk service, then all of them as PDF
(LibreOffice: long-lived converters through UNO, the app's path; beside it the anchor,
``soffice --convert-to`` 50 files a start), and one page as an image.

Targets (DESIGN.md §4): 500 .docx documents < 60 s; 500 Giấy khen with PDFs ≤ 30 s.
Usage: uv run python bench/bench_certificates.py [--count 500] [--no-anchor] [--database-url URL]
The decision's cases are copies of one real case (setup only); the timed part is
``render_certificates``: context from the case data, docxtpl render, file, SHA-256, rows, audit.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from datetime import date
from pathlib import Path

from bench_support import bench_settings
from sqlalchemy import select

from tdkt.config import PROJECT_ROOT
from tdkt.documents import pdf_available, soffice_many, to_pdf, to_pdf_many, uno_available
from tdkt.documents.converter import stop_shared_converters
from tdkt.persistence.models import Case, DocumentCase, IssuedDocument, Person
from tdkt.runtime import Runtime
from tdkt.services.documents.content.common import day_text, decision_context
from tdkt.services.documents.issuing import render_certificates
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.ops.setup import SEED_MOVEMENT_CODE, initialise_demo

TARGET_S = 60.0
TARGET_WITH_PDF_S = 30.0


def _pdfs(paths: list[Path], out: Path, how: str) -> float:
    """Every .docx to PDF/A-2b as the Trưởng ban's signing does (:func:`to_pdf_many`): ``how`` is
    "converters" (long-lived LibreOffices through UNO, the app's path when python3-uno is
    installed: the first batch starts them), "converters again" (the next batch of the same
    process: they are kept) or "soffice" (``soffice --convert-to``, 50 files a start, the path before).
    Returns the seconds taken; checks no soffice is left running."""
    t0 = time.perf_counter()
    if how.startswith("converters"):
        to_pdf_many(paths, out, pdfa=True)
    else:
        soffice_many(paths, out, pdfa=True)
    elapsed = time.perf_counter() - t0
    made = sum(1 for p in paths if (out / f"{p.stem}.pdf").exists())
    assert made == len(paths), f"{made} PDF of {len(paths)}"
    return elapsed


def _decision(rt: Runtime, count: int) -> int:
    first = create_nomination(rt, "qldt.canbo", NewNomination(SEED_MOVEMENT_CODE, "Cá nhân 0001",
                                                               "giay_khen_truong_ban"))
    attach_document(rt, "qldt.canbo", first, "to_trinh_mau_01", "t.pdf", b"%PDF-1.4 bench")
    with rt.uow() as uow:
        s = uow.session
        proto = s.get(Case, first)
        cols = {c.key: getattr(proto, c.key) for c in Case.__table__.columns if c.key not in ("id",)}
        cases = [proto] + [Case(**{**cols, "nominee_name": f"Cá nhân {n:04d}", "nominee_key": f"ca nhan {n:04d}"})
                           for n in range(2, count + 1)]
        s.add_all(cases[1:])
        s.flush()
        today = rt.now().astimezone(rt.settings.tz).date()
        ctx = decision_context(s, cases[:3], "01/QĐ-BQL", today) | {"issued_on": today.isoformat(),
                                                                     "day_text": day_text(today)}
        author = s.scalars(select(Person.id).where(Person.username == "vp.thamdinh")).one()
        doc = IssuedDocument(kind="quyet_dinh", issuer="BQL", year=today.year, number=1, reference="01/QĐ-BQL",
                             movement_id=proto.movement_id,  # the agency whose Văn phòng issues it
                             issued_on=today, title="bench", filename="-", stored_path="-", sha256="-", size=0,
                             data=ctx, created_by_id=author, created_at=rt.now(), rendered_at=rt.now())
        s.add(doc)
        s.flush()
        s.add_all(DocumentCase(document_id=doc.id, case_id=c.id) for c in cases)
        uow.commit()
        return doc.id


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--database-url", default="")
    ap.add_argument("--no-anchor", action="store_true", help="skip the soffice --convert-to run (the path before)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = bench_settings(database_url=args.database_url or f"sqlite:///{tmp}/bench.db", var_dir=Path(tmp))
        rt = Runtime(settings)
        initialise_demo(rt)
        decision = _decision(rt, args.count)
        t0 = time.perf_counter()
        made = render_certificates(rt, "vp.thamdinh", decision)
        elapsed = time.perf_counter() - t0
        assert len(made) == args.count
        print(f"{len(made)} Giấy khen .docx in {elapsed:.1f} s ({elapsed / len(made) * 1000:.1f} ms each); "
              f"target < {TARGET_S:.0f} s for 500: ratio {elapsed * 500 / len(made) / TARGET_S:.2f} of target")
        if pdf_available():
            runs = ([] if args.no_anchor else ["soffice"]) + (["converters", "converters again"]
                                                               if uno_available() else [])
            if not uno_available():
                print("python3-uno or unoserver missing: only soffice --convert-to is measured")
            for how in runs:
                pdf_s = _pdfs([m.path for m in made], Path(tmp) / f"pdf-{how}", how)
                total = elapsed + pdf_s
                label = {"converters": "long-lived converters (UNO), started with this batch",
                         "converters again": "the same converters, kept by the process for its next batch"}.get(
                    how, "soffice --convert-to, 50 a start (anchor: the path before)")
                ratio = total * 500 / len(made) / TARGET_WITH_PDF_S
                print(f"{len(made)} PDF/A-2b in {pdf_s:.1f} s by {label}; .docx + PDF {total:.1f} s; "
                      f"target ≤ {TARGET_WITH_PDF_S:.0f} s for 500: ratio {ratio:.2f}")
            stop_shared_converters()  # as at the process's exit
            left = subprocess.run(["pgrep", "-f", "soffice.bin"], capture_output=True, text=True).stdout.split()
            print(f"soffice processes left running by the bench: {len(left)} (others' may count)")
        out = PROJECT_ROOT / "var" / "bench"
        out.mkdir(parents=True, exist_ok=True)
        sample = out / f"giay_khen_{date.today():%Y%m%d}.docx"
        shutil.copy(made[0].path, sample)
        if pdf_available() and shutil.which("pdftoppm"):
            t0 = time.perf_counter()
            pdf = to_pdf(sample, out)
            subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", str(pdf), str(out / sample.stem)],
                           check=True)
            print(f"PDF + page image in {time.perf_counter() - t0:.1f} s: {out / sample.stem}.png")
        else:
            print("LibreOffice or pdftoppm not installed: no PDF page image")
        rt.close()


if __name__ == "__main__":
    main()
