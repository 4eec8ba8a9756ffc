"""Writing the site: jinja2 templates (HTML autoescaped, so everything from a claim is text) and the
Markdown export (the same content minus the images, math as ``$...$`` LaTeX).
"""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from . import model
from .math import mathml

HERE = Path(__file__).resolve().parent
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~$&-])")


@dataclass
class Written:
    """What a build wrote: the pages (relative paths), the figures, and what it could not do."""

    pages: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def math_filter(latex: Any, display: bool = False) -> Markup:
    """MathML of a LaTeX string; an empty string for none."""
    return mathml(str(latex), display) if latex else Markup("")


def number_filter(text: Any) -> Markup:
    """An exact value of the report (``"3/7"``, ``"sqrt(2)/2"``) typeset; long or odd values as code."""
    value = str(text)
    latex = number_latex(value)
    return mathml(latex) if latex is not None else Markup("<code>{}</code>").format(value)


_DECIMAL = re.compile(r"\s*[-+]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][-+]?\d+)\s*")


def number_latex(text: str) -> str | None:
    """LaTeX of an exact number read with the safe parser, or None (decimals, which are shown as
    written rather than as a fraction that would look exact; matrices, words, anything else)."""
    if len(text) > 80 or _DECIMAL.fullmatch(text):
        return None
    try:
        import sympy as sp

        from ..parsing import parse_number

        return sp.latex(parse_number(text))
    except Exception:  # noqa: BLE001 - not a number: shown as text
        return None


def md_escape(value: Any) -> str:
    """Text for Markdown: every character Markdown or HTML would read as markup is escaped."""
    return _MD_SPECIAL.sub(r"\\\1", str(value)).replace("\n", " ")


def md_code(value: Any) -> str:
    """Inline code for Markdown, with a fence longer than any run of backticks in ``value``."""
    text = str(value).replace("\n", " ")
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}"


def md_math(latex: Any) -> str:
    """``$latex$`` for wikis that render TeX; the LaTeX comes from sympy, never from raw claim text."""
    return f"${latex}$" if latex else ""


def environment(kind: str) -> jinja2.Environment:
    """The jinja2 environment of ``kind`` ``html`` (autoescaped) or ``md``."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates" / kind)),
                             autoescape=(kind == "html"), undefined=jinja2.ChainableUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(math=math_filter, number=number_filter, md=md_escape, code=md_code, tex=md_math,
                       pretty=lambda data: json.dumps(data, indent=1, ensure_ascii=False))
    env.globals.update(link_rows=model.link_rows, domains=model.domains,
                       counterexample_rows=model.counterexample_rows, worst_ratio=model.worst_ratio,
                       STATUSES=model.STATUSES, COLUMNS=model.COLUMNS)
    return env


def write_page(env: jinja2.Environment, template: str, out: Path, relative: str, written: Written,
               **context: Any) -> None:
    """Render ``template`` to ``out/relative``; ``root`` is the way back to the site's top."""
    root = "../" * relative.count("/")
    path = out / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(env.get_template(template).render(root=root, **context), encoding="utf-8")
    written.pages.append(relative)


def copy_static(out: Path) -> None:
    """The stylesheet (the site's only asset besides its figures)."""
    shutil.copyfile(HERE / "static" / "style.css", out / "style.css")


__all__ = ["environment", "write_page", "copy_static", "Written", "md_escape", "md_code", "number_latex"]
