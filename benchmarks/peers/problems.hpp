// The benchmark's functions, written once for every library: each problem's `f` is generic over
// an *accessor* (numbers<T> for doubles and the peers' AD scalars, tapeless_args in
// tapeless.cpp), so that all columns differentiate the same source, and each has a hand-written
// gradient, the limit every column is compared with.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace peers {

/// An index known at compile time: tapeless needs one to pick a variable, the peers read a
/// pointer with it.
template <std::size_t I>
inline constexpr std::integral_constant<std::size_t, I> ic{};

/// The I-th input.
template <std::size_t I, class X>
decltype(auto) arg(const X& x) {
  return x[ic<I>];
}

/// A double as a template argument: clang before 18 takes no floating-point template parameters,
/// a class holding one it does.
struct literal {
  double value;
  constexpr literal(double v) : value(v) {}  // NOLINT(google-explicit-constructor): k<0.5>
};

/// A constant of the formula: a compile-time constant for tapeless (so that subexpressions that
/// contain it are shared), a double for everyone else.
template <literal V, class X>
constexpr auto k(const X&) {
  return X::template constant<V>();
}

/// erf through ADL, for the libraries that have it.
struct adl_erf {
  template <class T>
  static T erf(const T& z) {
    using std::erf;
    return T(erf(z));
  }
};

/// The accessor for number-like types. Intermediates named with keep() become values of T, as
/// the libraries' own examples write them (expression templates must not outlive their
/// operands); sums accumulate statement by statement. The terms of sum() must be values too
/// (return keep(...)): Sacado Rad's operators return a node by reference, and a lambda
/// returning `auto` would copy the node out of Rad's graph.
template <class T, class Erf = adl_erf>
struct numbers {
  const T* p;
  template <std::size_t I>
  const T& operator[](std::integral_constant<std::size_t, I>) const {
    return p[I];
  }
  template <literal V>
  static constexpr double constant() {
    return V.value;
  }
  template <class E>
  static T keep(const E& e) {
    return T(e);
  }
  template <class E>
  static T sq(const E& e) {
    const T t(e);
    return T(t * t);
  }
  template <class E>
  static T erf(const E& e) {
    return Erf::erf(T(e));
  }
  template <std::size_t N, class F>
  static T sum(F f) {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      T s(f(ic<0>));
      ((s += f(ic<I + 1>)), ...);
      return s;
    }(std::make_index_sequence<N - 1>{});
  }
};

// --- the seed's three examples ------------------------------------------------------------------

struct cubic {
  static constexpr const char* name = "x³ + x²";
  static constexpr std::size_t n = 1;
  static constexpr std::array<double, n> start{2.0};
  template <class X>
  static auto f(const X& x) {
    const auto& a = arg<0>(x);
    return X::keep(a * a * a + a * a);
  }
  static double hand(const double* x, double* g) {
    const double a = x[0];
    g[0] = 3 * a * a + 2 * a;
    return a * a * a + a * a;
  }
};

struct sinc {
  static constexpr const char* name = "sin(x)/x";
  static constexpr std::size_t n = 1;
  static constexpr std::array<double, n> start{1.5};
  template <class X>
  static auto f(const X& x) {
    using std::sin;
    const auto& a = arg<0>(x);
    return X::keep(sin(a) / a);
  }
  static double hand(const double* x, double* g) {
    const double a = x[0], s = std::sin(a), c = std::cos(a);
    g[0] = c / a - s / (a * a);
    return s / a;
  }
};

struct dot4 {
  static constexpr const char* name = "2·dot(x, x), n = 4";
  static constexpr std::size_t n = 4;
  static constexpr std::array<double, n> start{0.0, 1.0, 2.0, 3.0};
  template <class X>
  static auto f(const X& x) {
    return X::keep(k<2.0>(x) * X::template sum<4>([&](auto i) {
      const auto& a = arg<decltype(i)::value>(x);
      return X::keep(a * a);
    }));
  }
  static double hand(const double* x, double* g) {
    double s = 0;
    for (std::size_t i = 0; i < n; ++i) {
      s += x[i] * x[i];
      g[i] = 4 * x[i];
    }
    return 2 * s;
  }
};

// --- Moré, Garbow, Hillstrom (1981): sums of squares of residuals f_i -------------------------

