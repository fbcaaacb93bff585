// tapeless::cuda::sum_over against hand-written CUDA kernels (grid-stride loop, warp-shuffle
// block reduction, atomics), for the least-squares gradient (16 bytes read per element) and a
// Lennard-Jones pair energy gradient (8 bytes), over 10^8 doubles by default; reports time and
// achieved memory bandwidth. Checks first that both compute the same values (relative 1e-9).
// Usage: bench_cuda [N] [repetitions]; docs/cuda.md has the command and the results.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/cuda.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

__device__ constexpr tapeless::var<"t"> t;
__device__ constexpr tapeless::var<"y"> y;
__device__ constexpr tapeless::var<"r"> r;
__device__ constexpr tapeless::var<"a"> a;
__device__ constexpr tapeless::var<"b"> b;
__device__ constexpr tapeless::var<"s"> s;

struct least_squares {
  __host__ __device__ auto operator()() const { return tapeless::square(a * t + b - y); }
};
// E = Σ 4ε((s/r)¹² − (s/r)⁶), gradient with respect to s
struct lennard_jones {
  double epsilon;
  __host__ __device__ auto operator()() const {
    const auto q6 = tapeless::pow<6>(s * (tapeless::c<1> / r));
    return 4.0 * epsilon * (q6 * q6 - q6);
  }
};

__device__ inline double warp_sum(double v) {
  for (int o = 16; o > 0; o /= 2) v += __shfl_down_sync(0xffffffffu, v, o);
  return v;
}

/// Block reduction of three sums, then one atomicAdd per sum and block.
__device__ inline void block_add(double (&v)[3], double* out, int m) {
  __shared__ double w[32][3];
  const unsigned lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  for (int j = 0; j < m; ++j) v[j] = warp_sum(v[j]);
  if (lane == 0)
    for (int j = 0; j < m; ++j) w[warp][j] = v[j];
  __syncthreads();
  if (warp == 0) {
    for (int j = 0; j < m; ++j) v[j] = warp_sum(lane < blockDim.x / 32 ? w[lane][j] : 0.0);
    if (lane == 0)
      for (int j = 0; j < m; ++j) atomicAdd(out + j, v[j]);
  }
}

/// The plain hand-written fused kernel: out = {Σ e², Σ 2 e t, Σ 2 e}, e = a t + b − y.
__global__ void hand_least_squares(const double* __restrict__ ts, const double* __restrict__ ys,
                                   std::size_t n, double av, double bv, double* out) {
  double v[3] = {0, 0, 0};
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    const double ti = ts[i];
    const double e = av * ti + bv - ys[i];
    v[0] += e * e;
    v[1] += 2.0 * e * ti;
    v[2] += 2.0 * e;
  }
  block_add(v, out, 3);
}

/// Hand-written Lennard-Jones as a person writes it: q = s/r, q⁶, q¹² = q⁶·q⁶; the constant
/// factors (4ε, 1/s) applied once on the host. out = {Σ (q¹² − q⁶), Σ (12 q¹² − 6 q⁶)}.
__global__ void hand_lennard_jones(const double* __restrict__ rs, std::size_t n, double sv,
                                   double* out) {
  double v[3] = {0, 0, 0};
  for (std::size_t i = blockIdx.x * static_cast<std::size_t>(blockDim.x) + threadIdx.x; i < n;
       i += static_cast<std::size_t>(gridDim.x) * blockDim.x) {
    const double q = sv / rs[i];
    const double q2 = q * q;
    const double q6 = q2 * q2 * q2;
    const double q12 = q6 * q6;
    v[0] += q12 - q6;
    v[1] += 12.0 * q12 - 6.0 * q6;
  }
  block_add(v, out, 2);
}

#define CHECK_CUDA(call)                                                                   \
  do {                                                                                     \
    const cudaError_t e_ = (call);                                                         \
    if (e_ != cudaSuccess) {                                                               \
      std::printf("CUDA error %s at %s:%d\n", cudaGetErrorString(e_), __FILE__, __LINE__); \
      std::exit(1);                                                                        \
    }                                                                                      \
  } while (0)

template <class F>
double median_ms(F&& launch, int reps) {
  cudaEvent_t start, stop;
  CHECK_CUDA(cudaEventCreate(&start));
  CHECK_CUDA(cudaEventCreate(&stop));
  launch();  // warm-up
  CHECK_CUDA(cudaDeviceSynchronize());
  std::vector<float> ms;
  for (int k = 0; k < reps; ++k) {
    CHECK_CUDA(cudaEventRecord(start));
    launch();
    CHECK_CUDA(cudaEventRecord(stop));
    CHECK_CUDA(cudaEventSynchronize(stop));
    float x = 0;
    CHECK_CUDA(cudaEventElapsedTime(&x, start, stop));
    ms.push_back(x);
  }
  CHECK_CUDA(cudaGetLastError());
  std::sort(ms.begin(), ms.end());
  (void)cudaEventDestroy(start);
  (void)cudaEventDestroy(stop);
  return ms[ms.size() / 2];
}

