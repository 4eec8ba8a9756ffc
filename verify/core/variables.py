"""The variables of a vector/matrix claim: matrices, dimension symbols and scalars.

Dimension symbols are those in shapes (of the matrix symbols and of ``eye``/zero/ones matrices) and in
rank bounds; scalars are the remaining free symbols (a mask's symbolic rate among them).
"""
from __future__ import annotations

from typing import Any

import sympy as sp

from . import linalg as la


class Variables:
    """Split of a problem's symbols into matrices, dimension symbols and scalars."""

    def __init__(self, hyps: list, goal: Any) -> None:
        self.hyps = list(hyps)
        self.goal = goal
        everything = [goal, *self.hyps]
        mats: set = set()
        for item in everything:
            mats |= set(item.atoms(sp.MatrixSymbol))
        self.matrices: list[sp.MatrixSymbol] = sorted(mats, key=lambda m: m.name)
        dims: set = set()
        for m in self.matrices:
            for s in m.shape:
                dims |= sp.sympify(s).free_symbols
            if isinstance(m, la.Matrix) and m.rank is not None:
                dims |= m.rank.free_symbols
        for item in everything:
            for special in item.atoms(sp.Identity, sp.ZeroMatrix, sp.OneMatrix):
                for s in special.shape:
                    dims |= sp.sympify(s).free_symbols
        self.dim_symbols: list[sp.Symbol] = sorted(dims, key=lambda s: s.name)
        scal: set = set()
        for item in everything:
            scal |= {s for s in item.free_symbols if isinstance(s, sp.Symbol)}
        for m in self.matrices:
            if isinstance(m, la.Matrix) and m.rate is not None:
                scal |= m.rate.free_symbols
        self.scalars: list[sp.Symbol] = sorted(scal - dims - mats, key=lambda s: s.name)

    def structure(self, m: sp.MatrixSymbol) -> str:
        return m.structure if isinstance(m, la.Matrix) else "general"

    def shape(self, m: sp.MatrixSymbol, dims: dict) -> tuple[int, int]:
        r, c = (int(sp.sympify(s).xreplace(dims)) for s in m.shape)
        return r, c

    def rank(self, m: sp.MatrixSymbol, dims: dict) -> int | None:
        if isinstance(m, la.Matrix) and m.rank is not None:
            return int(sp.sympify(m.rank).xreplace(dims))
        return None


__all__ = ["Variables"]
