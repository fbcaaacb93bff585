// tapeless::sum_over / mean_over over run-time-length data: least squares and a Lennard-Jones
// pair energy against closed forms (summed in long double) and long-double finite differences,
// parameter gradients and per-element adjoints, lengths around the lane count and one of a
// million, float and double, the OpenMP policy, the size-mismatch precondition, constant
// evaluation. Built three times: plain, -fno-exceptions -fno-rtti, and -fopenmp.
// SPDX-License-Identifier: BSL-1.0

// Counts precondition failures instead of the default (nothing): the test checks the hook runs.
namespace map_reduce_test {
inline int precondition_failures = 0;
}
#define TAPELESS_CONFIG_PRECONDITION_FAILED(message) \
  ((void)(message), ++::map_reduce_test::precondition_failures)

#include <tapeless/map_reduce.hpp>
#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <type_traits>
#include <vector>

#if defined(_OPENMP)
#include <omp.h>
#endif

#include "../core/support.hpp"

namespace {

using core_test::fd4;
using core_test::fd_step;
using core_test::rng;
using core_test::within_roundings;
using tapeless::adjoints;
using tapeless::at;
using tapeless::data;
using tapeless::mean_over;
using tapeless::square;
using tapeless::sum_over;

constexpr tapeless::var<"t"> t;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"a"> a;
constexpr tapeless::var<"b"> b;
constexpr tapeless::var<"r"> r;
constexpr tapeless::var<"w"> w;
constexpr tapeless::var<"eps"> eps;
constexpr tapeless::var<"s"> s;

template <class T>
constexpr std::size_t lanes = tapeless::detail::lanes_for<T>();

/// The lengths every test runs: empty, around the lane count, odd, and a million and three.
template <class T>
std::vector<std::size_t> lengths() {
  const std::size_t l = lanes<T>;
  return {0, 1, 2, l - 1, l, l + 1, 2 * l + 3, 1000, 1000003};
}

/// Roundings allowed in a sum of n terms as the library sums them: n / lanes sequential
/// additions per lane, the pairwise tree of the lanes, the chunks of the parallel policy, and
/// the per-element arithmetic. The bound is relative to the sum of the terms' magnitudes.
template <class T>
int sum_roundings(std::size_t n) {
  return static_cast<int>(n / lanes<T>) + 64 + 24;
}

// --- least squares: L = Σ (a t_i + b - y_i)² ----------------------------------------------------

template <class T>
struct ls_data {
  std::vector<T> ts, ys;
  ls_data(std::size_t n, std::uint64_t seed) : ts(n), ys(n) {
    rng g{seed};
    for (std::size_t i = 0; i < n; ++i) {
      ts[i] = static_cast<T>(g.uniform(-3.0, 5.0));
      ys[i] = static_cast<T>(1.7 * static_cast<double>(ts[i]) - 0.4 + g.uniform(-1.0, 1.0));
    }
  }
};

struct ls_reference {
  long double value = 0, ga = 0, gb = 0;  // the sums
  long double mv = 0, mga = 0, mgb = 0;   // the sums of the terms' magnitudes
};

template <class T>
ls_reference ls_closed_form(const ls_data<T>& d, long double a0, long double b0) {
  ls_reference ref;
  for (std::size_t i = 0; i < d.ts.size(); ++i) {
    const long double ti = d.ts[i], yi = d.ys[i];
    const long double e = a0 * ti + b0 - yi;
    const long double m = std::fabs(a0 * ti) + std::fabs(b0) + std::fabs(yi);  // of e
    ref.value += e * e;
    ref.mv += m * m;
    ref.ga += 2 * e * ti;
    ref.mga += 2 * m * std::fabs(ti);
    ref.gb += 2 * e;
    ref.mgb += 2 * m;
  }
  return ref;
}

template <class T>
void check_least_squares(std::uint64_t seed) {
  const auto ls = square(a * t + b - y);
  for (const std::size_t n : lengths<T>()) {
    CAPTURE(n);
    const ls_data<T> d(n, seed + n);
    const T a0 = static_cast<T>(1.3), b0 = static_cast<T>(-0.7);
    std::vector<T> dt(n, static_cast<T>(99)), dy(n, static_cast<T>(99));
    const auto q =
        sum_over(ls, data(t = std::span<const T>(d.ts), y = std::span<const T>(d.ys)),
                 at(a = a0, b = b0), adjoints(t = std::span<T>(dt), y = std::span<T>(dy)));
    static_assert(std::is_same_v<decltype(q.value), T>);
    const ls_reference ref = ls_closed_form(d, a0, b0);
    const int k = sum_roundings<T>(n);
    CHECK(within_roundings(q.value, ref.value, ref.mv, k));
    CHECK(within_roundings(q.grad[a], ref.ga, ref.mga, k));
    CHECK(within_roundings(q.grad[b], ref.gb, ref.mgb, k));
    // ∂L/∂t_i = 2 a e_i, ∂L/∂y_i = -2 e_i: one element's arithmetic, a few roundings
    for (std::size_t i = 0; i < n; ++i) {
      const long double ti = d.ts[i], yi = d.ys[i];
      const long double e = a0 * ti + b0 - yi;
      const long double m = std::fabs(a0 * ti) + std::fabs(b0) + std::fabs(yi);
      CORE_CHECK(within_roundings(dt[i], 2 * a0 * e, 2 * std::fabs(a0) * m, 8));
      CORE_CHECK(within_roundings(dy[i], -2 * e, 2 * m, 8));
    }

    // the same without adjoints, and with the parallel policy: the same sums within the
    // rounding of a different summation order
    const auto q2 = sum_over(ls, data(t = std::span<const T>(d.ts), y = std::span<const T>(d.ys)),
                             at(a = a0, b = b0));
    CHECK(q2.value == q.value);
    CHECK(q2.grad[a] == q.grad[a]);
    const auto qp = sum_over(ls, data(t = std::span<const T>(d.ts), y = std::span<const T>(d.ys)),
                             at(a = a0, b = b0), tapeless::parallel);
    CHECK(within_roundings(qp.value, ref.value, ref.mv, k));
    CHECK(within_roundings(qp.grad[a], ref.ga, ref.mga, k));
    CHECK(within_roundings(qp.grad[b], ref.gb, ref.mgb, k));
  }
}

TEST_CASE("least squares, double: value, parameter gradient, per-element adjoints", "[ls]") {
  check_least_squares<double>(1);
}

TEST_CASE("least squares, float: everything evaluated in float", "[ls]") {
  check_least_squares<float>(2);
}

TEST_CASE("least squares against long-double finite differences", "[ls][fd]") {
  // The finite differences see the sum as a function of one parameter or one data element.
  const auto ls = square(a * t + b - y);
  for (const std::size_t n : {std::size_t{1}, std::size_t{7}, std::size_t{33}}) {
    CAPTURE(n);
    const ls_data<double> d(n, 77 + n);
    for (int trial = 0; trial < 10; ++trial) {
      rng g{static_cast<std::uint64_t>(1000 * n + static_cast<std::size_t>(trial))};
      const double a0 = g.uniform(-2, 2), b0 = g.uniform(-2, 2);
      std::vector<double> dt(n);
      const auto q =
          sum_over(ls, data(t = std::span<const double>(d.ts), y = std::span<const double>(d.ys)),
                   at(a = a0, b = b0), adjoints(t = std::span<double>(dt)));
      const auto loss = [&](long double ap, long double bp, std::size_t bump, long double tb) {
        long double sum = 0;
        for (std::size_t i = 0; i < n; ++i) {
          const long double ti = i == bump ? tb : static_cast<long double>(d.ts[i]);
          const long double e = ap * ti + bp - d.ys[i];
          sum += e * e;
        }
        return sum;
      };
      const long double ha = fd_step(1.0L), hb = fd_step(1.0L);
      const long double fa = fd4([&](long double x) { return loss(x, b0, n, 0); }, a0, ha);
      const long double fb = fd4([&](long double x) { return loss(a0, x, n, 0); }, b0, hb);
      const long double scale = loss(a0, b0, n, 0);
      CHECK(core_test::fd_agrees(q.grad[a], fa, scale));
      CHECK(core_test::fd_agrees(q.grad[b], fb, scale));
      for (std::size_t i = 0; i < n; ++i) {
        const long double fi =
            fd4([&](long double x) { return loss(a0, b0, i, x); }, d.ts[i], fd_step(1.0L));
        CORE_CHECK(core_test::fd_agrees(dt[i], fi, scale));
      }
    }
  }
}

// --- Lennard-Jones: U = Σ 4 ε ((s/r_i)¹² - (s/r_i)⁶)
// ----------------------------------------------

template <class T>
std::vector<T> distances(std::size_t n, std::uint64_t seed) {
  std::vector<T> rs(n);
  rng g{seed};
  for (auto& x : rs) x = static_cast<T>(g.uniform(0.9, 3.0));
  return rs;
}

template <class T>
void check_lennard_jones(std::uint64_t seed) {
  const auto u = s / r;
  const auto lj = 4.0 * eps * (tapeless::pow<12>(u) - tapeless::pow<6>(u));
  for (const std::size_t n : lengths<T>()) {
    CAPTURE(n);
    const std::vector<T> rs = distances<T>(n, seed + n);
    const T e0 = static_cast<T>(0.8), s0 = static_cast<T>(1.1);
    std::vector<T> dr(n);
    const auto q = sum_over(lj, data(r = std::span<const T>(rs)), at(eps = e0, s = s0),
                            adjoints(r = std::span<T>(dr)));
    long double v = 0, mv = 0, ge = 0, mge = 0, gs = 0, mgs = 0;
    const long double e = e0, sl = s0;
    for (std::size_t i = 0; i < n; ++i) {
      const long double ri = rs[i];
      const long double q6 = std::pow(sl / ri, 6.0L), q12 = q6 * q6;
      v += 4 * e * (q12 - q6);
      mv += 4 * e * (q12 + q6);
      ge += 4 * (q12 - q6);
      mge += 4 * (q12 + q6);
      gs += 4 * e * (12 * q12 - 6 * q6) / sl;
      mgs += 4 * e * (12 * q12 + 6 * q6) / sl;
      // ∂U/∂r_i = 4 ε (-12 q¹² + 6 q⁶) / r_i
      CORE_CHECK(within_roundings(dr[i], 4 * e * (-12 * q12 + 6 * q6) / ri,
                                  4 * e * (12 * q12 + 6 * q6) / ri, 40));
    }
    // q¹² is rounded about 16 times on its way: the terms carry that relative error
    const int k = sum_roundings<T>(n) + 40;
    CHECK(within_roundings(q.value, v, mv, k));
    CHECK(within_roundings(q.grad[eps], ge, mge, k));
    CHECK(within_roundings(q.grad[s], gs, mgs, k));
    // without adjoints, 4ε is taken out of the sum (see "constant factors" below)
    const auto h = sum_over(lj, data(r = std::span<const T>(rs)), at(eps = e0, s = s0));
    CHECK(within_roundings(h.value, v, mv, k));
    CHECK(within_roundings(h.grad[eps], ge, mge, k));
    CHECK(within_roundings(h.grad[s], gs, mgs, k));
  }
}

TEST_CASE("Lennard-Jones pair energy, double", "[lj]") { check_lennard_jones<double>(3); }
TEST_CASE("Lennard-Jones pair energy, float", "[lj]") { check_lennard_jones<float>(4); }

TEST_CASE("Lennard-Jones against long-double finite differences", "[lj][fd]") {
  const auto u = s / r;
  const auto lj = 4.0 * eps * (tapeless::pow<12>(u) - tapeless::pow<6>(u));
  const std::vector<double> rs = distances<double>(11, 5);
  for (int trial = 0; trial < 10; ++trial) {
    rng g{static_cast<std::uint64_t>(trial) + 10};
    const double e0 = g.uniform(0.5, 2.0), s0 = g.uniform(0.8, 1.4);
    std::vector<double> dr(rs.size());
    const auto q = sum_over(lj, data(r = std::span<const double>(rs)), at(eps = e0, s = s0),
                            adjoints(r = std::span<double>(dr)));
    const auto energy = [&](long double ep, long double sp, std::size_t bump, long double rb) {
      long double sum = 0;
      for (std::size_t i = 0; i < rs.size(); ++i) {
        const long double q6 =
            std::pow(sp / (i == bump ? rb : static_cast<long double>(rs[i])), 6.0L);
        sum += 4 * ep * (q6 * q6 - q6);
      }
      return sum;
    };
    const long double scale = std::fabs(energy(e0, s0, rs.size(), 0)) + 1;
    CHECK(core_test::fd_agrees(
        q.grad[eps],
        fd4([&](long double x) { return energy(x, s0, rs.size(), 0); }, e0, fd_step(e0)),
        scale / e0));
    CHECK(core_test::fd_agrees(
        q.grad[s],
        fd4([&](long double x) { return energy(e0, x, rs.size(), 0); }, s0, fd_step(s0 / 8)),
        scale / s0));
    for (std::size_t i = 0; i < rs.size(); ++i)
      CORE_CHECK(core_test::fd_agrees(
          dr[i],
          fd4([&](long double x) { return energy(e0, s0, i, x); }, rs[i], fd_step(rs[i] / 8)),
          scale / rs[i]));
  }
}

// --- constant factors: Σ C·E = C·Σ E and Σ E/C = (Σ E)/C when C has no data variable ---------

template <class Root, class Data>
constexpr std::size_t factor_of() {
  return tapeless::detail::constant_factor<Root, Data, tapeless::adjoint_set<>>();
}

TEST_CASE("constant factors are taken out of the sum, with their gradient", "[factor]") {
  using dd = decltype(data(t = std::span<const double>()));
  const auto e = square(a * t - y);
  // which operand is the factor (2: none): data-free operands only, mul and the divisor of div
  static_assert(factor_of<decltype(b * e), dd>() == 0);
  static_assert(factor_of<decltype(e * b), dd>() == 1);
  static_assert(factor_of<decltype(e / (2.0 * b)), dd>() == 1);
  static_assert(factor_of<decltype((2.0 * b) / e), dd>() == 2);
  static_assert(factor_of<decltype(t * e), dd>() == 2);  // t is data: elementwise
  static_assert(factor_of<decltype(e + b), dd>() == 2);
  static_assert(tapeless::detail::constant_factor<decltype(b * e), dd,
                                                  decltype(adjoints(t = std::span<double>()))>() == 2);

  const ls_data<double> d(1003, 21);
  const auto dat = data(t = std::span<const double>(d.ts), y = std::span<const double>(d.ys));
  for (int trial = 0; trial < 20; ++trial) {
    CAPTURE(trial);
    rng g{static_cast<std::uint64_t>(trial) + 100};
    const double a0 = g.uniform(-2.0, 2.0), b0 = g.uniform(0.5, 3.0);
    // references in long double: S = Σ e_i², Sa = Σ 2 e_i t_i (= ∂S/∂a), and magnitudes
    long double S = 0, Sa = 0, mS = 0, mSa = 0;
    for (std::size_t i = 0; i < d.ts.size(); ++i) {
      const long double ti = d.ts[i], yi = d.ys[i];
      const long double ei = a0 * ti - yi, mi = std::fabs(a0 * ti) + std::fabs(yi);
      S += ei * ei;
      Sa += 2 * ei * ti;
      mS += mi * mi;
      mSa += 2 * mi * std::fabs(ti);
    }
    const int k = sum_roundings<double>(d.ts.size()) + 16;
    const long double B = b0;
    // b·E and E·b: value b S, ∂/∂a = b Sa, ∂/∂b = S
    const auto left = sum_over(b * e, dat, at(a = a0, b = b0));
    const auto right = sum_over(e * b, dat, at(a = a0, b = b0));
    CHECK(within_roundings(left.value, B * S, B * mS, k));
    CHECK(within_roundings(left.grad[a], B * Sa, B * mSa, k));
    CHECK(within_roundings(left.grad[b], S, mS, k));
    CHECK(right.value == left.value);
    CHECK(right.grad[a] == left.grad[a]);
    CHECK(right.grad[b] == left.grad[b]);
    // nested, with the factor's parameter also in E: a·(b·(a t − y)²)
    const auto nested = sum_over(a * (b * e), dat, at(a = a0, b = b0));
    const long double A = a0;
    CHECK(within_roundings(nested.value, A * B * S, std::fabs(A) * B * mS, k));
    CHECK(within_roundings(nested.grad[a], B * S + A * B * Sa, B * mS + std::fabs(A) * B * mSa, k));
    CHECK(within_roundings(nested.grad[b], A * S, std::fabs(A) * mS, k));
    // a divisor: E / (2 b²) = S / (2 b²), ∂/∂a = Sa / (2 b²), ∂/∂b = −S / b³
    const auto quotient = sum_over(e / (2.0 * b * b), dat, at(a = a0, b = b0));
    CHECK(within_roundings(quotient.value, S / (2 * B * B), mS / (2 * B * B), k));
    CHECK(within_roundings(quotient.grad[a], Sa / (2 * B * B), mSa / (2 * B * B), k));
    CHECK(within_roundings(quotient.grad[b], -S / (B * B * B), mS / (B * B * B), k));
    // a factor without variables, and a compile-time one
    const auto half = sum_over(0.5 * e, dat, at(a = a0));
    CHECK(within_roundings(half.value, S / 2, mS / 2, k));
    CHECK(within_roundings(half.grad[a], Sa / 2, mSa / 2, k));
    const auto four = sum_over(tapeless::c<4> * e, dat, at(a = a0));
    CHECK(within_roundings(four.grad[a], 4 * Sa, 4 * mSa, k));
    // mean_over and the parallel policy
    const auto mean = mean_over(b * e, dat, at(a = a0, b = b0), tapeless::parallel);
    const long double n = static_cast<long double>(d.ts.size());
    CHECK(within_roundings(mean.value, B * S / n, B * mS / n, k));
    CHECK(within_roundings(mean.grad[a], B * Sa / n, B * mSa / n, k));
    CHECK(within_roundings(mean.grad[b], S / n, mS / n, k));
    // with adjoints(...) the factor stays per element: the same sums, within rounding
    std::vector<double> dt(d.ts.size());
    const auto per_element = sum_over(b * e, dat, at(a = a0, b = b0), adjoints(t = std::span<double>(dt)));
    CHECK(within_roundings(per_element.grad[a], B * Sa, B * mSa, k));
    CHECK(within_roundings(per_element.grad[b], S, mS, k));
  }
  // a parameter only in the factor, data only in E; float
  const std::vector<float> ts{1.5f, -2.0f, 0.25f};
  const auto qf = sum_over(b * b * t, data(t = std::span<const float>(ts)), at(b = 3.0f));
  static_assert(std::is_same_v<decltype(qf.value), float>);
  CHECK(qf.value == Approx(9.0 * -0.25).epsilon(1e-6));
  CHECK(qf.grad[b] == Approx(6.0 * -0.25).epsilon(1e-6));
  // constant evaluation
  constexpr std::array<double, 3> cts{1, 2, 3};
  constexpr auto qc = sum_over(a * t * a, data(t = std::span<const double>(cts)), at(a = 3.0));
  static_assert(qc.value == 54 && qc.grad[a] == 36);
  // NaN for spans of different lengths, as without a factor
  const int before = map_reduce_test::precondition_failures;
  const auto bad = sum_over(b * e, data(t = std::span<const double>(cts), y = std::span<const double>(cts.data(), 2)),
                            at(a = 1.0, b = 2.0));
  CHECK(std::isnan(bad.value));
  CHECK(std::isnan(bad.grad[a]));
  CHECK(map_reduce_test::precondition_failures == before + 1);
}

// --- scale parameters: ∂/∂s Σ E = Σ p·∂E/∂p / p from values and adjoints the sweep has -----------

template <class Root, class V>
constexpr bool is_scale_parameter(const Root&, const V&) {
  return tapeless::detail::scale_parameter<Root, tapeless::detail::node_of<Root, V>>::value.eligible;
}

TEST_CASE("scale parameters: Σ k·P̄·P / s instead of the chain rule through s/r", "[scale]") {
  // eligible: s only in s/r, s·t or t/s, those only under ·, /, −, xᴺ
  static_assert(is_scale_parameter(tapeless::pow<12>(s / r) - tapeless::pow<6>(s / r), s));
  static_assert(is_scale_parameter(tapeless::pow<3>(s * r) + square(t / s), s));
  static_assert(is_scale_parameter((s / t) * y, s));
  static_assert(!is_scale_parameter(s / r + s, s));                // s itself under +
  static_assert(!is_scale_parameter(exp(s / r), s));               // s/r under exp
  static_assert(!is_scale_parameter(s * s / r, s));                // s·s: two slots
  static_assert(!is_scale_parameter(square(s * (s + r)), s));      // s + r depends on s
  static_assert(!is_scale_parameter(s / r, s));                    // s/r is the root
  static_assert(!is_scale_parameter(tapeless::pow<2>(s / r) + s / r, s));  // s/r under +

  const ls_data<double> d(1003, 31);
  const auto dat = data(t = std::span<const double>(d.ts), y = std::span<const double>(d.ys));
  const auto f = tapeless::pow<3>(s * y) - square(t / s) + (s / t) * y;
  static_assert(is_scale_parameter(f, s));
  const int k = sum_roundings<double>(d.ts.size()) + 24;
  for (int trial = 0; trial < 20; ++trial) {
    CAPTURE(trial);
    rng g{static_cast<std::uint64_t>(trial) + 300};
    // s = 0 and ±∞ fall back to the chain rule (the sums are divided by s)
    const double s0 = trial == 0 ? 0.0 : g.uniform(-2.0, 2.0);
    long double v = 0, mv = 0, gs = 0, mgs = 0;
    const long double sl = s0;
    for (std::size_t i = 0; i < d.ts.size(); ++i) {
      const long double ti = d.ts[i], yi = d.ys[i];
      const long double sy = sl * yi, ts = ti / sl;
      v += sy * sy * sy - (s0 == 0 ? 0 : ts * ts) + sl / ti * yi;
      mv += std::fabs(sy * sy * sy) + (s0 == 0 ? 0 : ts * ts) + std::fabs(sl / ti * yi);
      gs += 3 * sy * sy * yi + (s0 == 0 ? 0 : 2 * ti * ti / (sl * sl * sl)) + yi / ti;
      mgs += std::fabs(3 * sy * sy * yi) + (s0 == 0 ? 0 : std::fabs(2 * ti * ti / (sl * sl * sl))) +
             std::fabs(yi / ti);
    }
    if (s0 == 0) {  // t/s is ±∞ or NaN there: the part without it, which falls back alone
      const auto q = sum_over(tapeless::pow<3>(s * y) + (s / t) * y, dat, at(s = s0));
      CHECK(within_roundings(q.grad[s], gs, mgs, k));
      continue;
    }
    const auto q = sum_over(f, dat, at(s = s0));
    CHECK(within_roundings(q.value, v, mv, k));
    CHECK(within_roundings(q.grad[s], gs, mgs, 4 * k));
    const auto m = mean_over(f, dat, at(s = s0), tapeless::parallel);
    const long double n = static_cast<long double>(d.ts.size());
    CHECK(within_roundings(m.grad[s], gs / n, mgs / n, 4 * k));
    // with adjoints(...), the chain rule: the same within rounding
    std::vector<double> dt(d.ts.size());
    const auto c = sum_over(f, dat, at(s = s0), adjoints(t = std::span<double>(dt)));
    CHECK(within_roundings(c.grad[s], gs, mgs, 4 * k));
  }
  // s = ±∞: NaN or ±∞ either way, never a finite number
  const auto inf = sum_over((s / t) * y, dat, at(s = std::numeric_limits<double>::infinity()));
  CHECK(!std::isfinite(inf.value));
  // constant evaluation
  constexpr std::array<double, 3> rs3{1, 2, 4};
  constexpr auto qc = sum_over(square(s / r), data(r = std::span<const double>(rs3)), at(s = 2.0));
  static_assert(qc.value == 4 + 1 + 0.25 && qc.grad[s] == 4 + 1 + 0.25);
}

// --- the rest of the interface
// --------------------------------------------------------------------

TEST_CASE("mean_over is the sum divided by the length", "[mean]") {
  const ls_data<double> d(1001, 9);
  const auto f = square(a * t + b - y);
  const auto dat = data(t = std::span<const double>(d.ts), y = std::span<const double>(d.ys));
  std::vector<double> dt_sum(d.ts.size()), dt_mean(d.ts.size());
  const auto sum = sum_over(f, dat, at(a = 0.5, b = 0.25), adjoints(t = std::span<double>(dt_sum)));
  const auto mean =
      mean_over(f, dat, at(a = 0.5, b = 0.25), adjoints(t = std::span<double>(dt_mean)));
  const double n = 1001;
  CHECK(mean.value == Approx(sum.value / n).epsilon(1e-13));
  CHECK(mean.grad[a] == Approx(sum.grad[a] / n).epsilon(1e-13));
  CHECK(mean.grad[b] == Approx(sum.grad[b] / n).epsilon(1e-13));
  for (std::size_t i = 0; i < d.ts.size(); ++i)
    CORE_CHECK(dt_mean[i] == Approx(dt_sum[i] / n).epsilon(1e-15));
  // the mean of nothing is NaN
  const auto empty = mean_over(
      f, data(t = std::span<const double>(), y = std::span<const double>()), at(a = 0.5, b = 0.25));
  CHECK(std::isnan(empty.value));
  CHECK(std::isnan(empty.grad[a]));
}

TEST_CASE("weights are data; parameters and data that the expression lacks", "[interface]") {
  const std::vector<double> ts{1, 2, 3, 4, 5}, ws{0.5, 1, 2, 0, 1};
  std::vector<double> dw(5, 7.0), dt(5, 7.0);
  // Σ w_i (a t_i)²: ∂/∂a = Σ 2 w_i a t_i², ∂/∂w_i = (a t_i)², ∂/∂t_i = 2 w_i a² t_i
  const auto q = sum_over(
      w * square(a * t), data(t = std::span<const double>(ts), w = std::span<const double>(ws)),
      at(a = 3.0, b = 1.0), adjoints(w = std::span<double>(dw), t = std::span<double>(dt)));
  double v = 0, ga = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    v += ws[i] * 9 * ts[i] * ts[i];
    ga += 2 * ws[i] * 3 * ts[i] * ts[i];
    CHECK(dw[i] == 9 * ts[i] * ts[i]);
    CHECK(dt[i] == 2 * ws[i] * 9 * ts[i]);
  }
  CHECK(q.value == v);  // small integers: exact in any order
  CHECK(q.grad[a] == ga);
  CHECK(q.grad[b] == 0.0);  // bound, not in the expression
  CHECK(q.grad[y] == 0.0);  // neither bound nor in the expression

