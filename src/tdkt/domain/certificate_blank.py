"""Giấy khen printed on the pre-printed phôi (in trên phôi): the sheet already carries the border,
the emblem and "GIẤY KHEN"; the system prints only the variable text, each field where the phôi
leaves room for it. Positions are in millimetres from the sheet's left and top edges — ``x_mm``
the left end of a line, or its centre for a centred field, ``y_mm`` the top of the first line —
with a default for an A4 landscape phôi, each changed in the settings
(``TDKT_CERTIFICATE_BLANK_LAYOUT``, e.g. ``{"name": {"y_mm": 92}}``); a field of size 0 is not
printed (the phôi has it already). A field may hold a long text in a given room (``lines``,
``height_mm``): the text is then set smaller, down to ``min_size`` (:func:`fitted_size`), so that
the field keeps its place and height and what follows it never moves."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from tdkt.errors import InvalidInput

__all__ = ["FieldPlace", "DEFAULT_LAYOUT", "layout", "field_texts", "FIELD_NAMES", "fitted_size", "leading_pt"]


@dataclass(frozen=True)
class FieldPlace:
    x_mm: float
    y_mm: float
    size: float = 13.0  # points; 0: not printed
    align: str = "center"  # "center" | "left"
    width_mm: float = 200.0  # a longer text wraps at words within this width
    bold: bool = False
    #: the room the phôi leaves the field: at most ``lines`` lines within ``height_mm`` (0: the
    #: text wraps to as many lines as it needs, at its size)
    lines: int = 0
    height_mm: float = 0.0
    #: the smallest size a long text is set at to fit that room (points; 0: the field's size)
    min_size: float = 0.0


#: A4 landscape (297 × 210 mm): the award in the middle, the signature bottom right, the
#: decision's number and the số vào sổ bottom left (NĐ 30/2020's certificate layout)
DEFAULT_LAYOUT: dict[str, FieldPlace] = {
    "awarded_by": FieldPlace(148.5, 52, 14, bold=True, width_mm=230),
    # a tập thể's full name («Văn phòng Ban Quản lý Khu kinh tế …») may take two lines, smaller,
    # in the 14 mm down to the unit's line
    "name": FieldPlace(148.5, 88, 22, bold=True, width_mm=230, lines=2, height_mm=14, min_size=12),
    "unit": FieldPlace(148.5, 102, 14, width_mm=230),
    "achievement": FieldPlace(148.5, 114, 14, width_mm=235),
    "place_date": FieldPlace(215, 146, 13, width_mm=120),
    "signer_title": FieldPlace(215, 153, 13, bold=True, width_mm=120),
    "signer_name": FieldPlace(215, 182, 14, bold=True, width_mm=120),
    "decision": FieldPlace(32, 170, 12, align="left", width_mm=110),
    "register": FieldPlace(32, 177, 12, align="left", width_mm=110),
}
FIELD_NAMES = tuple(DEFAULT_LAYOUT)
_KEYS = {f.name for f in fields(FieldPlace)}


def layout(changes: Mapping[str, Mapping[str, Any]]) -> dict[str, FieldPlace]:
    """The default layout with the settings' changes; an unknown field or key is refused."""
    out = dict(DEFAULT_LAYOUT)
    for name, change in changes.items():
        if name not in out:
            raise InvalidInput(f"Trường '{name}' không có trên Giấy khen in phôi (các trường: "
                               f"{', '.join(FIELD_NAMES)}).", f"unknown blank field {name!r}")
        unknown = set(change) - _KEYS
        if unknown:
            raise InvalidInput(f"Thuộc tính không hợp lệ của trường '{name}': {', '.join(sorted(unknown))} "
                               f"(dùng: {', '.join(sorted(_KEYS))}).", f"unknown keys {unknown}")
        out[name] = replace(out[name], **dict(change))
    return out


_MM = 72 / 25.4  # points per millimetre


def leading_pt(size: float) -> int:
    """The distance between two printed lines of ``size`` (whole points, as the PDF sets them)."""
    return round(size * 1.25)


def fitted_size(text: str, place: FieldPlace, lines_at: Callable[[str, float], int]) -> float:
    """The size ``place`` prints ``text`` at: its own size when the text fits the field's room
    (``lines`` lines within ``height_mm``), else the largest whole size down to ``min_size`` at
    which it does — computed from the text's length, as ``lines_at(text, size)`` wraps it to the
    field's width. A field without a room set keeps its size; a text too long even at the floor
    is set at the floor."""
    if place.lines <= 0 or place.size <= 0:
        return place.size

    def fits(size: float) -> bool:
        count = lines_at(text, size)
        return count <= place.lines and (not place.height_mm or count * leading_pt(size) <= place.height_mm * _MM)

    if fits(place.size):
        return place.size
    floor = min(place.min_size or place.size, place.size)
    return next((float(size) for size in range(math.ceil(place.size) - 1, math.ceil(floor) - 1, -1) if fits(size)),
                float(floor))


def field_texts(context: Mapping[str, Any]) -> dict[str, str]:
    """What each field prints, from the Giấy khen's context (what the .docx was rendered from)."""
    signer = context.get("signer") or {}
    name = " ".join(x for x in (context.get("nominee_prefix", ""), context.get("nominee_name", "")) if x)
    title = "\n".join(x for x in (signer.get("authority_line", ""), signer.get("title_line", "")) if x)
    return {
        "awarded_by": context.get("awarded_by_upper", ""), "name": name, "unit": context.get("nominee_unit", ""),
        "achievement": context.get("achievement", ""), "place_date": context.get("place_date", ""),
        "signer_title": title, "signer_name": signer.get("name", ""),
        "decision": f"Quyết định số {context['decision_reference']}" if context.get("decision_reference") else "",
        "register": f"Số vào sổ: {context['register_number']}" if context.get("register_number") else "",
    }
