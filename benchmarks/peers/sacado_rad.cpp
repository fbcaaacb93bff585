// Sacado reverse mode (Rad, Sacado_trad.hpp): operations recorded at run time into Rad's
// memory pool, then ADvar::Gradcomp() sweeps them backwards.
// SPDX-License-Identifier: BSL-1.0
#include "problems.hpp"
#include "registry.hpp"

#include <Sacado_trad.hpp>

#include <array>
#include <cmath>

namespace peers {
namespace {

using rad = Sacado::Rad::ADvar<double>;

/// Rad has no erf: ADf1 records a unary operation from its value and derivative.
struct rad_erf {
  static rad erf(const rad& z) {
    const double v = z.val();
    return rad(Sacado::Rad::ADf1(std::erf(v), 1.1283791670955126 * std::exp(-v * v), z));
  }
};

template <class P>
struct reverse {
  static double run(const double* x, double* g) {
    std::array<rad, P::n> a;
    for (std::size_t i = 0; i < P::n; ++i) a[i] = x[i];
    const rad y = P::f(numbers<rad, rad_erf>{a.data()});
    rad::Gradcomp();
    for (std::size_t i = 0; i < P::n; ++i) g[i] = a[i].adj();
    return y.val();
  }
};

const bool registered = add_all<all_problems, reverse>("Sacado Rad", true);

}  // namespace
}  // namespace peers
