"""Exact certificates for one GD step under L-smoothness and PL, read off the dual of a PEP solve.

The PEP of ``verify.solvers.pep`` has, for a GD step ``x_1 = x_0 - gamma g_0``, the inequality
constraints ``e_c <= 0`` (below, with exact coefficients), on the function values ``f_s, f_0, f_1`` and
the Gram matrix ``G`` of the leaf vectors ``(x_s, x_0, g_0, g_1)`` (``g_s = 0``):

* ``smooth(i,j)`` for each ordered pair of ``{xs, x0, x1}``: the interpolation inequality of L-smooth
  functions (Taylor, Hendrickx, Glineur 2017, Thm 3.10, in PEPit's symmetric form)
  ``f_i >= f_j + <g_i + g_j, x_i - x_j>/2 + ||g_i - g_j||^2/(4L) - (L/4)||x_i - x_j||^2``;
* ``PL(x0)``, ``PL(x1)``: ``2 mu (f_k - f_s) <= ||g_k||^2``.

A *certificate* of ``f_1 - f_s <= tau (f_0 - f_s)`` is multipliers ``lambda_c >= 0`` and a PSD matrix ``S``
with the identity, in all of ``f`` and ``G``,

    (f_1 - f_s) - tau (f_0 - f_s) = sum_c lambda_c e_c - <S, G>,

whose right side is ``<= 0`` on every feasible point (``G`` is a Gram matrix, so ``<S, G> >= 0``). The
solver's duals are floats; here they are rationalised (``Fraction.limit_denominator``), and the identity is
handed to the kernel (``verify.check``), which decides it exactly in rational arithmetic. Because the
identity is in the Gram entries, it holds for vectors of every dimension. Nothing numeric is trusted: a
rationalisation that is off leaves a non-zero exact residual, reported as such.

* ``one_step_constraints``: the ``e_c`` (exact; ``L, mu, gamma`` may be numbers or sympy symbols);
* ``pep_duals``: solve the PEP (PEPit + Clarabel) and return its dual values under the names above;
* ``rationalise`` / ``candidate``: the rational candidate certificate from the duals;
* ``verify_certificate``: the exact check (kernel identity, ``lambda >= 0``, ``S`` PSD) of any certificate;
* ``one_step_certificate``: all of it at one ``(L, mu, gamma)``;
* ``OneStepCertificate``: a graph statement: a symbolic certificate (for all ``L, mu``) checked by the
  kernel, and, when PEPit is installed, the PEP's rationalised multipliers compared with it at rational
  points.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Mapping, Sequence

import sympy as sp

from ..certificates.rational import rationalise
from ..core.claims import Claim
from ..checking import check
from ..core.verdicts import Evidence, Status, Verdict
from .pep import available, instance_lower

LEAVES = ("xs", "x0", "g0", "g1")
POINTS = ("xs", "x0", "x1")
Number = Fraction | int | sp.Expr

F_S, F_0, F_1 = sp.symbols("f_s f_0 f_1", real=True)
FVALUES = {"xs": F_S, "x0": F_0, "x1": F_1}


def _gram_symbol(a: str, b: str) -> sp.Symbol:
    a, b = sorted((a, b), key=LEAVES.index)
    return sp.Symbol(f"G_{a}_{b}", nonnegative=True) if a == b else sp.Symbol(f"G_{a}_{b}", real=True)


GRAM = sp.Matrix(4, 4, lambda i, j: _gram_symbol(LEAVES[i], LEAVES[j]))


def _sym(x: Number) -> sp.Expr:
    return sp.Rational(x.numerator, x.denominator) if isinstance(x, Fraction) else sp.sympify(x)


def _inner(p: Mapping[str, sp.Expr], q: Mapping[str, sp.Expr]) -> sp.Expr:
    """<p, q> for linear combinations of the leaves, in the Gram symbols."""
    return sp.Add(*[cp * cq * _gram_symbol(a, b) for a, cp in p.items() for b, cq in q.items()])


def _combo(*terms: tuple[sp.Expr, Mapping[str, sp.Expr]]) -> dict[str, sp.Expr]:
    out: dict[str, sp.Expr] = {}
    for c, p in terms:
        for leaf, v in p.items():
            out[leaf] = out.get(leaf, 0) + c * v
    return out


def one_step_points(gamma: Number) -> dict[str, tuple[dict, dict]]:
    """``name -> (x, g)`` as combinations of the leaves: ``x_1 = x_0 - gamma g_0``, ``g(x_s) = 0``."""
    gamma = _sym(gamma)
    return {"xs": ({"xs": 1}, {}), "x0": ({"x0": 1}, {"g0": 1}), "x1": ({"x0": 1, "g0": -gamma}, {"g1": 1})}


def one_step_constraints(L: Number, mu: Number, gamma: Number) -> dict[str, sp.Expr]:
    """The PEP's inequality constraints ``e_c <= 0``, exactly (see the module docstring)."""
    L, mu = _sym(L), _sym(mu)
    pts = one_step_points(gamma)
    out: dict[str, sp.Expr] = {}
    for i in POINTS:
        for j in POINTS:
            if i == j:
                continue
            (xi, gi), (xj, gj) = pts[i], pts[j]
            dx, dg, sg = _combo((1, xi), (-1, xj)), _combo((1, gi), (-1, gj)), _combo((1, gi), (1, gj))
            rhs = FVALUES[j] + _inner(sg, dx) / 2 + _inner(dg, dg) / (4 * L) - L / 4 * _inner(dx, dx)
            out[f"smooth({i},{j})"] = sp.expand(rhs - FVALUES[i])
    for k in ("x0", "x1"):
        out[f"PL({k})"] = sp.expand(2 * mu * (FVALUES[k] - F_S) - _inner(pts[k][1], pts[k][1]))
    return out


