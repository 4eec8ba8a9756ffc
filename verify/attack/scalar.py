"""The scalar adversary: vectorised sampling, local optimisation, exact re-check.

1. Instances from ``sampling`` plans (several symbol orders, a share tight on each hypothesis).
2. Hypotheses and conclusion evaluated with ``lambdify`` to numpy on whole batches.
3. The most violating (or nearly violating) instances are rebuilt exactly, also snapped to simple
   rationals so needles such as ``x = 0`` are hit exactly, and re-checked with ``verify.core.exact``.
4. A claim with constants far from 1 (``1e-20*x**3``) is also tried exactly at powers of ten up to
   ``1e30``, where sampling does not reach.
5. If none survives, a hypothesis search on exact instances (``target()`` on the violation, then
   shrinking), and scipy's Nelder-Mead maximising the violation from the worst instances.
A float candidate that does not survive the exact re-check is counted and discarded.
"""
from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
import sympy as sp
from scipy.optimize import minimize
from sympy.core.function import AppliedUndef
from sympy.core.relational import Relational

from ..core.deciders.base import Fact, normalise, plain_hypotheses
from ..core.exact import NotReal, holds, in_domain, sides
from ..core.limits import TimeLimitExceeded, time_limit
from .result import AttackResult
from .sampling import FREE, INSIDE, TIGHT, Batch, _lambdify, evaluate, make_plan, rebuild, sample
from .scalar_hypothesis import hypothesis_search
from .shrinking import complexity, simplest

SNAP_LEVELS = (1, 2, 12, 100, 1000, None)  # simplest first: readable counterexamples
TOL = 1e-9
ZERO_SLACK = 1e-13          # |relative violation| below this: double precision cannot decide
ZERO_SLACK_CHECKS = 4       # such points re-checked exactly per plan and round
SHRINK_SECONDS = 0.3        # budget for simplifying a counterexample found
GRID_SHRINK_SECONDS = 1.0   # budget for the seed-independent grid of simple points (verify.attack.shrinking)
CANDIDATE_SECONDS = 0.25    # budget for the exact re-check of one candidate
MIN_CHECKS = 3              # candidates re-checked exactly even when the time is up
VIOLATION = 1e-9            # a relative float violation this large is a clear candidate
HARD_STOP = 2.0             # work this long past the budget is interrupted
INTEGER_GRID_SHARE = 0.3  # of the budget, for the exact grid over integer variables
MAGNITUDE_SHARE = 0.2       # of the budget, for exact powers of ten when the claim has extreme constants
MAGNITUDE_EXPONENT = 30     # 10**-30 ... 10**30
EXTREME_LOW, EXTREME_HIGH = 1e-6, 1e6  # a constant outside these magnitudes calls for that phase
HYPOTHESIS_SHARE = 0.35     # of the time left after sampling, for the hypothesis search (at most 1.5 s)


