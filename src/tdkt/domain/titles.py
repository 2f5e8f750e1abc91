"""The agency's own titles in the words the system prints (nhãn theo chức danh của cơ quan).

The route's labels, its messages and its errors name the head of the agency as the demo's Ban
Quản lý does: "Trưởng ban". An agency headed by a Giám đốc, a Chủ tịch or a Viện trưởng reads
its own title instead: :func:`titled` puts the agency's ``head_title`` (``unit.head_title``) in
place of the words, with their deputy ("Phó Trưởng ban" → "Phó Giám đốc") and in capitals
("KT. TRƯỞNG BAN" → "KT. GIÁM ĐỐC").

Only the system's own text is retitled — a :class:`Label` (status and role labels, domain error
messages) or a page's fixed text. What people typed (a nominee's achievements, a reason) is
never rewritten, even when it says "Trưởng ban".
"""

from __future__ import annotations

import re

__all__ = ["Label", "titled", "DEMO_HEAD_TITLE", "GENERIC_HEAD_TITLE"]

#: the title the system's text is written with (the demo's Ban Quản lý)
DEMO_HEAD_TITLE = "Trưởng ban"
#: what is printed when the agency has not said its head's title
GENERIC_HEAD_TITLE = "Thủ trưởng cơ quan"
_WORDS = re.compile(r"Trưởng ban|TRƯỞNG BAN|trưởng ban")


class Label(str):
    """Text the system wrote, which may name the head of the agency by the demo's title."""

    __slots__ = ()


def titled(text: str, head_title: str | None) -> str:
    """``text`` with the head of the agency named by ``head_title``."""
    title = head_title or GENERIC_HEAD_TITLE
    if title == DEMO_HEAD_TITLE or "rưởng ban" not in text and "RƯỞNG BAN" not in text:
        return str(text)

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        if word.isupper():
            return title.upper()
        return title if word[0].isupper() else title[0].lower() + title[1:]

    return _WORDS.sub(swap, str(text))
