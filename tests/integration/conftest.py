"""A migrated, seeded database per test, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tdkt.config import Settings
from tdkt.runtime import Runtime
from tdkt.services.attachments import attach_document
from tdkt.services.nominations import NewNomination, create_nomination
from tdkt.services.setup import initialise

MOVEMENT = "tang-truong-hai-con-so-2026"
REQUIRED = ("to_trinh_mau_01", "bien_ban_hop_xet", "bao_cao_thanh_tich_mau_08")


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=db_url, var_dir=tmp_path / "var")


@pytest.fixture
def rt(settings: Settings) -> Iterator[Runtime]:
    runtime = Runtime(settings)
    initialise(runtime)
    yield runtime
    runtime.close()


def new_case(rt: Runtime, clerk: str = "qldt.canbo", nominee: str = "Vi Thị Hồng", attach: bool = True) -> int:
    case_id = create_nomination(rt, clerk, NewNomination(MOVEMENT, nominee, "giay_khen_truong_ban"))
    if attach:
        for kind in REQUIRED:
            attach_document(rt, clerk, case_id, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
    return case_id
