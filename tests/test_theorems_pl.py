"""Pins the verdict of every node of the PL condition (theorems/pl.py), as the tool produced it (seed 0, the
graph's default budget, read from the session's one graph run). ``tests/pins.py`` collects these pins with
every other topic's; ``tests/test_pins.py`` checks that each erratum is refuted with a counterexample next to
a corrected twin that holds."""
from __future__ import annotations

import pytest

from pins import check_pin

PINS = {
    "pl_condition": "proved",                       # a definition: nothing to check
    "pl_implies_half_gradient_form": "proved",
    "pl_half_gradient_form_implies_pl": "proved",
    "norm_square_expansion": "proved",
    "sc_implies_pl": "proved",
    "weak_sc_implies_pl": "proved",
    "pl_stationary_is_global": "proved",
    "pl_gap_bound": "proved",
    "plstar_forms_equivalent_as_written": "refuted",
    "plstar_form1_implies_form2": "proved",
    "interpolation_each_term": "proved",
    "pl_implies_qg": "tested",
}

#: True statements the kernel does not prove yet (pinned as observed; expect says proved).
KERNEL_GAPS: set[str] = set()


@pytest.mark.parametrize("name", sorted(PINS))
def test_pinned_verdict(name):
    check_pin(name, PINS, KERNEL_GAPS)
