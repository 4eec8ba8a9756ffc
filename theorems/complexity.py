"""Iteration counts: 000's complexity table ("Other methods under the PL condition") and 001's recap.

Main results:

* ``one_minus_le_exp``: ``1 - t <= exp(-t)``.
* ``power_monotone``: ``0 <= a <= b`` gives ``a^k <= b^k`` (induction on k).
* ``gd_factor_le_exp`` and ``gd_pl_complexity`` (000 table, GD [Polyak '63]): ``k >= (L/mu) log(Delta_0/eps)``
  steps of GD give ``f(x_k) - f* <= eps``; from Theorem 2's hypotheses (the descent lemma and PL at every
  iterate, ``mu <= L``) through ``use`` of ``gd_pl_rate`` and ``gd_count_sufficient`` (``(1 - mu/L)^k Delta_0 <=
  eps``, from ``gd_factor_le_exp`` and ``power_monotone``).
* The table's other rows (SGD [Karimi et al.], SVRG and SAGA [Reddi et al.], PAGE [Li et al.]) are cited
  counts: axioms with no checkable statement here (``unknown``: nothing is run or proved for them). What the
  table itself asserts about them is checked: ``page_le_svrg_saga`` (PAGE's count is at most SVRG's and
  SAGA's, as ``b <= N``, ``sqrt(b) <= N^(2/3)`` and ``L_avg <= max_i L_i``) and ``sgd_count_ge_gd`` (SGD's
  count is at least GD's once ``max_i L_i >= mu``); both need ``eps <= Delta_0`` (else the logs are
  negative and the order flips; tests/test_theorems_complexity.py checks that this is refuted).
* 001, 3): GD needs about ``kappa = L/m`` iterations to shrink the error by a constant factor
  (``gd_iterations_recap``: the per-step factor ``1 - 1/kappa <= e^{-1/kappa}``), AGD about ``sqrt(kappa)``
  (``agd_iterations_recap`` with the factor of the cited rate ``agd_rate``, tested by running Nesterov's
  method on strongly convex least squares). The notes label "lambda, P = smoothness,
  strong convexity" with "GD ~ P/lambda": read literally that is m/L <= 1 iterations, refuted as
  ``gd_iterations_recap_as_written``.
"""
from __future__ import annotations

import sympy as sp

from verify import Claim, Derivation, Experiment, forall, induction, node, substitute, use

from ._runs import agd_rate_run
from .gd import DESCENT_ALONG, GRAD_SQ_NONNEG, PL_ALONG, F, G, fk, fk1, fs, g, gd_pl_one_step, gd_pl_rate, j

TOPIC = "complexity"

t = sp.Symbol("t", real=True)
one_minus_le_exp = Claim("one_minus_le_exp", show=1 - t <= sp.exp(-t),
                         source="1 - t <= e^{-t} (convexity of exp), used to turn (1 - mu/L)^k into a count",
                         expect="proved")

L, mu, D0, eps, kappa = sp.symbols("L mu Delta_0 epsilon kappa", positive=True)
k = sp.Symbol("k", integer=True, nonnegative=True)
K_ENOUGH = k >= L / mu * sp.log(D0 / eps)
gd_factor_le_exp = Claim(
    "gd_factor_le_exp", given=[mu <= L], show=1 - mu / L <= sp.exp(-mu / L),
    source="000, complexity table, GD: the factor of Theorem 2 is at most exp(-mu/L)", expect="proved",
    by=use(one_minus_le_exp, {t: mu / L}))
base, top = sp.symbols("a b", nonnegative=True)
power_monotone = Claim(
    "power_monotone", given=[base <= top], show=base ** k <= top ** k, by=induction(k),
    source="0 <= a <= b => a^k <= b^k (k a non-negative integer), used to raise Theorem 2's factor to the k-th "
           "power", expect="proved")
