"""The simplest sparse counterexample to a vector/matrix claim: a joint search over points whose
entries are 0 except one to three that are +-1 (or +-2), at the dimensions of the point found.

Candidates are visited in a fixed order (fewer non-zero entries first, then by position and sign),
so the first one found does not depend on the seed or on the point the attack found. The batch is
screened in floats (``World.compiled``: the hypotheses' and the goal's slack) and the survivors are
re-checked exactly (``matrix_check.check_instance``), simplest first; the core re-checks the result
again before it replaces the counterexample found. A symmetric (or PSD) matrix gets its
off-diagonal entries in mirrored pairs.
"""
from __future__ import annotations

import time
from itertools import combinations, product
from math import comb
from typing import Any

import numpy as np
import sympy as sp

from .matrix_check import check_instance
from .matrix_world import World

MAX_NONZERO = 3
MAX_CANDIDATES = 60_000
MAX_EXACT = 30
VALUES = (1, -1, 2, -2)
_MIRRORED = ("symmetric", "psd")


def _cells(world: World, dims: dict) -> list[tuple[Any, tuple]]:
    """The free coordinates: (symbol, cells it sets), a mirrored pair counting as one coordinate."""
    out: list[tuple[Any, tuple]] = []
    for s in sorted(world.scalars, key=lambda s: s.name):
        out.append((s, ()))
    for m in sorted(world.matrices, key=lambda m: m.name):
        rows, cols = world.shape(m, dims)
        mirrored = rows == cols and world.structure(m) in _MIRRORED
        for i in range(rows):
            for j in range(cols):
                if mirrored and j < i:
                    continue
                out.append((m, ((i, j), (j, i)) if mirrored and i != j else ((i, j),)))
    return out


def _patterns(n: int, k_max: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    pats: list = [((), ())]
    for k in range(1, k_max + 1):
        if len(pats) + comb(n, k) * len(VALUES) ** k > MAX_CANDIDATES:
            break
        for values in product(VALUES, repeat=k):
            for where in combinations(range(n), k):
                pats.append((where, values))
    # fewer non-zeros, then smaller magnitudes, then position: a fixed order
    pats.sort(key=lambda p: (len(p[0]), sum(abs(v) for v in p[1]), p[0], [-v for v in p[1]]))
    return pats[:MAX_CANDIDATES]


def simplest_sparse(problem: Any, point: dict[str, Any], seconds: float) -> dict[str, Any] | None:
    """The first exactly checked counterexample among the sparse points, as names to values, or None."""
    deadline = time.monotonic() + seconds
    world = World(list(problem.hyps), problem.goal)
    try:
        dims = {d: int(point[d.name]) for d in world.dim_symbols}
    except (KeyError, TypeError, ValueError):
        return None
    cells = _cells(world, dims)
    if not cells:
        return None
    compiled = world.compiled(dims)
    pats = _patterns(len(cells), MAX_NONZERO)
    exact = 0
    for start in range(0, len(pats), 4000):
        if time.monotonic() > deadline:
            return None
        chunk = pats[start:start + 4000]
        env = _environment(world, dims, cells, chunk)
        with np.errstate(all="ignore"):
            ok = np.ones(len(chunk), dtype=bool)
            for h in compiled.hyps:
                ok &= np.broadcast_to(np.asarray(h(env), dtype=float), (len(chunk),)) >= -1e-12
            goal = np.broadcast_to(np.asarray(compiled.goal(env), dtype=float), (len(chunk),))
        for row in np.flatnonzero(ok & (goal < 0)):
            if time.monotonic() > deadline or exact >= MAX_EXACT:
                return None
            exact += 1
            found = check_instance(world, _instance(world, dims, cells, chunk[row]), dims)
            if found is not None:
                return found.report()
    return None


def _environment(world: World, dims: dict, cells: list, chunk: list) -> dict:
    n = len(chunk)
    env: dict = {s: np.zeros(n) for s in world.scalars}
    for m in world.matrices:
        env[m] = np.zeros((n, *world.shape(m, dims)))
    env.update({d: np.full(n, float(v)) for d, v in dims.items()})
    for row, (where, values) in enumerate(chunk):
        for c, v in zip(where, values):
            sym, targets = cells[c]
            if not targets:
                env[sym][row] = v
            for (i, j) in targets:
                env[sym][row, i, j] = v
    return env


def _instance(world: World, dims: dict, cells: list, pattern: tuple) -> dict:
    inst: dict = {s: sp.Integer(0) for s in world.scalars}
    grids = {m: [[0] * world.shape(m, dims)[1] for _ in range(world.shape(m, dims)[0])] for m in world.matrices}
    for c, v in zip(*pattern):
        sym, targets = cells[c]
        if not targets:
            inst[sym] = sp.Integer(v)
        for (i, j) in targets:
            grids[sym][i][j] = v
    inst.update({m: sp.ImmutableMatrix(g) for m, g in grids.items()})
    return inst


__all__ = ["simplest_sparse"]
