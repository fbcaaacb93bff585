// + - * / and unary - + on expressions mixed with int, float, double and long double operands:
// values and gradients against closed forms and long double finite differences; the placement
// of run-time constants of mixed types; zero gradients of absent variables; trivial expressions.
// (Paths and sharing are in sharing.cpp.)
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <type_traits>

#include "support.hpp"

namespace {

using core_test::fd4;
using core_test::fd_agrees;
using core_test::fd_step;
using core_test::within_roundings;
using tapeless::at;
using tapeless::c;
using tapeless::eval;
using tapeless::grad;
using tapeless::node_count;
using tapeless::value_and_grad;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"z"> z;

// --- every binary operator with every kind of operand ---------------------------------------

template <class N>
constexpr N sample_constant() {
  if constexpr (std::is_integral_v<N>)
    return N{3};
  else
    return N{2.5};  // exact in every floating type
}

// Compile-time spot checks of the closed forms, one per operand type.
template <class N>
constexpr bool operand_closed_forms() {
  constexpr N k = sample_constant<N>();
  constexpr double kd = static_cast<double>(k);
  const auto p = at(x = 2.0);
  return grad(x + k, p)[x] == 1 && grad(k + x, p)[x] == 1 && grad(x - k, p)[x] == 1 &&
         grad(k - x, p)[x] == -1 && grad(x * k, p)[x] == kd && grad(k * x, p)[x] == kd &&
         grad(x / k, p)[x] == 1 / kd && grad(k / x, p)[x] == -kd / 4 && eval(x + k, p) == 2 + kd &&
         eval(k - x, p) == kd - 2 && eval(k / x, p) == kd / 2;
}
static_assert(operand_closed_forms<int>());
static_assert(operand_closed_forms<float>());
static_assert(operand_closed_forms<double>());
static_assert(operand_closed_forms<long double>());
// the evaluation type comes from the bindings, not from the constants
static_assert(std::is_same_v<decltype(eval(x * 2.5L, at(x = 1.0))), double>);
static_assert(std::is_same_v<decltype(eval(x * 2, at(x = 1.0))), double>);
static_assert(std::is_same_v<decltype(grad(2.5f * x, at(x = 1.0))[x]), double>);

TEMPLATE_TEST_CASE("binary operators with a number operand: values and gradients vs closed forms",
                   "[operators]", int, float, double, long double) {
  using N = TestType;
  constexpr N k = sample_constant<N>();
  const double kd = static_cast<double>(k);
  core_test::rng gen(10);
  for (int i = 0; i < 1000; ++i) {
    double t = gen.uniform(-100, 100);
    if (std::fabs(t) < 1e-3) t = 1;
    const auto p = at(x = t);
    CAPTURE(t, kd);
    // values: the same single operation as in double arithmetic, the constant converted to double
    CORE_CHECK(eval(x + k, p) == t + kd);
    CORE_CHECK(eval(k + x, p) == kd + t);
    CORE_CHECK(eval(x - k, p) == t - kd);
    CORE_CHECK(eval(k - x, p) == kd - t);
    CORE_CHECK(eval(x * k, p) == t * kd);
    CORE_CHECK(eval(k * x, p) == kd * t);
    CORE_CHECK(eval(x / k, p) == t / kd);
    CORE_CHECK(eval(k / x, p) == kd / t);
    // gradients: the local partials are exact except for k / x
    CORE_CHECK(grad(x + k, p)[x] == 1.0);
    CORE_CHECK(grad(k + x, p)[x] == 1.0);
    CORE_CHECK(grad(x - k, p)[x] == 1.0);
    CORE_CHECK(grad(k - x, p)[x] == -1.0);
    CORE_CHECK(grad(x * k, p)[x] == kd);
    CORE_CHECK(grad(k * x, p)[x] == kd);
    CORE_CHECK(grad(x / k, p)[x] == 1.0 / kd);
    // -k/x^2 from (1/x) * (k/x): three roundings, no cancellation
    const long double want = -static_cast<long double>(kd) / (static_cast<long double>(t) * t);
    CORE_CHECK(within_roundings(grad(k / x, p)[x], want, std::fabs(want), 4));
  }
}

TEST_CASE("binary operators between expressions: gradients vs closed forms", "[operators]") {
  static_assert(grad(x + y, at(x = 2.0, y = 3.0))[y] == 1);
  static_assert(grad(x - y, at(x = 2.0, y = 3.0))[y] == -1);
  static_assert(grad(x * y, at(x = 2.0, y = 3.0))[x] == 3);
  static_assert(grad(x * y, at(x = 2.0, y = 3.0))[y] == 2);
  static_assert(grad(x / y, at(x = 2.0, y = 4.0))[x] == 0.25);
  static_assert(grad(x / y, at(x = 2.0, y = 4.0))[y] == -0.125);
  core_test::rng gen(11);
  for (int i = 0; i < 2000; ++i) {
    const double a = gen.uniform(-50, 50);
    double b = gen.uniform(-50, 50);
    if (std::fabs(b) < 1e-3) b = 1;
    const auto p = at(x = a, y = b);
    CAPTURE(a, b);
    const auto s = value_and_grad(x + y, p);
    CORE_CHECK(s.value == a + b);
    CORE_CHECK(s.grad[x] == 1.0);
    CORE_CHECK(s.grad[y] == 1.0);
    const auto d = value_and_grad(x - y, p);
    CORE_CHECK(d.value == a - b);
    CORE_CHECK(d.grad[x] == 1.0);
    CORE_CHECK(d.grad[y] == -1.0);
    const auto m = value_and_grad(x * y, p);
    CORE_CHECK(m.value == a * b);
    CORE_CHECK(m.grad[x] == b);
    CORE_CHECK(m.grad[y] == a);
    const auto q = value_and_grad(x / y, p);
    CORE_CHECK(q.value == a / b);
    CORE_CHECK(q.grad[x] == 1.0 / b);
    const long double want = -static_cast<long double>(a) / (static_cast<long double>(b) * b);
    CORE_CHECK(within_roundings(q.grad[y], want, std::fabs(want), 4));
  }
}

TEST_CASE("binary operators: gradients agree with long double finite differences", "[operators]") {
  // A compound of all four operators and of every operand type; each variable is
  // differentiated through the stencil with the other fixed.
  constexpr auto f = (x * y - 3 * x) / (y + 2.5f) + (x - 0.5L) * (y / x) - 7.0 / (x * x + 1.0);
  core_test::rng gen(12);
  for (int i = 0; i < 1000; ++i) {
    const double a = gen.uniform(0.5, 20);
    const double b = gen.uniform(-1.5, 20);
    const auto g = grad(f, at(x = a, y = b));
    const auto fx = [&](long double s) {
      return eval(f, at(x = s, y = static_cast<long double>(b)));
    };
    const auto fy = [&](long double s) {
      return eval(f, at(x = static_cast<long double>(a), y = s));
    };
    const long double h = fd_step(0.25);  // the poles are at x = 0 and y = -2.5
    const long double dx = fd4(fx, a, h);
    const long double dy = fd4(fy, b, h);
    CAPTURE(a, b, g[x], g[y], static_cast<double>(dx), static_cast<double>(dy));
    CORE_CHECK(fd_agrees(g[x], dx, 4 * std::fabs(fx(a))));
    CORE_CHECK(fd_agrees(g[y], dy, 4 * std::fabs(fy(b))));
  }
}

TEST_CASE("run-time constants of mixed types are each applied in their own place", "[operators]") {
  // Six distinct constants of four types in one block (common type long double): a wrong
  // offset in the flattened block swaps two of them and changes the value and the gradient.
  constexpr auto f = ((1 * x + 2.0f) * (3.0 * x - 4.0L)) / (5 + 6.0 * x);
  // f = (x + 2)(3x - 4) / (5 + 6x); f' = ((6x + 2)(5 + 6x) - 6(x + 2)(3x - 4)) / (5 + 6x)^2
  static_assert(eval(f, at(x = 1.0)) == -3.0 / 11.0);
  static_assert(eval(f, at(x = 0.0)) == -8.0 / 5.0);
  core_test::rng gen(13);
  for (int i = 0; i < 2000; ++i) {
    // dyadic points k/8: every operation below is exact except the final divisions
    const double t = gen.integer(0, 800) / 8.0;
    const auto r = value_and_grad(f, at(x = t));
    const double num = (t + 2) * (3 * t - 4);
    const double den = 5 + 6 * t;
    CAPTURE(t);
    CORE_CHECK(r.value == num / den);
    const long double tl = t;
    const long double dnum = (6 * tl + 2) * (5 + 6 * tl) - 6 * (tl + 2) * (3 * tl - 4);
    const long double want = dnum / ((5 + 6 * tl) * (5 + 6 * tl));
    const long double magnitude =
        (std::fabs((6 * tl + 2) * (5 + 6 * tl)) + std::fabs(6 * (tl + 2) * (3 * tl - 4))) /
        ((5 + 6 * tl) * (5 + 6 * tl));
    CORE_CHECK(within_roundings(r.grad[x], want, magnitude, 12));
  }
}

// Built in a function from its argument: the constant must be held by value in the expression.
auto scaled(double a) { return a * x + tapeless::let<"k">(a * y); }

TEST_CASE("run-time constants are held by value and converted to the evaluation type",
          "[operators]") {
  const auto e = scaled(3.0);  // the argument is gone
  const auto g = grad(e, at(x = 1.0, y = 2.0));
  CHECK(g[x] == 3.0);
  CHECK(g[y] == 3.0);
  CHECK(eval(e, at(x = 1.0, y = 2.0)) == 9.0);
  // a float constant in a double evaluation is the float's value, widened
  static_assert(eval(0.1f * x, at(x = 1.0)) == static_cast<double>(0.1f));
  // a long double constant in a float evaluation is rounded to float
  static_assert(eval(0.1L * x, at(x = 1.0f)) == static_cast<float>(0.1L));
  // unsigned and small integer types are numbers too
  static_assert(eval(x - 1u, at(x = 0.5)) == -0.5);
  static_assert(eval(x * static_cast<unsigned char>(200), at(x = 0.5)) == 100.0);
  core_test::rng gen(15);
  for (int i = 0; i < 1000; ++i) {
    const double a = gen.uniform(-10, 10);
    const double t = gen.uniform(-10, 10);
    CAPTURE(a, t);
    const auto f = scaled(a);
    const auto r = grad(f, at(x = t, y = t));
    CORE_CHECK(r[x] == a);
    CORE_CHECK(r[y] == a);
  }
}

TEST_CASE("unary minus negates the gradient and unary plus is the identity", "[operators]") {
  static_assert(std::is_same_v<decltype(+x), std::remove_cvref_t<decltype(x)>>);
  static_assert(std::is_same_v<decltype(+(x * y)), decltype(x * y)>);
  static_assert(node_count(+(x * y)) == node_count(x * y));
  static_assert(grad(-x, at(x = 2.0))[x] == -1);
  static_assert(grad(- -x, at(x = 2.0))[x] == 1);
  static_assert(eval(-x, at(x = 2.0)) == -2);
  static_assert(grad(+x, at(x = 2.0))[x] == 1);
  static_assert(node_count(-x) == 2);
  core_test::rng gen(14);
  for (int i = 0; i < 1000; ++i) {
    const double a = gen.uniform(-10, 10);
    const double b = gen.uniform(-10, 10);
    const auto p = at(x = a, y = b);
    CAPTURE(a, b);
    const auto n = value_and_grad(-(x * y), p);
    CORE_CHECK(n.value == -(a * b));
    CORE_CHECK(n.grad[x] == -b);
    CORE_CHECK(n.grad[y] == -a);
    const auto nn = value_and_grad(-(-(x * y)) + -x, p);
    CORE_CHECK(nn.grad[x] == b - 1);
    CORE_CHECK(nn.grad[y] == a);
    const auto pl = value_and_grad(+(x * y), p);
    CORE_CHECK(pl.value == a * b);
    CORE_CHECK(pl.grad[x] == b);
    CORE_CHECK(pl.grad[y] == a);
    CORE_CHECK(grad(x - -y, p)[y] == 1.0);
  }
}

TEST_CASE("gradients of variables that do not occur are exactly zero", "[operators]") {
  constexpr auto f = x * x + sin(x);
  static_assert(grad(f, at(x = 2.0))[y] == 0);
  static_assert(grad(f, at(x = 2.0, y = 5.0))[y] == 0);
  static_assert(!decltype(grad(f, at(x = 2.0)))::contains(y));
  static_assert(decltype(grad(f, at(x = 2.0)))::contains(x));
  static_assert(decltype(grad(f, at(x = 2.0)))::size() == 1);
  core_test::rng gen(34);
  for (int i = 0; i < 1000; ++i) {
    const double t = gen.uniform(-10, 10);
    const double b = gen.uniform(-10, 10);
    const auto g = grad(f, at(x = t, y = b));
    CORE_CHECK(core_test::same_bits(g[y], 0.0));
    CORE_CHECK(core_test::same_bits(g[z], 0.0));
    CORE_CHECK(g[x] != 0.0);
  }
}

TEST_CASE("an expression that is a single variable or holds no variable", "[operators]") {
  static_assert(node_count(x) == 1);
  static_assert(grad(x, at(x = 7.0))[x] == 1);
  static_assert(value_and_grad(x, at(x = 7.0)).value == 7);
  static_assert(eval(c<2.5>, at()) == 2.5);
  static_assert(grad(c<2.5>, at(x = 1.0))[x] == 0);
  static_assert(grad(c<2> * c<3>, at(x = 1.0))[x] == 0);
  static_assert(eval(c<2> * c<3>, at()) == 6);
  static_assert(grad(y * c<0>, at(y = 1.0))[y] == 0);
  CHECK(grad(x, at(x = 7.0))[x] == 1.0);
}

}  // namespace
