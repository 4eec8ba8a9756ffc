"""Stable fingerprints of statements: the same statement gives the same digest in every process.

Python's ``repr`` of an object often holds a memory address and ``hash`` of a string changes
between processes, so neither can key a cache. :func:`stable_repr` walks a value and writes a
canonical text: sympy objects by ``srepr`` (which spells out every symbol's assumptions), numpy
arrays by dtype, shape and bytes, containers element by element, dataclasses and plain objects
by their type and attributes, functions by their qualified name and source text (so editing an
experiment's code changes its fingerprint). :func:`digest` is the SHA-256 of that text.
"""
from __future__ import annotations

import dataclasses
import enum
import hashlib
import inspect
import re
from functools import lru_cache
from typing import Any

import sympy as sp

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_MAX_DEPTH = 40


def stable_repr(value: Any) -> str:
    """A canonical text for ``value``; equal statements give equal texts across processes."""
    out: list[str] = []
    _write(value, out, set(), 0)
    return "".join(out)


def digest(*values: Any) -> str:
    """SHA-256 hex digest of the stable representations of ``values``."""
    h = hashlib.sha256()
    for value in values:
        h.update(stable_repr(value).encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def _write(value: Any, out: list[str], active: set[int], depth: int) -> None:
    if depth > _MAX_DEPTH:
        out.append("<deep>")
        return
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes)):
        out.append(repr(value))
        return
    if isinstance(value, enum.Enum):
        out.append(f"{type(value).__qualname__}.{value.name}")
        return
    if isinstance(value, (sp.Basic, sp.MatrixBase)):
        out.append(sp.srepr(value))
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


def _write_compound(value: Any, out: list[str], active: set[int], depth: int) -> None:
    if isinstance(value, (list, tuple)):
        out.append("[" if isinstance(value, list) else "(")
        for item in value:
            _write(item, out, active, depth)
            out.append(",")
        out.append("]" if isinstance(value, list) else ")")
    elif isinstance(value, (set, frozenset)):
        items = sorted(stable_repr(v) for v in value)
        out.append("{" + ",".join(items) + "}")
    elif isinstance(value, dict):
        items = sorted((stable_repr(k), v) for k, v in value.items())
        out.append("{")
        for key, item in items:
            out.append(key + ":")
            _write(item, out, active, depth)
            out.append(",")
        out.append("}")
    elif inspect.isroutine(value) or isinstance(value, type):
        out.append(_code_fingerprint(value))
        closure = getattr(value, "__closure__", None)
        if closure:
            out.append("closure(")
            for cell in closure:
                try:
                    _write(cell.cell_contents, out, active, depth)
                except ValueError:  # empty cell
                    out.append("<empty>")
                out.append(",")
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


def _attributes(value: Any) -> dict[str, Any]:
    attrs = dict(getattr(value, "__dict__", {}))
    for cls in type(value).__mro__:
        for slot in getattr(cls, "__slots__", ()):
            if slot not in attrs and hasattr(value, slot):
                attrs[slot] = getattr(value, slot)
    return {k: v for k, v in attrs.items() if not k.startswith("__")}


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
    if code is not None:  # two lambdas on one line share their source text, not their bytecode
        name += "@" + _code_digest(code)
    try:
        source = inspect.getsource(obj)
    except (OSError, TypeError):
        return name
    return f"{name}#{hashlib.sha256(source.encode()).hexdigest()[:16]}"


def _code_digest(code: Any) -> str:
    h = hashlib.sha256(code.co_code)
    for const in code.co_consts:
        h.update((_code_digest(const) if hasattr(const, "co_code") else repr(const)).encode())
    h.update(repr(code.co_names).encode())
    return h.hexdigest()[:16]


__all__ = ["stable_repr", "digest"]
