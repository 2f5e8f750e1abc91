"""Where a document's lines may break: names, numbers and spans kept whole (no line ends at the
hyphen of «Đồng Đăng - Lạng Sơn» or «152/2025/NĐ-CP»), names in capitals and titles (trích yếu)
broken by the software at the boundaries of their parts, never inside a word of two syllables
nor inside a name (NĐ 30/2020/NĐ-CP, Phụ lục I)."""

from __future__ import annotations

import re
from itertools import combinations

from tdkt.domain.vietnamese import year_span

__all__ = ["unbroken_hyphen", "unbreakable", "NO_BREAK_HYPHEN", "WORD_JOINER", "whole_name", "no_lone_last_word",
           "split_pairs",
           "balanced_lines", "title_breaks", "title_lines"]


def no_lone_last_word(text: str) -> str:
    """A heading whose last word never stands alone on its last line («… HÌNH THỨC KHEN THƯỞNG
    ĐÃ / NHẬN»): its last two words joined by a no-break space."""
    head, space, last = text.rstrip().rpartition(" ")
    return f"{head}\u00a0{last}" if space and head and len(head.split()) > 1 else text


#: a hyphen joining two names with the words either side («ĐỒNG ĐĂNG - LẠNG SƠN»)
_JOINED = re.compile(r"(\S+ \S+) - (\S+ \S+)|(\S+) - (\S+)")


def unbroken_hyphen(text: str) -> str:
    """A name in a header kept whole around its hyphen (NĐ 30/2020, Phụ lục I: no line begins
    with «-», a place name is not split): «ĐỒNG ĐĂNG - LẠNG SƠN» joined by no-break spaces, so a
    line breaks before «ĐỒNG ĐĂNG - LẠNG SƠN», never at the hyphen."""
    return _JOINED.sub(lambda m: m.group(0).replace(" ", "\u00a0"), text)


#: U+2011: a hyphen no line breaks at; the .docx writes it as Word's own ``w:noBreakHyphen``
#: (:mod:`tdkt.documents.render`), which prints a plain hyphen whatever the font holds
NO_BREAK_HYPHEN = "\u2011"


#: a hyphen inside a word or a number («152/2025/NĐ-CP», «125/QĐ-BQLKKTCK», «05-QĐ/ĐU»)
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


#: a hyphen between two names or numbers, spaced («Đồng Đăng - Lạng Sơn», «2026 - 2030»)
_SPACED_HYPHEN = re.compile(r"(?<=[\w)])[ \u00a0]-[ \u00a0](?=[\w(])")


def unbreakable(text: str, cell: bool = False) -> str:
    """``text`` as a document prints it: no line ends at a hyphen of a name or a number (NĐ
    30/2020, Phụ lục I: a name, a number and ký hiệu are not split) — «Đồng Đăng - Lạng Sơn»,
    «Hội đồng Thi đua - Khen thưởng», «giai đoạn 2026 - 2030» with no-break spaces either side of
    a no-break hyphen, «152/2025/NĐ-CP» with a no-break hyphen; the line breaks before or after
    the joined words, wherever the name stands (a header, the body, a table cell). A span of
    years is spaced first (:func:`year_span`): «2025-2030» prints as «2025 - 2030» everywhere.
    In a table's ``cell``, often narrower than the joined name, the line may break after the
    hyphen (an ordinary space there): «Đồng Đăng - / Lạng Sơn», never «Lạng S / ơn» nor a line
    beginning with «-»; and a số and ký hiệu is joined at its slashes by :data:`WORD_JOINER`."""
    text = _SPACED_HYPHEN.sub(f"\u00a0{NO_BREAK_HYPHEN}\u00a0", year_span(text))
    # a place name of two capitalised words on either side stays whole too: «Đồng Đăng - Lạng
    # Sơn» never «Đồng / Đăng - Lạng Sơn» (the line breaks before «Đồng» or after «Sơn»)
    text = _NAME_BEFORE.sub(_joined, text)
    text = _NAME_AFTER.sub(_joined, text)
    if cell:
        text = text.replace(f"\u00a0{NO_BREAK_HYPHEN}\u00a0", f"\u00a0{NO_BREAK_HYPHEN} ")
        # in a cell, narrower than a line of text, a số and ký hiệu is kept whole at its slashes
        # too: «152/2025/NĐ-CP», never «152/2025 / /NĐ-CP» (a line of running text holds it whole)
        text = _KY_HIEU.sub(lambda m: m.group(0).replace("/", f"{WORD_JOINER}/{WORD_JOINER}"),
                            text.replace(WORD_JOINER, ""))
    return _INNER_HYPHEN.sub(NO_BREAK_HYPHEN, text)


