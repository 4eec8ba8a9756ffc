"""The command line (run / show / check / graph, exit codes) and the safe parser behind ``check``."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import sympy as sp

from verify.cli import main
from verify.parsing import ParseError, make_symbols, parse, parse_number

CONTENT = '''
import sympy as sp
from verify import Claim, node
from verify.core.verdicts import Verdict, Status, Evidence

class S:
    def __init__(self, name, status): self.name, self.status, self.source, self.expect, self.uses = name, status, "", None, ()
    def run(self, seconds=None, seed=None): return Verdict(Status(self.status), self.name, [Evidence("fixed", self.status)])

mu, L = sp.symbols("mu L", positive=True)
ratio = Claim("ratio_le_one", given=[mu <= L], show=mu / L <= 1, source="000, Theorem 2", expect="proved")
NODES = [
    node(S("base", "proved"), "axiom", topic="T", source="003, Lemma 8.20"),
    node(ratio, "lemma", topic="T", uses=["base"]),
    node(S("top", "proved"), "theorem", topic="T", proof_uses=["ratio_le_one"], expect="proved"),
    node(S("wrong", "refuted"), "erratum", topic="U", corrects="top", expect="refuted"),
]
'''
MANIFEST_INIT = '''
from verify.manifest import Entry, Manifest, SeedFile
MANIFEST = Manifest((SeedFile("000", "000_x.txt", "t", (Entry("Theorem 2", "theorem", "GD"), Entry("Theorem 3", "theorem", "SGD"))),))
'''


@pytest.fixture
def pkg(make_package):
    return make_package({"content": CONTENT}, init=MANIFEST_INIT)


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_run_writes_a_valid_report_and_exits_zero(pkg, tmp_path, capsys):
    target = tmp_path / "report.json"
    code, out, _ = _run(capsys, "run", "--package", pkg, "--no-cache", "--seconds", "10", "--json", str(target))
    assert code == 0, out
    report = json.loads(target.read_text())
    from verify.report import validate

    assert validate(report) == []
    assert {n["name"]: n["status"] for n in report["nodes"]} == {
        "base": "proved", "ratio_le_one": "proved", "top": "proved", "wrong": "refuted"}
    assert report["coverage"]["covered"] == 1 and report["coverage"]["total"] == 2
    assert "all verdicts meet their expectations" in out and "verdicts by topic" in out
    assert report["summary"]["errata_found"] == ["wrong"]
    assert "errata found (claims of the notes as written, refuted)" in out
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip() == "wrong")
    assert "-> top (proved)" in lines[at + 1]  # the corrected twin and its verdict sit under the erratum


def test_run_exits_one_when_a_verdict_misses_its_expectation(make_package, capsys):
    bad = CONTENT.replace('S("top", "proved")', 'S("top", "unknown")')
    code, out, _ = _run(capsys, "run", "--package", make_package({"content": bad}), "--no-cache")
    assert code == 1
    assert "top (expected proved)" in out and "FAILED" in out


def test_run_named_nodes_checks_only_what_they_need(pkg, tmp_path, capsys):
    target = tmp_path / "r.json"
    code, _, _ = _run(capsys, "run", "ratio_le_one", "--package", pkg, "--no-cache", "--json", str(target))
    assert code == 0
    assert [n["name"] for n in json.loads(target.read_text())["nodes"]] == ["base", "ratio_le_one"]


def test_unknown_node_name_is_a_usage_error(pkg, capsys):
    code, _, err = _run(capsys, "run", "nosuch", "--package", pkg, "--no-cache")
    assert code == 2 and "no node named 'nosuch'" in err


def test_a_module_that_fails_to_import_is_named_and_the_rest_runs(make_package, tmp_path, capsys):
    pkg = make_package({"content": CONTENT, "broken": "raise RuntimeError('broken on purpose')\n"})
    target = tmp_path / "r.json"
    code, out, _ = _run(capsys, "run", "--package", pkg, "--no-cache", "--json", str(target))
    assert code == 1
    assert "broken.py" in out and "broken on purpose" in out
    report = json.loads(target.read_text())
    assert len(report["nodes"]) == 4 and report["load_errors"][0]["module"].endswith(".broken")


def test_unwritable_report_path_fails_with_a_message_after_the_run(pkg, tmp_path, capsys):
    blocker = tmp_path / "plainfile"
    blocker.write_text("")
    code, out, err = _run(capsys, "run", "--package", pkg, "--no-cache", "--json", str(blocker / "r.json"))
    assert code == 1
    assert "cannot write the report" in err and str(blocker / "r.json") in err
    assert "verdicts by topic" in out


def test_cache_makes_the_second_run_cached(pkg, tmp_path, capsys):
    args = ["run", "--package", pkg, "--cache-dir", str(tmp_path / "cache"), "--json", str(tmp_path / "r.json")]
    assert _run(capsys, *args)[0] == 0
    assert _run(capsys, *args)[0] == 0
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["cached"] == 4


@pytest.mark.parametrize("argv", [["run", "--workers", "0"], ["run", "--seconds", "-1"], ["run", "--seconds", "inf"],
                                  ["frobnicate"], []])
def test_bad_options_exit_two(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def test_show_prints_statement_verdict_and_neighbours(pkg, capsys):
    code, out, _ = _run(capsys, "show", "ratio_le_one", "--package", pkg, "--no-cache")
    assert code == 0
    assert "ratio_le_one" in out and "given  mu <= L" in out and "show   mu/L <= 1" in out
    assert "proved" in out and "uses: base" in out and "used by: top" in out
    assert "000, Theorem 2" in out


def test_show_unknown_node_is_a_usage_error(pkg, capsys):
    assert _run(capsys, "show", "nosuch", "--package", pkg, "--no-cache")[0] == 2


def test_graph_formats(pkg, tmp_path, capsys):
    import shutil

    code, out, _ = _run(capsys, "graph", "--package", pkg, "--no-cache")
    assert code == 0 and out.startswith("digraph lemmas") and '"base" -> "ratio_le_one"' in out
    svg = tmp_path / "g.svg"
    code = _run(capsys, "graph", "--format", "svg", "--out", str(svg), "--package", pkg, "--no-cache")[0]
    if shutil.which("dot") is None:
        assert code == 1 and "Graphviz" in capsys.readouterr().err + ""
        return
    text = svg.read_text()
    assert code == 0 and "<svg" in text and "ratio_le_one" in text and "nodes/ratio_le_one.html" in text
    png = tmp_path / "g.png"
    assert _run(capsys, "graph", "--format", "png", "--out", str(png), "--package", pkg, "--no-cache")[0] == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_check_proves_a_true_claim(capsys):
    code, out, _ = _run(capsys, "check", "1 - mu/L >= 0", "--given", "mu <= L", "--positive", "mu", "L",
                        "--seconds", "10")
    assert code == 0 and "proved" in out


def test_check_refutes_a_false_claim_with_a_counterexample(capsys):
    code, out, _ = _run(capsys, "check", "x**2 <= x", "--given", "x >= 0", "--seconds", "10", "--seed", "0")
    assert code == 1
    assert "refuted" in out and "counterexample" in out


@pytest.mark.parametrize("expr", ["__import__('os').system('echo pwned')", "x.__class__", "open('f')",
                                  "(lambda: 1)()", "x[0]", "'text'", "exec('1')"])
def test_check_rejects_python_with_exit_two(expr, capsys):
    code, _, err = _run(capsys, "check", expr)
    assert code == 2 and "usage error" in err


def test_check_rejects_non_relations(capsys):
    assert _run(capsys, "check", "x + 1")[0] == 2
    code, _, err = _run(capsys, "check", "x >= 0", "--given", "x + 1")
    assert code == 2 and "--given 1" in err


def test_python_dash_m_verify_runs():
    env = dict(os.environ)
    done = subprocess.run([sys.executable, "-m", "verify", "check", "a**2 + b**2 >= 2*a*b", "--seconds", "10"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "proved" in done.stdout


# --- the safe parser ------------------------------------------------------------------------------

def test_parser_builds_sympy_with_declared_assumptions():
    syms = make_symbols({"positive": ["mu", "L"], "integer": ["k"], "nonnegative": ["k"]})
    rel = parse("delta - g/(2*L) <= (1 - mu/L)^k * delta", syms)
    mu, L, k = syms["mu"], syms["L"], syms["k"]
    assert mu.is_positive and k.is_integer and k.is_nonnegative
    delta, g = sp.Symbol("delta", real=True), sp.Symbol("g", real=True)
    assert rel == sp.Le(delta - g / (2 * L), (1 - mu / L) ** k * delta)
    assert parse("0.1") == sp.Rational(1, 10)  # exact, never a float
    assert parse("0 <= x <= 1") == sp.And(sp.Le(0, sp.Symbol("x", real=True)), sp.Le(sp.Symbol("x", real=True), 1))
    assert parse("Sum(1/k**2, (k, 1, n))", syms).has(sp.Sum)
    assert parse("exp(x) >= 1 + x and not x < -5").has(sp.exp)
    assert parse("pi") == sp.pi and parse_number("3/7") == sp.Rational(3, 7)


@pytest.mark.parametrize("text,fragment", [
    ("__import__('os')", "'__import__' is not allowed"),
    ("os.system('ls')", "only plain function names"),
    ("x.real", "attribute access"),
    ("_x + 1", "no leading underscore"),
    ("f(x)", "the function 'f' is not allowed"),
    ("exp", "is a function"),
    ("log(x, base=2)", "keyword arguments"),
    ("2**10**10", "exponent"),
    ("(10**900)**900", "too large"),
    ("1/0", "division by the literal zero"),
    ("x +", "syntax error"),
    ("(x < 1) + 1", "relation or logical formula"),
    ("x < 1 and 2", "expected a relation"),
    ("[x]", "a list"),
    ("x if y else z", "conditional"),
    ("True", "not a number"),
    ("9" * 300, "longer than"),
])
def test_parser_rejects_with_a_clear_message(text, fragment):
    with pytest.raises(ParseError, match=None) as info:
        parse(text, where="the claim")
    assert fragment in str(info.value) and str(info.value).startswith("the claim")


def test_parser_rejects_bad_declarations():
    with pytest.raises(ParseError, match="inconsistent"):
        make_symbols({"positive": ["x"], "negative": ["x"]})
    with pytest.raises(ParseError, match="not an allowed symbol name"):
        make_symbols({"positive": ["__class__"]})
    with pytest.raises(ParseError, match="not a number"):
        parse_number("x + 1")


def test_show_names_the_failing_link_of_a_derivation_and_its_counterexample(make_package, capsys):
    content = '''
import sympy as sp
from verify import Derivation, node
x = sp.Symbol("x", positive=True)
chain = (Derivation("bad_chain", given=[x <= 1], start=x**2)
         .le(x, by="x <= 1")
         .le(x / 2, by="halving (wrong)"))
NODES = [node(chain, "lemma", topic="T")]
'''
    pkg = make_package({"content": content})
    code, out, _ = _run(capsys, "show", "bad_chain", "--package", pkg, "--no-cache", "--seconds", "10")
    assert code == 1
    lines = out.splitlines()
    wrong = [line for line in lines if "x/2" in line and "by halving" in line]
    assert wrong and "refuted" in wrong[0] and "first failing link" in wrong[0]
    first = [line for line in lines if "by x <= 1" in line]
    assert first and "proved" in first[0]
    assert any("counterexample" in line for line in lines)


def test_tightness_table_lists_each_experiment_with_its_worst_ratio():
    from rich.console import Console

    from verify.console import tightness_table

    def node(name, status, ratio):
        return {"name": name, "status": status,
                "evidence": [{"rule": "experiment", "detail": "", "data": {"instances": 7, "worst_ratio": ratio}}]}

    report = {"nodes": [node("rate_run", "tested", 0.987654), node("rate_as_written_run", "refuted", 0.0),
                        {"name": "lemma", "status": "proved", "evidence": []}]}
    console = Console(width=120, record=True)
    console.print(tightness_table(report))
    text = console.export_text()
    assert "rate_run" in text and "0.9877" in text
    assert "bound violated" in text and "lemma" not in text
    assert tightness_table({"nodes": [report["nodes"][2]]}) is None
