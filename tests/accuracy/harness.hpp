// Accuracy harness: measures tapeless::detail::cx functions (and anything else callable at run
// time) in ulps against MPFR's correctly rounded results, so that every accuracy claim in
// docs/accuracy.md comes from one reproducible, deterministic measurement.
//
// API (everything in namespace accuracy; include this header, link mpfr and gmp):
//
//   Suites.  Each .cpp registers one or more suites; tests/accuracy/main.cpp runs them all:
//     ACCURACY_SUITE(my_functions) {          // `cfg` (const config&) is in scope
//       check_unary<double>("erf", [](auto x) { return cx::erf(x); }, mpfr_erf,
//                           mix<double>({uniform<double>(-6, 6), log_uniform<double>(1e-300, 1e3)}),
//                           cfg.points<double>(), 2.0, {0.0, -0.0, 1e-310});
//     }
//   config::points<T>() is the sample size for T (long double gets a tenth);
//   config::full is true for the full sweep (docs/accuracy.md), false under `meson test`.
//
//   Checks (each appends a row to the registry and returns it):
//     check_unary<T>(name, f, ref, sampler, n, max_ulp_bound, hard_points = {})
//     check_binary<T>(name, f, ref, sampler2, n, bound, hard_points2 = {})
//     check_ternary<T>(name, f, ref, sampler3, n, bound, hard_points3 = {})
//   f: callable T(T) / T(T, T) / T(T, T, T), evaluated at run time.
//   ref: an MPFR function (mpfr_sin, mpfr_atan2, ...) or any callable with the same shape,
//     int(mpfr_ptr rop, mpfr_srcptr x[, y[, z]], mpfr_rnd_t), returning the ternary value and
//     rounding to rop's precision (set to digits<T> by the harness).  It runs with MPFR's default
//     (wide) exponent range; the harness then rounds the result into T's range, gradual
//     underflow included (mpfr_check_range + mpfr_subnormalize), so the reference is the
//     correctly rounded T result.  For functions with an extra output (mpfr_lgamma's sign) wrap
//     it in a lambda.
//   sampler: callable T(rng&); sampler2: std::array<T, 2>(rng&); sampler3: std::array<T, 3>(rng&).
//     hard points are checked in addition to the n random ones.
//   bound: the row fails if the maximum distance exceeds it; pass no_bound to only report.
//
//   Distance (ulp_distance): the number of representable T values between the result and the
//   correctly rounded reference (0: correctly rounded, 1: faithful).  NaN vs NaN is 0; NaN vs a
//   number, inf vs a different value, or zeros of different signs are reported as infinity.
//
//   Special values: expect_identical<T>(name, what, got, want) records a failure unless got and
//   want are the same bit for bit up to the NaN payload (so -0 != +0).  Failures make the
//   program fail and are listed after the table.
//
//   Samplers (all deterministic given the rng's seed):
//     uniform<T>(a, b)                  uniform in [a, b]
//     log_uniform<T>(lo, hi, signs)     |x| log-uniform in [lo, hi] (lo > 0); signs: both_signs
//                                       (default) or positive_only
//     near<T>(c, rel)                   c (1 + d), |d| log-uniform in [2^-p, rel]: near zeros,
//                                       poles, domain boundaries
//     subnormal<T>(signs)               random subnormals
//     bit_patterns<T>(signs)            random finite values, every exponent equally likely
//     mix<T>({s1, s2, ...})             one of the samplers, chosen uniformly per point
//     pairs<T>(sx, sy), triples<T>(sx, sy, sz)   independent arguments for binary/ternary
//     special_values<T>()               ±0, ±inf, NaN, ±min, ±denorm_min, ±max, ±1 (hard points)
//
//   Output: print_markdown(std::ostream&) writes the table; all_within_bounds() is the verdict.
//
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <mpfr.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <initializer_list>
#include <limits>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace accuracy {

