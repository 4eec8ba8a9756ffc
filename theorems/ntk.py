"""The tangent kernel and wide two-layer networks: 000's tangent-kernel part, 002's two-layer analysis and
004's slides 7-22.

Main results (sources in each node):

* The tangent kernel ``K = DF DF^T`` is PSD (``tangent_kernel_psd``) and gives PL* with ``mu = lambda_min(K)``
  (``tangent_kernel_plstar``, 000; ``uniform_conditioning_plstar``, 004 Theorem 1, line by line); the
  prediction dynamics of a nonlinear model (``nonlinear_model_dynamics``); the Hessian of the square loss
  (``square_loss_hessian``, 004 Prop 1's proof, derivatives by sympy); the linear system's kernel and
  condition number (``linear_system_condition``).
* Two-layer networks ``f(x) = (1/sqrt(m)) sum_r a_r sigma(w_r^T x)``: the kernel entry as an inner product of
  gradients (``two_layer_kernel_entry``), 002's displayed formula for ``H_ij(t)`` as written (erratum) and the
  arc-cosine formula ``|H*_ij| = ...`` as written (erratum, negative inner products) beside the formula itself
  checked against a 50-digit orthant probability (``arccos_formula_run``).
* Cited probability facts: Hoeffding's inequality (``hoeffding_inequality``, tested on exact binomial tails)
  with 002's sample size (``hoeffding_sample_size``); anti-concentration ``P(|Z| <= rho) <= 2 rho/sqrt(2 pi)``.
* Lazy training (002): the sign of ``w_r^T x_i`` cannot change while ``||w_r(t) - w_r(0)|| < rho <= |w_r(0)^T x_i|``
  (``sign_stability_distance``, ``sign_stability``); ReLU smoothness as written (erratum: ``x_i^T x_j`` for
  ``|x_i^T x_j|``) and corrected; ``lazy_training_integral``.
* 004, shallow network: ``||H_{F_i}|| <= beta_sigma/sqrt(m)`` (``shallow_hessian_bound``) and the run of both
  bounds (``shallow_network_bounds_run``).
* Scaling experiments (verdict from a fitted exponent with a bootstrap interval, never proved):
  ``||H(0) - H*|| ~ m^{-1/2}``, its growth in N (000's width bound), lazy training ``max_r ||w_r(t) - w_r(0)||
  ~ m^{-1/2}``, the kernel's drift ``||H(t) - H(0)||`` and ``|lambda_min(K(t)) - lambda_min(K(0))|``, and the
  Hessian norm ``O(1/sqrt(m))``.
"""
from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import numpy as np
import sympy as sp
from hypothesis import strategies as st
from scipy.integrate import quad

from verify import (Claim, Derivation, DIGITS, empirical_kernel, Experiment, forall, gd_steps, induction,
                    init_two_layer, inner, lambda_max, lambda_min, Matrix, min_eigenvalue, mpf, node, norm, op_norm,
                    orthant_probability_exact, output_hessian_norm, relu_kernel, ScalingExperiment, substitute,
                    use, Vector)

from .gd import gd_pl_one_step_eta

TOPIC = "Neural tangent kernel"

n, p, d = sp.symbols("n p d", integer=True, positive=True)
mu, m, rho = sp.symbols("mu m rho", positive=True)

# -- the tangent kernel: 000 and 004 -------------------------------------------------------------------------
J, r = Matrix("DF", n, p), Vector("r_n", n)
tangent_kernel_psd = (
    Derivation("tangent_kernel_psd", start=(r.T * J * J.T * r)[0, 0],
               source="000, tangent kernel PSD: K(w) = DF(w) DF(w)^T is positive semi-definite, "
                      "r^T K r = ||DF^T r||^2 >= 0 (any N x d differential)", expect="proved")
    .eq(norm(J.T * r) ** 2, by="r^T DF DF^T r = <DF^T r, DF^T r>")
    .ge(0, by="a norm is non-negative")
)

J2, e2 = Matrix("DF_w", 2, 3), Vector("e", 2)        # e = F(w) - y; grad L(w) = DF^T e
tangent_kernel_plstar = Claim(
    "tangent_kernel_plstar", show=2 * lambda_min(J2 * J2.T) * (norm(e2) ** 2 / 2) <= norm(J2.T * e2) ** 2,
    source="000, tangent kernel PL*: the square loss L = (1/2)||F(w) - y||^2 is mu-PL* (2 mu L <= ||grad L||^2) "
           "at w with mu = lambda_min(K(w)); grad L = DF^T (F - y); checked for DF of shape 2 x 3", expect="proved")

Lw = sp.Symbol("L_w", nonnegative=True)
UNIFORM = lambda_min(J2 * J2.T) >= mu
uniform_conditioning_plstar = (
    Derivation("uniform_conditioning_plstar", given=[UNIFORM, sp.Eq(Lw, norm(e2) ** 2 / 2)],
               start=norm(J2.T * e2) ** 2 / 2,
               source="004, Theorem 1 (uniform conditioning => PL*), proof: (1/2)||grad L||^2 = (1/2)(F - y) DF DF^T "
                      "(F - y)^T >= (1/2) lambda_min(K) ||F - y||^2 >= mu L(w); checked for DF of shape 2 x 3",
               expect="proved", show=norm(J2.T * e2) ** 2 / 2 >= mu * Lw)
    .eq(inner(e2, J2 * J2.T * e2) / 2, by="||DF^T e||^2 = e^T K e")
    .ge(lambda_min(J2 * J2.T) * norm(e2) ** 2 / 2, by="Rayleigh quotient: e^T K e >= lambda_min(K) ||e||^2")
    .ge(mu * norm(e2) ** 2 / 2, by=substitute(UNIFORM, "lambda_min(K(w)) >= mu on S"))
    .eq(mu * Lw, by="L(w) = (1/2)||F(w) - y||^2")
)

