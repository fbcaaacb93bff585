// Not a Catch2 test: a plain program, built with -fno-exceptions -fno-rtti, that uses the core
// (eval, grad, value_and_grad, let, c<V>, the functional form, float and long double
// evaluation) and exits non-zero on a wrong result.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <array>
#include <cmath>
#include <cstdio>

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
#error "build this test with -fno-exceptions"
#endif
#if defined(__cpp_rtti) || defined(__GXX_RTTI)
#error "build this test with -fno-rtti"
#endif

namespace {

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;

int failures = 0;

void expect(bool ok, const char* what, int line) {
  if (!ok) {
    ++failures;
    std::printf("no_exceptions.cpp:%d: FAILED: %s\n", line, what);
  }
}
#define EXPECT(...) expect((__VA_ARGS__), #__VA_ARGS__, __LINE__)

bool near(double got, double want, double rel) {
  return std::fabs(got - want) <= rel * std::fabs(want);
}

// run-time inputs the compiler cannot fold
volatile double in_a = 1.5;
volatile double in_b = -0.5;
volatile float in_f = 2.0f;

}  // namespace

int main() {
  using tapeless::at;
  const double a = in_a;
  const double b = in_b;

  // y = x^3 + x^2 -> 3x^2 + 2x; at 1.5: 3.375 + 2.25 = 5.625 and 6.75 + 3 = 9.75 (exact)
  constexpr auto cubic = x * x * x + x * x;
  static_assert(tapeless::grad(cubic, at(x = 2.0))[x] == 16.0);
  const auto r = tapeless::value_and_grad(cubic, at(x = a));
  EXPECT(r.value == 5.625);
  EXPECT(r.grad[x] == 9.75);
  EXPECT(r.grad[y] == 0.0);
  EXPECT(tapeless::eval(cubic, at(x = a)) == 5.625);

  // two variables, functions, run-time constants, let and c<V>
  const auto u = tapeless::let<"u">(2.0 * x);
  const auto f = u * u * y + sin(x * y) + tapeless::c<3> * exp(y);
  const auto g = tapeless::grad(f, at(x = a, y = b));
  // df/dx = 8xy + y cos(xy), df/dy = 4x^2 + x cos(xy) + 3 e^y
  EXPECT(near(g[x], 8 * a * b + b * std::cos(a * b), 1e-14));
  EXPECT(near(g[y], 4 * a * a + a * std::cos(a * b) + 3 * std::exp(b), 1e-14));

  // the soundness case: (2x)(3x) -> 12x
  EXPECT(tapeless::grad((2.0 * x) * (3.0 * x), at(x = a))[x] == 18.0);

  // functional form
  constexpr auto h = [](auto p, auto q) { return p * p * q + q; };
  static_assert(tapeless::grad(h)(3.0, 2.0) == std::array{12.0, 10.0});
  const auto vg = tapeless::value_and_grad(h)(a, b);
  EXPECT(vg.value == a * a * b + b);
  EXPECT(vg.grad[0] == 2 * a * b);
  EXPECT(vg.grad[1] == a * a + 1);

  // float
  const float af = in_f;
  const auto gf = tapeless::grad(x * x * y + sqrt(x), at(x = af, y = af));
  static_assert(sizeof(gf[x]) == sizeof(float));
  EXPECT(near(static_cast<double>(gf[x]), 2 * 2.0 * 2.0 + 0.5 / std::sqrt(2.0), 1e-6));
  const std::array<float, 2> ga = tapeless::grad(h)(af, af);
  EXPECT(ga[0] == 8.0f);
  EXPECT(ga[1] == 5.0f);

  // long double
  const long double al = a;
  EXPECT(tapeless::grad(pow(x, y), at(x = al, y = 2.0L))[x] == 3.0L);

  if (failures != 0) {
    std::printf("%d failure(s)\n", failures);
    return 1;
  }
  std::printf("no_exceptions: all checks passed\n");
  return 0;
}
