"""Certificate searches outside the trusted core: they propose, ``verify.core.certificates`` checks.

``propose`` is the kernel's certifier: a ``PolynomialProblem`` goes to ``sos.propose_constant`` (an SDP
through cvxpy, constant multipliers), a ``ParametricProblem`` (asked for when that fails and the claim
has parameters) to ``parametric.propose_parametric`` (multipliers rational in the parameters, checked by
``verify.core.parametric``); ``rounding`` turns the solver's floats into an exact candidate; ``rational``
holds the exact helpers (shared with ``verify.solvers.pep_certificate``).
"""
from __future__ import annotations

from ..core.certificates import PolynomialProblem, Proposal
from ..core.parametric import ParametricProblem
from .parametric import propose_parametric
from .sos import SOLVER, propose_constant


def propose(problem: PolynomialProblem | ParametricProblem, seconds: float, solver: str = SOLVER) -> Proposal:
    """A certificate for ``problem`` within ``seconds``: constant or parametric by the problem's kind."""
    if isinstance(problem, ParametricProblem):
        return propose_parametric(problem, seconds, solver)
    return propose_constant(problem, seconds, solver)


__all__ = ["propose", "propose_constant", "propose_parametric"]
