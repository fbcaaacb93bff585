// Third TU of the ODR test: checks both TUs' gradients against closed forms on a grid of
// points, and the shared one of each TU against the other (see shared.hpp).
// SPDX-License-Identifier: BSL-1.0
#include "shared.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace {

int failures = 0;
int checks = 0;

/// `got` agrees with a closed form whose terms have absolute values summing to `scale`:
/// a few roundings per term, so a relative error bound on the scale (no cancellation issue).
void check(const char* what, double xv, double yv, double got, double want, double scale) {
  ++checks;
  const double tol = 64 * std::numeric_limits<double>::epsilon() * scale;
  if (!(std::fabs(got - want) <= tol)) {
    ++failures;
    std::printf("FAIL %s at x = %.17g, y = %.17g: got %.17g, want %.17g (tolerance %.3g)\n", what,
                xv, yv, got, want, tol);
  }
}

void check_shared(const char* tu, const odr::result& r, double xv, double yv) {
  const double s = std::sin(yv), c = std::cos(yv), e = std::exp(xv / yv);
  check(tu, xv, yv, r.value, xv * yv + s * xv * xv + e,
        std::fabs(xv * yv) + std::fabs(s * xv * xv) + e);
  check(tu, xv, yv, r.dx, yv + 2 * xv * s + e / yv,
        std::fabs(yv) + std::fabs(2 * xv * s) + e / std::fabs(yv));
  check(tu, xv, yv, r.dy, xv + xv * xv * c - xv * e / (yv * yv),
        std::fabs(xv) + std::fabs(xv * xv * c) + std::fabs(xv * e / (yv * yv)));
}

}  // namespace

int main() {
  // Both TUs count the same unique nodes: x, y, x·y, sin(y), sin(y)·x, ·x, x/y, exp, two sums.
  ++checks;
  if (odr::a_node_count() != odr::b_node_count()) {
    ++failures;
    std::printf("FAIL node_count(shared_f): %zu in a.cpp, %zu in b.cpp\n", odr::a_node_count(),
                odr::b_node_count());
  }

  for (int i = 0; i < 24; ++i) {
    for (int j = 0; j < 24; ++j) {
      const double xv = -1.5 + 0.137 * i;  // crosses 0; x/y keeps exp moderate
      const double yv = 0.25 + 0.0913 * j;
      const odr::result a = odr::a_shared(xv, yv), b = odr::b_shared(xv, yv);
      check_shared("a.cpp shared_f", a, xv, yv);
      check_shared("b.cpp shared_f", b, xv, yv);
      check("a.cpp vs b.cpp value", xv, yv, a.value, b.value, std::fabs(b.value));
      check("a.cpp vs b.cpp d/dx", xv, yv, a.dx, b.dx, std::fabs(b.dx));
      check("a.cpp vs b.cpp d/dy", xv, yv, a.dy, b.dy, std::fabs(b.dy));

      // g = log(x² + y²)·sqrt(y)
      const double q = xv * xv + yv * yv, l = std::log(q), r = std::sqrt(yv);
      const odr::result g = odr::a_only(xv, yv);
      check("a.cpp g", xv, yv, g.value, l * r, std::fabs(l * r));
      check("a.cpp dg/dx", xv, yv, g.dx, 2 * xv / q * r, std::fabs(2 * xv / q * r));
      check("a.cpp dg/dy", xv, yv, g.dy, 2 * yv / q * r + l / (2 * r),
            std::fabs(2 * yv / q * r) + std::fabs(l / (2 * r)));

      // h = pow(x, y) + x / (1 + y²), for x > 0
      const double xp = 0.1 + 0.09 * i;
      const double p = std::pow(xp, yv), d = 1 + yv * yv;
      const odr::result h = odr::b_only(xp, yv);
      check("b.cpp h", xp, yv, h.value, p + xp / d, p + xp / d);
      check("b.cpp dh/dx", xp, yv, h.dx, yv * std::pow(xp, yv - 1) + 1 / d,
            yv * std::pow(xp, yv - 1) + 1 / d);
      check("b.cpp dh/dy", xp, yv, h.dy, p * std::log(xp) - 2 * xp * yv / (d * d),
            std::fabs(p * std::log(xp)) + 2 * xp * yv / (d * d));

      // k(a, b) = a²b + b: gradient [2ab, a² + 1]
      const auto ka = odr::a_functional(xv, yv), kb = odr::b_functional(xv, yv);
      check("a.cpp dk/da", xv, yv, ka[0], 2 * xv * yv, std::fabs(2 * xv * yv));
      check("a.cpp dk/db", xv, yv, ka[1], xv * xv + 1, xv * xv + 1);
      check("b.cpp dk/da", xv, yv, kb[0], 2 * xv * yv, std::fabs(2 * xv * yv));
      check("b.cpp dk/db", xv, yv, kb[1], xv * xv + 1, xv * xv + 1);
    }
  }
  std::printf("odr: %d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
