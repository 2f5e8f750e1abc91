"""Kịch bản kế hoạch 002: the province's "phong trào thi đua lập thành tích chào mừng Đại hội
lần thứ XIV của Đảng" (UBND tỉnh Lạng Sơn, carrying out Quyết định 2437/QĐ-TTg) as the Ban Quản
lý carries it out, through the real services on a clock the scenario moves. Awards are
considered at the year-end review of 2025 (mục IV.1, IV.3; the Văn phòng receives dossiers from
01/12/2025 to 15/12/2025) and the plan sets no number of awards. The agency commends within its
authority — the Giấy khen of its head (Thủ trưởng cơ quan), a Quyết định signed by the Trưởng
ban — and proposes upward: the Bằng khen of the Chủ tịch UBND tỉnh through Sở Nội vụ and the Hội
đồng TĐKT tỉnh to the Chủ tịch's decision (one dossier returned by Sở Nội vụ), and the Bằng
khen of the Thủ tướng Chính phủ, which the Hội đồng TĐKT tỉnh proposes and the Chủ tịch submits
to the Thủ tướng (mục IV.2). On the way: a nomination of a person already awarded refused; every
document issued (:mod:`tdkt.scenario.paperwork`), to the báo cáo tổng kết."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from tdkt.domain.quota import selection_quotas
from tdkt.runtime import Runtime
from tdkt.scenario import assessments, paperwork, province
from tdkt.scenario.province import BANG_KHEN, BANG_KHEN_TTG
from tdkt.scenario.report import ScenarioReport
from tdkt.scenario.staging import staged
from tdkt.scenario.steps import Play
from tdkt.services.nominations.opening import create_nomination

__all__ = ["run_seed002", "SEED002_SOURCE", "GIAY_KHEN", "AGENCY_GIAY_KHEN", "BANG_KHEN", "BANG_KHEN_TTG",
           "PROVINCE_DECISION", "CENTRAL_SUBMISSION", "CENTRAL_DECISION", "RETURNED"]

SEED002_SOURCE = "seeds/002_ad2fbef2c7646d4c"
GIAY_KHEN = "giay_khen_thu_truong_co_quan"
#: the numbers the province and the Government give (their registers are not ours)
PROVINCE_DECISION, CENTRAL_SUBMISSION, CENTRAL_DECISION = "156/QĐ-UBND", "24/TTr-UBND", "612/QĐ-TTg"
AGENCY_GIAY_KHEN = "Giấy khen của Trưởng ban"
RETURNED = ("Tập thể chưa có Báo cáo thành tích được Thủ trưởng cơ quan xác nhận và số liệu thông quan năm 2025 "
            "(mẫu số 08)")


def run_seed002(rt: Runtime, echo: Callable[[str], None], *, digital_signatures: bool = False) -> ScenarioReport:
    """Play plan 002 on an initialised database (``tdkt init``) where it has not been launched.
    ``digital_signatures``: see :func:`~tdkt.scenario.staging.staged`."""
    with staged(rt, SEED002_SOURCE, echo, digital_signatures=digital_signatures) as play:
        generic = _own_names(play)
        play.launch(date(2025, 11, 10), "Văn phòng triển khai kế hoạch của UBND tỉnh")
        play.echo(f"    Hình thức khen thưởng theo thẩm quyền của Ban: «{AGENCY_GIAY_KHEN}» (kế hoạch của tỉnh: "
                  f"«{generic}»)")
        return play.act(_dossiers, _agency, _province)


def _own_names(play: Play) -> str:
    """The province's plan names the Giấy khen for every agency ("của thủ trưởng cơ quan, tổ chức,
    đơn vị"); the Văn phòng launches it under the name its head's Giấy khen bears (README, mục 5)."""
    plan = play.plan
    generic = plan.award_forms[GIAY_KHEN]
    own = generic.model_copy(update={"name": AGENCY_GIAY_KHEN, "decided_by": "Trưởng ban Ban Quản lý"})
    play.plan = plan.model_copy(update={"award_forms": {**plan.award_forms, GIAY_KHEN: own}})
    return generic.name


def _units(play: Play) -> list[tuple[str, list[int]]]:
    cast = play.report.cast
    return [("qldt.canbo", [cast["signed"]]), ("qlqh.canbo", [cast["collective"]]),
            ("ttqlck.canbo", [cast["ttqlck"], cast["province"]]), ("tnmt.canbo", [cast["voted_down"]]),
            ("ckhn.canbo", [cast["returned"], cast["central"]])]


