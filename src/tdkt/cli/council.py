"""``tdkt council``: the Hội đồng TĐKT session from the command line — open, attendance,
secret vote, turnout (who voted, never how, and no count before the close), close with the
plan's quotas, minutes, and the opened ballots that the minutes' digest is of; and a meeting
held on paper — the secretary records it with the signed minutes, the chair confirms (or
refuses) it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tdkt.cli.common import console, domain_errors, parse_day, runtime
from tdkt.errors import InvalidInput

__all__ = ["council_app"]

council_app = typer.Typer(help="Phiên họp Hội đồng TĐKT: mở, điểm danh, bỏ phiếu, kết thúc.", no_args_is_help=True)
User = Annotated[str, typer.Option(help="tên đăng nhập")]


@council_app.command("open")
@domain_errors
def open_(movement: str, round_number: int, user: User,
          level: Annotated[str, typer.Option(help="agency (cơ quan) | province (tỉnh)")] = "agency") -> None:
    """Thư ký mở phiên họp; chương trình là các hồ sơ đã thẩm định của đợt."""
    from tdkt.orchestration.use_cases import perform

    opened = perform(runtime(), "council-open", user, {"movement": movement, "round": round_number, "level": level})
    console.print(f"Phiên họp số {opened.session_id}: {len(opened.case_ids)} hồ sơ, "
                  f"{len(opened.members)} thành viên ({', '.join(opened.members)}).")


@council_app.command()
@domain_errors
def attend(session_id: int, members: list[str], user: User) -> None:
    """Thư ký điểm danh thành viên dự họp."""
    from tdkt.services.council.session import mark_attendance

    mark_attendance(runtime(), user, session_id, members)
    console.print(f"Đã ghi nhận {len(members)} thành viên dự họp.")


@council_app.command()
@domain_errors
def vote(session_id: int, user: User,
         choice: Annotated[list[str], typer.Option(help="CASE=agree|disagree|abstain, một lần cho mỗi hồ sơ")]) -> None:
    """Thành viên bỏ phiếu kín (một lần mỗi phiên)."""
    from tdkt.services.council.session import cast_vote

    choices: dict[int, str] = {}
    for item in choice:
        case, _, value = item.partition("=")
        if not case.isdigit() or value not in ("agree", "disagree", "abstain"):
            raise InvalidInput(f"Phiếu '{item}' không hợp lệ (cần SỐ_HỒ_SƠ=agree|disagree|abstain).",
                               f"bad ballot entry {item!r}")
        choices[int(case)] = value
    cast_vote(runtime(), user, session_id, choices)
    console.print("Đã ghi nhận phiếu (bỏ phiếu kín).")


@council_app.command()
@domain_errors
def tally(session_id: int, user: User) -> None:
    """Cho Thư ký: điểm danh và ai đã bỏ phiếu — không bao giờ bỏ thế nào. Số phiếu từng hồ sơ chỉ có
    sau khi kiểm phiếu lúc kết thúc; khi đó lệnh in biên bản kèm kết quả."""
    from tdkt.services.council.session import turnout
    from tdkt.views.council_page import minutes_file

    t = turnout(runtime(), user, session_id)
    console.print(f"Dự họp {t.attendance.present}/{t.attendance.members}; "
                  f"{'đủ' if t.quorum_reached else 'chưa đủ'} số lượng; đã bỏ phiếu {len(t.voted)}/"
                  f"{t.attendance.members}: {', '.join(t.voted) or '—'}; "
                  f"chưa bỏ phiếu: {', '.join(t.not_voted) or '—'}")
    if t.status == "closed":
        console.print(minutes_file(runtime(), user, session_id).text)
    else:
        console.print("Phiếu kín niêm phong: chưa có kết quả từng hồ sơ trước khi kết thúc phiên họp"
                      + (" (đã kiểm phiếu, chờ quyết định hồ sơ bằng phiếu)." if t.counted else "."))


@council_app.command()
@domain_errors
def ballots(session_id: int, user: User,
            output: Annotated[Path | None, typer.Option(help="ghi ra tệp thay vì màn hình")] = None) -> None:
    """Các phiếu đã mở của phiên đã kết thúc (không tên, đã sắp xếp), để thành viên tự kiểm tra
    mã băm in trong biên bản: ``sha256sum`` của văn bản phải bằng mã đó."""
    from tdkt.views.council_page import opened_ballots_file

    found = opened_ballots_file(runtime(), user, session_id)
    if output is None:
        typer.echo(found.text, nl=False)  # exactly the hashed text: `… | sha256sum` gives the digest
    else:
        output.write_text(found.text, encoding="ascii")
        console.print(f"Đã ghi {output}; SHA-256: {found.digest}")


@council_app.command()
@domain_errors
def close(session_id: int, user: User,
          decide: Annotated[list[str], typer.Option(help="CASE=yes|no:lý do — quyết định cho hồ sơ bằng phiếu")] = [],  # noqa: B006
          ) -> None:
    """Kết thúc phiên họp theo chỉ tiêu của kế hoạch; hồ sơ bằng phiếu tại ngưỡng chỉ tiêu cần --decide."""
    from tdkt.orchestration.use_cases import perform

    resolutions = _resolutions(decide)
    result = perform(runtime(), "council-close", user, {
        "session_id": session_id, "ties": {str(c): [yes, why] for c, (yes, why) in resolutions.items()}})
    console.print(result.minutes)
    if result.applied.failed:
        console.print(f"Chưa chuyển bước được: {result.applied.failed}", style="red")


def _resolutions(decide: list[str]) -> dict[int, tuple[bool, str]]:
    resolutions: dict[int, tuple[bool, str]] = {}
    for item in decide:
        case, _, rest = item.partition("=")
        verdict, _, reason = rest.partition(":")
        if not case.isdigit() or verdict not in ("yes", "no") or not reason.strip():
            raise InvalidInput(f"'{item}' không hợp lệ (cần SỐ_HỒ_SƠ=yes|no:lý do).", f"bad tie resolution {item!r}")
        resolutions[int(case)] = (verdict == "yes", reason.strip())
    return resolutions


def _paper_votes(items: list[str]) -> dict[int, tuple[int, int]]:
    """``--votes 12=5:1``: dossier 12 had 5 members agreeing, 1 disagreeing (``12=5``: none)."""
    votes: dict[int, tuple[int, int]] = {}
    for item in items:
        case, _, counts = item.partition("=")
        agree, _, disagree = counts.partition(":")
        if not (case.isdigit() and agree.isdigit() and (disagree == "" or disagree.isdigit())):
            raise InvalidInput(f"'{item}' không hợp lệ (cần SỐ_HỒ_SƠ=ĐỒNG_Ý[:KHÔNG_ĐỒNG_Ý], ví dụ 12=5:1).",
                               f"bad paper votes {item!r}")
        votes[int(case)] = (int(agree), int(disagree or 0))
    return votes


@council_app.command("paper")
@domain_errors
def paper(movement: str, round_number: int, user: User,
          held_on: Annotated[str, typer.Option(help="ngày họp YYYY-MM-DD")],
          minutes: Annotated[Path, typer.Option(help="biên bản họp đã ký (PDF)")],
          present: Annotated[list[str], typer.Option(help="thành viên dự họp (tên đăng nhập), mỗi người một lần")],
          votes: Annotated[list[str], typer.Option(help="SỐ_HỒ_SƠ=ĐỒNG_Ý[:KHÔNG_ĐỒNG_Ý] theo biên bản")],
          level: Annotated[str, typer.Option(help="agency (cơ quan) | province (tỉnh)")] = "agency",
          decide: Annotated[list[str], typer.Option(help="CASE=yes|no:lý do — hồ sơ bằng phiếu tại ngưỡng")] = [],  # noqa: B006
          ) -> None:
    """Thư ký ghi nhận cuộc họp trên giấy kèm biên bản đã ký; kết quả áp dụng khi Chủ tịch
    Hội đồng xác nhận (tdkt council paper-confirm)."""
    from tdkt.services.council.paper import PaperMeeting, record_paper_meeting

    day = parse_day(held_on)
    assert day is not None  # --held-on is required
    if not minutes.is_file():
        raise InvalidInput(f"Không có tệp biên bản '{minutes}'.", f"minutes file {minutes} missing")
    meeting = PaperMeeting(day, list(present), _paper_votes(votes), minutes.name, minutes.read_bytes(),
                           _resolutions(decide) or None)
    record_id = record_paper_meeting(runtime(), user, movement, round_number, meeting, level=level)
    console.print(f"Đã ghi nhận kết quả họp trên giấy số {record_id} ({len(meeting.votes)} hồ sơ); "
                  "chờ Chủ tịch Hội đồng xác nhận.")


@council_app.command("paper-confirm")
@domain_errors
def paper_confirm(record_id: int, user: User) -> None:
    """Chủ tịch Hội đồng xác nhận kết quả họp trên giấy: các hồ sơ chuyển bước tiếp theo."""
    from tdkt.services.council.paper import confirm_paper_meeting

    applied = confirm_paper_meeting(runtime(), user, record_id)
    console.print(f"Đã xác nhận kết quả họp trên giấy số {record_id}: {len(applied.applied)} hồ sơ chuyển bước.")
    if applied.failed:
        console.print(f"Chưa chuyển bước được: {applied.failed}", style="red")


@council_app.command("paper-refuse")
@domain_errors
def paper_refuse(record_id: int, user: User, reason: Annotated[str, typer.Option(help="lý do")]) -> None:
    """Chủ tịch Hội đồng không xác nhận; các hồ sơ vẫn chờ Hội đồng xét."""
    from tdkt.services.council.paper import refuse_paper_meeting

    refuse_paper_meeting(runtime(), user, record_id, reason)
    console.print(f"Không xác nhận kết quả họp trên giấy số {record_id}.")
