// Matrix products: tapeless::matmul(A, B) (matrix-matrix, matrix-vector), transpose(A) and
// outer(u, v). Unlike the elementwise operations and the reductions, a product reads its
// operands at other indices than the one it computes, so it is a dense node: its step computes
// the whole result into a block of its own in the sweeps' arrays, and its reverse step passes
// the block's adjoints on (sweep.hpp, dense_step). An operand that is an elementwise
// expression is stored first, by a `store` node (one loop, as a reduction's).
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <tapeless/config.hpp>
#include <tapeless/detail/identity.hpp>
#include <tapeless/dual.hpp>
#include <tapeless/expression.hpp>

namespace tapeless {

namespace ops {

/// A dense operation's interface: `is_dense = true`; `result(shape...)`, the result's shape
/// from the operands'; `forward(x, out)` writes the result into out; `backward(x, abar)`
/// adds abar's contributions to the operands with x.add<J>(k, value). x.read<J>(k) is element
/// k of operand J (row-major), x.dims<J>() its shape, x.active<J>() whether it needs adjoints,
/// x.tangent_free<J>() whether its elements' tangents are zero at compile time (T dual).

/// C = A·B: C(r, c) = Σⱼ A(r, j) B(j, c). Adjoints: Ā += C̄ Bᵀ, B̄ += Aᵀ C̄.
struct matmul {
  static constexpr char name[] = "matmul";
  static constexpr detail::curvature curvature = detail::curvature::bilinear;
  static constexpr bool is_dense = true;
  static constexpr detail::shape result(detail::shape a, detail::shape b) noexcept {
    return {a.rows() * b.cols, b.cols};
  }
  /// node_info::writes_once: backward adds into A(r, j) once per column of B, into B(j, c) once
  /// per row of A.
  static constexpr std::uint32_t writes_once(detail::shape a, detail::shape b) noexcept {
    return (b.cols == 1 ? 1u : 0u) | (a.rows() == 1 ? 2u : 0u);
  }
  template <class X, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const X& x, T* out) noexcept {
    constexpr int f = free_factor<X, T>();
    if constexpr (f >= 0)
      if (finite_factor<f>(x)) return forward_with<f>(x, out);
    forward_with<-1>(x, out);
  }
  template <class X, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const X& x, const T* abar) noexcept {
    constexpr std::size_t m = X::template dims<0>().rows();
    constexpr std::size_t n = X::template dims<1>().cols;
    constexpr int f = free_factor<X, T>();
    for (std::size_t r = 0; r < m; ++r) {
      for (std::size_t c = 0; c < n; ++c) {
        const T g = abar[r * n + c];
        if constexpr (f >= 0) {
          if (detail::strong_zero(g.tangent))
            backward_entry<f, true>(x, g, r, c);
          else
            backward_entry<f, false>(x, g, r, c);
        } else {
          backward_entry<f, false>(x, g, r, c);
        }
      }
    }
  }

  // Forward over reverse (T a dual number: H·v, Hessians) with a factor under stop_gradient,
  // the data of a layer: that factor's tangent is a compile-time zero, and the strong-zero test
  // of each product (dual.hpp) is left testing the other factor's tangent at run time. In the
  // forward step, when the factor's entries are all finite, detail::times_finite_constant gives
  // the same products without the test: one check instead of a test in each of the m·n·inner
  // products. In the reverse step the other factor is the adjoint C̄(r, c), the same in a whole
  // row of products: its test is made once for the row (backward_entry), no check needed.

