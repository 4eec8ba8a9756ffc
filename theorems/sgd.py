"""SGD under PL: 000 Theorem 3 (both step-size rules) and its recursion proof.

Main results (``E_k = E[f(x_k) - f*]``, ``Gk = E||grad f(x_k)||^2``, ``Sk = E||grad f_{i_k}(x_k)||^2``):

* ``sgd_pl_one_step`` (000, Thm 3 proof, (1)): ``E_{k+1} <= (1 - 2 mu s_k) E_k + L C^2 s_k^2 / 2`` under
  ``E||grad f_{i_k}(x_k)||^2 <= C^2``. Erratum ``sgd_pl_one_step_as_written``: the statement assumes
  ``||grad f_{i_k}(x_k)|| <= C^2``, which only bounds the second moment by ``C^4``; (1) then fails.
* Diminishing step ``s_k = (2k+1) / (2 mu (k+1)^2)``: ``sgd_diminishing_identity``
  (``1 - 2 mu s_k = k^2/(k+1)^2``), ``sgd_diminishing_recursion`` (the line after (1)),
  ``sgd_diminishing_multiplied`` ((2), corrected) beside the erratum ``sgd_diminishing_multiplied_as_written``
  (the notes write ``(k+1)^2`` for ``(2k+1)^2`` in the numerator), the telescoping sum
  (``sgd_telescoping``; erratum ``sgd_telescoping_as_written`` with ``C^k`` for ``k C^2``),
  ``sgd_diminishing_divide`` and the notes' weaker last line ``sgd_diminishing_last_line``, and the rate
  ``sgd_pl_diminishing``: ``E_k <= L C^2 / (2 mu^2 k)`` (k >= 1), from the descent lemma, PL and the bound
  at every iterate, through these steps as nodes (recursion and (2) used at every j, then telescoped, divided).
* Constant step ``s <= 1/(2 mu)``: ``sgd_constant_unrolled``, the notes' line with exponent k
  (``sgd_constant_unrolled_weaker``: true but weaker, so not an erratum; ``_as_written`` marks errata
  only), ``sgd_geometric_sum`` and
  ``sgd_pl_constant``: ``E_k <= (1 - 2 s mu)^k E_0 + L C^2 s / (4 mu)``, from the same hypotheses with (1) used
  at every j, by induction.
* Runs (exact expectations by enumerating every index path): both rules with the assumption as
  corrected (``tested``) and as written with ``C^2 = max ||grad f_{i_j}(x_j)||`` (refuted by an exact
  instance).
"""
from __future__ import annotations

import sympy as sp

from verify import Claim, Derivation, Experiment, forall, induction, node, substitute, use

from ._runs import SGD_STEPS, sgd_rate_run

TOPIC = "SGD under PL"

mu, L, C, s = sp.symbols("mu L C s", positive=True)
Ek, Ek1, Gk, Sk = sp.symbols("E_k E_k1 G_k S_k", nonnegative=True)
k = sp.Symbol("k", integer=True, nonnegative=True)
j, i = sp.symbols("j i", integer=True, nonnegative=True)
E = sp.Function("E")                     # E(j) = E[f(x_j) - f*]

DESC = Ek1 <= Ek - s * Gk + L * s ** 2 / 2 * Sk  # descent lemma at x_k, x_{k+1} = x_k - s grad f_{i_k}(x_k), in expectation
PL = Gk >= 2 * mu * Ek                            # PL at x_k, in expectation
BOUND = Sk <= C ** 2                              # E||grad f_{i_k}(x_k)||^2 <= C^2 (Karimi et al. 2016, Thm 4)
BOUND_AS_WRITTEN = Sk <= (C ** 2) ** 2            # ||grad f_{i_k}(x_k)|| <= C^2, squared and averaged

