// Sacado forward mode (libtrilinos-sacado-dev): SFad and ELRFad::SFad, derivative arrays of
// static length n carried through every operation.
// SPDX-License-Identifier: BSL-1.0
#include "problems.hpp"
#include "registry.hpp"

#include <Sacado_No_Kokkos.hpp>

#include <array>
#include <cmath>

namespace peers {
namespace {

/// Sacado has no erf: d erf(v) = 2/√π e^(-v²) dv on the derivative array.
struct fad_erf {
  template <class F>
  static F erf(const F& z) {
    const double v = z.val(), d = 1.1283791670955126 * std::exp(-v * v);
    F r(z);
    r.val() = std::erf(v);
    for (int i = 0; i < r.size(); ++i) r.fastAccessDx(i) *= d;
    return r;
  }
};

template <template <class, int> class Fad>
struct sacado_forward {
  template <class P>
  struct gradient {
    static double run(const double* x, double* g) {
      constexpr int n = static_cast<int>(P::n);
      using F = Fad<double, n>;
      std::array<F, P::n> a;
      for (int i = 0; i < n; ++i) a[static_cast<std::size_t>(i)] = F(n, i, x[i]);
      const F y = P::f(numbers<F, fad_erf>{a.data()});
      for (int i = 0; i < n; ++i) g[i] = y.dx(i);
      return y.val();
    }
  };
};

const bool registered =
    add_all<all_problems, sacado_forward<Sacado::Fad::SFad>::gradient>("Sacado SFad") &&
    add_all<all_problems, sacado_forward<Sacado::ELRFad::SFad>::gradient>("Sacado ELRFad");

}  // namespace
}  // namespace peers
