"""Reminder texts, channel configuration and the fake notifier — no database, no network."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from tdkt.config import Settings
from tdkt.errors import DefinitionError
from tdkt.messages import render_reminder, rung_days
from tdkt.notify import RecordingNotifier, SendOutcome
from tdkt.services.channels import ChannelBook, email_url, load_channels_file

FACTS = dict(
    full_name="Vi Thị Hồng", nominee="Phòng Quản lý Đầu tư & Quy hoạch",
    award_form="Giấy khen của Trưởng ban",
    movement="Phong trào thi đua phấn đấu đạt tốc độ tăng trưởng kinh tế hai con số năm 2026",
    task_title="Nộp hồ sơ đề nghị khen thưởng", task_id=42, due=date(2026, 12, 28),
)


def _render(rung: str, **kw) -> tuple[str, str]:
    settings = Settings(web_base_url="https://tdkt.example.vn/", **kw)
    return render_reminder(settings, **FACTS, rung=rung)


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
    subject, body = render_reminder(settings, **{**FACTS, "nominee": decomposed}, rung="T-1")
    assert unicodedata.is_normalized("NFC", subject) and unicodedata.is_normalized("NFC", body)
    assert "Vi Thị Hồng" in subject and "\n" not in subject


def test_rung_names_give_days_left_or_overdue():
    assert rung_days("T-3") == (3, None)
    assert rung_days("Q+1") == (None, 1)
    with pytest.raises(ValueError):
        rung_days("X")


def test_a_broken_template_folder_is_a_definition_error(tmp_path: Path):
    with pytest.raises(DefinitionError):
        render_reminder(Settings(root=tmp_path), **FACTS, rung="T-1")


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
    people = load_channels_file(path, {"ZALO_TOKEN": "s3cret"})
    book = ChannelBook("mailto://smtp.x.vn", people)
    assert book.for_person("qldt.canbo", "a@x.vn") == {
        "email": "mailto://other.vn?to=x@y.vn", "zalo": "zalo://s3cret/123"}
    assert book.for_person("truongban", "t@x.vn") == {"email": "mailto://smtp.x.vn?to=t@x.vn"}
    assert book.resolve("truongban", None, "email") is None


@pytest.mark.parametrize("text, fragment", [
    ("people: [a, b]\n", "people"),
    ("people:\n  a: json://x\n", "'a'"),
    ("people:\n  a: {'': json://x}\n", "tên kênh"),
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