sgd_pl_one_step = (
    Derivation("sgd_pl_one_step", given=[DESC, PL, BOUND], start=Ek1,
               source="000, Theorem 3, proof, (1) (assumption read as E||grad f_{i_k}(x_k)||^2 <= C^2, as in "
                      "Karimi et al. 2016, Theorem 4)", expect="proved",
               show=Ek1 <= (1 - 2 * mu * s) * Ek + L * C ** 2 * s ** 2 / 2)
    .le(Ek - s * Gk + L * s ** 2 / 2 * Sk, by=substitute(DESC, "descent lemma; E[grad f_{i_k}] = grad f"))
    .le(Ek - 2 * mu * s * Ek + L * s ** 2 / 2 * Sk, by=substitute(PL, "PL"))
    .le(Ek - 2 * mu * s * Ek + L * s ** 2 / 2 * C ** 2, by=substitute(BOUND, "bounded second moment"))
    .eq((1 - 2 * mu * s) * Ek + L * C ** 2 * s ** 2 / 2, by="collect")
)
sgd_pl_one_step_as_written = Claim(
    "sgd_pl_one_step_as_written", given=[DESC, PL, BOUND_AS_WRITTEN],
    show=Ek1 <= (1 - 2 * mu * s) * Ek + L * C ** 2 * s ** 2 / 2,
    source="000, Theorem 3, (1) under the statement's assumption as written, ||grad f_{i_k}(x_k)|| <= C^2: "
           "that bounds E||grad f_{i_k}||^2 only by C^4, and (1) with L C^2 s^2/2 fails when C > 1",
    expect="refuted")

# the notes' hypotheses along SGD (E(j) = E[f(x_j) - f*], G(j) = E||grad f(x_j)||^2, S(j) =
# E||grad f_{i_j}(x_j)||^2): the descent lemma in expectation at every step, PL and the second-moment bound
# at every iterate, and the signs of these expectations
EG, ES = sp.Function("G"), sp.Function("S")
ALONG = {Ek: E(j), Ek1: E(j + 1), Gk: EG(j), Sk: ES(j)}
PL_ALONG = forall(j, PL.xreplace(ALONG))
BOUND_ALONG = forall(j, BOUND.xreplace(ALONG))
SIGNS_ALONG = [forall(j, E(j) >= 0), forall(j, EG(j) >= 0), forall(j, ES(j) >= 0)]

# -- diminishing step -------------------------------------------------------------------------------
s_k = (2 * k + 1) / (2 * mu * (k + 1) ** 2)
sgd_diminishing_identity = Claim(
    "sgd_diminishing_identity", show=sp.Eq(1 - 2 * mu * s_k, k ** 2 / (k + 1) ** 2),
    source="000, Theorem 3, proof, diminishing step s_k = (2k+1)/(2 mu (k+1)^2): 1 - 2 mu s_k = k^2/(k+1)^2",
    expect="proved")

DESC_k = DESC.xreplace({s: s_k})
REC_127 = Ek1 <= k ** 2 / (k + 1) ** 2 * Ek + L * C ** 2 * (2 * k + 1) ** 2 / (8 * mu ** 2 * (k + 1) ** 4)
sgd_diminishing_recursion = (
    Derivation("sgd_diminishing_recursion", given=[DESC_k, PL, BOUND], start=Ek1,
               source="000, Theorem 3, proof, the line after (1) with s_k = (2k+1)/(2 mu (k+1)^2)",
               expect="proved", show=REC_127)
    .le((1 - 2 * mu * s_k) * Ek + L * C ** 2 * s_k ** 2 / 2, by=use(sgd_pl_one_step, {s: s_k}))
    .eq(k ** 2 / (k + 1) ** 2 * Ek + L * C ** 2 * (2 * k + 1) ** 2 / (8 * mu ** 2 * (k + 1) ** 4),
        by=use(sgd_diminishing_identity, reason="1 - 2 mu s_k = k^2/(k+1)^2 and s_k^2 = (2k+1)^2/(4 mu^2 (k+1)^4)"))
)

sgd_diminishing_multiplied_as_written = Claim(
    "sgd_diminishing_multiplied_as_written", given=[DESC_k, PL, BOUND, use(sgd_diminishing_recursion)],
    show=(k + 1) ** 2 * Ek1 <= k ** 2 * Ek + L * C ** 2 * (k + 1) ** 2 / (8 * mu ** 2 * (k + 1) ** 2),
    source="000, Theorem 3, proof, (2) as written: 'delta(k+1) <= delta(k) + L C^2 (k+1)^2 / (8 mu^2 (k+1)^2)'; "
           "multiplying the line before by (k+1)^2 gives (2k+1)^2, not (k+1)^2, in the numerator (the "
           "conclusion of (2), delta(k+1) <= delta(k) + L C^2/(2 mu^2), still holds)",
    expect="refuted")
