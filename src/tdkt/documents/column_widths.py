"""A bordered table's column widths from what its cells hold, not fixed per template: a column
is at least as wide as its longest unbreakable piece (a word, a ký hiệu «152/2025/NĐ-CP», a name
joined by no-break spaces), and the rest of the text width goes to the columns whose text would
wrap, in the measure it would — three vote columns of one digit each no wider than «Không»
needs, the «Kết quả» or «Tập thể / cá nhân» that holds sentences the widest. Pure: no I/O.

Text widths are estimated with the advance widths of Times New Roman (as LibreOffice prints it,
Liberation Serif, metric-compatible), by letter class: a Vietnamese letter is as wide as its base
letter (the diacritics stand above or below it)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

__all__ = ["column_widths", "header_least", "sample_rows", "text_mm", "CELL_MARGINS_MM"]

#: a cell's left and right margins together (Word's default 1.9 mm each side), and a little slack
#: so a word measured to fit does fit («Khôn / g» at 16 mm where 16.0 was measured)
CELL_MARGINS_MM = 3.8 + 1.2
_PT_TO_MM = 25.4 / 72
#: advance widths in thousandths of an em (Times New Roman regular; bold is wider, see _BOLD)
_NARROW = dict.fromkeys("iljtfr'", 300) | dict.fromkeys(" ,.:;!|", 250) | dict.fromkeys("()[]-/", 333)
_WIDE = dict.fromkeys("mw", 760) | dict.fromkeys("MW", 900) | dict.fromkeys("%", 833)
_CAPITAL_NARROW = dict.fromkeys("IJ", 380)
_BOLD = 1.08
#: a text of no-break joints: no line breaks at these («Đồng Đăng - Lạng Sơn» joined, a ký hiệu)
_NO_BREAK = "\u00a0\u2011\u2060"


@lru_cache(maxsize=4096)
def _char_em(char: str) -> float:
    base = unicodedata.normalize("NFD", char)[:1] or char
    if base == "Đ" or base == "đ":
        base = "D" if base == "Đ" else "d"
    if base in _NARROW:
        return _NARROW[base]
    if base in _WIDE:
        return _WIDE[base]
    if base in _CAPITAL_NARROW:
        return _CAPITAL_NARROW[base]
    if base == "\u2060":
        return 0
    if base.isupper():
        return 700
    return 500


@lru_cache(maxsize=65536)
def text_mm(text: str, pt: float = 12, bold: bool = False) -> float:
    """How wide ``text`` prints on one line at ``pt`` points, in millimetres (an estimate)."""
    em = sum(_char_em(c) for c in text) / 1000
    return em * pt * _PT_TO_MM * (_BOLD if bold else 1)


def _pieces(text: str) -> list[str]:
    """The pieces no line breaks inside: words, with what no-break joints hold together."""
    return [p for line in text.split("\n") for p in line.split(" ") if p]


def _shortest(text: str, pt: float, bold: bool) -> float:
    """The narrowest a cell can be: its widest unbreakable piece, and the margins."""
    return max((text_mm(p, pt, bold) for p in _pieces(text)), default=0) + CELL_MARGINS_MM


def header_least(text: str, pt: float) -> float:
    """The narrowest a header cell can be: its words whole, a header of two words on one line
    («Kết quả», not «Kết / quả»), of up to four on two, a longer one on three — never a short word
    alone on a line, «Số / phiếu / đồng ý» read as three headers where «Số phiếu / đồng ý» is one."""
    pieces = _pieces(text)
    widths = [_line_mm(p, pt, True) for p in pieces]
    most = 1 if len(pieces) <= 2 else 2 if len(pieces) <= 4 else 3
    low, high = max(widths, default=0), _line_mm(" ".join(pieces), pt, True)
    while high - low > 0.25:  # the narrowest width that keeps the header to ``most`` lines
        middle = (low + high) / 2
        fits = wrapped_lines(text, middle + CELL_MARGINS_MM, pt, bold=True)[0] <= most
        low, high = (low, middle) if fits else (middle, high)
    return high + CELL_MARGINS_MM


def _natural(text: str, pt: float) -> float:
    """The width a cell's text takes on one line (each of its own lines on one)."""
    return max((_line_mm(line, pt) for line in text.split("\n")), default=0) + CELL_MARGINS_MM


def _line_mm(line: str, pt: float, bold: bool = False) -> float:
    return text_mm(line.replace(_NO_BREAK[0], " "), pt, bold)


#: the step (mm) the spare width is handed out in, and the soft maximum's power: a row is as high
#: as its fullest cell, and a column that lowers the fullest cells of most rows gains the step
_STEP_MM = 1.0
_POWER = 12


def _height(cells: list[list[list[float]]], widths: list[float]) -> float:
    """The table's height in lines, smoothed: each row the soft maximum of its cells' lines (a
    cell's paragraphs each its text over the column's usable width, at least one line)."""
    total = 0.0
    for row in cells:
        lines = [sum(max(1.0, mm / max(w - CELL_MARGINS_MM, 1.0)) for mm in cell) for cell, w in zip(row, widths,
                                                                                                     strict=True)]
        total += sum(n ** _POWER for n in lines) ** (1 / _POWER)
    return total