class ScalarModel:
    """A problem lowered to numpy: its variables, sampling plans, and vectorised relations."""

    def __init__(self, hyps: list, goal: sp.Basic, rng: np.random.Generator, orders: int = 5) -> None:
        """``orders``: how many symbol orders get a sampling plan (the given one, its reverse, then random
        permutations); a light attack, on a claim already proved, samples with two."""
        atoms = set(goal.atoms(AppliedUndef))
        for h in hyps:
            atoms |= h.atoms(AppliedUndef)
        self.atom_names = {sp.Dummy(str(a), real=True): a for a in sorted(atoms, key=str)}
        to_dummy = {a: d for d, a in self.atom_names.items()}
        self.hyps = [h.xreplace(to_dummy) for h in hyps]
        self.goal = goal.xreplace(to_dummy)
        syms: set = set(self.goal.free_symbols)
        for h in self.hyps:
            syms |= h.free_symbols
        self.variables = sorted(syms, key=str)
        self.facts: list[Fact] = []
        self.other_hyps: list[sp.Basic] = []
        for h in self.hyps:
            rels = plain_hypotheses([h])
            if isinstance(h, Relational) or (isinstance(h, sp.And) and len(rels) == len(h.args)):
                for r in rels:
                    try:
                        self.facts.extend(normalise(r))
                    except Exception:
                        self.other_hyps.append(r)
            else:
                self.other_hyps.append(h)
        self.fact_fns = [_lambdify(self.variables, f.expr) for f in self.facts]
        self.other_fns = [_lambdify(self.variables, h) for h in self.other_hyps]
        self.goal_parts = self._goal_parts()
        shuffled = []
        for _ in range(max(orders, 2) - 2):
            perm = list(rng.permutation(len(self.variables)))
            shuffled.append([self.variables[i] for i in perm])
        self.plans = []
        seen = set()
        for order in [list(self.variables), *shuffled, list(reversed(self.variables))]:
            key = tuple(order)
            if key not in seen:
                seen.add(key)
                self.plans.append(make_plan(self.variables, self.facts, order))

    def _goal_parts(self):
        """(kind, lhs_fn, rhs_fn) per conjunct; kind 'bool' for non-relational goals."""
        conj = list(self.goal.args) if isinstance(self.goal, sp.And) else [self.goal]
        parts = []
        for c in conj:
            if isinstance(c, Relational) and c.rel_op != "!=":
                # relative violations are measured against the terms' magnitudes, not the sides',
                # so that round-off at a tight instance does not look like a large violation
                terms = [*sp.Add.make_args(sp.sympify(c.lhs)), *sp.Add.make_args(sp.sympify(c.rhs))]
                scale = _lambdify(self.variables, sp.Add(*[sp.Abs(t) for t in terms]))
                parts.append((c.rel_op, _lambdify(self.variables, c.lhs), _lambdify(self.variables, c.rhs), scale))
            else:
                parts.append(("bool", _lambdify(self.variables, c), None, None))
        return parts

    def columns(self, batch: Batch) -> list[np.ndarray]:
        return [batch.values[v] for v in self.variables]

    def feasible(self, cols: list[np.ndarray], n: int) -> np.ndarray:
        """Instances satisfying every hypothesis up to a relative tolerance (exactness comes later)."""
        ok = np.ones(n, dtype=bool)
        for c in cols:
            ok &= np.isfinite(c)
        for fact, fn in zip(self.facts, self.fact_fns):
            v = evaluate(fn, cols, n)
            tol = TOL * (1 + np.abs(v))
            if fact.kind == "==":
                ok &= np.abs(v) <= 1e-7 * (1 + np.abs(v))
            else:
                ok &= v >= -tol
        for fn in self.other_fns:
            with np.errstate(all="ignore"):
                try:
                    ok &= np.broadcast_to(np.asarray(fn(*cols), dtype=bool), (n,))
                except Exception:
                    ok &= False
        return ok

    def violation(self, cols: list[np.ndarray], n: int) -> tuple[np.ndarray, np.ndarray]:
        """Relative violation of the conclusion (> 0 means violated) and a non-real flag."""
        worst = np.full(n, -np.inf)
        nonreal = np.zeros(n, dtype=bool)
        for kind, lf, rf, sf in self.goal_parts:
            if kind == "scale":
                continue
            if kind == "bool":
                with np.errstate(all="ignore"):
                    try:
                        truth = np.broadcast_to(np.asarray(lf(*cols), dtype=bool), (n,))
                    except Exception:
                        truth = np.ones(n, dtype=bool)
                worst = np.maximum(worst, np.where(truth, -1.0, 1.0))
                continue
            a, b = evaluate(lf, cols, n), evaluate(rf, cols, n)
            nonreal |= np.isnan(a) | np.isnan(b)
            scale = np.abs(evaluate(sf, cols, n)) + 1e-300
            with np.errstate(all="ignore"):
                if kind in ("<=", "<"):
                    v = (a - b) / scale
                elif kind in (">=", ">"):
                    v = (b - a) / scale
                else:
                    v = np.abs(a - b) / scale - 1e-12
                if kind in ("<", ">"):
                    v = np.where(v >= 0, np.maximum(v, 1e-300), v)
            worst = np.maximum(worst, np.where(np.isnan(v), -np.inf, v))
        return worst, nonreal

    def back(self, point: dict) -> dict:
        """Exact point on the model's variables -> the problem's symbols and atoms, by name."""
        return {str(self.atom_names.get(k, k)): v for k, v in point.items()}


