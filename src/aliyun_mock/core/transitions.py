"""How long a resource stays in a transitional state (Pending, Starting, Stopping, Creating, …).

By default every transition completes at once, as most tests want. A test of polling code asks
for them to last: ``cloud.hold_transitions()`` keeps them until ``cloud.settle()``;
``cloud.hold_transitions(polls=3)`` completes each after three answered Describe* calls, so a
``while status != "Running": describe()`` loop sees the intermediate state, then the final one.
"""

from __future__ import annotations

import contextlib
from typing import Any, Iterator, List, Optional


class _Pending:
    __slots__ = ("resource", "final", "polls_left", "polls")

    def __init__(self, resource: Any, final: str, polls_left: Optional[int]) -> None:
        self.resource = resource  # anything with a ``status`` (and maybe a ``progress``, in percent)
        self.final = final
        self.polls_left = polls_left
        self.polls = polls_left


def _progress(resource: Any, percent: int) -> None:
    """A resource that shows how far it has come (an image being copied, a snapshot) moves on."""
    if hasattr(resource, "progress"):
        resource.progress = percent


class Transitions:
    def __init__(self) -> None:
        self.held = False
        self.polls: Optional[int] = None
        self._pending: List[_Pending] = []

    def hold(self, polls: Optional[int] = None) -> None:
        if polls is not None and polls < 1:
            raise ValueError("polls must be at least 1")
        self.held, self.polls = True, polls

    def release(self) -> None:
        """Back to immediate transitions; whatever is pending completes now."""
        self.held, self.polls = False, None
        self.settle()

    def begin(self, resource: Any, transitional: str, final: str) -> None:
        """Move ``resource`` towards ``final`` through ``transitional`` (at once unless held)."""
        self._pending = [p for p in self._pending if p.resource is not resource]
        if not self.held:
            resource.status = final
            _progress(resource, 100)
            return
        resource.status = transitional
        _progress(resource, 0)
        self._pending.append(_Pending(resource, final, self.polls))

    def cancel(self, resource: Any, status: str) -> None:
        """``resource`` is ``status`` now, whatever transition it was in (it will not complete later)."""
        self._pending = [p for p in self._pending if p.resource is not resource]
        resource.status = status

    def observe(self) -> None:
        """One Describe* call was answered: poll-counted transitions move one step."""
        still: List[_Pending] = []
        for pending in self._pending:
            if pending.polls_left is not None and pending.polls:
                pending.polls_left -= 1
                if pending.polls_left <= 0:
                    pending.resource.status = pending.final
                    _progress(pending.resource, 100)
                    continue
                _progress(pending.resource, 100 * (pending.polls - pending.polls_left) // pending.polls)
            still.append(pending)
        self._pending = still

    @contextlib.contextmanager
    def completed(self) -> Iterator[None]:
        """Within the block, every pending resource shows its final status (and progress), as
        ``state()`` saves it: a loaded state has nothing pending, so nothing is left half-way."""
        saved = [(p.resource, p.resource.status, getattr(p.resource, "progress", None)) for p in self._pending]
        for pending in self._pending:
            pending.resource.status = pending.final
            _progress(pending.resource, 100)
        try:
            yield
        finally:
            for resource, status, progress in saved:
                resource.status = status
                if progress is not None:
                    resource.progress = progress

    def settle(self) -> int:
        """Complete every pending transition; how many there were."""
        for pending in self._pending:
            pending.resource.status = pending.final
            _progress(pending.resource, 100)
        count, self._pending = len(self._pending), []
        return count
