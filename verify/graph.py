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


# --- assumption bases -------------------------------------------------------------------------------
#
# The assumption base of a node (Lean's ``#print axioms``): the relations it finally rests on that no
# node of the graph proves. Each entry is ``{"relation", "origin", "source", "kind"}`` where ``kind`` is
# ``hypothesis`` (a stated hypothesis of ``origin``), ``axiom`` (a cited fact), ``experiment`` (a numeric
# run, which proves nothing), ``restated`` (a stated hypothesis that is, up to renaming, the conclusion
# of another node: a gap in the proof, ``restates`` names that node), or ``unbacked`` (a hypothesis of
# ``origin`` reached through a hand-written edge, ``through``, that no ``use`` backs: nobody discharged it).

CLEAN_KINDS = ("hypothesis", "axiom")


def assumption_base(node: Node, own: Verdict, dependency_bases: dict[str, list[dict]],
                    restated: dict[str, str] | None = None) -> list[dict]:
    """The node's base: itself for an axiom or experiment; otherwise its stated hypotheses (from the
    kernel's ``rests on`` evidence) and the bases of everything it depends on, transitively. A lemma
    applied with ``use`` had its hypotheses discharged here (they were obligations), so only the rest of
    its base comes along; an edge no ``use`` backs brings the dependency's whole base."""
    if node.kind in ("axiom", "experiment"):
        return [_entry(_statement_text(node), node, node.kind)]
    out: list[dict] = []
    for fact in decider_facts(own):  # what a decider added (z3's facts about exp, log, ...)
        out.append({"relation": fact["relation"], "origin": f"{node.name}: a decider's fact",
                    "source": fact["source"], "kind": "axiom"})
    for text in stated_hypotheses(node, own):
        restates = (restated or {}).get(text)
        entry = _entry(text, node, "restated" if restates else "hypothesis")
        if restates:
            entry["restates"] = restates
        out.append(entry)
    backed = set(getattr(node.statement, "uses", ()) or ())
    for dep in node.dependencies:
        for entry in dependency_bases.get(dep, []):
            if dep in backed and entry["origin"] == dep and entry["kind"] in ("hypothesis", "restated"):
                continue  # discharged here: the lemma's hypotheses were obligations of this node
            if dep not in backed and entry["kind"] == "hypothesis":
                entry = {**entry, "kind": "unbacked", "through": dep}  # nobody discharged it
            out.append(entry)
    return _unique(out)


def decider_facts(own: Verdict) -> list[dict]:
    """The facts (``{"relation", "source"}``) the kernel's ``rests on`` evidence lists beyond the
    hypotheses: those a decider gave its solver, each a cited axiom of the node's base."""
    for ev in own.evidence:
        if ev.rule == "rests on":
            return [f for f in ev.data.get("cited_facts", []) if isinstance(f, dict)]
    return []


def stated_hypotheses(node: Node, own: Verdict) -> list[str]:
    """The stated hypotheses the kernel says the check rested on (or, without that evidence, the
    statement's own hypotheses that are not lemma instances)."""
    for ev in own.evidence:
        if ev.rule == "rests on":
            return list(ev.data.get("hypotheses", []))
    statement = node.statement
    if statement is None or not hasattr(statement, "given"):
        return []
    from .core.rules import Use, is_use_schema

    return [str(h) for h in statement.given if not isinstance(h, Use) and not is_use_schema(h)]


def unbacked_edges(node: Node, nodes: dict[str, Node]) -> list[str]:
    """Hand-written ``proof_uses`` that no ``use`` of the statement backs (cited axioms and
    definitions need no ``use``)."""
    backed = set(getattr(node.statement, "uses", ()) or ())
    return [d for d in node.proof_uses
            if d not in backed and d in nodes and nodes[d].kind not in ("axiom", "definition")]


def is_clean(base: list[dict]) -> bool:
    """Does the base hold only stated hypotheses and cited axioms?"""
    return all(e["kind"] in CLEAN_KINDS for e in base)


