"""Checking a new lecture (issue 11, item 7): ``verify init``, ``verify run --package`` from the
user's folder, and the pytest plugin ``pytest --verify-package``."""
from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from verify.cli import main
from verify.init import FILES, InitError, write_skeleton

_counter = itertools.count()


@pytest.fixture
def lecture(tmp_path, monkeypatch):
    """A fresh skeleton in a fresh folder, which is the current folder; its modules are forgotten after."""
    name = f"lecture_{os.getpid()}_{next(_counter)}"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", list(sys.path))
    yield name
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]


def test_init_writes_the_skeleton_and_refuses_to_overwrite(lecture, capsys):
    assert main(["init", lecture]) == 0
    root = Path(lecture)
    assert sorted(p.name for p in root.iterdir()) == sorted(FILES)
    assert f"verify run --package {lecture}" in (root / "README.md").read_text()
    assert main(["init", lecture]) == 2 and "exists already" in capsys.readouterr().err
    for bad in ("1st", "my-lecture", "class", "verify"):
        with pytest.raises(InitError):
            write_skeleton(bad)


def test_the_skeleton_checks_clean_from_the_users_folder(lecture, capsys):
    """No PYTHONPATH: the package in the current folder is found."""
    main(["init", lecture])
    capsys.readouterr()
    code = main(["run", "--package", lecture, "--no-cache", "--quiet"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "errata found: 1" in out and "3/3" in out    # the erratum is refuted; the manifest is covered
    assert "gd_one_step_as_written" in out and "-> gd_one_step (proved)" in out


def test_a_path_to_the_package_works_too(tmp_path, monkeypatch, capsys):
    name = f"lecture_path_{os.getpid()}"
    monkeypatch.setattr(sys, "path", list(sys.path))
    write_skeleton(name, tmp_path / "courses")
    monkeypatch.chdir(tmp_path)
    try:
        assert main(["list", "--package", f"courses/{name}"]) == 0
        assert "gd_one_step" in capsys.readouterr().out
    finally:
        for module in [m for m in sys.modules if m.startswith(name)]:
            del sys.modules[module]


def _pytest(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                           *args], cwd=folder, capture_output=True, text=True, timeout=300)


def test_the_pytest_plugin_makes_one_item_per_node_and_checks_the_pins(tmp_path):
    name = "plugin_lecture"
    write_skeleton(name, tmp_path)
    done = _pytest(tmp_path, "--verify-package", name)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout
    selected = _pytest(tmp_path, "--verify-package", name, "-k", "factor_in_range")
    assert "1 passed, 2 deselected" in selected.stdout, selected.stdout
    pins = tmp_path / name / "pins.py"
    pins.write_text(pins.read_text().replace('"gd_one_step": "proved"', '"gd_one_step": "tested"'))
    failed = _pytest(tmp_path, "--verify-package", name)
    assert failed.returncode == 1 and "pinned tested" in failed.stdout and "1 failed, 2 passed" in failed.stdout


def test_a_module_that_does_not_load_is_a_failing_item(tmp_path):
    name = "broken_lecture"
    write_skeleton(name, tmp_path)
    (tmp_path / name / "typo.py").write_text("import sympy as sp\nNODES = [undefined_name]\n")
    done = _pytest(tmp_path, "--verify-package", name)
    assert done.returncode == 1 and "NameError" in done.stdout and "3 passed" in done.stdout
