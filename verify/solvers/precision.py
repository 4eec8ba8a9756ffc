"""High-precision (mpmath, 50 digits by default) copies of exact data, for re-checking a float
violation: a refutation is only reported when it survives here (or in exact rationals)."""
from __future__ import annotations

from fractions import Fraction
from typing import Any

import mpmath
import numpy as np

DIGITS = 50


def mpf(value: Any) -> mpmath.mpf:
    """An exact conversion of an int, Fraction or float (floats are dyadic rationals) to mpf."""
    if isinstance(value, Fraction):
        return mpmath.mpf(value.numerator) / value.denominator
    if isinstance(value, float):
        n, d = value.as_integer_ratio()
        return mpmath.mpf(n) / d
    return mpmath.mpf(value)


def to_mpf(arr: Any) -> np.ndarray:
    """An object array of mpf with the same shape (exact conversion of each entry)."""
    a = np.asarray(arr, dtype=object)
    return np.vectorize(mpf, otypes=[object])(a) if a.size else a


def fmt(arr: Any) -> str:
    """An array of exact numbers as plain text: ``[[3, 2], [1/2, 0]]``."""
    a = np.asarray(arr, dtype=object)
    if a.ndim == 0:
        return str(a.item())
    return "[" + ", ".join(fmt(row) for row in a) + "]"


__all__ = ["DIGITS", "mpf", "to_mpf", "fmt"]
