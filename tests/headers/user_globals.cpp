// The library's templates instantiated next to a user's globals that are named like the
// library's internals: short names (x, k, i, p, ...) are what users call their variables, and
// g++ checks -Wshadow on a lambda inside a template against the globals declared when the
// template is instantiated. `constexpr tapeless::var<"k"> k;` in examples/least_squares.cpp
// once met `[&](std::uint32_t k)` in graph.hpp and failed the -Werror build. The headers now
// declare no names in lambdas (tests/headers/lambda_names.py checks it); this program compiles
// gradients, Hessians, H·v, Jacobians, symbolic derivatives, reductions with the element
// cache, sum_over and printing after such globals, under the project's warnings, and checks
// each result against its closed form.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/io/print.hpp>
#include <tapeless/map_reduce.hpp>
#include <tapeless/tapeless.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <span>

// The user's globals: variables with one-letter names, and plain ones named like the helpers,
// parameters and locals the library's templates have used.
constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"k"> k;
constexpr tapeless::var<"i"> i;
constexpr tapeless::var<"j"> j;
constexpr tapeless::var<"p"> p;
constexpr tapeless::var<"q"> q;
constexpr tapeless::var<"a"> a;
constexpr tapeless::var<"b"> b;
constexpr tapeless::var<"t"> t;
constexpr tapeless::var<"w"> w;
constexpr tapeless::vec<"v", 3> v;
// NOLINTBEGIN(misc-use-internal-linkage,cppcoreguidelines-avoid-non-const-global-variables)
int c, d, e, f, g, h, l, m, n, o, r, s, u, z, dk, dn, k10, back, bits, bits_t, up, down, lo, hi,
    margin, exact, in_c, in_e, slots, count, part, size, entry, term, word, mark, couple, usable,
    partial, definition, reads_back, state, run, first, digits, joined, fill, bound, ox, oy, lx,
    ly, dep, flags, inner, scalar, nodes, root, out, value, with_sign, both, ops, info, data,
    point, node, expression_object, constant_value, value_bits, is_integral, stream, ws, failed;
// NOLINTEND(misc-use-internal-linkage,cppcoreguidelines-avoid-non-const-global-variables)

