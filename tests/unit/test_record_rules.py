"""The rules of recorded results (issue 18, items 3 and 4), pure: which steps complete only from a
record, the ký hiệu of a number given outside the system, and the counts of a council that met
on paper."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tdkt.domain.council import Attendance, Rules, Tally
from tdkt.domain.council_paper import paper_tallies
from tdkt.domain.document_number import parse_party_reference, parse_reference
from tdkt.domain.policy import SIGNERS
from tdkt.domain.provenance import PROVENANCE, Source, provenance_rule
from tdkt.domain.status import Step
from tdkt.errors import InvalidInput, RuleViolation


def test_the_council_steps_and_the_signing_steps_complete_only_from_a_record() -> None:
    assert set(PROVENANCE) == {Step.COUNCIL_DECIDE, Step.PROVINCE_COUNCIL_DECIDE, Step.SIGN_DECISION,
                               Step.SIGN_SUBMISSION, Step.SIGN_PARTY_SUBMISSION}
    assert provenance_rule(Step.APPRAISE_DOSSIER) is None
    for step in (Step.COUNCIL_DECIDE, Step.PROVINCE_COUNCIL_DECIDE):
        assert PROVENANCE[step].sources == (Source.SESSION_DECISION, Source.PAPER_RESULT)
    for rule in SIGNERS.values():  # every signed document's step is in the table
        assert PROVENANCE[rule.step].sources == (Source.ISSUED_DOCUMENT, Source.REGISTERED_DOCUMENT)
    assert all(r.rule and r.basis for r in PROVENANCE.values())


@pytest.mark.parametrize(("text", "number"), [("15/QĐ-BQL", 15), ("05/QĐ-BQL", 5), (" 7/QĐ-BQL ", 7),
                                              ("99999/QĐ-BQL", 99999)])
def test_a_number_in_the_agencys_form_is_read(text: str, number: int) -> None:
    assert parse_reference(text, "QĐ", "BQL") == number


@pytest.mark.parametrize("text", ["999/QĐ-GIẢ", "15/QĐ-UBND", "15/TTr-BQL", "QĐ-BQL", "0/QĐ-BQL", "00/QĐ-BQL",
                                  "15/QĐ-BQL/2026", "15 /QĐ-BQL", "١٥/QĐ-BQL", "100000/QĐ-BQL", "15/qđ-bql", ""])
def test_a_number_in_another_form_is_refused_with_the_expected_one(text: str) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_reference(text, "QĐ", "BQL")
    assert "ví dụ 15/QĐ-BQL" in err.value.message_vi


def test_a_tờ_trình_number_reads_its_own_ký_hiệu() -> None:
    assert parse_reference("12/TTr-BQL", "TTr", "BQL") == 12
    with pytest.raises(InvalidInput):
        parse_reference("12/QĐ-BQL", "TTr", "BQL")


RULES = Rules()  # ít nhất 2/3 dự họp; trên 1/2 số dự họp đồng ý


def test_paper_votes_become_tallies_with_the_silent_members_abstaining() -> None:
    tallies = paper_tallies(RULES, Attendance(members=6, present=5), {1: (4, 1), 2: (2, 0)})
    assert tallies == {1: Tally(4, 1, 0), 2: Tally(2, 0, 3)}


@pytest.mark.parametrize(("att", "votes", "words"), [
    (Attendance(6, 7), {1: (4, 0)}, "số thành viên dự họp (7)"),
    (Attendance(6, 5), {1: (6, 0)}, "6 đồng ý và 0 không đồng ý, nhiều hơn 5"),
    (Attendance(6, 5), {1: (3, 3)}, "nhiều hơn 5 thành viên dự họp"),
    (Attendance(6, 5), {1: (-1, 0)}, "không được âm"),
    (Attendance(6, 5), {}, "chưa có kết quả"),
    (Attendance(0, 0), {1: (0, 0)}, "chưa có thành viên"),
])
def test_paper_counts_that_do_not_hold_together_are_refused(att: Attendance, votes: dict, words: str) -> None:
    with pytest.raises(InvalidInput) as err:
        paper_tallies(RULES, att, votes)
    assert words in err.value.message_vi


def test_a_paper_meeting_without_quorum_decides_nothing() -> None:
    with pytest.raises(RuleViolation) as err:
        paper_tallies(RULES, Attendance(6, 3), {1: (3, 0)})
    assert err.value.rule == "council_quorum" and "3/6" in err.value.message_vi
    assert paper_tallies(Rules(quorum=Fraction(1, 2)), Attendance(6, 3), {1: (3, 0)}) == {1: Tally(3, 0, 0)}


@pytest.mark.parametrize(("text", "abbr", "number"), [("05-QĐ/ĐUKTCK", "ĐUKTCK", 5), ("125-QĐ/ĐU", None, 125),
                                                      (" 01-QĐ/ĐUKTCK ", "ĐUKTCK", 1), ("7-QĐ/BTV", None, 7)])
def test_a_number_in_the_partys_form_is_read(text: str, abbr: str | None, number: int) -> None:
    assert parse_party_reference(text, "QĐ", abbr) == number


@pytest.mark.parametrize(("text", "abbr"), [("2150/QĐ-UBND", None), ("05/QĐ-BQLKKTCK", "ĐUKTCK"),
                                            ("05-QĐ/ĐU", "ĐUKTCK"), ("05-TTr/ĐUKTCK", "ĐUKTCK"), ("0-QĐ/ĐU", None),
                                            ("QĐ/ĐU", None), ("125-qđ/đu", None), ("", None)])
def test_a_number_not_in_the_partys_form_is_refused_in_vietnamese(text: str, abbr: str | None) -> None:
    with pytest.raises(InvalidInput) as err:
        parse_party_reference(text, "QĐ", abbr, what="Quyết định của Ban Thường vụ Đảng ủy UBND tỉnh")
    assert "không đúng thể thức văn bản của Đảng" in err.value.message_vi
    assert f"ví dụ 125-QĐ/{abbr or 'ĐU'}" in err.value.message_vi
