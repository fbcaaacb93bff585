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
TAPELESS_CODEGEN void cubic_adjoint(const double* in, double* out) {
  const double x0 = in[0];
  const double a = x0 * x0;  // forward: a = x², b = a·x, f = b + a (b's value is not read)
  const double fb = 1;       // reverse, from f
  const double bb = fb;
  double ab = fb;
  ab += bb * x0;       // b = a·x
  double xb = bb * a;  //
  xb += ab * x0;       // a = x·x, both operands
  xb += ab * x0;
  out[0] = xb;
}

// --- y = sin(x)/x ----------------------------------------------------------------------------
TAPELESS_CODEGEN void sinc_tapeless(const double* in, double* out) {
  out[0] = tapeless::grad(sin(x) / x, at(x = in[0]))[x];
}
TAPELESS_CODEGEN void sinc_hand(const double* in, double* out) {
  const double v = in[0];
  out[0] = __builtin_cos(v) / v - __builtin_sin(v) / (v * v);
}
TAPELESS_CODEGEN void sinc_adjoint(const double* in, double* out) {
  const double x0 = in[0];
  const double s = __builtin_sin(x0), f = s / x0;
  const double fb = 1;
  const double t = fb / x0;  // f = s / x: s̄ = f̄/x, x̄ = -(f̄/x)·f
  const double sb = t;
  double xb = -(t * f);
  xb += sb * __builtin_cos(x0);  // s = sin x
  out[0] = xb;
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
TAPELESS_CODEGEN void rosenbrock_adjoint(const double* in, double* out) {
  const double a = in[0], b = in[1];
  const double s = 1 - a, p = a * a, t = b - p;  // f = s² + 100·t² (the squares not read)
  const double fb = 1;
  const double s2b = fb, mb = fb;  // f = s² + m
  const double t2b = 100 * mb;     // m = 100·t²
  const double tb = (t2b + t2b) * t;
  const double bb = tb;  // t = b - p
  const double pb = -tb;
  double ab = pb * a;  // p = a·a, both operands
  ab += pb * a;
  const double sb = (s2b + s2b) * s;
  ab -= sb;  // s = 1 - a
  out[0] = ab;
  out[1] = bb;
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
TAPELESS_CODEGEN void sinexp_adjoint(const double* in, double* out) {
  const double a = in[0], b = in[1];
  const double s = __builtin_sin(a), e = __builtin_exp(b), n = s * e;
  const double p = a * a, d = 1 + p, f = n / d;
  const double fb = 1;
  const double q = fb / d;  // f = n / d
  const double nb = q;
  const double db = -(q * f);
  const double pb = db;  // d = 1 + p
  double ab = pb * a;    // p = a·a
  ab += pb * a;
  const double sb = nb * e;  // n = s·e
  const double eb = nb * s;
  const double bb = eb * e;      // e = exp b
  ab += sb * __builtin_cos(a);  // s = sin a
  out[0] = ab;
  out[1] = bb;
}
