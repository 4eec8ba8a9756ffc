"""Red-team claims for issue 8: invented claims, each with its truth established outside the tool.

Each entry is ``(description, build, expected, verdict)``: ``build`` returns a ``Claim``/``Derivation`` or a
tuple of shell arguments for ``verify check``; ``expected`` is ``"true"`` or ``"false"`` (the truth argument is
in the description or the comment beside it); ``verdict`` is what the tool said in the recorded run
(``RECORDED``), or ``None`` if not yet run. A *break* is a true claim refuted, a false claim proved, or a
crash (an exception or a traceback). A *miss* is a false claim left ``tested``/``unknown``.

Run ``python benchmarks/redteam_claims.py`` to re-run every claim (2 s limit each) and print the table;
``--recorded`` prints the recorded table without running, ``--record`` also writes the new verdicts here.
"""
from __future__ import annotations

import contextlib
import io
import sys
import time

import sympy as sp

from verify import (Claim, Derivation, during, gronwall, nonincreasing, Matrix, Vector, check, eye, inner, lambda_max, lambda_min, norm, op_norm,
                    outer, sigma_min, substitute, trace, use)

x, y, z = sp.symbols("x y z", real=True)
a, b = sp.symbols("a b", positive=True)
t = sp.Symbol("t", real=True)
p = sp.Symbol("p", nonnegative=True)
k = sp.Symbol("k", integer=True)
n = sp.Symbol("n", integer=True, nonnegative=True)
i = sp.Symbol("i", integer=True, nonnegative=True)
d = sp.Symbol("d", integer=True, positive=True)
jp = sp.Symbol("j", integer=True, positive=True)
F = sp.Float
R = sp.Rational
C0 = R(1234567, 1000)
C = R(7, 3)
EPS = R(1, 10**9)
s_ = sp.Symbol("s", real=True)  # time inside an interval
T, c = sp.symbols("T c", positive=True)
u = sp.Function("u")
Du = sp.Derivative(u(s_), s_)


def cl(name, show, given=()):
    return lambda: Claim("rt2_" + name, given=list(given), show=show)


def sh(*argv):
    return lambda: tuple(argv)


# --- matrices and vectors used below (built lazily inside lambdas so a constructor error is recorded) ---
def _P(rank):
    return Matrix("P", 3, 3, structure="psd", rank=rank)


