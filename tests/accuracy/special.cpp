// Accuracy of the special functions of detail/constexpr_special.hpp (cx::erf, erfc, tgamma,
// lgamma, digamma, trigamma) against MPFR, for float, double and long double, at run time:
// random samples over the whole domain plus the hard places (zeros of lgamma at 1 and 2 and on
// the negative axis, the root of digamma, neighbours of the poles, overflow and underflow
// thresholds), and the special values bit for bit.  digamma and trigamma are also what tapeless
// runs at run time, so their accuracy here is the accuracy of the gradients of lgamma/tgamma.
// The float-only versions (cx::float_only::digamma/trigamma, what tapeless runs for float
// where TAPELESS_CONFIG_FLOAT_ONLY_MATH is 1) get rows of their own, on 10^6 points in the
// full sweep (they and MPFR at 24 bits are fast).
//
// SPDX-License-Identifier: BSL-1.0

#include "harness.hpp"

#include <tapeless/detail/constexpr_special.hpp>

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

template <class T>
using lim = std::numeric_limits<T>;

template <class T>
long double max_ld() {
  return static_cast<long double>(lim<T>::max());
}
template <class T>
long double denorm_ld() {
  return static_cast<long double>(lim<T>::denorm_min());
}

// Bounds: 2 ulp for erf, erfc, tgamma, lgamma, digamma (x > 0); trigamma 4 ulp.
// long double is held to the same numbers (it is measured, not promised).
constexpr double bound_special = 2.0;
constexpr double bound_trigamma = 4.0;
// The float-only digamma and trigamma (float arithmetic only): measured on 10^6 points, see
// docs/accuracy.md.
constexpr double bound_digamma_float_only = 2.0;
constexpr double bound_digamma_negative_float_only = 4.0;
constexpr double bound_trigamma_float_only = 3.0;

// Positive root of digamma.
constexpr long double x0 = 1.461632144968362341262659542325721328468L;

// First zeros of lgamma on the negative axis.
constexpr long double lgamma_neg_zeros[] = {-2.457024738220800623L, -2.7476826467274126014L,
                                            -3.1435808883499800587L, -3.9552942848585979285L,
                                            -4.0393618397405368742L, -5.0082181683225935216L};

// Arguments where the results overflow / underflow.
template <class T>
long double tgamma_overflow() {
  return std::is_same_v<T, float> ? 35.04L : std::is_same_v<T, double> ? 171.62L : 1755.46L;
}
template <class T>
long double erfc_underflow() {
  return std::is_same_v<T, float> ? 10.06L : std::is_same_v<T, double> ? 27.23L : 106.56L;
}

// The reference callables have the shape int(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t).
int ref_lgamma(mpfr_ptr rop, mpfr_srcptr x, mpfr_rnd_t rnd) {
  int sign = 0;
  return mpfr_lgamma(rop, &sign, x, rnd);
}

// psi'(x) in 320-bit arithmetic, then rounded to rop: for x > 0, psi'(x) = sum_{k<n} 1/(x+k)^2 +
// psi'(x + n) with x + n >= 40 and the asymptotic series 1/y + 1/(2y^2) + sum B_2k / y^(2k+1)
// (15 terms: < 2^-150 relative at y >= 40); for x < 0 the reflection
// psi'(x) = pi^2 / sin^2(pi x) - psi'(1 - x).  Exact Bernoulli numbers.
void trigamma_positive(mpfr_t s, mpfr_srcptr x) {
  constexpr mpfr_prec_t prec = 320;
  static const long long num[] = {1, -1, 1, -1, 5, -691, 7, -3617, 43867, -174611, 854513, -236364091, 8553103,
                                  -23749461029LL, 8615841276005LL};
  static const long long den[] = {6, 30, 42, 30, 66, 2730, 6, 510, 798, 330, 138, 2730, 6, 870, 14322};
  mpfr_t y, t, w, w2, p;
  mpfr_inits2(prec, y, t, w, w2, p, static_cast<mpfr_ptr>(nullptr));
  mpfr_set(y, x, MPFR_RNDN);
  mpfr_set_ui(s, 0, MPFR_RNDN);
  while (mpfr_cmp_ui(y, 40) < 0) {
    mpfr_sqr(t, y, MPFR_RNDN);
    mpfr_ui_div(t, 1, t, MPFR_RNDN);
    mpfr_add(s, s, t, MPFR_RNDN);
    mpfr_add_ui(y, y, 1, MPFR_RNDN);
  }
  mpfr_ui_div(w, 1, y, MPFR_RNDN);
  mpfr_add(s, s, w, MPFR_RNDN);
  mpfr_sqr(w2, w, MPFR_RNDN);
  mpfr_div_ui(t, w2, 2, MPFR_RNDN);
  mpfr_add(s, s, t, MPFR_RNDN);
  mpfr_mul(p, w2, w, MPFR_RNDN);  // y^-(2k+1)
  for (int k = 0; k < 15; ++k) {
    mpfr_mul_si(t, p, static_cast<long>(num[k]), MPFR_RNDN);
    mpfr_div_si(t, t, static_cast<long>(den[k]), MPFR_RNDN);
    mpfr_add(s, s, t, MPFR_RNDN);
    mpfr_mul(p, p, w2, MPFR_RNDN);
  }
  mpfr_clears(y, t, w, w2, p, static_cast<mpfr_ptr>(nullptr));
}

