"""Stable fingerprints of statements: the same statement gives the same digest in every process.

Python's ``repr`` of an object often holds a memory address and ``hash`` of a string changes
between processes, so neither can key a cache. :func:`stable_repr` walks a value and writes a
canonical text: sympy objects by ``srepr`` (which spells out every symbol's assumptions), numpy
arrays by dtype, shape and bytes, containers element by element, dataclasses by their fields,
plain objects by their type and public attributes, hypothesis strategies by their description,
functions by their qualified name, bytecode and source text (so editing an experiment's code
changes its fingerprint). Using a statement (checking it, drawing from its strategies) must not
change its fingerprint. :func:`digest` is the SHA-256 of that text.
"""
from __future__ import annotations

import dataclasses
import enum
import hashlib
import inspect
import re
import types
import uuid
from functools import lru_cache
from typing import Any

import sympy as sp

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_MAX_DEPTH = 30


#: Prefix of the fingerprint of a value too large to walk: unique per call, so it never matches.
UNCACHEABLE = "uncacheable:"
_MAX_VISITS = 200_000


class _TooLarge(Exception):
    """The object graph behind a statement is too large (or too deep) to fingerprint."""


class _Walk(set):
    """The ids on the current path (to cut cycles) and the number of visits left."""

    def __init__(self) -> None:
        super().__init__()
        self.left = _MAX_VISITS


def stable_repr(value: Any) -> str:
    """A canonical text for ``value``; equal statements give equal texts across processes.

    A value whose object graph is too large or too deep gets a text that is unique to this call
    (it starts with :data:`UNCACHEABLE`): it is never equal to anything, so nothing stale can match it.
    """
    out: list[str] = []
    try:
        _write(value, out, _Walk(), 0)
    except _TooLarge:
        return UNCACHEABLE + uuid.uuid4().hex
    return "".join(out)


def digest(*values: Any) -> str:
    """SHA-256 hex digest of the stable representations of ``values``; a digest starting with
    :data:`UNCACHEABLE` when one of them cannot be fingerprinted."""
    h = hashlib.sha256()
    for value in values:
        text = stable_repr(value)
        if text.startswith(UNCACHEABLE):
            return text
        h.update(text.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _write(value: Any, out: list[str], active: _Walk, depth: int) -> None:
    active.left -= 1
    if depth > _MAX_DEPTH or active.left < 0:
        raise _TooLarge()
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes)):
        out.append(repr(value))
        return
    if isinstance(value, enum.Enum):
        out.append(f"{type(value).__qualname__}.{value.name}")
        return
    if isinstance(value, (sp.Basic, sp.MatrixBase)):
        out.append(sp.srepr(value))
        return
    if isinstance(value, types.ModuleType):  # e.g. a closure over `st`: the name, not the whole API
        out.append(f"module:{value.__name__}")
        return
    if type(value).__module__ == "numpy" or type(value).__module__.startswith("numpy."):
        _write_numpy(value, out)
        return
    ident = id(value)
    if ident in active:
        out.append("<cycle>")
        return
    active.add(ident)
    try:
        _write_compound(value, out, active, depth + 1)
    finally:
        active.discard(ident)


