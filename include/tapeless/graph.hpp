// The graph analysis: from an expression type, the unique nodes of its DAG in topological order,
// each node's operands, and the position of its run-time constants. All constexpr.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include <tapeless/expression.hpp>
#include <tapeless/fixed_string.hpp>

namespace tapeless {

namespace detail {

inline constexpr std::uint32_t no_node = 0xffffffffu;
/// A guard is a disjunction of at most this many terms; a node needed under more is computed
/// unconditionally (always correct, just not lazy).
inline constexpr std::size_t max_guard_terms = 4;

/// One unique node of the DAG, as the sweeps use it.
struct plan_entry {
  const node_info* info = nullptr;
  std::uint32_t operands[max_arity] = {};  ///< indices of the operand nodes (all smaller)
  /// A node that reached this one first in the DFS, and which of its operands this is. Node
  /// types are recovered from the root type through this spanning tree (see node_at).
  std::uint32_t parent = no_node;
  std::uint32_t position = 0;
  std::uint32_t const_offset = 0;  ///< index of the subtree's first run-time constant in the root
  /// When the node is needed (only under select): never guarded when guard_count == 0, else
  /// when any term holds. Term t means "select node t / 2 is needed and takes branch t % 2"
  /// (0: the true branch). A term implies its select node's own guard.
  std::uint32_t guard_count = 0;
  std::uint32_t guard[max_guard_terms] = {};
  /// The forward value is computed only under the guard (false when a term's condition comes
  /// later in the topological order: then the value is computed unconditionally).
  bool forward_guarded = false;
  /// Where a dense node's block of `length` values starts in the value and adjoint arrays:
  /// after the N node slots for a vector or matrix, the node's own slot for a 1×1 result.
  std::uint32_t base = 0;
  /// Where a reduction (or store) keeps the values of the costly nodes its loop computed (see
  /// node_info::costly), element by element, for its reverse step to read back instead of
  /// computing them again (sum(square(tanh(x))): no second tanh): `length` × (costly nodes in
  /// the loop) entries in the value array, after the dense blocks; 0 when the loop computes
  /// everything again (nothing costly, or more than TAPELESS_CONFIG_ELEMENT_CACHE entries).
  std::uint32_t cache = 0;
  /// A vector or matrix variable, or a dense node's block, whose adjoints have one writer in
  /// the reverse sweep, unguarded, that writes each element once (node_info::writes_once): a
  /// sweep that asks for it (sweep.hpp, fresh_sink) lets that writer assign, and clears
  /// nothing first: no zeroing of the gradient's entries, no load of the zero they held.
  bool assigned = false;
  /// Nothing reads the node's value when the caller does not want the root's: not a consumer
  /// whose value is read, not its own reverse step or a consumer's (node_info::reverse_reads),
  /// not a partner's rule. Sweeps that return no value (grad, hvp, the Hessians) skip its
  /// forward step: the compiler would drop the arithmetic anyway, but not a libm call, which
  /// may set errno (grad of sin x + cos y calls cos and sin once each, as written by hand).
  bool unread = false;
};

/// A growable array for constant evaluation only: transient allocation, freed before the
/// evaluation ends. (std::vector is not available to freestanding users.)
template <class T>
struct ct_array {
  T* data = nullptr;
  std::size_t size = 0;
  std::size_t capacity = 0;

  constexpr ct_array() = default;
  ct_array(const ct_array&) = delete;
  ct_array& operator=(const ct_array&) = delete;
  constexpr ~ct_array() { delete[] data; }

