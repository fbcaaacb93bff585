// Shared pieces of the function headers: the real type a plain number is evaluated in.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <type_traits>

#include <tapeless/expression.hpp>

namespace tapeless::detail {

/// `tapeless::sin(2)` evaluates in double, as std::sin(2) does.
template <class T>
using real_t = std::conditional_t<std::is_floating_point_v<T>, T, double>;

template <class T>
constexpr real_t<T> to_real(T x) noexcept {
  return static_cast<real_t<T>>(x);
}

}  // namespace tapeless::detail
