// Small hand-written cases for what the differential fuzzer (tests/fuzz/README.md) ran into, each
// checked against its closed form. None of these was a wrong tapeless result; they are the shapes
// where the comparison itself went wrong first (ADOL-C ties, an adub converted twice) or where
// g++ 12 warns, so they stay pinned down should the library change there.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <cmath>

namespace {

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;

bool close(double got, double want) {
  return std::fabs(got - want) <= 1e-14 * (1 + std::fabs(want));
}

}  // namespace

// min(e, e') of two equal computations: ADOL-C 2.7 reports the tie as an error; tapeless splits
// the adjoint 1/2 - 1/2 between the arguments, which are one node here, so the result is e'.
TEST_CASE("fuzz regression: fmin and max of the same computation") {
  const auto f = tapeless::fmin(tapeless::sin(x), tapeless::sin(x)) +
                 tapeless::max(x * y, x * y);
  for (double a : {-1.7, -0.2, 0.4, 1.9}) {
    for (double b : {-1.1, 0.3, 2.0}) {
      const auto r = tapeless::value_and_grad(f, tapeless::at(x = a, y = b));
      CHECK(close(r.value, std::sin(a) + a * b));
      CHECK(close(r.grad[x], std::cos(a) + b));
      CHECK(close(r.grad[y], a));
    }
  }
}

// k37 of seed 1, reduced: pow<3> of a scaled named log_sum_exp that also feeds an fma and fmax.
TEST_CASE("fuzz regression: pow<3> of a shared scaled node") {
  const auto u = tapeless::let<"u">(tapeless::log_sum_exp(y, x, y));
  const auto e3 = tapeless::pow(tapeless::c<0.806> * u, tapeless::c<3>);
  const auto f = e3 + tapeless::fma(e3, x, u) + tapeless::fmax(u, x);
  for (double a : {-1.3, 0.1, 1.6}) {
    for (double b : {-0.9, 0.7}) {
      const double s = std::exp(a) + 2 * std::exp(b), uv = std::log(s);
      const double du_dx = std::exp(a) / s, du_dy = 2 * std::exp(b) / s;
      const double p = 0.806 * uv, e = p * p * p, de = 3 * p * p * 0.806;
      const bool u_wins = uv >= a;  // never a tie at these points
      const auto r = tapeless::value_and_grad(f, tapeless::at(x = a, y = b));
      CHECK(close(r.value, e + (e * a + uv) + (u_wins ? uv : a)));
      CHECK(close(r.grad[x], de * du_dx * (1 + a) + e + du_dx + (u_wins ? du_dx : 1.0)));
      CHECK(close(r.grad[y], de * du_dy * (1 + a) + du_dy + (u_wins ? du_dy : 0.0)));
    }
  }
}

// Two selects whose guarded nodes g++ 12 -O2 -Wall reports as "may be used uninitialized"
// (tests/fuzz/meson.build turns that warning off for the generated programs): the values and
// gradients in all four branch combinations.
TEST_CASE("fuzz regression: two selects with guarded nodes") {
  const auto f = tapeless::select(y < 0.5, x / y, y) + tapeless::select(x > y, x * y, x);
  for (double a : {-1.0, 0.3, 2.0}) {
    for (double b : {-0.7, 0.2, 1.5}) {
      const auto r = tapeless::value_and_grad(f, tapeless::at(x = a, y = b));
      const bool first = b < 0.5, second = a > b;
      const double value = (first ? a / b : b) + (second ? a * b : a);
      const double dx = (first ? 1 / b : 0.0) + (second ? b : 1.0);
      const double dy = (first ? -a / (b * b) : 1.0) + (second ? a : 0.0);
      CHECK(close(r.value, value));
      CHECK(close(r.grad[x], dx));
      CHECK(close(r.grad[y], dy));
    }
  }
}
