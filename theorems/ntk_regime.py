"""003, section 8.4: the neural tangent kernel approach (8.54)-(8.168), step by step.

Main results (sources in each node):

* Linearisation: the square loss of the linear model (8.63); Lemma 8.25 (the minimum-norm solution is within
  ``sqrt(n)/sigma``, (8.64)-(8.67)); Lemma 8.28 with its constant ``beta/2`` (``taylor_remainder_upper``,
  ``..._lower``, proved by the mean value theorem rule of the core, and (8.70)); the scaling (8.73) and the example
  (8.74)-(8.77).
* Wide two-layer networks: the gradient (8.87) (as written it drops ``a_i``: an erratum), its norm and the
  kernel entries (8.88)-(8.92), the Gram entries (8.85)-(8.86), the Lipschitz chain (8.97)-(8.103).
* GD on the linear model: the residual recursion (8.110)-(8.115) ((8.112) as written is ill-typed: an erratum),
  the contraction (8.118)-(8.124), the rate (8.125)-(8.128) ((8.125)'s ``=`` is ``<=``).
* Theorem 8.33's proof link by link (8.129)-(8.165): the gradient (8.130)-(8.134), the step (8.136)-(8.141),
  ``sigma_min(Phi^t) >= 3 sigma/4`` ((8.144) as written is false), the rate (8.150) as written
  (``1 - 3 eta sigma/4``, refuted) beside ``1 - 9 eta sigma^2/16``, the induction (8.154)-(8.156), the
  triangle inequalities (8.157)-(8.165) ((8.162) as written fails off the row space of ``Phi``).
* Example 8.34: ``x_1 x_2`` from four ReLUs (8.166)-(8.168).
"""
from __future__ import annotations

import sympy as sp

from verify import (Claim, Derivation, Matrix, Vector, during, eye, forall, induction, inner, lambda_max,
                    lambda_min, node, nonincreasing, norm, op_norm, pinv, sigma_min, substitute, use)

TOPIC = "NTK regime (003, 8.4)"

n, p = sp.symbols("n p", integer=True, positive=True)
eta, beta, sig, C = sp.symbols("eta beta sigma C", positive=True)

# -- (8.63): the linearised square loss -----------------------------------------------------------------
Phi3, dth, y3 = Matrix("Phi_3x2", 3, 2), Vector("Delta_theta_2", 2), Vector("y_3", 3)
RESIDUAL_3 = y3 - Phi3 * dth
linearised_square_loss = Claim(
    "linearised_square_loss",
    show=sp.Eq(sum((y3[i, 0] - (Phi3 * dth)[i, 0]) ** 2 for i in range(3)) / 3, norm(RESIDUAL_3) ** 2 / 3),
    source="003, (8.63): (1/n) sum_i (y_i - phi_i^T Delta theta)^2 = (1/n)||y - Phi Delta theta||^2 (n = 3, p = 2)",
    expect="proved")

# -- Lemma 8.25: the minimum-norm solution ----------------------------------------------------------------
Phi, yv = Matrix("Phi_2x3", 2, 3), Vector("y_2", 2)
MIN_NORM = pinv(Phi) * yv
min_norm_interpolates = Claim(
    "min_norm_interpolates", given=[sigma_min(Phi) > 0], show=sp.Eq(norm(Phi * MIN_NORM - yv), 0),
    source="003, Lemma 8.25, proof: rank Phi = n (sigma_min > 0) and p >= n, so Delta theta^ = Phi^+ y solves "
           "y = Phi Delta theta (checked for Phi of shape 2 x 3)", expect="proved")
lemma_8_25 = (
    Derivation("lemma_8_25", given=[sigma_min(Phi) > 0, norm(yv) <= C * sp.sqrt(2)], start=norm(MIN_NORM),
               source="003, Lemma 8.25, (8.64), (8.66)-(8.67) and (8.153), (8.163): ||Delta theta^|| <= ||Phi^+||_op "
                      "||y|| = ||y||/sigma <= C sqrt(n)/sigma with ||y|| <= C sqrt(n) (n = 2, p = 3)",
               expect="proved")
    .le(op_norm(pinv(Phi)) * norm(yv), by="(8.66): ||A v|| <= ||A||_op ||v||")
    .eq(norm(yv) / sigma_min(Phi), by="||Phi^+||_op = 1/sigma_min(Phi)")
    .le(C * sp.sqrt(2) / sigma_min(Phi), by=substitute(norm(yv) <= C * sp.sqrt(2), "||y|| = O(sqrt(n))"))
)

# -- Lemma 8.28: the Taylor remainder, by the mean value theorem ------------------------------------------
s = sp.Symbol("s", real=True)
th0, th = sp.Symbol("theta_0", real=True), sp.Symbol("theta", real=True)
h, hp0 = sp.Function("h"), sp.Symbol("h'_0", real=True)        # h(s) = f_{theta_0 + s v}(x); hp0 = h'(theta_0)
LIPSCHITZ = during(s, th0, th, [sp.Derivative(h(s), s) - hp0 <= beta * (s - th0),
                                hp0 - sp.Derivative(h(s), s) <= beta * (s - th0)], differentiable=[h(s)])
LINEARISED = h(th0) + hp0 * (th - th0)                          # g_theta(x)
taylor_remainder_upper = Claim(
    "taylor_remainder_upper", given=[th0 <= th, LIPSCHITZ],
    show=h(th) - LINEARISED <= beta / 2 * (th - th0) ** 2,
    by=nonincreasing(h(s) - h(th0) - hp0 * (s - th0) - beta / 2 * (s - th0) ** 2, s, th0, th),
    source="003, Lemma 8.28, (8.71): grad h beta-Lipschitz gives h(theta) - h(theta_0) - <grad h(theta_0), theta - "
           "theta_0> <= (beta/2)||theta - theta_0||^2, on the segment from theta_0 (h(s) the function along it; the "
           "difference minus (beta/2)(s - theta_0)^2 has derivative <= 0: mean value theorem)", expect="proved")
