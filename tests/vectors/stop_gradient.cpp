// tapeless::stop_gradient: the value passes, no derivative of any order does. Scalars (grad,
// hessian, hvp, jvp, d), vectors inside reductions, and a matrix product that reads a variable
// under stop_gradient in place; the Hessian-vector product of a dense tanh layer's loss with
// its data under stop_gradient against the closed form in long double, and against the
// same product with the data as plain variables, at many points.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

namespace {

using tapeless::at;
using tapeless::stop_gradient;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;

// --- scalars, in constant evaluation ----------------------------------------------------------

// the value passes
static_assert(tapeless::eval(stop_gradient(x * y), at(x = 3.0, y = 2.0)) == 6.0);
// x · sg(x): gradient sg(x) = x, not 2x
static_assert(tapeless::grad(x * stop_gradient(x), at(x = 3.0))[x] == 3.0);
// a variable reached only under stop_gradient has gradient 0
static_assert(tapeless::grad(x + stop_gradient(y), at(x = 3.0, y = 2.0))[y] == 0.0);
static_assert(tapeless::grad(x + stop_gradient(y), at(x = 3.0, y = 2.0))[x] == 1.0);
// second order: the gradient of x · sg(x) is sg(x), whose derivative is 0 (as JAX's
// hessian(lambda x: x * stop_gradient(x)) is 0): the tangent does not pass either
static_assert(tapeless::hessian(x * stop_gradient(x), at(x = 3.0))[x][x] == 0.0);
// x² · sg(y): ∂²/∂x² = 2y, ∂²/∂x∂y = 0
static_assert(tapeless::hessian(x * x * stop_gradient(y), at(x = 3.0, y = 2.0))[x][x] == 4.0);
static_assert(tapeless::hessian(x * x * stop_gradient(y), at(x = 3.0, y = 2.0))[x][y] == 0.0);
static_assert(tapeless::hvp(x * x * stop_gradient(y), at(x = 3.0, y = 2.0), at(x = 1.0, y = 1.0))[y] == 0.0);
// forward mode: jvp along y sees nothing through stop_gradient(y)
static_assert(tapeless::jvp(x * stop_gradient(y), at(x = 3.0, y = 2.0), at(y = 1.0)).tangent == 0.0);
// derivative expressions: d(x · sg(x), x) = sg(x)
static_assert(tapeless::eval(tapeless::d(x * stop_gradient(x), x), at(x = 5.0)) == 5.0);
static_assert(tapeless::eval(tapeless::d(tapeless::d(x * stop_gradient(x), x), x), at(x = 5.0)) == 0.0);

// --- vectors --------------------------------------------------------------------------------------

constexpr tapeless::vec<"u", 3> u;
constexpr tapeless::vec<"w", 3> w;
constexpr tapeless::mat<"M", 2, 3> M;

// Σ uᵢ · sg(wᵢ): gradient w for u, 0 for w
constexpr auto gv = tapeless::grad(tapeless::sum(u * stop_gradient(w)),
                                   at(u = std::array{1.0, 2.0, 3.0}, w = std::array{4.0, 5.0, 6.0}));
static_assert(gv[u] == std::array{4.0, 5.0, 6.0});
static_assert(gv[w] == std::array{0.0, 0.0, 0.0});

// a matrix product reading a variable under stop_gradient in place, and one reading an
// elementwise expression under it (stored first): Σ M·sg(w) and Σ M·sg(2w)
constexpr std::array<std::array<double, 3>, 2> m23{{{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}}};
constexpr auto gm = tapeless::grad(tapeless::sum(tapeless::matmul(M, stop_gradient(w))),
                                   at(M = m23, w = std::array{4.0, 5.0, 6.0}));
static_assert(gm[M] == std::array{std::array{4.0, 5.0, 6.0}, std::array{4.0, 5.0, 6.0}});
static_assert(gm[w] == std::array{0.0, 0.0, 0.0});
constexpr auto gm2 = tapeless::grad(tapeless::sum(tapeless::matmul(M, stop_gradient(w + w))),
                                    at(M = m23, w = std::array{4.0, 5.0, 6.0}));
static_assert(gm2[M] == std::array{std::array{8.0, 10.0, 12.0}, std::array{8.0, 10.0, 12.0}});
static_assert(gm2[w] == std::array{0.0, 0.0, 0.0});
// without stop_gradient the same product differentiates w too: Mᵀ·1
static_assert(tapeless::grad(tapeless::sum(tapeless::matmul(M, w)), at(M = m23, w = std::array{4.0, 5.0, 6.0}))[w] ==
              std::array{5.0, 7.0, 9.0});

struct rng {
  std::uint64_t state;
  double uniform(double lo, double hi) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return lo + (hi - lo) * static_cast<double>(state >> 11) * 0x1p-53;
  }
};

