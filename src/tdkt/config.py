"""Settings, loaded once from the environment (prefix ``TDKT_``) or a ``.env`` file.

No other module reads environment variables: they receive a :class:`Settings`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, time
from functools import lru_cache
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from tdkt.domain.quiet_hours import SendingWindow
from tdkt.domain.reminders import DEFAULT_LADDER, Ladder

__all__ = ["Settings", "get_settings", "secret_environment", "PROJECT_ROOT"]

#: The checkout holding bpmn/, tasks/, notifications/ (the package is installed editable).
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TDKT_", env_file=".env", extra="ignore")

    root: Path = Field(default=PROJECT_ROOT, description="folder holding bpmn/, tasks/, notifications/")
    database_url: str = Field(default="", description="SQLAlchemy URL; empty = SQLite file var/tdkt.db")
    timezone: str = "Asia/Ho_Chi_Minh"
    var_dir: Path | None = None
    upload_dir: Path | None = None
    ballot_key_dir: Path | None = Field(
        default=None,
        description="private keys of open council sessions' sealed ballots, outside the database; "
                    "empty = var/ballot-keys")
    smtp_url: str = Field(
        default="",
        description="apprise mailto base for e-mail reminders, e.g. mailto://127.0.0.1:2525?from=tdkt@localhost",
    )
    channels_file: Path | None = Field(default=None, description="YAML: per-person apprise channels")
    web_base_url: str = "http://127.0.0.1:8000"
    calendar_refresh_seconds: int = Field(
        default=300, ge=0,
        description="how long a process keeps the working calendar's moved days (table calendar_day) before "
                    "reading them again; a change made by the same process applies at once")
    clock_date: date | None = Field(
        default=None,
        description="demo, training: the local calendar day the installation lives on (the time of day is "
                    "the real one), so a sample plan's dossier window is open; empty = today")
    reminder_rungs: list[int] = Field(default=list(DEFAULT_LADDER.before), description="working days before due")
    overdue_every: int = Field(default=DEFAULT_LADDER.overdue_every, ge=1,
                               description="overdue reminder every N working days")
    escalate_after: int = Field(default=DEFAULT_LADDER.escalate_after, ge=1,
                                description="overdue reminders before escalating a level")
    reminder_digest: bool = Field(default=False, description="daily digest by default instead of one message each")
    in_app_messages: bool = Field(default=True, description="keep every reminder for the web inbox too")
    send_from: time = Field(default=time(7, 0), description="quiet hours end (local time)")
    send_until: time = Field(default=time(21, 0), description="quiet hours start (local time)")
    catch_up_days: int = Field(default=10, ge=0, le=31, description="how far back a missed scan catches up")
    outbox_max_attempts: int = Field(default=5, ge=1, description="sends before a message is marked failed")
    outbox_backoff_minutes: int = Field(default=5, ge=1, description="first retry delay; doubles each attempt")
    log_json: bool = Field(default=False, description="logs as one JSON object per line (with case and flow-run ids)")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(default="INFO", description="with log_json")
    secret_key: SecretStr = Field(default=SecretStr(""),
                                  description="signs web session cookies; empty = a random key kept in var/")
    session_minutes: int = Field(default=480, ge=5, le=7 * 24 * 60, description="web session lifetime")
    cookie_secure: bool = Field(default=False, description="session cookie only over HTTPS (set behind TLS)")
    upload_max_mb: int = Field(default=20, ge=1, le=200, description="largest attachment accepted by the web app")
    web_actions: Literal["auto", "direct", "prefect"] = Field(
        default="auto", description="web actions as Prefect flow runs (auto: when PREFECT_API_URL is set)")
    background_runs: Literal["process", "workers"] = Field(
        default="process", description="where the work a web change leaves for later runs (a council's route "
                                       "steps): this process, or the Prefect workers through its deployment")
    signature_trust_roots: list[Path] = Field(
        default_factory=list, description="trusted root certificates for digital signatures: PEM/DER files or "
                                          "folders of them (JSON list)")
    signature_crls: list[Path] = Field(default_factory=list,
                                       description="CRLs checked offline: files or folders of *.crl (JSON list)")
    signature_online_revocation: bool = Field(
        default=True, description="when no configured CRL covers a signer's issuer, ask the OCSP responder or "
                                  "fetch the CRL its certificate names (unreachable: reported as not checked)")
    signature_revocation_timeout: float = Field(default=3.0, gt=0, le=30,
                                                description="seconds for each OCSP/CRL request")
    signature_font: Path | None = Field(default=None, description="TrueType font of the visible signature stamps; "
                                                                  "empty = DejaVu Sans or Liberation Sans")
    agency_keyfile: Path | None = Field(default=None, description="the agency's certificate and key (PKCS#12) that the "
                                                              "văn thư's seal signature uses; outside the database")
    agency_key_password: SecretStr = Field(default=SecretStr(""), description="password of agency_keyfile")
    agency_pkcs11_module: Path | None = Field(
        default=None, description="the agency's key on a PKCS#11 token instead of agency_keyfile: the module "
                                  "(e.g. /usr/lib/softhsm/libsofthsm2.so)")
    agency_pkcs11_token: str = Field(default="", description="label of the token holding the agency's key")
    agency_pkcs11_key: str = Field(default="", description="label of the agency's key (and certificate) on the token")
    agency_pkcs11_cert: str = Field(default="", description="label of its certificate when not the key's label")
    agency_pkcs11_pin: SecretStr = Field(default=SecretStr(""), description="the token's user PIN")
    agency_pkcs11_pin_file: Path | None = Field(default=None, description="a file holding the PIN (first line), "
                                                                           "instead of agency_pkcs11_pin")
    certificate_blank_size_mm: tuple[float, float] = Field(
        default=(297.0, 210.0),
        description="Giấy khen printed on the pre-printed phôi: the sheet (width, height) in mm")
    certificate_blank_layout: dict[str, dict[str, float | str | bool]] = Field(
        default_factory=dict,
        description="changes to where each field of the phôi is printed (mm from the left and top edges), "
                    "e.g. {\"name\": {\"y_mm\": 92}}; see tdkt.domain.certificate_blank")
    certificate_blank_offset_mm: tuple[float, float] = Field(
        default=(0.0, 0.0), description="moves everything printed on the phôi (right, down) in mm: printer calibration")
    tsa_url: str = Field(default="", description="RFC 3161 timestamp authority; empty = no timestamp")
    require_digital_signature: bool = Field(
        default=False, description="a Quyết định or Tờ trình counts as signed only with a valid digital signature")
    prefect_api_url: str = Field(default="", validation_alias="PREFECT_API_URL",
                                 description="Prefect's own variable; tdkt check tries to reach it")
    env: Literal["development", "production"] = Field(
        default="development", description="production: refuse to start unless the installation is safe "
                                           "(tdkt.services.ops.production)")

    @property
    def ladder(self) -> Ladder:
        return Ladder(before=tuple(self.reminder_rungs), overdue_every=self.overdue_every,
                      escalate_after=self.escalate_after)

    @property
    def sending_window(self) -> SendingWindow:
        return SendingWindow(self.send_from, self.send_until)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def var_path(self) -> Path:
        return self.var_dir or self.root / "var"

    @property
    def upload_path(self) -> Path:
        return self.upload_dir or self.var_path / "uploads"

    @property
    def ballot_key_path(self) -> Path:
        """Khóa mở phiếu kín: one private key file per open council session (mode 0600, the folder
        0700), read once at the count and then destroyed. Deliberately outside the database and
        outside ``tdkt backup``, so that neither a copy of the database nor a backup can open a
        sealed ballot; the web app and whoever closes sessions must see the same folder."""
        return self.ballot_key_dir or self.var_path / "ballot-keys"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.var_path / 'tdkt.db'}"

    @property
    def bpmn_dir(self) -> Path:
        return self.root / "bpmn"

    @property
    def tasks_dir(self) -> Path:
        return self.root / "tasks"

    @property
    def notifications_dir(self) -> Path:
        return self.root / "notifications"


def secret_environment() -> Mapping[str, str]:
    """The process environment, where ``${VAR}`` references in the channels file are resolved
    (secrets stay out of committed files and out of the database)."""
    return os.environ


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
