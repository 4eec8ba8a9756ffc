"""Terminal output with rich: the run's progress bar, the summary table, and ``verify show``."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .core.kernel import DEFAULT_SECONDS as DEFAULT_NODE_SECONDS
from .core.verdicts import Status, Verdict

COLOURS = {"proved": "green", "tested": "cyan", "refuted": "red", "error": "magenta",
           "blocked": "yellow", "unknown": "white"}
_REL = {"eq": "=", "le": "<=", "lt": "<", "ge": ">=", "gt": ">"}


def badge(status: Status | str) -> str:
    value = status.value if isinstance(status, Status) else status
    return f"[{COLOURS.get(value, 'white')}]{value}[/]"


@contextmanager
def progress_bar(console: Console, total: int, enabled: bool = True) -> Iterator[Any]:
    """Yields a callback ``(name, verdict, cached)`` that advances a bar of ``total`` nodes."""
    if not enabled or total == 0:
        yield lambda name, verdict, cached: None
        return
    bar = Progress(TextColumn("[bold]checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   TextColumn("{task.description}"), console=console, transient=True)
    with bar:
        task = bar.add_task("", total=total)

        def advance(name: str, verdict: Verdict, cached: bool) -> None:
            suffix = " (cached)" if cached else ""
            bar.update(task, advance=1, description=f"{name}: {verdict.status.value}{suffix}")

        yield advance


def progress_lines(console: Console, total: int) -> Callable[[str, Verdict, bool], None]:
    """For a log (standard output not a terminal): a callback that prints one line per node as it
    finishes, ``[  3/205] proved   gd_pl_rate (1.2 s)``, and flushes it at once."""
    done = [0]
    width = len(str(total))

    def line(name: str, verdict: Verdict, cached: bool) -> None:
        done[0] += 1
        how = "cached" if cached else f"{verdict.seconds:.1f} s"
        console.print(f"[{done[0]:>{width}}/{total}] {verdict.status.value:<8} {name} ({how})",
                      highlight=False, markup=False)
        console.file.flush()

    return line


def summary_table(report: dict) -> Table:
    """Per topic: counts of each final verdict (``proved`` without the definitions, which state nothing
    and have a column of their own) and errata found; a total row."""
    table = Table(title="verdicts by topic (defs: definitions, which state nothing to check)", show_lines=False,
                  box=box.SIMPLE_HEAD, collapse_padding=True)
    columns = ["proved", "tested", "refuted", "unknown", "error", "blocked", "definitions", "errata"]
    headers = {"definitions": "defs"}  # definitions: they state nothing to check
    table.add_column("topic", overflow="fold", min_width=12)
    for col in columns:
        table.add_column(headers.get(col, col), justify="right", no_wrap=True, min_width=len(headers.get(col, col)),
                         style=COLOURS.get(col, "dim" if col == "definitions" else "bold red"))
    total = {c: 0 for c in columns}
    for topic, given in report["topics"].items():
        row = {**given, "proved": given.get("proved", 0) - given.get("definitions", 0)}
        table.add_row(topic, *(str(row.get(c, 0)) for c in columns))
        for c in columns:
            total[c] += row.get(c, 0)
    table.add_row("[bold]all[/]", *(f"[bold]{total[c]}[/]" for c in columns))
    return table


def coverage_table(coverage: dict) -> Table:
    table = Table(title="coverage of the notes (labelled claims encoded)")
    table.add_column("notes", overflow="fold")
    table.add_column("covered", justify="right")
    table.add_column("missing (first few)", overflow="fold")
    for f in coverage["files"]:
        missing = [e["label"] for e in f["entries"] if e["asserts"] and not e["covered_by"]]
        shown = ", ".join(missing[:6]) + (f", ... ({len(missing)} in all)" if len(missing) > 6 else "")
        title = f"{f['key']}: {f['title']}" if f.get("title") and f.get("key") else f["file"]
        table.add_row(escape(title), f"{f['covered']}/{f['total']}", escape(shown))
    table.add_row("[bold]all[/]", f"[bold]{coverage['covered']}/{coverage['total']}[/]", "")
    return table


def errata_table(report: dict) -> Group | None:
    """The notes' claims found false: where and why (the whole source), the whole counterexample with
    both sides there, and how the corrected twin fares. Long text wraps; nothing is cut."""
    by_name = {n["name"]: n for n in report["nodes"]}
    rows = [by_name[name] for name in report["summary"]["errata_found"] if name in by_name]
    if not rows:
        return None
    parts: list[Any] = [Text("errata found (claims of the notes as written, refuted)", style="bold")]
    for node in rows:
        cx = node.get("counterexample") or {}
        # an experiment's instance opens with long descriptions; the numbers are what a reader checks
        shown = (", ".join(f"{k} = {v}" for k, v in cx.items() if k not in ("family", "step"))
                 if isinstance(cx, dict) else str(cx))
        twin = by_name.get(node.get("corrected_by") or "")
        fixed = f"{twin['name']} ({badge(twin['status'])})" if twin else escape(node.get("corrected_by") or "-")
        # the name is a line of its own, so it can be pasted into 'verify show'
        parts.append(Text.from_markup(f"[bold]{escape(node['name'])}[/]"))
        parts.append(Text.from_markup(f"  -> {fixed}"))
        if node.get("source"):
            parts.append(Text(f"  why: {node['source']}"))
        if node.get("note"):
            parts.append(Text(f"  note: {node['note']}"))
        if shown:
            parts.append(Text(f"  counterexample: {shown}"))
        sides = node.get("sides")
        if sides:
            parts.append(Text(f"    there: left side = {sides[0]}, right side = {sides[1]}"))
    return Group(*parts)


def tightness_table(report: dict) -> Table | None:
    """Per experiment: how close the bound came to being attained (largest observed/claimed)."""
    rows = []
    for node in report["nodes"]:
        for ev in node.get("evidence", []):
            data = ev.get("data") or {}
            if ev.get("rule") == "experiment" and "worst_ratio" in data:
                rows.append((node, data))
                break
    if not rows:
        return None
    table = Table(title="experiments: largest observed / claimed over the instances tried")
    table.add_column("experiment", no_wrap=True)  # never cut: it is pasted into 'verify show'
    table.add_column("verdict")
    table.add_column("instances", justify="right")
    table.add_column("observed/claimed", justify="right")
    for node, data in rows:
        ratio = data.get("worst_ratio")
        shown = ("bound violated" if node["status"] == "refuted"
                 else "n/a" if ratio is None else f"{ratio:.4g}")
        table.add_row(node["name"], badge(node["status"]), str(data.get("instances", "")), shown)
    return table


#: what ``verify run --only`` accepts: a verdict, or one of these groups
ONLY_GROUPS = ("failing", "errata")
ONLY_CHOICES = (*ONLY_GROUPS, *COLOURS)


def print_run(console: Console, report: dict, *, names: Sequence[str] = (), only: str | None = None) -> None:
    """The end-of-run account: problems first, the named nodes' verdicts, then the tables, the nodes
    short of proved by verdict, and a one-line verdict. ``only`` (a verdict, ``failing`` or ``errata``)
    prints just those nodes, one per line with their whole account."""
    for err in report["load_errors"]:
        console.print(f"[magenta]load error[/] {err['file']} ({err['module']}): {escape(err['message'])}")
    for warning in report["warnings"]:
        console.print(f"[yellow]warning[/] {escape(warning)}")
    by_name = {n["name"]: n for n in report["nodes"]}
    if names:
        console.print("[bold]the nodes asked for[/]")
        for name in names:
            if name in by_name:
                _print_node_line(console, by_name[name])
    if only is not None:
        chosen = select_nodes(report, only)
        console.print(f"[bold]{only}[/]: {len(chosen)} node(s)")
        for node in chosen:
            _print_node_line(console, node)
        _print_last_line(console, report)
        return
    for node in report["nodes"]:
        if not node["meets_expectation"] and node["name"] not in names:
            _print_node_line(console, node)
    if report["nodes"]:
        console.print(summary_table(report))
        for table in (errata_table(report), tightness_table(report)):
            if table is not None:
                console.print(table)
        _print_status_lists(console, report)
    if report.get("coverage"):
        console.print(coverage_table(report["coverage"]))
        for item in report["coverage"].get("unmatched_citations", [])[:10]:
            console.print(f"[yellow]citation not in the manifest[/] {item['node']}: {escape(repr(item['citation']))}",
                          highlight=False)
    s = report["summary"]
    if "assumption_gaps" in s:
        gaps = ", ".join(s["assumption_gaps"]) or "none"
        console.print(f"assumption bases: {s['theorems_with_assumption_gaps']} theorems rest on more than stated "
                      f"hypotheses and cited axioms ({escape(gaps)}); {s['unbacked_proof_uses']} hand-written "
                      f"proof_uses edges no use(...) backs (verify show NAME lists them)", highlight=False)
    note = budget_note(report)
    if note:
        console.print(f"[yellow]budget[/] {escape(note)}", highlight=False)
    _print_last_line(console, report)


def select_nodes(report: dict, only: str) -> list[dict]:
    """The report's nodes that ``verify run --only`` keeps: ``failing`` (short of their expectation),
    ``errata`` (claims of the notes found false) or those of one final verdict."""
    if only not in ONLY_CHOICES:
        raise ValueError(f"--only: expected one of {', '.join(ONLY_CHOICES)}, got {only!r}")
    if only == "failing":
        return [n for n in report["nodes"] if not n["meets_expectation"]]
    if only == "errata":
        return [n for n in report["nodes"] if n["name"] in report["summary"]["errata_found"]]
    return [n for n in report["nodes"] if n["status"] == only]


def _print_node_line(console: Console, node: dict) -> None:
    expect = node.get("expect") or "not refuted/error/blocked"
    unmet = "" if node["meets_expectation"] else f" [red](expected {expect})[/]"
    console.print(f"{badge(node['status'])} {escape(node['name'])}{unmet}: {escape(node['message'])}",
                  highlight=False)


#: the verdicts listed by name after the tables (proved nodes are counted, not listed)
_LISTED = ("tested", "unknown", "error", "blocked", "refuted")


def _print_status_lists(console: Console, report: dict) -> None:
    """Which nodes are tested, unknown, error, blocked or refuted, by name (the table only counts them)."""
    for status in _LISTED:
        names = [n["name"] for n in report["nodes"] if n["status"] == status]
        if names:
            console.print(f"{badge(status)} ({len(names)}): {escape(', '.join(names))}", highlight=False)


#: what the kernel says of a decider it skipped because the node's budget was spent
OUT_OF_TIME = ("no time left",)


def budget_note(report: dict) -> str | None:
    """One sentence when ``--seconds`` was too small for some nodes (their deciders were skipped for
    lack of time), naming them and the budget that would do: the default."""
    seconds = (report.get("settings") or {}).get("seconds")
    if seconds is None:
        return None
    short = [n["name"] for n in report["nodes"]
             if n["status"] not in ("proved", "refuted") and _out_of_time(n)]
    if not short:
        return None
    shown = ", ".join(short[:8]) + (f", ... ({len(short)} in all)" if len(short) > 8 else "")
    return (f"the budget --seconds {seconds:g} is too small for {len(short)} node(s) ({shown}): some of their "
            f"checks were skipped for lack of time; run without --seconds (the default gives each node up to "
            f"{DEFAULT_NODE_SECONDS:g} s) or with --seconds {max(DEFAULT_NODE_SECONDS / 3, 4 * seconds):g}")


def _out_of_time(node: dict) -> bool:
    texts = [node.get("message") or ""] + [e.get("detail", "") for e in node.get("evidence", [])]
    return any(mark in text for text in texts for mark in OUT_OF_TIME)


def _print_last_line(console: Console, report: dict) -> None:
    s = report["summary"]
    state = "[green]all verdicts meet their expectations[/]" if s["ok"] else "[red]FAILED[/]"
    console.print(f"{s['nodes']} nodes ({s['checked']} checked, {s['cached']} cached) in {s['seconds']:.1f} s; "
                  f"errata found: {len(s['errata_found'])}; {state}")


def print_node(console: Console, node: Any, result: Any, used_by: list[str]) -> None:
    """``verify show``: statement, steps with verdicts, counterexample, uses and used-by."""
    own, final = result.own, result.final
    console.print(f"[bold]{node.name}[/] ({node.kind}, topic {node.topic or '-'}) {badge(final.status)}"
                  + (f"  own check: {badge(own.status)}" if own.status != final.status else ""))
    if node.source:
        console.print(f"source: {escape(node.source)}", highlight=False)
    if node.expect:
        console.print(f"expected: {node.expect}")
    if node.corrects:
        console.print(f"erratum; corrected by {node.corrects!r}")
    statement = node.statement
    if statement is None:
        console.print(_no_statement(node.kind))
    elif hasattr(statement, "links") and hasattr(statement, "start"):
        _print_derivation(console, statement, own)
    elif hasattr(statement, "show") and hasattr(statement, "given"):
        for g in statement.given:
            console.print(f"  given  {escape(str(g))}", highlight=False)
        console.print(f"  show   {escape(str(statement.show))}", highlight=False)
    else:
        text = getattr(statement, "statement", "") or getattr(statement, "name", "")
        console.print(f"  {type(statement).__name__}: {escape(str(text))}", highlight=False)
    if final.message:
        console.print(f"message: {escape(final.message)}", highlight=False)
    for ev in final.evidence:
        console.print(f"  [dim]\\[{escape(ev.rule)}][/] {escape(ev.detail)}", highlight=False)
    if final.counterexample is not None:
        cx = ", ".join(f"{k} = {v}" for k, v in final.counterexample.items())
        what = "counterexample to the conclusion" if final.links or own.links else "counterexample"
        console.print(f"[red]{what}[/]: {escape(cx)}", highlight=False)
        if final.sides is not None:
            console.print(f"  there: left side = {escape(str(final.sides[0]))}, right side = {escape(str(final.sides[1]))}", highlight=False)
    console.print(f"uses: {', '.join(node.uses) or '-'}; proof uses: {', '.join(node.proof_uses) or '-'}")
    console.print(f"used by: {', '.join(used_by) or '-'}")
    _print_assumptions(console, getattr(result, "assumptions", []), getattr(result, "unbacked", []))


_ASSUMPTION_LABELS = {"hypothesis": "hypothesis", "axiom": "axiom", "experiment": "experiment (numeric only)",
                      "restated": "[red]restated premise[/]", "unbacked": "[yellow]undischarged[/]"}


def _print_assumptions(console: Console, base: list[dict], unbacked: list[str]) -> None:
    """The assumption base: what the node finally rests on, each entry with its origin and source."""
    console.print(f"assumptions ({len(base)}): what it finally rests on that no node proves")
    for entry in base:
        label = _ASSUMPTION_LABELS.get(entry["kind"], entry["kind"])
        console.print(f"  {label}  {escape(entry['relation'])}   [dim]from {escape(entry['origin'])}"
                      f" ({escape(entry['source'])})[/]", highlight=False)
        if entry.get("through"):
            console.print(f"    [yellow]a hypothesis of {entry['origin']!r}, reached through the hand-written edge "
                          f"{entry['through']!r}: no use(...) discharged it[/]", highlight=False)
        if entry.get("restates"):
            console.print(f"    [red]this premise restates {entry['restates']!r}; cite it with use[/]", highlight=False)
    for dep in unbacked:
        console.print(f"  [yellow]proof_uses {dep!r} is written by hand: no use(...) of it backs the edge[/]",
                      highlight=False)


def _no_statement(kind: str) -> str:
    """What a node without a statement means, by kind (the runner's verdict says the same)."""
    if kind == "definition":
        return "(a definition: states nothing to check)"
    if kind == "axiom":
        return "(an axiom cited without a checkable statement; nothing to check here)"
    return f"(no statement: a {kind} needs one to be checked)"


def _print_derivation(console: Console, derivation: Any, own: Verdict) -> None:
    for g in derivation.given:
        console.print(f"  given  {escape(str(g))}", highlight=False)
    console.print(f"  start  {escape(str(derivation.start))}", highlight=False)
    for i, link in enumerate(derivation.links):
        verdict = own.links[i] if i < len(own.links) else None
        mark = badge(verdict.status) if verdict is not None else "[dim]not checked[/]"
        reason = f"   [dim]by {escape(link.reason)}[/]" if link.reason else ""
        # numbered from 1, as everywhere (messages, Verdict.failed_link, the JSON report)
        flag = "  [red]<- first failing link[/]" if own.failed_link == i + 1 else ""
        console.print(f"  link {i + 1}: {_REL.get(link.op, link.op)} {escape(str(link.rhs))}{reason}   {mark}{flag}",
                      highlight=False)
        if verdict is not None and verdict.counterexample is not None:  # every refuted link's own point
            cx = ", ".join(f"{k} = {v}" for k, v in verdict.counterexample.items())
            console.print(f"         [red]counterexample to this link[/]: {escape(cx)}", highlight=False)
            if verdict.sides is not None:
                console.print(f"         there: left side = {escape(str(verdict.sides[0]))}, "
                              f"right side = {escape(str(verdict.sides[1]))}", highlight=False)


__all__ = ["progress_bar", "summary_table", "coverage_table", "print_run", "print_node", "badge", "COLOURS"]
