"""Terminal output with rich: the run's progress bar, the summary table, and ``verify show``."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

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


def summary_table(report: dict) -> Table:
    """Per topic: counts of each final verdict and errata found; a total row."""
    table = Table(title="verdicts by topic", show_lines=False)
    table.add_column("topic")
    columns = ["proved", "tested", "refuted", "unknown", "error", "blocked", "errata"]
    for col in columns:
        table.add_column(col, justify="right", style=COLOURS.get(col, "bold red"))
    total = {c: 0 for c in columns}
    for topic, row in report["topics"].items():
        table.add_row(topic, *(str(row.get(c, 0)) for c in columns))
        for c in columns:
            total[c] += row.get(c, 0)
    table.add_row("[bold]all[/]", *(f"[bold]{total[c]}[/]" for c in columns))
    return table


def coverage_table(coverage: dict) -> Table:
    table = Table(title="coverage of the notes (labelled claims encoded)")
    table.add_column("file")
    table.add_column("covered", justify="right")
    table.add_column("missing (first few)")
    for f in coverage["files"]:
        missing = [e["label"] for e in f["entries"] if e["asserts"] and not e["covered_by"]]
        shown = ", ".join(missing[:6]) + (f", ... ({len(missing)} in all)" if len(missing) > 6 else "")
        table.add_row(f["file"], f"{f['covered']}/{f['total']}", shown)
    table.add_row("[bold]all[/]", f"[bold]{coverage['covered']}/{coverage['total']}[/]", "")
    return table


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def errata_table(report: dict) -> Table | None:
    """The notes' claims found false: where, at what counterexample, and how the corrected twin fares."""
    by_name = {n["name"]: n for n in report["nodes"]}
    rows = [by_name[name] for name in report["summary"]["errata_found"] if name in by_name]
    if not rows:
        return None
    table = Table(title="errata found (claims of the notes as written, refuted)")
    # names are never wrapped or cut, so they can be pasted into 'verify show'; the source and the
    # counterexample take what width is left
    table.add_column("erratum, corrected by", no_wrap=True)
    table.add_column("source", overflow="fold")
    table.add_column("counterexample", overflow="fold")
    for node in rows:
        cx = node.get("counterexample") or {}
        # an experiment's instance opens with long descriptions; the numbers are what a reader checks
        shown = (", ".join(f"{k} = {v}" for k, v in cx.items() if k not in ("family", "step"))
                 if isinstance(cx, dict) else str(cx))
        twin = by_name.get(node.get("corrected_by") or "")
        fixed = f"{twin['name']} ({badge(twin['status'])})" if twin else escape(node.get("corrected_by") or "-")
        table.add_row(f"{escape(node['name'])}\n-> {fixed}", escape(_short(node.get("source", ""), 60)),
                      escape(_short(shown, 70)))
    return table


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


def print_run(console: Console, report: dict) -> None:
    """The end-of-run account: problems first, then the tables and a one-line verdict."""
    for err in report["load_errors"]:
        console.print(f"[magenta]load error[/] {err['file']} ({err['module']}): {escape(err['message'])}")
    for warning in report["warnings"]:
        console.print(f"[yellow]warning[/] {escape(warning)}")
    for node in report["nodes"]:
        if not node["meets_expectation"]:
            expect = node["expect"] or "not refuted/error/blocked"
            console.print(f"{badge(node['status'])} {node['name']} (expected {expect}): {escape(node['message'])}",
                          highlight=False)
    if report["nodes"]:
        console.print(summary_table(report))
        for table in (errata_table(report), tightness_table(report)):
            if table is not None:
                console.print(table)
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
        console.print(f"[red]counterexample[/]: {escape(cx)}", highlight=False)
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
        flag = "  [red]<- first failing link[/]" if own.failed_link == i else ""
        # numbered from 1 as in the kernel's messages ("link 2"); the JSON's failed_link counts from 0
        console.print(f"  link {i + 1}: {_REL.get(link.op, link.op)} {escape(str(link.rhs))}{reason}   {mark}{flag}",
                      highlight=False)
        if verdict is not None and verdict.counterexample is not None and own.failed_link == i:
            cx = ", ".join(f"{k} = {v}" for k, v in verdict.counterexample.items())
            console.print(f"         [red]counterexample[/]: {escape(cx)}", highlight=False)


__all__ = ["progress_bar", "summary_table", "coverage_table", "print_run", "print_node", "badge", "COLOURS"]
