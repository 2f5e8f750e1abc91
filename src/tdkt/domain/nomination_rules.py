"""Rules a nomination (đề nghị khen thưởng) must meet, each raising a RuleViolation that
names the rule and its source. Pure: callers pass the facts. The unit's share of its staff
("không quá 20%") is a quota: :mod:`tdkt.domain.quota`."""

from __future__ import annotations

from datetime import date

from tdkt.domain.vietnamese import long_date
from tdkt.errors import RuleViolation

__all__ = ["OutsideWindow", "check_in_window", "check_not_late", "check_not_duplicate", "check_not_already_awarded",
           "RULE_LABELS"]

#: the rules a :class:`~tdkt.errors.RuleViolation` names, as a person reads them in a summary
RULE_LABELS: dict[str, str] = {
    "submission_window": "ngoài thời gian nhận hồ sơ",
    "duplicate_nomination": "đề nghị trùng",
    "already_awarded": "đã được khen thưởng hình thức này",
    "unit_staff_share": "vượt tỷ lệ cá nhân được đề nghị của đơn vị",
    "appraisal_checklist": "chưa đạt các mục thẩm định",
    "council_quorum": "Hội đồng chưa đủ số thành viên dự họp",
    "council_tie_at_quota": "bằng phiếu tại ngưỡng chỉ tiêu, chưa phân định",
}


class OutsideWindow(RuleViolation):
    """A dossier submitted outside its round's window: ``early`` before it opens, else after its
    deadline. The route records the refused attempt (``submission_refused``), which the reports
    count: a late dossier refused is still a late dossier."""

    def __init__(self, early: bool, message_vi: str, basis: str, message_en: str) -> None:
        super().__init__("submission_window", message_vi, basis, message_en)
        self.early = early


def check_in_window(today: date, opens_on: date | None, deadline: date | None, round_name: str, basis: str) -> None:
    """Dossiers are received from the window's first day to the end of its last day (both
    included, local dates): one sent before the window opens is refused like a late one."""
    if opens_on is not None and today < opens_on:
        until = f" đến hết {long_date(deadline)}" if deadline else ""
        raise OutsideWindow(
            True,
            f"Chưa đến thời gian nhận hồ sơ {round_name}: nhận từ {long_date(opens_on)}{until}.",
            basis,
            f"submission before the window opens on {opens_on.isoformat()}",
        )
    check_not_late(today, deadline, round_name, basis)


def check_not_late(today: date, deadline: date | None, round_name: str, basis: str) -> None:
    """Dossiers are received until the end of the deadline day; an early one is accepted."""
    if deadline is not None and today > deadline:
        raise OutsideWindow(
            False,
            f"Đã hết hạn nhận hồ sơ {round_name} (hết {long_date(deadline)}); hồ sơ nộp muộn không được tiếp nhận.",
            basis,
            f"submission after the deadline {deadline.isoformat()}",
        )


def check_not_duplicate(nominee: str, award_form_name: str, open_case_ids: list[int]) -> None:
    if open_case_ids:
        raise RuleViolation(
            "duplicate_nomination",
            f"{nominee} đã được đề nghị {award_form_name} trong phong trào này (hồ sơ số "
            f"{', '.join(map(str, open_case_ids))}).",
            "Mỗi đối tượng chỉ được đề nghị một lần cho một hình thức trong một phong trào",
            f"duplicate nomination, open cases {open_case_ids}",
        )


def check_not_already_awarded(nominee: str, award_form_name: str, decisions: list[str]) -> None:
    if decisions:
        raise RuleViolation(
            "already_awarded",
            f"{nominee} đã được tặng {award_form_name} trong phong trào này (quyết định {', '.join(decisions)}).",
            "Luật Thi đua, khen thưởng 06/2022/QH15: một thành tích chỉ được khen thưởng một lần",
            "already awarded the same form in this movement",
        )
