// Evaluation types (float, double, long double; ints evaluate in double; mixed bindings take the
// common type), the functional form (72 arguments, float arguments), and the compile-time
// inspection functions node_count, variable_count and variable_name.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>
#include <utility>

#include "support.hpp"

namespace {

using core_test::ulp_distance;
using core_test::within_roundings;
using tapeless::at;
using tapeless::eval;
using tapeless::grad;
using tapeless::value_and_grad;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;

constexpr auto f = x * x * y + sin(y) / x - 0.1 * y;

// --- evaluation types ------------------------------------------------------------------------

template <class Binding>
using grad_type = decltype(grad(f, at(x = Binding{1}, y = Binding{1}))[x]);

static_assert(std::is_same_v<grad_type<float>, float>);
static_assert(std::is_same_v<grad_type<double>, double>);
static_assert(std::is_same_v<grad_type<long double>, long double>);
static_assert(std::is_same_v<grad_type<int>, double>);
static_assert(std::is_same_v<grad_type<short>, double>);
static_assert(std::is_same_v<decltype(eval(f, at(x = 1.0f, y = 2.0f))), float>);
static_assert(std::is_same_v<decltype(eval(f, at(x = 1, y = 2))), double>);
static_assert(std::is_same_v<decltype(eval(f, at(x = 1.0f, y = 2.0))), double>);
static_assert(std::is_same_v<decltype(eval(f, at(x = 1.0, y = 2.0L))), long double>);
static_assert(std::is_same_v<decltype(eval(f, at(x = 1.0f, y = 2))), float>);  // common_type
static_assert(std::is_same_v<decltype(value_and_grad(f, at(x = 1.0f, y = 2.0f)).value), float>);
static_assert(std::is_same_v<decltype(value_and_grad(f, at(x = 1.0f, y = 2.0)).grad[y]), double>);
static_assert(std::is_same_v<decltype(grad(f, at(x = 1.0f, y = 2.0f)))::value_type, float>);
// a variable that is not in the expression does not change the type, only bindings do
static_assert(std::is_same_v<decltype(grad(x * x, at(x = 1.0f))[y]), float>);

// int bindings: the value is the double computation
static_assert(grad(x * x * y, at(x = 3, y = 2))[x] == 12.0);
static_assert(eval(x / y, at(x = 1, y = 2)) == 0.5);  // not integer division

TEST_CASE("float bindings evaluate everything in float, constants included", "[types]") {
  // 0.1 * y in float is 0.1f * y (the constant converted to float): not the double result
  static_assert(eval(0.1 * y, at(y = 3.0f)) == 0.1f * 3.0f);
  static_assert(eval(0.1 * y, at(y = 3.0)) == 0.1 * 3.0);
  static_assert(grad(tapeless::c<0.1> * y, at(y = 3.0f))[y] == 0.1f);
  core_test::rng gen(200);
  for (int i = 0; i < 2000; ++i) {
    const auto a = static_cast<float>(gen.uniform(0.5, 4));
    const auto b = static_cast<float>(gen.uniform(-4, 4));
    CAPTURE(a, b);
    const auto r = value_and_grad(f, at(x = a, y = b));
    // the same operations in float (single operations: no contraction possible)
    const float xx = a * a;
    const float t1 = xx * b;
    const float t2 = std::sin(b) / a;
    const float t3 = 0.1f * b;
    CORE_CHECK(r.value == (t1 + t2) - t3);
    // df/dx = 2xy - sin(y)/x^2, df/dy = x^2 + cos(y)/x - 0.1, in float with few roundings
    const long double al = a;
    const long double bl = b;
    const long double dx = 2 * al * bl - std::sin(bl) / (al * al);
    const long double dy = al * al + std::cos(bl) / al - 0.1L;
    const long double mx = std::fabs(2 * al * bl) + std::fabs(std::sin(bl) / (al * al));
    const long double my = al * al + std::fabs(std::cos(bl) / al) + 0.1L;
    CORE_CHECK(within_roundings(r.grad[x], dx, mx, 8));
    CORE_CHECK(within_roundings(r.grad[y], dy, my, 8));
    // the double evaluation at the same point
    const auto rd = value_and_grad(f, at(x = static_cast<double>(a), y = static_cast<double>(b)));
    CORE_CHECK(within_roundings(rd.grad[x], dx, mx, 8));
    CORE_CHECK(within_roundings(rd.grad[y], dy, my, 8));
  }
}

TEST_CASE("long double bindings evaluate in long double", "[types]") {
  core_test::rng gen(201);
  for (int i = 0; i < 2000; ++i) {
    const long double a = gen.uniform(0.5, 4);
    const long double b = gen.uniform(-4, 4);
    CAPTURE(static_cast<double>(a), static_cast<double>(b));
    const auto g = grad(f, at(x = a, y = b));
    const long double dx = 2 * a * b - std::sin(b) / (a * a);
    const long double mx = std::fabs(2 * a * b) + std::fabs(std::sin(b) / (a * a));
    CORE_CHECK(within_roundings(g[x], dx, mx, 8));
    // 0.1 is the double constant 0.1, converted: df/dy = x^2 + cos(y)/x - fl64(0.1)
    const long double dy = a * a + std::cos(b) / a - static_cast<long double>(0.1);
    const long double my = a * a + std::fabs(std::cos(b) / a) + 0.1L;
    CORE_CHECK(within_roundings(g[y], dy, my, 8));
    CORE_CHECK(eval(x * x, at(x = a)) == a * a);
    CORE_CHECK(eval(sin(x), at(x = a)) == std::sin(a));
  }
  // long double carries more digits than double: 1 + 2^-60 survives
  const long double tiny = std::ldexp(1.0L, -60);
  if (std::numeric_limits<long double>::digits >= 64) {
    CHECK(eval(x + y, at(x = 1.0L, y = tiny)) - 1.0L == tiny);
    CHECK(eval(x + y, at(x = 1.0, y = static_cast<double>(tiny))) == 1.0);
  }
}

TEST_CASE("int bindings evaluate in double, mixed float/double bindings in double", "[types]") {
  core_test::rng gen(202);
  for (int i = 0; i < 1000; ++i) {
    const int a = gen.integer(1, 1000);
    const int b = gen.integer(-1000, 1000);
    CAPTURE(a, b);
    const double ad = a;
    const double bd = b;
    const auto gi = value_and_grad(f, at(x = a, y = b));
    const auto gd = value_and_grad(f, at(x = ad, y = bd));
    CORE_CHECK(core_test::same_bits(gi.value, gd.value));
    CORE_CHECK(core_test::same_bits(gi.grad[x], gd.grad[x]));
    CORE_CHECK(core_test::same_bits(gi.grad[y], gd.grad[y]));
    CORE_CHECK(eval(x / y + y / x, at(x = a, y = b)) == ad / bd + bd / ad);
    // float x, double y: the float value is widened exactly, then all in double
    const auto af = static_cast<float>(gen.uniform(0.5, 4));
    const double bm = gen.uniform(-4, 4);
    const auto gm = value_and_grad(f, at(x = af, y = bm));
    const auto gw = value_and_grad(f, at(x = static_cast<double>(af), y = bm));
    CORE_CHECK(core_test::same_bits(gm.value, gw.value));
    CORE_CHECK(core_test::same_bits(gm.grad[x], gw.grad[x]));
    CORE_CHECK(core_test::same_bits(gm.grad[y], gw.grad[y]));
  }
}

// --- the functional form ---------------------------------------------------------------------

template <std::size_t... I>
constexpr std::array<double, sizeof...(I)> powers_of_two(std::index_sequence<I...>) {
  // 2^-1, 2^0, 2^1, 2^-1, ...: every partial product is exact
  return {(I % 3 == 0 ? 0.5 : (I % 3 == 1 ? 1.0 : 2.0))...};
}

constexpr auto product = [](auto... p) { return (p * ...); };
constexpr auto sum_of_squares = [](auto... p) { return (... + (p * p)); };

template <class F, class T, std::size_t N, std::size_t... I>
constexpr auto call_grad(const F& fn, const std::array<T, N>& a, std::index_sequence<I...>) {
  return tapeless::grad(fn)(a[I]...);
}
template <class F, class T, std::size_t N, std::size_t... I>
constexpr auto call_value_and_grad(const F& fn, const std::array<T, N>& a,
                                   std::index_sequence<I...>) {
  return tapeless::value_and_grad(fn)(a[I]...);
}

constexpr auto idx72 = std::make_index_sequence<72>{};
constexpr std::array<double, 72> point72 = powers_of_two(idx72);

// 72 factors: 24 of each of 1/2, 1, 2, so the product is 1 and d/dp_i = 1/p_i, exactly
constexpr auto product72 = call_value_and_grad(product, point72, idx72);
static_assert(product72.value == 1.0);
static_assert(product72.grad.size() == 72);
static_assert(product72.grad[0] == 2.0 && product72.grad[1] == 1.0 && product72.grad[2] == 0.5);
static_assert(product72.grad[69] == 2.0 && product72.grad[70] == 1.0 && product72.grad[71] == 0.5);
static_assert(call_grad(sum_of_squares, point72, idx72)[71] == 4.0);
static_assert(std::is_same_v<decltype(call_grad(product, point72, idx72)), std::array<double, 72>>);

TEST_CASE("functional form with 72 arguments returns the std::array of partials",
          "[types][functional]") {
  const auto g = call_grad(product, point72, idx72);
  for (std::size_t i = 0; i < 72; ++i) {
    CAPTURE(i);
    CHECK(g[i] == 1 / point72[i]);
  }
  core_test::rng gen(203);
  for (int round = 0; round < 50; ++round) {
    std::array<double, 72> p{};
    for (auto& v : p) v = gen.uniform(0.9, 1.1);
    const auto sq = call_value_and_grad(sum_of_squares, p, idx72);
    long double total = 0;
    for (std::size_t i = 0; i < 72; ++i) {
      CAPTURE(round, i);
      CORE_CHECK(sq.grad[i] == 2 * p[i]);  // p*p -> p + p, exact
      total += static_cast<long double>(p[i]) * p[i];
    }
    CORE_CHECK(within_roundings(sq.value, total, total, 144));
    // the product: d/dp_i = prod_{j != i} p_j, 70 roundings along each path at most
    const auto pr = call_value_and_grad(product, p, idx72);
    long double all = 1;
    for (const double v : p) all *= v;
    for (std::size_t i = 0; i < 72; ++i) {
      CAPTURE(round, i);
      CORE_CHECK(within_roundings(pr.grad[i], all / p[i], all / p[i], 144));
    }
    CORE_CHECK(within_roundings(pr.value, all, all, 144));
  }
}

TEST_CASE("functional form with float arguments returns std::array<float, N>",
          "[types][functional]") {
  constexpr auto h = [](auto a, auto b, auto c) {
    using tapeless::sin;  // for plain numbers (expressions find it by ADL)
    return a * b * c + sin(a) * c;
  };
  const auto g = tapeless::grad(h)(1.5f, 2.0f, -3.0f);
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(g)>, std::array<float, 3>>);
  const auto vg = tapeless::value_and_grad(h)(1.5f, 2.0f, -3.0f);
  static_assert(std::is_same_v<decltype(vg.value), float>);
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(tapeless::grad(h)(1.5f, 2.0, -3.0f))>,
                               std::array<double, 3>>);
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(tapeless::grad(h)(1, 2, 3))>,
                               std::array<double, 3>>);
  core_test::rng gen(204);
  for (int i = 0; i < 1000; ++i) {
    const auto a = static_cast<float>(gen.uniform(-3, 3));
    const auto b = static_cast<float>(gen.uniform(-3, 3));
    const auto cc = static_cast<float>(gen.uniform(-3, 3));
    CAPTURE(a, b, cc);
    const auto r = tapeless::value_and_grad(h)(a, b, cc);
    const long double al = a;
    const long double bl = b;
    const long double cl = cc;
    // d/da = bc + cos(a) c, d/db = ac, d/dc = ab + sin(a)
    CORE_CHECK(within_roundings(r.grad[0], bl * cl + std::cos(al) * cl,
                                std::fabs(bl * cl) + std::fabs(std::cos(al) * cl), 6));
    CORE_CHECK(r.grad[1] == a * cc);
    CORE_CHECK(within_roundings(r.grad[2], al * bl + std::sin(al),
                                std::fabs(al * bl) + std::fabs(std::sin(al)), 4));
    CORE_CHECK(r.value == h(a, b, cc));  // the callable on plain floats: the same float operations
  }
}

