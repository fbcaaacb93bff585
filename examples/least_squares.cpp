// Fitting y ≈ A e^(-k t) to run-time data by Gauss-Newton. The residual r_i = A e^(-k t_i) - y_i
// is one expression in which the data point (t, y) are variables too: one value_and_grad per
// point gives r_i and the Jacobian row (∂r_i/∂A, ∂r_i/∂k), accumulated into JᵀJ and Jᵀr in a
// plain loop. (tapeless::sum_over in <tapeless/map_reduce.hpp> fuses such loops for sums of
// one expression: docs/map_reduce.md.)
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <vector>

constexpr tapeless::var<"A"> A;  // parameters
constexpr tapeless::var<"k"> k;
constexpr tapeless::var<"t"> t;  // one data point
constexpr tapeless::var<"y"> y;

constexpr auto residual = A * exp(-k * t) - y;

struct normal_equations {
  double loss = 0, jtj[2][2] = {}, jtr[2] = {};
};

normal_equations accumulate(const std::vector<double>& ts, const std::vector<double>& ys,
                            double a, double rate) {
  normal_equations n;
  for (std::size_t i = 0; i < ts.size(); ++i) {
    const auto point = tapeless::at(A = a, k = rate, t = ts[i], y = ys[i]);
    const auto r = tapeless::value_and_grad(residual, point);
    const double row[2] = {r.grad[A], r.grad[k]};
    n.loss += r.value * r.value;
    for (int p = 0; p < 2; ++p) {
      n.jtr[p] += row[p] * r.value;
      for (int q = 0; q < 2; ++q) n.jtj[p][q] += row[p] * row[q];
    }
  }
  return n;
}

int main() {
  // data: 3 e^(-0.7 t) plus a deterministic wiggle standing in for noise
  std::vector<double> ts, ys;
  for (int i = 0; i < 40; ++i) {
    ts.push_back(0.1 * i);
    ys.push_back(3.0 * std::exp(-0.7 * ts.back()) + 0.01 * std::sin(7.0 * i));
  }

  double a = 1.0, rate = 0.1;
  // ∂L/∂A = 2 Σ r_i e^(-k t_i) and ∂L/∂k = -2 Σ r_i A t_i e^(-k t_i), L = Σ r_i², at the start
  double dA = 0, dk = 0;
  for (std::size_t i = 0; i < ts.size(); ++i) {
    const double e = std::exp(-rate * ts[i]), r = a * e - ys[i];
    dA += 2 * r * e;
    dk -= 2 * r * a * ts[i] * e;
  }
  const normal_equations start = accumulate(ts, ys, a, rate);
  bool ok = std::fabs(2 * start.jtr[0] - dA) <= 1e-12 * std::fabs(dA) &&
            std::fabs(2 * start.jtr[1] - dk) <= 1e-12 * std::fabs(dk);

  for (int iteration = 1; iteration <= 20; ++iteration) {
    const normal_equations n = accumulate(ts, ys, a, rate);
    // solve JᵀJ δ = -Jᵀr
    const double det = n.jtj[0][0] * n.jtj[1][1] - n.jtj[0][1] * n.jtj[1][0];
    const double step_a = -(n.jtj[1][1] * n.jtr[0] - n.jtj[0][1] * n.jtr[1]) / det;
    const double step_k = -(n.jtj[0][0] * n.jtr[1] - n.jtj[1][0] * n.jtr[0]) / det;
    a += step_a;
    rate += step_k;
    std::printf("iteration %2d: A = %.12f, k = %.12f, loss = %.6g\n", iteration, a, rate, n.loss);
    if (std::fabs(step_a) + std::fabs(step_k) < 1e-13) break;
  }
  // at the minimum the gradient Jᵀr vanishes; the fit is close to the data's A = 3, k = 0.7
  const normal_equations end = accumulate(ts, ys, a, rate);
  ok = ok && std::fabs(end.jtr[0]) < 1e-10 && std::fabs(end.jtr[1]) < 1e-10 &&
       std::fabs(a - 3.0) < 0.01 && std::fabs(rate - 0.7) < 0.01;
  return ok ? 0 : 1;
}
