"""The coverage manifest of the notes: every labelled claim in ``../shared/seeds/``, per file.

Read from the five files by hand. An entry is a theorem, lemma, proposition, corollary, example,
or a numbered equation that *asserts* something (an identity, an inequality, an implication); the
numbered equations that only define a symbol, state a hypothesis or set up an update rule are left
out. Definitions are listed (kind ``definition``) so that citations of them match, but coverage
counts only claims. Unnumbered claims of the handwritten notes and slides get a short descriptive
label; nodes cite them by that label or an alias (see :mod:`verify.manifest` for the matching).
"""
from __future__ import annotations

from verify import Entry, Manifest, SeedFile


def _eqs(prefix: str, numbers: "list[int] | range", summary: str) -> list[Entry]:
    return [Entry(f"({prefix}{n})", "equation", summary) for n in numbers]


def E(label: str, kind: str, summary: str, *aliases: str) -> Entry:
    return Entry(label, kind, summary, tuple(aliases))


F000 = SeedFile("000", "000_e9511ad5f50cdc09.txt", "Lecture note 5-1: the PL condition (feat. NTK)", (
    E("Definition 1", "definition", "PL: 2 mu (f(x) - f(x*)) <= ||grad f(x)||^2 for all x"),
    E("Remarks", "claim", "PL: stationary points are global minima; strongly convex => PL; "
      "f - f* bounded by a quadratic function of the stationarity gap"),
    E("Theorem 2", "theorem", "GD with step 1/L under L-smoothness and PL: f(x_k) - f* <= (1 - mu/L)^k (f(x_0) - f*)"),
    E("Theorem 3", "theorem", "SGD under PL, ||grad f_i|| <= C^2: diminishing step (2k+1)/(2 mu (k+1)^2) gives "
      "E[f(x_k) - f*] <= L C^2/(2 mu^2 k)"),
    E("constant step-size", "claim", "Theorem 3, constant step s <= 1/(2 mu): E[f(x_k) - f*] <= (1 - 2 s mu)^k "
      "[f(x_0) - f*] + L C^2 s/(4 mu), with its unrolled-sum proof", "constant step"),
    E("(1)", "equation", "SGD one-step recursion E[f(x_{k+1}) - f*] <= (1 - 2 mu s_k) E[f(x_k) - f*] + L C^2 s_k^2/2"),
    E("(2)", "equation", "delta(k+1) <= delta(k) + L C^2/(2 mu^2) with delta(k) = k^2 E[f(x_k) - f*]"),
    E("(3)", "equation", "mini-batch recursion E f(x_{k+1}) <= (1 - 2 s mu + s^2 L (mu (B-1) + L~)/B) E f(x_k), "
      "and with s*(B): E f(x_{k+1}) <= (1 - mu s*(B)) E f(x_k)"),
    E("PL*", "definition", "mu-PL*: 2 mu f(x) <= ||grad f(x)||^2 (inf f = 0); also written "
      "||grad f||^2 >= mu (f - f*)", "mu-PL*"),
    E("interpolation effect", "claim", "f = (1/N) sum f_i, f_i >= 0: f(x_k) -> 0 implies f_i(x_k) -> 0 for every i",
      "interpolation"),
    E("Theorem 4", "theorem", "mini-batch SGD under interpolation and mu-PL*, step s*(B) = 2 mu B/(L (L~ + L (B-1))): "
      "E[f(x_k)] <= (1 - mu s*(B))^k f(x_0)"),
    E("s*(B) optimal step", "claim", "minimising the factor of (3) over s gives s*(B)", "s*(B)", "optimal step"),
    E("Theorem 4 proof bound", "claim", "||grad f_i(x)||^2 <= 2 L~ f_i(x) under interpolation, and the "
      "conditional descent bound in the proof of Theorem 4", "mini-batch descent"),
    E("complexity table", "claim", "GD needs (L/mu) log(Delta_0/eps) iterations; SGD, SVRG, SAGA, PAGE complexities",
      "other methods under the PL condition", "sample complexity"),
    E("tangent kernel PSD", "claim", "K(w) = DF(w) DF(w)^T is positive semi-definite"),
    E("tangent kernel PL*", "claim", "the square loss is mu-PL* at w with mu = lambda_min(K(w))",
      "lambda_min(K", "tangent kernel"),
    E("NTK near-constancy", "claim", "|lambda_min(K(w)) - lambda_min(K(w_0))| <= O(sup ||H_F||) = O(1/sqrt(d)) in the ball",
      "near-constant"),
    E("linear model gradient flow", "claim", "linear model: du/dt = K (y - u), r(t) = exp(-K t) r(0); full-rank K => "
      "exponential convergence", "linear models", "linear model"),
    E("nonlinear model dynamics", "claim", "du_i/dt = sum_j K_ij (y_j - u_j) with K_ij = <d f(w,x_i)/dw, d f(w,x_j)/dw>",
      "non-linear model", "nonlinear model"),
    E("2-layer NTK at initialization", "claim", "K_ij(0) = x_i^T x_j (1/m) sum_r a_r^2 psi'(<w_r,x_i>) psi'(<w_r,x_j>), "
      "mean K*_ij = x_i^T x_j E[psi'(x_i^T w) psi'(x_j^T w)]", "2-layer NTK", "two-layer NTK"),
    E("width bounds", "claim", "m >= O~(N^4/eps^2) gives ||K(0) - K*|| <= eps; m >= O~(N^6 t^2/eps^2) gives "
      "||K(tau) - K*|| <= eps for tau <= t, w.h.p.", "width"),
))

