// The forward and reverse sweeps, emitted from the graph plan as one flat function of pack
// expansions: values and adjoints live in arrays indexed by compile-time constants, which the
// optimiser turns into registers. Nothing here knows about particular operations.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <type_traits>
#include <utility>

#include <tapeless/config.hpp>
#include <tapeless/detail/factor_rule.hpp>
#include <tapeless/detail/identity.hpp>
#include <tapeless/detail/subexpression.hpp>
#include <tapeless/graph.hpp>
#include <tapeless/variable.hpp>

namespace tapeless::detail {

template <std::uint32_t... K>
struct index_list {};

template <class Op>
struct partners_of {
  using type = type_list<>;
};
template <class Op>
  requires requires { typename Op::partners; }
struct partners_of<Op> {
  using type = typename Op::partners;
};

template <class Op2, class... P>
constexpr std::size_t position_in(type_list<P...>) noexcept {
  constexpr bool hit[] = {std::is_same_v<Op2, P>..., false};
  std::size_t i = 0;
  while (i < sizeof...(P) && !hit[i]) ++i;
  return i;
}

template <std::uint32_t... K>
constexpr std::size_t index_count(index_list<K...>) noexcept {
  return sizeof...(K);
}

template <std::size_t J, std::uint32_t... K>
constexpr std::uint32_t nth_index(index_list<K...>) noexcept {
  constexpr std::uint32_t ks[] = {K..., 0};
  return ks[J];
}

/// What an operation's `adjoint<J>(ctx, abar)` sees of the graph: its own value, its operands'
/// values, and the values of its partners over the same operands (`Op::partners`), so that
/// d sin(x) = cos(x) reuses a cos(x) the expression already computes.
///
/// Every step type below is named by short template arguments only (the operation, node
/// indices): never by the expression type. Why: a function named after a 1000-deep expression
/// type has a mangled name of 1000 levels, and one per node made clang -O0 cubic (chain of 400
/// nodes: 414 s, 25 MB object). Now only a handful of functions carry the expression type.
template <class Op, std::uint32_t I, class Partners, class T, std::uint32_t... K>
struct context {
  using value_type = T;
  const T* v;

  [[nodiscard]] TAPELESS_HD TAPELESS_INLINE constexpr T value() const noexcept { return v[I]; }

  template <std::size_t J>
  [[nodiscard]] TAPELESS_HD TAPELESS_INLINE constexpr T operand() const noexcept {
    constexpr std::uint32_t k = nth_index<J>(index_list<K...>{});  // a constant at -O0 too
    return v[k];
  }

  /// The value of `Op2` applied to this node's operands: read from the graph when the graph
  /// computes it anyway, else computed here. `Op2` must be listed in `Op::partners`.
  template <class Op2>
  [[nodiscard]] TAPELESS_HD TAPELESS_INLINE constexpr T sibling() const noexcept {
    using list = typename partners_of<Op>::type;
    constexpr std::size_t p = position_in<Op2>(list{});
    static_assert(p < index_count(Partners{}),
                  "tapeless: an operation asked for sibling<Op2>() without listing Op2 in its "
                  "`using partners = tapeless::detail::type_list<...>`");
    constexpr std::uint32_t q = nth_index<p>(Partners{});  // a constant at -O0 too
    if constexpr (q != no_node)
      return v[q];
    else
      return Op2::template apply<T>(v[K]...);
  }
};

/// Where a sweep puts the entries of vector and matrix variables (`gv`: the gradient's values,
/// or hvp's tangent_sink), when the caller has not cleared them: the only writer of a node
/// with plan_entry::assigned sets each entry (put), and the caller clears the others
/// (clear_unassigned) and the blocks of the dense nodes that are not assigned
/// (clear_unassigned_blocks). Any other sink starts from cleared entries, and writers add.
template <class G>
struct fresh_sink {
  G g;
  [[nodiscard]] TAPELESS_HD TAPELESS_INLINE constexpr decltype(auto) operator[](std::size_t k) const noexcept {
    return g[k];
  }
};
template <class G>
inline constexpr bool is_fresh_sink = false;
template <class G>
inline constexpr bool is_fresh_sink<fresh_sink<G>> = true;

/// Entry k of the sink takes x: set by the only writer (+ 0: a zero that the gradient would
/// have started with, so -0.0 contributions give +0 as before), added otherwise.
template <bool Assigned, class G, class T>
TAPELESS_HD TAPELESS_INLINE constexpr void put(G gv, std::size_t k, const T& x) noexcept {
  if constexpr (Assigned && is_fresh_sink<G>) {
    if constexpr (std::is_pointer_v<decltype(gv.g)>)
      gv.g[k] = x + static_cast<T>(0);
    else
      gv.g.assign(k, x);
  } else {
    gv[k] += x;
  }
}
/// Element k of a dense node's block adjoints: set by the only writer (exactly the sum that
/// starts at -0.0, additive_identity), added otherwise.
template <bool Assigned, class G, class T>
TAPELESS_HD TAPELESS_INLINE constexpr void put_block(T* a, std::size_t k, const T& x) noexcept {
  if constexpr (Assigned && is_fresh_sink<G>)
    a[k] = x;
  else
    a[k] += x;
}

/// Steps: one short type per node, with static forward/backward members.
template <class Var, std::uint32_t I>
struct variable_step {
  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C*, const Env& env, T* v) noexcept {
    v[I] = env.template get<Var>();
  }
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const T*, T*) noexcept {}
};

/// Element i of a vector variable, inside a reduction's loop (Env is an element_env there).
template <class Var, std::uint32_t I>
struct vector_variable_step {
  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C*, const Env& env, T* v) noexcept {
    v[I] = env.template element<Var>();
  }
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const T*, T*) noexcept {}
};

/// Vector nodes in the outer sweeps: nothing; reductions evaluate them element by element.
struct vector_node_step {
  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C*, const Env&, T*) noexcept {}
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const T*, T*) noexcept {}
};

