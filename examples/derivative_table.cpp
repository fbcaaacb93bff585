// A table of derivative values computed by the compiler: a constexpr std::array filled by
// tapeless::grad in a constexpr lambda, checked by static_assert against the closed form, and
// used at run time as a lookup table with linear interpolation. The binary contains only the
// 33 numbers.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>

constexpr tapeless::var<"x"> x;

// f(x) = x e^(-x²/2), f'(x) = (1 - x²) e^(-x²/2)
constexpr auto f = x * exp(-square(x) / tapeless::c<2>);

constexpr std::size_t n = 33;
constexpr double lo = -4.0, step = 0.25;  // grid lo, lo + step, ..., 4
constexpr double grid(std::size_t i) { return lo + step * static_cast<double>(i); }

constexpr std::array<double, n> table = [] {
  std::array<double, n> t{};
  for (std::size_t i = 0; i < n; ++i) t[i] = tapeless::grad(f, tapeless::at(x = grid(i)))[x];
  return t;
}();

// f'(0) = 1 exactly, f'(±1) = 0 exactly; every entry within 4 ulp of the closed form
static_assert(table[16] == 1.0 && table[12] == 0.0 && table[20] == 0.0);
static_assert([] {
  for (std::size_t i = 0; i < n; ++i) {
    const double v = grid(i), exact = (1 - v * v) * tapeless::exp(-v * v / 2);
    const double error = table[i] - exact, bound = 4 * 2.2e-16 * (exact < 0 ? -exact : exact);
    if (error > bound || error < -bound) return false;
  }
  return true;
}());

double derivative_from_table(double v) {
  const double position = (v - lo) / step;
  const auto i = static_cast<std::size_t>(position);
  const double w = position - static_cast<double>(i);
  return i + 1 < n ? (1 - w) * table[i] + w * table[i + 1] : table[n - 1];
}

int main() {
  // Linear interpolation errs by at most step²/8 · max|f'''|,
  // and |f'''| = |x⁴ - 6x² + 3| e^(-x²/2) ≤ 3.
  const double bound = step * step / 8 * 3;
  bool ok = true;
  for (double v = -3.9; v < 3.9; v += 0.37) {
    const double looked_up = derivative_from_table(v);
    const double exact = tapeless::grad(f, tapeless::at(x = v))[x];
    std::printf("f'(%6.3f) = %9.6f, table: %9.6f\n", v, exact, looked_up);
    ok = ok && std::fabs(looked_up - exact) <= bound &&
         std::fabs(exact - (1 - v * v) * std::exp(-v * v / 2)) <= 1e-15;
  }
  return ok ? 0 : 1;
}
