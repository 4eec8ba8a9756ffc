"""Vector and matrix claims decided through inner products: the Gram reduction, in every dimension.

Every scalar of the claim built by ``inner``, ``trace`` and ``norm`` from matrix words (``words.py``) is a
polynomial (``norm``: the square root of one) in closed words. Closed words ``x_i^T x_j`` of two vectors
are the entries of the Gram matrix ``G`` of the claim's k vectors of one dimension ``d``; other closed
words (``x^T M x``, ``tr(M^2)``) and spectral values are kept as opaque reals (a proof for all their
values is a proof; such a claim is never refuted here). Vector and matrix equalities ``U = V`` become
``||U - V||^2 = 0``; a unit vector gives ``G_ii = 1``.

1. An equality whose two sides have the same normal form is an identity in every dimension.
2. Otherwise ``G`` is written in triangular-frame coordinates, ``x_1 = (r11, 0, ...)``,
   ``x_2 = (r21, r22, 0, ...)``, ..., ``G = R R^T`` with R lower triangular (k(k+1)/2 reals): every PSD
   k x k matrix is such an ``R R^T`` (Cholesky) and every ``R R^T`` is realised by these vectors once
   ``d >= k``; in dimension ``d < k`` the realisable Gram matrices are the PSD ones of rank ``<= d``,
   among them. So a proof of the scalar claim over all R holds in every dimension ``d >= 1``. At a
   numeric ``d < k`` the i-th vector keeps only its first ``min(i, d)`` coordinates (QR of the d x k
   matrix of the vectors: exact for that dimension). The scalar claim goes to the scalar deciders; a
   model (only when every quantity is a Gram entry) gives vectors in the frame, which the kernel re-checks.
"""
from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.core.relational import Relational
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .. import linalg as la
from ..counterexamples import Rejected, confirm
from ..problem import Problem
from ..verdicts import Evidence
from .base import NotApplicable, Outcome, attempt
from .contraction import contractions
from .entries import EntryNames
from .scalar import SCALAR_DECIDERS
from .words import WordPoly, close, expand, opaque_terms, reduce_word, term_key, word_text

#: the fact the frame rests on, with its source
REALISABLE = ("realisable Gram matrices: k vectors of R^d (d >= k) have exactly the PSD k x k matrices as Gram "
              "matrices, each R R^T with R lower triangular (Cholesky; Horn & Johnson, Matrix Analysis, 2nd ed., "
              "Sec. 7.2); in R^d with d < k exactly those of rank <= d (QR factorisation, ibid. Sec. 2.1)")
PSD_FORM = "u^T P u >= 0 and tr(V^T P V) >= 0 for P declared psd, ||V u||^2 >= 0 (definition of psd)"


