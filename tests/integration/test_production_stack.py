"""The production stack run for real (issue 14, item 8): ``deploy/systemd/`` started as systemd
starts it (see :mod:`tests.integration.systemd_stack` for what is read from the unit files and
the only things substituted: install paths and listening ports), on a PostgreSQL cluster of its
own holding tdkt's database and the Prefect server's, configured by ``deploy/tdkt.env.example``
with its ``CHANGE-ME`` values filled in (production mode on).

A dossier is carried through it from the web (login, CSRF, uploads, a flow run per form in the
web process, the council's session with its five members voting); what the dossier leaves for
later runs on the two process workers — its notices delivered to a local SMTP server, the timers,
the council session's route steps handed over at the close (``TDKT_BACKGROUND_RUNS=workers``) —
each run's worker read from the server's events, and the dossier's whole story in Prefect checked
by the runs' names, tags and deployments; a worker is stopped and the other takes the work;
PostgreSQL is stopped and started again and the stack recovers (the web answers, new actions, the
council and new worker runs complete, every e-mail received exactly once).

``systemd-analyze verify`` passes on the units with the same install paths, warnings included.
"""

from __future__ import annotations

import re
import secrets
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, func, select, text

from tdkt.channels import EMAIL_CHANNEL
from tdkt.config import PROJECT_ROOT, Settings
from tdkt.persistence.models import Case, OutboxMessage
from tdkt.runtime import Runtime
from tdkt.services.nominations.checklist import appraisal_checklist
from tdkt.services.ops.setup import initialise_demo
from tdkt.services.people.accounts import set_password
from tdkt.views.task_page import open_task_of
from tests.integration.conftest import MOVEMENT, REQUIRED, free_port
from tests.integration.systemd_stack import INSTALL_PATHS, SYSTEMD_DIR, Stack, install_paths
from tests.integration.web_support import PASSWORD, csrf_of

pytestmark = pytest.mark.production
FORM = "giay_khen_truong_ban"
PDF = b"%PDF-1.4 minh chung"


# --- systemd-analyze verify ------------------------------------------------------------------

def _rendered_units(folder: Path) -> Path:
    """The unit files with the install paths of this machine (``/opt/tdkt`` does not exist here,
    and verify checks that each ExecStart is executable)."""
    subst = install_paths(folder / "etc", folder / "var")
    out = folder / "units"
    out.mkdir(parents=True)
    for path in SYSTEMD_DIR.iterdir():
        body = path.read_text(encoding="utf-8")
        for old in INSTALL_PATHS:
            body = body.replace(old, subst[old])
        (out / path.name).write_text(body, encoding="utf-8")
    return out


def test_systemd_analyze_verify_passes_on_the_units_without_a_warning(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze missing (Debian package systemd; scripts/test.sh installs it)")
    units = _rendered_units(tmp_path)
    names = sorted(p.name for p in units.iterdir() if not p.name.endswith("@.service"))
    names += ["tdkt-worker@1.service", "tdkt-worker@2.service"]  # instances of the template
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", *names], cwd=units, capture_output=True,
                          text=True, timeout=60)
    # verify exits 0 on an unknown key or a value it cannot parse: it only warns; none allowed
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


# --- the stack -------------------------------------------------------------------------------

class Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd hook
        self.messages.append(message_from_bytes(envelope.original_content))
        return "250 OK"


