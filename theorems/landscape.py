"""Optimization landscapes: local minima, second-order conditions, strict saddles (003, Section 8.2).

Main results (sources in each node):

* ``local_minimum`` (Definition 8.1) and ``strict_saddle`` (Definition 8.4): definitions.
* ``second_order_first_order_part`` and ``second_order_second_order_part``: the notes' "if x is a local
  minimum of f, then grad f(x) = 0 and hess f(x) >= 0", on a line ``f(x + t v) - f(x) = a t + (b/2) t^2 +
  c t^3``: non-negative at ``t = +-h`` for a small enough h forces ``a = 0``, then ``b >= 0``.
* Example 8.2, ``f(x1, x2) = x1^2 + x2^3``: the gradient vanishes at 0 (``ex82_gradient_zero``), the
  Hessian there is ``diag(2, 0)``, PSD (``ex82_hessian_psd``), 0 is its only stationary point
  (``ex82_only_stationary_point``), and moving along ``-e2`` decreases f (``ex82_descent_direction``), so
  "``grad f = 0`` and ``hess f >= 0`` imply a local minimum" is false (``ex82_second_order_not_sufficient``,
  expected refuted) and f is not strict-saddle at the origin for any ``beta > 0`` (``ex82_not_strict_saddle``).

* Theorems 8.3, 8.5 and 8.6 are cited (axioms without a checkable statement: ``unknown``).

Gradients and Hessians of Example 8.2 are computed here by sympy's ``diff`` from the function, never
typed in.
"""
from __future__ import annotations

import sympy as sp

from verify import Claim, node

TOPIC = "Landscapes"

x1, x2 = sp.symbols("x1 x2", real=True)
t, h, beta_ = sp.symbols("t h beta", positive=True)
F82 = x1 ** 2 + x2 ** 3                                           # Example 8.2
GRAD82 = [sp.diff(F82, v) for v in (x1, x2)]
HESS82 = sp.hessian(F82, (x1, x2))
AT_ORIGIN = [sp.Eq(x1, 0), sp.Eq(x2, 0)]

# -- second-order necessary conditions, on a line --------------------------------------------------------
a, b, c = sp.symbols("a b c", real=True)
LINE = a * t + b / 2 * t ** 2 + c * t ** 3                       # f(x + t v) - f(x) up to third order
second_order_first_order_part = Claim(
    "second_order_first_order_part",
    given=[LINE.subs(t, h) >= 0, LINE.subs(t, -h) >= 0, h * (abs(b) / 2 + abs(c) * h) < abs(a)],
    show=sp.Eq(a, 0),
    source="003, second-order necessary conditions ('if x is a local minimum of f, then grad f(x) = 0'): along a line "
           "f(x + t v) - f(x) = a t + (b/2) t^2 + c t^3; if it is >= 0 at t = +-h for an h so small that "
           "the linear term dominates, then a = 0 (the hypotheses are contradictory for a != 0)",
    expect="proved")
second_order_second_order_part = Claim(
    "second_order_second_order_part",
    given=[sp.Eq(a, 0), LINE.subs(t, h) >= 0, h * abs(c) < abs(b) / 2],
    show=b >= 0,
    source="003, second-order necessary conditions ('... and hess f(x) >= 0'): with a = 0, "
           "f(x + h v) - f(x) = (b/2) h^2 + c h^3 "
           ">= 0 for an h with |c| h < |b|/2 forces b = <v, hess f(x) v> >= 0",
    expect="proved")

# -- Example 8.2 --------------------------------------------------------------------------------------
ex82_gradient_zero = Claim(
    "ex82_gradient_zero", given=AT_ORIGIN, show=sp.And(sp.Eq(GRAD82[0], 0), sp.Eq(GRAD82[1], 0)),
    source="003, Example 8.2: f(x1, x2) = x1^2 + x2^3 has grad f(0, 0) = 0 (gradient by sympy)",
    expect="proved")
ex82_hessian_psd = Claim(
    "ex82_hessian_psd", given=[sp.Eq(x2, 0)],
    show=sp.And(sp.Eq(HESS82[1, 1], 0), HESS82[1, 1] >= 0,
                HESS82[0, 0] * HESS82[1, 1] - HESS82[0, 1] * HESS82[1, 0] >= 0),
    source="003, Example 8.2: hess f(0, 0) = [[2, 0], [0, 0]] >= 0 (Hessian by sympy: [[2, 0], [0, 6 x2]]; "
           "at x2 = 0 its diagonal is 2, 0 and its determinant 0, so PSD)", expect="proved")
