"""Where a person's reminders go (kênh nhận thông báo): channel name → apprise URL.

Configuration read once per process (the :class:`~tdkt.runtime.Runtime` holds the book), so it
lives beside the settings, not in the reminder services that use it.

Sources: an "email" channel built from the SMTP base URL and the person's address; the
channels file (``people: {username: {channel: url}}`` and ``roles: {role: {channel: url}}``
for a role's group chat); and "in_app", the web inbox. The outbox stores only a channel
*name*; the URL, which may carry tokens, is resolved again at delivery time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from tdkt.config import Settings
from tdkt.errors import DefinitionError

__all__ = [
    "ChannelBook", "EMAIL_CHANNEL", "IN_APP_CHANNEL", "IN_APP_URL", "email_url", "expand_env", "load_channels_file",
]

EMAIL_CHANNEL = "email"
#: the web inbox: delivery stores the message instead of sending it
IN_APP_CHANNEL = "in_app"
IN_APP_URL = "tdkt-in-app://"
_MAX_NAME = 64  # OutboxMessage.channel
_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


def email_url(smtp_url: str, address: str | None) -> str | None:
    """The apprise mailto base with ``to=`` the address; None unless both are set."""
    if not smtp_url or not address:
        return None
    sep = "&" if "?" in smtp_url else "?"
    return f"{smtp_url}{sep}to={quote(address.strip(), safe='@+')}"


def expand_env(url: str, env: Mapping[str, str], where: str) -> str:
    """Replace each ``${VAR}`` from ``env``; an unset variable is a configuration error."""

    def value(m: re.Match[str]) -> str:
        name = m[1]
        if name not in env:
            raise DefinitionError(
                f"Biến môi trường {name} (dùng trong {where}) chưa được đặt.",
                f"environment variable {name} used in {where} is not set",
            )
        return env[name]

    return _VAR.sub(value, url)


def _bad(path: Path, why_vi: str, why_en: str) -> DefinitionError:
    return DefinitionError(f"Tệp kênh thông báo {path} không hợp lệ: {why_vi}",
                           f"invalid channels file {path}: {why_en}")


def _channel_table(path: Path, owner: str, channels: Any, env: Mapping[str, str]) -> dict[str, str]:
    if not isinstance(owner, str) or not isinstance(channels, dict):
        raise _bad(path, f"mục '{owner}' phải là bảng tên kênh → URL.",
                   f"entry {owner!r} must map channel names to URLs")
    table: dict[str, str] = {}
    for name, url in channels.items():
        if not isinstance(name, str) or not name or len(name) > _MAX_NAME or name == IN_APP_CHANNEL:
            raise _bad(path, f"tên kênh '{name}' của '{owner}' phải dài 1–{_MAX_NAME} ký tự, khác '{IN_APP_CHANNEL}'.",
                       f"channel name {name!r} of {owner!r} must be 1-{_MAX_NAME} characters, not reserved")
        if not isinstance(url, str) or not url.strip():
            raise _bad(path, f"kênh '{name}' của '{owner}' thiếu URL.", f"channel {name!r} of {owner!r} has no URL")
        table[name] = expand_env(url.strip(), env, f"{path}: {owner}.{name}")
    return table


Tables = dict[str, dict[str, str]]


def load_channels_file(path: Path, env: Mapping[str, str]) -> tuple[Tables, Tables]:
    """Read ``people: {username: {channel: url}}`` and ``roles: {role: {channel: url}}``
    (a role's group channel, e.g. the Văn phòng's chat), expanding ``${VAR}`` from ``env``."""
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise _bad(path, f"không đọc được ({err.strerror}).", f"cannot read it: {err}") from err
    except yaml.YAMLError as err:
        raise _bad(path, f"sai cú pháp YAML ({err}).", f"YAML syntax: {err}") from err
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or set(data) - {"people", "roles"}:
        raise _bad(path, "chỉ có các khoá 'people' và 'roles'.", "expected a mapping with keys 'people', 'roles'")
    tables = []
    for key in ("people", "roles"):
        section = data.get(key) or {}
        if not isinstance(section, dict):
            raise _bad(path, f"'{key}' phải là bảng tên → kênh.", f"'{key}' must be a mapping")
        tables.append({owner: _channel_table(path, owner, chans, env) for owner, chans in section.items()})
    return tables[0], tables[1]


@dataclass(frozen=True)
class ChannelBook:
    """Everyone's channels, loaded once per process. The outbox stores channel *names*; the
    URL (which may hold a secret) is looked up again when the message is sent."""

    smtp_url: str = ""
    people: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    roles: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    in_app: bool = True

    @classmethod
    def from_settings(cls, settings: Settings, env: Mapping[str, str]) -> ChannelBook:
        people, roles = load_channels_file(settings.channels_file, env) if settings.channels_file else ({}, {})
        return cls(smtp_url=settings.smtp_url, people=people, roles=roles, in_app=settings.in_app_messages)

    def for_person(self, username: str, email: str | None) -> dict[str, str]:
        """Channel name → URL; a channel of the same name in the file replaces the built one."""
        channels: dict[str, str] = {}
        built = email_url(self.smtp_url, email)
        if built:
            channels[EMAIL_CHANNEL] = built
        channels.update(self.people.get(username, {}))
        if self.in_app:
            channels[IN_APP_CHANNEL] = IN_APP_URL
        return channels

    def for_role(self, role: str) -> dict[str, str]:
        return dict(self.roles.get(role, {}))

    @staticmethod
    def shows_html(url: str) -> bool:
        """E-mail shows the HTML body; chats, webhooks and the in-app inbox get plain text."""
        return url.split("://", 1)[0].lower() in {"mailto", "mailtos"}

    def html_flags(self, channels: dict[str, str]) -> dict[str, bool]:
        return {name: self.shows_html(url) for name, url in channels.items()}

    def resolve(self, username: str, email: str | None, channel: str) -> str | None:
        return self.for_person(username, email).get(channel)
