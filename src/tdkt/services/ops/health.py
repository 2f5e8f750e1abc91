"""Is this installation fit to run (kiểm tra hệ thống)? One line per check, ok or not, with
what was found — for ``tdkt check`` now and the web app's health endpoint later.

Each check catches only the errors of what it tries (a refused connection, a bad file);
a check that cannot run because an earlier one failed says so instead of failing twice.
"""

from __future__ import annotations

import smtplib
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from tdkt.config import Settings
from tdkt.errors import TdktError
from tdkt.messages import render_deadline, render_digest, render_notice, render_reminder
from tdkt.persistence.dump import dialect_of
from tdkt.runtime import Runtime
from tdkt.sealing import SealedBallotBox
from tdkt.services.ops.audit_chain import check_head, verify_chain
from tdkt.services.ops.production import production_problems

__all__ = ["Check", "run_checks", "database_checks", "ballot_key_check"]

TIMEOUT = 5.0  # seconds for each network check
SCHEMA = "Phiên bản lược đồ"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def run_checks(load_settings: Callable[[], Settings]) -> list[Check]:
    try:
        settings = load_settings()
        ZoneInfo(settings.timezone)
        settings.var_path.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=settings.var_path).close()
    except (ValidationError, ZoneInfoNotFoundError, ValueError, OSError) as err:
        return [Check("Cấu hình", False, _short(err))]
    checks = [Check("Cấu hình", True, f"{dialect_of(settings.db_url)}, thư mục dữ liệu {settings.var_path}")]
    checks += database_checks(settings)
    if all(c.ok for c in checks):  # not in the public /healthz: one session's key is no reason to stop serving
        checks.append(ballot_key_check(settings))
    rt = Runtime(settings)
    if any(c.name == SCHEMA and c.ok for c in checks):
        checks.append(_audit_chain(rt))
    try:
        rt.check_definitions()
        _ = rt.channels
        checks.append(Check("Mô hình BPMN và định nghĩa công việc", True,
                            f"{len(rt.route.process_ids)} quy trình, {len(rt.tasks)} công việc"))
    except TdktError as err:
        checks.append(Check("Mô hình BPMN và định nghĩa công việc", False, err.message_vi))
    checks.append(_templates(settings))
    if settings.env == "production":
        problems = production_problems(settings)
        checks.append(Check("Chế độ vận hành (production)", not problems, "; ".join(problems) or "an toàn"))
    if settings.prefect_api_url:
        checks.append(_prefect(settings.prefect_api_url))
        if settings.background_runs == "workers" and checks[-1].ok:
            checks.append(_background_deployment(settings.prefect_api_url))
    if settings.smtp_url:
        checks.append(_smtp(settings.smtp_url))
    rt.close()
    return checks


def database_checks(settings: Settings) -> list[Check]:
    from alembic.script import ScriptDirectory

    from tdkt.persistence.migrate import alembic_config

    url = settings.db_url
    path = make_url(url).database
    if dialect_of(url) == "sqlite" and path != ":memory:" and not Path(path or "").is_file():
        return [Check("Cơ sở dữ liệu", False, f"chưa có tệp {path} (chạy tdkt init)")]  # connecting would create it
    args = {"connect_args": {"connect_timeout": int(TIMEOUT)}} if dialect_of(url) == "postgresql" else {}
    engine = create_engine(url, **args)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            checks = [Check("Cơ sở dữ liệu", True, "kết nối được")]
            try:
                current = conn.scalar(text("SELECT version_num FROM alembic_version"))
            except SQLAlchemyError:
                current = None
            head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
            checks.append(Check(SCHEMA, current == head,
                                f"{current or 'chưa có'} / mới nhất {head}" + ("" if current == head
                                                                              else " (chạy tdkt db upgrade)")))
            if current == head:
                flagged = conn.scalar(text("SELECT count(*) FROM \"case\" WHERE flagged"))
                checks.append(Check("Hồ sơ bị gắn cờ lỗi dữ liệu", not flagged,
                                    f"{flagged} hồ sơ cần khôi phục" if flagged else "không có"))
                checks.append(_chain_head(conn))
            return checks
    except SQLAlchemyError as err:
        return [Check("Cơ sở dữ liệu", False, _short(err))]
    finally:
        engine.dispose()


def _chain_head(conn: Connection) -> Check:
    """Cheap enough for /healthz (three indexed reads): the last entry still hashes to the
    recorded head and nothing lies beyond it; the full walk is :func:`_audit_chain`'s."""
    try:
        verdict = check_head(conn)
    except TdktError as err:  # no head row: a database not migrated by us
        return Check("Đầu chuỗi nhật ký kiểm toán", False, err.message_vi)
    if verdict.broken is not None:
        return Check("Đầu chuỗi nhật ký kiểm toán", False, verdict.broken.message_vi + " (chạy tdkt audit verify)")
    return Check("Đầu chuỗi nhật ký kiểm toán", True, f"mục cuối khớp (thứ tự {verdict.head.seq})")


def _audit_chain(rt: Runtime) -> Check:
    """The whole chain walked (``tdkt audit verify``): only in ``tdkt check`` and ``?full=1``,
    it reads every entry (a few seconds per 100,000)."""
    started = time.perf_counter()
    try:
        verdict = verify_chain(rt)
    except (SQLAlchemyError, TdktError) as err:
        return Check("Chuỗi nhật ký kiểm toán", False, _short(err))
    took = time.perf_counter() - started
    if verdict.broken is not None:
        return Check("Chuỗi nhật ký kiểm toán", False, verdict.broken.message_vi)
    return Check("Chuỗi nhật ký kiểm toán", True,
                 f"{verdict.head.seq} mục liền mạch, mã đầu chuỗi {verdict.head.hash} ({took:.1f} giây)")
