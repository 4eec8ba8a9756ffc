"""``verify init NAME``: the skeleton of a content package for a new lecture.

It writes, under ``NAME/`` in the current folder: ``__init__.py`` (its theorem modules are found
automatically, as in ``theorems/``), ``manifest.py`` (the lecture's labelled claims, for coverage),
``example.py`` (a theorem module with a worked example: a claim, a derivation, and an erratum beside
its corrected twin), ``pins.py`` (the verdict each node is expected to keep) and ``README.md`` (how to
check it: ``verify run --package NAME`` and ``pytest --verify-package NAME``). The skeleton checks
clean as written: every verdict meets its expectation.
"""
from __future__ import annotations

import keyword
from pathlib import Path

INIT = '''"""The lecture {name}: its theorem modules, found automatically, and its manifest.

Every module of this package whose name does not start with ``_`` (and is not ``manifest`` or
``pins``) is a theorem module: it exposes ``NODES``, a list of ``verify.node(...)``.
"""
from __future__ import annotations

import pkgutil
from pathlib import Path

NOT_THEOREM_MODULES = ("manifest", "pins")
MODULES = [f"{{__name__}}.{{info.name}}" for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]),
                                                           key=lambda info: info.name)
           if not info.name.startswith("_") and info.name not in NOT_THEOREM_MODULES]


def __getattr__(attribute: str):
    if attribute == "MANIFEST":
        from .manifest import MANIFEST

        return MANIFEST
    raise AttributeError(attribute)
'''

MANIFEST = '''"""The labelled claims of the lecture, so that ``verify run`` reports which are encoded.

A node covers an entry when its ``source`` cites it: ``"101, Theorem 1"`` covers ``Theorem 1`` of the
file whose key is ``101`` (a key is three digits, the start of the notes' file name ``101_....txt``).
List every theorem, lemma and numbered equation that asserts something.
"""
from verify import Entry, Manifest, SeedFile

MANIFEST = Manifest((
    SeedFile("101", "101_lecture1.txt", "Lecture 1: gradient descent under the PL condition", (
        Entry("Theorem 1", "theorem", "one step of GD with step 1/L under PL contracts the gap by 1 - mu/L"),
        Entry("(1)", "equation", "the descent lemma at step 1/L: f(x_{{k+1}}) <= f(x_k) - ||grad f(x_k)||^2/(2L)"),
        Entry("Lemma 2", "lemma", "mu <= L, so the contraction factor 1 - mu/L lies in [0, 1)"),
    )),
))
'''

EXAMPLE = '''"""A worked example: one step of gradient descent under the PL condition (lecture 101).

Each node cites the lecture (``source="101, Theorem 1"``); an erratum (a line of the notes that is
wrong as written) sits beside its corrected twin and is expected ``refuted``.
"""
import sympy as sp

from verify import Claim, Derivation, node, substitute

TOPIC = "gradient descent"

mu, L = sp.symbols("mu L", positive=True)
delta, g = sp.symbols("delta g", nonnegative=True)   # f(x_k) - f*, ||grad f(x_k)||^2
delta1 = sp.Symbol("delta_1", nonnegative=True)       # f(x_{{k+1}}) - f*

PL = g >= 2 * mu * delta                # PL at x_k
DESCENT = delta1 <= delta - g / (2 * L)  # the descent lemma at step 1/L, (1)

factor_in_range = Claim("factor_in_range", given=[mu <= L], show=(0 <= 1 - mu / L) & (1 - mu / L < 1),
                        source="101, Lemma 2", expect="proved")

one_step = (
    Derivation("gd_one_step", given=[DESCENT, PL], start=delta1, source="101, Theorem 1, (1)", expect="proved")
    .le(delta - g / (2 * L), by=substitute(DESCENT, "the descent lemma (1)"))
    .le(delta - mu * delta / L, by=substitute(PL, "PL: g >= 2 mu delta"))
    .eq((1 - mu / L) * delta, by="factor")
)

# as the notes write it, without the factor 1/2 of the descent lemma: false
one_step_as_written = Claim("gd_one_step_as_written", given=[DESCENT, PL], show=delta1 <= (1 - 2 * mu / L) * delta,
                            source="101, Theorem 1 as written: (1 - 2 mu/L) where the descent lemma gives 1 - mu/L",
                            expect="refuted")

NODES = [
    node(factor_in_range, "lemma", topic=TOPIC),
    node(one_step, "theorem", topic=TOPIC),
    node(one_step_as_written, "erratum", topic=TOPIC, corrects="gd_one_step"),
]
'''

PINS = '''"""The verdict each node of the lecture is expected to keep (``pytest --verify-package {name}``
checks them). Add a line for each new node."""
PINS = {{
    "factor_in_range": "proved",
    "gd_one_step": "proved",
    "gd_one_step_as_written": "refuted",
}}
'''

README = '''# {name}: the lecture, checked by `verify`

```sh
verify run --package {name}           # every node, the errata, the coverage of the manifest
verify show gd_one_step --package {name}
pytest --verify-package {name}        # one test item per node (its expectation and its pin)
```

Run these from the folder that contains `{name}/` (no `PYTHONPATH` needed). Add a claim in a theorem
module (`{name}/<topic>.py`, listed in its `NODES`), cite the lecture in its `source`, give its
expected verdict (`expect=`) and a line in `pins.py`; list the lecture's labelled claims in
`manifest.py` so the run reports which are encoded.
'''

FILES = {"__init__.py": INIT, "manifest.py": MANIFEST, "example.py": EXAMPLE, "pins.py": PINS, "README.md": README}


class InitError(ValueError):
    """The skeleton cannot be written (a bad name, or the folder exists); the message says why."""


def write_skeleton(name: str, where: str | Path = ".") -> list[Path]:
    """Write the skeleton of the package ``name`` under ``where``; returns the files written."""
    if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
        raise InitError(f"{name!r} is not a package name: use letters, digits and underscores, e.g. mylecture")
    if name in ("verify", "theorems", "tests", "sympy", "numpy"):
        raise InitError(f"{name!r} would shadow an existing package; choose another name")
    root = Path(where) / name
    if root.exists():
        raise InitError(f"{root} exists already; choose another name or remove it")
    root.mkdir(parents=True)
    written = []
    for filename, template in FILES.items():
        path = root / filename
        path.write_text(template.format(name=name), encoding="utf-8")
        written.append(path)
    return written


__all__ = ["write_skeleton", "InitError", "FILES"]
