"""Exact small instances of vector/matrix claims as hypothesis strategies (the attack's hypothesis phase and
``verify.strategies`` draw from here), and the argument checks of ``verify.strategies``.

``draw_exact_instance(data, world)`` draws, with hypothesis, a small exact instance of a claim's
variables that satisfies their structure exactly: integer or simple-fraction scalars obeying the
symbols' assumptions; dimensions 1..``max_dim``; integer matrices (symmetric: mirrored; PSD:
``B B^T`` with integer ``B``; rank ``r``: ``B C^T`` with ``r`` columns; diagonal; 0/1 masks);
orthogonal matrices as products of rational Householder reflections; unit vectors by inverse
stereographic projection of a rational point. Small values shrink towards 0, so shrunk
counterexamples are readable.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np
import sympy as sp
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .matrix_forms import householder_exact

SMALL = st.integers(-3, 3)


def check_dimension(value: Any, name: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise InvalidArgument(f"{where}: {name}={value!r} must be a positive int, such as {name}=3")
    if value < 1:
        raise InvalidArgument(f"{where}: {name}={value} must be at least 1")
    return int(value)


def check_positive_float(value: Any, name: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise InvalidArgument(f"{where}: {name}={value!r} must be a positive finite number")
    if not math.isfinite(float(value)) or float(value) <= 0:
        raise InvalidArgument(f"{where}: {name}={value!r} must be a positive finite number")
    return float(value)


def check_rank(rank: Any, rows: int, cols: int, where: str) -> int | None:
    if rank is None:
        return None
    if isinstance(rank, bool) or not isinstance(rank, (int, np.integer)):
        raise InvalidArgument(f"{where}: rank={rank!r} must be None or an int between 0 and {min(rows, cols)}")
    if not 0 <= rank <= min(rows, cols):
        raise InvalidArgument(f"{where}: rank={rank} must lie between 0 and min(rows, cols) = "
                              f"{min(rows, cols)}")
    return int(rank)


def householder_np(vectors: list[np.ndarray], n: int) -> np.ndarray:
    """Product of reflections ``I - 2 w w^T / |w|^2`` (zero vectors skipped): an orthogonal matrix."""
    q = np.eye(n)
    for w in vectors:
        nn = float(w @ w)
        if nn > 1e-12:
            q = q - (2.0 / nn) * np.outer(q @ w, w)
    return q


@st.composite
def orthogonal_np(draw, n: int) -> np.ndarray:
    vec = st.lists(st.floats(-1, 1, allow_nan=False), min_size=n, max_size=n).map(np.array)
    ws = draw(st.lists(vec, min_size=0, max_size=n))
    return householder_np(ws, n)


def _fraction(draw) -> sp.Rational:
    num = draw(st.integers(-6, 6))
    den = draw(st.sampled_from([1, 1, 2, 3, 4]))
    return sp.Rational(num, den)


def draw_scalar(draw, sym: sp.Symbol) -> sp.Rational:
    """A small integer (integer symbols) or simple fraction respecting the symbol's sign assumptions."""
    return with_sign_of(sym, sp.Integer(draw(st.integers(-6, 12))) if sym.is_integer else _fraction(draw))


def with_sign_of(sym: sp.Symbol, v: sp.Rational) -> sp.Rational:
    """``v`` moved to the sign ``sym`` is assumed to have (``|v|`` for a positive symbol, 1 for 0, ...)."""
    if sym.is_positive:
        v = abs(v) if v != 0 else sp.Integer(1)
    elif sym.is_nonnegative:
        v = abs(v)
    elif sym.is_negative:
        v = -abs(v) if v != 0 else sp.Integer(-1)
    elif sym.is_nonpositive:
        v = -abs(v)
    return v


def _int_matrix(draw, r: int, c: int) -> sp.Matrix:
    return sp.Matrix(r, c, draw(st.lists(SMALL, min_size=r * c, max_size=r * c)))


def draw_matrix(draw, structure: str, shape: tuple[int, int], rank: int | None, is_vector: bool) -> sp.Matrix:
    """An exact small matrix with the given structure (see the module docstring)."""
    r, c = shape
    if is_vector and structure == "unit":
        t = [_fraction(draw) for _ in range(r - 1)]
        tt = sum(x * x for x in t)
        sgn = draw(st.sampled_from([1, -1]))
        return sp.Matrix([sgn * 2 * x / (tt + 1) for x in t] + [sgn * (tt - 1) / (tt + 1)])
    if structure == "mask":
        return sp.Matrix(r, c, draw(st.lists(st.sampled_from([1, 0]), min_size=r * c, max_size=r * c)))
    if structure == "orthogonal":
        ws = draw(st.lists(st.lists(SMALL, min_size=r, max_size=r), min_size=0, max_size=r))
        return householder_exact(sp.Matrix(r, len(ws), [x for col in zip(*ws) for x in col]) if ws
                                 else sp.zeros(r, 0))
    if structure == "diagonal":
        d = draw(st.lists(SMALL, min_size=r, max_size=r))
        if rank is not None:
            d = d[:rank] + [0] * (r - rank)
        return sp.diag(*d)
    if structure == "psd":
        k = rank if rank is not None else r
        b = _int_matrix(draw, r, k)
        return b * b.T
    if structure == "symmetric":
        if rank is not None:
            b = _int_matrix(draw, r, rank)
            signs = sp.diag(*draw(st.lists(st.sampled_from([1, -1]), min_size=rank, max_size=rank)))
            return b * signs * b.T
        m = _int_matrix(draw, r, c)
        return sp.Matrix(r, c, lambda i, j: m[min(i, j), max(i, j)])
    if rank is not None:
        return _int_matrix(draw, r, rank) * _int_matrix(draw, c, rank).T
    return _int_matrix(draw, r, c)


def draw_exact_instance(draw, world: Any, max_dim: int = 4) -> tuple[dict, dict]:
    """``(dims, instance)``: dimension symbols -> ints in ``1..max_dim`` (ranks within bounds), and
    every scalar and vector/matrix variable of ``world`` -> an exact value."""
    dims = {s: draw(st.integers(1, max_dim)) for s in world.dim_symbols}
    inst: dict = {}
    for s in world.scalars:
        inst[s] = draw_scalar(draw, s)
    for m in world.matrices:
        shape = world.shape(m, dims)
        rank = world.rank(m, dims)
        if rank is not None and rank > min(shape):
            rank = min(shape)
        is_vector = shape[1] == 1 and world.structure(m) in ("general", "unit") and _is_vector(m)
        inst[m] = sp.ImmutableMatrix(draw_matrix(draw, world.structure(m), shape, rank, is_vector))
    return dims, inst


def _is_vector(m: Any) -> bool:
    from ..core.linalg import Vector

    return isinstance(m, Vector) or not hasattr(m, "structure")


@st.composite
def tightened_instances(draw, world: Any, max_dim: int = 4, stop: Any = None) -> tuple[dict, dict] | None:
    """An exact instance, with some inequality hypotheses made tight exactly (``None`` once
    ``stop()`` is true, so a time-boxed search ends without drawing more)."""
    from ..core.matrix_exact import evaluate

    if stop is not None and stop():
        return None
    dims, inst = draw_exact_instance(draw, world, max_dim)
    for sol in world.solutions:
        if sol.define or draw(st.booleans()):
            try:
                value = evaluate(sol.solution, inst, dims)
            except (KeyError, ZeroDivisionError, TypeError, ValueError):
                continue
            value = sp.sympify(value)
            if value.is_number and value.is_real and not value.has(sp.Float, sp.zoo, sp.nan):
                inst[sol.symbol] = value
    return dims, inst
