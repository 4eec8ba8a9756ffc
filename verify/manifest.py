"""Coverage manifest: which labelled claims of the notes exist, and which nodes encode them.

A :class:`Manifest` lists, per source file of the notes, every labelled claim (a theorem, lemma,
proposition, corollary, or a numbered equation that asserts something) as an :class:`Entry`.
The content lives in ``theorems/manifest.py``; this module only matches it against nodes.

A node covers an entry when its ``source`` cites it. A source is one or more citations separated by
``;``, each of the form ``"<file key>, <labels...>"`` where the file key is the leading part of the
file name (``"003"``) and the labels are written as in the notes:

* ``"Lemma 8.20"``, ``"Theorem 2"``, ``"Prop 1"``: a kind word and a number;
* ``"(8.26)"`` or a range ``"(8.26)-(8.30)"``: numbered equations;
* any entry whose ``label`` (or one of its ``aliases``) appears in the citation text, case
  ignored, e.g. ``"002, Hoeffding inequality"`` covers the entry labelled ``"Hoeffding"``.

Citations that name a file or a label the manifest does not know are reported, so a typo in a
source field is visible rather than silently uncounted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

KINDS = ("theorem", "lemma", "proposition", "corollary", "equation", "claim", "example", "definition")

_KIND_WORDS = {
    "theorem": "theorem", "thm": "theorem", "lemma": "lemma", "proposition": "proposition",
    "prop": "proposition", "corollary": "corollary", "cor": "corollary", "claim": "claim",
    "example": "example", "definition": "definition", "def": "definition", "remark": "remark",
}
_LABEL_RE = re.compile(r"\b(theorem|thm|lemma|proposition|prop|corollary|cor|claim|example|definition|def|remark)"
                       r"\.?\s*(\d+(?:\.\d+)*)", re.IGNORECASE)
_EQ_RANGE_RE = re.compile(r"\((\d+(?:\.\d+)?)\)\s*(?:[-\u2013]|to)\s*\((\d+(?:\.\d+)?)\)")
_EQ_RE = re.compile(r"\((\d+(?:\.\d+)?)\)")


@dataclass(frozen=True)
class Entry:
    """One labelled claim of the notes: ``label`` as the notes write it (``"Lemma 8.20"``,
    ``"(8.26)"``), its kind, and a one-line summary of what it asserts."""

    label: str
    kind: str
    summary: str
    aliases: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"manifest entry {self.label!r}: kind must be one of {KINDS}, got {self.kind!r}")

    @property
    def asserts(self) -> bool:
        """Definitions are listed so citations of them match, but coverage counts only claims."""
        return self.kind != "definition"

    @property
    def key(self) -> str:
        """Normalised label used for matching (``"lemma 8.20"``, ``"(8.26)"``)."""
        return normalise_label(self.label)


@dataclass(frozen=True)
class SeedFile:
    """The entries of one file of the notes. ``key`` is how sources cite it (``"003"``)."""

    key: str
    filename: str
    title: str
    entries: tuple[Entry, ...]

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for entry in self.entries:
            if entry.key in seen:
                raise ValueError(f"manifest {self.filename}: label {entry.label!r} listed twice")
            seen.add(entry.key)


@dataclass(frozen=True)
class Manifest:
    """All files of the notes."""

    files: tuple[SeedFile, ...]

    def file(self, key: str) -> SeedFile | None:
        for seed in self.files:
            if seed.key == key or seed.filename == key or seed.filename.startswith(key + "_"):
                return seed
        return None


@dataclass
class Citation:
    """A parsed citation: the file key and the normalised labels it names, plus its text."""

    file_key: str
    labels: set[str]
    text: str


@dataclass
class FileCoverage:
    """Coverage of one file: ``covered`` maps entry label to the nodes that cite it."""

    seed: SeedFile
    covered: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Number of labelled claims (definitions excluded)."""
        return sum(1 for e in self.seed.entries if e.asserts)

    @property
    def done(self) -> int:
        """Number of labelled claims some node cites."""
        return sum(1 for e in self.seed.entries if e.asserts and e.label in self.covered)

    @property
    def missing(self) -> list[Entry]:
        return [e for e in self.seed.entries if e.asserts and e.label not in self.covered]


