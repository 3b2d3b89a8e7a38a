"""A small subset of Notion formulas, evaluated per page.

Supported: numbers, "strings", true/false, prop("Name") and Notion's own
{{notion:block_property:ID:...}} references, + - * / % ^, comparisons (== != < > <= >=),
and/or/not (also && || !), if(c, a, b), ifs(c1, a1, ..., else), empty(x), and functions
round, floor, ceil, abs, min, max, sum, length, format, toNumber, concat, lower, upper,
contains; dates with now(), dateAdd, dateSubtract, dateBetween, hour, minute, timestamp and
fromTimestamp (formula_dates.py; dates compare with the comparison operators); method calls
such as x.length(), x.includes("Done"), x.format(), d.dateAdd(1, "days").
An empty operand counts as 0 in arithmetic (both empty: empty), as recorded. Anything else
(an unknown function, a date function with the wrong number of arguments or an unknown unit)
is a validation error when the property is created.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .errors import validation
from .formula_dates import DATE_FUNCS, Moment, call_date, check_call

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<ref>\{\{notion:block_property:(?P<refid>[^:}]+)(?::[^}]*)?\}\})
  | (?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)
  | (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<op>==|!=|<=|>=|&&|\|\||[-+*/%^<>!(),.])
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
""", re.X)

_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)", re.S)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


def _unescape(m) -> str:
    """A backslash escape in a "string" (non-ASCII text is kept as written)."""
    e = m.group(1)
    return chr(int(e[1:], 16)) if len(e) == 5 else _ESCAPES.get(e, e)


FUNCS = {"if", "ifs", "empty", "not", "and", "or", "round", "floor", "ceil", "abs", "min", "max", "sum",
         "length", "format", "toNumber", "concat", "lower", "upper", "contains", "includes", "prop"} | set(DATE_FUNCS)


class FormulaSyntaxError(ValueError):
    pass


def _tokens(expr: str):
    pos, out = 0, []
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if not m:
            raise FormulaSyntaxError(f"unexpected character {expr[pos]!r} at {pos}")
        pos = m.end()
        if m.lastgroup == "ws":
            continue
        if m.lastgroup == "ref":
            out.append(("ref", m.group("refid")))
        elif m.lastgroup == "str":
            out.append(("str", _ESCAPE.sub(_unescape, m.group("str")[1:-1])))
        elif m.lastgroup == "num":
            v = float(m.group("num"))
            out.append(("num", int(v) if v.is_integer() and "." not in m.group("num") else v))
        else:
            out.append((m.lastgroup, m.group(m.lastgroup)))
    out.append(("end", None))
    return out


_BINARY = {"||": 1, "or": 1, "&&": 2, "and": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4,
           "+": 5, "-": 5, "*": 6, "/": 6, "%": 6, "^": 7}


class _Parser:
    def __init__(self, expr):
        self.toks = _tokens(expr)
        self.i = 0

    def peek(self):
        return self.toks[self.i]

    def take(self, kind=None, value=None):
        tok = self.toks[self.i]
        if (kind and tok[0] != kind) or (value and tok[1] != value):
            raise FormulaSyntaxError(f"expected {value or kind}, found {tok[1]!r}")
        self.i += 1
        return tok

    def parse(self):
        node = self.expr(0)
        self.take("end")
        return node

    def expr(self, min_prec):
        left = self.unary()
        while True:
            kind, val = self.peek()
            op = val if kind in ("op", "name") else None
            prec = _BINARY.get(op)
            if prec is None or prec < min_prec or (kind == "name" and op not in ("and", "or")):
                return left
            self.i += 1
            right = self.expr(prec + (0 if op == "^" else 1))
            left = ("bin", {"or": "||", "and": "&&"}.get(op, op), left, right)

    def unary(self):
        kind, val = self.peek()
        if (kind == "op" and val in ("-", "!")) or (kind == "name" and val == "not"):
            self.i += 1
            return ("neg" if val == "-" else "not", self.unary())
        return self.postfix(self.atom())

    def postfix(self, node):
        while self.peek() == ("op", "."):
            self.i += 1
            name = self.take("name")[1]
            args = self.args() if self.peek() == ("op", "(") else []
            node = _checked(name, [node] + args)
        return node

    def args(self):
        self.take("op", "(")
        out = []
        if self.peek() != ("op", ")"):
            out.append(self.expr(0))
            while self.peek() == ("op", ","):
                self.i += 1
                out.append(self.expr(0))
        self.take("op", ")")
        return out

    def atom(self):
        kind, val = self.take()
        if kind in ("num", "str"):
            return ("lit", val)
        if kind == "ref":
            return ("prop", "id", val)
        if kind == "op" and val == "(":
            node = self.expr(0)
            self.take("op", ")")
            return node
        if kind == "name":
            if val in ("true", "false"):
                return ("lit", val == "true")
            if val not in FUNCS:
                raise FormulaSyntaxError(f"unknown function {val!r}")
            args = self.args()
            if val == "prop":
                if len(args) != 1 or args[0][0] != "lit" or not isinstance(args[0][1], str):
                    raise FormulaSyntaxError('prop() takes one property name in quotes')
                return ("prop", "name", args[0][1])
            return _checked(val, args)
        raise FormulaSyntaxError(f"unexpected {val!r}")


