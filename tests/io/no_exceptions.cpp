// The printers in an embedded-style build: -fno-exceptions -fno-rtti, no iostream, output by
// printf only; everything computed in constant evaluation.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/io/graph.hpp>
#include <tapeless/io/print.hpp>

#include <cstdio>

constexpr tapeless::var<"x"> x;
constexpr auto f = tapeless::let<"u">(sin(x)) / x;
constexpr auto text = tapeless::to_string(f);
constexpr auto latex = tapeless::to_latex(f);
constexpr auto drawing = tapeless::to_dot(f, tapeless::graph_part::backward);
static_assert(text == "u / x where u = sin(x)");
static_assert(latex == "\\frac{u}{x} \\text{ where } u = \\sin(x)");

int main() {
  std::printf("%s\n%s\n%s", text.c_str(), latex.c_str(), drawing.c_str());
  return text.size() == 22 ? 0 : 1;
}
