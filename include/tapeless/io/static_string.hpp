// tapeless::static_string<N>: the result type of the printers. A fixed-capacity string whose
// capacity is computed at compile time from the expression type, so printing needs no heap and
// works in constant evaluation (static_assert(to_string(f) == "x * y")).
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <type_traits>

#include <tapeless/fixed_string.hpp>

namespace tapeless {

namespace detail::io {
struct sink;
}

/// Characters and a size, at most `Capacity` of them, always followed by a zero.
/// Compare it with a string literal, stream it (`std::cout << s`), or convert it explicitly to
/// any string type constructible from (pointer, size): `std::string(s)`, `std::string_view(s)`.
template <std::size_t Capacity>
class static_string {
 public:
  constexpr static_string() noexcept = default;

  static constexpr std::size_t capacity() noexcept { return Capacity; }
  [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
  [[nodiscard]] constexpr bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] constexpr const char* data() const noexcept { return chars_; }
  [[nodiscard]] constexpr const char* c_str() const noexcept { return chars_; }
  [[nodiscard]] constexpr const char* begin() const noexcept { return chars_; }
  [[nodiscard]] constexpr const char* end() const noexcept { return chars_ + size_; }
  constexpr char operator[](std::size_t i) const noexcept { return chars_[i]; }
  [[nodiscard]] constexpr name_view view() const noexcept { return {chars_, size_}; }

  /// `std::string(s)`, `std::string_view(s)`: explicit, so that no hosted header is needed here.
  template <class String>
    requires requires(const char* p, std::size_t n) { String(p, n); }
  constexpr explicit operator String() const {
    return String(chars_, size_);
  }

  template <std::size_t M>
  friend constexpr bool operator==(const static_string& a, const char (&s)[M]) noexcept {
    return a.view() == name_view{s, M - 1};
  }
  template <std::size_t M>
  friend constexpr bool operator==(const static_string& a, const static_string<M>& b) noexcept {
    return a.view() == b.view();
  }

  /// `os << s` for any stream with `write(const char*, n)`; no <ostream> needed here.
  template <class Stream>
  friend auto operator<<(Stream& os, const static_string& s)
      -> decltype(os.write(static_cast<const char*>(nullptr), 0), os) {
    os.write(s.data(), static_cast<std::make_signed_t<std::size_t>>(s.size()));
    return os;
  }

 private:
  friend struct detail::io::sink;
  char chars_[Capacity + 1]{};
  std::size_t size_ = 0;
};

}  // namespace tapeless
