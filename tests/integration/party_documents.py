"""What a reviewer of the Party's documents (Hướng dẫn 36-HD/VPTW; khen thưởng trong Đảng) sends
back, read from the issued documents: the thể thức of the Đảng ủy's Quyết định and Tờ trình, both
resting on its meeting's Biên bản (on file, approving every nominee they name) and that Biên bản, the
số vào sổ of its Giấy khen (the Party form, through the nhiệm kỳ: no calendar year), and the Party
member's record and the Party body's xác nhận in the Báo cáo thành tích of a Party award."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from tests.integration.doc_linter import Issued
from tests.integration.probes import docx_text
from tests.integration.state_documents import register_order_problems

__all__ = ["party_document_problems"]

_PLACE_DATE = re.compile(r"^[^\n,]+, ngày (0[1-9]|[12]\d|3[01]) tháng ([1-9]|1[0-2]|0[12]) năm \d{4}$", re.M)
#: the Đảng ủy's own meeting as a Party document cites it: the day, its Biên bản's số and ngày
_MEETING = re.compile(r"Căn cứ kết quả họp xét khen thưởng của (Đảng ủy [^\n;,]+?) tại Hội nghị ngày "
                      r"(\d{2})-(\d{1,2})-(\d{4}) \(Biên bản số (\S+), ngày (\d{2})-(\d{1,2})-(\d{4})\)")
#: a Biên bản's attendance («có mặt 6/7 đồng chí») and a row of its vote («… | 5/6 | 1/6 | Thông qua»)
_PRESENT = re.compile(r"tổng số đảng ủy viên (\d+) đồng chí; có mặt (\d+)/(\d+) đồng chí")
_VOTE_ROW = re.compile(r"^\d+ \| (.+?) \| .+? \| (\d+)/(\d+) \| (\d+)/(\d+) \| (Thông qua|Không thông qua)$", re.M)
#: a Party text's số and its ngày with no comma between (HD 36: «Quy định số 05-QĐi/ĐU, ngày …»)
#: whom a Party document considers the proposal of, and the document it cites for it
_PROPOSAL = re.compile(r"Xét đề nghị của ([^\n;]+)")
_CITED = re.compile(r"(Tờ trình|Biên bản) số (\S+), ngày (\d{2})-(\d{1,2})-(\d{4})")
_NUMBER_NO_COMMA = re.compile(r"\bsố \d{1,5}-[A-ZĐ]{1,6}[a-z]?/[A-ZĐ0-9-]+ ngày\b")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _form_problems(d: Issued, on_file: dict[str, Issued]) -> list[str]:
    """The Đảng ủy's Quyết định or Tờ trình in the Party's form."""
    text = docx_text(d.path)
    lines = _lines(text)
    found = []
    for wanted, what in (("ĐẢNG CỘNG SẢN VIỆT NAM", "dòng «ĐẢNG CỘNG SẢN VIỆT NAM»"),
                         (f"Số {d.reference}", f"«Số {d.reference}» (không có dấu hai chấm)"),
                         ("T/M ĐẢNG ỦY", "«T/M ĐẢNG ỦY»"), ("BÍ THƯ", "«BÍ THƯ»"), ("Nơi nhận:", "nơi nhận")):
        if wanted not in text:
            found.append(f"thiếu {what}")
    if not re.fullmatch(r"\d{2,}-(QĐ|TTr)/[A-ZĐ0-9]+", d.reference or ""):
        found.append(f"số, ký hiệu «{d.reference}» không theo dạng 01-QĐ/ĐUKTCK")
    if "Số:" in text or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text:
        found.append("thể thức văn bản nhà nước (Số:, quốc hiệu) trong văn bản của Đảng")
    cells = [cell.strip() for line in lines for cell in line.split(" | ")]  # a table row's cells apart
    if not any(line.startswith(("ĐẢNG BỘ ", "ĐẢNG ỦY ")) for line in lines[:40]) or "*" not in cells:
        found.append("thiếu tên cơ quan «ĐẢNG BỘ …» / «ĐẢNG ỦY …» và dấu sao «*»")
    if not _PLACE_DATE.search(text):
        found.append("địa danh, ngày tháng không theo dạng «Lạng Sơn, ngày 05 tháng 9 năm 2025»")
    if "-----" not in lines:
        found.append("thiếu năm dấu gạch nối «-----» dưới trích yếu")
    after = lines[lines.index("Nơi nhận:") + 1:] if "Nơi nhận:" in lines else []
    recipients = [line for line in after if line.startswith("- ")]
    recipients = recipients[:next((i for i, r in enumerate(recipients) if r.endswith(".")), len(recipients)) + 1]
    if not recipients or recipients[-1] != "- Lưu Văn phòng Đảng ủy." \
            or any(not r.endswith(",") for r in recipients[:-1]):
        found.append(f"nơi nhận: mỗi dòng kết thúc «,», dòng cuối «- Lưu Văn phòng Đảng ủy.» ({recipients})")
    if d.kind == "to_trinh_dang" and not any(r.startswith("- Văn phòng Đảng ủy") and "(để thẩm định)" in r
                                             for r in recipients):
        found.append("nơi nhận thiếu cơ quan thẩm định «Văn phòng Đảng ủy UBND tỉnh (để thẩm định)» (nơi hồ sơ "
                     "được chuyển đến)")
    # one form of a body's name in one document: «Ủy ban nhân dân» in the Kính gửi, not «UBND» below it
    told = str(d.data.get("recipient") or "")
    if "Ủy ban nhân dân" in told and any("UBND" in r for r in recipients):
        found.append(f"«{told}» in the Kính gửi, «UBND» in the nơi nhận ({recipients}): one form of the name")
    found += _basis_problems(d, text, on_file)
    return [f"{d.kind} {d.reference}: {p}" for p in found]


def _basis_problems(d: Issued, text: str, on_file: dict[str, Issued]) -> list[str]:
    """What the committee's Quyết định or Tờ trình rests on: its own meeting (the Quyết định
    always — «ĐẢNG ỦY QUYẾT ĐỊNH» says the committee met — held by the document's day; no Biên
    bản of it is listed among the Tờ trình's hồ sơ unless one is on file), the proposals it
    considers — each by a Tờ trình or Biên bản on file (``on_file``: by reference) of that number
    and day, listed among the Tờ trình's hồ sơ (a chi bộ or unit named with no document on file is
    a proposal nobody made) —, the Party way of citing (a comma before «ngày»); each nominee
    listed by post and then Party position."""
    found = []
    meeting = _MEETING.search(text)
    if meeting is None:
        found.append("không căn cứ Hội nghị Đảng ủy xét khen thưởng và Biên bản của nó («… tại Hội nghị ngày … "
                     "(Biên bản số …, ngày …)»)")
    if meeting is not None:
        day, month, year = (int(g) for g in meeting.groups()[1:4])
        if (year, month, day) > (d.issued_on.year, d.issued_on.month, d.issued_on.day):
            found.append(f"cuộc họp của Đảng ủy ({'-'.join(meeting.groups()[1:4])}) sau ngày văn bản")
        minutes = on_file.get(meeting.group(5))
        on_day = tuple(int(g) for g in meeting.groups()[5:])
        if minutes is None or minutes.kind != "bien_ban_dang" or \
                (minutes.issued_on.day, minutes.issued_on.month, minutes.issued_on.year) != on_day:
            found.append(f"dẫn Biên bản số {meeting.group(5)} của Đảng ủy nhưng không có Biên bản ấy trong hồ sơ")
        else:
            approved = {name for name, *_, result in _VOTE_ROW.findall(docx_text(minutes.path))
                        if result == "Thông qua"}
            found += [f"{name} không được Hội nghị Đảng ủy thông qua (Biên bản số {minutes.reference})"
                      for name in _named(d) if not any(a == name or a.startswith(f"{name} (") for a in approved)]
        if d.kind == "to_trinh_dang" and f"Biên bản số {meeting.group(5)}" not in \
                text[text.find("Có hồ sơ đề nghị khen thưởng kèm theo"):]:
            found.append(f"hồ sơ kèm theo thiếu Biên bản số {meeting.group(5)} của Hội nghị Đảng ủy")
    proposals = [m.group(1) for m in _PROPOSAL.finditer(text)]
    if not proposals:
        found.append("không nêu đề nghị của ai («Xét đề nghị của …»)")
    attached = text[text.find("Có hồ sơ đề nghị khen thưởng kèm theo"):] if d.kind == "to_trinh_dang" else ""
    found += _attachment_problems(attached.split(")", 1)[0] if "Có hồ sơ" in attached else "", on_file)
    for line in proposals:
        cited = list(_CITED.finditer(line))
        if not cited:
            found.append(f"«Xét đề nghị của {line}» không dẫn văn bản đề nghị có trong hồ sơ (số, ngày)")
        for m in cited:
            doc = on_file.get(m.group(2))
            day = tuple(int(g) for g in m.groups()[2:])
            if doc is None or (doc.issued_on.day, doc.issued_on.month, doc.issued_on.year) != day:
                found.append(f"dẫn «{m.group(0)}» nhưng không có văn bản ấy trong hồ sơ")
            if d.kind == "to_trinh_dang" and m.group(0) not in attached:
                found.append(f"hồ sơ kèm theo thiếu «{m.group(0)}» đã dẫn")
    found += [f"trích dẫn «{m.group(0)}» thiếu dấu phẩy trước «ngày»" for m in _NUMBER_NO_COMMA.finditer(text)]
    for line in text.splitlines():
        cells = [c.strip() for c in line.split(" | ")]
        if len(cells) >= 4 and any(c.startswith(("Đảng viên", "đảng viên")) for c in cells[2:3]):
            found.append(f"danh sách: «{cells[2]}» chỉ nêu chức vụ trong Đảng, không nêu chức vụ, đơn vị công tác")
    return found


def _named(d: Issued) -> list[str]:
    """Who a Quyết định or Tờ trình names: the second cell of each row of its danh sách."""
    return [str(row[1]) for row in d.data.get("rows") or [] if isinstance(row, list) and len(row) > 1]


def _minutes_problems(d: Issued) -> list[str]:
    """The Đảng ủy's Biên bản in the Party's form (Hướng dẫn 36-HD/VPTW), with what a Biên bản of a
    cấp ủy's meeting holds: thời gian, địa điểm, thành phần (có mặt x/y, a quorum of two thirds),
    chủ trì, thư ký, the vote on each nominee against the rule (more than half of all members), the
    time it ended, signed by the chair and the thư ký; «đồng chí» in lower case inside a sentence."""
    text = docx_text(d.path)
    found = [f"thiếu «{w}»" for w in ("ĐẢNG CỘNG SẢN VIỆT NAM", f"Số {d.reference}", "BIÊN BẢN", "-----", "Thời gian: ",
                                      "Địa điểm: ", "Chủ trì: đồng chí ", "Thư ký: đồng chí ", "kết thúc lúc",
                                      "CHỦ TRÌ HỘI NGHỊ", "THƯ KÝ HỘI NGHỊ", "quá nửa tổng số đảng ủy viên")
             if w not in text]
    if not re.fullmatch(r"\d{2,}-BB/[A-ZĐ0-9]+", d.reference or ""):
        found.append(f"số, ký hiệu «{d.reference}» không theo dạng 01-BB/ĐUKTCK")
    if "Số:" in text or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text or not _PLACE_DATE.search(text):
        found.append("thể thức văn bản nhà nước hoặc địa danh, ngày tháng không theo văn bản của Đảng")
    found += [f"«{m.group(0)}»: «đồng chí» viết thường giữa câu" for m in re.finditer(r"[,;:] Đồng chí", text)]
    attendance = _PRESENT.search(text)
    if attendance is None:
        found.append("thành phần không nêu tổng số đảng ủy viên và số có mặt («có mặt x/y đồng chí»)")
        return [f"bien_ban_dang {d.reference}: {p}" for p in found]
    total, present = int(attendance.group(1)), int(attendance.group(2))
    if int(attendance.group(3)) != total or 3 * present < 2 * total:
        found.append(f"có mặt {present}/{total}: không đủ hai phần ba đảng ủy viên")
    rows = _VOTE_ROW.findall(text)
    if not rows:
        found.append("không có kết quả biểu quyết từng trường hợp")
    for name, agree, over, disagree, over2, result in rows:
        if int(over) != present or int(over2) != present or int(agree) + int(disagree) > present:
            found.append(f"{name}: biểu quyết {agree}/{over}, {disagree}/{over2} không tính trên {present} có mặt")
        if (result == "Thông qua") != (2 * int(agree) > total):
            found.append(f"{name}: «{result}» với {agree}/{total} đảng ủy viên đồng ý")
    return [f"bien_ban_dang {d.reference}: {p}" for p in found]


#: a document listed among the hồ sơ sent up: a Tờ trình or Biên bản, with its số and ngày or not
_LISTED = re.compile(r"(?:^|; |kèm theo: )((?:Tờ trình|Biên bản)[^;]*)")


def _attachment_problems(attached: str, on_file: dict[str, Issued]) -> list[str]:
    """Every Tờ trình or Biên bản a Tờ trình lists as sent with it exists on file, cited by its
    số and ngày (a Biên bản of a meeting nobody issued — «Biên bản cuộc họp ngày …» without a số
    — is a paper the Ban Thường vụ will not find in the dossier)."""
    found = []
    for m in _LISTED.finditer(" ".join(attached.split())):
        listed_doc = m.group(1)
        cited = _CITED.match(listed_doc)
        doc = on_file.get(cited.group(2)) if cited else None
        on_day = tuple(int(g) for g in cited.groups()[2:]) if cited else ()
        if doc is None or (doc.issued_on.day, doc.issued_on.month, doc.issued_on.year) != on_day:
            found.append(f"hồ sơ kèm theo liệt kê «{listed_doc[:80]}» không có trong hồ sơ (số, ngày)")
    return found


def _register_problems(docs: list[Issued]) -> list[str]:
    """A Party Giấy khen's số vào sổ: in the one form the state's has, its Quyết định's number in the
    Party's form, the year it was signed and the line."""
    decisions = [d for d in docs if d.kind == "quyet_dinh"]
    found = []
    for cert in (d for d in docs if d.kind == "giay_khen"):
        number = str(cert.data.get("register_number", ""))
        if not any(number.startswith(f"{d.reference}/{d.issued_on.year}/") for d in decisions):
            found.append(f"giay_khen {number}: không theo số Quyết định của Đảng ủy")
    return found + register_order_problems(docs)


