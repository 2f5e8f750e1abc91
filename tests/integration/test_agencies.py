"""Several agencies in one installation: the demo's Ban Quản lý and a Sở Khoa học và Công nghệ
imported from its own staff file, each with its units, Văn phòng, council, head, ký hiệu and
numbering; nobody of one sees anything of the other's; the province (Sở Nội vụ, Hội đồng TĐKT
tỉnh, Chủ tịch UBND tỉnh) receives from both, and sees a dossier only once it went up."""

from __future__ import annotations

import io
from dataclasses import replace
from importlib.resources import files

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tdkt.errors import Forbidden, NotFound, WrongState
from tdkt.persistence.models import Case, HumanTask, IssuedDocument, Movement, OutboxMessage, Person, Unit
from tdkt.runtime import Runtime
from tdkt.services.council.closing import close_session
from tdkt.services.council.session import cast_vote, mark_attendance, open_session
from tdkt.services.documents.issuing import issue_decision, render_certificates, sign_decision_document
from tdkt.services.documents.province import issue_province_submission, sign_submission_document
from tdkt.services.movements.launch import launch_movement, open_movements
from tdkt.services.nominations.attachments import attach_document
from tdkt.services.nominations.opening import NewNomination, create_nomination
from tdkt.services.ops.setup import read_movement
from tdkt.services.people.access import require_case_viewer, require_person
from tdkt.services.people.accounts import account, people, reset_password
from tdkt.services.people.organisation import export_staff_file, import_staff_file, set_active
from tdkt.services.people.staff_file import write_staff_file
from tdkt.services.route import province_steps as province_route
from tdkt.services.route import steps as route
from tdkt.views.decision_page import decisions_page
from tdkt.views.filters import filter_choices
from tdkt.views.worklist import TaskFilter, actionable, worklist
from tests.integration.conftest import MOVEMENT, REQUIRED
from tests.integration.probes import CLERK, council_approves, council_session, open_case, through_the_agency
from tests.integration.web_support import Browser
from tests.org_samples import science_department

pytestmark = pytest.mark.both_databases

#: the Sở's own movement: plan 000's rounds and forms in the Sở's words, under a code of its own
SO_MOVEMENT = "so-khcn-tang-truong-2026"
PROVINCE_FORM = "bang_khen_chu_tich_ubnd_tinh"


def _second_agency(rt: Runtime) -> None:
    """The Sở's staff file imported by the installation's administrator; its Văn phòng launches."""
    report = import_staff_file(rt, "quantri", write_staff_file(science_department()))
    assert report.ok, report.problems
    text = files("tdkt.seed").joinpath("movement_000.yaml").read_text(encoding="utf-8")
    code = read_movement(text, "000").code
    plan = read_movement(text.replace(code, SO_MOVEMENT).replace("Trưởng ban", "Giám đốc Sở"), "Sở")
    launch_movement(rt, "ma.thi.lan", plan, announce=True)


def _so_case(rt: Runtime, form: str = "giay_khen_truong_ban", name: str = "Đàm Thị Hương") -> int:
    case_id = create_nomination(rt, "dam.thi.huong", NewNomination(SO_MOVEMENT, name, form))
    for kind in REQUIRED:
        attach_document(rt, "dam.thi.huong", case_id, kind, f"{kind}.pdf", b"%PDF-1.4 " + kind.encode())
    route.submit_dossier(rt, "dam.thi.huong", case_id)
    return case_id


def _sees(rt: Runtime, username: str, case_id: int) -> bool:
    with rt.uow() as uow:
        s = uow.session
        try:
            require_case_viewer(s, require_person(s, username), case_id)
        except NotFound:
            return False
        return True


def _queue(rt: Runtime, username: str) -> set[int]:
    return {t.case_id for t in actionable(rt, username)}


