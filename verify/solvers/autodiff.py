"""Tangent kernels by automatic differentiation (jax on the CPU; an optional dependency, ``pip install
"jax[cpu]"``: about 380 MB, a minute to install here).

* ``deep_network``: 004's L-layer network with a linear output layer, ``d^(l) = sigma(W^(l) d^(l-1)/sqrt(m_{l-1}))``,
  ``f(x) = v^T d^(L)/sqrt(m_L)``, all hidden layers trained (parameters as a list of arrays).
* ``autodiff_kernel``: the empirical tangent kernel ``J J^T`` of any such function, ``J`` the Jacobian of the
  outputs with respect to every parameter, by ``jax.jacrev``.
* ``two_layer_autodiff_kernel``: the same for ``verify``'s ``TwoLayer`` (first layer trained, signs fixed), to
  cross-check the closed form ``tangent_kernel.empirical_kernel``.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from .networks import TwoLayer


def _jax() -> Any:
    try:
        import jax
    except ImportError as exc:  # an optional extra: say how to get it
        raise ImportError('verify.solvers.autodiff needs jax: pip install "jax[cpu]"') from exc
    jax.config.update("jax_enable_x64", True)
    return jax


_ACTIVATIONS = {"tanh": lambda jnp: jnp.tanh, "relu": lambda jnp: (lambda z: jnp.maximum(z, 0.0)),
                "softplus": lambda jnp: (lambda z: jnp.logaddexp(0.0, z))}


def deep_network(rng: np.random.Generator, d: int, widths: Sequence[int], sigma: str = "tanh"
                 ) -> tuple[list[np.ndarray], Callable[[list, np.ndarray], Any]]:
    """``(params, f)``: Gaussian initial weights ``W^(l)`` (``widths`` hidden layers) and output weights ``v``,
    and ``f(params, X)`` the outputs of 004's network with a linear output layer on the rows of ``X``."""
    if sigma not in _ACTIVATIONS:
        raise ValueError(f"deep_network: unknown activation {sigma!r}; choose one of {sorted(_ACTIVATIONS)}")
    if not widths or any(int(m) < 1 for m in widths):
        raise ValueError(f"deep_network: widths must be positive integers, got {list(widths)}")
    jax = _jax()
    jnp = jax.numpy
    act = _ACTIVATIONS[sigma](jnp)
    sizes = [d, *map(int, widths)]
    params = [rng.standard_normal((sizes[i + 1], sizes[i])) for i in range(len(widths))]
    params.append(rng.standard_normal(sizes[-1]))

    def f(ps: list, X: np.ndarray) -> Any:
        h = jnp.asarray(X).T
        for W, fan_in in zip(ps[:-1], sizes[:-1]):
            h = act(W @ h / jnp.sqrt(fan_in))
        return ps[-1] @ h / jnp.sqrt(sizes[-1])

    return params, f


def autodiff_kernel(f: Callable[[list, np.ndarray], Any], params: list, X: np.ndarray,
                    trained: Sequence[int] | None = None) -> np.ndarray:
    """``J J^T`` with ``J = d f(params, X)/d params`` (the parameters listed in ``trained``, default all)."""
    jax = _jax()
    trained = list(range(len(params))) if trained is None else list(trained)

    def outputs(sub: list) -> Any:
        full = list(params)
        for i, p in zip(trained, sub):
            full[i] = p
        return f(full, X)

    blocks = jax.jacrev(outputs)([jax.numpy.asarray(params[i]) for i in trained])
    J = np.concatenate([np.asarray(b).reshape(len(X), -1) for b in blocks], axis=1)
    return J @ J.T


def two_layer_autodiff_kernel(net: TwoLayer, X: np.ndarray) -> np.ndarray:
    """The tangent kernel of ``net`` (its first layer trained) by jax, for cross-checks of the closed form."""
    jax = _jax()
    jnp = jax.numpy
    act = _ACTIVATIONS[net.sigma.name](jnp)
    a = jnp.asarray(net.a)

    def f(ps: list, X_: np.ndarray) -> Any:
        return act(jnp.asarray(X_) @ ps[0].T) @ a / jnp.sqrt(net.m)

    return autodiff_kernel(f, [net.W], np.asarray(X, dtype=float))


__all__ = ["deep_network", "autodiff_kernel", "two_layer_autodiff_kernel"]