PERFORMANCE = F_1 - F_S   # f(x_1) - f*
INITIAL = F_0 - F_S       # f(x_0) - f*


# -- the numeric solve ---------------------------------------------------------------------------------

@dataclass
class PEPDuals:
    """A PEP solve: its value, the dual of each named constraint, and the PSD dual ``S`` (leaf order)."""

    value: float
    duals: dict[str, float]
    psd: list[list[float]]
    seconds: float


def pep_duals(L: Number, mu: Number, gamma: Number, solver: str = "CLARABEL") -> PEPDuals:
    """Solve the one-step PEP (``f_0 - f_s = 1``, maximise ``f_1 - f_s``) and read its dual values."""
    if not available():
        raise ImportError("pep_duals needs PEPit: pip install 'nonconvex-verify[pep]'")
    import cvxpy as cp
    from PEPit import PEP, Point
    from PEPit.functions import SmoothFunction

    Lf, muf, gf = float(L), float(mu), float(gamma)
    start = time.perf_counter()
    problem = PEP()
    func = problem.declare_function(SmoothFunction, L=Lf)
    xs = func.stationary_point(name="xs")
    fs = func(xs)
    x0 = problem.set_initial_point(name="x0")
    g0, f0 = func.oracle(x0)
    x1 = x0 - gf * g0
    x1.set_name("x1")
    g1, f1 = func.oracle(x1)
    problem.add_constraint(2 * muf * (f0 - fs) <= g0 ** 2, name="PL(x0)")
    problem.add_constraint(2 * muf * (f1 - fs) <= g1 ** 2, name="PL(x1)")
    problem.set_initial_condition(f0 - fs == 1)
    problem.set_performance_metric(f1 - fs)
    value = float(problem.solve(wrapper="cvxpy", solver=getattr(cp, solver), verbose=0))
    duals: dict[str, float] = {}
    for c in problem._list_of_prepared_constraints:   # PEPit's public tables omit the user constraints
        name = c.get_name()
        if name.startswith("IC_"):                     # "IC_Function_0_smoothness(x0, x1)"
            name = "smooth(" + name.split("(", 1)[1].replace(" ", "")
        duals[name] = float(c.eval_dual())
    leaves = Point.list_of_leaf_points
    order = [next(i for i, p in enumerate(leaves) if p is q) for q in (xs, x0, g0, g1)]
    S = [[float(problem.residual[a][b]) for b in order] for a in order]
    return PEPDuals(value, duals, S, time.perf_counter() - start)


# -- rationalisation (``rationalise`` lives in verify.certificates.rational, shared with the SOS search) -----