def test_each_agency_sees_and_handles_only_its_own_dossiers(rt: Runtime) -> None:
    _second_agency(rt)
    so_case = _so_case(rt)
    bql_case = open_case(rt, "giay_khen_truong_ban")
    route.submit_dossier(rt, CLERK, bql_case)

    # appraisal waits for each agency's own Văn phòng
    assert so_case in _queue(rt, "ma.thi.lan") and bql_case not in _queue(rt, "ma.thi.lan")
    assert bql_case in _queue(rt, "vp.thamdinh") and so_case not in _queue(rt, "vp.thamdinh")
    assert worklist(rt, "vp.thamdinh", "queue", TaskFilter()).items
    assert {i.case_id for i in worklist(rt, "vp.thamdinh", "queue", TaskFilter()).items}.isdisjoint({so_case})
    # nobody of one agency sees a dossier of the other, whatever his role
    for username in ("vp.thamdinh", "truongban", "hd.thuky", "qldt.canbo", "pho.truongban"):
        assert not _sees(rt, username, so_case), username
    for username in ("ma.thi.lan", "be.thi.thuy", "luc.van.son", "dam.thi.huong"):
        assert not _sees(rt, username, bql_case), username
        assert _sees(rt, username, so_case), username
    # nor can act on it: appraising the other's dossier is refused as if it did not exist
    with pytest.raises((NotFound, Forbidden)):
        route.appraise(rt, "vp.thamdinh", so_case, accept=True)
    # the province sees neither: nothing went up yet
    assert not _sees(rt, "snv.chuyenvien", so_case) and not _sees(rt, "snv.chuyenvien", bql_case)

    # movements: each agency's own list, launch told only its own units, no nomination across
    assert [m.code for m in open_movements(rt, "dam.thi.huong")] == [SO_MOVEMENT]
    assert SO_MOVEMENT not in [m.code for m in open_movements(rt, CLERK)]
    with pytest.raises(NotFound):
        create_nomination(rt, CLERK, NewNomination(SO_MOVEMENT, "Vi Thị Hồng", "giay_khen_truong_ban"))
    with pytest.raises(NotFound):
        create_nomination(rt, "dam.thi.huong", NewNomination(MOVEMENT, "Đàm Thị Hương", "giay_khen_truong_ban"))
    with rt.uow() as uow:
        s = uow.session
        told = set(s.scalars(select(Person.username).join(OutboxMessage, OutboxMessage.person_id == Person.id)
                             .where(OutboxMessage.dedupe_key.like(f"launch:{SO_MOVEMENT}:%"))))
    assert told and told <= {"ma.thi.lan", "luc.van.son", "dam.thi.huong", "hoang.duc.minh", "trieu.thi.mai"}
    assert [n for _, n in filter_choices(rt, "vp.thamdinh").movements if "Giám đốc Sở" in n] == []
    assert all(name != "Phòng Quản lý Khoa học" for _, name in filter_choices(rt, "vp.thamdinh").units)

    # each agency's heading: its own head's title and name
    assert (account(rt, "ma.thi.lan").head_title, account(rt, "ma.thi.lan").agency_name) == (
        "Giám đốc", "Sở Khoa học và Công nghệ tỉnh Cao Bằng")
    assert account(rt, "vp.thamdinh").head_title == "Trưởng ban"

    # each council: its own secretary opens a session on its own agency's dossiers, with its own members
    route.appraise(rt, "ma.thi.lan", so_case, accept=True)
    route.appraise(rt, "vp.thamdinh", bql_case, accept=True)
    with pytest.raises((Forbidden, NotFound)):
        open_session(rt, "hd.thuky", SO_MOVEMENT, 1)
    opened = open_session(rt, "luc.van.son", SO_MOVEMENT, 1)
    assert set(opened.members) == {"be.thi.thuy", "nong.van.hoa", "luc.van.son", "hoang.duc.minh"}
    mark_attendance(rt, "luc.van.son", opened.session_id, opened.members)
    for member in opened.members:
        cast_vote(rt, member, opened.session_id, {so_case: "agree"})
    close_session(rt, "luc.van.son", opened.session_id)
    council_approves(rt, [bql_case])

    # each decision numbered in its own agency's series, signed by its own head
    with pytest.raises(NotFound):
        issue_decision(rt, "vp.thamdinh", [so_case])
    so_decision = issue_decision(rt, "ma.thi.lan", [so_case])
    bql_decision = issue_decision(rt, "vp.thamdinh", [bql_case])
    assert so_decision.reference.endswith("/QĐ-SKHCN") and bql_decision.reference.endswith("/QĐ-BQLKKTCK")
    assert so_decision.reference.split("/")[0] == bql_decision.reference.split("/")[0]  # two series, each from 1
    # the other agency's head cannot sign it, nor see it on his decisions page; nothing changes
    with pytest.raises(NotFound):
        sign_decision_document(rt, "truongban", so_decision.id)
    with rt.uow() as uow:
        assert uow.session.get(IssuedDocument, so_decision.id).status == "issued"  # type: ignore[union-attr]
    page = decisions_page(rt, "truongban")
    assert [d.id for d in page.drafts] == [bql_decision.id] and so_case not in {w.case_id for w in page.waiting}
    assert [d.id for d in decisions_page(rt, "be.thi.thuy").drafts] == [so_decision.id]
    with pytest.raises(NotFound):
        render_certificates(rt, "vp.thamdinh", so_decision.id)
    assert sign_decision_document(rt, "be.thi.thuy", so_decision.id) == [so_case]


