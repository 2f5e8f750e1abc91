"""Vietnamese text conventions: dates as written in administrative documents, NFC text, and
people's names compared as Vietnamese writes them."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

__all__ = ["spelled_out", "same_body_as",
           "long_date", "short_date", "padded_dates", "nfc", "text_problem", "name_key", "same_name", "decimal_vn",
           "percent_vn", "numbered_citations", "money_vn", "ascii_name", "title_at", "listed", "named_line",
           "in_sentence", "kinds_wording", "collective_name", "council_named", "year_span", "lead_in",
           "title_outside", "round_in_sentence", "round_phrase", "achieved_in",
           "quarters_in_sentence", "quarter_mid_sentence",
           "name_column", "point_cited",
           "common_nouns", "COMMON_NOUNS", "capitalised_common_nouns"]


def long_date(day: date) -> str:
    """``ngày 28 tháng 12 năm 2026``.

    NĐ 30/2020/NĐ-CP: a day below 10 and the months 1 and 2 are written with a leading zero
    (``ngày 05 tháng 01 năm 2027``), other numbers without.
    """
    dd = f"{day.day:02d}" if day.day < 10 else str(day.day)
    mm = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {dd} tháng {mm} năm {day.year}"


def short_date(day: date) -> str:
    """``05/09/2025``: how a document cites a date in its căn cứ and body (a text's, a meeting's,
    a period's), two digits for the day and the month, every time — never ``5/9/2025`` beside
    ``05/09/2025`` in one set of documents."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


_SHORT_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def padded_dates(text: str) -> str:
    """A quoted text (a plan's căn cứ, a law's citation as typed) with its dates written as
    :func:`short_date` writes them: ``ngày 15/5/2025`` → ``ngày 15/05/2025``; numbers that are not
    a day and a month (``32/5/2025``, ``06/2022/QH15``) are left as they are."""
    def pad(m: re.Match[str]) -> str:
        d, mth = int(m.group(1)), int(m.group(2))
        return f"{d:02d}/{mth:02d}/{m.group(3)}" if 1 <= d <= 31 and 1 <= mth <= 12 else m.group(0)
    return _SHORT_DATE.sub(pad, text)


#: a document's tên loại followed directly by its số/ký hiệu, without «số» («Kế hoạch 475-KH/ĐUKTCK»)
_BARE_NUMBER = re.compile(r"\b(Kế hoạch|Quyết định|Báo cáo|Tờ trình|Công văn|Thông báo|Hướng dẫn|Chỉ thị|Nghị quyết"
                          r"|Kết luận|Chương trình) (?=\d{1,5}(?:/\d{4})?[-/][A-ZĐ])")


def numbered_citations(text: str) -> str:
    """A quoted text citing a document by its tên loại and số/ký hiệu with «số» between them, as
    a văn bản cites one: ``Kế hoạch 475-KH/ĐUKTCK`` → ``Kế hoạch số 475-KH/ĐUKTCK`` (one already
    written «Kế hoạch số …» is left as it is)."""
    return _BARE_NUMBER.sub(r"\1 số ", text)


#: the five tone marks (dấu thanh) as combining characters: huyền, sắc, hỏi, ngã, nặng. The
#: marks of the vowel itself (mũ, trăng, móc: â ă ơ ư ê ô) are not among them.
_TONES = frozenset("\u0300\u0301\u0309\u0303\u0323")


def name_key(name: str) -> str:
    """A person's name as compared: NFC, case-folded, spaces collapsed, and each syllable's tone
    mark taken off the vowel that carries it and put after the syllable — so the two ways of
    placing it ("Thủy"/"Thuỷ", "Hòa"/"Hoà", "Khỏe"/"Khoẻ": kiểu cũ and kiểu mới) give the same
    key, while a different tone, or none, does not ("Hòa" ≠ "Hóa" ≠ "Hoa")."""
    syllables = []
    for word in unicodedata.normalize("NFC", name).casefold().split():
        decomposed = unicodedata.normalize("NFD", word)
        tones = "".join(c for c in decomposed if c in _TONES)
        bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        syllables.append(bare + tones)
    return " ".join(syllables)


def same_name(a: str, b: str) -> bool:
    """The same name, written either way (:func:`name_key`)."""
    return name_key(a) == name_key(b)


#: the council's name however typed — «Hội đồng thi đua khen thưởng», «Hội đồng TĐKT»,
#: «hội đồng Thi đua, Khen thưởng» — but not a lowercase «hội đồng» alone
_COUNCIL = re.compile(r"\bHội đồng\s+(?:thi\s+đua\s*[-–,]?\s*khen\s+thưởng|TĐKT)\b", re.IGNORECASE)


def council_named(text: str) -> str:
    """``text`` with the Hội đồng Thi đua - Khen thưởng named as its Quy chế names it: a report
    prints «Hội đồng Thi đua - Khen thưởng», never «Hội đồng thi đua khen thưởng» copied from a
    plan or typed in an assessment."""
    return _COUNCIL.sub("Hội đồng Thi đua - Khen thưởng", unicodedata.normalize("NFC", text))


#: common nouns a plan or a unit's typed lines capitalise by habit mid-sentence («… lựa chọn Nhà
#: đầu tư …», «trong Khu kinh tế», «có Chi bộ và Tổ công đoàn»): no proper name, so a document
#: writes them lower case inside a sentence; a proper name they end («Ban Quản lý Khu kinh tế …»,
#: «Phòng Quản lý Doanh nghiệp») or begin («Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn», «Chi bộ
#: Văn phòng») keeps its capital. «Đảng» (the Party) is a proper name and is not among them.
#: Longest first, so «Công đoàn bộ phận» is read whole.
COMMON_NOUNS = ("công đoàn bộ phận", "tổ công đoàn", "khu kinh tế", "nhà đầu tư", "doanh nghiệp", "chi đoàn",
                "chi bộ")
#: one of them capitalised after a word that is not a sentence's end: mid-sentence
_CAPITALISED = re.compile(r"(?<=[^\s.!?:;\n(«“\"-]) (" + "|".join(n.capitalize() for n in COMMON_NOUNS) + r")\b")
#: lower-case words a proper name may start with before its capitalised part («Khu kinh tế cửa
#: khẩu Đồng Đăng», «Chi bộ cơ quan Văn phòng»): the noun they follow begins that name
_NAME_LEAD = frozenset({"cửa", "khẩu", "cơ", "quan", "quốc", "tế"})
#: words no proper name holds between its capitalised part and a noun it ends
_NOT_IN_A_NAME = frozenset({"của", "tại", "trong", "và", "với", "cho", "ở", "vào", "có", "thuộc", "các", "những"})


def _in_a_name(text: str, at: int, end: int) -> bool:
    """Whether the noun between ``at`` and ``end`` belongs to a proper name: it ends one (one of
    the two words before it capitalised: «Phòng Quản lý Doanh nghiệp», «Trung tâm Hỗ trợ Nhà đầu
    tư»; a preposition or punctuation ends the look back: «sinh hoạt Đảng tại Chi bộ ghép», «Chi
    bộ, Tổ công đoàn») or begins one (a capitalised word follows it, directly or after a few lower-case words
    of the name: «Chi bộ Văn phòng», «Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn»; a conjunction
    or punctuation ends the look: «Chi bộ và Tổ công đoàn» names nothing)."""
    before = re.split(r"[,;:()«»“”\"]", text[:at])[-1].split()[-2:]  # back to punctuation
    for word in reversed(before):
        if word[:1].isupper():
            return True
        if word in _NOT_IN_A_NAME:  # «sinh hoạt Đảng tại Chi bộ ghép»: «tại» ends the look back
            break
    for word in re.split(r"[ \u00a0]+", text[end:].lstrip(" \u00a0"))[:4]:
        if word[:1].isupper():
            return True
        if word not in _NAME_LEAD:  # punctuation, a conjunction, a common word: no name follows
            return False
    return False


def capitalised_common_nouns(text: str) -> list[str]:
    """The common nouns of :data:`COMMON_NOUNS` written with a capital mid-sentence in ``text``,
    not in a proper name."""
    text = unicodedata.normalize("NFC", text)
    return [m.group(1) for m in _CAPITALISED.finditer(text) if not _in_a_name(text, m.start(), m.end())]


def common_nouns(text: str) -> str:
    """``text`` with each common noun written lower case mid-sentence, as NĐ 30/2020/NĐ-CP, Phụ
    lục II writes it: one copied capitalised from a plan («Hoàn thành lựa chọn Nhà đầu tư …» →
    «… nhà đầu tư …»; where a sentence starts with it, or a proper name ends with it («Phòng Quản
    lý Doanh nghiệp»), its capital stays) and a quarter (:func:`quarters_in_sentence`)."""
    text = unicodedata.normalize("NFC", text)
    text = _CAPITALISED.sub(lambda m: m.group(0) if _in_a_name(text, m.start(), m.end())
                            else " " + m.group(1).lower(), text)
    return quarters_in_sentence(text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def text_problem(text: str) -> str | None:
    """Why ``text`` is not acceptable as typed text (None: it is): bytes that are not UTF-8
    (a terminal in another encoding leaves lone surrogates) or control characters other than
    line breaks and tabs (nothing a person types; a database may refuse them, e.g. NUL)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "không phải văn bản UTF-8 hợp lệ"
    if any(unicodedata.category(c) == "Cc" and c not in "\n\r\t" for c in text):
        return "chứa ký tự điều khiển"
    return None


def decimal_vn(value: float, places: int = 1) -> str:
    """A decimal number as Vietnamese writes it: comma before the decimals, dot between
    thousands (``12,0``; ``1.234,5``)."""
    text = f"{value:,.{places}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def percent_vn(part: int, whole: int, places: int = 1) -> str:
    """``12,5%``; a whole percentage without decimals, ``80%``, ``100%`` (not ``80,0%``: no
    decimal to write); ``0%`` of nothing."""
    if not whole:
        return "0%"
    text = decimal_vn(100 * part / whole, places)
    return (text.rstrip("0").removesuffix(",") if "," in text else text) + "%"


def money_vn(amount: int) -> str:
    """``710.000 đồng``."""
    return f"{amount:,}".replace(",", ".") + " đồng"


def ascii_name(name: str) -> str:
    """A name without its diacritics, lower case, for a username ("Nông Thị Hạnh" → "nong thi
    hanh"; đ → d)."""
    decomposed = unicodedata.normalize("NFD", name.casefold().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if c.isascii() and (c.isalnum() or c == " ")).split())


def title_at(title: str, unit: str) -> str:
    """A person's chức vụ at their unit as documents write it: «Chuyên viên, Phòng Quản lý Đầu
    tư»; a title that ends with the unit's own kind is not followed by it twice: «Giám đốc Trung
    tâm» at «Trung tâm Quản lý cửa khẩu» → «Giám đốc Trung tâm Quản lý cửa khẩu», «Trưởng phòng»
    at «Phòng Quản lý Đầu tư» → «Trưởng phòng Quản lý Đầu tư»; a title naming the whole unit is
    said once: «Phó Chánh Văn phòng» at «Văn phòng» → «Phó Chánh Văn phòng»."""
    title, unit = title.strip(), unit.strip()
    if not title or not unit:
        return title or unit
    words, place = title.split(), unit.split()
    for k in range(min(len(words) - 1, len(place)), 0, -1):  # the title keeps a word of its own
        if [w.lower() for w in words[-k:]] == [w.lower() for w in place[:k]]:
            return " ".join([*words, *place[k:]])
    return f"{title}, {unit}"


def title_outside(title: str, unit: str, agency: str) -> str:
    """An individual's chức vụ, đơn vị as a document going outside the agency writes it — the
    Giấy khen, the agency's Tờ trình to the province and its list (the province prints its Bằng
    khen from that list): :func:`title_at` followed by the agency's name, as a tập thể is named
    (:func:`collective_name`): «Phó Trưởng phòng Quản lý Đầu tư, Ban Quản lý Khu kinh tế cửa khẩu
    Đồng Đăng - Lạng Sơn»; said once when the title already names the agency. Inside the agency
    (its own Quyết định's danh sách, a unit's Tờ trình to its Hội đồng) the short form is enough:
    the issuer in the header is the agency."""
    where = title_at(title, unit)
    agency = agency.strip()
    if not agency or name_key(agency) in name_key(where):
        return where
    return f"{where}, {agency}" if where else agency


def name_column(collectives: int, individuals: int) -> str:
    """The heading of a list's name column by who is in it: «Họ và tên» for cá nhân only, «Tên
    tập thể» for tập thể only, «Tập thể / cá nhân» for both."""
    if collectives and not individuals:
        return "Tên tập thể"
    if individuals and not collectives:
        return "Họ và tên"
    return "Tập thể / cá nhân"


#: «Quý» (a quarter: «Quý IV/2027», «Quý I») after what precedes it on its line
_QUARTER = re.compile(r"(?<![\w])Quý(?=[ \u00a0]+[IV]{1,3}\b)")


def quarter_mid_sentence(text: str, at: int) -> bool:
    """Whether the «Quý» at ``at`` of ``text`` stands inside a sentence — after a lower-case word
    or a comma, semicolon or bracket («… sơ kết phong trào, Quý IV/2027», «các nhiệm vụ Quý I») —
    rather than at the start of a sentence, a line or a cell, or after a colon («- Quý III: …»)."""
    before = text[:at].rstrip(" \u00a0")
    return bool(before) and (before[-1] in ",;(" or before[-1].islower() or before[-1].isdigit())


def quarters_in_sentence(text: str) -> str:
    """``text`` with each «Quý» inside a sentence written «quý» (:func:`quarter_mid_sentence`): NĐ
    30/2020/NĐ-CP, Phụ lục II capitalises proper names only, and «quý» is a common noun — «(gắn với
    sơ kết phong trào, quý IV/2027)», «các nhiệm vụ quý I, quý II»; at the start of a sentence, a
    line or a table cell «Quý II» stays."""
    return _QUARTER.sub(lambda m: "quý" if quarter_mid_sentence(text, m.start()) else m.group(0), text)


def round_in_sentence(name: str) -> str:
    """A round's (đợt's) name as the middle of a sentence says it: its first letter lowered and
    a bracket inside it opened out («Đánh giá, khen thưởng năm 2030 (tổng kết phong trào, Quý
    III/2030)» → «đánh giá, khen thưởng năm 2030, tổng kết phong trào, quý III/2030»), so it
    stands in the sentence with no bracket in a bracket, and a quarter in it lower-cased
    (:func:`quarters_in_sentence`)."""
    flat = re.sub(r"\s*\(([^()]*)\)", r", \1", name.strip()).strip(" ,")
    return quarters_in_sentence(flat[:1].lower() + flat[1:])


#: a round named by its number and what it is for («Đợt 1 — chào mừng Đại hội …»)
_NUMBERED_ROUND = re.compile(r"Đợt\s+(\d+)\s*[—–:-]\s*(.+)", re.IGNORECASE)


def round_phrase(name: str) -> str:
    """A round (đợt) as a sentence names it after «trong»: «đợt 1 (chào mừng Đại hội Đảng bộ
    UBND tỉnh)», «đợt đánh giá, khen thưởng năm 2027 (gắn với sơ kết phong trào, quý IV/2027)» —
    the word «đợt» once, what the round is for in one bracket, never a chain of commas («…, đợt
    đánh giá, khen thưởng năm 2027, gắn với sơ kết phong trào, quý IV/2027, …»)."""
    name = " ".join(name.split())
    numbered = _NUMBERED_ROUND.fullmatch(name)
    if numbered:
        return f"đợt {numbered.group(1)} ({round_in_sentence(numbered.group(2))})"
    inner = re.search(r"\s*\((.*)\)$", name)
    head = name[:inner.start()] if inner else name
    what = f" ({round_in_sentence(inner.group(1))})" if inner else ""
    head = quarters_in_sentence(head[:1].lower() + head[1:])
    return (head if head.startswith("đợt") else f"đợt {head}") + what


#: a round held at the year's tổng kết («Tổng kết phong trào năm 2026», «Xét khen thưởng dịp tổng kết năm 2025»)
_YEAR_END_ROUND = re.compile(r"(?:xét khen thưởng\s+)?(?:đợt\s+)?(?:dịp\s+)?tổng kết(?:\s+phong trào)?\s+(năm \d{4})",
                             re.IGNORECASE)


def achieved_in(movement: str, round_name: str) -> str:
    """What a unit's proposal says its nominees did, after «có thành tích»: a round held at the
    year's tổng kết is not where the achievement was, but when it is considered — «trong phong
    trào thi đua …, xét khen thưởng dịp tổng kết năm 2026», not «trong đợt tổng kết phong trào
    năm 2026»; another round is named as :func:`round_phrase` says it («trong đợt 1 (chào mừng
    …)»). ``movement``: the movement's name as a sentence says it."""
    year_end = _YEAR_END_ROUND.fullmatch(" ".join(round_name.split()))
    if year_end:
        return f"trong {movement}, xét khen thưởng dịp tổng kết {year_end.group(1)}"
    return f"trong {round_phrase(round_name)}"


def collective_name(name: str, agency: str, *, independent: bool = False) -> str:
    """A tập thể as it is known outside its agency — how a Giấy khen, the Quyết định's danh sách
    and its Điều 1 name it: the unit's name followed by its agency's when the name alone does not
    say whose it is («Văn phòng» → «Văn phòng Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng
    Sơn»); a name that already holds the agency's, or of an ``independent`` organisation (an
    agency itself, a body of the province), as it is. A unit with a name of its own («Phòng Quản lý
    Đầu tư», «Trung tâm Quản lý cửa khẩu») is set apart from its agency by a comma, as a list of
    units and their agencies writes it («Phòng Quản lý Đầu tư, Ban Quản lý Khu kinh tế …»: two
    names, the second whose the first is); a unit named only by its kind («Văn phòng») makes one
    name with its agency («Văn phòng Ban Quản lý …»), with no comma."""
    name, agency = name.strip(), agency.strip()
    if independent or not agency or name_key(agency) in name_key(name):
        return name
    own_name = any(w[:1].isupper() for w in name.split()[1:])
    return f"{name}, {agency}" if own_name else f"{name} {agency}"


def listed(lines: list[str]) -> list[str]:
    """The lines of an enumeration as a văn bản punctuates them: each ends with «;», the last
    with «.» (whatever they ended with before)."""
    bare = [line.rstrip().rstrip(";.,:") for line in lines]
    return [f"{line};" if n < len(bare) else f"{line}." for n, line in enumerate(bare, start=1)]


#: a short label leading a line, «Danh hiệu: …», «Thành tích: …»
_LABEL = re.compile(r"^([^\s:][^:]{0,30}):\s+(?=\S)")


def named_line(name: str, text: str) -> str:
    """``- Name: text`` with one colon and its common nouns lower case mid-sentence
    (:func:`common_nouns`): a text led by its own label («Danh hiệu: Chiến sĩ thi đua cơ sở») goes
    on as a phrase («- Name: danh hiệu Chiến sĩ thi đua cơ sở»)."""
    text = common_nouns(text.strip())  # a line copied from a report: «… trong khu kinh tế»
    label = _LABEL.match(text)
    if label and len(label[1].split()) <= 4:
        text = f"{label[1][:1].lower()}{label[1][1:]} {text[label.end():]}"
    return f"- {name}: {text}"


#: a span of years («2025-2030», «2025 – 2030»: a nhiệm kỳ, a giai đoạn), not inside a number or a code
_YEAR_SPAN = re.compile(r"(?<![\w/.\-\u2011])((?:19|20)\d\d)[ \u00a0]*[-–\u2011][ \u00a0]*"
                        r"((?:19|20)\d\d)(?![\w/\-\u2011])")


def year_span(text: str) -> str:
    """Every span of years as the documents write it: «2025 - 2030», spaced, whatever its source
    typed («nhiệm kỳ 2025-2030» in a plan's text)."""
    return _YEAR_SPAN.sub(r"\1 - \2", text)


#: the common nouns a movement's or a plan's name begins with («Phong trào thi đua …», «Cuộc vận
#: động …»): capitalised at the head of a sentence or a title, not inside a sentence
_COMMON_HEADS = ("phong trào", "cuộc vận động", "đợt thi đua", "chương trình")


def in_sentence(name: str) -> str:
    """A movement's name as written inside a sentence: its first letter lowered when the name
    begins with a common noun («… hưởng ứng phong trào thi đua “Đổi mới sáng tạo…”»); a proper
    name («Đại hội…», «Đảng…», a place) or a name in quotation marks is left as it is."""
    if name.casefold().startswith(tuple(f"{head} " for head in _COMMON_HEADS)):
        return name[:1].lower() + name[1:]
    return name


def kinds_wording(collectives: int, individuals: int, joiner: str = " và ") -> str:
    """Who a document speaks of, by how many of each kind there are, each kind plural only when
    there are several: «tập thể» for one, «các cá nhân» for several, «tập thể và các cá nhân» for
    one tập thể and five cá nhân — never «các tập thể, cá nhân» for one person; ``joiner`` ", "
    where a «và» precedes («… có liên quan và tập thể, các cá nhân có tên …»)."""
    return joiner.join(f"{'các ' if n > 1 else ''}{label}"
                       for n, label in ((collectives, "tập thể"), (individuals, "cá nhân")) if n > 0)


#: a point of a section cited by its marker: «Kế hoạch mục IV.2.1 c)»
_POINT_MARKER = re.compile(r"(?P<lead>\s*)(?P<text>[^;]*?)\s*mục\s+(?P<section>[IVXLC\d][\w.]*)\s+(?P<point>[a-zđ])\)")


def point_cited(basis: str) -> str:
    """A basis as a sentence cites it, the point named by a word, not by its list marker:
    «Kế hoạch mục IV.2.1 c)» → «điểm c mục IV.2.1 Kế hoạch» — the marker's lone closing bracket
    would otherwise nest in a bracket round the citation («(căn cứ Kế hoạch mục IV.2.1 c))»).
    A basis without such a marker is left as it is."""
    def cited(m: re.Match[str]) -> str:
        text = m["text"].strip()
        return f"{m['lead']}điểm {m['point']} mục {m['section']}" + (f" {text}" if text else "")
    return _POINT_MARKER.sub(cited, basis)


#: a numbered sub-heading's label leading a sentence: «2. Phong trào thi đua: từ ngày …»
_LEAD_IN = re.compile(r"^((?:\d+|[IVX]+)\.\s[^:]{1,160}:)\s+(?=\S)")


def lead_in(text: str) -> tuple[str, str]:
    """(label, what follows it) of a numbered sub-heading that goes on as a sentence («2. Phong
    trào thi đua:», «từ ngày … không có phong trào …»): the label set bold, the rest as the body
    is; ("", text) for a line that is a heading alone («4. Các tập thể, cá nhân …:») or no heading."""
    found = _LEAD_IN.match(text)
    return (found[1], text[found.end():]) if found else ("", text)


#: the abbreviations of a body's name and their full form (NĐ 30/2020: a name abbreviated only
#: once defined; a document uses one form of it)
_SPELLED = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}


def spelled_out(name: str) -> str:
    """A body's name with its abbreviations in full: «Đảng ủy UBND tỉnh» → «Đảng ủy Ủy ban nhân dân tỉnh»."""
    return re.sub(r"\b(" + "|".join(_SPELLED) + r")\b", lambda m: _SPELLED[m[1]], name)


def same_body_as(name: str, named: str) -> str:
    """``name`` in the form ``named`` (another mention in the same document) gives the body: «Văn
    phòng Đảng ủy UBND tỉnh Lạng Sơn» beside «Ban Thường vụ Đảng ủy Ủy ban nhân dân tỉnh» is «Văn
    phòng Đảng ủy Ủy ban nhân dân tỉnh» — one form of the body's name in one document (13th review,
    01-TTr/ĐUKTCK), its abbreviation spelled out and no place the other form leaves off. A name of
    another body is only spelled out."""
    full, named_words = spelled_out(name).split(), named.split()
    keys = [name_key(w) for w in full]
    for start in range(len(named_words) - 1):
        body = named_words[start:]
        if not body[0][:1].isupper():
            continue
        wanted = [name_key(w) for w in body]
        at = next((i for i in range(1, len(keys) - len(wanted) + 1) if keys[i:i + len(wanted)] == wanted), None)
        if at is not None:
            return " ".join(full[:at] + body)
    return " ".join(full)
