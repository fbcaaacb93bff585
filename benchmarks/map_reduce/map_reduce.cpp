// Throughput of tapeless::sum_over (value and gradient in one fused pass over run-time-length
// data) against hand-written loops in the same binary: a blocked loop that vectorizes the same
// way (the fair comparison), a naive scalar loop, and OpenMP with 2 threads.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/map_reduce.hpp>
#include <tapeless/tapeless.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace {

constexpr tapeless::var<"t"> t;
constexpr tapeless::var<"y"> y;
constexpr tapeless::var<"a"> a;
constexpr tapeless::var<"b"> b;
constexpr tapeless::var<"r"> r;
constexpr tapeless::var<"eps"> eps;
constexpr tapeless::var<"s"> s;

struct result3 {
  double value, g0, g1;
};

// --- data ----------------------------------------------------------------------------------

struct rng {
  std::uint64_t state;
  double unit() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return static_cast<double>(z >> 11) * 0x1p-53;
  }
};

struct dataset {
  std::vector<double> ts, ys, rs, adj;
  explicit dataset(std::size_t n) : ts(n), ys(n), rs(n), adj(n) {
    rng g{42};
    for (std::size_t i = 0; i < n; ++i) {
      ts[i] = g.unit() * 10.0;
      ys[i] = 2.0 * ts[i] + 1.0 + (g.unit() - 0.5);
      rs[i] = 0.9 + 2.0 * g.unit();
    }
  }
};

dataset& data_of(std::size_t n) {
  if (n == 10000000) {
    static dataset large(n);
    return large;
  }
  static dataset small(1000000);
  return small;
}

constexpr double a0 = 1.9, b0 = 1.2, eps0 = 0.8, s0 = 1.1;

// --- tapeless --------------------------------------------------------------------------------

template <class Policy>
[[gnu::noinline]] result3 ls_tapeless(std::span<const double> ts, std::span<const double> ys,
                                      Policy policy) {
  const auto q = tapeless::sum_over(tapeless::square(a * t + b - y), tapeless::data(t = ts, y = ys),
                                    tapeless::at(a = a0, b = b0), policy);
  return {q.value, q.grad[a], q.grad[b]};
}

[[gnu::noinline]] result3 ls_tapeless_adjoints(std::span<const double> ts,
                                               std::span<const double> ys, std::span<double> out) {
  const auto q = tapeless::sum_over(tapeless::square(a * t + b - y), tapeless::data(t = ts, y = ys),
                                    tapeless::at(a = a0, b = b0), tapeless::adjoints(t = out));
  return {q.value, q.grad[a], q.grad[b]};
}

template <class Policy>
[[gnu::noinline]] result3 lj_tapeless(std::span<const double> rs, Policy policy) {
  const auto u = s / r;
  const auto q =
      tapeless::sum_over(4.0 * eps * (tapeless::pow<12>(u) - tapeless::pow<6>(u)),
                         tapeless::data(r = rs), tapeless::at(eps = eps0, s = s0), policy);
  return {q.value, q.grad[eps], q.grad[s]};
}

// Two other spellings of the same energy, kept to show that the plain one is the one to
// write. Here s enters through s * (1/r) (c<1> keeps 1/r a shared node; a plain 1.0 would
// make the two uses of u two nodes): before sum_over knew scale parameters (map_reduce.hpp),
// this saved the second division of ∂(s/r)/∂s = 1/r; now s/r needs none either, and the
// product s·(1/r) is one operation more.
template <class Policy>
[[gnu::noinline]] result3 lj_tapeless_reciprocal(std::span<const double> rs, Policy policy) {
  const auto u = s * (tapeless::c<1> / r);
  const auto q =
      tapeless::sum_over(4.0 * eps * (tapeless::pow<12>(u) - tapeless::pow<6>(u)),
                         tapeless::data(r = rs), tapeless::at(eps = eps0, s = s0), policy);
  return {q.value, q.grad[eps], q.grad[s]};
}

// And with q⁶ named once, as the hand-written loop has it: q¹² = q⁶·q⁶. The loop then sums
// 6·q̄⁶·q⁶ with q̄⁶ = 2q⁶ − 1 computed per element, where the plain spelling sums
// 12·q¹² − 6·q⁶ directly.
template <class Policy>
[[gnu::noinline]] result3 lj_tapeless_q6(std::span<const double> rs, Policy policy) {
  const auto q6 = tapeless::pow<6>(s * (tapeless::c<1> / r));
  const auto q = tapeless::sum_over(4.0 * eps * (q6 * q6 - q6), tapeless::data(r = rs),
                                    tapeless::at(eps = eps0, s = s0), policy);
  return {q.value, q.grad[eps], q.grad[s]};
}