TEST_CASE("functional form: arguments the callable ignores get 0, constants are allowed",
          "[types][functional]") {
  static_assert(tapeless::grad([](auto a, auto) { return a * a; })(3.0, 5.0) ==
                std::array{6.0, 0.0});
  static_assert(tapeless::grad([](auto a) { return a; })(3.0) == std::array{1.0});
  static_assert(tapeless::grad([](auto) { return 2.0; })(3.0) == std::array{0.0});
  static_assert(tapeless::value_and_grad([](auto) { return 2.0; })(3.0).value == 2.0);
  static_assert(tapeless::grad([](auto a, auto b) { return b * 2.0 + a / b; })(1.0, 2.0) ==
                std::array{0.5, 2.0 - 0.25});
  static_assert(tapeless::grad([](auto a, auto b) {
                  return tapeless::let<"s">(a * b) * tapeless::let<"s">(a * b);
                })(2.0, 3.0) == std::array{36.0, 24.0});
  CHECK(tapeless::grad([](auto a, auto) { return a * a; })(3.0, 5.0)[1] == 0.0);
}

// --- inspection --------------------------------------------------------------------------------

TEST_CASE("variable_count, variable_name and node_count describe the graph",
          "[types][inspection]") {
  static_assert(tapeless::variable_count(f) == 2);
  static_assert(tapeless::variable_name(f, 0) == "x");
  static_assert(tapeless::variable_name(f, 1) == "y");
  static_assert(tapeless::variable_count(y * x) == 2);
  static_assert(tapeless::variable_name(y * x, 0) == "y");  // order of first appearance
  static_assert(tapeless::variable_name(y * x, 1) == "x");
  static_assert(!(tapeless::variable_name(y * x, 1) == "y"));
  static_assert(!(tapeless::variable_name(y * x, 1) == "xx"));
  constexpr tapeless::var<"alpha"> alpha;
  constexpr tapeless::var<"b2"> b2;
  constexpr auto g = sin(alpha * x) + alpha * b2 + x;
  static_assert(tapeless::variable_count(g) == 3);
  static_assert(tapeless::variable_name(g, 0) == "alpha");
  static_assert(tapeless::variable_name(g, 1) == "x");
  static_assert(tapeless::variable_name(g, 2) == "b2");
  static_assert(tapeless::variable_count(x * x * x) == 1);
  static_assert(tapeless::variable_count(tapeless::c<2> * tapeless::c<3>) == 0);
  static_assert(x.name() == "x");
  static_assert(alpha.name() == "alpha");
  // node_count: alpha, x, alpha*x, sin, b2, alpha*b2, +, x (shared), + -> 8 unique
  static_assert(tapeless::node_count(g) == 8);
  // f = x*x*y + sin(y)/x - 0.1*y: x, x*x, y, x*x*y, sin(y), /, +, 0.1, 0.1*y, -
  static_assert(tapeless::node_count(f) == 10);
  static_assert(tapeless::node_count(x) == 1);
  // the gradient has one slot per variable, in the same order
  using G = decltype(grad(g, at(x = 1.0, alpha = 2.0, b2 = 3.0)));
  static_assert(G::size() == 3);
  static_assert(grad(g, at(x = 1.0, alpha = 2.0, b2 = 3.0)).values[2] == 2.0);  // d/db2 = alpha
  // the same at run time
  CHECK(tapeless::variable_count(f) == 2);
  CHECK(tapeless::variable_name(f, 1) == "y");
  CHECK(tapeless::node_count(g) == 8);
}

}  // namespace
