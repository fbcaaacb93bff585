// Boost.Math autodiff (libboost1.81-dev): forward mode with one derivative per number
// (fvar<double, 1>), so the gradient takes n passes, one per input.
// SPDX-License-Identifier: BSL-1.0
#include "problems.hpp"
#include "registry.hpp"

#include <boost/math/differentiation/autodiff.hpp>

#include <array>

namespace peers {
namespace {

template <class P>
struct boost_forward {
  static double run(const double* x, double* g) {
    using F = boost::math::differentiation::autodiff_fvar<double, 1>;
    double value = 0;
    for (std::size_t j = 0; j < P::n; ++j) {
      std::array<F, P::n> a;
      for (std::size_t i = 0; i < P::n; ++i) a[i] = F(x[i], i == j);
      const F y = P::f(numbers<F>{a.data()});
      g[j] = y.derivative(1);
      value = static_cast<double>(y);
    }
    return value;
  }
};

const bool registered = add_all<all_problems, boost_forward>("Boost autodiff");

}  // namespace
}  // namespace peers