def _checked(name, args):
    if name in DATE_FUNCS:
        problem = check_call(name, args)
        if problem:
            raise FormulaSyntaxError(problem)
    return ("call", name, args)


@lru_cache(maxsize=1024)
def _compile(expr: str):
    return _Parser(expr).parse()


@lru_cache(maxsize=1024)
def uses_clock(expr: str) -> bool:
    """Whether a formula reads now(): its value then changes with the clock, not only with writes."""
    try:
        return _calls(_compile(expr), "now")
    except FormulaSyntaxError:
        return False


def _calls(node, name) -> bool:
    if node[0] == "call" and node[1] == name:
        return True
    kids = node[2] if node[0] == "call" else node[1:]
    return any(isinstance(k, tuple) and _calls(k, name) for k in kids)


def with_references(expr: str, resolve, data_source_id: str, workspace_id: str) -> str:
    """`expr` as Notion stores and shows it: each `prop("Name")` of an existing property becomes
    `{{notion:block_property:ID:DATA_SOURCE_ID:WORKSPACE_ID}}` (so a rename keeps the formula);
    `resolve(name)` gives the property id or None (then the call is left as written)."""
    out, pos, toks = [], 0, []
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if not m:
            return expr
        if m.lastgroup != "ws":
            toks.append(m)
        pos = m.end()
    last, i = 0, 0
    while i < len(toks):
        seq = toks[i:i + 4]
        if (len(seq) == 4 and seq[0].lastgroup == "name" and seq[0].group() == "prop" and seq[1].group() == "("
                and seq[2].lastgroup == "str" and seq[3].group() == ")"):
            pid = resolve(_ESCAPE.sub(_unescape, seq[2].group()[1:-1]))
            if pid is not None:
                out.append(expr[last:seq[0].start()])
                out.append(f"{{{{notion:block_property:{pid}:{data_source_id}:{workspace_id}}}}}")
                last = seq[3].end()
                i += 4
                continue
        i += 1
    out.append(expr[last:])
    return "".join(out)


def as_notion_shows(expr: str) -> str:
    """`expr` laid out as Notion gives a formula back (recorded): one space around each binary
    operator, ", " between arguments, no other spaces; parentheses kept where written around an
    operation, except around a whole argument of a call; dropped around a call, a value or a
    property. Unchanged when it does not parse."""
    try:
        return _Layout(expr).text()
    except (FormulaSyntaxError, IndexError):
        return expr


