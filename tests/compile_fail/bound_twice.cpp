// Compile-fail test: at(...) binds a variable twice.
// TAPELESS_FAIL=0 compiles (each variable bound once). TAPELESS_FAIL=N (1..3) makes the one
// line marked N bad; its good twin is the line under `#else`. Run by run_all.py.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#ifndef TAPELESS_FAIL
#define TAPELESS_FAIL 0
#endif

int main() {
  [[maybe_unused]] constexpr tapeless::var<"x"> x;
  [[maybe_unused]] constexpr tapeless::var<"y"> y;
  [[maybe_unused]] constexpr tapeless::var<"z"> z;

#if TAPELESS_FAIL == 1  // x twice, same value type
  [[maybe_unused]] const auto a = tapeless::at(x = 1.0, x = 2.0);
#else
  [[maybe_unused]] const auto a = tapeless::at(x = 1.0, y = 2.0);
#endif

#if TAPELESS_FAIL == 2  // x twice, different value types (double, float)
  [[maybe_unused]] const auto b = tapeless::at(x = 1.0, y = 2.0, x = 2.0f);
#else
  [[maybe_unused]] const auto b = tapeless::at(x = 1.0, y = 2.0, z = 2.0f);
#endif

#if TAPELESS_FAIL == 3  // inside grad: one error, none from grad after it
  [[maybe_unused]] const auto g = tapeless::grad(x * y, tapeless::at(x = 1.0, y = 2.0, x = 3.0));
#else
  [[maybe_unused]] const auto g = tapeless::grad(x * y, tapeless::at(x = 1.0, y = 2.0));
#endif

#if TAPELESS_FAIL == 0
  return (tapeless::eval(x + y, a) == 3.0 && tapeless::eval(x + z, b) == 3.0 && g[x] == 2.0)
             ? 0
             : 1;
#endif
}
