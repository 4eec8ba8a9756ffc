"""The trusted core (``verify/core/``): it imports nothing outside itself, and it re-checks every point
an adversary proposes, so a lying adversary can cost a refutation but never make one false."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
import sympy as sp

import verify
from verify import Claim, Matrix, Status, Vector, lambda_max, norm, trace
from verify.attack.result import AttackResult
from verify.core import checker
from verify.core.counterexamples import Rejected, confirm
from verify.core.problem import prepare

CORE = Path(verify.__file__).parent / "core"


def _imports_leaving_core(path: Path, root: Path = CORE) -> list[str]:
    depth = len(path.relative_to(root).parts) - 1  # 0 for core/x.py, 1 for core/deciders/x.py
    out = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level > depth + 1 or (node.level == 0 and (node.module or "").split(".")[0] in
                                          ("verify", "theorems")):
                if not (node.level == 0 and (node.module or "").startswith("verify.core")):
                    out.append(f"{path.name}:{node.lineno}: from {'.' * node.level}{node.module or ''}")
        elif isinstance(node, ast.Import):
            out += [f"{path.name}:{node.lineno}: import {a.name}" for a in node.names
                    if a.name.split(".")[0] in ("verify", "theorems") and not a.name.startswith("verify.core")]
    return out


def test_the_core_imports_nothing_outside_itself():
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 10
    leaks = [leak for f in files for leak in _imports_leaving_core(f)]
    assert leaks == []


def test_the_import_check_sees_a_leak(tmp_path):
    """The check above can fail: a relative import that climbs out of the core is reported."""
    root = tmp_path / "core"
    (root / "deciders").mkdir(parents=True)   # not in the source tree: other tests read the core's files
    fake = root / "deciders" / "_probe_for_test.py"
    fake.write_text("from ...attack import attack\nfrom ..exact import holds\n")
    assert _imports_leaving_core(fake, root) == ["_probe_for_test.py:1: from ...attack"]


# -- the exact re-check of proposed points ------------------------------------------------------------------

P = Matrix("P", 3, 3, structure="psd", rank=1)
RANK_ONE = prepare(Claim("rank_one", show=trace(P) > lambda_max(P)))  # false: equality at rank one


def test_a_point_outside_the_declared_rank_is_rejected():
    with pytest.raises(Rejected, match="rank at most 1"):
        confirm(RANK_ONE, {"P": [[2, 0, 0], [0, 2, 0], [0, 0, 2]]})
    # at a rank-one PSD point the claim trace(P) > lambda_max(P) fails, and the re-check says so
    c = confirm(RANK_ONE, {"P": [[1, 1, 0], [1, 1, 0], [0, 0, 0]]})
    assert c.sides is not None and c.sides[0] == c.sides[1] == 2


@pytest.mark.parametrize("value, reason", [
    ([[1, 2, 0], [0, 1, 0], [0, 0, 0]], "not symmetric"),
    ([[1, 0, 0], [0, -1, 0], [0, 0, 0]], "positive semidefinite"),
    ([[1, 2, 0], [2, 1, 0], [0, 0, 0]], "positive semidefinite"),  # symmetric, eigenvalues 3 and -1
    ([[0, 1, 0], [1, 0, 0], [0, 0, 1]], "positive semidefinite"),  # zero pivot on a non-zero row
    ([[1, 0], [0, 1]], "not 3 x 3"),
])
def test_structure_violations_are_rejected(value, reason):
    with pytest.raises(Rejected, match=reason):
        confirm(RANK_ONE, {"P": value})


def test_unit_orthogonal_diagonal_and_mask_structures_are_checked():
    u = Vector("u", 2, structure="unit")
    Q = Matrix("Q", 2, 2, structure="orthogonal")
    Dg = Matrix("Dg", 2, 2, structure="diagonal")
    W = Matrix("W", 2, 2, structure="mask")
    problem = prepare(Claim("structures", show=norm(u) + trace(Q) + trace(Dg) + trace(W) > 100))
    good = {"u": [sp.Rational(3, 5), sp.Rational(4, 5)], "Q": [[0, 1], [-1, 0]], "Dg": [[2, 0], [0, 3]],
            "W": [[1, 0], [0, 1]]}
    assert confirm(problem, good).sides is not None
    for name, bad in (("u", [1, 1]), ("Q", [[1, 1], [0, 1]]), ("Dg", [[1, 1], [0, 1]]), ("W", [[2, 0], [0, 1]])):
        with pytest.raises(Rejected, match=name):
            confirm(problem, {**good, name: bad})


def test_scalar_points_must_satisfy_domains_and_hypotheses():
    x = sp.Symbol("x", positive=True)
    y = sp.Symbol("y", real=True)
    problem = prepare(Claim("scalar", given=[y >= 1], show=x * y >= 1))
    assert confirm(problem, {"x": sp.Rational(1, 2), "y": 1}).violated == str(x * y >= 1)
    for point, reason in (({"x": -1, "y": 1}, "domain"), ({"x": sp.Rational(1, 2), "y": 0}, "hypothesis"),
                          ({"x": sp.Rational(1, 2)}, "unassigned"), ({"x": 2, "y": 1}, "not certified false")):
        with pytest.raises(Rejected, match=reason):
            confirm(problem, point)


# -- the adversary only proposes ------------------------------------------------------------------------------

def _liar(point):
    def adversary(problem, *, seconds, seed, light):
        return AttackResult(counterexample=point, sides=(1, 0), violated="made up", instances=10,
                            methods=["a lying adversary"], seed=seed)
    return adversary


def test_a_lying_adversary_cannot_refute_a_true_claim():
    x = sp.Symbol("x", real=True)
    true_claim = Claim("square_nonneg_plus", show=sp.Gt(x ** 2 + sp.cos(x) ** 2 + sp.Rational(1, 10), 0, evaluate=False))
    v = checker.check(true_claim, seconds=3, adversary=_liar({"x": 0}))
    assert v.status is not Status.REFUTED
    assert "rejects" in " ".join(e.detail for e in v.evidence)


def test_an_unconfirmed_point_never_gives_tested():
    """A claim no decider proves, where the adversary's only point fails the re-check: unknown."""
    x = sp.Symbol("x", real=True)
    claim = Claim("erf_bound", show=sp.erf(x) ** 2 + sp.exp(-x ** 2) >= sp.Rational(1, 2))
    v = checker.check(claim, seconds=3, adversary=_liar({"x": 0}))
    assert v.status is Status.UNKNOWN and "core's exact re-check rejects" in v.message


