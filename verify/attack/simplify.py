"""A simpler counterexample than the one found (the kernel's ``Context.simplifier``).

``simplify(problem, point)`` proposes, for a scalar problem, the simplest point of the fixed grid
(:func:`verify.attack.shrinking.simplest`: the same whatever the seed or the point found), else
``point`` with its coordinates simplified one at a time (:func:`verify.attack.scalar.shrink`); for a
vector/matrix problem, the simplest sparse point at the same dimensions
(:func:`verify.attack.matrix_simplify.simplest_sparse`).
It only proposes: the core re-checks the point exactly before it replaces the one found.
"""
from __future__ import annotations

import time
from typing import Any

import numpy as np

from ..core.grounding import index_symbols
from ..core.limits import TimeLimitExceeded, time_limit
from . import matrix
from .matrix_simplify import simplest_sparse
from .scalar import ScalarModel, _check_candidate, shrink
from .shrinking import simplest

#: how long one candidate's exact re-check may take (seconds)
CANDIDATE_SECONDS = 0.25


def simplify(problem: Any, point: dict[str, Any], *, seconds: float = 1.5) -> dict[str, Any] | None:
    """A simpler counterexample to ``problem`` than ``point`` (names to exact values), or ``None``."""
    if index_symbols(problem) or getattr(problem, "schemas", None):
        return None
    if matrix.handles(problem):
        try:
            with time_limit(seconds + 1.0):
                return simplest_sparse(problem, point, seconds)
        except TimeLimitExceeded:
            return None
    deadline = time.monotonic() + seconds
    try:
        with time_limit(seconds + 1.0):
            model = ScalarModel(list(problem.hyps), problem.goal, np.random.default_rng(0))
            grid = simplest(model, _check_candidate, deadline, candidate_seconds=CANDIDATE_SECONDS)
            if grid is not None:
                start, found = grid
            else:
                by_name = {str(model.atom_names.get(v, v)): v for v in model.variables}
                if set(by_name) != set(point):
                    return None
                start = {by_name[name]: value for name, value in point.items()}
                found = _check_candidate(model, start)
                if not found or found[0] != "cx":
                    return None
            simpler, _ = shrink(model, start, found, deadline)
            return model.back(simpler)
    except TimeLimitExceeded:
        return None


__all__ = ["simplify"]