  constexpr void reserve(std::size_t n) {
    if (n <= capacity) return;
    T* fresh = new T[n]{};
    for (std::size_t i = 0; i < size; ++i) fresh[i] = data[i];
    delete[] data;
    data = fresh;
    capacity = n;
  }
  constexpr void push_back(const T& x) {
    if (size == capacity) reserve(capacity == 0 ? 16 : 2 * capacity);
    data[size++] = x;
  }
  constexpr T& operator[](std::size_t i) { return data[i]; }
  constexpr const T& operator[](std::size_t i) const { return data[i]; }
  constexpr T& back() { return data[size - 1]; }
  constexpr void pop_back() { --size; }
};

/// Open-addressing set of shared node descriptors. The hash only speeds the search; identity
/// is the descriptor's address (one static object per node type), so a hash collision between
/// two different types can never merge them.
constexpr std::size_t table_capacity(std::size_t n) noexcept {
  std::size_t c = 16;
  while (c < 2 * n) c *= 2;
  return c;
}

template <class Entries, class Slots>
constexpr std::uint32_t table_find(const Entries& entries, const Slots& slots, std::size_t cap,
                                   const node_info* key) noexcept {
  std::size_t i = static_cast<std::size_t>(key->hash) & (cap - 1);
  while (slots[i] != 0) {
    const std::uint32_t idx = slots[i] - 1;
    if (entries[idx].info == key) return idx;
    i = (i + 1) & (cap - 1);
  }
  return no_node;
}

template <class Slots>
constexpr void table_insert(Slots& slots, std::size_t cap, const node_info* key,
                            std::uint32_t idx) noexcept {
  std::size_t i = static_cast<std::size_t>(key->hash) & (cap - 1);
  while (slots[i] != 0) i = (i + 1) & (cap - 1);
  slots[i] = idx + 1;
}

struct dfs_frame {
  const node_info* info = nullptr;
  std::uint32_t const_offset = 0;
  std::uint32_t next = 0;          // next operand to visit
  std::uint32_t child_offset = 0;  // const offset of that operand
  std::uint32_t operands[max_arity] = {};
  bool fresh[max_arity] = {};  // operand first reached from this frame
};

/// Iterative post-order DFS from the root descriptor: shared nodes are visited once, the others
/// once per occurrence. Iterative because constant evaluation limits call depth (clang: 512)
/// and deep chains of 1000 nodes must work.
constexpr void depth_first(const node_info* root, ct_array<plan_entry>& out) {
  ct_array<dfs_frame> stack;
  ct_array<std::uint32_t> slots;
  std::size_t cap = 64;
  std::size_t shared_count = 0;
  slots.reserve(cap);
  slots.size = cap;

  stack.push_back(dfs_frame{root, 0, 0, 0, {}, {}});
  while (stack.size != 0) {
    dfs_frame& f = stack.back();
    if (f.next < f.info->arity) {
      const std::uint32_t j = f.next++;
      const node_info* child = f.info->operands[j];
      const std::uint32_t offset = f.child_offset;
      f.child_offset += child->const_count;
      if (child->shared) {
        const std::uint32_t found = table_find(out, slots, cap, child);
        if (found != no_node) {
          f.operands[j] = found;
          f.fresh[j] = false;
          continue;
        }
      }
      stack.push_back(dfs_frame{child, offset, 0, offset, {}, {}});  // invalidates f
      continue;
    }
    plan_entry e{};
    e.info = f.info;
    e.const_offset = f.const_offset;
    for (std::uint32_t j = 0; j < f.info->arity; ++j) e.operands[j] = f.operands[j];
    const auto idx = static_cast<std::uint32_t>(out.size);
    out.push_back(e);
    for (std::uint32_t j = 0; j < f.info->arity; ++j) {
      if (f.fresh[j]) {
        out[f.operands[j]].parent = idx;
        out[f.operands[j]].position = j;
      }
    }
    if (f.info->shared) {
      if (2 * (shared_count + 1) > cap) {  // grow and rehash
        cap *= 2;
        ct_array<std::uint32_t> bigger;
        bigger.reserve(cap);
        bigger.size = cap;
        for (std::uint32_t k = 0; k < idx; ++k)
          if (out[k].info->shared) table_insert(bigger, cap, out[k].info, k);
        slots.reserve(cap);
        slots.size = cap;
        for (std::size_t k = 0; k < cap; ++k) slots[k] = bigger[k];
      }
      table_insert(slots, cap, f.info, idx);
      ++shared_count;
    }
    stack.pop_back();
    if (stack.size != 0) {
      dfs_frame& p = stack.back();
      p.operands[p.next - 1] = idx;
      p.fresh[p.next - 1] = true;
    }
  }
}

constexpr std::size_t count_nodes(const node_info* root) {
  ct_array<plan_entry> out;
  depth_first(root, out);
  return out.size;
}

/// The analysed graph: unique nodes in topological order (operands before users, the root
/// last), and a lookup table from shared descriptors to node indices.
template <std::size_t N>
struct plan {
  static constexpr std::size_t size = N;
  static constexpr std::size_t capacity = table_capacity(N);
  plan_entry nodes[N];
  std::uint32_t slots[capacity];
  std::size_t variable_count;
  std::uint32_t variables[N];  ///< indices of the variable nodes, in order of first appearance
  bool has_select;  ///< some nodes are guarded (see plan_entry::guard)
  /// Total length of the dense nodes' blocks, stored after the N node slots (see
  /// plan_entry::base): the value and adjoint arrays have N + dense_size entries.
  std::size_t dense_size;
  /// Total length of the reductions' element caches (see plan_entry::cache), stored after the
  /// dense blocks in the value array only.
  std::size_t cache_size;

