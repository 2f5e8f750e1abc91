"""Tables, one module per area; everything is importable from here."""

from tdkt.persistence.models.audit import AppliedAction, AuditChainHead, AuditEntry
from tdkt.persistence.models.auth import LoginThrottle, WebSession
from tdkt.persistence.models.award import AwardRecord
from tdkt.persistence.models.base import Base, UtcDateTime
from tdkt.persistence.models.calendar import CalendarDay
from tdkt.persistence.models.case import Attachment, Case, CaseTimer, HumanTask, WorkflowSpec
from tdkt.persistence.models.collaboration import CaseComment, Delegation
from tdkt.persistence.models.council import (
    AgendaItem,
    BallotChoice,
    CouncilSession,
    Minutes,
    OpenedBallot,
    SealedBallot,
    SessionDecision,
    SessionMember,
    VoteReceipt,
)
from tdkt.persistence.models.document import (
    DocumentCase,
    DocumentCounter,
    IssuedDocument,
    RegisterOpening,
    SigningCertificate,
)
from tdkt.persistence.models.movement import Movement, PlanVersion, ReviewAssessmentRow, Round
from tdkt.persistence.models.notification import (
    InAppMessage,
    OutboxMessage,
    PlanObligation,
    ReminderItem,
    ScanState,
)
from tdkt.persistence.models.organisation import (
    CouncilBody,
    PartyMemberRating,
    Person,
    RoleAssignment,
    Unit,
    YearlyRating,
)
from tdkt.persistence.models.party_meeting import PartyMeeting, PartyMeetingMember, PartyMeetingVote
from tdkt.persistence.models.records import (
    PaperCouncilRecord,
    PaperCouncilResult,
    RegisteredDocument,
    RegisteredDocumentCase,
)

__all__ = [
    "AgendaItem", "AppliedAction", "Attachment", "AuditChainHead", "AuditEntry", "AwardRecord", "BallotChoice", "Base",
    "CalendarDay", "Case", "CaseComment", "CouncilBody", "Delegation",
    "CaseTimer", "CouncilSession", "DocumentCase", "DocumentCounter", "HumanTask", "InAppMessage", "IssuedDocument",
    "LoginThrottle", "Minutes", "Movement", "OpenedBallot", "OutboxMessage", "PaperCouncilRecord", "PaperCouncilResult",
    "Person",
    "PlanObligation", "PlanVersion", "RegisterOpening", "RegisteredDocument", "RegisteredDocumentCase", "ReminderItem",
    "ReviewAssessmentRow", "RoleAssignment", "PartyMemberRating", "PartyMeeting", "PartyMeetingMember",
    "PartyMeetingVote",
    "Round",
    "ScanState", "SealedBallot", "SessionDecision", "SessionMember", "SigningCertificate",
    "Unit", "UtcDateTime", "VoteReceipt", "WebSession", "WorkflowSpec", "YearlyRating",
]
