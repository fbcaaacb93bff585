// Vector variables and reductions: the seed's third example, every reduction against its
// closed form and a long-double finite difference, elementwise functions and broadcasting,
// select inside a vector expression, the same code at N = 4 and N = 100 000 (the type, hence
// the compile time, does not depend on N), constant evaluation.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace {

using tapeless::at;
using tapeless::eval;
using tapeless::grad;
using tapeless::value_and_grad;

constexpr tapeless::vec<"x", 4> x;
constexpr tapeless::var<"s"> s;

// The seed's third example: y = 2 * dot(x, x) at x = [0, 1, 2, 3]: 28 and [0, 4, 8, 12].
constexpr auto seed_y = 2 * tapeless::dot(x, x);
static_assert(eval(seed_y, at(x = std::array{0.0, 1.0, 2.0, 3.0})) == 28.0);
static_assert(grad(seed_y, at(x = std::array{0.0, 1.0, 2.0, 3.0}))[x] ==
              std::array{0.0, 4.0, 8.0, 12.0});
// one node per vector variable, per elementwise operation and per reduction
static_assert(tapeless::node_count(seed_y) == 4);  // x, dot, 2, *
static_assert(tapeless::node_count(tapeless::sum(sin(x) * s)) == 5);
// constant evaluation of the other reductions
static_assert(eval(tapeless::prod(x), at(x = std::array{1.0, 2.0, 3.0, 4.0})) == 24.0);
static_assert(grad(tapeless::prod(x), at(x = std::array{1.0, 2.0, 3.0, 4.0}))[x] ==
              std::array{24.0, 12.0, 8.0, 6.0});
static_assert(grad(tapeless::max(x), at(x = std::array{1.0, 5.0, 3.0, 5.0}))[x] ==
              std::array{0.0, 0.5, 0.0, 0.5});
static_assert(eval(tapeless::element<2>(x * x), at(x = std::array{1.0, 2.0, 3.0, 4.0})) == 9.0);
static_assert(grad(tapeless::norm(x), at(x = std::array{0.0, 0.0, 0.0, 0.0}))[x] ==
              std::array{0.0, 0.0, 0.0, 0.0});
static_assert(eval(tapeless::norm(x), at(x = std::array{1.0, 2.0, 2.0, 4.0})) == 5.0);

struct rng {
  std::uint64_t state;
  double uniform(double lo, double hi) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return lo + (hi - lo) * static_cast<double>(state >> 11) * 0x1p-53;
  }
};

/// ∂f/∂xᵢ by a 4th-order central difference in long double of the same expression.
template <class E, std::size_t N>
long double fd(const E& f, std::array<double, N> p, std::size_t i) {
  const double h = 0x1p-12 * (1 + std::fabs(p[i]));
  auto at_shift = [&](double d) {
    std::array<long double, N> q;
    for (std::size_t k = 0; k < N; ++k) q[k] = p[k];
    q[i] += d;
    return static_cast<long double>(eval(f, at(x = q)));
  };
  return (8 * (at_shift(h) - at_shift(-h)) - (at_shift(2 * h) - at_shift(-2 * h))) / (12.0L * h);
}

template <class E, class Closed>
void check(const char* name, const E& f, Closed closed, double lo, double hi) {
  rng g{42};
  int bad = 0;
  for (int trial = 0; trial < 200; ++trial) {
    std::array<double, 4> p;
    for (double& v : p) v = g.uniform(lo, hi);
    const auto r = value_and_grad(f, at(x = p));
    const std::array<double, 4> want = closed(p);
    for (std::size_t i = 0; i < 4; ++i) {
      const double scale = std::fabs(want[i]) + 1e-300;
      bad += !(std::fabs(r.grad[x][i] - want[i]) <= 1e-13 * scale);
      bad += !(std::fabs(static_cast<double>(fd(f, p, i)) - want[i]) <= 1e-7 * (scale + 1));
    }
  }
  INFO(name);
  CHECK(bad == 0);
}

}  // namespace