@dataclass
class Coverage:
    """Coverage of the whole manifest, and citations that matched nothing."""

    files: list[FileCoverage]
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (node name, citation text)

    @property
    def total(self) -> int:
        return sum(f.total for f in self.files)

    @property
    def covered(self) -> int:
        return sum(f.done for f in self.files)

    def to_json(self) -> dict:
        return {
            "total": self.total,
            "covered": self.covered,
            "files": [{
                "file": f.seed.filename,
                "key": f.seed.key,
                "title": f.seed.title,
                "total": f.total,
                "covered": f.done,
                "entries": [{"label": e.label, "kind": e.kind, "summary": e.summary, "asserts": e.asserts,
                             "covered_by": f.covered.get(e.label, []), "aliases": list(e.aliases)}
                            for e in f.seed.entries],
            } for f in self.files],
            "unmatched_citations": [{"node": n, "citation": c} for n, c in self.unmatched],
        }


def normalise_label(label: str) -> str:
    """``"Lemma 8.20"`` -> ``"lemma 8.20"``, ``"Thm. 2"`` -> ``"theorem 2"``, ``"(8.26)"`` -> ``"(8.26)"``."""
    text = label.strip()
    m = _LABEL_RE.fullmatch(text)
    if m:
        return f"{_KIND_WORDS[m.group(1).lower()]} {m.group(2)}"
    m = _EQ_RE.fullmatch(text)
    if m:
        return f"({m.group(1)})"
    return " ".join(text.lower().split())


def parse_source(source: str) -> list[Citation]:
    """Split a node's ``source`` into citations of the notes (see the module docstring).

    Citations are separated by ``;`` (or by ``=>`` when a file key follows it); a part that does
    not start with a file key (``"axiom: Nesterov 2004"``) cites something outside the notes and
    is skipped.
    """
    out = []
    for part in _SPLIT_RE.split(source or ""):
        m = _HEAD_RE.match(part)
        if not m:
            continue
        head, rest = m.group(1), m.group(2)
        labels = {f"{_KIND_WORDS[x.group(1).lower()]} {x.group(2)}" for x in _LABEL_RE.finditer(rest)}
        for lo, hi in _EQ_RANGE_RE.findall(rest):
            labels |= _equation_range(lo, hi)
        labels |= {f"({x})" for x in _EQ_RE.findall(rest)}
        out.append(Citation(head, labels, rest.strip()))
    return out


_SPLIT_RE = re.compile(r";|=>(?=\s*\d{3}\b)")
_HEAD_RE = re.compile(r"\s*(\d{3})(?:_[0-9a-f]+(?:\.txt)?)?(?![\w.])[\s,:]*(.*)\Z", re.DOTALL)


def _equation_range(lo: str, hi: str) -> set[str]:
    """``8.26``..``8.30`` -> {"(8.26)", ..., "(8.30)"}; ``1``..``3`` likewise; else the two ends."""
    lo_head, _, lo_num = lo.rpartition(".")
    hi_head, _, hi_num = hi.rpartition(".")
    if lo_head == hi_head and lo_num.isdigit() and hi_num.isdigit() and int(lo_num) <= int(hi_num) <= int(lo_num) + 500:
        prefix = lo_head + "." if lo_head else ""
        return {f"({prefix}{i})" for i in range(int(lo_num), int(hi_num) + 1)}
    return {f"({lo})", f"({hi})"}


def coverage(manifest: Manifest, sources: Iterable[tuple[str, str]]) -> Coverage:
    """Match ``(node name, source)`` pairs against ``manifest``."""
    result = Coverage([FileCoverage(seed) for seed in manifest.files])
    by_key = {fc.seed.key: fc for fc in result.files}
    for name, source in sources:
        for citation in parse_source(source):
            seed = manifest.file(citation.file_key)
            if seed is None:
                result.unmatched.append((name, f"{citation.file_key}, {citation.text} (no such file)"))
                continue
            fc = by_key[seed.key]
            text = citation.text.lower()
            hit = False
            for entry in seed.entries:
                names = [entry.label, *entry.aliases]
                if entry.key in citation.labels or any(
                        _mentions(text, a) for a in names if not _is_structured(a)):
                    users = fc.covered.setdefault(entry.label, [])
                    if name not in users:
                        users.append(name)
                    hit = True
            if not hit:
                result.unmatched.append((name, f"{citation.file_key}, {citation.text}"))
    return result


def _is_structured(label: str) -> bool:
    return bool(_LABEL_RE.fullmatch(label.strip()) or _EQ_RE.fullmatch(label.strip()))


def _mentions(text: str, label: str) -> bool:
    needle = " ".join(label.lower().split())
    return bool(needle) and re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", text) is not None


__all__ = ["Entry", "SeedFile", "Manifest", "Citation", "Coverage", "FileCoverage", "coverage",
           "parse_source", "normalise_label", "KINDS"]
