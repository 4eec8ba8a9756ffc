"""Induction on a non-negative integer symbol ``k``: base case and step, each a claim.

Step: from the claim at ``k`` (the induction hypothesis), the hypothesis schemas instantiated at
``k``, and ``k >= start``, prove the claim at ``k + 1``. To make the step a problem about the same
atoms, ``q**(k+1)`` is written ``q*q**k`` and a sum ``S(k+1) = sum_{i=lo}^{hi(k)+1} f(i)`` is
peeled to ``S(k) + f(hi(k)+1)``; when ``f(i+1) = c f(i)`` the identity
``S(k) + f(hi(k)+1) = f(lo) + c S(k)`` is added as a hypothesis (it is exact).
"""
from __future__ import annotations

from typing import Any, Callable

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
    """Split powers at the step's ``k + 1``: ``q**(c (k+1)) = q**(c k) q**c``, ``exp(c (k+1)) = exp(c k) exp(c)``."""
    if isinstance(expr, (sp.And, sp.Or, sp.Not, sp.Implies)):
        return expr.func(*[_normalise(a) for a in expr.args])
    expr = expr.replace(lambda e: isinstance(e, sp.exp), lambda e: sp.exp(sp.expand(e.args[0])))
    expr = expr.replace(lambda e: isinstance(e, sp.Pow) and not e.exp.is_number,
                        lambda e: sp.Pow(e.base, sp.expand(e.exp)))
    return sp.expand_power_exp(expr)


def _schema_instances(problem: Problem, at: list) -> list:
    """Each schema at each index; a schema ``for all j >= s`` says nothing below ``s``, so an instance
    at a symbolic index is guarded by ``index >= s`` (unless the index is known to be that large)."""
    out = []
    for schema in problem.schemas:
        for value in at:
            low = sp.Ge(value, schema.start)
            if low is sp.false:
                continue
            out.append(schema.at(value) if low is sp.true else sp.Implies(low, schema.at(value)))
    return out


def prove_by_induction(problem: Problem, rule: Induction, ctx: Any, decide_problem: Callable[..., Verdict], *,
                       attack_cases: bool = True) -> Verdict:
    """Verdict PROVED when both the base case and the step are proved (evidence lists both); each case is
    decided by ``decide_problem`` (the kernel's, passed in).

    ``attack_cases=False`` decides the two cases with the symbolic deciders only (the kernel's
    automatic attempt, where the claim itself is attacked anyway)."""
    k, start = rule.var, sp.Integer(rule.start)
    name = problem.name
    if k not in problem.goal.free_symbols:
        return Verdict(Status.ERROR, name, message=f"{name}: induction on {k}, but the claim does not mention {k}")
    # a schema that mentions k is a hypothesis about k: the induction hypothesis at k would need it at k,
    # while the claim at k + 1 only grants it at k + 1
    if any(k in s.relation.free_symbols - {s.var} for s in problem.schemas):
        return Verdict(Status.UNKNOWN, name, message=f"induction on {k} is not available: a hypothesis schema "
                       f"mentions {k}")
    # base case and step cover k = start, start + 1, ...: the claim must not speak of smaller k
    if (k - start).is_nonnegative is not True:
        low = decide_problem(Problem(f"{name} (range of {k})", list(problem.hyps), sp.Ge(k, start)), ctx,
                             relation=str(sp.Ge(k, start)), attack_claim=False, auto_induction=False)
        if low.status is not Status.PROVED:
            return Verdict(Status.UNKNOWN, name, message=f"induction from {k} = {start} covers only {k} >= {start}, "
                           f"which neither the domain of {k} nor the hypotheses imply; declare {k} "
                           f"nonnegative or add the hypothesis {k} >= {start}")
    # base case
    base_goal = _normalise(problem.goal.xreplace({k: start}).doit())
    base_hyps = [h.xreplace({k: start}) for h in problem.hyps]
    ints = [int(a) for e in (base_goal, *base_hyps) for f in e.atoms(AppliedUndef) for a in f.args if a.is_Integer]
    top = max(ints, default=rule.start)
    low = min([rule.start] + [schema.start for schema in problem.schemas])
    base_hyps += _schema_instances(problem, [sp.Integer(j) for j in range(low, top)])
    base_hyps = [h for h in base_hyps if h is not sp.true]
    if sp.false in base_hyps:  # the claim says nothing at k = start: the base case holds vacuously
        base_hyps, base_goal = [], sp.true
    base = decide_problem(Problem(f"{name} (base case {k} = {start})", base_hyps, base_goal), ctx,
                          relation=str(base_goal), attack_claim=attack_cases, auto_induction=False)
    if base.status is not Status.PROVED and not attack_cases:
        return Verdict(base.status, name, evidence=base.evidence, message=f"base case {base.status.value}")
    # step: the claim is "hypotheses at k imply the goal at k"; hypotheses that mention k hold at k + 1,
    # and the induction hypothesis is the implication at k (they need not hold at k)
    ih = problem.goal
    nxt, facts = _peel_sums(problem.goal.xreplace({k: k + 1}), k)
    about_k = [h for h in problem.hyps if k in h.free_symbols]
    if about_k:
        hyps = [h for h in problem.hyps if k not in h.free_symbols] + [h.xreplace({k: k + 1}) for h in about_k]
        ih_fact = sp.Implies(sp.And(*about_k), ih)
    else:
        hyps, ih_fact = list(problem.hyps), ih
    step_hyps = hyps + [k >= start, ih_fact] + facts + _schema_instances(problem, [k])
    step_hyps = [_normalise(h) for h in step_hyps if h is not sp.true]
    step = decide_problem(Problem(f"{name} (step {k} -> {k} + 1)", step_hyps, _normalise(nxt)), ctx,
                          relation=str(nxt), attack_claim=attack_cases, auto_induction=False)
    status = weakest([base.status, step.status])
    evidence = [Evidence("induction: base", f"{base_goal}: {base.status.value}; "
                         + "; ".join(e.detail for e in base.evidence[:1])),
                Evidence("induction: step", f"assuming {ih} (and the schemas at {k}), {nxt}: {step.status.value}; "
                         + "; ".join(e.detail for e in step.evidence[:1]))]
    message = "" if status is Status.PROVED else f"base case {base.status.value}, step {step.status.value}"
    if base.status is Status.ERROR or step.status is Status.ERROR:
        message = base.message or step.message
    return Verdict(status, name, evidence=evidence, message=message)
