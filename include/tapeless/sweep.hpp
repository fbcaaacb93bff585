// The forward and reverse sweeps, emitted from the graph plan as one flat function of pack
// expansions: values and adjoints live in arrays indexed by compile-time constants, which the
// optimiser turns into registers. Nothing here knows about particular operations.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include <tapeless/config.hpp>
#include <tapeless/graph.hpp>

namespace tapeless {

namespace detail {

template <std::uint32_t... K>
struct index_list {};

template <class Op>
struct partners_of {
  using type = type_list<>;
};
template <class Op>
  requires requires { typename Op::partners; }
struct partners_of<Op> {
  using type = typename Op::partners;
};

template <class Op2, class... P>
constexpr std::size_t position_in(type_list<P...>) noexcept {
  constexpr bool hit[] = {std::is_same_v<Op2, P>..., false};
  std::size_t i = 0;
  while (i < sizeof...(P) && !hit[i]) ++i;
  return i;
}

template <std::uint32_t... K>
constexpr std::size_t index_count(index_list<K...>) noexcept {
  return sizeof...(K);
}

template <std::size_t J, std::uint32_t... K>
constexpr std::uint32_t nth_index(index_list<K...>) noexcept {
  constexpr std::uint32_t ks[] = {K..., 0};
  return ks[J];
}

/// What an operation's `adjoint<J>(ctx, abar)` sees of the graph: its own value, its operands'
/// values, and the values of its partners over the same operands (`Op::partners`), so that
/// d sin(x) = cos(x) reuses a cos(x) the expression already computes.
///
/// Every step type below is named by short template arguments only (the operation, node
/// indices): never by the expression type. Why: a function named after a 1000-deep expression
/// type has a mangled name of 1000 levels, and one per node made clang -O0 cubic (chain of 400
/// nodes: 414 s, 25 MB object). Now only a handful of functions carry the expression type.
template <class Op, std::uint32_t I, class Partners, class T, std::uint32_t... K>
struct context {
  using value_type = T;
  const T* v;

  TAPELESS_HD constexpr T value() const noexcept { return v[I]; }

  template <std::size_t J>
  TAPELESS_HD constexpr T operand() const noexcept {
    return v[nth_index<J>(index_list<K...>{})];
  }

  /// The value of `Op2` applied to this node's operands: read from the graph when the graph
  /// computes it anyway, else computed here. `Op2` must be listed in `Op::partners`.
  template <class Op2>
  TAPELESS_HD constexpr T sibling() const noexcept {
    using list = typename partners_of<Op>::type;
    constexpr std::size_t p = position_in<Op2>(list{});
    static_assert(p < index_count(Partners{}),
                  "tapeless: an operation asked for sibling<Op2>() without listing Op2 in its "
                  "`using partners = tapeless::detail::type_list<...>`");
    if constexpr (nth_index<p>(Partners{}) != no_node)
      return v[nth_index<p>(Partners{})];
    else
      return Op2::template apply<T>(v[K]...);
  }
};

/// Steps: one short type per node, with static forward/backward members.
template <class Var, std::uint32_t I>
struct variable_step {
  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C*, const Env& env, T* v) noexcept {
    v[I] = env.template get<Var>();
  }
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const T*, T*) noexcept {}
};

template <class Literal, std::uint32_t I>
struct literal_step {
  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C*, const Env&, T* v) noexcept {
    v[I] = static_cast<T>(Literal::value);
  }
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const T*, T*) noexcept {}
};

template <std::uint32_t I, std::uint32_t Offset>
struct constant_step {
  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C* c, const Env&, T* v) noexcept {
    v[I] = static_cast<T>(c[Offset]);
  }
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const T*, T*) noexcept {}
};

template <std::uint32_t I, std::uint32_t K, bool Active>
struct named_step {
  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C*, const Env&, T* v) noexcept {
    v[I] = v[K];
  }
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const T*, T* a) noexcept {
    if constexpr (Active) a[K] += a[I];
  }
};

/// An operation node: `ActiveMask` bit J says that operand J reaches a variable and needs an
/// adjoint (operands that do not get no code at all); `Partners` are the indices of the
/// partner nodes, or no_node.
template <class Op, std::uint32_t I, std::uint32_t ActiveMask, class Partners, std::uint32_t... K>
struct operation_step {
  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C*, const Env&, T* v) noexcept {
    v[I] = Op::template apply<T>(v[K]...);
  }

  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const T* v, T* a) noexcept {
    if constexpr (ActiveMask != 0)
      backward_operands(v, a, std::make_index_sequence<sizeof...(K)>{});
  }

 private:
  template <class T, std::size_t... J>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward_operands(
      const T* v, T* a, std::index_sequence<J...>) noexcept {
    const context<Op, I, Partners, T, K...> ctx{v};
    const T abar = a[I];
    (accumulate<J>(ctx, abar, a), ...);
  }

  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void accumulate(const Ctx& ctx, T abar,
                                                               T* a) noexcept {
    if constexpr ((ActiveMask >> J) & 1u)
      a[nth_index<J>(index_list<K...>{})] += Op::template adjoint<J>(ctx, abar);
  }
};

