// The compile-time sparsity pattern of the Hessian: tapeless::hessian_pattern(f) says which
// second derivatives ∂²f/∂xᵢ∂xⱼ can be nonzero, from the expression's type alone.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include <tapeless/expression.hpp>
#include <tapeless/graph.hpp>

namespace tapeless {

namespace detail {

/// Every variable a depends on couples with every variable b depends on (t.h, both triangles).
template <class Table>
constexpr void couple(Table& t, const ct_array<bool>& dep, std::size_t nv, std::uint32_t a,
                      std::uint32_t b) noexcept {
  for (std::size_t i = 0; i < nv; ++i)
    if (dep[a * nv + i])
      for (std::size_t j = 0; j < nv; ++j)
        if (dep[b * nv + j]) t.h[i][j] = t.h[j][i] = true;
}

/// The pattern by the classical rule of nonlinear interactions: a node's variables (`dep`) are
/// the union of its active operands'; a node couples the variables of its operands in its
/// second derivatives as its operation's `curvature` says (a linear node couples nothing,
/// a·b couples a's with b's, a/b a's with b's and b's with b's, a nonlinear node all of them);
/// ∂²f/∂xᵢ∂xⱼ is structurally zero unless some node couples xᵢ and xⱼ. (By the chain rule the
/// second derivative of f is a sum, over the nodes, of products of first derivatives with the
/// node's own second derivatives; a pair no node couples has none.) Conditions and constants
/// carry no variables. Per variable: a vector or matrix variable is one row and column.
template <class E>
struct hessian_pattern_of {
  static constexpr std::size_t n = graph_of<E>::size;
  static constexpr std::size_t nv = graph_of<E>::value.variable_count;
  struct table {
    bool h[nv == 0 ? 1 : nv][nv == 0 ? 1 : nv] = {};
  };
  static constexpr table make() {
    const auto& p = graph_of<E>::value;
    ct_array<bool> dep;  // dep[i * nv + q]: node i depends on variable q
    dep.reserve(n * nv + 1);
    dep.size = n * nv;
    table t{};
    for (std::size_t q = 0; q < nv; ++q) dep[p.variables[q] * nv + q] = true;
    for (std::uint32_t k = 0; k < n; ++k) {
      const node_info& d = *p.nodes[k].info;
      if (d.kind == node_kind::variable || !d.active) continue;
      const std::uint32_t* ops = p.nodes[k].operands;
      for (std::uint32_t j = 0; j < d.arity; ++j)
        if (p.nodes[ops[j]].info->active)
          for (std::size_t q = 0; q < nv; ++q) dep[k * nv + q] = dep[k * nv + q] || dep[ops[j] * nv + q];
      switch (d.curv) {
        case curvature::linear:
          break;
        case curvature::bilinear:
          if (d.arity >= 2) couple(t, dep, nv, ops[0], ops[1]);
          break;
        case curvature::quotient:
          couple(t, dep, nv, ops[0], ops[1]);
          couple(t, dep, nv, ops[1], ops[1]);
          break;
        case curvature::nonlinear:
          for (std::uint32_t a = 0; a < d.arity; ++a)
            for (std::uint32_t b = 0; b < d.arity; ++b) couple(t, dep, nv, ops[a], ops[b]);
          break;
      }
    }
    return t;
  }
  static constexpr table value = make();
};

/// A grouping of the Hessian's columns (one per variable) such that no row has nonzeros in
/// two columns of the same group (greedy distance-2 colouring of the pattern, in variable
/// order): one Hessian-vector product with the sum of a group's unit vectors then gives every
/// entry of those columns, H(i, j) being entry i of the product of j's group. A column
/// without any nonzero needs no product (group `none`). For the extended Rosenbrock function
/// of any size: 3 groups.
template <class E>
struct hessian_colouring {
  static constexpr std::size_t nv = graph_of<E>::value.variable_count;
  static constexpr std::size_t none = static_cast<std::size_t>(-1);
  struct table {
    std::size_t colour[nv == 0 ? 1 : nv] = {};
    std::size_t count = 0;
  };
  static constexpr table make() noexcept {
    const auto& h = hessian_pattern_of<E>::value.h;
    table t{};
    for (std::size_t j = 0; j < nv; ++j) {
      bool any = false;
      for (std::size_t i = 0; i < nv; ++i) any = any || h[i][j];
      if (!any) {
        t.colour[j] = none;
        continue;
      }
      std::size_t c = 0;
      for (;; ++c) {
        bool clash = false;
        for (std::size_t k = 0; k < j && !clash; ++k)
          if (t.colour[k] == c)
            for (std::size_t i = 0; i < nv && !clash; ++i) clash = h[i][j] && h[i][k];
        if (!clash) break;
      }
      t.colour[j] = c;
      if (c + 1 > t.count) t.count = c + 1;
    }
    return t;
  }
  static constexpr table value = make();
};

/// How many entries of a pattern's lower triangle (i ≥ j) are structurally nonzero.
template <class Table>
constexpr std::size_t lower_count(const Table& t, std::size_t nv) noexcept {
  std::size_t c = 0;
  for (std::size_t i = 0; i < nv; ++i)
    for (std::size_t j = 0; j <= i; ++j) c += t.h[i][j] ? 1 : 0;
  return c;
}

/// The structural nonzeros of the lower triangle (i ≥ j), row by row: the layout of
/// tapeless::sparse_hessian.
template <class E>
struct hessian_lower_entries {
  static constexpr std::size_t nv = graph_of<E>::value.variable_count;
  static constexpr std::size_t count = lower_count(hessian_pattern_of<E>::value, nv);
  struct table {
    std::size_t row[count == 0 ? 1 : count] = {};
    std::size_t col[count == 0 ? 1 : count] = {};
  };
  static constexpr table make() noexcept {
    table t{};
    std::size_t k = 0;
    for (std::size_t i = 0; i < nv; ++i)
      for (std::size_t j = 0; j <= i; ++j)
        if (hessian_pattern_of<E>::value.h[i][j]) {
          t.row[k] = i;
          t.col[k] = j;
          ++k;
        }
    return t;
  }
  static constexpr table value = make();
};

}  // namespace detail

/// The number of Hessian-vector products that give the whole Hessian of f by its
/// compile-time sparsity (see detail::hessian_colouring): 3 for the extended Rosenbrock
/// function, n for a dense Hessian of n variables.
template <expression E>
[[nodiscard]] constexpr std::size_t hessian_colours(const E&) noexcept {
  return detail::hessian_colouring<E>::value.count;
}

/// The compile-time sparsity pattern of f's Hessian: `pattern[i][j]` is false when
/// ∂²f/∂xᵢ∂xⱼ is zero for every value of the variables (variables in order of first
/// appearance, as tapeless::variable_name; a vec or mat variable is one row and column).
/// Symmetric. Piecewise-linear operations (abs, min, max, relu, select) count as linear: their
/// second derivatives vanish except at the kinks, where they do not exist.
template <expression E>
[[nodiscard]] constexpr auto hessian_pattern(const E&) noexcept {
  constexpr std::size_t nv = detail::graph_of<E>::value.variable_count;
  std::array<std::array<bool, nv>, nv> pattern{};
  for (std::size_t i = 0; i < nv; ++i)
    for (std::size_t j = 0; j < nv; ++j) pattern[i][j] = detail::hessian_pattern_of<E>::value.h[i][j];
  return pattern;
}

/// The number of structurally nonzero entries of f's Hessian on and above the diagonal.
template <expression E>
[[nodiscard]] constexpr std::size_t hessian_nonzeros(const E&) noexcept {
  return detail::hessian_lower_entries<E>::count;
}

}  // namespace tapeless
