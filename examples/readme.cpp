// The code block at the top of README.md, verbatim (tools/check_docs.py checks that it stays
// so), followed by checks of the values the README states or implies.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <cmath>
#include <cstdio>

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;

constexpr auto f = x*x*x + x*x;                                   // an expression type
static_assert(tapeless::eval(f, tapeless::at(x = 2.0)) == 12.0);
static_assert(tapeless::grad(f, tapeless::at(x = 2.0))[x] == 16.0);   // 3x² + 2x

const auto r = tapeless::value_and_grad(x*y + sin(y), tapeless::at(x = 1.0, y = 0.5));
// r.value, r.grad[x], r.grad[y]

// generic code, written once for numbers and for expressions:
constexpr auto h = [](auto a, auto b) { return a*a*b + b; };
static_assert(tapeless::grad(h)(3.0, 2.0) == std::array{12.0, 10.0});

int main() {
  // f = x·y + sin(y) at (1, 0.5): ∂f/∂x = y, ∂f/∂y = x + cos(y)
  const double value = 1.0 * 0.5 + std::sin(0.5), dx = 0.5, dy = 1.0 + std::cos(0.5);
  const auto close = [](double a, double b) { return std::fabs(a - b) <= 1e-15 * std::fabs(b); };
  std::printf("f = %.17g, df/dx = %.17g, df/dy = %.17g\n", r.value, r.grad[x], r.grad[y]);
  const bool ok = close(r.value, value) && close(r.grad[x], dx) && close(r.grad[y], dy) &&
                  h(3.0, 2.0) == 20.0;  // the generic callable also runs on numbers
  return ok ? 0 : 1;
}
