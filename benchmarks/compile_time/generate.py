#!/usr/bin/env python3
# Writes the translation units of the compile-time benchmark (Metabench method: one TU per shape
# and size, plus an include-only TU whose cost is subtracted). Unlike
# tests/compile_time/generate.py (a correctness test with a finite-difference check), these TUs
# contain only the expression and its full gradient, so that what is measured is the library.
# SPDX-License-Identifier: BSL-1.0
"""usage: generate.py SHAPE N [--seed S] [--variant plain|hana|graph|hand|types] > file.cpp
       generate.py include [--variant plain|hana|graph|hand|types] > file.cpp    (the include-cost TU)

Shapes (every expression has exactly N unique nodes, counted as the library counts them, and the
TU static_asserts tapeless::node_count(f) == N):
  wide    shallow: up to 20 variables, N/2 distinct terms (x_a op x_b, sin(x_a), ...) added up
          by a balanced tree of sums (depth ~ log2 N)
  chain   deep: every node uses the previous one and a variable (depth ~ N)
  dag     heavy sharing: a lattice of layers of width 20 over 20 variables, node i of a layer
          uses nodes i and i+1 of the layer below (depth ~ N / 20, the tree expansion ~ 2^depth)
  random  a random DAG over 20 variables: each node's operands are drawn uniformly from all
          earlier nodes (seeded, reproducible)
The nodes nobody uses (sinks) are added up by a balanced tree of sums into the root.

Variants:
  plain   tapeless::grad of the expression (the library as it is: constexpr graph analysis)
  hana    only the dedup/topological sort, written with boost::hana algorithms over the node
          types, for the "what would Hana cost" comparison; include cost of <boost/hana.hpp>
          is in its own include TU
  graph   only the library's own dedup/topological sort (tapeless::node_count), the plain
          counterpart of `hana`
  hand    no library: the gradient of the same graph written out by hand as straight-line
          code (each node's value once, adjoints summed in reverse order), what a source
          transformation tool would emit; the floor of what the compiler's optimiser costs on
          code of this size, against which the library's own cost (front end, template
          instantiation) is told apart
  types   no library either: the same expression built from a dozen lines of empty
          expression-template types (one class template, an operator or function per node
          instantiated), neither analysed nor differentiated; what naming every node by its
          operands' types costs the compiler, the floor of any library whose expressions are
          types
"""
import argparse
import random

NVARS = 20
UNARY = ["sin", "cos", "neg"]
BINARY = ["+", "-", "*"]


class Graph:
    """Nodes as structural keys (op, operand ids...): two equal keys are one node, as in the
    library, where a node's identity is its type."""

    def __init__(self):
        self.key_to_id = {}
        self.keys = []
        self.users = []

    def size_with(self, key):
        """Unique nodes after adding key and summing the sinks into a root."""
        new = [k for k in self._closure(key) if k not in self.key_to_id]
        if not new:
            return None
        nodes = len(self.keys) + len(new)
        sinks = self._sinks_after(key)
        return nodes + max(0, sinks - 1)

    def _closure(self, key):
        out = [key]
        for a in key[1:]:
            if isinstance(a, str):  # a variable, added on first use
                out.append(("var", a))
        return out

    def _sinks_after(self, key):
        used = {self._id(a) for a in key[1:]}
        s = sum(1 for i, k in enumerate(self.keys) if k[0] != "var" and not self.users[i] and i not in used)
        return s + 1

    def _id(self, a):
        if isinstance(a, str):
            return self.key_to_id.get(("var", a), -1)
        return a

    def add(self, key):
        ops = []
        for a in key[1:]:
            if isinstance(a, str):
                vk = ("var", a)
                if vk not in self.key_to_id:
                    self.key_to_id[vk] = len(self.keys)
                    self.keys.append(vk)
                    self.users.append(0)
                ops.append(self.key_to_id[vk])
            else:
                ops.append(a)
        k = (key[0], *ops)
        if k in self.key_to_id:
            return self.key_to_id[k]
        for o in ops:
            self.users[o] += 1
        self.key_to_id[k] = len(self.keys)
        self.keys.append(k)
        self.users.append(0)
        return len(self.keys) - 1

    def contains(self, key):
        ops = tuple(self.key_to_id.get(("var", a), None) if isinstance(a, str) else a for a in key[1:])
        return None not in ops and (key[0], *ops) in self.key_to_id

    def sinks(self):
        return [i for i, k in enumerate(self.keys) if k[0] != "var" and not self.users[i]]

    def total(self):
        return len(self.keys) + max(0, len(self.sinks()) - 1)