  // a data variable the expression does not use: its adjoints are zeros
  std::vector<double> dy(5, 7.0);
  const auto q2 =
      sum_over(square(t), data(t = std::span<const double>(ts), y = std::span<const double>(ws)),
               adjoints(y = std::span<double>(dy)));
  CHECK(q2.value == 55.0);
  for (const double x : dy) CHECK(x == 0.0);

  // the options come in any order; mixed element types evaluate in their common type
  const std::vector<float> tf{1, 2, 3};
  const auto q3 =
      sum_over(a * t, data(t = std::span<const float>(tf)), tapeless::sequential, at(a = 2.0));
  static_assert(std::is_same_v<decltype(q3.value), double>);
  CHECK(q3.value == 12.0);
  CHECK(q3.grad[a] == 6.0);
}

TEST_CASE("spans of different lengths: NaN, the hook, and no adjoint written", "[precondition]") {
  const std::vector<double> ts{1, 2, 3}, ys{1, 2};
  std::vector<double> dt(3, 7.0), short_out(2, 7.0);
  const int before = map_reduce_test::precondition_failures;
  const auto q = sum_over(square(a * t - y),
                          data(t = std::span<const double>(ts), y = std::span<const double>(ys)),
                          at(a = 1.0), adjoints(t = std::span<double>(dt)));
  CHECK(std::isnan(q.value));
  CHECK(std::isnan(q.grad[a]));
  CHECK(map_reduce_test::precondition_failures == before + 1);
  for (const double x : dt) CHECK(x == 7.0);
  const auto q2 = sum_over(square(a * t), data(t = std::span<const double>(ts)), at(a = 1.0),
                           adjoints(t = std::span<double>(short_out)));
  CHECK(std::isnan(q2.value));
  CHECK(map_reduce_test::precondition_failures == before + 2);
}

