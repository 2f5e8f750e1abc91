"""Reminder texts, channel configuration and the fake notifier — no database, no network."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from tdkt.channels import ChannelBook, email_url, load_channels_file
from tdkt.config import Settings
from tdkt.domain.reminders import rung_days
from tdkt.errors import DefinitionError
from tdkt.messages import render_digest, render_reminder
from tdkt.notify import RecordingNotifier, SendOutcome

FACTS = dict(
    full_name="Vi Thị Hồng", nominee="Phòng Quản lý Đầu tư & Quy hoạch",
    award_form="Giấy khen của Trưởng ban",
    movement="Phong trào thi đua phấn đấu đạt tốc độ tăng trưởng kinh tế hai con số năm 2026",
    task_title="Nộp hồ sơ đề nghị khen thưởng", task_id=42, due=date(2026, 12, 28),
)


def _render(rung: str, **kw) -> tuple[str, str]:
    settings = Settings(web_base_url="https://tdkt.example.vn/", **kw)
    r = render_reminder(settings.notifications_dir, settings.web_base_url, **FACTS, timing=rung_days(rung))
    return r.subject, r.text


def test_reminder_before_the_deadline_is_written_in_vietnamese_with_the_long_date_and_link():
    subject, body = _render("T-3")
    assert subject == ("[TĐKT] Nhắc hạn: Nộp hồ sơ đề nghị khen thưởng — hồ sơ "
                       "Phòng Quản lý Đầu tư & Quy hoạch")
    assert body.startswith("Kính gửi Vi Thị Hồng,\n")
    assert "Hình thức khen thưởng: Giấy khen của Trưởng ban" in body
    assert "Thuộc: Phong trào thi đua phấn đấu đạt tốc độ tăng trưởng kinh tế hai con số năm 2026" in body
    assert "Hạn hoàn thành: hết ngày 28 tháng 12 năm 2026." in body
    assert "Còn 3 ngày làm việc đến hạn." in body
    assert "https://tdkt.example.vn/tasks/42" in body
    assert "&amp;" not in subject + body  # plain text: nothing is HTML-escaped


def test_due_day_and_overdue_reminders_say_so():
    _, due_day = _render("T-0")
    assert "Hôm nay là ngày cuối cùng của thời hạn." in due_day
    subject, late = _render("Q+3")
    assert subject.startswith("[TĐKT] Quá hạn: ")
    assert "Công việc đã quá hạn 3 ngày làm việc" in late and "Còn " not in late


def test_texts_are_nfc_and_the_subject_is_one_line():
    decomposed = unicodedata.normalize("NFD", "Vi Thị Hồng")
    settings = Settings()
    r = render_reminder(settings.notifications_dir, "", **{**FACTS, "nominee": decomposed}, timing=(1, None))
    subject, body = r.subject, r.text
    assert unicodedata.is_normalized("NFC", subject) and unicodedata.is_normalized("NFC", body)
    assert "Vi Thị Hồng" in subject and "\n" not in subject


def test_rung_names_give_days_left_or_overdue():
    assert rung_days("T-3") == (3, None)
    assert rung_days("Q+1") == (None, 1)
    with pytest.raises(ValueError):
        rung_days("X")


def test_a_broken_template_folder_is_a_definition_error(tmp_path: Path):
    with pytest.raises(DefinitionError):
        render_reminder(tmp_path, "", **FACTS, timing=(1, None))


def test_html_body_escapes_text_and_escalation_is_worded_as_a_report():
    r = render_reminder(Settings().notifications_dir, "https://x.vn", **FACTS, timing=(None, 5), escalated=True,
                        unit_name="Phòng Quản lý Đầu tư")
    assert r.subject.startswith("[TĐKT] Báo cáo quá hạn: ")
    assert "Phòng Quản lý Đầu tư &amp; Quy hoạch" in r.html and "<a href=\"https://x.vn/tasks/42\">" in r.html
    assert "của Phòng Quản lý Đầu tư đối với hồ sơ" in r.text


def test_digest_groups_a_day_of_items_in_one_message():
    r = render_digest(Settings().notifications_dir, "https://x.vn", full_name="Hoàng Thị Lan", day=date(2026, 12, 29),
                      items=[("Thẩm định hồ sơ — Vi Thị Hồng", date(2026, 12, 28), (None, 1), False),
                             ("Nộp hồ sơ — Trung tâm QLCK", date(2026, 12, 30), (1, None), False)])
    assert r.subject == "[TĐKT] Tổng hợp nhắc hạn ngày 29 tháng 12 năm 2026: 2 việc, 1 việc quá hạn"
    assert "1. Thẩm định hồ sơ — Vi Thị Hồng — hạn hết ngày 28 tháng 12 năm 2026, QUÁ HẠN 1 ngày" in r.text
    assert "2. Nộp hồ sơ — Trung tâm QLCK" in r.text and "còn 1 ngày làm việc" in r.text
    assert r.html.count("<li>") == 2


# --- channels ------------------------------------------------------------------------------

def test_email_channel_needs_both_the_smtp_base_and_an_address():
    assert email_url("mailto://127.0.0.1:2525?from=tdkt@localhost", "a.b@x.vn") == \
        "mailto://127.0.0.1:2525?from=tdkt@localhost&to=a.b@x.vn"
    assert email_url("mailto://smtp.x.vn", "a@x.vn") == "mailto://smtp.x.vn?to=a@x.vn"
    assert email_url("", "a@x.vn") is None and email_url("mailto://smtp.x.vn", None) is None


def test_channels_file_expands_environment_variables(tmp_path: Path):
    path = tmp_path / "channels.yaml"
    path.write_text("people:\n  qldt.canbo:\n    zalo: zalo://${ZALO_TOKEN}/123\n"
                    "    email: mailto://other.vn?to=x@y.vn\n", encoding="utf-8")
    people, roles = load_channels_file(path, {"ZALO_TOKEN": "s3cret"})
    book = ChannelBook("mailto://smtp.x.vn", people, roles, in_app=False)
    assert book.for_person("qldt.canbo", "a@x.vn") == {
        "email": "mailto://other.vn?to=x@y.vn", "zalo": "zalo://s3cret/123"}
    assert book.for_person("truongban", "t@x.vn") == {"email": "mailto://smtp.x.vn?to=t@x.vn"}
    assert book.resolve("truongban", None, "email") is None


def test_role_channels_and_the_in_app_channel(tmp_path: Path):
    path = tmp_path / "channels.yaml"
    path.write_text("roles:\n  appraiser:\n    vp_group: json://127.0.0.1:1/vp\n", encoding="utf-8")
    book = ChannelBook("", *load_channels_file(path, {}))
    assert book.for_role("appraiser") == {"vp_group": "json://127.0.0.1:1/vp"} and book.for_role("truong_ban") == {}
    assert book.for_person("a", None) == {"in_app": "tdkt-in-app://"}


@pytest.mark.parametrize("text, fragment", [
    ("people: [a, b]\n", "people"),
    ("people:\n  a: json://x\n", "'a'"),
    ("people:\n  a: {'': json://x}\n", "tên kênh"),
    ("people:\n  a: {in_app: json://x}\n", "in_app"),
    ("roles: [x]\n", "roles"),
    ("people:\n  a: {hook: ''}\n", "thiếu URL"),
    ("people:\n  a: {hook: 'json://${MISSING}'}\n", "MISSING"),
    ("people: {a: [\n", "YAML"),
    ("others: {}\n", "people"),
])
def test_bad_channels_file_is_refused_clearly(tmp_path: Path, text: str, fragment: str):
    path = tmp_path / "channels.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError) as err:
        load_channels_file(path, {})
    assert fragment in err.value.message_vi


def test_missing_channels_file_is_a_definition_error(tmp_path: Path):
    with pytest.raises(DefinitionError):
        ChannelBook.from_settings(Settings(channels_file=tmp_path / "none.yaml"), {})


def test_recording_notifier_records_and_fails_on_request():
    fake = RecordingNotifier(fail={"json://down/"}, time_out={"json://slow/"})
    assert fake.send("json://up/", "s", "b") == SendOutcome(True)
    assert not fake.send("json://down/", "s", "b").ok
    assert fake.send("json://slow/", "s", "b").timed_out
    assert fake.sent == [("json://up/", "s", "b")]
    assert fake.attempts == ["json://up/", "json://down/", "json://slow/"]
