"""The core's re-check of a proposed counterexample: nothing the adversary says is taken on trust.

A point proposed for a problem (symbol name -> exact value; vectors as lists, matrices as nested
lists, dimension symbols as integers) is a counterexample only if, in exact arithmetic,

* every value lies in its symbol's domain: sign and integer assumptions of scalars; the declared
  structure of every vector and matrix (symmetric, psd, orthogonal, diagonal, 0/1 mask, unit norm)
  and its rank bound; shapes that match the dimensions;
* for a problem about an integer index, the point fixes the index and the problem is grounded there
  (``grounding.grounded_instance``);
* for a problem with hypothesis schemas, the point's terms extend to whole sequences (the adversary's
  tails) on which every schema holds at every index (``extension.check_extension``: exactly where a
  schema reads a fixed term, by the caller's ``prove`` beyond), else the schemas might admit no
  sequence at all and the claim be vacuously true;
* for a problem with hypotheses on an interval (``during``), the point comes with functions (the
  adversary's closed forms) that satisfy every such hypothesis at every point of its interval and give
  the point its values of the functions and their derivatives (``interval_extension.extend``); a point
  without them is only *relaxed* (``Confirmed.relaxed``): the hypotheses hold at the points the claim
  names, which is no counterexample;
* every hypothesis holds and the conclusion fails (``exact.holds``, ``matrix_exact.truth``).

Anything that cannot be certified (an unassigned symbol, an undefined value, a zero test that
``expand`` does not settle) rejects the point, with the reason: a rejection can only cost a
refutation, never make one false.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef

from . import linalg as la
from .exact import NotReal, holds, in_domain, sides, to_exact
from .extension import SEQUENCES, NotExtended, check_extension
from .grounding import grounded_instance, index_symbols
from .interval_extension import FUNCTIONS, NotWitnessed, extend as extend_to_functions
from .limits import TimeLimitExceeded, time_limit
from .rules import schema_relation
from .variables import Variables


@dataclass
class Confirmed:
    """A counterexample the core has re-checked: the point, the violated relation and its two sides."""

    point: dict[str, Any]
    violated: str
    sides: tuple[Any, Any] | None
    #: for a claim with hypothesis schemas or on an interval: how the point extends to whole sequences or
    #: functions satisfying them
    extension: str = ""
    #: hypotheses on an interval were checked only at the points the claim names (no functions were
    #: proposed): not a counterexample, only a sign that the claim may be false
    relaxed: bool = False


class Rejected(ValueError):
    """The proposed point is not a counterexample the core can certify; the message says why."""


#: seconds an exact re-check may take (a point far out, n = 10^4 with schemas, grounds thousands of instances)
CONFIRM_SECONDS = 10.0


def confirm(problem: Any, proposed: dict[str, Any], prove: Any = None,
            seconds: float = CONFIRM_SECONDS) -> Confirmed:
    """Re-check ``proposed`` against ``problem`` exactly, within ``seconds``; raises ``Rejected`` naming the
    reason (a re-check out of time is no counterexample).

    ``prove(obligation)`` proves a relation in one integer ``t >= 0`` for every ``t`` (what a point's
    sequences must satisfy beyond the terms it fixes, for a problem with hypothesis schemas), or in one
    real ``s`` over an interval (what its functions must satisfy, for a problem with hypotheses on an
    interval): the name of the procedure, or None. Without it only such relations that are closed are
    decided."""
    if not isinstance(proposed, dict):
        raise Rejected(f"the proposed point is a {type(proposed).__name__}, not a mapping of names to values")
    try:
        with time_limit(seconds):
            if any(la.has_linalg(e) for e in (problem.goal, *problem.hyps)):
                return _confirm_matrix(problem, proposed)
            return _confirm_scalar(problem, proposed, prove)
    except NotExtended as exc:
        raise Rejected(f"the point does not extend to whole sequences satisfying every schema: {exc}") from exc
    except NotWitnessed as exc:
        raise Rejected(f"the point does not extend to functions satisfying every hypothesis on an interval: "
                       f"{exc}") from exc
    except (NotReal, TimeLimitExceeded, ZeroDivisionError, TypeError, ValueError, KeyError,
            sp.PolynomialError) as exc:
        if isinstance(exc, Rejected):
            raise
        raise Rejected(f"{type(exc).__name__}: {exc}") from exc


# -- scalars and sequences ---------------------------------------------------------------------------------

def _confirm_scalar(problem: Any, proposed: dict, prove: Any = None) -> Confirmed:
    index = index_symbols(problem)
    if problem.schemas and not index:
        raise Rejected("the hypothesis schemas have no integer index to ground")
    hyps, goal = list(problem.hyps), problem.goal
    sub: dict = {}
    if index:
        for s in index:
            if s.name not in proposed:
                raise Rejected(f"the point does not fix the index {s}")
            value = to_exact(proposed[s.name])
            if value.is_Integer is not True:
                raise Rejected(f"the index {s} = {value} is not an integer")
            sub[s] = value
        if not in_domain(sub):
            raise Rejected(f"the index values {sub} are outside their domain")
        instance = grounded_instance(problem, sub)
        if instance is None:
            raise Rejected(f"a hypothesis is false at the index values {sub}")
        hyps, goal = instance
    functions = ""
    if problem.intervals and FUNCTIONS in proposed:
        values, functions = extend_to_functions(problem.intervals, [goal, *hyps], proposed, prove)
        proposed = {**proposed, **values}
    names: dict[str, Any] = {}
    for e in (goal, *hyps):
        names.update({str(s): s for s in e.free_symbols})
        names.update({str(a): a for a in e.atoms(AppliedUndef)})
    point: dict = {}
    for name, target in names.items():
        if name not in proposed:
            raise Rejected(f"the point leaves {name} unassigned")
        value = to_exact(proposed[name])
        if not (value.is_number and value.is_real and value.is_finite):
            raise Rejected(f"{name} = {value} is not a finite real number")
        point[target] = value
    if not in_domain(point):
        raise Rejected("a value lies outside its symbol's domain (sign or integer assumption)")
    found = _decide(hyps, goal, point, lambda rel: holds(rel, point), lambda rel: sides(rel, point),
                    {**{str(k): v for k, v in sub.items()}, **{str(k): v for k, v in point.items()}})
    if problem.intervals:
        found.extension, found.relaxed = functions, not functions
    if problem.schemas:
        found.extension = check_extension(problem, {**sub, **point}, proposed, prove)
        extra = {k: to_exact(v) for k, v in proposed.items() if k != SEQUENCES and k not in found.point
                 and any(k == s.name for s in _schema_symbols(problem))}
        found.point.update(extra)
    return found


def _schema_symbols(problem: Any) -> set:
    return {s for schema in problem.schemas for s in schema_relation(schema).free_symbols - {schema.var}}


def _decide(hyps: list, goal: Any, point: dict, truth, two_sides, report: dict) -> Confirmed:
    for i, h in enumerate(hyps):
        if truth(h) is not True:
            raise Rejected(f"hypothesis {h} is not certified true at the point")
    if truth(goal) is not False:
        raise Rejected("the conclusion is not certified false at the point")
    rels = list(goal.args) if isinstance(goal, sp.And) else [goal]
    violated = next((r for r in rels if truth(r) is False), goal)
    both = two_sides(violated) if isinstance(violated, sp.core.relational.Relational) else None
    return Confirmed(report, str(violated), both)


# -- vectors and matrices -----------------------------------------------------------------------------------

def _confirm_matrix(problem: Any, proposed: dict) -> Confirmed:
    from .matrix_exact import sides as matrix_sides, truth

    if problem.schemas:
        raise Rejected("matrix claims with hypothesis schemas are not re-checked")
    names = Variables(problem.hyps, problem.goal)
    matrices, dim_syms, scalars = names.matrices, names.dim_symbols, names.scalars
    dims = {}
    for d in dim_syms:
        if d.name not in proposed:
            raise Rejected(f"the point does not fix the dimension {d}")
        value = to_exact(proposed[d.name])
        if value.is_Integer is not True or value < 1:
            raise Rejected(f"the dimension {d} = {value} is not a positive integer")
        dims[d] = int(value)
    if not in_domain(dims):
        raise Rejected(f"the dimensions {dims} are outside their symbols' domains")
    inst: dict = {}
    for m in matrices:
        if m.name not in proposed:
            raise Rejected(f"the point leaves {m.name} unassigned")
        value = _as_matrix(proposed[m.name], names.shape(m, dims), m.name)
        _check_structure(m, value, dims)
        inst[m] = value
    for s in scalars:
        if s.name not in proposed:
            raise Rejected(f"the point leaves {s.name} unassigned")
        inst[s] = to_exact(proposed[s.name])
    if not in_domain({s: inst[s] for s in scalars}):
        raise Rejected("a scalar lies outside its symbol's domain (sign or integer assumption)")
    report = {**{d.name: sp.Integer(v) for d, v in dims.items()},
              **{s.name: proposed[s.name] for s in (*matrices, *scalars)}}
    found = _decide(problem.hyps, problem.goal, inst, lambda rel: truth(rel, inst, dims),
                    lambda rel: matrix_sides(rel, inst, dims), report)
    found.relaxed = bool(problem.intervals)  # functions of matrices on an interval are not proposed
    return found




def _as_matrix(value: Any, shape: tuple[int, int], name: str) -> sp.ImmutableMatrix:
    rows, cols = shape
    if isinstance(value, sp.MatrixBase):
        mat = sp.ImmutableMatrix(value)
    elif cols == 1 and isinstance(value, (list, tuple)) and all(not isinstance(v, (list, tuple)) for v in value):
        mat = sp.ImmutableMatrix(rows, 1, [to_exact(v) for v in value]) if len(value) == rows else None
    else:
        mat = sp.ImmutableMatrix([[to_exact(v) for v in row] for row in value])
    if mat is None or mat.shape != (rows, cols):
        raise Rejected(f"{name} is not {rows} x {cols}")
    for v in mat:
        if not (v.is_number and v.is_real and v.is_finite):
            raise Rejected(f"{name} has the entry {v}, not a finite real number")
    return mat


def _is_zero(value: Any) -> bool:
    """Certainly zero (rational arithmetic, or ``expand`` reaching 0); False when not certified."""
    value = sp.sympify(value)
    return value == 0 or sp.expand(value) == 0


def _check_structure(m: sp.MatrixSymbol, value: sp.ImmutableMatrix, dims: dict) -> None:
    """Raise ``Rejected`` unless ``value`` has ``m``'s declared structure and rank bound, exactly."""
    structure = getattr(m, "structure", "general")
    n, c = value.shape
    if structure == "unit":
        if not _is_zero(sum(v * v for v in value) - 1):
            raise Rejected(f"{m.name} is declared unit but its norm is not certified to be 1")
    if structure in ("symmetric", "psd") and not all(_is_zero(value[i, j] - value[j, i])
                                                      for i in range(n) for j in range(i)):
        raise Rejected(f"{m.name} is declared {structure} but is not symmetric")
    if structure == "psd" and not _positive_semidefinite(value):
        raise Rejected(f"{m.name} is declared psd but is not certified positive semidefinite")
    if structure == "orthogonal":
        gram = value.T * value
        if not all(_is_zero(gram[i, j] - (1 if i == j else 0)) for i in range(c) for j in range(c)):
            raise Rejected(f"{m.name} is declared orthogonal but Q^T Q is not certified to be I")
    if structure == "diagonal" and not all(_is_zero(value[i, j]) for i in range(n) for j in range(c) if i != j):
        raise Rejected(f"{m.name} is declared diagonal but has a non-zero entry off the diagonal")
    if structure == "mask" and not all(v in (0, 1) for v in value):
        raise Rejected(f"{m.name} is declared a 0/1 mask but has another entry")
    bound = getattr(m, "rank", None)
    if bound is not None:
        r = int(sp.sympify(bound).xreplace(dims))
        rank = _rank(value)
        if rank is None or rank > r:
            raise Rejected(f"{m.name} is declared of rank at most {r} but its rank is "
                           f"{'not certified' if rank is None else rank}")


