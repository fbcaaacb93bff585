// Values that nothing reads (graph.hpp, plan_entry::unread): grad, hvp, hessian, sparse_hessian
// and jacrev, which return no value of the root, skip the forward steps of the nodes whose value only the root's value
// needed. The plan's marks in small graphs; constant evaluation of those sweeps (a skipped value
// that something did read would be an uninitialised read, which constant evaluation rejects);
// a counting operation that is called once by value_and_grad and not at all by grad; and grad,
// hvp and jacrev against value_and_grad, the Hessian and jacobian, bit for bit, at many points.
// SPDX-License-Identifier: BSL-1.0
#include <catch2/catch.hpp>
#include <tapeless/tapeless.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "support.hpp"

namespace {

using core_test::same_bits;
using tapeless::at;

int applies = 0;

/// h(x) = x² + 1, counted at run time, whose rule reads its operand only but does not say
/// so: its value is computed, as every node's was before.
struct undeclared_square {
  static constexpr char name[] = "h0";
  template <class T>
  static constexpr T apply(T v) {
    if (!std::is_constant_evaluated()) ++applies;
    return v * v + 1;
  }
  template <std::size_t J, class Ctx, class T>
  static constexpr T adjoint(const Ctx& ctx, T abar) {
    return abar * (2 * ctx.template operand<0>());
  }
};
/// The same operation, saying what its rule reads.
struct counted_square : undeclared_square {
  static constexpr char name[] = "h";
  static constexpr std::uint32_t reverse_reads = 0b1u;
};

/// x log x, whose rule reads log x from the graph when it has that node: a user's operation
/// that lists a built-in one (which lists no partners) as its partner.
struct xlogx_op {
  static constexpr char name[] = "xlogx";
  static constexpr std::uint32_t reverse_reads = 0b1u;
  using partners = tapeless::detail::type_list<tapeless::ops::log>;
  template <class T>
  static constexpr T apply(T v) noexcept {
    return v * tapeless::detail::math::log(v);
  }
  template <std::size_t J, class Ctx, class T>
  static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    return abar * (ctx.template sibling<tapeless::ops::log>() + T(1));
  }
};

template <tapeless::expression X>
constexpr auto xlogx(const X& v) {
  return tapeless::make_node<xlogx_op>(v);
}

template <tapeless::expression X>
constexpr auto h(const X& v) {
  return tapeless::make_node<counted_square>(v);
}
template <tapeless::expression X>
constexpr auto h0(const X& v) {
  return tapeless::make_node<undeclared_square>(v);
}

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"z"> z;

/// Is the node of type N in E's graph unread?
template <class E, class N>
constexpr bool unread(const E&, const N&) {
  constexpr auto& p = tapeless::detail::graph_of<E>::value;
  return p.nodes[p.find(&N::info)].unread;
}

constexpr bool close(double a, double b) { return a - b < 1e-12 && b - a < 1e-12; }

}  // namespace

