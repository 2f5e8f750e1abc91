"""Passwords (issue 14): ``12345678`` was accepted and the shared demo password ``tdkt-demo``
was never forced to change. Now a password has at least 12 characters, is none of the common
ones, does not contain the username; demo passwords exist only on a demo installation and are
changed at the first login."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tdkt.config import Settings
from tdkt.errors import InvalidInput, WrongState
from tdkt.persistence.models import Person
from tdkt.runtime import Runtime
from tdkt.services.people.accounts import create_admin, reset_password, set_demo_passwords, set_password
from tdkt.services.people.passwords import MIN_PASSWORD, password_problem
from tests.integration import conftest as integration
from tests.integration.web_support import PASSWORD, Browser

settings, rt = integration.settings, integration.rt  # a seeded (demo) installation per test (fixtures)


@pytest.mark.parametrize(("password", "why"), [
    ("12345678", "ít nhất 12 ký tự"),
    ("tdkt-demo", "ít nhất 12 ký tự"),
    ("123456789012", "chỉ gồm chữ số"),
    ("aaaaaaaaaaaaaaa", "một ký tự lặp lại"),
    ("qwerty123456", "quá phổ biến"),
    ("1qaz2wsx3edc", "quá phổ biến"),
    ("Password2026!", "quá phổ biến"),  # a common word with digits and symbols after it
    ("matkhau123456", "quá phổ biến"),  # the Vietnamese list
    ("anhyeuem2026@", "quá phổ biến"),
    ("qldt.canbo-2026", "chứa tên đăng nhập"),
    ("Mat-khau-QLDT.CANBO", "chứa tên đăng nhập"),
])
def test_weak_passwords_are_refused_with_the_reason(password: str, why: str) -> None:
    problem = password_problem(password, "qldt.canbo")
    assert problem is not None and why in problem


#: the tests' own (web_support, e2e/conftest, test_web_sessions…) and the demo password
@pytest.mark.parametrize("password", [PASSWORD, "mat-khau-e2e-2026", "mat-khau-moi-2026", "chay-thu-tdkt-2026",
                                      "Trăng rằm tháng tám sáng", "mat-khau-quan-tri-2026"])
def test_the_passwords_people_and_tests_use_are_accepted(password: str) -> None:
    assert len(password) >= MIN_PASSWORD and password_problem(password, "qldt.canbo") is None


def test_a_weak_password_is_refused_and_nothing_changes(rt: Runtime) -> None:
    set_password(rt, "qldt.canbo", PASSWORD)
    with pytest.raises(InvalidInput, match="ít nhất 12 ký tự"):
        set_password(rt, "qldt.canbo", "12345678")
    b = Browser(rt)
    b.get("/login")
    assert b.post("/login", {"username": "qldt.canbo", "password": PASSWORD}).status_code == 303
    with pytest.raises(InvalidInput, match="quá phổ biến"):
        create_admin(rt, "quantri2", "Lê Văn Hai", "qwerty123456")


def test_an_admins_temporary_password_follows_the_policy(rt: Runtime) -> None:
    for _ in range(5):
        assert password_problem(reset_password(rt, "quantri", "qldt.canbo"), "qldt.canbo") is None


@pytest.fixture
def real_installation(db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    """``tdkt init`` and ``tdkt admin create``: no sample data."""
    from tdkt.services.ops.setup import initialise

    real = Runtime(Settings(database_url=db_url, var_dir=tmp_path / "var"))
    initialise(real)
    create_admin(real, "quantri", "Nguyễn Văn Quản", "mat-khau-quan-tri-2026")
    yield real
    real.close()


def test_demo_passwords_are_refused_on_a_real_installation(real_installation: Runtime) -> None:
    with pytest.raises(WrongState, match="chỉ dùng cho bản chạy thử"):
        set_demo_passwords(real_installation, "chay-thu-tdkt-2026")


def test_demo_passwords_must_be_changed_at_the_first_login(rt: Runtime) -> None:
    with rt.uow() as uow:
        uow.session.query(Person).filter(Person.username != "quantri").update({"password_hash": None})
        uow.commit()
    with pytest.raises(InvalidInput):
        set_demo_passwords(rt, "tdkt-demo")  # the old one: too short
    assert set_demo_passwords(rt, "chay-thu-tdkt-2026") > 5
    with rt.uow() as uow:
        flags = set(uow.session.scalars(select(Person.must_change_password).where(Person.username != "quantri")))
    assert flags == {True}
    b = Browser(rt)
    b.get("/login")
    r = b.post("/login", {"username": "qldt.canbo", "password": "chay-thu-tdkt-2026", "next": "/inbox"})
    assert (r.status_code, r.headers["location"]) == (303, "/password")
    assert b.get("/inbox").headers["location"] == "/password"
