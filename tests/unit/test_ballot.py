"""A member's sealed ballot (phiếu bầu kín): what is sealed, what an opened box must be, and the
digest the minutes print."""

from __future__ import annotations

import hashlib

import pytest

from tdkt.domain.ballot import canonical_json, digest, from_canonical, plaintext, read_plaintext, tally_ballots
from tdkt.domain.council import Tally, VoteChoice

A, D, N = VoteChoice.AGREE, VoteChoice.DISAGREE, VoteChoice.ABSTAIN
AGENDA = (3, 12, 105)


def test_every_ballot_of_a_session_seals_the_same_number_of_bytes():
    sizes = {len(plaintext(7, dict(zip(AGENDA, choice, strict=True))))
             for choice in ((A, A, A), (D, D, D), (N, N, N), (A, D, N))}
    assert len(sizes) == 1


def test_an_opened_ballot_reads_back_to_the_same_choices():
    ballot = {3: A, 12: N, 105: D}
    assert read_plaintext(7, AGENDA, plaintext(7, ballot)) == ballot


@pytest.mark.parametrize("data", [
    plaintext(8, {3: A, 12: A, 105: A}),      # another session's ballot
    plaintext(7, {3: A, 12: A, 105: A, 9: A}),  # a dossier not on the agenda
    b"tdkt-ballot/1;7;3a,3d,12a,105a",         # two choices for one dossier
    b"tdkt-ballot/1;7;3a,12x,105a",            # an unknown choice
    b"tdkt-ballot/1;7;3a,12a,105a;extra",
    b"\xff\xfe",
    b"",
], ids=["other-session", "unknown-case", "twice", "bad-code", "trailing", "not-ascii", "empty"])
def test_anything_but_a_ballot_of_the_session_is_refused(data):
    with pytest.raises(ValueError):
        read_plaintext(7, AGENDA, data)


def test_a_member_recused_on_a_dossier_votes_on_the_others_only():
    """The nominee (or who prepared the dossier) leaves it out: checked when the ballot is cast."""
    assert read_plaintext(7, AGENDA, plaintext(7, {3: A, 12: A})) == {3: A, 12: A}


def test_the_digest_is_the_sha256_of_the_sorted_canonical_ballots_whatever_order_they_come_in():
    first, second = {12: D, 3: A, 105: N}, {3: N, 12: A, 105: A}
    # each ballot in case order, the ballots sorted by their own text ("abstain" < "agree"), no spaces
    expected_text = '[[[3,"abstain"],[12,"agree"],[105,"agree"]],[[3,"agree"],[12,"disagree"],[105,"abstain"]]]'
    assert canonical_json([first, second]) == expected_text
    assert digest([first, second]) == digest([second, first]) == hashlib.sha256(expected_text.encode()).hexdigest()
    assert digest([first, first]) != digest([first, second])
    assert digest([]) == hashlib.sha256(b"[]").hexdigest()


def test_stored_ballots_come_back_and_tally_per_agenda_dossier():
    stored = [[[3, "agree"], [12, "disagree"], [105, "agree"]], [[3, "agree"], [12, "abstain"], [105, "agree"]]]
    ballots = [from_canonical(rows) for rows in stored]
    assert tally_ballots(ballots, [*AGENDA, 200]) == {3: Tally(2, 0, 0), 12: Tally(0, 1, 1), 105: Tally(2, 0, 0),
                                                     200: Tally()}
