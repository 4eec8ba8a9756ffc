"""Make a confirmed counterexample readable: greedy simplification of its parameters.

Starting from the parameters of the row that gave the counterexample, try replacing a whole
parameter array by its rounding (to integers, then to one decimal), then each entry by ``0``,
``+-1`` or its rounding. A change is kept when the result is still an *exactly confirmed*
counterexample whose printed size (number of characters of its values) is smaller. Bounded by
``MAX_TRIALS`` exact re-checks (so a seed gives the same result on any machine) and, as a safety
net, by a time limit; the original counterexample is kept if nothing simpler is found.
"""
from __future__ import annotations

import time
from typing import Iterator

import numpy as np

from .matrix_check import Confirmed, confirm
from .matrix_forms import CONTINUOUS
from .matrix_local import _materialise, _scores
from .matrix_world import Batch
from .matrix_world import World


def _numbers(value) -> list:
    if isinstance(value, (list, tuple)):
        return [x for item in value for x in _numbers(item)]
    return [value]


def size(found: Confirmed) -> tuple[int, int, float]:
    """How complicated a counterexample looks: printed size of its values, then how many of its
    numbers are non-zero, then their total magnitude (``[0, 0, 9]`` is simpler than ``[5, 0, 9]``)."""
    values = list(found.report().values())
    numbers = [x for v in values for x in _numbers(v)]
    nonzero = sum(1 for x in numbers if x != 0)
    magnitude = 0.0
    for x in numbers:
        try:
            magnitude += abs(float(x))
        except (TypeError, ValueError):
            pass
    return sum(len(str(v)) for v in values), nonzero, magnitude


def _copy(batch: Batch) -> Batch:
    return batch.take(np.array([0]))


def _moves(world: World, batch: Batch) -> Iterator[tuple[str, object, str | None, object, np.ndarray]]:
    """(kind, owner, key, index, new value) proposals, coarse first."""
    for m in world.matrices:
        if batch.forms[m] not in CONTINUOUS:
            continue
        for key, arr in batch.params[m].items():
            a = arr[0]
            for cand in (np.round(a), np.round(a * 10) / 10):
                if not np.array_equal(cand, a):
                    yield "array", m, key, None, cand
    tight = {s for s, idx in batch.tight.items() if idx[0] >= 0}
    for s in world.scalars:
        if s in tight:
            continue
        v = float(batch.scalars[s][0])
        for cand in (0.0, np.sign(v), float(np.round(v)), float(np.round(v * 10) / 10)):
            if cand != v:
                yield "scalar", s, None, None, np.array([cand])
    for m in world.matrices:
        if batch.forms[m] not in CONTINUOUS:
            continue
        for key, arr in batch.params[m].items():
            a = arr[0]
            for idx in np.ndindex(a.shape):
                v = float(a[idx])
                for cand in (0.0, float(np.sign(v)), float(np.round(v))):
                    if cand != v:
                        yield "entry", m, key, idx, np.array(cand)


def _apply(batch: Batch, move) -> Batch:
    kind, owner, key, idx, value = move
    out = _copy(batch)
    if kind == "scalar":
        out.scalars[owner] = value.astype(float)
    elif kind == "array":
        out.params[owner][key] = value[None].astype(float)
    else:
        arr = out.params[owner][key].copy()
        arr[(0, *idx)] = value
        out.params[owner][key] = arr
    return out


MAX_TRIALS = 25


def shrink(world: World, start: Batch, found: Confirmed, seconds: float) -> Confirmed:
    """A simpler confirmed counterexample near ``found`` (or ``found`` itself)."""
    deadline = time.monotonic() + seconds
    best, best_size, current = found, size(found), _copy(start)
    compiled = world.compiled(start.dims)
    improved, trials = True, 0
    while improved and time.monotonic() < deadline and trials < MAX_TRIALS:
        improved = False
        for move in _moves(world, current):
            if time.monotonic() >= deadline or trials >= MAX_TRIALS:
                break
            trial = _materialise(world, compiled, _apply(current, move))
            obj, goal = _scores(world, compiled, trial)
            if not (np.isfinite(goal[0]) and obj[0] <= goal[0] + 1e-12 and goal[0] <= 1e-9):
                continue
            trials += 1
            cand = confirm(world, trial, 0, max_variants=2)
            if cand is not None and size(cand) < best_size:
                best, best_size, current = cand, size(cand), trial
                improved = True
                break
    return best