/// Element i of a dense node (a matrix product, ...) inside a reduction's loop: read from the
/// node's block, which its own step filled before (see dense_step).
template <std::uint32_t I, std::uint32_t Base>
struct dense_read_step {
  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C*, const Env& ee, T* w) noexcept {
    w[I] = ee.v[Base + ee.i];
  }
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const T*, T*) noexcept {}
};

template <class Literal, std::uint32_t I>
struct literal_step {
  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C*, const Env&, T* v) noexcept {
    v[I] = static_cast<T>(Literal::value);
  }
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const T*, T*) noexcept {}
};

template <std::uint32_t I, std::uint32_t Offset>
struct constant_step {
  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C* c, const Env&, T* v) noexcept {
    v[I] = static_cast<T>(c[Offset]);
  }
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const T*, T*) noexcept {}
};

template <std::uint32_t I, std::uint32_t K, bool Active>
struct named_step {
  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C*, const Env&, T* v) noexcept {
    v[I] = v[K];
  }
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const T*, T* a) noexcept {
    if constexpr (Active) a[K] += a[I];
  }
};

/// An operation node: `ActiveMask` bit J says that operand J reaches a variable and needs an
/// adjoint (operands that do not get no code at all); `Partners` are the indices of the
/// partner nodes, or no_node.
template <class Op, std::uint32_t I, std::uint32_t ActiveMask, class Partners, std::uint32_t... K>
struct operation_step {
  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C*, const Env&, T* v) noexcept {
    v[I] = Op::template apply<T>(v[K]...);
  }

  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const T* v, T* a) noexcept {
    if constexpr (ActiveMask != 0)
      backward_operands(v, a, std::make_index_sequence<sizeof...(K)>{});
  }

 private:
  template <class T, std::size_t... J>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward_operands(
      const T* v, T* a, std::index_sequence<J...>) noexcept {
    const context<Op, I, Partners, T, K...> ctx{v};
    const T abar = a[I];
    (accumulate<J>(ctx, abar, a), ...);
  }

  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void accumulate(const Ctx& ctx, T abar,
                                                               T* a) noexcept {
    if constexpr ((ActiveMask >> J) & 1u) {
      constexpr std::uint32_t k = nth_index<J>(index_list<K...>{});  // a constant at -O0 too
      if constexpr (!has_adjoint_factor<Op, J, Ctx>) {
        a[k] += Op::template adjoint<J>(ctx, abar);
      } else {
        // (in T, whatever type a user's factor has)
        const T factor = static_cast<T>(Op::template adjoint_factor<J>(ctx));
        if constexpr (fuse_adjoint_factors<T>) {  // one expression: see detail::factor_rule
          a[k] += abar * factor;
        } else {
          const T product = abar * factor;
          a[k] += product;
        }
      }
    }
  }
};

/// No adjoint code for operands that reach no variable, nor for a node that does not pass
/// adjoints on (a condition: `x > 0` has no derivative). A function of the plan's data, not a
/// member of a class named after the expression type: such members get mangled names as long
/// as the expression (see step_of).
constexpr std::uint32_t active_mask_of(const plan_entry* nodes, std::size_t i) noexcept {
  if (!nodes[i].info->active) return 0u;
  std::uint32_t m = 0;
  for (std::uint32_t j = 0; j < nodes[i].info->arity; ++j)
    if (nodes[nodes[i].operands[j]].info->active) m |= 1u << j;
  return m;
}

/// The index of partner P of operation node I, as a type: a static member (or a member
/// variable template) of a class named after Root would be a symbol with a mangled name as
/// long as the expression (see step_of). One class per partner, whose condition sits inside:
/// nvcc's front end (EDG, CUDA 13.0) folds a pack expansion whose pattern's condition does not
/// depend on the pack, and then rejects the instantiation for an empty pack ("unexpected
/// function type").
template <class Root, std::size_t I, class N, class P>
struct partner_index_of {
  using type = std::integral_constant<
      std::uint32_t, N::info.shared ? partner_in_reach(graph_of<Root>::value, static_cast<std::uint32_t>(I),
                                                       &N::template with_op<P>::info)
                                    : no_node>;
};

/// The step type of an operation node (see step_of), by partial specialisation on the packs
/// it expands: a member function template in decltype, as in `decltype(make(seq{}))`, costs
/// g++ about a millisecond per node when the class is named after a long expression type.
template <class Root, std::size_t I, class N, class Partners = typename partners_of<typename N::op>::type,
          class Operands = std::make_index_sequence<N::arity>>
struct operation_step_of;
template <class Root, std::size_t I, class N, class... P, std::size_t... J>
struct operation_step_of<Root, I, N, type_list<P...>, std::index_sequence<J...>> {
  using type = operation_step<typename N::op, static_cast<std::uint32_t>(I),
                              active_mask_of(graph_of<Root>::value.nodes, I),
                              index_list<partner_index_of<Root, I, N, P>::type::value...>,
                              graph_of<Root>::value.nodes[I].operands[J]...>;
};

/// select(c, a, b): reads and differentiates the taken branch only, so a value of the other
/// branch that is NaN or infinite (sqrt(x) at x < 0, 1/x at 0) reaches neither the result nor
/// the gradient. The condition is a 0/1 value of T.
template <std::uint32_t I, std::uint32_t C, std::uint32_t A, std::uint32_t B, std::uint32_t ActiveMask>
struct select_step {
  template <class T, class Cs, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const Cs*, const Env&, T* v) noexcept {
    v[I] = v[C] != static_cast<T>(0) ? v[A] : v[B];
  }
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const T* v, T* a) noexcept {
    if (v[C] != static_cast<T>(0)) {
      if constexpr ((ActiveMask & 2u) != 0) a[A] += a[I];
    } else {
      if constexpr ((ActiveMask & 4u) != 0) a[B] += a[I];
    }
  }
};

