// The derivative conventions at non-differentiable and edge points, value by value: the table
// in docs/functions.md is this file. And select: the adjoint goes down the taken branch only,
// the other branch's nodes are not evaluated, and their NaN or infinite partials never reach
// the gradient.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

namespace {

using tapeless::at;
using tapeless::eval;
using tapeless::grad;
using tapeless::select;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"z"> z;

constexpr double inf = std::numeric_limits<double>::infinity();
const double qnan = std::numeric_limits<double>::quiet_NaN();

bool positive_zero(double v) { return v == 0 && !std::signbit(v); }

}  // namespace

TEST_CASE("kinks: abs, relu, copysign have derivative 0 at 0", "[conventions]") {
  CHECK(positive_zero(grad(abs(x), at(x = 0.0))[x]));
  CHECK(grad(abs(x), at(x = -0.0))[x] == 0);
  CHECK(grad(fabs(x), at(x = 0.0))[x] == 0);
  CHECK(grad(abs(x), at(x = 2.0))[x] == 1);
  CHECK(grad(abs(x), at(x = -2.0))[x] == -1);
  CHECK(std::isnan(grad(abs(x), at(x = qnan))[x]));
  CHECK(positive_zero(grad(relu(x), at(x = 0.0))[x]));
  CHECK(grad(relu(x), at(x = 1e-300))[x] == 1);
  CHECK(grad(relu(x), at(x = -1.0))[x] == 0);
  CHECK(std::isnan(eval(relu(x), at(x = qnan))));
  CHECK(positive_zero(eval(relu(x), at(x = -0.0))));
  CHECK(grad(copysign(x, y), at(x = 0.0, y = -1.0))[x] == 0);
  CHECK(grad(copysign(x, y), at(x = 2.0, y = -1.0))[x] == -1);
  CHECK(grad(copysign(x, y), at(x = -2.0, y = -1.0))[x] == 1);
  CHECK(grad(copysign(x, y), at(x = 2.0, y = -1.0))[y] == 0);
}

TEST_CASE("min, max, fmin, fmax: ties split the adjoint evenly, NaN arguments are ignored by fmin/fmax",
          "[conventions]") {
  CHECK(grad(max(x, y), at(x = 1.0, y = 1.0))[x] == 0.5);
  CHECK(grad(max(x, y), at(x = 1.0, y = 1.0))[y] == 0.5);
  CHECK(grad(min(x, y), at(x = 1.0, y = 1.0))[x] == 0.5);
  CHECK(grad(fmax(x, y), at(x = 1.0, y = 1.0))[y] == 0.5);
  CHECK(grad(fmin(x, y), at(x = 1.0, y = 1.0))[x] == 0.5);
  CHECK(grad(max(x, x), at(x = 3.0))[x] == 1);  // symmetric rule: max(x, x) = x
  CHECK(grad(max(x, y), at(x = 2.0, y = 1.0))[x] == 1);
  CHECK(grad(max(x, y), at(x = 2.0, y = 1.0))[y] == 0);
  CHECK(grad(min(x, y), at(x = 2.0, y = 1.0))[y] == 1);
  CHECK(grad(fmax(x, y), at(x = qnan, y = 1.0))[y] == 1);
  CHECK(grad(fmax(x, y), at(x = qnan, y = 1.0))[x] == 0);
  CHECK(grad(fmin(x, y), at(x = 1.0, y = qnan))[x] == 1);
  CHECK(grad(max(x, 0.0), at(x = 0.0))[x] == 0.5);
  CHECK(std::isnan(eval(max(x, y), at(x = qnan, y = 1.0))));  // as std::max(NaN, 1)
}

