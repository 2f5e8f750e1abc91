"""``tdkt documents``: render the Giấy khen of a decision in one go (with a progress bar),
issue a Quyết định or a Biên bản họp xét, re-render a document on purpose."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tdkt.cli.common import console, domain_errors, runtime

__all__ = ["documents_app"]

documents_app = typer.Typer(help="Văn bản: Quyết định, Giấy khen, Biên bản họp xét (.docx).", no_args_is_help=True)


@documents_app.command("render")
@domain_errors
def render(
    decision: Annotated[str, typer.Option(help="Quyết định: số hiệu văn bản (id) hoặc số/ký hiệu, vd 01/QĐ-BQL")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")] = "vp.thamdinh",
) -> None:
    """All Giấy khen of decision N."""
    from tdkt.services.documents import render_certificates

    with Progress(TextColumn("Giấy khen"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console) as bar:
        task = bar.add_task("render", total=None)
        made = render_certificates(runtime(), user, decision,
                                   progress=lambda n, total: bar.update(task, completed=n, total=total))
    console.print(f"{len(made)} Giấy khen của Quyết định {decision}:")
    for view in made[:20]:
        console.print(f"  {view.path}")
    if len(made) > 20:
        console.print(f"  … và {len(made) - 20} tệp khác trong {made[0].path.parent}")


@documents_app.command("decision")
@domain_errors
def decision(
    case_ids: Annotated[list[int], typer.Argument(help="các hồ sơ chờ ký quyết định")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")] = "vp.thamdinh",
) -> None:
    """Lập Quyết định tặng Giấy khen (số được cấp khi ban hành) with its danh sách."""
    from tdkt.services.documents import issue_decision

    view = issue_decision(runtime(), user, case_ids)
    console.print(f"Quyết định số {view.reference} (văn bản {view.id}): {view.path}")


@documents_app.command("minutes")
@domain_errors
def minutes(
    session_id: Annotated[int, typer.Argument(help="phiên họp đã kết thúc")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Thư ký Hội đồng)")] = "hd.thuky",
) -> None:
    """Lập Biên bản họp xét of the Hội đồng TĐKT, with the vote tally per nominee."""
    from tdkt.services.documents import issue_council_minutes

    view = issue_council_minutes(runtime(), user, session_id)
    console.print(f"Biên bản số {view.reference} (văn bản {view.id}): {view.path}")


@documents_app.command("regenerate")
@domain_errors
def regenerate(
    document_id: Annotated[int, typer.Argument(help="số hiệu văn bản (id)")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")] = "vp.thamdinh",
) -> None:
    """Re-render a document from the current case data; its number and date stay."""
    from tdkt.services.documents import regenerate as regen

    view = regen(runtime(), user, document_id)
    console.print(f"Đã lập lại {view.reference or view.kind}: {view.path} (SHA-256 {view.sha256[:16]}…)")
