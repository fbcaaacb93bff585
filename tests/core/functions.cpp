// sqrt exp log sin cos pow (every form) square on expressions: values equal to std:: bit for bit
// at run time (float, double, long double), derivatives against closed forms and against long
// double finite differences over each domain, compile-time values and derivatives, and the
// sin/cos partner reuse.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <type_traits>

#include "support.hpp"

namespace {

using core_test::cabs;
using core_test::fd4;
using core_test::fd_agrees;
using core_test::fd_step;
using core_test::same_bits;
using core_test::ulp_distance;
using core_test::within_roundings;
using tapeless::at;
using tapeless::c;
using tapeless::eval;
using tapeless::grad;
using tapeless::value_and_grad;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;

constexpr double ln2 = 0.693147180559945309417;  // fl(ln 2)
constexpr double pi = 3.14159265358979323846;    // fl(pi)
constexpr double half_pi = 1.57079632679489661923;

// --- compile time ------------------------------------------------------------------------------

static_assert(eval(exp(x), at(x = 0.0)) == 1.0);
static_assert(grad(exp(x), at(x = 0.0))[x] == 1.0);
static_assert(grad(exp(x), at(x = 1.0))[x] == eval(exp(x), at(x = 1.0)));
static_assert(cabs(eval(exp(x), at(x = 1.0)) - 2.718281828459045) < 1e-15);
static_assert(eval(log(x), at(x = 1.0)) == 0.0);
static_assert(grad(log(x), at(x = 1.0))[x] == 1.0);
static_assert(grad(log(x), at(x = 4.0))[x] == 0.25);
static_assert(eval(log(x), at(x = 2.0)) == ln2);
static_assert(eval(sqrt(x), at(x = 4.0)) == 2.0);
static_assert(grad(sqrt(x), at(x = 4.0))[x] == 0.25);
static_assert(grad(sqrt(x), at(x = 2.25))[x] == 1.0 / 3.0);
static_assert(eval(sin(x), at(x = 0.0)) == 0.0);
static_assert(grad(sin(x), at(x = 0.0))[x] == 1.0);
static_assert(grad(sin(x), at(x = pi))[x] == -1.0);  // cos(fl(pi)) rounds to -1
static_assert(cabs(eval(sin(x), at(x = pi))) < 2e-16);
static_assert(eval(cos(x), at(x = 0.0)) == 1.0);
static_assert(grad(cos(x), at(x = 0.0))[x] == 0.0);
static_assert(grad(cos(x), at(x = half_pi))[x] == -1.0);  // -sin(fl(pi/2)) rounds to -1
static_assert(grad(cos(x), at(x = -half_pi))[x] == 1.0);
static_assert(eval(pow(x, 3.0), at(x = 2.0)) == 8.0);
static_assert(grad(pow(x, 3.0), at(x = 2.0))[x] == 12.0);
static_assert(grad(pow(x, 0.5), at(x = 4.0))[x] == 0.25);
static_assert(grad(tapeless::pow(x, 2.5), at(x = 4.0))[x] == 20.0);  // 2.5 * 4^1.5
static_assert(grad(pow(x, y), at(x = 2.0, y = 3.0))[x] == 12.0);
static_assert(grad(pow(x, y), at(x = 2.0, y = 3.0))[y] == 8 * ln2);
static_assert(grad(pow(2.0, x), at(x = 3.0))[x] == 8 * ln2);
static_assert(eval(pow(2.0, x), at(x = -2.0)) == 0.25);
static_assert(eval(tapeless::pow<3>(x), at(x = 2.0)) == 8.0);
static_assert(grad(tapeless::pow<3>(x), at(x = 2.0))[x] == 12.0);
static_assert(grad(tapeless::pow<-2>(x), at(x = 2.0))[x] == -0.25);
static_assert(eval(tapeless::pow<-2>(x), at(x = 2.0)) == 0.25);
static_assert(grad(tapeless::pow<0>(x), at(x = 2.0))[x] == 0.0);
static_assert(eval(tapeless::pow<0>(x), at(x = 0.0)) == 1.0);
static_assert(grad(tapeless::pow<1>(x), at(x = 2.0))[x] == 1.0);
static_assert(grad(tapeless::square(x), at(x = 3.0))[x] == 6.0);
static_assert(eval(tapeless::square(x), at(x = -3.0)) == 9.0);
static_assert(grad(pow(x, c<3>), at(x = 2.0))[x] == 12.0);
static_assert(grad(pow(x, c<2.5>), at(x = 4.0))[x] == 20.0);
static_assert(eval(pow(x, c<-1>), at(x = 4.0)) == 0.25);
// pow(x, c<N>) with an integral literal is pow<N>(x); square is pow<2>
static_assert(std::is_same_v<decltype(pow(x, c<3>)), decltype(tapeless::pow<3>(x))>);
static_assert(std::is_same_v<decltype(pow(x, c<-2>)), decltype(tapeless::pow<-2>(x))>);
static_assert(std::is_same_v<decltype(tapeless::square(x)), decltype(tapeless::pow<2>(x))>);
static_assert(!std::is_same_v<decltype(pow(x, c<2.5>)), decltype(tapeless::pow<2>(x))>);
static_assert(tapeless::node_count(pow(x, c<3>)) == 2);
static_assert(tapeless::node_count(pow(x, c<2.5>)) == 3);
// plain numbers
static_assert(tapeless::exp(0.0) == 1.0);
static_assert(tapeless::log(1) == 0.0);
static_assert(tapeless::sqrt(16) == 4.0);
static_assert(tapeless::sqrt(2.25f) == 1.5f);
static_assert(tapeless::pow(2, 10) == 1024.0);
static_assert(tapeless::pow<3>(2.0) == 8.0);
static_assert(tapeless::pow<-1>(4) == 0.25);
static_assert(tapeless::square(3) == 9.0);
static_assert(std::is_same_v<decltype(tapeless::sin(2)), double>);
static_assert(std::is_same_v<decltype(tapeless::sin(2.0f)), float>);
static_assert(std::is_same_v<decltype(tapeless::cos(2.0L)), long double>);
static_assert(std::is_same_v<decltype(tapeless::pow(2.0f, 3.0f)), float>);
// partner reuse at compile time: d(sin x cos x) = cos^2 x - sin^2 x
static_assert(grad(sin(x) * cos(x), at(x = 0.0))[x] == 1.0);
static_assert(grad(sin(x) + cos(x), at(x = 0.0))[x] == 1.0);
static_assert(grad(sin(x) + cos(x), at(x = half_pi))[x] < -0.999999999999999);

// --- run time: one unary function over a domain -------------------------------------------------

struct domain {
  double lo, hi;
  bool log_scale;    // sample log-uniformly (positive domains over decades)
  bool length_is_x;  // f changes over lengths ~|x| (powers, log) rather than ~1
};

double sample(core_test::rng& gen, const domain& d) {
  return d.log_scale ? gen.log_uniform(d.lo, d.hi) : gen.uniform(d.lo, d.hi);
}

/// f(x) against std:: in float, double and long double (bit for bit), f'(x) against the closed
/// form (within `ulps` ulp in double and float, 2 `ulps` roundings in long double), and against
/// finite differences, at 2000 points.
template <class E, class Value, class Derivative>
void check_unary(const E& f, Value value, Derivative derivative, domain d, double ulps,
                 std::uint64_t seed) {
  core_test::rng gen(seed);
  for (int i = 0; i < 2000; ++i) {
    const double t = sample(gen, d);
    CAPTURE(t);
    // double
    const auto r = value_and_grad(f, at(x = t));
    CORE_CHECK(same_bits(r.value, value(t)));
    CORE_CHECK(ulp_distance(r.grad[x], derivative(t)) <= ulps);
    // float
    const auto tf = static_cast<float>(t);
    const auto rf = value_and_grad(f, at(x = tf));
    static_assert(std::is_same_v<decltype(rf.value), float>);
    CORE_CHECK(same_bits(rf.value, value(tf)));
    CORE_CHECK(ulp_distance(rf.grad[x], derivative(tf)) <= ulps);
    // long double
    const long double tl = t;
    const auto rl = value_and_grad(f, at(x = tl));
    static_assert(std::is_same_v<decltype(rl.value), long double>);
    const long double dl = derivative(tl);
    CORE_CHECK(same_bits(rl.value, value(tl)));
    CORE_CHECK(within_roundings(rl.grad[x], dl, std::fabs(dl), static_cast<int>(2 * ulps)));
    // finite differences of the long double evaluation
    const long double len = d.length_is_x ? std::fabs(tl) : 1.0L;
    const auto fl = [&](long double s) { return eval(f, at(x = s)); };
    const long double fd = fd4(fl, tl, fd_step(len));
    CAPTURE(r.grad[x], static_cast<double>(fd));
    CORE_CHECK(fd_agrees(r.grad[x], fd, std::fabs(value(tl)) / len));
  }
}

TEST_CASE("sqrt: values equal std::sqrt, derivative 1/(2 sqrt x)", "[functions]") {
  check_unary(
      sqrt(x), [](auto t) { return std::sqrt(t); }, [](auto t) { return 1 / (2 * std::sqrt(t)); },
      {1e-4, 1e8, true, true}, 2, 101);
  // the plain-number overloads
  core_test::rng gen(102);
  for (int i = 0; i < 1000; ++i) {
    const double t = gen.log_uniform(1e-300, 1e300);
    CORE_CHECK(same_bits(tapeless::sqrt(t), std::sqrt(t)));
    CORE_CHECK(same_bits(tapeless::sqrt(static_cast<float>(t)), std::sqrt(static_cast<float>(t))));
  }
}

TEST_CASE("exp: values equal std::exp, derivative exp x", "[functions]") {
  check_unary(
      exp(x), [](auto t) { return std::exp(t); }, [](auto t) { return std::exp(t); },
      {-80, 80, false, false}, 2, 103);
  core_test::rng gen(104);
  for (int i = 0; i < 1000; ++i) {
    const double t = gen.uniform(-700, 700);
    CORE_CHECK(same_bits(tapeless::exp(t), std::exp(t)));
    CORE_CHECK(same_bits(tapeless::exp(static_cast<long double>(t)),
                         std::exp(static_cast<long double>(t))));
  }
}

TEST_CASE("log: values equal std::log, derivative 1/x", "[functions]") {
  check_unary(
      log(x), [](auto t) { return std::log(t); }, [](auto t) { return 1 / t; },
      {1e-6, 1e12, true, true}, 2, 105);
  core_test::rng gen(106);
  for (int i = 0; i < 1000; ++i) {
    const double t = gen.log_uniform(1e-300, 1e300);
    CORE_CHECK(same_bits(tapeless::log(t), std::log(t)));
  }
  CHECK(same_bits(tapeless::log(10), std::log(10.0)));
}

TEST_CASE("sin: values equal std::sin, derivative cos x", "[functions]") {
  check_unary(
      sin(x), [](auto t) { return std::sin(t); }, [](auto t) { return std::cos(t); },
      {-100, 100, false, false}, 2, 107);
  core_test::rng gen(108);
  for (int i = 0; i < 1000; ++i) {
    const double t = gen.uniform(-1e6, 1e6);
    CORE_CHECK(same_bits(tapeless::sin(t), std::sin(t)));
    CORE_CHECK(same_bits(tapeless::sin(static_cast<float>(t)), std::sin(static_cast<float>(t))));
  }
  CHECK(same_bits(tapeless::sin(2), std::sin(2.0)));
}

TEST_CASE("cos: values equal std::cos, derivative -sin x", "[functions]") {
  check_unary(
      cos(x), [](auto t) { return std::cos(t); }, [](auto t) { return -std::sin(t); },
      {-100, 100, false, false}, 2, 109);
  core_test::rng gen(110);
  for (int i = 0; i < 1000; ++i) {
    const double t = gen.uniform(-1e6, 1e6);
    CORE_CHECK(same_bits(tapeless::cos(t), std::cos(t)));
  }
}

TEST_CASE("pow with a constant exponent: values equal std::pow, derivative y x^(y-1)",
          "[functions][pow]") {
  check_unary(
      tapeless::pow(x, 2.5), [](auto t) { return std::pow(t, static_cast<decltype(t)>(2.5)); },
      [](auto t) {
        return static_cast<decltype(t)>(2.5) * std::pow(t, static_cast<decltype(t)>(1.5));
      },
      {1e-3, 1e3, true, true}, 2, 111);
  check_unary(
      pow(x, c<-0.75>), [](auto t) { return std::pow(t, static_cast<decltype(t)>(-0.75)); },
      [](auto t) {
        return static_cast<decltype(t)>(-0.75) * std::pow(t, static_cast<decltype(t)>(-1.75));
      },
      {1e-3, 1e3, true, true}, 2, 112);
  // an int constant is converted to the evaluation type: the general pow, not pow<3>
  check_unary(
      pow(x, 3), [](auto t) { return std::pow(t, static_cast<decltype(t)>(3)); },
      [](auto t) { return 3 * std::pow(t, static_cast<decltype(t)>(2)); }, {-50, 50, false, true},
      2, 113);
}

TEST_CASE("pow with a constant base: values equal std::pow, derivative b^x ln b",
          "[functions][pow]") {
  check_unary(
      pow(2.0, x), [](auto t) { return std::pow(static_cast<decltype(t)>(2), t); },
      [](auto t) {
        return std::pow(static_cast<decltype(t)>(2), t) * std::log(static_cast<decltype(t)>(2));
      },
      {-60, 60, false, false}, 2, 114);
  check_unary(
      pow(c<0.5>, x), [](auto t) { return std::pow(static_cast<decltype(t)>(0.5), t); },
      [](auto t) {
        return std::pow(static_cast<decltype(t)>(0.5), t) * std::log(static_cast<decltype(t)>(0.5));
      },
      {-60, 60, false, false}, 2, 115);
}

TEST_CASE("pow of two variables: both partials, values equal std::pow", "[functions][pow]") {
  core_test::rng gen(116);
  for (int i = 0; i < 3000; ++i) {
    const double a = gen.log_uniform(1e-2, 1e2);
    const double b = gen.uniform(-4, 4);
    CAPTURE(a, b);
    const auto r = value_and_grad(pow(x, y), at(x = a, y = b));
    CORE_CHECK(same_bits(r.value, std::pow(a, b)));
    CORE_CHECK(ulp_distance(r.grad[x], b * std::pow(a, b - 1)) <= 2);
    CORE_CHECK(ulp_distance(r.grad[y], std::pow(a, b) * std::log(a)) <= 2);
    const auto rf =
        value_and_grad(pow(x, y), at(x = static_cast<float>(a), y = static_cast<float>(b)));
    CORE_CHECK(same_bits(rf.value, std::pow(static_cast<float>(a), static_cast<float>(b))));
    const long double al = a;
    const long double bl = b;
    const auto fx = [&](long double s) { return eval(pow(x, y), at(x = s, y = bl)); };
    const auto fy = [&](long double s) { return eval(pow(x, y), at(x = al, y = s)); };
    const long double fxy = fx(al);
    const long double dx = fd4(fx, al, fd_step(al));
    const long double ly = 1 / std::fmax(1.0L, std::fabs(std::log(al)));  // x^y = e^(y ln x)
    const long double dy = fd4(fy, bl, fd_step(ly));
    CORE_CHECK(fd_agrees(r.grad[x], dx, std::fabs(fxy) / al));
    CORE_CHECK(fd_agrees(r.grad[y], dy, std::fabs(fxy) / ly));
    // the same variable as base and exponent: x^x (1 + ln x), both partials summed
    const double t = gen.uniform(0.05, 8);
    const long double tl = t;
    const long double xx = std::pow(tl, tl);
    CORE_CHECK(within_roundings(grad(pow(x, x), at(x = t))[x], xx * (1 + std::log(tl)),
                                xx * (1 + std::fabs(std::log(tl))), 8));
  }
  static_assert(grad(pow(x, x), at(x = 1.0))[x] == 1.0);
  static_assert(grad(pow(x, x), at(x = 2.0))[x] == 4 + 4 * ln2);
}

TEST_CASE("pow<N> and square: values and derivatives N x^(N-1)", "[functions][pow]") {
  // The values come from square-and-multiply, not from std::pow: exact at small integers, and
  // within log2(N) + popcount(N) roundings elsewhere.
  core_test::rng gen(117);
  for (int i = 0; i < 2000; ++i) {
    const int k = gen.integer(-200, 200);
    const double t = k;
    CAPTURE(t);
    CORE_CHECK(eval(tapeless::pow<3>(x), at(x = t)) == t * t * t);
    CORE_CHECK(grad(tapeless::pow<3>(x), at(x = t))[x] == 3 * t * t);
    CORE_CHECK(eval(tapeless::pow<5>(x), at(x = t)) == t * t * t * t * t);
    CORE_CHECK(grad(tapeless::pow<5>(x), at(x = t))[x] == 5 * t * t * t * t);
    CORE_CHECK(grad(tapeless::square(x), at(x = t))[x] == 2 * t);
    CORE_CHECK(eval(tapeless::square(x), at(x = t)) == t * t);
    CORE_CHECK(grad(tapeless::pow<1>(x), at(x = t))[x] == 1.0);
    CORE_CHECK(grad(tapeless::pow<0>(x), at(x = t))[x] == 0.0);
    CORE_CHECK(eval(tapeless::pow<0>(x), at(x = t)) == 1.0);
    if (k != 0) {
      // 1/x^2, -2/x^3: one division after exact integer products
      CORE_CHECK(eval(tapeless::pow<-2>(x), at(x = t)) == 1 / (t * t));
      CORE_CHECK(grad(tapeless::pow<-2>(x), at(x = t))[x] == -2 * (1 / (t * t * t)));
    }
    CORE_CHECK(grad(pow(x, c<4>), at(x = t))[x] == 4 * t * t * t);
  }
  for (int i = 0; i < 2000; ++i) {
    double t = gen.uniform(-10, 10);
    if (std::fabs(t) < 0.1) t += 0.5;
    const long double tl = t;
    CAPTURE(t);
    const auto r7 = value_and_grad(tapeless::pow<7>(x), at(x = t));
    CORE_CHECK(within_roundings(r7.value, std::pow(tl, 7), std::fabs(std::pow(tl, 7)), 6));
    CORE_CHECK(within_roundings(r7.grad[x], 7 * std::pow(tl, 6), 7 * std::pow(tl, 6), 6));
    const auto rm3 = value_and_grad(tapeless::pow<-3>(x), at(x = t));
    CORE_CHECK(within_roundings(rm3.value, 1 / std::pow(tl, 3), std::fabs(1 / std::pow(tl, 3)), 4));
    CORE_CHECK(within_roundings(rm3.grad[x], -3 / std::pow(tl, 4), 3 / std::pow(tl, 4), 6));
    const auto fl = [](long double s) { return eval(tapeless::pow<7>(x), at(x = s)); };
    CORE_CHECK(fd_agrees(r7.grad[x], fd4(fl, tl, fd_step(std::fabs(tl))), std::fabs(fl(tl) / tl)));
  }
}

// --- sin and cos together (the sweep reuses each as the other's derivative) ------------------

TEST_CASE("sin and cos in one expression: the reused partner gives the right derivatives",
          "[functions][partners]") {
  core_test::rng gen(118);
  for (int i = 0; i < 3000; ++i) {
    const double t = gen.uniform(-20, 20);
    const double u = gen.uniform(-20, 20);
    const double s = std::sin(t);
    const double co = std::cos(t);
    const long double sl = s;
    const long double cl = co;
    CAPTURE(t, u);
    // sin(x) + cos(x) -> cos - sin
    CORE_CHECK(within_roundings(grad(sin(x) + cos(x), at(x = t))[x], cl - sl,
                                std::fabs(cl) + std::fabs(sl), 2));
    // sin(x) cos(x) -> cos^2 - sin^2
    CORE_CHECK(within_roundings(grad(sin(x) * cos(x), at(x = t))[x], cl * cl - sl * sl,
                                cl * cl + sl * sl, 4));
    // sin(x) / cos(x) -> 1 / cos^2
    if (std::fabs(co) > 1e-3)
      CORE_CHECK(
          within_roundings(grad(sin(x) / cos(x), at(x = t))[x], 1 / (cl * cl), 1 / (cl * cl), 8));
    // cos^2 + sin^2 is constant: the two contributions cancel exactly
    CORE_CHECK(within_roundings(grad(cos(x) * cos(x) + sin(x) * sin(x), at(x = t))[x], 0.0L,
                                4 * std::fabs(sl * cl), 4));
    // the partner must have the same operand: sin(x) and cos(y) are not partners
    const auto g = grad(sin(x) + cos(y), at(x = t, y = u));
    CORE_CHECK(g[x] == co);
    CORE_CHECK(g[y] == -std::sin(u));
    const auto g2 = grad(sin(x) * cos(y) + cos(x) * sin(y), at(x = t, y = u));  // sin(x + y)
    const long double sum_cos = std::cos(static_cast<long double>(t) + u);
    const long double mag = std::fabs(cl * std::cos(u)) + std::fabs(sl * std::sin(u));
    CORE_CHECK(within_roundings(g2[x], sum_cos, mag, 6));
    CORE_CHECK(within_roundings(g2[y], sum_cos, mag, 6));
    // with run-time constants inside (not shared, so no reuse) the result is the same
    const double p = 2 * t;  // exact
    const long double s2 = std::sin(static_cast<long double>(p));
    const long double c2 = std::cos(static_cast<long double>(p));
    CORE_CHECK(within_roundings(grad(sin(2.0 * x) * cos(2.0 * x), at(x = t))[x],
                                2 * (c2 * c2 - s2 * s2), 2 * (c2 * c2 + s2 * s2), 4));
    // float evaluation
    const auto tf = static_cast<float>(t);
    const float gf = grad(sin(x) + cos(x), at(x = tf))[x];
    CORE_CHECK(ulp_distance(gf, std::cos(tf) - std::sin(tf)) <= 2);
  }
}

TEST_CASE("pow on plain numbers promotes like std::pow: pow(float, int) is double",
          "[functions][pow][regression]") {
  // Regression test: functions/pow.hpp's number overload used to compute in
  // real_t<common_type_t<X, Y>>, i.e. in float for (float, int), while std::pow(float, int) is
  // computed and returned in double (fixed in b338d37).
  static_assert(std::is_same_v<decltype(std::pow(2.0f, 3)), double>);
  CHECK(std::is_same_v<decltype(tapeless::pow(2.0f, 3)), decltype(std::pow(2.0f, 3))>);
  CHECK(std::is_same_v<decltype(tapeless::pow(3, 2.0f)), decltype(std::pow(3, 2.0f))>);
  const float base = 1.1f;
  CHECK(static_cast<double>(tapeless::pow(base, 3)) == std::pow(base, 3));
  // the cases where the common type is right
  CHECK(std::is_same_v<decltype(tapeless::pow(2.0f, 3.0f)), decltype(std::pow(2.0f, 3.0f))>);
  CHECK(std::is_same_v<decltype(tapeless::pow(2, 3)), decltype(std::pow(2, 3))>);
  CHECK(std::is_same_v<decltype(tapeless::pow(2.0f, 3.0L)), decltype(std::pow(2.0f, 3.0L))>);
  CHECK(same_bits(tapeless::pow(1.1, 3), std::pow(1.1, 3)));
}

TEST_CASE("pow(x, y) at x = 0: the partials are 0 where x^y is constant, not NaN",
          "[functions][pow][bug]") {
  // LIBRARY BUG (functions/pow.hpp, ops::pow::adjoint): at x = 0 the partials are computed
  // as 0 * log(0) = 0 * -inf and 0 * pow(0, -1) = 0 * inf, i.e. NaN, where the function is
  // constant in that direction: 0^y = 0 for every y > 0, so d/dy = 0; x^0 = 1 for every x, so
  // d/dx = 0. PyTorch (the seed's reference) and JAX return 0 in both cases. A NaN here
  // poisons every gradient that flows through the node (e.g. an optimiser reaching x = 0).
  const auto at_zero = at(x = 0.0, y = 2.0);
  CHECK(grad(pow(x, y), at_zero)[x] == 0.0);  // 2 * 0^1: already right
  CHECK(grad(pow(x, y), at_zero)[y] == 0.0);  // d/dy 0^y = 0 for y > 0
  CHECK(grad(pow(0.0, x), at(x = 2.0))[x] == 0.0);
  CHECK(grad(pow(x, y), at(x = 0.0, y = 0.0))[x] == 0.0);  // d/dx x^0 = 0
  CHECK(grad(pow(x, 0.0), at(x = 0.0))[x] == 0.0);
  // for comparison, the integer-exponent form is already right at 0
  CHECK(grad(tapeless::pow<0>(x), at(x = 0.0))[x] == 0.0);
  CHECK(grad(pow(x, c<0>), at(x = 0.0))[x] == 0.0);
}

// --- compositions against finite differences ---------------------------------------------------

TEST_CASE("compositions of functions: gradients agree with finite differences", "[functions]") {
  constexpr auto f = exp(sin(x) * y) * log(x * x + 1.0) / sqrt(y * y + x) - pow(x, cos(y)) +
                     tapeless::pow<3>(x - y) * tapeless::square(cos(x));
  core_test::rng gen(119);
  for (int i = 0; i < 2000; ++i) {
    const double a = gen.uniform(0.2, 4);
    const double b = gen.uniform(-2, 2);
    CAPTURE(a, b);
    const auto g = grad(f, at(x = a, y = b));
    const auto fx = [&](long double s) {
      return eval(f, at(x = s, y = static_cast<long double>(b)));
    };
    const auto fy = [&](long double s) {
      return eval(f, at(x = static_cast<long double>(a), y = s));
    };
    const long double len = 0.0625;  // the shortest length here is x >= 0.2 in pow(x, .)
    const long double dx = fd4(fx, a, fd_step(len));
    const long double dy = fd4(fy, b, fd_step(len));
    const long double scale = (std::fabs(fx(a)) + 1) / len;
    CAPTURE(g[x], g[y], static_cast<double>(dx), static_cast<double>(dy));
    CORE_CHECK(fd_agrees(g[x], dx, scale));
    CORE_CHECK(fd_agrees(g[y], dy, scale));
  }
}

}  // namespace
