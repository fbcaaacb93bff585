// Second derivatives at the conventions' edge points (docs/transforms.md has the table): kinks
// (abs, relu, copysign, min/max ties, clamp boundaries), the special cases of pow, atan2 and
// hypot at the origin, saturated functions at ±inf, the edges of the domains, select. Each is
// the derivative of the gradient's own convention, so that the Hessian is the derivative of
// the gradient the library computes, and symmetric.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <cmath>
#include <limits>
#include <type_traits>

namespace {

using tapeless::at;
using tapeless::hessian;
using tapeless::hvp;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"z"> z;

template <class T>
bool close(T got, T exact) {
  return std::fabs(got - exact) <= 4 * std::numeric_limits<T>::epsilon() * std::fabs(exact);
}

template <class T>
T hxx(const auto& f, T p) {
  return hessian(f, at(x = p))[x][x];
}

/// H of f(x, y) at (a, b) as {h_xx, h_xy, h_yx (from the sweep along y: an hvp), h_yy}.
template <class T>
std::array<T, 4> h2(const auto& f, T a, T b) {
  const auto h = hessian(f, at(x = a, y = b));
  return {h[x][x], h[x][y], hvp(f, at(x = a, y = b), at(y = T(1)))[x], h[y][y]};
}

template <class T>
void kinks() {
  const T inf = std::numeric_limits<T>::infinity();
  // abs, relu: second derivative 0 everywhere, the kink included (its first derivative is a
  // constant on each side and 0 at the kink)
  for (const T p : {T(0), -T(0), T(2), T(-2)}) {
    CHECK(hxx(tapeless::abs(x), p) == 0);
    CHECK(hxx(tapeless::relu(x), p) == 0);
    CHECK(hxx(tapeless::copysign(x, T(-1)), p) == 0);
  }
  // x·|x| has (x|x|)'' = 2 sign(x): 0 at the kink (sign(0) = 0, the convention of abs')
  CHECK(hxx(x * tapeless::abs(x), T(0)) == 0);
  CHECK(hxx(x * tapeless::abs(x), T(-1)) == -2);
  // clamp: the boundaries belong to the inside, so clamp(x, lo, hi)² has second derivative 2 there
  CHECK(hxx(tapeless::square(tapeless::clamp(x, T(-1), T(1))), T(-1)) == 2);
  CHECK(hxx(tapeless::square(tapeless::clamp(x, T(-1), T(1))), T(1)) == 2);
  CHECK(hxx(tapeless::square(tapeless::clamp(x, T(-1), T(1))), T(2)) == 0);
  // fmin/fmax at a tie split ½–½ in the gradient, so the tangent is the mean of both: the
  // Hessian of fmax(x, y)² at x = y is [[½, ½], [½, ½]]; of fmax itself 0
  for (const auto& m : {h2(tapeless::square(tapeless::fmax(x, y)), T(3), T(3)),
                        h2(tapeless::square(tapeless::fmin(x, y)), T(3), T(3))})
    CHECK(m == std::array<T, 4>{T(0.5), T(0.5), T(0.5), T(0.5)});
  CHECK(h2(tapeless::fmax(x, y), T(3), T(3)) == std::array<T, 4>{});
  // fmax and fmin with a NaN argument: everything to the other one
  CHECK(h2(tapeless::square(tapeless::fmax(x, y)), T(3), std::numeric_limits<T>::quiet_NaN()) ==
        std::array<T, 4>{T(2), T(0), T(0), T(0)});
  CHECK(h2(tapeless::square(tapeless::fmin(x, y)), T(3), std::numeric_limits<T>::quiet_NaN()) ==
        std::array<T, 4>{T(2), T(0), T(0), T(0)});
  CHECK(h2(tapeless::square(tapeless::fmin(x, y)), std::numeric_limits<T>::quiet_NaN(), T(3)) ==
        std::array<T, 4>{T(0), T(0), T(0), T(2)});
  // copysign(x, y) with the sign a variable, at y = ±0 too: ∂/∂y = 0, and ∂/∂x = ±1 is constant
  for (const T b : {T(0), -T(0), T(-2)}) CHECK(h2(tapeless::copysign(x, y), T(2), b) == std::array<T, 4>{});
  // atan2 and hypot at the origin: all second partials 0 (the gradient is the constant 0 there)
  CHECK(h2(tapeless::atan2(y, x), T(0), T(0)) == std::array<T, 4>{});
  CHECK(h2(tapeless::hypot(x, y), T(0), T(0)) == std::array<T, 4>{});
  const auto h3 = hessian(tapeless::hypot(x, y, z), at(x = T(0), y = T(0), z = T(0)));
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 3; ++j) CHECK(h3(i, j) == 0);
  // atan2 at infinity: 0 (the limits), in every direction
  CHECK(h2(tapeless::atan2(y, x), inf, T(1)) == std::array<T, 4>{});
  CHECK(h2(tapeless::atan2(y, x), -inf, T(1)) == std::array<T, 4>{});
  CHECK(h2(tapeless::atan2(y, x), T(1), inf) == std::array<T, 4>{});
  CHECK(h2(tapeless::atan2(y, x), T(1), -inf) == std::array<T, 4>{});
  // hypot with an infinite argument: the gradient is (±1, 0), constant, so H = 0
  CHECK(h2(tapeless::hypot(x, y), inf, T(1)) == std::array<T, 4>{});
  CHECK(h2(tapeless::hypot(x, y), T(1), -inf) == std::array<T, 4>{});
  CHECK(h2(tapeless::hypot(x, y), inf, inf) == std::array<T, 4>{});
  // saturated functions at ±inf: 0, never NaN
  for (const T p : {inf, -inf}) {
    CHECK(hxx(tapeless::tanh(x), p) == 0);
    CHECK(hxx(tapeless::sigmoid(x), p) == 0);
    CHECK(hxx(tapeless::atan(x), p) == 0);
    CHECK(hxx(tapeless::softplus(x), p) == 0);
  }
  CHECK(hxx(tapeless::exp(x), -inf) == 0);
  // (beyond 27 in double; long double's range reaches e^-11355)
  const T far = std::is_same_v<T, long double> ? T(110) : T(30);
  for (const T p : {far, -far}) {
    CHECK(hxx(tapeless::erf(x), p) == 0);
    CHECK(hxx(tapeless::erfc(x), p) == 0);
  }
  // domain edges: the one-sided limits where they are infinite, NaN where the two sides differ
  // in sign or the function is not defined on one side
  CHECK(hxx(tapeless::sqrt(x), T(0)) == -inf);
  CHECK(hxx(tapeless::log(x), T(0)) == -inf);
  CHECK(hxx(tapeless::log1p(x), T(-1)) == -inf);
  CHECK(hxx(tapeless::asin(x), T(1)) == inf);
  CHECK(hxx(tapeless::asin(x), T(-1)) == -inf);
  CHECK(hxx(tapeless::acos(x), T(1)) == -inf);
  CHECK(hxx(tapeless::atanh(x), T(1)) == inf);
  CHECK(hxx(tapeless::acosh(x), T(1)) == -inf);
  CHECK(hxx(tapeless::log2(x), T(0)) == -inf);
  CHECK(hxx(tapeless::log10(x), T(0)) == -inf);
  CHECK(hxx(tapeless::acos(x), T(-1)) == inf);
  CHECK(hxx(tapeless::atanh(x), T(-1)) == -inf);
  // sqrt at -0: the gradient is 1/(2·(-0)) = -inf (the IEEE sign of zero), its tangent +inf
  CHECK(hxx(tapeless::sqrt(x), -T(0)) == inf);
  // Γ and ψ at 0: simple poles, whose one-sided limits the signed zero picks: Γ(±0) = ±inf,
  // Γ′ = -inf on both sides, Γ″(±0) = ±inf; ψ(±0) = ∓inf, ψ′ = +inf, ψ″(±0) = ∓inf
  CHECK(tapeless::grad(tapeless::tgamma(x), at(x = T(0)))[x] == -inf);
  CHECK(tapeless::grad(tapeless::tgamma(x), at(x = -T(0)))[x] == -inf);
  CHECK(hxx(tapeless::tgamma(x), T(0)) == inf);
  CHECK(hxx(tapeless::tgamma(x), -T(0)) == -inf);
  CHECK(hxx(tapeless::digamma(x), T(0)) == -inf);
  CHECK(hxx(tapeless::digamma(x), -T(0)) == inf);
  // ψ at a negative pole: ψ′ = +inf from both sides, ψ″ NaN (-inf and +inf)
  CHECK(tapeless::grad(tapeless::digamma(x), at(x = T(-1)))[x] == inf);
  CHECK(std::isnan(hxx(tapeless::digamma(x), T(-1))));
  CHECK(std::isnan(hxx(tapeless::cbrt(x), T(0))));
  CHECK(std::isnan(hxx(tapeless::sqrt(x), T(-1))));
  CHECK(std::isnan(hxx(tapeless::tgamma(x), T(-1))));
  CHECK(hxx(tapeless::lgamma(x), T(-2)) == inf);  // ψ'(-2) = +inf (the gradient, ψ(-2), is NaN)
  // select: the branch not taken is neither evaluated nor differentiated
  CHECK(hxx(tapeless::select(x > 0, tapeless::sqrt(x), T(0)), T(0)) == 0);
  CHECK(hxx(tapeless::select(x > 0, tapeless::sqrt(x), T(0)), T(-1)) == 0);
  CHECK(hxx(tapeless::select(x > 0, tapeless::log(x), x * x), T(-1)) == 2);
  // a variable reached only through a branch not taken: +0 (not -0), as in the gradient
  const auto hs = hessian(tapeless::select(x > 0, y * y, x), at(x = T(-1), y = T(3)));
  CHECK(hs[y][y] == 0);
  CHECK(!std::signbit(hs[y][y]));
}

