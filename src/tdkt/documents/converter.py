"""Long-lived PDF converters: LibreOffice started once and kept, fed one .docx after another
through UNO (unoserver's converter), instead of a LibreOffice start per batch (1.1 s).

Each converter is a process group of its own — the system Python running
:mod:`tdkt.documents.uno_worker`, and its ``soffice`` with a profile of its own — so several
convert at once, and :meth:`PdfConverters.stop` (or leaving the ``with`` block, or the owner
dying: the worker reads end of stdin) ends every process it started: no orphan ``soffice``.

It needs Debian's ``python3-uno`` (the system Python with LibreOffice's ``uno`` module) and the
``unoserver`` package; without them :func:`uno_available` is false and
:func:`tdkt.documents.render.to_pdf_many` falls back to ``soffice --convert-to``, saying so in
the log.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from types import TracebackType

__all__ = ["PdfConverters", "uno_available", "uno_python", "ConverterMissing", "PDFA_2B_OPTIONS", "shared_converters",
           "stop_shared_converters"]

log = logging.getLogger(__name__)
#: the system Python that has LibreOffice's uno module (Debian's python3-uno)
_SYSTEM_PYTHONS = ("/usr/bin/python3",)
#: PDF/A-2b, as ``soffice --convert-to`` with SelectPdfVersion 2 (render.PDFA_2B)
PDFA_2B_OPTIONS = ["SelectPdfVersion=2"]
_WORKER = Path(__file__).with_name("uno_worker.py")


class ConverterMissing(RuntimeError):
    """No long-lived converter on this machine (python3-uno, unoserver or LibreOffice missing)."""


@lru_cache(maxsize=1)
def uno_python() -> str | None:
    """The system Python that imports ``uno``, or None."""
    for python in _SYSTEM_PYTHONS:
        if Path(python).exists() and subprocess.run([python, "-c", "import uno"], capture_output=True,
                                                    timeout=30).returncode == 0:
            return python
    return None


def _unoserver_dir() -> Path | None:
    try:
        located = Path(str(metadata.distribution("unoserver").locate_file("unoserver")))
    except metadata.PackageNotFoundError:
        return None
    return located if (located / "converter.py").exists() else None


def uno_available() -> bool:
    return bool(shutil.which("soffice") and uno_python() and _unoserver_dir())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _Converter:
    """One worker process group: its requests go one at a time."""

    def __init__(self, python: str, soffice: str, path_dir: Path, profile: Path, start_timeout: float) -> None:
        env = {**os.environ, "PYTHONPATH": str(path_dir)}
        self.proc = subprocess.Popen([python, str(_WORKER), soffice, str(_free_port()), profile.as_uri()],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, env=env, start_new_session=True)
        self.lock = threading.Lock()
        ready = self._reply(start_timeout)
        if not ready.get("ready"):
            self.stop()
            raise ConverterMissing(ready.get("error", "the converter did not start"))

    def _reply(self, timeout: float) -> dict[str, object]:
        assert self.proc.stdout is not None
        timer = threading.Timer(timeout, self._kill)
        timer.start()
        try:
            line = self.proc.stdout.readline()
        finally:
            timer.cancel()
        if not line:
            raise RuntimeError(f"the PDF converter stopped (exit {self.proc.poll()})")
        answer: dict[str, object] = json.loads(line)
        return answer

    def convert(self, docx: Path, pdf: Path, options: list[str], timeout: float) -> None:
        assert self.proc.stdin is not None
        with self.lock:
            self.proc.stdin.write(json.dumps({"in": str(docx), "out": str(pdf), "options": options}) + "\n")
            self.proc.stdin.flush()
            answer = self._reply(timeout)
        if not answer.get("ok"):
            raise RuntimeError(f"LibreOffice could not convert {docx.name}: {answer.get('error')}")

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def _kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)

    def stop(self) -> None:
        """End of stdin: the worker ends LibreOffice; then the whole group, whatever is left."""
        with contextlib.suppress(OSError):
            if self.proc.stdin is not None:
                self.proc.stdin.close()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            pass
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)  # soffice.bin, should it outlive its parent
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(5)
        self._kill()
        self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()


class PdfConverters:
    """``count`` long-lived LibreOffice converters started together (each with its own profile),
    converting a batch in parallel; a context manager, or :meth:`start` / :meth:`stop`."""

    def __init__(self, count: int = 2, start_timeout: float = 90) -> None:
        self.count, self.start_timeout = max(1, count), start_timeout
        self._converters: list[_Converter] = []
        self._profiles: tempfile.TemporaryDirectory[str] | None = None
        self._how: tuple[str, str, Path] | None = None  # what a converter is started with
        self._restarts = 0
        self._restart_lock = threading.Lock()

    @property
    def pids(self) -> list[int]:
        """The process group of each converter (the worker and its soffice)."""
        return [c.proc.pid for c in self._converters]

    def start(self) -> PdfConverters:
        python, soffice, path_dir = uno_python(), shutil.which("soffice"), _unoserver_dir()
        if python is None or soffice is None or path_dir is None:
            raise ConverterMissing("python3-uno, unoserver or LibreOffice is not installed")
        self._profiles = tempfile.TemporaryDirectory(prefix="tdkt-uno-")
        root = Path(self._profiles.name)
        (root / "path").mkdir()
        (root / "path" / "unoserver").symlink_to(path_dir)  # unoserver alone on the system Python's path
        self._how = (python, soffice, root)
        try:
            with ThreadPoolExecutor(self.count) as pool:  # the LibreOffices start side by side
                starting = [pool.submit(_Converter, python, soffice, root / "path", root / f"profile{n}",
                                        self.start_timeout) for n in range(self.count)]
                for future in starting:
                    with contextlib.suppress(Exception):
                        self._converters.append(future.result())
            for future in starting:
                future.result()  # raises the first failure, after every started one was kept for stop()
        except BaseException:
            self.stop()
            raise
        log.info("%d PDF converters started (LibreOffice through UNO)", self.count)
        return self

    @property
    def started(self) -> bool:
        return bool(self._converters)

    @property
    def restarts(self) -> int:
        """Converters started again since :meth:`start` (one had died)."""
        return self._restarts

    def _restart(self, index: int, dead: _Converter) -> _Converter:
        """The converter at ``index``, started again (with a profile of its own) if it is
        ``dead`` — its process ended (LibreOffice crashed, or was killed for a timeout)."""
        with self._restart_lock:
            current = self._converters[index]
            if current is not dead and current.alive:
                return current  # another batch started it again already
            assert self._how is not None  # started
            python, soffice, root = self._how
            dead.stop()
            self._restarts += 1
            fresh = _Converter(python, soffice, root / "path", root / f"profile{index}-{self._restarts}",
                               self.start_timeout)
            self._converters[index] = fresh
            log.warning("PDF converter %d had stopped (exit %s): started again", index, dead.proc.poll())
            return fresh

    def convert_many(self, docx: list[Path], out_dir: Path, pdfa: bool = False, timeout: float = 120) -> list[Path]:
        """Every .docx to ``out_dir``/stem.pdf, shared out among the converters. A converter
        found dead is started again, and the file it was converting converted again once."""
        if not self._converters:
            raise RuntimeError("the PDF converters are not started")
        out_dir.mkdir(parents=True, exist_ok=True)
        options = PDFA_2B_OPTIONS if pdfa else []
        pdfs = [out_dir / f"{d.stem}.pdf" for d in docx]
        queue: Iterator[tuple[Path, Path]] = iter(list(zip(docx, pdfs, strict=True)))
        lock = threading.Lock()

        def drain(index: int) -> None:
            while True:
                with lock:
                    item = next(queue, None)
                if item is None:
                    return
                converter = self._converters[index]
                if not converter.alive:
                    converter = self._restart(index, converter)
                try:
                    converter.convert(item[0].resolve(), item[1].resolve(), options, timeout)
                except (RuntimeError, OSError):
                    if converter.alive:
                        raise  # LibreOffice refused the file itself
                    self._restart(index, converter).convert(item[0].resolve(), item[1].resolve(), options, timeout)

        with ThreadPoolExecutor(len(self._converters)) as pool:
            for future in [pool.submit(drain, n) for n in range(len(self._converters))]:
                future.result()
        return pdfs

    def stop(self) -> None:
        for converter in self._converters:
            converter.stop()
        self._converters.clear()
        if self._profiles is not None:
            self._profiles.cleanup()
            self._profiles = None

    def __enter__(self) -> PdfConverters:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


#: the long-lived converters of this process (by its pid: a forked child starts its own)
_SHARED: dict[int, PdfConverters] = {}
_SHARED_LOCK = threading.Lock()


def shared_converters(count: int) -> PdfConverters:
    """This process's long-lived converters (``count`` of them): started with its first batch
    and kept for the next ones — a worker converting batch after batch starts LibreOffice once
    — each started again by a batch that finds it dead; stopped when the process exits
    (:func:`stop_shared_converters`). Raises :class:`ConverterMissing` as :meth:`PdfConverters.start`."""
    pid = os.getpid()
    with _SHARED_LOCK:
        found = _SHARED.get(pid)
        if found is None or not found.started:
            found = PdfConverters(count).start()
            if not _SHARED:
                atexit.register(stop_shared_converters)
            _SHARED[pid] = found
        return found


def stop_shared_converters() -> None:
    """Stop this process's long-lived converters (at exit; the next batch would start them again)."""
    with _SHARED_LOCK:
        found = _SHARED.pop(os.getpid(), None)
    if found is not None:
        found.stop()