TEST_CASE("the parallel policy: the same bits whatever the number of threads", "[parallel]") {
  const ls_data<double> d(1000003, 11);
  const auto f = square(a * t + b - y);
  const auto dat = data(t = std::span<const double>(d.ts), y = std::span<const double>(d.ys));
  std::vector<double> dt_seq(d.ts.size()), dt_par(d.ts.size());
  const auto seq = sum_over(f, dat, at(a = 1.5, b = 0.5), adjoints(t = std::span<double>(dt_seq)));
  const auto par = sum_over(f, dat, at(a = 1.5, b = 0.5), adjoints(t = std::span<double>(dt_par)),
                            tapeless::parallel);
  // the per-element adjoints do not depend on the order of the sums
  CHECK(dt_seq == dt_par);
  const ls_reference ref = ls_closed_form(d, 1.5L, 0.5L);
  const int k = sum_roundings<double>(d.ts.size());
  CHECK(within_roundings(par.value, ref.value, ref.mv, k));
  CHECK(within_roundings(par.grad[a], ref.ga, ref.mga, k));
  CHECK(within_roundings(seq.value, ref.value, ref.mv, k));
  CHECK(within_roundings(seq.grad[a], ref.ga, ref.mga, k));
#if defined(_OPENMP)
  for (const int threads : {1, 2, 3, 5}) {
    CAPTURE(threads);
    omp_set_num_threads(threads);
    const auto again = sum_over(f, dat, at(a = 1.5, b = 0.5), tapeless::parallel);
    CHECK(again.value == par.value);
    CHECK(again.grad[a] == par.grad[a]);
    CHECK(again.grad[b] == par.grad[b]);
  }
#endif
}

