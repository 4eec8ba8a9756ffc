"""A normal form for polynomials in matrix and vector symbols, valid in every dimension.

A matrix expression built from symbols, ``+``, scalar multiples, products, transposes, identities and
non-negative integer powers is expanded to ``sum_w c_w w``: each ``w`` a word (a product of letters
``A`` or ``A^T``). A masked matrix ``P_Omega(A)``, ``pinv(A)`` or ``expm(A)`` is a letter of its own, an
arbitrary matrix of its shape (so what is proved holds for every matrix in its place, this one included). Rewrites, each an identity of matrices of any size: ``I W = W``; ``A^T = A`` for a
symmetric (psd, diagonal) ``A``; ``Q^T Q = Q Q^T = I`` for an orthogonal ``Q``; ``(W1 W2)^T = W2^T W1^T``.

A scalar ``tr(W)``, ``<U, V> = tr(U^T V)`` or ``norm(U) = sqrt(<U, U>)`` becomes a polynomial in closed
words. A closed word is split wherever its product passes through a dimension that is literally 1
(``tr(a x^T B y c^T) = (x^T B y)(c^T a)``: each piece is a 1 x 1 matrix); a piece is canonical up to
transposition (``u^T W v = v^T W^T u``), an unsplit closed word up to rotation (``tr(W1 W2) = tr(W2 W1)``)
and transposition; ``tr(I_n) = n``. So two scalars with equal normal forms are equal for every value of
every symbol and every dimension: an identity proved here holds in every dimension (sound, not complete:
Cayley-Hamilton-type identities of a fixed size are not found).
"""
from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.matrices.expressions.matexpr import MatrixElement, MatrixExpr

from .. import linalg as la
from ..matrix_forms import is_symmetric
from .base import NotApplicable

_SYMMETRIC = ("symmetric", "psd", "diagonal")


class Letter:
    """``A`` (``transposed`` False) or ``A^T``; ``symbol`` is kept for shapes and structure."""

    __slots__ = ("name", "transposed", "symbol")

    def __init__(self, name: str, transposed: bool, symbol: Any) -> None:
        self.name, self.transposed, self.symbol = name, transposed, symbol

    @property
    def shape(self) -> tuple:
        r, c = self.symbol.shape
        return (c, r) if self.transposed else (r, c)

    def t(self) -> "Letter":
        """The transpose (a symmetric letter is its own)."""
        return letter(self.symbol, not self.transposed)

    def key(self) -> tuple:
        return (self.name, self.transposed)

    def __str__(self) -> str:
        return self.name + ("^T" if self.transposed else "")

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Letter) and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())


def letter(m: sp.MatrixSymbol, transposed: bool) -> Letter:
    structure = getattr(m, "structure", "general")
    if structure in _SYMMETRIC:
        transposed = False
    return Letter(m.name, transposed, m)


#: matrix-valued terms the normal form takes as letters of their own: masked matrices, pseudo-inverses and
#: exponentials (sympy's ``Inverse`` is left out: its products are simplified as if the matrix were invertible)
OPAQUE = (sp.HadamardProduct, la.Pinv, la.Expm)


class OpaqueLetter(Letter):
    """A matrix-valued term (``P_Omega(A)``, ``pinv(A)``, ``expm(A)``) taken as an arbitrary matrix of its
    shape: an identity of the normal form holds for every matrix in its place, so for this one. Its key is
    the term itself (two terms are one letter only when they are the same expression); it is its own
    transpose only when it is symmetric by form (``expm`` of a symmetric matrix)."""

    __slots__ = ()

    def t(self) -> "Letter":
        return opaque_letter(self.symbol, not self.transposed)

    def key(self) -> tuple:
        return ("<term>", term_key(self.symbol), self.transposed)


def term_key(term: Any) -> Any:
    """A term's identity as a letter: its expression, with the factors of an entrywise product unordered
    (``A o B = B o A``; sympy orders them differently inside different products)."""
    if isinstance(term, sp.HadamardProduct):
        return ("o", tuple(sorted(sp.srepr(a) for a in term.args)))
    return ("t", (sp.srepr(term),))   # one type for every key: words are ordered by their keys


def opaque_letter(term: Any, transposed: bool) -> OpaqueLetter:
    if is_symmetric(term):
        transposed = False
    return OpaqueLetter(f"[{term}]", transposed, term)


def opaque_terms(e: Any) -> list:
    """The outermost terms of ``e`` that the normal form takes as letters (``OPAQUE``), in order of appearance."""
    out: list = []

    def walk(node: Any) -> None:
        if isinstance(node, OPAQUE):
            if node not in out:
                out.append(node)
            return
        for a in getattr(node, "args", ()):
            walk(a)
    walk(sp.sympify(e))
    return out


Word = tuple  # of Letters; the empty word is an identity (its size is kept by the polynomial's shape)


