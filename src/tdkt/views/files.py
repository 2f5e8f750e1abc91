"""A stored file served back (biên bản, bản scan): checked against the hash recorded with it, so
a file changed or lost on disk is never served as the record's."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tdkt.errors import CorruptState

__all__ = ["checked_file"]


def checked_file(path: Path, sha256: str) -> Path:
    if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != sha256:
        raise CorruptState("Tệp đã lưu bị thiếu hoặc đã bị thay đổi; hãy báo quản trị hệ thống.",
                           f"stored file missing or altered at {path}")
    return path