@dataclass
class Candidate:
    """A rational candidate certificate: rate ``tau``, multipliers on the support, PSD part ``S``."""

    rate: Fraction | None
    multipliers: dict[str, Fraction]
    psd: sp.Matrix
    unrationalised: dict[str, float]


def candidate(d: PEPDuals, max_denominator: int = 1000, tol: float = 1e-6) -> Candidate:
    """Rationalise the duals: the initial condition's dual is the rate, the constraints' duals the
    multipliers (those below ``tol`` dropped), the PSD dual entrywise."""
    failed: dict[str, float] = {}
    mult: dict[str, Fraction] = {}
    rate = rationalise(d.duals["Initial condition"], max_denominator, tol)
    if rate is None:
        failed["Initial condition"] = d.duals["Initial condition"]
    for name, v in d.duals.items():
        if name in ("Initial condition",) or name.startswith("Performance metric"):
            continue
        q = rationalise(v, max_denominator, tol)
        if q is None:
            failed[name] = v
        elif q != 0:
            mult[name] = q
    S = sp.zeros(4, 4)
    for a in range(4):
        for b in range(4):
            q = rationalise(d.psd[a][b], max_denominator, tol)
            if q is None:
                failed[f"S[{LEAVES[a]},{LEAVES[b]}]"] = d.psd[a][b]
            else:
                S[a, b] = sp.Rational(q.numerator, q.denominator)
    return Candidate(rate, mult, S, failed)


# -- the exact check -----------------------------------------------------------------------------------

@dataclass
class CertificateCheck:
    """The exact verdict on ``perf - tau init = sum lambda_c e_c - <S, G>`` with ``lambda >= 0``, ``S`` PSD."""

    identity: Verdict
    residual: sp.Expr
    nonnegative: Verdict
    psd: bool | None

    @property
    def proved(self) -> bool:
        """Every part established exactly: then ``f_1 - f_s <= tau (f_0 - f_s)`` on the PEP's class."""
        return (self.identity.status is Status.PROVED and self.nonnegative.status is Status.PROVED
                and self.psd is True)

    def describe(self) -> str:
        bad = [] if self.identity.status is Status.PROVED else [f"identity {self.identity.status.value}, "
                                                                  f"exact residual {self.residual}"]
        if self.nonnegative.status is not Status.PROVED:
            bad.append(f"multipliers >= 0 {self.nonnegative.status.value}")
        if self.psd is not True:
            bad.append("S is not PSD" if self.psd is False else "S PSD undecided")
        return "certificate verified exactly" if not bad else "certificate NOT verified: " + "; ".join(bad)


def _psd(S: sp.Matrix) -> bool | None:
    if S.is_zero_matrix:
        return True
    if S.free_symbols:
        return None
    return bool(S.is_positive_semidefinite)


def verify_certificate(L: Number, mu: Number, gamma: Number, rate: Number, multipliers: Mapping[str, Number],
                       psd: sp.Matrix | None = None, *, given: Sequence[Any] = (), seconds: float = 10.0,
                       name: str = "pep_certificate") -> CertificateCheck:
    """Check a certificate exactly: the kernel decides the identity (in rational arithmetic, or
    symbolically when ``L, mu, gamma`` are symbols, under ``given``) and ``lambda_c >= 0``; ``S`` PSD exactly."""
    identity_rel, nonneg_rel, residual, S = certificate_relations(L, mu, gamma, rate, multipliers, psd)
    identity = check(Claim(f"{name}_identity", given=list(given), show=identity_rel,
                           source="dual certificate of the one-step PEP"), seconds=seconds)
    nonneg = check(Claim(f"{name}_multipliers_nonnegative", given=list(given), show=nonneg_rel,
                         source="dual feasibility"), seconds=seconds)
    return CertificateCheck(identity, residual, nonneg, _psd(S))


