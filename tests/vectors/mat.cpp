// Matrices and matrix products: the dense layer tanh(W x + b) against a hand-written gradient,
// every product form (matrix-vector, matrix-matrix, row-matrix, outer, transpose, a 1×1
// result, a quadratic form, two layers with an elementwise expression between them) against
// long-double finite differences of the same expression at many points, eval of vector and
// matrix expressions, the type independent of the size, and constant evaluation.
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
using tapeless::matmul;
using tapeless::transpose;
using tapeless::value_and_grad;

struct rng {
  std::uint64_t state;
  double uniform(double lo, double hi) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return lo + (hi - lo) * static_cast<double>(state >> 11) * 0x1p-53;
  }
};

// --- constant evaluation -----------------------------------------------------------------------

constexpr tapeless::mat<"A", 2, 2> A2;
constexpr tapeless::vec<"u", 2> u2;
constexpr std::array<std::array<double, 2>, 2> a2{{{1.0, 2.0}, {3.0, 4.0}}};
constexpr std::array u2v{1.0, -1.0};
// xᵀAx and its gradient (A + Aᵀ)x = [[2, 5], [5, 8]]·[1, -1] = [-3, -3]; ∂/∂A = x xᵀ
static_assert(eval(tapeless::dot(u2, matmul(A2, u2)), at(A2 = a2, u2 = u2v)) == 0.0);
static_assert(grad(tapeless::dot(u2, matmul(A2, u2)), at(A2 = a2, u2 = u2v))[u2] == std::array{-3.0, -3.0});
static_assert(grad(tapeless::dot(u2, matmul(A2, u2)), at(A2 = a2, u2 = u2v))[A2] ==
              std::array{std::array{1.0, -1.0}, std::array{-1.0, 1.0}});
// g.span(x): the same entries in place, a matrix's row by row; zeros for a variable not in f
static_assert(grad(tapeless::dot(u2, matmul(A2, u2)), at(A2 = a2, u2 = u2v)).span(A2).size() == 4);
static_assert(grad(tapeless::dot(u2, matmul(A2, u2)), at(A2 = a2, u2 = u2v)).span(A2)[1] == -1.0);
static_assert(grad(tapeless::dot(u2, matmul(A2, u2)), at(A2 = a2, u2 = u2v)).span(A2)[3] == 1.0);
static_assert(grad(tapeless::dot(u2, matmul(A2, u2)), at(A2 = a2, u2 = u2v)).span(u2)[1] == -3.0);
static_assert(grad(tapeless::dot(u2, matmul(A2, u2)), at(A2 = a2, u2 = u2v)).span(tapeless::vec<"z", 3>{})[2] == 0.0);
static_assert(grad(tapeless::dot(u2, matmul(A2, u2)) * tapeless::var<"s">{},
                   at(A2 = a2, u2 = u2v, tapeless::var<"s">{} = 2.0)).span(tapeless::var<"s">{})[0] == 0.0);
// eval of vector and matrix expressions: a std::array, of rows for a matrix
static_assert(eval(matmul(A2, u2), at(A2 = a2, u2 = u2v)) == std::array{-1.0, -1.0});
static_assert(eval(transpose(A2) * 2.0, at(A2 = a2)) ==
              std::array{std::array{2.0, 6.0}, std::array{4.0, 8.0}});
static_assert(eval(matmul(A2, A2), at(A2 = a2)) ==
              std::array{std::array{7.0, 10.0}, std::array{15.0, 22.0}});
// a 1×1 product is a scalar
static_assert(decltype(matmul(transpose(u2), matmul(A2, u2)))::info.length == 1);
static_assert(eval(matmul(transpose(u2), u2), at(u2 = u2v)) == 2.0);

// the type does not depend on the size: the same graph for 4×4 and 300×300
static_assert(tapeless::node_count(tapeless::sum(tanh(matmul(tapeless::mat<"W", 4, 4>{}, tapeless::vec<"x", 4>{})))) ==
              tapeless::node_count(tapeless::sum(tanh(matmul(tapeless::mat<"W", 300, 300>{}, tapeless::vec<"x", 300>{})))));

// --- finite differences ------------------------------------------------------------------------

