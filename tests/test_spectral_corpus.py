"""The spectral corpus through ``check`` under the default budget: no false claim proved, no true claim
refuted, at least 90% of the false refuted (every fact's false twins among them) and at least 75% of the
true proved; a proof by the spectral decider lists the facts it used, with their sources, and they reach
the ``rests on`` evidence (the graph's assumption base)."""
from __future__ import annotations

import pytest

from verify.core.matrix_facts import BY_NAME

from corpus_spectral import CLAIMS, FALSE, TRUE
from parallel import check_all
from test_matrix_facts import TWINS


@pytest.fixture(scope="module")
def verdicts():
    return check_all([claim for _, claim, _ in CLAIMS], seed=0)


def test_corpus_size_and_names():
    assert len(TRUE) >= 30 and len(FALSE) >= 30
    assert len({name for name, _, _ in CLAIMS}) == len(CLAIMS)


def test_no_false_claim_proved_no_true_claim_refuted(verdicts):
    bad = [(name, verdicts[name].status.value) for name, _, truth in CLAIMS
           if (truth and verdicts[name].status.value == "refuted")
           or (not truth and verdicts[name].status.value == "proved")]
    assert not bad, bad


def test_rates(verdicts):
    refuted = [name for name, _, truth in CLAIMS if not truth and verdicts[name].status.value == "refuted"]
    proved = [name for name, _, truth in CLAIMS if truth and verdicts[name].status.value == "proved"]
    assert len(refuted) >= 0.9 * len(FALSE), sorted({c.name for c in FALSE} - set(refuted))
    assert len(proved) >= 0.75 * len(TRUE), sorted({c.name for c in TRUE} - set(proved))


def test_every_false_twin_is_refuted(verdicts):
    for fact, twins in TWINS.items():
        for name in twins:
            assert verdicts[name].status.value == "refuted", (fact, verdicts[name].explain())


def test_issue_targets_are_proved(verdicts):
    for name in ("rayleigh_lower_symbolic", "psd_lambda_max_below_trace", "gauss_newton_thm1_004",
                 "gd_contraction_8_118_sigma", "operator_bound_symbolic", "submultiplicative_op",
                 "op_below_frobenius_symbolic", "weyl_singular_values", "pinv_full_row_rank",
                 "mask_norm_is_inner", "min_of_diagonal_norms"):
        assert verdicts[name].status.value == "proved", verdicts[name].explain()


def test_spectral_proofs_cite_their_facts(verdicts):
    spectral = [v for v in verdicts.values() if v.evidence and v.evidence[0].rule == "spectral"]
    assert len(spectral) >= 20
    for v in spectral:
        cited = v.evidence[0].data["cited_facts"]
        assert cited, v.explain()
        for entry in cited:
            assert entry["source"] == BY_NAME[entry["fact"]].source
        rests = [e for e in v.evidence if e.rule == "rests on"][-1]
        assert {a["fact"] for a in rests.data["axioms"] if "fact" in a} == {e["fact"] for e in cited}


def test_case_split_proof_names_its_cases(verdicts):
    v = verdicts["min_of_diagonal_norms"]
    # the Gram reduction, which runs before the case split, may prove it first; a case split names its cases
    assert v.status.value == "proved", v.explain()
    if v.evidence[0].rule == "minmax":
        assert v.evidence[0].data["cases"] == 2, v.explain()
