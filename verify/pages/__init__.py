"""The generated site of the verified notes (``verify docs``): static pages built from a run's JSON
report, math as MathML rendered at build time, the graph laid out by Graphviz, figures drawn with
matplotlib, and a Markdown export. Nothing here checks a claim; it shows what the report says.
"""
from __future__ import annotations

from .build import FORMATS, ReportError, build_site, read_report, timed_build
from .model import slug
from .serve import serve

__all__ = ["build_site", "read_report", "timed_build", "serve", "slug", "ReportError", "FORMATS"]
