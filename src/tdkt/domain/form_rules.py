"""Rules between the fields of a step's form (biểu mẫu) that no single field can check: a
council's tally (số phiếu đồng ý, tổng số thành viên biểu quyết) and a deadline the Văn phòng
gives (hạn bổ sung hồ sơ). Pure: callers pass the cleaned values and today's local date."""

from __future__ import annotations

from datetime import date

from tdkt.domain.vietnamese import long_date
from tdkt.errors import InvalidInput

__all__ = ["check_tally", "check_not_past"]


def check_tally(title: str, votes_for: int | None, votes_total: int | None, approved: bool | None) -> None:
    """Rule ``council_tally``: the "for" votes are counted among the members who voted, so
    they cannot exceed them; and a council cannot approve with nobody voting.

    A 0/0 tally that does not approve stays acceptable: a closed session where no ballot was
    cast records its decisions that way."""
    problems = []
    if votes_for is not None and votes_total is not None and votes_for > votes_total:
        problems.append(f"số phiếu đồng ý ({votes_for}) lớn hơn tổng số thành viên biểu quyết ({votes_total})")
    if approved and votes_total == 0:
        problems.append("Hội đồng không thể đề nghị khen thưởng khi tổng số thành viên biểu quyết là 0")
    if problems:
        raise InvalidInput(f"{title}: " + "; ".join(problems) + ".",
                           f"inconsistent council tally: for={votes_for}, total={votes_total}, approved={approved}")


def check_not_past(title: str, label: str, day: date, today: date) -> None:
    """Rule ``deadline_not_past``: a deadline given to someone must leave them at least today
    (today itself is accepted: the deadline is the end of that day)."""
    if day < today:
        raise InvalidInput(
            f"{title}: {label} ({long_date(day)}) đã qua; hãy chọn từ hôm nay ({long_date(today)}) trở đi.",
            f"deadline {day.isoformat()} is before today {today.isoformat()}",
        )