Jn, un = Matrix("DF", n, p), Vector("y_minus_u", n)
nonlinear_model_dynamics = Claim(
    "nonlinear_model_dynamics", show=sp.Eq(Jn * (Jn.T * un), (Jn * Jn.T) * un, evaluate=False),
    source="000, nonlinear model dynamics: du_i/dt = sum_k (df(w, x_i)/dw_k) dw_k/dt with dw/dt = DF^T (y - u) "
           "gives du/dt = K (y - u), K = DF DF^T", expect="proved")

# 004, Prop 1, proof idea, n = 1 and two weights: the Hessian of (1/2)(F(w) - y)^2 by sympy's diff.
w1, w2, yy = sp.symbols("w_1 w_2 y", real=True)
Fw = sp.Function("F")(w1, w2)


def _derivatives_as_symbols(expr: sp.Basic) -> sp.Basic:
    """Replace each derivative of ``F`` computed by sympy with a symbol ``D_...`` and ``F`` with ``F_w``."""
    subs = {der: sp.Symbol("D_" + "".join(str(v) for v, k in der.variable_count for _ in range(k)), real=True)
            for der in expr.atoms(sp.Derivative)}
    return expr.xreplace(subs).xreplace({Fw: sp.Symbol("F_w", real=True)})


_gradF = sp.Matrix([[sp.diff(Fw, w1), sp.diff(Fw, w2)]])
square_loss_hessian = Claim(
    "square_loss_hessian",
    show=sp.Eq(sp.ImmutableMatrix(_derivatives_as_symbols(sp.hessian((Fw - yy) ** 2 / 2, (w1, w2)))),
               sp.ImmutableMatrix(_derivatives_as_symbols(_gradF.T * _gradF + (Fw - yy) * sp.hessian(Fw, (w1, w2)))),
               evaluate=False),
    source="004, Prop 1, proof idea (H_L(w) = grad F^T (d^2 L/dF^2) grad F + sum_i (F(w) - y)_i H_{F_i}(w)), "
           "n = 1: H_L = grad F^T grad F + (F(w) - y) H_F, the Hessian computed by sympy for two weights",
    expect="proved")

# 004, Prop 1 on an example: F(w) = w_1 w_2, y = 1 (n = 1, m = 2); the global minima form the curve w_1 w_2 = 1.
ss = sp.Symbol("s", real=True)
_HL_EXAMPLE = sp.hessian((w1 * w2 - 1) ** 2 / 2, (w1, w2)).xreplace({w1: ss, w2: ss})
local_nonconvexity_example = Claim(
    "local_nonconvexity_example", given=[ss > 1],
    show=(sp.Matrix([[1, -1]]) * _HL_EXAMPLE * sp.Matrix([1, -1]))[0, 0] < 0,
    source="004, Prop 1 (local non-convexity) on F(w) = w_1 w_2, y = 1: at every (s, s) with s > 1, arbitrarily "
           "close to the global minimiser (1, 1), the Hessian of L (by sympy) has u^T H_L u = 2 - 2 s^2 < 0 along "
           "u = (1, -1), so L is convex in no neighbourhood of (1, 1); 004, loss landscapes (over-parameterized: "
           "non-convex even locally, a manifold w_1 w_2 = 1 of global minima)", expect="proved")


def _init_lambda_min(m_, rng):
    """``lambda_min(H(0))`` of a ReLU network of width ``m_`` on five fixed unit inputs."""
    X = _unit_inputs(np.random.default_rng(2022))      # the same inputs at every width and seed
    return min_eigenvalue(empirical_kernel(init_two_layer(rng, m_, DIM, "relu"), X))


init_lambda_min_scaling = ScalingExperiment(
    "init_lambda_min_scaling", measure=_init_lambda_min, widths=(100, 1000, 10000, 100000), claimed=0.0, seeds=8,
    source="004, initialization is good (slides 11-12): standard initialization gives lambda_min(K(w_0)) = O(1) "
           "w.h.p. for non-degenerate data (it tends to lambda_min(K*) > 0, neither growing nor vanishing with m); "
           "ReLU, N = 5 unit inputs in R^3; 003, (8.96): sigma_min(Phi Phi^T) stays of the order of "
           "sigma_min(K^inf) as m grows", expect="tested", statement="lambda_min(H(0)) ~ m^0")

A = Matrix("A", 2, 3)
linear_system_condition = Claim(
    "linear_system_condition", show=sp.Eq(lambda_max(A.T * A), lambda_max(A * A.T)),
    source="004, Theorem 4 remarks, linear system F(w) = A w: the tangent kernel A A^T is constant and the "
           "Hessian of L is A^T A, whose largest eigenvalue is lambda_max(A A^T), so kappa = "
           "lambda_max(A A^T)/lambda_min(A A^T); A of shape 2 x 3", expect="proved")

