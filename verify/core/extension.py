"""A grounded point extended to whole sequences: the check that the extension satisfies every schema.

A point of a claim with hypothesis schemas fixes finitely many terms ``D(0), ..., D(m)``; a schema
``for all j >= s: H(j)`` speaks of every index. Such a point is a counterexample only if some
sequences that agree with it satisfy every schema at every ``j >= s`` (``D(j) >= j`` and
``D(j) <= 5`` admit ``D(0) = 1`` but no sequence at all: the claim is then vacuously true).

The adversary proposes the sequences, as a closed-form tail per sequence (``sp.Lambda(i, expr)``)
under the key ``SEQUENCES`` of its point. The sequence is the point's value where the point fixes a
term and the tail's value elsewhere. Each schema is then checked exactly at every index ``j`` whose
instance reads a fixed term (finitely many), and beyond them, where every term is a tail's, it is one
relation in ``j``: closed ones are decided exactly, the others become ``TailObligation``s (with the
conditions that surely make the relation defined there), to be proved for every integer ``j >= J0`` by
the caller's prover (the core's deciders). A term the schema reads
must be a sequence at an index ``a*j + b`` (integers ``a >= 0``, ``b``); anything else is not
certified and rejects the point.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import sympy as sp
from sympy.core.function import AppliedUndef

from . import domains
from .exact import NotReal, holds, in_domain, to_exact
from .grounding import ground, undefined
from .rules import ForAll, schema_relation

#: the key of a proposed point that holds the tails: ``{sequence name: sp.Lambda(i, expr)}``
SEQUENCES = "__sequences__"
#: indices checked one by one per schema at most (the instances that read a fixed term)
MAX_EXACT = 4096


class NotExtended(ValueError):
    """The proposed sequences are not certified to satisfy every schema; the message says where."""


@dataclass(frozen=True)
class TailObligation:
    """``relation`` (in the integer ``t >= 0`` only) must hold for every ``t``: the schema ``schema``
    at ``j = start + t`` on the tails, its domain conditions included."""

    schema: ForAll
    start: int
    t: sp.Symbol
    relation: Any

    @property
    def hyps(self) -> tuple:
        return ()  # t is a non-negative integer by its assumptions

    @property
    def title(self) -> str:
        return f"{self.schema} beyond its fixed terms"

    def __str__(self) -> str:
        return f"{self.schema} for all {self.schema.var} >= {self.start} (with {self.schema.var} = {self.start} + " \
               f"{self.t}): {self.relation}"


def tails_of(proposed: dict) -> dict[str, sp.Lambda]:
    """The proposed tails, checked to be one-argument Lambdas keyed by sequence name."""
    tails = proposed.get(SEQUENCES) or {}
    if not isinstance(tails, dict):
        raise NotExtended(f"the proposed sequences are a {type(tails).__name__}, not a mapping")
    for name, tail in tails.items():
        if not (isinstance(name, str) and isinstance(tail, sp.Lambda) and len(tail.variables) == 1):
            raise NotExtended(f"the proposed tail of {name} is not a one-argument Lambda")
    return tails


def describe(tails: dict[str, sp.Lambda], fixed: dict[str, dict[int, Any]]) -> str:
    """``D(i) = 5 where the point fixes no term (it fixes D(0), D(1))``, per sequence."""
    parts = []
    for name, tail in sorted(tails.items()):
        i = sp.Symbol("i")
        idx = sorted(fixed.get(name, {}))
        where = f"where the point fixes no term (it fixes {', '.join(f'{name}({k})' for k in idx)})" if idx \
            else "at every index"
        parts.append(f"{name}({i}) = {tail(i)} {where}")
    return "; ".join(parts)


def _affine(arg: sp.Expr, var: sp.Symbol) -> tuple[int, int] | None:
    """``(a, b)`` with ``arg = a*var + b``, integers, ``a >= 0``; None otherwise."""
    arg = sp.expand(arg)
    if not arg.free_symbols <= {var}:
        return None
    a, b = arg.coeff(var, 1), arg.subs(var, 0)
    if not (a.is_Integer and b.is_Integer and a >= 0) or sp.expand(a * var + b - arg) != 0:
        return None
    return int(a), int(b)


def fixed_terms(values: dict) -> dict[str, dict[int, Any]]:
    """The terms a point fixes, by sequence name and index."""
    out: dict[str, dict[int, Any]] = {}
    for key, value in values.items():
        if isinstance(key, AppliedUndef) and len(key.args) == 1 and key.args[0].is_Integer:
            out.setdefault(key.func.__name__, {})[int(key.args[0])] = value
    return out


class _Sequences:
    """The point's terms where it fixes them, the tails elsewhere (exact values)."""

    def __init__(self, fixed: dict[str, dict[int, Any]], tails: dict[str, sp.Lambda]):
        self.fixed, self.tails = fixed, tails

    def value(self, name: str, i: int) -> sp.Expr:
        if i in self.fixed.get(name, {}):
            return self.fixed[name][i]
        if name not in self.tails:
            raise NotExtended(f"no value is proposed for {name}({i})")
        value = to_exact(self.tails[name](sp.Integer(i)))
        if not (value.is_number and value.is_real and value.is_finite):
            raise NotExtended(f"the proposed tail gives {name}({i}) = {value}, not a finite real number")
        return value

    def top(self, name: str) -> int | None:
        return max(self.fixed[name]) if self.fixed.get(name) else None