/// Checks the gradient of f (its variables packed in one flat array by `bind`, which binds
/// spans of long double or double into at(...)) against a 4th-order central difference in long
/// double at many random points, and against `closed` (the hand-written gradient, flat), if
/// given, to 1e-13.
template <std::size_t P, class E, class Bind, class Unpack>
void check_fd(const char* name, const E& f, Bind bind, Unpack unpack, double lo, double hi) {
  rng g{7};
  int bad = 0;
  double worst = 0;
  for (int trial = 0; trial < 40; ++trial) {
    std::array<double, P> p;
    for (double& v : p) v = g.uniform(lo, hi);
    const auto r = value_and_grad(f, bind(std::span<const double, P>(p)));
    const std::array<double, P> got = unpack(r.grad);
    for (std::size_t i = 0; i < P; ++i) {
      const double h = 0x1p-12 * (1 + std::fabs(p[i]));
      const auto shifted = [&](double d) {
        std::array<long double, P> q;
        for (std::size_t k = 0; k < P; ++k) q[k] = p[k];
        q[i] += d;
        return static_cast<long double>(eval(f, bind(std::span<const long double, P>(q))));
      };
      const long double fd =
          (8 * (shifted(h) - shifted(-h)) - (shifted(2 * h) - shifted(-2 * h))) / (12.0L * h);
      const double err = std::fabs(static_cast<double>(fd) - got[i]) / (1 + std::fabs(got[i]));
      worst = err > worst ? err : worst;
      bad += !(err <= 1e-8);
    }
  }
  INFO(name << ": worst relative difference " << worst);
  CHECK(bad == 0);
}

template <std::size_t N, class S>
constexpr auto part(S s, std::size_t offset) noexcept {
  return std::span<const typename S::value_type, N>(s.data() + offset, N);
}

template <std::size_t M, std::size_t N, class T>
void append(std::vector<double>& out, const std::array<std::array<T, N>, M>& m) {
  for (const auto& row : m)
    for (const T v : row) out.push_back(static_cast<double>(v));
}
template <std::size_t N, class T>
void append(std::vector<double>& out, const std::array<T, N>& v) {
  for (const T e : v) out.push_back(static_cast<double>(e));
}

template <std::size_t P>
std::array<double, P> to_array(const std::vector<double>& v) {
  std::array<double, P> r{};
  for (std::size_t i = 0; i < P && i < v.size(); ++i) r[i] = v[i];
  return r;
}

constexpr tapeless::mat<"A", 3, 4> A;
constexpr tapeless::mat<"B", 4, 2> B;
constexpr tapeless::mat<"S", 3, 3> S;
constexpr tapeless::vec<"x", 4> x;
constexpr tapeless::vec<"y", 3> y;
constexpr tapeless::var<"s"> s;

}  // namespace

