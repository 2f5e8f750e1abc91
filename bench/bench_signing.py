"""Ký số of 500 Giấy khen: the decision's certificates rendered (.docx), then through the service
that signs them (``sign_certificates``: PDF/A-2b in one LibreOffice start, the Trưởng ban's
signature with its stamp, the agency's seal, a verification of each, the rows and audit), then
each signed file verified again as ``tdkt documents verify`` does. The PKI is made on the spot.

Target (DESIGN.md §4): 500 Giấy khen with PDFs ≤ 30 s. Figures: seconds per phase, time per document.
Usage: uv run python bench/bench_signing.py [--count 500] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from bench_support import bench_settings
from sqlalchemy import select

from tdkt.config import PROJECT_ROOT
from tdkt.documents import pdf_available
from tdkt.persistence.models import IssuedDocument
from tdkt.runtime import Runtime
from tdkt.services.documents.certificate_signing import sign_certificates
from tdkt.services.documents.issuing import render_certificates
from tdkt.services.documents.verification import register_certificate, verify_file
from tdkt.services.ops.setup import initialise_demo

sys.path.insert(0, str(PROJECT_ROOT))
from bench.bench_certificates import _decision  # noqa: E402 — the same 500-case decision
from tests.pki import PASSWORD, make_pki  # noqa: E402 — the test PKI, made with cryptography

TARGET_S = 30.0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--database-url", default="")
    args = ap.parse_args()
    if not pdf_available():
        print("LibreOffice is not installed: the PDF path cannot be measured")
        return
    with tempfile.TemporaryDirectory() as tmp:
        pki = make_pki(Path(tmp) / "pki")
        settings = bench_settings(database_url=args.database_url or f"sqlite:///{tmp}/bench.db", var_dir=Path(tmp),
                            signature_trust_roots=[pki.trust_dir], signature_crls=[pki.crl],
                            agency_keyfile=pki["agency"].p12, agency_key_password=PASSWORD)
        rt = Runtime(settings)
        initialise_demo(rt)
        decision = _decision(rt, args.count)
        with rt.uow() as uow:  # the bench's decision is signed already (its route is not the subject here)
            doc = uow.session.get(IssuedDocument, decision)
            assert doc is not None
            doc.status = "signed"
            uow.commit()
        register_certificate(rt, "quantri", "truongban", pki["truongban"].cert_pem.read_bytes())
        t0 = time.perf_counter()
        made = render_certificates(rt, "vp.thamdinh", decision)
        rendered = time.perf_counter() - t0
        marks: dict[int, float] = {}
        t0, c0 = time.perf_counter(), time.process_time()
        signed = sign_certificates(rt, "truongban", decision, pki["truongban"].p12.read_bytes(), PASSWORD,
                                   progress=lambda n, total: marks.setdefault(0, time.perf_counter()))
        signing, signing_cpu = time.perf_counter() - t0, time.process_time() - c0  # LibreOffice's CPU not counted
        converted = marks.get(0, t0) - t0  # the first progress tick comes after the batch conversion
        with rt.uow() as uow:
            paths = list(uow.session.scalars(select(IssuedDocument.signed_path).where(
                IssuedDocument.parent_id == decision, IssuedDocument.kind == "giay_khen")))
        t0, c0 = time.perf_counter(), time.process_time()
        valid = sum(verify_file(rt, Path(p).read_bytes()).ok for p in paths if p)
        verifying, verifying_cpu = time.perf_counter() - t0, time.process_time() - c0
        n = len(made)
        assert len(signed) == n and valid == n, (len(signed), valid, n)
        sign_only = signing - converted
        total = rendered + signing
        print(f"{n} Giấy khen: .docx {rendered:.1f} s; PDF/A-2b {converted:.1f} s "
              f"({converted / n * 1000:.0f} ms each); two signatures + check {sign_only:.1f} s "
              f"({sign_only / n * 1000:.0f} ms each; CPU {signing_cpu / n * 1000:.0f} ms each)")
        print(f"verify again: {verifying:.1f} s ({verifying / n * 1000:.0f} ms each; CPU "
              f"{verifying_cpu / n * 1000:.0f} ms each); all {valid} valid")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"issued as signed PDFs: {total:.1f} s ({total / n * 1000:.0f} ms per document); target ≤ "
              f"{TARGET_S:.0f} s for 500: ratio {total * 500 / n / TARGET_S:.2f} of target")
        rt.close()


if __name__ == "__main__":
    main()
