"""The notice standing for several new tasks made by one change (tdkt.services.reminders.notice_batch):
one title with the count, the dossiers named, the link they share, a key that is the same however the
tasks were ordered (a replay adds nothing)."""

from __future__ import annotations

from datetime import date

from tdkt.services.reminders.notice_batch import LISTED, grouped
from tdkt.services.reminders.task_notices import Notice


def _notice(i: int, nominee: str, title: str = "Lập văn bản: Ký quyết định khen thưởng", path: str = "decisions",
            due: date | None = None) -> Notice:
    return Notice(key=f"notice:task:{i}", title=title, lead="…", path=path, nominee=nominee, movement="Phong trào A",
                  due=due)


def test_one_notice_is_itself():
    one = _notice(1, "Vi Thị Hồng")
    assert grouped([one]) is one


def test_several_alike_read_as_one_with_the_count_and_the_dossiers():
    notices = [_notice(1, "Vi Thị Hồng", due=date(2027, 1, 5)), _notice(2, "Hoàng Văn Nam", due=date(2027, 1, 4)),
               _notice(3, "Lộc Thị Mai")]
    g = grouped(notices)
    assert g.title == "Lập văn bản: Ký quyết định khen thưởng — 3 hồ sơ"
    assert all(n.nominee in g.lead for n in notices) and g.path == "decisions" and g.nominee == ""
    assert g.due == date(2027, 1, 4) and g.movement == "Phong trào A"
    assert grouped(list(reversed(notices))).key == g.key != grouped(notices[:2]).key


def test_different_tasks_link_to_the_inbox_and_a_long_list_is_cut():
    notices = [_notice(i, f"Người {i}", title=f"Việc {i % 2}", path=f"tasks/{i}") for i in range(LISTED + 3)]
    g = grouped(notices)
    assert g.title == f"{LISTED + 3} việc cần xử lý" and g.path == "inbox"
    assert "Việc 0 — Người 0" in g.lead and f"Người {LISTED + 1}" not in g.lead and g.lead.endswith("; ….")
