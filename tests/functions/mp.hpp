// High-precision references for the function tests: a small value type over MPFR (256 bits),
// the elementary functions on it, central finite differences, and rounding to float, double
// and long double. MPFR is an independent implementation, so the references owe nothing to
// the library's code (nor to libm).
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <mpfr.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace mp_test {

inline constexpr mpfr_prec_t precision = 256;

class mp {
 public:
  mpfr_t v;

  mp() { mpfr_init2(v, precision); }
  mp(long double d) : mp() { mpfr_set_ld(v, d, MPFR_RNDN); }  // NOLINT: implicit on purpose
  mp(const mp& o) : mp() { mpfr_set(v, o.v, MPFR_RNDN); }
  mp& operator=(const mp& o) {
    mpfr_set(v, o.v, MPFR_RNDN);
    return *this;
  }
  ~mp() { mpfr_clear(v); }

  /// Rounded to nearest in T (with T's overflow to inf; subnormal ranges are not emulated,
  /// which only matters for references below T's smallest normal).
  template <class T>
  T to() const {
    if constexpr (std::is_same_v<T, float>)
      return mpfr_get_flt(v, MPFR_RNDN);
    else if constexpr (std::is_same_v<T, double>)
      return mpfr_get_d(v, MPFR_RNDN);
    else
      return mpfr_get_ld(v, MPFR_RNDN);
  }
  long double ld() const { return mpfr_get_ld(v, MPFR_RNDN); }
  bool finite() const { return mpfr_number_p(v) != 0; }
  bool nan() const { return mpfr_nan_p(v) != 0; }
};

inline mp operator+(const mp& a, const mp& b) {
  mp r;
  mpfr_add(r.v, a.v, b.v, MPFR_RNDN);
  return r;
}
inline mp operator-(const mp& a, const mp& b) {
  mp r;
  mpfr_sub(r.v, a.v, b.v, MPFR_RNDN);
  return r;
}
inline mp operator*(const mp& a, const mp& b) {
  mp r;
  mpfr_mul(r.v, a.v, b.v, MPFR_RNDN);
  return r;
}
inline mp operator/(const mp& a, const mp& b) {
  mp r;
  mpfr_div(r.v, a.v, b.v, MPFR_RNDN);
  return r;
}
inline mp operator-(const mp& a) {
  mp r;
  mpfr_neg(r.v, a.v, MPFR_RNDN);
  return r;
}
inline bool operator<(const mp& a, const mp& b) { return mpfr_less_p(a.v, b.v) != 0; }

#define MP_TEST_UNARY(name, fn)    \
  inline mp name(const mp& x) {    \
    mp r;                          \
    fn(r.v, x.v, MPFR_RNDN);       \
    return r;                      \
  }
MP_TEST_UNARY(sqrt, mpfr_sqrt)
MP_TEST_UNARY(cbrt, mpfr_cbrt)
MP_TEST_UNARY(exp, mpfr_exp)
MP_TEST_UNARY(exp2, mpfr_exp2)
MP_TEST_UNARY(expm1, mpfr_expm1)
MP_TEST_UNARY(log, mpfr_log)
MP_TEST_UNARY(log2, mpfr_log2)
MP_TEST_UNARY(log10, mpfr_log10)
MP_TEST_UNARY(log1p, mpfr_log1p)
MP_TEST_UNARY(sin, mpfr_sin)
MP_TEST_UNARY(cos, mpfr_cos)
MP_TEST_UNARY(tan, mpfr_tan)
MP_TEST_UNARY(asin, mpfr_asin)
MP_TEST_UNARY(acos, mpfr_acos)
MP_TEST_UNARY(atan, mpfr_atan)
MP_TEST_UNARY(sinh, mpfr_sinh)
MP_TEST_UNARY(cosh, mpfr_cosh)
MP_TEST_UNARY(tanh, mpfr_tanh)
MP_TEST_UNARY(asinh, mpfr_asinh)
MP_TEST_UNARY(acosh, mpfr_acosh)
MP_TEST_UNARY(atanh, mpfr_atanh)
MP_TEST_UNARY(erf, mpfr_erf)
MP_TEST_UNARY(erfc, mpfr_erfc)
MP_TEST_UNARY(tgamma, mpfr_gamma)
MP_TEST_UNARY(digamma, mpfr_digamma)
MP_TEST_UNARY(abs, mpfr_abs)
#undef MP_TEST_UNARY

inline mp lgamma(const mp& x) {
  mp r;
  int sign = 0;
  mpfr_lgamma(r.v, &sign, x.v, MPFR_RNDN);
  return r;
}
inline mp atan2(const mp& y, const mp& x) {
  mp r;
  mpfr_atan2(r.v, y.v, x.v, MPFR_RNDN);
  return r;
}
inline mp hypot(const mp& x, const mp& y) {
  mp r;
  mpfr_hypot(r.v, x.v, y.v, MPFR_RNDN);
  return r;
}
inline mp pow(const mp& x, const mp& y) {
  mp r;
  mpfr_pow(r.v, x.v, y.v, MPFR_RNDN);
  return r;
}
inline mp pi() {
  mp r;
  mpfr_const_pi(r.v, MPFR_RNDN);
  return r;
}

/// 4th-order central difference with h = 2^-60 |x|, made smaller (and then 2^40 times smaller
/// again) when the stencil would leave the function's domain or cross a pole, so that h is
/// always tiny against the distance to the nearest singularity: truncation error
/// O((h/d)⁴) ≤ 2^-160 relative, roundoff 2^-256 |f| / h.
template <class F>
mp central_difference(const F& f, const mp& x) {
  const long double ax = std::fabs(x.ld());
  long double h0 = std::ldexp(1.0L, (ax > 0 ? std::ilogb(ax) : -1000) - 60);
  const auto ok = [&](long double h) {
    const mp hh(h);
    const mp two(2.0L);
    return f(x + two * hh).finite() && f(x - two * hh).finite();
  };
  if (!ok(h0)) {
    int k = 0;
    while (!ok(h0) && k++ < 200) h0 = std::ldexp(h0, -8);
    h0 = std::ldexp(h0, -40);
  }
  const mp h(h0);
  const mp two(2.0L);
  const mp d1 = f(x + h) - f(x - h);
  const mp d2 = f(x + two * h) - f(x - two * h);
  return (mp(8.0L) * d1 - d2) / (mp(12.0L) * h);
}

}  // namespace mp_test