def _check_candidate(model: ScalarModel, point: dict) -> tuple[str, Any] | None:
    """('cx', sides) if every hypothesis holds exactly and the goal fails; ('nonreal', msg); else None."""
    if not in_domain(point):
        return None
    for h in model.hyps:
        try:
            if holds(h, point) is not True:
                return None
        except NotReal:
            return None
    try:
        truth = holds(model.goal, point)
    except NotReal as exc:
        return ("nonreal", str(exc))
    if truth is False:
        rel = model.goal
        if isinstance(rel, sp.And):
            rel = next((a for a in rel.args if holds(a, point) is False), rel)
        return ("cx", (sides(rel, point), str(rel)))
    return None


def attack_scalar(hyps: list, goal: sp.Basic, *, seconds: float = 2.0, seed: int = 0,
                  batch_size: int = 4000, optimise: bool = True) -> AttackResult:
    """Hunt a counterexample to ``hyps => goal``; every reported one is exact and re-checked. Work that
    runs ``HARD_STOP`` seconds past the budget (sympy's printer, hypothesis' engine) is interrupted and
    what was found so far is returned."""
    t0 = time.monotonic()
    result = AttackResult(seed=seed, methods=["vectorised sampling", "tight boundary cases"])
    try:
        with time_limit(seconds + HARD_STOP):
            return _attack_scalar(hyps, goal, result, t0, seconds, seed, batch_size, optimise)
    except TimeLimitExceeded:
        if result.counterexample is not None and result.sides is None:
            result.counterexample = None  # interrupted while it was being recorded
        result.notes.append(f"stopped {HARD_STOP:g} s past its budget")
        return _finish(result, t0)


