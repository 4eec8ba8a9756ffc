"""Cross-checks of the gradient-flow, network, tangent-kernel and scaling solvers (verify.solvers.flow,
networks, tangent_kernel, scaling): each fast route against a slow or independent one."""
from __future__ import annotations

from fractions import Fraction

import mpmath
import numpy as np
import pytest

from verify.core.verdicts import Status
from verify.solvers.flow import (gd_steps, linear_flow, linear_flow_closed_form, linear_flow_closed_form_exact,
                                 residual_closed_form, residual_closed_form_exact)
from verify.solvers.networks import init_two_layer, output_hessian, output_hessian_norm
from verify.solvers.scaling import ScalingExperiment, bootstrap_slope, loglog_slope
from verify.solvers.tangent_kernel import (empirical_kernel, indicator_probability, jacobian_kernel,
                                           orthant_probability_exact, relu_kernel, smooth_kernel)


def _data(rng, n, p):
    return rng.standard_normal((n, p)), rng.standard_normal(n), rng.standard_normal(p)


@pytest.mark.parametrize("n,p", [(3, 5), (5, 3)])   # full-rank and singular kernels X X^T
def test_linear_flow_solver_matches_closed_form(n, p):
    X, y, w0 = _data(np.random.default_rng(n * 10 + p), n, p)
    times = [0.0, 0.3, 1.0, 2.5]
    solved = linear_flow(X, y, w0, times)
    for t, w in zip(times, solved):
        closed = linear_flow_closed_form(X, y, w0, t)
        assert np.allclose(w, closed, rtol=1e-7, atol=1e-8)
        assert np.allclose(X.dot(closed) - y, residual_closed_form(X.dot(X.T), X.dot(w0) - y, t), atol=1e-9)


def test_closed_forms_at_fifty_digits_agree_with_floats():
    X = np.array([[1, 2, 0], [0, 1, -1]], dtype=object)
    y, w0 = np.array([1, 0], dtype=object), np.array([0, 1, 1], dtype=object)
    t = Fraction(3, 4)
    exact = linear_flow_closed_form_exact(X, y, w0, t)
    floats = linear_flow_closed_form(X.astype(float), y.astype(float), w0.astype(float), 0.75)
    assert np.allclose([float(v) for v in exact], floats, rtol=1e-12)
    K = X.dot(X.T)
    r_exact = residual_closed_form_exact(K, X.dot(w0) - y, t)
    with mpmath.workdps(50):
        res = [sum(mpmath.mpf(X[i, k]) * exact[k] for k in range(3)) - y[i] for i in range(2)]
        assert all(abs(a - b) < mpmath.mpf(10) ** -40 for a, b in zip(res, r_exact))


def test_gd_is_the_euler_discretisation_of_the_flow():
    X, y, w0 = _data(np.random.default_rng(1), 3, 4)
    grad = lambda w: X.T.dot(X.dot(w) - y)
    target = linear_flow_closed_form(X, y, w0, 1.0)
    errors = [np.linalg.norm(gd_steps(grad, w0, 1.0 / k, k)[-1] - target) for k in (50, 100, 200)]
    assert errors[0] > errors[1] > errors[2]
    assert 1.7 < errors[0] / errors[1] < 2.3 and 1.7 < errors[1] / errors[2] < 2.3   # first order in eta


