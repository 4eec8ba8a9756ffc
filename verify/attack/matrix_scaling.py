"""Make a hypothesis tight by scaling a vector/matrix variable (no scalar to solve for).

For an inequality hypothesis ``h`` that no scalar symbol enters linearly (``norm(u) <= 1``,
``sigma_min(Phi) >= 1``), pick a variable ``X`` of ``h`` whose form can be scaled (the value
becomes ``t X`` when the parameters are scaled: entries, spectra, singular values, low-rank factors;
square roots for the Gram forms ``E E^T``, ``B B^T``) and find ``t > 0`` with slack 0: the slack is
evaluated on a grid ``t = 10^-16 .. 10^16`` (batched), and a sign change is refined by 32 bisection
steps in ``log t``. Instances without a sign change are left as they were.
"""
from __future__ import annotations

import numpy as np

from .matrix_world import Batch, Compiled, World

GRID = 10.0 ** np.arange(-16, 16.5, 4.0)  # wide: sigma_min(M) >= 10^-12 needs t near 10^-12
STEPS = 32  # from a bracket of 10^4: t to a relative 2e-9


def _scaled_params(form: str, structure: str, params: dict, t: np.ndarray) -> dict | None:
    """Parameters whose value is ``t`` times the original (None: the form cannot be scaled)."""
    col = t[:, None, None]
    if form == "entries":
        return {"E": params["E"] * (np.sqrt(col) if structure == "psd" else col)}
    if form == "diag":
        return {"d": params["d"] * t[:, None]}
    if form == "eig":
        return {**params, "lam": params["lam"] * t[:, None]}
    if form == "svd":
        return {**params, "s": params["s"] * t[:, None]}
    if form == "lowrank":
        if structure in ("psd", "symmetric"):
            return {"B": params["B"] * np.sqrt(col)}
        return {**params, "B": params["B"] * col}
    return None


def _slack(compiled: Compiled, env: dict, index: int, m, value: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Slack of hypothesis ``index`` with ``m`` replaced by ``t * value`` (the scaled form's value)."""
    trial = dict(env)
    trial[m] = t[:, None, None] * value
    with np.errstate(all="ignore"):
        out = np.asarray(compiled.hyps[index](trial), dtype=float)
    return np.broadcast_to(out, (len(t),))


def scale_tighten(world: World, batch: Batch, compiled: Compiled, rows: np.ndarray, index: int) -> None:
    """Scale one variable of hypothesis ``index`` so that it is tight on ``rows`` (where possible)."""
    hyp = world.hyps[index]
    candidates = [m for m in world.matrices if m in hyp.atoms(type(m)) and
                  _scaled_params(batch.forms[m], world.structure(m), batch.params[m],
                                 np.ones(batch.size)) is not None]
    if not candidates or not rows.any():
        return
    m = candidates[0]
    sub = batch.take(np.flatnonzero(rows))
    n = sub.size
    env = sub.env(world)
    value = env[m]
    values = np.stack([_slack(compiled, env, index, m, value, np.full(n, g)) for g in GRID], axis=1)
    finite = np.isfinite(values)
    sign = np.where(finite, np.sign(values), 0)
    change = (sign[:, :-1] * sign[:, 1:] < 0) & finite[:, :-1] & finite[:, 1:]
    has = change.any(axis=1)
    if not has.any():
        return
    first = np.argmax(change, axis=1)
    lo, hi = np.log(GRID[first]), np.log(GRID[np.minimum(first + 1, len(GRID) - 1)])
    s_lo = sign[np.arange(n), first]
    for _ in range(STEPS):
        mid = 0.5 * (lo + hi)
        s_mid = np.sign(_slack(compiled, env, index, m, value, np.exp(mid)))
        same = s_mid == s_lo
        lo, hi = np.where(same, mid, lo), np.where(same, hi, mid)
    # keep the side where the hypothesis holds (slack >= 0), as close to 0 as bisection got
    t = np.where(s_lo >= 0, np.exp(lo), np.exp(hi))
    t = np.where(has, t, 1.0)
    scaled = _scaled_params(batch.forms[m], world.structure(m), sub.params[m], t)
    idx = np.flatnonzero(rows)
    for key, arr in scaled.items():
        batch.params[m][key] = batch.params[m][key].copy()
        batch.params[m][key][idx] = arr