bool agree(const char* what, double hand, double tl) {
  const bool ok = std::fabs(hand - tl) <= 1e-9 * (std::fabs(hand) + 1e-300);
  if (!ok) std::printf("MISMATCH %s: hand %.17g tapeless %.17g\n", what, hand, tl);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000000ull;
  const int reps = argc > 2 ? std::atoi(argv[2]) : 20;
  int devices = 0;
  if (cudaGetDeviceCount(&devices) != cudaSuccess || devices == 0) {
    std::printf("no usable CUDA device\n");
    return 77;
  }
  cudaDeviceProp prop{};
  CHECK_CUDA(cudaGetDeviceProperties(&prop, 0));
  const int threads = 256;
  int per_sm = 0;
  CHECK_CUDA(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&per_sm, hand_least_squares, threads, 0));
  const int blocks = prop.multiProcessorCount * per_sm;  // the same grid for both kernels
  std::printf("%s, %d SMs, N = %zu doubles, %d threads x %d blocks, median of %d\n", prop.name,
              prop.multiProcessorCount, n, threads, blocks, reps);

  double *d_t = nullptr, *d_y = nullptr, *d_out = nullptr;
  CHECK_CUDA(cudaMalloc(&d_t, n * sizeof(double)));
  CHECK_CUDA(cudaMalloc(&d_y, n * sizeof(double)));
  CHECK_CUDA(cudaMalloc(&d_out, 3 * sizeof(double)));
  {
    std::vector<double> h(n);
    for (std::size_t i = 0; i < n; ++i) h[i] = 1.0 + static_cast<double>(i % 1000) * 1e-3;
    CHECK_CUDA(cudaMemcpy(d_t, h.data(), n * sizeof(double), cudaMemcpyHostToDevice));
    for (std::size_t i = 0; i < n; ++i) h[i] = 2.0 * h[i] - 0.5 + 1e-3 * static_cast<double>(i % 7);
    CHECK_CUDA(cudaMemcpy(d_y, h.data(), n * sizeof(double), cudaMemcpyHostToDevice));
  }
  using S = std::span<const double>;
  const auto data_ls = tapeless::data(t = S(d_t, n), y = S(d_y, n));
  const auto data_lj = tapeless::data(r = S(d_t, n));
  const tapeless::cuda::launch cfg{.blocks = blocks, .threads = threads};
  tapeless::cuda::workspace ws;
  const double av = 1.9, bv = -0.4, sv = 1.1, eps = 0.8;

  // correctness first
  double hand[3];
  CHECK_CUDA(cudaMemset(d_out, 0, 3 * sizeof(double)));
  hand_least_squares<<<blocks, threads>>>(d_t, d_y, n, av, bv, d_out);
  CHECK_CUDA(cudaMemcpy(hand, d_out, 3 * sizeof(double), cudaMemcpyDeviceToHost));
  const auto ls = tapeless::cuda::sum_over(ws, least_squares{}, data_ls, tapeless::at(a = av, b = bv), cfg);
  bool ok = agree("least squares value", hand[0], ls.value) &&
            agree("least squares d/da", hand[1], ls.grad[a]) && agree("least squares d/db", hand[2], ls.grad[b]);
  CHECK_CUDA(cudaMemset(d_out, 0, 3 * sizeof(double)));
  hand_lennard_jones<<<blocks, threads>>>(d_t, n, sv, d_out);
  CHECK_CUDA(cudaMemcpy(hand, d_out, 3 * sizeof(double), cudaMemcpyDeviceToHost));
  const auto lj = tapeless::cuda::sum_over(ws, lennard_jones{eps}, data_lj, tapeless::at(s = sv), cfg);
  ok = ok && agree("Lennard-Jones value", 4 * eps * hand[0], lj.value) &&
       agree("Lennard-Jones d/ds", 4 * eps * hand[1] / sv, lj.grad[s]);
  CHECK_CUDA(ws.error());
  if (!ok) return 1;

  // timings: the hand-written kernels include their output reset, tapeless its own bookkeeping
  const double ls_hand = median_ms([&] {
    (void)cudaMemsetAsync(d_out, 0, 3 * sizeof(double));
    hand_least_squares<<<blocks, threads>>>(d_t, d_y, n, av, bv, d_out);
  }, reps);
  const double ls_tl = median_ms([&] {
    (void)tapeless::cuda::sum_over_async(ws, least_squares{}, data_ls, tapeless::at(a = av, b = bv), cfg);
  }, reps);
  const double lj_hand = median_ms([&] {
    (void)cudaMemsetAsync(d_out, 0, 3 * sizeof(double));
    hand_lennard_jones<<<blocks, threads>>>(d_t, n, sv, d_out);
  }, reps);
  const double lj_tl = median_ms([&] {
    (void)tapeless::cuda::sum_over_async(ws, lennard_jones{eps}, data_lj, tapeless::at(s = sv), cfg);
  }, reps);
  CHECK_CUDA(ws.error());

  const auto row = [&](const char* name, double ms, double bytes_per_element) {
    std::printf("| %-28s | %9.3f | %8.1f |\n", name, ms,
                bytes_per_element * static_cast<double>(n) / (ms * 1e-3) / 1e9);
  };
  std::printf("| kernel                       |   ms      |  GB/s    |\n|---|---|---|\n");
  row("least squares, hand-written", ls_hand, 16);
  row("least squares, tapeless", ls_tl, 16);
  row("Lennard-Jones, hand-written", lj_hand, 8);
  row("Lennard-Jones, tapeless", lj_tl, 8);
  std::printf("tapeless / hand-written (throughput): least squares %.3f, Lennard-Jones %.3f "
              "(goal >= 0.95)\n", ls_hand / ls_tl, lj_hand / lj_tl);
  (void)cudaFree(d_t);
  (void)cudaFree(d_y);
  (void)cudaFree(d_out);
  return 0;
}
