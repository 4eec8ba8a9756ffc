"""The continuous-time rules of the core: the mean value theorem (``nonincreasing``) and Gronwall's comparison
(``gronwall``) prove true claims from ``during`` hypotheses, and their false twins are never proved (nor
refuted by a point: a hypothesis for every time cannot be checked at a point)."""
from __future__ import annotations

import pytest
import sympy as sp

from verify import Claim, check, during, gronwall, nonincreasing, use

s = sp.Symbol("s", real=True)
T, c, n, l0 = sp.symbols("T c n lambda_0", positive=True)
ell, u = sp.Function("ell"), sp.Function("u")
D_ell, D_u = sp.Derivative(ell(s), s), sp.Derivative(u(s), s)
DECAY = during(s, 0, T, [D_ell <= -2 * l0 / n * ell(s), ell(s) >= 0], differentiable=[ell(s)])
MONOTONE = nonincreasing(sp.exp(l0 * s / n) * ell(s), s, 0, T)
decay = Claim("decay", given=[DECAY], show=ell(T) <= sp.exp(-l0 * T / n) * ell(0), by=MONOTONE)


def status(claim) -> str:
    return check(claim, seconds=20, seed=0).status.value


def test_mean_value_rule_proves_the_decay_and_cites_its_axiom():
    verdict = check(decay, seconds=20, seed=0)
    assert verdict.status.value == "proved"
    assert verdict.evidence[0].rule == "mean value theorem"
    rests = next(e for e in verdict.evidence if e.rule == "rests on")
    assert [a["name"] for a in rests.data["axioms"]] == ["mean value theorem"]
    assert "Rudin" in rests.data["axioms"][0]["source"]


def test_gronwall_rule_proves_the_constant_rate_bound():
    claim = Claim("g", given=[during(s, 0, T, D_u <= -c * u(s), differentiable=[u(s)])],
                  show=u(T) <= u(0) * sp.exp(-c * T), by=gronwall(u(s), s, 0, T, -c))
    verdict = check(claim, seconds=20, seed=0)
    assert verdict.status.value == "proved"
    assert verdict.evidence[0].rule == "Gronwall's comparison"


def test_a_concrete_monotone_function():
    assert status(Claim("exp_down", show=sp.exp(-T) <= 1, by=nonincreasing(sp.exp(-s), s, 0, T))) == "proved"
    # the false twin has no interval hypothesis, so a point refutes it
    assert status(Claim("exp_up", show=sp.exp(T) <= 1, by=nonincreasing(sp.exp(s), s, 0, T))) == "refuted"


@pytest.mark.parametrize("claim", [
    # the derivative bound with the wrong sign
    Claim("wrong_sign", given=[during(s, 0, T, [D_ell >= -2 * l0 / n * ell(s), ell(s) >= 0], differentiable=[ell(s)])],
          show=ell(T) <= sp.exp(-l0 * T / n) * ell(0), by=MONOTONE),
    # the hypotheses hold on [1, T] only, the rule is asked on [0, T]
    Claim("wrong_interval", given=[during(s, 1, T, [D_ell <= -2 * l0 / n * ell(s), ell(s) >= 0],
                                          differentiable=[ell(s)])],
          show=ell(T) <= sp.exp(-l0 * T / n) * ell(0), by=MONOTONE),
    # differentiability not declared
    Claim("not_differentiable", given=[during(s, 0, T, [D_ell <= -2 * l0 / n * ell(s), ell(s) >= 0])],
          show=ell(T) <= sp.exp(-l0 * T / n) * ell(0), by=MONOTONE),
    # Gronwall with the wrong exponent sign
    Claim("gronwall_wrong_sign", given=[during(s, 0, T, D_u <= -c * u(s), differentiable=[u(s)])],
          show=u(T) <= u(0) * sp.exp(-2 * c * T), by=gronwall(u(s), s, 0, T, c)),
    # a rate that is not continuous (not integrable) on [0, T]
    Claim("gronwall_rate_1_over_s", given=[during(s, 0, T, D_u <= u(s) / s, differentiable=[u(s)])],
          show=u(T) <= u(0) * T, by=gronwall(u(s), s, 0, T, 1 / s)),
])
def test_false_twins_are_never_proved(claim):
    verdict = check(claim, seconds=20, seed=0)
    assert verdict.status.value not in ("proved", "refuted"), verdict.message


def test_a_pole_inside_the_interval_is_not_differentiable():
    # d/ds 1/(s - 1) = -1/(s - 1)**2 <= 0 wherever it is defined, yet 1/(s - 1) jumps up at s = 1
    claim = Claim("pole", given=[T >= 2], show=1 / (T - 1) <= -1, by=nonincreasing(1 / (s - 1), s, 0, T))
    verdict = check(claim, seconds=20, seed=0)
    assert verdict.status.value == "refuted"
    assert any("Ne(s - 1, 0)" in e.detail and "proved" not in e.detail.split(":")[-1][:8]
               for e in verdict.evidence if e.rule.endswith("obligation"))


def test_use_makes_the_interval_hypotheses_obligations():
    stronger = during(s, 0, T, [D_ell <= -3 * l0 / n * ell(s), ell(s) >= 0], differentiable=[ell(s)])
    assert status(Claim("use_ok", given=[stronger, use(decay)], show=ell(T) <= sp.exp(-l0 * T / n) * ell(0))) \
        == "proved"
    weaker = during(s, 0, T, [ell(s) >= 0], differentiable=[ell(s)])
    assert status(Claim("use_bad", given=[weaker, use(decay)], show=ell(T) <= sp.exp(-l0 * T / n) * ell(0))) \
        != "proved"


def test_the_rule_variable_is_bound():


    with pytest.raises(ValueError):
        nonincreasing(sp.exp(-s), s, 0, s + 1)
    with pytest.raises(ValueError):
        during(s, 0, T, [ell(s) >= 0], differentiable=[ell(s + 1)])


def test_gronwall_with_a_time_dependent_rate():
    claim = Claim("g_time", given=[during(s, 0, T, D_u <= -s * u(s), differentiable=[u(s)])],
                  show=u(T) <= u(0) * sp.exp(-T ** 2 / 2), by=gronwall(u(s), s, 0, T, -s))
    verdict = check(claim, seconds=20, seed=0)
    assert verdict.status.value == "proved"
    # the antiderivative log(s - 2) of 1/(s - 2) is not differentiable on [0, T]: the rule does not apply
    pole = Claim("g_pole", given=[during(s, 0, T, D_u <= u(s) / (s - 2), differentiable=[u(s)])],
                 show=u(T) <= u(0) * (2 - T) / 2, by=gronwall(u(s), s, 0, T, 1 / (s - 2)))
    assert check(pole, seconds=20, seed=0).status.value not in ("proved", "refuted")
