"""The lemma graph (structure, meet) and the runner (order, isolation of failures, workers)."""
from __future__ import annotations

import time

import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from verify import Claim, node
from verify.graph import build, meet
from verify.loader import load
from verify.runner import UnknownNodes, check_node, run, select
from verify.core.verdicts import Evidence, Status, Verdict

STRENGTH = [Status.PROVED, Status.TESTED, Status.UNKNOWN, Status.BLOCKED, Status.REFUTED, Status.ERROR]


class Fake:
    """A statement with the experiment protocol that returns a fixed status (or misbehaves)."""

    def __init__(self, name, status="proved", *, boom=False, sleep=0.0, returns=None):
        self.name, self.status, self.boom, self.sleep, self.returns = name, status, boom, sleep, returns
        self.source, self.expect, self.uses = "", None, ()
        self.calls = 0

    def run(self, seconds=None, seed=None):
        self.calls += 1
        if self.sleep:
            time.sleep(self.sleep)
        if self.boom:
            raise RuntimeError("kaboom")
        if self.returns is not None:
            return self.returns
        return Verdict(Status(self.status), self.name, [Evidence("fake", f"fixed {self.status}")])


def fake(name, status="proved", kind="lemma", **kw):
    opts = {k: kw.pop(k) for k in ("uses", "proof_uses", "corrects", "expect", "topic") if k in kw}
    return node(Fake(name, status, **kw), kind, **opts)


def v(status, name="n"):
    return Verdict(Status(status), name, [Evidence("own", "own evidence")])


# --- structure ---------------------------------------------------------------------------------

def test_duplicate_names_are_errors_naming_both_declarations():
    a1, a2 = fake("a"), fake("a", "tested")
    a1.module, a2.module = "theorems.one", "theorems.two"
    g = build([a1, a2, fake("b", uses=["a"]), fake("c")])
    err = g.errors["a"]
    assert err.status == Status.ERROR
    assert "declared 2 times" in err.message and "theorems.one" in err.message and "theorems.two" in err.message
    result = run(g)
    assert result.results["b"].final.status == Status.BLOCKED
    assert result.results["c"].final.status == Status.PROVED


def test_unknown_dependency_names_the_missing_node_and_the_rest_runs():
    g = build([fake("a", uses=["nosuch"]), fake("b")])
    assert "'nosuch'" in g.errors["a"].message and "'a'" in g.errors["a"].message
    result = run(g)
    assert result.results["a"].final.status == Status.ERROR
    assert result.results["b"].final.status == Status.PROVED


def test_cycle_names_every_member_and_downstream_is_blocked():
    g = build([fake("a", uses=["c"]), fake("b", uses=["a"]), fake("c", proof_uses=["b"]),
               fake("d", uses=["a"]), fake("e")])
    for name in "abc":
        assert g.errors[name].status == Status.ERROR
        assert "a -> b -> c -> a" in g.errors[name].message
    result = run(g)
    assert result.results["d"].final.status == Status.BLOCKED
    assert result.results["e"].final.status == Status.PROVED
    assert set(result.results) == set("abcde")


def test_self_loop_is_a_cycle():
    g = build([fake("a", uses=["a"])])
    assert "a -> a" in g.errors["a"].message


def test_erratum_must_correct_an_existing_node():
    g = build([fake("wrong", "refuted", kind="erratum", corrects="nosuch")])
    assert "corrects 'nosuch'" in g.errors["wrong"].message


def test_empty_graph_runs():
    result = run(build([]))
    assert result.results == {}


def test_topological_order_puts_dependencies_first():
    g = build([fake("c", uses=["b"]), fake("b", uses=["a"]), fake("a"), fake("z")])
    order = g.order()
    assert order.index("a") < order.index("b") < order.index("c")


def test_selection_includes_what_the_named_nodes_need():
    g = build([fake("a"), fake("b", uses=["a"]), fake("c", uses=["b"]), fake("other")])
    assert select(g, ["b"]) == ["a", "b"]
    with pytest.raises(UnknownNodes, match="'nope'"):
        select(g, ["nope"])


