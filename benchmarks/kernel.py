"""Kernel benchmark over the scalar soundness corpus (tests/corpus_scalar.py).

Prints the median and 95th-percentile seconds per claim, the share of claims decided by each decider
(the rule names read from each verdict's evidence), the refute rate on the false claims and the prove
rate on the true ones, and any soundness violation (a false claim proved, a true claim refuted).

    python benchmarks/kernel.py                 # default budget, seed 0
    python benchmarks/kernel.py --seconds 5     # a per-claim budget
    python benchmarks/kernel.py --claims        # one line per claim as well
"""
from __future__ import annotations

import _thread
import argparse
import re
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from corpus_scalar import FALSE_CLAIMS, TRUE_CLAIMS  # noqa: E402

from verify import check  # noqa: E402

_SKIP_RULES = {"refutation", "use", "obligation"}


def status_of(verdict) -> str:
    return getattr(verdict.status, "value", str(verdict.status))


def decider_of(verdict) -> str:
    """The rule that decided a verdict, read from its evidence.

    proved: the first evidence entry (the proof's rule); refuted: the method the ``refutation`` entry
    names in parentheses (e.g. "z3 model" or "numeric attack"), else the last other rule; otherwise
    the status itself in parentheses.
    """
    status = status_of(verdict)
    rules = [e.rule for e in verdict.evidence]
    if status == "proved" and rules:
        return rules[0]
    if status == "refuted":
        others = [r for r in rules if r not in _SKIP_RULES]
        for e in verdict.evidence:
            if e.rule == "refutation":
                # "... fails at the counterexample (z3 model); ..." names the method that found it
                m = re.search(r"counterexample \(([^()]+)\)", e.detail)
                if m:
                    return m.group(1)
                named = [r for r in dict.fromkeys(others) if f"({r})" in e.detail]
                if named:
                    return named[0]
        return others[-1] if others else "refutation"
    return f"({status})"


class Hung:
    """The verdict of a ``check`` the watchdog interrupted (it ignored its own time limit)."""

    status = "hung"
    evidence: list = []


def timed_check(claim, seconds, seed, watchdog: float):
    """``check`` under a watchdog that interrupts it after ``watchdog`` seconds; returns (verdict, seconds)."""
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _thread.interrupt_main()

    timer = threading.Timer(watchdog, fire)
    timer.daemon = True
    t0 = time.perf_counter()
    try:
        timer.start()
        try:
            verdict = check(claim, seconds=seconds, seed=seed)
        finally:
            with lock:
                state["done"] = True
            timer.cancel()
        if state["fired"]:  # the interrupt raced with the return: let it arrive here
            time.sleep(1.0)
    except KeyboardInterrupt:
        if not state["fired"]:
            raise
        verdict = Hung()
    return verdict, time.perf_counter() - t0


def percentile(values: list[float], p: float) -> float:
    """Linear-interpolation percentile, p in [0, 100]."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    pos = (len(xs) - 1) * p / 100
    lo = int(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=None, help="per-claim budget (default: check's own)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--claims", action="store_true", help="print one line per claim")
    ap.add_argument("--watchdog", type=float, default=120.0,
                    help="interrupt a check still running after this many seconds (reported as 'hung')")
    args = ap.parse_args(argv)

    rows = []  # (label, claim name, status, decider, seconds)
    t_all = time.perf_counter()
    for label, claims in (("true", TRUE_CLAIMS), ("false", FALSE_CLAIMS)):
        for claim in claims:
            verdict, dt = timed_check(claim, args.seconds, args.seed, args.watchdog)
            row = (label, claim.name, status_of(verdict), decider_of(verdict), dt)
            rows.append(row)
            if args.claims:
                print(f"  {dt:7.3f}s  {label:5s}  {row[2]:8s}  {row[3]:16s}  {claim.name}", flush=True)
    total = time.perf_counter() - t_all

    secs = [r[4] for r in rows]
    n = len(rows)
    print(f"kernel benchmark: {n} claims ({len(TRUE_CLAIMS)} true, {len(FALSE_CLAIMS)} false), "
          f"seed {args.seed}, budget {args.seconds if args.seconds else 'default'}")
    print(f"  total {total:.1f} s")
    print(f"  seconds per claim: median {statistics.median(secs):.3f}, p95 {percentile(secs, 95):.3f}, "
          f"max {max(secs):.3f}")
    for label in ("true", "false"):
        part = [r[4] for r in rows if r[0] == label]
        print(f"    {label:5s} claims: median {statistics.median(part):.3f}, p95 {percentile(part, 95):.3f}")

    print("  share decided by each decider (all claims):")
    by_decider = Counter(r[3] for r in rows)
    for decider, count in by_decider.most_common():
        by_status = Counter(r[2] for r in rows if r[3] == decider)
        detail = ", ".join(f"{s} {c}" for s, c in by_status.most_common())
        print(f"    {decider:18s} {count:4d}  {count / n:6.1%}   ({detail})")

    refuted = sum(1 for r in rows if r[0] == "false" and r[2] == "refuted")
    proved = sum(1 for r in rows if r[0] == "true" and r[2] == "proved")
    print(f"  refute rate (false claims refuted): {refuted}/{len(FALSE_CLAIMS)} = "
          f"{refuted / len(FALSE_CLAIMS):.1%}")
    print(f"  prove rate (true claims proved):    {proved}/{len(TRUE_CLAIMS)} = {proved / len(TRUE_CLAIMS):.1%}")
    statuses = Counter((r[0], r[2]) for r in rows)
    print("  verdicts: " + ", ".join(f"{lab}/{st} {c}" for (lab, st), c in sorted(statuses.items())))

    unsound = [r for r in rows if (r[0] == "false" and r[2] == "proved") or (r[0] == "true" and r[2] == "refuted")]
    hung = [r[1] for r in rows if r[2] == "hung"]
    if hung:
        print(f"  HUNG (interrupted after {args.watchdog:.0f} s): {', '.join(hung)}")
    if unsound:
        print("  SOUNDNESS VIOLATIONS:")
        for r in unsound:
            print(f"    {r[0]} claim {r[1]} came out {r[2]} (by {r[3]})")
    else:
        print("  soundness: no false claim proved, no true claim refuted")
    return 1 if unsound or hung else 0


if __name__ == "__main__":
    raise SystemExit(main())
