// Helpers of the second-derivative tests: the checkers of unary and binary functions, sampling
// of domains, MPFR references of the polygamma functions (ψ', ψ'', ψ''' by an Euler–Maclaurin
// sum, independent of the library's recurrence), tolerances and a tally of failures. The MPFR
// value type is the function tests' own (tests/functions/mp.hpp).
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <limits>
#include <string>
#include <type_traits>

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include "../functions/mp.hpp"

namespace second_test {

using mp_test::mp;

struct rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t q = (s += 0x9e3779b97f4a7c15ull);
    q = (q ^ (q >> 30)) * 0xbf58476d1ce4e5b9ull;
    q = (q ^ (q >> 27)) * 0x94d049bb133111ebull;
    return q ^ (q >> 31);
  }
  long double unit() { return std::ldexp(static_cast<long double>(next() >> 11), -53); }
};

/// Part of a domain: uniform in [lo, hi], or log-uniform (0 < lo < hi) with the given sign.
struct interval {
  long double lo, hi;
  int log_sign = 0;
};

/// A point of the domain representable in T as a normal number.
template <class T>
T sample(rng& g, std::initializer_list<interval> domain) {
  for (;;) {
    const auto k = static_cast<std::size_t>(g.next() % domain.size());
    const interval& d = domain.begin()[k];
    long double v = 0;
    if (d.log_sign == 0)
      v = d.lo + (d.hi - d.lo) * g.unit();
    else
      v = d.log_sign * std::exp(std::log(d.lo) + (std::log(d.hi) - std::log(d.lo)) * g.unit());
    const T t = static_cast<T>(v);
    if (std::isfinite(t) && (v == 0 || std::fabs(t) >= std::numeric_limits<T>::min())) return t;
  }
}

template <class T>
const char* type_name() {
  if constexpr (std::is_same_v<T, float>) return "float";
  if constexpr (std::is_same_v<T, double>) return "double";
  return "long double";
}

inline std::uint64_t seed_of(const char* name) {
  std::uint64_t h = 1469598103934665603ull;
  for (const char* p = name; *p; ++p) h = (h ^ static_cast<unsigned char>(*p)) * 1099511628211ull;
  return h;
}

/// The closed form cf and the finite difference fd of the first derivative df agree: relative
/// 2^-100, or to what the difference can resolve (2^-190 |df(x)| / h).
template <class F>
bool references_agree(const mp& cf, const mp& fd, const F& df, const mp& at_x) {
  const long double a = std::fabs(cf.ld());
  const long double err = std::fabs((cf - fd).ld());
  const long double ax = std::fabs(at_x.ld());
  const long double h = std::ldexp(1.0L, (ax > 0 ? std::ilogb(ax) : -1000) - 60);
  const long double resolution = std::ldexp(std::fabs(df(at_x).ld()), -190) / h;
  return err <= std::ldexp(a, -100) + resolution || (a > 1e300L && std::fabs(fd.ld()) > 1e300L);
}

struct tally {
  std::string first_failure;
  int failures = 0;
  int checked = 0;
  int skipped = 0;
  void fail(const std::string& what) {
    if (failures++ == 0) first_failure = what;
  }
};

template <class T>
std::string describe(const char* name, const char* what, T at_x, T got, const mp& ref) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%s %s%s at %.21Lg: got %.21Lg, exact %.21Lg", name,
                type_name<T>(), what, static_cast<long double>(at_x),
                static_cast<long double>(got), ref.ld());
  return buf;
}

/// |got - ref| within k units of T's unit roundoff of `scale` (plus T's smallest normal);
/// where the exact value overflows T, got must be the same infinity or not finite.
template <class T>
bool within(T got, const mp& ref, double k, long double scale) {
  const T ref_t = ref.template to<T>();
  if (std::isinf(ref_t)) return got == ref_t || !std::isfinite(got);
  const long double u = static_cast<long double>(std::numeric_limits<T>::epsilon()) / 2;
  return std::isfinite(got) &&
         std::fabs(static_cast<long double>(got) - ref.ld()) <=
             static_cast<long double>(k) * u * scale +
                 static_cast<long double>(std::numeric_limits<T>::min());
}

