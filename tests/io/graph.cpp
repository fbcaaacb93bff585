// to_mermaid and to_dot: the seed's diagrams and other graphs, compared as exact texts; shared
// nodes drawn once, inactive nodes left out of the sweep, the fallback edge label.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/io/graph.hpp>
#include <tapeless/io/print.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace tapeless;

namespace {
constexpr var<"x"> x;
constexpr var<"y"> y;

template <class S>
std::string str(const S& s) {
  return std::string(s);
}

struct my_norm_op {  // no op_format: the edge says only which partial it is
  static constexpr char name[] = "my_norm";
  template <class T>
  static constexpr T apply(T a, T b) noexcept {
    return a * a + b * b;
  }
  template <std::size_t J, class Ctx, class T>
  static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    return abar * ctx.template operand<J>();
  }
};

constexpr auto cube = let<"u">(pow<3>(x));
constexpr auto square_x = let<"v">(pow<2>(x));
constexpr auto y_sum = let<"y">(cube + square_x);
constexpr auto sine = let<"u">(sin(x));
constexpr auto ratio = let<"y">(sine / x);
}  // namespace

// Built in constant evaluation.
constexpr auto seed1 = to_mermaid(y_sum);
static_assert(seed1.size() > 0 && seed1.size() <= seed1.capacity());

TEST_CASE("mermaid: the seed's y = x^3 + x^2", "[io]") {
  CHECK(str(seed1) ==
        "flowchart TB\n"
        "  subgraph fwd[\"computation graph\"]\n"
        "    direction BT\n"
        "    f0[\"x\"]\n"
        "    f2[\"u = x^3\"]\n"
        "    f4[\"v = x^2\"]\n"
        "    f6[\"y = u + v\"]\n"
        "    f0 --> f2\n"
        "    f0 --> f4\n"
        "    f2 --> f6\n"
        "    f4 --> f6\n"
        "  end\n"
        "  subgraph bwd[\"reverse sweep\"]\n"
        "    direction TB\n"
        "    b6[\"y = u + v\"]\n"
        "    b4[\"v = x^2\"]\n"
        "    b2[\"u = x^3\"]\n"
        "    b0[\"x\"]\n"
        "    b6 -->|\"∂y/∂u = 1\"| b2\n"
        "    b6 -->|\"∂y/∂v = 1\"| b4\n"
        "    b4 -->|\"∂v/∂x = 2*x\"| b0\n"
        "    b2 -->|\"∂u/∂x = 3*x^2\"| b0\n"
        "  end\n");
}

TEST_CASE("mermaid: the seed's y = sin(x)/x, each part alone", "[io]") {
  CHECK(str(to_mermaid(ratio, graph_part::forward)) ==
        "flowchart BT\n"
        "  f0[\"x\"]\n"
        "  f2[\"u = sin(x)\"]\n"
        "  f4[\"y = u / x\"]\n"
        "  f0 --> f2\n"
        "  f2 --> f4\n"
        "  f0 --> f4\n");
  CHECK(str(to_mermaid(ratio, graph_part::backward)) ==
        "flowchart TB\n"
        "  b4[\"y = u / x\"]\n"
        "  b2[\"u = sin(x)\"]\n"
        "  b0[\"x\"]\n"
        "  b4 -->|\"∂y/∂u = 1/x\"| b2\n"
        "  b4 -->|\"∂y/∂x = -u/x^2\"| b0\n"
        "  b2 -->|\"∂u/∂x = cos(x)\"| b0\n");
}

TEST_CASE("dot: shared nodes are drawn once, each use is an edge", "[io]") {
  // x*x is one node (t1), used by x*x*x and by the sum; x*x has two edges to x
  CHECK(str(to_dot(x * x * x + x * x)) ==
        "digraph tapeless {\n"
        "  node [shape=box];\n"
        "  subgraph cluster_forward {\n"
        "    label=\"computation graph\";\n"
        "    f0 [label=\"x\"];\n"
        "    f1 [label=\"t1 = x * x\"];\n"
        "    f2 [label=\"t2 = t1 * x\"];\n"
        "    f3 [label=\"t3 = t2 + t1\"];\n"
        "    f1 -> f0 [dir=back];\n"
        "    f1 -> f0 [dir=back];\n"
        "    f2 -> f1 [dir=back];\n"
        "    f2 -> f0 [dir=back];\n"
        "    f3 -> f2 [dir=back];\n"
        "    f3 -> f1 [dir=back];\n"
        "  }\n"
        "  subgraph cluster_backward {\n"
        "    label=\"reverse sweep\";\n"
        "    b3 [label=\"t3 = t2 + t1\"];\n"
        "    b2 [label=\"t2 = t1 * x\"];\n"
        "    b1 [label=\"t1 = x * x\"];\n"
        "    b0 [label=\"x\"];\n"
        "    b3 -> b2 [label=\"∂t3/∂t2 = 1\"];\n"
        "    b3 -> b1 [label=\"∂t3/∂t1 = 1\"];\n"
        "    b2 -> b1 [label=\"∂t2/∂t1 = x\"];\n"
        "    b2 -> b0 [label=\"∂t2/∂x = t1\"];\n"
        "    b1 -> b0 [label=\"∂t1/∂x = x\"];\n"
        "    b1 -> b0 [label=\"∂t1/∂x = x\"];\n"
        "  }\n"
        "}\n");
}

