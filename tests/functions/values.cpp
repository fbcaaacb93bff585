// Forward values equal std:: bit for bit at run time, on plain numbers and through eval on
// expressions, for float, double and long double: random points over each domain and the
// IEEE special cases (signed zeros, infinities, NaN, subnormals, domain errors), where NaN
// must give NaN (never a trap). The stable helpers without a std:: counterpart (sigmoid,
// softplus, log_sum_exp) are checked against MPFR.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "mp.hpp"

namespace {

using tapeless::at;
using tapeless::eval;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"z"> z;

template <class T>
bool same(T a, T b) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return a == b && std::signbit(a) == std::signbit(b);
}

/// Special values and a log-uniform random sample of both signs over T's whole range.
template <class T>
std::vector<T> points() {
  using L = std::numeric_limits<T>;
  std::vector<T> p = {T(0), -T(0), L::infinity(), -L::infinity(), L::quiet_NaN(),
                      L::denorm_min(), -L::denorm_min(), L::min(), -L::min(), L::max(), -L::max(),
                      T(1), T(-1), T(0.5), T(-0.5), T(2), T(-2), T(3), T(-3), T(10), T(-10),
                      T(0.75), T(1.5), T(100), T(-100), T(700), T(-700), T(1e10), T(-1e10),
                      L::epsilon(), -L::epsilon(), T(1) - L::epsilon(), T(1) + L::epsilon()};
  std::uint64_t s = 42;
  for (int i = 0; i < 2000; ++i) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    const long double u = static_cast<long double>(s >> 11) * 0x1p-53L;
    // exponents over the whole range of T, mantissas random
    const int e = static_cast<int>(u * (L::max_exponent - L::min_exponent + L::digits)) +
                  L::min_exponent - L::digits;
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    const long double m = 1 + static_cast<long double>(s >> 11) * 0x1p-53L;
    T v = static_cast<T>(std::ldexp(m, e - 1));
    if ((s >> 7) & 1) v = -v;
    p.push_back(v);
    // and a dense sample of the moderate range
    p.push_back(static_cast<T>((u - 0.5L) * 40));
  }
  return p;
}

template <class T>
std::string show(const char* name, T a, T got, T want) {
  char buf[200];
  std::snprintf(buf, sizeof buf, "%s(%La): got %La, std:: gives %La", name,
                static_cast<long double>(a), static_cast<long double>(got),
                static_cast<long double>(want));
  return buf;
}

template <class T, class Ours, class Std>
void unary(const char* name, Ours ours, Std ref) {
  const auto e = ours(x);
  int bad = 0;
  std::string first;
  for (const T a : points<T>()) {
    const T want = ref(a);
    const T plain = ours(a);
    const T through = eval(e, at(x = a));
    if (!same(plain, want) || !same(through, want)) {
      if (bad++ == 0) first = show(name, a, same(plain, want) ? through : plain, want);
    }
  }
  INFO(first);
  INFO(name << ": " << bad << " differences");
  CHECK(bad == 0);
}

template <class T, class Ours, class Std>
void binary(const char* name, Ours ours, Std ref) {
  const auto e = ours(x, y);
  const std::vector<T> all = points<T>();
  // every pair of the first 33 (the special values), and consecutive random pairs
  std::vector<std::pair<T, T>> pairs;
  for (std::size_t i = 0; i < 33; ++i)
    for (std::size_t j = 0; j < 33; ++j) pairs.emplace_back(all[i], all[j]);
  for (std::size_t i = 33; i + 1 < all.size(); ++i) pairs.emplace_back(all[i], all[i + 1]);
  int bad = 0;
  std::string first;
  for (const auto& [a, b] : pairs) {
    const T want = ref(a, b);
    const T plain = ours(a, b);
    const T through = eval(e, at(x = a, y = b));
    if (!same(plain, want) || !same(through, want)) {
      if (bad++ == 0) first = show(name, a, same(plain, want) ? through : plain, want);
    }
  }
  INFO(first);
  INFO(name << ": " << bad << " differences");
  CHECK(bad == 0);
}

#define UNARY(fn) unary<T>(#fn, [](auto v) { return tapeless::fn(v); }, [](T v) { return std::fn(v); })
#define BINARY(fn)                                                   \
  binary<T>(#fn, [](auto a, auto b) { return tapeless::fn(a, b); }, \
            [](T a, T b) { return static_cast<T>(std::fn(a, b)); })

template <class T>
void all_functions() {
  UNARY(sqrt); UNARY(cbrt); UNARY(exp); UNARY(exp2); UNARY(expm1); UNARY(log); UNARY(log2);
  UNARY(log10); UNARY(log1p); UNARY(sin); UNARY(cos); UNARY(tan); UNARY(asin); UNARY(acos);
  UNARY(atan); UNARY(sinh); UNARY(cosh); UNARY(tanh); UNARY(asinh); UNARY(acosh); UNARY(atanh);
  UNARY(erf); UNARY(erfc); UNARY(tgamma); UNARY(lgamma); UNARY(abs); UNARY(fabs);
  BINARY(atan2); BINARY(hypot); BINARY(pow); BINARY(fmin); BINARY(fmax); BINARY(copysign);
  BINARY(min); BINARY(max);
  unary<T>("square", [](auto v) { return tapeless::square(v); }, [](T v) { return v * v; });
  unary<T>("cube", [](auto v) { return tapeless::cube(v); }, [](T v) { return v * v * v; });
  unary<T>("relu", [](auto v) { return tapeless::relu(v); },
           [](T v) { return std::isnan(v) ? v : std::max(v, T(0)) + T(0); });
  binary<T>("fma(x, y, 0.5)", [](auto a, auto b) { return tapeless::fma(a, b, T(0.5)); },
            [](T a, T b) { return std::fma(a, b, T(0.5)); });
}

