"""Kịch bản kế hoạch 001: both rounds of the "phong trào thi đua đặc biệt … chào mừng Đại hội
Đảng bộ tỉnh Lạng Sơn lần thứ XVIII" on a Ban Quản lý of ten units, through the real services
on a clock the scenario moves — Đợt 1 in August 2025 (hồ sơ until 29/8), council in early
September; Đợt 2 in October (hồ sơ until 29/10), council in November. On the way: a supplement
loop, a rejection, a late dossier refused, a unit over its 20 %, ties at the quota line — two
collectives neither of which has 70 % women, decided by the chair with a reason; a woman and a
man, decided by the women's priority of khoản 6 Điều 4 NĐ 152/2025/NĐ-CP without the chair —,
Giấy khen signed by the Trưởng ban, and one Bằng khen of the Chủ tịch UBND tỉnh routed to the
province and decided there. The Party's awards (mục IV.2.1, IV.2.2) go their own way: two Giấy
khen của Đảng ủy decided by the Đảng ủy's Quyết định, signed T/M ĐẢNG ỦY by its Bí thư, and one
Giấy khen của Ban Thường vụ Đảng ủy UBND tỉnh proposed by the Đảng ủy's Tờ trình (signed by its
Bí thư), appraised by the Văn phòng Đảng ủy UBND tỉnh and decided by its Ban Thường vụ — never
through Sở Nội vụ or the Chủ tịch UBND tỉnh. Every document is issued on the way
(:mod:`tdkt.scenario.paperwork`): the units' Biên bản họp xét, Báo cáo thành tích and Tờ trình,
the council's Biên bản, the Tờ trình to the province, the Quyết định and Giấy khen, the báo cáo
sơ kết and tổng kết; the Đảng ủy's Quyết định, its Giấy khen and its Tờ trình."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from tdkt.domain.quota import selection_quotas
from tdkt.domain.vietnamese import short_date
from tdkt.persistence.models import Case
from tdkt.runtime import Runtime
from tdkt.scenario import assessments, paperwork, province
from tdkt.scenario.report import ScenarioReport
from tdkt.scenario.staging import staged
from tdkt.scenario.steps import People, Play
from tdkt.services.nominations.checklist import appraisal_findings
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.route import steps as route
from tdkt.services.route.province_steps import party_province_appraise, party_province_decide
from tdkt.services.route.timers import fire_due_timers

__all__ = ["run_seed001", "SEED001_SOURCE", "GIAY_KHEN", "BANG_KHEN", "PARTY_GIAY_KHEN", "PARTY_PROVINCE_GIAY_KHEN",
           "PARTY_PROVINCE_DECISION"]

SEED001_SOURCE = "seeds/001_e838da0c3a99fa91"
GIAY_KHEN = "giay_khen_truong_ban"
BANG_KHEN = "bang_khen_chu_tich_ubnd_tinh"
#: the Party's awards (mục IV.2.1 "Giấy khen của Đảng ủy", IV.2.2 "Giấy khen của Ban Thường vụ Đảng
#: ủy Ủy ban nhân dân tỉnh")
PARTY_GIAY_KHEN = "giay_khen_dang_uy"
PARTY_PROVINCE_GIAY_KHEN = "giay_khen_btv_dang_uy_ubnd_tinh"
#: the province's own number (its register is not ours); the agency's numbers come from its counter
PROVINCE_DECISION = "2150/QĐ-UBND"
#: the Ban Thường vụ Đảng ủy UBND tỉnh's, in the Party's form (Hướng dẫn 36-HD/VPTW)
PARTY_PROVINCE_DECISION = "125-QĐ/ĐU"
#: the Đảng ủy's meeting that agreed on round 1's Party awards (after the council's Biên bản of
#: 05/9/2025, before its Quyết định of 11/9): what its Quyết định and Tờ trình rest on
PARTY_MEETING = date(2025, 9, 10)
#: what the Đội Quản lý cửa khẩu quốc tế Hữu Nghị supplies on 22/8/2025 at the Văn phòng's request
#: (số liệu thông quan hàng hóa 7 tháng năm 2025), entered in the Báo cáo thành tích it re-issues
SUPPLIED = ("Phối hợp bảo đảm thông quan hàng hóa tại cửa khẩu quốc tế Hữu Nghị: 41.860 lượt phương tiện chở hàng "
            "xuất nhập khẩu được thông quan, tăng 9,6% so với cùng kỳ năm 2024 (số liệu chung của cửa khẩu 7 tháng "
            "năm 2025)")
#: what each unit declares in its nomination for the women's priority at the council's quota line
#: (khoản 6 Điều 4 NĐ 152/2025/NĐ-CP): the gender of each person nominated …
GENDERS = {"ttqlck.nv01": "female", "ttqlck.nv02": "male", "ttqlck.giamdoc": "male", "vp.nv01": "male",
           "qldt.nv01": "male", "qldt.nv02": "female", "ckhn.nv01": "female", "tnmt.nv01": "male",
           "cktt.nv01": "female", "qldn.nv01": "male", "ttht.nv01": "female", "ttht.nv02": "male",
           "ckcn.nv01": "female", "vp.nv02": "female", "ckhn.nv02": "male", "ttqlck.nv03": "female",
           "cktt.nv03": "female"}
#: … and of each collective its members and women (tổng số người, số nữ), as its staff are
COLLECTIVES = {"Phòng Quản lý Đầu tư": (9, 4), "Đội Quản lý cửa khẩu quốc tế Hữu Nghị": (29, 14),
               "Đội Quản lý cửa khẩu Tân Thanh": (24, 12)}


def run_seed001(rt: Runtime, echo: Callable[[str], None], *, digital_signatures: bool = False) -> ScenarioReport:
    """Play plan 001 on an initialised database (``tdkt init``) where it has not been launched.
    The runtime's clock is a :class:`ScenarioClock` (one is put in for the run otherwise).
    ``digital_signatures``: see :func:`~tdkt.scenario.staging.staged`."""
    with staged(rt, SEED001_SOURCE, echo, digital_signatures=digital_signatures,
                people=People(genders=GENDERS, collectives=COLLECTIVES)) as play:
        play.launch(date(2025, 6, 10), "Văn phòng phát động phong trào", "52/KH-BQLKKTCK")
        _round_one(play)
        _province(play)
        _round_two(play)
        play.finish()
        return play.report


def _nomination(p: Play, round_number: int, form: str, *, person: str | None = None, collective: str | None = None,
                achievements: str = "") -> NewNomination:
    """A nomination of the story, with what its unit declares for the women's priority."""
    return p.nomination(round_number, form, person=person, collective=collective, achievements=achievements)


