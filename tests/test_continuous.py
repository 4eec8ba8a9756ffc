"""The continuous-time rules of the core: the mean value theorem (``nonincreasing``) and Gronwall's comparison
(``gronwall``) prove true claims from ``during`` hypotheses, and their false twins are never proved; a false
one is refuted only with functions satisfying the hypotheses on the whole interval (a point alone cannot
show a hypothesis for every time: tests/test_interval_extension.py)."""
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
    if claim.name in FALSE_WITH_WITNESS:  # false as stated: a function through the violating point refutes it
        assert verdict.status.value == "refuted", verdict.explain()
        assert any(e.rule == "extension" and "each entire" in e.detail for e in verdict.evidence)
    else:
        assert verdict.status.value not in ("proved", "refuted"), verdict.explain()


#: ell = 1 has ell' = 0 >= -2 l0/n ell, and ell(T) = 1 > exp(-l0 T/n); u = exp(-c s) has u(T) > exp(-2 c T)
FALSE_WITH_WITNESS = {"wrong_sign", "gronwall_wrong_sign"}


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


# -- a lemma used inside during: its conclusion at every s, its hypotheses obligations at every s ---------

W, f, g = sp.Function("W"), sp.Function("f"), sp.Function("g")
D_W = sp.Derivative(W(s), s)
PATH = nonincreasing(W(s) - ell(0) * n / l0 * (1 - sp.exp(-l0 * s / n)), s, 0, T)
PATH_BOUND = W(T) <= ell(0) * n / l0 * (1 - sp.exp(-l0 * T / n))


def path_claim(name, *, instance=None, upper=T, stated=DECAY):
    """W' <= ell on [0, upper] and ell(s) <= e^{-l0 s/n} ell(0) at every s (``decay`` used at T := s), so
    W(T) <= ell(0) (n/l0)(1 - e^{-l0 T/n}) by the mean value theorem."""
    instance = use(decay, {T: s}) if instance is None else instance
    speed = during(s, 0, upper, [D_W <= ell(s), instance], differentiable=[W(s)])
    return Claim(name, given=[stated, speed, sp.Eq(W(0), 0)], show=PATH_BOUND, by=PATH)


def test_a_lemma_used_at_every_time_proves_the_path_bound():
    verdict = check(path_claim("path"), seconds=30, seed=0)
    assert verdict.status.value == "proved", verdict.explain()
    obligation = next(e.detail for e in verdict.evidence if e.rule == "obligation")
    assert "use decay with T := s" in obligation and obligation.endswith("is proved")
    rests = next(e for e in verdict.evidence if e.rule == "rests on")
    assert rests.data["lemmas"] == ["decay"]
    assert not any("use decay" in h for h in rests.data["hypotheses"])   # stated: the relations, not the use
    assert path_claim("path").uses == ["decay"]                           # the graph's edge is backed


def test_the_fact_is_guarded_by_the_lemmas_domain():
    from verify.core.rules import interval_use

    fact, obligations = interval_use(during(s, 0, T, []), use(decay, {T: s}))
    assert fact.relations == (sp.Implies(s > 0, ell(s) <= sp.exp(-l0 * s / n) * ell(0)),)   # T is positive
    inner = obligations[0].item                                          # the lemma's hypothesis on [0, s]
    assert obligations[0].guard == (s > 0,) and (inner.lower, inner.upper) == (0, s) and inner.var != s


@pytest.mark.parametrize("claim", [
    # wrong substitution: ell at 2 s is not ell at s (and [0, 2 s] leaves [0, T])
    path_claim("wrong_time", instance=use(decay, {T: 2 * s})),
    # wrong substitution: the rate doubled, so the lemma needs ell' <= -4 l0/n ell, which is not given
    path_claim("wrong_rate", instance=use(decay, {T: s, l0: 2 * l0})),
    # the lemma used on [0, 2 T], its hypotheses given on [0, T] only
    Claim("too_long", given=[DECAY, during(s, 0, 2 * T, [D_W <= ell(s), use(decay, {T: s})], differentiable=[W(s)]),
                             sp.Eq(W(0), 0)],
          show=W(2 * T) <= ell(0) * n / l0 * (1 - sp.exp(-2 * l0 * T / n)),
          by=nonincreasing(W(s) - ell(0) * n / l0 * (1 - sp.exp(-l0 * s / n)), s, 0, 2 * T)),
    # the lemma's hypotheses given with the wrong sign
    path_claim("wrong_hypothesis", stated=during(s, 0, T, [D_ell >= -2 * l0 / n * ell(s), ell(s) >= 0],
                                                  differentiable=[ell(s)])),
])
def test_false_twins_of_a_use_inside_during_are_never_proved(claim):
    verdict = check(claim, seconds=30, seed=0)
    assert verdict.status.value not in ("proved", "refuted"), verdict.explain()
    failed = [e.detail for e in verdict.evidence if e.rule == "obligation" and not e.detail.endswith("is proved")]
    assert any("use decay" in f and "is unknown" in f for f in failed), verdict.explain()   # the use's hypotheses


