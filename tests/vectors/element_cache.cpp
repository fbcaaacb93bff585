// The reductions' element cache (graph.hpp, plan_entry::cache): a short loop keeps the values
// of its costly elementwise nodes for the reverse step, so each function runs once per
// element, and computes the cheap ones (+ − · ÷) again; a long loop (length × costly nodes
// above TAPELESS_CONFIG_ELEMENT_CACHE) computes everything again. Counted with operations that
// count their calls, for sum, a stateful reduction (prod), select, a stored operand of a
// matrix product, a cheap operation and a loop past the limit; gradients against closed forms.
// A reduction at the root of a gradient mostly needs no cache: it runs both sweeps in one loop
// (sweep.hpp, reduction_step::forward_backward), tested here against the two loops.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace {

int calls = 0;  // evaluations of counted_sin

/// sin, counting its evaluations (not its derivative's)
struct counted_sin {
  static constexpr char name[] = "counted_sin";
  template <class T>
  static T apply(T x) {
    ++calls;
    return std::sin(x);
  }
  template <std::size_t J, class Ctx, class T>
  static T adjoint(const Ctx& ctx, T abar) {
    return abar * std::cos(ctx.template operand<0>());
  }
};

template <tapeless::expression X>
constexpr auto csin(const X& x) {
  return tapeless::make_node<counted_sin>(x);
}

int cheap_calls = 0;  // evaluations of counted_double

/// 2x, counting its evaluations, declared cheap: computed again rather than kept
struct counted_double {
  static constexpr char name[] = "counted_double";
  static constexpr bool cheap = true;
  template <class T>
  static T apply(T x) {
    ++cheap_calls;
    return x + x;
  }
  template <std::size_t J, class Ctx, class T>
  static T adjoint(const Ctx&, T abar) {
    return abar + abar;
  }
};

template <std::size_t N>
std::array<double, N> points() {
  std::array<double, N> a{};
  for (std::size_t i = 0; i < N; ++i) a[i] = 0.1 + 0.37 * static_cast<double>(i % 11) - 1.3;
  return a;
}

constexpr tapeless::vec<"u", 8> u;
constexpr tapeless::vec<"long_u", 300> long_u;
constexpr tapeless::mat<"W", 3, 8> W;
constexpr tapeless::var<"s"> s;

}  // namespace

TEST_CASE("element cache: a short loop evaluates each element once", "[cache]") {
  const auto p = points<8>();
  SECTION("sum") {
    calls = 0;
    const auto r = tapeless::value_and_grad(tapeless::sum(s * csin(u) * csin(u)), tapeless::at(u = p, s = 1.5));
    CHECK(calls == 8);  // csin(u) is one node: 8 evaluations, none in the reverse loop
    double value = 0, ds = 0;
    for (std::size_t i = 0; i < 8; ++i) {
      value += 1.5 * std::sin(p[i]) * std::sin(p[i]);
      ds += std::sin(p[i]) * std::sin(p[i]);
      CHECK(r.grad[u][i] == Approx(3.0 * std::sin(p[i]) * std::cos(p[i])).epsilon(1e-14));
    }
    CHECK(r.value == Approx(value).epsilon(1e-14));
    CHECK(r.grad[s] == Approx(ds).epsilon(1e-14));
  }
  SECTION("prod, whose reverse step needs the forward loop's state") {
    calls = 0;
    const auto g = tapeless::grad(tapeless::prod(csin(u) + 2.0), tapeless::at(u = p));
    CHECK(calls == 8);  // was 24: the forward loop, the state again, the reverse loop
    double product = 1;
    for (double x : p) product *= std::sin(x) + 2.0;
    for (std::size_t i = 0; i < 8; ++i)
      CHECK(g[u][i] == Approx(product / (std::sin(p[i]) + 2.0) * std::cos(p[i])).epsilon(1e-13));
  }
  SECTION("select inside the loop") {
    calls = 0;
    const auto g = tapeless::grad(tapeless::sum(tapeless::select(u > 0.0, csin(u), -u)), tapeless::at(u = p));
    CHECK(calls <= 8);
    for (std::size_t i = 0; i < 8; ++i) CHECK(g[u][i] == Approx(p[i] > 0 ? std::cos(p[i]) : -1.0).epsilon(1e-14));
  }
  // the root sums above run both sweeps in one loop; under × 2.0 the reverse loop reads the
  // kept values (with select: only those of the branch taken were computed and kept)
  SECTION("sum and select, not at the root") {
    calls = 0;
    const auto r = tapeless::value_and_grad(tapeless::sum(s * csin(u) * csin(u)) * 2.0, tapeless::at(u = p, s = 1.5));
    CHECK(calls == 8);
    calls = 0;
    const auto g = tapeless::grad(tapeless::sum(tapeless::select(u > 0.0, csin(u), -u)) * 2.0, tapeless::at(u = p));
    CHECK(calls <= 8);
    double value = 0;
    for (std::size_t i = 0; i < 8; ++i) {
      value += 3.0 * std::sin(p[i]) * std::sin(p[i]);
      CHECK(r.grad[u][i] == Approx(6.0 * std::sin(p[i]) * std::cos(p[i])).epsilon(1e-14));
      CHECK(g[u][i] == Approx(p[i] > 0 ? 2.0 * std::cos(p[i]) : -2.0).epsilon(1e-14));
    }
    CHECK(r.value == Approx(value).epsilon(1e-14));
  }
  SECTION("a stored operand of a matrix product") {
    calls = 0;
    std::array<std::array<double, 8>, 3> w{};
    for (std::size_t r = 0; r < 3; ++r)
      for (std::size_t c = 0; c < 8; ++c) w[r][c] = 0.1 * static_cast<double>(r + 1) - 0.05 * static_cast<double>(c);
    const auto g = tapeless::grad(tapeless::sum(tapeless::matmul(W, csin(u))), tapeless::at(W = w, u = p));
    CHECK(calls == 8);
    for (std::size_t c = 0; c < 8; ++c) {
      CHECK(g[W][1][c] == Approx(std::sin(p[c])).epsilon(1e-14));
      CHECK(g[u][c] == Approx((w[0][c] + w[1][c] + w[2][c]) * std::cos(p[c])).epsilon(1e-13));
    }
  }
}

