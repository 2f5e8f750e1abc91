"""Escalation chain (báo cáo cấp trên): who else is told when a task stays overdue."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, RootModel

from tdkt.domain.roles import Role

__all__ = ["EscalationStep", "EscalationRules"]


class EscalationStep(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Role
    unit: str  # "task_unit", "any" or a unit code


class EscalationRules(RootModel[dict[Role, list[EscalationStep]]]):
    def steps(self, role: str, level: int) -> list[EscalationStep]:
        """The first ``level`` steps above ``role`` (fewer when the chain is shorter)."""
        return self.root.get(Role(role), [])[:level]