class _Layout:
    """The token tree of an expression, with its parentheses, for `as_notion_shows`."""

    def __init__(self, expr):
        self.toks, pos = [], 0
        while pos < len(expr):
            m = _TOKEN.match(expr, pos)
            if not m:
                raise FormulaSyntaxError(f"unexpected character at {pos}")
            if m.lastgroup != "ws":
                self.toks.append((m.lastgroup, m.group()))
            pos = m.end()
        self.toks.append(("end", ""))
        self.i = 0

    def text(self) -> str:
        node = self.expr(0)
        if self.toks[self.i][0] != "end":
            raise FormulaSyntaxError("trailing tokens")
        return self.show(node)

    def take(self, text=None):
        tok = self.toks[self.i]
        if text is not None and tok[1] != text:
            raise FormulaSyntaxError(f"expected {text}")
        self.i += 1
        return tok

    def expr(self, min_prec):
        left = self.unary()
        while True:
            kind, val = self.toks[self.i]
            prec = _BINARY.get(val) if kind in ("op", "name") else None
            if prec is None or prec < min_prec or (kind == "name" and val not in ("and", "or")):
                return left
            self.i += 1
            left = ("bin", val, left, self.expr(prec + (0 if val == "^" else 1)))

    def unary(self):
        kind, val = self.toks[self.i]
        if (kind == "op" and val in ("-", "!")) or (kind == "name" and val == "not"):
            self.i += 1
            return ("un", val, self.unary())
        node = self.atom()
        while self.toks[self.i] == ("op", "."):
            self.i += 1
            name = self.take()[1]
            node = ("meth", node, name, self.args() if self.toks[self.i] == ("op", "(") else None)
        return node

    def args(self):
        self.take("(")
        out = []
        if self.toks[self.i][1] != ")":
            out.append(self.expr(0))
            while self.toks[self.i] == ("op", ","):
                self.i += 1
                out.append(self.expr(0))
        self.take(")")
        return out

    def atom(self):
        kind, val = self.take()
        if kind == "op" and val == "(":
            node = self.expr(0)
            self.take(")")
            return ("group", node)
        if kind == "name" and self.toks[self.i] == ("op", "("):
            return ("fn", val, self.args())
        if kind in ("ref", "str", "num", "name"):
            return ("raw", val)
        raise FormulaSyntaxError(f"unexpected {val!r}")

    def show(self, node) -> str:
        kind = node[0]
        if kind == "raw":
            return node[1]
        if kind == "group":  # kept around operators only
            while node[0] == "group":
                node = node[1]
            return f"({self.show(node)})" if node[0] in ("bin", "un") else self.show(node)
        if kind == "bin":
            return f"{self.show(node[2])} {node[1]} {self.show(node[3])}"
        if kind == "un":
            return f"{node[1]}{' ' if node[1] == 'not' else ''}{self.show(node[2])}"
        if kind == "fn":
            return f"{node[1]}({self.show_args(node[2])})"
        base = f"{self.show(node[1])}.{node[2]}"
        return base if node[3] is None else f"{base}({self.show_args(node[3])})"

    def show_args(self, args) -> str:
        out = []
        for a in args:
            while a[0] == "group":
                a = a[1]
            out.append(self.show(a))
        return ", ".join(out)


def compile_expression(expr: str, path: str = "expression"):
    try:
        return _compile(expr)
    except FormulaSyntaxError as e:
        raise validation(f"{path}: the sandbox cannot evaluate this formula ({e}). "
                         "Supported: prop(), numbers, strings, + - * / % ^, comparisons, and/or/not, if, ifs, "
                         "empty, round, floor, ceil, abs, min, max, sum, length, format, toNumber, concat, "
                         "lower, upper, contains/includes, now, dateAdd, dateSubtract, dateBetween, hour, minute, "
                         "timestamp, fromTimestamp.") from None


def _num(v):
    if isinstance(v, bool):
        return int(v)
    return v


def evaluate(node, lookup):
    """Evaluate a compiled formula; `lookup(kind, key)` returns a property's Python value."""
    tag = node[0]
    if tag == "lit":
        return node[1]
    if tag == "prop":
        return lookup(node[1], node[2])
    if tag == "neg":
        v = evaluate(node[1], lookup)
        return None if v is None else -_num(v)
    if tag == "not":
        return not _truthy(evaluate(node[1], lookup))
    if tag == "bin":
        op = node[1]
        if op == "&&":
            return _truthy(evaluate(node[2], lookup)) and _truthy(evaluate(node[3], lookup))
        if op == "||":
            return _truthy(evaluate(node[2], lookup)) or _truthy(evaluate(node[3], lookup))
        a, b = evaluate(node[2], lookup), evaluate(node[3], lookup)
        if op == "==":
            return a == b
        if op == "!=":
            return a != b
        if op == "+" and (isinstance(a, str) or isinstance(b, str)):
            return f"{_fmt(a)}{_fmt(b)}"
        if op in ("<", ">", "<=", ">="):
            if a is None or b is None:
                return None
            try:
                return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
            except TypeError:
                return None
        if a is None and b is None:
            return None
        a, b = (0 if a is None else a), (0 if b is None else b)  # as recorded: empty Number * 2 is 0
        a, b = _num(a), _num(b)
        if not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
            return None
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            return None if b == 0 else a / b
        if op == "%":
            return None if b == 0 else a % b
        if op == "^":
            return a ** b
    if tag == "call":
        return _call(node[1], node[2], lookup)
    raise ValueError(tag)


