"""What a văn thư (NĐ 30/2020/NĐ-CP, NĐ 152/2025/NĐ-CP) sends back in the state documents of a
commendation, read from the generated .docx of every scenario: the council Biên bản's members in
the order of their chức danh and its conclusion one paragraph per authority (what the chair awards
himself, what he is asked to send up) with its counts; a chức vụ that names its unit not followed
by the unit again; the nơi nhận's ``Lưu: VT, <đơn vị soạn thảo>.``; the Quyết định's proposer
written plainly; a Tờ trình addressing the authority itself, its tóm tắt thành tích punctuated as
a list with one colon a line; the Giấy khen numbered in the order of the decision's danh sách,
with room for the signature and the seal. The Party's documents follow their own thể thức."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import docx
from docx.oxml.ns import qn
from sqlalchemy import select

from tdkt.documents.layout import TIEU_NGU
from tdkt.domain.achievement_report import unfinished_periods
from tdkt.domain.document_number import register_number
from tdkt.domain.honorific import honorific
from tdkt.domain.party_member import RATINGS
from tdkt.domain.review_assessment import (
    NO_CONTENT_RESULT,
    NO_FOLLOWUP,
    ReviewAssessment,
    assessment_scope,
    earlier_unmet,
    unmet_targets,
)
from tdkt.domain.status import SUBMISSION_REFUSED, Step
from tdkt.domain.yearly_rating import PRIME_MINISTER_STANDARD, STANDARD_YEARS, needs_from_criteria, standard_need
from tdkt.persistence.models import (
    AuditEntry,
    AwardRecord,
    Case,
    DocumentCase,
    IssuedDocument,
    Movement,
    Person,
    PlanObligation,
    RegisterOpening,
    ReviewAssessmentRow,
    Unit,
)
from tdkt.runtime import Runtime
from tdkt.services.documents.content.achievement import awards_received
from tdkt.services.documents.content.reports import scope_cases
from tdkt.services.documents.content.yearly_record import PROVINCIAL_AWARD, nominee_ratings
from tests.integration.doc_linter import Issued
from tests.integration.probes import docx_text

__all__ = ["work_followup_problems", "state_document_problems", "dossier_window_problems",
           "capitalised_movement_problems",
           "collective_name_problems", "text_problems", "minutes_problems", "register_order_problems",
           "capital_line_problems", "report_list_problems", "SEAT_RANKS", "line_break_problems",
           "outside_name_problems", "wording_problems", "report_weakness_problems", "weakness_section",
           "unit_submission_problems", "yearly_rating_problems", "award_year_problems", "stated_ratings",
           "late_rating_problems", "honorific_problems", "honorific_record_problems", "number_order_problems",
           "register_sequence_problems", "opening_problems", "cut_off_note_problems",
           "cited_cell_problems", "yearly_title_papers"]

_PARTY_KINDS = ("to_trinh_dang",)
#: a Biên bản's member line ends with the chức danh in the council; their order
SEAT_RANKS = (("Phó Chủ tịch Hội đồng", 1), ("Chủ tịch Hội đồng", 0), ("Ủy viên thường trực", 2),
              ("Thư ký Hội đồng", 4), ("Ủy viên", 3))
_REPEATED_UNIT = re.compile(r"(?<![\w])(\w+ \w+), \1(?![\w])")
#: the same two words twice in a row («Phó Giám đốc Trung tâm Trung tâm Phát triển …»)
_DOUBLED = re.compile(r"(?<![\w])(\w+ \w+) \1(?![\w])")
_ARCHIVE = re.compile(r"Lưu:[^\n|]*")
_ARCHIVE_FORM = re.compile(r"Lưu: VT(, [A-ZĐ0-9]+)*( \(\d+ bản\))?\.")
#: a hyphen a line may break at: an ordinary space on either side of it
_BREAKABLE_HYPHEN = re.compile(r"\S( -|- )\S|\S -\s|\s- \S")
_CONCLUSION = re.compile(r"Hội đồng đề nghị (?P<who>.+?) tặng (?P<form>.+?) cho "
                         r"(?P<counts>\d+ (?:tập thể|cá nhân)(?:, \d+ cá nhân)?): (?P<names>.+)\.")


#: an audit entry's local day
_LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def _party(d: Issued) -> bool:
    return d.kind in _PARTY_KINDS or bool(d.data.get("party")) or d.kind.endswith("_dang")


#: «Phong trào» after a word within a sentence (a comma or a semicolon between them at most)
_MOVEMENT_AFTER_WORD = re.compile(r"(\w+)[,;]? (Phong trào\b.{0,30})")


def cut_off_note_problems(lines: list[str]) -> list[str]:
    """A movement report's «Số liệu tổng hợp từ hồ sơ đề nghị khen thưởng … đến ngày …» describes
    its tables (the dossiers' figures): right after them, never after the chỉ tiêu and nội dung the
    Văn phòng entered, which do not come from the hồ sơ and which it would seem to cover."""
    note = next((i for i, line in enumerate(lines) if line.startswith("Số liệu tổng hợp từ hồ sơ")), None)
    if note is None:
        return []
    entered = [line for line in lines[:note] if line.startswith(("- Chỉ tiêu ", "- Nội dung "))]
    return [f"«Số liệu tổng hợp từ hồ sơ …» đặt sau kết quả chỉ tiêu, nội dung: «{entered[0][:60]}…»"
            for _ in entered[:1]]


def capitalised_movement_problems(text: str) -> list[str]:
    """«Phong trào» capitalised inside a sentence («… hưởng ứng Phong trào thi đua …»): a movement
    is a common noun there; only its proper name in quotation marks, or a sentence's first word,
    takes a capital."""
    return [f"«Phong trào» viết hoa giữa câu: «{m.group(1)} {m.group(2)}»" for m in _MOVEMENT_AFTER_WORD.finditer(text)
            if m.group(1)[0].islower()]


def text_problems(kind: str, text: str, data: dict[str, Any] | None = None) -> list[str]:
    """The rules read from one state document's text (tables' rows joined by " | ")."""
    data = data or {}
    found = [f"chức vụ nhắc lại tên đơn vị: «{m.group(0)}»" for m in _REPEATED_UNIT.finditer(text)]
    found += [f"hai từ viết lặp: «{m.group(0)}»" for m in _DOUBLED.finditer(text) if m.group(1)[0].isupper()]
    found += capitalised_movement_problems(text)
    found += [f"tên Hội đồng không đúng («Hội đồng Thi đua - Khen thưởng»): «{m.group(0)}»"
              for m in _COUNCIL_LOOSE.finditer(text)]
    found += [f"dòng lưu không theo NĐ 30 («Lưu: VT, VP.»): «{m.group(0).strip()}»" for m in _ARCHIVE.finditer(text)
              if not _ARCHIVE_FORM.fullmatch(m.group(0).strip())]
    if "(qua " in str(data.get("recipient", "")) or re.search(r"Kính gửi:[^\n]*\(qua ", text):
        found.append(f"Kính gửi kèm đường chuyển («qua …»): {data.get('recipient')}")
    lines = text.splitlines()
    if kind == "quyet_dinh":
        proposed = [line for line in lines if line.startswith("Theo đề nghị của")]
        found += [f"đề nghị của … viết kèm ngoặc đơn: «{line[:90]}»" for line in proposed if "(" in line]
        found += [f"đề nghị của … không kết thúc bằng dấu chấm: «{line[-40:]}»" for line in proposed
                  if not line.endswith(".")]
    if kind == "to_trinh":
        found += _summary_problems(lines)
    if kind == "bien_ban_hoi_dong":
        found += minutes_problems(lines)
    if kind == "bao_cao_thanh_tich":
        found += report_list_problems(lines)
    if kind == "bao_cao_cong_tac":
        found += work_report_problems(text)
    if kind == "bao_cao_tong_ket":
        found += cut_off_note_problems(lines)
    return found


#: the agency's own Kế hoạch công tác of the year, as its report's table cites it
_OWN_PLAN = re.compile(r"Kế hoạch số (\d+/KH-[\w-]+) ngày (\d\d/\d\d/\d{4})")
_TASKS_LINE = re.compile(r"^1\. Thực hiện các nhiệm vụ của (Kế hoạch số \S+ ngày \S+)[^\n]*", re.MULTILINE)


def _section(lines: list[str], head: str, ends: tuple[str, ...]) -> list[str]:
    """The lines after the one starting with ``head`` up to the next starting with one of ``ends``."""
    start = next((i for i, line in enumerate(lines) if line.startswith(head)), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith(ends)), len(lines))
    return lines[start + 1:end]


#: a table cell citing a document with its whole trích yếu («Báo cáo số 02/BC-… ngày 22/06/2026 của
#: Ban … về sơ kết …»: 14 lines in a cell)
_CELL_CITED_WHOLE = re.compile(r"(?:^|\| )((?:Báo cáo|Kế hoạch|Quyết định|Tờ trình) số \S+ ngày \d\d/\d\d/\d{4}) của "
                               r"[^|]{0,200}? về ")
#: «Kết quả: Chưa thực hiện: Kế hoạch …»: a second colon in the same sentence
_TWO_COLONS = re.compile(r"Kết quả: [^.:\n]{1,40}: ")


def cited_cell_problems(lines: list[str]) -> list[str]:
    """A báo cáo's table cell cites a document by its số and ngày («Báo cáo số 02/BC-BQLKKTCK ngày
    22/06/2026»), not with its whole trích yếu (s003's row 4 ran 14 lines); a result reads with one
    colon («Kết quả: Chưa thực hiện. Kế hoạch …», not «Kết quả: Chưa thực hiện: Kế hoạch …»)."""
    found = [f"ô bảng trích dẫn cả trích yếu văn bản: «{m.group(1)} của …»" for line in lines if " | " in line
             for m in _CELL_CITED_WHOLE.finditer(line)]
    found += [f"hai dấu hai chấm trong một câu: «{m.group(0)}…»" for line in lines for m in _TWO_COLONS.finditer(line)]
    return found


def work_report_problems(text: str) -> list[str]:
    """The agency's báo cáo công tác thi đua, khen thưởng agrees with its own facts: its tasks are
    reported against the agency's own plan of the year when it issued one (the tasks are that
    plan's); with no movement launched, no ưu điểm of registering for one and no plan to review
    one; with every task on time, no hạn chế of being «bị động» about deadlines; a period from
    the year's first day with no award decided says what became of the year before's titles."""
    found = []
    lines = text.splitlines()
    tasks = _TASKS_LINE.search(text)
    own = [m.group(1) for m in _OWN_PLAN.finditer(text) if "/KH-UBND" not in m.group(1)]
    if tasks and own and own[0] not in tasks.group(0):
        found.append(f"nhiệm vụ được báo cáo theo {tasks.group(1)}, không theo kế hoạch của cơ quan "
                     f"(Kế hoạch số {own[0]})")
    if "không có phong trào thi đua nào được phát động" in text:
        strengths = " ".join(_section(lines, "1. Ưu điểm", ("2. ",))).lower()
        if "đăng ký thi đua" in strengths:
            found.append("ưu điểm nói hướng dẫn đăng ký thi đua khi không có phong trào nào")
        plans = _section(lines, "IV. PHƯƠNG HƯỚNG", ("V. ", "Trên đây"))
        found += [f"phương hướng sơ kết, tổng kết phong trào khi không có phong trào nào: «{line[:80]}»"
                  for line in plans if "phong trào thi đua do cơ quan phát động" in line and "khi cơ quan" not in line]
    if "đều đã thực hiện đúng hạn" in text:
        weak = " ".join(_section(lines, "2. Hạn chế", ("3. ", "IV. "))).lower()
        if "bị động" in weak or "chưa định rõ thời hạn" in weak:
            found.append("hạn chế nói việc theo dõi thời hạn bị động khi mọi nhiệm vụ đều đúng hạn")
    if re.search(r"từ ngày 01/01/\d{4}[^\n]*không có quyết định khen thưởng nào", text) and \
            "Lao động tiên tiến" not in text:
        found.append("không có quyết định khen thưởng nào trong năm, không nói danh hiệu thi đua năm trước")
    found += cited_cell_problems(lines)
    # the drafting of the agency's own plan is the province's task, not one of that plan's own
    rows = _task_rows(lines)
    if tasks and own and tasks.group(1).startswith(f"Kế hoạch số {own[0]}") and any(
            task.startswith("Xây dựng Kế hoạch công tác") for task, _ in rows):
        found.append(f"việc xây dựng kế hoạch của cơ quan được tính là nhiệm vụ của chính {tasks.group(1)}")
    # the tasks in the order they fall due (a date before the quarter that ends after it)
    dues = [due for _, due in rows]
    if dues != sorted(dues):
        found.append(f"nhiệm vụ không theo thứ tự thời hạn: {[task[:30] for task, _ in rows]}")
    return found


_QUARTER_DUE = {"I": (3, 31), "II": (6, 30), "III": (9, 30), "IV": (12, 31)}


def _task_rows(lines: list[str]) -> list[tuple[str, tuple[int, int]]]:
    """(task, (month, day) due) of each row of a báo cáo công tác's table of tasks («1 | <task> |
    29/01/2026 | …», «2 | <task> | Quý I | …»)."""
    rows = []
    for line in lines:
        cells = line.split(" | ")
        if len(cells) >= 4 and cells[0].isdigit():
            if m := re.fullmatch(r"(\d\d)/(\d\d)/\d{4}", cells[2]):
                rows.append((cells[1], (int(m[2]), int(m[1]))))
            elif m := re.fullmatch(r"Quý (I|II|III|IV)", cells[2]):
                rows.append((cells[1], _QUARTER_DUE[m[1]]))
    return rows


def work_followup_problems(rt: Runtime) -> list[str]:
    """Each báo cáo công tác after another of the same calendar says what became of every phương
    hướng, nhiệm vụ the earlier one set (as the Văn phòng entered it for that report), citing it:
    a promise («Bổ sung việc bình xét … vào kế hoạch») is never dropped in silence."""
    found = []
    with rt.uow() as uow:
        s = uow.session
        reports = [(o, s.get(IssuedDocument, o.document_id)) for o in s.scalars(select(PlanObligation).where(
            PlanObligation.document.in_(("so_ket_6_thang", "tong_ket_nam")), PlanObligation.document_id.is_not(None)))]
        for o, doc in reports:
            if doc is None:
                continue
            text = " ".join(docx_text(Path(doc.stored_path)).split())
            for p, earlier in reports:
                if earlier is None or p.plan_code != o.plan_code or earlier.issued_on >= doc.issued_on:
                    continue
                for direction in ReviewAssessment.from_record(p.assessment or {}).directions:
                    said = re.search(re.escape(" ".join(direction.rstrip(" .;").split())) + r"\. Kết quả: (.{0,40})",
                                     text)
                    if f"Báo cáo số {earlier.reference}" not in text or said is None or said[1].startswith(NO_FOLLOWUP):
                        found.append(f"{doc.reference}: không nói kết quả phương hướng «{direction[:60]}» của Báo "
                                     f"cáo số {earlier.reference}")
    return found


_PERIOD_END = re.compile(r"giai đoạn từ ngày \d\d/\d\d/\d{4} đến ngày (\d\d/\d\d/\d{4})")
_CUT_OFF = re.compile(r"Số liệu tổng hợp[^\n]* đến ngày (\d\d/\d\d/\d{4})")
#: the council's name as a plan or a clerk may type it, never as a document prints it
_COUNCIL_LOOSE = re.compile(r"Hội đồng thi đua|Hội đồng TĐKT khen|Hội đồng Thi đua khen thưởng")


def movement_report_problems(text: str, issued_on: date) -> list[str]:
    """A movement's báo cáo sơ kết / tổng kết: one data cut-off — the period it states ends on
    the report's date, as do its figures («Số liệu tổng hợp … đến ngày») —; who was proposed more
    than once said with counts, never «nhiều lượt»; its hạn chế with their nguyên nhân."""
    day = f"{issued_on:%d/%m/%Y}"
    found = [f"giai đoạn báo cáo đến ngày {m.group(1)}, báo cáo ngày {day}" for m in _PERIOD_END.finditer(text)
             if m.group(1) != day]
    found += [f"số liệu tổng hợp đến ngày {m.group(1)}, báo cáo ngày {day}" for m in _CUT_OFF.finditer(text)
              if m.group(1) != day]
    if "nhiều lượt" in text:
        found.append("«được đề nghị nhiều lượt» không nói ai, bao nhiêu lượt")
    lines = text.splitlines()
    if "2. Hạn chế và nguyên nhân" not in lines or "Nguyên nhân:" not in lines:
        found.append("mục «2. Hạn chế» không kèm nguyên nhân")
    return found


def report_list_problems(lines: list[str]) -> list[str]:
    """A Báo cáo thành tích's items after part I (whose «- Họ và tên: …» are the form's fields):
    each run of «- » lines a list, each ending with «;», the last with «.»."""
    found: list[str] = []
    run: list[str] = []
    after_part_one = False
    for line in [*lines, ""]:
        after_part_one = after_part_one or line.startswith("II. ")
        if after_part_one and line.startswith("- "):
            run.append(line)
            continue
        found += [f"mục liệt kê không kết thúc bằng «;»: «{x[-40:]}»" for x in run[:-1] if not x.endswith(";")]
        if run and not run[-1].endswith("."):
            found.append(f"mục liệt kê cuối không kết thúc bằng «.»: «{run[-1][-40:]}»")
        run = []
    return found


def _summary_problems(lines: list[str]) -> list[str]:
    """Tóm tắt thành tích: one line per nominee, «- Tên: …;», the last ending with «.»."""
    if "Tóm tắt thành tích:" not in lines:
        return []
    start = lines.index("Tóm tắt thành tích:") + 1
    items = []
    for line in lines[start:]:
        if not line.startswith("- "):
            break
        items.append(line)
    found = [f"tóm tắt thành tích có hai dấu hai chấm: «{line[:60]}»" for line in items if line.count(": ") > 1]
    found += [f"dòng tóm tắt thành tích không kết thúc bằng «;»: «{line[-40:]}»" for line in items[:-1]
              if not line.endswith(";")]
    if items and not items[-1].endswith("."):
        found.append(f"dòng tóm tắt thành tích cuối không kết thúc bằng «.»: «{items[-1][-40:]}»")
    return found


def _seat(line: str) -> int | None:
    bare = line.rstrip(";.")
    return next((rank for ending, rank in SEAT_RANKS if bare.endswith(ending)), None)


def minutes_problems(lines: list[str]) -> list[str]:
    """The council's Biên bản: members by chức danh; one conclusion paragraph per form of award,
    naming who awards it (or to whom it is sent up), its counts matching the proposals in the
    table of results."""
    found: list[str] = []
    at = next((i for i, line in enumerate(lines) if line.startswith("Thành phần:")), None)
    if at is not None:
        members = []
        for line in lines[at + 1:]:
            if not line.startswith("- "):
                break
            members.append(line)
        ranks = [_seat(m) for m in members]
        known = [r for r in ranks if r is not None]
        if known != sorted(known):
            found.append("thành viên không xếp theo chức danh trong Hội đồng (Chủ tịch, Phó Chủ tịch, Ủy viên thường "
                         "trực, Ủy viên, Thư ký): " + "; ".join(m.split(", ")[0] for m in members))
    if any(re.match(r"Hội đồng đề nghị khen thưởng \d+ trường hợp", line) for line in lines):
        found.append("kết luận gộp các hình thức khen thưởng, không tách theo thẩm quyền")
    proposed: dict[str, int] = {}
    for line in lines:
        cells = line.split(" | ")
        if len(cells) >= 8 and cells[0].isdigit() and cells[-1].startswith("Đề nghị khen thưởng"):
            proposed[cells[2]] = proposed.get(cells[2], 0) + 1
    concluded: dict[str, int] = {}
    for line in lines:
        if not line.startswith("Hội đồng đề nghị ") or line.startswith("Hội đồng đề nghị khen thưởng"):
            continue
        m = _CONCLUSION.fullmatch(line)
        if m is None:
            found.append(f"kết luận không nêu người quyết định, hình thức, số lượng và danh sách: «{line[:90]}»")
            continue
        if m["form"] in concluded:
            found.append(f"kết luận nêu {m['form']} hai lần")
        concluded[m["form"]] = sum(int(n) for n in re.findall(r"\d+", m["counts"]))
    if proposed and concluded != proposed:
        found.append(f"kết luận {concluded} không khớp bảng kết quả {proposed}")
    return found


def register_order_problems(docs: Iterable[Issued]) -> list[str]:
    """The n-th line of a Quyết định's danh sách (tập thể, then cá nhân) has the n-th số vào sổ."""
    docs = list(docs)
    found = []
    for decision in (d for d in docs if d.kind == "quyet_dinh" and d.data.get("grids")):
        order = [row[1] for grid in decision.data["grids"] for row in grid["rows"]]
        # a number comes back each year (a Party committee's: each nhiệm kỳ, no year in its số vào sổ)
        prefix = register_number(decision.reference, decision.issued_on.year, 0)[:-2]
        for cert in (d for d in docs if d.kind == "giay_khen"
                     and str(d.data.get("register_number", "")).startswith(prefix)):
            line = int(str(cert.data["register_number"]).rsplit("/", 1)[1])
            name = cert.data["nominee_name"]
            if not (0 < line <= len(order) and order[line - 1] == name):
                found.append(f"giay_khen {cert.data['register_number']}: {name} ở dòng "
                             f"{order.index(name) + 1 if name in order else '?'} của danh sách Quyết định "
                             f"{decision.reference}")
    return found


