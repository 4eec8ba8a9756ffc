"""Loading the nodes of a content package (by default ``theorems``) by module name.

The engine never imports the content directly: it imports the package named on the command line,
reads its ``MODULES`` (a list of module names), imports each with :mod:`importlib` and collects its
``NODES`` (a list of :class:`verify.Node`). A module that fails to import, lacks ``NODES`` or puts
something other than a ``Node`` in it becomes a :class:`LoadError` naming the module and its file;
every other module still loads.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .nodes import Node

DEFAULT_PACKAGE = "theorems"


@dataclass
class LoadError:
    """A module that could not provide nodes: its name, file and what went wrong."""

    module: str
    file: str
    message: str

    def to_json(self) -> dict[str, str]:
        return {"module": self.module, "file": self.file, "message": self.message}

    def __str__(self) -> str:
        return f"{self.file} ({self.module}): {self.message}"


@dataclass
class Loaded:
    """The nodes found, the modules they came from, and the errors."""

    nodes: list[Node] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    manifest: Any = None


def load(package: str = DEFAULT_PACKAGE) -> Loaded:
    """Import ``package``, then each module of its ``MODULES``; collect nodes and errors.

    Also picks up ``package.MANIFEST`` (a :class:`verify.manifest.Manifest`) when present.
    """
    result = Loaded()
    package = importable(package)
    try:
        pkg = importlib.import_module(package)
    except BaseException as exc:  # noqa: BLE001 - any failure of user content is reported, not raised
        if isinstance(exc, KeyboardInterrupt):
            raise
        result.errors.append(LoadError(package, _file_of(package), _describe(exc)))
        return result
    names = getattr(pkg, "MODULES", None)
    if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) for n in names):
        result.errors.append(LoadError(package, _file_of(package),
                                       "the package must define MODULES, a list of module names"))
        names = []
    result.manifest = _manifest(pkg, result)
    for name in names:
        result.modules.append(name)
        result.nodes.extend(load_module(name, result.errors))
    return result


def importable(package: str) -> str:
    """The import name of ``package``, making a package of the current folder (or a path to a package
    folder, ``lectures/mylecture``) importable without ``PYTHONPATH``: its parent folder joins
    ``sys.path`` when the name is not importable as it stands."""
    path = Path(package)
    if package.endswith(".py") or (len(path.parts) > 1 and path.is_dir()):
        folder = path.parent.resolve() if path.is_dir() else path.resolve().parent
        name = path.name if path.is_dir() else path.stem
    else:
        folder, name = Path.cwd(), package
    top = name.split(".")[0]
    try:
        found = importlib.util.find_spec(top) is not None
    except (ImportError, ValueError):
        found = False
    candidate = folder / top
    if not found and (candidate.is_dir() or candidate.with_suffix(".py").is_file()):
        sys.path.insert(0, str(folder))
        importlib.invalidate_caches()
    return name


def load_module(name: str, errors: list[LoadError]) -> list[Node]:
    """Import one module and return its ``NODES``; problems are appended to ``errors``."""
    try:
        module = importlib.import_module(name)
    except BaseException as exc:  # noqa: BLE001
        if isinstance(exc, KeyboardInterrupt):
            raise
        errors.append(LoadError(name, _file_of(name), _describe(exc)))
        return []
    file = getattr(module, "__file__", None) or _file_of(name)
    nodes = getattr(module, "NODES", None)
    if nodes is None:
        errors.append(LoadError(name, file, "the module defines no NODES list (a theorem module must "
                                            "expose NODES: list[Node]; helpers go in a module whose name "
                                            "starts with '_')"))
        return []
    if not isinstance(nodes, (list, tuple)):
        errors.append(LoadError(name, file, f"NODES must be a list of Node, got {type(nodes).__name__}"))
        return []
    good = []
    for index, item in enumerate(nodes):
        if not isinstance(item, Node):
            errors.append(LoadError(name, file, f"NODES[{index}] is of type {type(item).__name__}, not a Node "
                                                "(declare it with verify.node(...))"))
            continue
        if not item.module:
            item.module = name
        good.append(item)
    return good


def _manifest(pkg: Any, result: Loaded) -> Any:
    try:
        return getattr(pkg, "MANIFEST", None)
    except Exception as exc:  # noqa: BLE001 - a lazy attribute may raise
        result.errors.append(LoadError(pkg.__name__, _file_of(pkg.__name__), f"MANIFEST: {_describe(exc)}"))
        return None


def _file_of(module: str) -> str:
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        return spec.origin
    return module.replace(".", "/") + ".py"


def _describe(exc: BaseException) -> str:
    """``TypeError: ... (at theorems/pl.py:12)``: the exception and the innermost frame in user code."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    for frame in reversed(frames):
        if "importlib" not in frame.filename:
            where = f" (at {frame.filename}:{frame.lineno})"
            break
    if isinstance(exc, SyntaxError) and exc.filename:
        where = f" (at {exc.filename}:{exc.lineno})"
    return f"{type(exc).__name__}: {exc}{where}"


__all__ = ["load", "load_module", "importable", "Loaded", "LoadError", "DEFAULT_PACKAGE"]
