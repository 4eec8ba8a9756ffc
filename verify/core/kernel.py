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

import contextvars
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import sympy as sp

from . import continuous_proof
from .claims import Claim, Derivation
from .continuous import CONTINUOUS_RULES, During, Throughout
from .counterexamples import Rejected, confirm
from .deciders import DECIDERS, NOT_APPLICABLE, Outcome, attempt, register
from .deciders.crosscheck import cross_check, describe
from .deciders.gram import decide_gram
from .deciders.smt import CITED_FACTS, decide_z3
from .deciders.sos import decide_sos
from .induction_proof import prove_by_induction
from .limits import TimeLimitExceeded, time_limit
from .problem import ClaimError, Problem, integer_bounds, lemma_facts, prepare
from .rules import ForAll, Induction, Use, is_use_schema
from .verdicts import Evidence, Status, Verdict, weakest

DEFAULT_SECONDS = 30.0
ATTACK_SECONDS = 2.0
ATTACK_SECONDS_PROVED = 0.5
SIMPLIFY_SECONDS = 1.5

# vector/matrix claims through their inner products and matrix-word normal forms, before the entrywise one
register("gram", decide_gram, 8.0, before="entries")




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
    #: ``checker(claim, ctx)`` checks a cited lemma (a Claim or a Derivation) in this context; set by
    #: ``core.checker.check``, which knows derivations (so the kernel need not import the chain code)
    checker: Callable[[Any, "Context"], Verdict] | None = None
    #: ``simplifier(problem, point, seconds=)`` proposes a simpler counterexample than ``point`` (or None);
    #: the core keeps it only when its own exact re-check confirms it
    simplifier: Callable[..., Any] | None = None
    #: ``certifier(polynomial_problem, seconds)`` proposes a sum-of-squares certificate (a
    #: ``certificates.Proposal``) when the registry leaves a polynomial inequality open; the core checks
    #: it exactly (``deciders.sos``). None: no search
    certifier: Callable[..., Any] | None = None

    def search(self, problem: Problem, seconds: float, light: bool = False) -> Any:
        """The adversary's report on ``problem``, or None when there is no adversary."""
        if self.adversary is None:
            return None
        return self.adversary(problem, seconds=seconds, seed=self.seed, light=light)

    def left(self) -> float:
        return self.deadline - time.monotonic()


def rests_on(claim: Any, verdict: Verdict | None = None) -> Evidence:
    """What a check rested on: the stated hypotheses (not the conclusions of lemmas used), the lemmas
    cited with ``use`` (in the hypotheses, under ``forall``, in ``by=`` or in a derivation's links), the
    axiom behind a continuous-time rule, and the facts a decider of a proof instantiated with their sources
    (``cited_facts`` of its evidence, in ``verdict`` and its links: matrix facts, z3's facts about ``exp``)."""
    stated = [_stated(h.stated() if isinstance(h, During) else h) for h in claim.given
              if not isinstance(h, Use) and not is_use_schema(h)]
    lemmas = list(claim.uses)
    facts = cited_facts(verdict) if verdict is not None and verdict.status is Status.PROVED else []
    detail = ("stated hypotheses: " + ("; ".join(stated) if stated else "none")
              + "; lemmas used: " + (", ".join(lemmas) if lemmas else "none"))
    axioms = []
    by = getattr(claim, "by", None)
    if isinstance(by, CONTINUOUS_RULES):  # the cited theorem behind a continuous-time rule
        axioms.append(by.axiom.to_json())
        detail += f"; cited axiom: {by.axiom.name} ({by.axiom.source})"
    if facts:
        detail += "; cited facts: " + "; ".join(f"{f['relation']} [{f['source']}]" for f in facts)
    axioms += [{"name": f["name"], "statement": f["relation"], "source": f["source"],
                **({"fact": f["fact"]} if "fact" in f else {})} for f in facts]
    return Evidence(RESTS_ON, detail, {"hypotheses": stated, "lemmas": lemmas, CITED_FACTS: facts, "axioms": axioms})


