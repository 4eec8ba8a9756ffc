"""The content reads like the notes: theorem modules import only ``verify``'s public names, name their
expressions, and never print two different symbols alike."""
from __future__ import annotations

import ast
import dataclasses
import importlib
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterator

import pytest
import sympy as sp
from sympy.core.function import AppliedUndef, UndefinedFunction

import theorems
import verify

CONTENT = Path(theorems.__file__).resolve().parent
CONTENT_FILES = sorted(CONTENT.glob("*.py"))

#: Modules merged before these checks existed and not yet rewritten to meet them, per check (strict xfail:
#: once a module meets a check, its entry must go).
NOT_YET = {
    "imports": set(),
    "printed_alike": set(),
    "short_names": set(),
}


def _params(check: str, modules: list[str]) -> list:
    """``modules`` as test parameters, those listed in ``NOT_YET[check]`` expected to fail."""
    todo = pytest.mark.xfail(strict=True, reason="written before this check; not yet rewritten")
    return [pytest.param(m, marks=todo) if m.rsplit(".", 1)[-1] in NOT_YET[check] else m for m in modules]


def verify_imports(source: str) -> Iterator[tuple[int, str, str]]:
    """``(line, module, name)`` for every name the source imports from ``verify`` or a submodule of it."""
    for stmt in ast.walk(ast.parse(source)):
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.name.split(".")[0] == "verify":
                    yield stmt.lineno, alias.name, ""
        elif isinstance(stmt, ast.ImportFrom) and stmt.level == 0 and stmt.module:
            if stmt.module.split(".")[0] == "verify":
                for alias in stmt.names:
                    yield stmt.lineno, stmt.module, alias.name


def non_public_imports(source: str) -> list[str]:
    """The imports of ``source`` that reach past ``verify``'s public names (``verify.__all__``)."""
    return [f"line {line}: {module}{'.' + name if name else ''}" for line, module, name in verify_imports(source)
            if module != "verify" or (name and name not in verify.__all__)]


@pytest.mark.parametrize("name", _params("imports", [p.stem for p in CONTENT_FILES]))
def test_content_imports_only_verify_public_names(name):
    assert non_public_imports((CONTENT / f"{name}.py").read_text()) == []


def test_the_import_check_sees_private_imports():
    assert non_public_imports("from verify.experiments import Experiment\nimport verify.solvers\n"
                              "from verify import check, _private\nfrom verify import Claim\n") == [
        "line 1: verify.experiments.Experiment", "line 2: verify.solvers", "line 3: verify._private"]


# -- no two distinct symbols printed alike -------------------------------------------------------------------
def sympy_leaves(obj: Any, seen: set[int] | None = None) -> Iterator[sp.Basic]:
    """Every symbol, matrix symbol and undefined function reachable from ``obj`` (a node's statement:
    claims, derivations, links, rules, relations; through lists, dicts, dataclasses and ``verify`` objects)."""
    seen = set() if seen is None else seen
    if id(obj) in seen or callable(obj) and not isinstance(obj, (sp.Basic, UndefinedFunction)):
        return
    seen.add(id(obj))
    if isinstance(obj, UndefinedFunction):
        yield obj
    elif isinstance(obj, sp.Basic):
        for atom in obj.atoms(sp.Symbol, sp.MatrixSymbol, AppliedUndef):
            if not isinstance(atom, (sp.Dummy, sp.Wild)):
                yield atom.func if isinstance(atom, AppliedUndef) else atom
        if isinstance(obj, sp.Lambda):
            yield from (v for v in obj.variables if not isinstance(v, sp.Dummy))
    elif isinstance(obj, dict):
        for key, value in obj.items():
            yield from sympy_leaves(key, seen)
            yield from sympy_leaves(value, seen)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for item in obj:
            yield from sympy_leaves(item, seen)
    elif dataclasses.is_dataclass(obj) or type(obj).__module__.startswith("verify"):
        for value in vars(obj).values() if hasattr(obj, "__dict__") else ():
            yield from sympy_leaves(value, seen)


def printed_name(leaf: sp.Basic) -> str:
    """How a leaf prints in a statement: a symbol's name, a function's name before its arguments."""
    return leaf.__name__ if isinstance(leaf, UndefinedFunction) else str(leaf)


def printed_alike(nodes: list) -> dict[str, list[str]]:
    """Printed names shared by two or more distinct leaves of the nodes, with what tells them apart."""
    by_name: dict[str, set] = defaultdict(set)
    for n in nodes:
        for leaf in sympy_leaves(n.statement):
            by_name[printed_name(leaf)].add(leaf)
    return {name: sorted(f"{type(leaf).__name__} {getattr(leaf, 'assumptions0', '')}" for leaf in leaves)
            for name, leaves in by_name.items() if len(leaves) > 1}


@pytest.mark.parametrize("module", _params("printed_alike", theorems.MODULES))
def test_no_two_symbols_print_alike(module):
    assert printed_alike(importlib.import_module(module).NODES) == {}


def test_the_alike_check_sees_two_ks_and_a_symbol_beside_a_function():
    k, k_pos = sp.Symbol("k", integer=True, nonnegative=True), sp.Symbol("k", integer=True, positive=True)
    V, V_of = sp.Symbol("V"), sp.Function("V")
    nodes = [verify.node(verify.Claim("a", show=k <= k_pos + V), "lemma"),
             verify.node(verify.Claim("b", show=V_of(k) >= 0), "lemma")]
    assert set(printed_alike(nodes)) == {"k", "V"}
    assert printed_alike(nodes[1:]) == {}


# -- expressions have names that say what they are -------------------------------------------------------------
MIN_EXPRESSION_NAME = 3


def short_named_expressions(module: Any) -> list[str]:
    """Module globals bound to a compound sympy expression under a name shorter than
    ``MIN_EXPRESSION_NAME`` characters (such as ``c``, ``cc``, ``q``); symbols, functions and relations
    keep the notes' short names."""
    return sorted(name for name, value in vars(module).items()
                  if isinstance(value, sp.Expr) and not isinstance(value, (sp.Symbol, sp.MatrixSymbol, AppliedUndef, sp.Number))
                  and len(name.lstrip("_")) < MIN_EXPRESSION_NAME)


@pytest.mark.parametrize("module", _params("short_names", theorems.MODULES))
def test_compound_expressions_are_named(module):
    assert short_named_expressions(importlib.import_module(module)) == []


def test_the_naming_check_sees_a_short_name():
    mu, s = sp.symbols("mu s", positive=True)
    fake = type("M", (), {})()
    fake.q, fake.mu, fake.sgd_contraction = 1 - 2 * mu * s, mu, 1 - 2 * mu * s
    assert short_named_expressions(fake) == ["q"]
