"""Keep a case's stored state flat in its history: each pass of a loop (the supplement loop:
appraise → supplement → back to appraisal) leaves its completed tasks in SpiffWorkflow's task
tree — four tasks, ~1.4 KB a loop — and every action then reads and writes them all (an action
after 50 loops cost ×1.5–2.6 the first ones). The engine needs none of them: a task's data is not
kept once passed on, and what the route looks at behind the current step is the latest pass
(the nearest ancestor of a kind). So when the completed, unbranched stretch from the root meets a
task of a kind it already passed, the earlier pass is spliced out: the tree keeps one pass of each
loop, the latest, and the state after any number of loops has the size of one loop. The history
of the case (who did what, when) is the audit log's, not the engine's.

Works on the state dictionary the engine stores (``tasks`` by id with ``parent``/``children``,
``root``; the same for each running subprocess)."""

from __future__ import annotations

from typing import Any

__all__ = ["splice_repeated_passes"]

_COMPLETED = 64  # SpiffWorkflow's TaskState.COMPLETED


def splice_repeated_passes(state: dict[str, Any]) -> int:
    """Splice out earlier passes of loops from ``state`` (and its subprocesses) in place; the
    number of tasks removed."""
    subprocesses = state.get("subprocesses") or {}
    removed = _splice(state, frozenset(subprocesses))  # a call activity's task names its subprocess
    for sub in subprocesses.values():
        removed += _splice(sub)
    return removed


def _splice(wf: dict[str, Any], keep: frozenset[str] = frozenset()) -> int:
    tasks: dict[str, dict[str, Any]] = wf.get("tasks") or {}
    if wf.get("root") not in tasks:
        return 0

    def unbranched(task_id: str) -> bool:  # passed, and went on one way only
        task = tasks[task_id]
        return task["state"] == _COMPLETED and len(task["children"]) == 1 and task["children"][0] in tasks

    starts = [i for i, t in tasks.items()
              if unbranched(i) and (t["parent"] not in tasks or not unbranched(t["parent"]))]
    removed = 0
    for first in starts:
        stretch, current = [], first
        while unbranched(current):
            stretch.append(current)
            current = tasks[current]["children"][0]
        removed += _splice_stretch(wf, tasks, stretch, current, keep)
    return removed


def _splice_stretch(wf: dict[str, Any], tasks: dict[str, dict[str, Any]], stretch: list[str], current: str,
                    keep: frozenset[str]) -> int:
    """Within one completed, unbranched stretch (ending above ``current``), drop each pass up
    to the next task of the same kind."""
    kept: list[str] = []
    at: dict[str, int] = {}  # task spec → its position in ``kept``
    dropped: list[str] = []
    for task_id in stretch:
        spec = tasks[task_id]["task_spec"]
        if spec in at:  # a second pass: the first one, up to here, goes
            cut = at[spec]
            dropped += kept[cut:]
            for gone in kept[cut:]:
                at.pop(tasks[gone]["task_spec"], None)
            kept = kept[:cut]
        at[spec] = len(kept)
        kept.append(task_id)
    if not dropped or wf.get("last_task") in dropped or wf.get("root") in dropped or keep.intersection(dropped):
        return 0
    top, parent = stretch[0], tasks[stretch[0]]["parent"]
    if kept[0] != top and parent in tasks:  # the stretch's new first task, in the old one's place
        siblings = tasks[parent]["children"]
        siblings[siblings.index(top)] = kept[0]
    tasks[kept[0]]["parent"] = parent
    chain = [*kept, current]
    for above, below in zip(chain, chain[1:], strict=False):
        tasks[above]["children"] = [below]
        tasks[below]["parent"] = above
    for gone in dropped:
        del tasks[gone]
    return len(dropped)
