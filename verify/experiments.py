"""Experiments: a claimed bound checked along the trajectories of an algorithm on instances an
adversary chooses.

An ``Experiment`` has a hypothesis strategy of instances and a function ``trajectory(instance)``
returning ``(observed, claimed)`` or ``(observed, claimed, scale)``: two equal-length sequences (one value
per iterate) with the claim ``observed[j] <= claimed[j]`` for every ``j``, and the size of the data (so
float noise is judged relative to it). ``run`` drives hypothesis with ``target()`` on the worst
ratio ``observed/claimed`` so that near-tight instances surface, then:

* a float violation is re-evaluated by ``exact(instance)`` (rational or 50-digit arithmetic); only a
  violation that survives (exactly, or by a margin far above 50-digit rounding) is ``refuted``, with the
  instance, the iterate and both sides;
* otherwise the verdict is ``tested`` (never ``proved``) with the number of instances, the worst ratio
  (how close to tight the bound is), the time and the seed.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Sequence

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import target
from hypothesis.strategies import SearchStrategy

from .core.verdicts import Evidence, Status, Verdict

Pair = tuple[Sequence[Any], Sequence[Any]]


class _Stop(Exception):
    """Raised inside the hypothesis loop to end the search (time out or confirmed refutation)."""


def _scale(observed: Sequence[Any], claimed: Sequence[Any]) -> float:
    return max([abs(float(v)) for v in (*observed, *claimed)] + [0.0])


def worst_ratio(observed: Sequence[Any], claimed: Sequence[Any], rel_tol: float = 0.0,
                scale: Any = None) -> tuple[float, int]:
    """``(max_j observed_j / claimed_j, argmax)``. Values within ``rel_tol`` times the size of the data
    (``scale``, or the largest magnitude in the two sequences) count as zero (float noise): ``0/0`` is 0
    and ``x/0`` with ``x`` not negligible is inf."""
    tiny = rel_tol * max(_scale(observed, claimed), abs(float(scale)) if scale is not None else 0.0)
    best, where = 0.0, 0
    for j, (o, c) in enumerate(zip(observed, claimed)):
        o, c = float(o), float(c)
        if c > tiny:
            r = o / c
        elif o <= max(c, 0.0) + tiny:
            r = 0.0
        else:
            r = float("inf")
        if r > best:
            best, where = r, j
    return best, where


def first_violation(observed: Sequence[Any], claimed: Sequence[Any], digits: int = 50,
                    scale: Any = None) -> int | None:
    """The first iterate where ``observed > claimed``.

    Exact numbers (int, Fraction) are compared exactly. Anything else (mpmath numbers computed with
    ``digits`` digits) must exceed the claim by more than ``10^(-digits/2)`` times ``scale`` (default: the
    largest magnitude in the two sequences; pass the size of the data, e.g. ``f(x_0) - f*``), far above the rounding error of a short 50-digit computation, so a rounding
    residue such as ``1e-49 > 0`` is never reported as a counterexample.
    """
    exact = all(isinstance(v, (int, Fraction)) for v in (*observed, *claimed))
    size = max(_scale(observed, claimed), abs(float(scale)) if scale is not None else 0.0, 1.0)
    margin = 0 if exact else size * 10.0 ** (-(digits // 2))
    for j, (o, c) in enumerate(zip(observed, claimed)):
        if o - c > margin:
            return j
    return None


#: At most this many iterates of a trajectory are kept for the report's plots.
PLOTTED_ITERATES = 500


def plotted_trajectory(observed: Sequence[Any], claimed: Sequence[Any], first_iterate: int = 0) -> dict:
    """The observed values and the claimed bound per iterate, as 6-digit floats for a plot (the exact
    values that decide a verdict are the ``sides``; these only draw it)."""
    n = min(len(observed), len(claimed), PLOTTED_ITERATES)
    return {"first_iterate": first_iterate, "observed": [_plotted(v) for v in observed[:n]],
            "claimed": [_plotted(v) for v in claimed[:n]]}


def _plotted(value: Any) -> float | None:
    number = float(value)
    return float(f"{number:.6g}") if number == number and abs(number) != float("inf") else None


@dataclass
class Experiment:
    """A bound ``observed[j] <= claimed[j]`` along trajectories; see the module docstring.

    ``describe(instance)`` gives the instance for the report (a dict of exact values);
    ``examples`` are instances always tried first (deliberately tight boundary cases);
    ``first_iterate`` is the index of the first value in the sequences (for the report). ``exact`` may
    return a third item, the size of the data (e.g. ``f(x_0) - f*``) that sets the 50-digit margin.
    """

    name: str
    instances: SearchStrategy
    trajectory: Callable[[Any], Pair]
    exact: Callable[[Any], Pair]
    describe: Callable[[Any], dict]
    source: str = ""
    expect: str | None = None
    uses: tuple[str, ...] = ()
    examples: tuple[Any, ...] = ()
    max_examples: int = 60
    first_iterate: int = 0
    rel_tol: float = 1e-9
    statement: str = ""
    extra: dict = field(default_factory=dict)

    def run(self, seconds: float | None = None, seed: int | None = None) -> Verdict:
        """Search for a violation; ``tested`` or ``refuted`` (re-checked exactly), never ``proved``."""
        start = time.monotonic()
        state = {"n": 0, "worst": 0.0, "worst_instance": None, "worst_iter": 0, "refuted": None,
                 "unconfirmed": 0, "worst_trajectory": None}

        def visit(instance: Any) -> float:
            res = self.trajectory(instance)
            scale = res[2] if len(res) > 2 else None
            ratio, j = worst_ratio(res[0], res[1], self.rel_tol, scale)
            state["n"] += 1
            if ratio > 1 + self.rel_tol:
                ex = self.exact(instance)
                ex_scale = ex[2] if len(ex) > 2 else None
                k = first_violation(ex[0], ex[1], scale=ex_scale)
                if k is not None:
                    state["refuted"] = (instance, k + self.first_iterate, ex[0][k], ex[1][k])
                    state["refuted_trajectory"] = plotted_trajectory(ex[0], ex[1], self.first_iterate)
                    raise _Stop()
                state["unconfirmed"] += 1
                ratio, j = worst_ratio(ex[0], ex[1], 1e-20, max(abs(float(ex_scale or 0)), 1.0))
                res = ex  # the float violation was rounding: plot the exact values
            if ratio > state["worst"] or state["worst_instance"] is None:
                state.update(worst=ratio, worst_instance=instance, worst_iter=j + self.first_iterate,
                             worst_trajectory=(res[0], res[1]))
            if seconds is not None and time.monotonic() - start > seconds:
                raise _Stop()
            return ratio

        try:
            for instance in self.examples:
                visit(instance)

            @settings(max_examples=self.max_examples, deadline=None, database=None, derandomize=seed is None,
                      phases=[Phase.explicit, Phase.generate, Phase.target],
                      suppress_health_check=list(HealthCheck))
            @given(self.instances)
            def search(instance: Any) -> None:
                ratio = visit(instance)
                target(min(ratio, 1e6), label="observed/claimed")

            if seed is not None:
                search = hypothesis_seed(seed)(search)
            search()
        except _Stop:
            pass
        elapsed = time.monotonic() - start
        return self._verdict(state, elapsed, seed)

    def _verdict(self, state: dict, elapsed: float, seed: int | None) -> Verdict:
        data = {"instances": state["n"], "worst_ratio": state["worst"], "worst_iterate": state["worst_iter"],
                "seconds": round(elapsed, 3), "seed": seed, "unconfirmed_float_violations": state["unconfirmed"]}
        if state["refuted"] is not None:
            instance, k, obs, claim = state["refuted"]
            cx = self.describe(instance)
            cx["iterate"] = k
            data["trajectory"] = state["refuted_trajectory"]
            detail = (f"at iterate {k} the observed value {obs} exceeds the claimed bound {claim} "
                      f"(re-checked in exact / 50-digit arithmetic) after {state['n']} instances")
            return Verdict(Status.REFUTED, self.name, [Evidence("experiment", detail, data)], counterexample=cx,
                           sides=(obs, claim), seconds=elapsed, relation=self.statement,
                           message="the bound fails on an instance")
        if state["worst_instance"] is not None:
            data["worst_instance"] = self.describe(state["worst_instance"])
            data["trajectory"] = plotted_trajectory(*state["worst_trajectory"], self.first_iterate)
        detail = (f"{state['n']} instances, bound held at every iterate; worst observed/claimed = "
                  f"{state['worst']:.6g}")
        return Verdict(Status.TESTED, self.name, [Evidence("experiment", detail, data)], seconds=elapsed,
                       relation=self.statement)


__all__ = ["Experiment", "worst_ratio", "first_violation", "plotted_trajectory"]
