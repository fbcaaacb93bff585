// Gradients a Cortex-M4 firmware needs, each written twice: with tapeless and by hand. The two
// versions are noinline extern "C" functions in their own sections (-ffunction-sections), so
// tests/embedded/check.py can compare their code sizes in the cross-compiled object, and
// tests/embedded/host_check.cpp can check both against finite differences on the host.
// Everything is float: the points are bound to floats, so tapeless computes in float.
// SPDX-License-Identifier: BSL-1.0
#include "kernels.hpp"

#include <tapeless/tapeless.hpp>

namespace {

// ---- 2-link planar arm: inverse-kinematics cost ½|p(q) − target|² --------------------------
// Link lengths known at compile time, as in firmware for one arm.
constexpr float link1 = 0.30f;
constexpr float link2 = 0.25f;

constexpr tapeless::var<"q1"> q1;
constexpr tapeless::var<"q2"> q2;

// The end effector, shared by the cost and the Jacobian. c<> keeps the lengths in the type, so
// the subexpressions stay shareable (a plain number would be a run-time constant).
constexpr auto elbow = q1 + q2;
constexpr auto px = tapeless::c<link1> * cos(q1) + tapeless::c<link2> * cos(elbow);
constexpr auto py = tapeless::c<link1> * sin(q1) + tapeless::c<link2> * sin(elbow);

// ---- tilt from an accelerometer: roll φ and pitch θ against the measured gravity direction --
// g_body(φ, θ) = (−sin θ, sin φ cos θ, cos φ cos θ); cost Σ (g_i − a_i)², a the unit reading.
constexpr tapeless::var<"roll"> roll;
constexpr tapeless::var<"pitch"> pitch;

// ---- magnetometer hard-iron calibration: one sample's residual ((m − b)² − R²)² -------------
constexpr tapeless::var<"bx"> bx;
constexpr tapeless::var<"by"> by;
constexpr tapeless::var<"bz"> bz;
constexpr tapeless::var<"r"> radius;

}  // namespace

extern "C" {

[[gnu::noinline]] void ik_cost_grad_tapeless(const float q[2], const float target[2],
                                             float grad[2]) {
  const auto cost = tapeless::c<0.5f> * (square(px - target[0]) + square(py - target[1]));
  const auto g = tapeless::grad(cost, tapeless::at(q1 = q[0], q2 = q[1]));
  grad[0] = g[q1];
  grad[1] = g[q2];
}

[[gnu::noinline]] void ik_cost_grad_hand(const float q[2], const float target[2], float grad[2]) {
  const float s1 = __builtin_sinf(q[0]), c1 = __builtin_cosf(q[0]);
  const float s12 = __builtin_sinf(q[0] + q[1]), c12 = __builtin_cosf(q[0] + q[1]);
  const float ex = link1 * c1 + link2 * c12 - target[0];
  const float ey = link1 * s1 + link2 * s12 - target[1];
  // ∂/∂q2 = ex·(−l2 s12) + ey·(l2 c12); ∂/∂q1 adds the first link's terms.
  const float g2 = link2 * (ey * c12 - ex * s12);
  grad[0] = link1 * (ey * c1 - ex * s1) + g2;
  grad[1] = g2;
}

[[gnu::noinline]] void ik_jacobian_tapeless(const float q[2], float jac[4]) {
  const auto at = tapeless::at(q1 = q[0], q2 = q[1]);
  const auto gx = tapeless::grad(px, at);
  const auto gy = tapeless::grad(py, at);
  jac[0] = gx[q1];
  jac[1] = gx[q2];
  jac[2] = gy[q1];
  jac[3] = gy[q2];
}

[[gnu::noinline]] void ik_jacobian_hand(const float q[2], float jac[4]) {
  const float s1 = __builtin_sinf(q[0]), c1 = __builtin_cosf(q[0]);
  const float s12 = __builtin_sinf(q[0] + q[1]), c12 = __builtin_cosf(q[0] + q[1]);
  jac[1] = -link2 * s12;
  jac[0] = -link1 * s1 + jac[1];
  jac[3] = link2 * c12;
  jac[2] = link1 * c1 + jac[3];
}

[[gnu::noinline]] void tilt_cost_grad_tapeless(const float angles[2], const float accel[3],
                                               float grad[2]) {
  const auto cos_pitch = cos(pitch);
  const auto cost = square(-sin(pitch) - accel[0]) + square(sin(roll) * cos_pitch - accel[1]) +
                    square(cos(roll) * cos_pitch - accel[2]);
  const auto g = tapeless::grad(cost, tapeless::at(roll = angles[0], pitch = angles[1]));
  grad[0] = g[roll];
  grad[1] = g[pitch];
}

[[gnu::noinline]] void tilt_cost_grad_hand(const float angles[2], const float accel[3],
                                           float grad[2]) {
  const float sr = __builtin_sinf(angles[0]), cr = __builtin_cosf(angles[0]);
  const float sp = __builtin_sinf(angles[1]), cp = __builtin_cosf(angles[1]);
  const float e0 = -sp - accel[0];
  const float e1 = sr * cp - accel[1];
  const float e2 = cr * cp - accel[2];
  grad[0] = 2.0f * cp * (e1 * cr - e2 * sr);
  grad[1] = 2.0f * (-e0 * cp - sp * (e1 * sr + e2 * cr));
}

[[gnu::noinline]] void mag_residual_grad_tapeless(const float params[4], const float m[3],
                                                  float grad[4]) {
  const auto residual =
      square(square(m[0] - bx) + square(m[1] - by) + square(m[2] - bz) - square(radius));
  const auto g = tapeless::grad(
      residual, tapeless::at(bx = params[0], by = params[1], bz = params[2], radius = params[3]));
  grad[0] = g[bx];
  grad[1] = g[by];
  grad[2] = g[bz];
  grad[3] = g[radius];
}

[[gnu::noinline]] void mag_residual_grad_hand(const float params[4], const float m[3],
                                              float grad[4]) {
  const float dx = m[0] - params[0], dy = m[1] - params[1], dz = m[2] - params[2];
  const float r = params[3];
  const float e4 = 4.0f * (dx * dx + dy * dy + dz * dz - r * r);  // 2·2e: chain of the squares
  grad[0] = -e4 * dx;
  grad[1] = -e4 * dy;
  grad[2] = -e4 * dz;
  grad[3] = -e4 * r;
}

}  // extern "C"

// A gradient computed by the compiler: the Jacobian at the arm's home pose (q1 = q2 = 0 would
// be singular; this is 45° / 90°) for a linearised controller, stored in flash as 4 floats with
// no code at all.
namespace {
constexpr auto home = tapeless::at(q1 = 0.78539816f, q2 = 1.57079633f);
constexpr auto home_gx = tapeless::grad(px, home);
constexpr auto home_gy = tapeless::grad(py, home);
}  // namespace
extern "C" const float ik_home_jacobian[4] = {home_gx[q1], home_gx[q2], home_gy[q1], home_gy[q2]};
