"""A safe parser for claims typed on the command line (``verify check "EXPR" --given ...``).

User text is never evaluated as Python. It is parsed with :mod:`ast` and the tree is walked by
hand; only these constructs are accepted:

* numbers, read from the text as written (``0.5`` is the exact rational ``1/2``,
  ``1.00000000000000001`` and ``1e-400`` are what they say, never a Python float), and names
  (NFKC-normalised as Python does, so ``µ`` is ``μ``; each name is a sympy
  symbol, real unless declared otherwise; ``pi`` and ``E`` are the constants, lower-case ``e`` is a
  symbol; ``I``, ``oo``, ``zoo``, ``nan`` are refused, since claims are about finite real numbers);
* ``+ - * / ** ^`` (``^`` is read as a power, as on paper) and unary ``+ -``;
* comparisons ``< <= > >= == !=``, chained comparisons (``0 <= x <= 1``), ``and``/``or``/``not``;
* calls of the whitelisted functions in :data:`FUNCTIONS` with positional arguments, and
  ``Sum(expr, (k, a, b))``.

Everything else (attribute access, subscripts, strings, lambdas, keywords, names that start with
an underscore such as ``__import__``) is rejected with a :class:`ParseError` that says where and
what is allowed. Literal powers with huge exponents are refused so that parsing cannot hang.
"""
from __future__ import annotations

import ast
import difflib
import math
import re
import unicodedata
from typing import Any, Iterable, Mapping

import sympy as sp

from .core import linalg as la

#: Functions a user may call, by the name they type.
FUNCTIONS: dict[str, Any] = {
    "exp": sp.exp, "log": sp.log, "ln": sp.log, "sqrt": sp.sqrt, "Abs": sp.Abs, "abs": sp.Abs,
    "Max": sp.Max, "max": sp.Max, "Min": sp.Min, "min": sp.Min, "erf": sp.erf, "erfc": sp.erfc,
    "sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "asin": sp.asin, "acos": sp.acos, "atan": sp.atan,
    "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "floor": sp.floor, "ceiling": sp.ceiling,
    "factorial": sp.factorial, "binomial": sp.binomial, "Rational": sp.Rational,
}
#: Functions of vectors and matrices (declared with ``--vector`` / ``--matrix``), by the name they type.
LINALG_FUNCTIONS: dict[str, Any] = {
    "norm": la.norm, "inner": la.inner, "op_norm": la.op_norm, "sigma_min": la.sigma_min,
    "sigma_max": la.sigma_max, "lambda_min": la.lambda_min, "lambda_max": la.lambda_max, "trace": la.trace,
    "outer": la.outer, "transpose": sp.transpose,
}
FUNCTIONS.update(LINALG_FUNCTIONS)
#: The structures ``--vector`` and ``--matrix`` accept (see :func:`make_arrays`).
VECTOR_KINDS = ("general", "unit")
MATRIX_KINDS = ("general", "symmetric", "psd", "orthogonal", "diagonal")
#: Names that mean constants rather than symbols.
CONSTANTS: dict[str, Any] = {"pi": sp.pi, "E": sp.E}
#: Names refused outright: claims are about finite real numbers (no infinities, NaN or ``I``).
NOT_REAL: dict[str, str] = {"I": "the imaginary unit", "oo": "infinity", "zoo": "complex infinity",
                            "nan": "not a number", "NaN": "not a number", "inf": "infinity",
                            "Infinity": "infinity"}
#: Relation functions a user may reach for; the hint says which operator to write instead.
RELATIONS = {"Eq": "==", "Ne": "!=", "Le": "<=", "Lt": "<", "Ge": ">=", "Gt": ">"}
#: Assumption keywords accepted by :func:`make_symbols`.
ASSUMPTIONS = ("positive", "nonnegative", "negative", "nonpositive", "integer", "real")

