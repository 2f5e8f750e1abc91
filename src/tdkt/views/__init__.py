"""Read side: what each page and list shows (worklist, task page, case page, council page,
decision page, dashboard, notices). Queries only: nothing here commits."""

__all__ = [
    "case_page",
    "council_page",
    "dashboard",
    "decision_page",
    "filters",
    "monitoring",
    "notices",
    "task_page",
    "worklist",
]
