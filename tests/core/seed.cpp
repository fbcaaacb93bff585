// The seed's examples (a blog post on PyTorch autograd), differentiated by tapeless:
//   y = x^3 + x^2            -> dy/dx = 3x^2 + 2x   (also through let<"u">, let<"v">)
//   y = sin(x) / x           -> dy/dx = cos(x)/x - sin(x)/x^2
//   y = 2 (x0^2+x1^2+x2^2+x3^2) at (0,1,2,3) -> (0, 4, 8, 12), value 28
// at compile time, and at run time at thousands of points against the closed form (exactly
// where the arithmetic is exact) and against long double finite differences.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>

#include "support.hpp"

namespace {

using core_test::fd4;
using core_test::fd_agrees;
using core_test::fd_step;
using core_test::within_roundings;
using tapeless::at;
using tapeless::eval;
using tapeless::grad;
using tapeless::value_and_grad;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"x0"> x0;
constexpr tapeless::var<"x1"> x1;
constexpr tapeless::var<"x2"> x2;
constexpr tapeless::var<"x3"> x3;

// --- y = x^3 + x^2 ----------------------------------------------------------------------------

constexpr auto cubic = x * x * x + x * x;
constexpr auto cubic_let = tapeless::let<"u">(x * x * x) + tapeless::let<"v">(x * x);

constexpr double cubic_derivative(double t) { return 3 * t * t + 2 * t; }

static_assert(eval(cubic, at(x = 2.0)) == 12.0);
static_assert(grad(cubic, at(x = 2.0))[x] == 16.0);
static_assert(grad(cubic, at(x = -1.0))[x] == 1.0);
static_assert(grad(cubic, at(x = 0.0))[x] == 0.0);
static_assert(grad(cubic, at(x = 0.5))[x] == 1.75);
static_assert(grad(cubic, at(x = -3.0))[x] == 21.0);
static_assert(grad(cubic, at(x = 2.0))[y] == 0.0);  // y is not a variable of the cubic
static_assert(eval(cubic_let, at(x = 2.0)) == 12.0);
static_assert(grad(cubic_let, at(x = 2.0))[x] == 16.0);
static_assert(grad(cubic_let, at(x = -3.0))[x] == 21.0);
static_assert(value_and_grad(cubic, at(x = 3.0)).value == 36.0);
static_assert(value_and_grad(cubic, at(x = 3.0)).grad[x] == 33.0);
// x, x*x, (x*x)*x, + : the x*x inside x*x*x is the same node as the other x*x
static_assert(tapeless::node_count(cubic) == 4);
// x, x*x, (x*x)*x, u, v, +
static_assert(tapeless::node_count(cubic_let) == 6);

TEST_CASE("seed x^3 + x^2: exact derivative 3x^2 + 2x at integers and small dyadic points",
          "[seed]") {
  // x = k / 4, |k| <= 2000: every product and sum is exact in double, so the reverse sweep
  // must reproduce 3x^2 + 2x bit for bit, whatever the order of accumulation.
  for (int k = -2000; k <= 2000; ++k) {
    const double t = k / 4.0;
    const double want = cubic_derivative(t);
    const auto r = value_and_grad(cubic, at(x = t));
    const auto rl = value_and_grad(cubic_let, at(x = t));
    CAPTURE(t);
    CORE_CHECK(r.grad[x] == want);
    CORE_CHECK(rl.grad[x] == want);
    CORE_CHECK(r.value == t * t * t + t * t);
    CORE_CHECK(rl.value == r.value);
    CORE_CHECK(r.grad[y] == 0.0);
  }
}

TEST_CASE("seed x^3 + x^2: derivative at random points within the rounding bound", "[seed]") {
  // The sweep computes m = x*x, 1 + x, (1+x)*x twice and sums them with m: five roundings.
  // The closed form is evaluated in long double (error 2^-11 of a double ulp); the bound is
  // 6 roundings of double relative to 3x^2 + 2|x| (the terms, so that cancellation near
  // x = -2/3 is accounted for). For x > 0 there is no cancellation, and the result must be
  // within 2 ulp of the correctly rounded derivative (the worst case of the error analysis is
  // a little larger; 2 ulp holds on a million sampled points).
  core_test::rng gen(1);
  for (int i = 0; i < 5000; ++i) {
    const double t = i < 2500 ? gen.uniform(-10, 10) : gen.log_uniform(1e-6, 1e6);
    const long double tl = t;
    const long double want = 3 * tl * tl + 2 * tl;
    const long double magnitude = 3 * tl * tl + 2 * std::fabs(tl);
    const double g = grad(cubic, at(x = t))[x];
    const double gl = grad(cubic_let, at(x = t))[x];
    CAPTURE(t, g, gl, static_cast<double>(want));
    CORE_CHECK(within_roundings(g, want, magnitude, 6));
    CORE_CHECK(within_roundings(gl, want, magnitude, 6));
    if (t > 0) CORE_CHECK(core_test::ulp_distance(g, static_cast<double>(want)) <= 2);
  }
}

TEST_CASE("seed x^3 + x^2: derivative agrees with long double finite differences", "[seed]") {
  core_test::rng gen(2);
  for (int i = 0; i < 2000; ++i) {
    const double t = gen.uniform(-50, 50);
    const auto f = [](long double s) { return eval(cubic, at(x = s)); };
    const long double h = fd_step(std::fmax(1.0, std::fabs(t)));
    const long double fd = fd4(f, t, h);
    const double g = grad(cubic, at(x = t))[x];
    CAPTURE(t, g, static_cast<double>(fd));
    CORE_CHECK(fd_agrees(g, fd, f(t) / std::fmax(1.0, std::fabs(t))));
  }
}

// --- y = sin(x) / x ---------------------------------------------------------------------------

constexpr auto sinc = sin(x) / x;

// At x = pi/2 ~ fl(pi/2) cos is about 6e-17 and sin is 1 to double precision, so the derivative
// is -1/x^2 to within a few 1e-16.
constexpr double half_pi = 1.57079632679489661923;
static_assert(core_test::cabs(grad(sinc, at(x = half_pi))[x] + 1 / (half_pi * half_pi)) < 1e-15);
static_assert(eval(sinc, at(x = half_pi)) == 1 / half_pi);
static_assert(tapeless::node_count(sinc) == 3);  // x, sin(x), /

TEST_CASE("seed sin(x)/x: derivative cos(x)/x - sin(x)/x^2 within the rounding bound", "[seed]") {
  // The sweep computes q = 1/x, v = sin(x)/x, -(q*v) and q*cos(x) and adds them: with the
  // two libm results (each within 1 ulp), at most 8 roundings relative to the magnitude of
  // the terms |cos x / x| + |sin x / x^2|. The closed form is computed in long double.
  core_test::rng gen(3);
  for (int i = 0; i < 5000; ++i) {
    double t = gen.uniform(-40, 40);
    if (t == 0) t = 1;
    const long double tl = t;
    const long double c = std::cos(tl);
    const long double s = std::sin(tl);
    const long double want = c / tl - s / (tl * tl);
    const long double magnitude = std::fabs(c / tl) + std::fabs(s / (tl * tl));
    const auto r = value_and_grad(sinc, at(x = t));
    CAPTURE(t, r.grad[x], static_cast<double>(want));
    CORE_CHECK(within_roundings(r.grad[x], want, magnitude, 8));
    // where the two terms have the same sign (no cancellation): within 2 ulp of the correctly
    // rounded derivative
    if (c * s * tl < 0)
      CORE_CHECK(core_test::ulp_distance(r.grad[x], static_cast<double>(want)) <= 2);
    CORE_CHECK(r.value == std::sin(t) / t);  // the same two operations as the forward sweep
  }
}

TEST_CASE("seed sin(x)/x: derivative agrees with long double finite differences", "[seed]") {
  core_test::rng gen(4);
  for (int i = 0; i < 2000; ++i) {
    double t = gen.uniform(-30, 30);
    if (std::fabs(t) < 0.25) t = 0.25 + t;  // the stencil must stay away from x = 0
    const auto f = [](long double s) { return eval(sinc, at(x = s)); };
    // sin varies over lengths ~1, 1/x over |x|: the shorter one sets the step
    const long double len = std::fmin(1.0, std::fabs(t));
    const long double fd = fd4(f, t, fd_step(len));
    const double g = grad(sinc, at(x = t))[x];
    CAPTURE(t, g, static_cast<double>(fd));
    CORE_CHECK(fd_agrees(g, fd, std::fabs(f(t)) / len + 1 / (t * t)));
  }
}

// --- y = 2 (x0^2 + x1^2 + x2^2 + x3^2) --------------------------------------------------------

constexpr auto dot2 = 2.0 * (x0 * x0 + x1 * x1 + x2 * x2 + x3 * x3);
constexpr auto dot2_result = value_and_grad(dot2, at(x0 = 0.0, x1 = 1.0, x2 = 2.0, x3 = 3.0));
static_assert(dot2_result.value == 28.0);
static_assert(dot2_result.grad[x0] == 0.0);
static_assert(dot2_result.grad[x1] == 4.0);
static_assert(dot2_result.grad[x2] == 8.0);
static_assert(dot2_result.grad[x3] == 12.0);
static_assert(decltype(dot2_result.grad)::size() == 4);
// the bindings may come in any order
static_assert(grad(dot2, at(x3 = 3.0, x1 = 1.0, x0 = 0.0, x2 = 2.0))[x3] == 12.0);

// The same through the functional form, as PyTorch's y = 2 * torch.dot(x, x).
constexpr auto dot2_fn = [](auto a, auto b, auto c, auto d) {
  return 2.0 * (a * a + b * b + c * c + d * d);
};
static_assert(tapeless::grad(dot2_fn)(0.0, 1.0, 2.0, 3.0) == std::array{0.0, 4.0, 8.0, 12.0});
static_assert(tapeless::value_and_grad(dot2_fn)(0.0, 1.0, 2.0, 3.0).value == 28.0);

TEST_CASE("seed 2*dot(x, x): gradient 4x exactly at random points", "[seed]") {
  // d/dxi = 2 * xi + 2 * xi: a product by 2 and a sum of two equal numbers, both exact, so
  // the gradient equals 4 xi bit for bit everywhere (no overflow in this range).
  core_test::rng gen(5);
  for (int i = 0; i < 2000; ++i) {
    const double a = gen.uniform(-1e3, 1e3);
    const double b = gen.uniform(-1e3, 1e3);
    const double c = gen.uniform(-1, 1);
    const double d = gen.log_uniform(1e-8, 1e8);
    const auto r = value_and_grad(dot2, at(x0 = a, x1 = b, x2 = c, x3 = d));
    CAPTURE(a, b, c, d);
    CORE_CHECK(r.grad[x0] == 4 * a);
    CORE_CHECK(r.grad[x1] == 4 * b);
    CORE_CHECK(r.grad[x2] == 4 * c);
    CORE_CHECK(r.grad[x3] == 4 * d);
    CORE_CHECK(r.grad[x] == 0.0);
    const long double want =
        2 * ((static_cast<long double>(a) * a + static_cast<long double>(b) * b) +
             (static_cast<long double>(c) * c + static_cast<long double>(d) * d));
    CORE_CHECK(within_roundings(r.value, want, want, 8));  // 4 products, 3 sums, all positive

    const auto fn = tapeless::value_and_grad(dot2_fn)(a, b, c, d);
    CORE_CHECK(fn.grad == std::array{4 * a, 4 * b, 4 * c, 4 * d});
    CORE_CHECK(fn.value == r.value);  // same expression, same operations
  }
}

TEST_CASE("seed 2*dot(x, x): gradient agrees with finite differences in each variable", "[seed]") {
  core_test::rng gen(6);
  for (int i = 0; i < 1000; ++i) {
    const std::array<double, 4> p{gen.uniform(-5, 5), gen.uniform(-5, 5), gen.uniform(-5, 5),
                                  gen.uniform(-5, 5)};
    const auto g = grad(dot2, at(x0 = p[0], x1 = p[1], x2 = p[2], x3 = p[3]));
    const std::array<double, 4> gs{g[x0], g[x1], g[x2], g[x3]};
    for (std::size_t k = 0; k < 4; ++k) {
      const auto f = [&](long double s) {
        std::array<long double, 4> q{p[0], p[1], p[2], p[3]};
        q[k] = s;
        return eval(dot2, at(x0 = q[0], x1 = q[1], x2 = q[2], x3 = q[3]));
      };
      const long double len = std::fmax(1.0, std::fabs(p[k]));
      const long double fd = fd4(f, p[k], fd_step(len));
      CAPTURE(k, p[k], gs[k], static_cast<double>(fd));
      CORE_CHECK(fd_agrees(gs[k], fd, f(p[k]) / len));
    }
  }
}

}  // namespace
