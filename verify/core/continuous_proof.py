"""Deciding the continuous-time rules: each hypothesis of the cited theorem is an obligation.

For ``nonincreasing(phi, s, a, b)`` (mean value theorem) and ``gronwall(u, s, a, b, rate=p)``:

* ``a <= b`` follows from the claim's hypotheses;
* the pointwise hypothesis (``phi'(s) <= 0``, or ``u'(s) <= p(s) u(s)``; derivatives by sympy's ``diff``)
  follows at a fresh point ``s`` in ``(a, b)`` from the claim's hypotheses and its ``during`` hypotheses at
  ``s`` (values ``f(s)``, ``f'(s)`` of undefined functions are arbitrary reals there: a weakening); the
  open interval is what both theorems need (Rudin 5.10: ``phi(b) - phi(a) = (b - a) phi'(x)`` for some ``x``
  in ``(a, b)``), and it lets a lemma used at ``t := s`` for a positive ``t`` serve at every such ``s``;
* regularity: ``phi`` (``u``) is differentiable on ``[a, b]`` (sums, products, powers, ``exp``, ``log``, ...
  where their conditions hold strictly, e.g. ``x > 0`` under ``sqrt``; undefined functions declared
  ``differentiable`` by a ``during`` covering ``[a, b]``), and ``p`` is continuous there.

Then the theorem's conclusion is a fact and the goal is decided from it. A claim with ``during``
hypotheses has no point counterexamples: a point cannot show a hypothesis for every ``s``.

``interval_obligation`` decides what a used lemma needs on an interval: its ``during`` hypothesis on
``[a, b]``, or (for a lemma used inside ``during``) a ``Throughout``: a hypothesis at every ``s`` of the
claim's interval, possibly itself on ``[0, s]``, decided at fresh points ``s`` (and ``r`` in ``[0, s]``)
from the claim's own ``during`` hypotheses there, each guarded by its interval.
"""
from __future__ import annotations

import time
from dataclasses import replace
from typing import Any, Callable

import sympy as sp
from sympy.core.function import AppliedUndef

from .continuous import (CONTINUOUS_RULES, During, Gronwall, Nonincreasing, Throughout, Unsupported, at_point,
                         prime)
from .limits import TimeLimitExceeded, time_limit
from .problem import Problem
from .verdicts import Evidence, Status, Verdict, weakest

#: entire functions: differentiable (and continuous) wherever their argument is
_SMOOTH = (sp.exp, sp.sin, sp.cos, sp.sinh, sp.cosh, sp.tanh, sp.atan, sp.asinh, sp.erf, sp.erfc)
#: continuous (not differentiable everywhere)
_CONTINUOUS = (sp.Abs, sp.Max, sp.Min)


def regularity(expr: sp.Expr, var: sp.Symbol, differentiable: bool) -> tuple[list, set]:
    """``(conditions on var, undefined functions applied at var)`` under which ``expr`` is differentiable
    (or only continuous) in ``var``: conditions are strict where a root or a log needs it. Raises
    ``Unsupported`` for anything else (a ``floor``, a ``Piecewise``, ``f(g(var))``)."""
    expr = sp.sympify(expr)
    if var not in expr.free_symbols:
        return [], set()
    if isinstance(expr, sp.Symbol):
        return [], set()
    if isinstance(expr, AppliedUndef):
        if expr.args != (var,):
            raise Unsupported(f"{expr}: an undefined function must be applied to {var} itself")
        return [], {expr.func}
    if isinstance(expr, sp.Derivative):
        raise Unsupported(f"{expr}: a derivative inside the function (a second derivative) is not handled")
    conds: list = []
    funcs: set = set()
    for a in expr.args:
        c, f = regularity(a, var, differentiable)
        conds += c
        funcs |= f
    if isinstance(expr, (sp.Add, sp.Mul, *_SMOOTH)):
        return conds, funcs
    if isinstance(expr, sp.Pow):
        base, exp = expr.args
        if exp.is_integer and exp.is_nonnegative:
            return conds, funcs
        if exp.is_integer and exp.is_negative:
            return conds + [sp.Ne(base, 0)], funcs
        if exp.is_Rational and exp > 0 and not differentiable and var not in exp.free_symbols:
            return conds + [base >= 0], funcs
        return conds + [base > 0], funcs
    if isinstance(expr, sp.log):
        return conds + [expr.args[0] > 0], funcs
    if isinstance(expr, _CONTINUOUS) and not differentiable:
        return conds, funcs
    if isinstance(expr, sp.Abs):
        return conds + [sp.Ne(expr.args[0], 0)], funcs
    raise Unsupported(f"{type(expr).__name__} ({expr}): not known to be "
                      f"{'differentiable' if differentiable else 'continuous'} here")