def collective_name_problems(docs: Iterable[Issued]) -> list[str]:
    """A tập thể's Giấy khen names it in full, as known outside the agency («Văn phòng Ban Quản lý
    …», not «Văn phòng»), and as its Quyết định's danh sách names it (the same words)."""
    docs = list(docs)
    decisions = {d.reference: d for d in docs if d.kind == "quyet_dinh"}
    found = []
    for cert in (d for d in docs if d.kind == "giay_khen" and d.data.get("nominee_prefix") == "Tập thể"):
        name, decision = cert.data.get("nominee_name", ""), decisions.get(cert.data.get("decision_reference", ""))
        if decision is None:
            continue
        agency = str(decision.data.get("agency", ""))
        if agency and agency not in name:
            found.append(f"giay_khen {cert.data.get('register_number')}: tập thể «{name}» không ghi đủ tên (thiếu "
                         f"«{agency}»)")
        listed = [row[1] for grid in decision.data.get("grids") or [] if grid.get("key") == "collectives"
                  for row in grid["rows"]]
        if name not in listed:
            found.append(f"giay_khen {cert.data.get('register_number')}: tập thể «{name}» không như danh sách kèm "
                         f"Quyết định {decision.reference}: {listed}")
    return found


def capital_line_problems(paragraphs: Iterable[str]) -> list[str]:
    """A line in capitals (tên cơ quan, thẩm quyền) whose hyphen a line may break at, so the next
    line would begin with «- LẠNG SƠN» (NĐ 30/2020, Phụ lục I): its spaces must not break."""
    return [f"dòng chữ in hoa có thể xuống dòng ở dấu gạch nối: «{text}»" for text in paragraphs
            if any(c.isalpha() for c in text) and text == text.upper() and _BREAKABLE_HYPHEN.search(text)]


