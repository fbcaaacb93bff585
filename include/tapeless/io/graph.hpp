// tapeless::to_mermaid(f) and tapeless::to_dot(f): the computation graph of an expression (its
// unique nodes, shared ones drawn once) and the reverse sweep over it, each edge labelled with
// the local partial derivative the sweep multiplies by, as the seed's diagrams draw them. Not
// included by <tapeless/tapeless.hpp>; no heap, no hosted header, usable in constant evaluation.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <cstdint>

#include <tapeless/io/detail/printer.hpp>
#include <tapeless/io/static_string.hpp>
#include <tapeless/tapeless.hpp>

namespace tapeless {

/// Which drawing: the computation graph (operands to users), the reverse sweep (users to
/// operands, each edge labelled ∂user/∂operand = local partial), or both side by side.
enum class graph_part : unsigned char { forward, backward, both };

namespace detail::io {

enum class graph_format : unsigned char { mermaid, dot };

inline constexpr char partial_sign[] = "\xE2\x88\x82";  // U+2202, in UTF-8

/// Every label is quoted, and its text escaped by the sink while it is written (sink::escape).
struct drawing {
  sink& out;
  const graph_view& g;
  graph_format format;

  [[nodiscard]] constexpr const node_desc& at(std::uint32_t i) const noexcept { return g.nodes[i]; }

  [[nodiscard]] constexpr bool drawn(std::uint32_t i, bool backward) const noexcept {
    return !at(i).absorbed && (!backward || at(i).active);
  }

  /// The operation whose operands are node i's targets: a let drawn with its operation inside
  /// ("u = x^3") takes the operation's operands and partials.
  [[nodiscard]] constexpr std::uint32_t source(std::uint32_t i) const noexcept {
    const node_desc& d = at(i);
    if (d.kind == node_kind::named && at(d.operands[0]).absorbed) return d.operands[0];
    return i;
  }

  constexpr void name(std::uint32_t i) noexcept { put_display_name(out, g, i); }

  constexpr void id(char prefix, std::uint32_t i) noexcept {
    out.put(prefix);
    out.put_int(i);
  }

  /// "x", "2.5", "t1 = x * x", "u = x^3" (a let with its operation), "u = t1".
  constexpr void node_label(std::uint32_t i) noexcept {
    const node_desc& d = at(i);
    if (d.kind != node_kind::operation && d.kind != node_kind::named) return name(i);
    name(i);
    out.put(" = ");
    printer p{out, g, style::text, true};
    const std::uint32_t s = source(i);
    if (s != i)
      p.body(s);
    else if (d.kind == node_kind::named)
      name(d.operands[0]);
    else
      p.body(i);
  }

  /// "∂y/∂u = 1/x"; "∂t1/∂x" alone when the operation has no op_format::partial.
  constexpr void edge_label(std::uint32_t i, std::uint32_t j) noexcept {
    const std::uint32_t s = source(i);
    out.put(partial_sign);
    name(i);
    out.put('/');
    out.put(partial_sign);
    name(at(s).operands[j]);
    if (at(s).partial != nullptr) {
      out.put(" = ");
      tapeless::partial_writer w(out, g, s);
      at(s).partial(w, j);
    } else if (at(s).partial_texts != nullptr && at(s).partial_texts[j] != nullptr) {
      out.put(" = ");
      put_partial_text(out, g, s, at(s).partial_texts[j]);
    }
  }

  constexpr void label_begin() noexcept { out.escape = format == graph_format::mermaid ? 'm' : 'd'; }
  constexpr void label_end() noexcept { out.escape = 0; }

  constexpr void declare(char prefix, std::uint32_t i, const char* indent) noexcept {
    out.put(indent);
    id(prefix, i);
    out.put(format == graph_format::mermaid ? "[\"" : " [label=\"");
    label_begin();
    node_label(i);
    label_end();
    out.put(format == graph_format::mermaid ? "\"]\n" : "\"];\n");
  }

  constexpr void forward(const char* indent) noexcept {
    for (std::uint32_t i = 0; i < g.size; ++i)
      if (drawn(i, false)) declare('f', i, indent);
    for (std::uint32_t i = 0; i < g.size; ++i) {
      if (!drawn(i, false)) continue;
      const std::uint32_t s = source(i);
      for (std::uint32_t j = 0; j < at(s).arity; ++j) {
        out.put(indent);
        if (format == graph_format::mermaid) {  // operand --> user
          id('f', at(s).operands[j]);
          out.put(" --> ");
          id('f', i);
        } else {  // user -> operand drawn backwards, so that the user is laid out above
          id('f', i);
          out.put(" -> ");
          id('f', at(s).operands[j]);
          out.put(" [dir=back]");
          out.put(';');
        }
        out.put('\n');
      }
    }
  }