def _attack_scalar(hyps: list, goal: sp.Basic, result: AttackResult, t0: float, seconds: float, seed: int,
                   batch_size: int, optimise: bool) -> AttackResult:
    rng = np.random.default_rng(seed)
    if _is_closed([*hyps, goal]):
        # decided exactly; no float model (lambdify would print a sum of 30000 huge terms, or a number
        # of 5000 digits, and sympy's printer evaluates sums numerically)
        return _attack_closed(ClosedModel(hyps, goal), result, t0)
    model = ScalarModel(hyps, goal, rng, orders=5 if optimise else 2)
    if model.variables and all(v.is_integer for v in model.variables):
        if _integer_grid_phase(model, result, t0 + INTEGER_GRID_SHARE * seconds):
            return _finish(result, t0)
    checked: set = set()
    if _extreme_constants([*hyps, goal]):
        if _magnitude_phase(model, result, checked, time.monotonic() + MAGNITUDE_SHARE * seconds):
            return _finish(result, t0)
    pool: list[tuple[float, int, Batch, int]] = []  # (violation, plan index, batch, row)
    rounds = 0
    while True:
        rounds += 1
        for p_idx, plan in enumerate(model.plans):
            batch = sample(plan, batch_size, rng)
            cols = model.columns(batch)
            ok = model.feasible(cols, batch.n)
            viol, nonreal = model.violation(cols, batch.n)
            result.instances += int(ok.sum())
            if ok.any():
                finite = viol[ok & np.isfinite(viol)]
                if finite.size:
                    slack = float(-finite.max())
                    result.smallest_slack = slack if result.smallest_slack is None else min(result.smallest_slack, slack)
            bad_real = np.flatnonzero(ok & nonreal)[:3]
            for i in bad_real:
                point = rebuild(plan, batch, int(i))
                if point is not None and result.nonreal is None:
                    try:
                        with time_limit(CANDIDATE_SECONDS):
                            found = _check_candidate(model, point)
                    except TimeLimitExceeded:
                        found = None
                    if found and found[0] == "nonreal":
                        result.nonreal = f"at {model.back(point)}: {found[1]}"
                    if found and found[0] == "cx":  # NaN in floats (scipy), a real counterexample exactly
                        point, found = shrink(model, point, found, time.monotonic() + SHRINK_SECONDS)
                        result.counterexample = model.back(point)
                        result.sides, result.violated = found[1]
                        return _finish(result, t0)
            order = np.argsort(-np.where(ok, viol, -np.inf))
            floor = 1e-10 if not optimise else -1e-6  # a light attack only re-checks clear violations
            for i in order[:12]:
                if not ok[i] or viol[i] < floor:
                    break
                pool.append((float(viol[i]), p_idx, batch, int(i)))
            if optimise:
                # float cannot tell the sides apart here (a violation of 1e-25 reads as 0): look exactly
                inconclusive = np.flatnonzero(ok & (np.abs(viol) <= ZERO_SLACK))
                inconclusive = inconclusive[~np.isin(inconclusive, order[:12])]
                for i in rng.permutation(inconclusive)[:ZERO_SLACK_CHECKS]:
                    pool.append((0.0, p_idx, batch, int(i)))
            # a side past the float range (exp(1000), 10**435): floats cannot compare them, exact can
            overflowed = np.flatnonzero(ok & ~nonreal & ~np.isfinite(viol))
            for i in rng.permutation(overflowed)[:ZERO_SLACK_CHECKS]:
                pool.append((0.0, p_idx, batch, int(i)))
        if _try_pool(model, pool, checked, result, limit=40 if optimise else 8, deadline=t0 + seconds):
            return _finish(result, t0)
        pool.clear()
        if time.monotonic() - t0 > seconds * 0.5 or rounds >= (3 if optimise else 1):
            break
    if optimise and seconds - (time.monotonic() - t0) > 0.2:
        if _hypothesis_phase(model, result, seed, min(HYPOTHESIS_SHARE * (seconds - (time.monotonic() - t0)), 1.5)):
            return _finish(result, t0)
    if optimise and time.monotonic() - t0 < seconds:
        result.methods.append("Nelder-Mead on the violation")
        _optimise(model, rng, result, t0 + seconds, checked)
    return _finish(result, t0)


def _extreme_constants(relations: list) -> bool:
    """A number in the claim far from 1 (``1e-20*x**3``, ``10**435``): its crossing may lie past the
    magnitudes sampling draws (``|x| <= 1e9``)."""
    for r in relations:
        if not isinstance(r, sp.Basic):
            continue
        for c in r.atoms(sp.Number):
            if c != 0 and c.is_finite and (abs(c) < EXTREME_LOW or abs(c) > EXTREME_HIGH):
                return True
    return False


def _magnitudes(var: sp.Symbol) -> list[sp.Expr]:
    """Exact powers of ten ``10**k`` (``|k| <= MAGNITUDE_EXPONENT``, nearest 1 first), of each sign the
    symbol allows; integers only for an integer symbol."""
    exponents = sorted(range(-MAGNITUDE_EXPONENT, MAGNITUDE_EXPONENT + 1), key=lambda k: (abs(k), -k))
    out = []
    for k in exponents:
        if var.is_integer and k < 0:
            continue
        v = sp.Integer(10) ** k
        for s in (1, -1):
            if (s > 0 and var.is_nonpositive) or (s < 0 and var.is_nonnegative):
                continue
            out.append(s * v)
    return out


