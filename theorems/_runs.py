"""The runs of the theorem modules: the algorithms of the notes executed on adversarial instances, the
claimed bound computed beside each iterate (a helper module, not a theorem module).

Each ``*_run`` function returns the four callables an :class:`verify.Experiment` needs (``instances``,
``trajectory``, ``exact``, ``describe``); the theorem module declares the experiment with its name, source,
statement and expected verdict. Every trajectory is written once, parametrised by a :class:`NumberType`:
``FLOAT`` for the adversary's search, ``HIGH`` (mpmath at ``DIGITS`` digits, exact data) for the re-check of a
float violation. The general parts (the methods, least squares, exact expectations over SGD's indices) are
the engine's (``verify``); what is here is the notes' claimed bounds on them.

Instance families: least squares ``f = ||Ax - b||^2/(2N)`` (``L = lambda_max(A^T A/N)``, ``mu`` its smallest
non-zero eigenvalue, ``Lt = max_i ||a_i||^2``) and the nonconvex PL function ``x^2 + 3 sin^2 x``
(``L = SCALAR_L = 8``, ``mu`` certified).
"""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, ContextManager

import mpmath
import numpy as np
from hypothesis import strategies as st

from verify import (DIGITS, LeastSquares, certified_pl_constant, exact_minimiser, fmt, high_precision_constants,
                    least_squares_instances, least_squares_moments, mpf, nesterov, sgd_statistics, to_mpf)

#: L of x^2 + 3 sin^2 x: max |f''(x)| = max |2 + 6 cos 2x| = 8.
SCALAR_L = 8
#: A certified PL constant of x^2 + 3 sin^2 x (a float lower bound of inf f'^2 / (2 f)).
SCALAR_MU = certified_pl_constant()[0]
SCALAR_NAME = "x^2 + 3 sin^2 x"

Run = dict[str, Any]


@dataclass(frozen=True)
class NumberType:
    """The arithmetic of a run: float, or mpmath at ``DIGITS`` digits on exact data."""

    name: str
    scalar: Callable[[Any], Any]          # an exact number (int, Fraction, float) in this type
    array: Callable[[Any], np.ndarray]    # an array of exact numbers in this type
    sqrt: Callable[[Any], Any]
    sin: Callable[[Any], Any]
    precision: Callable[[], ContextManager]


FLOAT = NumberType("float", float, lambda a: np.asarray(a, dtype=float), np.sqrt, np.sin, nullcontext)
HIGH = NumberType("mpmath", mpf, to_mpf, mpmath.sqrt, mpmath.sin, lambda: mpmath.workdps(DIGITS))


def _both(trajectory: Callable[..., Any]) -> tuple[Callable, Callable]:
    """The float and the high-precision version of ``trajectory(instance, number_type)``."""
    return (lambda inst: trajectory(inst, FLOAT)), (lambda inst: trajectory(inst, HIGH))


# -- the objectives --------------------------------------------------------------------------------------
def scalar_pl_value(x: Any, nt: NumberType) -> Any:
    """``f(x) = x^2 + 3 sin^2 x``."""
    return x * x + 3 * nt.sin(x) ** 2


def scalar_pl_gradient(x: Any, nt: NumberType) -> Any:
    """``f'(x) = 2x + 3 sin 2x``."""
    return 2 * x + 3 * nt.sin(2 * x)


@dataclass(frozen=True)
class LeastSquaresIn:
    """A least-squares instance in a number type: the problem, its constants and its minimum."""

    problem: LeastSquares
    L: Any
    mu: Any
    L_tilde: Any
    rank: int
    f_star: Any
    x_star: Any


def least_squares_in(problem: LeastSquares, nt: NumberType) -> LeastSquaresIn:
    """The exact instance ``problem`` with its data, constants and minimum in ``nt`` (call inside
    ``nt.precision()``)."""
    p = LeastSquares(nt.array(problem.A), nt.array(problem.b))
    if nt is FLOAT:
        ev = p.spectrum
        rank = int((ev > 1e-9 * max(ev[-1], 1e-300)).sum())
        return LeastSquaresIn(p, p.L, p.mu, p.L_tilde, rank, p.f_star, p.x_star)
    c = high_precision_constants(problem)
    x_star, f_star = exact_minimiser(problem)
    return LeastSquaresIn(p, c["L"], c["mu"], c["L_tilde"], c["rank"], nt.scalar(f_star), nt.array(x_star))


def describe_least_squares(problem: LeastSquares, x0: Any, **more: Any) -> dict[str, Any]:
    """The instance in plain exact text."""
    return {"A": fmt(problem.A), "b": fmt(problem.b), "x0": fmt(x0), **more}