TEST_CASE("reductions against closed forms and finite differences", "[vectors]") {
  check("sum(x)", tapeless::sum(x), [](auto) { return std::array{1.0, 1.0, 1.0, 1.0}; }, -3, 3);
  check("dot(x, x)", tapeless::dot(x, x), [](auto p) {
    return std::array{2 * p[0], 2 * p[1], 2 * p[2], 2 * p[3]};
  }, -3, 3);
  check("squared_norm(x)", tapeless::squared_norm(x), [](auto p) {
    return std::array{2 * p[0], 2 * p[1], 2 * p[2], 2 * p[3]};
  }, -3, 3);
  check("norm(x)", tapeless::norm(x), [](auto p) {
    const double n = std::sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2] + p[3] * p[3]);
    return std::array{p[0] / n, p[1] / n, p[2] / n, p[3] / n};
  }, -3, 3);
  check("prod(x)", tapeless::prod(x), [](auto p) {
    return std::array{p[1] * p[2] * p[3], p[0] * p[2] * p[3], p[0] * p[1] * p[3], p[0] * p[1] * p[2]};
  }, 0.5, 2);
  check("sum(sin(x) * exp(x))", tapeless::sum(sin(x) * exp(x)), [](auto p) {
    std::array<double, 4> d;
    for (std::size_t i = 0; i < 4; ++i) d[i] = (std::cos(p[i]) + std::sin(p[i])) * std::exp(p[i]);
    return d;
  }, -2, 2);
  check("element<1>(x * x * x)", tapeless::element<1>(x * x * x), [](auto p) {
    return std::array{0.0, 3 * p[1] * p[1], 0.0, 0.0};
  }, -2, 2);
  check("max(x)", tapeless::max(x), [](auto p) {
    std::size_t k = 0;
    for (std::size_t i = 1; i < 4; ++i) if (p[i] > p[k]) k = i;
    std::array<double, 4> d{};
    d[k] = 1;
    return d;
  }, -2, 2);
  check("min(x)", tapeless::min(exp(x)), [](auto p) {
    std::size_t k = 0;
    for (std::size_t i = 1; i < 4; ++i) if (p[i] < p[k]) k = i;
    std::array<double, 4> d{};
    d[k] = std::exp(p[k]);
    return d;
  }, -2, 2);
  // a vector node read by two reductions, and a scalar expression broadcast
  check("sum(e) + dot(e, e), e = x*x + 1", tapeless::sum(x * x + 1.0) + tapeless::dot(x * x + 1.0, x * x + 1.0),
        [](auto p) {
          std::array<double, 4> d;
          for (std::size_t i = 0; i < 4; ++i) d[i] = 2 * p[i] + 2 * (p[i] * p[i] + 1) * 2 * p[i];
          return d;
        }, -2, 2);
}

TEST_CASE("prod with zeros: the product of the others, exactly", "[vectors]") {
  const auto g1 = grad(tapeless::prod(x), at(x = std::array{2.0, 0.0, 3.0, 4.0}))[x];
  CHECK(g1 == std::array{0.0, 24.0, 0.0, 0.0});
  const auto g2 = grad(tapeless::prod(x), at(x = std::array{2.0, 0.0, 3.0, 0.0}))[x];
  CHECK(g2 == std::array{0.0, 0.0, 0.0, 0.0});
  CHECK(eval(tapeless::prod(x), at(x = std::array{2.0, 0.0, 3.0, 4.0})) == 0.0);
}

TEST_CASE("max and min: ties share the adjoint, NaN propagates", "[vectors]") {
  CHECK(grad(tapeless::min(x), at(x = std::array{1.0, 1.0, 1.0, 1.0}))[x] ==
        std::array{0.25, 0.25, 0.25, 0.25});
  CHECK(std::isnan(eval(tapeless::max(x), at(x = std::array{1.0, std::nan(""), 3.0, 0.0}))));
}

TEST_CASE("broadcasting scalars and scalar expressions", "[vectors]") {
  const auto f = tapeless::sum(x * s + sin(s)) + s * s;
  const std::array p{0.5, -1.0, 2.0, 3.0};
  const auto r = value_and_grad(f, at(x = p, s = 0.7));
  // f = s Σx + 4 sin s + s²: ∂s = Σx + 4 cos s + 2s, ∂xᵢ = s
  const double sx = p[0] + p[1] + p[2] + p[3];
  CHECK(std::fabs(r.value - (0.7 * sx + 4 * std::sin(0.7) + 0.49)) < 1e-14);
  CHECK(std::fabs(r.grad[s] - (sx + 4 * std::cos(0.7) + 1.4)) < 1e-14);
  CHECK(r.grad[x] == std::array{0.7, 0.7, 0.7, 0.7});
}

