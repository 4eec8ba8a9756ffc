"""Parametrised forms of vectors and matrices that satisfy their structure by construction.

A *form* turns real parameters into a value, in batch (numpy, leading axis = instance) and
exactly (sympy rationals, one instance). Because the exact build uses the same formula on
rationalised parameters, the exact instance has the structure exactly:

* ``entries``: the value is the parameter array (symmetric: ``(E + E^T)/2``; diagonal: ``diag(d)``).
* ``householder``: ``Q = H(w_1) ... H(w_k)``, ``H(w) = I - 2 w w^T / (w^T w)`` — orthogonal, and
  rational whenever the ``w_i`` are.
* ``eig``: ``Q diag(lam) Q^T`` (symmetric with spectrum ``lam``; PSD when ``lam = |p|``).
* ``svd``: ``U[:, :k] diag(s) V[:, :k]^T`` with Householder ``U, V`` — prescribed singular values ``|s|``.
* ``lowrank``: ``B C^T`` (or ``B B^T`` for PSD) with ``k`` columns — rank at most ``k``.
* ``stereo``: the unit vector ``sgn * (2t, |t|^2 - 1) / (|t|^2 + 1)`` (inverse stereographic
  projection; rational for rational ``t``).
* ``mask``: 0/1 entries (not optimised).

A rank bound ``r`` is kept by construction whatever the parameters: ``entries`` (PSD) and ``lowrank``
have ``r`` columns, and a spectrum (``diag``, ``eig``, ``svd``) keeps only its ``r`` largest entries.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

Params = dict[str, np.ndarray]


def householder_np(w: np.ndarray) -> np.ndarray:
    """``(N, n, k)`` reflection vectors -> ``(N, n, n)`` orthogonal matrices."""
    n_inst, n, k = w.shape
    q = np.broadcast_to(np.eye(n), (n_inst, n, n)).copy()
    for j in range(k):
        v = w[:, :, j]
        nn = np.sum(v * v, axis=1)
        ok = nn > 1e-300
        scale = np.where(ok, 2.0 / np.where(ok, nn, 1.0), 0.0)
        qv = np.einsum("bij,bj->bi", q, v)
        q -= scale[:, None, None] * qv[:, :, None] * v[:, None, :]
    return q


def householder_exact(w: sp.Matrix) -> sp.Matrix:
    """Exact orthogonal matrix from rational reflection vectors (the columns of ``w``)."""
    n = w.shape[0]
    q = sp.eye(n)
    for j in range(w.shape[1]):
        v = w[:, j]
        nn = (v.T * v)[0, 0]
        if nn != 0:
            q = q - (2 / nn) * (q * v) * v.T
    return q


def keep_largest_np(values: np.ndarray, rank: int | None) -> np.ndarray:
    """``(N, k)`` spectra with all but the ``rank`` entries of largest magnitude set to 0 (ties: the
    earlier entry is kept), so that a form built from them has rank at most ``rank``."""
    if rank is None or rank >= values.shape[-1]:
        return values
    order = np.argsort(-np.abs(values), axis=-1, kind="stable")
    keep = np.zeros(values.shape, dtype=bool)
    np.put_along_axis(keep, order[..., :rank], True, axis=-1)
    return np.where(keep, values, 0.0)


def keep_largest_exact(values: list, rank: int | None) -> list:
    """The exact counterpart of ``keep_largest_np`` for one instance."""
    if rank is None or rank >= len(values):
        return list(values)
    order = sorted(range(len(values)), key=lambda i: (-abs(values[i]), i))
    kept = set(order[:rank])
    return [v if i in kept else sp.Integer(0) for i, v in enumerate(values)]


def build_np(form: str, structure: str, params: Params, shape: tuple[int, int],
             rank: int | None = None) -> np.ndarray:
    """The batch of values ``(N, rows, cols)`` of a form; a spectrum (``diag``, ``eig``, ``svd``) keeps
    only its ``rank`` largest entries, whatever the parameters (the local search moves them freely)."""
    r, c = shape
    if form in _SPECTRAL_KEY:
        key = _SPECTRAL_KEY[form]
        params = {**params, key: keep_largest_np(params[key], rank)}
    if form == "entries":
        e = params["E"]
        if structure == "symmetric":
            return 0.5 * (e + np.swapaxes(e, 1, 2))
        if structure == "psd":
            return np.matmul(e, np.swapaxes(e, 1, 2))
        return e
    if form == "diag":
        d = params["d"]
        return d[:, :, None] * np.eye(r)[None]
    if form == "householder":
        return householder_np(params["W"])
    if form == "eig":
        q = householder_np(params["W"])
        lam = np.abs(params["lam"]) if structure == "psd" else params["lam"]
        return np.matmul(q * lam[:, None, :], np.swapaxes(q, 1, 2))
    if form == "svd":
        k = min(r, c)
        u = householder_np(params["U"])[:, :, :k]
        v = householder_np(params["V"])[:, :, :k]
        s = np.abs(params["s"])
        return np.matmul(u * s[:, None, :], np.swapaxes(v, 1, 2))
    if form == "lowrank":
        b = params["B"]
        cm = b if structure in ("psd", "symmetric") else params["C"]
        return np.matmul(b, np.swapaxes(cm, 1, 2))
    if form == "stereo":
        t, sgn = params["t"], np.where(params["s"][:, 0] >= 0, 1.0, -1.0)
        tt = np.sum(t * t, axis=1)
        out = np.concatenate([2 * t, (tt - 1)[:, None]], axis=1) / (tt + 1)[:, None]
        return (sgn[:, None] * out)[:, :, None]
    if form == "mask":
        return params["E"]
    raise ValueError(f"unknown form {form!r}")


def build_exact(form: str, structure: str, params: dict[str, sp.Matrix], shape: tuple[int, int],
                rank: int | None = None) -> sp.Matrix:
    """The exact value of a form at rational parameters (one instance); ``rank`` as in ``build_np``."""
    r, c = shape
    if form in _SPECTRAL_KEY:
        key = _SPECTRAL_KEY[form]
        params = {**params, key: keep_largest_exact(list(params[key]), rank)}
    if form in ("entries", "mask"):
        e = params["E"]
        if structure == "symmetric" and form == "entries":
            return (e + e.T) / 2
        if structure == "psd":
            return e * e.T
        return e
    if form == "diag":
        return sp.diag(*list(params["d"]))
    if form == "householder":
        return householder_exact(params["W"])
    if form == "eig":
        q = householder_exact(params["W"])
        lam = [abs(x) if structure == "psd" else x for x in params["lam"]]
        return q * sp.diag(*lam) * q.T
    if form == "svd":
        k = min(r, c)
        u = householder_exact(params["U"])[:, :k]
        v = householder_exact(params["V"])[:, :k]
        return u * sp.diag(*[abs(x) for x in params["s"]]) * v.T
    if form == "lowrank":
        b = params["B"]
        cm = b if structure in ("psd", "symmetric") else params["C"]
        return b * cm.T
    if form == "stereo":
        t = list(params["t"])
        sgn = 1 if params["s"][0] >= 0 else -1
        tt = sum(x * x for x in t)
        return sp.Matrix([sgn * 2 * x / (tt + 1) for x in t] + [sgn * (tt - 1) / (tt + 1)])
    raise ValueError(f"unknown form {form!r}")


_SPECTRAL_KEY = {"diag": "d", "eig": "lam", "svd": "s"}  # the parameter that is a spectrum


def rationalise(value: float, denominator: int | None) -> sp.Rational:
    """A float as a rational: the best approximation with bounded denominator relative to the
    value's power of ten (so ``0.00123`` stays ``0.00123``-sized), or exactly."""
    if not np.isfinite(value):
        raise ValueError("non-finite parameter")
    return _rational(float(value), denominator, _decade(abs(float(value))))


def _decade(magnitude: float) -> int:
    return int(np.floor(np.log10(magnitude))) if magnitude > 0 else 0


def _rational(value: float, denominator: int | None, decade: int) -> sp.Rational:
    from fractions import Fraction

    f = Fraction(value)
    if denominator is not None:
        scale = Fraction(10) ** decade
        f = (f / scale).limit_denominator(denominator) * scale
    return sp.Rational(f.numerator, f.denominator)


def exact_params(params: Params, row: int, denominator: int | None) -> dict[str, Any]:
    """One instance's parameters as sympy rational matrices (lists for 1-D parameters), each array
    rationalised relative to its largest entry."""
    out: dict[str, Any] = {}
    for key, arr in params.items():
        a = np.asarray(arr[row], dtype=float)
        if not np.all(np.isfinite(a)):
            raise ValueError("non-finite parameter")
        decade = _decade(float(np.max(np.abs(a)))) if a.size else 0
        vals = [_rational(float(x), denominator, decade) for x in a.ravel()]
        if a.ndim == 1:
            out[key] = vals
        else:
            out[key] = sp.Matrix(a.shape[0], a.shape[1], vals)
    return out


CONTINUOUS = ("entries", "diag", "householder", "eig", "svd", "lowrank", "stereo")