def test_an_interval_longer_than_the_lemma_allows_is_named():
    short = Claim("short", given=[T <= 1, DECAY], show=ell(T) <= sp.exp(-l0 * T / n) * ell(0), by=MONOTONE)
    claim = Claim("beyond_one", given=[during(s, 0, 2, [D_ell <= -2 * l0 / n * ell(s), ell(s) >= 0,
                                                         use(short, {T: s})], differentiable=[ell(s)])],
                  show=ell(sp.Rational(3, 2)) <= sp.exp(-3 * l0 / (2 * n)) * ell(0))
    verdict = check(claim, seconds=30, seed=0)
    assert verdict.status.value == "unknown", verdict.explain()
    failed = [e.detail for e in verdict.evidence if e.rule == "obligation" and not e.detail.endswith("is proved")]
    assert len(failed) == 1 and "s <= 1" in failed[0], failed
    within = Claim("within_one", given=claim.given, show=ell(sp.Rational(1, 2)) <= sp.exp(-l0 / (2 * n)) * ell(0))
    assert status(within) == "unknown"          # the obligation fails at s in (1, 2], whatever the goal
    inside = Claim("inside_one", given=[during(s, 0, 1, [D_ell <= -2 * l0 / n * ell(s), ell(s) >= 0,
                                                          use(short, {T: s})], differentiable=[ell(s)])],
                   show=ell(sp.Rational(1, 2)) <= sp.exp(-l0 / (2 * n)) * ell(0))
    assert status(inside) == "proved"


def test_a_refuted_lemma_used_inside_during_blocks():
    x = sp.Symbol("x", positive=True)
    wrong = Claim("square_below", show=x ** 2 <= x)                        # false at x = 2
    claim = Claim("uses_wrong", given=[during(s, 0, T, [ell(s) >= 1, use(wrong, {x: ell(s)})])],
                  show=ell(T) ** 2 <= ell(T))
    verdict = check(claim, seconds=30, seed=0)
    assert verdict.status.value == "blocked", verdict.explain()
    assert "square_below" in verdict.message


def test_two_lemmas_used_inside_during_cannot_discharge_each_other():
    t_ = sp.Symbol("t", nonnegative=True)
    f_from_g = Claim("f_from_g", given=[g(t_) >= 1, sp.Eq(f(t_), g(t_))], show=f(t_) >= 1)
    g_from_f = Claim("g_from_f", given=[f(t_) >= 1, sp.Eq(f(t_), g(t_))], show=g(t_) >= 1)
    uses = [use(f_from_g, {t_: s}), use(g_from_f, {t_: s})]
    circular = Claim("circular", given=[during(s, 0, T, [sp.Eq(f(s), g(s)), *uses])], show=f(T / 2) >= 1)
    assert status(circular) not in ("proved", "refuted")                # f = g = 0 satisfies the hypotheses
    chained = Claim("chained", given=[during(s, 0, T, [sp.Eq(f(s), g(s)), g(s) >= 1, *uses])], show=f(T / 2) >= 1)
    assert status(chained) == "proved"


def test_a_lemma_with_index_schemas_inside_during_is_an_error():
    from verify import forall

    j = sp.Symbol("j", integer=True, nonnegative=True)
    E = sp.Function("E")
    rate = Claim("schema_lemma", given=[forall(j, E(j + 1) <= E(j))], show=E(1) <= E(0))
    verdict = check(Claim("schema_inside", given=[during(s, 0, T, [use(rate), ell(s) >= 0])], show=ell(T) >= 0),
                    seconds=10, seed=0)
    assert verdict.status.value == "error" and "given[0]" in verdict.message and "schema" in verdict.message
