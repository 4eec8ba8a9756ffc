"""Fingerprints and the verdict cache: stable keys, hits, invalidation downstream, bad files."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import sympy as sp

from verify import Claim, Derivation, node, substitute
from verify.cache import Cache, node_key, verdict_from_json
from verify.fingerprint import digest, stable_repr
from verify.graph import build
from verify.runner import run
from verify.core.verdicts import Evidence, Status, Verdict

from test_graph import Fake, fake


def _claim(expr_const=2):
    mu, L = sp.symbols("mu L", positive=True)
    d, g = sp.symbols("delta g", nonnegative=True)
    return Claim("one_step", given=[g >= 2 * mu * d, mu <= L],
                 show=d - g / (2 * L) <= (1 - mu / L) * d * expr_const / 2, source="000, Theorem 2")


def test_equal_statements_have_equal_fingerprints_and_edits_change_them():
    assert digest(_claim()) == digest(_claim())
    assert digest(_claim()) != digest(_claim(3))
    renamed = _claim()
    renamed.source = "000, Theorem 2 (edited)"
    assert digest(renamed) != digest(_claim())


def test_assumptions_are_part_of_the_fingerprint():
    x_pos, x_real = sp.Symbol("x", positive=True), sp.Symbol("x", real=True)
    assert stable_repr(x_pos) != stable_repr(x_real)


def test_derivation_links_and_reasons_are_part_of_the_fingerprint():
    a, b = sp.symbols("a b", positive=True)

    def chain(reason):
        return Derivation("chain", given=[a <= b], start=a + 1).le(b + 1, by=substitute(a <= b, reason))

    assert digest(chain("x")) == digest(chain("x"))
    assert digest(chain("x")) != digest(chain("y"))


def test_fingerprint_is_stable_across_processes():
    code = textwrap.dedent("""
        import sympy as sp
        from verify import Claim
        from verify.fingerprint import digest
        mu, L = sp.symbols("mu L", positive=True)
        d, g = sp.symbols("delta g", nonnegative=True)
        print(digest(Claim("one_step", given=[g >= 2 * mu * d, mu <= L],
                           show=d - g / (2 * L) <= (1 - mu / L) * d * 2 / 2, source="000, Theorem 2")))
    """)
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": str(seed), "PATH": ""}).stdout.strip() for seed in (1, 2)}
    assert outputs == {digest(_claim())}


def test_objects_with_addresses_and_functions_fingerprint_stably():
    f1, f2 = Fake("e"), Fake("e")
    assert stable_repr(f1) == stable_repr(f2)
    assert " at 0x" not in stable_repr(f1)
    assert stable_repr(lambda x: x + 1) != stable_repr(lambda x: x + 2)


def _nodes(counter):
    """leaf -> mid -> top, plus an unrelated node; statements count their calls in ``counter``."""
    class Counting(Fake):
        def run(self, seconds=None, seed=None):
            counter.append(self.name)
            return super().run(seconds, seed)

    return [node(Counting("leaf"), "lemma"), node(Counting("mid", "tested"), "lemma", uses=["leaf"]),
            node(Counting("top"), "theorem", proof_uses=["mid"]), node(Counting("other"), "lemma")]


def test_second_run_hits_the_cache_and_gives_the_same_verdicts(tmp_path):
    calls: list[str] = []
    cache = Cache(tmp_path / "c")
    first = run(build(_nodes(calls)), cache=cache)
    assert sorted(calls) == ["leaf", "mid", "other", "top"]
    calls.clear()
    second = run(build(_nodes(calls)), cache=Cache(tmp_path / "c"))
    assert calls == []
    assert all(r.cached for r in second.results.values())
    assert {n: r.final.status for n, r in first.results.items()} == {n: r.final.status for n, r in second.results.items()}
    assert second.results["top"].final.status == Status.TESTED  # the meet is recomputed from cached verdicts


def test_editing_a_leaf_rechecks_only_it_and_what_depends_on_it(tmp_path):
    calls: list[str] = []
    run(build(_nodes(calls)), cache=Cache(tmp_path / "c"))
    calls.clear()
    nodes = _nodes(calls)
    nodes[0].statement.source = "edited"
    result = run(build(nodes), cache=Cache(tmp_path / "c"))
    assert sorted(calls) == ["leaf", "mid", "top"]
    assert sorted(result.checked) == ["leaf", "mid", "top"]


def test_settings_that_change_verdicts_are_part_of_the_key():
    n = fake("a")
    assert node_key(n, [], seconds=1.0, seed=0) != node_key(n, [], seconds=2.0, seed=0)
    assert node_key(n, [], seconds=1.0, seed=0) != node_key(n, [], seconds=1.0, seed=1)
    assert node_key(n, ["x"]) != node_key(n, ["y"])


def test_malformed_cache_file_is_reported_ignored_and_rewritten(tmp_path):
    calls: list[str] = []
    first = run(build(_nodes(calls)), cache=Cache(tmp_path / "c"))
    key = first.results["leaf"].key
    path = tmp_path / "c" / key[:2] / f"{key}.json"
    path.write_text("{not json")
    calls.clear()
    cache = Cache(tmp_path / "c")
    second = run(build(_nodes(calls)), cache=cache)
    assert calls == ["leaf"]
    assert len(cache.warnings) == 1 and str(path) in cache.warnings[0] and "malformed" in cache.warnings[0]
    assert second.warnings == cache.warnings
    assert second.results["leaf"].final.status == Status.PROVED
    assert json.loads(path.read_text())["node"] == "leaf"


def test_wrong_shape_and_wrong_node_entries_are_rejected(tmp_path):
    cache = Cache(tmp_path)
    verdict = Verdict(Status.PROVED, "a")
    cache.put("ab" * 32, "a", verdict)
    assert cache.get("ab" * 32, "a").status == Status.PROVED
    assert cache.get("ab" * 32, "b") is None and "entry is for node 'a'" in cache.warnings[-1]
    (tmp_path / "cd").mkdir()
    (tmp_path / "cd" / ("cd" * 32 + ".json")).write_text(json.dumps({"format": 1, "key": "cd" * 32, "node": "a",
                                                                     "verdict": {"status": "certain"}}))
    assert cache.get("cd" * 32, "a") is None and "malformed" in cache.warnings[-1]


def test_runner_failures_are_not_cached(tmp_path):
    calls: list[str] = []

    class Flaky(Fake):
        def run(self, seconds=None, seed=None):
            calls.append(self.name)
            raise MemoryError("transient")

    run(build([node(Flaky("f"), "lemma")]), cache=Cache(tmp_path))
    run(build([node(Flaky("f"), "lemma")]), cache=Cache(tmp_path))
    assert calls == ["f", "f"]


def test_verdicts_round_trip_with_exact_counterexamples():
    inner = Verdict(Status.REFUTED, "link", counterexample={"x": sp.Rational(3, 7)},
                    sides=(sp.Rational(9, 49), sp.Rational(3, 7)), relation="x**2 >= x")
    verdict = Verdict(Status.REFUTED, "d", [Evidence("attack", "found", {"n": 3})],
                      counterexample={"x": sp.Rational(3, 7), "y": sp.sqrt(2)}, sides=(sp.Integer(1), sp.Integer(2)),
                      message="m", seconds=1.5, links=[inner], failed_link=1, relation="r")
    back = verdict_from_json(json.loads(json.dumps(verdict.to_json())))
    assert back.counterexample == {"x": sp.Rational(3, 7), "y": sp.sqrt(2)}
    assert back.links[0].counterexample["x"] == sp.Rational(3, 7)
    assert back.to_json() == verdict.to_json()


def test_no_cache_directory_means_no_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run(build([fake("a")]), cache=Cache(None))
    assert list(tmp_path.iterdir()) == []


def test_using_a_hypothesis_strategy_does_not_change_its_fingerprint():
    from hypothesis import strategies as st

    @st.composite
    def pairs(draw, top):
        a = draw(st.integers(0, top))
        return a, a + 1

    @st.composite
    def other_pairs(draw, top):
        a = draw(st.integers(0, top))
        return a, a + 2

    strategy = st.one_of(pairs(3), st.integers().filter(lambda x: x > 0))
    before = stable_repr(strategy)
    strategy.validate()
    for branch in strategy.original_strategies:
        branch.validate()
        getattr(branch, "wrapped_strategy", None)
    assert stable_repr(strategy) == before
    assert not stable_repr(pairs(3)).startswith("uncacheable:")  # so the comparisons below mean something
    assert stable_repr(pairs(3)) == stable_repr(pairs(3))
    assert stable_repr(pairs(3)) != stable_repr(pairs(4))
    assert stable_repr(pairs(3)) != stable_repr(other_pairs(3))  # the code behind the strategy counts


def test_huge_object_graphs_are_never_cache_hits(monkeypatch, tmp_path):
    import verify.fingerprint as fp

    monkeypatch.setattr(fp, "_MAX_VISITS", 50)
    big = Fake("big")
    big.payload = [[i, [i, i]] for i in range(100)]
    assert stable_repr(big).startswith(fp.UNCACHEABLE) and stable_repr(big) != stable_repr(big)
    key = node_key(node(big, "lemma"), [])
    assert key.startswith(fp.UNCACHEABLE)
    assert node_key(fake("child"), [key]) == key  # its dependants are not cacheable either
    cache = Cache(tmp_path)
    cache.put(key, "big", Verdict(Status.PROVED, "big"))
    assert cache.get(key, "big") is None and list(tmp_path.iterdir()) == []


def test_the_restatement_flags_of_the_whole_graph_are_cached(tmp_path):
    """A warm run of the whole graph reads its restatement flags from the cache (they cost seconds of
    sympy matching); a changed statement computes them again."""
    import sympy as sp

    from verify import forall
    from verify.runner import RESTATEMENTS

    j = sp.Symbol("j", integer=True, nonnegative=True)
    a, b, c = sp.symbols("a b c", positive=True)
    D = sp.Function("D")
    lemma = Claim("step", given=[a <= b], show=c * a <= c * b)
    one = Claim("one", show=D(1) <= c * D(0), given=[forall(j, D(j + 1) <= c * D(j))])
    cache = Cache(tmp_path)
    first = run(build([node(lemma, "lemma"), node(one, "lemma")]), cache=cache)
    files = {p.name for p in tmp_path.rglob("*.json")}
    second = run(build([node(lemma, "lemma"), node(one, "lemma")]), cache=cache)
    assert {n: r.assumptions for n, r in first.results.items()} == {n: r.assumptions for n, r in second.results.items()}
    assert {p.name for p in tmp_path.rglob("*.json")} == files  # nothing new: the flags were read back
    entries = [json.loads(p.read_text()) for p in tmp_path.rglob("*.json")]
    assert sum(e["node"] == RESTATEMENTS for e in entries) == 1
    changed = Claim("one", show=D(1) <= c * D(0), given=[forall(j, D(j + 1) <= c * D(j)), a > 0])
    run(build([node(lemma, "lemma"), node(changed, "lemma")]), cache=cache)
    entries = [json.loads(p.read_text()) for p in tmp_path.rglob("*.json")]
    assert sum(e["node"] == RESTATEMENTS for e in entries) == 2
