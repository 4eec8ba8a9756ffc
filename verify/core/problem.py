"""From a user's ``Claim`` to a validated problem the deciders and the adversary share.

Validation is where bad input becomes a clear ``error``: a missing or non-relational ``show``,
non-real constants, two symbols with one name but different assumptions, a hypothesis about
symbols that nothing connects to the conclusion.

It is also where an equation between explicit matrices becomes the equations of its entries (``entrywise``),
and where floats stop: every sympy ``Float`` of the conclusion, the hypotheses, the schemas
and the used lemmas' instances becomes the exact rational it stores (``Float(0.1)`` is
``3602879701896397/2**55``), so no decider, substitution or exact re-check downstream can round.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import sympy as sp
from sympy.core.relational import Relational
from sympy.logic.boolalg import Boolean, BooleanFalse, BooleanTrue

from .continuous import During
from .exact import exact_floats
from .rules import ForAll, Use, interval_use, is_use_schema, schema_obligations, used_schema


class ClaimError(ValueError):
    """The claim is malformed; the message names the claim and the place."""


@dataclass
class Problem:
    """``hyps`` and ``schemas`` imply ``goal``; ``uses`` are lemma instances whose conclusions are in
    ``hyps`` and whose hypotheses are ``obligations``."""

    name: str
    hyps: list[Boolean]
    goal: Boolean
    schemas: list[ForAll] = field(default_factory=list)
    uses: list[Use] = field(default_factory=list)
    obligations: list[tuple[str, Any]] = field(default_factory=list)
    #: schemas that are conclusions of lemmas used under ``forall`` (not the claim's own hypotheses)
    use_schemas: list[ForAll] = field(default_factory=list)
    #: per obligation: the conclusions of the lemmas used *before* it, which may discharge it
    earlier_facts: dict[str, list] = field(default_factory=dict)
    #: hypotheses on a real interval (``during``): continuous-time rules read them; no point can show them
    intervals: list[During] = field(default_factory=list)
    #: intervals that are conclusions of lemmas used inside ``during`` (not the claim's own hypotheses)
    use_intervals: list[During] = field(default_factory=list)

    @property
    def symbols(self) -> list[sp.Symbol]:
        syms: set = set(self.goal.free_symbols)
        for h in self.hyps:
            syms |= h.free_symbols
        for s in self.schemas:
            syms |= s.relation.free_symbols - {s.var}
        return sorted(syms, key=lambda s: s.name)

    def with_goal(self, goal: Boolean, extra_hyps: list | None = None, name: str | None = None) -> "Problem":
        return Problem(name or self.name, self.hyps + list(extra_hyps or []), goal, self.schemas, self.uses,
                       self.obligations, self.use_schemas, self.earlier_facts, self.intervals, self.use_intervals)

    def stated_intervals(self) -> list[During]:
        """The claim's own hypotheses on intervals (not the conclusions of lemmas used inside them)."""
        return [iv for iv in self.intervals if not any(iv is u for u in self.use_intervals)]


_ALLOWED_BOOL = (sp.And, sp.Or, sp.Not, sp.Implies)


def _refuse_constant(value: Any, where: str) -> None:
    """A ``show`` or ``given`` that is already ``True``/``False`` (a Python bool, sympy's ``true`` or
    ``false``) was evaluated when it was built, before the tool could see it: sympy folds
    ``Float(0.1)*v <= v/10`` to ``True`` by rounding, and ``x**2 + 1 > 0`` by its assumptions. What the
    user wrote cannot be recovered, so it is not decided: the message says how to keep the relation.
    (A hypothesis already ``True`` is dropped instead, and the verdict's account of what it rested on
    says so: dropping a hypothesis never makes a false claim proved, and ``n >= 1`` for a positive ``n``
    is common.)"""
    if isinstance(value, (bool, BooleanTrue, BooleanFalse)):
        const = "True" if value in (True, sp.true) else "False"
        raise ClaimError(
            f"{where} is the constant {const}: the relation was evaluated when it was built (sympy folds "
            f"relations it can decide, and rounds floats: Float(0.1)*v <= v/10 becomes True), so what was "
            f"written is lost. Write exact numbers (Rational(1, 10) or S('1/10') instead of 0.1) or build the "
            f"relation unevaluated (Le(a, b, evaluate=False), Eq(a, b, evaluate=False))")