def interval_instances(intervals: list[During], exprs: list) -> list:
    """The ``during`` hypotheses at every point where ``exprs`` apply one of their functions (or its
    derivative ``f'``), guarded by the interval: consequences of the hypotheses, for the deciders."""
    out: list = []
    for interval in intervals:
        names = interval.functions() | {prime(f) for f in interval.functions()}
        points = {a.args[0] for e in exprs for a in e.atoms(AppliedUndef) if a.func in names and len(a.args) == 1}
        for point in sorted(points, key=str):
            out += interval.guarded_at(point)
    return [h for h in dict.fromkeys(out) if h is not sp.true]


def instances_at(intervals: list[During], point: sp.Expr, lower, upper) -> list:
    """Every interval hypothesis at ``point``, known to lie in ``[lower, upper]``: unguarded for an interval with
    those very bounds, else guarded by its own."""
    out: list = []
    for interval in intervals:
        same = sp.simplify(interval.lower - lower) == 0 and sp.simplify(interval.upper - upper) == 0
        out += interval.at(point) if same else interval.guarded_at(point)
    return out


def _pointwise_problem(problem: Problem, name: str, var: sp.Symbol, lower, upper, goal_in_var,
                       open_interval: bool = False) -> Problem:
    """The goal at a fresh point ``s`` in ``[lower, upper]`` (in ``(lower, upper)`` if ``open_interval``), from the
    hypotheses and every ``during`` hypothesis at ``s`` (guarded by its own interval)."""
    point = sp.Dummy(var.name, real=True)
    order = sp.Lt if open_interval else sp.Le
    hyps = list(problem.hyps) + [order(lower, point), order(point, upper)]
    hyps += instances_at(problem.intervals, point, lower, upper)
    goal = at_point(goal_in_var, var, point)
    hyps += positive_exponentials([goal, *hyps])
    return Problem(name, [h for h in hyps if h is not sp.true], goal, list(problem.schemas))


def positive_exponentials(exprs: list) -> list:
    """``exp(x) > 0`` for each ``exp`` in ``exprs`` with a real argument (true facts, for the deciders,
    which take ``exp(...)`` as an opaque real)."""
    atoms = {a for e in exprs for a in e.atoms(sp.exp) if a.args[0].is_real}
    return [sp.Gt(a, 0) for a in sorted(atoms, key=str)]


def _covering(problem: Problem, function: Any, lower, upper) -> list[During]:
    return [iv for iv in problem.intervals if any(e.func == function for e in iv.differentiable)]