CLAIMS = [
    # 1. floats are their binary values
    ("float 0.5 is exact: x = 0.5 gives 2x <= 1", cl("f05", 2 * x <= 1, [sp.Eq(x, F(0.5))]), "true"),
    ("float 0.3 < 3/10: x = fl(0.3) gives 10x >= 3 false", cl("f03ge", 10 * x >= 3, [sp.Eq(x, F(0.3))]), "false"),
    ("float 0.3 < 3/10: x = fl(0.3) gives 10x <= 3", cl("f03le", 10 * x <= 3, [sp.Eq(x, F(0.3))]), "true"),
    ("fl(0.1)+fl(0.2) > fl(0.3) exactly (0.30000000000000001665 > 0.29999999999999998890)",
     cl("f_sum", F(0.1) + F(0.2) > F(0.3)), "true"),
    ("3*fl(0.1) <= 3/10 false (fl(0.1) > 1/10)", cl("f_3tenth", 3 * F(0.1) <= R(3, 10)), "false"),
    ("x >= fl(0.1) gives x >= 1/10 (fl(0.1) > 1/10)", cl("f_hyp_up", x >= R(1, 10), [x >= F(0.1)]), "true"),
    ("x >= 1/10 does not give x >= fl(0.1) (x = 1/10)", cl("f_hyp_down", x >= F(0.1), [x >= R(1, 10)]), "false"),
    ("x >= 0 gives x + 1e-300 > 0", cl("f_tiny_pos", x + F(1e-300) > 0, [x >= 0]), "true"),
    ("x >= 0 does not give x - 1e-300 >= 0 (x = 0)", cl("f_tiny_neg", x - F(1e-300) >= 0, [x >= 0]), "false"),
    ("cos x <= 1 + 1e-20 for real x", cl("f_cos", sp.cos(x) <= 1 + F(1e-20)), "true"),
    ("cos x < 1 - 1e-20 false at x = 0", cl("f_cos_strict", sp.cos(x) < 1 - F(1e-20)), "false"),
    ("exp(x) >= 1 + x - 1e-300", cl("f_exp", sp.exp(x) >= 1 + x - F(1e-300)), "true"),
    ("x = fl(1/3) (Float(1/3)) gives 3x < 1 (fl(1/3) = 0.333..3148 < 1/3)",
     cl("f_third", 3 * x < 1, [sp.Eq(x, F(1 / 3))]), "true"),
    ("x = 2**-1074 (denormal) gives x > 0", cl("f_denorm", x > 0, [sp.Eq(x, F(5e-324))]), "true"),
    ("x = 2**-1074 does not give x >= 1e-323 (fl(1e-323) = 2*2**-1074)",
     cl("f_denorm2", x >= F(1e-323), [sp.Eq(x, F(5e-324))]), "false"),
    # (sympy itself rounds Float('0.1', 30) * 10 to 1 when the product is built, so the Float goes in a hypothesis)
    ("x = Float('0.1', 30) does not give 10 x = 1 (its binary value differs from 1/10)",
     cl("f_prec30", sp.Eq(10 * x, 1), [sp.Eq(x, F("0.1", 30))]), "false"),
    # 2. matrix structure and rank (rank=r is an upper bound)
    ("psd rank<=1: trace P = lambda_max P", cl("rk1_trace", sp.Eq(trace(_P(1)), lambda_max(_P(1)))), "true"),
    ("psd rank<=2 in 3x3: lambda_min P = 0", cl("rk2_lmin", sp.Eq(lambda_min(_P(2)), 0)), "true"),
    ("psd rank<=2: trace P <= 2 lambda_max P", cl("rk2_trace2", trace(_P(2)) <= 2 * lambda_max(_P(2))), "true"),
    ("psd rank<=2: trace P <= lambda_max P false (diag(1,1,0))",
     cl("rk2_trace1", trace(_P(2)) <= lambda_max(_P(2))), "false"),
    ("symmetric rank<=1: lambda_min*lambda_max = 0",
     lambda: Claim("rt2_sym_rk1", show=sp.Eq(lambda_min(Matrix("S", 3, 3, structure="symmetric", rank=1))
                                            * lambda_max(Matrix("S", 3, 3, structure="symmetric", rank=1)), 0)),
     "true"),
    ("orthogonal Q: op_norm Q = 1", lambda: Claim("rt2_orth_op", show=sp.Eq(op_norm(Matrix("Q", 3, 3, structure="orthogonal")), 1)), "true"),
    ("orthogonal Q 3x3: trace Q >= -3", lambda: Claim("rt2_orth_tr", show=trace(Matrix("Q", 3, 3, structure="orthogonal")) >= -3), "true"),
    ("orthogonal Q 3x3: trace Q >= -1 false (Q = -I)", lambda: Claim("rt2_orth_tr1", show=trace(Matrix("Q", 3, 3, structure="orthogonal")) >= -1), "false"),
    ("unit u, v in R^3: <u, v> >= -1", lambda: Claim("rt2_unit_ge", show=inner(Vector("u", 3, structure="unit"), Vector("v", 3, structure="unit")) >= -1), "true"),
    ("unit u, v in R^3: <u, v> > -1 false (v = -u)", lambda: Claim("rt2_unit_gt", show=inner(Vector("u", 3, structure="unit"), Vector("v", 3, structure="unit")) > -1), "false"),
    ("diagonal D 3x3: trace D <= 3 lambda_max D", lambda: Claim("rt2_diag", show=trace(Matrix("D", 3, 3, structure="diagonal")) <= 3 * lambda_max(Matrix("D", 3, 3, structure="diagonal"))), "true"),
    ("diagonal D 3x3: trace D >= lambda_max D false (diag(1,-1,0))", lambda: Claim("rt2_diag2", show=trace(Matrix("D", 3, 3, structure="diagonal")) >= lambda_max(Matrix("D", 3, 3, structure="diagonal"))), "false"),
    ("general R 3x4 rank<=1: sigma_min R = 0 (3rd singular value)", lambda: Claim("rt2_r34", show=sp.Eq(sigma_min(Matrix("R", 3, 4, rank=1)), 0)), "true"),
    ("general R 3x4 rank<=2: op_norm R > 0 false (R = 0)", lambda: Claim("rt2_r34b", show=op_norm(Matrix("R", 3, 4, rank=2)) > 0), "false"),
    # 3. sympy rewrites / simplify
    ("binomial symmetry for 0<=k<=n", cl("binom_sym", sp.Eq(sp.binomial(n, i), sp.binomial(n, n - i)), [i <= n]), "true"),
    ("binomial(k, 1) >= 0 for every integer k false (binomial(k, 1) = k; sympy gives binomial(-2, 1) = -2)",
     cl("binom_neg", sp.binomial(k, 1) >= 0), "false"),
    ("sqrt(x**2) = x false at x = -1", cl("sqrt_sq", sp.Eq(sp.sqrt(x ** 2), x)), "false"),
    ("sqrt(x**2) = |x|", cl("sqrt_abs", sp.Eq(sp.sqrt(x ** 2), sp.Abs(x))), "true"),
    ("log(exp x) = x", cl("logexp", sp.Eq(sp.log(sp.exp(x)), x)), "true"),
    ("log(ab) = log a + log b for a, b > 0", cl("logprod", sp.Eq(sp.log(a * b), sp.log(a) + sp.log(b))), "true"),
    ("log(a**2) = 2 log a for a > 0", cl("logsq", sp.Eq(sp.log(a ** 2), 2 * sp.log(a))), "true"),
    ("(x**2-1)/(x-1) = x+1 where defined", cl("removable", sp.Eq((x ** 2 - 1) / (x - 1), x + 1)), "true"),
    ("floor x + floor(-x) = -1 false at integers", cl("floor_pair", sp.Eq(sp.floor(x) + sp.floor(-x), -1)), "false"),
    ("floor x + floor(-x) >= -1", cl("floor_pair_ge", sp.floor(x) + sp.floor(-x) >= -1), "true"),
    ("ceiling x = -floor(-x)", cl("ceil_floor", sp.Eq(sp.ceiling(x), -sp.floor(-x))), "true"),
    ("floor(k/2) + ceiling(k/2) = k", cl("halves", sp.Eq(sp.floor(k / 2) + sp.ceiling(k / 2), k)), "true"),
    ("2 floor(k/2) = k false at k = 1", cl("halves2", sp.Eq(2 * sp.floor(k / 2), k)), "false"),
    ("k**2 mod 8 = k mod 2 false at k = 2 (even squares are 0 or 4 mod 8)", cl("mod8", sp.Eq(sp.Mod(k ** 2, 8), sp.Mod(k, 2))), "false"),
    ("k**2 mod 4 = k mod 2 (even squares 0, odd squares 1 mod 4)", cl("mod4", sp.Eq(sp.Mod(k ** 2, 4), sp.Mod(k, 2))), "true"),
    ("k**2 mod 3 = k mod 2 false at k = 2", cl("mod3", sp.Eq(sp.Mod(k ** 2, 3), sp.Mod(k, 2))), "false"),
    ("sin x >= x - x**3/6 for x >= 0", cl("sin_taylor", sp.sin(x) >= x - x ** 3 / 6, [x >= 0]), "true"),
    ("sin x >= x - x**3/7 for x >= 0 false near 0 (x = 1/10)", cl("sin_taylor7", sp.sin(x) >= x - x ** 3 / 7, [x >= 0]), "false"),
    ("gamma(n+1) = n!", cl("gamma", sp.Eq(sp.gamma(n + 1), sp.factorial(n))), "true"),
    ("x/x... (x**3+x)/x = x**2+1 where defined", cl("cubic_div", sp.Eq((x ** 3 + x) / x, x ** 2 + 1)), "true"),
    ("(x**3+x)/x > 1 false where defined? no: x**2+1 > 1 false at... x != 0 so true", cl("cubic_div_gt", (x ** 3 + x) / x > 1), "true"),
    # 4. sums and integer gaps
    ("n >= 5: sum (-1)^i C(n-5, i) = 0 false at n = 5", cl("alt5", sp.Eq(sp.Sum((-1) ** i * sp.binomial(n - 5, i), (i, 0, n - 5)), 0), [n >= 5]), "false"),
    ("n >= 6: sum (-1)^i C(n-5, i) = 0", cl("alt6", sp.Eq(sp.Sum((-1) ** i * sp.binomial(n - 5, i), (i, 0, n - 5)), 0), [n >= 6]), "true"),
    ("sum i**3 = (n(n+1)/2)**2", cl("cubes", sp.Eq(sp.Sum(i ** 3, (i, 1, n)), (n * (n + 1) / 2) ** 2)), "true"),
    ("sum 2**i (0..n) = 2**(n+1) false", cl("geo_bad", sp.Eq(sp.Sum(2 ** i, (i, 0, n)), 2 ** (n + 1))), "false"),
    ("sum 2**i (0..n) = 2**(n+1) - 1", cl("geo", sp.Eq(sp.Sum(2 ** i, (i, 0, n)), 2 ** (n + 1) - 1)), "true"),
    ("sum binomial(n,i) = 2**n", cl("binsum", sp.Eq(sp.Sum(sp.binomial(n, i), (i, 0, n)), 2 ** n)), "true"),
    ("H_n <= 1 + log n for n >= 1", cl("harm_log", sp.Sum(1 / i, (i, 1, n)) <= 1 + sp.log(n), [n >= 1]), "true"),
    ("H_n <= 5 false from n = 83", cl("harm5", sp.Sum(1 / i, (i, 1, n)) <= 5, [n >= 1]), "false"),
    ("n**2 - 137n + 4692 >= 0 on integers (roots 68, 69)", cl("gap_ge", n ** 2 - 137 * n + 4692 >= 0), "true"),
    ("n**2 - 137n + 4692 > 0 false at n = 68", cl("gap_gt", n ** 2 - 137 * n + 4692 > 0), "false"),
    ("(n - 1000)**2 >= 1 false at n = 1000", cl("gap_1000", (n - 1000) ** 2 >= 1), "false"),
    ("k**2 + k + 1 > 0 on integers", cl("kpos", k ** 2 + k + 1 > 0), "true"),
    ("6 | k(k+1)(k+2)", cl("six", sp.Eq(sp.Mod(k * (k + 1) * (k + 2), 6), 0)), "true"),
    ("2**n >= n**2 false at n = 3", cl("pow2", 2 ** n >= n ** 2), "false"),
    ("2**n >= n**2 for n >= 4", cl("pow2b", 2 ** n >= n ** 2, [n >= 4]), "true"),
    ("3**n >= n**3 for n >= 0", cl("pow3", 3 ** n >= n ** 3), "true"),
    ("3**n > n**3 false at n = 3", cl("pow3s", 3 ** n > n ** 3), "false"),
    ("prod i (1..n) = n!", cl("prod", sp.Eq(sp.Product(i, (i, 1, n)), sp.factorial(n))), "true"),
    ("n >= 3: 2n + 1 <= 2**n", cl("lin_exp", 2 * n + 1 <= 2 ** n, [n >= 3]), "true"),
    ("n >= 2: 2n + 1 <= 2**n false at n = 2", cl("lin_exp2", 2 * n + 1 <= 2 ** n, [n >= 2]), "false"),
    # 5. z3 internal-name collisions: false at p = 1, w = C0 whatever w is called
    *[(f"z3 name collision with w named {nm!r}",
       (lambda nm=nm: Claim("rt2_z3_" + str(abs(hash(nm)) % 10**6),
                            show=sp.Or(sp.sqrt(p) >= sp.Symbol(nm, real=True),
                                       (sp.Symbol(nm, real=True) - C0) ** 2 >= R(1, 10**20)))),
       "false") for nm in ("_sqrt0", "_sqrt2", "_s0", "sqrt_p", "_abs0", "_t0", "_aux0", "_z0", "v0", "_r0")],
    *[(f"z3 name collision (exp) with w named {nm!r}",
       (lambda nm=nm: Claim("rt2_z3e_" + str(abs(hash(nm)) % 10**6),
                            show=sp.Or(sp.exp(x) >= sp.Symbol(nm, real=True) + x,
                                       (sp.Symbol(nm, real=True) - C0) ** 2 >= R(1, 10**20)))),
       "false") for nm in ("_exp0", "_exp1", "_e0", "exp0")],
    # 6. entry-name collisions: false at the vector's entries 0 and the scalar = C0
    *[(f"entry collision Vector('x', 1) vs scalar {nm!r}",
       (lambda nm=nm: Claim("rt2_entry_" + str(abs(hash(nm)) % 10**6),
                            show=norm(Vector("x", 1)) ** 2 >= sp.Symbol(nm, real=True) ** 2 * sp.Max(
                                0, 1 - 10**20 * sp.Abs(sp.Symbol(nm, real=True) - C0)))), "false")
      for nm in ("x_0", "x0", "x[0]", "x_1", "x_00", "x_{0}")],
    *[(f"entry collision Matrix('A', 2, 2) vs scalar {nm!r}",
       (lambda nm=nm: Claim("rt2_mentry_" + str(abs(hash(nm)) % 10**6),
                            show=trace(Matrix("A", 2, 2).T * Matrix("A", 2, 2)) >= sp.Symbol(nm, real=True) ** 2 * sp.Max(
                                0, 1 - 10**20 * sp.Abs(sp.Symbol(nm, real=True) - C0)))), "false")
      for nm in ("A_0_0", "A_00", "A_0", "A[0, 0]", "A_1_1")],
    ("entry collision: Vector x (2) vs Vector x_0 (1) in one claim: ||x||^2 >= ||x_0||^2 false",
     lambda: Claim("rt2_vec_vec", show=norm(Vector("x", 2)) ** 2 >= norm(Vector("x_0", 1)) ** 2), "false"),
    # 7. derivation chains and use domains
    ("use lemma exp(-1/t**2) > 0 (needs t != 0) to show y**2 > 0: false at y = 0",
     lambda: Claim("rt2_use_exp", given=[use(Claim("rt2_lem_exp", show=sp.exp(-1 / t ** 2) > 0), {t: y})], show=y ** 2 > 0), "false"),
    ("use lemma sqrt(t) + t >= 0 (needs t >= 0) to show y >= 0: false at y = -1",
     lambda: Claim("rt2_use_sqrt", given=[use(Claim("rt2_lem_sqrt", show=sp.sqrt(t) + t >= 0), {t: y})], show=y >= 0), "false"),
    ("use lemma log(t) <= t - 1 (needs t > 0) at t = y to show y > 0: false",
     lambda: Claim("rt2_use_log", given=[use(Claim("rt2_lem_log", show=sp.log(t) <= t - 1), {t: y})], show=y > 0), "false"),
    ("use lemma log(t) <= t - 1 at t = a (a > 0) gives log a <= a - 1",
     lambda: Claim("rt2_use_log_ok", given=[use(Claim("rt2_lem_log2", show=sp.log(t) <= t - 1), {t: a})], show=sp.log(a) <= a - 1), "true"),
    ("chain 0 < 1/y**2... start 0 .lt(exp(-1/y**2)) by use, then .le(1): 0 < exp(-1/y^2) <= 1 shows 0 < 1 (true)",
     lambda: Derivation("rt2_chain_ok", start=sp.Integer(0)).lt(sp.exp(-1 / y ** 2), by=use(Claim("rt2_lem_exp2", show=sp.exp(-1 / t ** 2) > 0), {t: y})).le(1), "true"),
    ("chain Piecewise((3, Eq(x, C)), (1, True)) <= (x**3 - C x**2)/(x - C) - x**2 + 1 <= 1: false at x = C",
     lambda: Derivation("rt2_chain_pw", start=sp.Piecewise((3, sp.Eq(x, C)), (1, True)))
     .le(((x - C) * x ** 2 + (x - C)) / (x - C) - x ** 2).le(1), "false"),
    ("substitute x <= y in exp: exp x <= exp y", lambda: Derivation("rt2_sub_exp", given=[x <= y], start=sp.exp(x)).le(sp.exp(y), by=substitute(x <= y)), "true"),
    ("substitute x <= y in -x: -x <= -y false", lambda: Derivation("rt2_sub_neg", given=[x <= y], start=-x).le(-y, by=substitute(x <= y)), "false"),
    ("substitute x <= y in x**2 false (x=-2, y=1)", lambda: Derivation("rt2_sub_sq", given=[x <= y], start=x ** 2).le(y ** 2, by=substitute(x <= y)), "false"),
    ("substitute 0 <= x <= y in x**2", lambda: Derivation("rt2_sub_sq_ok", given=[x >= 0, x <= y], start=x ** 2).le(y ** 2, by=substitute(x <= y)), "true"),
    ("substitute across tan's pole: tan x <= tan y for x <= y <= x + 1/1000 false (x < pi/2 < y)",
     lambda: Derivation("rt2_sub_tan", given=[x <= y, y - x <= R(1, 1000)], start=sp.tan(x)).le(sp.tan(y), by=substitute(x <= y)), "false"),
    ("substitute x <= y in floor: floor x <= floor y", lambda: Derivation("rt2_sub_floor", given=[x <= y], start=sp.floor(x)).le(sp.floor(y), by=substitute(x <= y)), "true"),
    ("substitute x <= y in frac x false (0.9, 1)", lambda: Derivation("rt2_sub_frac", given=[x <= y], start=x - sp.floor(x)).le(y - sp.floor(y), by=substitute(x <= y)), "false"),
    ("use a vector lemma with {a: x - y, b: y}: ||x||^2 <= 2||x-y||^2 + 2||y||^2",
     lambda: (lambda A_, B_, X_, Y_: Claim("rt2_use_vec", given=[use(Claim("rt2_lem_par", show=norm(A_ + B_) ** 2 <= 2 * norm(A_) ** 2 + 2 * norm(B_) ** 2), {A_: X_ - Y_, B_: Y_})], show=norm(X_) ** 2 <= 2 * norm(X_ - Y_) ** 2 + 2 * norm(Y_) ** 2))(Vector("a", 3), Vector("b", 3), Vector("x", 3), Vector("y", 3)), "true"),
    ("same vector lemma does not give ||x||^2 <= ||x-y||^2 + ||y||^2 (x = 2y)",
     lambda: (lambda A_, B_, X_, Y_: Claim("rt2_use_vec_bad", given=[use(Claim("rt2_lem_par2", show=norm(A_ + B_) ** 2 <= 2 * norm(A_) ** 2 + 2 * norm(B_) ** 2), {A_: X_ - Y_, B_: Y_})], show=norm(X_) ** 2 <= norm(X_ - Y_) ** 2 + norm(Y_) ** 2))(Vector("a", 3), Vector("b", 3), Vector("x", 3), Vector("y", 3)), "false"),
    # 8. shell decimal literals
    ("shell: 10*x >= 1 given x >= 0.1", sh("10*x >= 1", "--given", "x >= 0.1"), "true"),
    ("shell: x > 0.30000000000000001 given x >= 0.3 false", sh("x > 0.30000000000000001", "--given", "x >= 0.3"), "false"),
    ("shell: x >= 1e-500 for x > 0 false", sh("x >= 1e-500", "--positive", "x"), "false"),
    ("shell: 1e-500 > 0", sh("1e-500 > 0"), "true"),
    ("shell: 1e400 > 1e399", sh("1e400 > 1e399"), "true"),
    ("shell: 0.1 + 0.2 == 0.3 (decimals exact)", sh("0.1 + 0.2 == 0.3"), "true"),
    ("shell: x*1e-30 <= 1 given x <= 1e30", sh("x*1e-30 <= 1", "--given", "x <= 1e30", "--nonnegative", "x"), "true"),
    ("shell: x*1e-30 < 1 given x <= 1e30 false", sh("x*1e-30 < 1", "--given", "x <= 1e30", "--nonnegative", "x"), "false"),
    ("shell: 2.5e-1 == 1/4", sh("2.5e-1 == 1/4"), "true"),
    ("shell: 0x10 == 16", sh("0x10 == 16"), "true"),
    ("shell: 1_000.000_1 > 1000", sh("1_000.000_1 > 1000"), "true"),
    ("shell: 9007199254740993 > 9007199254740992 (2**53+1)", sh("9007199254740993 > 9007199254740992"), "true"),
    ("shell: 9007199254740993.0 > 9007199254740992 (decimal, exact)", sh("9007199254740993.0 > 9007199254740992"), "true"),
    ("shell: x // 2 <= x for integer x false (x = -3)", sh("x // 2 <= x", "--integer", "x"), "false"),
    ("shell: 7 // 2 == 3", sh("7 // 2 == 3"), "true"),
    ("shell: -7 % 3 == 2 (Python semantics)", sh("-7 % 3 == 2"), "true"),
    # 9. shell unicode names
    ("shell: ﬁ > 0 --positive ﬁ (ligature, NFKC fi)", sh("ﬁ > 0", "--positive", "ﬁ"), "true"),
    ("shell: Ω > 0 --positive Ω (ohm sign)", sh("Ω > 0", "--positive", "Ω"), "true"),
    ("shell: K > 0 --positive K (Kelvin sign vs ASCII K)", sh("K > 0", "--positive", "K"), "true"),
    ("shell: ｘ < 0 --positive x false", sh("ｘ < 0", "--positive", "x"), "false"),
    ("shell: é (decomposed) > 0 --positive é (precomposed)", sh("e\u0301 > 0", "--positive", "\u00e9"), "true"),
    ("shell: ℌ + 1 > ℌ", sh("ℌ + 1 > ℌ"), "true"),
    # Min / Max / Abs
    ("Max(x,y) >= (x+y)/2", cl("max_mean", sp.Max(x, y) >= (x + y) / 2), "true"),
    ("Max(x,y) + Min(x,y) = x + y", cl("maxmin_sum", sp.Eq(sp.Max(x, y) + sp.Min(x, y), x + y)), "true"),
    ("Max(x,y) Min(x,y) = xy", cl("maxmin_prod", sp.Eq(sp.Max(x, y) * sp.Min(x, y), x * y)), "true"),
    ("Max - Min = |x - y|", cl("maxmin_abs", sp.Eq(sp.Max(x, y) - sp.Min(x, y), sp.Abs(x - y))), "true"),
    ("Max(x,y) > Min(x,y) false at x = y", cl("maxmin_gt", sp.Max(x, y) > sp.Min(x, y)), "false"),
    ("|x + y| >= |x| - |y|", cl("rev_tri", sp.Abs(x + y) >= sp.Abs(x) - sp.Abs(y)), "true"),
    ("|x + y| >= |x| + |y| - 1e-9 false (x = 1, y = -1)", cl("tri_bad", sp.Abs(x + y) >= sp.Abs(x) + sp.Abs(y) - EPS), "false"),
    ("Max(x**2, y**2) >= xy", cl("max_sq", sp.Max(x ** 2, y ** 2) >= x * y), "true"),
    ("Max(x**2, y**2) >= 2xy false (x = y = 1)", cl("max_sq2", sp.Max(x ** 2, y ** 2) >= 2 * x * y), "false"),
    ("Max(sin x, cos x) >= -sqrt(2)/2", cl("max_trig", sp.Max(sp.sin(x), sp.cos(x)) >= -sp.sqrt(2) / 2), "true"),
    ("Max(sin x, cos x) >= -7/10 false at x = 5pi/4", cl("max_trig2", sp.Max(sp.sin(x), sp.cos(x)) >= -R(7, 10)), "false"),
    ("Min(exp x, exp -x) <= 1", cl("min_exp", sp.Min(sp.exp(x), sp.exp(-x)) <= 1), "true"),
    ("Min(exp x, exp -x) < 1 false at 0", cl("min_exp2", sp.Min(sp.exp(x), sp.exp(-x)) < 1), "false"),
    ("Max(x, 0) Min(x, 0) = 0", cl("maxmin0", sp.Eq(sp.Max(x, 0) * sp.Min(x, 0), 0)), "true"),
    # Piecewise
    ("Piecewise((x, x >= 0), (-x, True)) = |x|", cl("pw_abs", sp.Eq(sp.Piecewise((x, x >= 0), (-x, True)), sp.Abs(x))), "true"),
    ("Piecewise((1/x, x >= 1), (1, True)) <= 1", cl("pw_recip", sp.Piecewise((1 / x, x >= 1), (1, True)) <= 1), "true"),
    ("Piecewise((1/x, x >= 1), (2, True)) <= 1 false (x = 0)", cl("pw_recip2", sp.Piecewise((1 / x, x >= 1), (2, True)) <= 1), "false"),
    ("Piecewise((x**2, x < 7/3), (x**2 + 1e-9, True)) <= x**2 false for x >= 7/3", cl("pw_jump", sp.Piecewise((x ** 2, x < C), (x ** 2 + EPS, True)) <= x ** 2), "false"),
    ("Piecewise((x**2, x < 7/3), (x**2 + 1e-9, True)) >= x**2", cl("pw_jump2", sp.Piecewise((x ** 2, x < C), (x ** 2 + EPS, True)) >= x ** 2), "true"),
    # huge / tiny, exp / log at extremes
    ("exp(1000) > 10**434 (e^1000 = 1.970e434)", cl("exp1000", sp.exp(1000) > sp.Integer(10) ** 434), "true"),
    ("exp(1000) > 198/100 * 10**434 false", cl("exp1000b", sp.exp(1000) > R(198, 100) * sp.Integer(10) ** 434), "false"),
    ("exp(-1000) < 5*10**-435 false (5.076e-435)", cl("expm1000", sp.exp(-1000) < 5 * R(1, 10**435)), "false"),
    ("exp(-1000) < 6*10**-435", cl("expm1000b", sp.exp(-1000) < 6 * R(1, 10**435)), "true"),
    ("log(10**1000) > 2302 (2302.585)", cl("log1000", sp.log(sp.Integer(10) ** 1000) > 2302), "true"),
    ("log(10**1000) >= 2303 false", cl("log1000b", sp.log(sp.Integer(10) ** 1000) >= 2303), "false"),
    ("exp x >= 1 + x + x**2/2 false at x = -1", cl("exp_t2", sp.exp(x) >= 1 + x + x ** 2 / 2), "false"),
    ("log(1+x) >= x - x**2/2 for x >= 0", cl("log_t2", sp.log(1 + x) >= x - x ** 2 / 2, [x >= 0]), "true"),
    ("log(1+x) >= x - x**2/2 for x > -1 false (x = -1/2)", cl("log_t2b", sp.log(1 + x) >= x - x ** 2 / 2, [x > -1]), "false"),
    ("(1+1/n)**n < e for n >= 1", cl("e_lim", (1 + 1 / n) ** n < sp.E, [n >= 1]), "true"),
    ("(1+1/n)**n >= 27/10 for n >= 1 false (n = 1)", cl("e_lim2", (1 + 1 / n) ** n >= R(27, 10), [n >= 1]), "false"),
    ("x >= 10**-300 gives x 10**300 >= 1", cl("tiny_scale", x * sp.Integer(10) ** 300 >= 1, [x >= R(1, 10**300)]), "true"),
    ("x >= 10**-300 does not give x 10**300 > 1", cl("tiny_scale2", x * sp.Integer(10) ** 300 > 1, [x >= R(1, 10**300)]), "false"),
    ("100! > 10**157 (9.33e157)", cl("fact100", sp.factorial(100) > sp.Integer(10) ** 157), "true"),
    ("100! > 10**158 false", cl("fact100b", sp.factorial(100) > sp.Integer(10) ** 158), "false"),
    ("2**1000 > 11/10 * 10**301 false (1.0715e301)", cl("pow1000", sp.Integer(2) ** 1000 > R(11, 10) * sp.Integer(10) ** 301), "false"),
    ("sqrt 2 > 1.4142135623730950488", cl("sqrt2", sp.sqrt(2) > R(14142135623730950488, 10**19)), "true"),
    ("sqrt 2 > 1.4142135623730950489 false", cl("sqrt2b", sp.sqrt(2) > R(14142135623730950489, 10**19)), "false"),
    ("pi > 355/113 false", cl("pi355", sp.pi > R(355, 113)), "false"),
    ("e**pi > pi**e", cl("epi", sp.E ** sp.pi > sp.pi ** sp.E), "true"),
    ("exp(10**6 x) >= 1 + 10**6 x", cl("exp_big", sp.exp(10**6 * x) >= 1 + 10**6 * x), "true"),
    # vectors in dimension 1, symbolic dimensions
    ("dim 1: <v, w>**2 = ||v||^2 ||w||^2", lambda: Claim("rt2_d1_cs", show=sp.Eq(inner(Vector("v", 1), Vector("w", 1)) ** 2, norm(Vector("v", 1)) ** 2 * norm(Vector("w", 1)) ** 2)), "true"),
    ("dim 2: <v, w>**2 = ||v||^2 ||w||^2 false", lambda: Claim("rt2_d2_cs", show=sp.Eq(inner(Vector("v", 2), Vector("w", 2)) ** 2, norm(Vector("v", 2)) ** 2 * norm(Vector("w", 2)) ** 2)), "false"),
    ("dim 1: <x,y><y,z><z,x> >= 0 (= x^2 y^2 z^2)", lambda: Claim("rt2_d1_three", show=inner(Vector("x", 1), Vector("y", 1)) * inner(Vector("y", 1), Vector("z", 1)) * inner(Vector("z", 1), Vector("x", 1)) >= 0), "true"),
    ("dim 3: <x,y><y,z><z,x> >= 0 false", lambda: Claim("rt2_d3_three", show=inner(Vector("x", 3), Vector("y", 3)) * inner(Vector("y", 3), Vector("z", 3)) * inner(Vector("z", 3), Vector("x", 3)) >= 0), "false"),
    ("dim d: parallelogram law", lambda: Claim("rt2_par", show=sp.Eq(norm(Vector("v", d) + Vector("w", d)) ** 2 + norm(Vector("v", d) - Vector("w", d)) ** 2, 2 * norm(Vector("v", d)) ** 2 + 2 * norm(Vector("w", d)) ** 2)), "true"),
    ("dim d: Pythagoras without orthogonality false", lambda: Claim("rt2_pyth", show=sp.Eq(norm(Vector("v", d) + Vector("w", d)) ** 2, norm(Vector("v", d)) ** 2 + norm(Vector("w", d)) ** 2)), "false"),
    ("dim d: ||v - w|| >= ||v|| - ||w||", lambda: Claim("rt2_revtri_v", show=norm(Vector("v", d) - Vector("w", d)) >= norm(Vector("v", d)) - norm(Vector("w", d))), "true"),
    ("trace(eye(d)) = d", cl("tr_eye", sp.Eq(trace(eye(d)), d)), "true"),
    ("trace(eye(d)) <= 60 false (d = 61)", cl("tr_eye60", trace(eye(d)) <= 60), "false"),
    ("unit u in R^4: op_norm(I - 2uu^T) = 1", lambda: Claim("rt2_house", show=sp.Eq(op_norm(eye(4) - 2 * outer(Vector("u", 4, structure="unit"), Vector("u", 4, structure="unit"))), 1)), "true"),
    ("unit u in R^d: trace(u u^T) = 1", lambda: Claim("rt2_tr_uu", show=sp.Eq(trace(outer(Vector("u", d, structure="unit"), Vector("u", d, structure="unit"))), 1)), "true"),
    # spectral facts: Rayleigh, Weyl, op-norm, tall/wide
    ("Rayleigh upper: z^T A z <= lambda_max ||z||^2", lambda: Claim("rt2_ray_up", show=inner(Vector("z", 3), Matrix("A", 3, 3, structure="symmetric") * Vector("z", 3)) <= lambda_max(Matrix("A", 3, 3, structure="symmetric")) * norm(Vector("z", 3)) ** 2), "true"),
    ("Rayleigh wrong side: z^T A z <= lambda_min ||z||^2 false", lambda: Claim("rt2_ray_bad", show=inner(Vector("z", 3), Matrix("A", 3, 3, structure="symmetric") * Vector("z", 3)) <= lambda_min(Matrix("A", 3, 3, structure="symmetric")) * norm(Vector("z", 3)) ** 2), "false"),
    ("Weyl: lambda_max(A+B) <= lambda_max A + lambda_max B", lambda: Claim("rt2_weyl", show=lambda_max(Matrix("A", 3, 3, structure="symmetric") + Matrix("B", 3, 3, structure="symmetric")) <= lambda_max(Matrix("A", 3, 3, structure="symmetric")) + lambda_max(Matrix("B", 3, 3, structure="symmetric"))), "true"),
    ("Weyl lower: lambda_max(A+B) >= lambda_max A + lambda_min B", lambda: Claim("rt2_weyl2", show=lambda_max(Matrix("A", 3, 3, structure="symmetric") + Matrix("B", 3, 3, structure="symmetric")) >= lambda_max(Matrix("A", 3, 3, structure="symmetric")) + lambda_min(Matrix("B", 3, 3, structure="symmetric"))), "true"),
    ("Weyl wrong: lambda_max(A+B) <= lambda_max A + lambda_min B false", lambda: Claim("rt2_weyl_bad", show=lambda_max(Matrix("A", 3, 3, structure="symmetric") + Matrix("B", 3, 3, structure="symmetric")) <= lambda_max(Matrix("A", 3, 3, structure="symmetric")) + lambda_min(Matrix("B", 3, 3, structure="symmetric"))), "false"),
    ("op norm: ||M z|| <= ||M||_op ||z|| (M 3x2)", lambda: Claim("rt2_op", show=norm(Matrix("M", 3, 2) * Vector("z", 2)) <= op_norm(Matrix("M", 3, 2)) * norm(Vector("z", 2))), "true"),
    ("tall M 3x2: ||M z|| >= sigma_min(M) ||z||", lambda: Claim("rt2_tall", show=norm(Matrix("M", 3, 2) * Vector("z", 2)) >= sigma_min(Matrix("M", 3, 2)) * norm(Vector("z", 2))), "true"),
    ("wide M 2x3: ||M z|| >= sigma_min(M) ||z|| false (null space)", lambda: Claim("rt2_wide", show=norm(Matrix("M", 2, 3) * Vector("z", 3)) >= sigma_min(Matrix("M", 2, 3)) * norm(Vector("z", 3))), "false"),
    ("wide M 2x3: ||M^T w|| >= sigma_min(M) ||w||", lambda: Claim("rt2_wideT", show=norm(Matrix("M", 2, 3).T * Vector("w", 2)) >= sigma_min(Matrix("M", 2, 3)) * norm(Vector("w", 2))), "true"),
    ("submultiplicative op norm (A 3x3, B 3x2)", lambda: Claim("rt2_subm", show=op_norm(Matrix("A", 3, 3) * Matrix("B", 3, 2)) <= op_norm(Matrix("A", 3, 3)) * op_norm(Matrix("B", 3, 2))), "true"),
    ("sigma_min(AB) >= sigma_min A sigma_min B, square 3x3", lambda: Claim("rt2_smin_sq", show=sigma_min(Matrix("A", 3, 3) * Matrix("B", 3, 3)) >= sigma_min(Matrix("A", 3, 3)) * sigma_min(Matrix("B", 3, 3))), "true"),
    ("sigma_min(AB) >= sigma_min A sigma_min B for A 2x3, B 3x2 false (range B in null A)", lambda: Claim("rt2_smin_trap", show=sigma_min(Matrix("A", 2, 3) * Matrix("B", 3, 2)) >= sigma_min(Matrix("A", 2, 3)) * sigma_min(Matrix("B", 3, 2))), "false"),
    ("symmetric 3x3: lambda_min A <= trace A / 3", lambda: Claim("rt2_lmin_tr", show=lambda_min(Matrix("A", 3, 3, structure="symmetric")) <= trace(Matrix("A", 3, 3, structure="symmetric")) / 3), "true"),
    ("symmetric 3x3: lambda_min A >= trace A / 3 false", lambda: Claim("rt2_lmin_tr2", show=lambda_min(Matrix("A", 3, 3, structure="symmetric")) >= trace(Matrix("A", 3, 3, structure="symmetric")) / 3), "false"),
    ("psd 3x3: trace A <= 3 lambda_max A", lambda: Claim("rt2_psd_tr3", show=trace(Matrix("A", 3, 3, structure="psd")) <= 3 * lambda_max(Matrix("A", 3, 3, structure="psd"))), "true"),
    ("psd 3x3: trace A <= 2 lambda_max A false (A = I)", lambda: Claim("rt2_psd_tr2", show=trace(Matrix("A", 3, 3, structure="psd")) <= 2 * lambda_max(Matrix("A", 3, 3, structure="psd"))), "false"),
    ("sigma_min(M) >= 1e-12 does not give ||M z|| >= 1e-11 ||z|| (M 2x2)", lambda: Claim("rt2_smin_scale", given=[sigma_min(Matrix("M", 2, 2)) >= R(1, 10**12)], show=norm(Matrix("M", 2, 2) * Vector("z", 2)) >= R(1, 10**11) * norm(Vector("z", 2))), "false"),
    # continuous time: mean value theorem and Gronwall
    ("MVT: u' <= 0 on [0, T] gives u(T) <= u(0)", lambda: Claim("rt2_mvt", given=[during(s_, 0, T, [Du <= 0], differentiable=[u(s_)])], show=u(T) <= u(0), by=nonincreasing(u(s_), s_, 0, T)), "true"),
    ("MVT misuse: u' <= 0 does not give u(T) >= u(0) via phi = -u (u = -s)", lambda: Claim("rt2_mvt_neg", given=[during(s_, 0, T, [Du <= 0], differentiable=[u(s_)])], show=-u(T) <= -u(0), by=nonincreasing(-u(s_), s_, 0, T)), "false"),
    ("MVT: u' <= 0 without u >= 0 does not give u(T)**2 <= u(0)**2 (u = -s)", lambda: Claim("rt2_mvt_sq", given=[during(s_, 0, T, [Du <= 0], differentiable=[u(s_)])], show=u(T) ** 2 <= u(0) ** 2, by=nonincreasing(u(s_) ** 2, s_, 0, T)), "false"),
    ("MVT: u' <= 0 and u >= 0 give u(T)**2 <= u(0)**2", lambda: Claim("rt2_mvt_sq_ok", given=[during(s_, 0, T, [Du <= 0, u(s_) >= 0], differentiable=[u(s_)])], show=u(T) ** 2 <= u(0) ** 2, by=nonincreasing(u(s_) ** 2, s_, 0, T)), "true"),
    ("MVT reversed interval: during [0, T], nonincreasing(u, s, T, 0) does not give u(0) <= u(T)", lambda: Claim("rt2_mvt_rev", given=[during(s_, 0, T, [Du <= 0], differentiable=[u(s_)])], show=u(0) <= u(T), by=nonincreasing(u(s_), s_, T, 0)), "false"),
    ("MVT across a pole: 1/(s - 1) has derivative <= 0 where defined, yet 1/(T-1) <= -1 false at T = 2", lambda: Claim("rt2_mvt_pole", show=1 / (T - 1) <= -1, by=nonincreasing(1 / (s_ - 1), s_, 0, T)), "false"),
    ("MVT across a jump: Piecewise((0, s < 1), (1, True)) has derivative 0 where defined; phi(T) <= phi(0) false at T = 2", lambda: Claim("rt2_mvt_jump", show=sp.Piecewise((0, T < 1), (1, True)) <= 0, by=nonincreasing(sp.Piecewise((0, s_ < 1), (1, True)), s_, 0, T)), "false"),
    ("Gronwall: u' <= -c u on [0, T] gives u(T) <= u(0) e^{-cT}", lambda: Claim("rt2_gr", given=[during(s_, 0, T, [Du <= -c * u(s_)], differentiable=[u(s_)])], show=u(T) <= u(0) * sp.exp(-c * T), by=gronwall(u(s_), s_, 0, T, -c)), "true"),
    ("Gronwall on half the interval does not give the bound at T", lambda: Claim("rt2_gr_half", given=[during(s_, 0, T / 2, [Du <= -c * u(s_)], differentiable=[u(s_)])], show=u(T) <= u(0) * sp.exp(-c * T), by=gronwall(u(s_), s_, 0, T, -c)), "false"),
    ("Gronwall with p = -c**2... u' <= -u gives u(T) <= u(0) e^{-2T} false", lambda: Claim("rt2_gr_rate", given=[during(s_, 0, T, [Du <= -u(s_), u(s_) >= 0], differentiable=[u(s_)])], show=u(T) <= u(0) * sp.exp(-2 * T), by=gronwall(u(s_), s_, 0, T, -2)), "false"),
    # infinite sums, towers, far arguments, principal roots
    ("Basel: sum 1/j**2 (1..oo) <= pi**2/6 (an equality)", cl("basel", sp.Sum(1 / jp ** 2, (jp, 1, sp.oo)) <= sp.pi ** 2 / 6), "true"),
    ("Basel strict: sum 1/j**2 < pi**2/6 false", cl("basel2", sp.Sum(1 / jp ** 2, (jp, 1, sp.oo)) < sp.pi ** 2 / 6), "false"),
    ("exp(exp(exp(10))) > 1", cl("tower", sp.exp(sp.exp(sp.exp(10))) > 1), "true"),
    ("2**(2**40) > 1 (unevaluated tower)", cl("tower2", sp.Pow(2, sp.Pow(2, 40, evaluate=False), evaluate=False) > 1), "true"),
    ("telescoping: sum 1/(j(j+1)) (1..n) = 1 - 1/(n+1)", cl("tele", sp.Eq(sp.Sum(1 / (jp * (jp + 1)), (jp, 1, n)), 1 - 1 / (n + 1))), "true"),
    ("telescoping: sum <= 1 - 1/(n+2) (true: 1/(n+1) >= 1/(n+2))", cl("tele2", sp.Sum(1 / (jp * (jp + 1)), (jp, 1, n)) <= 1 - 1 / (n + 2)), "true"),
    ("telescoping: sum <= 1 - 1/(n+1) - 1e-9 false", cl("tele3", sp.Sum(1 / (jp * (jp + 1)), (jp, 1, n)) <= 1 - 1 / (n + 1) - EPS), "false"),
    ("sin(10**30) <= 1", cl("sinbig", sp.sin(sp.Integer(10) ** 30) <= 1), "true"),
    ("sin(10**30) > 0 false (sin(10**30) = -0.0901169...; 80-digit mpmath)", cl("sinbig2", sp.sin(sp.Integer(10) ** 30) > 0), "false"),
    ("sin(10**30) < -9/100 (true: -0.0901169...)", cl("sinbig3", sp.sin(sp.Integer(10) ** 30) < -R(9, 100)), "true"),
    ("(x**3)**(1/3) = x for x >= 0", cl("cbrt", sp.Eq((x ** 3) ** R(1, 3), x), [x >= 0]), "true"),
    ("(x**3)**(1/3) = x for real x: true where defined (the principal root of a negative is not real)", cl("cbrt2", sp.Eq((x ** 3) ** R(1, 3), x)), "true"),
    ("real_root(x**3, 3) = x", cl("cbrt3", sp.Eq(sp.real_root(x ** 3, 3), x)), "true"),
    ("x < Float('inf') (= oo) for a real x", cl("finf", x < sp.Float("inf")), "true"),
    # booleans, infinities and other odd input
    ("show true", cl("btrue", sp.true), "true"),
    ("show false", cl("bfalse", sp.false), "false"),
    ("x < oo for a real x", cl("oo", x < sp.oo), "true"),
    ("x**2 >= x - 1/4 (a square)", cl("sq_shift", x ** 2 >= x - R(1, 4)), "true"),
    ("x**2 > x - 1/4 false at 1/2", cl("sq_shift2", x ** 2 > x - R(1, 4)), "false"),
    ("x**4 - 4x**3 + 6x**2 - 4x + 1 >= 0 (=(x-1)^4)", cl("quartic", x ** 4 - 4 * x ** 3 + 6 * x ** 2 - 4 * x + 1 >= 0), "true"),
    ("Motzkin x^4 y^2 + x^2 y^4 - 3x^2y^2 + 1 >= 0 (true, not SOS)", cl("motzkin", x ** 4 * y ** 2 + x ** 2 * y ** 4 - 3 * x ** 2 * y ** 2 + 1 >= 0), "true"),
    ("Motzkin - 1e-9 > ... Motzkin > 0 false at x = y = 1", cl("motzkin2", x ** 4 * y ** 2 + x ** 2 * y ** 4 - 3 * x ** 2 * y ** 2 + 1 > 0), "false"),
    ("AM-GM for three: x^3+y^3+z^3 >= 3xyz for x,y,z >= 0", cl("amgm3", x ** 3 + y ** 3 + z ** 3 >= 3 * x * y * z, [x >= 0, y >= 0, z >= 0]), "true"),
    ("x^3+y^3+z^3 >= 3xyz for all reals false (x=y=z=-1... -3 >= -3 ok; x=-1,y=z=0)", cl("amgm3b", x ** 3 + y ** 3 + z ** 3 >= 3 * x * y * z), "false"),
]


