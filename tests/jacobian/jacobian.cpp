// Jacobians of several outputs (tapeless::outputs, jacobian, vjp, jacobian_pattern): a
// 3-output function against its closed form and long-double central differences at many
// points, structural zeros exactly 0, a vector variable among the inputs, select in an
// output, vjp and jvp against the closed form, the functional forms (jacobian, jacrev,
// jacfwd, jvp, vjp of a generic callable), and constant evaluation.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace {

using tapeless::at;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"z"> z;

// f(x, y, z) = (x y + sin z, eˣ y, z²): shares nothing but the variables.
constexpr auto fs = tapeless::outputs(x * y + sin(z), exp(x) * y, z * z);

// constant evaluation, and the structural zeros
constexpr auto J0 = tapeless::jacobian(fs, at(x = 0.0, y = 2.0, z = 0.0));
static_assert(J0[0][x] == 2.0 && J0[0][y] == 0.0 && J0[0][z] == 1.0);
static_assert(J0[1][x] == 2.0 && J0[1][y] == 1.0 && J0[1][z] == 0.0);
static_assert(J0[2][x] == 0.0 && J0[2][y] == 0.0 && J0[2][z] == 0.0);
static_assert(J0.value == std::array{0.0, 2.0, 0.0});
constexpr auto pattern = tapeless::jacobian_pattern(fs);  // variables in order x, y, z
static_assert(pattern[0] == std::array{true, true, true});
static_assert(pattern[1] == std::array{true, true, false});
static_assert(pattern[2] == std::array{false, false, true});

struct rng {
  std::uint64_t state;
  double uniform(double lo, double hi) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return lo + (hi - lo) * static_cast<double>(state >> 11) * 0x1p-53;
  }
};

/// ∂f_k/∂(variable j) by a 4th-order central difference in long double.
template <std::size_t K>
long double fd(std::array<double, 3> p, std::size_t j) {
  const double h = 0x1p-12 * (1 + std::fabs(p[j]));
  const auto f = [&](double d) {
    std::array<long double, 3> q{p[0], p[1], p[2]};
    q[j] += d;
    return tapeless::jacobian(fs, at(x = q[0], y = q[1], z = q[2])).value[K];
  };
  return (8 * (f(h) - f(-h)) - (f(2 * h) - f(-2 * h))) / (12.0L * h);
}

}  // namespace

TEST_CASE("the Jacobian of a 3-output function: closed form and finite differences", "[jacobian]") {
  rng g{5};
  int bad = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const std::array<double, 3> p{g.uniform(-2, 2), g.uniform(-2, 2), g.uniform(-2, 2)};
    const auto J = tapeless::jacobian(fs, at(x = p[0], y = p[1], z = p[2]));
    const double want[3][3] = {{p[1], p[0], std::cos(p[2])},
                               {std::exp(p[0]) * p[1], std::exp(p[0]), 0},
                               {0, 0, 2 * p[2]}};
    const double got[3][3] = {{J[0][x], J[0][y], J[0][z]},
                              {J[1][x], J[1][y], J[1][z]},
                              {J[2][x], J[2][y], J[2][z]}};
    const long double numeric[3][3] = {{fd<0>(p, 0), fd<0>(p, 1), fd<0>(p, 2)},
                                       {fd<1>(p, 0), fd<1>(p, 1), fd<1>(p, 2)},
                                       {fd<2>(p, 0), fd<2>(p, 1), fd<2>(p, 2)}};
    for (int k = 0; k < 3; ++k) {
      for (int j = 0; j < 3; ++j) {
        bad += !(std::fabs(got[k][j] - want[k][j]) <= 1e-15 * (1 + std::fabs(want[k][j])));
        bad += !(std::fabs(static_cast<double>(numeric[k][j]) - want[k][j]) <= 1e-8 * (1 + std::fabs(want[k][j])));
      }
    }
    // the structural zeros are exactly +0.0
    bad += !(J[1][z] == 0.0 && !std::signbit(J[1][z]) && J[2][x] == 0.0 && !std::signbit(J[2][x]));
    bad += !(J.value[0] == p[0] * p[1] + std::sin(p[2]) && J.value[1] == std::exp(p[0]) * p[1] &&
             J.value[2] == p[2] * p[2]);
  }
  CHECK(bad == 0);
}

