"""Rules a derivation link may cite (``by=``), and quantified hypotheses.

These are *what is asked*; the procedures that decide them live in ``verify.core.deciders``.
A plain string is also accepted as ``by``: it is the human reason shown on the page, and the
automatic deciders justify the link.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import sympy as sp

from . import domains
from .continuous import During, Throughout
from ._linalg_functions import substitution_obligations


@dataclass(frozen=True)
class ForAll:
    """A hypothesis schema ``for all integers var >= start: relation(var)``, e.g. a recursion."""

    var: sp.Symbol
    relation: sp.Basic
    start: int = 0

    def at(self, value: sp.Expr) -> sp.Basic:
        """The instance of the schema at ``var = value``."""
        return schema_relation(self).xreplace({self.var: value})

    def __str__(self) -> str:
        return f"for all {self.var} >= {self.start}: {self.relation}"


def forall(var: sp.Symbol, relation: "sp.Basic | Use", start: int = 0) -> ForAll:
    """``forall(j, a(j+1) <= q*a(j) + c)``: the relation holds for every integer ``j >= start``.

    ``forall(j, use(lemma, {...}))`` instantiates a lemma at every index: its conclusion at ``j`` is a
    hypothesis schema and each of its hypotheses at ``j`` an obligation for every ``j >= start``."""
    if not isinstance(var, sp.Symbol):
        raise TypeError(f"forall: the bound variable must be a sympy Symbol, got {type(var).__name__}")
    if isinstance(relation, Use):
        return _forall_use(var, relation, start)
    if not isinstance(relation, sp.Basic):
        raise TypeError(f"forall: the relation must be a sympy relation, got {type(relation).__name__}")
    if not isinstance(start, int):
        raise TypeError("forall: start must be an int")
    return ForAll(var, relation, start)


@dataclass(frozen=True)
class Substitute:
    """Replace ``A`` by ``B`` using a hypothesis ``A <= B`` (or ``>=``, ``==``) where the expression
    is monotone in that place: the next expression must be the previous one with ``A`` replaced by ``B``."""

    hypothesis: sp.Basic
    reason: str = ""

    def __str__(self) -> str:
        return f"substitute {self.hypothesis}" + (f" ({self.reason})" if self.reason else "")


def substitute(hypothesis: sp.Basic, reason: str = "") -> Substitute:
    """Cite a hypothesis to be substituted into a monotone position of the previous expression."""
    if not isinstance(hypothesis, sp.core.relational.Relational):
        raise TypeError(f"substitute: expected a relation such as A <= B, got {hypothesis!r}")
    return Substitute(hypothesis, reason)


@dataclass(frozen=True)
class Use:
    """Instantiate an earlier lemma: its hypotheses become obligations, its conclusion a fact."""

    lemma: Any  # Claim or Derivation (anything with a ``.claim``)
    mapping: tuple[tuple[sp.Basic, sp.Basic], ...] = ()
    reason: str = ""

    @property
    def lemma_claim(self) -> Any:
        return getattr(self.lemma, "claim", self.lemma)

    @property
    def name(self) -> str:
        return self.lemma_claim.name

    def substitution(self) -> dict:
        return dict(self.mapping)

    def conclusion(self) -> sp.Basic:
        """The lemma's conclusion under the substitution, as a fact that holds where the lemma is
        defined: ``guard -> conclusion`` when the instance has domain conditions (``1/t**2 > 0`` at
        ``t := y`` gives ``y != 0 -> 1/y**2 > 0``), else the conclusion itself."""
        fact = _instantiate(self.lemma_claim.show, self.substitution())
        guard = self.domain()
        return sp.Implies(sp.And(*guard), fact) if guard else fact

    def domain(self) -> list:
        """Where the lemma speaks about this instance: its conclusion and hypotheses defined (their
        domain conditions under the substitution) and each substituted value defined. Conditions the
        lemma's everywhere-defined hypotheses already give (``t > 0`` gives ``t != 0``) are left out,
        since those hypotheses are obligations of the use."""
        lemma = self.lemma_claim
        plain = [h for h in lemma.given if isinstance(h, sp.Basic)]  # not the schemas, nor uses (guarded)
        total = [h for h in plain if isinstance(h, sp.core.relational.Relational) and not domains.sufficient(h)]
        conds = [c for item in (lemma.show, *plain) if isinstance(item, sp.Basic)
                 for c in domains.sufficient(item) if not domains.implied_by(c, total)]
        sub = self.substitution()
        out = [_instantiate(c, sub) for c in conds]
        out += [c for _, value in self.mapping for c in domains.sufficient(value)]
        out = [c for c in dict.fromkeys(out) if c is not sp.true]
        return [sp.false] if sp.false in out else out

    def hypotheses(self) -> list:
        """The lemma's hypotheses under the substitution, then the conditions on the substituted values."""
        return self.lemma_hypotheses() + self.value_conditions()

    def lemma_hypotheses(self) -> list:
        """The lemma's stated hypotheses under the substitution (schemas stay schemas; a hypothesis on an
        interval stays one, its bound variable renamed when a substituted value mentions it). The lemmas the
        lemma itself uses (``use``, also under ``forall`` or inside ``during``) are not among them: its own
        check discharged their hypotheses from its stated ones, and its verdict, which this use is met with
        (here or in the graph), carries theirs."""
        sub = self.substitution()
        out = []
        for h in self.lemma_claim.given:
            if isinstance(h, Use) or is_use_schema(h):
                continue
            if isinstance(h, ForAll):
                out.append(ForAll(h.var, _instantiate(h.relation, sub), h.start))
            elif isinstance(h, During):  # a hypothesis on an interval: the same hypothesis, instantiated
                out.append(_instantiate_interval(h.stated(), sub))
            else:
                out.append(_instantiate(h, sub))
        return out

    def value_conditions(self) -> list:
        """What each substituted value must satisfy: the domain of each replaced symbol (a lemma about a
        positive ``a`` says nothing at ``a := y`` unless ``y > 0``) and the shape and structure of each
        replaced vector or matrix."""
        out = []
        for key, value in self.mapping:
            if isinstance(key, sp.Symbol):
                out += [d for d in _domain(key, value) if d is not sp.true]
            elif isinstance(key, sp.MatrixSymbol):  # a lemma about a psd B says nothing at B := A otherwise
                dims = {k: v for k, v in self.mapping if isinstance(k, sp.Symbol)}
                out += substitution_obligations(_at_dimensions(key, dims), value)
        return out

    def __str__(self) -> str:
        inst = ", ".join(f"{k} := {v}" for k, v in self.mapping)
        return f"use {self.name}" + (f" with {inst}" if inst else "")