taylor_remainder_lower = Claim(
    "taylor_remainder_lower", given=[th0 <= th, LIPSCHITZ],
    show=LINEARISED - h(th) <= beta / 2 * (th - th0) ** 2,
    by=nonincreasing(-(h(s) - h(th0) - hp0 * (s - th0)) - beta / 2 * (s - th0) ** 2, s, th0, th),
    source="003, Lemma 8.28, (8.71), the other side: g_theta(x) - f_theta(x) <= (beta/2)||theta - theta_0||^2",
    expect="proved")
lemma_8_28 = Claim(
    "lemma_8_28", given=[th0 <= th, LIPSCHITZ, use(taylor_remainder_upper), use(taylor_remainder_lower)],
    show=sp.Abs(h(th) - LINEARISED) <= beta / 2 * (th - th0) ** 2,
    source="003, Lemma 8.28, (8.69): |f_theta(x) - g_theta(x)| <= O(beta ||Delta theta||^2), with the constant 1/2",
    expect="proved")
lemma_8_28_ball = Claim(
    "lemma_8_28_ball", given=[th0 <= th, LIPSCHITZ, th - th0 <= C * sp.sqrt(n) / sig, use(lemma_8_28)],
    show=sp.Abs(h(th) - LINEARISED) <= C ** 2 * beta * n / (2 * sig ** 2),
    source="003, Lemma 8.28, (8.70): in the ball ||Delta theta|| <= C sqrt(n)/sigma (the radius of Lemma 8.25, "
           "lemma_8_25, stated here as a hypothesis: that lemma is about a 2 x 3 matrix) the error |f_theta(x) - "
           "g_theta(x)| <= (beta/2)||Delta theta||^2 of (8.69) is at most C^2 beta n/(2 sigma^2) = O(beta n/sigma^2)",
    expect="proved")

# -- (8.73) and the example (8.74)-(8.77) ------------------------------------------------------------------
alpha, beta_bar, sig_bar, eps = sp.symbols("alpha beta_bar sigma_bar epsilon", positive=True)
scaling_ratio = Claim(
    "scaling_ratio", given=[sp.Eq(beta, alpha * beta_bar), sp.Eq(sig, alpha * sig_bar)],
    show=sp.Eq(beta / sig ** 2, beta_bar / sig_bar ** 2 / alpha),
    source="003, (8.73): f = alpha f_bar scales the gradient's Lipschitz constant and sigma by alpha, so "
           "beta/sigma^2 = (beta_bar/sigma_bar^2)/alpha", expect="proved")
scaling_ratio_small = Claim(
    "scaling_ratio_small", given=[sp.Eq(beta, alpha * beta_bar), sp.Eq(sig, alpha * sig_bar),
                                  alpha >= beta_bar / (sig_bar ** 2 * eps), use(scaling_ratio)],
    show=beta / sig ** 2 <= eps,
    source="003, (8.73): beta/sigma^2 = (beta_bar/sigma_bar^2)/alpha -> 0 as alpha -> infinity (at most eps once "
           "alpha >= beta_bar/(sigma_bar^2 eps))",
    expect="proved")
theta = sp.Symbol("theta", real=True)
F_BAR = theta + beta * theta ** 2                                # (8.74)'s model f_bar
G_BAR = F_BAR.subs(theta, 0) + sp.diff(F_BAR, theta).subs(theta, 0) * theta   # its linearisation at 0, by diff
example_linearisation = Claim(
    "example_linearisation", show=sp.Eq((1 - G_BAR) ** 2, (1 - theta) ** 2, evaluate=False),
    source="003, (8.74)-(8.75): the linearisation at 0 of f_bar = theta + beta theta^2 (by sympy's diff) is theta, "
           "so L(g_bar) = (1 - theta)^2", expect="proved")
example_scaled_gap = Claim(
    "example_scaled_gap", given=[theta >= 0, theta <= 1 / alpha],
    show=sp.Abs(alpha * F_BAR - alpha * G_BAR) <= beta / alpha,
    source="003, (8.76)-(8.77): L(alpha f_bar) = (1 - alpha(theta + beta theta^2))^2 and L(alpha g_bar) = "
           "(1 - alpha theta)^2; on [0, 1/alpha], the minimiser's side, alpha f_bar - alpha g_bar = alpha beta "
           "theta^2 <= beta/alpha", expect="proved")
example_minimiser = Claim(
    "example_minimiser", show=sp.Eq(sp.diff((1 - alpha * theta) ** 2, theta).subs(theta, 1 / alpha), 0, evaluate=False),
    source="003, (8.77): the minimiser of (1 - alpha theta)^2 is 1/alpha (derivative zero there, by diff)",
    expect="proved")

# -- two-layer network: (8.85)-(8.103) ----------------------------------------------------------------------
x1, x2, xp1, xp2 = sp.symbols("x_1 x_2 x'_1 x'_2", real=True)
w = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"w_{i + 1}{j + 1}", real=True))   # rows w_i^T, m = 2, d = 2
a1, a2 = sp.symbols("a_1 a_2", real=True)
act = sp.Function("sigma")


def _network(xa, xb):
    """(8.78) with m = 2 neurons in R^2: (1/sqrt(m)) sum_i a_i sigma(w_i^T x)."""
    return (a1 * act(w[0, 0] * xa + w[0, 1] * xb) + a2 * act(w[1, 0] * xa + w[1, 1] * xb)) / sp.sqrt(2)


#: sigma'(w_i^T x) and sigma'(w_i^T x'), named: sympy's diff writes them as Subs(Derivative(sigma), ...)
SIGMA_PRIME = {(i, xa): sp.Symbol(f"sigma'(w_{i + 1}^T {label})", real=True)
               for i in range(2) for xa, label in ((x1, "x"), (xp1, "x'"))}


def _named(expr):
    """``expr`` with each ``sigma'(w_i^T x)`` that sympy's diff produced replaced by its named symbol."""
    def name(e):
        point = e.args[2][0]
        for (i, xa), symbol in SIGMA_PRIME.items():
            xb = x2 if xa == x1 else xp2
            if sp.expand(point - (w[i, 0] * xa + w[i, 1] * xb)) == 0:
                return symbol
        return e
    return expr.replace(lambda e: isinstance(e, sp.Subs), name)


def _gradient(xa, xb):
    """d f(x)/d w_ij for i, j in 1..2, by sympy's diff (chain rule), sigma' named."""
    return [_named(sp.diff(_network(xa, xb), w[i, j])) for i in range(2) for j in range(2)]