def _write_compound(value: Any, out: list[str], active: _Walk, depth: int) -> None:
    if isinstance(value, (list, tuple)):
        out.append("[" if isinstance(value, list) else "(")
        for item in value:
            _write(item, out, active, depth)
            out.append(",")
        out.append("]" if isinstance(value, list) else ")")
    elif isinstance(value, (set, frozenset)):
        items = sorted(_text(v, active, depth) for v in value)
        out.append("{" + ",".join(items) + "}")
    elif isinstance(value, dict):
        items = sorted(_text(k, active, depth) + ":" + _text(v, active, depth) for k, v in value.items())
        out.append("{" + ",".join(items) + "}")
    elif inspect.isroutine(value) or isinstance(value, type):
        out.append(_code_fingerprint(value))
        closure = value.__closure__ if inspect.isfunction(value) else None
        if closure:
            out.append("closure(")
            for cell in closure:
                try:
                    _write(cell.cell_contents, out, active, depth)
                except ValueError:  # empty cell
                    out.append("<empty>")
                out.append(",")
            out.append(")")
    elif _is_strategy(value):
        # hypothesis strategies fill private caches when first used; their repr is the stable
        # description, and a lazy strategy's function (with its closure) carries the user's code
        out.append("strategy(" + _ADDRESS.sub("", repr(value)))
        function = getattr(value, "function", None)
        if function is not None:
            out.append(",")
            _write(function, out, active, depth)
        out.append(")")
    elif dataclasses.is_dataclass(value):
        out.append(type(value).__qualname__ + "(")
        for f in dataclasses.fields(value):
            out.append(f.name + "=")
            _write(getattr(value, f.name, None), out, active, depth)
            out.append(",")
        out.append(")")
    elif hasattr(value, "__dict__") or hasattr(type(value), "__slots__"):
        out.append(_code_fingerprint(type(value)) + "(")
        for name, item in sorted(_attributes(value).items()):
            out.append(name + "=")
            _write(item, out, active, depth)
            out.append(",")
        out.append(")")
    else:
        out.append(_ADDRESS.sub("", repr(value)))


def _text(value: Any, active: _Walk, depth: int) -> str:
    part: list[str] = []
    _write(value, part, active, depth)
    return "".join(part)


def _attributes(value: Any) -> dict[str, Any]:
    """Public attributes only: private ones (``_x``) are implementation state such as caches that
    a first use fills in, and must not change the fingerprint of an unchanged statement."""
    attrs = dict(getattr(value, "__dict__", {}))
    for cls in type(value).__mro__:
        for slot in getattr(cls, "__slots__", ()):
            if slot not in attrs and hasattr(value, slot):
                attrs[slot] = getattr(value, slot)
    return {k: v for k, v in attrs.items() if not k.startswith("_")}


def _is_strategy(value: Any) -> bool:
    try:
        from hypothesis.strategies import SearchStrategy
    except ImportError:  # pragma: no cover - hypothesis is a dependency
        return False
    return isinstance(value, SearchStrategy)


def _write_numpy(value: Any, out: list[str]) -> None:
    import numpy as np

    if isinstance(value, np.ndarray):
        arr = np.ascontiguousarray(value)
        body = hashlib.sha256(arr.tobytes()).hexdigest() if arr.dtype != object else stable_repr(arr.tolist())
        out.append(f"ndarray({arr.dtype},{arr.shape},{body})")
    elif isinstance(value, np.generic):
        out.append(f"{type(value).__name__}({value.item()!r})")
    else:
        out.append(_ADDRESS.sub("", repr(value)))


@lru_cache(maxsize=4096)
def _code_fingerprint(obj: Any) -> str:
    """Qualified name plus a digest of the source text, when the source is available."""
    name = f"{getattr(obj, '__module__', '?')}.{getattr(obj, '__qualname__', getattr(obj, '__name__', '?'))}"
    code = getattr(obj, "__code__", None)
    if isinstance(code, types.CodeType):  # two lambdas on one line share their source text, not their bytecode
        name += "@" + _code_digest(code)
    try:
        source = inspect.getsource(obj)
    except (OSError, TypeError):
        return name
    return f"{name}#{hashlib.sha256(source.encode()).hexdigest()[:16]}"


def _code_digest(code: Any) -> str:
    h = hashlib.sha256(code.co_code)
    for const in code.co_consts:
        h.update((_code_digest(const) if isinstance(const, types.CodeType) else repr(const)).encode())
    h.update(repr(code.co_names).encode())
    return h.hexdigest()[:16]


__all__ = ["stable_repr", "digest", "UNCACHEABLE"]