def _instantiate_interval(h: During, sub: dict) -> During:
    """A lemma's hypothesis on an interval under ``sub``; its bound variable is renamed first when a key or
    a value mentions it (``t := s`` in a lemma about ``[0, t]`` with bound ``s`` gives ``[0, s]`` over ``s'``)."""
    clash = {h.var} & (set(sub) | {x for v in sub.values() for x in getattr(v, "free_symbols", set())})
    if clash:
        h = h.renamed(sp.Dummy(h.var.name, real=True))
    return h.replaced(lambda e: _instantiate(e, sub))


def _domain(symbol: sp.Symbol, value: sp.Basic) -> list:
    """What ``value`` must satisfy to stand for ``symbol``: its sign and integrality assumptions, and
    every other fact it declares (nonzero, even, odd; prime, rational, ... must be certified by sympy)."""
    out = []
    if symbol.is_integer and value.is_integer is not True:
        out.append(sp.Eq(sp.floor(value), value))
    for attr, rel in (("is_positive", sp.Gt), ("is_nonnegative", sp.Ge), ("is_negative", sp.Lt),
                      ("is_nonpositive", sp.Le)):
        if getattr(symbol, attr):
            out.append(rel(value, 0))
            break
    return out + _declared_facts(symbol, value)


#: facts that real, integer and the sign obligations already cover
_COVERED = {"commutative", "complex", "extended_real", "finite", "hermitian", "real", "integer", "positive",
            "nonnegative", "negative", "nonpositive", "extended_positive", "extended_nonnegative",
            "extended_negative", "extended_nonpositive", "infinite", "imaginary", "antihermitian"}


