"""Movement plans (kế hoạch phát động phong trào) as YAML files: check one and report every error
at its line, or load the seed movements.

The YAML is composed once (PyYAML nodes keep their marks), then constructed and validated; each
pydantic error location (``rounds.1.dossier_deadline``) is followed down the node tree to the
line of that key. Dates stay strings until pydantic reads them, so an impossible date such as
2025-02-30 is an error at its line, not a crash.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tdkt.domain.movement import MovementDefinition
from tdkt.errors import DefinitionError

__all__ = ["PlanError", "check_plan_text", "check_plan_file", "validate_plan_file", "read_plan_file",
           "load_seed_movements", "SEED_MOVEMENT_FILES", "sample_plans", "sample_plan_text", "plan_source"]

#: a plan file is a few kilobytes; anything beyond this is refused before it is parsed
MAX_FILE_CHARS = 1_000_000

SEED_MOVEMENT_FILES = ("movement_000.yaml", "movement_001.yaml", "movement_002.yaml", "movement_004.yaml")

#: pydantic error type → what a Vietnamese reader is told first
_VI = {
    "extra_forbidden": "khóa không được phép",
    "missing": "thiếu trường bắt buộc",
    "literal_error": "giá trị không được phép",
    "date_from_datetime_parsing": "ngày không hợp lệ",
    "date_parsing": "ngày không hợp lệ",
    "date_type": "ngày không hợp lệ",
    "less_than_equal": "giá trị quá lớn",
    "greater_than": "giá trị quá nhỏ",
    "greater_than_equal": "giá trị quá nhỏ",
    "string_pattern_mismatch": "sai định dạng",
    "too_short": "danh sách quá ngắn",
    "too_long": "quá nhiều mục",
    "string_too_long": "văn bản quá dài",
    "string_too_short": "văn bản quá ngắn",
    "value_error": "không hợp lệ",
    "int_parsing": "phải là số nguyên",
    "string_type": "phải là văn bản",
    "list_type": "phải là danh sách",
    "dict_type": "phải là một nhóm khóa",
    "bool_parsing": "phải là true hoặc false",
    "plan_rule": "trái quy tắc của kế hoạch",
}


#: PyYAML's commonest complaints, as a văn thư would fix them
_YAML = {
    "could not find expected ':'": "thiếu dấu ':' sau tên khóa, hoặc thụt lề không thẳng hàng",
    "mapping values are not allowed here": "dấu ':' không đúng chỗ (văn bản có dấu ':' cần đặt trong ngoặc kép)",
    "found character '\\t' that cannot start any token": "có ký tự tab: thụt lề bằng dấu cách",
    "found undefined alias": "dùng một tên (*tên) chưa được khai báo",
    "expected <block end>, but found": "thụt lề không thẳng hàng với dòng trên",
    "found duplicate anchor": "một tên (&tên) được khai báo hai lần",
}


def _yaml_problem(problem: str) -> str:
    meaning = next((vi for en, vi in _YAML.items() if problem.startswith(en)), "sai cú pháp (kiểm tra thụt lề, "
                   "dấu ':' và dấu ngoặc kép)")
    return f"lỗi cú pháp YAML: {meaning}"


def _vietnamese(e: Any) -> str:
    """One validation error as a văn thư reads it: the plan's own rules are written in Vietnamese;
    pydantic's English is replaced by what it means, with what was expected."""
    kind, ctx = e["type"], e.get("ctx") or {}
    if kind == "plan_rule" or kind == "value_error":
        return str(e["msg"]).removeprefix("Value error, ")
    lead = _VI.get(kind, "giá trị không hợp lệ")
    if kind == "extra_forbidden":
        return f"{lead}: '{e['loc'][-1]}' (kiểm tra chính tả tên khóa)"
    if kind == "literal_error":
        return f"{lead}: chọn một trong {ctx.get('expected', '')}".replace(" or ", " hoặc ")
    if kind.startswith("date"):
        return f"{lead}: '{e.get('input', '')}' (ghi dạng YYYY-MM-DD, ví dụ 2026-12-25)"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"phải là số nguyên: '{e.get('input', '')}'"
    limits = {k: v for k, v in ctx.items() if k in ("le", "lt", "ge", "gt", "min_length", "max_length", "pattern")}
    words = {"le": "tối đa", "lt": "nhỏ hơn", "ge": "tối thiểu", "gt": "lớn hơn", "min_length": "ít nhất",
             "max_length": "nhiều nhất", "pattern": "theo mẫu"}
    return lead + (" (" + ", ".join(f"{words[k]} {v}" for k, v in limits.items()) + ")" if limits else "")


