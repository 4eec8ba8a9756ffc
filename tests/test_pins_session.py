"""The session's graph run that the pins read (tests/pins.py): a wrong pin fails naming the node, a budget
the run does not give is refused, and every node is checked once however many tests read it."""
from __future__ import annotations

import pytest

import pins


def test_a_wrong_pin_fails_and_names_the_node():
    with pytest.raises(AssertionError, match="pl_condition: proved, pinned tested"):
        pins.check_pin("pl_condition", {"pl_condition": "tested"})
    pins.check_pin("pl_condition", {"pl_condition": "proved"})


def test_a_budget_the_session_run_does_not_give_is_refused():
    with pytest.raises(AssertionError, match="BUDGET"):
        pins.verdict("pl_condition", 7)


def test_reading_a_node_again_checks_nothing_again():
    session = pins.session_run()
    session.result("pl_condition")
    runs, result = session.runs, session.results["pl_condition"]
    assert pins.verdict("pl_condition") is result.own
    assert session.result("pl_condition") is result and session.runs == runs
