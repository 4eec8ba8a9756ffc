"""hypothesis-driven search: small exact instances, ``target()`` on the violation, shrinking.

Each example is an exact small instance (``instances.draw_exact_instance``); with
probability 1/2 each linear inequality hypothesis is made tight by setting its symbol to the exactly
evaluated solution. The float slack of the goal is the ``target`` (hypothesis' targeted phase climbs
it); an example whose float slack is negative is re-checked exactly, and a confirmed counterexample
is raised so hypothesis shrinks it to a small one.
"""
from __future__ import annotations

import time
import numpy as np
import sympy as sp
from hypothesis import HealthCheck, Phase, assume, given, seed, settings, target
from hypothesis.errors import HypothesisException

from .instances import tightened_instances
from .matrix_check import Confirmed, check_instance
from .matrix_world import World


class _Found(Exception):
    def __init__(self, confirmed: Confirmed) -> None:
        super().__init__("counterexample")
        self.confirmed = confirmed


def float_env(world: World, inst: dict, dims: dict) -> dict:
    """A one-row numpy environment from an exact instance."""
    env: dict = {}
    for k, v in inst.items():
        if isinstance(v, sp.MatrixBase):
            env[k] = np.array(v.tolist(), dtype=float)[None]
        else:
            env[k] = np.array([float(v)])
    return env


def hypothesis_search(world: World, seconds: float, seed_value: int,
                      max_examples: int = 400) -> tuple[Confirmed | None, int, float | None]:
    """Run the search for at most ``seconds``; returns (confirmed counterexample, examples, min slack)."""
    deadline = time.monotonic() + seconds
    tried = [0]
    smallest: list[float] = []

    @seed(seed_value)
    @settings(max_examples=max_examples, deadline=None, database=None, derandomize=False,
              phases=[Phase.generate, Phase.target, Phase.shrink],
              suppress_health_check=list(HealthCheck), report_multiple_bugs=False)
    @given(tightened_instances(world, stop=lambda: time.monotonic() > deadline))
    def probe(drawn: tuple[dict, dict] | None) -> None:
        if drawn is None or time.monotonic() > deadline:
            return
        dims, inst = drawn
        try:
            compiled = world.compiled(dims)
            env = float_env(world, inst, dims)
            with np.errstate(all="ignore"):
                hyp = [float(np.asarray(h(env)).ravel()[0]) for h in compiled.hyps]
                goal = float(np.asarray(compiled.goal(env)).ravel()[0])
        except (ValueError, TypeError, OverflowError, np.linalg.LinAlgError):
            assume(False)
            return
        assume(all(np.isfinite(h) and h >= -1e-9 for h in hyp) and np.isfinite(goal))
        tried[0] += 1
        smallest.append(goal)
        target(-goal, label="violation")
        if goal < -1e-12:
            found = check_instance(world, inst, dims)
            if found is not None:
                raise _Found(found)

    confirmed = None
    try:
        probe()
    except _Found as exc:
        confirmed = exc.confirmed
    except HypothesisException:
        pass
    return confirmed, tried[0], (min(smallest) if smallest else None)