# --- meet ----------------------------------------------------------------------------------

def test_proved_using_tested_is_tested_and_says_why():
    out = meet(v("proved"), {"lem": v("tested", "lem")})
    assert out.status == Status.TESTED
    assert "'lem'" in out.message and "tested" in out.message
    assert out.evidence[0].rule == "own"  # the node's own evidence is kept


@pytest.mark.parametrize("bad", ["refuted", "error", "blocked"])
def test_using_a_bad_dependency_blocks_and_names_it(bad):
    out = meet(v("proved"), {"ok": v("proved", "ok"), "bad": v(bad, "bad")})
    assert out.status == Status.BLOCKED
    assert "'bad'" in out.message and "'ok'" not in out.message


def test_blocked_chain_names_the_root_cause():
    middle = meet(v("proved", "m"), {"root": v("refuted", "root")})
    top = meet(v("proved", "t"), {"m": middle})
    assert top.status == Status.BLOCKED
    assert "root cause: 'root'" in top.message


def test_own_refutation_is_kept_even_with_bad_dependencies():
    own = v("refuted")
    assert meet(own, {"x": v("error", "x")}) is own


def test_axioms_are_accepted_but_listed():
    out = meet(v("proved"), {"cs": v("tested", "cs")}, axioms=["cs"])
    assert out.status == Status.PROVED
    assert any(e.rule == "graph: assumes" and "cs" in e.data["axioms"] for e in out.evidence)
    top = meet(v("proved", "top"), {"mid": out})
    assert top.status == Status.PROVED
    assert any(e.rule == "graph: assumes" and e.data["axioms"] == ["cs"] for e in top.evidence)


def test_refuted_axiom_still_blocks():
    out = meet(v("proved"), {"cs": v("refuted", "cs")}, axioms=["cs"])
    assert out.status == Status.BLOCKED


statuses = st.sampled_from([s.value for s in Status])


@given(own=statuses, deps=st.dictionaries(st.sampled_from("abcde"), statuses, max_size=5),
       axioms=st.sets(st.sampled_from("abcde")))
def test_meet_never_upgrades(own, deps, axioms):
    out = meet(v(own), {k: v(s, k) for k, s in deps.items()}, axioms=axioms)
    assert STRENGTH.index(out.status) >= STRENGTH.index(Status(own))
    for name, status in deps.items():
        if name not in axioms:
            assert STRENGTH.index(out.status) >= min(STRENGTH.index(Status(status)), STRENGTH.index(Status.BLOCKED))
        if status in ("refuted", "error", "blocked") and own not in ("refuted", "error"):
            assert out.status == Status.BLOCKED


# --- runner --------------------------------------------------------------------------------

def test_a_node_that_raises_is_an_error_naming_it_and_the_rest_continues():
    g = build([fake("good"), fake("bad", boom=True), fake("after", uses=["bad"])])
    result = run(g)
    bad = result.results["bad"].final
    assert bad.status == Status.ERROR
    assert "'bad'" in bad.message and "RuntimeError: kaboom" in bad.message
    assert result.results["good"].final.status == Status.PROVED
    assert result.results["after"].final.status == Status.BLOCKED


def test_a_check_that_returns_garbage_is_an_error():
    g = build([node(Fake("odd", returns="yes"), "lemma")])
    assert "not a Verdict" in run(g).results["odd"].final.message


def test_a_theorem_without_statement_is_an_error_but_a_definition_is_not():
    assert check_node(node(None, "theorem", name="t")).status == Status.ERROR
    defn = check_node(node(None, "definition", name="d"))
    assert defn.status == Status.PROVED and defn.evidence[0].rule == "definition"


def test_hard_time_limit_gives_unknown(monkeypatch):
    import verify.runner as runner

    monkeypatch.setattr(runner, "hard_limit", lambda seconds: 0.2)
    verdict = check_node(node(Fake("slow", sleep=2.0), "lemma"), seconds=0.01)
    assert verdict.status == Status.UNKNOWN
    assert "hard time limit" in verdict.message


