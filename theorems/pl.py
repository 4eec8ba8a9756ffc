"""The Polyak-Lojasiewicz condition: definitions, remarks and the forms of PL*.

Main results (sources in each node):

* ``pl_condition`` (000, Definition 1) and its 004 form ``(1/2)||grad L||^2 >= mu (L - L*)``: equivalent
  (``pl_implies_half_gradient_form``, ``pl_half_gradient_form_implies_pl``).
* ``sc_implies_pl``: strong convexity, used only at ``y = x*``, gives PL with the same mu (000, Remarks;
  004 slide 3); the same chain shows ``weak_sc_implies_pl`` (004 slide 6, "weak SC").
* ``pl_stationary_is_global``: under PL every stationary point is a global minimiser (000, Remarks).
* ``pl_gap_bound``: ``f(x) - f* <= ||grad f(x)||^2 / (2 mu)`` (000, Remarks, last bullet).
* PL* (000, "SGD under PL condition in over-parameterized regime"): the notes give two forms,
  ``2 mu f <= ||grad f||^2`` and ``||grad f||^2 >= mu (f - f*)``. They are not equivalent:
  ``plstar_forms_equivalent_as_written`` is an erratum (refuted), ``plstar_form1_implies_form2`` its
  corrected twin (the second form is weaker by a factor 2).
* ``pl_implies_qg`` (axiom, Karimi et al. 2016; 004 slide 6 "Quadratic Growth"): tested on x^2 + 3 sin^2 x.
* ``interpolation_each_term``: with ``f = (1/N) sum f_i`` and ``f_i >= 0``, ``f_i <= N f``, so
  ``f(x_k) -> 0`` forces ``f_i(x_k) -> 0`` (000, "The interpolation effect").

Scalar conventions: ``fx = f(x)``, ``fs = f* = f(x*)``, ``G = ||grad f(x)||^2``,
``u = <grad f(x), x* - x>``, ``r = ||x* - x||^2``.
"""
from __future__ import annotations

import sympy as sp

from verify import Claim, Derivation, Experiment, Vector, inner, node, norm, substitute

from ._runs import quadratic_growth_run

TOPIC = "PL condition"

mu = sp.Symbol("mu", positive=True)
fx, fs, u = sp.symbols("fx fs u", real=True)
G, r = sp.symbols("G r", nonnegative=True)

PL = 2 * mu * (fx - fs) <= G                                   # 000, Definition 1
PL_004 = sp.Rational(1, 2) * G >= mu * (fx - fs)               # 004 slide 3

pl_implies_half_gradient_form = Claim(
    "pl_implies_half_gradient_form", given=[PL], show=PL_004,
    source="000, Definition 1 => 004, slide 3 (PL as (1/2)||grad L||^2 >= mu (L - L*))", expect="proved")
pl_half_gradient_form_implies_pl = Claim(
    "pl_half_gradient_form_implies_pl", given=[PL_004], show=PL,
    source="004, slide 3 => 000, Definition 1", expect="proved")

# ||grad f(x) + mu (x* - x)||^2 >= 0, expanded: the only vector fact the SC => PL argument needs.
_n = sp.Symbol("n", integer=True, positive=True)
_g, _d = Vector("g", _n), Vector("d", _n)
norm_square_expansion = Claim(
    "norm_square_expansion",
    show=sp.Eq(norm(_g + mu * _d) ** 2, norm(_g) ** 2 + 2 * mu * inner(_g, _d) + mu ** 2 * norm(_d) ** 2),
    source="expansion of ||g + mu d||^2 (bilinearity and symmetry of the inner product)", expect="proved")
EXPANSION = G + 2 * mu * u + mu ** 2 * r >= 0                 # ||g + mu d||^2 >= 0 with g = grad f(x), d = x* - x

SC_AT_MIN = fs >= fx + u + mu / 2 * r                          # 004 slide 3, SC with y = x*

sc_implies_pl = (
    Derivation("sc_implies_pl", given=[SC_AT_MIN, EXPANSION], start=2 * mu * (fx - fs),
               source="000, Definition 1, Remarks ('automatically holds for strongly convex functions'); "
                      "004, slide 3 ('SC => PL')", expect="proved", show=PL)
    .le(2 * mu * (-u - mu / 2 * r), by=substitute(SC_AT_MIN, "strong convexity at y = x*"))
    .eq(-2 * mu * u - mu ** 2 * r, by="expand")
    .le(G, by="||grad f(x) + mu (x* - x)||^2 >= 0, expanded")
)