int ref_trigamma(mpfr_ptr rop, mpfr_srcptr x, mpfr_rnd_t rnd) {
  if (mpfr_nan_p(x)) {
    mpfr_set_nan(rop);
    return 0;
  }
  if (mpfr_inf_p(x)) {
    if (mpfr_sgn(x) > 0) {
      mpfr_set_zero(rop, 1);
    } else {
      mpfr_set_nan(rop);
    }
    return 0;
  }
  if (mpfr_integer_p(x) && mpfr_sgn(x) <= 0) {
    mpfr_set_inf(rop, 1);
    return 0;
  }
  mpfr_t s, r, t;
  mpfr_inits2(320, s, r, t, static_cast<mpfr_ptr>(nullptr));
  if (mpfr_sgn(x) > 0) {
    trigamma_positive(s, x);
  } else {
    mpfr_ui_sub(t, 1, x, MPFR_RNDN);  // exact at 320 bits
    trigamma_positive(r, t);
    mpfr_sinpi(t, x, MPFR_RNDN);
    mpfr_sqr(t, t, MPFR_RNDN);
    mpfr_const_pi(s, MPFR_RNDN);
    mpfr_sqr(s, s, MPFR_RNDN);
    mpfr_div(s, s, t, MPFR_RNDN);
    mpfr_sub(s, s, r, MPFR_RNDN);
  }
  const int inex = mpfr_set(rop, s, rnd);
  mpfr_clears(s, r, t, static_cast<mpfr_ptr>(nullptr));
  return inex;
}

template <class T>
std::vector<T> with_specials(std::vector<T> v) {
  for (T x : special_values<T>()) v.push_back(x);
  return v;
}

// The T values nearest to c and a few neighbours on each side.
template <class T>
std::vector<T> around(long double c, int count = 3) {
  std::vector<T> v;
  T a = static_cast<T>(c);
  T b = a;
  v.push_back(a);
  for (int i = 0; i < count; ++i) {
    a = std::nextafter(a, -lim<T>::infinity());
    b = std::nextafter(b, lim<T>::infinity());
    v.push_back(a);
    v.push_back(b);
  }
  return v;
}

