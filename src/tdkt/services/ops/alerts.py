"""The administrators learn that a scheduled job went wrong (a reminder scan, the outbox's
delivery, the timers…): it failed, or it did not run on time. The Prefect automation created at
deploy time (:mod:`tdkt.orchestration.alerts`) runs the «alert-admins» deployment, which calls
this: a notice to every holder of the admin role, in the app and through their channels (the
outbox, quiet hours and digests respected), and to the admin role's group channel — once per
run and kind of problem, however many times the automation fires."""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select

from tdkt.domain.roles import Role
from tdkt.persistence.models import OutboxMessage, ReminderItem
from tdkt.runtime import Runtime
from tdkt.services.reminders.task_notices import Notice, notify_people, role_holders

__all__ = ["alert_admins", "Problem"]

Problem = Literal["failed", "late"]

_TITLES: dict[str, str] = {
    "failed": "Lượt chạy theo lịch bị lỗi",
    "late": "Lượt chạy theo lịch không chạy đúng giờ",
}


def alert_admins(rt: Runtime, *, problem: Problem, run_id: str, run_name: str, job: str = "",
                 state: str = "", message: str = "") -> int:
    """Queue the notice for the administrators; returns how many people were told (a replay of
    the same run and problem adds nothing)."""
    title = f"{_TITLES.get(problem, _TITLES['failed'])}: {run_name or job or run_id}"
    what = f"«{job}»" if job else "một công việc theo lịch"
    if problem == "late":
        lead = (f"Lượt chạy «{run_name}» của {what} đã đến giờ mà chưa chạy: có thể tiến trình phục vụ "
                "(tdkt serve hoặc prefect worker) đã dừng. Nhắc hạn và thư có thể chưa được gửi.")
    else:
        lead = (f"Lượt chạy «{run_name}» của {what} kết thúc ở trạng thái {state or 'lỗi'}."
                " Xem nhật ký của lượt chạy trong giao diện Prefect; chạy lại khi đã khắc phục.")
    notice = Notice(key=f"notice:prefect:{problem}:{run_id}"[:128], title=title, lead=lead, path="notices",
                    note_label="Thông báo của Prefect" if message else "", note=message[:500],
                    role=Role.ADMIN.value)
    now = rt.now()
    with rt.uow() as uow:
        if uow.session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == notice.key).limit(1)) \
                or uow.session.scalar(select(ReminderItem.id).where(ReminderItem.subject_key == notice.key[:64])
                                      .limit(1)):
            return 0  # told already (the automation fired twice, or the run was retried)
        told = notify_people(uow.session, rt, role_holders(uow.session, Role.ADMIN.value, None), notice, now)
        uow.commit()
    return told