def run_one(build, seconds: float = 2.0):
    """Build and check one entry; the verdict's status, ``crash: ...`` or the shell's first word."""
    try:
        obj = build()
    except Exception as exc:  # a constructor refusing the input is recorded, not a break by itself
        return f"build-error: {type(exc).__name__}: {exc}"[:120]
    if isinstance(obj, tuple):
        from verify.cli import main
        buf = io.StringIO()
        try:
            with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
                main(["check", *obj, "--seconds", str(seconds), "--seed", "0"])
        except SystemExit:
            pass
        except Exception as exc:
            return f"crash: {type(exc).__name__}: {exc}"[:120]
        out = buf.getvalue()
        if "Traceback" in out:
            return "crash: traceback in shell output"
        return (out.split() or ["(empty)"])[0]
    try:
        return check(obj, seconds=seconds, seed=0).status.value
    except Exception as exc:
        return f"crash: {type(exc).__name__}: {exc}"[:120]


def classify(expected: str, verdict: str) -> str:
    """break, miss or ok (see the module docstring)."""
    if verdict is None:
        return "not run"
    if verdict.startswith("crash"):
        return "BREAK (crash)"
    if expected == "true" and verdict == "refuted":
        return "BREAK (true refuted)"
    if expected == "false" and verdict == "proved":
        return "BREAK (false proved)"
    if expected == "false" and verdict in ("tested", "unknown"):
        return "miss"
    if expected == "true" and verdict not in ("proved", "tested"):
        return "note (true, " + verdict + ")"
    return "ok"


