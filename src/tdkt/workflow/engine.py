"""Load, start, advance and serialize the BPMN route (spiff-example-cli style wrapper).

The parsed spec is cached per process, keyed by the checksum of the model files (parsed once
however many runtimes are built); its serialized form is stored once in the database
and referenced by each case, whose own state is serialized without it. Every ``*.bpmn`` and
``*.dmn`` file in the model folder is read: a process's call activities and business rule
tasks find their called processes and decision tables there, and a ready user task inside a
called process is a ready task of the case like any other.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, cast
from uuid import UUID

from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
from SpiffWorkflow.bpmn.serializer.default.workflow import WorkflowConverter
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.specs.defaults import EndEvent
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.exceptions import SpiffWorkflowException
from SpiffWorkflow.spiff.specs.defaults import UserTask
from SpiffWorkflow.util.task import TaskState

from tdkt.errors import CorruptState, DefinitionError, InvalidInput, WrongState
from tdkt.workflow import history, migration, timers
from tdkt.workflow.decisions import SERIALIZER_CONFIG, DecisionParser, NoRuleMatched
from tdkt.workflow.expressions import restricted_script_engine
from tdkt.workflow.timers import PendingTimer

__all__ = ["ReadyTask", "RouteEngine", "RouteInstance"]

_SPEC_KEYS = ("spec", "subprocess_specs")


@dataclass(frozen=True, slots=True)
class ReadyTask:
    id: str
    name: str
    title: str


class RouteInstance:
    """One running case's workflow, held only for the duration of a use case."""

    def __init__(self, workflow: BpmnWorkflow, engine: RouteEngine) -> None:
        self._wf = workflow
        self._engine = engine
        self._ready: list[ReadyTask] | None = None  # read once until the workflow moves
        self._timers: list[PendingTimer] | None = None

    def _moved(self) -> None:
        """The workflow changed: what was read of it is read again."""
        self._ready = self._timers = None

    @property
    def data(self) -> dict[str, Any]:
        return cast(dict[str, Any], self._wf.data)

    def ready(self) -> list[ReadyTask]:
        if self._ready is None:
            self._ready = [
                ReadyTask(str(t.id), t.task_spec.name, t.task_spec.bpmn_name or t.task_spec.name)
                for t in self._wf.get_tasks(state=TaskState.READY, manual=True)
            ]
        return list(self._ready)

    def complete(self, task_id: str, data: dict[str, Any]) -> None:
        task = self._wf.get_task_from_id(UUID(task_id))
        if task is None or task.state != TaskState.READY:
            raise WrongState("Công việc này không còn chờ xử lý.", f"task {task_id} is not ready")
        task.data.update(data)
        self._moved()
        try:
            task.run()
            self._wf.do_engine_steps()
        except NoRuleMatched as err:
            raise WrongState(_no_rule_message(err), f"engine refused step: {err}") from err
        except SpiffWorkflowException as err:
            raise WrongState(
                "Quy trình không thể chuyển tiếp với dữ liệu đã nhập.", f"engine refused step: {err}"
            ) from err

    @property
    def end_event(self) -> str | None:
        """The id of the end event reached, once the route is finished."""
        if not self._wf.is_completed():
            return None
        ends = [
            t.task_spec.name
            for t in self._wf.get_tasks(state=TaskState.COMPLETED, skip_subprocesses=True)
            if isinstance(t.task_spec, EndEvent) and t.task_spec.bpmn_id
        ]
        return ends[-1] if ends else None

    def timers(self) -> list[PendingTimer]:
        """Waiting timer events (e.g. the dossier deadline on ``submit_dossier``)."""
        if self._timers is None:
            self._timers = timers.pending_timers(self._wf)
        return list(self._timers)

    def fire_timers(self, now: datetime) -> list[str]:
        """Fire the timers due at ``now``; the route moves on (e.g. to ``not_submitted``)."""
        self._moved()
        try:
            return timers.fire_due(self._wf, now)
        except SpiffWorkflowException as err:
            raise WrongState("Quy trình không thể xử lý mốc thời hạn.", f"engine refused timer: {err}") from err

    def move_timer(self, name: str, when: datetime) -> bool:
        self._moved()
        return timers.move(self._wf, name, when)

    def positions(self) -> list[str]:
        """Where the case is now (ready tasks, waiting timers, running call activities)."""
        return [str(p) for p in migration.positions(self._wf)]

    def dump(self) -> str:
        return self._engine.dump(self._wf)


