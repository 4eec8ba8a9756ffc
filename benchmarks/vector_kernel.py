"""Vector/matrix kernel benchmark over tests/corpus_gram.py, tests/corpus_spectral.py and tests/corpus_matrix.py.

Prints, per corpus: the median and 95th-percentile seconds per claim, the share of claims decided by each
procedure (read from each verdict's evidence: "gram" is the Gram frame, "matrix words" the normal form,
"numeric attack" / "z3 model" the refutations), the prove rate on the true claims and the refute rate on the
false ones, and any soundness violation (a false claim proved, a true claim refuted).

    python benchmarks/vector_kernel.py                 # default budget, seed 0
    python benchmarks/vector_kernel.py --claims        # one line per claim as well
"""
from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from kernel import decider_of, percentile, status_of, timed_check  # noqa: E402

CORPORA = ("corpus_gram", "corpus_spectral", "corpus_matrix")


def _lists(module) -> tuple[list, list] | None:
    """The (true, false) claim lists of a corpus module, whatever it calls them."""
    for t, f in (("TRUE", "FALSE"), ("TRUE_CLAIMS", "FALSE_CLAIMS")):
        if hasattr(module, t) and hasattr(module, f):
            return list(getattr(module, t)), list(getattr(module, f))
    return None


def run(name: str, args) -> bool:
    """Benchmark one corpus; True when it is sound."""
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError:
        print(f"{name}: not present, skipped")
        return True
    lists = _lists(module)
    if lists is None:
        print(f"{name}: no TRUE/FALSE lists, skipped")
        return True
    true, false = lists
    rows = []
    t_all = time.perf_counter()
    for label, claims in (("true", true), ("false", false)):
        for claim in claims:
            verdict, dt = timed_check(claim, args.seconds, args.seed, args.watchdog)
            rows.append((label, claim.name, status_of(verdict), decider_of(verdict), dt))
            if args.claims:
                print(f"  {dt:7.3f}s  {label:5s}  {rows[-1][2]:8s}  {rows[-1][3]:16s}  {claim.name}", flush=True)
    total = time.perf_counter() - t_all
    secs = [r[4] for r in rows]
    n = len(rows)
    print(f"{name}: {n} claims ({len(true)} true, {len(false)} false), seed {args.seed}, "
          f"budget {args.seconds if args.seconds else 'default'}; total {total:.1f} s")
    print(f"  seconds per claim: median {statistics.median(secs):.3f}, p95 {percentile(secs, 95):.3f}, "
          f"max {max(secs):.3f}")
    print("  share decided by each procedure:")
    for decider, count in Counter(r[3] for r in rows).most_common():
        detail = ", ".join(f"{s} {c}" for s, c in Counter(r[2] for r in rows if r[3] == decider).most_common())
        print(f"    {decider:18s} {count:4d}  {count / n:6.1%}   ({detail})")
    proved = sum(1 for r in rows if r[0] == "true" and r[2] == "proved")
    refuted = sum(1 for r in rows if r[0] == "false" and r[2] == "refuted")
    print(f"  prove rate (true claims proved):    {proved}/{len(true)} = {proved / max(len(true), 1):.1%}")
    print(f"  refute rate (false claims refuted): {refuted}/{len(false)} = {refuted / max(len(false), 1):.1%}")
    bad = [r for r in rows if (r[0] == "false" and r[2] in ("proved", "error")) or (r[0] == "true" and r[2] == "refuted")]
    for r in bad:
        print(f"  SOUNDNESS: {r[0]} claim {r[1]} came out {r[2]} (by {r[3]})")
    if not bad:
        print("  soundness: no false claim proved, no true claim refuted")
    return not bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=None, help="per-claim budget (default: check's own)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--claims", action="store_true", help="print one line per claim")
    ap.add_argument("--watchdog", type=float, default=120.0, help="interrupt a check after this many seconds")
    args = ap.parse_args(argv)
    sound = [run(name, args) for name in CORPORA]
    return 0 if all(sound) else 1


if __name__ == "__main__":
    raise SystemExit(main())
