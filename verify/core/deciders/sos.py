"""The SOS procedure: a scalar polynomial claim, a certificate proposed outside the core, checked inside.

``polynomial_problems`` turns a problem into one ``PolynomialProblem`` per goal conjunct, the way the
Farkas decider does (equalities ``s == expr`` substituted, denominators of known sign cleared, a goal
``N/D >= 0`` with ``D`` of unknown sign becomes ``N D >= 0``, the symbols' signs added as hypotheses;
hypotheses it cannot clear are dropped, which only loses proofs). ``decide_sos`` hands each to the
proposer (a function argument: the kernel's ``Context.certifier``) and accepts only what
``certificates.check_certificate`` verifies exactly; everything else is a note saying why.
"""
from __future__ import annotations

import time

import sympy as sp

from ..certificates import PolynomialProblem, Proposer, check_certificate, describe_certificate
from ..verdicts import Evidence
from .base import Fact, NotApplicable, Outcome, goal_relations, normalise
from .farkas import _goal_fact, cleared_hypotheses

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


def decide_sos(problem, proposer: Proposer, seconds: float) -> Outcome | None:
    """Prove every goal conjunct by a certificate the proposer finds and the core checks exactly.

    Raises NotApplicable, with the reason (no certificate, the solver's note, or the failed exact check),
    when some conjunct gets no verified certificate: the kernel records it and the next procedure runs."""
    start = time.monotonic()
    details, data = [], []
    for poly, how in polynomial_problems(problem):
        left = seconds - (time.monotonic() - start)
        if left <= 0.05:
            raise NotApplicable("no time left for the SOS search")
        proposal = proposer(poly, left)
        if proposal.certificate is None:
            raise NotApplicable(f"no certificate: {proposal.note}")
        checked = check_certificate(poly, proposal.certificate)
        if not checked.ok:
            raise NotApplicable(f"the proposed certificate fails the exact check: {checked.reason}")
        cert = proposal.certificate
        details.append(f"{describe_certificate(poly, cert, checked)}" + (f" ({how})" if how else "")
                       + f"; every term is >= 0 where the hypotheses hold ({proposal.note})")
        data.append({"goal": str(poly.goal), "strict": poly.strict,
                     "hypotheses": [f"{h} {'>' if s else '>='} 0" for h, s in poly.inequalities],
                     "equalities": [str(e) for e in poly.equalities],
                     "multipliers": [{"of": list(idx), "value": str(lam)} for idx, lam in cert.products],
                     "equality_multipliers": [str(p) for p in cert.equality_multipliers],
                     "basis": [str(b) for b in cert.basis],
                     "gram": [[str(q) for q in cert.gram.row(i)] for i in range(cert.gram.rows)],
                     "constant": str(cert.constant),
                     "squares": [[str(d), str(lin)] for d, lin in checked.squares],
                     "proposer": proposal.data})
    return Outcome("sos", True, Evidence("sos", "sum-of-squares certificate, checked exactly (identity over QQ, "
                                                "Gram matrix PSD by exact L D L^T, multipliers >= 0): "
                                                + "; ".join(details), {"certificates": data}))


__all__ = ["decide_sos", "polynomial_problems", "MAX_VARIABLES", "MAX_HYPOTHESES"]
