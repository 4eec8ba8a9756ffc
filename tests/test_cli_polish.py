"""The command line's answers to a new user's slips: refused constants, typos in symbol names,
contradictory declarations, Python-isms in relations, unknown node names, and readable tables."""
from __future__ import annotations

import pytest
import sympy as sp

from verify.cli import main
from verify.parsing import ParseError, make_symbols, parse


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- 1. constants ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,name", [("x <= oo", "oo"), ("x >= -oo", "oo"), ("I**2 >= 0", "I"),
                                       ("zoo >= 0", "zoo"), ("nan == nan", "nan")])
def test_infinities_nan_and_i_are_refused(text, name):
    with pytest.raises(ParseError) as info:
        parse(text, where="the claim")
    message = str(info.value)
    assert f"'{name}'" in message and "finite real numbers" in message and "pi, E" in message


def test_refused_constants_are_a_usage_error_on_the_command_line(capsys):
    code, _, err = _run(capsys, "check", "x <= oo", "--real", "x")
    assert code == 2 and "finite real numbers" in err
    with pytest.raises(ParseError, match="finite real numbers"):
        make_symbols({"real": ["oo"]})


def test_pi_and_E_stay_constants_and_e_is_a_symbol():
    assert parse("pi + E") == sp.pi + sp.E
    assert parse("e") == sp.Symbol("e", real=True)


def test_check_help_lists_constants_and_functions(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "pi, E" in text and "write E for Euler's number" in text
    assert "exp" in text and "sqrt" in text and "Sum(expr, (k, a, b))" in text
    assert "oo" in text  # names the refused ones too


# --- 3. contradictory declarations ----------------------------------------------------------------

def test_contradictory_declarations_give_one_line(capsys):
    with pytest.raises(ParseError) as info:
        make_symbols({"positive": ["x"], "negative": ["x"]})
    message = str(info.value)
    assert "\n" not in message and "'x'" in message and "--positive" in message and "--negative" in message
    code, _, err = _run(capsys, "check", "x >= 0", "--positive", "x", "--negative", "x")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--negative" in err


# --- 4. syntax hints ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,hint", [
    ("Eq(x, x)", "write relations with ==, <=, <, >=, >"),
    ("Le(x, 1)", "write relations with ==, <=, <, >=, >"),
    ("x = 0", "use == for equality"),
    ("x => 0", "did you mean >=?"),
    ("x =< 0", "did you mean <=?"),
])
def test_syntax_slips_get_a_hint(text, hint):
    with pytest.raises(ParseError) as info:
        parse(text, where="the claim")
    assert hint in str(info.value)
    assert "allowed: " not in str(info.value)  # not the whole list of functions


def test_other_syntax_errors_get_no_misleading_hint():
    with pytest.raises(ParseError) as info:
        parse("x <= 0 +", where="the claim")
    assert "==" not in str(info.value) and "did you mean" not in str(info.value)


# --- 2. undeclared and unused symbols -------------------------------------------------------------

def test_a_typo_in_a_hypothesis_and_an_unused_declaration_are_warned_about(capsys):
    code, out, err = _run(capsys, "check", "1 - mu/L >= 0", "--given", "mu <= L", "--positive", "mu", "L",
                          "--seconds", "10")
    assert code == 0 and "warning" not in err  # everything declared and used: silent
    code, out, err = _run(capsys, "check", "1 - mu/L >= 0", "--given", "mu <= Lz", "--positive", "mu", "L", "y",
                          "--seconds", "10", "--seed", "0")
    assert code == 1 and "refuted" in out  # the warnings do not change the verdict or the exit code
    assert "warning: 'Lz' was not declared (taken as real); did you mean 'L'?" in err
    assert "warning: --positive y: 'y' does not appear in the claim" in err
    assert "warning" not in out


def test_a_sum_index_counts_as_used(capsys):
    from verify.cli import declaration_warnings

    used: set[str] = set()
    parse("Sum(k, (k, 1, n)) >= 0", make_symbols({"integer": ["k"], "positive": ["n"]}), used=used)
    assert used == {"k", "n"}
    assert declaration_warnings({"integer": ["k"], "positive": ["n"]}, used) == []


# --- 5. unknown node names and verify list --------------------------------------------------------

CONTENT = '''
import sympy as sp
from verify import Claim, node

x = sp.Symbol("x", positive=True)
NODES = [
    node(None, "definition", name="pl_condition", topic="PL"),
    node(None, "axiom", name="rate_cited", topic="PL", source="[A] Thm 1"),
    node(Claim("gd_pl_rate", show=x + 1 >= 1, expect="proved"), "lemma", topic="GD", uses=["pl_condition"]),
]
'''