def var(i):
    return f"x{i}"


def proposals(shape, g, rng):
    """An endless stream of candidate nodes (keys with operand ids or variable names)."""
    k = 0
    if shape == "wide":
        pool = [(op, var(a)) for op in UNARY for a in range(NVARS)]
        pool += [(op, var(a), var(b)) for op in BINARY for a in range(NVARS) for b in range(NVARS) if a != b]
        rng.shuffle(pool)
        # the first terms bring in all variables
        first = [("*", var(2 * i), var(2 * i + 1)) for i in range(NVARS // 2)]
        for key in first + [p for p in pool if p not in first]:
            yield key
        raise RuntimeError("wide: out of distinct terms")
    if shape == "chain":
        prev = var(0)
        while True:
            if k % 4 == 3:
                key = (UNARY[(k // 4) % 3], prev)
            else:
                key = (BINARY[k % 3], prev, var((k + 1) % NVARS))
            prev = yield key
            k += 1
    if shape == "dag":
        layer = [var(i) for i in range(NVARS)]
        while True:
            nxt = []
            for i in range(NVARS):
                a, b = layer[i], layer[(i + 1) % NVARS]
                key = (UNARY[(k + i) % 3], a) if (k + i) % 7 == 6 else (BINARY[(k + i) % 3], a, b)
                nxt.append((yield key))
            layer = nxt
            k += 1
    if shape == "random":
        while True:
            pool = [var(i) for i in range(NVARS)] + [i for i, key in enumerate(g.keys) if key[0] != "var"]
            if rng.random() < 0.25:
                key = (rng.choice(UNARY), rng.choice(pool))
            else:
                key = (rng.choice(BINARY), rng.choice(pool), rng.choice(pool))
            yield key
    raise ValueError(shape)


def build(shape, n, seed):
    rng = random.Random(seed)
    g = Graph()
    gen = proposals(shape, g, rng)
    key = next(gen)
    misses = 0
    while True:
        if g.contains(key):
            key = next(gen)
            continue
        t = g.size_with(key)
        if t is None or t > n:
            misses += 1
            if shape in ("chain", "dag") or misses > 50:
                break
            key = next(gen)
            continue
        i = g.add(key)
        key = gen.send(i)
    # pad to exactly n: a unary node on a sink adds one node and keeps the number of sinks
    u = 0
    while g.total() < n:
        s = g.sinks()
        target = s[-1] if s else len(g.keys) - 1
        for op in UNARY[u % 3:] + UNARY[:u % 3]:
            if not g.contains((op, target)):
                g.add((op, target))
                break
        u += 1
    assert g.total() == n, (g.total(), n)
    return g


def emit_nodes(g):
    """C++ statements naming every node, and the root expression."""
    nodes, root = node_list(g)
    lines = []
    for nm, op, ops in nodes:
        if op == "neg":
            expr = f"-{ops[0]}"
        elif op in UNARY:
            expr = f"{op}({ops[0]})"
        else:
            expr = f"{ops[0]} {op} {ops[1]}"
        lines.append(f"  const auto {nm} = {expr};")
    return lines, root


HANA_TOPO = """
// The dedup and topological sort of the node types, with Boost.Hana algorithms: a post-order
// DFS whose visited set is a hana::tuple of hana::type (hana::contains, hana::fold_left,
// hana::append), the idiomatic Hana spelling of what graph.hpp does in constexpr code.
namespace topo {
namespace hana = boost::hana;
template <class E>
constexpr auto operands_of(hana::basic_type<E>) {
  if constexpr (E::info.arity == 0)
    return hana::make_tuple();
  else
    return []<std::size_t... J>(std::index_sequence<J...>) {
      return hana::make_tuple(hana::type_c<typename E::template operand<J>>...);
    }(std::make_index_sequence<E::info.arity>{});
}
struct visit_t {
  template <class Visited, class T>
  constexpr auto operator()(Visited visited, T t) const {
    if constexpr (decltype(hana::contains(visited, t))::value)
      return visited;
    else
      return hana::append(hana::fold_left(operands_of(t), visited, *this), t);
  }
};
}  // namespace topo
"""


def node_list(g):
    """(name, op, operand names) for every node in topological order, the sum tree included."""
    name, nodes = {}, []
    for i, k in enumerate(g.keys):
        if k[0] == "var":
            name[i] = k[1]
            continue
        name[i] = f"e{i}"
        nodes.append((name[i], k[0], [name[o] for o in k[1:]]))
    level = [name[s] for s in g.sinks()]
    j = 0
    while len(level) > 1:
        nxt = []
        for a in range(0, len(level) - 1, 2):
            nodes.append((f"s{j}", "+", [level[a], level[a + 1]]))
            nxt.append(f"s{j}")
            j += 1
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    return nodes, level[0]


def emit_hand(g):
    """The gradient of g by hand: forward values, then adjoints in reverse topological order."""
    nodes, root = node_list(g)
    value = {"+": "{0} + {1}", "-": "{0} - {1}", "*": "{0} * {1}", "neg": "-{0}",
             "sin": "std::sin({0})", "cos": "std::cos({0})"}
    out = ["#include <cmath>", "", "void gradient(const double* p, double* out) {"]
    out += [f"  [[maybe_unused]] const double {var(i)} = p[{i}];" for i in range(NVARS)]
    out += [f"  [[maybe_unused]] const double {nm} = {value[op].format(*ops)};" for nm, op, ops in nodes]
    out += [f"  double d_{var(i)} = 0;" for i in range(NVARS)]
    out += [f"  double d_{nm} = 0;" for nm, _, _ in nodes[:-1]]
    out.append(f"  const double d_{root} = 1;")
    for nm, op, ops in reversed(nodes):
        a = f"d_{nm}"
        if op == "+":
            out += [f"  d_{ops[0]} += {a};", f"  d_{ops[1]} += {a};"]
        elif op == "-":
            out += [f"  d_{ops[0]} += {a};", f"  d_{ops[1]} -= {a};"]
        elif op == "*":
            out += [f"  d_{ops[0]} += {a} * {ops[1]};", f"  d_{ops[1]} += {a} * {ops[0]};"]
        elif op == "neg":
            out.append(f"  d_{ops[0]} -= {a};")
        elif op == "sin":
            out.append(f"  d_{ops[0]} += {a} * std::cos({ops[0]});")
        elif op == "cos":
            out.append(f"  d_{ops[0]} -= {a} * std::sin({ops[0]});")
    out += [f"  out[{i}] = d_{var(i)};" for i in range(NVARS)]
    out.append("}")
    return out


TYPES_HEAD = """
// The smallest expression-template library: a node is an empty type named by its operation and
// its operands, and each operator or function that builds one is instantiated once (returning
// `auto`, as tapeless's do: a return type spelled out would be mangled into its name). Operands
// are named as tapeless names them (expression.hpp, `of`): a class template argument would make
// the operators' argument-dependent lookup visit every type below a node, exponential on a
// shared DAG; `of<A>{}` on clang, `&of_v<A>` on g++, the spelling each compiles faster.
namespace et {
template <class A>
struct of {};
template <class A>
inline constexpr of<A> of_v{};
#if defined(__clang__)
template <class A>
inline constexpr auto key = of<A>{};
#else
template <class A>
inline constexpr auto key = &of_v<A>;
#endif
template <char Op, auto... A>
struct node {};
template <int I>
struct var {};
template <class A, class B>
constexpr auto operator+(A, B) { return node<'+', key<A>, key<B>>{}; }
template <class A, class B>
constexpr auto operator-(A, B) { return node<'-', key<A>, key<B>>{}; }
template <class A, class B>
constexpr auto operator*(A, B) { return node<'*', key<A>, key<B>>{}; }
template <class A>
constexpr auto operator-(A) { return node<'n', key<A>>{}; }
template <class A>
constexpr auto sin(A) { return node<'s', key<A>>{}; }
template <class A>
constexpr auto cos(A) { return node<'c', key<A>>{}; }
}  // namespace et
"""


def emit(shape, n, seed, variant):
    if variant == "types":
        head = f"// Generated by benchmarks/compile_time/generate.py {shape} {n} --seed {seed} --variant types: do not edit."
        out = [head, TYPES_HEAD]
        if shape == "include":
            return "\n".join(out + ["int include_only() { return 0; }"]) + "\n"
        lines, root = emit_nodes(build(shape, n, seed))
        out += [f"constexpr et::var<{i}> {var(i)};" for i in range(NVARS)]
        out += ["", "using et::sin;", "using et::cos;", "", "constexpr auto make() {"] + lines
        out += [f"  return {root};", "}", "", "constexpr auto f = make();",
                "int size() { return sizeof(f); }"]
        return "\n".join(out) + "\n"
    if variant == "hand":
        head = f"// Generated by benchmarks/compile_time/generate.py {shape} {n} --seed {seed} --variant hand: do not edit."
        if shape == "include":
            return "\n".join([head, "#include <cmath>", "", "int include_only() { return 0; }"]) + "\n"
        return "\n".join([head] + emit_hand(build(shape, n, seed))) + "\n"
    lines, root = ([], None) if shape == "include" else emit_nodes(build(shape, n, seed))
    out = [f"// Generated by benchmarks/compile_time/generate.py {shape} {n} --seed {seed} --variant {variant}: do not edit.",
           "#include <tapeless/tapeless.hpp>"]
    if variant == "hana":
        out += ["#include <boost/hana.hpp>", "", "#include <cstddef>", "#include <type_traits>", "#include <utility>", HANA_TOPO]
    out.append("")
    if shape == "include":
        out.append("int include_only() { return 0; }")
        return "\n".join(out) + "\n"
    out += [f'constexpr tapeless::var<"{var(i)}"> {var(i)};' for i in range(NVARS)]
    out += ["", "using tapeless::sin;", "using tapeless::cos;", "",
            "constexpr auto make() {"] + lines + [f"  return {root};", "}", "",
            "constexpr auto f = make();"]
    if variant == "plain":
        out.append(f"static_assert(tapeless::node_count(f) == {n});")
        bind = ", ".join(f"{var(i)} = p[{i}]" for i in range(NVARS))
        out += ["", "void gradient(const double* p, double* out) {",
                f"  const auto g = tapeless::grad(f, tapeless::at({bind}));"]
        out += [f"  out[{i}] = g[{var(i)}];" for i in range(NVARS)]
        out.append("}")
    elif variant == "graph":
        out.append(f"static_assert(tapeless::node_count(f) == {n});")
    else:
        out += ["constexpr auto order = topo::visit_t{}(boost::hana::make_tuple(), boost::hana::type_c<std::remove_cv_t<decltype(f)>>);",
                f"static_assert(decltype(boost::hana::length(order))::value == {n});"]
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("shape", choices=["wide", "chain", "dag", "random", "include"])
    ap.add_argument("n", type=int, nargs="?", default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--variant", choices=["plain", "hana", "graph", "hand", "types"], default="plain")
    a = ap.parse_args()
    print(emit(a.shape, a.n, a.seed, a.variant), end="")


if __name__ == "__main__":
    main()
