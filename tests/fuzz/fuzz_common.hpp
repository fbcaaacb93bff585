// Machinery of the differential fuzz tests: every generated expression (tests/fuzz/generate.py)
// is evaluated by tapeless and, written a second time over a generic scalar, by ADOL-C (an
// independent tape-based AD), by long double (reference values and finite differences) and by
// `mag` (a forward sweep of magnitudes that gives the condition numbers the tolerances scale
// with). README.md in this directory states the comparison rules and why.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <tapeless/tapeless.hpp>

#include <adolc/adolc.h>

#include <boost/math/special_functions/digamma.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <type_traits>

namespace fuzz {

inline constexpr std::size_t nvars = 10;
using ld = long double;

inline constexpr tapeless::var<"x0"> x0;
inline constexpr tapeless::var<"x1"> x1;
inline constexpr tapeless::var<"x2"> x2;
inline constexpr tapeless::var<"x3"> x3;
inline constexpr tapeless::var<"x4"> x4;
inline constexpr tapeless::var<"x5"> x5;
inline constexpr tapeless::var<"x6"> x6;
inline constexpr tapeless::var<"x7"> x7;
inline constexpr tapeless::var<"x8"> x8;
inline constexpr tapeless::var<"x9"> x9;

struct result {
  double value = 0;
  std::array<double, nvars> grad{};
};

// All ten variables are bound even where the expression uses fewer: their partials must be 0.
template <class E>
result tapeless_eval(const E& f, const double* p) {
  const auto r = tapeless::value_and_grad(
      f, tapeless::at(x0 = p[0], x1 = p[1], x2 = p[2], x3 = p[3], x4 = p[4], x5 = p[5],
                      x6 = p[6], x7 = p[7], x8 = p[8], x9 = p[9]));
  return {r.value,
          {r.grad[x0], r.grad[x1], r.grad[x2], r.grad[x3], r.grad[x4], r.grad[x5], r.grad[x6],
           r.grad[x7], r.grad[x8], r.grad[x9]}};
}

// ---------------------------------------------------------------------------------------------
// mag: value in long double, A = a bound on how much rounding errors of the inputs and of every
// operation can be amplified into the value (|x| for a variable; A(a+b) = A(a) + A(b),
// A(ab) = A(a)|b| + |a|A(b), A(f(a)) = |f(a)| + |f'(a)| A(a)), and m[i] = the sum over all
// paths from x_i to the root of the product of the *absolute values* of the local partials.
// m[i] bounds the terms whose sum is the gradient: an AD result can only be expected to agree
// with another to a small multiple of u·m[i], however small the gradient itself is after
// cancellation. Local partials of functions are central differences in long double: they only
// set a scale, so a relative error of 1e-10 does not matter, and they depend on no AD tool.
struct mag {
  ld v = 0;
  ld a = 0;
  std::array<ld, nvars> m{};
  // d[i]: how much the errors of the *values* feeding the local partials (bounded by A) can move
  // the partials along the paths from x_i: sum of |second partial| · A(argument) · m(argument).
  // A partial computed from an inaccurate value (ln of a hypot(tiny, 1), sin' at 343) is as
  // inaccurate as that value, however well the first-order sum m is conditioned.
  std::array<ld, nvars> d{};
  mag() = default;
  explicit mag(double c) : v(c), a(std::fabs(static_cast<ld>(c))) {}
};

inline mag combine(ld v, ld a, const mag& x, ld dx, ld dxx) {
  mag r;
  r.v = v;
  r.a = a;
  for (std::size_t i = 0; i < nvars; ++i) {
    r.m[i] = std::fabs(dx) * x.m[i];
    r.d[i] = std::fabs(dx) * x.d[i] + std::fabs(dxx) * x.a * x.m[i];
  }
  return r;
}
inline mag combine(ld v, ld a, const mag& x, ld dx, const mag& y, ld dy, ld dxx = 0, ld dxy = 0,
                   ld dyy = 0) {
  mag r;
  r.v = v;
  r.a = a;
  for (std::size_t i = 0; i < nvars; ++i) {
    r.m[i] = std::fabs(dx) * x.m[i] + std::fabs(dy) * y.m[i];
    r.d[i] = std::fabs(dx) * x.d[i] + std::fabs(dy) * y.d[i] +
             (std::fabs(dxx) * x.a + std::fabs(dxy) * y.a) * x.m[i] +
             (std::fabs(dxy) * x.a + std::fabs(dyy) * y.a) * y.m[i];
  }
  return r;
}
inline ld fd_step(ld v) { return 1e-7L * (1 + std::fabs(v)); }
inline ld fd_step2(ld v) { return 1e-5L * (1 + std::fabs(v)); }

template <class F>
mag apply1(const mag& x, F f) {
  const ld v = f(x.v), h = fd_step(x.v), h2 = fd_step2(x.v);
  const ld d = (f(x.v + h) - f(x.v - h)) / (2 * h);
  const ld dd = (f(x.v + h2) - 2 * v + f(x.v - h2)) / (h2 * h2);
  return combine(v, std::fabs(v) + std::fabs(d) * x.a, x, d, dd);
}
template <class F>
mag apply2(const mag& x, const mag& y, F f) {
  const ld v = f(x.v, y.v), hx = fd_step(x.v), hy = fd_step(y.v);
  const ld dx = (f(x.v + hx, y.v) - f(x.v - hx, y.v)) / (2 * hx);
  const ld dy = (f(x.v, y.v + hy) - f(x.v, y.v - hy)) / (2 * hy);
  const ld kx = fd_step2(x.v), ky = fd_step2(y.v);
  const ld dxx = (f(x.v + kx, y.v) - 2 * v + f(x.v - kx, y.v)) / (kx * kx);
  const ld dyy = (f(x.v, y.v + ky) - 2 * v + f(x.v, y.v - ky)) / (ky * ky);
  const ld dxy = (f(x.v + kx, y.v + ky) - f(x.v + kx, y.v - ky) - f(x.v - kx, y.v + ky) +
                  f(x.v - kx, y.v - ky)) /
                 (4 * kx * ky);
  return combine(v, std::fabs(v) + std::fabs(dx) * x.a + std::fabs(dy) * y.a, x, dx, y, dy, dxx,
                 dxy, dyy);
}

inline mag operator+(const mag& x, const mag& y) {
  return combine(x.v + y.v, x.a + y.a, x, 1, y, 1);
}
inline mag operator-(const mag& x, const mag& y) {
  return combine(x.v - y.v, x.a + y.a, x, 1, y, 1);
}
inline mag operator-(const mag& x) { return combine(-x.v, x.a, x, 1, 0); }
inline mag operator*(const mag& x, const mag& y) {
  return combine(x.v * y.v, x.a * std::fabs(y.v) + std::fabs(x.v) * y.a, x, y.v, y, x.v, 0, 1, 0);
}
inline mag operator/(const mag& x, const mag& y) {
  const ld q = x.v / y.v;
  return combine(q, x.a / std::fabs(y.v) + std::fabs(q / y.v) * y.a, x, 1 / y.v, y, q / y.v, 0,
                 1 / (y.v * y.v), 2 * q / (y.v * y.v));
}

// ---------------------------------------------------------------------------------------------
// The generic formula calls g::name(...) for every function, so that one spelling serves long
// double, adouble and mag. Functions ADOL-C 2.7 lacks are built from its primitives where the
// composition is accurate (sigmoid = 1/(1 + e^-x) on the bounded arguments the generator
// produces), and otherwise by `lin`: the libm value plus the textbook derivative times
// (a - value(a)), which is exactly the libm value with exactly that derivative (the tape is
// recorded anew at every point, so a linearisation at the point is all ADOL-C needs).
namespace adolc_calls {
#define FUZZ_ADOLC_UNARY(name) \
  inline adouble call_##name(const adouble& a) { return name(a); }
FUZZ_ADOLC_UNARY(sin)
FUZZ_ADOLC_UNARY(cos)
FUZZ_ADOLC_UNARY(tan)
FUZZ_ADOLC_UNARY(asin)
FUZZ_ADOLC_UNARY(acos)
FUZZ_ADOLC_UNARY(atan)
FUZZ_ADOLC_UNARY(asinh)
FUZZ_ADOLC_UNARY(acosh)
FUZZ_ADOLC_UNARY(atanh)
FUZZ_ADOLC_UNARY(exp)
FUZZ_ADOLC_UNARY(log)
FUZZ_ADOLC_UNARY(log10)
FUZZ_ADOLC_UNARY(sqrt)
FUZZ_ADOLC_UNARY(erf)
FUZZ_ADOLC_UNARY(fabs)
#undef FUZZ_ADOLC_UNARY
inline adouble call_pow(const adouble& a, const adouble& b) { return pow(a, b); }
inline adouble call_pow(const adouble& a, double b) { return pow(a, b); }
inline adouble call_pow(double a, const adouble& b) { return pow(a, b); }
}  // namespace adolc_calls

namespace g {

inline constexpr double ln2 = 0.693147180559945309417232121458176568;
inline constexpr double two_over_sqrt_pi = 1.12837916709551257389615890312154517;

inline ld V(ld a) { return a; }
inline ld V(const mag& a) { return a.v; }
inline ld V(const adouble& a) { return a.getValue(); }

inline adouble lin(const adouble& a, double value, double derivative) {
  return value + derivative * (a - a.getValue());
}

// select: the branch is chosen on the value, as tapeless does; for adouble the tape is recorded
// at the point, so only the taken branch reaches the gradient.
// ADOL-C's operators return `adub` temporaries, which cannot be copied: the templates below take
// any argument type and work in P<A>, adouble for anything ADOL-C returns.
template <class A>
using P = std::conditional_t<std::is_base_of_v<badouble, A>, adouble, A>;

// select: the branch is chosen on the value, as tapeless does; for adouble the tape is recorded
// at the point, so only the taken branch reaches the gradient.
template <class A, class B>
P<A> sel(bool c, const A& a, const B& b) {
  using T = P<A>;
  if (c) return T(a);
  return T(b);
}

#define FUZZ_STD_UNARY(name)                                                        \
  inline ld name(ld a) { return std::name(a); }                                    \
  inline mag name(const mag& a) { return apply1(a, [](ld t) { return std::name(t); }); }
#define FUZZ_ADOLC_UNARY(name) \
  inline adouble name(const adouble& a) { return adolc_calls::call_##name(a); }
#define FUZZ_BOTH(name) FUZZ_STD_UNARY(name) FUZZ_ADOLC_UNARY(name)
FUZZ_BOTH(sin)
FUZZ_BOTH(cos)
FUZZ_BOTH(tan)
FUZZ_BOTH(asin)
FUZZ_BOTH(acos)
FUZZ_BOTH(atan)
FUZZ_STD_UNARY(sinh)
FUZZ_STD_UNARY(cosh)
FUZZ_STD_UNARY(tanh)
FUZZ_BOTH(asinh)
FUZZ_BOTH(acosh)
FUZZ_BOTH(atanh)
FUZZ_BOTH(exp)
FUZZ_BOTH(log)
FUZZ_BOTH(log10)
FUZZ_BOTH(sqrt)
FUZZ_STD_UNARY(cbrt)
FUZZ_BOTH(erf)
FUZZ_STD_UNARY(exp2)
FUZZ_STD_UNARY(expm1)
FUZZ_STD_UNARY(log2)
FUZZ_STD_UNARY(log1p)
FUZZ_STD_UNARY(erfc)
FUZZ_STD_UNARY(tgamma)
FUZZ_STD_UNARY(lgamma)
#undef FUZZ_BOTH
#undef FUZZ_ADOLC_UNARY
#undef FUZZ_STD_UNARY

// Not in ADOL-C 2.7: exp2 composed (e^(x ln 2) is within a few ulp for |x| <= 3); the others
// linearised, because exp(x) - 1 and 1 - erf(x) would lose the relative accuracy of the value.
inline adouble exp2(const adouble& a) { return adolc_calls::call_exp(a * ln2); }
inline adouble expm1(const adouble& a) {
  const double v = a.getValue();
  return lin(a, std::expm1(v), std::exp(v));
}
// ADOL-C 2.7.2 computes sinh, tanh and the derivative of cosh from exponentials: relative
// errors of 1e-4 near 0 (sinh(3.3e-13); cosh'(2.3e-10) off by 5e-7; found by this test).
// Linearised with the libm values.
inline adouble cosh(const adouble& a) {
  const double v = a.getValue();
  return lin(a, std::cosh(v), std::sinh(v));
}
inline adouble sinh(const adouble& a) {
  const double v = a.getValue();
  return lin(a, std::sinh(v), std::cosh(v));
}
inline adouble tanh(const adouble& a) {
  const double v = a.getValue(), c = std::cosh(v);
  return lin(a, std::tanh(v), 1 / (c * c));
}
// ADOL-C 2.7.2 declares cbrt, but its forward sweep lacks the operation ("no such operation
// 147", a fatal error): linearised.
inline adouble cbrt(const adouble& a) {
  const double v = a.getValue(), y = std::cbrt(v);
  return lin(a, y, 1 / (3 * y * y));
}
inline adouble log2(const adouble& a) { return adolc_calls::call_log(a) / ln2; }
inline adouble log1p(const adouble& a) {
  const double v = a.getValue();
  return lin(a, std::log1p(v), 1 / (1 + v));
}
inline adouble erfc(const adouble& a) {
  const double v = a.getValue();
  return lin(a, std::erfc(v), -two_over_sqrt_pi * std::exp(-v * v));
}
// Γ' = Γ ψ, (ln Γ)' = ψ: the digamma function from Boost.Math, not from tapeless.
inline adouble tgamma(const adouble& a) {
  const double v = a.getValue();
  return lin(a, std::tgamma(v), std::tgamma(v) * boost::math::digamma(v));
}
inline adouble lgamma(const adouble& a) {
  const double v = a.getValue();
  return lin(a, std::lgamma(v), boost::math::digamma(v));
}

inline ld abs(ld a) { return std::fabs(a); }
inline mag abs(const mag& a) { return apply1(a, [](ld t) { return std::fabs(t); }); }
inline adouble abs(const adouble& a) { return adolc_calls::call_fabs(a); }

template <class A>
P<A> square(const A& a) {
  const P<A> t(a);
  return t * t;
}
template <class A>
P<A> cube(const A& a) {
  const P<A> t(a);
  return t * t * t;
}
template <int N, class A>
P<A> pown(const A& a) {
  const P<A> t(a);  // once: an adouble made from an adub takes over its location
  P<A> r(t);
  for (int i = 1; i < N; ++i) r = r * t;
  return r;
}

inline ld sigmoid(ld a) { return 1 / (1 + std::exp(-a)); }
inline mag sigmoid(const mag& a) { return apply1(a, [](ld t) { return sigmoid(t); }); }
inline adouble sigmoid(const adouble& a) { return 1.0 / (1.0 + adolc_calls::call_exp(-a)); }

inline ld softplus(ld a) { return std::log1p(std::exp(a)); }
inline mag softplus(const mag& a) { return apply1(a, [](ld t) { return softplus(t); }); }
inline adouble softplus(const adouble& a) { return log1p(adolc_calls::call_exp(a)); }

inline ld relu(ld a) { return a > 0 ? a : 0; }
inline mag relu(const mag& a) { return a.v > 0 ? a : mag(0.0); }
inline adouble relu(const adouble& a) { return a.getValue() > 0 ? a : adouble(0.0); }

inline ld pow(ld a, ld b) { return std::pow(a, b); }
inline mag pow(const mag& a, const mag& b) {
  return apply2(a, b, [](ld s, ld t) { return std::pow(s, t); });
}
inline adouble pow(const adouble& a, const adouble& b) { return adolc_calls::call_pow(a, b); }

inline ld atan2(ld a, ld b) { return std::atan2(a, b); }
inline mag atan2(const mag& a, const mag& b) {
  return apply2(a, b, [](ld s, ld t) { return std::atan2(s, t); });
}
// ADOL-C 2.7.2's atan2(+0, x < 0) is -pi, not pi (libm, tapeless): a jump of 2 pi where a relu
// or select makes the first argument exactly 0 (found by this test). Linearised with libm's value
// and the partials x/(x² + y²), -y/(x² + y²).
inline adouble atan2(const adouble& a, const adouble& b) {
  const double y = a.getValue(), x = b.getValue(), r2 = x * x + y * y;
  return std::atan2(y, x) + (x / r2) * (a - y) - (y / r2) * (b - x);
}

inline ld hypot(ld a, ld b) { return std::hypot(a, b); }
inline mag hypot(const mag& a, const mag& b) {
  return apply2(a, b, [](ld s, ld t) { return std::hypot(s, t); });
}
inline adouble hypot(const adouble& a, const adouble& b) {
  return adolc_calls::call_sqrt(a * a + b * b);
}
template <class A, class B, class C>
P<A> hypot(const A& a0, const B& b0, const C& c0) {
  using T = P<A>;
  const T a(a0), b(b0), c(c0);
  if constexpr (std::is_same_v<T, adouble>) {
    return adolc_calls::call_sqrt(a * a + b * b + c * c);
  } else {
    return hypot(hypot(a, b), c);
  }
}

inline ld fmin(ld a, ld b) { return std::fmin(a, b); }
inline ld fmax(ld a, ld b) { return std::fmax(a, b); }
inline mag fmin(const mag& a, const mag& b) { return a.v <= b.v ? a : b; }
inline mag fmax(const mag& a, const mag& b) { return a.v >= b.v ? a : b; }
// ADOL-C's own fmin/fmax take a tie between two equal values (min(e, e') where e and e' are
// the same computation) as an error; the tape is recorded at the point, so choose on values.
inline adouble fmin(const adouble& a, const adouble& b) { return a.getValue() <= b.getValue() ? a : b; }
inline adouble fmax(const adouble& a, const adouble& b) { return a.getValue() >= b.getValue() ? a : b; }

// copysign(a, b) = ±a: the sign decided on the values, the derivative ±1 for a, 0 for b.
template <class A, class B>
P<A> copysign(const A& a0, const B& b0) {
  using T = P<A>;
  const T a(a0), b(b0);
  if (std::signbit(static_cast<double>(V(a))) == std::signbit(static_cast<double>(V(b)))) return a;
  return -a;
}

template <class A, class B, class C>
P<A> fma(const A& a0, const B& b0, const C& c0) {
  using T = P<A>;
  const T a(a0), b(b0), c(c0);
  return a * b + c;
}

template <class A, class B>
P<A> log_sum_exp(const A& a0, const B& b0) {
  using T = P<A>;
  const T a(a0), b(b0);
  return log(exp(a) + exp(b));
}
template <class A, class B, class C>
P<A> log_sum_exp(const A& a0, const B& b0, const C& c0) {
  using T = P<A>;
  const T a(a0), b(b0), c(c0);
  return log(exp(a) + exp(b) + exp(c));
}

}  // namespace g

// ---------------------------------------------------------------------------------------------
// The comparisons; README.md explains the rules.
struct options {
  int points = 4;
  std::uint64_t seed = 1;
  bool verbose = false;
  int only = -1;  // run this expression only (to reproduce a failure)
};

inline options parse(int argc, char** argv) {
  options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--points") == 0) o.points = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--seed") == 0) o.seed = std::strtoull(argv[i + 1], nullptr, 10);
    if (std::strcmp(argv[i], "--verbose") == 0) o.verbose = std::atoi(argv[i + 1]) != 0;
    if (std::strcmp(argv[i], "--only") == 0) o.only = std::atoi(argv[i + 1]);
  }
  return o;
}