TEST_CASE("the plan marks the values that only the root's value reads") {
  constexpr auto f = sin(x) + cos(y) + log(x * y);
  STATIC_REQUIRE(unread(f, f));
  STATIC_REQUIRE(unread(f, sin(x)));
  STATIC_REQUIRE(unread(f, cos(y)));
  STATIC_REQUIRE(unread(f, log(x * y)));
  STATIC_REQUIRE(unread(f, sin(x) + cos(y)));
  STATIC_REQUIRE(!unread(f, x * y));  // log's rule reads its operand
  STATIC_REQUIRE(!unread(f, x));      // variables are always read
  // a product's rule reads both factors; exp's and sqrt's their own value
  constexpr auto g = sin(x) * y + exp(z) + sqrt(x);
  STATIC_REQUIRE(!unread(g, sin(x)));
  STATIC_REQUIRE(unread(g, sin(x) * y));
  STATIC_REQUIRE(!unread(g, exp(z)));
  STATIC_REQUIRE(!unread(g, sqrt(x)));
  // sin(x)'s rule reads cos(x) where the graph has it, and the other way round
  constexpr auto s = sin(x) + cos(x);
  STATIC_REQUIRE(!unread(s, sin(x)));
  STATIC_REQUIRE(!unread(s, cos(x)));
  STATIC_REQUIRE(unread(s, s));
  // a value read by a consumer whose value is read is read
  constexpr auto d = exp(sin(x) + y);
  STATIC_REQUIRE(!unread(d, sin(x)));
  STATIC_REQUIRE(!unread(d, sin(x) + y));
  // a quotient reads its divisor and its own value, not its dividend
  constexpr auto q = sin(x) / cos(y) + z;
  STATIC_REQUIRE(!unread(q, sin(x)));  // read by the quotient's forward step: its value is read
  STATIC_REQUIRE(!unread(q, sin(x) / cos(y)));
  // a named intermediate passes its adjoint on and reads nothing
  constexpr auto n = tapeless::let<"u">(sin(x)) + y;
  STATIC_REQUIRE(unread(n, sin(x)));
  // a partner listed by a user's operation is kept, though log lists no partners itself
  constexpr auto p = xlogx(x) + log(x) + y;
  STATIC_REQUIRE(!unread(p, log(x)));
  STATIC_REQUIRE(unread(p, xlogx(x)));
  // an operation that does not declare what it reads reads everything
  constexpr auto u = h0(x) + h(y);
  STATIC_REQUIRE(!unread(u, h0(x)));
  STATIC_REQUIRE(unread(u, h(y)));
  // select: its condition and both branches are read; reductions, vectors: unchanged
  constexpr auto c = tapeless::select(x > 0, sin(x), cos(y)) + y;
  STATIC_REQUIRE(!unread(c, sin(x)));
  STATIC_REQUIRE(!unread(c, cos(y)));
}

TEST_CASE("sweeps that skip unread values run in constant evaluation") {
  // an unread value that something read would be an uninitialised read: not a constant
  constexpr auto f = sin(x) + cos(y) + log(x * y);
  constexpr auto gf = tapeless::grad(f, at(x = 0.5, y = 2.0));
  STATIC_REQUIRE(gf[y] == tapeless::value_and_grad(f, at(x = 0.5, y = 2.0)).grad[y]);
  constexpr auto g = tapeless::let<"u">(sin(x) * y) + exp(z) / (x + y) - tapeless::select(z > 0, log(z), x);
  constexpr auto gg = tapeless::grad(g, at(x = 0.5, y = 2.0, z = 1.5));
  STATIC_REQUIRE(gg[z] == tapeless::value_and_grad(g, at(x = 0.5, y = 2.0, z = 1.5)).grad[z]);
  // with select too: the sweeps do not zero their values in constant evaluation
  constexpr auto p = xlogx(x) + log(x) + tapeless::select(x > 0, x, -x);
  STATIC_REQUIRE(tapeless::grad(p, at(x = 2.0))[x] == tapeless::value_and_grad(p, at(x = 2.0)).grad[x]);
  STATIC_REQUIRE(close(tapeless::grad(p, at(x = 2.0))[x], tapeless::eval(log(x) + 1 + 1 / x + 1, at(x = 2.0))));
  constexpr auto s = tapeless::grad(sin(x) + cos(x) + sinh(y) * cosh(y), at(x = 0.5, y = 2.0));
  STATIC_REQUIRE(close(s[x], tapeless::eval(cos(x) - sin(x), at(x = 0.5))));
  // H = diag(−sin x − 1/x², −cos y − 1/y²)
  constexpr auto hv = tapeless::hvp(f, at(x = 0.5, y = 2.0), at(x = 1.0, y = -1.0));
  STATIC_REQUIRE(close(hv[x], tapeless::eval(-sin(x) - 1 / (x * x), at(x = 0.5))));
  STATIC_REQUIRE(close(hv[y], tapeless::eval(cos(x) + 1 / (x * x), at(x = 2.0))));
  constexpr auto fs = tapeless::outputs(x * y + sin(z), exp(x) * y, z * z);
  constexpr auto J = tapeless::jacrev(fs, at(x = 0.5, y = 2.0, z = 1.0));
  constexpr auto K = tapeless::jacobian(fs, at(x = 0.5, y = 2.0, z = 1.0), tapeless::reverse_mode);
  STATIC_REQUIRE(J[0][z] == K[0][z]);
  STATIC_REQUIRE(J[1][x] == K[1][x]);
  STATIC_REQUIRE(J[2][z] == 2.0);
}

