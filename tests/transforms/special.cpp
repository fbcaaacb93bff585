// Second derivatives of the special and activation functions (erf erfc tgamma lgamma digamma
// sigmoid softplus relu) in float, double and long double against MPFR, and the accuracy of
// the library's ψ'' and ψ''' (detail/polygamma.hpp) against an Euler–Maclaurin sum in MPFR,
// itself checked against finite differences of MPFR's digamma.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/detail/polygamma.hpp>

#include "second.hpp"

namespace {

using second_test::interval;
using second_test::mp;
using second_test::polygamma;

constexpr long double pi_l = 3.14159265358979323846264338327950288L;

/// The absolute error of the library's ψ in units of u, as in tests/functions/derivatives.cpp:
/// 2 + |ln x| + 1/|x|, and for x < 0 the reflection's cot term.
long double psi_error(long double xv) {
  const long double reflection =
      xv < 0 ? std::fabs(4 * xv / std::tan(pi_l * xv)) + std::fabs(10 * xv / std::pow(std::sin(pi_l * xv), 2)) : 0;
  return 2 + std::fabs(std::log(std::fabs(xv))) + 1 / std::fabs(xv) + reflection;
}

/// The same for ψ' (trigamma): relative for x > 0; for x < 0 the reflection's π²/sin²(πx), whose
/// argument is rounded (relative error |x| u in πx, amplified by the cot).
long double trigamma_error(long double xv, long double value) {
  if (xv > 0) return 4 * std::fabs(value);
  const long double s = std::sin(pi_l * xv);
  const long double term = pi_l * pi_l / (s * s);
  return 4 * (std::fabs(value) + term * (1 + std::fabs(pi_l * xv / std::tan(pi_l * xv))));
}

template <class T>
void suite() {
  using namespace mp_test;
  using second_test::check_unary;
  const mp one(1.0L), two(2.0L), four(4.0L);
  const auto by_square = [](const mp& v, const mp& d) { return std::fabs(d.ld()) * (1 + v.ld() * v.ld()); };
  check_unary<T>("erf", [](auto v) { return tapeless::erf(v); },
                 [&](const mp& v) { return two / sqrt(pi()) * exp(-(v * v)); },
                 [&](const mp& v) { return -(four * v / sqrt(pi()) * exp(-(v * v))); }, {{-6, 6}, {1e-30L, 1, 1}}, 8,
                 by_square);
  check_unary<T>("erfc", [](auto v) { return tapeless::erfc(v); },
                 [&](const mp& v) { return -(two / sqrt(pi()) * exp(-(v * v))); },
                 [&](const mp& v) { return four * v / sqrt(pi()) * exp(-(v * v)); }, {{-6, 27}}, 8, by_square);
  // Γ'' = Γ (ψ² + ψ'): the errors of ψ (times 2|ψ| + 1) and of ψ'
  check_unary<T>("tgamma", [](auto v) { return tapeless::tgamma(v); },
                 [](const mp& v) { return tgamma(v) * digamma(v); },
                 [](const mp& v) { return tgamma(v) * (digamma(v) * digamma(v) + polygamma(1, v)); },
                 {{0.01L, 30}, {-20, -0.01L}}, 16, [](const mp& v, const mp&) {
                   const long double xv = v.ld(), psi = digamma(v).ld(), psi1 = polygamma(1, v).ld();
                   return std::fabs(tgamma(v).ld()) *
                          (psi * psi + std::fabs(psi1) + (2 * std::fabs(psi) + 1) * psi_error(xv) +
                           trigamma_error(xv, psi1));
                 });
  check_unary<T>("lgamma", [](auto v) { return tapeless::lgamma(v); }, [](const mp& v) { return digamma(v); },
                 [](const mp& v) { return polygamma(1, v); }, {{0.01L, 30}, {1, 1e30L, 1}, {-20, -0.01L}}, 4,
                 [](const mp& v, const mp& d) { return std::fabs(d.ld()) + trigamma_error(v.ld(), d.ld()); });
  check_unary<T>("digamma", [](auto v) { return tapeless::digamma(v); }, [](const mp& v) { return polygamma(1, v); },
                 [](const mp& v) { return polygamma(2, v); }, {{0.01L, 30}, {1, 1e15L, 1}}, 8);
  // σ' = e⁻ˣ/(1 + e⁻ˣ)² and σ'' = σ'(1 - 2σ) = e⁻ˣ(e⁻ˣ - 1)/(1 + e⁻ˣ)³ (1 - σ would cancel
  // in MPFR too, far out); σ'' from σ' = y(1 - y) is accurate to about u σ'(x) absolutely
  const auto sigma1 = [&](const mp& v) {
    const mp e = exp(-v);
    return e / ((one + e) * (one + e));
  };
  const auto sigma2 = [&](const mp& v) {
    const mp e = exp(-v);
    return e * (e - one) / ((one + e) * (one + e) * (one + e));
  };
  check_unary<T>("sigmoid", [](auto v) { return tapeless::sigmoid(v); }, sigma1, sigma2, {{-700, 700}, {-5, 5}}, 8,
                 [](const mp& v, const mp& d) { return std::fabs(d.ld()) + 1 / (2 + 2 * std::cosh(v.ld())); });
  // softplus'' = σ', from -expm1(-y): the rounding of y is amplified by y
  check_unary<T>("softplus", [](auto v) { return tapeless::softplus(v); },
                 [&](const mp& v) { return one / (one + exp(-v)); }, sigma1, {{-700, 700}, {-5, 5}}, 8,
                 [](const mp& v, const mp& d) { return std::fabs(d.ld()) * (2 + std::fabs(v.ld())); });
  check_unary<T>("relu", [](auto v) { return tapeless::relu(v); },
                 [&](const mp& v) { return v < mp(0.0L) ? mp(0.0L) : one; }, [](const mp&) { return mp(0.0L); },
                 {{1e-300L, 1e300L, 1}, {1e-300L, 1e300L, -1}}, 0);
}

TEST_CASE("second derivatives of the special functions: float", "[transforms]") { suite<float>(); }
TEST_CASE("second derivatives of the special functions: double", "[transforms]") { suite<double>(); }
TEST_CASE("second derivatives of the special functions: long double", "[transforms]") { suite<long double>(); }

/// ψ⁽ᴺ⁾ of the library against the MPFR sum; the sum checked against a central difference of
/// the order below (order 1: of MPFR's digamma).
template <int N, class T>
void polygamma_accuracy(std::initializer_list<interval> domain, double k) {
  second_test::rng g{second_test::seed_of("polygamma") + sizeof(T) + N};
  second_test::tally t;
  for (int i = 0; i < second_test::points; ++i) {
    const T p = second_test::sample<T>(g, domain);
    const mp X(p);
    const mp ref = polygamma(N, X);
    const auto lower = [](const mp& v) { return polygamma(N - 1, v); };
    const auto psi = [](const mp& v) { return mp_test::digamma(v); };
    // the references checked against each other at every 8th point (they cost most of the time)
    const bool agree =
        i % 8 != 0 ||
        (second_test::references_agree(ref, mp_test::central_difference(lower, X), lower, X) &&
         second_test::references_agree(polygamma(1, X), mp_test::central_difference(psi, X), psi, X));
    if (!agree) {
      t.fail(second_test::describe("polygamma", " reference mismatch (test bug)", p, p, ref));
      continue;
    }
    ++t.checked;
    const T got = N == 2 ? tapeless::detail::math::tetragamma(p) : tapeless::detail::math::pentagamma(p);
    // x < 0: ±ψ⁽ᴺ⁾(1 - x) + the reflection term, each with its own rounding (the term's
    // argument πx rounded: relative error amplified by about π|x| cot)
    long double scale = std::fabs(ref.ld());
    if (p < 0) {
      const long double term = std::fabs(second_test::reflection_term(N, X).ld());
      scale += std::fabs(polygamma(N, mp(1.0L) - X).ld()) + term * (4 + std::fabs(pi_l * p / std::tan(pi_l * p)));
    }
    if (!second_test::within(got, ref, k, scale))
      t.fail(second_test::describe("polygamma", N == 2 ? " psi''" : " psi'''", p, got, ref));
  }
  INFO(t.first_failure);
  INFO("order " << N << " (" << second_test::type_name<T>() << "): " << t.failures << " failures");
  CHECK(t.failures == 0);
  CHECK(t.checked == second_test::points);
}

template <class T>
void polygamma_suite() {
  const std::initializer_list<interval> domain = {{0.01L, 30}, {1e-3L, 1e15L, 1}, {-30, -0.01L}};
  polygamma_accuracy<2, T>(domain, 8);
  polygamma_accuracy<3, T>(domain, 8);
}

TEST_CASE("psi'' and psi''' against MPFR: float", "[transforms]") { polygamma_suite<float>(); }
TEST_CASE("psi'' and psi''' against MPFR: double", "[transforms]") { polygamma_suite<double>(); }
TEST_CASE("psi'' and psi''' against MPFR: long double", "[transforms]") { polygamma_suite<long double>(); }

TEST_CASE("psi'' and psi''' special values and constant evaluation", "[transforms]") {
  using tapeless::detail::math::pentagamma;
  using tapeless::detail::math::tetragamma;
  constexpr double inf = std::numeric_limits<double>::infinity();
  static_assert(tetragamma(0.0) == -inf && tetragamma(-0.0) == inf);
  static_assert(pentagamma(0.0) == inf && pentagamma(-3.0) == inf);
  static_assert(tetragamma(inf) == 0.0 && pentagamma(inf) == 0.0);
  // ψ''(1) = -2ζ(3), ψ'''(1) = π⁴/15, in constant evaluation
  static_assert(tetragamma(1.0) + 2.4041138063191886 < 1e-15 && tetragamma(1.0) + 2.4041138063191886 > -1e-15);
  static_assert(pentagamma(1.0) - 6.4939394022668291 < 1e-15 && pentagamma(1.0) - 6.4939394022668291 > -1e-15);
  CHECK(std::isnan(tetragamma(-2.0)));
  CHECK(std::isnan(tetragamma(-inf)));
  CHECK(std::isnan(pentagamma(std::numeric_limits<double>::quiet_NaN())));
  CHECK(std::signbit(tetragamma(inf)));
  CHECK(tetragamma(1.0f) == static_cast<float>(-2.404113806319188570799476L));
  CHECK(tetragamma(1.0) == static_cast<double>(-2.404113806319188570799476L));
}

}  // namespace
