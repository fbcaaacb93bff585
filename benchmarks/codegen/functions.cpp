// Gradients compiled as separate noinline functions, tapeless next to hand-written, for
// instruction counting (count.py) and for reading side by side, as on Compiler Explorer.
// Each pair computes the same values; callgrind.cpp checks that they agree.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#define TAPELESS_CODEGEN extern "C" __attribute__((noinline))

namespace {
constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
using tapeless::at;
using tapeless::c;
}  // namespace

// Unique nodes of the graphs below (compiling this file checks them).
static_assert(tapeless::node_count(x * x * x + x * x) == 4);  // x, x², x²·x, +
static_assert(tapeless::node_count(sin(x) / x) == 3);
static_assert(tapeless::node_count(tapeless::square(c<1> - x) + c<100> * tapeless::square(y - x * x)) ==
              11);

// --- y = x³ + x² ---------------------------------------------------------------------------
TAPELESS_CODEGEN void cubic_tapeless(const double* in, double* out) {
  out[0] = tapeless::grad(x * x * x + x * x, at(x = in[0]))[x];
}
TAPELESS_CODEGEN void cubic_hand(const double* in, double* out) {
  const double v = in[0];
  out[0] = 3 * v * v + 2 * v;
}

// --- y = sin(x)/x ----------------------------------------------------------------------------
TAPELESS_CODEGEN void sinc_tapeless(const double* in, double* out) {
  out[0] = tapeless::grad(sin(x) / x, at(x = in[0]))[x];
}
TAPELESS_CODEGEN void sinc_hand(const double* in, double* out) {
  const double v = in[0];
  out[0] = __builtin_cos(v) / v - __builtin_sin(v) / (v * v);
}

// --- 2-D Rosenbrock (1-x)² + 100(y-x²)², constants known at compile time --------------------
TAPELESS_CODEGEN void rosenbrock_tapeless(const double* in, double* out) {
  const auto f = tapeless::square(c<1> - x) + c<100> * tapeless::square(y - x * x);
  const auto g = tapeless::grad(f, at(x = in[0], y = in[1]));
  out[0] = g[x];
  out[1] = g[y];
}
TAPELESS_CODEGEN void rosenbrock_hand(const double* in, double* out) {
  const double a = in[0], b = in[1];
  const double t = b - a * a;
  out[0] = -2 * (1 - a) - 400 * a * t;
  out[1] = 200 * t;
}

// --- the same Rosenbrock written with plain numbers (run-time constants) ----------------------
TAPELESS_CODEGEN void rosenbrock_rt_tapeless(const double* in, double* out) {
  const auto f = tapeless::square(1.0 - x) + 100.0 * tapeless::square(y - x * x);
  const auto g = tapeless::grad(f, at(x = in[0], y = in[1]));
  out[0] = g[x];
  out[1] = g[y];
}

// --- sin(x) exp(y) / (1 + x²) -------------------------------------------------------------------
TAPELESS_CODEGEN void sinexp_tapeless(const double* in, double* out) {
  const auto g = tapeless::grad(sin(x) * exp(y) / (1.0 + x * x), at(x = in[0], y = in[1]));
  out[0] = g[x];
  out[1] = g[y];
}
TAPELESS_CODEGEN void sinexp_hand(const double* in, double* out) {
  const double a = in[0], b = in[1];
  const double s = __builtin_sin(a), co = __builtin_cos(a), e = __builtin_exp(b);
  const double q = 1 / (1 + a * a);
  const double f = s * e * q;
  out[0] = co * e * q - 2 * a * f * q;
  out[1] = f;
}
