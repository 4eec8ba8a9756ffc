"""The SOS procedure: a scalar polynomial claim, a certificate proposed outside the core, checked inside.

``polynomial_problems`` turns a problem into one ``PolynomialProblem`` per goal conjunct, the way the
Farkas decider does (equalities ``s == expr`` substituted, denominators of known sign cleared, a goal
``N/D >= 0`` with ``D`` of unknown sign becomes ``N D >= 0``, the symbols' signs added as hypotheses;
hypotheses it cannot clear are dropped, which only loses proofs). ``decide_sos`` hands each to the
proposer (a function argument: the kernel's ``Context.certifier``) and accepts only what
``certificates.check_certificate`` verifies exactly; everything else is a note saying why.

When the constant search fails and the problem has parameters (``parametric.split``: the symbols with a
hypothesis ``p > 0``; the hypotheses in them alone are the parameter facts), the same proposer is asked
for a *parametric* certificate (multipliers rational in the parameters) on the ``ParametricProblem``, and
``parametric.check_parametric`` checks it, proving every sign it needs on the parameter facts with the
core's scalar deciders (``parameter_sign_prover``). It is skipped when there is no parameter, when the
constant search ran out of time and when cvxpy is missing.
"""
from __future__ import annotations

import time
from typing import Callable

import sympy as sp

from ..certificates import PolynomialProblem, Proposer, check_certificate, describe_certificate
from ..parametric import ParametricCertificate, ParametricProblem, check_parametric, describe_parametric, split
from ..problem import Problem
from ..verdicts import Evidence
from .base import Fact, NotApplicable, Outcome, attempt, goal_relations, normalise
from .farkas import _goal_fact, cleared_hypotheses
from .scalar import SCALAR_DECIDERS

#: the scalar deciders that prove a parametric certificate's signs on the parameter facts, and their seconds
SIGN_DECIDERS = ("evaluate", "sign", "monotone", "farkas", "z3")
SIGN_SECONDS = 1.0

#: at most this many variables and hypotheses (the SDP grows with both)
MAX_VARIABLES = 10
MAX_HYPOTHESES = 24

_REAL_POLY_DOMAIN = "QQ"


def _polynomial(expr: sp.Expr, variables: tuple[sp.Symbol, ...]) -> bool:
    if not expr.free_symbols <= set(variables):
        return False
    try:
        sp.Poly(expr, *variables, domain=_REAL_POLY_DOMAIN)
    except (sp.PolynomialError, sp.polys.polyerrors.CoercionFailed, sp.GeneratorsNeeded):
        return False
    return True


def polynomial_problems(problem) -> list[tuple[PolynomialProblem, str]]:
    """One polynomial problem per goal conjunct, with how its goal was cleared; NotApplicable when a goal
    is not a polynomial inequality over real symbols after clearing denominators."""
    rels = goal_relations(problem.goal)
    if any(rel.rel_op in ("==", "!=") for rel in rels):
        raise NotApplicable("SOS certificates prove inequalities")
    sub, facts, eqs = cleared_hypotheses(problem)
    goals = []
    for rel in rels:
        (goal,) = normalise(rel)
        goal_fact, how = _goal_fact(Fact(goal.expr.xreplace(sub), goal.kind))
        goals.append((goal_fact, how))
    symbols = set().union(*(g.expr.free_symbols for g, _ in goals))
    if any(not isinstance(s, sp.Symbol) or s.is_real is False for s in symbols):
        raise NotApplicable("the goal is not about real symbols")
    # hypotheses that are polynomials in real symbols (others are dropped: only proofs are lost)
    mentioned = symbols | {s for f in facts for s in f.expr.free_symbols} | {s for e in eqs for s in e.free_symbols}
    variables = tuple(sorted((s for s in mentioned if isinstance(s, sp.Symbol) and s.is_real is not False), key=str))
    ineqs = tuple((sp.expand(f.expr), f.kind == ">") for f in facts if _polynomial(f.expr, variables))
    equalities = tuple(sp.expand(e) for e in eqs if _polynomial(e, variables))
    used = set(symbols) | {s for h, _ in ineqs for s in h.free_symbols} | {s for e in equalities for s in e.free_symbols}
    variables = tuple(v for v in variables if v in used)
    if len(variables) > MAX_VARIABLES or len(ineqs) > MAX_HYPOTHESES:
        raise NotApplicable(f"too large for the SOS search ({len(variables)} variables, {len(ineqs)} hypotheses)")
    out = []
    for goal_fact, how in goals:
        if not _polynomial(goal_fact.expr, variables):
            raise NotApplicable(f"the goal {goal_fact.expr} is not a polynomial with rational coefficients")
        out.append((PolynomialProblem(variables, sp.expand(goal_fact.expr), goal_fact.kind == ">", ineqs, equalities,
                                      name=problem.name), how))
    return out


def parameter_sign_prover(pproblem: ParametricProblem, deadline: float) -> Callable[[sp.Expr, bool], str | None]:
    """``prove(expr, strict)``: ``expr >= 0`` (``> 0``) from the parameter facts by the core's scalar deciders
    (``SIGN_DECIDERS``), first from the parameters' signs alone, then from every parameter fact; a note naming
    the decider and the facts, or None."""
    facts = pproblem.region_facts()
    rel = [sp.StrictGreaterThan(h, 0, evaluate=False) if s else sp.GreaterThan(h, 0, evaluate=False) for h, s in facts]
    signs = [r for r, (h, s) in zip(rel, facts) if s and isinstance(h, sp.Symbol)]
    deciders = [(n, d, t) for n, d, t in SCALAR_DECIDERS if n in SIGN_DECIDERS]

    def prove(expr: sp.Expr, strict: bool) -> str | None:
        goal = sp.StrictGreaterThan(expr, 0) if strict else sp.GreaterThan(expr, 0)
        for hyps in ([signs, rel] if len(signs) < len(rel) else [rel]):
            for name, decider, limit in deciders:
                left = deadline - time.monotonic()
                if left <= 0.05:
                    return None
                out, _ = attempt(name, decider, Problem("parameter sign", list(hyps), goal), min(limit, SIGN_SECONDS, left))
                if out is not None and out.proved:
                    return f"{name} from " + ("; ".join(str(h) for h in hyps) or "nothing")
        return None
    return prove


