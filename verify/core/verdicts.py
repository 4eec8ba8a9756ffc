"""Verdicts: what `check` answers, and the evidence each answer must carry.

The order of trust is fixed: ``proved`` needs a symbolic procedure, ``refuted`` needs an exactly
re-checked counterexample, ``tested`` is a numeric pass and nothing more.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import mpmath
import numpy as np
import sympy as sp


class Status(str, Enum):
    """The six verdicts of DESIGN.md."""

    PROVED = "proved"
    TESTED = "tested"
    REFUTED = "refuted"
    ERROR = "error"
    BLOCKED = "blocked"
    UNKNOWN = "unknown"

    def __str__(self) -> str:  # "proved", not "Status.PROVED"
        return self.value


#: Meet order for "a result is as strong as its weakest part" (lower index = stronger).
_STRENGTH = [Status.PROVED, Status.TESTED, Status.UNKNOWN, Status.BLOCKED, Status.REFUTED, Status.ERROR]


def weakest(statuses: "list[Status]") -> Status:
    """The meet of proof statuses: proved > tested > unknown > blocked > refuted > error."""
    return max(statuses, key=_STRENGTH.index, default=Status.PROVED)


@dataclass
class Evidence:
    """One piece of evidence: which rule or method, and what it computed (human readable)."""

    rule: str
    detail: str
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "detail": self.detail, "data": _jsonable(self.data)}


@dataclass
class Verdict:
    """The answer for one claim (or one derivation link).

    ``counterexample`` maps each symbol name to an exact sympy number (refuted only);
    ``sides`` holds the violated relation's two sides evaluated exactly there.
    For derivations, ``links`` holds each link's verdict and ``failed_link`` the number of the first
    bad one, counted from 1 as every message counts links (``failing`` is that link's verdict).
    """

    status: Status
    name: str
    evidence: list[Evidence] = field(default_factory=list)
    counterexample: dict[str, Any] | None = None
    sides: tuple[Any, Any] | None = None
    message: str = ""
    seconds: float = 0.0
    links: list["Verdict"] = field(default_factory=list)
    failed_link: int | None = None
    relation: str = ""

    @property
    def failing(self) -> "Verdict | None":
        """The first failing link's own verdict (its counterexample is the one to read first), or None."""
        if self.failed_link is None or not 1 <= self.failed_link <= len(self.links):
            return None
        return self.links[self.failed_link - 1]

    @property
    def ok(self) -> bool:
        return self.status in (Status.PROVED, Status.TESTED)

    def __str__(self) -> str:
        head = f"{self.name}: {self.status.value}"
        if self.message:
            head += f" ({self.message})"
        return head

    def explain(self) -> str:
        """A multi-line human account: status, the first failing link and its own counterexample (for a
        derivation), evidence, the counterexample, then every link (refuted ones with theirs)."""
        lines = [str(self)]
        bad = self.failing
        if bad is not None:
            why = f" ({bad.message})" if bad.message else ""
            lines.append(f"  first failing link: link {self.failed_link}: {bad.relation} is {bad.status.value}{why}")
            lines.extend(_point_lines(bad, "    "))
        for ev in self.evidence:
            lines.append(f"  [{ev.rule}] {ev.detail}")
        if self.counterexample is not None:
            what = "counterexample to the conclusion" if self.links else "counterexample"
            lines.extend(_point_lines(self, "  ", what))
        for i, link in enumerate(self.links, start=1):
            mark = "  <- first failing link" if i == self.failed_link else ""
            lines.append(f"  link {i}: {link.relation} : {link.status.value}{mark}")
            if link.counterexample is not None and i != self.failed_link:
                lines.extend(_point_lines(link, "    "))
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status.value,
            "relation": self.relation,
            "message": self.message,
            "seconds": round(self.seconds, 4),
            "evidence": [e.to_json() for e in self.evidence],
            "counterexample": _jsonable(self.counterexample),
            "sides": _jsonable(list(self.sides)) if self.sides is not None else None,
            "failed_link": self.failed_link,
            "links": [link.to_json() for link in self.links],
        }


def _point_lines(v: Verdict, indent: str, what: str = "counterexample") -> list[str]:
    if v.counterexample is None:
        return []
    cx = ", ".join(f"{k} = {x}" for k, x in v.counterexample.items())
    out = [f"{indent}{what}: {cx}"]
    if v.sides is not None:
        out.append(f"{indent}there: left side = {v.sides[0]}, right side = {v.sides[1]}")
    return out


def _jsonable(value: Any) -> Any:
    """Exact sympy numbers become strings (``"3/7"``, ``"sqrt(2)"``), containers recurse."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, sp.MatrixBase):
        return [[_jsonable(x) for x in row] for row in value.tolist()]
    if isinstance(value, sp.Basic):
        return str(value)
    if isinstance(value, (mpmath.mpf, np.floating)):
        return mpmath.nstr(mpmath.mpf(value), 30)  # a plain decimal that parse_number reads back
    if isinstance(value, np.integer):
        return int(value)
    return repr(value)
