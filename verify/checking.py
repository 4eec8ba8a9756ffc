"""``check``: the trusted core (``verify.core``) decides; the adversary (``verify.attack``) proposes.

The core never imports the adversary: it receives the search as a function and re-checks every point
the search reports (``verify.core.counterexamples``) before it counts.
"""
from __future__ import annotations

from typing import Any

from .attack import attack
from .attack.simplify import simplify
from .core.checker import check as core_check
from .core.verdicts import Verdict


def check(claim: Any, *, seconds: float | None = None, seed: int | None = None) -> Verdict:
    """Check a ``Claim`` or ``Derivation``: symbolic deciders, numeric attack, exact re-check."""
    return core_check(claim, seconds=seconds, seed=seed, adversary=attack, simplifier=simplify)


__all__ = ["check"]
