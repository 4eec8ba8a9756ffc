"""The registered symbolic deciders, in order of cost.

Each decider takes a ``Problem`` and returns an ``Outcome`` (proved, or a candidate counterexample)
or ``None`` when it cannot decide; ``NotApplicable`` says the problem is outside its scope.
The kernel runs them under time limits and re-checks every candidate exactly.
"""
from __future__ import annotations

from typing import Callable

from .algebra import decide_evaluate, decide_identity, decide_sign
from .base import NotApplicable, Outcome
from .cases import decide_cases
from .entries import decide_entries
from .farkas import decide_farkas
from .smt import decide_z3

#: (name, decider, seconds allowed)
DECIDERS: list[tuple[str, Callable, float]] = [
    ("evaluate", decide_evaluate, 1.0),
    ("identity", decide_identity, 3.0),
    ("sign", decide_sign, 2.0),
    ("entries", decide_entries, 5.0),  # vector/matrix claims polynomial in the entries
    ("farkas", decide_farkas, 3.0),
    ("z3", decide_z3, 4.0),
    ("cases", decide_cases, 6.0),  # an integer symbol confined to at most 64 values: each instance
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


__all__ = ["DECIDERS", "register", "NotApplicable", "Outcome"]
