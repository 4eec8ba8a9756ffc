"""Nonlinear real arithmetic with z3 (nlsat).

The negated goal and the hypotheses are translated to z3. Division ``1/q`` becomes a fresh ``r`` with
``r*q == 1`` (so points where a denominator vanishes are excluded: claims hold where defined);
``sqrt(u)`` a fresh ``s >= 0`` with ``s*s == u``, and ``u**(p/q)`` for ``u >= 0`` likewise ``r**p`` with
``r >= 0``, ``r**q == u``; ``Abs``/``Max``/``Min``/``Piecewise`` exact ``If``
terms. Other functions (``exp``, ``log``, ``erf``, ``q**k``, sums, unknown functions) are abstracted
as fresh reals constrained only by sound facts (``exp(u) > 0``; Taylor bounds: ``exp(u) >= 1 + u``
and ``>= 1 + u + u^2/2 + u^3/6`` everywhere, the quartic one for ``u >= 0``, ``exp(u) <= 1 + u + u^2/2``
for ``u <= 0``, ``exp(u) (1 - u) <= 1`` for ``u < 1``, ``exp(u) exp(-u) = 1``;
``1 - 1/u <= log(u) <= u - 1`` and ``log(u) >= (u - 1) - (u - 1)^2/2`` for ``u >= 1``;
``-1 < erf(u) < 1``; the sign sympy knows), two values of one increasing function (``exp``,
``log``, ``erf``, a root) are ordered as their arguments are, and a few values of ``exp`` (``log``)
obey ``exp(a) exp(b) = exp(a + b)`` (``log a + log b = log ab``, where defined). ``unsat`` proves the claim (an
abstraction only loses information); a model is a candidate counterexample, used only when nothing
was abstracted, and the kernel re-checks it exactly.
"""
from __future__ import annotations

from fractions import Fraction

import sympy as sp
import z3
from sympy.core.relational import Relational
from sympy.matrices.expressions.matexpr import MatrixExpr

from ..verdicts import Evidence
from .base import NotApplicable, Outcome, plain_hypotheses


#: evidence data key: the facts a proof rests on beyond the hypotheses, ``[{"relation", "source"}]``
CITED_FACTS = "cited_facts"
EXP_FACTS = ("exp(u) > 0, exp(u) >= 1 + u, exp(u) >= 1 + u + u**2/2 + u**3/6, exp(u) >= 1 + u + u**2/2 + u**3/6 "
             "+ u**4/24 if u >= 0, exp(u) <= 1 + u + u**2/2 if u <= 0, exp(u)*(1 - u) <= 1 if u < 1, "
             "exp(u)*exp(-u) = 1; here u = {u}")
EXP_SOURCE = "Taylor's theorem for exp with the Lagrange remainder (standard analysis)"
LOG_FACTS = "1 - 1/u <= log(u) <= u - 1 and log(u) >= (u - 1) - (u - 1)**2/2 if u >= 1, for u > 0; here u = {u}"
LOG_SOURCE = "log is concave with log(1) = 0 and log'(1) = 1; Taylor's theorem for log(1 + t) (standard analysis)"
MONOTONE_SOURCE = "exp, log, erf and real roots are strictly increasing (standard analysis)"
SIGN_SOURCE = "the sign sympy's assumptions give the term"


class _Reciprocal(tuple):
    """Cache key of ``1/base``."""

    def __new__(cls, base: sp.Basic) -> "_Reciprocal":
        return super().__new__(cls, (base,))


