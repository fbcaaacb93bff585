// An operand of an expression object as an object of its own. An expression keeps the run-time
// constants of its whole tree in one flat block (its operands' blocks one after the other), so
// a subexpression is rebuilt from its slice of that block; its type is the operand's type.
// Used by d(f, x) (derivative.hpp) and by sum_over's hoisting of constant factors
// (map_reduce.hpp); the sweeps take the block itself (constants_of).
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>

#include <tapeless/config.hpp>
#include <tapeless/expression.hpp>

namespace tapeless::detail {

/// A subexpression's object from its constants.
template <class E, class S>
constexpr E rebuild(const S* c) noexcept {
  if constexpr (E::kind == node_kind::runtime_constant) {
    return E(static_cast<typename E::const_type>(c[0]));
  } else {
    E e{};
    if constexpr (E::const_count > 0)
      for (std::size_t i = 0; i < E::const_count; ++i) e.c[i] = static_cast<typename E::const_type>(c[i]);
    return e;
  }
}

template <class E>
struct node_parts;
template <class Op, auto... Xs>
struct node_parts<node<Op, Xs...>> {
  using op = Op;
  using operands = type_list<operand_type<Xs>...>;
  static constexpr std::size_t arity = sizeof...(Xs);
  /// Where operand J's constants start in the node's block.
  template <std::size_t J>
  static constexpr std::size_t offset() noexcept {
    constexpr std::size_t counts[] = {operand_type<Xs>::const_count..., 0};
    std::size_t o = 0;
    for (std::size_t k = 0; k < J; ++k) o += counts[k];
    return o;
  }
};

/// The run-time constants of an expression object, as a pointer to their flattened block.
template <class E>
TAPELESS_HD TAPELESS_INLINE constexpr auto constants_of(const E& e) noexcept {
  if constexpr (E::const_count == 0)
    return static_cast<const int*>(nullptr);
  else
    return &e.c[0];
}

/// Operand J of the node object whose constants start at c.
template <class E, std::size_t J, class S>
constexpr auto operand_object(const S* c) noexcept {
  using A = typename E::template operand<J>;
  return rebuild<A>(c + node_parts<E>::template offset<J>());
}

}  // namespace tapeless::detail