/// Extended Rosenbrock (MGH 21): f_{2i-1} = 10 (x_{2i} - x_{2i-1}²), f_{2i} = 1 - x_{2i-1}.
template <std::size_t N>
struct rosenbrock {
  static constexpr const char* name = N == 2 ? "Rosenbrock n = 2" : N == 10 ? "ext. Rosenbrock n = 10" : "ext. Rosenbrock n = 100";
  static constexpr std::size_t n = N;
  static constexpr std::array<double, n> start = [] {
    std::array<double, n> s{};
    for (std::size_t i = 0; i < n; i += 2) {
      s[i] = -1.2;
      s[i + 1] = 1.0;
    }
    return s;
  }();
  template <class X>
  static auto f(const X& x) {
    return X::template sum<N / 2>([&](auto i) {
      constexpr std::size_t j = 2 * decltype(i)::value;
      const auto& a = arg<j>(x);
      const auto& b = arg<j + 1>(x);
      return X::keep(X::sq(k<10.0>(x) * (b - a * a)) + X::sq(k<1.0>(x) - a));
    });
  }
  static double hand(const double* x, double* g) {
    double s = 0;
    for (std::size_t i = 0; i < n; i += 2) {
      const double a = x[i], b = x[i + 1], t = b - a * a, u = 1 - a;
      s += 100 * t * t + u * u;
      g[i] = -400 * a * t - 2 * u;
      g[i + 1] = 200 * t;
    }
    return s;
  }
};

/// Powell singular (MGH 13).
struct powell {
  static constexpr const char* name = "Powell singular";
  static constexpr std::size_t n = 4;
  static constexpr std::array<double, n> start{3.0, -1.0, 0.0, 1.0};
  template <class X>
  static auto f(const X& x) {
    const auto& x1 = arg<0>(x);
    const auto& x2 = arg<1>(x);
    const auto& x3 = arg<2>(x);
    const auto& x4 = arg<3>(x);
    return X::keep(X::sq(x1 + k<10.0>(x) * x2) + k<5.0>(x) * X::sq(x3 - x4) +
                   X::sq(X::sq(x2 - k<2.0>(x) * x3)) + k<10.0>(x) * X::sq(X::sq(x1 - x4)));
  }
  static double hand(const double* x, double* g) {
    const double a = x[0] + 10 * x[1], b = x[2] - x[3], c = x[1] - 2 * x[2], d = x[0] - x[3];
    const double c2 = c * c, d2 = d * d, c3 = c2 * c, d3 = d2 * d;
    g[0] = 2 * a + 40 * d3;
    g[1] = 20 * a + 4 * c3;
    g[2] = 10 * b - 8 * c3;
    g[3] = -10 * b - 40 * d3;
    return a * a + 5 * b * b + c2 * c2 + 10 * d2 * d2;
  }
};

/// Helical valley (MGH 7), with θ = atan2(x2, x1)/(2π): MGH's θ on x1 > 0 and x1 < 0, x2 >= 0
/// (elsewhere they differ by a constant, which the gradient does not see). Started at
/// (-1, 0.1, 0), not at MGH's (-1, 0, 0), which is on atan2's cut: ADOL-C's atan2(0, -1) is -π,
/// everyone else's π, and the function jumps there.
struct helical {
  static constexpr const char* name = "helical valley";
  static constexpr std::size_t n = 3;
  static constexpr std::array<double, n> start{-1.0, 0.1, 0.0};
  static constexpr double inv_2pi = 0.15915494309189533577;
  template <class X>
  static auto f(const X& x) {
    using std::atan2;
    using std::sqrt;
    const auto& x1 = arg<0>(x);
    const auto& x2 = arg<1>(x);
    const auto& x3 = arg<2>(x);
    const auto theta = X::keep(atan2(x2, x1) * k<inv_2pi>(x));
    return X::keep(X::sq(k<10.0>(x) * (x3 - k<10.0>(x) * theta)) +
                   X::sq(k<10.0>(x) * (sqrt(x1 * x1 + x2 * x2) - k<1.0>(x))) + x3 * x3);
  }
  static double hand(const double* x, double* g) {
    const double r2 = x[0] * x[0] + x[1] * x[1], r = std::sqrt(r2);
    const double u = x[2] - 10 * inv_2pi * std::atan2(x[1], x[0]), w = r - 1;
    const double a = 2000 * inv_2pi * u / r2, b = 200 * w / r;
    g[0] = a * x[1] + b * x[0];
    g[1] = -a * x[0] + b * x[1];
    g[2] = 200 * u + 2 * x[2];
    return 100 * u * u + 100 * w * w + x[2] * x[2];
  }
};

