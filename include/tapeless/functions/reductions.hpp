// Reductions of vector expressions to scalars: tapeless::sum, dot, squared_norm, norm, prod,
// max and min of one vector (ties documented below), and element<I>(v). Each is one node; the
// sweeps evaluate its vector operands element by element (sweep.hpp, reduction_step).
//
// A reduction operation has: `is_reduction = true`; `stateful` (true when the reverse step
// needs the forward loop's state again: max, min, prod); `init<T>()`, `accumulate(state,
// elements...)`, `finish(state)` for the value; `seed<J>(state, value, abar, elements...)`, the
// adjoint of operand J's element; `seed_reads_value` (true when seed reads the state or the
// value: then the root's reverse loop cannot run inside its forward loop, see sweep.hpp's
// forward_backward); `begin<N>()` and `end<N>()`, the elements it reads.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <limits>

#include <tapeless/config.hpp>
#include <tapeless/detail/math.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/functions/common.hpp>  // the dual-number overloads of detail::math

TAPELESS_DETAIL_ALLOW_INFINITY_BEGIN  // quiet under -ffast-math: see config.hpp

namespace tapeless {

namespace ops {
/// The parts every reduction over all elements shares.
struct all_elements : detail::every_element {
  static constexpr bool is_reduction = true;
  static constexpr bool stateful = false;
  /// true unless a reduction says otherwise: one whose seed read its value and was fused
  /// would be wrong, one left unfused is only slower
  static constexpr bool seed_reads_value = true;
};

/// Σ vᵢ; ∂/∂vᵢ = 1.
struct sum : all_elements {
  static constexpr char name[] = "sum";
  static constexpr bool seed_reads_value = false;
  static constexpr detail::curvature curvature = detail::curvature::linear;
  template <class T>
  static constexpr T init() noexcept {
    return static_cast<T>(-0.0);  // the identity of addition, so that sum of -0.0s is -0.0
  }
  template <class T>
  TAPELESS_HD static constexpr void accumulate(T& s, T e) noexcept {
    s += e;
  }
  template <class T>
  TAPELESS_HD static constexpr T finish(T s) noexcept {
    return s;
  }
  template <std::size_t J, class T>
  TAPELESS_HD static constexpr T seed(T, T, T abar, T) noexcept {
    return abar;
  }
};

/// Σ uᵢvᵢ; ∂/∂uᵢ = vᵢ, ∂/∂vᵢ = uᵢ.
struct dot : all_elements {
  static constexpr char name[] = "dot";
  static constexpr bool seed_reads_value = false;
  static constexpr detail::curvature curvature = detail::curvature::bilinear;
  template <class T>
  static constexpr T init() noexcept {
    return static_cast<T>(-0.0);
  }
  template <class T>
  TAPELESS_HD static constexpr void accumulate(T& s, T u, T v) noexcept {
    s += u * v;
  }
  template <class T>
  TAPELESS_HD static constexpr T finish(T s) noexcept {
    return s;
  }
  template <std::size_t J, class T>
  TAPELESS_HD static constexpr T seed(T, T, T abar, T u, T v) noexcept {
    return abar * (J == 0 ? v : u);
  }
};

/// Σ vᵢ²; ∂/∂vᵢ = 2vᵢ.
struct squared_norm : all_elements {
  static constexpr char name[] = "squared_norm";
  static constexpr bool seed_reads_value = false;
  template <class T>
  static constexpr T init() noexcept {
    return static_cast<T>(0);
  }
  template <class T>
  TAPELESS_HD static constexpr void accumulate(T& s, T e) noexcept {
    s += e * e;
  }
  template <class T>
  TAPELESS_HD static constexpr T finish(T s) noexcept {
    return s;
  }
  template <std::size_t J, class T>
  TAPELESS_HD static constexpr T seed(T, T, T abar, T e) noexcept {
    return abar * (e + e);
  }
};

/// √(Σ vᵢ²); ∂/∂vᵢ = vᵢ/‖v‖, and 0 at v = 0 (the subgradient of least norm, as hypot).
struct norm : all_elements {
  static constexpr char name[] = "norm";
  template <class T>
  static constexpr T init() noexcept {
    return static_cast<T>(0);
  }
  template <class T>
  TAPELESS_HD static constexpr void accumulate(T& s, T e) noexcept {
    s += e * e;
  }
  template <class T>
  TAPELESS_HD static constexpr T finish(T s) noexcept {
    return detail::math::sqrt(s);
  }
  template <std::size_t J, class T>
  TAPELESS_HD static constexpr T seed(T, T y, T abar, T e) noexcept {
    return y == static_cast<T>(0) ? static_cast<T>(0) : abar * (e / y);
  }
};

/// Π vᵢ; ∂/∂vᵢ = Π_{j≠i} vⱼ, exact also when some vᵢ are 0: the state keeps the product of the
/// non-zero elements and the number of zeros.
struct prod : all_elements {
  static constexpr char name[] = "prod";
  static constexpr bool stateful = true;
  template <class T>
  struct state {
    T nonzero = 1;
    int zeros = 0;
  };
  template <class T>
  static constexpr state<T> init() noexcept {
    return {static_cast<T>(1), 0};
  }
  template <class T>
  TAPELESS_HD static constexpr void accumulate(state<T>& s, T e) noexcept {
    if (e == static_cast<T>(0))
      ++s.zeros;
    else
      s.nonzero *= e;
  }
  template <class T>
  TAPELESS_HD static constexpr T finish(const state<T>& s) noexcept {
    return s.zeros == 0 ? s.nonzero : static_cast<T>(0) * s.nonzero;
  }
  template <std::size_t J, class T>
  TAPELESS_HD static constexpr T seed(const state<T>& s, T y, T abar, T e) noexcept {
    if (s.zeros == 0) return abar * (y / e);
    if (s.zeros == 1 && e == static_cast<T>(0)) return abar * s.nonzero;
    return static_cast<T>(0);
  }
};

/// max and min of the elements. Ties: the adjoint is split evenly among the elements equal to
/// the result (PyTorch's amax/amin), so max of a constant vector has gradient 1/N each.
/// A NaN element makes the result NaN (and the gradient NaN), as std::max would not.
template <bool Max>
struct extremum : all_elements {
  static constexpr detail::curvature curvature = detail::curvature::linear;  // piecewise
  static constexpr char name[] = "max";
  static constexpr bool stateful = true;
  template <class T>
  struct state {
    T best;
    int ties;
    bool nan;
  };
  // No element yet (ties == 0) rather than a best of ∓infinity: a -ffinite-math-only build may
  // fold comparisons with an infinity (config.hpp), and the first element costs one test.
  template <class T>
  static constexpr state<T> init() noexcept {
    return {static_cast<T>(0), 0, false};
  }
  template <class T>
  TAPELESS_HD static constexpr void accumulate(state<T>& s, T e) noexcept {
    if (e != e) {
      s.nan = true;
    } else if (s.ties == 0 || (Max ? e > s.best : e < s.best)) {
      s.best = e;
      s.ties = 1;
    } else if (e == s.best) {
      ++s.ties;
    }
  }
  template <class T>
  TAPELESS_HD static constexpr T finish(const state<T>& s) noexcept {
    return s.nan ? std::numeric_limits<T>::quiet_NaN() : s.best;
  }
  template <std::size_t J, class T>
  TAPELESS_HD static constexpr T seed(const state<T>& s, T y, T abar, T e) noexcept {
    if (s.nan) return y;
    return e == s.best ? abar / static_cast<T>(s.ties) : static_cast<T>(0);
  }
};
struct max_element : extremum<true> {
  static constexpr char name[] = "max";
};
struct min_element : extremum<false> {
  static constexpr char name[] = "min";
};

/// Element I of a vector expression; only that element is evaluated.
template <std::size_t I>
struct element {
  static constexpr char name[] = "element";
  static constexpr detail::curvature curvature = detail::curvature::linear;
  static constexpr bool is_reduction = true;
  static constexpr bool stateful = false;
  static constexpr bool seed_reads_value = false;
  static constexpr std::uint64_t id = detail::hash_mix(0x656c656dull, I);
  template <std::size_t N>
  static constexpr std::size_t begin() noexcept {
    static_assert(I < N, "tapeless::element<I>(v): I must be smaller than v's length");
    return I;
  }
  template <std::size_t N>
  static constexpr std::size_t end() noexcept {
    return I + 1;
  }
  template <class T>
  static constexpr T init() noexcept {
    return static_cast<T>(0);
  }
  template <class T>
  TAPELESS_HD static constexpr void accumulate(T& s, T e) noexcept {
    s = e;
  }
  template <class T>
  TAPELESS_HD static constexpr T finish(T s) noexcept {
    return s;
  }
  template <std::size_t J, class T>
  TAPELESS_HD static constexpr T seed(T, T, T abar, T) noexcept {
    return abar;
  }
};
}  // namespace ops

namespace detail {
template <class E>
concept vector_expression = expression<E> && (E::info.length > 1);
}  // namespace detail

/// Σ vᵢ of a vector expression.
template <detail::vector_expression V>
[[nodiscard]] constexpr auto sum(const V& v) noexcept {
  return tapeless::make_node<ops::sum>(v);
}
/// Σ uᵢvᵢ; u and v of the same length.
template <operand U, operand V>
  requires(detail::vector_expression<U> || detail::vector_expression<V>)
[[nodiscard]] constexpr auto dot(const U& u, const V& v) noexcept {
  return tapeless::make_node<ops::dot>(u, v);
}
/// Σ vᵢ².
template <detail::vector_expression V>
[[nodiscard]] constexpr auto squared_norm(const V& v) noexcept {
  return tapeless::make_node<ops::squared_norm>(v);
}
/// √(Σ vᵢ²) (the Euclidean norm; its gradient at 0 is 0).
template <detail::vector_expression V>
[[nodiscard]] constexpr auto norm(const V& v) noexcept {
  return tapeless::make_node<ops::norm>(v);
}
/// Π vᵢ.
template <detail::vector_expression V>
[[nodiscard]] constexpr auto prod(const V& v) noexcept {
  return tapeless::make_node<ops::prod>(v);
}
/// The largest element (ties share the adjoint evenly).
template <detail::vector_expression V>
[[nodiscard]] constexpr auto max(const V& v) noexcept {
  return tapeless::make_node<ops::max_element>(v);
}
/// The smallest element (ties share the adjoint evenly).
template <detail::vector_expression V>
[[nodiscard]] constexpr auto min(const V& v) noexcept {
  return tapeless::make_node<ops::min_element>(v);
}
/// Element I of a vector expression: `element<2>(x)`.
template <std::size_t I, detail::vector_expression V>
[[nodiscard]] constexpr auto element(const V& v) noexcept {
  return tapeless::make_node<ops::element<I>>(v);
}

}  // namespace tapeless

TAPELESS_DETAIL_ALLOW_INFINITY_END