// --- constant evaluation ------------------------------------------------------------------------

constexpr std::array<double, 11> cts{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
constexpr std::array<double, 11> cys{1, 2, 5, 7, 9, 12, 13, 15, 17, 18, 21};

// Σ (2 t + 1 - y)² with integer data: every sum is exact, so the order does not matter.
constexpr auto constexpr_least_squares() {
  return sum_over(square(a * t + b - y), data(t = std::span(cts), y = std::span(cys)),
                  at(a = 2.0, b = 1.0));
}
constexpr double constexpr_adjoint(std::size_t i) {
  std::array<double, 11> out{};
  (void)sum_over(square(a * t + b - y), data(t = std::span(cts), y = std::span(cys)),
                 at(a = 2.0, b = 1.0), adjoints(y = std::span(out)));
  return out[i];
}
// residuals 2t + 1 - y: 0, 1, 0, 0, 0, -1, 0, 0, 0, 1, 0
static_assert(constexpr_least_squares().value == 3.0);
static_assert(constexpr_least_squares().grad[a] == 2 * (1 * 1 + 5 * -1 + 9 * 1));
static_assert(constexpr_least_squares().grad[b] == 2.0);
static_assert(constexpr_adjoint(5) == 2.0);  // ∂/∂y_5 = -2 e_5 = 2
static_assert(constexpr_adjoint(1) == -2.0);

// More than three chunks of the parallel policy, with data whose sums round: the chunked order
// is the same in constant evaluation as at run time, with or without OpenMP threads.
constexpr std::size_t chunked_length = 3 * 8192 + 5;
constexpr std::array<double, chunked_length> chunked_data = [] {
  std::array<double, chunked_length> d{};
  std::uint64_t x = 12345;
  for (auto& v : d) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    v = static_cast<double>(x >> 11) * 0x1p-53 * 3.0 + 0.1;
  }
  return d;
}();
constexpr auto chunked_sum = sum_over(square(a * t - 1.0), data(t = std::span(chunked_data)),
                                      at(a = 0.7), tapeless::parallel);

TEST_CASE("constant evaluation gives the run-time result", "[constexpr]") {
  const auto p = sum_over(square(a * t - 1.0), data(t = std::span(chunked_data)), at(a = 0.7),
                          tapeless::parallel);
  CHECK(p.value == chunked_sum.value);
  CHECK(p.grad[a] == chunked_sum.grad[a]);

  const auto q = sum_over(square(a * t + b - y), data(t = std::span(cts), y = std::span(cys)),
                          at(a = 2.0, b = 1.0));
  CHECK(q.value == constexpr_least_squares().value);
  CHECK(q.grad[a] == constexpr_least_squares().grad[a]);
}

}  // namespace
