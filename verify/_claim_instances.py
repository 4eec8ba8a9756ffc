"""Private helpers of :func:`verify.strategies.claim_instances`: instances that satisfy a claim's
hypotheses by construction where that is possible, so that hypothesis rarely has to filter.

* scalars: integers in ``-50..50`` or fractions ``p/q`` with ``|p| <= 100``, ``q <= 16`` (their sign
  as declared), so that draws are mostly distinct;
* ``s == expr`` hypotheses define ``s``;
* one coin per example decides tightness: heads, one linear inequality hypothesis is made tight
  exactly (its symbol set to the solution); tails, every violated linear inequality hypothesis gets
  its symbol moved just inside (the solution plus or minus a small fraction, on the side that holds);
* ``norm(v) <= c`` (``<``, ``==``) with ``v`` a vector: ``v`` is put on the sphere of radius ``c``
  (``c`` times a rational unit vector: its norm is ``c`` exactly), strictly inside it, or scaled
  into the ball, so the hypothesis holds exactly.

Every hypothesis is still checked exactly afterwards; a draw that fails is discarded.
"""
from __future__ import annotations

import math
from typing import Any

import sympy as sp
from hypothesis import strategies as st

from .attack.instances import _is_vector, draw_matrix, with_sign_of
from .core._linalg_functions import Norm
from .core.matrix_exact import certainly, evaluate


def draw_scalar_wide(draw: Any, sym: sp.Symbol) -> sp.Rational:
    """A small exact number obeying ``sym``'s sign and integrality, from a range wide enough that
    300 draws are mostly distinct."""
    if sym.is_integer:
        return with_sign_of(sym, sp.Integer(draw(st.integers(-50, 50))))
    return with_sign_of(sym, sp.Rational(draw(st.integers(-100, 100)), draw(st.integers(1, 16))))


def ball_constraints(world: Any) -> list[tuple[int, Any, str, Any]]:
    """``(index, vector, op, radius)`` for each hypothesis ``norm(v) op radius`` (op ``<=``, ``<``,
    ``==``; ``radius`` free of ``v``), ``v`` a vector variable of the claim."""
    out = []
    vectors = {m for m in world.matrices if m.shape[1] == 1}
    for i, h in enumerate(world.hyps):
        if not isinstance(h, sp.core.relational.Relational) or h.rel_op not in ("<=", "<", "==", ">=", ">"):
            continue
        lhs, rhs, op = h.lhs, h.rhs, h.rel_op
        if op in (">=", ">"):
            lhs, rhs, op = rhs, lhs, {">=": "<=", ">": "<"}[op]
        if isinstance(lhs, Norm) and lhs.args[0] in vectors and lhs.args[0] not in rhs.free_symbols:
            out.append((i, lhs.args[0], op, rhs))
    return out


def _upper_sqrt(value: sp.Rational) -> sp.Rational:
    """A rational at least ``sqrt(value)`` (exact when ``value`` is a perfect square)."""
    root = sp.sqrt(value)
    if root.is_Rational:
        return root
    return sp.Rational(math.isqrt(int(sp.ceiling(value * 10 ** 6))) + 1, 10 ** 3)


def into_ball(draw: Any, world: Any, dims: dict, inst: dict) -> None:
    """Make each ``norm(v) op c`` hypothesis hold: ``v`` on the sphere, inside it, or scaled in."""
    for _, v, op, radius in ball_constraints(world):
        try:
            c = sp.nsimplify(evaluate(radius, inst, dims))
        except (KeyError, ZeroDivisionError, TypeError, ValueError):
            continue
        if not (c.is_number and c.is_real and c >= 0):
            continue
        n = world.shape(v, dims)[0]
        mode = "boundary" if op == "==" else draw(st.sampled_from(["boundary", "inside", "scaled"] if op == "<="
                                                                  else ["inside", "scaled"]))
        if mode == "scaled":
            x = sp.Matrix(inst[v])
            squared = sum(e * e for e in x)
            if squared == 0 or (squared < c * c if op == "<" else squared <= c * c):
                continue
            q = _upper_sqrt(squared)
            inst[v] = sp.ImmutableMatrix(x * (c / q) * (sp.Rational(1, 2) if op == "<" else 1))
            continue
        u = sp.Matrix(draw_matrix(draw, "unit", (n, 1), None, True))
        t = sp.Integer(1) if mode == "boundary" else sp.Rational(draw(st.integers(0, 9)), 10)
        inst[v] = sp.ImmutableMatrix(u * c * t)


