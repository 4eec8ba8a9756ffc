"""The content: the mathematics of the course notes, written with ``verify``'s public API.

Registry convention (read by ``verify run`` through :mod:`verify.loader`, by module name):

* every module ``theorems/<topic>.py`` whose name does not start with ``_`` is a *theorem module*
  and is listed in :data:`MODULES` automatically (sorted by name), except ``manifest``;
* a theorem module exposes ``NODES: list[verify.Node]``, declared with ``verify.node(...)``; node
  names are unique across all modules; ``uses``/``proof_uses`` name nodes of any module;
* shared helpers (symbols, strategies) live in modules whose name starts with ``_``;
* a module that fails to import, or has no ``NODES``, becomes a load error naming its file, and
  the rest of the graph still runs.

:data:`MANIFEST` (``theorems/manifest.py``) lists every labelled claim of the notes, so a run can
report which are encoded (a node's ``source`` cites them, e.g. ``"003, Lemma 8.20, (8.26)-(8.30)"``).
Importing this package is cheap: theorem modules are imported only by the loader.
"""
from __future__ import annotations

import pkgutil
from pathlib import Path

#: Modules of this package that are not theorem modules.
NOT_THEOREM_MODULES = ("manifest",)


def _discover() -> list[str]:
    here = Path(__file__).resolve().parent
    names = [info.name for info in pkgutil.iter_modules([str(here)])
             if not info.name.startswith("_") and info.name not in NOT_THEOREM_MODULES]
    return [f"{__name__}.{name}" for name in sorted(names)]


#: The theorem modules, by import name.
MODULES: list[str] = _discover()


def __getattr__(name: str):
    if name == "MANIFEST":  # loaded on first use, so `import theorems` stays light
        from .manifest import MANIFEST

        return MANIFEST
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["MODULES", "MANIFEST", "NOT_THEOREM_MODULES"]
