// The expression vocabulary: node types, the compile-time node descriptor (node_info) that the
// graph analysis reads, the concepts `expression` and `operand`, and make_node.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include <tapeless/config.hpp>

namespace tapeless {

namespace detail {

/// What a node is; the sweeps dispatch on it.
enum class node_kind : std::uint8_t {
  variable,          ///< var<"x">: an input, bound by at(...), gets a gradient
  literal,           ///< constant<V> (tapeless::c<V>): a compile-time value
  runtime_constant,  ///< cst<S>: a number written in the expression, held in the object
  operation,         ///< node<Op, of<X>{}...>: an operation on operand nodes
  named,             ///< let<"u">(e): a user-named intermediate, shared by name and type
};

/// The descriptor every node type exposes as `static constexpr node_info info`.
///
/// The graph analysis walks these descriptors (pointers to static constexpr objects, one per
/// node type) in constexpr code, instead of walking types with template recursion: a constexpr
/// DFS over pointers costs O(unique nodes) and never recurses in the compiler, while a type
/// walk is quadratic and hits template-depth limits on deep chains
/// (../shared/notes/compile-time-feasibility.md, section 2).
struct node_info {
  std::uint64_t hash;                ///< structural hash; only a lookup accelerator (see graph.hpp)
  const node_info* const* operands;  ///< `arity` descriptors of the operand nodes
  std::uint32_t arity;
  std::uint32_t const_count;  ///< run-time constants stored in this subtree (flattened, in order)
  node_kind kind;
  /// True when the node may be identified by its type alone: it holds no run-time constant
  /// (or it is a named node, whose name is the user's promise of identity). Two occurrences of
  /// `2.0 * x` have the same type but may hold different values, so they are never merged.
  bool shared;
  bool active;  ///< a variable is reachable from this node, so it needs an adjoint
  const char* label = "";  ///< variable or let name, operation name ("sin", "+")
  std::uint32_t label_size = 0;
};

constexpr std::uint64_t hash_mix(std::uint64_t h, std::uint64_t x) noexcept {
  // splitmix64 finaliser over a combination: good avalanche, cheap in constant evaluation
  std::uint64_t z = h ^ (x + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2));
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

constexpr std::uint64_t hash_chars(const char* s, std::size_t n) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a
  for (std::size_t i = 0; i < n; ++i) {
    h ^= static_cast<unsigned char>(s[i]);
    h *= 0x100000001b3ull;
  }
  return h;
}

template <class T>
struct is_expression_impl : std::false_type {};
template <class T>
  requires requires { T::info; T::kind; T::const_count; }
struct is_expression_impl<T> : std::bool_constant<std::is_same_v<decltype(T::info), const node_info>> {};

template <class... T>
struct type_list {};

/// A plain number that may appear in an expression or be bound to a variable.
template <class T>
concept number = std::is_arithmetic_v<T> && !std::is_same_v<T, bool>;

/// Run-time constants of a subtree, flattened in left-to-right order into one array of their
/// common type. Pure subtrees (no run-time constant) are empty types.
template <class S, std::size_t K>
struct const_block {
  S c[K];

  constexpr const_block() noexcept : c{} {}
  template <class... A>
  constexpr explicit const_block(const A&... a) noexcept : c{} {
    std::size_t k = 0;
    (append(a, k), ...);
  }