def ballot_key_check(settings: Settings) -> Check:
    """Every council session still to be counted has its key file; no counted session's key is
    left (with a copy of the database it would open the old sealed rows); only the owner may
    enter the key folder."""
    box, folder = SealedBallotBox(settings.ballot_key_path), settings.ballot_key_path
    present = {p.name for p in folder.glob("session-*.key")} if folder.is_dir() else set()
    engine = create_engine(settings.db_url)
    try:
        with engine.connect() as conn:
            sessions = conn.execute(text("SELECT id, ballot_public_key, ballots_counted_at FROM council_session "
                                         "WHERE ballot_public_key IS NOT NULL ORDER BY id")).all()
    except SQLAlchemyError as err:
        return Check("Khóa phiếu kín", False, _short(err))
    finally:
        engine.dispose()
    missing, spent, waiting = [], [], 0
    for session_id, public_key, counted in sessions:
        held = box.key_file(session_id, bytes.fromhex(public_key)).name in present
        if counted is None:
            waiting += 1
            if not held:
                missing.append(session_id)
        elif held:
            spent.append(session_id)
    problems = []
    if missing:
        problems.append(f"thiếu khóa của phiên họp số {', '.join(map(str, missing))} (không kiểm phiếu được)")
    if spent:
        problems.append(f"còn khóa của phiên họp đã kiểm phiếu số {', '.join(map(str, spent))} "
                        "(kết thúc lại phiên họp để hủy khóa)")
    if folder.is_dir() and folder.stat().st_mode & 0o077:
        problems.append("thư mục khóa (TDKT_BALLOT_KEY_DIR) cho người khác truy cập (chmod 700)")
    if problems:
        return Check("Khóa phiếu kín", False, "; ".join(problems))
    return Check("Khóa phiếu kín", True, f"{waiting} phiên họp chờ kiểm phiếu, đủ khóa")


def _templates(settings: Settings) -> Check:
    folder, base = settings.notifications_dir, settings.web_base_url
    try:
        render_reminder(folder, base, full_name="Nguyễn Văn A", nominee="Trần Thị B", award_form="Giấy khen",
                        movement="Phong trào mẫu", task_title="Thẩm định hồ sơ", task_id=1, due=date(2026, 12, 28),
                        timing=(3, None))
        render_deadline(folder, base, full_name="Nguyễn Văn A", unit_name="Văn phòng", title="Nộp hồ sơ",
                        source="Kế hoạch mẫu", due=date(2026, 12, 28), days_left=3, path="plans/x")
        render_digest(folder, base, full_name="Nguyễn Văn A", day=date(2026, 12, 23),
                      items=[("Thẩm định hồ sơ", date(2026, 12, 28), (3, None), False)])
        render_notice(folder, base, full_name="Nguyễn Văn A", title="Bổ sung hồ sơ", lead="Có việc mới.",
                      path="tasks/1", nominee="Trần Thị B", note_label="Lý do", note="Thiếu biên bản",
                      due=date(2026, 12, 28))
    except TdktError as err:
        return Check("Mẫu thư thông báo", False, err.message_vi)
    return Check("Mẫu thư thông báo", True, f"nhắc hạn, hạn kế hoạch, thư tổng hợp, việc mới ({folder})")


def _prefect(api_url: str) -> Check:
    url = api_url.rstrip("/") + "/health"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            ok = response.status == 200
        return Check("Prefect API", ok, f"{url}: HTTP {response.status}")
    except (urllib.error.URLError, OSError, ValueError) as err:
        return Check("Prefect API", False, f"{url}: {_short(err)}")


#: the deployment the web hands a council's route steps to (TDKT_BACKGROUND_RUNS=workers)
BACKGROUND_DEPLOYMENT = "apply-council-decisions"


def _background_deployment(api_url: str) -> Check:
    """The workers can be handed the route steps: the deployment is registered on the server."""
    name = "Bộ xử lý nền (TDKT_BACKGROUND_RUNS=workers)"
    url = f"{api_url.rstrip('/')}/deployments/name/{BACKGROUND_DEPLOYMENT}/{BACKGROUND_DEPLOYMENT}"
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return Check(name, response.status == 200, f"có deployment {BACKGROUND_DEPLOYMENT}")
    except urllib.error.HTTPError as err:
        if err.code == 404:
            return Check(name, False, f"máy chủ Prefect chưa có deployment {BACKGROUND_DEPLOYMENT} "
                                      "(chạy deploy/prefect-deploy.sh)")
        return Check(name, False, f"{url}: HTTP {err.code}")
    except (urllib.error.URLError, OSError, ValueError) as err:
        return Check(name, False, f"{url}: {_short(err)}")


def _smtp(smtp_url: str) -> Check:
    """The SMTP server of the apprise mailto base answers (no message is sent)."""
    parts = urlsplit(smtp_url)
    secure = parts.scheme == "mailtos"
    try:
        host, port = parts.hostname, parts.port or (465 if secure else 25)
        if not host or parts.scheme not in ("mailto", "mailtos"):
            raise ValueError("cần dạng mailto://máy-chủ:cổng")
        client = (smtplib.SMTP_SSL if secure else smtplib.SMTP)(host, port, timeout=TIMEOUT)
        try:
            code, _ = client.noop()
        finally:
            client.close()
        return Check("Máy chủ thư (SMTP)", code == 250, f"{host}:{port} trả lời {code}")
    except (OSError, smtplib.SMTPException, ValueError) as err:
        return Check("Máy chủ thư (SMTP)", False, f"{parts.hostname or smtp_url}: {_short(err)}")


def _short(err: BaseException) -> str:
    text_ = " ".join(str(err).split())
    return text_[:300] + ("…" if len(text_) > 300 else "")
