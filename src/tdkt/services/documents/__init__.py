"""Issued documents (văn bản) as use cases: numbering and storing, the Quyết định, Giấy khen,
Tờ trình, Biên bản; what goes into each is in :mod:`tdkt.services.documents.content`."""

__all__ = [
    "content",
    "dossier",
    "issuing",
    "province",
    "rebuild",
    "register",
    "signing",
    "store",
    "summary",
    "withdraw",
]
