"""``tdkt documents``: render the Giấy khen of a decision in one go (with a progress bar),
issue a Quyết định (and sign it) or a Biên bản họp xét, a unit's Biên bản, Tờ trình and Báo cáo
thành tích, the Tờ trình to the province (and its signature), the báo cáo sơ kết/tổng kết;
re-render on purpose; the register of documents signed and numbered outside the system."""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tdkt.cli.common import console, domain_errors, parse_day, read_yaml_mapping, runtime
from tdkt.errors import InvalidInput

__all__ = ["documents_app"]

documents_app = typer.Typer(help="Văn bản (.docx): Quyết định, Giấy khen, Biên bản họp xét, Tờ trình, "
                            "Báo cáo thành tích, báo cáo sơ kết/tổng kết.", no_args_is_help=True)


@documents_app.command("render")
@domain_errors
def render(
    decision: Annotated[str, typer.Option(help="Quyết định: số hiệu văn bản (id) hoặc số/ký hiệu, vd 01/QĐ-BQLKKTCK")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")],
) -> None:
    """In mọi Giấy khen theo Quyết định số N."""
    from tdkt.services.documents.issuing import render_certificates

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


@documents_app.command("print-blanks")
@domain_errors
def print_blanks(
    decision: Annotated[int, typer.Argument(help="số hiệu văn bản (id) của Quyết định đã in Giấy khen")],
    out: Annotated[Path, typer.Option(help="lưu tệp PDF vào đây")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")],
) -> None:
    """In Giấy khen trên phôi: một tệp PDF chỉ có phần chữ thay đổi, đặt theo vị trí (mm) trong cấu hình."""
    from tdkt.services.documents.certificate_blanks import print_on_blanks

    name, pdf = print_on_blanks(runtime(), user, decision)
    out.write_bytes(pdf)
    console.print(f"Đã lưu {name} ({pdf.count(b'/Type /Page') - pdf.count(b'/Type /Pages')} trang): {out}")


@documents_app.command("decision")
@domain_errors
def decision(
    case_ids: Annotated[list[int], typer.Argument(help="các hồ sơ chờ ký quyết định")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")],
    meeting_on: Annotated[str | None, typer.Option("--ngay-hop", help="ngày hội nghị Đảng ủy xét khen thưởng, "
                                                                      "YYYY-MM-DD (mặc định: hội nghị gần nhất đã "
                                                                      "ghi nhận)")] = None,
) -> None:
    """Lập Quyết định tặng Giấy khen (số được cấp khi ban hành) kèm danh sách; Quyết định của Đảng ủy
    căn cứ cuộc họp xét của Đảng ủy (--ngay-hop)."""
    from tdkt.orchestration.use_cases import perform

    params: dict[str, object] = {"case_ids": case_ids}
    if (met := parse_day(meeting_on)) is not None:
        params["meeting_on"] = met.isoformat()
    view = perform(runtime(), "decision-draft", user, params)
    console.print(f"Quyết định số {view.reference} (văn bản {view.id}): {view.path}")


@documents_app.command("sign")
@domain_errors
def sign(
    document_id: Annotated[int, typer.Argument(help="số hiệu văn bản (id) của Quyết định")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Trưởng ban)")],
) -> None:
    """Trưởng ban ký Quyết định: mỗi hồ sơ trong Quyết định nhận số quyết định."""
    from tdkt.orchestration.use_cases import perform

    cases = perform(runtime(), "decision-sign", user, {"doc_id": document_id})
    console.print(f"Đã ký Quyết định (văn bản {document_id}): hồ sơ số {', '.join(map(str, cases))}")


@documents_app.command("minutes")
@domain_errors
def minutes(
    session_id: Annotated[int, typer.Argument(help="phiên họp đã kết thúc")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Thư ký Hội đồng)")],
) -> None:
    """Lập Biên bản họp xét của Hội đồng TĐKT, kèm kết quả bỏ phiếu từng trường hợp."""
    from tdkt.orchestration.use_cases import perform

    view = perform(runtime(), "council-minutes", user, {"session_id": session_id})
    console.print(f"Biên bản số {view.reference} (văn bản {view.id}): {view.path}")


@documents_app.command("regenerate")
@domain_errors
def regenerate(
    document_id: Annotated[int, typer.Argument(help="số hiệu văn bản (id)")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")],
) -> None:
    """Tạo lại tệp văn bản từ dữ liệu hiện tại của hồ sơ; số và ngày văn bản giữ nguyên."""
    from tdkt.services.documents.issuing import regenerate as regen

    view = regen(runtime(), user, document_id)
    console.print(f"Đã lập lại {view.reference or view.kind}: {view.path} (SHA-256 {view.sha256[:16]}…)")


def _show(what: str, view) -> None:
    label = f"{what} số {view.reference}" if view.reference else what
    console.print(f"{label} (văn bản {view.id}): {view.path}")


def _votes(pairs: list[str]) -> dict[int, int]:
    """``--agree 12=7``: case 12 received 7 votes in favour."""
    votes = {}
    for pair in pairs:
        case, _, n = pair.partition("=")
        if not (case.strip().isdigit() and n.strip().isdigit()):
            raise InvalidInput(f"'{pair}' không đúng dạng HỒ_SƠ=SỐ_PHIẾU (vd 12=7).", f"bad --agree {pair!r}")
        votes[int(case)] = int(n)
    return votes


@documents_app.command("unit-minutes")
@domain_errors
def unit_minutes(
    case_ids: Annotated[list[int], typer.Argument(help="hồ sơ đơn vị đề nghị trong cuộc họp")],
    present: Annotated[int, typer.Option(help="số người dự họp")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (cán bộ đơn vị, thư ký cuộc họp)")],
    agree: Annotated[list[str] | None, typer.Option(help="HỒ_SƠ=SỐ_PHIẾU đồng ý (mặc định: mọi người dự họp)")] = None,
    starts: Annotated[str, typer.Option("--from", help="giờ bắt đầu cuộc họp HH:MM")] = "",
    ends: Annotated[str, typer.Option("--to", help="giờ kết thúc cuộc họp HH:MM")] = "",
    held_on: Annotated[str | None, typer.Option(help="ngày họp YYYY-MM-DD (mặc định: hôm nay)")] = None,
    absent: Annotated[list[str] | None, typer.Option(help="người vắng, mỗi người một lần: «Bà Lý Thị Hoa (có lý do: "
                                                          "nghỉ phép)»")] = None,
) -> None:
    """Biên bản họp xét của đơn vị, kèm giờ họp, người vắng và số phiếu từng trường hợp nhận được."""
    from tdkt.services.documents.dossier import UnitMeeting, issue_unit_minutes

    rt = runtime()
    day = parse_day(held_on) or rt.now().astimezone(rt.settings.tz).date()
    meeting = UnitMeeting(day, present, _votes(agree or []), _clock(starts, "--from"), _clock(ends, "--to"),
                          tuple(absent or ()))
    _show("Biên bản họp xét", issue_unit_minutes(rt, user, case_ids, meeting))


def _clock(text: str, option: str) -> time | None:
    """A time of day typed HH:MM; empty: none (the Biên bản then says which is missing)."""
    if not text.strip():
        return None
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(f"Giờ {option} '{text}' không hợp lệ: cần dạng HH:MM, ví dụ 14:00.",
                           f"bad time {text!r}") from None


def _party_votes(pairs: list[str]) -> dict[int, tuple[int, int]]:
    """``--vote 12=7/1``: case 12, 7 đồng ý and 1 không đồng ý."""
    votes = {}
    for pair in pairs:
        case, _, counts = pair.partition("=")
        agree, _, disagree = counts.partition("/")
        if not all(x.strip().isdigit() for x in (case, agree, disagree)):
            raise InvalidInput(f"'{pair}' không đúng dạng HỒ_SƠ=ĐỒNG_Ý/KHÔNG_ĐỒNG_Ý (vd 12=7/1).",
                               f"bad --vote {pair!r}")
        votes[int(case)] = (int(agree), int(disagree))
    return votes


def _absences(items: list[str]) -> dict[str, str]:
    """``--vang "dv.user=đi công tác"``: who of the committee was away, and why."""
    absent = {}
    for item in items:
        username, _, why = item.partition("=")
        if not username.strip():
            raise InvalidInput(f"'{item}' không đúng dạng TÊN_ĐĂNG_NHẬP=LÝ_DO.", f"bad --vang {item!r}")
        absent[username.strip()] = why.strip()
    return absent


@documents_app.command("party-meeting")
@domain_errors
def party_meeting(
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")],
    held_on: Annotated[str, typer.Option("--ngay-hop", help="ngày hội nghị Đảng ủy, YYYY-MM-DD")],
    starts: Annotated[str, typer.Option("--from", help="giờ bắt đầu HH:MM")],
    ends: Annotated[str, typer.Option("--to", help="giờ kết thúc HH:MM")],
    place: Annotated[str, typer.Option("--dia-diem", help="địa điểm họp")],
    clerk: Annotated[str, typer.Option("--thu-ky", help="tên đăng nhập người ghi biên bản")],
    vote: Annotated[list[str], typer.Option(help="HỒ_SƠ=ĐỒNG_Ý/KHÔNG_ĐỒNG_Ý, mỗi hồ sơ một lần (vd 12=7/1)")],
    absent: Annotated[list[str] | None, typer.Option("--vang", help="đảng ủy viên vắng: TÊN_ĐĂNG_NHẬP=LÝ_DO")] = None,
) -> None:
    """Ghi nhận hội nghị Đảng ủy xét khen thưởng của Đảng: thành phần lấy theo «Chức vụ trong Đảng»
    (Bí thư chủ trì, Phó Bí thư khi Bí thư vắng), biểu quyết từng hồ sơ (thông qua khi quá nửa tổng
    số đảng ủy viên đồng ý)."""
    from tdkt.services.documents.party_meeting import PartyMeetingInput, record_party_meeting

    day = parse_day(held_on)
    opened, closed = _clock(starts, "--from"), _clock(ends, "--to")
    if day is None or opened is None or closed is None:
        raise InvalidInput("Cần ngày họp (--ngay-hop), giờ bắt đầu (--from) và giờ kết thúc (--to).", "missing time")
    meeting = record_party_meeting(runtime(), user, PartyMeetingInput(day, opened, closed, place, clerk,
                                                                      _party_votes(vote), _absences(absent or [])))
    console.print(f"Đã ghi nhận hội nghị Đảng ủy (số {meeting}); lập Biên bản: tdkt documents party-minutes {meeting}")


@documents_app.command("party-minutes")
@domain_errors
def party_minutes(
    meeting_id: Annotated[int, typer.Argument(help="hội nghị Đảng ủy đã ghi nhận")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")],
) -> None:
    """Lập Biên bản hội nghị Đảng ủy xét khen thưởng (thể thức văn bản của Đảng, số …-BB/ĐUKTCK)."""
    from tdkt.services.documents.party_meeting import issue_party_minutes

    _show("Biên bản hội nghị Đảng ủy", issue_party_minutes(runtime(), user, meeting_id))


@documents_app.command("unit-submission")
@domain_errors
def unit_submission(
    case_ids: Annotated[list[int], typer.Argument(help="hồ sơ của đơn vị")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (cán bộ đơn vị)")],
) -> None:
    """Tờ trình (mẫu số 01) của đơn vị gửi Hội đồng TĐKT, kèm danh sách đề nghị."""
    from tdkt.services.documents.dossier import issue_unit_submission

    _show("Tờ trình", issue_unit_submission(runtime(), user, case_ids))


@documents_app.command("achievement")
@domain_errors
def achievement(
    case_id: Annotated[int, typer.Argument(help="hồ sơ")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (cán bộ đơn vị)")],
) -> None:
    """Báo cáo thành tích (mẫu số 08) của cá nhân hoặc tập thể được đề nghị."""
    from tdkt.services.documents.dossier import issue_achievement_report

    _show("Báo cáo thành tích", issue_achievement_report(runtime(), user, case_id))


@documents_app.command("achievement-data")
@domain_errors
def achievement_data(
    case_id: Annotated[int, typer.Argument(help="hồ sơ")],
    file: Annotated[Path, typer.Argument(help="tệp YAML: duties, results, measures, initiatives (mỗi sáng kiến: "
                                              "name, recognised_by, decision, decided_on, effect), "
                                              "movements, situation, awards, born, hometown, residence, "
                                              "qualification, political_theory, honours")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (cán bộ đơn vị)")],
) -> None:
    """Ghi các mục của Báo cáo thành tích (mẫu số 08) do đơn vị kê khai; báo cáo được lập từ các mục này."""
    from tdkt.services.nominations.achievement_report import record_achievement_report

    report = record_achievement_report(runtime(), user, case_id, read_yaml_mapping(file))
    console.print(f"Đã ghi Báo cáo thành tích của hồ sơ số {case_id} ({len(report.results)} kết quả; thời gian "
                  "lấy theo thời gian thi đua của kế hoạch).")


@documents_app.command("submission")
@domain_errors
def submission(
    case_ids: Annotated[list[int], typer.Argument(help="hồ sơ chờ ký Tờ trình trình cấp trên")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")],
) -> None:
    """Tờ trình (mẫu số 01) của cơ quan đề nghị cấp tỉnh khen thưởng các hình thức ngoài thẩm quyền."""
    from tdkt.orchestration.use_cases import perform

    _show("Tờ trình", perform(runtime(), "submission-draft", user, {"case_ids": case_ids}))


@documents_app.command("sign-submission")
@domain_errors
def sign_submission(
    document_id: Annotated[int, typer.Argument(help="số hiệu văn bản (id) của Tờ trình")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Trưởng ban)")],
) -> None:
    """Trưởng ban ký Tờ trình: mỗi hồ sơ trong Tờ trình chuyển Sở Nội vụ kèm số Tờ trình."""
    from tdkt.orchestration.use_cases import perform

    cases = perform(runtime(), "submission-sign", user, {"doc_id": document_id})
    console.print(f"Đã ký Tờ trình (văn bản {document_id}): hồ sơ số {', '.join(map(str, cases))} chuyển Sở Nội vụ")


@documents_app.command("party-submission")
@domain_errors
def party_submission(
    case_ids: Annotated[list[int], typer.Argument(help="hồ sơ chờ Bí thư Đảng ủy ký Tờ trình")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")],
    meeting_on: Annotated[str | None, typer.Option("--ngay-hop", help="ngày Đảng ủy họp xét, YYYY-MM-DD "
                                                                      "(nêu trong Tờ trình khi nhập)")] = None,
) -> None:
    """Tờ trình của Đảng ủy đề nghị Ban Thường vụ Đảng ủy UBND tỉnh tặng Giấy khen (thể thức văn bản của Đảng),
    căn cứ kết quả họp xét của Đảng ủy."""
    from tdkt.orchestration.use_cases import perform

    params: dict[str, object] = {"case_ids": case_ids}
    if (met := parse_day(meeting_on)) is not None:
        params["meeting_on"] = met.isoformat()
    _show("Tờ trình", perform(runtime(), "party-submission-draft", user, params))


@documents_app.command("sign-party-submission")
@domain_errors
def sign_party_submission(
    document_id: Annotated[int, typer.Argument(help="số hiệu văn bản (id) của Tờ trình của Đảng ủy")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Bí thư Đảng ủy)")],
) -> None:
    """Bí thư Đảng ủy ký Tờ trình (T/M ĐẢNG ỦY): hồ sơ chuyển Văn phòng Đảng ủy UBND tỉnh kèm số Tờ trình."""
    from tdkt.orchestration.use_cases import perform

    cases = perform(runtime(), "party-submission-sign", user, {"doc_id": document_id})
    console.print(f"Đã ký Tờ trình của Đảng ủy (văn bản {document_id}): hồ sơ số {', '.join(map(str, cases))} "
                  "chuyển Văn phòng Đảng ủy UBND tỉnh")


@documents_app.command("register-opening")
@domain_errors
def register_opening(
    last_number: Annotated[int, typer.Argument(help="số văn bản đi cuối cùng đã cấp ngoài hệ thống")],
    as_of: Annotated[str, typer.Option("--den-ngay", help="đến ngày YYYY-MM-DD")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")],
) -> None:
    """Ghi trạng thái sổ đăng ký văn bản đi khi cơ quan bắt đầu dùng hệ thống giữa năm: số văn bản
    đi đã cấp đến ngày; số hệ thống cấp sau đó tiếp theo số này (NĐ 30/2020/NĐ-CP, Điều 15)."""
    from tdkt.services.documents.register import record_register_opening

    day = parse_day(as_of)
    assert day is not None  # --den-ngay is required
    code = record_register_opening(runtime(), user, day, last_number)
    console.print(f"Đã ghi sổ văn bản đi của {code}: số văn bản đi đã cấp đến ngày {day:%d/%m/%Y}: {last_number}.")


@documents_app.command("register")
@domain_errors
def register(
    reference: Annotated[str, typer.Argument(help="số/ký hiệu như trên văn bản, vd 15/QĐ-BQLKKTCK, 12/TTr-BQL; "
                                                  "của Đảng ủy: 05-QĐ/ĐUKTCK")],
    case_ids: Annotated[list[int], typer.Argument(help="các hồ sơ văn bản quyết định")],
    signed_on: Annotated[str, typer.Option(help="ngày ký YYYY-MM-DD")],
    scan: Annotated[Path, typer.Option(help="bản scan văn bản đã ký (PDF)")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Văn phòng)")],
    excerpt: Annotated[str, typer.Option(help="trích yếu")] = "",
) -> None:
    """Vào sổ Quyết định hoặc Tờ trình đã ký và lấy số ngoài hệ thống; áp dụng khi Trưởng ban
    xác nhận (tdkt documents register-approve)."""
    from tdkt.services.documents.register import Registration, kind_of, register_document

    day = parse_day(signed_on)
    assert day is not None  # --signed-on is required
    if not scan.is_file():
        raise InvalidInput(f"Không có tệp '{scan}'.", f"scan file {scan} missing")
    reg_id = register_document(runtime(), user, Registration(kind_of(reference), reference, day, case_ids,
                                                             scan.name, scan.read_bytes(), excerpt))
    console.print(f"Đã vào sổ {reference} (số đăng ký {reg_id}) cho hồ sơ số {', '.join(map(str, case_ids))}; "
                  "chờ Trưởng ban xác nhận.")


@documents_app.command("register-approve")
@domain_errors
def register_approve(
    registered_id: Annotated[int, typer.Argument(help="số đăng ký")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Trưởng ban)")],
) -> None:
    """Trưởng ban xác nhận văn bản đã vào sổ: các hồ sơ của văn bản nhận số văn bản."""
    from tdkt.services.documents.register import approve_registration

    cases = approve_registration(runtime(), user, registered_id)
    console.print(f"Đã xác nhận văn bản đăng ký số {registered_id}: hồ sơ số {', '.join(map(str, cases))}")


@documents_app.command("register-refuse")
@domain_errors
def register_refuse(
    registered_id: Annotated[int, typer.Argument(help="số đăng ký")],
    reason: Annotated[str, typer.Option(help="lý do")],
    user: Annotated[str, typer.Option(help="tên đăng nhập (Trưởng ban)")],
) -> None:
    """Trưởng ban không xác nhận văn bản đã vào sổ (số văn bản được trả lại)."""
    from tdkt.services.documents.register import refuse_registration

    refuse_registration(runtime(), user, registered_id, reason)
    console.print(f"Không xác nhận văn bản đăng ký số {registered_id}.")