def _round_one(play: Play) -> None:
    p, cast = play, play.report.cast
    p.echo("ĐỢT 1 — chào mừng Đại hội Đảng bộ Ủy ban nhân dân tỉnh (hồ sơ trước 30/8/2025)")
    p.day(date(2025, 8, 11), "Các phòng, đơn vị lập hồ sơ đề nghị")
    ttqlck = [p.open_dossier("ttqlck.canbo", _nomination(p, 1, GIAY_KHEN, person=u))
              for u in ("ttqlck.nv01", "ttqlck.nv02")]
    cast["province"] = p.open_dossier("ttqlck.canbo", _nomination(p, 
        1, BANG_KHEN, person="ttqlck.giamdoc", achievements="Hoàn thành cải tạo hạ tầng cửa khẩu Nà Nưa tháng 7/2025"))
    cast["party_province"] = p.open_dossier("ttqlck.canbo", _nomination(
        p, 1, PARTY_PROVINCE_GIAY_KHEN, person="ttqlck.nv03",
        achievements="Điều hành bãi hàng tại cửa khẩu Tân Thanh theo ca trực, hoàn thành xuất sắc nhiệm vụ"))
    vp = p.open_dossier("vp.vanthu", _nomination(p, 1, GIAY_KHEN, person="vp.nv01"))
    cast["party_chosen"] = p.open_dossier("vp.vanthu", _nomination(p, 1, PARTY_GIAY_KHEN, person="vp.nv02"))
    qldt = p.open_dossier("qldt.canbo", _nomination(p, 1, GIAY_KHEN, person="qldt.nv01"))
    cast["collective_chosen"] = p.open_dossier(
        "qldt.canbo", _nomination(p, 1, GIAY_KHEN, collective="Phòng Quản lý Đầu tư"))
    p.echo(f"    qldt.canbo đề nghị thêm cá nhân thứ hai ({p.name_of('qldt.nv02')}), Phòng có 9 người:")
    p.refused("unit_staff_share", 1, "qldt.canbo",
              lambda: create_nomination(p.rt, "qldt.canbo", _nomination(p, 1, GIAY_KHEN, person="qldt.nv02")))
    p.day(date(2025, 8, 12), "Các đội quản lý cửa khẩu và các phòng lập hồ sơ")
    cast["supplemented"] = p.open_dossier("ckhn.canbo", _nomination(p, 1, GIAY_KHEN, person="ckhn.nv01"))
    cast["collective_not_chosen"] = p.open_dossier(
        "ckhn.canbo", _nomination(p, 1, GIAY_KHEN, collective="Đội Quản lý cửa khẩu quốc tế Hữu Nghị"))
    cast["party_second"] = p.open_dossier("ckhn.canbo", _nomination(p, 1, PARTY_GIAY_KHEN, person="ckhn.nv02"))
    cast["rejected"] = p.open_dossier("tnmt.canbo", _nomination(p, 1, GIAY_KHEN, person="tnmt.nv01"))
    cast["voted_down"] = p.open_dossier("cktt.canbo", _nomination(p, 1, GIAY_KHEN, person="cktt.nv01"))

    party = [cast["party_province"], cast["party_chosen"], cast["party_second"]]
    dossiers = (("ttqlck.canbo", [*ttqlck, cast["province"], cast["party_province"]]),
                ("vp.vanthu", [vp, cast["party_chosen"]]),
                ("qldt.canbo", [qldt, cast["collective_chosen"]]),
                ("ckhn.canbo", [cast["supplemented"], cast["collective_not_chosen"], cast["party_second"]]),
                ("tnmt.canbo", [cast["rejected"]]), ("cktt.canbo", [cast["voted_down"]]))
    p.day(date(2025, 8, 15), "Các phòng, đơn vị họp xét, lập Báo cáo thành tích và Tờ trình")
    for clerk, ids in dossiers:
        paperwork.unit_dossier(p, clerk, ids)
    p.day(date(2025, 8, 18), "Các đơn vị nộp hồ sơ về Văn phòng")
    for clerk, ids in dossiers:
        for case_id in ids:
            p.submit(clerk, case_id)
    p.day(date(2025, 8, 20), "Văn phòng thẩm định hồ sơ")
    for case_id in (*ttqlck, cast["province"], vp, qldt, cast["collective_chosen"], cast["collective_not_chosen"],
                    cast["voted_down"], *party):
        p.accept(case_id)
    route.request_supplement(p.rt, "vp.thamdinh", cast["supplemented"], due=date(2025, 8, 27),
                             reason="Bổ sung số liệu thông quan hàng hóa 7 tháng năm 2025 vào Báo cáo thành tích")
    p.echo(f"    Hồ sơ số {cast['supplemented']}: Văn phòng yêu cầu bổ sung, hạn hết ngày 27/8/2025")
    # the Phòng Quản lý Tài nguyên và Môi trường's report records no sáng kiến, giải pháp, which the
    # plan's tiêu chuẩn for an individual asks (điểm b mục IV.2.1): returned for what the rule finds
    route.appraise(p.rt, "vp.thamdinh", cast["rejected"], accept=False,
                   reason="; ".join(appraisal_findings(p.rt, cast["rejected"])))
    p.echo(f"    Hồ sơ số {cast['rejected']}: Văn phòng trả lại hồ sơ (thành tích chưa đạt tiêu chuẩn của Kế hoạch)")
    p.day(date(2025, 8, 22), "Đội Quản lý cửa khẩu Hữu Nghị bổ sung hồ sơ")
    paperwork.supplement_report(p, "ckhn.canbo", cast["supplemented"], SUPPLIED,
                                note="Đã bổ sung số liệu thông quan hàng hóa 7 tháng năm 2025")
    p.day(date(2025, 8, 25), "Văn phòng thẩm định lại hồ sơ đã bổ sung")
    p.accept(cast["supplemented"])
    p.day(date(2025, 8, 27), "Phòng Quản lý Doanh nghiệp và Lao động lập hồ sơ nhưng chưa nộp")
    cast["late"] = p.open_dossier("qldn.canbo", _nomination(p, 1, GIAY_KHEN, person="qldn.nv01"))
    p.day(date(2025, 8, 30), "Phòng Quản lý Doanh nghiệp và Lao động nộp hồ sơ muộn")
    p.refused("submission_window", 1, "qldn.canbo", lambda: route.submit_dossier(p.rt, "qldn.canbo", cast["late"]))
    moved = fire_due_timers(p.rt)
    p.echo(f"    Hết hạn nộp hồ sơ đợt 1: {moved['cases_moved']} hồ sơ chuyển sang «không nộp hồ sơ»")

    p.day(date(2025, 9, 5), "Hội đồng TĐKT Ban họp xét đợt 1")
    quota = selection_quotas(p.plan, "agency")
    p.echo("    Chỉ tiêu cả phong trào: " + "; ".join(f"{k}: {q.min_total}–{q.max_total}" for k, q in quota.items()))
    votes = {ttqlck[0]: (6, 0, 0), ttqlck[1]: (4, 1, 1), cast["province"]: (6, 0, 0), vp: (6, 0, 0), qldt: (5, 1, 0),
             cast["supplemented"]: (5, 0, 1), cast["voted_down"]: (2, 3, 1),
             cast["collective_chosen"]: (4, 2, 0), cast["collective_not_chosen"]: (4, 1, 1),
             # the Party's awards: the council proposes them to the Đảng ủy (outside the Trưởng
             # ban's 05–07 individuals, mục IV.2.1 c))
             cast["party_chosen"]: (6, 0, 0), cast["party_second"]: (5, 0, 1), cast["party_province"]: (6, 0, 0)}
    # the two collectives tie for the one place; neither has 70 % women (4 of 9, 14 of 29): the
    # law cannot choose, the chair decides
    session = p.session(1, votes, quota, ties={
        cast["collective_chosen"]: (True, _chair_reason(p, cast["collective_chosen"])),
        cast["collective_not_chosen"]: (False, "Chủ tịch Hội đồng quyết định: chỉ tiêu 01 tập thể đã dành cho "
                                        "Phòng Quản lý Đầu tư có thành tích nổi trội hơn")})
    paperwork.council_minutes(p, session.session_id)
    cast["signed"] = ttqlck[0]


