// tapeless with vector variables (docs/vectors.md) where a problem has that structure: a
// reduction is one node whatever the length, so the expression stays small for any n. The
// data of Box 3-D and of the dense layer are vector variables too, whose gradients are
// computed and dropped.
// SPDX-License-Identifier: BSL-1.0
#include "problems.hpp"
#include "registry.hpp"

#include <tapeless/tapeless.hpp>

#include <algorithm>
#include <array>
#include <span>
#include <tuple>

namespace peers {
namespace {

using tapeless::at;
using tapeless::c;

template <class P>
struct vec_gradient;

template <>
struct vec_gradient<dot4> {
  static double run(const double* x, double* g) {
    constexpr tapeless::vec<"x", 4> v;
    const auto r = tapeless::value_and_grad(2 * tapeless::dot(v, v),
                                            at(v = std::span<const double, 4>(x, 4)));
    // span: the entries in place (r.grad[v] is a std::array copy, once per call of [])
    const auto gv = r.grad.span(v);
    for (std::size_t i = 0; i < 4; ++i) g[i] = gv[i];
    return r.value;
  }
};

/// Extended Rosenbrock on the odd and the even elements as two vectors (copied out of x); n >= 4
/// (a vector has at least two elements).
template <std::size_t N>
struct vec_gradient<rosenbrock<N>> {
  static double run(const double* x, double* g) {
    constexpr tapeless::vec<"a", N / 2> a;
    constexpr tapeless::vec<"b", N / 2> b;
    std::array<double, N / 2> av, bv;
    for (std::size_t i = 0; i < N / 2; ++i) {
      av[i] = x[2 * i];
      bv[i] = x[2 * i + 1];
    }
    const auto f =
        tapeless::sum(tapeless::square(c<10.0> * (b - a * a)) + tapeless::square(c<1.0> - a));
    const auto r = tapeless::value_and_grad(f, at(a = av, b = bv));
    const auto ga = r.grad.span(a);
    const auto gb = r.grad.span(b);
    for (std::size_t i = 0; i < N / 2; ++i) {
      g[2 * i] = ga[i];
      g[2 * i + 1] = gb[i];
    }
    return r.value;
  }
};

template <>
struct vec_gradient<box3d> {
  static double run(const double* x, double* g) {
    static const auto data = [] {
      std::array<std::array<double, box3d::m>, 2> d{};
      for (std::size_t i = 0; i < box3d::m; ++i) {
        d[0][i] = box3d::t(i);
        d[1][i] = box3d::coefficient(i);
      }
      return d;
    }();
    constexpr tapeless::vec<"t", box3d::m> t;
    constexpr tapeless::vec<"e", box3d::m> e;
    constexpr tapeless::var<"x1"> x1;
    constexpr tapeless::var<"x2"> x2;
    constexpr tapeless::var<"x3"> x3;
    const auto f = tapeless::sum(tapeless::square(exp(-t * x1) - exp(-t * x2) - e * x3));
    const auto r = tapeless::value_and_grad(
        f, at(t = std::span<const double, box3d::m>(data[0]),
              e = std::span<const double, box3d::m>(data[1]), x1 = x[0], x2 = x[1], x3 = x[2]));
    g[0] = r.grad[x1];
    g[1] = r.grad[x2];
    g[2] = r.grad[x3];
    return r.value;
  }
};

/// The dense layer with one vector variable per row of W, bound to x in place (std::span).
template <>
struct vec_gradient<dense> {
  using rows_t = std::tuple<tapeless::vec<"w0", 8>, tapeless::vec<"w1", 8>, tapeless::vec<"w2", 8>,
                            tapeless::vec<"w3", 8>, tapeless::vec<"w4", 8>, tapeless::vec<"w5", 8>,
                            tapeless::vec<"w6", 8>, tapeless::vec<"w7", 8>>;
  using bias_t = std::tuple<tapeless::var<"b0">, tapeless::var<"b1">, tapeless::var<"b2">,
                            tapeless::var<"b3">, tapeless::var<"b4">, tapeless::var<"b5">,
                            tapeless::var<"b6">, tapeless::var<"b7">>;
  static double run(const double* x, double* g) {
    static_assert(dense::rows == 8, "one vector variable per row: adjust rows_t and bias_t");
    constexpr tapeless::vec<"u", 8> u;
    return [&]<std::size_t... R>(std::index_sequence<R...>) {
      constexpr rows_t w{};
      constexpr bias_t b{};
      const auto f = (... + tapeless::square(tanh(tapeless::dot(std::get<R>(w), u) + std::get<R>(b)) -
                                             dense::target[R]));
      const auto r = tapeless::value_and_grad(
          f, at(u = dense::input, (std::get<R>(w) = std::span<const double, 8>(x + 8 * R, 8))...,
                (std::get<R>(b) = x[64 + R])...));
      // span: each row's entries in place (r.grad[v] is a std::array copy)
      const auto copy_row = [](const auto& row, double* out) {
        std::copy(row.begin(), row.end(), out);
      };
      (copy_row(r.grad.span(std::get<R>(w)), g + 8 * R), ...);
      ((g[64 + R] = r.grad[std::get<R>(b)]), ...);
      return r.value;
    }(std::make_index_sequence<8>{});
  }
};

const bool registered =
    add_all<problem_list<dot4, rosenbrock<10>, rosenbrock<100>, box3d, dense>,
            vec_gradient>("tapeless vec");

}  // namespace
}  // namespace peers
