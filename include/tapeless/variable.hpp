// tapeless::var<"x">: an independent variable, named in its type; `x = value` binds it.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <tapeless/expression.hpp>
#include <tapeless/fixed_string.hpp>

namespace tapeless {

template <class Var, class V>
struct binding;

/// An independent variable. `constexpr tapeless::var<"x"> x;` declares it; `x = 2.0` makes a
/// binding for `tapeless::at(...)`. Every `var<"x">` is the same node of any graph it is in.
template <fixed_string Name>
struct var {
  static constexpr fixed_string name_v = Name;
  static constexpr detail::node_kind kind = detail::node_kind::variable;
  static constexpr std::size_t const_count = 0;
  using const_type = void;
  static constexpr detail::node_info info{detail::hash_chars(Name.chars, Name.size()),
                                          nullptr,
                                          0,
                                          0,
                                          kind,
                                          true,
                                          true,
                                          Name.chars,
                                          static_cast<std::uint32_t>(Name.size())};

  /// The variable's name, e.g. for printing: `x.name() == "x"`.
  static constexpr name_view name() noexcept { return {name_v.chars, name_v.size()}; }

  /// `x = value`: a binding for `tapeless::at(...)`. The value must be a number
  /// (int, float, double, long double, ...).
  template <class V>
  constexpr auto operator=(const V& value) const noexcept {
    if constexpr (!detail::number<V>) {
      static_assert(detail::number<V>,
                    "tapeless: a variable can only be bound to a number (int, float, double, long "
                    "double): `x = 2.0`; see the variable's name in the line above");
      return binding<var, double>{0.0};
    } else {
      return binding<var, V>{value};
    }
  }
};

/// A variable's value in `tapeless::at(...)`, made by `x = value`.
template <class Var, class V>
struct binding {
  using variable = Var;
  using value_type = V;
  V value;
};

}  // namespace tapeless