def cited_facts(verdict: Verdict) -> list[dict]:
    """The facts the deciders of ``verdict`` and of its links rested on, each once: ``{"name", "relation",
    "source"}``, and ``fact`` (the registry's name) for a matrix fact."""
    out: list[dict] = []
    todo = [verdict]
    while todo:
        v = todo.pop(0)
        todo.extend(v.links)
        for ev in v.evidence:
            for fact in (ev.data if isinstance(ev.data, dict) else {}).get(CITED_FACTS, []):
                entry = _fact_entry(fact) if isinstance(fact, dict) else None
                if entry is not None and entry not in out:
                    out.append(entry)
    return out


def _fact_entry(fact: dict) -> dict:
    """One cited fact in one shape: a matrix fact of the registry (``fact``, ``statement``, ``source``) or a
    fact a decider added (``relation``, ``source``)."""
    if "fact" in fact:
        return {"name": f"matrix fact {fact['fact']}", "fact": str(fact["fact"]),
                "relation": str(fact.get("statement")), "source": str(fact.get("source"))}
    return {"name": str(fact.get("name", "a decider's fact")), "relation": str(fact.get("relation")),
            "source": str(fact.get("source"))}


def _stated(h: Any) -> str:
    """A hypothesis as shown; one sympy (or Python) already evaluated to True is named as dropped."""
    if h is True or h is sp.true:
        return ("True (already True when it was built, so dropped: a relation sympy folded, perhaps by "
                "rounding a float; build it with evaluate=False to keep it)")
    return str(h)


#: evidence rule of the kernel's account of what a check rested on (read by the graph)
RESTS_ON = "rests on"


#: Set by the graph's runner to the ids of the statements of the nodes a node depends on: those lemmas are
#: checked once as nodes, and the graph meets the node's verdict with their final verdicts, so the kernel
#: does not check them again. Any other lemma (one that is not the very object of a dependency) is checked.
LEMMAS_FROM_GRAPH: contextvars.ContextVar[frozenset] = contextvars.ContextVar("lemmas_from_graph",
                                                                             default=frozenset())


def lemma_verdict(lemma: Any, ctx: Context) -> Verdict:
    """The verdict of a cited lemma, checked once per context (or left to the graph's meet)."""
    if id(lemma) in LEMMAS_FROM_GRAPH.get():
        return Verdict(Status.PROVED, lemma.name, message="checked as a node of the graph; its final verdict "
                                                          "is met with this one there")
    key = id(lemma)
    if key not in ctx.lemmas:
        ctx.lemmas[key] = Verdict(Status.UNKNOWN, lemma.name, message="being checked (cyclic use?)")
        if ctx.checker is None:
            ctx.lemmas[key] = Verdict(Status.UNKNOWN, lemma.name, message="no checker for lemmas in this context")
        else:
            ctx.lemmas[key] = ctx.checker(lemma, ctx)
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
                          lemmas=problem.uses)


