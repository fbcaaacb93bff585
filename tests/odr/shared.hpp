// The two-TU ODR test: what a.cpp and b.cpp both see. Both TUs instantiate the gradients of
// `shared_f` (the same expression and evaluation types: the linker keeps one copy of every
// inline function and variable), and each has expressions of its own; main.cpp checks every
// result against closed forms. A header entity that is not inline fails the link (multiple
// definitions); one that differs between TUs gives wrong gradients or, under g++ -flto, a
// -Wodr error.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <tapeless/tapeless.hpp>

#include <array>
#include <cstddef>

namespace odr {

inline constexpr tapeless::var<"x"> x;
inline constexpr tapeless::var<"y"> y;

/// f(x, y) = x·y + sin(y)·x² + exp(x/y), differentiated in both TUs.
inline constexpr auto shared_f = x * y + sin(y) * x * x + exp(x / y);

/// k(a, b) = a²b + b, through the functional form grad(k)(a, b), in both TUs.
struct k_fn {
  template <class A, class B>
  constexpr auto operator()(A a, B b) const {
    return a * a * b + b;
  }
};

struct result {
  double value;
  double dx;
  double dy;
};

// a.cpp
result a_shared(double xv, double yv);
result a_only(double xv, double yv);  // g = log(x² + y²)·sqrt(y), x² + y² named by let
std::array<double, 2> a_functional(double av, double bv);
std::size_t a_node_count();

// b.cpp: the same gradient with the bindings in the other order, and different expressions.
result b_shared(double xv, double yv);
result b_only(double xv, double yv);  // h = pow(x, y) + x / (1 + y²), x > 0
std::array<double, 2> b_functional(double av, double bv);
std::size_t b_node_count();

}  // namespace odr