def _as_boolean(value: Any, where: str) -> Boolean:
    if isinstance(value, bool):
        return sp.true if value else sp.false
    if isinstance(value, (BooleanTrue, BooleanFalse, Relational)):
        return value
    if isinstance(value, _ALLOWED_BOOL):
        for arg in value.args:
            _as_boolean(arg, where)
        return value
    if value is None:
        raise ClaimError(f"{where} is missing: give a relation such as Le(a, b) or a <= b")
    if isinstance(value, sp.Expr):
        raise ClaimError(f"{where} is the expression {value}, not a relation: write it as "
                         f"Eq(...), Le(...), Lt(...), Ge(...) or Gt(...)")
    if isinstance(value, str):
        raise ClaimError(f"{where} is the string {value!r}: build the relation with sympy "
                         f"(e.g. x <= y), or use `verify check` to parse text safely")
    raise ClaimError(f"{where} is a {type(value).__name__}, not a sympy relation")


def _explicit_matrix(side: Any) -> bool:
    return isinstance(side, (sp.MatrixBase, sp.ZeroMatrix))


def entrywise(b: Any, where: str) -> Any:
    """An equation between explicit matrices (or an explicit matrix and a zero matrix, ``ZeroMatrix`` or
    ``0``) as the conjunction of its entries' equations, ``!=`` as the disjunction of theirs, so that
    the deciders and the adversary see scalar relations; elsewhere ``b`` unchanged. Shapes must agree."""
    if isinstance(b, (sp.And, sp.Or, sp.Not, sp.Implies)):
        args = [entrywise(a, where) for a in b.args]
        return b if all(x is y for x, y in zip(args, b.args)) else b.func(*args, evaluate=False)
    if not (isinstance(b, Relational) and b.rel_op in ("==", "!=")):
        return b
    lhs, rhs = b.lhs, b.rhs
    if not (_explicit_matrix(lhs) or _explicit_matrix(rhs)):
        return b
    if not all(_explicit_matrix(side) or side == 0 for side in (lhs, rhs)):
        return b  # a matrix expression on one side: the matrix deciders' business
    shapes = [side.shape for side in (lhs, rhs) if _explicit_matrix(side)]
    if len(set(shapes)) > 1:
        raise ClaimError(f"{where}: {b} compares matrices of different shapes, {shapes[0][0]} x {shapes[0][1]} "
                         f"and {shapes[1][0]} x {shapes[1][1]}")
    rows, cols = shapes[0]
    if rows * cols == 0:
        raise ClaimError(f"{where}: {b} compares empty matrices")
    def entries(side):
        return [sp.Integer(0)] * (rows * cols) if not isinstance(side, sp.MatrixBase) else list(side)
    op = sp.Eq if b.rel_op == "==" else sp.Ne
    rels = [op(a, c, evaluate=False) for a, c in zip(entries(lhs), entries(rhs))]
    if len(rels) == 1:
        return rels[0]
    return sp.And(*rels, evaluate=False) if b.rel_op == "==" else sp.Or(*rels, evaluate=False)


def _relations(b: Boolean) -> list[Relational]:
    return list(b.atoms(Relational)) if isinstance(b, Boolean) else []


def _check_real(b: Boolean, where: str) -> None:
    if b.has(sp.I) or b.has(sp.zoo) or b.has(sp.nan):
        raise ClaimError(f"{where} contains a non-real constant ({b}): claims are about real numbers")
    for rel in _relations(b):
        if rel.rel_op in ("<", "<=", ">", ">=") and any(side.is_real is False for side in (rel.lhs, rel.rhs)):
            raise ClaimError(f"{where}: {rel} compares a non-real quantity")


def _check_names(symbols: set, name: str) -> None:
    by_name: dict[str, sp.Symbol] = {}
    for s in symbols:
        if isinstance(s, sp.Symbol) and s.is_real is False:
            # the deciders and the attack take every symbol as real: one declared imaginary (or
            # real=False, infinite) would be proved about the wrong numbers
            raise ClaimError(f"{name}: the symbol {s.name!r} is declared non-real; claims are about "
                             "finite real numbers")
        other = by_name.setdefault(s.name, s)
        if other != s:
            raise ClaimError(f"{name}: two different symbols are both named {s.name!r} "
                             f"(assumptions {other.assumptions0} and {s.assumptions0}); declare it once")


def _check_sum_bounds(expr: sp.Basic, where: str) -> None:
    """A sum's bounds must be integers: ``Sum(f(k), (k, 1, n))`` needs ``n`` declared integer."""
    for total in expr.atoms(sp.Sum):
        for index, low, high in total.limits:
            for bound in (low, high):
                loose = sorted(s.name for s in bound.free_symbols if s.is_integer is not True)
                if loose or (bound.is_number and bound.is_integer is False):
                    what = f"symbol {', '.join(loose)} in it" if loose else "it"
                    raise ClaimError(f"{where}: the sum over {index} has the bound {bound}, which is not an "
                                     f"integer; declare the {what} with integer=True")


