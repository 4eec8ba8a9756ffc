"""Index sums of matrix entries as products of closed words (``(r^T J J^T r)[0, 0]`` as sympy writes it).

sympy expands an entry of a product into ``Sum(r[i, 0] J[i, j] J[k, j] r[k, 0], (i, 0, n-1), (j, ...), ...)``.
A term of such a sum whose every summation index occurs in exactly two entries, over the whole axis of
each, is a contraction: the entries form paths and cycles. A path between two fixed indices of axes of
size 1 is a 1 x 1 product ``u^T W v``; a cycle is a trace ``tr(W)``; an index that occurs in no entry
contributes its number of values. So the term equals its coefficient times the product of those words,
in every dimension. Anything else (an index used once or thrice, a partial range, an entry of a
non-symbol) is not covered (``NotApplicable``).
"""
from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement

from .base import NotApplicable
from .words import Word, letter


def contractions(total: sp.Sum) -> list[tuple[sp.Expr, list[tuple[Word, Any]]]]:
    """``total`` as ``sum_t c_t prod_w tr(w)``: a list of (coefficient, [(closed word, its size)])."""
    limits = {}
    for index, low, high in total.limits:
        if index in limits:
            raise NotApplicable(f"the index {index} is summed twice")
        limits[index] = (sp.sympify(low), sp.sympify(high))
    out = []
    for term in sp.Add.make_args(sp.expand(total.function)):
        out.append(_term(term, limits))
    return out


def _term(term: sp.Expr, limits: dict) -> tuple[sp.Expr, list]:
    coeff = sp.Integer(1)
    entries: list[tuple[Any, Any, Any]] = []  # (matrix symbol, row index, col index)
    for factor in sp.Mul.make_args(term):
        base, times = (factor.base, factor.exp) if isinstance(factor, sp.Pow) else (factor, sp.Integer(1))
        if isinstance(base, MatrixElement):
            if not (isinstance(base.parent, sp.MatrixSymbol) and times.is_Integer and int(times) > 0):
                raise NotApplicable(f"the factor {factor} is not a power of an entry of a matrix variable")
            entries += [(base.parent, sp.sympify(base.i), sp.sympify(base.j))] * int(times)
        elif factor.free_symbols & set(limits):
            raise NotApplicable(f"the factor {factor} depends on a summation index")
        else:
            coeff *= factor
    uses: dict = {}
    for k, (m, i, j) in enumerate(entries):
        for side, idx in ((0, i), (1, j)):
            if idx in limits:
                dim = sp.sympify(m.shape[side])
                low, high = limits[idx]
                if low != 0 or sp.simplify(high - (dim - 1)) != 0:
                    raise NotApplicable(f"the index {idx} of {m} does not run over its whole axis")
                uses.setdefault(idx, []).append((k, side))
            elif not (idx == 0 and sp.sympify(m.shape[side]) == 1):
                raise NotApplicable(f"the entry {m}[{i}, {j}] has a fixed index on an axis longer than 1")
    for idx, (low, high) in limits.items():
        if idx not in uses:
            coeff *= high - low + 1
        elif len(uses[idx]) != 2:
            raise NotApplicable(f"the index {idx} occurs {len(uses[idx])} times, not twice")
    return coeff, _words(entries, uses)


def _words(entries: list, uses: dict) -> list:
    """Walk the paths (from fixed ends) and then the cycles of the contraction."""
    left = set(range(len(entries)))
    words = []

    def walk(k: int, enter_side: int) -> tuple[list, int, int]:
        """Follow the chain from entry k, entered through its axis ``enter_side``; returns the letters, the
        last entry and the side it leaves through."""
        letters = []
        while True:
            left.discard(k)
            m, i, j = entries[k]
            letters.append(letter(m, enter_side == 1))  # entered through its column: transposed
            leave = 1 - enter_side
            idx = (i, j)[leave]
            nxt = [u for u in uses.get(idx, []) if u[0] != k or u[1] != leave]
            if not nxt or nxt[0][0] not in left:
                return letters, k, leave
            k, enter_side = nxt[0]

    for k in sorted(left):  # paths: start at an entry with a fixed (size-1) index
        if k not in left:
            continue
        m, i, j = entries[k]
        for side, idx in ((0, i), (1, j)):
            if idx not in uses and k in left:
                letters, _, _ = walk(k, side)
                words.append((tuple(letters), 1))
    while left:  # cycles
        k = min(left)
        m = entries[k][0]
        letters, _, _ = walk(k, 0)
        words.append((tuple(letters), m.shape[0]))
    return words


__all__ = ["contractions"]
