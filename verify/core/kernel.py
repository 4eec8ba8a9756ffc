"""``check``: decide a claim or a derivation, never lying about how.

For a claim: validate it (``problem.prepare``), run the registered symbolic deciders in order of
cost under time limits, ask the adversary (a function passed in, ``verify.attack.attack`` in
``verify.check``; the core imports nothing outside itself) for a counterexample, and reconcile:

* a proposed counterexample that the core re-checks exactly (``counterexamples.confirm``) ->
  ``refuted`` (and if a decider also "proved" it, ``error``: that is a kernel bug, reported with both
  pieces of evidence); a proposed point the re-check rejects is reported and never counts;
* a symbolic proof -> ``proved``, met with the verdicts of the lemmas it uses;
* otherwise a numeric pass -> ``tested``; nothing usable -> ``unknown``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable

import sympy as sp

from .claims import Claim, Derivation
from .counterexamples import Rejected, confirm
from .deciders import DECIDERS, NotApplicable, Outcome
from .deciders.cases import integer_bounds
from .limits import TimeLimitExceeded, time_limit
from .problem import ClaimError, Problem, prepare
from .rules import ForAll, Induction, Use
from .verdicts import Evidence, Status, Verdict, weakest

DEFAULT_SECONDS = 30.0
ATTACK_SECONDS = 2.0
ATTACK_SECONDS_PROVED = 0.5

#: sympy raises these for inputs a decider simply does not cover.
_NOT_APPLICABLE = (NotApplicable, sp.PolynomialError, NotImplementedError, sp.polys.polyerrors.CoercionFailed)


@dataclass
class Context:
    """Shared state of one ``check`` call: budget, seed, verdicts of lemmas already checked."""

    deadline: float
    seed: int
    lemmas: dict[int, Verdict] = field(default_factory=dict)
    attack_seconds: float = ATTACK_SECONDS
    #: ``adversary(problem, seconds=, seed=, light=)`` returns a search report (``counterexample``: a
    #: proposed point by name, ``instances``, ``nonreal``, ``unsettled``, ``evidence()``); None: no search
    adversary: Callable[..., Any] | None = None

    def search(self, problem: Problem, seconds: float, light: bool = False) -> Any:
        """The adversary's report on ``problem``, or None when there is no adversary."""
        if self.adversary is None:
            return None
        return self.adversary(problem, seconds=seconds, seed=self.seed, light=light)

    def left(self) -> float:
        return self.deadline - time.monotonic()


def check(claim: Any, *, seconds: float | None = None, seed: int | None = None,
          adversary: Callable[..., Any] | None = None) -> Verdict:
    """Check a ``Claim`` or ``Derivation``; returns a ``Verdict`` (never raises on bad content).

    ``adversary`` proposes counterexamples (see ``Context.adversary``); without one, claims are only
    proved or left ``unknown``."""
    if not isinstance(claim, (Claim, Derivation)):
        raise TypeError(f"check expects a Claim or Derivation, got {type(claim).__name__}")
    if seconds is not None and (not isinstance(seconds, (int, float)) or seconds <= 0):
        raise ValueError(f"check: seconds must be a positive number, got {seconds!r}")
    if seed is not None and not isinstance(seed, int):
        raise TypeError(f"check: seed must be an int, got {type(seed).__name__}")
    ctx = Context(time.monotonic() + (seconds or DEFAULT_SECONDS), seed or 0, adversary=adversary)
    if seconds is not None:
        ctx.attack_seconds = min(ATTACK_SECONDS, seconds / 4)
    return check_in(claim, ctx)


def check_in(claim: Any, ctx: Context) -> Verdict:
    """``check`` within an existing context (used for lemmas, links and induction cases)."""
    from .chains import check_derivation  # derivations are built from claim checks

    t0 = time.monotonic()
    try:
        if isinstance(claim, Derivation):
            verdict = check_derivation(claim, ctx)
        else:
            verdict = check_claim(claim, ctx)
    except RecursionError as exc:
        verdict = Verdict(Status.ERROR, claim.name, message=f"recursion too deep while checking: {exc}")
    verdict.seconds = time.monotonic() - t0
    return verdict


def lemma_verdict(lemma: Any, ctx: Context) -> Verdict:
    """The verdict of a cited lemma, checked once per context."""
    key = id(lemma)
    if key not in ctx.lemmas:
        ctx.lemmas[key] = Verdict(Status.UNKNOWN, lemma.name, message="being checked (cyclic use?)")
        ctx.lemmas[key] = check_in(lemma, ctx)
    return ctx.lemmas[key]


