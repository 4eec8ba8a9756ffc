"""Scaling experiments: an asymptotic claim ``q(m) = Theta(m^p)`` or ``q(m) = O(m^p)`` checked by a
log-log fit over a width sweep, with a bootstrap confidence interval over seeds.

* ``loglog_slope``: least-squares slope of ``log q`` against ``log m``.
* ``sweep``: ``q(m, rng)`` for every width and seed (each width of a seed from the same generator state).
* ``bootstrap_slope``: the slope of the seed-averaged ``log q`` and its percentile interval when the seeds
  are resampled with replacement.
* ``ScalingExperiment``: a graph statement. Its verdict is never ``proved``:
  ``tested`` when the claimed exponent is inside the interval widened by ``resolution`` (the exponent
  difference a sweep over a few widths can resolve; without it a noiseless sweep, whose interval is a point,
  would miss ``p`` by pre-asymptotic curvature) — for ``O(m^p)``: when the widened interval reaches ``p`` or
  below; ``refuted`` only when the interval lies beyond ``p`` by more than ``margin`` (clearly
  outside), with the fit and its data as the evidence; ``unknown`` in between or when a value is not
  finite and positive. A refutation here is statistical (a fitted exponent), not an exact counterexample;
  the evidence says so.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from ..core.verdicts import Evidence, Status, Verdict

Measure = Callable[[int, np.random.Generator], float]


def loglog_slope(widths: Sequence[float], values: Sequence[float]) -> float:
    """Slope of the least-squares line through ``(log m, log q)``."""
    x, y = np.log(np.asarray(widths, dtype=float)), np.log(np.asarray(values, dtype=float))
    if x.size < 2 or not np.all(np.isfinite(y)):
        raise ValueError("loglog_slope: need at least two widths and positive values")
    return float(np.polyfit(x, y, 1)[0])


def sweep(measure: Measure, widths: Sequence[int], seeds: int, seed: int = 0) -> np.ndarray:
    """``V[s, k] = measure(widths[k], default_rng([seed, s]))``: common random numbers, every width of one seed
    starts from the same generator state, so what ``measure`` draws first (inputs, labels, the first neurons)
    is shared across widths and the instance-to-instance noise cancels in each seed's slope. Inside
    ``verify.sweeps.submitting_to(client)`` each point is a task on that Dask client (the same values)."""
    from ..sweeps import sweep_client, sweep_tasks

    client = sweep_client()
    if client is not None:
        return sweep_tasks(client, measure, widths, seeds, seed)
    out = np.empty((seeds, len(widths)))
    for s in range(seeds):
        for k, m in enumerate(widths):
            out[s, k] = measure(int(m), np.random.default_rng([seed, s]))
    return out


def bootstrap_slope(widths: Sequence[int], values: np.ndarray, resamples: int = 2000, level: float = 0.95,
                    seed: int = 0) -> tuple[float, float, float]:
    """``(slope, low, high)``: the slope of ``mean_s log V[s, :]`` and its bootstrap percentile interval."""
    logs = np.log(np.asarray(values, dtype=float))
    if not np.all(np.isfinite(logs)):
        raise ValueError("bootstrap_slope: every value must be finite and positive")
    x = np.log(np.asarray(widths, dtype=float))
    xc = x - x.mean()

    def slope(rows: np.ndarray) -> np.ndarray:
        y = rows.mean(axis=-2)
        return (y - y.mean(axis=-1, keepdims=True)).dot(xc) / xc.dot(xc)

    rng = np.random.default_rng(seed)
    picks = rng.integers(0, logs.shape[0], size=(resamples, logs.shape[0]))
    boot = slope(logs[picks])
    tail = (1 - level) / 2
    return float(slope(logs)), float(np.quantile(boot, tail)), float(np.quantile(boot, 1 - tail))


@dataclass
class ScalingExperiment:
    """``q(m) ~ m^claimed`` (``bound="rate"``) or ``q(m) = O(m^claimed)`` (``bound="at most"``) over
    ``widths`` and ``seeds``; see the module docstring. ``measure(m, rng)`` returns ``q`` at width ``m``."""

    name: str
    measure: Measure
    widths: tuple[int, ...]
    claimed: float
    seeds: int = 8
    bound: str = "rate"
    margin: float = 0.2
    resolution: float = 0.02
    level: float = 0.95
    source: str = ""
    expect: str | None = None
    uses: tuple[str, ...] = ()
    statement: str = ""
    extra: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.bound not in ("rate", "at most"):
            raise ValueError(f"ScalingExperiment {self.name!r}: bound must be 'rate' or 'at most'")
        if len(self.widths) < 3 or self.seeds < 3:
            raise ValueError(f"ScalingExperiment {self.name!r}: need at least 3 widths and 3 seeds")

    def run(self, seconds: float | None = None, seed: int | None = None) -> Verdict:
        """Sweep, fit, and compare the interval with the claimed exponent (never ``proved``)."""
        start = time.monotonic()
        values = sweep(self.measure, self.widths, self.seeds, 0 if seed is None else seed)
        elapsed = time.monotonic() - start
        data = {"widths": list(self.widths), "seeds": self.seeds, "claimed_exponent": self.claimed,
                "bound": self.bound, "level": self.level, "margin": self.margin, "resolution": self.resolution,
                "mean_values": [float(v) for v in np.exp(np.log(values).mean(axis=0))] if np.all(values > 0)
                else [float(v) for v in values.mean(axis=0)],
                "seconds": round(elapsed, 3), "seed": seed}
        # what the site draws on log-log axes (verify.report.plots): the mean per width, the claimed slope
        data["sweep"] = {"x": [float(w) for w in self.widths], "y": data["mean_values"], "x_label": "width m",
                         "y_label": self.statement or self.name, "claimed_slope": float(self.claimed)}
        if not np.all(np.isfinite(values) & (values > 0)):
            return Verdict(Status.UNKNOWN, self.name, [Evidence("scaling", "a measured value is not finite and "
                                                                "positive: no log-log fit", data)],
                           seconds=elapsed, relation=self.statement, message="no fit")
        slope, low, high = bootstrap_slope(self.widths, values, level=self.level, seed=0 if seed is None else seed)
        data.update(fitted_exponent=slope, interval=[low, high])
        return self._verdict(slope, low, high, data, elapsed)

    def _verdict(self, slope: float, low: float, high: float, data: dict, elapsed: float) -> Verdict:
        p = self.claimed
        fit = f"fitted exponent {slope:.3f}, {self.level:.0%} bootstrap interval [{low:.3f}, {high:.3f}]"
        slack = self.resolution                  # pre-asymptotic curvature the seeds' interval does not see
        inside = low - slack <= p <= high + slack if self.bound == "rate" else low - slack <= p
        beyond = (low - p > self.margin) or (self.bound == "rate" and p - high > self.margin)
        if inside:
            detail = f"{fit}, widened by {self.resolution}, contains the claimed {p}"
            return Verdict(Status.TESTED, self.name, [Evidence("scaling", detail, data)], seconds=elapsed,
                           relation=self.statement)
        if beyond:
            detail = (f"{fit} lies more than {self.margin} from the claimed exponent {p} (a statistical "
                      f"refutation by a fitted exponent, not an exact counterexample)")
            cx = {"fitted_exponent": f"{slope:.4f}", "interval": f"[{low:.4f}, {high:.4f}]", "claimed": str(p)}
            return Verdict(Status.REFUTED, self.name, [Evidence("scaling", detail, data)], counterexample=cx,
                           sides=(float(slope), float(p)), seconds=elapsed, relation=self.statement,
                           message="the measured exponent is clearly not the claimed one")
        return Verdict(Status.UNKNOWN, self.name, [Evidence("scaling", f"{fit} misses the claimed {p} by less "
                                                            f"than the margin {self.margin}: inconclusive", data)],
                       seconds=elapsed, relation=self.statement, message="inconclusive fit")


__all__ = ["loglog_slope", "sweep", "bootstrap_slope", "ScalingExperiment"]