TEST_CASE("matrix products against finite differences", "[matrix]") {
  // A (12) then x (4)
  const auto bind_ax = [](auto p) { return at(A = part<12>(p, 0), x = part<4>(p, 12)); };
  const auto unpack_ax = [](const auto& g) {
    std::vector<double> v;
    append(v, g[A]);
    append(v, g[x]);
    return to_array<16>(v);
  };
  check_fd<16>("sum(square(A x))", tapeless::sum(square(matmul(A, x))), bind_ax, unpack_ax, -1, 1);
  check_fd<16>("sum(sin(A x)) + norm(A x)", tapeless::sum(sin(matmul(A, x))) + tapeless::norm(matmul(A, x)),
               bind_ax, unpack_ax, -1, 1);
  check_fd<16>("A tanh(x): an elementwise operand is stored first",
               tapeless::sum(exp(matmul(A, tanh(x)))), bind_ax, unpack_ax, -1, 1);
  check_fd<16>("element<2>(A x) * prod(x)", tapeless::element<2>(matmul(A, x)) * tapeless::prod(x),
               bind_ax, unpack_ax, -1, 1);
  check_fd<16>("sum(Aᵀ (A x)): the same A twice", tapeless::sum(matmul(transpose(A), matmul(A, x))),
               bind_ax, unpack_ax, -1, 1);
  check_fd<16>("sum(A ∘ exp(A)) + dot(x, x)", tapeless::sum(A * exp(A)) + tapeless::dot(x, x), bind_ax,
               unpack_ax, -1, 1);

  // A (12), B (8): matrix-matrix
  const auto bind_ab = [](auto p) { return at(A = part<12>(p, 0), B = part<8>(p, 12)); };
  const auto unpack_ab = [](const auto& g) {
    std::vector<double> v;
    append(v, g[A]);
    append(v, g[B]);
    return to_array<20>(v);
  };
  check_fd<20>("sum(square(A B))", tapeless::sum(square(matmul(A, B))), bind_ab, unpack_ab, -1, 1);
  check_fd<20>("sum(cos(Bᵀ Aᵀ))", tapeless::sum(cos(matmul(transpose(B), transpose(A)))), bind_ab,
               unpack_ab, -1, 1);
  check_fd<20>("A (B Bᵀ) Aᵀ, squared", tapeless::squared_norm(matmul(matmul(A, matmul(B, transpose(B))), transpose(A))),
               bind_ab, unpack_ab, -1, 1);

  // S (9), y (3), s: quadratic form, row × matrix, outer product, a 1×1 result, broadcasting
  const auto bind_sy = [](auto p) { return at(S = part<9>(p, 0), y = part<3>(p, 9), s = p[12]); };
  const auto unpack_sy = [](const auto& g) {
    std::vector<double> v;
    append(v, g[S]);
    append(v, g[y]);
    v.push_back(g[s]);
    return to_array<13>(v);
  };
  check_fd<13>("yᵀ S y", tapeless::dot(y, matmul(S, y)), bind_sy, unpack_sy, -1, 1);
  check_fd<13>("(yᵀ S y) as a 1×1 product, times s",
               s * matmul(transpose(y), matmul(S, y)), bind_sy, unpack_sy, -1, 1);
  check_fd<13>("sum(exp(yᵀ S) * s)", tapeless::sum(exp(matmul(transpose(y), S)) * s), bind_sy,
               unpack_sy, -1, 1);
  check_fd<13>("sum(outer(y, y) * S) + s", tapeless::sum(tapeless::outer(y, y) * S) + s, bind_sy,
               unpack_sy, -1, 1);
  check_fd<13>("two layers: sum(tanh(S tanh(S y + s)))",
               tapeless::sum(tanh(matmul(S, tanh(matmul(S, y) + s)))), bind_sy, unpack_sy, -1, 1);
  check_fd<13>("max(S y) + min(Sᵀ y)", tapeless::max(matmul(S, y)) + tapeless::min(matmul(transpose(S), y)),
               bind_sy, unpack_sy, -1, 1);
}

TEST_CASE("quadratic form: the gradient is (S + Sᵀ) y and y yᵀ", "[matrix]") {
  rng g{3};
  int bad = 0;
  for (int trial = 0; trial < 100; ++trial) {
    std::array<std::array<double, 3>, 3> sm;
    std::array<double, 3> yv;
    for (auto& row : sm)
      for (double& e : row) e = g.uniform(-2, 2);
    for (double& e : yv) e = g.uniform(-2, 2);
    const auto r = grad(tapeless::dot(y, matmul(S, y)), at(S = sm, y = yv));
    for (std::size_t i = 0; i < 3; ++i) {
      double want = 0;
      for (std::size_t k = 0; k < 3; ++k) want += (sm[i][k] + sm[k][i]) * yv[k];
      bad += !(std::fabs(r[y][i] - want) <= 1e-14 * (1 + std::fabs(want)));
      for (std::size_t k = 0; k < 3; ++k) bad += !(r[S][i][k] == yv[i] * yv[k]);
    }
  }
  CHECK(bad == 0);
}

namespace {
/// The dense-layer loss Σᵢ (tanh((W x + b)ᵢ) − tᵢ)² and its gradient, by hand.
template <std::size_t M, std::size_t N>
struct dense_layer_by_hand {
  double value = 0;
  std::array<std::array<double, N>, M> gw{};
  std::array<double, N> gx{};
  std::array<double, M> gb{};
  std::array<double, M> gt{};

