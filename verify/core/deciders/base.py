"""What a decider returns, and the normal forms deciders share.

A relation ``a <= b`` is normalised to ``b - a >= 0``; ``a < b`` to ``b - a > 0``; ``a == b`` to
``a - b == 0``. Symbol assumptions become sign facts (``mu > 0`` for a positive ``mu``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from sympy.core.relational import Relational

from ..limits import TimeLimitExceeded, time_limit
from ..verdicts import Evidence


class NotApplicable(Exception):
    """The decider does not handle this kind of problem (not an error)."""


#: What "the decider does not apply" is, the one definition: its own ``NotApplicable`` and what sympy
#: raises for inputs a procedure simply does not cover. Anything else a decider raises is an error.
NOT_APPLICABLE = (NotApplicable, sp.PolynomialError, NotImplementedError, sp.polys.polyerrors.CoercionFailed)


@dataclass
class Outcome:
    """``proved`` with evidence, or a ``candidate`` counterexample point for exact re-checking."""

    decider: str
    proved: bool
    evidence: Evidence
    candidate: dict[sp.Symbol, Any] | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Fact:
    """``expr KIND 0`` with KIND one of ``>=``, ``>``, ``==``."""

    expr: sp.Expr
    kind: str

    def __str__(self) -> str:
        return f"{self.expr} {self.kind} 0"


def normalise(rel: Relational) -> list[Fact]:
    """Relation to facts ``expr >= 0`` / ``> 0`` / ``== 0``; raises NotApplicable for ``!=``."""
    op = rel.rel_op
    lhs, rhs = sp.sympify(rel.lhs), sp.sympify(rel.rhs)
    if op == "<=":
        return [Fact(rhs - lhs, ">=")]
    if op == "<":
        return [Fact(rhs - lhs, ">")]
    if op == ">=":
        return [Fact(lhs - rhs, ">=")]
    if op == ">":
        return [Fact(lhs - rhs, ">")]
    if op == "==":
        return [Fact(lhs - rhs, "==")]
    raise NotApplicable(f"relation {op} is not handled")


def sign_facts(symbols: list[sp.Symbol]) -> list[Fact]:
    """Facts that the symbols' assumptions state."""
    out = []
    for s in symbols:
        if s.is_positive:
            out.append(Fact(s, ">"))
        elif s.is_nonnegative:
            out.append(Fact(s, ">="))
        elif s.is_negative:
            out.append(Fact(-s, ">"))
        elif s.is_nonpositive:
            out.append(Fact(-s, ">="))
    return out


def goal_relations(goal: sp.Basic) -> list[Relational]:
    """The conjuncts of a goal that is a relation or an ``And`` of relations; NotApplicable otherwise."""
    if isinstance(goal, Relational):
        return [goal]
    if isinstance(goal, sp.And) and all(isinstance(a, Relational) for a in goal.args):
        return list(goal.args)
    raise NotApplicable("the goal is not a relation or a conjunction of relations")


def plain_hypotheses(hyps: list) -> list[Relational]:
    """The hypotheses that are single relations or conjunctions of them (others are skipped)."""
    out: list[Relational] = []
    for h in hyps:
        if isinstance(h, Relational):
            out.append(h)
        elif isinstance(h, sp.And):
            out.extend(a for a in h.args if isinstance(a, Relational))
    return out


def equality_substitution(hyps: list) -> dict[sp.Symbol, sp.Expr]:
    """From hypotheses ``s == expr`` (s a symbol not in expr), a substitution s -> expr."""
    sub: dict[sp.Symbol, sp.Expr] = {}
    for h in plain_hypotheses(hyps):
        if h.rel_op != "==":
            continue
        for a, b in ((h.lhs, h.rhs), (h.rhs, h.lhs)):
            if isinstance(a, sp.Symbol) and a not in b.free_symbols and a not in sub:
                sub[a] = b
                break
    # resolve chains so that no right side mentions a substituted symbol
    for _ in range(len(sub)):
        sub = {k: v.xreplace(sub) for k, v in sub.items()}
    if any(k in v.free_symbols for k, v in sub.items()):
        return {}
    return sub


def attempt(name: str, decider: Any, problem: Any, seconds: float) -> tuple["Outcome | None", str]:
    """Run one decider under a time limit: (its outcome, a note for the evidence). The one entry through
    which the kernel and deciders that call other deciders (exhaustion, entries) run a decider. A decider
    that times out or does not apply gives ``None`` and says so; any other exception propagates."""
    try:
        with time_limit(seconds):
            out = decider(problem)
    except TimeLimitExceeded:
        return None, f"{name} (timed out after {seconds:.1f} s)"
    except NOT_APPLICABLE as exc:
        return None, f"{name} (not applicable: {str(exc)[:80]})"
    if out is None:
        return None, name
    return out, name if out.proved else f"{name} (candidate counterexample)"