def _declared_facts(symbol: sp.Symbol, value: sp.Basic) -> list:
    """Obligations for the facts of ``symbol`` beyond sign and integer: a lemma about a prime ``p``
    says nothing at ``p := y`` for an integer ``y`` (``sp.false`` when no relation states the fact)."""
    out = []
    for fact, expected in symbol.assumptions0.items():
        if expected is not True or fact in _COVERED or getattr(value, "is_" + fact, None) is True:
            continue
        if fact in ("rational", "algebraic") and symbol.is_integer:
            continue  # the integer obligation covers them
        if fact in ("nonzero", "extended_nonzero") and (symbol.is_positive or symbol.is_negative):
            continue
        stated = {"nonzero": sp.Ne(value, 0), "extended_nonzero": sp.Ne(value, 0), "zero": sp.Eq(value, 0),
                  "even": sp.Eq(sp.Mod(value, 2), 0), "odd": sp.Eq(sp.Mod(value, 2), 1)}
        out.append(stated.get(fact, sp.false))
    return list(dict.fromkeys(out))


def _instantiate(expr: sp.Basic, sub: dict) -> sp.Basic:
    """``expr`` with every key of ``sub`` replaced by its value, simultaneously. Vector/matrix keys are
    swapped by ``xreplace`` through placeholder matrices of the same shape (``subs`` would put scalar
    placeholders inside matrix products and entries); the scalar keys go through ``subs``; undefined
    functions ``D`` are replaced by a ``Lambda`` last (``_replace_functions``)."""
    if not sub:
        return expr
    sub, functions = _split_function_keys(sub)
    matrix_keys = [k for k in sub if isinstance(k, sp.MatrixSymbol)]
    holders = {k: sp.MatrixSymbol(f"<use {i}: {k.name}>", *k.shape) for i, k in enumerate(matrix_keys)}
    out = expr.xreplace(holders) if holders else expr
    scalars = {k: v for k, v in sub.items() if k not in holders}
    if scalars:
        out = out.subs(scalars, simultaneous=True)
    if holders:
        # a dimension symbol among the scalar keys has changed the placeholders' shapes too
        placed = {(holders[k].subs(scalars, simultaneous=True) if scalars else holders[k]): sub[k] for k in matrix_keys}
        out = out.xreplace(placed)
    return _replace_functions(out, functions)


def _split_function_keys(sub: dict) -> tuple[dict, dict]:
    """Symbols (and other expressions) to replace, and undefined functions ``D`` to replace by a
    ``Lambda`` (``{D: Lambda(i, i**2 * E(i))}`` turns ``D(j + 1)`` into ``(j + 1)**2 * E(j + 1)``)."""
    functions = {k: v for k, v in sub.items() if isinstance(k, sp.core.function.UndefinedFunction)}
    return {k: v for k, v in sub.items() if k not in functions}, functions


def _replace_functions(expr: sp.Basic, functions: dict) -> sp.Basic:
    """Apply each function replacement to every application of that function (after the symbols, so
    that the replacing bodies are not themselves renamed: the substitution stays simultaneous)."""
    for name, body in functions.items():
        expr = expr.replace(lambda e, f=name: getattr(e, "func", None) == f,
                            lambda e, b=body: b(*e.args) if callable(b) else e)
    return expr


