"""Mini-batch SGD under PL* and interpolation: 000 Theorem 4 [Bassily et al., arXiv:1811.02564] and its proof.

Notation at iterate k: ``F = f(x_k) >= 0`` (inf f = 0), ``F1 = E[f(x_{k+1}) | x_k]``, ``g = ||grad f(x_k)||^2``,
``Si = E_i ||grad f_i(x_k)||^2``, ``V = E||d_k||^2`` with ``d_k = (1/B) sum_l grad f_{i_k^l}(x_k)``;
``K_B = L (mu (B-1) + Lt) / B`` where ``Lt`` is the notes' L-tilde.

Main results:

* ``minibatch_second_moment`` (axiom: the variance of a mean of i.i.d. terms; tested exactly): ``V = Si/B + (B-1)/B g`` for batches drawn with replacement.
* ``grad_fi_bound`` (experiment, exact): ``||grad f_i||^2 <= 2 Lt f_i`` under interpolation (the notes'
  garbled line "||grad f_i(x_k) - grad f_i(x*)|| <= ... <= 2 Lt f_i(x_k)").
* ``minibatch_conditional``: ``F1 - F <= -s g + (L s^2/2)(Si/B + (B-1)/B g)``; the notes' line lacks the L
  (erratum ``minibatch_conditional_as_written``).
* ``minibatch_after_smoothness``, then the PL* step: corrected ``minibatch_pl_step`` beside the erratum
  ``minibatch_pl_step_as_written`` ("-2 mu s (1 - sL(B+1)/B) f + s L Lt/B f").
* ``minibatch_pl_recursion`` ((3)): ``E f(x_{k+1}) <= (1 - 2 s mu + s^2 K_B) E f(x_k)``.
* Step optimisation: ``minibatch_optimal_step`` (``s_opt = mu/K_B = mu B / (L (mu (B-1) + Lt))`` gives
  ``1 - mu s_opt``), ``minibatch_optimal_is_min``, ``minibatch_step_admissible``, and the erratum
  ``minibatch_step_as_written``: the notes' ``s*(B) = 2 mu B / (L (Lt + L (B-1)))`` does not give
  ``1 - mu s*(B)`` from (3).
* ``minibatch_rate``: ``E f(x_k) <= (1 - mu s_opt)^k f(x_0)`` from the notes' hypotheses along the iterates,
  with ``minibatch_after_smoothness`` and (3) used at every j, by induction; and runs: the corrected rate
  (tested, exact second-moment propagation) and the notes' Theorem 4 as written (refuted by an exact instance).
"""
from __future__ import annotations

import sympy as sp

from verify import Claim, Derivation, Experiment, forall, induction, node, substitute, use

from ._runs import MINIBATCH_STEPS, component_gradient_run, minibatch_second_moment_run, minibatch_sgd_run

TOPIC = "mini-batch SGD under PL*"

mu, L, Lt, s = sp.symbols("mu L Lt s", positive=True)
B = sp.Symbol("B", integer=True, positive=True)
F, F1, g, Si, V = sp.symbols("F F1 g S_i V", nonnegative=True)

DESC = F1 <= F - s * g + L * s ** 2 / 2 * V          # descent lemma, conditional expectation, E[d_k] = grad f
VAR = sp.Eq(V, Si / B + (B - 1) / B * g)              # i.i.d. batch with replacement
SMOOTH_I = Si <= 2 * Lt * F                           # E_i ||grad f_i||^2 <= 2 Lt E_i f_i = 2 Lt f
PLSTAR = g >= 2 * mu * F
NONNEG = s * L * (B - 1) <= 2 * B                     # 1 - sL(B-1)/(2B) >= 0 (the notes' "non-neg.")