def check_claim(claim: Claim, ctx: Context, *, connected: bool = True, extra: list | None = None,
                attack_claim: bool = True) -> Verdict:
    """Decide one claim: validation, dependencies, deciders (or the cited rule), attack, reconcile."""
    rel = str(claim.show)
    try:
        problem = prepare(claim, connected=connected)
    except ClaimError as exc:
        return Verdict(Status.ERROR, claim.name, message=str(exc), relation=rel)
    if extra:
        problem = problem.with_goal(problem.goal, extra)
    return decide_problem(problem, ctx, by=claim.by, attack_claim=attack_claim, relation=rel,
                          lemmas=[u for u in claim.given if isinstance(u, Use)])


def decide_problem(problem: Problem, ctx: Context, *, by: Any = None, attack_claim: bool = True,
                   relation: str = "", lemmas: list | None = None, auto_induction: bool = True) -> Verdict:
    """The heart of ``check``: symbolic decision plus numeric attack, reconciled.

    ``auto_induction``: when nothing else proves it, try induction on an integer symbol found in an
    exponent or a sum's bound (off inside an induction's own cases)."""
    name = problem.name
    evidence: list[Evidence] = []
    deps: list[tuple[str, Status]] = []
    # lemmas cited in the hypotheses: their own verdicts, and their hypotheses as obligations
    for u in lemmas or []:
        lv = lemma_verdict(u.lemma, ctx)
        deps.append((f"lemma {u.name}", lv.status))
        evidence.append(Evidence("use", f"{u}: lemma verdict {lv.status.value}; its conclusion "
                                        f"{u.conclusion()} is a hypothesis here"))
    for where, obligation in problem.obligations:
        ov = _obligation(problem, where, obligation, ctx)
        deps.append((where, ov.status))
        evidence.append(Evidence("obligation", f"{where}: {obligation} is {ov.status.value}"
                                 + (f" ({ov.message})" if ov.message else "")))
    proof: Outcome | None = None
    tried: list[str] = []
    if isinstance(by, Induction):
        iv = _induction(problem, by, ctx)
        evidence.extend(iv.evidence)
        if iv.status is Status.PROVED:
            proof = Outcome("induction", True, Evidence("induction", f"{by}: base case and step proved"))
        elif iv.status is Status.ERROR:
            return _verdict(Status.ERROR, name, evidence, relation, message=iv.message)
        else:
            tried.append(f"induction ({iv.status.value}: {iv.message})")
    if proof is None:
        proof, tried_more, failure = run_deciders(problem, ctx)
        tried += tried_more
        if failure:
            return _verdict(Status.ERROR, name, evidence, relation, message=failure)
    if proof is None and by is None and auto_induction:
        rule = _induction_variable(problem)
        if rule is not None:
            proof = _automatic_induction(problem, rule, ctx)
            if proof is None:
                tried.append("induction (automatic; base or step not proved)")
    candidate_cx = None
    if proof is not None and not proof.proved:
        candidate_cx = proof.candidate
        proof = None
    # the numeric attack (also on proved claims: a disagreement is a kernel bug)
    found = None
    if candidate_cx is not None:
        found = _recheck(problem, candidate_cx)
        if found is None:
            evidence.append(Evidence("z3", "z3's model did not survive the exact re-check (discarded)"))
    attack_result = None
    rejected = ""
    if found is None and attack_claim:
        budget = min(ATTACK_SECONDS_PROVED if proof else ctx.attack_seconds, max(ctx.left(), 0.2))
        try:
            attack_result = ctx.search(problem, budget, light=proof is not None)
        except Exception as exc:  # the attack must never take the graph down
            evidence.append(Evidence("numeric attack", f"attack failed: {type(exc).__name__}: {exc}"))
        if attack_result is not None:
            evidence.append(attack_result.evidence())
            if attack_result.counterexample is not None:
                try:
                    c = confirm(problem, attack_result.counterexample)
                    found = (c.point, c.sides, c.violated, "numeric attack")
                except Rejected as why:
                    rejected = f"the attack proposed {attack_result.counterexample}, which the core's exact " \
                               f"re-check rejects: {why}"
                    evidence.append(Evidence("refutation", rejected))
            elif attack_result.nonreal:
                # a claim holds where it is defined (docs/claims.md): such a point is not in question
                evidence.append(Evidence("domain", f"not defined (not real) at some points where the hypotheses "
                                                   f"hold, {attack_result.nonreal}: checked where it is defined"))
    if found is not None:
        cx, sd, violated, method = found
        if proof is not None:
            evidence.insert(0, proof.evidence)
            return _verdict(Status.ERROR, name, evidence, relation,
                            message=f"kernel inconsistency: {proof.decider} proved {name} but the "
                                    f"{method} found an exactly re-checked counterexample {cx}",
                            counterexample=cx, sides=sd)
        evidence.append(Evidence("refutation", f"{violated} fails at the counterexample ({method}); "
                                               f"every hypothesis holds there, checked exactly"))
        return _verdict(Status.REFUTED, name, evidence, relation, counterexample=cx, sides=sd)
    unsettled = proof is None and attack_result is not None and attack_result.unsettled
    if proof is not None:
        evidence.insert(0, proof.evidence)
        status = Status.PROVED
    elif attack_result is not None and attack_result.instances > 0 and not unsettled and not rejected:
        status = Status.TESTED
    else:
        status = Status.UNKNOWN
    message = "" if proof else ("no symbolic proof; tried " + "; ".join(tried) if tried else "")
    if unsettled:
        message = (f"the attack saw {attack_result.unsettled_violations} instances that violate the claim in "
                   f"floating point but had no time to re-check any exactly; give it more time (seconds=)"
                   + (f"; {message}" if message else ""))
    if rejected and proof is None:
        message = f"{rejected}; a point the core cannot certify is neither a counterexample nor a pass" \
                  + (f"; {message}" if message else "")
    if status is Status.UNKNOWN and attack_result is not None and attack_result.instances == 0:
        message += "; the attack found no instance satisfying the hypotheses"
    if status is Status.PROVED and attack_result is not None and attack_result.instances == 0 and problem.hyps:
        message = _vacuity_warning(problem, ctx)
    bad = [(w, s) for w, s in deps if s in (Status.REFUTED, Status.ERROR, Status.BLOCKED)]
    if bad:
        where, s = bad[0]
        if ": hypothesis" in where and s is Status.REFUTED:
            why = (f"{where} does not follow from this claim's hypotheses (a point where they hold and it "
                   f"fails was found; see the evidence)")
        else:
            why = f"relies on {where}, which is {s.value}"
        return _verdict(Status.BLOCKED, name, evidence, relation, message=why)
    status = weakest([status] + [s for _, s in deps])
    return _verdict(status, name, evidence, relation, message=message.strip("; "))


