"""What the pages show, computed from a run's JSON report (schema version 3): one view object per
node, the errata, the counts per topic and per note. Nothing here renders or checks anything.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from ..manifest import parse_source
from ..report import is_definition

STATUSES = ("proved", "tested", "refuted", "unknown", "error", "blocked")
#: the columns of the counts: the statuses, with the definitions counted apart from the proved
COLUMNS = ("proved", "definition", "tested", "refuted", "unknown", "error", "blocked")
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,120}")


def slug(name: str) -> str:
    """A file name for a node's page: the name itself when it is plain, else a cleaned name plus a
    digest (so two odd names never share a page and nothing in a name reaches a path or a URL raw)."""
    if _SAFE_NAME.fullmatch(name) and not name.endswith("."):
        return name
    cleaned = re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_")[:60] or "node"
    return f"{cleaned}-{hashlib.sha256(name.encode()).hexdigest()[:10]}"


@dataclass
class Site:
    """The report plus the indexes the templates need."""

    report: dict[str, Any]
    nodes: list[dict[str, Any]]
    by_name: dict[str, dict[str, Any]]
    topics: list[dict[str, Any]]
    notes: list[dict[str, Any]]
    errata: list[dict[str, Any]]
    experiments: list[dict[str, Any]] = field(default_factory=list)
    #: refuted nodes not declared as errata: lines of the notes found false that nobody expected
    other_refuted: list[dict[str, Any]] = field(default_factory=list)

    def page(self, name: str) -> str:
        return f"nodes/{slug(name)}.html"


def site_model(report: dict[str, Any]) -> Site:
    """Index the report for the templates."""
    nodes = [dict(n) for n in report.get("nodes", [])]
    by_name = {n["name"]: n for n in nodes}
    for n in nodes:
        n["slug"] = slug(n["name"])
        n["notes_cited"] = sorted({c.file_key for c in parse_source(n.get("source") or "")})
    errata = [erratum_row(by_name[name], by_name) for name in report.get("summary", {}).get("errata_found", [])
              if name in by_name]
    experiments = [n for n in nodes if any(p.get("kind") == "trajectory" for p in n.get("plots", []))]
    found = set(report.get("summary", {}).get("errata_found", []))
    other = [erratum_row(n, by_name) for n in nodes if n["status"] == "refuted" and n["name"] not in found]
    return Site(report, nodes, by_name, topic_rows(report, nodes), note_rows(report, nodes), errata, experiments,
                other)


def counts(nodes: list[dict[str, Any]]) -> dict[str, int]:
    """How many of ``nodes`` have each final status, definitions apart (``COLUMNS``): a definition states
    nothing to check, so it is not counted among the proved."""
    out = {s: 0 for s in COLUMNS}
    for n in nodes:
        key = "definition" if is_definition(n) else n["status"]
        out[key] = out.get(key, 0) + 1
    return out


def topic_rows(report: dict[str, Any], nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per topic: its nodes (in report order), their counts and the errata found."""
    topics: dict[str, list[dict[str, Any]]] = {}
    for n in nodes:
        topics.setdefault(n.get("topic") or "(no topic)", []).append(n)
    return [{"topic": topic, "nodes": members, "counts": counts(members),
             "errata": sum(1 for n in members if n["kind"] == "erratum" and n["status"] == "refuted")}
            for topic, members in sorted(topics.items())]


def note_rows(report: dict[str, Any], nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per file of the notes (by its title): the nodes citing it, their counts, and the coverage."""
    coverage = report.get("coverage") or {}
    rows = []
    for f in coverage.get("files", []):
        citing = [n for n in nodes if f["key"] in n["notes_cited"]]
        missing = [e["label"] for e in f.get("entries", []) if e.get("asserts") and not e.get("covered_by")]
        rows.append({"key": f["key"], "file": f["file"], "title": f.get("title") or f["file"],
                     "total": f.get("total", 0), "covered": f.get("covered", 0), "nodes": citing,
                     "counts": counts(citing), "missing": missing, "entries": f.get("entries", [])})
    return rows


def erratum_row(node: dict[str, Any], by_name: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An erratum with its corrected twin (the node or None) and its counterexample table."""
    twin_name = node.get("corrected_by")
    return {"node": node, "twin_name": twin_name, "twin": by_name.get(twin_name or ""),
            "counterexample": counterexample_rows(node)}


def counterexample_rows(entry: dict[str, Any]) -> list[tuple[str, Any]]:
    """``(name, exact value as text)`` of a counterexample (a node's or a link's), in its order."""
    cx = entry.get("counterexample")
    if not isinstance(cx, dict):
        return []
    return [(str(k), v) for k, v in cx.items()]


def link_rows(node: dict[str, Any]) -> list[dict[str, Any]]:
    """A derivation's steps joined with the verdicts of their links (step ``i`` is link ``i``)."""
    derivation = node.get("derivation") or {}
    steps = derivation.get("steps") or []
    links = node.get("links") or []
    rows = []
    for i in range(max(len(steps), len(links))):
        link = links[i] if i < len(links) else None
        rows.append({"number": i + 1, "step": steps[i] if i < len(steps) else None, "link": link,
                     "failing": node.get("failed_link") == i + 1,  # counted from 1
                     "counterexample": counterexample_rows(link) if link else []})
    return rows


def domains(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The symbols grouped by domain: ``{"names": [...], "latex": "\\mu, L > 0", "text": ...}``."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for s in node.get("symbols") or []:
        groups.setdefault(s.get("domain_latex") or "", []).append(s)
    out = []
    for domain_latex, members in groups.items():
        names = ", ".join(m.get("latex") or m["name"] for m in members)
        out.append({"latex": f"{names} {domain_latex}".strip(),
                    "text": f"{', '.join(m['name'] for m in members)}: {members[0].get('domain', '')}"})
    return out


def trajectory(node: dict[str, Any]) -> dict[str, Any] | None:
    """The first trajectory plot of a node, if it has one."""
    return next((p for p in node.get("plots", []) if p.get("kind") == "trajectory"), None)


def worst_ratio(node: dict[str, Any]) -> float | None:
    """Largest observed/claimed of an experiment (how tight its bound is), from its evidence."""
    for ev in node.get("evidence", []):
        data = ev.get("data") or {}
        if ev.get("rule") == "experiment" and isinstance(data.get("worst_ratio"), (int, float)):
            return float(data["worst_ratio"])
    return None


__all__ = ["Site", "site_model", "slug", "counts", "link_rows", "domains", "counterexample_rows", "trajectory",
           "worst_ratio", "STATUSES", "COLUMNS"]