/// Wood (MGH 14), expanded: the last two residuals squared are 10.1 ((x2-1)² + (x4-1)²) +
/// 19.8 (x2-1)(x4-1).
struct wood {
  static constexpr const char* name = "Wood";
  static constexpr std::size_t n = 4;
  static constexpr std::array<double, n> start{-3.0, -1.0, -3.0, -1.0};
  template <class X>
  static auto f(const X& x) {
    const auto& x1 = arg<0>(x);
    const auto& x2 = arg<1>(x);
    const auto& x3 = arg<2>(x);
    const auto& x4 = arg<3>(x);
    const auto p = X::keep(x2 - k<1.0>(x));
    const auto q = X::keep(x4 - k<1.0>(x));
    return X::keep(k<100.0>(x) * X::sq(x2 - x1 * x1) + X::sq(k<1.0>(x) - x1) +
                   k<90.0>(x) * X::sq(x4 - x3 * x3) + X::sq(k<1.0>(x) - x3) +
                   k<10.1>(x) * (p * p + q * q) + k<19.8>(x) * p * q);
  }
  static double hand(const double* x, double* g) {
    const double s = x[1] - x[0] * x[0], t = x[3] - x[2] * x[2], u = 1 - x[0], v = 1 - x[2];
    const double p = x[1] - 1, q = x[3] - 1;
    g[0] = -400 * x[0] * s - 2 * u;
    g[1] = 200 * s + 20.2 * p + 19.8 * q;
    g[2] = -360 * x[2] * t - 2 * v;
    g[3] = 180 * t + 20.2 * q + 19.8 * p;
    return 100 * s * s + u * u + 90 * t * t + v * v + 10.1 * (p * p + q * q) + 19.8 * p * q;
  }
};

/// Beale (MGH 5): f_i = y_i - x1 (1 - x2^i), y = (1.5, 2.25, 2.625).
struct beale {
  static constexpr const char* name = "Beale";
  static constexpr std::size_t n = 2;
  static constexpr std::array<double, n> start{1.0, 1.0};
  template <class X>
  static auto f(const X& x) {
    const auto& x1 = arg<0>(x);
    const auto& x2 = arg<1>(x);
    const auto w2 = X::keep(x2 * x2);
    const auto w3 = X::keep(w2 * x2);
    return X::keep(X::sq(k<1.5>(x) - x1 * (k<1.0>(x) - x2)) +
                   X::sq(k<2.25>(x) - x1 * (k<1.0>(x) - w2)) +
                   X::sq(k<2.625>(x) - x1 * (k<1.0>(x) - w3)));
  }
  static double hand(const double* x, double* g) {
    const double a = x[0], w = x[1], w2 = w * w, w3 = w2 * w;
    const double r1 = 1.5 - a * (1 - w), r2 = 2.25 - a * (1 - w2), r3 = 2.625 - a * (1 - w3);
    g[0] = -2 * (r1 * (1 - w) + r2 * (1 - w2) + r3 * (1 - w3));
    g[1] = 2 * a * (r1 + 2 * r2 * w + 3 * r3 * w2);
    return r1 * r1 + r2 * r2 + r3 * r3;
  }
};

/// Box three-dimensional (MGH 12), m = 10: f_i = e^(-t_i x1) - e^(-t_i x2) - x3 (e^(-t_i) -
/// e^(-10 t_i)), t_i = 0.1 i.
struct box3d {
  static constexpr const char* name = "Box 3-D";
  static constexpr std::size_t n = 3;
  static constexpr std::size_t m = 10;
  static constexpr std::array<double, n> start{0.0, 10.0, 20.0};
  static double t(std::size_t i) { return 0.1 * static_cast<double>(i + 1); }
  static double coefficient(std::size_t i) { return std::exp(-t(i)) - std::exp(-10 * t(i)); }
  template <class X>
  static auto f(const X& x) {
    using std::exp;
    const auto& x1 = arg<0>(x);
    const auto& x2 = arg<1>(x);
    const auto& x3 = arg<2>(x);
    return X::template sum<m>([&](auto i) {
      const double ti = t(decltype(i)::value);
      return X::sq(exp(-ti * x1) - exp(-ti * x2) - coefficient(decltype(i)::value) * x3);
    });
  }
  static double hand(const double* x, double* g) {
    double s = 0, g0 = 0, g1 = 0, g2 = 0;
    for (std::size_t i = 0; i < m; ++i) {
      const double ti = t(i), e1 = std::exp(-ti * x[0]), e2 = std::exp(-ti * x[1]);
      const double c = coefficient(i), r = e1 - e2 - c * x[2];
      s += r * r;
      g0 -= 2 * r * ti * e1;
      g1 += 2 * r * ti * e2;
      g2 -= 2 * r * c;
    }
    g[0] = g0;
    g[1] = g1;
    g[2] = g2;
    return s;
  }
};

