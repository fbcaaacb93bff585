// Internals of the printers: the per-node descriptor table of an expression type (built once
// per type, in constant evaluation) and the infix printer shared by to_string, to_latex and the
// node labels of the graph drawings.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include <tapeless/graph.hpp>
#include <tapeless/io/detail/text.hpp>
#include <tapeless/io/op_format.hpp>

namespace tapeless::detail::io {

template <class T>
constexpr void describe(node_desc& d) noexcept {
  if constexpr (T::kind == node_kind::literal) {
    d.literal = T::value;
    d.integral = T::integral;
  } else if constexpr (requires { typename T::op; }) {  // operations, lets, select
    using F = op_format<typename T::op>;
    d.form = F::form;
    if constexpr (requires { F::unary_form; })
      if (T::arity == 1) d.form = F::unary_form;
    d.symbol = F::symbol;
    d.latex = F::latex;
    d.precedence = F::precedence;
    if constexpr (requires { F::exponent; }) {
      d.has_exponent = true;
      d.exponent = F::exponent;
    }
    if constexpr (requires(tapeless::partial_writer& w) { F::partial(w, std::size_t{0}); })
      d.partial = &F::partial;
    if constexpr (requires { F::fallback; }) {
      if (const known_operation* k = find_known(F::symbol, static_cast<std::uint32_t>(T::arity))) {
        d.latex = k->latex;
        if (k->partials[0] != nullptr) d.partial_texts = k->partials;
      }
    }
  }
}

template <class E>
struct table {
  static constexpr std::size_t size = graph_of<E>::size;
  node_desc nodes[size];
};

template <class E, std::size_t... I>
constexpr table<E> make_table(std::index_sequence<I...>) noexcept {
  table<E> t{};
  const auto& p = graph_of<E>::value;
  for (std::size_t i = 0; i < table<E>::size; ++i) {
    node_desc& d = t.nodes[i];
    const node_info* info = p.nodes[i].info;
    // every kind that is not a leaf or a let prints as an operation (select included)
    d.kind = info->kind == node_kind::variable || info->kind == node_kind::literal ||
                     info->kind == node_kind::runtime_constant || info->kind == node_kind::named
                 ? info->kind
                 : node_kind::operation;
    d.label = info->label;
    d.label_size = info->label_size;
    d.arity = info->arity;
    d.active = info->active;
    d.const_offset = p.nodes[i].const_offset;
    for (std::uint32_t j = 0; j < info->arity; ++j) {
      d.operands[j] = p.nodes[i].operands[j];
      ++t.nodes[d.operands[j]].users;
    }
  }
  // a braced list, not a fold: clang limits folds to 256 operands
  [[maybe_unused]] const int expand[] = {0, (describe<node_type<E, I>>(t.nodes[I]), 0)...};
  // A let whose operand is an unnamed operation used nowhere else is drawn as one box,
  // "u = x^3", as the seed draws it; the other operations are named t1, t2, ...
  std::uint32_t temp = 0;
  for (std::size_t i = 0; i < table<E>::size; ++i) {
    node_desc& d = t.nodes[i];
    if (d.kind == node_kind::named) {
      node_desc& o = t.nodes[d.operands[0]];
      if (o.kind == node_kind::operation && o.users == 1) o.absorbed = true;
    }
  }
  for (std::size_t i = 0; i < table<E>::size; ++i)
    if (t.nodes[i].kind == node_kind::operation && !t.nodes[i].absorbed) t.nodes[i].temp = ++temp;
  return t;
}

template <class E>
inline constexpr table<E> table_v = make_table<E>(std::make_index_sequence<graph_of<E>::size>{});

template <class E>
constexpr graph_view view_of() noexcept {
  return graph_view{table_v<E>.nodes, table<E>::size};
}

template <class S>
constexpr number_value make_number(S x) noexcept {
  number_value v;
  if constexpr (std::is_integral_v<S>) {
    v.kind = number_value::type::integer;
    v.i = static_cast<long long>(x);
  } else if constexpr (std::is_same_v<S, float>) {
    v.kind = number_value::type::single;
    v.f = x;
  } else {
    v.kind = number_value::type::real;  // long double prints as the nearest double
    v.d = static_cast<double>(x);
  }
  return v;
}

/// The run-time constants of an expression object, in the order of their const_offset.
template <class E>
struct constant_values {
  number_value v[E::const_count + 1] = {};
  constexpr explicit constant_values(const E& e_) noexcept {
    if constexpr (E::const_count > 0)
      for (std::size_t k = 0; k < E::const_count; ++k)
        v[k] = make_number(e_.c[k]);
  }
};

/// A name in LaTeX: one character as is; letters then digits as a subscript (x0 -> x_{0});
/// anything else in \mathit{}, with LaTeX's special characters escaped.
constexpr void put_latex_name(sink& out, const char* s, std::size_t n) noexcept {
  if (n == 1) {
    if (s[0] == '_' || s[0] == '#' || s[0] == '$' || s[0] == '%' || s[0] == '&') out.put('\\');
    return out.put(s[0]);
  }
  std::size_t letters = 0;
  while (letters < n && ((s[letters] >= 'a' && s[letters] <= 'z') ||
                         (s[letters] >= 'A' && s[letters] <= 'Z')))
    ++letters;
  std::size_t digits = letters;
  while (digits < n && s[digits] >= '0' && s[digits] <= '9') ++digits;
  const bool subscript = letters > 0 && digits == n && digits > letters;
  const std::size_t stem = subscript ? letters : n;
  if (stem == 1) {
    out.put(s[0]);
  } else {
    out.put("\\mathit{");
    for (std::size_t i = 0; i < stem; ++i) {
      const char c = s[i];
      if (c == '_' || c == '#' || c == '$' || c == '%' || c == '&' || c == '{' || c == '}')
        out.put('\\');
      out.put(c);
    }
    out.put('}');
  }
  if (subscript) {
    out.put("_{");
    out.put(s + letters, n - letters);
    out.put('}');
  }
}

/// Infix printing with the fewest parentheses that keep the tree: a left operand is
/// parenthesised when it binds less tightly than the operator, a right operand also when it
/// binds equally (a - (b - c), a / (b * c)); a sign is never written after an operator without
/// parentheses (a - (-b)); powers are right-associative ((x^2)^3, x^y^z) and bind more
/// tightly than a sign (-x^2 is -(x^2)). With `names` set (graph labels) every operand is an
/// atom: its name, t<k>, or its value.
struct printer {
  sink& out;
  const graph_view& g;
  style st = style::text;
  bool names = false;