minibatch_conditional = (
    Derivation("minibatch_conditional", given=[DESC, VAR], start=F1 - F,
               source="000, Theorem 4 proof bound (mini-batch descent): E[f(x_{k+1}) - f(x_k) | x_k] <= "
                      "-s||grad f||^2 + (s^2 L/2)((1/B) E||grad f_i||^2 + (B-1)/B ||grad f||^2)", expect="proved",
               show=F1 - F <= -s * g + L * s ** 2 / 2 * (Si / B + (B - 1) / B * g))
    .le(-s * g + L * s ** 2 / 2 * V, by=substitute(DESC, "descent lemma, E[d_k | x_k] = grad f(x_k)"))
    .eq(-s * g + L * s ** 2 / 2 * (Si / B + (B - 1) / B * g), by="second moment of the batch mean")
)
minibatch_conditional_as_written = Claim(
    "minibatch_conditional_as_written", given=[DESC, VAR, mu <= L, L <= Lt],
    show=F1 - F <= -s * g + s ** 2 / 2 * (Si / B + (B - 1) / B * g),
    source="000, Theorem 4, proof, as written: '<= -s||grad f(x_k)||^2 + (s^2/2)((1/B) E||grad f_i||^2 + "
           "(B-1)/B ||grad f(x_k)||^2)': the factor L of the descent lemma is missing (fails when L > 1)",
    expect="refuted")

AFTER = F1 - F <= -s * (1 - s * L * (B - 1) / (2 * B)) * g + s ** 2 * L * Lt / B * F
minibatch_after_smoothness = (
    Derivation("minibatch_after_smoothness", given=[DESC, VAR, SMOOTH_I], start=F1 - F,
               source="000, Theorem 4, proof ('Thus. E[f(x_{k+1}) - f(x_k) | x_k] <= -s(1 - ...)...', garbled): "
                      "the conditional bound with E||grad f_i||^2 <= 2 Lt f", expect="proved", show=AFTER)
    .le(-s * g + L * s ** 2 / 2 * (Si / B + (B - 1) / B * g), by=use(minibatch_conditional))
    .le(-s * g + L * s ** 2 / 2 * (2 * Lt * F / B + (B - 1) / B * g), by=substitute(SMOOTH_I, "smoothness of f_i"))
    .eq(-s * (1 - s * L * (B - 1) / (2 * B)) * g + s ** 2 * L * Lt / B * F, by="collect")
)

minibatch_pl_step = (
    Derivation("minibatch_pl_step", given=[AFTER, PLSTAR, NONNEG], start=F1 - F,
               source="000, Theorem 4, proof, 'PL <= ...' line (corrected): with 1 - sL(B-1)/(2B) >= 0, PL* "
                      "(000's first form, 2 mu f <= ||grad f||^2, a hypothesis) bounds the negative term",
               expect="proved",
               show=F1 - F <= -2 * mu * s * (1 - s * L * (B - 1) / (2 * B)) * F + s ** 2 * L * Lt / B * F)
    .le(-s * (1 - s * L * (B - 1) / (2 * B)) * g + s ** 2 * L * Lt / B * F, by=substitute(AFTER))
    .le(-2 * mu * s * (1 - s * L * (B - 1) / (2 * B)) * F + s ** 2 * L * Lt / B * F,
        by="PL*: ||grad f||^2 >= 2 mu f, coefficient non-negative")
)
minibatch_pl_step_as_written = Claim(
    "minibatch_pl_step_as_written",
    given=[DESC, VAR, SMOOTH_I, use(minibatch_after_smoothness), PLSTAR, NONNEG, mu <= L, L <= Lt],
    show=F1 - F <= -2 * mu * s * (1 - s * L * (B + 1) / B) * F + s * L * Lt / B * F,
    source="000, Theorem 4, proof, as written: 'PL <= 2 mu s (1 - sL(B+1)/B) f(x_k) + s L Lt/B f(x_k)' (sign "
           "restored): B+1 for B-1, a lost 1/2 and s for s^2 in the last term; implied when s <= 1, false "
           "in general", expect="refuted")

K_B = L * (mu * (B - 1) + Lt) / B
REC3 = F1 <= (1 - 2 * s * mu + s ** 2 * K_B) * F
minibatch_pl_recursion = (
    Derivation("minibatch_pl_recursion", given=[AFTER, PLSTAR, NONNEG], start=F1,
               source="000, Theorem 4, proof, (3): E f(x_{k+1}) <= [1 - 2 s mu + (s^2 L/B)(mu (B-1) + Lt)] E f(x_k) "
                      "(rearranged; full expectation by the tower rule)", expect="proved", show=REC3)
    .le(F - 2 * mu * s * (1 - s * L * (B - 1) / (2 * B)) * F + s ** 2 * L * Lt / B * F, by=use(minibatch_pl_step))
    .eq((1 - 2 * s * mu + s ** 2 * K_B) * F, by="collect")
)

