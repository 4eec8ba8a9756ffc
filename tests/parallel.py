"""Many independent checks at once, in forked worker processes (the session's cores), for the corpora and the
mutation tests. Each result is what the call gives in this process (``verify.check`` is deterministic for a
seed); a call that has not returned after ``watchdog`` seconds stops the whole batch with an error naming it,
so a check that ignores its own time limit fails its test file instead of stalling the run.
"""
from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable, Sequence

#: the jobs of the batch being run, read by the forked workers (only an index crosses the pipe)
_JOBS: list[tuple[Callable[..., Any], tuple, dict]] = []


class Stalled(RuntimeError):
    """A job ran past the watchdog."""


def _one(i: int) -> tuple[int, Any]:
    fn, args, kwargs = _JOBS[i]
    return i, fn(*args, **kwargs)


def workers() -> int:
    """Worker processes: ``VERIFY_WORKERS`` (as for the session's graph run), default 2."""
    return max(1, int(os.environ.get("VERIFY_WORKERS", "2")))


def run_all(jobs: Sequence[tuple[Callable[..., Any], tuple, dict]], *, watchdog: float = 120.0,
            names: Sequence[str] | None = None) -> list[Any]:
    """``[fn(*args, **kwargs) for fn, args, kwargs in jobs]``, computed ``workers()`` at a time."""
    global _JOBS
    _JOBS = list(jobs)
    try:
        if workers() == 1 or len(_JOBS) < 2 or "fork" not in multiprocessing.get_all_start_methods():
            return [fn(*args, **kwargs) for fn, args, kwargs in _JOBS]
        out: list[Any] = [None] * len(_JOBS)
        done: set[int] = set()
        pool = multiprocessing.get_context("fork").Pool(workers())
        try:
            results = pool.imap_unordered(_one, range(len(_JOBS)))
            for _ in range(len(_JOBS)):
                try:
                    i, value = results.next(timeout=watchdog)
                except multiprocessing.TimeoutError:
                    left = [names[i] if names else str(i) for i in range(len(_JOBS)) if i not in done]
                    raise Stalled(f"no result for {watchdog:g} s; still running or queued: {', '.join(left[:10])}")
                out[i] = value
                done.add(i)
        finally:
            pool.terminate()
            pool.join()
        return out
    finally:
        _JOBS = []


def check_all(claims: Sequence[Any], **kwargs: Any) -> dict[str, Any]:
    """``{claim.name: verify.check(claim, **kwargs)}``, the checks run in parallel."""
    from verify import check

    verdicts = run_all([(check, (c,), kwargs) for c in claims], names=[c.name for c in claims])
    return {c.name: v for c, v in zip(claims, verdicts)}
