"""What goes into each document (nội dung văn bản), read from the case data, never retyped."""

__all__ = [
    "achievement",
    "basis",
    "common",
    "council_minutes",
    "decision",
    "dossier",
    "reports",
]