def extension_obligations(problem: Any, values: dict, tails: dict[str, sp.Lambda]) -> list[TailObligation]:
    """Check every schema of ``problem`` on the sequences that extend ``values`` (index symbols, scalars
    and fixed terms, exact) by ``tails``: exactly at each index whose instance reads a fixed term, and
    beyond, a closed relation exactly; return the relations left open, to be proved for every ``t >= 0``.
    Raises ``NotExtended`` naming the schema and index where the extension is not certified."""
    seqs = _Sequences(fixed_terms(values), tails)
    scalars = {k: v for k, v in values.items() if isinstance(k, sp.Symbol)}
    out: list[TailObligation] = []
    for schema in problem.schemas:
        out += _schema_obligations(schema, scalars, seqs)
    return out


def _schema_obligations(schema: ForAll, scalars: dict, seqs: _Sequences) -> list[TailObligation]:
    var = schema.var
    rel = _unevaluated(schema_relation(schema), {s: v for s, v in scalars.items() if s != var})
    loose = sorted(s.name for s in rel.free_symbols - {var})
    if loose:
        raise NotExtended(f"the schema {schema} mentions {', '.join(loose)}, which the point leaves unassigned")
    terms: list[tuple[AppliedUndef, str, int, int]] = []
    for atom in rel.atoms(AppliedUndef):
        form = _affine(atom.args[0], var) if len(atom.args) == 1 else None
        if form is None:
            raise NotExtended(f"the schema {schema} reads {atom}, not a sequence at an index a*{var} + b")
        terms.append((atom, atom.func.__name__, *form))
    # from j0 on, every term at a moving index lies beyond the terms the point fixes
    j0 = schema.start
    for _, name, a, b in terms:
        top = seqs.top(name)
        if a >= 1 and top is not None:
            j0 = max(j0, (top - b) // a + 1)
    if j0 - schema.start > MAX_EXACT:
        raise NotExtended(f"the schema {schema} would need {j0 - schema.start} instances checked one by one")
    for j in range(schema.start, j0):
        inst = _instance(rel, var, j, terms, seqs)
        try:
            ok = not undefined(inst) and holds(inst, {}) is True
        except (NotReal, TypeError, ValueError, ZeroDivisionError):
            ok = False
        if not ok:
            raise NotExtended(f"the schema {schema} is not certified at {var} = {j} on the proposed sequences "
                              f"({inst})")
    t = sp.Symbol(f"{var.name}_t", integer=True, nonnegative=True)
    at = j0 + t
    # a term at a fixed index (a = 0) keeps the sequence's value there; a moving one is the tail's
    sub = {atom: seqs.value(name, b) if a == 0 else _tail_term(seqs, name, a * at + b) for atom, name, a, b in terms}
    tailed = _unevaluated(_unevaluated(rel, sub), {var: at})
    if tailed.free_symbols - {t}:
        raise NotExtended(f"the schema {schema} on the proposed tails still has "
                          f"{', '.join(sorted(map(str, tailed.free_symbols - {t})))}")
    if not tailed.free_symbols:
        try:
            ok = holds(ground(tailed, {}), {}) is True
        except (NotReal, TypeError, ValueError, ZeroDivisionError):
            ok = False
        if not ok:
            raise NotExtended(f"the schema {schema} fails on the proposed tails beyond {var} = {j0 - 1}: {tailed}")
        return []
    # where the tails make the relation defined: conditions that surely give it, each proved for every t too
    conds = [c for c in domains.sufficient(tailed) if c is not sp.true]
    if sp.false in conds:
        raise NotExtended(f"the schema {schema} on the proposed tails is not certified to be defined beyond "
                          f"{var} = {j0 - 1}: {tailed}")
    return [TailObligation(schema, j0, t, r) for r in [tailed, *conds]]


def _unevaluated(b: Any, sub: dict) -> Any:
    """``b.xreplace(sub)`` with its relations left unevaluated (sympy would fold ``j_t + 1 >= 0`` to True
    by its assumptions, and the decision is the core's to make)."""
    if isinstance(b, sp.core.relational.Relational):
        return sp.core.relational.Relational(b.lhs.xreplace(sub), b.rhs.xreplace(sub), b.rel_op, evaluate=False)
    if isinstance(b, (sp.And, sp.Or, sp.Not, sp.Implies)):
        return b.func(*[_unevaluated(a, sub) for a in b.args], evaluate=False)
    return b.xreplace(sub)


def _tail_term(seqs: _Sequences, name: str, index: sp.Expr) -> sp.Expr:
    if name not in seqs.tails:
        raise NotExtended(f"no tail is proposed for {name}")
    return seqs.tails[name](index)


def _instance(rel: Any, var: sp.Symbol, j: int, terms: list, seqs: _Sequences) -> Any:
    """The schema at ``var = j`` with every term replaced by the sequences' value (sums written out)."""
    sub = {atom: seqs.value(name, a * j + b) for atom, name, a, b in terms}
    return ground(_unevaluated(rel, sub), {var: sp.Integer(j)})


def check_extension(problem: Any, values: dict, proposed: dict,
                    prove: Callable[[TailObligation], str | None] | None) -> str:
    """The account of how the point's sequences extend to every index, or ``NotExtended``. ``prove``
    proves one obligation for every ``t >= 0`` (the name of the procedure, or None when it cannot)."""
    tails = tails_of(proposed)
    for name, tail in tails.items():
        if tail.free_symbols:
            raise NotExtended(f"the proposed tail of {name}, {tail}, is not closed")
    extra = {s: to_exact(proposed[s.name]) for s in _schema_scalars(problem, values) if s.name in proposed}
    if not in_domain(extra):
        raise NotExtended("a value that only the schemas read lies outside its symbol's domain")
    values = {**values, **extra}
    obligations = extension_obligations(problem, values, tails)
    proofs = []
    for ob in obligations:
        if prove is None:
            raise NotExtended(f"{ob}: a relation for every index, and no prover is available here")
        how = prove(ob)
        if not how:
            raise NotExtended(f"{ob}: not proved")
        proofs.append(f"{ob.relation} for all {ob.t} >= 0 ({how})")
    text = f"the point extends to whole sequences ({describe(tails, fixed_terms(values))}) satisfying every " \
           f"schema at every index: checked exactly where a schema reads a term the point fixes"
    return text + (f", proved beyond: {'; '.join(proofs)}" if proofs else ", and exactly beyond")


def _schema_scalars(problem: Any, values: dict) -> list[sp.Symbol]:
    """Symbols the schemas read that the grounded point did not assign (the adversary may add them)."""
    found: set = set()
    for schema in problem.schemas:
        found |= schema_relation(schema).free_symbols - {schema.var}
    return sorted((s for s in found if s not in values), key=lambda s: s.name)


__all__ = ["SEQUENCES", "NotExtended", "TailObligation", "check_extension", "extension_obligations", "tails_of"]
