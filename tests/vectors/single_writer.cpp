// The entries of vector and matrix variables, and the blocks of dense nodes, that one writer
// sets (plan_entry::assigned): grad, value_and_grad and hvp neither zero them nor add into
// them. Which nodes the plan marks, shape by shape (one matmul, two, matrix-matrix, a vector in
// two loops, element<I>, a loop under select, stop_gradient, transpose, store); the gradients
// against vjp (whose sweep adds into a cleared gradient), bit for bit; H·v against central
// differences of the gradient; the sign of zero entries; constant evaluation.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

namespace {

using tapeless::at;
using tapeless::matmul;
using tapeless::stop_gradient;
using tapeless::sum;
using tapeless::transpose;

constexpr tapeless::mat<"W", 3, 4> W;
constexpr tapeless::mat<"X", 4, 2> X;
constexpr tapeless::vec<"x", 4> x;
constexpr tapeless::vec<"y", 4> y;
constexpr tapeless::vec<"b", 3> b;
constexpr tapeless::vec<"t", 3> t;
constexpr tapeless::var<"s"> s;

/// Does the plan of f let node n's only writer assign its adjoints?
template <class E, class N>
constexpr bool assigned(const E&, const N&) noexcept {
  const auto& p = tapeless::detail::graph_of<E>::value;
  for (std::size_t k = 0; k < tapeless::detail::graph_of<E>::size; ++k)
    if (p.nodes[k].info == &N::info) return p.nodes[k].assigned;
  return false;
}

constexpr auto layer = sum(tapeless::square(tanh(matmul(W, x) + b) - t));
// W: matmul's operand 0 with one column on the right, each entry written once; b, t: the loss's
// loop only; the product's block: the loop only. x: matmul's operand 1, three rows write it.
static_assert(assigned(layer, W) && assigned(layer, b) && assigned(layer, t));
static_assert(assigned(layer, matmul(W, x)));
static_assert(!assigned(layer, x));

constexpr auto two_products = sum(matmul(W, x)) + sum(matmul(W, y));
static_assert(!assigned(two_products, W));  // two writers
static_assert(assigned(two_products, matmul(W, x)) && assigned(two_products, matmul(W, y)));

constexpr auto matrix_matrix = sum(tanh(matmul(W, X)));
static_assert(!assigned(matrix_matrix, W) && !assigned(matrix_matrix, X));  // adds per column, per row

constexpr auto two_loops = sum(x * y) + tapeless::dot(x, x);
static_assert(!assigned(two_loops, x) && assigned(two_loops, y));

constexpr auto one_element = tapeless::element<2>(x * x) + sum(y);
static_assert(!assigned(one_element, x));  // the loop reads element 2 only

constexpr auto under_select = tapeless::select(s > 0.0, sum(x * x), sum(y * y * y));
static_assert(!assigned(under_select, x) && !assigned(under_select, y));  // guarded writers

constexpr auto data_only = sum(stop_gradient(x) * y);
static_assert(assigned(data_only, x) && assigned(data_only, y));  // x's adjoint: -0.0 set, + 0

constexpr auto transposed = sum(tanh(matmul(transpose(W), t)));
static_assert(assigned(transposed, W) && assigned(transposed, transpose(W)));

constexpr auto stored = sum(matmul(W, tanh(x)));
static_assert(assigned(stored, x));  // the store's loop
static_assert(!assigned(stored, tapeless::make_node<tapeless::ops::store>(tanh(x))));  // three rows

// an inactive dense node (a transpose of data): no writer sets its block, which is cleared
constexpr auto data_product = sum(tanh(matmul(transpose(stop_gradient(W)), t)));
static_assert(!assigned(data_product, transpose(stop_gradient(W))));

struct rng {
  std::uint64_t state;
  double uniform(double lo, double hi) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return lo + (hi - lo) * static_cast<double>(state >> 11) * 0x1p-53;
  }
};