def _chair_reason(p: Play, case_id: int) -> str:
    """The chair's reason for choosing the collective at the tie: its first result as its Báo cáo
    thành tích (on file since 15/8) states it — a fact of the dossier true on the meeting's day,
    never an achievement the Ban's later reports say was not yet done."""
    with p.rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None and case.achievement_report  # entered with the unit's dossier
        name, result = case.nominee_name, case.achievement_report["results"][0].rstrip(" .;")
    return (f"Chủ tịch Hội đồng quyết định: {name} {result[0].lower()}{result[1:]} (Báo cáo thành tích của "
            f"{name}), kết quả nổi trội hơn trong thực hiện nhiệm vụ chuyên môn")


def _province(play: Play) -> None:
    p, case_id = play, play.report.cast["province"]
    province.to_the_province(p, [case_id], date(2025, 9, 8))
    paperwork.sign_round(p, 1, date(2025, 9, 10))
    _party_documents(p)
    province.province_appraisal(p, date(2025, 9, 16), [case_id])
    _party_appraisal(p)
    province.province_council(p, date(2025, 9, 25), 1, {case_id: (4, 0, 0)})
    _party_province_decision(p)
    province.chairman_decides(p, date(2025, 9, 30), case_id, PROVINCE_DECISION)
    p.day(date(2025, 10, 1), "Văn phòng báo cáo sơ kết đợt 1 (Phó Trưởng ban ký thay Trưởng ban)")
    paperwork.summary_report(p, 1, assessments.SEED001_SO_KET_1, deputy="pho.truongban")


