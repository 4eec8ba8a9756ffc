"""``verify fuzz TARGET``: the command around :func:`verify.campaign.fuzz` (target, cluster, progress, exit code).

TARGET is a node of the content package when it has no relation sign (``<``, ``>``, ``=``), else an
ad-hoc claim in ``verify check``'s syntax, read by the same safe parser. Exit codes as for ``check``:
0 tested, 1 refuted, 2 usage error, 3 error (a malformed claim), 4 unknown, 130 interrupted without a
counterexample.
"""
from __future__ import annotations

import argparse
import re
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

EXIT_INTERRUPTED = 130
FUZZ_EXIT = {"tested": 0, "refuted": 1, "unknown": 4}
_RELATION = re.compile(r"[<>=]")


def resolve_target(args: argparse.Namespace, err: Console) -> Any:
    """The ``Claim`` named or stated by ``args.target`` (``UsageError`` when it is neither)."""
    from .cli import UsageError, _did_you_mean, claim_from_args
    from .core.claims import Claim

    if _RELATION.search(args.target):
        args.expr = args.target
        return claim_from_args(args, err)
    from .loader import load

    loaded = load(args.package)
    nodes = {n.name: n for n in loaded.nodes}
    if args.target not in nodes:
        raise UsageError(f"no node named {args.target!r}{_did_you_mean([args.target], list(nodes))}, and it is not a "
                         "relation (an ad-hoc claim needs <, <=, >, >= or ==); see the node names with 'verify list'")
    statement = nodes[args.target].statement
    if not isinstance(statement, Claim):
        kind = type(statement).__name__ if statement is not None else "statement-less node"
        raise UsageError(f"node {args.target!r} is a {kind}; fuzz takes a Claim (a derivation's links and the "
                         "experiments are checked by 'verify run')")
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


def cmd_fuzz(args: argparse.Namespace, console: Console, err: Console) -> int:
    from .campaign import NotFuzzable, fuzz
    from .cli import EXIT_ERROR, UsageError
    from .console import badge
    from .core.problem import ClaimError
    from .distributed import DaskMissing, cluster

    claim = resolve_target(args, err)
    where = (f"on {args.scheduler}" if args.scheduler else
             f"on a LocalCluster of {args.workers} processes" if args.workers > 1 else "in-process")
    try:
        with cluster(args.scheduler, args.workers) as client:
            with fuzz_progress(console, args.instances, enabled=not args.quiet and console.is_terminal) as update:
                result = fuzz(claim, instances=args.instances, seed=args.seed, shards=args.shards, client=client,
                              where=where, progress=update)
    except DaskMissing as exc:
        raise UsageError(str(exc)) from None
    except NotFuzzable as exc:
        raise UsageError(str(exc)) from None
    except ClaimError as exc:
        err.print(f"[magenta]error[/] {escape(str(exc))}")
        return EXIT_ERROR
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"cannot reach the scheduler {args.scheduler}: {exc}") from None
    console.print(f"{badge(result.status)}  {escape(result.name)}" + (" (interrupted)" if result.interrupted else ""))
    console.print(escape(result.summary()), highlight=False)
    if result.interrupted and result.status != "refuted":
        return EXIT_INTERRUPTED
    return FUZZ_EXIT[result.status]


__all__ = ["cmd_fuzz", "resolve_target", "fuzz_progress"]
