// The embedded example's gradients on the host: the tapeless and the hand-written version of
// each kernel of examples/embedded/kernels.cpp against 4th-order central differences of the
// same function in long double, at many points, and against each other. The code-size table of
// docs/embedded.md compares the two versions, so both must compute the same gradient.
// SPDX-License-Identifier: BSL-1.0
#include "../../examples/embedded/kernels.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <functional>

namespace {

using ld = long double;
constexpr ld link1 = 0.30L, link2 = 0.25L;  // as in kernels.cpp (floats 0.30f, 0.25f there)

int failures = 0;
int checks = 0;

// ∂f/∂x_i by the 4th-order central difference: error O(h⁴) ~ 1e-16 for these smooth functions.
template <std::size_t N>
ld partial(const std::function<ld(const std::array<ld, N>&)>& f, std::array<ld, N> x, std::size_t i) {
  const ld h = 1e-4L;
  auto at = [&](ld d) {
    auto y = x;
    y[i] += d;
    return f(y);
  };
  return (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
}

// float results have ~1e-7 relative error per operation; the terms here are O(1) to O(100).
void expect_close(const char* what, int point, std::size_t i, float got, ld want, ld scale) {
  ++checks;
  const ld tolerance = 1e-5L * scale;
  if (!(std::fabs(static_cast<ld>(got) - want) <= tolerance)) {
    ++failures;
    std::printf("FAIL %s, point %d, component %zu: %.9g, expected %.12Lg (tolerance %.3Lg)\n",
                what, point, i, static_cast<double>(got), want, tolerance);
  }
}

// Deterministic points in [lo, hi).
float sample(int k, int salt, float lo, float hi) {
  const unsigned u = (static_cast<unsigned>(k) * 2654435761u) ^ (static_cast<unsigned>(salt) * 40503u);
  return lo + (hi - lo) * static_cast<float>(u % 10007u) / 10007.0f;
}

}  // namespace

int main() {
  constexpr int points = 500;
  for (int k = 0; k < points; ++k) {
    // inverse kinematics: joint angles anywhere, targets within reach
    const float q[2] = {sample(k, 1, -3.1f, 3.1f), sample(k, 2, -3.1f, 3.1f)};
    const float target[2] = {sample(k, 3, -0.5f, 0.5f), sample(k, 4, -0.5f, 0.5f)};
    const std::function<ld(const std::array<ld, 2>&)> ik_cost = [&](const std::array<ld, 2>& a) {
      const ld ex = link1 * std::cos(a[0]) + link2 * std::cos(a[0] + a[1]) - target[0];
      const ld ey = link1 * std::sin(a[0]) + link2 * std::sin(a[0] + a[1]) - target[1];
      return (ex * ex + ey * ey) / 2;
    };
    float gt[2], gh[2];
    ik_cost_grad_tapeless(q, target, gt);
    ik_cost_grad_hand(q, target, gh);
    for (std::size_t i = 0; i < 2; ++i) {
      const ld want = partial<2>(ik_cost, {q[0], q[1]}, i);
      expect_close("ik_cost_grad_tapeless", k, i, gt[i], want, 1);
      expect_close("ik_cost_grad_hand", k, i, gh[i], want, 1);
    }

    float jt[4], jh[4];
    ik_jacobian_tapeless(q, jt);
    ik_jacobian_hand(q, jh);
    for (std::size_t row = 0; row < 2; ++row) {
      const std::function<ld(const std::array<ld, 2>&)> p = [row](const std::array<ld, 2>& a) {
        return row == 0 ? link1 * std::cos(a[0]) + link2 * std::cos(a[0] + a[1])
                        : link1 * std::sin(a[0]) + link2 * std::sin(a[0] + a[1]);
      };
      for (std::size_t i = 0; i < 2; ++i) {
        const ld want = partial<2>(p, {q[0], q[1]}, i);
        expect_close("ik_jacobian_tapeless", k, 2 * row + i, jt[2 * row + i], want, 1);
        expect_close("ik_jacobian_hand", k, 2 * row + i, jh[2 * row + i], want, 1);
      }
    }

    // tilt: angles anywhere, a unit accelerometer reading
    const float angles[2] = {sample(k, 5, -3.1f, 3.1f), sample(k, 6, -1.5f, 1.5f)};
    float accel[3] = {sample(k, 7, -1, 1), sample(k, 8, -1, 1), sample(k, 9, -1, 1)};
    const float norm = std::sqrt(accel[0] * accel[0] + accel[1] * accel[1] + accel[2] * accel[2]);
    for (float& a : accel) a /= norm;
    const std::function<ld(const std::array<ld, 2>&)> tilt = [&](const std::array<ld, 2>& a) {
      const ld e0 = -std::sin(a[1]) - accel[0];
      const ld e1 = std::sin(a[0]) * std::cos(a[1]) - accel[1];
      const ld e2 = std::cos(a[0]) * std::cos(a[1]) - accel[2];
      return e0 * e0 + e1 * e1 + e2 * e2;
    };
    tilt_cost_grad_tapeless(angles, accel, gt);
    tilt_cost_grad_hand(angles, accel, gh);
    for (std::size_t i = 0; i < 2; ++i) {
      const ld want = partial<2>(tilt, {angles[0], angles[1]}, i);
      expect_close("tilt_cost_grad_tapeless", k, i, gt[i], want, 4);
      expect_close("tilt_cost_grad_hand", k, i, gh[i], want, 4);
    }

    // magnetometer: field in µT, hard-iron offsets and radius of the same order
    const float params[4] = {sample(k, 10, -20, 20), sample(k, 11, -20, 20),
                             sample(k, 12, -20, 20), sample(k, 13, 25, 65)};
    const float m[3] = {sample(k, 14, -60, 60), sample(k, 15, -60, 60), sample(k, 16, -60, 60)};
    const std::function<ld(const std::array<ld, 4>&)> mag = [&](const std::array<ld, 4>& b) {
      const ld dx = m[0] - b[0], dy = m[1] - b[1], dz = m[2] - b[2];
      const ld e = dx * dx + dy * dy + dz * dz - b[3] * b[3];
      return e * e;
    };
    float mt[4], mh[4];
    mag_residual_grad_tapeless(params, m, mt);
    mag_residual_grad_hand(params, m, mh);
    for (std::size_t i = 0; i < 4; ++i) {
      const ld want = partial<4>(mag, {params[0], params[1], params[2], params[3]}, i);
      // 4 e d: e ~ 1e4 µT², d ~ 1e2 µT; float rounds e (a sum of squares) to ~1e-3 absolute
      expect_close("mag_residual_grad_tapeless", k, i, mt[i], want, 4e4L * 1e2L);
      expect_close("mag_residual_grad_hand", k, i, mh[i], want, 4e4L * 1e2L);
    }
  }

  // The Jacobian computed at compile time agrees with the run-time one at the same point.
  const float home[2] = {0.78539816f, 1.57079633f};
  float jrun[4];
  ik_jacobian_tapeless(home, jrun);
  for (std::size_t i = 0; i < 4; ++i) {
    ++checks;
    if (!(std::fabs(jrun[i] - ik_home_jacobian[i]) <= 1e-6f)) {
      ++failures;
      std::printf("FAIL ik_home_jacobian[%zu] = %.9g, run time %.9g\n", i,
                  static_cast<double>(ik_home_jacobian[i]), static_cast<double>(jrun[i]));
    }
  }
  std::printf("%d checks, %d failures\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