# -- two-layer networks: 000 and 002 ---------------------------------------------------------------------
xi, xj = Vector("x_i", d), Vector("x_j", d)
Ii, Ij = sp.symbols("I_i I_j", integer=True, nonnegative=True)        # 1{w_r^T x_i >= 0}, 1{w_r^T x_j >= 0}
ar = sp.Symbol("a_r", real=True)
two_layer_kernel_entry = Claim(
    "two_layer_kernel_entry",
    show=sp.Eq(inner(ar * xi * Ii / sp.sqrt(m), ar * xj * Ij / sp.sqrt(m)), ar ** 2 * Ii * Ij * inner(xi, xj) / m),
    source="002, H(t) formula: du_i/dw_r = (1/sqrt(m)) a_r x_i 1{w_r^T x_i >= 0}, so neuron r adds "
           "(1/m) a_r^2 x_i^T x_j 1{.} 1{.} to H_ij (a_r^2 = 1); 000, 2-layer NTK at initialization "
           "(psi' for the indicator)", expect="proved")


h_formula_as_written = Claim(
    "h_formula_as_written", given=[Ii <= 1, Ij <= 1],
    show=sp.Eq(inner(xi * Ii, xj * Ij), inner(xi, xj) - Ii * (1 - Ij)),
    source="002, H(t) formula as written: 'H_ij(t) = (1/m) x_i^T x_j - sum_r 1{w_r(t)^T x_i >= 0, w_r(t)^T x_j < 0}', "
           "here with one neuron (m = 1, a_r^2 = 1); the line above it gives (1/m) x_i^T x_j sum_r 1{.>= 0} 1{.>= 0}",
    expect="refuted")

c = sp.Symbol("c", real=True)                                         # x_i^T x_j for unit vectors
ARCCOS = c * (sp.pi - sp.acos(c)) / (2 * sp.pi)
arccos_as_written = Claim(
    "arccos_as_written", given=[c >= -1, c <= 1], show=sp.Eq(sp.Abs(ARCCOS), ARCCOS),
    source="002, arc-cosine formula as written: '|h*_ij| = X_i^T X_j (pi - arccos(X_i^T X_j))/(2 pi)'; the right "
           "side is negative when X_i^T X_j < 0, so it cannot be an absolute value (it is H*_ij itself)",
    expect="refuted")


def _arccos_float(cv):
    cf = float(cv)
    s = cf / math.sqrt(1 - cf * cf)
    q = quad(lambda u: math.exp(-u * u / 2) / math.sqrt(2 * math.pi) * 0.5 * math.erfc(-s * u / math.sqrt(2)),
             0, math.inf, epsabs=1e-14, epsrel=1e-13)[0]
    formula = (math.pi - math.acos(cf)) / (2 * math.pi)
    return [formula, q], [q, formula], 1.0


def _arccos_exact(cv):
    with mpmath.workdps(DIGITS):
        q = orthant_probability_exact(cv)
        formula = (mpmath.pi - mpmath.acos(mpf(cv))) / (2 * mpmath.pi)
        return [formula, q], [q, formula], 1


arccos_formula_run = Experiment(
    "arccos_formula_run", instances=st.fractions(Fraction(-99, 100), Fraction(99, 100), max_denominator=100),
    trajectory=_arccos_float, exact=_arccos_exact, describe=lambda cv: {"c": str(cv)},
    examples=(Fraction(-1, 2), Fraction(0), Fraction(1, 2)),
    source="002, arc-cosine formula (corrected): H*_ij = x_i^T x_j E_w[1{w^T x_i >= 0, w^T x_j >= 0}] = "
           "x_i^T x_j (pi - arccos(x_i^T x_j))/(2 pi) for unit x_i, x_j: (pi - arccos c)/(2 pi) against the orthant "
           "probability of a bivariate normal of correlation c computed by quadrature (both ways: equal)",
    expect="tested", max_examples=15, rel_tol=1e-9,
    statement="(pi - arccos c)/(2 pi) = P(U >= 0, V >= 0), corr(U, V) = c")

# -- Hoeffding and anti-concentration (cited) --------------------------------------------------------------


def _binomial_tail(n_, p_, eps_, one):
    """``P(|S/n - p| >= eps/2)`` for ``S ~ Bin(n, p)``: ``|mean of z - E z| >= eps`` with ``z = 2 Bernoulli - 1``."""
    total = one * 0
    for k in range(n_ + 1):
        if abs(Fraction(k, n_) - p_) >= eps_ / 2:
            total += math.comb(n_, k) * (one * p_.numerator / p_.denominator) ** k * \
                     (1 - one * p_.numerator / p_.denominator) ** (n_ - k)
    return total


def _hoeffding_float(inst):
    n_, p_, eps_ = inst
    return [float(_binomial_tail(n_, p_, eps_, 1.0))], [2 * math.exp(-n_ * float(eps_) ** 2 / 2)]


def _hoeffding_exact(inst):
    n_, p_, eps_ = inst
    with mpmath.workdps(DIGITS):
        return [_binomial_tail(n_, p_, eps_, Fraction(1))], [2 * mpmath.exp(-n_ * mpf(eps_) ** 2 / 2)]


hoeffding_inequality = Experiment(
    "hoeffding_inequality",
    instances=st.tuples(st.integers(1, 60), st.fractions(Fraction(1, 20), Fraction(19, 20), max_denominator=20),
                        st.fractions(Fraction(1, 20), Fraction(2), max_denominator=20)),
    trajectory=_hoeffding_float, exact=_hoeffding_exact,
    describe=lambda i: {"n": i[0], "p": str(i[1]), "epsilon": str(i[2]), "z": "2 Bernoulli(p) - 1 in {-1, 1}"},
    source="axiom (Hoeffding 1963, Theorem 2): z_1..z_n i.i.d., |z_i| <= 1 => P(|(1/n) sum z_i - E z| >= eps) <= "
           "2 exp(-n eps^2/2); 002, Hoeffding inequality; tested on exact binomial tails (z = +-1)",
    expect="tested", max_examples=40, statement="P(|mean - E z| >= eps) <= 2 exp(-n eps^2/2)")

