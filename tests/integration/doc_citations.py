"""What a văn thư reads in every căn cứ of a document set (issue 13): one date format
(``05/09/2025``, never ``5/9/2025``, nor ``ngày 5 tháng 9 năm 2025`` beside it but for
the document's own date); a plan cited by its number, date, issuer and trích yếu; a
Quyết định citing the decision that gives its agency its chức năng, nhiệm vụ right after the Luật
and the decree, and who proposed it plainly (the drafting unit's head, Thường trực of the council); a council Biên
bản citing its establishing and Quy chế decisions by number and date; a Party document proposed
and based on Party bodies, with no mẫu of the state's decree, resting on the Điều lệ Đảng and
never on a state plan; a state document never basing itself ("Căn cứ") on a Party text (it
"Thực hiện" it, Hướng dẫn 36-HD/VPTW); a Báo cáo thành tích whose xác nhận
block gives the signer's chức vụ; no "Viên chức" for a chức vụ. And what a văn thư sends back in
any document (issue 13): its own date a day off, a list of one item numbered "1.", a ratio of
nobody ("0/26 (0,0%)"), a danh sách heading with a count ("CÁ NHÂN (2)"); a report citing a decision
dated after the end of the period it states, or giving a second cut-off ("tính đến ngày"); a
report whose ưu điểm claims «đúng quy trình», «đúng thời hạn» or «100%» while its own figures
print dossiers returned for bổ sung or late.

A Party document (review 3, Hướng dẫn 36-HD/VPTW) names the state's council only by the Biên bản
it proposed in (its số and ngày), writes a nhiệm kỳ one way, its Quyết định and Tờ trình cite the
Party rule on khen thưởng ("Quy định số 05-QĐi/ĐU, ngày 10-7-2025"), its hồ sơ ("kèm theo") names
no Biên bản without a số nor a cấp ủy's xác nhận; over the set (:func:`set_problems`) each Biên
bản a Party document cites is in the set, and the Party committee numbers each tên loại from 01."""

from __future__ import annotations

import re
from datetime import date

from tdkt.domain.calendar import WorkingCalendar
from tdkt.domain.party import is_party_text
from tdkt.domain.review_assessment import ReviewAssessment, unsupported_claims
from tests.integration.doc_linter import Issued
from tests.integration.probes import docx_text

__all__ = ["citation_problems", "set_problems"]

#: a date written out ("ngày 15 tháng 6 năm 2022") and one in figures ("ngày 15/06/2022")
_LONG = re.compile(r"ngày \d{1,2} tháng \d{1,2} năm \d{4}")
_SHORT = re.compile(r"ngày \d{2}/\d{2}/\d{4}")
#: where NĐ 30/2020 writes the date out: the document's own place and date, an annex's "Kèm theo"
_OWN_DATE = re.compile(r"(^|\| |/ )[^,|\n]{2,40}, ngày \d{1,2} tháng \d{1,2} năm \d{4}|\(Kèm theo [^)]*\)",
                       re.MULTILINE)
#: the document's own date, on its place-and-date line
_DATED = re.compile(r", ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})")
_CALENDAR = WorkingCalendar()  # weekends and the public holidays (no moved day in a scenario)
_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_ZERO_RATIO = re.compile(r"\b0/\d+\b[^\n]{0,80}\(0(,0)?%\)")
_UNPADDED = re.compile(r"\b(?:\d/\d{1,2}|\d{1,2}/\d)/\d{4}\b")
_PLAN = re.compile(r"Kế hoạch số (\S+)( ngày (?:\d{2}/\d{2}/\d{4}|\d{2}-\d{1,2}-\d{4}))? của (.{3,120}?) về \S")
#: a căn cứ line and the text it cites ("- Căn cứ …" in a Party document)
_BASIS = re.compile(r"^(?:- )?Căn cứ (.+)$", re.MULTILINE)
#: a state text by its number: ``52/KH-BQLKKTCK``, ``134/KH-UBND`` (a Party one is ``26-KH/ĐU``)
_STATE_PLAN = re.compile(r"^Kế hoạch số \d+/")
_PARTY_KINDS = ("to_trinh_dang",)
#: a danh sách heading counting its rows: "II. CÁ NHÂN (2)"
_COUNTED = re.compile(r"^(?:[IVX]+\. )?(?:TẬP THỂ|CÁ NHÂN) \(\d+\)$", re.MULTILINE)
#: the Party's rule on khen thưởng cited the Party way: "Căn cứ Quy định số 05-QĐi/ĐU, ngày 10-7-2025"
_PARTY_RULE = re.compile(r"^- Căn cứ (?!Điều lệ|Quy chế làm việc)[^\n]{2,40} số \d+-[^\s,]+, ngày \d{2}-\d{1,2}-\d{4}",
                         re.MULTILINE)
