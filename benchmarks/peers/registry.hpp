// Each library's translation unit adds its gradients here at start-up; main.cpp checks them
// against the hand-written ones and times them. One TU per library keeps compile memory low
// and lets the build leave out a peer that is not installed.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>

namespace peers {

/// Writes the gradient at x into g and returns the value.
using gradient_fn = double (*)(const double* x, double* g);

/// `tape`: the library records a tape (or an operation graph) at run time.
bool add(const char* library, const char* problem, gradient_fn fn, bool tape = false);

/// Adds `Gradient<P>::run` for every problem P of List under the name `library`.
template <class List, template <class> class Gradient>
bool add_all(const char* library, bool tape = false) {
  List::for_each([&]<class P>() { add(library, P::name, &Gradient<P>::run, tape); });
  return true;
}

}  // namespace peers
