"""Message texts for people (thư nhắc hạn …), rendered from the Jinja2 templates in
``notifications/`` so wording can change without touching code."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, select_autoescape

from tdkt.config import Settings
from tdkt.domain.vietnamese import long_date, nfc
from tdkt.errors import DefinitionError

__all__ = ["render_reminder", "rung_days"]

_RUNG = re.compile(r"^(?P<kind>[TQ])(?P<sign>[-+])(?P<n>\d+)$")


@lru_cache(maxsize=4)
def _environment(directory: Path) -> Environment:
    """One environment per template folder: templates are parsed once and cached by Jinja2.

    Plain-text templates are not escaped (a «&» in a nominee's name must stay «&»); any
    future .html template is.
    """
    return Environment(
        loader=FileSystemLoader(directory),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "htm"), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def rung_days(rung: str) -> tuple[int | None, int | None]:
    """(working days left, working days overdue) of a rung name such as ``T-3`` or ``Q+1``."""
    m = _RUNG.match(rung)
    if m is None:
        raise ValueError(f"not a reminder rung: {rung!r}")
    n = int(m["n"])
    return (n, None) if m["kind"] == "T" else (None, n)


def render_reminder(
    settings: Settings,
    *,
    full_name: str,
    nominee: str,
    award_form: str,
    movement: str,
    task_title: str,
    task_id: int,
    due: date,
    rung: str,
) -> tuple[str, str]:
    """(subject, body) of a deadline reminder, NFC-normalised; the subject is one line."""
    days_left, days_overdue = rung_days(rung)
    context = {
        "full_name": full_name, "nominee": nominee, "award_form": award_form, "movement": movement,
        "task_title": task_title, "due_text": long_date(due), "days_left": days_left,
        "days_overdue": days_overdue, "link": f"{settings.web_base_url.rstrip('/')}/tasks/{task_id}",
    }
    env = _environment(settings.notifications_dir)
    try:
        subject = env.get_template("reminder.subject.j2").render(context)
        body = env.get_template("reminder.txt.j2").render(context)
    except TemplateError as err:
        raise DefinitionError(
            f"Mẫu thư nhắc hạn trong {settings.notifications_dir} bị lỗi: {err}",
            f"reminder template error in {settings.notifications_dir}: {err}",
        ) from err
    return nfc(" ".join(subject.split())), nfc(body) + "\n"
