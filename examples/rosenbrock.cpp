// Minimising the Rosenbrock function f(x, y) = (1 - x)² + 100 (y - x²)² (minimum 0 at (1, 1))
// two ways: gradient descent with a backtracking line search, using tapeless's gradient; and
// Newton's method, which also needs the Hessian: tapeless::hessian, checked at every iterate
// against the gradient of the closed-form gradient (written as two tapeless expressions,
// themselves checked against tapeless's gradient of f) and against finite differences of
// tapeless's gradient.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <cmath>
#include <cstdio>

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;

constexpr auto f = square(1 - x) + 100 * square(y - x * x);

// ∂f/∂x and ∂f/∂y by hand, as expressions, so that tapeless can differentiate them again
constexpr auto fx = -2 * (1 - x) - 400 * x * (y - x * x);
constexpr auto fy = 200 * (y - x * x);

struct point {
  double x, y;
};

bool close(double a, double b, double tolerance) {
  return std::fabs(a - b) <= tolerance * (1 + std::fabs(b));
}

// tapeless's gradient of f against the hand-written one
bool gradient_checks(point p) {
  const auto g = tapeless::grad(f, tapeless::at(x = p.x, y = p.y));
  return close(g[x], tapeless::eval(fx, tapeless::at(x = p.x, y = p.y)), 1e-13) &&
         close(g[y], tapeless::eval(fy, tapeless::at(x = p.x, y = p.y)), 1e-13);
}

bool gradient_descent() {
  point p{-1.2, 1.0};
  int steps = 0;
  for (; steps < 20000; ++steps) {
    const auto r = tapeless::value_and_grad(f, tapeless::at(x = p.x, y = p.y));
    const double gx = r.grad[x], gy = r.grad[y], norm2 = gx * gx + gy * gy;
    if (norm2 < 1e-16) break;
    if (!gradient_checks(p)) return false;
    // backtracking (Armijo): halve the step until f decreases enough
    double t = 1.0;
    point q{p.x - t * gx, p.y - t * gy};
    while (tapeless::eval(f, tapeless::at(x = q.x, y = q.y)) > r.value - 0.5 * t * norm2) {
      t *= 0.5;
      q = {p.x - t * gx, p.y - t * gy};
    }
    p = q;
  }
  const double value = tapeless::eval(f, tapeless::at(x = p.x, y = p.y));
  std::printf("gradient descent: %d steps, (%.9f, %.9f), f = %.3g\n", steps, p.x, p.y, value);
  return value < 1e-10 && close(p.x, 1.0, 1e-4) && close(p.y, 1.0, 1e-4);
}

bool newton() {
  point p{-1.2, 1.0};
  for (int step = 1; step <= 20; ++step) {
    const auto here = tapeless::at(x = p.x, y = p.y);
    const auto g = tapeless::grad(f, here);
    const auto H = tapeless::hessian(f, here);
    const double a = H[x][x], b = H[x][y], c = H[y][x], d = H[y][y];
    const auto hx = tapeless::grad(fx, here);  // (∂²f/∂x², ∂²f/∂x∂y) from the closed-form ∂f/∂x
    const auto hy = tapeless::grad(fy, here);  // (∂²f/∂y∂x, ∂²f/∂y²)
    const bool closed_form_ok = close(a, hx[x], 1e-13) && close(b, hx[y], 1e-13) &&
                                close(c, hy[x], 1e-13) && close(d, hy[y], 1e-13);

    // the Hessian against central differences of tapeless's gradient
    const double h = 1e-6;
    const auto gxp = tapeless::grad(f, tapeless::at(x = p.x + h, y = p.y));
    const auto gxm = tapeless::grad(f, tapeless::at(x = p.x - h, y = p.y));
    const auto gyp = tapeless::grad(f, tapeless::at(x = p.x, y = p.y + h));
    const auto gym = tapeless::grad(f, tapeless::at(x = p.x, y = p.y - h));
    const bool hessian_ok = close(a, (gxp[x] - gxm[x]) / (2 * h), 1e-6) &&
                            close(b, (gyp[x] - gym[x]) / (2 * h), 1e-6) &&
                            close(c, (gxp[y] - gxm[y]) / (2 * h), 1e-6) &&
                            close(d, (gyp[y] - gym[y]) / (2 * h), 1e-6) && b == c;
    if (!gradient_checks(p) || !hessian_ok || !closed_form_ok)
      return false;

    // solve H s = -g (2×2, Cramer's rule)
    const double det = a * d - b * c;
    const point s{-(d * g[x] - b * g[y]) / det, -(a * g[y] - c * g[x]) / det};
    p = {p.x + s.x, p.y + s.y};
    std::printf("newton step %d: (%.15f, %.15f)\n", step, p.x, p.y);
    if (std::fabs(s.x) + std::fabs(s.y) < 1e-14)
      return close(p.x, 1.0, 1e-15) && close(p.y, 1.0, 1e-15);
  }
  return false;
}

int main() {
  const bool gd = gradient_descent();
  const bool nt = newton();
  return gd && nt ? 0 : 1;
}
