"""Figures for the generated site: build time of the whole site for the whole graph, and the page count.

    python benchmarks/docs.py [--report report.json] [--notes ../shared/seeds] [--repeat 3]

Without ``--report`` the graph is checked first (with the cache in ``.verify-cache``, so a second
call is quick) and that report is used. Each build goes to a fresh temporary folder; the script prints
the wall time and the CPU time of this process and of the figure workers (the machine may be shared,
so wall time alone can mislead), the HTML page count and the images, then the same for the Markdown
export. Target (issue 12): the full HTML site in under 10 seconds on this machine.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from verify import __version__  # noqa: E402
from verify import report as rep  # noqa: E402
from verify.pages import build_site, read_report  # noqa: E402
from verify.pages.math import mathml  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
TARGET_SECONDS = 10.0


def fresh_report() -> dict:
    """The whole graph's report, checked with the default cache."""
    from verify.cache import Cache
    from verify.graph import build
    from verify.loader import load
    from verify.manifest import coverage
    from verify.runner import run

    loaded = load("theorems")
    graph = build(loaded.nodes)
    result = run(graph, cache=Cache(ROOT / ".verify-cache"))
    cov = coverage(loaded.manifest, [(n.name, n.source) for n in graph.nodes.values()])
    return rep.build(result, load_errors=loaded.errors, coverage=cov, version=__version__)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the figure workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(report: dict, notes: Path | None, fmt: str) -> tuple[float, float, object]:
    mathml.cache_clear()  # every build converts its math afresh, as a first build does
    with tempfile.TemporaryDirectory() as out:
        wall, cpu = time.perf_counter(), cpu_seconds()
        written = build_site(report, out, notes_dir=notes, fmt=fmt)
        return time.perf_counter() - wall, cpu_seconds() - cpu, written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", help="a report written by 'verify run --json' (default: run the graph)")
    parser.add_argument("--notes", default=str(SEEDS) if SEEDS.is_dir() else None, help="the notes' folder")
    parser.add_argument("--repeat", type=int, default=3, help="builds per format (default 3)")
    args = parser.parse_args()
    report = read_report(args.report) if args.report else fresh_report()
    notes = Path(args.notes) if args.notes else None
    print(f"report: {len(report['nodes'])} nodes; notes: {notes or 'none'}")
    for fmt in ("html", "md"):
        runs = [timed(report, notes, fmt) for _ in range(args.repeat)]
        walls, cpus = [r[0] for r in runs], [r[1] for r in runs]
        written = runs[-1][2]
        print(f"{fmt}: {len(written.pages)} pages, {len(written.images)} images; "
              f"build wall min {min(walls):.2f} s / median {sorted(walls)[len(walls) // 2]:.2f} s, "
              f"CPU min {min(cpus):.2f} s" + (f"; warnings: {written.warnings}" if written.warnings else ""))
        if fmt == "html":
            print(f"target: the full site in under {TARGET_SECONDS:.0f} s: "
                  f"{'met' if min(walls) < TARGET_SECONDS else 'NOT met'} (fastest of {args.repeat})")


if __name__ == "__main__":
    main()