def _check_connected(name: str, goal: Boolean, hyps: list[tuple[str, set]]) -> None:
    """Every hypothesis must share symbols, directly or through other hypotheses, with the goal."""
    graph = nx.Graph()
    goal_syms = goal.free_symbols
    graph.add_node("goal")
    for s in goal_syms:
        graph.add_edge("goal", s)
    for where, syms in hyps:
        graph.add_node(where)
        for s in syms:
            graph.add_edge(where, s)
    reach = nx.node_connected_component(graph, "goal")
    for where, syms in hyps:
        if syms and where not in reach:
            names = ", ".join(sorted(s.name for s in syms))
            raise ClaimError(f"{name}: {where} mentions only {names}, which nothing connects to the "
                             f"conclusion (a misspelt symbol?)")


def _exact_schema(schema: ForAll) -> ForAll:
    """The schema with its floats made exact (the same schema when it has none)."""
    relation = exact_floats(schema.relation)
    return schema if relation is schema.relation else ForAll(schema.var, relation, schema.start)


@dataclass(frozen=True)
class _ExactLemma:
    """A lemma's statement with its floats made exact, to instantiate without rounding."""

    name: str
    given: tuple
    show: Any


def exact_use(item: Use) -> Use:
    """``item`` with floats made exact in the lemma and in the substitution, before instantiating:
    ``subs`` evaluates, so ``(a + b).subs({a: 0.1, b: 0.2})`` would round the sum to a 53-bit float."""
    lemma = item.lemma_claim
    given = tuple(_exact_item(h) for h in lemma.given)
    show = exact_floats(lemma.show)
    mapping = tuple((key, exact_floats(value)) for key, value in item.mapping)
    if show is lemma.show and mapping == item.mapping and all(a is b for a, b in zip(given, lemma.given)):
        return item
    return Use(_ExactLemma(lemma.name, given, show), mapping, item.reason)


def _exact_item(item: Any) -> Any:
    if isinstance(item, During):
        return item.replaced(exact_floats)
    if isinstance(item, ForAll):
        return _exact_schema(item)
    if isinstance(item, Use):
        return exact_use(item)
    return exact_floats(item)


def lemma_facts(problem: "Problem") -> set:
    """The conclusions of the used lemmas, as they stand (exact) among the problem's hypotheses."""
    return {exact_floats(exact_use(u).conclusion()) for u in problem.uses}


def integer_bounds(problem, s: sp.Symbol) -> tuple[int | None, int | None]:
    """The least and greatest integer values of ``s`` that its domain and the hypotheses of the form
    ``s >= c``, ``s > c``, ``s <= c``, ``s < c`` (``c`` a number) allow; None where unbounded."""
    low = 1 if s.is_positive else 0 if s.is_nonnegative else None
    high = -1 if s.is_negative else 0 if s.is_nonpositive else None
    for h in problem.hyps:
        if not isinstance(h, (sp.Ge, sp.Gt, sp.Le, sp.Lt)):
            continue
        # write it as  s >= c  or  s <= c  with a number c
        if h.lhs == s and h.rhs.is_number:
            c, upper = h.rhs, isinstance(h, (sp.Le, sp.Lt))
        elif h.rhs == s and h.lhs.is_number:
            c, upper = h.lhs, isinstance(h, (sp.Ge, sp.Gt))
        else:
            continue
        strict = isinstance(h, (sp.Gt, sp.Lt))
        if upper:
            value = int(sp.floor(c)) - (1 if strict and c.is_integer else 0)
            high = value if high is None else min(high, value)
        else:
            value = int(sp.ceiling(c)) + (1 if strict and c.is_integer else 0)
            low = value if low is None else max(low, value)
    return low, high