/// Both NaN, or equal (bit for bit up to the sign of zero).
template <class T>
bool same(T a, T b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

// --- polygamma in MPFR -------------------------------------------------------------------------

/// Σ_{k≥0} (y + k)^-m for y ≥ 200 by Euler–Maclaurin: ∫ + g(y)/2 + Σⱼ B₂ⱼ/(2j)! (m)_{2j-1}
/// y^(-m-2j+1), seven terms (the next one below 2^-120 relative at y = 200, m ≤ 4).
inline mp hurwitz_tail(int m, const mp& y) {
  static const long double bernoulli_num[] = {1, -1, 1, -1, 5, -691, 7};
  static const long double bernoulli_den[] = {6, 30, 42, 30, 66, 2730, 6};
  const mp one(1.0L);
  mp ym = one;
  for (int i = 0; i < m; ++i) ym = ym * y;  // y^m
  mp r = y / (mp(static_cast<long double>(m - 1)) * ym) + one / (mp(2.0L) * ym);
  mp rising = mp(static_cast<long double>(m));  // (m)_{2j-1}
  mp power = ym * y;                            // y^(m + 2j - 1)
  mp factorial = mp(2.0L);                      // (2j)!
  for (int j = 1; j <= 7; ++j) {
    const mp b = mp(bernoulli_num[j - 1]) / mp(bernoulli_den[j - 1]);
    r = r + b / factorial * rising / power;
    rising = rising * mp(static_cast<long double>(m + 2 * j - 1)) * mp(static_cast<long double>(m + 2 * j));
    power = power * y * y;
    factorial = factorial * mp(static_cast<long double>(2 * j + 1)) * mp(static_cast<long double>(2 * j + 2));
  }
  return r;
}

/// ψ⁽ⁿ⁾(x) for x > 0, n = 1, 2, 3: (-1)^(n+1) n! Σ_{k≥0} (x + k)^-(n+1), the first terms summed
/// directly up to x + K ≥ 200.
inline mp polygamma_pos(int n, const mp& x) {
  const int m = n + 1;
  mp s(0.0L);
  mp y = x;
  const mp one(1.0L);
  while (y.ld() < 200) {
    mp p = one;
    for (int i = 0; i < m; ++i) p = p * y;
    s = s + one / p;
    y = y + one;
  }
  s = s + hurwitz_tail(m, y);
  const long double fact = n == 1 ? 1 : n == 2 ? 2 : 6;
  return (n % 2 == 1 ? mp(fact) : -mp(fact)) * s;
}

inline mp sin_pi(const mp& x) { return mp_test::sin(mp_test::pi() * x); }
inline mp cos_pi(const mp& x) { return mp_test::cos(mp_test::pi() * x); }

/// The term of the reflection formula: ψ⁽ⁿ⁾(x) = ±ψ⁽ⁿ⁾(1 - x) + reflection_term(n, x).
inline mp reflection_term(int n, const mp& x) {
  const mp p = mp_test::pi();
  const mp s = sin_pi(x), c = cos_pi(x);
  if (n == 1) return p * p / (s * s);
  if (n == 2) return -(mp(2.0L) * p * p * p * c / (s * s * s));
  return mp(2.0L) * p * p * p * p * (mp(2.0L) * c * c + mp(1.0L)) / (s * s * s * s);
}

/// ψ⁽ⁿ⁾(x) for real x not a non-positive integer.
inline mp polygamma(int n, const mp& x) {
  if (!(x < mp(0.0L))) return polygamma_pos(n, x);
  const mp reflected = polygamma_pos(n, mp(1.0L) - x);
  // ψ⁽ⁿ⁾(1-x) + (-1)^(n+1) ψ⁽ⁿ⁾(x) = (-1)ⁿ π dⁿ cot(πx)
  return (n % 2 == 1 ? -reflected : reflected) + reflection_term(n, x);
}

}  // namespace second_test

// --- the checkers -------------------------------------------------------------------------------

