// Second TU of the ODR test (see shared.hpp): the shared gradient with the bindings in the
// other order, and an expression of its own.
// SPDX-License-Identifier: BSL-1.0
#include "shared.hpp"

namespace odr {

static_assert(tapeless::grad(shared_f, tapeless::at(y = 1.0, x = 0.0))[x] == 1.0 + 1.0);

result b_shared(double xv, double yv) {
  const auto r = tapeless::value_and_grad(shared_f, tapeless::at(y = yv, x = xv));
  return {r.value, r.grad[x], r.grad[y]};
}

result b_only(double xv, double yv) {
  const auto h = pow(x, y) + x / (tapeless::c<1> + y * y);
  const auto r = tapeless::value_and_grad(h, tapeless::at(x = xv, y = yv));
  return {r.value, r.grad[x], r.grad[y]};
}

std::array<double, 2> b_functional(double av, double bv) { return tapeless::grad(k_fn{})(av, bv); }

std::size_t b_node_count() { return tapeless::node_count(shared_f); }

}  // namespace odr
