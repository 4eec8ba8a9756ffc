"""Time limits: they fire, nest, and survive an alarm that Python swallows."""
from __future__ import annotations

import time

import pytest

from verify.core.limits import TimeLimitExceeded, remaining, time_limit


def test_limit_fires_and_is_cleared():
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.05):
            time.sleep(1)
    assert remaining() is None
    time.sleep(0.1)  # no stray alarm after the block


def test_nested_limit_keeps_the_tighter_and_restores_the_outer():
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.3):
            with time_limit(5):
                assert remaining() <= 0.3
            time.sleep(2)
    assert time.monotonic() - started < 1


class _SlowFinaliser:
    def __del__(self):  # the alarm lands here, where Python prints "Exception ignored" and goes on
        until = time.monotonic() + 0.2
        while time.monotonic() < until:
            pass


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_alarm_swallowed_in_a_finaliser_fires_again():
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.05):
            obj = _SlowFinaliser()
            del obj
            for _ in range(300):
                time.sleep(0.01)
    assert time.monotonic() - started < 1.0


def test_unraisable_hook_is_restored_after_the_limit():
    import sys

    before = sys.unraisablehook
    with time_limit(1):
        assert sys.unraisablehook is not before  # swallowed time-outs are kept quiet inside
    assert sys.unraisablehook is before
