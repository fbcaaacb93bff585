// tapeless::dual: arithmetic and comparisons, numeric_limits, constant evaluation, and nesting:
// dual<dual<double>> bound to a variable gives third derivatives through the reverse sweep,
// for every function, checked against central differences of the Hessian (long double).
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <string>

namespace {

using tapeless::dual;

constexpr tapeless::var<"x"> x;

// (a + εa')(b + εb') = ab + ε(a'b + ab'); quotient; comparisons on the value
static_assert((dual<double>{3, 1} * dual<double>{2, 5}).value == 6);
static_assert((dual<double>{3, 1} * dual<double>{2, 5}).tangent == 17);
static_assert((dual<double>{3, 1} / dual<double>{2, 0}).tangent == 0.5);
static_assert((dual<double>{1, 0} / dual<double>{2, 1}).tangent == -0.25);
static_assert((2.0 - dual<double>{3, 1}).tangent == -1);
static_assert(dual<double>{3, 1} == dual<double>{3, 7});
static_assert(dual<double>{2, 100} < 3);
static_assert(std::numeric_limits<dual<float>>::infinity().value == std::numeric_limits<float>::infinity());
static_assert(std::numeric_limits<dual<double>>::digits == 53);
static_assert(std::numeric_limits<dual<dual<double>>>::infinity().value.value == std::numeric_limits<double>::infinity());
// nested: (x + ε₁ + ε₂)³ = x³ + (ε₁ + ε₂) 3x² + ε₁ε₂ 6x
constexpr dual<dual<double>> xx{{2, 1}, {1, 0}};
static_assert((xx * xx * xx).tangent.tangent == 12);
// the math functions on duals in constant evaluation: (e^x)' = e^x at 0
static_assert(tapeless::detail::math::exp(dual<double>{0, 1}).tangent == 1);
// strong zeros: 0 · ∞ in a tangent is 0 when the 0 is a constant's tangent
static_assert((dual<double>{std::numeric_limits<double>::infinity(), 0} * dual<double>{2, 1}).tangent ==
              std::numeric_limits<double>::infinity());
static_assert((dual<double>{1, 0} * dual<double>{std::numeric_limits<double>::infinity(), 0}).tangent == 0);

TEST_CASE("dual numbers: arithmetic and comparisons", "[transforms]") {
  dual<double> a{1.5, 2};
  a += dual<double>{1, 1};
  CHECK(a.value == 2.5);
  CHECK(a.tangent == 3);
  a *= 2.0;
  CHECK(a.tangent == 6);
  a /= dual<double>{2, 0};
  CHECK(a.tangent == 3);
  a -= 1;
  CHECK(a.value == 1.5);
  CHECK((-a).tangent == -3);
  CHECK(a != dual<double>{2, 3});
  CHECK(a >= 1.5);
  CHECK(a <= 1.5);
  CHECK(!(a > 1.5));
}

/// f''' by dual<dual<T>> at x, against a central difference of f'' (hessian in long double).
template <class Make>
void third(const char* name, Make make, std::initializer_list<double> points) {
  const auto e = make(x);
  for (const double p : points) {
    using D2 = dual<dual<double>>;
    const tapeless::env<tapeless::binding<tapeless::var<"x">, D2>> at_p{{D2{{p, 1.0}, {1.0, 0.0}}}};
    const double got = tapeless::grad(e, at_p)[x].tangent.tangent;
    const long double h = 1e-4L * (1 + std::fabs(static_cast<long double>(p)));
    const auto second = [&](long double q) { return tapeless::hessian(e, tapeless::at(x = q))[x][x]; };
    const long double fd =
        (8 * (second(p + h) - second(p - h)) - (second(p + 2 * h) - second(p - 2 * h))) / (12 * h);
    INFO(name << "''' at " << p << ": " << got << " vs " << static_cast<double>(fd));
    CHECK(std::fabs(got - fd) <= 1e-8L * (1 + std::fabs(fd)));
  }
}

TEST_CASE("dual<dual<double>>: third derivatives of every function", "[transforms]") {
  const auto some = {-0.7, 0.3, 0.8};
  const auto pos = {0.3, 1.7, 4.0};
  third("sqrt", [](auto v) { return tapeless::sqrt(v); }, pos);
  third("cbrt", [](auto v) { return tapeless::cbrt(v); }, pos);
  third("exp", [](auto v) { return tapeless::exp(v); }, some);
  third("exp2", [](auto v) { return tapeless::exp2(v); }, some);
  third("expm1", [](auto v) { return tapeless::expm1(v); }, {-3.0, 0.3, 1.0});
  third("log", [](auto v) { return tapeless::log(v); }, pos);
  third("log2", [](auto v) { return tapeless::log2(v); }, pos);
  third("log10", [](auto v) { return tapeless::log10(v); }, pos);
  third("log1p", [](auto v) { return tapeless::log1p(v); }, some);
  third("sin", [](auto v) { return tapeless::sin(v); }, some);
  third("cos", [](auto v) { return tapeless::cos(v); }, some);
  third("tan", [](auto v) { return tapeless::tan(v); }, some);
  third("asin", [](auto v) { return tapeless::asin(v); }, some);
  third("acos", [](auto v) { return tapeless::acos(v); }, some);
  third("atan", [](auto v) { return tapeless::atan(v); }, some);
  third("sinh", [](auto v) { return tapeless::sinh(v); }, some);
  third("cosh", [](auto v) { return tapeless::cosh(v); }, some);
  third("tanh", [](auto v) { return tapeless::tanh(v); }, some);
  third("asinh", [](auto v) { return tapeless::asinh(v); }, some);
  third("acosh", [](auto v) { return tapeless::acosh(v); }, {1.5, 3.0});
  third("atanh", [](auto v) { return tapeless::atanh(v); }, some);
  third("erf", [](auto v) { return tapeless::erf(v); }, some);
  third("erfc", [](auto v) { return tapeless::erfc(v); }, some);
  third("tgamma", [](auto v) { return tapeless::tgamma(v); }, {-0.5, 0.3, 2.5});
  third("lgamma", [](auto v) { return tapeless::lgamma(v); }, {-0.5, 0.3, 2.5});
  third("digamma", [](auto v) { return tapeless::digamma(v); }, {-0.5, 0.3, 2.5});
  third("sigmoid", [](auto v) { return tapeless::sigmoid(v); }, some);
  third("softplus", [](auto v) { return tapeless::softplus(v); }, some);
  third("abs", [](auto v) { return v * tapeless::abs(v); }, some);
  third("relu", [](auto v) { return v * v * tapeless::relu(v); }, some);
  third("pow", [](auto v) { return tapeless::pow(v, 2.5); }, pos);
  third("pow2", [](auto v) { return tapeless::pow(2.5, v); }, some);
  third("powxx", [](auto v) { return tapeless::pow(v, v); }, pos);
  third("pow<3>", [](auto v) { return tapeless::pow<3>(v); }, some);
  third("atan2", [](auto v) { return tapeless::atan2(v, 1.0 + v * v); }, some);
  third("hypot", [](auto v) { return tapeless::hypot(v, 2.0); }, some);
  third("hypot3", [](auto v) { return tapeless::hypot(v, 2.0, v * v); }, some);
  third("fma", [](auto v) { return tapeless::fma(v, v * v, v); }, some);
  third("copysign", [](auto v) { return tapeless::copysign(v * v * v, v); }, some);
  third("max", [](auto v) { return tapeless::max(v * v * v, 0.1); }, some);
  third("fmin", [](auto v) { return tapeless::fmin(v * v * v, 0.1); }, some);
  third("log_sum_exp", [](auto v) { return tapeless::log_sum_exp(v, 2.0 * v * v); }, some);
}

}  // namespace

