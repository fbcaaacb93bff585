// ADOL-C (libadolc-dev), two ways: "ADOL-C" records the tape at every point and runs the
// reverse sweep on it (trace_on with keep = 1, fos_reverse), as code with point-dependent
// control flow must; "ADOL-C replay" records once and then only re-evaluates the tape
// (zos_forward, fos_reverse), its fastest use when the operation sequence never changes.
// SPDX-License-Identifier: BSL-1.0
#include "problems.hpp"
#include "registry.hpp"

#include <adolc/adolc.h>

#include <array>

namespace peers {
namespace {

short next_tag = 1;

template <class P>
double record(short tag, const double* x) {
  double y = 0;
  trace_on(tag, 1);
  std::array<adouble, P::n> a;
  for (std::size_t i = 0; i < P::n; ++i) a[i] <<= x[i];
  adouble f = P::f(numbers<adouble>{a.data()});
  f >>= y;
  trace_off();
  return y;
}

template <class P>
struct retape {
  static double run(const double* x, double* g) {
    static const short tag = next_tag++;
    const double y = record<P>(tag, x);
    double one = 1;
    fos_reverse(tag, 1, static_cast<int>(P::n), &one, g);
    return y;
  }
};

template <class P>
struct replay {
  static double run(const double* x, double* g) {
    static const short tag = [&] {
      const short t = next_tag++;
      record<P>(t, x);
      return t;
    }();
    double y = 0, one = 1;
    zos_forward(tag, 1, static_cast<int>(P::n), 1, x, &y);
    fos_reverse(tag, 1, static_cast<int>(P::n), &one, g);
    return y;
  }
};

const bool registered = add_all<all_problems, retape>("ADOL-C", true) &&
                        add_all<all_problems, replay>("ADOL-C replay", true);

}  // namespace
}  // namespace peers