/// A point of every variable above, flat: W (12), X (8), x, y (4 each), b, t (3 each), s.
constexpr std::size_t point_size = 12 + 8 + 4 + 4 + 3 + 3 + 1;
using point = std::array<double, point_size>;

auto point_at(const point& p) {
  return at(W = std::span<const double, 12>(p.data(), 12), X = std::span<const double, 8>(p.data() + 12, 8),
            x = std::span<const double, 4>(p.data() + 20, 4), y = std::span<const double, 4>(p.data() + 24, 4),
            b = std::span<const double, 3>(p.data() + 28, 3), t = std::span<const double, 3>(p.data() + 31, 3),
            s = p[34]);
}

/// The gradient of f at p, flat in the order of `point` (0 for a variable not in f).
template <class G>
point flat(const G& g) {
  point r{};
  std::size_t o = 0;
  const auto put = [&](auto span) {
    for (const double e : span) r[o++] = e;
  };
  put(g.span(W));
  put(g.span(X));
  put(g.span(x));
  put(g.span(y));
  put(g.span(b));
  put(g.span(t));
  put(g.span(s));
  return r;
}

bool same_bits(double a, double c) { return a == c ? std::signbit(a) == std::signbit(c) : (a != a && c != c); }

/// grad and value_and_grad (assigning) against vjp (adding into zeros), bit for bit, and H·v
/// along a random direction against central differences of the gradient (a direction that
/// leaves the entries [data_from, data_to) of the point out, where a variable is under
/// stop_gradient: H·v holds it constant, the differences would not).
template <class E>
void check(const char* name, const E& f, std::size_t data_from = 0, std::size_t data_to = 0) {
  INFO(name);
  rng g{11};
  for (int trial = 0; trial < 20; ++trial) {
    point p, v;
    for (double& e : p) e = g.uniform(-1.5, 1.5);
    for (double& e : v) e = g.uniform(-1.0, 1.0);
    p[34] = trial % 2 == 0 ? 0.5 : -0.5;  // both branches of under_select
    v[34] = 0;
    for (std::size_t i = data_from; i < data_to; ++i) v[i] = 0;
    const point got = flat(tapeless::grad(f, point_at(p)));
    const point both = flat(tapeless::value_and_grad(f, point_at(p)).grad);
    const point added = flat(tapeless::vjp(tapeless::outputs(f), point_at(p), std::array{1.0}).grad);
    for (std::size_t i = 0; i < point_size; ++i) {
      INFO("entry " << i << ": " << got[i] << " vs " << added[i]);
      CHECK(same_bits(got[i], added[i]));
      CHECK(same_bits(both[i], added[i]));
    }
    const point hv = flat(tapeless::hvp(f, point_at(p), point_at(v)));
    const double h = 0x1p-17;
    point plus = p, minus = p;
    for (std::size_t i = 0; i < point_size; ++i) {
      plus[i] += h * v[i];
      minus[i] -= h * v[i];
    }
    const point gp = flat(tapeless::grad(f, point_at(plus)));
    const point gm = flat(tapeless::grad(f, point_at(minus)));
    for (std::size_t i = 0; i < point_size; ++i) {
      const double fd = (gp[i] - gm[i]) / (2 * h);
      INFO("H·v entry " << i << ": " << hv[i] << " vs " << fd);
      CHECK(std::fabs(hv[i] - fd) <= 1e-7 * (1 + std::fabs(fd)));
    }
  }
}

TEST_CASE("single writers: the gradient and H·v as when every writer adds") {
  check("dense layer", layer);
  check("two products of W", two_products);
  check("matrix by matrix", matrix_matrix);
  check("x in two loops", two_loops);
  check("element<2>", one_element);
  check("loops under select", under_select);
  check("x under stop_gradient", data_only, 20, 24);
  check("transpose", transposed);
  check("a stored operand", stored);
  check("a product of data", data_product, 0, 12);
}