# the verdicts of the recorded run (2 s per claim, seed 0); ``--record`` rewrites this block
# RECORDED-BEGIN
RECORDED: dict[str, str] = {
    'float 0.5 is exact: x = 0.5 gives 2x <= 1': 'proved',
    'float 0.3 < 3/10: x = fl(0.3) gives 10x >= 3 false': 'refuted',
    'float 0.3 < 3/10: x = fl(0.3) gives 10x <= 3': 'proved',
    'fl(0.1)+fl(0.2) > fl(0.3) exactly (0.30000000000000001665 > 0.29999999999999998890)': 'proved',
    '3*fl(0.1) <= 3/10 false (fl(0.1) > 1/10)': 'refuted',
    'x >= fl(0.1) gives x >= 1/10 (fl(0.1) > 1/10)': 'proved',
    'x >= 1/10 does not give x >= fl(0.1) (x = 1/10)': 'refuted',
    'x >= 0 gives x + 1e-300 > 0': 'proved',
    'x >= 0 does not give x - 1e-300 >= 0 (x = 0)': 'refuted',
    'cos x <= 1 + 1e-20 for real x': 'tested',
    'cos x < 1 - 1e-20 false at x = 0': 'refuted',
    'exp(x) >= 1 + x - 1e-300': 'proved',
    'x = fl(1/3) (Float(1/3)) gives 3x < 1 (fl(1/3) = 0.333..3148 < 1/3)': 'proved',
    'x = 2**-1074 (denormal) gives x > 0': 'proved',
    'x = 2**-1074 does not give x >= 1e-323 (fl(1e-323) = 2*2**-1074)': 'refuted',
    "x = Float('0.1', 30) does not give 10 x = 1 (its binary value differs from 1/10)": 'refuted',
    'psd rank<=1: trace P = lambda_max P': 'tested',
    'psd rank<=2 in 3x3: lambda_min P = 0': 'tested',
    'psd rank<=2: trace P <= 2 lambda_max P': 'tested',
    'psd rank<=2: trace P <= lambda_max P false (diag(1,1,0))': 'refuted',
    'symmetric rank<=1: lambda_min*lambda_max = 0': 'tested',
    'orthogonal Q: op_norm Q = 1': 'proved',
    'orthogonal Q 3x3: trace Q >= -3': 'tested',
    'orthogonal Q 3x3: trace Q >= -1 false (Q = -I)': 'refuted',
    'unit u, v in R^3: <u, v> >= -1': 'proved',
    'unit u, v in R^3: <u, v> > -1 false (v = -u)': 'refuted',
    'diagonal D 3x3: trace D <= 3 lambda_max D': 'proved',
    'diagonal D 3x3: trace D >= lambda_max D false (diag(1,-1,0))': 'refuted',
    'general R 3x4 rank<=1: sigma_min R = 0 (3rd singular value)': 'tested',
    'general R 3x4 rank<=2: op_norm R > 0 false (R = 0)': 'refuted',
    'binomial symmetry for 0<=k<=n': 'proved',
    'binomial(k, 1) >= 0 for every integer k false (binomial(k, 1) = k; sympy gives binomial(-2, 1) = -2)': 'refuted',
    'sqrt(x**2) = x false at x = -1': 'refuted',
    'sqrt(x**2) = |x|': 'proved',
    'log(exp x) = x': 'proved',
    'log(ab) = log a + log b for a, b > 0': 'proved',
    'log(a**2) = 2 log a for a > 0': 'proved',
    '(x**2-1)/(x-1) = x+1 where defined': 'proved',
    'floor x + floor(-x) = -1 false at integers': 'refuted',
    'floor x + floor(-x) >= -1': 'tested',
    'ceiling x = -floor(-x)': 'proved',
    'floor(k/2) + ceiling(k/2) = k': 'tested',
    '2 floor(k/2) = k false at k = 1': 'refuted',
    'k**2 mod 8 = k mod 2 false at k = 2 (even squares are 0 or 4 mod 8)': 'refuted',
    'k**2 mod 4 = k mod 2 (even squares 0, odd squares 1 mod 4)': 'tested',
    'k**2 mod 3 = k mod 2 false at k = 2': 'refuted',
    'sin x >= x - x**3/6 for x >= 0': 'tested',
    'sin x >= x - x**3/7 for x >= 0 false near 0 (x = 1/10)': 'refuted',
    'gamma(n+1) = n!': 'proved',
    'x/x... (x**3+x)/x = x**2+1 where defined': 'proved',
    '(x**3+x)/x > 1 false where defined? no: x**2+1 > 1 false at... x != 0 so true': 'proved',
    'n >= 5: sum (-1)^i C(n-5, i) = 0 false at n = 5': 'refuted',
    'n >= 6: sum (-1)^i C(n-5, i) = 0': 'proved',
    'sum i**3 = (n(n+1)/2)**2': 'proved',
    'sum 2**i (0..n) = 2**(n+1) false': 'refuted',
    'sum 2**i (0..n) = 2**(n+1) - 1': 'proved',
    'sum binomial(n,i) = 2**n': 'proved',
    'H_n <= 1 + log n for n >= 1': 'tested',
    'H_n <= 5 false from n = 83': 'refuted',
    'n**2 - 137n + 4692 >= 0 on integers (roots 68, 69)': 'proved',
    'n**2 - 137n + 4692 > 0 false at n = 68': 'refuted',
    '(n - 1000)**2 >= 1 false at n = 1000': 'refuted',
    'k**2 + k + 1 > 0 on integers': 'proved',
    '6 | k(k+1)(k+2)': 'tested',
    '2**n >= n**2 false at n = 3': 'refuted',
    '2**n >= n**2 for n >= 4': 'proved',
    '3**n >= n**3 for n >= 0': 'tested',
    '3**n > n**3 false at n = 3': 'refuted',
    'prod i (1..n) = n!': 'proved',
    'n >= 3: 2n + 1 <= 2**n': 'proved',
    'n >= 2: 2n + 1 <= 2**n false at n = 2': 'refuted',
    "z3 name collision with w named '_sqrt0'": 'refuted',
    "z3 name collision with w named '_sqrt2'": 'refuted',
    "z3 name collision with w named '_s0'": 'refuted',
    "z3 name collision with w named 'sqrt_p'": 'refuted',
    "z3 name collision with w named '_abs0'": 'refuted',
    "z3 name collision with w named '_t0'": 'refuted',
    "z3 name collision with w named '_aux0'": 'refuted',
    "z3 name collision with w named '_z0'": 'refuted',
    "z3 name collision with w named 'v0'": 'refuted',
    "z3 name collision with w named '_r0'": 'refuted',
    "z3 name collision (exp) with w named '_exp0'": 'tested',
    "z3 name collision (exp) with w named '_exp1'": 'tested',
    "z3 name collision (exp) with w named '_e0'": 'tested',
    "z3 name collision (exp) with w named 'exp0'": 'tested',
    "entry collision Vector('x', 1) vs scalar 'x_0'": 'refuted',
    "entry collision Vector('x', 1) vs scalar 'x0'": 'refuted',
    "entry collision Vector('x', 1) vs scalar 'x[0]'": 'refuted',
    "entry collision Vector('x', 1) vs scalar 'x_1'": 'refuted',
    "entry collision Vector('x', 1) vs scalar 'x_00'": 'refuted',
    "entry collision Vector('x', 1) vs scalar 'x_{0}'": 'refuted',
    "entry collision Matrix('A', 2, 2) vs scalar 'A_0_0'": 'refuted',
    "entry collision Matrix('A', 2, 2) vs scalar 'A_00'": 'refuted',
    "entry collision Matrix('A', 2, 2) vs scalar 'A_0'": 'refuted',
    "entry collision Matrix('A', 2, 2) vs scalar 'A[0, 0]'": 'refuted',
    "entry collision Matrix('A', 2, 2) vs scalar 'A_1_1'": 'refuted',
    'entry collision: Vector x (2) vs Vector x_0 (1) in one claim: ||x||^2 >= ||x_0||^2 false': 'refuted',
    'use lemma exp(-1/t**2) > 0 (needs t != 0) to show y**2 > 0: false at y = 0': 'refuted',
    'use lemma sqrt(t) + t >= 0 (needs t >= 0) to show y >= 0: false at y = -1': 'refuted',
    'use lemma log(t) <= t - 1 (needs t > 0) at t = y to show y > 0: false': 'refuted',
    'use lemma log(t) <= t - 1 at t = a (a > 0) gives log a <= a - 1': 'proved',
    'chain 0 < 1/y**2... start 0 .lt(exp(-1/y**2)) by use, then .le(1): 0 < exp(-1/y^2) <= 1 shows 0 < 1 (true)': 'proved',
    'chain Piecewise((3, Eq(x, C)), (1, True)) <= (x**3 - C x**2)/(x - C) - x**2 + 1 <= 1: false at x = C': 'refuted',
    'substitute x <= y in exp: exp x <= exp y': 'proved',
    'substitute x <= y in -x: -x <= -y false': 'refuted',
    'substitute x <= y in x**2 false (x=-2, y=1)': 'refuted',
    'substitute 0 <= x <= y in x**2': 'proved',
    "substitute across tan's pole: tan x <= tan y for x <= y <= x + 1/1000 false (x < pi/2 < y)": 'refuted',
    'substitute x <= y in floor: floor x <= floor y': 'tested',
    'substitute x <= y in frac x false (0.9, 1)': 'refuted',
    'use a vector lemma with {a: x - y, b: y}: ||x||^2 <= 2||x-y||^2 + 2||y||^2': 'proved',
    'same vector lemma does not give ||x||^2 <= ||x-y||^2 + ||y||^2 (x = 2y)': 'refuted',
    'shell: 10*x >= 1 given x >= 0.1': 'proved',
    'shell: x > 0.30000000000000001 given x >= 0.3 false': 'refuted',
    'shell: x >= 1e-500 for x > 0 false': 'refuted',
    'shell: 1e-500 > 0': 'proved',
    'shell: 1e400 > 1e399': 'proved',
    'shell: 0.1 + 0.2 == 0.3 (decimals exact)': 'proved',
    'shell: x*1e-30 <= 1 given x <= 1e30': 'proved',
    'shell: x*1e-30 < 1 given x <= 1e30 false': 'refuted',
    'shell: 2.5e-1 == 1/4': 'proved',
    'shell: 0x10 == 16': 'proved',
    'shell: 1_000.000_1 > 1000': 'proved',
    'shell: 9007199254740993 > 9007199254740992 (2**53+1)': 'proved',
    'shell: 9007199254740993.0 > 9007199254740992 (decimal, exact)': 'proved',
    'shell: x // 2 <= x for integer x false (x = -3)': 'usage',
    'shell: 7 // 2 == 3': 'usage',
    'shell: -7 % 3 == 2 (Python semantics)': 'usage',
    'shell: ﬁ > 0 --positive ﬁ (ligature, NFKC fi)': 'proved',
    'shell: Ω > 0 --positive Ω (ohm sign)': 'proved',
    'shell: K > 0 --positive K (Kelvin sign vs ASCII K)': 'proved',
    'shell: ｘ < 0 --positive x false': 'refuted',
    'shell: é (decomposed) > 0 --positive é (precomposed)': 'proved',
    'shell: ℌ + 1 > ℌ': 'proved',
    'Max(x,y) >= (x+y)/2': 'proved',
    'Max(x,y) + Min(x,y) = x + y': 'proved',
    'Max(x,y) Min(x,y) = xy': 'proved',
    'Max - Min = |x - y|': 'proved',
    'Max(x,y) > Min(x,y) false at x = y': 'refuted',
    '|x + y| >= |x| - |y|': 'proved',
    '|x + y| >= |x| + |y| - 1e-9 false (x = 1, y = -1)': 'refuted',
    'Max(x**2, y**2) >= xy': 'proved',
    'Max(x**2, y**2) >= 2xy false (x = y = 1)': 'refuted',
    'Max(sin x, cos x) >= -sqrt(2)/2': 'tested',
    'Max(sin x, cos x) >= -7/10 false at x = 5pi/4': 'refuted',
    'Min(exp x, exp -x) <= 1': 'proved',
    'Min(exp x, exp -x) < 1 false at 0': 'refuted',
    'Max(x, 0) Min(x, 0) = 0': 'proved',
    'Piecewise((x, x >= 0), (-x, True)) = |x|': 'proved',
    'Piecewise((1/x, x >= 1), (1, True)) <= 1': 'proved',
    'Piecewise((1/x, x >= 1), (2, True)) <= 1 false (x = 0)': 'refuted',
    'Piecewise((x**2, x < 7/3), (x**2 + 1e-9, True)) <= x**2 false for x >= 7/3': 'refuted',
    'Piecewise((x**2, x < 7/3), (x**2 + 1e-9, True)) >= x**2': 'proved',
    'exp(1000) > 10**434 (e^1000 = 1.970e434)': 'proved',
    'exp(1000) > 198/100 * 10**434 false': 'refuted',
    'exp(-1000) < 5*10**-435 false (5.076e-435)': 'refuted',
    'exp(-1000) < 6*10**-435': 'proved',
    'log(10**1000) > 2302 (2302.585)': 'proved',
    'log(10**1000) >= 2303 false': 'refuted',
    'exp x >= 1 + x + x**2/2 false at x = -1': 'refuted',
    'log(1+x) >= x - x**2/2 for x >= 0': 'proved',
    'log(1+x) >= x - x**2/2 for x > -1 false (x = -1/2)': 'refuted',
    '(1+1/n)**n < e for n >= 1': 'tested',
    '(1+1/n)**n >= 27/10 for n >= 1 false (n = 1)': 'refuted',
    'x >= 10**-300 gives x 10**300 >= 1': 'proved',
    'x >= 10**-300 does not give x 10**300 > 1': 'refuted',
    '100! > 10**157 (9.33e157)': 'proved',
    '100! > 10**158 false': 'refuted',
    '2**1000 > 11/10 * 10**301 false (1.0715e301)': 'refuted',
    'sqrt 2 > 1.4142135623730950488': 'proved',
    'sqrt 2 > 1.4142135623730950489 false': 'refuted',
    'pi > 355/113 false': 'refuted',
    'e**pi > pi**e': 'proved',
    'exp(10**6 x) >= 1 + 10**6 x': 'tested',
    'dim 1: <v, w>**2 = ||v||^2 ||w||^2': 'proved',
    'dim 2: <v, w>**2 = ||v||^2 ||w||^2 false': 'refuted',
    'dim 1: <x,y><y,z><z,x> >= 0 (= x^2 y^2 z^2)': 'proved',
    'dim 3: <x,y><y,z><z,x> >= 0 false': 'refuted',
    'dim d: parallelogram law': 'proved',
    'dim d: Pythagoras without orthogonality false': 'refuted',
    'dim d: ||v - w|| >= ||v|| - ||w||': 'proved',
    'trace(eye(d)) = d': 'proved',
    'trace(eye(d)) <= 60 false (d = 61)': 'refuted',
    'unit u in R^4: op_norm(I - 2uu^T) = 1': 'tested',
    'unit u in R^d: trace(u u^T) = 1': 'proved',
    'Rayleigh upper: z^T A z <= lambda_max ||z||^2': 'proved',
    'Rayleigh wrong side: z^T A z <= lambda_min ||z||^2 false': 'refuted',
    'Weyl: lambda_max(A+B) <= lambda_max A + lambda_max B': 'proved',
    'Weyl lower: lambda_max(A+B) >= lambda_max A + lambda_min B': 'proved',
    'Weyl wrong: lambda_max(A+B) <= lambda_max A + lambda_min B false': 'refuted',
    'op norm: ||M z|| <= ||M||_op ||z|| (M 3x2)': 'proved',
    'tall M 3x2: ||M z|| >= sigma_min(M) ||z||': 'proved',
    'wide M 2x3: ||M z|| >= sigma_min(M) ||z|| false (null space)': 'refuted',
    'wide M 2x3: ||M^T w|| >= sigma_min(M) ||w||': 'proved',
    'submultiplicative op norm (A 3x3, B 3x2)': 'proved',
    'sigma_min(AB) >= sigma_min A sigma_min B, square 3x3': 'tested',
    'sigma_min(AB) >= sigma_min A sigma_min B for A 2x3, B 3x2 false (range B in null A)': 'refuted',
    'symmetric 3x3: lambda_min A <= trace A / 3': 'proved',
    'symmetric 3x3: lambda_min A >= trace A / 3 false': 'refuted',
    'psd 3x3: trace A <= 3 lambda_max A': 'proved',
    'psd 3x3: trace A <= 2 lambda_max A false (A = I)': 'refuted',
    'sigma_min(M) >= 1e-12 does not give ||M z|| >= 1e-11 ||z|| (M 2x2)': 'refuted',
    "MVT: u' <= 0 on [0, T] gives u(T) <= u(0)": 'proved',
    "MVT misuse: u' <= 0 does not give u(T) >= u(0) via phi = -u (u = -s)": 'unknown',
    "MVT: u' <= 0 without u >= 0 does not give u(T)**2 <= u(0)**2 (u = -s)": 'unknown',
    "MVT: u' <= 0 and u >= 0 give u(T)**2 <= u(0)**2": 'proved',
    'MVT reversed interval: during [0, T], nonincreasing(u, s, T, 0) does not give u(0) <= u(T)': 'unknown',
    'MVT across a pole: 1/(s - 1) has derivative <= 0 where defined, yet 1/(T-1) <= -1 false at T = 2': 'refuted',
    'MVT across a jump: Piecewise((0, s < 1), (1, True)) has derivative 0 where defined; phi(T) <= phi(0) false at T = 2': 'refuted',
    "Gronwall: u' <= -c u on [0, T] gives u(T) <= u(0) e^{-cT}": 'proved',
    'Gronwall on half the interval does not give the bound at T': 'unknown',
    "Gronwall with p = -c**2... u' <= -u gives u(T) <= u(0) e^{-2T} false": 'unknown',
    'Basel: sum 1/j**2 (1..oo) <= pi**2/6 (an equality)': 'error',
    'Basel strict: sum 1/j**2 < pi**2/6 false': 'error',
    'exp(exp(exp(10))) > 1': 'proved',
    '2**(2**40) > 1 (unevaluated tower)': 'proved',
    'telescoping: sum 1/(j(j+1)) (1..n) = 1 - 1/(n+1)': 'proved',
    'telescoping: sum <= 1 - 1/(n+2) (true: 1/(n+1) >= 1/(n+2))': 'proved',
    'telescoping: sum <= 1 - 1/(n+1) - 1e-9 false': 'refuted',
    'sin(10**30) <= 1': 'proved',
    'sin(10**30) > 0 false (sin(10**30) = -0.0901169...; 80-digit mpmath)': 'refuted',
    'sin(10**30) < -9/100 (true: -0.0901169...)': 'proved',
    '(x**3)**(1/3) = x for x >= 0': 'tested',
    '(x**3)**(1/3) = x for real x: true where defined (the principal root of a negative is not real)': 'tested',
    'real_root(x**3, 3) = x': 'tested',
    "x < Float('inf') (= oo) for a real x": 'proved',
    'show true': 'proved',
    'show false': 'refuted',
    'x < oo for a real x': 'proved',
    'x**2 >= x - 1/4 (a square)': 'proved',
    'x**2 > x - 1/4 false at 1/2': 'refuted',
    'x**4 - 4x**3 + 6x**2 - 4x + 1 >= 0 (=(x-1)^4)': 'proved',
    'Motzkin x^4 y^2 + x^2 y^4 - 3x^2y^2 + 1 >= 0 (true, not SOS)': 'proved',
    'Motzkin - 1e-9 > ... Motzkin > 0 false at x = y = 1': 'refuted',
    'AM-GM for three: x^3+y^3+z^3 >= 3xyz for x,y,z >= 0': 'proved',
    'x^3+y^3+z^3 >= 3xyz for all reals false (x=y=z=-1... -3 >= -3 ok; x=-1,y=z=0)': 'refuted',
}
# RECORDED-END


