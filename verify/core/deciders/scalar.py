"""The scalar deciders in order of cost, with the seconds each may take: the part of the registry that
the deciders reducing a problem to scalar ones (exhaustion, entries) run on what they reduce to."""
from __future__ import annotations

from typing import Callable

from .algebra import decide_evaluate, decide_identity, decide_sign
from .farkas import decide_farkas
from .monotone import decide_monotone
from .smt import decide_z3

#: (name, decider, seconds allowed)
SCALAR_DECIDERS: list[tuple[str, Callable, float]] = [
    ("evaluate", decide_evaluate, 1.0),
    ("identity", decide_identity, 3.0),
    ("sign", decide_sign, 2.0),
    ("monotone", decide_monotone, 1.0),
    ("farkas", decide_farkas, 3.0),
    ("z3", decide_z3, 4.0),
]

__all__ = ["SCALAR_DECIDERS"]