ex82_only_stationary_point = Claim(
    "ex82_only_stationary_point", given=[sp.Eq(GRAD82[0], 0), sp.Eq(GRAD82[1], 0)],
    show=sp.And(sp.Eq(x1, 0), sp.Eq(x2, 0)),
    source="003, Example 8.2: the origin is the only stationary point of x1^2 + x2^3", expect="proved")
ex82_descent_direction = Claim(
    "ex82_descent_direction", given=[], show=sp.Lt(F82.subs({x1: 0, x2: -t}), F82.subs({x1: 0, x2: 0}), evaluate=False),
    source="003, Example 8.2 ('if we move in the negative direction of x2, we can decrease the function "
           "value'): f(0, -t) = -t^3 < 0 = f(0, 0) for every t > 0", expect="proved")
ex82_second_order_not_sufficient = Claim(
    "ex82_second_order_not_sufficient", given=[abs(x1) <= h, abs(x2) <= h], show=F82 >= F82.subs({x1: 0, x2: 0}),
    source="003, Example 8.2 (the converse the example rules out): 'grad f = 0 and hess f >= 0 at 0 imply "
           "f >= f(0) on a neighbourhood [-h, h]^2' is false for x1^2 + x2^3 (the premises hold at 0 by ex82_gradient_zero "
           "and ex82_hessian_psd; ex82_descent_direction is the way down; the counterexample is found and re-checked "
           "here, it rests on no lemma)", expect="refuted")
ex82_not_strict_saddle = Claim(
    "ex82_not_strict_saddle", given=AT_ORIGIN + [sp.Gt(beta_, 0, evaluate=False)],
    show=sp.And(sp.Eq(sp.sqrt(GRAD82[0] ** 2 + GRAD82[1] ** 2), 0),
                sp.Min(HESS82[0, 0], HESS82[1, 1]) > -beta_),
    source="003, Definition 8.4 and Example 8.2: at the origin ||grad f|| = 0 < alpha and "
           "lambda_min(hess f) = min(2, 0) = 0 > -beta (the Hessian is diagonal), and the origin is no local "
           "minimum (ex82_descent_direction), with no other stationary point to be gamma-close to "
           "(ex82_only_stationary_point): f is not strict-saddle; checked here are the first two conditions, which "
           "need neither lemma",
    expect="proved")

NODES = [
    node(None, "axiom", name="local_min_np_hard_cited", topic=TOPIC, expect="unknown",
         source="003, Theorem 8.3: checking local minimality is NP-hard (Murty and Kabadi 1987; Hillar and Lim "
                "2013 for degree-4 polynomials), cited: nothing to check here"),
    node(None, "axiom", name="strict_saddle_convergence_cited", topic=TOPIC, expect="unknown",
         source="003, Theorem 8.5 (informal): optimizers converge to an eps-local minimum of an (alpha, beta, "
                "gamma)-strict-saddle f in poly(d, 1/alpha, 1/beta, 1/gamma, 1/eps) time, cited"),
    node(None, "axiom", name="approximate_local_min_convergence_cited", topic=TOPIC, expect="unknown",
         source="003, Theorem 8.6: if small gradient and hess f >= -tau_0 I imply eps^c-closeness to a global "
                "minimum, optimizers reach a delta-global minimum in poly(1/delta, 1/tau_0, d) time, cited"),
    node(None, "definition", name="local_minimum", topic=TOPIC,
         source="003, Definition 8.1: x is a local minimum of f if f >= f(x) on an open neighbourhood of x"),
    node(None, "definition", name="strict_saddle", topic=TOPIC,
         source="003, Definition 8.4: f is (alpha, beta, gamma)-strict-saddle if every x has ||grad f(x)|| >= "
                "alpha, or lambda_min(hess f(x)) <= -beta, or is gamma-close to a local minimum"),
    node(second_order_first_order_part, "lemma", topic=TOPIC, uses=["local_minimum"]),
    node(second_order_second_order_part, "lemma", topic=TOPIC, uses=["local_minimum"]),
    node(ex82_gradient_zero, "lemma", topic=TOPIC),
    node(ex82_hessian_psd, "lemma", topic=TOPIC),
    node(ex82_only_stationary_point, "lemma", topic=TOPIC),
    node(ex82_descent_direction, "lemma", topic=TOPIC, uses=["local_minimum"]),
    node(ex82_second_order_not_sufficient, "lemma", topic=TOPIC, uses=["local_minimum"]),
    node(ex82_not_strict_saddle, "lemma", topic=TOPIC, uses=["strict_saddle"]),
]