// A reduction at the root (a loss Σ ...) whose seed reads neither its value nor its state runs
// its reverse loop inside its forward loop (sweep.hpp, reduction_step::forward_backward): each
// element once, whatever the length. The reductions below are not the root (× 3.0), so they
// take the two loops and the cache.
TEST_CASE("element cache: cheap operations are computed again, costly ones kept", "[cache]") {
  const auto p = points<8>();
  calls = 0;
  cheap_calls = 0;
  const auto g =
      tapeless::grad(tapeless::sum(csin(tapeless::make_node<counted_double>(u))) * 3.0, tapeless::at(u = p));
  CHECK(calls == 8);         // kept
  CHECK(cheap_calls == 16);  // forward and reverse
  for (std::size_t i = 0; i < 8; ++i) CHECK(g[u][i] == Approx(6.0 * std::cos(2.0 * p[i])).epsilon(1e-14));
}

TEST_CASE("element cache: a loop past the limit evaluates each element again", "[cache]") {
  static_assert(300 > TAPELESS_CONFIG_ELEMENT_CACHE, "the test needs a loop past the limit");
  const auto p = points<300>();
  calls = 0;
  const auto g = tapeless::grad(tapeless::sum(csin(long_u) * 2.0) * 3.0, tapeless::at(long_u = p));
  CHECK(calls == 600);  // forward and reverse: memory O(graph size) whatever the length
  for (std::size_t i = 0; i < 300; ++i) CHECK(g[long_u][i] == Approx(6.0 * std::cos(p[i])).epsilon(1e-14));
}

TEST_CASE("element cache: a reduction at the root runs both sweeps in one loop", "[cache]") {
  SECTION("past the cache's limit: each element once, and nothing kept") {
    const auto p = points<300>();
    calls = 0;
    const auto r = tapeless::value_and_grad(tapeless::sum(csin(long_u) * 2.0), tapeless::at(long_u = p));
    CHECK(calls == 300);
    double value = 0;
    for (std::size_t i = 0; i < 300; ++i) {
      value += std::sin(p[i]) * 2.0;
      CHECK(r.grad[long_u][i] == Approx(2.0 * std::cos(p[i])).epsilon(1e-14));
    }
    CHECK(r.value == Approx(value).epsilon(1e-13));
  }
  SECTION("cheap operations too are computed once") {
    const auto p = points<8>();
    calls = 0;
    cheap_calls = 0;
    const auto g = tapeless::grad(tapeless::sum(csin(tapeless::make_node<counted_double>(u))), tapeless::at(u = p));
    CHECK(calls == 8);
    CHECK(cheap_calls == 8);
    for (std::size_t i = 0; i < 8; ++i) CHECK(g[u][i] == Approx(2.0 * std::cos(2.0 * p[i])).epsilon(1e-14));
  }
  SECTION("prod and norm read their state or value in the reverse loop: two loops") {
    const auto p = points<8>();
    calls = 0;
    (void)tapeless::grad(tapeless::prod(csin(u) + 2.0), tapeless::at(u = p));
    CHECK(calls == 8);  // from the cache
    calls = 0;
    cheap_calls = 0;
    (void)tapeless::grad(tapeless::norm(tapeless::make_node<counted_double>(u)), tapeless::at(u = p));
    CHECK(cheap_calls == 16);
  }
}

