"""Parametric SOS: the PEP step-eta claim of tests/test_parametric_sos.py against the other procedures.

Runs, each alone and with a generous budget: z3 (``decide_z3``), farkas (``decide_farkas``), the constant
SOS search (``verify.certificates.propose`` on the polynomial problem, parameters as variables), then the
parametric search with the core's exact check (``decide_sos``), and the whole ``verify.check``; then the
false twins through ``verify.check`` (attack on). Prints what each said and how long it took.

    python benchmarks/parametric_sos.py            # z3 gets 30 s
    python benchmarks/parametric_sos.py --z3 120
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_parametric_sos import TWINS, pep_step  # noqa: E402

from verify import check  # noqa: E402
from verify.certificates import propose  # noqa: E402
from verify.core.deciders import attempt  # noqa: E402
from verify.core.deciders.farkas import decide_farkas  # noqa: E402
from verify.core.deciders.smt import decide_z3  # noqa: E402
from verify.core.deciders.sos import decide_sos, polynomial_problems  # noqa: E402
from verify.core.problem import prepare  # noqa: E402


def timed(label: str, fn) -> None:
    start = time.monotonic()
    try:
        said = fn()
    except Exception as exc:  # a procedure that does not apply says so by raising
        said = f"{type(exc).__name__}: {exc}"
    print(f"{label:<28} {time.monotonic() - start:7.2f} s  {str(said)[:160]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--z3", type=float, default=30.0, help="seconds for z3 alone")
    args = parser.parse_args()
    claim = pep_step()
    problem = prepare(claim)
    (poly, _), = polynomial_problems(problem)

    def z3():
        ms = int(args.z3 * 1000)
        out, note = attempt("z3", lambda p: decide_z3(p, timeout_ms=ms), problem, 2 * args.z3 + 5)
        return "proved" if out is not None and out.proved else f"{note} (no proof, z3 timeout {ms} ms)"

    def farkas():
        out, note = attempt("farkas", decide_farkas, problem, 30.0)
        return "proved" if out is not None and out.proved else note

    def constant():
        proposal = propose(poly, 60.0)
        return "certificate" if proposal.certificate is not None else proposal.note

    def parametric():
        out = decide_sos(problem, propose, 30.0)
        return f"{out.evidence.rule}: {out.evidence.detail[:100]}"

    print(f"{claim.name}: {claim.show}")
    timed(f"z3 alone ({args.z3:.0f} s)", z3)
    timed("farkas alone", farkas)
    timed("constant SOS search", constant)
    timed("parametric SOS (decide_sos)", parametric)
    timed("verify.check", lambda: check(claim, seconds=30).status.value)
    for name, twin in TWINS.items():
        timed(f"twin {name}", lambda twin=twin: check(twin, seconds=30).status.value)


if __name__ == "__main__":
    main()
