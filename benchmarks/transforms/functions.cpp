// Second-order and vector-valued transforms as noinline functions, tapeless next to
// hand-written, for callgrind.py: the Jacobian of a 3-output function, the full Hessian of the
// extended Rosenbrock function of 10 variables, and a Hessian-vector product of the loss of a
// dense 8×8 tanh layer with respect to its 72 parameters.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <span>
#include <utility>

#define TAPELESS_BENCH extern "C" [[gnu::noinline]]

namespace {
constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"z"> z;

template <std::size_t I>
constexpr tapeless::var<tapeless::detail::positional_name<I>()> X{};
template <std::size_t... I>
constexpr auto rosenbrock(std::index_sequence<I...>) {
  // the constants as compile-time literals (c<1>, c<100>), as the hand-written code has them
  return ((tapeless::square(tapeless::c<1> - X<I>) +
           tapeless::c<100> * tapeless::square(X<I + 1> - tapeless::square(X<I>))) + ...);
}
template <std::size_t... I>
constexpr auto rosenbrock_point(const double* in, std::index_sequence<I...>) {
  return tapeless::at((X<I> = in[I])...);
}

constexpr std::size_t n = 8;
constexpr tapeless::mat<"W", n, n> W;
constexpr tapeless::vec<"b", n> b;
constexpr tapeless::vec<"xs", n> xs;  // the layer's input (data)
constexpr tapeless::vec<"t", n> t;    // the targets (data)
}  // namespace

// --- Jacobian of f(x, y, z) = (x y + sin z, eˣ y, z²): out[3k + j] = ∂f_k/∂(x, y, z)_j --------

TAPELESS_BENCH void jacobian3_tapeless(const double* in, double* out) {
  // the Jacobian alone (jacrev), as the hand-written function computes it: no sin(z)
  const auto J = tapeless::jacrev(tapeless::outputs(x * y + sin(z), exp(x) * y, z * z),
                                  tapeless::at(x = in[0], y = in[1], z = in[2]));
  for (std::size_t k = 0; k < 3; ++k) {
    out[3 * k] = J[k][x];
    out[3 * k + 1] = J[k][y];
    out[3 * k + 2] = J[k][z];
  }
}
TAPELESS_BENCH void jacobian3_hand(const double* in, double* out) {
  const double e = std::exp(in[0]);
  out[0] = in[1];
  out[1] = in[0];
  out[2] = std::cos(in[2]);
  out[3] = e * in[1];
  out[4] = e;
  out[5] = 0;
  out[6] = 0;
  out[7] = 0;
  out[8] = 2 * in[2];
}

// The same with the outputs' values, out[9 + k]: tapeless::jacobian returns them (J.value).
TAPELESS_BENCH void jacobian3_values_tapeless(const double* in, double* out) {
  const auto J = tapeless::jacobian(tapeless::outputs(x * y + sin(z), exp(x) * y, z * z),
                                    tapeless::at(x = in[0], y = in[1], z = in[2]));
  for (std::size_t k = 0; k < 3; ++k) {
    out[3 * k] = J[k][x];
    out[3 * k + 1] = J[k][y];
    out[3 * k + 2] = J[k][z];
    out[9 + k] = J.value[k];
  }
}
TAPELESS_BENCH void jacobian3_values_hand(const double* in, double* out) {
  const double e = std::exp(in[0]);
  out[0] = in[1];
  out[1] = in[0];
  out[2] = std::cos(in[2]);
  out[3] = e * in[1];
  out[4] = e;
  out[5] = 0;
  out[6] = 0;
  out[7] = 0;
  out[8] = 2 * in[2];
  out[9] = in[0] * in[1] + std::sin(in[2]);
  out[10] = e * in[1];
  out[11] = in[2] * in[2];
}

// --- Hessian of the extended Rosenbrock function, n = 10: out[10 i + j] ----------------------

TAPELESS_BENCH void hessian_rosenbrock10_tapeless(const double* in, double* out) {
  constexpr auto f = rosenbrock(std::make_index_sequence<9>{});
  const auto h = tapeless::hessian(f, rosenbrock_point(in, std::make_index_sequence<10>{}));
  // the stored lower triangle into both halves of a dense 10×10 array
  const auto H = h.dense();
  for (std::size_t i = 0; i < 10; ++i)
    for (std::size_t j = 0; j < 10; ++j) out[10 * i + j] = H[i][j];
}
TAPELESS_BENCH void hessian_rosenbrock10_hand(const double* in, double* out) {
  for (std::size_t k = 0; k < 100; ++k) out[k] = 0;
  for (std::size_t i = 0; i + 1 < 10; ++i) {
    // (1 − xᵢ)² + 100 (xᵢ₊₁ − xᵢ²)²
    out[11 * i] += 2 + 1200 * in[i] * in[i] - 400 * in[i + 1];
    out[11 * (i + 1)] += 200;
    out[10 * i + i + 1] += -400 * in[i];
    out[10 * (i + 1) + i] += -400 * in[i];
  }
}

