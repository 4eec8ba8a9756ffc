"""The engine's numeric backend: first-order methods, problem families with computed constants, and
exact (or confidence-bounded) expectations over SGD's sample indices. General: knows no theorem."""
from .expectation import (batch_distribution, enumerate_expectation, enumerate_paths, hoeffding_interval,
                          least_squares_moments, monte_carlo_expectation, path_count)
from .methods import gd, minibatch_sgd, nesterov, sample_indices, sgd, step_at, values
from .problems import LeastSquares, exact_minimiser, random_least_squares
from .scalar_pl import ScalarPL, certified_pl_constant
from .statistics import sgd_statistics

__all__ = [
    "gd", "sgd", "minibatch_sgd", "nesterov", "sample_indices", "step_at", "values",
    "LeastSquares", "exact_minimiser", "random_least_squares",
    "ScalarPL", "certified_pl_constant",
    "batch_distribution", "enumerate_expectation", "enumerate_paths", "least_squares_moments", "hoeffding_interval",
    "monte_carlo_expectation", "path_count", "sgd_statistics",
]
