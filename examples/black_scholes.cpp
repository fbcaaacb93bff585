// The Black–Scholes price of a European call and its Greeks from one reverse sweep:
//   C = S N(d1) - K e^(-rT) N(d2),  d1 = (ln(S/K) + (r + σ²/2) T) / (σ√T),  d2 = d1 - σ√T,
// with N the standard normal CDF, N(z) = erfc(-z/√2)/2. The gradient with respect to
// (S, σ, r, T, K) is delta, vega, rho, -theta and the dual delta, checked against their
// closed forms; gamma is the derivative of the delta expression N(d1).
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <cmath>
#include <cstdio>
#include <numbers>

using tapeless::c;

constexpr tapeless::var<"S"> S;          // spot
constexpr tapeless::var<"K"> K;          // strike
constexpr tapeless::var<"sigma"> sigma;  // volatility
constexpr tapeless::var<"r"> r;          // interest rate
constexpr tapeless::var<"T"> T;          // time to maturity, in years

constexpr auto N = [](auto z) { return 0.5 * tapeless::erfc(-z * c<0.70710678118654752>); };

// Compile-time constants (c<2>) keep d1 free of run-time numbers, so it is one shared node:
// d2, N(d1) and N(d2) all reuse it.
constexpr auto vol = sigma * sqrt(T);
constexpr auto d1 = (log(S / K) + (r + sigma * sigma / c<2>) * T) / vol;
constexpr auto d2 = d1 - vol;
constexpr auto call = S * N(d1) - K * exp(-r * T) * N(d2);
constexpr auto delta = N(d1);

// Everything is constexpr: the textbook case S = K = 100, σ = 0.2, r = 5%, T = 1 has
// price 10.45 and delta 0.637.
constexpr auto textbook = tapeless::value_and_grad(
    call, tapeless::at(S = 100.0, K = 100.0, sigma = 0.2, r = 0.05, T = 1.0));
static_assert(textbook.value > 10.45 && textbook.value < 10.46);
static_assert(textbook.grad[S] > 0.636 && textbook.grad[S] < 0.637);

bool close(double a, double b) { return std::fabs(a - b) <= 1e-12 * (1 + std::fabs(b)); }

int main() {
  bool ok = true;
  const double k = 100;
  for (const double s : {70.0, 100.0, 130.0})
    for (const double v : {0.1, 0.4})
      for (const double rate : {0.0, 0.05})
        for (const double t : {0.1, 2.0}) {
          const auto point = tapeless::at(S = s, K = k, sigma = v, r = rate, T = t);
          const auto g = tapeless::value_and_grad(call, point);
          const double gamma = tapeless::grad(delta, point)[S];

          // closed forms
          const double sd1 = (std::log(s / k) + (rate + v * v / 2) * t) / (v * std::sqrt(t));
          const double sd2 = sd1 - v * std::sqrt(t);
          const auto cdf = [](double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); };
          const double pdf1 = std::exp(-sd1 * sd1 / 2) / std::sqrt(2 * std::numbers::pi);
          const double discount = std::exp(-rate * t);
          const double price = s * cdf(sd1) - k * discount * cdf(sd2);
          const double c_delta = cdf(sd1), c_vega = s * pdf1 * std::sqrt(t);
          const double c_rho = k * t * discount * cdf(sd2);
          const double c_theta =
              -(s * pdf1 * v / (2 * std::sqrt(t)) + rate * k * discount * cdf(sd2));
          const double c_dual = -discount * cdf(sd2);
          const double c_gamma = pdf1 / (s * v * std::sqrt(t));

          std::printf("S=%5.1f σ=%.1f r=%.2f T=%.1f  C=%8.4f  Δ=%.4f Γ=%.5f vega=%7.3f "
                      "ρ=%7.3f θ=%7.3f ∂C/∂K=%.4f\n",
                      s, v, rate, t, g.value, g.grad[S], gamma, g.grad[sigma], g.grad[r],
                      -g.grad[T], g.grad[K]);
          ok = ok && close(g.value, price) && close(g.grad[S], c_delta) &&
               close(g.grad[sigma], c_vega) && close(g.grad[r], c_rho) &&
               close(-g.grad[T], c_theta) && close(g.grad[K], c_dual) && close(gamma, c_gamma);
        }
  return ok ? 0 : 1;
}