s_opt = mu / K_B
minibatch_optimal_step = Claim(
    "minibatch_optimal_step", show=sp.Eq(1 - 2 * s_opt * mu + s_opt ** 2 * K_B, 1 - mu * s_opt, evaluate=False),
    source="000, Theorem 4, proof: optimizing (3) in s gives s_opt = mu B / (L (mu (B-1) + Lt)) and the factor "
           "1 - mu s_opt", expect="proved")
minibatch_optimal_is_min = Claim(
    "minibatch_optimal_is_min", show=1 - 2 * s * mu + s ** 2 * K_B >= 1 - mu * s_opt,
    source="000, Theorem 4, proof: s_opt minimises the factor of (3)", expect="proved")
minibatch_step_admissible = Claim(
    "minibatch_step_admissible", show=s_opt * L * (B - 1) <= 2 * B,
    source="000, Theorem 4, proof: s_opt keeps 1 - sL(B-1)/(2B) >= 0, so (3) applies", expect="proved")
s_notes = 2 * mu * B / (L * (Lt + L * (B - 1)))
minibatch_step_as_written = Claim(
    "minibatch_step_as_written", given=[mu <= L, L <= Lt],
    show=1 - 2 * s_notes * mu + s_notes ** 2 * K_B <= 1 - mu * s_notes,
    source="000, Theorem 4 as written: s*(B) = 2 mu B / (L (Lt + L (B-1))) in (3) should give the factor "
           "1 - mu s*(B); it exceeds the minimiser mu/K_B of (3), and the factor is then larger than 1 - mu s*(B)",
    expect="refuted")
minibatch_contraction_nonneg = Claim(
    "minibatch_contraction_nonneg", given=[mu <= L, mu <= Lt], show=1 - mu * s_opt >= 0,
    source="000, Theorem 4: 0 <= 1 - mu s_opt (mu <= L by pl_mu_le_L; mu <= Lt since 2 mu f <= ||grad f||^2 "
           "<= E||grad f_i||^2 <= 2 Lt f)", expect="proved")

j = sp.Symbol("j", integer=True, nonnegative=True)
k = sp.Symbol("k", integer=True, nonnegative=True)
Ef = sp.Function("Ef")                                # Ef(j) = E f(x_j)
# G(j) = ||grad f(x_j)||^2, S(j) = E_i ||grad f_i(x_j)||^2, M(j) = E||d_j||^2: g, S_i and V at x_j
Gm, Sm, Vm = sp.Function("G"), sp.Function("S"), sp.Function("M")
ALONG = {F: Ef(j), F1: Ef(j + 1), g: Gm(j), Si: Sm(j), V: Vm(j), s: s_opt}
minibatch_rate = Claim(
    "minibatch_rate",
    given=[forall(j, DESC.xreplace(ALONG)), forall(j, VAR.xreplace(ALONG)), forall(j, SMOOTH_I.xreplace(ALONG)),
           forall(j, PLSTAR.xreplace(ALONG)), forall(j, Ef(j) >= 0), forall(j, Gm(j) >= 0),
           forall(j, Sm(j) >= 0), forall(j, Vm(j) >= 0), mu <= L, mu <= Lt,
           use(minibatch_step_admissible), use(minibatch_contraction_nonneg),
           forall(j, use(minibatch_after_smoothness, ALONG)),
           forall(j, use(minibatch_pl_recursion, {F: Ef(j), F1: Ef(j + 1), g: Gm(j), s: s_opt}))],
    show=Ef(k) <= (1 - mu * s_opt) ** k * Ef(0),
    source="000, Theorem 4 (corrected step s_opt = mu B / (L (mu (B-1) + Lt))): E f(x_k) <= (1 - mu s_opt)^k f(x_0); "
           "assumes along the iterates the descent lemma (conditional expectation), the batch's second moment, "
           "E||grad f_i||^2 <= 2 Lt f and PL*, and mu <= L, mu <= Lt; the proof's steps used at every j "
           "(minibatch_after_smoothness, (3) = minibatch_pl_recursion) with s_opt, then induction on k",
    expect="proved", by=induction(k))


