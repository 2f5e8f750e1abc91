"""Who may do what (thẩm quyền): the one table of the actions people take on a dossier — which
role takes each, whether it may be delegated (ủy quyền) and how, whether a conflict of interest
bars it — with the rule each comes from; who signs each kind of document (thẩm quyền ký); who
approves a delegation and who may stand in for whom; what a closed dossier still accepts.

Pure data and small functions over it. The services check every action against it
(:mod:`tdkt.services.people.delegation`, :mod:`tdkt.services.people.conflicts`, the route's
actions, the council's ballot, the signing path); the start-up check
(:func:`tdkt.task_definitions.load_task_definitions`) refuses a ``tasks/`` file that gives a step
to another role than the table. "House rule" marks a rule that is ours, not the law's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from tdkt.domain.roles import ROLE_LABELS, Role
from tdkt.domain.status import AWARDED, NOT_AWARDED, Step

__all__ = [
    "LAW", "DECREE_152", "PARTY_RULES", "DECREE_30_ART_13", "COUNCIL_RULES", "ANTI_CORRUPTION", "HOUSE_RULE",
    "Action", "Delegation", "ActionRule", "ACTIONS", "STEP_ACTIONS", "rule_for_step",
    "SignerRule", "SIGNERS", "signer_of", "signing_step_problems", "task_role_problems",
    "Approver", "RoleDelegation", "ROLE_DELEGATION", "delegable_roles", "approver_for", "deputy_problem",
    "Conflict", "CONFLICT_BASIS", "conflict_of", "conflict_message", "recusal_note",
    "CLOSED_STATUSES", "CLOSED_BASIS", "is_closed", "ATTACH_STEPS", "ATTACH_BASIS", "attachment_stage",
]

# --- the texts the rules come from ------------------------------------------------------------

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
DECREE_152 = "Nghị định số 152/2025/NĐ-CP"
DECREE_30_ART_13 = ("Nghị định số 30/2020/NĐ-CP, Điều 13 (thẩm quyền ký văn bản): người đứng đầu ký văn bản của "
                    "cơ quan, có thể giao cấp phó ký thay (KT.)")
COUNCIL_RULES = "Quy chế hoạt động của Hội đồng Thi đua – Khen thưởng"
ANTI_CORRUPTION = "Luật Phòng, chống tham nhũng số 36/2018/QH14 (khoản 8 Điều 3, Điều 23: kiểm soát xung đột lợi ích)"
HOUSE_RULE = "quy tắc của hệ thống"
PARTY_RULES = ("Điều lệ Đảng Cộng sản Việt Nam và quy chế làm việc của cấp ủy (khen thưởng của Đảng; thể thức văn "
               "bản của Đảng theo Hướng dẫn 36-HD/VPTW)")


# --- actions on a dossier ---------------------------------------------------------------------

class Action(StrEnum):
    """What a person does to a dossier (thao tác trên hồ sơ)."""

    SUBMIT = "submit"                          # đơn vị nộp, bổ sung hồ sơ
    ATTACH = "attach"                          # đính kèm tài liệu
    COMMENT = "comment"                        # ghi ý kiến
    WITHDRAW = "withdraw"                      # rút hồ sơ
    APPRAISE = "appraise"                      # Văn phòng thẩm định
    COUNCIL_VOTE = "council_vote"              # thành viên Hội đồng biểu quyết
    COUNCIL_RECORD = "council_record"          # Thư ký ghi nhận kết luận của Hội đồng (kể cả họp trên giấy)
    CHAIR_CONFIRMATION = "chair_confirmation"  # Chủ tịch Hội đồng xác nhận kết luận
    SIGN = "sign"                              # người có thẩm quyền ký Quyết định, Tờ trình
    PROVINCE_APPRAISE = "province_appraise"    # Sở Nội vụ thẩm định
    PROVINCE_COUNCIL_RECORD = "province_council_record"
    PROVINCE_DECIDE = "province_decide"        # Chủ tịch UBND tỉnh quyết định / ký Tờ trình
    CENTRAL_RECORD = "central_record"          # Sở Nội vụ ghi nhận quyết định của Trung ương
    PARTY_SIGN = "party_sign"                  # Bí thư Đảng ủy ký T/M Đảng ủy (Tờ trình, Quyết định của Đảng ủy)
    PARTY_PROVINCE_APPRAISE = "party_province_appraise"  # Văn phòng Đảng ủy UBND tỉnh thẩm định
    PARTY_PROVINCE_DECIDE = "party_province_decide"      # Ban Thường vụ Đảng ủy UBND tỉnh quyết định


class Delegation(StrEnum):
    """Whether an action may be taken by a deputy (người được ủy quyền)."""

    NEVER = "never"    # không được ủy quyền
    DEPUTY = "deputy"  # người được ủy quyền (đã được cấp trên duyệt) làm thay
    KT = "kt"          # chỉ cấp phó được giao ký thay (KT.), in rõ trên văn bản


@dataclass(frozen=True, slots=True)
class ActionRule:
    action: Action
    label: str  # what it is called in a refusal: "… không được thẩm định đối với hồ sơ này"
    roles: tuple[Role, ...]
    delegation: Delegation
    #: a conflict of interest bars it: the nominee, or who prepared the dossier, may not
    recuse: bool
    basis: str


ACTIONS: dict[Action, ActionRule] = {r.action: r for r in (
    ActionRule(Action.SUBMIT, "nộp, bổ sung hồ sơ", (Role.UNIT_CLERK,), Delegation.DEPUTY, False,
               f"{LAW}; {DECREE_152} (hồ sơ đề nghị do đơn vị lập và gửi)"),
    ActionRule(Action.ATTACH, "đính kèm tài liệu", (Role.UNIT_CLERK,), Delegation.DEPUTY, False,
               f"{DECREE_152} (thành phần hồ sơ do đơn vị đề nghị cung cấp); chỉ khi nộp hoặc bổ sung ({HOUSE_RULE})"),
    ActionRule(Action.COMMENT, "ghi ý kiến", (), Delegation.DEPUTY, False,
               f"mọi người được xem hồ sơ ({HOUSE_RULE})"),
    ActionRule(Action.WITHDRAW, "rút hồ sơ", (Role.UNIT_CLERK, Role.UNIT_HEAD), Delegation.NEVER, False,
               f"đơn vị đề nghị rút hồ sơ trước khi Hội đồng xét ({HOUSE_RULE})"),
    ActionRule(Action.APPRAISE, "thẩm định", (Role.APPRAISER,), Delegation.DEPUTY, True,
               f"{LAW}; {DECREE_152} (cơ quan thường trực Hội đồng thẩm định hồ sơ); {ANTI_CORRUPTION}"),
    ActionRule(Action.COUNCIL_VOTE, "biểu quyết", (Role.COUNCIL_MEMBER,), Delegation.NEVER, True,
               f"{COUNCIL_RULES}: thành viên trực tiếp bỏ phiếu kín, không biểu quyết đối với hồ sơ của mình; "
               f"{ANTI_CORRUPTION}"),
    ActionRule(Action.COUNCIL_RECORD, "ghi nhận kết luận của Hội đồng", (Role.COUNCIL_SECRETARY,), Delegation.NEVER,
               True, f"{COUNCIL_RULES}: Thư ký Hội đồng ghi biên bản, kết luận của Hội đồng; {ANTI_CORRUPTION}"),
    ActionRule(Action.CHAIR_CONFIRMATION, "xác nhận kết luận của Hội đồng", (Role.HEAD_OF_AGENCY,),
               Delegation.NEVER, True, f"{COUNCIL_RULES}: Chủ tịch Hội đồng kết luận phiên họp; {ANTI_CORRUPTION}"),
    ActionRule(Action.SIGN, "ký văn bản khen thưởng", (Role.HEAD_OF_AGENCY,), Delegation.KT, True,
               f"{LAW} (thẩm quyền quyết định khen thưởng); {DECREE_30_ART_13}; {ANTI_CORRUPTION}"),
    ActionRule(Action.PROVINCE_APPRAISE, "thẩm định (cấp tỉnh)", (Role.SO_NOI_VU,), Delegation.NEVER, True,
               f"{DECREE_152} (Sở Nội vụ là cơ quan thường trực Hội đồng TĐKT tỉnh); ủy quyền của cấp tỉnh do "
               f"tỉnh quyết định, ngoài hệ thống ({HOUSE_RULE}); {ANTI_CORRUPTION}"),
    ActionRule(Action.PROVINCE_COUNCIL_RECORD, "ghi nhận kết luận của Hội đồng TĐKT tỉnh",
               (Role.PROVINCE_COUNCIL_SECRETARY,), Delegation.NEVER, True, f"{COUNCIL_RULES} tỉnh; {ANTI_CORRUPTION}"),
    ActionRule(Action.PROVINCE_DECIDE, "quyết định, trình khen thưởng (cấp tỉnh)", (Role.CHU_TICH_UBND_TINH,),
               Delegation.NEVER, True, f"{LAW} (thẩm quyền của Chủ tịch UBND tỉnh); {ANTI_CORRUPTION}"),
    ActionRule(Action.CENTRAL_RECORD, "ghi nhận quyết định của Trung ương", (Role.SO_NOI_VU,), Delegation.NEVER,
               True, f"{LAW}; {ANTI_CORRUPTION}"),
    ActionRule(Action.PARTY_SIGN, "ký văn bản của Đảng ủy", (Role.PARTY_SECRETARY,), Delegation.NEVER, True,
               f"{PARTY_RULES}: Bí thư ký thay mặt (T/M) Đảng ủy; {ANTI_CORRUPTION}"),
    ActionRule(Action.PARTY_PROVINCE_APPRAISE, "thẩm định (Đảng ủy UBND tỉnh)", (Role.PARTY_PROVINCE_OFFICE,),
               Delegation.NEVER, True, f"{PARTY_RULES}: Văn phòng Đảng ủy UBND tỉnh tiếp nhận, thẩm định hồ sơ trình "
               f"Ban Thường vụ; {ANTI_CORRUPTION}"),
    ActionRule(Action.PARTY_PROVINCE_DECIDE, "ghi nhận quyết định của Ban Thường vụ Đảng ủy UBND tỉnh",
               (Role.PARTY_PROVINCE_STANDING,), Delegation.NEVER, True,
               f"{PARTY_RULES}: Ban Thường vụ Đảng ủy UBND tỉnh quyết định tặng Giấy khen; {ANTI_CORRUPTION}"),
)}

#: the action each step of the route is (bước xử lý → thao tác)
STEP_ACTIONS: dict[Step, Action] = {
    Step.SUBMIT_DOSSIER: Action.SUBMIT,
    Step.SUPPLEMENT_DOSSIER: Action.SUBMIT,
    Step.APPRAISE_DOSSIER: Action.APPRAISE,
    Step.COUNCIL_DECIDE: Action.COUNCIL_RECORD,
    Step.SIGN_DECISION: Action.SIGN,
    Step.SIGN_SUBMISSION: Action.SIGN,
    Step.PROVINCE_APPRAISE: Action.PROVINCE_APPRAISE,
    Step.PROVINCE_COUNCIL_DECIDE: Action.PROVINCE_COUNCIL_RECORD,
    Step.PROVINCE_DECIDE: Action.PROVINCE_DECIDE,
    Step.PROVINCE_SUBMIT_CENTRAL: Action.PROVINCE_DECIDE,
    Step.CENTRAL_DECIDE: Action.CENTRAL_RECORD,
    Step.SIGN_PARTY_SUBMISSION: Action.PARTY_SIGN,
    Step.PARTY_PROVINCE_APPRAISE: Action.PARTY_PROVINCE_APPRAISE,
    Step.PARTY_PROVINCE_DECIDE: Action.PARTY_PROVINCE_DECIDE,
}


def rule_for_step(step: str) -> ActionRule:
    """The rule of a route step; KeyError for a step the table does not know (start-up refuses it)."""
    return ACTIONS[STEP_ACTIONS[Step(step)]]


# --- who signs each document (thẩm quyền ký) --------------------------------------------------

@dataclass(frozen=True, slots=True)
class SignerRule:
    document_kind: str  # IssuedDocument.kind
    role: Role
    step: Step  # the route step its signature completes
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
    "to_trinh_dang": SignerRule(
        "to_trinh_dang", Role.PARTY_SECRETARY, Step.SIGN_PARTY_SUBMISSION,
        "Tờ trình của Đảng ủy đề nghị Ban Thường vụ Đảng ủy UBND tỉnh tặng Giấy khen là văn bản của Đảng ủy, do "
        f"Bí thư ký thay mặt (T/M) Đảng ủy ({PARTY_RULES})",
        "party_submission_number",
    ),
}


def signer_of(document_kind: str) -> Role:
    """The role that signs a document of this kind; KeyError for a kind nobody signs."""
    return SIGNERS[document_kind].role


def signing_step_problems(candidate_roles: Mapping[str, str]) -> list[str]:
    """Where ``tasks/`` (step id → candidate role) gives a signing step to another role than
    :data:`SIGNERS`; one Vietnamese line each."""
    return [
        f"bước '{rule.step}' phải do {rule.role.value} ký ({rule.basis}), không phải {candidate_roles[rule.step]}"
        for rule in SIGNERS.values()
        if rule.step in candidate_roles and candidate_roles[rule.step] != rule.role
    ]


def task_role_problems(candidate_roles: Mapping[str, str]) -> list[str]:
    """Every step of ``tasks/`` given to a role the table does not name for it (signing steps
    with :data:`SIGNERS`' wording), one Vietnamese line each."""
    problems = signing_step_problems(candidate_roles)
    signing = {rule.step for rule in SIGNERS.values()}
    for step, role in candidate_roles.items():
        if step in signing or step not in Step._value2member_map_ or Step(step) not in STEP_ACTIONS:
            continue
        rule = rule_for_step(step)
        if rule.roles and role not in rule.roles:
            allowed = ", ".join(r.value for r in rule.roles)
            problems.append(f"bước '{step}' ({rule.label}) phải do {allowed} thực hiện ({rule.basis}), "
                            f"không phải {role}")
    return problems


# --- delegation (ủy quyền): what may be delegated, to whom, approved by whom ------------------

class Approver(IntEnum):
    """Who approves a delegation (cấp trên của người ủy quyền), lowest first."""

    UNIT_HEAD = 1       # thủ trưởng đơn vị của người ủy quyền
    HEAD_OF_AGENCY = 2  # Trưởng ban
    ADMIN = 3           # quản trị hệ thống (ủy quyền của chính Trưởng ban)


APPROVER_ROLES: dict[Approver, Role] = {Approver.UNIT_HEAD: Role.UNIT_HEAD,
                                        Approver.HEAD_OF_AGENCY: Role.HEAD_OF_AGENCY, Approver.ADMIN: Role.ADMIN}


@dataclass(frozen=True, slots=True)
class RoleDelegation:
    """How a role may be delegated: ``mode`` (never, a deputy, or only KT.), who approves, and
    who may stand in (``same_unit``: a person working in the role's unit — for the Văn phòng,
    in the principal's own unit — or someone holding the role already; ``needs_role``: a
    person holding that role, for KT. the cấp phó)."""

    mode: Delegation
    approver: Approver
    basis: str
    same_unit: bool = False
    needs_role: Role | None = None


ROLE_DELEGATION: dict[Role, RoleDelegation] = {
    Role.UNIT_CLERK: RoleDelegation(
        Delegation.DEPUTY, Approver.UNIT_HEAD,
        f"thủ trưởng đơn vị phân công người khác của đơn vị làm thay ({HOUSE_RULE})", same_unit=True),
    Role.UNIT_HEAD: RoleDelegation(
        Delegation.DEPUTY, Approver.HEAD_OF_AGENCY,
        f"Trưởng ban giao người của đơn vị (cấp phó) điều hành khi thủ trưởng vắng ({HOUSE_RULE})", same_unit=True),
    Role.APPRAISER: RoleDelegation(
        Delegation.DEPUTY, Approver.HEAD_OF_AGENCY,
        f"việc thẩm định là của Văn phòng, cơ quan thường trực Hội đồng; Trưởng ban giao người khác của Văn phòng "
        f"({HOUSE_RULE})", same_unit=True),
    Role.COUNCIL_SECRETARY: RoleDelegation(
        Delegation.NEVER, Approver.HEAD_OF_AGENCY,
        f"{COUNCIL_RULES}: kết luận của Hội đồng chỉ do Hội đồng đưa ra và Thư ký ghi nhận, không ủy quyền"),
    Role.COUNCIL_MEMBER: RoleDelegation(
        Delegation.NEVER, Approver.HEAD_OF_AGENCY,
        f"{COUNCIL_RULES}: thành viên trực tiếp biểu quyết bằng phiếu kín, không ủy quyền"),
    Role.HEAD_OF_AGENCY: RoleDelegation(
        Delegation.KT, Approver.ADMIN, f"{DECREE_30_ART_13}; xác nhận trên hệ thống bởi quản trị ({HOUSE_RULE})",
        needs_role=Role.DEPUTY_HEAD_OF_AGENCY),
    Role.DEPUTY_HEAD_OF_AGENCY: RoleDelegation(
        Delegation.NEVER, Approver.HEAD_OF_AGENCY, f"cấp phó không ủy quyền lại việc được giao ({HOUSE_RULE})"),
    Role.ADMIN: RoleDelegation(Delegation.NEVER, Approver.ADMIN, f"quản trị hệ thống không ủy quyền ({HOUSE_RULE})"),
    Role.PARTY_SECRETARY: RoleDelegation(
        Delegation.NEVER, Approver.ADMIN,
        "quyết định của cấp ủy do Bí thư ký thay mặt (T/M) cấp ủy theo quy chế làm việc của cấp ủy, ngoài thẩm "
        f"quyền ủy quyền của cơ quan nhà nước ({HOUSE_RULE})"),
    **{r: RoleDelegation(Delegation.NEVER, Approver.ADMIN,
                         f"ủy quyền của cấp tỉnh do tỉnh quyết định, ngoài hệ thống ({HOUSE_RULE})")
       for r in (Role.SO_NOI_VU, Role.PROVINCE_COUNCIL_SECRETARY, Role.CHU_TICH_UBND_TINH)},
    **{r: RoleDelegation(Delegation.NEVER, Approver.ADMIN,
                         f"việc của Đảng ủy UBND tỉnh do cấp ủy phân công, ngoài hệ thống ({HOUSE_RULE})")
       for r in (Role.PARTY_PROVINCE_OFFICE, Role.PARTY_PROVINCE_STANDING)},
}


def delegable_roles(roles: Iterable[str]) -> list[Role]:
    """The roles among ``roles`` that may be delegated at all, in the table's order."""
    held = set(roles)
    return [r for r, d in ROLE_DELEGATION.items() if r.value in held and d.mode != Delegation.NEVER]


def approver_for(roles: Iterable[Role]) -> Approver:
    """Who approves a delegation of these roles: the highest superior any of them needs."""
    return max((ROLE_DELEGATION[r].approver for r in roles), default=Approver.UNIT_HEAD)


def deputy_problem(role: Role, *, role_unit_id: int | None, principal_unit_id: int | None,
                   deputy_unit_id: int | None, deputy_roles: Iterable[tuple[str, int | None]],
                   agency_unit_ids: Iterable[int]) -> str | None:
    """Why this person may not stand in for ``role`` (None: they may). ``deputy_roles`` are the
    deputy's (role, unit id) pairs; ``agency_unit_ids`` the units of the agency."""
    rule = ROLE_DELEGATION[role]
    label = ROLE_LABELS[role]
    held = set(deputy_roles)
    if rule.mode == Delegation.NEVER:
        return f"vai trò {label} không được ủy quyền ({rule.basis})"
    agency = set(agency_unit_ids)
    if deputy_unit_id not in agency:
        return "người được ủy quyền phải là người của cơ quan"
    if rule.needs_role is not None and not any(r == rule.needs_role and u in agency for r, u in held):
        return (f"chỉ {ROLE_LABELS[rule.needs_role]} (cấp phó) được ký thay {label} ({rule.basis})")
    if rule.same_unit:
        unit = principal_unit_id if role == Role.APPRAISER else role_unit_id
        if deputy_unit_id != unit and (role.value, role_unit_id) not in held:
            return f"người được ủy quyền vai trò {label} phải là người cùng đơn vị ({rule.basis})"
    return None


# --- conflicts of interest (xung đột lợi ích) -------------------------------------------------

class Conflict(StrEnum):
    NOMINEE = "nominee"    # người được đề nghị khen thưởng
    PREPARER = "preparer"  # người lập hoặc nộp hồ sơ


CONFLICT_BASIS = (f"{ANTI_CORRUPTION}; người lập, nộp hồ sơ không tự thẩm định, xét hay ký hồ sơ mình lập "
                  f"({HOUSE_RULE})")


def conflict_of(person_id: int, nominee_person_id: int | None, preparer_ids: Iterable[int]) -> Conflict | None:
    """The person's own interest in a dossier: its nominee, or one who prepared it."""
    if nominee_person_id is not None and person_id == nominee_person_id:
        return Conflict.NOMINEE
    if person_id in set(preparer_ids):
        return Conflict.PREPARER
    return None


def conflict_message(name: str, conflict: Conflict, case_id: int, rule: ActionRule) -> str:
    """The refusal, in Vietnamese; a nominee who would sign is told who decides instead."""
    if conflict == Conflict.NOMINEE:
        text = (f"{name} là người được đề nghị khen thưởng trong hồ sơ số {case_id} nên không được "
                f"{rule.label} đối với hồ sơ này")
        if rule.action == Action.SIGN:
            text += ("; việc khen thưởng người đứng đầu cơ quan do cấp trên trực tiếp (Chủ tịch UBND tỉnh) "
                     "xem xét, quyết định — hồ sơ phải trình cấp trên")
        return text + "."
    return f"{name} đã lập hoặc nộp hồ sơ số {case_id} nên không được {rule.label} đối với hồ sơ này."


def recusal_note(name: str, conflict: Conflict) -> str:
    """What the minutes say of a member who did not vote on a dossier."""
    whose = "của mình" if conflict == Conflict.NOMINEE else "do mình lập"
    return f"Ông/bà {name} không tham gia biểu quyết đối với hồ sơ {whose}."


# --- a closed dossier (hồ sơ đã kết thúc) ----------------------------------------------------

#: the final statuses: a decision (or the end of the route) closes the dossier
CLOSED_STATUSES: frozenset[str] = AWARDED | NOT_AWARDED
CLOSED_BASIS = (f"hồ sơ đã có quyết định hoặc đã kết thúc là hồ sơ lưu trữ: không nhận thêm tài liệu, ý kiến "
                f"hay thay đổi ({HOUSE_RULE})")


def is_closed(status: str) -> bool:
    return status in CLOSED_STATUSES


#: the steps at which the unit may attach documents, and what an attachment then is: part of
#: the dossier as first submitted, or a supplement (bổ sung) asked for by the Văn phòng
ATTACH_STEPS: dict[str, str] = {Step.SUBMIT_DOSSIER: "original", Step.SUPPLEMENT_DOSSIER: "supplement"}
ATTACH_BASIS = (f"{DECREE_152}: hồ sơ đã nộp chỉ được bổ sung theo yêu cầu của cơ quan thẩm định; tài liệu đã nộp "
                f"không bị thay thế ({HOUSE_RULE})")


def attachment_stage(status: str, kind: str = "", step_requires: Iterable[str] = (),
                     attached: Iterable[str] = ()) -> str | None:
    """What a document attached now is: "original" while the unit prepares the dossier,
    "supplement" when the Văn phòng asked for one, "step" for a document the waiting step itself
    requires and the dossier has not yet (the Tờ trình to the province at ``sign_submission``) —
    or None: refused (a submitted dossier is never added to otherwise, never replaced)."""
    if status in ATTACH_STEPS:
        return ATTACH_STEPS[status]
    if kind and kind in set(step_requires) and kind not in set(attached):
        return "step"
    return None
