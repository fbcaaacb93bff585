// Sums over many paths (2, 3, 50, 64 and 2^10), shared subexpressions (node_count proves the
// sharing), the soundness of run-time constants (never merged: (2x)(3x) -> 12x) against
// compile-time constants c<V> and let<"u"> (always shared).
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <type_traits>
#include <utility>

#include "support.hpp"

namespace {

using core_test::fd4;
using core_test::fd_agrees;
using core_test::fd_step;
using core_test::within_roundings;
using tapeless::at;
using tapeless::c;
using tapeless::eval;
using tapeless::grad;
using tapeless::node_count;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"z"> z;

// --- paths ------------------------------------------------------------------------------------

// x + x + ... (N terms, left fold over c<I> * x with distinct literals 1..N): N nodes x*c<i>,
// each one path; d/dx = N(N+1)/2.
template <std::size_t... I>
constexpr auto weighted_sum(std::index_sequence<I...>) {
  return (... + (c<static_cast<int>(I) + 1> * x));
}
// x * x * ... * x (N factors, left fold): d/dx = N x^(N-1), one path per factor.
template <std::size_t... I>
constexpr auto power_chain(std::index_sequence<I...>) {
  return (... * ((void)I, x));
}
// s_0 = e, s_k = s_{k-1} + s_{k-1}: 2^k paths from the root to e through k + 1 nodes.
template <int K, class E>
constexpr auto doubling(const E& e) {
  if constexpr (K == 0) {
    return e;
  } else {
    const auto s = doubling<K - 1>(e);
    return s + s;
  }
}
// p_0 = e, p_k = p_{k-1} * p_{k-1} = e^(2^k).
template <int K, class E>
constexpr auto squaring(const E& e) {
  if constexpr (K == 0) {
    return e;
  } else {
    const auto s = squaring<K - 1>(e);
    return s * s;
  }
}

constexpr auto sum64 = weighted_sum(std::make_index_sequence<64>{});
constexpr auto pow50 = power_chain(std::make_index_sequence<50>{});
// Depth 10 only: the sweep handles 2^60 paths over 61 nodes in no time, but the debug
// information of a DAG-shaped type spells out the whole tree (exponential in the depth of
// sharing), and this file must build with -g (see the report on tests/core).
constexpr auto two_to_10 = doubling<10>(x);
constexpr auto x_to_64 = squaring<6>(x);

static_assert(node_count(sum64) == 64 + 1 + 64 + 63);  // literals, x, products, sums
static_assert(grad(sum64, at(x = 0.5))[x] == 64 * 65 / 2.0);
static_assert(node_count(pow50) == 50);  // x and 49 products
static_assert(grad(pow50, at(x = 1.0))[x] == 50);
static_assert(grad(pow50, at(x = -1.0))[x] == -50);
static_assert(grad(pow50, at(x = 2.0))[x] == 50 * 0x1p49);
static_assert(node_count(two_to_10) == 11);  // 2^10 paths over 11 nodes
static_assert(grad(two_to_10, at(x = 3.0))[x] == 1024);
static_assert(eval(two_to_10, at(x = 3.0)) == 3 * 1024);
static_assert(node_count(x_to_64) == 7);
static_assert(grad(x_to_64, at(x = 1.0))[x] == 64);
static_assert(grad(x_to_64, at(x = -1.0))[x] == -64);
static_assert(grad(x_to_64, at(x = 2.0))[x] == 0x1p69);  // 64 * 2^63

TEST_CASE("a variable reached along 2 and 3 paths gets the sum of their contributions",
          "[operators][paths]") {
  static_assert(grad(x * x, at(x = 3.0))[x] == 6);
  static_assert(grad(x + x, at(x = 3.0))[x] == 2);
  static_assert(grad(x * x * x, at(x = 3.0))[x] == 27);
  static_assert(grad(x * y + x * z + x, at(x = 1.0, y = 2.0, z = 4.0))[x] == 7);
  core_test::rng gen(20);
  for (int i = 0; i < 2000; ++i) {
    const int k = gen.integer(-1000, 1000);
    const double t = k;
    CAPTURE(t);
    CORE_CHECK(grad(x * x, at(x = t))[x] == 2 * t);
    CORE_CHECK(grad(x * x * x, at(x = t))[x] == 3 * t * t);  // exact: |3t^2| < 2^53
    CORE_CHECK(grad(x + x + x, at(x = t))[x] == 3);
    CORE_CHECK(grad(x * x - x, at(x = t))[x] == 2 * t - 1);
    const double b = gen.uniform(-5, 5);
    const double d = gen.uniform(-5, 5);
    const auto g = grad(x * y + x * z + x, at(x = t, y = b, z = d));
    const long double want = static_cast<long double>(b) + d + 1;
    CORE_CHECK(within_roundings(g[x], want, std::fabs(b) + std::fabs(d) + 1, 3));
    CORE_CHECK(g[y] == t);
    CORE_CHECK(g[z] == t);
    // three paths of different kinds: sin(x) * x + x -> cos(x) x + sin(x) + 1
    const double u = gen.uniform(-5, 5);
    const long double ul = u;
    const long double want3 = std::cos(ul) * ul + std::sin(ul) + 1;
    const long double mag3 = std::fabs(std::cos(ul) * ul) + std::fabs(std::sin(ul)) + 1;
    CORE_CHECK(within_roundings(grad(sin(x) * x + x, at(x = u))[x], want3, mag3, 8));
  }
}

TEST_CASE("a variable reached along many paths: 64 terms, 50 factors, 2^10 paths",
          "[operators][paths]") {
  core_test::rng gen(21);
  for (int i = 0; i < 1000; ++i) {
    const double t = gen.uniform(0.5, 1.5);
    const long double tl = t;
    CAPTURE(t);
    CORE_CHECK(grad(sum64, at(x = t))[x] == 2080.0);
    // 50 x^49: each of the 50 path products has 48 roundings and the sum 49 more
    const double g50 = grad(pow50, at(x = t))[x];
    const long double want50 = 50 * std::pow(tl, 49);
    CORE_CHECK(within_roundings(g50, want50, want50, 100));
    const auto f50 = [](long double s) { return eval(pow50, at(x = s)); };
    CORE_CHECK(fd_agrees(g50, fd4(f50, t, fd_step(0.015625)), 50 * std::fabs(f50(t))));
    // 2^10 paths, each contributing exactly 1
    CORE_CHECK(grad(two_to_10, at(x = t))[x] == 1024.0);
    // x^64 by six squarings: 64 x^63 along 2^6 paths
    const double g64 = grad(x_to_64, at(x = t))[x];
    const long double want64 = 64 * std::pow(tl, 63);
    CORE_CHECK(within_roundings(g64, want64, want64, 64));
  }
  // integer and power-of-two points where every path product is exact
  for (int e = -8; e <= 8; ++e) {
    const double t = std::ldexp(1.0, e);
    CAPTURE(t);
    CORE_CHECK(grad(pow50, at(x = t))[x] == 50 * std::ldexp(1.0, 49 * e));
    CORE_CHECK(grad(pow50, at(x = -t))[x] == -50 * std::ldexp(1.0, 49 * e));
    CORE_CHECK(grad(x_to_64, at(x = t))[x] == 64 * std::ldexp(1.0, 63 * e));
  }
}

// --- sharing -----------------------------------------------------------------------------------

// e + e + ... + e, N terms (left fold)
template <class E, std::size_t... I>
constexpr auto repeat_sum(const E& e, std::index_sequence<I...>) {
  return (... + ((void)I, e));
}

constexpr auto shared_sin = sin(x * y);

TEST_CASE("a shared subexpression is one node however often it is used", "[operators][sharing]") {
  constexpr auto& s = shared_sin;
  constexpr auto f = s * s + s;
  // x, y, x*y, sin(x*y), s*s, s*s + s
  static_assert(node_count(f) == 6);
  static_assert(node_count(s * s + s) == node_count(s * s) + 1);
  static_assert(node_count(sin(x * y) * sin(x * y) + sin(x * y)) == 6);  // the same type, rebuilt
  constexpr auto hundred = repeat_sum(s, std::make_index_sequence<100>{});
  static_assert(node_count(hundred) == 4 + 99);
  // (x*y + 2.0) holds a run-time constant and is not shared, but the x*y inside it is
  constexpr auto mixed = (x * y + 2.0) * (x * y);
  static_assert(node_count(mixed) == 6);

  core_test::rng gen(30);
  for (int i = 0; i < 2000; ++i) {
    const double a = gen.uniform(-3, 3);
    const double b = gen.uniform(-3, 3);
    const long double al = a;
    const long double bl = b;
    // sin and cos of the argument the forward sweep has, fl(a*b): the derivative of sin is
    // checked, not the conditioning of cos near its zeros
    const long double p = a * b;
    const long double sv = std::sin(p);
    const long double cv = std::cos(p);
    CAPTURE(a, b);
    // d(s^2 + s) = (2s + 1) cos(xy) (y dx + x dy)
    const auto g = grad(f, at(x = a, y = b));
    const long double mag = (2 * std::fabs(sv) + 1) * std::fabs(cv);
    CORE_CHECK(within_roundings(g[x], (2 * sv + 1) * cv * bl, mag * std::fabs(bl), 10));
    CORE_CHECK(within_roundings(g[y], (2 * sv + 1) * cv * al, mag * std::fabs(al), 10));
    // 100 uses: 100 cos(xy) y; the adjoint of s is 100 exactly
    const auto gh = grad(hundred, at(x = a, y = b));
    CORE_CHECK(within_roundings(gh[x], 100 * cv * bl, 100 * std::fabs(cv * bl), 4));
    // (xy + 2) xy -> (2xy + 2) y
    const auto gm = grad(mixed, at(x = a, y = b));
    const long double wm = (2 * al * bl + 2) * bl;
    CORE_CHECK(within_roundings(gm[x], wm, (2 * std::fabs(al * bl) + 2) * std::fabs(bl), 8));
  }
}

TEST_CASE("run-time constants are never merged: (2x)(3x) has gradient 12x",
          "[operators][soundness]") {
  // 2.0*x and 3.0*x have the same type; merging them would give 8x or 18x.
  constexpr auto f = (2.0 * x) * (3.0 * x);
  static_assert(node_count(f) == 6);  // x, 2.0, 2.0*x, 3.0, 3.0*x, product
  static_assert(grad(f, at(x = 1.0))[x] == 12);
  static_assert(eval(f, at(x = 1.0)) == 6);
  static_assert(node_count((2.0 * x) * (2.0 * x)) == 6);
  core_test::rng gen(31);
  for (int i = 0; i < 2000; ++i) {
    const double t = gen.uniform(-1e6, 1e6);
    CAPTURE(t);
    // 2 fl(3x) + fl(2x) 3 = fl(6x) + fl(6x): exact equality with fl(12x)
    CORE_CHECK(grad(f, at(x = t))[x] == 12 * t);
    // run-time doubles, not known to the compiler
    const double a = gen.uniform(-10, 10);
    const double b = gen.uniform(-10, 10);
    const auto fab = (a * x) * (b * x);
    const long double want = 2 * static_cast<long double>(a) * b * t;
    CAPTURE(a, b);
    CORE_CHECK(within_roundings(grad(fab, at(x = t))[x], want, std::fabs(want), 6));
    CORE_CHECK(eval(fab, at(x = t)) == (a * t) * (b * t));
    // the same a in both places still works
    CORE_CHECK(grad((a * x) * (a * x), at(x = t))[x] == 2 * ((a * t) * a));
  }
}

TEST_CASE("compile-time constants c<V> are shared, run-time constants are not",
          "[operators][sharing]") {
  static_assert(node_count((c<2> * x) * (c<2> * x)) == 4);  // c<2>, x, c<2>*x, product
  static_assert(node_count((2.0 * x) * (2.0 * x)) == 6);
  static_assert(node_count(c<2.5> * x + c<2.5> * x) == 4);
  static_assert(node_count(c<2> * x + c<3> * x) == 6);  // different literals, different nodes
  static_assert(grad((c<2> * x) * (c<2> * x), at(x = 3.0))[x] == 24);  // 8x
  static_assert(grad((c<2> * x) * (c<3> * x), at(x = 1.0))[x] == 12);
  static_assert(grad(c<2.5> * x, at(x = 3.0))[x] == 2.5);
  static_assert(eval(c<2.5> * x, at(x = 3.0)) == 7.5);
  static_assert(eval(x + c<-1>, at(x = 3.0)) == 2);
  static_assert(eval(tapeless::c<0.5f> * x, at(x = 3.0)) == 1.5);
  core_test::rng gen(32);
  for (int i = 0; i < 1000; ++i) {
    const double t = gen.uniform(-1e3, 1e3);
    CAPTURE(t);
    CORE_CHECK(grad((c<2> * x) * (c<2> * x), at(x = t))[x] == 8 * t);
    CORE_CHECK(grad((c<2.5> * x) * (c<2.5> * x), at(x = t))[x] == 2 * (2.5 * (2.5 * t)));
    CORE_CHECK(grad((c<2> * x) * (c<3> * x), at(x = t))[x] == 12 * t);
    CORE_CHECK(eval(c<2.5> / x, at(x = t)) == 2.5 / t);
  }
}

TEST_CASE("let shares a subexpression that holds run-time constants", "[operators][let]") {
  constexpr auto u = tapeless::let<"u">(2.0 * x);
  static_assert(node_count(u * u) == 5);  // 2.0, x, 2.0*x, u, u*u
  static_assert(node_count(u + u + u) == 6);
  static_assert(grad(u * u, at(x = 3.0))[x] == 24);  // (2x)^2 -> 8x
  static_assert(grad(u + u + u, at(x = 3.0))[x] == 6);
  // two different non-shared users of u: 15 u^2 = 60 x^2 -> 120 x
  constexpr auto w = (3.0 * u) * (5.0 * u);
  static_assert(node_count(w) == 9);
  static_assert(grad(w, at(x = 1.0))[x] == 120);
  static_assert(eval(w, at(x = 1.0)) == 60);

  core_test::rng gen(33);
  for (int i = 0; i < 1000; ++i) {
    const double t = gen.uniform(-1e3, 1e3);
    const double a = gen.uniform(-4, 4);
    CAPTURE(t, a);
    CORE_CHECK(grad(u * u, at(x = t))[x] == 8 * t);  // 2 fl(2x) * 2 = 8x, exact
    // (3u)(5u): 3 fl(5u) + 5 fl(3u), then times 2: four roundings
    CORE_CHECK(within_roundings(grad(w, at(x = t))[x], 120.0L * t, 120.0L * std::fabs(t), 4));
    // a run-time value inside the let: the named node is one node, used three times
    const auto v = tapeless::let<"v">(a * x + 1.0);
    const auto cube = v * v * v;
    CORE_CHECK(node_count(cube) == 8);  // a, x, a*x, 1.0, +, v, v*v, (v*v)*v
    const long double vl = static_cast<long double>(a) * t + 1;
    const long double want = 3 * vl * vl * a;
    CORE_CHECK(within_roundings(grad(cube, at(x = t))[x], want, std::fabs(want), 10));
  }
}

TEST_CASE("a let's operand that is also used outside the let gets every contribution",
          "[operators][let]") {
  // The named node passes its adjoint to its operand; that operand may have received
  // contributions from elsewhere before (x*x first, then v), which must be kept.
  constexpr auto f1 = x * x + tapeless::let<"v">(x * x);
  static_assert(node_count(f1) == 4);  // x, x*x, v, +
  static_assert(grad(f1, at(x = 3.0))[x] == 12);
  constexpr auto f2 = tapeless::let<"u">(x) * y + x;
  static_assert(grad(f2, at(x = 3.0, y = 5.0))[x] == 6);
  static_assert(grad(f2, at(x = 3.0, y = 5.0))[y] == 3);
  // lets inside lets, the inner one also used on its own
  constexpr auto inner = tapeless::let<"p">(x * y);
  constexpr auto f3 = tapeless::let<"q">(inner + x) * inner;                  // (xy + x) xy
  static_assert(grad(f3, at(x = 2.0, y = 3.0))[x] == 2 * 2 * 9 + 2 * 2 * 3);  // 2xy^2 + 2xy
  static_assert(grad(f3, at(x = 2.0, y = 3.0))[y] == 2 * 4 * 3 + 4);          // 2x^2y + x^2
  // a pure operation over a let with a run-time constant inside is not shared itself (it
  // holds the constant), but must still be right: sin(2x)^2 -> 2 sin(4x)
  constexpr auto u = tapeless::let<"u">(2.0 * x);
  constexpr auto f4 = sin(u) * sin(u) + cos(u);
  core_test::rng gen(35);
  for (int i = 0; i < 1000; ++i) {
    const int k = gen.integer(-1000, 1000);
    const double t = k;
    const double b = gen.integer(-1000, 1000);
    CAPTURE(t, b);
    CORE_CHECK(grad(f1, at(x = t))[x] == 4 * t);
    const auto g2 = grad(f2, at(x = t, y = b));
    CORE_CHECK(g2[x] == b + 1);
    CORE_CHECK(g2[y] == t);
    const auto g3 = grad(f3, at(x = t / 64, y = b / 64));  // dyadic: exact
    const double xs = t / 64;
    const double ys = b / 64;
    CORE_CHECK(g3[x] == 2 * xs * ys * ys + 2 * xs * ys);
    CORE_CHECK(g3[y] == 2 * xs * xs * ys + xs * xs);
    const double r = gen.uniform(-4, 4);
    const long double p = 2 * static_cast<long double>(r);  // fl(2r) = 2r exactly
    const long double want = 2 * (2 * std::sin(p) * std::cos(p)) - 2 * std::sin(p);
    const long double mag = 4 * std::fabs(std::sin(p) * std::cos(p)) + 2 * std::fabs(std::sin(p));
    CORE_CHECK(within_roundings(grad(f4, at(x = r))[x], want, mag, 6));
  }
}

}  // namespace