def prove(problem: Problem, rule: Any, ctx: Any, decide: Callable[..., Verdict]) -> tuple[Any, list, str]:
    """``(fact or None, evidence, message)``: the theorem's conclusion when every obligation is proved."""
    var, lower, upper = rule.var, rule.lower, rule.upper
    mentioned = problem.goal.free_symbols.union(*[h.free_symbols for h in problem.hyps])
    if var in mentioned:
        return None, [], (f"{rule}: the rule's variable {var} is bound; the claim itself must not mention it "
                          f"(name the end point differently)")
    obligations: list[tuple[str, Problem]] = [
        ("interval", Problem(f"{problem.name} ({lower} <= {upper})", list(problem.hyps), sp.Le(lower, upper),
                             list(problem.schemas)))]
    try:
        if isinstance(rule, Nonincreasing):
            derivative = rule.derivative()
            pointwise = sp.Le(derivative, 0)
            what = f"d/d{var} {rule.function} = {derivative} <= 0"
            regular = [("differentiable", rule.function, True)]
            fact = rule.conclusion()
        else:
            derivative = sp.diff(rule.function, var)
            pointwise = sp.Le(derivative, rule.rate * rule.function)
            what = f"d/d{var} {rule.function} = {derivative} <= ({rule.rate}) {rule.function}"
            with time_limit(min(5.0, max(ctx.left(), 0.1))):
                primitive = antiderivative(rule.rate, var)
            if primitive is None:
                return None, [], (f"{rule}: no antiderivative of {rule.rate} in closed form that differentiates "
                                  f"back to it")
            # int_a^b p = P(b) - P(a) for P' = p, P differentiable on [a, b] (so p need not be integrated by sympy's
            # definite integration, which is not trusted here)
            regular = [("differentiable", rule.function, True), ("continuous", rule.rate, False),
                       ("differentiable (antiderivative of the rate)", primitive, True)]
            integral = primitive.xreplace({var: upper}) - primitive.xreplace({var: lower})
            what += f"; int {rule.rate} d{var} = [{primitive}] from {lower} to {upper}"
            try:
                fact = rule.conclusion(integral)
            except TypeError:  # sympy compares an undefined value (the antiderivative infinite at an end)
                fact = sp.nan
            if not isinstance(fact, sp.Basic) or fact.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
                return None, [], f"{rule}: the antiderivative {primitive} is not finite at the ends of [{lower}, {upper}]"
        obligations.append((f"pointwise on ({lower}, {upper}): {what}",
                            _pointwise_problem(problem, f"{problem.name} ({what})", var, lower, upper, pointwise,
                                               open_interval=True)))
        for label, expr, smooth in regular:
            conds, funcs = regularity(expr, var, smooth)
            for c in conds:
                obligations.append((f"{expr} {label}: {c} on [{lower}, {upper}]",
                                    _pointwise_problem(problem, f"{problem.name} ({label}: {c})", var, lower, upper, c)))
            for f in sorted(funcs, key=str):
                covering = _covering(problem, f, lower, upper)
                if not covering:
                    return None, [], (f"{rule}: {f}({var}) must be declared differentiable on [{lower}, {upper}] "
                                      f"by a during(..., differentiable=[{f}({var})]) hypothesis")
                cover = sp.Or(*[sp.And(sp.Le(iv.lower, lower), sp.Le(upper, iv.upper)) for iv in covering])
                obligations.append((f"{f} {label} on [{lower}, {upper}] (declared)",
                                    Problem(f"{problem.name} ({f} declared on the interval)", list(problem.hyps),
                                            cover, list(problem.schemas))))
    except Unsupported as why:
        return None, [], f"{rule}: {why}"
    except TimeLimitExceeded:
        return None, [], f"{rule}: the integral of the rate timed out"
    evidence, failed = [], []
    for label, sub in obligations:
        if sub.goal is sp.true:
            verdict_status, note = Status.PROVED, "holds"
        else:
            v = decide(sub, ctx, relation=str(sub.goal), attack_claim=False, auto_induction=False)
            verdict_status, note = v.status, "; ".join(e.detail for e in v.evidence[:1]) or v.message
        evidence.append(Evidence(f"{rule.axiom.name}: obligation", f"{label}: {verdict_status.value}"
                                 + (f" ({note})" if note else "")))
        if verdict_status is not Status.PROVED:
            failed.append(f"{label} is {verdict_status.value}")
    if failed:
        return None, evidence, f"{rule.axiom.name} not applied: " + "; ".join(failed)
    evidence.insert(0, Evidence(rule.axiom.name, f"cited axiom ({rule.axiom.source}): {rule.axiom.statement}; "
                                                 f"here {what} on [{lower}, {upper}] gives {fact}",
                                {"axiom": rule.axiom.to_json()}))
    return fact, evidence, ""


def interval_obligation(name: str, obligation: "During | Throughout", own: list, intervals: list[During], ctx: Any,
                        decide: Callable[..., Verdict]) -> Verdict:
    """A used lemma's hypothesis on an interval, from the hypotheses ``own`` and the interval hypotheses
    ``intervals`` that may discharge it (the claim's own, and the conclusions of lemmas used before it):

    * ``during(s, a, b, H(s))`` (and ``f(s)`` differentiable): one of ``intervals``, or ``H`` at a fresh
      ``s`` in ``[a, b]`` from them, ``f`` declared on an interval covering ``[a, b]``;
    * ``Throughout`` (a lemma used inside ``during(s, a, b, ...)``): its item at a fresh ``s`` in ``[a, b]``
      where the guard holds; an item on ``[lo(s), hi(s)]`` is decided at a fresh ``r`` there, its functions
      declared differentiable on an interval that covers ``[lo(s), hi(s)]``.

    An interval hypothesis enters at a point as it is where its interval is decided to contain the point's
    range (``[0, s]`` lies in ``[0, t]`` because ``s <= t``: decided from the hypotheses, not matched), else
    guarded by its interval. A point where a sub-problem fails is no counterexample (the functions' values
    there are a relaxation): such a part is ``unknown``, and the message names it."""
    if isinstance(obligation, During) and any(obligation == iv for iv in intervals):
        return Verdict(Status.PROVED, name, message="is a hypothesis")
    within = _containment(name, ctx, decide)
    if isinstance(obligation, Throughout):
        var, point = obligation.var, sp.Dummy(obligation.var.name, real=True)
        known = own + [sp.Le(obligation.lower, point), sp.Le(point, obligation.upper)]
        known += [at_point(g, var, point) for g in obligation.guard]
        base = known + _instances(intervals, point, obligation.lower, obligation.upper, known, within)
        item = obligation.item
        if isinstance(item, During):
            inner = item.replaced(lambda e: sp.sympify(e).xreplace({var: point}))
            goals = _interval_goals(inner, known, base, intervals, within)
        else:
            goals = [(at_point(item, var, point), base)]
    else:
        goals = _interval_goals(obligation, own, own, intervals, within)
    statuses, messages = [], []
    for goal, hyps in goals:
        if goal is sp.false:
            statuses.append(Status.UNKNOWN)
            messages.append("a function it declares differentiable is not declared so on an interval here")
            continue
        hyps = [h for h in hyps if h is not sp.true]
        if goal in hyps:  # the interval's own relation at the point, or a hypothesis
            statuses.append(Status.PROVED)
            continue
        sub = Problem(name, hyps + positive_exponentials([goal, *hyps]), goal, [])
        v = decide(sub, ctx, relation=str(goal), attack_claim=False, auto_induction=False)
        statuses.append(v.status if v.status is not Status.REFUTED else Status.UNKNOWN)
        if v.status is not Status.PROVED:
            why = "not shown (it fails at a point of a relaxation)" if v.status is Status.REFUTED else v.status.value
            messages.append(f"{goal}: {why}")
    return Verdict(weakest(statuses or [Status.PROVED]), name, message="; ".join(messages))


