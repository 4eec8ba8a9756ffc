"""The kernel against the scalar soundness corpus (tests/corpus_scalar.py).

Pinned soundness, one test item per claim: no false claim is ``proved``, no true claim is ``refuted``,
and every ``refuted`` verdict's counterexample is re-checked here, independently of ``verify``: the
values are exact, respect the symbols' assumptions, every hypothesis holds there and the conclusion
fails, decided by exact sympy substitution (rational arithmetic, or sympy's error-controlled evalf for
transcendental values). Aggregate figures under the default budget: at least 90% of the false claims
are refuted and at least 60% of the true claims are proved.

Every claim is checked once, with ``seed=0``; the verdicts are cached for the whole module, computed
before the items run by ``parallel.run_all`` (the session's cores). A watchdog stops a batch in which a
``check`` runs far past its default budget; the claims are then checked one per item, each under a
watchdog that interrupts it and fails that claim's item, so a kernel that ignores its own time limit
shows up as a named failure instead of a stalled run.
"""
from __future__ import annotations

import _thread
import sys
import threading
import time
from pathlib import Path

import pytest
import sympy as sp
from sympy.core.relational import Relational
from sympy.logic.boolalg import BooleanFalse, BooleanTrue

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_scalar import FALSE_CLAIMS, TRUE_CLAIMS  # noqa: E402

from parallel import Stalled, run_all  # noqa: E402
from verify import check  # noqa: E402

REFUTE_RATE = 0.90
PROVE_RATE = 0.60
DIGITS = 50

#: A ``check`` under the default budget (30 s) that has not returned after this long has ignored its own
#: time limit; the watchdog interrupts it so that one hang cannot stall the whole run.
WATCHDOG_SECONDS = 60.0

_VERDICTS: dict[str, tuple] = {}


class _Hung:
    """Stands in for the verdict of a ``check`` the watchdog had to interrupt."""

    status = "hung"
    evidence: list = []
    counterexample = None

    def __init__(self, name: str) -> None:
        self.name = name

    def explain(self) -> str:
        return (f"{self.name}: check(..., seed=0) did not return within {WATCHDOG_SECONDS:.0f} s under the "
                f"default budget; interrupted by the test's watchdog (a time limit the kernel does not enforce)")


def _verdict(claim):
    """``check(claim, seed=0)``, computed once per claim and cached, under a watchdog."""
    if claim.name not in _VERDICTS:
        lock = threading.Lock()
        state = {"done": False, "fired": False}

        def fire() -> None:
            with lock:
                if not state["done"]:
                    state["fired"] = True
                    _thread.interrupt_main()

        timer = threading.Timer(WATCHDOG_SECONDS, fire)
        timer.daemon = True
        t0 = time.perf_counter()
        try:
            timer.start()
            try:
                verdict = check(claim, seed=0)
            finally:
                with lock:
                    state["done"] = True
                timer.cancel()
            if state["fired"]:  # the interrupt raced with the return: let it arrive here
                time.sleep(1.0)
        except KeyboardInterrupt:
            if not state["fired"]:
                raise
            verdict = _Hung(claim.name)
        _VERDICTS[claim.name] = (verdict, time.perf_counter() - t0)
    return _VERDICTS[claim.name][0]


@pytest.fixture(scope="module", autouse=True)
def _verdicts_in_parallel():
    """Every corpus claim's verdict, computed at once in worker processes (``check`` is deterministic for a
    seed, so each is what the item's own call would give); a stalled batch leaves them to the items."""
    claims = [c for c in [*FALSE_CLAIMS, *TRUE_CLAIMS] if c.name not in _VERDICTS]
    try:
        verdicts = run_all([(check, (c,), {"seed": 0}) for c in claims], watchdog=WATCHDOG_SECONDS,
                           names=[c.name for c in claims])
    except Stalled:
        return
    for c, v in zip(claims, verdicts):
        _VERDICTS[c.name] = (v, v.seconds)


def _assert_returned(verdict) -> None:
    assert _status(verdict) != "hung", verdict.explain()


def _status(verdict) -> str:
    return getattr(verdict.status, "value", verdict.status)


def _explain(verdict) -> str:
    explain = getattr(verdict, "explain", None)
    if callable(explain):
        return explain()
    lines = [f"{verdict.name}: {_status(verdict)}"]
    lines += [f"  [{e.rule}] {e.detail}" for e in verdict.evidence]
    return "\n".join(lines)


# ---- independent exact re-evaluation ---------------------------------------------------------------

class Undecided(Exception):
    """The sign of a closed expression could not be certified."""


