// Matrices: a dense layer and a quadratic form are one line each, and a two-layer network on
// a batch is one expression. tapeless::mat<"W", M, N> is one node whatever its size;
// matmul and transpose are dense nodes (computed whole, into a block of their own), the
// elementwise operations and reductions around them run element by element.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>

int main() {
  bool ok = true;
  {
    // A dense layer and its loss against targets t: Σᵢ (tanh(W x + b)ᵢ − tᵢ)².
    constexpr tapeless::mat<"W", 2, 3> W;
    constexpr tapeless::vec<"x", 3> x;
    constexpr tapeless::vec<"b", 2> b;
    constexpr tapeless::vec<"t", 2> t;
    constexpr auto loss = tapeless::sum(tapeless::square(tapeless::tanh(tapeless::matmul(W, x) + b) - t));

    const auto r = tapeless::value_and_grad(
        loss, tapeless::at(W = std::array{std::array{0.1, 0.2, 0.3}, std::array{-0.4, 0.5, 0.6}},
                           x = std::array{1.0, 2.0, -1.0}, b = std::array{0.1, -0.2},
                           t = std::array{0.5, -0.5}));
    // g[W] is a std::array of rows: ∂loss/∂W(i, j) = 2 (hᵢ − tᵢ)(1 − hᵢ²) xⱼ
    std::printf("loss %.6f, dloss/dW(1, 2) = %.6f, dloss/dx = [%.4f, %.4f, %.4f]\n", r.value,
                r.grad[W][1][2], r.grad[x][0], r.grad[x][1], r.grad[x][2]);
    const double h1 = std::tanh(-0.4 * 1 + 0.5 * 2 + 0.6 * -1 - 0.2);
    ok = ok && std::fabs(r.grad[W][1][2] - 2 * (h1 + 0.5) * (1 - h1 * h1) * -1.0) < 1e-15;
  }
  {
    // A quadratic form xᵀ A x: its gradient is (A + Aᵀ) x.
    constexpr tapeless::mat<"A", 2, 2> A;
    constexpr tapeless::vec<"x", 2> x;
    constexpr auto q = tapeless::dot(x, tapeless::matmul(A, x));
    constexpr auto g = tapeless::grad(q, tapeless::at(A = std::array{std::array{2.0, 1.0}, std::array{0.0, 3.0}},
                                                      x = std::array{1.0, -1.0}));
    static_assert(g[x] == std::array{3.0, -5.0});  // [[4, 1], [1, 6]]·[1, -1]
    // eval of a vector or matrix expression gives a std::array (of rows, for a matrix)
    constexpr auto Ax = tapeless::eval(tapeless::matmul(A, x), tapeless::at(A = std::array{1.0, 2.0, 3.0, 4.0},
                                                                           x = std::array{1.0, 1.0}));
    static_assert(Ax == std::array{3.0, 7.0});
  }
  {
    // A 2-8-1 tanh network learns XOR from a batch. The inputs are the columns of X, with a
    // row of ones for the hidden biases; T are the targets.
    constexpr tapeless::mat<"W", 8, 3> W;  // hidden weights and biases
    constexpr tapeless::mat<"V", 1, 8> V;  // output weights
    constexpr tapeless::var<"c"> c;        // output bias (a scalar, broadcast)
    constexpr tapeless::mat<"X", 3, 4> X;
    constexpr tapeless::mat<"T", 1, 4> T;
    // X and T are data: under stop_gradient no derivative is computed for them
    constexpr auto x = tapeless::stop_gradient(X);
    constexpr auto t = tapeless::stop_gradient(T);
    constexpr auto loss =
        tapeless::squared_norm(tapeless::matmul(V, tapeless::tanh(tapeless::matmul(W, x))) + c - t);

    constexpr std::array<std::array<double, 4>, 3> inputs{{{0, 0, 1, 1}, {0, 1, 0, 1}, {1, 1, 1, 1}}};
    constexpr std::array<double, 4> targets{0, 1, 1, 0};
    std::array<std::array<double, 3>, 8> w{};
    std::array<std::array<double, 8>, 1> v{};
    double cv = 0;
    for (std::size_t i = 0; i < 8; ++i) {  // a fixed, spread-out start
      for (std::size_t j = 0; j < 3; ++j) w[i][j] = std::sin(static_cast<double>(3 * i + j + 1));
      v[0][i] = 0.5 * std::cos(static_cast<double>(i + 1));
    }
    double value = 0;
    for (int step = 0; step <= 1000; ++step) {
      const auto r = tapeless::value_and_grad(loss, tapeless::at(W = w, V = v, c = cv, X = inputs, T = targets));
      value = r.value;
      if (step % 250 == 0) std::printf("XOR step %4d: loss %.6f\n", step, r.value);
      const auto gw = r.grad[W];
      const auto gv = r.grad[V];
      for (std::size_t i = 0; i < 8; ++i) {
        for (std::size_t j = 0; j < 3; ++j) w[i][j] -= 0.05 * gw[i][j];
        v[0][i] -= 0.05 * gv[0][i];
      }
      cv -= 0.05 * r.grad[c];
    }
    ok = ok && value < 1e-3;
    // the data's gradients are zero: none was computed
    const auto last = tapeless::grad(loss, tapeless::at(W = w, V = v, c = cv, X = inputs, T = targets));
    ok = ok && last[X] == std::array<std::array<double, 4>, 3>{} && last[T] == std::array<std::array<double, 4>, 1>{};
  }
  return ok ? 0 : 1;
}
