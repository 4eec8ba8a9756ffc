"""The Gram corpus through ``check`` under the default budget: no false claim proved, no true claim refuted,
at least 90% of the false refuted (each counterexample re-checked independently of the kernel) and at least
75% of the true proved; the Gram decider alone never proves a false claim."""
from __future__ import annotations

import pytest

from verify.core.deciders.gram import decide_gram
from verify.core.problem import prepare

from corpus_gram import FALSE, TRUE
from parallel import check_all
from test_matrix_corpus import _assert_real_counterexample


@pytest.fixture(scope="module")
def true_verdicts():
    return check_all(TRUE, seed=0)


@pytest.fixture(scope="module")
def false_verdicts():
    return check_all(FALSE, seed=0)


def test_corpus_size():
    assert len(TRUE) >= 35 and len(FALSE) >= 35
    assert len({c.name for c in TRUE + FALSE}) == len(TRUE) + len(FALSE)


@pytest.mark.parametrize("claim", TRUE, ids=lambda c: c.name)
def test_true_claims_are_never_refuted(claim, true_verdicts):
    verdict = true_verdicts[claim.name]
    assert verdict.status.value in ("proved", "tested"), verdict.explain()


@pytest.mark.parametrize("claim", FALSE, ids=lambda c: c.name)
def test_false_claims_are_never_proved(claim, false_verdicts):
    verdict = false_verdicts[claim.name]
    assert verdict.status.value not in ("proved", "error"), verdict.explain()
    if verdict.status.value == "refuted":
        _assert_real_counterexample(claim, verdict)


@pytest.mark.parametrize("claim", FALSE, ids=lambda c: c.name)
def test_gram_decider_never_proves_a_false_claim(claim):
    try:
        out = decide_gram(prepare(claim))
    except Exception as exc:  # not applicable, or a sympy limit: never a proof
        out = None
        assert "proved" not in str(exc)
    assert out is None or not out.proved, out.evidence.detail


def test_refute_rate(false_verdicts):
    refuted = [n for n, v in false_verdicts.items() if v.status.value == "refuted"]
    assert len(refuted) >= 0.9 * len(FALSE), sorted(set(false_verdicts) - set(refuted))


def test_prove_rate(true_verdicts):
    proved = [n for n, v in true_verdicts.items() if v.status.value == "proved"]
    assert len(proved) >= 0.75 * len(TRUE), sorted(set(true_verdicts) - set(proved))
