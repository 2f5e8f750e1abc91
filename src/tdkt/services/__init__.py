"""Write side (use cases), one package per capability; each function is one use case and one
database transaction. Read models for pages are in :mod:`tdkt.views`."""

__all__ = [
    "council",
    "documents",
    "movements",
    "nominations",
    "ops",
    "people",
    "reminders",
    "route",
]