#: seconds the deciders get to show that an interval contains a point's range
CONTAINMENT_SECONDS = 2.0


def _containment(name: str, ctx: Any, decide: Callable[..., Verdict]) -> Callable[[During, Any, Any, list], bool]:
    """``within(interval, lower, upper, known)``: is ``[lower, upper]`` inside the interval, by the same bounds or
    decided from the relations ``known`` (no interval instances among them) within ``CONTAINMENT_SECONDS``?"""
    def within(interval: During, lower, upper, known: list) -> bool:
        if sp.simplify(interval.lower - lower) == 0 and sp.simplify(interval.upper - upper) == 0:
            return True
        bounds = [sp.Le(interval.lower, lower), sp.Le(upper, interval.upper)]
        if all(b is sp.true or b in known for b in bounds):  # e.g. [0, s] in [0, t]: 0 <= 0, and s <= t is known
            return True
        goal = sp.And(*bounds)
        if goal in (sp.true, sp.false):
            return goal is sp.true
        budget = replace(ctx, deadline=min(ctx.deadline, time.monotonic() + CONTAINMENT_SECONDS))
        sub = Problem(f"{name} ([{lower}, {upper}] in [{interval.lower}, {interval.upper}])",
                      [h for h in known if h is not sp.true], goal, [])
        return decide(sub, budget, relation=str(goal), attack_claim=False, auto_induction=False).status is Status.PROVED
    return within


def _instances(intervals: list[During], point: sp.Expr, lower, upper, known: list, within) -> list:
    """Every interval hypothesis at ``point`` of ``[lower, upper]``: as it is where the interval contains that
    range, else guarded by its own interval."""
    out: list = []
    for interval in intervals:
        out += interval.at(point) if within(interval, lower, upper, known) else interval.guarded_at(point)
    return out


def _interval_goals(obligation: During, known: list, base: list, intervals: list[During], within) -> list:
    """``(goal, hypotheses)`` for ``for all r in [lo, hi]: H(r)``: each relation at a fresh ``r`` in ``[lo, hi]``
    from ``base`` and the intervals there; each declared-differentiable ``f(r)`` covered by an interval of
    ``intervals`` that declares ``f`` (``sp.false`` when none does). ``known`` are the relations of ``base``
    that are no interval instances (for the containment of ``[lo, hi]``)."""
    point = sp.Dummy(obligation.var.name, real=True)
    lower, upper = obligation.lower, obligation.upper
    hyps = base + [sp.Le(lower, point), sp.Le(point, upper)] + _instances(intervals, point, lower, upper, known,
                                                                          within)
    out = [(g, hyps) for g in obligation.at(point) if g is not sp.true]
    for e in obligation.differentiable:
        covering = [iv for iv in intervals if any(d.func == e.func for d in iv.differentiable)]
        cover = sp.Or(*[sp.And(sp.Le(iv.lower, lower), sp.Le(upper, iv.upper)) for iv in covering]) if covering \
            else sp.false
        out.append((cover, known))
    return out


def antiderivative(rate: sp.Expr, var: sp.Symbol) -> sp.Expr | None:
    """An antiderivative ``P`` of ``rate`` by sympy's ``integrate``, kept only if ``diff(P) - rate`` simplifies to 0
    and it is free of unevaluated integrals and ``Piecewise`` branches."""
    primitive = sp.integrate(rate, var)
    if primitive.has(sp.Integral, sp.Piecewise):
        return None
    return primitive if sp.simplify(sp.diff(primitive, var) - rate) == 0 else None


def is_continuous_rule(by: Any) -> bool:
    return isinstance(by, CONTINUOUS_RULES)


__all__ = ["prove", "regularity", "interval_instances", "instances_at", "interval_obligation", "is_continuous_rule",
           "Gronwall", "Nonincreasing"]