def test_without_an_adversary_the_core_proves_or_says_unknown():
    x = sp.Symbol("x", real=True)
    assert checker.check(Claim("sq", show=sp.Ge(x ** 2, 0, evaluate=False)), seconds=3).status is Status.PROVED
    assert checker.check(Claim("sq_false", show=x ** 2 >= 1), seconds=3).status in (Status.UNKNOWN,
                                                                                  Status.REFUTED)


def test_float_entries_of_a_proposed_matrix_are_read_exactly():
    """A unit vector normalised in floats came back as [-1.00000000000000]; evaluated in floats, the true
    Cauchy-Schwarz inequality 'failed' there (found through theorems/matrix_completion.py)."""
    n = sp.Symbol("n", integer=True, positive=True)
    xv, zv = Vector("x", n), Vector("z", n, structure="unit")
    from verify import inner
    problem = prepare(Claim("cauchy_schwarz_unit", show=inner(xv, zv) ** 2 <= norm(xv) ** 2 * norm(zv) ** 2))
    with pytest.raises(Rejected, match="not certified false"):
        confirm(problem, {"n": 1, "x": [sp.Rational(22, 9)], "z": [sp.Float(-1.0)]})
    wrong = prepare(Claim("unit_times_two", show=2 * norm(zv) ** 2 <= 1))
    assert confirm(wrong, {"n": 1, "z": [sp.Float(-1.0)]}).sides == (2, 1)


def _broken_decider(problem):
    raise RuntimeError("a bug in a decider")


def test_a_decider_that_raises_does_not_stop_the_others(monkeypatch):
    from verify import check
    from verify.core import kernel as core_kernel

    monkeypatch.setattr(core_kernel, "DECIDERS", [("broken", _broken_decider, 1.0), *core_kernel.DECIDERS])
    x = sp.Symbol("x", real=True)
    proved = check(Claim("sq", show=sp.Gt(x ** 2 + 1, 0, evaluate=False)), seconds=5)
    assert proved.status is Status.PROVED
    assert any(e.rule == "decider error" and "broken" in e.detail for e in proved.evidence)
    false = check(Claim("sq_false", show=x ** 2 >= 1), seconds=5)
    assert false.status is Status.REFUTED  # the others and the attack still ran
    erf = Claim("erf_bound", show=sp.erf(x) ** 2 + sp.exp(-x ** 2) >= sp.Rational(1, 2))
    v = check(erf, seconds=5)
    assert v.status is Status.UNKNOWN and "decider 'broken' raised RuntimeError" in v.message


def _import_graph(root: Path):
    """Edges module -> module of every import between modules of ``verify`` (nested imports too)."""
    import networkx as nx

    graph = nx.DiGraph()
    top = root.parent
    for f in root.rglob("*.py"):
        parts = list(f.relative_to(top).with_suffix("").parts)
        me = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        pkg = me if f.name == "__init__.py" else me.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(f.read_text())):
            if not isinstance(node, ast.ImportFrom):
                continue
            base = pkg.split(".")[: len(pkg.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            if not target.startswith("verify"):
                continue
            for t in ([target] if node.module else []) + [f"{target}.{a.name}" for a in node.names]:
                path = top / t.replace(".", "/")
                if (path.with_suffix(".py").exists() or (path / "__init__.py").exists()) and t != me:
                    graph.add_edge(me, t)
    return graph


def test_verify_has_no_import_cycles():
    import networkx as nx

    graph = _import_graph(Path(verify.__file__).parent)
    assert graph.number_of_edges() > 50
    assert [c for c in nx.simple_cycles(graph) if len(c) > 1] == []