namespace second_test {

inline constexpr tapeless::var<"x"> x;
inline constexpr tapeless::var<"y"> y;
inline constexpr tapeless::var<"z"> z;

inline constexpr int points = 1000;

/// The error bound's scale: |f''(x)| times a condition factor, by default 1.
struct relative {
  long double operator()(const mp&, const mp& d) const { return std::fabs(d.ld()); }
};

/// f'' of a unary function at `points` points of its domain, against the closed form d2f (in
/// MPFR), which must agree with the central difference of the closed form df of f' first. The
/// value and gradient of the dual sweep must be the plain sweep's, bit for bit.
template <class T, class Make, class DF, class D2F, class Scale = relative>
void check_unary(const char* name, Make make, DF df, D2F d2f, std::initializer_list<interval> domain,
                 double k = 8, Scale scale = {}) {
  rng g{seed_of(name) + sizeof(T)};
  tally t;
  const auto e = make(x);
  for (int i = 0; i < points; ++i) {
    const T p = sample<T>(g, domain);
    const auto r = tapeless::value_grad_and_hessian(e, tapeless::at(x = p));
    const auto plain = tapeless::value_and_grad(e, tapeless::at(x = p));
    if (!same(r.value, plain.value) || !same(r.grad[x], plain.grad[x]))
      t.fail(describe(name, " value or gradient differs from the plain sweep", p, r.grad[x], mp(plain.grad[x])));
    const mp X(p);
    const mp cf = d2f(X);
    if (!references_agree(cf, mp_test::central_difference(df, X), df, X)) {
      t.fail(std::string("reference mismatch (test bug) ") + describe(name, "''", p, r.hessian[x][x], cf));
      continue;
    }
    ++t.checked;
    const T got = r.hessian[x][x];
    if (!within(got, cf, k, scale(X, cf))) t.fail(describe(name, "''", p, got, cf));
  }
  INFO(t.first_failure);
  INFO(name << " (" << type_name<T>() << "): " << t.failures << " failures of " << points);
  CHECK(t.failures == 0);
  CHECK(t.checked == points);
}

struct relative2 {
  long double operator()(const mp&, const mp&, const mp& d) const { return std::fabs(d.ld()); }
};

/// The three second partials of a binary function at `points` pairs; the mixed one from both
/// sides: the hessian's entry (from the sweep along x) and the hvp along y.
template <class T, class Make, class D0, class D1, class D00, class D01, class D11, class Scale = relative2>
void check_binary(const char* name, Make make, D0 d0, D1 d1, D00 d00, D01 d01, D11 d11,
                  std::initializer_list<interval> dom0, std::initializer_list<interval> dom1,
                  double k = 8, Scale scale = {}) {
  rng g{seed_of(name) + sizeof(T)};
  tally t;
  const auto e = make(x, y);
  for (int i = 0; i < points; ++i) {
    const T a = sample<T>(g, dom0);
    const T b = sample<T>(g, dom1);
    const auto r = tapeless::value_grad_and_hessian(e, tapeless::at(x = a, y = b));
    const auto plain = tapeless::value_and_grad(e, tapeless::at(x = a, y = b));
    if (!same(r.value, plain.value) || !same(r.grad[x], plain.grad[x]) || !same(r.grad[y], plain.grad[y]))
      t.fail(describe(name, " value or gradient differs from the plain sweep", a, r.grad[x], mp(plain.grad[x])));
    // a value or gradient beyond T's range: the point is outside the domain in T
    if (!std::isfinite(plain.value) || !std::isfinite(plain.grad[x]) || !std::isfinite(plain.grad[y])) {
      ++t.skipped;
      continue;
    }
    const T across = tapeless::hvp(e, tapeless::at(x = a, y = b), tapeless::at(y = T(1)))[x];
    const mp A(a), B(b);
    const mp c00 = d00(A, B), c01 = d01(A, B), c11 = d11(A, B);
    const auto f0a = [&](const mp& v) { return d0(v, B); };
    const auto f0b = [&](const mp& v) { return d0(A, v); };
    const auto f1a = [&](const mp& v) { return d1(v, B); };
    const auto f1b = [&](const mp& v) { return d1(A, v); };
    const bool refs = references_agree(c00, mp_test::central_difference(f0a, A), f0a, A) &&
                      references_agree(c01, mp_test::central_difference(f0b, B), f0b, B) &&
                      references_agree(c01, mp_test::central_difference(f1a, A), f1a, A) &&
                      references_agree(c11, mp_test::central_difference(f1b, B), f1b, B);
    if (!refs) {
      t.fail(std::string("reference mismatch (test bug) ") + describe(name, "", a, r.hessian[x][x], c00));
      continue;
    }
    ++t.checked;
    const T h00 = r.hessian[x][x], h01 = r.hessian[x][y], h11 = r.hessian[y][y];
    if (!within(h00, c00, k, scale(A, B, c00))) t.fail(describe(name, " d2/dx2", a, h00, c00));
    if (!within(h01, c01, k, scale(A, B, c01))) t.fail(describe(name, " d2/dxdy", a, h01, c01));
    if (!within(across, c01, k, scale(A, B, c01))) t.fail(describe(name, " d2/dydx (hvp)", a, across, c01));
    if (!within(h11, c11, k, scale(A, B, c11))) t.fail(describe(name, " d2/dy2", b, h11, c11));
  }
  INFO(t.first_failure);
  INFO(name << " (" << type_name<T>() << "): " << t.failures << " failures of " << points);
  CHECK(t.failures == 0);
  CHECK(t.checked + t.skipped == points);
  CHECK(t.skipped < points / 10);
}

}  // namespace second_test
