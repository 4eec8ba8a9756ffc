"""hypothesis strategies for vectors, matrices and the instances of a claim.

Use them in your own tests::

    from hypothesis import given
    from verify.strategies import psd_matrices, claim_instances

    @given(psd_matrices(4, rank=2))
    def test_trace_nonnegative(a):
        assert a.trace() >= -1e-9

Matrices are ``numpy`` float64 arrays. Each strategy validates its arguments when it is built and
raises ``hypothesis.errors.InvalidArgument`` naming the argument and what to change. Values are
generated from factors that guarantee the structure (see each docstring), so no example is filtered
out for breaking it; shrinking moves spectra and reflection vectors towards 0.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import sympy as sp
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ._claim_instances import constructed_instances
from .attack.instances import check_dimension, check_positive_float, check_rank, orthogonal_np

__all__ = ["orthogonal_matrices", "psd_matrices", "symmetric_matrices", "matrices_with_singular_values",
           "unit_vectors", "sampling_masks", "claim_instances"]


def orthogonal_matrices(n: int) -> st.SearchStrategy[np.ndarray]:
    """``n x n`` orthogonal matrices: products of up to ``n`` Householder reflections
    ``I - 2 w w^T / |w|^2`` with ``w`` drawn from ``[-1, 1]^n`` (every orthogonal matrix is such a
    product). Shrinks towards the identity."""
    n = check_dimension(n, "n", "orthogonal_matrices")
    return orthogonal_np(n)


def _spectrum(values: Any, size: int, where: str, low: float, high: float) -> st.SearchStrategy:
    if values is None:
        return st.lists(st.floats(low, high, allow_nan=False, allow_infinity=False), min_size=size, max_size=size)
    if isinstance(values, st.SearchStrategy):
        return st.lists(values, min_size=size, max_size=size)
    raise InvalidArgument(f"{where}: eigenvalues must be None or a strategy for one eigenvalue, e.g. "
                          f"st.floats(0, 10), got {values!r}")


def psd_matrices(n: int, *, rank: int | None = None, max_eigenvalue: float = 10.0,
                 eigenvalues: st.SearchStrategy | None = None) -> st.SearchStrategy[np.ndarray]:
    """Symmetric positive semidefinite ``n x n`` matrices ``Q diag(lam) Q^T``: ``Q`` from
    ``orthogonal_matrices(n)``, ``lam`` from ``eigenvalues`` (default floats in
    ``[0, max_eigenvalue]``; negative draws are replaced by their absolute value) with all but
    ``rank`` of them set to 0 when ``rank`` is given. Shrinks towards the zero matrix."""
    n = check_dimension(n, "n", "psd_matrices")
    rank = check_rank(rank, n, n, "psd_matrices")
    top = check_positive_float(max_eigenvalue, "max_eigenvalue", "psd_matrices")
    lams = _spectrum(eigenvalues, n, "psd_matrices", 0.0, top)

    @st.composite
    def build(draw) -> np.ndarray:
        q = draw(orthogonal_np(n))
        lam = np.abs(np.array(draw(lams), dtype=float))
        if rank is not None:
            lam[rank:] = 0.0
        a = (q * lam) @ q.T
        return 0.5 * (a + a.T)
    return build()


def symmetric_matrices(n: int, *, max_abs_eigenvalue: float = 10.0,
                       eigenvalues: st.SearchStrategy | None = None) -> st.SearchStrategy[np.ndarray]:
    """Symmetric ``n x n`` matrices ``Q diag(lam) Q^T`` with ``Q`` orthogonal and ``lam`` drawn from
    ``eigenvalues`` (default floats in ``[-max_abs_eigenvalue, max_abs_eigenvalue]``)."""
    n = check_dimension(n, "n", "symmetric_matrices")
    top = check_positive_float(max_abs_eigenvalue, "max_abs_eigenvalue", "symmetric_matrices")
    lams = _spectrum(eigenvalues, n, "symmetric_matrices", -top, top)

    @st.composite
    def build(draw) -> np.ndarray:
        q = draw(orthogonal_np(n))
        a = (q * np.array(draw(lams), dtype=float)) @ q.T
        return 0.5 * (a + a.T)
    return build()


def matrices_with_singular_values(singular_values: Sequence[float] | st.SearchStrategy, rows: int,
                                  cols: int) -> st.SearchStrategy[np.ndarray]:
    """``rows x cols`` matrices ``U[:, :k] diag(s) V[:, :k]^T`` with ``U``, ``V`` from
    ``orthogonal_matrices`` and ``k = min(rows, cols)``: their singular values are exactly ``s``
    (up to rounding). ``singular_values`` is a sequence of ``k`` non-negative numbers or a strategy
    producing such sequences."""
    rows = check_dimension(rows, "rows", "matrices_with_singular_values")
    cols = check_dimension(cols, "cols", "matrices_with_singular_values")
    k = min(rows, cols)
    if isinstance(singular_values, st.SearchStrategy):
        svals = singular_values
    else:
        try:
            values = [float(s) for s in singular_values]
        except (TypeError, ValueError) as exc:
            raise InvalidArgument(f"matrices_with_singular_values: singular_values must be {k} "
                                  f"non-negative numbers or a strategy, got {singular_values!r}") from exc
        if len(values) != k:
            raise InvalidArgument(f"matrices_with_singular_values: a {rows} x {cols} matrix has {k} singular "
                                  f"values; got {len(values)}")
        if any(not np.isfinite(s) or s < 0 for s in values):
            raise InvalidArgument(f"matrices_with_singular_values: singular values must be finite and "
                                  f">= 0, got {values}")
        svals = st.just(values)

    @st.composite
    def build(draw) -> np.ndarray:
        s = np.array(draw(svals), dtype=float)
        if s.shape != (k,) or np.any(~np.isfinite(s)) or np.any(s < 0):
            raise InvalidArgument(f"matrices_with_singular_values: the strategy gave {s.tolist()}; it must "
                                  f"give {k} finite non-negative numbers")
        u = draw(orthogonal_np(rows))[:, :k]
        v = draw(orthogonal_np(cols))[:, :k]
        return (u * s) @ v.T
    return build()


def unit_vectors(n: int) -> st.SearchStrategy[np.ndarray]:
    """Vectors of ``R^n`` with Euclidean norm 1: a non-zero vector drawn from ``[-1, 1]^n`` divided by
    its norm (draws of norm below ``1e-6`` are replaced by the first basis vector). Shape ``(n,)``."""
    n = check_dimension(n, "n", "unit_vectors")

    def normalise(v: list[float]) -> np.ndarray:
        a = np.array(v, dtype=float)
        nrm = float(np.linalg.norm(a))
        if nrm < 1e-6:
            a = np.zeros(n)
            a[0] = 1.0
            return a
        return a / nrm
    return st.lists(st.floats(-1, 1, allow_nan=False), min_size=n, max_size=n).map(normalise)


def sampling_masks(rows: int, cols: int | None = None, *, rate: float = 0.5) -> st.SearchStrategy[np.ndarray]:
    """0/1 float masks of shape ``rows x cols`` (square by default): each entry is 1 when a uniform
    draw in ``[0, 1)`` falls below ``rate`` — independent Bernoulli(``rate``) entries as in matrix
    completion. Shrinks towards the all-ones mask (draws shrink to 0)."""
    rows = check_dimension(rows, "rows", "sampling_masks")
    cols = rows if cols is None else check_dimension(cols, "cols", "sampling_masks")
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= float(rate) <= 1:
        raise InvalidArgument(f"sampling_masks: rate={rate!r} must be a number in [0, 1]")
    size = rows * cols

    def to_mask(u: list[float]) -> np.ndarray:
        return (np.array(u).reshape(rows, cols) < float(rate)).astype(float)
    return st.lists(st.floats(0, 1, exclude_max=True), min_size=size, max_size=size).map(to_mask)


def claim_instances(claim: Any, *, max_dimension: int = 4, exact: bool = False) -> st.SearchStrategy[dict]:
    """Instances of a claim's variables at which every hypothesis holds (checked exactly).

    Each example is a dict from symbol name to value: dimension symbols get ints in
    ``1..max_dimension``; scalars integers in ``-50..50`` or fractions ``p/q`` (``|p| <= 100``,
    ``q <= 16``) obeying their assumptions; vectors and matrices small exact values with their
    declared structure (integer entries, ``B B^T`` for PSD, rational Householder products for
    orthogonal, rational unit vectors). Hypotheses are met by construction where possible:
    ``s == expr`` defines ``s``; a coin per example makes one linear inequality hypothesis tight
    exactly (heads: about half of the examples) or moves the symbol of each violated one just inside
    (tails); a vector under ``norm(v) <= c`` is put on the sphere of radius ``c``, inside it, or scaled
    into it. Every hypothesis is then checked in exact (or 50-digit) arithmetic and failing draws are
    discarded (``assume``), so hypotheses that are hard to meet or contradictory (``x**2 == 2`` among
    rationals) still end in ``FailedHealthCheck`` (too much filtering) or ``Unsatisfiable``.
    With ``exact=True`` values are sympy numbers and matrices; otherwise integer symbols and
    dimensions are ``int``, other scalars ``float``, vectors and matrices ``numpy`` arrays (vectors
    with shape ``(n,)``).
    """
    from .core.matrix_exact import certainly
    from .attack.matrix_world import World
    from .core.problem import ClaimError, prepare

    if not hasattr(claim, "show") or not hasattr(claim, "given"):
        raise InvalidArgument(f"claim_instances: expected a verify Claim, got {type(claim).__name__}")
    max_dimension = check_dimension(max_dimension, "max_dimension", "claim_instances")
    try:
        problem = prepare(getattr(claim, "claim", claim))
    except ClaimError as exc:
        raise InvalidArgument(f"claim_instances: the claim is malformed: {exc}") from exc
    if problem.schemas:
        raise InvalidArgument(f"claim_instances: {claim.name} has hypotheses quantified over an index "
                              f"(forall); instances cannot be checked against them")
    world = World(problem.hyps, problem.goal)

    @st.composite
    def build(draw) -> dict:
        dims, inst = draw(constructed_instances(world, max_dimension))
        assume(all(certainly(h, inst, dims) for h in world.hyps))
        out: dict = {s.name: v for s, v in dims.items()}
        for s, v in inst.items():
            out[s.name] = v if exact else _to_float(v, integer=bool(getattr(s, "is_integer", False)))
        return out
    return build()


def _to_float(value: Any, integer: bool = False) -> Any:
    if integer and getattr(value, "is_Integer", False):
        return int(value)
    if isinstance(value, sp.MatrixBase):
        a = np.array(value.tolist(), dtype=float)
        return a[:, 0] if a.shape[1] == 1 else a
    return float(value)
