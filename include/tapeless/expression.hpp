// The expression vocabulary: node types, the compile-time node descriptor (node_info) that the
// graph analysis reads, the concepts `expression` and `operand`, and make_node.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include <tapeless/config.hpp>

namespace tapeless {

namespace detail {

/// The most operands one node may have (the graph's per-node operand arrays have this size).
inline constexpr std::size_t max_arity = 8;

/// How an operation's second derivatives couple its operands, for the compile-time Hessian
/// sparsity pattern (tapeless::hessian_pattern): `linear` (also piecewise linear: abs, max,
/// select; no second derivative anywhere but at kinks), `bilinear` (a·b: only operand 0 with
/// operand 1), `quotient` (a/b: a with b, b with b), `nonlinear` (every pair; the default).
enum class curvature : std::uint8_t { linear, bilinear, quotient, nonlinear };

template <class Op>
constexpr curvature curvature_of() noexcept {
  if constexpr (requires { Op::curvature; })
    return Op::curvature;
  else
    return curvature::nonlinear;
}

/// What a node is; the sweeps dispatch on it.
enum class node_kind : std::uint8_t {
  variable,          ///< var<"x">: an input, bound by at(...), gets a gradient
  literal,           ///< constant<V> (tapeless::c<V>): a compile-time value
  runtime_constant,  ///< cst<S>: a number written in the expression, held in the object
  operation,         ///< node<Op, of<X>{}...>: an operation on operand nodes
  named,             ///< let<"u">(e): a user-named intermediate, shared by name and type
  select,            ///< select(c, a, b): evaluates and differentiates the taken branch only
  reduction,         ///< sum(v), dot(u, v), ...: a scalar from vector operands, element by element
  dense,             ///< matmul(A, B), transpose(A): a vector or matrix stored whole (matrix.hpp)
};

/// The descriptor every node type exposes as `static constexpr node_info info`.
///
/// The graph analysis walks these descriptors (pointers to static constexpr objects, one per
/// node type) in constexpr code, instead of walking types with template recursion: a constexpr
/// DFS over pointers costs O(unique nodes) and never recurses in the compiler, while a type
/// walk is quadratic and hits template-depth limits on deep chains
/// (../shared/notes/compile-time-feasibility.md, section 2).
struct node_info {
  std::uint64_t hash;  ///< structural hash; only a lookup accelerator (see graph.hpp)
  /// The `arity` descriptors of the operand nodes, held here rather than in an array of each
  /// node type: every static member of a node type is a symbol with a mangled name as long as
  /// the node's subtree, and g++ mangles each one (docs/compile_time.md).
  const node_info* operands[max_arity] = {};
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
  /// Number of elements: 1 for a scalar; N for a vector variable (vec<"x", N>) and for the
  /// elementwise operations on it. Vector nodes are never stored whole: a reduction evaluates
  /// them element by element (see sweep.hpp, reduction_step).
  std::uint32_t length = 1;
  /// Number of columns: N for a matrix (mat<"W", M, N>) and the elementwise operations on it;
  /// 1 for a scalar and a (column) vector. The rows are length / cols, stored row-major.
  std::uint32_t cols = 1;
  /// How the operation couples its operands' variables in second derivatives.
  curvature curv = curvature::nonlinear;
  /// Computing the node costs more than keeping its value: an operation other than the cheap
  /// ones (+ − · ÷, negation, small powers, conditions; see is_cheap_op), such as a call to
  /// libm. A short reduction's loop keeps such values for its reverse step (plan_entry::cache)
  /// and computes the cheap ones again.
  bool costly = false;
  /// A reduction whose reverse loop can run inside its forward loop when it is the root (its
  /// seed reads neither its value nor its state: sweep.hpp, reduction_step::forward_backward).
  /// The plan then reserves no element cache for the root (graph.hpp).
  bool fuses_at_root = false;
  /// Bit j: the node's reverse step writes the adjoint of every element of operand j, each
  /// exactly once (a loop over all the elements; a dense operation that says so, see
  /// writes_once_mask). Where such a writer is an operand's only one, it assigns rather than
  /// adds, and nothing clears the adjoints first (graph.hpp, plan_entry::assigned).
  std::uint32_t writes_once = 0;
  /// What the node's reverse step reads of the forward values (reads_self_bit and bit j for
  /// operand j: detail::reverse_reads_of). A sweep whose caller does not want the root's
  /// value computes only the values that something reads (graph.hpp, plan_entry::unread).
  std::uint32_t reverse_reads = ~0u;
  /// The operation lists partners (sin's cos): its rule may read a partner node's value.
  bool has_partners = false;
};

/// The shape of a node's result: `length` elements in rows of `cols`.
struct shape {
  std::uint32_t length = 1;
  std::uint32_t cols = 1;
  [[nodiscard]] constexpr std::uint32_t rows() const noexcept { return length / cols; }
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
struct is_expression_impl<T> : std::is_same<decltype(T::info), const node_info> {};

template <class... T>
struct type_list {};

/// A plain number that may appear in an expression or be bound to a variable. The traits'
/// ::value, not the _v variable templates: g++ gives every instantiated variable template a
/// symbol, named after its argument (an expression type here), one more per node
/// (docs/compile_time.md, section 5b).
template <class T>
concept number = std::is_arithmetic<T>::value &&  // NOLINT(modernize-type-traits): see above
                 !std::is_same<T, bool>::value;   // NOLINT(modernize-type-traits): see above

/// Run-time constants of a subtree, flattened in left-to-right order into one array of their
/// common type. Pure subtrees (no run-time constant) are empty types.
template <class S, std::size_t K>
struct const_block {
  S c[K];

