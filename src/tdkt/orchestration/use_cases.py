"""The state changes besides a task's action that run as Prefect flow runs when started from the
web app or the command line (:func:`perform`): the council's session opened and closed, its
minutes, the Quyết định and Tờ trình drafted, signed or withdrawn, the Giấy khen printed — so the
Prefect UI tells the whole story of a dossier wherever the change came from.

Each is called by name with JSON-able parameters (what the run shows in the UI); a secret ballot
is never one of them — no choice ever reaches Prefect's database. Without a Prefect API
(``TDKT_WEB_ACTIONS=direct``, or no ``PREFECT_API_URL``) the same call runs in-process. This
module imports no Prefect: the web app and the CLI use it without loading Prefect when it is off."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from tdkt.runtime import Runtime

__all__ = ["UseCase", "USE_CASES", "perform", "via_prefect", "run_name"]


@dataclass(frozen=True)
class UseCase:
    title: str  # the run's name in the Prefect UI
    run: Callable[[Runtime, str, Mapping[str, Any]], Any]


def _open(rt: Runtime, actor: str, p: Mapping[str, Any]) -> Any:
    from tdkt.services.council.session import open_session
    return open_session(rt, actor, p["movement"], int(p["round"]), level=p.get("level") or "agency",
                        case_ids=p.get("case_ids"))


def _close(rt: Runtime, actor: str, p: Mapping[str, Any]) -> Any:
    from tdkt.services.council.closing import close_session
    ties = {int(case): (bool(yes), str(why)) for case, (yes, why) in (p.get("ties") or {}).items()}
    return close_session(rt, actor, int(p["session_id"]), tie_resolutions=ties or None,
                         apply=not p.get("apply_later"))  # later: a background flow run applies them


def _minutes(rt: Runtime, actor: str, p: Mapping[str, Any]) -> Any:
    from tdkt.services.documents.issuing import issue_council_minutes
    return issue_council_minutes(rt, actor, int(p["session_id"]))


def _draft(rt: Runtime, actor: str, p: Mapping[str, Any]) -> Any:
    from tdkt.services.documents.issuing import issue_decision
    met = p.get("meeting_on")  # the day the Đảng ủy met (ISO): its Quyết định rests on that meeting
    return issue_decision(rt, actor, [int(c) for c in p["case_ids"]], date.fromisoformat(met) if met else None)


def _sign(rt: Runtime, actor: str, p: Mapping[str, Any]) -> Any:
    from tdkt.services.documents.issuing import sign_decision_document
    return sign_decision_document(rt, actor, int(p["doc_id"]))


def _withdraw(rt: Runtime, actor: str, p: Mapping[str, Any]) -> Any:
    from tdkt.services.documents.withdraw import withdraw_decision
    return withdraw_decision(rt, actor, int(p["doc_id"]), str(p.get("reason", "")))


def _certificates(rt: Runtime, actor: str, p: Mapping[str, Any]) -> Any:
    from tdkt.services.documents.issuing import render_certificates
    return render_certificates(rt, actor, p["decision"])


def _submission(rt: Runtime, actor: str, p: Mapping[str, Any]) -> Any:
    from tdkt.services.documents.province import issue_province_submission
    return issue_province_submission(rt, actor, [int(c) for c in p["case_ids"]])


def _sign_submission(rt: Runtime, actor: str, p: Mapping[str, Any]) -> Any:
    from tdkt.services.documents.province import sign_submission_document
    return sign_submission_document(rt, actor, int(p["doc_id"]))


def _party_submission(rt: Runtime, actor: str, p: Mapping[str, Any]) -> Any:
    from tdkt.services.documents.party_province import issue_party_submission
    met = p.get("meeting_on")  # the day the Đảng ủy met (ISO); the Tờ trình's day when absent
    return issue_party_submission(rt, actor, [int(c) for c in p["case_ids"]], date.fromisoformat(met) if met else None)


def _sign_party_submission(rt: Runtime, actor: str, p: Mapping[str, Any]) -> Any:
    from tdkt.services.documents.party_province import sign_party_submission_document
    return sign_party_submission_document(rt, actor, int(p["doc_id"]))


USE_CASES: dict[str, UseCase] = {
    "council-open": UseCase("Mở phiên họp Hội đồng", _open),
    "council-close": UseCase("Kết thúc phiên họp Hội đồng", _close),
    "council-minutes": UseCase("Lập Biên bản họp xét", _minutes),
    "decision-draft": UseCase("Lập dự thảo Quyết định", _draft),
    "decision-sign": UseCase("Ký Quyết định", _sign),
    "decision-withdraw": UseCase("Thu hồi dự thảo Quyết định", _withdraw),
    "certificates": UseCase("In Giấy khen", _certificates),
    "submission-draft": UseCase("Lập dự thảo Tờ trình", _submission),
    "submission-sign": UseCase("Ký Tờ trình", _sign_submission),
    "party-submission-draft": UseCase("Lập dự thảo Tờ trình của Đảng ủy", _party_submission),
    "party-submission-sign": UseCase("Bí thư ký Tờ trình của Đảng ủy", _sign_party_submission),
}


def run_name(name: str, params: Mapping[str, Any]) -> str:
    """«Ký Quyết định — văn bản 3», «Mở phiên họp Hội đồng — đợt 1»: readable in the UI."""
    title = USE_CASES[name].title if name in USE_CASES else "Thao tác"
    if "session_id" in params:
        return f"{title} — phiên họp số {params['session_id']}"
    if "doc_id" in params:
        return f"{title} — văn bản số hiệu {params['doc_id']}"
    if "decision" in params:
        return f"{title} — Quyết định {params['decision']}"
    if "round" in params:
        return f"{title} — đợt {params['round']} ({params.get('movement', '')})"
    if "case_ids" in params:
        return f"{title} — hồ sơ số {', '.join(str(c) for c in params['case_ids'])}"
    return title


def via_prefect(rt: Runtime) -> bool:
    mode = rt.settings.web_actions
    return mode == "prefect" or (mode == "auto" and bool(rt.settings.prefect_api_url))


def perform(rt: Runtime, name: str, actor: str, params: Mapping[str, Any], *, direct: bool = False) -> Any:
    """Run use case ``name`` as one flow run (or in-process): its result, or its refusal raised."""
    if direct or not via_prefect(rt):
        return USE_CASES[name].run(rt, actor, params)
    from tdkt.orchestration.use_case_flow import run_use_case  # Prefect is imported only when used

    return run_use_case(rt, name, actor, dict(params))
