"""The matrix corpus through ``check``: nothing false proved, nothing true refuted, >= 90% of false
refuted; counterexamples are exact instances that satisfy the structure; seeds reproduce results;
the entrywise decider proves only true claims."""
from __future__ import annotations

import itertools

import numpy as np
import pytest
import sympy as sp

from verify import Claim, check
from verify.attack.matrix import attack_matrix
from verify.core.matrix_exact import truth
from verify.core.deciders.entries import decide_entries
from verify.core.linalg import Matrix, Vector, inner, norm, op_norm
from verify.core.problem import prepare

from corpus_matrix import FALSE, TRUE
from parallel import check_all

SECONDS = 2.0


@pytest.fixture(scope="module")
def false_verdicts():
    return check_all(FALSE, seconds=SECONDS, seed=0)


@pytest.fixture(scope="module")
def true_verdicts():
    return check_all(TRUE, seconds=SECONDS, seed=0)


def test_corpus_size():
    assert len(TRUE) >= 25 and len(FALSE) >= 25
    assert len({c.name for c in TRUE + FALSE}) == len(TRUE) + len(FALSE)


@pytest.mark.parametrize("claim", TRUE, ids=lambda c: c.name)
def test_true_claims_are_never_refuted(claim, true_verdicts):
    verdict = true_verdicts[claim.name]
    assert verdict.status.value in ("proved", "tested"), verdict.explain()


@pytest.mark.parametrize("claim", FALSE, ids=lambda c: c.name)
def test_false_claims_are_never_proved(claim, false_verdicts):
    verdict = false_verdicts[claim.name]
    assert verdict.status.value != "proved", verdict.explain()
    if verdict.status.value == "refuted":
        _assert_real_counterexample(claim, verdict)


def test_refute_rate(false_verdicts):
    refuted = [n for n, v in false_verdicts.items() if v.status.value == "refuted"]
    assert len(refuted) >= 0.9 * len(FALSE), sorted(set(false_verdicts) - set(refuted))


def test_prove_rate(true_verdicts):
    proved = [n for n, v in true_verdicts.items() if v.status.value == "proved"]
    assert len(proved) >= 0.75 * len(TRUE), sorted(set(true_verdicts) - set(proved))


@pytest.mark.parametrize("name", ["masked_gradient_inner", "flow_symmetric_form", "pinv_trace_cyclic"])
def test_terms_taken_as_letters_are_proved_and_named_in_the_evidence(name, true_verdicts):
    """``P_Omega(...)``, ``expm(...)`` and ``pinv(...)`` are letters of the word normal form (arbitrary
    matrices of their shapes); the evidence says which."""
    verdict = true_verdicts[name]
    assert verdict.status.value == "proved", verdict.explain()
    assert verdict.evidence[0].rule == "matrix words"
    assert "taken as an arbitrary matrix of its shape" in verdict.evidence[0].detail


def _assert_real_counterexample(claim, verdict):
    """Rebuild the instance from the report and re-check it, independently of the attack's state."""
    problem = prepare(claim)
    cx = verdict.counterexample
    inst, dims = {}, {}
    symbols = {s.name: s for s in problem.symbols}
    for name, value in cx.items():
        sym = symbols[name]
        if isinstance(sym, sp.MatrixSymbol):
            m = sp.ImmutableMatrix(value)
            if m.shape != tuple(int(sp.sympify(d).subs({s: cx[s.name] for s in sp.sympify(d).free_symbols}))
                                for d in sym.shape):
                m = m.T
            assert all(x.is_Rational for x in m), f"{name} is not exact: {value}"
            inst[sym] = m
            _assert_structure(sym, m)
        elif sym.is_integer and sym.is_positive and any(sym in sp.sympify(d).free_symbols
                                                         for m in problem.symbols
                                                         if isinstance(m, sp.MatrixSymbol) for d in m.shape):
            dims[sym] = int(value)
        else:
            inst[sym] = sp.sympify(value)
    for h in problem.hyps:
        assert truth(h, inst, dims) is True
    assert truth(problem.goal, inst, dims) is False


def _assert_structure(sym, m):
    structure = getattr(sym, "structure", "general")
    if structure in ("symmetric", "psd"):
        assert m == m.T
    if structure == "psd":  # every principal minor is >= 0, exactly
        idx = range(m.shape[0])
        for k in range(1, m.shape[0] + 1):
            for rows in itertools.combinations(idx, k):
                assert m.extract(list(rows), list(rows)).det() >= 0
    if structure == "orthogonal":
        assert m.T * m == sp.eye(m.shape[0])
    if structure == "unit":
        assert (m.T * m)[0, 0] == 1
    if structure == "mask":
        assert set(m) <= {0, 1}
    if getattr(sym, "rank", None) is not None:
        assert m.rank() <= int(sym.rank)


def test_same_seed_same_result():
    claim = next(c for c in FALSE if c.name == "weyl_singular_half")
    a = attack_matrix(prepare(claim), budget_seconds=1.0, seed=7)
    b = attack_matrix(prepare(claim), budget_seconds=1.0, seed=7)
    assert a.counterexample is not None and a.counterexample == b.counterexample