gd_factor = 1 - mu / L
gd_count_sufficient = (
    Derivation("gd_count_sufficient",
               given=[mu <= L, K_ENOUGH, use(gd_factor_le_exp)],
               start=gd_factor ** k * D0, show=gd_factor ** k * D0 <= eps,
               source="000, complexity table, GD [Polyak '63]: (1 - mu/L)^k Delta_0 <= exp(-mu/L)^k Delta_0 "
                      "(gd_factor_le_exp; x -> x^k is increasing on [0, oo): power_monotone) = exp(-k mu/L) Delta_0 "
                      "<= eps once k >= (L/mu) log(Delta_0/eps)", expect="proved")
    .le(sp.exp(-mu / L) ** k * D0, by=use(power_monotone, {base: gd_factor, top: sp.exp(-mu / L)},
                                          "1 - mu/L <= exp(-mu/L), raised to the k-th power"))
    # k -> (L/mu) log(Delta_0/eps) gives exp(-log(Delta_0/eps)) Delta_0, which sympy writes as eps
    .le(eps, by=substitute(K_ENOUGH, "exp(-k mu/L) Delta_0 decreases in k, and k >= (L/mu) log(Delta_0/eps)"))
)
DELTA_0 = sp.Eq(F(0) - fs, D0)
gd_pl_complexity = (
    Derivation(
        "gd_pl_complexity",
        given=[DESCENT_ALONG, PL_ALONG, GRAD_SQ_NONNEG, mu <= L, DELTA_0, K_ENOUGH,
               forall(j, use(gd_pl_one_step, {fk: F(j), fk1: F(j + 1), g: G(j)})), use(gd_factor_le_exp)],
        start=F(k) - fs, show=F(k) - fs <= eps,
        source="000, complexity table, GD [Polyak '63]: (L/mu) log(Delta_0/eps) iterations give f(x_k) - f* <= eps. "
               "Assumes Theorem 2's hypotheses (the descent lemma and PL at every iterate x_j of GD with step 1/L, "
               "mu <= L), Delta_0 = f(x_0) - f* > 0 and k >= (L/mu) log(Delta_0/eps); Theorem 2 (gd_pl_rate, its "
               "one-step lemma at every j), then gd_count_sufficient", expect="proved")
    .le(gd_factor ** k * (F(0) - fs), by=use(gd_pl_rate))
    .eq(gd_factor ** k * D0, by=substitute(DELTA_0, "Delta_0 = f(x_0) - f*"))
    .le(eps, by=use(gd_count_sufficient))
)

# -- the table's cited rows and what the table says about them -------------------------------------------
L_max, L_avg, sigma2, D_star = sp.symbols("L_max L_avg sigma^2 Delta_*", positive=True)
N = sp.Symbol("N", integer=True, positive=True)
LOG_GAP = sp.log(D0 / eps)
SGD_COUNT = L / mu * (L_max / mu * LOG_GAP + L_max * D_star / (mu * eps))
SVRG_COUNT = (N + N ** sp.Rational(2, 3) * L_max / mu) * LOG_GAP   # SAGA's row is the same expression
PAGE_B = sp.Min(sigma2 / (mu * eps), N)
PAGE_COUNT = (PAGE_B + sp.sqrt(PAGE_B) * L_avg / mu) * LOG_GAP
GD_COUNT = L / mu * LOG_GAP
TABLE = "000, complexity table (Other methods under the PL condition)"
CITED_ROWS = {
    "sgd_pl_complexity_cited": f"{TABLE}, SGD [Karimi et al., ECML-KDD'16]: "
                               "(L/mu)((max_i L_i/mu) log(Delta_0/eps) + max_i L_i Delta_*/(mu eps))",
    "svrg_pl_complexity_cited": f"{TABLE}, SVRG [Reddi et al., NeurIPS'16]: (N + N^(2/3) max_i L_i/mu) log(Delta_0/eps)",
    "saga_pl_complexity_cited": f"{TABLE}, SAGA [Reddi et al., NeurIPS'16]: (N + N^(2/3) max_i L_i/mu) log(Delta_0/eps)",
    "page_pl_complexity_cited": f"{TABLE}, PAGE [Li et al., ICML'21]: (b + sqrt(b) L_avg/mu) log(Delta_0/eps), "
                                "b = min(sigma^2/(mu eps), N)",
}
page_le_svrg_saga = Claim(
    "page_le_svrg_saga", given=[L_avg <= L_max, D0 >= eps], show=PAGE_COUNT <= SVRG_COUNT,
    source=f"{TABLE}: PAGE's count is at most SVRG's and SAGA's (b <= N, sqrt(b) <= N^(2/3), "
           "L_avg <= max_i L_i), for a target eps <= Delta_0", expect="proved")
