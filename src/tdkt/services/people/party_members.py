"""A Party member's yearly xếp loại chất lượng đảng viên (party_member_rating): written from the
staff file or the sample data, read for the export and for a Party award's Báo cáo thành tích;
and the refusal of a Party award for someone whose ngày vào Đảng is not entered."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from tdkt.domain.organisation import PARTY_MEMBER_COLUMNS
from tdkt.domain.yearly_rating import Rating
from tdkt.errors import InvalidInput
from tdkt.persistence.models import PartyMemberRating, Person
from tdkt.services.people.yearly_ratings import as_rating, upsert_ratings, write_decided

__all__ = ["set_ratings", "party_ratings", "require_member", "WHERE_ENTERED"]

#: where a member's Party data is entered, as a refusal names it
WHERE_ENTERED = (f"các cột «{PARTY_MEMBER_COLUMNS[0]}», «{PARTY_MEMBER_COLUMNS[1]}», «{PARTY_MEMBER_COLUMNS[2]}» "
                 f"và «{PARTY_MEMBER_COLUMNS[3]}», sheet Cán bộ của tệp cơ cấu tổ chức, hoặc "
                 f"phần Đảng viên của biểu mẫu cán bộ tại Quản trị › Cơ cấu tổ chức)")


def set_ratings(s: Session, person: Person, ratings: Mapping[int, str | Rating]) -> bool:
    """The xếp loại of the years in ``ratings`` (the other years kept), each with the Party body's
    decision or thông báo that made it (the staff file's cell «2024: Hoàn thành xuất sắc nhiệm vụ
    (QĐ số 157-QĐ/ĐUKTCK ngày 16/01/2025)») or a bare level; True when one changed."""
    if not ratings:
        return False
    have = {r.year: r for r in s.scalars(select(PartyMemberRating).where(PartyMemberRating.person_id == person.id))}
    decided = {y: r if isinstance(r, Rating) and r.decided_on
               else _bare(have.get(y), r if isinstance(r, str) else r.level) for y, r in ratings.items()}
    return upsert_ratings(have, decided,
                          lambda y, r: s.add(PartyMemberRating(person_id=person.id, year=y, rating=r.level,
                                                               decision_number=r.number or None,
                                                               decided_on=r.decided_on)),
                          write_decided)


def _bare(row: PartyMemberRating | None, level: str) -> Rating:
    """A level entered without its decision (a staff file of before the cell took one): the
    decision recorded before stays when the level is the same, goes when the level changed."""
    return as_rating(row) if row is not None and row.rating == level else Rating(level)


def party_ratings(s: Session, person_ids: Iterable[int]) -> dict[int, dict[int, Rating]]:
    """person id → (year → xếp loại with the decision that made it, when recorded)."""
    found: dict[int, dict[int, Rating]] = {}
    ids = list(person_ids)
    if not ids:
        return found
    for r in s.scalars(select(PartyMemberRating).where(PartyMemberRating.person_id.in_(ids))):
        found.setdefault(r.person_id, {})[r.year] = as_rating(r)
    return found


def require_member(person: Person | None, name: str, form: str) -> None:
    """A Party award (``form``) goes to a Party member: refused, naming what to enter and where,
    for someone whose ngày vào Đảng is not entered (or who has no record of the staff file)."""
    if person is None or person.party_joined_on is None:
        raise InvalidInput(f"{form} là hình thức khen thưởng của Đảng, chỉ đề nghị cho đảng viên: {name} chưa có ngày "
                           f"vào Đảng. Nhập ngày vào Đảng, ngày chính thức, chi bộ và xếp loại đảng viên của {name} "
                           f"({WHERE_ENTERED}) rồi đề nghị lại.",
                           f"party award for {name}: no party_joined_on")