def _magnitude_phase(model: ScalarModel, result: AttackResult, checked: set, deadline: float) -> bool:
    """Each variable in turn at ``+-10**k`` (the others at 1, or at 0 where 1 is outside their sign),
    then all of them together, re-checked exactly; True when one is a counterexample."""
    base = {v: (sp.Integer(-1) if v.is_negative else sp.Integer(1)) for v in model.variables}
    points = [{**base, v: m} for v in model.variables for m in _magnitudes(v)]
    if len(model.variables) > 1:
        points += [{v: m for v in model.variables} for m in _magnitudes(sp.Dummy(real=True))
                   if all(in_domain({v: m}) for v in model.variables)]
    if points:  # those that satisfy the hypotheses in floats first (exact re-checks are the cost)
        cols = [np.array([float(pt[v]) for pt in points]) for v in model.variables]
        ok = model.feasible(cols, len(points))
        points = [pt for pt, good in zip(points, ok) if good] + [pt for pt, good in zip(points, ok) if not good]
    tried = 0
    for point in points:
        if time.monotonic() > deadline:
            break
        key = tuple(sorted((str(k), v) for k, v in point.items()))
        if key in checked:
            continue
        checked.add(key)
        tried += 1
        try:
            with time_limit(CANDIDATE_SECONDS):
                found = _check_candidate(model, point)
        except TimeLimitExceeded:
            continue
        if found and found[0] == "cx":
            point, found = shrink(model, point, found, time.monotonic() + SHRINK_SECONDS)
            result.counterexample = model.back(point)
            result.sides, result.violated = found[1]
            break
    result.methods.append(f"exact powers of ten up to 1e{MAGNITUDE_EXPONENT} ({tried} points)")
    result.instances += tried
    return result.counterexample is not None


class ClosedModel:
    """A relation without variables: its hypotheses and goal, for ``_check_candidate``."""

    def __init__(self, hyps: list, goal: sp.Basic) -> None:
        self.hyps, self.goal, self.variables = list(hyps), goal, []


def _is_closed(relations: list) -> bool:
    """No symbol and no value of an unknown function is left: the truth is a number's sign."""
    return not any(r.free_symbols or r.atoms(AppliedUndef) for r in relations if isinstance(r, sp.Basic))


def _attack_closed(model: ClosedModel, result: AttackResult, t0: float) -> AttackResult:
    """The one instance of a closed relation, evaluated exactly."""
    result.notes.append("no variables: the relation is closed")
    try:
        hyps_hold = all(holds(h, {}) is True for h in model.hyps)
    except NotReal:
        hyps_hold = False
    found = _check_candidate(model, {})
    result.instances = int(hyps_hold)  # counted once its exact evaluation is done
    if found and found[0] == "cx":
        result.counterexample, (result.sides, result.violated) = {}, found[1]
    return _finish(result, t0)


def _integer_grid_phase(model: ScalarModel, result: AttackResult, deadline: float) -> bool:
    """Integer variables only: every point of a grid from their least allowed values up (one variable:
    each of the first 65 values), checked exactly, not in floats (scipy's ``binom`` is NaN at the
    negative arguments where sympy's ``binomial`` is defined); True when one is a counterexample."""
    from types import SimpleNamespace

    from ..core.deciders.crosscheck import grid

    checked = 0
    for point in grid(SimpleNamespace(hyps=model.hyps), list(model.variables)):
        if time.monotonic() > deadline:
            break
        try:
            with time_limit(CANDIDATE_SECONDS):
                found = _check_candidate(model, point)
        except TimeLimitExceeded:
            continue
        checked += 1
        if found and found[0] == "cx":
            point, found = shrink(model, point, found, time.monotonic() + SHRINK_SECONDS)
            result.counterexample = model.back(point)
            result.sides, result.violated = found[1]
            break
    result.methods.append(f"exact integer grid ({checked} points)")
    return result.counterexample is not None


def _hypothesis_phase(model: ScalarModel, result: AttackResult, seed: int, seconds: float) -> bool:
    """hypothesis search on exact instances; True when it found (and shrank) a counterexample."""
    found, tried = hypothesis_search(model, _check_candidate, seconds, seed, close=ZERO_SLACK,
                                     candidate_seconds=CANDIDATE_SECONDS)
    result.methods.append(f"hypothesis search with target() on the violation ({tried} examples)")
    result.instances += tried
    if found is None:
        return False
    point, confirmed = shrink(model, *found, time.monotonic() + SHRINK_SECONDS)
    result.counterexample = model.back(point)
    result.sides, result.violated = confirmed[1]
    return True


def _finish(result: AttackResult, t0: float) -> AttackResult:
    result.seconds = time.monotonic() - t0
    return result


