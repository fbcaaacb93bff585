// tapeless/detail/infinity.hpp: tests for an infinity that stay defined under -ffast-math.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <limits>
#include <type_traits>

#include <tapeless/config.hpp>

TAPELESS_DETAIL_ALLOW_INFINITY_BEGIN  // quiet under -ffast-math: see config.hpp

namespace tapeless::detail {

// Tests for an infinity that stay defined under -ffinite-math-only (part of -ffast-math): there
// the compiler may assume that no value is infinite, and a comparison with the literal infinity
// is undefined (clang 19 folded hypot's `h == infinity` to true at every finite point, so
// every partial came out 0). In such a build the tests are false at run time, as the user
// promised, and exact in constant evaluation, which the flag does not change.
// Always inlined: the body depends on the flag, and a program that builds some files with
// -ffast-math and others without must not have the linker keep one copy for all of them.
template <class T>
TAPELESS_HD TAPELESS_INLINE constexpr bool is_plus_infinity(T x) noexcept {
#if defined(__FINITE_MATH_ONLY__) && __FINITE_MATH_ONLY__
  if (!TAPELESS_DETAIL_CONSTANT_EVALUATED()) return false;
#endif
  return x == std::numeric_limits<T>::infinity();
}
/// +∞ or -∞.
template <class T>
TAPELESS_HD TAPELESS_INLINE constexpr bool is_infinite(T x) noexcept {
  return is_plus_infinity(x) || is_plus_infinity(-x);
}

}  // namespace tapeless::detail

TAPELESS_DETAIL_ALLOW_INFINITY_END
