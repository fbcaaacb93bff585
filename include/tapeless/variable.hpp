// tapeless::var<"x">: an independent variable, named in its type; `x = value` binds it.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <tapeless/expression.hpp>
#include <tapeless/fixed_string.hpp>

namespace tapeless {

template <class Var, class V>
struct binding;

namespace error {
// Compile errors say in their first line what is wrong, with the user's variable, and what to
// do. clang prints the condition of a failed static_assert in its error line, so there the
// condition is a self-describing name, `no_value_bound_for<var<"y">>`, before the message. g++
// prints the condition only in a note after the message, but prints an incomplete type's name
// in full: there the message itself, with the variable's name in it, is the template argument
// of the incomplete type `message` ({fmt}'s trick), and the error line reads
// "invalid application of 'sizeof' to incomplete type
// 'tapeless::error::message<...{"tapeless: ...; bind y: at(..., y = value)"}>'"
// (the static_assert around it adds no second error).
#if defined(__GNUC__) && !defined(__clang__) && !defined(__EDG__) && !defined(__CUDACC__) && \
    !defined(__NVCOMPILER)
#define TAPELESS_DETAIL_MESSAGE_IN_TYPE 1
#else
#define TAPELESS_DETAIL_MESSAGE_IN_TYPE 0
#endif

/// The text of an error, as a type name (never defined; see above).
template <fixed_string Text>
struct message;

/// The parts of a message joined into one `fixed_string`.
template <std::size_t... N>
constexpr fixed_string<(N + ... + 1) - sizeof...(N)> text(const char (&... parts)[N]) noexcept {
  fixed_string<(N + ... + 1) - sizeof...(N)> joined;
  std::size_t k = 0;
  const auto append = [&](const char* part, std::size_t size) {
    for (std::size_t i = 0; i + 1 < size; ++i) joined.chars[k++] = part[i];
  };
  (append(parts, N), ...);
  return joined;
}

/// `x = value` with a value that is not a number: a string, a struct, bool.
template <class Var, class V>
inline constexpr bool value_is_not_a_number = false;
template <class Var>
inline constexpr auto value_is_not_a_number_text = text(
    "tapeless: a variable can only be bound to a number (int, float, double, long double; "
    "not bool); bind ",
    Var::name_v.chars, " to one: ", Var::name_v.chars, " = 2.0");
template <class Var, class V>
constexpr bool bind_a_number_to() noexcept {
#if TAPELESS_DETAIL_MESSAGE_IN_TYPE
  // g++ prints the incomplete type, the whole message, in the error line
  static_assert(sizeof(message<value_is_not_a_number_text<Var>>) == 0);
#else
  static_assert(tapeless::error::value_is_not_a_number<Var, V>,
                "tapeless: a variable can only be bound to a number (int, float, double, long "
                "double; not bool); bind the variable named here to one: <name> = 2.0");
#endif
  return false;
}
}  // namespace error

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
      // The error: V is not a number. The binding to 0.0 keeps at(...) and grad(...) quiet.
      error::bind_a_number_to<var, V>();
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
