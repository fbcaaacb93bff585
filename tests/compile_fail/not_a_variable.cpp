// Compile-fail test: asking a gradient for the derivative with respect to something that is not
// a variable, an operation without a derivative rule, and x^2 written for a power.
// TAPELESS_FAIL=N (1..3) makes the
// line marked N bad; its good twin is under `#else`. Run by run_all.py.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <cstddef>

#ifndef TAPELESS_FAIL
#define TAPELESS_FAIL 0
#endif

namespace {
struct no_rule {  // a user's operation that forgot its adjoint
  static constexpr char name[] = "no_rule";
  template <class T>
  static constexpr T apply(T v) noexcept {
    return v * v;
  }
#if TAPELESS_FAIL != 2
  template <std::size_t J, class Ctx, class T>
  static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    return abar * 2 * ctx.template operand<0>();
  }
#endif
};
}  // namespace

int main() {
  [[maybe_unused]] constexpr tapeless::var<"x"> x;
  [[maybe_unused]] constexpr tapeless::var<"y"> y;
  const auto g = tapeless::grad(x * y, tapeless::at(x = 2.0, y = 3.0));

#if TAPELESS_FAIL == 1  // the derivative with respect to x*y
  const double d = g[x * y];
#else
  const double d = g[x];
#endif

#if TAPELESS_FAIL == 3  // ^ for a power
  const auto f = x ^ 2;
#else
  const auto f = tapeless::make_node<no_rule>(x);
#endif
  return d == 3.0 && tapeless::grad(f, tapeless::at(x = 2.0))[x] == 4.0 ? 0 : 1;
}
