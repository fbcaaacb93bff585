// ceres-solver's Jet (libceres-dev, header only here): forward mode with a fixed-size
// derivative vector of length n.
// SPDX-License-Identifier: BSL-1.0
#include "problems.hpp"
#include "registry.hpp"

#include <ceres/jet.h>

#include <array>

namespace peers {
namespace {

template <class P>
struct ceres_forward {
  static double run(const double* x, double* g) {
    constexpr int n = static_cast<int>(P::n);
    using J = ceres::Jet<double, n>;
    std::array<J, P::n> a;
    for (int i = 0; i < n; ++i) a[static_cast<std::size_t>(i)] = J(x[i], i);
    const J y = P::f(numbers<J>{a.data()});
    for (int i = 0; i < n; ++i) g[i] = y.v[i];
    return y.a;
  }
};

const bool registered = add_all<all_problems, ceres_forward>("ceres Jet");

}  // namespace
}  // namespace peers
