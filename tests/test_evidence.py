"""Evidence that does not mislead (issue 11, item 4): the facts a decider adds are listed with their
sources and reach the assumption base; the slack says what it is; plain phrases; definitions counted
apart; ``_as_written`` marks errata only."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
import sympy as sp

from verify import Claim, check, node
from verify.attack.result import AttackResult
from verify.core.deciders.algebra import decide_identity
from verify.core.kernel import _obligation_text
from verify.core.verdicts import Status, Verdict

x = sp.Symbol("x", real=True)


def _rests_on(verdict: Verdict) -> dict:
    return next(ev.data for ev in verdict.evidence if ev.rule == "rests on")


def test_z3s_facts_about_exp_are_listed_with_their_source():
    v = check(Claim("exp_above_tangent", show=sp.exp(x) >= 1 + x), seed=0)
    assert v.status is Status.PROVED
    z3 = next(ev for ev in v.evidence if ev.rule == "z3")
    assert "exp(u) >= 1 + u" in z3.detail and "here u = x" in z3.detail and "Taylor" in z3.detail
    facts = _rests_on(v)["cited_facts"]
    assert any("exp(u) >= 1 + u" in f["relation"] and "Taylor" in f["source"] for f in facts)


def test_a_polynomial_proof_rests_on_no_extra_fact():
    v = check(Claim("square_nonnegative", show=sp.Ge(x ** 2, 0, evaluate=False)), seed=0)
    assert v.status is Status.PROVED and _rests_on(v)["cited_facts"] == []


def test_log_facts_are_listed_too():
    y = sp.Symbol("y", positive=True)
    v = check(Claim("log_below_tangent", show=sp.log(y) <= y - 1), seed=0)
    assert v.status is Status.PROVED
    assert any("log(u) <= u - 1" in f["relation"] for f in _rests_on(v)["cited_facts"])


def test_the_assumption_base_takes_the_deciders_facts_as_cited_axioms():
    from verify.graph import build
    from verify.runner import run

    result = run(build([node(Claim("exp_above_tangent", show=sp.exp(x) >= 1 + x), "lemma", topic="T")]), seconds=5)
    base = result.results["exp_above_tangent"].assumptions
    axioms = [e for e in base if e["kind"] == "axiom"]
    assert axioms and any("exp(u) >= 1 + u" in e["relation"] and "Taylor" in e["source"] for e in axioms)


def test_the_slack_says_what_it_is_and_rounding_reads_as_zero():
    on_bound = AttackResult(smallest_slack=-3.94e-09).evidence().detail
    assert "relative slack 0 (the bound is attained)" in on_bound and "-3.94e-09" not in on_bound
    assert "relative slack 0.25" in AttackResult(smallest_slack=0.25).evidence().detail
    rejected = AttackResult(smallest_slack=-0.5).evidence().detail
    assert "relative slack -0.5 (negative: violated there in floats" in rejected
    assert "none measured" in AttackResult().evidence().detail


def test_an_identity_of_equal_sides_is_said_plainly():
    D = sp.Function("D")
    out = decide_identity(SimpleNamespace(goal=sp.Eq(D(0), D(0), evaluate=False), hyps=[]))
    assert out is not None and out.proved
    assert "the two sides are the same expression" in out.evidence.detail and "by as written" not in out.evidence.detail


def test_an_obligation_that_evaluates_to_true_is_not_called_proved():
    done = Verdict(Status.PROVED, "o")
    assert _obligation_text("use(lemma): hypothesis 2", sp.true, done) == \
        "use(lemma): hypothesis 2 holds at this instance (it evaluates to True)"
    assert _obligation_text("use(lemma): hypothesis 1", x >= 0, done) == "use(lemma): hypothesis 1, x >= 0, is proved"


def test_definitions_have_their_own_place_in_the_counts():
    from rich.console import Console

    from verify import report as rep
    from verify.console import summary_table
    from verify.graph import build
    from verify.runner import run

    nodes = [node(None, "definition", name="pl_condition", topic="T"),
             node(Claim("square_nonnegative", show=sp.Ge(x ** 2, 0, evaluate=False)), "lemma", topic="T")]
    report = rep.build(run(build(nodes), seconds=5), version="0")
    assert report["topics"]["T"]["definitions"] == 1 and report["summary"]["definitions"] == 1
    console = Console(width=120, record=True)
    console.print(summary_table(report))
    lines = console.export_text().splitlines()
    header = next(line.split() for line in lines if "proved" in line and "defs" in line)
    row = next(line.split() for line in lines if line.split()[:1] == ["T"])
    cells = dict(zip(header, row))
    assert cells["proved"] == "1" and cells["defs"] == "1"   # the lemma; the definition apart


def test_as_written_marks_errata_only():
    from verify.loader import load

    written = [n for n in load("theorems").nodes if "_as_written" in n.name]
    assert written
    wrong = [n.name for n in written if n.kind != "erratum" or n.expect != "refuted"]
    assert wrong == [], f"'_as_written' is the errata's suffix; rename {wrong}"