def _party_documents(p: Play) -> None:
    """The Party's awards of round 1 at the agency: the Đảng ủy decides its own Giấy khen, and
    proposes the Ban Thường vụ Đảng ủy UBND tỉnh's by its Tờ trình — each signed by its Bí thư."""
    case_id = p.report.cast["party_province"]
    p.day(PARTY_MEETING, "Hội nghị Đảng ủy xét đề nghị khen thưởng của Đảng (sau Biên bản của Hội đồng TĐKT); "
                         "Văn phòng ghi nhận và lập Biên bản", time(14, 0))
    # one member away on mission; one vote against the second Giấy khen, still carried (5 of 7)
    p.report.party_minutes = paperwork.party_meeting(
        p, 1, PARTY_MEETING, [case_id], {p.report.cast["party_second"]: (5, 1)},
        {"ckhn.doipho": "đi công tác"}, clerk="hd.thuky")
    p.day(date(2025, 9, 11), "Văn phòng lập, Bí thư Đảng ủy ký Quyết định tặng Giấy khen của Đảng ủy")
    p.echo(f"    căn cứ Hội nghị Đảng ủy ngày {short_date(PARTY_MEETING)}, Biên bản số {p.report.party_minutes}")
    p.report.party_decision = paperwork.party_decision(p, 1, PARTY_MEETING)
    p.day(date(2025, 9, 12), "Văn phòng lập, Bí thư Đảng ủy ký Tờ trình đề nghị Ban Thường vụ Đảng ủy UBND tỉnh "
                             "tặng Giấy khen")
    submission = paperwork.party_submission(p, case_id, PARTY_MEETING)
    p.echo(f"    Hồ sơ số {case_id}: Tờ trình số {submission} của Đảng ủy gửi Văn phòng Đảng ủy UBND tỉnh")


