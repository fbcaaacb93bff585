// tapeless::op_format<Op>: how the printers write an operation and its local partial
// derivatives. The primary template works for any operation (function-call syntax with
// Op::name, no known partial); the operations of the core are specialised here. A new
// operation gets the fallback until someone specialises op_format for it (same pattern).
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <cstdint>

#include <tapeless/io/detail/text.hpp>
#include <tapeless/tapeless.hpp>

namespace tapeless {

namespace detail::io {
constexpr bool is_punctuation(const char* s) noexcept {
  if (*s == '\0') return false;
  for (; *s != '\0'; ++s) {
    const char c = *s;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
      return false;
  }
  return true;
}
/// Operations that the fallback knows by name and arity (those of the core without an
/// op_format of their own): the LaTeX command and the local partials, as text with $0, $1,
/// $2 standing for the operands' names. Keyed by name so that this header does not depend on
/// which function headers exist.
struct known_operation {
  const char* name;
  std::uint32_t arity;
  const char* latex;
  const char* partials[3];
};

inline constexpr known_operation known_operations[] = {
    {"tan", 1, "\\tan", {"1 + tan($0)^2"}},
    {"sinh", 1, "\\sinh", {"cosh($0)"}},
    {"cosh", 1, "\\cosh", {"sinh($0)"}},
    {"tanh", 1, "\\tanh", {"1 - tanh($0)^2"}},
    {"asinh", 1, "\\operatorname{arsinh}", {"1/sqrt($0^2 + 1)"}},
    {"acosh", 1, "\\operatorname{arcosh}", {"1/sqrt($0^2 - 1)"}},
    {"atanh", 1, "\\operatorname{artanh}", {"1/(1 - $0^2)"}},
    {"asin", 1, "\\arcsin", {"1/sqrt(1 - $0^2)"}},
    {"acos", 1, "\\arccos", {"-1/sqrt(1 - $0^2)"}},
    {"atan", 1, "\\arctan", {"1/(1 + $0^2)"}},
    {"atan2", 2, "\\operatorname{atan2}", {"$1/($0^2 + $1^2)", "-$0/($0^2 + $1^2)"}},
    {"exp2", 1, nullptr, {"exp2($0)*log(2)"}},
    {"expm1", 1, nullptr, {"exp($0)"}},
    {"log2", 1, "\\log_2", {"1/($0*log(2))"}},
    {"log10", 1, "\\log_{10}", {"1/($0*log(10))"}},
    {"log1p", 1, nullptr, {"1/(1 + $0)"}},
    {"cbrt", 1, nullptr, {"1/(3*cbrt($0)^2)"}},
    {"abs", 1, nullptr, {"sign($0)"}},
    {"hypot", 2, nullptr, {"$0/hypot($0, $1)", "$1/hypot($0, $1)"}},
    {"hypot", 3, nullptr, {"$0/hypot($0, $1, $2)", "$1/hypot($0, $1, $2)", "$2/hypot($0, $1, $2)"}},
    {"fma", 3, nullptr, {"$1", "$0", "1"}},
    {"sigmoid", 1, nullptr, {"sigmoid($0)*(1 - sigmoid($0))"}},
    {"softplus", 1, nullptr, {"sigmoid($0)"}},
    {"relu", 1, nullptr, {"($0 > 0 ? 1 : 0)"}},
    {"log_sum_exp", 2, nullptr, {"1/(1 + exp($1 - $0))", "1/(1 + exp($0 - $1))"}},
    {"erf", 1, "\\operatorname{erf}", {"2/sqrt(pi)*exp(-$0^2)"}},
    {"erfc", 1, "\\operatorname{erfc}", {"-2/sqrt(pi)*exp(-$0^2)"}},
    {"tgamma", 1, "\\Gamma", {"tgamma($0)*digamma($0)"}},
    {"lgamma", 1, "\\ln\\Gamma", {"digamma($0)"}},
    {"digamma", 1, "\\psi", {"trigamma($0)"}},
    {"min", 2, "\\min", {}},
    {"max", 2, "\\max", {}},
    {"select", 3, nullptr, {"0", "($0 ? 1 : 0)", "($0 ? 0 : 1)"}},
    {"<", 2, "<", {}},
    {"<=", 2, "\\le", {}},
    {">", 2, ">", {}},
    {">=", 2, "\\ge", {}},
    {"==", 2, "=", {}},
    {"!=", 2, "\\ne", {}},
    {"&&", 2, "\\land", {}},
    {"||", 2, "\\lor", {}},
    {"!", 1, "\\lnot ", {}},
};

constexpr bool same_text(const char* a, const char* b) noexcept {
  while (*a != '\0' && *a == *b) {
    ++a;
    ++b;
  }
  return *a == *b;
}

constexpr const known_operation* find_known(const char* name, std::uint32_t arity) noexcept {
  for (const known_operation& k : known_operations)
    if (k.arity == arity && same_text(k.name, name)) return &k;
  return nullptr;
}

/// && and || bind less tightly than comparisons in the fallback's infix notation.
constexpr int fallback_precedence(const char* name) noexcept {
  return same_text(name, "&&") || same_text(name, "||") ? prec_compare - 1 : prec_compare;
}
}  // namespace detail::io

/// The printing description of operation `Op`. Members (all static constexpr):
///   form        notation::function, infix, prefix, power, fraction, root
///   symbol      plain-text symbol or function name ("+", "sin")
///   latex       LaTeX symbol or command ("\\cdot", "\\sin"); nullptr: \operatorname{symbol}
///   precedence  for infix: 1 for + -, 2 for * /, 0 for comparisons
///   exponent    for notation::power with one operand: the exponent in the operation (pow<N>)
///   partial(w, j)  optional: writes ∂self/∂operand_j with `partial_writer` w; without it the
///               graph drawings label the edge ∂self/∂operand only.
/// The fallback: a name made of punctuation ("<", "==") with two operands is infix with
/// precedence 0 (-1 for && and ||), with one operand prefix; any other name is a function
/// call, name(a, b). The operations of the core that have no specialisation are found by name
/// and arity in detail::io::known_operations, for their LaTeX and their partials.
template <class Op>
struct op_format {
  static constexpr bool fallback = true;
  static constexpr const char* symbol = detail::op_label<Op>();
  static constexpr bool punctuation = detail::io::is_punctuation(symbol);
  static constexpr notation form = punctuation ? notation::infix : notation::function;
  static constexpr notation unary_form = punctuation ? notation::prefix : notation::function;
  static constexpr const char* latex = nullptr;
  static constexpr int precedence = detail::io::fallback_precedence(symbol);
};

template <>
struct op_format<ops::add> {
  static constexpr notation form = notation::infix;
  static constexpr const char* symbol = "+";
  static constexpr const char* latex = "+";
  static constexpr int precedence = detail::io::prec_sum;
  static constexpr void partial(partial_writer& w, std::size_t) { w.put("1"); }
};

template <>
struct op_format<ops::sub> {
  static constexpr notation form = notation::infix;
  static constexpr const char* symbol = "-";
  static constexpr const char* latex = "-";
  static constexpr int precedence = detail::io::prec_sum;
  static constexpr void partial(partial_writer& w, std::size_t j) { w.put(j == 0 ? "1" : "-1"); }
};

template <>
struct op_format<ops::mul> {
  static constexpr notation form = notation::infix;
  static constexpr const char* symbol = "*";
  static constexpr const char* latex = "\\cdot";
  static constexpr int precedence = detail::io::prec_product;
  static constexpr void partial(partial_writer& w, std::size_t j) { w.operand(1 - j); }
};

template <>
struct op_format<ops::div> {
  static constexpr notation form = notation::fraction;
  static constexpr const char* symbol = "/";
  static constexpr const char* latex = "\\frac";
  static constexpr int precedence = detail::io::prec_product;
  static constexpr void partial(partial_writer& w, std::size_t j) {
    if (j == 0) {
      w.put("1/");
      w.operand(1);
    } else {
      w.put("-");
      w.operand(0);
      w.put("/");
      w.operand(1);
      w.put("^2");
    }
  }
};

template <>
struct op_format<ops::neg> {
  static constexpr notation form = notation::prefix;
  static constexpr const char* symbol = "-";
  static constexpr const char* latex = "-";
  static constexpr int precedence = detail::io::prec_prefix;
  static constexpr void partial(partial_writer& w, std::size_t) { w.put("-1"); }
};

template <>
struct op_format<ops::pow> {
  static constexpr notation form = notation::power;
  static constexpr const char* symbol = "^";
  static constexpr const char* latex = "^";
  static constexpr int precedence = detail::io::prec_power;
  static constexpr void partial(partial_writer& w, std::size_t j) {
    if (j == 0) {  // y*x^(y - 1)
      w.operand(1);
      w.put("*");
      w.operand(0);
      w.put("^(");
      w.operand(1);
      w.put(" - 1)");
    } else {  // x^y*log(x)
      w.operand(0);
      w.put("^");
      w.operand(1);
      w.put("*log(");
      w.operand(0);
      w.put(")");
    }
  }
};

template <int N>
struct op_format<ops::ipow<N>> {
  static constexpr notation form = notation::power;
  static constexpr const char* symbol = "^";
  static constexpr const char* latex = "^";
  static constexpr int precedence = detail::io::prec_power;
  static constexpr int exponent = N;
  static constexpr void partial(partial_writer& w, std::size_t) {
    if constexpr (N == 0) {
      w.put("0");
    } else if constexpr (N == 1) {
      w.put("1");
    } else {  // N*x^(N-1)
      w.put_int(N);
      w.put("*");
      w.operand(0);
      if constexpr (N != 2) {
        w.put(N - 1 < 0 ? "^(" : "^");
        w.put_int(N - 1);
        if constexpr (N - 1 < 0) w.put(")");
      }
    }
  }
};

template <>
struct op_format<ops::sqrt> {
  static constexpr notation form = notation::root;
  static constexpr const char* symbol = "sqrt";
  static constexpr const char* latex = "\\sqrt";
  static constexpr int precedence = detail::io::prec_atom;
  static constexpr void partial(partial_writer& w, std::size_t) {
    w.put("1/(2*sqrt(");
    w.operand(0);
    w.put("))");
  }
};

namespace detail::io {
/// The common part of op_format for exp, log, sin, cos: function-call notation.
template <const char* Symbol, const char* Latex>
struct unary_function_format {
  static constexpr notation form = notation::function;
  static constexpr const char* symbol = Symbol;
  static constexpr const char* latex = Latex;
  static constexpr int precedence = prec_atom;
};
inline constexpr char exp_name[] = "exp";
inline constexpr char exp_latex[] = "\\exp";
inline constexpr char log_name[] = "log";
inline constexpr char log_latex[] = "\\log";
inline constexpr char sin_name[] = "sin";
inline constexpr char sin_latex[] = "\\sin";
inline constexpr char cos_name[] = "cos";
inline constexpr char cos_latex[] = "\\cos";
}  // namespace detail::io

template <>
struct op_format<ops::exp> : detail::io::unary_function_format<detail::io::exp_name,
                                                               detail::io::exp_latex> {
  static constexpr void partial(partial_writer& w, std::size_t) {
    w.put("exp(");
    w.operand(0);
    w.put(")");
  }
};

template <>
struct op_format<ops::log> : detail::io::unary_function_format<detail::io::log_name,
                                                               detail::io::log_latex> {
  static constexpr void partial(partial_writer& w, std::size_t) {
    w.put("1/");
    w.operand(0);
  }
};

template <>
struct op_format<ops::sin> : detail::io::unary_function_format<detail::io::sin_name,
                                                               detail::io::sin_latex> {
  static constexpr void partial(partial_writer& w, std::size_t) {
    w.put("cos(");
    w.operand(0);
    w.put(")");
  }
};

template <>
struct op_format<ops::cos> : detail::io::unary_function_format<detail::io::cos_name,
                                                               detail::io::cos_latex> {
  static constexpr void partial(partial_writer& w, std::size_t) {
    w.put("-sin(");
    w.operand(0);
    w.put(")");
  }
};

template <fixed_string Name>
struct op_format<ops::named<Name>> {
  static constexpr notation form = notation::identity;
  static constexpr const char* symbol = ops::named<Name>::name;
  static constexpr const char* latex = nullptr;
  static constexpr int precedence = detail::io::prec_atom;
  static constexpr void partial(partial_writer& w, std::size_t) { w.put("1"); }
};

}  // namespace tapeless
