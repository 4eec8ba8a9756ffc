"""Derivations: every link checked as its own claim, then composed by transitivity.

A link justified by ``substitute(A <= B)`` is checked structurally: the next expression must be the
previous one with ``A`` replaced by ``B`` (or ``B`` by ``A``), and the previous expression must be
monotone in that place (its derivative has the needed sign between ``A`` and ``B``). A link justified
by ``use(lemma, ...)`` is checked with the lemma's instantiated conclusion as a hypothesis and its
instantiated hypotheses as obligations. Other links go to the automatic deciders.
"""
from __future__ import annotations

import sympy as sp

from . import domains
from .claims import Claim, Derivation, Link
from .counterexamples import Rejected, confirm
from .deciders.base import NotApplicable, Outcome
from .kernel import (ATTACK_SECONDS_PROVED, Context, _recheck, _verdict, check_claim, decide_problem, run_deciders,
                     tail_prover)
from .limits import TimeLimitExceeded, time_limit
from .problem import ClaimError, Problem, prepare
from .exact import exact_floats  # (after .problem: a float is its binary value here too)
from .continuous import CONTINUOUS_RULES
from .rules import Induction, Substitute, Use
from .verdicts import Evidence, Status, Verdict, weakest

_OPS = {"eq": "=", "le": "<=", "lt": "<", "ge": ">=", "gt": ">"}


def _error(name: str, message: str, **kw) -> Verdict:
    return Verdict(Status.ERROR, name, message=message, **kw)


def _structure_error(d: Derivation) -> str | None:
    if not isinstance(d.start, sp.Expr):
        return f"{d.name}: start must be a sympy expression, got {d.start!r}"
    if not d.links:
        return f"{d.name}: the derivation has no links; add .le(...), .eq(...) steps"
    for link in d.links:
        if not isinstance(link.rhs, sp.Expr):
            kind = "a relation" if isinstance(link.rhs, sp.Basic) else type(link.rhs).__name__
            return (f"{d.name}, link {link.index + 1}: the expression after .{link.op}( must be a sympy "
                    f"expression, got {kind} {link.rhs!r}")
    if d.composed_op() is None:
        first, against = _opposite_links(d)
        return (f"{d.name}, link {against.index + 1}: {_OPS[against.op]} goes against link {first.index + 1} "
                f"({_OPS[first.op]}), so the chain establishes no relation between its ends")
    return None


def _opposite_links(d: Derivation) -> tuple[Link, Link]:
    """In a chain whose links go both up and down: its first inequality, and the first link against it."""
    first = next(link for link in d.links if link.op != "eq")
    up = first.op in ("le", "lt")
    return first, next(link for link in d.links if link.op != "eq" and (link.op in ("le", "lt")) != up)


def _structure_link(d: Derivation) -> int | None:
    """The number (from 1) of the link a structural error is about (for ``failed_link``), if any."""
    if d.composed_op() is None:
        return _opposite_links(d)[1].index + 1
    bad = [link.index + 1 for link in d.links if not isinstance(link.rhs, sp.Expr)]
    return bad[0] if bad else None


def _ends_error(d: Derivation) -> str | None:
    """The stated conclusion must be exactly what the chain establishes."""
    stated = d.stated
    if stated is None:
        return None
    if not isinstance(stated, sp.core.relational.Relational):
        return f"{d.name}: the stated show= must be a single relation, got {stated!r}"
    op = d.composed_op()
    start, end = d.start, d.end
    lhs, rhs, sop = stated.lhs, stated.rhs, stated.rel_op
    flip = {"<=": ">=", "<": ">", ">=": "<=", ">": "<", "==": "=="}
    if _same(lhs, end) and _same(rhs, start) and not (_same(lhs, start) and _same(rhs, end)):
        lhs, rhs, sop = rhs, lhs, flip[sop]
    chain = f"{start} {_OPS[op]} {end}"
    if not (_same(lhs, start) and _same(rhs, end)):
        return f"{d.name}: the chain proves {chain}, whose ends are not those of the stated {stated}"
    implied = {"eq": {"==", "<=", ">="}, "le": {"<="}, "lt": {"<", "<="}, "ge": {">="}, "gt": {">", ">="}}[op]
    if sop not in implied:
        return f"{d.name}: the chain proves {chain}, which does not give the stated {stated}"
    return None


