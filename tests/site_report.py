"""A small report of the real graph for the site tests, built once per test session (about 10 s):
an erratum refuted by z3 and its proved twin, a refuted telescoping erratum, a derivation, the GD
rate by induction, an experiment that keeps its trajectory, with the real coverage of the notes;
and a hostile node whose name, source and symbol are HTML."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import sympy as sp

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
REAL_NODES = ["sgd_pl_one_step_as_written", "sgd_pl_one_step", "gd_pl_one_step", "gd_pl_rate_run",
              "sgd_telescoping_as_written"]
HOSTILE = "<script>alert(1)</script>"


@lru_cache(maxsize=1)
def real_report() -> dict:
    """The report of :data:`REAL_NODES` and what they need, with the manifest's coverage."""
    from verify import __version__
    from verify import report as rep
    from verify.graph import build
    from verify.loader import load
    from verify.manifest import coverage
    from verify.runner import run

    loaded = load("theorems")
    graph = build(loaded.nodes)
    result = run(graph, names=REAL_NODES, seconds=6)  # a derivation: links, domains, whole chain
    cov = coverage(loaded.manifest, [(n.name, n.source) for n in graph.nodes.values()])
    return rep.build(result, load_errors=loaded.errors, coverage=cov, version=__version__)


@lru_cache(maxsize=1)
def hostile_report() -> dict:
    """Two nodes whose name, source and symbol are markup: a refuted erratum and a lemma using it (blocked)."""
    from verify import Claim, node
    from verify import report as rep
    from verify.graph import build
    from verify.runner import run

    x = sp.Symbol("<img src=x onerror=alert(2)>", positive=True)
    false = Claim(HOSTILE, show=x <= 1, source="<b>000</b>, Theorem <i>2</i> & 'quotes' \"too\"")
    true = Claim("uses_it", show=x + 1 > 0, source="ok")
    nodes = [node(false, "erratum", corrects="uses_it", topic="<em>topic</em>"),
             node(true, "lemma", topic="<em>topic</em>", uses=[HOSTILE])]
    return rep.build(run(build(nodes), seconds=2), version="0.0")