TEST_CASE("graphs: constants are drawn forward only; names escaped; unknown partials", "[io]") {
  // the sweep never visits 2.5 or c<3> (no variable behind them)
  CHECK(str(to_mermaid(2.5 * x + c<3> * sin(x), graph_part::backward)) ==
        "flowchart TB\n"
        "  b6[\"t4 = t1 + t3\"]\n"
        "  b5[\"t3 = 3 * t2\"]\n"
        "  b4[\"t2 = sin(x)\"]\n"
        "  b2[\"t1 = 2.5 * x\"]\n"
        "  b1[\"x\"]\n"
        "  b6 -->|\"∂t4/∂t1 = 1\"| b2\n"
        "  b6 -->|\"∂t4/∂t3 = 1\"| b5\n"
        "  b5 -->|\"∂t3/∂t2 = 3\"| b4\n"
        "  b4 -->|\"∂t2/∂x = cos(x)\"| b1\n"
        "  b2 -->|\"∂t1/∂x = 2.5\"| b1\n");
  CHECK(str(to_mermaid(-2.0 * x, graph_part::forward)) ==
        "flowchart BT\n"
        "  f0[\"-2\"]\n"
        "  f1[\"x\"]\n"
        "  f2[\"t1 = -2 * x\"]\n"
        "  f0 --> f2\n"
        "  f1 --> f2\n");
  CHECK(str(to_mermaid(x * -2.0, graph_part::backward)) ==
        "flowchart TB\n"
        "  b2[\"t1 = x * (-2)\"]\n"
        "  b0[\"x\"]\n"
        "  b2 -->|\"∂t1/∂x = (-2)\"| b0\n");
  constexpr var<"a\"#b"> odd;
  CHECK(str(to_mermaid(odd * y, graph_part::backward)) ==
        "flowchart TB\n"
        "  b2[\"t1 = a#quot;#35;b * y\"]\n"
        "  b1[\"y\"]\n"
        "  b0[\"a#quot;#35;b\"]\n"
        "  b2 -->|\"∂t1/∂a#quot;#35;b = y\"| b0\n"
        "  b2 -->|\"∂t1/∂y = a#quot;#35;b\"| b1\n");
  CHECK(str(to_dot(odd * y, graph_part::forward)) ==
        "digraph tapeless {\n"
        "  node [shape=box];\n"
        "  f0 [label=\"a\\\"#b\"];\n"
        "  f1 [label=\"y\"];\n"
        "  f2 [label=\"t1 = a\\\"#b * y\"];\n"
        "  f2 -> f0 [dir=back];\n"
        "  f2 -> f1 [dir=back];\n"
        "}\n");
  CHECK(str(to_mermaid(make_node<my_norm_op>(x, y), graph_part::backward)) ==
        "flowchart TB\n"
        "  b2[\"t1 = my_norm(x, y)\"]\n"
        "  b1[\"y\"]\n"
        "  b0[\"x\"]\n"
        "  b2 -->|\"∂t1/∂x\"| b0\n"
        "  b2 -->|\"∂t1/∂y\"| b1\n");
}

TEST_CASE("graphs: partials of every core operation", "[io]") {
  constexpr auto f = let<"f">(x - y) + let<"g">(pow(x, y)) + let<"h">(sqrt(x)) +
                     let<"k">(exp(x)) + let<"l">(log(y)) + let<"m">(cos(y)) + let<"n">(-x) +
                     let<"p">(pow<-2>(x)) + let<"q">(x / y);
  const std::string s = str(to_mermaid(f, graph_part::backward));
  for (const char* edge : {"∂f/∂x = 1\"", "∂f/∂y = -1\"", "∂g/∂x = y*x^(y - 1)\"",
                           "∂g/∂y = x^y*log(x)\"", "∂h/∂x = 1/(2*sqrt(x))\"",
                           "∂k/∂x = exp(x)\"", "∂l/∂y = 1/y\"", "∂m/∂y = -sin(y)\"",
                           "∂n/∂x = -1\"", "∂p/∂x = -2*x^(-3)\"", "∂q/∂x = 1/y\"",
                           "∂q/∂y = -x/y^2\""}) {
    INFO(edge << " in\n" << s);
    CHECK(s.find(edge) != std::string::npos);
  }
}

