"""Sao lưu và khôi phục: the database, the uploaded dossier files (``var/uploads``) and the
generated documents (``var/documents``) in one folder with a manifest (SHA-256 and size of
every file).

Consistent: the database is copied first, as one snapshot; the files after it. Uploads are
stored by content and never rewritten, so every file the snapshot refers to is in the copy —
which the backup checks against the snapshot's own attachment rows before it calls itself
done. A backup is written under ``DEST.partial`` and renamed at the end: a folder named DEST
is always complete. A restore verifies the whole manifest before it changes anything.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select, text

from tdkt.config import Settings
from tdkt.errors import InvalidInput, OperationFailed
from tdkt.persistence.dump import dialect_of, dump_database, restore_database
from tdkt.persistence.migrate import upgrade
from tdkt.persistence.models import Attachment
from tdkt.runtime import Runtime

__all__ = ["backup", "restore", "verify", "file_trees", "MANIFEST"]

MANIFEST = "manifest.json"
FORMAT = 1


def file_trees(settings: Settings) -> dict[str, Path]:
    """The folders a backup holds besides the database, by name in the backup."""
    return {"uploads": settings.upload_path, "documents": settings.var_path / "documents"}


def backup(rt: Runtime, dest: Path) -> dict[str, Any]:
    dest = dest.resolve()
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InvalidInput(f"Thư mục sao lưu {dest} đã có dữ liệu; chọn thư mục mới.", f"{dest} is not empty")
    trees = file_trees(rt.settings)
    if any(dest.is_relative_to(root.resolve()) for root in trees.values()):
        raise InvalidInput("Không đặt bản sao lưu trong thư mục được sao lưu.", f"{dest} is inside a backed-up folder")
    work = dest.with_name(dest.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    db_file, (revision, attachments) = dump_database(rt.settings.db_url, work, _snapshot_facts)
    for name, root in trees.items():
        if root.is_dir():
            shutil.copytree(root, work / "files" / name)
    _check_attachments(work, trees["uploads"], attachments)
    files = {str(p.relative_to(work)): _fingerprint(p) for p in sorted(work.rglob("*")) if p.is_file()}
    manifest = {"format": FORMAT, "created_at": rt.now().isoformat(), "database": {
        "dialect": dialect_of(rt.settings.db_url), "file": db_file, "revision": revision}, "files": files}
    (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    if dest.exists():
        dest.rmdir()
    work.rename(dest)
    return {"path": str(dest), "files": len(files), "bytes": sum(f["size"] for f in files.values()),
            "attachments": len(attachments), "revision": revision}


def verify(src: Path) -> dict[str, Any]:
    """The manifest, once every file it lists is there unchanged and nothing else is."""
    try:
        manifest = json.loads((src / MANIFEST).read_text(encoding="utf-8"))
        listed: dict[str, dict[str, Any]] = manifest["files"]
        if manifest.get("format") != FORMAT or manifest["database"]["file"] not in listed:
            raise ValueError(f"unknown format {manifest.get('format')!r}")
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise InvalidInput(f"{src} không phải bản sao lưu hợp lệ (thiếu hoặc hỏng {MANIFEST}).",
                           f"no valid manifest in {src}: {err}") from err
    problems = []
    present = {str(p.relative_to(src)) for p in src.rglob("*") if p.is_file()} - {MANIFEST}
    for rel, expected in listed.items():
        path = src / rel
        if rel not in present:
            problems.append(f"thiếu {rel}")
        elif _fingerprint(path) != expected:
            problems.append(f"{rel} đã bị thay đổi")
    problems += [f"thừa {rel}" for rel in sorted(present - set(listed))]
    if problems:
        shown = "; ".join(problems[:5]) + (f" … (và {len(problems) - 5} lỗi khác)" if len(problems) > 5 else "")
        raise InvalidInput(f"Bản sao lưu {src} không toàn vẹn: {shown}. Không khôi phục gì.",
                           f"backup {src} fails verification: {problems[:5]}")
    return manifest


def restore(rt: Runtime, src: Path) -> dict[str, Any]:
    """Verify, then replace the database and the folders with the backup's; migrate to head."""
    src = src.resolve()
    if not src.is_dir():
        raise InvalidInput(f"Không có thư mục sao lưu {src}.", f"no backup folder {src}")
    manifest = verify(src)
    if manifest["database"]["dialect"] != dialect_of(rt.settings.db_url):
        raise InvalidInput(
            f"Bản sao lưu là của {manifest['database']['dialect']}, cơ sở dữ liệu hiện tại là "
            f"{dialect_of(rt.settings.db_url)}.", "backup dialect differs from the database's")
    rt.close()  # no pooled connection of ours holds the tables being replaced
    restore_database(rt.settings.db_url, src / manifest["database"]["file"])
    upgrade(rt.settings.db_url)
    for name, root in file_trees(rt.settings).items():
        _replace_tree(src / "files" / name, root)
    return {"files": len(manifest["files"]), "created_at": manifest["created_at"],
            "revision": manifest["database"]["revision"]}


def _snapshot_facts(conn: Connection) -> tuple[str | None, list[tuple[str, str]]]:
    """In the copy's snapshot: the schema revision and every attachment's (path, sha256)."""
    revision = conn.scalar(text("SELECT version_num FROM alembic_version"))
    rows = conn.execute(select(Attachment.stored_path, Attachment.sha256)).all()
    return revision, [(r.stored_path, r.sha256) for r in rows]


def _check_attachments(work: Path, uploads: Path, attachments: list[tuple[str, str]]) -> None:
    missing = []
    for stored, digest in attachments:
        try:
            copy = work / "files" / "uploads" / Path(stored).resolve().relative_to(uploads.resolve())
        except ValueError:
            missing.append(stored)  # stored outside the upload folder: not in this backup
            continue
        if not copy.is_file() or _fingerprint(copy)["sha256"] != digest:
            missing.append(stored)
    if missing:
        raise OperationFailed(
            f"Sao lưu dừng: {len(missing)} tệp đính kèm mà cơ sở dữ liệu ghi nhận không có hoặc đã bị thay đổi "
            f"(ví dụ {missing[0]}).", f"{len(missing)} attachment file(s) missing or changed: {missing[:3]}")


def _fingerprint(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return {"sha256": digest.hexdigest(), "size": path.stat().st_size}


def _replace_tree(source: Path, target: Path) -> None:
    """Copy beside the target, then swap: the target is never half-restored."""
    incoming = target.with_name(target.name + ".restoring")
    previous = target.with_name(target.name + ".replaced")
    for leftover in (incoming, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    if source.is_dir():
        shutil.copytree(source, incoming)
    else:
        incoming.mkdir(parents=True)
    if target.exists():
        target.rename(previous)
    incoming.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