# -- experiments ---------------------------------------------------------------------------------------


def _rate_experiment(name: str, written: bool) -> Experiment:
    """000 Theorem 4 run with the corrected step, or the notes' step as ``written``."""
    return Experiment(
        name, **minibatch_sgd_run(written),
        source="000, Theorem 4 " + ("as written" if written else "with the corrected step") +
               f": E f(x_j) <= (1 - mu s)^j f(x_0), exact second moments, j <= {MINIBATCH_STEPS}; L = lambda_max(H), "
               "mu = smallest non-zero eigenvalue of H, Lt = max_i ||a_i||^2",
        expect="refuted" if written else "tested", max_examples=50, first_iterate=1,
        statement="E f(x_j) <= (1 - mu s)^j f(x_0)")


minibatch_rate_run = _rate_experiment("minibatch_rate_run", written=False)
minibatch_rate_as_written_run = _rate_experiment("minibatch_rate_as_written_run", written=True)


minibatch_second_moment = Experiment(
    "minibatch_second_moment", **minibatch_second_moment_run(),
    source="cited fact (variance of the mean of B i.i.d. vectors), 000, Theorem 4, proof: E||(1/B) sum_l grad f_{i^l}||^2 = (1/B) E||grad f_i||^2 + (B-1)/B ||grad f||^2 "
           "(i.i.d. indices); both sides computed exactly on least squares", expect="tested", max_examples=40,
    statement="E||d||^2 = (1/B) E||grad f_i||^2 + (B-1)/B ||grad f||^2 (both directions)")


grad_fi_bound = Experiment(
    "grad_fi_bound", **component_gradient_run(),
    source="axiom: for f_i >= 0 that is Lt-smooth with min f_i = 0 (interpolation), ||grad f_i||^2 <= 2 Lt f_i "
           "(000, Theorem 4, proof, garbled line; Nesterov 2004, (2.1.7)); exact on interpolating least squares "
           "with Lt = max_i ||a_i||^2; 000, Theorem 4 proof bound", expect="tested", max_examples=40,
    statement="||grad f_i(x)||^2 <= 2 Lt f_i(x)")

NODES = [
    node(minibatch_second_moment, "axiom", topic=TOPIC),
    node(grad_fi_bound, "axiom", topic=TOPIC),
    node(minibatch_conditional, "lemma", topic=TOPIC, proof_uses=["descent_lemma", "minibatch_second_moment"]),
    node(minibatch_conditional_as_written, "erratum", topic=TOPIC, corrects="minibatch_conditional",
         proof_uses=["descent_lemma"]),
    node(minibatch_after_smoothness, "lemma", topic=TOPIC, proof_uses=["grad_fi_bound"]),
    node(minibatch_pl_step, "lemma", topic=TOPIC),
    node(minibatch_pl_step_as_written, "erratum", topic=TOPIC, corrects="minibatch_pl_step"),
    node(minibatch_pl_recursion, "lemma", topic=TOPIC),
    node(minibatch_optimal_step, "lemma", topic=TOPIC),
    node(minibatch_optimal_is_min, "lemma", topic=TOPIC),
    node(minibatch_step_admissible, "lemma", topic=TOPIC),
    node(minibatch_step_as_written, "erratum", topic=TOPIC, corrects="minibatch_optimal_step"),
    node(minibatch_contraction_nonneg, "lemma", topic=TOPIC),
    node(minibatch_rate, "theorem", topic=TOPIC, proof_uses=["descent_lemma"]),
    node(minibatch_rate_run, "experiment", topic=TOPIC, uses=["minibatch_rate"]),
    node(minibatch_rate_as_written_run, "erratum", topic=TOPIC, corrects="minibatch_rate_run"),
]
