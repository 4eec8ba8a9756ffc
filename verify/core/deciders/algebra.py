"""Cheap symbolic deciders: evaluation, identities, and signs from assumptions.

* ``identity``: the difference of the two sides is zero by ``cancel``, then ``expand``, then
  ``simplify`` (in that order of cost; ``simplify`` for at most ``SIMPLIFY_SECONDS`` and not on
  vector or matrix terms), after substituting hypotheses ``s == expr``.
* ``sign``: ``rhs - lhs`` is non-negative (positive) by sympy's assumptions, directly, after
  ``factor``, or because ``expand`` makes it a sum of terms each non-negative by assumption.

``cancel``/``expand`` of a rational function of the symbols is a polynomial normal form, a decision
procedure. Any other rewrite (``simplify``, an identity among other functions, a sign from sympy's
assumptions) is a candidate: the claim is cross-checked exactly at points of its domain
(``crosscheck``) and a point where it fails is returned as a candidate counterexample instead.
"""
from __future__ import annotations

import sympy as sp

from .._linalg_core import has_linalg
from ..limits import call_with_limit
from ..verdicts import Evidence
from .base import NotApplicable, Outcome, equality_substitution, goal_relations, normalise
from .crosscheck import cross_check, describe

_ORDER = ("cancel", "expand", "simplify")
#: sympy's simplify gets this long; it has no normal form to reach, so a slow run rarely ends in 0
SIMPLIFY_SECONDS = 0.5


def _zero_entries(value: object) -> bool:
    """An explicit matrix all of whose entries are 0 (an explicit matrix equation holds entry by entry)."""
    return isinstance(value, sp.MatrixBase) and all(e == 0 for e in value)


def _zero_by(expr: sp.Expr) -> str | None:
    if expr == 0:
        return "as written"
    for method in _ORDER:
        try:
            if method == "cancel":
                value = sp.cancel(sp.together(expr))
            elif method == "expand":
                value = sp.expand(expr)
            elif has_linalg(expr):
                # simplify rewrites scalars; vector and matrix terms are the gram and words deciders'
                # (on the notes' graph it proved none of them, at up to 3 s a call)
                return None
            else:
                done, value = call_with_limit(SIMPLIFY_SECONDS, sp.simplify, expr)
                if not done:
                    return None
        except (TypeError, NotImplementedError):  # sympy rebuilds matrix arguments as scalars ("Mix of Matrix
            continue                               # and Scalar symbols"; "noncommutative scalars in MatMul")
        if value == 0 or isinstance(value, sp.ZeroMatrix) or _zero_entries(value):  # matrices: every entry 0
            return method
        if method == "cancel" and _rational_in_atoms(expr):
            return None  # cancel decides a rational function: not 0, and no rewrite makes it 0
    return None


def _rational_in_atoms(expr: object) -> bool:
    """A scalar rational function of symbols and terms ``F(...)`` of undefined functions (each taken as
    an indeterminate), for which ``cancel`` is a decision procedure for being identically 0."""
    from sympy.core.function import AppliedUndef

    if not isinstance(expr, sp.Expr) or isinstance(expr, sp.MatrixExpr) or expr.is_Matrix:
        return False
    holders = {t: sp.Dummy() for t in expr.atoms(AppliedUndef)}
    return bool(expr.xreplace(holders).is_rational_function())


def _is_normal_form_proof(method: str, diff: sp.Expr) -> bool:
    """Zero by ``cancel``/``expand`` of a rational function of symbols: a decision procedure."""
    return method in ("as written", "cancel", "expand") and diff.is_rational_function()


def checked_rewrite(problem, decider: str, detail: str, data: dict | None = None) -> Outcome:
    """A proof by a sympy rewrite, kept only if the claim holds exactly at the cross-check's points;
    otherwise the failing point as a candidate counterexample."""
    confirmed, failure = cross_check(problem)
    if failure is not None:
        return Outcome(decider, False, Evidence(decider, f"{detail}, but the claim fails exactly at {failure}: "
                                                         f"the rewrite is wrong there (discarded)"),
                       candidate=failure)
    return Outcome(decider, True, Evidence(decider, f"{detail}; {describe(confirmed)}",
                                           {**(data or {}), "cross_checked_points": confirmed}))


def decide_evaluate(problem) -> Outcome | None:
    """The goal is literally ``True`` once sympy evaluates it."""
    if problem.goal is sp.true:
        return Outcome("evaluate", True, Evidence("evaluate", "sympy evaluates the relation to True"))
    return None


def decide_identity(problem) -> Outcome | None:
    """Every conjunct of the goal has sides whose difference is identically zero (an equality
    conjunct), or is ``a <= a``-like; equality hypotheses are substituted first."""
    rels = goal_relations(problem.goal)
    sub = equality_substitution(problem.hyps)
    steps = []
    normal_form = True
    for rel in rels:
        if rel.rel_op not in ("==", "<=", ">="):
            return None
        diff = (sp.sympify(rel.lhs) - sp.sympify(rel.rhs)).xreplace(sub)
        method = _zero_by(diff)
        if method is None:
            return None
        normal_form = normal_form and _is_normal_form_proof(method, diff)
        if method == "as written":
            same = "the two sides are the same expression" if rel.lhs == rel.rhs else "the difference is 0 as written"
            steps.append(f"{rel}: {same}" + (" once the equalities are substituted" if sub else ""))
            continue
        how = method if method != "simplify" else "simplify (sympy's simplifier, not a decision procedure)"
        steps.append(f"({rel.lhs}) - ({rel.rhs}) = 0 by {how}")
    used = f" after substituting {', '.join(f'{k} = {v}' for k, v in sub.items())}" if sub else ""
    data = {"substituted": {str(k): str(v) for k, v in sub.items()}}
    if normal_form:
        return Outcome("identity", True, Evidence("identity", "; ".join(steps) + used
                                                  + " (polynomial normal form)", data))
    return checked_rewrite(problem, "identity", "; ".join(steps) + used, data)


def _nonneg_by_assumptions(expr: sp.Expr, strict: bool) -> str | None:
    want = "is_positive" if strict else "is_nonnegative"
    if getattr(expr, want) is True:
        return "its sign follows from the symbols' assumptions"
    factored = sp.factor(expr)
    if getattr(factored, want) is True:
        return f"factor gives {factored}, whose sign follows from the assumptions"
    expanded = sp.expand(expr)
    terms = sp.Add.make_args(expanded)
    if len(terms) > 1 and all(t.is_nonnegative for t in terms):
        if not strict or any(t.is_positive for t in terms):
            return f"expand gives {expanded}, a sum of terms each non-negative by assumption"
    numer, denom = sp.fraction(sp.together(expr))
    if denom != 1 and denom.is_positive:
        inner = _nonneg_by_assumptions(numer, strict) if numer != expr else None
        if inner:
            return f"numerator {numer} over positive denominator {denom}: {inner}"
    return None


def decide_sign(problem) -> Outcome | None:
    """Each inequality conjunct's ``rhs - lhs`` has the right sign by assumptions alone."""
    rels = goal_relations(problem.goal)
    sub = equality_substitution(problem.hyps)
    steps = []
    for rel in rels:
        if rel.rel_op in ("!=",):
            raise NotApplicable("!=")
        if rel.rel_op == "==":
            return None
        (fact,) = normalise(rel)
        reason = _nonneg_by_assumptions(fact.expr.xreplace(sub), fact.kind == ">")
        if reason is None:
            return None
        steps.append(f"{fact}: {reason}")
    return checked_rewrite(problem, "sign", "; ".join(steps))