def prepare(claim: Any, *, connected: bool = True) -> Problem:
    """Validate a claim and return its ``Problem``; raises ``ClaimError`` naming the place.

    ``connected=False`` skips the check that every hypothesis bears on the conclusion (used for the
    links of a derivation, which share the derivation's hypotheses without each using all of them).
    """
    name = claim.name
    _refuse_constant(claim.show, f"{name}: show")
    goal = entrywise(_as_boolean(claim.show, f"{name}: show"), f"{name}: show")
    _check_real(goal, f"{name}: show")
    goal = _as_boolean(exact_floats(goal), f"{name}: show")
    _check_sum_bounds(goal, f"{name}: show")
    hyps: list[Boolean] = []
    schemas: list[ForAll] = []
    uses: list[Use] = []
    obligations: list[tuple[str, Any]] = []
    tagged: list[tuple[str, set]] = []
    use_schemas: list[ForAll] = []
    facts: list = []
    earlier: dict[str, list] = {}
    intervals: list[During] = []
    use_intervals: list[During] = []
    for i, item in enumerate(_given_and_by(claim)):
        where = f"given[{i}]" if i < len(claim.given) else "by"
        if is_use_schema(item):
            schema = _exact_schema(used_schema(item))
            _as_boolean(schema.relation, f"{name}: {where} ({item})")
            schemas.append(schema)
            use_schemas.append(schema)
            uses.append(item.relation)
            for j, h in enumerate(schema_obligations(item)):
                obligations.append((f"{where} for all {item.var} >= {item.start}, {item.relation}: "
                                    f"hypothesis {j + 1}", _exact_item(h)))
                earlier[obligations[-1][0]] = list(facts)
            facts.append(schema)
            tagged.append((where, schema.relation.free_symbols - {schema.var}))
        elif isinstance(item, ForAll):
            rel = entrywise(_as_boolean(item.relation, f"{name}: {where} (for all {item.var})"), f"{name}: {where}")
            _check_real(rel, f"{name}: {where}")
            schemas.append(_exact_schema(item if rel is item.relation else ForAll(item.var, rel, item.start)))
            tagged.append((where, rel.free_symbols - {item.var}))
        elif isinstance(item, During):
            interval = item.stated().replaced(exact_floats)
            for rel in interval.relations:
                _check_real(_as_boolean(rel, f"{name}: {where} ({item})"), f"{name}: {where}")
            intervals.append(interval)
            tagged.append((where, interval.free_symbols()))
            for instance in item.uses:  # use(lemma, {t: s}) inside: a fact on the interval, obligations at each s
                try:
                    fact, needed = interval_use(interval, exact_use(instance))
                except ValueError as why:
                    raise ClaimError(f"{name}: {where}: {why}") from None
                _as_boolean(fact.relations[0], f"{name}: {where} ({instance})")
                label = f"{where} for all {interval.var} in [{interval.lower}, {interval.upper}], {instance}"
                for j, h in enumerate(needed):
                    obligations.append((f"{label}: hypothesis {j + 1}", h))
                    earlier[obligations[-1][0]] = list(facts)
                intervals.append(fact)
                use_intervals.append(fact)
                uses.append(instance)
                facts.append(fact)
                tagged.append((where, fact.free_symbols()))
        elif isinstance(item, Use):
            exact = exact_use(item)
            fact = _as_boolean(exact_floats(exact.conclusion()), f"{name}: {where} ({item})")
            hyps.append(fact)
            uses.append(item)
            for j, h in enumerate(exact.hypotheses()):
                obligations.append((f"{where} {item}: hypothesis {j + 1}", _exact_item(h)))
                earlier[obligations[-1][0]] = list(facts)
            facts.append(fact)
            tagged.append((where, fact.free_symbols))
        else:
            if item is False or item is sp.false:
                _refuse_constant(item, f"{name}: {where}")
            rel = entrywise(_as_boolean(item, f"{name}: {where}"), f"{name}: {where}")
            _check_real(rel, f"{name}: {where}")
            rel = _as_boolean(exact_floats(rel), f"{name}: {where}")
            _check_sum_bounds(rel, f"{name}: {where}")
            if rel is sp.false:
                raise ClaimError(f"{name}: {where} is False, so the claim is vacuous")
            if rel is not sp.true:
                hyps.append(rel)
                tagged.append((where, rel.free_symbols))
    problem = Problem(name, hyps, goal, schemas, uses, obligations, use_schemas, earlier, intervals, use_intervals)
    _check_names(set(problem.symbols), name)
    # a conclusion sympy already evaluated (x**2 + 1 > 0 with x real is True) has no symbols left to connect
    if connected and not isinstance(goal, (BooleanTrue, BooleanFalse)):
        _check_connected(name, goal, tagged)
    return problem


def _given_and_by(claim: Any) -> list:
    """The claim's hypotheses, then its ``by=use(...)`` (a lemma cited as the proof is used like one
    cited among the hypotheses: its conclusion a fact, its hypotheses obligations)."""
    by = getattr(claim, "by", None)
    return [*claim.given, by] if isinstance(by, Use) else list(claim.given)