  [[nodiscard]] constexpr const node_desc& at(std::uint32_t i) const noexcept { return g.nodes[i]; }

  [[nodiscard]] constexpr int body_precedence(std::uint32_t i) const noexcept {
    const node_desc& d = at(i);
    switch (d.form) {
      case notation::infix:
        return d.arity == 2 ? d.precedence : prec_atom;
      case notation::prefix:
        return prec_prefix;
      case notation::power:
        return prec_power;
      case notation::fraction:
        return st == style::latex ? prec_atom : prec_product;
      default:
        return prec_atom;
    }
  }

  [[nodiscard]] constexpr int precedence(std::uint32_t i) const noexcept {
    const node_desc& d = at(i);
    if (is_number(d)) return number_precedence(out, g, i, names ? style::text : st);
    if (d.kind != node_kind::operation || names) return prec_atom;
    return body_precedence(i);
  }

  constexpr void open() noexcept { out.put(st == style::latex ? "\\left(" : "("); }
  constexpr void close() noexcept { out.put(st == style::latex ? "\\right)" : ")"); }

  /// A leaf, a name, or (with `names`) an operation's t<k>: no recursion.
  constexpr void leaf(std::uint32_t i) noexcept {
    const node_desc& d = at(i);
    if (is_number(d)) {
      // while counting, a run-time constant's parentheses are counted here, not by the caller
      if (d.kind == node_kind::runtime_constant && out.counting()) out.n += 2;
      return put_number(out, g, i, names ? style::text : st);
    }
    if (d.kind == node_kind::operation) return put_display_name(out, g, i);
    if (st == style::latex && !names) return put_latex_name(out, d.label, d.label_size);
    out.put_name(d.label, d.label_size);
  }

  [[nodiscard]] constexpr bool nested(std::uint32_t i) const noexcept {
    return at(i).kind == node_kind::operation && !names;
  }

  constexpr void term(std::uint32_t i) noexcept {
    if (nested(i))
      body(i);
    else
      leaf(i);
  }

  /// What an operation prints as: texts, and operands with or without parentheses. Laid out
  /// first and printed by one loop, so that printing recurses once per level of nesting (the
  /// compilers allow 512 nested constexpr calls).
  struct piece {
    enum class type : unsigned char { text, escaped, integer, operand } kind = type::text;
    const char* text = "";
    long long value = 0;
    std::uint32_t node = 0;
    bool parens = false;
  };
  struct layout {
    piece p[3 * max_arity + 8];
    std::uint32_t n = 0;
    constexpr void text(const char* s) noexcept { p[n++] = piece{piece::type::text, s, 0, 0, false}; }
    constexpr void escaped(const char* s) noexcept {
      p[n++] = piece{piece::type::escaped, s, 0, 0, false};
    }
    constexpr void integer(long long v) noexcept { p[n++] = piece{piece::type::integer, "", v, 0, false}; }
    constexpr void operand(std::uint32_t i, bool parens) noexcept {
      p[n++] = piece{piece::type::operand, "", 0, i, parens};
    }
  };

  constexpr void infix(layout& l, std::uint32_t a, std::uint32_t b, int p,
                       const char* symbol) const noexcept {
    const int pb = precedence(b);
    l.operand(a, precedence(a) < p);
    l.text(" ");
    l.text(symbol);
    l.text(" ");
    l.operand(b, pb <= p || pb == prec_prefix);
  }