class WordPoly:
    """``sum_w c_w w`` with scalar coefficients, of a given shape (rows, cols)."""

    def __init__(self, terms: dict, shape: tuple) -> None:
        self.terms = {w: c for w, c in terms.items() if c != 0}
        self.shape = shape

    def __add__(self, other: "WordPoly") -> "WordPoly":
        out = dict(self.terms)
        for w, c in other.terms.items():
            out[w] = out.get(w, 0) + c
        return WordPoly(out, self.shape)

    def scale(self, c: sp.Expr) -> "WordPoly":
        return WordPoly({w: c * v for w, v in self.terms.items()}, self.shape)

    def __mul__(self, other: "WordPoly") -> "WordPoly":
        out: dict = {}
        for w1, c1 in self.terms.items():
            for w2, c2 in other.terms.items():
                w = reduce_word(w1 + w2)
                out[w] = out.get(w, 0) + c1 * c2
        return WordPoly(out, (self.shape[0], other.shape[1]))

    def transpose(self) -> "WordPoly":
        return WordPoly({reduce_word(tuple(l.t() for l in reversed(w))): c for w, c in self.terms.items()},
                        (self.shape[1], self.shape[0]))


def reduce_word(w: Word) -> Word:
    """Cancel ``Q^T Q`` and ``Q Q^T`` for orthogonal ``Q`` (repeatedly)."""
    out: list = []
    for l in w:
        if out and out[-1].name == l.name and out[-1].transposed != l.transposed \
                and getattr(l.symbol, "structure", "") == "orthogonal":
            out.pop()
        else:
            out.append(l)
    return tuple(out)


def expand(e: Any, scalar: Any) -> WordPoly:
    """The word polynomial of a matrix expression; ``scalar`` maps a scalar coefficient to its normal
    form. NotApplicable for what the normal form does not cover (entries, masks, inverses, ...)."""
    if isinstance(e, sp.MatrixSymbol):
        return WordPoly({(letter(e, False),): sp.Integer(1)}, tuple(e.shape))
    if isinstance(e, sp.Identity):
        return WordPoly({(): sp.Integer(1)}, tuple(e.shape))
    if isinstance(e, sp.ZeroMatrix):
        return WordPoly({}, tuple(e.shape))
    if isinstance(e, sp.Transpose):
        return expand(e.arg, scalar).transpose()
    if isinstance(e, sp.MatAdd):
        parts = [expand(a, scalar) for a in e.args]
        out = parts[0]
        for p in parts[1:]:
            out = out + p
        return out
    if isinstance(e, sp.MatMul) or (isinstance(e, sp.Mul) and any(isinstance(a, MatrixExpr) for a in e.args)):
        coeff = sp.Integer(1)
        out = None
        for a in e.args:
            if isinstance(a, MatrixExpr):
                p = expand(a, scalar)
                out = p if out is None else out * p
            else:
                coeff = coeff * scalar(a)
        return out.scale(coeff)
    if isinstance(e, sp.MatPow):
        k = e.args[1]
        if not (k.is_Integer and int(k) >= 0):
            raise NotApplicable(f"the power {e} is not a non-negative integer power")
        base = expand(e.args[0], scalar)
        out = WordPoly({(): sp.Integer(1)}, base.shape)
        for _ in range(int(k)):
            out = out * base
        return out
    if isinstance(e, OPAQUE):
        return WordPoly({(opaque_letter(e, False),): sp.Integer(1)}, tuple(e.shape))
    if isinstance(e, (MatrixElement, sp.Inverse)):
        raise NotApplicable(f"{type(e).__name__} ({e}) is outside the word normal form")
    if isinstance(e, sp.ImmutableMatrix) or isinstance(e, sp.MatrixBase):
        raise NotApplicable(f"an explicit matrix ({e}) is outside the word normal form")
    raise NotApplicable(f"{e} ({type(e).__name__}) is not a matrix expression the word normal form covers")


def close(w: Word, size: Any) -> list[tuple]:
    """``tr(w)`` as a product of canonical pieces (each a tuple of letters); the empty word: ``[size]``
    marker (``tr(I_size) = size``)."""
    if not w:
        return [("tr(I)", size)]
    cuts = [i for i in range(len(w)) if sp.sympify(w[i].shape[0]) == 1]
    if not cuts:
        w = _cyclic_reduce(w)
        if not w:
            return [("tr(I)", size)]
        rotations = [w[i:] + w[:i] for i in range(len(w))]
        rt = tuple(l.t() for l in reversed(w))
        rotations += [rt[i:] + rt[:i] for i in range(len(rt))]
        return [("tr", min(tuple(l.key() for l in r) for r in rotations), min(rotations, key=_key))]
    pieces = []
    rot = w[cuts[0]:] + w[:cuts[0]]
    shift = [c - cuts[0] for c in cuts] + [len(w)]
    for a, b in zip(shift, shift[1:]):
        piece = reduce_word(rot[a:b])
        rev = tuple(l.t() for l in reversed(piece))
        best = min(piece, rev, key=_key)
        pieces.append(("piece", tuple(l.key() for l in best), best))
    return pieces


def _cyclic_reduce(w: Word) -> Word:
    """Cancel ``Q^T Q`` across the seam of a closed word (``tr(Q^T W Q) = tr(W)``)."""
    w = reduce_word(w)
    while len(w) >= 2 and reduce_word((w[-1], w[0])) == ():
        w = reduce_word(w[1:-1])
    return w


def _key(w: Word) -> tuple:
    return tuple(l.key() for l in w)


def word_text(w: Word) -> str:
    return "*".join(str(l) for l in w) or "I"


__all__ = ["Letter", "OpaqueLetter", "WordPoly", "expand", "close", "letter", "opaque_letter", "opaque_terms", "term_key",
           "reduce_word", "word_text"]