def use(lemma: Any, mapping: Mapping | None = None, reason: str = "") -> Use:
    """``use(lemma, {x: expr})``: cite ``lemma`` with its symbols replaced (keys may be names)."""
    claim = getattr(lemma, "claim", lemma)
    if not hasattr(claim, "show") or not hasattr(claim, "given"):
        raise TypeError(f"use: expected a Claim or Derivation, got {type(lemma).__name__}")
    mapping = dict(mapping or {})
    by_name = {s.name: s for s in claim.symbols()}
    pairs = []
    for key, value in mapping.items():
        if isinstance(key, str):
            if key not in by_name:
                raise ValueError(f"use({claim.name}): the lemma has no symbol named {key!r}; "
                                 f"its symbols are {sorted(by_name)}")
            key = by_name[key]
        key, value = sp.sympify(key), sp.sympify(value)
        pairs.append((key, value))
    pairs += _dimension_bindings(claim.name, pairs)
    dims = {k: v for k, v in pairs if isinstance(k, sp.Symbol)}
    for key, value in pairs:
        if isinstance(key, sp.MatrixSymbol):
            # a shape, mask or rank bound it cannot meet: say so now
            substitution_obligations(_at_dimensions(key, dims), value)
    return Use(lemma, tuple(pairs), reason)


def _dimension_bindings(name: str, pairs: list) -> list:
    """``n := m`` for each dimension symbol ``n`` of a lemma's vector/matrix key whose value has ``m`` in
    that place (a lemma proved for every dimension ``n`` holds at ``m``); a mismatch that no dimension
    symbol explains is left to the shape check, and two values for one dimension are an error."""
    given = {k: v for k, v in pairs if isinstance(k, sp.Symbol)}
    found: dict = {}
    for key, value in pairs:
        if not isinstance(key, sp.MatrixSymbol) or not hasattr(value, "shape"):
            continue
        for kd, vd in zip(key.shape, value.shape):
            kd, vd = sp.sympify(kd), sp.sympify(vd)
            if kd == vd or not isinstance(kd, sp.Symbol) or kd in given:
                continue
            if kd.is_integer is not True or kd.is_positive is not True:
                continue
            if found.setdefault(kd, vd) != vd:
                raise ValueError(f"use({name}): the lemma's dimension {kd} would be both {found[kd]} and {vd} "
                                 f"(at {key} := {value})")
    return list(found.items())


def _at_dimensions(key: sp.MatrixSymbol, dims: dict) -> sp.MatrixSymbol:
    """The lemma's vector/matrix variable with its dimension symbols instantiated."""
    return key.xreplace(dims) if dims and any(sp.sympify(d).free_symbols & set(dims) for d in key.shape) else key


@dataclass(frozen=True)
class Induction:
    """Induction on a non-negative integer symbol: the base case ``var = start`` and the step
    ``claim(var) => claim(var + 1)``, each checked as a claim (schemas instantiated at ``var``)."""

    var: sp.Symbol
    start: int = 0

    def __str__(self) -> str:
        return f"induction on {self.var} from {self.start}"


def induction(var: sp.Symbol, start: int = 0) -> Induction:
    """Prove a claim about the integer ``var >= start`` by base case and step."""
    if not isinstance(var, sp.Symbol):
        raise TypeError("induction: the variable must be a sympy Symbol")
    if var.is_integer is not True:
        raise ValueError(f"induction: declare {var} as an integer symbol, e.g. "
                         f"Symbol('{var}', integer=True, nonnegative=True)")
    if isinstance(start, sp.Integer):
        start = int(start)
    if not isinstance(start, int) or isinstance(start, bool):
        raise TypeError(f"induction: start must be an int, got {start!r}")  # check() raised on 0.5
    return Induction(var, start)