F001 = SeedFile("001", "001_d1de5822f447be4b.txt", "Handwritten lecture: optimisation recap and the NTK", (
    E("GD vs AGD", "claim", "iterations to shrink the distance to the optimum by a constant factor: "
      "GD ~ kappa, AGD ~ sqrt(kappa)", "Nesterov", "iteration counts", "GD ~", "AGD ~"),
    E("Main Theorem (informal)", "theorem", "for lambda large enough, ||w(t) - w(0)|| <= sqrt(R(lambda f(w(0))))/lambda",
      "Main Theorem"),
    E("(2)", "equation", "d/dt lambda f_0(u(t)) = lambda j_0 u'(t) (chain rule for the linearised model)"),
    E("Lemma 1", "lemma", "j_0 j_0^T full rank => R(lambda f_0(u(t))) -> 0; v(t) = exp(-lambda^2 j_0 j_0^T t) v(0)"),
    E("least squares recurrence", "claim", "GD on least squares: residual sigma_{t+1} = sigma_t - eta A A^T sigma_t",
      "least squares"),
    E("Lemma 2", "lemma", "z' = -Q(t) grad R(z), lambda = inf lambda_min(Q(t)) > 0 => R(z(t)) <= R(z(0)) e^{-2 lambda t}"),
    E("Gronwall's inequality", "claim", "u' <= p(t) u on [a, b] => u(t) <= u(a) exp(int_a^t p)", "Gronwall"),
    E("Lemma 2 proof derivative", "claim", "d/dt (1/2)||z - y||^2 = <-Q(t)(z - y), z - y> <= -2 lambda (1/2)||z - y||^2",
      "d/dt R(z(t))"),
    E("Corollary", "corollary", "||z(t) - y|| <= ||z(0) - y|| e^{-lambda t}"),
    E("Thm", "theorem", "||w(t) - w(0)|| <= sqrt(lambda_max)/lambda ||g(w(0)) - y|| <= sqrt(2 lambda_max R(g(w(0))))/lambda",
      "distance from initialization"),
    E("gradient flow", "definition", "x'(t) = -grad f(x(t)), the continuous-time limit of GD"),
    E("neural tangent kernel", "definition", "K(x_i, x_j) = grad f(x_i; w(0))^T grad f(x_j; w(0)); the matrix "
      "lambda^2 j_0 j_0^T", "mean tangent kernel"),
))