def decide_problem(problem: Problem, ctx: Context, *, by: Any = None, attack_claim: bool = True,
                   relation: str = "", lemmas: list | None = None, auto_induction: bool = True,
                   attack_proved: bool = True) -> Verdict:
    """The heart of ``check``: symbolic decision plus numeric attack, reconciled.

    ``attack_proved=False`` skips the light attack on a proved problem (a used lemma's obligation: the
    claim that uses the lemma is attacked as a whole, so attacking each proved obligation repeats it).

    ``auto_induction``: when nothing else proves it, try induction on an integer symbol found in an
    exponent or a sum's bound (off inside an induction's own cases)."""
    name = problem.name
    evidence: list[Evidence] = []
    deps: list[tuple[str, Status]] = []
    if problem.intervals:  # the interval hypotheses at the points the claim speaks of (consequences)
        problem = problem.with_goal(problem.goal, continuous_proof.interval_instances(
            problem.stated_intervals(), [problem.goal, *problem.hyps]))
    # lemmas cited in the hypotheses: their own verdicts, and their hypotheses as obligations
    for u in lemmas or []:
        lv = lemma_verdict(u.lemma, ctx)
        deps.append((f"lemma {u.name}", lv.status))
        evidence.append(Evidence("use", f"{u}: lemma verdict {lv.status.value}"
                                 + (" (left to the graph's meet)" if id(u.lemma) in LEMMAS_FROM_GRAPH.get() else "")
                                 + f"; its conclusion {u.conclusion()} is a hypothesis here"))
    used_facts = lemma_facts(problem) if problem.obligations else set()
    for where, obligation in problem.obligations:
        ov = _obligation(problem, where, obligation, ctx, used_facts)
        deps.append((where, ov.status))
        evidence.append(Evidence("obligation", _obligation_text(where, obligation, ov)))
    if problem.use_intervals:  # lemmas used inside during: their conclusions, now that their hypotheses are due
        problem = problem.with_goal(problem.goal, continuous_proof.interval_instances(
            problem.use_intervals, [problem.goal, *problem.hyps]))
    proof: Outcome | None = None
    tried: list[str] = []
    failure: str | None = None  # what deciders that raised said
    rule_evidence: list[Evidence] = []
    if isinstance(by, CONTINUOUS_RULES):
        try:
            fact, rule_evidence, why = continuous_proof.prove(problem, by, ctx, decide_problem)
        except (TimeLimitExceeded, *NOT_APPLICABLE, ValueError, TypeError) as exc:  # the rule does not apply
            fact, rule_evidence, why = None, [], f"{by}: {type(exc).__name__}: {exc}"
        evidence.extend(rule_evidence[1:] if fact is not None else rule_evidence)
        if fact is None:
            tried.append(why)
        else:
            problem = problem.with_goal(problem.goal, [fact] + continuous_proof.interval_instances(problem.intervals,
                                                                                                   [fact]))
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
        if failure:  # the other deciders and the attack still ran; without a proof or refutation: unknown
            evidence.append(Evidence("decider error", failure))
    if proof is None and by is None and auto_induction:
        rule = _induction_variable(problem)
        if rule is not None:
            proof = _automatic_induction(problem, rule, ctx)
            if proof is None:
                tried.append("induction (automatic; base or step not proved)")
    candidate_cx, proposer = None, ""
    if proof is not None and not proof.proved:
        candidate_cx, proposer = proof.candidate, proof.decider
        proof = None
    # the numeric attack (also on proved claims: a disagreement is a kernel bug)
    found = None
    relaxed = False  # the point satisfies hypotheses on an interval only where the claim names them
    if candidate_cx is not None:
        found = _recheck(problem, candidate_cx, proposer)
        relaxed = found is not None and bool(problem.intervals)  # a decider proposes no functions
        if found is None:
            evidence.append(Evidence(proposer, f"{_candidate_name(proposer)} did not survive the exact re-check "
                                               "(discarded)"))
    attack_result = None
    rejected = ""
    if found is None and attack_claim and (proof is None or attack_proved):
        budget = min(ATTACK_SECONDS_PROVED if proof else ctx.attack_seconds, max(ctx.left(), 0.2))
        try:
            attack_result = ctx.search(problem, budget, light=proof is not None)
        except Exception as exc:  # the attack must never take the graph down
            evidence.append(Evidence("numeric attack", f"attack failed: {type(exc).__name__}: {exc}"))
        if attack_result is not None:
            evidence.append(attack_result.evidence())
            if attack_result.counterexample is not None:
                try:
                    c = confirm(problem, attack_result.counterexample, tail_prover(ctx))
                    found, relaxed = (c.point, c.sides, c.violated, "numeric attack"), c.relaxed
                    if c.extension:
                        evidence.append(Evidence("extension", c.extension))
                except Rejected as why:
                    rejected = f"the attack proposed {attack_result.counterexample}, which the core's exact " \
                               f"re-check rejects: {why}"
                    evidence.append(Evidence("refutation", rejected))
            elif attack_result.nonreal:
                # a claim holds where it is defined (docs/claims.md): such a point is not in question
                evidence.append(Evidence("domain", f"not defined (not real) at some points where the hypotheses "
                                                   f"hold, {attack_result.nonreal}: checked where it is defined"))
    if found is not None and relaxed and proof is not None:
        found = None  # no counterexample: the proof stands
    if found is not None and relaxed:
        cx, sd, violated, method = found
        evidence.append(Evidence("relaxed counterexample", f"{violated} fails at {cx} ({method}) where the hypotheses "
                                 f"hold at the points the claim names; no functions through these values were "
                                 f"certified to satisfy the hypotheses on the whole interval, so this is not a "
                                 f"counterexample"))
        message = "no symbolic proof; " + "; ".join(tried) if tried else "no symbolic proof"
        bad = [(w, s) for w, s in deps if s in (Status.REFUTED, Status.ERROR, Status.BLOCKED)]
        if bad:  # a dependency that fails blocks it (never a refutation without a counterexample)
            return _verdict(Status.BLOCKED, name, evidence, relation, message=f"relies on {bad[0][0]}, which is "
                                                                              f"{bad[0][1].value}")
        return _verdict(Status.UNKNOWN, name, evidence, relation,
                        message=message + f"; the goal fails at {cx} where the hypotheses hold at the points it names")
    if found is not None and proof is None:
        found = _simplified(problem, found, ctx)
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
        if rule_evidence and isinstance(by, CONTINUOUS_RULES):
            evidence.insert(0, rule_evidence[0])
        status = Status.PROVED
    elif attack_result is not None and attack_result.instances > 0 and not unsettled and not rejected \
            and not failure:
        status = Status.TESTED
    else:
        status = Status.UNKNOWN
    message = "" if proof else ("no symbolic proof; tried " + "; ".join(tried) if tried else "")
    if unsettled:
        message = (f"the attack saw {attack_result.unsettled_violations} instances that violate the claim in "
                   f"floating point but had no time to re-check any exactly; give it more time (seconds=)"
                   + (f"; {message}" if message else ""))
    if failure and proof is None:
        message = f"{failure}; the other procedures ran, and settled nothing" + (f"; {message}" if message else "")
    if rejected and proof is None:
        message = f"{rejected}; a point the core cannot certify is neither a counterexample nor a pass" \
                  + (f"; {message}" if message else "")
    if status is Status.UNKNOWN and attack_result is not None and attack_result.instances == 0:
        message += "; the attack found no instance satisfying the hypotheses"
    if status is Status.PROVED and attack_result is not None and attack_result.instances == 0 and problem.hyps:
        message = _vacuity_warning(problem, ctx)
        if message.startswith(CONTRADICTORY):
            evidence.append(Evidence(VACUOUS, "the hypotheses contradict each other (z3 proves them false)",
                                     {"vacuous": True}))
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
    except (TimeLimitExceeded, *NOT_APPLICABLE):
        return None
    if goal == problem.goal and hyps == problem.hyps:
        return None
    return Problem(problem.name, hyps, goal, problem.schemas, problem.uses, problem.obligations,
                   problem.use_schemas, problem.earlier_facts)


