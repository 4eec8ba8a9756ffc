"""Mutants of a derivation: one link broken the way a slide goes wrong.

Kinds: ``flip`` (the relation of link i turned strict or reversed), ``constant`` (a numeric
constant of the expression after link i changed), ``factor2`` (a factor 2 of it dropped, or one
added where there is none), ``sign`` (a term of it negated). Changing the expression after link i
also changes the left side of link i + 1, so a mutant must fail at link i or i + 1.
"""
from __future__ import annotations

import copy

import sympy as sp

from verify import Derivation

KINDS = ("flip", "constant", "factor2", "sign")


def _numbers(expr: sp.Expr) -> list[sp.Rational]:
    return sorted({a for a in sp.preorder_traversal(expr) if isinstance(a, sp.Rational) and abs(a) not in (0, 1)},
                  key=lambda r: (abs(r.q), abs(r.p)))


def mutate_expression(expr: sp.Expr, kind: str, op: str = "eq") -> sp.Expr | None:
    """A changed copy of ``expr`` (None when the kind does not apply or changes nothing).

    Where no factor 2 is there to drop, ``factor2`` halves the right side of a ``<=`` link and
    doubles that of a ``>=`` link: for a non-negative bound that strengthens the claim (doubling
    it would only weaken a true final bound, which stays true).
    """
    matrix = isinstance(expr, (sp.MatrixExpr, sp.MatrixBase))
    if kind == "constant":
        nums = _numbers(expr)
        # with no constant to change, shift the bound the way that strengthens the link (a weakened
        # last bound is still true)
        shift = -1 if op in ("le", "lt") else 1
        out = expr.xreplace({nums[0]: nums[0] + 1}) if nums else (2 * expr if matrix else expr + shift)
    elif kind == "factor2":
        twos = [a for a in sp.preorder_traversal(expr) if a == 2]
        if twos:
            out = expr.xreplace({sp.Integer(2): sp.Integer(1)})
        else:
            out = expr / 2 if op in ("le", "lt") else 2 * expr
    elif kind == "sign":
        terms = sp.Add.make_args(expr)
        out = sp.Add(-terms[0], *terms[1:]) if len(terms) > 1 else -expr
    else:
        return None
    if matrix:  # a matrix (or vector) side: compare the expressions, a matrix difference is not a number
        return None if out == expr else out
    return None if sp.simplify(out - expr) == 0 else out


_FLIP = {"eq": "lt", "le": "gt", "lt": "ge", "ge": "lt", "gt": "le"}


def mutant(d: Derivation, index: int, kind: str) -> Derivation | None:
    """``d`` with link ``index`` broken by ``kind`` (a deep copy; ``d`` is untouched)."""
    m = copy.copy(d)
    m.links = list(d.links)
    m.name = f"{d.name}[{kind}@{index + 1}]"
    link = d.links[index]
    if kind == "flip":
        if len(d.links) > 1 and link.op != "eq":
            return None  # reversing one link of a longer chain is a structural error, tested elsewhere
        m.links[index] = type(link)(link.index, _FLIP[link.op], link.lhs, link.rhs, link.by)
        return m
    new = mutate_expression(link.rhs, kind, link.op)
    if new is None:
        return None
    m.links[index] = type(link)(link.index, link.op, link.lhs, new, None)
    if index + 1 < len(d.links):
        nxt = d.links[index + 1]
        m.links[index + 1] = type(nxt)(nxt.index, nxt.op, new, nxt.rhs, None)
    m.stated = None
    return m