/// Guards (see plan_entry::guard) as short types: whether a node under select is needed.
struct guard_always {
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr bool holds(const T*) noexcept {
    return true;
  }
};
/// "Select node S is needed and its condition (node C) is Taken".
template <std::uint32_t C, bool Taken, class Outer>
struct guard_term {
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr bool holds(const T* v) noexcept {
    return Outer::holds(v) && ((v[C] != static_cast<T>(0)) == Taken);
  }
};
template <class... Terms>
struct guard_any {
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr bool holds(const T* v) noexcept {
    return (Terms::holds(v) || ...);
  }
};

/// The guard of node I as a type, by partial specialisation on its terms: no static members
/// and no member functions, for the reasons given at operation_step_of and step_of.
template <class Root, std::uint32_t I,
          class Terms = std::make_index_sequence<graph_of<Root>::value.nodes[I].guard_count>>
struct guard_of;

template <class Root, std::uint32_t Term, std::uint32_t S = Term / 2>
struct guard_term_of {
  using type = guard_term<graph_of<Root>::value.nodes[S].operands[0], Term % 2 == 0,
                          typename guard_of<Root, S>::type>;
};

template <class Root, std::uint32_t I>
struct guard_of<Root, I, std::index_sequence<>> {
  using type = guard_always;
};
template <class Root, std::uint32_t I, std::size_t... T>
struct guard_of<Root, I, std::index_sequence<T...>> {
  using type = guard_any<typename guard_term_of<Root, graph_of<Root>::value.nodes[I].guard[T]>::type...>;
};

/// A step that runs only when its node is needed: the forward value when `Forward` holds,
/// the adjoint propagation when `Reverse` holds (else the node's adjoint is a zero that must
/// not meet an infinite local partial: 0 · ∞ would poison the gradient with NaN).
template <class Step, class Forward, class Reverse>
struct guarded_step {
  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C* c, const Env& env, T* v) noexcept {
    if (Forward::holds(v)) Step::forward(c, env, v);
  }
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward(const T* v, T* a) noexcept {
    if (Reverse::holds(v)) Step::backward(v, a);
  }
  template <class C, class Env, class T, class G>
    requires requires(const C* c, const Env& e, const T* v, T* a, G g) { Step::backward_full(c, e, v, a, g); }
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward_full(const C* c, const Env& env,
                                                                  const T* v, T* a, G gv) noexcept {
    if (Reverse::holds(v)) Step::backward_full(c, env, v, a, gv);
  }
};

/// The reverse step of any step type: reductions need the constants, the point and the
/// gradient of the vector variables; the others only values and adjoints. `gv` is where the
/// entries of vector and matrix variables go: a T* (the gradient's array), or a sink that
/// keeps part of each T (hvp's tangent_sink).
template <class Step, class C, class Env, class T, class G>
TAPELESS_HD TAPELESS_INLINE constexpr void run_backward(const C* c, const Env& env, const T* v,
                                                        T* a, G gv) noexcept {
  if constexpr (requires { Step::backward_full(c, env, v, a, gv); })
    Step::backward_full(c, env, v, a, gv);
  else
    Step::backward(v, a);
}

/// Which nodes a reduction evaluates element by element (`inner`: the vector nodes it reaches
/// through vector nodes, in topological order), which scalar nodes they read (`scalars`), and
/// the vector variables among them with their place in the gradient (`vectors`, `offsets`).
template <std::size_t Cap>
struct index_set {
  std::uint32_t count = 0;
  std::uint32_t at[Cap] = {};
  constexpr void add(std::uint32_t k) noexcept { at[count++] = k; }
};

template <class Root, std::size_t R>
struct reduction_plan {
  static constexpr std::size_t n = graph_of<Root>::size;
  struct lists {
    index_set<n> inner, scalars, vectors, offsets, denses, bases;
    index_set<n> vectors_assigned, denses_assigned;  // 0/1: plan_entry::assigned
    std::uint32_t length = 1;
  };
  static constexpr lists make() {
    const auto& p = graph_of<Root>::value;
    bool inner[n] = {};
    bool scalar[n] = {};
    loop_nodes(p.nodes, R, inner, scalar);
    lists l{};
    for (std::uint32_t k = 0; k < R; ++k) {
      if (scalar[k]) l.scalars.add(k);
      if (!inner[k]) continue;
      l.inner.add(k);
      if (p.nodes[k].info->length > l.length) l.length = p.nodes[k].info->length;
      if (p.nodes[k].info->kind == node_kind::dense) {
        l.denses.add(k);
        l.bases.add(p.nodes[k].base);
        l.denses_assigned.add(p.nodes[k].assigned ? 1u : 0u);
      }
      if (p.nodes[k].info->kind != node_kind::variable) continue;
      l.vectors.add(k);
      l.offsets.add(gradient_offset(p, k));
      l.vectors_assigned.add(p.nodes[k].assigned ? 1u : 0u);
    }
    return l;
  }
  static constexpr lists value = make();
};

template <class Root, std::size_t I>
struct step_of;

template <class... Steps>
struct backward_all;
template <>
struct backward_all<> {
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void run(const T*, T*) noexcept {}
};
template <class S0, class... Rest>
struct backward_all<S0, Rest...> {
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void run(const T* w, T* wa) noexcept {
    backward_all<Rest...>::run(w, wa);
    S0::backward(w, wa);
  }
};

/// The point of evaluation as the inner steps of a reduction see it: element i of each vector,
/// and the outer values `v`, where dense nodes keep their blocks.
template <class Env, class T>
struct element_env {
  const Env& env;
  std::size_t i;
  const T* v;
  template <class Var>
  [[nodiscard]] TAPELESS_HD TAPELESS_INLINE constexpr auto element() const noexcept {
    return env.template element<Var>(i);
  }
};

