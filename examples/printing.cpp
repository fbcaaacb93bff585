// Expressions as text and LaTeX, and how a user-defined operation teaches the printers its
// notation and its local partial derivative (tapeless::op_format). The code blocks of
// docs/printing.md are in here verbatim (tools/check_docs.py).
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/io/graph.hpp>
#include <tapeless/io/print.hpp>

#include <cstddef>
#include <cstdio>
#include <string_view>

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"z"> z;

static_assert(tapeless::to_string(x * y + z) == "x * y + z");
static_assert(tapeless::to_latex(sin(x) / x) == "\\frac{\\sin(x)}{x}");
constexpr auto scaled = 2.5 * x;  // a run-time constant, printed from the object
static_assert(tapeless::to_string(scaled) == "2.5 * x");

namespace my_ops {
/// softsign(x) = x / (1 + |x|)
struct softsign {
  static constexpr char name[] = "softsign";
  template <class T>
  static constexpr T apply(T v) {
    return v / (1 + (v < 0 ? -v : v));
  }
  template <std::size_t J, class Ctx, class T>
  static constexpr T adjoint(const Ctx& ctx, T abar) {
    const T v = ctx.template operand<0>();
    return abar / ((1 + (v < 0 ? -v : v)) * (1 + (v < 0 ? -v : v)));
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

constexpr auto s = tapeless::make_node<my_ops::softsign>(x * y);
static_assert(tapeless::to_string(s + z) == "softsign(x * y) + z");
static_assert(tapeless::to_latex(s) == R"(\operatorname{softsign}\left(x \cdot y\right))");

int main() {
  constexpr auto drawing = tapeless::to_mermaid(s, tapeless::graph_part::backward);
  std::printf("%s\n%s\n%s\n", tapeless::to_string(s + z).c_str(), tapeless::to_latex(s).c_str(),
              drawing.c_str());
  // the sweep edge from softsign(x * y) to its operand is labelled with the partial above
  return std::string_view(drawing).find("1/(1 + abs(t1))^2") != std::string_view::npos ? 0 : 1;
}
