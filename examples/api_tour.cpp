// One use of every part of the public API, in the order of docs/api.md, whose code blocks are
// excerpts of this file (tools/check_docs.py). Each line states a fact of the API as a
// static_assert or a run-time check against the closed form.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/io/graph.hpp>
#include <tapeless/io/print.hpp>
#include <tapeless/tapeless.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <numbers>
#include <type_traits>

// --- variables and points ----------------------------------------------------------------------
constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
static_assert(x.name() == "x");

constexpr auto point = tapeless::at(y = 0.5, x = 2.0);  // any order, each variable once
static_assert(std::is_same_v<decltype(point)::value_type, double>);

// the evaluation type is the common type of the bound values; integers evaluate in double
static_assert(std::is_same_v<decltype(tapeless::at(x = 2.0f))::value_type, float>);
static_assert(std::is_same_v<decltype(tapeless::at(x = 2))::value_type, double>);
static_assert(std::is_same_v<decltype(tapeless::at(x = 2.0f, y = 1))::value_type, float>);
static_assert(std::is_same_v<decltype(tapeless::at(x = 2.0f, y = 1.0))::value_type, double>);

// --- results -----------------------------------------------------------------------------------
constexpr auto f = x * x * y;  // f = x²y

static_assert(tapeless::eval(f, point) == 2.0);                       // 2² · 0.5
constexpr auto g = tapeless::grad(f, point);
static_assert(g[x] == 2.0 && g[y] == 4.0);                           // 2xy, x²
constexpr tapeless::var<"z"> z;
static_assert(g[z] == 0.0 && !g.contains(z) && g.contains(x) && g.size() == 2);
constexpr auto vg = tapeless::value_and_grad(f, point);
static_assert(vg.value == 2.0 && vg.grad[x] == 2.0);

// --- the functional form -----------------------------------------------------------------------
constexpr auto h = [](auto a, auto b) { return a * a * b; };
static_assert(tapeless::grad(h)(2.0, 0.5) == std::array{2.0, 4.0});
constexpr auto hv = tapeless::value_and_grad(h)(2.0, 0.5);
static_assert(hv.value == 2.0 && hv.grad[1] == 4.0);

// --- numbers in expressions, compile-time constants, let ----------------------------------------
static_assert(tapeless::grad(2.5 * x, point)[x] == 2.5);            // a run-time constant
static_assert(tapeless::grad(tapeless::c<2.5> * x, point)[x] == 2.5);  // a compile-time constant
static_assert(tapeless::node_count((2.0 * x) * (2.0 * x)) == 6);  // two 2.0, two 2.0*x
static_assert(tapeless::node_count((tapeless::c<2> * x) * (tapeless::c<2> * x)) == 4);
constexpr auto twice_x = tapeless::let<"u">(2.0 * x);  // one name, one value: shared
static_assert(tapeless::node_count(twice_x * twice_x) == 5);  // 2.0, x, 2.0*x, u, product
static_assert(tapeless::grad(twice_x * twice_x, point)[x] == 16.0);  // d(4x²)/dx = 8x

// --- functions ---------------------------------------------------------------------------------
static_assert(tapeless::grad(pow(x, y), point)[y] == tapeless::pow(2.0, 0.5) * tapeless::log(2.0));
static_assert(tapeless::grad(tapeless::pow<3>(x), point)[x] == 12.0);  // 3x²
static_assert(tapeless::grad(pow(x, tapeless::c<3>), point)[x] == 12.0);
static_assert(tapeless::grad(hypot(x, y, 2.0), point)[x] == 2.0 / tapeless::hypot(2.0, 0.5, 2.0));
static_assert(tapeless::sqrt(4.0) == 2.0 && tapeless::max(2, 3) == 3);  // on numbers

// --- conditions and select ---------------------------------------------------------------------
constexpr auto piecewise = tapeless::select(x > 1 && y < 1, x * y, x + y);
static_assert(tapeless::eval(piecewise, point) == 1.0);                // 2 · 0.5
static_assert(tapeless::grad(piecewise, tapeless::at(x = 0.0, y = 0.5))[x] == 1.0);
static_assert(tapeless::grad(tapeless::clamp(x, 0.0, 1.0), point)[x] == 0.0);
static_assert(tapeless::condition<decltype(x > 1)> && !tapeless::condition<decltype(x)>);

// --- inspection ----------------------------------------------------------------------------------
static_assert(tapeless::node_count(x * y + sin(x * y)) == 5);  // x, y, x*y, sin, +
static_assert(tapeless::variable_count(x * y + sin(x * y)) == 2);
static_assert(tapeless::variable_name(x * y + sin(x * y), 1) == "y");
static_assert(tapeless::expression<decltype(f)> && tapeless::operand<double>);

// --- printing ------------------------------------------------------------------------------------
static_assert(tapeless::to_string(x * x * y) == "x * x * y");
static_assert(tapeless::to_latex(x / y) == "\\frac{x}{y}");

int main() {
  bool ok = true;
  const auto check = [&ok](const char* what, double got, double expected) {
    const bool good = std::fabs(got - expected) <= 1e-15 * (1 + std::fabs(expected));
    std::printf("%-28s %.17g %s\n", what, got, good ? "ok" : "WRONG");
    ok = ok && good;
  };

  // every function at a run-time point, against the closed-form derivative
  const double a = 0.3;
  const auto at_a = tapeless::at(x = a);
  check("exp'", tapeless::grad(exp(x), at_a)[x], std::exp(a));
  check("log1p'", tapeless::grad(log1p(x), at_a)[x], 1 / (1 + a));
  check("atan'", tapeless::grad(atan(x), at_a)[x], 1 / (1 + a * a));
  check("asinh'", tapeless::grad(asinh(x), at_a)[x], 1 / std::sqrt(a * a + 1));
  const double sqrt_pi = std::sqrt(std::numbers::pi);
  check("erf'", tapeless::grad(erf(x), at_a)[x], 2 * std::exp(-a * a) / sqrt_pi);
  check("sigmoid'", tapeless::grad(sigmoid(x), at_a)[x],
        std::exp(-a) / ((1 + std::exp(-a)) * (1 + std::exp(-a))));
  check("softplus'", tapeless::grad(softplus(x), at_a)[x], 1 / (1 + std::exp(-a)));
  check("log_sum_exp(x, y, 0) ∂x", tapeless::grad(log_sum_exp(x, y, 0.0), point)[x],
        std::exp(2.0) / (std::exp(2.0) + std::exp(0.5) + 1.0));
  check("lgamma'", tapeless::grad(lgamma(x), tapeless::at(x = 1.0))[x], -0.57721566490153286);

  // a graph drawing and its reverse sweep, at compile time
  constexpr auto drawing = tapeless::to_dot(x * y, tapeless::graph_part::backward);
  std::printf("%s", drawing.c_str());
  return ok ? 0 : 1;
}
