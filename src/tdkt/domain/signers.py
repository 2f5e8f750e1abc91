"""Who may sign (thẩm quyền ký): the role that signs each kind of document the agency issues,
and the route step that signature completes, with the rule it comes from.

One table, read by the signing use case, by the pages that offer the "Ký" button, and by the
start-up check that ``tasks/`` gives each signing step to the same role."""

from __future__ import annotations

from dataclasses import dataclass

from tdkt.domain.roles import Role
from tdkt.domain.status import Step

__all__ = ["SignerRule", "SIGNERS", "signer_of", "signing_step_problems"]


@dataclass(frozen=True, slots=True)
class SignerRule:
    document_kind: str  # IssuedDocument.kind
    role: Role
    step: Step
    basis: str
    number_field: str  # the step's form field that records the document's số/ký hiệu


SIGNERS: dict[str, SignerRule] = {
    "quyet_dinh": SignerRule(
        "quyet_dinh", Role.HEAD_OF_AGENCY, Step.SIGN_DECISION,
        "Giấy khen của Trưởng ban do Trưởng ban quyết định (kế hoạch phát động, mục IV.2.1); "
        "người đứng đầu ký văn bản của cơ quan (Nghị định 30/2020/NĐ-CP, Điều 13)",
        "decision_number",
    ),
    "to_trinh": SignerRule(
        "to_trinh", Role.HEAD_OF_AGENCY, Step.SIGN_SUBMISSION,
        "Tờ trình cấp trên khen thưởng là văn bản của cơ quan, do người đứng đầu ký "
        "(Nghị định 30/2020/NĐ-CP, Điều 13)",
        "submission_number",
    ),
}


def signer_of(document_kind: str) -> Role:
    """The role that signs a document of this kind; KeyError for a kind nobody signs."""
    return SIGNERS[document_kind].role


def signing_step_problems(candidate_roles: dict[str, Role]) -> list[str]:
    """Where ``tasks/`` (step id → candidate role) gives a signing step to another role than
    the table above; one Vietnamese line each."""
    return [
        f"bước '{rule.step}' phải do {rule.role.value} ký ({rule.basis}), không phải {candidate_roles[rule.step]}"
        for rule in SIGNERS.values()
        if rule.step in candidate_roles and candidate_roles[rule.step] != rule.role
    ]