#: a hyphen a line may break at, as the .docx holds it: one spaced by ordinary spaces between two
#: words or numbers («Đồng Đăng - Lạng Sơn»), or one inside a word or number («NĐ-CP»); Word's
#: no-break hyphen (``w:noBreakHyphen``) is no character of the text
_LOOSE_HYPHEN = re.compile(r"(?<=[\w)]) - (?=[\w(])|(?<=\w)-(?=\w)")
#: two syllables of one word a header's line must not end between
_ONE_WORD = ("TÀI NGUYÊN", "CỬA KHẨU", "NHÂN DÂN", "KINH TẾ", "DỊCH VỤ", "QUẢN LÝ", "DOANH NGHIỆP", "ỦY BAN")


def _raw_paragraphs(path: Any) -> list[str]:
    """Each paragraph's text as the .docx holds it: a no-break hyphen as U+2011, a line break as
    a new line."""
    body = docx.Document(str(path)).element.body
    texts = []
    for paragraph in body.iter(qn("w:p")):
        parts = []
        for element in paragraph.iter(qn("w:t"), qn("w:noBreakHyphen"), qn("w:br")):
            parts.append(element.text or "" if element.tag == qn("w:t")
                         else "\u2011" if element.tag == qn("w:noBreakHyphen") else "\n")
        texts.append("".join(parts).replace("\u2060", ""))
    return texts


def line_break_problems(kind: str, paragraphs: Iterable[str], data: dict[str, Any]) -> list[str]:
    """Where a document's lines may break badly (NĐ 30/2020, Phụ lục I): at the hyphen of a name
    or a number anywhere in it (the body, a table's cell, the header: «Đồng Đăng - / Lạng Sơn»,
    «152/2025/NĐ- / CP»); a header's name with a word alone on a line or broken inside a word
    («CỬA / KHẨU»)."""
    found = [f"có thể xuống dòng ở dấu gạch nối: «{m.string[max(0, m.start() - 25):m.end() + 25]}»"
             for text in paragraphs if text.strip() != TIEU_NGU for m in _LOOSE_HYPHEN.finditer(text)]
    for key in ("parent_upper", "agency_upper"):
        lines = [line.strip() for line in str(data.get(key, "")).split("\n") if line.strip()]
        if len(lines) > 1:
            found += [f"tên cơ quan trong tiêu đề có dòng một chữ: {lines}" for line in lines
                      if len(line.split()) == 1]
            found += [f"tên cơ quan trong tiêu đề xuống dòng giữa một từ: {lines}"
                      for before, after in zip(lines, lines[1:], strict=False)
                      if f"{before.split()[-1]} {after.split()[0]}" in _ONE_WORD]
    return found


def outside_name_problems(docs: Iterable[Issued]) -> list[str]:
    """Names going outside the agency carry its name: a person's chức vụ, đơn vị on a state Giấy
    khen, and every row of the agency's Tờ trình to the province (the province prints its Bằng
    khen from that list)."""
    found = []
    for d in docs:
        agency = str(d.data.get("agency", ""))
        if d.kind == "giay_khen" and d.data.get("nominee_prefix") in ("Ông", "Bà") and agency:
            if agency not in str(d.data.get("nominee_unit", "")):
                found.append(f"giay_khen {d.data.get('register_number')}: «{d.data.get('nominee_unit')}» không ghi "
                             f"tên cơ quan «{agency}»")
        if d.kind == "to_trinh" and agency:
            found += [f"to_trinh {d.reference}: dòng «{row[1]} | {row[2]}» không ghi tên cơ quan"
                      for row in d.data.get("rows") or [] if agency not in f"{row[1]} {row[2]}"]
    return found


