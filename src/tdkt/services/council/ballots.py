"""The secret ballot box of a council session (hòm phiếu kín): sealing a member's ballot when they
vote, and the count (kiểm phiếu) when the session closes.

While the session is open nothing in the database says how anyone voted: each ballot is one
sealed box (:class:`~tdkt.persistence.models.SealedBallot`) that only the session's private key
opens, and that key is a file outside the database (:mod:`tdkt.sealing`). Nobody — secretary,
admin, DBA — sees a per-dossier count before the count, so comparing counts before and after a
vote learns nothing.

The count, inside the close's transaction: read the private key, open every box, shuffle the
ballots, store them as :class:`~tdkt.persistence.models.OpenedBallot` rows (one transaction for
all voters, random keys, shuffled order), delete the sealed rows, record the digest; once that
transaction has committed the caller destroys the key (:func:`destroy_key`). From the count on no
ballot is accepted (:func:`refuse_if_counted`), so a result shown after it (a tie at the quota
line) cannot be compared with a later vote.
"""

from __future__ import annotations

import random
import secrets
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from tdkt.domain import ballot as ballots
from tdkt.domain.council import Tally, VoteChoice
from tdkt.errors import CorruptState, WrongState
from tdkt.persistence.models import AgendaItem, CouncilSession, OpenedBallot, SealedBallot, VoteReceipt
from tdkt.runtime import Runtime

__all__ = ["new_session_key", "discard_new_key", "seal_ballot", "refuse_if_counted", "count_ballots", "counted_tallies",
           "opened_ballots", "spent_key", "destroy_key"]


def _public_key(cs: CouncilSession) -> bytes:
    if not cs.ballot_public_key:
        raise WrongState(f"Phiên họp số {cs.id} không có khóa niêm phong phiếu kín.",
                         f"council session {cs.id} has no ballot key")
    return bytes.fromhex(cs.ballot_public_key)


def _agenda(s: Session, session_id: int) -> list[int]:
    return list(s.scalars(select(AgendaItem.case_id).where(AgendaItem.session_id == session_id)
                          .order_by(AgendaItem.position)))


def new_session_key(rt: Runtime, cs: CouncilSession) -> None:
    """The session's keypair: the private key to the key folder (on disk before the caller
    commits), the public key onto the session. The caller removes the key if it does not commit."""
    cs.ballot_public_key = rt.ballot_box.new_key(cs.id).hex()


def discard_new_key(rt: Runtime, cs: CouncilSession) -> None:
    """The key of a session whose opening did not commit (no ballot can exist for it)."""
    if cs.ballot_public_key:
        rt.ballot_box.destroy_key(cs.id, bytes.fromhex(cs.ballot_public_key))


def refuse_if_counted(cs: CouncilSession) -> None:
    if cs.ballots_counted_at is not None:
        raise WrongState("Hội đồng đã kiểm phiếu phiên họp này: không nhận thêm phiếu, không đổi điểm danh.",
                         f"council session {cs.id} already counted")


def seal_ballot(rt: Runtime, s: Session, cs: CouncilSession, ballot: ballots.Ballot) -> None:
    """One member's whole ballot as one sealed box, with no person, no time and a random key."""
    refuse_if_counted(cs)
    box = rt.ballot_box.seal(_public_key(cs), ballots.plaintext(cs.id, ballot))
    s.execute(insert(SealedBallot).values(id=secrets.token_hex(16), session_id=cs.id, box=box))


def count_ballots(rt: Runtime, s: Session, cs: CouncilSession, now: datetime) -> dict[int, Tally]:
    """Kiểm phiếu, in the caller's transaction: the tallies per agenda dossier. Refused — and
    nothing changed — when the key is missing or wrong, or the box does not hold exactly one
    valid ballot per receipt."""
    refuse_if_counted(cs)
    open_box = rt.ballot_box.opener(cs.id, _public_key(cs))
    agenda = _agenda(s, cs.id)
    sealed = list(s.scalars(select(SealedBallot.box).where(SealedBallot.session_id == cs.id)))
    receipts = s.scalar(select(func.count()).select_from(VoteReceipt).where(VoteReceipt.session_id == cs.id))
    if len(sealed) != receipts:
        raise CorruptState(f"Hòm phiếu của phiên họp số {cs.id} có {len(sealed)} phiếu nhưng {receipts} thành viên "
                           "đã bỏ phiếu. Chưa có gì thay đổi.",
                           f"session {cs.id}: {len(sealed)} sealed ballots for {receipts} receipts")
    opened = []
    for box in sealed:
        try:
            opened.append(ballots.read_plaintext(cs.id, agenda, open_box(box)))
        except ValueError as err:
            raise CorruptState(f"Hòm phiếu của phiên họp số {cs.id} có phiếu không hợp lệ. Chưa có gì thay đổi.",
                               f"session {cs.id}: an opened ballot is malformed: {err}") from err
    random.SystemRandom().shuffle(opened)
    if opened:
        s.execute(insert(OpenedBallot), [{"id": secrets.token_hex(16), "session_id": cs.id,
                                          "choices": ballots.canonical(b)} for b in opened])
    s.execute(delete(SealedBallot).where(SealedBallot.session_id == cs.id))
    cs.ballots_counted_at, cs.ballot_digest = now, ballots.digest(opened)
    return ballots.tally_ballots(opened, agenda)


def opened_ballots(s: Session, session_id: int) -> list[dict[int, VoteChoice]]:
    """The ballots opened at the count, in no particular order."""
    return [ballots.from_canonical(c) for c in s.scalars(select(OpenedBallot.choices).where(
        OpenedBallot.session_id == session_id))]


def counted_tallies(s: Session, cs: CouncilSession) -> dict[int, Tally] | None:
    """The tallies once the session is counted; None before — they do not exist yet."""
    if cs.ballots_counted_at is None:
        return None
    return ballots.tally_ballots(opened_ballots(s, cs.id), _agenda(s, cs.id))


def spent_key(cs: CouncilSession) -> str | None:
    """The public key of a counted session, whose private key must no longer exist."""
    return cs.ballot_public_key if cs.ballots_counted_at is not None else None


def destroy_key(rt: Runtime, session_id: int, public_key: str | None) -> bool:
    """After the count has committed (:func:`spent_key`), or to finish a destruction a crash
    interrupted."""
    return bool(public_key) and rt.ballot_box.destroy_key(session_id, bytes.fromhex(public_key or ""))
