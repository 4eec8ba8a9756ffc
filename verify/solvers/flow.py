"""Gradient flow ``w'(t) = -grad L(w(t))``: a stiff-capable ODE solve, the closed form for linear models,
and GD as its explicit-Euler discretisation.

* ``gradient_flow``: ``solve_ivp`` (LSODA by default: it switches to an implicit BDF method when the problem
  is stiff; ``rtol = 1e-10``, ``atol = 1e-12``) at given times.
* Linear models ``L(w) = (1/2)||X w - y||^2``: the residual ``r = X w - y`` obeys ``r' = -K r`` with the
  tangent kernel ``K = X X^T``, so ``r(t) = exp(-K t) r(0)`` (``residual_closed_form``), and
  ``w(t) = w(0) - X^T (int_0^t exp(-K s) ds) r(0)`` (``linear_flow_closed_form``; the integral is the top-right
  block of ``exp([[-K, I], [0, 0]] t)``, so a singular ``K`` needs no inverse).
* ``*_exact`` twins compute the same closed forms with mpmath at 50 digits, for exact re-checks.
* ``gd_steps``: ``w_{k+1} = w_k - eta grad L(w_k)``, the discretisation whose limit ``eta -> 0`` is the flow.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import mpmath
import numpy as np
import scipy.linalg
from scipy.integrate import solve_ivp

from .precision import DIGITS, to_mpf

RTOL, ATOL = 1e-10, 1e-12


def gradient_flow(grad: Callable[[np.ndarray], np.ndarray], w0: Any, times: Sequence[float],
                  method: str = "LSODA", rtol: float = RTOL, atol: float = ATOL,
                  jac: Callable[[np.ndarray], np.ndarray] | None = None) -> np.ndarray:
    """``w(t)`` for ``t`` in ``times`` (row per time) solving ``w' = -grad(w)``, ``w(0) = w0``."""
    times = np.asarray(times, dtype=float)
    if times.ndim != 1 or times.size == 0 or times[0] < 0 or np.any(np.diff(times) < 0):
        raise ValueError("gradient_flow: times must be a non-empty non-decreasing sequence of t >= 0")
    w0 = np.asarray(w0, dtype=float).ravel()
    kwargs = {"jac": (lambda t, w: -jac(w))} if jac is not None else {}
    sol = solve_ivp(lambda t, w: -grad(w), (0.0, float(times[-1])), w0, method=method, t_eval=times,
                    rtol=rtol, atol=atol, **kwargs)
    if not sol.success:
        raise RuntimeError(f"gradient_flow: solve_ivp failed: {sol.message}")
    return sol.y.T


def residual_closed_form(K: Any, r0: Any, t: float) -> np.ndarray:
    """``exp(-K t) r0``: the residual of the linear model's flow at time ``t``."""
    return scipy.linalg.expm(-np.asarray(K, dtype=float) * t).dot(np.asarray(r0, dtype=float))


def _exp_integral(K: np.ndarray, t: float) -> np.ndarray:
    """``int_0^t exp(-K s) ds`` as the top-right block of ``exp([[-K, I], [0, 0]] t)``."""
    n = K.shape[0]
    big = np.zeros((2 * n, 2 * n))
    big[:n, :n], big[:n, n:] = -K * t, np.eye(n) * t
    return scipy.linalg.expm(big)[:n, n:]


def linear_flow_closed_form(X: Any, y: Any, w0: Any, t: float) -> np.ndarray:
    """``w(t)`` of the flow on ``(1/2)||X w - y||^2``: ``w0 - X^T (int_0^t exp(-X X^T s) ds)(X w0 - y)``."""
    X, y, w0 = (np.asarray(a, dtype=float) for a in (X, y, w0))
    return w0 - X.T.dot(_exp_integral(X.dot(X.T), t).dot(X.dot(w0) - y))


def linear_flow(X: Any, y: Any, w0: Any, times: Sequence[float], **kw: Any) -> np.ndarray:
    """The same flow by ``gradient_flow`` (with its exact Jacobian ``X^T X``)."""
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    H = X.T.dot(X)
    return gradient_flow(lambda w: X.T.dot(X.dot(w) - y), w0, times, jac=lambda w: H, **kw)


def _mp_matrix(a: Any) -> mpmath.matrix:
    a = to_mpf(np.atleast_2d(np.asarray(a, dtype=object)))
    return mpmath.matrix(a.tolist())


def residual_closed_form_exact(K: Any, r0: Any, t: Any, digits: int = DIGITS) -> list:
    """``exp(-K t) r0`` at ``digits`` digits (mpmath's ``expm``); entries as mpf. ``K, r0, t`` exact."""
    with mpmath.workdps(digits):
        Km, r = _mp_matrix(K), _mp_matrix(np.asarray(r0, dtype=object).reshape(-1, 1))
        tt = to_mpf(np.asarray([t], dtype=object))[0]
        out = mpmath.expm(-Km * tt) * r
        return [out[i, 0] for i in range(out.rows)]


def linear_flow_closed_form_exact(X: Any, y: Any, w0: Any, t: Any, digits: int = DIGITS) -> list:
    """``w(t)`` of ``linear_flow_closed_form`` at ``digits`` digits; entries as mpf."""
    with mpmath.workdps(digits):
        Xm = _mp_matrix(X)
        n = Xm.rows
        tt = to_mpf(np.asarray([t], dtype=object))[0]
        big = mpmath.zeros(2 * n, 2 * n)
        K = Xm * Xm.T
        for i in range(n):
            big[i, n + i] = tt
            for j in range(n):
                big[i, j] = -K[i, j] * tt
        E = mpmath.expm(big)
        integral = mpmath.matrix([[E[i, n + j] for j in range(n)] for i in range(n)])
        w = _mp_matrix(np.asarray(w0, dtype=object).reshape(-1, 1))
        r = Xm * w - _mp_matrix(np.asarray(y, dtype=object).reshape(-1, 1))
        out = w - Xm.T * (integral * r)
        return [out[i, 0] for i in range(out.rows)]


def gd_steps(grad: Callable[[np.ndarray], np.ndarray], w0: Any, eta: float, k: int) -> np.ndarray:
    """``k`` GD steps of size ``eta`` (rows ``w_0..w_k``): explicit Euler on the flow, ``w_j ~ w(j eta)``."""
    ws = [np.asarray(w0, dtype=float).ravel()]
    for _ in range(k):
        ws.append(ws[-1] - eta * grad(ws[-1]))
    return np.array(ws)


__all__ = ["gradient_flow", "residual_closed_form", "linear_flow_closed_form", "linear_flow",
           "residual_closed_form_exact", "linear_flow_closed_form_exact", "gd_steps", "RTOL", "ATOL"]
