"""Pins the verdict of every node of the complexity table and 001's recap (theorems/complexity.py), as the
tool produced it (seed 0, the graph's default budget, read from the session's one graph run).
``tests/pins.py`` collects these pins with every other topic's; ``tests/test_pins.py`` checks that each
erratum is refuted with a counterexample next to a corrected twin that holds."""
from __future__ import annotations

import pytest

from theorems.complexity import D0, eps
from verify import Claim, check
from pins import NODES, check_pin

PINS = {
    "one_minus_le_exp": "proved",
    "gd_factor_le_exp": "proved",
    "power_monotone": "proved",
    "gd_count_sufficient": "proved",
    "gd_pl_complexity": "proved",
    "sgd_pl_complexity_cited": "unknown",
    "svrg_pl_complexity_cited": "unknown",
    "saga_pl_complexity_cited": "unknown",
    "page_pl_complexity_cited": "unknown",
    "page_le_svrg_saga": "proved",
    "sgd_count_ge_gd": "proved",
    "gd_iterations_recap": "proved",
    "gd_iterations_recap_as_written": "refuted",
    "agd_rate": "tested",
    "agd_iterations_recap": "proved",
}

#: True statements the kernel does not prove yet (pinned as observed; expect says proved).
KERNEL_GAPS: set[str] = set()


@pytest.mark.parametrize("name", sorted(PINS))
def test_pinned_verdict(name):
    check_pin(name, PINS, KERNEL_GAPS)


@pytest.mark.parametrize("name", ["page_le_svrg_saga", "sgd_count_ge_gd"])
def test_table_comparisons_need_eps_below_delta0(name):
    """Without eps <= Delta_0 the logs are negative and the comparisons of the counts fail."""
    claim = NODES[name].statement
    weaker = Claim(f"{name}_any_eps", given=[h for h in claim.given if h != (D0 >= eps)], show=claim.show)
    assert len(weaker.given) == len(claim.given) - 1
    v = check(weaker, seed=0, seconds=20)
    assert v.status.value == "refuted", v.explain()
