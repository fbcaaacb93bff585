// tapeless::at(x = 1.0, y = 2.0): the values of the variables at which to evaluate.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <type_traits>

#include <tapeless/variable.hpp>

namespace tapeless {

namespace detail {
template <class T>
struct is_binding : std::false_type {};
template <class Var, class V>
struct is_binding<binding<Var, V>> : std::true_type {};

/// `t = span` for a scalar variable: run-time-length data, for tapeless::data(...)
/// (map_reduce.hpp), not for at(...).
template <class T>
struct is_sequence_binding : std::false_type {};
template <scalar_variable Var, class V>
struct is_sequence_binding<binding<Var, V>> : std::bool_constant<sequence_value<V>> {};

template <class B, class... Bs>
constexpr bool binds_same_variable() noexcept {
  return (std::is_same_v<typename B::variable, typename Bs::variable> || ...);
}

template <class... Bs>
struct first_duplicate;
template <>
struct first_duplicate<> {
  using type = void;
};
template <class B, class... Bs>
struct first_duplicate<B, Bs...> {
  using type = std::conditional_t<binds_same_variable<B, Bs...>(), typename B::variable,
                                  typename first_duplicate<Bs...>::type>;
};

/// The evaluation type: the common type of the bound values; integers evaluate in double
/// (as std::sqrt(int) does). Literals and run-time constants are converted to it, so a
/// float-bound evaluation does all its arithmetic in float. Dual numbers (tapeless::dual,
/// bound by hessian.hpp) keep their type: the sweeps then carry tangents.
template <class... V>
struct evaluation_type {
  using common = std::common_type_t<V...>;
  using type = std::conditional_t<std::is_integral_v<common>, double, common>;
};
template <>
struct evaluation_type<> {
  using type = double;
};

/// The element type of a bound value: the value itself for a scalar, the element of an array
/// or span bound to a vector variable.
template <class V>
struct element_type {
  using type = V;
};
template <class V>
  requires requires { typename V::value_type; }
struct element_type<V> {
  using type = std::remove_cv_t<typename V::value_type>;
};
}  // namespace detail

/// A set of bindings made by `tapeless::at(...)`; scalars and arrays are stored by value,
/// spans by reference.
template <class... Bs>
struct env : Bs... {
  using value_type =
      typename detail::evaluation_type<typename detail::element_type<typename Bs::value_type>::type...>::type;

  /// True if the variable `Var` has a value here.
  template <class Var>
  static constexpr bool binds = (std::is_same_v<Var, typename Bs::variable> || ...);

  /// The value bound to `Var`, converted to the evaluation type.
  template <class Var>
  [[nodiscard]] TAPELESS_INLINE constexpr value_type get() const noexcept {
    return static_cast<value_type>(pick<Var>(*this).value);
  }

  /// Element i of the array bound to the vector variable `Var`.
  template <class Var>
  [[nodiscard]] TAPELESS_INLINE constexpr value_type element(std::size_t i) const noexcept {
    return static_cast<value_type>(pick<Var>(*this).value[i]);
  }

 private:
  template <class Var, class V>
  TAPELESS_INLINE static constexpr const binding<Var, V>& pick(const binding<Var, V>& b) noexcept {
    return b;  // NOLINT(bugprone-return-const-ref-from-parameter): only ever *this
  }
};

namespace error {
/// `at(...)` binds a variable twice: `at(x = 1.0, x = 2.0)`. How the error names the variable:
/// see error::message in variable.hpp.
template <class Var>
inline constexpr bool variable_bound_twice_in_at = false;
template <class Var>
inline constexpr auto variable_bound_twice_in_at_text =
    text("tapeless: at(...) binds ", Var::name_v.chars, " twice; give each variable one value: at(",
         Var::name_v.chars, " = value, ...)");
template <class Var>
constexpr bool bind_once_in_at() noexcept {
#if TAPELESS_DETAIL_MESSAGE_IN_TYPE
  // g++ prints the incomplete type, the whole message, in the error line
  static_assert(sizeof(message<variable_bound_twice_in_at_text<Var>>) == 0);
#else
  static_assert(tapeless::error::variable_bound_twice_in_at<Var>,
                "tapeless: at(...) binds the variable named here twice; give each variable one "
                "value: at(<name> = value, ...)");
#endif
  return false;
}

/// What `at(...)` returns after it reported an error: eval, grad and value_and_grad stop on it
/// without a second error.
struct invalid_at {};
}  // namespace error

/// `tapeless::at(x = 1.0, y = 2.0)`: the point of evaluation. Bindings come in any order;
/// each variable at most once.
template <class... Bs>
[[nodiscard]] constexpr auto at(const Bs&... bs) noexcept {
  static_assert((detail::is_binding<Bs>::value && ...),
                "tapeless: at(...) takes bindings `variable = value`, e.g. at(x = 1.0, y = 2.0)");
  static_assert(!(detail::is_sequence_binding<Bs>::value || ...),
                "tapeless: at(...) takes numbers; bind spans in tapeless::data(t = span, ...) and "
                "pass both to tapeless::sum_over(f, data(...), at(...)) (tapeless/map_reduce.hpp)");
  if constexpr (!(detail::is_binding<Bs>::value && ...) ||
                (detail::is_sequence_binding<Bs>::value || ...)) {
    return error::invalid_at{};
  } else {
    using dup = typename detail::first_duplicate<Bs...>::type;
    if constexpr (!std::is_void_v<dup>) {
      error::bind_once_in_at<dup>();  // the error: `dup` is bound twice
      return error::invalid_at{};
    } else {
      return env<Bs...>{bs...};
    }
  }
}

}  // namespace tapeless
