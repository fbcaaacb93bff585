// Helpers shared by the tests of the tapeless core (tests/core/*.cpp): a deterministic random
// generator, ulp distances, error bounds that account for cancellation, and a 4th-order central
// finite difference evaluated in long double.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace core_test {

/// splitmix64: the same sample on every platform and every run.
struct rng {
  std::uint64_t s;

  constexpr explicit rng(std::uint64_t seed) noexcept : s(seed) {}

  constexpr std::uint64_t next() noexcept {
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1), 53 random bits.
  double unit() noexcept { return std::ldexp(static_cast<double>(next() >> 11), -53); }
  /// Uniform in [lo, hi).
  double uniform(double lo, double hi) noexcept { return lo + (hi - lo) * unit(); }
  /// Log-uniform in [lo, hi), 0 < lo < hi.
  double log_uniform(double lo, double hi) noexcept {
    return std::exp(std::log(lo) + (std::log(hi) - std::log(lo)) * unit());
  }
  /// Uniform integer in [lo, hi].
  int integer(int lo, int hi) noexcept {
    return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
};

/// Distance in units in the last place between two finite floats or doubles of the same sign
/// or straddling zero (the bit patterns mapped to integers ordered like the values).
template <class T>
double ulp_distance(T a, T b) noexcept {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>);
  using U = std::conditional_t<std::is_same_v<T, float>, std::uint32_t, std::uint64_t>;
  constexpr U sign = U{1} << (sizeof(U) * 8 - 1);
  auto key = [](T v) {
    const U u = std::bit_cast<U>(v);
    return (u & sign) != 0 ? -static_cast<long double>(u & ~sign) : static_cast<long double>(u);
  };
  if (a == b) return 0.0;  // also +0 == -0
  return static_cast<double>(std::fabs(key(a) - key(b)));
}

/// Bitwise equality (tells -0 from +0); the tests never compare NaNs.
template <class T>
bool same_bits(T a, T b) noexcept {
  return a == b && std::signbit(a) == std::signbit(b);
}

/// Unit roundoff of T: half the machine epsilon.
template <class T>
constexpr long double unit_roundoff = static_cast<long double>(std::numeric_limits<T>::epsilon()) /
                                      2;

/// Forward error bound for a value computed with k roundings in T, from terms whose absolute
/// values sum to `magnitude` (for a sum without cancellation, magnitude == |result|, and the
/// bound is about k/2 ulp; with cancellation it is relative to the terms, as it must be).
template <class T>
bool within_roundings(T got, long double ref, long double magnitude, int k) noexcept {
  const long double err = std::fabs(static_cast<long double>(got) - ref);
  return err <= static_cast<long double>(k) * unit_roundoff<T> * magnitude;
}

/// A power of two about 2^-10 times `scale` (> 0): x ± h and x ± 2h are then exact in long
/// double for every double x with |x| <= 2^10 scale, so the stencil's abscissae are exact.
inline long double fd_step(long double scale) noexcept {
  return std::ldexp(1.0L, std::ilogb(scale) - 10);
}

/// Fourth-order central difference f'(x) ~ (f(x-2h) - 8f(x-h) + 8f(x+h) - f(x+2h)) / 12h,
/// with f evaluated in long double. Truncation error h^4 |f^(5)| / 30, rounding error about
/// 2 eps_ld max|f| / h: with h ~ 2^-10 L (L the length over which f changes, e.g. 1 for sin,
/// |x| for x^p) both are below 1e-11 relative to |f'| + |f| / L on the domains tested.
template <class F>
long double fd4(const F& f, long double x, long double h) {
  return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h);
}

/// Agreement of a gradient computed in double with a long double finite difference: relative
/// to the derivative's natural magnitude |f'| + |f| / L. 1e-9 is a hundred times the
/// difference error bound above and ten million times the double rounding of a correct
/// gradient; a wrong derivative (missing path, wrong sign, wrong factor) misses it by far.
inline bool fd_agrees(double g, long double fd, long double f_over_l, long double tol = 1e-9L) {
  const long double mag = std::fabs(fd) + std::fabs(f_over_l);
  return std::fabs(static_cast<long double>(g) - fd) <= tol * mag + 1e-300L;
}

/// Absolute value usable in static_assert.
template <class T>
constexpr T cabs(T v) noexcept {
  return v < 0 ? -v : v;
}

}  // namespace core_test

/// CHECK for loops over thousands of points: an ordinary (counted) assertion while the condition
/// holds, a full Catch CHECK with its expansion and the enclosing CAPTUREs for the first three
/// failures of each call site, and nothing for later ones (the test case has failed already),
/// so that a broken function does not print thousands of screens. The condition must be pure:
/// it is evaluated a second time to report it.
#define CORE_CHECK(...)                  \
  do {                                   \
    static int core_check_failures = 0;  \
    if (static_cast<bool>(__VA_ARGS__))  \
      CHECK(true);                       \
    else if (++core_check_failures <= 3) \
      CHECK(__VA_ARGS__);                \
  } while (false)
