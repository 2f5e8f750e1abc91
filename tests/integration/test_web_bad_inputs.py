"""The web part of the bad-input corpus (issue 8.5): each input gets a clear refusal — a 4xx
status, a Vietnamese message, no traceback — and changes nothing (row counts, versions, task
states and stored files are the same before and after). One installation serves the corpus:
since no input may change anything, each meets the same state."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from sqlalchemy import select

from tdkt.persistence.models import AuditEntry, Case
from tests.integration import web_cases
from tests.integration.web_cases import Site, assert_vietnamese_refusal, snapshot
from tests.integration.web_support import Browser

M = "tang-truong-hai-con-so-2026|giay_khen_truong_ban"
NAME = "Nguyễn Thị Hương Giang"  # an existing nominee (NFC)
PDF = {"file": ("to-trinh.pdf", b"%PDF-1.4 ok", "application/pdf")}

site = web_cases.site  # the installation these tests share (a fixture)


def nom(**changes: str) -> dict[str, str]:
    form = {"movement": M, "round": "1", "nominee_kind": "individual", "nominee_name": "Lục Văn Thử",
            "achievements": "Hoàn thành xuất sắc"}
    return {**form, **changes}


MINUTES = {"minutes": ("bien-ban.pdf", b"%PDF-1.4 bien ban", "application/pdf")}
SCAN = {"scan": ("quyet-dinh.pdf", b"%PDF-1.4 quyet dinh", "application/pdf")}


def paper(**changes: str) -> dict[str, Any]:
    form = {"round_key": "agency|tang-truong-hai-con-so-2026|1", "held_on": "2026-01-05", "agree_{c}": "5",
            "present": ["truongban", "hd.thuky", "qldt.truongphong", "pho.truongban", "qlqh.truongphong"]}
    return {**form, **changes}


def register(**changes: str) -> dict[str, Any]:
    form = {"kind": "quyet_dinh", "reference": "15/QĐ-BQLKKTCK", "signed_on": "2026-01-05", "case": ["{d}"]}
    return {**form, **changes}


def appraisal(**changes: str) -> dict[str, str]:
    return {"appraisal_outcome": "reject", "reason": "Thiếu biên bản", "version": "{va}", **changes}


# label: (persona, method, url, form, files) — {a}/{ta}: dossier at appraisal and its task;
# {tb}: a dossier's submission task; {c}/{tc}: a dossier at the council and its task; {d}/{td}: one at the
# signature and its task; {va}: the version of dossier a
CORPUS: dict[str, tuple[str, str, str, dict[str, Any] | None, Any]] = {
    "task id not an integer": ("clerk", "GET", "/tasks/abc", None, None),
    "case id not an integer": ("clerk", "GET", "/cases/mot", None, None),
    "attachment id a fraction": ("clerk", "GET", "/attachments/1.5", None, None),
    "unknown task": ("clerk", "GET", "/tasks/987654", None, None),
    "unknown case": ("clerk", "GET", "/cases/987654/task", None, None),
    "unknown attachment": ("clerk", "GET", "/attachments/987654", None, None),
    "task id beyond any integer": ("clerk", "GET", "/tasks/99999999999999999999", None, None),
    "case id beyond 32 bits": ("appraiser", "GET", "/cases/2147483648/task", None, None),
    "movement filter not a number": ("clerk", "GET", "/inbox?movement=abc", None, None),
    "negative page": ("clerk", "GET", "/inbox?page=-1", None, None),
    "page zero": ("clerk", "GET", "/queue?page=0", None, None),
    "page beyond any integer": ("clerk", "GET", "/archive?page=99999999999999999999", None, None),
    "round filter in scientific notation": ("clerk", "GET", "/inbox?round=1e3", None, None),
    "negative unit filter": ("clerk", "GET", "/queue?unit=-4", None, None),
    "overdue filter not a yes/no": ("clerk", "GET", "/inbox?overdue=co-le", None, None),
    "unknown outcome": ("appraiser", "POST", "/tasks/{ta}", appraisal(appraisal_outcome="co_le"), None),
    "rejection without reason": ("appraiser", "POST", "/tasks/{ta}", appraisal(reason=""), None),
    "impossible date": ("appraiser", "POST", "/tasks/{ta}",
                        appraisal(appraisal_outcome="supplement", supplement_due="2026-02-30"), None),
    "date in words": ("appraiser", "POST", "/tasks/{ta}",
                      appraisal(appraisal_outcome="supplement", supplement_due="ngày mai"), None),
    "control characters in reason": ("appraiser", "POST", "/tasks/{ta}", appraisal(reason="Thiếu\x07\x1b[31m"),
                                     None),
    "NUL in reason": ("appraiser", "POST", "/tasks/{ta}", appraisal(reason="Thiếu\x00"), None),
    "reason far too long": ("appraiser", "POST", "/tasks/{ta}", appraisal(reason="dài " * 1500), None),
    "version not a number": ("appraiser", "POST", "/tasks/{ta}", appraisal(version="v2"), None),
    "action id too long": ("appraiser", "POST", "/tasks/{ta}", {**appraisal(), "action_id": "x" * 65}, None),
    "injected fields without the required one": ("appraiser", "POST", "/tasks/{ta}",
                                                 {"status": "awarded", "to_status": "awarded", "case_id": "1",
                                                  "assignee_id": "1", "version": "{va}"}, None),
    "a council result typed into its task": ("secretary", "POST", "/tasks/{tc}",
                                             {"council_approved": "true", "votes_for": "5", "votes_total": "6"}, None),
    "a decision number typed into its task": ("truongban", "POST", "/tasks/{td}", {"decision_number": "15/QĐ-BQLKKTCK"},
                                              None),
    "paper votes in words": ("secretary", "POST", "/council/paper", paper(**{"agree_{c}": "năm"}), MINUTES),
    "negative paper votes": ("secretary", "POST", "/council/paper", paper(**{"agree_{c}": "-3"}), MINUTES),
    "paper meeting on an impossible day": ("secretary", "POST", "/council/paper", paper(held_on="2026-02-30"),
                                           MINUTES),
    "paper meeting of an unknown round": ("secretary", "POST", "/council/paper",
                                          paper(round_key="agency|khong-co|1"), MINUTES),
    "paper meeting without minutes": ("secretary", "POST", "/council/paper", paper(), None),
    "paper minutes that are a web page": ("secretary", "POST", "/council/paper", paper(),
                                          {"minutes": ("bien-ban.pdf", b"<script>x</script>", "application/pdf")}),
    "paper meeting confirmed by its secretary": ("secretary", "POST", "/council/paper/987654/confirm", {}, None),
    "register a number of another agency": ("appraiser", "POST", "/decisions/register",
                                            register(reference="999/QĐ-GIẢ"), SCAN),
    "register a kind nobody signs": ("appraiser", "POST", "/decisions/register", register(kind="giay_khen"), SCAN),
    "register with a date in words": ("appraiser", "POST", "/decisions/register", register(signed_on="hôm qua"),
                                      SCAN),
    "register a case id in words": ("appraiser", "POST", "/decisions/register", register(case="một"), SCAN),
    "register without scan": ("appraiser", "POST", "/decisions/register", register(), None),
    "approve an unknown registration": ("truongban", "POST", "/decisions/register/987654/approve", {}, None),
    "note in another encoding": ("clerk", "POST", "/tasks/{tb}", {"note": "Ghi ch\ufffd"}, None),
    "empty nominee name": ("clerk", "POST", "/nominations", nom(nominee_name="   "), None),
    "unknown nominee kind": ("clerk", "POST", "/nominations", nom(nominee_kind="robot"), None),
    "unknown movement": ("clerk", "POST", "/nominations", nom(movement="khong-co-phong-trao|giay_khen"), None),
    "unknown award form": ("clerk", "POST", "/nominations", nom(movement="tang-truong-hai-con-so-2026|huan_chuong"),
                           None),
    "round not a number": ("clerk", "POST", "/nominations", nom(round="một"), None),
    "negative round": ("clerk", "POST", "/nominations", nom(round="-1"), None),
    "round beyond any integer": ("clerk", "POST", "/nominations", nom(round="99999999999999999999"), None),
    "nominee name too long": ("clerk", "POST", "/nominations", nom(nominee_name="Nguyễn " * 50), None),
    "achievements too long": ("clerk", "POST", "/nominations", nom(achievements="thành tích " * 500), None),
    "NUL in nominee name": ("clerk", "POST", "/nominations", nom(nominee_name="Nguyễn\x00Văn"), None),
    "escape sequence in nominee name": ("clerk", "POST", "/nominations", nom(nominee_name="Nguyễn\x1b[2J"), None),
    "decomposed duplicate of a nominee": ("clerk", "POST", "/nominations",
                                          nom(nominee_name=unicodedata.normalize("NFD", NAME)), None),
    "empty comment": ("clerk", "POST", "/tasks/{tb}/comments", {"body": "  "}, None),
    "comment too long": ("clerk", "POST", "/tasks/{tb}/comments", {"body": "ý " * 1500}, None),
    "upload without a file": ("clerk", "POST", "/tasks/{tb}/attachments", {"kind": "to_trinh_mau_01"}, None),
    "upload of an unknown kind": ("clerk", "POST", "/tasks/{tb}/attachments", {"kind": "giay_to_la"}, PDF),
    "claim with a version in words": ("appraiser", "POST", "/tasks/{ta}/claim", {"version": "hai"}, None),
    "release of a task not claimed": ("appraiser", "POST", "/tasks/{ta}/release", {}, None),
    "bulk without dossiers": ("appraiser", "POST", "/bulk/appraise", {"confirm": "yes"}, None),
    "bulk item malformed": ("appraiser", "POST", "/bulk/appraise", {"task": "abc:def", "confirm": "yes"}, None),
    "bulk item beyond any integer": ("appraiser", "POST", "/bulk/appraise",
                                     {"task": ["{a}:{va}", "99999999999999999999:1"], "confirm": "yes"}, None),
    "huge form": ("clerk", "POST", "/nominations", {f"f{i}": "x" for i in range(600)}, None),
    "unsupported method": ("clerk", "DELETE", "/tasks/{tb}", None, None),
    "login with control characters": ("anon", "POST", "/login", {"username": "quantri\x00", "password": "x"}, None),
    "dashboard of a movement in words": ("appraiser", "GET", "/dashboard?movement=abc", None, None),
}


@pytest.fixture(scope="module")
def ids(site: Site) -> dict[str, Any]:
    a, ta = site.case_at("appraise")
    _, tb = site.case_at("submit", nominee=NAME)
    c, tc = site.case_at("council")
    d, td = site.case_at("sign")
    with site.rt.uow() as uow:
        va = uow.session.get(Case, a).version
    return {"a": a, "ta": ta, "tb": tb, "c": c, "tc": tc, "d": d, "td": td, "va": va}


def _fill(value: Any, ids: dict[str, Any]) -> Any:
    if isinstance(value, list):
        return [_fill(v, ids) for v in value]
    return value.format(**ids) if isinstance(value, str) and "{" in value else value


def _form(form: dict[str, Any] | None, ids: dict[str, Any]) -> dict[str, Any]:
    """Keys may name a dossier too (``agree_{c}``)."""
    return {_fill(k, ids): _fill(v, ids) for k, v in (form or {}).items()}


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("label", list(CORPUS))
def test_bad_input_is_refused_and_changes_nothing(site: Site, ids: dict[str, Any], label: str) -> None:
    who, method, url, form, files = CORPUS[label]
    if who == "anon":
        b = Browser(site.rt, app=site.app)
        b.get("/login")
    else:
        b = site.as_(who)
        b.get("/inbox")  # this session's token
    before = snapshot(site.rt)
    url = _fill(url, ids)
    if method == "GET":
        r = b.get(url)
    elif method == "POST":
        r = b.post(url, _form(form, ids), files=files)
    else:
        r = b.client.request(method, url)
    assert_vietnamese_refusal(r, (400, 401, 403, 404, 405, 409, 422, 429))
    assert snapshot(site.rt) == before, label


def test_unknown_fields_are_ignored_by_a_valid_submission(site: Site) -> None:
    """Extra fields (status, case, assignee…) never reach the case: only the task's own fields count."""
    case_id, task_id = site.case_at("submit")
    b = site.as_("clerk")
    b.get(f"/tasks/{task_id}")
    r = b.post(f"/tasks/{task_id}", {"note": "Nộp", "status": "awarded", "to_status": "awarded", "case_id": "1",
                                     "unit_id": "1", "award_form": "bang_khen_thu_tuong", "action_id": "inject-1"})
    assert r.status_code == 303
    with site.rt.uow() as uow:
        case = uow.session.get(Case, case_id)
        assert (case.status, case.award_form) == ("appraise_dossier", "giay_khen_truong_ban")
        detail = uow.session.scalar(select(AuditEntry.detail).where(AuditEntry.action_id == "inject-1"))
    assert set(detail) <= {"note"}