def _party_appraisal(p: Play) -> None:
    case_id = p.report.cast["party_province"]
    p.day(date(2025, 9, 17), "Văn phòng Đảng ủy UBND tỉnh thẩm định hồ sơ")
    party_province_appraise(p.rt, "vpdu.chuyenvien", case_id, accept=True)
    p.echo(f"    Hồ sơ số {case_id}: Văn phòng Đảng ủy UBND tỉnh thẩm định đạt, trình Ban Thường vụ")


def _party_province_decision(p: Play) -> None:
    case_id = p.report.cast["party_province"]
    p.day(date(2025, 9, 26), "Ban Thường vụ Đảng ủy UBND tỉnh quyết định tặng Giấy khen")
    party_province_decide(p.rt, "btv.danguytinh", case_id, decision_number=PARTY_PROVINCE_DECISION)
    p.report.party_province_decision = PARTY_PROVINCE_DECISION
    p.echo(f"    Hồ sơ số {case_id}: Quyết định số {PARTY_PROVINCE_DECISION} của Ban Thường vụ Đảng ủy UBND tỉnh")


def _round_two(play: Play) -> None:
    p, cast = play, play.report.cast
    p.echo("ĐỢT 2 — chào mừng Đại hội Đảng bộ tỉnh (hồ sơ trước ngày 30/10/2025)")
    p.day(date(2025, 10, 6), "Các phòng, đơn vị lập hồ sơ đợt 2 (tỷ lệ 20% tính chung cả hai đợt)")
    # Phòng QLĐT (9 người) proposed its one person in đợt 1: the 20 % counts both đợt
    p.echo(f"    qldt.canbo đề nghị {p.name_of('qldt.nv02')} ở đợt 2, Phòng đã đề nghị 1 cá nhân ở đợt 1:")
    p.refused("unit_staff_share", 2, "qldt.canbo",
              lambda: create_nomination(p.rt, "qldt.canbo", _nomination(p, 2, GIAY_KHEN, person="qldt.nv02")))
    cktt = p.open_dossier("cktt.canbo", _nomination(p, 2, GIAY_KHEN, person="cktt.nv03"))
    ttht = [p.open_dossier("ttht.canbo", _nomination(p, 2, GIAY_KHEN, person=u)) for u in ("ttht.nv01", "ttht.nv02")]
    ckcn = p.open_dossier("ckcn.canbo", _nomination(p, 2, GIAY_KHEN, person="ckcn.nv01"))
    cast["collective_over_quota"] = p.open_dossier(
        "cktt.canbo", _nomination(p, 2, GIAY_KHEN, collective="Đội Quản lý cửa khẩu Tân Thanh"))
    p.day(date(2025, 10, 17), "Các phòng, đơn vị họp xét đợt 2, lập Báo cáo thành tích và Tờ trình")
    for clerk, ids in (("ttht.canbo", ttht), ("ckcn.canbo", [ckcn]),
                       ("cktt.canbo", [cast["collective_over_quota"], cktt])):
        paperwork.unit_dossier(p, clerk, ids)
    p.day(date(2025, 10, 20), "Các đơn vị nộp hồ sơ đợt 2")
    for clerk, case_id in (("cktt.canbo", cktt), ("ttht.canbo", ttht[0]), ("ttht.canbo", ttht[1]),
                           ("ckcn.canbo", ckcn), ("cktt.canbo", cast["collective_over_quota"])):
        p.submit(clerk, case_id)
    p.day(date(2025, 10, 22), "Văn phòng thẩm định hồ sơ đợt 2")
    for case_id in (cktt, *ttht, ckcn, cast["collective_over_quota"]):
        p.accept(case_id)
    p.day(date(2025, 11, 5), "Hội đồng TĐKT Ban họp xét đợt 2 (còn lại chỉ tiêu sau đợt 1)")
    quota = selection_quotas(p.plan, "agency")
    # Nguyễn Kim Thủy and Hứa Mạnh Trung tie for the one place left: the women's priority decides,
    # no decision of the chair is asked
    votes = {cktt: (5, 1, 0), ttht[0]: (6, 0, 0), ttht[1]: (5, 1, 0), ckcn: (4, 1, 1),
             cast["collective_over_quota"]: (6, 0, 0)}
    session = p.session(2, votes, quota)
    paperwork.council_minutes(p, session.session_id)
    cast["tie_chosen"], cast["tie_not_chosen"], cast["out_of_quota"] = cktt, ttht[1], ckcn
    paperwork.sign_round(p, 2, date(2025, 11, 10))
    p.day(date(2025, 11, 20), "Văn phòng báo cáo tổng kết phong trào (Trưởng ban ký)")
    paperwork.summary_report(p, None, assessments.SEED001_TONG_KET)