#: a year's xếp loại chất lượng đảng viên as stated, and the Party body's text cited after it
_RATED = re.compile(r"Năm (\d{4}): (Hoàn thành xuất sắc nhiệm vụ|Hoàn thành tốt nhiệm vụ|Hoàn thành nhiệm vụ|"
                    r"Không hoàn thành nhiệm vụ)( \((?:Quyết định|Thông báo|Kết luận) số \S+ ngày "
                    r"(\d{2})/(\d{2})/(\d{4})\))?")


def _rating_problems(text: str, issued_on: date) -> list[str]:
    """Each year's xếp loại chất lượng đảng viên cites the Party body's decision (Quyết định or
    Thông báo, số and ngày) made by the report's date: a level with no source, or one decided
    after the report, is what no one could have read on that day."""
    line = text.split("Xếp loại chất lượng đảng viên:", 1)[-1].split(" - ", 1)[0] if "Xếp loại chất lượng" in text \
        else ""
    found = []
    for m in _RATED.finditer(line):
        if not m.group(3):
            found.append(f"xếp loại đảng viên năm {m.group(1)} không dẫn quyết định, thông báo xếp loại")
        elif date(int(m.group(6)), int(m.group(5)), int(m.group(4))) > issued_on:
            found.append(f"xếp loại đảng viên năm {m.group(1)} dẫn văn bản sau ngày báo cáo")
    return found


