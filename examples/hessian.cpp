// Second derivatives: Newton's method on the Rosenbrock function with tapeless::hessian, a
// Hessian-vector product (what conjugate-gradient Newton methods need, at the cost of a few
// gradients), the functional form on a generic callable, and Hessian entries checked in
// constant evaluation. The program checks itself: the Hessian against finite differences of the
// gradient, H·v against the product with the Hessian, and Newton's convergence to (1, 1).
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <array>
#include <cmath>
#include <cstdio>

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;

constexpr auto f = square(1 - x) + 100 * square(y - x * x);

// The Hessian at (1, 2) in constant evaluation: [[402, -400], [-400, 200]]
constexpr auto H = tapeless::hessian(f, tapeless::at(x = 1.0, y = 2.0));
static_assert(H[x][x] == 402.0 && H[x][y] == -400.0 && H[y][y] == 200.0);

// The functional form, on a callable written once for numbers and expressions
constexpr auto g = [](auto a, auto b) { return a * a * b + b; };
static_assert(tapeless::hessian(g)(3.0, 2.0) == std::array{std::array{4.0, 6.0}, std::array{6.0, 0.0}});

bool close(double a, double b, double tolerance) {
  return std::fabs(a - b) <= tolerance * (1 + std::fabs(b));
}

int main() {
  bool ok = true;

  // Newton's method: solve H d = -∇f at each step; value, gradient and Hessian from one call
  double px = -1.2, py = 1.0;
  int steps = 0;
  for (; steps < 50; ++steps) {
    const auto r = tapeless::value_grad_and_hessian(f, tapeless::at(x = px, y = py));
    const double gx = r.grad[x], gy = r.grad[y];
    if (std::hypot(gx, gy) < 1e-12) break;
    const double a = r.hessian[x][x], b = r.hessian[x][y], d = r.hessian[y][y];
    const double det = a * d - b * b;
    px -= (d * gx - b * gy) / det;
    py -= (a * gy - b * gx) / det;
  }
  std::printf("Newton: %d steps to (%.15g, %.15g)\n", steps, px, py);
  ok = ok && close(px, 1.0, 1e-12) && close(py, 1.0, 1e-12);

  // The Hessian against central differences of the gradient, at a few points
  for (const auto& p : {std::array{-1.2, 1.0}, std::array{0.5, -0.3}, std::array{2.0, 3.0}}) {
    const auto h = tapeless::hessian(f, tapeless::at(x = p[0], y = p[1]));
    const double step = 1e-5;
    const auto gp = tapeless::grad(f, tapeless::at(x = p[0] + step, y = p[1]));
    const auto gm = tapeless::grad(f, tapeless::at(x = p[0] - step, y = p[1]));
    ok = ok && close(h[x][x], (gp[x] - gm[x]) / (2 * step), 1e-6) &&
         close(h[y][x], (gp[y] - gm[y]) / (2 * step), 1e-6);
  }

  // H·v by one forward-over-reverse sweep, the direction given like a point
  const auto hv = tapeless::hvp(f, tapeless::at(x = 0.5, y = -0.3), tapeless::at(x = 1.0, y = 2.0));
  const auto h = tapeless::hessian(f, tapeless::at(x = 0.5, y = -0.3));
  ok = ok && close(hv[x], h[x][x] * 1.0 + h[x][y] * 2.0, 1e-14) &&
       close(hv[y], h[y][x] * 1.0 + h[y][y] * 2.0, 1e-14);
  std::printf("H v = (%g, %g)\n", hv[x], hv[y]);

  std::printf("%s\n", ok ? "all checks passed" : "CHECK FAILED");
  return ok ? 0 : 1;
}