  constexpr void backward(const char* indent) noexcept {
    for (std::uint32_t k = static_cast<std::uint32_t>(g.size); k-- > 0;)
      if (drawn(k, true)) declare('b', k, indent);
    for (std::uint32_t k = static_cast<std::uint32_t>(g.size); k-- > 0;) {
      if (!drawn(k, true)) continue;
      const std::uint32_t s = source(k);
      for (std::uint32_t j = 0; j < at(s).arity; ++j) {
        const std::uint32_t target = at(s).operands[j];
        if (!at(target).active) continue;
        out.put(indent);
        id('b', k);
        if (format == graph_format::mermaid) {
          out.put(" -->|\"");
          label_begin();
          edge_label(k, j);
          label_end();
          out.put("\"| ");
          id('b', target);
        } else {
          out.put(" -> ");
          id('b', target);
          out.put(" [label=\"");
          label_begin();
          edge_label(k, j);
          label_end();
          out.put("\"];");
        }
        out.put('\n');
      }
    }
  }

  constexpr void mermaid(graph_part part) noexcept {
    if (part == graph_part::forward) {
      out.put("flowchart BT\n");
      return forward("  ");
    }
    if (part == graph_part::backward) {
      out.put("flowchart TB\n");
      return backward("  ");
    }
    out.put("flowchart TB\n  subgraph fwd[\"computation graph\"]\n    direction BT\n");
    forward("    ");
    out.put("  end\n  subgraph bwd[\"reverse sweep\"]\n    direction TB\n");
    backward("    ");
    out.put("  end\n");
  }

  constexpr void dot(graph_part part) noexcept {
    out.put("digraph tapeless {\n  node [shape=box];\n");
    if (part == graph_part::forward) {
      forward("  ");
    } else if (part == graph_part::backward) {
      backward("  ");
    } else {
      out.put("  subgraph cluster_forward {\n    label=\"computation graph\";\n");
      forward("    ");
      out.put("  }\n  subgraph cluster_backward {\n    label=\"reverse sweep\";\n");
      backward("    ");
      out.put("  }\n");
    }
    out.put("}\n");
  }

  constexpr void draw(graph_part part) noexcept {
    if (format == graph_format::mermaid)
      mermaid(part);
    else
      dot(part);
  }
};

/// Both parts together are longer than either alone (the same lines, indented deeper, and
/// more of them), so counting `both` sizes every drawing, at a third of the constexpr steps.
template <class E>
consteval std::size_t drawing_capacity(graph_format format) {
  sink out{};
  const graph_view g = view_of<E>();
  drawing{out, g, format}.draw(graph_part::both);
  return out.n;
}

template <graph_format Format, class E>
constexpr auto draw(const E& f, graph_part part) noexcept {
  constexpr std::size_t capacity = drawing_capacity<E>(Format);
  static_string<capacity> s;
  auto out = sink::into(s);
  const constant_values<E> values(f);
  out.consts = values.v;
  const graph_view g = view_of<E>();
  drawing{out, g, Format}.draw(part);
  sink::finish(s, out);
  return s;
}

}  // namespace detail::io

/// The graph of `f` as a Mermaid flowchart (paste it into a ```mermaid block on GitHub).
/// Nodes are the unique nodes of the DAG: variables and numbers by their value or name,
/// let<"u"> intermediates as "u = <operation>", other operations as "t1 = <operation>".
/// The reverse sweep draws only nodes that reach a variable, each edge labelled with the
/// partial the sweep multiplies by, in terms of the operands' names: for `sin(u)/x`,
/// "∂y/∂u = 1/x" and "∂y/∂x = -u/x^2". An operation without op_format::partial gets "∂t1/∂x".
template <expression E>
[[nodiscard]] constexpr auto to_mermaid(const E& f, graph_part part = graph_part::both) noexcept {
  return detail::io::draw<detail::io::graph_format::mermaid>(f, part);
}

/// The same drawing in Graphviz DOT (`dot -Tsvg`); `both` puts the two graphs in clusters.
template <expression E>
[[nodiscard]] constexpr auto to_dot(const E& f, graph_part part = graph_part::both) noexcept {
  return detail::io::draw<detail::io::graph_format::dot>(f, part);
}

}  // namespace tapeless
