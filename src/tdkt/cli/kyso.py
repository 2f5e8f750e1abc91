"""``tdkt documents verify|pdf|sign-pdf|sign-certificates|upload-signed|seal`` and ``tdkt users certificate``:
ký số — verify anyone's signed PDF, get the PDF to sign, sign it on the server with a PKCS#12 file
(the password is asked, never stored), hand in one signed elsewhere, the văn thư's agency seal;
the administrator registers a person's certificate."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from tdkt.cli.common import PasswordStdin, console, domain_errors, runtime, secret
from tdkt.cli.documents import documents_app
from tdkt.cli.web import users_app
from tdkt.errors import InvalidInput

if TYPE_CHECKING:
    from tdkt.services.documents.signing import Signing

__all__ = ["register"]


def _read(path: Path, what: str) -> bytes:
    if not path.is_file():
        raise InvalidInput(f"Không tìm thấy {what}: {path}", f"no file {path}")
    return path.read_bytes()


_KIND_HELP = "quyet_dinh (Quyết định) hoặc to_trinh (Tờ trình gửi cấp trên)"


def _signing(kind: str) -> Signing:
    from tdkt.services.documents.signing import DECISION, SUBMISSION

    found = {s.kind: s for s in (DECISION, SUBMISSION)}.get(kind)
    if found is None:
        raise InvalidInput(f"Loại văn bản không hợp lệ: {kind} (cần {_KIND_HELP}).", f"bad kind {kind!r}")
    return found


def _when(at: datetime | None) -> str:
    if at is None:
        return "—"
    return at.astimezone(runtime().settings.tz).strftime("%d/%m/%Y %H:%M:%S")


@documents_app.command("verify")
@domain_errors
def verify(file: Annotated[Path, typer.Argument(help="tệp PDF đã ký số")]) -> None:
    """Kiểm tra chữ ký số của một tệp PDF: người ký, chuỗi chứng thư, thời gian, tệp có bị sửa
    sau khi ký, thu hồi. Exit 1 when any signature is not valid or there is none."""
    from tdkt.services.documents.verification import verify_file

    report = verify_file(runtime(), _read(file, "tệp PDF"))
    console.print(Text.assemble("Tệp ", (file.name, "bold"), f" — SHA-256 {report.sha256}"))
    if report.document:
        console.print(f"Là bản do hệ thống phát hành: {report.document}")
    if not report.signatures:
        console.print(Text("Tệp không có chữ ký số nào.", style="red"))
        raise typer.Exit(1)
    for n, sig in enumerate(report.signatures, start=1):
        f, v = sig.facts, sig.verdict
        table = Table(title=f"Chữ ký {n}: {f.field}", show_header=False, title_justify="left")
        table.add_row("Người ký", f"{f.signer}" + (f" — {f.title}" if f.title else "")
                      + (f" ({f.organization})" if f.organization else ""))
        table.add_row("Chứng thư của", sig.person or "(không đăng ký trong hệ thống)")
        table.add_row("Cơ quan cấp", f.issuer)
        table.add_row("Hiệu lực chứng thư", f"{f.not_before:%d/%m/%Y} – {f.not_after:%d/%m/%Y}")
        table.add_row("Thời gian ký", _when(f.signed_at) + (f" (dấu thời gian {_when(f.timestamp)})"
                                                             if f.timestamp else " (theo máy người ký)"))
        table.add_row("Chuỗi tin cậy", "dẫn tới chứng thư gốc tin cậy" if f.trusted else "KHÔNG tin cậy")
        table.add_row("Sau khi ký", "có thay đổi nội dung" if v.changed_after else
                      ("không đổi" if f.modification == "NONE" else "chỉ thêm chữ ký/trường ký"))
        table.add_row("Thu hồi", v.revocation)
        table.add_row("Kết luận", Text("HỢP LỆ", style="bold green") if v.ok
                      else Text("KHÔNG HỢP LỆ", style="bold red"))
        for problem in v.problems:
            table.add_row("", Text(problem, style="red"))
        console.print(table)
    if not report.ok:
        raise typer.Exit(1)


@documents_app.command("pdf")
@domain_errors
def pdf(
    document_id: Annotated[int, typer.Argument(help="số hiệu văn bản (id) của Quyết định")],
    out: Annotated[Path, typer.Option(help="lưu bản PDF vào tệp này")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (người ký)")],
    kind: Annotated[str, typer.Option(help=_KIND_HELP)] = "quyet_dinh",
) -> None:
    """Bản PDF/A của Quyết định để ký ngoài hệ thống (bằng phần mềm của token)."""
    from tdkt.services.documents.pdf_signing import prepare_pdf

    shutil.copyfile(prepare_pdf(runtime(), user, document_id, _signing(kind)), out)
    console.print(f"Đã lưu bản PDF để ký: {out}")


@documents_app.command("sign-pdf")
@domain_errors
def sign_pdf_command(
    document_id: Annotated[int, typer.Argument(help="số hiệu văn bản (id) của Quyết định")],
    p12: Annotated[Path, typer.Option(help="tệp chứng thư số PKCS#12 (.p12/.pfx) của người ký")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Trưởng ban)")],
    password_stdin: PasswordStdin = False,
    kind: Annotated[str, typer.Option(help=_KIND_HELP)] = "quyet_dinh",
) -> None:
    """Ký số Quyết định trên máy chủ: mật khẩu được hỏi khi ký và không được lưu."""
    from tdkt.services.documents.pdf_signing import sign_with_pkcs12

    data, password = _read(p12, "tệp chứng thư số"), secret("Mật khẩu chứng thư số: ", password_stdin)
    cases = sign_with_pkcs12(runtime(), user, document_id, _signing(kind), data, password)
    console.print(f"Đã ký số Quyết định (văn bản {document_id}): hồ sơ số {', '.join(map(str, cases))}")


@documents_app.command("sign-certificates")
@domain_errors
def sign_certificates_command(
    decision_id: Annotated[int, typer.Argument(help="số hiệu văn bản (id) của Quyết định đã ký")],
    p12: Annotated[Path, typer.Option(help="tệp chứng thư số PKCS#12 (.p12/.pfx) của Trưởng ban")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Trưởng ban)")],
    password_stdin: PasswordStdin = False,
) -> None:
    """Ký số mọi Giấy khen của Quyết định đã ký (và chữ ký số của cơ quan khi đã cấu hình)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from tdkt.services.documents.certificate_signing import sign_certificates

    data, password = _read(p12, "tệp chứng thư số"), secret("Mật khẩu chứng thư số: ", password_stdin)
    with Progress(TextColumn("Ký số Giấy khen"), BarColumn(), MofNCompleteColumn(), console=console) as bar:
        task = bar.add_task("sign", total=None)
        done = sign_certificates(runtime(), user, decision_id, data, password,
                                 progress=lambda n, total: bar.update(task, completed=n, total=total))
    console.print(f"Đã ký số {len(done)} Giấy khen của Quyết định (văn bản {decision_id}).")