def _same(a, b) -> bool:
    try:
        with time_limit(3):
            return sp.simplify(sp.sympify(a) - sp.sympify(b)) == 0
    except TimeLimitExceeded:
        return False


def check_derivation(d: Derivation, ctx: Context) -> Verdict:
    """Check each link, then the composition; the verdict names the first failing link (its number,
    counted from 1 as in the messages: ``links[failed_link - 1]``, also ``Verdict.failing``).

    The chain proves its conclusion only where every link is defined: each link's domain must contain
    the conclusion's (under the hypotheses), else the chain proves nothing there and the conclusion is
    decided on its own. The conclusion is attacked in every case."""
    problem_msg = _structure_error(d)
    if problem_msg:
        return _error(d.name, problem_msg, failed_link=_structure_link(d))
    problem_msg = _ends_error(d)
    if problem_msg:
        return _error(d.name, problem_msg)
    link_verdicts = [check_link(d, link, ctx) for link in d.links]
    composed = d.claim
    relation = str(composed.show)
    # the conclusion itself is attacked: a wrong theorem is reported as refuted, not merely blocked
    failing = next((i for i, v in enumerate(link_verdicts)
                    if v.status in (Status.REFUTED, Status.ERROR, Status.BLOCKED)), None)
    try:
        conclusion = prepare(composed)
    except ClaimError as exc:  # a malformed conclusion: name the first link that fails as well, if one does
        return _error(d.name, str(exc), links=link_verdicts,
                      failed_link=failing + 1 if failing is not None else None)
    evidence = [Evidence("chain", f"{len(d.links)} links composed by transitivity give {relation}")]
    gap, covered = _domain_gap(d, conclusion, ctx)
    if gap is None and covered:
        evidence.append(Evidence("domain", "every link is defined wherever the conclusion is: "
                                           + "; ".join(covered)))
    found = _gap_counterexample(conclusion, gap) if gap is not None else None
    whole = None
    if found is not None:
        whole = found
    elif gap is not None or not _all_proved(link_verdicts):
        whole = decide_problem(conclusion, ctx, relation=relation)
    else:
        inconsistent = _attack_proved_chain(d, conclusion, ctx, link_verdicts, evidence)
        if inconsistent is not None:
            return inconsistent
    if whole is not None:
        evidence.extend(e for e in whole.evidence if e.rule == "numeric attack")
    if whole is not None and whole.status is Status.REFUTED:
        where = f"; first failing link: {failing + 1}" if failing is not None else ""
        if gap is not None and failing is None:
            where = f"; {_gap_message(gap, relation)}"
        if failing is None and gap is None and all(v.status is Status.PROVED for v in link_verdicts):
            return _error(d.name, "kernel inconsistency: every link is proved but the conclusion is refuted",
                          links=link_verdicts, counterexample=whole.counterexample, sides=whole.sides)
        return Verdict(Status.REFUTED, d.name, evidence=evidence + whole.evidence[-1:],
                       counterexample=whole.counterexample, sides=whole.sides,
                       message=f"the conclusion {relation} is false{where}", links=link_verdicts,
                       failed_link=failing + 1 if failing is not None else (gap[0] + 1 if gap else None),
                       relation=relation)
    if failing is not None:
        bad = link_verdicts[failing]
        status = Status.ERROR if bad.status is Status.ERROR else Status.BLOCKED
        return Verdict(status, d.name, evidence=evidence, links=link_verdicts, failed_link=failing + 1,
                       relation=relation,
                       message=f"link {failing + 1} ({bad.relation}) is {bad.status.value}"
                               + (f": {bad.message}" if bad.message else ""))
    if gap is not None and whole.status is Status.ERROR:  # the chain proves nothing: the whole's verdict stands
        return _error(d.name, whole.message, links=link_verdicts, evidence=evidence, relation=relation,
                      counterexample=whole.counterexample, sides=whole.sides)
    if gap is not None and whole.status is Status.PROVED:
        evidence.append(Evidence("chain", f"{_gap_message(gap, relation)}; the conclusion is proved on its own"))
        evidence.extend(e for e in whole.evidence if e.rule != "numeric attack")
        return Verdict(Status.PROVED, d.name, evidence=evidence, links=link_verdicts, relation=relation,
                       failed_link=None)
    status = weakest([v.status for v in link_verdicts])
    if whole is not None and status is Status.UNKNOWN and whole.status is Status.TESTED:
        status = Status.TESTED
    weak = next((i for i, v in enumerate(link_verdicts) if v.status is not Status.PROVED), None)
    message = "" if weak is None else f"link {weak + 1} is only {link_verdicts[weak].status.value}"
    if gap is not None:
        status = weakest([status, Status.TESTED if whole.status is Status.TESTED else Status.UNKNOWN])
        message = _gap_message(gap, relation) + (f"; {message}" if message else "")
    return Verdict(status, d.name, evidence=evidence, links=link_verdicts, relation=relation, message=message,
                   failed_link=None)


