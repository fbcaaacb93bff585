// Driver for callgrind.py: calls every gradient of functions.cpp, tapeless, the hand-written
// closed form and the adjoint written by hand, at the same points, and fails if they disagree
// (relative 1e-12), so that the instruction counts compare functions that compute the same thing.
// SPDX-License-Identifier: BSL-1.0
#include <cmath>
#include <cstdio>
#include <cstdlib>

#define PAIR(name)                                           \
  extern "C" void name##_tapeless(const double*, double*);   \
  extern "C" void name##_adjoint(const double*, double*);    \
  extern "C" void name##_hand(const double*, double*);
PAIR(cubic)
PAIR(sinc)
PAIR(rosenbrock)
PAIR(sinexp)
#undef PAIR

using fn = void (*)(const double*, double*);

static int run(const char* name, fn tapeless, fn adjoint, fn hand, int outputs, int calls) {
  int bad = 0;
  for (int i = 0; i < calls; ++i) {
    const double in[2] = {0.1 + 1e-4 * i, 0.7 - 3e-5 * i};
    double a[2] = {0, 0}, b[2] = {0, 0}, c[2] = {0, 0};
    tapeless(in, a);
    hand(in, b);
    adjoint(in, c);
    for (int k = 0; k < outputs; ++k) {
      if (!(std::fabs(a[k] - b[k]) <= 1e-12 * std::fabs(b[k]))) ++bad;
      if (!(std::fabs(c[k] - b[k]) <= 1e-12 * std::fabs(b[k]))) ++bad;
    }
  }
  if (bad) std::printf("%s: %d disagreements between tapeless, the adjoint and hand-written\n", name, bad);
  return bad;
}

int main(int argc, char** argv) {
  const int calls = argc > 1 ? std::atoi(argv[1]) : 1000;
  int bad = run("cubic", cubic_tapeless, cubic_adjoint, cubic_hand, 1, calls);
  bad += run("sinc", sinc_tapeless, sinc_adjoint, sinc_hand, 1, calls);
  bad += run("rosenbrock", rosenbrock_tapeless, rosenbrock_adjoint, rosenbrock_hand, 2, calls);
  bad += run("sinexp", sinexp_tapeless, sinexp_adjoint, sinexp_hand, 2, calls);
  return bad == 0 ? 0 : 1;
}