def column_widths(header: Sequence[str], rows: Sequence[Sequence[str]], total_mm: float,
                  pt: float = 12, cap: float = 0.6) -> list[float]:
    """The widths (mm) of a table's columns summing to ``total_mm``, from what they hold: each
    column at least its longest unbreakable piece of header (bold) or cell (:func:`_shortest`);
    the spare width then handed out step by step to the column that lowers the table most — a
    row as high as its fullest cell, so the «Kết quả» of five lines widens before a name of
    three, and three vote columns of one digit get nothing; once every cell is on one line, the
    rest shared by the columns' natural lengths (the widest cell on one line, capped at ``cap`` of
    the width). When even the minimums do not fit, they are scaled down together."""
    count = len(header)
    if not count:
        return []
    every = [[row[i] if i < len(row) else "" for i in range(count)] for row in rows]
    columns = list(zip(*every, strict=True)) if every else [() for _ in range(count)]
    least = [max([header_least(header[i], pt), *(_shortest(c, pt, False) for c in columns[i])])
             for i in range(count)]
    if sum(least) >= total_mm:
        return [total_mm * m / sum(least) for m in least]
    body = sample_rows(every, pt)
    columns = list(zip(*body, strict=True)) if body else [() for _ in range(count)]
    # the header row only needs its words whole (its minimum): widened beyond, «Không biểu quyết»
    # over three columns of one digit each would take what a sentence of «Kết quả» needs
    cells = [[[_line_mm(line, pt) for line in c.split("\n")] for c in row] for row in body]
    widths, spare = list(least), total_mm - sum(least)
    height = _height(cells, widths)
    while spare >= _STEP_MM:
        tries = [_height(cells, [w + _STEP_MM * (j == i) for j, w in enumerate(widths)]) for i in range(count)]
        best = min(range(count), key=tries.__getitem__)
        if height - tries[best] < 1e-3:
            break  # every cell on one line
        widths[best] += _STEP_MM
        spare -= _STEP_MM
        height = tries[best]
    natural = [min(max([widths[i], *(_natural(c, pt) for c in columns[i])]), cap * total_mm) for i in range(count)]
    widths = [w + spare * n / sum(natural) for w, n in zip(widths, natural, strict=True)]
    return _settled(body, widths, least, pt)


#: the rows a long table's widths are worked out on: each column's longest cells, and rows spread
#: over the rest — the search's cost bounded whatever the table's length (a danh sách of 1,000)
_SAMPLE_LONGEST, _SAMPLE_SPREAD = 6, 24


def sample_rows(body: list[list[str]], pt: float) -> list[list[str]]:
    """The rows the widths are worked out on: all of a short table's; of a long one, the rows
    holding each column's longest texts and rows taken evenly over the rest, in the table's order
    (a column's minimum is still its longest piece over every row: :func:`column_widths`)."""
    if len(body) <= len(body[0]) * _SAMPLE_LONGEST + _SAMPLE_SPREAD if body else True:
        return body
    keep: set[int] = set()
    for i in range(len(body[0])):
        keep.update(sorted(range(len(body)), key=lambda r: -_natural(body[r][i], pt))[:_SAMPLE_LONGEST])
    step = len(body) / _SAMPLE_SPREAD
    keep.update(int(k * step) for k in range(_SAMPLE_SPREAD))
    return [body[r] for r in sorted(keep)]


#: the widths a column may give another at once while :func:`_settled` looks for fewer lines
_MOVES_MM = (1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 16.0, 20.0, 24.0, 28.0, 32.0, 40.0)


def wrapped_lines(text: str, width: float, pt: float = 12, bold: bool = False) -> tuple[int, int]:
    """(lines, breaks inside a name) of ``text`` in a column ``width`` mm wide, wrapped word by
    word as a word processor does (its own line breaks kept); a break between two capitalised
    words splits a name («Đội Quản lý cửa khẩu Tân / Thanh»). ``bold``: a header's text."""
    usable, count, in_names = width - CELL_MARGINS_MM, 0, 0
    space = text_mm(" ", pt, bold)
    for line in text.split("\n"):
        count += 1
        filled, before = -space, ""
        for word in line.split(" "):
            if not word:
                continue
            size = _line_mm(word, pt, bold)
            if filled + space + size > usable and filled > 0:
                count += 1
                in_names += before[:1].isupper() and word[:1].isupper()
                filled = size
            else:
                filled += space + size
            before = word
    return count, in_names


def _settled(body: list[list[str]], widths: list[float], least: list[float], pt: float) -> list[float]:
    """The widths moved between columns, a few millimetres at a time, while that lowers the table
    as printed — its rows' lines counted as the word processor wraps them (:func:`wrapped_lines`),
    then the names it breaks, then the lines of all its cells: a name of one line too long («Đội
    Quản lý cửa khẩu Tân / Thanh») gets what a column whose rows keep their lines can spare."""
    memo: dict[tuple[int, int, int], tuple[int, int]] = {}

    def lines(r: int, i: int, width: float) -> tuple[int, int]:
        key = (r, i, round(width * 10))
        if key not in memo:
            memo[key] = wrapped_lines(body[r][i], width, pt)
        return memo[key]

    def score(ws: list[float]) -> tuple[int, int, int]:
        counts = [[lines(r, i, w) for i, w in enumerate(ws)] for r in range(len(body))]
        return (sum(max(n for n, _ in row) for row in counts), sum(b for row in counts for _, b in row),
                sum(n for row in counts for n, _ in row))

    best = score(widths)
    improved = True
    while improved:
        improved = False
        for move in _MOVES_MM:
            for to in range(len(widths)):
                for of in range(len(widths)):
                    if to == of or widths[of] - move < least[of]:
                        continue
                    trial = [w + move * (i == to) - move * (i == of) for i, w in enumerate(widths)]
                    found = score(trial)
                    if found < best:
                        widths, best, improved = trial, found, True
                # or from every other column, by what each has over its minimum
                slack = sum(w - m for i, (w, m) in enumerate(zip(widths, least, strict=True)) if i != to)
                if slack > move:
                    trial = [w + move if i == to else w - move * (w - m) / slack
                             for i, (w, m) in enumerate(zip(widths, least, strict=True))]
                    found = score(trial)
                    if found < best:
                        widths, best, improved = trial, found, True
    return widths
