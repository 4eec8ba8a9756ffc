"""The notes themselves, annotated: each labelled claim of the manifest is marked at the line of the
note where it is stated, with the verdict badges of the nodes that encode it (linked to their pages),
or as not encoded. The notes' ``$...$`` and ``$$...$$`` math is converted to MathML like the rest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from .math import mathml
from .model import Site

_MATH = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$")
_STRUCTURED = re.compile(r"(?:[A-Z][a-z]+\.? ?\d+(?:\.\d+)*|\(\d+(?:\.\d+)?\))")


@dataclass
class Mark:
    """One manifest entry at its line: the nodes that cover it (name, status, page) or none."""

    label: str
    summary: str
    nodes: list[dict[str, Any]]
    anchor: str


@dataclass
class Line:
    html: Markup
    marks: list[Mark] = field(default_factory=list)


@dataclass
class AnnotatedNote:
    key: str
    title: str
    file: str
    lines: list[Line]
    unplaced: list[Mark]


def render_text(text: str) -> Markup:
    """One line of the notes as HTML: escaped text with its math as MathML."""
    parts: list[Markup] = []
    last = 0
    for m in _MATH.finditer(text):
        parts.append(escape(text[last:m.start()]))
        display, inline = m.group(1), m.group(2)
        parts.append(mathml(display if display is not None else inline, display is not None))
        last = m.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def label_pattern(label: str) -> re.Pattern[str]:
    """A label as a whole word: ``Theorem 2`` does not match ``Theorem 23`` or ``Theorem 2.5``."""
    flags = 0 if _STRUCTURED.fullmatch(label) else re.IGNORECASE
    return re.compile(r"(?<![\w.])" + re.escape(label) + r"(?!\w|\.\d)", flags)


def locate(lines: list[str], names: list[str]) -> int | None:
    """The line where an entry is stated: one that opens with its label, else a display equation
    that carries it, else the first line that mentions it (labels first, then aliases)."""
    lowered = [line.lower() for line in lines]
    for name in names:
        pattern, needle = label_pattern(name), name.lower()
        hits = [i for i, line in enumerate(lines) if needle in lowered[i] and pattern.search(line)]
        if not hits:
            continue
        opening = [i for i in hits if pattern.match(lines[i].lstrip("#*-• \t"))]
        display = [i for i in hits if "$$" in lines[i]]
        return (opening or display or hits)[0]
    return None


def annotate(site: Site, row: dict[str, Any], text: str, page_prefix: str = "../") -> AnnotatedNote:
    """Mark every manifest entry of one note (``row`` from ``site.notes``) in its ``text``."""
    lines = text.splitlines()
    rendered = [Line(render_text(line)) for line in lines]
    unplaced = []
    for j, entry in enumerate(row["entries"]):
        covering = [site.by_name[name] for name in entry.get("covered_by", []) if name in site.by_name]
        mark = Mark(entry["label"], entry.get("summary", ""),
                    [{"name": n["name"], "status": n["status"], "href": f"{page_prefix}nodes/{n['slug']}.html"}
                     for n in covering], f"claim-{j}")
        where = locate(lines, [entry["label"], *entry.get("aliases", [])])
        if where is None:
            unplaced.append(mark)
        else:
            rendered[where].marks.append(mark)
    return AnnotatedNote(row["key"], row["title"], row["file"], rendered, unplaced)


def annotate_all(site: Site, folder: Path) -> tuple[list[AnnotatedNote], list[str]]:
    """Every note of the coverage found in ``folder``; and the files that were not there."""
    notes, missing = [], []
    for row in site.notes:
        path = folder / row["file"]
        if not path.is_file():
            missing.append(row["file"])
            continue
        notes.append(annotate(site, row, path.read_text(encoding="utf-8", errors="replace")))
    return notes, missing


__all__ = ["annotate", "annotate_all", "render_text", "locate", "label_pattern", "AnnotatedNote", "Mark", "Line"]
