// Several outputs: the Jacobian of a 3-output function by reverse sweeps that share one
// forward sweep (with the outputs' values, and alone), the Jacobian-vector and
// vector-Jacobian products, the fourth derivative of sin(x)·exp(x) as an expression, and the
// compile-time sparsity patterns of a
// Jacobian and of a Hessian (the extended Rosenbrock function's is tridiagonal).
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>
#include <tapeless/io/print.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <utility>

namespace {
template <std::size_t I>
constexpr tapeless::var<tapeless::detail::positional_name<I>()> X{};  // variables _0, _1, ...

// Σᵢ (1 − xᵢ)² + 100 (xᵢ₊₁ − xᵢ²)², i = 0 … 8: 10 variables
template <std::size_t... I>
constexpr auto rosenbrock(std::index_sequence<I...>) {
  return ((tapeless::square(1.0 - X<I>) + 100.0 * tapeless::square(X<I + 1> - tapeless::square(X<I>))) + ...);
}
}  // namespace

int main() {
  constexpr tapeless::var<"x"> x;
  constexpr tapeless::var<"y"> y;
  constexpr tapeless::var<"z"> z;

  // f(x, y, z) = (x·y + sin z, eˣ·y, z²)
  constexpr auto f = tapeless::outputs(x * y + sin(z), exp(x) * y, z * z);
  const auto J = tapeless::jacobian(f, tapeless::at(x = 0.5, y = 2.0, z = 1.0));
  // J[k][v] = ∂f_k/∂v; J.value[k] = f_k
  std::printf("J = [[%g, %g, %g], [%g, %g, %g], [%g, %g, %g]]\n", J[0][x], J[0][y], J[0][z],
              J[1][x], J[1][y], J[1][z], J[2][x], J[2][y], J[2][z]);

  // the Jacobian alone (JAX's jacrev): the outputs' values are not computed, so no sin z
  const auto Jr = tapeless::jacrev(f, tapeless::at(x = 0.5, y = 2.0, z = 1.0));
  std::printf("∂f₀/∂z = %g (cos 1)\n", Jr[0][z]);

  // uᵀJ in one reverse sweep
  const auto r = tapeless::vjp(f, tapeless::at(x = 0.5, y = 2.0, z = 1.0), std::array{1.0, -1.0, 0.5});
  std::printf("uᵀJ = [%g, %g, %g]\n", r.grad[x], r.grad[y], r.grad[z]);

  // J·v in one forward sweep (dual numbers); v = (1, 0, 0) gives the first column
  const auto jv = tapeless::jvp(f, tapeless::at(x = 0.5, y = 2.0, z = 1.0), tapeless::at(x = 1.0));
  std::printf("J·(1, 0, 0) = [%g, %g, %g]\n", jv.tangent[0], jv.tangent[1], jv.tangent[2]);

  // Derivatives as expressions: d(g, x) is an expression type, simplified as it is built
  constexpr auto g = sin(x) * exp(x);
  constexpr auto g4 = tapeless::d(tapeless::d(tapeless::d(tapeless::d(g, x), x), x), x);
  static_assert(tapeless::eval(g4, tapeless::at(x = 0.0)) == 0.0);  // (sin x eˣ)'''' = −4eˣ sin x
  std::printf("d(g, x) = %s\n", tapeless::to_string(tapeless::d(g, x)).c_str());

  // Which entries can be nonzero, known at compile time: f_2 = z² depends on z only
  constexpr auto jp = tapeless::jacobian_pattern(f);  // variables in order x, y, z
  static_assert(jp[2] == std::array{false, false, true});

  constexpr auto rosen = rosenbrock(std::make_index_sequence<9>{});
  constexpr auto hp = tapeless::hessian_pattern(rosen);
  static_assert(hp[4][3] && hp[4][4] && hp[4][5] && !hp[4][6]);  // tridiagonal
  static_assert(tapeless::hessian_nonzeros(rosen) == 19);  // of 55 on and above the diagonal

  const bool ok = J[0][x] == 2.0 && J[2][x] == 0.0 && J[2][z] == 2.0 && Jr[0][z] == J[0][z] &&
                  std::fabs(J[1][x] - 2.0 * std::exp(0.5)) < 1e-15 &&
                  std::fabs(r.grad[x] - (2.0 - 2.0 * std::exp(0.5))) < 1e-15 &&
                  jv.tangent[0] == J[0][x] && jv.tangent[1] == J[1][x] && jv.tangent[2] == J[2][x];
  return ok ? 0 : 1;
}
