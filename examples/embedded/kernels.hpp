// The C interface of kernels.cpp: what firmware calls, and what the host check links against.
// SPDX-License-Identifier: BSL-1.0
#pragma once

extern "C" {
// 2-link arm: gradient of ½|p(q) − target|² with respect to the joint angles q (radians).
void ik_cost_grad_tapeless(const float q[2], const float target[2], float grad[2]);
void ik_cost_grad_hand(const float q[2], const float target[2], float grad[2]);
// 2-link arm: Jacobian ∂p/∂q, row-major (∂px/∂q1, ∂px/∂q2, ∂py/∂q1, ∂py/∂q2).
void ik_jacobian_tapeless(const float q[2], float jac[4]);
void ik_jacobian_hand(const float q[2], float jac[4]);
// Tilt: gradient with respect to (roll, pitch) of |g_body(roll, pitch) − accel|².
void tilt_cost_grad_tapeless(const float angles[2], const float accel[3], float grad[2]);
void tilt_cost_grad_hand(const float angles[2], const float accel[3], float grad[2]);
// Magnetometer hard iron: gradient with respect to (bx, by, bz, R) of (|m − b|² − R²)².
void mag_residual_grad_tapeless(const float params[4], const float m[3], float grad[4]);
void mag_residual_grad_hand(const float params[4], const float m[3], float grad[4]);
// ik_jacobian at q = (π/4, π/2), computed at compile time.
extern const float ik_home_jacobian[4];
}
