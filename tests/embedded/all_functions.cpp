// Instantiates the gradient of every function, reduction and the map-reduce loop in float, as
// noinline extern "C" functions, so that tests/embedded/check.py can look through the
// Cortex-M4 object for double-precision helpers (__aeabi_d*) and double libm calls (sin instead
// of sinf): a header that promotes float math to double would show up here.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/map_reduce.hpp>
#include <tapeless/tapeless.hpp>

#include <array>
#include <cstddef>
#include <span>

namespace {
constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"z"> z;
constexpr tapeless::vec<"v", 3> v;
constexpr tapeless::var<"t"> t;
constexpr tapeless::var<"a"> a;
constexpr tapeless::var<"b"> b;
}  // namespace

// One function per expression: f(x, y, z) at a float point, the three partials written out.
#define TAPELESS_EMBEDDED_GRAD(name, expr)                                                \
  extern "C" [[gnu::noinline]] void grad_##name(const float* p, float* g) {              \
    const auto r = tapeless::value_and_grad(expr, tapeless::at(x = p[0], y = p[1], z = p[2])); \
    g[0] = r.value;                                                                       \
    g[1] = r.grad[x];                                                                     \
    g[2] = r.grad[y];                                                                     \
    g[3] = r.grad[z];                                                                     \
  }

TAPELESS_EMBEDDED_GRAD(arithmetic, (x + y) * (x - z) / (y * z) - x + 2.5 * y + tapeless::c<3> * z)
TAPELESS_EMBEDDED_GRAD(abs, abs(x) + fabs(y))
TAPELESS_EMBEDDED_GRAD(sqrt, sqrt(x) + cbrt(y))
TAPELESS_EMBEDDED_GRAD(exp, exp(x) + exp2(y) + expm1(z))
TAPELESS_EMBEDDED_GRAD(log, log(x) + log2(y) + log10(z) + log1p(x))
TAPELESS_EMBEDDED_GRAD(trig, sin(x) + cos(y) + tan(z))
TAPELESS_EMBEDDED_GRAD(inverse_trig, asin(x) + acos(y) + atan(z) + atan2(x, y))
TAPELESS_EMBEDDED_GRAD(hyperbolic, sinh(x) + cosh(y) + tanh(z))
TAPELESS_EMBEDDED_GRAD(inverse_hyperbolic, asinh(x) + acosh(y) + atanh(z))
TAPELESS_EMBEDDED_GRAD(hypot2, hypot(x, y))
TAPELESS_EMBEDDED_GRAD(hypot3, hypot(x, y, z))
TAPELESS_EMBEDDED_GRAD(erf, erf(x) + erfc(y))
TAPELESS_EMBEDDED_GRAD(gamma, tgamma(z) + lgamma(x) + digamma(y))
TAPELESS_EMBEDDED_GRAD(minmax, fmin(x, y) + fmax(y, z) + min(x, z) + max(x, y) + copysign(x, z))
TAPELESS_EMBEDDED_GRAD(fma, fma(x, y, z))
TAPELESS_EMBEDDED_GRAD(pow, pow(x, y) + tapeless::pow<3>(z) + tapeless::pow<-2>(x) + pow(x, 1.5) + pow(2.0, y))
TAPELESS_EMBEDDED_GRAD(square, tapeless::square(x) + tapeless::cube(y))
TAPELESS_EMBEDDED_GRAD(activation, tapeless::sigmoid(x) + tapeless::softplus(y) + tapeless::relu(z) +
                                       tapeless::log_sum_exp(x, y, z))
TAPELESS_EMBEDDED_GRAD(select, tapeless::select(x > 0 && !(y < z), x * y, sqrt(z)) + tapeless::clamp(x, -1.0, 1.0))
TAPELESS_EMBEDDED_GRAD(let, tapeless::let<"u">(x * y) * tapeless::let<"u">(x * y) + z)

#undef TAPELESS_EMBEDDED_GRAD

// Vectors: every reduction, bound to a float array.
extern "C" [[gnu::noinline]] void grad_vector(const float* p, float* g) {
  const std::array<float, 3> values{p[0], p[1], p[2]};
  const auto f = tapeless::sum(v * x) + tapeless::dot(v, v) + tapeless::norm(v) +
                 tapeless::squared_norm(v) + tapeless::prod(v) + tapeless::max(v) +
                 tapeless::min(v) + tapeless::element<1>(v);
  const auto r = tapeless::value_and_grad(f, tapeless::at(v = values, x = p[3]));
  g[0] = r.value;
  for (std::size_t i = 0; i < 3; ++i) g[1 + i] = r.grad[v][i];
  g[4] = r.grad[x];
}

// The functional form: a generic lambda differentiated in float.
extern "C" [[gnu::noinline]] void grad_functional(const float* p, float* g) {
  const auto r = tapeless::grad([](auto u, auto w) { return u * u * w + sin(w); })(p[0], p[1]);
  g[0] = r[0];
  g[1] = r[1];
}

// sum_over: least squares over float spans, sequential and with `parallel` (OpenMP is off
// here, so it runs the same chunks one after the other), with the data adjoints.
extern "C" [[gnu::noinline]] void grad_sum_over(const float* ts, const float* ys, std::size_t n,
                                                const float* p, float* g, float* dt) {
  const std::span<const float> ts_span(ts, n), ys_span(ys, n);
  const auto loss = tapeless::square(a * t + b - y);
  const auto r = tapeless::sum_over(loss, tapeless::data(t = ts_span, y = ys_span),
                                    tapeless::at(a = p[0], b = p[1]),
                                    tapeless::adjoints(t = std::span<float>(dt, n)));
  const auto m = tapeless::mean_over(loss, tapeless::data(t = ts_span, y = ys_span),
                                     tapeless::at(a = p[0], b = p[1]), tapeless::parallel);
  g[0] = r.value;
  g[1] = r.grad[a];
  g[2] = r.grad[b];
  g[3] = m.grad[a];
}
