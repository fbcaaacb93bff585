// tapeless::fixed_string: a string literal usable as a template argument (variable names).
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>

namespace tapeless {

/// A string literal held by value, so that `var<"x">` can name a variable in its type.
/// `N` counts the terminating zero, as for a `char[N]` literal.
template <std::size_t N>
struct fixed_string {
  char chars[N]{};

  constexpr fixed_string(const char (&s_)[N]) noexcept {  // NOLINT: implicit by design
    for (std::size_t i = 0; i < N; ++i) chars[i] = s_[i];
  }
  constexpr fixed_string() noexcept = default;

  /// Number of characters, without the terminating zero.
  static constexpr std::size_t size() noexcept { return N - 1; }
  [[nodiscard]] constexpr const char* c_str() const noexcept { return chars; }
  constexpr char operator[](std::size_t i) const noexcept { return chars[i]; }

  template <std::size_t M>
  friend constexpr bool operator==(const fixed_string& a, const fixed_string<M>& b) noexcept {
    if constexpr (N != M) {
      return false;
    } else {
      for (std::size_t i = 0; i < N; ++i)
        if (a.chars[i] != b.chars[i]) return false;
      return true;
    }
  }
};

/// A non-owning view of a name, comparable with string literals (`name == "x"`).
/// `std::string_view` is not available to freestanding users, hence this small type.
struct name_view {
  const char* data = "";
  std::size_t size = 0;

  friend constexpr bool operator==(name_view a, name_view b) noexcept {
    if (a.size != b.size) return false;
    for (std::size_t i = 0; i < a.size; ++i)
      if (a.data[i] != b.data[i]) return false;
    return true;
  }
  template <std::size_t M>
  friend constexpr bool operator==(name_view a, const char (&s)[M]) noexcept {
    return a == name_view{s, M - 1};
  }
};

}  // namespace tapeless
