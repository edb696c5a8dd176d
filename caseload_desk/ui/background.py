"""The background jobs of one window, kept until their result has been delivered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from caseload_desk.ui.jobs import Job, start


class Jobs:
    """Starts jobs and holds a reference to each until it is done (or it would be garbage
    collected with its signals before the result arrives)."""

    def __init__(self, failed: Callable[[BaseException], None]) -> None:
        self._failed = failed  # for jobs started without their own failure handler
        self._running: list[Job] = []

    def __len__(self) -> int:
        return len(self._running)

    def run(
        self,
        work: Callable[[Callable[[str], None]], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> Job:
        job = Job(work)
        if progress is not None:  # before the start: the first report may come at once
            job.signals.progress.connect(progress)
        job.signals.done.connect(lambda result: (self._running.remove(job), done(result)))
        job.signals.failed.connect(
            lambda exc: (self._running.remove(job), (failed or self._failed)(exc))
        )
        self._running.append(job)
        start(job)
        return job
