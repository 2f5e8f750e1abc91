"""The production stack of ``deploy/systemd/`` started as systemd would start it, without systemd:
each unit's ``ExecStart``, ``Environment=`` / ``EnvironmentFile=``, ``WorkingDirectory=``,
``Type=`` (a one-shot must exit 0 before what is ordered after it starts), ``Restart=on-failure``
with ``RestartSec=``, ``TimeoutStopSec=`` and the ordering (``Requires=``, ``Wants=``, ``After=``)
read from the files themselves.

Only the install paths are substituted (:data:`INSTALL_PATHS`): ``/opt/tdkt/.venv`` → the test's
virtual environment, ``/opt/tdkt`` → this checkout, ``/etc/tdkt`` and ``/var/lib/tdkt`` → folders
of the test, and the listening ports 4200 (Prefect) and 8000 (web) → free ports, so that tests
running side by side never meet. ``User=``/``Group=`` are not applied: every process runs as the
test's own user (systemd would start it as ``tdkt``). Units outside tdkt (``postgresql.service``,
``network-online.target``) are the test's business: it starts PostgreSQL itself.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from graphlib import TopologicalSorter
from pathlib import Path

from tdkt.config import PROJECT_ROOT

__all__ = ["Unit", "read_unit", "read_env_file", "Stack", "SYSTEMD_DIR", "INSTALL_PATHS", "install_paths"]

SYSTEMD_DIR = PROJECT_ROOT / "deploy" / "systemd"
#: the install paths of the units, in the order they are replaced (longest first)
INSTALL_PATHS = ("/opt/tdkt/.venv", "/opt/tdkt", "/etc/tdkt", "/var/lib/tdkt")
#: what systemd gives a service before its own Environment= (PATH of a unit without one)
SYSTEMD_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
#: units outside tdkt that the tdkt units are ordered after
EXTERNAL = {"network-online.target", "postgresql.service"}


def install_paths(etc: Path, var: Path) -> dict[str, str]:
    return {"/opt/tdkt/.venv": str(Path(sys.executable).parent.parent), "/opt/tdkt": str(PROJECT_ROOT),
            "/etc/tdkt": str(etc), "/var/lib/tdkt": str(var)}


@dataclass
class Unit:
    """One unit file: every ``key=value`` of each section, repeated keys kept in order."""

    name: str
    sections: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def all(self, section: str, key: str) -> list[str]:
        return [v for k, v in self.sections.get(section, []) if k == key]

    def get(self, section: str, key: str, default: str = "") -> str:
        values = self.all(section, key)
        return values[-1] if values else default

    def names(self, key: str) -> list[str]:
        """Unit names of a dependency key (``After=a b`` twice gives both)."""
        return [n for v in self.all("Unit", key) for n in v.split()]

    def instance(self, instance: str) -> Unit:
        """``name@.service`` as ``name@INSTANCE.service``, ``%i`` replaced."""
        name = self.name.replace("@.", f"@{instance}.")
        return Unit(name, {s: [(k, v.replace("%i", instance)) for k, v in kv] for s, kv in self.sections.items()})


def read_unit(path: Path) -> Unit:
    """A unit file as systemd reads it: ``#``/``;`` comments, ``[Section]`` headers, ``key=value``
    with the key and value stripped, a line ending in a backslash continued on the next."""
    unit, section, pending = Unit(path.name), "", ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = pending + raw.strip()
        pending = ""
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            unit.sections.setdefault(section, [])
            continue
        key, sep, value = line.partition("=")
        assert sep and section, f"{path.name}: not a key=value line inside a section: {raw!r}"
        unit.sections[section].append((key.strip(), value.strip()))
    return unit


def read_env_file(text: str) -> dict[str, str]:
    """``EnvironmentFile=``: ``KEY=VALUE`` lines, ``#`` comments, quotes removed."""
    env = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        key, _, value = line.partition("=")
        words = shlex.split(value) if value.strip() else [""]
        env[key.strip()] = " ".join(words)
    return env


def _environment(unit: Unit, subst: dict[str, str]) -> dict[str, str]:
    """systemd's order: its own basics, then ``Environment=``, then ``EnvironmentFile=`` (which
    wins); a file named with a leading ``-`` may be missing."""
    env = {"PATH": SYSTEMD_PATH, "LANG": "C.UTF-8", "HOME": subst["/var/lib/tdkt"]}
    for value in unit.all("Service", "Environment"):
        for assignment in shlex.split(_substitute(value, subst)):
            key, _, val = assignment.partition("=")
            env[key] = val
    for value in unit.all("Service", "EnvironmentFile"):
        optional = value.startswith("-")
        path = Path(_substitute(value.lstrip("-"), subst))
        if optional and not path.exists():
            continue
        env.update(read_env_file(path.read_text(encoding="utf-8")))
    return env


def _substitute(text: str, subst: dict[str, str]) -> str:
    for old in INSTALL_PATHS:
        text = text.replace(old, subst[old])
    return text