nh, delta, eps = n, sp.Symbol("delta", positive=True), sp.Symbol("epsilon", positive=True)
SAMPLE_SIZE = nh >= 2 * sp.log(2 / delta) / eps ** 2
hoeffding_sample_size = (
    Derivation("hoeffding_sample_size", given=[SAMPLE_SIZE], start=2 * sp.exp(-nh * eps ** 2 / 2),
               source="002, Hoeffding inequality: n = Omega(log(1/delta)/eps^2), here n >= 2 log(2/delta)/eps^2, "
                      "makes the failure probability 2 exp(-n eps^2/2) at most delta", expect="proved",
               show=2 * sp.exp(-nh * eps ** 2 / 2) <= delta)
    .le(2 * sp.exp(-sp.log(2 / delta)), by=substitute(SAMPLE_SIZE, "exp(-n eps^2/2) decreases in n"))
    .eq(delta, by="exp(-log(2/delta)) = delta/2")
)

anti_concentration = Claim(
    "anti_concentration", show=sp.erf(rho / sp.sqrt(2)) <= 2 * rho / sp.sqrt(2 * sp.pi),
    source="002, anti-concentration (cited as Cauchy's lemma): P_{Z ~ N(0,1)}(|Z| <= rho) = erf(rho/sqrt(2)) <= "
           "2 rho/sqrt(2 pi) (the density is at most 1/sqrt(2 pi))", expect="tested")

# -- lazy training and sign stability: 002 -----------------------------------------------------------------
x3, w0, wt = xi, Vector("w_r0", d), Vector("w_rt", d)
NEAR = norm(wt - w0) < rho
FAR_FROM_ZERO = sp.Abs(inner(w0, x3)) >= rho
sign_stability_distance = (
    Derivation("sign_stability_distance", given=[sp.Eq(norm(x3), 1), NEAR, FAR_FROM_ZERO],
               start=sp.Abs(inner(w0, x3) - inner(wt, x3)),
               source="002, sign stability: |w_r(0)^T x_i - w_r(t)^T x_i| <= ||x_i|| ||w_r(0) - w_r(t)|| < rho <= "
                      "|w_r(0)^T x_i| (||x_i|| = 1; in every dimension d)", expect="proved")
    .le(norm(x3) * norm(w0 - wt), by="Cauchy-Schwarz")
    .lt(rho, by="||x_i|| = 1 and ||w_r(t) - w_r(0)|| < rho")
    .le(sp.Abs(inner(w0, x3)), by="|w_r(0)^T x_i| >= rho")
)
sign_stability = Claim(
    "sign_stability", given=[sp.Eq(norm(x3), 1), NEAR, FAR_FROM_ZERO, use(sign_stability_distance)],
    show=inner(w0, x3) * inner(wt, x3) > 0,
    source="002, sign stability: ||w_r(t) - w_r(0)|| < rho and |w_r(0)^T x_i| >= rho => sgn(w_r(t)^T x_i) = "
           "sgn(w_r(0)^T x_i), from |w_r(0)^T x_i - w_r(t)^T x_i| < |w_r(0)^T x_i| (sign_stability_distance, used; "
           "||x_i|| = 1; in every dimension d)", expect="proved")

g = sp.Symbol("x_ij", real=True)                                       # x_i^T x_j
Ki, Kj = sp.symbols("I_i(t) I_j(t)", integer=True, nonnegative=True)
INDICATORS = [Ii <= 1, Ij <= 1, Ki <= 1, Kj <= 1]
relu_smoothness = Claim(
    "relu_smoothness", given=INDICATORS,
    show=sp.Abs(g * (Ki * Kj - Ii * Ij)) <= sp.Abs(g) * (sp.Abs(Ki - Ii) + sp.Abs(Kj - Ij)),
    source="002, ReLU smoothness (corrected, per neuron): |H_ij(t) - H_ij(0)| <= (|x_i^T x_j|/m) [#sign changes "
           "at x_i + #sign changes at x_j], since |a'b' - ab| <= |a' - a| + |b' - b| for indicators", expect="proved")
relu_smoothness_as_written = Claim(
    "relu_smoothness_as_written", given=INDICATORS,
    show=sp.Abs(g * (Ki * Kj - Ii * Ij)) <= g * (sp.Abs(Ki - Ii) + sp.Abs(Kj - Ij)),
    source="002, ReLU smoothness as written: '|H_ij(t) - H_ij(0)| <= (X_i^T X_j/m)[sum 1{sgn changes at x_i} + "
           "sum 1{sgn changes at x_j}]' (one neuron); with X_i^T X_j < 0 the right side is negative",
    expect="refuted")

Cl, tau, tl = sp.Symbol("C", positive=True), sp.Symbol("tau", nonnegative=True), sp.Symbol("t", nonnegative=True)
lazy_training_integral = Claim(
    "lazy_training_integral", show=sp.Le(sp.integrate(Cl / sp.sqrt(m), (tau, 0, tl)), Cl * tl / sp.sqrt(m), evaluate=False),
    source="002, lazy training: ||w_r(t) - w_r(0)|| <= int_0^t ||dw_r/dtau|| dtau <= C int_0^t (1/sqrt(m)) dtau "
           "<= C t/sqrt(m)", expect="proved")