class Translation:
    """The claim's scalars as polynomials in Gram entries, other closed words and opaque values."""

    def __init__(self, problem: Any) -> None:
        self.taken = {s.name for e in (problem.goal, *problem.hyps) for s in e.free_symbols
                      if hasattr(s, "name")}
        self.fresh = EntryNames(self.taken)
        self.gram: dict[tuple, sp.Symbol] = {}       # (x, y) sorted vectors -> <x, y>
        self.words: dict[tuple, sp.Symbol] = {}      # a closed word (not a Gram entry) -> its symbol
        self.opaque: dict[sp.Basic, sp.Symbol] = {}  # spectral values -> a real
        self.facts: list[str] = []
        self.dims: set = set()                       # dimension symbols that occur as scalars (tr(I_n))
        self.signs: list = []                        # facts of declared structure (psd forms >= 0)
        self.letters = [t for e in (problem.goal, *problem.hyps) for t in opaque_terms(e)]  # terms taken as letters
        self.hyps = [self.boolean(h) for h in problem.hyps]
        self.goal = self.boolean(problem.goal)
        self.hyps += self.signs + self._other_splits()

    @property
    def realisable(self) -> bool:
        """Whether every quantity is a Gram entry of vector variables (a model then gives vectors)."""
        return not self.words and not self.opaque and all(v.plain is not None for ab in self.gram for v in ab)

    # -- relations -------------------------------------------------------------------------------------
    def boolean(self, b: Any) -> Any:
        if isinstance(b, (sp.And, sp.Or, sp.Not, sp.Implies)):
            return b.func(*[self.boolean(a) for a in b.args])
        if b in (sp.true, sp.false):
            return b
        if not isinstance(b, Relational):
            raise NotApplicable(f"{b} is not a relation")
        lhs, rhs = (la.Tr(side) if isinstance(side, MatrixExpr) and tuple(side.shape) == (1, 1) else side
                    for side in (b.lhs, b.rhs))  # a 1 x 1 product is its one entry
        if isinstance(lhs, MatrixExpr) or isinstance(rhs, MatrixExpr):
            if not (isinstance(lhs, MatrixExpr) and isinstance(rhs, MatrixExpr)):
                raise NotApplicable(f"{b} compares a matrix with a scalar")
            if b.rel_op != "==":
                raise NotApplicable(f"the matrix relation {b} is not an equality")
            diff = la.as_matrix_expr(lhs - rhs) if not isinstance(lhs - rhs, MatrixExpr) else lhs - rhs
            return sp.Eq(self.scalar(la.Inner(diff, diff)), 0, evaluate=False)
        return b.func(self.scalar(lhs), self.scalar(rhs), evaluate=False)

    # -- scalars ---------------------------------------------------------------------------------------
    def scalar(self, e: Any) -> sp.Expr:
        e = sp.sympify(e)
        if isinstance(e, la.Inner):
            return self.trace(expand(e.args[0], self.scalar).transpose() * expand(e.args[1], self.scalar))
        if isinstance(e, la.Tr):
            return self.trace(expand(e.args[0], self.scalar))
        if isinstance(e, la.Norm):
            a = expand(e.args[0], self.scalar)
            return sp.sqrt(self.trace(a.transpose() * a))
        if isinstance(e, la.SPECTRAL):
            if e not in self.opaque:
                self.opaque[e] = self.fresh_real(str(e), nonnegative=e.is_nonnegative is True)
            return self.opaque[e]
        if isinstance(e, MatrixElement):
            if tuple(e.parent.shape) == (1, 1):
                return self.trace(expand(e.parent, self.scalar))
            raise NotApplicable(f"the entry {e} is outside the Gram reduction")
        if isinstance(e, MatrixExpr):
            raise NotApplicable(f"the matrix {e} stands where a scalar is expected")
        if isinstance(e, sp.Sum) and e.has(MatrixElement):
            total = sp.Integer(0)
            for coeff, words in contractions(e):
                value = self.scalar(coeff)
                for w, size in words:
                    value *= self.trace(WordPoly({w: sp.Integer(1)}, (size, size)))
                total += value
            return sp.expand(total)
        if isinstance(e, (sp.Sum, sp.Product, sp.Integral, sp.Derivative)):
            raise NotApplicable(f"{type(e).__name__} is outside the Gram reduction")
        if not e.args or not la.has_linalg(e):
            return e
        return e.func(*[self.scalar(a) for a in e.args])

    def _other_splits(self) -> list:
        """``<a, b>`` for vectors ``a = W1 u``, ``b = W2 v`` of the frame is the product ``u^T W1^T W2 v``: two
        pairs whose products have one normal form have equal inner products (``<v, M x> = <M v, x>`` for a
        symmetric M), stated as equalities between their Gram entries."""
        vectors = sorted({v for ab in self.gram for v in ab}, key=lambda v: v.key)
        groups: dict = {}
        for i, a in enumerate(vectors):
            for b in vectors[i:]:
                if sp.sympify(a.shape[0] - b.shape[0]) != 0:
                    continue
                word = tuple(l.t() for l in reversed(a.word)) + b.word
                pieces = close(word, 1)
                if len(pieces) == 1 and pieces[0][0] == "piece":
                    groups.setdefault(pieces[0][1], []).append((a, b))
        out = []
        for pairs in groups.values():
            if len(pairs) < 2:
                continue
            entries = []
            for pair in pairs:
                if pair not in self.gram:
                    self.gram[pair] = self.fresh(f"<{pair[0].name},{pair[1].name}>")
                entries.append(self.gram[pair])
            out += [sp.Eq(e, entries[0]) for e in entries[1:]]
            (a0, b0), (a1, b1) = pairs[0], pairs[1]
            self.facts.append(f"<{a0.name}, {b0.name}> = <{a1.name}, {b1.name}>" + (" = ..." if len(pairs) > 2 else "")
                              + " (one product, split in two places)")
        return out

    def fresh_real(self, label: str, nonnegative: bool = False) -> sp.Symbol:
        base = self.fresh(label)
        return sp.Symbol(base.name, nonnegative=True) if nonnegative else base

    def trace(self, p: WordPoly) -> sp.Expr:
        if p.shape[0] != p.shape[1]:
            raise NotApplicable(f"trace of a non-square product ({p.shape})")
        total = sp.Integer(0)
        for w, c in p.terms.items():
            value = sp.Integer(1)
            for piece in close(w, p.shape[0]):
                value *= self.piece(piece)
            total += c * value
        return sp.expand(total)

    def piece(self, piece: tuple) -> sp.Expr:
        kind = piece[0]
        if kind == "tr(I)":
            size = sp.sympify(piece[1])
            self.dims |= size.free_symbols
            return size
        word = piece[2]
        if kind == "piece" and len(word) >= 2:
            h = len(word) // 2
            a = VectorWord(tuple(l.t() for l in reversed(word[:h])))
            b = VectorWord(word[h:])
            a, b = sorted((a, b), key=lambda v: v.key)
            if (a, b) not in self.gram:
                self.gram[(a, b)] = self.fresh(f"<{a.name},{b.name}>")
                if a != b and _nonnegative_word(word, cyclic=False):  # u^T P u with P psd
                    self.signs.append(self.gram[(a, b)] >= 0)
                    self.facts.append(f"({word_text(word)}) >= 0 ({PSD_FORM})")
            return self.gram[(a, b)]
        key = (kind, piece[1])
        if key not in self.words:
            text = f"tr({word_text(word)})" if kind == "tr" else f"({word_text(word)})"
            nonneg = _nonnegative_word(word, cyclic=kind == "tr")
            if nonneg:
                self.facts.append(f"{text} >= 0 ({PSD_FORM})")
            self.words[key] = self.fresh_real(text, nonnegative=nonneg)
        return self.words[key]


