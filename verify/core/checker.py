"""The core's entry point: ``check`` a claim or a derivation, and ``check_in`` an existing context.

It sits above the kernel (claims) and the chain code (derivations) and hands ``check_in`` to the
context, so that a cited lemma of either kind is checked the same way without an import cycle.
"""
from __future__ import annotations

import time
from typing import Any, Callable

from .chains import check_derivation
from .claims import Claim, Derivation
from .kernel import ATTACK_SECONDS, DEFAULT_SECONDS, Context, check_claim, rests_on
from .verdicts import Status, Verdict


def check(claim: Any, *, seconds: float | None = None, seed: int | None = None,
          adversary: Callable[..., Any] | None = None, simplifier: Callable[..., Any] | None = None,
          certifier: Callable[..., Any] | None = None) -> Verdict:
    """Check a ``Claim`` or ``Derivation``; returns a ``Verdict`` (never raises on bad content).

    ``adversary`` proposes counterexamples (see ``Context.adversary``); without one, claims are only
    proved or left ``unknown``. ``simplifier`` proposes simpler counterexamples (``Context.simplifier``),
    each re-checked exactly before it replaces the one found. ``certifier`` proposes sum-of-squares
    certificates (``Context.certifier``), which the core checks exactly; without one, no SOS search runs."""
    if not isinstance(claim, (Claim, Derivation)):
        raise TypeError(f"check expects a Claim or Derivation, got {type(claim).__name__}")
    if seconds is not None and (not isinstance(seconds, (int, float)) or seconds <= 0):
        raise ValueError(f"check: seconds must be a positive number, got {seconds!r}")
    if seed is not None and not isinstance(seed, int):
        raise TypeError(f"check: seed must be an int, got {type(seed).__name__}")
    ctx = Context(time.monotonic() + (seconds or DEFAULT_SECONDS), seed or 0, adversary=adversary,
                  checker=check_in, simplifier=simplifier, certifier=certifier)
    if seconds is not None:
        ctx.attack_seconds = min(ATTACK_SECONDS, seconds / 4)
    return check_in(claim, ctx)


def check_in(claim: Any, ctx: Context) -> Verdict:
    """``check`` within an existing context (used for lemmas, links and induction cases)."""
    t0 = time.monotonic()
    try:
        if isinstance(claim, Derivation):
            verdict = check_derivation(claim, ctx)
        else:
            verdict = check_claim(claim, ctx)
    except RecursionError as exc:
        verdict = Verdict(Status.ERROR, claim.name, message=f"recursion too deep while checking: {exc}")
    verdict.evidence.append(rests_on(claim, verdict))
    verdict.seconds = time.monotonic() - t0
    return verdict


__all__ = ["check", "check_in"]