  constexpr void arguments(layout& l, const node_desc& d) const noexcept {
    for (std::uint32_t j = 0; j < d.arity; ++j) {
      if (j != 0) l.text(", ");
      l.operand(d.operands[j], false);
    }
  }

  [[nodiscard]] constexpr layout lay_out(std::uint32_t i) const noexcept {
    layout l;
    const node_desc& d = at(i);
    const bool latex = st == style::latex;
    const char* symbol = latex && d.latex != nullptr ? d.latex : d.symbol;
    switch (d.form) {
      case notation::infix:
        if (d.arity != 2) break;
        infix(l, d.operands[0], d.operands[1], d.precedence, symbol);
        return l;
      case notation::prefix:
        if (d.arity != 1) break;
        l.text(symbol);
        l.operand(d.operands[0], precedence(d.operands[0]) <= prec_prefix);
        return l;
      case notation::fraction:
        if (d.arity != 2) break;
        if (!latex) {
          infix(l, d.operands[0], d.operands[1], prec_product, "/");
          return l;
        }
        l.text("\\frac{");
        l.operand(d.operands[0], false);
        l.text("}{");
        l.operand(d.operands[1], false);
        l.text("}");
        return l;
      case notation::root:
        if (d.arity != 1 || !latex) break;
        l.text("\\sqrt{");
        l.operand(d.operands[0], false);
        l.text("}");
        return l;
      case notation::power: {
        if (d.arity != (d.has_exponent ? 1u : 2u)) break;
        const std::uint32_t base = d.operands[0];
        const bool fraction_base = latex && !names && at(base).kind == node_kind::operation &&
                                   at(base).form == notation::fraction;
        l.operand(base, precedence(base) <= prec_power || fraction_base);
        l.text(latex ? "^{" : "^");
        if (d.has_exponent) {
          const bool parens = !latex && d.exponent < 0;
          if (parens) l.text("(");
          l.integer(d.exponent);
          if (parens) l.text(")");
        } else {
          l.operand(d.operands[1], !latex && precedence(d.operands[1]) < prec_power);
        }
        if (latex) l.text("}");
        return l;
      }
      default:
        break;
    }
    // function-call notation: the fallback for every operation
    if (!latex) {
      l.escaped(d.symbol);
      l.text("(");
      arguments(l, d);
      l.text(")");
      return l;
    }
    if (d.latex != nullptr) {
      l.text(d.latex);
    } else {
      l.text("\\operatorname{");
      l.escaped(d.symbol);
      l.text("}");
    }
    bool atoms = true;
    for (std::uint32_t j = 0; j < d.arity; ++j)
      atoms = atoms && precedence(d.operands[j]) == prec_atom && !nested(d.operands[j]);
    l.text(atoms ? "(" : "\\left(");
    arguments(l, d);
    l.text(atoms ? ")" : "\\right)");
    return l;
  }

  constexpr void body(std::uint32_t i) noexcept {
    const layout l = lay_out(i);
    for (std::uint32_t k = 0; k < l.n; ++k) {
      const piece& p = l.p[k];
      switch (p.kind) {
        case piece::type::text:
          out.put(p.text);
          break;
        case piece::type::escaped:  // an operation's name: LaTeX's special characters
          for (const char* c = p.text; *c != '\0'; ++c) {
            if (st == style::latex && (*c == '_' || *c == '#' || *c == '$' || *c == '%' || *c == '&'))
              out.put('\\');
            out.put(*c);
          }
          break;
        case piece::type::integer:
          out.put_int(p.value);
          break;
        case piece::type::operand: {
          // a run-time constant while counting: leaf() reserves room for parentheses itself
          const bool parens = p.parens && !(at(p.node).kind == node_kind::runtime_constant &&
                                             out.counting());
          if (parens) open();
          if (nested(p.node))
            body(p.node);  // the only recursion: once per level of nesting
          else
            leaf(p.node);
          if (parens) close();
          break;
        }
      }
    }
  }
};

/// "u = x^3": named node i and the expression it names.
constexpr void print_definition(printer& p, sink& out, const graph_view& g, std::uint32_t i) noexcept {
  p.term(i);
  out.put(" = ");
  p.term(g.nodes[i].operands[0]);
}

/// to_string / to_latex: the root, then the definitions of the named intermediates it uses,
/// in topological order: "u + v where u = x^3, v = x^2".
constexpr void print_expression(sink& out, const graph_view& g, style st) noexcept {
  printer p{out, g, st, false};
  const auto root = static_cast<std::uint32_t>(g.size - 1);
  if (g.nodes[root].kind == node_kind::named)
    print_definition(p, out, g, root);
  else
    p.term(root);
  bool first = true;
  for (std::uint32_t i = 0; i < root; ++i) {
    if (g.nodes[i].kind != node_kind::named) continue;
    out.put(first ? (st == style::latex ? " \\text{ where } " : " where ") : ", ");
    first = false;
    print_definition(p, out, g, i);
  }
}

template <class E>
consteval std::size_t expression_capacity(style st) {
  sink out{};
  print_expression(out, view_of<E>(), st);
  return out.n;
}

}  // namespace tapeless::detail::io
