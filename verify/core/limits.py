"""Time limits for symbolic work that may hang (sympy's simplify, z3).

Uses SIGALRM in the main thread; elsewhere the limit is only a deadline that callers poll.
Nested limits keep the tighter one and restore the outer one afterwards. The alarm repeats every
``REPEAT`` seconds after the deadline: an exception raised where Python ignores it (a ``__del__`` or
a garbage-collector callback, e.g. hypothesis') is raised again a moment later; while a limit is
active, such swallowed time-outs bypass ``sys.unraisablehook`` (formatting them could itself be
interrupted by the next alarm).
"""
from __future__ import annotations

import signal
import sys
import threading
import time
from contextlib import contextmanager
from typing import Iterator


class TimeLimitExceeded(Exception):
    """Raised inside a ``time_limit`` block when its time runs out."""


_deadlines: list[float] = []
REPEAT = 0.05


def _on_alarm(signum, frame):  # pragma: no cover - exercised through time_limit
    if _deadlines and time.monotonic() >= _deadlines[-1] - 1e-3:
        raise TimeLimitExceeded()


def _quiet_hook(previous):
    def hook(unraisable):
        if not isinstance(unraisable.exc_value, TimeLimitExceeded):
            previous(unraisable)
    hook.previous = previous
    return hook


def remaining() -> float | None:
    """Seconds left under the innermost active limit, or None when unlimited."""
    return (_deadlines[-1] - time.monotonic()) if _deadlines else None


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` in the block after ``seconds`` (None: no new limit)."""
    if seconds is None:
        yield
        return
    now = time.monotonic()
    deadline = now + max(seconds, 0.001)
    if _deadlines:
        deadline = min(deadline, _deadlines[-1])
    if deadline <= now:
        raise TimeLimitExceeded()
    use_signal = threading.current_thread() is threading.main_thread()
    depth = len(_deadlines)
    old_handler, quiet = None, None
    _deadlines.append(deadline)
    try:  # set-up inside the try: an outer alarm landing here must still take this deadline off
        quiet = _quiet_hook(sys.unraisablehook) if use_signal and depth == 0 else None
        if quiet is not None:
            sys.unraisablehook = quiet
        if use_signal:
            old_handler = signal.signal(signal.SIGALRM, _on_alarm)
            signal.setitimer(signal.ITIMER_REAL, deadline - now, REPEAT)
        yield
    finally:
        while use_signal:  # a repeated alarm may land here: stop the timer before anything else
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                break
            except TimeLimitExceeded:
                continue
        del _deadlines[depth:]
        if quiet is not None and sys.unraisablehook is quiet:
            sys.unraisablehook = quiet.previous
        if use_signal:
            signal.signal(signal.SIGALRM, old_handler or signal.SIG_DFL)
            if _deadlines:  # re-arm the outer limit, also when it has passed: the raise below may be
                left = _deadlines[-1] - time.monotonic()  # caught by a handler meant for the inner limit,
                signal.signal(signal.SIGALRM, _on_alarm)  # and the repeating alarm must then fire again
                signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), REPEAT)
                if left <= 0:
                    raise TimeLimitExceeded()


def call_with_limit(seconds: float | None, fn, *args, **kwargs):
    """``fn(*args)`` under a time limit; returns ``(True, value)`` or ``(False, None)`` on time-out."""
    try:
        with time_limit(seconds):
            return True, fn(*args, **kwargs)
    except TimeLimitExceeded:
        return False, None
