// Driver for benchmarks/codegen/callgrind.py --suite transforms: calls each transform of functions.cpp, tapeless and hand-written,
// at the same points, and fails if a pair disagrees (relative 1e-11), so that the instruction
// counts compare functions that compute the same thing.
// SPDX-License-Identifier: BSL-1.0
#include <cmath>
#include <cstdio>
#include <cstdlib>

#define PAIR(name)                                           \
  extern "C" void name##_tapeless(const double*, double*);   \
  extern "C" void name##_hand(const double*, double*);
PAIR(jacobian3)
PAIR(jacobian3_values)
PAIR(hessian_rosenbrock10)
PAIR(hvp_dense)
PAIR(hvp_dense_vars)
#undef PAIR

using fn = void (*)(const double*, double*);

static int run(const char* name, fn tapeless, fn hand, int inputs, int outputs, int calls) {
  int bad = 0;
  double in[160], a[100], b[100];
  for (int i = 0; i < calls; ++i) {
    for (int k = 0; k < inputs; ++k) in[k] = 0.3 * std::sin(0.7 * k + 1e-3 * i) + 0.1 * (k % 3);
    tapeless(in, a);
    hand(in, b);
    for (int k = 0; k < outputs; ++k)
      if (!(std::fabs(a[k] - b[k]) <= 1e-11 * (1 + std::fabs(b[k])))) ++bad;
  }
  if (bad) std::printf("%s: %d disagreements between tapeless and hand-written\n", name, bad);
  return bad;
}

int main(int argc, char** argv) {
  const int calls = argc > 1 ? std::atoi(argv[1]) : 1000;
  int bad = run("jacobian3", jacobian3_tapeless, jacobian3_hand, 3, 9, calls);
  bad += run("jacobian3_values", jacobian3_values_tapeless, jacobian3_values_hand, 3, 12, calls);
  bad += run("hessian_rosenbrock10", hessian_rosenbrock10_tapeless, hessian_rosenbrock10_hand, 10, 100, calls);
  bad += run("hvp_dense", hvp_dense_tapeless, hvp_dense_hand, 160, 72, calls);
  bad += run("hvp_dense_vars", hvp_dense_vars_tapeless, hvp_dense_vars_hand, 160, 72, calls);
  return bad == 0 ? 0 : 1;
}
