"""Random batches of instances that satisfy the variables' structure by construction.

Every variable of a batch uses one form (``matrix_forms``) chosen at random among those valid
for its structure; its parameters are drawn from a mixture meant to reach the boundary:

* scales log-uniform over ``10^-2 .. 10^2``, small integers ``-2..2``, zero vectors/matrices;
* spectra with zeros (rank deficiency), repeated values, and one dominant value;
* vectors/matrices parallel to (``ALIGNED_SHARE``) or a small perturbation of (``NEAR_SHARE``)
  another variable of the same shape;
* scalars by their assumptions: log-uniform magnitudes, small integers and simple fractions, 0, and
  the numbers written in the claim (``CONSTANT_SHARE``).

Then ``tighten`` makes each inequality hypothesis tight on a ``TIGHT_SHARE`` of the instances:
by setting a scalar symbol that enters it linearly to the solution, or else by scaling one of its
vector/matrix variables (``matrix_scaling``); definitions ``s == expr`` are applied everywhere.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from .matrix_forms import CONTINUOUS, build_np
from .matrix_scaling import scale_tighten
from .matrix_world import Batch, Compiled, World

TIGHT_SHARE = 0.25
ALIGNED_SHARE = 0.1
NEAR_SHARE = 0.15
ZERO_SHARE = 0.03
CONSTANT_SHARE = 0.05




def _scales(rng: np.random.Generator, n: int) -> np.ndarray:
    return 10.0 ** rng.uniform(-2, 2, size=n)


def _spectrum(rng: np.random.Generator, n: int, k: int, rank: int | None, signed: bool) -> np.ndarray:
    lam = rng.uniform(0, 1, size=(n, k)) * _scales(rng, n)[:, None]
    pick = rng.uniform(size=n)
    zero = (pick < 0.25)[:, None] & (rng.uniform(size=(n, k)) < 0.4)
    lam = np.where(zero, 0.0, lam)
    rep = pick > 0.8
    lam[rep] = lam[rep, :1]
    ints = (pick > 0.6) & (pick <= 0.8)
    lam[ints] = rng.integers(0, 4, size=(int(ints.sum()), k))
    if signed:
        lam *= np.where(rng.uniform(size=(n, k)) < 0.5, -1.0, 1.0)
    if rank is not None and rank < k:
        lam[:, rank:] = 0.0
    return lam


def _entries(rng: np.random.Generator, n: int, shape: tuple[int, ...]) -> np.ndarray:
    g = rng.normal(size=(n, *shape)) * _scales(rng, n).reshape((n,) + (1,) * len(shape))
    small = rng.uniform(size=n) < 0.25
    g[small] = rng.integers(-2, 3, size=(int(small.sum()), *shape))
    sparse = rng.uniform(size=n) < 0.08
    if sparse.any():
        keep = rng.uniform(size=(int(sparse.sum()), *shape)) < 0.3
        g[sparse] = g[sparse] * keep
    zero = rng.uniform(size=n) < ZERO_SHARE
    g[zero] = 0.0
    return g


def _forms_for(structure: str, shape: tuple[int, int], rank: int | None, is_vector: bool) -> list[str]:
    if is_vector:
        return ["stereo"] if structure == "unit" else ["entries"]
    if structure == "mask":
        return ["mask"]
    if structure == "orthogonal":
        return ["householder"]
    if structure == "diagonal":
        return ["diag"]
    if structure in ("symmetric", "psd"):
        return ["eig", "lowrank"] if rank is not None else ["eig", "entries", "lowrank"]
    return ["svd", "lowrank"] if rank is not None else ["entries", "entries", "svd", "lowrank"]


def _params(form: str, structure: str, shape: tuple[int, int], rank: int | None, n: int,
            rng: np.random.Generator, rate: np.ndarray | None) -> dict:
    r, c = shape
    if form == "entries":
        if structure == "psd":
            k = rank or r
            return {"E": _entries(rng, n, (r, k))}
        return {"E": _entries(rng, n, (r, c))}
    if form == "diag":
        return {"d": _spectrum(rng, n, r, rank, signed=True)}
    if form == "householder":
        w = rng.normal(size=(n, r, r))
        simple = rng.uniform(size=n) < 0.2  # signed permutations: integer reflection vectors
        w[simple] = rng.integers(-1, 2, size=(int(simple.sum()), r, r))
        return {"W": w}
    if form == "eig":
        return {"W": rng.normal(size=(n, r, r)),
                "lam": _spectrum(rng, n, r, rank, signed=(structure == "symmetric"))}
    if form == "svd":
        k = min(r, c)
        return {"U": rng.normal(size=(n, r, r)), "V": rng.normal(size=(n, c, c)),
                "s": _spectrum(rng, n, k, rank, signed=False)}
    if form == "lowrank":
        k = rank if rank is not None else int(rng.integers(1, max(1, min(r, c)) + 1))
        k = max(1, min(k, min(r, c)))
        out = {"B": _entries(rng, n, (r, k))}
        if structure not in ("psd", "symmetric"):
            out["C"] = _entries(rng, n, (c, k))
        return out
    if form == "stereo":
        return {"t": rng.normal(size=(n, r - 1)) * _scales(rng, n)[:, None] ** 0.5,
                "s": rng.choice([-1.0, 1.0], size=(n, 1))}
    if form == "mask":
        p = rate if rate is not None else rng.uniform(0, 1, size=n)
        e = (rng.uniform(size=(n, r, c)) < p[:, None, None]).astype(float)
        return {"E": e}
    raise ValueError(form)


def sample_scalar(sym: sp.Symbol, n: int, rng: np.random.Generator) -> np.ndarray:
    """Values of a scalar symbol that respect its assumptions, spread over many scales."""
    if sym.is_integer:
        lo = 1 if sym.is_positive else (0 if sym.is_nonnegative else -20)
        hi = 20 if not (sym.is_negative or sym.is_nonpositive) else (-1 if sym.is_negative else 0)
        if sym.is_negative or sym.is_nonpositive:
            lo = -20
        vals = rng.integers(lo, hi + 1, size=n).astype(float)
        big = rng.uniform(size=n) < 0.05
        vals[big] = vals[big] * 50
        return vals
    mag = 10.0 ** rng.uniform(-3, 3, size=n)
    pick = rng.uniform(size=n)
    mag = np.where(pick < 0.2, rng.integers(1, 6, size=n).astype(float), mag)
    mag = np.where((pick >= 0.2) & (pick < 0.3), rng.integers(1, 5, size=n) / rng.integers(1, 9, size=n), mag)
    mag = np.where((pick >= 0.3) & (pick < 0.55), rng.uniform(0, 1, size=n), mag)
    if sym.is_positive:
        return mag
    if sym.is_nonnegative:
        return np.where(rng.uniform(size=n) < 0.08, 0.0, mag)
    if sym.is_negative:
        return -mag
    if sym.is_nonpositive:
        return np.where(rng.uniform(size=n) < 0.08, 0.0, -mag)
    sgn = np.where(rng.uniform(size=n) < 0.5, -1.0, 1.0)
    return np.where(rng.uniform(size=n) < 0.05, 0.0, sgn * mag)


def claim_constants(world: World, limit: int = 24) -> list[float]:
    """The non-zero numbers written in the claim (``1234567/1000``, ``10^-12``), smallest first."""
    found: set = set()
    for item in (world.goal, *world.hyps):
        found |= {abs(a) for a in item.atoms(sp.Rational) if a != 0 and abs(a) != 1}
    return [float(c) for c in sorted(found)[:limit]]


def plant_constants(sym: sp.Symbol, values: np.ndarray, constants: list[float],
                    rng: np.random.Generator) -> np.ndarray:
    """On ``CONSTANT_SHARE`` of the instances a scalar takes one of the claim's own numbers (with a sign
    its assumptions allow): needles such as ``|x_0 - 1234567/1000|`` sit exactly there."""
    if not constants or sym.is_integer:
        return values
    rows = rng.uniform(size=values.shape[0]) < CONSTANT_SHARE
    picked = rng.choice(np.array(constants), size=int(rows.sum()))
    if sym.is_negative or sym.is_nonpositive:
        picked = -picked
    elif not (sym.is_positive or sym.is_nonnegative):
        picked = np.where(rng.uniform(size=picked.shape[0]) < 0.5, -picked, picked)
    out = values.copy()
    out[rows] = picked
    return out


def sample_batch(world: World, dims: dict, n: int, rng: np.random.Generator) -> Batch:
    """A fresh batch of ``n`` instances at the dimension assignment ``dims``."""
    batch = Batch(dims, n)
    constants = claim_constants(world)
    for s in world.scalars:
        batch.scalars[s] = plant_constants(s, sample_scalar(s, n, rng), constants, rng)
    forms_by_key: dict = {}
    for m in world.matrices:
        structure, shape, rank = world.structure(m), world.shape(m, dims), world.rank(m, dims)
        is_vector = shape[1] == 1 and structure in ("general", "unit") and _is_vector(m)
        key = _coupling_key(world, m, dims)
        form = forms_by_key.get(key) or str(rng.choice(_forms_for(structure, shape, rank, is_vector)))
        forms_by_key.setdefault(key, form)
        rate = None
        if getattr(m, "rate", None) is not None:
            rate = _rate_values(m.rate, batch, n)
        batch.forms[m] = form
        batch.params[m] = _params(form, structure, shape, rank, n, rng, rate)
    _couple(world, batch, rng)
    return batch


def _is_vector(m) -> bool:
    from ..core.linalg import Vector
    return isinstance(m, Vector) or not hasattr(m, "structure")


def _rate_values(rate, batch: Batch, n: int) -> np.ndarray:
    if rate.is_number:
        return np.full(n, float(rate))
    vals = np.clip(np.abs(batch.scalars[rate]), 1e-3, 1.0)
    batch.scalars[rate] = vals
    return vals


def _couple(world: World, batch: Batch, rng: np.random.Generator) -> None:
    """Couple variables of the same shape and structure (they share a form): on ``ALIGNED_SHARE``
    of the instances an entries-form variable is a multiple of an earlier one (equality cases), on
    ``NEAR_SHARE`` every parameter is a small perturbation of the earlier one's (``Phi_t`` near
    ``Phi``; log-uniform relative size ``10^-3 .. 1``)."""
    seen: dict = {}
    for m in world.matrices:
        form = batch.forms[m]
        if form not in CONTINUOUS:
            continue
        key = _coupling_key(world, m, batch.dims)
        if key not in seen:
            seen[key] = m
            continue
        base_params, mine_params = batch.params[seen[key]], batch.params[m]
        pick = rng.uniform(size=batch.size)
        if form == "entries":
            par = pick < ALIGNED_SHARE
            c = rng.choice([-2.0, -1.0, 0.5, 1.0, 3.0], size=int(par.sum()))
            mine_params["E"][par] = c[:, None, None] * base_params["E"][par]
        near = (pick >= ALIGNED_SHARE) & (pick < ALIGNED_SHARE + NEAR_SHARE)
        eps = 10.0 ** rng.uniform(-3, 0, size=int(near.sum()))
        for k, base in base_params.items():
            if k not in mine_params or mine_params[k].shape != base.shape:
                continue
            b = base[near]
            if b.size == 0:   # no instance drawn near, or a factor with no entries (rank 0): nothing to move
                continue
            axes = tuple(range(1, b.ndim))
            scale = np.sqrt(np.mean(b ** 2, axis=axes)) + 1e-300
            shape = (-1,) + (1,) * (b.ndim - 1)
            mine_params[k][near] = b + (eps * scale).reshape(shape) * rng.normal(size=b.shape)


def _coupling_key(world: World, m, dims: dict) -> tuple:
    return (world.shape(m, dims), world.structure(m), world.rank(m, dims))


def tighten(world: World, batch: Batch, compiled: Compiled, rng: np.random.Generator,
            share: float = TIGHT_SHARE) -> None:
    """Apply definitions to every instance; make each linear inequality tight on ``share`` of them."""
    every = np.ones(batch.size, dtype=bool)
    defs = [(i, sol, fn) for i, (sol, fn) in enumerate(compiled.solutions) if sol.define]
    ineqs = [(i, sol, fn) for i, (sol, fn) in enumerate(compiled.solutions) if not sol.define]
    for _ in range(2):  # definitions may refer to each other
        for i, sol, fn in defs:
            _assign(world, batch, i, sol, fn, every)
    for i, sol, fn in ineqs:
        _assign(world, batch, i, sol, fn, rng.uniform(size=batch.size) < share)

    solved = {sol.index for sol, _ in compiled.solutions}
    for i, h in enumerate(world.hyps):
        if i not in solved and getattr(h, "rel_op", None) in ("<=", "<", ">=", ">"):
            scale_tighten(world, batch, compiled, rng.uniform(size=batch.size) < share, i)
    for i, sol, fn in defs:  # definitions again, after tightening
        _assign(world, batch, i, sol, fn, every)


def _assign(world: World, batch: Batch, index: int, sol, fn, rows: np.ndarray) -> None:
    if not rows.any():
        return
    env = batch.env(world)
    with np.errstate(all="ignore"):
        value = np.broadcast_to(np.asarray(fn(env), dtype=float), (batch.size,))
    batch.scalars[sol.symbol] = np.where(rows, value, batch.scalars[sol.symbol])
    idx = batch.tight.setdefault(sol.symbol, np.full(batch.size, -1))
    idx[rows] = index