// ---------------------------------------------------------------------------
// Deterministic random numbers (splitmix64): the same sample on every machine.
// ---------------------------------------------------------------------------
struct rng {
  std::uint64_t state = 0x5EED'0F'ACC'0000ULL;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // [0, 1) with 64 random bits (enough for long double).
  long double unit() { return std::ldexp(static_cast<long double>(next()), -64); }
  int integer(int lo, int hi) {  // [lo, hi]
    return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool coin() { return (next() >> 63) != 0; }
};

template <class T>
inline constexpr int digits = std::numeric_limits<T>::digits;

template <class T>
const char* type_name() {
  if constexpr (std::is_same_v<T, float>) return "float";
  else if constexpr (std::is_same_v<T, double>) return "double";
  else return "long double";
}

inline constexpr double no_bound = std::numeric_limits<double>::infinity();

// ---------------------------------------------------------------------------
// Samplers.
// ---------------------------------------------------------------------------
template <class T>
using sampler = std::function<T(rng&)>;
template <class T>
using sampler2 = std::function<std::array<T, 2>(rng&)>;
template <class T>
using sampler3 = std::function<std::array<T, 3>(rng&)>;

enum signs { both_signs, positive_only };

template <class T>
sampler<T> uniform(long double a, long double b) {
  return [a, b](rng& g) {
    const T x = static_cast<T>(a + (b - a) * g.unit());
    return std::clamp(x, static_cast<T>(a), static_cast<T>(b));
  };
}

template <class T>
sampler<T> log_uniform(long double lo, long double hi, signs s = both_signs) {
  const long double la = std::log(lo);
  const long double lb = std::log(hi);
  return [=](rng& g) {
    T x = static_cast<T>(std::exp(la + (lb - la) * g.unit()));
    x = std::clamp(x, static_cast<T>(lo), static_cast<T>(hi));
    return (s == both_signs && g.coin()) ? -x : x;
  };
}

template <class T>
sampler<T> near(long double c, long double rel) {
  const long double lo = std::log(std::ldexp(1.0L, -digits<T>));
  const long double hi = std::log(rel);
  return [=](rng& g) {
    long double d = std::exp(lo + (hi - lo) * g.unit());
    if (g.coin()) d = -d;
    return static_cast<T>(c + c * d);
  };
}

template <class T>
sampler<T> subnormal(signs s = both_signs) {
  return [s](rng& g) {
    const long double m = static_cast<long double>(g.next() >> (64 - (digits<T> - 1)));
    T x = static_cast<T>(m * std::numeric_limits<T>::denorm_min());
    if (x == 0) x = std::numeric_limits<T>::denorm_min();
    return (s == both_signs && g.coin()) ? -x : x;
  };
}

template <class T>
sampler<T> bit_patterns(signs s = both_signs) {
  return [s](rng& g) {
    const int e = g.integer(std::numeric_limits<T>::min_exponent - 1, std::numeric_limits<T>::max_exponent - 1);
    const long double frac = g.unit();  // mantissa bits: rounding to T keeps the top p - 1
    T x = static_cast<T>(std::ldexp(static_cast<T>(1 + frac * (1 - std::ldexp(1.0L, -digits<T>))), e));
    if (!std::isfinite(x)) x = std::numeric_limits<T>::max();
    return (s == both_signs && g.coin()) ? -x : x;
  };
}

template <class T>
sampler<T> mix(std::vector<sampler<T>> parts) {
  return [parts = std::move(parts)](rng& g) {
    return parts[static_cast<std::size_t>(g.next() % parts.size())](g);
  };
}

template <class T>
sampler2<T> pairs(sampler<T> sx, sampler<T> sy) {
  return [=](rng& g) {
    const T x = sx(g);
    return std::array<T, 2>{x, sy(g)};
  };
}

template <class T>
sampler3<T> triples(sampler<T> sx, sampler<T> sy, sampler<T> sz) {
  return [=](rng& g) {
    const T x = sx(g);
    const T y = sy(g);
    return std::array<T, 3>{x, y, sz(g)};
  };
}

template <class T>
std::vector<T> special_values() {
  using L = std::numeric_limits<T>;
  std::vector<T> v;
  for (T s : {T(1), T(-1)}) {
    for (T x : {T(0), L::infinity(), L::min(), L::denorm_min(), L::max(), T(1)}) v.push_back(s * x);
  }
  v.push_back(L::quiet_NaN());
  return v;
}

// ---------------------------------------------------------------------------
// MPFR reference, correctly rounded to T (range and gradual underflow included).
// ---------------------------------------------------------------------------
inline void set_mpfr(mpfr_t m, float x) { mpfr_set_flt(m, x, MPFR_RNDN); }
inline void set_mpfr(mpfr_t m, double x) { mpfr_set_d(m, x, MPFR_RNDN); }
inline void set_mpfr(mpfr_t m, long double x) { mpfr_set_ld(m, x, MPFR_RNDN); }

template <class T>
T get_mpfr(mpfr_t m) {
  if constexpr (std::is_same_v<T, float>) return mpfr_get_flt(m, MPFR_RNDN);
  else if constexpr (std::is_same_v<T, double>) return mpfr_get_d(m, MPFR_RNDN);
  else return mpfr_get_ld(m, MPFR_RNDN);
}

// rop (precision digits<T>, computed in the default exponent range with ternary value inex)
// rounded into T's exponent range: MPFR's exponent e means m 2^e with m in [1/2, 1).
template <class T>
T round_to_format(mpfr_t rop, int inex) {
  const mpfr_exp_t old_min = mpfr_get_emin();
  const mpfr_exp_t old_max = mpfr_get_emax();
  mpfr_set_emin(std::numeric_limits<T>::min_exponent - digits<T> + 1);
  mpfr_set_emax(std::numeric_limits<T>::max_exponent);
  inex = mpfr_check_range(rop, inex, MPFR_RNDN);
  mpfr_subnormalize(rop, inex, MPFR_RNDN);
  const T r = get_mpfr<T>(rop);
  mpfr_set_emin(old_min);
  mpfr_set_emax(old_max);
  return r;
}

template <class T, class Ref, class... Args>
T reference(Ref&& ref, Args... args) {
  mpfr_t rop;
  mpfr_t in[sizeof...(Args)];
  mpfr_init2(rop, digits<T>);
  for (auto& m : in) mpfr_init2(m, digits<T>);
  {
    std::size_t i = 0;
    ((set_mpfr(in[i++], args)), ...);
  }
  mpfr_clear_flags();
  int inex = 0;
  if constexpr (sizeof...(Args) == 1) inex = ref(rop, in[0], MPFR_RNDN);
  else if constexpr (sizeof...(Args) == 2) inex = ref(rop, in[0], in[1], MPFR_RNDN);
  else inex = ref(rop, in[0], in[1], in[2], MPFR_RNDN);
  const T r = round_to_format<T>(rop, inex);
  mpfr_clear(rop);
  for (auto& m : in) mpfr_clear(m);
  return r;
}

// ---------------------------------------------------------------------------
// Distance in ulps.
// ---------------------------------------------------------------------------
__extension__ typedef __int128 ordinal_t;  // x87 needs 64 + 15 bits

// Position of x among the finite T values (0 for ±0, monotonic, symmetric in sign);
// infinity is one past the largest finite value.
template <class T>
ordinal_t ordinal(T x) {
  using L = std::numeric_limits<T>;
  const bool neg = std::signbit(x);
  const T a = std::fabs(x);
  ordinal_t r;
  const ordinal_t half = ordinal_t{1} << (digits<T> - 1);
  if (std::isinf(a)) {
    r = ordinal(L::max()) + 1;
  } else if (a < L::min()) {
    r = static_cast<ordinal_t>(static_cast<std::uint64_t>(a / L::denorm_min()));
  } else {
    int e = 0;
    const T m = std::frexp(a, &e);  // a = m 2^e, m in [1/2, 1)
    const auto mant = static_cast<std::uint64_t>(std::ldexp(m, digits<T>));  // in [2^(p-1), 2^p)
    r = static_cast<ordinal_t>(e - L::min_exponent + 1) * half + static_cast<ordinal_t>(mant) - half;
  }
  return neg ? -r : r;
}

template <class T>
double ulp_distance(T got, T want) {
  const double huge = std::numeric_limits<double>::infinity();
  if (std::isnan(want) || std::isnan(got)) return (std::isnan(want) && std::isnan(got)) ? 0.0 : huge;
  if (std::isinf(want) || std::isinf(got)) return got == want ? 0.0 : huge;
  if (got == 0 && want == 0) return std::signbit(got) == std::signbit(want) ? 0.0 : huge;
  const ordinal_t d = ordinal(got) - ordinal(want);
  return static_cast<double>(d < 0 ? -d : d);
}

// ---------------------------------------------------------------------------
// Registry of results.
// ---------------------------------------------------------------------------
struct row {
  std::string name;
  std::string type;
  long long points = 0;
  double max_ulp = 0;
  double bound = no_bound;
  std::string worst_x;  // arguments of the worst point, with the result and the reference
  bool ok() const { return max_ulp <= bound; }
};

struct registry_t {
  std::vector<row> rows;
  std::vector<std::string> failures;  // special-value mismatches
};

inline registry_t& registry() {
  static registry_t r;
  return r;
}

template <class T>
std::string to_string(T x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*Lg", std::numeric_limits<T>::max_digits10, static_cast<long double>(x));
  return buf;
}

template <class T>
void expect_identical(const std::string& name, const std::string& what, T got, T want) {
  const bool same = (std::isnan(got) && std::isnan(want)) ||
                    (got == want && std::signbit(got) == std::signbit(want));
  if (!same) {
    registry().failures.push_back(name + " (" + type_name<T>() + "): " + what + " = " + to_string(got) +
                                  ", expected " + to_string(want));
  }
}

inline std::uint64_t fnv1a(const std::string& s) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ULL;
  return h;
}

