"""Where a person's reminders go (kênh nhận thông báo): channel name → apprise URL.

Two sources: an "email" channel built from the SMTP base URL and the person's address, and
the channels file (``people: {username: {channel: url}}``). The outbox stores only a channel
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

__all__ = ["ChannelBook", "EMAIL_CHANNEL", "email_url", "expand_env", "load_channels_file"]

EMAIL_CHANNEL = "email"
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


def load_channels_file(path: Path, env: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Read and check ``people: {username: {channel: url}}``, expanding ``${VAR}`` from ``env``."""
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise _bad(path, f"không đọc được ({err.strerror}).", f"cannot read it: {err}") from err
    except yaml.YAMLError as err:
        raise _bad(path, f"sai cú pháp YAML ({err}).", f"YAML syntax: {err}") from err
    if data is None:
        return {}
    if not isinstance(data, dict) or set(data) - {"people"}:
        raise _bad(path, "cần đúng một khoá 'people'.", "expected a mapping with the single key 'people'")
    people = data.get("people") or {}
    if not isinstance(people, dict):
        raise _bad(path, "'people' phải là bảng tên đăng nhập → kênh.", "'people' must be a mapping")
    result: dict[str, dict[str, str]] = {}
    for username, channels in people.items():
        if not isinstance(username, str) or not isinstance(channels, dict):
            raise _bad(path, f"mục '{username}' phải là bảng tên kênh → URL.",
                       f"entry {username!r} must map channel names to URLs")
        result[username] = {}
        for name, url in channels.items():
            if not isinstance(name, str) or not name or len(name) > _MAX_NAME:
                raise _bad(path, f"tên kênh '{name}' của '{username}' phải dài 1–{_MAX_NAME} ký tự.",
                           f"channel name {name!r} of {username!r} must be 1-{_MAX_NAME} characters")
            if not isinstance(url, str) or not url.strip():
                raise _bad(path, f"kênh '{name}' của '{username}' thiếu URL.",
                           f"channel {name!r} of {username!r} has no URL")
            result[username][name] = expand_env(url.strip(), env, f"{path}: {username}.{name}")
    return result


@dataclass(frozen=True)
class ChannelBook:
    """Everyone's channels, loaded once per scan or delivery run."""

    smtp_url: str = ""
    people: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Settings, env: Mapping[str, str]) -> ChannelBook:
        people = load_channels_file(settings.channels_file, env) if settings.channels_file else {}
        return cls(smtp_url=settings.smtp_url, people=people)

    def for_person(self, username: str, email: str | None) -> dict[str, str]:
        """Channel name → URL; a channel of the same name in the file replaces the built one."""
        channels: dict[str, str] = {}
        built = email_url(self.smtp_url, email)
        if built:
            channels[EMAIL_CHANNEL] = built
        channels.update(self.people.get(username, {}))
        return channels

    def resolve(self, username: str, email: str | None, channel: str) -> str | None:
        return self.for_person(username, email).get(channel)