def _dossiers(play: Play) -> None:
    p, cast = play, play.report.cast
    p.echo("XÉT KHEN THƯỞNG DỊP TỔNG KẾT NĂM 2025 — hồ sơ gửi Văn phòng từ ngày 01/12/2025 đến hết ngày 15/12/2025")
    p.day(date(2025, 12, 3), "Các phòng, đơn vị lập hồ sơ đề nghị khen thưởng")
    cast["signed"] = p.open_dossier("qldt.canbo", p.nomination(1, GIAY_KHEN, person="qldt.nv01"))
    cast["collective"] = p.open_dossier("qlqh.canbo", p.nomination(
        1, GIAY_KHEN, collective="Phòng Quản lý Quy hoạch và Xây dựng"))
    cast["ttqlck"] = p.open_dossier("ttqlck.canbo", p.nomination(1, GIAY_KHEN, person="ttqlck.nv01"))
    cast["voted_down"] = p.open_dossier("tnmt.canbo", p.nomination(1, GIAY_KHEN, person="tnmt.nv01"))
    cast["province"] = p.open_dossier("ttqlck.canbo", p.nomination(1, BANG_KHEN, person="ttqlck.giamdoc"))
    p.achievements("ttqlck.canbo", cast["province"], "ttqlck.giamdoc")
    cast["returned"] = p.open_dossier("ckhn.canbo", p.nomination(
        1, BANG_KHEN, collective="Đội Quản lý cửa khẩu quốc tế Hữu Nghị"))
    cast["central"] = p.open_dossier("ckhn.canbo", p.nomination(1, BANG_KHEN_TTG, person="ckhn.doitruong"))
    p.achievements("ckhn.canbo", cast["central"], "ckhn.doitruong")
    p.day(date(2025, 12, 5), "Các phòng, đơn vị họp xét, lập Báo cáo thành tích và Tờ trình")
    for clerk, ids in _units(play):
        paperwork.unit_dossier(p, clerk, ids)
    p.day(date(2025, 12, 8), "Các đơn vị nộp hồ sơ về Văn phòng")
    for clerk, ids in _units(play):
        for case_id in ids:
            p.submit(clerk, case_id)
    p.day(date(2025, 12, 10), "Văn phòng thẩm định hồ sơ")
    for _, ids in _units(play):
        for case_id in ids:
            p.accept(case_id)


def _agency(play: Play) -> None:
    p, cast = play, play.report.cast
    p.day(date(2025, 12, 17), "Hội đồng TĐKT Ban họp xét (Giấy khen; đề nghị Bằng khen cấp trên)")
    quota = selection_quotas(p.plan, "agency")
    p.echo("    Kế hoạch không quy định số lượng khen thưởng («không chạy theo số lượng», mục I.2)")
    votes = {cast["signed"]: (6, 0, 0), cast["collective"]: (5, 1, 0), cast["ttqlck"]: (4, 1, 1),
             cast["voted_down"]: (3, 2, 1), cast["province"]: (6, 0, 0), cast["returned"]: (5, 0, 1),
             cast["central"]: (6, 0, 0)}
    session = p.session(1, votes, quota)
    paperwork.council_minutes(p, session.session_id)
    paperwork.sign_round(p, 1, date(2025, 12, 19))
    province.to_the_province(p, [cast["province"], cast["returned"]], date(2025, 12, 19))
    province.to_the_province(p, [cast["central"]], date(2025, 12, 19),
                             what="Tờ trình đề nghị Chủ tịch UBND tỉnh trình Thủ tướng Chính phủ tặng Bằng khen")
    p.day(date(2025, 12, 22), "Phòng Quản lý Đầu tư đề nghị lại người đã được tặng Giấy khen")
    p.refused("already_awarded", 1, "qldt.canbo",
              lambda: create_nomination(p.rt, "qldt.canbo", p.nomination(1, GIAY_KHEN, person="qldt.nv01")))


def _province(play: Play) -> None:
    p, cast = play, play.report.cast
    province.province_appraisal(p, date(2026, 1, 7), [cast["province"], cast["central"]], {cast["returned"]: RETURNED})
    province.province_council(p, date(2026, 1, 14), 1, {cast["province"]: (4, 0, 0), cast["central"]: (4, 0, 0)})
    province.chairman_decides(p, date(2026, 1, 16), cast["province"], PROVINCE_DECISION)
    province.to_the_prime_minister(p, date(2026, 1, 16), cast["central"], CENTRAL_SUBMISSION)
    p.day(date(2026, 2, 2), "Văn phòng báo cáo tổng kết phong trào (Trưởng ban ký)")
    paperwork.summary_report(p, None, assessments.SEED002_TONG_KET)
    province.prime_minister_decides(p, date(2026, 4, 15), cast["central"], CENTRAL_DECISION)