def run_deciders(problem: Problem, ctx: Context) -> tuple[Outcome | None, list[str], str | None]:
    """Run the registry in order (then again with sums in closed form, if that changes anything);
    the first proof wins, a z3 model is kept as a candidate.

    sympy's closed forms are candidates: a proof of the closed-form problem counts only once the
    original claim holds exactly at the cross-check's points (every integer from the least allowed
    value up); a failing point, or a candidate of the closed-form run, is a candidate counterexample
    (the caller re-checks it exactly on the original problem)."""
    out, tried, failure = _run_registry(problem, ctx)
    if out is None or not out.proved:
        closed = _closed_forms(problem)
        if closed is not None:
            out2, tried2, failure2 = _run_registry(closed, ctx)
            failure = "; ".join(f for f in (failure, failure2) if f) or None
            tried += [f"{t} (sums in closed form)" for t in tried2]
            if out2 is not None and out2.proved:
                confirmed, bad = cross_check(problem)
                if bad is None:
                    out2.evidence.detail = (f"after sympy's closed forms for the sums: {out2.evidence.detail}; the "
                                            f"original claim {describe(confirmed)}")
                    return out2, tried, failure
                tried.append(f"{out2.decider} (sums in closed form: proved, but the claim fails exactly at {bad})")
                out2 = Outcome(out2.decider, False, Evidence(out2.decider, "closed forms disagree with the sums"),
                               candidate=bad)
            if out2 is not None and out2.candidate is not None and (out is None or out.candidate is None):
                return out2, tried, failure
    return out, tried, failure