/// What a reduction's loop reads besides its inner steps: the scalar nodes (S), the vector
/// variables (VN) with their place in the gradient (VO), the dense nodes (DN) with their
/// blocks (DB).
template <class Scalars, class Vectors, class Offsets, class Denses, class Bases, class VectorsAssigned,
          class DensesAssigned>
struct reduction_leaves;

template <class Op, std::uint32_t I, std::uint32_t Base, std::uint32_t Cache, std::uint32_t Nodes,
          std::uint32_t Length, std::uint32_t ActiveMask, class InnerSteps, class Inner, class Slots,
          class Leaves, class Operands>
struct reduction_step;

/// How many of a loop's cache slots hold a node (the others are no_node).
constexpr std::size_t count_cached(std::initializer_list<std::uint32_t> slots) noexcept {
  std::size_t count = 0;
  for (const std::uint32_t q : slots) count += q != no_node ? 1u : 0u;
  return count;
}

/// A reduction (sum, dot, norm, ...): one loop over the elements evaluates the vector nodes it
/// reads, element by element, in a small array w of the graph's size, and folds the result;
/// the reverse step loops again, re-evaluates each element, seeds the element's adjoint and
/// runs the elementwise nodes' own reverse steps, adding into the vector variables' gradient
/// and, after the loop, into the scalar nodes' adjoints. No vector is ever stored: memory is
/// O(graph size), whatever the length. Unless the loop is short: with `Cache` (plan_entry::cache,
/// up to TAPELESS_CONFIG_ELEMENT_CACHE values) the forward loop keeps the values of the costly
/// inner nodes (those with a slot in `Slots`, no_node for the others) and the reverse loop reads
/// them back, so that no function is computed twice; + − · ÷ are computed again, which costs
/// less than a store and a load.
///
/// `store` (Op::is_store) is the same loop writing each element into the node's block at
/// Base, for a dense operation that reads an elementwise expression at other indices
/// (matmul(W, tanh(x))); its reverse step seeds element i with the block's adjoint.
template <class Op, std::uint32_t I, std::uint32_t Base, std::uint32_t Cache, std::uint32_t Nodes,
          std::uint32_t Length, std::uint32_t ActiveMask, class... InnerSteps, std::uint32_t... IN,
          std::uint32_t... Slot, std::uint32_t... S, std::uint32_t... VN, std::uint32_t... VO,
          std::uint32_t... DN, std::uint32_t... DB, std::uint32_t... VA, std::uint32_t... DA,
          std::uint32_t... K>
