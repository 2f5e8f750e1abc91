"""Mã tra cứu: every PDF the system issues for signing carries, printed before anyone signs it,
a lookup code — ten characters drawn at random (about 49 bits: not guessable, and lookups are
limited per address) — and where to check it. The public page ``/verify?ma=…`` finds by it the
register entry of the issued document (kind, số/ký hiệu, date, trích yếu) and verifies the
stored signed file again. A document not issued (not signed yet, or withdrawn) is not found,
with the same answer as a code that does not exist."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite

from tdkt.config import Settings
from tdkt.domain.document_kinds import document_noun
from tdkt.errors import InvalidInput, NotFound, TooManyAttempts
from tdkt.pdfsign import locate_text
from tdkt.pdfsign.sign import print_line
from tdkt.persistence.models import IssuedDocument, LoginThrottle
from tdkt.runtime import Runtime
from tdkt.services.documents.verification import FileReport, verify_file

__all__ = ["ensure_code", "print_code", "find_issued", "IssuedEntry", "normalise", "LOOKUPS_PER_MINUTE"]

#: Crockford-like: no 0/O, 1/I/L, U
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
LOOKUPS_PER_MINUTE = 20
_WINDOW = timedelta(minutes=1)


def _new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def shown(code: str) -> str:
    """As printed: two groups of five."""
    return f"{code[:5]}-{code[5:]}"


def normalise(text: str) -> str | None:
    """What a person types, in any case, with or without the dash and spaces; None when it
    cannot be a code (so nothing is looked up)."""
    code = re.sub(r"[\s\-.]", "", text).upper()
    return code if len(code) == LENGTH and all(c in ALPHABET for c in code) else None


def ensure_code(doc: IssuedDocument) -> str:
    """The document's lookup code, drawn once (inside the caller's transaction)."""
    if not doc.lookup_code:
        doc.lookup_code = _new_code()
    return doc.lookup_code


#: points from the bottom of a Giấy khen's page to its mã tra cứu: inside the double frame (24 pt
#: from the edge), below the bottom margin, far from the số vào sổ
CERTIFICATE_FOOT = 34


def print_code(settings: Settings, pdf: bytes, code: str) -> bytes:
    """``pdf`` with its lookup code printed small at the foot of the first page; on a Giấy khen
    apart from its "Số vào sổ", at the very bottom inside the frame, in line with it."""
    line = f"Mã tra cứu: {shown(code)} — kiểm tra văn bản tại {settings.web_base_url.rstrip('/')}/verify?ma={code}"
    at = (40, 14)
    for page, (x0, y0, _x1, _y1), _width, _free in locate_text(pdf, "Số vào sổ:"):
        if page == 0:
            at = (int(x0), min(CERTIFICATE_FOOT, max(int(y0) - 24, 14)))
            break
    return print_line(pdf, line, at=at, font=settings.signature_font)


@dataclass(frozen=True)
class IssuedEntry:
    """The register entry of an issued document and its stored signed file verified again."""

    code: str
    kind: str  # "Quyết định", "Giấy khen", …
    reference: str
    issued_on: date
    title: str
    signed_at: datetime | None
    sha256: str  # recorded in the register
    stored_matches: bool  # the stored file still has the recorded SHA-256
    report: FileReport
    filename: str


def _claim(rt: Runtime, address: str) -> None:
    """At most :data:`LOOKUPS_PER_MINUTE` lookups a minute from one address, across processes
    (the login throttle's table, key ``verify:ADDRESS``)."""
    now, key = rt.now(), "verify:" + (address or "-")[:180]
    with rt.uow() as uow:
        s = uow.session
        dialect = postgresql if s.get_bind().dialect.name == "postgresql" else sqlite
        s.execute(dialect.insert(LoginThrottle).values(key=key, failures=0, next_at=now, window_start=now,
                                                       window_count=0).on_conflict_do_nothing(index_elements=["key"]))
        fresh = s.execute(update(LoginThrottle).where(LoginThrottle.key == key,
                                                      LoginThrottle.window_start <= now - _WINDOW)
                          .values(window_start=now, window_count=1))
        if fresh.rowcount == 0:  # type: ignore[attr-defined]
            counted = s.execute(update(LoginThrottle).where(LoginThrottle.key == key,
                                                            LoginThrottle.window_count < LOOKUPS_PER_MINUTE)
                                .values(window_count=LoginThrottle.window_count + 1))
            if counted.rowcount == 0:  # type: ignore[attr-defined]
                uow.commit()
                raise TooManyAttempts("Có quá nhiều lần tra cứu từ địa chỉ này; hãy thử lại sau một phút.",
                                      f"lookups from {address} over the limit", retry_after=60)
        uow.commit()


def find_issued(rt: Runtime, text: str, address: str) -> IssuedEntry:
    """The issued document whose code is ``text``; NotFound (the same answer) for a code that
    does not exist and for a document not issued."""
    code = normalise(text)
    if code is None:
        raise InvalidInput(f"Mã tra cứu gồm {LENGTH} ký tự, ví dụ {shown('7KQ2MXP9RT')}.", "malformed lookup code")
    _claim(rt, address)
    with rt.uow() as uow:
        doc = uow.session.scalars(select(IssuedDocument).where(IssuedDocument.lookup_code == code)).one_or_none()
        if doc is None or not doc.signed_path or not doc.signed_sha256 or doc.status == "withdrawn":
            raise NotFound("Không có văn bản đã ban hành với mã tra cứu này.", "no issued document for the code")
        entry = (document_noun(doc.kind), doc.reference, doc.issued_on, doc.title, doc.signed_at,
                 doc.signed_sha256, Path(doc.signed_path))
    path = entry[6]
    data = path.read_bytes() if path.exists() else b""
    report = verify_file(rt, data) if data else FileReport("", [], "")
    return IssuedEntry(code, entry[0], entry[1], entry[2], entry[3], entry[4], entry[5],
                       report.sha256 == entry[5], report, path.name)
