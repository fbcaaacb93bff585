// Every function's derivative (float, double, long double), at >= 1000 points over its domain,
// against two independent references computed with MPFR at 192 bits: the closed form, and a
// 4th-order central finite difference (the two references are checked against each other
// first, so a wrong closed form in this file cannot pass). The forward value is checked to be
// the plain-number function's, bit for bit.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <type_traits>

#include "mp.hpp"

namespace {

using mp_test::mp;
using tapeless::at;
using tapeless::value_and_grad;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"z"> z;

constexpr int points = 1000;

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
  int log_sign = 0;  // 0: uniform; +1 / -1: log-uniform in ±[lo, hi]
};

/// A point of the domain representable in T as a normal number (the double-range intervals
/// are shared by all types; samples outside T's range are drawn again).
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

std::uint64_t seed_of(const char* name) {
  std::uint64_t h = 1469598103934665603ull;
  for (const char* p = name; *p; ++p) h = (h ^ static_cast<unsigned char>(*p)) * 1099511628211ull;
  return h;
}

/// Do the closed form and the finite difference agree? Relative 2^-100, or absolutely to what
/// the difference can resolve (about 2^-190 |f(x)| / h, which matters where f' is far below
/// f, e.g. expm1 at -500); where the derivative overflows, both only need to be huge.
template <class F>
bool references_agree(const mp& cf, const mp& fd, const F& f, const mp& at_x) {
  const long double a = std::fabs(cf.ld());
  const long double err = std::fabs((cf - fd).ld());
  const long double ax = std::fabs(at_x.ld());
  const long double h = std::ldexp(1.0L, (ax > 0 ? std::ilogb(ax) : -1000) - 60);
  const long double resolution = std::ldexp(std::fabs(f(at_x).ld()), -190) / h;
  return err <= std::ldexp(a, -100) + resolution || (a > 1e300L && std::fabs(fd.ld()) > 1e300L);
}

struct tally {
  std::string first_failure;
  int failures = 0;
  int checked = 0;
  void fail(const std::string& what) {
    if (failures++ == 0) first_failure = what;
  }
};

template <class T>
std::string describe(const char* name, const char* partial, T at_x, T got, const mp& ref) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "%s %s%s at %.21Lg: got %.21Lg, exact %.21Lg", name,
                type_name<T>(), partial, static_cast<long double>(at_x),
                static_cast<long double>(got), ref.ld());
  return buf;
}

/// |got - ref| within k units of T's unit roundoff of `scale` (plus T's smallest normal);
/// where the exact derivative overflows T, got must be the same infinity or not finite.
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

/// The error bound's scale: |f'(x)| times a condition factor, by default 1.
struct relative {
  long double operator()(const mp&, const mp& d) const { return std::fabs(d.ld()); }
};

template <class T, class Make, class F, class DF, class Scale = relative>
void check_unary(const char* name, Make make, F f, DF df, std::initializer_list<interval> domain,
                 double k = 8, Scale scale = {}) {
  rng g{seed_of(name) + sizeof(T)};
  tally t;
  const auto e = make(x);
  for (int i = 0; i < points; ++i) {
    const T p = sample<T>(g, domain);
    const auto r = value_and_grad(e, at(x = p));
    const T direct = make(p);
    if (!(r.value == direct || (std::isnan(r.value) && std::isnan(direct))))
      t.fail(describe(name, " value", p, r.value, mp(direct)));
    const mp X(p);
    const mp cf = df(X);
    if (!references_agree(cf, mp_test::central_difference(f, X), f, X)) {
      t.fail(std::string("reference mismatch (test bug) ") + describe(name, "", p, r.grad[x], cf));
      continue;
    }
    ++t.checked;
    const T got = r.grad[x];
    if (!within(got, cf, k, scale(X, cf))) t.fail(describe(name, "'", p, got, cf));
  }
  INFO(t.first_failure);
  INFO(name << " (" << type_name<T>() << "): " << t.failures << " failures of " << points);
  CHECK(t.failures == 0);
  CHECK(t.checked == points);
}

struct relative2 {
  long double operator()(const mp&, const mp&, const mp& d) const { return std::fabs(d.ld()); }
};