// --- applications -------------------------------------------------------------------------------

/// Black–Scholes call price with respect to (S, K, r, σ, T); N(z) = (1 + erf(z/√2))/2.
struct black_scholes {
  static constexpr const char* name = "Black–Scholes (S, K, r, σ, T)";
  static constexpr std::size_t n = 5;
  static constexpr std::array<double, n> start{100.0, 95.0, 0.05, 0.2, 1.0};
  static constexpr double sqrt1_2 = 0.70710678118654752440;
  template <class X>
  static auto f(const X& x) {
    using std::exp;
    using std::log;
    using std::sqrt;
    const auto& S = arg<0>(x);
    const auto& K = arg<1>(x);
    const auto& r = arg<2>(x);
    const auto& sigma = arg<3>(x);
    const auto& T = arg<4>(x);
    const auto vol = X::keep(sigma * sqrt(T));
    const auto d1 = X::keep((log(S / K) + (r + sigma * sigma * k<0.5>(x)) * T) / vol);
    const auto d2 = X::keep(d1 - vol);
    const auto N1 = X::keep(k<0.5>(x) * (k<1.0>(x) + X::erf(d1 * k<sqrt1_2>(x))));
    const auto N2 = X::keep(k<0.5>(x) * (k<1.0>(x) + X::erf(d2 * k<sqrt1_2>(x))));
    return X::keep(S * N1 - K * exp(-r * T) * N2);
  }
  static double hand(const double* x, double* g) {
    const double S = x[0], K = x[1], r = x[2], sigma = x[3], T = x[4];
    const double sT = std::sqrt(T), vol = sigma * sT;
    const double d1 = (std::log(S / K) + (r + sigma * sigma * 0.5) * T) / vol, d2 = d1 - vol;
    const double N1 = 0.5 * (1 + std::erf(d1 * sqrt1_2)), N2 = 0.5 * (1 + std::erf(d2 * sqrt1_2));
    const double pdf1 = 0.39894228040143267794 * std::exp(-0.5 * d1 * d1);
    const double disc = std::exp(-r * T), kd = K * disc;
    g[0] = N1;
    g[1] = -disc * N2;
    g[2] = T * kd * N2;
    g[3] = S * pdf1 * sT;
    g[4] = S * pdf1 * sigma / (2 * sT) + r * kd * N2;
    return S * N1 - kd * N2;
  }
};

/// Loss of a dense 8×8 tanh layer on one sample: Σ_r (tanh(Σ_c W_rc u_c + b_r) - y_r)², with
/// respect to the 72 parameters, W row-major in x[0..63], b in x[64..71].
struct dense {
  static constexpr const char* name = "dense layer 8×8 tanh (72)";
  static constexpr std::size_t rows = 8;
  static constexpr std::size_t n = rows * rows + rows;
  static constexpr std::array<double, rows> input{0.5, -0.3, 0.8, 0.1, -0.7, 0.2, 0.9, -0.4};
  static constexpr std::array<double, rows> target{0.1, -0.2, 0.3, 0.0, 0.5, -0.4, 0.2, -0.1};
  static constexpr std::array<double, n> start = [] {
    std::array<double, n> s{};
    for (std::size_t i = 0; i < n; ++i)  // deterministic weights in [-0.5, 0.5)
      s[i] = static_cast<double>((i * 37 + 11) % 64) / 64.0 - 0.5;
    return s;
  }();
  template <class X>
  static auto f(const X& x) {
    using std::tanh;
    return X::template sum<rows>([&](auto r) {
      constexpr std::size_t row = decltype(r)::value;
      const auto z = X::keep(X::template sum<rows>([&](auto c) {
        constexpr std::size_t col = decltype(c)::value;
        return X::keep(arg<row * rows + col>(x) * input[col]);
      }) + arg<rows * rows + row>(x));
      return X::sq(tanh(z) - target[row]);
    });
  }
  static double hand(const double* x, double* g) {
    double s = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      double z = x[rows * rows + r];
      for (std::size_t c = 0; c < rows; ++c) z += x[r * rows + c] * input[c];
      const double h = std::tanh(z), e = h - target[r], d = 2 * e * (1 - h * h);
      s += e * e;
      for (std::size_t c = 0; c < rows; ++c) g[r * rows + c] = d * input[c];
      g[rows * rows + r] = d;
    }
    return s;
  }
};