struct reduction_step<Op, I, Base, Cache, Nodes, Length, ActiveMask, type_list<InnerSteps...>,
                      index_list<IN...>, index_list<Slot...>,
                      reduction_leaves<index_list<S...>, index_list<VN...>, index_list<VO...>,
                                       index_list<DN...>, index_list<DB...>, index_list<VA...>,
                                       index_list<DA...>>,
                      index_list<K...>> {
  static constexpr bool store = requires { Op::is_store; };
  static constexpr std::size_t begin = Op::template begin<Length>();
  static constexpr std::size_t end = Op::template end<Length>();
  static constexpr std::size_t cached_count = count_cached({Slot..., no_node});

  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C* c, const Env& env, T* v) noexcept {
    T w[Nodes] = {};
    [[maybe_unused]] const int copy[] = {((w[S] = v[S]), 0)..., 0};
    if constexpr (store) {
      for (std::size_t i = begin; i < end; ++i) {
        const element_env<Env, T> ee{env, i, v};
        [[maybe_unused]] const int fwd[] = {(InnerSteps::forward(c, ee, w), 0)..., 0};
        keep(v, w, i);
        [[maybe_unused]] const int put[] = {((v[Base + i] = w[K]), 0)..., 0};
      }
    } else {
      auto state = Op::template init<T>();
      for (std::size_t i = begin; i < end; ++i) {
        const element_env<Env, T> ee{env, i, v};
        [[maybe_unused]] const int fwd[] = {(InnerSteps::forward(c, ee, w), 0)..., 0};
        keep(v, w, i);
        Op::accumulate(state, w[K]...);
      }
      v[I] = Op::finish(state);
    }
  }

  /// The root's reduction (a loss Σ ...) with a seed that reads neither the state nor the value
  /// (sum, dot, squared_norm, element; node_info::fuses_at_root): its adjoint is the seed,
  /// known before its forward loop, so one loop does both sweeps, element by element (grad.hpp's
  /// backward_pass): no cache, no second loop. The same operations in the same order as forward
  /// then backward_full (tests/vectors/element_cache.cpp compares the two, bit for bit).
  /// Returns the root's value rather than storing it: a caller that does not read it (hvp)
  /// leaves the compiler a dead loop-carried sum to drop.
  template <class C, class Env, class T, class G>
  TAPELESS_HD TAPELESS_INLINE static constexpr T forward_backward(const C* c, const Env& env, const T* v,
                                                                  T* a, G gv) noexcept {
    T w[Nodes] = {};
    [[maybe_unused]] T wa[Nodes] = {};
    [[maybe_unused]] const int copy[] = {((w[S] = v[S]), (wa[S] = additive_identity<T>()), 0)..., 0};
    [[maybe_unused]] const T abar = a[I];
    const auto init = Op::template init<T>();
    auto state = init;
    for (std::size_t i = begin; i < end; ++i) {
      const element_env<Env, T> ee{env, i, v};
      [[maybe_unused]] const int fwd[] = {(InnerSteps::forward(c, ee, w), 0)..., 0};
      Op::accumulate(state, w[K]...);
      if constexpr (ActiveMask != 0) {
        clear_element(wa);
        seed(init, init, abar, w, wa, std::make_index_sequence<sizeof...(K)>{});
        pass_on(w, wa, a, gv, i);
      }
    }
    if constexpr (ActiveMask != 0) {
      [[maybe_unused]] const int back[] = {((a[S] += wa[S]), 0)..., 0};
    }
    return Op::finish(state);
  }

  template <class C, class Env, class T, class G>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward_full(const C* c, const Env& env,
                                                                  const T* v, T* a, G gv) noexcept {
    if constexpr (ActiveMask != 0) {
      T w[Nodes] = {};
      T wa[Nodes] = {};
      [[maybe_unused]] const int copy[] = {((w[S] = v[S]), (wa[S] = additive_identity<T>()), 0)..., 0};
      [[maybe_unused]] const auto state = [&] {
        if constexpr (store)
          return 0;
        else
          return Op::stateful ? fold(c, env, v, w) : Op::template init<T>();
      }();
      [[maybe_unused]] const T abar = a[I];
      // a store's value is its block: its own slot is never set, so it is not read
      [[maybe_unused]] T y{};
      if constexpr (!store) y = v[I];
      for (std::size_t i = begin; i < end; ++i) {
        element(c, env, v, w, i);
        clear_element(wa);
        if constexpr (store) {
          [[maybe_unused]] const int s[] = {((wa[K] += a[Base + i]), 0)..., 0};
        } else {
          seed(state, y, abar, w, wa, std::make_index_sequence<sizeof...(K)>{});
        }
        pass_on(w, wa, a, gv, i);
      }
      [[maybe_unused]] const int back[] = {((a[S] += wa[S]), 0)..., 0};
    }
  }

 private:
  /// Element i's adjoints from the seed on: the inner nodes' start at -0.0 ...
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void clear_element([[maybe_unused]] T* wa) noexcept {
    [[maybe_unused]] const int clear[] = {((wa[IN] = additive_identity<T>()), 0)..., 0};
  }
  /// ... and once seeded, go back through the inner steps into the vector variables' gradient
  /// at i and the dense operands' blocks.
  template <class T, class G>
  TAPELESS_HD TAPELESS_INLINE static constexpr void pass_on(const T* w, T* wa, [[maybe_unused]] T* a,
                                                            [[maybe_unused]] G gv,
                                                            [[maybe_unused]] std::size_t i) noexcept {
    backward_all<InnerSteps...>::run(w, wa);
    [[maybe_unused]] const int out[] = {(put<VA != 0>(gv, VO + i, wa[VN]), 0)..., 0};
    [[maybe_unused]] const int blocks[] = {(put_block<DA != 0, G>(a, DB + i, wa[DN]), 0)..., 0};
  }

  /// The forward loop keeps element i's costly values in the cache, ...
  template <class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void keep([[maybe_unused]] T* v,
                                                         [[maybe_unused]] const T* w,
                                                         [[maybe_unused]] std::size_t i) noexcept {
    if constexpr (Cache != 0) {
      [[maybe_unused]] const int put[] = {(keep_one<Slot, IN>(v, w, i), 0)..., 0};
    }
  }
  template <std::uint32_t Q, std::uint32_t N, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void keep_one(T* v, const T* w, std::size_t i) noexcept {
    if constexpr (Q != no_node) v[Cache + i * cached_count + Q] = w[N];
  }

  /// ... and the reverse loop reads them back and computes the others again (all of them
  /// without a cache).
  template <class C, class Env, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void element(const C* c, const Env& env, const T* v,
                                                            T* w, std::size_t i) noexcept {
    const element_env<Env, T> ee{env, i, v};
    [[maybe_unused]] const int get[] = {(replay<InnerSteps, Slot, IN>(c, ee, v, w, i), 0)..., 0};
  }
  template <class Step, std::uint32_t Q, std::uint32_t N, class C, class EE, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr void replay(const C* c, const EE& ee,
                                                           [[maybe_unused]] const T* v, T* w,
                                                           [[maybe_unused]] std::size_t i) noexcept {
    if constexpr (Cache != 0 && Q != no_node)
      w[N] = v[Cache + i * cached_count + Q];
    else
      Step::forward(c, ee, w);
  }

  template <class C, class Env, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr auto fold(const C* c, const Env& env, const T* v,
                                                         T* w) noexcept {
    auto state = Op::template init<T>();
    for (std::size_t i = begin; i < end; ++i) {
      element(c, env, v, w, i);
      Op::accumulate(state, w[K]...);
    }
    return state;
  }

  template <class State, class T, std::size_t... J>
  TAPELESS_HD TAPELESS_INLINE static constexpr void seed(const State& state, T y, T abar,
                                                         const T* w, T* wa,
                                                         std::index_sequence<J...>) noexcept {
    constexpr std::uint32_t k[] = {K..., 0};
    [[maybe_unused]] const int s[] = {
        (((ActiveMask >> J) & 1u ? (wa[k[J]] += Op::template seed<J>(state, y, abar, w[K]...)) : T{}),
         0)...,
        0};
  }
};

/// Inner node k's place in its loop's element cache: the number of costly inner nodes before
/// it (the plan sized the cache from the same nodes, loop_nodes), or no_node when it is not
/// kept (cheap, or no cache).
template <std::size_t Cap>
constexpr std::uint32_t cache_slot(const plan_entry* nodes, const index_set<Cap>& inner, std::uint32_t cache,
                                   std::size_t k) noexcept {
  if (cache == 0 || !nodes[inner.at[k]].info->costly) return no_node;
  std::uint32_t q = 0;
  for (std::size_t j = 0; j < k; ++j) q += nodes[inner.at[j]].info->costly ? 1u : 0u;
  return q;
}

template <class Root, std::size_t I, class N>
struct reduction_step_of {
  using plan = reduction_plan<Root, I>;
  static constexpr const auto& lists = plan::value;