F002 = SeedFile("002", "002_5f37196c6023aa39.txt", "Slides: gradient flow, a kernel point of view", (
    E("Global convergence theorem", "theorem", "width poly(n), suitable random init: GD finds an approximate "
      "global minimum in polynomial time (Du et al., Allen-Zhu et al., Zou et al.)", "Du et al"),
    E("kernel dynamics", "claim", "du/dt = -(1/n) H(t) l'(u, y) with H_ij = <du_i/dtheta, du_j/dtheta>; "
      "for the square loss du/dt = -(1/n) H(t)(u - y)", "du/dt"),
    E("Claim", "claim", "lambda_min(H(t)) >= lambda_0 > 0 for all t => (1/2)||u(t) - y||^2 -> 0, via "
      "d/dt (1/2)||u - y||^2 <= -(lambda_0/n) ||u - y||^2"),
    E("exponential decay", "claim", "d/dt (exp(lambda_0 t/n) (1/2)||u - y||^2) <= 0, hence "
      "(1/2)||u(t) - y||^2 <= exp(-lambda_0 t/n) C", "exp(lambda_0 t/n)", "exp(lambda0 t/n)"),
    E("output scale at initialization", "claim", "with a_r uniform in {-1, 1} and w_r ~ N(0, I): f(theta(0), x) = O(1)"),
    E("H(t) formula", "claim", "du_i/dw_r = (1/sqrt(m)) a_r x_i 1{w_r^T x_i >= 0}; "
      "H_ij(t) = (1/m) x_i^T x_j sum_r 1{w_r^T x_i >= 0, w_r^T x_j >= 0}", "H_ij(t)"),
    E("Hoeffding", "claim", "|z_i| <= 1 i.i.d., n = Omega(log(1/delta)/eps^2) => w.p. 1 - delta the mean is eps-close"),
    E("arc-cosine formula", "claim", "H*_ij = x_i^T x_j (pi - arccos(x_i^T x_j))/(2 pi) for unit x_i", "arccos", "H*"),
    E("lazy training", "claim", "||w_r(t) - w_r(0)|| <= C t/sqrt(m)"),
    E("ReLU smoothness", "claim", "|H_ij(t) - H_ij(0)| <= (x_i^T x_j/m) (number of sign changes of w_r^T x_i and "
      "w_r^T x_j)", "pattern changes", "activation pattern"),
    E("anti-concentration", "claim", "P(|Z| <= rho) <= 2 rho/sqrt(2 pi) for Z ~ N(0, 1)"),
    E("sign stability", "claim", "|w_r(0)^T x_i| >= rho > ||w_r(t) - w_r(0)||, ||x_i|| = 1 => the sign of w_r^T x_i "
      "does not change"),
    E("H(t) -> H*", "claim", "||H(t) - H(0)||_F -> 0 and ||H(0) - H*||_F -> 0 as m -> infinity; "
      "m = poly(n, 1/eps) gives ||H(t) - H*|| <= eps", "H(t) close to H*"),
    E("gradient flow", "definition", "GF: dtheta/dt = -dL(theta)/dtheta", "GF"),
    E("two-layer network", "definition", "f(theta, x) = (1/sqrt(m)) sum_r a_r sigma(w_r^T x), a_r fixed in {-1, 1}, "
      "w_r ~ N(0, I) trained"),
))