// --- H·v of the dense-layer loss Σᵢ (tanh(W x + b)ᵢ − tᵢ)² over (W, b), v = (V, c) -------------
// in: W (64), b (8), x (8), t (8), V (64), c (8); out: (H v) for W (64) then b (8)
// The input x and the targets t are data: under stop_gradient, no derivative is computed for
// them, as in the hand-written code.

TAPELESS_BENCH void hvp_dense_tapeless(const double* in, double* out) {
  const auto loss = tapeless::sum(
      tapeless::square(tanh(tapeless::matmul(W, tapeless::stop_gradient(xs)) + b) - tapeless::stop_gradient(t)));
  const auto hv = tapeless::hvp(
      loss,
      tapeless::at(W = std::span<const double, n * n>(in, n * n), b = std::span<const double, n>(in + 64, n),
                   xs = std::span<const double, n>(in + 72, n), t = std::span<const double, n>(in + 80, n)),
      tapeless::at(W = std::span<const double, n * n>(in + 88, n * n),
                   b = std::span<const double, n>(in + 152, n)));
  const auto hw = hv.span(W);  // in place: hv[W] would copy the 64 entries into a std::array
  const auto hb = hv.span(b);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) out[n * i + j] = hw[n * i + j];
    out[64 + i] = hb[i];
  }
}
namespace {
inline void hvp_dense_by_hand(const double* in, double* out) {
  const double* w = in;
  const double* bv = in + 64;
  const double* xv = in + 72;
  const double* tv = in + 80;
  const double* V = in + 88;
  const double* c = in + 152;
  for (std::size_t i = 0; i < n; ++i) {
    double zi = bv[i], zdot = c[i];
    for (std::size_t j = 0; j < n; ++j) {
      zi += w[n * i + j] * xv[j];
      zdot += V[n * i + j] * xv[j];
    }
    const double h = std::tanh(zi);
    const double s = 1 - h * h;  // tanh'
    const double e = h - tv[i];
    const double hdot = s * zdot;
    // g = 2 e s; ġ = 2 ė s + 2 e ṡ, ė = ḣ, ṡ = −2 h ḣ
    const double gdot = 2 * hdot * s - 4 * e * h * hdot;
    for (std::size_t j = 0; j < n; ++j) out[n * i + j] = gdot * xv[j];
    out[64 + i] = gdot;
  }
}
}  // namespace
TAPELESS_BENCH void hvp_dense_hand(const double* in, double* out) { hvp_dense_by_hand(in, out); }

// The same with x and t as plain variables: the sweep computes their rows of H·v too (the
// mixed second derivatives), which the caller drops. The hand-written side is hvp_dense_hand's
// code in a function of its own (noipa: g++ would otherwise fold the two identical bodies
// into one, and callgrind would count both calls against one name).
TAPELESS_BENCH void hvp_dense_vars_tapeless(const double* in, double* out) {
  const auto loss = tapeless::sum(tapeless::square(tanh(tapeless::matmul(W, xs) + b) - t));
  const auto hv = tapeless::hvp(
      loss,
      tapeless::at(W = std::span<const double, n * n>(in, n * n), b = std::span<const double, n>(in + 64, n),
                   xs = std::span<const double, n>(in + 72, n), t = std::span<const double, n>(in + 80, n)),
      tapeless::at(W = std::span<const double, n * n>(in + 88, n * n),
                   b = std::span<const double, n>(in + 152, n)));
  const auto hw = hv.span(W);  // in place: hv[W] would copy the 64 entries into a std::array
  const auto hb = hv.span(b);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) out[n * i + j] = hw[n * i + j];
    out[64 + i] = hb[i];
  }
}
#if defined(__GNUC__) && !defined(__clang__)
extern "C" [[gnu::noipa]] void hvp_dense_vars_hand(const double* in, double* out) {
#else
TAPELESS_BENCH void hvp_dense_vars_hand(const double* in, double* out) {
#endif
  hvp_dense_by_hand(in, out);
}
