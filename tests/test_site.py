"""The generated site (``verify docs``): pages for the real graph, escaping, links, math, errata,
annotated notes, the Graphviz graph, figures, the Markdown export, the command and the preview server."""
from __future__ import annotations

import copy
import html.parser
import json
import re
import shutil
import threading
import urllib.request
from fractions import Fraction
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
import sympy as sp
from markupsafe import escape

from verify import report as rep
from verify.pages import ReportError, build_site, read_report, serve, slug
from verify.pages.figures import fitted_slope
from verify.pages.math import mathml

from site_report import HOSTILE, REAL_NODES, SEEDS, hostile_report, real_report

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    notes = SEEDS if SEEDS.is_dir() else None
    written = build_site(real_report(), out, notes_dir=notes)
    assert written.pages, written.warnings
    return out


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    build_site(hostile_report(), out)
    return out


class _Refs(html.parser.HTMLParser):
    """Every href/src of a page, and every id it defines."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("href", "src", "xlink:href") and value is not None:
                self.refs.append(value)
            if key == "id" and value:
                self.ids.add(value)


def _parse(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _node(name: str) -> dict:
    return next(n for n in real_report()["nodes"] if n["name"] == name)


# --- pages for the real graph -----------------------------------------------------------------

def test_the_site_has_an_index_errata_graph_and_a_page_per_node(site):
    report = real_report()
    for page in ("index.html", "errata.html", "graph.html", "figures.html", "notes/index.html", "style.css"):
        assert (site / page).is_file(), page
    for n in report["nodes"]:
        assert (site / "nodes" / f"{slug(n['name'])}.html").is_file(), n["name"]
    index = (site / "index.html").read_text()
    assert "Lecture note 5-1: the PL condition (feat. NTK)" in index  # notes by title, not by file hash
    assert f"seed {report['settings']['seed']}" in index and report["tool"]["version"] in index
    assert report["created"] in index and 'href="errata.html"' in index
    covered = f"{report['coverage']['covered']}/{report['coverage']['total']}"
    assert covered in index


def test_every_internal_link_and_image_resolves_and_nothing_is_fetched(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= len(real_report()["nodes"]) + 5
    ids = {page: _parse(page).ids for page in pages}
    for page in pages:
        for ref in _parse(page).refs:
            parsed = urlparse(ref)
            assert not parsed.scheme and not parsed.netloc, f"{page.name} refers outside the site: {ref}"
            target, fragment = urldefrag(ref)
            resolved = (page.parent / target).resolve() if target else page
            assert resolved.is_file(), f"{page.relative_to(site)}: broken link {ref}"
            if fragment and resolved.suffix == ".html":
                assert fragment in ids[resolved], f"{page.relative_to(site)}: no anchor {ref}"
        text = page.read_text()
        assert "<script" not in text.lower(), page


def test_a_node_page_shows_hypotheses_and_conclusion_as_mathml(site):
    page = (site / "nodes" / "gd_pl_one_step.html").read_text()
    assert page.count("<math") >= 6 and "<mfrac>" in page
    assert 'class="latex"' not in page  # every sympy statement converted
    entry = _node("gd_pl_one_step")
    assert len(entry["hypotheses"]) >= 2  # the page's math covers the hypotheses too
    assert "given" in page and "show" in page and "Derivation" in page
    proved_links = sum(link["status"] == "proved" for link in entry["links"])
    assert proved_links >= 1 and page.count('class="badge badge-proved"') >= proved_links
    assert 'href="../nodes/gd_pl_rate.html"' in page  # used by, linked
    assert 'href="../nodes/pl_condition.html"' in page  # uses, linked


def test_a_refuted_node_page_has_its_exact_counterexample_with_both_sides(site):
    entry = _node("sgd_pl_one_step_as_written")
    page = (site / "nodes" / "sgd_pl_one_step_as_written.html").read_text()
    assert 'class="badge badge-refuted"' in page and "left side" in page and "right side" in page
    for name in entry["counterexample"]:
        assert f"<code>{name}</code>" in page
    # the counterexample is real: re-evaluate the stated conclusion exactly, outside the tool
    point = {k: Fraction(v) for k, v in entry["counterexample"].items()}
    lhs, rhs = sp.sympify(entry["conclusion"]["text"].split("<=")[0]), sp.sympify(entry["conclusion"]["text"].split("<=")[1])
    subs = {sp.Symbol(k): sp.Rational(v.numerator, v.denominator) for k, v in point.items()}
    assert lhs.subs(subs) > rhs.subs(subs)
    assert [str(lhs.subs(subs)), str(rhs.subs(subs))] == entry["sides"]
    assert 'href="../nodes/sgd_pl_one_step.html"' in page  # corrected by, linked


def test_the_errata_page_lists_each_erratum_with_its_correction(site):
    report = real_report()
    page = (site / "errata.html").read_text()
    assert report["summary"]["errata_found"], "the fixture has errata"
    for name in report["summary"]["errata_found"]:
        entry = _node(name)
        assert f'id="{slug(name)}"' in page and entry["corrected_by"] in page
        assert str(escape(entry["message"])) in page  # why it fails, in one sentence
    assert page.count('<p class="label">corrected claim</p>') == len(report["summary"]["errata_found"])


@needs_dot
def test_the_graph_is_laid_out_by_graphviz_and_links_every_node(site):
    svg = (site / "graph.svg").read_text()
    page = (site / "graph.html").read_text()
    assert "Generated by graph" in svg and "<svg" in page
    for n in real_report()["nodes"]:
        assert f'nodes/{slug(n["name"])}.html' in page
    assert "corrected by" in svg  # the errata joined to their corrections


def test_figures_come_from_the_reports_trajectories(site):
    pytest.importorskip("matplotlib")
    entry = _node("gd_pl_rate_run")
    assert entry["plots"] and entry["plots"][0]["kind"] == "trajectory"
    images = sorted((site / "figures").glob("*.png"))
    assert any(p.name.startswith("gd_pl_rate_run-trajectory") for p in images)
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in images)
    assert 'src="../figures/gd_pl_rate_run-trajectory-0.png"' in (site / "nodes" / "gd_pl_rate_run.html").read_text()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the notes are not next to this clone")
def test_the_notes_are_annotated_with_badges_linked_to_node_pages(site):
    page = (site / "notes" / "000.html").read_text()
    assert "Lecture note 5-1" in page
    # Theorem 3's recursion (1) is encoded by the refuted erratum and its proved twin
    assert 'href="../nodes/sgd_pl_one_step_as_written.html"' in page
    assert 'href="../nodes/sgd_pl_one_step.html"' in page
    assert "not encoded" in page  # claims the manifest knows but no node encodes
    assert "<math" in page  # the notes' own math


def test_without_notes_the_site_says_they_are_left_out(tmp_path):
    build_site(real_report(), tmp_path)
    assert not (tmp_path / "notes" / "000.html").exists()
    assert "without the notes" in (tmp_path / "notes" / "index.html").read_text()
    assert "--notes DIR" in (tmp_path / "index.html").read_text()


def test_the_assumption_base_is_shown_when_the_report_has_it(tmp_path):
    report = copy.deepcopy(real_report())
    entry = next(n for n in report["nodes"] if n["name"] == "gd_pl_one_step")
    entry["assumptions"] = [{"relation": "g >= 2*mu*(f_k - fs)", "origin": "hypothesis of gd_pl_one_step",
                             "source": "000, Definition 1", "kind": "hypothesis"},
                            {"relation": "f(y) <= f(x) + ...", "origin": "descent_lemma", "source": "Nesterov 2004",
                             "kind": "axiom"}]
    build_site(report, tmp_path)
    page = (tmp_path / "nodes" / "gd_pl_one_step.html").read_text()
    assert "Assumption base" in page and "g &gt;= 2*mu*(f_k - fs)" in page and "Nesterov 2004" in page
    other = (tmp_path / "nodes" / "pl_condition.html").read_text()
    assert "no node proves (0)" in other  # a definition rests on nothing: the page says so
    del report["nodes"][next(i for i, n in enumerate(report["nodes"]) if n["name"] == "pl_condition")]["assumptions"]
    build_site(report, tmp_path / "without")
    assert "Assumption base" not in (tmp_path / "without" / "nodes" / "pl_condition.html").read_text()


# --- escaping -----------------------------------------------------------------------------------

def test_markup_in_names_sources_and_symbols_shows_as_text(hostile_site):
    pages = list(hostile_site.rglob("*.html"))
    page = (hostile_site / "nodes" / f"{slug(HOSTILE)}.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;000&lt;/b&gt;" in page
    for p in pages:
        text = p.read_text()
        assert "<script" not in text.lower() and "onerror" not in text.replace("onerror=alert(2)&gt;", ""), p
        assert "<b>000" not in text and "<em>topic" not in text, p
    assert "/" not in slug(HOSTILE) and "<" not in slug(HOSTILE)
    if (hostile_site / "graph.svg").exists():
        svg = (hostile_site / "graph.svg").read_text()
        assert "<script" not in svg.lower() and "&lt;script&gt;" in svg


def test_mathml_keeps_only_mathml_elements():
    out = str(mathml(r"\text{<script>alert(1)</script>} \le x"))
    assert "<script" not in out and "&lt;script&gt;" in out
    assert str(mathml(r"\frac{\mu}{L}")).startswith("<math")


# --- Markdown export ------------------------------------------------------------------------------

def test_the_markdown_export_has_the_same_pages_without_images(tmp_path):
    written = build_site(real_report(), tmp_path, notes_dir=SEEDS if SEEDS.is_dir() else None, fmt="md")
    assert not written.images and not list(tmp_path.rglob("*.png")) and not list(tmp_path.rglob("*.html"))
    for n in real_report()["nodes"]:
        assert (tmp_path / "nodes" / f"{slug(n['name'])}.md").is_file()
    node = (tmp_path / "nodes" / "sgd_pl_one_step_as_written.md").read_text()
    assert "left side" in node and "$" in node and "(nodes/" not in node
    errata = (tmp_path / "errata.md").read_text()
    for name in real_report()["summary"]["errata_found"]:
        assert f"(nodes/{slug(name)}.md)" in errata
    for md in tmp_path.rglob("*.md"):
        for target in re.findall(r"\]\(([^)\s]+\.md)\)", md.read_text()):
            assert (md.parent / target).resolve().is_file(), (md, target)


def test_markdown_escapes_markup(tmp_path):
    build_site(hostile_report(), tmp_path, fmt="md")
    text = "\n".join(p.read_text() for p in tmp_path.rglob("*.md"))
    assert "<script>" not in text and r"\<script\>" in text


# --- the graph without Graphviz, reports, the command, the server ----------------------------------

def test_without_dot_the_build_says_what_to_install(tmp_path, monkeypatch):
    import verify.pages.graph as graph

    monkeypatch.setattr(graph.shutil, "which", lambda name: None)
    written = build_site(hostile_report(), tmp_path)
    assert any("apt-get install graphviz" in w for w in written.warnings)
    assert "apt-get install graphviz" in (tmp_path / "graph.html").read_text()
    assert not (tmp_path / "graph.svg").exists()


def test_read_report_rejects_another_schema(tmp_path):
    path = tmp_path / "old.json"
    old = copy.deepcopy(hostile_report())
    old["schema_version"] = 1
    path.write_text(json.dumps(old))
    with pytest.raises(ReportError, match="schema version 3"):
        read_report(path)
    with pytest.raises(ReportError, match="not JSON"):
        (tmp_path / "bad.json").write_text("{")
        read_report(tmp_path / "bad.json")


def test_verify_docs_builds_from_a_report(tmp_path, capsys):
    from verify.cli import main

    path = tmp_path / "report.json"
    rep.write(hostile_report(), path)
    code = main(["docs", "--report", str(path), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0 and "pages" in out and (tmp_path / "out" / "index.html").is_file()
    code = main(["docs", "--report", str(tmp_path / "missing.json"), "--out", str(tmp_path / "o2")])
    assert code == 1 and "cannot read the report" in capsys.readouterr().err


def test_the_preview_server_serves_the_site_on_loopback(hostile_site):
    server = serve(hostile_site, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as response:
            assert response.status == 200 and b"The verified notes" in response.read()
    finally:
        server.shutdown()
        server.server_close()


def test_fitted_slope_of_a_power_law():
    x = [10.0, 100.0, 1000.0, 10000.0]
    assert fitted_slope(x, [3 * v ** -0.5 for v in x]) == pytest.approx(-0.5)
    assert fitted_slope([1.0], [1.0]) is None


def test_the_fixture_runs_the_nodes_it_names():
    names = {n["name"] for n in real_report()["nodes"]}
    assert set(REAL_NODES) <= names


def test_a_failing_link_shows_its_own_counterexample(tmp_path):
    from verify import Derivation, node
    from verify.graph import build
    from verify.runner import run

    t = sp.Symbol("t", nonnegative=True)
    chain = (Derivation("drops_a_term", given=[t <= 3], start=(t + 1) ** 2)
             .eq(t**2 + 2 * t + 1, by="expand").le(t**2 + 1, by="drop 2t (wrong: 2t >= 0)"))
    report = rep.build(run(build([node(chain, "lemma", topic="T")]), seconds=2), version="0.0")
    entry = report["nodes"][0]
    assert entry["status"] == "refuted" and entry["failed_link"] == 2
    link = entry["links"][1]
    value = sp.Rational(link["counterexample"]["t"])
    assert 0 < value <= 3  # 2t + 1 > 1 exactly when t > 0: the link really fails there
    build_site(report, tmp_path)
    page = (tmp_path / "nodes" / "drops_a_term.html").read_text()
    assert "first failing link" in page and "counterexample to link 2" in page
    assert page.count('class="badge badge-proved"') >= 1  # link 1 holds
    assert "drop 2t (wrong: 2t &gt;= 0)" in page


TINY_CONTENT = '''
import sympy as sp
from verify import Claim, node

mu, L = sp.symbols("mu L", positive=True)
NODES = [node(Claim("ratio_le_one", given=[mu <= L], show=mu / L <= 1, source="000, Theorem 2"), "lemma", topic="T"),
         node(Claim("ratio_le_half", given=[mu <= L], show=mu / L <= sp.Rational(1, 2), source="000, Theorem 2"),
              "erratum", topic="T", corrects="ratio_le_one", expect="refuted")]
'''


def test_verify_docs_without_a_report_runs_the_graph_first(make_package, tmp_path, capsys):
    from verify.cli import main

    pkg = make_package({"content": TINY_CONTENT})
    out = tmp_path / "site"
    code = main(["docs", "--package", pkg, "--no-cache", "--seconds", "5", "--out", str(out), "--format", "md"])
    printed = capsys.readouterr().out
    assert code == 0 and "from this run" in printed
    errata = (out / "errata.md").read_text()
    assert "ratio\\_le\\_half" in errata and "(nodes/ratio_le_one.md)" in errata  # mu = L = 1: 1 <= 1/2 fails


def test_exact_values_are_typeset_and_decimals_shown_as_written():
    from verify.pages.render import number_latex

    assert number_latex("3/7") == r"\frac{3}{7}" and number_latex("sqrt(2)/2") == r"\frac{\sqrt{2}}{2}"
    # a 50-digit decimal of an experiment is not an exact fraction: it is shown as its digits
    assert number_latex("0.33333333333333333333") is None and number_latex("1e-30") is None
    assert number_latex("[[1, 2], [3, 4]]") is None


def test_a_refuted_node_that_is_no_erratum_is_on_the_errata_page_too(tmp_path):
    from verify import Claim, node
    from verify.graph import build
    from verify.runner import run

    z = sp.Symbol("z", positive=True)
    report = rep.build(run(build([node(Claim("not_declared", show=z <= 2, source="000, (9)"), "lemma")]),
                           seconds=2), version="0")
    assert report["nodes"][0]["status"] == "refuted" and not report["summary"]["errata_found"]
    build_site(report, tmp_path)
    page = (tmp_path / "errata.html").read_text()
    assert "not declared as errata" in page and 'href="nodes/not_declared.html"' in page
    build_site(report, tmp_path / "md", fmt="md")
    assert "(nodes/not_declared.md)" in (tmp_path / "md" / "errata.md").read_text()


def test_definitions_are_counted_apart_from_the_proved(site, tmp_path):
    # a definition states nothing to check: the site's totals and tables give it its own column
    report = real_report()
    definitions = [e for e in report["nodes"] if rep.is_definition(e)]
    assert definitions, "the real report's nodes should need a definition (pl_condition)"
    proved = report["summary"]["by_status"]["proved"] - len(definitions)
    index = (site / "index.html").read_text(encoding="utf-8")
    totals = re.search(r'<p class="totals">(.*?)</p>', index, re.S).group(1)
    assert f'badge-definition">definition</span> {len(definitions)} ' in totals, totals
    assert f'badge-proved">proved</span> {proved} ' in totals, totals
    assert "<th>definition</th>" in index
    build_site(report, tmp_path, fmt="md")
    md = (tmp_path / "index.md").read_text(encoding="utf-8")
    assert f"proved: {proved} · definition: {len(definitions)} · " in md, md[:400]