#: a bracket inside a bracket: one opened in an open one, or a list marker's closing one inside
#: an open one, closed after it («(căn cứ Kế hoạch mục IV.2.1 c))»)
_NESTED = re.compile(r"\([^()]*\(|\([^()]*\)[^()]*\)")


def wording_problems(d: Issued, text: str) -> list[str]:
    """A bracket inside a bracket; «(tổng kết phong trào)» after a movement named with its period
    («… giai đoạn 2026 - 2030»); the Văn phòng sending its own Tờ trình to itself; a list's name
    column saying «Tập thể / cá nhân» of a list of one kind; a list of tập thể only (a Tờ trình, a
    unit's Biên bản) heading its second column for a person («Chức vụ, đơn vị công tác»), not
    «Trực thuộc»."""
    found = [f"ngoặc trong ngoặc: «{line[:90]}»" for line in text.splitlines() if _NESTED.search(line)]
    if re.search(r"(?:19|20)\d{2} - (?:19|20)\d{2}\)? \(tổng kết phong trào\)", text):
        found.append("«(tổng kết phong trào)» sau tên phong trào đã nêu giai đoạn")
    # a claim for a period not ended by the document's date (the rule the report is refused by)
    found += [f"«{line[:90]}»: giai đoạn chưa kết thúc, ghi «{so_far}»"
              for line, so_far in unfinished_periods(text.replace("\u2011", "-").splitlines(), d.issued_on)]
    agency = str(d.data.get("agency", ""))
    if d.kind == "to_trinh_don_vi" and agency.startswith("Văn phòng"):
        found += [f"Văn phòng gửi Tờ trình cho chính mình: «{r}»" for r in d.data.get("recipients") or []
                  if str(r).startswith("Văn phòng")]
    columns, excerpt = d.data.get("columns") or [], str(d.data.get("excerpt", ""))
    if len(columns) > 1 and columns[1] == "Tập thể / cá nhân" and d.data.get("rows") and (
            ("tập thể" in excerpt) != ("cá nhân" in excerpt)):
        found.append(f"cột «Tập thể / cá nhân» cho danh sách một loại («{excerpt[:60]}»)")
    if d.data.get("rows") and len(columns) > 2 and columns[1] == "Tên tập thể" and "Chức vụ" in columns[2]:
        found.append(f"cột «{columns[2]}» trong danh sách chỉ có tập thể (cột «Trực thuộc»)")
    return found


def _paragraphs(path: Any) -> list[str]:
    document = docx.Document(str(path))
    # a cell's ký hiệu joined at its slashes by word joiners, which print and read as nothing
    cells = [p.text.replace("\u2060", "") for t in document.tables for row in t.rows for c in row.cells
             for p in c.paragraphs]
    return [p.text for p in document.paragraphs] + cells


def _signature_room(d: Issued) -> list[str]:
    """A Giấy khen's signature: at least five empty lines between the title and the name."""
    signer = d.data.get("signer") or {}
    document = docx.Document(str(d.path))
    for table in document.tables:
        cell = table.rows[-1].cells[-1]
        texts = [p.text for p in cell.paragraphs]
        if signer.get("name") in texts and signer.get("title_line") in texts:
            start, end = texts.index(signer["title_line"]), texts.index(signer["name"])
            blank = sum(not t.strip() for t in texts[start + 1:end])
            return [] if blank >= 5 else [f"giay_khen {d.data.get('register_number')}: {blank} dòng cho chữ ký và "
                                          "con dấu (cần ít nhất 5)"]
    return []


def state_document_problems(docs: Iterable[Issued]) -> list[str]:
    """Every fault of these rules in the state documents among ``docs``, "kind reference: what"."""
    docs = list(docs)
    state = [d for d in docs if not _party(d)]
    found = [f"{d.kind} {d.reference or d.path.name}: {p}" for d in state
             for p in text_problems(d.kind, docx_text(d.path), d.data)]
    found += [p for d in state if d.kind == "giay_khen" for p in _signature_room(d)]
    found += [f"{d.kind} {d.reference or d.path.name}: {p}" for d in state if d.kind == "bao_cao_tong_ket"
              for p in movement_report_problems(docx_text(d.path), d.issued_on)]
    found += [f"{d.kind} {d.reference or d.path.name}: {p}" for d in state
              for p in capital_line_problems(_paragraphs(d.path))]
    # no line breaks at a name's hyphen, in the state's documents and the Party's alike
    found += [f"{d.kind} {d.reference or d.path.name}: {p}" for d in docs
              for p in line_break_problems(d.kind, _raw_paragraphs(d.path), d.data)]
    found += [f"{d.kind} {d.reference or d.path.name}: {p}" for d in docs
              for p in wording_problems(d, docx_text(d.path))]
    found += [f"{d.kind} {d.reference or d.path.name}: {p}" for d in state
              for p in unit_submission_problems(d, docx_text(d.path))]
    found += outside_name_problems(state)
    found += round_wording_problems(state)
    # the Party's Tờ trình follows its own thể thức, but its tóm tắt thành tích is punctuated alike
    found += [f"{d.kind} {d.reference or d.path.name}: {p}" for d in docs if d.kind == "to_trinh_dang"
              for p in _summary_problems(docx_text(d.path).splitlines())]
    # a movement is a common noun inside a sentence in the Party's documents too
    found += [f"{d.kind} {d.reference or d.path.name}: {p}" for d in docs if _party(d)
              for p in capitalised_movement_problems(docx_text(d.path))]
    return found + register_order_problems(state) + collective_name_problems(state)


#: a unit's own dossier documents: its meeting's Biên bản, its Tờ trình, each Báo cáo thành tích
UNIT_DOSSIER_KINDS = ("bien_ban_don_vi", "to_trinh_don_vi", "bao_cao_thanh_tich")


def dossier_window_problems(rt: Runtime) -> list[str]:
    """A unit's dossier documents are dated within its round's window for sending hồ sơ (the
    plan's «từ ngày … đến hết ngày …»): not before the round opens, not after its deadline — but
    for a dossier the Văn phòng returned for supplement, whose unit may date its additions later."""
    found = []
    with rt.uow() as uow:
        s = uow.session
        supplemented = set(s.scalars(select(AuditEntry.case_id).where(AuditEntry.to_status == "supplement_dossier")))
        rows = s.execute(select(IssuedDocument, Case).join(DocumentCase, DocumentCase.document_id == IssuedDocument.id)
                         .join(Case, Case.id == DocumentCase.case_id)
                         .where(IssuedDocument.kind.in_(UNIT_DOSSIER_KINDS)).order_by(IssuedDocument.id)).all()
        for doc, case in rows:
            opens, deadline = case.round.dossier_opens_on, case.round.dossier_deadline
            if opens is not None and doc.issued_on < opens:
                found.append(f"{doc.kind} {doc.reference} ngày {doc.issued_on:%d/%m/%Y} (hồ sơ {case.id}): trước ngày "
                             f"bắt đầu nhận hồ sơ {opens:%d/%m/%Y} của {case.round.name}")
            if deadline is not None and doc.issued_on > deadline and case.id not in supplemented:
                found.append(f"{doc.kind} {doc.reference} ngày {doc.issued_on:%d/%m/%Y} (hồ sơ {case.id}): sau hạn "
                             f"nhận hồ sơ {deadline:%d/%m/%Y} của {case.round.name}")
        # the agency's council considers a round once its window has closed: every unit had
        # until its deadline, and a dossier sent on the last day is considered with the others
        councils = s.execute(select(IssuedDocument, Case)
                             .join(DocumentCase, DocumentCase.document_id == IssuedDocument.id)
                             .join(Case, Case.id == DocumentCase.case_id)
                             .join(Unit, Unit.id == Case.agency_id)
                             .where(IssuedDocument.kind == "bien_ban_hoi_dong",
                                    IssuedDocument.issuer == Unit.code)).all()  # the agency's, not the province's
        for doc, case in councils:
            deadline = case.round.dossier_deadline
            if deadline is not None and doc.issued_on <= deadline:
                found.append(f"{doc.kind} {doc.reference} ngày {doc.issued_on:%d/%m/%Y}: Hội đồng họp khi "
                             f"{case.round.name} còn nhận hồ sơ (đến hết ngày {deadline:%d/%m/%Y})")
    return sorted(set(found), key=found.index)


