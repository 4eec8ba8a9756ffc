"""The ``verify`` command line (also ``python -m verify``).

::

    verify run [NAMES...] [--workers N | --scheduler ADDRESS] [--seconds S] [--json report.json] [--seed N]
    verify fuzz TARGET [--instances N] [--seed S] [--shards K] [--scheduler ADDRESS | --workers W] [check's options]
    verify show NAME
    verify list [--topic T] [--kind K]
    verify check "EXPR" [--given "EXPR" ...] [--positive mu L] [--nonnegative ...] [--integer k ...]
                 [--vector x:3 ...] [--matrix A:3x3:psd ...]
    verify init NAME
    verify graph [--format dot|svg|png] [--out FILE]
    verify docs [--out DIR] [--report FILE] [--notes DIR] [--format html|md] [--serve [--port N]]

Exit codes: 0 when every verdict meets its node's ``expect``, 1 when one does not or something
failed (a module that does not import, an unwritable report), 2 for usage errors (bad options,
unknown node names, an expression the safe parser rejects). ``check``: 0 proved or tested,
1 refuted, 2 usage error, 3 error or blocked (the claim is malformed), 4 unknown, 5 vacuous (proved
only because the hypotheses contradict each other). ``fuzz``: as ``check`` (0 tested, 1 refuted, 2, 3, 4),
130 interrupted without a counterexample.
"""
from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from rich.console import Console
from rich.markup import escape

from . import __version__
from .cache import DEFAULT_DIR, Cache
from .distributed import DaskMissing
from .loader import DEFAULT_PACKAGE, Loaded, load
from .nodes import KINDS
from .console import ONLY_CHOICES
from .parsing import (ASSUMPTIONS, CONSTANTS, FUNCTIONS, MATRIX_KINDS, NOT_REAL, ParseError, make_arrays, make_symbols,
                      normalise_name, parse)

if TYPE_CHECKING:
    from .core.claims import Claim

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
#: ``verify check``: a distinct code per outcome (0 proved or tested, 1 refuted, 2 usage error)
EXIT_ERROR, EXIT_UNKNOWN, EXIT_VACUOUS = 3, 4, 5
CHECK_EXIT = {"proved": EXIT_OK, "tested": EXIT_OK, "refuted": EXIT_FAIL, "error": EXIT_ERROR,
              "blocked": EXIT_ERROR, "unknown": EXIT_UNKNOWN}