/// Binary functions: both partials at `points` random pairs.
template <class T, class Make, class F, class DF0, class DF1, class Scale = relative2>
void check_binary(const char* name, Make make, F f, DF0 d0, DF1 d1,
                  std::initializer_list<interval> dom0, std::initializer_list<interval> dom1,
                  double k = 8, Scale scale = {}) {
  rng g{seed_of(name) + sizeof(T)};
  tally t;
  const auto e = make(x, y);
  for (int i = 0; i < points; ++i) {
    const T a = sample<T>(g, dom0);
    const T b = sample<T>(g, dom1);
    const auto r = value_and_grad(e, at(x = a, y = b));
    const T direct = make(a, b);
    if (!(r.value == direct || (std::isnan(r.value) && std::isnan(direct))))
      t.fail(describe(name, " value", a, r.value, mp(direct)));
    const mp A(a), B(b);
    const mp c0 = d0(A, B), c1 = d1(A, B);
    const auto f0 = [&](const mp& v) { return f(v, B); };
    const auto f1 = [&](const mp& v) { return f(A, v); };
    const bool refs =
        references_agree(c0, mp_test::central_difference(f0, A), f0, A) &&
        references_agree(c1, mp_test::central_difference(f1, B), f1, B);
    if (!refs) {
      t.fail(std::string("reference mismatch (test bug) ") + describe(name, "", a, r.grad[x], c0));
      continue;
    }
    ++t.checked;
    const T g0 = r.grad[x], g1 = r.grad[y];
    if (!within(g0, c0, k, scale(A, B, c0))) t.fail(describe(name, " d/dx", a, g0, c0));
    if (!within(g1, c1, k, scale(A, B, c1))) t.fail(describe(name, " d/dy", b, g1, c1));
  }
  INFO(t.first_failure);
  INFO(name << " (" << type_name<T>() << "): " << t.failures << " failures of " << points);
  CHECK(t.failures == 0);
  CHECK(t.checked == points);
}

/// Functions of three arguments (hypot, fma): the three partials at `points` random triples.
template <class T, class Make, class F, class D>
void check_ternary(const char* name, Make make, F f, D d, std::initializer_list<interval> dom,
                   double k) {
  rng g{seed_of(name) + sizeof(T)};
  tally t;
  const auto e = make(x, y, z);
  for (int i = 0; i < points; ++i) {
    const T a = sample<T>(g, dom), b = sample<T>(g, dom), c = sample<T>(g, dom);
    const auto r = value_and_grad(e, at(x = a, y = b, z = c));
    const mp A(a), B(b), C(c);
    const T got[3] = {r.grad[x], r.grad[y], r.grad[z]};
    const auto f0 = [&](const mp& v) { return f(v, B, C); };
    const auto f1 = [&](const mp& v) { return f(A, v, C); };
    const auto f2 = [&](const mp& v) { return f(A, B, v); };
    const mp fd[3] = {mp_test::central_difference(f0, A), mp_test::central_difference(f1, B),
                      mp_test::central_difference(f2, C)};
    ++t.checked;
    for (int j = 0; j < 3; ++j) {
      const mp cf = d(j, A, B, C);
      const mp& at_j = j == 0 ? A : j == 1 ? B : C;
      const bool refs = j == 0   ? references_agree(cf, fd[0], f0, at_j)
                        : j == 1 ? references_agree(cf, fd[1], f1, at_j)
                                 : references_agree(cf, fd[2], f2, at_j);
      if (!refs) t.fail(std::string("reference mismatch (test bug) ") + describe(name, "", a, got[j], cf));
      if (!within(got[j], cf, k, std::fabs(cf.ld()))) t.fail(describe(name, j == 0 ? " d/dx" : j == 1 ? " d/dy" : " d/dz", a, got[j], cf));
    }
  }
  INFO(t.first_failure);
  INFO(name << " (" << type_name<T>() << "): " << t.failures << " failures of " << points);
  CHECK(t.failures == 0);
  CHECK(t.checked == points);
}

// Domains (double ranges; a float sample that overflows has an infinite reference and must
// get inf).
constexpr interval wide_pos{1e-300L, 1e300L, 1};
constexpr interval wide_neg{1e-300L, 1e300L, -1};