@documents_app.command("upload-signed")
@domain_errors
def upload_signed(
    document_id: Annotated[int, typer.Argument(help="số hiệu văn bản (id) của Quyết định")],
    file: Annotated[Path, typer.Argument(help="bản PDF đã ký số")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Trưởng ban)")],
    kind: Annotated[str, typer.Option(help=_KIND_HELP)] = "quyet_dinh",
) -> None:
    """Nộp bản Quyết định đã ký số ngoài hệ thống: được kiểm tra trước khi có giá trị."""
    from tdkt.services.documents.pdf_signing import accept_signed_pdf

    cases = accept_signed_pdf(runtime(), user, document_id, _signing(kind), _read(file, "bản PDF đã ký"))
    console.print(f"Đã nhận bản ký số của Quyết định (văn bản {document_id}): hồ sơ số "
                  f"{', '.join(map(str, cases))}")


@documents_app.command("seal")
@domain_errors
def seal(
    document_id: Annotated[int, typer.Argument(help="số hiệu văn bản (id) đã được ký số")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng, văn thư)")],
) -> None:
    """Văn thư ký số của cơ quan (đóng dấu) lên văn bản đã được người có thẩm quyền ký số."""
    from tdkt.services.documents.pdf_signing import seal_document

    digest = seal_document(runtime(), user, document_id)
    console.print(f"Đã ký số của cơ quan lên văn bản {document_id}: SHA-256 {digest}")


@users_app.command("certificate")
@domain_errors
def certificate(
    username: Annotated[str, typer.Argument(help="người được đăng ký chứng thư")],
    file: Annotated[Path, typer.Argument(help="chứng thư số (PEM hoặc DER)")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (quản trị)")],
) -> None:
    """Đăng ký chứng thư số của một người: chữ ký số chỉ được tính là của người đó khi dùng chứng thư này."""
    from tdkt.services.documents.verification import register_certificate

    info = register_certificate(runtime(), user, username, _read(file, "chứng thư số"))
    console.print(f"Đã đăng ký chứng thư số {info.common_name} (SHA-256 {info.sha256}) cho {username}; "
                  f"hiệu lực {info.not_before:%d/%m/%Y} – {info.not_after:%d/%m/%Y}.")


def register() -> None:
    """The commands are registered on import; this names the import's purpose."""
