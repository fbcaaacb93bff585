// Compile-fail test: vectors of different lengths in one elementwise operation, a vector
// variable bound to the wrong number of values, the gradient of a vector expression, a matrix
// product of mismatched shapes, a matrix bound to the wrong shape, an elementwise operation on
// matrices of different shapes but the same size, a scalar in matmul, dot of vectors of
// different lengths.
// TAPELESS_FAIL=N (1..8) makes the line marked N
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

  [[maybe_unused]] constexpr tapeless::mat<"A", 2, 3> A;
  [[maybe_unused]] constexpr tapeless::mat<"B", 3, 2> B;
  [[maybe_unused]] constexpr tapeless::var<"s"> s;
#if TAPELESS_FAIL == 4  // (2x3) times a vector of 4
  const auto m = tapeless::sum(tapeless::matmul(A, y));
#else
  const auto m = tapeless::sum(tapeless::matmul(A, x));
#endif
#if TAPELESS_FAIL == 5  // A is 2x3, bound to 3x2
  const auto q = tapeless::at(A = std::array{std::array{1.0, 2.0}, std::array{1.0, 2.0},
                                             std::array{1.0, 2.0}},
                              x = std::array{1.0, 2.0, 3.0});
#else
  const auto q = tapeless::at(A = std::array{std::array{1.0, 2.0, 3.0}, std::array{1.0, 2.0, 3.0}},
                              x = std::array{1.0, 2.0, 3.0});
#endif
#if TAPELESS_FAIL == 6  // 2x3 + 3x2: six entries each, different shapes
  const auto h = tapeless::sum(A + B);
#else
  const auto h = tapeless::sum(A + tapeless::transpose(B));
#endif
#if TAPELESS_FAIL == 7  // a scalar factor
  const auto k = tapeless::sum(tapeless::matmul(s, x));
#else
  const auto k = tapeless::sum(s * x);
#endif

#if TAPELESS_FAIL == 8  // dot of lengths 3 and 4
  const auto d = tapeless::dot(x, y);
#else
  const auto d = tapeless::dot(x, z);
#endif

  const double dv = tapeless::eval(d, p);
  const double hv = tapeless::eval(h, tapeless::at(A = std::array<double, 6>{}, B = std::array<double, 6>{}));
  const double kv = tapeless::eval(k, tapeless::at(s = 1.0, x = std::array{1.0, 2.0, 3.0}));
  return tapeless::eval(f, p) == 6.0 && g[x][0] == 1.0 && tapeless::eval(m, q) == 12.0 &&
                 hv == 0.0 && kv == 6.0 && dv == 6.0
             ? 0
             : 1;
}
