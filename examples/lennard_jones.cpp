// Forces of a Lennard-Jones cluster, F_i = -∂E/∂r_i, with
// E = Σ_{i<j} 4ε ((σ/r_ij)¹² - (σ/r_ij)⁶) for four particles in the plane (ε = σ = 1).
// The energy is one generic function, written once: tapeless differentiates it (the
// functional form grad(h)(...): every argument becomes a variable), and the same code on
// plain doubles gives the finite differences the forces are checked against. Newton's third
// law makes the forces sum to zero, which is checked too.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <tuple>

// One pair: 4 (s⁶·s⁶ - s⁶) with s⁶ = (1/r²)³ = pow<-3>(r²). No number inside s⁶, so it is one
// shared node (a plain number would make each use its own node: docs/pitfalls.md).
constexpr auto pair_energy = [](auto dx, auto dy) {
  const auto s6 = tapeless::pow<-3>(dx * dx + dy * dy);
  return 4 * (s6 * s6 - s6);
};

constexpr auto energy = [](auto x0, auto y0, auto x1, auto y1, auto x2, auto y2, auto x3,
                           auto y3) {
  return pair_energy(x0 - x1, y0 - y1) + pair_energy(x0 - x2, y0 - y2) +
         pair_energy(x0 - x3, y0 - y3) + pair_energy(x1 - x2, y1 - y2) +
         pair_energy(x1 - x3, y1 - y3) + pair_energy(x2 - x3, y2 - y3);
};

int main() {
  // a distorted square near the equilibrium distance 2^(1/6) ≈ 1.12
  const std::array<double, 8> r{0.0, 0.0, 1.2, 0.1, 1.1, 1.05, -0.1, 1.15};
  const auto result = std::apply(tapeless::value_and_grad(energy), r);

  std::array<double, 8> force{};
  for (std::size_t k = 0; k < 8; ++k) force[k] = -result.grad[k];
  std::printf("E = %.17g\n", result.value);

  bool ok = std::fabs(result.value - std::apply(energy, r)) <= 1e-14 * std::fabs(result.value);
  double scale = 0, sum_x = 0, sum_y = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    std::printf("F_%zu = (%+.12f, %+.12f)\n", i, force[2 * i], force[2 * i + 1]);
    sum_x += force[2 * i];
    sum_y += force[2 * i + 1];
    scale = std::fmax(scale, std::fabs(force[2 * i]) + std::fabs(force[2 * i + 1]));
  }
  std::printf("sum of forces = (%.3g, %.3g)\n", sum_x, sum_y);
  ok = ok && std::fabs(sum_x) <= 1e-13 * scale && std::fabs(sum_y) <= 1e-13 * scale;

  // central differences of the same function on doubles
  for (std::size_t k = 0; k < 8; ++k) {
    const double h = 1e-6;
    auto plus = r, minus = r;
    plus[k] += h;
    minus[k] -= h;
    const double fd = -(std::apply(energy, plus) - std::apply(energy, minus)) / (2 * h);
    ok = ok && std::fabs(force[k] - fd) <= 1e-6 * (1 + std::fabs(fd));
  }
  return ok ? 0 : 1;
}
