"""The unit's dossier (hồ sơ đề nghị): opening a nomination, its attachments, comments,
the appraisal checklist, withdrawal and the award history it leaves."""

__all__ = [
    "attachments",
    "awards",
    "checklist",
    "comments",
    "opening",
    "withdrawal",
]
