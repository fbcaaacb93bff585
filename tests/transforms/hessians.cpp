// Hessians of the classic test problems (Rosenbrock with n = 2 and n = 10, Powell singular,
// Wood) and of a Black–Scholes price, against their closed forms and against central finite
// differences of the gradient (in long double); Hessian-vector products against H·v; exact
// symmetry; Hessian entries in constant evaluation; the reductions (norm, prod, max, dot, a
// product with a data matrix) against their closed forms.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <numbers>
#include <utility>

#include "second.hpp"

namespace {

using tapeless::at;
using tapeless::c;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;

// --- constant evaluation --------------------------------------------------------------------------

constexpr auto rosenbrock2 = tapeless::square(1.0 - x) + 100.0 * tapeless::square(y - x * x);
// at (1, 2): f_xx = 2 - 400(y - x²) + 800x² = 402, f_xy = -400x, f_yy = 200 (exact in double)
constexpr auto h12 = tapeless::hessian(rosenbrock2, at(x = 1.0, y = 2.0));
static_assert(h12[x][x] == 402.0);
static_assert(h12[x][y] == -400.0 && h12[y][x] == -400.0);
static_assert(h12[y][y] == 200.0);
static_assert(h12(x, y) == -400.0);
static_assert(tapeless::hessian(rosenbrock2, at(x = 1.0f, y = 2.0f))[x][x] == 402.0f);
constexpr auto vgh = tapeless::value_grad_and_hessian(rosenbrock2, at(x = 1.0, y = 2.0));
static_assert(vgh.value == 100.0 && vgh.grad[x] == -400.0 && vgh.grad[y] == 200.0);
// H·v with v = (1, -1): (402 + 400, -400 - 200)
constexpr auto hv12 = tapeless::hvp(rosenbrock2, at(x = 1.0, y = 2.0), at(x = 1.0, y = -1.0));
static_assert(hv12[x] == 802.0 && hv12[y] == -600.0);
// the functional form: h(a, b) = a²b + b has Hessian [[2b, 2a], [2a, 0]]
constexpr auto h = [](auto a, auto b) { return a * a * b + b; };
static_assert(tapeless::hessian(h)(3.0, 2.0) ==
              std::array{std::array{4.0, 6.0}, std::array{6.0, 0.0}});
static_assert(tapeless::hvp(h)(std::array{3.0, 2.0}, std::array{1.0, 1.0}) == std::array{10.0, 6.0});
// a variable not in f: zero rows
static_assert(tapeless::hessian(x * x, at(x = 1.0, y = 2.0))[x][y] == 0.0);
static_assert(tapeless::hessian(x * x, at(x = 1.0))[y][y] == 0.0);
// functions in constant evaluation: (sin x)'' = -sin x, (eˣ)'' = eˣ
static_assert(tapeless::hessian(sin(x) + exp(x), at(x = 0.0))[x][x] == 1.0);

// --- helpers ----------------------------------------------------------------------------------

/// 4th-order central differences of a gradient (a callable from a long double point to its
/// gradient), column j from steps along coordinate j.
template <std::size_t N, class G>
std::array<std::array<long double, N>, N> fd_hessian(const G& gradient,
                                                     const std::array<long double, N>& p) {
  std::array<std::array<long double, N>, N> r{};
  for (std::size_t j = 0; j < N; ++j) {
    const long double hj = 1e-4L * (p[j] != 0 ? std::fabs(p[j]) : 1);  // relative steps
    auto at_offset = [&](long double k) {
      auto q = p;
      q[j] += k * hj;
      return gradient(q);
    };
    const auto gp1 = at_offset(1), gm1 = at_offset(-1), gp2 = at_offset(2), gm2 = at_offset(-2);
    for (std::size_t i = 0; i < N; ++i)
      r[i][j] = (8 * (gp1[i] - gm1[i]) - (gp2[i] - gm2[i])) / (12 * hj);
  }
  return r;
}

/// max |a - b| over the entries, relative to the largest entry of b.
template <class A, class B>
long double relative_difference(const A& a, const B& b) {
  long double scale = 0, err = 0;
  for (std::size_t i = 0; i < b.size(); ++i)
    for (std::size_t j = 0; j < b.size(); ++j) {
      scale = std::fmax(scale, std::fabs(static_cast<long double>(b[i][j])));
      err = std::fmax(err, std::fabs(static_cast<long double>(a[i][j]) - static_cast<long double>(b[i][j])));
    }
  return err / scale;
}

template <std::size_t N, class H>
void require_symmetric(const H& m) {
  for (std::size_t i = 0; i < N; ++i)
    for (std::size_t j = 0; j < N; ++j) REQUIRE(m[i][j] == m[j][i]);
}

// --- Rosenbrock -------------------------------------------------------------------------------

template <std::size_t N>
std::array<std::array<double, N>, N> rosenbrock_hessian(const std::array<double, N>& p) {
  std::array<std::array<double, N>, N> r{};
  for (std::size_t i = 0; i < N; ++i) {
    if (i + 1 < N) {
      r[i][i] += 2 - 400 * (p[i + 1] - p[i] * p[i]) + 800 * p[i] * p[i];
      r[i][i + 1] = r[i + 1][i] = -400 * p[i];
    }
    if (i > 0) r[i][i] += 200;
  }
  return r;
}

// Σᵢ 100(xᵢ₊₁ - xᵢ²)² + (1 - xᵢ)², written once for numbers and expressions
template <class A, class B>
constexpr auto rosenbrock_chain(const A& a, const B& b) {
  return 100.0 * tapeless::square(b - tapeless::square(a)) + tapeless::square(1.0 - a);
}
template <class A, class B, class... R>
constexpr auto rosenbrock_chain(const A& a, const B& b, const R&... rest) {
  return rosenbrock_chain(a, b) + rosenbrock_chain(b, rest...);
}
constexpr auto rosenbrock_terms = [](const auto&... a) { return rosenbrock_chain(a...); };

TEST_CASE("Rosenbrock n = 2: Hessian against the closed form and finite differences", "[hessian]") {
  second_test::rng g{7};
  for (int k = 0; k < 200; ++k) {
    const double px = -2 + 4 * static_cast<double>(g.unit());
    const double py = -1 + 4 * static_cast<double>(g.unit());
    const auto r = tapeless::value_grad_and_hessian(rosenbrock2, at(x = px, y = py));
    const auto plain = tapeless::value_and_grad(rosenbrock2, at(x = px, y = py));
    // the dual sweep's real part is the plain sweep, bit for bit
    REQUIRE(r.value == plain.value);
    REQUIRE(r.grad[x] == plain.grad[x]);
    REQUIRE(r.grad[y] == plain.grad[y]);
    const std::array got{std::array{r.hessian[x][x], r.hessian[x][y]},
                         std::array{r.hessian[y][x], r.hessian[y][y]}};
    require_symmetric<2>(got);
    CHECK(relative_difference(got, rosenbrock_hessian<2>({px, py})) < 1e-14);
    const auto fd = fd_hessian<2>(
        [](const std::array<long double, 2>& q) {
          const auto gg = tapeless::grad(rosenbrock2, at(x = q[0], y = q[1]));
          return std::array{gg[x], gg[y]};
        },
        {px, py});
    CHECK(relative_difference(got, fd) < 1e-9);
  }
}

TEST_CASE("Rosenbrock n = 10: scalar variables (functional form) and a vector variable", "[hessian]") {
  constexpr std::size_t n = 10;
  constexpr tapeless::vec<"v", n> v;
  const auto vec_f = [&]<std::size_t... I>(std::index_sequence<I...>) {
    return rosenbrock_terms(tapeless::element<I>(v)...);
  }(std::make_index_sequence<n>{});
  second_test::rng g{11};
  for (int k = 0; k < 20; ++k) {
    std::array<double, n> p{};
    for (auto& e : p) e = -2 + 4 * static_cast<double>(g.unit());
    const auto exact = rosenbrock_hessian<n>(p);
    const auto hs = std::apply([](auto... a) { return tapeless::hessian(rosenbrock_terms)(a...); }, p);
    require_symmetric<n>(hs);
    CHECK(relative_difference(hs, exact) < 1e-14);
    const auto hv = tapeless::hessian(vec_f, at(v = p))[v][v];
    require_symmetric<n>(hv);
    CHECK(relative_difference(hv, exact) < 1e-14);
    // finite differences of the vector gradient
    std::array<long double, n> pl{};
    for (std::size_t i = 0; i < n; ++i) pl[i] = p[i];
    const auto fd = fd_hessian<n>(
        [&](const std::array<long double, n>& q) { return tapeless::grad(vec_f, at(v = q))[v]; }, pl);
    CHECK(relative_difference(hv, fd) < 1e-9);
    // H·v against the product with the closed form
    std::array<double, n> dir{};
    for (auto& e : dir) e = -1 + 2 * static_cast<double>(g.unit());
    const auto prod = tapeless::hvp(vec_f, at(v = p), at(v = dir))[v];
    const auto prod_fn = tapeless::hvp(rosenbrock_terms)(p, dir);
    for (std::size_t i = 0; i < n; ++i) {
      double expect = 0, size = 0;
      for (std::size_t j = 0; j < n; ++j) {
        expect += exact[i][j] * dir[j];
        size += std::fabs(exact[i][j] * dir[j]);
      }
      CHECK(std::fabs(prod[i] - expect) <= 1e-14 * size);
      CHECK(std::fabs(prod_fn[i] - expect) <= 1e-14 * size);
    }
  }
}

template <std::size_t I>
constexpr tapeless::var<tapeless::detail::positional_name<I>()> X{};

TEST_CASE("Rosenbrock n = 10 and n = 20: symbolic entries and coloured sweeps", "[hessian]") {
  // n = 10: 19 structural nonzeros, built as d(d(f, xᵢ), xⱼ) and evaluated in one sweep;
  // n = 20: 39 of them on 173 nodes, above detail::max_symbolic_hessian_work: 3 coloured sweeps
  const auto f10 = [&]<std::size_t... I>(std::index_sequence<I...>) {
    return rosenbrock_terms(X<I>...);
  }(std::make_index_sequence<10>{});
  const auto f20 = [&]<std::size_t... I>(std::index_sequence<I...>) {
    return rosenbrock_terms(X<I>...);
  }(std::make_index_sequence<20>{});
  static_assert(tapeless::detail::symbolic_entries<decltype(f10)>);
  static_assert(!tapeless::detail::symbolic_entries<decltype(f20)>);
  static_assert(tapeless::hessian_colours(f20) == 3);
  second_test::rng g{23};
  const auto check = [&]<std::size_t N>(const auto& f, std::integral_constant<std::size_t, N>) {
    for (int k = 0; k < 10; ++k) {
      std::array<double, N> p{};
      for (auto& e : p) e = -2 + 4 * static_cast<double>(g.unit());
      const auto at_p = [&]<std::size_t... I>(std::index_sequence<I...>) {
        return at((X<I> = p[I])...);
      }(std::make_index_sequence<N>{});
      const auto hm = tapeless::hessian(f, at_p);
      const auto sparse = tapeless::sparse_hessian(f, at_p);
      const auto exact = rosenbrock_hessian<N>(p);
      // by variable (hm's own order is the gradient's: first appearance in f)
      using H = std::remove_cvref_t<decltype(hm)>;
      const auto row_of = [&]<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<std::size_t, N>{H::template offset<std::remove_cvref_t<decltype(X<I>)>>()...};
      }(std::make_index_sequence<N>{});
      std::array<std::array<double, N>, N> by_variable{};
      for (std::size_t i = 0; i < N; ++i)
        for (std::size_t j = 0; j < N; ++j) by_variable[i][j] = hm(row_of[i], row_of[j]);
      require_symmetric<N>(by_variable);
      CHECK(relative_difference(by_variable, exact) < 1e-14);
      // dense() is the same matrix in the gradient's order
      const auto dense = hm.dense();
      for (std::size_t i = 0; i < N; ++i)
        for (std::size_t j = 0; j < N; ++j) CHECK(dense[i][j] == hm(i, j));
      for (std::size_t q = 0; q < sparse.nonzeros; ++q)
        CHECK(sparse.value[q] == hm(sparse.row(q), sparse.col(q)));
      if constexpr (N == 10) {  // (the coloured sweeps' value_grad_and_hessian: n = 2 above)
        const auto all = tapeless::value_grad_and_hessian(f, at_p);
        for (std::size_t i = 0; i < N; ++i)
          for (std::size_t j = 0; j <= i; ++j) CHECK(all.hessian(i, j) == hm(i, j));
        const auto plain = tapeless::value_and_grad(f, at_p);
        CHECK(all.value == plain.value);
        for (std::size_t i = 0; i < N; ++i) CHECK(all.grad.values[i] == plain.grad.values[i]);
      }
    }
  };
  check(f10, std::integral_constant<std::size_t, 10>{});
  check(f20, std::integral_constant<std::size_t, 20>{});
}

