"""Administration of accounts (quản trị tài khoản): who can log in, and password resets.

Only the administrator (Role.ADMIN) sees these pages. A reset shows the temporary password once,
on the page answering the POST (never in a URL, a flash cookie or the audit log); the person must
choose their own at the next login.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from tdkt.domain.calendar import read_day
from tdkt.domain.organisation import (
    CHARTER_COLUMNS,
    COUNCIL_COLUMNS,
    PARTY_MEMBER_COLUMNS,
    PARTY_RULE_COLUMNS,
    TERM_COLUMN,
    YEARLY_RATING_COLUMN,
    PersonRow,
    Problem,
    UnitRow,
)
from tdkt.domain.roles import Role
from tdkt.domain.yearly_rating import parse_yearly_ratings
from tdkt.errors import InvalidInput, TdktError
from tdkt.runtime import Runtime
from tdkt.services.people.accounts import Account, people, reset_password
from tdkt.services.people.organisation import (
    ImportReport,
    export_staff_file,
    import_staff_file,
    save_council,
    save_person,
    save_unit,
    set_active,
    staff_file_template,
)
from tdkt.views.organisation_page import POSITIONS, UNIT_KINDS, PersonForm, UnitLine, organisation_page, role_label
from tdkt.web.app_errors import error_status
from tdkt.web.deps import pages, posted, require_any_role, runtime
from tdkt.web.templating import Pages

__all__ = ["router"]

router = APIRouter()
_admin = require_any_role(Role.ADMIN)


@router.get("/admin/accounts")
def list_accounts(request: Request, acc: Account = Depends(_admin), rt: Runtime = Depends(runtime),
                  p: Pages = Depends(pages)) -> Response:
    return p.render(request, "admin_accounts.html", title="Quản trị tài khoản", people=people(rt, acc.username))


@router.post("/admin/accounts/{username}/reset")
def reset(request: Request, username: str, form: FormData = Depends(posted), acc: Account = Depends(_admin),
          rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    temporary = reset_password(rt, acc.username, username)
    return p.render(request, "admin_accounts.html", title="Quản trị tài khoản", people=people(rt, acc.username),
                    reset_for=username, temporary=temporary)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _organisation(request: Request, rt: Runtime, p: Pages, acc: Account, report: ImportReport | None = None,
                  status: int = 200, editing: str | None = None, unit: str | None = None,
                  report_for: str = "import", **submitted: object) -> Response:
    """The page; after a refused form, its problems beside that form (``report_for``) and the
    values as sent (``submitted``), so nothing typed is lost."""
    return p.render(request, "admin_organisation.html", title="Cơ cấu tổ chức",
                    page=organisation_page(rt, acc.username, editing, unit), report=report, status_code=status,
                    flash=request.session.pop("flash", None), UNIT_KINDS=UNIT_KINDS, POSITIONS=POSITIONS,
                    report_for=report_for, **submitted)


@router.get("/admin/organisation")
def organisation(request: Request, sua: str | None = None, donvi: str | None = None, acc: Account = Depends(_admin),
                 rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    return _organisation(request, rt, p, acc, editing=sua, unit=donvi)


def _text(form: FormData, name: str) -> str:
    return str(form.get(name, "")).strip()


def _day(form: FormData, name: str, sheet: str, column: str) -> tuple[date | None, list[Problem]]:
    """A dd/mm/yyyy field of a form: its day, or the problem of a text that is not one."""
    text = _text(form, name)
    day = read_day(text) if text else None
    return day, [Problem(sheet, 2, column, f"ngày '{text}' không đúng dạng dd/mm/yyyy")] if text and day is None else []


@router.post("/admin/organisation/unit")
def organisation_unit(request: Request, form: FormData = Depends(posted), acc: Account = Depends(_admin),
                      rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """One unit added (``editing`` not sent: a code in use is refused) or changed from the page's
    form: the staff file's checks for its row."""
    code = _text(form, "code")
    staff = _text(form, "staff_count") or "0"
    charter_day, problems = _day(form, "charter_signed_on", "Đơn vị", CHARTER_COLUMNS[1])
    term_day, more = _day(form, "term_started_on", "Đơn vị", TERM_COLUMN)
    rule_day, rule_problems = _day(form, "party_rule_signed_on", "Đơn vị", PARTY_RULE_COLUMNS[2])
    ratings, wrong = parse_yearly_ratings(_text(form, "yearly_ratings"))
    problems += more + rule_problems + [Problem("Đơn vị", 2, YEARLY_RATING_COLUMN, w) for w in wrong]
    unit = UnitRow(2, code, _text(form, "name"), _text(form, "kind"), _text(form, "parent") or None,
                   _text(form, "abbreviation"), int(staff) if staff.isdigit() else None,
                   _text(form, "parent_name"), _text(form, "place"), _text(form, "head_title"),
                   _text(form, "charter_number"), charter_day, _text(form, "charter_issuer"),
                   _text(form, "charter_excerpt"), term_day, _text(form, "party_rule_kind"),
                   _text(form, "party_rule_number"), rule_day, _text(form, "party_rule_issuer"),
                   _text(form, "party_rule_excerpt"), ratings)
    editing = form.get("editing") == "1"
    report = ImportReport(problems=problems) if problems else save_unit(rt, acc.username, unit, new=not editing)
    if not report.ok:
        sent = UnitLine(code, unit.name, unit.kind, unit.parent or "", unit.abbreviation, unit.staff_count or 0,
                        unit.head_title, 0, 0, unit.parent_name, unit.place, unit.charter_number,
                        _text(form, "charter_signed_on"), unit.charter_issuer, unit.charter_excerpt,
                        _text(form, "term_started_on"), unit.party_rule_kind, unit.party_rule_number,
                        _text(form, "party_rule_signed_on"), unit.party_rule_issuer, unit.party_rule_excerpt,
                        _text(form, "yearly_ratings"))
        return _organisation(request, rt, p, acc, report, 422, report_for="unit", sent_unit=sent,
                             sent_unit_editing=editing)
    request.session["flash"] = f"Đã lưu đơn vị {code}: {report.summary()}"
    return RedirectResponse(f"/admin/organisation?donvi={quote(code)}#don-vi", status_code=303)


