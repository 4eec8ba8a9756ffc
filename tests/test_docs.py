"""The Python examples of README.md and docs/*.md run as written.

Every block fenced with exactly ```` ```python ```` is executed in a fresh namespace (fragments that are
not meant to run are fenced ```` ```py ````). A block that raises fails the test, naming the file and
the block's first line number.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _blocks():
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        for m in BLOCK.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            yield pytest.param(path, m.group(1), id=f"{path.relative_to(ROOT)}:{line}")


@pytest.mark.parametrize("path,code", list(_blocks()))
def test_example_runs(path: Path, code: str) -> None:
    exec(compile(code, str(path), "exec"), {"__name__": f"docs_example_{path.stem}"})


def test_there_are_examples():
    assert len(list(_blocks())) >= 8
