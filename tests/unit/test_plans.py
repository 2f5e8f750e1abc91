"""Movements as data: the seed plans as movement definitions, and ``validate_plan_file`` pointing
at the line of every error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tdkt.config import PROJECT_ROOT
from tdkt.domain.movement import MovementDefinition, last_day_from_wording
from tdkt.errors import DefinitionError
from tdkt.services.movements.plans import SEED_MOVEMENT_FILES, load_seed_movements, read_plan_file, validate_plan_file

SEED = PROJECT_ROOT / "src" / "tdkt" / "seed"
NĐ_152 = "Nghị định số 152/2025/NĐ-CP ngày 14/06/2025"
NĐ_98 = "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023"


@pytest.fixture(scope="module")
def plans() -> dict[str, MovementDefinition]:
    return {m.source.rsplit("/", 1)[-1][:3]: m for m in load_seed_movements()}


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def broken(tmp_path: Path, seed: str, *edits: tuple[str, str]) -> tuple[Path, str]:
    text = (SEED / seed).read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / seed
    path.write_text(text, encoding="utf-8")
    return path, text


def where(path: Path) -> list[tuple[int, str]]:
    return [(e.line, e.field) for e in validate_plan_file(path)]


# --- the shipped plans ---------------------------------------------------------------------

@pytest.mark.parametrize("name", SEED_MOVEMENT_FILES)
def test_each_shipped_plan_validates(name: str) -> None:
    assert validate_plan_file(SEED / name) == []


def test_the_seed_movements_are_plans_000_001_002_004(plans) -> None:
    assert sorted(plans) == ["000", "001", "002", "004"]
    assert len({m.code for m in plans.values()}) == 4


def test_plan_000_accepts_dossiers_at_the_office_from_25_to_28_december_2026(plans) -> None:
    m = plans["000"]
    [round_1] = m.rounds
    assert (m.code, round_1.dossier_opens_on, round_1.dossier_deadline) == (
        "tang-truong-hai-con-so-2026", date(2026, 12, 25), date(2026, 12, 28))
    assert m.submit_to.startswith("Văn phòng")
    assert {c: f.authority for c, f in m.award_forms.items()} == {
        "giay_khen_truong_ban": "agency", "bang_khen_chu_tich_ubnd_tinh": "province"}


def test_plan_000_dossier_is_to_trinh_bien_ban_bao_cao_per_decree_152_2025(plans) -> None:
    m = plans["000"]
    assert m.decree == NĐ_152
    for form in m.award_forms.values():
        docs = {d.kind: d for d in form.required_documents}
        assert list(docs) == ["to_trinh_mau_01", "bien_ban_hop_xet", "bao_cao_thanh_tich_mau_08"]
        assert (docs["to_trinh_mau_01"].template, docs["to_trinh_mau_01"].decree) == ("mẫu số 01 Phụ lục I", NĐ_152)
        assert (docs["bao_cao_thanh_tich_mau_08"].template, docs["bao_cao_thanh_tich_mau_08"].decree) == (
            "mẫu số 08 Phụ lục I", NĐ_152)
    assert [s.kind for s in m.subjects] == ["collective", "individual"]


def test_plan_001_round_1_competes_until_15_august_and_takes_dossiers_before_30_august_2025(plans) -> None:
    r = plans["001"].rounds[0]
    assert (r.competes_from, r.competes_until) == (date(2025, 5, 1), date(2025, 8, 15))
    assert (r.deadline_wording, r.dossier_deadline) == ("trước 30/8/2025", date(2025, 8, 29))


def test_plan_001_round_2_deadline_is_as_written_before_30_october_though_it_competes_to_31(plans) -> None:
    r = plans["001"].rounds[1]
    assert (r.competes_from, r.competes_until) == (date(2025, 8, 15), date(2025, 10, 31))
    assert (r.deadline_wording, r.dossier_deadline) == ("trước ngày 30/10/2025", date(2025, 10, 29))


def test_plan_001_quotas_01_collective_05_to_07_individuals_and_20_percent_of_unit_staff(plans) -> None:
    m = plans["001"]
    [collective] = m.quotas_for("giay_khen_truong_ban", "collective")
    assert (collective.scope, collective.min_count, collective.max_count, collective.per) == (
        "movement_total", 1, 1, "movement")
    by_scope = {q.scope: q for q in m.quotas_for("giay_khen_truong_ban", "individual")}
    assert (by_scope["movement_total"].min_count, by_scope["movement_total"].max_count) == (5, 7)
    share = by_scope["unit_staff_share"]
    assert (share.max_percent, share.per) == (20, "movement")  # one share for both đợt («tổng 2 đợt»)
    assert "không quá 20% cá nhân thuộc phòng, đơn vị" in share.wording
    assert {q.basis for q in m.quotas} == {"Kế hoạch mục IV.2.1 c)"}


def test_plan_001_cites_decree_98_2023_and_asks_for_tom_tat_thanh_tich(plans) -> None:
    m = plans["001"]
    assert m.decree == NĐ_98
    docs = {d.kind: d for d in m.award_forms["giay_khen_truong_ban"].required_documents}
    assert list(docs) == ["bien_ban_hop_xet", "tom_tat_thanh_tich", "bao_cao_thanh_tich_mau_08"]
    assert docs["bao_cao_thanh_tich_mau_08"].decree == NĐ_98
    assert all(d.decree in (None, NĐ_98) for f in m.award_forms.values() for d in f.required_documents)


def test_plan_001_forms_giay_khen_at_agency_and_bang_khen_at_province(plans) -> None:
    forms = plans["001"].award_forms
    assert forms["giay_khen_truong_ban"].authority == forms["giay_khen_dang_uy"].authority == "agency"
    assert forms["giay_khen_dang_uy"].decided_by == "Đảng ủy Ban Quản lý"
    # the issuer: the Party organisation for the Party's awards, the state for the others
    assert {code for code, f in forms.items() if f.issuer == "party"} == {
        "giay_khen_dang_uy", "giay_khen_btv_dang_uy_ubnd_tinh"}
    assert {code for code, f in forms.items() if f.by_party} == {"giay_khen_dang_uy", "giay_khen_btv_dang_uy_ubnd_tinh"}
    stored_before = forms["giay_khen_dang_uy"].model_copy(update={"issuer": "state"})
    assert stored_before.by_party  # a plan stored before the field: read by its name
    from tdkt.views.movement_page import plan_preview

    shown = {f.code: f.decided_by for f in plan_preview(plans["001"]).forms}
    assert shown["giay_khen_dang_uy"].endswith("tổ chức đảng ban hành (thể thức văn bản của Đảng)")
    assert shown["giay_khen_truong_ban"] == "Trưởng ban Ban Quản lý"
    assert forms["bang_khen_chu_tich_ubnd_tinh"].authority == "province"
    assert len(forms["giay_khen_truong_ban"].criteria["collective"]) == 3
    assert {t for s in plans["001"].subjects for t in s.collective_types} == {"chi_bo", "phong", "don_vi"}


def test_plan_002_is_owned_by_the_province_and_proposes_bang_khen_thu_tuong(plans) -> None:
    m = plans["002"]
    assert (m.owner, m.issued_by, m.decree) == ("province", "UBND tỉnh Lạng Sơn", None)
    assert "2437/QĐ-TTg" in m.legal_basis
    assert {c: f.authority for c, f in m.award_forms.items()} == {
        "giay_khen_thu_truong_co_quan": "agency", "bang_khen_chu_tich_ubnd_tinh": "province",
        "bang_khen_thu_tuong": "prime_minister"}
    assert m.starts_on == date(2025, 10, 1)


def test_plan_004_runs_to_the_end_of_2030_with_a_yearly_evaluation(plans) -> None:
    m = plans["004"]
    assert (m.owner, m.ends_on) == ("agency", date(2030, 12, 31))
    # every year is competed in full but the last, which the tổng kết (Quý III/2030) closes at mid-year
    assert [r.competes_until for r in m.rounds] == [*(date(y, 12, 31) for y in range(2026, 2030)), date(2030, 6, 30)]
    assert [(v.kind, v.year, v.quarter, v.rounds) for v in m.reviews] == [("so_ket", 2027, 4, [1, 2]),
                                                                        ("tong_ket", 2030, 3, [1, 2, 3, 4, 5])]
    # the rounds a review reports have closed by its quarter's end
    for v in m.reviews:
        assert all(m.rounds[n - 1].dossier_deadline <= v.last_day for n in v.rounds)
    assert {c: f.authority for c, f in m.award_forms.items()} == {
        "giay_khen_truong_ban": "agency", "bang_khen_chu_tich_ubnd_tinh": "province",
        "khen_thuong_cap_cao": "prime_minister"}
    assert {"trung_tam_qlck", "phong_thuoc_trung_tam"} <= {t for s in m.subjects for t in s.collective_types}


# --- "trước ngày X" ------------------------------------------------------------------------

@pytest.mark.parametrize(("wording", "last_day"), [
    ("trước ngày 30/10/2025", date(2025, 10, 29)),
    ("trước 30/8/2025", date(2025, 8, 29)),
    ("trước ngày 01/01/2026", date(2025, 12, 31)),
    ("từ ngày 25/12/2026 đến hết ngày 28/12/2026", date(2026, 12, 28)),
    ("vào dịp tổng kết năm 2025", None),
])
def test_before_a_day_means_the_day_before_is_the_last(wording: str, last_day: date | None) -> None:
    assert last_day_from_wording(wording) == last_day


def test_a_deadline_that_contradicts_its_wording_is_refused_at_its_line(tmp_path) -> None:
    path, text = broken(tmp_path, "movement_001.yaml", ("dossier_deadline: 2025-10-29", "dossier_deadline: 2025-10-30"))
    [error] = validate_plan_file(path)
    assert (error.line, error.field) == (line_of(text, "2025-10-30"), "rounds[1].dossier_deadline")
    assert "ngày cuối cùng được nhận: 29/10/2025" in error.message


# --- errors at their lines -----------------------------------------------------------------

def test_a_broken_plan_reports_every_error_at_its_line(tmp_path) -> None:
    path, text = broken(
        tmp_path, "movement_001.yaml",
        ("owner: agency\n", "owner: agency\nbudget: 100000000\n"),
        ("competes_until: 2025-08-15", "competes_until: 2025-02-30"),
        ("    dossier_deadline: 2025-10-29", "    dossier_opens_on: 2025-10-30\n    dossier_deadline: 2025-10-29"),
        ("max_percent: 20", "max_percent: 120"),
        ("authority: agency\n    decided_by: Đảng ủy", "authority: ministry\n    decided_by: Đảng ủy"),
    )
    assert where(path) == [
        (line_of(text, "budget:"), "budget"),
        (line_of(text, "authority: ministry"), "award_forms.giay_khen_dang_uy.authority"),
        (line_of(text, "2025-02-30"), "rounds[0].competes_until"),
        (line_of(text, "dossier_deadline: 2025-10-29"), "rounds[1].dossier_deadline"),
        (line_of(text, "max_percent: 120"), "quotas[2].max_percent"),
    ]
    messages = [e.message for e in validate_plan_file(path)]
    assert messages[0].startswith("khóa không được phép") and "ngày không hợp lệ" in messages[2]
    assert "dossier_deadline (hạn nộp hồ sơ) trước dossier_opens_on" in messages[3]


def test_cross_references_are_checked_even_when_another_part_is_wrong(tmp_path) -> None:
    path, text = broken(
        tmp_path, "movement_001.yaml",
        ("competes_until: 2025-08-15", "competes_until: 2025-08-32"),
        ("award_forms: [giay_khen_truong_ban]\n    min_count: 5",
         "award_forms: [giay_khen_truong_ban, giay_khen_giam_doc]\n    min_count: 5"),
    )
    errors = validate_plan_file(path)
    assert [(e.line, e.field) for e in errors] == [(line_of(text, "2025-08-32"), "rounds[0].competes_until"),
                                                   (line_of(text, "giay_khen_giam_doc"), "quotas[1].award_forms[1]")]
    assert "không có hình thức khen thưởng 'giay_khen_giam_doc'" in errors[1].message


def test_a_document_citing_another_decree_than_the_plan_is_refused(tmp_path) -> None:
    path, text = broken(tmp_path, "movement_001.yaml",
                        (f"template: mẫu số 08 Phụ lục I\n        decree: {NĐ_98}",
                         f"template: mẫu số 08 Phụ lục I\n        decree: {NĐ_152}"))
    # the dossier is one YAML anchor shared by the four forms: each reports the anchor's line
    line = line_of(text, f"decree: {NĐ_152}")
    assert where(path) == [(line, f"award_forms.{form}.required_documents[2].decree") for form in (
        "giay_khen_truong_ban", "giay_khen_dang_uy", "bang_khen_chu_tich_ubnd_tinh", "giay_khen_btv_dang_uy_ubnd_tinh")]


def test_a_quota_needs_the_shape_of_its_scope(tmp_path) -> None:
    path, text = broken(tmp_path, "movement_001.yaml",
                        ("min_count: 5\n    max_count: 7", "min_count: 8\n    max_count: 7"),
                        ("    max_percent: 20\n", "    max_percent: 20\n    max_count: 3\n"))
    assert where(path) == [(line_of(text, "min_count: 8"), "quotas[1].min_count"),
                           (line_of(text, "max_count: 3"), "quotas[2].max_count")]


def test_a_missing_key_points_at_its_parent(tmp_path) -> None:
    path, text = broken(tmp_path, "movement_000.yaml", ("    authority: province\n", ""))
    assert where(path) == [(line_of(text, "bang_khen_chu_tich_ubnd_tinh:"),
                            "award_forms.bang_khen_chu_tich_ubnd_tinh.authority")]


def test_a_repeated_key_is_reported_instead_of_silently_kept(tmp_path) -> None:
    path, text = broken(tmp_path, "movement_000.yaml", ("starts_on: 2026-12-15\n", "starts_on: 2026-12-14\n"),
                        ("ends_on: 2026-12-31\n", "ends_on: 2026-12-31\nstarts_on: 2026-12-15\n"))
    assert where(path) == [(line_of(text, "starts_on: 2026-12-15"), "starts_on")]


def test_a_yaml_syntax_error_is_reported_at_its_line(tmp_path) -> None:
    path, text = broken(tmp_path, "movement_001.yaml", ("    collective_types: [chi_bo, phong, don_vi]",
                                                          "    collective_types: [chi_bo, phong, don_vi"))
    [error] = validate_plan_file(path)
    assert error.line == line_of(text, "collective_types: [chi_bo") + 1
    assert error.message.startswith("lỗi cú pháp YAML")


def test_an_unreadable_or_empty_file_is_an_error_of_the_whole_file(tmp_path) -> None:
    (tmp_path / "empty.yaml").write_text("# nothing\n", encoding="utf-8")
    [empty] = validate_plan_file(tmp_path / "empty.yaml")
    assert str(empty) == f"{tmp_path / 'empty.yaml'}: tệp rỗng (empty file)"
    [missing] = validate_plan_file(tmp_path / "missing.yaml")
    assert missing.line == 0 and "không đọc được tệp" in missing.message


def test_reading_a_broken_plan_raises_one_definition_error_listing_every_line(tmp_path) -> None:
    path, text = broken(tmp_path, "movement_000.yaml", ("owner: agency", "owner: ministry"), ("code: ", "kode: "))
    with pytest.raises(DefinitionError) as err:
        read_plan_file(path)
    assert f"{path}:{line_of(text, 'owner: ministry')}: owner" in err.value.message_vi
    assert f"{path}:{line_of(text, 'kode:')}: kode" in err.value.message_vi
    assert read_plan_file(SEED / "movement_000.yaml").code == "tang-truong-hai-con-so-2026"


def test_the_council_takes_plan_001s_numbers_when_the_secretary_gives_none():
    from tdkt.services.council.closing import plan_quotas
    from tdkt.services.movements.plans import load_seed_movements

    plan = next(m for m in load_seed_movements() if m.code == "thi-dua-dac-biet-dai-hoi-dang-2025")
    quotas = plan_quotas(plan.model_dump(mode="json"), "agency")
    assert (quotas["collective"].max_total, quotas["individual"].min_total, quotas["individual"].max_total) == (1, 5, 7)
    assert "IV.2.1" in quotas["individual"].basis
    assert plan_quotas(plan.model_dump(mode="json"), "province") == {}


def test_the_agencys_own_giay_khen_has_one_name_in_every_plan_it_issues(plans) -> None:
    """The Trưởng ban's Giấy khen is one award: plan 004 writes "Giấy khen của Trưởng Ban Quản lý",
    the others "Giấy khen của Trưởng ban"; the documents print one name, the form's."""
    names = {code: m.award_forms["giay_khen_truong_ban"].name for code, m in plans.items()
             if m.owner == "agency" and "giay_khen_truong_ban" in m.award_forms}
    assert sorted(names) == ["000", "001", "004"]
    assert set(names.values()) == {"Giấy khen của Trưởng ban"}
