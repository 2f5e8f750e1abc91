"""Installation data (the agency's thể thức, its councils) is read from the database, never
from the samples inside the package; an installation made before it moved there is filled
from those samples once, by its migration."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from tdkt.errors import InvalidInput
from tdkt.persistence.migrate import upgrade
from tdkt.persistence.models import CouncilBody, Unit
from tdkt.services.council.levels import council_bodies, council_level
from tdkt.services.documents.content.common import council_issuer, issuer

# Both databases: a migration that fills rows.
pytestmark = pytest.mark.both_databases


def test_documents_and_sessions_follow_the_agency_and_council_as_stored(rt) -> None:
    with rt.uow() as uow:
        s = uow.session
        agency = s.scalars(select(Unit).where(Unit.is_agency)).one()
        agency.place, agency.abbreviation, agency.parent_name = "Cao Bằng", "BQLKT", "UBND tỉnh Cao Bằng"
        body = s.scalars(select(CouncilBody).where(CouncilBody.level == "province")).one()
        body.config = {**body.config, "name": "Hội đồng Thi đua – Khen thưởng tỉnh Cao Bằng"}
        uow.commit()
    with rt.uow() as uow:
        s = uow.session
        made = issuer(s, agency.id)
        assert made == type(made)("BQL", agency.name, "UBND tỉnh Cao Bằng", "Cao Bằng", "BQLKT", made.charter)
        assert made.charter is not None and made.charter.number == "12/2024/QĐ-UBND"  # as stored
        assert council_level(s, "province", None).name == "Hội đồng Thi đua – Khen thưởng tỉnh Cao Bằng"
        assert council_issuer(s, "province", agency.id).name == "Hội đồng Thi đua - Khen thưởng tỉnh Cao Bằng"
        assert council_issuer(s, "province", agency.id).place == "Cao Bằng"


def test_a_level_the_installation_has_not_is_a_clear_error(rt) -> None:
    with rt.uow() as uow:
        s = uow.session
        s.query(CouncilBody).filter(CouncilBody.level == "province").delete()
        uow.commit()
    with rt.uow() as uow:
        assert [b.level for b in council_bodies(uow.session)] == ["agency"]
        with pytest.raises(InvalidInput, match="Không có Hội đồng cấp 'province' của cơ quan này \\(có: agency\\)"):
            council_level(uow.session, "province", None)


def test_without_an_agency_documents_say_so(rt) -> None:
    with rt.uow() as uow:
        uow.session.query(Unit).update({Unit.is_agency: False})
        uow.commit()
    with rt.uow() as uow, pytest.raises(InvalidInput, match="Chưa có cơ quan ban hành"):
        issuer(uow.session, uow.session.scalars(select(Unit.id).where(Unit.code == "BQL")).one())


def test_an_installation_made_from_the_samples_before_is_filled_once_by_its_migration(db_url: str) -> None:
    upgrade(db_url, "0004")
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO unit (code, name, staff_count) VALUES "
                          "('BQL', 'Ban Quản lý Khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn', 0), "
                          "('QLDT', 'Phòng Quản lý Đầu tư', 9)"))
    upgrade(db_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT code, is_agency, parent_name, place, abbreviation FROM unit ORDER BY code"))
        assert [tuple(r) for r in rows] == [("BQL", True, "UBND tỉnh Lạng Sơn", "Lạng Sơn", "BQLKKTCK"),
                                            ("QLDT", False, "", "", "")]
        assert [r[0] for r in conn.execute(text("SELECT level FROM council_body ORDER BY id"))] == \
            ["agency", "province"]
    engine.dispose()


def test_an_empty_installation_gets_no_sample_data_from_the_migration(db_url: str) -> None:
    upgrade(db_url)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM council_body")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM unit")).scalar() == 0
    engine.dispose()


def test_councils_stored_before_their_chair_was_configured_get_the_samples_chair(db_url: str) -> None:
    """Migration 0010: the chair who confirms a paper meeting's result — the head of the agency for
    its council, the Chủ tịch UBND tỉnh for the province's; a downgrade takes it out again."""
    import json

    from alembic import command

    from tdkt.persistence.migrate import alembic_config

    upgrade(db_url, "0009")
    engine = create_engine(db_url)
    old = {"agency": {"name": "Hội đồng Ban", "unit": "BQL", "secretary_role": "council_secretary",
                      "member_roles": ["council_member"], "decide_task": "council_decide",
                      "rules": {"quorum_basis": "Quy chế", "approval_basis": "Quy chế"}},
           "province": {"name": "Hội đồng tỉnh", "unit": "SNV", "secretary_role": "province_council_secretary",
                        "member_roles": ["council_member"], "decide_task": "province_council_decide",
                        "rules": {"quorum_basis": "Quy chế", "approval_basis": "Quy chế"}}}
    with engine.begin() as conn:
        for level, config in old.items():
            conn.execute(text("INSERT INTO council_body (level, config) VALUES (:l, :c)"),
                         {"l": level, "c": json.dumps(config, ensure_ascii=False)})
    upgrade(db_url)
    with engine.connect() as conn:
        configs = {lv: c if isinstance(c, dict) else json.loads(c)
                   for lv, c in conn.execute(text("SELECT level, config FROM council_body"))}
    assert (configs["agency"]["chair_role"], configs["agency"]["chair_unit"]) == ("truong_ban", "BQL")
    assert (configs["province"]["chair_role"], configs["province"]["chair_unit"]) == ("chu_tich_ubnd_tinh", None)
    with Session(engine) as s:  # the stored configuration still reads as a council level
        assert council_level(s, "province", None).chair_role == "chu_tich_ubnd_tinh"
    command.downgrade(alembic_config(db_url), "0009")
    with engine.connect() as conn:
        configs = {lv: c if isinstance(c, dict) else json.loads(c)
                   for lv, c in conn.execute(text("SELECT level, config FROM council_body"))}
    assert configs == old
    engine.dispose()


def test_init_with_a_broken_model_leaves_the_database_untouched(db_url: str, tmp_path) -> None:
    import shutil

    from tdkt.config import PROJECT_ROOT, Settings
    from tdkt.errors import DefinitionError
    from tdkt.runtime import Runtime
    from tdkt.services.ops.setup import initialise_demo

    root = tmp_path / "model"
    shutil.copytree(PROJECT_ROOT / "bpmn", root / "bpmn")
    for folder in ("tasks", "notifications"):
        (root / folder).symlink_to(PROJECT_ROOT / folder)
    (root / "bpmn" / "nomination.bpmn").write_text("<definitions", encoding="utf-8")  # not XML
    rt = Runtime(Settings(root=root, database_url=db_url, var_dir=tmp_path / "var"))
    with pytest.raises(DefinitionError):
        initialise_demo(rt)
    rt.close()
    engine = create_engine(db_url)
    with engine.connect() as conn:
        tables = conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table'" if db_url.startswith("sqlite")
            else "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).all()
    engine.dispose()
    assert tables == []
