"""Counterexamples to claims with hypotheses on an interval: a point counts only with functions through it
that satisfy every ``during`` hypothesis on the whole interval (``verify.core.interval_extension``), which
the core checks (entire closed forms, each relation proved for every s of its interval); a point without
them is relaxed, never a refutation."""
from __future__ import annotations

import time

import pytest
import sympy as sp

from verify import Claim, check, during
from verify.core.counterexamples import Rejected, confirm
from verify.core.interval_extension import FUNCTIONS, entire
from verify.core.kernel import Context, tail_prover
from verify.core.problem import prepare

s = sp.Symbol("s", real=True)
c = sp.Symbol("c", positive=True)
u = sp.Function("u")
D_u = sp.Derivative(u(s), s)
DECAY = during(s, 0, 1, [D_u <= -u(s)], differentiable=[u(s)])


def _confirm(claim: Claim, proposed: dict):
    return confirm(prepare(claim), proposed, tail_prover(Context(deadline=time.monotonic() + 30, seed=0)))


def test_a_false_decay_bound_is_refuted_by_a_function():
    # u' <= -u gives u(1) <= u(0)/e only: u(s) = exp(-s) has u(1) = 1/e > 1/3
    verdict = check(Claim("third", given=[DECAY], show=u(1) <= u(0) / 3), seconds=20, seed=0)
    assert verdict.status.value == "refuted", verdict.explain()
    extension = next(e.detail for e in verdict.evidence if e.rule == "extension")
    assert "u(s) = " in extension and "exp" in extension
    assert sp.sympify(verdict.counterexample["u(1)"]) == sp.sympify(verdict.counterexample["u(0)"]) * sp.exp(-1)


def test_the_true_bound_is_never_refuted():
    verdict = check(Claim("over_e", given=[DECAY], show=u(1) <= u(0) * sp.exp(-1)), seconds=20, seed=0)
    assert verdict.status.value != "refuted", verdict.explain()


def test_hypotheses_no_function_satisfies_are_never_refuted():
    # u <= 1/2 and u' <= -1 on [0, 1] force u(1) <= -1/2, against u >= 0: no function at all, so every claim
    # holds vacuously, though the point u(0) = 0, u'(0) = -1 satisfies them where the claim names them
    empty = during(s, 0, 1, [sp.Derivative(u(s), s) <= -1, u(s) >= 0, u(s) <= sp.Rational(1, 2)],
                   differentiable=[u(s)])
    verdict = check(Claim("vacuous", given=[empty], show=u(0) >= 5), seconds=20, seed=0)
    assert verdict.status.value != "refuted", verdict.explain()
    assert any(e.rule == "relaxed counterexample" for e in verdict.evidence), verdict.explain()


CLAIM = Claim("third", given=[DECAY], show=u(1) <= u(0) / 3)


def test_the_core_accepts_a_witness_and_computes_the_values_itself():
    found = _confirm(CLAIM, {"u(0)": 7, "u(1)": 0, "u'(0)": 0, "u'(1)": 0,  # the adversary's numbers are ignored
                             FUNCTIONS: {"u": sp.Lambda(s, sp.exp(-s))}})
    assert found.point["u(0)"] == 1 and found.point["u(1)"] == sp.exp(-1)
    assert not found.relaxed and "u(s) = exp(-s)" in found.extension


def test_a_point_without_functions_is_only_relaxed():
    found = _confirm(CLAIM, {"u(0)": 1, "u(1)": sp.Rational(1, 2), "u'(0)": -1, "u'(1)": -1})
    assert found.relaxed and found.extension == ""


@pytest.mark.parametrize("witness,why", [
    (sp.exp(-2 * s) + sp.Rational(1, 2), "fails"),   # u' = -2 exp(-2s) <= -u fails near s = 1 (not proved)
    (sp.sqrt(s + 1), "not built from"),                 # not entire
    (1 / (s + 2), "not built from"),
    (sp.Abs(s - 1), "not built from"),
    (c * sp.exp(-s), "not built from"),                  # not closed
])
def test_the_core_rejects_a_witness_it_cannot_certify(witness, why):
    with pytest.raises(Rejected, match=why if why != "fails" else "not proved"):
        _confirm(CLAIM, {"u(0)": 1, "u(1)": 0, "u'(0)": -1, "u'(1)": 0, FUNCTIONS: {"u": sp.Lambda(s, witness)}})


def test_a_witness_that_holds_at_the_ends_but_not_inside_is_rejected():
    # u >= 0 on [0, 2]: (s - 1)**2 - 1/4 is 3/4 at both ends, -1/4 at s = 1
    claim = Claim("inside", given=[during(s, 0, 2, [u(s) >= 0])], show=u(2) <= 0)
    with pytest.raises(Rejected, match="not proved"):
        _confirm(claim, {"u(2)": sp.Rational(3, 4), FUNCTIONS: {"u": sp.Lambda(s, (s - 1) ** 2 - sp.Rational(1, 4))}})
    found = _confirm(claim, {"u(2)": 1, FUNCTIONS: {"u": sp.Lambda(s, s ** 2 + 1)}})
    assert found.point["u(2)"] == 5


def test_a_function_the_claim_reads_must_be_proposed():
    v = sp.Function("v")
    claim = Claim("two", given=[during(s, 0, 1, [u(s) >= 0, v(s) >= u(s)])], show=v(1) <= 0)
    with pytest.raises(Rejected, match="no function is proposed for v"):
        _confirm(claim, {"v(1)": 1, FUNCTIONS: {"u": sp.Lambda(s, sp.Integer(0))}})


def test_entire_closed_forms():
    assert entire(sp.exp(-s) * s ** 3 + sp.sin(2 * s) - sp.sqrt(3), s)
    assert not entire(sp.exp(1 / s), s) and not entire(s ** sp.Rational(1, 2), s) and not entire(sp.log(s + 2), s)
