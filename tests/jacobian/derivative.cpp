// Derivatives as expressions (tapeless::d): the third and fourth derivatives of sin(x)·exp(x)
// against their closed forms at many points and in constant evaluation, the size of the
// derivative expressions (zeros folded, constants combined, f's nodes shared), d of every elementary function
// against grad, mixed second derivatives against finite differences of grad, run-time
// constants carried into the derivative.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/derivative.hpp>
#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <type_traits>

namespace {

using tapeless::at;
using tapeless::d;
using tapeless::eval;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;

constexpr auto f = sin(x) * exp(x);
constexpr auto f1 = d(f, x);
constexpr auto f2 = d(f1, x);
constexpr auto f3 = d(f2, x);
constexpr auto f4 = d(f3, x);

// (sin x eˣ)''' = 2eˣ(cos x − sin x), '''' = −4eˣ sin x: exact at 0 in constant evaluation
static_assert(eval(f3, at(x = 0.0)) == 2.0);
static_assert(eval(f4, at(x = 0.0)) == 0.0);
static_assert(eval(d(x * x * x, x), at(x = 2.0)) == 12.0);
static_assert(eval(d(d(x * x * x, x), x), at(x = 2.0)) == 12.0);
// compile-time constants combine: (x³)'' = 6x, three nodes (6, x, ·); (x⁴)''' = 24x
static_assert(tapeless::node_count(d(d(tapeless::cube(x), x), x)) == 3);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(d(d(d(tapeless::pow<4>(x), x), x), x))>,
                             std::remove_cvref_t<decltype(tapeless::c<24> * x)>>);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(d(tapeless::c<2> * (tapeless::c<3> * x), x))>,
                             tapeless::constant<6>>);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(d((x * tapeless::c<0.5>) * tapeless::c<4>, x))>,
                             tapeless::constant<2.0>>);  // a double: one factor was
static_assert(std::is_same_v<std::remove_cvref_t<decltype(d(tapeless::c<2> * x - tapeless::c<5> * x, x))>,
                             tapeless::constant<-3>>);
// unless the folded constant would differ from the sweep's product in float or long double
static_assert(tapeless::node_count(d(tapeless::c<0.1> * (tapeless::c<3> * x), x)) == 3);  // 0.1 · 3
static_assert(eval(d(d(d(tapeless::pow<4>(x), x), x), x), at(x = 0.5f)) == 12.0f);
// the rules written with the function's own node share it with f: outputs(f, d(f, x)) adds
// only its root to the derivative's nodes
template <class F>
constexpr bool shares(const F& g) {
  return tapeless::node_count(tapeless::outputs(g, d(g, x))) == tapeless::node_count(d(g, x)) + 1;
}
static_assert(shares(exp(x)) && shares(sqrt(x)) && shares(tanh(x)) && shares(tan(x)) && shares(cbrt(x)));
static_assert(shares(tapeless::sigmoid(x)) && shares(tgamma(x)));
static_assert(!shares(sin(x)) && !shares(atan(x)));  // cos x; 1/(1 + x²): no sin, no atan
// a variable that is not there: the derivative is the constant 0, whatever f is
static_assert(std::is_same_v<std::remove_cvref_t<decltype(d(f, y))>, tapeless::constant<0>>);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(d(d(x * y, x), x))>, tapeless::constant<0>>);
// sizes: f has 4 nodes; each derivative shares sin(x), cos(x), exp(x) and adds a few
static_assert(tapeless::node_count(f) == 4);
static_assert(tapeless::node_count(f1) == 7);  // cos(x)·exp(x) + sin(x)·exp(x)
static_assert(tapeless::node_count(f4) <= 30);

struct rng {
  std::uint64_t state;
  double uniform(double lo, double hi) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return lo + (hi - lo) * static_cast<double>(state >> 11) * 0x1p-53;
  }
};

template <class E>
long double fd_of_grad_x(const E& e, double xv, double yv) {  // ∂/∂y of ∂e/∂x
  const double h = 0x1p-12 * (1 + std::fabs(yv));
  const auto g = [&](double dy) {
    return tapeless::grad(e, at(x = static_cast<long double>(xv), y = static_cast<long double>(yv) + dy))[x];
  };
  return (8 * (g(h) - g(-h)) - (g(2 * h) - g(-2 * h))) / (12.0L * h);
}

}  // namespace

