"""Spectral claims from cited matrix facts: instantiate, abstract, decide the scalar problem.

The facts of ``verify.core.matrix_facts`` are instantiated on the norm, operator-norm, singular-value,
eigenvalue, trace and inner-product terms of the claim, then on the terms those instances bring in (a
few rounds, capped). Every spectral term is then an opaque real to z3 (a term stands for one value, the
same wherever it occurs; sympy's signs of norms and PSD forms are kept). If the hypotheses, the facts'
instances and the negated goal are unsat, the claim holds for every instance of its matrices: each
fact holds there (its shape and structure conditions were checked), so the values of the terms satisfy
every relation given to z3, and no such values violate the goal. The evidence lists the instances the
proof needed (found by dropping instances while nlsat still proves unsat, or z3's unsat core), each with
its fact and source: exactly what the proof assumed. A model proves nothing
(the abstraction loses information), so this decider only proves or says nothing.
"""
from __future__ import annotations

import time
from functools import lru_cache
from typing import Any

import sympy as sp
import z3
from sympy.core.relational import Relational
from sympy.matrices.expressions.matexpr import MatrixExpr

from .. import linalg as la
from ..matrix_facts import FACTS, HEADS, MatrixFact
from ..matrix_forms import canon
from ..verdicts import Evidence
from .base import NotApplicable, Outcome, goal_relations
from .smt import _Translator

ROUNDS = 2
MAX_INSTANCES = 160
TIMEOUT_MS = 4000
#: nlsat on all the instances; then on each smaller set while dropping them, for at most MINIMISE_SECONDS
NLSAT_TIMEOUT_MS, DROP_TIMEOUT_MS, MINIMISE_SECONDS = 1500, 300, 2.0


@lru_cache(maxsize=8192)
def _canonical(e: Any) -> Any:
    """Each spectral term with its matrix arguments in sympy's normal form (an equality-preserving rewrite)."""
    if not isinstance(e, sp.Basic):
        return e
    heads = e.atoms(*HEADS)
    sub = {a: a.func(*[canon(x) for x in a.args]) for a in heads}
    sub = {k: v for k, v in sub.items() if k != v}
    return e.xreplace(sub) if sub else e


def _scalar(rel: Any) -> bool:
    """A relation (or a boolean combination of relations) between scalars."""
    if isinstance(rel, Relational):
        return not any(isinstance(side, MatrixExpr) for side in (rel.lhs, rel.rhs))
    if isinstance(rel, (sp.And, sp.Or, sp.Not, sp.Implies)):
        return all(_scalar(a) for a in rel.args)
    return rel in (sp.true, sp.false)


def heads(e: Any) -> list:
    """The norm/spectral/trace/inner terms of ``e``, each once, in the order of a preorder traversal
    (deterministic, unlike a set's order)."""
    out: dict = {}
    for a in sp.preorder_traversal(e):
        if isinstance(a, HEADS):
            out.setdefault(a, None)
    return list(out)


def instantiate(exprs: list, rounds: int = ROUNDS, most: int = MAX_INSTANCES) -> list[tuple[MatrixFact, Any, Any]]:
    """(fact, term, instance) for the facts on the terms of ``exprs``, then on the terms the instances
    bring in, for ``rounds`` rounds and at most ``most`` instances."""
    terms: dict = {}
    for e in exprs:
        for a in heads(e):
            terms.setdefault(a, None)
    frontier = list(terms)
    out: list = []
    seen: set = set()
    for _ in range(rounds):
        fresh: list = []
        for t in frontier:
            for fact in FACTS:
                for rel in fact.instances(t):
                    rel = _canonical(rel)
                    if rel in seen or rel is sp.true:
                        continue
                    seen.add(rel)
                    out.append((fact, t, rel))
                    if len(out) >= most:
                        return out
                    for a in heads(rel):
                        if a not in terms:
                            terms[a] = None
                            fresh.append(a)
        frontier = fresh
        if not frontier:
            break
    return out


