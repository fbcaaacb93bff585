// Accuracy of the elementary functions of detail/constexpr_math.hpp (cx::) against MPFR, for
// float, double and long double, at run time: random samples over the whole domain plus hard
// cases (near zeros and domain boundaries, huge trig arguments, subnormals, special values),
// and the IEEE special values of C99 Annex F bit for bit.
//
// SPDX-License-Identifier: BSL-1.0

#include "harness.hpp"

#include <tapeless/detail/constexpr_math.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace {

namespace cx = tapeless::detail::cx;
using namespace accuracy;

// float and double must be within 1 ulp; long double is reported, with a looser bound that
// still catches gross errors.
template <class T>
constexpr double bound = std::is_same_v<T, long double> ? 2.0 : 1.0;

template <class T>
using lim = std::numeric_limits<T>;

// Largest trig argument sampled: 1e300, or the format's maximum if smaller.
template <class T>
long double trig_max() {
  return std::min(1e300L, static_cast<long double>(lim<T>::max()));
}

template <class T>
long double max_ld() {
  return static_cast<long double>(lim<T>::max());
}
template <class T>
long double denorm_ld() {
  return static_cast<long double>(lim<T>::denorm_min());
}

// T values nearest to k pi/2 and k pi/4 (zeros and poles of sin, cos, tan) and their
// neighbours, including the famous hard argument for double.
template <class T>
std::vector<T> near_pi_multiples() {
  std::vector<T> v;
  mpfr_t pi, t;
  mpfr_init2(pi, 20000);
  mpfr_init2(t, 20000);
  mpfr_const_pi(pi, MPFR_RNDN);
  auto add_around = [&v](T c) {
    T a = c;
    T b = c;
    for (int i = 0; i < 3; ++i) {
      v.push_back(a);
      v.push_back(-b);
      a = std::nextafter(a, lim<T>::infinity());
      b = std::nextafter(b, T(0));
    }
  };
  for (int k = 1; k <= 200; ++k) {
    mpfr_mul_ui(t, pi, static_cast<unsigned long>(k), MPFR_RNDN);
    mpfr_div_2ui(t, t, 2, MPFR_RNDN);
    add_around(get_mpfr<T>(t));
  }
  // 2^e pi/2 rounded to T: large arguments in many binades.
  for (int e = 30; e < 1000 && e < lim<T>::max_exponent; e += 37) {
    mpfr_div_2ui(t, pi, 1, MPFR_RNDN);
    mpfr_mul_2ui(t, t, static_cast<unsigned long>(e), MPFR_RNDN);
    add_around(get_mpfr<T>(t));
  }
  if constexpr (std::is_same_v<T, double>) add_around(0x1.b7fd0f2a5ce0cp+996);  // close to k pi/2
  if constexpr (std::is_same_v<T, double>) add_around(6381956970095103.0 * 0x1p797);  // Kahan-McDonald
  mpfr_clear(pi);
  mpfr_clear(t);
  return v;
}

// hypot(x, y, z) correctly rounded: the sum of squares exactly (precision wide enough for the
// exponent spread), then one rounded sqrt.  Infinity wins over NaN, as in hypot.
int mpfr_hypot3(mpfr_ptr rop, mpfr_srcptr x, mpfr_srcptr y, mpfr_srcptr z, mpfr_rnd_t rnd) {
  mpfr_srcptr in[3] = {x, y, z};
  for (mpfr_srcptr a : in) {
    if (mpfr_inf_p(a)) {
      mpfr_set_inf(rop, 1);
      return 0;
    }
  }
  for (mpfr_srcptr a : in) {
    if (mpfr_nan_p(a)) {
      mpfr_set_nan(rop);
      return 0;
    }
  }
  mpfr_exp_t lo = 0;
  mpfr_exp_t hi = 0;
  bool first = true;
  for (mpfr_srcptr a : in) {
    if (mpfr_zero_p(a)) continue;
    const mpfr_exp_t e = mpfr_get_exp(a);
    lo = first || e < lo ? e : lo;
    hi = first || e > hi ? e : hi;
    first = false;
  }
  if (first) {
    mpfr_set_zero(rop, 1);
    return 0;
  }
  const mpfr_prec_t p = mpfr_get_prec(x);
  const mpfr_prec_t wide = 2 * (hi - lo) + 4 * p + 16;
  mpfr_t s, q;
  mpfr_init2(s, wide);
  mpfr_init2(q, 2 * p + 2);
  mpfr_set_zero(s, 1);
  for (mpfr_srcptr a : in) {
    mpfr_sqr(q, a, MPFR_RNDN);      // exact
    mpfr_add(s, s, q, MPFR_RNDN);   // exact
  }
  const int inex = mpfr_sqrt(rop, s, rnd);
  mpfr_clear(s);
  mpfr_clear(q);
  return inex;
}