def _entrywise(lhs: list, rhs: list) -> sp.Basic:
    return sp.And(*[sp.Eq(a_, b_, evaluate=False) for a_, b_ in zip(lhs, rhs)])


GRAD_X, GRAD_XP = _gradient(x1, x2), _gradient(xp1, xp2)
S1, S2 = SIGMA_PRIME[(0, x1)], SIGMA_PRIME[(1, x1)]
gradient_8_87 = Claim(
    "gradient_8_87", show=_entrywise(GRAD_X, [a1 * S1 * x1 / sp.sqrt(2), a1 * S1 * x2 / sp.sqrt(2),
                                              a2 * S2 * x1 / sp.sqrt(2), a2 * S2 * x2 / sp.sqrt(2)]),
    source="003, (8.87) corrected: d f/d w_i = (1/sqrt(m)) a_i sigma'(w_i^T x) x (by sympy's diff, m = d = 2)",
    expect="proved")
gradient_8_87_as_written = Claim(
    "gradient_8_87_as_written", given=[sp.Eq(a1 ** 2, 1)], show=sp.Eq(GRAD_X[0], S1 * x1 / sp.sqrt(2)),
    source="003, (8.87) as written: d f/d w_i = (1/sqrt(m)) sigma'(w_i^T x) x drops the output weight a_i (wrong for "
           "a_i = -1; (8.88) is unaffected since a_i^2 = 1)", expect="refuted")
gradient_norm_8_88 = Claim(
    "gradient_norm_8_88", given=[sp.Eq(a1 ** 2, 1), sp.Eq(a2 ** 2, 1)],
    show=sp.Eq(sum(g_ ** 2 for g_ in GRAD_X), (x1 ** 2 + x2 ** 2) / 2 * (S1 ** 2 + S2 ** 2)),
    source="003, (8.88)-(8.89): ||grad f||^2 = (1/m) sum_i ||sigma'(w_i^T x) x||^2 = (1/m)||x||^2 sum_i "
           "sigma'(w_i^T x)^2 (a_i^2 = 1; m = d = 2)", expect="proved")
kernel_entry_8_92 = Claim(
    "kernel_entry_8_92", given=[sp.Eq(a1 ** 2, 1), sp.Eq(a2 ** 2, 1)],
    show=sp.Eq(sum(u_ * v_ for u_, v_ in zip(GRAD_X, GRAD_XP)),
               (x1 * xp1 + x2 * xp2) / 2 * (S1 * SIGMA_PRIME[(0, xp1)] + S2 * SIGMA_PRIME[(1, xp1)])),
    source="003, (8.92): <grad f(x), grad f(x')> = (1/m)<x, x'> sum_i sigma'(w_i^T x) sigma'(w_i^T x') (m = d = 2)",
    expect="proved")
Phi23 = Phi
gram_singular_value = Claim(
    "gram_singular_value", show=sp.Eq(sigma_min(Phi23) ** 2, lambda_min(Phi23 * Phi23.T)),
    source="003, (8.85) and (8.117): sigma = sigma_min(Phi) = sqrt(lambda_min(Phi Phi^T)) (Phi of shape 2 x 3)",
    expect="proved")
phi_i, phi_j = Vector("phi_i", 3), Vector("phi_j", 3)
GRAM_ROWS = sp.Matrix([[phi_i[c_, 0] for c_ in range(3)], [phi_j[c_, 0] for c_ in range(3)]])
gram_entries = Claim(
    "gram_entries", show=sp.Eq((GRAM_ROWS * GRAM_ROWS.T)[0, 1], inner(phi_i, phi_j)),
    source="003, (8.86): (Phi Phi^T)_ij = <grad f(x_i), grad f(x_j)> (rows phi_i^T; p = 3)", expect="proved")

dsig = sp.symbols("d_1 d_2", real=True)          # sigma'(w_i^T x) - sigma'(w_i'^T x)
dpre = sp.symbols("q_1 q_2", real=True)          # w_i^T x - w_i'^T x
dw = sp.symbols("D_1 D_2", nonnegative=True)     # ||w_i - w_i'||
Ls, X2 = sp.symbols("L_sigma X", positive=True)  # Lipschitz constant of sigma', ||x||^2
LIP = [d_ ** 2 <= Ls ** 2 * q_ ** 2 for d_, q_ in zip(dsig, dpre)]
CS = [q_ ** 2 <= X2 * D_ ** 2 for q_, D_ in zip(dpre, dw)]
gradient_lipschitz = (
    Derivation("gradient_lipschitz", given=[*LIP, *CS], start=sum(X2 * d_ ** 2 for d_ in dsig) / 2,
               source="003, (8.97)-(8.101): ||grad f_theta - grad f_theta'||^2 = (1/m) sum ||x||^2 (sigma'(w_i^T x) - "
                      "sigma'(w_i'^T x))^2 <= (1/m) sum ||x||^2 L^2 (w_i^T x - w_i'^T x)^2 <= (L^2 ||x||^4/m) "
                      "||theta - theta'||^2 (m = 2; sigma' L-Lipschitz; Cauchy-Schwarz)", expect="proved")
    .le(sum(X2 * Ls ** 2 * q_ ** 2 for q_ in dpre) / 2, by="sigma' is L-Lipschitz")
    .le(sum(X2 ** 2 * Ls ** 2 * D_ ** 2 for D_ in dw) / 2, by="Cauchy-Schwarz: (w_i^T x - w_i'^T x)^2 <= ||x||^2 ||w_i - w_i'||^2")
    .eq(Ls ** 2 * X2 ** 2 / 2 * sum(D_ ** 2 for D_ in dw), by="sum_i ||w_i - w_i'||^2 = ||theta - theta'||^2")
)
m_w, c_beta, sig_min = sp.symbols("m c_beta sigma_min", positive=True)
ratio_vanishes = Claim(
    "ratio_vanishes",
    given=[beta <= c_beta / sp.sqrt(m_w), sig ** 2 >= sig_min ** 2 / 4, m_w >= (4 * c_beta / (eps * sig_min ** 2)) ** 2],
    show=beta / sig ** 2 <= eps,
    source="003, (8.102)-(8.103) with (8.96): beta <= c/sqrt(m) and sigma^2 > sigma_min^2/4 give beta/sigma^2 <= "
           "4c/(sqrt(m) sigma_min^2) -> 0; at most eps once m >= (4c/(eps sigma_min^2))^2 (beta <= c/sqrt(m) is "
           "(8.101), gradient_lipschitz, stated here as a hypothesis: that lemma is at m = 2)", expect="proved")

