// The float-only paths in tapeless itself, compiled with TAPELESS_CONFIG_FLOAT_ONLY_MATH forced
// to 1 (its default on an FPU without double precision, e.g. a Cortex-M4): at run time the
// float values and gradients of digamma, lgamma, tgamma and hypot(x, y, z) come from
// cx::float_only:: (bit for bit, and not from the double path: some points must differ), and
// constant evaluation still uses the cx:: functions. Their accuracy is measured by the accuracy
// test (special.cpp, elementary.cpp); tests/functions/derivatives.cpp also runs with the macro
// forced (functions_derivatives_float_only in meson.build).
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#if TAPELESS_CONFIG_FLOAT_ONLY_MATH != 1
#error "compile with -DTAPELESS_CONFIG_FLOAT_ONLY_MATH=1"
#endif

namespace {

namespace cx = tapeless::detail::cx;
namespace math = tapeless::detail::math;
using tapeless::at;
using tapeless::eval;
using tapeless::grad;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"z"> z;

// Constant evaluation: the cx:: functions (float computed in double), so these hold exactly.
static_assert(math::digamma(0.5f) == cx::digamma(0.5f));
static_assert(math::trigamma(-2.5f) == cx::trigamma(-2.5f));
static_assert(math::hypot(1.0f, 2.0f, 3.0f) == cx::hypot(1.0f, 2.0f, 3.0f));
static_assert(grad(lgamma(x), at(x = 0.5f))[x] == cx::digamma(0.5f));
static_assert(grad(tapeless::digamma(x), at(x = 3.25f))[x] == cx::trigamma(3.25f));
static_assert(eval(hypot(x, y, z), at(x = 2.0f, y = -3.0f, z = 6.0f)) == 7.0f);
// ... and the float-only functions are constexpr too (within 2 ulp of the double path).
constexpr bool near2(float got, float want) {
  const float d = got - want;
  return (d < 0 ? -d : d) <= 0x1p-22f * (want < 0 ? -want : want);
}
static_assert(near2(cx::float_only::digamma(1.0f), cx::digamma(1.0f)));
static_assert(near2(cx::float_only::digamma(-2.5f), cx::digamma(-2.5f)));
static_assert(near2(cx::float_only::trigamma(0.25f), cx::trigamma(0.25f)));
static_assert(near2(cx::float_only::trigamma(-7.75f), cx::trigamma(-7.75f)));
static_assert(cx::float_only::hypot(2.0f, -3.0f, 6.0f) == 7.0f);

bool same(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0 || (a != a && b != b); }

struct rng {
  std::uint64_t s = 0x5eed;
  float uniform(float lo, float hi) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo + (hi - lo) * static_cast<float>(s >> 40) * 0x1p-24f;
  }
};

}  // namespace

int main() {
  int failures = 0;
  int differ_psi = 0, differ_psi1 = 0, differ_hypot = 0;
  rng g;
  const auto check = [&](const char* what, float at_x, float got, float want) {
    if (!same(got, want) && failures++ < 10)
      std::printf("FAIL %s at %.9g: %.9g, float-only %.9g\n", what, static_cast<double>(at_x),
                  static_cast<double>(got), static_cast<double>(want));
  };
  for (int i = 0; i < 20000; ++i) {
    const float v = i % 2 ? g.uniform(-20.0f, 20.0f) : std::exp(g.uniform(-20.0f, 20.0f));
    const float psi = cx::float_only::digamma(v);
    const float psi1 = cx::float_only::trigamma(v);
    check("math::digamma", v, math::digamma(v), psi);
    check("math::trigamma", v, math::trigamma(v), psi1);
    check("d lgamma/dx", v, grad(lgamma(x), at(x = v))[x], psi);
    check("d digamma/dx", v, grad(tapeless::digamma(x), at(x = v))[x], psi1);
    check("digamma value", v, eval(tapeless::digamma(x), at(x = v)), psi);
    differ_psi += !same(psi, cx::digamma(v));
    differ_psi1 += !same(psi1, cx::trigamma(v));
    const float b = g.uniform(-1e3f, 1e3f);
    const float c = g.uniform(-1e-3f, 1e-3f);
    const float h = cx::float_only::hypot(v, b, c);
    check("math::hypot3", v, math::hypot(v, b, c), h);
    check("hypot3 value", v, eval(hypot(x, y, z), at(x = v, y = b, z = c)), h);
    differ_hypot += !same(h, cx::hypot(v, b, c));
  }
  // tgamma' = tgamma ψ with the float-only ψ
  for (const float v : {0.5f, 1.75f, 4.25f, -2.5f}) {
    const float gam = eval(tgamma(x), at(x = v));
    check("d tgamma/dx", v, grad(tgamma(x), at(x = v))[x], gam * cx::float_only::digamma(v));
  }
  std::printf("float-only results that differ from the double path (of 20000): digamma %d, "
              "trigamma %d, hypot3 %d\n", differ_psi, differ_psi1, differ_hypot);
  // The double path is correctly rounded nearly always and the float-only one is not: if none
  // differed, the float-only path would not be what ran (or not be float-only).
  if (differ_psi == 0 || differ_psi1 == 0) {
    std::printf("FAIL: the float-only digamma/trigamma agree everywhere with the double path\n");
    ++failures;
  }
  std::printf("%d failures\n", failures);
  return failures == 0 ? 0 : 1;
}