  dense_layer_by_hand(const std::array<std::array<double, N>, M>& w, const std::array<double, N>& xv,
                      const std::array<double, M>& bv, const std::array<double, M>& tv) {
    for (std::size_t i = 0; i < M; ++i) {
      double z = bv[i];
      for (std::size_t j = 0; j < N; ++j) z += w[i][j] * xv[j];
      const double h = std::tanh(z);
      const double e = h - tv[i];
      value += e * e;
      const double dz = 2 * e * (1 - h * h);
      gb[i] = dz;
      gt[i] = -2 * e;
      for (std::size_t j = 0; j < N; ++j) {
        gw[i][j] = dz * xv[j];
        gx[j] += dz * w[i][j];
      }
    }
  }
};

template <std::size_t M, std::size_t N>
void check_dense_layer(std::uint64_t seed) {
  constexpr tapeless::mat<"W", M, N> W;
  constexpr tapeless::vec<"x", N> xx;
  constexpr tapeless::vec<"b", M> b;
  constexpr tapeless::vec<"t", M> t;
  const auto loss = tapeless::sum(square(tanh(matmul(W, xx) + b) - t));  // one line
  rng g{seed};
  int bad = 0;
  const auto close = [&](double got, double want) {
    bad += !(std::fabs(got - want) <= 1e-13 * (1 + std::fabs(want)));
  };
  for (int trial = 0; trial < 50; ++trial) {
    std::array<std::array<double, N>, M> w;
    std::array<double, N> xv;
    std::array<double, M> bv, tv;
    for (auto& row : w)
      for (double& e : row) e = g.uniform(-1, 1);
    for (double& e : xv) e = g.uniform(-1, 1);
    for (double& e : bv) e = g.uniform(-0.5, 0.5);
    for (double& e : tv) e = g.uniform(-0.9, 0.9);
    const auto r = value_and_grad(loss, at(W = w, xx = xv, b = bv, t = tv));
    const dense_layer_by_hand<M, N> h(w, xv, bv, tv);
    close(r.value, h.value);
    for (std::size_t i = 0; i < M; ++i) {
      close(r.grad[b][i], h.gb[i]);
      close(r.grad[t][i], h.gt[i]);
      for (std::size_t j = 0; j < N; ++j) close(r.grad[W][i][j], h.gw[i][j]);
    }
    for (std::size_t j = 0; j < N; ++j) close(r.grad[xx][j], h.gx[j]);
  }
  CHECK(bad == 0);
}
}  // namespace

TEST_CASE("dense layer tanh(W x + b) against a hand-written gradient", "[matrix]") {
  check_dense_layer<2, 3>(1);
  check_dense_layer<8, 8>(2);
  check_dense_layer<5, 16>(3);
}

TEST_CASE("a 300×300 matrix bound by span: the same code as 4×4", "[matrix]") {
  constexpr std::size_t n = 300;
  constexpr tapeless::mat<"W", n, n> W;
  constexpr tapeless::vec<"x", n> xx;
  std::vector<double> w(n * n), xv(n);
  rng g{11};
  for (double& e : w) e = g.uniform(-0.1, 0.1);
  for (double& e : xv) e = g.uniform(-1, 1);
  const auto f = tapeless::sum(tanh(matmul(W, xx)));
  const auto r = value_and_grad(f, at(W = std::span<const double, n * n>(w.data(), n * n),
                                     xx = std::span<const double, n>(xv.data(), n)));
  double value = 0;
  std::vector<double> gx(n, 0.0);
  const auto gW = r.grad[W];  // a copy of 300×300 entries: once, not per element
  int bad = 0;
  for (std::size_t i = 0; i < n; ++i) {
    double z = 0;
    for (std::size_t j = 0; j < n; ++j) z += w[i * n + j] * xv[j];
    const double h = std::tanh(z);
    value += h;
    const double dz = 1 - h * h;
    for (std::size_t j = 0; j < n; ++j) {
      gx[j] += dz * w[i * n + j];
      bad += !(std::fabs(gW[i][j] - dz * xv[j]) <= 1e-13);
    }
  }
  for (std::size_t j = 0; j < n; ++j) bad += !(std::fabs(r.grad[xx][j] - gx[j]) <= 1e-12);
  CHECK(std::fabs(r.value - value) <= 1e-11);
  CHECK(bad == 0);
}

TEST_CASE("matrices in float compute in float", "[matrix]") {
  const auto r = value_and_grad(tapeless::dot(u2, matmul(A2, u2)),
                                at(A2 = std::array<float, 4>{1, 2, 3, 4}, u2 = std::array{1.0f, -1.0f}));
  STATIC_REQUIRE(std::is_same_v<decltype(r.value), float>);
  CHECK(r.grad[u2] == std::array{-3.0f, -3.0f});
  // the binding forms agree: nested std::array, C array, flat std::array, span
  const double c[2][2] = {{1, 2}, {3, 4}};
  const std::array<double, 4> flat{1, 2, 3, 4};
  const auto f = tapeless::sum(matmul(A2, u2));
  CHECK(eval(f, at(A2 = c, u2 = u2v)) == eval(f, at(A2 = a2, u2 = u2v)));
  CHECK(eval(f, at(A2 = flat, u2 = u2v)) == eval(f, at(A2 = std::span<const double, 4>(flat), u2 = u2v)));
}