def test_two_workers_agree_with_one():
    nodes = [fake("a"), fake("b", "tested", uses=["a"]), fake("c", boom=True), fake("d", uses=["b", "c"]),
             fake("e", "refuted", kind="erratum", corrects="a"), fake("f", "unknown")]
    one = run(build(nodes), workers=1)
    two = run(build(nodes), workers=2)
    assert {n: r.final.status for n, r in one.results.items()} == {n: r.final.status for n, r in two.results.items()}
    assert two.results["c"].final.status == Status.ERROR


class Crash(Fake):
    def run(self, seconds=None, seed=None):
        import os

        os._exit(3)  # a hard crash, as a segfault in native code would be


class Hang(Fake):
    def run(self, seconds=None, seed=None):
        import time as _t

        while True:  # stands for native code that ignores the in-process alarm
            try:
                _t.sleep(0.05)
            except BaseException:
                pass


def test_a_crashing_worker_is_an_error_naming_its_node_only():
    g = build([node(Crash("crash"), "lemma"), fake("fine"), fake("later", uses=["fine"])])
    result = run(g, workers=2)
    crash = result.results["crash"].final
    assert crash.status == Status.ERROR and "'crash'" in crash.message and "exit code 3" in crash.message
    assert result.results["later"].final.status == Status.PROVED


def test_a_worker_stuck_past_the_limit_is_killed(monkeypatch):
    import verify.runner as runner

    monkeypatch.setattr(runner, "hard_limit", lambda seconds: 0.5)
    monkeypatch.setattr(runner, "KILL_GRACE", 0.5)
    started = time.perf_counter()
    result = run(build([node(Hang("stuck"), "lemma"), fake("fine")]), workers=2)
    assert time.perf_counter() - started < 20
    stuck = result.results["stuck"].final
    assert stuck.status == Status.UNKNOWN and "killed by the runner" in stuck.message
    assert "in two fresh processes" in stuck.message  # retried once before giving up
    assert result.results["fine"].final.status == Status.PROVED


def test_real_claims_through_the_kernel():
    x = sp.Symbol("x", real=True)
    mu, L = sp.symbols("mu L", positive=True)
    true = Claim("ratio_le_one", given=[mu <= L], show=mu / L <= 1)
    false = Claim("square_le_x", given=[x >= 0], show=x**2 <= x)
    user = Claim("uses_false", given=[x >= 0], show=x**2 + x >= 0)
    g = build([node(true, "lemma"), node(false, "lemma"), node(user, "lemma", proof_uses=["square_le_x"])])
    result = run(g, seconds=10, seed=0)
    assert result.results["ratio_le_one"].final.status == Status.PROVED
    refuted = result.results["square_le_x"].final
    assert refuted.status == Status.REFUTED
    x_val = refuted.counterexample["x"]
    assert x_val**2 > x_val >= 0  # the counterexample is real, in exact arithmetic
    assert result.results["uses_false"].final.status == Status.BLOCKED
    assert result.results["uses_false"].own.status == Status.PROVED


# --- loader --------------------------------------------------------------------------------

GOOD = '''
from verify import node
from verify.core.verdicts import Verdict, Status
class S:
    def __init__(self, name): self.name, self.source, self.expect, self.uses = name, "", None, ()
    def run(self, seconds=None, seed=None): return Verdict(Status.PROVED, self.name)
NODES = [node(S("good_one"), "lemma"), node(S("good_two"), "lemma", uses=["good_one"])]
'''


