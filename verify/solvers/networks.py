"""Two-layer networks ``f(x) = (1/sqrt(m)) sum_r a_r sigma(w_r^T x)`` as in 000, 002 and 004: the output
signs ``a_r`` in {-1, 1} are fixed, the first layer ``W`` (rows ``w_r``) is trained.

* ``ACTIVATIONS``: ``relu`` (``sigma' = 1{z >= 0}``, as 002 writes it), ``tanh`` and ``softplus`` (smooth),
  each with its first and second derivative.
* ``TwoLayer``: outputs, the Jacobian ``df(x_i)/dW`` (``n x (m d)``, for small sizes and cross-checks),
  the gradient of the loss ``(c/2)||u - y||^2`` and its gradient flow (``verify.solvers.flow``).
* ``output_hessian_norm``: ``||H_{F_i}(W)||_2``; ``H_{F_i}`` is block diagonal with blocks
  ``(1/sqrt(m)) a_r sigma''(w_r^T x_i) x_i x_i^T``, so its norm is ``max_r |sigma''(w_r^T x_i)| ||x_i||^2 / sqrt(m)``
  (004, slide 15, for scalar ``x``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from .flow import gradient_flow


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


@dataclass(frozen=True)
class Activation:
    """``sigma`` with ``sigma'`` and ``sigma''`` (``sigma''`` of ReLU is 0 away from the kink)."""

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    d1: Callable[[np.ndarray], np.ndarray]
    d2: Callable[[np.ndarray], np.ndarray]
    smooth: bool


ACTIVATIONS = {
    "relu": Activation("relu", lambda z: np.maximum(z, 0.0), lambda z: (z >= 0).astype(float),
                       lambda z: np.zeros_like(z, dtype=float), False),
    "tanh": Activation("tanh", np.tanh, lambda z: 1.0 - np.tanh(z) ** 2,
                       lambda z: -2.0 * np.tanh(z) * (1.0 - np.tanh(z) ** 2), True),
    "softplus": Activation("softplus", lambda z: np.logaddexp(0.0, z), _sigmoid,
                           lambda z: _sigmoid(z) * (1.0 - _sigmoid(z)), True),
}


def activation(name: str) -> Activation:
    """The activation called ``name`` (one of ``ACTIVATIONS``)."""
    if name not in ACTIVATIONS:
        raise ValueError(f"activation: unknown {name!r}; choose one of {sorted(ACTIVATIONS)}")
    return ACTIVATIONS[name]


@dataclass
class TwoLayer:
    """``f(x) = (1/sqrt(m)) sum_r a_r sigma(w_r^T x)`` with ``W`` of shape ``(m, d)`` and fixed signs ``a``."""

    W: np.ndarray
    a: np.ndarray
    sigma: Activation

    @property
    def m(self) -> int:
        return self.W.shape[0]

    @property
    def d(self) -> int:
        return self.W.shape[1]

    def with_weights(self, W: np.ndarray) -> "TwoLayer":
        """The same network with first layer ``W`` (flat or ``(m, d)``)."""
        return TwoLayer(np.asarray(W, dtype=float).reshape(self.m, self.d), self.a, self.sigma)

    def preactivations(self, X: np.ndarray) -> np.ndarray:
        """``Z[i, r] = w_r^T x_i`` (``n x m``)."""
        return np.asarray(X, dtype=float).dot(self.W.T)

    def outputs(self, X: np.ndarray) -> np.ndarray:
        """``u_i = f(x_i)``."""
        return self.sigma.f(self.preactivations(X)).dot(self.a) / np.sqrt(self.m)

    def jacobian(self, X: np.ndarray) -> np.ndarray:
        """``J[i, r*d + k] = df(x_i)/dW[r, k] = a_r sigma'(w_r^T x_i) x_ik / sqrt(m)`` (``n x (m d)``)."""
        X = np.asarray(X, dtype=float)
        S = self.sigma.d1(self.preactivations(X)) * self.a / np.sqrt(self.m)
        return (S[:, :, None] * X[:, None, :]).reshape(X.shape[0], self.m * self.d)

    def loss_gradient(self, X: np.ndarray, y: np.ndarray, scale: float = 1.0) -> np.ndarray:
        """``dL/dW`` (``m x d``) of ``L(W) = (scale/2) ||u - y||^2``, without forming the Jacobian."""
        X = np.asarray(X, dtype=float)
        res = scale * (self.outputs(X) - np.asarray(y, dtype=float))
        S = self.sigma.d1(self.preactivations(X)) * self.a / np.sqrt(self.m)
        return S.T.dot(res[:, None] * X)

    def flow(self, X: np.ndarray, y: np.ndarray, times: Sequence[float], scale: float = 1.0,
             method: str = "RK45", **kw: Any) -> list["TwoLayer"]:
        """The networks along the gradient flow of ``(scale/2)||u - y||^2`` at ``times`` (ReLU's
        right-hand side is discontinuous, so an explicit adaptive method is the default)."""
        grad = lambda w: self.with_weights(w).loss_gradient(X, y, scale).ravel()
        states = gradient_flow(grad, self.W.ravel(), times, method=method, **kw)
        return [self.with_weights(w) for w in states]


def init_two_layer(rng: np.random.Generator, m: int, d: int, sigma: str = "relu") -> TwoLayer:
    """``w_r ~ N(0, I_d)`` and ``a_r`` uniform in {-1, 1}, as in 002 and 004."""
    if m < 1 or d < 1:
        raise ValueError(f"init_two_layer: need m, d >= 1, got m={m}, d={d}")
    return TwoLayer(rng.standard_normal((m, d)), rng.choice([-1.0, 1.0], size=m), activation(sigma))


def output_hessian_norm(net: TwoLayer, x: np.ndarray) -> float:
    """``||d^2 f(x)/dW^2||_2 = max_r |sigma''(w_r^T x)| ||x||^2 / sqrt(m)`` (block diagonal Hessian)."""
    x = np.asarray(x, dtype=float)
    z = net.W.dot(x)
    return float(np.max(np.abs(net.sigma.d2(z))) * x.dot(x) / np.sqrt(net.m))


def output_hessian(net: TwoLayer, x: np.ndarray) -> np.ndarray:
    """The full ``(m d) x (m d)`` Hessian of ``f(x)`` in ``W`` (small sizes; cross-checks the norm)."""
    x = np.asarray(x, dtype=float)
    coef = net.a * net.sigma.d2(net.W.dot(x)) / np.sqrt(net.m)
    blocks = [c * np.outer(x, x) for c in coef]
    out = np.zeros((net.m * net.d, net.m * net.d))
    for r, b in enumerate(blocks):
        out[r * net.d:(r + 1) * net.d, r * net.d:(r + 1) * net.d] = b
    return out


def sign_changes(before: TwoLayer, after: TwoLayer, X: np.ndarray) -> np.ndarray:
    """Per input ``x_i``: the fraction of neurons ``r`` whose sign of ``w_r^T x_i`` changed (002)."""
    return np.mean(np.sign(before.preactivations(X)) != np.sign(after.preactivations(X)), axis=1)


__all__ = ["Activation", "ACTIVATIONS", "activation", "TwoLayer", "init_two_layer", "output_hessian_norm",
           "output_hessian", "sign_changes"]