template <class T>
void unary_suite() {
  using namespace mp_test;
  const mp one(1.0L), two(2.0L), three(3.0L);
  check_unary<T>("sqrt", [](auto v) { return tapeless::sqrt(v); }, [](const mp& v) { return sqrt(v); },
                 [&](const mp& v) { return one / (two * sqrt(v)); }, {wide_pos, {0, 4}});
  // glibc's cbrt is not correctly rounded (up to about 4 ulp), and 1/(3y²) doubles that
  check_unary<T>("cbrt", [](auto v) { return tapeless::cbrt(v); }, [](const mp& v) { return cbrt(v); },
                 [&](const mp& v) { return one / (three * cbrt(v) * cbrt(v)); },
                 {wide_pos, wide_neg, {-4, 4}}, 24);
  // exp: the argument's rounding is amplified by |x| (e^(x(1+u)) = e^x e^(xu))
  const auto by_arg = [](const mp& v, const mp& d) {
    return std::fabs(d.ld()) * (1 + std::fabs(v.ld()));
  };
  check_unary<T>("exp", [](auto v) { return tapeless::exp(v); }, [](const mp& v) { return exp(v); },
                 [](const mp& v) { return exp(v); }, {{-700, 700}, {-3, 3}});
  check_unary<T>("exp2", [](auto v) { return tapeless::exp2(v); }, [](const mp& v) { return exp2(v); },
                 [&](const mp& v) { return log(two) * exp2(v); }, {{-1000, 1000}, {-3, 3}});
  check_unary<T>("expm1", [](auto v) { return tapeless::expm1(v); }, [](const mp& v) { return expm1(v); },
                 [](const mp& v) { return exp(v); }, {{-700, 700}, {1e-30L, 1, 1}, {1e-30L, 1, -1}});
  check_unary<T>("log", [](auto v) { return tapeless::log(v); }, [](const mp& v) { return log(v); },
                 [&](const mp& v) { return one / v; }, {wide_pos, {0.5, 2}});
  check_unary<T>("log2", [](auto v) { return tapeless::log2(v); }, [](const mp& v) { return log2(v); },
                 [&](const mp& v) { return one / (v * log(two)); }, {wide_pos, {0.5, 2}});
  check_unary<T>("log10", [](auto v) { return tapeless::log10(v); }, [](const mp& v) { return log10(v); },
                 [&](const mp& v) { return one / (v * log(mp(10.0L))); }, {wide_pos, {0.5, 2}});
  check_unary<T>("log1p", [](auto v) { return tapeless::log1p(v); }, [](const mp& v) { return log1p(v); },
                 [&](const mp& v) { return one / (one + v); },
                 {wide_pos, {-0.999, 1}, {1e-30L, 0.5, -1}});
  check_unary<T>("sin", [](auto v) { return tapeless::sin(v); }, [](const mp& v) { return sin(v); },
                 [](const mp& v) { return cos(v); }, {{-10, 10}, {1, 1e6, 1}, {1e-20L, 1, -1}}, 8,
                 [](const mp&, const mp& d) { return std::fabs(d.ld()) + 1e-3L; });
  check_unary<T>("cos", [](auto v) { return tapeless::cos(v); }, [](const mp& v) { return cos(v); },
                 [](const mp& v) { return -sin(v); }, {{-10, 10}, {1, 1e6, 1}, {1e-20L, 1, 1}}, 8,
                 [](const mp&, const mp& d) { return std::fabs(d.ld()) + 1e-3L; });
  check_unary<T>("tan", [](auto v) { return tapeless::tan(v); }, [](const mp& v) { return tan(v); },
                 [&](const mp& v) { return one / (cos(v) * cos(v)); }, {{-1.5, 1.5}, {-100, 100}}, 12);
  check_unary<T>("asin", [](auto v) { return tapeless::asin(v); }, [](const mp& v) { return asin(v); },
                 [&](const mp& v) { return one / sqrt(one - v * v); }, {{-1, 1}, {1e-30L, 1, 1}});
  check_unary<T>("acos", [](auto v) { return tapeless::acos(v); }, [](const mp& v) { return acos(v); },
                 [&](const mp& v) { return -one / sqrt(one - v * v); }, {{-1, 1}, {1e-30L, 1, -1}});
  check_unary<T>("atan", [](auto v) { return tapeless::atan(v); }, [](const mp& v) { return atan(v); },
                 [&](const mp& v) { return one / (one + v * v); }, {{-10, 10}, wide_pos, wide_neg});
  check_unary<T>("sinh", [](auto v) { return tapeless::sinh(v); }, [](const mp& v) { return sinh(v); },
                 [](const mp& v) { return cosh(v); }, {{-700, 700}, {-3, 3}}, 8, by_arg);
  check_unary<T>("cosh", [](auto v) { return tapeless::cosh(v); }, [](const mp& v) { return cosh(v); },
                 [](const mp& v) { return sinh(v); }, {{-700, 700}, {1e-30L, 3, 1}}, 8, by_arg);
  // tanh' = 1 - tanh²: absolute accuracy (the terms are 1 and y²)
  check_unary<T>("tanh", [](auto v) { return tapeless::tanh(v); }, [](const mp& v) { return tanh(v); },
                 [&](const mp& v) { return one / (cosh(v) * cosh(v)); }, {{-20, 20}, {-3, 3}}, 8,
                 [](const mp&, const mp& d) { return std::fabs(d.ld()) + 1; });
  check_unary<T>("asinh", [](auto v) { return tapeless::asinh(v); }, [](const mp& v) { return asinh(v); },
                 [&](const mp& v) { return one / sqrt(v * v + one); }, {{-10, 10}, wide_pos, wide_neg});
  check_unary<T>("acosh", [](auto v) { return tapeless::acosh(v); }, [](const mp& v) { return acosh(v); },
                 [&](const mp& v) { return one / sqrt(v * v - one); }, {{1, 10}, {1, 1e300L, 1}});
  check_unary<T>("atanh", [](auto v) { return tapeless::atanh(v); }, [](const mp& v) { return atanh(v); },
                 [&](const mp& v) { return one / (one - v * v); }, {{-1, 1}, {1e-30L, 1, 1}});
  // erf' = 2/√π e^(-x²): the rounding of x² is amplified by x²
  const auto by_square = [](const mp& v, const mp& d) {
    return std::fabs(d.ld()) * (1 + v.ld() * v.ld());
  };
  check_unary<T>("erf", [](auto v) { return tapeless::erf(v); }, [](const mp& v) { return erf(v); },
                 [&](const mp& v) { return two / sqrt(pi()) * exp(-(v * v)); }, {{-6, 6}, {1e-30L, 1, 1}},
                 8, by_square);
  check_unary<T>("erfc", [](auto v) { return tapeless::erfc(v); }, [](const mp& v) { return erfc(v); },
                 [&](const mp& v) { return -(two / sqrt(pi()) * exp(-(v * v))); }, {{-6, 27}}, 8, by_square);
  // Γ' = Γ ψ: ψ is computed with absolute error about u (2 + |ln x| + 1/|x|), and for x < 0
  // the reflection ψ(1 - x) - π cot πx adds the error of cot near the poles
  const auto psi_error = [](const mp& v) {
    const long double xv = v.ld();
    const long double pi_l = 3.14159265358979323846L;
    const long double reflection =
        xv < 0 ? std::fabs(4 * xv / std::tan(pi_l * xv)) +
                     std::fabs(10 * xv / std::pow(std::sin(pi_l * xv), 2))
               : 0;
    return 2 + std::fabs(std::log(std::fabs(xv))) + 1 / std::fabs(xv) + reflection;
  };
  check_unary<T>("tgamma", [](auto v) { return tapeless::tgamma(v); }, [](const mp& v) { return tgamma(v); },
                 [](const mp& v) { return tgamma(v) * digamma(v); }, {{0.01L, 30}, {-20, -0.01L}}, 16,
                 [&](const mp& v, const mp&) {
                   return std::fabs(tgamma(v).ld()) * (std::fabs(digamma(v).ld()) + psi_error(v));
                 });
  check_unary<T>("lgamma", [](auto v) { return tapeless::lgamma(v); }, [](const mp& v) { return lgamma(v); },
                 [](const mp& v) { return digamma(v); }, {{0.01L, 30}, {1, 1e30L, 1}, {-20, -0.01L}}, 16,
                 [&](const mp& v, const mp& d) { return std::fabs(d.ld()) + psi_error(v); });
  check_unary<T>("abs", [](auto v) { return tapeless::abs(v); }, [](const mp& v) { return abs(v); },
                 [&](const mp& v) { return v < mp(0.0L) ? -one : one; }, {wide_pos, wide_neg}, 0);
  check_unary<T>("sigmoid", [](auto v) { return tapeless::sigmoid(v); },
                 [&](const mp& v) { return one / (one + exp(-v)); },
                 [&](const mp& v) {
                   const mp s = one / (one + exp(-v));
                   return s * (one - s);
                 },
                 {{-700, 700}, {-5, 5}}, 8,
                 // σ' = σ(1 - σ), as PyTorch and JAX: accurate in absolute terms (the terms
                 // are σ and σ²), not relative where σ' is tiny for large positive x
                 [](const mp&, const mp& d) { return std::fabs(d.ld()) + 1; });
  check_unary<T>("softplus", [](auto v) { return tapeless::softplus(v); },
                 [&](const mp& v) { return log1p(exp(v)); }, [&](const mp& v) { return one / (one + exp(-v)); },
                 {{-700, 700}, {-5, 5}}, 8, by_arg);
  check_unary<T>("relu", [](auto v) { return tapeless::relu(v); },
                 [&](const mp& v) { return v < mp(0.0L) ? mp(0.0L) : v; },
                 [&](const mp& v) { return v < mp(0.0L) ? mp(0.0L) : one; }, {wide_pos, wide_neg}, 0);
  check_unary<T>("square", [](auto v) { return tapeless::square(v); }, [](const mp& v) { return v * v; },
                 [&](const mp& v) { return two * v; }, {{-1e100L, 1e100L}, {-3, 3}}, 1);
  check_unary<T>("cube", [](auto v) { return tapeless::cube(v); }, [](const mp& v) { return v * v * v; },
                 [&](const mp& v) { return three * v * v; }, {{-1e60L, 1e60L}, {-3, 3}}, 4);
  check_unary<T>("digamma", [](auto v) { return tapeless::digamma(v); }, [](const mp& v) { return digamma(v); },
                 [](const mp& v) { return mp_test::central_difference([](const mp& w) { return digamma(w); }, v); },
                 {{0.01L, 30}, {1, 1e15L, 1}}, 16);
}

