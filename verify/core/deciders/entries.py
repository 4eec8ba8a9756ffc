"""Claims polynomial in the entries of their vectors and matrices, decided entrywise.

Every vector/matrix variable is replaced by a matrix of real entry symbols (a PSD matrix by
``B B^T`` and a rank-``r`` one by ``B C^T``: universally quantifying over ``B, C`` covers exactly
those domains; symmetric and diagonal matrices by mirrored / diagonal entries). Orthogonal and unit
variables get unconstrained entries: a proof for every real matrix covers them, so this is sound,
only weaker (claims that need the constraint are left undecided). A sampling mask's entries are 0 or
1 (the registry's fact ``mask_idempotent``, cited in the evidence when used): an equality is reduced
modulo ``m^2 = m`` for each mask entry ``m``, and an inequality gets ``0 <= m <= 1`` and
``m^2 = m`` as hypotheses. ``inner``, ``trace``
and ``norm(.)**(2k)`` are then polynomials in the entries. An equality is proved when the expanded
difference is 0; an inequality is handed, as a scalar problem, to the scalar deciders
(sign, Farkas, z3).

Dimensions. At explicit dimensions the result is exactly the claim. With a dimension symbol ``n``
the claim is decided at ``n = k`` and holds for every ``n`` only under this argument, checked
syntactically: all variables are ``n``-vectors (k of them), nothing else depends on ``n`` (no
identity, mask, entry access, and ``n`` does not occur in a scalar), and the claim is built from
products, transposes, sums, ``inner``, ``trace`` and ``norm``. Then every scalar in the claim is
unchanged when the vectors are mapped by an isometry ``P: R^a -> R^b`` (``(Px)^T (Py) = x^T y``,
``tr(P M P^T) = tr(M)``), and any k vectors of ``R^n`` lie in a k-dimensional subspace; so the
set of values the claim's scalars take is the same for every ``n``, and the claim holds in all
dimensions iff it holds in dimension k. Otherwise symbolic dimensions are not decided here.
"""
from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.core.relational import Relational
from sympy.matrices.expressions.matexpr import MatrixElement

from .. import linalg as la
from ..matrix_facts import BY_NAME as MATRIX_FACTS
from ..variables import Variables
from ..verdicts import Evidence
from ..problem import Problem
from .base import NotApplicable, Outcome, attempt
from .scalar import SCALAR_DECIDERS
from .smt import CITED_FACTS

_SPECTRAL = la.SPECTRAL


def _applicable(exprs: list) -> bool:
    """Only products, sums, transposes, masks, inner/trace and even powers of norms: no spectral
    function, no inverse / pseudo-inverse / exponential (a generic symbolic inverse is wrong on
    singular matrices, so it could 'prove' false claims)."""
    for e in exprs:
        if e.atoms(*_SPECTRAL) or e.atoms(sp.Inverse, la.Pinv, la.Expm, sp.Sum):
            return False
        if any(not (p.args[1].is_Integer and int(p.args[1]) >= 0) for p in e.atoms(sp.MatPow)):
            return False
        for nrm in e.atoms(la.Norm):
            # norm only through even powers: norm(A)**2 is the polynomial sum of squares
            if not _only_even_powers(e, nrm):
                return False
    return True


def _only_even_powers(e: Any, atom: Any) -> bool:
    if e == atom:
        return False
    if isinstance(e, sp.Pow) and e.base == atom:
        return e.exp.is_Integer and int(e.exp) % 2 == 0
    return all(_only_even_powers(a, atom) for a in e.args) if e.args else True