# -- (8.106): f and its linearisation at theta^t have the same loss gradient ------------------------------
tt, yy, hpt = sp.Symbol("theta_t", real=True), sp.Symbol("y_0", real=True), sp.Symbol("h'_t", real=True)
G_T = h(tt) + hpt * (theta - tt)                                   # (8.105)
LOSS_F_GRAD = sp.diff((h(theta) - yy) ** 2 / 2, theta).subs(theta, tt).doit().replace(
    lambda e: isinstance(e, sp.Derivative), lambda e: hpt)
gradients_agree = Claim(
    "gradients_agree", show=sp.Eq(LOSS_F_GRAD, sp.diff((G_T - yy) ** 2 / 2, theta).subs(theta, tt), evaluate=False),
    source="003, Remark 8.32, (8.106): grad L(f_{theta^t}) = grad L(g^t_{theta^t}): f and its Taylor expansion (8.105) "
           "at theta^t agree to first order (derivatives by sympy's diff; h'_t = h'(theta^t))", expect="proved")

# -- GD on the linear model (8.110)-(8.128) ------------------------------------------------------------------
Pn, dt, yn = Matrix("Phi", n, p), Vector("Delta_theta", p), Vector("y", n)
K_N = Pn * Pn.T
residual_recursion = (
    Derivation("residual_recursion", start=Pn * (dt - eta * Pn.T * (Pn * dt - yn)) - yn,
               source="003, (8.110)-(8.115): y^{t+1} - y = Phi(Delta theta^t - eta Phi^T(Phi Delta theta^t - y)) - y = "
                      "(I - eta Phi Phi^T)(y^t - y); (8.112) corrected to (Phi - eta Phi Phi^T Phi) Delta theta^t",
               expect="proved")
    .eq((Pn - eta * K_N * Pn) * dt - (eye(n) - eta * K_N) * yn, by="(8.112), corrected")
    .eq((eye(n) - eta * K_N) * Pn * dt - (eye(n) - eta * K_N) * yn, by="(8.113)")
    .eq((eye(n) - eta * K_N) * (Pn * dt - yn), by="(8.114)-(8.115)")
)
Psq, dsq, ysq = Matrix("Phi_sq", 2, 2), Vector("Delta_theta_sq", 2), Vector("y_sq", 2)
residual_step_as_written = Claim(
    "residual_step_as_written",
    show=sp.Eq(Psq * (dsq - eta * Psq.T * (Psq * dsq - ysq)) - ysq,
               (Psq - eta * Psq * Psq.T) * dsq - (eye(2) - eta * Psq * Psq.T) * ysq),
    source="003, (8.112) as written: (Phi - eta Phi Phi^T) Delta theta^t - (I - eta Phi Phi^T) y (ill-typed unless "
           "p = n; taken 2 x 2, it is still false: a factor Phi is missing)", expect="refuted")
K2, r2 = Matrix("K", 2, 2, structure="psd"), Vector("r", 2)
U2, S2 = Matrix("U", 2, 2, structure="orthogonal"), Matrix("Sigma", 2, 2, structure="diagonal")
eigendecomposition_8_119 = Claim(
    "eigendecomposition_8_119", show=sp.Eq(eye(2) - eta * U2 * S2 * S2 * U2.T, U2 * (eye(2) - eta * S2 * S2) * U2.T),
    source="003, (8.119)-(8.121): I - eta U Sigma^2 U^T = U U^T - eta U Sigma^2 U^T = U(I - eta Sigma^2)U^T (U "
           "orthogonal, n = 2)", expect="proved")
tau1, taun, tau2 = sp.symbols("tau_1^2 tau_n^2 tau^2", nonnegative=True)
eigen_max_8_122 = Claim(
    "eigen_max_8_122", given=[taun <= tau1, tau1 <= tau2, eta * tau2 <= 1],
    show=sp.Eq(sp.Max(sp.Abs(1 - eta * tau1), sp.Abs(1 - eta * taun)), 1 - eta * taun),
    source="003, (8.122)-(8.124): with eta tau^2 <= 1 every 1 - eta tau_j^2 >= 0, so max_j |1 - eta tau_j^2| = "
           "1 - eta tau_n^2 = 1 - eta sigma^2", expect="proved")
contraction_8_118 = (
    Derivation("contraction_8_118", given=[eta * lambda_max(K2) <= 1], start=op_norm(eye(2) - eta * K2),
               source="003, (8.118)-(8.124): eta <= 1/tau^2 gives ||I - eta Phi Phi^T||_op <= 1 - eta sigma^2 (K = "
                      "Phi Phi^T, n = 2; tau_1^2 = lambda_max(K), tau_n^2 = sigma^2 = lambda_min(K))", expect="proved")
    .eq(sp.Max(sp.Abs(1 - eta * lambda_max(K2)), sp.Abs(1 - eta * lambda_min(K2))),
        by="(8.119)-(8.121): I - eta K = U(I - eta Sigma^2)U^T has the eigenvalues 1 - eta tau_j^2 (eigendecomposition_8_119; "
           "the kernel cites the spectrum of a polynomial in a symmetric K)")
    .eq(1 - eta * lambda_min(K2), by=use(eigen_max_8_122, {tau1: lambda_max(K2), taun: lambda_min(K2), tau2: lambda_max(K2)}))
)
rate_step_8_125_as_written = Claim(
    "rate_step_8_125_as_written", given=[eta * lambda_max(K2) <= 1],
    show=sp.Eq(norm((eye(2) - eta * K2) * r2), op_norm(eye(2) - eta * K2) * norm(r2)),
    source="003, (8.125) as written: ||y^{t+1} - y|| = ||I - eta Phi Phi^T||_op ||y^t - y||; it is '<=' (equality only "
           "along the top eigenvector)", expect="refuted")