#: a Biên bản cited by số: "Biên bản số 53/BB-BQLKKTCK, ngày 05-9-2025"
_MINUTES = re.compile(r"Biên bản số ([^\s,]+)")
#: a Party number's parts: "01-TTr/ĐUKTCK" → (1, "TTr", "ĐUKTCK")
_PARTY_REF = re.compile(r"^(\d+)-([A-ZĐ][A-Za-zĐ]*)/(\S+)$")
#: a report's stated period ("… từ ngày 11/05/2026 đến ngày 20/09/2030 như sau:") and a decision it cites
_PERIOD = re.compile(r"từ ngày \d{2}/\d{2}/\d{4} đến ngày (\d{2})/(\d{2})/(\d{4})")
_DECISION = re.compile(r"\d+/QĐ-\S+ ngày (\d{2})/(\d{2})/(\d{4})")
_REPORTS = ("bao_cao_tong_ket", "bao_cao_cong_tac")
#: the figures a report prints of what its dossiers went through (content.reports.history_parts)
_RETURNED = re.compile(r"(\d+) hồ sơ (?:được yêu cầu bổ sung|bị trả lại) \(")
_LATE = re.compile(r"(\d+) hồ sơ nộp sau thời hạn")


#: a plan named in parentheses by its số and ngày after what it set («… Đại hội Đảng bộ Ban Quản lý
#: (Kế hoạch số 475-KH/ĐUKTCK ngày 14/05/2025)», as the movement's plan words its nội dung): it
#: says which plan, the whole citation being no part of the sentence
_NAMED_BY = re.compile(r"\(Kế hoạch số \S+ ngày \d\d/\d\d/\d{4}\)")


def _party(d: Issued) -> bool:
    return d.kind in _PARTY_KINDS or bool(d.data.get("party"))


