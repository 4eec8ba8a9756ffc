"""verify: a symbolic-plus-numeric checker for inequalities and derivations.

>>> import sympy as sp
>>> from verify import Claim, check
>>> mu, L = sp.symbols("mu L", positive=True)
>>> check(Claim("demo", given=[mu <= L], show=1 - mu / L >= 0)).status.value
'proved'
"""
from .core.claims import Claim, Derivation, Link
from .checking import check
from .core.linalg import (Matrix, P_Omega, Vector, expm, eye, inner, lambda_max, lambda_min, loewner_le, norm, op_norm,
                     outer, pinv, sampling_mask, sigma_max, sigma_min, trace)
from .nodes import Node, node
from .core.rules import ForAll, Induction, Substitute, Use, forall, induction, substitute, use
from .core.continuous import During, Gronwall, Nonincreasing, during, gronwall, nonincreasing
from .core.verdicts import Evidence, Status, Verdict
from .experiments import Experiment
from .manifest import Entry, Manifest, SeedFile
from .solvers import (LeastSquares, ScalarPL, certified_pl_constant, exact_minimiser, gd, least_squares_moments,
                      nesterov, sgd_statistics)
from .solvers.comparison import kernel_flows, scalar_comparisons
from .solvers.flow import gd_steps, linear_flow, linear_flow_closed_form, linear_flow_closed_form_exact
from .solvers.networks import init_two_layer, output_hessian_norm
from .solvers.scaling import ScalingExperiment
from .solvers.tangent_kernel import empirical_kernel, min_eigenvalue, orthant_probability_exact, relu_kernel
from .solvers.pep_certificate import OneStepCertificate
from .solvers.precision import DIGITS, fmt, mpf, to_mpf
from .solvers.problems import high_precision_constants
from .solvers.strategies import least_squares_instances
from .solvers.landscape import (FailureProbability, cayley_orthogonal, classify, completion_gradient, completion_hessian,
                                completion_symbolic, distance_to_pm, exact_completion_value, incoherent_unit_vector,
                                newton_stationary, pca_hessian, pca_stationary_points_exact, pca_symbolic, perturbed_gd,
                                sample_mask)

__version__ = "0.1.0"

__all__ = [
    "Claim", "Derivation", "Link", "check",
    "Verdict", "Status", "Evidence",
    "forall", "ForAll", "substitute", "Substitute", "use", "Use", "induction", "Induction",
    "during", "During", "nonincreasing", "Nonincreasing", "gronwall", "Gronwall",
    "Node", "node",
    "Matrix", "Vector", "eye", "outer", "P_Omega", "sampling_mask", "pinv", "expm",
    "norm", "inner", "op_norm", "sigma_min", "sigma_max", "lambda_min", "lambda_max", "trace", "loewner_le",
    # runs: experiments, the instance families and solvers the content uses, 50-digit re-check arithmetic
    "Experiment", "OneStepCertificate", "least_squares_instances", "LeastSquares", "ScalarPL", "exact_minimiser",
    "high_precision_constants", "certified_pl_constant", "gd", "nesterov", "sgd_statistics",
    "least_squares_moments", "DIGITS", "mpf", "to_mpf", "fmt",
    # gradient flow and wide networks: flows, ODE instance families, networks, tangent kernels, width sweeps
    "kernel_flows", "scalar_comparisons", "gd_steps", "linear_flow", "linear_flow_closed_form",
    "linear_flow_closed_form_exact", "init_two_layer", "output_hessian_norm", "ScalingExperiment",
    "empirical_kernel", "min_eigenvalue", "orthant_probability_exact", "relu_kernel",
    # landscapes (003): the PCA and matrix-completion objectives in sympy, their numeric derivatives, exact
    # stationary points, the runs' instances and methods, and Monte Carlo failure probabilities
    "FailureProbability", "pca_symbolic", "completion_symbolic", "pca_hessian", "completion_gradient",
    "completion_hessian", "classify", "pca_stationary_points_exact", "exact_completion_value", "cayley_orthogonal",
    "sample_mask", "incoherent_unit_vector", "perturbed_gd", "newton_stationary", "distance_to_pm",
    # the coverage manifest of the notes (theorems/manifest.py)
    "Entry", "Manifest", "SeedFile",
]
