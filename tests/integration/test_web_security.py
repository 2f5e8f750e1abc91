"""Security of the web app (issue 7, "Done means"): another unit's dossier is invisible (404, as
for an unknown one), uploads are limited in size and checked by content, text is escaped on
every page that shows it, a form sent twice applies once, two tabs meet a clear conflict, and
attachments are always downloaded, never shown inline."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from tdkt.persistence.models import Attachment, AuditEntry, Case
from tests.integration import web_cases
from tests.integration.web_cases import Site, assert_vietnamese_refusal, snapshot
from tests.integration.web_support import Browser

site = web_cases.site  # the installation these tests share (a fixture)


def _field(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, name
    return found.group(1)


def _first_attachment(site: Site, case_id: int) -> int:
    with site.rt.uow() as uow:
        return uow.session.scalar(select(func.min(Attachment.id)).where(Attachment.case_id == case_id))


def _number_free(text: str) -> str:
    return re.sub(r"\d+", "N", re.search(r'<p class="error" role="alert">(.*?)</p>', text, re.S).group(1))


@pytest.mark.parametrize("url", ["/cases/{case}", "/tasks/{task}", "/attachments/{att}", "/cases/{case}/task"])
def test_another_units_dossier_is_not_found(site: Site, url: str) -> None:
    case_id, task_id = site.case_at("submit")
    ids = {"case": case_id, "task": task_id, "att": _first_attachment(site, case_id)}
    b = site.as_("other_clerk")
    hidden, unknown = b.get(url.format(**ids)), b.get(url.format(case=987654, task=987654, att=987654))
    assert hidden.status_code == unknown.status_code == 404
    assert _number_free(hidden.text) == _number_free(unknown.text)  # the same answer: no existence leak
    assert "Vi Thị Hồng" not in hidden.text and "Người được đề nghị" not in hidden.text


@pytest.mark.parametrize("post", ["/tasks/{task}", "/tasks/{task}/comments", "/tasks/{task}/attachments",
                                  "/tasks/{task}/claim", "/tasks/{task}/release"])
def test_another_units_task_refuses_forms_as_unknown(site: Site, post: str) -> None:
    _, task_id = site.case_at("submit")
    b = site.as_("other_clerk")
    b.get("/inbox")
    before = snapshot(site.rt)
    r = b.post(post.format(task=task_id), {"note": "x", "body": "x", "kind": "to_trinh_mau_01"},
               files={"file": ("a.pdf", b"%PDF-1.4 a", "application/pdf")} if "attach" in post else None)
    assert r.status_code == 404 and "Không có công việc số" in r.text
    assert snapshot(site.rt) == before


def _upload(site: Site, task_id: int, name: str, content: bytes, kind: str = "to_trinh_mau_01"):  # type: ignore[no-untyped-def]
    b = site.as_("clerk")
    b.get(f"/tasks/{task_id}")
    return b.post(f"/tasks/{task_id}/attachments", {"kind": kind}, files={"file": (name, content, "application/pdf")})


@pytest.mark.parametrize(("name", "content", "status", "message"), [
    ("qua-lon.pdf", b"%PDF-1.4 " + b"0" * (1024 * 1024 + 10), 422, "lớn hơn 1 MB"),
    ("rat-lon.pdf", b"%PDF-1.4 " + b"0" * (3 * 1024 * 1024), 413, "quá lớn"),
    ("virus.exe", b"MZ\x90\x00\x03", 422, "không đúng định dạng"),
    ("trang.pdf", b"<html><script>alert(1)</script></html>", 422, "không đúng định dạng của nó"),
    ("anh.png", b"%PDF-1.4 not a png", 422, "không đúng định dạng của nó"),
    ("trang.html", b"%PDF-1.4 html name", 422, "không đúng định dạng"),
    ("anh.svg", b"<svg onload=alert(1)>", 422, "không đúng định dạng"),
    ("rong.pdf", b"", 422, "Tệp rỗng"),
    ("a" * 300 + ".pdf", b"%PDF-1.4 long name", 422, "dài quá 255 ký tự"),
    ("to\x1b[2Jtrinh.pdf", b"%PDF-1.4 escape", 422, "chứa ký tự điều khiển"),
    ("\u202egnp.pdf", b"%PDF-1.4 spoof", 422, "đảo chiều"),
], ids=["over the limit", "far over the limit", "exe", "html named pdf", "pdf named png", "html", "svg", "empty",
        "name too long", "control characters in the name", "right-to-left override in the name"])
def test_bad_uploads_are_refused_and_store_nothing(site: Site, name: str, content: bytes, status: int,
                                                  message: str) -> None:
    _, task_id = site.case_at("submit")
    before = snapshot(site.rt)
    r = _upload(site, task_id, name, content)
    assert r.status_code == status and message in r.text, (r.status_code, r.text[-800:])
    assert_vietnamese_refusal(r)
    assert snapshot(site.rt) == before


@pytest.mark.parametrize("sent", ["../../static/evil.pdf", "C:\\fakepath\\evil.pdf"])
def test_upload_keeps_only_the_base_name_and_stores_outside_the_web_root(site: Site, sent: str) -> None:
    case_id, task_id = site.case_at("submit")
    r = _upload(site, task_id, sent, b"%PDF-1.4 path " + sent.encode())
    assert r.status_code == 303
    with site.rt.uow() as uow:
        name, stored = uow.session.execute(select(Attachment.filename, Attachment.stored_path)
                                           .where(Attachment.case_id == case_id).order_by(Attachment.id.desc())).first()
    assert name == "evil.pdf"
    assert stored.startswith(str(site.rt.settings.upload_path)) and "static" not in stored


PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;"


def test_script_in_text_fields_is_escaped_on_every_page(site: Site) -> None:
    clerk = site.as_("clerk")
    clerk.get("/nominations/new")
    r = clerk.post("/nominations", {"movement": "tang-truong-hai-con-so-2026|giay_khen_truong_ban", "round": "1",
                                    "nominee_kind": "individual", "nominee_name": f"Tên {PAYLOAD}",
                                    "achievements": f"Thành tích {PAYLOAD}"})
    assert r.status_code == 303, r.text[-500:]
    case_id = int(re.search(r"/cases/(\d+)/", r.headers["location"]).group(1))
    task_id = int(clerk.get(f"/cases/{case_id}/task").headers["location"].rsplit("/", 1)[1])
    for kind in ("to_trinh_mau_01", "bien_ban_hop_xet", "bao_cao_thanh_tich_mau_08"):
        assert _upload(site, task_id, f"{kind}<img src=x onerror=alert(1)>.pdf", b"%PDF-1.4 x", kind).status_code == 303
    clerk.get(f"/tasks/{task_id}")
    assert clerk.post(f"/tasks/{task_id}/comments", {"body": f"Ý kiến {PAYLOAD}"}).status_code == 303
    assert clerk.post(f"/tasks/{task_id}", {"note": f"Ghi chú {PAYLOAD}", "action_id": "xss-submit"}).status_code == 303
    appraiser = site.as_("appraiser")
    appraise_task = _task_of(site, case_id)
    page = appraiser.get(f"/tasks/{appraise_task}")
    r = appraiser.post(f"/tasks/{appraise_task}", {"appraisal_outcome": "supplement", "reason": f"Lý do {PAYLOAD}",
                                                   "version": _field(page.text, "version"),
                                                   "action_id": _field(page.text, "action_id")})
    assert r.status_code == 303, r.text[-500:]
    pages = {"inbox": clerk.get("/inbox"), "queue": clerk.get("/queue"), "task": clerk.get(f"/tasks/{task_id}"),
             "case": clerk.get(f"/cases/{case_id}"), "archive": appraiser.get("/archive"),
             "appraiser's task": appraiser.get(f"/tasks/{appraise_task}"), "dashboard": appraiser.get("/dashboard"),
             "supplement": clerk.get(f"/tasks/{_task_of(site, case_id)}")}
    for name, p in pages.items():
        assert p.status_code == 200, name
        assert "<script>alert" not in p.text and "<img src=x" not in p.text, name
    # the supplement waits in the submitting clerk's inbox
    assert ESCAPED in pages["task"].text and "Tên &lt;script&gt;" in pages["inbox"].text
    assert "Thành tích &lt;script&gt;" in pages["task"].text and "Ý kiến &lt;script&gt;" in pages["task"].text
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in pages["task"].text  # the file's name


def _task_of(site: Site, case_id: int) -> int:
    from tests.integration.web_cases import ready_task

    task = ready_task(site.rt, case_id)
    assert task is not None
    return task


def _audit_count(site: Site, case_id: int) -> int:
    with site.rt.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.case_id == case_id))


def test_the_same_form_sent_twice_applies_once(site: Site) -> None:
    case_id, task_id = site.case_at("submit")
    b = site.as_("clerk")
    page = b.get(f"/tasks/{task_id}")
    form = {"note": "Nộp một lần", "action_id": _field(page.text, "action_id"), "version": _field(page.text, "version")}
    first = b.post(f"/tasks/{task_id}", form)
    audit_after_first, snap = _audit_count(site, case_id), snapshot(site.rt)
    second = b.post(f"/tasks/{task_id}", form)
    assert first.status_code == second.status_code == 303
    assert second.headers["location"] == first.headers["location"]
    assert _audit_count(site, case_id) == audit_after_first and snapshot(site.rt) == snap


def test_two_tabs_the_second_meets_a_conflict(site: Site) -> None:
    case_id, task_id = site.case_at("appraise")
    b = site.as_("appraiser")
    tab1, tab2 = b.get(f"/tasks/{task_id}").text, b.get(f"/tasks/{task_id}").text
    fill = {"appraisal_outcome": "reject", "reason": "Không đạt"}
    r1 = b.post(f"/tasks/{task_id}", {**fill, "action_id": _field(tab1, "action_id"),
                                      "version": _field(tab1, "version")})
    assert r1.status_code == 303
    before = snapshot(site.rt)
    r2 = b.post(f"/tasks/{task_id}", {**fill, "appraisal_outcome": "supplement",
                                      "action_id": _field(tab2, "action_id"), "version": _field(tab2, "version")})
    assert r2.status_code == 409 and "tải lại trang" in r2.text
    assert_vietnamese_refusal(r2)
    assert snapshot(site.rt) == before


def test_a_stale_version_is_a_conflict(site: Site) -> None:
    case_id, task_id = site.case_at("appraise")
    b = site.as_("appraiser")
    page = b.get(f"/tasks/{task_id}").text
    before = snapshot(site.rt)
    r = b.post(f"/tasks/{task_id}", {"appraisal_outcome": "reject", "reason": "x", "action_id": "stale-1",
                                     "version": str(int(_field(page, "version")) - 1)})
    assert r.status_code == 409 and "Hồ sơ đã thay đổi từ lúc anh/chị mở" in r.text
    assert snapshot(site.rt) == before


def test_download_is_an_attachment_never_inline(site: Site) -> None:
    case_id, _ = site.case_at("submit")
    att = _first_attachment(site, case_id)
    for who in ("clerk", "appraiser"):
        r = site.as_(who).get(f"/attachments/{att}")
        assert r.status_code == 200 and r.content.startswith(b"%PDF-")
        assert r.headers["content-disposition"].startswith("attachment;")
        assert r.headers["content-type"] == "application/pdf" and r.headers["x-content-type-options"] == "nosniff"


def test_version_in_database_is_what_the_form_carries(site: Site) -> None:
    """The task page's hidden version is the case's (what the optimistic lock compares)."""
    case_id, task_id = site.case_at("appraise")
    with site.rt.uow() as uow:
        version = uow.session.get(Case, case_id).version
    assert _field(site.as_("appraiser").get(f"/tasks/{task_id}").text, "version") == str(version)


def test_anonymous_download_goes_to_login(site: Site) -> None:
    case_id, _ = site.case_at("submit")
    r = Browser(site.rt, app=site.app).get(f"/attachments/{_first_attachment(site, case_id)}")
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_the_flash_after_an_action_names_the_new_state_in_vietnamese(site: Site) -> None:
    _, task_id = site.case_at("submit")
    b = site.as_("clerk")
    b.get(f"/tasks/{task_id}")
    assert b.post(f"/tasks/{task_id}", {"note": "Nộp"}).status_code == 303
    assert "Đã «Nộp hồ sơ đề nghị khen thưởng» hồ sơ số" in (inbox := b.get("/inbox").text)
    assert "Chờ Văn phòng thẩm định" in inbox and ": appraise_dossier" not in inbox


@pytest.mark.parametrize("url", ["/static/../app.py", "/static/..%2f..%2fapp.py", "/static/%2e%2e/routes/auth.py"])
def test_static_files_stay_in_their_folder(site: Site, url: str) -> None:
    r = site.as_("clerk").get(url)
    assert r.status_code == 404 and "create_app" not in r.text


def test_a_vietnamese_file_name_is_downloaded_under_its_name(site: Site) -> None:
    _, task_id = site.case_at("submit")
    assert _upload(site, task_id, "Tờ trình số 1.pdf", b"%PDF-1.4 vn").status_code == 303
    page = site.as_("clerk").get(f"/tasks/{task_id}").text
    att = max(int(x) for x in re.findall(r'href="/attachments/(\d+)"', page))
    r = site.as_("clerk").get(f"/attachments/{att}")
    assert r.status_code == 200 and r.content == b"%PDF-1.4 vn"
    assert r.headers["content-disposition"].startswith("attachment;")
    assert "filename*=utf-8''T%E1%BB%9D%20tr%C3%ACnh%20s%E1%BB%91%201.pdf" in r.headers["content-disposition"]


def test_health_is_public_but_the_full_report_is_for_administrators(site: Site) -> None:
    anonymous = Browser(site.rt, app=site.app)
    r = anonymous.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok"
    assert str(site.rt.settings.var_path) not in r.text  # no paths for anyone
    for b in (anonymous, site.as_("appraiser")):
        refused = b.get("/healthz?full=1")
        assert refused.status_code == 403 and "checks" not in refused.json()
    full = site.as_("admin").get("/healthz?full=1")
    assert full.status_code in (200, 503) and len(full.json()["checks"]) > len(r.json()["checks"])