def certificate_relations(L: Number, mu: Number, gamma: Number, rate: Number, multipliers: Mapping[str, Number],
                          psd: sp.Matrix | None = None) -> tuple[Any, Any, sp.Expr, sp.Matrix]:
    """(identity, multipliers >= 0, exact residual, S) of a certificate: the identity says
    ``f_1 - f_s - rate (f_0 - f_s) = sum_c lambda_c e_c - <S, G>`` in f and the Gram entries."""
    cons = one_step_constraints(L, mu, gamma)
    unknown = set(multipliers) - set(cons)
    if unknown:
        raise KeyError(f"verify_certificate: no constraint named {sorted(unknown)}; have {sorted(cons)}")
    S = sp.zeros(4, 4) if psd is None else psd
    lam = {k: _sym(v) for k, v in multipliers.items()}
    rhs = sp.Add(*[lam[k] * cons[k] for k in lam]) - sp.Add(*[S[a, b] * GRAM[a, b] for a in range(4) for b in range(4)])
    lhs = PERFORMANCE - _sym(rate) * INITIAL
    residual = sp.factor_terms(sp.expand(sp.cancel(sp.together(lhs - rhs))))
    nonneg = sp.And(*[sp.Ge(v, 0, evaluate=False) for v in lam.values()]) if lam else sp.true
    return sp.Eq(lhs, rhs, evaluate=False), nonneg, residual, S


@dataclass
class Certificate:
    """``one_step_certificate``'s answer: the solve, the rational candidate and its exact check."""

    L: Fraction
    mu: Fraction
    gamma: Fraction
    pep: PEPDuals
    candidate: Candidate
    check: CertificateCheck | None
    seconds: float

    @property
    def rate(self) -> Fraction | None:
        return self.candidate.rate

    @property
    def multipliers(self) -> dict[str, Fraction]:
        return self.candidate.multipliers

    @property
    def proved(self) -> bool:
        return self.check is not None and self.check.proved


def one_step_certificate(L: Number, mu: Number, gamma: Number | None = None, *, max_denominator: int = 1000,
                         tol: float = 1e-6, seconds: float = 10.0) -> Certificate:
    """Solve the PEP at rational ``(L, mu, gamma)`` (default ``gamma = 1/L``), rationalise its duals and
    check the certificate exactly (``check`` is None when some dual had no nearby simple fraction)."""
    L, mu = Fraction(L), Fraction(mu)
    gamma = 1 / L if gamma is None else Fraction(gamma)
    start = time.perf_counter()
    d = pep_duals(L, mu, gamma)
    cand = candidate(d, max_denominator, tol)
    res = None
    if cand.rate is not None and not cand.unrationalised:
        res = verify_certificate(L, mu, gamma, cand.rate, cand.multipliers, cand.psd, seconds=seconds)
    return Certificate(L, mu, gamma, d, cand, res, time.perf_counter() - start)


# -- a graph statement ---------------------------------------------------------------------------------