# -- 004, the shallow network ---------------------------------------------------------------------------
s2, beta, xs, vj = sp.Symbol("s2", real=True), sp.Symbol("beta_sigma", positive=True), sp.Symbol("x", real=True), \
    sp.Symbol("v_j", real=True)
shallow_hessian_bound = Claim(
    "shallow_hessian_bound", given=[sp.Abs(s2) <= beta, xs ** 2 <= 1, sp.Eq(vj ** 2, 1)],
    show=sp.Abs(vj * s2 * xs ** 2) / sp.sqrt(m) <= beta / sp.sqrt(m),
    source="004, shallow network Hessian: [H_{F_i}]_jk = (1/sqrt(m)) v_j sigma''(w_j x_i) x_i^2 1{j = k} is "
           "diagonal, so ||H_{F_i}||_2 = max_j |.| <= beta_sigma/sqrt(m) (|x_i| <= 1, |sigma''| <= beta_sigma)",
    expect="proved")

_TANH_BETA = 4 / (3 * math.sqrt(3))                     # max |tanh''| at tanh^2 = 1/3


def _shallow_instances():
    w = st.fractions(-3, 3, max_denominator=8)
    return st.tuples(st.lists(w, min_size=1, max_size=12), st.fractions(-1, 1, max_denominator=8))


def _shallow_float(inst):
    ws, x = np.array([float(v) for v in inst[0]]), float(inst[1])
    hess = np.max(np.abs(-2 * np.tanh(ws * x) * (1 - np.tanh(ws * x) ** 2))) * x * x
    grad = np.mean(x * x * (1 - np.tanh(ws * x) ** 2) ** 2)
    return [hess, grad], [_TANH_BETA, 1.0], 1.0


def _shallow_exact(inst):
    with mpmath.workdps(DIGITS):
        x = mpf(inst[1])
        th = [mpmath.tanh(mpf(v) * x) for v in inst[0]]
        hess = max(abs(-2 * t_ * (1 - t_ ** 2)) for t_ in th) * x * x
        grad = sum(x * x * (1 - t_ ** 2) ** 2 for t_ in th) / len(th)
        return [hess, grad], [4 / (3 * mpmath.sqrt(3)), 1], 1


shallow_network_bounds_run = Experiment(
    "shallow_network_bounds_run", instances=_shallow_instances(), trajectory=_shallow_float, exact=_shallow_exact,
    describe=lambda i: {"w": [str(v) for v in i[0]], "x": str(i[1]), "sigma": "tanh",
                        "beta_sigma": "4/(3 sqrt 3)", "L_sigma": 1},
    source="004, shallow network: sqrt(m) ||H_{F_i}(w)||_2 <= beta_sigma and ||grad F_i(w)||^2 = (1/m) sum_j "
           "x_i^2 sigma'(w_j x_i)^2 <= L_sigma^2, for tanh (beta_sigma = 4/(3 sqrt 3), L_sigma = 1), |x_i| <= 1",
    expect="tested", max_examples=40, statement="sqrt(m)||H_F_i|| <= beta_sigma, ||grad F_i||^2 <= L_sigma^2")

# -- scaling experiments ---------------------------------------------------------------------------------
N_DATA, DIM = 5, 3


def _unit_inputs(rng, count=N_DATA, dim=DIM):
    X = rng.standard_normal((count, dim))
    return X / np.linalg.norm(X, axis=1, keepdims=True)


def _init_gap(m_, rng):
    """``||H(0) - H*||_F`` for a ReLU network of width ``m_`` on fresh unit inputs."""
    X = _unit_inputs(rng)
    return float(np.linalg.norm(empirical_kernel(init_two_layer(rng, m_, DIM, "relu"), X) - relu_kernel(X)))


init_kernel_scaling = ScalingExperiment(
    "init_kernel_scaling", measure=_init_gap, widths=(100, 400, 1600, 6400), claimed=-0.5, seeds=8,
    source="002, H(t) -> H*: H_ij(0) -> H*_ij as m grows (Hoeffding: error O(1/sqrt(m))); 000, width bounds "
           "(||K(0) - K*|| <= eps once m >= O~(N^4/eps^2), i.e. eps ~ m^{-1/2}); ReLU, N = 5 unit inputs in R^3; "
           "003, (8.90)-(8.93): (1/m)<x, x'> sum_i sigma'(w_i^T x) sigma'(w_i^T x') -> E[sigma'(w^T x) sigma'(w^T x')] "
           "<x, x'> by the law of large numbers (here sigma' the ReLU's step; the diagonal is (8.90)-(8.91))",
    expect="tested", statement="||H(0) - H*||_F ~ m^(-1/2)")


def _init_gap_in_N(N, rng):
    """``||K(0) - K*||_2`` at width 2000 with ``N`` unit inputs in R^3."""
    X = _unit_inputs(rng, N)
    return float(np.linalg.norm(empirical_kernel(init_two_layer(rng, 2000, DIM, "relu"), X) - relu_kernel(X), 2))


width_bound_in_N = ScalingExperiment(
    "width_bound_in_N", measure=_init_gap_in_N, widths=(4, 8, 16, 32), claimed=2.0, bound="at most", seeds=6,
    source="000, width bounds: m >= O~(N^4/eps^2) gives ||K(0) - K*|| <= eps, i.e. the error at width m grows at "
           "most like N^2/sqrt(m); measured at m = 2000 against N", expect="tested",
    statement="||K(0) - K*||_2 = O(N^2) at fixed m")