// --- Powell singular and Wood ------------------------------------------------------------------

constexpr tapeless::var<"x1"> x1;
constexpr tapeless::var<"x2"> x2;
constexpr tapeless::var<"x3"> x3;
constexpr tapeless::var<"x4"> x4;

constexpr auto powell = tapeless::square(x1 + 10.0 * x2) + 5.0 * tapeless::square(x3 - x4) +
                        tapeless::pow<4>(x2 - 2.0 * x3) + 10.0 * tapeless::pow<4>(x1 - x4);
constexpr auto wood = 100.0 * tapeless::square(x2 - x1 * x1) + tapeless::square(1.0 - x1) +
                      90.0 * tapeless::square(x4 - x3 * x3) + tapeless::square(1.0 - x3) +
                      10.1 * (tapeless::square(x2 - 1.0) + tapeless::square(x4 - 1.0)) +
                      19.8 * (x2 - 1.0) * (x4 - 1.0);

template <class F>
void check_four(const F& f, std::array<std::array<double, 4>, 4> (*closed)(const std::array<double, 4>&),
                std::uint64_t seed) {
  second_test::rng g{seed};
  for (int k = 0; k < 100; ++k) {
    std::array<double, 4> p{};
    for (auto& e : p) e = -3 + 6 * static_cast<double>(g.unit());
    const auto hm = tapeless::hessian(f, at(x1 = p[0], x2 = p[1], x3 = p[2], x4 = p[3]));
    const std::array<std::array<double, 4>, 4> got{
        std::array{hm[x1][x1], hm[x1][x2], hm[x1][x3], hm[x1][x4]},
        std::array{hm[x2][x1], hm[x2][x2], hm[x2][x3], hm[x2][x4]},
        std::array{hm[x3][x1], hm[x3][x2], hm[x3][x3], hm[x3][x4]},
        std::array{hm[x4][x1], hm[x4][x2], hm[x4][x3], hm[x4][x4]}};
    require_symmetric<4>(got);
    CHECK(relative_difference(got, closed(p)) < 1e-14);
    const auto fd = fd_hessian<4>(
        [&](const std::array<long double, 4>& q) {
          const auto gg = tapeless::grad(f, at(x1 = q[0], x2 = q[1], x3 = q[2], x4 = q[3]));
          return std::array{gg[x1], gg[x2], gg[x3], gg[x4]};
        },
        {p[0], p[1], p[2], p[3]});
    CHECK(relative_difference(got, fd) < 1e-9);
    // H·v, in every variable order of the direction
    const std::array<double, 4> d{0.5, -1.25, 2.0, 0.75};
    const auto hv = tapeless::hvp(f, at(x1 = p[0], x2 = p[1], x3 = p[2], x4 = p[3]),
                                  at(x4 = d[3], x2 = d[1], x1 = d[0], x3 = d[2]));
    const double hvs[] = {hv[x1], hv[x2], hv[x3], hv[x4]};
    for (std::size_t i = 0; i < 4; ++i) {
      double expect = 0, size = 0;
      for (std::size_t j = 0; j < 4; ++j) {
        expect += got[i][j] * d[j];
        size += std::fabs(got[i][j] * d[j]);
      }
      CHECK(std::fabs(hvs[i] - expect) <= 1e-14 * size);
    }
  }
}

