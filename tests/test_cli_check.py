"""``verify check`` from the shell (issue 11, item 5): vectors and matrices, the usual slips, vacuous
claims, one exit code per outcome, no ``.hypothesis`` folder, and a budget too small said once."""
from __future__ import annotations

import pytest

from verify.cli import CHECK_EXIT, EXIT_ERROR, EXIT_UNKNOWN, EXIT_VACUOUS, main
from verify.console import budget_note
from verify.parsing import ParseError, make_arrays


def _check(capsys, *argv):
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_vectors_and_matrices_are_declared_on_the_command_line(capsys):
    code, out, err = _check(capsys, "inner(x, A*x) >= 0", "--vector", "x:2", "--matrix", "A:2x2:psd")
    assert code == 0 and out.startswith(("proved", "tested")), out + err
    code, out, _ = _check(capsys, "inner(x, A*x) >= 0", "--vector", "x:2", "--matrix", "A:2x2")
    assert code == 1 and out.startswith("refuted") and "counterexample" in out


def test_a_vector_function_on_a_scalar_points_to_the_declarations(capsys):
    code, _, err = _check(capsys, "norm(x) >= 0")
    assert code == 2 and "--vector x:3" in err and "verify.Vector" in err


def test_array_specs_are_validated():
    arrays = make_arrays(["x:3", "u:n:unit"], ["A:3:psd", "B:2x3"])
    assert arrays["A"].shape == (3, 3) and arrays["B"].shape == (2, 3) and str(arrays["u"].shape[0]) == "n"
    for bad in (["x"], ["x:0"], ["x:3:psd"], ["x:3x3"]):
        with pytest.raises(ParseError, match="--vector"):
            make_arrays(bad)
    with pytest.raises(ParseError, match="did you mean 'psd'"):
        make_arrays([], ["A:3:pds"])
    with pytest.raises(ParseError, match="square"):
        make_arrays([], ["A:2x3:psd"])


def test_lower_case_e_as_a_power_base_is_refused_with_the_fix(capsys):
    code, _, err = _check(capsys, "e**x >= 1 + x")
    assert code == 2 and "exp(x)" in err and "E**x" in err
    code, out, _ = _check(capsys, "E**x >= 1 + x")
    assert code == 0 and out.startswith("proved")
    code, _, _ = _check(capsys, "e**x >= 0", "--positive", "e")   # declared: the user means a symbol
    assert code == 0


def test_a_misspelt_function_gets_a_suggestion(capsys):
    code, _, err = _check(capsys, "exq(x) >= 1 + x")
    assert code == 2 and "did you mean 'exp'?" in err


def test_no_warning_for_the_default_or_a_sums_index(capsys):
    code, _, err = _check(capsys, "Sum(k, (k, 0, n)) >= 0", "--integer", "n", "--nonnegative", "n")
    assert code == 0 and "warning" not in err
    code, _, err = _check(capsys, "x**2 >= 0")
    assert "warning" not in err
    code, _, err = _check(capsys, "mu2 >= 0", "--positive", "mu")
    assert "did you mean 'mu'?" in err


def test_contradictory_hypotheses_are_vacuous_with_their_own_exit_code(capsys):
    code, out, _ = _check(capsys, "x >= 5", "--given", "x >= 1", "--given", "x <= 0")
    assert code == EXIT_VACUOUS == 5
    assert out.splitlines()[0].startswith("proved (vacuous")


def test_exit_codes_are_distinct_per_outcome(capsys):
    assert len({CHECK_EXIT["refuted"], EXIT_ERROR, EXIT_UNKNOWN, EXIT_VACUOUS, 0, 2}) == 6
    assert _check(capsys, "x**2 >= 1")[0] == 1
    assert CHECK_EXIT["error"] == EXIT_ERROR == 3 and CHECK_EXIT["unknown"] == EXIT_UNKNOWN == 4


def test_check_leaves_no_hypothesis_folder_behind(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    _check(capsys, "erf(a + b) <= erf(a) + erf(b)", "--positive", "a", "b", "--seconds", "3")
    assert not (tmp_path / ".hypothesis").exists()


def test_a_budget_too_small_is_said_once_with_the_budget_that_would_do():
    nodes = [{"name": f"n{i}", "status": "unknown", "message": "tried farkas; z3 (no time left)", "evidence": []}
             for i in range(3)] + [{"name": "fine", "status": "proved", "message": "", "evidence": []}]
    note = budget_note({"settings": {"seconds": 1}, "nodes": nodes})
    assert "--seconds 1 is too small for 3 node(s) (n0, n1, n2)" in note
    assert "run without --seconds" in note and "--seconds 10" in note
    assert budget_note({"settings": {"seconds": None}, "nodes": nodes}) is None
    assert budget_note({"settings": {"seconds": 1}, "nodes": nodes[3:]}) is None
