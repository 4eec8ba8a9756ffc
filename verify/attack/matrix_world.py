"""The variables of a matrix claim and its relations compiled to batched slack functions.

A ``World`` splits a problem's free symbols into vector/matrix variables, dimension symbols
(those in shapes and ranks: each gets one integer per batch) and scalar symbols. For a dimension
assignment, ``compiled(dims)`` gives each relation as a *slack*: an array that is ``>= 0`` where
the relation holds, scaled by ``1 + |lhs| + |rhs|`` so that slacks compare across instances.

Tightening: each inequality hypothesis whose numerator is linear in a (non-integer) scalar symbol
gives a *tight solution* ``s = expr``; an equality hypothesis ``s == expr`` defines ``s``.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import sympy as sp
from sympy.core.relational import Relational
from sympy.matrices.expressions.matexpr import MatrixExpr

from ..core.limits import TimeLimitExceeded, time_limit
from ..core.variables import Variables
from .matrix_forms import build_np
from .matrix_numeric import LoweringError, compile_batched

DIM_CHOICES = (1, 2, 3, 4, 5, 6, 8, 12, 20, 50)
LARGE_DIMS = (64, 100, 1000, 10_000)  # tried too when no matrix of the claim gets more than LARGE_CELLS
LARGE_CELLS = 10_000


@dataclass(frozen=True)
class TightSolution:
    """Hypothesis ``index`` is tight when ``symbol = solution`` (``define``: it always holds so)."""

    index: int
    symbol: sp.Symbol
    solution: sp.Expr
    define: bool = False


@dataclass
class Compiled:
    """Slack functions of the hypotheses and the goal at one dimension assignment."""

    dims: dict
    hyps: list[Callable]
    goal: Callable
    solutions: list[tuple[TightSolution, Callable]] = field(default_factory=list)


@dataclass
class Batch:
    """One batch: a dimension assignment, a form and parameters per variable, scalar values."""

    dims: dict
    size: int
    forms: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)
    scalars: dict = field(default_factory=dict)
    tight: dict = field(default_factory=dict)  # symbol -> per-row index into world.solutions (-1: none)

    def env(self, world: World) -> dict:
        out: dict = dict(self.scalars)
        for m in world.matrices:
            out[m] = build_np(self.forms[m], world.structure(m), self.params[m], world.shape(m, self.dims),
                              world.rank(m, self.dims))
        return out

    def take(self, rows: np.ndarray) -> "Batch":
        """The sub-batch of the given rows."""
        return Batch(self.dims, int(len(rows)), dict(self.forms),
                     {m: {k: v[rows] for k, v in p.items()} for m, p in self.params.items()},
                     {s: v[rows] for s, v in self.scalars.items()},
                     {s: idx[rows] for s, idx in self.tight.items()})


class World(Variables):
    """Variables, dimensions and compiled relations of a matrix (or scalar) problem."""

    def __init__(self, hyps: list, goal: Any) -> None:
        # a hypothesis already True (a lemma's evaluated conclusion): its slack +inf would fail the
        # finiteness filter and reject every instance
        super().__init__([h for h in hyps if h is not sp.true], goal)
        self.solutions = _tight_solutions(self.hyps, set(self.scalars))
        self._cache: dict = {}

    def compiled(self, dims: dict) -> Compiled:
        key = tuple(sorted((s.name, v) for s, v in dims.items()))
        if key not in self._cache:
            hyps = [slack_function(h, dims) for h in self.hyps]
            goal = slack_function(self.goal, dims)
            sols = [(s, compile_batched(s.solution, dims)) for s in self.solutions]
            self._cache[key] = Compiled(dims, hyps, goal, sols)
        return self._cache[key]

    def dims_plan(self, rng: np.random.Generator, count: int = 12) -> list[dict]:
        """Dimension assignments to attack: all-small ones first, then a spread up to 50, each
        dimension at the bounds the hypotheses give it, then large ones (``LARGE_DIMS``) where no
        matrix exceeds ``LARGE_CELLS`` entries."""
        if not self.dim_symbols:
            return [{}]
        plans: list[dict] = []
        for v in (1, 2, 3, 4):
            plans.append({s: v for s in self.dim_symbols})
        if 1 < len(self.dim_symbols) <= 3:  # unequal small dimensions (n > p and n < p) early
            plans.extend(dict(zip(self.dim_symbols, combo))
                         for combo in itertools.product((1, 2, 3), repeat=len(self.dim_symbols)))
        count += len(plans)
        while len(plans) < count:
            plans.append({s: int(rng.choice(DIM_CHOICES)) for s in self.dim_symbols})
        plans.append({s: 50 for s in self.dim_symbols})
        plans.extend(self._boundary_plans())
        plans.extend(p for p in ({s: v for s in self.dim_symbols} for v in LARGE_DIMS)
                     if self._cells(p) <= LARGE_CELLS)
        out, seen = [], set()
        for p in plans:
            key = tuple(sorted((s.name, v) for s, v in p.items()))
            if key not in seen and self._rank_ok(p):
                seen.add(key)
                out.append(p)
        return out or [{s: 2 for s in self.dim_symbols}]

    def _cells(self, dims: dict) -> int:
        """Entries of the largest array an instance builds at these dimensions: a vector's entries, and for
        a matrix (variable, identity, zero, ones or any matrix-valued subterm) with both sides > 1 its largest square factor
        (``max(rows, cols)^2``: the SVD and eigen forms build orthogonal factors of each side's size)."""
        sizes = [r * c if min(r, c) == 1 else max(r, c) ** 2 for r, c in self.array_shapes(dims)]
        return max(sizes, default=1)

    def array_shapes(self, dims: dict) -> list[tuple[int, int]]:
        """The shape at ``dims`` of every matrix an instance builds: the variables and every matrix-valued
        subterm (an outer product ``x z^T`` of two n-vectors is n x n)."""
        if "array_terms" not in self._cache:
            atoms = set(self.matrices)
            for item in (self.goal, *self.hyps):
                atoms |= {e for e in sp.preorder_traversal(item) if isinstance(e, sp.MatrixExpr)}
            self._cache["array_terms"] = sorted(atoms, key=str)
        return [tuple(int(sp.sympify(side).xreplace(dims)) for side in a.shape) for a in self._cache["array_terms"]]

    def _boundary_plans(self) -> list[dict]:
        """Each dimension at and around the bounds the hypotheses put on it (``n >= 3``: 2, 3, 4),
        the others at 1..3."""
        plans = []
        for s in self.dim_symbols:
            for value in dimension_bounds(self.hyps, s):
                for others in (1, 2, 3):
                    plans.append({t: (value if t == s else others) for t in self.dim_symbols})
        return plans

    def _rank_ok(self, dims: dict) -> bool:
        return all(self.rank(m, dims) is None or self.rank(m, dims) <= min(self.shape(m, dims))
                   for m in self.matrices)


def dimension_bounds(hyps: list, n: sp.Symbol) -> list[int]:
    """Positive integers at and next to each root ``c`` of a hypothesis linear in the dimension ``n``
    alone (``n >= c``, ``n < c``, ``Eq(n, c)``): ``floor(c) - 1 .. ceil(c) + 1``."""
    values: set[int] = set()
    for h in hyps:
        if not isinstance(h, Relational) or h.free_symbols != {n}:
            continue
        try:
            poly = sp.Poly(h.lhs - h.rhs, n)
        except (sp.PolynomialError, sp.GeneratorsNeeded):
            continue
        if poly.degree() != 1 or not all(c.is_Rational for c in poly.all_coeffs()):
            continue
        a, b = poly.all_coeffs()
        root = -b / a
        values |= set(range(int(sp.floor(root)) - 1, int(sp.ceiling(root)) + 2))
    return sorted(v for v in values if 0 < v <= LARGE_DIMS[-1])


def _tight_solutions(hyps: list, scalars: set) -> list[TightSolution]:
    out: list[TightSolution] = []
    for i, h in enumerate(hyps):
        if not isinstance(h, Relational) or h.rel_op == "!=":
            continue
        if isinstance(h.lhs, MatrixExpr) or isinstance(h.rhs, MatrixExpr):
            continue
        if h.rel_op == "==":
            for a, b in ((h.lhs, h.rhs), (h.rhs, h.lhs)):
                if isinstance(a, sp.Symbol) and a in scalars and a not in b.free_symbols:
                    out.append(TightSolution(i, a, b, define=True))
                    break
            continue
        sol = _linear_solutions(h.lhs - h.rhs, scalars, i)
        out.extend(sol)
    return out


def _linear_solutions(diff: sp.Expr, scalars: set, index: int) -> list[TightSolution]:
    out = []
    try:
        with time_limit(2):
            numer, _ = sp.fraction(sp.together(diff))
            for s in sorted(diff.free_symbols & scalars, key=lambda s: s.name):
                if s.is_integer:
                    continue
                try:
                    poly = sp.Poly(numer, s)
                except sp.PolynomialError:
                    continue
                if poly.degree() != 1:
                    continue
                a, b = poly.all_coeffs()
                if a.free_symbols & {s} or a == 0:
                    continue
                out.append(TightSolution(index, s, -b / a))
    except TimeLimitExceeded:
        pass
    return out


def slack_function(rel: Any, dims: dict) -> Callable[[dict], np.ndarray]:
    """``f(env) -> (N,)``: relative slack of a relation or boolean combination (``>= 0``: holds)."""
    if rel is sp.true or rel is True:
        return lambda env: np.inf
    if rel is sp.false or rel is False:
        return lambda env: -np.inf
    if isinstance(rel, (sp.And, sp.Or)):
        parts = [slack_function(a, dims) for a in rel.args]
        red = np.minimum if isinstance(rel, sp.And) else np.maximum

        def combine(env):
            out = parts[0](env)
            for p in parts[1:]:
                out = red(out, p(env))
            return out
        return combine
    if isinstance(rel, sp.Not):
        inner = slack_function(rel.args[0], dims)
        return lambda env: -inner(env)
    if isinstance(rel, sp.Implies):
        return slack_function(sp.Or(sp.Not(rel.args[0]), rel.args[1]), dims)
    if not isinstance(rel, Relational):
        raise LoweringError(f"{rel} is not a relation")
    lhs, rhs = compile_batched(rel.lhs, dims), compile_batched(rel.rhs, dims)
    op = rel.rel_op
    matrix = isinstance(rel.lhs, MatrixExpr) or isinstance(rel.rhs, MatrixExpr)
    if matrix and op not in ("==", "!="):
        raise LoweringError(f"{rel}: matrices can only be compared with Eq/Ne; compare scalar functions")

    def slack(env):
        a, b = lhs(env), rhs(env)
        if matrix:
            a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
            d = np.max(np.abs(a - b), axis=(-2, -1))
            scale = 1 + np.max(np.abs(a), axis=(-2, -1)) + np.max(np.abs(b), axis=(-2, -1))
            return -d / scale if op == "==" else d / scale
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
        scale = 1 + np.abs(a) + np.abs(b)
        if op in ("<=", "<"):
            return (b - a) / scale
        if op in (">=", ">"):
            return (a - b) / scale
        if op == "==":
            return -np.abs(a - b) / scale
        return np.abs(a - b) / scale
    return slack