/// Lennard-Jones energy of 16 particles in 3-D (ε = σ = 1): Σ_{i<j} 4 (s⁶² - s⁶), s⁶ = 1/r_ij⁶.
struct lennard_jones {
  static constexpr const char* name = "Lennard-Jones, 16 atoms (48)";
  static constexpr std::size_t atoms = 16;
  static constexpr std::size_t n = 3 * atoms;
  static constexpr std::size_t pairs = atoms * (atoms - 1) / 2;
  static constexpr std::array<double, n> start = [] {
    std::array<double, n> s{};
    for (std::size_t i = 0; i < atoms; ++i) {  // a 4×2×2 lattice, spacing 1.1, jittered
      const double jitter = static_cast<double>((i * 7 + 3) % 11) / 11.0 - 0.5;
      s[3 * i] = 1.1 * static_cast<double>(i % 4) + 0.05 * jitter;
      s[3 * i + 1] = 1.1 * static_cast<double>((i / 4) % 2) - 0.04 * jitter;
      s[3 * i + 2] = 1.1 * static_cast<double>(i / 8) + 0.03 * jitter;
    }
    return s;
  }();
  struct pair {
    std::size_t i, j;
  };
  static constexpr pair pair_at(std::size_t p) {
    std::size_t i = 0;
    while (p >= atoms - 1 - i) p -= atoms - 1 - i++;
    return {i, i + 1 + p};
  }
  template <class X>
  static auto f(const X& x) {
    return X::template sum<pairs>([&](auto p) {
      constexpr pair ij = pair_at(decltype(p)::value);
      const auto dx = X::keep(arg<3 * ij.i>(x) - arg<3 * ij.j>(x));
      const auto dy = X::keep(arg<3 * ij.i + 1>(x) - arg<3 * ij.j + 1>(x));
      const auto dz = X::keep(arg<3 * ij.i + 2>(x) - arg<3 * ij.j + 2>(x));
      const auto r2 = X::keep(dx * dx + dy * dy + dz * dz);
      const auto s6 = X::keep(k<1.0>(x) / (r2 * r2 * r2));
      return X::keep(k<4.0>(x) * (s6 * s6 - s6));
    });
  }
  static double hand(const double* x, double* g) {
    for (std::size_t i = 0; i < n; ++i) g[i] = 0;
    double e = 0;
    for (std::size_t i = 0; i < atoms; ++i)
      for (std::size_t j = i + 1; j < atoms; ++j) {
        const double dx = x[3 * i] - x[3 * j], dy = x[3 * i + 1] - x[3 * j + 1],
                     dz = x[3 * i + 2] - x[3 * j + 2];
        const double r2 = dx * dx + dy * dy + dz * dz, s6 = 1 / (r2 * r2 * r2);
        e += 4 * (s6 * s6 - s6);
        const double d = 2 * (12 * s6 - 24 * s6 * s6) / r2;  // 2 ∂E/∂r²
        g[3 * i] += d * dx;
        g[3 * i + 1] += d * dy;
        g[3 * i + 2] += d * dz;
        g[3 * j] -= d * dx;
        g[3 * j + 1] -= d * dy;
        g[3 * j + 2] -= d * dz;
      }
    return e;
  }
};

template <class... P>
struct problem_list {
  /// Calls f.template operator()<P>() for every problem, in order.
  template <class F>
  static void for_each(F f) {
    (f.template operator()<P>(), ...);
  }
};

using all_problems = problem_list<cubic, sinc, dot4, rosenbrock<2>, rosenbrock<10>, rosenbrock<100>,
                                  powell, helical, wood, beale, box3d, black_scholes, dense,
                                  lennard_jones>;

}  // namespace peers