@pytest.mark.parametrize("sigma", ["relu", "tanh", "softplus"])
def test_closed_form_kernel_equals_jacobian_kernel(sigma):
    rng = np.random.default_rng(2)
    net = init_two_layer(rng, 7, 3, sigma)
    X = rng.standard_normal((5, 3))
    assert np.allclose(empirical_kernel(net, X), jacobian_kernel(net, X), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("sigma", ["tanh", "softplus"])
def test_jacobian_and_loss_gradient_against_finite_differences(sigma):
    rng = np.random.default_rng(3)
    net = init_two_layer(rng, 4, 2, sigma)
    X, y = rng.standard_normal((3, 2)), rng.standard_normal(3)
    J, h = net.jacobian(X), 1e-6
    w = net.W.ravel()
    for k in range(w.size):
        e = np.zeros_like(w)
        e[k] = h
        fd = (net.with_weights(w + e).outputs(X) - net.with_weights(w - e).outputs(X)) / (2 * h)
        assert np.allclose(J[:, k], fd, atol=1e-7)
    assert np.allclose(net.loss_gradient(X, y, 0.5).ravel(), 0.5 * J.T.dot(net.outputs(X) - y))


@pytest.mark.parametrize("sigma", ["tanh", "softplus", "relu"])
def test_output_hessian_norm_is_the_norm_of_the_block_hessian(sigma):
    rng = np.random.default_rng(4)
    net = init_two_layer(rng, 6, 3, sigma)
    x = rng.standard_normal(3)
    assert output_hessian_norm(net, x) == pytest.approx(np.linalg.norm(output_hessian(net, x), 2), abs=1e-12)


@pytest.mark.parametrize("c", ["-0.9", "-0.5", "0", "0.3", "0.99"])
def test_arc_cosine_formula_against_fifty_digit_orthant_probability(c):
    with mpmath.workdps(50):
        cc = mpmath.mpf(c)
        formula = (mpmath.pi - mpmath.acos(cc)) / (2 * mpmath.pi)
        assert abs(formula - orthant_probability_exact(Fraction(c))) < mpmath.mpf(10) ** -40
    assert indicator_probability(float(c)) == pytest.approx(float(formula), abs=1e-15)


def test_relu_kernel_is_the_limit_of_the_empirical_kernel():
    rng = np.random.default_rng(5)
    X = rng.standard_normal((4, 3))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    net = init_two_layer(rng, 200_000, 3, "relu")
    gap = np.abs(empirical_kernel(net, X) - relu_kernel(X))
    assert gap.max() < 0.01   # Hoeffding: each entry within sqrt(log(2/1e-9)/(2m)) = 0.01 w.p. 1 - 1e-9
    assert np.allclose(np.diag(relu_kernel(X)), 0.5)


def test_smooth_kernel_quadrature_against_a_wide_network():
    rng = np.random.default_rng(6)
    X = rng.standard_normal((3, 2))
    net = init_two_layer(rng, 400_000, 2, "tanh")
    assert np.allclose(smooth_kernel(X, "tanh"), empirical_kernel(net, X), atol=0.01)


def test_loglog_fit_recovers_an_exponent_and_its_interval():
    ws = [100, 400, 1600, 6400]
    assert loglog_slope(ws, [3 * m ** -0.5 for m in ws]) == pytest.approx(-0.5)
    rng = np.random.default_rng(7)
    values = np.array([[m ** -0.5 * np.exp(0.1 * rng.standard_normal()) for m in ws] for _ in range(10)])
    slope, low, high = bootstrap_slope(ws, values)
    assert low < slope < high and low < -0.5 < high and high - low < 0.2


def _noisy_power(p):
    """``m^p`` times log-normal noise that differs between widths (a sweep gives every width of a seed the
    same generator state, so the noise is the last of ``log2 m`` draws)."""
    return lambda m, rng: m ** p * np.exp(0.05 * rng.standard_normal(int(np.log2(m)))[-1])


@pytest.mark.parametrize("claimed,bound,status", [
    (-0.5, "rate", Status.TESTED), (-1.0, "rate", Status.REFUTED), (0.0, "rate", Status.REFUTED),
    (-0.5, "at most", Status.TESTED), (0.0, "at most", Status.TESTED), (-1.0, "at most", Status.REFUTED)])
def test_scaling_verdicts_follow_the_interval_never_proved(claimed, bound, status):
    exp = ScalingExperiment("power", _noisy_power(-0.5), (10, 40, 160, 640), claimed, seeds=6, bound=bound)
    v = exp.run(seed=0)
    assert v.status is status, v.explain()
    if status is Status.REFUTED:
        assert v.counterexample["claimed"] == str(claimed)


def test_scaling_inside_the_margin_is_unknown_not_refuted():
    exp = ScalingExperiment("power", _noisy_power(-0.5), (10, 40, 160, 640), -0.6, seeds=6, margin=0.3)
    assert exp.run(seed=0).status is Status.UNKNOWN


def test_comparison_families_solver_matches_closed_form():
    from verify.solvers.comparison import KernelFlow, ScalarComparison, rotation
    F = Fraction
    u = ScalarComparison(F(-1, 2), F(3, 2), F(2), F(1, 3), F(2))
    times = [0.0, 0.5, 1.0, 2.0]
    assert np.allclose(u.solve(times), [float(u.exact(F(t))[0]) for t in (0, F(1, 2), 1, 2)], rtol=1e-8)
    U = rotation(2, 1)
    assert np.allclose(np.array(U, dtype=float).dot(np.array(U, dtype=float).T), np.eye(2))
    z = KernelFlow(tuple(map(tuple, U)), (F(1, 2), F(2)), (F(1), F(0)), (F(3), F(1)), (F(1), F(-2)), (F(0), F(1)))
    solved = z.solve(times)
    for t, e in zip((0, F(1, 2), 1, 2), solved):
        assert np.allclose(e, [float(v) for v in z.exact(F(t))], rtol=1e-7, atol=1e-10)
    assert np.linalg.eigvalsh(z.Q(0.7))[0] >= float(z.lam) - 1e-12


def test_sweep_gives_every_width_of_a_seed_the_same_instance():
    from verify.solvers.scaling import sweep

    V = sweep(lambda m, rng: rng.standard_normal(), (10, 20, 40), seeds=3, seed=5)
    assert np.all(V == V[:, :1]) and len(set(V[:, 0])) == 3


def test_an_exact_power_law_is_inside_its_degenerate_interval():
    exp = ScalingExperiment("exact", lambda m, rng: 2.0 * m ** -0.5, (10, 100, 1000, 10000), -0.5, seeds=3)
    assert exp.run(seed=0).status is Status.TESTED


def test_blocked_kernel_equals_one_block():
    rng = np.random.default_rng(8)
    net = init_two_layer(rng, 1000, 4, "softplus")
    X = rng.standard_normal((6, 4))
    assert np.allclose(empirical_kernel(net, X, chunk=97), empirical_kernel(net, X, chunk=10_000), rtol=1e-12)


def test_kernel_with_general_output_weights_equals_jacobian_kernel():
    rng = np.random.default_rng(9)
    net = init_two_layer(rng, 9, 3, "tanh")
    net = type(net)(net.W, rng.standard_normal(9), net.sigma)     # a_r not in {-1, 1}
    X = rng.standard_normal((4, 3))
    assert np.allclose(empirical_kernel(net, X), jacobian_kernel(net, X), rtol=1e-12, atol=1e-12)


def test_a_sweep_carries_the_data_the_site_draws():
    from verify.report import plots

    exp = ScalingExperiment("exact_plot", lambda m, rng: 2.0 * m ** -0.5, (10, 100, 1000), -0.5, seeds=3)
    [plot] = plots(exp.run(seed=0))
    assert plot["kind"] == "sweep" and plot["x"] == [10.0, 100.0, 1000.0] and plot["claimed_slope"] == -0.5
    assert abs(plot["y"][2] - 2.0 * 1000 ** -0.5) < 1e-12
