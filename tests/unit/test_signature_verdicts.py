"""What a signature's facts mean for a person (tdkt.domain.signatures.judge): valid only when
intact, trusted, in force, not revoked and not altered after; each failure named in Vietnamese."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from tdkt.domain.signatures import PROBLEMS, SignatureFacts, judge

GOOD = SignatureFacts(
    field="ChuKyNguoiKy", signer="Nguyễn Quốc Toàn", signer_subject="CN=Nguyễn Quốc Toàn", organization="BQL",
    title="Trưởng ban", issuer="CA trung gian", fingerprint="ab" * 32,
    not_before=datetime(2026, 1, 1, tzinfo=UTC), not_after=datetime(2028, 1, 1, tzinfo=UTC),
    signed_at=datetime(2026, 12, 7, 3, 0, tzinfo=UTC), timestamp=None, intact=True, valid=True, trusted=True,
    trust_problem="", expired=False, revoked=False, revoked_at=None, revocation_source="CRL của CA trung gian",
    coverage="ENTIRE_FILE", modification="NONE", docmdp_ok=True, bottom_line=True, signed_length=1000)


def test_a_good_signature_is_valid_and_says_how_revocation_was_checked() -> None:
    verdict = judge(GOOD)
    assert verdict.ok and verdict.problems == [] and not verdict.changed_after
    assert verdict.revocation == "Đã kiểm tra thu hồi theo CRL của CA trung gian: chưa bị thu hồi."


def test_a_later_signature_or_form_field_leaves_it_valid() -> None:
    assert judge(replace(GOOD, modification="FORM_FILLING", coverage="ENTIRE_REVISION")).ok


@pytest.mark.parametrize(("change", "problem"), [
    ({"intact": False, "bottom_line": False}, PROBLEMS["not_intact"]),
    ({"valid": False, "bottom_line": False}, PROBLEMS["bad_signature"]),
    ({"modification": "OTHER", "docmdp_ok": False, "bottom_line": False}, PROBLEMS["modified"]),
    ({"trusted": False, "bottom_line": False}, "Chứng thư số không dẫn tới chứng thư gốc tin cậy nào đã cấu hình "
                                               "(cơ quan cấp: CA trung gian)."),
    ({"expired": True, "trusted": False, "bottom_line": False}, "Chứng thư số của người ký đã hết hạn (hoặc chưa "
                                                                 "có hiệu lực) tại thời điểm kiểm tra (hiệu lực "
                                                                 "01/01/2026 – 01/01/2028)."),
    ({"revoked": True, "revoked_at": datetime(2026, 12, 6, 20, 27, tzinfo=UTC), "trusted": False,
      "bottom_line": False}, "Chứng thư số của người ký đã bị thu hồi ngày 06/12/2026 20:27 (UTC)."),
])
def test_each_failure_is_named(change: dict[str, object], problem: str) -> None:
    verdict = judge(replace(GOOD, **change))  # type: ignore[arg-type]
    assert not verdict.ok and problem in verdict.problems


def test_no_crl_for_the_issuer_says_revocation_was_not_checked() -> None:
    assert judge(replace(GOOD, revocation_source="")).revocation.startswith("Chưa kiểm tra thu hồi")


def test_a_failure_pyhanko_alone_sees_is_not_passed_as_valid() -> None:
    verdict = judge(replace(GOOD, bottom_line=False, trust_problem="SIG_CONSTRAINTS_FAILURE"))
    assert not verdict.ok and verdict.problems == ["Chữ ký số không đạt kiểm tra (SIG_CONSTRAINTS_FAILURE)."]


def test_a_revoked_intermediate_ca_makes_the_signature_invalid_naming_the_ca() -> None:
    revoked_ca = replace(GOOD, ca_revoked="CA trung gian", ca_revoked_at=datetime(2026, 12, 6, 20, 27, tzinfo=UTC),
                         ca_revocation_source="CRL của Root CA")
    verdict = judge(revoked_ca)
    assert not verdict.ok and verdict.problems == [
        "Chứng thư của tổ chức cấp trung gian «CA trung gian» đã bị thu hồi ngày 06/12/2026 20:27 (UTC) "
        "(theo CRL của Root CA): chuỗi chứng thư của người ký không còn giá trị."]
    untrusted_too = judge(replace(revoked_ca, trusted=False, bottom_line=False))  # pyHanko's REVOKED_CA_NO_POE
    assert untrusted_too.problems == verdict.problems  # not also "no trusted root": the reason is the revocation