sgd_count_ge_gd = Claim(
    "sgd_count_ge_gd", given=[mu <= L_max, D0 >= eps], show=SGD_COUNT >= GD_COUNT,
    source=f"{TABLE}: SGD's count is at least GD's, (L/mu) log(Delta_0/eps) of gd_pl_complexity (a comparison of "
           "the two expressions: it assumes max_i L_i >= mu and eps <= Delta_0, not the rates)", expect="proved")

gd_iterations_recap = Claim(
    "gd_iterations_recap", given=[kappa >= 1], show=1 - 1 / kappa <= sp.exp(-1 / kappa),
    source="001, 3) 'GD ~ L/m iterations to reduce distance to opt. by const. factor': with step 1/L the error "
           "contracts by 1 - 1/kappa <= e^{-1/kappa} per step (kappa = L/m), so kappa steps give the factor 1/e "
           "(then the k-th power, as in gd_pl_complexity; the factor is Theorem 2's, gd_pl_rate, with mu = m by "
           "sc_implies_pl: this claim is the inequality between the factors, cited by use of one_minus_le_exp)",
    expect="proved",
    by=use(one_minus_le_exp, {t: 1 / kappa}))
gd_iterations_recap_as_written = Claim(
    "gd_iterations_recap_as_written", given=[kappa >= 1, sp.Symbol("c", positive=True) <= 100],
    show=(1 - 1 / kappa) ** (sp.Symbol("c", positive=True) / kappa) <= sp.exp(-1),
    source="001, 3) as written: 'GD ~ P/lambda' with 'lambda, P = smoothness, strong convexity', i.e. c m/L "
           "iterations (any constant c <= 100) for a constant-factor decrease; false for ill-conditioned problems",
    expect="refuted")
agd_iterations_recap = Claim(
    "agd_iterations_recap", given=[kappa >= 1], show=1 - 1 / sp.sqrt(kappa) <= sp.exp(-1 / sp.sqrt(kappa)),
    source="001, 3) 'AGD ~ sqrt(L/m)': the factor 1 - 1/sqrt(kappa) of agd_rate is <= e^{-1/sqrt(kappa)}, so "
           "sqrt(kappa) steps give the factor 1/e", expect="proved",
    by=use(one_minus_le_exp, {t: 1 / sp.sqrt(kappa)}))


# -- Nesterov's rate, run --------------------------------------------------------------------------------
agd_rate = Experiment(
    "agd_rate", **agd_rate_run(),
    source="axiom (Nesterov 2004, Theorem 2.2.3, constant-momentum scheme): f(x_k) - f* <= (1 - sqrt(m/L))^k "
           "(f(x_0) - f* + m/2 ||x_0 - x*||^2) for L-smooth m-strongly convex f; 001, 3) Nesterov acc.; tested on "
           "strongly convex least squares", expect="tested", max_examples=40, first_iterate=1,
    statement="f(x_k) - f* <= (1 - sqrt(m/L))^k (f(x_0) - f* + m/2 ||x_0 - x*||^2)")

NODES = [
    node(one_minus_le_exp, "lemma", topic=TOPIC),
    node(gd_factor_le_exp, "lemma", topic=TOPIC, proof_uses=["one_minus_le_exp"]),
    node(power_monotone, "lemma", topic=TOPIC),
    node(gd_count_sufficient, "lemma", topic=TOPIC),
    node(gd_pl_complexity, "theorem", topic=TOPIC, uses=["pl_condition"], proof_uses=["descent_lemma"]),
    node(gd_iterations_recap, "lemma", topic=TOPIC),
    node(gd_iterations_recap_as_written, "erratum", topic=TOPIC, corrects="gd_iterations_recap"),
    *[node(None, "axiom", name=name, topic=TOPIC, source=source, expect="unknown")
      for name, source in CITED_ROWS.items()],
    node(page_le_svrg_saga, "theorem", topic=TOPIC,
         uses=["page_pl_complexity_cited", "svrg_pl_complexity_cited", "saga_pl_complexity_cited"]),
    node(sgd_count_ge_gd, "theorem", topic=TOPIC, uses=["sgd_pl_complexity_cited"]),
    node(agd_rate, "axiom", topic=TOPIC),
    node(agd_iterations_recap, "lemma", topic=TOPIC, proof_uses=["agd_rate", "one_minus_le_exp"]),
]
