"""On-disk cache of node verdicts, so an unchanged node is not checked twice.

The key of a node is the SHA-256 of: its name, kind and statement (through
:func:`verify.fingerprint.stable_repr`, which covers the proof: a derivation's links and their
reasons, a claim's ``by``), what it uses, the keys of its dependencies (so editing a lemma
re-checks everything downstream of it), the package version, a digest of the engine's own
source files (so a changed decider never serves stale answers), and the run settings that can
change a verdict (time budget, seed).

Entries are JSON files ``<dir>/<key[:2]>/<key>.json`` holding the node's *own* verdict; the
graph meet is recomputed on every run. Numbers in counterexamples are read back with the safe
parser, never ``eval``. A file that cannot be read or does not have the expected shape is
reported (``Cache.warnings``, naming the file) and ignored: the node is checked again and the
entry rewritten.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .fingerprint import UNCACHEABLE, digest
from .parsing import ParseError, parse_number
from .core.verdicts import Evidence, Status, Verdict

CACHE_FORMAT = 1
DEFAULT_DIR = ".verify-cache"


#: Engine files that cannot change a node's own verdict (presentation, the meet, loading), so editing
#: them keeps the cache; every other ``verify/**/*.py`` file is part of the engine digest.
NOT_VERDICT_FILES = frozenset({"cli.py", "console.py", "drawing.py", "report.py", "manifest.py", "graph.py",
                               "loader.py", "__main__.py", "report_statements.py"})
#: Engine folders that only present results (the generated site), likewise left out of the digest.
NOT_VERDICT_DIRS = frozenset({"pages"})


@lru_cache(maxsize=1)
def engine_digest() -> str:
    """Version of the package plus a digest of the ``verify/**/*.py`` files that can change a verdict."""
    from . import __version__

    root = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{__version__}|format{CACHE_FORMAT}".encode())
    for path in sorted(root.rglob("*.py")):
        if path.parent == root and path.name in NOT_VERDICT_FILES:
            continue
        if path.relative_to(root).parts[0] in NOT_VERDICT_DIRS:
            continue
        h.update(str(path.relative_to(root)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def node_key(node: Any, dependency_keys: Iterable[str], *, seconds: float | None = None,
             seed: int | None = None) -> str:
    """The cache key of ``node`` given its dependencies' keys (in the node's dependency order).

    A node whose statement cannot be fingerprinted, or that depends on one, gets a key starting with
    ``fingerprint.UNCACHEABLE``: it is checked on every run."""
    dependency_keys = tuple(dependency_keys)
    for key in dependency_keys:
        if key.startswith(UNCACHEABLE):
            return key
    return digest("node", node.name, node.kind, node.statement, tuple(node.uses), tuple(node.proof_uses),
                  dependency_keys, engine_digest(), seconds, seed)


class Cache:
    """A directory of cached own-verdicts. ``Cache(None)`` is a cache that never hits."""

    def __init__(self, directory: str | os.PathLike | None = DEFAULT_DIR) -> None:
        self.directory = Path(directory) if directory is not None else None
        self.warnings: list[str] = []
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, name: str) -> Verdict | None:
        """The cached own verdict of node ``name`` under ``key``, or None."""
        return self._read(key, name, "verdict", verdict_from_json, f"node {name!r} is checked again")

    def put(self, key: str, name: str, verdict: Verdict) -> None:
        """Store ``verdict``; failures to write are warnings, never errors."""
        self._write(key, name, "verdict", verdict.to_json())

    def get_data(self, key: str, name: str) -> Any:
        """Plain JSON data stored under ``key`` for ``name`` (a whole-graph result such as the
        restatement flags), or None."""
        return self._read(key, name, "data", lambda data: data, f"{name} is computed again")

    def put_data(self, key: str, name: str, data: Any) -> None:
        self._write(key, name, "data", data)

    def _read(self, key: str, name: str, field: str, decode: Any, again: str) -> Any:
        if self.directory is None or key.startswith(UNCACHEABLE):
            return None
        path = self._path(key)
        if not path.exists():
            self.misses += 1
            return None
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(entry, dict) or entry.get("format") != CACHE_FORMAT:
                raise ValueError(f"expected an object with format {CACHE_FORMAT}")
            if entry.get("key") != key or entry.get("node") != name:
                raise ValueError(f"entry is for node {entry.get('node')!r}, key {str(entry.get('key'))[:12]}")
            value = decode(entry[field])
        except (OSError, ValueError, KeyError, TypeError, ParseError) as exc:
            self.warnings.append(f"cache file {path} is malformed ({exc}); ignored, {again}")
            self.misses += 1
            return None
        self.hits += 1
        return value

    def _write(self, key: str, name: str, field: str, value: Any) -> None:
        if self.directory is None or key.startswith(UNCACHEABLE):
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps({"format": CACHE_FORMAT, "key": key, "node": name, field: value})
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, path)
        except (OSError, TypeError, ValueError) as exc:
            self.warnings.append(f"could not write cache file {path}: {exc}")


def verdict_from_json(data: dict) -> Verdict:
    """Rebuild a :class:`Verdict` from :meth:`Verdict.to_json` output (counterexample values exact)."""
    if not isinstance(data, dict):
        raise TypeError("verdict must be a JSON object")
    counterexample = data.get("counterexample")
    if counterexample is not None:
        counterexample = {str(k): _number(v) for k, v in counterexample.items()}
    sides = data.get("sides")
    if sides is not None:
        if not isinstance(sides, list) or len(sides) != 2:
            raise ValueError("sides must be a list of two values")
        sides = (_number(sides[0]), _number(sides[1]))
    evidence = [Evidence(str(e["rule"]), str(e["detail"]), dict(e.get("data") or {}))
                for e in data.get("evidence", [])]
    return Verdict(
        status=Status(data["status"]),
        name=str(data["name"]),
        evidence=evidence,
        counterexample=counterexample,
        sides=sides,
        message=str(data.get("message", "")),
        seconds=float(data.get("seconds", 0.0)),
        links=[verdict_from_json(link) for link in data.get("links", [])],
        failed_link=data.get("failed_link"),
        relation=str(data.get("relation", "")),
    )


def _number(value: Any) -> Any:
    """Exact numbers were written as text (``"3/7"``); read them back safely. Others stay as they are."""
    if isinstance(value, str):
        try:
            return parse_number(value)
        except ParseError:
            return value
    return value


__all__ = ["Cache", "node_key", "engine_digest", "verdict_from_json", "DEFAULT_DIR"]