class UsageError(Exception):
    """Bad input from the command line: reported with exit code 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="verify", description="Check the mathematics of the notes: "
                                     "proved / tested / refuted, with evidence.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def graph_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--workers", type=_positive_int, default=1, help="worker processes (default 1)")
        p.add_argument("--seconds", type=_positive_float, default=None, help="time budget per node")
        p.add_argument("--seed", type=int, default=None, help="seed for the numeric attack")
        p.add_argument("--package", default=DEFAULT_PACKAGE, help="content package (default: theorems)")
        p.add_argument("--cache-dir", default=DEFAULT_DIR, help=f"cache directory (default {DEFAULT_DIR})")
        p.add_argument("--no-cache", action="store_true", help="check everything afresh; do not write the cache")

    run = sub.add_parser("run", help="check the graph (or the named nodes and what they need)")
    run.add_argument("names", nargs="*", metavar="NAME")
    graph_options(run)
    run.add_argument("--json", dest="json_path", metavar="FILE", help="write the JSON report here")
    run.add_argument("--scheduler", metavar="ADDRESS", default=None, help="check the nodes on this Dask cluster "
                     "(e.g. tcp://127.0.0.1:8786; only a cluster you trust: it runs the code it is sent)")
    run.add_argument("--quiet", action="store_true", help="no progress bar (and, in a log, no line per node)")
    run.add_argument("--only", choices=ONLY_CHOICES, metavar="WHICH",
                     help="print only these nodes, each with its whole account: failing (short of their "
                     "expectation), errata, or a verdict (" + ", ".join(ONLY_CHOICES[2:]) + ")")

    show = sub.add_parser("show", help="a node's statement, steps, verdicts and neighbours",
                          description="Print a node's statement, its verdict and evidence, and its neighbours. "
                          "A derivation's links are numbered from 1 everywhere: in the messages "
                          "('link 2'), in Verdict.failed_link and in the JSON report's failed_link.")
    show.add_argument("name")
    graph_options(show)

    listing = sub.add_parser("list", help="one line per node: name, kind, topic, expected verdict",
                             description="List the nodes (nothing is checked): name, kind, topic and "
                             "expected verdict, one node per line.")
    listing.add_argument("--topic", help="only the nodes of this topic")
    listing.add_argument("--kind", choices=KINDS, help="only the nodes of this kind")
    listing.add_argument("--package", default=DEFAULT_PACKAGE, help="content package (default: theorems)")

    check = sub.add_parser("check", help="check an ad-hoc claim, e.g. verify check 'x**2 >= 0'",
                           description="Check an ad-hoc claim about finite real numbers.",
                           epilog=CHECK_EPILOG)
    check.add_argument("expr", help="the relation to show, e.g. \"1 - mu/L >= 0\"")
    claim_options(check)
    check.add_argument("--seconds", type=_positive_float, default=None, help="time budget")
    check.add_argument("--seed", type=int, default=None, help="seed for the numeric attack")
    check.add_argument("--name", default="cli_claim", help="name shown in the verdict")

    fuzz = sub.add_parser("fuzz", help="a long seeded fuzz campaign on a node or an ad-hoc claim, in-process or "
                          "on a Dask cluster", description="Split the numeric attack into seeded shards (shard i "
                          "draws from the seed and i only: the same result for any number of workers), merge "
                          "them, have the core re-check the candidates exactly and shrink a counterexample. "
                          "TARGET is a node name or a relation in 'verify check' syntax (then --given, "
                          "--positive, ... as for check).", epilog=FUZZ_EPILOG)
    fuzz.add_argument("target", metavar="TARGET", help="a node of the graph, or a relation such as \"x**2 >= 0\"")
    fuzz.add_argument("--instances", type=_positive_int, default=1_000_000, help="instances to draw (default 10^6)")
    fuzz.add_argument("--seed", type=int, default=0, help="campaign seed (default 0)")
    fuzz.add_argument("--shards", type=_positive_int, default=None,
                      help="number of shards (default: one per 200000 instances)")
    fuzz.add_argument("--scheduler", metavar="ADDRESS", default=None,
                      help="run the shards on this Dask cluster (only one you trust: it runs the code it is sent)")
    fuzz.add_argument("--workers", type=_positive_int, default=1,
                      help="without --scheduler: a LocalCluster of this many processes (default 1: in-process)")
    fuzz.add_argument("--package", default=DEFAULT_PACKAGE, help="content package for a node TARGET")
    fuzz.add_argument("--quiet", action="store_true", help="no progress bar")
    fuzz.add_argument("--name", default="cli_claim", help="name shown for an ad-hoc claim")
    claim_options(fuzz)

    init = sub.add_parser("init", help="write the skeleton of a content package for a new lecture",
                          description="Write NAME/ in the current folder: a manifest of the lecture's labelled "
                          "claims, a theorem module with a worked example (a claim, a derivation, an erratum "
                          "beside its corrected twin), pins, and a README. Then 'verify run --package NAME' "
                          "and 'pytest --verify-package NAME' check it.")
    init.add_argument("name", help="the package name, e.g. mylecture")

    graph = sub.add_parser("graph", help="draw the dependency graph coloured by verdict, laid out by Graphviz "
                                           "(svg and png need its dot program)")
    graph.add_argument("--format", choices=("dot", "svg", "png"), default="dot")
    graph.add_argument("--out", metavar="FILE", help="output file (default: standard output for dot/svg)")
    graph_options(graph)

    docs = sub.add_parser("docs", help="write the static site of the verified notes (or a Markdown export)",
                          description="Write a static site from a run's JSON report: an index per note and "
                          "topic, a page per node, the errata, the annotated notes, the dependency graph "
                          "(Graphviz) and figures (matplotlib). Math is MathML rendered at build time; the "
                          "pages load nothing from the network. With --report FILE the site is built from "
                          "that report (written by 'verify run --json'); without it the graph is checked "
                          "first, as 'verify run' does (the graph options below apply only then).")
    docs.add_argument("--out", default="site", metavar="DIR", help="output folder (default: site)")
    docs.add_argument("--report", metavar="FILE", help="build from this JSON report instead of running the graph")
    docs.add_argument("--notes", metavar="DIR", help="folder of the notes' text files, to annotate them "
                      "(e.g. ../shared/seeds); without it the site says the notes are left out")
    docs.add_argument("--format", choices=("html", "md"), default="html", help="html (default) or md "
                      "(Markdown for course wikis: the same content without the images)")
    docs.add_argument("--serve", action="store_true", help="then preview the site on http://127.0.0.1:PORT")
    docs.add_argument("--port", type=int, default=8000, help="port for --serve (default 8000)")
    docs.add_argument("--quiet", action="store_true", help="no progress bar")
    graph_options(docs)
    return parser


def claim_options(p: argparse.ArgumentParser) -> None:
    """``verify check``'s declarations: hypotheses, sign assumptions, vectors and matrices."""
    p.add_argument("--given", action="append", default=[], metavar="EXPR", help="a hypothesis (repeatable)")
    for kind in ASSUMPTIONS:
        p.add_argument(f"--{kind}", nargs="+", default=[], metavar="SYMBOL", help=f"declare symbols {kind}")
    p.add_argument("--vector", nargs="+", default=[], metavar="NAME:DIM[:unit]",
                   help="declare vectors, e.g. --vector x:3 y:3 (u:3:unit: norm 1)")
    p.add_argument("--matrix", nargs="+", default=[], metavar="NAME:RxC[:STRUCTURE]",
                   help="declare matrices, e.g. --matrix A:3x3:psd B:2x3 (structures: "
                   + ", ".join(MATRIX_KINDS) + ")")