def gd_iterates(grad: Callable[[Any], Any], x0: Any, step: Any, k: int) -> list[Any]:
    """``x_0, ..., x_k`` of gradient descent ``x_{j+1} = x_j - step grad f(x_j)``."""
    xs = [x0]
    for _ in range(k):
        xs.append(xs[-1] - step * grad(xs[-1]))
    return xs


# -- PL implies quadratic growth on x^2 + 3 sin^2 x --------------------------------------------------------
def _quadratic_growth_sides(x: float, nt: NumberType):
    with nt.precision():
        X = nt.scalar(x)
        return [nt.scalar(SCALAR_MU) / 2 * X * X], [scalar_pl_value(X, nt)]


def quadratic_growth_run() -> Run:
    """``(mu/2) x^2 <= f(x) - f*`` on ``x^2 + 3 sin^2 x`` (``f* = 0`` at ``x* = 0``)."""
    trajectory, exact = _both(_quadratic_growth_sides)
    return dict(instances=st.floats(-50, 50, allow_nan=False), trajectory=trajectory, exact=exact,
                describe=lambda x: {"x": repr(x), "f": SCALAR_NAME, "mu": repr(SCALAR_MU)})


# -- the descent lemma on x^2 + 3 sin^2 x ------------------------------------------------------------------
def _descent_sides(pair: tuple[float, float], nt: NumberType):
    with nt.precision():
        x, y = nt.scalar(pair[0]), nt.scalar(pair[1])
        bound = scalar_pl_value(x, nt) + scalar_pl_gradient(x, nt) * (y - x) + nt.scalar(SCALAR_L) / 2 * (y - x) ** 2
        return [scalar_pl_value(y, nt)], [bound]


def descent_lemma_run() -> Run:
    """``f(y) <= f(x) + f'(x)(y - x) + (L/2)(y - x)^2`` on ``x^2 + 3 sin^2 x`` with ``L = SCALAR_L``."""
    trajectory, exact = _both(_descent_sides)
    return dict(instances=st.tuples(st.floats(-30, 30), st.floats(-30, 30)), trajectory=trajectory, exact=exact,
                describe=lambda p: {"x": repr(p[0]), "y": repr(p[1]), "f": SCALAR_NAME, "L": SCALAR_L})


# -- GD with step 1/L ---------------------------------------------------------------------------------------
GD_STEPS = 12
Rate = Callable[[Any, Any], Any]       # (mu, L) -> the claimed per-step factor


def _gd_instances():
    ls = least_squares_instances((1, 4), (1, 4), regime="any").map(lambda t: ("least_squares",) + t)
    scalar = st.fractions(min_value=-20, max_value=20, max_denominator=64).map(lambda x: (SCALAR_NAME, x))
    return st.one_of(ls, scalar)


def _gd_gaps(instance, nt: NumberType, rate: Rate):
    """``f(x_j) - f*`` for ``j <= GD_STEPS`` of GD with step 1/L, and the claimed ``rate(mu, L)^j (f(x_0) - f*)``."""
    with nt.precision():
        if instance[0] == "least_squares":
            data = least_squares_in(instance[1], nt)
            f = lambda x: data.problem.f(x) - data.f_star
            grad, x0, mu_, L_ = data.problem.grad, nt.array(instance[2]), data.mu, data.L
        else:
            f = lambda x: scalar_pl_value(x, nt)
            grad = lambda x: scalar_pl_gradient(x, nt)
            x0, mu_, L_ = nt.scalar(instance[1]), nt.scalar(SCALAR_MU), SCALAR_L
        gaps = [f(x) for x in gd_iterates(grad, x0, 1 / nt.scalar(L_), GD_STEPS)]
        factor = rate(mu_, L_)
        return gaps[1:], [factor ** j * gaps[0] for j in range(1, GD_STEPS + 1)], gaps[0]


def _describe_gd(instance) -> dict[str, Any]:
    if instance[0] == "least_squares":
        _, problem, x0 = instance
        return describe_least_squares(problem, x0, family="least squares f = ||Ax - b||^2/(2N), GD step 1/L, "
                                      "L = lambda_max(A^T A/N), mu = smallest non-zero eigenvalue")
    return {"family": f"{SCALAR_NAME}, GD step 1/{SCALAR_L}", "x0": str(instance[1]), "mu": repr(SCALAR_MU)}


def gd_rate_run(rate: Rate) -> Run:
    """GD with step 1/L on least squares (both regimes) and on ``x^2 + 3 sin^2 x``, beside
    ``rate(mu, L)^j (f(x_0) - f*)``."""
    return dict(instances=_gd_instances(), trajectory=lambda inst: _gd_gaps(inst, FLOAT, rate),
                exact=lambda inst: _gd_gaps(inst, HIGH, rate), describe=_describe_gd)