#: U+2060: no line breaks at it and it prints nothing — after the slash of a ký hiệu, where a
#: line may otherwise break before the letters («152/2025/» | «NĐ-CP»)
WORD_JOINER = "\u2060"
#: a số and ký hiệu with its slashes: «152/2025/NĐ-CP», «55/QĐ-BQLKKTCK», «01-QĐ/ĐUKTCK», «57-NQ/TW»
#: (a cell too narrow for it breaks before a slash: «152/2025 / /NĐ-CP»); a date is no ký hiệu
_KY_HIEU = re.compile(r"(?<![\w/])\d+(?:[/-][\wĐ]+)*/[A-ZĐ][A-ZĐ][\w-]*")


#: the two words before and after a joined hyphen («Đồng Đăng», «Lạng Sơn»)
_NAME_BEFORE = re.compile(rf"(?<![\w\u00a0])(\w+) (\w+)(?=\u00a0{NO_BREAK_HYPHEN}\u00a0)")


_NAME_AFTER = re.compile(rf"(?<=\u00a0{NO_BREAK_HYPHEN}\u00a0)(\w+) (\w+)(?![\w])")


def _joined(m: re.Match[str]) -> str:
    """Two words joined by a no-break space when both are capitalised (a place name)."""
    first, second = m.group(1), m.group(2)
    return f"{first}{chr(0xa0) if first[0].isupper() and second[0].isupper() else ' '}{second}"


def whole_name(name: str) -> str:
    """A person's name never split across lines (a title «BÁO CÁO THÀNH TÍCH … của ông Triệu Văn
    Khánh»): its words joined by no-break spaces."""
    return "\u00a0".join(name.split())


#: two syllables that make one word of an administrative name: a line never breaks between them
_COMPOUNDS = frozenset(" ".join(pair).casefold() for pair in (
    ("ỦY", "BAN"), ("UỶ", "BAN"), ("NHÂN", "DÂN"), ("QUẢN", "LÝ"), ("TÀI", "NGUYÊN"), ("MÔI", "TRƯỜNG"),
    ("DOANH", "NGHIỆP"), ("CỬA", "KHẨU"), ("KINH", "TẾ"), ("DỊCH", "VỤ"), ("HỖ", "TRỢ"), ("TRUNG", "TÂM"),
    ("ĐẦU", "TƯ"), ("VĂN", "PHÒNG"), ("THI", "ĐUA"), ("KHEN", "THƯỞNG"), ("GIẤY", "KHEN"), ("BẰNG", "KHEN"),
    ("TẬP", "THỂ"), ("CÁ", "NHÂN"), ("ĐẢNG", "BỘ"), ("ĐẢNG", "ỦY"), ("ĐẢNG", "UỶ"), ("LẠNG", "SƠN"),
    ("ĐỒNG", "ĐĂNG"), ("HỮU", "NGHỊ"), ("QUỐC", "TẾ"), ("XÂY", "DỰNG"), ("KẾ", "HOẠCH"), ("TÀI", "CHÍNH"),
    ("HÀNH", "CHÍNH"), ("TỔ", "CHỨC"), ("CÁN", "BỘ"), ("QUY", "HOẠCH"), ("TRƯỞNG", "BAN"), ("DANH", "SÁCH"),
    ("CHI", "BỘ"), ("CÔNG", "NGHIỆP"), ("THƯƠNG", "MẠI"), ("HẠ", "TẦNG"), ("QUYẾT", "ĐỊNH"), ("ĐỀ", "NGHỊ"),
    ("THÀNH", "TÍCH"), ("BÁO", "CÁO"), ("PHONG", "TRÀO"), ("GIAI", "ĐOẠN"), ("XUẤT", "SẮC"), ("LAO", "ĐỘNG"),
    ("TIÊN", "TIẾN"), ("CHIẾN", "SĨ"), ("KHU", "VỰC"), ("THANH", "TRA"), ("KIỂM", "SOÁT"), ("VIỆT", "NAM"),
    ("CỘNG", "SẢN"), ("THỦ", "TƯỚNG"), ("CHÍNH", "PHỦ"), ("CHỦ", "TỊCH"), ("NÔNG", "NGHIỆP"), ("PHÁT", "TRIỂN"),
    ("TỐC", "ĐỘ"), ("TĂNG", "TRƯỞNG"), ("PHẤN", "ĐẤU"), ("HAI", "CON"), ("CON", "SỐ"), ("ĐẶC", "BIỆT"),
    ("CHÀO", "MỪNG"), ("ĐẠI", "HỘI"), ("CÁC", "CẤP"), ("NHIỆM", "VỤ"), ("CÔNG", "TÁC"), ("TỔNG", "KẾT"),
    ("SƠ", "KẾT"), ("THỰC", "HIỆN"), ("HOÀN", "THÀNH"), ("LẬP", "THÀNH"),
    ("ĐƯỢC", "TẶNG"),  # a danh sách's title: «… CÁ NHÂN / ĐƯỢC TẶNG GIẤY KHEN …», never «… ĐƯỢC / TẶNG …»
    # the common words of the movements' names, a title's longest part («“Đổi mới sáng tạo, …
    # chuyển đổi số …”», «tăng tốc, bứt phá hoàn thành thắng lợi các mục tiêu …»)
    ("ĐỔI", "MỚI"), ("SÁNG", "TẠO"), ("CHUYỂN", "ĐỔI"), ("ĐỔI", "SỐ"), ("THẮNG", "LỢI"), ("KHOA", "HỌC"),
    ("CÔNG", "NGHỆ"), ("TĂNG", "TỐC"), ("BỨT", "PHÁ"), ("MỤC", "TIÊU"), ("NGHỊ", "QUYẾT"), ("HỘI", "NHẬP"),
    ("CẢI", "CÁCH"), ("HIỆN", "ĐẠI"), ("VĂN", "MINH"), ("AN", "TOÀN"), ("AN", "NINH"), ("BẢO", "VỆ"),
    ("THỦ", "TỤC"), ("CHUYÊN", "MÔN"), ("NĂNG", "SUẤT"), ("CHẤT", "LƯỢNG"), ("HIỆU", "QUẢ"), ("BỀN", "VỮNG"),
    ("THU", "HÚT"), ("SẢN", "XUẤT"), ("KINH", "DOANH"), ("XUẤT", "KHẨU"), ("NHẬP", "KHẨU"), ("THÔNG", "QUAN"),
    ("ĐỘT", "PHÁ"), ("THẦN", "TỐC"), ("NÔNG", "THÔN"), ("GIẢM", "NGHÈO"), ("CHUNG", "SỨC"), ("ĐOÀN", "KẾT"),
    ("DÂN", "CHỦ"), ("KỶ", "CƯƠNG"), ("SÁNG", "KIẾN"), ("ĐỀ", "TÀI"), ("LẦN", "THỨ"), ("TOÀN", "QUỐC"),
))


