"""The lemma graph: nodes, their dependencies, structural errors, and the verdict meet.

An edge ``a -> b`` means *b uses a* (in its statement or its proof), so a topological order checks
a lemma before what relies on it. Structural problems do not stop the graph from being built; they
become ``error`` verdicts that name the nodes involved:

* two nodes with one name (both declarations are named, with their modules);
* a dependency on a name that no node has;
* an erratum whose ``corrects`` names no node;
* a cycle (every node on it is named).

The final verdict of a node is :func:`meet` of its own verdict with its dependencies' final
verdicts: a dependency that is ``refuted``, ``error`` or ``blocked`` makes the node ``blocked``
(naming it and the root cause); otherwise the node is as strong as its weakest part
(``proved`` > ``tested`` > ``unknown``). Axioms (cited facts such as Cauchy-Schwarz) are accepted
without proof: a node that relies on one is not weakened by it, but its evidence lists every axiom
it assumes, transitively. The meet never makes a verdict stronger than the node's own.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import networkx as nx

from .nodes import Node
from .core.verdicts import Evidence, Status, Verdict, weakest

_BAD = (Status.REFUTED, Status.ERROR, Status.BLOCKED)


@dataclass
class Graph:
    """The dependency graph. ``errors`` holds the structural error verdict of each broken node."""

    digraph: nx.DiGraph
    nodes: dict[str, Node]
    errors: dict[str, Verdict] = field(default_factory=dict)
    duplicates: dict[str, list[Node]] = field(default_factory=dict)

    def order(self) -> list[str]:
        """A deterministic topological order; the members of a cycle come together, by name."""
        condensed = nx.condensation(self.digraph)
        members = condensed.graph["mapping"]
        groups = {c: sorted(n for n, k in members.items() if k == c) for c in condensed.nodes}
        order: list[str] = []
        for component in nx.lexicographical_topological_sort(condensed, key=lambda c: groups[c][0]):
            order.extend(groups[component])
        return order

    def needed_for(self, names: Iterable[str]) -> set[str]:
        """``names`` and everything they depend on, transitively."""
        out: set[str] = set()
        for name in names:
            out.add(name)
            out |= nx.ancestors(self.digraph, name)
        return out

    def used_by(self, name: str) -> list[str]:
        """Nodes that use ``name`` directly."""
        return sorted(self.digraph.successors(name))

    def descendants(self, name: str) -> set[str]:
        return set(nx.descendants(self.digraph, name))


def build(nodes: Iterable[Node]) -> Graph:
    """Build the graph of ``nodes`` and record every structural error as a verdict."""
    digraph = nx.DiGraph()
    declared: dict[str, list[Node]] = {}
    for node in nodes:
        declared.setdefault(node.name, []).append(node)
    by_name = {name: copies[0] for name, copies in declared.items()}
    duplicates = {name: copies for name, copies in declared.items() if len(copies) > 1}
    graph = Graph(digraph, by_name, duplicates=duplicates)
    for name, copies in duplicates.items():
        where = ", ".join(f"{c.kind} in {c.module or '?'}" for c in copies)
        graph.errors[name] = _error(name, "graph: duplicate name",
                                    f"the name {name!r} is declared {len(copies)} times ({where}); "
                                    "node names must be unique")
    for name in by_name:
        digraph.add_node(name)
    for name, node in by_name.items():
        if name in duplicates:
            continue
        missing = [dep for dep in node.dependencies if dep not in by_name]
        for dep in node.dependencies:
            if dep in by_name:
                digraph.add_edge(dep, name)
        if missing:
            graph.errors[name] = _error(name, "graph: unknown dependency",
                                        f"node {name!r} ({node.module or '?'}) uses "
                                        f"{', '.join(repr(m) for m in missing)}, which no node declares")
        elif node.corrects is not None and node.corrects not in by_name:
            graph.errors[name] = _error(name, "graph: unknown correction",
                                        f"erratum {name!r} ({node.module or '?'}) corrects {node.corrects!r}, "
                                        "which no node declares")
    for component in nx.strongly_connected_components(digraph):
        members = sorted(component)
        if len(members) == 1 and not digraph.has_edge(members[0], members[0]):
            continue
        cycle = " -> ".join(members + [members[0]]) if len(members) > 1 else f"{members[0]} -> {members[0]}"
        for name in members:
            graph.errors[name] = _error(name, "graph: cycle",
                                        f"node {name!r} is on a dependency cycle: {cycle}")
    return graph


def _error(name: str, rule: str, message: str) -> Verdict:
    return Verdict(Status.ERROR, name, [Evidence(rule, message)], message=message)


def meet(own: Verdict, dependencies: dict[str, Verdict], axioms: Iterable[str] = ()) -> Verdict:
    """The final verdict of a node from its own verdict and its dependencies' final verdicts.

    Dependencies named in ``axioms`` are cited facts, accepted without proof: unless they are
    ``refuted``/``error``/``blocked`` they count as ``proved`` here, and the result lists them
    under the evidence rule ``graph: assumes``. ``own`` keeps its evidence; the result's status is
    never stronger than ``own.status``.
    """
    if own.status in (Status.ERROR, Status.REFUTED) or not dependencies:
        return own
    bad = {name: v for name, v in dependencies.items() if v.status in _BAD}
    if bad:
        roots = _roots(bad)
        named = ", ".join(f"{n!r} ({v.status.value})" for n, v in sorted(bad.items()))
        message = f"uses {named}"
        if roots and set(roots) != set(bad):
            message += f"; root cause: {', '.join(repr(r) for r in roots)}"
        data = {"own_status": own.status.value, "blocked_by": sorted(bad), "roots": roots}
        return _replace(own, Status.BLOCKED, [Evidence("graph: blocked", message, data)], message)
    axioms = set(axioms)
    assumed = sorted(set(_assumed(dependencies)) | (axioms & set(dependencies)))
    strengths = [Status.PROVED if name in axioms else v.status for name, v in dependencies.items()]
    status = weakest([own.status, *strengths])
    extra = []
    if assumed:
        extra.append(Evidence("graph: assumes", "relies on the cited facts (axioms) "
                              + ", ".join(repr(a) for a in assumed) + ", accepted without proof",
                              {"axioms": assumed}))
    if status == own.status:
        if not extra:
            return own
        return _replace(own, own.status, extra, own.message)
    weakest_deps = sorted(n for n, v in dependencies.items() if n not in axioms and v.status == status)
    message = (f"own verdict {own.status.value}, but it uses {', '.join(repr(n) for n in weakest_deps)} "
               f"which {'is' if len(weakest_deps) == 1 else 'are'} only {status.value}")
    data = {"own_status": own.status.value, "weakest": weakest_deps}
    return _replace(own, status, [Evidence("graph: meet", message, data), *extra], message)


def _assumed(dependencies: dict[str, Verdict]) -> list[str]:
    """Axioms that the dependencies themselves rely on."""
    out: list[str] = []
    for verdict in dependencies.values():
        for ev in verdict.evidence:
            if ev.rule == "graph: assumes":
                out.extend(ev.data.get("axioms", []))
    return out


def _roots(bad: dict[str, Verdict]) -> list[str]:
    """The original refuted/erroneous nodes behind blocked dependencies."""
    roots: list[str] = []
    for name, verdict in sorted(bad.items()):
        found = []
        for ev in verdict.evidence:
            if ev.rule == "graph: blocked":
                found = list(ev.data.get("roots") or ev.data.get("blocked_by") or [])
        for root in (found or [name]):
            if root not in roots:
                roots.append(root)
    return roots


def _replace(own: Verdict, status: Status, evidence: list[Evidence], message: str) -> Verdict:
    return Verdict(status=status, name=own.name, evidence=[*own.evidence, *evidence],
                   counterexample=own.counterexample, sides=own.sides, message=message,
                   seconds=own.seconds, links=own.links, failed_link=own.failed_link,
                   relation=own.relation)


__all__ = ["Graph", "build", "meet"]
