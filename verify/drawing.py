"""Drawing the lemma graph: Graphviz DOT text, a self-contained SVG, or PNG through Graphviz.

Nodes are coloured by final verdict (the colours of the legend in the SVG). DOT and SVG need no
external program; PNG needs Graphviz's ``dot`` on the PATH and says so when it is missing.
"""
from __future__ import annotations

import html
import shutil
import subprocess
from typing import Mapping

import networkx as nx

FILL = {"proved": "#7fd17f", "tested": "#8fd3e8", "refuted": "#f08080", "error": "#d98cd9",
        "blocked": "#f5d76e", "unknown": "#e0e0e0", None: "#ffffff"}
SHAPE = {"definition": "note", "axiom": "box", "lemma": "ellipse", "theorem": "doubleoctagon",
         "erratum": "octagon", "experiment": "component"}


class DrawingError(RuntimeError):
    """The requested format cannot be produced here; the message says what to do instead."""


def to_dot(digraph: nx.DiGraph, status: Mapping[str, str], kinds: Mapping[str, str]) -> str:
    """DOT text: one node per lemma, filled by verdict, shaped by kind; edges point to users."""
    lines = ["digraph lemmas {", "  rankdir=LR;", '  node [style=filled, fontname="Helvetica"];']
    for name in sorted(digraph.nodes):
        st = status.get(name)
        label = f"{name}\\n{st or 'not run'}"
        lines.append(f'  "{_esc(name)}" [label="{_esc(label, keep_newline=True)}", fillcolor="{FILL.get(st, "#ffffff")}", '
                     f'shape={SHAPE.get(kinds.get(name, ""), "ellipse")}];')
    for a, b in sorted(digraph.edges):
        lines.append(f'  "{_esc(a)}" -> "{_esc(b)}";')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _esc(text: str, keep_newline: bool = False) -> str:
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    return out.replace("\\\\n", "\\n") if keep_newline else out


def to_svg(digraph: nx.DiGraph, status: Mapping[str, str], kinds: Mapping[str, str]) -> str:
    """A layered drawing: columns by dependency depth, edges left to right, a colour legend."""
    layer: dict[str, int] = {}
    acyclic = digraph.copy()
    acyclic.remove_edges_from([e for c in nx.simple_cycles(digraph) for e in zip(c, c[1:] + c[:1])])
    for name in nx.topological_sort(acyclic):
        preds = list(acyclic.predecessors(name))
        layer[name] = 1 + max((layer[p] for p in preds), default=-1)
    columns: dict[int, list[str]] = {}
    for name in sorted(layer):
        columns.setdefault(layer[name], []).append(name)
    box_w, box_h, gap_x, gap_y, margin = 190, 34, 70, 14, 20
    pos = {}
    for col, names in columns.items():
        for row, name in enumerate(names):
            pos[name] = (margin + col * (box_w + gap_x), margin + 40 + row * (box_h + gap_y))
    width = margin * 2 + max(len(columns), 1) * (box_w + gap_x)
    height = margin * 2 + 40 + max((len(v) for v in columns.values()), default=1) * (box_h + gap_y)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="Helvetica, Arial, sans-serif" font-size="11">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
             'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>']
    x = margin
    for st in ("proved", "tested", "unknown", "blocked", "refuted", "error"):
        parts.append(f'<rect x="{x}" y="{margin}" width="14" height="14" fill="{FILL[st]}" stroke="#333"/>'
                     f'<text x="{x + 18}" y="{margin + 11}">{st}</text>')
        x += 80
    for a, b in sorted(digraph.edges):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        parts.append(f'<line x1="{x1 + box_w}" y1="{y1 + box_h / 2}" x2="{x2}" y2="{y2 + box_h / 2}" '
                     'stroke="#555" marker-end="url(#arrow)"/>')
    for name, (px, py) in sorted(pos.items()):
        st = status.get(name)
        kind = kinds.get(name, "")
        title = html.escape(f"{name} ({kind}): {st or 'not run'}")
        label = html.escape(name if len(name) <= 28 else name[:26] + "…")
        parts.append(f'<g><title>{title}</title><rect x="{px}" y="{py}" width="{box_w}" height="{box_h}" rx="6" '
                     f'fill="{FILL.get(st, "#ffffff")}" stroke="#333"/>'
                     f'<text x="{px + 6}" y="{py + 14}">{label}</text>'
                     f'<text x="{px + 6}" y="{py + 28}" fill="#333">{html.escape(kind)} · {st or "not run"}</text></g>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def to_png(dot_text: str) -> bytes:
    """Render DOT to PNG with Graphviz."""
    exe = shutil.which("dot")
    if exe is None:
        raise DrawingError("PNG needs Graphviz's 'dot' program, which is not on the PATH; install graphviz "
                           "or use --format svg (no external program needed)")
    done = subprocess.run([exe, "-Tpng"], input=dot_text.encode(), capture_output=True, timeout=120)
    if done.returncode != 0:
        raise DrawingError(f"dot failed: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


__all__ = ["to_dot", "to_svg", "to_png", "DrawingError", "FILL"]