MAX_LENGTH = 4000
MAX_EXPONENT = 1000
MAX_DIGITS = 200
MAX_RESULT_DIGITS = 20000
MAX_DEPTH = 200
MAX_DECIMAL_EXPONENT = 1000  # 1e1000 is written out exactly; 1e100000 would be a 100001-digit integer
_DECIMAL = re.compile(r"(?P<mantissa>[0-9_]*\.?[0-9_]*)(?:[eE](?P<exponent>[+-]?[0-9_]+))?")

_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)
_COMPARE = {ast.Lt: sp.Lt, ast.LtE: sp.Le, ast.Gt: sp.Gt, ast.GtE: sp.Ge, ast.Eq: sp.Eq,
            ast.NotEq: sp.Ne}


class ParseError(ValueError):
    """The text is not an allowed expression; the message says where and why."""


def make_symbols(declared: Mapping[str, Iterable[str]]) -> dict[str, sp.Symbol]:
    """Symbols from ``{"positive": ["mu", "L"], "integer": ["k"], ...}``; names may repeat across
    keywords (``k`` integer and nonnegative). Every symbol is real."""
    merged: dict[str, dict[str, bool]] = {}
    for kind, names in declared.items():
        if kind not in ASSUMPTIONS:
            raise ParseError(f"unknown assumption {kind!r}; use one of {', '.join(ASSUMPTIONS)}")
        for name in names:
            name = normalise_name(name)
            _check_name(name, f"--{kind}")
            if name in NOT_REAL:
                raise ParseError(f"--{kind}: {_not_real(name)}")
            merged.setdefault(name, {"real": True})[kind] = True
    out = {}
    for name, assumptions in merged.items():
        try:
            out[name] = sp.Symbol(name, **assumptions)
        except Exception:  # sympy's InconsistentAssumptions: its message is a long dict, not shown
            kinds = [k for k in assumptions if k != "real"]
            clash = next(((a, b) for i, a in enumerate(kinds) for b in kinds[i + 1:]
                          if not _consistent(name, a, b)), None)
            options = " and ".join(f"--{k}" for k in (clash or kinds))
            raise ParseError(f"symbol {name!r}: inconsistent assumptions: {options} "
                             "contradict each other") from None
    return out


def make_arrays(vectors: Iterable[str] = (), matrices: Iterable[str] = ()) -> dict[str, Any]:
    """Vector and matrix symbols from specs typed on the command line: ``x:3`` or ``x:3:unit`` (a
    vector of dimension 3), ``A:3x3``, ``A:3:psd`` (square) or ``A:2x3`` (a matrix and its structure,
    one of :data:`MATRIX_KINDS`). A dimension may be a name (``x:n``): a positive integer symbol."""
    out: dict[str, Any] = {}
    for spec in vectors:
        name, dims, kind = _spec(spec, "--vector", VECTOR_KINDS)
        if len(dims) != 1:
            raise ParseError(f"--vector {spec!r}: give one dimension, e.g. x:3 (a matrix is --matrix A:3x3)")
        out[name] = la.Vector(name, dims[0], structure=kind)
    for spec in matrices:
        name, dims, kind = _spec(spec, "--matrix", MATRIX_KINDS)
        rows, cols = (dims[0], dims[0]) if len(dims) == 1 else dims
        try:
            out[name] = la.Matrix(name, rows, cols, structure=kind)
        except ValueError as exc:
            raise ParseError(f"--matrix {spec!r}: {exc}") from None
    return out


def _spec(spec: str, option: str, kinds: tuple[str, ...]) -> tuple[str, list, str]:
    parts = normalise_name(spec).split(":")
    example = "x:3 or x:3:unit" if option == "--vector" else "A:3x3, A:3:psd or A:2x3"
    if len(parts) not in (2, 3) or not parts[0]:
        raise ParseError(f"{option} {spec!r}: write NAME:DIMENSION[:STRUCTURE], e.g. {example}")
    name = parts[0]
    _check_name(name, option)
    kind = parts[2] if len(parts) == 3 else "general"
    if kind not in kinds:
        close = difflib.get_close_matches(kind, kinds, n=1)
        raise ParseError(f"{option} {spec!r}: unknown structure {kind!r}"
                         + (f" (did you mean {close[0]!r}?)" if close else "") + f"; use one of {', '.join(kinds)}")
    dims = []
    for text in parts[1].split("x") if parts[1] and not parts[1].isidentifier() else [parts[1]]:
        if text.isdigit() and int(text) >= 1:
            dims.append(int(text))
        elif text.isidentifier() and not text.startswith("_"):
            dims.append(sp.Symbol(text, integer=True, positive=True))
        else:
            raise ParseError(f"{option} {spec!r}: the dimension {text!r} is not a positive whole number or a name; "
                             f"e.g. {example}")
    if len(dims) > 2:
        raise ParseError(f"{option} {spec!r}: at most two dimensions (rows x cols)")
    return name, dims, kind