class VectorWord:
    """A vector-valued word ``W v`` (``v`` a column of its last letter), as a vector of the frame: the Gram
    matrix of any vectors is PSD, so a proof for all vectors covers these; a plain vector variable is one."""

    def __init__(self, word: tuple) -> None:
        self.word = reduce_word(word)
        self.key = tuple(l.key() for l in self.word)
        self.name = word_text(self.word)
        self.shape = (self.word[0].shape[0], 1)

    @property
    def plain(self) -> Any:
        """The vector variable when the word is a single column-vector letter, else None."""
        if len(self.word) == 1 and not self.word[0].transposed and isinstance(self.word[0].symbol, la.Matrix) \
                and self.word[0].symbol.shape[1] == 1 \
                and getattr(self.word[0].symbol, "structure", "general") in la.VECTOR_STRUCTURES:
            return self.word[0].symbol
        return None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VectorWord) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)


def _nonnegative_word(w: tuple, cyclic: bool) -> bool:
    """``V^T V`` or ``V^T P V`` with ``P`` psd (for a trace: some rotation is)."""
    rotations = [w[i:] + w[:i] for i in range(len(w))] if cyclic else [w]
    for r in rotations:
        n = len(r)
        half = n // 2
        left, right = r[:half], r[n - half:]
        mirror = tuple(l.t() for l in reversed(right)) == left
        if mirror and (n % 2 == 0 or getattr(r[half].symbol, "structure", "") == "psd"):
            return True
    return False


def decide_gram(problem: Any) -> Outcome | None:
    """Decide a vector/matrix claim by its normal form, else over its Gram matrix (module docstring)."""
    exprs = [problem.goal, *problem.hyps]
    if not any(la.has_linalg(e) for e in exprs) or getattr(problem, "schemas", None):
        return None
    tr = Translation(problem)
    identity = _identity(tr)
    if identity is not None:
        return identity
    frame, cols, groups = _frame(tr)
    hyps = [h.xreplace(frame) for h in tr.hyps]
    for v, coords in cols.items():  # a unit vector: <u, u> = 1, whether or not the claim mentions its norm
        if v.plain is not None and getattr(v.plain, "structure", "") == "unit":
            hyps.append(sp.Eq(sum((c ** 2 for c in coords), sp.Integer(0)), 1))
            tr.facts.append(f"{v.name} is a unit vector: <{v.name}, {v.name}> = 1")
    goal = tr.goal.xreplace(frame)
    scalar = Problem(f"{problem.name} (Gram frame)", hyps, goal)
    equality = all(isinstance(r, Relational) and r.rel_op == "==" for r in
                   (goal.args if isinstance(goal, sp.And) else [goal]))
    for name, decider, seconds in SCALAR_DECIDERS:
        if name not in ("identity", "sign", "farkas", "z3") or (name == "identity" and not equality):
            continue
        out, _ = attempt(name, decider, scalar, seconds)
        if out is None:
            continue
        if out.proved:
            return Outcome("gram", True, Evidence("gram", _evidence(tr, groups, goal, name, out), _data(tr, groups)))
        if out.candidate is not None and tr.realisable:
            try:
                point = _realise(out.candidate, cols, groups, tr)
            except (TypeError, ValueError):  # a dimension the model left non-integer: no point
                point = None
            if point is not None:
                point = _rational(problem, point)
                return Outcome("gram", False, Evidence("gram", "a model of the negated scalar claim, as vectors in "
                                                               "the triangular frame"), candidate=point)
    return None