#undef UNARY
#undef BINARY

}  // namespace

TEST_CASE("values equal std:: bit for bit: float", "[values]") { all_functions<float>(); }
TEST_CASE("values equal std:: bit for bit: double", "[values]") { all_functions<double>(); }
TEST_CASE("values equal std:: bit for bit: long double", "[values]") {
  all_functions<long double>();
}

TEST_CASE("hypot of three: within 1 ulp of the correctly rounded result, std:: on special cases",
          "[values]") {
  // No C library has hypot of three arguments (libstdc++ writes it inline in <cmath>, not
  // correctly rounded), so tapeless uses its own everywhere: checked against MPFR.
  const std::vector<double> p = points<double>();
  int bad = 0;
  std::string first;
  for (std::size_t i = 0; i + 2 < p.size(); ++i) {
    const double a = p[i], b = p[i + 1], c = p[i + 2];
    const double got = eval(tapeless::hypot(x, y, z), at(x = a, y = b, z = c));
    // as C's hypot of two (Annex F): an infinite argument wins over NaN (libstdc++'s inline
    // hypot of three returns NaN there)
    const bool any_inf = std::isinf(a) || std::isinf(b) || std::isinf(c);
    const double want = any_inf ? std::numeric_limits<double>::infinity() : std::hypot(a, b, c);
    bool ok = true;
    if (std::isnan(want) || std::isinf(want) || want == 0) {
      ok = same(got, want);
    } else {
      using mp_test::mp;
      const mp exact = mp_test::sqrt(mp(a) * mp(a) + mp(b) * mp(b) + mp(c) * mp(c));
      // within 1 ulp (near DBL_MAX the exact value may round to inf, hence long double)
      ok = std::fabs(static_cast<long double>(got) - exact.ld()) <=
           std::ldexp(static_cast<long double>(std::fabs(got)), -52);
    }
    if (!ok && bad++ == 0) first = show("hypot3", a, got, want);
  }
  INFO(first);
  CHECK(bad == 0);
  CHECK(eval(tapeless::hypot(x, y, z), at(x = std::numeric_limits<double>::infinity(),
                                           y = std::nan(""), z = 1.0)) ==
        std::numeric_limits<double>::infinity());
}

// The numerically stable forms against MPFR: relative error within 4 ulp over their domains,
// including where the naive formulas overflow or lose everything.
TEST_CASE("sigmoid, softplus, log_sum_exp: accurate where the naive forms fail", "[values]") {
  using mp_test::mp;
  const mp one(1.0L);
  const auto ulps = [](double got, const mp& ref) {
    const double r = ref.to<double>();
    if (r == 0) return got == 0 ? 0.0 : 1e9;
    return std::fabs(got - r) / (std::nextafter(std::fabs(r), 1e308) - std::fabs(r));
  };
  double worst_sigmoid = 0, worst_softplus = 0, worst_lse = 0;
  for (double v = -740; v <= 740; v += 0.37) {
    worst_sigmoid = std::max(worst_sigmoid, ulps(tapeless::sigmoid(v), one / (one + mp_test::exp(-mp(v)))));
    worst_softplus = std::max(worst_softplus, ulps(tapeless::softplus(v), mp_test::log1p(mp_test::exp(mp(v)))));
    const double w = 0.5 * v + 3;
    worst_lse = std::max(worst_lse, ulps(tapeless::log_sum_exp(v, w),
                                         mp_test::log(mp_test::exp(mp(v)) + mp_test::exp(mp(w)))));
  }
  INFO("max ulp: sigmoid " << worst_sigmoid << ", softplus " << worst_softplus << ", log_sum_exp "
                           << worst_lse);
  CHECK(worst_sigmoid <= 4);
  CHECK(worst_softplus <= 4);
  CHECK(worst_lse <= 4);
  CHECK(tapeless::sigmoid(-740.0) > 0);  // 1/(1 + e^740) would be 1/inf = 0
  CHECK(tapeless::softplus(800.0) == 800.0);  // log(1 + e^800) would be inf
  CHECK(tapeless::log_sum_exp(1000.0, 1000.0) == 1000.0 + std::log(2.0));
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(tapeless::log_sum_exp(-inf, -inf) == -inf);
  CHECK(tapeless::log_sum_exp(-inf, 2.0) == 2.0);
  CHECK(tapeless::log_sum_exp(inf, 2.0) == inf);
  CHECK(std::isnan(tapeless::log_sum_exp(std::nan(""), 2.0)));
  CHECK(std::isnan(tapeless::log_sum_exp(2.0, std::nan(""))));
}