#: (link index, the domain condition not shown, a point where it fails, or None)
Gap = tuple[int, sp.Basic, dict | None]


def _domain_gap(d: Derivation, conclusion: Problem, ctx: Context) -> tuple[Gap | None, list[str]]:
    """The first link not shown to be defined wherever the conclusion is (under the hypotheses), and
    the conditions shown. Expression ``j`` of the chain (``start`` is 0) is in links ``j`` and ``j+1``."""
    assumed = list(conclusion.hyps)
    for h in conclusion.hyps:
        assumed += domains.necessary(h)  # a hypothesis holds only where it is defined
    assumed += domains.necessary(conclusion.goal)
    exprs = [d.start] + [link.rhs for link in d.links]
    covered: list[str] = []
    for j, expr in enumerate(exprs):
        link = max(j - 1, 0)
        for cond in domains.sufficient(expr):
            if domains.implied_by(cond, assumed):
                continue
            sub = Problem(f"{d.name}: domain of link {link + 1}", assumed, cond, conclusion.schemas)
            try:
                with time_limit(min(6.0, max(ctx.left(), 0.1))):
                    out, _, failure = run_deciders(sub, ctx)
            except TimeLimitExceeded:
                out, failure = None, "timed out"
            if out is not None and out.proved and not failure:
                covered.append(f"{cond} ({out.evidence.detail})")
                continue
            return (link, cond, out.candidate if out is not None else None), covered
    return None, covered


def _gap_message(gap: Gap, relation: str) -> str:
    link, cond, _ = gap
    return (f"link {link + 1} is defined on less than the conclusion: {cond} is not shown wherever "
            f"{relation} is defined, so the chain does not prove it there")


def _gap_counterexample(conclusion: Problem, gap: Gap) -> Verdict | None:
    """A point outside a link's domain (a decider's model) where the conclusion is exactly false."""

    point = gap[2]
    found = _recheck(conclusion, point) if point is not None else None
    if found is None:
        return None
    cx, sd, violated, _ = found
    ev = [Evidence("refutation", f"{violated} fails at a point outside the domain of link {gap[0] + 1} "
                                 f"(a model of the hypotheses where {gap[1]} fails); every hypothesis "
                                 f"holds there, checked exactly")]
    return _verdict(Status.REFUTED, conclusion.name, ev, str(conclusion.goal), counterexample=cx, sides=sd)


def _attack_proved_chain(d: Derivation, conclusion: Problem, ctx: Context, links: list[Verdict],
                         evidence: list) -> Verdict | None:
    """A chain of proved links is attacked as a whole too: a confirmed counterexample is a kernel bug.
    Not with hypotheses on an interval: no point can show them, so a point proves nothing either way."""
    if conclusion.intervals:
        return None
    try:
        result = ctx.search(conclusion, min(ATTACK_SECONDS_PROVED, max(ctx.left(), 0.2)), light=True)
    except Exception as exc:  # the attack must never take the graph down
        evidence.append(Evidence("numeric attack", f"attack failed: {type(exc).__name__}: {exc}"))
        return None
    if result is None:
        return None
    evidence.append(result.evidence())
    if result.counterexample is None:
        return None
    try:
        found = confirm(conclusion, result.counterexample, tail_prover(ctx))
    except Rejected as why:
        evidence.append(Evidence("refutation", f"the attack proposed {result.counterexample}, which the "
                                               f"core's exact re-check rejects: {why}"))
        return None
    return _error(d.name, "kernel inconsistency: every link is proved but the conclusion is refuted",
                  links=links, counterexample=found.point, sides=found.sides, evidence=evidence)


def _all_proved(verdicts: list[Verdict]) -> bool:
    return all(v.status is Status.PROVED for v in verdicts)


def _link_claim(d: Derivation, link: Link, extra_given: tuple = ()) -> Claim:
    return Claim(f"{d.name}, link {link.index + 1}", given=(*d.given, *extra_given), show=link.relation,
                 source=d.source)


