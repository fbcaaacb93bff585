// tapeless::let<"u">(e): a named intermediate, shared wherever it is used.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>

#include <tapeless/config.hpp>
#include <tapeless/expression.hpp>
#include <tapeless/fixed_string.hpp>

namespace tapeless {

namespace ops {
/// The identity, under a name. Named nodes are identified by name and type even when they
/// hold run-time constants: the name is the user's promise that every occurrence is the same
/// value, so `let<"u">(2.0 * x)` is computed once however often u is used.
template <fixed_string Name>
struct named {
  static constexpr bool is_named = true;
  static constexpr std::uint32_t reverse_reads = 0;  // detail::reverse_reads_of
  static constexpr detail::curvature curvature = detail::curvature::linear;
  static constexpr fixed_string name_v = Name;
  static constexpr const char* name = name_v.chars;
  static constexpr std::uint64_t id = detail::hash_chars(Name.chars, Name.size()) ^ 0x6c6574ull;
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T apply(T a) noexcept {
    return a;
  }
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx&, T abar) noexcept {
    return abar;
  }
};
}  // namespace ops

/// `auto u = tapeless::let<"u">(x * x * x);` names an intermediate (the seed's u = x³). Every
/// use of `u` is one node of the graph, computed once, its adjoints summed; this gives sharing
/// to subexpressions with run-time constants, which are otherwise never merged. One name must
/// stand for one value: two different `let<"u">` of the same type in one expression are taken
/// to be the same node (the first one's constants are used).
template <fixed_string Name, operand E>
[[nodiscard]] constexpr auto let(const E& e) noexcept {
  return tapeless::make_node<ops::named<Name>>(e);
}

}  // namespace tapeless
