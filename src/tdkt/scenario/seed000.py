"""Kịch bản kế hoạch 000: the "phong trào thi đua phấn đấu đạt tốc độ tăng trưởng kinh tế hai
con số năm 2026" of the Ban Quản lý, through the real services on a clock the scenario moves.
The plan (carrying out Kế hoạch 320/KH-UBND of 15/12/2026) runs to the end of 12/2026; dossiers
go to the Văn phòng from 25/12 to the end of 28/12/2026 (mục IV.3), for the Giấy khen of the
Trưởng ban (mục IV.2.1) and the Bằng khen of the Chủ tịch UBND tỉnh (mục IV.2.2), and the plan
sets no number of awards. On the way: a duplicate nomination and a dossier sent before the
window opens refused, a dossier never sent closed by the deadline, one supplement loop and one
dossier returned by the Văn phòng, the Hội đồng TĐKT in session with one member absent at the
roll call and one dossier voted down, the Trưởng ban's Quyết định signed with its Giấy khen,
the Bằng khen through Sở Nội vụ and the Hội đồng TĐKT tỉnh to the Chủ tịch's decision, and the
báo cáo tổng kết. Every document is issued on the way (:mod:`tdkt.scenario.paperwork`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from tdkt.domain.quota import selection_quotas
from tdkt.runtime import Runtime
from tdkt.scenario import assessments, paperwork, province
from tdkt.scenario.province import BANG_KHEN
from tdkt.scenario.report import ScenarioReport
from tdkt.scenario.staging import staged
from tdkt.scenario.steps import Play
from tdkt.services.nominations.opening import create_nomination
from tdkt.services.route import steps as route
from tdkt.services.route.timers import fire_due_timers

__all__ = ["run_seed000", "SEED000_SOURCE", "GIAY_KHEN", "BANG_KHEN", "PROVINCE_DECISION", "ALREADY_BY_DEMO"]

SEED000_SOURCE = "seeds/000_01d868e0bbc4d5e3"
GIAY_KHEN = "giay_khen_truong_ban"
#: the province's own number (its register is not ours); the agency's numbers come from its counter
PROVINCE_DECISION = "68/QĐ-UBND"
#: what the Đội Quản lý cửa khẩu quốc tế Hữu Nghị supplies on 28/12/2026 at the Văn phòng's request
#: (số liệu thông quan hàng hóa năm 2026), entered in the Báo cáo thành tích it re-issues
SUPPLIED = ("Phối hợp bảo đảm thông quan hàng hóa năm 2026 tại cửa khẩu quốc tế Hữu Nghị (đến ngày 25/12/2026): "
            "71.420 lượt phương tiện chở hàng xuất nhập khẩu được thông quan, tăng 8,2% so với năm 2025")
#: why plan 000 may be found launched: the demo sample launches it (``tdkt init --demo``)
ALREADY_BY_DEMO = (" (bởi một lần chạy trước của kịch bản, hoặc bởi dữ liệu mẫu «tdkt init --demo», dữ liệu này "
                   "phát động sẵn kế hoạch 000; kịch bản chạy trên cơ sở dữ liệu tạo bằng «tdkt init»)")


def run_seed000(rt: Runtime, echo: Callable[[str], None], *, digital_signatures: bool = False) -> ScenarioReport:
    """Play plan 000 on a database initialised without it (``tdkt init``, then the sample
    organisation without its movement: the demo launches plan 000 itself, on the day of its
    ``init``; here the Văn phòng launches it on the scenario's 16/12/2026).
    ``digital_signatures``: see :func:`~tdkt.scenario.staging.staged`."""
    with staged(rt, SEED000_SOURCE, echo, digital_signatures=digital_signatures, already=ALREADY_BY_DEMO) as play:
        play.launch(date(2026, 12, 16), "Văn phòng phát động phong trào", "406/KH-BQLKKTCK")
        return play.act(_dossiers, _appraisal, _council, _decisions)


def _dossiers(play: Play) -> None:
    p, cast = play, play.report.cast
    p.echo("TỔNG KẾT PHONG TRÀO NĂM 2026 — hồ sơ gửi Văn phòng từ ngày 25/12 đến hết ngày 28/12/2026")
    p.day(date(2026, 12, 21), "Các phòng, đơn vị lập hồ sơ đề nghị khen thưởng")
    cast["supplemented"] = p.open_dossier("ckhn.canbo", p.nomination(1, GIAY_KHEN, person="ckhn.nv01"))
    p.echo(f"    ckhn.canbo đề nghị lại {p.name_of('ckhn.nv01')} (đã có hồ sơ số {cast['supplemented']}):")
    p.refused("duplicate_nomination", 1, "ckhn.canbo",
              lambda: create_nomination(p.rt, "ckhn.canbo", p.nomination(1, GIAY_KHEN, person="ckhn.nv01")))
    cast["signed"] = p.open_dossier("qldt.canbo", p.nomination(1, GIAY_KHEN, person="qldt.nv01"))
    cast["collective"] = p.open_dossier("qldt.canbo", p.nomination(1, GIAY_KHEN, collective="Phòng Quản lý Đầu tư"))
    p.achievements("qldt.canbo", cast["collective"], "Phòng Quản lý Đầu tư")
    ttqlck = p.open_dossier("ttqlck.canbo", p.nomination(1, GIAY_KHEN, person="ttqlck.nv01"))
    cast["province"] = p.open_dossier("ttqlck.canbo", p.nomination(1, BANG_KHEN, person="ttqlck.giamdoc"))
    p.achievements("ttqlck.canbo", cast["province"], "ttqlck.giamdoc")
    cast["rejected"] = p.open_dossier("tnmt.canbo", p.nomination(1, GIAY_KHEN, person="tnmt.nv01"))
    p.achievements("tnmt.canbo", cast["rejected"], "tnmt.nv01")  # no figure of the year: returned for it
    cast["voted_down"] = p.open_dossier("cktt.canbo", p.nomination(1, GIAY_KHEN, person="cktt.nv01"))
    ttht = [p.open_dossier("ttht.canbo", p.nomination(1, GIAY_KHEN, person="ttht.nv01")),
            p.open_dossier("ttht.canbo", p.nomination(
                1, GIAY_KHEN, collective="Trung tâm Phát triển hạ tầng và Dịch vụ khu kinh tế"))]
    vp = p.open_dossier("vp.vanthu", p.nomination(1, GIAY_KHEN, person="vp.nv01"))
    cast["late"] = p.open_dossier("qldn.canbo", p.nomination(1, GIAY_KHEN, person="qldn.nv01"))
    cast["ttqlck"], cast["vp"] = ttqlck, vp
    cast["ttht_person"], cast["ttht_collective"] = ttht

    p.day(date(2026, 12, 24), "Trung tâm Quản lý cửa khẩu nộp hồ sơ trước ngày nhận")
    p.refused("submission_window", 1, "ttqlck.canbo", lambda: route.submit_dossier(p.rt, "ttqlck.canbo", ttqlck))
    # the units' Biên bản, Báo cáo thành tích and Tờ trình are of the plan's window (mục IV.3),
    # the morning the Văn phòng begins receiving them
    p.day(date(2026, 12, 25), "Các phòng, đơn vị họp xét, lập Báo cáo thành tích và Tờ trình", at=time(7, 30))
    for clerk, ids in _units(play):
        paperwork.unit_dossier(p, clerk, ids)


def _units(play: Play) -> list[tuple[str, list[int]]]:
    """Each unit's clerk and the dossiers its meeting proposed (the late one never met)."""
    cast = play.report.cast
    return [("qldt.canbo", [cast["signed"], cast["collective"]]), ("ttqlck.canbo", [cast["ttqlck"], cast["province"]]),
            ("ckhn.canbo", [cast["supplemented"]]), ("tnmt.canbo", [cast["rejected"]]),
            ("cktt.canbo", [cast["voted_down"]]), ("ttht.canbo", [cast["ttht_person"], cast["ttht_collective"]]),
            ("vp.vanthu", [cast["vp"]])]


def _appraisal(play: Play) -> None:
    p, cast = play, play.report.cast
    p.day(date(2026, 12, 25), "Các đơn vị nộp hồ sơ về Văn phòng (ngày đầu nhận hồ sơ)", at=time(10, 0))
    for clerk, ids in _units(play):
        for case_id in ids:
            p.submit(clerk, case_id)
    p.day(date(2026, 12, 25), "Văn phòng thẩm định hồ sơ", at=time(14, 0))
    for case_id in (cast["signed"], cast["collective"], cast["ttqlck"], cast["province"], cast["voted_down"],
                    cast["ttht_person"], cast["ttht_collective"], cast["vp"]):
        p.accept(case_id)
    route.request_supplement(p.rt, p.people.appraiser, cast["supplemented"], due=date(2026, 12, 28),
                             reason="Bổ sung số liệu thông quan hàng hóa năm 2026 vào Báo cáo thành tích")
    p.echo(f"    Hồ sơ số {cast['supplemented']}: Văn phòng yêu cầu bổ sung, hạn hết ngày 28/12/2026")
    route.appraise(p.rt, p.people.appraiser, cast["rejected"], accept=False,
                   reason="Báo cáo thành tích không có số liệu kết quả thực hiện nhiệm vụ năm 2026 (mẫu số 08)")
    p.echo(f"    Hồ sơ số {cast['rejected']}: Văn phòng trả lại hồ sơ (Báo cáo thành tích không có "
           "số liệu kết quả năm 2026)")
    p.day(date(2026, 12, 28), "Đội Quản lý cửa khẩu quốc tế Hữu Nghị bổ sung hồ sơ (hạn cuối nhận hồ sơ)",
          at=time(8, 30))
    paperwork.supplement_report(p, "ckhn.canbo", cast["supplemented"], SUPPLIED,
                                note="Đã bổ sung số liệu thông quan hàng hóa năm 2026")
    p.day(date(2026, 12, 28), "Văn phòng thẩm định lại hồ sơ đã bổ sung", at=time(10, 0))
    p.accept(cast["supplemented"])
    p.day(date(2026, 12, 29), "Phòng Quản lý Doanh nghiệp và Lao động nộp hồ sơ sau hạn", at=time(8, 0))
    p.refused("submission_window", 1, "qldn.canbo", lambda: route.submit_dossier(p.rt, "qldn.canbo", cast["late"]))
    moved = fire_due_timers(p.rt)
    p.echo(f"    Hết hạn nhận hồ sơ: {moved['cases_moved']} hồ sơ chuyển sang «không nộp hồ sơ»")


def _council(play: Play) -> None:
    p, cast = play, play.report.cast
    p.day(date(2026, 12, 29), "Hội đồng TĐKT Ban họp xét (Chủ tịch Công đoàn cơ sở vắng)")
    quota = selection_quotas(p.plan, "agency")
    p.echo("    Kế hoạch không quy định số lượng khen thưởng: mọi hồ sơ được trên 50% thành viên dự họp "
           "đồng ý được đề nghị" if not quota else f"    Chỉ tiêu: {quota}")
    votes = {cast["signed"]: (5, 0, 0), cast["collective"]: (4, 1, 0), cast["ttqlck"]: (5, 0, 0),
             cast["province"]: (5, 0, 0), cast["supplemented"]: (4, 0, 1), cast["voted_down"]: (2, 2, 1),
             cast["ttht_person"]: (3, 1, 1), cast["ttht_collective"]: (5, 0, 0), cast["vp"]: (4, 1, 0)}
    session = p.session(1, votes, quota, absent=("congdoan.chutich",))
    paperwork.council_minutes(p, session.session_id)


def _decisions(play: Play) -> None:
    p, case_id = play, play.report.cast["province"]
    paperwork.sign_round(p, 1, date(2026, 12, 30))
    province.to_the_province(p, [case_id], date(2026, 12, 30))
    province.province_appraisal(p, date(2027, 1, 6), [case_id])
    province.province_council(p, date(2027, 1, 13), 1, {case_id: (4, 0, 0)})
    province.chairman_decides(p, date(2027, 1, 15), case_id, PROVINCE_DECISION)
    p.day(date(2027, 1, 18), "Văn phòng báo cáo tổng kết phong trào (Trưởng ban ký)")
    paperwork.summary_report(p, None, assessments.SEED000_TONG_KET)