constexpr std::size_t n = 8;
constexpr tapeless::mat<"W", n, n> W;
constexpr tapeless::vec<"b", n> b;
constexpr tapeless::vec<"xs", n> xs;
constexpr tapeless::vec<"t", n> t;

/// H·v of L(W, b) = Σᵢ (tanh(W x + b)ᵢ − tᵢ)² along (V, c), in long double: with z = Wx + b,
/// h = tanh z, s = 1 − h², e = h − t and ż = Vx + c, ḣ = s ż: ∂L/∂zᵢ = 2eᵢsᵢ, and its
/// derivative along v is 2ḣᵢsᵢ − 4eᵢhᵢḣᵢ; (H·v)_W(i, j) = that · xⱼ, (H·v)_b(i) = that.
struct closed_form {
  std::array<long double, n * n + n> hv{};
  closed_form(const std::array<double, 160>& in) {
    for (std::size_t i = 0; i < n; ++i) {
      long double z = in[64 + i], zdot = in[152 + i];
      for (std::size_t j = 0; j < n; ++j) {
        z += static_cast<long double>(in[n * i + j]) * in[72 + j];
        zdot += static_cast<long double>(in[88 + n * i + j]) * in[72 + j];
      }
      const long double h = std::tanh(z);
      const long double s = 1 - h * h;
      const long double e = h - in[80 + i];
      const long double hdot = s * zdot;
      const long double gdot = 2 * hdot * s - 4 * e * h * hdot;
      for (std::size_t j = 0; j < n; ++j) hv[n * i + j] = gdot * in[72 + j];
      hv[n * n + i] = gdot;
    }
  }
};

template <class Loss>
auto dense_hvp(const Loss& loss, const std::array<double, 160>& in) {
  return tapeless::hvp(
      loss,
      at(W = std::span<const double, n * n>(in.data(), n * n), b = std::span<const double, n>(in.data() + 64, n),
         xs = std::span<const double, n>(in.data() + 72, n), t = std::span<const double, n>(in.data() + 80, n)),
      at(W = std::span<const double, n * n>(in.data() + 88, n * n),
         b = std::span<const double, n>(in.data() + 152, n)));
}

}  // namespace

TEST_CASE("stop_gradient: at many points, the value passes and the derivatives stop", "[stop_gradient]") {
  rng r{17};
  for (int k = 0; k < 100; ++k) {
    const double a = r.uniform(-3, 3), bb = r.uniform(-3, 3);
    const auto f = sin(x) * stop_gradient(exp(x) * y) + y * y;
    // value e^x y sin x + y²; the gradient sees sin(x)·(a constant c) + y²: (c cos x, 2y)
    const auto vg = tapeless::value_and_grad(f, at(x = a, y = bb));
    const double cst = std::exp(a) * bb;
    CHECK(vg.value == Approx(std::sin(a) * cst + bb * bb).epsilon(1e-14));
    CHECK(vg.grad[x] == Approx(std::cos(a) * cst).epsilon(1e-14));
    CHECK(vg.grad[y] == Approx(2 * bb).epsilon(1e-14));
    // Hessian: ∂²/∂x² = −c sin x, ∂²/∂x∂y = 0, ∂²/∂y² = 2
    const auto h = tapeless::hessian(f, at(x = a, y = bb));
    CHECK(h[x][x] == Approx(-std::sin(a) * cst).epsilon(1e-14));
    CHECK(h[x][y] == 0.0);
    CHECK(h[y][y] == 2.0);
  }
}

