// tapeless on the generic problems: every input a scalar variable (the functional form
// value_and_grad(h)(x0, x1, ...)), the problems' constants compile-time constants. Included by
// two TUs that split the problems, so that neither needs much more than a gigabyte to compile.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include "problems.hpp"
#include "registry.hpp"

#include <tapeless/tapeless.hpp>

#include <tuple>

namespace peers {

/// The accessor for tapeless: the inputs are the functional form's positional variables.
template <class... V>
struct tapeless_args {
  std::tuple<V...> v;
  template <std::size_t I>
  auto operator[](std::integral_constant<std::size_t, I>) const {
    return std::get<I>(v);
  }
  template <literal C>
  static constexpr auto constant() {
    return tapeless::c<C.value>;
  }
  template <class E>
  static E keep(const E& e) {
    return e;
  }
  template <class E>
  static auto sq(const E& e) {
    return tapeless::square(e);
  }
  template <class E>
  static auto erf(const E& e) {
    return tapeless::erf(e);
  }
  template <std::size_t N, class F>
  static auto sum(F f) {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return (... + f(ic<I>));
    }(std::make_index_sequence<N>{});
  }
};

template <class P>
struct tapeless_gradient {
  static double run(const double* x, double* g) {
    const auto r = [&]<std::size_t... I>(std::index_sequence<I...>) {
      return tapeless::value_and_grad([](const auto&... v) {
        return P::f(tapeless_args<std::decay_t<decltype(v)>...>{{v...}});
      })(x[I]...);
    }(std::make_index_sequence<P::n>{});
    for (std::size_t i = 0; i < P::n; ++i) g[i] = r.grad[i];
    return r.value;
  }
};

}  // namespace peers