/// The step type of an operation node (see step_of).
template <class Root, std::size_t I, class N = node_type<Root, I>>
struct operation_step_of {

  template <class... P>
  static constexpr auto partner_indices(type_list<P...>) noexcept
      -> index_list<(N::info.shared ? graph_of<Root>::value.find(&N::template with_op<P>::info) : no_node)...>;

  template <std::size_t... J>
  static constexpr std::uint32_t active_mask(std::index_sequence<J...>) noexcept {
    return ((graph_of<Root>::value.nodes[graph_of<Root>::value.nodes[I].operands[J]].info->active ? (1u << J) : 0u) | ... | 0u);
  }

  template <std::size_t... J>
  static constexpr auto make(std::index_sequence<J...>) noexcept
      -> operation_step<typename N::op, static_cast<std::uint32_t>(I),
                        active_mask(std::index_sequence<J...>{}),
                        decltype(partner_indices(typename partners_of<typename N::op>::type{})),
                        graph_of<Root>::value.nodes[I].operands[J]...>;

  using type = decltype(make(std::make_index_sequence<N::arity>{}));
};

/// The step type of node I of Root. These class templates read the (deep) expression type, but
/// they are never a function's template argument and emit no code.
template <class Root, std::size_t I>
struct step_of {
  using N = node_type<Root, I>;

  static constexpr auto select() noexcept {
    constexpr auto i = static_cast<std::uint32_t>(I);
    if constexpr (N::kind == node_kind::variable)
      return variable_step<N, i>{};
    else if constexpr (N::kind == node_kind::literal)
      return literal_step<N, i>{};
    else if constexpr (N::kind == node_kind::runtime_constant)
      return constant_step<i, graph_of<Root>::value.nodes[I].const_offset>{};
    else if constexpr (N::kind == node_kind::named)
      return named_step<i, graph_of<Root>::value.nodes[I].operands[0], N::info.active>{};
    else
      return typename operation_step_of<Root, I, N>::type{};
  }

  using type = decltype(select());
};

template <class Root, std::size_t I>
using step = typename step_of<Root, I>::type;

/// The run-time constants of the root, as a pointer to their flattened block.
template <class Root>
TAPELESS_HD TAPELESS_INLINE constexpr auto constants_of(const Root& root) noexcept {
  if constexpr (Root::const_count == 0)
    return static_cast<const int*>(nullptr);
  else
    return &root.c[0];
}

/// Forward values of all nodes, in topological order. Braced-list expansion rather than a fold
/// expression: clang limits folds to 256 operands, and a braced list sequences left to right.
template <class Root, class T, class C, class Env, std::size_t... I>
TAPELESS_HD TAPELESS_INLINE constexpr void forward_sweep(const C* c, const Env& env, T* v,
                                                         std::index_sequence<I...>) noexcept {
  [[maybe_unused]] const int sequence[] = {(step<Root, I>::forward(c, env, v), 0)...};
}

/// Adjoints in reverse topological order: every node's adjoint is complete (the sum over all
/// paths) before it is propagated to its operands.
template <class Root, class T, std::size_t... I>
TAPELESS_HD TAPELESS_INLINE constexpr void reverse_sweep(const T* v, T* a,
                                                         std::index_sequence<I...>) noexcept {
  constexpr std::size_t n = sizeof...(I);
  [[maybe_unused]] const int sequence[] = {(step<Root, n - 1 - I>::backward(v, a), 0)...};
}

/// Adjoints start at -0.0, the identity of IEEE addition (x + -0.0 == x for every x, +0.0
/// included), so the first contribution to each adjoint folds into a plain move without
/// -ffast-math.
template <class T, std::size_t... I>
TAPELESS_HD TAPELESS_INLINE constexpr void clear_adjoints(T* a, std::index_sequence<I...>) noexcept {
  [[maybe_unused]] const int sequence[] = {((a[I] = static_cast<T>(-0.0)), 0)...};
}

}  // namespace detail

}  // namespace tapeless
