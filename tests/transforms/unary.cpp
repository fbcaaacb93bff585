// The second derivative of every elementary function of one argument (float, double, long
// double), at 1000 points over its domain, against two MPFR references (the closed form of f'',
// checked first against a central difference of the closed form of f'); the value and gradient
// of the dual sweep are the plain sweep's, bit for bit. Special and activation functions:
// special.cpp.
// SPDX-License-Identifier: BSL-1.0

#include "second.hpp"

namespace {

using second_test::interval;
using second_test::mp;

constexpr interval wide_pos{1e-300L, 1e300L, 1};
constexpr interval wide_neg{1e-300L, 1e300L, -1};

template <class T>
void suite() {
  using namespace mp_test;
  using second_test::check_unary;
  const mp one(1.0L), two(2.0L), three(3.0L), four(4.0L);
  // the argument's rounding, amplified by |x| (e^(x(1+u)) = e^x e^(xu))
  const auto by_arg = [](const mp& v, const mp& d) { return std::fabs(d.ld()) * (1 + std::fabs(v.ld())); };
  check_unary<T>("sqrt", [](auto v) { return tapeless::sqrt(v); }, [&](const mp& v) { return one / (two * sqrt(v)); },
                 [&](const mp& v) { return -one / (four * v * sqrt(v)); }, {wide_pos, {0, 4}});
  // glibc's cbrt is not correctly rounded (up to about 4 ulp), and y⁻⁵ multiplies that by 5
  check_unary<T>("cbrt", [](auto v) { return tapeless::cbrt(v); },
                 [&](const mp& v) { return one / (three * cbrt(v) * cbrt(v)); },
                 [&](const mp& v) { return -(two / (mp(9.0L) * v * cbrt(v) * cbrt(v))); },
                 {wide_pos, wide_neg, {-4, 4}}, 48);
  check_unary<T>("exp", [](auto v) { return tapeless::exp(v); }, [](const mp& v) { return exp(v); },
                 [](const mp& v) { return exp(v); }, {{-700, 700}, {-3, 3}}, 8, by_arg);
  check_unary<T>("exp2", [](auto v) { return tapeless::exp2(v); }, [&](const mp& v) { return log(two) * exp2(v); },
                 [&](const mp& v) { return log(two) * log(two) * exp2(v); }, {{-1000, 1000}, {-3, 3}}, 8,
                 by_arg);
  check_unary<T>("expm1", [](auto v) { return tapeless::expm1(v); }, [](const mp& v) { return exp(v); },
                 [](const mp& v) { return exp(v); }, {{-700, 700}, {1e-30L, 1, 1}, {1e-30L, 1, -1}}, 8, by_arg);
  check_unary<T>("log", [](auto v) { return tapeless::log(v); }, [&](const mp& v) { return one / v; },
                 [&](const mp& v) { return -one / (v * v); }, {wide_pos, {0.5, 2}});
  check_unary<T>("log2", [](auto v) { return tapeless::log2(v); }, [&](const mp& v) { return one / (v * log(two)); },
                 [&](const mp& v) { return -one / (v * v * log(two)); }, {wide_pos, {0.5, 2}});
  check_unary<T>("log10", [](auto v) { return tapeless::log10(v); },
                 [&](const mp& v) { return one / (v * log(mp(10.0L))); },
                 [&](const mp& v) { return -one / (v * v * log(mp(10.0L))); }, {wide_pos, {0.5, 2}});
  check_unary<T>("log1p", [](auto v) { return tapeless::log1p(v); }, [&](const mp& v) { return one / (one + v); },
                 [&](const mp& v) { return -one / ((one + v) * (one + v)); },
                 {wide_pos, {-0.999, 1}, {1e-30L, 0.5, -1}});
  // sin'' = -sin: accurate absolutely where |sin| is small next to 1
  const auto trig = [](const mp&, const mp& d) { return std::fabs(d.ld()) + 1e-3L; };
  check_unary<T>("sin", [](auto v) { return tapeless::sin(v); }, [](const mp& v) { return cos(v); },
                 [](const mp& v) { return -sin(v); }, {{-10, 10}, {1, 1e6, 1}, {1e-20L, 1, -1}}, 8, trig);
  check_unary<T>("cos", [](auto v) { return tapeless::cos(v); }, [](const mp& v) { return -sin(v); },
                 [](const mp& v) { return -cos(v); }, {{-10, 10}, {1, 1e6, 1}, {1e-20L, 1, 1}}, 8, trig);
  // tan'' = 2 tan (1 + tan²): near the poles the argument's rounding is amplified by 1/cos²
  check_unary<T>("tan", [](auto v) { return tapeless::tan(v); }, [&](const mp& v) { return one / (cos(v) * cos(v)); },
                 [&](const mp& v) { return two * tan(v) / (cos(v) * cos(v)); }, {{-1.5, 1.5}, {-100, 100}}, 16,
                 [](const mp& v, const mp& d) {
                   return std::fabs(d.ld()) * (1 + std::fabs(v.ld() * std::tan(v.ld())) +
                                               std::fabs(v.ld() / (std::sin(v.ld()) * std::cos(v.ld()))));
                 });
  // asin'' = x/(1 - x²)^(3/2), the derivative of 1/√((1 - x)(1 + x)): near ±1 the rounding of
  // x is amplified by 1/(1 - |x|); near 0 the tangent of (1 - x)(1 + x), -(1 + x) + (1 - x),
  // cancels: accurate to about u absolutely there (as tanh'), not relatively
  const auto near_one = [](const mp& v, const mp& d) {
    return std::fabs(d.ld()) * (1 + std::fabs(v.ld()) / (1 - std::fabs(v.ld()) + 1e-300L)) + 1;
  };
  check_unary<T>("asin", [](auto v) { return tapeless::asin(v); }, [&](const mp& v) { return one / sqrt(one - v * v); },
                 [&](const mp& v) { return v / ((one - v * v) * sqrt(one - v * v)); }, {{-1, 1}, {1e-30L, 1, 1}}, 8,
                 near_one);
  check_unary<T>("acos", [](auto v) { return tapeless::acos(v); }, [&](const mp& v) { return -one / sqrt(one - v * v); },
                 [&](const mp& v) { return -v / ((one - v * v) * sqrt(one - v * v)); }, {{-1, 1}, {1e-30L, 1, -1}}, 8,
                 near_one);
  check_unary<T>("atan", [](auto v) { return tapeless::atan(v); }, [&](const mp& v) { return one / (one + v * v); },
                 [&](const mp& v) { return -(two * v) / ((one + v * v) * (one + v * v)); },
                 {{-10, 10}, {1e-100L, 1e100L, 1}, {1e-100L, 1e100L, -1}});
  check_unary<T>("sinh", [](auto v) { return tapeless::sinh(v); }, [](const mp& v) { return cosh(v); },
                 [](const mp& v) { return sinh(v); }, {{-700, 700}, {-3, 3}}, 8, by_arg);
  check_unary<T>("cosh", [](auto v) { return tapeless::cosh(v); }, [](const mp& v) { return sinh(v); },
                 [](const mp& v) { return cosh(v); }, {{-700, 700}, {1e-30L, 3, 1}}, 8, by_arg);
  // tanh'' = -2 tanh (1 - tanh²), from 1 - y²: absolute accuracy, as tanh' itself
  check_unary<T>("tanh", [](auto v) { return tapeless::tanh(v); }, [&](const mp& v) { return one / (cosh(v) * cosh(v)); },
                 [&](const mp& v) { return -(two * tanh(v)) / (cosh(v) * cosh(v)); }, {{-20, 20}, {-3, 3}}, 8,
                 [](const mp&, const mp& d) { return std::fabs(d.ld()) + 1; });
  check_unary<T>("asinh", [](auto v) { return tapeless::asinh(v); }, [&](const mp& v) { return one / sqrt(v * v + one); },
                 [&](const mp& v) { return -v / ((v * v + one) * sqrt(v * v + one)); },
                 {{-10, 10}, {1e-100L, 1e100L, 1}, {1e-100L, 1e100L, -1}});
  check_unary<T>("acosh", [](auto v) { return tapeless::acosh(v); }, [&](const mp& v) { return one / sqrt(v * v - one); },
                 [&](const mp& v) { return -v / ((v * v - one) * sqrt(v * v - one)); },
                 {{1, 10}, {1, 1e100L, 1}}, 8, [](const mp& v, const mp& d) {
                   return std::fabs(d.ld()) * (1 + std::fabs(v.ld()) / (std::fabs(v.ld()) - 1 + 1e-300L));
                 });
  check_unary<T>("atanh", [](auto v) { return tapeless::atanh(v); }, [&](const mp& v) { return one / (one - v * v); },
                 [&](const mp& v) { return two * v / ((one - v * v) * (one - v * v)); }, {{-1, 1}, {1e-30L, 1, 1}}, 8,
                 near_one);
  check_unary<T>("abs", [](auto v) { return tapeless::abs(v); }, [&](const mp& v) { return v < mp(0.0L) ? -one : one; },
                 [](const mp&) { return mp(0.0L); }, {wide_pos, wide_neg}, 0);
  check_unary<T>("square", [](auto v) { return tapeless::square(v); }, [&](const mp& v) { return two * v; },
                 [&](const mp&) { return two; }, {{-1e100L, 1e100L}, {-3, 3}}, 0);
  check_unary<T>("cube", [](auto v) { return tapeless::cube(v); }, [&](const mp& v) { return three * v * v; },
                 [&](const mp& v) { return mp(6.0L) * v; }, {{-1e60L, 1e60L}, {-3, 3}}, 2);
  check_unary<T>("pow<5>", [](auto v) { return tapeless::pow<5>(v); }, [&](const mp& v) { return mp(5.0L) * v * v * v * v; },
                 [&](const mp& v) { return mp(20.0L) * v * v * v; }, {{-1e30L, 1e30L}, {-3, 3}}, 8);
  check_unary<T>("pow<-2>", [](auto v) { return tapeless::pow<-2>(v); }, [&](const mp& v) { return -two / (v * v * v); },
                 [&](const mp& v) { return mp(6.0L) / (v * v * v * v); },
                 {{1e-8L, 1e8L, 1}, {1e-8L, 1e8L, -1}}, 8);  // where x⁻² and x⁻⁴ fit in float
  // operators: x/(1 + x²)
  check_unary<T>("x/(1+x^2)", [](auto v) { return v / (1 + v * v); },
                 [&](const mp& v) { return (one - v * v) / ((one + v * v) * (one + v * v)); },
                 [&](const mp& v) { return two * v * (v * v - three) / ((one + v * v) * (one + v * v) * (one + v * v)); },
                 {{-10, 10}}, 16, [](const mp& v, const mp& d) {
                   return std::fabs(d.ld()) + 1 / (1 + v.ld() * v.ld()) ;
                 });
}

TEST_CASE("second derivatives of the elementary functions: float", "[transforms]") { suite<float>(); }
TEST_CASE("second derivatives of the elementary functions: double", "[transforms]") { suite<double>(); }
TEST_CASE("second derivatives of the elementary functions: long double", "[transforms]") { suite<long double>(); }

}  // namespace
