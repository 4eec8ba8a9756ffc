"""The JSON report of a run: a stable, documented format (see ``docs/report.md``).

Top level (``schema_version`` 3)::

    {"schema_version": 3, "tool": {...}, "created": ISO-8601 UTC, "settings": {...},
     "summary": {...}, "topics": {...}, "coverage": {...} | null, "load_errors": [...],
     "warnings": [...], "nodes": [...]}

Each entry of ``nodes`` (in topological order) has: ``name kind topic module source expect
status own_status meets_expectation message uses proof_uses used_by corrects corrected_by cached
seconds wall_seconds evidence counterexample sides failed_link links verdict assumptions
unbacked_proof_uses hypotheses conclusion derivation symbols plots note``, where ``status`` is the final
verdict after the graph meet, ``own_status`` and ``verdict`` are the node's own check
(``Verdict.to_json()``), and ``counterexample`` values are exact numbers written as text. Fields are only
ever added within a schema version, never renamed or removed; version 2 turned the erratum links around
(see ``docs/report.md``).
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from .graph import is_clean
from .loader import LoadError
from .report_statements import statement_fields
from .runner import NodeResult, RunResult
from .core.verdicts import Status, Verdict

SCHEMA_VERSION = 3
#: The seed the numeric attack uses when none is given (``verify.core.kernel.check``'s default).
DEFAULT_SEED = 0
_POSITIVE = [Status.PROVED, Status.TESTED, Status.UNKNOWN]  # strongest first


def meets(status: Status, expect: str | None) -> bool:
    """Does a final verdict meet the author's expectation?

    ``proved``/``tested``/``unknown`` are met by that status or a stronger one; ``refuted``,
    ``error`` and ``blocked`` only by themselves. No expectation means: not refuted, error or
    blocked.
    """
    if expect is None:
        return status in _POSITIVE
    wanted = Status(expect)
    if wanted in _POSITIVE:
        return status in _POSITIVE and _POSITIVE.index(status) <= _POSITIVE.index(wanted)
    return status == wanted


def node_entry(result: NodeResult, run: RunResult) -> dict[str, Any]:
    """The report entry of one node."""
    node, final, own = result.node, result.final, result.own
    graph = run.graph
    corrects = sorted(n.name for n in graph.nodes.values() if n.corrects == node.name)
    return {
        "name": node.name,
        "kind": node.kind,
        "topic": node.topic,
        "module": node.module,
        "source": node.source,
        "expect": node.expect,
        "status": final.status.value,
        "own_status": own.status.value,
        "meets_expectation": meets(final.status, node.expect),
        "message": account(final),
        "uses": list(node.uses),
        "proof_uses": list(node.proof_uses),
        "used_by": graph.used_by(node.name) if node.name in graph.digraph else [],
        "corrects": corrects,
        "corrected_by": node.corrects,
        "note": node.note,
        "cached": result.cached,
        "seconds": round(own.seconds, 4),
        "wall_seconds": round(result.wall_seconds, 4),
        "evidence": [e.to_json() for e in final.evidence],
        "counterexample": final.to_json()["counterexample"],
        "sides": final.to_json()["sides"],
        "failed_link": own.failed_link,
        "links": [link.to_json() for link in own.links],
        "verdict": own.to_json(),
        "assumptions": [dict(a) for a in result.assumptions],
        "unbacked_proof_uses": list(result.unbacked),
        **statement_fields(node.statement),
        "plots": plots(final),
    }


def account(verdict: Verdict) -> str:
    """One line on the verdict: its own message, else what its evidence says (the counterexample and
    both sides for a refutation, the deciding rule for a proof, the attack for a test)."""
    if verdict.status is Status.REFUTED and verdict.counterexample is not None:
        point = ", ".join(f"{k} = {v}" for k, v in verdict.counterexample.items())
        sides = (f"; there the left side is {verdict.sides[0]} and the right side {verdict.sides[1]}"
                 if verdict.sides is not None else "")
        return (verdict.message or f"fails at {point}") + sides
    if verdict.message:
        return verdict.message
    own = [e for e in verdict.evidence if not e.rule.startswith("graph:")]
    if not own:
        return verdict.status.value
    first = own[-1] if verdict.status is Status.TESTED else own[0]
    detail = " ".join(first.detail.split())
    return _clip(f"{verdict.status.value} ({first.rule}): {detail}" if detail else
                 f"{verdict.status.value} ({first.rule})", 240)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def plots(verdict: Verdict) -> list[dict[str, Any]]:
    """The data of the figures of a node: each trajectory an experiment kept (observed values against
    the claimed bound per iterate) and each width sweep (``{"x", "y", "claimed_slope", ...}``)."""
    out = []
    for ev in verdict.evidence:
        data = ev.data or {}
        trajectory = data.get("trajectory")
        if isinstance(trajectory, dict) and "observed" in trajectory and "claimed" in trajectory:
            which = "counterexample" if verdict.status is Status.REFUTED else "worst instance"
            out.append({"kind": "trajectory", "instance": which, "first_iterate": trajectory.get("first_iterate", 0),
                        "observed": list(trajectory["observed"]), "claimed": list(trajectory["claimed"])})
        sweep = data.get("sweep")
        if isinstance(sweep, dict) and "x" in sweep and "y" in sweep:
            out.append({"kind": "sweep", **sweep})
    return out


def build(run: RunResult, *, load_errors: Iterable[LoadError] = (), coverage: Any = None,
          version: str = "") -> dict[str, Any]:
    """The whole report as a JSON-ready dict."""
    entries = [node_entry(r, run) for r in run.results.values()]
    load_errors = list(load_errors)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "nonconvex-verify", "version": version},
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "settings": settings(run.settings),
        "summary": summary(entries, load_errors, run.seconds),
        "topics": topics(entries),
        "coverage": coverage.to_json() if coverage is not None else None,
        "load_errors": [e.to_json() for e in load_errors],
        "warnings": list(run.warnings),
        "nodes": entries,
    }


def settings(given: dict[str, Any]) -> dict[str, Any]:
    """The run's settings with ``seed`` the seed actually used (the default when none was given) and
    ``seed_given`` as passed (null: none; experiments then run hypothesis derandomized)."""
    out = dict(given)
    out["seed_given"] = given.get("seed")
    out["seed"] = DEFAULT_SEED if given.get("seed") is None else given["seed"]
    return out


def summary(entries: list[dict], load_errors: list[LoadError], seconds: float) -> dict[str, Any]:
    counts = {s.value: 0 for s in Status}
    for e in entries:
        counts[e["status"]] += 1
    unmet = [e["name"] for e in entries if not e["meets_expectation"]]
    errata = [e["name"] for e in entries if e["kind"] == "erratum" and e["status"] == "refuted"]
    gaps = [e["name"] for e in entries if e["kind"] == "theorem" and not is_clean(e.get("assumptions", []))]
    return {
        "nodes": len(entries),
        "by_status": counts,
        "definitions": sum(1 for e in entries if is_definition(e)),
        "checked": sum(1 for e in entries if not e["cached"]),
        "cached": sum(1 for e in entries if e["cached"]),
        "unmet_expectations": unmet,
        "errata_found": errata,
        "theorems_with_assumption_gaps": len(gaps),
        "assumption_gaps": gaps,
        "unbacked_proof_uses": sum(len(e.get("unbacked_proof_uses", [])) for e in entries),
        "load_errors": len(load_errors),
        "ok": not unmet and not load_errors,
        "seconds": round(seconds, 3),
    }


def is_definition(entry: dict) -> bool:
    """A definition that states nothing: its verdict is ``proved`` with nothing checked, so the counts
    give it a place of its own (``definitions``) rather than inflate the proved ones."""
    return entry["kind"] == "definition" and entry["status"] == "proved" and entry.get("own_status", "proved") == "proved"


def topics(entries: list[dict]) -> dict[str, dict[str, int]]:
    """Per topic: how many nodes have each final status, how many errata were found, and how many of
    the proved are definitions (``definitions``: they state nothing to check)."""
    out: dict[str, dict[str, int]] = {}
    for e in entries:
        row = out.setdefault(e["topic"] or "(no topic)", {**{s.value: 0 for s in Status}, "errata": 0, "nodes": 0,
                                                          "definitions": 0})
        row[e["status"]] += 1
        row["nodes"] += 1
        if is_definition(e):
            row["definitions"] += 1
        if e["kind"] == "erratum" and e["status"] == "refuted":
            row["errata"] += 1
    return dict(sorted(out.items()))


def write(report: dict[str, Any], path: str | Path) -> None:
    """Write ``report`` to ``path``; raises ``OSError`` with a message naming the path."""
    path = Path(path)
    text = json.dumps(report, indent=2, sort_keys=False, ensure_ascii=False)
    try:
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    except OSError as exc:
        raise OSError(f"cannot write the report to {path}: {exc.strerror or exc}") from None


def validate(report: Any) -> list[str]:
    """Problems with a report's shape (empty list: it matches schema version 2)."""
    problems = []
    if not isinstance(report, dict):
        return ["the report must be a JSON object"]
    if report.get("schema_version") != SCHEMA_VERSION:
        problems.append(f"schema_version must be {SCHEMA_VERSION}")
    for key in ("tool", "created", "settings", "summary", "topics", "load_errors", "warnings", "nodes"):
        if key not in report:
            problems.append(f"missing top-level field {key!r}")
    statuses = {s.value for s in Status}
    for i, node in enumerate(report.get("nodes", []) if isinstance(report.get("nodes"), list) else []):
        for key in NODE_FIELDS:
            if key not in node:
                problems.append(f"nodes[{i}] ({node.get('name', '?')}): missing field {key!r}")
        if node.get("status") not in statuses:
            problems.append(f"nodes[{i}]: status {node.get('status')!r} is not one of {sorted(statuses)}")
        problems += _assumption_problems(i, node)
        problems += _link_problems(i, node)
        sides = node.get("sides")
        if sides is not None and not (isinstance(sides, list) and len(sides) == 2 and all(map(_side, sides))):
            problems.append(f"nodes[{i}] ({node.get('name', '?')}): sides must be two numbers as text "
                            f"(or, for a vector or matrix relation, nested lists of them)")
    coverage = report.get("coverage")
    if coverage is not None:
        if not isinstance(coverage, dict) or not isinstance(coverage.get("files"), list):
            problems.append("coverage must be an object with a list 'files'")
        else:
            for key in ("total", "covered", "unmatched_citations"):
                if key not in coverage:
                    problems.append(f"coverage: missing field {key!r}")
            for j, f in enumerate(coverage["files"]):
                for key in ("file", "key", "title", "total", "covered", "entries"):
                    if key not in f:
                        problems.append(f"coverage.files[{j}]: missing field {key!r}")
    return problems


