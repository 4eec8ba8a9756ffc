"""Pins the verdict of every node of mini-batch SGD under PL* (theorems/minibatch.py), as the tool produced it
(seed 0, the graph's default budget, read from the session's one graph run). ``tests/pins.py`` collects these
pins with every other topic's; ``tests/test_pins.py`` checks that each erratum is refuted with a
counterexample next to a corrected twin that holds."""
from __future__ import annotations

import pytest

from pins import check_pin

PINS = {
    "minibatch_second_moment": "tested",
    "grad_fi_bound": "tested",
    "minibatch_conditional": "proved",
    "minibatch_conditional_as_written": "refuted",
    "minibatch_after_smoothness": "proved",
    "minibatch_pl_step": "proved",
    "minibatch_pl_step_as_written": "refuted",
    "minibatch_pl_recursion": "proved",
    "minibatch_optimal_step": "proved",
    "minibatch_optimal_is_min": "proved",
    "minibatch_step_admissible": "proved",
    "minibatch_step_as_written": "refuted",
    "minibatch_contraction_nonneg": "proved",
    "minibatch_rate": "proved",
    "minibatch_rate_run": "tested",
    "minibatch_rate_as_written_run": "refuted",
}

#: True statements the kernel does not prove yet (pinned as observed; expect says proved).
KERNEL_GAPS: set[str] = set()


@pytest.mark.parametrize("name", sorted(PINS))
def test_pinned_verdict(name):
    check_pin(name, PINS, KERNEL_GAPS)
