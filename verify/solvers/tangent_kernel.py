"""The tangent kernel of a two-layer network, empirical and at infinite width.

* ``empirical_kernel``: ``H_ij = <df(x_i)/dW, df(x_j)/dW> = (x_i^T x_j / m) sum_r a_r^2 sigma'(w_r^T x_i)
  sigma'(w_r^T x_j)``, i.e. ``(X X^T) o (S S^T) / m`` with ``S = sigma'(X W^T) diag(a)`` (``o`` entrywise):
  ``O(n^2 m)`` time and at most ``O(n m)`` memory (``S S^T`` is summed over blocks of neurons), never the
  ``n x (m d)`` Jacobian.
* ``jacobian_kernel``: ``J J^T`` from the Jacobian (the slow route, for cross-checks and the benchmark).
* ``relu_kernel``: the infinite-width ReLU kernel ``H*_ij = x_i^T x_j (pi - theta_ij) / (2 pi)``, with
  ``theta_ij`` the angle between ``x_i`` and ``x_j`` (for unit vectors ``theta = arccos(x_i^T x_j)``): the
  arc-cosine kernel of degree 0, ``E_w[1{w^T x_i >= 0} 1{w^T x_j >= 0}] = (pi - theta)/(2 pi)``.
* ``smooth_kernel``: ``H*_ij = x_i^T x_j E[sigma'(u) sigma'(v)]`` with ``(u, v)`` centred Gaussian of
  covariance ``[[|x_i|^2, x_i^T x_j], [x_i^T x_j, |x_j|^2]]``, by the trapezoid rule.
* ``orthant_probability_exact``: ``P(U >= 0, V >= 0)`` for a standard bivariate normal of correlation
  ``c``, by 50-digit quadrature (an independent check of the arc-cosine formula).
"""
from __future__ import annotations

from typing import Any

import mpmath
import numpy as np
from scipy.linalg.blas import dsyrk, ssyrk

from .networks import Activation, TwoLayer, activation
from .precision import DIGITS, mpf


def empirical_kernel(net: TwoLayer, X: np.ndarray, chunk: int = 4096) -> np.ndarray:
    """``H = (X X^T) o (S S^T) / m`` with ``S = sigma'(X W^T) diag(a)`` (see the module docstring),
    accumulated over blocks of ``chunk`` neurons by BLAS ``syrk`` (one triangle, half a general product):
    ``O(n^2 m)`` time, ``O(n chunk + n^2)`` extra memory."""
    X = np.asarray(X, dtype=float)
    SS = np.zeros((X.shape[0], X.shape[0]))
    unit_signs = bool(np.all(np.abs(net.a) == 1))             # a_r^2 = 1: the signs drop out of S S^T
    counts = unit_signs and net.sigma.name == "relu" and chunk < 2 ** 24   # S is 0/1: S S^T counts
    for start in range(0, net.m, chunk):
        W, a = net.W[start:start + chunk], net.a[start:start + chunk]
        ST = net.sigma.d1(W.dot(X.T))                         # (chunk x n), i.e. S^T in C order
        if counts:   # integers below 2^24 are exact in float32, so single precision loses nothing here
            SS += ssyrk(1.0, ST.astype(np.float32), trans=1)
        else:
            SS += dsyrk(1.0, ST if unit_signs else ST * np.abs(a)[:, None], trans=1)
    SS = np.triu(SS) + np.triu(SS, 1).T                       # syrk fills the upper triangle
    return X.dot(X.T) * SS / net.m


def jacobian_kernel(net: TwoLayer, X: np.ndarray) -> np.ndarray:
    """``J J^T`` with the ``n x (m d)`` Jacobian built explicitly."""
    J = net.jacobian(X)
    return J.dot(J.T)


def _cosines(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    G = X.dot(X.T)
    norms = np.sqrt(np.diag(G))
    if np.any(norms == 0):
        raise ValueError("infinite-width kernel: the inputs must be non-zero")
    return G, np.clip(G / np.outer(norms, norms), -1.0, 1.0)


def relu_kernel(X: np.ndarray) -> np.ndarray:
    """``H*_ij = x_i^T x_j (pi - theta_ij)/(2 pi)``: the infinite-width kernel of the ReLU network."""
    G, c = _cosines(np.asarray(X, dtype=float))
    return G * (np.pi - np.arccos(c)) / (2 * np.pi)


def smooth_kernel(X: np.ndarray, sigma: str | Activation, step: float = 0.04) -> np.ndarray:
    """``H*_ij = x_i^T x_j E[sigma'(u) sigma'(v)]`` by the trapezoid rule on ``[-9, 9]^2`` in the standard
    normal coordinates (spacing ``step``): for analytic integrands with Gaussian weight it converges
    exponentially, where Gauss-Hermite converges slowly once ``sigma'`` has poles near the real axis."""
    sig = activation(sigma) if isinstance(sigma, str) else sigma
    X = np.asarray(X, dtype=float)
    G, c = _cosines(X)
    norms = np.sqrt(np.diag(G))
    g = np.arange(-9.0, 9.0 + step / 2, step)
    wts = step * np.exp(-g * g / 2) / np.sqrt(2 * np.pi)
    n = X.shape[0]
    out = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            u = norms[i] * g[:, None]
            v = norms[j] * (c[i, j] * g[:, None] + np.sqrt(max(1 - c[i, j] ** 2, 0.0)) * g[None, :])
            e = np.einsum("a,b,ab->", wts, wts, sig.d1(u) * sig.d1(v))
            out[i, j] = G[i, j] * e
    return out


def indicator_probability(c: Any) -> Any:
    """``(pi - arccos c)/(2 pi)``: ``P(w^T x_i >= 0, w^T x_j >= 0)`` for unit vectors with ``x_i^T x_j = c``."""
    return (np.pi - np.arccos(c)) / (2 * np.pi)


def orthant_probability_exact(c: Any, digits: int = DIGITS) -> mpmath.mpf:
    """``P(U >= 0, V >= 0)`` for standard normals of correlation ``c`` (``|c| < 1``):
    ``int_0^inf phi(u) Phi(c u / sqrt(1 - c^2)) du``, by mpmath quadrature at ``digits`` digits."""
    with mpmath.workdps(digits + 10):
        cc = mpf(c)
        if not -1 < cc < 1:
            raise ValueError("orthant_probability_exact: need |c| < 1")
        s = cc / mpmath.sqrt(1 - cc * cc)
        phi = lambda u: mpmath.exp(-u * u / 2) / mpmath.sqrt(2 * mpmath.pi)
        Phi = lambda z: mpmath.erfc(-z / mpmath.sqrt(2)) / 2
        return mpmath.quad(lambda u: phi(u) * Phi(s * u), [0, 1, 4, mpmath.inf])


def min_eigenvalue(H: np.ndarray) -> float:
    """``lambda_min`` of the symmetric part of ``H``."""
    return float(np.linalg.eigvalsh((H + H.T) / 2)[0])


__all__ = ["empirical_kernel", "jacobian_kernel", "relu_kernel", "smooth_kernel", "indicator_probability",
           "orthant_probability_exact", "min_eigenvalue"]