def _try_pool(model: ScalarModel, pool: list, checked: set, result: AttackResult, limit: int = 20,
              deadline: float = float("inf")) -> bool:
    """Rebuild the most violating instances exactly (and snapped) and re-check them: the most violating
    first, and among those about as violating (to three decimals) the ones of moderate magnitudes, whose
    exact re-check is quick (``3e-9 ** 5e8`` is not)."""
    pool.sort(key=lambda t: (-round(t[0], 3), _magnitude(t[2], t[3])))
    for n, (viol, p_idx, batch, i) in enumerate(pool[:limit]):
        clear = viol > VIOLATION
        if time.monotonic() > deadline and n >= MIN_CHECKS:  # a few re-checks even when time is up
            result.unsettled_violations += sum(1 for entry in pool[n:limit] if entry[0] > VIOLATION)
            break
        settled = False
        plan = model.plans[p_idx]
        for level in SNAP_LEVELS:
            point = rebuild(plan, batch, i, level)
            if point is None:
                continue
            key = tuple(sorted((str(k), v) for k, v in point.items()))
            if key in checked:
                # re-checked exactly before: settled, unless that re-check ran out of time
                settled = settled or (level is None and ("timed out", key) not in checked)
                continue
            checked.add(key)
            try:
                # one slow candidate (huge rationals under a fractional power) must not eat the budget
                with time_limit(max(min(deadline - time.monotonic(), CANDIDATE_SECONDS), 0.05)):
                    found = _check_candidate(model, point)
            except TimeLimitExceeded:
                result.timed_out_checks += 1
                checked.add(("timed out", key))
                break
            if found and found[0] == "cx":
                point, found = shrink(model, point, found, max(deadline, time.monotonic()) + SHRINK_SECONDS)
                result.counterexample = model.back(point)
                result.sides, result.violated = found[1]
                return True
            if found and found[0] == "nonreal" and result.nonreal is None:
                result.nonreal = f"at {model.back(point)}: {found[1]}"
            if level is None:
                settled = True
                if viol > 1e-10:
                    result.candidates_rejected += 1
        if clear:
            if settled:
                result.settled_violations += 1
            else:
                result.unsettled_violations += 1
    return False


def _magnitude(batch: Batch, i: int) -> float:
    """How far instance ``i``'s values are from 1 in orders of magnitude, summed over its variables."""
    values = (float(col[i]) for col in batch.values.values())
    return sum(abs(math.log10(abs(v))) for v in values if math.isfinite(v) and v != 0)


def _simpler_values(v: sp.Expr, integer: bool) -> list[sp.Expr]:
    """Values simpler than ``v`` to try in its place: small integers and halves, then powers of ten
    up to ``v``'s magnitude, then ``v`` rounded to an integer (all of ``v``'s sign first)."""
    if not v.is_Rational:
        return []
    sign = 1 if v >= 0 else -1
    small = [0, 1, 2, 3, sp.Rational(1, 2), 5, 10]
    out = [sign * sp.sympify(c) for c in small] + [-sign * sp.sympify(c) for c in small[1:]]
    magnitude = abs(v)
    if magnitude > 10:
        out += [sign * sp.Integer(10) ** j for j in range(2, int(sp.log(magnitude, 10).evalf()) + 1)]
    elif 0 < magnitude < 1:
        out += [sign * sp.Rational(1, 10) ** j for j in range(1, int(-sp.log(magnitude, 10).evalf()) + 2)]
    out.append(sp.Integer(round(v)))
    if integer:
        out = [c for c in out if c.is_Integer]
    seen: list[sp.Expr] = []
    for c in out:
        if c not in seen and c != v:
            seen.append(c)
    return seen