  template <std::size_t... k>
  static auto inner_steps(std::index_sequence<k...>)
      -> type_list<typename step_of<Root, lists.inner.at[k]>::inner...>;
  // The lists by number, not by reference: clang 16 rejects a subobject as a template argument.
  static constexpr const index_set<graph_of<Root>::size>& set(int which) noexcept {
    const index_set<graph_of<Root>::size>* sets[] = {&lists.inner,   &lists.scalars, &lists.vectors,
                                                     &lists.offsets, &lists.denses,  &lists.bases,
                                                     &lists.vectors_assigned, &lists.denses_assigned};
    return *sets[which];
  }
  template <int Which, std::size_t... k>
  static auto indices(std::index_sequence<k...>) -> index_list<set(Which).at[k]...>;
  template <int Which>
  using list = decltype(indices<Which>(std::make_index_sequence<set(Which).count>{}));
  template <std::size_t... J>
  static auto operands(std::index_sequence<J...>) -> index_list<graph_of<Root>::value.nodes[I].operands[J]...>;

  template <std::size_t... k>
  static auto slots(std::index_sequence<k...>)
      -> index_list<cache_slot(graph_of<Root>::value.nodes, lists.inner, graph_of<Root>::value.nodes[I].cache, k)...>;
  using slot_list = decltype(slots(std::make_index_sequence<lists.inner.count>{}));
  using type = reduction_step<
      typename N::op, static_cast<std::uint32_t>(I), graph_of<Root>::value.nodes[I].base,
      graph_of<Root>::value.nodes[I].cache, static_cast<std::uint32_t>(graph_of<Root>::size), lists.length,
      active_mask_of(graph_of<Root>::value.nodes, I),
      decltype(inner_steps(std::make_index_sequence<lists.inner.count>{})), list<0>, slot_list,
      reduction_leaves<list<1>, list<2>, list<3>, list<4>, list<5>, list<6>, list<7>>,
      decltype(operands(std::make_index_sequence<N::arity>{}))>;
};

template <std::size_t J, class T0, class... R>
struct nth_type {
  using type = typename nth_type<J - 1, R...>::type;
};
template <class T0, class... R>
struct nth_type<0, T0, R...> {
  using type = T0;
};

/// The type a binding of Var in an env holds (declared only, for decltype).
template <class Var, class V>
V bound_value_type(const binding<Var, V>&) noexcept;
/// Whether the elements of Var are read from Env with a tangent known to be zero: a binding
/// that says so (hvp's dual_view of a variable the direction leaves out).
template <class Env, class Var>
constexpr bool reads_without_tangents() noexcept {
  using V = decltype(bound_value_type<Var>(std::declval<const Env&>()));
  if constexpr (requires { V::tangent_free; })
    return V::tangent_free;
  else
    return false;
}
/// Whether Op's apply drops the tangents of dual numbers (ops::stop_gradient).
template <class Op>
constexpr bool drops_tangents() noexcept {
  if constexpr (requires { Op::drops_tangents; })
    return Op::drops_tangents;
  else
    return false;
}
/// A dense operation's view of its operands: element k of operand J, wherever it lives (a
/// vector or matrix variable's binding, or a dense node's block), and where its adjoint goes
/// (the gradient, or the block's adjoints).
template <class Var, std::uint32_t Offset, std::uint32_t Length, std::uint32_t Cols, bool Assigned>
struct variable_operand {
  static constexpr bool active = true;
  template <class Env>
  static constexpr bool tangent_free_in() noexcept {
    return reads_without_tangents<Env, Var>();
  }
  static constexpr shape dims{Length, Cols};
  template <class Env, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T read(const Env& env, const T*, std::size_t k) noexcept {
    return env.template element<Var>(k);
  }
  template <class T, class G>
  TAPELESS_HD TAPELESS_INLINE static constexpr void add(T*, G gv, std::size_t k, T x) noexcept {
    put<Assigned>(gv, Offset + k, x);
  }
};
/// A variable read through an operation that passes no adjoint (ops::stop_gradient, which
/// declares `read_in_place`): its elements are Op::apply of the variable's, and no adjoint
/// is added anywhere.
template <class Op, class Var, std::uint32_t Length, std::uint32_t Cols>
struct read_through_operand {
  static constexpr bool active = false;
  template <class Env>
  static constexpr bool tangent_free_in() noexcept {
    return drops_tangents<Op>() || reads_without_tangents<Env, Var>();
  }
  static constexpr shape dims{Length, Cols};
  template <class Env, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T read(const Env& env, const T*, std::size_t k) noexcept {
    return Op::template apply<T>(env.template element<Var>(k));
  }
  template <class T, class G>
  TAPELESS_HD TAPELESS_INLINE static constexpr void add(T*, G, std::size_t, T) noexcept {}
};
template <std::uint32_t Base, bool Active, std::uint32_t Length, std::uint32_t Cols, bool Assigned>
struct block_operand {
  static constexpr bool active = Active;
  template <class Env>
  static constexpr bool tangent_free_in() noexcept {
    return false;
  }
  static constexpr shape dims{Length, Cols};
  template <class Env, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T read(const Env&, const T* v, std::size_t k) noexcept {
    return v[Base + k];
  }
  template <class T, class G>
  TAPELESS_HD TAPELESS_INLINE static constexpr void add(T* a, G, std::size_t k, T x) noexcept {
    if constexpr (Active) put_block<Assigned, G>(a, Base + k, x);
  }
};

/// What a dense operation's forward and backward see: `read<J>(k)`, `add<J>(k, x)` (adds x to
/// the adjoint of element k of operand J; nothing for an operand without adjoint),
/// `active<J>()`, `tangent_free<J>()` and `dims<J>()`.
template <class Env, class T, class G, class... Operands>
struct dense_context {
  const Env& env;
  const T* v;
  T* a;
  G gv;

  template <std::size_t J>
  using operand = typename nth_type<J, Operands...>::type;