rate_step_8_125 = Claim(
    "rate_step_8_125", given=[eta * lambda_max(K2) <= 1, use(contraction_8_118)],
    show=norm((eye(2) - eta * K2) * r2) <= (1 - eta * lambda_min(K2)) * norm(r2),
    source="003, (8.125)-(8.126) corrected: ||y^{t+1} - y|| <= ||I - eta Phi Phi^T||_op ||y^t - y|| <= "
           "(1 - eta sigma^2)||y^t - y|| (n = 2)", expect="proved")
k, j = sp.symbols("k j", integer=True, nonnegative=True)
q = sp.Symbol("q", positive=True)
err = sp.Function("e")
geometric_decay = Claim(
    "geometric_decay", given=[forall(j, err(j + 1) <= q * err(j)), forall(j, err(j) >= 0)], show=err(k) <= q ** k * err(0),
    by=induction(k),
    source="003, (8.127) and (8.151): ||y^{t+1} - y|| <= q ||y^t - y|| at every t gives ||y^t - y|| <= q^t ||y^0 - y|| "
           "(q = 1 - eta sigma^2, or 1 - 9 eta sigma^2/16 for f)", expect="proved")
xr = sp.Symbol("x", positive=True)
one_minus_below_exp = Claim(
    "one_minus_below_exp", show=1 - xr <= sp.exp(-xr), by=nonincreasing(1 - s - sp.exp(-s), s, 0, xr),
    source="003, (8.128) (the step behind T = O(log(1/eps)/(eta sigma^2))): 1 - x <= e^{-x} (1 - s - e^{-s} has "
           "derivative -1 + e^{-s} <= 0 for s >= 0; mean value theorem)", expect="proved")
T_steps = sp.Symbol("T", integer=True, positive=True)
power_below_exp = Claim(
    "power_below_exp", given=[xr <= 1, use(one_minus_below_exp)], show=(1 - xr) ** T_steps <= sp.exp(-xr * T_steps),
    by=induction(T_steps, 1),
    source="003, (8.128): (1 - x)^T <= e^{-x T} for 0 < x <= 1 and T = 1, 2, ... (from 1 - x <= e^{-x}, by induction)",
    expect="proved")
ENOUGH_STEPS = T_steps >= sp.log(1 / eps) / xr
steps_to_eps = (
    Derivation("steps_to_eps", given=[xr <= 1, ENOUGH_STEPS], start=(1 - xr) ** T_steps,
               source="003, (8.128) and (8.152): after T >= log(1/eps)/x steps with x = eta sigma^2 (or 9 eta sigma^2/16) "
                      "the factor (1 - x)^T is at most eps, so ||y^T - y|| <= eps ||y^0 - y||", expect="proved")
    .le(sp.exp(-xr * T_steps), by=use(power_below_exp))
    .le(sp.exp(-sp.log(1 / eps)), by=substitute(ENOUGH_STEPS, "e^{-x T} decreases in T"))
    .eq(eps, by="e^{-log(1/eps)} = eps")
)

# -- Theorem 8.33, (8.129)-(8.165) -----------------------------------------------------------------------------
Pt2, rt2 = Matrix("Phi_t_2x2", 2, 2), Vector("r_t", 2)             # rows grad f_{theta^t}(x_i)^T; r = y^t - y
loss_gradient_8_130 = Claim(
    "loss_gradient_8_130",
    show=_entrywise(list(sum((rt2[i, 0] * sp.Matrix([Pt2[i, 0], Pt2[i, 1]]) for i in range(2)), sp.zeros(2, 1))),
                    list((Pt2.T * rt2).as_explicit())),
    source="003, (8.130)-(8.132) and (8.134): grad L(f_{theta^t}) = sum_i (f_{theta^t}(x_i) - y_i) grad f_{theta^t}(x_i) = "
           "(Phi^t)^T (y^t - y), so theta^{t+1} = theta^t - eta (Phi^t)^T (y^t - y) (for L = (1/2) sum (f - y)^2; with "
           "(8.59)'s (1/n) sum the gradient carries 2/n)", expect="proved")
Ptn, yh, yb = Matrix("Phi_t", n, p), Vector("y_t", n), Vector("y", n)
taylor_step_recursion = (
    Derivation("taylor_step_recursion", start=yh - eta * Ptn * (Ptn.T * (yh - yb)) - yb,
               source="003, (8.136)-(8.141): y^{t+1} = y^t - eta Phi^t b^t (Taylor, dropping O(eta^2)) so y^{t+1} - y = "
                      "y^t - y + eta Phi^t (Phi^t)^T (y - y^t) = (I - eta Phi^t (Phi^t)^T)(y^t - y) (the step b^t = (Phi^t)^T (y^t - y) "
                      "is loss_gradient_8_130's gradient, at n = 2 there)", expect="proved")
    .eq(yh - yb + eta * Ptn * Ptn.T * (yb - yh), by="(8.139)-(8.140)")
    .eq((eye(n) - eta * Ptn * Ptn.T) * (yh - yb), by="(8.141)")
)
A2, v2 = Matrix("A", 2, 2), Vector("v", 2)
sigma_min_quadratic_as_written = Claim(
    "sigma_min_quadratic_as_written", show=sigma_min(A2) * norm(v2) ** 2 <= (v2.T * A2 * v2)[0, 0],
    source="003, (8.144) as written: sigma_min(Phi^t) = min_{||x|| = 1} x^T Phi^t x, so sigma_min(A) <= x^T A x for unit x "
           "(written for v/||v||); false (A = -I), and ill-typed for the n x p matrix Phi^t", expect="refuted")
Pb, Eb = Phi, Matrix("E", 2, 3)                   # Phi^t = Phi + E
weyl_sigma_min = Claim(
    "weyl_sigma_min", show=sigma_min(Pb + Eb) >= sigma_min(Pb) - op_norm(Eb),
    source="003, (8.143)-(8.149) corrected: sigma_min(Phi^t) >= sigma_min(Phi) - ||Phi^t - Phi||_op (Weyl), in place "
           "of the quadratic-form argument (Phi of shape 2 x 3)", expect="proved")
