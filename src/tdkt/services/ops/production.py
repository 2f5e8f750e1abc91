"""Production mode (``TDKT_ENV=production``): the web app, the workers and ``tdkt check`` refuse
an installation that is not safe to run for real — a session key that is empty, short or the
example's, cookies sent without ``Secure`` or a site not served over https, data that other
users of the machine can read — and the key file is made atomically, readable by its owner only.

A trial (``development``, the default) only warns: the demo runs on a laptop without TLS.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
from pathlib import Path

from sqlalchemy.engine import make_url

from tdkt.config import Settings
from tdkt.errors import DefinitionError

__all__ = ["production_problems", "require_production_ready", "session_key", "private_files", "MIN_KEY"]

log = logging.getLogger(__name__)
#: characters of a session key at least (token_urlsafe(48) gives 64)
MIN_KEY = 32
#: what example files and tutorials put in a key: never a real one
_EXAMPLE_WORDS = ("change", "example", "secret", "password", "mat-khau", "tdkt", "xxxx", "1234")


def private_files() -> None:
    """What this process creates (uploads, the SQLite file, documents, keys) is not readable by
    other users of the machine: group may read (a backup operator), others nothing."""
    os.umask(0o027)


def _key_problem(key: str) -> str | None:
    if not key:
        return "trống"
    if len(key) < MIN_KEY:
        return f"ngắn hơn {MIN_KEY} ký tự"
    if any(word in key.casefold() for word in _EXAMPLE_WORDS) or len(set(key)) < 10:
        return "là giá trị mẫu hoặc dễ đoán"
    return None


def session_key(settings: Settings) -> str:
    """The configured key, else one kept in ``var/web-secret.key``: written to a private temporary
    file, synced, then linked into place — two processes starting together both end with the
    same key, and a crash never leaves an empty file (an empty or short one left by an older
    version is replaced)."""
    configured = settings.secret_key.get_secret_value()
    if configured:
        return configured
    path: Path = settings.var_path / "web-secret.key"
    existed = path.exists()
    current = path.read_text(encoding="ascii", errors="replace").strip() if existed else ""
    if _key_problem(current) is None:
        return current
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    key = secrets.token_urlsafe(48)
    while _key_problem(key):  # a random key that happens to spell an example word: draw again
        key = secrets.token_urlsafe(48)
    try:
        os.write(fd, key.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        if existed:  # unusable (empty, short): replaced, never read
            log.warning("session key file %s unusable: replaced", path)
            os.replace(partial, path)
        else:
            os.link(partial, path)  # fails if another process linked its key first: theirs wins
    except FileExistsError:
        pass
    finally:
        partial.unlink(missing_ok=True)
    return path.read_text(encoding="ascii").strip()


def _readable_by_others(path: Path) -> bool:
    return path.exists() and bool(path.stat().st_mode & (stat.S_IROTH | stat.S_IWOTH | stat.S_IXOTH))


def production_problems(settings: Settings) -> list[str]:
    """Why this installation may not run in production (Vietnamese, one line each); empty: it may."""
    problems = []
    configured = settings.secret_key.get_secret_value()
    key_file = settings.var_path / "web-secret.key"
    if configured:
        problem = _key_problem(configured)
        if problem:
            problems.append(f"khóa phiên TDKT_SECRET_KEY {problem}: đặt một chuỗi ngẫu nhiên từ {MIN_KEY} ký tự "
                            "(ví dụ: python -c 'import secrets; print(secrets.token_urlsafe(48))')")
    elif key_file.exists():
        problem = _key_problem(key_file.read_text(encoding="ascii", errors="replace").strip())
        if problem:
            problems.append(f"tệp khóa phiên {key_file} {problem}: xóa tệp để tạo lại")
        elif key_file.stat().st_mode & 0o077:
            problems.append(f"tệp khóa phiên {key_file} cho người khác đọc: chmod 600")
    if not settings.cookie_secure:
        problems.append("cookie phiên không có Secure: đặt TDKT_COOKIE_SECURE=true (trang chạy sau HTTPS)")
    if not settings.web_base_url.startswith("https://"):
        problems.append(f"địa chỉ trang web {settings.web_base_url} không phải https:// (TDKT_WEB_BASE_URL)")
    folders = [settings.var_path, settings.upload_path, settings.ballot_key_path]
    url = make_url(settings.db_url)
    if url.get_backend_name() == "sqlite" and url.database:
        folders.append(Path(url.database))
    for path in dict.fromkeys(folders):
        if _readable_by_others(path):
            problems.append(f"{path} cho mọi người dùng của máy truy cập: chmod o-rwx")
    demo = settings.var_path / "demo-pki"
    for path in [*settings.signature_trust_roots, *([settings.agency_keyfile] if settings.agency_keyfile else [])]:
        if path.resolve().is_relative_to(demo.resolve()):
            problems.append(f"{path} thuộc hạ tầng khóa công khai CHẠY THỬ ({demo}): cấu hình chứng thư số thật")
    return problems


def require_production_ready(settings: Settings) -> None:
    """Start-up of the web app and the workers: in production mode, every problem refuses."""
    if settings.env != "production":
        return
    problems = production_problems(settings)
    if problems:
        log.error("production mode refused: %s", "; ".join(problems))
        raise DefinitionError("Chế độ vận hành (TDKT_ENV=production) chưa an toàn: " + "; ".join(problems) + ".",
                              f"production mode refused: {problems}")
