"""Issued documents (văn bản) as use cases: numbering and storing, the Quyết định, Giấy khen,
Tờ trình, Biên bản; what goes into each is in :mod:`tdkt.services.documents.content`."""

__all__ = [
    "certificate_signing",
    "content",
    "dossier",
    "issuing",
    "pdf_signing",
    "province",
    "rebuild",
    "register",
    "signing",
    "store",
    "summary",
    "verification",
    "withdraw",
]