def check_link(d: Derivation, link: Link, ctx: Context) -> Verdict:
    """One link under the derivation's hypotheses, by its cited rule."""
    by = link.by
    if isinstance(by, Induction):
        v = _error(f"{d.name}, link {link.index + 1}",
                   f"{d.name}, link {link.index + 1}: induction proves a claim, not a link; state the "
                   f"claim with Claim(..., by=induction({by.var})) and use(...) it here")
    elif isinstance(by, CONTINUOUS_RULES):
        v = _error(f"{d.name}, link {link.index + 1}",
                   f"{d.name}, link {link.index + 1}: {type(by).__name__.lower()} proves a claim, not a link; "
                   f"state the claim with Claim(..., by=...) and use(...) it here")
    elif isinstance(by, Use):
        v = check_claim(_link_claim(d, link, (by,)), ctx, connected=False)
    elif isinstance(by, Substitute):
        v = _substitution_link(d, link, by, ctx)
    else:
        v = check_claim(_link_claim(d, link), ctx, connected=False)
    v.relation = str(link.relation)
    if link.reason:
        v.evidence.insert(0, Evidence("reason", f"cited: {link.reason}"))
    return v


def _substitution_link(d: Derivation, link: Link, rule: Substitute, ctx: Context) -> Verdict:
    name = f"{d.name}, link {link.index + 1}"
    claim = _link_claim(d, link)
    try:
        problem = prepare(claim, connected=False)
    except ClaimError as exc:
        return _error(name, str(exc))
    hyp = exact_floats(rule.hypothesis)  # as exact as the problem's hypotheses (a float is its binary value)
    try:
        with time_limit(min(8.0, max(ctx.left(), 0.1))):
            outcome, failure = _substitution_outcome(problem, link, hyp, ctx)
    except TimeLimitExceeded:
        outcome, failure = None, f"{name}: checking the substitution timed out"
    verdict = decide_problem(problem, ctx, relation=str(link.relation),
                             by=None) if outcome is None else _with_proof(problem, outcome, ctx, link)
    if failure and verdict.status is not Status.REFUTED:
        return _error(name, f"{name}: {failure}", evidence=verdict.evidence)
    return verdict


def _with_proof(problem: Problem, outcome: Outcome, ctx: Context, link: Link) -> Verdict:
    """Record the rule's proof; the link is still attacked, and a counterexample beats it (as an error)."""

    result = ctx.search(problem, 0.5)
    evidence = [outcome.evidence] + ([result.evidence()] if result is not None else [])
    if result is not None and result.counterexample is not None:
        try:
            found = confirm(problem, result.counterexample, tail_prover(ctx))
        except Rejected as why:
            evidence.append(Evidence("refutation", f"the attack proposed {result.counterexample}, which the "
                                                   f"core's exact re-check rejects: {why}"))
            found = None
        if found is not None and outcome.proved:
            return _verdict(Status.ERROR, problem.name, evidence, str(link.relation),
                            message=f"kernel inconsistency: substitution proved {problem.name} but a "
                                    f"counterexample {found.point} exists",
                            counterexample=found.point, sides=found.sides)
        if found is not None:
            return _verdict(Status.REFUTED, problem.name, evidence, str(link.relation),
                            counterexample=found.point, sides=found.sides)
    if outcome.proved:
        status = Status.PROVED
    else:  # a numeric pass is tested only if the attack saw instances
        status = Status.TESTED if result is not None and result.instances > 0 else Status.UNKNOWN
    return _verdict(status, problem.name, evidence, str(link.relation))


