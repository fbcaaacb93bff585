// Compile-fail test: branching on an expression's value (`if`, `?:`), or select with something
// that is not a condition. TAPELESS_FAIL=N (1..3) makes the line marked N bad; its good twin,
// written with select, is under `#else`. Run by run_all.py.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#ifndef TAPELESS_FAIL
#define TAPELESS_FAIL 0
#endif

int main() {
  [[maybe_unused]] constexpr tapeless::var<"x"> x;

#if TAPELESS_FAIL == 1  // if on a condition
  double g = 0;
  if (x > 0) g = tapeless::grad(x * x, tapeless::at(x = 2.0))[x];
#else
  const double g = tapeless::grad(tapeless::select(x > 0, x * x, 0.0), tapeless::at(x = 2.0))[x];
#endif

#if TAPELESS_FAIL == 2  // ?: on a condition
  const double f = (x > 0) ? 1.0 : -1.0;
#else
  const double f = tapeless::eval(tapeless::select(x > 0, 1.0, -1.0), tapeless::at(x = -1.0));
#endif

#if TAPELESS_FAIL == 3  // select's first argument is not a condition
  const auto h = tapeless::select(x, x, -x);
#else
  const auto h = tapeless::select(x != 0, x, -x);
#endif

  return g == 4.0 && f == -1.0 && tapeless::eval(h, tapeless::at(x = -1.0)) == 1.0 ? 0 : 1;
}