sgd_diminishing_multiplied = (
    Derivation("sgd_diminishing_multiplied", given=[REC_127], start=(k + 1) ** 2 * Ek1,
               source="000, Theorem 3, proof, (2) corrected: delta(k) = k^2 E[f(x_k) - f*]", expect="proved")
    .le(k ** 2 * Ek + L * C ** 2 * (2 * k + 1) ** 2 / (8 * mu ** 2 * (k + 1) ** 2),
        by=substitute(REC_127, "multiplying both sides by (k+1)^2"))
    .le(k ** 2 * Ek + L * C ** 2 / (2 * mu ** 2), by="(2k+1)^2 <= 4 (k+1)^2")
)

delta_increment = L * C ** 2 / (2 * mu ** 2)          # the increment of delta(k) = k^2 E_k per step in (2)
k_pos = sp.Symbol("k_pos", integer=True, positive=True)  # k >= 1, printed apart from k >= 0
sgd_telescoping_as_written = Claim(
    "sgd_telescoping_as_written",
    show=sp.Eq(sp.Sum(delta_increment, (j, 0, k_pos - 1)), L * C ** k_pos / (2 * mu ** 2)),
    source="000, Theorem 3, proof, (2) summed, as written: 'summing (2) from k = 0 to k-1: delta(k) <= delta(0) + "
           "L C^k / (2 mu^2)'; the sum of k copies of L C^2/(2 mu^2) is k L C^2/(2 mu^2) (the next line uses that)",
    expect="refuted")
D = sp.Function("D")
sgd_telescoping = Claim(
    "sgd_telescoping", given=[forall(j, D(j + 1) <= D(j) + delta_increment)], show=D(k) <= D(0) + k * delta_increment,
    source="000, Theorem 3, proof: summing (2) from 0 to k-1 (corrected)", expect="proved", by=induction(k))

Ekp = sp.Symbol("E_k", nonnegative=True)
sgd_diminishing_divide = Claim(
    "sgd_diminishing_divide", given=[k_pos ** 2 * Ekp <= L * C ** 2 * k_pos / (2 * mu ** 2)],
    show=Ekp <= L * C ** 2 / (2 * mu ** 2 * k_pos),
    source="000, Theorem 3, proof: k^2 E[f(x_k) - f*] <= L C^2 k/(2 mu^2) => the rate (k >= 1)", expect="proved")
sgd_diminishing_last_line = Claim(
    "sgd_diminishing_last_line", given=[k_pos ** 2 * Ekp <= L * C ** 2 * k_pos / (2 * mu ** 2)],
    show=Ekp <= L * C ** 2 / (2 * mu ** 2),
    source="000, Theorem 3, proof, last line as written: '=> E[f(x_k) - f*] <= L C^2/(2 mu^2)'; true for k >= 1 "
           "but drops the 1/k of the theorem", expect="proved")

DESC_DIMINISHING_ALONG = forall(j, DESC_k.xreplace({**ALONG, k: j}))
sgd_pl_diminishing = Claim(
    "sgd_pl_diminishing",
    given=[DESC_DIMINISHING_ALONG, PL_ALONG, BOUND_ALONG, *SIGNS_ALONG,
           forall(j, use(sgd_diminishing_recursion, {**ALONG, k: j})),
           forall(j, use(sgd_diminishing_multiplied, {Ek: E(j), Ek1: E(j + 1), k: j})),
           use(sgd_telescoping, {D: sp.Lambda(i, i ** 2 * E(i)), k: k_pos}),
           use(sgd_diminishing_divide, {Ekp: E(k_pos)})],
    show=E(k_pos) <= L * C ** 2 / (2 * mu ** 2 * k_pos),
    source="000, Theorem 3 (diminishing step): E[f(x_k) - f*] <= L C^2/(2 mu^2 k); assumes the descent lemma "
           "(in expectation) at every step s_j = (2j+1)/(2 mu (j+1)^2), PL and E||grad f_{i_j}(x_j)||^2 <= C^2 at "
           "every iterate; the notes' steps used at every j: the recursion after (1), (2) multiplied by (j+1)^2, "
           "then summed (telescoped) and divided by k^2", expect="proved")

