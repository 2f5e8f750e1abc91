"""Movement dashboard (bảng tổng hợp) and its .xlsx export.

The Văn phòng, the council secretary, the Trưởng ban, Sở Nội vụ and the administrator see the
whole movement; a unit head sees their own unit only. The chart of progress per round is
drawn by the template as inline SVG: the CSP allows no scripts but our own, and none is needed.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from tdkt.domain.roles import Role
from tdkt.errors import Forbidden, NotFound
from tdkt.runtime import Runtime
from tdkt.services.people.accounts import Account
from tdkt.views.dashboard import Dashboard, dashboard, headed_unit
from tdkt.views.filters import filter_choices
from tdkt.web.deps import current_account, pages, runtime
from tdkt.web.templating import Pages

__all__ = ["router", "workbook"]

router = APIRouter()
#: roles that see every unit of a movement
_WHOLE = (Role.APPRAISER, Role.HEAD_OF_AGENCY, Role.COUNCIL_SECRETARY, Role.SO_NOI_VU, Role.ADMIN)
#: rows of the overdue sheet (the page shows fewer)
_EXPORT_OVERDUE = 10_000
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unit_scope(rt: Runtime, acc: Account) -> int | None:
    """None for the whole movement; the unit of a unit head; Forbidden for anyone else."""
    if any(acc.has(r) for r in _WHOLE):
        return None
    if acc.has(Role.UNIT_HEAD):
        return headed_unit(rt, acc.username)
    raise Forbidden("Anh/chị không có quyền xem bảng tổng hợp.", f"{acc.username} may not see the dashboard")


def _movement(rt: Runtime, acc: Account, movement: int | None) -> tuple[int, list[tuple[int, str]]]:
    """The movement asked for (the newest when none) among those this person may see."""
    movements = filter_choices(rt, acc.username).movements
    if movement is None:
        if not movements:
            raise NotFound("Chưa có phong trào thi đua nào.", "no movement yet")
        return movements[0][0], movements
    if movement not in {m for m, _ in movements}:
        raise NotFound("Không có phong trào này.", f"{acc.username} may not see movement {movement}")
    return movement, movements


@router.get("/dashboard")
def show_dashboard(request: Request, movement: int | None = None, acc: Account = Depends(current_account),
                   rt: Runtime = Depends(runtime), p: Pages = Depends(pages)) -> Response:
    unit_id = _unit_scope(rt, acc)
    movement_id, movements = _movement(rt, acc, movement)
    board = dashboard(rt, movement_id, unit_id)
    return p.render(request, "dashboard.html", title="Tổng hợp phong trào", d=board, movements=movements,
                    own_unit=unit_id is not None)


@router.get("/dashboard.xlsx")
def export_dashboard(movement: int | None = None, acc: Account = Depends(current_account),
                     rt: Runtime = Depends(runtime)) -> Response:
    unit_id = _unit_scope(rt, acc)
    movement_id, _ = _movement(rt, acc, movement)
    board = dashboard(rt, movement_id, unit_id, overdue_limit=_EXPORT_OVERDUE)
    filename = f"tong-hop-phong-trao-{movement_id}-{board.generated_at:%Y%m%d}.xlsx"
    return Response(workbook(board, rt), media_type=_XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def workbook(d: Dashboard, rt: Runtime) -> bytes:
    """The dashboard's four tables, one sheet each, Vietnamese headers in bold. Written in
    openpyxl's write-only mode: rows stream out, so ten thousand overdue rows stay quick."""
    wb = Workbook(write_only=True)
    tz = rt.settings.tz
    _sheet(wb, "Theo trạng thái", ["Trạng thái", "Số hồ sơ"],
           [[label, n] for _, label, n in d.by_status] + [["Tổng cộng", d.total]])
    _sheet(wb, "Theo đơn vị", ["Đơn vị", *[label for _, label, _ in d.by_status], "Tổng cộng"],
           [[unit, *[counts.get(c, 0) for c in d.columns], total] for unit, counts, total in d.by_unit])
    _sheet(wb, "Quá hạn",
           ["Công việc", "Hồ sơ số", "Người/tập thể được đề nghị", "Đơn vị", "Hạn xử lý", "Số ngày quá hạn",
            "Cấp báo cáo"],
           [[t.title, t.case_id, t.nominee, t.unit, t.due_at.astimezone(tz).strftime("%d/%m/%Y %H:%M"),
             t.days_overdue, t.escalation_level] for t in d.overdue])
    _sheet(wb, "Theo đợt", ["Đợt", "Tổng số hồ sơ", *[label for _, label in d.stages]],
           [[r.name, r.total, *r.stages] for r in d.rounds])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[object]]) -> None:
    ws = wb.create_sheet(title)
    for i, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(12, len(name) + 2))
    bold = Font(bold=True)
    cells = []
    for name in header:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = bold
        cells.append(cell)
    ws.append(cells)
    for row in rows:
        ws.append([_text_cell(ws, v) if isinstance(v, str) else v for v in row])


def _text_cell(ws: Any, value: str) -> Any:
    """A text cell stored as text: a name beginning with "=", "+", "-" or "@" (=HYPERLINK(…),
    =cmd|…) is never turned into a formula that a spreadsheet would run."""
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    return cell
