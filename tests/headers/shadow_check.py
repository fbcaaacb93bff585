#!/usr/bin/env python3
"""The library's headers declare no name that g++ -Wshadow checks against the user's globals.

g++ checks -Wshadow on two kinds of declarations in templates when the template is
instantiated, against the globals the user has declared by then: the parameters and locals of
a lambda inside a template, and the parameters of a constructor of a class template (or a
constructor template). `constexpr tapeless::var<"k"> k;` after the include made
`[&](std::uint32_t k) {...}` in graph.hpp an error under -Werror. The names of functions,
function templates and member functions are checked where they are defined, before any user
code. So:

* no lambda in a header declares a named parameter or a local variable: helpers are functions;
* a constructor's parameters end in `_` (users' globals rarely do).

tests/headers/user_globals.cpp compiles the library's templates next to such globals.

Usage: shadow_check.py INCLUDE_DIR. Exit 1 with file:line of each offending declaration.
"""
import pathlib
import re
import sys

INTRODUCER = re.compile(r"(?<![\w\]\)>])\[[&=\w, *]*\]\s*(<[^<>]*>)?\s*(\(|\{|mutable)")
DECLARATION = re.compile(
    r"(^|[;{(])\s*(const\s+|constexpr\s+|static\s+)*"
    r"(?!(return|else|case|goto|throw|co_return|co_yield|delete|new)\b)"
    r"([A-Za-z_][\w:]*(<[^;{}]*>)?)"
    r"\s*[&*]*\s+(?P<name>[A-Za-z_]\w*)\s*(=|\{|;|\[|:(?!:))")
KEYWORDS = {"const", "volatile", "auto", "typename", "class", "struct", "return"}


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group()), text, flags=re.S)
    text = re.sub(r"//[^\n]*", lambda m: " " * len(m.group()), text)
    return re.sub(r'"(\\.|[^"\\\n])*"', lambda m: '"' + " " * (len(m.group()) - 2) + '"', text)


def balanced(text, start, opening, closing):
    """The index just past the bracket that closes text[start] (an opening one)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == opening:
            depth += 1
        elif text[i] == closing:
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


def named_parameters(params):
    names = []
    depth = 0
    flat = ""
    for ch in params:  # template arguments out, so their commas do not split parameters
        depth += ch == "<"
        if depth == 0:
            flat += ch
        depth -= ch == ">"
    for p in flat.split(","):
        tokens = [t for t in re.split(r"[\s&*]+", p.split("=")[0]) if t]
        tokens = [t for t in tokens if t not in ("const", "volatile")]
        if len(tokens) >= 2 and re.fullmatch(r"[A-Za-z_]\w*", tokens[-1]) and tokens[-1] not in KEYWORDS:
            names.append(tokens[-1])
    return names


def check(path):
    text = strip_comments(path.read_text(encoding="utf-8"))
    problems = []
    for m in INTRODUCER.finditer(text):
        before = text[:m.start()].rstrip()
        if before.endswith("operator") or re.search(r"\w$", before) and not re.search(
                r"(return|=|\(|,)$", before):
            continue  # operator[], or an array declarator such as `char chars[N]{}`
        line = text.count("\n", 0, m.start()) + 1
        i = m.end() - 1
        names = []
        if text[i] == "(":
            end = balanced(text, i, "(", ")")
            names += named_parameters(text[i + 1:end - 1])
            i = end
        j = text.find("{", i)
        if j < 0:
            continue
        body = text[j + 1:balanced(text, j, "{", "}") - 1]
        names += [d.group("name") for d in DECLARATION.finditer(body)]
        if names:
            problems.append(f"{path}:{line}: a lambda declares {names}; make it a function "
                            "(tests/headers/shadow_check.py says why)")
    problems += constructor_problems(path, text)
    return problems


CONSTRUCTOR_BEFORE = re.compile(r"(\bconstexpr|\bexplicit|\bTAPELESS_\w+|\binline|[;{}:)>])$")
CONSTRUCTOR_AFTER = re.compile(r"(noexcept|:|\{|=\s*default|=\s*delete|;|TAPELESS|requires)")


def constructor_problems(path, text):
    """Constructors (a class's name declared as a function without a return type) whose
    parameter names do not end in `_`."""
    problems = []
    for name in set(re.findall(r"\b(?:struct|class)\s+(\w+)", text)):
        for m in re.finditer(r"(?<![\w.:~>])" + name + r"\s*\(", text):
            before = text[:m.start()].rstrip()
            if not CONSTRUCTOR_BEFORE.search(before) or re.search(r"(return|operator)$", before):
                continue
            end = balanced(text, m.end() - 1, "(", ")")
            if not CONSTRUCTOR_AFTER.match(text[end:end + 40].lstrip()):
                continue
            params = re.sub(r"\(\s*&\s*(\w+)\s*\)\s*\[[^\]]*\]", r"\1", text[m.end():end - 1])
            bad = [n for n in named_parameters(params) if not n.endswith("_")]
            if bad:
                line = text.count("\n", 0, m.start()) + 1
                problems.append(f"{path}:{line}: constructor {name} has parameters {bad}; end "
                                "their names in _ (tests/headers/shadow_check.py says why)")
    return problems


def main():
    root = pathlib.Path(sys.argv[1])
    problems = [p for f in sorted(root.rglob("*.hpp")) for p in check(f)]
    print("\n".join(problems) if problems else f"ok: {root}: no lambda declares a name, every "
          "constructor parameter ends in _")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
