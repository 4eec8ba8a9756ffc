"""Gradient flow: linear models, Gronwall's inequality, 001's Lemmas 1-2 and the distance theorem, and 002's
exponential decay of the kernel flow.

Main results (sources in each node):

* Linear models (000, "Gradient dynamics for linear models"; 001, Lemma 1): the predictions move by the
  tangent kernel (``linear_model_prediction_dynamics``, ``lemma1_prediction_dynamics``), the loss decays
  like ``exp(-2 lambda_min(K) t)`` (``lemma1_decay``) and the solver's flow obeys it with ``r(t) = exp(-K t) r(0)``
  as its exact re-check (``linear_flow_run``); GD is its first-order discretisation
  (``gd_discretisation_scaling``). 001's least-squares recurrence as written
  (``sigma_{t+1} = sigma_t - eta A^T sigma_t``) is refuted beside its correction.
* ``gronwall_inequality`` (cited axiom, Gronwall 1919): ``u' <= p u`` on ``[0, t]`` gives
  ``u(t) <= u(0) exp(int_0^t p)``, attacked on ODE instances with closed forms.
* 001, Lemma 2: ``d/dt R(z(t)) <= -2 lambda R(z(t))`` (``lemma2_loss_derivative``) and, by Gronwall,
  ``R(z(t)) <= R(z(0)) e^{-2 lambda t}`` (``lemma2_run``); the Corollary ``||z(t) - y|| <= ||z(0) - y|| e^{-lambda t}``
  (``corollary_step``, ``corollary_run``); the Theorem ``||w(t) - w(0)|| <= sqrt(lambda_max)/lambda ||g(w(0)) - y||``
  from its three links (``distance_speed_bound``, ``distance_integral``, ``distance_second_form``) and run on
  linear models (``distance_from_init_run``).
* 002, "Gradient flow: a kernel point of view": ``du/dt = -(1/n) H(t)(u - y)`` (``kernel_dynamics``), the
  Claim's derivative bound (``kernel_flow_loss_derivative``), the exponential-decay proof line by line
  (``exp_decay_derivative``, with derivatives computed by sympy's ``diff``; its last relation as written, ``< 0``,
  is an erratum: it is ``= 0`` when ``u(t) = y``), ``exp_decay_from_monotone``, ``exp_decay_time`` and the run
  ``exp_decay_run``.

Continuous-time steps are proved by the core's rules (``during`` hypotheses on [0, t]; ``gronwall``,
``nonincreasing`` by the mean value theorem): ``gronwall_constant_rate``, ``lemma1_loss_decay``, ``lemma2_001``,
``corollary_001``, ``distance_path_bound`` and ``distance_theorem_001`` (001), ``exp_decay_nonincreasing`` and
``exp_decay_from_monotone`` (002). The runs beside them execute the flows (solve_ivp) and re-check them against
closed forms at 50 digits.
"""
from __future__ import annotations

from fractions import Fraction

import mpmath
import numpy as np
import sympy as sp
from hypothesis import strategies as st

from verify import (Claim, Derivation, DIGITS, Experiment, expm, fmt, gd_steps, inner, kernel_flows, lambda_max,
                    lambda_min, linear_flow, linear_flow_closed_form, linear_flow_closed_form_exact, Matrix, mpf,
                    node, norm, scalar_comparisons, ScalingExperiment, substitute, Vector, during, gronwall,
                    nonincreasing, use)

TOPIC = "Gradient flow"

n, p = sp.symbols("n p", integer=True, positive=True)
t, lam, eta, mu = sp.symbols("t lambda eta mu", positive=True)

# -- linear models: 000 and 001, Lemma 1 ------------------------------------------------------------------
X, w, y = Matrix("X", n, p), Vector("w", p), Vector("y", n)
linear_model_prediction_dynamics = Claim(
    "linear_model_prediction_dynamics",
    show=sp.Eq(X * (X.T * (y - X * w)), (X * X.T) * (y - X * w), evaluate=False),
    source="000, linear model gradient flow: du/dt = X dw/dt = X X^T (y - u) = K (y - u) with dw/dt = X^T (y - u)",
    expect="proved")

J0, v = Matrix("j_0", n, p), Vector("v", n)
lemma1_prediction_dynamics = Claim(
    "lemma1_prediction_dynamics",
    show=sp.Eq(lam * J0 * (-lam * J0.T * v), -lam ** 2 * (J0 * J0.T) * v, evaluate=False),
    source="001, Lemma 1, proof, (1) and (2): d/dt lambda f_0(u(t)) = lambda j_0 u'(t) with "
           "u' = -lambda j_0^T v, so v' = -lambda^2 j_0 j_0^T v", expect="proved")

K, e2 = Matrix("K", 2, 2, structure="psd"), Vector("v_2", 2)
lemma1_decay = Claim(
    "lemma1_decay", given=[lambda_min(K) >= mu],
    show=norm(expm(-t * K) * e2) ** 2 / 2 <= sp.exp(-2 * mu * t) * norm(e2) ** 2 / 2,
    source="001, Lemma 1: v(t) = exp(-lambda^2 j_0 j_0^T t) v(0) with K = lambda^2 j_0 j_0^T full rank "
           "(lambda_min(K) >= mu > 0), so R = ||v||^2/2 decays like exp(-2 mu t) and goes to zero; 000, linear "
           "model gradient flow (r(t) = exp(-K t) r(0)); checked in dimension 2", expect="proved")

