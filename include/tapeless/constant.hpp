// Compile-time constants: tapeless::c<2.5>, a number known to the type system.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <bit>
#include <cstdint>

#include <tapeless/expression.hpp>

namespace tapeless {

namespace detail {

/// A number usable as a template argument on every supported compiler. clang 16 rejects
/// floating-point template arguments, so the value travels as the bits of a double.
struct literal_value {
  std::uint64_t bits = 0;
  bool integral = false;

  constexpr literal_value(double v_) noexcept : bits(std::bit_cast<std::uint64_t>(v_)) {}  // NOLINT
  constexpr literal_value(float v_) noexcept : literal_value(static_cast<double>(v_)) {}   // NOLINT
  constexpr literal_value(int v_) noexcept                                                 // NOLINT
      : bits(std::bit_cast<std::uint64_t>(static_cast<double>(v_))), integral(true) {}
  constexpr literal_value(long long v_) noexcept  // NOLINT
      : bits(std::bit_cast<std::uint64_t>(static_cast<double>(v_))), integral(true) {}
  /// The members themselves: nvcc writes a template argument of this type back into the host
  /// compiler's source as `{bits, integral}`.
  constexpr literal_value(std::uint64_t bits_, bool integral_) noexcept
      : bits(bits_), integral(integral_) {}

  [[nodiscard]] constexpr double value() const noexcept { return std::bit_cast<double>(bits); }
};

}  // namespace detail

/// A constant known at compile time. Unlike a plain number in an expression, it is part of the
/// type: expressions that use it are shared like any pure subexpression, and its partials fold.
template <detail::literal_value V>
struct constant {
  static constexpr double value = V.value();
  static constexpr bool integral = V.integral;
  static constexpr detail::node_kind kind = detail::node_kind::literal;
  static constexpr std::size_t const_count = 0;
  using const_type = void;
  static constexpr detail::node_info info{detail::hash_mix(0x6c69740000000000ull, V.bits),
                                          {},
                                          0,
                                          0,
                                          kind,
                                          true,
                                          false};
};

/// `tapeless::c<2.5> * x`: a compile-time constant (an int, float or double value; a long
/// double literal must be written as a double). Converted to the evaluation type when used.
template <detail::literal_value V>
inline constexpr constant<V> c{};

}  // namespace tapeless