T_TRAIN = 1.0


GD_STEPS = 40


def _trained(m_, rng, sigma):
    """Inputs, the network at initialisation and after training to time ``T_TRAIN`` on
    ``(1/(2n))||u - y||^2``: ``GD_STEPS`` GD steps of size ``T_TRAIN/GD_STEPS`` (the flow's discretisation;
    cheaper than ``TwoLayer.flow`` at large width, where ReLU's discontinuous field makes the solver crawl)."""
    X = _unit_inputs(rng)
    y = rng.choice([-1.0, 1.0], size=N_DATA)
    net = init_two_layer(rng, m_, DIM, sigma)
    grad = lambda w: net.with_weights(w).loss_gradient(X, y, 1.0 / N_DATA).ravel()
    return X, net, net.with_weights(gd_steps(grad, net.W.ravel(), T_TRAIN / GD_STEPS, GD_STEPS)[-1])


def _lazy_distance(m_, rng):
    _, net, after = _trained(m_, rng, "relu")
    return float(np.max(np.linalg.norm(after.W - net.W, axis=1)))


lazy_training_scaling = ScalingExperiment(
    "lazy_training_scaling", measure=_lazy_distance, widths=(256, 1024, 4096, 16384), claimed=-0.5,
    bound="at most", seeds=5,
    source="002, lazy training: every weight moves only O(1/sqrt(m)), ||w_r(t) - w_r(0)|| <= C t/sqrt(m); "
           "gradient flow of (1/(2n))||u - y||^2 to t = 1 (40 GD steps), ReLU, N = 5", expect="tested",
    statement="max_r ||w_r(1) - w_r(0)|| = O(m^(-1/2))")


def _kernel_drift(m_, rng):
    X, net, after = _trained(m_, rng, "relu")
    return float(np.linalg.norm(empirical_kernel(after, X) - empirical_kernel(net, X)))


kernel_drift_scaling = ScalingExperiment(
    "kernel_drift_scaling", measure=_kernel_drift, widths=(256, 1024, 4096, 16384), claimed=-0.5, bound="at most",
    seeds=5,
    source="002, H(t) -> H*: ||H(t) - H(0)||_F -> 0 as m -> infinity (ReLU smoothness: O(1/sqrt(m)) through the "
           "activation-pattern changes); gradient flow to t = 1 (40 GD steps), N = 5", expect="tested",
    statement="||H(1) - H(0)||_F = O(m^(-1/2))")


def _lambda_min_drift(m_, rng):
    X, net, after = _trained(m_, rng, "tanh")
    return abs(min_eigenvalue(empirical_kernel(after, X)) - min_eigenvalue(empirical_kernel(net, X)))


lambda_min_drift_scaling = ScalingExperiment(
    "lambda_min_drift_scaling", measure=_lambda_min_drift, widths=(256, 1024, 4096, 16384), claimed=-0.5,
    bound="at most", seeds=5,
    source="000, NTK near-constancy: |lambda_min(K(w)) - lambda_min(K(w_0))| = O(sup ||H_F||) = O(1/sqrt(d)) "
           "(d the width) along training; tanh, gradient flow to t = 1 (40 GD steps), N = 5", expect="tested",
    statement="|lambda_min(K(1)) - lambda_min(K(0))| = O(m^(-1/2))")


SCALAR_INPUTS = (-1.0, -0.5, 0.25, 1.0)


def _hessian_norm(m_, rng):
    """``max_i ||H_{F_i}(w_0)||_2`` for a tanh network of width ``m_`` on fixed scalar inputs."""
    net = init_two_layer(rng, m_, 1, "tanh")
    return max(output_hessian_norm(net, np.array([x])) for x in SCALAR_INPUTS)


hessian_norm_scaling = ScalingExperiment(
    "hessian_norm_scaling", measure=_hessian_norm, widths=(100, 1000, 10000, 100000), claimed=-0.5, seeds=6,
    source="004, shallow network: ||H_{F_i}(w)||_2 <= beta_sigma/sqrt(m) = O(1/sqrt(m)); 000, "
           "||H_F(w)|| = O*(1/sqrt(d)) (d the width); tanh, scalar inputs -1, -1/2, 1/4, 1", expect="tested",
    statement="max_i ||H_F_i(w_0)||_2 ~ m^(-1/2)")

# -- 004, Theorems 2-4 and the output layer -------------------------------------------------------------
D0, Dw = Matrix("DF_0", 2, 3), Matrix("DF_w", 2, 3)
lam0, LF, Rb, hb = sp.symbols("lambda_0 L_F R h", positive=True)   # h: sup of ||H_{F_i}|| on the ball
small_hessian_conditioning = Claim(
    "small_hessian_conditioning",
    given=[lambda_min(D0 * D0.T) >= lam0, mu < lam0, norm(Dw - D0) <= sp.sqrt(2) * hb * Rb, op_norm(Dw) <= LF,
           op_norm(D0) <= LF, hb <= (lam0 - mu) / (2 * LF * sp.sqrt(2) * Rb)],
    show=lambda_min(Dw * Dw.T) >= mu,
    source="004, Theorem 2 (small Hessian => mu-PL* in B(w_0, R)): lambda_min(K(w_0)) = lambda_0 and "
           "||H_{F_i}|| <= (lambda_0 - mu)/(2 L_F sqrt(n) R) on the ball give lambda_min(K(w)) >= mu; the "
           "fundamental theorem of calculus gives ||grad F_i(w) - grad F_i(w_0)|| <= h R, so ||DF(w) - DF(w_0)||_F "
           "<= sqrt(n) h R; L_F-Lipschitz F: ||DF|| <= L_F; here n = 2, w in R^3", expect="proved")

