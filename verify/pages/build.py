"""Building the site from a run's report: ``build_site(report, out)``.

HTML (default): ``index.html``, ``errata.html``, ``graph.html`` (+ ``graph.svg``), ``figures.html``,
``nodes/<name>.html``, ``notes/index.html`` and, with ``notes_dir``, ``notes/<key>.html``; figures
under ``figures/``; one ``style.css``. Markdown (``fmt="md"``): the same pages as ``.md``, without
images (the graph as DOT text).
"""
from __future__ import annotations

import concurrent.futures
import json
import multiprocessing
import time
from pathlib import Path
from typing import Any

from .. import report as rep
from . import figures, graph, model, notes
from .model import Site, site_model
from .render import Written, copy_static, environment, write_page

FORMATS = ("html", "md")
FIGURE_SECONDS = 300
FIGURE_WORKERS = 2


class ReportError(ValueError):
    """The report cannot be read or does not match the schema the site is built from."""


def read_report(path: str | Path) -> dict[str, Any]:
    """Read and validate a report written by ``verify run --json``."""
    try:
        report = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReportError(f"cannot read the report {path}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise ReportError(f"the report {path} is not JSON: {exc}") from None
    problems = rep.validate(report)
    if problems:
        shown = "; ".join(problems[:5]) + (f"; ... ({len(problems)} in all)" if len(problems) > 5 else "")
        raise ReportError(f"the report {path} does not match schema version {rep.SCHEMA_VERSION} "
                          f"(re-run 'verify run --json'): {shown}")
    return report


def build_site(report: dict[str, Any], out: str | Path, *, notes_dir: str | Path | None = None,
               fmt: str = "html") -> Written:
    """Write the site for ``report`` into ``out``; returns what was written and what was left out."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    site = site_model(report)
    written = Written()
    annotated = _annotated_notes(site, notes_dir, written)
    if fmt == "html":
        _build_html(site, out, annotated, notes_dir, written)
    else:
        _build_markdown(site, out, annotated, notes_dir, written)
    return written


def _annotated_notes(site: Site, notes_dir: str | Path | None, written: Written) -> list[notes.AnnotatedNote]:
    if notes_dir is None:
        return []
    folder = Path(notes_dir)
    if not folder.is_dir():
        written.warnings.append(f"--notes {folder}: no such folder; the site is built without the annotated notes")
        return []
    annotated, missing = notes.annotate_all(site, folder)
    for name in missing:
        written.warnings.append(f"the note {name} is not in {folder}; its page is left out")
    return annotated


def _common(site: Site, notes_dir: Any, annotated: list) -> dict[str, Any]:
    return {"site": site, "report": site.report, "summary": site.report["summary"],
            "settings": site.report.get("settings", {}), "tool": site.report.get("tool", {}),
            "created": site.report.get("created", ""), "annotated": annotated,
            "notes_given": notes_dir is not None, "site_counts": model.counts(site.nodes)}


def _build_html(site: Site, out: Path, annotated: list, notes_dir: Any, written: Written) -> None:
    env = environment("html")
    copy_static(out)
    drawing = _start_figures(site, out)
    svg = _graph_svg(site, out, written)
    ctx = {**_common(site, notes_dir, annotated), "svg": svg, "graph_problem": list(written.warnings)}
    pages = Written()
    _build_html_pages(site, out, annotated, pages, env, ctx, figures.file_names(figures.plan(site)))
    if not _finish_figures(drawing, written):
        # no figure was drawn: write the pages again, without images that do not exist
        pages = Written()
        _build_html_pages(site, out, annotated, pages, env, ctx, {})
    written.pages += pages.pages


def _build_html_pages(site: Site, out: Path, annotated: list, written: Written, env: Any, ctx: dict[str, Any],
                      images: dict[str, list[str]]) -> None:
    for template, relative in (("index.html", "index.html"), ("errata.html", "errata.html"),
                               ("notes_index.html", "notes/index.html")):
        write_page(env, template, out, relative, written, **ctx)
    write_page(env, "graph.html", out, "graph.html", written, **ctx)
    write_page(env, "figures.html", out, "figures.html", written, images=images, **ctx)
    for note in annotated:
        write_page(env, "note.html", out, f"notes/{note.key}.html", written, note=note, **ctx)
    for n in site.nodes:
        write_page(env, "node.html", out, f"nodes/{n['slug']}.html", written, n=n,
                   images=images.get(n["name"], []), **ctx)


def _start_figures(site: Site, out: Path) -> Any:
    """Draw the figures in forked processes (matplotlib is the slow part of a build: two of them
    share the figures) while the pages are written; where fork is missing, draw them here.
    Returns what ``_finish_figures`` needs."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return _draw_here(site, out)
    names = list(figures.plan(site))
    shares = [names[i::FIGURE_WORKERS] for i in range(FIGURE_WORKERS)]
    pool = concurrent.futures.ProcessPoolExecutor(FIGURE_WORKERS, mp_context=multiprocessing.get_context("fork"))
    return pool, [pool.submit(figures.draw_all, site, out / "figures", share) for share in shares if share]


def _draw_here(site: Site, out: Path) -> Any:
    try:
        return figures.draw_all(site, out / "figures")
    except figures.MatplotlibMissing as exc:
        return exc


def _finish_figures(drawing: Any, written: Written) -> bool:
    """Wait for the figures; False (with a warning) when they could not be drawn."""
    if isinstance(drawing, tuple):
        pool, futures = drawing
        drawn: dict[str, list[str]] = {}
        try:
            for future in futures:
                drawn.update(future.result(timeout=FIGURE_SECONDS))
            drawing = drawn
            pool.shutdown(wait=True)
        except figures.MatplotlibMissing as exc:
            drawing = exc
            pool.shutdown(wait=True)
        except concurrent.futures.TimeoutError:
            drawing = RuntimeError(f"matplotlib did not finish within {FIGURE_SECONDS} s")
            pool.shutdown(wait=False, cancel_futures=True)
    if isinstance(drawing, Exception):
        written.warnings.append(f"figures not drawn: {drawing}")
        return False
    written.images += [f"figures/{name}" for names in drawing.values() for name in names]
    return True


def _graph_svg(site: Site, out: Path, written: Written) -> str | None:
    try:
        svg = graph.render_svg(graph.to_dot(site))
    except (graph.GraphvizMissing, graph.GraphvizFailed) as exc:
        written.warnings.append(f"dependency graph not drawn: {exc}")
        return None
    (out / "graph.svg").write_text(svg, encoding="utf-8")
    written.images.append("graph.svg")
    return graph.inline_svg(svg)


def _build_markdown(site: Site, out: Path, annotated: list, notes_dir: Any, written: Written) -> None:
    env = environment("md")
    ctx = _common(site, notes_dir, annotated)
    write_page(env, "index.md", out, "index.md", written, **ctx)
    write_page(env, "errata.md", out, "errata.md", written, **ctx)
    write_page(env, "notes_index.md", out, "notes/index.md", written, **ctx)
    for note in annotated:
        write_page(env, "note.md", out, f"notes/{note.key}.md", written, note=note, **ctx)
    for n in site.nodes:
        write_page(env, "node.md", out, f"nodes/{n['slug']}.md", written, n=n, **ctx)
    (out / "graph.dot").write_text(graph.to_dot(site), encoding="utf-8")


def timed_build(report: dict[str, Any], out: str | Path, **kw: Any) -> tuple[Written, float]:
    """``build_site`` and the seconds it took."""
    started = time.perf_counter()
    written = build_site(report, out, **kw)
    return written, time.perf_counter() - started


__all__ = ["build_site", "read_report", "timed_build", "ReportError", "FORMATS"]