TEST_CASE("stop_gradient: H·v of a dense layer's loss with its data under stop_gradient", "[stop_gradient]") {
  const auto loss_data = tapeless::sum(tapeless::square(tanh(tapeless::matmul(W, stop_gradient(xs)) + b) - stop_gradient(t)));
  const auto loss_vars = tapeless::sum(tapeless::square(tanh(tapeless::matmul(W, xs) + b) - t));
  rng r{5};
  for (int k = 0; k < 50; ++k) {
    std::array<double, 160> in{};
    for (double& v : in) v = r.uniform(-1, 1);
    const closed_form cf(in);
    const auto hd = dense_hvp(loss_data, in);
    const auto hv = dense_hvp(loss_vars, in);
    const auto hw = hd[W];
    const auto hwv = hv[W];
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        CHECK(hw[i][j] == Approx(static_cast<double>(cf.hv[n * i + j])).epsilon(1e-12).margin(1e-15));
        // the same rows as with the data as variables: v leaves x and t out, so H·v's (W, b)
        // rows do not depend on x's and t's own derivatives
        CHECK(hw[i][j] == Approx(hwv[i][j]).epsilon(1e-13).margin(1e-15));
      }
      CHECK(hd[b][i] == Approx(static_cast<double>(cf.hv[n * n + i])).epsilon(1e-12).margin(1e-15));
      CHECK(hd[b][i] == Approx(hv[b][i]).epsilon(1e-13).margin(1e-15));
    }
    // no derivative reaches the data: its rows are 0 (as variables they are not)
    CHECK(hd[xs] == std::array<double, n>{});
    CHECK(hd[t] == std::array<double, n>{});
    bool any = false;
    for (double e : hv[xs]) any = any || e != 0.0;
    CHECK(any);
  }
}

