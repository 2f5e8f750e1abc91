"""Human-task definitions from ``tasks/*.yaml``: form fields, required attachments,
candidate role and due rule per BPMN user task. Loaded and checked at start-up, with the
route's steps the code knows (:class:`~tdkt.domain.status.Step`): the model, the definitions
and the code name the same user tasks, or nothing starts."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tdkt.domain.calendar import read_day
from tdkt.domain.policy import task_role_problems
from tdkt.domain.roles import Role
from tdkt.domain.status import Step
from tdkt.domain.vietnamese import nfc, text_problem
from tdkt.errors import DefinitionError, InvalidInput

__all__ = ["TaskDefinition", "FieldDefinition", "load_task_definitions", "step_problems"]

#: longest text a form field takes (a reason, a note); longer is a paste gone wrong
MAX_TEXT = 4000


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldDefinition(_Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    type: Literal["text", "choice", "bool", "int", "date", "list"]
    required: bool = False
    required_when: dict[str, list[str]] = Field(default_factory=dict)
    choices: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _choices_for_choice(self) -> FieldDefinition:
        if (self.type == "choice") != bool(self.choices):
            raise ValueError("choices are required for type 'choice' and only for it")
        return self

    def clean(self, raw: Any) -> Any:
        if self.type == "text":
            if not isinstance(raw, str):
                raise ValueError("phải là văn bản")
            problem = text_problem(raw) or (f"dài quá {MAX_TEXT} ký tự" if len(raw) > MAX_TEXT else None)
            if problem:
                raise ValueError(problem)
            return nfc(raw)
        if self.type == "choice":
            if raw not in self.choices:
                raise ValueError(f"phải là một trong: {', '.join(self.choices)}")
            return raw
        if self.type == "bool":
            if isinstance(raw, bool):
                return raw
            word = nfc(raw).lower() if isinstance(raw, str) else None  # "có" may arrive decomposed
            if word in {"true", "false", "co", "có", "khong", "không"}:
                return word in {"true", "co", "có"}
            raise ValueError("phải là có/không")
        if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
            raise ValueError("phải là số nguyên")  # int() would turn True into 1 and 2.9 into 2
        if self.type == "list":  # keys ticked in a checklist; "a,b" from a command line
            items = raw.split(",") if isinstance(raw, str) else raw
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise ValueError("phải là danh sách")
            return sorted({nfc(i) for i in items if nfc(i)})
        if self.type == "date":  # as the browser's date field sends it, or as a văn thư types it
            if (day := read_day(raw)) is None:
                raise ValueError("phải là ngày dạng dd/mm/yyyy")
            return day.isoformat()  # JSON-safe ISO text
        try:
            value = int(raw)
        except (TypeError, ValueError):
            raise ValueError("phải là số nguyên") from None
        if value < 0:
            raise ValueError("không được âm")
        return value


class AttachmentRequirement(_Strict):
    kind: str
    label: str


class DueRule(_Strict):
    working_days: int | None = Field(default=None, ge=1, le=60)
    plan_date: Literal["dossier_deadline"] | None = None
    #: a date set by the previous step (e.g. the supplement deadline the Văn phòng gives)
    from_data: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> DueRule:
        if (self.working_days is None) == (self.plan_date is None):
            raise ValueError("give exactly one of working_days or plan_date")
        return self


class TaskDefinition(_Strict):
    id: str
    title: str
    candidate_role: Role
    #: who may take it: the dossier's unit, its agency (the Văn phòng, council, head of the
    #: dossier's agency) or the province (its bodies receive from every agency)
    scope: Literal["case_unit", "agency", "province"]
    due: DueRule
    fields: list[FieldDefinition] = Field(default_factory=list)
    required_attachments: list[AttachmentRequirement] = Field(default_factory=list)

    def clean_data(self, data: dict[str, Any]) -> dict[str, Any]:
        """Validated, normalised form data; every problem in one Vietnamese message."""
        known = {f.name: f for f in self.fields}
        problems = [f"trường '{k}' không thuộc biểu mẫu" for k in data if k not in known]
        cleaned: dict[str, Any] = {}
        for f in self.fields:
            raw = data.get(f.name)
            if raw is None:
                continue
            try:
                value = f.clean(raw)
            except ValueError as err:
                problems.append(f"{f.label}: {err}")
                continue
            if value != "":  # blank text counts as not given
                cleaned[f.name] = value
        for f in self.fields:
            needed = f.required or any(cleaned.get(k) in v for k, v in f.required_when.items())
            if needed and f.name not in cleaned:
                problems.append(f"{f.label}: bắt buộc")
        if problems:
            raise InvalidInput(
                f"{self.title}: " + "; ".join(problems), f"invalid form data for {self.id}: {problems}"
            )
        return cleaned


def load_task_definitions(folder: Path, user_tasks: dict[str, str]) -> dict[str, TaskDefinition]:
    """Load every definition and check them against the model's user tasks.

    Raises DefinitionError listing every bad file, every task without a definition, every
    mismatch with the code's :class:`~tdkt.domain.status.Step` and every step given to another
    role than the policy table (:mod:`tdkt.domain.policy`) names for it.
    """
    defs: dict[str, TaskDefinition] = {}
    errors: list[str] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
            td = TaskDefinition.model_validate(raw)
        except yaml.YAMLError as err:
            errors.append(f"{path.name}: YAML không hợp lệ: {err}")
            continue
        except ValidationError as err:
            for e in err.errors():
                loc = ".".join(str(p) for p in e["loc"])
                errors.append(f"{path.name}: {loc}: {e['msg']}")
            continue
        if td.id != path.stem:
            errors.append(f"{path.name}: id '{td.id}' phải trùng tên tệp '{path.stem}'")
        elif td.id not in user_tasks:
            errors.append(f"{path.name}: không có user task '{td.id}' trong mô hình BPMN")
        defs[td.id] = td
    errors += [f"user task '{t}' ({name}) chưa có định nghĩa trong tasks/" for t, name in user_tasks.items()
               if t not in defs]
    errors += step_problems(set(defs), user_tasks)
    errors += task_role_problems({td.id: td.candidate_role for td in defs.values()})
    if errors:
        raise DefinitionError(
            "Định nghĩa công việc không hợp lệ:\n- " + "\n- ".join(errors),
            "invalid task definitions: " + "; ".join(errors),
        )
    return defs


def step_problems(defined: set[str], user_tasks: dict[str, str]) -> list[str]:
    """What disagrees between the code's steps, the definitions in tasks/ and the model's user
    tasks: a Step with no definition, a BPMN user task that is no Step. A Step that is a user
    task without a definition, or has a definition but no user task, is already reported by
    :func:`load_task_definitions` as such."""
    steps = {str(step) for step in Step}
    problems = [f"bước '{step}' (Step.{step.name}) chưa có định nghĩa trong tasks/ và không có trong mô hình BPMN"
                for step in Step if step not in defined and step not in user_tasks]
    problems += [f"user task '{t}' ({name}) trong mô hình BPMN không phải là một bước của mã nguồn (Step)"
                 for t, name in user_tasks.items() if t not in steps]
    return problems