# -- constant step ------------------------------------------------------------------------------------
sgd_contraction = 1 - 2 * mu * s                        # the factor of (1) per step
sgd_noise_term = L * C ** 2 * s ** 2 / 2                 # the additive term of (1)
STEP_OK = s <= 1 / (2 * mu)
sgd_constant_unrolled = Claim(
    "sgd_constant_unrolled",
    given=[forall(j, DESC.xreplace(ALONG)), PL_ALONG, BOUND_ALONG, *SIGNS_ALONG, STEP_OK,
           forall(j, use(sgd_pl_one_step, ALONG))],
    show=E(k) <= sgd_contraction ** k * E(0) + sgd_noise_term * sp.Sum(sgd_contraction ** i, (i, 0, k - 1)),
    source="000, Theorem 3, proof, constant step: (1) applied k times (the notes write it for x_{k+1}); (1) is "
           "sgd_pl_one_step used at every j, from the descent lemma, PL and the bound at every iterate",
    expect="proved", by=induction(k))
xd = sp.Symbol("x", real=True)
power_decreasing = Claim(
    "power_decreasing", given=[xd >= 0, xd <= 1], show=xd ** (k + 1) <= xd ** k,
    source="0 <= x <= 1 => x^(k+1) <= x^k (k a non-negative integer)", expect="proved", by=induction(k))
sgd_constant_unrolled_weaker = Claim(
    "sgd_constant_unrolled_weaker",
    given=[forall(j, DESC.xreplace(ALONG)), PL_ALONG, BOUND_ALONG, *SIGNS_ALONG, STEP_OK, E(0) >= 0,
           use(sgd_constant_unrolled, {k: k + 1}), use(power_decreasing, {xd: sgd_contraction})],
    show=E(k + 1) <= sgd_contraction ** k * E(0) + sgd_noise_term * sp.Sum(sgd_contraction ** i, (i, 0, k)),
    source="000, Theorem 3, proof, constant step as written: '(1 - 2 mu s)^k E[f(x_0) - f*]' for x_{k+1} "
           "(exponent k where k+1 is exact), from sgd_constant_unrolled used at k+1 (from the descent lemma, PL and "
           "the bound at every iterate): true since 0 <= 1 - 2 mu s <= 1, but weaker", expect="proved")
sgd_geometric_closed_form = Claim(
    "sgd_geometric_closed_form", given=[STEP_OK],
    show=sp.Eq(sp.Sum(sgd_contraction ** i, (i, 0, k)), (1 - sgd_contraction ** (k + 1)) / (1 - sgd_contraction)),
    source="000, Theorem 3, proof, constant step: the geometric sum sum_{i=0}^k (1 - 2 s mu)^i in closed form",
    expect="proved", by=induction(k))
xq = sp.Symbol("x", real=True)
power_nonneg = Claim("power_nonneg", given=[xq >= 0], show=xq ** (k + 1) >= 0, by=induction(k),
                     source="x >= 0 => x^(k+1) >= 0 (k a non-negative integer)", expect="proved")
sgd_geometric_sum = (
    Derivation("sgd_geometric_sum", given=[STEP_OK, use(sgd_geometric_closed_form)],
               start=sgd_noise_term * sp.Sum(sgd_contraction ** i, (i, 0, k)),
               source="000, Theorem 3: (L C^2 s^2/2) sum_{i=0}^k (1 - 2 s mu)^i <= (L C^2 s^2/2) / (2 s mu) "
                      "= L C^2 s/(4 mu)", expect="proved")
    .eq(sgd_noise_term * (1 - sgd_contraction ** (k + 1)) / (1 - sgd_contraction), by=use(sgd_geometric_closed_form))
    .le(sgd_noise_term / (1 - sgd_contraction), by=use(power_nonneg, {xq: sgd_contraction}))
    .eq(L * C ** 2 * s / (4 * mu), by="1 - (1 - 2 s mu) = 2 s mu")
)
DESC_CONSTANT_ALONG = forall(j, DESC.xreplace(ALONG))
sgd_pl_constant = Claim(
    "sgd_pl_constant",
    given=[DESC_CONSTANT_ALONG, PL_ALONG, BOUND_ALONG, *SIGNS_ALONG, STEP_OK,
           forall(j, use(sgd_pl_one_step, ALONG))],
    show=E(k) <= sgd_contraction ** k * E(0) + L * C ** 2 * s / (4 * mu),
    source="000, Theorem 3 (constant step s <= 1/(2 mu)): E[f(x_k) - f*] <= (1 - 2 s mu)^k [f(x_0) - f*] + "
           "L C^2 s/(4 mu); assumes the descent lemma (in expectation) at every step, PL and "
           "E||grad f_{i_j}(x_j)||^2 <= C^2 at every iterate, s <= 1/(2 mu); (1) used at every j "
           "(sgd_pl_one_step), then induction on k", expect="proved", by=induction(k))

