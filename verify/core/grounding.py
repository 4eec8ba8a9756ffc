"""Grounding: a claim about an integer index, instantiated exactly at given index values.

The index symbols of a problem are the integer symbols that bound its sums or index its sequence
terms (``D(j)``). Grounding sets them to integers, writes sums and products out term by term and
instantiates each hypothesis schema at every index whose sequence terms stay at or below the largest
one the grounded claim mentions (the schema says nothing checkable about terms no one has assigned).
The adversary chooses which index values to try; the core grounds the point it proposes before it
re-checks it.
"""
from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.core.relational import Relational


def index_symbols(problem) -> list[sp.Symbol]:
    """Integer symbols that index sums or sequence terms (the ones grounding must fix)."""
    found: set = set()
    exprs = [problem.goal, *problem.hyps]
    for e in exprs:
        for s in e.atoms(sp.Sum, sp.Product):
            for limit in s.limits:
                found |= {x for x in limit[1:] for x in sp.sympify(x).free_symbols}
        for a in e.atoms(AppliedUndef):
            found |= {x for arg in a.args for x in arg.free_symbols}
    if problem.schemas:
        for e in exprs:
            found |= {s for s in e.free_symbols if s.is_integer}
    return sorted((s for s in found if s.is_integer), key=str)


def schema_instances(problem, atoms_max: int) -> list:
    """Every schema instance whose index lies between the schema's start and ``atoms_max``."""
    out = []
    for schema in problem.schemas:
        for j in range(schema.start, atoms_max + 1):
            out.append(schema.at(sp.Integer(j)))
    return out


def ground(b: sp.Basic, sub: dict) -> sp.Basic:
    """``b`` at the index values, sums written out, relations left unevaluated (so that a closed one
    that fails is reported with its two sides, not as ``False``)."""
    if isinstance(b, Relational):
        return Relational(expand_sums(b.lhs.xreplace(sub)), expand_sums(b.rhs.xreplace(sub)), b.rel_op,
                          evaluate=False)
    if isinstance(b, (sp.And, sp.Or, sp.Not)):
        return b.func(*[ground(a, sub) for a in b.args], evaluate=False)
    return expand_sums(b.xreplace(sub))


def expand_sums(expr: sp.Basic, max_terms: int = 2000) -> sp.Basic:
    """Sums and products with integer limits written out term by term (sympy's ``doit`` would
    first look for a closed form, which is slow); longer ones are left to ``doit``."""
    def explicit(node):
        if not isinstance(node, (sp.Sum, sp.Product)) or len(node.limits) != 1:
            return None
        var, lo, hi = node.limits[0]
        if not (lo.is_Integer and hi.is_Integer) or int(hi) - int(lo) > max_terms:
            return None
        terms = [node.function.xreplace({var: sp.Integer(v)}) for v in range(int(lo), int(hi) + 1)]
        if isinstance(node, sp.Sum):
            return sp.Add(*terms) if int(hi) >= int(lo) else None
        return sp.Mul(*terms) if int(hi) >= int(lo) else None

    def walk(node):
        if not isinstance(node, sp.Basic) or not node.args:
            return node
        node = node.func(*[walk(a) for a in node.args]) if node.args else node
        out = explicit(node)
        return out if out is not None else node

    out = walk(expr)
    return out.doit() if out.has(sp.Sum, sp.Product) else out


def index_allowed(s: sp.Symbol, v: int) -> bool:
    """The integer ``v`` satisfies the sign assumptions of the index ``s``."""
    return not ((s.is_positive and v <= 0) or (s.is_negative and v >= 0) or (s.is_nonpositive and v > 0))


def grounded_instance(problem, sub: dict) -> tuple[list, sp.Basic] | None:
    """(hypotheses, goal) of ``problem`` at the index values ``sub``, sums written out and schemas
    instantiated up to the largest sequence term mentioned; None if a hypothesis is then False."""
    goal = ground(problem.goal, sub)
    hyps = [expand_sums(h.xreplace(sub)) for h in problem.hyps]
    if any(h is sp.false for h in hyps):
        return None
    ints = [int(arg) for e in (goal, *hyps) for a in e.atoms(AppliedUndef) for arg in a.args if arg.is_Integer]
    top = max(ints, default=0)
    inst = [expand_sums(h) for h in schema_instances(problem, top)]
    kept = [h for h in inst if all(arg.is_Integer and int(arg) <= top
                                   for a in h.atoms(AppliedUndef) for arg in a.args)]
    return hyps + [h for h in kept if h is not sp.true], goal


__all__ = ["index_symbols", "schema_instances", "ground", "expand_sums", "index_allowed", "grounded_instance"]