def settle_linear(draw: Any, world: Any, dims: dict, inst: dict, tight: bool) -> None:
    """Defining equations always; then one inequality made tight (``tight``), and each inequality still
    violated moved just inside, on the side where it holds exactly (twice over, as one move may undo
    another)."""
    solutions = [s for s in world.solutions if not s.define]
    for sol in world.solutions:
        if sol.define:
            _set(sol, inst, dims)
    chosen = None
    if tight and solutions:
        chosen = draw(st.sampled_from(solutions))
        _set(chosen, inst, dims)
    ratio = sp.Rational(draw(st.integers(1, 8)), 16)
    step = sp.Rational(draw(st.integers(1, 12)), 4)
    for _ in range(2):
        for sol in solutions:
            if chosen is not None and sol.symbol == chosen.symbol:
                continue
            hyp = world.hyps[sol.index]
            if certainly(hyp, inst, dims):
                continue
            value = _value(sol, inst, dims)
            if value is None:
                continue
            for candidate in (value * (1 - ratio), value * (1 + ratio), value - step, value + step):
                trial = {**inst, sol.symbol: candidate}
                if _sign_ok(sol.symbol, candidate) and certainly(hyp, trial, dims):
                    inst[sol.symbol] = candidate
                    break


def _value(sol: Any, inst: dict, dims: dict) -> sp.Expr | None:
    try:
        value = sp.sympify(evaluate(sol.solution, inst, dims))
    except (KeyError, ZeroDivisionError, TypeError, ValueError):
        return None
    if value.is_number and value.is_real and not value.has(sp.Float, sp.zoo, sp.nan):
        return value
    return None


def _set(sol: Any, inst: dict, dims: dict) -> None:
    value = _value(sol, inst, dims)
    if value is not None:
        inst[sol.symbol] = value


def _sign_ok(sym: sp.Symbol, value: sp.Expr) -> bool:
    return not ((sym.is_positive and not value > 0) or (sym.is_nonnegative and not value >= 0)
                or (sym.is_negative and not value < 0) or (sym.is_nonpositive and not value <= 0))


def draw_matrix_of(draw: Any, world: Any, m: Any, dims: dict) -> sp.ImmutableMatrix:
    """An exact value of the vector/matrix variable ``m`` with its declared structure and rank."""
    shape = world.shape(m, dims)
    rank = world.rank(m, dims)
    if rank is not None and rank > min(shape):
        rank = min(shape)
    is_vector = shape[1] == 1 and world.structure(m) in ("general", "unit") and _is_vector(m)
    return sp.ImmutableMatrix(draw_matrix(draw, world.structure(m), shape, rank, is_vector))


@st.composite
def constructed_instances(draw: Any, world: Any, max_dimension: int) -> tuple[dict, dict]:
    """``(dims, instance)`` built to satisfy the hypotheses where the constructions above apply."""
    dims = {s: draw(st.integers(1, max_dimension)) for s in world.dim_symbols}
    inst: dict = {s: draw_scalar_wide(draw, s) for s in world.scalars}
    for m in world.matrices:
        inst[m] = draw_matrix_of(draw, world, m, dims)
    settle_linear(draw, world, dims, inst, tight=draw(st.booleans()))
    into_ball(draw, world, dims, inst)
    return dims, inst