class RouteEngine:
    """Parses every model in ``bpmn_dir`` once; thread-safe for start/restore/dump."""

    def __init__(self, bpmn_dir: Path) -> None:
        files = sorted(bpmn_dir.glob("*.bpmn"))
        if not files:
            raise DefinitionError(f"Không có mô hình BPMN trong {bpmn_dir}.", f"no .bpmn files in {bpmn_dir}")
        tables = sorted(bpmn_dir.glob("*.dmn"))
        self.checksum = hashlib.sha256(b"".join(f.read_bytes() for f in [*files, *tables])).hexdigest()
        self._processes = _parsed(self.checksum, files, tables)
        self._serializer = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SERIALIZER_CONFIG))
        self._lock = threading.Lock()

    @property
    def process_ids(self) -> list[str]:
        return sorted(self._processes)

    def user_tasks(self, process_id: str) -> dict[str, str]:
        """User task id → name, for checking the task definitions against the model; the user
        tasks of the processes it calls (call activities) count too."""
        spec, subprocesses = self._process(process_id)
        found: dict[str, str] = {}
        for s in [spec, *subprocesses.values()]:
            for ts in s.task_specs.values():
                if isinstance(ts, UserTask):
                    found[ts.name] = ts.bpmn_name or ts.name
        return found

    def decided_values(self, process_id: str, input_expression: str) -> frozenset[str] | None:
        """The values of ``input_expression`` that the process's decision tables have a row
        for (``"giay_khen_truong_ban"`` …), for checking a plan against the model before a case
        needs them; None when a table takes any value for it (a ``-`` entry or a condition)."""
        spec, subprocesses = self._process(process_id)
        found: set[str] = set()
        for s in [spec, *subprocesses.values()]:
            for ts in s.task_specs.values():
                table = getattr(getattr(ts, "dmnEngine", None), "decision_table", None)
                if table is None:
                    continue
                for rule in table.rules:
                    for entry in rule.inputEntries:
                        if entry.input.expression != input_expression:
                            continue
                        text = (entry.text or "").strip()
                        if len(text) < 2 or text[0] != '"' or text[-1] != '"' or '"' in text[1:-1]:
                            return None  # "-", empty, or an expression: not a list of literals
                        found.add(text[1:-1])
        return frozenset(found)

    def serialized_spec(self, process_id: str) -> str:
        spec, subprocesses = self._process(process_id)
        with self._lock:
            return json.dumps(
                {"spec": self._serializer.to_dict(spec), "subprocess_specs": {
                    k: self._serializer.to_dict(v) for k, v in subprocesses.items()}}
            )

    def missing_positions(self, inst: RouteInstance, process_id: str) -> list[str]:
        """The positions of ``inst`` that this engine's model of ``process_id`` lacks."""
        spec, subprocesses = self._process(process_id)
        return [str(p) for p in migration.missing_positions(inst._wf, spec, subprocesses)]

    def migrate(self, inst: RouteInstance, process_id: str) -> RouteInstance:
        """Move ``inst`` onto this engine's model of ``process_id`` (see :mod:`.migration`);
        refused with :class:`WrongState` naming the positions the model lacks."""
        missing = self.missing_positions(inst, process_id)
        if missing:
            raise WrongState(
                "Mô hình mới không còn bước hồ sơ đang dừng: " + ", ".join(missing) + "; hồ sơ giữ phiên bản cũ.",
                f"new model of {process_id} lacks positions {missing}",
            )
        spec, subprocesses = self._process(process_id)
        try:
            inst._moved()
            with self._lock:  # the diff converts specs with the serializer's registry
                migration.move_to_spec(inst._wf, spec, subprocesses, self._serializer.registry)
        except SpiffWorkflowException as err:
            raise WrongState("Không thể chuyển hồ sơ sang mô hình mới.", f"migration failed: {_detail(err)}") from err
        return inst

    def start(self, process_id: str, data: dict[str, Any]) -> RouteInstance:
        spec, subprocesses = self._process(process_id)
        wf = BpmnWorkflow(spec, subprocesses, script_engine=restricted_script_engine())
        wf.data.update(data)
        # Start event's data comes from the workflow data.
        wf.get_tasks(state=TaskState.READY)[0].data.update(data)
        try:
            wf.do_engine_steps()
        except NoRuleMatched as err:
            raise InvalidInput(_no_rule_message(err), f"cannot start {process_id}: {err}") from err
        except SpiffWorkflowException as err:
            raise InvalidInput(
                "Không thể bắt đầu quy trình với dữ liệu của hồ sơ.", f"cannot start {process_id}: {_detail(err)}"
            ) from err
        return RouteInstance(wf, self)

    def restore(self, state: str, spec_key: str, load_spec: Callable[[], str]) -> RouteInstance:
        """Rebuild a case's workflow; the stored spec is read (``load_spec``) and rebuilt once
        per key, then shared by every case on it (specs are never changed while a workflow
        runs, as for a freshly parsed model). A state written by an older serializer version
        is migrated with the spec's dictionary first. A state that cannot be read back raises
        :class:`CorruptState`."""
        try:
            spec_dct = self._spec_dict(spec_key, load_spec)
            dct = json.loads(state)
            if not isinstance(dct, dict):
                raise TypeError(f"a workflow state is a JSON object, not {type(dct).__name__}")
            with self._lock:
                if dct.get(self._serializer.VERSION_KEY) == self._serializer.VERSION:
                    del dct[self._serializer.VERSION_KEY]
                    spec, subprocess_specs = self._spec_objects(spec_key, spec_dct)
                    # restore() hands objects that are not dictionaries back as they are
                    dct.update(spec=spec, subprocess_specs=dict(subprocess_specs))
                else:
                    dct.update({k: json.loads(json.dumps(spec_dct[k])) for k in _SPEC_KEYS})
                    self._serializer.migrate(dct)
                wf = self._serializer.from_dict(dct)
        # What a damaged document raises while it is decoded and rebuilt (bad JSON, missing
        # keys, wrong types, unknown task ids): the engine cannot say more than that.
        except (ValueError, KeyError, TypeError, AttributeError, IndexError, SpiffWorkflowException) as err:
            reason = f"{type(err).__name__}: {err}"[:500]
            raise CorruptState("Dữ liệu quy trình của hồ sơ bị hỏng, không đọc được.",
                               f"unreadable workflow state: {reason}", reason=reason) from err
        wf.script_engine = restricted_script_engine()
        return RouteInstance(wf, self)

    def _spec_dict(self, spec_key: str, load_spec: Callable[[], str]) -> dict[str, Any]:
        found = _RESTORED.get((self.checksum, spec_key))
        if found is not None:
            return found[0]
        loaded = json.loads(load_spec())
        if not isinstance(loaded, dict):
            raise TypeError(f"a workflow spec is a JSON object, not {type(loaded).__name__}")
        with _RESTORED_LOCK:
            found = _RESTORED.setdefault((self.checksum, spec_key), (loaded, None))
        return found[0]

    def _spec_objects(self, spec_key: str, spec_dct: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """The spec objects of a stored spec, rebuilt once per process (caller holds the lock)."""
        key = (self.checksum, spec_key)
        found = _RESTORED.get(key)
        if found is None or found[1] is None:
            registry = self._serializer.registry
            fresh = json.loads(json.dumps({k: spec_dct[k] for k in _SPEC_KEYS}))  # restore() pops keys
            objects = (registry.restore(fresh["spec"]),
                       {name: registry.restore(sub) for name, sub in fresh["subprocess_specs"].items()})
            with _RESTORED_LOCK:
                if len(_RESTORED) >= _RESTORED_MAX:
                    _RESTORED.pop(next(iter(_RESTORED)))
                found = _RESTORED[key] = (spec_dct, objects)
        return cast(tuple[Any, dict[str, Any]], found[1])

    def dump(self, wf: BpmnWorkflow) -> str:
        """The case's state without its spec (stored once, referenced by the case): the spec is
        not converted only to be dropped; earlier passes of a loop are left out (:mod:`.history`),
        so the state does not grow with the case's history."""
        with self._lock:
            dct = self._state_dict(wf)
        history.splice_repeated_passes(dct)
        dct[self._serializer.VERSION_KEY] = self._serializer.VERSION
        return json.dumps(dct)

    def _state_dict(self, wf: BpmnWorkflow) -> dict[str, Any]:
        """What ``BpmnWorkflowConverter.to_dict`` gives (SpiffWorkflow 3.2), minus ``spec`` and
        ``subprocess_specs``; tests/unit/test_route_engine.py checks it against the library."""
        registry = self._serializer.registry
        typename = registry.typenames[type(wf)]
        converter = registry.convert_to_dict[typename].args[1].__self__
        dct: dict[str, Any] = WorkflowConverter.to_dict(converter, wf)
        dct["subprocesses"] = converter.mapping_to_dict(wf.subprocesses)
        dct["bpmn_events"] = registry.convert(wf.bpmn_events)
        dct["typename"] = typename
        return dct

    def full_dict(self, wf: BpmnWorkflow) -> dict[str, Any]:
        """The library's own dictionary of the workflow, spec included (for checks)."""
        with self._lock:
            return cast(dict[str, Any], self._serializer.to_dict(wf))

    def _process(self, process_id: str) -> tuple[Any, dict[str, Any]]:
        try:
            return self._processes[process_id]
        except KeyError:
            raise DefinitionError(
                f"Không có quy trình '{process_id}' trong bpmn/.", f"unknown process {process_id}"
            ) from None


#: stored specs restored, by (checksum of this process's model files, spec key): the spec's
#: dictionary and, once a case was restored on it, its objects — read and rebuilt once per
#: process however many runtimes (databases) share the model; a spec key names one stored spec
#: (its row and the checksum of the models it was made from), and stored specs never change
_RESTORED: dict[tuple[str, str], tuple[dict[str, Any], tuple[Any, dict[str, Any]] | None]] = {}
_RESTORED_LOCK = threading.Lock()
_RESTORED_MAX = 64

#: parsed processes by the checksum of the model files, shared by every engine of the process:
#: parsing is the costly part (the specs are never changed once parsed)
_PARSED: dict[str, dict[str, tuple[Any, dict[str, Any]]]] = {}
_PARSED_LOCK = threading.Lock()
_PARSED_MAX = 16


def _parsed(checksum: str, files: list[Path], tables: list[Path]) -> dict[str, tuple[Any, dict[str, Any]]]:
    with _PARSED_LOCK:
        cached = _PARSED.get(checksum)
    if cached is not None:
        return cached
    parser = DecisionParser()
    try:
        parser.add_bpmn_files([str(f) for f in files])
        for table in tables:
            with table.open("rb") as fh:  # bytes: lxml reads the declared encoding itself
                parser.add_dmn_io(fh, filename=str(table))
        processes = {pid: (parser.get_spec(pid), parser.get_subprocess_specs(pid)) for pid in parser.get_process_ids()}
    except (ValidationException, SpiffWorkflowException, SyntaxError) as err:
        # SyntaxError: lxml's XMLSyntaxError for a file that is not well-formed XML.
        raise DefinitionError(f"Mô hình BPMN không hợp lệ: {err}", f"invalid BPMN model: {err}") from err
    unrunnable = sorted({problem for spec, subs in processes.values() for s in [spec, *subs.values()]
                         for problem in _unrunnable(s)})
    if unrunnable:
        listed = "; ".join(unrunnable)
        raise DefinitionError(f"Mô hình BPMN có phần tử quy trình không chạy (chỉ điều kiện và bảng quyết định "
                              f"được phép, không chạy mã): {listed}", f"BPMN elements that run code: {listed}")
    with _PARSED_LOCK:
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[checksum] = processes
    return processes


#: elements that would run code or call out: the route holds data, conditions and decision
#: tables only, evaluated by the restricted engine (DESIGN.md §2)
_CODE_ELEMENTS = ("ScriptTask", "ServiceTask")


def _unrunnable(spec: Any) -> list[str]:
    """Each element of ``spec`` the restricted engine must not run, as "file: id (kind 'name')"."""
    found = []
    for ts in spec.task_specs.values():
        kinds = [k for k in _CODE_ELEMENTS if any(c.__name__ == k for c in type(ts).__mro__)]
        kinds += [f"spiffworkflow:{attr}" for attr in ("prescript", "postscript") if getattr(ts, attr, None)]
        if kinds:
            name = ts.bpmn_name or ts.name
            found.append(f"{spec.file}: {ts.bpmn_id or ts.name} ({', '.join(kinds)} '{name}')")
    return found


def _detail(err: SpiffWorkflowException) -> str:
    """The engine's message and the error it was raised from (e.g. a refused expression)."""
    cause: BaseException | None = err
    while isinstance(cause, SpiffWorkflowException):
        cause = cause.__cause__ or cause.__context__
    return str(err) if cause is None else f"{err} ({cause})"


def _no_rule_message(err: NoRuleMatched) -> str:
    shown = ", ".join(f"{k} = {v!r}" for k, v in err.inputs.items())
    return f"Bảng quyết định «{err.table}» không có dòng nào cho {shown}; hãy bổ sung bảng trong bpmn/."