def _entry(text: str, node: Node, kind: str) -> dict:
    return {"relation": text, "origin": node.name, "source": node.source, "kind": kind}


def _unique(entries: list[dict]) -> list[dict]:
    seen, out = set(), []
    for e in entries:
        key = (e["relation"], e["origin"])
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _statement_text(node: Node) -> str:
    statement = node.statement
    if statement is None:
        return f"(cited without a statement) {node.source}"
    text = getattr(statement, "statement", None)
    if isinstance(text, str) and text:
        return text
    claim = getattr(statement, "claim", None)
    if claim is not None and getattr(claim, "show", None) is not None:
        hyps = "; ".join(str(h) for h in claim.given)
        return f"{hyps} => {claim.show}" if hyps else str(claim.show)
    return node.name


# --- premises that restate another node's conclusion -------------------------------------------------

def restatements(nodes: dict[str, Node], names: Iterable[str] | None = None) -> dict[str, dict[str, str]]:
    """Per node (of ``names``, default all): each stated hypothesis schema that ties a sequence at two
    indices (``forall(j, E(j + 1) <= ...)``: a recursion, the usual intermediate result) that is, up to renaming of symbols (to symbols, sequence
    terms such as ``E(j)``, or one of them to 0), the conclusion of *another* node, mapped to that node's
    name. Only theorems and lemmas are examined (errata state the notes as written); plain hypotheses and
    sign conditions (fewer than three atoms) are not, which keeps the notes' stated hypotheses (PL in its
    two equivalent forms, ``mu <= L``) from being flagged."""
    conclusions = [(n.name, _conclusion(n)) for n in nodes.values()
                   if n.kind in ("lemma", "theorem") and not _safely(_reformulation, n, default=True)]
    conclusions = [(name, c) for name, c in conclusions if c is not None]
    out: dict[str, dict[str, str]] = {}
    for name in (names if names is not None else nodes):
        node = nodes[name]
        if node.kind not in ("lemma", "theorem") or not hasattr(node.statement, "given"):
            continue
        from .core.rules import ForAll, is_use_schema

        for h in node.statement.given:
            if not isinstance(h, ForAll) or is_use_schema(h) or not _relates_iterates(h.relation):
                continue
            rel = h.relation
            other = next((o for o, c in conclusions if o != name and _safely(restates, rel, c, default=False)),
                         None)
            if other is not None:
                out.setdefault(name, {})[str(h)] = other
    return out


def _safely(test, *args, default: bool) -> bool:
    """A heuristic test that must never take the run down: sympy may refuse an expression (a matrix
    power of a vector, a simplification that does not apply); then ``default``."""
    try:
        return test(*args)
    except Exception:  # noqa: BLE001 - the flag is advice, not a verdict
        return default


def _relates_iterates(relation) -> bool:
    """Does the relation tie one sequence at two indices (``E(j + 1)`` and ``E(j)``), as a recursion does?
    (PL or a bound at one iterate is a hypothesis of the notes, not a step of the proof.)"""
    from sympy.core.function import AppliedUndef

    heads: dict = {}
    for term in relation.atoms(AppliedUndef):
        heads.setdefault(term.func, set()).add(term.args)
    return any(len(args) > 1 for args in heads.values())


def _reformulation(node: Node) -> bool:
    """Does the node only rewrite its single hypothesis as a positive multiple of itself (the two forms
    of a definition, e.g. PL as written in 000 and in 004)? Its conclusion is then a stated hypothesis in
    another dress, not an intermediate result."""
    import sympy as sp

    claim = getattr(node.statement, "claim", None)
    conclusion = _conclusion(node)
    given = [h for h in getattr(claim, "given", ()) if isinstance(h, sp.core.relational.Relational)]
    if conclusion is None or len(given) != 1 or given[0].rel_op == "==":
        return False
    from .core.limits import time_limit

    with time_limit(0.5):  # cancel, not simplify: a rational function's ratio is all this needs
        ratio = sp.cancel(sp.together(_as_le(given[0])[1] / _as_le(conclusion)[1]))
    return bool(ratio.is_number and ratio.is_positive)


