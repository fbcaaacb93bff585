// Compile-time Hessian sparsity (tapeless::hessian_pattern): the extended Rosenbrock function
// of 10 variables is tridiagonal, Powell's singular function couples (1,2), (1,4), (2,3),
// (3,4), (2,2)...; each operation's curvature class checked on its own. All static_asserts.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <utility>

namespace {

template <std::size_t I>
constexpr tapeless::var<tapeless::detail::positional_name<I>()> X{};

// Σ (1 - xᵢ)² + 100 (xᵢ₊₁ - xᵢ²)²
template <std::size_t... I>
constexpr auto rosenbrock(std::index_sequence<I...>) {
  return ((tapeless::square(1.0 - X<I>) + 100.0 * tapeless::square(X<I + 1> - tapeless::square(X<I>))) + ...);
}
constexpr auto rosen10 = rosenbrock(std::make_index_sequence<9>{});
constexpr auto rosen_pattern = tapeless::hessian_pattern(rosen10);
static_assert(tapeless::variable_count(rosen10) == 10);
static_assert([] {
  for (std::size_t i = 0; i < 10; ++i)
    for (std::size_t j = 0; j < 10; ++j)
      if (rosen_pattern[i][j] != (i == j || i + 1 == j || j + 1 == i)) return false;
  return true;
}(), "the Hessian of the extended Rosenbrock function is tridiagonal");
static_assert(tapeless::hessian_nonzeros(rosen10) == 19);

// Powell singular: (x1 + 10 x2)² + 5 (x3 - x4)² + (x2 - 2 x3)⁴ + 10 (x1 - x4)⁴
constexpr auto powell = tapeless::square(X<0> + 10.0 * X<1>) + 5.0 * tapeless::square(X<2> - X<3>) +
                        tapeless::pow<4>(X<1> - 2.0 * X<2>) + 10.0 * tapeless::pow<4>(X<0> - X<3>);
constexpr auto powell_pattern = tapeless::hessian_pattern(powell);
static_assert(powell_pattern[0] == std::array{true, true, false, true});
static_assert(powell_pattern[1] == std::array{true, true, true, false});
static_assert(powell_pattern[2] == std::array{false, true, true, true});
static_assert(powell_pattern[3] == std::array{true, false, true, true});

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"z"> z;
// linear operations couple nothing; a·b couples a with b only; a/b a with b and b with b;
// a nonlinear function every pair of its operand's variables
static_assert(tapeless::hessian_nonzeros(2.0 * x - 3.0 * y + z) == 0);
static_assert(tapeless::hessian_pattern(x * y + z) ==
              std::array{std::array{false, true, false}, std::array{true, false, false},
                         std::array{false, false, false}});
static_assert(tapeless::hessian_pattern(x / y) ==
              std::array{std::array{false, true}, std::array{true, true}});
static_assert(tapeless::hessian_nonzeros(sin(x + y) + z) == 3);
static_assert(tapeless::hessian_nonzeros(x * x) == 1);
// piecewise-linear functions count as linear; a condition carries no variable
static_assert(tapeless::hessian_nonzeros(abs(x) + tapeless::max(x, y) + tapeless::relu(z)) == 0);
static_assert(tapeless::hessian_nonzeros(tapeless::select(x > y, z, 2.0 * z)) == 0);
static_assert(tapeless::hessian_nonzeros(tapeless::select(x > y, z * z, x)) == 1);
// pow<1> is linear, pow<2> is not
static_assert(tapeless::hessian_nonzeros(tapeless::pow<1>(x) + y) == 0);
static_assert(tapeless::hessian_nonzeros(tapeless::pow<2>(x) + y) == 1);
// a shared subexpression: the coupling is through the nonlinear node above it
static_assert(tapeless::hessian_nonzeros(exp(x + y) * z) == 5);  // xx xy yy (exp), xz yz (·z)

}  // namespace

TEST_CASE("Hessian sparsity patterns are compile-time constants", "[sparsity]") {
  STATIC_REQUIRE(tapeless::hessian_nonzeros(rosen10) == 19);
  CHECK(rosen_pattern[4][5]);
  CHECK_FALSE(rosen_pattern[4][6]);
}

// The columns of a tridiagonal Hessian fall in 3 groups, whatever n; a dense one needs n.
static_assert(tapeless::hessian_colours(rosen10) == 3);
static_assert(tapeless::hessian_colours(powell) == 4);
static_assert(tapeless::hessian_colours(x * y + z) == 1);  // H·(1, 1, 0) holds both (x, y) entries
static_assert(tapeless::hessian_colours(2.0 * x + y) == 0);

TEST_CASE("sparse_hessian: the structural nonzeros of the lower triangle", "[sparsity]") {
  // Rosenbrock n = 10 at a point: 19 entries, equal to the dense Hessian's
  const auto point = [] {
    return tapeless::at(X<0> = 0.3, X<1> = -0.2, X<2> = 1.1, X<3> = 0.7, X<4> = -1.3, X<5> = 0.4,
                        X<6> = 0.9, X<7> = -0.6, X<8> = 1.5, X<9> = 0.2);
  }();
  const auto s = tapeless::sparse_hessian(rosen10, point);
  const auto h = tapeless::hessian(rosen10, point);
  STATIC_REQUIRE(decltype(s)::nonzeros == 19);
  for (std::size_t k = 0; k < decltype(s)::nonzeros; ++k) {
    CHECK(s.row(k) >= s.col(k));
    CHECK(s.value[k] == h(s.row(k), s.col(k)));
  }
  CHECK(s.row(1) == 1);  // row by row: (0, 0), (1, 0), (1, 1), (2, 1), ...
  CHECK(s.col(1) == 0);
  // the closed form of one entry: ∂²/∂x₄∂x₃ = −400 x₃
  CHECK(h(4, 3) == -400 * 0.7);
}
