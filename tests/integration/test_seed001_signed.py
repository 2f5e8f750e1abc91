"""Ký số in the seed 001 scenario (issue 16's "done"): ``tdkt scenario seed001`` issues its Tờ
trình, Quyết định and Giấy khen as PDFs signed by the Trưởng ban and the agency with a demo PKI
made at demo time under var/demo-pki; ``tdkt documents verify`` and pyHanko's own command line
accept every one, and a single changed byte makes both refuse it. The demo PKI says it is a demo
and production mode refuses it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tdkt.cli import app
from tdkt.config import Settings, get_settings
from tdkt.pdfsign.certificates import read_certificate, read_pkcs12
from tdkt.pdfsign.demo_pki import DEMO_LABEL, make_demo_pki
from tdkt.services.ops.production import production_problems
from tests.integration.conftest import isolate_cli

PYHANKO = str(Path(sys.executable).parent / "pyhanko")
pytestmark = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice"))
                                or not shutil.which("pdftotext"),
                                reason="LibreOffice or poppler-utils not installed: PDF path skipped")
runner = CliRunner()


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[Path]]]:
    tmp = tmp_path_factory.mktemp("seed001-signed")
    with pytest.MonkeyPatch.context() as mp:
        isolate_cli(mp, tmp, width=250)
        result = runner.invoke(app, ["scenario", "seed001"])
        assert result.exit_code == 0, result.output
        listed = result.output.split("Văn bản đã ký số", 1)[1].splitlines()[1:]
        files = [Path(line.strip()) for line in listed if line.strip().endswith(".pdf")]
        yield tmp / "var", files
    get_settings.cache_clear()


def _verify(var: Path, pdf: Path) -> tuple[int, str]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TDKT_VAR_DIR", str(var))
        mp.delenv("TDKT_DATABASE_URL", raising=False)
        get_settings.cache_clear()
        result = runner.invoke(app, ["documents", "verify", str(pdf)])
    get_settings.cache_clear()
    return result.exit_code, result.output


def _pyhanko(root: Path, pdf: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PYHANKO, "sign", "validate", "--trust", str(root), "--trust-replace",
                           "--no-revocation-check", str(pdf)], capture_output=True, text=True)


def test_seed001_issues_its_decisions_and_certificates_as_signed_pdfs_both_validators_accept(played):
    var, files = played
    names = [f.name for f in files]
    assert sum(n.startswith("QD-") for n in names) == 2 and sum(n.startswith("GK-") for n in names) == 8
    assert sum(n.startswith("TTr-") for n in names) == 1
    root = var / "demo-pki" / "trust" / "root.pem"
    for pdf in files:
        assert pdf.exists()
        code, out = _verify(var, pdf)
        assert code == 0, out
        assert out.count("HỢP LỆ") == 2 and "KHÔNG HỢP LỆ" not in out  # the signer's and the agency's
        assert "Là bản do hệ thống phát hành" in out and "CHẠY THỬ" in out
        independent = _pyhanko(root, pdf)
        assert independent.returncode == 0, independent.stdout + independent.stderr
        assert independent.stdout.count("INTACT:TRUSTED") == 2, independent.stdout


@pytest.mark.parametrize("kind", ["QD-", "GK-"])
def test_a_changed_byte_in_a_signed_seed001_document_fails_both_validators(played, tmp_path, kind):
    var, files = played
    pdf = next(f for f in files if f.name.startswith(kind))
    data = bytearray(pdf.read_bytes())
    at = data.index(b"stream", len(data) // 4) + 20  # inside a content stream the signature covers
    data[at] ^= 0x01
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(data))
    code, out = _verify(var, changed)
    assert code == 1 and "KHÔNG HỢP LỆ" in out and "đã bị thay đổi sau khi ký" in out
    assert "INTACT:TRUSTED" not in _pyhanko(var / "demo-pki" / "trust" / "root.pem", changed).stdout


def test_the_demo_pki_is_made_once_labelled_a_demo_and_refused_in_production(tmp_path):
    folder = tmp_path / "var" / "demo-pki"
    people = {"truongban": ("Nguyễn Quốc Toàn", "Trưởng ban")}
    agency = "Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn (tên dài hơn sáu mươi tư byte)"
    pki = make_demo_pki(folder, people, agency)
    again = make_demo_pki(folder, people, agency)
    assert again.password == pki.password and again["truongban"].p12.read_bytes() == pki["truongban"].p12.read_bytes()
    signer = read_pkcs12(pki["truongban"].p12.read_bytes(), pki.password)
    assert signer.common_name == "Nguyễn Quốc Toàn" and "CHẠY THỬ" in signer.issuer
    assert DEMO_LABEL in signer.subject
    assert DEMO_LABEL in read_certificate(pki["agency"].cert_pem.read_bytes()).subject
    assert oct(folder.stat().st_mode & 0o777) == "0o700" and oct(pki["agency"].p12.stat().st_mode & 0o777) == "0o600"
    production = Settings(env="production", var_dir=tmp_path / "var", signature_trust_roots=[pki.trust_dir],
                          agency_keyfile=pki["agency"].p12)
    demo_problems = [p for p in production_problems(production) if "CHẠY THỬ" in p]
    assert len(demo_problems) == 2