std::array<std::array<double, 4>, 4> powell_hessian(const std::array<double, 4>& p) {
  const double a = p[1] - 2 * p[2], b = p[0] - p[3];
  return {std::array{2 + 120 * b * b, 20.0, 0.0, -120 * b * b},
          std::array{20.0, 200 + 12 * a * a, -24 * a * a, 0.0},
          std::array{0.0, -24 * a * a, 10 + 48 * a * a, -10.0},
          std::array{-120 * b * b, 0.0, -10.0, 10 + 120 * b * b}};
}

std::array<std::array<double, 4>, 4> wood_hessian(const std::array<double, 4>& p) {
  return {std::array{1200 * p[0] * p[0] - 400 * p[1] + 2, -400 * p[0], 0.0, 0.0},
          std::array{-400 * p[0], 220.2, 0.0, 19.8},
          std::array{0.0, 0.0, 1080 * p[2] * p[2] - 360 * p[3] + 2, -360 * p[2]},
          std::array{0.0, 19.8, -360 * p[2], 200.2}};
}

TEST_CASE("Powell singular function: Hessian and H·v", "[hessian]") { check_four(powell, powell_hessian, 3); }
TEST_CASE("Wood function: Hessian and H·v", "[hessian]") { check_four(wood, wood_hessian, 5); }