A2, z2, b2 = Matrix("A", n, p), Vector("z", p), Vector("b", n)
SIGMA = A2 * z2 - b2
least_squares_recurrence = Claim(
    "least_squares_recurrence",
    show=sp.Eq(A2 * (z2 - eta * A2.T * SIGMA) - b2, SIGMA - eta * A2 * A2.T * SIGMA),
    source="001, least squares recurrence (corrected): z_{t+1} = z_t - eta A^T sigma_t gives "
           "sigma_{t+1} = sigma_t - eta A A^T sigma_t", expect="proved")
As, zs, bs = Matrix("A_sq", 2, 2), Vector("z_sq", 2), Vector("b_sq", 2)
least_squares_recurrence_as_written = Claim(
    "least_squares_recurrence_as_written",
    show=sp.Eq(As * (zs - eta * As.T * (As * zs - bs)) - bs, (As * zs - bs) - eta * As.T * (As * zs - bs)),
    source="001, least squares recurrence as written: 'sigma_{t+1} = sigma_t - eta A^T sigma_t' (A A^T is "
           "missing; the line only type-checks for square A, taken here 2 x 2)", expect="refuted")


# -- runs on linear models (exact: the closed form at 50 digits) ------------------------------------------
TIMES = tuple(Fraction(j, 4) for j in range(1, 9))


def _linear_models(full_rank: bool):
    def build(entries, rows, cols, y_, w_):
        Xa = np.array(entries[: rows * cols], dtype=object).reshape(rows, cols)
        return Xa, np.array(y_[:rows], dtype=object), np.array(w_[:cols], dtype=object)

    ints = st.integers(-2, 2)
    fr = st.fractions(-2, 2, max_denominator=4)
    inst = st.builds(build, st.lists(ints, min_size=9, max_size=9), st.integers(1, 3), st.integers(1, 3),
                     st.lists(fr, min_size=3, max_size=3), st.lists(fr, min_size=3, max_size=3))
    if full_rank:
        inst = inst.filter(lambda i: np.linalg.matrix_rank(i[0].astype(float)) == i[0].shape[0])
    return inst


def _kernel_eigs(Xa, digits=DIGITS):
    with mpmath.workdps(digits):
        Km = mpmath.matrix((Xa.dot(Xa.T)).tolist())
        ev = sorted(mpmath.eigsy(Km)[0][i] for i in range(Km.rows))
        return max(ev[0], mpf(0)), ev[-1]


def _kernel_eigs_float(Xa):
    ev = np.linalg.eigvalsh(Xa.astype(float).dot(Xa.astype(float).T))
    return max(ev[0], 0.0), ev[-1]


def _residual_sq(Xa, yv, wv):
    r = Xa.dot(wv) - yv
    return r.dot(r)


def _linear_flow_trajectory(inst):
    Xa, yv, wv = inst
    Xf, yf = Xa.astype(float), yv.astype(float)
    ws = linear_flow(Xf, yf, wv.astype(float), [0.0] + [float(x) for x in TIMES])
    muf = _kernel_eigs_float(Xa)[0]
    R = [_residual_sq(Xf, yf, x) / 2 for x in ws]
    return R[1:], [np.exp(-2 * muf * float(tt)) * R[0] for tt in TIMES], R[0]


def _linear_flow_exact(inst):
    Xa, yv, wv = inst
    with mpmath.workdps(DIGITS):
        mu_ = _kernel_eigs(Xa)[0]
        Xm = np.vectorize(mpf, otypes=[object])(Xa)
        ym = np.vectorize(mpf, otypes=[object])(yv)
        R0 = _residual_sq(Xm, ym, np.vectorize(mpf, otypes=[object])(wv)) / 2
        R = [_residual_sq(Xm, ym, np.array(linear_flow_closed_form_exact(Xa, yv, wv, tt), dtype=object)) / 2
             for tt in TIMES]
        return R, [mpmath.exp(-2 * mu_ * mpf(tt)) * R0 for tt in TIMES], R0


def _describe_linear(inst):
    Xa, yv, wv = inst
    return {"family": "linear model (1/2)||X w - y||^2, gradient flow by solve_ivp, exact: the closed form",
            "X": fmt(Xa), "y": fmt(yv), "w0": fmt(wv), "times": [str(x) for x in TIMES]}


linear_flow_run = Experiment(
    "linear_flow_run", instances=_linear_models(False), trajectory=_linear_flow_trajectory,
    exact=_linear_flow_exact, describe=_describe_linear,
    source="000, linear model gradient flow: r(t) = exp(-K t) r(0), so (1/2)||r(t)||^2 <= exp(-2 lambda_min(K) t) "
           "(1/2)||r(0)||^2; 001, Lemma 1; solve_ivp trajectories re-checked against the closed form",
    expect="tested", max_examples=15, first_iterate=1, rel_tol=1e-7,
    statement="(1/2)||X w(t) - y||^2 <= exp(-2 lambda_min(X X^T) t) (1/2)||X w(0) - y||^2")


def _euler_error(steps, rng):
    """``||w_GD(k = steps, eta = 1/steps) - w(1)||`` on a random 3 x 5 linear model (``w(1)``: closed form),
    entries of ``X`` of size 1/2 so that ``eta lambda_max`` is small at every width of the sweep."""
    X, y, w0 = rng.standard_normal((3, 5)) / 2, rng.standard_normal(3), rng.standard_normal(5)
    grad = lambda w_: X.T.dot(X.dot(w_) - y)
    return float(np.linalg.norm(gd_steps(grad, w0, 1.0 / steps, steps)[-1] - linear_flow_closed_form(X, y, w0, 1.0)))


