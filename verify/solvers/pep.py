"""Tightness of one gradient step under L-smoothness and PL, by performance estimation (optional).

The quantity is the worst one-step ratio of GD with step ``gamma``,

    tau(L, mu, gamma) = sup (f(x_1) - f*) / (f(x_0) - f*),   x_1 = x_0 - gamma grad f(x_0),

over L-smooth (not necessarily convex) f satisfying PL, ``2 mu (f(x) - f*) <= ||grad f(x)||^2``.

* ``pep_upper``: PEPit's ``SmoothFunction`` imposes the exact interpolation conditions of L-smooth
  functions on the points ``{x_0, x_1, x*}`` (``grad f(x*) = 0``); PL is added at ``x_0`` and ``x_1`` with
  ``problem.add_constraint``. Every such f gives a feasible point, so the SDP value is an upper bound on
  tau, up to the solver's accuracy (Clarabel, about 1e-9). ``verify.solvers.pep_certificate`` turns the
  same PEP's duals into rationals and has the kernel check the resulting certificate exactly.
* ``instance_lower``: ratios of explicit members of the class give lower bounds: quadratics
  ``(lambda/2) x^2`` with ``lambda`` in ``[mu, L]`` (ratio ``(1 - gamma lambda)^2``), and, when ``(L, mu)``
  are those of ``x^2 + 3 sin^2 x`` (``L = 8``), the worst grid ratio of that function.
* ``bracket``: both, next to the notes' rate ``1 - mu/L`` (for ``gamma = 1/L``).

PEPit is an optional extra (``pip install nonconvex-verify[pep]``); ``available()`` says whether it is
installed and the functions raise ``ImportError`` with that advice otherwise.
"""
from __future__ import annotations

import importlib.util

import numpy as np

from .scalar_pl import certified_pl_constant, f as pl_f, grad as pl_grad


def available() -> bool:
    """True when PEPit (and a solver through cvxpy) can be imported."""
    return importlib.util.find_spec("PEPit") is not None and importlib.util.find_spec("cvxpy") is not None


def pep_upper(L: float, mu: float, gamma: float, solver: str = "CLARABEL") -> float:
    """The PEP value for one GD step (see the module docstring): an upper bound on tau."""
    if not available():
        raise ImportError("pep_upper needs PEPit: pip install 'nonconvex-verify[pep]'")
    if not (0 < mu <= L and gamma > 0):
        raise ValueError(f"pep_upper: need 0 < mu <= L and gamma > 0, got L={L}, mu={mu}, gamma={gamma}")
    import cvxpy as cp
    from PEPit import PEP
    from PEPit.functions import SmoothFunction

    problem = PEP()
    func = problem.declare_function(SmoothFunction, L=L)
    xs = func.stationary_point()
    fs = func(xs)
    x0 = problem.set_initial_point()
    g0, f0 = func.oracle(x0)
    x1 = x0 - gamma * g0
    g1, f1 = func.oracle(x1)
    problem.add_constraint(2 * mu * (f0 - fs) <= g0 ** 2)
    problem.add_constraint(2 * mu * (f1 - fs) <= g1 ** 2)
    problem.set_initial_condition(f0 - fs == 1)
    problem.set_performance_metric(f1 - fs)
    return float(problem.solve(wrapper="cvxpy", solver=getattr(cp, solver), verbose=0))


def instance_lower(L: float, mu: float, gamma: float) -> float:
    """The largest one-step ratio found on explicit members of the class (a valid lower bound on tau)."""
    lams = np.linspace(mu, L, 2001)
    best = float(np.max((1 - gamma * lams) ** 2))
    if L == 8.0 and mu <= certified_pl_constant()[0]:
        xs = np.linspace(1e-3, 30, 300001)
        best = max(best, float(np.max(pl_f(xs - gamma * pl_grad(xs)) / pl_f(xs))))
    return best


def bracket(L: float, mu: float, gamma: float | None = None) -> dict[str, float]:
    """``lower <= tau <= upper`` for one GD step, with the notes' rate ``1 - mu gamma`` beside it."""
    gamma = 1 / L if gamma is None else gamma
    out = {"L": L, "mu": mu, "gamma": gamma, "lower": instance_lower(L, mu, gamma), "notes": 1 - mu * gamma}
    out["upper"] = pep_upper(L, mu, gamma) if available() else float("nan")
    return out


__all__ = ["available", "pep_upper", "instance_lower", "bracket"]