def citation_problems(d: Issued, text: str | None = None) -> list[str]:
    """Every fault of ``d``'s citations a văn thư would send back, as "kind reference: what"."""
    text = docx_text(d.path) if text is None else text
    lines = text.splitlines()
    found = [f"ngày viết không đủ hai chữ số: {m}" for m in _UNPADDED.findall(text)]
    citing = _OWN_DATE.sub("", text)  # the citations: every date but the document's own
    written, figures = _LONG.search(citing), _SHORT.search(citing)
    if written and figures:
        found.append(f"ngày viết hai kiểu trong một văn bản: «{written[0]}» và «{figures[0]}»")
    own = _DATED.search(text)
    day = date(int(own[3]), int(own[2]), int(own[1])) if own else None
    if day is not None and not _CALENDAR.is_working_day(day):
        found.append(f"văn bản đề ngày nghỉ: {day:%d/%m/%Y} ({_WEEKDAYS[day.weekday()]})")
    if any(re.match(r"\s*1\. ", line) for line in lines) and not any(re.match(r"\s*2\. ", line) for line in lines):
        found.append("danh sách một mục mà đánh số «1.»")
    found += [f"tỷ lệ của không ai: {m[0]}" for m in _ZERO_RATIO.finditer(text)]
    found += [f"tiêu đề danh sách có số lượng: {m[0]}" for m in _COUNTED.finditer(text)]
    cited: set[str] = set()  # a plan cited in full once may be named by its number after
    for m in re.finditer(r"Kế hoạch số (\S+)", text):
        if _PLAN.match(text, m.start()):
            cited.add(m.group(1))
        elif _NAMED_BY.match(text, m.start() - 1):  # «(Kế hoạch số 475-KH/ĐUKTCK ngày 14/05/2025)»
            continue
        elif m.group(1) not in cited:
            found.append(f"kế hoạch trích dẫn thiếu ngày, cơ quan ban hành hoặc trích yếu: {text[m.start():][:90]}")
    if "Kế hoạch phát động phong trào của" in text:
        found.append("kế hoạch trích dẫn không số, không ngày")
    if d.kind == "quyet_dinh" and not _party(d):
        decree = next((i for i, line in enumerate(lines) if line.startswith("Căn cứ Nghị định số")), None)
        after = lines[decree + 1] if decree is not None and decree + 1 < len(lines) else ""
        if not (after.startswith("Căn cứ Quyết định số") and "quy định chức năng, nhiệm vụ" in after):
            found.append(f"sau căn cứ nghị định không có quyết định quy định chức năng, nhiệm vụ: {after[:80]}")
        if not re.search(r"^Theo đề nghị của [^()\n]+, Thường trực Hội đồng Thi đua - Khen thưởng [^()\n]+\.$", text,
                         re.MULTILINE):
            found.append("đề nghị không nêu người đề nghị và Hội đồng («Theo đề nghị của Chánh Văn phòng, Thường trực "
                         "Hội đồng Thi đua - Khen thưởng …»)")
    if d.kind == "bien_ban_hoi_dong":
        if not re.search(r"\(thành lập theo Quyết định số \S+ ngày \d{2}/\d{2}/\d{4}\)", text):
            found.append("Biên bản không dẫn quyết định thành lập Hội đồng")
        if re.search(r"Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng(?! ban hành kèm theo Quyết định số)", text):
            found.append("Quy chế hoạt động của Hội đồng dẫn không số, không ngày")
    if _party(d):
        found += [f"văn bản của Đảng dẫn {w}" for w in ("mẫu số", "Mẫu số") if w in text]
        found += [f"văn bản của Đảng dẫn Hội đồng Thi đua không qua Biên bản (số, ngày): {line[:80]}"
                  for line in lines if "Hội đồng Thi đua" in line and not re.search(r"Biên bản số \S+, ngày", line)]
        spans = {m.group(0) for m in re.finditer(r"\b\d{4} ?[-–] ?\d{4}\b", text)}
        if len({re.sub(r"\s", "", s.replace("–", "-")) for s in spans}) < len(spans):
            found.append(f"nhiệm kỳ viết hai kiểu: {sorted(spans)}")
        if d.kind in ("quyet_dinh", "to_trinh_dang") and not _PARTY_RULE.search(text):
            found.append("văn bản của Đảng không dẫn quy định của Đảng về khen thưởng (số, ngày: «Quy định số "
                         "05-QĐi/ĐU, ngày 10-7-2025»)")
        for line in (line for line in lines if "kèm theo:" in line):
            # a Biên bản by its số, or the Đảng ủy's by the day of its meeting (the day entered)
            found += [f"hồ sơ kèm theo nêu Biên bản không số: {line[:90]}" for _ in
                      re.finditer(r"Biên bản(?! số| cuộc họp ngày \d)", line)]
            if "xác nhận của cấp ủy" in line:
                found.append(f"hồ sơ kèm theo nêu xác nhận của cấp ủy: {line[:90]}")
        found += [f"văn bản của Đảng lấy kế hoạch của cơ quan nhà nước làm căn cứ: {m[:80]}"
                  for m in _BASIS.findall(text) if _STATE_PLAN.match(m)]
        if d.kind in ("quyet_dinh", "to_trinh_dang") and "Căn cứ Điều lệ Đảng" not in text:
            found.append("văn bản của Đảng không căn cứ Điều lệ Đảng")
    elif d.kind != "giay_khen":
        found += [f"văn bản nhà nước lấy văn bản của Đảng làm căn cứ (phải «Thực hiện»): {m[:80]}"
                  for m in _BASIS.findall(text) if is_party_text(m)]
    if d.kind == "bao_cao_thanh_tich":
        at = next((i for i, line in enumerate(lines) if line.startswith("XÁC NHẬN CỦA")), None)
        # a Party body's block: its sentence and date, then «T/M CHI BỘ» (or CHI ỦY, ĐẢNG ỦY) / «BÍ THƯ»
        block = lines[at + 1:at + 5] if at is not None else []
        capitals = [x for x in block if x.strip() and x == x.upper()]
        position = capitals[0] if capitals else ""
        if not position:
            found.append(f"khối xác nhận không có chức vụ người ký: {block[:1]!r}")
        signed_for = capitals[1] if len(capitals) > 1 else ""
        if position.startswith("T/M ") and (not signed_for.startswith("BÍ THƯ")
                                             or not any("xác nhận" in x for x in block)
                                             or not any(x.startswith("Ngày ") for x in block)):
            found.append(f"khối xác nhận của tổ chức đảng thiếu câu xác nhận, ngày hoặc «BÍ THƯ»: {block!r}")
        if at is not None and lines[at] in ("XÁC NHẬN CỦA CHI BỘ", "XÁC NHẬN CỦA CẤP ỦY") \
                and not position.startswith("T/M "):
            found.append(f"khối xác nhận của tổ chức đảng không ký «T/M»: {position!r}")
    period = _PERIOD.search(text) if d.kind in _REPORTS else None
    if period:  # a report lists nothing after the period it states, and states one cut-off
        end = date(int(period[3]), int(period[2]), int(period[1]))
        found += [f"báo cáo kỳ đến ngày {end:%d/%m/%Y} nêu quyết định sau ngày đó: {m[0]}"
                  for m in _DECISION.finditer(text) if date(int(m[3]), int(m[2]), int(m[1])) > end]
        if "tính đến ngày" in text:
            found.append("báo cáo nêu hai mốc số liệu («từ ngày … đến ngày …» và «tính đến ngày …»)")
    if d.kind in _REPORTS:  # an ưu điểm the report's own figures refute (returned, late dossiers)
        found += [f"ưu điểm trái với số liệu của báo cáo: {x}" for x in _claims_against_figures(lines)]
    if re.search(r"(^|\| )Viên chức,", text, re.MULTILINE) or "Chức vụ: Viên chức" in text:
        found.append("chức vụ ghi «Viên chức»")
    return [f"{d.kind} {d.reference or d.path.name}: {p}" for p in found]