class WebUser:
    """One person on the running web app over HTTP, behind the TLS proxy: the proxy's
    ``X-Forwarded-Proto: https`` is sent, and the ``Secure`` session cookie is kept by hand
    (a cookie jar would not send it over the test's plain http)."""

    def __init__(self, base: str, rt: Runtime, username: str) -> None:
        self.http = httpx.Client(base_url=base, follow_redirects=False, timeout=120,
                                 headers={"X-Forwarded-Proto": "https"})
        self.cookies: dict[str, str] = {}
        self.token = ""
        set_password(rt, username, PASSWORD)
        self.get("/login")
        r = self.post("/login", {"username": username, "password": PASSWORD, "next": "/inbox"})
        assert r.status_code == 303, r.text[-800:]

    def _keep(self, r: httpx.Response) -> httpx.Response:
        for header in r.headers.get_list("set-cookie"):
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        if r.headers.get("content-type", "").startswith("text/html") and 'name="csrf_token"' in r.text:
            self.token = csrf_of(r.text)
        return r

    def _headers(self) -> dict[str, str]:
        return {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}

    def get(self, url: str) -> httpx.Response:
        return self._keep(self.http.get(url, headers=self._headers()))

    def post(self, url: str, data: dict[str, Any], files: Any = None) -> httpx.Response:
        return self._keep(self.http.post(url, data={"csrf_token": self.token, **data}, files=files,
                                         headers=self._headers()))


def _wait(what: str, check: Callable[[], Any], timeout: float, stack: Stack | None = None) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = check()
            if found:
                return found
        except (httpx.HTTPError, OSError):
            pass
        if time.monotonic() > deadline:
            logs = "".join(f"\n== {n}\n{s.tail(1500)}" for n, s in (stack.services.items() if stack else []))
            pytest.fail(f"{what}: not within {timeout:.0f} s{logs}")
        time.sleep(0.5)


def _env_file(etc: Path, subst: dict[str, str], ports: dict[str, int], pg_port: int, smtp_port: int) -> None:
    """deploy/tdkt.env.example as an operator fills it in: install paths and ports of this test,
    each CHANGE-ME replaced, e-mail to the test's SMTP server; and the tests' clock date and a
    2 s worker polling interval (5 s in the example)."""
    body = (PROJECT_ROOT / "deploy" / "tdkt.env.example").read_text(encoding="utf-8")
    for old in INSTALL_PATHS:
        body = body.replace(old, subst[old])
    body = body.replace("127.0.0.1:5432/", f"127.0.0.1:{pg_port}/")
    body = body.replace("127.0.0.1:4200/", f"127.0.0.1:{ports['4200']}/")
    body = body.replace("tdkt:CHANGE-ME@", "tdkt:mat-khau-csdl@")
    body = re.sub(r"^TDKT_SECRET_KEY=.*$", f"TDKT_SECRET_KEY={secrets.token_urlsafe(48)}", body, flags=re.M)
    body = re.sub(r"^TDKT_SMTP_URL=.*$", f"TDKT_SMTP_URL=mailto://127.0.0.1:{smtp_port}?from=tdkt@example.gov.vn",
                  body, flags=re.M)
    body = body.replace("CHANGE-ME", secrets.token_hex(8))
    # the test's own: the workers asking for flow runs every 2 s instead of 5 s (a shorter test)
    body = re.sub(r"^PREFECT_WORKER_QUERY_SECONDS=5$", "PREFECT_WORKER_QUERY_SECONDS=2", body, flags=re.M)
    assert "PREFECT_WORKER_QUERY_SECONDS=2" in body
    body += ("\n# the test's own: the day the tests live on (inside the seed plan's dossier window)\n"
             "TDKT_CLOCK_DATE=2026-12-25\n")
    assert "CHANGE-ME" not in body
    (etc / "tdkt.env").write_text(body, encoding="utf-8")
    (etc / "tdkt.env").chmod(0o600)
    (etc / "channels.yaml").write_text("people: {}\nroles: {}\n", encoding="utf-8")


