"""A node's statement for the JSON report: hypotheses, conclusion, derivation steps and symbols,
each as plain text and as LaTeX (sympy's ``latex``), so that a reader of the report (the generated
site, a course wiki) sees the whole claim without importing the content package.

Nothing here checks anything: a statement that cannot be rendered gets ``"latex": null`` and keeps
its text.
"""
from __future__ import annotations

from typing import Any

import sympy as sp

_OPS = {"eq": ("=", "="), "le": ("<=", r"\le"), "lt": ("<", "<"), "ge": (">=", r"\ge"), "gt": (">", ">")}
_SIGNS = (("is_positive", "positive", "> 0"), ("is_nonnegative", "nonnegative", r"\ge 0"),
          ("is_negative", "negative", "< 0"), ("is_nonpositive", "nonpositive", r"\le 0"))


def latex_of(value: Any) -> str | None:
    """The LaTeX of a sympy object or of a quantified hypothesis; None when sympy cannot print it."""
    try:
        return _latex(value)
    except Exception:  # noqa: BLE001 - a printer failure must not stop the report
        return None


def _latex(value: Any) -> str:
    from .core.rules import ForAll, Use

    if isinstance(value, ForAll):
        return rf"\forall\, {sp.latex(value.var)} \ge {value.start}:\; {sp.latex(value.relation)}"
    if isinstance(value, Use):
        return sp.latex(value.conclusion())
    if isinstance(value, sp.Basic):
        return sp.latex(value)
    raise TypeError(f"no LaTeX for {type(value).__name__}")


def formula(value: Any) -> dict[str, Any]:
    """``{"text", "latex"}`` of one relation or expression, plus ``uses`` for an instantiated lemma."""
    from .core.rules import Use

    out: dict[str, Any] = {"text": str(value), "latex": latex_of(value)}
    if isinstance(value, Use):
        out["uses"] = value.name
        out["text"] = f"{value}: {value.conclusion()}"
    return out


def hypotheses(statement: Any) -> list[dict[str, Any]]:
    """The stated hypotheses of a claim or derivation, in order (none for experiments and the rest)."""
    if statement is None or callable(getattr(statement, "run", None)):
        return []
    return [formula(g) for g in getattr(statement, "given", ()) or ()]


def conclusion(statement: Any) -> dict[str, Any] | None:
    """What the node asserts: the relation (text and LaTeX) and how it is to be proved (``by``).

    An experiment's claim is text only (``latex`` null); a node without a statement has none.
    """
    if statement is None:
        return None
    if callable(getattr(statement, "run", None)):
        return {"text": str(getattr(statement, "statement", "") or ""), "latex": None, "by": ""}
    try:
        show = statement.show
    except Exception:  # noqa: BLE001 - a malformed derivation has no composed conclusion
        show = None
    if show is None:
        return None
    by = getattr(statement, "by", None)
    return {**formula(show), "by": "" if by is None else str(by)}


def derivation(statement: Any) -> dict[str, Any] | None:
    """A derivation's chain ``start REL e1 REL e2 ...``: each step's relation, expression and reason."""
    links = getattr(statement, "links", None)
    if statement is None or links is None or not hasattr(statement, "start"):
        return None
    steps = []
    for link in links:
        text_op, latex_op = _OPS.get(link.op, (link.op, link.op))
        steps.append({"op": link.op, "relation": text_op, "relation_latex": latex_op, **formula(link.rhs),
                      "reason": link.reason})
    return {"start": formula(statement.start), "steps": steps}


def symbols(statement: Any) -> list[dict[str, Any]]:
    """Each symbol of a claim with its domain (its sympy assumptions are hypotheses too)."""
    if statement is None or not callable(getattr(statement, "symbols", None)):
        return []
    try:
        found = statement.symbols()
    except Exception:  # noqa: BLE001
        return []
    return [symbol_entry(s) for s in sorted(found, key=lambda s: str(s))]


def symbol_entry(symbol: Any) -> dict[str, Any]:
    """``{"name", "latex", "domain", "domain_latex", "integer"}``; a matrix gives its shape as domain."""
    if isinstance(symbol, sp.MatrixSymbol):
        rows, cols = symbol.shape
        structure = getattr(symbol, "structure", "general")
        return {"name": str(symbol), "latex": latex_of(symbol), "integer": False,
                "domain": f"{structure} matrix {rows}x{cols}",
                "domain_latex": rf"\in \mathbb{{R}}^{{{sp.latex(rows)} \times {sp.latex(cols)}}}"}
    integer = bool(getattr(symbol, "is_integer", False))
    domain, domain_latex = "real", r"\in \mathbb{R}"
    for attribute, word, relation in _SIGNS:
        if getattr(symbol, attribute, None):
            domain, domain_latex = word, relation
            break
    if integer:
        domain_latex = {"positive": r"\in \mathbb{Z}_{> 0}", "nonnegative": r"\in \mathbb{Z}_{\ge 0}"}.get(
            domain, rf"\in \mathbb{{Z}},\ {domain_latex}" if domain != "real" else r"\in \mathbb{Z}")
    return {"name": str(symbol), "latex": latex_of(symbol), "integer": integer, "domain": domain,
            "domain_latex": domain_latex}


def statement_fields(statement: Any) -> dict[str, Any]:
    """The report fields of a statement: ``hypotheses conclusion derivation symbols``."""
    return {"hypotheses": hypotheses(statement), "conclusion": conclusion(statement),
            "derivation": derivation(statement), "symbols": symbols(statement)}


__all__ = ["statement_fields", "hypotheses", "conclusion", "derivation", "symbols", "formula", "latex_of"]