def decide_spectral(problem: Any) -> Outcome | None:
    """Prove a claim about spectral terms from instantiated matrix facts (see the module docstring)."""
    goal = _canonical(problem.goal)
    if not any(la.has_linalg(e) for e in (problem.goal, *problem.hyps)):
        raise NotApplicable("no vector or matrix")
    goal_relations(goal)  # NotApplicable unless a relation or a conjunction of relations
    if not _scalar(goal):
        raise NotApplicable("the goal relates matrices, not scalars")
    # a matrix-valued hypothesis is dropped (sound for a proof: fewer hypotheses)
    hyps = [_canonical(h) for h in problem.hyps if isinstance(h, sp.Basic) and _scalar(h)]
    if not goal.atoms(*HEADS) and not any(h.atoms(*HEADS) for h in hyps):
        raise NotApplicable("no norm, spectral, trace or inner-product term")
    instances = instantiate([goal, *hyps])
    if not instances:
        return None
    return _prove(problem.name, hyps, goal, instances)


def _prove(name: str, hyps: list, goal: Any, instances: list) -> Outcome | None:
    """Unsat of the hypotheses, the instances and the negated goal, the spectral terms opaque reals: first by
    z3's nlsat tactic (fast on these, but without unsat cores: the instances used are found by dropping
    instances one at a time while it stays unsat), else by z3's default solver, whose unsat core names them."""
    tr = _Translator(True)
    base = [tr.boolean(h) for h in hyps] + [z3.Not(tr.boolean(goal))]
    formulas = [tr.boolean(rel) for _, _, rel in instances]
    tr.functional_equations()
    base += [*tr.side, *tr.domain]
    used = _nlsat_used(tr.ctx, base, formulas)
    how = "z3's nlsat tactic"
    if used is None:
        used = _core_used(tr.ctx, base, formulas)
        how = "z3"
    if used is None:
        return None
    cited = [{"fact": f.name, "statement": f.statement, "conditions": f.conditions, "source": f.source,
              "term": str(t), "instance": str(rel)} for f, t, rel in (instances[i] for i in used)]
    listing = "; ".join(f"[{c['fact']}] {c['instance']} ({c['source']})" for c in cited) or "none (the " \
        "hypotheses alone suffice)"
    detail = (f"instantiated {len(instances)} cited matrix facts on the claim's terms; with every spectral term "
              f"an opaque real, {how} finds the hypotheses, the instances and the negated conclusion unsat; "
              f"the instances it used: {listing}")
    return Outcome("spectral", True, Evidence("spectral", detail, {
        "cited_facts": cited, "offered": len(instances), "abstracted": tr.abstracted}))


def _unsat(ctx: Any, formulas: list, timeout_ms: int) -> bool:
    solver = z3.TryFor(z3.Tactic("qfnra-nlsat", ctx=ctx), timeout_ms).solver()
    solver.add(*formulas)
    try:
        return solver.check() == z3.unsat
    except z3.Z3Exception:  # a tactic that fails (e.g. a term outside real arithmetic) decides nothing
        return False


def _nlsat_used(ctx: Any, base: list, formulas: list) -> list[int] | None:
    """The indices of a set of instances with which nlsat proves unsat (every one it drops is re-proved
    without), or None. Each kept set was itself checked unsat, so the list is exact even if time runs out."""
    if not _unsat(ctx, base + formulas, NLSAT_TIMEOUT_MS):
        return None
    used = list(range(len(formulas)))
    deadline = time.monotonic() + MINIMISE_SECONDS
    for i in range(len(formulas)):
        if time.monotonic() > deadline:
            break
        trial = [j for j in used if j != i]
        if _unsat(ctx, base + [formulas[j] for j in trial], DROP_TIMEOUT_MS):
            used = trial
    return used


def _core_used(ctx: Any, base: list, formulas: list) -> list[int] | None:
    solver = z3.Solver(ctx=ctx)
    solver.set("timeout", TIMEOUT_MS)
    solver.add(*base)
    flags = [z3.Bool(f"_fact{i}", ctx) for i in range(len(formulas))]
    for flag, formula in zip(flags, formulas):
        solver.assert_and_track(formula, flag)
    if solver.check() != z3.unsat:
        return None
    core = {str(c) for c in solver.unsat_core()}
    return [i for i, flag in enumerate(flags) if str(flag) in core]


__all__ = ["decide_spectral", "instantiate", "ROUNDS", "MAX_INSTANCES"]
