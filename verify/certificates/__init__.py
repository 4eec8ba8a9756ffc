"""Certificate searches outside the trusted core: they propose, ``verify.core.certificates`` checks.

``sos.propose`` searches a sum-of-squares certificate by an SDP (cvxpy); ``rounding`` turns the solver's
floats into an exact candidate; ``rational`` holds the exact helpers (shared with
``verify.solvers.pep_certificate``).
"""
from .sos import propose

__all__ = ["propose"]