class EntryNames:
    """Fresh real symbols for entries, named ``A[i,j]`` (``x[i]``, ``A.B[i,j]`` for factors), never
    sharing a name with a symbol of the claim or with one another: the scalar deciders (z3 names its
    variables by name) would otherwise conflate an entry with a user's ``x_0`` or ``A_0``."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = set(taken)
        self.made: dict[str, sp.Symbol] = {}

    def __call__(self, label: str) -> sp.Symbol:
        if label not in self.made:
            name = label
            while name in self.taken:
                name += "'"
            self.taken.add(name)
            self.made[label] = sp.Symbol(name, real=True)
        return self.made[label]


def _entries_of(m: sp.MatrixSymbol, shape: tuple[int, int],
                fresh: EntryNames) -> tuple[sp.Matrix, list[sp.Symbol]]:
    r, c = shape
    name = m.name
    structure = getattr(m, "structure", "general")
    rank = getattr(m, "rank", None)
    if structure in ("orthogonal", "mask", "unit"):
        structure = "general"  # proving for all real entries covers these (a smaller domain)
    if rank is not None and not sp.sympify(rank).is_Integer:
        raise NotApplicable(f"{name}: symbolic rank")
    k = int(rank) if rank is not None else None

    def block(tag: str, rows: int, cols: int) -> sp.Matrix:
        return sp.Matrix(rows, cols, lambda i, j: fresh(f"{name}{tag}[{i},{j}]"))

    if structure == "psd":
        b = block(".B", r, k or r)
        out = b * b.T
    elif structure == "symmetric":
        if k is not None:
            raise NotApplicable(f"{name}: symmetric with a rank bound")
        out = sp.Matrix(r, c, lambda i, j: fresh(f"{name}[{min(i, j)},{max(i, j)}]"))
    elif structure == "diagonal":
        if k is not None:
            raise NotApplicable(f"{name}: diagonal with a rank bound")
        out = sp.diag(*[fresh(f"{name}[{i},{i}]") for i in range(r)])
    elif k is not None:
        out = block(".B", r, k) * block(".C", c, k).T
    elif c == 1:
        out = sp.Matrix(r, 1, lambda i, j: fresh(f"{name}[{i}]"))
    else:
        out = block("", r, c)
    return sp.ImmutableMatrix(out), sorted(out.free_symbols, key=lambda s: s.name)


def _invariance_dimension(world) -> int | None:
    """k when the isometry argument of the module docstring applies, else None."""
    if len(world.dim_symbols) != 1:
        return None
    n = world.dim_symbols[0]
    exprs = [world.goal, *world.hyps]
    for m in world.matrices:
        if tuple(m.shape) != (n, 1) or getattr(m, "structure", "general") != "general":
            return None
    for e in exprs:
        if e.atoms(sp.Identity, sp.ZeroMatrix, sp.OneMatrix, sp.HadamardProduct, MatrixElement,
                   sp.Inverse, sp.MatPow):
            return None
        scalars = e.free_symbols - set(world.matrices)
        if n in scalars and _n_outside_shapes(e, n):
            return None
    return max(1, len(world.matrices))


def _n_outside_shapes(e: Any, n: sp.Symbol) -> bool:
    if isinstance(e, sp.MatrixSymbol):
        return False
    if e == n:
        return True
    return any(_n_outside_shapes(a, n) for a in e.args)


def _scalarise(expr: Any, inst: dict, dims: dict) -> Any:
    from ..matrix_exact import evaluate

    if isinstance(expr, (sp.And, sp.Or, sp.Not)):
        return expr.func(*[_scalarise(a, inst, dims) for a in expr.args])
    if isinstance(expr, Relational):
        lhs, rhs = evaluate(expr.lhs, inst, dims), evaluate(expr.rhs, inst, dims)
        if isinstance(lhs, sp.MatrixBase):
            if expr.rel_op != "==":
                raise NotApplicable("matrix relations other than Eq")
            return sp.And(*[sp.Eq(a, b) for a, b in zip(lhs, rhs)])
        return expr.func(lhs, rhs, evaluate=False)
    raise NotApplicable(f"{expr} is not a relation")


def decide_entries(problem: Any) -> Outcome | None:
    """Prove an entry-polynomial vector/matrix claim entrywise (see the module docstring)."""
    if not any(la.has_linalg(e) for e in (problem.goal, *problem.hyps)):
        return None
    if getattr(problem, "schemas", None):
        return None
    if not _applicable([problem.goal]):
        return None
    # a hypothesis outside the entry polynomials (a spectral bound) is dropped: sound for a proof
    kept = [h for h in problem.hyps if _applicable([h])]
    dropped = len(problem.hyps) - len(kept)
    world = Variables(kept, problem.goal)
    k = None
    if world.dim_symbols:
        k = _invariance_dimension(world)
        if k is None:
            return None
        dims = {world.dim_symbols[0]: k}
    else:
        dims = {}
    inst: dict = {}
    fresh = EntryNames({s.name for s in world.scalars} | {s.name for s in world.dim_symbols}
                       | {m.name for m in world.matrices})
    mask_entries: set = set()
    for m in world.matrices:
        inst[m], _ = _entries_of(m, world.shape(m, dims), fresh)
        if getattr(m, "structure", "general") == "mask":
            mask_entries |= inst[m].free_symbols
    for s in world.scalars:
        inst[s] = s
    goal = _scalarise(problem.goal, inst, dims)
    hyps = [_scalarise(h, inst, dims) for h in kept]
    where = (f"at dimension {world.dim_symbols[0]} = {k}, which covers every dimension (the claim is "
             f"built from {k} {world.dim_symbols[0]}-vectors by isometry-invariant operations)"
             if k is not None else "at the declared dimensions")
    proof = _prove_scalar(problem, hyps, goal, sorted(mask_entries, key=lambda e: e.name))
    if proof is None:
        return None
    method, detail, masks_used = proof
    if dropped:
        detail += f" (without the {dropped} hypothes{'es' if dropped > 1 else 'is'} outside the entry polynomials)"
    data = {"method": method, "dimensions": {str(s): v for s, v in dims.items()}}
    if masks_used:
        fact = MATRIX_FACTS["mask_idempotent"]
        data[CITED_FACTS] = [{"fact": fact.name, "source": fact.source,
                              "statement": "the entries of a sampling mask are 0 or 1: Omega_ij^2 = Omega_ij"}]
    return Outcome("entries", True, Evidence("entries", f"entrywise {where}: {detail}", data))


def _mask_reduced(expr: sp.Expr, mask_entries: list) -> sp.Expr:
    """``expr`` expanded with every power ``m**k`` (``k >= 1``) of a mask entry replaced by ``m``."""
    entries = set(mask_entries)
    return sp.expand(sp.expand(expr).replace(
        lambda e: e.is_Pow and e.base in entries and e.exp.is_Integer and e.exp > 0, lambda e: e.base))


def _prove_scalar(problem: Any, hyps: list, goal: Any, mask_entries: list) -> tuple[str, str, bool] | None:
    """(method, detail, whether the masks' 0/1 entries were used) of an entrywise proof, or None."""
    rels = list(goal.args) if isinstance(goal, sp.And) else [goal]
    if all(isinstance(r, Relational) and r.rel_op == "==" for r in rels):
        if all(sp.expand(r.lhs - r.rhs) == 0 for r in rels):
            return "expand", "the expanded difference of the two sides is 0 entry by entry", False
        if mask_entries and all(_mask_reduced(r.lhs - r.rhs, mask_entries) == 0 for r in rels):
            return ("expand", "the expanded difference of the two sides is 0 entry by entry once every mask entry m "
                              f"({', '.join(map(str, mask_entries))}) satisfies m**2 = m (its entries are 0 or 1)",
                    True)
        if not hyps:
            return None  # an identity with nothing to assume: expansion decides it
    if mask_entries:
        hyps = [*hyps, *(c for m in mask_entries for c in (m >= 0, m <= 1, sp.Eq(m ** 2, m)))]
    scalar = Problem(f"{problem.name} (entrywise)", hyps, goal)
    for name, decider, seconds in SCALAR_DECIDERS:
        if name not in ("sign", "farkas", "z3"):
            continue
        out, _ = attempt(name, decider, scalar, seconds)
        if out is not None and out.proved:
            masks = " (with each mask entry in {0, 1})" if mask_entries else ""
            return name, f"the scalar claim {goal} is proved by {name}{masks}: {out.evidence.detail}", bool(mask_entries)
    return None
