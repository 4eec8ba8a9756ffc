"""The matrix-word normal form and the Gram reduction: each rewrite checked numerically on random words,
the dimension argument stated in the evidence, dimensions below the number of vectors handled exactly,
what the reduction does not cover left alone, and ``use`` at vector and matrix substitutions."""
from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from verify import Claim, Status, check, use
from verify.core.counterexamples import confirm
from verify.core.deciders.base import NotApplicable
from verify.core.deciders.gram import REALISABLE, decide_gram
from verify.core.deciders.smt import decide_z3
from verify.core.deciders.words import close, expand
from verify.core.linalg import Matrix, P_Omega, Vector, inner, lambda_min, norm, pinv, sampling_mask, trace
from verify.core.problem import prepare

n = sp.Symbol("n", integer=True, positive=True)
m = sp.Symbol("m", integer=True, positive=True)

# -- the normal form against numbers ----------------------------------------------------------------------
SIZE = 3
A, S, Q = Matrix("A", SIZE, SIZE), Matrix("S", SIZE, SIZE, structure="symmetric"), \
    Matrix("Q", SIZE, SIZE, structure="orthogonal")
X, Y = Vector("x", SIZE), Vector("y", SIZE)


def _values(rng):
    a = rng.standard_normal((SIZE, SIZE))
    s = rng.standard_normal((SIZE, SIZE))
    q, _ = np.linalg.qr(rng.standard_normal((SIZE, SIZE)))
    return {"A": a, "S": s + s.T, "Q": q, "x": rng.standard_normal((SIZE, 1)), "y": rng.standard_normal((SIZE, 1))}


def _value(word, vals):
    out = np.eye(word[0].shape[0] if word else SIZE)
    for letter in word:
        mat = vals[letter.name]
        out = out @ (mat.T if letter.transposed else mat)
    return out


def _random_closed_word(rng):
    """A random product of A, S, Q, x, y and transposes whose shapes chain and close (square)."""
    square = [A, S, Q, A.T, Q.T]
    while True:
        letters, rows = [], SIZE
        for _ in range(rng.integers(1, 7)):
            if rows == 1:
                nxt = [X.T, Y.T][rng.integers(2)]
            else:
                pool = square + [X, Y]
                nxt = pool[rng.integers(len(pool))]
            letters.append(nxt)
            rows = nxt.shape[1]
        if rows == letters[0].shape[0]:
            return letters


@pytest.mark.parametrize("seed", range(200))
def test_trace_normal_form_agrees_with_numbers(seed):
    rng = np.random.default_rng(seed)
    letters = _random_closed_word(rng)
    expr = letters[0] if len(letters) == 1 else sp.MatMul(*letters)
    poly = expand(expr, lambda c: c)
    vals = _values(rng)
    direct = np.linalg.multi_dot([vals[l.name] if not isinstance(l, sp.Transpose) else vals[l.arg.name].T
                                  for l in letters] + [np.eye(letters[-1].shape[1])])
    want = np.trace(direct)
    got = 0.0
    for word, coeff in poly.terms.items():
        value = float(coeff)
        for piece in close(word, poly.shape[0]):
            value *= float(piece[1]) if piece[0] == "tr(I)" else np.trace(_value(piece[2], vals))
        got += value
    assert np.isclose(got, want, rtol=1e-9, atol=1e-9), (letters, poly.terms)


def test_orthogonal_and_symmetric_rewrites_are_used():
    poly = expand(Q.T * S.T * Q, lambda c: c)
    (word,) = poly.terms
    assert [str(l) for l in word] == ["Q^T", "S", "Q"]
    assert close(word, SIZE)[0][2] == close(tuple(expand(S, lambda c: c).terms)[0], SIZE)[0][2]


# -- the Gram reduction ------------------------------------------------------------------------------------
x, z = Vector("x", n), Vector("z", n)


def test_cauchy_schwarz_states_the_dimension_argument():
    out = decide_gram(prepare(Claim("cs", show=inner(x, z) ** 2 <= norm(x) ** 2 * norm(z) ** 2)))
    assert out is not None and out.proved
    assert "every dimension d >= 2" in out.evidence.detail and REALISABLE in out.evidence.detail
    assert out.evidence.data["vectors"] == {"n": ["x", "z"]}