template <class T, std::size_t N, class F, class Ref>
row check_n(const std::string& name, F&& f, Ref&& ref, const std::function<std::array<T, N>(rng&)>& sample,
            long long n, double bound, const std::vector<std::array<T, N>>& hard) {
  row r{name, type_name<T>(), 0, 0.0, bound, ""};
  rng g{0x5EED'0F'ACC'0000ULL ^ fnv1a(name + type_name<T>())};  // same sample on every platform
  auto one = [&](const std::array<T, N>& a) {
    T got;
    T want;
    if constexpr (N == 1) {
      got = f(a[0]);
      want = reference<T>(ref, a[0]);
    } else if constexpr (N == 2) {
      got = f(a[0], a[1]);
      want = reference<T>(ref, a[0], a[1]);
    } else {
      got = f(a[0], a[1], a[2]);
      want = reference<T>(ref, a[0], a[1], a[2]);
    }
    const double d = ulp_distance(got, want);
    ++r.points;
    if (d > r.max_ulp || r.worst_x.empty()) {
      if (d > r.max_ulp) r.max_ulp = d;
      std::string s;
      for (std::size_t i = 0; i < N; ++i) s += (i ? ", " : "") + to_string(a[i]);
      r.worst_x = s + " -> " + to_string(got) + " (MPFR " + to_string(want) + ")";
    }
  };
  for (const auto& a : hard) one(a);
  for (long long i = 0; i < n; ++i) one(sample(g));
  registry().rows.push_back(r);
  return r;
}

template <class T, class F, class Ref>
row check_unary(const std::string& name, F&& f, Ref&& ref, const sampler<T>& s, long long n, double bound,
                const std::vector<T>& hard = {}) {
  std::vector<std::array<T, 1>> h;
  for (T x : hard) h.push_back({x});
  const std::function<std::array<T, 1>(rng&)> s1 = [&s](rng& g) { return std::array<T, 1>{s(g)}; };
  return check_n<T, 1>(name, f, ref, s1, n, bound, h);
}

template <class T, class F, class Ref>
row check_binary(const std::string& name, F&& f, Ref&& ref, const sampler2<T>& s, long long n, double bound,
                 const std::vector<std::array<T, 2>>& hard = {}) {
  return check_n<T, 2>(name, f, ref, s, n, bound, hard);
}

template <class T, class F, class Ref>
row check_ternary(const std::string& name, F&& f, Ref&& ref, const sampler3<T>& s, long long n, double bound,
                  const std::vector<std::array<T, 3>>& hard = {}) {
  return check_n<T, 3>(name, f, ref, s, n, bound, hard);
}

inline bool all_within_bounds() {
  for (const row& r : registry().rows)
    if (!r.ok()) return false;
  return registry().failures.empty();
}

inline std::string ulp_string(double u) {
  if (std::isinf(u)) return "inf";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", u);
  return buf;
}

// One line per function: max ulp for each type, points, then the worst arguments per type.
inline void print_markdown(std::ostream& os) {
  std::vector<std::string> names;
  for (const row& r : registry().rows)
    if (std::find(names.begin(), names.end(), r.name) == names.end()) names.push_back(r.name);
  const char* types[] = {"float", "double", "long double"};
  os << "| function | float max ulp | double max ulp | long double max ulp | points (f / d / ld) | bound |\n";
  os << "|---|---:|---:|---:|---:|---:|\n";
  for (const std::string& n : names) {
    std::string cells[3];
    std::string pts[3];
    std::string bound = "-";
    for (int t = 0; t < 3; ++t) {
      for (const row& r : registry().rows) {
        if (r.name == n && r.type == types[t]) {
          cells[t] = ulp_string(r.max_ulp) + (r.ok() ? "" : " **FAIL**");
          pts[t] = std::to_string(r.points);
          if (t < 2 && !std::isinf(r.bound)) bound = ulp_string(r.bound);
        }
      }
      if (cells[t].empty()) cells[t] = pts[t] = "-";
    }
    os << "| " << n << " | " << cells[0] << " | " << cells[1] << " | " << cells[2] << " | " << pts[0] << " / "
       << pts[1] << " / " << pts[2] << " | " << bound << " |\n";
  }
  bool any = false;
  for (const row& r : registry().rows) {
    if (r.max_ulp == 0) continue;
    if (!any) os << "\nWorst arguments (argument(s) -> result (correctly rounded value)):\n\n";
    any = true;
    os << "- " << r.name << " (" << r.type << ", " << ulp_string(r.max_ulp) << " ulp): " << r.worst_x << "\n";
  }
  if (!any) os << "\nEvery result was correctly rounded at every point measured.\n";
  if (registry().failures.empty()) {
    os << "\nAll special-value checks passed.\n";
  } else {
    os << "\nSpecial-value failures:\n\n";
    for (const std::string& f : registry().failures) os << "- " << f << "\n";
  }
}

// ---------------------------------------------------------------------------
// Suites and their configuration.
// ---------------------------------------------------------------------------
struct config {
  long long n = 10000;  // points per function for float and double
  bool full = false;    // full sweep (docs/accuracy.md) rather than the meson test sample
  template <class T>
  long long points() const {
    return std::is_same_v<T, long double> ? (n + 9) / 10 : n;
  }
};

using suite_fn = void (*)(const config&);

inline std::vector<std::pair<const char*, suite_fn>>& suites() {
  static std::vector<std::pair<const char*, suite_fn>> s;
  return s;
}

struct suite_registrar {
  suite_registrar(const char* name, suite_fn f) { suites().emplace_back(name, f); }
};

}  // namespace accuracy

#define ACCURACY_SUITE(name)                                                               \
  static void accuracy_suite_##name(const ::accuracy::config& cfg);                        \
  static const ::accuracy::suite_registrar accuracy_registrar_##name{#name, accuracy_suite_##name}; \
  static void accuracy_suite_##name([[maybe_unused]] const ::accuracy::config& cfg)