TEST_CASE("graphs: operations known by name (no op_format of their own)", "[io]") {
  // tan, atan2, abs, select and the comparisons are found in detail::io::known_operations
  constexpr auto f = select(x > 0 && y <= x, tan(x) * atan2(y, x), abs(y));
  CHECK(str(to_string(f)) == "select(x > 0 && y <= x, tan(x) * atan2(y, x), abs(y))");
  CHECK(str(to_latex(f)) ==
        "\\operatorname{select}\\left(x > 0 \\land y \\le x, \\tan(x) \\cdot "
        "\\operatorname{atan2}(y, x), \\operatorname{abs}(y)\\right)");
  const std::string s = str(to_mermaid(f, graph_part::backward));
  for (const char* edge : {"∂t4/∂x = 1 + tan(x)^2\"", "∂t5/∂y = x/(y^2 + x^2)\"",
                           "∂t5/∂x = -y/(y^2 + x^2)\"", "∂t7/∂y = sign(y)\"",
                           "∂t8/∂t6 = (t3 ? 1 : 0)\"", "∂t8/∂t7 = (t3 ? 0 : 1)\""}) {
    INFO(edge << " in\n" << s);
    CHECK(s.find(edge) != std::string::npos);
  }
  CHECK(str(to_string(!(x < y) || x == y)) == "!(x < y) || x == y");
}

namespace my_ops {
struct softsign {  // docs/printing.md's example of an op_format specialisation
  static constexpr char name[] = "softsign";
  template <class T>
  static constexpr T apply(T a) noexcept {
    return a / (1 + (a < 0 ? -a : a));
  }
  template <std::size_t J, class Ctx, class T>
  static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    const T a = ctx.template operand<0>();
    const T d = 1 + (a < 0 ? -a : a);
    return abar / (d * d);
  }
};
}  // namespace my_ops

template <>
struct tapeless::op_format<my_ops::softsign> {
  static constexpr tapeless::notation form = tapeless::notation::function;
  static constexpr const char* symbol = "softsign";
  static constexpr const char* latex = "\\operatorname{softsign}";
  static constexpr int precedence = 10;  // an atom
  // ∂softsign(x)/∂x = 1/(1 + |x|)^2, written in terms of the operand's name
  static constexpr void partial(tapeless::partial_writer& w, std::size_t) {
    w.put("1/(1 + abs(");
    w.operand(0);
    w.put("))^2");
  }
};

TEST_CASE("graphs: a user's op_format", "[io]") {
  const auto f = make_node<my_ops::softsign>(x * y);
  CHECK(str(to_latex(f)) == "\\operatorname{softsign}\\left(x \\cdot y\\right)");
  CHECK(str(to_mermaid(f, graph_part::backward)) ==
        "flowchart TB\n"
        "  b3[\"t2 = softsign(t1)\"]\n"
        "  b2[\"t1 = x * y\"]\n"
        "  b1[\"y\"]\n"
        "  b0[\"x\"]\n"
        "  b3 -->|\"∂t2/∂t1 = 1/(1 + abs(t1))^2\"| b2\n"
        "  b2 -->|\"∂t1/∂x = y\"| b0\n"
        "  b2 -->|\"∂t1/∂y = x\"| b1\n");
}

TEST_CASE("graphs: label text is escaped for the format", "[io]") {
  // Mermaid labels are HTML: < > & become entities that Mermaid decodes
  CHECK(str(to_mermaid(x > 0 && y <= x, graph_part::forward)) ==
        "flowchart BT\n"
        "  f0[\"x\"]\n"
        "  f1[\"0\"]\n"
        "  f2[\"t1 = x #gt; 0\"]\n"
        "  f3[\"y\"]\n"
        "  f4[\"t2 = y #lt;= x\"]\n"
        "  f5[\"t3 = t1 #amp;#amp; t2\"]\n"
        "  f0 --> f2\n"
        "  f1 --> f2\n"
        "  f3 --> f4\n"
        "  f0 --> f4\n"
        "  f2 --> f5\n"
        "  f4 --> f5\n");
  CHECK(str(to_dot(x > 0, graph_part::forward)) ==
        "digraph tapeless {\n"
        "  node [shape=box];\n"
        "  f0 [label=\"x\"];\n"
        "  f1 [label=\"0\"];\n"
        "  f2 [label=\"t1 = x > 0\"];\n"
        "  f2 -> f0 [dir=back];\n"
        "  f2 -> f1 [dir=back];\n"
        "}\n");
}
