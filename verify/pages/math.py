"""LaTeX to MathML at build time (``latex2mathml``), so a browser shows the math natively with no
script or font fetched from anywhere.

latex2mathml copies ``\\text{...}`` verbatim into its output, so its MathML is parsed and written out
again keeping only MathML elements and presentation attributes: text from a claim (a symbol named
``<script>``) always ends up as escaped text, never as markup. LaTeX that does not convert, or
converts to something outside that list, is shown as escaped LaTeX source instead.
"""
from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from functools import lru_cache

from markupsafe import Markup

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
ELEMENTS = frozenset(
    "math mrow mi mn mo ms mtext mspace msub msup msubsup mfrac msqrt mroot mstyle mover munder munderover "
    "mtable mtr mtd mpadded mphantom menclose merror mfenced mmultiscripts mprescripts none semantics".split())
ATTRIBUTES = frozenset(
    "display mathvariant stretchy fence separator lspace rspace accent accentunder movablelimits largeop "
    "symmetric minsize maxsize columnalign rowalign columnspacing rowspacing columnlines rowlines frame width "
    "height depth linethickness displaystyle scriptlevel form notation open close separators align "
    "columnspan rowspan equalrows equalcolumns".split())


class UnsafeMathML(ValueError):
    """The converter produced an element or attribute outside the MathML allow-list."""


@lru_cache(maxsize=4096)
def mathml(latex: str, display: bool = False) -> Markup:
    """Safe MathML for ``latex``; escaped ``<code>`` LaTeX when it cannot be converted safely."""
    try:
        return Markup(_convert(latex, display))
    except Exception:  # noqa: BLE001 - garbled LaTeX (the notes' conversion) must not stop the build
        return Markup('<code class="latex">{}</code>').format(latex)


def _convert(latex: str, display: bool) -> str:
    from latex2mathml.converter import convert

    raw = convert(latex, display="block" if display else "inline")
    root = ET.fromstring(raw)
    _check(root)
    ET.register_namespace("", MATHML_NS)
    return ET.tostring(root, encoding="unicode", short_empty_elements=False)


def _check(element: ET.Element) -> None:
    tag = element.tag.split("}", 1)[-1]
    if not element.tag.startswith("{" + MATHML_NS + "}") or tag not in ELEMENTS:
        raise UnsafeMathML(f"element {html.escape(tag)!r} is not MathML")
    for name in element.attrib:
        if name not in ATTRIBUTES:
            raise UnsafeMathML(f"attribute {name!r} is not allowed")
    for child in element:
        _check(child)


__all__ = ["mathml", "UnsafeMathML", "ELEMENTS", "ATTRIBUTES"]