template <class T>
std::vector<std::array<T, 2>> special_pairs() {
  std::vector<T> s = special_values<T>();
  for (T x : {T(0.5), T(-2), T(3), T(-3), T(0.25)}) s.push_back(x);
  std::vector<std::array<T, 2>> v;
  for (T a : s)
    for (T b : s) v.push_back({a, b});
  return v;
}

template <class T>
std::vector<std::array<T, 3>> special_triples() {
  std::vector<T> s = special_values<T>();
  s.push_back(T(3));
  std::vector<std::array<T, 3>> v;
  for (T a : s)
    for (T b : s)
      for (T c : s) v.push_back({a, b, c});
  return v;
}

template <class T>
std::vector<T> with_specials(std::vector<T> v) {
  for (T x : special_values<T>()) v.push_back(x);
  return v;
}

#define CX(f) [](auto... a) { return cx::f(a...); }

template <class T>
void run_all(const config& cfg) {
  const long long n = cfg.points<T>();
  const double b = bound<T>;
  constexpr int p = lim<T>::digits;
  constexpr T ln2 = T(0.693147180559945309417232121458176568L);
  const long double tiny = std::ldexp(1.0L, -p - 4);
  const long double maxe = static_cast<long double>(lim<T>::max_exponent);
  const long double mine = static_cast<long double>(lim<T>::min_exponent);
  const auto wide_pos = mix<T>({log_uniform<T>(denorm_ld<T>(), max_ld<T>(), positive_only),
                                bit_patterns<T>(positive_only), subnormal<T>(positive_only),
                                near<T>(1, 0.5)});
  const auto wide = mix<T>({log_uniform<T>(denorm_ld<T>(), max_ld<T>()), bit_patterns<T>(), subnormal<T>(),
                            uniform<T>(-4, 4)});
  const auto trig = mix<T>({uniform<T>(-10, 10), log_uniform<T>(tiny, 1), log_uniform<T>(1, trig_max<T>()),
                            uniform<T>(-1e6L, 1e6L)});
  const std::vector<T> trig_hard = with_specials(near_pi_multiples<T>());

  check_unary<T>("sqrt", CX(sqrt), mpfr_sqrt, wide_pos, n, b, special_values<T>());
  check_unary<T>("cbrt", CX(cbrt), mpfr_cbrt, wide, n, b,
                 with_specials<T>({T(27), T(-8), T(0.125), T(1e-300L > denorm_ld<T>() ? 1e-300L : 1e-30L)}));
  check_unary<T>("exp", CX(exp), mpfr_exp,
                 mix<T>({uniform<T>((mine - p - 3) * ln2, maxe * ln2), log_uniform<T>(tiny, 1),
                         uniform<T>(-20, 20)}),
                 n, b, with_specials<T>({T((mine - p) * ln2), T(maxe * ln2)}));
  check_unary<T>("exp2", CX(exp2), mpfr_exp2,
                 mix<T>({uniform<T>(mine - p - 3, maxe + 1), log_uniform<T>(tiny, 1), uniform<T>(-20, 20)}), n, b,
                 with_specials<T>({T(mine - p), T(mine - p - 1), T(mine - p + 0.5L), T(maxe - 1), T(maxe - 0.5L),
                                   T(-1), T(10), T(0.5)}));
  check_unary<T>("expm1", CX(expm1), mpfr_expm1,
                 mix<T>({uniform<T>(-(p + 3) * ln2, maxe * ln2), log_uniform<T>(tiny, 1), uniform<T>(-2, 2)}), n, b,
                 special_values<T>());
  const std::vector<T> log_hard = with_specials<T>({T(-1), T(2), T(1024), T(10), T(1000), T(0.001L), T(0.5)});
  check_unary<T>("log", CX(log), mpfr_log, wide_pos, n, b, log_hard);
  check_unary<T>("log2", CX(log2), mpfr_log2, wide_pos, n, b, log_hard);
  check_unary<T>("log10", CX(log10), mpfr_log10, wide_pos, n, b, log_hard);
  check_unary<T>("log1p", CX(log1p), mpfr_log1p,
                 mix<T>({log_uniform<T>(denorm_ld<T>(), 1), log_uniform<T>(1, max_ld<T>(), positive_only),
                         uniform<T>(-1, 1), near<T>(-1, 1e-3L)}),
                 n, b, with_specials<T>({T(-1), T(-2)}));
  check_unary<T>("sin", CX(sin), mpfr_sin, trig, n, b, trig_hard);
  check_unary<T>("cos", CX(cos), mpfr_cos, trig, n, b, trig_hard);
  check_unary<T>("tan", CX(tan), mpfr_tan, trig, n, b, trig_hard);

  const auto unit = mix<T>({uniform<T>(-1, 1), near<T>(1, 1e-3L), near<T>(-1, 1e-3L), log_uniform<T>(denorm_ld<T>(), 1),
                            near<T>(0.5, 0.1L)});
  const std::vector<T> unit_hard = with_specials<T>({T(0.5), T(-0.5), std::nextafter(T(1), T(0)),
                                                     std::nextafter(T(-1), T(0)), std::nextafter(T(1), T(2))});
  check_unary<T>("asin", CX(asin), mpfr_asin, unit, n, b, unit_hard);
  check_unary<T>("acos", CX(acos), mpfr_acos, unit, n, b, unit_hard);
  check_unary<T>("atan", CX(atan), mpfr_atan, wide, n, b, with_specials<T>({T(1), T(-1)}));

  const auto hyp = mix<T>({uniform<T>(-(maxe + 2) * ln2, (maxe + 2) * ln2), log_uniform<T>(tiny, 1),
                           uniform<T>(-3, 3)});
  const std::vector<T> hyp_hard = with_specials<T>({T(maxe * ln2), T((maxe + 1) * ln2), T(-maxe * ln2), T(1), T(-1)});
  check_unary<T>("sinh", CX(sinh), mpfr_sinh, hyp, n, b, hyp_hard);
  check_unary<T>("cosh", CX(cosh), mpfr_cosh, hyp, n, b, hyp_hard);
  check_unary<T>("tanh", CX(tanh), mpfr_tanh,
                 mix<T>({uniform<T>(-25, 25), log_uniform<T>(denorm_ld<T>(), 1), log_uniform<T>(1, 60)}), n, b,
                 with_specials<T>({T(0.5), T(-0.5), T(p * 0.5 + 2), T(p * 0.5 + 1.9L)}));
  check_unary<T>("asinh", CX(asinh), mpfr_asinh, wide, n, b, with_specials<T>({T(0.3), T(-0.3)}));
  check_unary<T>("acosh", CX(acosh), mpfr_acosh,
                 mix<T>({near<T>(1, 1), log_uniform<T>(1, max_ld<T>(), positive_only), uniform<T>(1, 2),
                         uniform<T>(0, 1)}),
                 n, b, with_specials<T>({T(1.25), std::nextafter(T(1), T(2)), std::nextafter(T(1), T(0))}));
  check_unary<T>("atanh", CX(atanh), mpfr_atanh,
                 mix<T>({uniform<T>(-1, 1), near<T>(1, 0.1L), near<T>(-1, 0.1L), log_uniform<T>(denorm_ld<T>(), 1)}),
                 n, b, unit_hard);

  // Binary and ternary functions.
  const auto any = mix<T>({log_uniform<T>(denorm_ld<T>(), max_ld<T>()), uniform<T>(-10, 10), bit_patterns<T>()});
  const sampler2<T> close_pair = [](rng& g) {  // comparable magnitudes: no term negligible
    const T x = log_uniform<T>(1e-30L, 1e30L)(g);
    const T y = static_cast<T>(x * (g.coin() ? -1 : 1) * uniform<T>(0.01L, 100)(g));
    return std::array<T, 2>{x, y};
  };
  const sampler2<T> small_pairs = pairs<T>(subnormal<T>(), subnormal<T>());
  auto mix2 = [](std::vector<sampler2<T>> parts) -> sampler2<T> {
    return [parts](rng& g) { return parts[static_cast<std::size_t>(g.next() % parts.size())](g); };
  };
  check_binary<T>("atan2", CX(atan2), mpfr_atan2,
                  mix2({pairs<T>(any, any), close_pair, pairs<T>(uniform<T>(-1, 1), uniform<T>(-1, 1)), small_pairs}),
                  n, b, special_pairs<T>());
  check_binary<T>("hypot", CX(hypot), mpfr_hypot, mix2({pairs<T>(any, any), close_pair, small_pairs}), n, b,
                  special_pairs<T>());
  const sampler3<T> close_triple = [](rng& g) {
    const T x = log_uniform<T>(1e-30L, 1e30L)(g);
    return std::array<T, 3>{x, static_cast<T>(x * uniform<T>(-10, 10)(g)), static_cast<T>(x * uniform<T>(-10, 10)(g))};
  };
  const sampler3<T> any3 = triples<T>(any, any, any);
  const sampler3<T> small3 = triples<T>(subnormal<T>(), subnormal<T>(), subnormal<T>());
  check_ternary<T>("hypot3", CX(hypot), mpfr_hypot3,
                   [=](rng& g) { const auto k = g.next() % 3; return k == 0 ? any3(g) : k == 1 ? close_triple(g) : small3(g); },
                   n, b, special_triples<T>());
  if constexpr (std::is_same_v<T, float>) {
    // The float-only hypot3 (float arithmetic only): the samples above, plus comparable
    // magnitudes around its scaling thresholds 2^-50 and 2^50 and near overflow.
    const sampler3<T> edges = [](rng& g) {
      const long double c = g.integer(0, 2) == 0 ? 0x1p-50L : g.coin() ? 0x1p50L : 0x1p126L;
      const T x = static_cast<T>(c * uniform<T>(0.25L, 1.5L)(g));
      return std::array<T, 3>{x, static_cast<T>(x * uniform<T>(-1, 1)(g)), static_cast<T>(x * uniform<T>(-1, 1)(g))};
    };
    check_ternary<T>("hypot3, float-only", CX(float_only::hypot), mpfr_hypot3,
                     [=](rng& g) {
                       const auto k = g.next() % 4;
                       return k == 0 ? any3(g) : k == 1 ? close_triple(g) : k == 2 ? small3(g) : edges(g);
                     },
                     n, b, special_triples<T>());
  }

  // pow: moderate results (x near 1 with large y, negative x with integer y, exact cases).
  const sampler2<T> pow_s = mix2({
      pairs<T>(log_uniform<T>(1e-3L, 1e3L, positive_only), uniform<T>(-100, 100)),
      pairs<T>(near<T>(1, 1e-3L), uniform<T>(-1e5L, 1e5L)),
      [](rng& g) {
        const T x = -log_uniform<T>(0.1L, 10, positive_only)(g);
        return std::array<T, 2>{x, static_cast<T>(g.integer(-60, 60))};
      },
      pairs<T>(any, uniform<T>(-3, 3)),
  });
  std::vector<std::array<T, 2>> pow_hard = special_pairs<T>();
  for (auto xy : std::vector<std::array<T, 2>>{{T(2), T(10)}, {T(3), T(5)}, {T(9), T(0.5)}, {T(8), T(1) / T(3)},
                                               {T(10), T(-2)}, {T(0.25), T(1.5)}, {T(2), T(mine - p)},
                                               {T(2), T(mine - p - 1)}, {T(2), T(maxe)}, {T(-8), T(3)}})
    pow_hard.push_back(xy);
  check_binary<T>("pow", CX(pow), mpfr_pow, pow_s, n, b, pow_hard);
}