@dataclass(frozen=True)
class PlanError:
    """One error in a plan file; ``line`` is 1-based (0: the file as a whole)."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field + ': ' if self.field else ''}{self.message}"


class _PlanLoader(yaml.SafeLoader):
    """Safe loading, but timestamps stay text: pydantic parses and reports them."""


_PlanLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _line_of(root: Node, loc: tuple[Any, ...]) -> int:
    """The 1-based line of the deepest node on ``loc`` that the file holds."""
    node, line = root, root.start_mark.line
    for part in loc:
        if isinstance(node, MappingNode):
            pair = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(part)), None)
            if pair is None:
                break
            line, node = pair[0].start_mark.line, pair[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line
        else:
            break
    return line + 1


def _duplicate_keys(node: Node, path: str, seen: set[int] | None = None) -> list[PlanError]:
    """PyYAML keeps the last of two equal keys silently: report the repeats."""
    seen = set() if seen is None else seen
    if id(node) in seen:  # an alias: checked where its anchor is
        return []
    seen.add(id(node))
    errors: list[PlanError] = []
    if isinstance(node, MappingNode):
        keys: set[str] = set()
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value in keys:
                errors.append(PlanError(path, k.start_mark.line + 1, k.value, "khóa lặp lại (duplicate key)"))
            keys.add(k.value if isinstance(k, ScalarNode) else "")
            errors += _duplicate_keys(v, path, seen)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            errors += _duplicate_keys(item, path, seen)
    return errors


def _field(loc: tuple[Any, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


def check_plan_text(text: str, path: str, routed_forms: frozenset[str] | None = None,
                    ) -> tuple[MovementDefinition | None, list[PlanError]]:
    """The definition, or None and every error found, each at its line. Text saved in NFD
    (decomposed diacritics, as some editors write) reads as its NFC equal. With
    ``routed_forms`` (the forms the route's authority table decides), a form of award the model
    cannot route is an error here, not at the first nomination."""
    if len(text) > MAX_FILE_CHARS:
        return None, [PlanError(path, 0, "", f"tệp quá lớn ({len(text):,} ký tự; tối đa {MAX_FILE_CHARS:,})")]
    text = unicodedata.normalize("NFC", text)
    loader = _PlanLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        return None, [PlanError(path, mark.line + 1 if mark else 0, "", _yaml_problem(str(err.problem or err)))]
    except yaml.YAMLError as err:
        return None, [PlanError(path, 0, "", f"lỗi YAML (YAML error): {err}")]
    finally:
        loader.dispose()
    if root is None:
        return None, [PlanError(path, 0, "", "tệp rỗng (empty file)")]
    errors = _duplicate_keys(root, path)
    try:
        definition = MovementDefinition.model_validate(data)
    except ValidationError as err:
        for e in err.errors(include_url=False):
            loc = tuple(e["loc"])
            errors.append(PlanError(path, _line_of(root, loc), _field(loc), _vietnamese(e)))
        definition = None
    if definition is not None and routed_forms is not None:
        errors += [PlanError(path, _line_of(root, ("award_forms", code)), f"award_forms.{code}",
                             "mã hình thức khen thưởng không có trong bảng thẩm quyền của quy trình "
                             "(bpmn/authority.dmn), nên không biết cấp nào quyết định; dùng một mã có sẵn: "
                             + ", ".join(sorted(routed_forms))
                             + " (Giấy khen của người đứng đầu một cơ quan: giay_khen_thu_truong_co_quan)")
                   for code in definition.award_forms if code not in routed_forms]
    errors.sort(key=lambda e: e.line)
    return (None if errors else definition), errors


def check_plan_file(path: str | Path, routed_forms: frozenset[str] | None = None,
                    ) -> tuple[MovementDefinition | None, list[PlanError]]:
    """The definition in the plan file at ``path``, or None and every error found."""
    try:
        with Path(path).open("rb") as fh:
            raw = fh.read(MAX_FILE_CHARS * 4 + 1)  # UTF-8: at most 4 bytes a character
    except OSError as err:
        return None, [PlanError(str(path), 0, "", f"không đọc được tệp (cannot read file): {err}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [PlanError(str(path), line, "", f"không phải văn bản UTF-8 (not UTF-8) ở cột {column}: "
                                                     f"byte {raw[err.start:err.start + 1]!r}; hãy lưu tệp dạng UTF-8")]
    return check_plan_text(text, str(path), routed_forms)


def validate_plan_file(path: str | Path, routed_forms: frozenset[str] | None = None) -> list[PlanError]:
    """Every error of the plan file at ``path``; an empty list when it is a valid movement."""
    return check_plan_file(path, routed_forms)[1]


def _or_raise(definition: MovementDefinition | None, errors: list[PlanError], source: str) -> MovementDefinition:
    if definition is None:
        listed = "\n".join(str(e) for e in errors)
        raise DefinitionError(f"Kế hoạch {source} không hợp lệ:\n{listed}", f"invalid plan {source}:\n{listed}")
    return definition


def read_plan_file(path: str | Path, routed_forms: frozenset[str] | None = None) -> MovementDefinition:
    """The movement of a plan file, or DefinitionError listing every error."""
    return _or_raise(*check_plan_file(path, routed_forms), str(path))


def load_seed_movements() -> list[MovementDefinition]:
    """The movements of the seed plans 000, 001, 002 and 004, validated (003 is a calendar)."""
    seed = files("tdkt.seed")
    return [_or_raise(*check_plan_text(seed.joinpath(name).read_text(encoding="utf-8"), name), name)
            for name in SEED_MOVEMENT_FILES]


def sample_plans() -> list[tuple[str, str]]:
    """The sample plans shipped with the package (kế hoạch mẫu): (file name, movement name)."""
    return [(name, movement.name) for name, movement in zip(SEED_MOVEMENT_FILES, load_seed_movements(), strict=True)]


def sample_plan_text(name: str) -> str:
    """The text of a sample plan, by its file name; DefinitionError for any other name."""
    if name not in SEED_MOVEMENT_FILES:
        raise DefinitionError(f"Không có kế hoạch mẫu «{name}».", f"unknown sample plan {name!r}")
    return files("tdkt.seed").joinpath(name).read_text(encoding="utf-8")


def plan_source(definition: MovementDefinition) -> str:
    """A plan written as YAML (when no text of it was kept), for editing."""
    return yaml.safe_dump(definition.model_dump(exclude_defaults=True), allow_unicode=True,
                          sort_keys=False, width=110)
