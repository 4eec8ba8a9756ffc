"""Claims and derivations: the statements a user writes.

A ``Claim`` says: under the hypotheses ``given``, the relation ``show`` holds for every value of its
symbols allowed by their assumptions. A ``Derivation`` is a chain ``e0 R1 e1 R2 e2 ...`` whose links
are each a claim under the same hypotheses; it proves ``e0 R en``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

import sympy as sp

from .continuous import CONTINUOUS_RULES, During
from .rules import ForAll, Induction, Rule, Substitute, Use, lemma_instances, schema_relation

STATUSES = ("proved", "tested", "refuted", "error", "blocked", "unknown")
_RELATIONS = {"eq": sp.Eq, "le": sp.Le, "lt": sp.Lt, "ge": sp.Ge, "gt": sp.Gt}


def _check_common(name: Any, source: Any, expect: Any, kind: str) -> None:
    if not isinstance(name, str) or not name.strip():
        raise TypeError(f"{kind}: name must be a non-empty string, got {name!r}")
    if not isinstance(source, str):
        raise TypeError(f"{kind} {name!r}: source must be a string such as '000, Theorem 2'")
    if expect is not None and expect not in STATUSES:
        raise ValueError(f"{kind} {name!r}: expect must be one of {STATUSES} or None, got {expect!r}")


def _as_tuple(given: Any, name: str, kind: str) -> tuple:
    if given is None:
        return ()
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise TypeError(f"{kind} {name!r}: given must be a list of relations, got {type(given).__name__}")
    return tuple(given)


def _number(value: Any) -> Any:
    """Python numbers in a chain become exact sympy numbers (floats stay floats, visibly inexact)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return sp.sympify(value)
    return value


class Claim:
    """``Claim(name, given=[...], show=relation, source="", expect=None, by=None)``.

    ``by`` optionally names how to prove it (``induction(k)``, a ``use(...)``, or a reason string).
    """

    def __init__(self, name: str, given: Iterable = (), show: Any = None, source: str = "",
                 expect: str | None = None, by: Rule | str | None = None) -> None:
        _check_common(name, source, expect, "Claim")
        self.name = name
        self.given = _as_tuple(given, name, "Claim")
        self.show = show
        self.source = source
        self.expect = expect
        self.by = by

    @property
    def claim(self) -> "Claim":
        return self

    @property
    def uses(self) -> list[str]:
        """Names of the lemmas this claim instantiates (in ``given``, also under ``forall``, or ``by``)."""
        found = [u.name for u in lemma_instances(self.given)]
        if isinstance(self.by, Use):
            found.append(self.by.name)
        return list(dict.fromkeys(found))

    def used_lemmas(self) -> list[Any]:
        found = [u.lemma for u in lemma_instances(self.given)]
        if isinstance(self.by, Use):
            found.append(self.by.lemma)
        return found

    def symbols(self) -> set[sp.Symbol]:
        """Every free symbol of the hypotheses and conclusion."""
        out: set[sp.Symbol] = set()
        for item in (*self.given, self.show):
            if isinstance(item, ForAll):
                out |= schema_relation(item).free_symbols - {item.var}
            elif isinstance(item, Use):
                out |= item.conclusion().free_symbols
            elif isinstance(item, During):
                out |= item.free_symbols()
            elif isinstance(item, sp.Basic):
                out |= item.free_symbols
        return out

    def __repr__(self) -> str:
        hyps = ", ".join(str(g) for g in self.given)
        return f"Claim({self.name!r}: [{hyps}] => {self.show})"


@dataclass(frozen=True)
class Link:
    """One relation ``lhs REL rhs`` of a derivation with its justification."""

    index: int
    op: str  # eq, le, lt, ge, gt
    lhs: Any
    rhs: Any
    by: Any

    @property
    def relation(self) -> Any:
        return _RELATIONS[self.op](self.lhs, self.rhs, evaluate=False)

    @property
    def reason(self) -> str:
        return self.by if isinstance(self.by, str) else (str(self.by) if self.by is not None else "")


class Derivation:
    """A chain of relations, written like the slide: ``Derivation(...).le(e1, by=...).eq(e2, by=...)``.

    ``show`` (optional) is the conclusion the chain must establish exactly; without it the
    conclusion is ``start REL end`` with the composed relation.
    """

    def __init__(self, name: str, given: Iterable = (), start: Any = None, source: str = "",
                 expect: str | None = None, show: Any = None) -> None:
        _check_common(name, source, expect, "Derivation")
        self.name = name
        self.given = _as_tuple(given, name, "Derivation")
        self.start = _number(start)
        self.source = source
        self.expect = expect
        self.stated = show
        self.links: list[Link] = []

    def _add(self, op: str, expr: Any, by: Any) -> "Derivation":
        if by is not None and not isinstance(by, (str, Substitute, Use, Induction, *CONTINUOUS_RULES)):
            raise TypeError(f"Derivation {self.name!r}, link {len(self.links) + 1}: by= must be a reason "
                            f"string, substitute(...), use(...) or induction(...), got {type(by).__name__}")
        prev = self.links[-1].rhs if self.links else self.start
        self.links.append(Link(len(self.links), op, prev, _number(expr), by))
        return self

    def eq(self, expr: Any, by: Any = None) -> "Derivation":
        return self._add("eq", expr, by)

    def le(self, expr: Any, by: Any = None) -> "Derivation":
        return self._add("le", expr, by)

    def lt(self, expr: Any, by: Any = None) -> "Derivation":
        return self._add("lt", expr, by)

    def ge(self, expr: Any, by: Any = None) -> "Derivation":
        return self._add("ge", expr, by)

    def gt(self, expr: Any, by: Any = None) -> "Derivation":
        return self._add("gt", expr, by)

    def composed_op(self) -> str | None:
        """The relation the chain establishes, or None if links point in opposite directions."""
        ops = {link.op for link in self.links}
        if not ops or ops == {"eq"}:
            return "eq"
        up, down = ops & {"le", "lt"}, ops & {"ge", "gt"}
        if up and down:
            return None
        if up:
            return "lt" if "lt" in ops else "le"
        return "gt" if "gt" in ops else "ge"

    @property
    def end(self) -> Any:
        return self.links[-1].rhs if self.links else self.start

    @property
    def claim(self) -> Claim:
        """The conclusion as a claim: the stated ``show`` or ``start REL end``."""
        if self.stated is not None:
            show = self.stated
        else:
            op = self.composed_op() or "eq"
            show = _RELATIONS[op](self.start, self.end, evaluate=False) if self.links else None
        claim = Claim(self.name, self.given, show, self.source, self.expect)
        return claim

    @property
    def show(self) -> Any:
        return self.claim.show

    @property
    def uses(self) -> list[str]:
        found = [u.name for u in lemma_instances(self.given)]
        found += [link.by.name for link in self.links if isinstance(link.by, Use)]
        return list(dict.fromkeys(found))

    def used_lemmas(self) -> list[Any]:
        found = [u.lemma for u in lemma_instances(self.given)]
        return found + [link.by.lemma for link in self.links if isinstance(link.by, Use)]

    def symbols(self) -> set[sp.Symbol]:
        out = self.claim.symbols()
        for link in self.links:
            for side in (link.lhs, link.rhs):
                if isinstance(side, sp.Basic):
                    out |= side.free_symbols
        return out

    def __repr__(self) -> str:
        return f"Derivation({self.name!r}, {len(self.links)} links)"


__all__ = ["Claim", "Derivation", "Link", "STATUSES"]