kk, jj = sp.symbols("k j", integer=True, nonnegative=True)
etaw, beta_s = sp.Symbol("eta", positive=True), sp.Symbol("beta", positive=True)
Lt = sp.Function("L")                                                # L(w_t), t the iteration
grad_sq, step_inner, step_sq = sp.Function("grad_sq"), sp.Function("step_inner"), sp.Function("step_sq")
# 004's hypotheses along GD (Theorem 4 (1): the iterates stay in B(w_0, R), where L is mu-PL* by Theorem 3):
# beta-smoothness at w_t, w_{t+1}; the GD step w_{t+1} - w_t = -eta grad L(w_t); eta = 1/beta; PL* with L* = 0
SMOOTH_ALONG = forall(jj, Lt(jj + 1) <= Lt(jj) + step_inner(jj) + beta_s / 2 * step_sq(jj))
STEP_INNER_ALONG = forall(jj, sp.Eq(step_inner(jj), -etaw * grad_sq(jj)))
STEP_NORM_ALONG = forall(jj, sp.Eq(step_sq(jj), etaw ** 2 * grad_sq(jj)))
PLSTAR_ALONG = forall(jj, grad_sq(jj) / 2 >= mu * Lt(jj))
wide_net_gd_rate = Claim(
    "wide_net_gd_rate",
    given=[SMOOTH_ALONG, STEP_INNER_ALONG, STEP_NORM_ALONG, sp.Eq(etaw, 1 / beta_s), PLSTAR_ALONG,
           forall(jj, grad_sq(jj) >= 0), forall(jj, step_sq(jj) >= 0), forall(jj, Lt(jj) >= 0), etaw * mu <= 1,
           forall(jj, use(gd_pl_one_step_eta, {"f_k": Lt(jj), "f_k1": Lt(jj + 1), "fs": 0, "g": grad_sq(jj),
                                               "u": step_inner(jj), "r": step_sq(jj)}))],
    show=Lt(kk) <= (1 - etaw * mu) ** kk * Lt(0), by=induction(kk),
    source="004, Theorem 4, (2): with mu-PL* in the ball and a step eta <= 1/beta, GD has L(w_t) <= (1 - eta mu)^t "
           "L(w_0). Assumes, at every iterate w_t (the iterates stay in B(w_0, R), Theorem 4 (1), where L is mu-PL* by "
           "Theorem 3, cited): beta-smoothness between w_t and w_{t+1}, the GD step with eta = 1/beta, mu-PL* with "
           "L* = 0 ((1/2)||grad L(w_t)||^2 >= mu L(w_t)), L >= 0 and eta mu <= 1 (the appropriate step size); "
           "004 slide 4's one-step bound (gd_pl_one_step_eta) applied at every t, then induction on t",
    expect="proved")

xo = sp.Symbol("x", real=True)
fo, phio = sp.Function("f"), sp.Function("phi")
f1, f2, p1, p2 = sp.symbols("f1 f2 phi1 phi2", real=True)            # f', f'', phi'(f), phi''(f)
_OUTPUT_SECOND = sp.diff(phio(fo(xo)), xo, 2).xreplace({
    sp.Derivative(phio(fo(xo)), (fo(xo), 2)): p2, sp.Derivative(phio(fo(xo)), fo(xo)): p1,
    sp.Derivative(fo(xo), (xo, 2)): f2, sp.Derivative(fo(xo), xo): f1})
output_layer_second_derivative = Claim(
    "output_layer_second_derivative", show=sp.Eq(_OUTPUT_SECOND, p2 * f1 ** 2 + p1 * f2, evaluate=False),
    source="004, non-linear output layer (corrected): [phi(f)]'' = phi''(f) f'^2 + phi'(f) f'', computed by "
           "sympy's diff", expect="proved")
output_layer_second_derivative_as_written = Claim(
    "output_layer_second_derivative_as_written", show=sp.Eq(_OUTPUT_SECOND, p2 * f1 + p1 * f2),
    source="004, output layer second derivative as written: the slide's phi''(f) f' + phi'(f) f'' has f' where "
           "the chain rule gives f'^2", expect="refuted")


def _output_scale(m_, rng):
    """``sqrt(mean_i f(x_i)^2)`` at initialisation (ReLU, five unit inputs in R^3)."""
    X = _unit_inputs(rng)
    return float(np.sqrt(np.mean(init_two_layer(rng, m_, DIM, "relu").outputs(X) ** 2)))


output_scale_scaling = ScalingExperiment(
    "output_scale_scaling", measure=_output_scale, widths=(100, 1000, 10000, 100000), claimed=0.0, seeds=8,
    source="002, output scale at initialization: a_r uniform in {-1, 1}, w_r ~ N(0, I) => f(theta(0), x) = O(1) "
           "(the 1/sqrt(m) scaling keeps the output of order one at every width)", expect="tested",
    statement="RMS of f(theta(0), x_i) ~ m^0")


def _condition_number(m_, rng):
    """``kappa(M)`` of a square ``m_ x m_`` standard Gaussian matrix."""
    sv = np.linalg.svd(rng.standard_normal((m_, m_)), compute_uv=False)
    return float(sv[0] / sv[-1])


