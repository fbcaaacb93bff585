// Eigen's AutoDiffScalar (libeigen3-dev, unsupported/): forward mode with a fixed-size
// derivative vector of length n.
// SPDX-License-Identifier: BSL-1.0
#include "problems.hpp"
#include "registry.hpp"

#include <Eigen/Core>
#include <unsupported/Eigen/AutoDiff>

#include <array>
#include <cmath>

namespace peers {
namespace {

/// AutoDiffScalar has no erf: d erf(v) = 2/√π e^(-v²) dv.
struct eigen_erf {
  template <class A>
  static A erf(const A& z) {
    const double v = z.value();
    return A(std::erf(v), z.derivatives() * (1.1283791670955126 * std::exp(-v * v)));
  }
};

template <class P>
struct eigen_forward {
  static double run(const double* x, double* g) {
    constexpr int n = static_cast<int>(P::n);
    using A = Eigen::AutoDiffScalar<Eigen::Matrix<double, n, 1>>;
    std::array<A, P::n> a;
    for (int i = 0; i < n; ++i) a[static_cast<std::size_t>(i)] = A(x[i], n, i);
    const A y = P::f(numbers<A, eigen_erf>{a.data()});
    for (int i = 0; i < n; ++i) g[i] = y.derivatives()[i];
    return y.value();
  }
};

const bool registered = add_all<all_problems, eigen_forward>("Eigen AutoDiff");

}  // namespace
}  // namespace peers