TEST_CASE("clamp: the adjoint goes to x on [lo, hi], boundaries included", "[conventions]") {
  const auto f = tapeless::clamp(x, y, z);
  CHECK(grad(f, at(x = 0.5, y = 0.0, z = 1.0))[x] == 1);
  CHECK(grad(f, at(x = 0.0, y = 0.0, z = 1.0))[x] == 1);
  CHECK(grad(f, at(x = 1.0, y = 0.0, z = 1.0))[x] == 1);
  CHECK(grad(f, at(x = -1.0, y = 0.0, z = 1.0))[x] == 0);
  CHECK(grad(f, at(x = -1.0, y = 0.0, z = 1.0))[y] == 1);
  CHECK(grad(f, at(x = 2.0, y = 0.0, z = 1.0))[z] == 1);
  CHECK(positive_zero(grad(f, at(x = 2.0, y = 0.0, z = 1.0))[x]));
  CHECK(eval(f, at(x = 2.0, y = 0.0, z = 1.0)) == 1.0);
  CHECK(tapeless::clamp(2.0, 0.0, 1.0) == 1.0);
}

TEST_CASE("roots, logarithms and inverse functions at the ends of their domains", "[conventions]") {
  CHECK(grad(sqrt(x), at(x = 0.0))[x] == inf);
  CHECK(grad(cbrt(x), at(x = 0.0))[x] == inf);
  CHECK(grad(log(x), at(x = 0.0))[x] == inf);
  CHECK(grad(log2(x), at(x = 0.0))[x] == inf);
  CHECK(grad(log10(x), at(x = 0.0))[x] == inf);
  CHECK(grad(log1p(x), at(x = -1.0))[x] == inf);
  CHECK(grad(asin(x), at(x = 1.0))[x] == inf);
  CHECK(grad(asin(x), at(x = -1.0))[x] == inf);
  CHECK(grad(acos(x), at(x = 1.0))[x] == -inf);
  CHECK(grad(acosh(x), at(x = 1.0))[x] == inf);
  CHECK(grad(atanh(x), at(x = 1.0))[x] == inf);
  CHECK(grad(atanh(x), at(x = -1.0))[x] == inf);
  // outside the domain: NaN values and NaN derivatives, never a trap
  CHECK(std::isnan(eval(sqrt(x), at(x = -1.0))));
  CHECK(std::isnan(grad(sqrt(x), at(x = -1.0))[x]));
  CHECK(std::isnan(grad(log(x), at(x = -1.0))[x]) == false);  // 1/x is finite: -1
  CHECK(std::isnan(eval(log(x), at(x = -1.0))));
  CHECK(std::isnan(grad(asin(x), at(x = 2.0))[x]));
  CHECK(std::isnan(grad(acosh(x), at(x = 0.5))[x]));
}

TEST_CASE("pow at x = 0 and y = 0 (PyTorch's conventions)", "[conventions]") {
  const auto g = [](double a, double b) { return grad(pow(x, y), at(x = a, y = b)); };
  CHECK(g(0.0, 2.0)[x] == 0);
  CHECK(g(0.0, 1.0)[x] == 1);
  CHECK(g(0.0, 0.5)[x] == inf);
  CHECK(g(0.0, -1.0)[x] == -inf);
  CHECK(g(0.0, 0.0)[x] == 0);  // x⁰ = 1 is constant in x
  CHECK(g(3.0, 0.0)[x] == 0);
  CHECK(g(0.0, 2.0)[y] == 0);  // 0ʸ = 0 for y > 0
  CHECK(g(0.0, 0.0)[y] == 0);  // formula: 1 · ln 0 = -inf
  CHECK(g(0.0, -1.0)[y] == -inf);  // inf · ln 0
  CHECK(std::isnan(g(-2.0, 2.0)[y]));  // not differentiable in y for x < 0
  CHECK(g(-2.0, 2.0)[x] == -4);
  CHECK(eval(pow(x, y), at(x = 0.0, y = 0.0)) == 1);
  CHECK(grad(tapeless::pow<0>(x), at(x = 0.0))[x] == 0);
  CHECK(grad(tapeless::pow<2>(x), at(x = 0.0))[x] == 0);
  CHECK(grad(tapeless::pow<-1>(x), at(x = 0.0))[x] == -inf);
}