// --- Black–Scholes ----------------------------------------------------------------------------

constexpr tapeless::var<"S"> S;
constexpr tapeless::var<"K"> K;
constexpr tapeless::var<"sigma"> sigma;
constexpr tapeless::var<"r"> r;
constexpr tapeless::var<"T"> T;

constexpr auto N = [](auto z) { return 0.5 * tapeless::erfc(-z * c<0.70710678118654752>); };
constexpr auto vol = sigma * sqrt(T);
constexpr auto d1 = (log(S / K) + (r + sigma * sigma / c<2>)*T) / vol;
constexpr auto d2 = d1 - vol;
constexpr auto call = S * N(d1) - K * exp(-r * T) * N(d2);

TEST_CASE("Black–Scholes: the second-order Greeks and all 15 entries against the gradient",
          "[hessian]") {
  for (const double s : {70.0, 100.0, 130.0})
    for (const double v : {0.1, 0.4})
      for (const double rate : {0.0, 0.05})
        for (const double t : {0.1, 2.0}) {
          const double k = 100;
          const auto hm = tapeless::hessian(call, at(S = s, K = k, sigma = v, r = rate, T = t));
          const double sd1 = (std::log(s / k) + (rate + v * v / 2) * t) / (v * std::sqrt(t));
          const double sd2 = sd1 - v * std::sqrt(t);
          const double pdf1 = std::exp(-sd1 * sd1 / 2) / std::sqrt(2 * std::numbers::pi);
          const double pdf2 = std::exp(-sd2 * sd2 / 2) / std::sqrt(2 * std::numbers::pi);
          const double disc = std::exp(-rate * t);
          // gamma, vanna, volga, ∂²C/∂K², ∂²C/∂S∂K, ∂Δ/∂r, ∂Δ/∂T (charm with the sign of T)
          const double closed[][3] = {
              {hm[S][S], pdf1 / (s * v * std::sqrt(t)), 0},
              {hm[S][sigma], -pdf1 * sd2 / v, 0},
              {hm[sigma][sigma], s * pdf1 * std::sqrt(t) * sd1 * sd2 / v, 0},
              {hm[K][K], disc * pdf2 / (k * v * std::sqrt(t)), 0},
              {hm[S][K], -pdf1 / (k * v * std::sqrt(t)), 0},
              {hm[S][r], pdf1 * std::sqrt(t) / v, 0},
              {hm[T][S], pdf1 * ((rate + v * v / 2) / (v * std::sqrt(t)) - sd1 / (2 * t)), 0},
          };
          for (const auto& e : closed) {
            INFO("S " << s << " sigma " << v << " r " << rate << " T " << t);
            CHECK(std::fabs(e[0] - e[1]) <= 1e-12 * (1 + std::fabs(e[1])));
          }
          const auto grad_at = [](const std::array<long double, 5>& q) {
            const auto gg = tapeless::grad(call, at(S = q[0], K = q[1], sigma = q[2], r = q[3], T = q[4]));
            return std::array{gg[S], gg[K], gg[sigma], gg[r], gg[T]};
          };
          const auto fd = fd_hessian<5>(grad_at, {s, k, v, rate, t});
          const std::array<std::array<double, 5>, 5> got{
              std::array{hm[S][S], hm[S][K], hm[S][sigma], hm[S][r], hm[S][T]},
              std::array{hm[K][S], hm[K][K], hm[K][sigma], hm[K][r], hm[K][T]},
              std::array{hm[sigma][S], hm[sigma][K], hm[sigma][sigma], hm[sigma][r], hm[sigma][T]},
              std::array{hm[r][S], hm[r][K], hm[r][sigma], hm[r][r], hm[r][T]},
              std::array{hm[T][S], hm[T][K], hm[T][sigma], hm[T][r], hm[T][T]}};
          require_symmetric<5>(got);
          for (std::size_t i = 0; i < 5; ++i)
            for (std::size_t j = 0; j < 5; ++j) {
              INFO("entry " << i << ", " << j << " at S " << s << " sigma " << v << " r " << rate
                            << " T " << t << ": " << got[i][j] << " vs " << static_cast<double>(fd[i][j]));
              CHECK(std::fabs(got[i][j] - fd[i][j]) <= 1e-9L * (1 + std::fabs(fd[i][j])));
            }
        }
}

