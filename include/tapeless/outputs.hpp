// tapeless::outputs(f, g, ...): several scalar expressions over the same variables as one
// expression, whose root has no value or derivative of its own; their shared subexpressions
// are one node each. The root of jacobian, jvp and vjp (jacobian.hpp), and of the Hessian's
// entries evaluated together (hessian.hpp).
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <type_traits>

#include <tapeless/config.hpp>
#include <tapeless/expression.hpp>

namespace tapeless {

namespace ops {
/// The root that holds several outputs: a node without value or derivative of its own.
struct outputs {
  static constexpr char name[] = "outputs";
  static constexpr bool differentiable = false;
  static constexpr detail::curvature curvature = detail::curvature::linear;
  template <class T, class... A>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(A...) noexcept {
    return static_cast<T>(0);
  }
};
}  // namespace ops

namespace detail {
template <class E>
inline constexpr bool is_outputs = false;
template <auto... Xs>
inline constexpr bool is_outputs<node<ops::outputs, Xs...>> = true;

template <class E>
concept scalar_expression = expression<E> && (E::info.length == 1);
}  // namespace detail

/// Several scalar outputs over the same variables, `outputs(f, g, h)` (at most 8): a
/// vector-valued function for jacobian, vjp and jacobian_pattern. Subexpressions shared by the
/// outputs are computed once.
template <operand... F>
  requires(sizeof...(F) >= 1)
[[nodiscard]] constexpr auto outputs(const F&... f) noexcept {
  static_assert((detail::scalar_expression<std::remove_cvref_t<decltype(detail::as_node(f))>> && ...),
                "tapeless::outputs(f, g, ...) takes scalar expressions; reduce a vector "
                "expression first (sum, dot, element<I>, ...)");
  return tapeless::make_node<ops::outputs>(f...);
}

}  // namespace tapeless