@pytest.fixture
def production(cluster: Any, tmp_path: Path) -> Iterator[tuple[Stack, Runtime, Any, Inbox]]:
    """PostgreSQL (tdkt's and the Prefect server's databases, owner tdkt), the SMTP relay, then
    every unit of tdkt.target in its order; the demo organisation loaded once migrated."""
    root = cluster.url.rsplit("/", 1)[0]
    admin = create_engine(f"{root}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text("DROP DATABASE IF EXISTS tdkt WITH (FORCE)"))
        c.execute(text("DROP DATABASE IF EXISTS prefect WITH (FORCE)"))
        c.execute(text("DO $$ BEGIN CREATE ROLE tdkt LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$"))
        c.execute(text("CREATE DATABASE tdkt OWNER tdkt"))
        c.execute(text("CREATE DATABASE prefect OWNER tdkt"))  # deploy/postgres-init does the same
    admin.dispose()
    etc, var = tmp_path / "etc", tmp_path / "var"
    etc.mkdir()
    var.mkdir(mode=0o750)
    var.chmod(0o750)  # production mode refuses data others can read
    subst = install_paths(etc, var)
    ports = {"4200": free_port(), "8000": free_port()}
    inbox, smtp_port = Inbox(), free_port()
    relay = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    relay.start()
    _env_file(etc, subst, ports, cluster.port, smtp_port)
    stack = Stack(tmp_path, subst, ports)
    rt, began = None, time.monotonic()
    try:
        started = stack.start()
        assert started.index("tdkt-migrate.service") < started.index("tdkt-deploy.service") < \
            started.index("tdkt-worker@1.service")
        assert started.index("tdkt-prefect-server.service") < started.index("tdkt-deploy.service")
        url = f"postgresql+psycopg://tdkt@127.0.0.1:{cluster.port}/tdkt"
        rt = Runtime(Settings(database_url=url, var_dir=var, clock_date="2026-12-25"))
        initialise_demo(rt)  # the operator's adoption step: here the demo organisation
        print(f"\nstack started in {time.monotonic() - began:.0f} s (PostgreSQL ready before)")
        yield stack, rt, ports, inbox
    finally:
        stack.stop()
        relay.stop()
        if rt is not None:
            rt.close()


class Prefect:
    def __init__(self, port: int) -> None:
        self.api = f"http://127.0.0.1:{port}/api"

    def run(self, deployment: str, parameters: dict[str, Any]) -> str:
        dep = httpx.get(f"{self.api}/deployments/name/{deployment}/{deployment}", timeout=30).json()
        r = httpx.post(f"{self.api}/deployments/{dep['id']}/create_flow_run", json={"parameters": parameters},
                       timeout=30)
        r.raise_for_status()
        return str(r.json()["id"])

    def deployment_id(self, name: str) -> str:
        return str(httpx.get(f"{self.api}/deployments/name/{name}/{name}", timeout=10).json()["id"])

    def deployment_names(self) -> dict[str, str]:
        found = httpx.post(f"{self.api}/deployments/filter", json={}, timeout=10).json()
        return {d["id"]: d["name"] for d in found}

    def _runs(self, flow_runs: dict[str, Any]) -> list[dict[str, Any]]:
        r = httpx.post(f"{self.api}/flow_runs/filter", json={"flow_runs": flow_runs, "limit": 200}, timeout=10)
        r.raise_for_status()
        return list(r.json())

    def heartbeat_since(self, worker: str, since: datetime) -> bool:
        """The worker is online in the pool and has told the server so after ``since``."""
        r = httpx.post(f"{self.api}/work_pools/tdkt/workers/filter", json={}, timeout=10)
        r.raise_for_status()
        return any(w["name"] == worker and w["status"] == "ONLINE" and w["last_heartbeat_time"]
                   and datetime.fromisoformat(w["last_heartbeat_time"]) > since for w in r.json())

    def named(self, name: str) -> list[dict[str, Any]]:
        return self._runs({"name": {"any_": [name]}})

    def tagged(self, tag: str) -> list[dict[str, Any]]:
        return self._runs({"tags": {"all_": [tag]}})

    def finished(self, run_id: str) -> dict[str, Any] | None:
        run = httpx.get(f"{self.api}/flow_runs/{run_id}", timeout=10).json()
        return run if run["state"]["type"] in {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"} else None

    def worker_of(self, run_id: str) -> str:
        """The worker that ran the run, from the server's events: both workers may fetch a run
        and log «submitting» (the loser's Pending is refused), only the one that runs it emits
        ``prefect.worker.submitted-flow-run``, related to the run, with its own name."""
        since = (datetime.now(UTC) - timedelta(hours=1)).isoformat()

        def find() -> list[str]:
            body = {"filter": {"event": {"name": ["prefect.worker.submitted-flow-run"]}, "occurred": {"since": since},
                               "related": {"id": [f"prefect.flow-run.{run_id}"]}}, "limit": 50}
            r = httpx.post(f"{self.api}/events/filter", json=body, timeout=10)
            assert r.status_code == 200, r.text
            events = r.json()["events"]
            return [e["resource"].get("prefect.resource.name", e["resource"]["prefect.resource.id"]) for e in events
                    if any(r["prefect.resource.id"] == f"prefect.flow-run.{run_id}" for r in e.get("related", []))]

        found = _wait(f"the event of the worker that ran {run_id}", find, 30)
        assert len(found) == 1, found
        return found[0]


def _step(user: WebUser, rt: Runtime, username: str, case_id: int, version: int, data: dict[str, Any]) -> None:
    task = open_task_of(rt, username, case_id)
    user.get(f"/tasks/{task}")
    r = user.post(f"/tasks/{task}", {"action_id": f"stack-{task}-{version}", "version": str(version), **data})
    assert r.status_code == 303, r.text[-1500:]


def _emails(rt: Runtime) -> int:
    with rt.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(OutboxMessage)
                                  .where(OutboxMessage.channel == EMAIL_CHANNEL)) or 0


def _status(rt: Runtime, case_id: int) -> tuple[str, int]:
    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        return case.status, case.version


VOTERS = ("truongban", "hd.thuky", "pho.truongban", "qlqh.truongphong", "congdoan.chutich")
#: what the web's forms run in the web process: the person waits for it (a process worker starts
#: a Python process per run, seconds too slow for a page)
WEB_RUNS = {"Nộp hồ sơ đề nghị khen thưởng", "Thẩm định hồ sơ", "Bổ sung hồ sơ", "Mở phiên họp Hội đồng",
            "Kết thúc phiên họp Hội đồng", "Lập Biên bản họp xét"}
#: what the dossier leaves for later, run by the workers: its notices delivered, the timers, the
#: council session's route steps (handed over at the close: TDKT_BACKGROUND_RUNS=workers)
WORKER_DEPLOYMENTS = {"deliver-outbox", "fire-timers", "apply-council-decisions"}


def _council_on_the_web(web: str, rt: Runtime, secretary: WebUser, case_id: int) -> int:
    """The agency's council opens a session, the five members vote on the web, the secretary closes it."""
    secretary.get("/council")
    r = secretary.post("/council/sessions", {"round_key": f"agency|{MOVEMENT}|1"})
    assert r.status_code == 303, r.text[-800:]
    session_id = int(re.search(r"/council/sessions/(\d+)", r.headers["location"]).group(1))
    secretary.get(f"/council/sessions/{session_id}")
    assert secretary.post(f"/council/sessions/{session_id}/attendance", {"present": list(VOTERS)}).status_code == 303
    for voter in VOTERS:
        member = secretary if voter == "hd.thuky" else WebUser(web, rt, voter)
        member.get(f"/council/sessions/{session_id}")
        r = member.post(f"/council/sessions/{session_id}/vote", {f"choice_{case_id}": "agree"})
        assert r.status_code == 303, r.text[-800:]
    secretary.get(f"/council/sessions/{session_id}")
    r = secretary.post(f"/council/sessions/{session_id}/close", {})
    assert r.status_code == 303, r.text[-800:]
    return session_id


def test_the_systemd_stack_carries_a_dossier_and_survives_a_worker_and_the_database_going_down(
        production: tuple[Stack, Runtime, Any, Inbox], cluster: Any) -> None:
    stack, rt, ports, inbox = production
    began, marks = time.monotonic(), []

    def mark(what: str) -> None:
        marks.append(f"{what} {time.monotonic() - began:.0f} s")
    web, prefect = f"http://127.0.0.1:{ports['8000']}", Prefect(ports["4200"])
    _wait("the web app answers /healthz", lambda: httpx.get(f"{web}/healthz", timeout=5).status_code == 200, 90,
          stack)
    pool = httpx.get(f"{prefect.api}/work_pools/tdkt", timeout=10).json()
    assert pool["type"] == "process"

    # the clerk nominates, attaches the three documents and submits, on the web
    mark("web up")
    clerk = WebUser(web, rt, "qldt.canbo")
    clerk.get("/nominations/new")
    r = clerk.post("/nominations", {"movement": f"{MOVEMENT}|{FORM}", "round": "1", "nominee_kind": "individual",
                                    "nominee_name": "Vi Thị Hồng", "nominee_gender": "female"})
    assert r.status_code == 303, r.text[-1500:]
    case_id = int(r.headers["location"].split("/")[2])
    task = open_task_of(rt, "qldt.canbo", case_id)
    clerk.get(f"/tasks/{task}")
    for kind in REQUIRED:
        up = clerk.post(f"/tasks/{task}/attachments", {"kind": kind}, files={"file": (f"{kind}.pdf", PDF,
                                                                                        "application/pdf")})
        assert up.status_code == 303, up.text[-800:]
    _step(clerk, rt, "qldt.canbo", case_id, _status(rt, case_id)[1], {"note": "Kính gửi Văn phòng"})
    assert _status(rt, case_id)[0] == "appraise_dossier"
    appraiser = WebUser(web, rt, "vp.thamdinh")
    _step(appraiser, rt, "vp.thamdinh", case_id, _status(rt, case_id)[1],
          {"appraisal_outcome": "supplement", "reason": "Bổ sung số liệu"})
    _step(clerk, rt, "qldt.canbo", case_id, _status(rt, case_id)[1], {"note": "Đã bổ sung số liệu"})
    assert _status(rt, case_id)[0] == "appraise_dossier"

    mark("web steps")
    # the workers: the scheduled jobs' runs, started now as their schedule would (every 15 min)
    runs = [prefect.run("deliver-outbox", {"force": True}), prefect.run("fire-timers", {})]
    done = [_wait(f"flow run {r}", lambda r=r: prefect.finished(r), 120, stack) for r in runs]
    assert [d["state"]["type"] for d in done] == ["COMPLETED", "COMPLETED"], [d["state"] for d in done]
    workers = {r: prefect.worker_of(r) for r in runs}
    assert set(workers.values()) <= {"tdkt-worker-1", "tdkt-worker-2"}, workers
    mails = [m for m in inbox.messages if m["X-Tdkt-Message-Key"]]
    assert mails, "the dossier's notices reached no mailbox"

    mark("worker runs")
    # one worker stopped: the other takes every run
    stack.stop_unit("tdkt-worker@1.service")
    assert stack.services["tdkt-worker@1.service"].proc.poll() is not None
    later = [prefect.run("deliver-outbox", {"force": True}) for _ in range(2)]
    for run_id in later:
        assert _wait(f"flow run {run_id}", lambda r=run_id: prefect.finished(r), 120, stack)["state"]["type"] == \
            "COMPLETED"
    assert {prefect.worker_of(r) for r in later} == {"tdkt-worker-2"}

    mark("worker 1 stopped")
    # PostgreSQL stopped, then started again: the stack comes back by itself
    cluster.stop()
    _wait("the web app reports the database down", lambda: httpx.get(f"{web}/healthz", timeout=5).status_code == 503,
          30, stack)
    time.sleep(5)  # the services meet the outage (the Prefect server and the workers too)
    cluster.start()
    _wait("the web app answers again", lambda: httpx.get(f"{web}/healthz", timeout=5).status_code == 200, 90, stack)
    _wait("the Prefect server answers again", lambda: httpx.get(f"{prefect.api}/health", timeout=5).status_code == 200,
          90, stack)
    mark("database back")
    queued_before = _emails(rt)
    checklist = [key for key, _ in appraisal_checklist(rt, case_id)]  # every item ticked, as on the page
    _step(appraiser, rt, "vp.thamdinh", case_id, _status(rt, case_id)[1],
          {"appraisal_outcome": "accept", "checklist": checklist})
    assert _status(rt, case_id)[0] == "council_decide"

    # the council on the web; the close hands its route steps to the workers (worker 2 only now)
    session_id = _council_on_the_web(web, rt, WebUser(web, rt, "hd.thuky"), case_id)
    steps = _wait("a worker moves the dossier on after the close",
                  lambda: _status(rt, case_id)[0] != "council_decide" and prefect.named(
                      f"chuyển bước hồ sơ sau phiên họp {session_id}"), 180, stack)
    assert [s["deployment_id"] for s in steps] == [prefect.deployment_id("apply-council-decisions")], steps
    assert _wait(f"flow run {steps[0]['id']}", lambda: prefect.finished(steps[0]["id"]), 60, stack)["state"][
        "type"] == "COMPLETED"
    assert prefect.worker_of(steps[0]["id"]) == "tdkt-worker-2"
    assert f"movement:{MOVEMENT}" in steps[0]["tags"], steps[0]["tags"]
    mark("council")
    after = prefect.run("deliver-outbox", {"force": True})
    assert _wait(f"flow run {after}", lambda: prefect.finished(after), 180, stack)["state"]["type"] == "COMPLETED"
    assert prefect.worker_of(after) == "tdkt-worker-2"
    with rt.uow() as uow:  # every e-mail of the dossier's life went out, each exactly once
        email = dict(uow.session.execute(select(OutboxMessage.status, func.count()).where(
            OutboxMessage.channel == EMAIL_CHANNEL).group_by(OutboxMessage.status)).all())
    assert set(email) == {"sent"}, email
    keys = [m["X-Tdkt-Message-Key"] for m in inbox.messages]
    assert len(keys) == len(set(keys)) == email["sent"]
    assert sum(email.values()) > queued_before  # the acceptance's notices, queued and sent after the restart

    # the dossier's story in Prefect: each form one run in the web process (no deployment), each
    # thing left for later one run of a deployment that a worker ran
    story = prefect.tagged(f"movement:{MOVEMENT}")
    by_web = [r for r in story if r["deployment_id"] is None]
    by_workers = [r for r in story if r["deployment_id"] is not None]
    assert {r["name"].split(" — ")[0] for r in by_web} == WEB_RUNS, sorted(r["name"] for r in by_web)
    assert all(r["state"]["type"] == "COMPLETED" for r in story), [(r["name"], r["state"]) for r in story]
    names = prefect.deployment_names()
    assert {names[r["deployment_id"]] for r in by_workers} == {"deliver-outbox", "apply-council-decisions"}
    assert {names[d["deployment_id"]] for d in done} == {"deliver-outbox", "fire-timers"} <= WORKER_DEPLOYMENTS
    ran_by = {r["id"]: prefect.worker_of(r["id"]) for r in by_workers}
    assert set(ran_by.values()) <= {"tdkt-worker-1", "tdkt-worker-2"}, ran_by
    mark("after the restart")
    # worker 1 started again (systemctl start): it is back in the pool, asking for work
    back = datetime.now(UTC)
    stack.start_unit("tdkt-worker@1.service")
    _wait("worker 1 back in the pool", lambda: prefect.heartbeat_since("tdkt-worker-1", back), 90, stack)
    mark("worker 1 back")
    restarts = {n: s.restarts for n, s in stack.services.items() if s.restarts}
    print(f"\nproduction stack: {len(by_web)} runs in the web process, {len(by_workers)} of the dossier's runs "
          f"by the workers {sorted(set(ran_by.values()))}; first runs by worker {workers}; after the stop of worker "
          f"1: all by tdkt-worker-2; restarts by Restart=on-failure during the database outage: "
          f"{restarts or 'none'}; times: {', '.join(marks)}")
