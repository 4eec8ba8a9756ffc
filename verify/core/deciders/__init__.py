"""The registered symbolic deciders, in order of cost.

Each decider takes a ``Problem`` and returns an ``Outcome`` (proved, or a candidate counterexample)
or ``None`` when it cannot decide; ``NotApplicable`` says the problem is outside its scope.
The kernel runs them under time limits and re-checks every candidate exactly.
"""
from __future__ import annotations

from typing import Callable

from .base import NOT_APPLICABLE, NotApplicable, Outcome, attempt
from .cases import decide_cases, decide_minmax
from .entries import decide_entries
from .scalar import SCALAR_DECIDERS
from .spectral import decide_spectral

#: (name, decider, seconds allowed): the scalar ones, with the vector/matrix claims polynomial in the
#: entries after the cheap three, the cited matrix facts (spectral) after z3, and exhaustion (an integer symbol with at most 64 values) last
DECIDERS: list[tuple[str, Callable, float]] = [
    *SCALAR_DECIDERS[:3],
    ("entries", decide_entries, 5.0),
    *SCALAR_DECIDERS[3:],
    ("spectral", decide_spectral, 6.0),
    ("cases", decide_cases, 6.0),
    ("minmax", decide_minmax, 10.0),
]


def register(name: str, decider: Callable, seconds: float, *, before: str | None = None) -> None:
    """Add a decider (e.g. for matrix claims) to the registry, optionally before another one."""
    entry = (name, decider, seconds)
    names = [n for n, _, _ in DECIDERS]
    if name in names:
        DECIDERS[names.index(name)] = entry
    elif before in names:
        DECIDERS.insert(names.index(before), entry)
    else:
        DECIDERS.append(entry)


__all__ = ["DECIDERS", "register", "NotApplicable", "NOT_APPLICABLE", "Outcome", "attempt"]