ASSUMPTION_FIELDS = ("relation", "origin", "source", "kind")
ASSUMPTION_KINDS = ("hypothesis", "axiom", "experiment", "restated", "unbacked")


def _assumption_problems(i: int, node: dict) -> list[str]:
    """Each entry of a node's ``assumptions``: an object with the relation as text and where it comes from."""
    entries = node.get("assumptions")
    where = f"nodes[{i}] ({node.get('name', '?')})"
    if entries is None:
        return []  # reported as a missing field
    if not isinstance(entries, list):
        return [f"{where}: assumptions must be a list"]
    problems = []
    for j, entry in enumerate(entries):
        if not isinstance(entry, dict) or any(not isinstance(entry.get(k), str) for k in ASSUMPTION_FIELDS):
            problems.append(f"{where}: assumptions[{j}] must be an object with text fields {ASSUMPTION_FIELDS}")
        elif entry["kind"] not in ASSUMPTION_KINDS:
            problems.append(f"{where}: assumptions[{j}] has kind {entry['kind']!r}, not one of {ASSUMPTION_KINDS}")
    return problems


def _side(value: Any) -> bool:
    """A side of a violated relation: a number as text, or a vector/matrix as (nested) lists of them."""
    return isinstance(value, (str, int, float)) or (isinstance(value, list) and all(map(_side, value)))


