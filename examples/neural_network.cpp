// A 2-3-1 network with tanh hidden units learns XOR by gradient descent. Every weight is a
// variable: the loss is a generic function of the 13 parameters, tapeless::value_and_grad(loss)
// differentiates it (each argument becomes a variable), and the same function on plain doubles
// gives finite differences to check the gradient against.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <tuple>

// hidden unit j: tanh(w_j0 in0 + w_j1 in1 + b_j); output: Σ v_j hidden_j + c
constexpr auto loss = [](auto w00, auto w01, auto w10, auto w11, auto w20, auto w21, auto b0,
                         auto b1, auto b2, auto v0, auto v1, auto v2, auto c) {
  const auto net = [&](double in0, double in1) {
    return v0 * tapeless::tanh(w00 * in0 + w01 * in1 + b0) +
           v1 * tapeless::tanh(w10 * in0 + w11 * in1 + b1) +
           v2 * tapeless::tanh(w20 * in0 + w21 * in1 + b2) + c;
  };
  // XOR: (0,0) → 0, (0,1) → 1, (1,0) → 1, (1,1) → 0
  return tapeless::square(net(0, 0)) + tapeless::square(net(0, 1) - 1) +
         tapeless::square(net(1, 0) - 1) + tapeless::square(net(1, 1));
};

using parameters = std::array<double, 13>;

int main() {
  parameters p{0.5, -0.4, -0.3, 0.8, 0.6, 0.7, 0.1, -0.2, 0.05, 0.3, -0.5, 0.4, 0.0};

  // the gradient at the start against central differences of the same function on doubles
  const auto start = std::apply(tapeless::value_and_grad(loss), p);
  bool ok = true;
  for (std::size_t i = 0; i < p.size(); ++i) {
    parameters plus = p, minus = p;
    plus[i] += 1e-6;
    minus[i] -= 1e-6;
    const double fd = (std::apply(loss, plus) - std::apply(loss, minus)) / 2e-6;
    ok = ok && std::fabs(start.grad[i] - fd) <= 1e-7 * (1 + std::fabs(fd));
  }

  const double learning_rate = 0.05;
  for (int step = 0; step <= 300; ++step) {
    const auto r = std::apply(tapeless::value_and_grad(loss), p);
    if (step % 50 == 0) std::printf("step %3d: loss %.6f\n", step, r.value);
    for (std::size_t i = 0; i < p.size(); ++i) p[i] -= learning_rate * r.grad[i];
  }
  const double final_loss = std::apply(loss, p);
  std::printf("final loss %.6f\n", final_loss);
  // loss < 1e-4: every output is within 0.01 of its target
  return ok && final_loss < 1e-4 ? 0 : 1;
}
