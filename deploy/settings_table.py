"""Print the README's "Settings" table from the fields of ``tdkt.config.Settings``, so the table
lists every setting there is (tests/integration/test_deploy_files.py checks the README has them
all). Run it after adding a setting and paste the output over the table:

    uv run python deploy/settings_table.py

A field's ``description`` is its meaning unless a fuller one is written here; the variables
that are not tdkt settings but that a production installation sets (the Prefect server's
database, the secrets the channels file refers to) follow the fields.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from pydantic import SecretStr

from tdkt.config import Settings

__all__ = ["rows", "env_name", "table"]

#: fuller meanings than the fields' one-line descriptions
MEANINGS = {
    "root": "the checkout holding `bpmn/`, `tasks/`, `notifications/`, `deploy/` (also the Prefect workers' "
            "working folder: the pull step of `deploy/prefect.yaml`)",
    "database_url": "SQLAlchemy URL, e.g. `postgresql+psycopg://tdkt:pw@127.0.0.1/tdkt`; empty = the SQLite "
                    "file `var/tdkt.db`",
    "timezone": "local time for due dates, quiet hours and schedules",
    "var_dir": "SQLite file, uploads, generated documents, Prefect home of the run command",
    "upload_dir": "attached documents (outside any web root), stored by SHA-256",
    "ballot_key_dir": "**secret**: one private key file per open council session (mode 0600, folder 0700), "
                      "made when the session opens, destroyed by its count at the close; outside the database "
                      "and outside `tdkt backup` (see \"Council session\"); the web app and whoever closes "
                      "sessions must see the same folder",
    "smtp_url": "apprise mail base for e-mail reminders, e.g. `mailto://smtp.host:25?from=tdkt@host` "
                "(with `user=…&pass=…` when the relay needs a login: a secret)",
    "channels_file": "per-person channels (webhook, Zalo, Telegram…), see "
                     "`notifications/channels.example.yaml`; `${VAR}` in it is read from the environment",
    "web_base_url": "the web app's public address, for links in messages",
    "calendar_refresh_seconds": "how long a process keeps the working calendar's moved days (ngày nghỉ bù, ngày "
                                "làm việc bù: table `calendar_day`, entered on `/admin/calendar` or with `tdkt "
                                "calendar import`) before reading them again; the process that changes them reads "
                                "them at once",
    "clock_date": "demo, training only: the local day the installation lives on (real time of day), e.g. "
                  "`2026-12-25` inside the sample plan 000's dossier window; empty = today",
    "reminder_rungs": "reminders this many working days before the due day (JSON list)",
    "reminder_digest": "one daily digest per person instead of one message each (per person in the database)",
    "send_from": "no message before this local time (quiet hours)",
    "send_until": "no message after this local time (quiet hours)",
    "outbox_max_attempts": "sends of a failing message before it is marked failed",
    "log_json": "logs as one JSON object per line on stderr, with `case_id`, `action_id`, `flow_run_id` when known",
    "log_level": "`DEBUG`, `INFO`, `WARNING` or `ERROR`",
    "secret_key": "**secret**: signs web session cookies; empty = a random key kept in `var/` (set one in production)",
    "signature_trust_roots": "ký số: the root certificates a signature must chain to (the national root CA, "
                             "the provider's roots), PEM/DER files or folders of them, JSON list, e.g. "
                             "`[\"/etc/tdkt/trust\"]`; empty = no signature is trusted",
    "signature_crls": "ký số: CRLs (files or folders of `*.crl`) checked offline; a certificate whose issuer has "
                      "none here is reported \"chưa kiểm tra thu hồi\"",
    "agency_keyfile": "**secret**: the agency's PKCS#12 (certificate and key) for the văn thư's signature (the seal); "
                  "outside the database and readable only by the service account",
    "agency_key_password": "**secret**: password of `TDKT_AGENCY_KEYFILE`",
    "require_digital_signature": "a Quyết định or Tờ trình counts as signed only with a verified digital signature "
                                 "(the click-signing is refused); set `true` in production",
    "prefect_api_url": "the Prefect server the flows, workers, `tdkt serve` and the web app report to; empty = "
                       "an ephemeral server per process (`tdkt check` tries to reach it)",
}
DEFAULTS = {"root": "the checkout", "database_url": "`sqlite:///var/tdkt.db`", "var_dir": "`<root>/var`",
            "upload_dir": "`<var>/uploads`", "ballot_key_dir": "`<var>/ballot-keys`", "prefect_api_url": "ephemeral"}
#: not tdkt settings, but set in a production installation (deploy/tdkt.env.example)
OTHERS = [
    ("PREFECT_API_DATABASE_CONNECTION_URL", "SQLite in `PREFECT_HOME`",
     "the Prefect server's own database: `postgresql+asyncpg://tdkt:pw@127.0.0.1/prefect` in production "
     "(read by `prefect server start` only)"),
    ("PREFECT_HOME", "`~/.prefect`", "Prefect's local files (profiles, the embedded server's SQLite)"),
    ("PREFECT_WORKER_QUERY_SECONDS", "`10`", "how often each worker asks the server for runs: `5` in production, "
     "so a council's route steps (handed to the workers at the close) start within seconds"),
    ("`${VAR}` of the channels file", "—", "**secrets** of the channels, e.g. `ZALO_BOT_TOKEN`, "
     "`TELEGRAM_BOT_TOKEN`, `SMTP_PASS`: in the environment (`/etc/tdkt/tdkt.env`), never in a committed file"),
    ("DO_NOT_TRACK / PREFECT_SERVER_ANALYTICS_ENABLED", "— / `true`", "`1` / `false`: no usage reports from Prefect"),
]


def env_name(name: str, field: Any) -> str:
    alias = field.validation_alias
    return alias if isinstance(alias, str) else f"TDKT_{name.upper()}"


def _default(name: str, field: Any) -> str:
    if name in DEFAULTS:
        return DEFAULTS[name]
    value = field.get_default(call_default_factory=True)
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, time):
        return f"`{value:%H:%M}`"
    if isinstance(value, list):
        return f"`{value}`".replace("'", '"')
    return f"`{value}`"


def rows() -> list[tuple[str, str, str]]:
    """(variable, default, meaning) for every field of Settings, then the other variables."""
    found = [(f"`{env_name(n, f)}`", _default(n, f), MEANINGS.get(n) or f.description or "")
             for n, f in Settings.model_fields.items()]
    return found + [(v if v.startswith("`") else f"`{v}`".replace(" / ", "` / `"), d, m) for v, d, m in OTHERS]


def table() -> str:
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    lines += [f"| {v} | {d} | {m} |" for v, d, m in rows()]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