namespace {
constexpr tapeless::var<"y"> y_var;
constexpr tapeless::vec<"v", 3> v_vec;

bool positive_zero(double t) { return t != 0.0 || !std::signbit(t); }
}  // namespace

// The sweeps' adjoints start at -0.0 in every component (the identity of addition), but a zero
// that reaches the caller is +0.0, as a plain number's tangent: negation and products by
// negative numbers turn the zero tangents of a direction that does not move the point into
// -0.0 contributions, and -0.0 + -0.0 would stay -0.0.
TEST_CASE("dual numbers: a zero tangent in a result is +0", "[transforms]") {
  // x and y reach f only through negations: each adjoint's one contribution has tangent -0.0
  const auto f = -x - y_var + tapeless::sum(-v_vec) - 2.0 * tapeless::dot(v_vec, v_vec);
  const auto point = tapeless::at(x = -1.5, y_var = 2.0, v_vec = std::array{1.0, -2.0, 0.5});
  const auto zero = tapeless::at(x = 0.0, y_var = 0.0);
  const auto hv = tapeless::hvp(f, point, zero);
  CHECK(positive_zero(hv[x]));
  CHECK(positive_zero(hv[y_var]));
  for (std::size_t i = 0; i < 3; ++i) CHECK(positive_zero(hv[v_vec][i]));
  // dual numbers bound by hand (forward over reverse), with zero tangents
  using D = dual<double>;
  const tapeless::env<tapeless::binding<tapeless::var<"x">, D>, tapeless::binding<tapeless::var<"y">, D>> duals{
      {D{-1.5, 0.0}}, {D{2.0, 0.0}}};
  const auto g = tapeless::grad(-x - y_var, duals);
  CHECK(positive_zero(g[x].tangent));
  CHECK(positive_zero(g[y_var].tangent));
  const auto h = tapeless::hessian(f, point);
  CHECK(h(x, x) == 0.0);  // f is linear in x and y
  CHECK(positive_zero(h(x, x)));
  CHECK(positive_zero(h(x, y_var)));
  CHECK(positive_zero(h(y_var, y_var)));
}