  template <std::size_t J>
  [[nodiscard]] TAPELESS_HD TAPELESS_INLINE constexpr T read(std::size_t k) const noexcept {
    return operand<J>::read(env, v, k);
  }
  template <std::size_t J>
  TAPELESS_HD TAPELESS_INLINE constexpr void add(std::size_t k, T x) const noexcept {
    operand<J>::add(a, gv, k, x);
  }
  template <std::size_t J>
  static constexpr bool active() noexcept {
    return operand<J>::active;
  }
  /// Whether operand J's elements are read with a tangent known to be zero (a stop_gradient
  /// of a variable, or a variable that H·v's direction leaves out): see matmul.
  template <std::size_t J>
  static constexpr bool tangent_free() noexcept {
    return operand<J>::template tangent_free_in<Env>();
  }
  template <std::size_t J>
  static constexpr shape dims() noexcept {
    return operand<J>::dims;
  }
};

/// A dense operation (matmul, transpose): its forward step computes the whole result into the
/// node's block at Base; its reverse step, which runs when every user has added into the
/// block's adjoints, passes them on to the operands.
template <class Op, std::uint32_t Base, bool Active, class... Operands>
struct dense_step {
  template <class T, class C, class Env>
  TAPELESS_HD TAPELESS_INLINE static constexpr void forward(const C*, const Env& env, T* v) noexcept {
    const dense_context<Env, T, T*, Operands...> x{env, v, nullptr, nullptr};
    Op::forward(x, v + Base);
  }
  template <class C, class Env, class T, class G>
  TAPELESS_HD TAPELESS_INLINE static constexpr void backward_full(const C*, const Env& env,
                                                                  const T* v, T* a, G gv) noexcept {
    if constexpr (Active) {
      const dense_context<Env, T, G, Operands...> x{env, v, a, gv};
      Op::backward(x, static_cast<const T*>(a + Base));
    }
  }
};

template <class Root, std::size_t I, class N>
struct dense_step_of {
  template <std::size_t J>
  static auto operand() noexcept {
    constexpr std::uint32_t k = graph_of<Root>::value.nodes[I].operands[J];
    using O = node_type<Root, k>;
    if constexpr (O::kind == node_kind::variable)
      return variable_operand<O, gradient_offset(graph_of<Root>::value, k), O::info.length,
                              O::info.cols, graph_of<Root>::value.nodes[k].assigned>{};
    else if constexpr (reads_in_place<O>())
      return read_through_operand<typename O::op, typename O::template operand<0>, O::info.length,
                                  O::info.cols>{};
    else
      return block_operand<graph_of<Root>::value.nodes[k].base, O::info.active, O::info.length,
                           O::info.cols, graph_of<Root>::value.nodes[k].assigned>{};
  }
  template <std::size_t... J>
  static auto make(std::index_sequence<J...>)
      -> dense_step<typename N::op, graph_of<Root>::value.nodes[I].base, N::info.active,
                    decltype(operand<J>())...>;
  using type = decltype(make(std::make_index_sequence<N::arity>{}));
};

/// The step of node I of Root before guarding, as the inner sweeps of a reduction see it, by
/// kind. Class templates only, no member functions: a member function of a class named after
/// the expression type (Root) gets a mangled name as long as the expression, and g++ mangles
/// every instantiated one even when it is only used in a constant expression (the cost was
/// O(N²) in the node count N; docs/compile_time.md).
template <class Root, std::size_t I, class N, node_kind K = N::kind, bool Vector = (N::info.length > 1)>
struct unguarded_step_of {
  using type = typename operation_step_of<Root, I, N>::type;
};
template <class Root, std::size_t I, class N>
struct unguarded_step_of<Root, I, N, node_kind::variable, true> {
  using type = vector_variable_step<N, static_cast<std::uint32_t>(I)>;
};
template <class Root, std::size_t I, class N>
struct unguarded_step_of<Root, I, N, node_kind::variable, false> {
  using type = variable_step<N, static_cast<std::uint32_t>(I)>;
};
template <class Root, std::size_t I, class N, bool V>
struct unguarded_step_of<Root, I, N, node_kind::reduction, V> {
  using type = typename reduction_step_of<Root, I, N>::type;
};
template <class Root, std::size_t I, class N, bool V>
struct unguarded_step_of<Root, I, N, node_kind::literal, V> {
  using type = literal_step<N, static_cast<std::uint32_t>(I)>;
};
template <class Root, std::size_t I, class N, bool V>
struct unguarded_step_of<Root, I, N, node_kind::runtime_constant, V> {
  using type = constant_step<static_cast<std::uint32_t>(I), graph_of<Root>::value.nodes[I].const_offset>;
};
template <class Root, std::size_t I, class N, bool V>
struct unguarded_step_of<Root, I, N, node_kind::named, V> {
  using type = named_step<static_cast<std::uint32_t>(I), graph_of<Root>::value.nodes[I].operands[0],
                          N::info.active>;
};
template <class Root, std::size_t I, class N, bool V>
struct unguarded_step_of<Root, I, N, node_kind::select, V> {
  using type = select_step<static_cast<std::uint32_t>(I), graph_of<Root>::value.nodes[I].operands[0],
                           graph_of<Root>::value.nodes[I].operands[1],
                           graph_of<Root>::value.nodes[I].operands[2],
                           active_mask_of(graph_of<Root>::value.nodes, I)>;
};
/// A dense node inside a reduction's loop: element i read from its block.
template <class Root, std::size_t I, class N, bool V>
struct unguarded_step_of<Root, I, N, node_kind::dense, V> {
  using type = dense_read_step<static_cast<std::uint32_t>(I), graph_of<Root>::value.nodes[I].base>;
};

template <class Root, std::size_t I, class Step, bool Guarded>
struct guarded_step_of {
  using type = Step;
};
template <class Root, std::size_t I, class Step>
struct guarded_step_of<Root, I, Step, true> {
  using reverse = typename guard_of<Root, static_cast<std::uint32_t>(I)>::type;
  using forward = std::conditional_t<graph_of<Root>::value.nodes[I].forward_guarded, reverse, guard_always>;
  using type = guarded_step<Step, forward, reverse>;
};

