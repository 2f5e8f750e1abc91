"""«Ông» or «Bà»: how a document names a person, from the gender on the person's record («nam»,
«nu», as the staff file and the admin form enter it) or, for a nominee without one, the gender the
nomination declared («male», «female»). One rule for every document: a gender not known gives no
title at all — the name alone — never a guessed «Ông», which names a woman wrongly."""

from __future__ import annotations

__all__ = ["honorific", "titled_name", "in_sentence_title", "absent_name"]

_TITLES = {"nam": "Ông", "male": "Ông", "nu": "Bà", "female": "Bà"}


def honorific(*genders: str | None) -> str:
    """«Ông» / «Bà» of the first gender known among ``genders`` (the record's, then a
    declaration's); "" when none is."""
    return next((_TITLES[g] for g in genders if g in _TITLES), "")


def titled_name(full_name: str, *genders: str | None) -> str:
    """«Bà Đàm Kim Lan»; the name alone when the gender is not known."""
    title = honorific(*genders)
    return f"{title} {full_name}" if title else full_name


def in_sentence_title(text: str) -> str:
    """``text`` («Bà Đàm Kim Lan (có lý do: …)») as written inside a sentence: «ông», «bà» are common
    nouns, lower case mid-sentence (NĐ 30/2020/NĐ-CP, Phụ lục II) — «vắng 1: bà Đàm Kim Lan …»;
    at the head of a line or a certificate's name line «Bà» stays."""
    for title in set(_TITLES.values()):
        if text.startswith(f"{title} "):
            return title.lower() + text[len(title):]
    return text


def absent_name(entry: str) -> str:
    """The person an absentee's entry names: «Bà Lý Thị Hoa (có lý do: nghỉ phép)» → «Lý Thị Hoa»
    (its «Ông»/«Bà» and reason left out), to compare with a name on record."""
    words = entry.split("(", 1)[0].split()
    titled = bool(words) and words[0].casefold() in {t.casefold() for t in _TITLES.values()}
    return " ".join(words[1:] if titled else words)