def _sign(expr) -> int:
    """Sign of a closed real expression: exact for rationals, else certified 50-digit evalf."""
    expr = sp.sympify(expr)
    if expr.has(sp.Sum):
        expr = expr.doit()
    if expr.is_Rational:
        return int(bool(expr > 0)) - int(bool(expr < 0))
    if expr.free_symbols:
        raise Undecided(f"{expr} still has free symbols {expr.free_symbols}")
    if expr.has(sp.zoo, sp.oo, -sp.oo, sp.nan, sp.I):
        raise Undecided(f"{expr} is not a finite real number")
    try:
        val = sp.N(expr, DIGITS, strict=True)
    except sp.core.evalf.PrecisionExhausted:
        val = None
    if val is not None and val != 0:
        if not val.is_real:
            raise Undecided(f"{expr} evaluates to the non-real {val}")
        return 1 if val > 0 else -1
    if sp.simplify(expr) == 0 or expr.equals(0) is True:
        return 0
    raise Undecided(f"cannot certify the sign of {expr}")


def _holds(rel, point: dict) -> bool:
    """Truth of a relation or boolean combination of relations at an exact point.

    Each side is substituted on its own and only the sign of their difference is decided: building
    the substituted relation would let sympy's relational auto-evaluation decide it, which is wrong at
    some algebraic points ((x**2 - 2)**2 > 0 evaluates to True at x = CRootOf(x**2 - 2, 0)) and can
    take minutes for erf at large arguments.
    """
    if isinstance(rel, (bool, BooleanTrue, BooleanFalse)):
        return bool(rel)
    if isinstance(rel, sp.And):
        return all(_holds(a, point) for a in rel.args)
    if isinstance(rel, sp.Or):
        return any(_holds(a, point) for a in rel.args)
    if isinstance(rel, sp.Not):
        return not _holds(rel.args[0], point)
    if isinstance(rel, sp.Implies):
        return (not _holds(rel.args[0], point)) or _holds(rel.args[1], point)
    assert isinstance(rel, Relational), f"not a relation: {rel!r}"
    lhs = sp.sympify(rel.lhs).xreplace(point)
    rhs = sp.sympify(rel.rhs).xreplace(point)
    s = _sign(lhs - rhs)
    return {"==": s == 0, "!=": s != 0, "<=": s <= 0, "<": s < 0, ">=": s >= 0, ">": s > 0}[rel.rel_op]


def _claim_symbols(claim) -> set:
    syms = set(claim.show.free_symbols)
    for h in claim.given:
        syms |= h.free_symbols
    return syms


def assert_exact_counterexample(claim, verdict) -> None:
    """The verdict's counterexample is exact, in the domain, satisfies every hypothesis and breaks
    the conclusion."""
    cx = verdict.counterexample
    assert isinstance(cx, dict) and cx, f"{claim.name}: refuted without a counterexample\n{_explain(verdict)}"
    point = {}
    for sym in _claim_symbols(claim):
        assert sym.name in cx, f"{claim.name}: counterexample {cx} gives no value for {sym.name}"
        value = cx[sym.name]
        assert isinstance(value, sp.Expr) and value.is_number and not value.free_symbols, \
            f"{claim.name}: {sym.name} = {value!r} is not a closed number"
        assert not value.has(sp.Float), f"{claim.name}: {sym.name} = {value} is a float, not exact"
        if value.is_real is not True:
            assert sp.simplify(sp.im(value)) == 0, f"{claim.name}: {sym.name} = {value} is not real"
        if sym.is_integer:
            assert value.is_integer, f"{claim.name}: integer {sym.name} = {value}"
        if sym.is_positive:
            assert _sign(value) > 0, f"{claim.name}: positive {sym.name} = {value}"
        elif sym.is_nonnegative:
            assert _sign(value) >= 0, f"{claim.name}: nonnegative {sym.name} = {value}"
        point[sym] = value
    for i, h in enumerate(claim.given):
        assert _holds(h, point), f"{claim.name}: hypothesis given[{i}] {h} fails at the counterexample {cx}"
    assert not _holds(claim.show, point), \
        f"{claim.name}: the conclusion {claim.show} holds at the 'counterexample' {cx}"


# ---- pinned soundness, one item per claim ----------------------------------------------------------

@pytest.mark.parametrize("claim", FALSE_CLAIMS, ids=[c.name for c in FALSE_CLAIMS])
def test_false_claim_is_not_proved(claim):
    verdict = _verdict(claim)
    _assert_returned(verdict)
    assert _status(verdict) != "proved", f"UNSOUND: a false claim was proved\n{_explain(verdict)}"
    if _status(verdict) == "refuted":
        assert_exact_counterexample(claim, verdict)


@pytest.mark.parametrize("claim", TRUE_CLAIMS, ids=[c.name for c in TRUE_CLAIMS])
def test_true_claim_is_not_refuted(claim):
    verdict = _verdict(claim)
    _assert_returned(verdict)
    assert _status(verdict) != "refuted", f"UNSOUND: a true claim was refuted\n{_explain(verdict)}"


# ---- aggregate figures ---------------------------------------------------------------------------

def _by_status(claims, wanted: str) -> tuple[list, list]:
    hit, miss = [], []
    for c in claims:
        v = _verdict(c)
        (hit if _status(v) == wanted else miss).append((c, v))
    return hit, miss