/// Does node `e` (of kind k) run under a guard (see plan_entry::guard)?
constexpr bool needs_guard(const plan_entry& e, node_kind k) noexcept {
  return !(e.guard_count == 0 || k == node_kind::variable || k == node_kind::literal ||
           k == node_kind::runtime_constant || k == node_kind::dense);
}

template <class Op>
inline constexpr bool is_store_op = requires { Op::is_store; };

/// The step in the outer sweeps: nothing for an elementwise vector node (reductions evaluate it
/// element by element), the whole computation for a dense node, else the inner step.
template <class Root, std::size_t I, class N, class Inner, node_kind K = N::kind,
          bool Vector = (N::info.length > 1)>
struct outer_step_of {
  using type = std::conditional_t<Vector, vector_node_step, Inner>;
};
template <class Root, std::size_t I, class N, class Inner, bool Store = is_store_op<typename N::op>>
struct dense_outer_step_of {
  using type = typename dense_step_of<Root, I, N>::type;
};
template <class Root, std::size_t I, class N, class Inner>
struct dense_outer_step_of<Root, I, N, Inner, true> {
  using type = typename reduction_step_of<Root, I, N>::type;  // store: a reduction loop
};
template <class Root, std::size_t I, class N, class Inner, bool V>
struct outer_step_of<Root, I, N, Inner, node_kind::dense, V> {
  using type = typename dense_outer_step_of<Root, I, N, Inner>::type;
};

/// The step types of node I of Root. These class templates read the (deep) expression type, but
/// they are never a function's template argument, have no member functions and no static data
/// members, and emit no code (see unguarded_step_of).
template <class Root, std::size_t I>
struct step_of {
  /// The step inside a reduction's loop (for a vector node), or in the outer sweeps.
  using inner = typename guarded_step_of<Root, I, typename unguarded_step_of<Root, I, node_type<Root, I>>::type,
                                         needs_guard(graph_of<Root>::value.nodes[I], node_type<Root, I>::kind)>::type;
  /// The step in the outer sweeps.
  using type = typename outer_step_of<Root, I, node_type<Root, I>, inner>::type;
};

template <class Root, std::size_t I>
using step = typename step_of<Root, I>::type;

template <class Root, std::size_t I>
using inner_step = typename step_of<Root, I>::inner;

/// Forward values of the nodes, in topological order: all of them, or without All (a caller
/// that does not want the root's value) those that something reads (plan_entry::unread).
/// Braced-list expansion rather than a fold expression: clang limits folds to 256 operands,
/// and a braced list sequences left to right.
template <class Root, bool All = true, class T, class C, class Env, std::size_t... I>
TAPELESS_HD TAPELESS_INLINE constexpr void forward_sweep(const C* c, const Env& env, T* v,
                                                         std::index_sequence<I...>) noexcept {
  [[maybe_unused]] const int sequence[] = {
      ((All || !graph_of<Root>::value.nodes[I].unread) ? step<Root, I>::forward(c, env, v) : void(), 0)...};
}

/// Adjoints in reverse topological order: every node's adjoint is complete (the sum over all
/// paths) before it is propagated to its operands.
template <class Root, class C, class Env, class T, class G, std::size_t... I>
TAPELESS_HD TAPELESS_INLINE constexpr void reverse_sweep(const C* c, const Env& env, const T* v,
                                                         T* a, G gv,
                                                         std::index_sequence<I...>) noexcept {
  constexpr std::size_t n = sizeof...(I);
  [[maybe_unused]] const int sequence[] = {
      (run_backward<step<Root, n - 1 - I>>(c, env, v, a, gv), 0)...};
}

/// Zero values (only for graphs with select, see sweep_both).
template <class T, std::size_t... I>
TAPELESS_HD TAPELESS_INLINE constexpr void init_values(T* v, std::index_sequence<I...>) noexcept {
  [[maybe_unused]] const int sequence[] = {((v[I] = static_cast<T>(0)), 0)...};
}

/// Adjoints start at -0.0 in every component (additive_identity), so that the first
/// contribution to each adjoint folds into a plain move without -ffast-math.
template <class T, std::size_t... I>
TAPELESS_HD TAPELESS_INLINE constexpr void clear_adjoints(T* a, std::index_sequence<I...>) noexcept {
  [[maybe_unused]] const int sequence[] = {((a[I] = additive_identity<T>()), 0)...};
}

/// The dense nodes' blocks, after the node slots: a loop, as they may be long.
template <std::size_t From, std::size_t To, class T>
TAPELESS_HD TAPELESS_INLINE constexpr void clear_blocks(T* a) noexcept {
  for (std::size_t k = From; k < To; ++k) a[k] = additive_identity<T>();
}

/// For a fresh_sink sweep: the blocks of the dense nodes that their only writer does not set
/// (plan_entry::assigned), node by node; every other node is the empty range [0, 0), so that
/// they all share one instantiation.
constexpr bool clears_block(const plan_entry& e) noexcept {
  return has_element_adjoints(e) && e.info->kind == node_kind::dense && !e.assigned;
}
template <std::size_t From, std::size_t To, class T>
TAPELESS_HD TAPELESS_INLINE constexpr void clear_block_range(T* a) noexcept {
  if constexpr (From != To) clear_blocks<From, To>(a);
}
template <class Root, class T, std::size_t... K>
TAPELESS_HD TAPELESS_INLINE constexpr void clear_unassigned_blocks(T* a, std::index_sequence<K...>) noexcept {
  constexpr const auto& p = graph_of<Root>::value;
  [[maybe_unused]] const int sequence[] = {
      (clear_block_range<clears_block(p.nodes[K]) ? p.nodes[K].base : 0,
                         clears_block(p.nodes[K]) ? p.nodes[K].base + p.nodes[K].info->length : 0>(a),
       0)...,
      0};
}

}  // namespace tapeless::detail
