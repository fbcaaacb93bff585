// User-defined functions: an operation type plus make_node works in eval, grad, constant
// evaluation and sharing like a built-in. A counting operation proves that in
// f = g(x)*g(x) + g(x) the forward value of g(x) is computed once per evaluation and its
// derivative once per sweep.
// SPDX-License-Identifier: BSL-1.0
#include <catch2/catch.hpp>
#include <tapeless/tapeless.hpp>

#include <cstddef>
#include <type_traits>

namespace {

int applies = 0;
int adjoints = 0;

/// g(x) = x³ with counters (counted only at run time, so it stays usable in static_assert).
struct counted_cube {
  static constexpr char name[] = "g";
  template <class T>
  static constexpr T apply(T x) {
    if (!std::is_constant_evaluated()) ++applies;
    return x * x * x;
  }
  template <std::size_t J, class Ctx, class T>
  static constexpr T adjoint(const Ctx& ctx, T abar) {
    if (!std::is_constant_evaluated()) ++adjoints;
    const T x = ctx.template operand<0>();
    return abar * (3 * x * x);
  }
};

template <tapeless::expression X>
constexpr auto g(const X& x) {
  return tapeless::make_node<counted_cube>(x);
}

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr auto f = g(x) * g(x) + g(x);  // g(x)^2 + g(x) = x^6 + x^3

}  // namespace

TEST_CASE("a user-defined function works in constant evaluation") {
  STATIC_REQUIRE(tapeless::eval(f, tapeless::at(x = 2.0)) == 72.0);
  STATIC_REQUIRE(tapeless::grad(f, tapeless::at(x = 2.0))[x] == 6 * 32.0 + 3 * 4.0);
  STATIC_REQUIRE(tapeless::node_count(f) == 4);  // x, g(x), g(x)*g(x), +
}

TEST_CASE("a shared user-defined node is evaluated once and differentiated once") {
  for (int i = -8; i <= 8; ++i) {
    const double v = 0.25 * i;
    applies = adjoints = 0;
    const double value = tapeless::eval(f, tapeless::at(x = v));
    CHECK(applies == 1);
    CHECK(adjoints == 0);
    CHECK(value == v * v * v * v * v * v + v * v * v);  // exact: dyadic v, small exponents

    applies = adjoints = 0;
    const auto r = tapeless::value_and_grad(f, tapeless::at(x = v));
    CHECK(applies == 1);
    CHECK(adjoints == 1);
    // d/dx (u² + u) with u = x³: (2u + 1) 3x², summed over three uses of u before the one
    // call of the rule; exact for these dyadic points.
    const double u = v * v * v;
    CHECK(r.grad[x] == (2 * u + 1) * (3 * v * v));
  }
}

TEST_CASE("a user-defined function of a run-time-constant subexpression is one node per use") {
  applies = adjoints = 0;
  const auto h = g(2.0 * x) + g(2.0 * x);  // two occurrences, values unknown to the compiler
  const auto r = tapeless::value_and_grad(h, tapeless::at(x = 1.5));
  CHECK(applies == 2);
  CHECK(adjoints == 2);
  CHECK(r.grad[x] == 2 * (3 * 9.0 * 2));  // 2 · 3(2x)² · 2 at x = 1.5

  applies = adjoints = 0;
  const auto u = tapeless::let<"u">(g(2.0 * x));  // named: shared again
  const auto r2 = tapeless::value_and_grad(u + u * y, tapeless::at(x = 1.5, y = 0.5));
  CHECK(applies == 1);
  CHECK(adjoints == 1);
  CHECK(r2.grad[x] == (1 + 0.5) * (3 * 9.0 * 2));
  CHECK(r2.grad[y] == 27.0);
}
