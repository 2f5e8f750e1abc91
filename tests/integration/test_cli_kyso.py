"""``tdkt users certificate``, ``tdkt documents sign-pdf|seal|verify|pdf|upload-signed``: the
Trưởng ban signs a Quyết định with his PKCS#12 (password on stdin), the văn thư seals it,
``verify`` reports both signatures in Vietnamese, and a changed copy fails with the reason."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tdkt.cli import app
from tdkt.config import get_settings
from tdkt.pdfsign import sign_pdf
from tdkt.runtime import Runtime
from tdkt.services.route import steps as route
from tests.integration.conftest import isolate_cli, new_case
from tests.integration.probes import council_approves
from tests.pki import PASSWORD, Pki, make_pki

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice"))
                                or not shutil.which("pdftotext"),
                                reason="LibreOffice or poppler-utils not installed: PDF path skipped")
runner = CliRunner()


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Runtime, Pki]]:
    pki = make_pki(tmp_path / "pki")
    isolate_cli(monkeypatch, tmp_path, width=160)
    monkeypatch.setenv("TDKT_SIGNATURE_TRUST_ROOTS", json.dumps([str(pki.trust_dir)]))
    monkeypatch.setenv("TDKT_SIGNATURE_CRLS", json.dumps([str(pki.crl)]))
    monkeypatch.setenv("TDKT_AGENCY_KEYFILE", str(pki["agency"].p12))
    monkeypatch.setenv("TDKT_AGENCY_KEY_PASSWORD", PASSWORD)
    assert runner.invoke(app, ["init", "--demo"]).exit_code == 0
    rt = Runtime(get_settings())
    yield rt, pki
    rt.close()
    get_settings.cache_clear()


def _decision(rt: Runtime, names: tuple[tuple[str, str], ...]) -> None:
    cases = []
    for clerk, name in names:
        case_id = new_case(rt, clerk, name)
        route.submit_dossier(rt, clerk, case_id)
        route.appraise(rt, "vp.thamdinh", case_id, accept=True)
        cases.append(case_id)
    council_approves(rt, cases)
    assert runner.invoke(app, ["documents", "decision", *map(str, cases), "--user", "vp.thamdinh"]).exit_code == 0


def test_sign_seal_and_verify_from_the_command_line(cli_env, tmp_path: Path) -> None:
    rt, pki = cli_env
    _decision(rt, (("qldt.canbo", "Vi Thị Hồng"),))
    registered = runner.invoke(app, ["users", "certificate", "truongban", str(pki["truongban"].cert_pem),
                                     "--user", "quantri"])
    assert registered.exit_code == 0 and "Đã đăng ký chứng thư số Nguyễn Quốc Toàn" in registered.output
    wrong = runner.invoke(app, ["documents", "sign-pdf", "1", "--p12", str(pki["truongban"].p12), "--password-stdin",
                                "--user", "truongban"],
                          input="sai\n")
    assert wrong.exit_code != 0 and "sai mật khẩu" in wrong.output
    signed = runner.invoke(app, ["documents", "sign-pdf", "1", "--p12", str(pki["truongban"].p12),
                                 "--password-stdin", "--user", "truongban"], input=PASSWORD + "\n")
    assert signed.exit_code == 0 and "Đã ký số Quyết định (văn bản 1)" in signed.output, signed.output
    sealed = runner.invoke(app, ["documents", "seal", "1", "--user", "vp.thamdinh"])
    assert sealed.exit_code == 0 and "Đã ký số của cơ quan" in sealed.output, sealed.output
    assert runner.invoke(app, ["documents", "render", "--decision", "1", "--user", "vp.thamdinh"]).exit_code == 0
    certificates = runner.invoke(app, ["documents", "sign-certificates", "1", "--p12", str(pki["truongban"].p12),
                                       "--password-stdin", "--user", "truongban"], input=PASSWORD + "\n")
    assert certificates.exit_code == 0 and "Đã ký số 1 Giấy khen" in certificates.output, certificates.output
    gk = next((rt.settings.var_path / "documents" / "giay_khen").glob("*-signed-*.pdf"))
    assert runner.invoke(app, ["documents", "verify", str(gk)]).output.count("HỢP LỆ") == 2

    out = next((rt.settings.var_path / "documents" / "quyet_dinh").glob("*-sealed-*.pdf"))
    report = runner.invoke(app, ["documents", "verify", str(out)])
    assert report.exit_code == 0, report.output
    assert "Là bản do hệ thống phát hành: Quyết định số 01/QĐ-BQLKKTCK" in report.output
    assert report.output.count("HỢP LỆ") == 2 and "Nguyễn Quốc Toàn — Trưởng ban" in report.output
    assert "Đã kiểm tra thu hồi theo CRL" in report.output

    data = out.read_bytes()
    at = data.index(b"/Producer")
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(data[:at] + b"/Producex" + data[at + 9:])
    bad = runner.invoke(app, ["documents", "verify", str(changed)])
    assert bad.exit_code == 1 and "KHÔNG HỢP LỆ" in bad.output and "đã bị thay đổi sau khi ký" in bad.output


def test_out_of_band_the_pdf_out_and_the_signed_file_in(cli_env, tmp_path: Path) -> None:
    rt, pki = cli_env
    _decision(rt, (("qlqh.canbo", "Hà Văn Tuấn"),))
    assert runner.invoke(app, ["users", "certificate", "truongban", str(pki["truongban"].cert_pem),
                                     "--user", "quantri"]).exit_code == 0
    plain = tmp_path / "qd.pdf"
    got = runner.invoke(app, ["documents", "pdf", "1", "--out", str(plain), "--user", "truongban"])
    assert got.exit_code == 0 and plain.read_bytes().startswith(b"%PDF"), got.output
    unsigned = runner.invoke(app, ["documents", "verify", str(plain)])
    assert unsigned.exit_code == 1 and "Tệp không có chữ ký số nào." in unsigned.output
    signed = tmp_path / "qd-signed.pdf"  # his own token software, elsewhere
    signed.write_bytes(sign_pdf(plain.read_bytes(), pki["truongban"].p12.read_bytes(), PASSWORD, field="Sig",
                                stamp=None, reason="Ký"))
    taken = runner.invoke(app, ["documents", "upload-signed", "1", str(signed), "--user", "truongban"])
    assert taken.exit_code == 0 and "Đã nhận bản ký số" in taken.output, taken.output
    again = runner.invoke(app, ["documents", "upload-signed", "1", str(signed), "--user", "truongban"])
    assert again.exit_code != 0 and "đã được ký số" in again.output