@dataclass
class OneStepCertificate:
    """A statement for the lemma graph: the one-step bound ``f_1 - f_s <= rate (f_0 - f_s)`` (step ``1/L``)
    certified by ``multipliers`` (symbolic in ``L, mu``) on the PEP's constraints.

    ``run`` has the kernel check that certificate for all ``0 < mu <= L`` (the verdict), and, when PEPit is
    installed, solves the PEP at each rational ``(L, mu)`` in ``points``, rationalises its duals, checks that
    numeric certificate exactly and compares it with the symbolic one (evidence, with the instance lower
    bound and ``notes_rate`` beside it). Without PEPit the evidence says so; the verdict does not change.
    """

    name: str
    L: sp.Symbol
    mu: sp.Symbol
    rate: sp.Expr
    multipliers: dict[str, sp.Expr]
    notes_rate: sp.Expr
    points: tuple[tuple[Fraction, Fraction], ...] = ()
    source: str = ""
    expect: str | None = None
    uses: tuple[str, ...] = ()
    statement: str = ""
    pep_installed: bool = field(default_factory=available)   # part of the fingerprint: evidence differs

    def run(self, seconds: float | None = None, seed: int | None = None) -> Verdict:
        """The kernel's verdict on the symbolic certificate; PEP comparisons as evidence."""
        start = time.monotonic()
        budget = 10.0 if seconds is None else max(seconds / 2, 1.0)
        sym = verify_certificate(self.L, self.mu, 1 / self.L, self.rate, self.multipliers,
                                 given=[self.mu > 0, self.mu <= self.L], seconds=budget, name=self.name)
        # the node's verdict is the core's, on the whole certificate as one claim (S = 0 here)
        identity_rel, nonneg_rel, _, _ = certificate_relations(self.L, self.mu, 1 / self.L, self.rate,
                                                               self.multipliers)
        whole = check(Claim(self.name, given=[self.mu > 0, self.mu <= self.L], show=sp.And(identity_rel, nonneg_rel),
                            source=self.source), seconds=budget)
        status = whole.status
        ev = [Evidence("certificate (symbolic)",
                       f"{sym.describe()}: f(x_1) - f* - ({self.rate})(f(x_0) - f*) = "
                       + " + ".join(f"({v}) e[{k}]" for k, v in self.multipliers.items())
                       + " <= 0, the e_c <= 0 being the PEP's constraints (exact identity in f and the Gram "
                       + "entries, so in every dimension; kernel: "
                       + "; ".join(e.detail for e in sym.identity.evidence[:1]) + ")",
                       {"identity": sym.identity.status.value, "multipliers_nonnegative": sym.nonnegative.status.value,
                        "residual": str(sym.residual)})]
        message = "" if sym.proved else sym.describe()
        if not available():
            ev.append(Evidence("PEP (not run)", "PEPit not installed: the multipliers were not re-derived from a "
                                                "PEP solve (pip install 'nonconvex-verify[pep]')"))
        else:
            rows = [self._row(Lq, muq, budget) for Lq, muq in self.points]
            ok = sum(r["agrees"] for r in rows)
            ev.append(Evidence("PEP dual, rationalised",
                               f"at {len(rows)} rational (L, mu), step 1/L, the PEP's rationalised duals give an "
                               f"exactly verified certificate equal to the symbolic one at {ok}/{len(rows)}: "
                               + "; ".join(_table_line(r) for r in rows), {"points": rows}))
            disagree = [f"(L, mu) = ({r['L']}, {r['mu']})" for r in rows if not r["agrees"]]
            if disagree:
                message = (message + "; " if message else "") + "PEP certificate differs at " + ", ".join(disagree)
        return Verdict(status, self.name, ev, message=message, seconds=time.monotonic() - start,
                       relation=self.statement)

    def _row(self, Lq: Fraction, muq: Fraction, budget: float) -> dict[str, Any]:
        """Solve and certify at ``(Lq, muq)``; agreement means the same exact rate and multipliers, ``S = 0``."""
        cert = one_step_certificate(Lq, muq, seconds=budget)
        at = {self.L: _sym(Lq), self.mu: _sym(muq)}
        expected = {k: sp.simplify(v.subs(at)) for k, v in self.multipliers.items()}
        found = {k: _sym(v) for k, v in cert.multipliers.items()}
        rate = sp.simplify(self.rate.subs(at))
        agrees = (cert.proved and cert.rate is not None and _sym(cert.rate) == rate and found == expected
                  and cert.candidate.psd.is_zero_matrix)
        check_text = (cert.check.describe() if cert.check
                      else f"not rationalised: {cert.candidate.unrationalised}")
        return {"L": str(Lq), "mu": str(muq), "notes_rate": str(self.notes_rate.subs(at)),
                "pep_value": cert.pep.value, "certified_rate": str(cert.rate), "symbolic_rate": str(rate),
                "instance_lower": instance_lower(float(Lq), float(muq), 1 / float(Lq)),
                "multipliers": {k: str(v) for k, v in found.items()},
                "expected": {k: str(v) for k, v in expected.items()},
                "check": check_text, "agrees": bool(agrees), "seconds": round(cert.seconds, 3)}


def _table_line(r: dict[str, Any]) -> str:
    """One point of the bracket: instance lower bound <= worst case <= PEP value, beside the notes' rate."""
    line = (f"(L, mu) = ({r['L']}, {r['mu']}): lower {r['instance_lower']:.6g} <= tau <= PEP {r['pep_value']:.9g}, "
            f"certified {r['certified_rate']} (notes {r['notes_rate']}), multipliers "
            + ", ".join(f"{v} x {k}" for k, v in r["multipliers"].items()))
    return line if r["agrees"] else line + f" [differs: {r['check']}; expected {r['expected']}]"


__all__ = ["LEAVES", "GRAM", "PERFORMANCE", "INITIAL", "one_step_constraints", "PEPDuals", "pep_duals",
           "rationalise", "Candidate", "candidate", "CertificateCheck", "verify_certificate", "Certificate",
           "one_step_certificate", "OneStepCertificate"]
