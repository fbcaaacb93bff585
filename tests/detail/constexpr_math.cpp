// Tests of tapeless/detail/constexpr_math.hpp (cx::) and tapeless/detail/math.hpp.
//
// * accuracy of cx:: at run time against glibc (std::) in ulps, >= 20000 points
//   per function and type plus hard cases; prints a table of the maximum errors;
// * IEEE special values, bit for bit;
// * constant evaluation: correctly rounded literals (computed with mpmath) and
//   compile-time results equal to run-time results;
// * detail::math dispatchers equal std:: bit for bit at run time; ipow, square.
//
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/detail/constexpr_math.hpp>
#include <tapeless/detail/math.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <utility>
#include <vector>

namespace {

namespace cx = tapeless::detail::cx;
namespace dm = tapeless::detail::math;

template <class T>
constexpr int digits = std::numeric_limits<T>::digits;

template <class T>
const char* type_name() {
  if constexpr (std::is_same_v<T, float>) return "float";
  if constexpr (std::is_same_v<T, double>) return "double";
  return "long double";
}

// ---------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------

// Deterministic generator (splitmix64), so that the sample is the same everywhere.
struct rng {
  std::uint64_t s;
  std::uint64_t operator()() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
  }
  int integer(int lo, int hi) {  // [lo, hi]
    return lo + static_cast<int>((*this)() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  template <class T>
  T unit() {  // [0, 1)
    return std::ldexp(static_cast<T>((*this)() >> 11), -53);
  }
  template <class T>
  T uniform(T a, T b) {
    return a + (b - a) * unit<T>();
  }
  // |x| log-uniform in [a, b], a > 0
  template <class T>
  T log_uniform(T a, T b) {
    const long double la = std::log(static_cast<long double>(a));
    const long double lb = std::log(static_cast<long double>(b));
    const T r = static_cast<T>(std::exp(la + (lb - la) * unit<long double>()));
    return r < a ? a : (r > b ? b : r);
  }
  // exponent uniform in [e0, e1], all p-1 mantissa bits random (subnormal if
  // the exponent is below the normal range)
  template <class T>
  T binade(int e0, int e1) {
    const int e = integer(e0, e1);
    T m = 1;
    for (int done = 0; done < digits<T> - 1;) {  // p - 1 random bits, 32 at a time
      const int take = std::min(32, digits<T> - 1 - done);
      done += take;
      m += std::ldexp(static_cast<T>((*this)() >> (64 - take)), -done);
    }
    return std::ldexp(m, e);
  }
  bool coin() { return ((*this)() >> 63) != 0; }
};

// Bitwise equality, NaN == NaN (payloads are not compared), -0 != +0.
template <class T>
bool same(T a, T b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return a == b && std::signbit(a) == std::signbit(b);
}

// Distance between got and the reference in units in the last place.
template <class T>
double ulp_distance(T got, T ref) {
  if (std::isnan(got) || std::isnan(ref)) return (std::isnan(got) && std::isnan(ref)) ? 0.0 : 1e300;
  if (got == ref) return 0.0;
  if constexpr (digits<T> == 24 || digits<T> == 53) {
    // map the bit patterns to integers ordered like the values
    using U = std::conditional_t<digits<T> == 24, std::uint32_t, std::uint64_t>;
    constexpr U sign = U{1} << (sizeof(U) * 8 - 1);
    auto key = [](T v) -> long double {
      const U u = std::bit_cast<U>(v);
      return (u & sign) ? -static_cast<long double>(u & ~sign) : static_cast<long double>(u);
    };
    return static_cast<double>(std::fabs(key(got) - key(ref)));
  } else {
    // |got - ref| / ulp(ref); infinity counts as max + 1 ulp
    constexpr T max = std::numeric_limits<T>::max();
    long double extra = 0;
    if (std::isinf(ref)) {
      ref = std::copysign(max, ref);
      extra += 1;
    }
    if (std::isinf(got)) {
      got = std::copysign(max, got);
      extra += 1;
    }
    int e = 0;
    (void)std::frexp(ref, &e);
    const int q = std::max(e - digits<T>, std::numeric_limits<T>::min_exponent - digits<T>);
    return static_cast<double>(std::fabs(got - ref) / std::ldexp(T(1), q) + extra);
  }
}

// One row of the printed accuracy table.
template <class T>
void report(const char* fn, const char* range, std::size_t points, double max_ulp, T worst_x, T worst_y) {
  static bool header = false;
  if (!header) {
    header = true;
    std::printf("\n%-7s %-12s %-26s %8s %8s  %s\n", "func", "type", "range", "points", "max ulp", "worst input");
  }
  if (worst_y == worst_y)
    std::printf("%-7s %-12s %-26s %8zu %8.3f  %.21Lg, %.21Lg\n", fn, type_name<T>(), range, points, max_ulp,
                static_cast<long double>(worst_x), static_cast<long double>(worst_y));
  else
    std::printf("%-7s %-12s %-26s %8zu %8.3f  %.21Lg\n", fn, type_name<T>(), range, points, max_ulp,
                static_cast<long double>(worst_x));
  std::fflush(stdout);
}

constexpr double max_allowed_ulp = 4.0;

// Compares cx (at run time) with std in ulps, and the dispatcher with std bit
// for bit, at all points.
template <class T, class Cx, class Std, class Dm>
void check_unary(const char* fn, const char* range, const std::vector<T>& xs, Cx cx_f, Std std_f, Dm dm_f) {
  double worst = 0;
  T worst_x = 0;
  std::size_t dispatch_mismatch = 0;
  for (const T x : xs) {
    const T ref = std_f(x);
    const double d = ulp_distance(cx_f(x), ref);
    if (d > worst) {
      worst = d;
      worst_x = x;
    }
    if (!same(dm_f(x), ref)) ++dispatch_mismatch;
  }
  report(fn, range, xs.size(), worst, worst_x, std::numeric_limits<T>::quiet_NaN());
  INFO(fn << "<" << type_name<T>() << "> " << range << ": max ulp " << worst << " at x = " << static_cast<long double>(worst_x));
  CHECK(dispatch_mismatch == 0);
  REQUIRE(worst <= max_allowed_ulp);
}

template <class T>
struct xy {
  T x, y;
};

template <class T>
void check_pow(const char* range, const std::vector<xy<T>>& ps) {
  double worst = 0;
  xy<T> w{0, 0};
  std::size_t dispatch_mismatch = 0;
  for (const auto& p : ps) {
    const T ref = std::pow(p.x, p.y);
    const double d = ulp_distance(cx::pow(p.x, p.y), ref);
    if (d > worst) {
      worst = d;
      w = p;
    }
    if (!same(dm::pow(p.x, p.y), ref)) ++dispatch_mismatch;
  }
  report("pow", range, ps.size(), worst, w.x, w.y);
  INFO("pow<" << type_name<T>() << "> " << range << ": max ulp " << worst << " at " << static_cast<long double>(w.x)
              << ", " << static_cast<long double>(w.y));
  CHECK(dispatch_mismatch == 0);
  REQUIRE(worst <= max_allowed_ulp);
}

// x and its neighbours within k ulps
template <class T>
void push_around(std::vector<T>& v, T x, int k) {
  if (!std::isfinite(x)) return;
  T lo = x, hi = x;
  v.push_back(x);
  for (int i = 0; i < k; ++i) {
    lo = std::nextafter(lo, -std::numeric_limits<T>::infinity());
    hi = std::nextafter(hi, std::numeric_limits<T>::infinity());
    v.push_back(lo);
    v.push_back(hi);
  }
}

constexpr int n_random = 20000;

template <class T>
constexpr int min_e = std::numeric_limits<T>::min_exponent - 1;  // exponent of the smallest normal
template <class T>
constexpr int max_e = std::numeric_limits<T>::max_exponent - 1;  // exponent of the largest finite

template <class T>
void push_powers_of_two(std::vector<T>& v) {
  for (int e = min_e<T> - digits<T> + 1; e <= max_e<T>; ++e) v.push_back(std::ldexp(T(1), e));
}

}  // namespace

// ---------------------------------------------------------------------------
// Accuracy against glibc.
// ---------------------------------------------------------------------------

TEMPLATE_TEST_CASE("cx::sqrt accuracy", "[cx][accuracy]", float, double, long double) {
  using T = TestType;
  rng g{1};
  std::vector<T> xs;
  for (int i = 0; i < n_random; ++i) xs.push_back(g.binade<T>(min_e<T> - digits<T> + 1, max_e<T>));
  push_powers_of_two(xs);
  for (int i = 0; i < 2000; ++i) {  // exact squares and their neighbours
    const T k = static_cast<T>(g.integer(1, 1 << 20));
    push_around(xs, k * k, 1);
  }
  push_around(xs, std::numeric_limits<T>::max(), 3);
  push_around(xs, std::numeric_limits<T>::min(), 3);
  push_around(xs, std::numeric_limits<T>::denorm_min(), 3);
  push_around(xs, T(1), 3);
  push_around(xs, T(4), 3);
  check_unary<T>("sqrt", "[0, max]", xs, [](T x) { return cx::sqrt(x); }, [](T x) { return std::sqrt(x); },
                 [](T x) { return dm::sqrt(x); });
}

TEMPLATE_TEST_CASE("cx::exp accuracy", "[cx][accuracy]", float, double, long double) {
  using T = TestType;
  rng g{2};
  const T ln_max = std::log(std::numeric_limits<T>::max());
  const T ln_min = std::log(std::numeric_limits<T>::min());
  const T ln_tiny = std::log(std::numeric_limits<T>::denorm_min());
  std::vector<T> xs;
  for (int i = 0; i < n_random / 2; ++i) xs.push_back(g.uniform<T>(ln_tiny - 2, ln_max + 2));
  for (int i = 0; i < n_random / 2; ++i) {
    const T x = g.log_uniform<T>(std::ldexp(T(1), -digits<T> - 5), T(2));
    xs.push_back(g.coin() ? -x : x);
  }
  for (int k = -20000; k <= 20000; ++k) xs.push_back(static_cast<T>(k) / 16);
  for (const T c : {ln_max, ln_min, ln_tiny, ln_tiny - std::log(T(2)), ln_tiny + std::log(T(1.5)), ln_min / 2,
                    std::log(T(2)) / 2, -std::log(T(2)) / 2})
    push_around(xs, c, 20);
  push_around(xs, std::ldexp(T(1), -digits<T> - 2), 3);
  push_around(xs, -std::ldexp(T(1), -digits<T> - 2), 3);
  check_unary<T>("exp", "[ln(dmin)-2, ln(max)+2]", xs, [](T x) { return cx::exp(x); },
                 [](T x) { return std::exp(x); }, [](T x) { return dm::exp(x); });
}

TEMPLATE_TEST_CASE("cx::expm1 accuracy", "[cx][accuracy]", float, double, long double) {
  using T = TestType;
  rng g{3};
  const T ln_max = std::log(std::numeric_limits<T>::max());
  const T lo = -static_cast<T>(digits<T> + 8);
  std::vector<T> xs;
  for (int i = 0; i < n_random / 2; ++i) xs.push_back(g.uniform<T>(lo, ln_max + 1));
  for (int i = 0; i < n_random / 2; ++i) {
    const T x = g.log_uniform<T>(std::ldexp(T(1), -digits<T> - 5), T(2));
    xs.push_back(g.coin() ? -x : x);
  }
  for (const T c : {ln_max, std::log(T(2)) / 2, -std::log(T(2)) / 2, std::log(T(2)) * T(1.5),
                    -static_cast<T>(digits<T> + 3) * std::log(T(2)), std::ldexp(T(1), -digits<T> - 1),
                    -std::ldexp(T(1), -digits<T> - 1)})
    push_around(xs, c, 20);
  check_unary<T>("expm1", "[-(p+8), ln(max)+1]", xs, [](T x) { return cx::expm1(x); },
                 [](T x) { return std::expm1(x); }, [](T x) { return dm::expm1(x); });
}

TEMPLATE_TEST_CASE("cx::log accuracy", "[cx][accuracy]", float, double, long double) {
  using T = TestType;
  rng g{4};
  std::vector<T> xs;
  for (int i = 0; i < n_random / 2; ++i) xs.push_back(g.binade<T>(min_e<T> - digits<T> + 1, max_e<T>));
  for (int i = 0; i < n_random / 2; ++i) {  // near 1
    const T d = g.log_uniform<T>(std::ldexp(T(1), -digits<T>), T(0.25));
    xs.push_back(g.coin() ? T(1) - d : T(1) + d);
  }
  push_powers_of_two(xs);
  push_around(xs, T(1), 20);
  push_around(xs, std::sqrt(T(2)), 10);
  push_around(xs, std::sqrt(T(0.5)), 10);
  push_around(xs, std::numeric_limits<T>::max(), 3);
  push_around(xs, std::numeric_limits<T>::min(), 3);
  check_unary<T>("log", "(0, max]", xs, [](T x) { return cx::log(x); }, [](T x) { return std::log(x); },
                 [](T x) { return dm::log(x); });
}

TEMPLATE_TEST_CASE("cx::log1p accuracy", "[cx][accuracy]", float, double, long double) {
  using T = TestType;
  rng g{5};
  const T tiny = std::ldexp(T(1), -digits<T> - 5);
  std::vector<T> xs;
  for (int i = 0; i < n_random / 2; ++i) xs.push_back(g.log_uniform<T>(tiny, std::numeric_limits<T>::max()));
  for (int i = 0; i < n_random / 4; ++i) xs.push_back(-g.log_uniform<T>(tiny, T(1)));
  for (int i = 0; i < n_random / 4; ++i) xs.push_back(T(-1) + g.log_uniform<T>(std::ldexp(T(1), -digits<T>), T(0.5)));
  for (int i = 0; i < 200; ++i) xs.push_back(g.binade<T>(min_e<T> - digits<T> + 1, min_e<T> - 1));
  for (const T c : {std::ldexp(T(1), -digits<T> - 1), -std::ldexp(T(1), -digits<T> - 1), std::sqrt(T(2)) - 1,
                    std::sqrt(T(0.5)) - 1, T(-1), std::numeric_limits<T>::max()})
    push_around(xs, c, 10);
  xs.erase(std::remove_if(xs.begin(), xs.end(), [](T x) { return !(x > -1); }), xs.end());
  check_unary<T>("log1p", "(-1, max]", xs, [](T x) { return cx::log1p(x); }, [](T x) { return std::log1p(x); },
                 [](T x) { return dm::log1p(x); });
}

namespace {

// Points for sin/cos with |x| <= 1e6, including floating-point numbers nearest
// to multiples of pi/2 (where the result is tiny and the reduction is hardest).
template <class T>
std::vector<T> trig_points(std::uint64_t seed) {
  rng g{seed};
  std::vector<T> xs;
  for (int i = 0; i < n_random / 2; ++i) {
    const T x = g.log_uniform<T>(std::ldexp(T(1), -digits<T> / 2 - 4), T(1e6));
    xs.push_back(g.coin() ? -x : x);
  }
  for (int i = 0; i < n_random / 4; ++i) xs.push_back(g.uniform<T>(T(-1e6), T(1e6)));
  constexpr long double pio2_hi = 0x1.921fb54442d1846ap+0L;
  constexpr long double pio2_lo = -0x1.d9cceba3f91f1976p-66L;
  for (int i = 0; i < n_random / 4; ++i) {
    const long double k = static_cast<long double>(i < 100 ? i + 1 : g.integer(1, 636619));
    const T x = static_cast<T>(k * pio2_hi + k * pio2_lo);
    push_around(xs, x, 1);
  }
  return xs;
}

template <class T>
std::vector<T> trig_large_points(std::uint64_t seed) {
  rng g{seed};
  std::vector<T> xs;
  for (int i = 0; i < n_random; ++i) {
    const T x = g.binade<T>(20, max_e<T>);
    xs.push_back(g.coin() ? -x : x);
  }
  push_around(xs, std::numeric_limits<T>::max(), 3);
  // Not here: 0x1.6ac5b262ca1ffp+849, the double closest to a multiple of pi/2,
  // where glibc 2.36's cos is 8 ulp off; it is checked against MPFR below.
  return xs;
}

}  // namespace

TEMPLATE_TEST_CASE("cx::sin accuracy", "[cx][accuracy]", float, double, long double) {
  using T = TestType;
  check_unary<T>("sin", "|x| <= 1e6", trig_points<T>(6), [](T x) { return cx::sin(x); },
                 [](T x) { return std::sin(x); }, [](T x) { return dm::sin(x); });
  check_unary<T>("sin", "1e6 < |x| <= max", trig_large_points<T>(7), [](T x) { return cx::sin(x); },
                 [](T x) { return std::sin(x); }, [](T x) { return dm::sin(x); });
}

TEMPLATE_TEST_CASE("cx::cos accuracy", "[cx][accuracy]", float, double, long double) {
  using T = TestType;
  check_unary<T>("cos", "|x| <= 1e6", trig_points<T>(8), [](T x) { return cx::cos(x); },
                 [](T x) { return std::cos(x); }, [](T x) { return dm::cos(x); });
  check_unary<T>("cos", "1e6 < |x| <= max", trig_large_points<T>(9), [](T x) { return cx::cos(x); },
                 [](T x) { return std::cos(x); }, [](T x) { return dm::cos(x); });
}

TEMPLATE_TEST_CASE("cx::pow accuracy", "[cx][accuracy]", float, double, long double) {
  using T = TestType;
  rng g{10};
  std::vector<xy<T>> ps;
  for (int i = 0; i < n_random / 2; ++i) ps.push_back({g.log_uniform<T>(T(1e-10), T(1e10)), g.uniform<T>(-50, 50)});
  for (int i = 0; i < n_random / 4; ++i) {  // integer y, either sign of x
    const T x = g.log_uniform<T>(T(1e-10), T(1e10));
    ps.push_back({g.coin() ? -x : x, static_cast<T>(g.integer(-50, 50))});
  }
  for (int i = 0; i < n_random / 8; ++i) {  // exact and halfway results
    const T x = static_cast<T>(g.integer(2, 3000)) * (g.coin() ? 1 : -1);
    ps.push_back({x, static_cast<T>(g.integer(1, 12))});
  }
  for (int i = 0; i < n_random / 8; ++i)  // the whole range of x
    ps.push_back({g.binade<T>(min_e<T> - digits<T> + 1, max_e<T>), g.uniform<T>(-2, 2)});
  // x close to 1 with large y; results near overflow / underflow
  for (int i = 0; i < 2000; ++i) {
    const T x = T(1) + std::ldexp(static_cast<T>(g.integer(-100, 100)), -digits<T>);
    ps.push_back({x, g.log_uniform<T>(T(1e3), std::ldexp(T(1), digits<T> + 10)) * (g.coin() ? 1 : -1)});
  }
  const T ln_max = std::log(std::numeric_limits<T>::max());
  const T ln_tiny = std::log(std::numeric_limits<T>::denorm_min());
  for (int i = 0; i < 2000; ++i) {
    const T x = g.uniform<T>(T(0.5), T(4));
    const T target = g.coin() ? ln_max : ln_tiny;
    const T y = target / std::log(x) * (T(1) + g.uniform<T>(T(-1e-6), T(1e-6)));
    ps.push_back({x, y});
  }
  for (int e = 1; e <= 40; ++e) {  // exact square roots of powers of two, and 94906267^2-like ties
    ps.push_back({std::ldexp(T(1), 2 * e), T(0.5)});
    ps.push_back({std::ldexp(T(1), -2 * e), T(-0.5)});
  }
  for (const T m : {T(94906267), T(208065), T(3), T(5), T(7)})
    for (int n = 1; n <= 40; ++n) ps.push_back({m, static_cast<T>(n)});
  // exact ties: K^3 with exactly p+1 bits, as (K^2)^1.5 and K^3
  for (long double k = std::ceil(std::cbrt(std::ldexp(1.0L, digits<T>))); k < std::cbrt(std::ldexp(1.0L, digits<T> + 1));
       k += 2 * std::floor(k / 2000) + 2) {
    const long double odd = std::fmod(k, 2.0L) == 0 ? k + 1 : k;
    ps.push_back({static_cast<T>(odd * odd), T(1.5)});
    ps.push_back({static_cast<T>(odd), T(3)});
  }
  check_pow<T>("mixed (see test)", ps);
}

// ---------------------------------------------------------------------------
// IEEE special values, bit for bit against glibc.
// ---------------------------------------------------------------------------

TEMPLATE_TEST_CASE("cx special values", "[cx][special]", float, double, long double) {
  using T = TestType;
  using L = std::numeric_limits<T>;
  const T inf = L::infinity();
  const T nan = L::quiet_NaN();
  const std::vector<T> specials = {T(0),           -T(0),          inf,           -inf,          nan,
                                   T(1),           T(-1),          T(2),          T(-2),         T(0.5),
                                   T(-0.5),        L::min(),       -L::min(),     L::denorm_min(),
                                   -L::denorm_min(), L::max(),     -L::max(),     T(3),          T(-3),
                                   T(0.25),        T(1.5),         T(-1.5),       L::epsilon(),  T(1e4),
                                   T(-1e4),        T(2e4),         T(-2e4)};
  // Special results (NaN, infinities, zeros, exact results such as log(1),
  // sqrt(4), pow(-2, 3)) must match bit for bit; the others (glibc's long double
  // functions are not always correctly rounded) within 1 ulp.
  auto agree = [](T got, T ref, bool special) {
    return special || !std::isfinite(ref) || ref == 0 || std::fabs(ref) == 1 ? same(got, ref)
                                                                             : ulp_distance(got, ref) <= 1.0;
  };
  for (const T x : specials) {
    INFO("x = " << static_cast<long double>(x));
    const bool sx = !std::isfinite(x) || x == 0;
    CHECK(same(cx::sqrt(x), std::sqrt(x)));  // correctly rounded
    CHECK(agree(cx::exp(x), std::exp(x), sx));
    CHECK(agree(cx::expm1(x), std::expm1(x), sx));
    CHECK(agree(cx::log(x), std::log(x), sx));
    CHECK(agree(cx::log1p(x), std::log1p(x), sx));
    CHECK(agree(cx::sin(x), std::sin(x), sx));
    CHECK(agree(cx::cos(x), std::cos(x), sx));
    for (const T y : specials) {
      INFO("y = " << static_cast<long double>(y));
      const T ref = std::pow(x, y);
      const bool exact = std::fabs(ref) < std::ldexp(T(1), digits<T>) && ref == std::round(ref);
      CHECK(agree(cx::pow(x, y), ref, sx || !std::isfinite(y) || y == 0 || exact));
    }
  }
  // explicit expectations (C99 Annex F)
  CHECK(std::signbit(cx::sqrt(-T(0))));
  CHECK(std::isnan(cx::sqrt(T(-1))));
  CHECK(cx::log(T(0)) == -inf);
  CHECK(cx::log(-T(0)) == -inf);
  CHECK(std::isnan(cx::log(T(-1))));
  CHECK(cx::log(inf) == inf);
  CHECK(same(cx::log(T(1)), T(0)));
  CHECK(same(cx::exp(-inf), T(0)));
  CHECK(cx::exp(inf) == inf);
  CHECK(cx::exp(T(1e5)) == inf);
  CHECK(same(cx::exp(T(-1e5)), T(0)));
  CHECK(cx::exp(std::log(L::denorm_min())) == L::denorm_min());
  CHECK(same(cx::sin(-T(0)), -T(0)));
  CHECK(std::isnan(cx::sin(inf)));
  CHECK(std::isnan(cx::cos(-inf)));
  CHECK(same(cx::expm1(-T(0)), -T(0)));
  CHECK(cx::expm1(-inf) == T(-1));
  CHECK(same(cx::log1p(-T(0)), -T(0)));
  CHECK(cx::log1p(T(-1)) == -inf);
  CHECK(std::isnan(cx::log1p(T(-2))));
  CHECK(cx::pow(nan, T(0)) == 1);
  CHECK(cx::pow(nan, -T(0)) == 1);
  CHECK(cx::pow(T(1), nan) == 1);
  CHECK(cx::pow(T(-1), inf) == 1);
  CHECK(cx::pow(T(-1), -inf) == 1);
  CHECK(std::isnan(cx::pow(T(-2), T(0.5))));
  CHECK(same(cx::pow(-T(0), T(-3)), -inf));
  CHECK(same(cx::pow(-T(0), T(-2)), inf));
  CHECK(same(cx::pow(-T(0), T(3)), -T(0)));
  CHECK(same(cx::pow(-T(0), T(2.5)), T(0)));
  CHECK(same(cx::pow(-inf, T(-3)), -T(0)));
  CHECK(same(cx::pow(-inf, T(3)), -inf));
  CHECK(same(cx::pow(-inf, T(0.5)), inf));
  CHECK(same(cx::pow(T(0.5), -inf), inf));
  CHECK(same(cx::pow(T(2), -inf), T(0)));
  CHECK(same(cx::pow(T(-2), T(-1075)), std::pow(T(-2), T(-1075))));
  CHECK(same(cx::pow(T(2), std::ldexp(T(1), digits<T> + 30)), inf));
}

// ---------------------------------------------------------------------------
// Constant evaluation.
// ---------------------------------------------------------------------------

namespace {

constexpr auto f_sqrt = [](auto x) { return cx::sqrt(x); };
constexpr auto f_exp = [](auto x) { return cx::exp(x); };
constexpr auto f_expm1 = [](auto x) { return cx::expm1(x); };
constexpr auto f_log = [](auto x) { return cx::log(x); };
constexpr auto f_log1p = [](auto x) { return cx::log1p(x); };
constexpr auto f_sin = [](auto x) { return cx::sin(x); };
constexpr auto f_cos = [](auto x) { return cx::cos(x); };
constexpr auto f_pow = [](auto x, auto y) { return cx::pow(x, y); };

template <class T>
constexpr bool signbit_cx(T x) {
  return tapeless::detail::cx::impl::signbit(x);
}

template <class T>
constexpr bool same_cx(T a, T b) {
  if (a != a || b != b) return a != a && b != b;
  return a == b && signbit_cx(a) == signbit_cx(b);
}

// {args..., expected}: f(args...) is the correctly rounded expected value.
template <class F, class T, std::size_t N>
constexpr bool cr_ok(F f, const T (&v)[N]) {
  if constexpr (N == 2) {
    return same_cx(f(v[0]), v[1]);
  } else {
    return same_cx(f(v[0], v[1]), v[2]);
  }
}

// the same with the values converted to T (long double == double platforms)
template <class T, class F, class D, std::size_t N>
constexpr bool cr_ok_as(F f, const D (&v)[N]) {
  if constexpr (N == 2) {
    return same_cx(f(static_cast<T>(v[0])), static_cast<T>(v[1]));
  } else {
    return same_cx(f(static_cast<T>(v[0]), static_cast<T>(v[1])), static_cast<T>(v[2]));
  }
}

// Correctly rounded values (mpmath, 3000 bits) at normal, subnormal, huge and
// tiny arguments and results, in every code path (Cody-Waite, Payne-Hanek,
// subnormal rounding, exact pow).
constexpr bool correctly_rounded_float() {
  static_assert(cr_ok(f_sqrt, {0x1.000000p+1f, 0x1.6a09e6p+0f}));
  static_assert(cr_ok(f_sqrt, {0x1.000000p-149f, 0x1.6a09e6p-75f}));
  static_assert(cr_ok(f_sqrt, {0x1.fffffep+127f, 0x1.fffffep+63f}));
  static_assert(cr_ok(f_exp, {0x1.000000p+0f, 0x1.5bf0a8p+1f}));
  static_assert(cr_ok(f_exp, {-0x1.500000p+3f, 0x1.cdfc26p-16f}));
  static_assert(cr_ok(f_exp, {-0x1.900000p+6f, 0x1.b00000p-145f}));
  static_assert(cr_ok(f_exp, {0x1.620000p+6f, 0x1.99b988p+127f}));
  static_assert(cr_ok(f_expm1, {0x1.000000p-2f, 0x1.22d790p-2f}));
  static_assert(cr_ok(f_expm1, {-0x1.4f8b58p-17f, -0x1.4f8aeap-17f}));
  static_assert(cr_ok(f_expm1, {-0x1.c00000p+1f, -0x1.f089f8p-1f}));
  static_assert(cr_ok(f_log, {0x1.400000p+3f, 0x1.26bb1cp+1f}));
  static_assert(cr_ok(f_log, {0x1.000000p-149f, -0x1.9d1da0p+6f}));
  static_assert(cr_ok(f_log, {0x1.ff7ceep-1f, -0x1.064594p-10f}));
  static_assert(cr_ok(f_log1p, {0x1.0624dep-10f, 0x1.060356p-10f}));
  static_assert(cr_ok(f_log1p, {-0x1.800000p-1f, -0x1.62e430p+0f}));
  static_assert(cr_ok(f_log1p, {0x1.93e594p+99f, 0x1.144f6ap+6f}));
  static_assert(cr_ok(f_sin, {0x1.000000p+0f, 0x1.aed548p-1f}));
  static_assert(cr_ok(f_sin, {0x1.e84800p+19f, -0x1.6664b2p-2f}));
  static_assert(cr_ok(f_sin, {0x1.0f0cf0p+73f, -0x1.77d988p-1f}));
  static_assert(cr_ok(f_sin, {0x1.fffffep+127f, -0x1.0b3366p-1f}));
  static_assert(cr_ok(f_cos, {0x1.000000p+0f, 0x1.14a280p-1f}));
  static_assert(cr_ok(f_cos, {0x1.e84800p+19f, 0x1.df9dfap-1f}));
  static_assert(cr_ok(f_cos, {0x1.0f0cf0p+73f, 0x1.5badeep-1f}));
  static_assert(cr_ok(f_cos, {0x1.fffffep+127f, 0x1.b4bf2cp-1f}));
  static_assert(cr_ok(f_pow, {0x1.000000p+1f, 0x1.000000p-1f, 0x1.6a09e6p+0f}));
  static_assert(cr_ok(f_pow, {0x1.400000p+3f, -0x1.400000p+1f, 0x1.9e7c6ep-9f}));
  static_assert(cr_ok(f_pow, {0x1.800000p+0f, 0x1.e40000p+4f, 0x1.9e77b8p+17f}));
  static_assert(cr_ok(f_pow, {-0x1.800000p+1f, 0x1.400000p+2f, -0x1.e60000p+7f}));
  static_assert(cr_ok(f_pow, {0x1.666666p-1f, 0x1.f40000p+7f, 0x1.47ce70p-129f}));
  static_assert(cr_ok(f_pow, {0x1.001000p+12f, 0x1.000000p+1f, 0x1.002000p+24f}));  // exact tie: 4097^2 = 16785409
  static_assert(cr_ok(f_pow, {0x1.020100p+16f, 0x1.800000p+0f, 0x1.030300p+24f}));  // exact tie: 66049^1.5 = 16974593
  return true;
}

constexpr bool correctly_rounded_double() {
  static_assert(cr_ok(f_sqrt, {0x1.0000000000000p+1, 0x1.6a09e667f3bcdp+0}));
  static_assert(cr_ok(f_sqrt, {0x1.0000000000000p-1074, 0x1.0000000000000p-537}));
  static_assert(cr_ok(f_sqrt, {0x1.fffffffffffffp+1023, 0x1.fffffffffffffp+511}));
  static_assert(cr_ok(f_exp, {0x1.0000000000000p+0, 0x1.5bf0a8b145769p+1}));
  static_assert(cr_ok(f_exp, {-0x1.5000000000000p+3, 0x1.cdfc263f6a0bap-16}));
  static_assert(cr_ok(f_exp, {-0x1.7200000000000p+9, 0x1.5400000000000p-1068}));
  static_assert(cr_ok(f_exp, {0x1.62c0000000000p+9, 0x1.81e9b4b52d0c9p+1023}));
  static_assert(cr_ok(f_expm1, {0x1.0000000000000p-2, 0x1.22d78f0fa061ap-2}));
  static_assert(cr_ok(f_expm1, {-0x1.4f8b588e368f1p-17, -0x1.4f8aea9acf2c9p-17}));
  static_assert(cr_ok(f_expm1, {-0x1.c000000000000p+1, -0x1.f089f7f38d805p-1}));
  static_assert(cr_ok(f_log, {0x1.4000000000000p+3, 0x1.26bb1bbb55516p+1}));
  static_assert(cr_ok(f_log, {0x1.0000000000000p-1074, -0x1.74385446d71c3p+9}));
  static_assert(cr_ok(f_log, {0x1.ff7ced916872bp-1, -0x1.064670d979b73p-10}));
  static_assert(cr_ok(f_log1p, {0x1.0624dd2f1a9fcp-10, 0x1.060354f8c3ebfp-10}));
  static_assert(cr_ok(f_log1p, {-0x1.8000000000000p-1, -0x1.62e42fefa39efp+0}));
  static_assert(cr_ok(f_log1p, {0x1.93e5939a08ceap+99, 0x1.144f69ff9ffc4p+6}));
  static_assert(cr_ok(f_sin, {0x1.0000000000000p+0, 0x1.aed548f090ceep-1}));
  static_assert(cr_ok(f_sin, {0x1.e848000000000p+19, -0x1.6664b2568d867p-2}));
  static_assert(cr_ok(f_sin, {0x1.0f0cf064dd592p+73, -0x1.b453ab76bf397p-1}));
  static_assert(cr_ok(f_sin, {0x1.fffffffffffffp+1023, 0x1.452fc98b34e97p-8}));
  static_assert(cr_ok(f_cos, {0x1.0000000000000p+0, 0x1.14a280fb5068cp-1}));
  static_assert(cr_ok(f_cos, {0x1.e848000000000p+19, 0x1.df9df9906d32cp-1}));
  static_assert(cr_ok(f_cos, {0x1.0f0cf064dd592p+73, 0x1.0be2cef01c8f4p-1}));
  static_assert(cr_ok(f_cos, {0x1.fffffffffffffp+1023, -0x1.fffe62ecfab75p-1}));
  static_assert(cr_ok(f_pow, {0x1.0000000000000p+1, 0x1.0000000000000p-1, 0x1.6a09e667f3bcdp+0}));
  static_assert(cr_ok(f_pow, {0x1.4000000000000p+3, -0x1.4000000000000p+1, 0x1.9e7c6e43390b7p-9}));
  static_assert(cr_ok(f_pow, {0x1.8000000000000p+0, 0x1.e400000000000p+4, 0x1.9e77b71543855p+17}));
  static_assert(cr_ok(f_pow, {-0x1.8000000000000p+1, 0x1.4000000000000p+2, -0x1.e600000000000p+7}));
  static_assert(cr_ok(f_pow, {0x1.6666666666666p-1, 0x1.f400000000000p+10, 0x1.ce9c4ca6bdd00p-1030}));
  static_assert(cr_ok(f_pow, {0x1.6a09e6c000000p+26, 0x1.0000000000000p+1, 0x1.0000007c84becp+53}));  // exact tie: 94906267^2 = 9007199515875289
  static_assert(cr_ok(f_pow, {0x1.428b1d3020000p+35, 0x1.8000000000000p+0, 0x1.00011add69b20p+53}));  // exact tie: 43291044225^1.5 = 9007351116674625
  return true;
}

constexpr bool correctly_rounded_long_double() {
#if LDBL_MANT_DIG == 64
  static_assert(cr_ok(f_sqrt, {0x1.0000000000000000p+1L, 0x1.6a09e667f3bcc908p+0L}));
  static_assert(cr_ok(f_sqrt, {0x1.0000000000000000p-16445L, 0x1.6a09e667f3bcc908p-8223L}));
  static_assert(cr_ok(f_sqrt, {0x1.fffffffffffffffep+16383L, 0x1.fffffffffffffffep+8191L}));
  static_assert(cr_ok(f_exp, {0x1.0000000000000000p+0L, 0x1.5bf0a8b145769536p+1L}));
  static_assert(cr_ok(f_exp, {-0x1.5000000000000000p+3L, 0x1.cdfc263f6a0b9ed2p-16L}));
  static_assert(cr_ok(f_exp, {-0x1.63a0000000000000p+13L, 0x1.18393e4000000000p-16418L}));
  static_assert(cr_ok(f_exp, {0x1.62e4000000000000p+13L, 0x1.f427b74653baed1ap+16383L}));
  static_assert(cr_ok(f_expm1, {0x1.0000000000000000p-2L, 0x1.22d78f0fa06199dap-2L}));
  static_assert(cr_ok(f_expm1, {-0x1.4f8b588e368f0846p-17L, -0x1.4f8aea9acf2c8f88p-17L}));
  static_assert(cr_ok(f_expm1, {-0x1.c000000000000000p+1L, -0x1.f089f7f38d804d04p-1L}));
  static_assert(cr_ok(f_log, {0x1.4000000000000000p+3L, 0x1.26bb1bbb5551582ep+1L}));
  static_assert(cr_ok(f_log, {0x1.0000000000000000p-16445L, -0x1.6436716d5406e6d8p+13L}));
  static_assert(cr_ok(f_log, {0x1.ff7ced916872b020p-1L, -0x1.064670d979b6f1d4p-10L}));
  static_assert(cr_ok(f_log1p, {0x1.0624dd2f1a9fbe76p-10L, 0x1.060354f8c3ebf156p-10L}));
  static_assert(cr_ok(f_log1p, {-0x1.8000000000000000p-1L, -0x1.62e42fefa39ef358p+0L}));
  static_assert(cr_ok(f_log1p, {0x1.93e5939a08ce9dbep+99L, 0x1.144f69ff9ffc42aap+6L}));
  static_assert(cr_ok(f_sin, {0x1.0000000000000000p+0L, 0x1.aed548f090cee042p-1L}));
  static_assert(cr_ok(f_sin, {0x1.e848000000000000p+19L, -0x1.6664b2568d86749ap-2L}));
  static_assert(cr_ok(f_sin, {0x1.0f0cf064dd592000p+73L, -0x1.b453ab76bf3970fap-1L}));
  static_assert(cr_ok(f_sin, {0x1.fffffffffffffffep+16383L, 0x1.fbfb3a96da1cbef8p-1L}));
  static_assert(cr_ok(f_cos, {0x1.0000000000000000p+0L, 0x1.14a280fb5068b924p-1L}));
  static_assert(cr_ok(f_cos, {0x1.e848000000000000p+19L, 0x1.df9df9906d32c6aep-1L}));
  static_assert(cr_ok(f_cos, {0x1.0f0cf064dd592000p+73L, 0x1.0be2cef01c8f3934p-1L}));
  static_assert(cr_ok(f_cos, {0x1.fffffffffffffffep+16383L, -0x1.00177a00c3a9ea86p-3L}));
  static_assert(cr_ok(f_pow, {0x1.0000000000000000p+1L, 0x1.0000000000000000p-1L, 0x1.6a09e667f3bcc908p+0L}));
  static_assert(cr_ok(f_pow, {0x1.4000000000000000p+3L, -0x1.4000000000000000p+1L, 0x1.9e7c6e43390b6db2p-9L}));
  static_assert(cr_ok(f_pow, {0x1.8000000000000000p+0L, 0x1.e400000000000000p+4L, 0x1.9e77b71543854d06p+17L}));
  static_assert(cr_ok(f_pow, {-0x1.8000000000000000p+1L, 0x1.4000000000000000p+2L, -0x1.e600000000000000p+7L}));
  static_assert(cr_ok(f_pow, {0x1.6666666666666666p-1L, 0x1.d4c0000000000000p+14L, 0x1.bf3645fa90474714p-15438L}));
  static_assert(cr_ok(f_pow, {0x1.0000000100000000p+32L, 0x1.0000000000000000p+1L, 0x1.0000000200000000p+64L}));  // exact tie: 4294967297^2 = 18446744082299486209
  static_assert(cr_ok(f_pow, {0x1.965fff806c400000p+42L, 0x1.8000000000000000p+0L, 0x1.0000140221a37918p+64L}));  // exact tie: 6981469209009^1.5 = 18446766073096403223
#elif LDBL_MANT_DIG == 53
  static_assert(cr_ok_as<long double>(f_sqrt, {0x1.0000000000000p+1, 0x1.6a09e667f3bcdp+0}));
  static_assert(cr_ok_as<long double>(f_sqrt, {0x1.0000000000000p-1074, 0x1.0000000000000p-537}));
  static_assert(cr_ok_as<long double>(f_sqrt, {0x1.fffffffffffffp+1023, 0x1.fffffffffffffp+511}));
  static_assert(cr_ok_as<long double>(f_exp, {0x1.0000000000000p+0, 0x1.5bf0a8b145769p+1}));
  static_assert(cr_ok_as<long double>(f_exp, {-0x1.5000000000000p+3, 0x1.cdfc263f6a0bap-16}));
  static_assert(cr_ok_as<long double>(f_exp, {-0x1.7200000000000p+9, 0x1.5400000000000p-1068}));
  static_assert(cr_ok_as<long double>(f_exp, {0x1.62c0000000000p+9, 0x1.81e9b4b52d0c9p+1023}));
  static_assert(cr_ok_as<long double>(f_expm1, {0x1.0000000000000p-2, 0x1.22d78f0fa061ap-2}));
  static_assert(cr_ok_as<long double>(f_expm1, {-0x1.4f8b588e368f1p-17, -0x1.4f8aea9acf2c9p-17}));
  static_assert(cr_ok_as<long double>(f_expm1, {-0x1.c000000000000p+1, -0x1.f089f7f38d805p-1}));
  static_assert(cr_ok_as<long double>(f_log, {0x1.4000000000000p+3, 0x1.26bb1bbb55516p+1}));
  static_assert(cr_ok_as<long double>(f_log, {0x1.0000000000000p-1074, -0x1.74385446d71c3p+9}));
  static_assert(cr_ok_as<long double>(f_log, {0x1.ff7ced916872bp-1, -0x1.064670d979b73p-10}));
  static_assert(cr_ok_as<long double>(f_log1p, {0x1.0624dd2f1a9fcp-10, 0x1.060354f8c3ebfp-10}));
  static_assert(cr_ok_as<long double>(f_log1p, {-0x1.8000000000000p-1, -0x1.62e42fefa39efp+0}));
  static_assert(cr_ok_as<long double>(f_log1p, {0x1.93e5939a08ceap+99, 0x1.144f69ff9ffc4p+6}));
  static_assert(cr_ok_as<long double>(f_sin, {0x1.0000000000000p+0, 0x1.aed548f090ceep-1}));
  static_assert(cr_ok_as<long double>(f_sin, {0x1.e848000000000p+19, -0x1.6664b2568d867p-2}));
  static_assert(cr_ok_as<long double>(f_sin, {0x1.0f0cf064dd592p+73, -0x1.b453ab76bf397p-1}));
  static_assert(cr_ok_as<long double>(f_sin, {0x1.fffffffffffffp+1023, 0x1.452fc98b34e97p-8}));
  static_assert(cr_ok_as<long double>(f_cos, {0x1.0000000000000p+0, 0x1.14a280fb5068cp-1}));
  static_assert(cr_ok_as<long double>(f_cos, {0x1.e848000000000p+19, 0x1.df9df9906d32cp-1}));
  static_assert(cr_ok_as<long double>(f_cos, {0x1.0f0cf064dd592p+73, 0x1.0be2cef01c8f4p-1}));
  static_assert(cr_ok_as<long double>(f_cos, {0x1.fffffffffffffp+1023, -0x1.fffe62ecfab75p-1}));
  static_assert(cr_ok_as<long double>(f_pow, {0x1.0000000000000p+1, 0x1.0000000000000p-1, 0x1.6a09e667f3bcdp+0}));
  static_assert(cr_ok_as<long double>(f_pow, {0x1.4000000000000p+3, -0x1.4000000000000p+1, 0x1.9e7c6e43390b7p-9}));
  static_assert(cr_ok_as<long double>(f_pow, {0x1.8000000000000p+0, 0x1.e400000000000p+4, 0x1.9e77b71543855p+17}));
  static_assert(cr_ok_as<long double>(f_pow, {-0x1.8000000000000p+1, 0x1.4000000000000p+2, -0x1.e600000000000p+7}));
  static_assert(cr_ok_as<long double>(f_pow, {0x1.6666666666666p-1, 0x1.f400000000000p+10, 0x1.ce9c4ca6bdd00p-1030}));
  static_assert(cr_ok_as<long double>(f_pow, {0x1.6a09e6c000000p+26, 0x1.0000000000000p+1, 0x1.0000007c84becp+53}));  // exact tie: 94906267^2 = 9007199515875289
  static_assert(cr_ok_as<long double>(f_pow, {0x1.428b1d3020000p+35, 0x1.8000000000000p+0, 0x1.00011add69b20p+53}));  // exact tie: 43291044225^1.5 = 9007351116674625
#endif
  return true;
}

// Special values in constant evaluation.
template <class T>
constexpr bool special_values_cx() {
  using L = std::numeric_limits<T>;
  constexpr T inf = L::infinity();
  constexpr T nan = L::quiet_NaN();
  static_assert(same_cx(cx::sqrt(-T(0)), -T(0)));
  static_assert(same_cx(cx::sqrt(T(-1)), nan));
  static_assert(same_cx(cx::sqrt(inf), inf));
  static_assert(same_cx(cx::sqrt(nan), nan));
  static_assert(same_cx(cx::exp(-inf), T(0)));
  static_assert(same_cx(cx::exp(inf), inf));
  static_assert(same_cx(cx::exp(T(1e5)), inf));
  static_assert(same_cx(cx::exp(T(-1e5)), T(0)));
  static_assert(same_cx(cx::exp(nan), nan));
  static_assert(same_cx(cx::exp(-T(0)), T(1)));
  static_assert(same_cx(cx::expm1(-T(0)), -T(0)));
  static_assert(same_cx(cx::expm1(-inf), T(-1)));
  static_assert(same_cx(cx::expm1(inf), inf));
  static_assert(same_cx(cx::log(T(0)), -inf));
  static_assert(same_cx(cx::log(-T(0)), -inf));
  static_assert(same_cx(cx::log(T(-1)), nan));
  static_assert(same_cx(cx::log(inf), inf));
  static_assert(same_cx(cx::log(T(1)), T(0)));
  static_assert(same_cx(cx::log(nan), nan));
  static_assert(same_cx(cx::log1p(-T(0)), -T(0)));
  static_assert(same_cx(cx::log1p(T(-1)), -inf));
  static_assert(same_cx(cx::log1p(T(-2)), nan));
  static_assert(same_cx(cx::log1p(inf), inf));
  static_assert(same_cx(cx::sin(-T(0)), -T(0)));
  static_assert(same_cx(cx::sin(T(0)), T(0)));
  static_assert(same_cx(cx::sin(inf), nan));
  static_assert(same_cx(cx::sin(nan), nan));
  static_assert(same_cx(cx::cos(-T(0)), T(1)));
  static_assert(same_cx(cx::cos(-inf), nan));
  static_assert(same_cx(cx::pow(nan, -T(0)), T(1)));
  static_assert(same_cx(cx::pow(T(1), nan), T(1)));
  static_assert(same_cx(cx::pow(T(-1), -inf), T(1)));
  static_assert(same_cx(cx::pow(T(-2), T(0.5)), nan));
  static_assert(same_cx(cx::pow(nan, T(2)), nan));
  static_assert(same_cx(cx::pow(-T(0), T(-3)), -inf));
  static_assert(same_cx(cx::pow(T(0), T(-3)), inf));
  static_assert(same_cx(cx::pow(-T(0), T(-2)), inf));
  static_assert(same_cx(cx::pow(-T(0), -inf), inf));
  static_assert(same_cx(cx::pow(-T(0), T(3)), -T(0)));
  static_assert(same_cx(cx::pow(-T(0), T(2)), T(0)));
  static_assert(same_cx(cx::pow(T(0.5), -inf), inf));
  static_assert(same_cx(cx::pow(T(0.5), inf), T(0)));
  static_assert(same_cx(cx::pow(T(2), -inf), T(0)));
  static_assert(same_cx(cx::pow(T(2), inf), inf));
  static_assert(same_cx(cx::pow(-inf, T(-3)), -T(0)));
  static_assert(same_cx(cx::pow(-inf, T(-2)), T(0)));
  static_assert(same_cx(cx::pow(-inf, T(3)), -inf));
  static_assert(same_cx(cx::pow(-inf, T(2)), inf));
  static_assert(same_cx(cx::pow(inf, T(-0.5)), T(0)));
  static_assert(same_cx(cx::pow(inf, T(0.5)), inf));
  static_assert(same_cx(cx::pow(T(-2), T(3)), T(-8)));
  static_assert(same_cx(cx::pow(T(10), T(1e6)), inf));
  static_assert(same_cx(cx::pow(T(-10), T(-1e6)), T(0)));
  return true;
}

// Compile-time results equal run-time results (each input is a separate
// constant expression, so the clang step limit applies per call).
template <class T>
struct inputs {
  static constexpr T v[] = {T(0.1),
                            T(-0.7),
                            T(1),
                            T(2.5),
                            T(-3.25),
                            T(10),
                            T(100.5),
                            T(-1234.5),
                            T(1e5),
                            T(3e9),
                            T(7e15),
                            T(-1e30),
                            T(1e-30),
                            std::numeric_limits<T>::denorm_min() * 3,
                            std::numeric_limits<T>::min(),
                            std::numeric_limits<T>::max() / 3,
                            T(-87.5),
                            T(-745.5),
                            T(0.999),
                            T(-0.999)};
  static constexpr std::size_t n = sizeof(v) / sizeof(v[0]);
};

template <class T, std::size_t I>
struct ct_values {
  static constexpr T x = inputs<T>::v[I];
  static constexpr T y = inputs<T>::v[(I + 7) % inputs<T>::n];
  static constexpr T r[] = {cx::sqrt(x), cx::exp(x),   cx::expm1(x), cx::log(x),
                            cx::log1p(x), cx::sin(x),  cx::cos(x),   cx::pow(x, y),
                            cx::pow(x > 0 ? x : -x, T(0.75) - y / 1024)};
};

template <class T, std::size_t... I>
void check_ct_equals_rt(std::index_sequence<I...>) {
  (
      [] {
        volatile T vx = ct_values<T, I>::x;  // force run-time evaluation
        volatile T vy = ct_values<T, I>::y;
        const T x = vx;
        const T y = vy;
        const T rt[] = {cx::sqrt(x), cx::exp(x),  cx::expm1(x), cx::log(x),
                        cx::log1p(x), cx::sin(x), cx::cos(x),   cx::pow(x, y),
                        cx::pow(x > 0 ? x : -x, T(0.75) - y / 1024)};
        for (std::size_t k = 0; k < sizeof(rt) / sizeof(rt[0]); ++k) {
          INFO(type_name<T>() << " x = " << static_cast<long double>(x) << ", function #" << k);
          CHECK(same(ct_values<T, I>::r[k], rt[k]));
        }
      }(),
      ...);
}

}  // namespace

TEST_CASE("cx correctly rounded in constant evaluation", "[cx][constexpr]") {
  STATIC_REQUIRE(correctly_rounded_float());
  STATIC_REQUIRE(correctly_rounded_double());
  STATIC_REQUIRE(correctly_rounded_long_double());
}

TEST_CASE("cx at the double closest to a multiple of pi/2", "[cx][constexpr]") {
  // 0x1.6ac5b262ca1ffp+849 = 6381956970095103 * 2^797 is within 2^-61 of a
  // multiple of pi/2 (J.-M. Muller, Elementary Functions).  Expected values
  // from MPFR; glibc 2.36 returns -0x1.14ae72e6ba227p-61 for the cosine.
  STATIC_REQUIRE(cx::cos(0x1.6ac5b262ca1ffp+849) == -0x1.14ae72e6ba22fp-61);
  STATIC_REQUIRE(cx::sin(0x1.6ac5b262ca1ffp+849) == 1.0);
  volatile double x = 0x1.6ac5b262ca1ffp+849;
  CHECK(cx::cos(x) == -0x1.14ae72e6ba22fp-61);
}

TEST_CASE("cx special values in constant evaluation", "[cx][constexpr]") {
  STATIC_REQUIRE(special_values_cx<float>());
  STATIC_REQUIRE(special_values_cx<double>());
  STATIC_REQUIRE(special_values_cx<long double>());
}

TEMPLATE_TEST_CASE("cx compile-time results equal run-time results", "[cx][constexpr]", float, double, long double) {
  check_ct_equals_rt<TestType>(std::make_index_sequence<inputs<TestType>::n>{});
}

// ---------------------------------------------------------------------------
// detail::math.
// ---------------------------------------------------------------------------

TEST_CASE("math dispatchers in constant evaluation use cx", "[math][constexpr]") {
  STATIC_REQUIRE(dm::sin(1.0) == cx::sin(1.0));
  STATIC_REQUIRE(dm::cos(1.0f) == cx::cos(1.0f));
  STATIC_REQUIRE(dm::exp(1.0L) == cx::exp(1.0L));
  STATIC_REQUIRE(dm::expm1(0.5) == cx::expm1(0.5));
  STATIC_REQUIRE(dm::log(3.0) == cx::log(3.0));
  STATIC_REQUIRE(dm::log1p(0.5f) == cx::log1p(0.5f));
  STATIC_REQUIRE(dm::sqrt(2.0L) == cx::sqrt(2.0L));
  STATIC_REQUIRE(dm::pow(2.0, 0.3) == cx::pow(2.0, 0.3));
}

TEMPLATE_TEST_CASE("math::ipow and math::square", "[math]", float, double, long double) {
  using T = TestType;
  STATIC_REQUIRE(dm::ipow<0>(T(0)) == T(1));
  STATIC_REQUIRE(dm::ipow<0>(T(5)) == T(1));
  STATIC_REQUIRE(dm::ipow<1>(T(5)) == T(5));
  STATIC_REQUIRE(dm::ipow<2>(T(5)) == T(25));
  STATIC_REQUIRE(dm::ipow<3>(T(-2)) == T(-8));
  STATIC_REQUIRE(dm::ipow<10>(T(2)) == T(1024));
  STATIC_REQUIRE(dm::ipow<-1>(T(4)) == T(0.25));
  STATIC_REQUIRE(dm::ipow<-3>(T(2)) == T(0.125));
  STATIC_REQUIRE(dm::ipow<7>(T(3)) == T(2187));
  STATIC_REQUIRE(dm::square(T(-3)) == T(9));
  STATIC_REQUIRE(dm::ipow<3>(5) == 125);  // any T with * and T(1)
  rng g{11};
  for (int i = 0; i < 1000; ++i) {
    const T x = g.uniform<T>(T(-2), T(2));
    CHECK(dm::square(x) == x * x);
    CHECK(dm::ipow<2>(x) == x * x);
    CHECK(dm::ipow<4>(x) == (x * x) * (x * x));
    CHECK(dm::ipow<5>(x) == (x * x) * (x * x) * x);
    CHECK(ulp_distance(dm::ipow<13>(x), static_cast<T>(std::pow(static_cast<long double>(x), 13))) <= 8);
    CHECK(ulp_distance(dm::ipow<-6>(x), static_cast<T>(std::pow(static_cast<long double>(x), -6))) <= 8);
  }
  for (int e = -20; e <= 20; ++e) {  // exact for powers of two
    const T x = std::ldexp(T(1), e);
    CHECK(dm::ipow<7>(x) == std::ldexp(T(1), 7 * e));
    CHECK(dm::ipow<-5>(x) == std::ldexp(T(1), -5 * e));
  }
}