weak_sc_implies_pl = (
    Derivation("weak_sc_implies_pl", given=[SC_AT_MIN, EXPANSION], start=2 * mu * (fx - fs),
               source="004, slide 6 ('Weak SC: L(x*) >= L(x) + <grad L(x), x* - x> + mu/2 ||x* - x||^2') => "
                      "000, Definition 1", expect="proved", show=PL)
    .le(2 * mu * (-u - mu / 2 * r), by=substitute(SC_AT_MIN, "weak strong convexity"))
    .eq(-2 * mu * u - mu ** 2 * r, by="expand")
    .le(G, by="||grad f(x) + mu (x* - x)||^2 >= 0, expanded")
)

pl_stationary_is_global = Claim(
    "pl_stationary_is_global", given=[PL, sp.Eq(G, 0), fx >= fs], show=sp.Eq(fx, fs),
    source="000, Definition 1, Remarks ('any stationary point is a global min'); 004, slide 3",
    expect="proved")

pl_gap_bound = Claim(
    "pl_gap_bound", given=[PL], show=fx - fs <= G / (2 * mu),
    source="000, Definition 1, Remarks ('the optimality gap is upper bounded by a quadratic function of "
           "the stationarity gap')", expect="proved")

# PL* (f* = 0): 000 writes "mu-PL*: 2 mu f(x) <= ||grad f(x)||^2   ||grad f(x)||^2 >= mu (f(x) - f*)".
f0 = sp.Symbol("f", nonnegative=True)                          # f(x) >= 0 = inf f
PLSTAR_1 = 2 * mu * f0 <= G
PLSTAR_2 = G >= mu * (f0 - 0)

plstar_forms_equivalent_as_written = Claim(
    "plstar_forms_equivalent_as_written", given=[PLSTAR_2], show=PLSTAR_1,
    source="000, 'SGD under PL condition in over-parameterized regime': the two displayed forms of mu-PL* "
           "as written; the second lacks the factor 2, so it does not give the first with the same mu",
    expect="refuted")
plstar_form1_implies_form2 = Claim(
    "plstar_form1_implies_form2", given=[PLSTAR_1], show=PLSTAR_2,
    source="000, mu-PL* (corrected): 2 mu f <= ||grad f||^2 implies ||grad f||^2 >= mu (f - f*), "
           "not conversely; the second form with 2 mu is the first", expect="proved")

fi, rest, Nn = sp.Symbol("f_i", nonnegative=True), sp.Symbol("rest", nonnegative=True), sp.Symbol("N", positive=True)
interpolation_each_term = Claim(
    "interpolation_each_term", given=[sp.Eq(Nn * f0, fi + rest)], show=fi <= Nn * f0,
    source="000, 'The interpolation effect': f = (1/N) sum_j f_j with f_j >= 0 (rest = sum of the other "
           "terms), so f_i <= N f and f(x_k) -> 0 forces f_i(x_k) -> 0", expect="proved")

pl_implies_qg = Experiment(
    "pl_implies_qg", **quadratic_growth_run(),
    source="axiom (Karimi, Nutini, Schmidt 2016, Theorem 2): PL implies quadratic growth "
           "f(x) - f* >= (mu/2) dist(x, X*)^2, tested on x^2 + 3 sin^2 x with its certified PL constant; "
           "004, quadratic growth (slide 6)", expect="tested", max_examples=200,
    statement="(mu/2) x^2 <= f(x) - f*")

NODES = [
    node(None, "definition", name="pl_condition", topic=TOPIC,
         source="000, Definition 1: 2 mu (f(x) - f(x*)) <= ||grad f(x)||^2 for all x, some mu > 0"),
    node(pl_implies_half_gradient_form, "lemma", topic=TOPIC, uses=["pl_condition"]),
    node(pl_half_gradient_form_implies_pl, "lemma", topic=TOPIC, uses=["pl_condition"]),
    node(norm_square_expansion, "lemma", topic=TOPIC),
    node(sc_implies_pl, "lemma", topic=TOPIC, uses=["pl_condition", "norm_square_expansion"]),
    node(weak_sc_implies_pl, "lemma", topic=TOPIC, uses=["pl_condition", "norm_square_expansion"]),
    node(pl_stationary_is_global, "lemma", topic=TOPIC, uses=["pl_condition"]),
    node(pl_gap_bound, "lemma", topic=TOPIC, uses=["pl_condition"]),
    node(plstar_forms_equivalent_as_written, "erratum", topic=TOPIC, corrects="plstar_form1_implies_form2",
         note="counterexample: f = 1, ||grad f||^2 = mu = 1 satisfies the second form but not the first"),
    node(plstar_form1_implies_form2, "lemma", topic=TOPIC),
    node(interpolation_each_term, "lemma", topic=TOPIC),
    node(pl_implies_qg, "axiom", topic=TOPIC, uses=["pl_condition"]),
]