 private:
  template <class A>
  constexpr void append(const A& a, std::size_t& k) noexcept {
    if constexpr (A::const_count > 0)
      for (std::size_t i = 0; i < A::const_count; ++i) c[k++] = static_cast<S>(a.c[i]);
  }
};

template <class S>
struct const_block<S, 0> {
  constexpr const_block() noexcept = default;
  template <class... A>
  constexpr explicit const_block(const A&...) noexcept {}
};

template <class... X>
struct common_const_type;
template <>
struct common_const_type<> {
  using type = void;
};
template <class X, class Y>
struct common_or_one {
  using type = std::common_type_t<X, Y>;
};
template <class X>
struct common_or_one<X, void> {
  using type = X;
};
template <class Y>
struct common_or_one<void, Y> {
  using type = Y;
};
template <>
struct common_or_one<void, void> {
  using type = void;
};
template <class X, class... R>
struct common_const_type<X, R...> {
  using type = typename common_or_one<X, typename common_const_type<R...>::type>::type;
};

template <class... X>
using const_block_of =
    const_block<typename common_const_type<typename X::const_type...>::type, (X::const_count + ... + 0)>;

template <std::size_t J, class A, class... R>
constexpr auto nth_value(A a, R... r) noexcept {
  if constexpr (J == 0)
    return a;
  else
    return nth_value<J - 1>(r...);
}

template <class Op>
constexpr std::uint64_t op_hash() noexcept {
  if constexpr (requires { Op::id; })
    return static_cast<std::uint64_t>(Op::id);
  else if constexpr (requires { Op::name; })
    return hash_chars(Op::name, sizeof(Op::name) - 1);
  else
    return 0x51ed270b27cf1d3bull;
}

template <class... H>
constexpr std::uint64_t combine_hashes(std::uint64_t h, H... operand_hashes) noexcept {
  ((h = hash_mix(h, operand_hashes)), ...);
  return h;
}

constexpr std::size_t length(const char* s) noexcept {
  std::size_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

template <class Op>
constexpr const char* op_label() noexcept {
  if constexpr (requires { Op::name; })
    return Op::name;
  else
    return "op";
}

template <class Op>
constexpr bool is_named_op() noexcept {
  if constexpr (requires { Op::is_named; })
    return Op::is_named;
  else
    return false;
}

}  // namespace detail

/// Node types carry their operands as non-type template arguments, never as type arguments:
/// `node<Op, of<L>{}, of<R>{}>` on clang, `node<Op, &of_v<L>, &of_v<R>>` elsewhere.
///
/// Why not types: argument-dependent lookup of `a + b` visits every type argument recursively;
/// on a DAG-shaped expression type that is the size of the tree, exponential in the depth of
/// sharing (clang took over 60 s on a 200-node DAG). Non-type arguments are not part of ADL.
/// Why two spellings: each compiler is slow on one of them. g++ 12 compares class-type template
/// arguments structurally (an 800-node DAG took 5 s to build with `of<L>{}`, 0.1 s with
/// `&of_v<L>`), while clang mangles pointers to variable template specialisations in cubic time
/// (one function named after a 400-node chain: 74 s with `&of_v<L>`, 0.2 s with `of<L>{}`).
template <class X>
struct of {
  using type = X;
};
template <class X>
inline constexpr of<X> of_v{};

namespace detail {
#if defined(__clang__)
template <class X>
inline constexpr auto operand_key = of<X>{};
#else
template <class X>
inline constexpr auto operand_key = &of_v<X>;
#endif

template <class K>
struct key_type;
template <class X>
struct key_type<of<X>> {
  using type = X;
};
template <class X>
struct key_type<const of<X>*> {
  using type = X;
};
}  // namespace detail

/// An expression is any tapeless node type: var, constant, run-time constant, operation, let.
template <class T>
concept expression = detail::is_expression_impl<std::remove_cvref_t<T>>::value;

/// Anything that may appear as an operand: an expression or a plain number.
template <class T>
concept operand = expression<T> || detail::number<std::remove_cvref_t<T>>;

namespace detail {
template <auto X>
using operand_type = typename key_type<std::remove_cvref_t<decltype(X)>>::type;
}

/// An operation node: `Op` says what it computes and its local partial derivatives; `Xs...`
/// are `of<Operand>{}` or `&of_v<Operand>` (see `of`). Holds only the run-time constants of its subtree.
template <class Op, auto... Xs>
struct node : detail::const_block_of<detail::operand_type<Xs>...> {
  using op = Op;
  using block = detail::const_block_of<detail::operand_type<Xs>...>;
  static constexpr std::size_t arity = sizeof...(Xs);
  static constexpr detail::node_kind kind =
      detail::is_named_op<Op>() ? detail::node_kind::named : detail::node_kind::operation;
  static constexpr std::size_t const_count = (detail::operand_type<Xs>::const_count + ... + 0);
  using const_type = std::conditional_t<const_count == 0, void,
                                        typename detail::common_const_type<
                                            typename detail::operand_type<Xs>::const_type...>::type>;

  /// The J-th operand's node type.
  template <std::size_t J>
  using operand =
      typename detail::key_type<std::remove_cvref_t<decltype(detail::nth_value<J>(Xs...))>>::type;
  /// The same operands under another operation (used to find sin(x) from cos(x), etc.).
  template <class Op2>
  using with_op = node<Op2, Xs...>;

  static constexpr const detail::node_info* operand_infos[] = {&detail::operand_type<Xs>::info...};
  static constexpr detail::node_info info{
      detail::combine_hashes(detail::op_hash<Op>(), detail::operand_type<Xs>::info.hash...),
      operand_infos,
      static_cast<std::uint32_t>(arity),
      static_cast<std::uint32_t>(const_count),
      kind,
      const_count == 0 || kind == detail::node_kind::named,
      (detail::operand_type<Xs>::info.active || ...),
      detail::op_label<Op>(),
      static_cast<std::uint32_t>(detail::length(detail::op_label<Op>()))};

  constexpr node() noexcept = default;
  template <class... A>
    requires(sizeof...(A) == sizeof...(Xs))
  constexpr explicit node(const A&... a) noexcept : block(a...) {}
};

/// A number written inside an expression (`2.0 * x`, `x + k`): its value is known only at run
/// time, so each occurrence is its own node (see node_info::shared).
template <class S>
struct cst : detail::const_block<S, 1> {
  static constexpr detail::node_kind kind = detail::node_kind::runtime_constant;
  static constexpr std::size_t const_count = 1;
  using const_type = S;
  static constexpr detail::node_info info{detail::hash_mix(0x6373740000000000ull, sizeof(S)),
                                          nullptr,
                                          0,
                                          1,
                                          kind,
                                          false,
                                          false};
  constexpr explicit cst(S value) noexcept { this->c[0] = value; }
};

namespace detail {

template <class A>
constexpr auto as_node(const A& a) noexcept {
  if constexpr (expression<A>)
    return a;
  else
    return cst<A>(a);
}

}  // namespace detail

/// Builds the node `Op(args...)`; plain numbers become run-time constants. This is the
/// extension point for functions: an operation is a type with `apply` and `adjoint` (see
/// functions/sin.hpp for the pattern) and a function that returns `make_node<Op>(x)`.
template <class Op, operand... A>
[[nodiscard]] constexpr auto make_node(const A&... a) noexcept {
  return node<Op, detail::operand_key<decltype(detail::as_node(a))>...>(detail::as_node(a)...);
}

}  // namespace tapeless