TEST_CASE("single writers: zero entries are +0, as in a gradient that starts at 0") {
  point p{};
  for (std::size_t i = 0; i < point_size; ++i) p[i] = 0.25 + 0.01 * static_cast<double>(i);
  for (std::size_t i = 20; i < 24; ++i) p[i] = -0.0;  // x: W's gradient is 1 · (-0.0) per entry
  const auto f = sum(matmul(W, x));
  static_assert(assigned(f, W));
  const auto g = tapeless::grad(f, point_at(p));
  for (const double e : g.span(W)) {
    CHECK(e == 0.0);
    CHECK_FALSE(std::signbit(e));
  }
  // a variable read only under stop_gradient: its single writer sets -0.0 + 0
  const auto d = tapeless::grad(data_only, point_at(p));
  for (const double e : d.span(x)) CHECK_FALSE(std::signbit(e));
  const auto hv = tapeless::hvp(f, point_at(p), point_at(p));
  for (const double e : hv.span(W)) CHECK_FALSE(std::signbit(e));
}

// Constant evaluation reads no entry before it is set: a gradient entry left unset would make
// these static_asserts fail to compile.
constexpr tapeless::mat<"A", 2, 2> A2;
constexpr tapeless::vec<"u", 2> u2;
constexpr tapeless::vec<"c", 2> c2;
constexpr std::array<std::array<double, 2>, 2> a2{{{1.0, 2.0}, {3.0, 4.0}}};
constexpr std::array u2v{1.0, -1.0};
constexpr std::array c2v{0.5, 0.25};
constexpr auto small = sum(tapeless::square(matmul(A2, u2) + c2));
static_assert(assigned(small, A2) && assigned(small, c2) && !assigned(small, u2));
// A u + c = [-0.5, -0.75]; f = Σ zᵢ²: ∂f/∂c = 2z, ∂f/∂A = 2z uᵀ, ∂f/∂u = 2 Aᵀz
static_assert(tapeless::grad(small, at(A2 = a2, u2 = u2v, c2 = c2v))[c2] == std::array{-1.0, -1.5});
static_assert(tapeless::grad(small, at(A2 = a2, u2 = u2v, c2 = c2v))[A2] ==
              std::array{std::array{-1.0, 1.0}, std::array{-1.5, 1.5}});
static_assert(tapeless::grad(small, at(A2 = a2, u2 = u2v, c2 = c2v))[u2] == std::array{-5.5, -8.0});
static_assert(tapeless::grad(small, at(A2 = a2, u2 = u2v, c2 = c2v)).span(A2)[3] == 1.5);
// H·v along c only: H_cc = 2I, H_Ac = 2 uᵀ (per row), H_uc = 2 Aᵀ
static_assert(tapeless::hvp(small, at(A2 = a2, u2 = u2v, c2 = c2v), at(c2 = std::array{1.0, 0.0}))[c2] ==
              std::array{2.0, 0.0});
static_assert(tapeless::hvp(small, at(A2 = a2, u2 = u2v, c2 = c2v), at(c2 = std::array{1.0, 0.0}))[A2] ==
              std::array{std::array{2.0, -2.0}, std::array{0.0, 0.0}});
static_assert(tapeless::hvp(small, at(A2 = a2, u2 = u2v, c2 = c2v), at(c2 = std::array{1.0, 0.0}))[u2] ==
              std::array{2.0, 4.0});

// a store (2u is stored for the product) in constant evaluation: its reverse step read its
// own value slot, which nothing sets; f = Σᵣ (A·2u)ᵣ, ∂f/∂u = 2 Aᵀ1, ∂f/∂A = 2 1uᵀ
constexpr auto scaled = sum(matmul(A2, 2.0 * u2));
static_assert(tapeless::grad(scaled, at(A2 = a2, u2 = u2v))[u2] == std::array{8.0, 12.0});
static_assert(tapeless::grad(scaled, at(A2 = a2, u2 = u2v))[A2] ==
              std::array{std::array{2.0, -2.0}, std::array{2.0, -2.0}});

}  // namespace
