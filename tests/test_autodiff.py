"""The optional jax route to tangent kernels agrees with the closed form on two-layer networks and gives a
positive semi-definite kernel for deeper ones (skipped without jax)."""
from __future__ import annotations

import numpy as np
import pytest

jax = pytest.importorskip("jax")

from verify.solvers.autodiff import autodiff_kernel, deep_network, two_layer_autodiff_kernel  # noqa: E402
from verify.solvers.networks import init_two_layer  # noqa: E402
from verify.solvers.tangent_kernel import empirical_kernel, jacobian_kernel  # noqa: E402


@pytest.mark.parametrize("sigma", ["tanh", "softplus", "relu"])
def test_two_layer_closed_form_matches_autodiff(sigma):
    rng = np.random.default_rng(0)
    net = init_two_layer(rng, 64, 3, sigma)
    X = rng.standard_normal((5, 3))
    closed = empirical_kernel(net, X)
    assert np.allclose(closed, two_layer_autodiff_kernel(net, X), rtol=1e-10, atol=1e-12)
    assert np.allclose(closed, jacobian_kernel(net, X), rtol=1e-10, atol=1e-12)


def test_a_wrong_kernel_is_told_apart():
    rng = np.random.default_rng(1)
    net = init_two_layer(rng, 32, 3, "tanh")
    X = rng.standard_normal((4, 3))
    assert not np.allclose(2 * empirical_kernel(net, X), two_layer_autodiff_kernel(net, X), rtol=1e-6)


def test_deep_network_kernel_is_psd_and_symmetric():
    rng = np.random.default_rng(2)
    params, f = deep_network(rng, 3, [16, 16], "tanh")
    X = rng.standard_normal((6, 3))
    K = autodiff_kernel(f, params, X)
    assert K.shape == (6, 6) and np.allclose(K, K.T)
    assert np.linalg.eigvalsh(K).min() > -1e-10
    with pytest.raises(ValueError):
        deep_network(rng, 3, [0], "tanh")
