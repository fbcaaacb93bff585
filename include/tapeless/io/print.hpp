// tapeless::to_string(f) and tapeless::to_latex(f): an expression as readable infix text or as
// LaTeX. Not included by <tapeless/tapeless.hpp>; needs no heap and no hosted header, and works
// in constant evaluation: static_assert(tapeless::to_string(x * y) == "x * y").
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <tapeless/io/detail/printer.hpp>
#include <tapeless/io/op_format.hpp>
#include <tapeless/io/static_string.hpp>
#include <tapeless/tapeless.hpp>

namespace tapeless {

/// The expression as infix text with the fewest parentheses that keep its structure:
/// `x*x*x + x*x` prints "x * x * x + x * x", `sin(x)/x` prints "sin(x) / x", `-pow<2>(x)`
/// prints "-x^2", `a - (b - c)` keeps its parentheses. Compile-time constants (c<2.5>) and
/// run-time constants print their values, shortest form that reads back exactly ("2.5",
/// "0.1", "1e-7"). Named intermediates print by name, followed by their definitions:
/// "u + v where u = x^3, v = x^2". Shared subexpressions without a name print in full at every
/// use (the text is the expression tree; the graph drawings show the sharing).
/// The result is a static_string whose capacity is computed from the type of `f`; it is a
/// constant expression when `f` is.
template <expression E>
[[nodiscard]] constexpr auto to_string(const E& f) noexcept {
  constexpr std::size_t capacity = detail::io::expression_capacity<E>(detail::io::style::text);
  static_string<capacity> s;
  auto out = detail::io::sink::into(s);
  const detail::io::constant_values<E> values(f);
  out.consts = values.v;
  detail::io::print_expression(out, detail::io::view_of<E>(), detail::io::style::text);
  detail::io::sink::finish(s, out);
  return s;
}

/// The expression in LaTeX: `\frac{\sin(x)}{x}`, `x^{3} + x^{2}`, `2.5 \cdot x`, `\sqrt{x}`;
/// named intermediates as in to_string: `u + v \text{ where } u = x^{3}, v = x^{2}`.
template <expression E>
[[nodiscard]] constexpr auto to_latex(const E& f) noexcept {
  constexpr std::size_t capacity = detail::io::expression_capacity<E>(detail::io::style::latex);
  static_string<capacity> s;
  auto out = detail::io::sink::into(s);
  const detail::io::constant_values<E> values(f);
  out.consts = values.v;
  detail::io::print_expression(out, detail::io::view_of<E>(), detail::io::style::latex);
  detail::io::sink::finish(s, out);
  return s;
}

}  // namespace tapeless
