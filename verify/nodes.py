"""Nodes of the lemma graph: what ``theorems/`` declares.

A node wraps one statement (a ``Claim``, a ``Derivation`` or an ``Experiment``) with its kind, topic
and source, and records separately what its *statement* uses (definitions it mentions) and what its
*proof* uses (lemmas and axioms it relies on). Lemmas cited through ``use(...)`` inside the statement's
proof are added to ``proof_uses`` automatically.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

KINDS = ("definition", "axiom", "lemma", "theorem", "erratum", "experiment")


@dataclass
class Node:
    """One vertex of the graph. ``corrects`` (errata only) names the corrected twin."""

    name: str
    kind: str
    statement: Any  # Claim | Derivation | Experiment | None (a definition may state nothing)
    topic: str = ""
    source: str = ""
    expect: str | None = None
    uses: tuple[str, ...] = ()
    proof_uses: tuple[str, ...] = ()
    corrects: str | None = None
    note: str = ""
    module: str = ""

    @property
    def dependencies(self) -> tuple[str, ...]:
        """Everything this node's verdict depends on: statement uses, then proof uses."""
        return tuple(dict.fromkeys((*self.uses, *self.proof_uses)))


def node(statement: Any, kind: str = "lemma", *, name: str | None = None, topic: str = "",
         source: str | None = None, expect: str | None = None, uses: Iterable[str] = (),
         proof_uses: Iterable[str] = (), corrects: str | None = None, note: str = "") -> Node:
    """Declare a node for ``statement``; name, source and expect default to the statement's own.

    ``uses``/``proof_uses`` accept node names or objects with a ``.name``.
    """
    if kind not in KINDS:
        raise ValueError(f"node: kind must be one of {KINDS}, got {kind!r}")
    if name is None:
        name = getattr(statement, "name", None)
    if not isinstance(name, str) or not name:
        raise TypeError("node: give a name, or a statement that has one")
    if kind == "erratum" and not corrects:
        raise ValueError(f"node {name!r}: an erratum must name its corrected twin with corrects=")
    auto = tuple(getattr(statement, "uses", ()) or ())
    return Node(
        name=name,
        kind=kind,
        statement=statement,
        topic=topic,
        source=source if source is not None else getattr(statement, "source", ""),
        expect=expect if expect is not None else getattr(statement, "expect", None),
        uses=tuple(_names(uses)),
        proof_uses=tuple(dict.fromkeys((*_names(proof_uses), *auto))),
        corrects=corrects,
        note=note,
    )


def _names(items: Iterable[Any]) -> list[str]:
    out = []
    for item in items:
        out.append(item if isinstance(item, str) else getattr(item, "name"))
    return out
