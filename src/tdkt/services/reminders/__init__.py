"""Deadline reminders (nhắc hạn): planning the day's rungs, the outbox, delivery through
the person's channels, daily digests and the province's calendar of obligations."""

__all__ = [
    "digest",
    "directory",
    "messages",
    "notices",
    "obligations",
    "outbox",
    "planning",
    "preferences",
    "runs",
]
