// Compile-fail test: a variable bound to something that is not a number (`x = value`).
// TAPELESS_FAIL=0 compiles (every value a number). TAPELESS_FAIL=N (1..4) makes the one line
// marked N bad; its good twin is the line under `#else`. Run by run_all.py.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#ifndef TAPELESS_FAIL
#define TAPELESS_FAIL 0
#endif

struct some_struct {
  double value = 1.0;
};

int main() {
  [[maybe_unused]] constexpr tapeless::var<"x"> x;
  [[maybe_unused]] constexpr tapeless::var<"y"> y;

#if TAPELESS_FAIL == 1  // a string
  [[maybe_unused]] const auto a = tapeless::at(x = "hello");
#else
  [[maybe_unused]] const auto a = tapeless::at(x = 1.0);
#endif

#if TAPELESS_FAIL == 2  // a struct
  [[maybe_unused]] const auto b = tapeless::at(x = some_struct{});
#else
  [[maybe_unused]] const auto b = tapeless::at(x = some_struct{}.value);
#endif

#if TAPELESS_FAIL == 3  // bool is rejected too
  [[maybe_unused]] const auto c = tapeless::at(x = true);
#else
  [[maybe_unused]] const auto c = tapeless::at(x = 1);
#endif

#if TAPELESS_FAIL == 4  // inside grad, for y: one error, none from at or grad after it
  [[maybe_unused]] const auto g = tapeless::grad(x * y, tapeless::at(x = 1.0, y = "2"));
#else
  [[maybe_unused]] const auto g = tapeless::grad(x * y, tapeless::at(x = 1.0, y = 2));
#endif

#if TAPELESS_FAIL == 0
  return (tapeless::eval(x, a) == 1.0 && tapeless::eval(x, b) == 1.0 &&
          tapeless::eval(x, c) == 1.0 && g[x] == 2.0)
             ? 0
             : 1;
#endif
}