namespace {

int failures = 0;

void expect_near(double got, double want, const char* what) {
  if (std::fabs(got - want) <= 1e-12 * (1 + std::fabs(want))) return;
  std::printf("FAIL %s: %.17g, want %.17g\n", what, got, want);
  ++failures;
}

void gradients() {
  // f = x·y + sin(x)·k + i·j/p: each variable's partial in closed form
  const auto point = tapeless::at(x = 0.7, y = -1.3, k = 2.0, i = 0.5, j = 1.5, p = 4.0);
  const auto gr = tapeless::grad(x * y + sin(x) * k + i * j / p, point);
  expect_near(gr[x], -1.3 + std::cos(0.7) * 2.0, "df/dx");
  expect_near(gr[y], 0.7, "df/dy");
  expect_near(gr[k], std::sin(0.7), "df/dk");
  expect_near(gr[p], -0.5 * 1.5 / 16.0, "df/dp");
  // the functional form names its variables _0, _1, ...
  const auto fg = tapeless::grad([](auto lhs, auto rhs) { return lhs * lhs * rhs; })(2.0, 0.5);
  expect_near(fg[0], 2.0, "functional d/d_0");
  expect_near(fg[1], 4.0, "functional d/d_1");
  // atan2 in constant evaluation (tapeless's own, with its special cases)
  constexpr double angle = tapeless::atan2(1.0, -1.0);
  expect_near(angle, 3 * std::atan(1.0), "constexpr atan2");
  constexpr auto ga = tapeless::grad(atan2(y, x), tapeless::at(x = 2.0, y = 1.0));
  static_assert(ga[x] == -0.2 && ga[y] == 0.4);
}

void symbolic() {
  // erf has no rule of its own in derivative.hpp: d goes through the chain rule's partials
  const auto df = tapeless::d(erf(x) * y, x);
  const double want = 2 / std::sqrt(std::acos(-1.0)) * std::exp(-0.49) * 3.0;
  expect_near(tapeless::eval(df, tapeless::at(x = 0.7, y = 3.0)), want, "d(erf(x)·y)/dx");
}

void hessians() {
  const auto point = tapeless::at(x = 0.5, y = 2.0);
  const auto hm = tapeless::hessian(x * x * y + exp(x * y), point);
  const double ex = std::exp(1.0);
  expect_near(hm[x][x], 2 * 2.0 + 4.0 * ex, "H xx");
  expect_near(hm(x, y), 2 * 0.5 + ex + 0.5 * 2.0 * ex, "H xy");
  expect_near(hm[y][y], 0.25 * ex, "H yy");
  // a vector and a scalar: f = x·(v·v), ∂²f/∂v∂x = 2v, ∂²f/∂v² = 2x I
  const auto vpoint = tapeless::at(x = 1.5, v = std::array{1.0, -2.0, 0.5});
  const auto hv = tapeless::hessian(x * dot(v, v), vpoint);
  const std::array<double, 3> vx = hv[v][x];
  expect_near(vx[1], -4.0, "H v1 x");
  const std::array<std::array<double, 3>, 3> vv = hv[v][v];
  expect_near(vv[2][2], 3.0, "H v2 v2");
  expect_near(vv[0][2], 0.0, "H v0 v2");
  constexpr auto pattern = tapeless::hessian_pattern(x * y + sin(q));
  static_assert(pattern[0][1] && !pattern[0][0] && pattern[2][2] && !pattern[0][2]);
  // H·v of f = x²y: H = [[2y, 2x], [2x, 0]]
  const auto hvp = tapeless::hvp(x * x * y, point, tapeless::at(x = 1.0, y = -1.0));
  expect_near(hvp[x], 2 * 2.0 - 2 * 0.5, "(H v)_x");
  expect_near(hvp[y], 2 * 0.5, "(H v)_y");
}

void several_outputs() {
  const auto jac = tapeless::jacobian(tapeless::outputs(x * y, sin(x)), tapeless::at(x = 0.3, y = 2.0));
  expect_near(jac[0][x], 2.0, "J 0 x");
  expect_near(jac[1][x], std::cos(0.3), "J 1 x");
  expect_near(jac[1][y], 0.0, "J 1 y");
}

void reductions() {
  // Σ tanh(v_i)·w: the loop keeps tanh's values for its reverse loop (the element cache)
  const std::array<double, 3> at_v{0.25, -0.5, 1.0};
  const auto gr = tapeless::grad(sum(tanh(v)) * w + prod(v), tapeless::at(v = at_v, w = 2.0));
  const std::array<double, 3> gv = gr[v];
  for (std::size_t idx = 0; idx < 3; ++idx) {
    const double th = std::tanh(at_v[idx]);
    const double others = at_v[0] * at_v[1] * at_v[2] / at_v[idx];
    expect_near(gv[idx], 2.0 * (1 - th * th) + others, "d(Σtanh(v)·w + Πv)/dv");
  }
  expect_near(gr[w], std::tanh(0.25) + std::tanh(-0.5) + std::tanh(1.0), "d/dw");
}

void sums_over_data() {
  const std::array<double, 4> ts{0.0, 1.0, 2.0, 3.0};
  const std::array<double, 4> ys{1.0, 2.5, 5.5, 6.0};
  // L = a·Σ(b·t − y)² and L = Σ(b·t − y)²/a: a constant factor and a quotient
  const auto times = tapeless::sum_over(a * square(b * t - q),
                                        tapeless::data(t = std::span(ts), q = std::span(ys)),
                                        tapeless::at(a = 0.5, b = 2.0));
  const auto over = tapeless::mean_over(square(b * t - q) / a,
                                        tapeless::data(t = std::span(ts), q = std::span(ys)),
                                        tapeless::at(a = 0.5, b = 2.0));
  double sum_sq = 0, sum_dt = 0, sum_q = 0;
  for (std::size_t idx = 0; idx < 4; ++idx) {
    sum_sq += (2.0 * ts[idx] - ys[idx]) * (2.0 * ts[idx] - ys[idx]);
    sum_dt += 2 * (2.0 * ts[idx] - ys[idx]) * ts[idx];
    sum_q += (2.0 * ts[idx] - ys[idx]) * (2.0 * ts[idx] - ys[idx]);
  }
  expect_near(times.grad[a], sum_sq, "d(aΣ)/da");
  expect_near(times.grad[b], 0.5 * sum_dt, "d(aΣ)/db");
  expect_near(over.value, sum_q / 0.5 / 4, "Σ/a / n");
  expect_near(over.grad[a], -sum_q / 0.25 / 4, "d(Σ/a / n)/da");
}

void printing() {
  constexpr auto named = tapeless::let<"u">(x * x) + y;
  static_assert(tapeless::to_string(named) == "u + y where u = x * x");
  static_assert(tapeless::to_string(0.1 * x) == "0.1 * x");
}

}  // namespace

int main() {
  gradients();
  symbolic();
  hessians();
  several_outputs();
  reductions();
  sums_over_data();
  printing();
  std::printf("%s\n", failures == 0 ? "ok" : "FAILED");
  return failures == 0 ? 0 : 1;
}