inline constexpr double tol_ad = 1e-12;  // tapeless against ADOL-C and long double: values, gradients
inline constexpr double tol_fd = 1e-8;   // tapeless against extrapolated finite differences
inline constexpr double tol_fd_rounding = 1e-13;  // ... and their rounding error, relative to A

struct runner {
  options opt;
  long expressions = 0, points = 0, components = 0, fd_compared = 0, fd_skipped = 0,
       ill_conditioned = 0, failures = 0, failed_expressions = 0, expression_failures = 0;

  runner(int argc, char** argv) : opt(parse(argc, argv)) {}

  void fail(const char* id, int point, const char* what, std::size_t i, double got, ld want, ld tol,
            const double* p) {
    ++failures;
    if (++expression_failures > 30) return;
    std::printf("FAIL %s point %d: %s[%zu] tapeless %.17g, reference %.17Lg, |diff| %.3Lg > tol %.3Lg\n  at",
                id, point, what, i, got, want, std::fabs(static_cast<ld>(got) - want), tol);
    for (std::size_t k = 0; k < nvars; ++k) std::printf(" %.17g", p[k]);
    std::printf("\n");
  }

  template <class TL, class GL, class GA, class GM>
  void run(const char* id, int index, TL tl, GL gl, GA ga, GM gm) {
    if (opt.only >= 0 && index != opt.only) return;
    ++expressions;
    expression_failures = 0;
    if (opt.verbose) std::printf("%s\n", id), std::fflush(stdout);
    std::mt19937_64 rng(opt.seed * 1000003u + static_cast<std::uint64_t>(index));
    std::uniform_real_distribution<double> dist(-2.0, 2.0);
    for (int pt = 0; pt < opt.points; ++pt) {
      ++points;
      double p[nvars];
      for (double& v : p) v = dist(rng);

      const result t = tl(p);

      // ADOL-C: trace at this very point (select and copysign branch on values), then reverse.
      double adolc_value = 0;
      double adolc_grad[nvars] = {};
      {
        trace_on(1);
        adouble ax[nvars];
        for (std::size_t k = 0; k < nvars; ++k) ax[k] <<= p[k];
        adouble ay = ga(ax);
        ay >>= adolc_value;
        trace_off();
        gradient(1, static_cast<int>(nvars), p, adolc_grad);
      }

      ld lp[nvars];
      mag mp[nvars];
      for (std::size_t k = 0; k < nvars; ++k) {
        lp[k] = p[k];
        mp[k] = mag(p[k]);
        mp[k].m[k] = 1;
      }
      const ld lvalue = gl(lp);
      const mag m = gm(mp);

      const ld vtol = tol_ad * m.a;
      if (!(std::fabs(t.value - static_cast<ld>(adolc_value)) <= vtol))
        fail(id, pt, "value vs ADOL-C", 0, t.value, adolc_value, vtol, p);
      if (!(std::fabs(t.value - lvalue) <= vtol))
        fail(id, pt, "value vs long double", 0, t.value, lvalue, vtol, p);

      for (std::size_t k = 0; k < nvars; ++k) {
        ++components;
        const ld gtol = tol_ad * (m.m[k] + m.d[k]);
        if (!(std::fabs(t.grad[k] - static_cast<ld>(adolc_grad[k])) <= gtol))
          fail(id, pt, "grad vs ADOL-C", k, t.grad[k], adolc_grad[k], gtol, p);
        if (std::fabs(static_cast<ld>(adolc_grad[k])) < 1e-6L * m.m[k]) ++ill_conditioned;
        if (m.m[k] == 0) continue;

        // Central differences in long double, extrapolated twice (error O(h^6)), at h and h/2;
        // where the two disagree the step straddles a kink or select: not compared.
        auto central = [&](ld h) {
          ld q[nvars];
          for (std::size_t j = 0; j < nvars; ++j) q[j] = lp[j];
          q[k] = lp[k] + h;
          const ld up = gl(q);
          q[k] = lp[k] - h;
          return (up - gl(q)) / (2 * h);
        };
        const ld h = 1.0L / 256;
        const ld d1 = central(h), d2 = central(h / 2), d3 = central(h / 4), d4 = central(h / 8);
        const ld r1 = (4 * d2 - d1) / 3, r2 = (4 * d3 - d2) / 3, r3 = (4 * d4 - d3) / 3;
        const ld s1 = (16 * r2 - r1) / 15, s2 = (16 * r3 - r2) / 15;
        // plus the rounding of the differences: about u_L·A/h, u_L = 2^-64, h >= 2^-11
        const ld ftol = tol_fd * m.m[k] + tol_fd_rounding * m.a;
        if (!(std::fabs(s1 - s2) <= 0.1L * ftol)) {
          ++fd_skipped;
          continue;
        }
        ++fd_compared;
        if (!(std::fabs(t.grad[k] - s2) <= ftol))
          fail(id, pt, "grad vs finite differences", k, t.grad[k], s2, ftol, p);
      }
    }
    if (expression_failures > 0) ++failed_expressions;
  }

  int finish() const {
    std::printf(
        "fuzz: %ld expressions, %ld points, %ld gradient components compared with ADOL-C "
        "(%ld ill-conditioned: |g| < 1e-6 m), %ld with finite differences (%ld skipped: kink "
        "or select within the step), %ld failures in %ld expressions\n",
        expressions, points, components, ill_conditioned, fd_compared, fd_skipped, failures,
        failed_expressions);
    return failures == 0 ? 0 : 1;
  }
};

}  // namespace fuzz