class _Translator:
    def __init__(self, relax_integers: bool) -> None:
        self.vars: dict[sp.Basic, z3.ArithRef] = {}
        self.side: list[z3.BoolRef] = []
        self.domain: list[z3.BoolRef] = []  # the symbols' signs: they hold everywhere, never guarded
        self.abstracted: list[str] = []
        #: the facts given to z3 about the abstracted terms, each with its source (a proof rests on them)
        self.cited: dict[str, str] = {}
        self.relax = relax_integers
        # a context of its own: z3's search order follows its term ids, so in a shared context a call's
        # answer (and whether it honours its timeout) depended on what the process had asked before
        self.ctx = z3.Context()
        self._recip: dict[sp.Basic, z3.ArithRef] = {}
        self._n = 0
        self._names: set[str] = set()  # z3 names in use: user symbols and internal ones never share one
        # inside Or/Not/Implies a term may be undefined (1/0, sqrt(-1), log(0)) while the formula still has
        # a value (Or(x <= 0, log(x) >= 1) at x = -1): there its definedness is not imposed on the point
        self._optional = 0
        # increasing functions seen, by family: (argument, value) pairs for the monotonicity facts
        self.monotone: dict[object, list[tuple[z3.ArithRef, z3.ArithRef]]] = {}
        self.exponentials: list[tuple[z3.ArithRef, z3.ArithRef]] = []  # exp(u) = v, for exp(u) exp(-u) = 1
        self.logarithms: list[tuple[z3.ArithRef, z3.ArithRef]] = []    # log(u) = v

    def defined(self, *facts: z3.BoolRef) -> None:
        """Facts that restrict the point to where a term is defined (``q != 0`` for ``1/q``, ...):
        imposed outright, or under Or/Not/Implies only as an option z3 may decline."""
        if self._optional:
            self._n += 1
            self.side.append(z3.Implies(z3.Bool(self._unique(f"_defined{self._n}"), self.ctx), z3.And(*facts)))
        else:
            self.side.extend(facts)

    def _key(self, e: sp.Basic) -> object:
        """Cache key of a term: one whose definedness is optional here (a reciprocal, a log) is a term
        of its own, so that a use elsewhere, where it must be defined, states that again."""
        return ("optional", e) if self._optional and isinstance(e, (sp.log, _Reciprocal)) else e

    def _unique(self, name: str) -> str:
        """``name``, or ``name`` with a suffix, so that no two z3 constants share a name (a user symbol
        called ``_sqrt1`` must not become the internal square root ``_sqrt1``)."""
        candidate, extra = name, 0
        while candidate in self._names:
            extra += 1
            candidate = f"{name}'{extra}"
        self._names.add(candidate)
        return candidate

    def fresh(self, hint: str) -> z3.ArithRef:
        self._n += 1
        return z3.Real(self._unique(f"_{hint}{self._n}"), self.ctx)

    def symbol(self, s: sp.Symbol) -> z3.ArithRef:
        if s not in self.vars:
            name = self._unique(s.name)  # also two sympy symbols of one name (x and positive x) stay apart
            v = z3.Int(name, self.ctx) if (s.is_integer and not self.relax) else z3.Real(name, self.ctx)
            self.vars[s] = v
            if s.is_positive:
                # a positive integer is at least 1, which the relaxed (real) run would otherwise lose
                self.domain.append(v >= 1 if s.is_integer else v > 0)
            elif s.is_nonnegative:
                self.domain.append(v >= 0)
            elif s.is_negative:
                self.domain.append(v <= -1 if s.is_integer else v < 0)
            elif s.is_nonpositive:
                self.domain.append(v <= 0)
        return self.vars[s]

    def atom(self, e: sp.Basic) -> z3.ArithRef:
        """An opaque real standing for ``e``, with the sound facts we know about it."""
        if self._key(e) in self.vars:
            return self.vars[self._key(e)]
        v = self.fresh("atom")
        self.vars[self._key(e)] = v
        self.abstracted.append(str(e))
        if e.is_positive:
            self.side.append(v > 0)
            self.cite(f"{e} > 0", SIGN_SOURCE)
        elif e.is_nonnegative:
            self.side.append(v >= 0)
            self.cite(f"{e} >= 0", SIGN_SOURCE)
        elif e.is_negative:
            self.side.append(v < 0)
            self.cite(f"{e} < 0", SIGN_SOURCE)
        if isinstance(e, sp.exp):
            self.cite_exp(str(e.args[0]))
            self._exp_facts(_real(self.expr(e.args[0])), v)
        elif e == sp.E:
            self.cite_exp("1")
            self._exp_facts(z3.RealVal(1, self.ctx), v)
        elif isinstance(e, sp.Pow) and e.base.is_positive:
            # b**c = exp(c log b) for b > 0
            self.cite(f"{e} = exp(({e.exp})*log({e.base})) for {e.base} > 0", "definition of the real power")
            self.cite_exp(f"({e.exp})*log({e.base})")
            self.cite(LOG_FACTS.format(u=e.base), LOG_SOURCE)
            self._exp_facts(_real(self.expr(e.exp)) * _real(self.expr(sp.log(e.base))), v)
        elif isinstance(e, sp.log):
            u = _real(self.expr(e.args[0]))
            # 1 - 1/u <= log u <= u - 1 (written without division), and log(1 + t) >= t - t^2/2 for t >= 0
            self.defined(u > 0)
            self.cite(LOG_FACTS.format(u=e.args[0]), LOG_SOURCE)
            self.side += [v <= u - 1, v * u >= u - 1,
                          z3.Implies(u >= 1, v >= (u - 1) - (u - 1) * (u - 1) / 2)]
            self._increasing("log", u, v)
            self.logarithms.append((u, v))
        elif isinstance(e, sp.erf):
            self.cite(f"-1 < {e} < 1", "erf is increasing with limits -1 and 1 (standard)")
            self.side += [v > -1, v < 1]
            self._increasing("erf", self.expr(e.args[0]), v)
        return v

    def cite(self, relation: str, source: str) -> None:
        """Record a fact given to z3 about an abstracted term, so the evidence lists it."""
        self.cited.setdefault(relation, source)

    def cite_exp(self, u: str) -> None:
        self.cite(EXP_FACTS.format(u=u), EXP_SOURCE)

    def _exp_facts(self, u: z3.ArithRef, v: z3.ArithRef) -> None:
        """Facts about ``v = exp(u)``. Taylor: odd partial sums are below exp everywhere, all of them
        for u >= 0, and the even ones above it for u <= 0; 1/(1 - u) is above it for u < 1."""
        t2 = 1 + u + u * u / 2
        t3 = t2 + u * u * u / 6
        t4 = t3 + u * u * u * u / 24
        self.side += [v > 0, v >= 1 + u, v >= t3, z3.Implies(u >= 0, v >= t4),
                      z3.Implies(u <= 0, v <= t2), z3.Implies(u < 1, v * (1 - u) <= 1)]
        self._increasing("exp", u, v)
        for u2, v2 in self.exponentials:
            self.side.append(z3.Implies(u + u2 == 0, v * v2 == 1))
        self.exponentials.append((u, v))

    def functional_equations(self, most: int = 5) -> None:
        """exp(a) exp(b) = exp(a + b) and log(a) + log(b) = log(ab) among the values seen (also with
        a square: exp(a) exp(b) = exp((a + b)/2)^2), when there are at most ``most`` of each."""
        ex, lg = self.exponentials, self.logarithms
        if 1 < len(ex) <= most:
            self.cite("exp(a)*exp(b) = exp(a + b) among the values of exp seen", EXP_SOURCE)
        if 1 < len(lg) <= most:
            self.cite("log(a) + log(b) = log(a*b) for a, b > 0 among the values of log seen", LOG_SOURCE)
        if 1 < len(ex) <= most:
            self.cite("exp is strictly increasing, so exp(a)^2 = exp(2a) <= exp(b) when 2a <= b", MONOTONE_SOURCE)
        if len(ex) <= most:
            for (ui, vi) in ex:
                for (uj, vj) in ex:
                    if ui is not uj:  # exp(a)^2 = exp(2a), ordered against exp(b) as 2a against b
                        self.side += [z3.Implies(2 * ui <= uj, vi * vi <= vj), z3.Implies(2 * ui >= uj, vi * vi >= vj)]
                    for (uk, vk) in ex:
                        self.side += [z3.Implies(ui + uj == uk, vi * vj == vk),
                                      z3.Implies(ui + uj == 2 * uk, vi * vj == vk * vk)]
        if len(lg) <= most:
            for (ui, vi) in lg:
                for (uj, vj) in lg:
                    for (uk, vk) in lg:
                        defined = z3.And(ui > 0, uj > 0)
                        self.side += [z3.Implies(z3.And(defined, ui * uj == uk), vi + vj == vk),
                                      z3.Implies(z3.And(defined, uk > 0, ui * uj == uk * uk), vi + vj == 2 * vk)]

    def _increasing(self, family: object, u: z3.ArithRef, v: z3.ArithRef) -> None:
        """Record ``v = g(u)`` for a strictly increasing ``g``: with every earlier value of the same
        ``g``, ``u <= u'`` implies ``v <= v'`` and ``u < u'`` implies ``v < v'``."""
        seen = self.monotone.setdefault(family, [])
        if seen:
            name = f"the {family[1]}-th root" if isinstance(family, tuple) else family
            self.cite(f"{name} is strictly increasing: its values are ordered as its arguments", MONOTONE_SOURCE)
        for u2, v2 in seen:
            self.side += [z3.Implies(u <= u2, v <= v2), z3.Implies(u2 <= u, v2 <= v),
                          z3.Implies(u < u2, v < v2), z3.Implies(u2 < u, v2 < v)]
        seen.append((u, v))

    def _mark(self) -> tuple[int, set, set]:
        return len(self.side), set(self.vars), set(self._recip)

    def _guard(self, before: tuple[int, set, set], where: z3.BoolRef) -> None:
        """Side conditions added since ``before`` hold only ``where`` (a Piecewise branch is selected).
        Terms cached meanwhile are forgotten, so a later use outside the branch states its facts again."""
        n, known, recips = before
        self.side[n:] = [z3.Implies(where, f) for f in self.side[n:]]
        for e in [e for e in self.vars if e not in known and not isinstance(e, sp.Symbol)]:
            del self.vars[e]
        for e in [e for e in self._recip if e not in recips]:
            del self._recip[e]

    def _root_power(self, base: sp.Basic, p: int, q: int, always: bool) -> z3.ArithRef:
        """``base**(p/q)`` as ``r**p`` with ``r >= 0``, ``r**q == base`` (the real q-th root); the facts
        are imposed outright when ``always``, else only where the root is defined (``self.defined``)."""
        impose = self.side.extend if always else (lambda facts: self.defined(*facts))
        r = self.fresh("sqrt" if q == 2 else "root")
        u = self.expr(base)
        impose([r >= 0, _product(r, q) == u])
        self._increasing(("root", q), u, r)
        unit = r
        if p < 0:
            unit = self.fresh("inv")
            impose([unit * r == 1])
        return _product(unit, abs(p))

    def reciprocal(self, base: sp.Basic) -> z3.ArithRef:
        key = self._key(_Reciprocal(base))
        if key not in self._recip:
            r = self.fresh("inv")
            self.defined(r * self.expr(base) == 1)
            self._recip[key] = r
        return self._recip[key]

    def expr(self, e: sp.Basic) -> z3.ArithRef:
        if isinstance(e, MatrixExpr):
            # a matrix term as an opaque commuting real would prove (A B)^T = A^T B^T: not scalar arithmetic
            raise NotApplicable(f"the matrix-valued term {e} is not scalar arithmetic")
        if isinstance(e, sp.Symbol):
            return self.symbol(e)
        if e.is_Integer:
            return z3.RealVal(int(e), self.ctx)  # a real constant: products with real terms stay real arithmetic
        if e.is_Rational:
            return z3.RealVal(Fraction(int(e.p), int(e.q)), self.ctx)
        if isinstance(e, sp.Add):
            return z3.Sum([self.expr(a) for a in e.args])
        if isinstance(e, sp.Mul):
            out = self.expr(e.args[0])
            for a in e.args[1:]:
                out = out * self.expr(a)
            return out
        if isinstance(e, sp.Pow):
            base, exp = e.args
            if exp.is_Integer:
                n = int(exp)
                if n == 0:
                    return z3.RealVal(1, self.ctx)
                return _product(self.expr(base) if n > 0 else self.reciprocal(base), abs(n))
            if exp.is_Rational and (exp.q == 2 or base.is_nonnegative):
                # a square root's facts hold only where it is defined; a root of a base known to be
                # non-negative is always defined
                return self._root_power(base, int(exp.p), int(exp.q), always=exp.q != 2)
            return self.atom(e)
        if isinstance(e, sp.Abs):
            u = self.expr(e.args[0])
            return z3.If(u >= 0, u, -u)
        if isinstance(e, (sp.Max, sp.Min)):
            args = [self.expr(a) for a in e.args]
            out = args[0]
            for a in args[1:]:
                out = z3.If(a > out, a, out) if isinstance(e, sp.Max) else z3.If(a < out, a, out)
            return out
        if isinstance(e, sp.Piecewise):
            # a branch is evaluated only where it is selected: the side conditions its translation adds
            # (a denominator is not zero, a root's base is not negative, ...) hold only there
            conds: list[z3.BoolRef] = []
            values: list[z3.ArithRef] = []
            earlier: list[z3.BoolRef] = []
            for val, cond in e.args:
                before = self._mark()
                c = z3.BoolVal(True, self.ctx) if cond is sp.true else self.boolean(cond)
                self._guard(before, z3.Not(z3.Or(earlier)) if earlier else z3.BoolVal(True, self.ctx))
                before = self._mark()
                v = self.expr(val)
                self._guard(before, z3.And(z3.Not(z3.Or(earlier)), c) if earlier else c)
                conds.append(c)
                values.append(v)
                earlier.append(c)
            out = values[-1]
            for v, c in zip(reversed(values[:-1]), reversed(conds[:-1])):
                out = z3.If(c, v, out)
            return out
        if e.is_number:
            if e.is_real is False:
                raise NotApplicable(f"non-real constant {e}")
            return self.atom(e)
        if isinstance(e, sp.Expr):
            return self.atom(e)
        raise NotApplicable(f"cannot translate {e!r}")

    def boolean(self, b: sp.Basic) -> z3.BoolRef:
        if b is sp.true:
            return z3.BoolVal(True, self.ctx)
        if b is sp.false:
            return z3.BoolVal(False, self.ctx)
        if isinstance(b, Relational):
            lhs, rhs = self.expr(b.lhs), self.expr(b.rhs)
            return {"==": lhs == rhs, "!=": lhs != rhs, "<=": lhs <= rhs, "<": lhs < rhs,
                    ">=": lhs >= rhs, ">": lhs > rhs}[b.rel_op]
        if isinstance(b, sp.And):
            return z3.And([self.boolean(a) for a in b.args])
        if isinstance(b, (sp.Or, sp.Not, sp.Implies)):
            self._optional += 1
            try:
                args = [self.boolean(a) for a in b.args]
            finally:
                self._optional -= 1
            if isinstance(b, sp.Or):
                return z3.Or(args)
            return z3.Not(args[0]) if isinstance(b, sp.Not) else z3.Implies(args[0], args[1])
        raise NotApplicable(f"cannot translate {b!r}")


