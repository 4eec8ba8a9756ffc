"""The scalar soundness corpus: claims whose truth value is known, for pinning the kernel.

``TRUE_CLAIMS`` hold for every value allowed by the symbols' assumptions and the hypotheses;
``FALSE_CLAIMS`` each fail somewhere in that domain. Every claim carries a comment with the reason:
a short proof for a true claim, and for a false one an explicit counterexample in the form

    # cx: name=value, name=value  (what the two sides are there)

checked by hand and in exact arithmetic. The families: identities (polynomial, rational, exp/log/sqrt,
Sum), polynomial and rational inequalities (AM-GM, Cauchy-Schwarz, Bernoulli, Young, Schur, Nesbitt,
descent-lemma algebra), exp/log/erf bounds, Abs/Max/Min, integer symbols, claims that need two
hypotheses together, and the ways a true claim goes wrong: needles (false at one point), claims
false only in a thin region near a hypothesis' boundary or only far out, wrong constants, flipped
relations, dropped factors of 2, sign swaps, strict-vs-non-strict at an equality point, a dropped
hypothesis.

This module is data: it imports only ``Claim`` from ``verify``.
"""
import sympy as _sp

from verify import Claim as _Claim

__all__ = ["TRUE_CLAIMS", "FALSE_CLAIMS"]

# --- symbols -------------------------------------------------------------------------------------
_x, _y, _z, _w, _t = _sp.symbols("x y z w t", real=True)
_x1, _x2, _x3, _y1, _y2, _y3 = _sp.symbols("x1 x2 x3 y1 y2 y3", real=True)
_a, _b, _c = _sp.symbols("a b c", positive=True)
_u, _v = _sp.symbols("u v", nonnegative=True)
_n, _k = _sp.symbols("n k", integer=True, nonnegative=True)
_m = _sp.symbols("m", integer=True)
_j = _sp.symbols("j", integer=True)  # bound summation index
_mu, _L, _eta, _eps = _sp.symbols("mu L eta epsilon", positive=True)
_delta, _g = _sp.symbols("delta g", nonnegative=True)
_d0, _d1, _d2 = _sp.symbols("d0 d1 d2", real=True)
_q = _sp.symbols("q", nonnegative=True)
_r = _sp.symbols("r", real=True)

_R = _sp.Rational
_exp, _log, _sqrt, _erf = _sp.exp, _sp.log, _sp.sqrt, _sp.erf
_Abs, _Max, _Min, _Sum, _Eq = _sp.Abs, _sp.Max, _sp.Min, _sp.Sum, _sp.Eq
_E, _pi = _sp.E, _sp.pi


def _true(name: str, show, given=()) -> _Claim:
    return _Claim(f"T_{name}", given=list(given), show=show, source="tests/corpus_scalar.py (true)")


def _false(name: str, show, given=()) -> _Claim:
    return _Claim(f"F_{name}", given=list(given), show=show, source="tests/corpus_scalar.py (false)",
                  expect="refuted")


