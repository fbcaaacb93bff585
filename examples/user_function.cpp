// A user-defined function with its own derivative rule: an operation type says what it computes
// (`apply`) and what each operand receives in the reverse sweep (`adjoint<J>`: the incoming
// adjoint times the local partial). `tapeless::make_node<Op>(x)` puts it in an expression,
// where it is shared, differentiated and constant-evaluated like a built-in.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <cstddef>
#include <cstdio>

namespace my {

/// softsign(x) = x / (1 + |x|), d/dx = 1 / (1 + |x|)².
struct softsign_op {
  static constexpr char name[] = "softsign";  // shown in graphs and errors

  template <class T>
  static constexpr T apply(T x) {
    return x / (1 + (x < 0 ? -x : x));
  }

  // ctx.operand<0>() is x, ctx.value() is softsign(x); abar is the adjoint flowing in.
  template <std::size_t J, class Ctx, class T>
  static constexpr T adjoint(const Ctx& ctx, T abar) {
    const T x = ctx.template operand<0>();
    const T d = 1 + (x < 0 ? -x : x);
    return abar / (d * d);
  }
};

template <tapeless::expression X>
constexpr auto softsign(const X& x) {
  return tapeless::make_node<softsign_op>(x);
}

}  // namespace my

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;

// Works in constant evaluation: d/dx softsign(x) at 1 is 1/4.
static_assert(tapeless::grad(my::softsign(x), tapeless::at(x = 1.0))[x] == 0.25);

int main() {
  // ADL finds my::softsign for tapeless expressions too, and sharing applies: softsign(x*y) is
  // one node however often it is used.
  const auto s = my::softsign(x * y);
  const auto f = s * s + s;
  const auto r = tapeless::value_and_grad(f, tapeless::at(x = 0.5, y = -3.0));
  std::printf("f = %.17g, df/dx = %.17g, df/dy = %.17g, unique nodes %zu\n", r.value, r.grad[x],
              r.grad[y], tapeless::node_count(f));
  // closed form: f = s² + s with s = t/(1+|t|), t = xy; df/dt = (2s + 1)/(1+|t|)²
  const double t = 0.5 * -3.0, sv = t / (1 + 1.5), dfdt = (2 * sv + 1) / (2.5 * 2.5);
  std::printf("closed form: df/dx = %.17g, df/dy = %.17g\n", dfdt * -3.0, dfdt * 0.5);
  const auto close = [](double a, double b) { return (a - b) * (a - b) <= 1e-30 * b * b; };
  return close(r.grad[x], dfdt * -3.0) && close(r.grad[y], dfdt * 0.5) ? 0 : 1;
}
