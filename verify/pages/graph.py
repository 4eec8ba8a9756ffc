"""The dependency graph of the site, laid out by Graphviz's ``dot`` (called with a time limit).

Nodes are filled by final verdict and shaped by kind, grouped by topic into clusters, each a link to
its page; an erratum is joined to its correction by a dashed edge. When ``dot`` is not on the PATH
:class:`GraphvizMissing` says what to install; nothing is drawn by hand instead.
"""
from __future__ import annotations

import shutil
import subprocess
from typing import Any

from ..drawing import FILL, SHAPE
from .model import Site

DOT_SECONDS = 60
INSTALL_HINT = "install Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)"


class GraphvizMissing(RuntimeError):
    """``dot`` is not on the PATH: the message says what to install."""


class GraphvizFailed(RuntimeError):
    """``dot`` ran but failed or ran past its time limit."""


def quoted(text: str) -> str:
    """A DOT double-quoted string (Graphviz escapes it again for SVG)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(site: Site, link_prefix: str = "") -> str:
    """DOT text of the graph: clusters per topic, links to the node pages, errata joined to twins."""
    lines = ["digraph lemmas {", "  rankdir=LR; newrank=true; nodesep=0.15; ranksep=0.5;",
             '  node [style=filled, fontname="Helvetica", fontsize=10, margin="0.08,0.03"];',
             '  edge [color="#777777", arrowsize=0.6];']
    for i, row in enumerate(site.topics):
        lines.append(f"  subgraph cluster_{i} {{")
        lines.append(f'    label={quoted(row["topic"])}; fontname="Helvetica"; style=rounded; color="#bbbbbb";')
        for n in row["nodes"]:
            lines.append("    " + _node_line(n, link_prefix))
        lines.append("  }")
    names = set(site.by_name)
    for n in site.nodes:
        for dep in dict.fromkeys([*n.get("uses", []), *n.get("proof_uses", [])]):
            if dep in names:
                lines.append(f"  {quoted(dep)} -> {quoted(n['name'])};")
        twin = n.get("corrected_by")
        if twin in names:
            lines.append(f'  {quoted(n["name"])} -> {quoted(twin)} [style=dashed, color="#c0392b", '
                         f'xlabel="corrected by", fontsize=8, fontcolor="#c0392b", constraint=false];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node_line(n: dict[str, Any], link_prefix: str) -> str:
    status = n["status"]
    label = f"{n['name']}\n{n['kind']} · {status}"
    attrs = {"label": quoted(label), "fillcolor": quoted(FILL.get(status, "#ffffff")),
             "shape": SHAPE.get(n["kind"], "ellipse"), "URL": quoted(f"{link_prefix}nodes/{n['slug']}.html"),
             "tooltip": quoted(f"{n['name']} ({n['kind']}): {status}"), "target": quoted("_top")}
    return f"{quoted(n['name'])} [" + ", ".join(f"{k}={v}" for k, v in attrs.items()) + "];"


def render(dot_text: str, fmt: str = "svg", seconds: float = DOT_SECONDS) -> bytes:
    """Lay out ``dot_text`` with Graphviz's ``dot`` into ``fmt`` (svg or png)."""
    exe = shutil.which("dot")
    if exe is None:
        raise GraphvizMissing(f"the dependency graph needs Graphviz's 'dot', which is not on the PATH; {INSTALL_HINT}")
    try:
        done = subprocess.run([exe, f"-T{fmt}"], input=dot_text.encode(), capture_output=True, timeout=seconds)
    except subprocess.TimeoutExpired:
        raise GraphvizFailed(f"dot did not finish within {seconds:.0f} s") from None
    if done.returncode != 0:
        raise GraphvizFailed(f"dot failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def render_svg(dot_text: str, seconds: float = DOT_SECONDS) -> str:
    """Lay out ``dot_text`` with Graphviz and return the SVG."""
    return render(dot_text, "svg", seconds).decode("utf-8")


def inline_svg(svg: str) -> str:
    """The ``<svg>`` element of dot's output, without the XML prolog and doctype, to embed in HTML."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


__all__ = ["to_dot", "render", "render_svg", "inline_svg", "GraphvizMissing", "GraphvizFailed", "INSTALL_HINT"]
