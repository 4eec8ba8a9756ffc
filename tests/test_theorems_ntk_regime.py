"""Pins the verdict of every node of 003 section 8.4, the NTK approach (theorems/ntk_regime.py), as the tool
produced it (seed 0, 20 s per node). ``tests/pins.py`` collects these pins with every other topic's;
``tests/test_pins.py`` checks that each erratum is refuted with a counterexample next to a corrected twin that holds.

The spectral steps are proved by the core's spectral decider from cited matrix facts (verify/core/matrix_facts.py):
``Phi Phi^+ y = y`` for a wide ``Phi`` with ``sigma_min(Phi) > 0`` (``pinv_inverse``), ``||v|| <= ||Phi v||/sigma``
for ``v = Phi^T z`` in the row space (``lower_bound_row_space``), ``||Phi^+||_op = 1/sigma_min``, Weyl and
``||I - eta K||_op``; the erratum (8.162) as written, off the row space, stays refuted."""
from __future__ import annotations

import pytest

from pins import NODES, verdict
from verify.report import meets

PINS = {
    "linearised_square_loss": "proved",
    "min_norm_interpolates": "proved",
    "lemma_8_25": "proved",
    "taylor_remainder_upper": "proved",
    "taylor_remainder_lower": "proved",
    "lemma_8_28": "proved",
    "lemma_8_28_ball": "proved",
    "scaling_ratio": "proved",
    "scaling_ratio_small": "proved",
    "example_linearisation": "proved",
    "example_scaled_gap": "proved",
    "example_minimiser": "proved",
    "gradient_8_87": "proved",
    "gradient_8_87_as_written": "refuted",
    "gradient_norm_8_88": "proved",
    "kernel_entry_8_92": "proved",
    "gram_singular_value": "proved",
    "gram_entries": "proved",
    "gradient_lipschitz": "proved",
    "ratio_vanishes": "proved",
    "gradients_agree": "proved",
    "residual_recursion": "proved",
    "residual_step_as_written": "refuted",
    "contraction_8_118": "proved",
    "eigendecomposition_8_119": "proved",
    "eigen_max_8_122": "proved",
    "rate_step_8_125": "proved",
    "rate_step_8_125_as_written": "refuted",
    "geometric_decay": "proved",
    "one_minus_below_exp": "proved",
    "power_below_exp": "proved",
    "steps_to_eps": "proved",
    "loss_gradient_8_130": "proved",
    "taylor_step_recursion": "proved",
    "sigma_min_quadratic_as_written": "refuted",
    "weyl_sigma_min": "proved",
    "sigma_min_three_quarters": "proved",
    "rate_8_150": "proved",
    "rate_8_150_as_written": "refuted",
    "bounded_errors": "proved",
    "row_space_distance": "proved",
    "inverse_bound_row_space": "proved",
    "inverse_bound_as_written": "refuted",
    "stays_in_ball": "proved",
    "perturbation_quarter": "proved",
    "error_contraction_8_151": "proved",
    "loss_after_steps": "proved",
    "theorem_8_33": "proved",
    "relu_pair": "proved",
    "example_8_34": "proved",
    "ntk_sample_complexity_cited": "unknown",
}



@pytest.mark.parametrize("name", sorted(PINS))
def test_pinned_verdict(name):
    """The own verdict is as pinned; ``expect`` is the final one (a node proved from a tested lemma expects
    tested), which the own verdict must meet."""
    v = verdict(name)
    assert v.status.value == PINS[name], v.explain()
    if NODES[name].expect is not None:
        assert meets(v.status, NODES[name].expect), v.explain()