  /// The operand whose tangent is known to be zero (1 first), -1 for none or a T not dual.
  template <class X, class T>
  static constexpr int free_factor() noexcept {
    if constexpr (detail::real_dual<T> && X::template tangent_free<1>())
      return 1;
    else if constexpr (detail::real_dual<T> && X::template tangent_free<0>())
      return 0;
    else
      return -1;
  }
  template <int F, class X>
  TAPELESS_HD TAPELESS_INLINE static constexpr bool finite_factor(const X& x) noexcept {
    // x − x is +0 for a finite x and NaN for an infinite or NaN one, and a sum keeps a NaN:
    // one test after the loop, no flag and no branch per entry, and the loop vectorises.
    using R = std::remove_cvref_t<decltype(x.template read<F>(0).value)>;
    R s = static_cast<R>(0);
    for (std::size_t k = 0; k < X::template dims<F>().length; ++k) {
      const R e = x.template read<F>(k).value;
      s += e - e;
    }
    return s == static_cast<R>(0);
  }
  /// a·b; FreeB: b is a finite factor with a zero tangent.
  template <bool FreeB, class A>
  TAPELESS_HD TAPELESS_INLINE static constexpr A product(const A& a, const A& b) noexcept {
    if constexpr (FreeB)
      return detail::times_finite_constant(a, b.value);
    else
      return a * b;
  }
  template <int F, class X, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward_with(const X& x, T* out) noexcept {
    constexpr std::size_t m = X::template dims<0>().rows();
    constexpr std::size_t inner = X::template dims<0>().cols;
    constexpr std::size_t n = X::template dims<1>().cols;
    for (std::size_t r = 0; r < m; ++r) {
      for (std::size_t c = 0; c < n; ++c) {
        T s = detail::additive_identity<T>();  // -0.0, in the tangent too: as in sum
        for (std::size_t j = 0; j < inner; ++j) {
          // a·b = b·a exactly: the finite factor goes second
          if constexpr (F == 0)
            s += product<true>(x.template read<1>(j * n + c), x.template read<0>(r * inner + j));
          else
            s += product<F == 1>(x.template read<0>(r * inner + j), x.template read<1>(j * n + c));
        }
        out[r * n + c] = s;
      }
    }
  }
  /// C̄(r, c) = g times a factor entry b whose tangent is a compile-time zero: operator*'s
  /// product exactly, with g's strong-zero test (GZero) made by the caller.
  template <bool GZero, class A>
  TAPELESS_HD TAPELESS_INLINE static constexpr A times_free(const A& g, const A& b) noexcept {
    if constexpr (GZero)
      return {g.value * b.value, static_cast<decltype(g.tangent)>(0)};
    else
      return detail::times_finite_constant(g, b.value);  // exact: g's tangent is not zero
  }
  /// The adjoint C̄(r, c) = g passed on to row r of A and column c of B.
  template <int F, bool GZero, class X, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward_entry(const X& x, const T& g, std::size_t r,
                                                                   std::size_t c) noexcept {
    constexpr std::size_t inner = X::template dims<0>().cols;
    constexpr std::size_t n = X::template dims<1>().cols;
    for (std::size_t j = 0; j < inner; ++j) {
      if constexpr (X::template active<0>()) {
        if constexpr (F == 1)
          x.template add<0>(r * inner + j, times_free<GZero>(g, x.template read<1>(j * n + c)));
        else
          x.template add<0>(r * inner + j, g * x.template read<1>(j * n + c));
      }
      if constexpr (X::template active<1>()) {
        if constexpr (F == 0)
          x.template add<1>(j * n + c, times_free<GZero>(g, x.template read<0>(r * inner + j)));
        else
          x.template add<1>(j * n + c, g * x.template read<0>(r * inner + j));
      }
    }
  }
};

