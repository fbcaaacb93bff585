// Piecewise functions without `if`: tapeless::select evaluates and differentiates the taken
// branch only, so a NaN or an infinite derivative in the other branch never reaches the
// gradient. The first lines of main are docs/functions.md's code block (tools/check_docs.py).
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <cmath>
#include <cstdio>

int main() {
  constexpr tapeless::var<"x"> x;
  const auto safe_sqrt = tapeless::select(x > 0, sqrt(x), 0.0);   // also: tapeless::where
  tapeless::grad(safe_sqrt, tapeless::at(x = 0.0))[x];            // 0, not NaN
  tapeless::grad(safe_sqrt, tapeless::at(x = -1.0))[x];           // 0, not NaN

  bool ok = tapeless::grad(safe_sqrt, tapeless::at(x = 0.0))[x] == 0.0 &&
            tapeless::grad(safe_sqrt, tapeless::at(x = -1.0))[x] == 0.0 &&
            tapeless::grad(safe_sqrt, tapeless::at(x = 4.0))[x] == 0.25;  // 1/(2·√4)

  // A three-piece function (the Huber loss with δ = 1) and clamp, against finite differences.
  const auto huber = tapeless::select(abs(x) <= 1, 0.5 * x * x, abs(x) - 0.5);
  const auto clamped = tapeless::clamp(x * x, 0.5, 2.0);
  const auto huber_d = [](double v) { return std::fabs(v) <= 1 ? v : (v > 0 ? 1.0 : -1.0); };
  const auto clamped_d = [](double v) { return v * v < 0.5 || v * v > 2.0 ? 0.0 : 2 * v; };
  for (double v = -3.1; v < 3.2; v += 0.3) {
    const double dh = tapeless::grad(huber, tapeless::at(x = v))[x];
    const double dc = tapeless::grad(clamped, tapeless::at(x = v))[x];
    std::printf("x = %5.2f  huber' = %6.3f  clamp(x^2, 0.5, 2)' = %6.3f\n", v, dh, dc);
    ok = ok && dh == huber_d(v) && dc == clamped_d(v);
  }
  return ok ? 0 : 1;
}