// --- nesting: third derivatives from dual<dual<double>> -----------------------------------------

TEST_CASE("dual<dual<double>> through the reverse sweep gives third derivatives", "[hessian]") {
  using D2 = tapeless::dual<tapeless::dual<double>>;
  const auto f = sin(x) * exp(x) + lgamma(x) + tapeless::pow(x, 3.5);
  for (const double p : {0.3, 1.0, 2.5, 7.0}) {
    // x + ε₁ + ε₂: the ε₁ε₂ part of f'(x) is f'''(x)
    const D2 bound{tapeless::dual<double>{p, 1.0}, tapeless::dual<double>{1.0, 0.0}};
    const tapeless::env<tapeless::binding<tapeless::var<"x">, D2>> point{{bound}};
    const auto g = tapeless::grad(f, point)[x];
    // (sin x eˣ)''' = 2eˣ(cos x - sin x), lgamma''' = ψ''(x), (x^3.5)''' = 3.5·2.5·1.5 x^0.5
    const double exact = 2 * std::exp(p) * (std::cos(p) - std::sin(p)) +
                         second_test::polygamma(2, second_test::mp(p)).to<double>() +
                         3.5 * 2.5 * 1.5 * std::sqrt(p);
    CHECK(std::fabs(g.tangent.tangent - exact) <= 1e-13 * (1 + std::fabs(exact)));
    // and its first and second derivatives on the way
    CHECK(g.value.value == tapeless::grad(f, at(x = p))[x]);
    // forward over reverse, as hvp computes: the same bits; hessian builds this small Hessian
    // from the expression d(d(f, x), x) instead: the same within rounding
    CHECK(g.value.tangent == tapeless::hvp(f, at(x = p), at(x = 1.0))[x]);
    const double hxx = tapeless::hessian(f, at(x = p))[x][x];
    CHECK(std::fabs(g.value.tangent - hxx) <= 1e-14 * std::fabs(hxx));
  }
}

}  // namespace

