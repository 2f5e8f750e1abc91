"""The Đảng ủy's meeting rules (domain.party_committee): who sits on the committee by the chức vụ
trong Đảng, who chairs, the quorum and the majority a vote needs."""

from __future__ import annotations

import pytest

from tdkt.domain.party_committee import (
    DEPUTY,
    MEMBER,
    SECRETARY,
    STANDING,
    Member,
    carries,
    chair_of,
    committee_post,
    has_quorum,
    vote_problem,
)


@pytest.mark.parametrize(("position", "post"), [
    ("Bí thư Đảng ủy Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn", SECRETARY),
    ("Phó Bí thư Đảng ủy", DEPUTY),
    ("Phó Bí thư Thường trực Đảng ủy", DEPUTY),
    ("Ủy viên Ban Thường vụ Đảng ủy", STANDING),
    ("Đảng ủy viên", MEMBER),
    ("đảng uỷ viên", MEMBER),  # the old tone placement, lower case
    ("Đảng ủy viên, Bí thư Chi bộ Văn phòng", MEMBER),
    ("Bí thư Chi bộ Văn phòng, Ủy viên Ban Thường vụ Đảng ủy", STANDING),
    ("Bí thư Chi bộ Văn phòng", None),
    ("Đảng viên Chi bộ Văn phòng", None),
    ("", None),
])
def test_the_post_in_the_committee_is_read_from_the_chức_vụ_trong_đảng(position, post):
    assert committee_post(position) == post


def test_the_bí_thư_chairs_and_a_phó_bí_thư_when_he_is_away():
    seated = [Member(1, SECRETARY, True), Member(2, DEPUTY, True), Member(3, DEPUTY, True), Member(4, MEMBER, True)]
    assert chair_of(seated) == seated[0]
    away = [Member(1, SECRETARY, False), Member(2, DEPUTY, False), *seated[2:]]
    assert chair_of(away) == away[2]
    assert chair_of([Member(1, SECRETARY, False), Member(2, DEPUTY, False), Member(4, MEMBER, True)]) is None


def test_a_vote_carries_with_more_than_half_of_all_members_not_of_those_present():
    assert carries(4, 7) and not carries(3, 7)  # 3 of 7 fails even if only 5 were present
    assert carries(3, 4) and not carries(2, 4)  # exactly half is not more than half
    assert carries(1, 1) and not carries(0, 1)


def test_the_meeting_stands_with_two_thirds_of_its_members():
    assert has_quorum(5, 7) and not has_quorum(4, 7)
    assert has_quorum(6, 9) and not has_quorum(5, 9)
    assert not has_quorum(0, 0)


def test_a_vote_counts_no_more_than_the_members_present():
    assert vote_problem(5, 1, 6) is None and vote_problem(6, 0, 6) is None
    assert "vượt số đảng ủy viên có mặt (6)" in (vote_problem(6, 1, 6) or "")
    assert vote_problem(-1, 0, 6) == "số phiếu không được âm"