gaussian_condition_number = ScalingExperiment(
    "gaussian_condition_number", measure=_condition_number, widths=(8, 16, 32, 64), claimed=1.0, seeds=10,
    source="004, Gaussian condition number, cited (Chen, Dongarra 2005: E[log kappa(M)] ~ log(n/(|n - m| + 1))): "
           "for square M, kappa(M) grows like m (the slide states it for M M^T, whose condition number is "
           "kappa(M)^2)", expect="tested", statement="kappa(M) ~ m for square Gaussian M")

NODES = [
    node(None, "definition", name="tangent_kernel", topic=TOPIC,
         source="000, tangent kernel: K(w) = DF(w) DF(w)^T; 004, Theorem 1 (K(w): tangent kernel)"),
    node(tangent_kernel_psd, "lemma", topic=TOPIC, uses=["tangent_kernel"]),
    node(tangent_kernel_plstar, "lemma", topic=TOPIC, uses=["tangent_kernel", "pl_condition"]),
    node(uniform_conditioning_plstar, "theorem", topic=TOPIC, uses=["tangent_kernel", "pl_condition"]),
    node(nonlinear_model_dynamics, "lemma", topic=TOPIC, uses=["tangent_kernel", "gradient_flow"]),
    node(square_loss_hessian, "lemma", topic=TOPIC),
    # the example's Hessian is the one square_loss_hessian writes out (sympy computes it here: not a proof step)
    node(local_nonconvexity_example, "lemma", topic=TOPIC, uses=["square_loss_hessian"]),
    node(linear_system_condition, "lemma", topic=TOPIC, uses=["tangent_kernel"]),
    node(two_layer_kernel_entry, "lemma", topic=TOPIC, uses=["tangent_kernel"]),
    node(h_formula_as_written, "erratum", topic=TOPIC, corrects="two_layer_kernel_entry",
         note="the displayed sum subtracts counts instead of multiplying indicators"),
    node(arccos_formula_run, "lemma", topic=TOPIC),
    node(arccos_as_written, "erratum", topic=TOPIC, corrects="arccos_formula_run",
         note="at x_i^T x_j = -1/2 the right side is -1/12, not an absolute value"),
    node(hoeffding_inequality, "axiom", topic=TOPIC),
    node(hoeffding_sample_size, "lemma", topic=TOPIC, proof_uses=["hoeffding_inequality"]),
    node(anti_concentration, "axiom", topic=TOPIC),
    node(sign_stability_distance, "lemma", topic=TOPIC),
    node(sign_stability, "lemma", topic=TOPIC),
    node(relu_smoothness, "lemma", topic=TOPIC),
    node(relu_smoothness_as_written, "erratum", topic=TOPIC, corrects="relu_smoothness",
         note="x_i^T x_j must be |x_i^T x_j|"),
    node(lazy_training_integral, "lemma", topic=TOPIC),
    node(shallow_hessian_bound, "lemma", topic=TOPIC),
    node(shallow_network_bounds_run, "experiment", topic=TOPIC, uses=["shallow_hessian_bound"]),
    # an experiment measures a statement (uses); its cited axioms stay proof_uses
    node(init_kernel_scaling, "experiment", topic=TOPIC, uses=["arccos_formula_run"],
         proof_uses=["hoeffding_inequality"]),
    node(width_bound_in_N, "experiment", topic=TOPIC, proof_uses=["hoeffding_inequality"]),
    node(lazy_training_scaling, "experiment", topic=TOPIC, uses=["lazy_training_integral"]),
    node(kernel_drift_scaling, "experiment", topic=TOPIC, uses=["relu_smoothness", "sign_stability"],
         proof_uses=["anti_concentration"]),
    node(lambda_min_drift_scaling, "experiment", topic=TOPIC, uses=["hessian_norm_scaling"]),
    node(hessian_norm_scaling, "experiment", topic=TOPIC, uses=["shallow_hessian_bound"]),
    node(small_hessian_conditioning, "theorem", topic=TOPIC, uses=["tangent_kernel"]),
    node(None, "axiom", name="wide_nets_plstar_cited", topic=TOPIC, expect="unknown",
         source="004, Theorem 3 (cited, Liu, Zhu, Belkin 2022): wide nets with a linear output layer are mu-PL* on "
                "B(w_0, R) if m = Omega~(n R^{6L+2}/(lambda_0 - mu)^2); not checked here"),
    node(wide_net_gd_rate, "theorem", topic=TOPIC, uses=["pl_condition"],
         proof_uses=["descent_lemma", "wide_nets_plstar_cited"]),
    node(output_layer_second_derivative, "lemma", topic=TOPIC),
    node(output_layer_second_derivative_as_written, "erratum", topic=TOPIC,
         corrects="output_layer_second_derivative", note="f' must be squared (chain rule twice)"),
    node(output_scale_scaling, "experiment", topic=TOPIC),
    node(init_lambda_min_scaling, "experiment", topic=TOPIC, uses=["tangent_kernel"]),
    node(gaussian_condition_number, "axiom", topic=TOPIC),
    node(None, "axiom", name="global_convergence_cited", topic=TOPIC, expect="unknown",
         source="002, Global convergence theorem (cited: Du et al. '18, Allen-Zhu et al. '18, Zou et al. '19): "
                "width poly(n) and a suitable random initialization make GD find an eps-approximate global minimum "
                "in poly(n, 1/eps) time; not checked here"),
]
