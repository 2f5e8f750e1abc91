"""Jinja2 for the pages: autoescaped, with Vietnamese date filters and the status labels."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from tdkt.config import Settings
from tdkt.domain.roles import ROLE_LABELS, Role
from tdkt.domain.status import STATUS_LABELS
from tdkt.domain.titles import DEMO_HEAD_TITLE, Label, titled
from tdkt.domain.vietnamese import long_date
from tdkt.web.security import CSRF_FIELD, csrf_token

__all__ = ["Pages"]


@pass_context
def _retitled(context: Context, value: Any) -> Any:
    """Every printed :class:`Label` (a status, a role, an error) names the head of the agency by
    its own title; what people typed is printed as typed."""
    return titled(value, context.get("head")) if isinstance(value, Label) else value


@pass_context
def _options(context: Context, choices: Iterable[tuple[Any, Any]], selected: Any) -> Markup:
    """A select's ``<option>`` elements, the chosen one ``selected``: a unit filter has hundreds,
    built here in one pass instead of a template loop (the same markup, each value printed as
    the template prints it: retitled, escaped)."""
    return Markup("".join([f'<option value="{_printed(context, value)}" '
                           f'{"selected" if selected == value else ""}>{_printed(context, name)}</option>'
                           for value, name in choices]))


def _printed(context: Context, value: Any) -> str:
    """``{{ value }}`` as the template prints it; an id is its digits."""
    return str(value) if type(value) is int else escape(_retitled(context, value))


_HERE = Path(__file__).parent


class Pages:
    def __init__(self, settings: Settings) -> None:
        self.tz = settings.tz
        self.templates = Jinja2Templates(directory=str(_HERE / "templates"))
        env = self.templates.env
        env.autoescape = True
        env.filters.update(options=_options, local=self._local, day=self._day, long_date=long_date, status=self._status,
                           role=lambda r: ROLE_LABELS.get(Role(r), r) if r in Role._value2member_map_ else r)
        env.globals.update(CSRF_FIELD=CSRF_FIELD)
        env.finalize = _retitled

    def _local(self, at: datetime | None, fmt: str = "%d/%m/%Y %H:%M") -> str:
        return at.astimezone(self.tz).strftime(fmt) if at else ""

    def _day(self, at: datetime | date | None) -> str:
        if at is None:
            return ""
        d = at.astimezone(self.tz).date() if isinstance(at, datetime) else at
        return d.strftime("%d/%m/%Y")

    @staticmethod
    def _status(code: str) -> str:
        return STATUS_LABELS.get(code, code)

    def render(self, request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("user", getattr(request.state, "account", None))
        context.setdefault("head", titled(DEMO_HEAD_TITLE, context["user"].head_title if context["user"] else ""))
        context.setdefault("unread", getattr(request.state, "unread", 0))
        context["csrf"] = csrf_token(request)
        return self.templates.TemplateResponse(request, name, context, status_code=status_code)
