"""Phiếu bầu kín: one council member's whole ballot (one choice per dossier on the agenda).

Pure rules of the sealed ballot, whatever seals it:

- :func:`plaintext` is what gets sealed. It has the same length for every ballot of a session
  (a one-letter code per dossier, in case order), so the size of a sealed box says nothing about
  the choices in it; it names its session, so a box copied from another session is refused.
- :func:`read_plaintext` takes an opened box back to a ballot, refusing anything that is not a
  complete ballot of this session's agenda.
- :func:`canonical_json` and :func:`digest` are what the minutes print: the SHA-256 of the opened
  ballots written as canonical JSON — each ballot a list of ``[case_id, "agree"|"disagree"|
  "abstain"]`` in case order, the ballots sorted by their own JSON text, no spaces, ASCII — so any
  member holding the list of opened ballots can recompute it (``sha256sum``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping

from tdkt.domain.council import Tally, VoteChoice, tally

__all__ = ["Ballot", "CODES", "plaintext", "read_plaintext", "canonical", "from_canonical", "canonical_json",
           "digest", "tally_ballots"]

#: a whole ballot: agenda dossier (case id) → choice
Ballot = Mapping[int, VoteChoice]

#: one letter per choice inside the sealed plaintext: every ballot of a session is as long as the next
CODES = {VoteChoice.AGREE: "a", VoteChoice.DISAGREE: "d", VoteChoice.ABSTAIN: "n"}
_CHOICES = {code: choice for choice, code in CODES.items()}
_MAGIC = "tdkt-ballot/1"


def plaintext(session_id: int, ballot: Ballot) -> bytes:
    """The bytes sealed for one member: ``tdkt-ballot/1;<session>;<case><code>,…`` in case order."""
    body = ",".join(f"{case_id}{CODES[VoteChoice(choice)]}" for case_id, choice in sorted(ballot.items()))
    return f"{_MAGIC};{session_id};{body}".encode("ascii")


def read_plaintext(session_id: int, agenda: Collection[int], data: bytes) -> dict[int, VoteChoice]:
    """The ballot in an opened box. ValueError unless it is a ballot of ``session_id`` with at
    most one choice for each dossier of ``agenda`` (all of them, but for the dossiers its member
    was recused on: those are checked when the ballot is cast)."""
    magic, session, body = data.decode("ascii").split(";")
    if magic != _MAGIC or session != str(session_id):
        raise ValueError(f"not a ballot of session {session_id}")
    ballot: dict[int, VoteChoice] = {}
    for item in body.split(",") if body else []:
        case_id, code = int(item[:-1]), item[-1]
        if case_id in ballot or code not in _CHOICES:
            raise ValueError(f"bad or second choice for case {case_id}")
        ballot[case_id] = _CHOICES[code]
    if not set(ballot) <= set(agenda):
        raise ValueError("the ballot names dossiers outside the agenda")
    # a member recused on a dossier (its nominee, or who prepared it) votes on the others only
    return ballot


def canonical(ballot: Ballot) -> list[list[int | str]]:
    """``[[case_id, "agree"], …]`` in case order: how an opened ballot is stored and hashed."""
    return [[case_id, VoteChoice(choice).value] for case_id, choice in sorted(ballot.items())]


def from_canonical(rows: Iterable[Iterable[int | str]]) -> dict[int, VoteChoice]:
    ballot: dict[int, VoteChoice] = {}
    for case_id, choice in rows:
        ballot[int(case_id)] = VoteChoice(str(choice))
    return ballot


def _text(ballot: Ballot) -> str:
    return json.dumps(canonical(ballot), separators=(",", ":"), ensure_ascii=True)


def canonical_json(ballots: Iterable[Ballot]) -> str:
    """The opened ballots of a session as one canonical JSON text (sorted: the order they were
    cast in is gone)."""
    return "[" + ",".join(sorted(_text(b) for b in ballots)) + "]"


def digest(ballots: Iterable[Ballot]) -> str:
    """SHA-256 (hex) of :func:`canonical_json`: printed in the minutes so members can check it."""
    return hashlib.sha256(canonical_json(ballots).encode("ascii")).hexdigest()


def tally_ballots(ballots: Iterable[Ballot], agenda: Iterable[int]) -> dict[int, Tally]:
    """Agree / disagree / abstain per agenda dossier (zeros for a dossier nobody voted on)."""
    counted = tally((case_id, choice) for b in ballots for case_id, choice in b.items())
    return {case_id: counted.get(case_id, Tally()) for case_id in agenda}