// hvp writes only the tangents of the dual adjoints (detail::tangent_sink for the entries of
// vector variables, collect_tangents for the scalar ones): through select, a variable reached
// only by the branch not taken has the entry +0.0, and the others agree with central
// differences of the gradient along the direction.
TEST_CASE("H·v through select and a vector variable: finite differences, +0 off the branch",
          "[hessian]") {
  constexpr tapeless::var<"u"> u;
  constexpr tapeless::var<"w"> w;
  constexpr tapeless::vec<"v", 3> v;
  const auto f = tapeless::select(x > 0.0, x * x * y + y * exp(w), sin(x) * u) +
                 x * tapeless::sum(tapeless::square(v)) + tapeless::dot(v, v) * y;
  const std::array<double, 3> pv{0.4, -1.3, 0.9};
  const std::array<double, 3> dv{0.1, -0.2, 0.3};
  for (const double px : {0.7, 1.9, -0.4, -2.2}) {
    const double py = 1.1, pu = -0.6, pw = 0.35;
    const double dx = 0.3, dy = -1.2, du = 0.5, dw = 0.8;
    const auto hv = tapeless::hvp(f, at(x = px, y = py, u = pu, w = pw, v = pv),
                                  at(x = dx, y = dy, u = du, w = dw, v = dv));
    const double step = 1e-5;
    auto shifted = [&](double s) {
      std::array<double, 3> q{};
      for (std::size_t i = 0; i < 3; ++i) q[i] = pv[i] + s * dv[i];
      return tapeless::grad(f, at(x = px + s * dx, y = py + s * dy, u = pu + s * du,
                                  w = pw + s * dw, v = q));
    };
    const auto gp = shifted(step);
    const auto gm = shifted(-step);
    auto near = [&](double got, double plus, double minus) {
      const double fd = (plus - minus) / (2 * step);
      return std::fabs(got - fd) <= 1e-7 * (1 + std::fabs(fd));
    };
    CHECK(near(hv[x], gp[x], gm[x]));
    CHECK(near(hv[y], gp[y], gm[y]));
    const std::array<double, 3> hvv = hv[v], gpv = gp[v], gmv = gm[v];
    for (std::size_t i = 0; i < 3; ++i) CHECK(near(hvv[i], gpv[i], gmv[i]));
    // the branch not taken: its variable's entry is +0.0, not -0.0
    const double off = px > 0 ? hv[u] : hv[w];
    CHECK(off == 0.0);
    CHECK(!std::signbit(off));
    CHECK(near(px > 0 ? hv[w] : hv[u], px > 0 ? gp[w] : gp[u], px > 0 ? gm[w] : gm[u]));
  }
}