def _verdict(status: Status, name: str, evidence: list, relation: str, *, message: str = "",
             counterexample: dict | None = None, sides: Any = None) -> Verdict:
    return Verdict(status, name, evidence=evidence, counterexample=counterexample, sides=sides,
                   message=message, relation=relation)


def _closed_forms(problem: Problem) -> Problem | None:
    """The problem with sums and products replaced by sympy's closed forms, when it finds them."""
    exprs = [problem.goal, *problem.hyps]
    if not any(e.has(sp.Sum, sp.Product) for e in exprs):
        return None
    try:
        with time_limit(2.0):
            goal = problem.goal.doit()
            hyps = [h.doit() for h in problem.hyps]
    except (TimeLimitExceeded, *_NOT_APPLICABLE):
        return None
    if goal == problem.goal and hyps == problem.hyps:
        return None
    return Problem(problem.name, hyps, goal, problem.schemas, problem.uses, problem.obligations)


def run_deciders(problem: Problem, ctx: Context) -> tuple[Outcome | None, list[str], str | None]:
    """Run the registry in order (then again with sums in closed form, if that changes anything);
    the first proof wins, a z3 model is kept as a candidate."""
    out, tried, failure = _run_registry(problem, ctx)
    if (out is None or not out.proved) and failure is None:
        closed = _closed_forms(problem)
        if closed is not None:
            out2, tried2, failure = _run_registry(closed, ctx)
            tried += [f"{t} (sums in closed form)" for t in tried2]
            if out2 is not None and out2.proved:
                out2.evidence.detail = "after sympy's closed forms for the sums: " + out2.evidence.detail
                return out2, tried, failure
    return out, tried, failure


def _run_registry(problem: Problem, ctx: Context) -> tuple[Outcome | None, list[str], str | None]:
    tried: list[str] = []
    candidate: Outcome | None = None
    for dname, decider, limit in DECIDERS:
        left = ctx.left()
        if left <= 0.05:
            tried.append(f"{dname} (no time left)")
            break
        try:
            with time_limit(min(limit, left)):
                out = decider(problem)
        except TimeLimitExceeded:
            tried.append(f"{dname} (timed out after {min(limit, left):.1f} s)")
            continue
        except _NOT_APPLICABLE as exc:
            tried.append(f"{dname} (not applicable: {str(exc)[:80]})")
            continue
        except Exception as exc:
            return None, tried, (f"{problem.name}: decider {dname!r} raised {type(exc).__name__}: {exc}")
        if out is None:
            tried.append(dname)
            continue
        if out.proved:
            return out, tried, None
        candidate = candidate or out
        tried.append(f"{dname} (candidate counterexample)")
    return candidate, tried, None