F003 = SeedFile("003", "003_5640fab2dbd76881.txt", "Book chapter 8: nonconvex optimization", (
    E("Definition 8.1", "definition", "local minimum: f >= f(x) on an open neighbourhood of x"),
    E("second-order necessary conditions", "claim", "a local minimum has grad f(x) = 0 and hess f(x) >= 0",
      "grad f(x) = 0 and hess f(x) >= 0"),
    E("Definition 8.4", "definition", "(alpha, beta, gamma)-strict-saddle"),
    *_eqs("8.", [1], "PCA objective g(x) = (1/2)||M - x x^T||_F^2"),
    E("Remark 8.8", "claim", "d = 1: g(x) = (1/2)(m - x^2)^2 and all its local minima are global"),
    *_eqs("8.", [3, 4], "second-order condition <v, hess g(x) v> >= 0 and g(x + v) = (1/2)||M - (x+v)(x+v)^T||^2"),
    E("Eckart-Young-Mirsky", "claim", "the best rank-1 approximation of a PSD M is sqrt(lambda_1) v1 (cited)",
      "Eckart-Young"),
    E("Definition 8.9", "definition", "P_Omega(M) zeroes the entries outside Omega"),
    E("Definition 8.10", "definition", "matrix completion: each entry observed with probability p"),
    E("Remark 8.11", "claim", "identifiability needs p d^2 > d, i.e. p >> 1/d"),
    *_eqs("8.", [11], "matrix-completion objective f(x) = (1/2) sum over Omega of (M_ij - x_i x_j)^2"),
    E("Definition 8.12", "definition", "incoherence ||z||_inf <= mu/sqrt(d)"),
    E("Remark 8.13", "claim", "z = e1: M cannot be recovered without observing the top-left corner"),
    *_eqs("8.", [13, 14], "scalar concentration: sum over Omega of T_ij ~ p sum T_ij, within eps w.h.p."),
    E("Example 8.2", "example", "f = x1^2 + x2^3: grad f(0) = 0 and Hessian PSD at 0, yet 0 is not a local minimum"),
    E("Theorem 8.3", "theorem", "checking local minimality is NP-hard (cited)"),
    E("Theorem 8.5", "theorem", "strict-saddle functions: optimizers reach an eps-local minimum in poly time (informal)"),
    E("Theorem 8.6", "theorem", "small gradient and Hessian >= -tau_0 I imply eps^c-close to a global minimum => "
      "poly-time convergence (informal)"),
    E("Theorem 8.7", "theorem", "all local minima of g(x) = (1/2)||M - x x^T||_F^2 (M PSD) are global"),
    *_eqs("8.", [2], "grad g(x) = 0 => M x = ||x||^2 x"),
    *_eqs("8.", range(5, 11), "PCA: expansion of g(x + v) and the Hessian quadratic form "
          "<v, H v>/2 = 2<x,v>^2 + ||x||^2||v||^2 - v^T M v; at v_1: lambda >= lambda_1"),
    *_eqs("8.", [12], "(1/2) sum_{(i,j) in Omega} (M_ij - x_i x_j)^2 = (1/2)||P_Omega(M - x x^T)||_F^2"),
    *_eqs("8.", [15], "<A, P_Omega(B)> = sum_{Omega} A_ij B_ij (approximately p <A, B>)"),
    *_eqs("8.", range(16, 19), "matrix completion: bilinear form of grad f and quadratic form of the Hessian"),
    E("Lemma 8.17", "lemma", "|<P_Omega(u u^T), v v^T>/p - <u u^T, v v^T>| <= eps w.h.p. for incoherent u, v"),
    E("Lemma 8.18", "lemma", "grad g(x) = 0 => <x, z>^2 = ||x||^4"),
    *_eqs("8.", range(19, 22), "proof of Lemma 8.18"),
    E("Lemma 8.19", "lemma", "grad f(x) = 0, ||x||_inf <= 2 mu/sqrt(d) => <x, z>^2 >= ||x||^4 - eps w.h.p."),
    *_eqs("8.", range(22, 26), "proof of Lemma 8.19"),
    E("Lemma 8.20", "lemma", "Hessian of g PSD => ||x||^2 >= 1/3"),
    *_eqs("8.", range(26, 31), "proof of Lemma 8.20"),
    E("Lemma 8.21", "lemma", "Hessian of f PSD, ||x||_inf <= mu/sqrt(d) => ||x||^2 >= 1/3 - eps/3 w.h.p."),
    *_eqs("8.", range(31, 35), "proof of Lemma 8.21"),
    E("Lemma 8.22", "lemma", "all local minima of g are global (x = +-z)"),
    *_eqs("8.", range(35, 38), "proof of Lemma 8.22: <x, z>(1 - ||x||^2) = 0"),
    E("Theorem 8.14", "theorem", "p = poly(mu, log d)/(d eps^2), z incoherent: local minima of f are O(sqrt(eps))-close "
      "to +-z w.h.p."),
    E("Theorem 8.23", "theorem", "restatement of Theorem 8.14, with the proof (8.38)-(8.52)"),
    *_eqs("8.", range(38, 53), "proof of Theorem 8.23: the constants 1/32, 32 eps and the two cases"),
    *_eqs("8.", [63], "(1/n) sum (y_i - phi_i^T dtheta)^2 = (1/n)||y - Phi dtheta||^2"),
    E("Lemma 8.25", "lemma", "p >= n, rank Phi = n, sigma_min(Phi) = sigma: minimum-norm solution has "
      "||dtheta^|| <= O(sqrt(n)/sigma)"),
    *_eqs("8.", [64, 66, 67], "Lemma 8.25 and its proof (||Phi^+||_op = 1/sigma)"),
    E("Lemma 8.28", "lemma", "grad f beta-Lipschitz in theta => |f_theta(x) - g_theta(x)| <= O(beta ||dtheta||^2)"),
    *_eqs("8.", [69, 70, 71], "Lemma 8.28, its ball version O(beta n/sigma^2), and the Taylor remainder fact"),
    *_eqs("8.", [73], "scaling by alpha: beta/sigma^2 = (beta-bar/sigma-bar^2)/alpha -> 0"),
    *_eqs("8.", range(74, 78), "example: (1 - (theta + beta theta^2))^2 vs (1 - theta)^2 and the alpha-scaled losses"),
    E("Example (8.74)-(8.77) claims", "claim", "grad f_0 is 2 beta-Lipschitz, sigma = 1, minimiser 1/alpha, "
      "alpha beta theta^2 <= beta/alpha on [0, 1/alpha]", "1/alpha"),
    *_eqs("8.", [85, 86], "sigma = sigma_min(Phi) = sqrt(sigma_min(Phi Phi^T)); Gram entries are gradient inner products"),
    *_eqs("8.", range(87, 94), "two-layer network: gradient in w_i, ||grad f||^2 -> E[sigma'(w^T x)^2] ||x||^2, "
          "kernel entries converge"),
    *_eqs("8.", [96], "sigma = sigma_min(Phi Phi^T) > sigma_min/2"),
    *_eqs("8.", range(97, 104), "beta = O(1/sqrt(m)) and beta/sigma^2 -> 0"),
    *_eqs("8.", [106], "grad L(f_theta^t) = grad L(g^t_theta^t): f and its linearisation agree to first order"),
    *_eqs("8.", range(110, 116), "residual recursion y^{t+1} - y = (I - eta Phi Phi^T)(y^t - y)"),
    *_eqs("8.", [118], "eta <= 1/tau^2 => ||I - eta Phi Phi^T||_op <= 1 - eta sigma^2"),
    *_eqs("8.", range(119, 129), "eigen-decomposition of I - eta Phi Phi^T and the exponential decay (1 - eta sigma^2)^t"),
    E("Theorem 8.33", "theorem", "beta/sigma^2 <= c_0/n and small eta: L(f_theta^T) <= eps after "
      "T = O(log(1/eps)/(eta sigma^2)) steps"),
    *_eqs("8.", range(130, 133), "gradient of the empirical loss = (Phi^t)^T (y^t - y)"),
    *_eqs("8.", [134], "the GD update in terms of Phi^t"),
    *_eqs("8.", range(136, 142), "Taylor step and residual recursion with Phi^t"),
    *_eqs("8.", range(142, 150), "||theta^t - theta^0|| <= sigma/(4 sqrt(n) beta) (8.142), so sigma_min(Phi^t) >= "
          "3 sigma/4, and its proof"),
    *_eqs("8.", range(150, 153), "||I - eta Phi^t Phi^t^T||_op <= 1 - 3 eta sigma/4 and the decay"),
    *_eqs("8.", range(153, 166), "the iterates stay in the ball: induction (8.154)-(8.156), triangle inequalities"),
    E("Example 8.34", "example", "y = x1 x2 on {-1, 1}^d is a sparse combination of 4 ReLUs"),
    *_eqs("8.", range(166, 169), "(1/2)[relu(x1+x2) + relu(-x1-x2) - relu(x1-x2) - relu(x2-x1)] = "
          "(|x1+x2| - |x1-x2|)/2 = x1 x2"),
    E("Theorem 8.35", "theorem", "NTK needs n = Omega(d^2) samples for Example 8.34; the regularised network O(d) "
      "(informal, cited)"),
))

