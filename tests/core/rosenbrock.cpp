// The Rosenbrock function against its hand-written gradient: 2-D with run-time constants, with
// compile-time constants c<V> and through the functional form; extended (n = 10, independent
// pairs) and chained (n = 10) forms through a variadic lambda.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <utility>

#include "support.hpp"

namespace {

using core_test::within_roundings;
using tapeless::at;
using tapeless::c;
using tapeless::eval;
using tapeless::grad;
using tapeless::value_and_grad;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;

// --- 2-D: f = (1 - x)^2 + 100 (y - x^2)^2 ----------------------------------------------------

constexpr auto rosen_runtime = (1.0 - x) * (1.0 - x) + 100.0 * (y - x * x) * (y - x * x);
constexpr auto rosen_literal = (c<1> - x) * (c<1> - x) + c<100> * (y - x * x) * (y - x * x);
constexpr auto rosen_square =
    tapeless::square(c<1> - x) + c<100> * tapeless::square(y - tapeless::square(x));
constexpr auto rosen_fn = [](auto a, auto b) {
  return (1.0 - a) * (1.0 - a) + 100.0 * (b - a * a) * (b - a * a);
};

struct gradient2 {
  long double dx, dy, mx, my;  // the partials and the magnitudes of their terms
};

// df/dx = -2 (1 - x) - 400 x (y - x^2), df/dy = 200 (y - x^2)
constexpr gradient2 rosen_gradient(long double a, long double b) {
  const long double r = b - a * a;
  const long double t1 = -2 * (1 - a);
  const long double t2 = -400 * a * r;
  return {t1 + t2, 200 * r, core_test::cabs(t1) + core_test::cabs(t2),
          200 * (core_test::cabs(b) + a * a)};
}

// the minimum at (1, 1)
static_assert(eval(rosen_runtime, at(x = 1.0, y = 1.0)) == 0.0);
static_assert(grad(rosen_runtime, at(x = 1.0, y = 1.0))[x] == 0.0);
static_assert(grad(rosen_runtime, at(x = 1.0, y = 1.0))[y] == 0.0);
static_assert(grad(rosen_literal, at(x = 1.0, y = 1.0))[x] == 0.0);
static_assert(grad(rosen_square, at(x = 1.0, y = 1.0))[y] == 0.0);
// the classic starting point (-1.2, 1): f = 24.2, gradient (-215.6, -88)
static_assert(core_test::cabs(eval(rosen_runtime, at(x = -1.2, y = 1.0)) - 24.2) < 1e-13);
static_assert(core_test::cabs(grad(rosen_runtime, at(x = -1.2, y = 1.0))[x] + 215.6) < 1e-12);
static_assert(core_test::cabs(grad(rosen_runtime, at(x = -1.2, y = 1.0))[y] + 88.0) < 1e-12);
static_assert(core_test::cabs(tapeless::grad(rosen_fn)(-1.2, 1.0)[0] + 215.6) < 1e-12);
// integer points: exact. At (2, 3): r = -1, df/dx = 2 + 800 = 802, df/dy = -200
static_assert(grad(rosen_runtime, at(x = 2.0, y = 3.0))[x] == 802.0);
static_assert(grad(rosen_literal, at(x = 2.0, y = 3.0))[y] == -200.0);
static_assert(tapeless::grad(rosen_fn)(2.0, 3.0) == std::array{802.0, -200.0});
static_assert(tapeless::value_and_grad(rosen_fn)(2.0, 3.0).value == 101.0);
// Sharing: with c<> the factors (c<1> - x) and (y - x*x) are pure and shared: c<1>, x, 1-x,
// (1-x)^2, c<100>, y, x*x, y-x*x, 100*(y-x*x), *(y-x*x), +. With run-time constants each
// 1.0 - x is its own pair of nodes (1.0 and the difference), the rest is the same.
static_assert(tapeless::node_count(rosen_literal) == 11);
static_assert(tapeless::node_count(rosen_runtime) == 13);
// c<1>, x, 1-x, (1-x)^2, c<100>, y, x^2, y-x^2, (y-x^2)^2, 100*(...), +
static_assert(tapeless::node_count(rosen_square) == 11);

TEST_CASE("2-D Rosenbrock: exact gradient at integer points, three spellings", "[rosenbrock]") {
  for (int i = -30; i <= 30; ++i) {
    for (int j = -30; j <= 30; ++j) {
      const double a = i;
      const double b = j;
      CAPTURE(a, b);
      // integers below 2^53 all the way: every spelling must be exact
      const double r = b - a * a;
      const double dx = -2 * (1 - a) - 400 * a * r;
      const double dy = 200 * r;
      const double v = (1 - a) * (1 - a) + 100 * r * r;
      const auto g1 = value_and_grad(rosen_runtime, at(x = a, y = b));
      const auto g2 = value_and_grad(rosen_literal, at(x = a, y = b));
      const auto g3 = value_and_grad(rosen_square, at(x = a, y = b));
      const auto g4 = tapeless::value_and_grad(rosen_fn)(a, b);
      CORE_CHECK(g1.value == v);
      CORE_CHECK(g1.grad[x] == dx);
      CORE_CHECK(g1.grad[y] == dy);
      CORE_CHECK(g2.value == v);
      CORE_CHECK(g2.grad[x] == dx);
      CORE_CHECK(g2.grad[y] == dy);
      CORE_CHECK(g3.value == v);
      CORE_CHECK(g3.grad[x] == dx);
      CORE_CHECK(g3.grad[y] == dy);
      CORE_CHECK(g4.value == v);
      CORE_CHECK((g4.grad == std::array{dx, dy}));
    }
  }
}

TEST_CASE("2-D Rosenbrock: gradient at random points within the rounding bound", "[rosenbrock]") {
  core_test::rng gen(300);
  for (int i = 0; i < 5000; ++i) {
    const double a = gen.uniform(-2, 2);
    const double b = gen.uniform(-1, 3);
    CAPTURE(a, b);
    const gradient2 want = rosen_gradient(a, b);
    const auto g1 = grad(rosen_runtime, at(x = a, y = b));
    const auto g2 = grad(rosen_literal, at(x = a, y = b));
    const auto g3 = grad(rosen_square, at(x = a, y = b));
    const auto g4 = tapeless::grad(rosen_fn)(a, b);
    // about six roundings along the longest path; the magnitude covers y - x^2 cancelling
    const long double mx =
        want.mx + 400 * std::fabs(static_cast<long double>(a)) * (std::fabs(b) + a * a);
    CORE_CHECK(within_roundings(g1[x], want.dx, mx, 10));
    CORE_CHECK(within_roundings(g1[y], want.dy, want.my, 4));
    CORE_CHECK(within_roundings(g2[x], want.dx, mx, 10));
    CORE_CHECK(within_roundings(g2[y], want.dy, want.my, 4));
    CORE_CHECK(within_roundings(g3[x], want.dx, mx, 10));
    CORE_CHECK(within_roundings(g3[y], want.dy, want.my, 4));
    CORE_CHECK(within_roundings(g4[0], want.dx, mx, 10));
    CORE_CHECK(within_roundings(g4[1], want.dy, want.my, 4));
    // the run-time and functional spellings are the same expression: the same numbers
    CORE_CHECK(g4[0] == g1[x]);
    CORE_CHECK(g4[1] == g1[y]);
  }
}

// --- n = 10 ------------------------------------------------------------------------------------

// Extended Rosenbrock (More, Garbow, Hillstrom): sum over the pairs (x_{2i-1}, x_{2i}) of
// 100 (x_{2i} - x_{2i-1}^2)^2 + (1 - x_{2i-1})^2.
template <class A, class B, class... R>
constexpr auto extended_rosenbrock(const A& a, const B& b, const R&... rest) {
  const auto term = 100.0 * ((b - a * a) * (b - a * a)) + (1.0 - a) * (1.0 - a);
  if constexpr (sizeof...(R) == 0)
    return term;
  else
    return term + extended_rosenbrock(rest...);
}

// Chained Rosenbrock: sum over i of 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2, i = 1..n-1.
template <class A, class B, class... R>
constexpr auto chained_rosenbrock(const A& a, const B& b, const R&... rest) {
  const auto term = 100.0 * ((b - a * a) * (b - a * a)) + (1.0 - a) * (1.0 - a);
  if constexpr (sizeof...(R) == 0)
    return term;
  else
    return term + chained_rosenbrock(b, rest...);
}

constexpr auto extended_fn = [](auto... p) { return extended_rosenbrock(p...); };
constexpr auto chained_fn = [](auto... p) { return chained_rosenbrock(p...); };

template <class F, std::size_t... I>
constexpr auto value_and_grad10(const F& fn, const std::array<double, 10>& p,
                                std::index_sequence<I...>) {
  return tapeless::value_and_grad(fn)(p[I]...);
}
template <class F>
constexpr auto value_and_grad10(const F& fn, const std::array<double, 10>& p) {
  return value_and_grad10(fn, p, std::make_index_sequence<10>{});
}

struct gradient10 {
  std::array<long double, 10> g{}, magnitude{};
};

gradient10 extended_gradient(const std::array<double, 10>& p) {
  gradient10 out;
  for (std::size_t i = 0; i < 10; i += 2) {
    const long double a = p[i];
    const long double b = p[i + 1];
    const long double r = b - a * a;
    out.g[i] = -400 * a * r - 2 * (1 - a);
    out.g[i + 1] = 200 * r;
    out.magnitude[i] = 400 * std::fabs(a) * (std::fabs(b) + a * a) + 2 * std::fabs(1 - a);
    out.magnitude[i + 1] = 200 * (std::fabs(b) + a * a);
  }
  return out;
}

gradient10 chained_gradient(const std::array<double, 10>& p) {
  gradient10 out;
  for (std::size_t i = 0; i + 1 < 10; ++i) {
    const long double a = p[i];
    const long double b = p[i + 1];
    const long double r = b - a * a;
    out.g[i] += -400 * a * r - 2 * (1 - a);
    out.g[i + 1] += 200 * r;
    out.magnitude[i] += 400 * std::fabs(a) * (std::fabs(b) + a * a) + 2 * std::fabs(1 - a);
    out.magnitude[i + 1] += 200 * (std::fabs(b) + a * a);
  }
  return out;
}

constexpr std::array<double, 10> ones{1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
static_assert(value_and_grad10(extended_fn, ones).value == 0.0);
static_assert(value_and_grad10(extended_fn, ones).grad == std::array<double, 10>{});
static_assert(value_and_grad10(chained_fn, ones).grad == std::array<double, 10>{});
// the standard starting point (-1.2, 1, -1.2, 1, ...): f = 5 * 24.2 for the extended form
constexpr std::array<double, 10> start{-1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1, -1.2, 1};
static_assert(core_test::cabs(value_and_grad10(extended_fn, start).value - 121.0) < 1e-12);

TEST_CASE("extended and chained Rosenbrock, n = 10, through a variadic lambda", "[rosenbrock]") {
  core_test::rng gen(301);
  for (int round = 0; round < 2000; ++round) {
    std::array<double, 10> p{};
    for (auto& v : p) v = round < 200 ? gen.integer(-20, 20) : gen.uniform(-2, 2);
    const auto e = value_and_grad10(extended_fn, p);
    const auto ch = value_and_grad10(chained_fn, p);
    const gradient10 we = extended_gradient(p);
    const gradient10 wc = chained_gradient(p);
    for (std::size_t i = 0; i < 10; ++i) {
      CAPTURE(round, i, p[i]);
      if (round < 200) {  // integers: exact
        CORE_CHECK(e.grad[i] == static_cast<double>(we.g[i]));
        CORE_CHECK(ch.grad[i] == static_cast<double>(wc.g[i]));
      } else {
        CORE_CHECK(within_roundings(e.grad[i], we.g[i], we.magnitude[i], 10));
        CORE_CHECK(within_roundings(ch.grad[i], wc.g[i], wc.magnitude[i], 12));
      }
    }
    // the lambda called on plain doubles is the same function
    const double direct = [&]<std::size_t... I>(std::index_sequence<I...>) {
      return extended_rosenbrock(p[I]...);
    }
    (std::make_index_sequence<10>{});
    CORE_CHECK(e.value == direct);
  }
}

}  // namespace
