"""The production files of deploy/ (issue 8.1), checked without Docker or systemd: the compose
file's services and their order, the image's build, the systemd units, the deployments, and
the README's one table of settings — every variable they set is a real setting, every command
they start exists."""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shlex
import sys
from graphlib import TopologicalSorter
from pathlib import Path

import click
import pytest
import typer
import yaml

from tdkt.config import PROJECT_ROOT, Settings

DEPLOY = PROJECT_ROOT / "deploy"
VENV_BIN = Path(sys.executable).parent
SERVICES = {"postgres", "prefect-server", "migrate", "deploy", "worker-1", "worker-2", "web"}


def _settings_table():
    spec = importlib.util.spec_from_file_location("settings_table", DEPLOY / "settings_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def setting_names() -> set[str]:
    table = _settings_table()
    return {table.env_name(n, f) for n, f in Settings.model_fields.items()}


def tdkt_command_exists(args: list[str]) -> bool:
    """``tdkt ARGS…`` names a command of the CLI (options after it are not checked)."""
    from tdkt.cli import app

    command: click.Command = typer.main.get_command(app)
    for word in args:
        if word.startswith("-"):
            break
        if not isinstance(command, click.Group):
            break
        sub = command.commands.get(word)
        if sub is None:
            return False
        command = sub
    return not isinstance(command, click.Group)


def _check_tdkt_settings(names: set[str], where: str) -> None:
    unknown = {n for n in names if n.startswith("TDKT_")} - setting_names()
    assert not unknown, f"{where} sets {sorted(unknown)}, which are not fields of tdkt.config.Settings"


# --- compose -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def test_compose_has_postgres_prefect_two_workers_web_and_the_one_shot_jobs(compose: dict) -> None:
    services = compose["services"]
    assert set(services) == SERVICES
    workers = [s for s in services.values() if s.get("command", [])[:2] == ["prefect", "worker"]]
    assert len(workers) == 2
    for w in workers:
        assert w["command"][2:7] == ["start", "--pool", "tdkt", "--type", "process"]
    assert len({w["command"][-1] for w in workers}) == 2  # distinct worker names
    server = services["prefect-server"]
    assert server["command"][:3] == ["prefect", "server", "start"]
    db = server["environment"]["PREFECT_API_DATABASE_CONNECTION_URL"]
    assert db.startswith("postgresql+asyncpg://") and "@postgres:5432/prefect" in db
    assert (DEPLOY / "postgres-init" / "10-prefect-database.sql").read_text().count("CREATE DATABASE prefect") == 1
    assert services["migrate"]["command"] == ["tdkt", "db", "upgrade"] and services["migrate"]["restart"] == "no"
    assert services["deploy"]["command"] == ["sh", "deploy/prefect-deploy.sh"]
    assert services["web"]["command"] == ["tdkt", "web", "--host", "0.0.0.0", "--port", "8000"]
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    for name in ("migrate", "web"):
        assert tdkt_command_exists(services[name]["command"][1:]), services[name]["command"]


def test_compose_services_start_in_order_on_what_exists(compose: dict) -> None:
    services = compose["services"]
    graph = {}
    for name, svc in services.items():
        deps = svc.get("depends_on", {})
        assert set(deps) <= set(services), f"{name} depends on an unknown service"
        for dep, cond in deps.items():
            assert cond["condition"] in {"service_healthy", "service_completed_successfully", "service_started"}
            if cond["condition"] == "service_healthy":
                assert "healthcheck" in services[dep], f"{dep} has no healthcheck"
            if cond["condition"] == "service_completed_successfully":
                assert services[dep].get("restart") == "no", f"{dep} is a one-shot job"
        graph[name] = set(deps)
    order = list(TopologicalSorter(graph).static_order())  # raises on a cycle
    assert order.index("migrate") < order.index("deploy") < order.index("worker-1")
    assert order.index("postgres") < order.index("prefect-server") < order.index("web")


def test_compose_environment_names_are_settings_and_the_image_builds_from_uv_lock(compose: dict) -> None:
    for name, svc in compose["services"].items():
        if name == "postgres":
            continue
        env = svc["environment"]
        _check_tdkt_settings(set(env), f"compose service {name}")
        assert env["TDKT_DATABASE_URL"].startswith("postgresql+psycopg://") and "@postgres:5432/tdkt" in \
            env["TDKT_DATABASE_URL"]
        assert env["PREFECT_API_URL"] == "http://prefect-server:4200/api"
        assert env["TDKT_ROOT"] == "/app"  # the pull step of deploy/prefect.yaml
        build = svc["build"]
        assert (DEPLOY / build["context"] / build["dockerfile"]).resolve() == DEPLOY / "Dockerfile"
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "uv sync --frozen --no-dev" in dockerfile and "COPY pyproject.toml uv.lock" in dockerfile
    for line in dockerfile.splitlines():
        if line.startswith("COPY ") and "--from=" not in line:
            for source in line.split()[1:-1]:
                assert (PROJECT_ROOT / source).exists(), f"Dockerfile copies missing {source}"
    env_names = set(re.findall(r"^ENV\s+(.*?)(?=^\S)", dockerfile + "\nX", re.S | re.M)[0].replace("\\", " ").split())
    _check_tdkt_settings({n.split("=")[0] for n in env_names}, "Dockerfile")


def test_env_example_sets_only_settings_and_the_essentials() -> None:
    lines = [ln for ln in (DEPLOY / "tdkt.env.example").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    names = {ln.split("=", 1)[0] for ln in lines}
    _check_tdkt_settings(names, "deploy/tdkt.env.example")
    assert {"TDKT_DATABASE_URL", "PREFECT_API_URL", "PREFECT_API_DATABASE_CONNECTION_URL", "TDKT_SECRET_KEY",
            "TDKT_SMTP_URL", "TDKT_CHANNELS_FILE", "TDKT_TIMEZONE", "TDKT_UPLOAD_DIR", "TDKT_ROOT"} <= names


# --- systemd -------------------------------------------------------------------------------

UNITS = sorted((DEPLOY / "systemd").iterdir())


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)  # systemd repeats keys
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
    return parser


@pytest.mark.parametrize("path", UNITS, ids=[p.name for p in UNITS])
def test_each_systemd_unit_parses_and_starts_a_command_that_exists(path: Path) -> None:
    unit = _unit(path)
    assert unit.get("Unit", "Description")
    names = {p.name for p in UNITS}
    for key in ("Requires", "Wants", "After", "PartOf"):
        for ref in unit.get("Unit", key, fallback="").split():
            template = re.sub(r"@[^.]+\.service$", "@.service", ref)
            assert ref in names or template in names or ref in {"network-online.target", "postgresql.service"}, ref
    if path.suffix == ".target":
        assert unit.get("Install", "WantedBy") == "multi-user.target"
        return
    service = unit["Service"]
    assert service["User"] == "tdkt" and service["EnvironmentFile"] == "/etc/tdkt/tdkt.env"
    assert service["WorkingDirectory"] == "/opt/tdkt"
    argv = shlex.split(service["ExecStart"])
    program = Path(argv[0])
    if program.parent == Path("/opt/tdkt/.venv/bin"):
        assert (VENV_BIN / program.name).exists(), f"{program.name} is not installed by uv sync"
    else:
        assert program.parent == Path("/opt/tdkt/deploy")
        script = DEPLOY / program.name
        assert script.exists() and os.access(script, os.X_OK)
    if program.name == "tdkt":
        assert tdkt_command_exists(argv[1:]), argv
    if path.name in {"tdkt-migrate.service", "tdkt-deploy.service"}:
        assert service["Type"] == "oneshot" and service["RemainAfterExit"] == "yes"
    else:
        assert service["Type"] == "simple" and service["Restart"] == "on-failure"
    assert unit.get("Install", "WantedBy") == "tdkt.target"


def test_systemd_runs_the_same_stack_as_compose() -> None:
    starts = {p.name: _unit(p).get("Service", "ExecStart", fallback="") for p in UNITS}
    assert starts["tdkt-worker@.service"].endswith(
        "prefect worker start --pool tdkt --type process --name tdkt-worker-%i")
    assert starts["tdkt-migrate.service"].endswith("tdkt db upgrade")
    assert starts["tdkt-deploy.service"] == "/opt/tdkt/deploy/prefect-deploy.sh"
    assert "tdkt web --host 127.0.0.1 --port 8000" in starts["tdkt-web.service"]
    assert "prefect server start" in starts["tdkt-prefect-server.service"]
    wants = _unit(DEPLOY / "systemd" / "tdkt.target").get("Unit", "Wants").split()
    assert {"tdkt-worker@1.service", "tdkt-worker@2.service", "tdkt-web.service", "tdkt-deploy.service"} <= set(wants)


# --- deployments ---------------------------------------------------------------------------

def test_every_deployment_runs_on_the_tdkt_pool_and_under_tdkt_serve() -> None:
    from tdkt.orchestration.serve import _FLOWS, declared_deployments

    doc = yaml.safe_load((DEPLOY / "prefect.yaml").read_text(encoding="utf-8"))
    assert doc["pull"] == [{"prefect.deployments.steps.set_working_directory": {"directory": "{{ $TDKT_ROOT }}"}}]
    assert "TDKT_ROOT" in setting_names()
    deployments = declared_deployments(DEPLOY / "prefect.yaml")
    assert len(deployments) == 7
    # the deployment the web hands a council's route steps to, and the one tdkt check looks for
    from tdkt.orchestration.flows import COUNCIL_DEPLOYMENT
    from tdkt.services.ops.health import BACKGROUND_DEPLOYMENT
    assert COUNCIL_DEPLOYMENT == f"{BACKGROUND_DEPLOYMENT}/{BACKGROUND_DEPLOYMENT}"
    assert BACKGROUND_DEPLOYMENT in {d["name"] for d in deployments}
    for d in deployments:
        # a deployment with a schedule is watched by the automations that alert the admins
        assert ("scheduled" in d["tags"]) == bool(d.get("schedules")), d["name"]
        assert d["work_pool"]["name"] == "tdkt"
        assert d["entrypoint"] in _FLOWS  # tdkt serve serves it
        path, _, name = d["entrypoint"].partition(":")
        spec = importlib.util.spec_from_file_location(f"entrypoint_{name}", PROJECT_ROOT / path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert getattr(module, name) is _FLOWS[d["entrypoint"]]  # the worker runs what tdkt serve serves
        for schedule in d.get("schedules", []):
            assert schedule["timezone"] == "Asia/Ho_Chi_Minh"


# --- README --------------------------------------------------------------------------------

def test_readme_has_one_settings_table_listing_every_setting_and_the_production_stack() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count("| variable | default | meaning |") == 1
    section = readme[readme.index("## Settings"):readme.index("\n## ", readme.index("## Settings") + 1)]
    listed = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)`", section, re.M))
    missing = setting_names() - listed
    assert not missing, f"README's settings table lacks {sorted(missing)}: run deploy/settings_table.py"
    assert "## Production stack" in readme and "docker compose -f deploy/compose.yaml up" in readme
    assert "systemctl enable --now tdkt.target" in readme
    two = readme[readme.index("## Two commands"):]
    commands = re.findall(r"^bash (\S+)", two, re.M)[:2]
    assert commands == ["scripts/run.sh", "scripts/test.sh"]