TEST_CASE("grad does not compute a value that only the root's value reads") {
  const auto f = h(x) * y + h(y);  // h(x) is read by the product's rule, h(y) by nothing
  for (int i = -6; i <= 6; ++i) {
    const double a = 0.375 * i, b = 1.25 - 0.5 * i;
    applies = 0;
    const auto r = tapeless::value_and_grad(f, at(x = a, y = b));
    CHECK(applies == 2);
    applies = 0;
    const auto g = tapeless::grad(f, at(x = a, y = b));
    CHECK(applies == 1);
    CHECK(same_bits(g[x], r.grad[x]));
    CHECK(same_bits(g[y], r.grad[y]));
    CHECK(g[x] == 2 * a * b);
    CHECK(g[y] == (a * a + 1) + 2 * b);
  }
  // without the declaration, the value is computed as before
  const auto f0 = h0(x) + y;
  applies = 0;
  (void)tapeless::grad(f0, at(x = 1.0, y = 2.0));
  CHECK(applies == 1);
}

TEST_CASE("grad, hvp and jacrev skip unread values and agree bit for bit with the full sweeps") {
  const auto f = sin(x) + cos(y) * z + log(x * y) - sinh(z) + tapeless::let<"u">(cosh(x)) / y;
  const auto fs = tapeless::outputs(x * y + sin(z), exp(x) * y + cos(x), log(z) - y);
  core_test::rng r(20261127);
  for (int i = 0; i < 200; ++i) {
    const double a = r.uniform(0.1, 3.0), b = r.uniform(0.1, 3.0), cz = r.uniform(0.1, 3.0);
    const auto e = at(x = a, y = b, z = cz);
    const auto full = tapeless::value_and_grad(f, e);
    const auto g = tapeless::grad(f, e);
    CHECK(same_bits(g[x], full.grad[x]));
    CHECK(same_bits(g[y], full.grad[y]));
    CHECK(same_bits(g[z], full.grad[z]));
    // H·v against the Hessian's rows (the same forward-over-reverse arithmetic)
    const auto hv = tapeless::hvp(f, e, at(x = 1.0, y = 0.0, z = 0.0));
    const auto H = tapeless::hessian(f, e);
    CHECK(hv[x] == Approx(H[x][x]).epsilon(1e-13));
    CHECK(hv[y] == Approx(H[y][x]).epsilon(1e-13));
    CHECK(hv[z] == Approx(H[z][x]).epsilon(1e-13).margin(1e-300));
    const auto J = tapeless::jacrev(fs, e);
    const auto K = tapeless::jacobian(fs, e, tapeless::reverse_mode);
    const auto F = tapeless::jacfwd(fs, e);
    for (std::size_t k = 0; k < 3; ++k) {
      CHECK(same_bits(J[k][x], K[k][x]));
      CHECK(same_bits(J[k][y], K[k][y]));
      CHECK(same_bits(J[k][z], K[k][z]));
      CHECK(F[k][x] == Approx(K[k][x]).epsilon(1e-15));
      CHECK(F[k][y] == Approx(K[k][y]).epsilon(1e-15));
      CHECK(F[k][z] == Approx(K[k][z]).epsilon(1e-15));
    }
    // closed forms of two entries
    CHECK(J[0][z] == std::cos(cz));
    CHECK(J[2][z] == 1 / cz);
  }
}

