"""The spectral and minmax deciders on their own (no attack): they prove no false claim of the spectral and
matrix corpora, say nothing on matrix-valued goals, list the facts of z3's unsat core, and the facts they
cite reach the graph's assumption base as axioms."""
from __future__ import annotations

import pytest
import sympy as sp

from verify import Claim, check
from verify.core.deciders.base import NotApplicable
from verify.core.deciders.cases import branches, decide_minmax, splittable
from verify.core.deciders.spectral import decide_spectral
from verify.core.linalg import Matrix, Vector, eye, inner, lambda_min, norm, op_norm, sigma_min
from verify.core.problem import prepare
from verify.graph import assumption_base
from verify.nodes import node

import corpus_matrix
import corpus_spectral

FALSE = corpus_spectral.FALSE + corpus_matrix.FALSE


def _decide(decider, claim):
    try:
        return decider(prepare(claim))
    except NotApplicable:
        return None


@pytest.mark.parametrize("claim", FALSE, ids=lambda c: c.name)
def test_no_false_claim_proved_by_the_deciders_alone(claim):
    for decider in (decide_spectral, decide_minmax):
        out = _decide(decider, claim)
        assert out is None or not out.proved, (decider.__name__, out.evidence.detail)


def test_matrix_valued_goal_is_not_applicable():
    A = Matrix("A", 2, 2)
    with pytest.raises(NotApplicable):
        decide_spectral(prepare(Claim("matrix_goal", show=sp.Eq(A * eye(2), A, evaluate=False))))


def test_unsat_core_lists_only_the_facts_used():
    n = sp.Symbol("n", integer=True, positive=True)
    M, v = Matrix("M", n, n, structure="symmetric"), Vector("v", n)
    out = decide_spectral(prepare(Claim("rayleigh", show=lambda_min(M) * norm(v) ** 2 <= inner(v, M * v))))
    assert out.proved
    assert [c["fact"] for c in out.evidence.data["cited_facts"]] == ["rayleigh"]
    assert out.evidence.data["offered"] > 1  # more were offered than used


def test_wide_lower_bound_is_not_proved():
    W, y = Matrix("W", 2, 3), Vector("y", 3)
    out = _decide(decide_spectral, Claim("wide", show=norm(W * y) >= sigma_min(W) * norm(y)))
    assert out is None or not out.proved


def test_minmax_cases_cover_every_point():
    a, b = sp.symbols("a b", nonnegative=True)
    x = Vector("x", 2)
    cases = {value: conds for conds, value in branches(sp.Min(norm(x), a))}
    assert cases == {norm(x): [norm(x) ** 2 <= a ** 2], a: [a ** 2 <= norm(x) ** 2]}  # squared: both >= 0
    assert {value for _, value in branches(sp.Abs(norm(x) - a))} == {norm(x) - a, a - norm(x)}
    y = sp.Symbol("y", real=True)
    assert {value: c for c, value in branches(sp.Max(norm(x), y))}[y] == [norm(x) <= y]  # y may be < 0
    assert splittable([sp.Min(a, b) <= a]) is None  # polynomial arguments: z3 handles them directly


def test_cited_facts_reach_the_assumption_base():
    eta, s = sp.symbols("eta s", positive=True)
    Phi = Matrix("Phi", 2, 3)
    claim = Claim("contraction", given=[sigma_min(Phi) >= s, eta <= 1 / op_norm(Phi) ** 2],
                  show=op_norm(eye(2) - eta * Phi * Phi.T) <= 1 - eta * s ** 2, source="003, (8.118)")
    verdict = check(claim, seconds=10)
    assert verdict.status.value == "proved"
    base = assumption_base(node(claim, "lemma", topic="t"), verdict, {})
    axioms = [e for e in base if e["kind"] == "axiom"]
    origins = {e["origin"] for e in axioms}
    # the eigenvalues of I - eta Phi Phi^T, and lambda_min(Phi Phi^T) = sigma_min(Phi)^2 (Phi is wide): cited
    assert "matrix fact op_norm_polynomial" in origins, origins
    assert origins & {"matrix fact sigma_min_gram", "matrix fact gram_spectrum"}, origins
    assert all("Horn & Johnson" in e["source"] for e in axioms)
    assert {e["kind"] for e in base} == {"hypothesis", "axiom"}
