"""What a person reads on a page: the text nodes outside scripts and styles, and the attributes
a browser shows (title, placeholder, alt, aria-label, a button's value) — not ids, names or the
values a form sends."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["visible_text", "snake_codes"]

_SHOWN_ATTRIBUTES = {"title", "placeholder", "alt", "aria-label", "label"}
#: an internal code: lower-case words joined by underscores (to_trinh_mau_01, council_decide);
#: not a file's name (bien_ban.pdf) nor part of a path or address
SNAKE = re.compile(r"(?<![\w./:@-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/@-])(?!\.[A-Za-z0-9]{2,5}\b)")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            if value and (name in _SHOWN_ATTRIBUTES or (tag == "input" and name == "value"
                                                       and dict(attrs).get("type") in ("submit", "button"))):
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def snake_codes(html: str) -> list[str]:
    """The internal codes a person would read on the page."""
    return sorted(set(SNAKE.findall(visible_text(html))))