gd_discretisation_scaling = ScalingExperiment(
    "gd_discretisation_scaling", measure=_euler_error, widths=(25, 50, 100, 200), claimed=-1.0, seeds=6,
    source="000, linear model gradient flow ('GD: a finite-time discretization of this ODE'; s -> 0 gives the flow); "
           "001, gradient flow ('continuous time limit of GD'): k GD steps of size 1/k reach w(1) with error O(1/k)",
    expect="tested", statement="||w_k - w(1)|| ~ k^(-1) for GD with step 1/k")

# -- Gronwall's inequality (cited) -----------------------------------------------------------------------


def _gronwall_trajectory(inst):
    u = inst.solve([0.0] + [float(x) for x in TIMES])[1:]
    bound = [inst.bound(float(x)) for x in TIMES]
    return [a - b for a, b in zip(u, bound)], [0.0] * len(TIMES), max(map(abs, bound)) + 1.0


def _gronwall_exact(inst):
    pairs = [inst.exact(x) for x in TIMES]
    return [a - b for a, b in pairs], [0] * len(TIMES), max(abs(b) for _, b in pairs) + 1


def _describe_ode(inst):
    return {k: str(v) for k, v in vars(inst).items()} | {"times": [str(x) for x in TIMES]}


gronwall_inequality = Experiment(
    "gronwall_inequality", instances=scalar_comparisons(), trajectory=_gronwall_trajectory,
    exact=_gronwall_exact, describe=_describe_ode,
    source="axiom (Gronwall 1919; differential form, e.g. Hartman, Ordinary Differential Equations, Thm III.1.1): "
           "u' <= p(t) u on [a, b] => u(t) <= u(a) exp(int_a^t p); 001, Gronwall's inequality (the notes' "
           "'u(t) <= U(0) e^{-c(t-a)}' is this bound for p = -c); attacked on u' = p u - kappa e^{P} (kappa >= 0) "
           "solved by solve_ivp, re-checked against u(t) = e^{P(t)}(u_0 - kappa t)",
    expect="tested", max_examples=40, first_iterate=1, rel_tol=1e-7,
    statement="u(t) - u(0) exp(int_0^t p) <= 0")

s = sp.Symbol("s", real=True)             # time inside an interval [a, t] (a bound variable)
a, c = sp.Symbol("a", real=True), sp.Symbol("c", positive=True)
u, R, N, W = sp.Function("u"), sp.Function("R"), sp.Function("N"), sp.Function("W")
gronwall_constant_rate = Claim(
    "gronwall_constant_rate",
    given=[a <= t, during(s, a, t, sp.Derivative(u(s), s) <= -c * u(s), differentiable=[u(s)])],
    show=u(t) <= u(a) * sp.exp(-c * t + a * c), by=gronwall(u(s), s, a, t, -c),
    source="001, Gronwall's inequality with p = -c: u' <= -c u on [a, t] gives u(t) <= u(a) e^{-c(t - a)} (the "
           "notes' 'u(t) <= U(0) e^{-c(t-a)}'), by Gronwall's comparison (a rule of the core; its hypotheses, u "
           "differentiable and p continuous on [a, t], are obligations)", expect="proved")

# -- 001, Lemma 2, its Corollary and the Theorem -----------------------------------------------------------
Q, e = Matrix("Q", 2, 2, structure="psd"), Vector("e", 2)
lemma2_loss_derivative = (
    Derivation("lemma2_loss_derivative", given=[lambda_min(Q) >= lam], start=inner(-Q * e, e),
               source="001, Lemma 2 proof derivative: d/dt (1/2)||z - y||^2 = <z', z - y> = <-Q(t)(z - y), z - y> "
                      "<= -2 lambda (1/2)||z - y||^2 with e = z - y, grad R(z) = z - y; checked in dimension 2",
               expect="proved")
    .eq(-inner(e, Q * e), by="<-Q e, e> = -e^T Q e")
    .le(-2 * lam * norm(e) ** 2 / 2, by="lambda_min(Q(t)) >= lambda: e^T Q e >= lambda ||e||^2")
)


def _flow_R(inst):
    E = inst.solve([0.0] + [float(x) for x in TIMES])
    return [float(r.dot(r)) / 2 for r in E]


def _flow_R_exact(inst):
    with mpmath.workdps(DIGITS):
        e0 = [mpf(a) - mpf(b) for a, b in zip(inst.z0, inst.y)]
        R0 = sum(x * x for x in e0) / 2
        return R0, [sum(x * x for x in inst.exact(tt)) / 2 for tt in TIMES]


def _lemma2_trajectory(inst, rate=2):
    R = _flow_R(inst)
    return R[1:], [R[0] * np.exp(-rate * float(inst.lam) * float(tt)) for tt in TIMES], R[0]


def _lemma2_exact(inst, rate=2):
    with mpmath.workdps(DIGITS):
        R0, R = _flow_R_exact(inst)
        return R, [R0 * mpmath.exp(-rate * mpf(inst.lam) * mpf(tt)) for tt in TIMES], R0


def _describe_flow(inst):
    return {"family": "z' = -Q(t)(z - y), Q(t) = U diag(alpha_k + beta_k sin^2(omega_k t)) U^T, lambda = min alpha",
            **{k: str(v) for k, v in vars(inst).items()}, "times": [str(x) for x in TIMES]}


