"""The full document set of a scenario (by default the largest, seed004: five years, the sơ kết
and the tổng kết, the agency's and the province's councils), as .docx through the services, then
every document as PDF/A (the app's batch conversion, :func:`tdkt.documents.to_pdf_many`), and the
linter over both (tests/integration/doc_linter.py).

No target of its own in DESIGN.md §4 (the nearest: 500 Giấy khen with PDFs ≤ 30 s): the figures
are printed per document so the two can be compared.
Usage: uv run python bench/bench_document_set.py [--scenario seed004|seed000|seed001|seed002]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench_support import bench_settings
from sqlalchemy import select

from tdkt.config import PROJECT_ROOT
from tdkt.documents import pdf_available, to_pdf_many
from tdkt.persistence.models import IssuedDocument
from tdkt.runtime import Runtime
from tdkt.scenario import ScenarioClock, run_seed000, run_seed001, run_seed002, run_seed004
from tdkt.services.ops.setup import initialise_demo

sys.path.insert(0, str(PROJECT_ROOT))
from tests.integration.doc_linter import Issued, lint_docx, lint_pdf  # noqa: E402

PER_DOCUMENT_TARGET_S = 30.0 / 500  # the Giấy khen target, per document
SCENARIOS = {"seed000": run_seed000, "seed001": run_seed001, "seed002": run_seed002, "seed004": run_seed004}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenario", choices=sorted(SCENARIOS), default="seed004")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = bench_settings(database_url=f"sqlite:///{tmp}/bench.db", var_dir=Path(tmp))
        rt = Runtime(settings, clock=ScenarioClock(settings.tz))
        initialise_demo(rt, movement=False)
        t0 = time.perf_counter()
        SCENARIOS[args.scenario](rt, lambda _line: None)
        played = time.perf_counter() - t0
        with rt.uow() as uow:
            issued = [Issued(d.kind, Path(d.stored_path), d.reference, d.issued_on, d.data)
                      for d in uow.session.scalars(select(IssuedDocument).order_by(IssuedDocument.id))]
        print(f"{args.scenario} played with {len(issued)} documents in {played:.1f} s (route, councils, documents)")
        t0 = time.perf_counter()
        problems = [p for d in issued for p in lint_docx(d)]
        print(f"linter over {len(issued)} .docx: {len(problems)} problems in {time.perf_counter() - t0:.1f} s")
        if pdf_available():
            t0 = time.perf_counter()
            to_pdf_many([d.path for d in issued], Path(tmp) / "pdf", pdfa=True)
            pdf_s = time.perf_counter() - t0
            each = pdf_s / len(issued)
            print(f"{len(issued)} PDF/A in {pdf_s:.1f} s ({each * 1000:.0f} ms "
                  f"each; the Giấy khen target allows {PER_DOCUMENT_TARGET_S * 1000:.0f} ms: ratio "
                  f"{each / PER_DOCUMENT_TARGET_S:.2f})")
            problems = [p for d in issued for p in lint_pdf(d, Path(tmp) / "pdf" / f"{d.path.stem}.pdf")]
            print(f"linter over {len(issued)} PDF: {len(problems)} problems")
        else:
            print("LibreOffice not installed: no PDF")
        for p in problems[:20]:
            print("  ", p)
        rt.close()


if __name__ == "__main__":
    main()