def _identity(tr: Translation) -> Outcome | None:
    rels = list(tr.goal.args) if isinstance(tr.goal, sp.And) else [tr.goal]
    if not rels or not all(isinstance(r, Relational) and r.rel_op == "==" for r in rels):
        return None
    if any(sp.expand(r.lhs - r.rhs) != 0 for r in rels):
        return None
    atoms = sorted({str(s) for r in rels for side in (r.lhs, r.rhs) for s in sp.sympify(side).free_symbols})
    detail = ("normal form of matrix words (expanded products, transposition, the trace's cyclic property, symmetric "
              "letters A^T = A, Q^T Q = I for orthogonal Q, tr(I_n) = n): both sides reduce to the same polynomial in "
              f"{', '.join(atoms) or 'constants'}; each rewrite is an identity of matrices of every size, so the "
              "claim holds in every dimension")
    if tr.letters:
        terms: dict = {}
        for t in tr.letters:
            terms.setdefault(term_key(t), t)   # one spelling of each
        one = len(terms) == 1
        detail += ("; " + ", ".join(str(t) for t in terms.values())
                   + (" taken as an arbitrary matrix of its shape (the identity holds for every matrix in its place)"
                      if one else " taken as arbitrary matrices of their shapes (the identity holds for every "
                                  "matrix in their places)"))
    return Outcome("gram", True, Evidence("matrix words", detail, {"atoms": atoms}))


def _frame(tr: Translation) -> tuple[dict, dict, dict]:
    """Gram entries -> triangular-frame coordinates; the coordinate symbols per vector; vectors by dimension."""
    groups: dict = {}
    for a, b in tr.gram:
        for v in (a, b):
            groups.setdefault(v.shape[0], set()).add(v)
    cols: dict = {}
    for dim, vecs in groups.items():
        ordered = sorted(vecs, key=lambda m: m.name)
        groups[dim] = ordered
        k = len(ordered)
        cap = k if not sp.sympify(dim).is_Integer else min(k, int(dim))
        for i, v in enumerate(ordered):
            label = v.name if v.plain is not None else f"({v.name})"
            cols[v] = [tr.fresh(f"{label}[{t}]") for t in range(min(i + 1, cap))]
    frame = {}
    for (a, b), g in tr.gram.items():
        frame[g] = sum((p * q for p, q in zip(cols[a], cols[b])), sp.Integer(0))
    return frame, cols, groups


def _realise(model: dict, cols: dict, groups: dict, tr: Translation) -> dict | None:
    """The model's frame coordinates as vectors (padded with zeros to the dimension), or None."""
    values = {str(k): v for k, v in model.items()}
    point: dict = {}
    for dim, vecs in groups.items():
        d = sp.sympify(dim)
        if d.is_Integer:
            size = int(d)
        elif str(d) in values:
            size = int(values[str(d)])
        else:
            size = max(len(cols[v]) for v in vecs)
            if len(d.free_symbols) != 1 or d != next(iter(d.free_symbols)):
                return None
        if not d.is_Integer:
            point[str(d)] = size
        for v in vecs:
            coords = [values.get(c.name, sp.Integer(0)) for c in cols[v]]
            if len(coords) > size:
                if any(c != 0 for c in coords[size:]):
                    return None
                coords = coords[:size]
            point[v.name] = [[c] for c in coords + [sp.Integer(0)] * (size - len(coords))]
    for k, v in values.items():
        if k not in point and not any(k == c.name for cs in cols.values() for c in cs):
            point[k] = v
    return point


