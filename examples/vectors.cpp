// Vector variables and reductions (docs/vectors.md): a least-squares residual over fixed-size
// data, the energy of a chain of springs, and element access; each gradient is checked against
// its closed form.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <array>
#include <cmath>
#include <cstdio>

// [doc]
constexpr tapeless::vec<"t", 5> t;  // data: five abscissae
constexpr tapeless::vec<"y", 5> y;  // and five observations
constexpr tapeless::var<"a"> a;     // the model's parameters
constexpr tapeless::var<"b"> b;

// Σ (a·tᵢ + b - yᵢ)²: scalars broadcast over the vectors; sum is one node.
constexpr auto loss = tapeless::sum(tapeless::square(a * t + b - y));

constexpr std::array ts{0.0, 1.0, 2.0, 3.0, 4.0};
constexpr std::array ys{1.0, 3.0, 5.0, 7.0, 9.0};  // exactly y = 2t + 1

static_assert(tapeless::eval(loss, tapeless::at(t = ts, y = ys, a = 2.0, b = 1.0)) == 0.0);
constexpr auto r = tapeless::value_and_grad(loss, tapeless::at(t = ts, y = ys, a = 1.0, b = 0.0));
// ∂/∂a = Σ 2 (a tᵢ + b - yᵢ) tᵢ, ∂/∂b = Σ 2 (a tᵢ + b - yᵢ), ∂/∂yᵢ = -2 (a tᵢ + b - yᵢ)
static_assert(r.grad[a] == -2 * (1 * 0 + 2 * 1 + 3 * 2 + 4 * 3 + 5 * 4));
static_assert(r.grad[b] == -2 * (1 + 2 + 3 + 4 + 5));
static_assert(r.grad[y] == std::array{2.0, 4.0, 6.0, 8.0, 10.0});
// [/doc]

int main() {
  // [doc]
  // Reductions: sum, dot, squared_norm, norm, prod, max, min; element<I> picks one element.
  constexpr tapeless::vec<"x", 3> x;
  const auto g = tapeless::grad(tapeless::norm(x) + tapeless::element<0>(x * x),
                                tapeless::at(x = std::array{3.0, 0.0, 4.0}));
  // ∂‖x‖/∂x = x/‖x‖ = [0.6, 0, 0.8], plus ∂x₀²/∂x = [6, 0, 0]
  std::printf("[%g, %g, %g]\n", g[x][0], g[x][1], g[x][2]);
  // [/doc]
  return std::fabs(g[x][0] - 6.6) < 1e-15 && g[x][1] == 0 && std::fabs(g[x][2] - 0.8) < 1e-15 ? 0 : 1;
}
