// The anatomy of an operation, as docs/design.md shows it: a sin written outside the library,
// whose derivative reads cos(x) from the graph when the expression computes cos(x) anyway.
// The struct below is the design document's code block verbatim (tools/check_docs.py).
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <cmath>
#include <cstddef>
#include <cstdio>

namespace anatomy {
namespace detail = tapeless::detail;  // the names the design document uses
namespace ops = tapeless::ops;

struct sin {
  static constexpr char name[] = "sin";
  using partners = detail::type_list<ops::cos>;     // nodes whose values it may reuse
  template <class T> static constexpr T apply(T x);  // forward value
  template <std::size_t J, class Ctx, class T>       // what operand J receives in the sweep:
  static constexpr T adjoint(const Ctx& ctx, T abar) // abar · ∂self/∂operand_J
  { return abar * ctx.template sibling<ops::cos>(); }
};

template <class T>
constexpr T sin::apply(T x) {
  return tapeless::sin(x);  // the library's function on plain numbers
}

template <tapeless::expression X>
constexpr auto my_sin(const X& x) {
  return tapeless::make_node<sin>(x);
}
}  // namespace anatomy

constexpr tapeless::var<"t"> t;

// sin(t)/t + cos(t): the cos node is the partner that d sin/dt reads, so cos is computed once.
constexpr auto f = anatomy::my_sin(t) / t + cos(t);
static_assert(tapeless::node_count(f) == 5);  // t, sin t, sin t / t, cos t, the sum

int main() {
  bool ok = true;
  for (double v = 0.25; v < 6.0; v += 0.5) {
    const double d = tapeless::grad(f, tapeless::at(t = v))[t];
    const double exact = std::cos(v) / v - std::sin(v) / (v * v) - std::sin(v);
    std::printf("t = %4.2f: df/dt = %.17g (closed form %.17g)\n", v, d, exact);
    ok = ok && std::fabs(d - exact) <= 1e-14 * (1 + std::fabs(exact));
  }
  return ok ? 0 : 1;
}