def normalise_name(name: str) -> str:
    """A symbol name as Python's parser reads it (NFKC: the micro sign ``µ`` is ``μ``, ``ｍｕ`` is ``mu``),
    so that a name declared with ``--positive`` is the name used in the expression."""
    return unicodedata.normalize("NFKC", name) if isinstance(name, str) else name


def _consistent(name: str, *kinds: str) -> bool:
    try:
        sp.Symbol(name, real=True, **{k: True for k in kinds})
    except Exception:
        return False
    return True


def parse(text: str, symbols: Mapping[str, sp.Symbol] | None = None, *, where: str = "expression",
          used: set[str] | None = None, bound: set[str] | None = None,
          power_bases: set[str] | None = None) -> Any:
    """Parse ``text`` into a sympy expression or relation; unknown names become real symbols.

    ``symbols`` gives declared symbols by name (see :func:`make_symbols`); ``where`` names the place
    in error messages (e.g. ``"--given 2"``); the name of every symbol met (a ``Sum`` index too) is
    added to ``used`` when it is given, the name of every ``Sum`` index to ``bound``, and every
    undeclared name used as the base of a power (``e**x``) to ``power_bases``.
    """
    if not isinstance(text, str):
        raise ParseError(f"{where}: expected text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise ParseError(f"{where}: longer than {MAX_LENGTH} characters")
    if not text.strip():
        raise ParseError(f"{where}: empty")
    # ``^`` means a power, with a power's precedence: rewrite it before Python parses the text
    # (strings are rejected anyway, so no ``^`` inside a literal can be changed by this)
    source = text.strip().replace("^", "**")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        col = f" at column {exc.offset}" if exc.offset else ""
        raise ParseError(f"{where}: syntax error{col}: {exc.msg}{_syntax_hint(text)}") from None
    except (RecursionError, MemoryError):  # Python's own parser gives up on deep nesting (3000 minus signs)
        raise ParseError(f"{where}: expression nested too deeply") from None
    walker = _Walker(dict(symbols or {}), where, source)
    result = walker.visit(tree.body, 0)
    if used is not None:
        used.update(walker.used)
    if bound is not None:
        bound.update(walker.bound)
    if power_bases is not None:
        power_bases.update(walker.power_bases)
    return result


def parse_number(text: str) -> sp.Expr:
    """Parse an exact number such as ``"3/7"``, ``"-2"`` or ``"sqrt(2)/2"`` (no symbols allowed)."""
    value = parse(text, where=f"number {text!r}")
    if not isinstance(value, sp.Expr) or value.free_symbols:
        raise ParseError(f"number {text!r}: not a number")
    return value


def _not_real(name: str) -> str:
    return (f"{name!r} ({NOT_REAL[name]}) is not allowed: claims are about finite real numbers; "
            f"the constants are {', '.join(CONSTANTS)}")


def _syntax_hint(text: str) -> str:
    """A hint for the usual slips: ``=`` for ``==``, ``=>``/``=<`` for ``>=``/``<=``."""
    if "=>" in text:
        return "; did you mean >=?"
    if "=<" in text:
        return "; did you mean <=?"
    stripped = text.replace("==", "").replace("<=", "").replace(">=", "").replace("!=", "")
    if "=" in stripped:
        return "; use == for equality"
    return ""


def _check_name(name: str, where: str) -> None:
    if not name.isidentifier() or name.startswith("_"):
        raise ParseError(f"{where}: {name!r} is not an allowed symbol name "
                         "(letters, digits and inner underscores; no leading underscore)")


class _Walker:
    """Turns an allowed ``ast`` tree into sympy objects; anything else is a ``ParseError``."""

    def __init__(self, symbols: dict[str, sp.Symbol], where: str, source: str = "") -> None:
        self.symbols = symbols
        self.where = where
        self.source = source
        self.used: set[str] = set()
        #: names bound as the index of a Sum (not free symbols of the claim)
        self.bound: set[str] = set()
        #: undeclared names used as the base of a power (``e**x``: a symbol, not Euler's number)
        self.power_bases: set[str] = set()
        self.declared = set(symbols)

    def fail(self, node: ast.AST, message: str) -> ParseError:
        col = getattr(node, "col_offset", None)
        at = f" (column {col + 1})" if col is not None else ""
        return ParseError(f"{self.where}{at}: {message}")

    def visit(self, node: ast.AST, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(node, "expression nested too deeply")
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is None:
            raise self.fail(node, f"{_describe(node)} is not allowed; write arithmetic, comparisons "
                                  f"and calls of {', '.join(sorted(FUNCTIONS))}")
        return method(node, depth + 1)

    def visit_Constant(self, node: ast.Constant, depth: int) -> Any:
        value = node.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(node, f"the literal {value!r} is not a number")
        if isinstance(value, int):
            if len(str(abs(value))) > MAX_DIGITS:
                raise self.fail(node, f"integer literal longer than {MAX_DIGITS} digits")
            return sp.Integer(value)
        return self._decimal(node)

    def _decimal(self, node: ast.Constant) -> sp.Rational:
        """The decimal literal exactly as typed: ``1.00000000000000001`` is not 1, ``1e-400`` is not 0
        (Python's float would round the one and underflow the other)."""
        literal = ast.get_source_segment(self.source, node) or ""
        match = _DECIMAL.fullmatch(literal)
        if not match or not any(c.isdigit() for c in match["mantissa"]):
            raise self.fail(node, f"the literal {literal or node.value!r} is not a decimal number")
        exponent = int(match["exponent"] or "0")
        if abs(exponent) > MAX_DECIMAL_EXPONENT:
            raise self.fail(node, f"the literal {literal} has an exponent larger than {MAX_DECIMAL_EXPONENT} "
                                  "in absolute value")
        mantissa = match["mantissa"].replace("_", "")
        if len(mantissa) > MAX_DIGITS:
            raise self.fail(node, f"decimal literal longer than {MAX_DIGITS} digits")
        return sp.Rational(mantissa) * sp.Rational(10) ** exponent

    def visit_Name(self, node: ast.Name, depth: int) -> Any:
        name = node.id
        if name.startswith("_"):
            raise self.fail(node, f"the name {name!r} is not allowed (no leading underscore)")
        if name in FUNCTIONS:
            raise self.fail(node, f"{name!r} is a function; call it, e.g. {name}(x)")
        if name in NOT_REAL:
            raise self.fail(node, _not_real(name))
        if name in self.symbols:
            self.used.add(name)
            return self.symbols[name]
        if name in CONSTANTS:
            return CONSTANTS[name]
        self.used.add(name)
        sym = sp.Symbol(name, real=True)
        self.symbols[name] = sym
        return sym

    def visit_UnaryOp(self, node: ast.UnaryOp, depth: int) -> Any:
        operand = self.visit(node.operand, depth)
        if isinstance(node.op, ast.USub):
            return -self._expr(operand, node)
        if isinstance(node.op, ast.UAdd):
            return self._expr(operand, node)
        if isinstance(node.op, ast.Not):
            return sp.Not(self._boolean(operand, node))
        raise self.fail(node, f"the operator {type(node.op).__name__} is not allowed")

    def visit_BinOp(self, node: ast.BinOp, depth: int) -> Any:
        # ``a + b + c + ...`` is nested to the left in Python's tree: walk that spine in a loop, so a
        # long flat sum or product is not "nested too deeply" (powers nest to the right and recurse)
        spine = [node]
        while not isinstance(spine[-1].op, ast.Pow) and isinstance(spine[-1].left, ast.BinOp) \
                and not isinstance(spine[-1].left.op, ast.Pow):
            spine.append(spine[-1].left)
        for step in spine:
            self._check_operator(step)
        value = self._expr(self.visit(spine[-1].left, depth), spine[-1].left)
        if isinstance(spine[-1].op, ast.Pow):
            self._note_base(spine[-1].left)
        for step in reversed(spine):
            value = self._apply(step, value, self._expr(self.visit(step.right, depth), step.right))
        return value

    def _note_base(self, node: ast.AST) -> None:
        if isinstance(node, ast.Name) and node.id not in self.declared and node.id not in CONSTANTS:
            self.power_bases.add(node.id)

    def _check_operator(self, node: ast.BinOp) -> None:
        if not isinstance(node.op, _BINOPS):
            raise self.fail(node, f"the operator {type(node.op).__name__} is not allowed; "
                                  "use + - * / ** (or ^ for a power)")

    def _apply(self, node: ast.BinOp, left: sp.Expr, right: sp.Expr) -> sp.Expr:
        """``left OP right`` for the operator of ``node``."""
        op = node.op
        if isinstance(op, ast.Add):
            return left + right
        if isinstance(op, ast.Sub):
            return left - right
        if isinstance(op, ast.Mult):
            return left * right
        if isinstance(op, ast.Div):
            if right == 0:
                raise self.fail(node, "division by the literal zero")
            return left / right
        return self._power(left, right, node)

    def _power(self, base: sp.Expr, exponent: sp.Expr, node: ast.AST) -> sp.Expr:
        if exponent.is_number and exponent.is_finite and abs(exponent) > MAX_EXPONENT:
            raise self.fail(node, f"exponent {exponent} is larger than {MAX_EXPONENT} in absolute value")
        if isinstance(base, sp.Rational) and isinstance(exponent, sp.Rational):
            digits = len(str(abs(base.p))) + len(str(base.q))
            if digits * abs(exponent) > MAX_RESULT_DIGITS:
                raise self.fail(node, f"a number of {digits} digits to the power {exponent} is too large "
                                      "to write down")
        if base == 0 and exponent.is_number and exponent.is_negative:
            raise self.fail(node, "zero to a negative power")
        return sp.Pow(base, exponent)

    def visit_Compare(self, node: ast.Compare, depth: int) -> Any:
        values = [self._expr(self.visit(node.left, depth), node.left)]
        values += [self._expr(self.visit(c, depth), c) for c in node.comparators]
        relations = []
        for op, lhs, rhs in zip(node.ops, values, values[1:]):
            maker = _COMPARE.get(type(op))
            if maker is None:
                raise self.fail(node, f"the comparison {type(op).__name__} is not allowed")
            relations.append(maker(lhs, rhs, evaluate=False))
        return relations[0] if len(relations) == 1 else sp.And(*relations)

    def visit_BoolOp(self, node: ast.BoolOp, depth: int) -> Any:
        parts = [self._boolean(self.visit(v, depth), v) for v in node.values]
        return sp.And(*parts) if isinstance(node.op, ast.And) else sp.Or(*parts)

    def visit_Call(self, node: ast.Call, depth: int) -> Any:
        if not isinstance(node.func, ast.Name):
            raise self.fail(node, f"only plain function names may be called, not {_describe(node.func)}")
        name = node.func.id
        if node.keywords:
            raise self.fail(node, f"{name}(...): keyword arguments are not allowed")
        if name == "Sum":
            return self._sum(node, depth)
        if name in RELATIONS:
            raise self.fail(node, f"{name}(...) is not allowed; write relations with ==, <=, <, >=, > "
                                  f"(here: a {RELATIONS[name]} b)")
        if name not in FUNCTIONS:
            close = difflib.get_close_matches(name, [*FUNCTIONS, "Sum"], n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise self.fail(node, f"the function {name!r} is not allowed; {hint}allowed: "
                                  f"{', '.join(sorted(FUNCTIONS))}, Sum")
        args = [self._expr(self.visit(a, depth), a) for a in node.args]
        if not args:
            raise self.fail(node, f"{name}() needs an argument")
        try:
            if name in ("factorial", "binomial") and _result_digits(name, args) > MAX_RESULT_DIGITS:
                # kept unevaluated: computing factorial(10**7) exactly runs for minutes in C code
                return FUNCTIONS[name](*args, evaluate=False)
            return FUNCTIONS[name](*args)
        except (TypeError, ValueError) as exc:
            hint = ""
            if name in LINALG_FUNCTIONS and not any(isinstance(a, sp.MatrixExpr) for a in args):
                hint = (" (declare its vectors and matrices, e.g. --vector x:3 --matrix A:3x3:psd, or use the "
                        "Python API: verify.Vector, verify.Matrix)")
            raise self.fail(node, f"{name}(...): {exc}{hint}") from None

    def _sum(self, node: ast.Call, depth: int) -> sp.Expr:
        usage = "write Sum(expr, (k, a, b))"
        if len(node.args) != 2 or not isinstance(node.args[1], ast.Tuple) or len(node.args[1].elts) != 3:
            raise self.fail(node, f"Sum: {usage}")
        var_node, lo, hi = node.args[1].elts
        if not isinstance(var_node, ast.Name):
            raise self.fail(var_node, f"Sum: the index must be a name; {usage}")
        var = self.visit(var_node, depth)
        if not isinstance(var, sp.Symbol):
            raise self.fail(var_node, "Sum: the index must be a symbol")
        self.bound.add(var_node.id)
        body = self._expr(self.visit(node.args[0], depth), node.args[0])
        return sp.Sum(body, (var, self._expr(self.visit(lo, depth), lo), self._expr(self.visit(hi, depth), hi)))

    def _expr(self, value: Any, node: ast.AST) -> sp.Expr:
        if not isinstance(value, sp.Expr):
            raise self.fail(node, "a relation or logical formula cannot be used inside arithmetic")
        return value

    def _boolean(self, value: Any, node: ast.AST) -> Any:
        if isinstance(value, sp.Expr):
            raise self.fail(node, "expected a relation (such as a <= b), got an expression")
        return value


def _result_digits(name: str, args: list) -> float:
    """About how many decimal digits ``factorial(n)`` or ``binomial(n, k)`` has, for numeric arguments
    (sympy computes them at once); 0 when an argument is symbolic or not a real number."""
    if not all(a.is_number and a.is_real for a in args):
        return 0.0
    values = [float(a) for a in args]
    if not all(math.isfinite(v) for v in values):
        return 0.0

    def log10_factorial(v: float) -> float:
        return math.lgamma(v + 1) / math.log(10) if v > 0 else 0.0

    if name == "factorial":
        return log10_factorial(values[0])
    if len(values) != 2:
        return 0.0
    n, k = values
    return log10_factorial(n) - log10_factorial(k) - log10_factorial(n - k) if 0 <= k <= n else 0.0


def _describe(node: ast.AST) -> str:
    names = {"Attribute": "attribute access (a.b)", "Subscript": "subscripting (a[b])",
             "Lambda": "a lambda", "JoinedStr": "an f-string", "List": "a list", "Dict": "a dict",
             "Set": "a set", "Tuple": "a tuple", "Starred": "a starred expression",
             "IfExp": "a conditional expression", "NamedExpr": "an assignment expression",
             "ListComp": "a comprehension", "GeneratorExp": "a generator", "Await": "await",
             "Yield": "yield"}
    return names.get(type(node).__name__, f"the construct {type(node).__name__}")


__all__ = ["ParseError", "parse", "parse_number", "make_symbols", "make_arrays", "LINALG_FUNCTIONS", "normalise_name", "FUNCTIONS", "CONSTANTS", "NOT_REAL",
           "ASSUMPTIONS"]
