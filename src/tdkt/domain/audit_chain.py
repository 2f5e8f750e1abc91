"""The audit log's hash chain (chuỗi băm nhật ký): each entry carries the SHA-256 of its own
content and the hash of the entry before it, so that editing, deleting or inserting a row
shows at that row when the chain is walked again.

Canonical form, version ``tdkt-audit-v1`` — enough for a third party to re-verify an export
of ``audit_entry`` without this code:

1. An entry's **content** is the JSON array (in this order)::

       ["tdkt-audit-v1", seq, prev_hash, at, event, actor_id, on_behalf_of_id, case_id,
        task_name, action_id, from_status, to_status, detail]

   - ``seq``: the entry's position in the chain, an integer from 1, without gaps (the row
     ``id`` is the database's and is not hashed; the chain order is ``seq``);
   - ``prev_hash``: the ``hash`` of the entry at ``seq - 1``; for ``seq = 1`` sixty-four ``0``;
   - ``at``: the time in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (always six digits of
     microseconds, always ``Z``);
   - ``event``, ``task_name``, ``action_id``, ``from_status``, ``to_status``: strings or
     ``null``; ``actor_id``, ``on_behalf_of_id``, ``case_id``: integers (person and case ids) or
     ``null``;
   - ``detail``: the entry's JSON object as stored.
2. The array is serialised as **canonical JSON**: no whitespace (separators ``,`` and ``:``);
   object keys sorted by Unicode code point; strings with non-ASCII characters written as
   themselves, escaping only ``"`` and ``\\`` (as ``\\"`` and ``\\\\``), ``\\b \\f \\n \\r \\t``
   and the other characters below U+0020 as ``\\u00xx`` (lower-case hex); integers in decimal;
   other numbers as the shortest text that reads back as the same IEEE 754 double (``1.5``,
   ``1e+16``); ``true``, ``false``, ``null``; NaN and infinities are refused. In Python this is
   ``json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)``.
3. The text is encoded as UTF-8; ``hash`` is the lower-case hex SHA-256 of those bytes.

The chain's head (the last ``seq`` and ``hash``) is also kept in a one-row table, so that
removing the last entries is found too. What a chain cannot show: someone who can write the
whole table may rewrite every entry and recompute every hash. Operators keep the head hash
printed by ``tdkt audit verify`` outside the database; a later walk checks that it is still in
the chain (``--known-head``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

__all__ = ["FORMAT", "GENESIS", "EntryContent", "StoredEntry", "ChainHead", "BreakKind", "Break", "Verdict",
           "canonical_json", "canonical_time", "normalized_detail", "canonical_entry", "entry_hash",
           "chain", "walk"]

FORMAT = "tdkt-audit-v1"
#: the ``prev_hash`` of the first entry, and the head of an empty chain
GENESIS = "0" * 64


#: made once: ``json.dumps`` with other than its default arguments builds an encoder each call
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def canonical_json(value: Any) -> str:
    """Canonical JSON (rule 2 above); ValueError for NaN or infinities, TypeError for values
    JSON has no form for."""
    return _CANONICAL.encode(value)


def canonical_time(at: datetime) -> str:
    """UTC, microseconds always written: ``2026-12-28T00:30:00.000000Z``."""
    if at.tzinfo is None:
        raise ValueError("naive datetime: an audit entry's time must be aware")
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def normalized_detail(detail: Mapping[str, Any] | None) -> dict[str, Any]:
    """The detail as the database gives it back (JSON in, JSON out: tuples become lists,
    integer keys strings), so that what is hashed when writing is what a walk reads."""
    value = json.loads(json.dumps(dict(detail or {}), allow_nan=False))
    assert isinstance(value, dict)
    return value


@dataclass(frozen=True)
class EntryContent:
    """What an audit entry says (nhật ký): everything of the row except its id and chain fields."""

    at: datetime
    event: str
    actor_id: int | None = None
    on_behalf_of_id: int | None = None
    case_id: int | None = None
    task_name: str | None = None
    action_id: str | None = None
    from_status: str | None = None
    to_status: str | None = None
    detail: Mapping[str, Any] | None = None


def canonical_entry(seq: int, prev_hash: str, c: EntryContent) -> bytes:
    """The bytes that are hashed (rules 1–3)."""
    return canonical_json([
        FORMAT, seq, prev_hash, canonical_time(c.at), c.event, c.actor_id, c.on_behalf_of_id, c.case_id,
        c.task_name, c.action_id, c.from_status, c.to_status, dict(c.detail or {}),
    ]).encode("utf-8")


def entry_hash(seq: int, prev_hash: str, c: EntryContent) -> str:
    return hashlib.sha256(canonical_entry(seq, prev_hash, c)).hexdigest()


@dataclass(frozen=True)
class ChainHead:
    """The last link: its ``seq`` (0 for an empty chain) and ``hash``."""

    seq: int
    hash: str


def chain(head: ChainHead, contents: Iterable[EntryContent]) -> list[tuple[int, str, str]]:
    """``(seq, prev_hash, hash)`` for each new entry appended after ``head``, in order."""
    links = []
    seq, prev = head.seq, head.hash
    for c in contents:
        seq += 1
        h = entry_hash(seq, prev, c)
        links.append((seq, prev, h))
        prev = h
    return links


@dataclass(frozen=True)
class StoredEntry:
    """A row as read back for a walk."""

    id: int | None
    seq: int | None
    prev_hash: str | None
    hash: str | None
    content: EntryContent


class BreakKind(StrEnum):
    EDITED = "hash_mismatch"  # the row's content is not what was hashed: edited
    UNLINKED = "prev_mismatch"  # it does not follow the entry before it: a row deleted or inserted
    SEQUENCE = "sequence_gap"  # its position is not the next one
    TRUNCATED = "tail_missing"  # the chain ends before its recorded head: last rows deleted
    HEAD = "head_mismatch"  # the recorded head is not the last entry's hash
    OUTSIDE = "beyond_head"  # rows after the recorded head: written around the chain
    UNKNOWN_HEAD = "known_head_missing"  # a head recorded earlier is not in the chain: rewritten


@dataclass(frozen=True)
class Break:
    """The first broken link, with what is wrong in Vietnamese and English."""

    kind: BreakKind
    entry_id: int | None
    seq: int | None
    message_vi: str
    message_en: str


@dataclass(frozen=True)
class Verdict:
    count: int  # entries checked
    head: ChainHead
    broken: Break | None = None

    @property
    def ok(self) -> bool:
        return self.broken is None


def _at(e: StoredEntry) -> str:
    return f"mục số {e.id} (thứ tự {e.seq})"


def walk(entries: Iterable[StoredEntry], head: ChainHead, beyond_head: int = 0,
         known_head: str | None = None, start: ChainHead = ChainHead(1, GENESIS)) -> Verdict:
    """Walk ``entries`` (ordered by ``seq``, those up to ``head.seq``) and stop at the first
    broken link. ``beyond_head``: how many rows lie after the recorded head; ``known_head``:
    a head hash recorded earlier, which must still be the hash of an entry; ``start``: the
    first entry's expected seq and prev_hash (a walk of the last entry only takes them as
    found: it cannot judge the link before it)."""
    expected, prev, count, known_seen = start.seq, start.hash, 0, known_head in (None, GENESIS)
    for e in entries:
        try:
            computed: str | None = entry_hash(e.seq, e.prev_hash, e.content) if e.seq is not None \
                and e.prev_hash is not None else None
        except (TypeError, ValueError):
            computed = None
        if computed is None or computed != e.hash:
            return Verdict(count, head, Break(
                BreakKind.EDITED, e.id, e.seq,
                f"{_at(e)}: mã băm không khớp với nội dung — dòng này đã bị sửa trực tiếp trong cơ sở dữ liệu.",
                f"entry {e.id} (seq {e.seq}): hash mismatch, the row was edited"))
        if e.prev_hash != prev:
            return Verdict(count, head, Break(
                BreakKind.UNLINKED, e.id, e.seq,
                f"{_at(e)}: không nối với mục liền trước (mã băm mục trước không khớp) — có mục bị xoá, "
                "bị chèn hoặc bị thay ngay trước nó.",
                f"entry {e.id} (seq {e.seq}): prev mismatch, an entry before it was deleted, inserted or replaced"))
        if e.seq != expected:
            return Verdict(count, head, Break(
                BreakKind.SEQUENCE, e.id, e.seq,
                f"{_at(e)}: số thứ tự không liên tục (cần {expected}) — có mục bị xoá hoặc bị chèn.",
                f"entry {e.id} (seq {e.seq}): expected seq {expected}, an entry was deleted or inserted"))
        assert e.hash is not None  # equal to the computed hash
        prev, expected, count = e.hash, expected + 1, count + 1
        known_seen = known_seen or e.hash == known_head
    if expected <= head.seq:
        return Verdict(count, head, Break(
            BreakKind.TRUNCATED, None, expected,
            (f"thiếu mục cuối (thứ tự {head.seq})" if expected == head.seq else
             f"thiếu các mục cuối, từ thứ tự {expected} đến {head.seq}") + " — đã bị xoá.",
            f"entries seq {expected}..{head.seq} are missing: the tail was deleted"))
    if prev != head.hash:
        return Verdict(count, head, Break(
            BreakKind.HEAD, None, head.seq,
            f"đầu chuỗi đã ghi ({head.hash}) không khớp với mục cuối (thứ tự {head.seq}) — bảng đầu chuỗi hoặc "
            "mục cuối đã bị sửa.",
            f"recorded head {head.hash} is not the hash of the last entry (seq {head.seq})"))
    if beyond_head:
        return Verdict(count, head, Break(
            BreakKind.OUTSIDE, None, head.seq + 1,
            f"có {beyond_head} mục nằm sau đầu chuỗi (từ thứ tự {head.seq + 1}) — được ghi thẳng vào cơ sở dữ liệu, "
            "không qua hệ thống.",
            f"{beyond_head} row(s) after the recorded head (seq > {head.seq}): written around the chain"))
    if not known_seen:
        return Verdict(count, head, Break(
            BreakKind.UNKNOWN_HEAD, None, None,
            f"mã đầu chuỗi đã ghi lại trước đây ({known_head}) không còn trong chuỗi — nhật ký đã bị viết lại.",
            f"the head recorded earlier ({known_head}) is not in the chain: the log was rewritten"))
    return Verdict(count, head)
