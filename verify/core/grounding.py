"""Grounding: a claim about an integer index, instantiated exactly at given index values.

The index symbols of a problem are the integer symbols that bound its sums or index its sequence
terms (``D(j)``). Grounding sets them to integers, writes sums and products out term by term and
instantiates each hypothesis schema at every index whose sequence terms stay at or below the largest
one the grounded claim mentions (the schema says nothing checkable about terms no one has assigned).
The adversary chooses which index values to try; the core grounds the point it proposes before it
re-checks it.

A claim is about the points where it is defined (``domains.py``), and sympy evaluates a closed term as
soon as the index is set: ``log(j - 2)**2`` at ``j = 1`` becomes ``-pi**2``, a real number, though
``log(-1)`` is not. So every instantiation (a relation at the index values, a sum's term at its index,
a schema at its index) first decides the term's domain conditions there: a condition that is false
(or not certified) makes the term ``nan``, the marker of an undefined value, and so the relation that
holds it undefined (the exact re-check never counts such a point); a condition that still has symbols
and is no longer visible in the instantiated term is kept as ``Piecewise((term, condition), (nan, True))``.
"""
from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.core.relational import Relational
from sympy.functions.elementary.piecewise import ExprCondPair

from . import domains
from .exact import NotReal, holds
from .rules import schema_relation

#: the value of a term outside its domain (``problem.prepare`` refuses nan in a user's claim)
UNDEFINED = sp.nan


def index_symbols(problem) -> list[sp.Symbol]:
    """Integer symbols that index sums or sequence terms (the ones grounding must fix)."""
    found: set = set()
    exprs = [problem.goal, *problem.hyps]
    for e in exprs:
        for s in e.atoms(sp.Sum, sp.Product):
            for limit in s.limits:  # (a bound that is an outer sum's variable is not free in e)
                found |= {x for x in limit[1:] for x in sp.sympify(x).free_symbols} & e.free_symbols
        for a in e.atoms(AppliedUndef):
            found |= {x for arg in a.args for x in arg.free_symbols}
    if problem.schemas:
        for e in exprs:
            found |= {s for s in e.free_symbols if s.is_integer}
    return sorted((s for s in found if s.is_integer), key=str)


def _closed(b: sp.Basic) -> bool:
    return not b.free_symbols and not b.atoms(AppliedUndef)


def _certainly(cond: sp.Basic) -> bool:
    """A closed condition is certified true in exact arithmetic (False if false, undefined or unsure)."""
    if cond is sp.true:
        return True
    if cond is sp.false:
        return False
    try:
        return holds(cond, {}) is True
    except (NotReal, TypeError, ValueError, ZeroDivisionError):
        return False


def instantiate(expr: sp.Basic, sub: dict, conds: list | None = None) -> sp.Basic:
    """``expr`` with the index values ``sub`` set, or ``UNDEFINED`` where one of its domain conditions
    (``domains.necessary``; ``conds`` if already computed) is then closed and not certified true; a
    condition left open is kept on the value when the instantiated expression no longer shows it."""
    conds = domains.necessary(expr) if conds is None else conds
    value = expr.xreplace(sub)
    if not conds:
        return value
    missing = []
    for c in conds:
        c = c.xreplace(sub)
        if _closed(c):
            if not _certainly(c):
                return UNDEFINED
        elif c is not sp.true:
            missing.append(c)
    if missing:
        visible = domains.necessary(value)
        missing = [c for c in missing if not domains.implied_by(c, visible)]
    if missing:
        return sp.Piecewise((value, sp.And(*missing)), (UNDEFINED, True))
    return value


def schema_instances(problem, atoms_max: int) -> list:
    """Every schema instance whose index lies between the schema's start and ``atoms_max`` (an
    instance undefined at its index has an undefined side)."""
    out = []
    for schema in problem.schemas:
        for j in range(schema.start, atoms_max + 1):
            out.append(ground(schema_relation(schema), {schema.var: sp.Integer(j)}))
    return out


def ground(b: sp.Basic, sub: dict) -> sp.Basic:
    """``b`` at the index values, sums written out, relations left unevaluated (so that a closed one
    that fails is reported with its two sides, not as ``False``); a relation with a term undefined
    there has ``nan`` on a side (``exact.holds`` raises ``NotReal`` on it)."""
    if isinstance(b, Relational):
        lhs = expand_sums(instantiate(sp.sympify(b.lhs), sub))
        rhs = expand_sums(instantiate(sp.sympify(b.rhs), sub))
        return Relational(lhs, rhs, b.rel_op, evaluate=False)
    if isinstance(b, (sp.And, sp.Or, sp.Not, sp.Implies)):
        return b.func(*[ground(a, sub) for a in b.args], evaluate=False)
    return expand_sums(instantiate(b, sub))