def _conclusion(node: Node):
    import sympy as sp

    claim = getattr(node.statement, "claim", None)
    show = getattr(claim, "show", None)
    return show if isinstance(show, sp.core.relational.Relational) and show.rel_op != "==" else None


def restates(hypothesis, conclusion) -> bool:
    """Is ``hypothesis`` the relation ``conclusion`` with its symbols renamed (each to a symbol, a term
    ``F(...)`` of an undefined function, or 0 where its domain allows)?"""
    import sympy as sp
    from sympy.core.function import AppliedUndef

    if not isinstance(hypothesis, sp.core.relational.Relational) or hypothesis.rel_op == "==":
        return False
    op_h, diff_h = _as_le(hypothesis)
    op_c, diff_c = _as_le(conclusion)
    if op_h != op_c or not _may_rename(diff_c, diff_h):
        return False

    def atom_like(symbol):
        zero_ok = not (symbol.is_positive or symbol.is_negative)
        return lambda e: e.is_Symbol or isinstance(e, AppliedUndef) or (zero_ok and e == 0)

    wilds = {s: sp.Wild(f"{s.name}_w", properties=[atom_like(s)]) for s in diff_c.free_symbols}
    pattern = diff_c.xreplace(wilds)
    from .core.limits import TimeLimitExceeded, time_limit

    for target, pat in ((diff_h, pattern), (sp.expand(diff_h), sp.expand(pattern))):
        try:
            with time_limit(RESTATE_SECONDS):
                match = target.match(pat)
        except Exception:  # noqa: BLE001 - sympy's matcher is a heuristic; no match is the safe answer
            match = None
        if match is not None and _injective(match) and sp.expand(pat.xreplace(match) - target) == 0:
            return True
    return False


#: time for sympy's matcher on one (hypothesis, conclusion) pair
RESTATE_SECONDS = 0.04
_SPECIAL = ("exp", "log", "Sum", "Product", "Abs", "Max", "Min", "Piecewise", "floor", "ceiling")


def _may_rename(conclusion, hypothesis) -> bool:
    """Cheap necessary conditions: each top-level atom of the hypothesis (a symbol outside a sequence
    term's argument, or a term ``F(...)``) is the image of a distinct symbol of the conclusion, and the
    two use the same special functions."""
    from sympy.core.function import AppliedUndef

    terms = hypothesis.atoms(AppliedUndef)
    inner = {s for t in terms for a in t.args for s in a.free_symbols}
    top = (hypothesis.free_symbols - inner) | terms
    symbols = conclusion.free_symbols
    zero_ok = [s for s in symbols if not (s.is_positive or s.is_negative)]
    if len(top) < 3 or not len(top) <= len(symbols) <= len(top) + min(len(zero_ok), 1) or len(symbols) > 10:
        return False
    heads = lambda e: {type(a).__name__ for a in e.atoms(*_special_types())}  # noqa: E731
    return heads(conclusion) == heads(hypothesis)


def _special_types():
    import sympy as sp

    return tuple(getattr(sp, name) for name in _SPECIAL)


def _as_le(rel):
    """``a <= b`` as ("<=", a - b); ``a >= b`` as ("<=", b - a); strict likewise."""
    if rel.rel_op in (">=", ">"):
        return rel.rel_op.replace(">", "<"), rel.rhs - rel.lhs
    return rel.rel_op, rel.lhs - rel.rhs


def _injective(match: dict) -> bool:
    """Distinct symbols have distinct images; at most one symbol becomes 0."""
    values = [v for v in match.values() if v != 0]
    return len(values) == len(set(values)) and len(match) - len(values) <= 1
