"""``check``: the trusted core (``verify.core``) decides; the adversary (``verify.attack``) and the SOS
search (``verify.certificates``) propose.

The core never imports either: it receives the searches as functions, re-checks every point the
adversary reports (``verify.core.counterexamples``) before it counts, and checks every proposed
certificate exactly (``verify.core.certificates``).
"""
from __future__ import annotations

from typing import Any

from .attack import attack
from .attack.simplify import simplify
from .certificates import propose
from .core.checker import check as core_check
from .core.verdicts import Verdict


def check(claim: Any, *, seconds: float | None = None, seed: int | None = None) -> Verdict:
    """Check a ``Claim`` or ``Derivation``: symbolic deciders, SOS certificates, numeric attack, exact re-check."""
    return core_check(claim, seconds=seconds, seed=seed, adversary=attack, simplifier=simplify, certifier=propose)


__all__ = ["check"]