def _run_registry(problem: Problem, ctx: Context) -> tuple[Outcome | None, list[str], str | None]:
    """(the first proof, or the first candidate; what was tried; what the deciders that raised said)."""
    tried: list[str] = []
    failures: list[str] = []
    candidate: Outcome | None = None
    for dname, decider, limit in DECIDERS:
        left = ctx.left()
        if left <= 0.05:
            tried.append(f"{dname} (no time left)")
            break
        try:
            out, note = attempt(dname, decider, problem, min(limit, left))
        except Exception as exc:  # a decider bug: said, and the next decider still runs
            failures.append(f"{problem.name}: decider {dname!r} raised {type(exc).__name__}: {exc}")
            tried.append(f"{dname} (raised {type(exc).__name__})")
            continue
        if out is None:
            tried.append(note)
            continue
        if out.proved:
            return out, tried, "; ".join(failures) or None
        candidate = candidate or out
        tried.append(note)
    if candidate is None and ctx.certifier is not None and ctx.left() - ctx.attack_seconds > 0.5:
        out, note = _certificate_search(problem, ctx)
        tried.append(note)
        if out is not None:
            return out, tried, "; ".join(failures) or None
    elif candidate is None and ctx.certifier is not None:
        tried.append("sos (skipped: the time left is the attack's)")
    return candidate, tried, "; ".join(failures) or None


def _candidate_name(decider: str) -> str:
    return "z3's model" if decider == "z3" else f"the {decider} decider's candidate point"


#: seconds the SOS search (SDP solve, rounding, exact check) may take on one problem
SOS_SECONDS = 6.0


def _certificate_search(problem: Problem, ctx: Context) -> tuple[Outcome | None, str]:
    """The SOS procedure after the registry: ``ctx.certifier`` proposes, ``decide_sos`` checks exactly.
    A search that raises is said in the note (never a proof, never the end of the decision). The attack's
    time is kept free: the search gets at most what is left after it."""
    limit = min(SOS_SECONDS, ctx.left() - ctx.attack_seconds)
    try:
        out, note = attempt("sos", lambda p: decide_sos(p, ctx.certifier, limit), problem, limit)
    except Exception as exc:  # the proposer or the conversion failed: say so, the attack still runs
        return None, f"sos (raised {type(exc).__name__}: {str(exc)[:120]})"
    return (out, note) if out is not None and out.proved else (None, note)


def _recheck(problem: Problem, point: dict, decider: str = "z3") -> tuple | None:
    """A decider's candidate point -> (counterexample, sides, violated, method) if the core's exact
    re-check confirms it. A problem with hypotheses quantified over an index (schemas) gets no
    counterexample from a decider's point: deciders drop the schemas (the attack grounds them)."""
    if problem.schemas:
        return None
    try:
        c = confirm(problem, {str(k): v for k, v in point.items()})
    except Rejected:
        return None
    return c.point, c.sides, c.violated, "z3 model" if decider == "z3" else f"{decider} decider's candidate"


#: seconds the deciders get to prove one relation a counterexample's sequences must satisfy beyond its terms
EXTENSION_SECONDS = 1.5


def tail_prover(ctx: Context) -> Callable[[Any], str | None]:
    """``prove(obligation)`` for ``counterexamples.confirm``: the registry's deciders, within
    ``EXTENSION_SECONDS``, on "for every integer t >= 0: relation(t)" (a sequence's tail) or "for every s
    in [a, b]: relation(s)" (a proposed function); the decider's name, or None."""
    def prove(obligation: Any) -> str | None:
        budget = min(EXTENSION_SECONDS, max(ctx.left(), 0.2))
        sub = Context(deadline=time.monotonic() + budget, seed=ctx.seed)
        out, _, _ = _run_registry(Problem(obligation.title, list(obligation.hyps), obligation.relation), sub)
        return out.decider if out is not None and out.proved else None
    return prove


