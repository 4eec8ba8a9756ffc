"""Derivations: one numbering of links everywhere, and the failing link's own counterexample
(issue 11, item 3)."""
from __future__ import annotations

import sympy as sp

from verify import Derivation, check, node, substitute
from verify.core.verdicts import Status

t = sp.Symbol("t", nonnegative=True)
y = sp.Symbol("y", positive=True)


def _drops_a_term() -> Derivation:
    return (Derivation("drops_a_term", given=[t <= 3], start=(t + 1) ** 2)
            .eq(t ** 2 + 2 * t + 1, by="expand")
            .le(t ** 2 + 1, by="drop 2t (wrong: 2t >= 0)"))


def test_failed_link_counts_from_one_like_the_message():
    v = check(_drops_a_term(), seed=0, seconds=10)
    assert v.status is Status.REFUTED
    assert v.failed_link == 2 and "first failing link: 2" in v.message
    assert v.failing is v.links[1] and v.failing.status is Status.REFUTED


def test_explain_shows_the_failing_links_own_counterexample_first():
    v = check(_drops_a_term(), seed=0, seconds=10)
    text = v.explain()
    first = text.index("first failing link: link 2")
    own = text.index("counterexample", first)
    assert own < text.index("counterexample to the conclusion")
    t_value = sp.Rational(v.failing.counterexample["t"])
    assert (t_value + 1) ** 2 > t_value ** 2 + 1   # the link's point violates the link itself


def test_a_refuted_link_after_an_error_still_shows_its_counterexample():
    d = (Derivation("error_then_wrong", given=[t <= 3], start=(t + 1) ** 2)
         .eq(t ** 2 + 2 * t + 1, by=substitute(y <= 1, "not a hypothesis"))
         .le(t ** 2 + 1, by="drop 2t (wrong)"))
    v = check(d, seed=0, seconds=10)
    assert [link.status for link in v.links] == [Status.ERROR, Status.REFUTED]
    assert v.failed_link == 1
    text = v.explain()
    link2 = text.index("link 2:")
    assert "counterexample: t = " in text[link2:]


def test_verify_show_numbers_and_shows_every_refuted_links_point(make_package, capsys):
    from verify.cli import main

    content = '''
import sympy as sp
from verify import Derivation, node
t = sp.Symbol("t", nonnegative=True)
chain = (Derivation("drops_a_term", given=[t <= 3], start=(t + 1) ** 2)
         .eq(t**2 + 2*t + 1, by="expand").le(t**2 + 1, by="drop 2t (wrong)"))
NODES = [node(chain, "lemma", topic="T", expect="refuted")]
'''
    pkg = make_package({"content": content})
    code = main(["show", "drops_a_term", "--package", pkg, "--no-cache"])
    out = capsys.readouterr().out
    assert code == 0
    line = next(l for l in out.splitlines() if l.strip().startswith("link 2:"))
    assert "first failing link" in line
    after = out[out.index(line):]
    assert after.index("counterexample to this link") < after.index("counterexample to the conclusion")


def test_the_report_counts_links_from_one(tmp_path):
    from verify import report as rep
    from verify.graph import build
    from verify.runner import run

    entry = rep.build(run(build([node(_drops_a_term(), "lemma", topic="T")]), seconds=5), version="0")["nodes"][0]
    assert entry["failed_link"] == 2 and entry["links"][entry["failed_link"] - 1]["status"] == "refuted"
