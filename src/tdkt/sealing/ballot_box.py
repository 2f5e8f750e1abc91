"""The ballot box of a council session (hòm phiếu kín), behind a small interface.

When a session opens, :meth:`BallotBox.new_key` makes its keypair: the public key goes into the
database, the private key into one file of the key folder (mode 0600, the folder 0700), written
and flushed to disk before the session's transaction commits. A vote is sealed to the public key
(:meth:`~BallotBox.seal`: anyone can seal, nobody without the private key can open — not the
voter, not the database). At the count the private key is read once (:meth:`~BallotBox.opener`)
and, once the opened ballots are committed, destroyed (:meth:`~BallotBox.destroy_key`), so old
sealed rows left in the WAL, dead tuples or a backup can never be opened again.

A key file is named by its session and the start of its public key, so a stale file (a session
whose opening was rolled back, a restored database reusing an id) is never taken for another
session's key; the opener also checks the key against the public key stored with the session.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from tdkt.errors import CorruptState, OperationFailed

__all__ = ["BallotBox", "SealedBallotBox"]

log = logging.getLogger(__name__)


class BallotBox(Protocol):
    """What the council services need from a ballot box."""

    def new_key(self, session_id: int) -> bytes:
        """Make the session's keypair, keep the private key outside the database; the public key."""

    def seal(self, public_key: bytes, plaintext: bytes) -> bytes:
        """A sealed box only the session's private key opens."""

    def opener(self, session_id: int, public_key: bytes) -> Callable[[bytes], bytes]:
        """Read the session's private key: a function opening its sealed boxes."""

    def destroy_key(self, session_id: int, public_key: bytes) -> bool:
        """Destroy the session's private key; whether there was one."""


class SealedBallotBox:
    """libsodium sealed boxes (X25519 + XSalsa20-Poly1305) with key files in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key_file(self, session_id: int, public_key: bytes) -> Path:
        return self.folder / f"session-{session_id}-{public_key.hex()[:16]}.key"

    def _private_folder(self) -> None:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)

    def _sync_folder(self) -> None:
        fd = os.open(self.folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def new_key(self, session_id: int) -> bytes:
        key = PrivateKey.generate()
        public = bytes(key.public_key)
        self._private_folder()
        path = self.key_file(session_id, public)
        partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
        try:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, bytes(key).hex().encode("ascii") + b"\n")
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(partial, path)
            self._sync_folder()
        except OSError as err:
            partial.unlink(missing_ok=True)
            raise OperationFailed(
                f"Không lưu được khóa mở phiếu kín của phiên họp vào thư mục khóa ({err.strerror}); "
                "chưa mở phiên họp. Kiểm tra thư mục TDKT_BALLOT_KEY_DIR.",
                f"cannot write ballot key {path}: {err}") from err
        return public

    def seal(self, public_key: bytes, plaintext: bytes) -> bytes:
        return bytes(SealedBox(PublicKey(public_key)).encrypt(plaintext))

    def opener(self, session_id: int, public_key: bytes) -> Callable[[bytes], bytes]:
        path = self.key_file(session_id, public_key)
        try:
            key = PrivateKey(bytes.fromhex(path.read_text(encoding="ascii").strip()))
        except FileNotFoundError as err:
            raise OperationFailed(
                f"Không thể kiểm phiếu phiên họp số {session_id}: thiếu tệp khóa mở phiếu kín ({path.name}) "
                "trong thư mục khóa. Phiếu kín chỉ mở được bằng khóa này, vốn không lưu trong cơ sở dữ liệu; "
                "hãy khôi phục tệp khóa rồi kết thúc lại phiên họp. Chưa có gì thay đổi.",
                f"ballot key of session {session_id} missing: {path}") from err
        except (OSError, ValueError) as err:
            raise OperationFailed(
                f"Không đọc được tệp khóa mở phiếu kín của phiên họp số {session_id} ({path.name}). "
                "Chưa có gì thay đổi.", f"ballot key of session {session_id} unreadable: {path}: {err}") from err
        if bytes(key.public_key) != public_key:
            raise OperationFailed(
                f"Tệp khóa {path.name} không phải khóa của phiên họp số {session_id}. Chưa có gì thay đổi.",
                f"ballot key {path} does not match the public key of session {session_id}")
        box = SealedBox(key)

        def open_box(sealed: bytes) -> bytes:
            try:
                return bytes(box.decrypt(sealed))
            except CryptoError as err:
                raise CorruptState(
                    f"Hòm phiếu của phiên họp số {session_id} có phiếu không mở được bằng khóa của phiên "
                    "(phiếu bị sửa hoặc không thuộc phiên họp này). Chưa có gì thay đổi.",
                    f"a sealed ballot of session {session_id} does not open: {err}") from err

        return open_box

    def destroy_key(self, session_id: int, public_key: bytes) -> bool:
        """Overwrite, flush, unlink, flush the folder. Best effort against the disk itself
        (journals, SSD remapping and snapshots may keep old blocks): see the README."""
        path = self.key_file(session_id, public_key)
        try:
            fd = os.open(path, os.O_WRONLY)
        except FileNotFoundError:
            return False
        try:
            os.write(fd, secrets.token_bytes(max(os.fstat(fd).st_size, 1)))
            os.fsync(fd)
        finally:
            os.close(fd)
        path.unlink()
        self._sync_folder()
        log.info("ballot key of council session %s destroyed", session_id)
        return True