@pytest.fixture
def pkg(make_package):
    return make_package({"content": CONTENT})


@pytest.mark.parametrize("command", ["run", "show"])
def test_unknown_node_name_suggests_close_names(pkg, capsys, command):
    code, _, err = _run(capsys, command, "gd_pl_rat", "--package", pkg, "--no-cache")
    assert code == 2 and "no node named 'gd_pl_rat'" in err and "did you mean 'gd_pl_rate'" in err
    assert "verify list" in err


def test_list_prints_one_plain_line_per_node_and_filters(pkg, capsys):
    code, out, _ = _run(capsys, "list", "--package", pkg)
    lines = out.splitlines()
    assert code == 0 and len(lines) == 3
    rate = next(line for line in lines if line.startswith("gd_pl_rate"))
    assert rate.split() == ["gd_pl_rate", "lemma", "GD", "expect", "proved"]
    code, out, _ = _run(capsys, "list", "--package", pkg, "--topic", "PL", "--kind", "axiom")
    assert code == 0 and out.split() == ["rate_cited", "axiom", "PL", "expect", "-"]
    code, _, err = _run(capsys, "list", "--package", pkg, "--topic", "Pl")
    assert code == 2 and "did you mean 'PL'" in err


# --- 6. names in the tables are never cut ---------------------------------------------------------

def test_errata_and_experiment_names_are_whole_at_80_columns():
    from rich.console import Console

    from verify.console import errata_table, tightness_table

    long_name, twin = "sgd_diminishing_multiplied_as_written", "sgd_diminishing_multiplied"
    run_name = "minibatch_rate_as_written_run_with_a_long_name"
    nodes = [{"name": long_name, "status": "refuted", "corrected_by": twin,
              "source": "000, Theorem 3, proof, (2) as written: 'delta(k+1) <= delta(k) + L C^2 (k+1)^2'",
              "counterexample": {"mu": "1/3", "L": "2", "C": "123456789012345678901234567890/7"}},
             {"name": twin, "status": "proved"},
             {"name": run_name, "status": "tested",
              "evidence": [{"rule": "experiment", "detail": "", "data": {"instances": 7, "worst_ratio": 0.5}}]}]
    report = {"nodes": nodes, "summary": {"errata_found": [long_name]}}
    console = Console(width=80, record=True)
    console.print(errata_table(report))
    console.print(tightness_table(report))
    text = console.export_text()
    assert long_name in text and f"-> {twin} (proved)" in text and run_name in text
    named = [line for line in text.splitlines() if long_name in line or twin in line or run_name in line]
    assert len(named) == 3 and not any("…" in line for line in named)
    assert max(len(line) for line in text.splitlines()) <= 80


# --- 7. and 8. verify show of statement-less nodes and of derivations -----------------------------

def test_show_says_what_a_statement_less_node_is(pkg, capsys):
    code, out, _ = _run(capsys, "show", "rate_cited", "--package", pkg, "--no-cache")
    assert "axiom cited without a checkable statement" in out and "definition" not in out
    code, out, _ = _run(capsys, "show", "pl_condition", "--package", pkg, "--no-cache")
    assert code == 0 and "(a definition: states nothing to check)" in out


def test_show_numbers_links_from_one_like_the_kernel(make_package, capsys):
    content = '''
import sympy as sp
from verify import Derivation, node
x = sp.Symbol("x", positive=True)
chain = Derivation("bad_chain", given=[x <= 1], start=x**2).le(x, by="x <= 1").le(x / 2, by="halving (wrong)")
NODES = [node(chain, "lemma", topic="T")]
'''
    pkg = make_package({"content": content})
    code, out, _ = _run(capsys, "show", "bad_chain", "--package", pkg, "--no-cache", "--seconds", "10")
    assert code == 1
    failing = next(line for line in out.splitlines() if "first failing link" in line)
    assert "link 2:" in failing and "x/2" in failing
    assert "first failing link: 2" in out  # the kernel's own message names the same link
    assert any(line.strip().startswith("link 1:") and "by x <= 1" in line for line in out.splitlines())


def test_show_help_says_how_links_are_numbered(capsys):
    with pytest.raises(SystemExit):
        main(["show", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "numbered from 1 everywhere" in text and "failed_link" in text and "counts from 0" not in text
