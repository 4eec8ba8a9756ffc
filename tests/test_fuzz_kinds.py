"""``verify fuzz`` on vector/matrix claims and on claims about a sequence, in-process and on a real Dask cluster.

Each false claim is refuted with a counterexample the core re-checked exactly (pinned where the shrinking
makes it the same for every seed), each true twin is never refuted, and a campaign on the two-process
``LocalCluster`` gives what the in-process one gives (one worker) for the same seed: same counts, same
smallest slack, same counterexample. What stays out of reach (interval claims, experiments, matrix claims
with ``forall`` schemas) is refused with the reason and what to run instead.
"""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

distributed = pytest.importorskip("distributed")

from verify import Claim, Matrix, Vector, during, forall, inner, norm, sigma_min  # noqa: E402
from campaigns import alike, client  # noqa: E402,F401 - client: the module's cluster fixture
from verify.campaign import NotFuzzable, fuzz  # noqa: E402
from verify.cli import main  # noqa: E402

x, z = Vector("x", 3), Vector("z", 3)
D = sp.Function("D")
j = sp.Symbol("j", integer=True, nonnegative=True)
n = sp.Symbol("n", integer=True, positive=True)

TRIANGLE_REVERSED = Claim("triangle_reversed", given=[], show=norm(x + z) >= norm(x) + norm(z))
CAUCHY_SCHWARZ = Claim("cauchy_schwarz", given=[], show=inner(x, z) ** 2 <= norm(x) ** 2 * norm(z) ** 2)
#: false exactly at the equality cases of Cauchy-Schwarz (x, z parallel or zero): the attack's aligned share
CAUCHY_SCHWARZ_STRICT = Claim("cauchy_schwarz_strict", given=[], show=inner(x, z) ** 2 < norm(x) ** 2 * norm(z) ** 2)
#: false only on the unit sphere, a set of measure zero: the attack's share made tight by scaling x hits it
BALL_INTERIOR = Claim("ball_interior", given=[norm(x) <= 1], show=norm(x) < 1)
MONOTONE = [forall(j, D(j + 1) <= D(j))]
DECREASES = Claim("decreases_strictly", given=MONOTONE, show=D(n) < D(0))        # false: a constant sequence
NONINCREASING = Claim("nonincreasing", given=MONOTONE, show=D(n) <= D(0))        # its true twin


def lower_bound(rows: int, cols: int) -> Claim:
    """``||A x|| >= sigma_min(A) ||x||``: true for a tall (or square) A, false for a wide one (A x = 0 off its rows)."""
    a, v = Matrix("A", rows, cols), Vector("x", cols)
    return Claim(f"sigma_min_lower_bound_{rows}x{cols}", given=[], show=norm(a * v) >= sigma_min(a) * norm(v))


def test_reversed_triangle_inequality_is_refuted_exactly_and_alike_on_the_cluster(client):
    local = alike(TRIANGLE_REVERSED, client, instances=20_000, seed=5, shards=4)
    assert local.status == "refuted" and local.kind == "vector/matrix claim"
    assert local.counterexample == {"x": [1, 0, 0], "z": [-1, 0, 0]}  # shrunk: the same for every seed
    assert local.sides == (0, 2)


def test_a_needle_on_the_sphere_is_hit_exactly():
    result = fuzz(BALL_INTERIOR, instances=20_000, seed=0, shards=2)
    assert result.status == "refuted"
    v = sp.Matrix(result.counterexample["x"])
    assert v.dot(v) == 1 and result.sides == (1, 1)


def test_cauchy_schwarz_is_never_refuted_but_its_strict_twin_is(client):
    for seed in (0, 1):
        result = fuzz(CAUCHY_SCHWARZ, instances=20_000, seed=seed, shards=2)
        assert result.status == "tested" and result.counterexample is None
        assert result.feasible == 20_000 and result.rechecked > 0  # near-equality cases went to the core
    assert alike(CAUCHY_SCHWARZ, client, instances=20_000, seed=1, shards=2).status == "tested"
    strict = fuzz(CAUCHY_SCHWARZ_STRICT, instances=20_000, seed=0, shards=2)
    assert strict.status == "refuted"
    a, b = (sp.Matrix(strict.counterexample[k]) for k in ("x", "z"))
    assert (a.dot(b)) ** 2 == a.dot(a) * b.dot(b)  # an equality case, exactly