def shrink(model: ScalarModel, point: dict, found: tuple, deadline: float) -> tuple[dict, tuple]:
    """Replace coordinates of an exact counterexample by simpler values while it stays one
    (every hypothesis and the failure re-checked exactly), so users read ``x = -1``, not ``-976982768``.
    The simplest point of a fixed grid comes first (:func:`verify.attack.shrinking.simplest`: the same
    for every seed), then each coordinate is simplified in turn."""
    grid = simplest(model, _check_candidate, time.monotonic() + GRID_SHRINK_SECONDS, candidate_seconds=CANDIDATE_SECONDS)
    if grid is not None:
        point, found = grid
    for _ in range(3):  # a coordinate may only shrink once another has (n after x = -3)
        changed = False
        for var in list(point):
            for candidate in _simpler_values(point[var], bool(getattr(var, "is_integer", False))):
                if complexity(candidate) >= complexity(point[var]):
                    continue  # only ever simpler: 0 is not traded for 1
                if time.monotonic() > deadline:
                    return point, found
                trial = {**point, var: candidate}
                try:
                    with time_limit(max(deadline - time.monotonic(), 0.01)):
                        again = _check_candidate(model, trial)
                except TimeLimitExceeded:
                    return point, found
                if again and again[0] == "cx":
                    point, found, changed = trial, again, True
                    break
        if not changed:
            break
    return point, found


def _optimise(model: ScalarModel, rng: np.random.Generator, result: AttackResult, deadline: float,
              checked: set) -> None:
    """Maximise the violation with a penalty for broken hypotheses, then snap and re-check."""
    plan = model.plans[0]
    batch = sample(plan, 2000, rng)
    cols = model.columns(batch)
    ok = model.feasible(cols, batch.n)
    viol, _ = model.violation(cols, batch.n)
    starts = np.argsort(-np.where(ok, viol, -np.inf))[:4]
    nvar = len(model.variables)

    def objective(x: np.ndarray) -> float:
        cs = [np.array([v]) for v in x]
        v, _ = model.violation(cs, 1)
        pen = 0.0
        for fact, fn in zip(model.facts, model.fact_fns):
            f = evaluate(fn, cs, 1)[0]
            if not np.isfinite(f):
                return 1e6
            pen += abs(f) if fact.kind == "==" else max(0.0, -f)
        for var, val in zip(model.variables, x):
            if (var.is_positive or var.is_nonnegative) and val < 0:
                pen += -val
            if (var.is_negative or var.is_nonpositive) and val > 0:
                pen += val
        vv = v[0] if np.isfinite(v[0]) else -1.0
        return -vv + 100.0 * pen

    for s in starts:
        if time.monotonic() > deadline or not ok[s]:
            break
        x0 = np.array([batch.values[v][s] for v in model.variables])
        try:
            res = minimize(objective, x0, method="Nelder-Mead",
                           options={"maxiter": 200 * nvar, "xatol": 1e-12, "fatol": 1e-15})
        except Exception:
            continue
        x = res.x
        one = Batch({v: np.array([x[j]]) for j, v in enumerate(model.variables)},
                    {v: np.array([FREE], dtype=np.int8) for v in model.variables},
                    {v: np.array([-1], dtype=np.int16) for v in model.variables}, 1)
        _retighten(model, plan, one)
        # its float violation, not a made-up one: a point that does not violate is no unsettled violation
        viol = float(model.violation([np.array([v]) for v in x], 1)[0][0])
        if _try_pool(model, [(viol if np.isfinite(viol) else 0.0, 0, one, 0)], checked, result, deadline=deadline):
            return


def _retighten(model: ScalarModel, plan, batch: Batch) -> None:
    """Mark variables whose bound is (nearly) active as tight, so the exact rebuild sits on it."""
    values = {v: batch.values[v][0] for v in model.variables}
    for vp in plan:
        var = vp.var
        for j, b in enumerate(vp.bounds):
            c, r = (float(a[0]) for a in b.values({s: np.array([values[s]]) for s in b.args}, 1))
            if c == 0 or not np.isfinite(c) or not np.isfinite(r):
                continue
            bound = -r / c
            if abs(values[var] - bound) <= 1e-6 * (1 + abs(bound)) or b.kind == "==":
                batch.mode[var][0] = TIGHT
                batch.bound[var][0] = j
                batch.values[var][0] = bound
                values[var] = bound
                break
        else:
            batch.mode[var][0] = INSIDE if vp.bounds else FREE