lemma2_run = Experiment(
    "lemma2_run", instances=kernel_flows(), trajectory=_lemma2_trajectory, exact=_lemma2_exact,
    describe=_describe_flow,
    source="001, Lemma 2: z' = -Q(t) grad R(z(t)), lambda = inf lambda_min(Q(t)) > 0 => R(z(t)) <= R(z(0)) "
           "e^{-2 lambda t} (the notes' 'e^{-c t lambda}' with c = 2, from d/dt R <= -2 lambda R and Gronwall); "
           "solve_ivp trajectories re-checked against the closed form", expect="tested",
    max_examples=25, first_iterate=1, rel_tol=1e-7, statement="R(z(t)) <= R(z(0)) exp(-2 lambda t)")

#: Lemma 2's derivative bound at every time: d/ds R(z(s)) <= -2 lambda R(z(s)) for R(s) = (1/2)||z(s) - y||^2 =
#: N(s)^2/2 with N(s) = ||z(s) - y||: lemma2_loss_derivative at Q = Q(s), e = z(s) - y (a matrix lemma the kernel
#: cannot apply to matrices that depend on s), so it is stated here, and it is not an edge of the graph
LOSS_DERIVATIVE = during(s, 0, t, [sp.Derivative(R(s), s) <= -2 * lam * R(s), sp.Eq(R(s), N(s) ** 2 / 2), N(s) >= 0],
                         differentiable=[R(s)])
lemma2_001 = Claim(
    "lemma2_001", given=[LOSS_DERIVATIVE], show=R(t) <= R(0) * sp.exp(-2 * lam * t),
    by=use(gronwall_constant_rate, {u: R, c: 2 * lam, a: 0}),
    source="001, Lemma 2: d/dt R(z(t)) <= -2 lambda R(z(t)) on [0, t] (lemma2_loss_derivative at every s, stated) "
           "gives R(z(t)) <= R(z(0)) e^{-2 lambda t} (Gronwall's inequality, used with p = -2 lambda)", expect="proved")
lemma1_loss_decay = Claim(
    "lemma1_loss_decay",
    given=[during(s, 0, t, sp.Derivative(R(s), s) <= -2 * mu * R(s), differentiable=[R(s)])],
    show=R(t) <= R(0) * sp.exp(-2 * mu * t), by=use(gronwall_constant_rate, {u: R, c: 2 * mu, a: 0}),
    source="001, Lemma 1: R(v(t)) = (1/2)||v(t)||^2 with v' = -K v, K = lambda^2 j_0 j_0^T, lambda_min(K) >= mu > 0, "
           "has d/dt R = -v^T K v <= -2 mu R, so R(v(t)) <= R(v(0)) e^{-2 mu t} -> 0 (Gronwall); the derivative bound "
           "is stated at every s (lemma1_prediction_dynamics gives v', the Rayleigh bound of lemma1_decay's proof "
           "the inequality: matrix facts the kernel cannot apply to v(s))", expect="proved")

Rt, R0, Nt, N0 = sp.symbols("R_t R_0 N_t N_0", nonnegative=True)
corollary_step = Claim(
    "corollary_step", given=[Rt <= R0 * sp.exp(-2 * lam * t), sp.Eq(Rt, Nt ** 2 / 2), sp.Eq(R0, N0 ** 2 / 2)],
    show=Nt <= N0 * sp.exp(-lam * t),
    source="001, Corollary, proof: Lemma 2's bound with R = ||z - y||^2/2 (N_t = ||z(t) - y||), square roots of "
           "both sides", expect="proved")


corollary_001 = Claim(
    "corollary_001", given=[LOSS_DERIVATIVE, use(lemma2_001), use(corollary_step, {Rt: R(t), R0: R(0), Nt: N(t), N0: N(0)})],
    show=N(t) <= N(0) * sp.exp(-lam * t),
    source="001, Corollary: ||z(t) - y|| <= ||z(0) - y|| e^{-lambda t}, from Lemma 2 and the square root of both sides",
    expect="proved")


def _corollary_trajectory(inst):
    R = _flow_R(inst)
    N = [np.sqrt(2 * r) for r in R]
    return N[1:], [N[0] * np.exp(-float(inst.lam) * float(tt)) for tt in TIMES], N[0]


def _corollary_exact(inst):
    with mpmath.workdps(DIGITS):
        R0, R = _flow_R_exact(inst)
        N0_ = mpmath.sqrt(2 * R0)
        return [mpmath.sqrt(2 * r) for r in R], [N0_ * mpmath.exp(-mpf(inst.lam) * mpf(tt)) for tt in TIMES], N0_


corollary_run = Experiment(
    "corollary_run", instances=kernel_flows(), trajectory=_corollary_trajectory, exact=_corollary_exact,
    describe=_describe_flow,
    source="001, Corollary: ||z(t) - y|| <= ||z(0) - y|| e^{-lambda t}, on the flows of lemma2_run",
    expect="tested", max_examples=10, first_iterate=1, rel_tol=1e-7,
    statement="||z(t) - y|| <= ||z(0) - y|| exp(-lambda t)")

