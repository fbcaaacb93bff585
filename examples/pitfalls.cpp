// The surprises of docs/pitfalls.md, each shown and checked: numbers are copied into
// expressions, one variable name is one variable, two `let`s of one name are one node, run-time
// constants are never shared, the evaluation type comes from the bindings, and generic code
// cannot branch on its arguments. The document's code blocks are excerpts of this file.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <cstdio>
#include <type_traits>

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;

// 1. Numbers are copied into the expression: returning it from a function is safe.
auto scaled_square(double rate) { return rate * x * x; }  // rate lives on in the result

// 2. Two objects of one name are one variable.
constexpr tapeless::var<"x"> also_x;
static_assert(tapeless::grad(x * also_x, tapeless::at(x = 3.0))[x] == 6.0);  // d(x²)/dx

// 3. One name is one value: the second let<"u"> is taken to be the first.
constexpr auto u_first = tapeless::let<"u">(2.0 * x);
constexpr auto u_second = tapeless::let<"u">(3.0 * x);
static_assert(tapeless::eval(u_first + u_second, tapeless::at(x = 1.0)) == 4.0);  // not 5
static_assert(tapeless::eval(tapeless::let<"v">(3.0 * x) + u_first, tapeless::at(x = 1.0)) == 5.0);

// 4. Numbers in expressions are never shared; compile-time constants and lets are.
//    0.5 twice, 0.5 * x twice, x, sin, cos, + :
static_assert(tapeless::node_count(sin(0.5 * x) + cos(0.5 * x)) == 8);
//    c<0.5>, x, one c<0.5> * x, sin, cos, + (and sin' reads the cos node):
static_assert(tapeless::node_count(sin(tapeless::c<0.5> * x) + cos(tapeless::c<0.5> * x)) == 6);

// 5. The evaluation type comes from the bindings; numbers in the expression are converted to it.
static_assert(std::is_same_v<decltype(tapeless::eval(0.1 * x, tapeless::at(x = 3.0f))), float>);
static_assert(tapeless::eval(0.1 * x, tapeless::at(x = 3.0f)) == 0.1f * 3.0f);
static_assert(tapeless::eval(0.1 * x, tapeless::at(x = 3.0)) == 0.1 * 3.0);
static_assert(std::is_same_v<decltype(tapeless::eval(x, tapeless::at(x = 1, y = 2.0f))), float>);

// 6. A variable that is not in the expression has gradient 0, not an error.
constexpr auto g = tapeless::grad(x * x, tapeless::at(x = 1.0, y = 2.0));
static_assert(g[y] == 0.0 && !g.contains(y));

// 7. Generic code for numbers and expressions: no `if` on the arguments, but functions that
//    work on both (max, abs, clamp, select's relatives), or `if constexpr` on the type.
constexpr auto hinge = [](auto a) { return tapeless::max(1 - a, 0.0); };
static_assert(hinge(0.25) == 0.75);
static_assert(tapeless::grad(hinge)(0.25) == std::array{-1.0});
constexpr auto safe_inverse = [](auto a) {
  if constexpr (tapeless::expression<decltype(a)>)
    return 1 / tapeless::select(a != 0, a, 1.0);
  else
    return 1 / (a != 0 ? a : 1.0);
};
static_assert(safe_inverse(0.0) == 1.0 && tapeless::grad(safe_inverse)(0.0) == std::array{0.0});

int main() {
  // 1. continued: the number is copied when the expression is built.
  double k = 2.0;
  const auto kx = k * x;  // holds 2.0
  k = 3.0;                // does not change kx
  const bool copied = tapeless::eval(kx, tapeless::at(x = 1.0)) == 2.0;

  const auto f = scaled_square(0.5);  // 0.5 x², the argument is long gone
  const bool alive = tapeless::grad(f, tapeless::at(x = 4.0))[x] == 4.0;

  // An expression without numbers is an empty type; with numbers, it is just the numbers.
  static_assert(sizeof(x * x) == 1 && sizeof(k * x + 1.0) == 2 * sizeof(double));

  std::printf("copied: %d, alive: %d, k = %g\n", copied, alive, k);
  return copied && alive ? 0 : 1;
}