template <class T>
std::vector<T> concat(std::vector<T> a, const std::vector<T>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// Near the zeros of digamma on the negative axis the reflection formula
// psi(x) = psi(1 - x) - pi cot(pi x) cancels, and the relative error is unbounded there.  This
// row measures the error in ulps of the scale |psi(1 - x)| + |pi cot(pi x)| (the error a
// backward-stable evaluation of the formula would make), which is bounded.
template <class T, class F>
void digamma_negative_scaled(const std::string& name, F&& digamma, long long n, double bound) {
  row r{name, type_name<T>(), 0, 0.0, bound, ""};
  rng g{0x5EED'0F'ACC'0000ULL ^ fnv1a(r.name + type_name<T>())};
  const auto sample = mix<T>({uniform<T>(-30, 0), log_uniform<T>(1e-6L, 1e15L, both_signs)});
  mpfr_t x, a, c, d;
  mpfr_inits2(320, x, a, c, d, static_cast<mpfr_ptr>(nullptr));
  for (long long i = 0; i < n; ++i) {
    T v = sample(g);
    if (v > 0) v = -v;
    if (v == std::nearbyint(v)) continue;
    const T got = digamma(v);
    set_mpfr(x, v);
    mpfr_digamma(d, x, MPFR_RNDN);  // exact to 320 bits
    mpfr_ui_sub(a, 1, x, MPFR_RNDN);
    mpfr_digamma(a, a, MPFR_RNDN);
    {
      // pi cot(pi x) = pi cos(pi x) / sin(pi x)
      mpfr_t s;
      mpfr_init2(s, 320);
      mpfr_sinpi(s, x, MPFR_RNDN);
      mpfr_cospi(c, x, MPFR_RNDN);
      mpfr_div(c, c, s, MPFR_RNDN);
      mpfr_const_pi(s, MPFR_RNDN);
      mpfr_mul(c, c, s, MPFR_RNDN);
      mpfr_clear(s);
    }
    mpfr_abs(a, a, MPFR_RNDN);
    mpfr_abs(c, c, MPFR_RNDN);
    mpfr_add(a, a, c, MPFR_RNDN);  // scale
    // error / ulp(scale), ulp(scale) = 2^(exp(scale) - p)
    mpfr_t got_m;
    mpfr_init2(got_m, 320);
    set_mpfr(got_m, got);
    mpfr_sub(got_m, got_m, d, MPFR_RNDN);
    mpfr_abs(got_m, got_m, MPFR_RNDN);
    mpfr_mul_2si(got_m, got_m, digits<T> - mpfr_get_exp(a), MPFR_RNDN);
    const double e = mpfr_get_d(got_m, MPFR_RNDU);
    mpfr_clear(got_m);
    ++r.points;
    if (e > r.max_ulp || r.worst_x.empty()) {
      r.max_ulp = std::max(r.max_ulp, e);
      r.worst_x = to_string(v) + " -> " + to_string(got) + " (MPFR " + to_string(mpfr_get_ld(d, MPFR_RNDN)) + ")";
    }
  }
  mpfr_clears(x, a, c, d, static_cast<mpfr_ptr>(nullptr));
  registry().rows.push_back(r);
}

template <class T>
void special_value_checks() {
  constexpr T inf = lim<T>::infinity();
  constexpr T nan = lim<T>::quiet_NaN();
  expect_identical<T>("erf", "erf(+0)", cx::erf(T(0)), T(0));
  expect_identical<T>("erf", "erf(-0)", cx::erf(-T(0)), -T(0));
  expect_identical<T>("erf", "erf(+inf)", cx::erf(inf), T(1));
  expect_identical<T>("erf", "erf(-inf)", cx::erf(-inf), T(-1));
  expect_identical<T>("erf", "erf(NaN)", cx::erf(nan), nan);
  expect_identical<T>("erfc", "erfc(+inf)", cx::erfc(inf), T(0));
  expect_identical<T>("erfc", "erfc(-inf)", cx::erfc(-inf), T(2));
  expect_identical<T>("erfc", "erfc(-0)", cx::erfc(-T(0)), T(1));
  expect_identical<T>("erfc", "erfc(NaN)", cx::erfc(nan), nan);
  expect_identical<T>("tgamma", "tgamma(+0)", cx::tgamma(T(0)), inf);
  expect_identical<T>("tgamma", "tgamma(-0)", cx::tgamma(-T(0)), -inf);
  expect_identical<T>("tgamma", "tgamma(-1)", cx::tgamma(T(-1)), nan);
  expect_identical<T>("tgamma", "tgamma(-2^40)", cx::tgamma(T(-1099511627776.0L)), nan);
  expect_identical<T>("tgamma", "tgamma(-max)", cx::tgamma(-lim<T>::max()), nan);
  expect_identical<T>("tgamma", "tgamma(-inf)", cx::tgamma(-inf), nan);
  expect_identical<T>("tgamma", "tgamma(+inf)", cx::tgamma(inf), inf);
  expect_identical<T>("tgamma", "tgamma(1)", cx::tgamma(T(1)), T(1));
  expect_identical<T>("tgamma", "tgamma(5)", cx::tgamma(T(5)), T(24));
  expect_identical<T>("tgamma", "tgamma(NaN)", cx::tgamma(nan), nan);
  expect_identical<T>("lgamma", "lgamma(+0)", cx::lgamma(T(0)), inf);
  expect_identical<T>("lgamma", "lgamma(-0)", cx::lgamma(-T(0)), inf);
  expect_identical<T>("lgamma", "lgamma(-3)", cx::lgamma(T(-3)), inf);
  expect_identical<T>("lgamma", "lgamma(-max)", cx::lgamma(-lim<T>::max()), inf);
  expect_identical<T>("lgamma", "lgamma(+inf)", cx::lgamma(inf), inf);
  expect_identical<T>("lgamma", "lgamma(-inf)", cx::lgamma(-inf), inf);
  expect_identical<T>("lgamma", "lgamma(1)", cx::lgamma(T(1)), T(0));
  expect_identical<T>("lgamma", "lgamma(2)", cx::lgamma(T(2)), T(0));
  expect_identical<T>("lgamma", "lgamma(NaN)", cx::lgamma(nan), nan);
  expect_identical<T>("digamma", "digamma(+0)", cx::digamma(T(0)), -inf);
  expect_identical<T>("digamma", "digamma(-0)", cx::digamma(-T(0)), inf);
  expect_identical<T>("digamma", "digamma(-2)", cx::digamma(T(-2)), nan);
  expect_identical<T>("digamma", "digamma(-inf)", cx::digamma(-inf), nan);
  expect_identical<T>("digamma", "digamma(+inf)", cx::digamma(inf), inf);
  expect_identical<T>("digamma", "digamma(NaN)", cx::digamma(nan), nan);
  expect_identical<T>("trigamma", "trigamma(+0)", cx::trigamma(T(0)), inf);
  expect_identical<T>("trigamma", "trigamma(-0)", cx::trigamma(-T(0)), inf);
  expect_identical<T>("trigamma", "trigamma(-4)", cx::trigamma(T(-4)), inf);
  expect_identical<T>("trigamma", "trigamma(+inf)", cx::trigamma(inf), T(0));
  expect_identical<T>("trigamma", "trigamma(-inf)", cx::trigamma(-inf), nan);
  expect_identical<T>("trigamma", "trigamma(NaN)", cx::trigamma(nan), nan);
}

#define CX(f) [](auto... a) { return cx::f(a...); }

template <class T>
struct digamma_samples {
  sampler<T> sample;
  std::vector<T> hard;
};

// The float-only digamma on the samples of cx::digamma's rows, and its special values.
void digamma_float_only(const config& cfg, const digamma_samples<float>& positive,
                        const digamma_samples<float>& negative) {
  const long long n = cfg.points<float>();
  check_unary<float>("digamma (x > 0), float-only", CX(float_only::digamma), mpfr_digamma, positive.sample, n,
                     bound_digamma_float_only, positive.hard);
  check_unary<float>("digamma (x < 0, relative), float-only", CX(float_only::digamma), mpfr_digamma,
                     negative.sample, n, no_bound, negative.hard);
  digamma_negative_scaled<float>("digamma (x < 0, ulps of psi(1-x) and pi cot(pi x)), float-only",
                                 CX(float_only::digamma), n, bound_digamma_negative_float_only);
  // The special values of cx::digamma and cx::trigamma, bit for bit.
  const float specials[] = {0.0f, -0.0f, -2.0f, -4.0f, 1.0f, 2.0f, -lim<float>::infinity(),
                            lim<float>::infinity(), lim<float>::quiet_NaN(), lim<float>::denorm_min(),
                            -lim<float>::denorm_min(), lim<float>::max(), -lim<float>::max()};
  for (const float v : specials) {
    expect_identical<float>("digamma, float-only", "digamma(" + to_string(v) + ")", cx::float_only::digamma(v),
                            cx::digamma(v));
    expect_identical<float>("trigamma, float-only", "trigamma(" + to_string(v) + ")", cx::float_only::trigamma(v),
                            cx::trigamma(v));
  }
}

template <class T>
void run_all(const config& cfg) {
  // The double-word evaluations and MPFR's gamma functions are slow: the full sweep is capped
  // at 2 10^5 points per function (2 10^4 for long double), about 10 minutes on one core.
  const long long n = std::min<long long>(cfg.points<T>(), std::is_same_v<T, long double> ? 20000 : 200000);
  constexpr int p = lim<T>::digits;
  const long double tiny = std::ldexp(1.0L, -p - 4);
  const long double ovf = tgamma_overflow<T>();
  const long double uf = erfc_underflow<T>();

  check_unary<T>("erf", CX(erf), mpfr_erf,
                 mix<T>({uniform<T>(-7, 7), log_uniform<T>(denorm_ld<T>(), 1), log_uniform<T>(1, 12),
                         subnormal<T>(), bit_patterns<T>()}),
                 n, bound_special, with_specials<T>({T(3), T(-3), T(0.5), T(6), T(10), T(tiny)}));

  check_unary<T>("erfc", CX(erfc), mpfr_erfc,
                 mix<T>({uniform<T>(-7, uf + 1), uniform<T>(0, 3), log_uniform<T>(denorm_ld<T>(), 1),
                         near<T>(uf, 0.05L), bit_patterns<T>()}),
                 n, bound_special, with_specials<T>(concat<T>(around<T>(uf), {T(3), T(-3), T(0.5), T(-10)})));

  // tgamma: positive up to overflow, negative non-integers (near the poles too), near 1 and 2.
  const auto near_poles = [](rng& g) {
    const int k = g.integer(0, 40);
    return static_cast<T>(-k + (g.coin() ? 1 : -1) * std::exp(std::log(1e-12L) * g.unit()));
  };
  check_unary<T>("tgamma", CX(tgamma), mpfr_gamma,
                 mix<T>({uniform<T>(0, ovf + 1), log_uniform<T>(denorm_ld<T>(), ovf + 1, positive_only),
                         uniform<T>(-ovf - 20, 0), near_poles, near<T>(1, 0.1L), near<T>(2, 0.1L),
                         bit_patterns<T>()}),
                 n, bound_special, with_specials<T>(concat<T>(around<T>(ovf), {T(0.5), T(-0.5), T(-1.5), T(3)})));

  // lgamma: the whole axis, near its zeros at 1, 2 and on the negative axis, near the poles.
  std::vector<T> lg_hard = with_specials<T>(concat<T>(around<T>(1), around<T>(2)));
  for (long double z : lgamma_neg_zeros) lg_hard = concat<T>(lg_hard, around<T>(z));
  check_unary<T>("lgamma", CX(lgamma), ref_lgamma,
                 mix<T>({log_uniform<T>(denorm_ld<T>(), max_ld<T>(), positive_only), uniform<T>(0, 4),
                         near<T>(1, 0.25L), near<T>(2, 0.25L), uniform<T>(-60, 0),
                         log_uniform<T>(1, 1e15L, both_signs), near_poles, near<T>(lgamma_neg_zeros[0], 1e-3L),
                         near<T>(lgamma_neg_zeros[1], 1e-3L), near<T>(lgamma_neg_zeros[2], 1e-3L),
                         near<T>(lgamma_neg_zeros[5], 1e-5L), bit_patterns<T>()}),
                 n, bound_special, lg_hard);

  // digamma for x > 0 (with its root); x < 0 below.
  const digamma_samples<T> digamma_positive{
      mix<T>({log_uniform<T>(denorm_ld<T>(), max_ld<T>(), positive_only), uniform<T>(0, 12), near<T>(x0, 0.3L),
              uniform<T>(1, 3), bit_patterns<T>(positive_only)}),
      concat<T>(around<T>(x0, 8),
                {T(0.5), T(1), T(2), T(6), T(10), T(1e300L > max_ld<T>() ? 1e30L : 1e300L)})};
  check_unary<T>("digamma (x > 0)", CX(digamma), mpfr_digamma, digamma_positive.sample, n, bound_special,
                 digamma_positive.hard);
  // Relative error for x < 0, reported only: unbounded near the zeros (see digamma_negative_scaled).
  const digamma_samples<T> digamma_negative{
      mix<T>({uniform<T>(-30, 0), log_uniform<T>(1e-6L, 1e15L, both_signs), near_poles}), special_values<T>()};
  check_unary<T>("digamma (x < 0, relative)", CX(digamma), mpfr_digamma, digamma_negative.sample, n, no_bound,
                 digamma_negative.hard);
  digamma_negative_scaled<T>("digamma (x < 0, ulps of psi(1-x) and pi cot(pi x))", CX(digamma), n, 4.0);
  if constexpr (std::is_same_v<T, float>) digamma_float_only(cfg, digamma_positive, digamma_negative);

  const auto trigamma_sample = mix<T>({log_uniform<T>(denorm_ld<T>(), max_ld<T>(), positive_only), uniform<T>(0, 12),
                                       uniform<T>(-30, 0), log_uniform<T>(1e-6L, 1e15L, both_signs), near_poles,
                                       bit_patterns<T>(positive_only)});
  const std::vector<T> trigamma_hard = with_specials<T>({T(0.5), T(-0.5), T(1), T(6), T(10), T(-10.5L)});
  check_unary<T>("trigamma", CX(trigamma), ref_trigamma, trigamma_sample, n, bound_trigamma, trigamma_hard);
  if constexpr (std::is_same_v<T, float>) {
    check_unary<T>("trigamma, float-only", CX(float_only::trigamma), ref_trigamma, trigamma_sample,
                   cfg.points<T>(), bound_trigamma_float_only, trigamma_hard);
  }

  special_value_checks<T>();
}

}  // namespace

ACCURACY_SUITE(special) {
  run_all<float>(cfg);
  run_all<double>(cfg);
  run_all<long double>(cfg);
}