TEST_CASE("atan2 and hypot at the origin: partials 0; limits at infinity", "[conventions]") {
  CHECK(positive_zero(grad(atan2(y, x), at(x = 0.0, y = 0.0))[x]));
  CHECK(positive_zero(grad(atan2(y, x), at(x = 0.0, y = 0.0))[y]));
  CHECK(positive_zero(grad(hypot(x, y), at(x = 0.0, y = 0.0))[x]));
  CHECK(positive_zero(grad(hypot(x, y), at(x = 0.0, y = 0.0))[y]));
  CHECK(grad(hypot(x, y, z), at(x = 0.0, y = 0.0, z = 0.0))[z] == 0);
  CHECK(grad(hypot(x, y), at(x = inf, y = 1.0))[x] == 1);
  CHECK(grad(hypot(x, y), at(x = -inf, y = 1.0))[x] == -1);
  CHECK(grad(hypot(x, y), at(x = inf, y = 1.0))[y] == 0);
  CHECK(grad(atan2(y, x), at(x = inf, y = 1.0))[y] == 0);
  CHECK(grad(atan2(y, x), at(x = 1e300, y = 1e300))[y] == 0.5e-300);  // no overflow of x²+y²
  CHECK(grad(atan2(y, x), at(x = 1e-300, y = 0.0))[y] == 1 / 1e-300);  // no underflow
  CHECK(grad(atan2(y, x), at(x = inf, y = inf))[x] == 0);
  CHECK(grad(hypot(x, y), at(x = 3e300, y = 4e300))[x] == 0.6);
}

TEST_CASE("saturating functions: derivatives go to 0 at the ends, never NaN", "[conventions]") {
  CHECK(grad(tanh(x), at(x = inf))[x] == 0);
  CHECK(grad(tanh(x), at(x = -30.0))[x] == 0);
  CHECK(grad(sigmoid(x), at(x = inf))[x] == 0);
  CHECK(grad(sigmoid(x), at(x = -inf))[x] == 0);
  CHECK(grad(sigmoid(x), at(x = 0.0))[x] == 0.25);
  CHECK(grad(softplus(x), at(x = inf))[x] == 1);
  CHECK(grad(softplus(x), at(x = -inf))[x] == 0);
  CHECK(grad(softplus(x), at(x = -800.0))[x] == 0);
  CHECK(grad(erf(x), at(x = 30.0))[x] == 0);
  CHECK(grad(erfc(x), at(x = -30.0))[x] == 0);
  CHECK(grad(atan(x), at(x = inf))[x] == 0);
  CHECK(grad(exp(x), at(x = -inf))[x] == 0);
  CHECK(grad(expm1(x), at(x = -800.0))[x] == 0);
  CHECK(grad(expm1(x), at(x = -30.0))[x] == std::exp(-30.0));  // not y + 1 = 0
  CHECK(std::fabs(grad(log_sum_exp(x, y), at(x = 1000.0, y = 1000.0))[x] - 0.5) < 1e-15);
  CHECK(grad(log_sum_exp(x, y), at(x = -inf, y = 0.0))[x] == 0);
  CHECK(grad(log_sum_exp(x, y), at(x = -inf, y = 0.0))[y] == 1);
}

TEST_CASE("gamma functions at their poles", "[conventions]") {
  CHECK(std::isnan(grad(tgamma(x), at(x = -1.0))[x]));
  CHECK(std::isnan(eval(tgamma(x), at(x = -1.0))));
  CHECK(eval(lgamma(x), at(x = -1.0)) == inf);
  CHECK(eval(lgamma(x), at(x = 1.0)) == 0);
  CHECK(std::fabs(grad(lgamma(x), at(x = 1.0))[x] + 0.5772156649015329) < 1e-15);  // -γ
  CHECK(std::fabs(grad(tgamma(x), at(x = 2.0))[x] - (1 - 0.5772156649015329)) < 1e-15);
}

