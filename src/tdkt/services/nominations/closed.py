"""Closed means closed (hồ sơ đã kết thúc): after a decision — or any other end of the route —
no upload, comment, withdrawal or document reaches the dossier. The final statuses and the
rule's wording are :mod:`tdkt.domain.policy`'s (``CLOSED_STATUSES``)."""

from __future__ import annotations

from tdkt.domain.policy import CLOSED_BASIS, is_closed
from tdkt.domain.status import STATUS_LABELS
from tdkt.errors import WrongState
from tdkt.persistence.models import Case

__all__ = ["require_open"]


def require_open(case: Case, what: str) -> None:
    """Refuses ``what`` (e.g. "thêm tài liệu") on a closed dossier, naming its status."""
    if is_closed(case.status):
        status = STATUS_LABELS.get(case.status, case.status)
        raise WrongState(f"Hồ sơ số {case.id} đã kết thúc («{status}»): không thể {what}. (Căn cứ: {CLOSED_BASIS})",
                         f"case {case.id} is closed ({case.status}): no {what}")