def test_below_the_number_of_vectors_the_frame_is_exact():
    e, f = Vector("e", 2, structure="unit"), Vector("f", 2, structure="unit")
    y2 = Vector("y", 2)
    parseval = Claim("parseval", given=[sp.Eq(inner(e, f), 0)],
                     show=sp.Eq(norm(y2) ** 2, inner(y2, e) ** 2 + inner(y2, f) ** 2))
    out = decide_gram(prepare(parseval))
    assert out is not None and out.proved and "dimension 2 < 3" in out.evidence.detail
    e3, f3, y3 = Vector("e", 3, structure="unit"), Vector("f", 3, structure="unit"), Vector("y", 3)
    twin = Claim("parseval3", given=[sp.Eq(inner(e3, f3), 0)],
                 show=sp.Eq(norm(y3) ** 2, inner(y3, e3) ** 2 + inner(y3, f3) ** 2))
    problem = prepare(twin)
    out = decide_gram(problem)
    assert out is not None and not out.proved and out.candidate is not None
    assert confirm(problem, out.candidate).violated


def test_in_dimension_one_a_vector_is_its_entry():
    x1, y1, z1 = (Vector(s, 1) for s in "xyz")
    out = decide_gram(prepare(Claim("r1", show=inner(x1, y1) * inner(y1, z1) * inner(z1, x1) >= 0)))
    assert out is not None and out.proved and "closed words kept as reals: (x), (y), (z)" in out.evidence.detail
    x2, y2, z2 = (Vector(s, 2) for s in "xyz")
    out = decide_gram(prepare(Claim("r2", show=inner(x2, y2) * inner(y2, z2) * inner(z2, x2) >= 0)))
    assert out is None or not out.proved


def test_a_refutation_is_vectors_of_the_claims_dimension():
    problem = prepare(Claim("tri_rev", show=norm(x + z) >= norm(x) + norm(z)))
    out = decide_gram(problem)
    assert out is not None and not out.proved
    assert out.candidate["n"] == 2 and len(out.candidate["x"]) == 2
    confirm(problem, out.candidate)


def test_opaque_values_prove_but_never_refute():
    M = Matrix("M", n, n, structure="symmetric")
    ok = Claim("abstract", show=lambda_min(M) * norm(x) ** 2 + inner(x, z) ** 2 <= lambda_min(M) * norm(x) ** 2
               + norm(x) ** 2 * norm(z) ** 2)
    out = decide_gram(prepare(ok))
    assert out is not None and out.proved and "abstracted as reals" in out.evidence.detail
    wrong = Claim("rayleigh_wrong", show=inner(x, M * x) <= lambda_min(M) * norm(x) ** 2)
    out = decide_gram(prepare(wrong))
    assert out is None or (not out.proved and out.candidate is None)


def test_a_masked_matrix_is_an_arbitrary_letter_it_neither_proves_its_bounds_nor_refutes():
    """``P_Omega(C)`` is a letter of its own: the Gram reduction knows nothing of it but its shape, so it proves
    what holds for every matrix in its place and offers no model as a counterexample (the model's matrix need not
    be a masked ``C``)."""
    Om, C = sampling_mask("Omega", 3, 3), Matrix("C", 3, 3)
    for show in (norm(P_Omega(Om, C)) <= norm(C), norm(P_Omega(Om, C)) >= norm(C)):
        out = decide_gram(prepare(Claim("mask", show=show)))
        assert out is None or (not out.proved and out.candidate is None), out
    same = decide_gram(prepare(Claim("mask_cs", show=inner(P_Omega(Om, C), C) ** 2
                                     <= norm(P_Omega(Om, C)) ** 2 * norm(C) ** 2)))
    assert same is None or same.candidate is None
    word = decide_gram(prepare(Claim("mask_word", show=sp.Eq(inner(P_Omega(Om, C), C), trace(C.T * P_Omega(Om, C))))))
    assert word is not None and word.proved and "taken as an arbitrary matrix of its shape" in word.evidence.detail


def test_the_dimension_as_a_scalar():
    out = decide_gram(prepare(Claim("trI", show=sp.Eq(trace(sp.Identity(n) - x * x.T), n - norm(x) ** 2))))
    assert out is not None and out.proved and out.evidence.rule == "matrix words"


