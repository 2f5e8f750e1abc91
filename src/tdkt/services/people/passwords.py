"""Passwords: the policy (at least 12 characters, none of the common ones, not the username)
and argon2 hashing, at most :data:`HASH_SLOTS` hashes at once in a process.

Each argon2 hash takes 64 MiB for a few tens of milliseconds: a burst of logins, each costing
one, would take hundreds of MiB. The semaphore keeps a burst waiting its turn — a short queue,
briefly: with :data:`MAX_WAITING` already waiting, or past :data:`WAIT_SECONDS`, the attempt is
refused as busy (429, nothing checked), so a burst does not hold every thread of the server
while the owner's own login waits behind it.

The common passwords are zxcvbn's list (the 30,000 most frequent in public breach corpora) and
a short Vietnamese list shipped with the package (``common-passwords-vi.txt``)."""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from functools import cache
from importlib.resources import files

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tdkt.errors import InvalidInput, TooManyAttempts

__all__ = ["MIN_PASSWORD", "HASH_SLOTS", "Busy", "hash_password", "verify_password", "checked_password",
           "password_problem"]

log = logging.getLogger(__name__)
#: shortest password accepted (the agency's rule, above NIST SP 800-63B's 8)
MIN_PASSWORD = 12
#: argon2 hashes computed at once in one process (each takes 64 MiB)
HASH_SLOTS = 2
#: how long an attempt waits for a free slot before it is refused as busy
WAIT_SECONDS = 5.0
#: attempts waiting for a slot at most; one more is refused at once
MAX_WAITING = 4 * HASH_SLOTS
_hasher = PasswordHasher()
_slots = threading.BoundedSemaphore(HASH_SLOTS)
_queue = threading.Lock()
_waiting = 0
_TRAILING = re.compile(r"[\d\W_]+$")


class Busy(TooManyAttempts):
    """Too many passwords being checked at once in this process: try again in a moment."""

    def __init__(self) -> None:
        super().__init__("Máy chủ đang bận kiểm tra đăng nhập; hãy thử lại sau ít giây.",
                         f"no argon2 slot free within {WAIT_SECONDS:.0f} s", retry_after=2)


class _Slot:
    def __enter__(self) -> None:
        global _waiting
        with _queue:
            if _waiting >= MAX_WAITING:
                log.warning("password check refused: %d attempts already waiting for argon2", _waiting)
                raise Busy
            _waiting += 1
        try:
            acquired = _slots.acquire(timeout=WAIT_SECONDS)
        finally:
            with _queue:
                _waiting -= 1
        if not acquired:
            log.warning("password check refused: %d argon2 hashes busy", HASH_SLOTS)
            raise Busy

    def __exit__(self, *exc: object) -> None:
        _slots.release()


def hash_password(password: str) -> str:
    with _Slot():
        return _hasher.hash(password)


def verify_password(stored: str, password: str) -> tuple[bool, str | None]:
    """(matches, a new hash when the stored one used weaker parameters and it matched)."""
    with _Slot():
        try:
            _hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False, None
        return True, (_hasher.hash(password) if _hasher.check_needs_rehash(stored) else None)


@cache
def _common() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS  # type: ignore[import-untyped]

    own = files("tdkt.services.people").joinpath("common-passwords-vi.txt").read_text(encoding="utf-8")
    extra = (line.strip() for line in own.splitlines() if line.strip() and not line.startswith("#"))
    return frozenset(FREQUENCY_LISTS["passwords"]) | frozenset(extra)


def password_problem(password: str, username: str) -> str | None:
    """What is wrong with ``password`` for ``username``, in Vietnamese; None if it may be used."""
    if len(password) < MIN_PASSWORD:
        return f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự."
    folded = unicodedata.normalize("NFC", password).casefold()
    name = unicodedata.normalize("NFC", username).strip().casefold()
    if name and (name in folded or folded.strip() == name):
        return "Mật khẩu không được chứa tên đăng nhập."
    if len(set(folded)) == 1 or folded.isdigit():
        return "Mật khẩu không được chỉ gồm chữ số hay một ký tự lặp lại."
    base = _TRAILING.sub("", folded)
    if folded in _common() or (len(base) >= 4 and base in _common()):
        return "Mật khẩu này quá phổ biến (nằm trong danh sách mật khẩu hay bị dò); hãy chọn mật khẩu khác."
    return None


def checked_password(password: str, username: str) -> str:
    """The hash of ``password`` if the policy allows it for ``username``; InvalidInput if not."""
    problem = password_problem(password, username)
    if problem:
        raise InvalidInput(problem, f"password refused for {username!r}: {problem}")
    return hash_password(password)
