// Compile-fail test: vectors of different lengths in one elementwise operation, a vector
// variable bound to the wrong number of values, and the gradient of a vector expression.
// TAPELESS_FAIL=N (1..3) makes the line marked N
// bad; its good twin is under `#else`. Run by run_all.py.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <array>

#ifndef TAPELESS_FAIL
#define TAPELESS_FAIL 0
#endif

int main() {
  [[maybe_unused]] constexpr tapeless::vec<"x", 3> x;
  [[maybe_unused]] constexpr tapeless::vec<"y", 4> y;
  [[maybe_unused]] constexpr tapeless::vec<"z", 3> z;

#if TAPELESS_FAIL == 1  // lengths 3 and 4
  const auto f = tapeless::sum(x * y);
#else
  const auto f = tapeless::sum(x * z);
#endif

#if TAPELESS_FAIL == 2  // x has 3 elements, bound to 4
  const auto p = tapeless::at(x = std::array{1.0, 2.0, 3.0, 4.0}, y = std::array{1.0, 1.0, 1.0, 1.0},
                              z = std::array{1.0, 1.0, 1.0});
#else
  const auto p = tapeless::at(x = std::array{1.0, 2.0, 3.0}, y = std::array{1.0, 1.0, 1.0, 1.0},
                              z = std::array{1.0, 1.0, 1.0});
#endif

#if TAPELESS_FAIL == 3  // not reduced to a scalar
  const auto g = tapeless::grad(x * z, p);
#else
  const auto g = tapeless::grad(tapeless::sum(x * z), p);
#endif

  return tapeless::eval(f, p) == 6.0 && g[x][0] == 1.0 ? 0 : 1;
}
