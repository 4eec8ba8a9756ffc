"""``verify fuzz TARGET``: the command around :func:`verify.campaign.fuzz` (target, cluster, progress, exit code).

TARGET is a node of the content package when it has no relation sign (``<``, ``>``, ``=``), else an
ad-hoc claim in ``verify check``'s syntax, read by the same safe parser. Exit codes as for ``check``:
0 tested, 1 refuted, 2 usage error, 3 error (a malformed claim), 4 unknown, 130 interrupted without a
counterexample.
"""
from __future__ import annotations

import argparse
import difflib
import re
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

EXIT_INTERRUPTED = 130
FUZZ_EXIT = {"tested": 0, "refuted": 1, "unknown": 4}
_RELATION = re.compile(r"[<>=]")


class TargetError(ValueError):
    """TARGET names no node, or a node whose statement is not a ``Claim``."""


def resolve_target(args: argparse.Namespace, parse_claim: Callable[[argparse.Namespace], Any]) -> Any:
    """The ``Claim`` named or stated by ``args.target`` (a derivation node: its conclusion);
    ``parse_claim(args)`` reads an ad-hoc one (``verify check``'s parser, on ``args.expr``)."""
    from .core.claims import Claim, Derivation

    if _RELATION.search(args.target):
        args.expr = args.target
        return parse_claim(args)
    from .loader import load

    loaded = load(args.package)
    nodes = {n.name: n for n in loaded.nodes}
    if args.target not in nodes:
        close = difflib.get_close_matches(args.target, list(nodes), n=3)
        hint = f" (did you mean {', '.join(map(repr, close))}?)" if close else ""
        raise TargetError(f"no node named {args.target!r}{hint}, and it is not a relation (an ad-hoc claim needs "
                          "<, <=, >, >= or ==); see the node names with 'verify list'")
    statement = nodes[args.target].statement
    if isinstance(statement, Derivation):
        return statement.claim  # its conclusion, start REL end under its hypotheses
    if not isinstance(statement, Claim):
        if nodes[args.target].kind == "experiment" or hasattr(statement, "run"):
            raise TargetError(f"node {args.target!r} is an experiment: it runs an algorithm and checks the claimed "
                              "bound along the run, so it has no hypotheses to sample instances of; check it with "
                              f"'verify run {args.target}' (add --scheduler ADDRESS to run its width sweeps' points "
                              "on a cluster)")
        kind = type(statement).__name__ if statement is not None else "statement-less node"
        raise TargetError(f"node {args.target!r} is a {kind}; fuzz takes a Claim or a Derivation (its conclusion); "
                          f"check it with 'verify run {args.target}'")
    return statement


@contextmanager
def fuzz_progress(console: Console, total: int, enabled: bool) -> Iterator[Callable[[int, int], None]]:
    """Yields ``update(done, total)``: a bar of instances drawn, with the rate."""
    if not enabled:
        yield lambda done, total: None
        return
    bar = Progress(TextColumn("[bold]fuzzing"), BarColumn(),
                   TextColumn("{task.completed:,.0f}/{task.total:,.0f} instances"),
                   TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), console=console, transient=True)
    with bar:
        task = bar.add_task("", total=total, rate="")

        def update(done: int, total: int) -> None:
            elapsed = bar.tasks[0].elapsed or 0.0
            rate = f"{done / elapsed:,.0f}/s" if elapsed > 0 else ""
            bar.update(task, completed=done, rate=rate)

        yield update


def run_campaign(args: argparse.Namespace, claim: Any, console: Console) -> Any:
    """The campaign that ``args`` asks for (in-process, a LocalCluster, or ``--scheduler``), with its bar."""
    from .campaign import fuzz
    from .distributed import cluster

    where = (f"on {args.scheduler}" if args.scheduler else
             f"on a LocalCluster of {args.workers} processes" if args.workers > 1 else "in-process")
    with cluster(args.scheduler, args.workers) as client:
        with fuzz_progress(console, args.instances, enabled=not args.quiet and console.is_terminal) as update:
            return fuzz(claim, instances=args.instances, seed=args.seed, shards=args.shards, client=client,
                        where=where, progress=update)


def print_campaign(console: Console, result: Any) -> int:
    """The verdict line and the campaign's figures; returns the exit code."""
    from .console import badge

    console.print(f"{badge(result.status)}  {escape(result.name)}" + (" (interrupted)" if result.interrupted else ""))
    console.print(escape(result.summary()), highlight=False)
    if result.interrupted and result.status != "refuted":
        return EXIT_INTERRUPTED
    return FUZZ_EXIT[result.status]


__all__ = ["resolve_target", "run_campaign", "print_campaign", "fuzz_progress", "TargetError"]
