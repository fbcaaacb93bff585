// The seed's three worked examples (a blog post on PyTorch autograd), differentiated by the
// compiler: each gradient below is a constant expression, checked by static_assert, and also
// computed at run time.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <cstdio>

using tapeless::at;
using tapeless::grad;
using tapeless::let;

constexpr tapeless::var<"x"> x;

// 1. y = x³ + x², through the named intermediates of the blog's graph: u = x³, v = x².
//    Two paths reach x (through u and through v); their contributions are added.
constexpr auto u = let<"u">(x * x * x);
constexpr auto v = let<"v">(x * x);
constexpr auto y1 = u + v;
static_assert(grad(y1, at(x = 2.0))[x] == 3 * 2.0 * 2.0 + 2 * 2.0);  // 3x² + 2x

// 2. y = sin(x) / x: x is reached directly and through u = sin(x).
constexpr auto y2 = sin(x) / x;

// 3. PyTorch: x = [0, 1, 2, 3], y = 2 * dot(x, x). Four scalar variables here; the vector form
//    comes with tapeless's array support.
constexpr tapeless::var<"x0"> x0;
constexpr tapeless::var<"x1"> x1;
constexpr tapeless::var<"x2"> x2;
constexpr tapeless::var<"x3"> x3;
constexpr auto y3 = tapeless::c<2> * (x0 * x0 + x1 * x1 + x2 * x2 + x3 * x3);
constexpr auto r3 = tapeless::value_and_grad(y3, at(x0 = 0.0, x1 = 1.0, x2 = 2.0, x3 = 3.0));
static_assert(r3.value == 28.0);
static_assert(r3.grad[x0] == 0.0 && r3.grad[x1] == 4.0 && r3.grad[x2] == 8.0 && r3.grad[x3] == 12.0);

int main() {
  std::printf("y = x^3 + x^2 at x = 2: y = %g, dy/dx = %g (3x^2 + 2x = %g)\n",
              tapeless::eval(y1, at(x = 2.0)), grad(y1, at(x = 2.0))[x], 3 * 4.0 + 2 * 2.0);

  const double a = 1.5;  // a run-time value: the same code, evaluated at run time
  const auto r2 = tapeless::value_and_grad(y2, at(x = a));
  std::printf("y = sin(x)/x at x = %g: y = %.17g, dy/dx = %.17g\n", a, r2.value, r2.grad[x]);
  std::printf("    cos(x)/x - sin(x)/x^2          = %.17g\n",
              tapeless::cos(a) / a - tapeless::sin(a) / (a * a));

  std::printf("x = [0, 1, 2, 3], y = 2 * dot(x, x) = %g\n", r3.value);
  std::printf("x.grad = [%g, %g, %g, %g]  (= 4x)\n", r3.grad[x0], r3.grad[x1], r3.grad[x2],
              r3.grad[x3]);
  std::printf("unique nodes: %zu, %zu, %zu\n", tapeless::node_count(y1), tapeless::node_count(y2),
              tapeless::node_count(y3));
  return 0;
}