def _achievement_problems(d: Issued) -> list[str]:
    """A Party award's Báo cáo thành tích: the member's Party record and the Party body's xác nhận."""
    text = docx_text(d.path)
    found = []
    if "Tên tập thể:" in text:
        wanted = ["- Số đảng viên: ", "XÁC NHẬN CỦA CẤP ỦY"]
    else:
        wanted = ["- Ngày vào Đảng: ", "; ngày chính thức: ", "- Chi bộ: Chi bộ ", "- Chức vụ trong Đảng: ",
                  "- Xếp loại chất lượng đảng viên: Năm "]
        if "XÁC NHẬN CỦA CHI BỘ" not in text and "XÁC NHẬN CỦA CẤP ỦY" not in text:
            found.append("thiếu xác nhận của chi bộ / cấp ủy")
    found += [f"thiếu «{w.strip()}»" for w in wanted if w not in text]
    found += _rating_problems(" ".join(text.split()), d.issued_on)
    if "XÁC NHẬN CỦA THỦ TRƯỞNG" in text or "XÁC NHẬN CỦA CẤP TRÊN TRỰC TIẾP" in text:
        found.append("xác nhận của thủ trưởng nhà nước thay cho của chi bộ / cấp ủy")
    return [f"bao_cao_thanh_tich {d.data.get('nominee_name')}: {p}" for p in found]


def party_document_problems(docs: Iterable[Issued], party_nominees: Iterable[str]) -> list[str]:
    """Every fault of these rules among ``docs``; ``party_nominees``: the names proposed for a Party
    award (their Báo cáo thành tích is read)."""
    docs = list(docs)
    names = set(party_nominees)
    party = [d for d in docs if d.data.get("party")]
    on_file = {d.reference: d for d in docs if d.kind in ("to_trinh_don_vi", "bien_ban_hoi_dong", "bien_ban_dang")
               and d.reference}
    found = [p for d in party if d.kind in ("quyet_dinh", "to_trinh_dang") for p in _form_problems(d, on_file)]
    found += [p for d in party if d.kind == "bien_ban_dang" for p in _minutes_problems(d)]
    found += _register_problems(party)
    found += [p for d in docs if d.kind == "bao_cao_thanh_tich" and d.data.get("nominee_name") in names
              for p in _achievement_problems(d)]
    return found
