"""The unit's dossier (hồ sơ đề nghị): opening a nomination, its attachments, comments,
the appraisal checklist, withdrawal, the award history it leaves, and what a closed dossier
refuses."""

__all__ = [
    "attachments",
    "awards",
    "checklist",
    "closed",
    "comments",
    "opening",
    "withdrawal",
]