st_, et_ = sp.Symbol("s_t", nonnegative=True), sp.Symbol("E_t", nonnegative=True)
sigma_min_three_quarters = Claim(
    "sigma_min_three_quarters", given=[st_ >= sig - et_, et_ <= sig / 4], show=st_ >= 3 * sig / 4,
    source="003, (8.142)-(8.143), (8.149): ||Phi^t - Phi||_op <= ||Phi^t - Phi||_F <= sigma/4 gives "
           "sigma_min(Phi^t) >= 3 sigma/4 (s_t = sigma_min(Phi^t), E_t = ||Phi^t - Phi||_op; Weyl's bound s_t >= "
           "sigma - E_t is weyl_sigma_min, stated here as a hypothesis in these scalars)", expect="proved")
rate_8_150_as_written = Claim(
    "rate_8_150_as_written", given=[st_ >= 3 * sig / 4, eta * tau2 <= 1, st_ ** 2 <= tau2],
    show=1 - eta * st_ ** 2 <= 1 - 3 * eta * sig / 4,
    source="003, (8.150)-(8.151) as written: ||I - eta Phi^t (Phi^t)^T||_op <= 1 - 3 eta sigma/4 (the top of the "
           "spectrum of I - eta Phi^t Phi^t^T is 1 - eta s_t^2, s_t = sigma_min(Phi^t) >= 3 sigma/4); it squares "
           "nothing: false for sigma < 4/3", expect="refuted")
rate_8_150 = Claim(
    "rate_8_150", given=[st_ >= sig - et_, et_ <= sig / 4, use(sigma_min_three_quarters)], show=1 - eta * st_ ** 2 <= 1 - 9 * eta * sig ** 2 / 16,
    source="003, (8.150) corrected: ||I - eta Phi^t (Phi^t)^T||_op <= 1 - eta (3 sigma/4)^2 = 1 - 9 eta sigma^2/16, "
           "from (8.143) (sigma_min_three_quarters: Weyl's bound and ||Phi^t - Phi||_op <= sigma/4)",
    expect="proved")
bounded_errors = Claim(
    "bounded_errors", given=[forall(j, err(j + 1) <= err(j)), err(0) <= C * sp.sqrt(n)], show=err(k) <= C * sp.sqrt(n),
    by=induction(k),
    source="003, (8.154)-(8.156): ||y^0 - y|| <= C sqrt(n) and the errors decrease ((8.141), (8.150)), so "
           "||y^t - y|| <= C sqrt(n) for all t, by induction", expect="proved")
Dphi, A_t, B_t, C1, C2 = sp.symbols("N_t A_t B_t C_1 C_2", nonnegative=True)
row_space_distance = Claim(
    "row_space_distance", given=[Dphi <= A_t + B_t, A_t <= C1 * sp.sqrt(n), B_t <= C2 * sp.sqrt(n)],
    show=Dphi / sp.sqrt(n) <= C1 + C2,
    source="003, (8.157)-(8.161): (1/sqrt(n))||Phi(theta^t - theta^)|| <= (1/sqrt(n))||Phi theta^t - y^t|| + "
           "(1/sqrt(n))||y^t - y|| (triangle inequality) <= O(1)", expect="proved")
Pw, vw = Matrix("Phi_1x2", 1, 2), Vector("v", 2)
inverse_bound_as_written = Claim(
    "inverse_bound_as_written", given=[sigma_min(Pw) > 0], show=norm(vw) <= norm(Pw * vw) / sigma_min(Pw),
    source="003, (8.162) as written: ||theta^t - theta^|| <= (1/sigma)||Phi(theta^t - theta^)|| for every difference; "
           "false off the row space of Phi when p > n (Phi = [1, 0], v = (0, 1))", expect="refuted")
Pr, zr = Phi, Vector("z", 2)
inverse_bound_row_space = Claim(
    "inverse_bound_row_space", given=[sigma_min(Pr) > 0],
    show=norm(Pr.T * zr) <= norm(Pr * Pr.T * zr) / sigma_min(Pr),
    source="003, (8.162) corrected: for a difference in the row space of Phi (v = Phi^T z; GD from theta^0 and "
           "theta^ = theta^0 + Phi^+ y stay there for the linear model), ||v|| <= ||Phi v||/sigma (Phi 2 x 3)",
    expect="proved")
Dt0, Dh0, Dth = sp.symbols("D_0t D_hat0 D_that", nonnegative=True)
stays_in_ball = Claim(
    "stays_in_ball",
    given=[Dt0 <= Dh0 + Dth, Dh0 <= C * sp.sqrt(n) / sig, Dth <= C * sp.sqrt(n) / sig, beta / sig ** 2 <= 1 / (8 * C * n)],
    show=Dt0 <= sig / (4 * sp.sqrt(n) * beta),
    source="003, (8.163)-(8.165): ||theta^t - theta^0|| <= ||theta^ - theta^0|| + ||theta^t - theta^|| (triangle) <= "
           "2C sqrt(n)/sigma <= sigma/(4 sqrt(n) beta) once beta/sigma^2 <= 1/(8 C n), so (8.142) holds at every t. "
           "Its bounds are hypotheses in scalars, not uses: ||theta^ - theta^0|| <= C sqrt(n)/sigma is lemma_8_25 (a 2 x 3 "
           "matrix lemma), ||theta^t - theta^|| <= C sqrt(n)/sigma the notes' (8.157)-(8.162) (row_space_distance with "
           "inverse_bound_row_space, a matrix lemma, and the heuristic (8.157))",
    expect="proved")
e_now, e_next = sp.symbols("e_t e_t1", nonnegative=True)             # ||y^t - y||, ||y^{t+1} - y||
error_contraction_8_151 = Claim(
    "error_contraction_8_151",
    given=[e_next <= (1 - eta * st_ ** 2) * e_now, st_ >= sig - et_, et_ <= sp.sqrt(n) * beta * Dt0,
           Dt0 <= Dh0 + Dth, Dh0 <= C * sp.sqrt(n) / sig, Dth <= C * sp.sqrt(n) / sig, beta / sig ** 2 <= 1 / (8 * C * n),
           use(stays_in_ball), use(sigma_min_three_quarters), use(rate_8_150)],
    show=e_next <= (1 - 9 * eta * sig ** 2 / 16) * e_now,
    source="003, (8.141)-(8.151), one step: ||y^{t+1} - y|| <= ||I - eta Phi^t (Phi^t)^T||_op ||y^t - y|| = "
           "(1 - eta s_t^2)||y^t - y|| ((8.141) and the argument of (8.118), s_t = sigma_min(Phi^t)); (8.142) holds "
           "(stays_in_ball), so ||Phi^t - Phi||_op <= sqrt(n) beta ||theta^t - theta^0|| <= sigma/4 (Lipschitz "
           "gradients), sigma_min(Phi^t) >= 3 sigma/4 (Weyl, sigma_min_three_quarters) and the factor is at most "
           "1 - 9 eta sigma^2/16 (rate_8_150)", expect="proved")

