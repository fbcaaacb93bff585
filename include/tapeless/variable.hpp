// tapeless::var<"x">: an independent variable, named in its type; `x = value` binds it.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <type_traits>
#include <utility>

#include <tapeless/expression.hpp>
#include <tapeless/fixed_string.hpp>

namespace tapeless {

template <class Var, class V>
struct binding;

namespace detail {
/// Values other than numbers that `x = value` may bind: run-time-length data for
/// tapeless::data(...) and tapeless::adjoints(...), which map_reduce.hpp enables for std::span
/// by specialising this. at(...) still takes numbers only.
template <class V>
inline constexpr bool sequence_value = false;
}  // namespace detail

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

/// Copies a string literal's characters (not its '\0') to out[at...]; returns the next index.
constexpr std::size_t append_text(char* out, std::size_t at, const char* part,
                                  std::size_t size) noexcept {
  for (std::size_t i = 0; i + 1 < size; ++i) out[at++] = part[i];
  return at;
}

/// The parts of a message joined into one `fixed_string`.
template <std::size_t... N>
constexpr fixed_string<(N + ... + 1) - sizeof...(N)> text(const char (&... parts)[N]) noexcept {
  fixed_string<(N + ... + 1) - sizeof...(N)> joined;
  std::size_t k = 0;
  ((k = append_text(joined.chars, k, parts, N)), ...);
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
                                          {},
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
    if constexpr (!detail::number<V> && !detail::sequence_value<V>) {
      // The error: V is not a number. The binding to 0.0 keeps at(...) and grad(...) quiet.
      error::bind_a_number_to<var, V>();
      return binding<var, double>{0.0};
    } else {
      return binding<var, V>{value};
    }
  }
};

namespace error {
template <std::size_t N, class V>
inline constexpr bool bind_n_numbers = false;
}  // namespace error

/// A vector variable of N elements: `constexpr tapeless::vec<"x", 4> x;`. One node of the graph
/// whatever N is (the type, the compile time and the compiler's memory do not grow with N);
/// elementwise operations on it are vector nodes too, and reductions (sum, dot, ...) turn them
/// into scalars, element by element, without storing any intermediate vector.
/// `x = std::array{...}` (or a C array of N numbers: both copied, like scalars; or a
/// std::span<const T, N>, which refers to the caller's data) makes a binding; `g[x]` is a
/// std::array of the N partial derivatives.
template <fixed_string Name, std::size_t N>
struct vec {
  static_assert(N >= 2, "tapeless::vec<Name, N> needs N >= 2; use tapeless::var<Name> for a scalar");
  static constexpr fixed_string name_v = Name;
  static constexpr detail::node_kind kind = detail::node_kind::variable;
  static constexpr std::size_t const_count = 0;
  using const_type = void;
  static constexpr detail::node_info info{detail::hash_mix(detail::hash_chars(Name.chars, Name.size()), N),
                                          {},
                                          0,
                                          0,
                                          kind,
                                          true,
                                          true,
                                          Name.chars,
                                          static_cast<std::uint32_t>(Name.size()),
                                          static_cast<std::uint32_t>(N)};

  static constexpr name_view name() noexcept { return {name_v.chars, name_v.size()}; }
  static constexpr std::size_t size() noexcept { return N; }

  /// `x = std::array{...}`, a C array, or a std::span of static extent N.
  template <class V>
  constexpr auto operator=(const V& value) const noexcept {
    if constexpr (requires {
                           typename V::value_type;
                           requires detail::number<std::remove_cv_t<typename V::value_type>>;
                           requires V::extent == N;
                         }) {
      return binding<vec, std::span<const std::remove_cv_t<typename V::value_type>, N>>{value};
    } else if constexpr (requires {
                           typename V::value_type;
                           requires detail::number<typename V::value_type>;
                           requires std::tuple_size<V>::value == N;
                         }) {
      return binding<vec, V>{value};
    } else if constexpr (std::is_array_v<V> && std::extent_v<V> == N &&
                         detail::number<std::remove_cv_t<std::remove_extent_t<V>>>) {
      using E = std::remove_cv_t<std::remove_extent_t<V>>;
      binding<vec, std::array<E, N>> b{};
      for (std::size_t i = 0; i < N; ++i) b.value[i] = value[i];
      return b;
    } else {
      return bind_error<V>();
    }
  }

 private:
  template <class V>
  static constexpr auto bind_error() noexcept {
    static_assert(error::bind_n_numbers<N, V>,
                  "tapeless: a vec<Name, N> is bound to exactly N numbers: a std::array<T, N>, a "
                  "T[N] or a std::span<T, N> (the template arguments of bind_n_numbers say N "
                  "and what was given)");
    return binding<vec, std::array<double, N>>{};
  }
};

namespace error {
template <std::size_t M, std::size_t N, class V>
inline constexpr bool bind_m_by_n_numbers = false;
}  // namespace error