def test_corpus_is_large_enough():
    assert len(TRUE_CLAIMS) >= 70 and len(FALSE_CLAIMS) >= 70
    names = [c.name for c in TRUE_CLAIMS + FALSE_CLAIMS]
    assert len(names) == len(set(names)), "claim names must be unique"


def test_refute_rate_on_false_claims():
    hit, miss = _by_status(FALSE_CLAIMS, "refuted")
    rate = len(hit) / len(FALSE_CLAIMS)
    report = "\n".join(_explain(v) for _, v in miss)
    assert rate >= REFUTE_RATE, (f"{len(hit)}/{len(FALSE_CLAIMS)} = {rate:.0%} of the false claims refuted "
                                 f"(need {REFUTE_RATE:.0%}); not refuted:\n{report}")


def test_prove_rate_on_true_claims():
    hit, miss = _by_status(TRUE_CLAIMS, "proved")
    rate = len(hit) / len(TRUE_CLAIMS)
    report = "\n".join(_explain(v) for _, v in miss)
    assert rate >= PROVE_RATE, (f"{len(hit)}/{len(TRUE_CLAIMS)} = {rate:.0%} of the true claims proved "
                                f"(need {PROVE_RATE:.0%}); not proved:\n{report}")


def test_every_refutation_in_the_corpus_has_an_exact_counterexample():
    refuted = [(c, _verdict(c)) for c in TRUE_CLAIMS + FALSE_CLAIMS if _status(_verdict(c)) == "refuted"]
    assert refuted, "no claim of the corpus was refuted"
    failures = []
    for claim, verdict in refuted:
        try:
            assert_exact_counterexample(claim, verdict)
        except (AssertionError, Undecided) as exc:
            failures.append(f"{claim.name}: {exc}")
    assert not failures, "refutations whose counterexample does not survive exact re-evaluation:\n" + \
        "\n".join(failures)


def test_no_corpus_claim_is_an_error():
    """Every corpus claim is well-formed, so ``error`` (malformed input, or a proof and a refutation
    of the same claim) is a kernel bug."""
    errors = [_explain(_verdict(c)) for c in TRUE_CLAIMS + FALSE_CLAIMS if _status(_verdict(c)) == "error"]
    assert not errors, "error verdicts on well-formed claims:\n" + "\n".join(errors)


def test_proved_verdicts_carry_evidence():
    proved = [(c, _verdict(c)) for c in TRUE_CLAIMS if _status(_verdict(c)) == "proved"]
    assert proved
    bare = [c.name for c, v in proved if not v.evidence or not all(e.rule and e.detail for e in v.evidence)]
    assert not bare, f"proved without rule and detail in the evidence: {bare}"


# ---- the re-checker itself must reject bad counterexamples ------------------------------------------

class _FakeVerdict:
    def __init__(self, cx):
        self.counterexample = cx
        self.evidence = []
        self.name = "fake"
        self.status = "refuted"


def test_recheck_accepts_a_real_counterexample_and_rejects_wrong_ones():
    by_name = {c.name: c for c in FALSE_CLAIMS + TRUE_CLAIMS}
    needle = by_name["F_needle_square"]          # x**2 + 1 > 2*x
    assert_exact_counterexample(needle, _FakeVerdict({"x": sp.Integer(1)}))
    t = sp.Symbol("t")
    for root in (sp.sqrt(2), sp.CRootOf(t**2 - 2, 0), sp.CRootOf(t**2 - 2, 1)):   # (x**2 - 2)**2 > 0
        assert_exact_counterexample(by_name["F_needle_irrational"], _FakeVerdict({"x": root}))
    bad_points = [
        (needle, {"x": sp.Integer(2)}),                           # conclusion holds there
        (needle, {"x": sp.Float(1.0)}),                           # not exact
        (needle, {}),                                              # missing value
        (by_name["F_pow2_above_square"], {"n": sp.Rational(5, 2)}),          # integer symbol, fractional value
        (by_name["F_needle_log"], {"a": sp.Integer(-1)}),                    # positive symbol, negative value
        (by_name["F_dropped_y_large"], {"x": sp.Integer(0), "y": sp.Integer(0)}),  # hypothesis x >= 1 fails
        (by_name["T_exp_tangent"], {"x": sp.Integer(1)}),                     # a true claim
        (by_name["T_cosh_sinh"], {"x": sp.Integer(300)}),                     # cancellation at large x
        (by_name["F_needle_irrational"], {"x": sp.Rational(99, 70)}),         # near sqrt(2), not at it
        (by_name["T_irrational_equality_case"], {"x": sp.CRootOf(t**2 - 2, 1)}),  # 0 <= 0 holds there
    ]
    for claim, cx in bad_points:
        with pytest.raises((AssertionError, Undecided)):
            assert_exact_counterexample(claim, _FakeVerdict(cx))