FUZZ_EPILOG = ("Exit codes as for check: 0 tested (no counterexample), 1 refuted (the core confirmed the "
               "counterexample exactly), 2 usage error, 3 error (a malformed claim), 4 unknown, 130 interrupted "
               "without a counterexample. See docs/distributed.md.")

CHECK_EPILOG = (
    f"Constants: {', '.join(CONSTANTS)} (write E for Euler's number; lower-case e is an ordinary symbol). "
    f"{', '.join(NOT_REAL)} are refused: claims are about "
    f"finite real numbers. Functions: {', '.join(sorted(FUNCTIONS))}, Sum(expr, (k, a, b)). Operators: "
    "+ - * / ** (^ is a power), relations == != < <= > >= (chains such as 0 <= x <= 1), and, or, not. "
    "Each symbol is real; declare its sign or integrality with --positive and the like. Vectors and "
    "matrices: --vector x:3, --matrix A:3x3:psd, then norm(x), inner(x, A*x), lambda_min(A) and the "
    "like. A symbol declared but not used, or used but close to a declared name (a typo), draws a "
    "warning on standard error. Exit codes: 0 proved or tested, 1 refuted, 2 usage error, 3 error, "
    "4 unknown, 5 vacuous (the hypotheses contradict each other).")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive finite number, got {text!r}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    args = _parser().parse_args(argv)
    console = Console(stderr=False, highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        if args.command == "run":
            return cmd_run(args, console, err)
        if args.command == "show":
            return cmd_show(args, console, err)
        if args.command == "check":
            return cmd_check(args, console, err)
        if args.command == "fuzz":
            return cmd_fuzz(args, console, err)
        if args.command == "list":
            return cmd_list(args, console, err)
        if args.command == "docs":
            return cmd_docs(args, console, err)
        if args.command == "init":
            return cmd_init(args, console, err)
        return cmd_graph(args, console, err)
    except UsageError as exc:
        err.print(f"[red]usage error:[/] {escape(str(exc))}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.print("[red]interrupted[/]")
        return 130


# --- run --------------------------------------------------------------------------------------

def _execute(args: argparse.Namespace, names: list[str], console: Console, *, show_progress: bool,
             log_lines: bool = False):
    """Load the content, build the graph and run it; returns (loaded, run result, coverage).

    ``show_progress``: a progress bar (on a terminal); ``log_lines``: one line per node as it finishes."""
    from .graph import build
    from .manifest import coverage
    from .runner import UnknownNodes, run, select
    from .console import progress_bar, progress_lines

    loaded: Loaded = load(args.package)
    graph = build(loaded.nodes)
    try:
        total = len(select(graph, names))
    except UnknownNodes as exc:
        hint = "" if not loaded.errors else f" (note: {len(loaded.errors)} module(s) failed to load)"
        raise UsageError(f"{exc}{_did_you_mean(names, list(graph.nodes))}{hint}; "
                         "see the node names with 'verify list'") from None
    cache = Cache(None if args.no_cache else args.cache_dir)
    scheduler = getattr(args, "scheduler", None)
    executor = None
    if scheduler is not None:
        from .cluster_run import on_cluster

        executor = on_cluster(scheduler)
    with progress_bar(console, total, enabled=show_progress) as advance:
        if log_lines and not show_progress:
            advance = progress_lines(console, total)
        try:
            result = run(graph, names=names, workers=args.workers, seconds=args.seconds, seed=args.seed,
                         cache=cache, progress=advance, executor=executor)
        except DaskMissing as exc:
            raise UsageError(str(exc)) from None
        except (OSError, TimeoutError) as exc:
            if scheduler is None:
                raise
            raise UsageError(f"cannot reach the scheduler {scheduler}: {exc}") from None
    cov = None
    if loaded.manifest is not None:
        cov = coverage(loaded.manifest, [(n.name, n.source) for n in graph.nodes.values()])
    return loaded, result, cov


def _did_you_mean(names: Sequence[str], known: list[str]) -> str:
    """``" (did you mean 'gd_pl_rate'?)"`` for the unknown names close to known ones, else ``""``."""
    lower = {k.lower(): k for k in known}  # case-insensitive: 'Pl' finds 'PL'
    hints = []
    for name in names:
        close = [] if name in known else [lower[c] for c in difflib.get_close_matches(name.lower(), list(lower), n=3)]
        if close:
            options = ", ".join(repr(c) for c in close[:-1]) + (" or " if len(close) > 1 else "") + repr(close[-1])
            hints.append(options + (f" for {name!r}" if len(names) > 1 else ""))
    return f" (did you mean {'; '.join(hints)}?)" if hints else ""


def cmd_list(args: argparse.Namespace, console: Console, err: Console) -> int:
    """One plain line per node (name, kind, topic, expected verdict), in the order of loading."""
    loaded: Loaded = load(args.package)
    for problem in loaded.errors:
        err.print(f"[magenta]load error[/] {escape(str(problem))}")
    topics = sorted({n.topic for n in loaded.nodes if n.topic})
    if args.topic is not None and args.topic not in topics:
        raise UsageError(f"no topic {args.topic!r}{_did_you_mean([args.topic], topics)}; "
                         f"the topics are {', '.join(topics) or '-'}")
    rows = [(n.name, n.kind, n.topic or "-", n.expect or "-") for n in loaded.nodes
            if (args.topic is None or n.topic == args.topic) and (args.kind is None or n.kind == args.kind)]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(3)]
    for row in rows:
        line = "  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  expect " + row[3]
        sys.stdout.write(line + "\n")
    return EXIT_OK if not loaded.errors else EXIT_FAIL


def cmd_run(args: argparse.Namespace, console: Console, err: Console) -> int:
    from . import report as rep
    from .console import print_run

    show_progress = not args.quiet and console.is_terminal
    loaded, result, cov = _execute(args, args.names, console, show_progress=show_progress,
                                   log_lines=not args.quiet)
    report = rep.build(result, load_errors=loaded.errors, coverage=cov, version=__version__)
    print_run(console, report, names=args.names, only=args.only)
    code = EXIT_OK if report["summary"]["ok"] else EXIT_FAIL
    if args.json_path:
        try:
            rep.write(report, args.json_path)
            console.print(f"report written to {args.json_path}")
        except OSError as exc:
            err.print(f"[red]error:[/] {escape(str(exc))}")
            code = EXIT_FAIL
    return code


def cmd_show(args: argparse.Namespace, console: Console, err: Console) -> int:
    from .console import print_node

    loaded, result, _ = _execute(args, [args.name], console, show_progress=console.is_terminal)
    for problem in loaded.errors:
        err.print(f"[magenta]load error[/] {escape(str(problem))}")
    node_result = result.results[args.name]
    print_node(console, node_result.node, node_result, result.graph.used_by(args.name))
    from .report import meets

    return EXIT_OK if meets(node_result.final.status, node_result.node.expect) else EXIT_FAIL


def claim_from_args(args: argparse.Namespace, err: Console) -> Claim:
    """The ``Claim`` that ``verify check``'s arguments state (safe parser; warnings on ``err``), or ``UsageError``."""
    from .core.claims import Claim

    # names as Python's parser reads them in the expression (NFKC): --positive µ declares the μ typed there
    declared = {kind: [normalise_name(name) for name in getattr(args, kind)] for kind in ASSUMPTIONS}
    used: set[str] = set()
    bound: set[str] = set()
    bases: set[str] = set()
    try:
        symbols = make_symbols(declared)
        arrays = make_arrays(args.vector, args.matrix)
        clash = sorted(set(arrays) & set(symbols))
        if clash:
            raise ParseError(f"{clash[0]!r} is declared both as a scalar and as a vector or matrix")
        symbols.update(arrays)
        declared["arrays"] = list(arrays)
        show = parse(args.expr, symbols, where="the claim", used=used, bound=bound, power_bases=bases)
        given = [parse(g, symbols, where=f"--given {i + 1} ({g!r})", used=used, bound=bound, power_bases=bases)
                 for i, g in enumerate(args.given)]
    except ParseError as exc:
        raise UsageError(str(exc)) from None
    if "e" in bases:
        raise UsageError("'e' is an ordinary symbol here, so e**x is not the exponential; write E**x or exp(x) "
                         "for Euler's number (or declare the symbol, e.g. --positive e)")
    for warning in declaration_warnings(declared, used - bound):
        err.print(f"[yellow]warning:[/] {escape(warning)}", highlight=False)
    for i, g in enumerate(given):
        if not _is_relation(g):
            raise UsageError(f"--given {i + 1} ({args.given[i]!r}) is not a relation; write e.g. 'mu <= L'")
    if not _is_relation(show):
        raise UsageError(f"the claim {args.expr!r} is not a relation; write e.g. 'x**2 >= 0'")
    try:
        claim = Claim(args.name, given=given, show=show, source="command line")
    except (TypeError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    return claim


def cmd_check(args: argparse.Namespace, console: Console, err: Console) -> int:
    from .checking import check

    claim = claim_from_args(args, err)
    verdict = check(claim, seconds=args.seconds, seed=args.seed)
    from .console import badge

    from .core.kernel import VACUOUS

    vacuous = any(ev.rule == VACUOUS for ev in verdict.evidence)
    head = badge(verdict.status) + (" [yellow](vacuous: the hypotheses contradict each other)[/]" if vacuous else "")
    console.print(f"{head}  {escape(args.expr)}" + (f"   given {escape(', '.join(args.given))}" if args.given else ""))
    console.print(escape(verdict.explain()), highlight=False)
    return EXIT_VACUOUS if vacuous else CHECK_EXIT.get(verdict.status.value, EXIT_ERROR)


def cmd_fuzz(args: argparse.Namespace, console: Console, err: Console) -> int:
    """``verify fuzz TARGET``: a seeded campaign (:mod:`verify.campaign`); exit codes as for ``check``."""
    from .campaign import NotFuzzable
    from .core.problem import ClaimError
    from .fuzz_cli import TargetError, print_campaign, resolve_target, run_campaign

    try:
        claim = resolve_target(args, lambda a: claim_from_args(a, err))
        result = run_campaign(args, claim, console)
    except (TargetError, NotFuzzable, DaskMissing) as exc:
        raise UsageError(str(exc)) from None
    except ClaimError as exc:
        err.print(f"[magenta]error[/] {escape(str(exc))}")
        return EXIT_ERROR
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"cannot reach the scheduler {args.scheduler}: {exc}") from None
    return print_campaign(console, result)


def declaration_warnings(declared: dict[str, list[str]], used: set[str]) -> list[str]:
    """Likely typos: a symbol used but not declared whose name is close to a declared one (an undeclared
    symbol is real, the documented default, and draws no warning otherwise), and a symbol declared but
    unused. ``used`` leaves out the indices of sums (bound, not free)."""
    names = {name for names in declared.values() for name in names}
    out = []
    for name in sorted(used - names):
        close = difflib.get_close_matches(name, sorted(names), n=1)
        if close:
            out.append(f"{name!r} was not declared (taken as real); did you mean {close[0]!r}?")
    for kind, kind_names in declared.items():
        if kind == "arrays":
            kind = "vector/--matrix"
        for name in dict.fromkeys(kind_names):
            if name not in used:
                out.append(f"--{kind} {name}: {name!r} does not appear in the claim")
    return out


def _is_relation(value: object) -> bool:
    from sympy.logic.boolalg import Boolean

    return isinstance(value, Boolean)


def cmd_init(args: argparse.Namespace, console: Console, err: Console) -> int:
    """``verify init NAME``: the skeleton of a lecture's content package (see :mod:`verify.init`)."""
    from .init import InitError, write_skeleton

    try:
        written = write_skeleton(args.name)
    except InitError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        err.print(f"[red]error:[/] cannot write {escape(args.name)}/: {escape(str(exc.strerror or exc))}")
        return EXIT_FAIL
    for path in written:
        console.print(f"wrote {escape(str(path))}")
    console.print(f"check it: verify run --package {escape(args.name)}   (or: pytest --verify-package "
                  f"{escape(args.name)})")
    return EXIT_OK


def cmd_graph(args: argparse.Namespace, console: Console, err: Console) -> int:
    from . import report as rep
    from .pages.graph import GraphvizFailed, GraphvizMissing, render, to_dot
    from .pages.model import site_model

    loaded, result, _ = _execute(args, [], err, show_progress=err.is_terminal)
    for problem in loaded.errors:
        err.print(f"[magenta]load error[/] {escape(str(problem))}")
    dot = to_dot(site_model(rep.build(result, load_errors=loaded.errors)))
    try:
        if args.format == "dot":
            data: bytes | str = dot
        elif args.format == "svg":
            data = render(dot, "svg").decode("utf-8")
        else:
            if not args.out:
                raise UsageError("--format png needs --out FILE")
            data = render(dot, "png")
    except (GraphvizMissing, GraphvizFailed) as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        return EXIT_FAIL
    if not args.out:
        sys.stdout.write(data if isinstance(data, str) else data.decode())
        return EXIT_OK if not loaded.errors else EXIT_FAIL
    try:
        path = Path(args.out)
        path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, encoding="utf-8")
    except OSError as exc:
        err.print(f"[red]error:[/] cannot write {args.out}: {exc.strerror or exc}")
        return EXIT_FAIL
    err.print(f"graph written to {args.out}")
    return EXIT_OK if not loaded.errors else EXIT_FAIL