  /// The index of the partner node `key` of node i if its value is there whenever node i's
  /// reverse step runs (computed unconditionally, or under a guard that node i's implies),
  /// else no_node.
  constexpr std::uint32_t find_partner(std::uint32_t i, const node_info* key) const noexcept {
    const std::uint32_t k = find(key);
    if (k == no_node || !has_select) return k;
    const plan_entry& q = nodes[k];
    if (!q.forward_guarded || guard_implies(nodes[i], q)) return k;
    return no_node;
  }

  /// Index of the node described by `key` if the graph has it as a shared node, else no_node.
  constexpr std::uint32_t find(const node_info* key) const noexcept {
    return table_find(nodes, slots, capacity, key);
  }
};

/// Merges the guard of one use (an edge from a parent) into a node's guard. `seen` says
/// whether the node had a use already; a use without guard makes the node unconditional.
constexpr void merge_guard(plan_entry& child, bool& seen, const std::uint32_t* terms,
                           std::uint32_t count) noexcept {
  if (!seen) {
    seen = true;
    child.guard_count = count;
    for (std::uint32_t t = 0; t < count; ++t) child.guard[t] = terms[t];
    return;
  }
  if (child.guard_count == 0) return;
  if (count == 0) {
    child.guard_count = 0;
    return;
  }
  for (std::uint32_t t = 0; t < count; ++t) {
    bool have = false;
    for (std::uint32_t u = 0; u < child.guard_count; ++u) have = have || child.guard[u] == terms[t];
    if (have) continue;
    if (child.guard_count == max_guard_terms) {
      child.guard_count = 0;
      return;
    }
    child.guard[child.guard_count++] = terms[t];
  }
}

/// Can the guard of `g` be evaluated just before node `at` in the forward sweep, i.e. are all
/// the conditions it reads (its own and, recursively, its selects' guards') computed earlier?
template <class Nodes>
constexpr bool guard_ready(const Nodes& nodes, std::uint32_t g, std::uint32_t at) noexcept {
  for (std::uint32_t t = 0; t < nodes[g].guard_count; ++t) {
    const std::uint32_t s = nodes[g].guard[t] / 2;
    if (nodes[s].operands[0] >= at || !guard_ready(nodes, s, at)) return false;
  }
  return true;
}

/// Guards of the nodes under select: walked from the root down (reverse topological order),
/// so every use of a node is merged before the node passes its guard on to its operands.
template <class Nodes>
constexpr void compute_guards(Nodes& nodes, std::size_t n) {
  ct_array<bool> seen;
  seen.reserve(n);
  seen.size = n;
  for (std::size_t i = n; i-- > 0;) {
    plan_entry& p = nodes[i];
    for (std::uint32_t j = 0; j < p.info->arity; ++j) {
      if (p.info->kind == node_kind::select && j != 0) {
        const std::uint32_t term = static_cast<std::uint32_t>(2 * i + (j - 1));
        merge_guard(nodes[p.operands[j]], seen[p.operands[j]], &term, 1);
      } else {
        merge_guard(nodes[p.operands[j]], seen[p.operands[j]], p.guard, p.guard_count);
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i)
    nodes[i].forward_guarded =
        nodes[i].guard_count != 0 && guard_ready(nodes, static_cast<std::uint32_t>(i),
                                                 static_cast<std::uint32_t>(i));
}

/// Is every term of a's guard a term of b's (so a needed implies b needed)?
constexpr bool guard_implies(const plan_entry& a, const plan_entry& b) noexcept {
  if (b.guard_count == 0) return true;
  if (a.guard_count == 0) return false;
  for (std::uint32_t t = 0; t < a.guard_count; ++t) {
    bool have = false;
    for (std::uint32_t u = 0; u < b.guard_count; ++u) have = have || a.guard[t] == b.guard[u];
    if (!have) return false;
  }
  return true;
}

/// Is node i a loop over elements: a reduction, or a store (the one dense operation whose
/// operand is an elementwise expression evaluated by its own loop; see ops::store)?
constexpr bool is_element_loop(const plan_entry& e) noexcept {
  if (e.info->kind == node_kind::reduction) return true;
  if (e.info->kind != node_kind::dense || e.info->label_size != 5) return false;
  const char store[] = "store";
  for (std::uint32_t k = 0; k < 5; ++k)
    if (e.info->label[k] != store[k]) return false;
  return true;
}

/// What the loop over elements at node r (a reduction or store) reads: `inner[k]` for the
/// vector nodes it evaluates element by element (those it reaches through vector nodes; a dense
/// node is a leaf: its block is there already, its operands are its own), `scalar[k]` for the
/// scalar nodes they read. Both arrays have r entries, false on entry.
template <class Flags>
constexpr void loop_nodes(const plan_entry* nodes, std::size_t r, Flags& inner, Flags& scalar) {
  for (std::size_t k = r + 1; k-- > 0;)
    if (k == r || (inner[k] && nodes[k].info->kind != node_kind::dense))
      for (std::uint32_t j = 0; j < nodes[k].info->arity; ++j) {
        const std::uint32_t o = nodes[k].operands[j];
        (nodes[o].info->length > 1 ? inner : scalar)[o] = true;
      }
}

/// loop_nodes' `inner` for the loop at node r, into `inner` (r entries).
constexpr void loop_inner_nodes(const plan_entry* nodes, std::size_t r, ct_array<bool>& inner) {
  ct_array<bool> scalar;
  inner.reserve(r);
  inner.size = r;
  scalar.reserve(r);
  scalar.size = r;
  loop_nodes(nodes, r, inner, scalar);
}

/// The index of partner `key` of node i (plan::find_partner), for a vector node only if every
/// loop over elements that evaluates node i evaluates the partner too: the loop's step reads
/// the partner's element from its own values (sum(sin(v)) + sum(cos(v)): each loop computes one
/// of the two, and sin(v)'s step computes cos itself).
template <class Plan>
constexpr std::uint32_t partner_in_reach(const Plan& p, std::uint32_t i, const node_info* key) {
  const std::uint32_t k = p.find_partner(i, key);
  if (k == no_node || p.nodes[i].info->length == 1) return k;
  for (std::size_t r = i + 1; r < Plan::size; ++r) {
    if (!is_element_loop(p.nodes[r])) continue;
    ct_array<bool> inner;
    loop_inner_nodes(p.nodes, r, inner);
    if (inner[i] && (k >= r || !inner[k])) return no_node;
  }
  return k;
}

/// The entries of node r's element cache: its length times the costly nodes among those its
/// loop evaluates (node_info::costly, loop_nodes); 0 for a node that is no loop or whose loop
/// computes nothing costly.
constexpr std::uint32_t loop_cache_entries(const plan_entry* nodes, std::size_t r) {
  if (!is_element_loop(nodes[r])) return 0;
  ct_array<bool> inner;
  loop_inner_nodes(nodes, r, inner);
  std::uint32_t count = 0, length = 1;
  for (std::size_t k = 0; k < r; ++k) {
    if (!inner[k]) continue;
    if (nodes[k].info->costly) ++count;
    if (nodes[k].info->length > length) length = nodes[k].info->length;
  }
  return count * length;
}

template <std::size_t N>
constexpr bool plan_has_vector_variable(const plan<N>& p) noexcept {
  for (std::size_t q = 0; q < p.variable_count; ++q)
    if (p.nodes[p.variables[q]].info->length > 1) return true;
  return false;
}

/// Does node e keep adjoints per element that its readers write (plan_entry::assigned)?
constexpr bool has_element_adjoints(const plan_entry& e) noexcept {
  return e.info->length > 1 &&
         (e.info->kind == node_kind::variable || e.info->kind == node_kind::dense);
}

/// plan_entry::assigned: count the writers of each node's element adjoints. A loop (reduction,
/// store) writes those of the variables and dense nodes it reads element by element, once per
/// element if it runs over all of them; a dense operation those of its operands, as its
/// writes_once says; an inactive node writes nothing; an elementwise vector node is part of a
/// loop, which writes for it. Any other reader counts as a writer that adds.
constexpr void mark_assigned(plan_entry* nodes, std::size_t n) {
  ct_array<std::uint32_t> writers;
  ct_array<bool> adds;
  writers.reserve(n);
  writers.size = n;
  adds.reserve(n);
  adds.size = n;
  for (std::size_t r = 0; r < n; ++r) {
    const plan_entry& e = nodes[r];
    if (!e.info->active) continue;
    const bool guarded = e.guard_count != 0;
    if (is_element_loop(e)) {
      ct_array<bool> inner;
      loop_inner_nodes(nodes, r, inner);
      for (std::size_t k = 0; k < r; ++k) {
        if (!inner[k] || !has_element_adjoints(nodes[k])) continue;
        ++writers[k];
        if (guarded || e.info->writes_once == 0) adds[k] = true;
      }
    } else if (e.info->length == 1 || e.info->kind == node_kind::dense) {
      for (std::uint32_t j = 0; j < e.info->arity; ++j) {
        const std::uint32_t o = e.operands[j];
        if (!has_element_adjoints(nodes[o])) continue;
        ++writers[o];
        if (guarded || ((e.info->writes_once >> j) & 1u) == 0) adds[o] = true;
      }
    }
  }
  // an inactive node's adjoints: no dense writer sets them (block_operand adds nothing), and
  // nothing reads them; cleared as before
  for (std::size_t k = 0; k < n; ++k)
    nodes[k].assigned = writers[k] == 1 && !adds[k] && nodes[k].info->active;
}

/// plan_entry::unread, from the root down. Only scalar operations and named nodes are ever
/// unread: every other kind (variables, constants, select, reductions, dense and vector
/// nodes) is computed as before, and its forward step reads all its operands.
constexpr void mark_unread(plan_entry* nodes, std::size_t n) {
  ct_array<bool> read;
  read.reserve(n);
  read.size = n;
  ct_array<std::uint32_t> holders;  // the nodes whose operation lists partners
  for (std::size_t i = 0; i < n; ++i)
    if (nodes[i].info->has_partners) holders.push_back(static_cast<std::uint32_t>(i));
  for (std::size_t i = n; i-- > 0;) {
    const plan_entry& e = nodes[i];
    const node_info& info = *e.info;
    const bool skippable = (info.kind == node_kind::operation || info.kind == node_kind::named) && info.length == 1;
    // nothing reads the root's value but, it may be, its own rule
    bool r = read[i] || !skippable || (info.active && (info.reverse_reads & reads_self_bit) != 0);
    // sin(x)'s rule reads cos(x)'s value where the graph has that node (context::sibling): a
    // node is kept when an operation with partners (any, a user's too) has the same operands
    for (std::size_t q = 0; q < holders.size && !r; ++q) {
      const plan_entry& k = nodes[holders[q]];
      if (holders[q] == i || k.info->arity != info.arity) continue;
      bool same = true;
      for (std::uint32_t j = 0; j < info.arity; ++j) same = same && k.operands[j] == e.operands[j];
      r = same;
    }
    nodes[i].unread = !r;
    for (std::uint32_t j = 0; j < info.arity; ++j)
      if (r || (info.active && ((info.reverse_reads >> j) & 1u) != 0)) read[e.operands[j]] = true;
  }
}

template <std::size_t N>
constexpr plan<N> make_plan(const node_info* root) {
  ct_array<plan_entry> out;
  depth_first(root, out);
  plan<N> p{};
  p.variable_count = 0;
  p.has_select = false;
  p.dense_size = 0;
  for (std::size_t i = 0; i < N; ++i) {
    p.nodes[i] = out[i];
    if (out[i].info->kind == node_kind::dense) {
      if (out[i].info->length > 1) {
        p.nodes[i].base = static_cast<std::uint32_t>(N + p.dense_size);
        p.dense_size += out[i].info->length;
      } else {
        p.nodes[i].base = static_cast<std::uint32_t>(i);
      }
    }
    if (out[i].info->shared) table_insert(p.slots, plan<N>::capacity, out[i].info,
                                          static_cast<std::uint32_t>(i));
    if (out[i].info->kind == node_kind::variable)
      p.variables[p.variable_count++] = static_cast<std::uint32_t>(i);
    if (out[i].info->kind == node_kind::select) p.has_select = true;
  }
  if (p.has_select) compute_guards(p.nodes, N);
  if (p.dense_size != 0 || plan_has_vector_variable(p)) mark_assigned(p.nodes, N);
  mark_unread(p.nodes, N);
  p.cache_size = 0;
  for (std::size_t i = 0; i < N; ++i) {
    // a root that runs both sweeps in one loop keeps nothing for a second one
    if (i == N - 1 && p.nodes[i].info->fuses_at_root) continue;
    const std::uint32_t entries = loop_cache_entries(p.nodes, i);
    if (entries == 0 || entries > TAPELESS_CONFIG_ELEMENT_CACHE) continue;
    p.nodes[i].cache = static_cast<std::uint32_t>(N + p.dense_size + p.cache_size);
    p.cache_size += entries;
  }
  return p;
}

/// Where variable node k's entries start in the gradient: variables in order of first
/// appearance, a vector or matrix taking its length.
template <std::size_t N>
constexpr std::uint32_t gradient_offset(const plan<N>& p, std::uint32_t k) noexcept {
  std::uint32_t offset = 0;
  for (std::size_t q = 0; q < p.variable_count && p.variables[q] != k; ++q)
    offset += p.nodes[p.variables[q]].info->length;
  return offset;
}

/// The graph of expression type E, computed once per type.
template <class E>
struct graph_of {
  static constexpr std::size_t size = count_nodes(&E::info);
  static constexpr plan<size> value = make_plan<size>(&E::info);
  /// Entries of the adjoint arrays: one per node, then the dense blocks.
  static constexpr std::size_t adjoint_storage = size + value.dense_size;
  /// Entries of the value arrays: the same, then the reductions' element caches.
  static constexpr std::size_t storage = adjoint_storage + value.cache_size;
};

/// The type of node I of Root's graph, recovered through the DFS spanning tree.
template <class Root, std::size_t I, bool = (I + 1 == graph_of<Root>::size)>
struct node_at {
  using type = Root;
};
template <class Root, std::size_t I>
struct node_at<Root, I, false> {
  using type = typename node_at<Root, graph_of<Root>::value.nodes[I].parent>::type::template operand<
      graph_of<Root>::value.nodes[I].position>;
};

/// All node types of Root, instantiated root first so that each lookup finds its parent
/// already instantiated: the recursion in node_at is then one level deep, whatever the depth
/// of the expression (no -ftemplate-depth needed for 1000-node chains).
template <class Root, std::size_t... I>
auto node_types_impl(std::index_sequence<I...>)
    -> type_list<typename node_at<Root, sizeof...(I) - 1 - I>::type...>;

template <class Root>
struct node_types {
  using list = decltype(node_types_impl<Root>(std::make_index_sequence<graph_of<Root>::size>{}));
};

template <class Root, std::size_t I>
struct node_type_of {
  using all = typename node_types<Root>::list;  // first: every node type, root first
  using type = typename node_at<Root, I>::type;
};

/// The type of node I of Root's graph. Always go through here (not node_at), so that the
/// types are instantiated in the order above.
template <class Root, std::size_t I>
using node_type = typename node_type_of<Root, I>::type;

}  // namespace detail

/// Compile-time facts about the graph of an expression, for tests and curious users.
/// `tapeless::node_count(f)` is the number of unique nodes (a shared subexpression counts once).
template <expression E>
TAPELESS_INLINE constexpr std::size_t node_count(const E&) noexcept {
  return detail::graph_of<E>::size;
}

/// Number of distinct variables of an expression.
template <expression E>
TAPELESS_INLINE constexpr std::size_t variable_count(const E&) noexcept {
  return detail::graph_of<E>::value.variable_count;
}

/// Name of the I-th variable of an expression, in order of first appearance (left to right).
template <expression E>
TAPELESS_INLINE constexpr name_view variable_name(const E&, std::size_t i) noexcept {
  const detail::node_info* info =
      detail::graph_of<E>::value.nodes[detail::graph_of<E>::value.variables[i]].info;
  return name_view{info->label, info->label_size};
}

}  // namespace tapeless
