"""Turn a float candidate into an exact instance and re-check it; nothing unconfirmed escapes.

For a candidate row of a batch, parameters are rationalised (bounded denominators first, for
readable values, then exactly) and each variable is rebuilt exactly by its form, so structure
(symmetric, PSD, orthogonal, unit, rank, mask) holds exactly. Symbols that were set to make a
hypothesis tight are recomputed exactly from their solution, or nudged by a relative ``1e-12`` /
``1e-9`` towards the inside. A variant is a counterexample only if every variable lies exactly in
its declared domain (shape, structure, rank bound: ``structure_holds``, whatever form built it), every
assumption and hypothesis is *certified* true and the goal *certified* false (``matrix_exact.truth``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

import numpy as np
import sympy as sp

from ..core.counterexamples import Rejected, _check_structure
from ..core.exact import NotReal, to_exact
from ..core.limits import TimeLimitExceeded
from ..core.linalg import Vector
from ..core.matrix_exact import evaluate, sides, truth
from .matrix_forms import build_exact, exact_params, rationalise
from .matrix_world import Batch
from .matrix_world import World

DENOMINATORS = (10, 1000, 10 ** 6, None)


@dataclass
class Confirmed:
    """An exactly re-checked counterexample."""

    instance: dict  # symbol -> exact value (ImmutableMatrix for vectors/matrices)
    dims: dict
    sides: tuple[Any, Any] | None
    violated: str

    def report(self) -> dict[str, Any]:
        """Symbol name -> exact value; vectors as lists, matrices as nested lists."""
        out: dict[str, Any] = {s.name: sp.Integer(v) for s, v in self.dims.items()}
        for s, v in sorted(self.instance.items(), key=lambda kv: kv[0].name):
            if isinstance(v, sp.MatrixBase):
                out[s.name] = list(v) if isinstance(s, Vector) else v.tolist()
            else:
                out[s.name] = v
        return out


def _assumptions_hold(sym: sp.Symbol, value: Any) -> bool:
    value = sp.sympify(value)
    checks = []
    if sym.is_integer:
        checks.append(value.is_integer is True)
    for attr, test in (("is_positive", lambda v: v > 0), ("is_nonnegative", lambda v: v >= 0),
                       ("is_negative", lambda v: v < 0), ("is_nonpositive", lambda v: v <= 0)):
        if getattr(sym, attr):
            try:
                checks.append(bool(test(value)))
            except TypeError:
                checks.append(False)
    return all(checks)


def structure_holds(world: World, m: sp.MatrixSymbol, value: Any, dims: dict) -> bool:
    """Whether an exact value lies in the variable's declared domain: its shape, and exactly its
    structure and rank bound (the core's own check, so the attack proposes only what the core accepts)."""
    if not isinstance(value, sp.MatrixBase) or tuple(value.shape) != world.shape(m, dims):
        return False
    try:
        _check_structure(m, sp.ImmutableMatrix(value), dims)
    except Rejected:
        return False
    return True


def _domain_holds(world: World, inst: dict, dims: dict) -> bool:
    """Every scalar and dimension obeys its assumptions and every vector/matrix its declared domain."""
    return (all(_assumptions_hold(s, inst[s]) for s in world.scalars)
            and all(_assumptions_hold(s, sp.Integer(dims[s])) for s in world.dim_symbols)
            and all(structure_holds(world, m, inst[m], dims) for m in world.matrices))


def exact_instance(world: World, batch: Batch, row: int, denominator: int | None) -> dict:
    """The candidate's instance with rationalised parameters rebuilt exactly."""
    inst: dict = {}
    for s in world.scalars:
        v = float(batch.scalars[s][row])
        inst[s] = sp.Integer(int(round(v))) if s.is_integer else rationalise(v, denominator)
    for m in world.matrices:
        form, structure = batch.forms[m], world.structure(m)
        shape = world.shape(m, batch.dims)
        den = None if form == "mask" else denominator
        inst[m] = sp.ImmutableMatrix(build_exact(form, structure, exact_params(batch.params[m], row, den), shape,
                                                 world.rank(m, batch.dims)))
    return inst


def variants(world: World, batch: Batch, row: int) -> Iterator[tuple[int | None, dict]]:
    """Exact versions of a candidate row, simplest first (see the module docstring), each with the
    denominator bound of its rationalisation (``None``: the floats' exact values)."""
    tight = {s: int(idx[row]) for s, idx in batch.tight.items() if idx[row] >= 0}
    for den in DENOMINATORS:
        try:
            base = exact_instance(world, batch, row, den)
        except (ValueError, OverflowError, ZeroDivisionError):
            continue
        yield den, base
        if tight:
            for inst in _tight_variants(world, batch.dims, base, tight):
                yield den, inst


def _tight_variants(world: World, dims: dict, base: dict, tight: dict) -> Iterator[dict]:
    exact_vals = {}
    for s, i in tight.items():
        try:
            value = sp.sympify(evaluate(world.solutions[i].solution, base, dims))
        except (KeyError, ZeroDivisionError, ValueError, TypeError):
            continue
        if value.is_number and value.is_finite and value.is_real is not False:
            exact_vals[s] = value
    if exact_vals and all(not v.has(sp.Float) for v in exact_vals.values()):
        yield {**base, **exact_vals}
    approx = {}
    for s, v in exact_vals.items():
        try:
            approx[s] = rationalise(float(sp.N(v, 30)), None)
        except (TypeError, ValueError):
            pass
    for rel in (sp.Rational(1, 10 ** 12), sp.Rational(1, 10 ** 9)):
        for direction in (1, -1):
            nudged = dict(base)
            for s, a in approx.items():
                nudged[s] = a * (1 + direction * rel) + direction * rel * sp.Rational(1, 10 ** 6)
            yield nudged


def confirm(world: World, batch: Batch, row: int, max_variants: int = 24) -> Confirmed | None:
    """An exactly re-checked counterexample from a candidate row, or None."""
    for k, (_, inst) in enumerate(variants(world, batch, row)):
        if k >= max_variants:
            break
        result = check_instance(world, inst, batch.dims)
        if result is not None:
            return result
    return None


def check_instance(world: World, inst: dict, dims: dict) -> Confirmed | None:
    """A ``Confirmed`` counterexample if the exact instance satisfies all hypotheses and not the goal.
    Floats in the instance (a normalisation that rounded) are read as the rationals they store."""
    inst = {s: v.applyfunc(to_exact) if isinstance(v, sp.MatrixBase) else to_exact(v) for s, v in inst.items()}
    try:
        if not _domain_holds(world, inst, dims):
            return None
        for h in world.hyps:
            if truth(h, inst, dims) is not True:
                return None
        if truth(world.goal, inst, dims) is not False:
            return None
        violated, both = _violated(world.goal, inst, dims)
    except (NotReal, KeyError, ZeroDivisionError, TypeError, ValueError, TimeLimitExceeded,
            sp.PolynomialError, np.linalg.LinAlgError):
        return None
    return Confirmed(inst, dims, both, violated)


def nonreal_at(world: World, batch: Batch, row: int) -> str | None:
    """A description of an exact instance (simplest rationalisation first) where every hypothesis
    holds but the conclusion is not a finite real number, or None."""
    for den in DENOMINATORS[:2]:
        try:
            inst = exact_instance(world, batch, row, den)
            if not _domain_holds(world, inst, batch.dims):
                continue
            if not all(truth(h, inst, batch.dims) is True for h in world.hyps):
                continue
            truth(world.goal, inst, batch.dims)
        except NotReal as exc:
            point = Confirmed(inst, batch.dims, None, "").report()
            return f"at {point}: {exc}"
        except (KeyError, ZeroDivisionError, TypeError, ValueError, TimeLimitExceeded, sp.PolynomialError,
                np.linalg.LinAlgError):
            continue
    return None


def _violated(goal: Any, inst: dict, dims: dict) -> tuple[str, tuple[Any, Any] | None]:
    """The first relation of the goal that fails at the instance, with its two sides."""
    rels = list(goal.args) if isinstance(goal, sp.And) else [goal]
    for rel in rels:
        if isinstance(rel, sp.core.relational.Relational) and truth(rel, inst, dims) is False:
            lhs, rhs = sides(rel, inst, dims)
            return str(rel), (_tidy(lhs), _tidy(rhs))
    return str(goal), None


def _tidy(value: Any) -> Any:
    if isinstance(value, sp.MatrixBase):
        return value.applyfunc(_tidy).tolist()
    return value