def _recheck(problem: Problem, point: dict) -> tuple | None:
    """A decider's candidate point -> (counterexample, sides, violated, method) if the core's exact
    re-check confirms it. A problem with hypotheses quantified over an index (schemas) gets no
    counterexample from a decider's point: deciders drop the schemas (the attack grounds them)."""
    if problem.schemas:
        return None
    try:
        c = confirm(problem, {str(k): v for k, v in point.items()})
    except Rejected:
        return None
    return c.point, c.sides, c.violated, "z3 model"


def _obligation(problem: Problem, where: str, obligation: Any, ctx: Context) -> Verdict:
    """A used lemma's hypothesis must follow from this problem's own hypotheses."""
    facts = {u.conclusion() for u in problem.uses}
    own = [h for h in problem.hyps if h not in facts]  # a lemma's conclusion cannot discharge its own hypotheses
    if isinstance(obligation, ForAll):
        if any(_same_schema(obligation, s) for s in problem.schemas):
            return Verdict(Status.PROVED, where, message="matches a hypothesis schema")
        goal = obligation.relation
        extra = [obligation.var >= obligation.start]
    else:
        goal, extra = obligation, []
    if any(goal == h for h in own):
        return Verdict(Status.PROVED, where, message="is a hypothesis")
    sub = Problem(f"{problem.name}: {where}", own + extra, goal, problem.schemas)
    return decide_problem(sub, ctx, relation=str(goal))


def _same_schema(a: ForAll, b: ForAll) -> bool:
    return a.start == b.start and a.relation.xreplace({a.var: b.var}) == b.relation


def _vacuity_warning(problem: Problem, ctx: Context) -> str:
    """A proved claim whose hypotheses no instance satisfied: say whether they contradict each other."""
    from .deciders.smt import decide_z3

    contradiction = None
    try:
        with time_limit(min(2.0, max(ctx.left(), 0.1))):
            contradiction = decide_z3(Problem(f"{problem.name} (hypotheses)", list(problem.hyps), sp.false))
    except (TimeLimitExceeded, *_NOT_APPLICABLE):
        pass
    if contradiction is not None and contradiction.proved:
        return ("warning: the hypotheses contradict each other (z3), so the claim holds vacuously; "
                "check them for a typo")
    if contradiction is not None and contradiction.candidate is not None:
        return ""  # z3 found a point where they all hold (sampling just missed it, e.g. x**2 == 2)
    return ("warning: no sampled instance satisfied the hypotheses; if they cannot all hold, the claim "
            "holds vacuously")


AUTO_INDUCTION_SECONDS = 3.0


def _induction_variable(problem: Problem) -> Induction | None:
    """An integer symbol of the goal that sits in an exponent or a sum's bound, with a start it cannot
    go below (its domain, or a hypothesis ``k >= c``): a candidate for induction."""
    for k in sorted(problem.goal.free_symbols, key=str):
        if not k.is_integer:
            continue
        in_exponent = any(k in p.exp.free_symbols for p in problem.goal.atoms(sp.Pow))
        in_bound = any(k in lim[2].free_symbols for s in problem.goal.atoms(sp.Sum) for lim in s.limits)
        if not (in_exponent or in_bound):
            continue
        start, _ = integer_bounds(problem, k)
        if start is not None:
            return Induction(k, start)
    return None


def _automatic_induction(problem: Problem, rule: Induction, ctx: Context) -> Outcome | None:
    """Try ``rule`` with the symbolic deciders only (no attack inside)."""
    if ctx.left() < 0.5:
        return None
    from .induction_proof import prove_by_induction

    try:
        with time_limit(min(AUTO_INDUCTION_SECONDS, ctx.left() / 2)):
            iv = prove_by_induction(problem, rule, ctx, attack_cases=False)
    except TimeLimitExceeded:
        return None
    if iv.status is not Status.PROVED:
        return None
    detail = "; ".join(e.detail for e in iv.evidence)
    return Outcome("induction", True, Evidence("induction", f"{rule} (tried automatically): {detail}"))


def _induction(problem: Problem, rule: Induction, ctx: Context) -> Verdict:
    from .induction_proof import prove_by_induction

    return prove_by_induction(problem, rule, ctx)


__all__ = ["check", "Context", "check_in", "decide_problem"]
