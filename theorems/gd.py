"""Gradient descent under PL: 000 Theorem 2 and 004's proof of it (slide 4).

Main results:

* ``descent_lemma`` (axiom; Nesterov 2004, Lemma 1.2.3): ``f(y) <= f(x) + <grad f(x), y - x> + L/2 ||y - x||^2``
  for L-smooth f; tested on ``x^2 + 3 sin^2 x`` (L = 8 derived) and on least squares (L = lambda_max(H)).
* ``gd_pl_one_step_eta``: 004's chain, every line a link: beta-smoothness, the GD step, ``eta = 1/beta``,
  mu-PL, giving ``L(x^{k+1}) - L* <= (1 - eta mu)(L(x^k) - L*)``.
* ``gd_pl_one_step``: the same with 000's step ``1/L``: ``f(x_{k+1}) - f* <= (1 - mu/L)(f(x_k) - f*)``.
* ``pl_mu_le_L``: PL and L-smoothness force ``mu <= L`` (so ``1 - mu/L >= 0``).
* ``gd_pl_rate`` (000, Theorem 2): ``f(x_k) - f* <= (1 - mu/L)^k (f(x_0) - f*)`` from the descent lemma and
  PL at every iterate and ``mu <= L``: ``gd_pl_one_step`` used at every j (``forall(j, use(...))``), then
  induction on k.
* ``gd_pl_one_step_improved`` (beyond the notes): the PEP bound ``(1 - mu/L)/(1 + mu/(2L))`` of one step,
  proved as a weighted sum of the smooth interpolation inequality and PL at x_k and x_{k+1}; run in
  ``gd_pl_improved_rate_run``.
* ``gd_pl_one_step_pep_certificate`` (beyond the notes): the same bound as the PEP's dual certificate, an exact
  identity in f and the Gram entries; with PEPit installed, re-derived from the solver's rationalised duals.
* ``gd_pl_rate_run``: the bound at every iterate of GD on adversarial least squares (both regimes) and
  on ``x^2 + 3 sin^2 x``, with the worst observed/claimed ratio.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp

from verify import Claim, Derivation, Experiment, OneStepCertificate, forall, induction, node, substitute, use

from ._runs import GD_STEPS, SCALAR_L, descent_lemma_run, gd_rate_run

TOPIC = "GD under PL"

L, mu, beta, eta = sp.symbols("L mu beta eta", positive=True)
fk, fk1, fs, u = sp.symbols("f_k f_k1 fs u", real=True)   # f(x_k), f(x_{k+1}), f*, <grad f(x_k), x_{k+1}-x_k>
g, r = sp.symbols("g r", nonnegative=True)                # ||grad f(x_k)||^2, ||x_{k+1} - x_k||^2

# -- the descent lemma (cited; run in theorems/_runs.py) ------------------------------------------------
descent_lemma = Experiment(
    "descent_lemma", **descent_lemma_run(),
    source="axiom: descent lemma for L-smooth f (Nesterov 2004, Lemma 1.2.3), used in 000 Theorems 2-4 and "
           f"004 slide 4; tested on x^2 + 3 sin^2 x with L = max|f''| = {SCALAR_L}", expect="tested", max_examples=200,
    statement="f(y) <= f(x) + f'(x)(y - x) + (L/2)(y - x)^2")


# -- 004, slide 4 ------------------------------------------------------------------------------------
SMOOTH_004 = fk1 <= fk + u + beta / 2 * r                  # beta-smoothness (descent lemma) at x^k, x^{k+1}
STEP_INNER = sp.Eq(u, -eta * g)                            # x^{k+1} - x^k = -eta grad L(x^k)
STEP_NORM = sp.Eq(r, eta ** 2 * g)
ETA = sp.Eq(eta, 1 / beta)
PL_004 = sp.Rational(1, 2) * g >= mu * (fk - fs)

gd_pl_one_step_eta = (
    Derivation("gd_pl_one_step_eta", given=[SMOOTH_004, STEP_INNER, STEP_NORM, ETA, PL_004], start=fk1 - fs,
               source="004, slide 4 (Smoothness + PL => linear convergence of GD)", expect="proved")
    .le(fk + u + beta / 2 * r - fs, by=substitute(SMOOTH_004, "beta-smoothness"))
    .eq(fk - eta * g + beta / 2 * eta ** 2 * g - fs, by="GD step: x^{k+1} - x^k = -eta grad L(x^k)")
    .eq(fk - eta / 2 * g - fs, by="eta = 1/beta")
    .le(fk - eta * mu * (fk - fs) - fs, by="mu-PL: (1/2)||grad L(x^k)||^2 >= mu (L(x^k) - L*)")
    .eq((1 - eta * mu) * (fk - fs), by="collect")
)

# -- 000, Theorem 2 -------------------------------------------------------------------------------------
DESCENT_1_OVER_L = fk1 <= fk - g / (2 * L)                 # descent lemma at y = x_k - grad f(x_k)/L
PL = 2 * mu * (fk - fs) <= g                               # 000, Definition 1 at x_k

gd_pl_one_step = (
    Derivation("gd_pl_one_step", given=[DESCENT_1_OVER_L, PL], start=fk1 - fs,
               source="000, Theorem 2 (one step of the rate; step 1/L)", expect="proved")
    .le(fk - g / (2 * L) - fs, by=substitute(DESCENT_1_OVER_L, "descent lemma with step 1/L"))
    .le(fk - mu / L * (fk - fs) - fs, by="PL: ||grad f(x_k)||^2 >= 2 mu (f(x_k) - f*)")
    .eq((1 - mu / L) * (fk - fs), by="collect")
)

pl_mu_le_L = Claim(
    "pl_mu_le_L", given=[fk > fs, PL, fs <= fk - g / (2 * L)], show=mu <= L,
    source="000, Theorem 2 (implicit: with PL and L-smoothness, 1 - mu/L >= 0): the descent lemma at "
           "x - grad f(x)/L gives ||grad f||^2 <= 2L (f - f*), PL gives >= 2 mu (f - f*)", expect="proved")

k, j = sp.symbols("k j", integer=True, nonnegative=True)
F, G = sp.Function("F"), sp.Function("G")                 # F(j) = f(x_j), G(j) = ||grad f(x_j)||^2
# the notes' hypotheses, instantiated along GD with step 1/L: the descent lemma and PL at every iterate
DESCENT_ALONG = forall(j, F(j + 1) <= F(j) - G(j) / (2 * L))
PL_ALONG = forall(j, 2 * mu * (F(j) - fs) <= G(j))
GRAD_SQ_NONNEG = forall(j, G(j) >= 0)                      # G(j) is a squared norm
gd_pl_rate = Claim(
    "gd_pl_rate",
    given=[DESCENT_ALONG, PL_ALONG, GRAD_SQ_NONNEG, mu <= L,
           forall(j, use(gd_pl_one_step, {fk: F(j), fk1: F(j + 1), g: G(j)}))],
    show=F(k) - fs <= (1 - mu / L) ** k * (F(0) - fs),
    source="000, Theorem 2: f(x_k) - f* <= (1 - mu/L)^k (f(x_0) - f*); assumes the descent lemma and PL at "
           "every iterate x_j of GD with step 1/L, and mu <= L; gd_pl_one_step applied at every j, then "
           "induction on k", expect="proved", by=induction(k))


# -- runs (theorems/_runs.py) -------------------------------------------------------------------------


def notes_rate(mu_, L_):
    """000, Theorem 2's factor per step: ``1 - mu/L``."""
    return 1 - mu_ / L_