# -- runs ---------------------------------------------------------------------------------------------


def sgd_run_experiment(name: str, rule: str, written: bool) -> Experiment:
    """000 Theorem 3 run with the ``rule`` step, the moment assumption as corrected or as ``written``."""
    what = "as written (||grad f_{i_k}(x_k)|| <= C^2)" if written else "corrected (E||grad f_{i_k}(x_k)||^2 <= C^2)"
    claim = ("E[f(x_k) - f*] <= L C^2/(2 mu^2 k)" if rule == "diminishing"
             else "E[f(x_k) - f*] <= (1 - 2 s mu)^k (f(x_0) - f*) + L C^2 s/(4 mu)")
    return Experiment(name, **sgd_rate_run(rule, written),
                      source=f"000, Theorem 3 ({rule} step), assumption {what}: run on least squares with exact "
                             f"expectations over all index paths (k <= {SGD_STEPS})",
                      expect="refuted" if written else "tested", max_examples=40, statement=claim,
                      first_iterate=1)


run_diminishing = sgd_run_experiment("sgd_pl_diminishing_run", "diminishing", written=False)
run_diminishing_as_written = sgd_run_experiment("sgd_pl_diminishing_as_written_run", "diminishing", written=True)
run_constant = sgd_run_experiment("sgd_pl_constant_run", "constant", written=False)
run_constant_as_written = sgd_run_experiment("sgd_pl_constant_as_written_run", "constant", written=True)

NODES = [
    node(sgd_pl_one_step, "lemma", topic=TOPIC, uses=["pl_condition"], proof_uses=["descent_lemma"]),
    node(sgd_pl_one_step_as_written, "erratum", topic=TOPIC, corrects="sgd_pl_one_step",
         proof_uses=["descent_lemma"]),
    node(sgd_diminishing_identity, "lemma", topic=TOPIC),
    node(sgd_diminishing_recursion, "lemma", topic=TOPIC),
    node(sgd_diminishing_multiplied_as_written, "erratum", topic=TOPIC, corrects="sgd_diminishing_multiplied"),
    node(sgd_diminishing_multiplied, "lemma", topic=TOPIC),
    node(sgd_telescoping_as_written, "erratum", topic=TOPIC, corrects="sgd_telescoping"),
    node(sgd_telescoping, "lemma", topic=TOPIC),
    node(sgd_diminishing_divide, "lemma", topic=TOPIC),
    node(sgd_diminishing_last_line, "lemma", topic=TOPIC),
    node(sgd_pl_diminishing, "theorem", topic=TOPIC, uses=["pl_condition"], proof_uses=["descent_lemma"]),
    node(sgd_constant_unrolled, "lemma", topic=TOPIC, proof_uses=["descent_lemma"]),
    node(power_decreasing, "lemma", topic=TOPIC),
    node(sgd_constant_unrolled_weaker, "lemma", topic=TOPIC, proof_uses=["descent_lemma"]),
    node(sgd_geometric_closed_form, "lemma", topic=TOPIC),
    node(power_nonneg, "lemma", topic=TOPIC),
    node(sgd_geometric_sum, "lemma", topic=TOPIC, proof_uses=["sgd_geometric_closed_form", "power_nonneg"]),
    node(sgd_pl_constant, "theorem", topic=TOPIC, uses=["pl_condition"], proof_uses=["descent_lemma"]),
    node(run_diminishing, "experiment", topic=TOPIC, uses=["sgd_pl_diminishing"]),
    node(run_diminishing_as_written, "erratum", topic=TOPIC, corrects="sgd_pl_diminishing_run",
         uses=["sgd_pl_diminishing"]),
    node(run_constant, "experiment", topic=TOPIC, uses=["sgd_pl_constant"]),
    node(run_constant_as_written, "erratum", topic=TOPIC, corrects="sgd_pl_constant_run",
         uses=["sgd_pl_constant"]),
]
