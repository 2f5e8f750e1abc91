"""Giấy khen printed on the pre-printed phôi (in trên phôi): the sheet already carries the border,
the emblem and "GIẤY KHEN"; the system prints only the variable text, each field where the phôi
leaves room for it. Positions are in millimetres from the sheet's left and top edges — ``x_mm``
the left end of a line, or its centre for a centred field, ``y_mm`` the top of the first line —
with a default for an A4 landscape phôi, each changed in the settings
(``TDKT_CERTIFICATE_BLANK_LAYOUT``, e.g. ``{"name": {"y_mm": 92}}``); a field of size 0 is not
printed (the phôi has it already)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from tdkt.errors import InvalidInput

__all__ = ["FieldPlace", "DEFAULT_LAYOUT", "layout", "field_texts", "FIELD_NAMES"]


@dataclass(frozen=True)
class FieldPlace:
    x_mm: float
    y_mm: float
    size: float = 13.0  # points; 0: not printed
    align: str = "center"  # "center" | "left"
    width_mm: float = 200.0  # a longer text wraps at words within this width
    bold: bool = False


#: A4 landscape (297 × 210 mm): the award in the middle, the signature bottom right, the
#: decision's number and the số vào sổ bottom left (NĐ 30/2020's certificate layout)
DEFAULT_LAYOUT: dict[str, FieldPlace] = {
    "awarded_by": FieldPlace(148.5, 52, 14, bold=True, width_mm=230),
    "name": FieldPlace(148.5, 88, 22, bold=True, width_mm=230),
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
