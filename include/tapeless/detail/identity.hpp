// detail::additive_identity<T>(): -0.0 in every component of T, the value adjoints start from;
// detail::collected(x): a variable's adjoint as the gradient reports it.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <tapeless/config.hpp>

namespace tapeless::detail {

/// -0.0 is the identity of IEEE addition (x + -0.0 == x for every x, +0.0 and NaN included),
/// so that the first contribution to an adjoint folds into a plain move without -ffast-math;
/// +0.0 is not (+0.0 + -0.0 is +0.0). A number type whose conversion from -0.0 leaves some
/// component at +0.0 (dual.hpp: a plain number's tangent is 0) specialises this.
template <class T>
struct additive_identity_of {
  TAPELESS_HD TAPELESS_INLINE static constexpr T value() noexcept { return static_cast<T>(-0.0); }
};

template <class T>
TAPELESS_HD TAPELESS_INLINE constexpr T additive_identity() noexcept {
  return additive_identity_of<T>::value();
}

/// A variable's adjoint as the gradient reports it: with +0.0 for every tangent component that
/// is a zero (the tangent of a plain number), where additive_identity's -0.0 stayed because
/// every contribution was a zero. The value keeps its sign, as a plain number's gradient does.
/// The identity for a number type without tangents (dual.hpp specialises it).
template <class T>
struct collected_of {
  TAPELESS_HD TAPELESS_INLINE static constexpr T value(const T& x) noexcept { return x; }
};

template <class T>
TAPELESS_HD TAPELESS_INLINE constexpr T collected(const T& x) noexcept {
  return collected_of<T>::value(x);
}

}  // namespace tapeless::detail