// --- hand-written ------------------------------------------------------------------------------
// The blocked loops use the same trick as the library (8 independent partial sums per
// component, combined by the same pairwise tree), so that both vectorize without -ffast-math.

constexpr std::size_t lanes = 8;

inline double tree(double (&x)[lanes]) {
  for (std::size_t w = lanes / 2; w >= 1; w /= 2)
    for (std::size_t k = 0; k < w; ++k) x[k] += x[k + w];
  return x[0];
}

// L = Σ (a t + b - y)², ∂L/∂a = Σ 2 (a t + b - y) t, ∂L/∂b = Σ 2 (a t + b - y)
inline void ls_element(double ti, double yi, double& v, double& ga, double& gb) {
  const double e = a0 * ti + b0 - yi;
  const double g = 2.0 * e;
  v += e * e;
  ga += g * ti;
  gb += g;
}

// The same hint as the library's (see TAPELESS_DETAIL_LANE_LOOP in map_reduce.hpp): without it
// g++ 12 vectorizes the loop over blocks of these hand-written loops with shuffles and runs them
// at half the speed, which would flatter tapeless.
#if defined(__clang__)
#define LANE_LOOP _Pragma("clang loop unroll(disable)")
#else
#define LANE_LOOP _Pragma("GCC unroll 1")
#endif
[[gnu::noinline]] result3 ls_hand_blocked_range(const double* ts, const double* ys,
                                                std::size_t begin, std::size_t end) {
  double acc[3][lanes] = {};
  std::size_t i = begin;
  for (; end - i >= lanes; i += lanes) {
    LANE_LOOP
    for (std::size_t k = 0; k < lanes; ++k)
      ls_element(ts[i + k], ys[i + k], acc[0][k], acc[1][k], acc[2][k]);
  }
  for (std::size_t k = 0; i < end; ++i, ++k)
    ls_element(ts[i], ys[i], acc[0][k], acc[1][k], acc[2][k]);
  return {tree(acc[0]), tree(acc[1]), tree(acc[2])};
}

[[gnu::noinline]] result3 ls_hand_naive(const double* ts, const double* ys, std::size_t n) {
  double v = 0, ga = 0, gb = 0;
  for (std::size_t i = 0; i < n; ++i) ls_element(ts[i], ys[i], v, ga, gb);
  return {v, ga, gb};
}

[[gnu::noinline]] double ls_hand_adjoints(const double* ts, const double* ys, double* out,
                                          std::size_t n, double& ga_out, double& gb_out) {
  double acc[3][lanes] = {};
  std::size_t i = 0;
  for (; n - i >= lanes; i += lanes) {
    LANE_LOOP
    for (std::size_t k = 0; k < lanes; ++k) {
      const double e = a0 * ts[i + k] + b0 - ys[i + k];
      const double g = 2.0 * e;
      acc[0][k] += e * e;
      acc[1][k] += g * ts[i + k];
      acc[2][k] += g;
      out[i + k] = g * a0;  // ∂L/∂t_i
    }
  }
  for (std::size_t k = 0; i < n; ++i, ++k) {
    const double e = a0 * ts[i] + b0 - ys[i];
    const double g = 2.0 * e;
    acc[0][k] += e * e;
    acc[1][k] += g * ts[i];
    acc[2][k] += g;
    out[i] = g * a0;
  }
  ga_out = tree(acc[1]);
  gb_out = tree(acc[2]);
  return tree(acc[0]);
}

// U = Σ 4 ε (q¹² - q⁶), q = s / r: ∂U/∂ε = Σ 4 (q¹² - q⁶), ∂U/∂s = (4 ε / s) Σ (12 q¹² - 6 q⁶).
// As a person writes it: the factors common to all elements are applied once, after the loop,
// and ∂/∂s by homogeneity, so there is one division per element. sum_over derives the same
// from the expression's type (constant factors and scale parameters, map_reduce.hpp).
inline void lj_element(double ri, double& d, double& ds) {
  const double q = s0 / ri;
  const double q2 = q * q;
  const double q6 = q2 * q2 * q2;
  const double q12 = q6 * q6;
  d += q12 - q6;
  ds += 12.0 * q12 - 6.0 * q6;
}
inline result3 lj_finish(double d, double ds) {
  return {4.0 * eps0 * d, 4.0 * d, 4.0 * eps0 / s0 * ds};
}

[[gnu::noinline]] result3 lj_hand_blocked_range(const double* rs, std::size_t begin,
                                                std::size_t end) {
  double acc[2][lanes] = {};
  std::size_t i = begin;
  for (; end - i >= lanes; i += lanes) {
    LANE_LOOP
    for (std::size_t k = 0; k < lanes; ++k) lj_element(rs[i + k], acc[0][k], acc[1][k]);
  }
  for (std::size_t k = 0; i < end; ++i, ++k) lj_element(rs[i], acc[0][k], acc[1][k]);
  return lj_finish(tree(acc[0]), tree(acc[1]));
}

