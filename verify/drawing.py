"""The colours and shapes of the lemma graph: a node is filled by its final verdict and shaped by its kind
(the legend of ``verify graph`` and of the site's graph page, both laid out by Graphviz in
``verify.pages.graph``)."""
from __future__ import annotations

FILL = {"proved": "#7fd17f", "tested": "#8fd3e8", "refuted": "#f08080", "error": "#d98cd9",
        "blocked": "#f5d76e", "unknown": "#e0e0e0", None: "#ffffff"}
SHAPE = {"definition": "note", "axiom": "box", "lemma": "ellipse", "theorem": "doubleoctagon",
         "erratum": "octagon", "experiment": "component"}

__all__ = ["FILL", "SHAPE"]