def _simplified(problem: Problem, found: tuple, ctx: Context) -> tuple:
    """``found`` or, when the simplifier proposes a simpler point that the core's exact re-check
    confirms, that point (so a z3 model or a sampled point reads like the notes' numbers)."""
    if ctx.simplifier is None or problem.intervals:  # a simpler point would come without the functions
        return found
    try:
        proposed = ctx.simplifier(problem, dict(found[0]), seconds=min(SIMPLIFY_SECONDS, max(ctx.left(), 0.05)))
    except Exception:  # noqa: BLE001 - proposing is optional: the found point stands
        return found
    if not isinstance(proposed, dict) or proposed == found[0]:
        return found
    try:
        c = confirm(problem, proposed, tail_prover(ctx))
    except Rejected:
        return found
    return c.point, c.sides, c.violated, f"{found[3]}, simplified"


def _obligation_text(where: str, obligation: Any, ov: Verdict) -> str:
    """``"use(...): hypothesis 2, mu <= L, is proved (...)"``; one that sympy already evaluates to True
    at this instance says so rather than "True is proved"."""
    if obligation is sp.true or obligation is True:
        return f"{where} holds at this instance (it evaluates to True)"
    return f"{where}, {obligation}, is {ov.status.value}" + (f" ({ov.message})" if ov.message else "")


def _obligation(problem: Problem, where: str, obligation: Any, ctx: Context, facts: set) -> Verdict:
    """A used lemma's hypothesis must follow from this problem's own hypotheses and the conclusions of
    the lemmas used before it (never its own conclusion, nor a later lemma's: no circular use). ``facts``:
    ``lemma_facts(problem)``, the used lemmas' conclusions as they stand among the hypotheses."""
    earlier = problem.earlier_facts.get(where, [])
    own = [h for h in problem.hyps if h not in facts] + [f for f in earlier if not isinstance(f, (ForAll, During))]
    schemas = ([s for s in problem.schemas if s not in problem.use_schemas]
               + [f for f in earlier if isinstance(f, ForAll)])
    intervals = problem.stated_intervals() + [f for f in earlier if isinstance(f, During)]
    if isinstance(obligation, ForAll):
        return _schema_obligation(problem, where, obligation, own, schemas, ctx)
    if isinstance(obligation, (During, Throughout)):
        return continuous_proof.interval_obligation(f"{problem.name}: {where}", obligation, own, intervals, ctx,
                                                    decide_problem)
    if any(obligation == h for h in own):
        return Verdict(Status.PROVED, where, message="is a hypothesis")
    own += continuous_proof.interval_instances([f for f in earlier if isinstance(f, During)], [obligation, *own])
    sub = Problem(f"{problem.name}: {where}", own + _schemas_at_terms(schemas, obligation), obligation, schemas)
    return decide_problem(sub, ctx, relation=str(obligation), attack_proved=False)


def _schemas_at_terms(schemas: list[ForAll], obligation: Any) -> list:
    """The schemas instantiated at each index where the obligation speaks of a sequence term ``E(n)``
    (guarded by ``n >= start`` when that is not known): the deciders drop schemas themselves."""
    from sympy.core.function import AppliedUndef

    indices = {a for t in obligation.atoms(AppliedUndef) for a in t.args if a.is_integer}
    out = []
    for schema in schemas:
        for n in sorted(indices, key=str):
            low = sp.Ge(n, schema.start)
            if low is not sp.false:
                out.append(schema.at(n) if low is sp.true else sp.Implies(low, schema.at(n)))
    return [h for h in out if h is not sp.true]