// With the data under stop_gradient, or as plain variables that the direction leaves out,
// matmul multiplies by it without the strong-zero test of each product when every entry is
// finite (ops::matmul, detail::times_finite_constant), and with the test otherwise. A direction
// that binds the data to zeros gives the same numbers through the tested products (its
// tangents are run-time values). All three must agree bit for bit: with zeros in the direction
// (strong zeros), signed zeros in the data, and infinite or NaN data (the tested path).
TEST_CASE("stop_gradient: matmul's products without strong-zero tests give the same bits",
          "[stop_gradient]") {
  const auto loss_data = tapeless::sum(tapeless::square(tanh(tapeless::matmul(W, stop_gradient(xs)) + b) - stop_gradient(t)));
  const auto loss_vars = tapeless::sum(tapeless::square(tanh(tapeless::matmul(W, xs) + b) - t));
  const auto same = [](double p, double q) {
    return std::bit_cast<std::uint64_t>(p) == std::bit_cast<std::uint64_t>(q) || (p != p && q != q);
  };
  rng r{23};
  for (int k = 0; k < 60; ++k) {
    std::array<double, 160> in{};
    for (double& v : in) v = r.uniform(-1, 1);
    // zeros in V (the direction on W) and in c (on b), of both signs; in W; in the data
    for (std::size_t i = 0; i < 20; ++i) in[88 + (7 * i + static_cast<std::size_t>(k)) % 64] = i % 2 ? 0.0 : -0.0;
    in[152 + static_cast<std::size_t>(k) % 8] = 0.0;
    in[static_cast<std::size_t>(k) % 64] = -0.0;
    in[72 + static_cast<std::size_t>(k) % 8] = k % 2 ? 0.0 : -0.0;
    if (k % 4 == 0) {
      // a row of the direction all -0.0 and positive data: every product of the row is a
      // zero, -0.0 as a plain product, +0.0 as the strong-zero rule and times_finite_constant
      // give it (the later strong-zero tests of this graph would hide a difference of sign)
      const std::size_t row = static_cast<std::size_t>(k / 4) % n;
      for (std::size_t j = 0; j < n; ++j) in[88 + n * row + j] = -0.0;
      in[152 + row] = -0.0;
      for (std::size_t j = 0; j < n; ++j) in[72 + j] = std::fabs(in[72 + j]) + 0.1;
    }
    if (k % 3 == 1) in[72 + static_cast<std::size_t>(k + 3) % 8] = k % 2 ? HUGE_VAL : -HUGE_VAL;
    if (k % 3 == 2) in[72 + static_cast<std::size_t>(k + 5) % 8] = std::nan("");
    const auto hd = dense_hvp(loss_data, in);
    const auto hv = dense_hvp(loss_vars, in);
    const std::array<double, n> zero{};
    const auto href = tapeless::hvp(
        loss_vars,
        at(W = std::span<const double, n * n>(in.data(), n * n), b = std::span<const double, n>(in.data() + 64, n),
           xs = std::span<const double, n>(in.data() + 72, n), t = std::span<const double, n>(in.data() + 80, n)),
        at(W = std::span<const double, n * n>(in.data() + 88, n * n),
           b = std::span<const double, n>(in.data() + 152, n), xs = zero, t = zero));
    const auto hw = hd[W];
    const auto hwv = hv[W];
    const auto hwr = href[W];
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        CHECK(same(hw[i][j], hwr[i][j]));
        CHECK(same(hwv[i][j], hwr[i][j]));
      }
      CHECK(same(hd[b][i], href[b][i]));
      CHECK(same(hv[b][i], href[b][i]));
    }
    // the matrix as the data (the left factor), the direction on the vector and on b
    const auto point = at(W = std::span<const double, n * n>(in.data(), n * n),
                          xs = std::span<const double, n>(in.data() + 72, n),
                          b = std::span<const double, n>(in.data() + 64, n));
    const auto dir = at(xs = std::span<const double, n>(in.data() + 152, n),
                        b = std::span<const double, n>(in.data() + 80, n));
    const auto hl = tapeless::hvp(
        tapeless::sum(tapeless::square(tanh(tapeless::matmul(stop_gradient(W), xs) + b))), point, dir);
    const std::array<double, n * n> zero_w{};
    const auto hlv = tapeless::hvp(
        tapeless::sum(tapeless::square(tanh(tapeless::matmul(W, xs) + b))), point,
        at(W = zero_w, xs = std::span<const double, n>(in.data() + 152, n),
           b = std::span<const double, n>(in.data() + 80, n)));
    for (std::size_t i = 0; i < n; ++i) {
      CHECK(same(hl[xs][i], hlv[xs][i]));
      CHECK(same(hl[b][i], hlv[b][i]));
    }
  }
}

TEST_CASE("stop_gradient: a direction on the data does not pass through it", "[stop_gradient]") {
  // H·v with v on xs only: without stop_gradient the W rows see it (∂²L/∂W∂x ≠ 0), with it
  // they do not
  const auto loss = tapeless::sum(tapeless::square(tanh(tapeless::matmul(W, stop_gradient(xs)) + b)));
  rng r{9};
  std::array<double, n * n> wv{};
  std::array<double, n> bv{}, xv{}, dir{};
  for (double& v : wv) v = r.uniform(-1, 1);
  for (std::size_t i = 0; i < n; ++i) {
    bv[i] = r.uniform(-1, 1);
    xv[i] = r.uniform(-1, 1);
    dir[i] = r.uniform(-1, 1);
  }
  const auto hv = tapeless::hvp(loss, at(W = std::span<const double, n * n>(wv), b = bv, xs = xv), at(xs = dir));
  for (const auto& row : hv[W])
    for (double e : row) CHECK(e == 0.0);
  for (double e : hv[b]) CHECK(e == 0.0);
}