  constexpr const_block() noexcept : c{} {}
  template <class... A>
  constexpr explicit const_block(const A&... a_) noexcept : c{} {
    std::size_t k = 0;
    (append(a_, k), ...);
  }

 private:
  template <class A>
  // inline: at -Os g++ keeps it a call per run-time constant (74-108 bytes per gradient on
  // Cortex-M4)
  TAPELESS_INLINE constexpr void append(const A& a, std::size_t& k) noexcept {
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

/// The J-th type of a pack: a class template, not a function, so that nothing named after the
/// (long) types gets a symbol.
template <std::size_t J, class T0, class... R>
struct type_at {
  using type = typename type_at<J - 1, R...>::type;
};
template <class T0, class... R>
struct type_at<0, T0, R...> {
  using type = T0;
};

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

template <class Op>
constexpr bool is_select_op() noexcept {
  if constexpr (requires { Op::is_select; })
    return Op::is_select;
  else
    return false;
}

/// Conditions (comparisons, logical operations) have no derivative: an operation declares
/// `static constexpr bool differentiable = false;` and no adjoint flows through its node.
template <class Op>
constexpr bool is_differentiable_op() noexcept {
  if constexpr (requires { Op::differentiable; })
    return Op::differentiable;
  else
    return true;
}

/// One or two instructions, cheaper to compute again than to store and load: an operation
/// declares `static constexpr bool cheap = true;` (+ − · ÷, negation, xᴺ for small N,
/// conditions, stop_gradient). Anything else (libm, a user's operation) counts as costly.
template <class Op>
constexpr bool is_cheap_op() noexcept {
  if constexpr (requires { Op::cheap; })
    return Op::cheap;
  else
    return false;
}

/// Reductions (sum, dot, ...) turn vector operands into a scalar.
template <class Op>
constexpr bool is_reduction_op() noexcept {
  if constexpr (requires { Op::is_reduction; })
    return Op::is_reduction;
  else
    return false;
}

/// A reduction whose seed reads neither its value nor its state (`seed_reads_value` false,
/// not `stateful`): at the root, its adjoint is the sweep's seed before its loop starts, and
/// one loop runs both sweeps (sweep.hpp, reduction_step::forward_backward). An operation that
/// does not say is not fused.
template <class Op>
constexpr bool fuses_reverse_loop() noexcept {
  if constexpr (requires { Op::seed_reads_value; Op::stateful; })
    return !Op::seed_reads_value && !Op::stateful;
  else
    return false;
}

/// node_info::reverse_reads: bit j says that the reverse step reads operand j's value, this
/// bit that it reads its own value.
inline constexpr std::uint32_t reads_self_bit = 1u << 31;
/// What Op's reverse step reads: `static constexpr std::uint32_t reverse_reads` where the
/// operation says (0 for + and −, operand bits for ·, ...), else everything: a rule that
/// declares less than it reads would read a value the sweep did not compute (constant
/// evaluation rejects it, tests/core/unread_values.cpp).
template <class Op>
constexpr std::uint32_t reverse_reads_of() noexcept {
  if constexpr (requires { Op::reverse_reads; })
    return Op::reverse_reads;
  else
    return ~0u;
}

/// Dense operations (matmul, transpose, store) compute their whole result, which the sweeps
/// keep in a block of its own: their operands are read at other indices than the result's.
template <class Op>
constexpr bool is_dense_op() noexcept {
  if constexpr (requires { Op::is_dense; })
    return Op::is_dense;
  else
    return false;
}

template <class Op>
constexpr node_kind kind_of_op() noexcept {
  if constexpr (is_named_op<Op>())
    return node_kind::named;
  else if constexpr (is_select_op<Op>())
    return node_kind::select;
  else if constexpr (is_reduction_op<Op>())
    return node_kind::reduction;
  else if constexpr (is_dense_op<Op>())
    return node_kind::dense;
  else
    return node_kind::operation;
}

/// The shape of an operation's result: a scalar for a reduction, what a dense operation says,
/// else the common shape of the operands, scalars broadcasting; length 0 when two non-scalar
/// operands differ in shape (an error).
constexpr shape elementwise_shape(const shape* operands, std::size_t count) noexcept {
  shape r{};
  bool mismatch = false;
  for (std::size_t k = 0; k < count; ++k) {
    const shape& s = operands[k];
    if (s.length == 1) continue;
    if (r.length != 1 && (r.length != s.length || r.cols != s.cols)) mismatch = true;
    r = s;
  }
  if (mismatch) r.length = 0;
  return r;
}

/// Do the operands' shapes agree as an elementwise operation's must (scalars broadcast)?
template <class... I>
constexpr bool shapes_agree(const I&... operands) noexcept {
  const shape all[] = {shape{}, shape{operands.length, operands.cols}...};
  return elementwise_shape(all, sizeof...(I) + 1).length != 0;
}

/// Of the operands' shapes, not of their types: a function named after the operand types would
/// be one more symbol per node with a long mangled name.
template <class Op, class... S>
constexpr shape result_shape_of(S... operands) noexcept {
  if constexpr (is_reduction_op<Op>()) {
    return shape{};
  } else if constexpr (is_dense_op<Op>()) {
    return Op::result(operands...);
  } else {
    const shape all[] = {shape{}, operands...};
    return elementwise_shape(all, sizeof...(S) + 1);
  }
}

/// The compile-time constants of a node type, in a base class named by their values: a static
/// data member of the node type itself would get a mangled name as long as the node's subtree
/// (g++ enters every static data member of an instantiated class template in its symbol table
/// and mangles it; summed over the nodes of a chain that is quadratic in its length).
template <node_kind Kind, std::size_t Arity, std::size_t ConstCount, shape Shape>
struct node_constants {
  static constexpr std::size_t arity = Arity;
  static constexpr node_kind kind = Kind;
  static constexpr std::size_t const_count = ConstCount;
  static constexpr shape result_shape = Shape;
  static constexpr std::uint32_t length = Shape.length;
};

template <std::uint32_t... L>
inline constexpr bool same_lengths = false;

/// After a length mismatch is reported, the node keeps the longest length, so that using it
/// (sum(x * y)) adds no second error.
template <std::uint32_t... L>
constexpr std::uint32_t max_length() noexcept {
  std::uint32_t m = 1;
  for (const std::uint32_t l : {std::uint32_t{1}, L...}) m = l > m ? l : m;
  return m;
}

/// node_info::writes_once of Op on operands of shapes `s` (the longest `Length` elements): every
/// bit for a reduction that reads all the elements, `Op::writes_once(s...)` for a dense
/// operation (store, matmul, transpose), none for the others (they write no vector adjoint
/// themselves).
template <class Op, node_kind Kind, std::uint32_t Length, class... S>
constexpr std::uint32_t writes_once_mask(S... s) noexcept {
  constexpr std::uint32_t all = (1u << sizeof...(S)) - 1u;
  if constexpr (Kind == node_kind::reduction) {
    return Op::template begin<Length>() == 0 && Op::template end<Length>() == Length ? all : 0u;
  } else if constexpr (requires { Op::writes_once(s...); }) {
    return Op::writes_once(s...);
  } else {
    return 0u;
  }
}

template <class B>
inline constexpr bool no_branching_on_expressions = false;

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
struct node : detail::const_block_of<detail::operand_type<Xs>...>,
              detail::node_constants<detail::kind_of_op<Op>(), sizeof...(Xs),
                                     (detail::operand_type<Xs>::const_count + ... + 0),
                                     detail::result_shape_of<Op>(detail::shape{
                                         detail::operand_type<Xs>::info.length,
                                         detail::operand_type<Xs>::info.cols}...)> {
  using op = Op;
  using block = detail::const_block_of<detail::operand_type<Xs>...>;
  using constants = typename node::node_constants;
  using constants::arity;
  using constants::const_count;
  using constants::kind;
  using constants::length;
  using constants::result_shape;
  static_assert(arity <= detail::max_arity,
                "tapeless: an operation takes at most 8 operands (tapeless::detail::max_arity); "
                "combine them in steps");
  using const_type = std::conditional_t<const_count == 0, void,
                                        typename detail::common_const_type<
                                            typename detail::operand_type<Xs>::const_type...>::type>;

  /// The J-th operand's node type.
  template <std::size_t J>
  using operand = typename detail::type_at<J, detail::operand_type<Xs>...>::type;
  /// The same operands under another operation (used to find sin(x) from cos(x), etc.).
  template <class Op2>
  using with_op = node<Op2, Xs...>;

  static_assert(length != 0 || detail::same_lengths<detail::operand_type<Xs>::info.length...,
                                                    detail::operand_type<Xs>::info.cols...>,
                "tapeless: the vector operands of an elementwise operation must have the same "
                "length (a scalar operand is broadcast), and matrices the same shape; the "
                "template arguments of same_lengths in this message are the operands' lengths, "
                "then their numbers of columns. For a matrix product write tapeless::matmul(A, x)");
  static_assert(!detail::is_reduction_op<Op>() || detail::shapes_agree(detail::operand_type<Xs>::info...) ||
                    detail::same_lengths<detail::operand_type<Xs>::info.length...,
                                         detail::operand_type<Xs>::info.cols...>,
                "tapeless: the vector operands of a reduction (dot(u, v)) must have the same "
                "length (a scalar operand is broadcast), and matrices the same shape; the "
                "template arguments of same_lengths in this message are the operands' lengths, "
                "then their numbers of columns");

  static constexpr detail::node_info info{
      detail::combine_hashes(detail::op_hash<Op>(), detail::operand_type<Xs>::info.hash...),
      {&detail::operand_type<Xs>::info...},
      static_cast<std::uint32_t>(arity),
      static_cast<std::uint32_t>(const_count),
      kind,
      const_count == 0 || kind == detail::node_kind::named,
      detail::is_differentiable_op<Op>() && (detail::operand_type<Xs>::info.active || ...),
      detail::op_label<Op>(),
      static_cast<std::uint32_t>(detail::length(detail::op_label<Op>())),
      length != 0 ? length : detail::max_length<detail::operand_type<Xs>::info.length...>(),
      length != 0 ? result_shape.cols : 1,
      detail::curvature_of<Op>(),
      kind == detail::node_kind::operation && !detail::is_cheap_op<Op>(),
      kind == detail::node_kind::reduction && detail::fuses_reverse_loop<Op>(),
      detail::writes_once_mask<Op, kind, detail::max_length<detail::operand_type<Xs>::info.length...>()>(
          detail::shape{detail::operand_type<Xs>::info.length, detail::operand_type<Xs>::info.cols}...),
      detail::reverse_reads_of<Op>(),
      requires { typename Op::partners; }};

  constexpr node() noexcept = default;
  template <class... A>
    requires(sizeof...(A) == sizeof...(Xs))
  constexpr explicit node(const A&... a_) noexcept : block(a_...) {}

  /// `if (x > 0)` on an expression: there is no value to branch on when the expression is
  /// built (it is a type, evaluated later at each point), so this is an error that says so.
  template <class B>
    requires std::is_same_v<B, bool>
  explicit operator B() const noexcept {
    static_assert(detail::no_branching_on_expressions<B>,
                  "tapeless: an expression has no value to branch on with `if`, `?:`, `&&` or "
                  "`||` (it is evaluated later, at each point); write "
                  "tapeless::select(condition, value_if_true, value_if_false) instead, e.g. "
                  "select(x > 0, x, -x)");
    return false;
  }
};

/// A number written inside an expression (`2.0 * x`, `x + k`): its value is known only at run
/// time, so each occurrence is its own node (see node_info::shared).
template <class S>
struct cst : detail::const_block<S, 1> {
  static constexpr detail::node_kind kind = detail::node_kind::runtime_constant;
  static constexpr std::size_t const_count = 1;
  using const_type = S;
  static constexpr detail::node_info info{detail::hash_mix(0x6373740000000000ull, sizeof(S)),
                                          {},
                                          0,
                                          1,
                                          kind,
                                          false,
                                          false};
  constexpr explicit cst(S c_) noexcept { this->c[0] = c_; }
};

namespace detail {

template <class A>
constexpr auto as_node(const A& a) noexcept {
  if constexpr (expression<A>)
    return a;
  else
    return cst<A>(a);
}

/// The node type of an operand: the operand itself, or the run-time constant a number becomes.
template <class A>
struct operand_node {
  using type = A;
};
template <class A>
  requires(!expression<A>)
struct operand_node<A> {
  using type = cst<A>;
};

}  // namespace detail

namespace detail {
/// What an operation's adjoint may use of its context (see sweep.hpp's context), to check a
/// user's operation type where it is written rather than deep inside the sweep.
struct probe_context {
  using value_type = double;
  [[nodiscard]] constexpr double value() const noexcept { return 1; }
  template <std::size_t J>
  [[nodiscard]] constexpr double operand() const noexcept {
    return 1;
  }
  template <class Op2>
  [[nodiscard]] constexpr double sibling() const noexcept {
    return 1;
  }
};

/// Stands in for an operation type that make_node rejected (see there).
struct invalid_op {
  static constexpr char name[] = "invalid";
  template <class T, class... R>
  static constexpr T apply(T, R...) noexcept {
    return T(0);
  }
  template <std::size_t J, class Ctx, class T>
  static constexpr T adjoint(const Ctx&, T) noexcept {
    return T(0);
  }
};

template <class Op, std::size_t... J>
constexpr bool has_adjoints(std::index_sequence<J...>) noexcept {
  return (requires(const probe_context& ctx, double abar) {
    { Op::template adjoint<J>(ctx, abar) };
  } && ...);
}

template <class Op, std::size_t... J>
constexpr bool has_apply(std::index_sequence<J...>) noexcept {
  return requires { Op::template apply<double>(static_cast<double>(J)...); };
}
}  // namespace detail

namespace detail {
/// A node a dense operation reads without a block of its own: an operation declaring
/// `read_in_place` (stop_gradient) applied to a vector or matrix variable.
template <class O>
constexpr bool reads_in_place() noexcept {
  // (O::op, arity and operand exist for operation nodes only)
  if constexpr (O::kind == node_kind::operation) {
    if constexpr (O::arity == 1 && requires { O::op::read_in_place; })
      return O::op::read_in_place && O::template operand<0>::kind == node_kind::variable;
    else
      return false;
  } else {
    return false;
  }
}

/// The elements a loop over a vector operand visits: all of them (reductions and store; see
/// sweep.hpp's reduction_step, which asks for begin<N>() and end<N>()).
struct every_element {
  template <std::size_t N>
  static constexpr std::size_t begin() noexcept {
    return 0;
  }
  template <std::size_t N>
  static constexpr std::size_t end() noexcept {
    return N;
  }
};
}  // namespace detail

namespace ops {
/// An elementwise vector or matrix expression evaluated into a block: for a dense operation
/// that reads it at other indices (matmul(W, tanh(x))), and for eval of a vector expression.
/// Computed by the reduction loop of sweep.hpp.
struct store : detail::every_element {
  static constexpr char name[] = "store";
  static constexpr bool is_dense = true;
  static constexpr bool is_store = true;
  static constexpr detail::curvature curvature = detail::curvature::linear;
  static constexpr detail::shape result(detail::shape a) noexcept { return a; }
  /// node_info::writes_once: its loop writes each element's adjoint once.
  static constexpr std::uint32_t writes_once(detail::shape) noexcept { return 1u; }
};
}  // namespace ops

namespace detail {
template <class Op, std::size_t Arity>
constexpr bool valid_op() noexcept {
  constexpr auto operands = std::make_index_sequence<Arity>{};
  // reductions and dense operations have their own interfaces
  if constexpr (is_reduction_op<Op>() || is_dense_op<Op>())
    return true;
  else
    return has_apply<Op>(operands) && (!is_differentiable_op<Op>() || has_adjoints<Op>(operands));
}

/// The node type of `Op(a...)`: a class template, so that the operators and functions build
/// nodes without a call to make_node. Each function instantiated per node (make_node, as_node,
/// a constructor) gets a mangled name as long as the operand types, and g++ mangles every one
/// of them: quadratic in the depth of a chain (docs/compile_time.md).
template <class Op, class... A>
struct node_for {
  // after make_node's error, a stand-in node, so that no second error follows from using it
  using op = std::conditional_t<valid_op<Op, sizeof...(A)>(), Op, invalid_op>;
  // the spelling of operand_key, written out: operand_key<X> is one more variable per node
#if defined(__clang__)
  using type = node<op, of<typename operand_node<A>::type>{}...>;
#else
  using type = node<op, &of_v<typename operand_node<A>::type>...>;
#endif
};
}  // namespace detail

/// Builds the node `Op(args...)`; plain numbers become run-time constants. This is the
/// extension point for functions: an operation is a type with `apply` and `adjoint` (see
/// docs/functions.md, "Adding a function") and a function that returns `make_node<Op>(x)`.
template <class Op, operand... A>
[[nodiscard]] constexpr auto make_node(const A&... a) noexcept {
  constexpr auto operands = std::make_index_sequence<sizeof...(A)>{};
  // reductions and dense operations have their own interfaces
  constexpr bool special = detail::is_reduction_op<Op>() || detail::is_dense_op<Op>();
  static_assert(special || detail::has_apply<Op>(operands),
                "tapeless::make_node<Op>(args...): Op needs `template <class T> static constexpr T "
                "apply(T, ...)` taking one T per argument (the value of the operation)");
  static_assert(special || !detail::is_differentiable_op<Op>() || detail::has_adjoints<Op>(operands),
                "tapeless::make_node<Op>(args...): Op has no derivative rule; give it `template "
                "<std::size_t J, class Ctx, class T> static constexpr T adjoint(const Ctx& ctx, T "
                "abar)` returning abar times the partial derivative with respect to argument J "
                "(or `static constexpr bool differentiable = false;` for a function without one)");
  using result = typename detail::node_for<Op, A...>::type;
  if constexpr (result::const_count == 0)
    return result{};  // an empty type: no constructor call (see node_for)
  else
    return result(detail::as_node(a)...);
}

}  // namespace tapeless