F004 = SeedFile("004", "004_55d41d09bf6df74f.txt", "Seminar slides on Liu, Zhu, Belkin 2022", (
    E("PL condition", "definition", "(1/2)||grad L(x)||^2 >= mu (L(x) - L(x*))", "slide 3"),
    E("SC implies PL", "claim", "strong convexity implies PL; PL implies stationary points are global minima",
      "SC => PL", "strongly convex", "strong convexity"),
    E("linear convergence of GD", "theorem", "beta-smooth + mu-PL, eta = 1/beta: "
      "L(x^{k+1}) - L* <= (1 - eta mu)(L(x^k) - L*)", "slide 4", "Smoothness + PL"),
    E("weak SC", "claim", "weak strong convexity gives linear convergence"),
    E("quadratic growth", "claim", "quadratic growth L(x) - L* >= (mu/2)||x - x*||^2 gives linear convergence"),
    E("Prop 1", "proposition", "square loss with grad F(w*) != 0: L is not convex in any neighbourhood of w*",
      "local non-convexity"),
    E("Hessian of the square loss", "claim", "H_L = grad F^T (d^2L/dF^2) grad F + sum_i (F(w) - y)_i H_{F_i}; "
      "n = 1: rank-1 term plus residual term", "H_L(w)"),
    E("PL*", "definition", "||grad L(w)||^2 >= mu L(w) on S", "local PL"),
    E("Theorem 1", "theorem", "lambda_min(K(w)) >= mu on S => the square loss is mu-PL* on S"),
    E("Gaussian condition number", "claim", "E[log kappa(M M^T)] ~ log(m/(|m - n| + 1)) (cited)", "condition number"),
    E("Theorem 2", "theorem", "lambda_min(K(w_0)) = lambda_0, ||H_{F_i}|| <= (lambda_0 - mu)/(2 L_F sqrt(n) R) "
      "in B(w_0, R) => mu-PL* in the ball"),
    E("shallow network Hessian", "claim", "||H_{F_i}(w)|| <= beta_sigma/sqrt(m), ||grad F_i(w)||^2 <= L_sigma^2",
      "shallow network", "O(1/sqrt(m))"),
    E("Theorem 3", "theorem", "wide nets with linear output layer are mu-PL* on B(w_0, R) if "
      "m = Omega~(n R^{6L+2}/(lambda_0 - mu)^2)"),
    E("Theorem 4", "theorem", "PL* => a global minimiser in B(w_0, R), R = O(1/mu), and "
      "L(w_t) <= (1 - eta mu)^t L(w_0)"),
    E("linear system condition number", "claim", "F(w) = A w: kappa = lambda_max(A A^T)/lambda_min(A A^T)",
      "linear system"),
    E("output layer second derivative", "claim", "[phi(f)]'' = phi''(f) f'^2 + phi'(f) f'' (the slide writes f')",
      "non-linear output layer", "nonlinear output layer"),
    E("uniform convergence bound", "claim", "R(f) - R_emp(f) < O~(sqrt(cap(H)/n)) w.h.p. (cited)",
      "statistical learning theory"),
    E("Setting", "definition", "F(w) in R^n, grad F in R^{n x m}, H_{F_i} in R^{m x m}, beta_F-smooth, "
      "L_F-Lipschitz; L(w) = (1/2)||F(w) - y||^2 (slide 7)"),
    E("loss landscapes", "claim", "under-parameterized (m < n): isolated local minima; over-parameterized "
      "(m >> n): non-convex even locally, manifolds of global minima (slide 8)"),
    E("initialization is good", "claim", "standard initialization w_0 ~ N(0, 1): for wide nets "
      "lambda_min(K(w_0)) = O(1) w.h.p. for non-degenerate data (slides 11-12)", "lambda_min(K(w_0)) = O(1)"),
    E("Theorem 4 remarks", "claim", "R = O(1/mu); kappa = 1/(eta mu) = sup_{B(w_0, R)} lambda_max(H_L(w))/mu "
      "(slide 18)"),
    E("L-layer network", "definition", "d^(l) = sigma_l(W^(l) d^(l-1)/sqrt(m_{l-1})), f(W; x) = d^(L+1) (slide 16)",
      "deeper neural nets"),
))

MANIFEST = Manifest((F000, F001, F002, F003, F004))

__all__ = ["MANIFEST"]