#: words a new line of a name reads well from: the next part of the name begins there
_LINE_HEADS = frozenset(w.casefold() for w in ("TỈNH", "HUYỆN", "XÃ", "THÀNH", "KHU", "BAN", "PHÒNG", "TRUNG",
                                                "VÀ", "CỦA", "CHO", "ĐỢT", "NĂM", "GIAI", "TRỰC", "VĂN", "SỞ",
                                                "ĐẢNG", "CHI", "CÁC", "TẬP", "CÁ", "CỬA", "ỦY", "UỶ", "ĐƯỢC"))


def split_pairs(lines: list[str]) -> list[str]:
    """The words of one name or title a line break separates though they make one word group
    («ĐƯỢC / TẶNG», «CỬA / KHẨU»): what :func:`balanced_lines` never does, for a check to find
    in the lines a document prints."""
    marks = _OPENING + _CLOSING + ",;.:"
    pairs = [f"{before.split()[-1]} {after.split()[0]}" for before, after in zip(lines, lines[1:], strict=False)
             if before.split() and after.split() and before.split()[-1][-1:] not in marks]
    return [p for p in pairs if " ".join(w.strip(marks) for w in p.split()).casefold() in _COMPOUNDS]


def balanced_lines(text: str, width: int) -> str:
    """A name in capitals broken by the software into lines of at most about ``width``
    characters (what the header's column holds): the fewest lines, as even as they go, each
    break between two parts of the name — never inside a word of two syllables («TÀI /
    NGUYÊN», «CỬA / KHẨU»), never inside a joined name («ĐỒNG ĐĂNG - LẠNG SƠN»), never a word
    alone on the last line — «ĐẢNG BỘ ỦY BAN NHÂN DÂN / TỈNH LẠNG SƠN», «TRUNG TÂM QUẢN LÝ /
    CỬA KHẨU». Lines joined by ``\n`` (a line break in the .docx); a text that fits as it is."""
    words = text.split(" ")
    if len(text) <= width or len(words) < 3:
        return text

    def cost(lines: list[list[str]]) -> float:
        penalty = _layout_cost(lines, width)
        for before, after in zip(lines, lines[1:], strict=False):
            pair = f"{before[-1]} {after[0]}".casefold()
            if pair in _COMPOUNDS:
                penalty += 60
            if after[0].casefold() in _LINE_HEADS:
                penalty -= 8
        if len(" ".join(lines[-1]).split()) < 2 or len(" ".join(lines[-1])) < 8:  # a joined name is words
            penalty += 80  # a lone last word
        return penalty

    best = min((_split(words, cuts) for count in range(2, min(5, len(words) + 1))
                for cuts in combinations(range(1, len(words)), count - 1)), key=cost)
    return "\n".join(" ".join(line) for line in best)


