"""An outer time limit that passes while an inner one is active still fires, even when the code that
set the inner limit catches its ``TimeLimitExceeded`` (the scalar attack does, to keep what it found)."""
from __future__ import annotations

import time

import pytest

from verify.core.limits import TimeLimitExceeded, remaining, time_limit


def _inner_that_swallows_its_time_out(seconds: float) -> None:
    """Like ``attack_scalar``: works under its own limit and returns normally when a time-out reaches it."""
    try:
        with time_limit(seconds):
            time.sleep(0.3)  # the outer deadline passes in here
    except TimeLimitExceeded:
        pass


def test_outer_limit_fires_after_an_inner_handler_swallowed_the_time_out():
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.1):
            for _ in range(100):  # goes on after each swallowed time-out: 10 s unless the outer limit fires
                _inner_that_swallows_its_time_out(5)
                time.sleep(0.1)  # work outside the inner limit (the attack grounds the next instance here)
    assert time.monotonic() - started < 1.5
    assert remaining() is None
    time.sleep(0.1)  # and no stray alarm afterwards


def test_inner_limit_that_ends_in_time_leaves_the_outer_armed():
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.2):
            with time_limit(5):
                pass
            time.sleep(2)