def pep_rate(mu_, L_):
    """The PEP's factor per step (gd_pl_one_step_improved): ``(1 - mu/L)/(1 + mu/(2L))``."""
    return (1 - mu_ / L_) / (1 + mu_ / (2 * L_))


gd_pl_rate_run = Experiment(
    "gd_pl_rate_run", **gd_rate_run(notes_rate),
    source=f"000, Theorem 2 run: f(x_j) - f* <= (1 - mu/L)^j (f(x_0) - f*) for j <= {GD_STEPS}", expect="tested",
    uses=("gd_pl_rate",), max_examples=60, first_iterate=1, statement="f(x_j) - f* <= (1 - mu/L)^j (f(x_0) - f*)")


gd_pl_improved_rate_run = Experiment(
    "gd_pl_improved_rate_run", **gd_rate_run(pep_rate),
    source="beyond the notes (000, Theorem 2 with the rate of gd_pl_one_step_improved): f(x_j) - f* <= "
           f"((1 - mu/L)/(1 + mu/(2L)))^j (f(x_0) - f*) for j <= {GD_STEPS}", expect="tested",
    uses=("gd_pl_one_step_improved",), max_examples=60, first_iterate=1,
    statement="f(x_j) - f* <= ((1 - mu/L)/(1 + mu/(2L)))^j (f(x_0) - f*)")