#: the capitalised words a unit's or a body's name begins with («Ban Quản lý …», «Phòng …»,
#: «Trung tâm …», «Hội đồng …»): a title's line may begin there, not inside the name after it
_NAME_HEADS = frozenset(w.casefold() for w in ("Ban", "Phòng", "Trung", "Đội", "Văn", "Hội", "Ủy", "Uỷ", "Sở",
                                                "Chi", "Đảng", "Cục", "Khu"))


#: the small words a title's next part begins with («… của Hội đồng …», «… cho cá nhân …»): they
#: end a name, and a line reads well from them
_TITLE_JOINS = frozenset(("của", "về", "cho", "năm", "đợt", "trong", "tại", "có", "giai", "được", "đề", "theo",
                          "đến", "từ", "lần"))


#: the small words that open a part and hold on to it: a line never ends with one («… ngày
#: 11-9-2025 của / Đảng ủy Ban …»: the break goes before «của», 13th review)
_NEVER_LAST = frozenset(("của", "cho", "về", "tại", "theo", "trong", "từ", "đến"))


#: a break's cost in :func:`title_lines`: inside a name (never), at a part's head (sought), before a
#: name inside a name («Hội đồng TĐKT / Ban Quản lý …»: only when needed), elsewhere (between two
#: words of one phrase: allowed, dearer than at a phrase's boundary), and what a break inside a
#: quoted name («“Đổi mới sáng tạo, …”»: the movement's name, read as one) adds to its cost
_INSIDE, _AT_HEAD, _INNER, _ELSEWHERE, _IN_QUOTES = 5000, -15, 50, 20, 60
#: what a break inside an award's name costs («Bằng khen của / Chủ tịch UBND tỉnh»): the name of the
#: form is read as one, broken only when the title has no other break that fits
_IN_AWARD = 400
#: the words an award's name begins with, its «của» and whose it is («Bằng khen của Chủ tịch UBND
#: tỉnh», «Giấy khen của Trưởng ban», «Cờ thi đua của Chính phủ»)
_AWARD_HEADS = (("bằng", "khen", "của"), ("giấy", "khen", "của"), ("cờ", "thi", "đua", "của"))
_OPENING, _CLOSING = "“«", "”»"
#: a number or a Roman numeral, and the words it belongs to: never a line's first word after them
_ORDINAL = re.compile(r"^(?:\d+|[IVXLC]+)\b")
_NUMBERED = frozenset(("thứ", "năm", "số", "đợt", "khóa", "khoá", "kỳ", "quý", "đoạn"))