def test_loader_reports_broken_modules_by_file_and_loads_the_rest(make_package):
    pkg = make_package({"good": GOOD, "broken": "import nonexistent_module_xyz\n",
                        "nonodes": "X = 1\n", "junk": "NODES = [1, 'two']\n",
                        "syntax": "def f(:\n"})
    loaded = load(pkg)
    assert sorted(n.name for n in loaded.nodes) == ["good_one", "good_two"]
    assert all(n.module == f"{pkg}.good" for n in loaded.nodes)
    by_module = {e.module.rsplit(".", 1)[-1]: e for e in loaded.errors}
    junk = [e.message for e in loaded.errors if e.module.endswith(".junk")]
    assert set(by_module) == {"broken", "nonodes", "junk", "syntax"}
    assert by_module["broken"].file.endswith("broken.py")
    assert "ModuleNotFoundError" in by_module["broken"].message
    assert "no NODES" in by_module["nonodes"].message
    assert junk == ["NODES[0] is of type int, not a Node (declare it with verify.node(...))",
                    "NODES[1] is of type str, not a Node (declare it with verify.node(...))"]
    assert "SyntaxError" in by_module["syntax"].message and "syntax.py" in by_module["syntax"].message


def test_loader_reports_a_missing_package():
    loaded = load("no_such_package_for_verify_tests")
    assert loaded.nodes == [] and "ModuleNotFoundError" in loaded.errors[0].message


def test_workers_can_run_nodes_loaded_from_a_package(make_package):
    pkg = make_package({"good": GOOD})
    loaded = load(pkg)
    result = run(build(loaded.nodes), workers=2)
    assert [r.final.status for r in result.results.values()] == [Status.PROVED, Status.PROVED]


def test_the_real_registry_lists_modules_and_the_manifest():
    import theorems

    assert all(m.startswith("theorems.") and not m.rsplit(".", 1)[1].startswith("_") for m in theorems.MODULES)
    assert "theorems.manifest" not in theorems.MODULES
    assert theorems.MANIFEST.files


# --- assumption bases -------------------------------------------------------------------------

def _rate_graph():
    """A one-step lemma and three rate theorems: one applying it with forall/use, one that smuggles a
    recursion twice as fast as the lemma gives (joined only by a hand-written edge), one that retypes the
    lemma's recursion by hand."""
    from verify import forall, induction, use

    mu, L = sp.symbols("mu L", positive=True)
    f0, f1, fs = sp.symbols("f0 f1 fs", real=True)
    g = sp.Symbol("g", nonnegative=True)
    j, k = sp.symbols("j k", integer=True, nonnegative=True)
    F, G, D = sp.Function("F"), sp.Function("G"), sp.Function("D")
    one_step = Claim("one_step", given=[f1 <= f0 - g / (2 * L), 2 * mu * (f0 - fs) <= g],
                     show=f1 - fs <= (1 - mu / L) * (f0 - fs), source="notes, Theorem 2 (one step)")
    along = [forall(j, F(j + 1) <= F(j) - G(j) / (2 * L)), forall(j, 2 * mu * (F(j) - fs) <= G(j)),
             forall(j, G(j) >= 0), mu <= L]
    connected = Claim("rate_connected", given=[*along, forall(j, use(one_step, {f0: F(j), f1: F(j + 1), g: G(j)}))],
                      show=F(k) - fs <= (1 - mu / L)**k * (F(0) - fs), by=induction(k), source="notes, Theorem 2")
    smuggled = Claim("rate_smuggled", given=[forall(j, D(j + 1) <= (1 - 2 * mu / L) * D(j)), forall(j, D(j) >= 0),
                                             mu <= L],
                     show=D(k) <= (1 - 2 * mu / L)**k * D(0), by=induction(k), source="scratch")
    retyped = Claim("rate_retyped", given=[forall(j, D(j + 1) <= (1 - mu / L) * D(j)), forall(j, D(j) >= 0), mu <= L],
                    show=D(k) <= (1 - mu / L)**k * D(0), by=induction(k), source="scratch")
    return build([node(one_step, "lemma"), node(connected, "theorem"),
                  node(smuggled, "theorem", proof_uses=["one_step"]), node(retyped, "theorem", proof_uses=["one_step"])])


@pytest.fixture(scope="module")
def rate_run():
    return run(_rate_graph(), seconds=10, seed=0)