Lend, e_end, res0 = sp.Symbol("L_T", nonnegative=True), sp.Symbol("e_T", nonnegative=True), sp.Symbol("rho_0", nonnegative=True)
loss_after_steps = Claim(
    "loss_after_steps",
    given=[sp.Eq(Lend, e_end ** 2 / 2), e_end <= (1 - xr) ** T_steps * res0, res0 ** 2 / 2 <= 1, xr <= 1, ENOUGH_STEPS,
           use(steps_to_eps)],
    show=Lend <= eps ** 2,
    source="003, (8.151)-(8.152): ||y^T - y|| <= (1 - x)^T ||y^0 - y|| with (1/2)||y^0 - y||^2 <= 1 and "
           "T >= log(1/eps)/x give L(f_{theta^T}) = (1/2)||y^T - y||^2 <= eps^2 (steps_to_eps)", expect="proved")
# Theorem 8.33 along the iterates t: e(t) = ||y^t - y||, s_min(t) = sigma_min(Phi^t), E_op(t) = ||Phi^t - Phi||_op,
# dist_0(t) = ||theta^t - theta^0||, dist_hat(t) = ||theta^t - theta^||; D_hat0 = ||theta^ - theta^0||.
smin, pert, dist0, dist_hat = (sp.Function(name) for name in ("s_min", "E_op", "dist_0", "dist_hat"))
#: (8.141) with the argument of (8.118): y^{t+1} - y = (I - eta Phi^t (Phi^t)^T)(y^t - y) (taylor_step_recursion, the
#: O(eta^2) term dropped as the notes do) and ||I - eta Phi^t (Phi^t)^T||_op = 1 - eta sigma_min(Phi^t)^2 for a small
#: step (contraction_8_118 at Phi^t): matrix steps at every t, stated in these scalars
TAYLOR_CONTRACTION = forall(j, err(j + 1) <= (1 - eta * smin(j) ** 2) * err(j))
WEYL_ALONG = forall(j, smin(j) >= sig - pert(j))                     # weyl_sigma_min at Phi^t = Phi + (Phi^t - Phi)
LIPSCHITZ_ALONG = forall(j, pert(j) <= sp.sqrt(n) * beta * dist0(j))  # (8.142)'s step: beta-Lipschitz gradients
perturbation_quarter = (
    Derivation("perturbation_quarter", given=[et_ <= sp.sqrt(n) * beta * Dt0, Dt0 <= sig / (4 * sp.sqrt(n) * beta)],
               start=et_, source="003, (8.142): ||theta^t - theta^0|| <= sigma/(4 sqrt(n) beta) and beta-Lipschitz "
                                 "gradients give ||Phi^t - Phi||_op <= ||Phi^t - Phi||_F <= sigma/4", expect="proved")
    .le(sp.sqrt(n) * beta * Dt0, by=substitute(et_ <= sp.sqrt(n) * beta * Dt0, "Lipschitz gradients"))
    .le(sp.sqrt(n) * beta * sig / (4 * sp.sqrt(n) * beta), by=substitute(Dt0 <= sig / (4 * sp.sqrt(n) * beta), "(8.142)"))
    .eq(sig / 4, by="cancel")
)
RATE_8_151 = sp.Eq(xr, 9 * eta * sig ** 2 / 16)                        # x of (8.128) for f, after (8.150)'s correction
theorem_8_33 = Claim(
    "theorem_8_33",
    given=[TAYLOR_CONTRACTION, WEYL_ALONG, LIPSCHITZ_ALONG, forall(j, dist0(j) <= Dh0 + dist_hat(j)),
           Dh0 <= C * sp.sqrt(n) / sig, forall(j, dist_hat(j) <= C * sp.sqrt(n) / sig), beta / sig ** 2 <= 1 / (8 * C * n),
           RATE_8_151, xr < 1, err(0) ** 2 / 2 <= 1, ENOUGH_STEPS,
           sp.Eq(Lend, err(T_steps) ** 2 / 2),
           *(forall(j, f(j) >= 0) for f in (err, smin, pert, dist0, dist_hat)),   # norms and singular values
           forall(j, use(stays_in_ball, {Dt0: dist0(j), Dth: dist_hat(j)})),
           forall(j, use(perturbation_quarter, {et_: pert(j), Dt0: dist0(j)})),
           forall(j, use(sigma_min_three_quarters, {st_: smin(j), et_: pert(j)})),
           forall(j, use(rate_8_150, {st_: smin(j), et_: pert(j)})),
           forall(j, use(error_contraction_8_151, {e_next: err(j + 1), e_now: err(j), st_: smin(j), et_: pert(j),
                                                   Dt0: dist0(j), Dth: dist_hat(j)})),
           err(0) >= 0, err(T_steps) >= 0, use(geometric_decay, {q: 1 - xr, k: T_steps}), use(steps_to_eps),
           use(loss_after_steps, {e_end: err(T_steps), res0: err(0)})],
    show=Lend <= eps ** 2,
    source="003, Theorem 8.33, (8.129)-(8.165): for beta/sigma^2 <= c_0/n (here c_0 = 1/(8C)) and a small step "
           "(x = 9 eta sigma^2/16 < 1, the rate after the correction of (8.150)), (1/2)||y^0 - y||^2 <= 1 and "
           "T >= log(1/eps)/x = O(log(1/eps)/(eta sigma^2)) steps, L(f_{theta^T}) = (1/2)||y^T - y||^2 <= eps^2 (any "
           "target: replace eps by sqrt(eps)). Assumes at every t, in scalars: (8.141) with the operator norm of "
           "(8.118) (taylor_step_recursion, contraction_8_118), Weyl (weyl_sigma_min), the Lipschitz step of (8.142) "
           "||Phi^t - Phi|| <= sqrt(n) beta ||theta^t - theta^0||, the triangle inequality (8.164), (8.163) (Lemma "
           "8.25) and (8.162) (||theta^t - theta^|| <= C sqrt(n)/sigma: the notes' heuristic (8.154)-(8.162), "
           "bounded_errors, row_space_distance, inverse_bound_row_space). Applied with use: error_contraction_8_151 "
           "at every t ((8.142)-(8.151)), geometric_decay ((8.151)), steps_to_eps ((8.152))", expect="proved")