template <class T>
void pow_cases() {
  const T inf = std::numeric_limits<T>::infinity();
  // a constant exponent adds no ln x: a negative base is fine (x³'' = 6x)
  CHECK(hxx(tapeless::pow(x, T(3)), T(-2)) == -12);
  CHECK(hxx(tapeless::pow(x, T(2.5)), T(0)) == 0);   // 2.5·1.5·0^0.5
  CHECK(hxx(tapeless::pow(x, T(0.5)), T(0)) == -inf);  // 0.5·(-0.5)·0^-1.5
  CHECK(hxx(tapeless::pow(x, T(0)), T(0)) == 0);     // x⁰ = 1 is constant in x
  CHECK(hxx(tapeless::pow(x, T(1.5)), T(0)) == inf);
  CHECK(hxx(tapeless::pow(x, T(2)), T(0)) == 2);
  CHECK(hxx(tapeless::pow(x, T(1)), T(0)) == 0);
  CHECK(close(hxx(tapeless::pow(T(2), x), T(3)), static_cast<T>(8 * std::log(2.0L) * std::log(2.0L))));
  // pow(0, y), y ≥ 0: ∂/∂y = 0 (the convention), so ∂²/∂y² = 0
  CHECK(hxx(tapeless::pow(T(0), x), T(2)) == 0);
  // a negative base with a variable exponent: NaN, as ∂/∂y
  CHECK(std::isnan(h2(tapeless::pow(x, y), T(-2), T(3))[3]));
}

