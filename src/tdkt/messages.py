"""Message texts for people (thư nhắc hạn, thư tổng hợp …), rendered from the Jinja2 templates
in ``notifications/`` — ``KIND.subject.j2``, ``KIND.txt.j2`` and ``KIND.html.j2`` — so wording
can change without touching code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, TemplateError, select_autoescape

from tdkt.domain.vietnamese import long_date, nfc
from tdkt.errors import DefinitionError

__all__ = ["Rendered", "render_message", "render_reminder", "render_deadline", "render_digest", "render_notice",
           "render_launch", "KINDS"]

KINDS = ("reminder", "deadline", "digest", "notice", "launch")


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    text: str
    html: str


@lru_cache(maxsize=4)
def _environment(directory: Path) -> Environment:
    """One environment per template folder. Text templates are not escaped (a «&» in a
    nominee's name stays «&»); HTML templates are. Templates are read once per process
    (``auto_reload`` off: no file stat per message on a scan of thousands)."""
    return Environment(
        loader=FileSystemLoader(directory),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


@lru_cache(maxsize=32)
def _template(directory: Path, name: str) -> Template:
    return _environment(directory).get_template(name)


def render_message(directory: Path, kind: str, context: dict[str, Any], *, text: bool = True,
                   html: bool = True) -> Rendered:
    """Subject (one line), plain text and/or HTML of a message, NFC-normalised; a part not
    asked for is empty (each channel stores only the body it shows)."""
    try:
        subject = _template(directory, f"{kind}.subject.j2").render(context)
        body_text = _template(directory, f"{kind}.txt.j2").render(context) if text else ""
        body_html = _template(directory, f"{kind}.html.j2").render(context) if html else ""
    except TemplateError as err:
        raise DefinitionError(
            f"Mẫu thư «{kind}» trong {directory} bị lỗi: {err}", f"{kind} template error in {directory}: {err}"
        ) from err
    return Rendered(nfc(" ".join(subject.split())), nfc(body_text) + "\n" if text else "",
                    nfc(body_html) + "\n" if html else "")


def _link(base: str, path: str) -> str:
    return f"{base.rstrip('/')}/{path.lstrip('/')}"


def render_reminder(
    directory: Path, web_base_url: str, *, full_name: str, nominee: str, award_form: str, movement: str,
    task_title: str, task_id: int, due: date, timing: tuple[int | None, int | None], escalated: bool = False,
    unit_name: str = "", text: bool = True, html: bool = True,
) -> Rendered:
    """A task's deadline reminder; ``timing`` is (working days left, working days overdue) on
    the day it is sent; ``escalated`` when it reports someone else's overdue task."""
    days_left, days_overdue = timing
    return render_message(directory, "reminder", {
        "full_name": full_name, "nominee": nominee, "award_form": award_form, "movement": movement,
        "task_title": task_title, "due_text": long_date(due), "days_left": days_left,
        "days_overdue": days_overdue, "escalated": escalated, "unit_name": unit_name,
        "link": _link(web_base_url, f"tasks/{task_id}"),
    }, text=text, html=html)


def render_deadline(
    directory: Path, web_base_url: str, *, full_name: str, unit_name: str, title: str, source: str,
    due: date, days_left: int, path: str, text: bool = True, html: bool = True, days_overdue: int | None = None,
) -> Rendered:
    """A plan-level date: a round's dossier deadline, an obligation of the yearly plan (also once
    it has passed: ``days_overdue`` working days)."""
    return render_message(directory, "deadline", {
        "full_name": full_name, "unit_name": unit_name, "title": title, "source": source,
        "due_text": long_date(due), "days_left": days_left, "days_overdue": days_overdue,
        "link": _link(web_base_url, path),
    }, text=text, html=html)


def render_digest(directory: Path, web_base_url: str, *, full_name: str, day: date,
                  items: list[tuple[str, date, tuple[int | None, int | None], bool]], text: bool = True,
                  html: bool = True) -> Rendered:
    """One message for a person's day: items are (title, due date, timing on ``day``, escalated)."""
    rows = []
    for title, due, (left, late), escalated in items:
        rows.append({"title": title, "due_text": long_date(due), "days_left": left, "days_overdue": late,
                     "escalated": escalated})
    return render_message(directory, "digest", {
        "full_name": full_name, "day_text": long_date(day), "items": rows,
        "overdue": sum(1 for r in rows if r["days_overdue"]), "link": _link(web_base_url, "inbox"),
    }, text=text, html=html)


def render_notice(directory: Path, web_base_url: str, *, full_name: str, title: str, lead: str, path: str,
                  nominee: str = "", award_form: str = "", movement: str = "", unit_name: str = "",
                  actor: str = "", note_label: str = "", note: str = "", due: date | None = None,
                  next_step: str = "", text: bool = True, html: bool = True) -> Rendered:
    """A new task for someone (thông báo việc mới): what it is, the note or reason that made it
    (the appraiser's reason for a supplement, the unit's note on its dossier …), and the link."""
    return render_message(directory, "notice", {
        "full_name": full_name, "title": title, "lead": lead, "nominee": nominee, "award_form": award_form,
        "movement": movement, "unit_name": unit_name, "actor": actor, "note_label": note_label, "note": note,
        "due_text": long_date(due) if due else "", "next_step": next_step, "link": _link(web_base_url, path),
    }, text=text, html=html)


def render_launch(directory: Path, web_base_url: str, *, full_name: str, unit_name: str, movement: str,
                  legal_basis: str, version: int, period: tuple[date, date], rounds: list[tuple[str, date | None,
                  date | None]], forms: list[str], path: str, text: bool = True, html: bool = True) -> Rendered:
    """A movement launched (version 1) or its plan edited: its period, each round's window
    (name, first day, last day), its forms of award, to a unit's clerk or head."""
    def window(opens: date | None, last: date | None) -> str:
        if opens and last:
            return f"từ {long_date(opens)} đến hết {long_date(last)}"
        return f"đến hết {long_date(last)}" if last else "theo thông báo của Văn phòng"

    return render_message(directory, "launch", {
        "full_name": full_name, "unit_name": unit_name, "movement": movement, "legal_basis": legal_basis,
        "version": version, "period_text": f"từ {long_date(period[0])} đến {long_date(period[1])}",
        "rounds": [{"name": name, "window": window(opens, last)} for name, opens, last in rounds],
        "forms": ", ".join(forms), "link": _link(web_base_url, path),
    }, text=text, html=html)