def test_a_connected_theorem_rests_on_its_stated_hypotheses_only(rate_run):
    from verify.graph import is_clean

    result = rate_run.results["rate_connected"]
    assert result.final.status == Status.PROVED
    base = result.assumptions
    assert is_clean(base) and {e["origin"] for e in base} == {"rate_connected"}
    assert any("F(j + 1) <= F(j) - G(j)/(2*L)" in e["relation"] for e in base)  # the descent lemma along GD
    assert result.unbacked == []


def test_a_smuggled_recursion_shows_in_the_assumption_base(rate_run):
    from verify.graph import is_clean

    result = rate_run.results["rate_smuggled"]
    base = result.assumptions
    smuggled = [e for e in base if e["origin"] == "rate_smuggled" and "D(j + 1)" in e["relation"]]
    assert smuggled and "2*mu/L" in smuggled[0]["relation"], base
    assert result.unbacked == ["one_step"]
    # the lemma's hypotheses come along undischarged through the hand-written edge: not a clean base
    assert any(e["kind"] == "unbacked" and e["origin"] == "one_step" for e in base), base
    assert not is_clean(base)


def test_a_retyped_recursion_is_flagged_as_restating_the_lemma(rate_run):
    base = rate_run.results["rate_retyped"].assumptions
    flagged = [e for e in base if e["kind"] == "restated"]
    assert flagged and flagged[0]["restates"] == "one_step", base


def test_the_flag_is_the_same_when_computed_beside_forked_workers():
    """With workers the restatement flags are computed in a process of their own while the nodes are
    checked (runner._Background); they must be those of a run in one process."""
    forked = run(_rate_graph(), seconds=10, seed=0, workers=2)
    flagged = [e for e in forked.results["rate_retyped"].assumptions if e["kind"] == "restated"]
    assert flagged and flagged[0]["restates"] == "one_step"
    assert not [e for e in forked.results["rate_connected"].assumptions if e["kind"] == "restated"]


def test_a_background_job_that_dies_is_computed_in_process():
    from verify.runner import _Background

    def dies_in_the_child(parent):
        import os

        if os.getpid() != parent:
            os._exit(3)
        return "computed here"

    import os

    assert _Background(dies_in_the_child, os.getpid()).result() == "computed here"


def test_the_report_carries_assumptions_and_counts_gaps(rate_run):
    from verify import report as rep

    report = rep.build(rate_run)
    assert rep.validate(report) == []
    entry = next(e for e in report["nodes"] if e["name"] == "rate_smuggled")
    assert all({"relation", "origin", "source", "kind"} <= set(a) for a in entry["assumptions"])
    assert sorted(report["summary"]["assumption_gaps"]) == ["rate_retyped", "rate_smuggled"]
    assert report["summary"]["theorems_with_assumption_gaps"] == 2
    bad = dict(report, nodes=[dict(entry, assumptions=[{"relation": 1}])])
    assert any("assumptions[0]" in p for p in rep.validate(bad))


def test_an_axiom_rests_on_itself():
    from verify.graph import assumption_base

    ax = node(Claim("cs_axiom", show=sp.Symbol("u", real=True)**2 >= 0, source="Cauchy-Schwarz"), "axiom")
    base = assumption_base(ax, Verdict(Status.PROVED, "cs_axiom"), {})
    assert base == [{"relation": "True", "origin": "cs_axiom", "source": "Cauchy-Schwarz", "kind": "axiom"}]


def test_a_lemma_used_in_the_graph_blocks_its_user_through_the_meet():
    # in the graph the kernel leaves used lemmas to the meet: the user's own check does not re-check the
    # refuted lemma, but its final verdict is blocked, naming it
    from verify import use

    x, a = sp.Symbol("x", positive=True), sp.Symbol("a", positive=True)
    bad = Claim("square_ge_self", show=a**2 >= a)  # false at a = 1/2
    user = Claim("cites_it", given=[x >= 2], show=x**2 >= x, by=use(bad, {a: x}))
    result = run(build([node(bad, "lemma"), node(user, "lemma")]), seconds=5, seed=0)
    assert result.results["square_ge_self"].final.status == Status.REFUTED
    final = result.results["cites_it"].final
    assert final.status == Status.BLOCKED and "square_ge_self" in final.message