[[gnu::noinline]] result3 lj_hand_naive(const double* rs, std::size_t n) {
  double d = 0, ds = 0;
  for (std::size_t i = 0; i < n; ++i) lj_element(rs[i], d, ds);
  return lj_finish(d, ds);
}

/// A hand-written OpenMP version: static partition, per-thread blocked loop, combined in
/// thread order.
template <class Range>
result3 hand_parallel(std::size_t n, Range range) {
  result3 parts[64] = {};
  int used = 1;
#if defined(_OPENMP)
#pragma omp parallel
  {
    const auto nt = static_cast<std::size_t>(omp_get_num_threads());
    const auto id = static_cast<std::size_t>(omp_get_thread_num());
    if (id == 0) used = static_cast<int>(nt);
    parts[id] = range(n * id / nt, n * (id + 1) / nt);
  }
#else
  parts[0] = range(0, n);
#endif
  result3 sum{0, 0, 0};
  for (int k = 0; k < used; ++k) {
    sum.value += parts[k].value;
    sum.g0 += parts[k].g0;
    sum.g1 += parts[k].g1;
  }
  return sum;
}

// --- benchmarks -------------------------------------------------------------------------------

void report(benchmark::State& state, std::size_t n, std::size_t bytes_per_element) {
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(n * bytes_per_element));
}

void set_threads([[maybe_unused]] int k) {
#if defined(_OPENMP)
  omp_set_num_threads(k);
#endif
}

void ls_tapeless_seq(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& d = data_of(n);
  for (auto _ : state) benchmark::DoNotOptimize(ls_tapeless(d.ts, d.ys, tapeless::sequential));
  report(state, n, 16);
}
void ls_hand_blocked(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& d = data_of(n);
  for (auto _ : state)
    benchmark::DoNotOptimize(ls_hand_blocked_range(d.ts.data(), d.ys.data(), 0, n));
  report(state, n, 16);
}
void ls_hand_scalar(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& d = data_of(n);
  for (auto _ : state) benchmark::DoNotOptimize(ls_hand_naive(d.ts.data(), d.ys.data(), n));
  report(state, n, 16);
}
void ls_tapeless_adj(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  auto& d = data_of(n);
  for (auto _ : state) benchmark::DoNotOptimize(ls_tapeless_adjoints(d.ts, d.ys, d.adj));
  report(state, n, 24);
}
void ls_hand_adj(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  auto& d = data_of(n);
  double ga = 0, gb = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(ls_hand_adjoints(d.ts.data(), d.ys.data(), d.adj.data(), n, ga, gb));
    benchmark::DoNotOptimize(ga);
    benchmark::DoNotOptimize(gb);
  }
  report(state, n, 24);
}
void ls_tapeless_omp2(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& d = data_of(n);
  set_threads(2);
  for (auto _ : state) benchmark::DoNotOptimize(ls_tapeless(d.ts, d.ys, tapeless::parallel));
  report(state, n, 16);
}
void ls_hand_omp2(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& d = data_of(n);
  set_threads(2);
  for (auto _ : state)
    benchmark::DoNotOptimize(hand_parallel(n, [&](std::size_t lo, std::size_t hi) {
      return ls_hand_blocked_range(d.ts.data(), d.ys.data(), lo, hi);
    }));
  report(state, n, 16);
}

void lj_tapeless_seq(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& d = data_of(n);
  for (auto _ : state) benchmark::DoNotOptimize(lj_tapeless(d.rs, tapeless::sequential));
  report(state, n, 8);
}
void lj_tapeless_recip(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& d = data_of(n);
  for (auto _ : state) benchmark::DoNotOptimize(lj_tapeless_reciprocal(d.rs, tapeless::sequential));
  report(state, n, 8);
}
void lj_tapeless_pow6(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& d = data_of(n);
  for (auto _ : state) benchmark::DoNotOptimize(lj_tapeless_q6(d.rs, tapeless::sequential));
  report(state, n, 8);
}
void lj_hand_blocked(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& d = data_of(n);
  for (auto _ : state) benchmark::DoNotOptimize(lj_hand_blocked_range(d.rs.data(), 0, n));
  report(state, n, 8);
}
void lj_hand_scalar(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& d = data_of(n);
  for (auto _ : state) benchmark::DoNotOptimize(lj_hand_naive(d.rs.data(), n));
  report(state, n, 8);
}
void lj_tapeless_omp2(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& d = data_of(n);
  set_threads(2);
  for (auto _ : state) benchmark::DoNotOptimize(lj_tapeless(d.rs, tapeless::parallel));
  report(state, n, 8);
}
void lj_hand_omp2(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& d = data_of(n);
  set_threads(2);
  for (auto _ : state)
    benchmark::DoNotOptimize(hand_parallel(n, [&](std::size_t lo, std::size_t hi) {
      return lj_hand_blocked_range(d.rs.data(), lo, hi);
    }));
  report(state, n, 8);
}

