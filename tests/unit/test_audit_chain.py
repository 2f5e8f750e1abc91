"""The audit log's hash chain, pure: the canonical form a third party re-computes, the links,
and the walk that names the first broken one (tdkt.domain.audit_chain)."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tdkt.domain.audit_chain import (
    GENESIS,
    BreakKind,
    ChainHead,
    EntryContent,
    StoredEntry,
    canonical_entry,
    canonical_time,
    chain,
    entry_hash,
    normalized_detail,
    walk,
)

ICT = timezone(timedelta(hours=7))
APPRAISAL = EntryContent(
    at=datetime(2026, 12, 28, 7, 30, tzinfo=ICT), event="appraise_dossier", actor_id=5, case_id=12,
    task_name="appraise_dossier", action_id="a1", from_status="appraise_dossier", to_status="council_decide",
    detail={"votes": 3, "reason": 'Bổ sung "số liệu"\n', "a": [1.5, None, True]},
)


def test_the_canonical_form_is_the_documented_json_array_in_utf8() -> None:
    text = ('["tdkt-audit-v1",1,"' + "0" * 64 + '","2026-12-28T00:30:00.000000Z","appraise_dossier",5,null,12,'
            '"appraise_dossier","a1","appraise_dossier","council_decide",'
            '{"a":[1.5,null,true],"reason":"Bổ sung \\"số liệu\\"\\n","votes":3}]')
    assert canonical_entry(1, GENESIS, APPRAISAL) == text.encode("utf-8")
    assert entry_hash(1, GENESIS, APPRAISAL) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    # a fixed vector for anyone re-implementing the check
    assert entry_hash(1, GENESIS, APPRAISAL) == "e9cfef828c8f85a88a183553fc6df49215be665ba133cbe89cb9c035c20be87c"


def test_time_is_utc_with_microseconds_and_a_naive_time_is_refused() -> None:
    assert canonical_time(datetime(2026, 1, 1, 0, 0, 0, 5, tzinfo=ICT)) == "2025-12-31T17:00:00.000005Z"
    assert canonical_time(datetime(2026, 1, 1, tzinfo=UTC)) == "2026-01-01T00:00:00.000000Z"
    same_instant = replace(APPRAISAL, at=APPRAISAL.at.astimezone(UTC))
    assert entry_hash(1, GENESIS, same_instant) == entry_hash(1, GENESIS, APPRAISAL)
    with pytest.raises(ValueError, match="naive"):
        canonical_time(datetime(2026, 1, 1))


def test_detail_is_hashed_as_the_database_gives_it_back() -> None:
    assert normalized_detail({2: ("x", 1), "b": {"y": 1.0}}) == {"2": ["x", 1], "b": {"y": 1.0}}
    assert normalized_detail(None) == {}
    with pytest.raises(ValueError):
        normalized_detail({"votes": float("nan")})
    reordered = replace(APPRAISAL, detail=dict(reversed(list(APPRAISAL.detail.items()))))  # type: ignore[union-attr]
    assert entry_hash(1, GENESIS, reordered) == entry_hash(1, GENESIS, APPRAISAL)


@pytest.mark.parametrize("change", [
    {"at": APPRAISAL.at + timedelta(microseconds=1)}, {"event": "sign_decision"}, {"actor_id": 6},
    {"on_behalf_of_id": 5}, {"case_id": 13}, {"task_name": None}, {"action_id": "a2"},
    {"from_status": "submit_dossier"}, {"to_status": "appraise_dossier"}, {"detail": {**APPRAISAL.detail, "votes": 4}},
])
def test_every_field_is_covered_by_the_hash(change: dict) -> None:
    assert entry_hash(1, GENESIS, replace(APPRAISAL, **change)) != entry_hash(1, GENESIS, APPRAISAL)


def test_position_and_predecessor_are_covered_by_the_hash() -> None:
    assert entry_hash(2, GENESIS, APPRAISAL) != entry_hash(1, GENESIS, APPRAISAL)
    assert entry_hash(1, "1" * 64, APPRAISAL) != entry_hash(1, GENESIS, APPRAISAL)


def _entries(n: int) -> list[StoredEntry]:
    contents = [replace(APPRAISAL, action_id=f"a{i}", at=APPRAISAL.at + timedelta(seconds=i)) for i in range(n)]
    return [StoredEntry(100 + seq, seq, prev, h, c)
            for c, (seq, prev, h) in zip(contents, chain(ChainHead(0, GENESIS), contents), strict=True)]


def _head(entries: list[StoredEntry]) -> ChainHead:
    return ChainHead(entries[-1].seq or 0, entries[-1].hash or "") if entries else ChainHead(0, GENESIS)


def test_links_follow_one_another_from_the_genesis() -> None:
    entries = _entries(4)
    assert [e.seq for e in entries] == [1, 2, 3, 4]
    assert entries[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.hash for a, b in zip(entries, entries[1:], strict=False))
    more = chain(_head(entries[:2]), [entries[2].content, entries[3].content])
    assert more == [(e.seq, e.prev_hash, e.hash) for e in entries[2:]]  # appending later gives the same links


def test_a_clean_chain_and_an_empty_one_verify() -> None:
    entries = _entries(5)
    verdict = walk(entries, _head(entries))
    assert verdict.ok and verdict.count == 5 and verdict.head == _head(entries)
    assert walk([], ChainHead(0, GENESIS)).ok


def test_an_edited_row_is_found_at_that_row() -> None:
    entries = _entries(5)
    entries[2] = replace(entries[2], content=replace(entries[2].content, detail={"votes": 6}))
    broken = walk(entries, _head(entries)).broken
    assert broken is not None and (broken.kind, broken.entry_id, broken.seq) == (BreakKind.EDITED, 103, 3)
    assert "mục số 103" in broken.message_vi and "bị sửa" in broken.message_vi


def test_a_deleted_row_is_found_at_the_row_after_it() -> None:
    entries = _entries(5)
    del entries[1]
    verdict = walk(entries, _head(entries))
    assert verdict.broken is not None and verdict.count == 1
    assert (verdict.broken.kind, verdict.broken.entry_id) == (BreakKind.UNLINKED, 103)


def test_a_forged_row_is_found_whether_its_hash_is_made_up_or_computed() -> None:
    entries = _entries(4)
    forged = replace(APPRAISAL, event="council_decide", detail={"council_approved": True})
    made_up = StoredEntry(999, 3, entries[1].hash, "f" * 64, forged)
    broken = walk([*entries[:2], made_up], ChainHead(3, "f" * 64)).broken
    assert broken is not None and (broken.kind, broken.entry_id) == (BreakKind.EDITED, 999)
    # computed as the docstring says, the following rows renumbered: the next row does not link
    computed = StoredEntry(999, 3, entries[1].hash, entry_hash(3, entries[1].hash or "", forged), forged)
    shifted = [replace(e, seq=(e.seq or 0) + 1) for e in entries[2:]]
    broken = walk([*entries[:2], computed, *shifted], _head(entries)).broken
    assert broken is not None and broken.kind == BreakKind.EDITED  # renumbering changed their content
    unshifted_tail = walk([*entries[:2], computed, entries[2]], _head(entries)).broken
    assert unshifted_tail is not None and (unshifted_tail.kind, unshifted_tail.entry_id) == (BreakKind.UNLINKED, 103)


def test_a_gap_in_the_sequence_is_found() -> None:
    entries = _entries(3)
    renumbered = replace(entries[0], seq=2)
    renumbered = replace(renumbered, hash=entry_hash(2, GENESIS, renumbered.content))
    broken = walk([renumbered], ChainHead(2, renumbered.hash or "")).broken
    assert broken is not None and broken.kind == BreakKind.SEQUENCE


def test_the_tail_missing_the_head_changed_and_rows_beyond_the_head_are_found() -> None:
    entries = _entries(5)
    head = _head(entries)
    truncated = walk(entries[:3], head).broken
    assert truncated is not None and (truncated.kind, truncated.seq) == (BreakKind.TRUNCATED, 4)
    changed = walk(entries, ChainHead(5, "0" * 63 + "1")).broken
    assert changed is not None and changed.kind == BreakKind.HEAD
    beyond = walk(entries, head, beyond_head=2).broken
    assert beyond is not None and beyond.kind == BreakKind.OUTSIDE and "2 mục" in beyond.message_vi


def test_a_head_recorded_earlier_must_still_be_in_the_chain() -> None:
    entries = _entries(5)
    assert walk(entries, _head(entries), known_head=entries[2].hash).ok
    rewritten = walk(entries, _head(entries), known_head="a" * 64).broken
    assert rewritten is not None and rewritten.kind == BreakKind.UNKNOWN_HEAD


def test_a_row_with_chain_fields_missing_is_a_break_not_a_crash() -> None:
    entries = _entries(2)
    entries[1] = replace(entries[1], hash=None)
    broken = walk(entries, ChainHead(2, "x")).broken
    assert broken is not None and (broken.kind, broken.seq) == (BreakKind.EDITED, 2)


def test_a_walk_of_the_last_entry_alone_checks_it_against_the_head() -> None:
    entries = _entries(4)
    last = entries[-1]
    start = ChainHead(4, last.prev_hash or "")
    assert walk([last], _head(entries), start=start).ok
    edited = replace(last, content=replace(last.content, event="x"))
    assert walk([edited], _head(entries), start=start).broken is not None
    assert walk([], _head(entries), start=ChainHead(4, "")).broken.kind == BreakKind.TRUNCATED  # type: ignore[union-attr]