def test_issue_10_norm_claim_is_refuted_not_an_error():
    verdict = check(Claim("x2g", show=norm(x - 2 * z) <= norm(x)), seed=0)
    assert verdict.status.value == "refuted"


def test_z3_does_not_take_matrix_terms_for_commuting_reals():
    B, C = Matrix("B", n, n), Matrix("C", n, n)
    with pytest.raises(NotApplicable):
        decide_z3(prepare(Claim("tp", show=sp.Eq((B * C).T, B.T * C.T))))


# -- use at vector and matrix substitutions ----------------------------------------------------------------
cs = Claim("cs_lemma", show=inner(x, z) ** 2 <= norm(x) ** 2 * norm(z) ** 2)
P = Matrix("P", n, n, structure="psd")
psd_form = Claim("psd_form", given=[], show=inner(x, P * x) + norm(x) ** 2 >= norm(x) ** 2)
Am, y, w = Matrix("A", m, m), Vector("y", m), Vector("w", m)


def test_use_binds_the_lemmas_dimension():
    u = use(cs, {x: Am * y, z: w})
    assert (n, m) in u.mapping
    assert u.conclusion() == (inner(Am * y, w) ** 2 <= norm(Am * y) ** 2 * norm(w) ** 2)


def test_use_keeps_structure_obligations():
    u = use(psd_form, {P: Am + Am.T, x: y})
    obligations = [str(h) for h in u.hypotheses()]
    assert any("LambdaMin" in h for h in obligations), obligations
    claim = Claim("via_lemma", given=[u], show=inner(y, (Am + Am.T) * y) >= 0)
    verdict = check(claim, seed=0)
    assert verdict.status.value != "proved", verdict.explain()


def test_use_rejects_two_values_for_one_dimension():
    with pytest.raises(ValueError, match="dimension n would be both"):
        use(cs, {x: y, z: Vector("q", 3)})


# -- index sums (sympy's entries of products) --------------------------------------------------------------
def test_an_entry_of_a_product_is_a_contraction():
    p = sp.Symbol("p", integer=True, positive=True)
    J, r = Matrix("DF", n, p), Vector("r", n)
    out = decide_gram(prepare(Claim("tk", show=sp.Eq((r.T * J * J.T * r)[0, 0], norm(J.T * r) ** 2))))
    assert out is not None and out.proved
    wrong = decide_gram(prepare(Claim("tk2", show=sp.Eq((r.T * J * J.T * r)[0, 0], 2 * norm(J.T * r) ** 2))))
    assert wrong is None or not wrong.proved


def test_a_partial_index_range_is_not_a_contraction():
    from verify.core.deciders.contraction import contractions

    i, j = sp.symbols("i j", integer=True)
    A = Matrix("A", n, n)
    with pytest.raises(NotApplicable, match="whole axis"):
        contractions(sp.Sum(A[i, j] * A[j, i], (i, 0, n - 2), (j, 0, n - 1)))
    with pytest.raises(NotApplicable, match="occurs 3 times"):
        contractions(sp.Sum(A[i, i] * A[i, j], (i, 0, n - 1), (j, 0, n - 1)))
    ((coeff, words),) = contractions(sp.Sum(A[i, j] * A[j, i], (i, 0, n - 1), (j, 0, n - 1)))
    assert coeff == 1 and [[str(l) for l in w] for w, _ in words] == [["A", "A"]]


def test_letters_of_different_kinds_in_one_word_are_ordered():
    """A masked matrix beside a pseudo-inverse in one trace: their letters' keys are compared when the word
    is put in normal form (a key of one type for every letter; a str against a tuple raised TypeError)."""
    A_, B_ = Matrix("A", n, n), Matrix("B", n, n)
    Om = sampling_mask("Omega", n, n)
    claim = Claim("mixed_letters", show=sp.Eq(trace(P_Omega(Om, A_) * pinv(B_)), trace(pinv(B_) * P_Omega(Om, A_))))
    out = decide_gram(prepare(claim))
    assert out is not None and out.proved and out.evidence.rule == "matrix words"
    v = check(claim, seed=0)
    assert v.status is Status.PROVED and "raised" not in v.explain(), v.explain()