template <class T>
void binary_suite() {
  using namespace mp_test;
  const mp one(1.0L), zero(0.0L);
  // atan2(y, x) with the test's x as y and y as x
  check_binary<T>("atan2", [](auto a, auto b) { return tapeless::atan2(a, b); },
                  [](const mp& a, const mp& b) { return atan2(a, b); },
                  [](const mp& a, const mp& b) { return b / (a * a + b * b); },
                  [](const mp& a, const mp& b) { return -a / (a * a + b * b); },
                  {{-10, 10}, wide_pos, wide_neg}, {{-10, 10}, wide_pos, wide_neg});
  check_binary<T>("hypot", [](auto a, auto b) { return tapeless::hypot(a, b); },
                  [](const mp& a, const mp& b) { return hypot(a, b); },
                  [](const mp& a, const mp& b) { return a / hypot(a, b); },
                  [](const mp& a, const mp& b) { return b / hypot(a, b); },
                  {{-10, 10}, wide_pos, wide_neg}, {{-10, 10}, wide_pos, wide_neg});
  // pow: the rounding of y - 1 in x^(y-1) is amplified by |y ln x|
  check_binary<T>("pow", [](auto a, auto b) { return tapeless::pow(a, b); },
                  [](const mp& a, const mp& b) { return pow(a, b); },
                  [&](const mp& a, const mp& b) { return b * pow(a, b - one); },
                  [](const mp& a, const mp& b) { return pow(a, b) * log(a); },
                  {{1e-3L, 1e3L, 1}}, {{-20, 20}}, 8,
                  [](const mp& a, const mp& b, const mp& d) {
                    return std::fabs(d.ld()) * (2 + std::fabs(b.ld() * std::log(a.ld())));
                  });
  check_binary<T>("log_sum_exp", [](auto a, auto b) { return tapeless::log_sum_exp(a, b); },
                  [](const mp& a, const mp& b) { return log(exp(a) + exp(b)); },
                  [](const mp& a, const mp& b) { return exp(a) / (exp(a) + exp(b)); },
                  [](const mp& a, const mp& b) { return exp(b) / (exp(a) + exp(b)); },
                  {{-600, 600}, {-5, 5}}, {{-600, 600}, {-5, 5}}, 8,
                  [](const mp& a, const mp& b, const mp& d) {
                    return std::fabs(d.ld()) * (1 + std::fabs(a.ld()) + std::fabs(b.ld()));
                  });
  const auto first = [&](const mp&, const mp&) { return one; };
  const auto second = [&](const mp&, const mp&) { return zero; };
  check_binary<T>("copysign", [](auto a, auto b) { return tapeless::copysign(a, b); },
                  [](const mp& a, const mp& b) { return (a < mp(0.0L)) == (b < mp(0.0L)) ? a : -a; },
                  [](const mp& a, const mp& b) { return mp((a < mp(0.0L)) == (b < mp(0.0L)) ? 1.0L : -1.0L); },
                  second, {wide_pos, wide_neg}, {wide_pos, wide_neg}, 0);
  // min and max away from ties (ties: the conventions test)
  check_binary<T>("max", [](auto a, auto b) { return tapeless::max(a, b); },
                  [](const mp& a, const mp& b) { return a < b ? b : a; },
                  [](const mp& a, const mp& b) { return mp(a < b ? 0.0L : 1.0L); },
                  [](const mp& a, const mp& b) { return mp(a < b ? 1.0L : 0.0L); },
                  {{-10, 10}}, {{-10, 10}}, 0);
  check_binary<T>("fmin", [](auto a, auto b) { return tapeless::fmin(a, b); },
                  [](const mp& a, const mp& b) { return b < a ? b : a; },
                  [](const mp& a, const mp& b) { return mp(b < a ? 0.0L : 1.0L); },
                  [](const mp& a, const mp& b) { return mp(b < a ? 1.0L : 0.0L); },
                  {{-10, 10}}, {{-10, 10}}, 0);
  check_binary<T>("min", [](auto a, auto b) { return tapeless::min(a, b); },
                  [](const mp& a, const mp& b) { return b < a ? b : a; },
                  [](const mp& a, const mp& b) { return mp(b < a ? 0.0L : 1.0L); },
                  [](const mp& a, const mp& b) { return mp(b < a ? 1.0L : 0.0L); },
                  {{-10, 10}}, {{-10, 10}}, 0);
  check_binary<T>("fmax", [](auto a, auto b) { return tapeless::fmax(a, b); },
                  [](const mp& a, const mp& b) { return a < b ? b : a; },
                  [](const mp& a, const mp& b) { return mp(a < b ? 0.0L : 1.0L); },
                  [](const mp& a, const mp& b) { return mp(a < b ? 1.0L : 0.0L); },
                  {{-10, 10}}, {{-10, 10}}, 0);
  (void)first;
  check_ternary<T>("hypot3", [](auto a, auto b, auto c) { return tapeless::hypot(a, b, c); },
                   [](const mp& a, const mp& b, const mp& c) { return sqrt(a * a + b * b + c * c); },
                   [](int j, const mp& a, const mp& b, const mp& c) {
                     return (j == 0 ? a : j == 1 ? b : c) / sqrt(a * a + b * b + c * c);
                   },
                   {{-10, 10}, {1e-100L, 1e100L, 1}, {1e-100L, 1e100L, -1}}, 8);
  check_ternary<T>("fma", [](auto a, auto b, auto c) { return tapeless::fma(a, b, c); },
                   [](const mp& a, const mp& b, const mp& c) { return a * b + c; },
                   [&](int j, const mp& a, const mp& b, const mp&) { return j == 0 ? b : j == 1 ? a : one; },
                   {{-10, 10}, {1e-100L, 1e100L, 1}, {1e-100L, 1e100L, -1}}, 0);
}

}  // namespace

TEST_CASE("derivatives of the unary functions: float", "[functions][float]") { unary_suite<float>(); }
TEST_CASE("derivatives of the unary functions: double", "[functions][double]") { unary_suite<double>(); }
TEST_CASE("derivatives of the unary functions: long double", "[functions][long double]") {
  unary_suite<long double>();
}
TEST_CASE("partials of the binary functions: float", "[functions][float]") { binary_suite<float>(); }
TEST_CASE("partials of the binary functions: double", "[functions][double]") { binary_suite<double>(); }
TEST_CASE("partials of the binary functions: long double", "[functions][long double]") {
  binary_suite<long double>();
}