def _product(x: z3.ArithRef, n: int) -> z3.ArithRef:
    """``x * x * ... * x`` (``n >= 1`` factors)."""
    out = x
    for _ in range(n - 1):
        out = out * x
    return out


def _real(v: z3.ArithRef) -> z3.ArithRef:
    """An integer term as a real one (z3's ``/`` on two integers is integer division)."""
    return z3.ToReal(v) if z3.is_int(v) else v


def _value(v: z3.ExprRef) -> sp.Expr:
    if z3.is_rational_value(v):
        return sp.Rational(v.numerator_as_long(), v.denominator_as_long())
    if z3.is_int_value(v):
        return sp.Integer(v.as_long())
    if z3.is_algebraic_value(v):
        # an algebraic number: the index-th real root (1-based, ascending) of an integer polynomial
        t = sp.Dummy("t")
        poly = sp.Poly([int(str(c)) for c in reversed(v.poly())], t)
        return sp.CRootOf(poly, v.index() - 1)
    raise NotApplicable(f"model value {v} is not a number")


def _run(problem, relax: bool, timeout_ms: int) -> Outcome | None:
    tr = _Translator(relax)
    if problem.schemas:
        # dropping a hypothesis is sound for a proof; a model may then violate it, so none is reported
        tr.abstracted.append("the quantified hypotheses (dropped)")
    solver = z3.Solver(ctx=tr.ctx)
    solver.set("timeout", timeout_ms)
    hyps = [tr.boolean(h) for h in problem.hyps if isinstance(h, sp.Basic)]
    negated = z3.Not(tr.boolean(problem.goal))
    tr.functional_equations()
    solver.add(*hyps)
    solver.add(negated)
    solver.add(*tr.side, *tr.domain)
    answer = solver.check()
    kind = "reals" if relax else "integers kept"
    if answer == z3.unsat:
        abstr = f"; abstracted as opaque reals: {', '.join(tr.abstracted)}" if tr.abstracted else ""
        facts = [{"relation": r, "source": src} for r, src in tr.cited.items()]
        used = ("; facts about them given to z3 (the proof rests on these): "
                + "; ".join(f"{f['relation']} [{f['source']}]" for f in facts)) if facts else ""
        return Outcome("z3", True, Evidence(
            "z3", f"z3 nlsat: hypotheses and the negated conclusion are unsat ({kind}){abstr}{used}",
            {"answer": "unsat", "abstracted": tr.abstracted, CITED_FACTS: facts}))
    if answer == z3.sat and not tr.abstracted:
        model = solver.model()
        point = {}
        for s, v in tr.vars.items():
            if isinstance(s, sp.Symbol):
                val = model.eval(v, model_completion=True)
                point[s] = _value(val)
        return Outcome("z3", False, Evidence("z3", "z3 found a model of the negated conclusion"), candidate=point)
    return None


def decide_z3(problem, timeout_ms: int = 3000) -> Outcome | None:
    """unsat of hypotheses + not(goal) proves the claim; a model is a candidate counterexample."""
    has_int = any(s.is_integer for s in problem.symbols)
    out = _run(problem, relax=True, timeout_ms=timeout_ms)
    if out is not None and (out.proved or not has_int):
        return out
    if has_int:
        out2 = _run(problem, relax=False, timeout_ms=timeout_ms)
        if out2 is not None:
            return out2
    return out