/// Aᵀ: Aᵀ(c, r) = A(r, c); a (column) vector becomes a row (1×N).
struct transpose {
  static constexpr char name[] = "transpose";
  static constexpr detail::curvature curvature = detail::curvature::linear;
  static constexpr bool is_dense = true;
  static constexpr detail::shape result(detail::shape a) noexcept { return {a.length, a.rows()}; }
  static constexpr std::uint32_t writes_once(detail::shape) noexcept { return 1u; }
  template <class X, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const X& x, T* out) noexcept {
    constexpr std::size_t m = X::template dims<0>().rows();
    constexpr std::size_t n = X::template dims<0>().cols;
    for (std::size_t r = 0; r < m; ++r)
      for (std::size_t c = 0; c < n; ++c) out[c * m + r] = x.template read<0>(r * n + c);
  }
  template <class X, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const X& x, const T* abar) noexcept {
    constexpr std::size_t m = X::template dims<0>().rows();
    constexpr std::size_t n = X::template dims<0>().cols;
    for (std::size_t r = 0; r < m; ++r)
      for (std::size_t c = 0; c < n; ++c) x.template add<0>(r * n + c, abar[c * m + r]);
  }
};

}  // namespace ops

namespace detail {
/// A vector or matrix: what matmul and transpose take.
template <class E>
concept array_expression = expression<E> && (E::info.length > 1);

/// The operand as a dense operation reads it: variables and dense nodes are addressable as
/// they are, and so is a variable under stop_gradient (read in place, see reads_in_place);
/// any other elementwise expression is stored first.
template <class E>
constexpr auto addressable(const E& e) noexcept {
  if constexpr (E::kind == node_kind::variable || E::kind == node_kind::dense ||
                reads_in_place<E>())
    return e;
  else
    return tapeless::make_node<ops::store>(e);
}

template <std::uint32_t RowsA, std::uint32_t ColsA, std::uint32_t RowsB, std::uint32_t ColsB>
inline constexpr bool matmul_inner_dimensions_agree = false;
template <class E>
inline constexpr bool matmul_takes_vectors_and_matrices = false;
}  // namespace detail

/// The matrix product A·B: matrix × matrix, matrix × vector (a vec<"x", N> is an N×1 column),
/// row × matrix (transpose(x) is 1×N). A's columns must equal B's rows. `*` stays elementwise.
template <operand A, operand B>
[[nodiscard]] constexpr auto matmul(const A& a, const B& b) noexcept {
  static_assert(detail::array_expression<A> && detail::array_expression<B>,
                "tapeless::matmul(A, B) multiplies matrices and vectors (tapeless::mat, "
                "tapeless::vec and expressions of them); for a scalar factor write s * A");
  if constexpr (detail::array_expression<A> && detail::array_expression<B>) {
    constexpr detail::shape sa{A::info.length, A::info.cols};
    constexpr detail::shape sb{B::info.length, B::info.cols};
    static_assert(sa.cols == sb.rows() ||
                      detail::matmul_inner_dimensions_agree<sa.rows(), sa.cols, sb.rows(), sb.cols>,
                  "tapeless::matmul(A, B): A's number of columns must equal B's number of rows "
                  "(the template arguments here are A's rows and columns, then B's); a vec is a "
                  "column: for xᵀ·M write matmul(transpose(x), M), for xᵀ·y write dot(x, y)");
    if constexpr (sa.cols == sb.rows())
      return tapeless::make_node<ops::matmul>(detail::addressable(a), detail::addressable(b));
    else
      return a;  // after the error, a stand-in that adds no second one
  } else if constexpr (detail::array_expression<B>) {
    return b;
  } else {
    return a;
  }
}

/// The transpose Aᵀ; of a vec, a row (1×N).
template <detail::array_expression A>
[[nodiscard]] constexpr auto transpose(const A& a) noexcept {
  return tapeless::make_node<ops::transpose>(detail::addressable(a));
}

/// The outer product u·vᵀ of two vectors: an M×N matrix.
template <detail::array_expression U, detail::array_expression V>
[[nodiscard]] constexpr auto outer(const U& u, const V& v) noexcept {
  static_assert(U::info.cols == 1 && V::info.cols == 1,
                "tapeless::outer(u, v) takes two (column) vectors");
  return tapeless::make_node<ops::matmul>(detail::addressable(u),
                                          tapeless::make_node<ops::transpose>(detail::addressable(v)));
}

}  // namespace tapeless