def _rational(problem: Any, point: dict) -> dict:
    """The point with algebraic coordinates (a z3 model's roots) moved to nearby rationals, when the moved
    point is still a counterexample by the core's exact re-check; else the point as it is. A vector whose
    squared norm is the square of a rational stays on its sphere (inverse stereographic projection of a
    rounded point: rational and exactly of that norm), so ``||z|| = 1`` survives the rounding."""
    if all(_is_rational(v) for v in point.values()):
        return point
    for digits in (2, 4, 8, 16):
        moved = {k: (_nearby(v, digits) if isinstance(v, list) and not _is_rational(v) else v)
                 for k, v in point.items()}
        try:
            confirm(problem, moved)
        except Rejected:
            continue
        return moved
    return point


def _is_rational(v: Any) -> bool:
    if isinstance(v, list):
        return all(sp.sympify(c).is_Rational for row in v for c in row)
    return sp.sympify(v).is_Rational is not False


def _round(c: Any, digits: int) -> sp.Rational:
    c = sp.sympify(c)
    return c if c.is_Rational else sp.Rational(str(sp.N(c, digits + 5))).limit_denominator(10 ** digits)


def _nearby(v: list, digits: int) -> list:
    """Rational coordinates near the vector ``v`` (a column as a list of rows), on its sphere when its
    radius is rational."""
    coords = [sp.sympify(row[0]) for row in v]
    radius = sp.sqrt(sp.nsimplify(sp.expand(sum(c ** 2 for c in coords))))
    if not (radius.is_Rational and radius > 0 and len(coords) > 1):
        return [[_round(c, digits)] for c in coords]
    unit = [c / radius for c in coords]
    if sp.N(unit[-1]) > 0:  # project from the pole farther away, for accuracy
        unit = [-c for c in unit]
        sign = -1
    else:
        sign = 1
    w = [_round(c / (1 - unit[-1]), digits) for c in unit[:-1]]
    s2 = sum(c ** 2 for c in w)
    on = [2 * c / (s2 + 1) for c in w] + [(s2 - 1) / (s2 + 1)]
    return [[sign * radius * c] for c in on]


def _evidence(tr: Translation, groups: dict, goal: Any, name: str, out: Outcome) -> str:
    parts = []
    for dim, vecs in groups.items():
        k = len(vecs)
        d = sp.sympify(dim)
        names = ", ".join(v.name for v in vecs)
        if d.is_Integer and int(d) < k:
            parts.append(f"{k} vectors {names} in dimension {d} < {k}: the i-th keeps its first min(i, {d}) "
                         f"coordinates in a triangular frame (QR), which is exact for rank <= {d}")
        else:
            parts.append(f"{k} vector{'s' if k > 1 else ''} {names} in dimension {d}: triangular-frame coordinates "
                         f"({k * (k + 1) // 2} reals) cover every PSD {k} x {k} Gram matrix; the claim holds for "
                         f"every dimension d >= {k}; realisable Gram matrices are exactly the PSD ones (and for "
                         f"d < {k} the PSD ones of rank <= d, among them), so it holds in every dimension")
    extra = []
    built = sorted({v.name for ab in tr.gram for v in ab if v.plain is None})
    if built:
        extra.append("vector words taken as vectors of the frame (their Gram matrix is PSD, so a proof for all "
                     "vectors covers them): " + ", ".join(built))
    if tr.words:
        extra.append("closed words kept as reals: " + ", ".join(str(s) for s in tr.words.values()))
    if tr.opaque:
        extra.append("abstracted as reals: " + ", ".join(str(k) for k in tr.opaque))
    if tr.facts:
        extra.append("facts used: " + "; ".join(tr.facts))
    return (f"Gram reduction ({'; '.join(parts) or 'no vectors'}); {REALISABLE}; "
            + ("; ".join(extra) + "; " if extra else "")
            + f"the scalar claim {goal} is proved by {name}: {out.evidence.detail}")


def _data(tr: Translation, groups: dict) -> dict:
    return {"vectors": {str(d): [v.name for v in vs] for d, vs in groups.items()},
            "gram": [str(g) for g in tr.gram.values()], "words": [str(s) for s in tr.words.values()],
            "abstracted": [str(k) for k in tr.opaque], "facts": list(tr.facts), "realisable": REALISABLE}


__all__ = ["decide_gram", "Translation", "REALISABLE"]