def refused_submission_problems(rt: Runtime) -> list[str]:
    """Every movement's báo cáo sơ kết / tổng kết says the submissions the run refused for their
    date (the audit's ``submission_refused``) among its dossiers, up to its own date: «N hồ sơ nộp
    sau thời hạn, không được tiếp nhận» (never «không có hồ sơ nộp sau thời hạn» then), «N hồ sơ
    nộp trước thời gian nhận hồ sơ»."""
    found = []
    with rt.uow() as uow:
        s = uow.session
        refusals = s.execute(select(AuditEntry.case_id, AuditEntry.at, AuditEntry.detail)
                             .where(AuditEntry.event == SUBMISSION_REFUSED)).all()
        received = set(s.scalars(select(AuditEntry.case_id).where(AuditEntry.event == Step.SUBMIT_DOSSIER)))
        for doc, cases in _movement_reports(s):
            scope = {c.id for c in cases}
            mine = [(c, d["reason"]) for c, at, d in refusals if c in scope and at.astimezone(_LOCAL).date()
                    <= doc.issued_on]
            late = {c for c, why in mine if why == "late" and c not in received}
            early = {c for c, why in mine if why == "early"}
            text = docx_text(Path(doc.stored_path))
            if late and f"{len(late)} hồ sơ nộp sau thời hạn, không được tiếp nhận" not in text:
                found.append(f"{doc.reference}: không nêu {len(late)} hồ sơ nộp sau thời hạn bị từ chối (hồ sơ "
                             f"{sorted(late)})")
            if late and "không có hồ sơ nộp sau thời hạn" in text:
                found.append(f"{doc.reference}: «không có hồ sơ nộp sau thời hạn» khi có hồ sơ bị từ chối vì nộp muộn")
            if early and f"{len(early)} hồ sơ nộp trước thời gian nhận hồ sơ" not in text:
                found.append(f"{doc.reference}: không nêu {len(early)} hồ sơ nộp trước thời gian nhận hồ sơ")
    return found


def _movement_reports(s: Any) -> list[tuple[IssuedDocument, list[Case]]]:
    """Each movement's báo cáo sơ kết / tổng kết with the dossiers it covers."""
    out = []
    for doc in s.scalars(select(IssuedDocument).where(IssuedDocument.kind == "bao_cao_tong_ket")
                         .order_by(IssuedDocument.id)):
        inputs = doc.data.get("inputs") or {}
        movement = s.get(Movement, doc.movement_id)
        assert movement is not None  # a movement's report
        out.append((doc, scope_cases(s, movement, inputs.get("round_number"), inputs.get("review"))))
    return out


def award_decider_problems(rt: Runtime) -> list[str]:
    """A report's table of dossiers by state counts under «theo quyết định của Thủ trưởng cơ quan»
    only the awards the Thủ trưởng decided: a Party form's (Giấy khen của Đảng ủy) has its own row,
    by the Đảng ủy that decided it."""
    found = []
    with rt.uow() as uow:
        for doc, cases in _movement_reports(uow.session):
            grid = next((g for g in doc.data.get("grids", []) if g.get("key") == "by_state"), None)
            if grid is None:
                continue
            rows = {r[1]: int(r[2]) for r in grid["rows"]}
            forms = {c.id: c.movement.plan.award_forms.get(c.award_form) for c in cases}
            signed = [c for c in cases if c.status == "decision_signed"]
            party = [c for c in signed if (f := forms[c.id]) is not None and f.by_party]
            # the head by the title the report signs with («Trưởng ban»), never another name for them
            title = str((doc.data.get("signer") or {}).get("authority_line") or
                        (doc.data.get("signer") or {}).get("title_line") or "")
            title = title.removeprefix("KT. ").strip()
            head = rows.get(f"Được khen thưởng theo quyết định của {title[:1]}{title[1:].lower()}", 0)
            if "Được khen thưởng theo quyết định của Thủ trưởng cơ quan" in rows:
                found.append(f"{doc.reference}: «Thủ trưởng cơ quan» trong bảng, «{title}» ở chữ ký")
            if head != len(signed) - len(party):
                found.append(f"{doc.reference}: «theo quyết định của {title}» {head}, nhưng Thủ trưởng "
                             f"quyết định {len(signed) - len(party)}")
            by_party = sum(n for k, n in rows.items() if "Đảng ủy" in k and k.startswith("Được khen thưởng"))
            if by_party < len(party):
                found.append(f"{doc.reference}: {len(party)} khen thưởng của Đảng ủy không có dòng riêng")
    return found