def test_sigma_min_bound_is_false_for_a_wide_matrix_and_true_for_a_tall_one():
    wide = fuzz(lower_bound(2, 3), instances=20_000, seed=2, shards=2)
    assert wide.status == "refuted"
    a, v = sp.Matrix(wide.counterexample["A"]), sp.Matrix(wide.counterexample["x"])
    assert a.shape == (2, 3) and v.shape == (3, 1)
    assert a * v == sp.zeros(2, 1) and v != sp.zeros(3, 1)  # x in the kernel of the wide A
    assert wide.sides[0] < wide.sides[1]
    tall = fuzz(lower_bound(3, 2), instances=20_000, seed=2, shards=2)
    assert tall.status == "tested" and tall.counterexample is None and tall.rechecked > 0


def test_symmetric_is_not_psd_and_the_counterexample_keeps_its_structure():
    """``x^T A x >= 0``: true for a PSD matrix (never refuted), false for a symmetric one, whose counterexample
    the core re-checked to be symmetric exactly."""
    v = Vector("v", 3)
    psd, sym = Matrix("P", 3, 3, structure="psd"), Matrix("S", 3, 3, structure="symmetric")
    form = Claim("psd_form", given=[], show=sp.Ge(inner(v, psd * v), 0, evaluate=False))  # sympy would fold it
    assert fuzz(form, instances=20_000, seed=3).status == "tested"
    result = fuzz(Claim("symmetric_form", given=[], show=sp.Ge(inner(v, sym * v), 0, evaluate=False)),
                  instances=20_000, seed=3)
    assert result.status == "refuted"
    s, w = sp.Matrix(result.counterexample["S"]), sp.Matrix(result.counterexample["v"])
    assert s == s.T and (w.T * s * w)[0, 0] < 0


def test_a_false_schema_claim_about_a_sequence_is_refuted_alike_on_the_cluster(client):
    local = alike(DECREASES, client, instances=12_000, seed=4, shards=2)
    assert local.status == "refuted" and local.kind == "claim about n"
    cx = local.counterexample
    assert cx["n"] >= 1 and cx[f"D({cx['n']})"] == cx["D(0)"]  # a sequence constant up to n: D(n) < D(0) fails
    assert any("not sampled" in note for note in local.notes)  # the index values left out are said
    true_twin = fuzz(NONINCREASING, instances=12_000, seed=4, shards=2)
    assert true_twin.status == "tested" and true_twin.feasible > 0 and true_twin.rechecked > 0


def test_what_stays_out_of_reach_is_refused_with_the_reason():
    t = sp.Symbol("t", real=True)
    u = sp.Function("u")
    flow = Claim("flow", given=[during(t, 0, 1, sp.Derivative(u(t), t) <= 0)], show=u(1) <= u(0))
    with pytest.raises(NotFuzzable, match="interval of time.*'verify check'"):
        fuzz(flow, instances=10)
    with pytest.raises(NotFuzzable, match="forall.*'verify check'"):
        fuzz(Claim("matrix_schema", given=[forall(j, D(j) >= norm(x))], show=D(n) + 1 >= norm(x)), instances=10)


def test_fuzz_command_takes_vectors_and_matrices(capsys):
    assert main(["fuzz", "norm(A*x) >= sigma_min(A)*norm(x)", "--matrix", "A:2x3", "--vector", "x:3",
                 "--instances", "20000", "--quiet"]) == 1
    assert "A = [[1, 0, 0], [0, 1, 0]], x = [0, 0, 1]" in capsys.readouterr().out
    assert main(["fuzz", "norm(A*x) >= sigma_min(A)*norm(x)", "--matrix", "A:3x2", "--vector", "x:2",
                 "--instances", "20000", "--quiet"]) == 0
    assert main(["fuzz", "gd_pl_rate_run", "--instances", "10", "--quiet"]) == 2
    assert "is an experiment" in capsys.readouterr().err


def test_a_shard_keeps_its_best_candidates_whatever_their_group():
    """Rows that hold with room are no candidates and never push out a near-tight row of a later group;
    clear violations come first, then by group, then the most violating."""
    from verify.fuzz import Pool

    violation = np.array([-1.0, -1.0, -1e-8, 0.5, -1e-7, 2.0])
    group = np.array([0, 0, 1, 1, 1, 2])
    pool = Pool(keep=4)
    pool.offer(violation, np.ones(6, dtype=bool), group, lambda i: {"row": i})
    assert [c.data["row"] for c in pool.candidates(0)] == [3, 5, 2, 4]
