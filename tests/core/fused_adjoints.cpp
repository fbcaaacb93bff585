// Not a Catch2 test: a plain program built with -mfma (x86-64), where the reverse sweep adds
// `abar * factor` into an adjoint as one expression (detail::factor_rule), so that clang fuses
// it into an FMA as it does hand-written adjoint code. It checks that clang takes that route
// for float and double (not for long double: x87 has no FMA; and g++, which fuses either way,
// never), that the route is taken (on clang, d(x sin x)/dx is exactly fma(x, cos x, sin x),
// which differs from the unfused sum at some of the points), and the gradients of the
// operations that have a factor (·, sin, cos, exp, sinh, cosh, hypot of two and three; tanh,
// atan and erf for the unary_rule functions) against their closed forms at many points, in
// double and float; products also in constant evaluation. Exits 77 (skipped) on a processor
// without FMA.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <cmath>
#include <cstdio>

#if !defined(__FMA__)
#error "build this test with -mfma"
#endif

namespace {

using tapeless::detail::has_adjoint_factor;
using tapeless::detail::probe_context;

#if defined(__clang__)
static_assert(tapeless::detail::fuse_adjoint_factors<double> && tapeless::detail::fuse_adjoint_factors<float>);
#else
static_assert(!tapeless::detail::fuse_adjoint_factors<double>);
#endif
static_assert(!tapeless::detail::fuse_adjoint_factors<long double>);
static_assert(has_adjoint_factor<tapeless::ops::mul, 0, probe_context>);
static_assert(has_adjoint_factor<tapeless::ops::mul, 1, probe_context>);
static_assert(has_adjoint_factor<tapeless::ops::sin, 0, probe_context>);
static_assert(has_adjoint_factor<tapeless::ops::cos, 0, probe_context>);
static_assert(has_adjoint_factor<tapeless::ops::tanh, 0, probe_context>);
// Operations whose adjoint is not a product with abar keep their own rule.
static_assert(!has_adjoint_factor<tapeless::ops::div, 0, probe_context>);
static_assert(!has_adjoint_factor<tapeless::ops::add, 0, probe_context>);

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;

int failures = 0;

// |got - want| within rel times the sum of the magnitudes of the closed form's terms (the sums
// below cancel; an FMA rounds once where a multiply and an add round twice).
template <class T>
void expect_near(T got, T want, T scale, T rel, const char* what, double px, double py) {
  if (!(std::fabs(got - want) <= rel * scale)) {
    ++failures;
    std::printf("fused_adjoints.cpp: %s at (%g, %g): %.17g, closed form %.17g\n", what, px, py,
                static_cast<double>(got), static_cast<double>(want));
  }
}

constexpr auto f = x * y + sin(x) * cos(y) + exp(x * y) + sinh(x) * cosh(y) + hypot(x, y) +
                   hypot(x, y, x * y) + tanh(x - y) + atan(x) + erf(y);

template <class T>
void check(T a, T b, T rel) {
  const auto g = tapeless::grad(f, tapeless::at(x = a, y = b));
  const T z = a * b, h2 = std::hypot(a, b), h3 = std::sqrt(a * a + b * b + z * z);
  const T t = std::tanh(a - b), dt = 1 - t * t;
  const T two_over_sqrt_pi = static_cast<T>(1.1283791670955126);
  const T gx[] = {b, std::cos(a) * std::cos(b), b * std::exp(z), std::cosh(a) * std::cosh(b),
                  a / h2, (a + z * b) / h3, dt, 1 / (1 + a * a), 0};
  const T gy[] = {a, -std::sin(a) * std::sin(b), a * std::exp(z), std::sinh(a) * std::sinh(b),
                  b / h2, (b + z * a) / h3, -dt, 0, two_over_sqrt_pi * std::exp(-b * b)};
  T wx = 0, wy = 0, sx = 0, sy = 0;
  for (int i = 0; i < 9; ++i) {
    wx += gx[i];
    wy += gy[i];
    sx += std::fabs(gx[i]);
    sy += std::fabs(gy[i]);
  }
  expect_near<T>(g[x], wx, sx, rel, "df/dx", static_cast<double>(a), static_cast<double>(b));
  expect_near<T>(g[y], wy, sy, rel, "df/dy", static_cast<double>(a), static_cast<double>(b));
}

// The fused route, bit for bit: d(x sin x)/dx is x̄ = sin x (from the product), then
// x̄ += x · cos x (sin's factor, times the adjoint x that the product sent to sin x), one FMA.
// Returns whether the unfused sum would have differed.
#if defined(__clang__)
bool check_fused(double a) {
  const double got = tapeless::grad(sin(x) * x, tapeless::at(x = a))[x];
  const double fused = std::fma(a, std::cos(a), std::sin(a));
  volatile double product = a * std::cos(a);  // rounded on its own
  const double unfused = product + std::sin(a);
  if (got != fused) {
    ++failures;
    std::printf("fused_adjoints.cpp: d(x sin x)/dx at %.17g: %.17g, fma %.17g, unfused %.17g\n", a, got,
                fused, unfused);
  }
  return fused != unfused;
}
#endif

// Products and the polynomial that the codegen benchmarks use, in constant evaluation (exact).
static_assert(tapeless::grad(x * x * x + x * x, tapeless::at(x = 1.5))[x] == 9.75);
static_assert(tapeless::grad(x * y * y, tapeless::at(x = 3.0, y = 0.5))[y] == 3.0);

}  // namespace

int main() {
#if defined(__x86_64__) || defined(__i386__)
  if (!__builtin_cpu_supports("fma")) {
    std::printf("fused_adjoints: this processor has no FMA; skipped\n");
    return 77;
  }
#endif
  int points = 0;
#if defined(__clang__)
  int telling = 0;  // points where fusing changes the result
  for (int i = 1; i <= 2000; ++i) telling += check_fused(0.00731 * i - 7.3) ? 1 : 0;
  if (telling == 0) {
    ++failures;
    std::printf("fused_adjoints.cpp: no point told the fused sum from the unfused one\n");
  }
#endif
  for (int i = -12; i <= 12; ++i) {
    for (int j = -9; j <= 9; ++j) {
      const double a = 0.137 * i + 0.011, b = 0.171 * j - 0.023;
      check<double>(a, b, 1e-14);
      check<float>(static_cast<float>(a), static_cast<float>(b), 2e-6f);
      ++points;
    }
  }
  if (failures == 0) std::printf("fused_adjoints: %d points, double and float: OK\n", points);
  return failures == 0 ? 0 : 1;
}