S, r2 = Matrix("S", 2, 3), Vector("r", 2)
distance_speed_bound = Claim(
    "distance_speed_bound", show=norm(S.T * r2) <= sp.sqrt(lambda_max(S * S.T)) * norm(r2),
    source="001, Thm, proof: ||w'(t)|| = ||S(t)^T (g(w(t)) - y)|| <= sqrt(lambda_max(Theta(t))) ||g(w(t)) - y|| "
           "with Theta = S S^T; checked for S of shape 2 x 3", expect="proved")
Lmax, s_ = sp.Symbol("Lambda_max", positive=True), sp.Symbol("s", real=True)
distance_integral = Claim(
    "distance_integral",
    show=sp.Le(sp.integrate(sp.sqrt(Lmax) * N0 * sp.exp(-lam * s_), (s_, 0, t)), sp.sqrt(Lmax) * N0 / lam, evaluate=False),
    source="001, Thm, proof ('triangle inequality + corollary'): ||w(t) - w(0)|| <= int_0^t ||w'|| <= "
           "int_0^t sqrt(lambda_max) ||g(w(0)) - y|| e^{-lambda s} ds <= sqrt(lambda_max)/lambda ||g(w(0)) - y||",
    expect="proved")
distance_second_form = Claim(
    "distance_second_form", given=[sp.Eq(R0, N0 ** 2 / 2)],
    show=sp.Eq(sp.sqrt(Lmax) / lam * N0, sp.sqrt(2 * Lmax * R0) / lam),
    source="001, Thm, second line: sqrt(lambda_max)/lambda ||g(w(0)) - y|| = sqrt(2 lambda_max R(g(w(0))))/lambda "
           "(the notes write <=; it is an equality)", expect="proved")


#: the Theorem's setting on [0, t]: W(s) = int_0^s ||w'|| (the path length) and its speed bound
#: ||w'(s)|| <= sqrt(lambda_max) ||g(w(s)) - y||, which is distance_speed_bound at S = S(s), r = g(w(s)) - y (a
#: matrix lemma the kernel cannot apply to matrices that depend on s, so stated here and not an edge); and the
#: Corollary N(s) <= N(0) e^{-lambda s} at every s, applied with use (its hypotheses, Lemma 2's derivative bound
#: on [0, s], are obligations for every s, discharged by LOSS_DERIVATIVE on [0, t])
PATH_SPEED = during(s, 0, t, [sp.Derivative(W(s), s) <= sp.sqrt(Lmax) * N(s), use(corollary_001, {t: s})],
                    differentiable=[W(s)])
distance_path_bound = Claim(
    "distance_path_bound", given=[LOSS_DERIVATIVE, PATH_SPEED, sp.Eq(W(0), 0)],
    show=W(t) - sp.sqrt(Lmax) * N(0) * (1 - sp.exp(-lam * t)) / lam <= 0,
    by=nonincreasing(W(s) - sp.sqrt(Lmax) * N(0) * (1 - sp.exp(-lam * s)) / lam, s, 0, t),
    source="001, Thm, proof: int_0^t ||w'(s)|| ds <= int_0^t sqrt(lambda_max) ||g(w(0)) - y|| e^{-lambda s} ds = "
           "sqrt(lambda_max) ||g(w(0)) - y|| (1 - e^{-lambda t})/lambda, by the speed bound (distance_speed_bound "
           "at each s, stated) and the Corollary at each s (used); W(s) minus the right side is non-increasing: "
           "its derivative, by sympy's diff, is <= 0 (mean value theorem)", expect="proved")
DIST = sp.Symbol("D_t", nonnegative=True)           # ||w(t) - w(0)||
distance_theorem_001 = (
    Derivation("distance_theorem_001", given=[LOSS_DERIVATIVE, PATH_SPEED, sp.Eq(W(0), 0), DIST <= W(t)], start=DIST,
               source="001, Thm: ||w(t) - w(0)|| <= sqrt(lambda_max)/lambda ||g(w(0)) - y|| <= "
                      "sqrt(2 lambda_max R(g(w(0))))/lambda (the second relation is an equality), line by line, from "
                      "the notes' hypotheses along the flow: Lemma 2's derivative bound (lambda_min(Theta(s)) >= "
                      "lambda) and the speed bound (lambda_max(Theta(s)) <= lambda_max) at every s in [0, t], and "
                      "the triangle inequality for the integral; the Corollary applied at every s",
               expect="proved")
    .le(W(t), by="triangle inequality: ||w(t) - w(0)|| <= int_0^t ||w'(s)|| ds = W(t)")
    .le(sp.sqrt(Lmax) * N(0) * (1 - sp.exp(-lam * t)) / lam, by=use(distance_path_bound))
    .le(sp.sqrt(Lmax) * N(0) / lam, by="e^{-lambda t} > 0")
    .eq(sp.sqrt(2 * Lmax * R(0)) / lam, by=use(distance_second_form, {R0: R(0), N0: N(0)}))
)


def _distance_trajectory(inst):
    Xa, yv, wv = inst
    Xf, yf, w0 = Xa.astype(float), yv.astype(float), wv.astype(float)
    ws = linear_flow(Xf, yf, w0, [0.0] + [float(x) for x in TIMES])
    lo, hi = _kernel_eigs_float(Xa)
    bound = np.sqrt(hi) / lo * np.sqrt(_residual_sq(Xf, yf, w0))
    return [float(np.linalg.norm(x - w0)) for x in ws[1:]], [bound] * len(TIMES), bound


