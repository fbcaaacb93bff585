// First TU of the ODR test (see shared.hpp): the shared gradient, and one of its own.
// SPDX-License-Identifier: BSL-1.0
#include "shared.hpp"

namespace odr {

// Constant evaluation of the shared gradient happens in both TUs too.
static_assert(tapeless::grad(shared_f, tapeless::at(x = 0.0, y = 1.0))[x] == 1.0 + 1.0);

result a_shared(double xv, double yv) {
  const auto r = tapeless::value_and_grad(shared_f, tapeless::at(x = xv, y = yv));
  return {r.value, r.grad[x], r.grad[y]};
}

result a_only(double xv, double yv) {
  const auto u = tapeless::let<"u">(x * x + y * y);
  const auto g = log(u) * sqrt(y);
  const auto r = tapeless::value_and_grad(g, tapeless::at(x = xv, y = yv));
  return {r.value, r.grad[x], r.grad[y]};
}

std::array<double, 2> a_functional(double av, double bv) { return tapeless::grad(k_fn{})(av, bv); }

std::size_t a_node_count() { return tapeless::node_count(shared_f); }

}  // namespace odr