TEST_CASE("select: value and adjoint of the taken branch only", "[select]") {
  const auto f = select(x > 0, x * y, -y);
  CHECK(eval(f, at(x = 2.0, y = 3.0)) == 6);
  CHECK(eval(f, at(x = -2.0, y = 3.0)) == -3);
  CHECK(grad(f, at(x = 2.0, y = 3.0))[x] == 3);
  CHECK(grad(f, at(x = 2.0, y = 3.0))[y] == 2);
  CHECK(positive_zero(grad(f, at(x = -2.0, y = 3.0))[x]));
  CHECK(grad(f, at(x = -2.0, y = 3.0))[y] == -1);
  CHECK(eval(tapeless::where(x <= y, x, y), at(x = 1.0, y = 2.0)) == 1);
  // every comparison, and the logical operators
  CHECK(eval(select(x < y, 1.0, 0.0), at(x = 1.0, y = 2.0)) == 1);
  CHECK(eval(select(x >= y, 1.0, 0.0), at(x = 1.0, y = 2.0)) == 0);
  CHECK(eval(select(x == y, 1.0, 0.0), at(x = 2.0, y = 2.0)) == 1);
  CHECK(eval(select(x != y, 1.0, 0.0), at(x = 2.0, y = 2.0)) == 0);
  CHECK(eval(select((x > 0) && (y > 0), 1.0, 0.0), at(x = 1.0, y = -1.0)) == 0);
  CHECK(eval(select((x > 0) || (y > 0), 1.0, 0.0), at(x = 1.0, y = -1.0)) == 1);
  CHECK(eval(select(!(x > 0), 1.0, 0.0), at(x = 1.0)) == 0);
  CHECK(eval(select(x > 0, 1.0, 0.0), at(x = qnan)) == 0);  // comparisons with NaN are false
  CHECK(eval(x > 0, at(x = 2.0)) == 1.0);  // a condition evaluates to 1 or 0
}

TEST_CASE("select: the branch not taken cannot poison the gradient", "[select]") {
  // sqrt'(0) = inf and sqrt(-1) = NaN live in the branch not taken
  const auto f = select(x > 0, sqrt(x), 0.0);
  CHECK(positive_zero(grad(f, at(x = 0.0))[x]));
  CHECK(positive_zero(grad(f, at(x = -1.0))[x]));
  CHECK(grad(f, at(x = 4.0))[x] == 0.25);
  // the safe-log idiom
  const auto g = log(select(x > 0, x, 1.0));
  CHECK(grad(g, at(x = 0.0))[x] == 0);
  // the branch's nodes shared with the condition or the other branch are still correct
  const auto s = sqrt(x);
  const auto h = select(s > 1, s * s, s + 1.0);
  CHECK(grad(h, at(x = 4.0))[x] == 1);
  CHECK(grad(h, at(x = 0.25))[x] == 1);  // d(√x + 1) = 1/(2√x) = 1
  // nested selects: a piecewise function of three pieces
  const auto p = select(x < -1, -log(-x), select(x < 1, x * x, sqrt(x)));
  CHECK(grad(p, at(x = -2.0))[x] == 0.5);
  CHECK(grad(p, at(x = 0.5))[x] == 1);
  CHECK(grad(p, at(x = 4.0))[x] == 0.25);
  // the same guarded node under two selects (a disjunction of guards)
  const auto q = select(x > 0, log(x), 0.0) + select(x > 1, log(x), 2.0);
  CHECK(grad(q, at(x = 2.0))[x] == 1);
  CHECK(grad(q, at(x = 0.5))[x] == 2);
  CHECK(grad(q, at(x = -1.0))[x] == 0);
  CHECK(eval(q, at(x = -1.0)) == 2);
}

namespace {
int calls = 0;
struct counted {
  static constexpr char name[] = "counted";
  template <class T>
  static T apply(T v) noexcept {
    ++calls;
    return v;
  }
  template <std::size_t J, class Ctx, class T>
  static constexpr T adjoint(const Ctx&, T abar) noexcept {
    return abar;
  }
};
}  // namespace

TEST_CASE("select: the branch not taken is not evaluated", "[select]") {
  const auto expensive = tapeless::make_node<counted>(x * y);
  const auto f = select(x > 0, expensive, y);
  calls = 0;
  CHECK(eval(f, at(x = -1.0, y = 2.0)) == 2);
  CHECK(calls == 0);
  CHECK(grad(f, at(x = 1.0, y = 2.0))[x] == 2);
  CHECK(calls == 1);
}