def _distance_exact(inst):
    Xa, yv, wv = inst
    with mpmath.workdps(DIGITS):
        lo, hi = _kernel_eigs(Xa)
        w0 = [mpf(x) for x in wv]
        Xm = np.vectorize(mpf, otypes=[object])(Xa)
        bound = mpmath.sqrt(hi) / lo * mpmath.sqrt(_residual_sq(Xm, np.vectorize(mpf, otypes=[object])(yv),
                                                                 np.array(w0, dtype=object)))
        dist = [mpmath.sqrt(sum((a - b) ** 2 for a, b in zip(linear_flow_closed_form_exact(Xa, yv, wv, tt), w0)))
                for tt in TIMES]
        return dist, [bound] * len(TIMES), bound


distance_from_init_run = Experiment(
    "distance_from_init_run", instances=_linear_models(True), trajectory=_distance_trajectory,
    exact=_distance_exact, describe=_describe_linear,
    source="001, Thm: lambda I <= Theta(t) <= lambda_max I => ||w(t) - w(0)|| <= sqrt(lambda_max)/lambda "
           "||g(w(0)) - y||, run on full-rank linear models (Theta = X X^T constant) with the closed form as the "
           "exact re-check", expect="tested", max_examples=20, first_iterate=1, rel_tol=1e-7,
    statement="||w(t) - w(0)|| <= sqrt(lambda_max)/lambda ||X w(0) - y||")

# -- 001, Main Theorem (informal), for the scaled model lambda f ------------------------------------------


def _scaled(inst):
    Xa, yv, wv, scale = inst
    return np.vectorize(lambda v: Fraction(v) * scale, otypes=[object])(Xa), yv, wv


def _main_theorem_float(inst):
    Xs, yv, wv = _scaled(inst)
    Xf, yf, w0 = Xs.astype(float), yv.astype(float), wv.astype(float)
    ws = linear_flow(Xf, yf, w0, [0.0] + [float(x) for x in TIMES])
    bound = np.sqrt(_residual_sq(Xf, yf, w0) / 2) / float(inst[3])
    return [float(np.linalg.norm(x - w0)) for x in ws[1:]], [bound] * len(TIMES), bound


def _main_theorem_exact(inst):
    Xs, yv, wv = _scaled(inst)
    with mpmath.workdps(DIGITS):
        w0 = [mpf(x) for x in wv]
        to = lambda a: np.vectorize(mpf, otypes=[object])(a)
        bound = mpmath.sqrt(_residual_sq(to(Xs), to(yv), to(wv)) / 2) / mpf(inst[3])
        dist = [mpmath.sqrt(sum((a - b) ** 2 for a, b in zip(linear_flow_closed_form_exact(Xs, yv, wv, tt), w0)))
                for tt in TIMES]
        return dist, [bound] * len(TIMES), bound


main_theorem_as_written_run = Experiment(
    "main_theorem_as_written_run",
    instances=st.tuples(_linear_models(True), st.sampled_from([Fraction(1), Fraction(2), Fraction(1, 2)]))
    .map(lambda t_: (*t_[0], t_[1])),
    trajectory=_main_theorem_float, exact=_main_theorem_exact,
    describe=lambda i: {**_describe_linear(i[:3]), "lambda (model scale)": str(i[3])},
    source="001, Main Theorem (informal) as written: '(2) ||w(t) - w(0)|| <= sqrt(R(lambda f(w(0))))/lambda' for "
           "the scaled model lambda f, run on linear models f(w) = X w; with constant 1 it fails (X = [-1, 0, 0], "
           "y = 2, w(0) = (0, 2, 3/2), lambda = 1, t = 5/4: ||w(t) - w(0)|| = 2(1 - e^{-5/4}) > sqrt(2) = "
           "sqrt(R)/lambda); the Thm's bound has the factor "
           "sqrt(2 lambda_max)/lambda_min(Theta)", expect="refuted", max_examples=10, first_iterate=1, rel_tol=1e-7,
    statement="||w(t) - w(0)|| <= sqrt(R(lambda f(w(0))))/lambda")


def _main_theorem_ratio(scale, rng):
    """``||w(10) - w(0)|| / sqrt(R(w(0)))`` for the flow of a random 3 x 6 linear model scaled by ``scale``."""
    X, y, w0 = scale * rng.standard_normal((3, 6)), rng.standard_normal(3), rng.standard_normal(6)
    dist = np.linalg.norm(linear_flow_closed_form(X, y, w0, 10.0) - w0)
    return float(dist / np.sqrt(_residual_sq(X, y, w0) / 2))


main_theorem_scaling = ScalingExperiment(
    "main_theorem_scaling", measure=_main_theorem_ratio, widths=(1, 4, 16, 64), claimed=-1.0, bound="at most",
    seeds=8,
    source="001, Main Theorem (informal), read as an order of magnitude: ||w(t) - w(0)|| = O(sqrt(R(lambda f(w(0))))"
           "/lambda) in the model scale lambda (linear models, t = 10)", expect="tested",
    statement="||w(t) - w(0)|| / sqrt(R(lambda f(w(0)))) = O(lambda^(-1))")

# -- 002: the kernel point of view ----------------------------------------------------------------------
nd, l0 = n, sp.Symbol("lambda_0", positive=True)        # n: the number of data
Jt, ut = Matrix("J", n, p), Vector("e_n", n)
kernel_dynamics = Claim(
    "kernel_dynamics", show=sp.Eq(Jt * (-(1 / n) * Jt.T * ut), -(1 / n) * (Jt * Jt.T) * ut, evaluate=False),
    source="002, kernel dynamics: du/dt = (du/dtheta) dtheta/dt with dtheta/dt = -(1/n) J^T (u - y) gives "
           "du/dt = -(1/n) H(t)(u - y), H = J J^T, [H]_ij = <du_i/dtheta, du_j/dtheta>", expect="proved")

