// A straight-line fit on the GPU: the data live in device memory, tapeless::cuda::sum_over
// computes the loss and its gradient in one kernel, gradient descent runs on the host. Checks
// itself (exit 1 when the fit misses the line the data were made from; 77 without a GPU).
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/cuda.hpp>

#include <cmath>
#include <cstdio>
#include <vector>

__device__ constexpr tapeless::var<"t"> t;  // data
__device__ constexpr tapeless::var<"y"> y;
__device__ constexpr tapeless::var<"a"> a;  // parameters
__device__ constexpr tapeless::var<"b"> b;

// The expression reaches the kernel through a maker: a class whose operator() returns it.
struct squared_error {
  __host__ __device__ auto operator()() const { return tapeless::square(a * t + b - y); }
};

int main() {
  int devices = 0;
  if (cudaGetDeviceCount(&devices) != cudaSuccess || devices == 0) {
    std::printf("no usable CUDA device: skipped\n");
    return 77;
  }
  const std::size_t n = 1 << 20;
  std::vector<double> ts(n), ys(n);
  for (std::size_t i = 0; i < n; ++i) {
    ts[i] = static_cast<double>(i) / static_cast<double>(n);
    ys[i] = 2.0 * ts[i] - 0.5 + 0.01 * std::sin(1e3 * ts[i]);  // the line 2t - 0.5, plus noise
  }
  double *d_t = nullptr, *d_y = nullptr;
  if (cudaMalloc(&d_t, n * sizeof(double)) != cudaSuccess ||
      cudaMalloc(&d_y, n * sizeof(double)) != cudaSuccess)
    return 1;
  (void)cudaMemcpy(d_t, ts.data(), n * sizeof(double), cudaMemcpyHostToDevice);
  (void)cudaMemcpy(d_y, ys.data(), n * sizeof(double), cudaMemcpyHostToDevice);

  tapeless::cuda::workspace ws;  // device scratch, reused by every call
  const auto data = tapeless::data(t = std::span<const double>(d_t, n),
                                   y = std::span<const double>(d_y, n));
  double av = 0.0, bv = 0.0;
  for (int step = 0; step < 2000; ++step) {
    const auto r = tapeless::cuda::mean_over(ws, squared_error{}, data, tapeless::at(a = av, b = bv));
    av -= 0.5 * r.grad[a];  // the Hessian's largest eigenvalue is 2.54: steps below 2/2.54
    bv -= 0.5 * r.grad[b];
  }
  const auto r = tapeless::cuda::mean_over(ws, squared_error{}, data, tapeless::at(a = av, b = bv));
  std::printf("a = %.6f, b = %.6f, mean squared error %.3g (CUDA status: %s)\n", av, bv, r.value,
              cudaGetErrorString(ws.error()));
  (void)cudaFree(d_t);
  (void)cudaFree(d_y);
  const bool ok = ws.error() == cudaSuccess && std::fabs(av - 2.0) < 1e-2 && std::fabs(bv + 0.5) < 1e-2;
  return ok ? 0 : 1;
}