def _forall_use(var: sp.Symbol, instance: "Use", start: int) -> ForAll:
    """A schema of lemma instances; refused when the lemma itself quantifies over an index."""
    if not isinstance(start, int):
        raise TypeError("forall: start must be an int")
    if any(isinstance(h, During) for h in instance.lemma_claim.given):
        raise ValueError(f"forall({var}, use({instance.name})): the lemma has hypotheses on an interval (during); "
                         f"use it outside forall")
    if any(isinstance(h, ForAll) for h in instance.lemma_claim.given):
        raise ValueError(f"forall({var}, use({instance.name})): the lemma has hypothesis schemas of its own; "
                         f"a schema of schemas is not supported, use it outside forall")
    return ForAll(var, instance, start)


def is_use_schema(item: Any) -> bool:
    """Is ``item`` a schema of lemma instances ``forall(j, use(lemma, ...))``?"""
    return isinstance(item, ForAll) and isinstance(item.relation, Use)


def schema_relation(item: ForAll) -> sp.Basic:
    """The relation a schema asserts at its index: for ``forall(j, use(lemma))``, the lemma's conclusion."""
    return item.relation.conclusion() if isinstance(item.relation, Use) else item.relation


def used_schema(item: ForAll) -> ForAll:
    """``forall(j, use(lemma, ...))`` as the plain schema of the lemma's instantiated conclusion."""
    return ForAll(item.var, schema_relation(item), item.start)


def schema_obligations(item: ForAll) -> list[ForAll]:
    """The hypotheses of a schema of lemma instances, each as a schema over the same index."""
    return [ForAll(item.var, h, item.start) for h in item.relation.hypotheses()]


def lemma_instances(given: Any) -> list[Use]:
    """The ``use`` calls among hypotheses, including those under ``forall`` and inside ``during``."""
    out = []
    for item in given:
        if isinstance(item, Use):
            out.append(item)
        elif is_use_schema(item):
            out.append(item.relation)
        elif isinstance(item, During):
            out.extend(item.uses)
    return out


def interval_use(interval: During, item: Use) -> tuple[During, list[Throughout]]:
    """``use(lemma, {t: s})`` inside ``during(s, a, b, ...)``: (the fact, the obligations).

    The fact is the lemma's conclusion at every ``s`` in ``[a, b]`` where the instance is in the lemma's
    domain (its conclusion and hypotheses defined, and each substituted value in the domain of its symbol,
    ``s > 0`` at ``t := s`` for a positive ``t``): a hypothesis on the interval. The obligations are the
    lemma's stated hypotheses at every such ``s`` (a hypothesis of the lemma on ``[0, t]`` becomes one on
    ``[0, s]`` for every ``s``), and the conditions on substituted values that do not depend on ``s``."""
    var = interval.var
    if any(isinstance(h, ForAll) for h in item.lemma_claim.given):
        raise ValueError(f"during({var}, use({item.name})): the lemma has hypothesis schemas over an index; "
                         f"a schema at every real {var} is not supported, use it outside during")
    if var in {k for k, _ in item.mapping}:
        raise ValueError(f"during({var}, use({item.name})): {var} is the interval's variable, not a symbol of "
                         f"the lemma to replace")
    conditions = item.value_conditions()
    guard = item.domain() + [c for c in conditions if var in c.free_symbols]
    guard = [g for g in dict.fromkeys(guard) if g is not sp.true]
    fact = _instantiate(item.lemma_claim.show, item.substitution())
    fact = sp.Implies(sp.And(*guard), fact) if guard else fact
    facts = During(var, interval.lower, interval.upper, (fact,))
    rest = [c for c in conditions if var not in c.free_symbols]
    obligations = [Throughout(var, interval.lower, interval.upper, tuple(guard), h)
                   for h in item.lemma_hypotheses() + rest]
    return facts, obligations


Rule = Substitute | Use | Induction
__all__ = ["ForAll", "forall", "is_use_schema", "schema_relation", "used_schema", "schema_obligations",
           "lemma_instances", "interval_use", "Substitute", "substitute", "Use", "use", "Induction", "induction",
           "Rule"]