# -- SGD on least squares, exact expectations over every index path -----------------------------------------
SGD_STEPS = 4


def _sgd_instances():
    """Least squares (N, d <= 2, both regimes), x0, and for the constant rule s = (1/(2 mu)) / t."""
    return st.tuples(least_squares_instances((1, 2), (1, 2), regime="any"), st.sampled_from([1, 2, 4]))


def _sgd_step(rule: str, mu_: Any, t: int, one: Any):
    """``s_j = (2j+1)/(2 mu (j+1)^2)`` (diminishing) or ``s = 1/(2 mu t)`` (constant)."""
    if rule == "diminishing":
        return lambda j: (2 * j + 1) * one / (2 * mu_ * (j + 1) ** 2)
    return one / (2 * mu_ * t)


def _sgd_bounds(rule: str, written: bool, stats: dict, data: LeastSquaresIn, t: int, nt: NumberType) -> list:
    """The claimed bound at j = 1..SGD_STEPS, with C^2 taken from the computed statistics."""
    if written:   # ||grad f_{i_k}(x_k)|| <= C^2 for every iterate and index: C^2 = the largest such norm
        C2 = max(nt.sqrt(v) for v in stats["max_direction_sq"][:SGD_STEPS])
    else:         # E||grad f_{i_k}(x_k)||^2 <= C^2 for every k
        C2 = max(stats["direction_sq"][:SGD_STEPS])
    L_, mu_ = data.L, data.mu
    if rule == "diminishing":
        return [L_ * C2 / (2 * mu_ ** 2 * j) for j in range(1, SGD_STEPS + 1)]
    s = _sgd_step(rule, mu_, t, nt.scalar(1))
    gap0 = stats["gap"][0]
    return [(1 - 2 * s * mu_) ** j * gap0 + L_ * C2 * s / (4 * mu_) for j in range(1, SGD_STEPS + 1)]


def _sgd_gaps(inst, nt: NumberType, rule: str, written: bool):
    (problem, x0), t = inst
    with nt.precision():
        data = least_squares_in(problem, nt)
        one = nt.scalar(1)
        stats = sgd_statistics(data.problem, nt.array(x0), _sgd_step(rule, data.mu, t, one), SGD_STEPS,
                               f_star=data.f_star, one=one)
        return stats["gap"][1:], _sgd_bounds(rule, written, stats, data, t, nt), stats["gap"][0]


def sgd_rate_run(rule: str, written: bool) -> Run:
    """SGD with the ``rule`` step on least squares; ``E[f(x_j) - f*]`` by enumerating every index path,
    beside 000 Theorem 3's bound with the second-moment assumption as corrected or ``written``."""

    def describe(inst):
        (problem, x0), t = inst
        step = "" if rule == "diminishing" else f" s = 1/(2 mu {t})"
        moment = "max_j ||grad f_i(x_j)|| (as written)" if written else "max_j E||grad f_{i_j}(x_j)||^2"
        return describe_least_squares(problem, x0, family=f"least squares, SGD, {rule} step{step}", **{"C^2": moment})

    return dict(instances=_sgd_instances(), trajectory=lambda inst: _sgd_gaps(inst, FLOAT, rule, written),
                exact=lambda inst: _sgd_gaps(inst, HIGH, rule, written), describe=describe)


# -- mini-batch SGD on interpolating least squares -----------------------------------------------------------
MINIBATCH_STEPS = 6


def _minibatch_instances():
    return st.tuples(least_squares_instances((1, 3), (1, 3), regime="interpolating"), st.integers(1, 3))


def _minibatch_step(data: LeastSquaresIn, B: int, written: bool):
    """The notes' ``s*(B) = 2 mu B / (L (Lt + L (B-1)))`` (written) or ``s_opt = mu B / (L (mu (B-1) + Lt))``."""
    if written:
        return 2 * data.mu * B / (data.L * (data.L_tilde + data.L * (B - 1)))
    return data.mu * B / (data.L * (data.mu * (B - 1) + data.L_tilde))


def _minibatch_gaps(inst, nt: NumberType, written: bool):
    (problem, x0), B = inst
    with nt.precision():
        data = least_squares_in(problem, nt)
        step = _minibatch_step(data, B, written)
        gaps = least_squares_moments(data.problem, nt.array(x0), step, MINIBATCH_STEPS, B=B, x_star=data.x_star,
                                     one=nt.scalar(1))
        return gaps[1:], [(1 - data.mu * step) ** j * gaps[0] for j in range(1, MINIBATCH_STEPS + 1)], gaps[0]