# ==================================================================================================
# TRUE claims
# ==================================================================================================
TRUE_CLAIMS: list[_Claim] = [
    # ---- polynomial and rational identities ----
    # expand the left side
    _true("square_of_sum", _Eq((_x + _y) ** 2, _x**2 + 2 * _x * _y + _y**2)),
    # difference of squares, by expansion
    _true("difference_of_squares", _Eq((_x - _y) * (_x + _y), _x**2 - _y**2)),
    # difference of cubes, by expansion
    _true("difference_of_cubes", _Eq(_x**3 - _y**3, (_x - _y) * (_x**2 + _x * _y + _y**2))),
    # Sophie Germain: (x^2+2)^2 - (2x)^2
    _true("sophie_germain", _Eq(_x**4 + 4, (_x**2 + 2 * _x + 2) * (_x**2 - 2 * _x + 2))),
    # Lagrange's identity in two dimensions, by expansion
    _true("lagrange_identity_2d", _Eq((_x**2 + _y**2) * (_z**2 + _w**2),
                                      (_x * _z + _y * _w) ** 2 + (_x * _w - _y * _z) ** 2)),
    # common denominator a*b (a, b > 0 so both sides are defined)
    _true("difference_of_reciprocals", _Eq(1 / _a - 1 / _b, (_b - _a) / (_a * _b))),
    # partial fractions: 1/a - 1/(a+1) = ((a+1) - a)/(a(a+1))
    _true("partial_fractions", _Eq(1 / (_a * (_a + 1)), 1 / _a - 1 / (_a + 1))),
    # a^2 - 1 = (a-1)(a+1) and a - 1 != 0 under the hypothesis
    _true("cancel_common_factor", _Eq((_a**2 - 1) / (_a - 1), _a + 1), given=[_a > 1]),
    # exp is a homomorphism from (R,+) to (R_{>0},*)
    _true("exp_of_sum", _Eq(_exp(_x + _y), _exp(_x) * _exp(_y))),
    # log of a product of positive numbers
    _true("log_of_product", _Eq(_log(_a * _b), _log(_a) + _log(_b))),
    # log(a^3) = 3 log(a) for a > 0
    _true("log_of_power", _Eq(_log(_a**3), 3 * _log(_a))),
    # (sqrt a + sqrt b)^2 = a + 2 sqrt(a) sqrt(b) + b and sqrt(ab) = sqrt(a) sqrt(b) for a, b > 0
    _true("square_of_sqrt_sum", _Eq((_sqrt(_a) + _sqrt(_b)) ** 2, _a + _b + 2 * _sqrt(_a * _b))),
    # difference of squares with square roots
    _true("sqrt_difference_of_squares", _Eq((_sqrt(_a) - _sqrt(_b)) * (_sqrt(_a) + _sqrt(_b)), _a - _b)),
    # cosh^2 - sinh^2 = 1, times 4
    _true("cosh_sinh", _Eq((_exp(_x) + _exp(-_x)) ** 2 - (_exp(_x) - _exp(-_x)) ** 2, 4)),
    # |xy| = |x||y| for real x, y
    _true("abs_multiplicative", _Eq(_Abs(_x * _y), _Abs(_x) * _Abs(_y))),
    # max(x,y) + min(x,y) = x + y (one is x, the other y)
    _true("max_plus_min", _Eq(_Max(_x, _y) + _Min(_x, _y), _x + _y)),
    # max(x,y) = (x + y + |x - y|)/2: check the cases x >= y and x < y
    _true("max_via_abs", _Eq(_Max(_x, _y), (_x + _y + _Abs(_x - _y)) / 2)),
    # Gauss: sum_{j=0}^n j = n(n+1)/2
    _true("sum_gauss", _Eq(_Sum(_j, (_j, 0, _n)), _n * (_n + 1) / 2)),
    # sum of the first n odd numbers is n^2 (empty sum 0 at n = 0)
    _true("sum_odd", _Eq(_Sum(2 * _j + 1, (_j, 0, _n - 1)), _n**2)),
    # geometric sum: 1 + 2 + ... + 2^n = 2^(n+1) - 1
    _true("sum_geometric", _Eq(_Sum(2**_j, (_j, 0, _n)), 2 ** (_n + 1) - 1)),
    # sum of squares: n(n+1)(2n+1)/6
    _true("sum_squares", _Eq(_Sum(_j**2, (_j, 1, _n)), _n * (_n + 1) * (2 * _n + 1) / 6)),
    # telescoping: 1/(j(j+1)) = 1/j - 1/(j+1)
    _true("sum_telescoping", _Eq(_Sum(1 / (_j * (_j + 1)), (_j, 1, _n)), 1 - 1 / (_n + 1)), given=[_n >= 1]),

    # ---- polynomial inequalities ----
    # x^2 + y^2 - 2xy = (x - y)^2 >= 0
    _true("amgm_2_squares", _x**2 + _y**2 >= 2 * _x * _y),
    # x^2 + y^2 + 1 - xy - x - y = ((x-y)^2 + (x-1)^2 + (y-1)^2)/2
    _true("three_squares", _x**2 + _y**2 + 1 >= _x * _y + _x + _y),
    # x^2 - x + 1 = (x - 1/2)^2 + 3/4 > 0
    _true("strict_quadratic", _x**2 - _x + 1 > 0),
    # a^3+b^3+c^3-3abc = (a+b+c)((a-b)^2+(b-c)^2+(c-a)^2)/2 >= 0
    _true("amgm_3", _a**3 + _b**3 + _c**3 >= 3 * _a * _b * _c),
    # Cauchy-Schwarz in R^2: the difference is (xw - yz)^2
    _true("cauchy_schwarz_2", (_x * _z + _y * _w) ** 2 <= (_x**2 + _y**2) * (_z**2 + _w**2)),
    # Cauchy-Schwarz in R^3: the difference is the sum of the squares (x_i y_j - x_j y_i)^2, i < j
    _true("cauchy_schwarz_3", (_x1 * _y1 + _x2 * _y2 + _x3 * _y3) ** 2
          <= (_x1**2 + _x2**2 + _x3**2) * (_y1**2 + _y2**2 + _y3**2)),
    # Cauchy-Schwarz with (x,1),(y,1): difference (x - y)^2
    _true("cauchy_schwarz_ones", (_x**2 + 1) * (_y**2 + 1) >= (_x * _y + 1) ** 2),
    # 3(x^2+y^2+z^2) - (x+y+z)^2 = (x-y)^2 + (y-z)^2 + (z-x)^2
    _true("qm_am_3", (_x + _y + _z) ** 2 <= 3 * (_x**2 + _y**2 + _z**2)),
    # x^2+y^2+z^2 - xy - yz - zx = ((x-y)^2 + (y-z)^2 + (z-x)^2)/2
    _true("pairwise_products", _x * _y + _y * _z + _z * _x <= _x**2 + _y**2 + _z**2),
    # power mean: (a^2+b^2)/2 - ((a+b)/2)^2 = (a-b)^2/4
    _true("power_mean_2", ((_a + _b) / 2) ** 2 <= (_a**2 + _b**2) / 2),
    # Bernoulli, cubic: (1+x)^3 - 1 - 3x = x^2 (x + 3) >= 0 exactly when x >= -3 (sharp hypothesis)
    _true("bernoulli_cubic_sharp", (1 + _x) ** 3 >= 1 + 3 * _x, given=[_x >= -3]),
    # Bernoulli, quartic, for every real x: x^2 (x^2 + 4x + 6) >= 0 (discriminant 16 - 24 < 0)
    _true("bernoulli_quartic", (1 + _x) ** 4 >= 1 + 4 * _x),
    # Bernoulli for integer n >= 0 and x >= -1: induction, (1+x)^(n+1) >= (1+nx)(1+x) >= 1+(n+1)x
    _true("bernoulli_integer", (1 + _x) ** _n >= 1 + _n * _x, given=[_x >= -1]),
    # (x - y)(x^3 - y^3) = (x - y)^2 (x^2 + xy + y^2) >= 0
    _true("quartic_rearrangement", _x**4 + _y**4 >= _x**3 * _y + _x * _y**3),
    # x^4 - 4x + 3 = (x - 1)^2 (x^2 + 2x + 3), second factor (x+1)^2 + 2 > 0
    _true("quartic_double_root", _x**4 - 4 * _x + 3 >= 0),
    # 8(x^4+y^4) - (x+y)^4 = 7x^4 - 4x^3y - 6x^2y^2 - 4xy^3 + 7y^4 = (x-y)^2 (7x^2 + 10xy + 7y^2) >= 0
    _true("power_mean_4", (_x + _y) ** 4 <= 8 * (_x**4 + _y**4)),
    # x^6 - x^4 - x^2 + 1 = (x^2 - 1)^2 (x^2 + 1)
    _true("sextic", _x**6 + 1 >= _x**4 + _x**2),
    # Motzkin's polynomial is non-negative (AM-GM on x^4y^2, x^2y^4, 1) but not a sum of squares
    _true("motzkin", _x**4 * _y**2 + _x**2 * _y**4 - 3 * _x**2 * _y**2 + 1 >= 0),
    # Schur's inequality, t = 1: WLOG a >= b >= c; a(a-b)(a-c)+b(b-a)(b-c) = (a-b)(a(a-c)-b(b-c)) >= 0
    _true("schur", _a * (_a - _b) * (_a - _c) + _b * (_b - _a) * (_b - _c) + _c * (_c - _a) * (_c - _b) >= 0),
    # t(1 - t) = 1/4 - (t - 1/2)^2
    _true("product_on_unit_interval", _t * (1 - _t) <= _R(1, 4), given=[_t >= 0, _t <= 1]),
    # t^2 <= t iff t(t - 1) <= 0, true on [0, 1]
    _true("square_below_identity", _t**2 <= _t, given=[_t >= 0, _t <= 1]),
    # u + v = 1: uv = (1 - (u - v)^2)/4 <= 1/4
    _true("product_fixed_sum", _u * _v <= _R(1, 4), given=[_Eq(_u + _v, 1)]),
    # u + v = 1: u^2 + v^2 = (1 + (u - v)^2)/2 >= 1/2
    _true("squares_fixed_sum", _u**2 + _v**2 >= _R(1, 2), given=[_Eq(_u + _v, 1)]),
    # x^3 - 3x + 2 = (x - 1)^2 (x + 2) >= 0 for x >= -2 (here x >= 1)
    _true("cubic_double_root", _x**3 - 3 * _x + 2 >= 0, given=[_x >= 1]),

    # ---- rational inequalities and square roots ----
    # a + 1/a - 2 = (a - 1)^2 / a
    _true("a_plus_inverse", _a + 1 / _a >= 2),
    # strict: a + 1/a >= 2 > 1
    _true("a_plus_inverse_strict", _a + 1 / _a > 1),
    # a/b + b/a - 2 = (a - b)^2/(ab)
    _true("ratio_plus_inverse", _a / _b + _b / _a >= 2),
    # (a+b)(1/a+1/b) - 4 = (a - b)^2/(ab)
    _true("am_hm_product", (_a + _b) * (1 / _a + 1 / _b) >= 4),
    # 1/a + 1/b - 4/(a+b) = (a - b)^2/(ab(a+b))
    _true("reciprocal_sum", 1 / _a + 1 / _b >= 4 / (_a + _b)),
    # (a+b)/2 - 2ab/(a+b) = (a - b)^2/(2(a+b))
    _true("am_hm", (_a + _b) / 2 >= 2 * _a * _b / (_a + _b)),
    # 1/2 - x/(1+x^2) = (x - 1)^2 / (2(1+x^2))
    _true("x_over_one_plus_square", _x / (1 + _x**2) <= _R(1, 2)),
    # u - u/(1+u) = u^2/(1+u) >= 0
    _true("u_over_one_plus_u", _u / (1 + _u) <= _u),
    # Nesbitt: sum a/(b+c) >= 3/2 (clear denominators; Schur-free SOS)
    _true("nesbitt", _a / (_b + _c) + _b / (_a + _c) + _c / (_a + _b) >= _R(3, 2)),
    # AM-GM: a + b - 2 sqrt(ab) = (sqrt a - sqrt b)^2
    _true("amgm_sqrt", _a + _b >= 2 * _sqrt(_a * _b)),
    # (a + 1)/2 - sqrt(a) = (sqrt(a) - 1)^2 / 2
    _true("sqrt_below_mean", _sqrt(_a) <= (_a + 1) / 2),
    # (sqrt a + sqrt b)^2 = a + b + 2 sqrt(ab) >= a + b
    _true("sqrt_subadditive", _sqrt(_a + _b) <= _sqrt(_a) + _sqrt(_b)),
    # AM-GM rearranged: 2 sqrt(ab) <= a + b
    _true("amgm_ratio", 2 * _sqrt(_a * _b) / (_a + _b) <= 1),
    # Young with p = 3, q = 3/2: ab <= a^p/p + b^q/q
    _true("young_3_3half", _a * _b <= _a**3 / 3 + 2 * _b ** _R(3, 2) / 3),
    # Young with a parameter: eps x^2/2 + y^2/(2 eps) - xy = (sqrt(eps) x - y/sqrt(eps))^2 / 2
    _true("young_epsilon", _x * _y <= _eps * _x**2 / 2 + _y**2 / (2 * _eps)),

    # ---- descent-lemma style algebra ----
    # the design's picture: delta - g/(2L) <= delta - mu delta/L since g >= 2 mu delta and L > 0
    _true("pl_one_step", _delta - _g / (2 * _L) <= (1 - _mu / _L) * _delta,
          given=[_g >= 2 * _mu * _delta, _mu <= _L]),
    # 1 - mu/L = (L - mu)/L >= 0
    _true("contraction_factor_nonnegative", 1 - _mu / _L >= 0, given=[_mu <= _L]),
    # -eta g + L eta^2 g/2 + eta g/2 = eta g (L eta - 1)/2 <= 0 when eta <= 1/L, g >= 0
    _true("gd_step_decrease", -_eta * _g + _L * _eta**2 * _g / 2 <= -_eta * _g / 2, given=[_eta <= 1 / _L]),
    # two contraction steps: d2 <= q d1 <= q (q d0) since q >= 0 (d's of any sign)
    _true("two_step_recursion", _d2 <= _q**2 * _d0, given=[_d1 <= _q * _d0, _d2 <= _q * _d1]),
    # two PL steps: factor 1 - mu/L >= 0 because mu <= L, then as above
    _true("two_pl_steps", _d2 <= (1 - _mu / _L) ** 2 * _d0,
          given=[_d1 <= (1 - _mu / _L) * _d0, _d2 <= (1 - _mu / _L) * _d1, _mu <= _L]),
    # (1 - s)^k <= exp(-s)^k since 0 <= 1 - s <= exp(-s) for s = mu/L in (0, 1]
    _true("linear_rate_below_exp", (1 - _mu / _L) ** _k <= _exp(-_k * _mu / _L), given=[_mu <= _L]),

    # ---- exp / log / erf ----
    # tangent line of the convex exp at 0
    _true("exp_tangent", _exp(_x) >= 1 + _x),
    # exp(x) >= 1 + x > x
    _true("exp_above_identity", _exp(_x) > _x),
    # tangent line of exp at 1: exp(x) >= e(1 + (x - 1)) = e x
    _true("exp_tangent_at_one", _exp(_x) >= _E * _x),
    # Taylor with non-negative remainder for u >= 0 (all derivatives of exp positive)
    _true("exp_second_order", _exp(_u) >= 1 + _u + _u**2 / 2),
    # exp(u) >= 1 + u
    _true("exp_neg_reciprocal", _exp(-_u) <= 1 / (1 + _u)),
    # h(u) = exp(-u)(1 + u^2): h(0) = 1, h'(u) = -exp(-u)(1 - u)^2 <= 0
    _true("exp_times_quadratic", _exp(-_u) * (1 + _u**2) <= 1),
    # midpoint convexity of exp: (e^x + e^y)/2 - e^((x+y)/2) = (e^(x/2) - e^(y/2))^2/2
    _true("exp_midpoint_convex", _exp((_x + _y) / 2) <= (_exp(_x) + _exp(_y)) / 2),
    # tangent line of the concave log at 1
    _true("log_tangent", _log(_a) <= _a - 1),
    # log(1/a) <= 1/a - 1
    _true("log_lower", _log(_a) >= 1 - 1 / _a),
    # log(1+u) <= u
    _true("log1p_upper", _log(1 + _u) <= _u),
    # f(u) = log(1+u) - u + u^2/2: f(0) = 0, f'(u) = u^2/(1+u) >= 0
    _true("log1p_second_order", _log(1 + _u) >= _u - _u**2 / 2),
    # log(1+u) >= 1 - 1/(1+u) = u/(1+u)
    _true("log1p_lower", _log(1 + _u) >= _u / (1 + _u)),
    # a log a >= a (1 - 1/a) = a - 1
    _true("entropy_bound", _a * _log(_a) >= _a - 1),
    # midpoint concavity of log: (a+b)/2 >= sqrt(ab)
    _true("log_midpoint_concave", _log((_a + _b) / 2) >= (_log(_a) + _log(_b)) / 2),
    # log is increasing
    _true("log_monotone", _log(_a) >= _log(_b), given=[_a >= _b]),
    # s = sqrt(a) >= 1: f(s) = 2 log s - s + 1/s, f(1) = 0, f'(s) = -(s - 1)^2/s^2 <= 0
    _true("log_below_geometric", _log(_a) <= (_a - 1) / _sqrt(_a), given=[_a >= 1]),
    # erf maps R into (-1, 1)
    _true("erf_bounded", _Abs(_erf(_x)) <= 1),
    # erf is increasing (erf' = 2 exp(-x^2)/sqrt(pi) > 0)
    _true("erf_monotone", _erf(_x) >= _erf(_y), given=[_x >= _y]),
    # erf is concave on [0, oo) with slope 2/sqrt(pi) at 0
    _true("erf_below_tangent", _erf(_u) <= 2 * _u / _sqrt(_pi)),
    # erfc(u) <= exp(-u^2) for u >= 0 (Chernoff-type bound; equality at 0)
    _true("erfc_gaussian_tail", _erf(_u) >= 1 - _exp(-_u**2)),
    # erf concave on [0, oo) with erf(0) = 0, hence subadditive there
    _true("erf_subadditive", _erf(_u + _v) <= _erf(_u) + _erf(_v)),

    # ---- Abs / Max / Min ----
    # triangle inequality
    _true("triangle", _Abs(_x + _y) <= _Abs(_x) + _Abs(_y)),
    # reverse triangle inequality
    _true("reverse_triangle", _Abs(_Abs(_x) - _Abs(_y)) <= _Abs(_x - _y)),
    # triangle inequality through a third point
    _true("triangle_three_points", _Abs(_x - _y) <= _Abs(_x - _z) + _Abs(_z - _y)),
    # |x| = max(x, -x) >= x
    _true("abs_above", _Abs(_x) >= _x),
    # the larger of two numbers is at least their mean
    _true("max_above_mean", _Max(_x, _y) >= (_x + _y) / 2),
    # the smaller of two numbers is at most their mean
    _true("min_below_mean", _Min(_x, _y) <= (_x + _y) / 2),
    # for positive a, b: max(a, b) <= max(a, b) + min(a, b) = a + b
    _true("max_below_sum", _Max(_a, _b) <= _a + _b),
    # |x| + |y| <= 2 max(|x|, |y|)
    _true("abs_sum_below_max", _Abs(_x) + _Abs(_y) <= 2 * _Max(_Abs(_x), _Abs(_y))),
    # |x| <= |x - y| + |y| <= 1 + |y|
    _true("abs_lipschitz", _Abs(_x) <= _Abs(_y) + 1, given=[_Abs(_x - _y) <= 1]),

    # ---- integer symbols ----
    # 2^n >= n + 1 for n >= 0: induction, 2^(n+1) >= 2n + 2 >= n + 2
    _true("pow2_above_linear", 2**_n >= _n + 1),
    # m^2 - m = m(m - 1) is a product of consecutive integers, >= 0 (false for reals: m = 1/2)
    _true("int_square_above", _m**2 >= _m),
    # m^2 + m = m(m + 1) >= 0 for integers (false for reals: m = -1/2)
    _true("int_consecutive_product", _m**2 + _m >= 0),
    # n^3 - n = (n - 1) n (n + 1) >= 0 for integers n >= 0 (false for reals: n = 1/2)
    _true("int_cube_above", _n**3 >= _n),
    # 3^n >= 2n + 1: Bernoulli with x = 2
    _true("pow3_above_linear", 3**_n >= 2 * _n + 1),
    # 2^n >= n^2 for n >= 4: 16 >= 16, and 2^(n+1) >= 2n^2 >= (n+1)^2 when n >= 3
    _true("pow2_above_square_from_4", 2**_n >= _n**2, given=[_n >= 4]),
    # (1/2)^k <= 1/(k+1) is 2^k >= k + 1
    _true("half_power", _R(1, 2) ** _k <= 1 / (_k + 1)),
    # sum_{j=1}^n j = n(n+1)/2 <= n^2 since n + 1 <= 2n for n >= 1 (and 0 <= 0)
    _true("sum_below_square", _Sum(_j, (_j, 1, _n)) <= _n**2),
    # sum_{j<n} 2^j = 2^n - 1 < 2^n
    _true("geometric_sum_strict", _Sum(2**_j, (_j, 0, _n - 1)) < 2**_n),

    # ---- hypotheses that only work together ----
    # transitivity
    _true("transitivity", _x <= _z, given=[_x <= _y, _y <= _z]),
    # x y - 1 = (x - 1) y + (y - 1) >= 0 for x, y >= 1
    _true("product_of_large", _x * _y >= 1, given=[_x >= 1, _y >= 1]),
    # b >= 1/a >= 1 when ab >= 1 and 0 < a <= 1
    _true("reciprocal_bound", _b >= 1, given=[_a * _b >= 1, _a <= 1]),
    # a^2 >= a >= b when a >= b >= 1
    _true("square_above_chain", _a**2 >= _b, given=[_a >= _b, _b >= 1]),
    # on [0,1]^2: xy <= min(x, y) <= (x + y)/2
    _true("product_on_unit_square", _x * _y <= (_x + _y) / 2,
          given=[_x >= 0, _x <= 1, _y >= 0, _y <= 1]),
    # x^2 >= 1 means |x| >= 1
    _true("square_at_least_one", _sp.Or(_x >= 1, _x <= -1), given=[_x**2 >= 1]),
    # both halves: -|x| <= x <= |x|
    _true("abs_both_sides", _sp.And(_x <= _Abs(_x), -_x <= _Abs(_x))),

    # ---- added: higher order, bounded integers, harmonic sums ----
    # all derivatives of exp are positive, so the Taylor remainder is >= 0 for u >= 0
    _true("exp_fourth_order", _exp(_u) >= 1 + _u + _u**2 / 2 + _u**3 / 6 + _u**4 / 24),
    # each term 1/j <= 1
    _true("harmonic_below_n", _Sum(1 / _j, (_j, 1, _n)) <= _n, given=[_n >= 1]),
    # max(x, y) >= (x + y)/2 >= min(x, y)
    _true("max_above_min", _Max(_x, _y) >= _Min(_x, _y)),
    # |x - 1| + |x + 1| >= |(x + 1) - (x - 1)| = 2
    _true("abs_two_points", _Abs(_x - 1) + _Abs(_x + 1) >= 2),
    # 10 log n - n log 2 decreases for n > 15 and is still positive at n = 58 (58^10 = 4.3e17 > 2^58 = 2.9e17);
    # for 2 <= n <= 15 it increases from 10 log 2 - 2 log 2 > 0
    _true("pow2_below_tenth_power_bounded", 2**_n <= _n**10, given=[_n >= 2, _n <= 58]),
    # the hypothesis makes the left side exactly 0 (at the irrational points x = +-sqrt(2))
    _true("irrational_equality_case", (_x**2 - 2) ** 2 <= 0, given=[_Eq(_x**2, 2)]),
    # the same with the equation split into two inequalities and the square negated
    _true("irrational_equality_case_negated", -((_x**2 - 2) ** 2) >= 0, given=[_x**2 >= 2, _x**2 <= 2]),
    # a log(1 + 1/a) <= a (1/a) = 1 since log(1 + t) <= t (floats at a ~ 1e15 overshoot e: a trap)
    _true("compound_interest_upper", (1 + 1 / _a) ** _a <= _E),
    # (a + 1) log(1 + 1/a) >= (a + 1) (1/a)/(1 + 1/a) = 1 since log(1 + t) >= t/(1 + t)
    _true("compound_interest_lower", (1 + 1 / _a) ** (_a + 1) >= _E),
    # x + y <= 1 with x, y >= 0: xy <= ((x + y)/2)^2 <= 1/4
    _true("product_in_triangle", _x * _y <= _R(1, 4), given=[_x >= 0, _y >= 0, _x + _y <= 1]),
]