TEST_CASE("every elementwise function on a vector: the scalar derivative at each element", "[vectors]") {
  const std::array p{0.3, 0.55, 0.8, 0.1};
  const auto same_as_scalar = [&](auto make) {
    constexpr tapeless::var<"t"> t;
    const auto g = grad(tapeless::sum(make(x)), at(x = p))[x];
    for (std::size_t i = 0; i < 4; ++i)
      if (g[i] != grad(make(t), at(t = p[i]))[t]) return false;
    return true;
  };
#define ELEMENTWISE(fn) CHECK(same_as_scalar([](auto v) { return tapeless::fn(v); }))
  ELEMENTWISE(sqrt); ELEMENTWISE(cbrt); ELEMENTWISE(exp); ELEMENTWISE(exp2); ELEMENTWISE(expm1);
  ELEMENTWISE(log); ELEMENTWISE(log2); ELEMENTWISE(log10); ELEMENTWISE(log1p); ELEMENTWISE(sin);
  ELEMENTWISE(cos); ELEMENTWISE(tan); ELEMENTWISE(asin); ELEMENTWISE(acos); ELEMENTWISE(atan);
  ELEMENTWISE(sinh); ELEMENTWISE(cosh); ELEMENTWISE(tanh); ELEMENTWISE(asinh); ELEMENTWISE(atanh);
  ELEMENTWISE(erf); ELEMENTWISE(erfc); ELEMENTWISE(tgamma); ELEMENTWISE(lgamma); ELEMENTWISE(abs);
  ELEMENTWISE(square); ELEMENTWISE(cube); ELEMENTWISE(sigmoid); ELEMENTWISE(softplus);
  ELEMENTWISE(relu);
#undef ELEMENTWISE
  CHECK(same_as_scalar([](auto v) { return tapeless::atan2(v, 0.5); }));
  CHECK(same_as_scalar([](auto v) { return tapeless::hypot(v, 0.5); }));
  CHECK(same_as_scalar([](auto v) { return tapeless::pow(v, 2.5); }));
  CHECK(same_as_scalar([](auto v) { return tapeless::pow(1.5, v); }));
  CHECK(same_as_scalar([](auto v) { return tapeless::max(v, 0.5); }));
  CHECK(same_as_scalar([](auto v) { return tapeless::log_sum_exp(v, 0.5); }));
  CHECK(same_as_scalar([](auto v) { return tapeless::select(v > 0.5, sqrt(v - 0.5), 0.0); }));
}

namespace {
/// The same expression at any N: sum((a·x + b - y)²) style, with x bound to a span.
template <std::size_t N>
constexpr auto loss() {
  constexpr tapeless::vec<"x", N> xs;
  constexpr tapeless::var<"a"> a;
  return tapeless::sum(tapeless::square(a * xs - 1.0));
}
}  // namespace

// The expression's type has the same size and the same graph at N = 4 and N = 100 000.
static_assert(sizeof(decltype(loss<4>())) == sizeof(decltype(loss<100000>())));
static_assert(tapeless::node_count(loss<4>()) == tapeless::node_count(loss<100000>()));

TEST_CASE("N = 100 000: a span binding, the gradient against the closed form", "[vectors]") {
  constexpr std::size_t n = 100000;
  constexpr tapeless::vec<"x", n> xs;
  constexpr tapeless::var<"a"> a;
  std::vector<double> data(n);
  for (std::size_t i = 0; i < n; ++i) data[i] = 1e-5 * static_cast<double>(i);
  const auto r = value_and_grad(loss<n>(), at(xs = std::span<const double, n>(data.data(), n), a = 2.0));
  // L = Σ (a xᵢ - 1)², ∂a = Σ 2 (a xᵢ - 1) xᵢ, ∂xᵢ = 2 (a xᵢ - 1) a
  long double value = 0, da = 0;
  for (const double v : data) {
    value += (2.0L * v - 1) * (2.0L * v - 1);
    da += 2 * (2.0L * v - 1) * v;
  }
  CHECK(std::fabs(r.value - static_cast<double>(value)) < 1e-9 * static_cast<double>(value));
  CHECK(std::fabs(r.grad[a] - static_cast<double>(da)) < 1e-9 * std::fabs(static_cast<double>(da)));
  const auto gx = r.grad[xs];  // std::array of 100 000 partials
  int bad = 0;
  for (std::size_t i = 0; i < n; i += 997) bad += gx[i] != 2 * (2 * data[i] - 1) * 2;
  CHECK(bad == 0);
}

TEST_CASE("float vectors compute in float", "[vectors]") {
  const auto r = value_and_grad(tapeless::dot(x, x), at(x = std::array{1.0f, 2.0f, 3.0f, 4.0f}));
  static_assert(std::is_same_v<decltype(r.value), float>);
  CHECK(r.value == 30.0f);
  CHECK(r.grad[x] == std::array{2.0f, 4.0f, 6.0f, 8.0f});
  const double c_array[4] = {1, 2, 3, 4};
  CHECK(eval(tapeless::sum(x), at(x = c_array)) == 10.0);
}
