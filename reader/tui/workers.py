"""Work off the UI thread, started the one way the app starts it."""

from __future__ import annotations

from collections.abc import Callable

from textual.dom import DOMNode
from textual.worker import Worker


def run_in_thread(node: DOMNode, work: Callable[[], object], *, group: str, exclusive: bool = False) -> Worker[object]:
    """Run ``work`` in a thread worker that belongs to the app, whoever asks for it.

    A worker reports its failure with Worker.StateChanged to the node it belongs to, and that
    message does not bubble: keeping every worker on the app lets the app's one handler turn any
    unexpected error into a notification. ``group`` names the job ("main.body"); with
    ``exclusive``, a new job cancels the group's earlier ones, which then post nothing that
    matters (thread workers check ``is_cancelled`` where they loop). The work posts messages
    for its results and never touches a widget.
    """
    return node.app.run_worker(_once(work), name=group, group=group, thread=True, exclusive=exclusive,
                               exit_on_error=False)


def _once(work: Callable[[], object]) -> Callable[[], object]:
    """``work``, let go of as soon as it starts. A finished Worker is part of reference cycles
    (its task, its node), freed only by a full collection, which the app keeps for when the
    user is idle; meanwhile it kept its work and what that captured: with the entity analysis
    taking in a batch every second, every entity library it had replaced."""
    held = [work]

    def run() -> object:
        return held.pop()()

    return run