def _truthy(v) -> bool:
    return bool(v) if v is not None else False


def _fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, list):
        return ", ".join(_fmt(x) for x in v)
    if isinstance(v, Moment):
        return v.start_text()
    if isinstance(v, dict):
        return v.get("start", "")
    return str(v)


def _call(name, args, lookup):
    if name == "if":
        c = evaluate(args[0], lookup)
        return evaluate(args[1] if _truthy(c) else args[2], lookup) if len(args) == 3 else None
    if name == "ifs":
        for i in range(0, len(args) - 1, 2):
            if _truthy(evaluate(args[i], lookup)):
                return evaluate(args[i + 1], lookup)
        return evaluate(args[-1], lookup) if len(args) % 2 else None
    vals = [evaluate(a, lookup) for a in args]
    if name in DATE_FUNCS:
        return call_date(name, vals)
    if name == "empty":
        v = vals[0] if vals else None
        return v is None or v == "" or v == [] or v == 0 or v is False
    if name == "not":
        return not _truthy(vals[0])
    if name == "and":
        return all(_truthy(v) for v in vals)
    if name == "or":
        return any(_truthy(v) for v in vals)
    if name in ("length",):
        v = vals[0]
        return len(v) if isinstance(v, (str, list)) else (len(_fmt(v)) if v is not None else 0)
    if name == "format":
        return _fmt(vals[0])
    if name == "concat":
        if all(isinstance(v, list) for v in vals):
            return [x for v in vals for x in v]
        return "".join(_fmt(v) for v in vals)
    if name in ("lower", "upper"):
        s = _fmt(vals[0])
        return s.lower() if name == "lower" else s.upper()
    if name in ("contains", "includes"):
        hay, needle = vals[0], vals[1]
        if isinstance(hay, list):
            return needle in hay
        return _fmt(needle) in _fmt(hay)
    if name == "toNumber":
        v = vals[0]
        if isinstance(v, (int, float)):
            return v
        try:
            return float(_fmt(v)) if v is not None else None
        except ValueError:
            return None
    nums = [_num(x) for v in vals for x in (v if isinstance(v, list) else [v])
            if isinstance(_num(x), (int, float))]
    if name in ("round", "floor", "ceil", "abs"):
        if not nums:
            return None
        x = nums[0]
        if name == "round":
            places = int(nums[1]) if len(nums) > 1 else 0
            return round(x, places) if places else math.floor(x + 0.5)
        return {"floor": math.floor, "ceil": math.ceil, "abs": abs}[name](x)
    if name in ("min", "max"):
        return (min if name == "min" else max)(nums) if nums else None
    if name == "sum":
        return sum(nums)
    raise ValueError(name)


def infer_type(node, prop_type) -> str:
    """The result type Notion would report: number, string, boolean or date."""
    tag = node[0]
    if tag == "lit":
        v = node[1]
        return "boolean" if isinstance(v, bool) else "number" if isinstance(v, (int, float)) else "string"
    if tag == "prop":
        return prop_type(node[1], node[2])
    if tag == "neg":
        return "number"
    if tag == "not":
        return "boolean"
    if tag == "bin":
        op = node[1]
        if op in ("&&", "||", "==", "!=", "<", ">", "<=", ">="):
            return "boolean"
        if op == "+" and "string" in (infer_type(node[2], prop_type), infer_type(node[3], prop_type)):
            return "string"
        return "number"
    name, args = node[1], node[2]
    if name == "if" and len(args) == 3:
        t = infer_type(args[1], prop_type)
        return t if t != "string" or args[1] != ("lit", "") else infer_type(args[2], prop_type)
    if name == "ifs" and len(args) >= 2:
        return infer_type(args[1], prop_type)
    if name in ("empty", "not", "and", "or", "contains", "includes"):
        return "boolean"
    if name in ("format", "concat", "lower", "upper"):
        return "string"
    if name in DATE_FUNCS:
        return DATE_FUNCS[name][2]
    return "number"
