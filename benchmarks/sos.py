"""SOS benchmark over the scalar soundness corpus (tests/corpus_scalar.py) and the SOS test claims.

Checks every corpus claim as ``verify.check`` does (SOS search on), then re-checks the claims the SOS
procedure proved without it (``certifier=None``) to show what they were before. Prints the share of the
true claims SOS now proves that were not proved before, seconds per SOS proof (the whole check, and
the SOS search alone as its evidence records it), and any soundness violation. Then times the claims of
tests/test_sos.py that need a certificate (the search plus the core's exact check alone, and the whole
``check``).

    python benchmarks/sos.py               # the corpus, default budget
    python benchmarks/sos.py --claims      # one line per claim as well
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from corpus_scalar import FALSE_CLAIMS, TRUE_CLAIMS  # noqa: E402
from kernel import percentile, status_of  # noqa: E402

from verify import check  # noqa: E402
from verify.attack import attack  # noqa: E402
from verify.core.checker import check as core_check  # noqa: E402


def sos_evidence(verdict):
    """The ``sos`` evidence of a proved verdict (its first entry), else None."""
    if status_of(verdict) == "proved" and verdict.evidence and verdict.evidence[0].rule == "sos":
        return verdict.evidence[0]
    return None


def search_seconds(evidence) -> float:
    return sum(float(c.get("proposer", {}).get("seconds", 0.0)) for c in evidence.data.get("certificates", []))


def certificate_claims() -> None:
    """The claims of tests/test_sos.py that need a certificate: the search alone, and the whole check."""
    from test_sos import L_, MU, R, cauchy_schwarz_balls, pep_one_step

    from verify.certificates import propose
    from verify.core.deciders.sos import decide_sos
    from verify.core.problem import prepare

    claims = [cauchy_schwarz_balls(), pep_one_step(R(4, 5)),
              pep_one_step(2 * (L_ - MU) / (2 * L_ + MU), L_, MU, 1 / L_)]
    print("  claims out of z3's reach (tests/test_sos.py):")
    for claim in claims:
        t0 = time.perf_counter()
        out = decide_sos(prepare(claim), propose, 60.0)
        search = time.perf_counter() - t0
        t0 = time.perf_counter()
        v = check(claim, seconds=40, seed=0)
        whole = time.perf_counter() - t0
        rule = v.evidence[0].rule if status_of(v) == "proved" else ""
        print(f"    {claim.name}: SOS search + exact check {search:.2f} s ({'proved' if out.proved else 'not proved'}); "
              f"whole check {whole:.2f} s, {status_of(v)} by {rule or '-'}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=None)
    ap.add_argument("--claims", action="store_true")
    args = ap.parse_args(argv)
    rows = []
    t_all = time.perf_counter()
    for label, claims in (("true", TRUE_CLAIMS), ("false", FALSE_CLAIMS)):
        for claim in claims:
            t0 = time.perf_counter()
            v = check(claim, seconds=args.seconds, seed=0)
            dt = time.perf_counter() - t0
            ev = sos_evidence(v)
            rows.append((label, claim, status_of(v), ev, dt))
            if args.claims:
                print(f"  {dt:7.3f}s  {label:5s}  {status_of(v):8s}  {'sos' if ev else '':4s}  {claim.name}", flush=True)
    by_sos = [r for r in rows if r[3] is not None]
    print(f"SOS benchmark: {len(rows)} claims of tests/corpus_scalar.py ({len(TRUE_CLAIMS)} true, "
          f"{len(FALSE_CLAIMS)} false), total {time.perf_counter() - t_all:.1f} s")
    print(f"  proved by the SOS procedure: {len(by_sos)}")
    newly = []
    for label, claim, _, ev, dt in by_sos:
        before = core_check(claim, seconds=args.seconds, seed=0, adversary=attack, certifier=None)
        was = status_of(before)
        newly += [claim.name] if was != "proved" else []
        print(f"    {claim.name}: {dt:.2f} s (search {search_seconds(ev):.2f} s); without SOS: {was}")
    true_proved = sum(1 for r in rows if r[0] == "true" and r[2] == "proved")
    print(f"  true claims SOS proves that were not proved before: {len(newly)}/{len(TRUE_CLAIMS)} = "
          f"{len(newly) / len(TRUE_CLAIMS):.1%}" + (f" ({', '.join(newly)})" if newly else ""))
    print(f"  prove rate with SOS: {true_proved}/{len(TRUE_CLAIMS)} = {true_proved / len(TRUE_CLAIMS):.1%}")
    if by_sos:
        secs = [r[4] for r in by_sos]
        print(f"  seconds per SOS proof (whole check): median {statistics.median(secs):.3f}, "
              f"p95 {percentile(secs, 95):.3f}; search alone: median "
              f"{statistics.median(search_seconds(r[3]) for r in by_sos):.3f}")
    certificate_claims()
    unsound = [r for r in rows if (r[0] == "false" and r[2] == "proved") or (r[0] == "true" and r[2] == "refuted")]
    for r in unsound:
        print(f"  SOUNDNESS VIOLATION: {r[0]} claim {r[1].name} came out {r[2]}")
    if not unsound:
        print("  soundness: no false claim proved, no true claim refuted")
    return 1 if unsound else 0


if __name__ == "__main__":
    raise SystemExit(main())
