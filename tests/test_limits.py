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


def test_an_alarm_during_the_set_up_of_a_nested_limit_leaves_no_deadline_behind(monkeypatch):
    """An outer limit's repeating alarm can land after the inner deadline is pushed and before the block
    starts; the deadline must still come off, or every later limit in the process has already expired."""
    import signal

    from verify.core import limits

    real = signal.signal
    calls = {"n": 0}

    def alarm_once(sig, handler):
        calls["n"] += 1
        if calls["n"] == 2:  # the inner limit's set-up
            raise limits.TimeLimitExceeded()
        return real(sig, handler)

    monkeypatch.setattr(limits.signal, "signal", alarm_once)
    with pytest.raises(limits.TimeLimitExceeded):
        with limits.time_limit(5):
            with limits.time_limit(1):
                pass
    monkeypatch.setattr(limits.signal, "signal", real)
    assert limits._deadlines == []
    with limits.time_limit(1):  # later limits work
        assert limits.remaining() > 0.5