def table():
    return [(desc, build, expected, RECORDED.get(desc)) for desc, build, expected in CLAIMS]


if __name__ == "__main__":
    rerun = "--recorded" not in sys.argv
    counts: dict[str, int] = {}
    _seen: list = []
    for desc, build, expected, verdict in table():
        if rerun:
            t0 = time.time()
            verdict = run_one(build)
            dt = time.time() - t0
        else:
            dt = 0.0
        _seen.append(verdict)
        kind = classify(expected, verdict)
        counts[kind.split(" ")[0]] = counts.get(kind.split(" ")[0], 0) + 1
        print(f"{kind:22s} {expected:5s} {str(verdict)[:40]:40s} {dt:5.1f}s  {desc}", flush=True)
    print(len(CLAIMS), "claims;", counts)
    if "--record" in sys.argv:
        new = {desc: run for desc, run in zip((c[0] for c in CLAIMS), _seen)}
        text = open(__file__, encoding="utf-8").read()
        head, rest = text.split("# RECORDED-BEGIN\n", 1)
        _, tail = rest.split("# RECORDED-END\n", 1)
        body = "RECORDED: dict[str, str] = {\n" + "".join(f"    {d!r}: {v!r},\n" for d, v in new.items()) + "}\n"
        open(__file__, "w", encoding="utf-8").write(head + "# RECORDED-BEGIN\n" + body + "# RECORDED-END\n" + tail)