def title_breaks(text: str) -> list[int]:
    """The cost of breaking a title's line before each of its words (index 0: before the first,
    never): :data:`_INSIDE` inside a proper name — a unit's («Ban Quản / lý Khu kinh tế»,
    «Trung tâm / Quản lý cửa khẩu»: from its head word to the next small word of the title), a
    person's or a place's («Lạng / Sơn»: two capitalised words), a word of two syllables («hạ /
    tầng», «chuyển / đổi số»); :data:`_AT_HEAD` at a phrase's boundary: before «của», «cho», «về»…,
    a unit's name or an opening quote, after a comma, a semicolon or a closing quote;
    :data:`_INNER` before a name inside a name; else :data:`_ELSEWHERE`. Inside a quoted name
    (the movement's «“…”») each break costs :data:`_IN_QUOTES` more: it breaks at its ends, or at
    a comma inside it when it must."""
    words = text.split(" ")
    costs, in_name, depth = [_INSIDE], False, 0
    for before, word in zip(words, words[1:], strict=False):
        depth += sum(c in _OPENING for c in before) - sum(c in _CLOSING for c in before)  # quotes open
        last, first = before.split("\u00a0")[-1], word.split("\u00a0")[0]
        in_name = in_name and last[-1:].isalnum()  # «…, Đại hội …»: a comma ends a name
        bare = first.strip(_OPENING + _CLOSING + ",;.:")  # «khoa / học,»: the word, not its comma
        if f"{last.rstrip(_CLOSING + ',;')} {bare}".casefold() in _COMPOUNDS and last[-1:].isalnum():
            cost = _INSIDE
        elif last in _NEVER_LAST:  # «của / Đảng ủy …»: the part's small word goes with it
            cost, in_name = _INSIDE, first[:1].isupper()
        elif _ORDINAL.match(first) and last.casefold() in _NUMBERED:  # «lần thứ / XIV», «năm / 2026»
            cost = _INSIDE
        elif first[:1] in _OPENING or last[-1:] in ",;" + _CLOSING:
            cost, in_name = _AT_HEAD, bare[:1].isupper() and first[:1] not in _OPENING
        elif first in _TITLE_JOINS:
            cost, in_name = _AT_HEAD, False
        elif first[:1].isupper():  # a name begins (a unit's, a person's, a title «Chủ tịch UBND tỉnh»)
            if not in_name and not last[:1].isupper():
                cost = _AT_HEAD
            else:  # a name inside a name («Hội đồng TĐKT / Ban Quản lý …») or its next word («Lạng / Sơn»)
                cost = _INNER if first.casefold() in _NAME_HEADS else _INSIDE
            in_name = True
        else:
            cost = _INSIDE if in_name else _ELSEWHERE
        if depth > 0 and cost < _INSIDE:
            cost += _IN_QUOTES
        costs.append(cost)
    for start, end in _award_spans(words):
        for i in range(start + 1, end):
            costs[i] = max(costs[i], _IN_AWARD)
    return costs


def _award_spans(words: list[str]) -> list[tuple[int, int]]:
    """Where the names of awards stand among a title's ``words`` (first index, index after the
    last): from «Bằng khen», «Giấy khen», «Cờ thi đua» through «của» and whose it is, up to the
    title's next part («cho», «năm», a comma…)."""
    plain = [w.casefold() for w in words]
    spans = []
    for i in range(len(words)):
        head = next((h for h in _AWARD_HEADS if tuple(plain[i:i + len(h)]) == h), None)
        if head is None:
            continue
        end = i + len(head)
        while (end < len(words) and plain[end] not in _TITLE_JOINS and plain[end - 1][-1:] not in ",;"
               and words[end][:1] not in _OPENING):
            end += 1
        spans.append((i, end))
    return spans


def title_lines(text: str, width: int) -> str:
    """A document's title (the trích yếu under its tên loại) broken by the software into lines
    of at most about ``width`` characters, each break at a boundary of its parts — before «của»,
    «cho», «về việc», before a unit's or a person's name — never inside a name (not «… Khen
    thưởng Ban Quản / lý Khu kinh tế …», «Trung tâm / Quản lý cửa khẩu», «Lạng / Sơn»): the
    fewest lines, as even as they go. Lines joined by ``\n`` (a line break in the .docx); a text
    that fits as it is. When no such breaks fit, the words of each name are joined by no-break
    spaces instead, for the word processor to wrap between the parts."""
    words = text.split(" ")
    if len(text) <= width or len(words) < 2:
        return text
    costs = title_breaks(text)
    allowed = [i for i in range(1, len(words)) if costs[i] < _INSIDE]

    def cost(cuts: tuple[int, ...]) -> float:
        lone = 80 if len(words) - cuts[-1] < 2 else 0
        return _layout_cost(_split(words, cuts), width) + sum(costs[i] for i in cuts) + lone

    # the fewest lines that fit (a title of three lines is not broken into five for its breaks'
    # sake), then the best breaks and the evenest lines among them
    best = None
    for count in range(1, 5):
        best = min(combinations(allowed, count), key=cost, default=None)
        if best is not None and cost(best) < 1000:
            break
    if best is None or cost(best) >= 1000:
        return "".join(w + ("\u00a0" if c >= _INSIDE else " ") for w, c in zip(words, [*costs[1:], 0], strict=True)
                       ).rstrip()
    return "\n".join(" ".join(line) for line in _split(words, best))


def _layout_cost(lines: list[list[str]], width: int) -> int:
    """What :func:`balanced_lines` and :func:`title_lines` both weigh of a way to break a text:
    every character over ``width`` (heavily: 1000 each), the lines' uneven lengths, and each line
    (the fewest lines first)."""
    lengths = [len(" ".join(line)) for line in lines]
    over = sum(max(0, n - width) for n in lengths)
    return 1000 * over + (max(lengths) - min(lengths)) + 30 * len(lengths)


def _split(words: list[str], cuts: tuple[int, ...]) -> list[list[str]]:
    bounds = (0, *cuts, len(words))
    return [words[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