def undefined(b: sp.Basic) -> bool:
    """A grounded relation (or boolean combination) with an undefined side: not a point of the claim."""
    return isinstance(b, sp.Basic) and b.has(UNDEFINED) and isinstance(b, Relational) and (
        sp.sympify(b.lhs) is UNDEFINED or sp.sympify(b.rhs) is UNDEFINED)


def expand_sums(expr: sp.Basic, max_terms: int = 2000) -> sp.Basic:
    """Sums and products with integer limits written out term by term (sympy's ``doit`` would
    first look for a closed form, which is slow), each term instantiated at its index (``UNDEFINED``
    where its domain conditions fail there); longer ones are left to ``doit`` when their term's
    conditions hold at every index of the range, and are ``UNDEFINED`` otherwise."""
    def explicit(node):
        if not isinstance(node, (sp.Sum, sp.Product)):
            return None
        # Sum(f, (i, ...), (j, ...)) is the sum over j of Sum(f, (i, ...)): the last limit is the outermost
        *inner, (var, lo, hi) = node.limits
        function = node.func(node.function, *inner) if inner else node.function
        if not (lo.is_Integer and hi.is_Integer):
            return None
        if int(hi) - int(lo) > max_terms:
            conds = [c for c in domains.necessary(function) if c.has(var)]
            ok = all(domains.holds_at_every_index(c, (var, lo, hi)) for c in conds)
            return None if ok else UNDEFINED
        # sympy's convention for a reversed range (Karr): the sum over hi + 1, ..., lo - 1, negated
        # (a product: inverted); hi = lo - 1 is empty
        reversed_ = int(hi) < int(lo)
        first, last = (int(hi) + 1, int(lo) - 1) if reversed_ else (int(lo), int(hi))
        conds = domains.necessary(function)  # once for the term, decided at each index
        terms = [walk(instantiate(function, {var: sp.Integer(v)}, conds)) for v in range(first, last + 1)]
        if isinstance(node, sp.Sum):
            return -sp.Add(*terms) if reversed_ else sp.Add(*terms)
        return 1 / sp.Mul(*terms) if reversed_ else sp.Mul(*terms)

    def walk(node):
        if not isinstance(node, sp.Basic) or not node.args:
            return node
        if isinstance(node, (sp.Sum, sp.Product)):
            out = explicit(node)  # its term is walked per index, once the index is set
            return out if out is not None else node
        args = [walk(a) for a in node.args]
        if UNDEFINED in args and isinstance(node, sp.Expr) and not isinstance(node, (sp.Piecewise, ExprCondPair)):
            return UNDEFINED  # a function of an undefined value (sympy's Max refuses nan outright)
        node = node.func(*args)
        out = explicit(node)
        return out if out is not None else node

    out = walk(expr)
    return out.doit() if out.has(sp.Sum, sp.Product) else out


def index_allowed(s: sp.Symbol, v: int) -> bool:
    """The integer ``v`` satisfies the sign assumptions of the index ``s``."""
    return not ((s.is_positive and v <= 0) or (s.is_negative and v >= 0) or (s.is_nonpositive and v > 0))


def _decided(h: sp.Basic) -> bool | None:
    """A closed grounded hypothesis: True, False, or None when undefined or not certified."""
    if h in (sp.true, sp.false):
        return bool(h)
    if not _closed(h):
        return None
    try:
        return holds(h, {})
    except (NotReal, TypeError, ValueError, ZeroDivisionError):
        return None


def grounded_instance(problem, sub: dict) -> tuple[list, sp.Basic] | None:
    """(hypotheses, goal) of ``problem`` at the index values ``sub``, sums written out and schemas
    instantiated up to the largest sequence term mentioned; None if a hypothesis is then false or
    undefined (the point is outside the claim's hypotheses) or the conclusion is undefined."""
    goal = ground(problem.goal, sub)
    if undefined(goal):
        return None
    hyps: list = []
    if not _kept(hyps, (ground(h, sub) for h in problem.hyps)):
        return None
    ints = [int(arg) for e in (goal, *hyps) for a in e.atoms(AppliedUndef) for arg in a.args if arg.is_Integer]
    top = max(ints, default=0)
    within = (h for h in schema_instances(problem, top)
              if all(arg.is_Integer and int(arg) <= top for a in h.atoms(AppliedUndef) for arg in a.args))
    if not _kept(hyps, within):
        return None
    return hyps, goal


def _kept(hyps: list, grounded) -> bool:
    """Append to ``hyps`` each grounded hypothesis not already true; False as soon as one is undefined,
    false, or closed and undecided (the point is then outside the claim's hypotheses)."""
    for g in grounded:
        if undefined(g):
            return False
        truth = _decided(g)
        if truth is False or (truth is None and _closed(g)):
            return False
        if truth is not True:
            hyps.append(g)
    return True


__all__ = ["index_symbols", "schema_instances", "ground", "expand_sums", "index_allowed", "grounded_instance",
           "instantiate", "undefined", "UNDEFINED"]