# -- Example 8.34 ------------------------------------------------------------------------------------------------
tr = sp.Symbol("t", real=True)
relu = lambda z: sp.Max(z, 0)
relu_pair = Claim("relu_pair", show=sp.Eq(relu(tr) + relu(-tr), sp.Abs(tr)),
                  source="003, (8.167): relu(t) + relu(-t) = |t|", expect="proved")
FOUR_RELUS = (relu(x1 + x2) + relu(-x1 - x2) - relu(x1 - x2) - relu(x2 - x1)) / 2
example_8_34 = (
    Derivation("example_8_34", given=[sp.Eq(x1 ** 2, 1), sp.Eq(x2 ** 2, 1), use(relu_pair, {tr: x1 + x2}),
                                      use(relu_pair, {tr: x1 - x2})], start=FOUR_RELUS,
               source="003, Example 8.34, (8.166)-(8.168): for x_1, x_2 in {-1, 1}, four ReLUs give y = x_1 x_2",
               expect="proved")
    .eq((sp.Abs(x1 + x2) - sp.Abs(x1 - x2)) / 2, by="(8.167): relu(t) + relu(-t) = |t|")
    .eq(x1 * x2, by="(8.168): the four values of (x_1, x_2)")
)

NODES = [
    node(linearised_square_loss, "lemma", topic=TOPIC),
    node(min_norm_interpolates, "lemma", topic=TOPIC),
    node(lemma_8_25, "lemma", topic=TOPIC, uses=["min_norm_interpolates"]),   # the solution it bounds
    node(taylor_remainder_upper, "lemma", topic=TOPIC),
    node(taylor_remainder_lower, "lemma", topic=TOPIC),
    node(lemma_8_28, "lemma", topic=TOPIC),
    node(lemma_8_28_ball, "lemma", topic=TOPIC),
    node(scaling_ratio, "lemma", topic=TOPIC),
    node(scaling_ratio_small, "lemma", topic=TOPIC),
    node(example_linearisation, "lemma", topic=TOPIC),
    node(example_scaled_gap, "lemma", topic=TOPIC),
    node(example_minimiser, "lemma", topic=TOPIC),
    node(gradient_8_87, "lemma", topic=TOPIC),
    node(gradient_8_87_as_written, "erratum", topic=TOPIC, corrects="gradient_8_87",
         note="the output weight a_i is missing"),
    node(gradient_norm_8_88, "lemma", topic=TOPIC, uses=["gradient_8_87"]),   # the gradient its statement writes out
    node(kernel_entry_8_92, "lemma", topic=TOPIC, uses=["gradient_8_87"]),
    node(gram_singular_value, "lemma", topic=TOPIC),
    node(gram_entries, "lemma", topic=TOPIC),
    node(gradient_lipschitz, "lemma", topic=TOPIC, uses=["gradient_8_87"]),
    node(ratio_vanishes, "lemma", topic=TOPIC),
    node(gradients_agree, "lemma", topic=TOPIC),
    node(residual_recursion, "lemma", topic=TOPIC),
    node(residual_step_as_written, "erratum", topic=TOPIC, corrects="residual_recursion",
         note="(8.112) drops a factor Phi"),
    node(eigendecomposition_8_119, "lemma", topic=TOPIC),
    node(eigen_max_8_122, "lemma", topic=TOPIC),
    node(contraction_8_118, "lemma", topic=TOPIC),
    node(rate_step_8_125, "lemma", topic=TOPIC),
    node(rate_step_8_125_as_written, "erratum", topic=TOPIC, corrects="rate_step_8_125",
         note="the operator norm bounds the product; it does not equal it"),
    node(geometric_decay, "lemma", topic=TOPIC),
    node(one_minus_below_exp, "lemma", topic=TOPIC),
    node(power_below_exp, "lemma", topic=TOPIC),
    node(steps_to_eps, "lemma", topic=TOPIC),
    node(loss_gradient_8_130, "lemma", topic=TOPIC),
    node(taylor_step_recursion, "lemma", topic=TOPIC),
    node(sigma_min_quadratic_as_written, "erratum", topic=TOPIC, corrects="weyl_sigma_min",
         note="a singular value is not a minimum of the quadratic form"),
    node(weyl_sigma_min, "lemma", topic=TOPIC),
    node(sigma_min_three_quarters, "lemma", topic=TOPIC),
    node(rate_8_150, "lemma", topic=TOPIC),
    node(rate_8_150_as_written, "erratum", topic=TOPIC, corrects="rate_8_150", note="sigma is not squared"),
    node(bounded_errors, "lemma", topic=TOPIC),
    node(row_space_distance, "lemma", topic=TOPIC),
    node(inverse_bound_row_space, "lemma", topic=TOPIC),
    node(inverse_bound_as_written, "erratum", topic=TOPIC, corrects="inverse_bound_row_space",
         note="off the row space Phi has a null space"),
    node(stays_in_ball, "lemma", topic=TOPIC),
    node(perturbation_quarter, "lemma", topic=TOPIC),
    node(error_contraction_8_151, "lemma", topic=TOPIC),
    node(loss_after_steps, "lemma", topic=TOPIC),
    node(theorem_8_33, "theorem", topic=TOPIC),
    node(relu_pair, "lemma", topic=TOPIC),
    node(example_8_34, "lemma", topic=TOPIC),
    node(None, "axiom", name="ntk_sample_complexity_cited", topic=TOPIC, expect="unknown",
         source="003, Theorem 8.35 (informal, cited: Wei et al. 2020): the NTK kernel method needs n = Omega(d^2) "
                "samples to learn Example 8.34, the network regularised by sum_j |u_j| ||w_j|| only O(d); not checked "
                "here"),
]