def weakness_section(text: str) -> list[str]:
    """The lines of a report's «2. Hạn chế (và nguyên nhân)», up to its next part."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("2. Hạn chế")), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith(("3. ", "III. "))), len(lines))
    return lines[start + 1:end]


#: a chỉ tiêu's result that says it is not met
_NOT_MET = re.compile(r"chưa (?:hoàn thành|đạt)|không (?:hoàn thành|đạt)", re.IGNORECASE)
#: a result that says it fell short, in any report (a sơ kết's too): «… còn hạn chế»
_SHORT_OF = re.compile(r"còn hạn chế|chưa đạt yêu cầu", re.IGNORECASE)
#: where a chỉ tiêu's line turns to its result: «Kết quả:», or after the sơ kết's finding
_RESULT = re.compile(r" Kết quả: |; đến thời điểm báo cáo: ")
_TARGET_LINE = re.compile(r"^- Chỉ tiêu (\d+): .*?(?: Kết quả: |; đến thời điểm báo cáo: )(.*)$")


def report_weakness_problems(rt: Runtime) -> list[str]:
    """Every báo cáo sơ kết / tổng kết names under «Hạn chế» what it shows not done: each chỉ
    tiêu the Văn phòng marked not met (its stored đánh giá), each whose result says it fell short
    («còn hạn chế») — and, in a tổng kết, each whose result reads «chưa hoàn thành», «chưa đạt» —
    as «Chưa đạt chỉ tiêu N của Kế hoạch», with the nguyên nhân entered;
    the hồ sơ not sent on time (the report's own figures) in one line about timeliness with their
    count, never inside a hạn chế about something else."""
    found = []
    with rt.uow() as uow:
        s = uow.session
        for doc, _ in _movement_reports(s):
            text = docx_text(Path(doc.stored_path))
            section = weakness_section(text)
            said = " ".join(section).lower()
            inputs = doc.data.get("inputs") or {}
            scope = assessment_scope(inputs.get("round_number"), inputs.get("review"))
            stored = s.scalars(select(ReviewAssessmentRow.content).where(
                ReviewAssessmentRow.movement_id == doc.movement_id, ReviewAssessmentRow.scope == scope)).one_or_none()
            unmet = unmet_targets(ReviewAssessment.from_record(stored or {}))
            final = str(doc.data.get("excerpt", "")).startswith("Tổng kết")
            unmet |= {int(m.group(1)): "" for line in text.splitlines() if (m := _TARGET_LINE.match(line))
                      and (_SHORT_OF.search(m.group(2)) or (final and _NOT_MET.search(m.group(2))))
                      and int(m.group(1)) not in unmet}
            for n, cause in unmet.items():
                if f"chưa đạt chỉ tiêu {n} của kế hoạch" not in said:
                    found.append(f"{doc.reference}: chỉ tiêu {n} chưa đạt, phần Hạn chế không nêu")
                elif cause and cause.lower() not in said:
                    found.append(f"{doc.reference}: chỉ tiêu {n} chưa đạt, không nêu nguyên nhân đã ghi «{cause}»")
            totals = doc.data.get("totals") or {}
            untimely = [line for line in section if "sau thời hạn" in line or "trước thời gian nhận hồ sơ" in line]
            counts = [f"{totals.get('refused_late')} hồ sơ nộp sau thời hạn, không được tiếp nhận"
                      if totals.get("refused_late") else "",
                      # «late» counts every submission past the deadline, refused or received with an extension
                      f"{extended} hồ sơ nộp sau thời hạn (được gia hạn)"
                      if (extended := int(totals.get("late") or 0) - int(totals.get("refused_late") or 0)) > 0 else "",
                      f"{totals.get('refused_early')} hồ sơ nộp trước thời gian nhận hồ sơ"
                      if totals.get("refused_early") else ""]
            counts = [c for c in counts if c]
            if counts and (len(untimely) != 1 or not all(c in untimely[0] for c in counts)
                           or "thời gian quy định" not in untimely[0]):
                found.append(f"{doc.reference}: hồ sơ không đúng thời hạn ({'; '.join(counts)}) không nêu thành một "
                             f"hạn chế về thời hạn gửi hồ sơ, có số lượng: {untimely}")
            if not counts and untimely:
                found.append(f"{doc.reference}: hạn chế về hồ sơ nộp muộn khi không có hồ sơ nào: {untimely}")
    return found


#: the round added to a sentence after a comma («cho 1 cá nhân, đợt đánh giá, khen thưởng năm 2026, …»)
_ROUND_TACKED = re.compile(r"\d+ (?:tập thể|cá nhân), đợt ")


def unit_submission_problems(d: Issued, text: str) -> list[str]:
    """A unit's Tờ trình: its round named in one phrase, not tacked on after a comma; a Tờ trình —
    a unit's or the agency's to the province — proposing only tập thể says nothing of cá nhân (its
    column: :func:`wording_problems`)."""
    if d.kind not in ("to_trinh_don_vi", "to_trinh"):
        return []
    found = [f"đợt thi đua nối sau dấu phẩy: «{m.string[max(0, m.start() - 20):m.end() + 40]}»"
             for m in _ROUND_TACKED.finditer(text)] if d.kind == "to_trinh_don_vi" else []
    rows = d.data.get("rows") or []
    columns = d.data.get("columns") or []
    if rows and len(columns) > 2 and columns[1] == "Tên tập thể":
        found += ["Tờ trình chỉ đề nghị tập thể nhưng nói về cá nhân" for line in text.splitlines()
                  if "cá nhân" in line and not line.startswith(("Về việc", "Căn cứ"))][:1]
    return found


#: what a unit's Biên bản and Tờ trình say its nominees did: «… có thành tích trong đợt …, căn cứ» /
#: «…, cụ thể như sau»
_ACHIEVED = re.compile(r"có thành tích (trong .+?)(?:, căn cứ |, cụ thể như sau)")


def round_wording_problems(docs: Iterable[Issued]) -> list[str]:
    """A unit's Biên bản names the round in the words of the units' Tờ trình (one builder,
    :func:`~tdkt.domain.vietnamese.achieved_in`): its «Nội dung:» line says what a Tờ trình says."""
    docs = list(docs)
    said = {m.group(1) for d in docs if d.kind == "to_trinh_don_vi" for m in _ACHIEVED.finditer(docx_text(d.path))}
    found = []
    for d in (d for d in docs if d.kind == "bien_ban_don_vi"):
        line = next((x for x in docx_text(d.path).splitlines() if x.startswith("Nội dung:")), "")
        phrase = _ACHIEVED.search(line)
        if said and (phrase is None or phrase.group(1) not in said):
            found.append(f"bien_ban_don_vi {d.reference}: «Nội dung:» không gọi đợt như Tờ trình: «{line[:120]}»")
    return found


#: the yearly rating a Báo cáo thành tích states, each with its decision: «… năm 2025: Hoàn thành tốt
#: nhiệm vụ (Quyết định số … ngày 01/12/2025)», «… các năm từ 2025 đến 2029: Hoàn thành xuất sắc nhiệm vụ
#: (Quyết định số … ngày …; số … ngày …)», «… các năm: năm 2025: … (Quyết định …); năm 2024: …»
_RATING_LINE = re.compile(r"^- Kết quả đánh giá, xếp loại (.+)$", re.MULTILINE)
_RATING_RANGE = re.compile(r"các năm từ (\d{4}) đến (\d{4}): ([^;.(]+)")
_RATING_YEAR = re.compile(r"năm (\d{4}): ([^;.(]+)")
#: the decisions cited beside a rating: «(Quyết định số 395/QĐ-BQLKKTCK ngày 01/12/2025; số … ngày …)»
_RATING_CITATION = re.compile(r"\(Quyết định (số [^()]+)\)")
_CITED_DECISION = re.compile(r"số (\S+) ngày (\d{2})/(\d{2})/(\d{4})")
#: the Tờ trình's record of the Thủ tướng's standard: the five years after the Bằng khen, cited
_RECORD_YEARS = re.compile(r"năm tiếp theo liên tục \((\d{4}) - (\d{4})\) hoàn thành xuất sắc nhiệm vụ"
                           r"((?: \(Quyết định số [^()]+\))?)")


def stated_ratings(text: str) -> dict[int, str]:
    """year → the rating a document's line «- Kết quả đánh giá, xếp loại …» states."""
    found: dict[int, str] = {}
    for line in _RATING_LINE.findall(text):
        for first, last, level in _RATING_RANGE.findall(line):
            found |= {y: level.strip() for y in range(int(first), int(last) + 1)}
        found |= {int(y): level.strip() for y, level in _RATING_YEAR.findall(line)}
    return found


def late_rating_problems(name: str, text: str, issued_on: date) -> list[str]:
    """A yearly rating a document states — a Báo cáo thành tích's «- Kết quả đánh giá, xếp loại …»,
    a Tờ trình's «05 năm tiếp theo liên tục (2021 - 2025) hoàn thành xuất sắc nhiệm vụ» — cites the
    decision of each year stated, none signed after the document: a văn thư refuses a report of
    05/12/2025 stating the 2025 rating when nothing shows it decided by then."""
    found = []
    stated = [(line, len(stated_ratings(f"- Kết quả đánh giá, xếp loại {line}")), " ".join(
        _RATING_CITATION.findall(line))) for line in _RATING_LINE.findall(text)]
    stated += [(m[0], int(m[2]) - int(m[1]) + 1, m[3]) for m in _RECORD_YEARS.finditer(text)]
    for line, years, cited in stated:
        decisions = _CITED_DECISION.findall(cited)
        if len(decisions) < years:
            found.append(f"{name}: rating of {years} year(s) stated with {len(decisions)} decision(s) cited: «{line}»")
        for number, day, month, year in decisions:
            if date(int(year), int(month), int(day)) > issued_on:
                found.append(f"{name} ({issued_on:%d/%m/%Y}): rating decided later, by {number} of "
                             f"{day}/{month}/{year}: «{line}»")
    return found


def honorific_problems(name: str, text: str, genders: dict[str, str | None]) -> list[str]:
    """«Ông» or «Bà» before a person's name agrees with the gender on the person's record
    (``genders``: full name → «nam» / «nu» / «male» / «female», None when none is recorded): a
    văn thư sends back «vắng 1: Ông Đàm Kim Lan» naming a woman, and a title where no gender is
    recorded is a guess."""
    found = []
    for full_name, gender in genders.items():
        for m in re.finditer(rf"(?<!\w)(Ông|Bà|ông|bà)\s+{re.escape(full_name)}(?!\w)", text):
            if m.group(1).capitalize() != (honorific(gender) or "?"):
                found.append(f"{name}: «{m.group(0)}», recorded gender {gender or 'none'}")
            before = text[:m.start()]
            if m.group(1)[0].isupper() and (before.endswith("; ") or re.search(r"[a-zà-ỹđ,] $", before)):
                found.append(f"{name}: «{m.group(0)}» capitalised mid-sentence (ông, bà: NĐ 30/2020 Phụ lục II)")
    return found


def honorific_record_problems(rt: Runtime) -> list[str]:
    """Every issued document's «Ông»/«Bà» agrees with the person's recorded gender (a nominee
    not on record: the gender the nomination declared) — :func:`honorific_problems`."""
    found = []
    with rt.uow() as uow:
        s = uow.session
        genders: dict[str, str | None] = dict(s.execute(select(Case.nominee_name, Case.nominee_gender).where(
            Case.nominee_kind == "individual", Case.nominee_person_id.is_(None))).tuples().all())
        genders |= dict(s.execute(select(Person.full_name, Person.gender)).tuples().all())
        for doc in s.scalars(select(IssuedDocument).order_by(IssuedDocument.id)):
            if doc.stored_path and Path(doc.stored_path).suffix == ".docx":
                found += honorific_problems(f"{doc.kind} {doc.reference}", docx_text(Path(doc.stored_path)), genders)
    return found


def yearly_rating_problems(rt: Runtime) -> list[str]:
    """A Báo cáo thành tích whose form's tiêu chuẩn names a yearly rating («Hoàn thành tốt nhiệm vụ
    công tác năm 2025 trở lên»), or proposing a Bằng khen of the Thủ tướng (05 năm liên tục hoàn
    thành xuất sắc nhiệm vụ), states the rating of each year it needs, meeting it; and the
    agency's Tờ trình proposing a Bằng khen of the Thủ tướng states the record meeting its
    standard (a Bằng khen received, then the five years after it of hoàn thành xuất sắc nhiệm vụ);
    every rating stated cites its decision, signed on or before the document
    (:func:`late_rating_problems`)."""
    found = []
    with rt.uow() as uow:
        s = uow.session
        rows = s.execute(select(IssuedDocument, Case).join(DocumentCase, DocumentCase.document_id == IssuedDocument.id)
                         .join(Case, Case.id == DocumentCase.case_id)
                         .where(IssuedDocument.kind.in_(("bao_cao_thanh_tich", "to_trinh")))
                         .order_by(IssuedDocument.id)).all()
        checked: set[int] = set()
        for doc, case in rows:
            form = case.plan.award_forms.get(case.award_form)
            text = docx_text(Path(doc.stored_path))
            if doc.id not in checked:  # a Tờ trình of several cases: its text once
                found += late_rating_problems(f"{doc.kind} {doc.reference}", text, doc.issued_on)
                checked.add(doc.id)
            onward = form is not None and form.authority == "prime_minister"
            if doc.kind == "to_trinh":
                record = re.search(rf"{re.escape(case.nominee_name)}: đã được tặng Bằng khen[^;]*năm (\d{{4}}) "
                                   rf"\(Quyết định số [^)]+\); {STANDARD_YEARS:02d} năm tiếp theo liên tục "
                                   r"\((\d{4}) - \d{4}\) hoàn thành xuất sắc nhiệm vụ", text) if onward else None
                # the five years follow the Bằng khen («05 năm tiếp theo»), none of them its year or before
                if onward and (record is None or int(record.group(1)) >= int(record.group(2))):
                    found.append(f"Tờ trình {doc.reference}: no record of {case.nominee_name} meeting the "
                                 f"{PRIME_MINISTER_STANDARD}")
                # every Bằng khen of a bộ, ngành, tỉnh its Báo cáo thành tích lists is named: the one counted,
                # and any the five years hold (a clerk asks about the one left out)
                if onward:
                    found += [f"Tờ trình {doc.reference}: {case.nominee_name}'s {row[1]} năm {row[0]} "
                              f"({row[2].split()[0]}) listed in mục III is not named"
                              for row in awards_received(s, case, doc.issued_on)
                              if PROVINCIAL_AWARD.search(row[1]) and row[2].split()[0] not in text]
                continue
            stated = stated_ratings(text)
            needs = needs_from_criteria(case.plan.criteria_for(case.award_form, case.nominee_kind))
            if onward:
                standard = standard_need("prime_minister", stated, doc.issued_on)
                needs += [standard] if standard else []
            for need in needs:
                for year in need.years:
                    if year not in stated:
                        found.append(f"Báo cáo thành tích {doc.reference} ({case.nominee_name}): no rating of {year} "
                                     f"for «{need.source}»")
                    elif not need.met_by(stated[year]):
                        found.append(f"Báo cáo thành tích {doc.reference} ({case.nominee_name}): {year} rated "
                                     f"«{stated[year]}», short of «{need.source}»")
    return found


#: a document cited by its number and day («2718/QĐ-UBND ngày 13/12/2027», «02/TTr-VP, ngày 03-9-2025»,
#: «số 40/QĐ-BQLKKTCK ngày 05 tháng 9 năm 2025»)
_CITED_DAY = re.compile(r"(\d{1,5}[-/][^\s,;()]+),? ngày (\d{1,2})(?:[/-]| tháng )(\d{1,2})(?:[/-]| năm )(\d{4})")


def award_year_problems(rt: Runtime) -> list[str]:
    """A Báo cáo thành tích lists in mục III a title for every year from the first it lists to
    the year before its date (the year's titles are decided by its end): no year left empty in
    between (a report of 2030 stopping at 2024 reads as if nothing came in 2025 - 2029) — an
    individual's Lao động tiên tiến, a collective's Tập thể lao động tiên tiến (xuất sắc) alike —,
    but a year a person's recorded đánh giá, xếp loại puts below «hoàn thành tốt nhiệm vụ», which
    earns no Lao động tiên tiến (Luật Thi đua, khen thưởng 2022, Điều 24). Read from the
    document's table; and no year after the report's own."""
    found = []
    with rt.uow() as uow:
        s = uow.session
        rows = s.execute(select(IssuedDocument, Case).join(DocumentCase, DocumentCase.document_id == IssuedDocument.id)
                         .join(Case, Case.id == DocumentCase.case_id)
                         .where(IssuedDocument.kind == "bao_cao_thanh_tich")
                         .order_by(IssuedDocument.id)).all()
        for doc, case in rows:
            tables = [t for t in docx.Document(doc.stored_path).tables
                      if t.rows and t.rows[0].cells[0].text.strip() == "Năm"]
            listed = [(int(r.cells[0].text.strip()), " ".join(r.cells[1].text.split())) for t in tables
                      for r in t.rows[1:] if r.cells[0].text.strip().isdigit()]
            years = {y for y, _ in listed}
            if not years:
                continue
            # a Chiến sĩ thi đua cơ sở is a Lao động tiên tiến of its year; a Chiến sĩ thi đua cấp tỉnh
            # rests on three Chiến sĩ thi đua cơ sở in a row before it (Luật TĐKT 2022 Điều 22, 23)
            found += [f"bao_cao_thanh_tich {doc.reference}: Chiến sĩ thi đua cơ sở {y} without its Lao động tiên tiến"
                      for y, title in listed if title.startswith("Chiến sĩ thi đua cơ sở")
                      and (y, "Lao động tiên tiến") not in listed]
            base = {y for y, title in listed if title.startswith("Chiến sĩ thi đua cơ sở")}
            found += [f"bao_cao_thanh_tich {doc.reference}: Chiến sĩ thi đua cấp tỉnh {y} without three Chiến sĩ "
                      f"thi đua cơ sở before it" for y, title in listed if title.startswith("Chiến sĩ thi đua cấp tỉnh")
                      and not any({x, x + 1, x + 2} <= base for x in range(y - 3, y - 1))]
            lower = {y for y, r in nominee_ratings(s, case).items() if r.level not in RATINGS[:2]} \
                if case.nominee_kind == "individual" else set()
            empty = [y for y in range(min(years), doc.issued_on.year) if y not in years and y not in lower]
            if empty:
                found.append(f"bao_cao_thanh_tich {doc.reference} ({case.nominee_name}, {doc.issued_on:%d/%m/%Y}): "
                             f"mục III has no title for {', '.join(map(str, empty))}")
            if max(years) > doc.issued_on.year:
                found.append(f"bao_cao_thanh_tich {doc.reference}: mục III lists {max(years)}, after its date")
    return found


def cited_day_problems(rt: Runtime) -> list[str]:
    """Every day a document gives a paper of the record — one the scenario issued here, or a
    decision it entered (the province's, the Thủ tướng's) — is a working day (the VN working-day
    calendar with the moved days entered): a Quyết định or Tờ trình is signed at work, never on a
    Saturday, Sunday or holiday. Texts outside the record (laws, the province's plans) are cited as
    they were signed and are not judged here."""
    found = []
    with rt.uow() as uow:
        s = uow.session
        docs = list(s.scalars(select(IssuedDocument).where(IssuedDocument.status != "withdrawn")))
        ours = {d.reference for d in docs if d.reference}
        ours |= {n for n in s.scalars(select(AwardRecord.decision_number)) if n}
        for decided in s.scalars(select(AwardRecord).where(AwardRecord.decision_number != "")):
            if not rt.calendar.is_working_day(decided.decided_on):
                found.append(f"Quyết định số {decided.decision_number} ngày {decided.decided_on:%d/%m/%Y}: "
                             "không phải ngày làm việc")
        for d in docs:
            text = re.sub(r"\s+", " ", docx_text(Path(d.stored_path)))
            for m in _CITED_DAY.finditer(text):
                day = date(int(m.group(4)), int(m.group(3)), int(m.group(2)))
                if m.group(1) in ours and not rt.calendar.is_working_day(day):
                    found.append(f"{d.kind} {d.reference}: dẫn «{m.group(0)}» — không phải ngày làm việc")
    return sorted(set(found))


#: a state number «395/QĐ-BQLKKTCK» (not the year of «152/2025/NĐ-CP», not a Party «05-QĐ/ĐU»)
_STATE_NUMBER = re.compile(r"(?<![\w/-])(\d{1,5})/([A-ZĐ][A-Za-zĐ]{0,7})-([A-ZĐ][A-ZĐ0-9]*)(?![\w-])")


def number_order_problems(papers: Iterable[tuple[str, date]]) -> list[str]:
    """Numbers of one issuer's sổ đăng ký run in the order of issue through the year (NĐ 30/2020
    Điều 15): of two papers of the same issuer and year, with one series of every kind (``QĐ``,
    ``TTr``, ``BB`` …), the one dated earlier has the lower number, and a number is one paper's.
    ``papers``: (số, ký hiệu, the day it is dated), as documents are issued or cite each other."""
    by_series: dict[tuple[str, int], dict[int, set[tuple[date, str]]]] = {}
    for reference, day in papers:
        m = _STATE_NUMBER.fullmatch(reference.strip())
        if m is None:
            continue
        by_series.setdefault((m.group(3), day.year), {}).setdefault(int(m.group(1)), set()).add((day, reference))
    found = []
    for (issuer, year), numbers in sorted(by_series.items()):
        for n, dated in numbers.items():
            if len({day for day, _ in dated}) > 1:
                found.append(f"số {n} năm {year} của {issuer} mang nhiều ngày: "
                             + ", ".join(f"{r} ngày {d:%d/%m/%Y}" for d, r in sorted(dated)))
        days = sorted((min(d for d, _ in dated), n, min(dated)[1]) for n, dated in numbers.items())
        for i, (day, n, ref) in enumerate(days):
            later_lower = [(d, m_, r) for d, m_, r in days[i + 1:] if d > day and m_ < n]
            if later_lower:
                d, _, r = later_lower[0]
                found.append(f"{ref} ngày {day:%d/%m/%Y} mang số lớn hơn {r} ngày {d:%d/%m/%Y} "
                             "của cùng cơ quan, cùng năm (số theo thứ tự ban hành)")
    return found


def opening_problems(papers: Iterable[tuple[str, date]], openings: Iterable[tuple[str, date, int]]) -> list[str]:
    """A register the agency opened in the system part-way through a year («số văn bản đi đã cấp
    đến ngày ``as_of``: N», ``openings``: (ký hiệu of the issuer, as_of, N)) continues after N: a
    paper of that issuer dated after ``as_of`` in the same year numbered N or lower (a register
    starting again at 01 in November) is not in the order of issue."""
    found = []
    for abbr, as_of, last in openings:
        for reference, day in papers:
            m = _STATE_NUMBER.fullmatch(reference.strip())
            if m is not None and m.group(3) == abbr and day > as_of and day.year == as_of.year \
                    and int(m.group(1)) <= last:
                found.append(f"{reference} ngày {day:%d/%m/%Y} không tiếp theo sổ văn bản đi đã cấp đến ngày "
                             f"{as_of:%d/%m/%Y}: {last}")
    return found


def yearly_title_papers() -> list[tuple[str, date]]:
    """The Ban's yearly decisions recognising «Lao động tiên tiến» the sample data gives
    (scenario_achievements.yaml ``biography.yearly_titles``) and «Tập thể lao động tiên tiến» of its
    units (``unit_yearly_titles``): numbers of its register a dossier
    cites, dated whether or not a document of the scenario cites them yet."""
    from importlib.resources import files

    import yaml

    data = yaml.safe_load(files("tdkt.seed").joinpath("scenario_achievements.yaml").read_text(encoding="utf-8"))
    decisions = [*((data["biography"].get("yearly_titles") or {}).get("decisions", {})).values(),
                 *((data.get("unit_yearly_titles") or {}).get("decisions", {})).values()]  # the units' too
    return [(d["number"], d["decided_on"]) for d in decisions]


def register_sequence_problems(rt: Runtime) -> list[str]:
    """:func:`number_order_problems` over the record: every document the system issued, with its
    date, every paper of the system's issuers a document cites with its date (the yearly
    rating's decisions, past awards' decisions …) and the yearly title decisions of the sample
    (:func:`yearly_title_papers`) — an issuer of whom the system issued nothing (the province, the
    ministries) is not judged here; and :func:`opening_problems` against the register's states
    the agency recorded."""
    with rt.uow() as uow:
        s = uow.session
        docs = list(s.scalars(select(IssuedDocument).where(IssuedDocument.reference != "")))
        papers = [(d.reference, d.issued_on) for d in docs if d.reference]
        ours = {m.group(3) for d in docs if (m := _STATE_NUMBER.fullmatch(d.reference or ""))}
        for d in docs:
            if not d.stored_path or not Path(d.stored_path).exists():
                continue
            text = re.sub(r"\s+", " ", docx_text(Path(d.stored_path)))
            for m in _CITED_DAY.finditer(text):
                number = _STATE_NUMBER.fullmatch(m.group(1))
                if number is not None and number.group(3) in ours:
                    papers.append((m.group(1), date(int(m.group(4)), int(m.group(3)), int(m.group(2)))))
        papers += [(ref, day) for ref, day in yearly_title_papers()
                   if (m := _STATE_NUMBER.fullmatch(ref)) is not None and m.group(3) in ours]
        abbreviations = dict(s.execute(select(Unit.code, Unit.abbreviation)).all())
        openings = [(abbreviations.get(o.issuer, ""), o.as_of, o.last_number)
                    for o in s.scalars(select(RegisterOpening))]
    return sorted(set(number_order_problems(papers) + opening_problems(papers, openings)))


def return_reason_problems(rt: Runtime) -> list[str]:
    """A báo cáo sơ kết / tổng kết says why its dossiers came back as the Văn phòng recorded it:
    each reason recorded when one of its dossiers was returned (bổ sung, trả lại) up to its date is
    in the report, so a hạn chế's account of the returns can be read against the record."""
    from tdkt.services.documents.content.dossier_history import dossier_history

    found = []
    with rt.uow() as uow:
        s = uow.session
        for doc, cases in _movement_reports(s):
            text = " ".join(docx_text(Path(doc.stored_path)).split()).casefold()
            history = dossier_history(s, cases, doc.issued_on)
            for case_id in sorted(history.returned):
                for reason in history.reasons.get(case_id, ()):
                    said = " ".join(reason.rstrip(" .;").split()).casefold()
                    if said not in text and said.removeprefix("bổ sung ") not in text:
                        found.append(f"{doc.reference}: hồ sơ {case_id} bị trả lại vì «{reason}», báo cáo không nêu")
    return found


def plan_target_problems(rt: Runtime) -> list[str]:
    """A báo cáo sơ kết / tổng kết assesses every chỉ tiêu its plan sets (each «- Chỉ tiêu N: <as the
    plan words it> Kết quả: …», in the plan's order): a report silent on a dated target of its plan
    leaves out what the plan asked first."""
    found = []
    with rt.uow() as uow:
        s = uow.session
        for doc, _ in _movement_reports(s):
            movement = s.get(Movement, doc.movement_id)
            assert movement is not None  # a movement's report
            lines = docx_text(Path(doc.stored_path)).splitlines()
            said = {int(m.group(1)): line for line in lines if (m := _TARGET_LINE.match(line))}
            missing = [n for n in range(1, len(movement.plan.targets) + 1) if n not in said]
            if missing:
                found.append(f"{doc.reference}: không đánh giá chỉ tiêu {', '.join(map(str, missing))} của Kế hoạch")
            # the agency's own plan sets its nội dung thi đua (mục II) before any chỉ tiêu: a report
            # of it on the chỉ tiêu only leaves out the movement's point (plan 001's Đại hội Đảng bộ)
            if movement.plan.owner == "agency" and not movement.plan.contents:
                found.append(f"{doc.reference}: Kế hoạch của cơ quan không liệt kê nội dung thi đua, báo cáo không "
                             "nêu kết quả thực hiện nội dung nào")
            results = {int(m.group(1)): m.group(2) for line in lines if (m := _CONTENT_LINE.match(line))}
            contents = set(results)
            missing = [n for n in range(1, len(movement.plan.contents) + 1) if n not in contents]
            # a scenario's Văn phòng enters a result for each nội dung of each sơ kết / tổng kết
            found += [f"{doc.reference}: nội dung {n} «{NO_CONTENT_RESULT}»" for n, r in sorted(results.items())
                      if r.startswith(NO_CONTENT_RESULT)]
            if missing:
                found.append(f"{doc.reference}: không nêu kết quả nội dung {', '.join(map(str, missing))} của Kế hoạch")
            # a tổng kết dated before its period ends says what was done by its date, never the period's
            # whole («… trong giai đoạn 2026 - 2030» on 20/9/2030)
            plan = movement.plan
            if str(doc.data.get("excerpt", "")).startswith("Tổng kết") and doc.issued_on < plan.ends_on:
                whole = re.compile(rf"(?:của giai đoạn(?! \d)|giai đoạn {plan.starts_on.year} - {plan.ends_on.year})")
                found += [f"{doc.reference} ngày {doc.issued_on:%d/%m/%Y}: «{line[:70]}…» nói kết quả cả giai đoạn "
                          f"đến {plan.ends_on:%d/%m/%Y}" for line in lines
                          if len(parts := _RESULT.split(line, 1)) == 2 and whole.search(parts[1])]
            # a tổng kết says what became of each chỉ tiêu its plan's sơ kết found not met
            so_ket = s.scalars(select(ReviewAssessmentRow.content).where(
                ReviewAssessmentRow.movement_id == movement.id, ReviewAssessmentRow.scope == "so_ket")).one_or_none()
            # the finding cited by the sơ kết's report, its number and date (never «Kỳ sơ kết: …»)
            earlier_cited = re.compile(r"Tại Báo cáo số \S+ ngày \d\d/\d\d/\d{4}, chỉ tiêu này chưa đạt")
            if str(doc.data.get("excerpt", "")).startswith("Tổng kết"):
                weak = " ".join(weakness_section("\n".join(lines))).lower()
                found += [f"{doc.reference}: chỉ tiêu {n} chưa đạt ở kỳ sơ kết («{short}»), tổng kết không nói kết quả "
                          "của phần đó" for n, short in earlier_unmet(so_ket).items()
                          if not (earlier_cited.search(said.get(n, ""))
                                  and speaks_of(said[n].split("; đến thời điểm báo cáo: ", 1)[-1], short))
                          and f"chưa đạt chỉ tiêu {n} của kế hoạch" not in weak]
    return found


def speaks_of(result: str, shortfall: str) -> bool:
    """Whether a chỉ tiêu's result speaks of the part found not met: it shares three words in a
    row with it («khai thác dữ liệu số còn hạn chế» → «… việc khai thác, sử dụng dữ liệu số …»)."""
    words = re.findall(r"\w+", shortfall.casefold())
    said = " ".join(re.findall(r"\w+", result.casefold()))
    return any(" ".join(words[i:i + 3]) in said for i in range(len(words) - 2))


#: a nội dung thi đua of the plan with its result
_CONTENT_LINE = re.compile(r"^- Nội dung (\d+): .*? Kết quả: (.*)$")