def test_true_claim_attack_reports_what_it_did():
    claim = next(c for c in TRUE if c.name == "gd_contraction_8_118")
    result = attack_matrix(prepare(claim), budget_seconds=1.0, seed=1)
    assert result.counterexample is None
    assert result.instances > 5000
    assert result.smallest_slack is not None and result.smallest_slack > -1e-9
    assert any("tight" in m for m in result.methods)


ENTRY_PROVABLE = {"frob_outer_identity", "cauchy_schwarz", "parallelogram", "mask_self_adjoint",
                  "pca_gradient_inner", "residual_recursion_8_114", "trace_is_frobenius",
                  "mask_sum_of_observed_squares", "mask_projection_norm", "mask_observed_zero_residual"}
#: entrywise proofs that need the masks' entries to be 0 or 1: they cite the registry's fact
MASK_ENTRYWISE = {"mask_sum_of_observed_squares", "mask_projection_norm", "mask_observed_zero_residual"}


@pytest.mark.parametrize("claim", [c for c in TRUE if c.name in ENTRY_PROVABLE], ids=lambda c: c.name)
def test_entries_decider_proves_polynomial_identities(claim):
    out = decide_entries(prepare(claim))
    assert out is not None and out.proved, claim.name
    if claim.name in ("frob_outer_identity", "cauchy_schwarz", "parallelogram"):
        assert "covers every dimension" in out.evidence.detail
    cited = [f["fact"] for f in out.evidence.data.get("cited_facts", [])]
    assert cited == (["mask_idempotent"] if claim.name in MASK_ENTRYWISE else []), (claim.name, cited)


def test_entries_decider_never_proves_false_claims():
    for claim in FALSE:
        out = decide_entries(prepare(claim))
        assert out is None or not out.proved, claim.name


def test_entries_decider_refuses_dimension_dependent_claims():
    n = sp.Symbol("n", integer=True, positive=True)
    x = Vector("x", n)
    a = Matrix("A", n, n)
    # true in dimension 1 only: the isometry argument must not apply (a matrix variable)
    claim = Claim("dim_dependent", show=sp.Eq(inner(a * x, a * x), norm(a) ** 2 * norm(x) ** 2))
    assert decide_entries(prepare(claim)) is None


def test_uncomputable_expression_is_unknown_not_error():
    x = Vector("x", 3)
    g = sp.Function("g")
    verdict = check(Claim("opaque", show=g(norm(x)) >= 0), seconds=2, seed=0)
    assert verdict.status.value in ("unknown", "tested", "proved") and verdict.status.value != "refuted"


def test_matrix_inequality_is_reported_not_raised():
    a = Matrix("A", 2, 2)
    verdict = check(Claim("matrix_le", show=sp.Le(op_norm(a), op_norm(a) + 1, evaluate=False)), seconds=2, seed=0)
    assert verdict.status.value in ("proved", "tested")


def test_counterexample_shapes_are_nested_lists():
    claim = next(c for c in FALSE if c.name == "frobenius_below_op")
    verdict = check(claim, seconds=SECONDS, seed=0)
    value = verdict.counterexample["G"]
    assert isinstance(value, list) and len(value) == 3 and all(len(row) == 4 for row in value)
    arr = np.array(value, dtype=float)
    assert np.linalg.norm(arr) > np.linalg.norm(arr, 2)


def test_entries_decider_skips_inverses_and_exponentials():
    from verify.core.linalg import eye, expm, pinv

    a, w = Matrix("A", 2, 2), Matrix("W", 2, 3)
    for show in (sp.Eq(a.inverse(), a.T, evaluate=False), sp.Eq(w * pinv(w), eye(2), evaluate=False),
                 sp.Eq(expm(0 * a), eye(2), evaluate=False)):
        assert decide_entries(prepare(Claim("skip", show=show))) is None


def test_matrix_counterexample_is_shrunk_to_few_nonzero_entries():
    """Equal printed length is not enough: [0, 0, 9] is simpler than [5, 0, 9]."""
    import sympy as sp

    from verify import eye

    x = Vector("x", 3)
    A = Matrix("A", 3, 3, structure="psd")
    eta, L = sp.symbols("eta L", positive=True)
    too_long = Claim("gd_step_too_long", given=[op_norm(A) <= L, eta <= 3 / L],
                     show=norm((eye(3) - eta * A) * x) <= norm(x))
    v = check(too_long, seed=0)
    assert v.status.value == "refuted"
    assert sum(1 for e in v.counterexample["x"] if e != 0) == 1


def test_an_interrupted_matrix_search_keeps_the_instances_it_saw(monkeypatch):
    """A search stopped at its hard limit (one numpy call too long on a loaded machine) reports what it
    had seen, so a claim it did not refute stays tested rather than turning unknown; no counterexample."""
    import time as clock

    from verify import Vector, norm
    from verify.attack import attack, matrix
    from verify.core.problem import Problem

    x, z = Vector("x", 3), Vector("z", 3)
    problem = Problem("triangle", [], norm(x + z) <= norm(x) + norm(z))

    def stuck(self, until):
        clock.sleep(30)

    monkeypatch.setattr(matrix._Search, "hypothesis_phase", stuck)
    started = clock.monotonic()
    result = attack(problem, seconds=0.3, seed=0)
    assert clock.monotonic() - started < 10
    assert result.instances > 0 and result.counterexample is None
    assert any("instances it had seen are kept" in n for n in result.notes), result.notes
