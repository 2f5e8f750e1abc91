"""Printing on pre-printed forms (in trên phôi): a PDF whose pages carry only given lines of text,
each at a position in millimetres — the sheets already have the border, the national emblem, the
title — so the printer puts the variable text where the phôi leaves room for it. Written with
pyHanko's text boxes and the stamp font (Vietnamese glyphs embedded)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.pdf_utils.writer import PdfFileWriter
from pyhanko.stamp import TextStamp, TextStampStyle

from tdkt.pdfsign.sign import _ascii, _font, _Per1000Factory

__all__ = ["Placed", "overprint", "MM", "line_count"]

MM = 72 / 25.4  # points per millimetre


@dataclass(frozen=True)
class Placed:
    """A line (or a paragraph, wrapped to ``width_mm``) at ``x_mm`` from the left edge — its left
    end, or its centre when ``align`` is "center" — with the top of its letters at ``y_mm`` from the
    top edge of the sheet."""

    text: str
    x_mm: float
    y_mm: float
    size: float = 13.0
    align: str = "left"  # "left" | "center"
    width_mm: float = 200.0
    bold: bool = False


#: serif fonts with Vietnamese glyphs (Liberation Serif is metric-compatible with Times New Roman)
SERIF = (("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
          "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf"),
         ("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
          "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"),
         ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"))


def _serif(font: Path | None, bold: bool) -> Path | None:
    if font is not None:
        return font
    for regular, heavy in SERIF:
        chosen = Path(heavy if bold else regular)
        if chosen.exists():
            return chosen
    return _font(None)


@lru_cache(maxsize=8)
def _advances(font_file: str) -> tuple[dict[int, int], int]:
    """Advance width of each character (font units) and the units per em."""
    font = TTFont(font_file, lazy=True)
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    return {code: metrics[name][0] for code, name in cmap.items()}, int(font["head"].unitsPerEm)


def _width(text: str, size: float, font_file: Path | None) -> float:
    """Printed width in points (an estimate of half an em per letter without a font)."""
    if font_file is None:
        return len(text) * size * 0.5
    advances, upem = _advances(str(font_file))
    return sum(advances.get(ord(c), upem // 2) for c in text) * size / upem


def _lines(item: Placed, font_file: Path | None) -> list[str]:
    """The text wrapped at words to the item's width; its own line breaks kept."""
    limit, lines = item.width_mm * MM, []
    for paragraph in item.text.splitlines():
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}".strip()
            if current and _width(candidate, round(item.size), font_file) > limit:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


def line_count(text: str, size: float, width_mm: float, bold: bool = False, font: Path | None = None) -> int:
    """How many lines ``text`` is printed on at ``size`` within ``width_mm`` (wrapped at words, as
    :func:`overprint` wraps it)."""
    return len(_lines(Placed(text, 0, 0, size, width_mm=width_mm, bold=bold), _serif(font, bold)))


def _place(writer: PdfFileWriter, page: int, item: Placed, line: str, n: int, font_file: Path | None,
           page_height: float, offset_mm: tuple[float, float]) -> None:
    """Line ``n`` of ``item``: a text box with no margins, its top left (or top centre) where the
    item says, lowered by ``n`` leadings."""
    if not line.strip():
        return
    size, leading = round(item.size), round(item.size * 1.25)  # pyHanko's layout wants whole points
    centred = item.align == "center"
    x_align = layout.AxisAlignment.ALIGN_MID if centred else layout.AxisAlignment.ALIGN_MIN
    rule = layout.SimpleBoxLayoutRule(x_align=x_align, y_align=layout.AxisAlignment.ALIGN_MAX,
                                      margins=layout.Margins(0, 0, 0, 0))
    style = TextBoxStyle(font=_Per1000Factory(str(font_file), font_size=size), font_size=size, leading=leading,
                         box_layout_rule=rule) if font_file is not None \
        else TextBoxStyle(font_size=size, leading=leading, box_layout_rule=rule)
    box_width, box_height = round(item.width_mm * MM), leading
    stamp = TextStamp(writer, TextStampStyle(stamp_text=line.replace("%", "%%"), text_box_style=style,
                                             border_width=0, inner_content_layout=rule),
                      text_params={}, box=layout.BoxConstraints(width=box_width, height=box_height))
    left = (item.x_mm + offset_mm[0]) * MM - (box_width / 2 if centred else 0)
    top = page_height - (item.y_mm + offset_mm[1]) * MM - n * leading
    stamp.apply(page, round(left), round(top - box_height))


def overprint(pages: Sequence[Sequence[Placed]], size_mm: tuple[float, float], font: Path | None = None,
              offset_mm: tuple[float, float] = (0.0, 0.0)) -> bytes:
    """One page of ``size_mm`` (width, height) per entry of ``pages``, each with its placed text;
    ``offset_mm`` shifts everything (right, down) to calibrate a printer."""
    writer = PdfFileWriter()
    width, height = size_mm[0] * MM, size_mm[1] * MM
    for _ in pages:
        writer.insert_page(generic.DictionaryObject({
            generic.pdf_name("/Type"): generic.pdf_name("/Page"),
            generic.pdf_name("/MediaBox"): generic.ArrayObject([generic.FloatObject(v) for v in (0, 0, width, height)]),
            generic.pdf_name("/Resources"): generic.DictionaryObject(),
            generic.pdf_name("/Contents"): writer.add_object(generic.StreamObject(stream_data=b""))}))
    for index, placed in enumerate(pages):
        for item in placed:
            font_file = _serif(font, item.bold)
            for n, line in enumerate(_lines(item, font_file)):
                _place(writer, index, item, line if font_file is not None else _ascii(line), n, font_file,
                       height, offset_mm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
