"""Pins the verdict of every node of SGD under PL (theorems/sgd.py), as the tool produced it (seed 0, the
graph's default budget, read from the session's one graph run). ``tests/pins.py`` collects these pins with
every other topic's; ``tests/test_pins.py`` checks that each erratum is refuted with a counterexample next to
a corrected twin that holds."""
from __future__ import annotations

import pytest

from pins import check_pin

PINS = {
    "sgd_pl_one_step": "proved",
    "sgd_pl_one_step_as_written": "refuted",
    "sgd_diminishing_identity": "proved",
    "sgd_diminishing_recursion": "proved",
    "sgd_diminishing_multiplied_as_written": "refuted",
    "sgd_diminishing_multiplied": "proved",
    "sgd_telescoping_as_written": "refuted",
    "sgd_telescoping": "proved",
    "sgd_diminishing_divide": "proved",
    "sgd_diminishing_last_line": "proved",
    "sgd_pl_diminishing": "proved",
    "sgd_constant_unrolled": "proved",
    "power_decreasing": "proved",
    "sgd_constant_unrolled_weaker": "proved",
    "sgd_geometric_closed_form": "proved",
    "power_nonneg": "proved",
    "sgd_geometric_sum": "proved",
    "sgd_pl_constant": "proved",
    "sgd_pl_diminishing_run": "tested",
    "sgd_pl_diminishing_as_written_run": "refuted",
    "sgd_pl_constant_run": "tested",
    "sgd_pl_constant_as_written_run": "refuted",
}

#: True statements the kernel does not prove yet (pinned as observed; expect says proved).
KERNEL_GAPS: set[str] = set()


@pytest.mark.parametrize("name", sorted(PINS))
def test_pinned_verdict(name):
    check_pin(name, PINS, KERNEL_GAPS)