template <class T>
void pow_zero_exponent() {
  // at y = 0: ∂/∂x = 0 (PyTorch), and its derivative along y is 1/x, from both sides
  const auto m = h2(tapeless::pow(x, y), T(2), T(0));
  CHECK(m[0] == 0);
  CHECK(m[1] == T(0.5));
  CHECK(m[2] == T(0.5));
  CHECK(close(m[3], static_cast<T>(std::log(2.0L) * std::log(2.0L))));
}

template <class T>
void ties() {
  // max/min at a tie: the tangent is the mean of both (the gradient gives ½ to each)
  for (const auto& m : {h2(tapeless::square(tapeless::max(x, y)), T(3), T(3)),
                        h2(tapeless::square(tapeless::min(x, y)), T(3), T(3))})
    CHECK(m == std::array<T, 4>{T(0.5), T(0.5), T(0.5), T(0.5)});
  CHECK(h2(tapeless::max(x, y), T(3), T(3)) == std::array<T, 4>{});
  // softplus''(0) = σ'(0) = 1/4 and log_sum_exp at a tie: [[¼, -¼], [-¼, ¼]]
  CHECK(hxx(tapeless::softplus(x), T(0)) == T(0.25));
  CHECK(h2(tapeless::log_sum_exp(x, y), T(1), T(1)) == std::array<T, 4>{T(0.25), T(-0.25), T(-0.25), T(0.25)});
  // log_sum_exp of three: H = diag(p) − p pᵀ, p the softmax weights
  {
    const T a = T(0.5), b = T(-1), cc = T(2);
    const auto h = hessian(tapeless::log_sum_exp(x, y, z), at(x = a, y = b, z = cc));
    const long double ea = std::exp(static_cast<long double>(a)), eb = std::exp(static_cast<long double>(b)),
                      ec = std::exp(static_cast<long double>(cc)), sum = ea + eb + ec;
    const long double pw[3] = {ea / sum, eb / sum, ec / sum};
    for (std::size_t i = 0; i < 3; ++i)
      for (std::size_t j = 0; j < 3; ++j) {
        const long double want = (i == j ? pw[i] : 0.0L) - pw[i] * pw[j];
        CHECK(std::fabs(h(i, j) - static_cast<T>(want)) <= 8 * std::numeric_limits<T>::epsilon() * std::fabs(static_cast<T>(want)) + std::numeric_limits<T>::min());
      }
  }
  // the tangent of log_sum_exp's value at a tie is the mean of both: H of lse² along x, row y,
  // is 2·¼ - 2 ln 2·¼
  CHECK(close(hvp(tapeless::square(tapeless::log_sum_exp(x, y)), at(x = T(0), y = T(0)), at(x = T(1)))[y],
              static_cast<T>(0.5L - 0.5L * std::log(2.0L))));
}

TEST_CASE("second-derivative conventions: kinks, origins, infinities, domain edges", "[transforms]") {
  kinks<float>();
  kinks<double>();
  kinks<long double>();
}

TEST_CASE("second-derivative conventions: pow", "[transforms]") {
  pow_cases<float>();
  pow_cases<double>();
  pow_cases<long double>();
}

// The cases below need the operations to take kinks on one side consistently (functions/
// abs_minmax.hpp: min/max ties; activation.hpp: softplus, log_sum_exp; pow.hpp: y = 0).
TEST_CASE("second-derivative conventions: pow at a zero exponent", "[transforms]") {
  pow_zero_exponent<float>();
  pow_zero_exponent<double>();
  pow_zero_exponent<long double>();
}

TEST_CASE("second-derivative conventions: min/max ties, softplus at 0, log_sum_exp ties", "[transforms]") {
  ties<float>();
  ties<double>();
  ties<long double>();
}

}  // namespace
