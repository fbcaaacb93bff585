// The seed's three worked examples (a blog post on PyTorch autograd), differentiated by the
// compiler: each gradient below is a constant expression, checked by static_assert, and also
// computed at run time.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <array>
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

// 3. PyTorch: x = torch.tensor([0., 1., 2., 3.]), y = 2 * torch.dot(x, x), x.grad == 4x.
//    A vector variable is one node whatever its length; dot is one node.
constexpr tapeless::vec<"x", 4> xs;
constexpr auto y3 = 2 * tapeless::dot(xs, xs);
constexpr auto r3 = tapeless::value_and_grad(y3, at(xs = std::array{0.0, 1.0, 2.0, 3.0}));
static_assert(r3.value == 28.0);
static_assert(r3.grad[xs] == std::array{0.0, 4.0, 8.0, 12.0});

int main() {
  std::printf("y = x^3 + x^2 at x = 2: y = %g, dy/dx = %g (3x^2 + 2x = %g)\n",
              tapeless::eval(y1, at(x = 2.0)), grad(y1, at(x = 2.0))[x], 3 * 4.0 + 2 * 2.0);

  const double a = 1.5;  // a run-time value: the same code, evaluated at run time
  const auto r2 = tapeless::value_and_grad(y2, at(x = a));
  std::printf("y = sin(x)/x at x = %g: y = %.17g, dy/dx = %.17g\n", a, r2.value, r2.grad[x]);
  std::printf("    cos(x)/x - sin(x)/x^2          = %.17g\n",
              tapeless::cos(a) / a - tapeless::sin(a) / (a * a));

  std::printf("x = [0, 1, 2, 3], y = 2 * dot(x, x) = %g\n", r3.value);
  const std::array<double, 4> g3 = r3.grad[xs];
  std::printf("x.grad = [%g, %g, %g, %g]  (= 4x)\n", g3[0], g3[1], g3[2], g3[3]);
  std::printf("unique nodes: %zu, %zu, %zu\n", tapeless::node_count(y1), tapeless::node_count(y2),
              tapeless::node_count(y3));
  return 0;
}