def _link_problems(i: int, node: dict) -> list[str]:
    """Version 2's erratum links and statement: ``corrected_by`` a name or null, ``corrects`` and
    ``hypotheses`` lists."""
    where = f"nodes[{i}] ({node.get('name', '?')})"
    problems = []
    if "corrected_by" in node and not (node["corrected_by"] is None or isinstance(node["corrected_by"], str)):
        problems.append(f"{where}: corrected_by must be a node name or null (schema version 2)")
    for key in ("corrects", "hypotheses", "symbols", "plots"):
        if key in node and not isinstance(node[key], list):
            problems.append(f"{where}: {key} must be a list")
    return problems


NODE_FIELDS = ("name", "kind", "topic", "module", "source", "expect", "status", "own_status",
               "meets_expectation", "message", "uses", "proof_uses", "used_by", "corrects", "corrected_by",
               "cached", "seconds", "wall_seconds", "evidence", "counterexample", "sides", "failed_link",
               "links", "verdict", "assumptions", "unbacked_proof_uses", "hypotheses", "conclusion",
               "derivation", "symbols", "plots", "note")

__all__ = ["SCHEMA_VERSION", "DEFAULT_SEED", "build", "write", "validate", "meets", "node_entry", "account",
           "plots", "settings", "NODE_FIELDS"]