TEST_CASE("vjp is uᵀJ in one reverse sweep", "[jacobian]") {
  rng g{9};
  int bad = 0;
  for (int trial = 0; trial < 100; ++trial) {
    const std::array<double, 3> p{g.uniform(-2, 2), g.uniform(-2, 2), g.uniform(-2, 2)};
    const std::array<double, 3> u{g.uniform(-1, 1), g.uniform(-1, 1), g.uniform(-1, 1)};
    const auto e = at(x = p[0], y = p[1], z = p[2]);
    const auto J = tapeless::jacobian(fs, e);
    const auto r = tapeless::vjp(fs, e, u);
    // uᵀJ from the closed form J = [[y, x, cos z], [eˣ y, eˣ, 0], [0, 0, 2z]]
    const double ex = std::exp(p[0]);
    const double want[3] = {u[0] * p[1] + u[1] * ex * p[1], u[0] * p[0] + u[1] * ex,
                            u[0] * std::cos(p[2]) + u[2] * 2 * p[2]};
    const double got[3] = {r.grad[x], r.grad[y], r.grad[z]};
    for (int j = 0; j < 3; ++j) bad += !(std::fabs(got[j] - want[j]) <= 1e-14 * (1 + std::fabs(want[j])));
    bad += !(r.value == J.value);
  }
  CHECK(bad == 0);
}

TEST_CASE("outputs sharing subexpressions, a vector input, select", "[jacobian]") {
  constexpr tapeless::vec<"v", 3> v;
  // r = ‖v‖ shared by two outputs; the third is piecewise
  const auto r = tapeless::norm(v);
  const auto gs = tapeless::outputs(r * x, r + x * x, tapeless::select(x > 0, sqrt(x), -x));
  rng g{13};
  int bad = 0;
  for (int trial = 0; trial < 100; ++trial) {
    const std::array<double, 3> vv{g.uniform(-2, 2), g.uniform(-2, 2), g.uniform(-2, 2)};
    const double xv = g.uniform(-2, 2);
    const auto J = tapeless::jacobian(gs, at(v = vv, x = xv));
    const double n = std::sqrt(vv[0] * vv[0] + vv[1] * vv[1] + vv[2] * vv[2]);
    for (std::size_t i = 0; i < 3; ++i) {
      bad += !(std::fabs(J[0][v][i] - xv * vv[i] / n) <= 1e-14);
      bad += !(std::fabs(J[1][v][i] - vv[i] / n) <= 1e-14);
      bad += !(J[2][v][i] == 0.0);
    }
    bad += !(std::fabs(J[0][x] - n) <= 1e-14 && std::fabs(J[1][x] - 2 * xv) <= 1e-14);
    bad += !(J[2][x] == (xv > 0 ? 0.5 / std::sqrt(xv) : -1.0));
  }
  CHECK(bad == 0);
  // at x = 0 the branch not taken (sqrt) is not differentiated: -1, not inf
  CHECK(tapeless::jacobian(gs, at(v = std::array{1.0, 0.0, 0.0}, x = 0.0))[2][x] == -1.0);
}

TEST_CASE("the functional form: jacobian(h)(args...)", "[jacobian]") {
  constexpr auto h = [](auto a, auto b) { return tapeless::outputs(a * b, a + b * b, tapeless::sin(a)); };
  const auto r = tapeless::jacobian(h)(2.0, 3.0);
  CHECK(r.value == std::array{6.0, 11.0, std::sin(2.0)});
  CHECK(r.jacobian[0] == std::array{3.0, 2.0});
  CHECK(r.jacobian[1] == std::array{1.0, 6.0});
  CHECK(r.jacobian[2] == std::array{std::cos(2.0), 0.0});
  // and the same h on numbers
  // on numbers h computes the three values: outputs of three constants
  STATIC_REQUIRE(tapeless::node_count(h(1.0, 2.0)) == 4);
}

TEST_CASE("the functional forms: jacrev(h), jacfwd(h), jvp(h), vjp(h)", "[jacobian]") {
  // h(a, b) = (a b, a + b², sin a), J = [[b, a], [1, 2b], [cos a, 0]]
  constexpr auto h = [](auto a, auto b) { return tapeless::outputs(a * b, a + b * b, tapeless::sin(a)); };
  constexpr auto s = [](auto a, auto b) { return a * a * b; };  // a scalar function
  rng g{77};
  for (int trial = 0; trial < 50; ++trial) {
    const double a = g.uniform(-2, 2), b = g.uniform(-2, 2);
    const std::array<std::array<double, 2>, 3> want{{{b, a}, {1.0, 2 * b}, {std::cos(a), 0.0}}};
    const auto jr = tapeless::jacrev(h)(a, b);
    const auto jf = tapeless::jacfwd(h)(a, b);
    for (std::size_t k = 0; k < 3; ++k)
      for (std::size_t i = 0; i < 2; ++i) {
        CHECK(jr[k][i] == want[k][i]);
        CHECK(jf[k][i] == Approx(want[k][i]).epsilon(1e-15));
      }
    const double va = g.uniform(-1, 1), vb = g.uniform(-1, 1);
    const auto jv = tapeless::jvp(h)(std::array{a, b}, std::array{va, vb});
    CHECK(jv.value == std::array{a * b, a + b * b, std::sin(a)});
    CHECK(jv.tangent[0] == Approx(b * va + a * vb).epsilon(1e-14).margin(1e-15));
    CHECK(jv.tangent[1] == Approx(va + 2 * b * vb).epsilon(1e-14).margin(1e-15));
    CHECK(jv.tangent[2] == Approx(std::cos(a) * va).epsilon(1e-14).margin(1e-15));
    const auto one = tapeless::jvp(s)(std::array{a, b}, std::array{va, vb});  // scalar: numbers
    CHECK(one.value == a * a * b);
    CHECK(one.tangent == Approx(2 * a * b * va + a * a * vb).epsilon(1e-14).margin(1e-15));
    const std::array<double, 3> u{g.uniform(-1, 1), g.uniform(-1, 1), g.uniform(-1, 1)};
    const auto r = tapeless::vjp(h)(std::array{a, b}, u);
    CHECK(r.value == jv.value);
    CHECK(r.grad[0] == Approx(u[0] * b + u[1] + u[2] * std::cos(a)).epsilon(1e-14).margin(1e-15));
    CHECK(r.grad[1] == Approx(u[0] * a + u[1] * 2 * b).epsilon(1e-14).margin(1e-15));
  }
  // constant evaluation
  STATIC_REQUIRE(tapeless::jacrev(h)(2.0, 3.0)[1][1] == 6.0);
  STATIC_REQUIRE(tapeless::vjp(h)(std::array{2.0, 3.0}, std::array{1.0, 1.0, 0.0}).grad[1] == 8.0);
  STATIC_REQUIRE(tapeless::jvp(s)(std::array{2.0, 3.0}, std::array{1.0, 0.0}).tangent == 12.0);
}