def _claims_against_figures(lines: list[str]) -> list[str]:
    """The ưu điểm lines (between «1. Ưu điểm» and «2. Hạn chế») that the figures the report prints
    — «N hồ sơ phải trả lại …», «N hồ sơ nộp sau thời hạn» — contradict."""
    text = "\n".join(lines)
    returned = sum(int(n) for n in _RETURNED.findall(text))
    late = sum(int(n) for n in _LATE.findall(text))
    start = next((i for i, line in enumerate(lines) if line.strip() == "1. Ưu điểm"), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"\s*(2\. |IV\. )", lines[i])), len(lines))
    strengths = [line.strip().removeprefix("- ") for line in lines[start + 1:end] if line.strip()]
    return unsupported_claims(ReviewAssessment(strengths, [], []), returned, late)


def set_problems(docs: list[Issued]) -> list[str]:
    """What a văn thư sends back reading the set together: a Party document citing a Biên bản the
    set does not hold; a Party committee's tên loại not numbered from 01 in its own series
    (Hướng dẫn 36-HD/VPTW mục II.1.3.1(a): "từ số 01 cho mỗi tên loại văn bản trong một nhiệm kỳ")."""
    found: list[str] = []
    held = {d.reference for d in docs if d.reference}
    series: dict[tuple[str, str], list[int]] = {}
    for d in (d for d in docs if _party(d)):
        found += [f"{d.kind} {d.reference}: dẫn Biên bản số {m} không có trong hồ sơ"
                  for m in _MINUTES.findall(docx_text(d.path)) if m not in held]
        if d.kind != "giay_khen" and (m := _PARTY_REF.match(d.reference or "")):
            series.setdefault((m[2], m[3]), []).append(int(m[1]))
    for (abbr, issuer), numbers in sorted(series.items()):
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            found.append(f"sổ {abbr} của {issuer} không đánh số từ 01 cho tên loại này: {sorted(numbers)}")
    return found