H2, e3 = Matrix("H", 2, 2, structure="psd"), Vector("e", 2)
kernel_flow_loss_derivative = (
    Derivation("kernel_flow_loss_derivative", given=[lambda_min(H2) >= l0],
               start=inner(e3, -(1 / nd) * H2 * e3),
               source="002, Claim, proof: d/dt (1/2)||u - y||^2 = -(1/n)(u - y)^T H(t)(u - y) <= "
                      "-(1/n) lambda_0 ||u - y||^2 (e = u - y; checked in dimension 2)", expect="proved")
    .eq(-(1 / nd) * inner(e3, H2 * e3), by="d/dt (1/2)||u - y||^2 = <u - y, du/dt>")
    .le(-(1 / nd) * l0 * norm(e3) ** 2, by="lambda_min(H(t)) >= lambda_0")
)

# The slide's chain, with d/dt computed by sympy: ell(t) = (1/2)||u(t) - y||^2, SQ = ||u(t) - y||^2.
tt_ = t
ell = sp.Function("ell")
ELL, DELL, SQ = sp.Symbol("ell_t", nonnegative=True), sp.Symbol("dell_t", real=True), sp.Symbol("S_t", nonnegative=True)
_AT_T = {sp.Derivative(ell(tt_), tt_): DELL}
EXP_DECAY_START = sp.diff(sp.exp(l0 * tt_ / nd) * ell(tt_), tt_).xreplace(_AT_T).xreplace({ell(tt_): ELL})
ELL_DEF = sp.Eq(ELL, SQ / 2)
# the Claim's line at time t: kernel_flow_loss_derivative in scalars (a matrix lemma, checked in dimension 2, whose
# e and H(t) are not the slide's scalars), stated and not an edge of the graph
DERIV_BOUND = DELL <= -(1 / nd) * l0 * SQ


def _exp_decay_chain(name, strict):
    chain = (
        Derivation(name, given=[ELL_DEF, DERIV_BOUND], start=EXP_DECAY_START,
                   source=("002, exponential decay: d/dt (exp(lambda_0 t/n) (1/2)||u(t) - y||^2) = ... <= "
                           "exp(lambda_0 t/n) ||u(t) - y||^2 (lambda_0/(2n) - lambda_0/n) "
                           + ("< 0, as written: the last relation is '= 0' when u(t) = y (then the derivative is 0); "
                              "'<= 0' is what 'is decreasing' (non-increasing) needs" if strict else
                              "<= 0 (corrected: '< 0' fails at u(t) = y); the derivative by sympy's diff "
                              "(product rule)")),
                   expect="refuted" if strict else "proved")
        .eq(l0 / (2 * nd) * sp.exp(l0 * tt_ / nd) * SQ + DELL * sp.exp(l0 * tt_ / nd),
            by="product rule; (1/2)||u - y||^2 = S/2")
        .le(sp.exp(l0 * tt_ / nd) * SQ * (l0 / (2 * nd) - l0 / nd), by=substitute(DERIV_BOUND, "the Claim's bound"))
    )
    return chain.lt(0, by="as written") if strict else chain.le(0, by="lambda_0/(2n) - lambda_0/n < 0, S >= 0")


exp_decay_derivative = _exp_decay_chain("exp_decay_derivative", strict=False)
exp_decay_derivative_as_written = _exp_decay_chain("exp_decay_derivative_as_written", strict=True)

C_ = sp.Symbol("C", nonnegative=True)
loss, sq = sp.Function("ell"), sp.Function("E")     # loss(s) = (1/2)||u(s) - y||^2, sq(s) = ||u(s) - y||^2
KERNEL_FLOW = during(s, 0, t, [sp.Derivative(loss(s), s) <= -(1 / nd) * l0 * sq(s), sp.Eq(loss(s), sq(s) / 2),
                               sq(s) >= 0], differentiable=[loss(s)])
#: the slide's chain (exp_decay_derivative) at every s of [0, t]: d/ds (exp(lambda_0 s/n) ell(s)) <= 0
DECAY_DERIVATIVE = during(s, 0, t, use(exp_decay_derivative, {tt_: s, ELL: loss(s), DELL: sp.Derivative(loss(s), s),
                                                               SQ: sq(s)}))
exp_decay_nonincreasing = Claim(
    "exp_decay_nonincreasing", given=[KERNEL_FLOW, DECAY_DERIVATIVE], show=sp.exp(l0 * t / nd) * loss(t) <= loss(0),
    by=nonincreasing(sp.exp(l0 * s / nd) * loss(s), s, 0, t),
    source="002, exponential decay: d/dt (exp(lambda_0 t/n) (1/2)||u(t) - y||^2) <= 0 from the Claim's bound "
           "d/dt (1/2)||u - y||^2 <= -(lambda_0/n)||u - y||^2 (the slide's chain, exp_decay_derivative, used at every "
           "s; the derivative by sympy's diff, product rule), so the function is non-increasing (mean value "
           "theorem) and at time t at most its value C at 0", expect="proved")
