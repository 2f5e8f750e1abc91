"""The shipped channels example is valid and every URL in it is one apprise accepts (Zalo,
Telegram, e-mail, webhook) — checked with placeholder secrets, nothing is sent."""

from __future__ import annotations

import apprise

from tdkt.channels import ChannelBook, load_channels_file
from tdkt.config import PROJECT_ROOT

EXAMPLE = PROJECT_ROOT / "notifications" / "channels.example.yaml"
SECRETS = {"ZALO_BOT_TOKEN": "1234567890:abcDEF_ghi", "ZALO_CHAT_VP_THAMDINH": "987654321",
           "ZALO_CHAT_VAN_PHONG": "555666777", "TELEGRAM_BOT_TOKEN": "123456789:abcdefghijklmnopqrstuvwxyz",
           "TELEGRAM_CHAT_TRUONGBAN": "12345", "SMTP_PASS": "secret"}


def test_example_channels_load_and_apprise_accepts_every_url():
    people, roles = load_channels_file(EXAMPLE, SECRETS)
    urls = [url for table in (*people.values(), *roles.values()) for url in table.values()]
    assert any(u.startswith("zalo://") for u in urls) and any(u.startswith("tgram://") for u in urls)
    for url in urls:
        assert apprise.Apprise().add(url), url


def test_email_shows_html_and_chats_get_text():
    assert ChannelBook.shows_html("mailtos://smtp.x.vn?to=a@x.vn")
    assert not ChannelBook.shows_html("zalo://1:a/2") and not ChannelBook.shows_html("json://127.0.0.1/")