def _substitution_outcome(problem: Problem, link: Link, hyp, ctx: Context) -> tuple[Outcome | None, str | None]:
    """(proof outcome, failure message). The hypothesis must be given (or follow from the givens),
    the rewrite must match, and the monotonicity must be proved."""
    if not isinstance(hyp, sp.core.relational.Relational) or hyp.rel_op == "!=":
        return None, f"substitute() needs a relation A <= B, A >= B or A == B, got {hyp}"
    notes: list[str] = []
    if hyp not in problem.hyps:
        sub = Problem(f"{problem.name}: cited hypothesis", problem.hyps, hyp, problem.schemas)
        hv = decide_problem(sub, ctx, relation=str(hyp), attack_claim=False)
        if hv.status is not Status.PROVED:
            return None, f"the cited {hyp} is not among the hypotheses and does not follow from them ({hv.status.value})"
        notes.append(f"the cited {hyp} follows from the hypotheses ({hv.evidence[0].detail if hv.evidence else ''})")
    op = hyp.rel_op
    if op in ("<=", "<"):
        low, high = hyp.lhs, hyp.rhs
    else:
        low, high = hyp.rhs, hyp.lhs
    prev, nxt = exact_floats(sp.sympify(link.lhs)), exact_floats(sp.sympify(link.rhs))
    t = sp.Dummy("t", real=True)
    for a, b, upward in ((low, high, True), (high, low, False)):
        templ = prev.subs(a, t)
        if not templ.has(t):
            continue
        if sp.simplify(templ.subs(t, b) - nxt) != 0:
            continue
        if op == "==":
            if link.op in ("lt", "gt"):
                return None, f"replacing equals by equals gives =, not the strict {_OPS[link.op]} of the link"
            return Outcome("substitution", True, Evidence("substitution", f"replaced {a} by {b} using {hyp}")), None
        if link.op == "eq":
            return None, f"the inequality {hyp} cannot justify an = link"
        # the value in that place moves up (a -> b with a <= b) or down
        needs_increasing = (link.op in ("le", "lt")) == upward
        deriv = sp.diff(templ, t)
        strict = link.op in ("lt", "gt")
        rel = deriv > 0 if (strict and needs_increasing) else deriv >= 0 if needs_increasing else \
            deriv < 0 if strict else deriv <= 0
        between = [low <= t, t <= high]
        # a derivative of the right sign gives monotonicity only where the expression is continuous:
        # no jumps (Piecewise, floor, ...) and no pole, log or root leaving its domain between the ends
        # (each condition is its own problem: a decider may assume the others' subterms are defined)
        defined = _continuity_conditions(templ, t)
        if defined is None:
            return None, None  # not a function we know to be continuous: fall back to the deciders
        for cond in defined:
            dom = Problem(f"{problem.name}: continuity", problem.hyps + between, cond, problem.schemas)
            out, tried, failure = run_deciders(dom, ctx)
            if failure:
                return None, failure
            if out is None or not out.proved:
                return None, None
            notes.append(f"{cond} for t between {low} and {high} ({out.evidence.detail})")
        mono = Problem(f"{problem.name}: monotonicity", problem.hyps + between, rel, problem.schemas)
        out, tried, failure = run_deciders(mono, ctx)
        if failure:
            return None, failure
        if strict and op not in ("<", ">"):
            return None, f"a strict link needs a strict hypothesis, but {hyp} is not strict"
        direction = "non-decreasing" if needs_increasing else "non-increasing"
        if out is not None and out.proved:
            detail = (f"replaced {a} by {b} using {hyp}; the previous expression is {direction} there: "
                      f"d/dt = {deriv.subs(t, sp.Symbol('t'))} has the needed sign ({out.evidence.detail})")
            return Outcome("substitution", True, Evidence("substitution", "; ".join(notes + [detail]))), None
        return None, None  # rewrite matches but monotonicity unproved: fall back to the deciders
    return None, (f"cites substitute({hyp}) but {nxt} is not {prev} with {low} replaced by {high} "
                  f"(or {high} by {low})")


#: functions continuous on the whole real line
_CONTINUOUS = (sp.exp, sp.erf, sp.sin, sp.cos, sp.atan, sp.sinh, sp.cosh, sp.tanh, sp.Abs, sp.Max, sp.Min)


def _continuity_conditions(expr: sp.Basic, t: sp.Symbol) -> list | None:
    """Conditions on ``t`` under which ``expr`` is continuous in ``t`` (denominators non-zero, roots of
    non-negative and logarithms of positive arguments), or None when ``expr`` uses a function of ``t``
    not known to be continuous."""
    out: list = []
    for node in sp.preorder_traversal(expr):
        if not node.has(t) or node == t or isinstance(node, (sp.Add, sp.Mul, *_CONTINUOUS)):
            continue
        if isinstance(node, sp.Pow):
            base, exp = node.args
            if exp.is_Integer:
                cond = sp.Ne(base, 0) if exp < 0 else sp.true
            elif exp.is_Rational:
                cond = base >= 0 if exp > 0 else base > 0
            else:
                cond = base > 0
        elif isinstance(node, sp.log):
            cond = node.args[0] > 0
        else:
            return None
        if cond is sp.false:
            return None
        if cond is not sp.true and cond not in out:
            out.append(cond)
    return out