def _schema_obligation(problem: Problem, where: str, obligation: ForAll, own: list, schemas: list[ForAll],
                       ctx: Context) -> Verdict:
    """``for all j >= s: H(j)``: discharged when it is one of the available schemas up to renaming of the
    index, or else decided at a fresh integer ``n >= s`` from the schemas at ``n`` and ``n + 1``."""
    if any(_same_schema(obligation, s) for s in schemas):
        return Verdict(Status.PROVED, where, message="matches a hypothesis schema")
    shifted = next((s for s in schemas if _shifted_schema(obligation, s)), None)
    if shifted is not None:
        return Verdict(Status.PROVED, where, message=f"is the hypothesis schema {shifted} at a later index")
    n = sp.Dummy(f"{obligation.var.name}", integer=True)
    goal = obligation.relation.xreplace({obligation.var: n})
    if goal is sp.true:
        return Verdict(Status.PROVED, where, message="holds at every index")
    if any(_same_schema(ForAll(n, goal, obligation.start), s) for s in schemas):
        return Verdict(Status.PROVED, where, message="matches a hypothesis schema")
    instances = [sp.Implies(sp.Ge(at, s.start), s.at(at)) if sp.Ge(at, s.start) is not sp.true else s.at(at)
                 for s in schemas for at in (n, n + 1)]
    hyps = own + [sp.Ge(n, obligation.start)] + [h for h in instances if h is not sp.true]
    sub = Problem(f"{problem.name}: {where}", hyps, goal, [])
    return decide_problem(sub, ctx, relation=f"for all {n} >= {obligation.start}: {goal}", auto_induction=False,
                          attack_proved=False)


def _same_schema(a: ForAll, b: ForAll) -> bool:
    return a.start >= b.start and a.relation.xreplace({a.var: b.var}) == b.relation


def _shifted_schema(a: ForAll, b: ForAll, most: int = 2) -> bool:
    """``for all j >= s: H(j + c)`` follows from ``for all j >= t: H(j)`` when ``s + c >= t`` (c = 1, 2)."""
    return any(a.start + c >= b.start and b.relation.xreplace({b.var: a.var + c}) == a.relation
               for c in range(1, most + 1))


#: evidence rule of a proof whose hypotheses contradict each other (it holds vacuously)
VACUOUS = "vacuous"
CONTRADICTORY = "warning: the hypotheses contradict each other"


def _vacuity_warning(problem: Problem, ctx: Context) -> str:
    """A proved claim whose hypotheses no instance satisfied: say whether they contradict each other."""
    contradiction = None
    try:
        with time_limit(min(2.0, max(ctx.left(), 0.1))):
            contradiction = decide_z3(Problem(f"{problem.name} (hypotheses)", list(problem.hyps), sp.false))
    except (TimeLimitExceeded, *NOT_APPLICABLE):
        pass
    if contradiction is not None and contradiction.proved:
        return f"{CONTRADICTORY} (z3), so the claim holds vacuously; check them for a typo"
    if contradiction is not None and contradiction.candidate is not None:
        return ""  # z3 found a point where they all hold (sampling just missed it, e.g. x**2 == 2)
    return ("warning: no sampled instance satisfied the hypotheses; if they cannot all hold, the claim "
            "holds vacuously")


AUTO_INDUCTION_SECONDS = 3.0


def _induction_variable(problem: Problem) -> Induction | None:
    """An integer symbol of the goal that sits in an exponent or a sum's bound, with a start it cannot
    go below (its domain, or a hypothesis ``k >= c``): a candidate for induction."""
    dimensions = {d for e in (problem.goal, *problem.hyps) for m in e.atoms(sp.MatrixSymbol)
                  for side in m.shape for d in sp.sympify(side).free_symbols}
    for k in sorted(problem.goal.free_symbols, key=str):
        if not k.is_integer or k in dimensions:  # a dimension is not stepped: v in R^n has no v in R^(n+1)
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
    try:
        with time_limit(min(AUTO_INDUCTION_SECONDS, ctx.left() / 2)):
            iv = prove_by_induction(problem, rule, ctx, decide_problem, attack_cases=False)
    except (TimeLimitExceeded, *NOT_APPLICABLE, ValueError, TypeError):  # an attempt that does not apply
        return None
    if iv.status is not Status.PROVED:
        return None
    detail = "; ".join(e.detail for e in iv.evidence)
    return Outcome("induction", True, Evidence("induction", f"{rule} (tried automatically): {detail}"))


def _induction(problem: Problem, rule: Induction, ctx: Context) -> Verdict:
    return prove_by_induction(problem, rule, ctx, decide_problem)


__all__ = ["VACUOUS", "Context", "check_claim", "decide_problem", "rests_on", "RESTS_ON", "LEMMAS_FROM_GRAPH",
           "DEFAULT_SECONDS", "ATTACK_SECONDS"]