TEST_CASE("forward mode and jvp agree with reverse mode", "[jacobian]") {
  constexpr tapeless::var<"t"> t;
  // one input, four outputs: the automatic choice is forward mode
  const auto curve = tapeless::outputs(cos(t), sin(t), t * t, exp(-t));
  rng g{31};
  int bad = 0;
  for (int trial = 0; trial < 100; ++trial) {
    const double tv = g.uniform(-2, 2);
    const auto fwd = tapeless::jacobian(curve, at(t = tv), tapeless::forward_mode);
    const auto rev = tapeless::jacobian(curve, at(t = tv), tapeless::reverse_mode);
    const auto autom = tapeless::jacobian(curve, at(t = tv));
    const double want[4] = {-std::sin(tv), std::cos(tv), 2 * tv, -std::exp(-tv)};
    for (std::size_t k = 0; k < 4; ++k) {
      bad += !(std::fabs(fwd[k][t] - want[k]) <= 1e-15 * (1 + std::fabs(want[k])));
      bad += !(fwd[k][t] == rev[k][t] && autom[k][t] == fwd[k][t]);
    }
    bad += !(fwd.value == rev.value);
    // fs: three inputs, three outputs; forward mode against reverse mode, structural zeros +0.0
    const std::array<double, 3> p{g.uniform(-2, 2), g.uniform(-2, 2), g.uniform(-2, 2)};
    const auto e = at(x = p[0], y = p[1], z = p[2]);
    const auto F = tapeless::jacobian(fs, e, tapeless::forward_mode);
    const auto R = tapeless::jacobian(fs, e, tapeless::reverse_mode);
    for (std::size_t k = 0; k < 3; ++k) {
      bad += !(std::fabs(F[k][x] - R[k][x]) <= 1e-15 * (1 + std::fabs(R[k][x])));
      bad += !(std::fabs(F[k][y] - R[k][y]) <= 1e-15 * (1 + std::fabs(R[k][y])));
      bad += !(std::fabs(F[k][z] - R[k][z]) <= 1e-15 * (1 + std::fabs(R[k][z])));
    }
    bad += !(F[2][x] == 0.0 && !std::signbit(F[2][x]) && F[1][z] == 0.0 && !std::signbit(F[1][z]));
    // jvp: J·v for outputs, and the directional derivative of one expression
    const std::array<double, 3> v{g.uniform(-1, 1), g.uniform(-1, 1), g.uniform(-1, 1)};
    const auto jv = tapeless::jvp(fs, e, at(x = v[0], y = v[1], z = v[2]));
    const double ex = std::exp(p[0]);  // J·v from the closed form (see the vjp test)
    const double jv_want[3] = {p[1] * v[0] + p[0] * v[1] + std::cos(p[2]) * v[2],
                               ex * p[1] * v[0] + ex * v[1], 2 * p[2] * v[2]};
    for (std::size_t k = 0; k < 3; ++k) {
      const double want_k = jv_want[k];
      bad += !(std::fabs(jv.tangent[k] - want_k) <= 1e-14 * (1 + std::fabs(want_k)));
    }
    const auto one = tapeless::jvp(x * y + sin(z), e, at(y = 1.0));  // x and z: direction 0
    bad += !(one.tangent == p[0] && one.value == p[0] * p[1] + std::sin(p[2]));
  }
  CHECK(bad == 0);
}
