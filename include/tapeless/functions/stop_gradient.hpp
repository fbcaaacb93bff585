// tapeless::stop_gradient(e): e's value, as a constant to every derivative (JAX's
// lax.stop_gradient, PyTorch's detach). What it is for: data bound as variables, the input and
// targets of a loss, whose gradients nobody reads. Under stop_gradient no adjoint reaches them,
// so the sweep computes none: grad(loss, at(W = ..., x = ...)) with x under stop_gradient does
// the work of a gradient with respect to W alone, and g[x] is 0.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>

#include <tapeless/config.hpp>
#include <tapeless/dual.hpp>
#include <tapeless/expression.hpp>

namespace tapeless {

namespace detail {
/// The value without its tangents, at every level of dual numbers: a constant's.
template <class T>
TAPELESS_HD constexpr T without_tangents(const T& x) noexcept {
  if constexpr (is_dual<T>)
    return T{without_tangents(x.value), {}};
  else
    return x;
}
}  // namespace detail

namespace ops {
struct stop_gradient {
  static constexpr char name[] = "stop_gradient";
  /// No adjoint flows through (the node is inactive, so nothing below it gets adjoint code) ...
  static constexpr bool differentiable = false;
  /// ... and a dense operation (matmul) reads a stop_gradient of a variable in place, element
  /// by element through apply, without storing it first (sweep.hpp, dense_step_of).
  static constexpr bool read_in_place = true;
  /// ... and what it reads has no tangent in forward mode (apply below): a dense operation
  /// may multiply by it without testing for a strong zero (matmul, times_finite_constant).
  static constexpr bool drops_tangents = true;
  static constexpr bool cheap = true;  // a copy
  /// Forward mode too: a tangent does not pass (so that Hessians, H·v and jvp agree with the
  /// gradient: x·stop_gradient(x) has gradient x and second derivative 0, as in JAX).
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T x) noexcept {
    return detail::without_tangents(x);
  }
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx&, T) noexcept {
    return static_cast<T>(0);  // never called: the node passes no adjoint on
  }
};
}  // namespace ops

/// e as a constant to differentiation: its value, derivative 0 at every order. For scalars,
/// vectors and matrices (elementwise). Variables that are data (a layer's input, targets) are
/// best bound under it: their gradients are then not computed at all.
template <expression E>
[[nodiscard]] constexpr auto stop_gradient(const E& e) noexcept {
  return make_node<ops::stop_gradient>(e);
}

}  // namespace tapeless
