"""The Party committee (cấp ủy: Ban Chấp hành Đảng bộ, "Đảng ủy") as its meeting needs it: who sits
on it, who chairs its meeting, and when its vote carries.

Who sits on it is read from the chức vụ trong Đảng the staff file gives each person (column «Chức vụ
trong Đảng»: «Bí thư Đảng ủy», «Phó Bí thư Đảng ủy», «Ủy viên Ban Thường vụ Đảng ủy», «Đảng ủy
viên», alone or before another post: «Đảng ủy viên, Bí thư Chi bộ Văn phòng»); a «Bí thư Chi bộ»
alone is not a member. The Bí thư chairs the committee's meeting; when he is away, a Phó Bí thư
does (the committee's Quy chế làm việc gives the chair to the Bí thư or a Phó Bí thư he asks). A
proposal carries when more than half of all the committee's members agree (the majority the Quy
chế làm việc of a cấp ủy sets for khen thưởng, under the Điều lệ Đảng's tập trung dân chủ), and
the meeting stands only when at least two thirds of them are present.

Pure: no I/O."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["SECRETARY", "DEPUTY", "MEMBER", "committee_post", "Member", "chair_of", "carries", "has_quorum",
           "vote_problem", "RULE_TEXT", "QUORUM_TEXT"]

SECRETARY, DEPUTY, STANDING, MEMBER = "secretary", "deputy", "standing", "member"

#: the posts of the committee, by the words a chức vụ trong Đảng opens with (folded), most senior first
_POSTS = (("phó bí thư thường trực đảng ủy", DEPUTY), ("phó bí thư đảng ủy", DEPUTY), ("bí thư đảng ủy", SECRETARY),
          ("ủy viên ban thường vụ đảng ủy", STANDING), ("ủy viên thường vụ đảng ủy", STANDING),
          ("đảng ủy viên", MEMBER), ("ủy viên ban chấp hành đảng bộ", MEMBER))
_RANK = {SECRETARY: 0, DEPUTY: 1, STANDING: 2, MEMBER: 3}

#: the rule printed in the Biên bản (no article number: each committee's Quy chế numbers its own)
RULE_TEXT = "được quá nửa tổng số đảng ủy viên đồng ý"
QUORUM_TEXT = "có ít nhất hai phần ba tổng số đảng ủy viên dự họp"


def _fold(text: str) -> str:
    """Lower case, NFC, one space, the old tone placement («uỷ») as the new («ủy»)."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().replace("uỷ", "ủy").split())


def committee_post(position: str) -> str | None:
    """The post in the committee a chức vụ trong Đảng names (:data:`SECRETARY`, :data:`DEPUTY`,
    :data:`STANDING`, :data:`MEMBER`), the most senior of its parts; None when it names none (an
    ordinary member, a chi bộ's Bí thư)."""
    found = [post for part in _fold(position).replace(";", ",").split(",")
             for words, post in _POSTS if part.strip().startswith(words)]
    return min(found, key=_RANK.__getitem__) if found else None


@dataclass(frozen=True)
class Member:
    """A member of the committee at a meeting: who, the post, present or not."""

    person_id: int
    post: str
    present: bool


def chair_of(members: Sequence[Member]) -> Member | None:
    """Who chairs: the Bí thư when present, else the first Phó Bí thư present; None when neither is."""
    for post in (SECRETARY, DEPUTY):
        chair = next((m for m in members if m.post == post and m.present), None)
        if chair is not None:
            return chair
    return None


def has_quorum(present: int, total: int) -> bool:
    """At least two thirds of the members present (3 × present ≥ 2 × total), and one at least."""
    return present > 0 and 3 * present >= 2 * total


def carries(agree: int, total: int) -> bool:
    """More than half of all the committee's members agree."""
    return 2 * agree > total


def vote_problem(agree: int, disagree: int, present: int) -> str | None:
    """What is wrong with a vote counted over ``present`` members (in Vietnamese), or None."""
    if agree < 0 or disagree < 0:
        return "số phiếu không được âm"
    if agree + disagree > present:
        return f"tổng số đồng ý và không đồng ý ({agree + disagree}) vượt số đảng ủy viên có mặt ({present})"
    return None
