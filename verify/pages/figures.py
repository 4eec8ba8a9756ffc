"""Figures drawn with matplotlib from the report's data (``plots`` of each node): trajectories
against the claimed bound on a log scale, width sweeps on log-log axes with the fitted and the
claimed slope, and the tightness (largest observed/claimed) of every experiment.

matplotlib is the ``docs`` extra; without it :class:`MatplotlibMissing` says what to install.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from .model import Site, slug, worst_ratio

INSTALL_HINT = "install matplotlib (pip install 'nonconvex-verify[docs]')"


class MatplotlibMissing(RuntimeError):
    """matplotlib cannot be imported: the message says what to install."""


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise MatplotlibMissing(f"figures need matplotlib, which is not installed; {INSTALL_HINT}") from None
    matplotlib.use("Agg")  # files only, never a window
    import matplotlib.pyplot as plt

    return plt


def plan(site: Site) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """The figures of the site: node name -> ``(file name, plot data)``; ``""`` -> the run's own."""
    out: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for n in site.nodes:
        for i, plot in enumerate(n.get("plots", [])):
            if plot.get("kind") in DRAWERS:
                out.setdefault(n["name"], []).append((f"{slug(n['name'])}-{plot['kind']}-{i}.png", plot))
    if _tightness_rows(site):
        out[""] = [("tightness.png", {"kind": "tightness"})]
    return out


def file_names(planned: dict[str, list[tuple[str, dict[str, Any]]]]) -> dict[str, list[str]]:
    """Node name -> the file names of its figures (relative to the figures folder)."""
    return {name: [file for file, _ in items] for name, items in planned.items()}


def draw_all(site: Site, folder: Path, names: list[str] | None = None) -> dict[str, list[str]]:
    """The figures of :func:`plan` (only those of ``names`` when given; ``""`` is the run's own),
    written as PNG under ``folder``; returns their :func:`file_names`."""
    plt = _pyplot()
    folder.mkdir(parents=True, exist_ok=True)
    planned = {k: v for k, v in plan(site).items() if names is None or k in names}
    for name, items in planned.items():
        for file, plot in items:
            fig = (tightness_figure(plt, site) if plot["kind"] == "tightness"
                   else DRAWERS[plot["kind"]](plt, site.by_name[name], plot))
            _save(plt, fig, folder / file)
    return file_names(planned)


def _save(plt: Any, fig: Any, path: Path) -> None:
    fig.savefig(path, dpi=80)  # a fixed layout: "tight" boxes draw every figure twice
    plt.close(fig)


def trajectory_figure(plt: Any, node: dict[str, Any], plot: dict[str, Any]) -> Any:
    """Observed value and claimed bound per iterate; log scale when every value is positive."""
    first = int(plot.get("first_iterate", 0))
    observed, claimed = plot["observed"], plot["claimed"]
    iterates = list(range(first, first + len(observed)))
    fig, ax = plt.subplots(figsize=(5.2, 3.2))
    fig.subplots_adjust(left=0.14, right=0.97, top=0.9, bottom=0.15)
    ax.plot(iterates, _finite(observed), "o-", color="#1f77b4", label="observed", markersize=3)
    ax.plot(iterates[: len(claimed)], _finite(claimed), "s--", color="#d62728", label="claimed bound", markersize=3)
    values = [v for v in (*observed, *claimed) if v is not None]
    if values and min(values) > 0:
        ax.set_yscale("log")
    ax.set_xlabel("iterate")
    ax.set_title(f"{node['name']}: {plot.get('instance', '')}", fontsize=9)
    ax.legend(fontsize=8)
    ax.grid(True, alpha=0.3)
    return fig


def _finite(values: list[Any]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def fitted_slope(x: list[float], y: list[float]) -> float | None:
    """Least-squares slope of log y against log x over the positive pairs (None with fewer than 2)."""
    pairs = [(math.log(a), math.log(b)) for a, b in zip(x, y) if a and b and a > 0 and b > 0]
    if len(pairs) < 2:
        return None
    mx = sum(p[0] for p in pairs) / len(pairs)
    my = sum(p[1] for p in pairs) / len(pairs)
    var = sum((p[0] - mx) ** 2 for p in pairs)
    return None if var == 0 else sum((p[0] - mx) * (p[1] - my) for p in pairs) / var


def sweep_figure(plt: Any, node: dict[str, Any], plot: dict[str, Any]) -> Any:
    """A width sweep on log-log axes with the fitted slope and, when the report gives it, the claimed one."""
    x, y = [float(v) for v in plot["x"]], [float(v) for v in plot["y"]]
    fig, ax = plt.subplots(figsize=(5.2, 3.2))
    fig.subplots_adjust(left=0.14, right=0.97, top=0.9, bottom=0.15)
    ax.loglog(x, y, "o", label="measured")
    slope = fitted_slope(x, y)
    if slope is not None:
        ax.plot(x, [y[0] * (v / x[0]) ** slope for v in x], "-", label=f"fitted slope {slope:.3g}")
    claimed = plot.get("claimed_slope")
    if isinstance(claimed, (int, float)):
        ax.plot(x, [y[0] * (v / x[0]) ** claimed for v in x], "--", label=f"claimed slope {claimed:.3g}")
    ax.set_xlabel(str(plot.get("x_label", "width")))
    ax.set_ylabel(str(plot.get("y_label", "")))
    ax.set_title(node["name"], fontsize=9)
    ax.legend(fontsize=8)
    ax.grid(True, which="both", alpha=0.3)
    return fig


def _tightness_rows(site: Site) -> list[tuple[str, float]]:
    rows = [(n["name"], worst_ratio(n)) for n in site.nodes if n["status"] != "refuted"]
    return [(name, r) for name, r in rows if r is not None and math.isfinite(r)]


def tightness_figure(plt: Any, site: Site) -> Any:
    """Largest observed/claimed per experiment that held (a ratio near 1: the bound is nearly attained)."""
    rows = _tightness_rows(site)
    fig, ax = plt.subplots(figsize=(7.0, 0.35 * len(rows) + 1.0))
    fig.subplots_adjust(left=0.45, right=0.97, top=0.95, bottom=0.6 / (0.35 * len(rows) + 1.0))
    ax.barh([name for name, _ in rows], [r for _, r in rows], color="#8fd3e8")
    ax.axvline(1.0, color="#d62728", linestyle="--", label="claimed bound")
    ax.set_xlabel("largest observed / claimed")
    ax.legend(fontsize=8)
    ax.invert_yaxis()
    return fig


DRAWERS = {"trajectory": trajectory_figure, "sweep": sweep_figure}

__all__ = ["draw_all", "plan", "file_names", "fitted_slope", "MatplotlibMissing", "INSTALL_HINT"]
