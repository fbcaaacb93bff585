// The seed's two diagrams, drawn by tapeless from the expression types: y = x³ + x² through
// u = x³ and v = x², and y = sin(x)/x through u = sin(x). Each prints as a Mermaid flowchart
// with the computation graph and the reverse sweep, every sweep edge labelled with its local
// partial derivative. Paste the output into a ```mermaid block to see it.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/io/graph.hpp>
#include <tapeless/io/print.hpp>
#include <tapeless/tapeless.hpp>

#include <cstdio>

constexpr tapeless::var<"x"> x;

// 1. y = x³ + x²: two paths reach x, through u and through v; the sweep adds them.
constexpr auto u_1 = tapeless::let<"u">(tapeless::pow<3>(x));
constexpr auto v_1 = tapeless::let<"v">(tapeless::pow<2>(x));
constexpr auto y_1 = tapeless::let<"y">(u_1 + v_1);

// 2. y = sin(x)/x: x is reached directly and through u.
constexpr auto u_2 = tapeless::let<"u">(sin(x));
constexpr auto y_2 = tapeless::let<"y">(u_2 / x);

// The drawings are built at compile time; printing is all that happens at run time.
constexpr auto seed1 = tapeless::to_mermaid(y_1);
constexpr auto seed2 = tapeless::to_mermaid(y_2);
static_assert(tapeless::to_string(y_1) == "y = u + v where u = x^3, v = x^2");
static_assert(tapeless::to_string(y_2) == "y = u / x where u = sin(x)");

int main() {
  std::printf("%%%% %s\n%s\n", tapeless::to_string(y_1).c_str(), seed1.c_str());
  std::printf("%%%% %s\n%s", tapeless::to_string(y_2).c_str(), seed2.c_str());
  return 0;
}