#define SIZES Arg(1000000)->Arg(10000000)->Unit(benchmark::kMillisecond)
BENCHMARK(ls_tapeless_seq)->SIZES;
BENCHMARK(ls_hand_blocked)->SIZES;
BENCHMARK(ls_hand_scalar)->SIZES;
BENCHMARK(ls_tapeless_adj)->SIZES;
BENCHMARK(ls_hand_adj)->SIZES;
BENCHMARK(ls_tapeless_omp2)->SIZES->UseRealTime();
BENCHMARK(ls_hand_omp2)->SIZES->UseRealTime();
BENCHMARK(lj_tapeless_seq)->SIZES;
BENCHMARK(lj_tapeless_recip)->SIZES;
BENCHMARK(lj_tapeless_pow6)->SIZES;
BENCHMARK(lj_hand_blocked)->SIZES;
BENCHMARK(lj_hand_scalar)->SIZES;
BENCHMARK(lj_tapeless_omp2)->SIZES->UseRealTime();
BENCHMARK(lj_hand_omp2)->SIZES->UseRealTime();

}  // namespace

/// `bench_map_reduce --callgrind N`: each kernel once over N elements, for
/// `valgrind --tool=callgrind`; `--check`: tapeless and hand-written results agree.
int main(int argc, char** argv) {
  if (argc == 3 && std::string_view(argv[1]) == "--callgrind") {
    const auto n = static_cast<std::size_t>(std::stoul(argv[2]));
    dataset d(n);
    double ga = 0, gb = 0;
    benchmark::DoNotOptimize(ls_tapeless(d.ts, d.ys, tapeless::sequential));
    benchmark::DoNotOptimize(ls_hand_blocked_range(d.ts.data(), d.ys.data(), 0, n));
    benchmark::DoNotOptimize(ls_hand_naive(d.ts.data(), d.ys.data(), n));
    benchmark::DoNotOptimize(ls_tapeless_adjoints(d.ts, d.ys, d.adj));
    benchmark::DoNotOptimize(ls_hand_adjoints(d.ts.data(), d.ys.data(), d.adj.data(), n, ga, gb));
    benchmark::DoNotOptimize(lj_tapeless(d.rs, tapeless::sequential));
    benchmark::DoNotOptimize(lj_tapeless_reciprocal(d.rs, tapeless::sequential));
    benchmark::DoNotOptimize(lj_tapeless_q6(d.rs, tapeless::sequential));
    benchmark::DoNotOptimize(lj_hand_blocked_range(d.rs.data(), 0, n));
    benchmark::DoNotOptimize(lj_hand_naive(d.rs.data(), n));
    return 0;
  }
  if (argc == 2 && std::string_view(argv[1]) == "--check") {
    const std::size_t n = 1000003;
    dataset d(n);
    const auto close = [](const result3& p1, const result3& p2) {
      const auto near = [](double p, double q) { return std::fabs(p - q) <= 1e-9 * std::fabs(q); };
      return near(p1.value, p2.value) && near(p1.g0, p2.g0) && near(p1.g1, p2.g1);
    };
    const bool ok =
        close(ls_tapeless(d.ts, d.ys, tapeless::sequential),
              ls_hand_naive(d.ts.data(), d.ys.data(), n)) &&
        close(ls_tapeless(d.ts, d.ys, tapeless::parallel),
              ls_hand_blocked_range(d.ts.data(), d.ys.data(), 0, n)) &&
        close(lj_tapeless(d.rs, tapeless::sequential), lj_hand_naive(d.rs.data(), n)) &&
        close(lj_tapeless_reciprocal(d.rs, tapeless::sequential), lj_hand_naive(d.rs.data(), n)) &&
        close(lj_tapeless_q6(d.rs, tapeless::sequential), lj_hand_naive(d.rs.data(), n)) &&
        close(lj_tapeless(d.rs, tapeless::parallel),
              hand_parallel(n, [&](std::size_t lo, std::size_t hi) {
                return lj_hand_blocked_range(d.rs.data(), lo, hi);
              }));
    std::puts(ok ? "tapeless and hand-written results agree" : "MISMATCH");
    return ok ? 0 : 1;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