TEST_CASE("a partner is read only where it is computed: two loops over one vector") {
  // sum(sin(v)) and sum(cos(v)) are two loops; each computes its own function only, so sin's
  // step computes cos itself (it read the other loop's element, never set, before)
  constexpr tapeless::vec<"v", 4> v;
  const auto f = tapeless::sum(sin(v)) + tapeless::sum(cos(v)) * y;
  constexpr auto cf = tapeless::grad(f, at(v = std::array{0.5, 1.0, -2.0, 3.0}, y = 2.0));
  STATIC_REQUIRE(close(cf[v][2], tapeless::eval(cos(x) - 2 * sin(x), at(x = -2.0))));
  core_test::rng r(7);
  for (int i = 0; i < 50; ++i) {
    const std::array<double, 4> a{r.uniform(-3, 3), r.uniform(-3, 3), r.uniform(-3, 3), r.uniform(-3, 3)};
    const double b = r.uniform(-2, 2);
    const auto full = tapeless::value_and_grad(f, at(v = a, y = b));
    const auto g = tapeless::grad(f, at(v = a, y = b));
    for (std::size_t k = 0; k < 4; ++k) {
      CHECK(full.grad[v][k] == Approx(std::cos(a[k]) - b * std::sin(a[k])).epsilon(1e-14).margin(1e-15));
      CHECK(same_bits(g[v][k], full.grad[v][k]));
    }
    CHECK(full.grad[y] == Approx(std::cos(a[0]) + std::cos(a[1]) + std::cos(a[2]) + std::cos(a[3])));
  }
}

TEST_CASE("a user's operation that reads a built-in partner: grad and jacrev read it computed") {
  const auto f = xlogx(x) + log(x) + y;
  const auto fs = tapeless::outputs(f, x * y);
  for (int i = 1; i <= 40; ++i) {
    const double a = 0.125 * i;
    const auto e = at(x = a, y = 3.0);
    const auto g = tapeless::grad(f, e);
    CHECK(g[x] == Approx(std::log(a) + 1 + 1 / a).epsilon(1e-14));
    CHECK(same_bits(g[x], tapeless::value_and_grad(f, e).grad[x]));
    CHECK(same_bits(tapeless::jacrev(fs, e)[0][x], tapeless::jacobian(fs, e, tapeless::reverse_mode)[0][x]));
  }
}

TEST_CASE("hessian and sparse_hessian skip unread values too; value_grad_and_hessian does not") {
  const auto f = h(x) * y + h(y);  // h(y): only the value reads it
  constexpr std::size_t colours = tapeless::hessian_colours(h(x) * y + h(y));
  applies = 0;
  const auto H = tapeless::hessian(f, at(x = 1.5, y = -0.5));
  CHECK(applies == static_cast<int>(colours));  // h(x) once per sweep
  applies = 0;
  const auto full = tapeless::value_grad_and_hessian(f, at(x = 1.5, y = -0.5));
  CHECK(applies == static_cast<int>(2 * colours));
  CHECK(H[x][x] == 2 * -0.5);
  CHECK(H[x][y] == 2 * 1.5);
  CHECK(H[y][y] == 2.0);
  CHECK(same_bits(full.hessian[x][y], H[x][y]));
  // an energy of angles: every cos is read by nobody but the value (its rule reads its operand)
  const auto e = -cos(x - y) - cos(y - z) - cos(z - x) + sin(x);
  constexpr auto ce = -cos(x - y) - cos(y - z) - cos(z - x) + sin(x);
  constexpr auto cH = tapeless::hessian(ce, at(x = 0.5, y = 1.0, z = -0.25));
  STATIC_REQUIRE(close(cH[x][y], tapeless::eval(-cos(x), at(x = -0.5))));
  core_test::rng r(99);
  for (int i = 0; i < 100; ++i) {
    const double a = r.uniform(-3, 3), b = r.uniform(-3, 3), cz = r.uniform(-3, 3);
    const auto pt = at(x = a, y = b, z = cz);
    const auto Hs = tapeless::hessian(e, pt);
    const auto ref = tapeless::value_grad_and_hessian(e, pt).hessian;
    const auto sp = tapeless::sparse_hessian(e, pt);
    for (std::size_t k = 0; k < decltype(sp)::nonzeros; ++k)
      CHECK(same_bits(sp.value[k], ref(sp.row(k), sp.col(k))));
    CHECK(same_bits(Hs[x][x], ref[x][x]));
    CHECK(same_bits(Hs[x][y], ref[x][y]));
    CHECK(same_bits(Hs[y][z], ref[y][z]));
    CHECK(Hs[x][y] == Approx(-std::cos(a - b)).epsilon(1e-14).margin(1e-15));
    CHECK(Hs[x][x] == Approx(std::cos(a - b) + std::cos(cz - a) - std::sin(a)).epsilon(1e-13).margin(1e-14));
  }
}
