"""What a nomination declares for the women's priority at the council's quota line (khoản 6
Điều 4 NĐ 152/2025/NĐ-CP) — an individual's gender, a collective's number of members and of
women — through the service, the web form and the command line; what cannot be true is refused
with a Vietnamese message and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from tdkt import cli
from tdkt.config import Settings, get_settings
from tdkt.errors import InvalidInput
from tdkt.persistence.models import AuditEntry, Case
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tests.integration.conftest import MOVEMENT
from tests.integration.web_support import Browser

FORM = "giay_khen_truong_ban"


def _counts(rt) -> tuple[int, int]:
    with rt.uow() as uow:
        s = uow.session
        return (s.scalar(select(func.count()).select_from(Case)),
                s.scalar(select(func.count()).select_from(AuditEntry)))


def _profile(rt, case_id: int) -> tuple[str | None, int | None, int | None]:
    with rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        return case.nominee_gender, case.collective_staff, case.collective_women


@pytest.mark.parametrize(("fields", "message"), [
    ({"nominee_kind": "collective", "collective_staff": 9, "collective_women": 12},
     "số nữ (12) không được lớn hơn tổng số người của tập thể (9)"),
    ({"nominee_kind": "collective", "collective_staff": 9}, "cần khai cả tổng số người và số nữ"),
    ({"nominee_kind": "collective", "nominee_gender": "female"}, "giới tính chỉ khai cho cá nhân"),
    ({"nominee_gender": "female", "collective_staff": 9, "collective_women": 5}, "chỉ khai cho tập thể"),
    ({"nominee_gender": "khác"}, "Giới tính 'khác' không hợp lệ"),
])
def test_a_profile_that_cannot_be_true_is_refused_and_changes_nothing(rt, fields, message):
    before = _counts(rt)
    with pytest.raises(InvalidInput) as err:
        create_nomination(rt, "qldt.canbo", NewNomination(MOVEMENT, "Phòng Quản lý Đầu tư", FORM, **fields))
    assert message in err.value.message_vi and err.value.message_vi.startswith("Thông tin về giới tính không hợp lệ")
    assert _counts(rt) == before


def test_the_web_form_asks_for_the_profile_and_stores_it(rt):
    clerk = Browser(rt, "qldt.canbo")
    page = clerk.get("/nominations/new")
    assert 'name="nominee_gender"' in page.text and 'name="collective_women"' in page.text
    assert "khoản 6 Điều 4 Nghị định số 152/2025/NĐ-CP" in page.text
    base = {"movement": f"{MOVEMENT}|{FORM}", "round": "1"}
    woman = clerk.post("/nominations", {**base, "nominee_kind": "individual", "nominee_name": "Vi Thị Hồng",
                                        "nominee_gender": "female"})
    assert woman.status_code == 303, woman.text[-500:]
    clerk.get("/nominations/new")
    team = clerk.post("/nominations", {**base, "nominee_kind": "collective", "nominee_name": "Phòng Quản lý Đầu tư",
                                       "nominee_gender": "", "collective_staff": "9", "collective_women": "7"})
    assert team.status_code == 303, team.text[-500:]
    ids = [int(r.headers["location"].split("/")[2]) for r in (woman, team)]
    assert [_profile(rt, c) for c in ids] == [("female", None, None), (None, 9, 7)]
    case_page = clerk.get(f"/cases/{ids[1]}")
    assert case_page.status_code == 200
    assert "tập thể có 7/9 người là nữ, tỷ lệ 77,8% đạt mức từ 70% trở lên" in case_page.text


@pytest.mark.parametrize(("fields", "message"), [
    ({"collective_staff": "9", "collective_women": "12"}, "không được lớn hơn tổng số người"),
    ({"collective_staff": "chín", "collective_women": "7"}, "Tổng số người của tập thể phải là số"),
    ({"collective_staff": "9", "collective_women": "-1"}, "số nữ của tập thể không được âm"),
    ({"nominee_gender": "female"}, "giới tính chỉ khai cho cá nhân"),
])
def test_the_web_form_refuses_a_wrong_profile_and_keeps_what_was_typed(rt, fields, message):
    clerk = Browser(rt, "qldt.canbo")
    clerk.get("/nominations/new")
    before = _counts(rt)
    r = clerk.post("/nominations", {"movement": f"{MOVEMENT}|{FORM}", "round": "1", "nominee_kind": "collective",
                                    "nominee_name": "Phòng Quản lý Đầu tư", **fields})
    assert r.status_code == 422 and message in r.text
    assert 'value="Phòng Quản lý Đầu tư"' in r.text  # the form comes back as typed
    assert _counts(rt) == before


@pytest.fixture
def cli_on(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    """The command line on this test's seeded database."""
    monkeypatch.setenv("TDKT_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("TDKT_VAR_DIR", str(settings.var_dir))
    get_settings.cache_clear()
    for console in (cli.console, cli.err_console):
        monkeypatch.setattr(console, "width", 200)
    yield CliRunner()
    get_settings.cache_clear()


def test_the_command_line_nominates_with_the_profile(rt, cli_on):
    ok = cli_on.invoke(cli.app, ["nominate", MOVEMENT, "--user", "ttqlck.canbo", "--name", "Hoàng Thị Mai",
                                 "--form", FORM, "--gender", "nu"])
    assert ok.exit_code == 0, ok.output
    case_id = int(ok.output.split("hồ sơ số ")[1].split()[0])
    assert _profile(rt, case_id) == ("female", None, None)
    team = cli_on.invoke(cli.app, ["nominate", MOVEMENT, "--user", "ttqlck.canbo", "--kind", "collective",
                                   "--name", "Trung tâm Quản lý cửa khẩu", "--form", FORM, "--staff", "25",
                                   "--women", "18"])
    assert team.exit_code == 0, team.output
    assert _profile(rt, int(team.output.split("hồ sơ số ")[1].split()[0])) == (None, 25, 18)

    before = _counts(rt)
    bad = cli_on.invoke(cli.app, ["nominate", MOVEMENT, "--user", "ttqlck.canbo", "--kind", "collective",
                                  "--name", "Trung tâm Quản lý cửa khẩu", "--form", FORM, "--staff", "25",
                                  "--women", "26"])
    assert bad.exit_code == 2 and "số nữ (26) không được lớn hơn tổng số người của tập thể (25)" in bad.output
    assert _counts(rt) == before
