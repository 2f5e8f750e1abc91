"""What a digital signature on a PDF says (kiểm tra chữ ký số), as plain facts read by the
adapter (:mod:`tdkt.pdfsign`), and what they mean for a person, in Vietnamese: one verdict per
signature, each problem named — the file changed after signing, a later update altering the
content, an expired or revoked certificate, a revoked intermediate CA, a chain to no trusted root,
a revocation not checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["SignatureFacts", "Verdict", "judge", "PROBLEMS"]

#: modification levels (pyHanko's ModificationLevel names) that leave a signed document as signed:
#: a later signature, its form field and timestamp/validation updates
SAFE_MODIFICATIONS = frozenset({"NONE", "LTA_UPDATES", "FORM_FILLING"})

PROBLEMS = {
    "not_intact": "Nội dung tệp đã bị thay đổi sau khi ký (mã băm không khớp): chữ ký không còn giá trị.",
    "bad_signature": "Chữ ký số không hợp lệ về mật mã.",
    "modified": "Tệp đã bị sửa đổi nội dung sau khi ký (một lần cập nhật sau chữ ký thay đổi văn bản).",
    "expired": "Chứng thư số của người ký đã hết hạn (hoặc chưa có hiệu lực) tại thời điểm kiểm tra.",
    "revoked": "Chứng thư số của người ký đã bị thu hồi.",
    "untrusted": "Chứng thư số không dẫn tới chứng thư gốc tin cậy nào đã cấu hình.",
}


@dataclass(frozen=True)
class SignatureFacts:
    field: str
    signer: str  # common name
    signer_subject: str
    organization: str
    title: str
    issuer: str
    fingerprint: str  # SHA-256 of the signer's certificate
    not_before: datetime
    not_after: datetime
    signed_at: datetime | None  # the time the signer's software claims
    timestamp: datetime | None  # an RFC 3161 timestamp's time, when there is one
    intact: bool
    valid: bool
    trusted: bool
    trust_problem: str  # AdES subindication, "" when trusted
    expired: bool
    revoked: bool
    revoked_at: datetime | None
    revocation_source: str  # the CRL that was checked; "" when none covers the issuer
    coverage: str  # ENTIRE_FILE | ENTIRE_REVISION | …
    modification: str  # NONE | LTA_UPDATES | FORM_FILLING | ANNOTATIONS | OTHER | "" (unknown)
    docmdp_ok: bool | None
    bottom_line: bool
    signed_length: int  # bytes of the file the signature covers (its revision)
    #: the certificate names OCSP/CRL servers but none gave a trusted answer: why ("" otherwise)
    revocation_unreachable: str = ""
    #: a certificate authority between the signer and the root that is revoked: its name ("" when none)
    ca_revoked: str = ""
    ca_revoked_at: datetime | None = None
    ca_revocation_source: str = ""  # what said so ("CRL của Root CA …", "OCSP http://…")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    problems: list[str] = field(default_factory=list)
    changed_after: bool = False  # the document changed after this signature
    revocation: str = ""


def judge(facts: SignatureFacts) -> Verdict:
    """Valid only when intact, cryptographically valid, chained to a trusted root, not expired,
    not revoked and not altered by a later update; each failure named."""
    problems = []
    if not facts.intact:
        problems.append(PROBLEMS["not_intact"])
    elif not facts.valid:
        problems.append(PROBLEMS["bad_signature"])
    changed = facts.intact and (facts.modification not in SAFE_MODIFICATIONS or facts.docmdp_ok is False)
    if changed:
        problems.append(PROBLEMS["modified"])
    if facts.ca_revoked:
        when = f" ngày {facts.ca_revoked_at:%d/%m/%Y %H:%M} (UTC)" if facts.ca_revoked_at else ""
        problems.append(f"Chứng thư của tổ chức cấp trung gian «{facts.ca_revoked}» đã bị thu hồi{when}"
                        f" (theo {facts.ca_revocation_source}): chuỗi chứng thư của người ký không còn giá trị.")
    if facts.revoked:
        when = f" ngày {facts.revoked_at:%d/%m/%Y %H:%M} (UTC)" if facts.revoked_at else ""
        problems.append(PROBLEMS["revoked"].rstrip(".") + when + ".")
    elif facts.expired:
        problems.append(PROBLEMS["expired"].rstrip(".") + f" (hiệu lực {facts.not_before:%d/%m/%Y} – "
                        f"{facts.not_after:%d/%m/%Y}).")
    elif not facts.trusted and not facts.ca_revoked:
        problems.append(PROBLEMS["untrusted"].rstrip(".") + f" (cơ quan cấp: {facts.issuer}).")
    if facts.revocation_source:
        revocation = (f"Đã kiểm tra thu hồi theo {facts.revocation_source}: "
                      + ("đã bị thu hồi." if facts.revoked else "chưa bị thu hồi."))
    elif facts.revocation_unreachable:
        revocation = f"Chưa kiểm tra được thu hồi: {facts.revocation_unreachable}."
    else:
        revocation = "Chưa kiểm tra thu hồi (không có CRL/OCSP của cơ quan cấp trong cấu hình hoặc chứng thư)."
    ok = not problems and facts.bottom_line
    if not problems and not ok:
        problems.append("Chữ ký số không đạt kiểm tra (" + (facts.trust_problem or "không rõ lý do") + ").")
    return Verdict(ok, problems, changed, revocation)