exp_decay_from_monotone = Claim(
    "exp_decay_from_monotone", given=[KERNEL_FLOW, use(exp_decay_nonincreasing)],
    show=loss(t) <= sp.exp(-l0 * t / nd) * loss(0),
    source="002, exponential decay, last lines: exp(lambda_0 t/n) (1/2)||u(t) - y||^2 <= C with "
           "C = (1/2)||u(0) - y||^2, so (1/2)||u(t) - y||^2 <= exp(-lambda_0 t/n) C", expect="proved")

eps_ = sp.Symbol("epsilon", positive=True)
TIME_HYP = tt_ >= nd / l0 * sp.log(C_ / eps_)
exp_decay_time = (
    Derivation("exp_decay_time", given=[TIME_HYP, eps_ < C_], start=sp.exp(-l0 * tt_ / nd) * C_,
               source="002, exponential decay: t = O(log(1/epsilon)): for t >= (n/lambda_0) log(C/epsilon) the loss "
                      "bound exp(-lambda_0 t/n) C is at most epsilon", expect="proved")
    .le(sp.exp(-sp.log(C_ / eps_)) * C_, by=substitute(TIME_HYP, "exp(-lambda_0 t/n) decreases in t"))
    .eq(eps_, by="exp(-log(C/epsilon)) = epsilon/C")
)

exp_decay_run = Experiment(
    "exp_decay_run", instances=kernel_flows(), trajectory=lambda i: _lemma2_trajectory(i, rate=1),
    exact=lambda i: _lemma2_exact(i, rate=1), describe=_describe_flow,
    source="002, exponential decay: lambda_min(H(t)) >= lambda_0 => (1/2)||u(t) - y||^2 <= exp(-lambda_0 t/n) C "
           "(here H(t)/n = Q(t), lambda_0/n = min alpha); solve_ivp trajectories re-checked against the closed form",
    expect="tested", max_examples=10, first_iterate=1, rel_tol=1e-7,
    statement="(1/2)||u(t) - y||^2 <= exp(-lambda_0 t/n) (1/2)||u(0) - y||^2")

NODES = [
    node(None, "definition", name="gradient_flow", topic=TOPIC,
         source="001, gradient flow: x'(t) = -grad f(x(t)), the continuous-time limit of GD; 002, GF"),
    node(linear_model_prediction_dynamics, "lemma", topic=TOPIC, uses=["gradient_flow"]),
    node(lemma1_prediction_dynamics, "lemma", topic=TOPIC, uses=["gradient_flow"]),
    # the decay is stated for v(t) = exp(-K t) v(0), the flow of lemma1_prediction_dynamics' equation
    node(lemma1_decay, "lemma", topic=TOPIC, uses=["lemma1_prediction_dynamics"]),
    node(linear_flow_run, "experiment", topic=TOPIC, uses=["linear_model_prediction_dynamics", "lemma1_decay"]),
    node(gd_discretisation_scaling, "experiment", topic=TOPIC, uses=["gradient_flow"]),
    node(least_squares_recurrence, "lemma", topic=TOPIC),
    node(least_squares_recurrence_as_written, "erratum", topic=TOPIC, corrects="least_squares_recurrence",
         note="for square A the notes' recurrence drops a factor A"),
    node(gronwall_inequality, "axiom", topic=TOPIC),
    node(gronwall_constant_rate, "lemma", topic=TOPIC, proof_uses=["gronwall_inequality"]),
    node(lemma1_loss_decay, "lemma", topic=TOPIC),
    node(lemma2_loss_derivative, "lemma", topic=TOPIC, uses=["gradient_flow"]),
    node(lemma2_001, "lemma", topic=TOPIC),
    node(corollary_001, "lemma", topic=TOPIC),
    node(lemma2_run, "experiment", topic=TOPIC, uses=["gradient_flow", "lemma2_001"]),
    node(corollary_step, "lemma", topic=TOPIC),
    node(corollary_run, "experiment", topic=TOPIC, uses=["corollary_001"]),
    node(distance_speed_bound, "lemma", topic=TOPIC),
    node(distance_integral, "lemma", topic=TOPIC),
    node(distance_second_form, "lemma", topic=TOPIC),
    node(distance_path_bound, "lemma", topic=TOPIC),
    node(distance_theorem_001, "theorem", topic=TOPIC),
    node(distance_from_init_run, "experiment", topic=TOPIC, uses=["distance_theorem_001"]),
    node(main_theorem_scaling, "experiment", topic=TOPIC, uses=["distance_theorem_001"]),
    node(main_theorem_as_written_run, "erratum", topic=TOPIC, corrects="main_theorem_scaling",
         note="the informal bound drops the constant sqrt(2 lambda_max)/lambda_min(j_0 j_0^T)"),
    node(kernel_dynamics, "lemma", topic=TOPIC, uses=["gradient_flow"]),
    # its start, <u - y, du/dt>, is written with kernel_dynamics' du/dt
    node(kernel_flow_loss_derivative, "lemma", topic=TOPIC, uses=["kernel_dynamics"]),
    node(exp_decay_derivative, "lemma", topic=TOPIC),
    node(exp_decay_derivative_as_written, "erratum", topic=TOPIC, corrects="exp_decay_derivative",
         note="at u(t) = y the derivative is 0, not negative"),
    node(exp_decay_nonincreasing, "lemma", topic=TOPIC),
    node(exp_decay_from_monotone, "lemma", topic=TOPIC),
    node(exp_decay_time, "lemma", topic=TOPIC),
    node(exp_decay_run, "experiment", topic=TOPIC, uses=["exp_decay_from_monotone"]),
]