def _seconds(value: str, default: float) -> float:
    if not value:
        return default
    found = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(ms|s|min)?", value)
    assert found, f"time span {value!r} not understood"
    number, unit = float(found.group(1)), found.group(2) or "s"
    return number / 1000 if unit == "ms" else number * 60 if unit == "min" else number


@dataclass
class Service:
    """A running unit: its process, and systemd's ``Restart=on-failure`` kept by a thread."""

    unit: Unit
    argv: list[str]
    env: dict[str, str]
    cwd: str
    log: Path
    proc: subprocess.Popen[bytes] | None = None
    stopping: bool = False
    restarts: int = 0
    exits: list[int] = field(default_factory=list)

    def start(self) -> None:
        with self.log.open("ab") as out:
            out.write(f"\n--- start {' '.join(self.argv)}\n".encode())
            out.flush()
            self.proc = subprocess.Popen(self.argv, env=self.env, cwd=self.cwd, stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True)

    def watch(self) -> None:
        """Restart=on-failure: a main process that exits non-zero (or by a signal) not asked by
        us is started again after RestartSec."""
        policy = self.unit.get("Service", "Restart", "no")
        delay = _seconds(self.unit.get("Service", "RestartSec"), 0.1)
        while not self.stopping:
            assert self.proc is not None
            code = self.proc.wait()
            self.exits.append(code)
            if self.stopping or policy not in {"on-failure", "always"} or (code == 0 and policy == "on-failure"):
                return
            time.sleep(delay)
            if self.stopping:
                return
            self.restarts += 1
            self.start()

    def stop(self) -> None:
        """``systemctl stop``: SIGTERM to the main process (KillMode=mixed) or to the whole
        group (control-group), SIGKILL to all that is left after TimeoutStopSec."""
        self.stopping = True
        if self.proc is None or self.proc.poll() is not None:
            return
        mode = self.unit.get("Service", "KillMode", "control-group")
        timeout = _seconds(self.unit.get("Service", "TimeoutStopSec"), 90)
        try:
            if mode == "mixed":
                self.proc.send_signal(signal.SIGTERM)
            else:
                os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
        except ProcessLookupError:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]


class Stack:
    """``systemctl start tdkt.target`` by hand: the units the target wants, in their order."""

    def __init__(self, folder: Path, subst: dict[str, str], ports: dict[str, int]) -> None:
        self.folder, self.subst, self.ports = folder, subst, ports
        self.templates = {p.name: read_unit(p) for p in sorted(SYSTEMD_DIR.iterdir())}
        self.target = self.templates["tdkt.target"]
        self.units = {name: self._unit(name) for name in self.target.names("Wants")}
        self.services: dict[str, Service] = {}
        self.threads: list[threading.Thread] = []

    def _unit(self, name: str) -> Unit:
        if name in self.templates:
            return self.templates[name]
        prefix, _, rest = name.partition("@")
        instance, _, suffix = rest.rpartition(".")
        return self.templates[f"{prefix}@.{suffix}"].instance(instance)

    def order(self) -> list[str]:
        """Start order: ``After=`` (and ``Requires=``' units must be there) among the target's units."""
        graph: dict[str, set[str]] = {}
        for name, unit in self.units.items():
            for required in unit.names("Requires"):
                assert required in self.units or required in EXTERNAL, f"{name} requires {required}, not wanted"
            graph[name] = {n for n in unit.names("After") if n in self.units}
        return list(TopologicalSorter(graph).static_order())

    def command(self, unit: Unit) -> list[str]:
        argv = shlex.split(_substitute(unit.get("Service", "ExecStart"), self.subst))
        # the listening ports: the units' own (4200, 8000) → the test's free ones
        for i, word in enumerate(argv[:-1]):
            if word == "--port":
                argv[i + 1] = str(self.ports[argv[i + 1]])
        return argv

    def start_unit(self, name: str, timeout: float = 120) -> Service:
        unit = self.units[name]
        service = Service(unit, self.command(unit), _environment(unit, self.subst),
                          _substitute(unit.get("Service", "WorkingDirectory", "/"), self.subst),
                          self.folder / f"{name}.log")
        self.services[name] = service
        service.start()
        assert service.proc is not None
        if unit.get("Service", "Type", "simple") == "oneshot":  # what is After= it waits for its exit
            code = service.proc.wait(timeout=timeout)
            assert code == 0, f"{name} exited {code}:\n{service.tail()}"
        else:
            thread = threading.Thread(target=service.watch, daemon=True)
            thread.start()
            self.threads.append(thread)
        return service

    def start(self) -> list[str]:
        started = []
        for name in self.order():
            for required in self.units[name].names("Requires"):
                if required in self.units:
                    assert required in self.services, f"{name} requires {required}, not started before it"
            self.start_unit(name)
            started.append(name)
        return started

    def stop_unit(self, name: str) -> None:
        self.services[name].stop()

    def restart_unit(self, name: str) -> Service:
        self.stop_unit(name)
        return self.start_unit(name)

    def stop(self) -> None:
        for name in reversed(list(self.services)):
            self.services[name].stop()
