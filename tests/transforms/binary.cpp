// Second derivatives of the functions of two and three arguments (atan2 hypot pow log_sum_exp
// copysign min max fmin fmax fma, hypot of three) and of division, in float, double and long
// double against MPFR closed forms (each checked against central differences of the closed
// forms of the gradient); the mixed partial from both sides (the Hessian's sweep along x and a
// Hessian-vector product along y).
// SPDX-License-Identifier: BSL-1.0

#include "second.hpp"

namespace {

using second_test::interval;
using second_test::mp;

constexpr interval wide_pos{1e-100L, 1e100L, 1};
constexpr interval wide_neg{1e-100L, 1e100L, -1};

template <class T>
void suite() {
  using namespace mp_test;
  using second_test::check_binary;
  const mp one(1.0L), two(2.0L), zero(0.0L);
  const auto zero2 = [&](const mp&, const mp&) { return zero; };
  // atan2(a, b), r² = a² + b²: ∂a = b/r², ∂b = -a/r², ∂aa = -2ab/r⁴, ∂ab = (a² - b²)/r⁴, ∂bb = 2ab/r⁴
  const auto r2 = [](const mp& a, const mp& b) { return a * a + b * b; };
  check_binary<T>("atan2", [](auto a, auto b) { return tapeless::atan2(a, b); },
                  [&](const mp& a, const mp& b) { return b / r2(a, b); },
                  [&](const mp& a, const mp& b) { return -a / r2(a, b); },
                  [&](const mp& a, const mp& b) { return -(two * a * b) / (r2(a, b) * r2(a, b)); },
                  [&](const mp& a, const mp& b) { return (a * a - b * b) / (r2(a, b) * r2(a, b)); },
                  [&](const mp& a, const mp& b) { return two * a * b / (r2(a, b) * r2(a, b)); },
                  {{-10, 10}, wide_pos, wide_neg}, {{-10, 10}, wide_pos, wide_neg}, 16,
                  [&](const mp& a, const mp& b, const mp& d) {
                    // a second derivative of size 1/r²: its error is relative to that
                    return std::fabs(d.ld()) + 1 / r2(a, b).ld();
                  });
  // hypot: ∂aa = b²/h³, ∂ab = -ab/h³, ∂bb = a²/h³
  const auto h3 = [](const mp& a, const mp& b) { return hypot(a, b) * hypot(a, b) * hypot(a, b); };
  check_binary<T>("hypot", [](auto a, auto b) { return tapeless::hypot(a, b); },
                  [](const mp& a, const mp& b) { return a / hypot(a, b); },
                  [](const mp& a, const mp& b) { return b / hypot(a, b); },
                  [&](const mp& a, const mp& b) { return b * b / h3(a, b); },
                  [&](const mp& a, const mp& b) { return -(a * b) / h3(a, b); },
                  [&](const mp& a, const mp& b) { return a * a / h3(a, b); },
                  {{-10, 10}, wide_pos, wide_neg}, {{-10, 10}, wide_pos, wide_neg}, 16,
                  [&](const mp& a, const mp& b, const mp& d) {
                    // from x/h: 1/h - x²/h³ cancels where |x| ≫ |y|: absolute to u/h
                    return std::fabs(d.ld()) + 1 / hypot(a, b).ld();
                  });
  // pow: ∂aa = b(b-1)a^(b-2), ∂ab = a^(b-1)(1 + b ln a), ∂bb = aᵇ ln²a; the rounding of b - 1 in
  // a^(b-1) amplified by |b ln a|
  check_binary<T>("pow", [](auto a, auto b) { return tapeless::pow(a, b); },
                  [&](const mp& a, const mp& b) { return b * pow(a, b - one); },
                  [](const mp& a, const mp& b) { return pow(a, b) * log(a); },
                  [&](const mp& a, const mp& b) { return b * (b - one) * pow(a, b - two); },
                  [&](const mp& a, const mp& b) { return pow(a, b - one) * (one + b * log(a)); },
                  [](const mp& a, const mp& b) { return pow(a, b) * log(a) * log(a); }, {{1e-3L, 1e3L, 1}},
                  {{-20, 20}}, 16, [](const mp& a, const mp& b, const mp& d) {
                    const long double ab = std::pow(a.ld(), b.ld());
                    const long double la = std::fabs(std::log(a.ld()));
                    return (std::fabs(d.ld()) + ab / (a.ld() * a.ld()) * (1 + std::fabs(b.ld())) * (1 + std::fabs(b.ld())) +
                            ab * (1 + la) * (1 + la) / a.ld()) *
                           (2 + std::fabs(b.ld()) * la);
                  });
  // log_sum_exp: p = σ(a - b); ∂aa = ∂bb = p(1 - p) = -∂ab
  const auto lse_w = [&](const mp& a, const mp& b) { return exp(a) / (exp(a) + exp(b)); };
  const auto lse_c = [&](const mp& a, const mp& b) { return exp(a) * exp(b) / ((exp(a) + exp(b)) * (exp(a) + exp(b))); };
  check_binary<T>("log_sum_exp", [](auto a, auto b) { return tapeless::log_sum_exp(a, b); }, lse_w,
                  [&](const mp& a, const mp& b) { return lse_w(b, a); }, lse_c,
                  [&](const mp& a, const mp& b) { return -lse_c(a, b); }, lse_c, {{-600, 600}, {-5, 5}},
                  {{-600, 600}, {-5, 5}}, 8, [](const mp& a, const mp& b, const mp& d) {
                    return std::fabs(d.ld()) * (1 + std::fabs(a.ld()) + std::fabs(b.ld()));
                  });
  // a / b: ∂aa = 0, ∂ab = -1/b², ∂bb = 2a/b³
  check_binary<T>("divide", [](auto a, auto b) { return a / b; }, [&](const mp&, const mp& b) { return one / b; },
                  [](const mp& a, const mp& b) { return -a / (b * b); }, zero2,
                  [&](const mp&, const mp& b) { return -one / (b * b); },
                  [&](const mp& a, const mp& b) { return two * a / (b * b * b); }, {{-10, 10}, {1e-8L, 1e8L, 1}},
                  {{1e-5L, 1e5L, 1}, {1e-5L, 1e5L, -1}}, 8);
  // the piecewise-linear ones (away from kinks: conventions.cpp): all second partials 0
  const auto sign_ab = [](const mp& a, const mp& b) { return mp((a < mp(0.0L)) == (b < mp(0.0L)) ? 1.0L : -1.0L); };
  check_binary<T>("copysign", [](auto a, auto b) { return tapeless::copysign(a, b); }, sign_ab, zero2, zero2, zero2,
                  zero2, {wide_pos, wide_neg}, {wide_pos, wide_neg}, 0);
  const auto first_if = [](bool first) { return mp(first ? 1.0L : 0.0L); };
  check_binary<T>("max", [](auto a, auto b) { return tapeless::max(a, b); },
                  [&](const mp& a, const mp& b) { return first_if(!(a < b)); },
                  [&](const mp& a, const mp& b) { return first_if(a < b); }, zero2, zero2, zero2, {{-10, 10}},
                  {{-10, 10}}, 0);
  check_binary<T>("min", [](auto a, auto b) { return tapeless::min(a, b); },
                  [&](const mp& a, const mp& b) { return first_if(!(b < a)); },
                  [&](const mp& a, const mp& b) { return first_if(b < a); }, zero2, zero2, zero2, {{-10, 10}},
                  {{-10, 10}}, 0);
  check_binary<T>("fmax", [](auto a, auto b) { return tapeless::fmax(a, b); },
                  [&](const mp& a, const mp& b) { return first_if(!(a < b)); },
                  [&](const mp& a, const mp& b) { return first_if(a < b); }, zero2, zero2, zero2, {{-10, 10}},
                  {{-10, 10}}, 0);
  check_binary<T>("fmin", [](auto a, auto b) { return tapeless::fmin(a, b); },
                  [&](const mp& a, const mp& b) { return first_if(!(b < a)); },
                  [&](const mp& a, const mp& b) { return first_if(b < a); }, zero2, zero2, zero2, {{-10, 10}},
                  {{-10, 10}}, 0);
}

TEST_CASE("second derivatives of functions of two arguments: float", "[transforms]") { suite<float>(); }
TEST_CASE("second derivatives of functions of two arguments: double", "[transforms]") { suite<double>(); }
TEST_CASE("second derivatives of functions of two arguments: long double", "[transforms]") { suite<long double>(); }

/// hypot(x, y, z): ∂ᵢᵢ = (h² - xᵢ²)/h³, ∂ᵢⱼ = -xᵢxⱼ/h³; fma(a, b, c): ∂ab = 1, the rest 0.
template <class T>
void ternary_suite() {
  using second_test::x;
  using second_test::y;
  using second_test::z;
  second_test::rng g{second_test::seed_of("ternary") + sizeof(T)};
  second_test::tally t;
  const auto e = tapeless::hypot(x, y, z);
  const auto m = tapeless::fma(x, y, z);
  for (int i = 0; i < second_test::points; ++i) {
    const std::initializer_list<interval> dom = {{-10, 10}, {1e-30L, 1e30L, 1}, {1e-30L, 1e30L, -1}};
    const T p[3] = {second_test::sample<T>(g, dom), second_test::sample<T>(g, dom), second_test::sample<T>(g, dom)};
    const auto hm = tapeless::hessian(e, tapeless::at(x = p[0], y = p[1], z = p[2]));
    const auto hf = tapeless::hessian(m, tapeless::at(x = p[0], y = p[1], z = p[2]));
    const mp v[3] = {mp(p[0]), mp(p[1]), mp(p[2])};
    const mp h = mp_test::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    const mp h3 = h * h * h;
    ++t.checked;
    for (std::size_t a = 0; a < 3; ++a)
      for (std::size_t b = 0; b < 3; ++b) {
        const mp exact = a == b ? (h * h - v[a] * v[a]) / h3 : -(v[a] * v[b]) / h3;
        if (!second_test::within(hm(a, b), exact, 16, std::fabs(exact.ld()) + 1 / h.ld()))
          t.fail(second_test::describe("hypot3", " second partial", p[a], hm(a, b), exact));
        const T expect_fma = (a == 0 && b == 1) || (a == 1 && b == 0) ? T(1) : T(0);
        if (hf(a, b) != expect_fma) t.fail(second_test::describe("fma", " second partial", p[a], hf(a, b), mp(expect_fma)));
      }
  }
  INFO(t.first_failure);
  CHECK(t.failures == 0);
}

TEST_CASE("second derivatives of hypot(x, y, z) and fma", "[transforms]") {
  ternary_suite<float>();
  ternary_suite<double>();
  ternary_suite<long double>();
}

}  // namespace
