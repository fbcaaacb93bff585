// The program that docs/tutorial.md walks through, step by step: the seed's three worked
// examples (y = x³ + x², y = sin(x)/x, y = 2·dot(x, x)), the functional form, and a gradient
// descent loop. Each step checks its result against the closed form; tools/check_docs.py
// checks that the tutorial's code blocks are this file's lines.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <array>
#include <cmath>
#include <cstdio>

// Step 1: a variable is named in its type; an expression of it is a type too.
constexpr tapeless::var<"x"> x;

constexpr auto y = x * x * x + x * x;

static_assert(tapeless::eval(y, tapeless::at(x = 2.0)) == 12.0);     // 2³ + 2²
static_assert(tapeless::grad(y, tapeless::at(x = 2.0))[x] == 16.0);  // 3·2² + 2·2

// Step 2: the seed's intermediates u = x³ and v = x², named.
constexpr auto u = tapeless::let<"u">(x * x * x);
constexpr auto v = tapeless::let<"v">(x * x);
constexpr auto y_uv = u + v;

static_assert(tapeless::grad(y_uv, tapeless::at(x = 2.0))[x] == 16.0);
static_assert(tapeless::node_count(y) == 4);     // x, x*x, x*x*x, the sum
static_assert(tapeless::node_count(y_uv) == 6);  // x, x*x, x*x*x, u, v, the sum

// Step 4: y = 2·dot(x, x) at x = [0, 1, 2, 3], with a vector variable.
constexpr tapeless::vec<"x", 4> xs;  // a vector variable: one node, whatever its length

constexpr auto dot2 = 2 * tapeless::dot(xs, xs);
constexpr auto r3 = tapeless::value_and_grad(dot2, tapeless::at(xs = std::array{0.0, 1.0, 2.0, 3.0}));

static_assert(r3.value == 28.0);
static_assert(r3.grad[xs] == std::array{0.0, 4.0, 8.0, 12.0});  // 4x

// Step 5: the functional form: one generic function, for numbers and for expressions.
constexpr auto h = [](auto a, auto b) { return a * a * b + b; };

static_assert(h(3.0, 2.0) == 20.0);                                     // on numbers
// ∂h/∂a = 2ab, ∂h/∂b = a² + 1, in argument order:
static_assert(tapeless::grad(h)(3.0, 2.0) == std::array{12.0, 10.0});

bool close(double a, double b) { return std::fabs(a - b) <= 1e-15 * (1 + std::fabs(b)); }

int main() {
  bool ok = true;

  // Step 3: y = sin(x)/x at a value known only at run time.
  const auto y2 = sin(x) / x;

  const double a = 1.5;
  const auto r = tapeless::value_and_grad(y2, tapeless::at(x = a));
  std::printf("sin(x)/x at %g: value %.17g, derivative %.17g\n", a, r.value, r.grad[x]);
  std::printf("cos(a)/a - sin(a)/a^2 = %.17g\n", std::cos(a) / a - std::sin(a) / (a * a));

  ok = ok && close(r.value, std::sin(a) / a) &&
       close(r.grad[x], std::cos(a) / a - std::sin(a) / (a * a));

  // Step 6: gradient descent on g(p, q) = (p - 3)² + 2(q + 1)², minimum at (3, -1).
  constexpr tapeless::var<"p"> p;
  constexpr tapeless::var<"q"> q;
  const auto g = square(p - 3) + 2 * square(q + 1);

  double pv = 0, qv = 0;
  for (int step = 0; step < 100; ++step) {
    const auto d = tapeless::grad(g, tapeless::at(p = pv, q = qv));
    pv -= 0.1 * d[p];
    qv -= 0.1 * d[q];
  }
  std::printf("minimum near (%.6f, %.6f)\n", pv, qv);

  ok = ok && std::fabs(pv - 3) < 1e-6 && std::fabs(qv + 1) < 1e-6;
  return ok ? 0 : 1;
}