# -- tightness (verify.solvers.pep): the improved one-step inequality as a weighted sum ----------------
g1, c01 = sp.Symbol("g1", nonnegative=True), sp.Symbol("c01", real=True)   # ||grad f(x_{k+1})||^2, <g_k, g_{k+1}>
INTERP = fk >= fk1 + c01 / L + (g - 2 * c01 + g1) / (2 * L) - g1 / (4 * L)
PL_NEXT = 2 * mu * (fk1 - fs) <= g1
gd_pl_one_step_improved = (
    Derivation("gd_pl_one_step_improved", given=[INTERP, PL, PL_NEXT], start=fk1 - fs,
               source="beyond the notes, 000, Theorem 2 tightened: the PEP of one GD step (verify.solvers.pep) gives "
                      "(1 - mu/L)/(1 + mu/(2L)) < 1 - mu/L; its dual combination: the interpolation inequality of "
                      "L-smooth functions between x_k and x_{k+1} = x_k - grad f(x_k)/L (Taylor, Hendrickx, Glineur "
                      "2017, Thm 3.10: f_i >= f_j + <g_j, x_i - x_j> + ||g_i - g_j||^2/(2L) - (L/4)||x_i - x_j - "
                      "(g_i - g_j)/L||^2, expanded with c01 = <g_k, g_{k+1}>), plus (1/L) x PL at x_k and "
                      "(1/(2L)) x PL at x_{k+1}", expect="proved")
    .le(fk - fs - g / (2 * L) - g1 / (4 * L), by="interpolation inequality between x_k and x_{k+1}, expanded")
    .le(fk - fs - mu / L * (fk - fs) - mu / (2 * L) * (fk1 - fs), by="PL at x_k and at x_{k+1}")
    .eq((1 - mu / L) * (fk - fs) - mu / (2 * L) * (fk1 - fs), by="collect")
)
gd_pl_one_step_improved_final = Claim(
    "gd_pl_one_step_improved_final",
    given=[INTERP, PL, PL_NEXT, use(gd_pl_one_step_improved)],
    show=fk1 - fs <= (1 - mu / L) / (1 + mu / (2 * L)) * (fk - fs),
    source="beyond the notes: solving the last line of gd_pl_one_step_improved for f(x_{k+1}) - f*",
    expect="proved")

# The same bound as the PEP's own dual certificate: the derivation's weights above (1 on the interpolation
# inequality between x_k and x_{k+1}, 1/(2L) on PL at x_k and 1/(4L) on PL at x_{k+1}, PL written
# 2 mu (f - f*) <= ||grad f||^2, i.e. 1/L and 1/(2L) on mu (f - f*) <= ||grad f||^2/2) divided by
# 1 + mu/(2L), so that f(x_{k+1}) - f* has weight 1 as in the PEP. The kernel checks the weighted-sum identity
# for all 0 < mu <= L; with PEPit installed, the PEP is solved at the rational points below, its duals are
# rationalised, that certificate is checked exactly and compared with these weights.
_IMPROVED_WEIGHTS = {"smooth(x0,x1)": sp.Integer(1), "PL(x0)": 1 / (2 * L), "PL(x1)": 1 / (4 * L)}
gd_pl_one_step_pep_certificate = OneStepCertificate(
    "gd_pl_one_step_pep_certificate", L=L, mu=mu, rate=sp.simplify(pep_rate(mu, L)),
    multipliers={k: sp.simplify(w / (1 + mu / (2 * L))) for k, w in _IMPROVED_WEIGHTS.items()},
    notes_rate=notes_rate(mu, L),
    points=((Fraction(1), Fraction(1, 4)), (Fraction(1), Fraction(1, 2)), (Fraction(2), Fraction(1, 3)),
            (Fraction(4), Fraction(1))),
    source="beyond the notes, 000, Theorem 2 tightened: f(x_{k+1}) - f* <= (1 - mu/L)/(1 + mu/(2L)) (f(x_k) - f*) "
           "as the dual certificate of the one-step PEP (verify.solvers.pep_certificate): the weights of "
           "gd_pl_one_step_improved on the PEP's constraints (smooth(x0,x1): f(x_k) >= f(x_{k+1}) + ..., Taylor, "
           "Hendrickx, Glineur 2017, Thm 3.10), checked as an exact identity in f and the Gram entries; with PEPit, "
           "re-derived from the solver's rationalised duals at (L, mu) = (1, 1/4), (1, 1/2), (2, 1/3), (4, 1), "
           "beside the notes' rate 1 - mu/L and an instance lower bound",
    expect="proved",
    statement="f(x_1) - f* - (1 - mu/L)/(1 + mu/(2L)) (f(x_0) - f*) = sum_c lambda_c e_c <= 0")


NODES = [
    node(descent_lemma, "axiom", topic=TOPIC),
    node(gd_pl_one_step_eta, "lemma", topic=TOPIC, uses=["pl_condition"], proof_uses=["descent_lemma"]),
    node(gd_pl_one_step, "lemma", topic=TOPIC, uses=["pl_condition"], proof_uses=["descent_lemma"]),
    node(pl_mu_le_L, "lemma", topic=TOPIC, uses=["pl_condition"], proof_uses=["descent_lemma"]),
    node(gd_pl_rate, "theorem", topic=TOPIC, uses=["pl_condition"], proof_uses=["descent_lemma"]),
    node(gd_pl_rate_run, "experiment", topic=TOPIC, uses=["gd_pl_rate"]),
    node(gd_pl_one_step_improved, "lemma", topic=TOPIC, uses=["pl_condition"]),
    node(gd_pl_one_step_improved_final, "lemma", topic=TOPIC, proof_uses=["gd_pl_one_step_improved"]),
    node(gd_pl_improved_rate_run, "experiment", topic=TOPIC, uses=["gd_pl_one_step_improved_final"]),
    node(gd_pl_one_step_pep_certificate, "lemma", topic=TOPIC, uses=["pl_condition"]),
]
