"""The reminders' channels (kênh nhận thông báo): the book itself is configuration, loaded
once per process with the settings (:mod:`tdkt.channels`); named here for the reminder
services and their tests."""

from __future__ import annotations

from tdkt.channels import (
    EMAIL_CHANNEL,
    IN_APP_CHANNEL,
    IN_APP_URL,
    ChannelBook,
    email_url,
    expand_env,
    load_channels_file,
)

__all__ = [
    "ChannelBook", "EMAIL_CHANNEL", "IN_APP_CHANNEL", "IN_APP_URL", "email_url", "expand_env", "load_channels_file",
]