def _fractions(value: sp.ImmutableMatrix) -> list[list[Fraction]] | None:
    if not all(v.is_Rational for v in value):
        return None
    return [[Fraction(int(value[i, j].p), int(value[i, j].q)) for j in range(value.shape[1])]
            for i in range(value.shape[0])]


def _rank(value: sp.ImmutableMatrix) -> int | None:
    """Exact rank of a rational matrix by Gaussian elimination (None for irrational entries)."""
    rows = _fractions(value)
    if rows is None:
        return None
    rank, cols = 0, value.shape[1]
    for col in range(cols):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(rank + 1, len(rows)):
            factor = rows[r][col] / rows[rank][col]
            if factor:
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank])]
        rank += 1
    return rank


def _positive_semidefinite(value: sp.ImmutableMatrix) -> bool:
    """A symmetric rational matrix is PSD iff symmetric elimination meets no negative pivot, and a
    zero pivot only on a zero row (LDL^T with diagonal pivots); False for irrational entries."""
    rows = _fractions(value)
    if rows is None:
        return False
    n = len(rows)
    for k in range(n):
        pivot = rows[k][k]
        if pivot < 0:
            return False
        if pivot == 0:
            if any(rows[k][j] != 0 for j in range(k, n)):
                return False
            continue
        for i in range(k + 1, n):
            factor = rows[i][k] / pivot
            if factor:
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[k])]
    return True


__all__ = ["confirm", "Confirmed", "Rejected"]