# ==================================================================================================
# FALSE claims (every one with an explicit counterexample, checked exactly)
# ==================================================================================================
FALSE_CLAIMS: list[_Claim] = [
    # ---- needles: false at a single point ----
    # x^2 + 1 - 2x = (x - 1)^2 vanishes at x = 1
    # cx: x=1  (2 > 2 fails)
    _false("needle_square", _x**2 + 1 > 2 * _x),
    # exp(x) = 1 + x at x = 0 only
    # cx: x=0  (1 > 1 fails)
    _false("needle_exp", _exp(_x) > 1 + _x),
    # (a - b)^2 vanishes on the diagonal
    # cx: x=1, y=1  (0 > 0 fails)
    _false("needle_difference_square", (_x - _y) ** 2 > 0),
    # log(a) = a - 1 at a = 1
    # cx: a=1  (0 < 0 fails)
    _false("needle_log", _log(_a) < _a - 1),
    # a + 1/a = 2 at a = 1
    # cx: a=1  (2 > 2 fails)
    _false("needle_inverse", _a + 1 / _a > 2),
    # |x| = 0 at x = 0
    # cx: x=0  (0 > 0 fails)
    _false("needle_abs", _Abs(_x) > 0),
    # (x-1)^2 + (y-1)^2 = 0 at (1, 1)
    # cx: x=1, y=1  (2 > 2 fails)
    _false("needle_2d", _x**2 + _y**2 > 2 * _x + 2 * _y - 2),
    # Motzkin's polynomial vanishes at (1, 1)
    # cx: x=1, y=1  (0 > 0 fails)
    _false("needle_motzkin", _x**4 * _y**2 + _x**2 * _y**4 - 3 * _x**2 * _y**2 + 1 > 0),
    # (x - 1)^2 (x^2 + 2x + 3) vanishes at x = 1
    # cx: x=1  (0 > 0 fails)
    _false("needle_quartic", _x**4 - 4 * _x + 3 > 0),
    # x = 0 is neither > 0 nor < 0
    # cx: x=0
    _false("needle_or", _sp.Or(_x > 0, _x < 0)),
    # exp(x) = e x at x = 1, so a margin of 1/100 fails there
    # cx: x=1  (e >= e + 1/100 fails)
    _false("needle_exp_margin", _exp(_x) >= _E * _x + _R(1, 100)),
    # a log a = a - 1 at a = 1
    # cx: a=1  (0 >= 1/1000 fails)
    _false("needle_entropy_margin", _a * _log(_a) >= _a - 1 + _R(1, 1000)),

    # ---- strict where equality is attained ----
    # cx: a=1, b=1  (2 > 2 fails)
    _false("strict_amgm_sqrt", _a + _b > 2 * _sqrt(_a * _b)),
    # cx: x=1, y=1  (2 > 2 fails)
    _false("strict_quartic_rearrangement", _x**4 + _y**4 > _x**3 * _y + _x * _y**3),
    # cx: x=1  (1/2 < 1/2 fails)
    _false("strict_x_over_one_plus_square", _x / (1 + _x**2) < _R(1, 2)),
    # cx: t=1/2  (1/4 < 1/4 fails)
    _false("strict_product_on_unit_interval", _t * (1 - _t) < _R(1, 4), given=[_t >= 0, _t <= 1]),
    # cx: u=1/2, v=1/2  (1/2 > 1/2 fails)
    _false("strict_squares_fixed_sum", _u**2 + _v**2 > _R(1, 2), given=[_Eq(_u + _v, 1)]),
    # cx: a=1, b=1, c=1  (3 > 3 fails)
    _false("strict_amgm_3", _a**3 + _b**3 + _c**3 > 3 * _a * _b * _c),
    # cx: a=1, b=1  (4 > 4 fails)
    _false("strict_am_hm_product", (_a + _b) * (1 / _a + 1 / _b) > 4),
    # cx: n=0  (1 > 1 fails)
    _false("strict_pow2_above_linear", 2**_n > _n + 1),
    # cx: n=4  (16 > 16 fails)
    _false("strict_pow2_above_square_from_4", 2**_n > _n**2, given=[_n >= 4]),
    # cx: k=0  (1 < 1 fails)
    _false("strict_half_power", _R(1, 2) ** _k < 1 / (_k + 1)),
    # cx: mu=1, L=1  (0 > 0 fails)
    _false("strict_contraction_factor", 1 - _mu / _L > 0, given=[_mu <= _L]),

    # ---- wrong constants ----
    # cx: a=1, b=1  (2 >= 3 fails)
    _false("wrong_constant_amgm", _a**2 + _b**2 >= 3 * _a * _b),
    # cx: a=1, b=1  (2 >= 3 fails)
    _false("wrong_constant_amgm_sqrt", _a + _b >= 3 * _sqrt(_a * _b)),
    # cx: x=1, y=1  (1 <= 1/2 fails)
    _false("wrong_constant_young", _x * _y <= _x**2 / 4 + _y**2 / 4),
    # cx: epsilon=1, x=1, y=1  (1 <= 3/4 fails)
    _false("wrong_constant_young_epsilon", _x * _y <= _eps * _x**2 / 2 + _y**2 / (4 * _eps)),
    # cx: a=1, b=1, c=1  (3/2 >= 2 fails)
    _false("wrong_constant_nesbitt", _a / (_b + _c) + _b / (_a + _c) + _c / (_a + _b) >= 2),
    # cx: a=1, b=1  (2 >= 5/2 fails)
    _false("wrong_constant_reciprocal_sum", 1 / _a + 1 / _b >= 5 / (_a + _b)),
    # cx: x=1, y=1  (16 <= 8 fails)
    _false("wrong_constant_power_mean_4", (_x + _y) ** 4 <= 4 * (_x**4 + _y**4)),
    # cx: x=1, y=1, z=1  (9 <= 6 fails)
    _false("wrong_constant_qm_am_3", (_x + _y + _z) ** 2 <= 2 * (_x**2 + _y**2 + _z**2)),
    # cx: x=1  (1/2 <= 2/5 fails)
    _false("wrong_constant_x_over_one_plus_square", _x / (1 + _x**2) <= _R(2, 5)),
    # cx: u=1/2, v=1/2  (1/4 <= 1/5 fails)
    _false("wrong_constant_product_fixed_sum", _u * _v <= _R(1, 5), given=[_Eq(_u + _v, 1)]),
    # cx: a=1  (0 <= -1 fails)
    _false("wrong_constant_log", _log(_a) <= _a - 2),
    # cx: x=1/10  (1.4641 >= 1.5 fails)
    _false("wrong_constant_bernoulli", (1 + _x) ** 4 >= 1 + 5 * _x, given=[_x >= -1]),
    # cx: n=1  (3 >= 4 fails)
    _false("wrong_constant_pow3", 3**_n >= 4 * _n),
    # cx: m=1  (1 >= 2 fails)
    _false("wrong_constant_int_square", _m**2 >= 2 * _m),
    # 1 - mu/L vs 1 - 2 mu/L at g = 2 mu delta
    # cx: mu=1, L=1, delta=1, g=2  (0 <= -1 fails)
    _false("wrong_constant_pl_one_step", _delta - _g / (2 * _L) <= (1 - 2 * _mu / _L) * _delta,
           given=[_g >= 2 * _mu * _delta, _mu <= _L]),
    # step size 2/L is too long for a decrease of eta g / 2
    # cx: eta=2, L=1, g=1  (0 <= -1 fails)
    _false("wrong_constant_gd_step", -_eta * _g + _L * _eta**2 * _g / 2 <= -_eta * _g / 2,
           given=[_eta <= 2 / _L]),

    # ---- flipped relations ----
    # cx: x=1  (e <= 2 fails)
    _false("flipped_exp_tangent", _exp(_x) <= 1 + _x),
    # cx: a=2  (log 2 = 0.693 >= 1 fails)
    _false("flipped_log_tangent", _log(_a) >= _a - 1),
    # cx: x=1, y=-1  (0 >= 2 fails)
    _false("flipped_triangle", _Abs(_x + _y) >= _Abs(_x) + _Abs(_y)),
    # cx: x=1, y=0  (1 <= 1/2 fails)
    _false("flipped_max_mean", _Max(_x, _y) <= (_x + _y) / 2),
    # cx: x=0, y=1  (0 >= 1/2 fails)
    _false("flipped_min_mean", _Min(_x, _y) >= (_x + _y) / 2),
    # cx: x=0, y=2  (e >= (1 + e^2)/2 = 4.19 fails)
    _false("flipped_exp_midpoint", _exp((_x + _y) / 2) >= (_exp(_x) + _exp(_y)) / 2),
    # cx: a=1, b=1  (sqrt 2 >= 2 fails)
    _false("flipped_sqrt_subadditive", _sqrt(_a + _b) >= _sqrt(_a) + _sqrt(_b)),
    # cx: x1=1, x2=0, x3=0, y1=0, y2=1, y3=0  (0 >= 1 fails)
    _false("flipped_cauchy_schwarz_3", (_x1 * _y1 + _x2 * _y2 + _x3 * _y3) ** 2
           >= (_x1**2 + _x2**2 + _x3**2) * (_y1**2 + _y2**2 + _y3**2)),
    # cx: a=2, b=1, c=1  (2 <= 0 fails)
    _false("flipped_schur", _a * (_a - _b) * (_a - _c) + _b * (_b - _a) * (_b - _c)
           + _c * (_c - _a) * (_c - _b) <= 0),
    # cx: u=1  (erf(1) = 0.843 >= 2/sqrt(pi) = 1.128 fails)
    _false("flipped_erf_tangent", _erf(_u) >= 2 * _u / _sqrt(_pi)),
    # cx: u=1, v=1  (erf(2) = 0.995 >= 2 erf(1) = 1.685 fails)
    _false("flipped_erf_subadditive", _erf(_u + _v) >= _erf(_u) + _erf(_v)),
    # cx: u=1  (erf(1) = 0.843 <= 1 - 1/e = 0.632 fails)
    _false("flipped_erfc_tail", _erf(_u) <= 1 - _exp(-_u**2)),
    # cx: u=1  (1/2 >= 1 fails)
    _false("flipped_u_over_one_plus_u", _u / (1 + _u) >= _u),
    # (1 - 1)^1 = 0 < exp(-1)
    # cx: mu=1, L=1, k=1  (0 >= 0.368 fails)
    _false("flipped_linear_rate", (1 - _mu / _L) ** _k >= _exp(-_k * _mu / _L), given=[_mu <= _L]),

    # ---- dropped factors of 2, sign swaps, wrong identities ----
    # cx: x=1, y=1  (4 == 3 fails)
    _false("dropped_2_square_of_sum", _Eq((_x + _y) ** 2, _x**2 + _x * _y + _y**2)),
    # cx: x=1, y=1  (0 == 4 fails)
    _false("sign_swap_square_of_difference", _Eq((_x - _y) ** 2, _x**2 + 2 * _x * _y + _y**2)),
    # the difference is 2xy(x - y)
    # cx: x=1, y=2  (-7 == -3 fails)
    _false("sign_swap_difference_of_cubes", _Eq(_x**3 - _y**3, (_x - _y) * (_x**2 - _x * _y + _y**2))),
    # cx: a=1  (1/2 == 3/2 fails)
    _false("sign_swap_partial_fractions", _Eq(1 / (_a * (_a + 1)), 1 / _a + 1 / (_a + 1))),
    # cx: x=0, y=0  (1 == 2 fails)
    _false("exp_of_sum_additive", _Eq(_exp(_x + _y), _exp(_x) + _exp(_y))),
    # cx: a=1, b=1  (log 2 == 0 fails)
    _false("log_of_sum", _Eq(_log(_a + _b), _log(_a) + _log(_b))),
    # cx: a=1, b=1  (sqrt 2 == 2 fails)
    _false("sqrt_of_sum_of_squares", _Eq(_sqrt(_a**2 + _b**2), _a + _b)),
    # cx: a=1, b=1  (1/2 == 2 fails)
    _false("reciprocal_of_sum", _Eq(1 / (_a + _b), 1 / _a + 1 / _b)),
    # cx: a=2  (3 == 1 fails)
    _false("wrong_cancel", _Eq((_a**2 - 1) / (_a - 1), _a - 1), given=[_a > 1]),
    # cx: x=1, y=-1  (1 == 0 fails)
    _false("max_via_abs_of_sum", _Eq(_Max(_x, _y), (_x + _y + _Abs(_x + _y)) / 2)),
    # (e^x+e^-x)^2 + (e^x-e^-x)^2 = 2e^(2x) + 2e^(-2x), which is 4 only at x = 0
    # cx: x=1  (2e^2 + 2/e^2 = 15.05 == 4 fails)
    _false("cosh_sinh_sign_swap", _Eq((_exp(_x) + _exp(-_x)) ** 2 + (_exp(_x) - _exp(-_x)) ** 2, 4)),
    # g >= mu delta (dropped 2) is too weak
    # cx: mu=1, L=1, delta=1, g=1  (1/2 <= 0 fails)
    _false("dropped_2_pl_hypothesis", _delta - _g / (2 * _L) <= (1 - _mu / _L) * _delta,
           given=[_g >= _mu * _delta, _mu <= _L]),
    # hypothesis flipped: g <= 2 mu delta
    # cx: mu=1, L=1, delta=1, g=0  (1 <= 0 fails)
    _false("flipped_pl_hypothesis", _delta - _g / (2 * _L) <= (1 - _mu / _L) * _delta,
           given=[_g <= 2 * _mu * _delta, _mu <= _L]),

    # ---- Sum with a symbolic bound ----
    # cx: n=1  (1 == 1/2 fails)
    _false("sum_gauss_halved", _Eq(_Sum(_j, (_j, 0, _n)), _n**2 / 2)),
    # cx: n=0  (1 == 2 fails)
    _false("sum_geometric_off_by_one", _Eq(_Sum(2**_j, (_j, 0, _n)), 2 ** (_n + 1))),
    # cx: n=2  (3 >= 4 fails)
    _false("sum_above_square", _Sum(_j, (_j, 1, _n)) >= _n**2),
    # cx: n=1  (1/2 == 0 fails)
    _false("sum_telescoping_wrong", _Eq(_Sum(1 / (_j * (_j + 1)), (_j, 1, _n)), 1 - 1 / _n), given=[_n >= 1]),
    # cx: n=0  (0 == 1 fails)
    _false("sum_odd_plus_one", _Eq(_Sum(2 * _j + 1, (_j, 0, _n - 1)), _n**2 + 1)),

    # ---- integer symbols ----
    # cx: n=3  (8 >= 9 fails)
    _false("pow2_above_square", 2**_n >= _n**2),
    # Bernoulli only needs x >= -2; at x = -3 odd powers fail
    # cx: x=-3, n=5  ((-2)^5 = -32 >= -14 fails)
    _false("bernoulli_integer_past_minus_two", (1 + _x) ** _n >= 1 + _n * _x, given=[_x >= -3]),
    # true for integers, false between them
    # cx: u=1/2  (1/8 >= 1/2 fails)
    _false("real_cube_above", _u**3 >= _u),
    # cx: x=-1/2  (-1/4 >= 0 fails)
    _false("real_consecutive_product", _x**2 + _x >= 0),
    # cx: x=-2  (-8 >= -2 fails)
    _false("real_cube_above_all", _x**3 >= _x),

    # ---- thin regions near a hypothesis' boundary ----
    # (x - 1)(x - 1001/1000) < 0 on (1, 1001/1000)
    # cx: x=2001/2000  (product = -1/4000000 fails >= 0)
    _false("thin_above_one", (_x - 1) * (_x - 1 - _R(1, 1000)) >= 0, given=[_x >= 1]),
    # x^2 - 1 - (2 + 1/1000)(x - 1) = (x - 1)(x - 1001/1000)
    # cx: x=2001/2000
    _false("thin_secant", _x**2 - 1 >= (2 + _R(1, 1000)) * (_x - 1), given=[_x >= 1]),
    # discriminant 4e-8 > 0: negative on (9/10000, 11/10000)
    # cx: u=1/1000  (1/10^6 + 99/10^8 = 199/10^8 >= 2/10^6 fails)
    _false("thin_quadratic", _u**2 + _R(99, 10**8) >= _u / 500),
    # x^2 (x + 3) < 0 just below -3
    # cx: x=-6001/2000  ((1+x)^3 = -8.006 >= 1 + 3x = -8.0015 fails)
    _false("thin_bernoulli_below_minus_three", (1 + _x) ** 3 >= 1 + 3 * _x, given=[_x >= -3 - _R(1, 1000)]),
    # (x-1)^2 (x^2+2x+3) has minimum 0 at x = 1, so shifting by 1/100 goes negative there
    # cx: x=1  (1 - 4 + 299/100 = -1/100 >= 0 fails)
    _false("thin_quartic_shift", _x**4 - 4 * _x + _R(299, 100) >= 0),
    # t(1-t) <= 1/4 - 1/10^6 fails within 1/1000 of t = 1/2
    # cx: t=1/2  (1/4 <= 1/4 - 1/10^6 fails)
    _false("thin_product_on_unit_interval", _t * (1 - _t) <= _R(1, 4) - _R(1, 10**6), given=[_t >= 0, _t <= 1]),
    # mu slightly above L breaks 1 - mu/L >= 0; hypothesis allows mu up to L + 1/1000
    # cx: mu=1001/1000, L=1  (-1/1000 >= 0 fails)
    _false("thin_contraction_factor", 1 - _mu / _L >= 0, given=[_mu <= _L + _R(1, 1000)]),

    # ---- far out: false only for large values ----
    # u^3 - 1000 u^2 - 1 > 0 once u > 1000
    # cx: u=1001  (1001^3 <= 1000*1001^2 + 1 fails by 1001^2 - 1)
    _false("far_cubic", _u**3 <= 1000 * _u**2 + 1),
    # the quadratic correction wins only for a around 995 and beyond
    # cx: a=2000  (log 2000 = 7.6 <= 1999 - 1999^2/1000 = -1997.0 fails)
    _false("far_log_quadratic", _log(_a) <= (_a - 1) - (_a - 1) ** 2 / 1000, given=[_a >= 1]),
    # erf(u) >= u fails once u passes about 0.62
    # cx: u=2  (erf(2) = 0.995 >= 2 fails)
    _false("erf_above_identity", _erf(_u) >= _u),
    # exp(-u)(1 + u^3) = 28/e^3 = 1.39 at u = 3
    # cx: u=3  (1.394 <= 1 fails)
    _false("exp_times_cubic", _exp(-_u) * (1 + _u**3) <= 1),

    # ---- dropped or weakened hypotheses ----
    # transitivity without the link y <= z
    # cx: x=1, y=2, z=0
    _false("dropped_link", _x <= _z, given=[_x <= _y]),
    # only x >= 1 is known
    # cx: x=1, y=0  (0 >= 1 fails)
    _false("dropped_y_large", _x * _y >= 1, given=[_x >= 1]),
    # only ab >= 1
    # cx: a=2, b=1/2  (1/2 >= 1 fails)
    _false("dropped_a_small", _b >= 1, given=[_a * _b >= 1]),
    # a >= b but not b >= 1: squares can be smaller
    # cx: a=1/2, b=1/2  (1/4 >= 1/2 fails)
    _false("dropped_b_large", _a**2 >= _b, given=[_a >= _b]),
    # the recursion with a possibly negative factor
    # cx: r=-1, d0=-1, d1=-5, d2=5  (d1 = -5 <= 1, d2 = 5 <= 5, 5 <= -1 fails)
    _false("recursion_negative_factor", _d2 <= _r**2 * _d0, given=[_d1 <= _r * _d0, _d2 <= _r * _d1]),
    # the unit-square bound xy <= (x+y)/2 needs x, y <= 1
    # cx: x=2, y=2  (4 <= 2 fails)
    _false("dropped_unit_box", _x * _y <= (_x + _y) / 2, given=[_x >= 0, _y >= 0]),
    # log(a) <= (a-1)/sqrt(a) holds for a >= 1 only
    # cx: a=1/4  (-1.386 <= -1.5 fails)
    _false("dropped_a_at_least_one", _log(_a) <= (_a - 1) / _sqrt(_a)),
    # Bernoulli without x >= -1 (cubic: needs x >= -3)
    # cx: x=-4  (-27 >= -11 fails)
    _false("bernoulli_cubic_unrestricted", (1 + _x) ** 3 >= 1 + 3 * _x),
    # t^2 <= t outside [0, 1]
    # cx: t=2  (4 <= 2 fails)
    _false("square_below_identity_upper_dropped", _t**2 <= _t, given=[_t >= 0]),
    # monotonicity of log does not double it
    # cx: a=2, b=2  (log 2 >= 2 log 2 fails)
    _false("log_monotone_doubled", _log(_a) >= 2 * _log(_b), given=[_a >= _b]),
    # |x - y| <= 1 gives |x| <= |y| + 1, not |x| <= |y|
    # cx: x=1, y=0
    _false("abs_lipschitz_no_slack", _Abs(_x) <= _Abs(_y), given=[_Abs(_x - _y) <= 1]),
    # cx: x=1, y=1  (2 <= 1 fails)
    _false("abs_sum_below_max_no_2", _Abs(_x) + _Abs(_y) <= _Max(_Abs(_x), _Abs(_y))),
    # cx: x=0, y=1  (1 <= -1 fails)
    _false("abs_difference_below", _Abs(_x - _y) <= _Abs(_x) - _Abs(_y)),
    # x^2 >= 1 does not force x >= 1
    # cx: x=-2
    _false("square_at_least_one_positive", _x >= 1, given=[_x**2 >= 1]),
    # And with one false half: x <= |x| holds, |x| <= x fails for x < 0
    # cx: x=-1  (1 <= -1 fails)
    _false("and_one_half_false", _sp.And(_x <= _Abs(_x), _Abs(_x) <= _x)),

    # ---- added: irrational needle, far integers, transcendental thin regions ----
    # (x^2 - 2)^2 vanishes only at the irrational points x = +-sqrt(2): no rational counterexample
    # cx: x=sqrt(2)  (0 > 0 fails)
    _false("needle_irrational", (_x**2 - 2) ** 2 > 0),
    # the same needle, oriented so that sympy's relational auto-evaluation at x = CRootOf(x**2 - 2, 1)
    # gets it wrong ((x**2 - 2)**2 <= 0 evaluates to False there)
    # cx: x=sqrt(2)  (0 < 0 fails)
    _false("needle_irrational_negated", -((_x**2 - 2) ** 2) < 0),
    # (x - 10^-15)^2 > 0 fails at one tiny point, below what a float-scaled search resolves
    # cx: x=1/10**15  (2/10**30 > 2/10**30 fails)
    _false("needle_tiny_scale", _x**2 + _R(1, 10**30) > 2 * _R(1, 10**15) * _x),
    # (x - 10^15)^2 > 0 fails at one huge point
    # cx: x=10**15  (2*10**30 > 2*10**30 fails)
    _false("needle_huge_scale", _x**2 + 10**30 > 2 * 10**15 * _x),
    # three variables, one point
    # cx: x=1, y=1, z=1  (0 > 0 fails)
    _false("needle_3d", (_x - _y) ** 2 + (_y - _z) ** 2 + (_z - 1) ** 2 > 0),
    # exp(u) - 1 - u = u^2/2 + u^3/6 + ... < (1/2 + 1/1000) u^2 for 0 < u < about 0.006
    # cx: u=1/1000  (exp(1/1000) = 1.00100050017 >= 1.00100050100 fails)
    _false("thin_exp_second_order", _exp(_u) >= 1 + _u + (_R(1, 2) + _R(1, 1000)) * _u**2),
    # exp(u) - 1 - u - u^2/2 = u^3/6 + u^4/24 + ... < (1 + 10^-6) u^3/6 for 0 < u < about 4e-6; the
    # violation there is about 1e-25, invisible in double precision
    # cx: u=1/10**6  (the difference of the sides is 4.2e-26 - 1.7e-25 < 0)
    _false("thin_exp_third_order", _exp(_u) >= 1 + _u + _u**2 / 2 + (1 + _R(1, 10**6)) * _u**3 / 6),
    # n^10 >= 2^n up to n = 58 and fails first at n = 59 (59^10 = 5.11e17 < 2^59 = 5.76e17)
    # cx: n=59
    _false("far_pow2_below_tenth_power", 2**_n <= _n**10, given=[_n >= 2]),
    # the harmonic numbers pass 3 at n = 11 (H_11 = 3.0199)
    # cx: n=11
    _false("far_harmonic_below_3", _Sum(1 / _j, (_j, 1, _n)) <= 3),
    # the cubic correction makes the right side negative for u past about 33.6, where erf(u) is about 1
    # cx: u=40  (erf(40) = 1.0 <= 80/sqrt(pi) - 64 = -18.86 fails)
    _false("far_erf_cubic", _erf(_u) <= 2 * _u / _sqrt(_pi) - _u**3 / 1000),
    # equality on the diagonal
    # cx: x=2, y=2  (2 > 2 fails)
    _false("strict_max_above_min", _Max(_x, _y) > _Min(_x, _y)),
    # |x - 1| + |x + 1| = 2 on all of [-1, 1]
    # cx: x=0  (2 > 2 fails)
    _false("strict_abs_two_points", _Abs(_x - 1) + _Abs(_x + 1) > 2),
    # the maximum 1/4 of xy on the triangle is attained at (1/2, 1/2)
    # cx: x=1/2, y=1/2  (1/4 <= 1/4 - 1/10^6 fails)
    _false("thin_product_in_triangle", _x * _y <= _R(1, 4) - _R(1, 10**6), given=[_x >= 0, _y >= 0, _x + _y <= 1]),
]
