// The library under -ffast-math, as HPC and embedded users build it: the headers compile
// without a warning under the project's -Werror set (clang 18+ warns, -Wnan-infinity-disabled,
// at every use of infinity() or quiet_NaN() when -ffinite-math-only is on, and the library
// uses them for infinite inputs and in constant evaluation), and the functions whose rules
// test for infinities or start from one (max/min of a vector, log_sum_exp, hypot, atan2,
// the polygamma functions, pow) give the closed-form gradient at finite points, and printing
// an infinite or NaN constant ends. meson builds this file with -ffast-math
// (tests/meson.build); docs/pitfalls.md says what the flag costs.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/io/print.hpp>
#include <tapeless/map_reduce.hpp>
#include <tapeless/tapeless.hpp>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <span>

namespace {

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"z"> z;
constexpr tapeless::vec<"v", 4> v;

int failures = 0;
int checks = 0;

// Reassociation and contraction move results by a few ulp, not more.
void expect_near(double got, double want, const char* what, double at) {
  ++checks;
  if (std::fabs(got - want) <= 1e-13 * (1 + std::fabs(want))) return;
  std::printf("FAIL %s at %g: %.17g, want %.17g\n", what, at, got, want);
  ++failures;
}

// max and min start from the first element, not from an infinity that a -ffinite-math-only
// build may fold away; all-negative vectors and ties are the cases that would show it.
void extrema() {
  const std::array<std::array<double, 4>, 4> points{{{-3.0, -1.0, -2.0, -5.0},
                                                     {-7.5, -7.5, -8.0, -9.0},
                                                     {2.0, 4.0, 4.0, 4.0},
                                                     {1e300, -1e300, 0.0, -0.5}}};
  for (const auto& p : points) {
    const auto hi = tapeless::value_and_grad(max(v) + 2.0 * min(v), tapeless::at(v = p));
    double want_hi = p[0], want_lo = p[0];
    for (const double e : p) {
      want_hi = e > want_hi ? e : want_hi;
      want_lo = e < want_lo ? e : want_lo;
    }
    int n_hi = 0, n_lo = 0;
    for (const double e : p) {
      n_hi += e == want_hi ? 1 : 0;
      n_lo += e == want_lo ? 1 : 0;
    }
    expect_near(hi.value, want_hi + 2.0 * want_lo, "max(v) + 2 min(v)", p[0]);
    const std::array<double, 4> g = hi.grad[v];
    for (std::size_t i = 0; i < 4; ++i) {
      const double want = (p[i] == want_hi ? 1.0 / n_hi : 0.0) + (p[i] == want_lo ? 2.0 / n_lo : 0.0);
      expect_near(g[i], want, "d(max + 2 min)/dv_i", p[i]);
    }
  }
}

void scalar_rules() {
  for (int k = 0; k < 24; ++k) {
    const double a = -2.9 + 0.25 * k;        // both signs
    const double b = 0.35 + 0.15 * k;        // positive
    const double c = 1.7 - 0.1 * k;          // crosses zero away from the points used
    const auto point = tapeless::at(x = a, y = b, z = c);

    // log_sum_exp(x, y): the softmax weights
    const auto lse = tapeless::grad(log_sum_exp(x, y), point);
    const double m = std::fmax(a, b);
    const double sum = std::exp(a - m) + std::exp(b - m);
    expect_near(lse[x], std::exp(a - m) / sum, "dlse/dx", a);
    expect_near(lse[y], std::exp(b - m) / sum, "dlse/dy", a);

    // hypot(x, y) and hypot(x, y, z): x / h
    const auto h2 = tapeless::grad(hypot(x, y), point);
    expect_near(h2[x], a / std::hypot(a, b), "dhypot/dx", a);
    const auto h3 = tapeless::grad(hypot(x, y, z), point);
    const double r3 = std::sqrt(a * a + b * b + c * c);
    expect_near(h3[z], c / r3, "dhypot3/dz", a);

    // atan2(x, y): y / (x² + y²) and -x / (x² + y²)
    const auto at2 = tapeless::grad(atan2(x, y), point);
    expect_near(at2[x], b / (a * a + b * b), "datan2/dx", a);
    expect_near(at2[y], -a / (a * a + b * b), "datan2/dy", a);

    // lgamma'(y) = ψ(y), d/dy ψ(y) = ψ'(y): ψ(y + 1) - ψ(y) = 1/y, ψ'(y) - ψ'(y + 1) = 1/y²
    const auto dg = tapeless::grad(lgamma(y + 1.0) - lgamma(y), point);
    expect_near(dg[y], 1.0 / b, "d(lgamma(y+1) - lgamma(y))/dy", b);
    const auto tg = tapeless::grad(digamma(y) - digamma(y + 1.0), point);
    expect_near(tg[y], 1.0 / (b * b), "d(digamma(y) - digamma(y+1))/dy", b);

    // pow(y, x): x y^(x-1) and y^x ln y
    const auto pw = tapeless::grad(pow(y, x), point);
    expect_near(pw[y], a * std::pow(b, a - 1), "dpow/dy", b);
    expect_near(pw[x], std::pow(b, a) * std::log(b), "dpow/dx", b);
  }
}

void second_order() {
  for (int k = 0; k < 8; ++k) {
    const double a = 0.3 + 0.2 * k, b = -1.1 + 0.3 * k;
    const auto point = tapeless::at(x = a, y = b);
    const auto h = tapeless::hessian(hypot(x, y) + x * x * y, point);
    const double r = std::hypot(a, b);
    expect_near(h[x][y], -a * b / (r * r * r) + 2 * a, "d2/dxdy", a);
    expect_near(h[x][x], b * b / (r * r * r) + 2 * b, "d2/dx2", a);
  }
}

// Printing reads infinities and NaN from the bits: a comparison with infinity would be folded
// away, and the digit loop would not end on an infinite constant.
void printing() {
  const double inf = std::bit_cast<double>(std::uint64_t{0x7ff0000000000000});
  const double minus_inf = std::bit_cast<double>(std::uint64_t{0xfff0000000000000});
  const double nan = std::bit_cast<double>(std::uint64_t{0x7ff8000000000000});
  ++checks;
  if (!(tapeless::to_string(x * inf) == "x * inf" && tapeless::to_string(x + minus_inf) == "x + (-inf)" &&
        tapeless::to_string(x - nan) == "x - nan")) {
    std::printf("FAIL printing infinities and NaN\n");
    ++failures;
  }
}

// Constant evaluation does not follow -ffast-math: the constexpr math keeps its infinities.
constexpr auto constant = tapeless::grad(x * log(y) + exp(x), tapeless::at(x = 0.0, y = 1.0));
static_assert(constant[x] == 1.0 && constant[y] == 0.0);

}  // namespace

int main() {
  extrema();
  scalar_rules();
  second_order();
  printing();
  std::printf("%d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