// k pi / d correctly rounded to T.
template <class T>
T pi_times(unsigned long k, unsigned long d) {
  mpfr_t hp, r;
  mpfr_init2(hp, 256);
  mpfr_init2(r, lim<T>::digits);
  mpfr_const_pi(hp, MPFR_RNDN);
  mpfr_mul_ui(hp, hp, k, MPFR_RNDN);
  mpfr_div_ui(r, hp, d, MPFR_RNDN);
  const T v = get_mpfr<T>(r);
  mpfr_clear(hp);
  mpfr_clear(r);
  return v;
}

// Annex F cases spelled out, bit for bit (the hard points above compare them with MPFR, which
// follows the same rules; these make the intent explicit).
template <class T>
void special_cases() {
  const T inf = lim<T>::infinity();
  const T nan = lim<T>::quiet_NaN();
  const T pi = pi_times<T>(1, 1);
  const T pi2 = pi / 2;  // exact halving
  const T pi4 = pi / 4;
  expect_identical<T>("tanh", "tanh(-0)", cx::tanh(T(-0.0)), T(-0.0));
  expect_identical<T>("tanh", "tanh(-inf)", cx::tanh(-inf), T(-1));
  expect_identical<T>("sinh", "sinh(-0)", cx::sinh(T(-0.0)), T(-0.0));
  expect_identical<T>("sinh", "sinh(-inf)", cx::sinh(-inf), -inf);
  expect_identical<T>("cosh", "cosh(-inf)", cx::cosh(-inf), inf);
  expect_identical<T>("asinh", "asinh(-0)", cx::asinh(T(-0.0)), T(-0.0));
  expect_identical<T>("acosh", "acosh(1)", cx::acosh(T(1)), T(0));
  expect_identical<T>("acosh", "acosh(0.5)", cx::acosh(T(0.5)), nan);
  expect_identical<T>("atanh", "atanh(-1)", cx::atanh(T(-1)), -inf);
  expect_identical<T>("atanh", "atanh(-0)", cx::atanh(T(-0.0)), T(-0.0));
  expect_identical<T>("atanh", "atanh(2)", cx::atanh(T(2)), nan);
  expect_identical<T>("asin", "asin(-0)", cx::asin(T(-0.0)), T(-0.0));
  expect_identical<T>("asin", "asin(1.5)", cx::asin(T(1.5)), nan);
  expect_identical<T>("acos", "acos(1)", cx::acos(T(1)), T(0));
  expect_identical<T>("acos", "acos(-1)", cx::acos(T(-1)), pi);
  expect_identical<T>("atan", "atan(-inf)", cx::atan(-inf), -pi2);
  expect_identical<T>("tan", "tan(-0)", cx::tan(T(-0.0)), T(-0.0));
  expect_identical<T>("tan", "tan(inf)", cx::tan(inf), nan);
  expect_identical<T>("cbrt", "cbrt(-0)", cx::cbrt(T(-0.0)), T(-0.0));
  expect_identical<T>("cbrt", "cbrt(-inf)", cx::cbrt(-inf), -inf);
  expect_identical<T>("cbrt", "cbrt(-27)", cx::cbrt(T(-27)), T(-3));
  expect_identical<T>("exp2", "exp2(-inf)", cx::exp2(-inf), T(0));
  expect_identical<T>("exp2", "exp2(10)", cx::exp2(T(10)), T(1024));
  expect_identical<T>("log2", "log2(-0)", cx::log2(T(-0.0)), -inf);
  expect_identical<T>("log2", "log2(1)", cx::log2(T(1)), T(0));
  expect_identical<T>("log2", "log2(-1)", cx::log2(T(-1)), nan);
  expect_identical<T>("log10", "log10(1000)", cx::log10(T(1000)), T(3));
  expect_identical<T>("log10", "log10(0)", cx::log10(T(0)), -inf);
  // atan2, F.9.1.4
  expect_identical<T>("atan2", "atan2(+0, -0)", cx::atan2(T(0.0), T(-0.0)), pi);
  expect_identical<T>("atan2", "atan2(-0, -0)", cx::atan2(T(-0.0), T(-0.0)), -pi);
  expect_identical<T>("atan2", "atan2(+0, +0)", cx::atan2(T(0.0), T(0.0)), T(0.0));
  expect_identical<T>("atan2", "atan2(-0, +0)", cx::atan2(T(-0.0), T(0.0)), T(-0.0));
  expect_identical<T>("atan2", "atan2(-0, -1)", cx::atan2(T(-0.0), T(-1)), -pi);
  expect_identical<T>("atan2", "atan2(-0, 1)", cx::atan2(T(-0.0), T(1)), T(-0.0));
  expect_identical<T>("atan2", "atan2(-1, 0)", cx::atan2(T(-1), T(0.0)), -pi2);
  expect_identical<T>("atan2", "atan2(1, -0)", cx::atan2(T(1), T(-0.0)), pi2);
  expect_identical<T>("atan2", "atan2(1, -inf)", cx::atan2(T(1), -inf), pi);
  expect_identical<T>("atan2", "atan2(-1, -inf)", cx::atan2(T(-1), -inf), -pi);
  expect_identical<T>("atan2", "atan2(-1, inf)", cx::atan2(T(-1), inf), T(-0.0));
  expect_identical<T>("atan2", "atan2(-inf, 1)", cx::atan2(-inf, T(1)), -pi2);
  expect_identical<T>("atan2", "atan2(inf, -inf)", cx::atan2(inf, -inf), pi_times<T>(3, 4));
  expect_identical<T>("atan2", "atan2(-inf, inf)", cx::atan2(-inf, inf), -pi4);
  expect_identical<T>("atan2", "atan2(nan, 1)", cx::atan2(nan, T(1)), nan);
  // hypot, F.9.4.3
  expect_identical<T>("hypot", "hypot(inf, nan)", cx::hypot(inf, nan), inf);
  expect_identical<T>("hypot", "hypot(nan, -inf)", cx::hypot(nan, -inf), inf);
  expect_identical<T>("hypot", "hypot(nan, 1)", cx::hypot(nan, T(1)), nan);
  expect_identical<T>("hypot", "hypot(-0, -0)", cx::hypot(T(-0.0), T(-0.0)), T(0));
  expect_identical<T>("hypot", "hypot(-3, 4)", cx::hypot(T(-3), T(4)), T(5));
  expect_identical<T>("hypot", "hypot(max, max)", cx::hypot(lim<T>::max(), lim<T>::max()), inf);
  expect_identical<T>("hypot3", "hypot(nan, 1, -inf)", cx::hypot(nan, T(1), -inf), inf);
  expect_identical<T>("hypot3", "hypot(2, -3, 6)", cx::hypot(T(2), T(-3), T(6)), T(7));
  expect_identical<T>("hypot3", "hypot(denorm_min x3)",
                      cx::hypot(lim<T>::denorm_min(), lim<T>::denorm_min(), lim<T>::denorm_min()),
                      T(2) * lim<T>::denorm_min());
}

}  // namespace

ACCURACY_SUITE(elementary) {
  run_all<float>(cfg);
  run_all<double>(cfg);
  run_all<long double>(cfg);
  special_cases<float>();
  special_cases<double>();
  special_cases<long double>();
}