/// A matrix variable of M rows and N columns: `constexpr tapeless::mat<"W", 8, 4> W;`. Like a
/// vec, one node of the graph whatever its size, stored row-major (element (r, c) is entry
/// r·N + c); elementwise operations and reductions see its M·N entries, tapeless::matmul and
/// tapeless::transpose its shape. `W = value` binds a std::array<std::array<T, N>, M> or a
/// T[M][N] (copied), a flat std::array<T, M·N> (copied) or a std::span<const T, M·N> (refers
/// to the caller's data, row-major: use it for large matrices); `g[W]` is a
/// std::array<std::array<T, N>, M>.
template <fixed_string Name, std::size_t M, std::size_t N>
struct mat {
  static_assert(M >= 1 && N >= 1 && M * N >= 2,
                "tapeless::mat<Name, M, N> needs M, N >= 1 and at least two entries; use "
                "tapeless::var<Name> for a scalar");
  static constexpr fixed_string name_v = Name;
  static constexpr detail::node_kind kind = detail::node_kind::variable;
  static constexpr std::size_t const_count = 0;
  using const_type = void;
  static constexpr detail::node_info info{
      detail::hash_mix(detail::hash_mix(detail::hash_chars(Name.chars, Name.size()), M), N),
      {},
      0,
      0,
      kind,
      true,
      true,
      Name.chars,
      static_cast<std::uint32_t>(Name.size()),
      static_cast<std::uint32_t>(M * N),
      static_cast<std::uint32_t>(N)};

  static constexpr name_view name() noexcept { return {name_v.chars, name_v.size()}; }
  static constexpr std::size_t rows() noexcept { return M; }
  static constexpr std::size_t cols() noexcept { return N; }
  static constexpr std::size_t size() noexcept { return M * N; }

  template <class V>
  constexpr auto operator=(const V& value) const noexcept {
    if constexpr (requires {
                    typename V::value_type;
                    requires detail::number<std::remove_cv_t<typename V::value_type>>;
                    requires V::extent == M * N;
                  }) {
      return binding<mat, std::span<const std::remove_cv_t<typename V::value_type>, M * N>>{value};
    } else if constexpr (requires {
                           typename V::value_type;
                           requires detail::number<typename V::value_type>;
                           requires std::tuple_size<V>::value == M * N;
                         }) {
      return binding<mat, V>{value};
    } else if constexpr (requires {
                           typename V::value_type::value_type;
                           requires detail::number<typename V::value_type::value_type>;
                           requires std::tuple_size<V>::value == M;
                           requires std::tuple_size<typename V::value_type>::value == N;
                         }) {
      return flatten<typename V::value_type::value_type>(value);
    } else if constexpr (std::is_array_v<V> && std::rank_v<V> == 2 && std::extent_v<V, 0> == M &&
                         std::extent_v<V, 1> == N &&
                         detail::number<std::remove_cv_t<std::remove_all_extents_t<V>>>) {
      return flatten<std::remove_cv_t<std::remove_all_extents_t<V>>>(value);
    } else {
      static_assert(error::bind_m_by_n_numbers<M, N, V>,
                    "tapeless: a mat<Name, M, N> is bound to M×N numbers: a "
                    "std::array<std::array<T, N>, M>, a T[M][N], a flat std::array<T, M*N> or a "
                    "std::span<const T, M*N> (the template arguments of bind_m_by_n_numbers say "
                    "M, N and what was given)");
      return binding<mat, std::array<double, M * N>>{};
    }
  }

 private:
  template <class E, class V>
  static constexpr auto flatten(const V& value) noexcept {
    binding<mat, std::array<E, M * N>> b{};
    for (std::size_t r = 0; r < M; ++r)
      for (std::size_t c = 0; c < N; ++c) b.value[r * N + c] = value[r][c];
    return b;
  }
};

namespace detail {
/// Whether V is a `var<...>`, a `vec<..., N>`, a `mat<..., M, N>`, rebuilt from V's own
/// members: nvcc's front end (EDG, CUDA 13.0) does not deduce a class-type template parameter
/// (`fixed_string Name`), so a partial specialisation or an overload on `var<Name>` never
/// matches there (nor does a concept that names `var<V::name_v>` directly).
template <class V>
constexpr bool is_var_type() noexcept {
  if constexpr (requires { V::name_v; })
    return std::is_same_v<V, var<V::name_v>>;
  else
    return false;
}
template <class V>
constexpr bool is_vec_type() noexcept {
  if constexpr (requires {
                  V::name_v;
                  V::size();
                })
    return std::is_same_v<V, vec<V::name_v, V::size()>>;
  else
    return false;
}
template <class V>
constexpr bool is_mat_type() noexcept {
  if constexpr (requires {
                  V::name_v;
                  V::rows();
                  V::cols();
                })
    return std::is_same_v<V, mat<V::name_v, V::rows(), V::cols()>>;
  else
    return false;
}
template <class V>
concept scalar_variable = is_var_type<V>();
template <class V>
concept vector_variable = is_vec_type<V>();
template <class V>
concept matrix_variable = is_mat_type<V>();
}  // namespace detail

/// A variable's value in `tapeless::at(...)`, made by `x = value`.
template <class Var, class V>
struct binding {
  using variable = Var;
  using value_type = V;
  V value;
};

}  // namespace tapeless
