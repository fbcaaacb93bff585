// Compile-fail test: a variable of the expression has no value in at(...).
// TAPELESS_FAIL=0 compiles (every call binds every variable). TAPELESS_FAIL=N (1..4) makes the
// one line marked N bad; its good twin is the line under `#else`. Run by run_all.py.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#ifndef TAPELESS_FAIL
#define TAPELESS_FAIL 0
#endif

int main() {
  [[maybe_unused]] constexpr tapeless::var<"x"> x;
  [[maybe_unused]] constexpr tapeless::var<"y"> y;
  [[maybe_unused]] constexpr tapeless::var<"z"> z;

#if TAPELESS_FAIL == 1  // grad: y has no value
  [[maybe_unused]] const auto g = tapeless::grad(x * y, tapeless::at(x = 1.0));
#else
  [[maybe_unused]] const auto g = tapeless::grad(x * y, tapeless::at(x = 1.0, y = 2.0));
#endif

#if TAPELESS_FAIL == 2  // eval: y has no value
  [[maybe_unused]] const auto v = tapeless::eval(x * y, tapeless::at(x = 1.0));
#else
  [[maybe_unused]] const auto v = tapeless::eval(x * y, tapeless::at(x = 1.0, y = 2.0));
#endif

#if TAPELESS_FAIL == 3  // value_and_grad: y has no value
  [[maybe_unused]] const auto r = tapeless::value_and_grad(x * y, tapeless::at(x = 1.0));
#else
  [[maybe_unused]] const auto r = tapeless::value_and_grad(x * y, tapeless::at(x = 1.0, y = 2.0));
#endif

#if TAPELESS_FAIL == 4  // y and z have no value: one error, for the first (y)
  [[maybe_unused]] const auto h = tapeless::grad(x * y + z * x, tapeless::at(x = 1.0));
#else
  [[maybe_unused]] const auto h =
      tapeless::grad(x * y + z * x, tapeless::at(x = 1.0, y = 2.0, z = 3.0));
#endif

#if TAPELESS_FAIL == 0
  // The good variant also proves the results are usable (and, in constant evaluation, right).
  static_assert(tapeless::eval(x * y, tapeless::at(x = 2.0, y = 3.0)) == 6.0);
  static_assert(tapeless::grad(x * y, tapeless::at(y = 3.0, x = 2.0))[x] == 3.0);
  return (g[y] == 1.0 && v == 2.0 && r.value == 2.0 && h[z] == 1.0) ? 0 : 1;
#endif
}