def _parametric(poly: PolynomialProblem, proposer: Proposer, deadline: float, how: str) -> tuple[str, dict] | str:
    """A parametric certificate for ``poly`` checked exactly: (detail, data), or why there is none."""
    pproblem = split(poly)
    if pproblem is None:
        return "no parameters (symbols with a hypothesis p > 0 beside polynomial variables)"
    left = deadline - time.monotonic()
    if left <= 0.2:
        return "no time left for the parametric search"
    proposal = proposer(pproblem, left)
    cert = proposal.certificate
    if cert is None:
        return f"no parametric certificate: {proposal.note}"
    if not isinstance(cert, ParametricCertificate):
        return "the proposer returned no parametric certificate"
    checked = check_parametric(pproblem, cert, parameter_sign_prover(pproblem, deadline))
    if not checked.ok:
        return f"the proposed parametric certificate fails the exact check: {checked.reason}"
    used = sorted({how for _, _, how in checked.signs})
    detail = (f"{describe_parametric(pproblem, cert, checked)}" + (f" ({how})" if how else "")
              + f"; {pproblem.describe()}; signs on the region: "
              + "; ".join(f"{what}: {rel} by {by}" for what, rel, by in checked.signs)
              + f" ({proposal.note})")
    data = {**_certificate_data(poly, cert, checked.squares, proposal.data), "parametric": True,
            "parameters": [str(p) for p in pproblem.parameters], "variables": [str(v) for v in pproblem.variables],
            "parameter_facts": [f"{h} {'>' if s else '>='} 0" for h, s in pproblem.region_facts()],
            "signs": [{"what": what, "relation": rel, "by": by} for what, rel, by in checked.signs],
            "sign_proofs": used}
    return detail, data


def _certificate_data(poly: PolynomialProblem, cert, squares: list, proposer: object) -> dict:
    """A certificate (constant or parametric) written out for the evidence."""
    return {"goal": str(poly.goal), "strict": poly.strict,
            "hypotheses": [f"{h} {'>' if s else '>='} 0" for h, s in poly.inequalities],
            "equalities": [str(e) for e in poly.equalities],
            "multipliers": [{"of": list(idx), "value": str(lam)} for idx, lam in cert.products],
            "equality_multipliers": [str(p) for p in cert.equality_multipliers],
            "basis": [str(b) for b in cert.basis],
            "gram": [[str(q) for q in cert.gram.row(i)] for i in range(cert.gram.rows)],
            "constant": str(cert.constant),
            "squares": [[str(d), str(lin)] for d, lin in squares],
            "proposer": proposer}


def decide_sos(problem, proposer: Proposer, seconds: float) -> Outcome | None:
    """Prove every goal conjunct by a certificate the proposer finds and the core checks exactly.

    Raises NotApplicable, with the reason (no certificate, the solver's note, or the failed exact check),
    when some conjunct gets no verified certificate: the kernel records it and the next procedure runs."""
    start = time.monotonic()
    details, data = [], []
    parametric = False
    for poly, how in polynomial_problems(problem):
        left = seconds - (time.monotonic() - start)
        if left <= 0.05:
            raise NotApplicable("no time left for the SOS search")
        proposal = proposer(poly, left)
        checked = check_certificate(poly, proposal.certificate) if proposal.certificate is not None else None
        if checked is None or not checked.ok:
            why = (f"no certificate: {proposal.note}" if checked is None
                   else f"the proposed certificate fails the exact check: {checked.reason}")
            if checked is None and ("time limit" in proposal.note or "not installed" in proposal.note):
                raise NotApplicable(why)   # nothing a parametric search could fix
            found = _parametric(poly, proposer, start + seconds, how)
            if isinstance(found, str):
                raise NotApplicable(f"{why}; parametric: {found}")
            details.append(found[0])
            data.append(found[1])
            parametric = True
            continue
        cert = proposal.certificate
        details.append(f"{describe_certificate(poly, cert, checked)}" + (f" ({how})" if how else "")
                       + f"; every term is >= 0 where the hypotheses hold ({proposal.note})")
        data.append(_certificate_data(poly, cert, checked.squares, proposal.data))
    if parametric:
        return Outcome("sos", True, Evidence("parametric-sos", "parametric sum-of-squares certificate, checked exactly "
                                             "(identity over QQ(parameters), denominators > 0, multipliers >= 0 and "
                                             "Gram pivots > 0 proven on the parameter facts): " + "; ".join(details),
                                             {"certificates": data}))
    return Outcome("sos", True, Evidence("sos", "sum-of-squares certificate, checked exactly (identity over QQ, "
                                                "Gram matrix PSD by exact L D L^T, multipliers >= 0): "
                                                + "; ".join(details), {"certificates": data}))


__all__ = ["decide_sos", "polynomial_problems", "parameter_sign_prover", "MAX_VARIABLES", "MAX_HYPOTHESES"]
