"""The JSON report (schema, expectations, writing) and the coverage manifest."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import sympy as sp

from verify import report as rep
from verify.graph import build
from verify.loader import LoadError
from verify.manifest import Entry, Manifest, SeedFile, coverage, normalise_label, parse_source
from verify.runner import run
from verify.core.verdicts import Status

from test_graph import fake

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _report(**kw):
    nodes = [fake("a", topic="T1"), fake("b", "tested", uses=["a"], topic="T1", expect="proved"),
             fake("wrong", "refuted", kind="erratum", corrects="a", topic="T2", expect="refuted"),
             fake("c", boom=True, topic="T2")]
    return rep.build(run(build(nodes)), version="9.9", **kw)


def test_report_matches_its_schema_and_is_json():
    report = _report(load_errors=[LoadError("theorems.x", "theorems/x.py", "ImportError: no")])
    assert rep.validate(report) == []
    assert report["schema_version"] == rep.SCHEMA_VERSION == 3
    text = json.dumps(report)
    assert json.loads(text)["nodes"][0]["name"] == "a"
    assert report["load_errors"] == [{"module": "theorems.x", "file": "theorems/x.py", "message": "ImportError: no"}]
    assert set(report["nodes"][0]) == set(rep.NODE_FIELDS)


def test_report_summary_topics_and_neighbours():
    report = _report()
    nodes = {n["name"]: n for n in report["nodes"]}
    # as the console says it: the erratum is corrected by its twin, the twin corrects the erratum
    assert nodes["a"]["used_by"] == ["b"] and nodes["a"]["corrects"] == ["wrong"] and nodes["a"]["corrected_by"] is None
    assert nodes["wrong"]["corrected_by"] == "a" and nodes["wrong"]["corrects"] == []
    assert nodes["b"]["uses"] == ["a"] and nodes["b"]["status"] == "tested"
    assert nodes["b"]["meets_expectation"] is False  # expected proved, is tested
    assert nodes["wrong"]["meets_expectation"] is True
    assert nodes["c"]["status"] == "error" and "kaboom" in nodes["c"]["message"]
    s = report["summary"]
    assert s["by_status"] == {"proved": 1, "tested": 1, "refuted": 1, "error": 1, "blocked": 0, "unknown": 0}
    assert s["errata_found"] == ["wrong"]
    assert sorted(s["unmet_expectations"]) == ["b", "c"] and s["ok"] is False
    assert report["topics"]["T1"]["proved"] == 1 and report["topics"]["T2"]["errata"] == 1


def test_validate_finds_problems():
    report = _report()
    del report["nodes"][0]["status"]
    report["schema_version"] = 7
    problems = rep.validate(report)
    assert any("schema_version" in p for p in problems)
    assert any("missing field 'status'" in p for p in problems)
    assert rep.validate([]) == ["the report must be a JSON object"]


def test_validate_checks_sides_and_coverage_shape():
    report = _report()
    report["nodes"][0]["sides"] = ["1", {"x": 1}]
    report["coverage"] = {"total": 1, "covered": 0, "unmatched_citations": [], "files": [{"file": "000.txt"}]}
    problems = rep.validate(report)
    assert any("sides must be two numbers" in p for p in problems)
    assert any("coverage.files[0]: missing field 'entries'" in p for p in problems)


def test_experiment_values_are_written_as_parseable_decimals():
    import mpmath

    from verify.parsing import parse_number
    from verify.core.verdicts import Verdict

    v = Verdict(Status.REFUTED, "run", sides=(mpmath.mpf(8), mpmath.mpf(-1) / 4))
    assert v.to_json()["sides"] == ["8.0", "-0.25"]
    assert parse_number(v.to_json()["sides"][1]) == sp.Rational(-1, 4)


@pytest.mark.parametrize("status,expect,ok", [
    ("proved", None, True), ("tested", None, True), ("unknown", None, True), ("refuted", None, False),
    ("error", None, False), ("blocked", None, False), ("proved", "proved", True), ("tested", "proved", False),
    ("proved", "tested", True), ("unknown", "tested", False), ("refuted", "refuted", True),
    ("proved", "refuted", False), ("error", "error", True), ("blocked", "refuted", False),
])
def test_meets(status, expect, ok):
    assert rep.meets(Status(status), expect) is ok


def test_write_creates_directories_and_names_an_unwritable_path(tmp_path):
    report = _report()
    target = tmp_path / "sub" / "report.json"
    rep.write(report, target)
    assert json.loads(target.read_text())["schema_version"] == 3
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(OSError, match=re.escape(str(blocker / "report.json"))):
        rep.write(report, blocker / "report.json")


# --- schema version 2: statements, messages, seed, plots -------------------------------------

def _claim_report(*claims, **kw):
    from verify import node

    return rep.build(run(build([node(c, "lemma", topic="T") for c in claims]), **kw), version="9.9")


def test_report_carries_hypotheses_conclusion_symbols_and_latex():
    from verify import Claim

    mu, L = sp.symbols("mu L", positive=True)
    k = sp.Symbol("k", integer=True, nonnegative=True)
    claim = Claim("one_step", given=[mu <= L], show=1 - mu / L >= 0, source="000, Theorem 2")
    report = _claim_report(claim, Claim("int", given=[], show=k**2 >= k))
    assert rep.validate(report) == []
    nodes = {n["name"]: n for n in report["nodes"]}
    entry = nodes["one_step"]
    assert [h["text"] for h in entry["hypotheses"]] == ["mu <= L"]
    assert entry["hypotheses"][0]["latex"] == r"\mu \leq L"
    assert entry["conclusion"]["text"] == "1 - mu/L >= 0" and "\\frac{\\mu}{L}" in entry["conclusion"]["latex"]
    assert {s["name"]: s["domain"] for s in entry["symbols"]} == {"L": "positive", "mu": "positive"}
    assert entry["derivation"] is None and entry["plots"] == []
    k_entry = nodes["int"]["symbols"][0]
    assert k_entry["integer"] is True and k_entry["domain_latex"] == r"\in \mathbb{Z}_{\ge 0}"


def test_report_carries_a_derivations_steps_with_reasons():
    from verify import Derivation

    x = sp.Symbol("x", positive=True)
    chain = Derivation("chain", given=[x <= 1], start=x**2).le(x, by="x <= 1").le(1, by="x <= 1")
    entry = _claim_report(chain)["nodes"][0]
    steps = entry["derivation"]["steps"]
    assert entry["derivation"]["start"]["latex"] == "x^{2}"
    assert [(s["relation"], s["text"], s["reason"]) for s in steps] == [("<=", "x", "x <= 1"), ("<=", "1", "x <= 1")]
    assert entry["conclusion"]["text"] == "x**2 <= 1"


def test_message_is_never_empty_and_names_the_counterexample():
    from verify import Claim

    x = sp.Symbol("x", positive=True)
    report = _claim_report(Claim("true", show=sp.Gt(x**2 + 1, 0, evaluate=False)), Claim("false", show=x <= 1))
    nodes = {n["name"]: n for n in report["nodes"]}
    assert all(n["message"] for n in report["nodes"])
    assert nodes["true"]["message"].startswith("proved (")
    false = nodes["false"]
    assert false["status"] == "refuted"
    x_value = sp.Rational(false["counterexample"]["x"])
    assert x_value > 1  # the counterexample really violates x <= 1
    assert f"x = {false['counterexample']['x']}" in false["message"] and "left side" in false["message"]


def test_settings_seed_is_the_seed_used():
    report = _report()
    assert report["settings"]["seed"] == rep.DEFAULT_SEED == 0 and report["settings"]["seed_given"] is None
    seeded = rep.build(run(build([fake("a")]), seed=7), version="9.9")
    assert seeded["settings"]["seed"] == 7 and seeded["settings"]["seed_given"] == 7


def test_validate_rejects_version_1_erratum_links():
    report = _report()
    wrong = next(n for n in report["nodes"] if n["name"] == "wrong")
    wrong["corrected_by"] = ["a"]  # version 1's shape
    assert any("corrected_by must be a node name" in p for p in rep.validate(report))


def test_plots_come_from_an_experiments_trajectory():
    from verify.core.verdicts import Evidence, Verdict

    data = {"trajectory": {"first_iterate": 1, "observed": [1.0, 0.5], "claimed": [2.0, 1.0]}}
    tested = Verdict(Status.TESTED, "run", [Evidence("experiment", "ok", data)])
    assert rep.plots(tested) == [{"kind": "trajectory", "instance": "worst instance", "first_iterate": 1,
                                  "observed": [1.0, 0.5], "claimed": [2.0, 1.0]}]
    assert rep.plots(Verdict(Status.PROVED, "p")) == []


# --- manifest ---------------------------------------------------------------------------------

TOY = Manifest((
    SeedFile("003", "003_abc.txt", "chapter", (
        Entry("Lemma 8.20", "lemma", "norm bound"), *[Entry(f"(8.{i})", "equation", "") for i in range(26, 31)],
        Entry("Hoeffding", "claim", "concentration", ("Hoeffding inequality",)),
        Entry("Definition 8.1", "definition", "local min"))),
    SeedFile("000", "000_def.txt", "lecture", (Entry("Theorem 2", "theorem", "GD rate"),
                                               Entry("Theorem 3", "theorem", "SGD rate"))),
))


def test_parse_source_reads_labels_ranges_and_several_citations():
    cits = parse_source("003, Lemma 8.20, (8.26)-(8.28); 000 Thm. 2 => 003, (8.30); axiom: Cauchy-Schwarz")
    assert [(c.file_key, sorted(c.labels)) for c in cits] == [
        ("003", ["(8.26)", "(8.27)", "(8.28)", "lemma 8.20"]), ("000", ["theorem 2"]), ("003", ["(8.30)"])]
    assert normalise_label("Thm. 2") == "theorem 2" and normalise_label("Prop 1") == "proposition 1"


def test_coverage_counts_claims_and_reports_unmatched_citations():
    cov = coverage(TOY, [("l820", "003, Lemma 8.20, (8.26)-(8.30)"), ("gd", "000, Theorem 2"),
                         ("hoef", "003, the Hoeffding inequality"), ("def", "003, Definition 8.1"),
                         ("typo", "003, Lemma 8.99"), ("nofile", "007, Theorem 1"), ("ext", "Nesterov 2004")])
    f003, f000 = cov.files
    assert f003.total == 7 and f003.done == 7  # the definition is matched but not counted
    assert f003.covered["Lemma 8.20"] == ["l820"] and f003.covered["Hoeffding"] == ["hoef"]
    assert [e.label for e in f000.missing] == ["Theorem 3"]
    assert (cov.covered, cov.total) == (8, 9)
    assert [n for n, _ in cov.unmatched] == ["typo", "nofile"]
    data = cov.to_json()
    assert data["covered"] == 8 and data["files"][1]["entries"][1]["covered_by"] == []


def test_manifest_rejects_duplicate_labels_and_bad_kinds():
    with pytest.raises(ValueError, match="listed twice"):
        SeedFile("x", "x.txt", "", (Entry("(1)", "equation", ""), Entry("(1)", "equation", "")))
    with pytest.raises(ValueError, match="kind"):
        Entry("x", "musing", "")


def test_real_manifest_covers_every_seed_file():
    from theorems.manifest import MANIFEST

    keys = [f.key for f in MANIFEST.files]
    assert keys == ["000", "001", "002", "003", "004"]
    labels_003 = {e.label for e in MANIFEST.file("003").entries}
    for label in ("Theorem 8.7", "Lemma 8.17", "Lemma 8.22", "Theorem 8.23", "Lemma 8.25", "Lemma 8.28",
                  "Theorem 8.33", "(8.30)", "(8.118)", "(8.168)"):
        assert label in labels_003
    assert sum(1 for f in MANIFEST.files for e in f.entries if e.asserts) > 150


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the notes are not next to this clone")
def test_real_manifest_labels_occur_in_the_notes():
    from theorems.manifest import MANIFEST

    for seed in MANIFEST.files:
        text = (SEEDS / seed.filename).read_text(encoding="utf-8")
        for entry in seed.entries:
            if entry.label.startswith("(8."):
                assert entry.label in text, (seed.filename, entry.label)
            elif re.fullmatch(r"(Theorem|Lemma|Example|Definition) [\d.]+", entry.label):
                assert entry.label in text, (seed.filename, entry.label)
        numbered = set(re.findall(r"(?:Theorem|Lemma) \d+\.\d+", text))
        assert numbered <= {e.label for e in seed.entries}, (seed.filename, numbered - {e.label for e in seed.entries})


def test_matrix_sides_of_a_refutation_validate():
    """A refuted vector relation has matrix sides (nested lists): verify docs refused the real graph's report
    over least_squares_recurrence_as_written."""
    from verify.report import _side

    assert all(map(_side, [[["0"], ["-1714560"]], [["0"], ["-17860"]]])) and _side("3/7")
    assert not _side({"a": 1}) and not _side([["0"], [None]])