namespace {
/// A 64-bit LCG for the reductions' test below.
struct red_lcg {
  unsigned long long s;
  double unit() {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(s >> 11) * 0x1p-53;
  }
};
bool near_scaled(double got, long double want, long double scale) {
  return std::fabs(static_cast<long double>(got) - want) <= 1e-14L * scale;
}
}  // namespace

TEST_CASE("Hessians of the reductions against closed forms: norm, prod, max, dot, matmul", "[hessian]") {
  constexpr std::size_t n = 4;
  constexpr tapeless::vec<"v", n> v;
  constexpr tapeless::vec<"u", n> u;
  constexpr tapeless::mat<"W", 3, n> W;
  red_lcg g{2026};
  for (int trial = 0; trial < 30; ++trial) {
    std::array<double, n> p{}, q{};
    for (auto& e : p) e = 0.25 + 1.5 * g.unit() * (g.unit() < 0.5 ? -1 : 1);
    for (auto& e : q) e = -1 + 2 * g.unit();
    std::array<double, 3 * n> w{};
    for (auto& e : w) e = -1 + 2 * g.unit();
    long double len2 = 0;
    for (const double e : p) len2 += static_cast<long double>(e) * e;
    const long double len = std::sqrt(len2);
    // ‖v‖: (I − v vᵀ/‖v‖²)/‖v‖
    const auto hn = tapeless::hessian(tapeless::norm(v), at(v = p))[v][v];
    // Π v: ∂²/∂vᵢ∂vⱼ = Π_{k≠i,j} v_k off the diagonal, 0 on it
    const auto hp = tapeless::hessian(tapeless::prod(v), at(v = p))[v][v];
    // max v (distinct entries): piecewise linear, H = 0
    const auto hm = tapeless::hessian(tapeless::max(v), at(v = p))[v][v];
    // dot(u, v): the identity between u and v, 0 within each
    const auto hd = tapeless::hessian(tapeless::dot(u, v), at(u = q, v = p));
    // Σ (W v)ᵢ² with W data: 2 WᵀW
    const auto hw = tapeless::hessian(tapeless::squared_norm(tapeless::matmul(tapeless::stop_gradient(W), v)),
                                      at(W = w, v = p))[v][v];
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        const long double pi = p[i], pj = p[j];
        CHECK(near_scaled(hn[i][j], ((i == j ? 1.0L : 0.0L) - pi * pj / len2) / len, 1 / len));
        long double pr = 1, scale = 1;
        for (std::size_t k = 0; k < n; ++k)
          if (k != i && k != j) pr *= p[k];
        for (std::size_t k = 0; k < n; ++k) scale *= 1 + std::fabs(p[k]);
        CHECK(near_scaled(hp[i][j], i == j ? 0.0L : pr, scale));
        CHECK(hm[i][j] == 0.0);
        CHECK(hd[u][v][i][j] == (i == j ? 1.0 : 0.0));
        CHECK(hd[u][u][i][j] == 0.0);
        CHECK(hd[v][v][i][j] == 0.0);
        long double wtw = 0, wscale = 0;
        for (std::size_t k = 0; k < 3; ++k) {
          wtw += 2.0L * w[k * n + i] * w[k * n + j];
          wscale += 2 * std::fabs(w[k * n + i] * w[k * n + j]);
        }
        CHECK(near_scaled(hw[i][j], wtw, wscale + 1e-300L));
      }
  }
}
