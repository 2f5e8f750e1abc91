"""The route of a dossier (tuyến xử lý hồ sơ): applying an approver's action to its BPMN
route, the steps in the plan's words, the human-task projection, claiming and releasing a task, timers,
guards, model versions, the audit log."""

__all__ = [
    "actions",
    "audit",
    "claims",
    "guards",
    "integrity",
    "projection",
    "provenance",
    "province_steps",
    "steps",
    "timers",
    "versions",
]