@router.post("/admin/organisation/council")
def organisation_council(request: Request, form: FormData = Depends(posted), acc: Account = Depends(_admin),
                         rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """The members of one Hội đồng TĐKT set from the page: a line with no username leaves."""
    unit = _text(form, "unit")
    seats = [(str(u).strip().lower(), str(pos).strip())
             for u, pos in zip(form.getlist("member"), form.getlist("position"), strict=False) if str(u).strip()]
    founded, problems = _day(form, "founding_on", "Hội đồng", COUNCIL_COLUMNS[1])
    rules_on, more = _day(form, "rules_on", "Hội đồng", COUNCIL_COLUMNS[3])
    decisions = (_text(form, "founding_number"), founded, _text(form, "rules_number"), rules_on)
    report = ImportReport(problems=problems + more) if problems or more else \
        save_council(rt, acc.username, unit, _text(form, "name"), seats, decisions)
    if not report.ok:
        return _organisation(request, rt, p, acc, report, 422, report_for=f"council:{unit}",
                             sent_seats=[(u, "", pos) for u, pos in seats], sent_council_name=_text(form, "name"),
                             sent_decisions=[_text(form, f) for f in ("founding_number", "founding_on", "rules_number",
                                                                        "rules_on")])
    request.session["flash"] = f"Đã lưu Hội đồng của {unit}: {report.summary()}"
    return RedirectResponse("/admin/organisation#hoi-dong", status_code=303)


@router.post("/admin/organisation/person")
def organisation_person(request: Request, form: FormData = Depends(posted), acc: Account = Depends(_admin),
                        rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """One person added (``editing`` not sent: a username in use is refused) or changed from the
    page's form, with the roles kept and the one added: the staff file's checks, all or nothing."""
    def text(name: str) -> str:
        return _text(form, name)

    username = text("username").lower()
    editing = form.get("editing") == "1"
    kept = [str(v) for v in form.getlist("keep_role")]
    roles = [(role, unit) for role, _, unit in (v.partition("|") for v in kept)]
    roles += [(str(r).strip(), str(u).strip()) for r, u in
              zip(form.getlist("new_role"), form.getlist("new_role_unit"), strict=False) if str(r).strip()]
    born, problems = _day(form, "birth_date", "Cán bộ", "Ngày sinh")
    joined, wrong_joined = _day(form, "party_joined_on", "Cán bộ", PARTY_MEMBER_COLUMNS[0])
    confirmed, wrong_confirmed = _day(form, "party_confirmed_on", "Cán bộ", PARTY_MEMBER_COLUMNS[1])
    ratings, wrong = parse_yearly_ratings(text("party_ratings"))
    yearly, wrong_yearly = parse_yearly_ratings(text("yearly_ratings"))
    problems += wrong_joined + wrong_confirmed + [Problem("Cán bộ", 2, PARTY_MEMBER_COLUMNS[3], w) for w in wrong]
    problems += [Problem("Cán bộ", 2, YEARLY_RATING_COLUMN, w) for w in wrong_yearly]
    person = PersonRow(2, username, text("full_name"), text("gender") or None, born, text("title"),
                       text("unit") or None, text("email") or None, text("phone") or None, True,
                       text("party_position"), joined, confirmed, text("party_cell"), ratings, yearly)
    report = ImportReport(problems=problems) if problems else \
        save_person(rt, acc.username, person, [(r, u or None) for r, u in roles], new=not editing)
    if not report.ok:
        sent = PersonForm(username, person.full_name, person.gender or "", text("birth_date"), person.title,
                          person.unit or "", person.email or "", person.phone or "",
                          [(r, u, role_label(r)) for r, u in roles[:len(kept)]], editing,
                          person.party_position, text("party_joined_on"), text("party_confirmed_on"),
                          person.party_cell, text("party_ratings"), text("yearly_ratings"))
        return _organisation(request, rt, p, acc, report, 422, editing=username if editing else None,
                             report_for="person", sent_person=sent)
    request.session["flash"] = f"Đã lưu cán bộ {username}: {report.summary()}"
    return RedirectResponse(f"/admin/organisation?sua={username}#can-bo", status_code=303)


@router.get("/admin/organisation/template.xlsx")
def organisation_template(acc: Account = Depends(_admin)) -> Response:
    return Response(staff_file_template(), media_type=XLSX,
                    headers={"Content-Disposition": 'attachment; filename="to-chuc-mau.xlsx"'})


@router.get("/admin/organisation/export.xlsx")
def organisation_export(acc: Account = Depends(_admin), rt: Runtime = Depends(runtime)) -> Response:
    return Response(export_staff_file(rt, acc.username), media_type=XLSX,
                    headers={"Content-Disposition": 'attachment; filename="to-chuc.xlsx"'})


@router.post("/admin/organisation/import")
async def organisation_import(request: Request, form: FormData = Depends(posted), acc: Account = Depends(_admin),
                              rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    """Async only to read the file; the check and the import run in the thread pool."""
    file = form.get("file")
    limit = rt.settings.upload_max_mb * 1024 * 1024
    try:
        if not isinstance(file, UploadFile) or not file.filename:
            raise InvalidInput("Hãy chọn tệp cơ cấu tổ chức (.xlsx).", "no staff file")
        content = await file.read(limit + 1)
        if len(content) > limit:
            raise InvalidInput(f"Tệp lớn hơn {rt.settings.upload_max_mb} MB.", "staff file too large")
        report = await run_in_threadpool(import_staff_file, rt, acc.username, content,
                                         dry_run=form.get("mode") != "import")
    except TdktError as err:
        return await run_in_threadpool(_page_error, request, rt, p, err, acc)
    return await run_in_threadpool(_organisation, request, rt, p, acc, report, 200 if report.ok else 422)


def _page_error(request: Request, rt: Runtime, p: Pages, err: TdktError, acc: Account) -> Response:
    report = ImportReport(problems=[Problem("Tệp", 0, "", err.message_vi)])
    return _organisation(request, rt, p, acc, report, error_status(err))


@router.post("/admin/accounts/{username}/active")
def set_person_active(request: Request, username: str, form: FormData = Depends(posted),
                      acc: Account = Depends(_admin), rt: Runtime = Depends(runtime),
                      p: Pages = Depends(pages)) -> Response:
    set_active(rt, acc.username, username, form.get("active") == "1")
    return RedirectResponse("/admin/accounts", status_code=303)