TEST_CASE("third and fourth derivatives of sin(x) exp(x)", "[derivative]") {
  rng g{17};
  int bad = 0;
  for (int trial = 0; trial < 500; ++trial) {
    const double v = g.uniform(-4, 4);
    const double e = std::exp(v), s = std::sin(v), c = std::cos(v);
    const double want[] = {e * (s + c), 2 * e * c, 2 * e * (c - s), -4 * e * s};
    const double got[] = {eval(f1, at(x = v)), eval(f2, at(x = v)), eval(f3, at(x = v)), eval(f4, at(x = v))};
    for (int k = 0; k < 4; ++k) bad += !(std::fabs(got[k] - want[k]) <= 1e-13 * (1 + std::fabs(want[k])));
  }
  CHECK(bad == 0);
}

TEST_CASE("d of every function equals grad; d(d(.)) equals the derivative of grad", "[derivative]") {
  rng g{23};
  int bad = 0;
  const auto check = [&](const char* name, const auto& e, double lo, double hi) {
    const auto dx = d(e, x);
    const auto dxx = d(dx, x);
    int local = 0;
    for (int trial = 0; trial < 50; ++trial) {
      const double v = g.uniform(lo, hi);
      const double first = tapeless::grad(e, at(x = v))[x];
      local += !(std::fabs(eval(dx, at(x = v)) - first) <= 1e-14 * (1 + std::fabs(first)));
      // the second derivative against a central difference of grad in long double
      const double h = 0x1p-12 * (1 + std::fabs(v));
      const auto gl = [&](double s) { return tapeless::grad(e, at(x = static_cast<long double>(v) + s))[x]; };
      const long double fd = (8 * (gl(h) - gl(-h)) - (gl(2 * h) - gl(-2 * h))) / (12.0L * h);
      const double second = eval(dxx, at(x = v));
      local += !(std::fabs(second - static_cast<double>(fd)) <= 1e-7 * (1 + std::fabs(second)));
    }
    INFO(name);
    CHECK(local == 0);
    bad += local;
  };
  check("sqrt", sqrt(x), 0.1, 4);
  check("cbrt", cbrt(x), 0.1, 4);
  check("exp", exp(x), -3, 3);
  check("exp2", exp2(x), -3, 3);
  check("expm1", expm1(x), -3, 3);
  check("log", log(x), 0.1, 4);
  check("log2", log2(x), 0.1, 4);
  check("log10", log10(x), 0.1, 4);
  check("log1p", log1p(x), -0.9, 3);
  check("sin", sin(x), -3, 3);
  check("cos", cos(x), -3, 3);
  check("tan", tan(x), -1.2, 1.2);
  check("asin", asin(x), -0.9, 0.9);
  check("acos", acos(x), -0.9, 0.9);
  check("atan", atan(x), -3, 3);
  check("sinh", sinh(x), -3, 3);
  check("cosh", cosh(x), -3, 3);
  check("tanh", tanh(x), -3, 3);
  check("asinh", asinh(x), -3, 3);
  check("acosh", acosh(x), 1.1, 4);
  check("atanh", atanh(x), -0.9, 0.9);
  check("erf", erf(x), -2, 2);
  check("erfc", erfc(x), -2, 2);
  check("tgamma", tgamma(x), 0.5, 4);
  check("lgamma", lgamma(x), 0.5, 4);
  check("digamma", tapeless::digamma(x), 0.5, 4);
  check("sigmoid", tapeless::sigmoid(x), -4, 4);
  check("softplus", tapeless::softplus(x), -4, 4);
  check("pow(x, 2.5)", pow(x, 2.5), 0.1, 3);
  check("pow(2.5, x)", pow(2.5, x), -2, 2);
  check("pow<5>", tapeless::pow<5>(x), -2, 2);
  check("x / (1 + x²)", x / (1.0 + x * x), -3, 3);
  check("hypot(x, 2)", hypot(x, 2.0), -3, 3);
  check("atan2(x, 2)", atan2(x, 2.0), -3, 3);
  check("log_sum_exp(x, 1)", tapeless::log_sum_exp(x, 1.0), -3, 3);
  CHECK(bad == 0);
}

TEST_CASE("mixed second derivatives and run-time constants", "[derivative]") {
  const double k = 3.0;  // a run-time constant inside f: carried into d(f, x)
  const auto e = k * x * x * y + atan2(y, x) + pow(x, y);
  const auto exy = d(d(e, x), y);
  rng g{29};
  int bad = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const double a = g.uniform(0.5, 2), b = g.uniform(-2, 2);
    const double want = 2 * k * a + (b * b - a * a) / ((a * a + b * b) * (a * a + b * b)) +
                        std::pow(a, b - 1) * (1 + b * std::log(a));
    const double got = eval(exy, at(x = a, y = b));
    bad += !(std::fabs(got - want) <= 1e-12 * (1 + std::fabs(want)));
    bad += !(std::fabs(static_cast<double>(fd_of_grad_x(e, a, b)) - want) <= 1e-7 * (1 + std::fabs(want)));
  }
  CHECK(bad == 0);
}