def cmd_docs(args: argparse.Namespace, console: Console, err: Console) -> int:
    """``verify docs``: the site from ``--report`` or from a fresh run of the graph."""
    from . import pages

    if args.report:
        try:
            report = pages.read_report(args.report)
        except pages.ReportError as exc:
            err.print(f"[red]error:[/] {escape(str(exc))}")
            return EXIT_FAIL
    else:
        report = _fresh_report(args, err)
    try:
        written, seconds = pages.timed_build(report, args.out, notes_dir=args.notes, fmt=args.format)
    except OSError as exc:
        err.print(f"[red]error:[/] cannot write the site to {escape(args.out)}: {escape(str(exc.strerror or exc))}")
        return EXIT_FAIL
    for warning in written.warnings:
        err.print(f"[yellow]warning:[/] {escape(warning)}")
    where = "from " + args.report if args.report else "from this run"
    console.print(f"{len(written.pages)} pages and {len(written.images)} images written to {escape(args.out)} "
                  f"({escape(where)}) in {seconds:.1f} s")
    if args.serve and args.format == "html":
        return _serve(args.out, args.port, console, err)
    return EXIT_OK


def _fresh_report(args: argparse.Namespace, err: Console) -> dict:
    """Check the graph as ``verify run`` does and build its report (progress on standard error)."""
    from . import report as rep

    loaded, result, cov = _execute(args, [], err, show_progress=not args.quiet and err.is_terminal)
    for problem in loaded.errors:
        err.print(f"[magenta]load error[/] {escape(str(problem))}")
    return rep.build(result, load_errors=loaded.errors, coverage=cov, version=__version__)


def _serve(folder: str, port: int, console: Console, err: Console) -> int:
    from .pages import serve

    try:
        server = serve(folder, port)
    except OSError as exc:
        err.print(f"[red]error:[/] cannot serve on 127.0.0.1:{port}: {escape(str(exc.strerror or exc))}")
        return EXIT_FAIL
    console.print(f"serving {escape(folder)} on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
