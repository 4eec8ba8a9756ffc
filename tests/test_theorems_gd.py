"""Pins the verdict of every node of GD under PL (theorems/gd.py), as the tool produced it (seed 0, the
graph's default budget, read from the session's one graph run). ``tests/pins.py`` collects these pins with
every other topic's; ``tests/test_pins.py`` checks that each erratum is refuted with a counterexample next to
a corrected twin that holds."""
from __future__ import annotations

import pytest

from pins import check_pin

PINS = {
    "descent_lemma": "tested",
    "gd_pl_one_step_eta": "proved",
    "gd_pl_one_step": "proved",
    "pl_mu_le_L": "proved",
    "gd_pl_rate": "proved",
    "gd_pl_rate_run": "tested",
    "gd_pl_one_step_improved": "proved",
    "gd_pl_one_step_improved_final": "proved",
    "gd_pl_improved_rate_run": "tested",
    "gd_pl_one_step_pep_certificate": "proved",   # same verdict without PEPit (then the evidence says so)
}

#: True statements the kernel does not prove yet (pinned as observed; expect says proved).
KERNEL_GAPS: set[str] = set()


@pytest.mark.parametrize("name", sorted(PINS))
def test_pinned_verdict(name):
    check_pin(name, PINS, KERNEL_GAPS)
