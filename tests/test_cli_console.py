"""``verify run`` says what is wrong per node (issue 11, item 1): whole errata, the nodes of each
verdict by name, ``--only``, the named nodes first, a line per node in a log, the notes' titles."""
from __future__ import annotations

import io
import subprocess
import sys

import pytest
from rich.console import Console

from verify.cli import main
from verify.console import errata_table, print_run, progress_lines, select_nodes
from verify.core.verdicts import Status, Verdict

LONG_SOURCE = ("000, Theorem 3, proof, (2) as written: 'delta(k+1) <= delta(k) + L C^2 (k+1)^2 / (8 mu^2 (k+1)^2)'; "
               "the factor L of the descent lemma is missing and the square of the step is dropped, which the "
               "corrected twin restores")
BIG = "123456789012345678901234567890123456789/7"

CONTENT = f'''
import sympy as sp
from verify import Claim, node
from verify.core.verdicts import Verdict, Status, Evidence

class S:
    def __init__(self, name, status): self.name, self.status, self.source, self.expect, self.uses = name, status, "", None, ()
    def run(self, seconds=None, seed=None): return Verdict(Status(self.status), self.name, [Evidence("fixed", self.status)])

x = sp.Symbol("x", positive=True)
wrong = Claim("sum_as_written", show=x**2 <= x, source={LONG_SOURCE!r}, expect="refuted")
NODES = [
    node(S("first", "proved"), "lemma", topic="T", source="000, Theorem 2"),
    node(S("maybe", "tested"), "lemma", topic="T", uses=["first"]),
    node(S("lost", "unknown"), "lemma", topic="T", expect="unknown"),
    node(S("top", "proved"), "theorem", topic="T", uses=["maybe"], expect="tested"),
    node(wrong, "erratum", topic="U", corrects="top"),
]
'''
MANIFEST_INIT = '''
from verify.manifest import Entry, Manifest, SeedFile
MANIFEST = Manifest((SeedFile("000", "000_e9511ad5f50cdc09.txt", "Lecture note 5-1: the PL condition",
                              (Entry("Theorem 2", "theorem", "GD"), Entry("Theorem 3", "theorem", "SGD"))),))
'''


@pytest.fixture
def pkg(make_package):
    return make_package({"content": CONTENT}, init=MANIFEST_INIT)


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_an_erratum_shows_its_whole_reason_and_counterexample_at_80_columns():
    nodes = [{"name": "e_as_written", "status": "refuted", "corrected_by": "e", "source": LONG_SOURCE,
              "counterexample": {"mu": BIG, "L": "1/2"}, "sides": ["9/2", "4"]},
             {"name": "e", "status": "proved"}]
    console = Console(width=80, record=True)
    console.print(errata_table({"nodes": nodes, "summary": {"errata_found": ["e_as_written"]}}))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "..." not in text and "…" not in text
    flat = _flat(text)
    assert _flat(LONG_SOURCE) in flat          # wrapped, never cut
    assert f"mu = {BIG}" in flat.replace(" \n", "")
    assert "left side = 9/2, right side = 4" in flat
    assert "-> e (proved)" in text


def test_run_names_the_nodes_of_each_verdict_short_of_proved(pkg, capsys):
    code, out, _ = _run(capsys, "run", "--package", pkg, "--no-cache", "--seconds", "5")
    assert code == 0, out
    assert "tested (2): maybe, top" in out and "unknown (1): lost" in out
    assert "refuted (1): sum_as_written" in out
    assert "the factor L of the descent lemma is missing" in _flat(out)


def test_run_only_filters_the_nodes_and_skips_the_tables(pkg, capsys):
    code, out, _ = _run(capsys, "run", "--package", pkg, "--no-cache", "--only", "unknown")
    assert code == 0
    assert "unknown: 1 node(s)" in out and "lost" in out and "verdicts by topic" not in out
    code, out, _ = _run(capsys, "run", "--package", pkg, "--no-cache", "--only", "errata", "--quiet")
    assert "errata: 1 node(s)" in out and "sum_as_written" in out and "maybe" not in out
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--package", pkg, "--only", "nonsense"])
    assert exit_.value.code == 2 and "invalid choice: 'nonsense'" in capsys.readouterr().err


def test_select_nodes_failing_means_short_of_the_expectation():
    report = {"summary": {"errata_found": []},
              "nodes": [{"name": "a", "status": "tested", "meets_expectation": False},
                        {"name": "b", "status": "tested", "meets_expectation": True}]}
    assert [n["name"] for n in select_nodes(report, "failing")] == ["a"]
    assert [n["name"] for n in select_nodes(report, "tested")] == ["a", "b"]
    with pytest.raises(ValueError, match="--only"):
        select_nodes(report, "bogus")


def test_named_nodes_get_their_verdict_before_the_tables(pkg, capsys):
    code, out, _ = _run(capsys, "run", "maybe", "--package", pkg, "--no-cache", "--quiet")
    assert code == 0
    first = out.index("the nodes asked for")
    line = next(l for l in out.splitlines() if l.startswith("tested maybe"))
    assert first < out.index(line) < out.index("verdicts by topic")


def test_a_log_gets_one_flushed_line_per_node_as_it_finishes():
    class File(io.StringIO):
        flushes = 0

        def flush(self):
            File.flushes += 1

    sink = File()
    line = progress_lines(Console(file=sink, width=80), 12)
    line("gd_pl_rate", Verdict(Status.PROVED, "gd_pl_rate", seconds=1.25), False)
    line("pl_condition", Verdict(Status.TESTED, "pl_condition"), True)
    assert sink.getvalue().splitlines() == ["[ 1/12] proved   gd_pl_rate (1.2 s)",
                                            "[ 2/12] tested   pl_condition (cached)"]
    assert File.flushes >= 2


def test_the_log_lines_come_before_the_tables_when_piped(pkg, tmp_path, capsys):
    code, out, _ = _run(capsys, "run", "--package", pkg, "--no-cache")
    lines = out.splitlines()
    progress = [i for i, l in enumerate(lines) if l.startswith("[")]
    assert len(progress) == 5 and lines[progress[-1]].startswith("[5/5]")
    assert progress[-1] < next(i for i, l in enumerate(lines) if "verdicts by topic" in l)
    code, out, _ = _run(capsys, "run", "--package", pkg, "--no-cache", "--quiet")
    assert not any(l.startswith("[1/5]") for l in out.splitlines())


def test_coverage_shows_the_notes_titles_not_hashed_file_names(pkg, capsys):
    code, out, _ = _run(capsys, "run", "--package", pkg, "--no-cache", "--quiet")
    assert "000: Lecture note 5-1: the PL condition" in _flat(out).replace("│ ", "")
    assert "e9511ad5f50cdc09" not in out