def minibatch_sgd_run(written: bool) -> Run:
    """Mini-batch SGD (with replacement) with the corrected or the ``written`` step; ``E f(x_j)`` by exact
    second-moment propagation, beside ``(1 - mu s)^j f(x_0)``."""

    def describe(inst):
        (problem, x0), B = inst
        step = "notes' s*(B) = 2 mu B/(L (Lt + L(B-1)))" if written else "s_opt = mu B/(L (mu (B-1) + Lt))"
        return describe_least_squares(problem, x0, family="interpolating least squares, mini-batch SGD with "
                                      "replacement", B=B, step=step)

    return dict(instances=_minibatch_instances(), trajectory=lambda inst: _minibatch_gaps(inst, FLOAT, written),
                exact=lambda inst: _minibatch_gaps(inst, HIGH, written), describe=describe)


def _second_moment_sides(inst):
    """Both sides of ``E||d||^2 = (1/B) E||grad f_i||^2 + (B-1)/B ||grad f||^2``, exactly, in both directions."""
    (problem, x0), B = inst
    batch = sgd_statistics(problem, x0, Fraction(0), 0, B=B, f_star=Fraction(0))
    single = sgd_statistics(problem, x0, Fraction(0), 0, B=1, f_star=Fraction(0))
    rhs = single["direction_sq"][0] / B + Fraction(B - 1, B) * batch["grad_sq"][0]
    return [batch["direction_sq"][0], rhs], [rhs, batch["direction_sq"][0]]


def minibatch_second_moment_run() -> Run:
    """The second moment of a batch mean, both sides exact (rational data), on interpolating least squares."""
    return dict(instances=_minibatch_instances(), trajectory=_second_moment_sides, exact=_second_moment_sides,
                describe=lambda inst: {"A": fmt(inst[0][0].A), "b": fmt(inst[0][0].b), "x": fmt(inst[0][1]),
                                       "B": inst[1]})


def _component_gradient_sides(inst):
    """``||grad f_i(x)||^2`` and ``2 Lt f_i(x)`` for every i, exactly."""
    (problem, x0), _ = inst
    L_tilde = max(a.dot(a) for a in problem.A)
    observed = [problem.grad_i(i, x0).dot(problem.grad_i(i, x0)) for i in range(problem.N)]
    return observed, [2 * L_tilde * problem.f_i(i, x0) for i in range(problem.N)]


def component_gradient_run() -> Run:
    """``||grad f_i(x)||^2 <= 2 Lt f_i(x)`` on interpolating least squares, exactly."""
    return dict(instances=_minibatch_instances(), trajectory=_component_gradient_sides,
                exact=_component_gradient_sides,
                describe=lambda inst: {"A": fmt(inst[0][0].A), "b": fmt(inst[0][0].b), "x": fmt(inst[0][1])})


# -- Nesterov's method on strongly convex least squares ------------------------------------------------------
AGD_STEPS = 15


def _agd_instances():
    """Strongly convex least squares: N >= d with full column rank is drawn; singular cases give m = 0
    and are skipped by the bound (m > 0 needed)."""
    return least_squares_instances((2, 4), (1, 3), regime="any").filter(lambda t: t[0].N >= t[0].d)


def _agd_gaps(inst, nt: NumberType):
    """``f(x_j) - f*`` of Nesterov's constant-momentum method, beside
    ``(1 - sqrt(m/L))^j (f(x_0) - f* + m/2 ||x_0 - x*||^2)``."""
    problem, x0 = inst
    with nt.precision():
        data = least_squares_in(problem, nt)
        if data.rank < problem.d:
            return [0], [1], 1
        m, L_ = data.mu, data.L
        sqrt_kappa = nt.sqrt(L_ / m)
        xs = nesterov(data.problem, nt.array(x0), 1 / L_, (sqrt_kappa - 1) / (sqrt_kappa + 1), AGD_STEPS)
        e0 = nt.array(x0) - data.x_star
        gap0 = data.problem.f(xs[0]) - data.f_star
        gaps = [data.problem.f(x) - data.f_star for x in xs[1:]]
        bound0 = gap0 + m / 2 * e0.dot(e0)
        return gaps, [(1 - nt.sqrt(m / L_)) ** j * bound0 for j in range(1, AGD_STEPS + 1)], gap0


def agd_rate_run() -> Run:
    """Nesterov's method with ``eta = 1/L``, ``beta = (sqrt(kappa) - 1)/(sqrt(kappa) + 1)``."""
    trajectory, exact = _both(_agd_gaps)
    return dict(instances=_agd_instances(), trajectory=trajectory, exact=exact,
                describe=lambda inst: describe_least_squares(
                    inst[0], inst[1], method="y_{t+1} = x_t - grad f(x_t)/L, x_{t+1} = y_{t+1} + beta (y_{t+1} - y_t), "
                                             "beta = (sqrt(kappa) - 1)/(sqrt(kappa) + 1)"))
