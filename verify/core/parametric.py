"""Parametric sum-of-squares certificates, checked exactly: multipliers that are rational functions of
the claim's parameters.

**Which symbols are parameters.** In a ``PolynomialProblem`` a symbol is a *parameter* when it is
positive by a hypothesis ``p > 0`` of the problem (a symbol declared ``positive=True`` gives one, and so
does a stated ``p > 0``); the other symbols are the *polynomial variables*. The hypotheses whose symbols
are all parameters (``L > 0``, ``mu <= L``, ``eta*L <= 1``) are the *parameter facts*: they describe the
parameter region ``R``, and only they are used to prove the signs below. The split applies when both
parts are non-empty, the goal mentions a variable and there are at most ``MAX_PARAMETERS`` parameters
(``split``). The rule is a choice, not a trust assumption: whatever the split, the check below is sound.

**The certificate** (``ParametricCertificate``) is

    g = sum_k lam_k(p) prod(h_i : i in S_k) + sum_j p_j e_j + z^T Q(p) z + c(p)

with ``lam_k``, ``c`` and the entries of ``Q`` rational functions of the parameters, ``p_j`` polynomials
in the variables with such coefficients, and ``z`` polynomials in the variables with rational
coefficients. ``check_parametric`` verifies, in exact arithmetic over QQ(params):

1. every denominator is ``> 0`` on ``R`` (so every term is defined at every point of ``R``);
2. the identity holds as rational functions (numerator of the difference expanded to 0);
3. every ``lam_k >= 0`` and ``c >= 0`` on ``R`` (for a strict goal ``c > 0``, or some ``lam_k > 0`` on a
   product of strict hypotheses);
4. ``Q(p)`` is PSD on ``R``: a symmetric Gaussian elimination over QQ(params) whose pivots are proven
   ``> 0`` on ``R`` (chosen among the diagonal entries), and whose remaining Schur complement is identically
   0; each Schur complement is a rational function identity that holds wherever the earlier pivots are
   non-zero, hence on all of ``R``.

The signs are proven by a ``prove(expr, strict)`` function passed in (``deciders.sos`` runs the core's
scalar deciders on the parameter facts); a sign it cannot prove rejects the certificate. Where the
hypotheses hold, ``p`` lies in ``R``, every term is then ``>= 0``, so ``g >= 0``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import sympy as sp

from .certificates import PolynomialProblem

#: at most this many parameters (the proposer fits rational functions of them)
MAX_PARAMETERS = 3


@dataclass(frozen=True)
class ParametricProblem:
    """A polynomial problem with its symbols split into ``variables`` and ``parameters``; ``region`` are
    the indices (into ``base.inequalities``) of the parameter facts."""

    base: PolynomialProblem
    variables: tuple[sp.Symbol, ...]
    parameters: tuple[sp.Symbol, ...]
    region: tuple[int, ...]

    def region_facts(self) -> list[tuple[sp.Expr, bool]]:
        return [self.base.inequalities[i] for i in self.region]

    def describe(self) -> str:
        facts = "; ".join(f"{h} {'>' if s else '>='} 0" for h, s in self.region_facts())
        return (f"parameters {', '.join(map(str, self.parameters))} (region: {facts}); variables "
                f"{', '.join(map(str, self.variables))}")


@dataclass(frozen=True)
class ParametricCertificate:
    """``goal = sum lam_k(p) prod(h_i, i in products[k]) + sum p_j e_j + basis^T gram(p) basis + constant(p)``."""

    products: tuple[tuple[tuple[int, ...], sp.Expr], ...]
    equality_multipliers: tuple[sp.Expr, ...]
    basis: tuple[sp.Expr, ...]
    gram: sp.Matrix
    constant: sp.Expr = sp.Integer(0)


@dataclass
class ParametricCheck:
    """The exact verdict: ``ok`` or the first reason it fails; the squares ``d_k (l_k . z)^2`` of ``Q``; each
    sign proven (``(what, expression, how)``)."""

    ok: bool
    reason: str = ""
    squares: list[tuple[sp.Expr, sp.Expr]] = field(default_factory=list)
    signs: list[tuple[str, str, str]] = field(default_factory=list)


#: ``prove(expr, strict) -> how`` (a note naming the decider and the facts used) or None
SignProver = Callable[[sp.Expr, bool], "str | None"]


def split(problem: PolynomialProblem) -> ParametricProblem | None:
    """The parameters (symbols with a hypothesis ``p > 0``) and the variables of ``problem`` (module
    docstring); None when the rule gives no parameter, no variable, a goal free of variables, or too many
    parameters."""
    positive = {h for h, strict in problem.inequalities if strict and isinstance(h, sp.Symbol)}
    parameters = tuple(v for v in problem.variables if v in positive)
    variables = tuple(v for v in problem.variables if v not in positive)
    if not parameters or not variables or len(parameters) > MAX_PARAMETERS:
        return None
    if not sp.sympify(problem.goal).free_symbols & set(variables):
        return None
    region = tuple(i for i, (h, _) in enumerate(problem.inequalities) if sp.sympify(h).free_symbols <= set(parameters))
    return ParametricProblem(problem, variables, parameters, region)


def _parts(e: sp.Expr, parameters: Sequence[sp.Symbol]) -> tuple[sp.Expr, sp.Expr] | None:
    """``e = N/D`` with ``N``, ``D`` polynomials over QQ in the parameters (cancelled), or None."""
    e = sp.sympify(e)
    if not e.free_symbols <= set(parameters):
        return None
    num, den = sp.fraction(sp.cancel(sp.together(e)))
    for part in (num, den):
        if parameters:
            try:
                sp.Poly(part, *parameters, domain="QQ")
            except (sp.PolynomialError, sp.polys.polyerrors.CoercionFailed, sp.GeneratorsNeeded):
                return None
        elif not part.is_Rational:
            return None
    return num, den


def _coefficients_in(p: sp.Expr, variables: Sequence[sp.Symbol], parameters: Sequence[sp.Symbol]) -> list[sp.Expr] | None:
    """The coefficients (rational functions of the parameters) of ``p`` as a polynomial in the variables."""
    p = sp.sympify(p)
    if not p.free_symbols <= set(variables) | set(parameters):
        return None
    num, den = sp.fraction(sp.together(p))
    if den.free_symbols - set(parameters):
        return None
    try:
        poly = sp.Poly(sp.expand(num), *variables) if variables else None
    except sp.PolynomialError:
        return None
    coeffs = poly.coeffs() if poly is not None else [num]
    return [c / den for c in coeffs]


def _zero(e: sp.Expr) -> bool:
    num, _ = sp.fraction(sp.together(e))
    return sp.expand(num) == 0


def _structure(problem: ParametricProblem, cert: ParametricCertificate) -> str:
    base, params, xs = problem.base, problem.parameters, problem.variables
    if set(params) & set(xs) or set(params) | set(xs) != set(base.variables):
        return "the split of the symbols into parameters and variables does not match the problem"
    if any(not set(sp.sympify(base.inequalities[i][0]).free_symbols) <= set(params) for i in problem.region):
        return "a parameter fact mentions a variable"
    m = len(cert.basis)
    if not isinstance(cert.gram, sp.MatrixBase) or cert.gram.shape != (m, m):
        return f"the Gram matrix is not {m} x {m}"
    if any(not _zero(cert.gram[i, j] - cert.gram[j, i]) for i in range(m) for j in range(i)):
        return "the Gram matrix is not symmetric"
    for q in (*cert.gram, cert.constant, *(lam for _, lam in cert.products)):
        if _parts(q, params) is None:
            return f"{q} is not a rational function of the parameters {list(params)}"
    for idx, _ in cert.products:
        if not 1 <= len(idx) <= 2 or any(not isinstance(i, int) or not 0 <= i < len(base.inequalities) for i in idx):
            return f"multiplier on {idx}: not a product of one or two hypotheses"
    if len(cert.equality_multipliers) != len(base.equalities):
        return "one multiplier per equality is needed"
    for p in cert.equality_multipliers:
        if _coefficients_in(p, xs, params) is None:
            return f"{p} is not a polynomial in {list(xs)} with coefficients rational in the parameters"
    for b in cert.basis:
        b = sp.sympify(b)
        if not b.free_symbols <= set(xs):
            return f"the basis element {b} is not a polynomial in the variables {list(xs)}"
        try:
            sp.Poly(b, *xs, domain="QQ")
        except (sp.PolynomialError, sp.polys.polyerrors.CoercionFailed, sp.GeneratorsNeeded):
            return f"the basis element {b} is not a polynomial with rational coefficients"
    return ""


def _gram_factor(Q: sp.Matrix, positive: Callable[[sp.Expr], "str | None"]) -> tuple[list, str] | str:
    """Symmetric elimination of ``Q`` over QQ(params) with pivots proven ``> 0``: ``([(index, pivot,
    {j: l_j}, how)], '')`` with ``Q = sum_k pivot_k l_k l_k^T``, or the reason it fails."""
    n = Q.rows
    A = {(i, j): sp.cancel(Q[i, j]) for i in range(n) for j in range(n)}
    left = list(range(n))
    steps = []
    while left:
        zero = [i for i in left if A[i, i] == 0]
        for i in zero:
            if any(A[i, j] != 0 for j in left):
                return (f"a diagonal entry of the Gram matrix's Schur complement is identically 0 but its row is "
                        f"not ({[A[i, j] for j in left]}): not PSD")
            left.remove(i)
        if not left:
            break
        # constants first, then the simplest entries: the first one proven > 0 on the region is the pivot
        order = sorted(left, key=lambda i: (not A[i, i].is_Rational, sp.count_ops(A[i, i])))
        chosen = None
        for k in order:
            if A[k, k].is_Rational:
                if A[k, k] > 0:
                    chosen, how = k, "a positive rational"
                    break
                return f"a pivot of the Gram matrix is the negative number {A[k, k]}: not PSD"
            how = positive(A[k, k])
            if how is not None:
                chosen = k
                break
        if chosen is None:
            return ("no remaining pivot of the Gram matrix is proven > 0 on the parameter region (candidates: "
                    + ", ".join(str(A[i, i]) for i in order) + ")")
        k, d = chosen, A[chosen, chosen]
        left.remove(k)
        steps.append((k, d, {j: sp.cancel(A[j, k] / d) for j in left}, how))
        for i in left:
            for j in left:
                if j >= i:
                    A[i, j] = A[j, i] = sp.cancel(A[i, j] - A[i, k] * A[k, j] / d)
    return steps, ""


def check_parametric(problem: ParametricProblem, cert: ParametricCertificate, prove: SignProver) -> ParametricCheck:
    """Verify ``cert`` exactly (module docstring): denominators ``> 0`` and multipliers ``>= 0`` on the
    parameter region by ``prove``, the identity over QQ(params), ``Q(p)`` PSD on the region."""
    why = _structure(problem, cert)
    if why:
        return ParametricCheck(False, why)
    base, params, xs = problem.base, problem.parameters, problem.variables
    signs: list[tuple[str, str, str]] = []
    proven: dict[tuple[str, bool], str | None] = {}

    def sign(what: str, e: sp.Expr, strict: bool) -> str | None:
        e = sp.cancel(e)
        if e.is_Rational:
            return "a rational number" if (e > 0 or (e == 0 and not strict)) else None
        key = (str(e), strict)
        if key not in proven:
            proven[key] = prove(e, strict)
            if proven[key] is not None:
                signs.append((what, f"{e} {'>' if strict else '>='} 0", proven[key]))
        return proven[key]

    # 1. denominators > 0 on the region
    exprs = [*cert.gram, cert.constant, *(lam for _, lam in cert.products)]
    exprs += [c for p in cert.equality_multipliers for c in (_coefficients_in(p, xs, params) or [])]
    dens = []
    for e in exprs:
        _, den = _parts(e, params)
        if not den.is_Rational and den not in dens:
            dens.append(den)
    for den in dens:
        if sign("denominator", den, True) is None:
            return ParametricCheck(False, f"the denominator {den} is not proven > 0 on the parameter region",
                                   signs=signs)
    # 2. the identity over QQ(params)
    hyps = [h for h, _ in base.inequalities]
    z = sp.Matrix(cert.basis)
    total = sp.Add(*[lam * sp.Mul(*[hyps[i] for i in idx]) for idx, lam in cert.products])
    total += sp.Add(*[p * e for p, e in zip(cert.equality_multipliers, base.equalities)])
    if cert.basis:
        total += (z.T * cert.gram * z)[0, 0]
    total += cert.constant
    num, _ = sp.fraction(sp.together(base.goal - total))
    residual = sp.expand(num)
    if residual != 0:
        return ParametricCheck(False, f"the identity fails: the numerator of the difference is {residual}", signs=signs)
    # 3. the multipliers' signs
    for idx, lam in cert.products:
        if sign(f"multiplier of {idx}", lam, False) is None:
            return ParametricCheck(False, f"the multiplier {lam} of hypotheses {idx} is not proven >= 0 on the "
                                          "parameter region", signs=signs)
    if sign("constant", cert.constant, False) is None:
        return ParametricCheck(False, f"the constant {cert.constant} is not proven >= 0 on the parameter region",
                               signs=signs)
    if base.strict and sign("constant (strict goal)", cert.constant, True) is None and not any(
            all(base.inequalities[i][1] for i in idx) and sign(f"multiplier of {idx} (strict goal)", lam, True)
            for idx, lam in cert.products):
        return ParametricCheck(False, "the goal is strict but no constant or multiplier of strict hypotheses is "
                                      "proven > 0", signs=signs)
    # 4. Q(p) PSD on the region
    factored = _gram_factor(cert.gram, lambda d: sign("Gram pivot", d, True)) if cert.basis else ([], "")
    if isinstance(factored, str):
        return ParametricCheck(False, factored, signs=signs)
    squares = []
    for k, d, col, _ in factored[0]:
        squares.append((d, cert.basis[k] + sp.Add(*[c * cert.basis[j] for j, c in col.items()])))
    return ParametricCheck(True, "", squares, signs)


def describe_parametric(problem: ParametricProblem, cert: ParametricCertificate, checked: ParametricCheck) -> str:
    """The identity in words a reader can re-check by hand."""
    hyps = [h for h, _ in problem.base.inequalities]
    parts = [f"({lam})*" + "*".join(f"({hyps[i]})" for i in idx) for idx, lam in cert.products if lam != 0]
    parts += [f"({p})*({e})" for p, e in zip(cert.equality_multipliers, problem.base.equalities) if p != 0]
    parts += [f"({d})*({lin})**2" for d, lin in checked.squares]
    if cert.constant != 0:
        parts.append(f"({cert.constant})")
    return f"{problem.base.goal} = " + (" + ".join(parts) or "0")


__all__ = ["ParametricProblem", "ParametricCertificate", "ParametricCheck", "SignProver", "split",
           "check_parametric", "describe_parametric", "MAX_PARAMETERS"]
