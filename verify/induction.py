"""Induction on a non-negative integer symbol ``k``: base case and step, each a claim.

Step: from the claim at ``k`` (the induction hypothesis), the hypothesis schemas instantiated at
``k``, and ``k >= start``, prove the claim at ``k + 1``. To make the step a problem about the same
atoms, ``q**(k+1)`` is written ``q*q**k`` and a sum ``S(k+1) = sum_{i=lo}^{hi(k)+1} f(i)`` is
peeled to ``S(k) + f(hi(k)+1)``; when ``f(i+1) = c f(i)`` the identity
``S(k) + f(hi(k)+1) = f(lo) + c S(k)`` is added as a hypothesis (it is exact).
"""
from __future__ import annotations

import sympy as sp
from sympy.core.function import AppliedUndef

from .problem import Problem
from .rules import Induction
from .verdicts import Evidence, Status, Verdict, weakest


def _peel_sums(expr: sp.Basic, k: sp.Symbol) -> tuple[sp.Basic, list]:
    """Rewrite sums whose upper bound is one more than at ``k`` and collect exact sum identities."""
    rewrites, facts = {}, []
    for s in expr.atoms(sp.Sum):
        if len(s.limits) != 1:
            continue
        i, lo, hi = s.limits[0]
        prev_hi = hi.xreplace({k: k - 1})
        if sp.simplify(hi - prev_hi - 1) != 0 or not hi.has(k):
            continue
        prev = sp.Sum(s.function, (i, lo, prev_hi))
        last = s.function.xreplace({i: hi})
        rewrites[s] = prev + last
        ratio = sp.simplify(s.function.xreplace({i: i + 1}) / s.function)
        if not ratio.has(i) and ratio.is_finite is not False:
            facts.append(sp.Eq(prev + last, s.function.xreplace({i: lo}) + ratio * prev))
    return expr.xreplace(rewrites), facts


def _normalise(expr: sp.Basic) -> sp.Basic:
    return sp.expand_power_exp(expr)


def _schema_instances(problem: Problem, at: list) -> list:
    out = []
    for schema in problem.schemas:
        for value in at:
            out.append(schema.at(value))
    return out


def prove_by_induction(problem: Problem, rule: Induction, ctx) -> Verdict:
    """Verdict PROVED when both the base case and the step are proved (evidence lists both)."""
    from .kernel import decide_problem

    k, start = rule.var, sp.Integer(rule.start)
    name = problem.name
    if k not in problem.goal.free_symbols:
        return Verdict(Status.ERROR, name, message=f"{name}: induction on {k}, but the claim does not mention {k}")
    # base case
    base_goal = _normalise(problem.goal.xreplace({k: start}).doit())
    base_hyps = [h.xreplace({k: start}) for h in problem.hyps]
    ints = [int(a) for e in (base_goal, *base_hyps) for f in e.atoms(AppliedUndef) for a in f.args if a.is_Integer]
    top = max(ints, default=rule.start)
    base_hyps += _schema_instances(problem, [sp.Integer(j) for j in range(rule.start, top)])
    base_hyps = [h for h in base_hyps if h is not sp.true]
    base = decide_problem(Problem(f"{name} (base case {k} = {start})", base_hyps, base_goal), ctx,
                          relation=str(base_goal))
    # step
    ih = problem.goal
    nxt, facts = _peel_sums(problem.goal.xreplace({k: k + 1}), k)
    step_hyps = list(problem.hyps) + [k >= start, ih] + facts + _schema_instances(problem, [k])
    step_hyps = [_normalise(h) for h in step_hyps if h is not sp.true]
    step = decide_problem(Problem(f"{name} (step {k} -> {k} + 1)", step_hyps, _normalise(nxt)), ctx,
                          relation=str(nxt))
    status = weakest([base.status, step.status])
    evidence = [Evidence("induction: base", f"{base_goal}: {base.status.value}; "
                         + "; ".join(e.detail for e in base.evidence[:1])),
                Evidence("induction: step", f"assuming {ih} (and the schemas at {k}), {nxt}: {step.status.value}; "
                         + "; ".join(e.detail for e in step.evidence[:1]))]
    message = "" if status is Status.PROVED else f"base case {base.status.value}, step {step.status.value}"
    if base.status is Status.ERROR or step.status is Status.ERROR:
        message = base.message or step.message
    return Verdict(status, name, evidence=evidence, message=message)