TEST_CASE("element cache: hvp and constant evaluation, at the root and not", "[cache]") {
  // in constant evaluation the cache is written and read like any value
  constexpr tapeless::vec<"v", 4> v;
  constexpr auto g = tapeless::grad(tapeless::sum(v * v * v), tapeless::at(v = std::array{1.0, 2.0, 3.0, 4.0}));
  static_assert(g[v] == std::array{3.0, 12.0, 27.0, 48.0});
  constexpr auto hv = tapeless::hvp(tapeless::sum(v * v * v), tapeless::at(v = std::array{1.0, 2.0, 3.0, 4.0}),
                                    tapeless::at(v = std::array{1.0, 0.0, 1.0, 0.0}));
  static_assert(hv[v] == std::array{6.0, 0.0, 18.0, 0.0});  // diag(6 vᵢ) · direction
  static_assert(tapeless::hvp(tapeless::sum(v * v * v) * 2.0, tapeless::at(v = std::array{1.0, 2.0, 3.0, 4.0}),
                               tapeless::at(v = std::array{1.0, 0.0, 1.0, 0.0}))[v] ==
                std::array{12.0, 0.0, 36.0, 0.0});  // the same, not at the root: two loops
  // the cache lives in the value array only: the graph's adjoint arrays do not grow; a loop
  // of + − · ÷ keeps nothing (computing them again is cheaper than a store and a load), and
  // nor does a root that runs both sweeps in one loop
  constexpr auto f = tapeless::sum(sin(v) * v) * 2.0;
  using F = std::remove_cv_t<decltype(f)>;
  static_assert(tapeless::detail::graph_of<F>::storage == tapeless::detail::graph_of<F>::adjoint_storage + 4);
  using R = std::remove_cv_t<decltype(tapeless::sum(sin(v) * v))>;
  static_assert(tapeless::detail::graph_of<R>::storage == tapeless::detail::graph_of<R>::adjoint_storage);
  using P = std::remove_cv_t<decltype(tapeless::sum(v * v * v))>;
  static_assert(tapeless::detail::graph_of<P>::storage == tapeless::detail::graph_of<P>::adjoint_storage);
  CHECK(hv[v][0] == 6.0);
}

namespace {
/// the same bits (== would take -0.0 for +0.0)
bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

constexpr tapeless::vec<"w", 8> w8;

/// grad and hvp of the root reduction `loss`, fused, against the two loops of `loss * 1.0`
/// (the root is then the product, and × 1.0 changes no bit of a value or an adjoint)
/// The point comes through a volatile: clang (-ffp-contract=on) folds a·b + c of constants
/// with one rounding and computes it at run time with two, so a point known at compile time
/// would make the two sides differ where one was folded and the other not.
volatile double opaque_one = 1.0;

template <class Loss>
void check_fused(const Loss& loss) {
  const double one = opaque_one;
  auto p = points<8>();
  std::array<double, 8> q{};
  std::array<double, 8> d{};
  for (std::size_t i = 0; i < 8; ++i) {
    p[i] *= one;
    q[i] = (0.3 - 0.11 * static_cast<double>(i)) * one;
    d[i] = (i % 3 == 0 ? 0.0 : 0.5 - 0.2 * static_cast<double>(i)) * one;
  }
  static_assert(tapeless::detail::fused_root<std::remove_cv_t<Loss>>());
  static_assert(!tapeless::detail::fused_root<std::remove_cv_t<decltype(loss * 1.0)>>());
  const auto point = tapeless::at(u = p, w8 = q, s = 0.7 * one);
  const auto direction = tapeless::at(u = d, s = 0.25 * one);
  const auto fused = tapeless::value_and_grad(loss, point);
  const auto loops = tapeless::value_and_grad(loss * 1.0, point);
  CHECK(same_bits(fused.value, loops.value));
  CHECK(same_bits(fused.grad[s], loops.grad[s]));
  const auto hf = tapeless::hvp(loss, point, direction);
  const auto hl = tapeless::hvp(loss * 1.0, point, direction);
  CHECK(same_bits(hf[s], hl[s]));
  for (std::size_t i = 0; i < 8; ++i) {
    CHECK(same_bits(fused.grad[u][i], loops.grad[u][i]));
    CHECK(same_bits(fused.grad[w8][i], loops.grad[w8][i]));
    CHECK(same_bits(hf[u][i], hl[u][i]));
    CHECK(same_bits(hf[w8][i], hl[w8][i]));
  }
}
}  // namespace

TEST_CASE("element cache: the fused root gives the two loops' results, bit for bit", "[cache]") {
  // closed forms of the same functions are in vec.cpp and hessians.cpp; here the loop structure
  check_fused(tapeless::sum(s * sin(u) * w8 + exp(u * s) - w8 / (1.0 + u * u)));
  check_fused(tapeless::dot(tanh(u * s), w8 - u));
  check_fused(tapeless::squared_norm(sin(u) * w8 - s));
  check_fused(tapeless::element<3>(u * w8 * s + cos(u)));
  check_fused(tapeless::sum(tapeless::select(u > 0.0, sin(u) * s, w8 * u)));
}

TEST_CASE("element cache: a fused root in constant evaluation", "[cache]") {
  constexpr tapeless::vec<"x", 3> x;
  constexpr tapeless::var<"k"> k;
  constexpr auto r = tapeless::value_and_grad(tapeless::dot(x * k, x), tapeless::at(x = std::array{1.0, 2.0, 3.0}, k = 2.0));
  static_assert(r.value == 28.0);                                 // k Σ xᵢ²
  static_assert(r.grad[x] == std::array{4.0, 8.0, 12.0});         // 2 k xᵢ
  static_assert(r.grad[k] == 14.0);                               // Σ xᵢ²
  CHECK(r.value == 28.0);
}