def test_the_province_receives_from_both_agencies_and_sees_only_what_went_up(rt: Runtime) -> None:
    _second_agency(rt)
    so_case = _so_case(rt, PROVINCE_FORM)
    bql_case = open_case(rt)
    through_the_agency(rt, bql_case)
    route.appraise(rt, "ma.thi.lan", so_case, accept=True)
    opened = open_session(rt, "luc.van.son", SO_MOVEMENT, 1)
    mark_attendance(rt, "luc.van.son", opened.session_id, opened.members)
    for member in opened.members:
        cast_vote(rt, member, opened.session_id, {so_case: "agree"})
    close_session(rt, "luc.van.son", opened.session_id)
    assert not _sees(rt, "snv.chuyenvien", so_case)

    # each agency's Tờ trình, in its own series, signed by its own head
    so_sub = issue_province_submission(rt, "ma.thi.lan", [so_case])
    bql_sub = issue_province_submission(rt, "vp.thamdinh", [bql_case])
    assert so_sub.reference.endswith("/TTr-SKHCN") and bql_sub.reference.endswith("/TTr-BQLKKTCK")
    sign_submission_document(rt, "be.thi.thuy", so_sub.id)
    sign_submission_document(rt, "truongban", bql_sub.id)

    # the Sở Nội vụ receives both; each agency still sees only its own
    assert {so_case, bql_case} <= _queue(rt, "snv.chuyenvien")
    assert _sees(rt, "snv.chuyenvien", so_case) and _sees(rt, "snv.chuyenvien", bql_case)
    assert not _sees(rt, "vp.thamdinh", so_case) and not _sees(rt, "ma.thi.lan", bql_case)
    for case_id in (so_case, bql_case):
        province_route.province_appraise(rt, "snv.chuyenvien", case_id, accept=True)
    # the Hội đồng TĐKT tỉnh meets on each agency's dossiers; the Chủ tịch UBND tỉnh decides both
    council_session(rt, {so_case: "agree"}, level="province")
    council_session(rt, {bql_case: "agree"}, level="province")
    assert {so_case, bql_case} <= _queue(rt, "chutich.ubndtinh")
    province_route.province_decide(rt, "chutich.ubndtinh", so_case, decision_number="101/QĐ-UBND")
    province_route.province_decide(rt, "chutich.ubndtinh", bql_case, decision_number="102/QĐ-UBND")
    with rt.uow() as uow:
        s = uow.session
        assert {c.status for c in s.scalars(select(Case).where(Case.id.in_([so_case, bql_case])))} == {
            "province_decided"}


def test_the_pages_of_one_agency_show_nothing_of_the_other(rt: Runtime) -> None:
    _second_agency(rt)
    so_case = _so_case(rt, name="Bế Văn Đàm")
    with rt.uow() as uow:
        so_movement = uow.session.scalar(select(Movement.id).where(Movement.code == SO_MOVEMENT))
        task = uow.session.scalar(select(HumanTask.id).where(HumanTask.case_id == so_case,
                                                             HumanTask.state == "ready"))
    office = Browser(rt, "vp.thamdinh")
    for url in (f"/cases/{so_case}", f"/tasks/{task}", f"/movements/{SO_MOVEMENT}",
                f"/dashboard?movement={so_movement}"):
        assert office.get(url).status_code == 404, url
    for url in ("/queue", "/movements", "/decisions", "/dashboard", "/council"):
        page = office.get(url)
        assert page.status_code == 200 and "Bế Văn Đàm" not in page.text and SO_MOVEMENT not in page.text, url
    theirs = Browser(rt, "ma.thi.lan")
    assert "Bế Văn Đàm" in theirs.get("/queue").text
    assert theirs.get(f"/cases/{so_case}").status_code == 200
    assert "Giám đốc" in theirs.get("/decisions").text


def test_a_movement_code_another_agency_uses_is_refused_with_a_clear_message(rt: Runtime) -> None:
    _second_agency(rt)
    text = files("tdkt.seed").joinpath("movement_000.yaml").read_text(encoding="utf-8")
    with pytest.raises(WrongState, match="đã được dùng trong hệ thống; hãy đặt mã khác"):
        launch_movement(rt, "ma.thi.lan", read_movement(text, "000"))


def test_an_agencys_administrator_administers_only_its_people(rt: Runtime) -> None:
    _second_agency(rt)
    with rt.uow() as uow:  # the Sở's administrator holds the role in the Sở (not installation-wide)
        s = uow.session
        admin = s.scalars(select(Person).where(Person.username == "quan.tri")).one()
        so = s.scalars(select(Unit.id).where(Unit.code == "SKHCN")).one()
        admin.roles[0].unit_id = so
        uow.commit()
    listed = {p.username for p in people(rt, "quan.tri")}
    assert "ma.thi.lan" in listed and "vp.thamdinh" not in listed and "snv.chuyenvien" not in listed
    assert "vp.thamdinh" in {p.username for p in people(rt, "quantri")}  # the installation's administrator
    with pytest.raises(NotFound):
        reset_password(rt, "quan.tri", "vp.thamdinh")
    with pytest.raises(NotFound):
        set_active(rt, "quan.tri", "truongban", False)
    assert reset_password(rt, "quan.tri", "ma.thi.lan")
    exported = load_workbook(io.BytesIO(export_staff_file(rt, "quan.tri")))
    codes = {row[0].value for row in exported["Đơn vị"].iter_rows(min_row=2)}
    assert codes == {"SKHCN", "VPS", "QLKH", "TTUD"}
    # a file reaching into the Ban Quản lý is refused, row by row, and changes nothing
    org = science_department()
    org.people[4] = replace(org.people[4], unit="QLDT")
    report = import_staff_file(rt, "quan.tri", write_staff_file(org))
    assert not report.ok and any("ngoài cơ quan mình quản trị" in str(p) for p in report.problems)
    with rt.uow() as uow:
        assert uow.session.scalars(select(Person.unit_id).where(Person.username == "dam.thi.huong")).one() != \
            uow.session.scalars(select(Unit.id).where(Unit.code == "QLDT")).one()
