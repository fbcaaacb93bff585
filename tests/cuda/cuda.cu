// Every tapeless function, the functional form, vectors and reductions evaluated in a
// __global__ kernel and compared with the same code run on the host; tapeless::cuda::sum_over
// and mean_over compared with the host's tapeless::sum_over (least squares, Lennard-Jones,
// float and double, adjoints, lengths around the warp and block sizes). Exits 77 (skipped)
// when no GPU is usable, so that it can be built and registered everywhere nvcc exists.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/cuda.hpp>
#include <tapeless/map_reduce.hpp>
#include <tapeless/tapeless.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

namespace {

__device__ constexpr tapeless::var<"x"> x;
__device__ constexpr tapeless::var<"y"> y;
__device__ constexpr tapeless::vec<"v", 3> v;
__device__ constexpr tapeless::var<"t"> t;
__device__ constexpr tapeless::var<"r"> r;
__device__ constexpr tapeless::var<"a"> a;
__device__ constexpr tapeless::var<"b"> b;
__device__ constexpr tapeless::var<"s"> s;

int failures = 0;

bool close(double got, double want, double tol) {
  if (std::isnan(want)) return std::isnan(got);
  return std::fabs(got - want) <= tol * (1.0 + std::fabs(want));
}

void check(bool ok, const char* what, int index, double got, double want) {
  if (!ok) {
    ++failures;
    std::printf("FAIL %s [%d]: device %.17g host %.17g\n", what, index, got, want);
  }
}

/// One scalar expression in x (domain (0, 1)) and y (domain (1, 3)): value, ∂x, ∂y.
template <class Out, class E>
__host__ __device__ void one(Out& out, int& k, const E& f, double xv, double yv) {
  const auto g = tapeless::value_and_grad(f, tapeless::at(x = xv, y = yv));
  out(k++, g.value, g.grad[x], g.grad[y]);
}

/// Every function of the library, written once, run on the host and in a kernel.
template <class Out>
__host__ __device__ void all_functions(Out& out, double xv, double yv) {
  using namespace tapeless;
  int k = 0;
  one(out, k, x * y + x / y - y, xv, yv);
  one(out, k, -x + (+y), xv, yv);
  one(out, k, abs(x - y), xv, yv);
  one(out, k, fabs(x - y), xv, yv);
  one(out, k, sqrt(x * y), xv, yv);
  one(out, k, cbrt(x * y), xv, yv);
  one(out, k, exp(x * y), xv, yv);
  one(out, k, exp2(x * y), xv, yv);
  one(out, k, expm1(x * y), xv, yv);
  one(out, k, log(x * y), xv, yv);
  one(out, k, log2(x * y), xv, yv);
  one(out, k, log10(x * y), xv, yv);
  one(out, k, log1p(x * y), xv, yv);
  one(out, k, sin(x * y), xv, yv);
  one(out, k, cos(x * y), xv, yv);
  one(out, k, tan(x * y), xv, yv);
  one(out, k, asin(x / y), xv, yv);
  one(out, k, acos(x / y), xv, yv);
  one(out, k, atan(x * y), xv, yv);
  one(out, k, atan2(x, y), xv, yv);
  one(out, k, sinh(x * y), xv, yv);
  one(out, k, cosh(x * y), xv, yv);
  one(out, k, tanh(x * y), xv, yv);
  one(out, k, asinh(x * y), xv, yv);
  one(out, k, acosh(x + y), xv, yv);
  one(out, k, atanh(x / y), xv, yv);
  one(out, k, hypot(x, y), xv, yv);
  one(out, k, hypot(x, y, x * y), xv, yv);
  one(out, k, erf(x * y), xv, yv);
  one(out, k, erfc(x * y), xv, yv);
  one(out, k, tgamma(x + y), xv, yv);
  one(out, k, lgamma(x + y), xv, yv);
  one(out, k, digamma(x + y), xv, yv);
  one(out, k, fmin(x, y - 1.5), xv, yv);
  one(out, k, fmax(x, y - 1.5), xv, yv);
  one(out, k, min(x, y - 1.5), xv, yv);
  one(out, k, max(x, y - 1.5), xv, yv);
  one(out, k, copysign(x, y - 2.0), xv, yv);
  one(out, k, fma(x, y, x * x), xv, yv);
  one(out, k, pow(x, y), xv, yv);
  one(out, k, pow(x, 2.5), xv, yv);
  one(out, k, pow(2.5, y), xv, yv);
  one(out, k, pow<3>(x * y), xv, yv);
  one(out, k, pow(x * y, c<3>), xv, yv);
  one(out, k, square(x - y), xv, yv);
  one(out, k, cube(x - y), xv, yv);
  one(out, k, sigmoid(x - y), xv, yv);
  one(out, k, softplus(x - y), xv, yv);
  one(out, k, relu(x - y + 1.5), xv, yv);
  one(out, k, log_sum_exp(x, y), xv, yv);
  one(out, k, log_sum_exp(x, y, x * y), xv, yv);
  one(out, k, select(x > 0.5 && y < 2.0, x * y, x - y), xv, yv);
  one(out, k, where(x <= 0.5 || !(y >= 2.0), sin(x), cos(y)), xv, yv);
  one(out, k, clamp(x * y, 0.5, 1.5), xv, yv);
  one(out, k, c<2.5> * x + let<"u">(x * y) * let<"u">(x * y), xv, yv);
  // vectors and reductions: v = (x, y, x y)
  const std::array<double, 3> vv{xv, yv, xv * yv};
  const auto vec_one = [&](const auto& f) {
    const auto g = value_and_grad(f, at(v = vv));
    const auto gv = g.grad[v];
    out(k++, g.value, gv[0], gv[1] + gv[2]);
  };
  vec_one(sum(sin(v) * v));
  vec_one(dot(v, v * 2.0));
  vec_one(squared_norm(v - 1.0));
  vec_one(norm(v));
  vec_one(prod(v + 1.0));
  vec_one(max(v));
  vec_one(min(v));
  vec_one(element<1>(exp(v)));
  // the functional form and eval
  const auto h = [](auto p, auto q) { return p * p * q + sin(q); };
  const auto hv = value_and_grad(h)(xv, yv);
  const auto hg = grad(h)(xv, yv);
  out(k++, hv.value, hg[0], hg[1]);
  out(k++, eval(x * y + 1.0, at(x = xv, y = yv)), grad(x * y, at(x = xv, y = yv))[x], 0.0);
  // float evaluation
  const auto gf = value_and_grad(sin(x) * y, at(x = static_cast<float>(xv), y = static_cast<float>(yv)));
  out(k++, gf.value, gf.grad[x], gf.grad[y]);
}

constexpr int max_results = 128;
constexpr int points = 64;

struct recorder {
  double* out;  // [index][3]
  int count = 0;
  __host__ __device__ void operator()(int k, double value, double dx, double dy) {
    out[3 * k] = value;
    out[3 * k + 1] = dx;
    out[3 * k + 2] = dy;
    count = k + 1;
  }
};

double point_x(int p) { return 0.05 + 0.9 * (p + 0.5) / points; }
double point_y(int p) { return 1.05 + 1.9 * ((p * 37) % points + 0.5) / points; }

__global__ void functions_kernel(const double* xs, const double* ys, double* out, int* count) {
  const int p = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
  if (p >= points) return;
  recorder rec{out + 3 * max_results * p};
  all_functions(rec, xs[p], ys[p]);
  if (p == 0) *count = rec.count;
}

#define CHECK_CUDA(call)                                                                   \
  do {                                                                                     \
    const cudaError_t e_ = (call);                                                         \
    if (e_ != cudaSuccess) {                                                               \
      std::printf("CUDA error %s at %s:%d\n", cudaGetErrorString(e_), __FILE__, __LINE__); \
      return 1;                                                                            \
    }                                                                                      \
  } while (0)

int test_functions() {
  std::vector<double> xs(points), ys(points), host(3 * max_results * points), dev(host.size());
  for (int p = 0; p < points; ++p) xs[p] = point_x(p), ys[p] = point_y(p);
  int host_count = 0;
  for (int p = 0; p < points; ++p) {
    recorder rec{host.data() + 3 * max_results * p};
    all_functions(rec, xs[p], ys[p]);
    host_count = rec.count;
  }
  double *dx = nullptr, *dy = nullptr, *dout = nullptr;
  int* dcount = nullptr;
  CHECK_CUDA(cudaMalloc(&dx, points * sizeof(double)));
  CHECK_CUDA(cudaMalloc(&dy, points * sizeof(double)));
  CHECK_CUDA(cudaMalloc(&dout, dev.size() * sizeof(double)));
  CHECK_CUDA(cudaMalloc(&dcount, sizeof(int)));
  CHECK_CUDA(cudaMemcpy(dx, xs.data(), points * sizeof(double), cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(dy, ys.data(), points * sizeof(double), cudaMemcpyHostToDevice));
  functions_kernel<<<(points + 31) / 32, 32>>>(dx, dy, dout, dcount);
  CHECK_CUDA(cudaGetLastError());
  CHECK_CUDA(cudaDeviceSynchronize());
  int dev_count = 0;
  CHECK_CUDA(cudaMemcpy(dev.data(), dout, dev.size() * sizeof(double), cudaMemcpyDeviceToHost));
  CHECK_CUDA(cudaMemcpy(&dev_count, dcount, sizeof(int), cudaMemcpyDeviceToHost));
  check(dev_count == host_count && host_count > 60 && host_count <= max_results,
        "number of expressions", 0, dev_count, host_count);
  // CUDA's libm and glibc differ by a few ulp (tgamma, lgamma, erfc up to ~10): 1e-12 relative
  for (int p = 0; p < points; ++p)
    for (int k = 0; k < 3 * host_count; ++k) {
      const std::size_t i = static_cast<std::size_t>(3 * max_results * p + k);
      check(close(dev[i], host[i], 1e-12), "function value/gradient (expression k/3)", k, dev[i],
            host[i]);
    }
  (void)cudaFree(dx), (void)cudaFree(dy), (void)cudaFree(dout), (void)cudaFree(dcount);
  return 0;
}

// ---- reductions --------------------------------------------------------------------------------

struct least_squares {
  __host__ __device__ auto operator()() const { return tapeless::square(a * t + b - y); }
};
struct lennard_jones {
  double epsilon;
  __host__ __device__ auto operator()() const {
    const auto q6 = tapeless::pow<6>(s / r);
    return 4.0 * epsilon * (q6 * q6 - q6);
  }
};

template <class E>
struct device_vector {
  E* p = nullptr;
  explicit device_vector(const std::vector<E>& h) {
    if (cudaMalloc(&p, h.size() * sizeof(E) + 1) == cudaSuccess)
      (void)cudaMemcpy(p, h.data(), h.size() * sizeof(E), cudaMemcpyHostToDevice);
  }
  ~device_vector() { (void)cudaFree(p); }
  device_vector(const device_vector&) = delete;
  device_vector& operator=(const device_vector&) = delete;
};

template <class E>
std::vector<E> to_host(const E* d, std::size_t n) {
  std::vector<E> h(n);
  if (n != 0) (void)cudaMemcpy(h.data(), d, n * sizeof(E), cudaMemcpyDeviceToHost);
  return h;
}

template <class E>
int test_least_squares(std::size_t n, tapeless::cuda::launch cfg, tapeless::cuda::workspace& ws) {
  std::vector<E> ts(n), ys(n), dt_host(n), dt_dev_init(n, E(7));
  for (std::size_t i = 0; i < n; ++i) {
    ts[i] = static_cast<E>(std::sin(0.001 * static_cast<double>(i)) * 3.0);
    ys[i] = static_cast<E>(1.7 * static_cast<double>(ts[i]) - 0.3 + 0.1 * std::cos(static_cast<double>(i)));
  }
  const device_vector<E> dts(ts), dys(ys), ddt(dt_dev_init);
  using S = std::span<const E>;
  const auto want = tapeless::sum_over(least_squares{}(), tapeless::data(t = S(ts), y = S(ys)),
                                       tapeless::at(a = E(1.5), b = E(0.25)),
                                       tapeless::adjoints(t = std::span<E>(dt_host)));
  const auto got = tapeless::cuda::sum_over(
      ws, least_squares{}, tapeless::data(t = S(dts.p, n), y = S(dys.p, n)),
      tapeless::at(a = E(1.5), b = E(0.25)), tapeless::adjoints(t = std::span<E>(ddt.p, n)), cfg);
  CHECK_CUDA(ws.error());
  // different summation orders: the bound scales with the sum of |terms|
  double mag = 0;
  for (std::size_t i = 0; i < n; ++i) mag += std::fabs(2.0 * (1.5 * ts[i] + 0.25 - ys[i]) * (1.0 + std::fabs(ts[i])));
  const double eps = sizeof(E) == 4 ? 1e-5 : 1e-13;
  const double tol = eps * (mag + 1.0);
  const int len = static_cast<int>(n);
  check(std::fabs(got.value - want.value) <= tol, "least squares value", len, got.value, want.value);
  check(std::fabs(got.grad[a] - want.grad[a]) <= tol, "least squares d/da", len, got.grad[a], want.grad[a]);
  check(std::fabs(got.grad[b] - want.grad[b]) <= tol, "least squares d/db", len, got.grad[b], want.grad[b]);
  const auto dt_dev = to_host(ddt.p, n);
  for (std::size_t i = 0; i < n; ++i)
    check(close(dt_dev[i], dt_host[i], sizeof(E) == 4 ? 1e-6 : 1e-15), "least squares adjoint t",
          static_cast<int>(i), dt_dev[i], dt_host[i]);
  // mean_over: the value divided by n, the adjoints of the mean
  const auto mean = tapeless::cuda::mean_over(ws, least_squares{},
                                              tapeless::data(t = S(dts.p, n), y = S(dys.p, n)),
                                              tapeless::at(a = E(1.5), b = E(0.25)), cfg);
  if (n == 0)
    check(std::isnan(mean.value), "mean of nothing is NaN", 0, mean.value, NAN);
  else
    check(std::fabs(mean.grad[a] * static_cast<double>(n) - want.grad[a]) <= tol, "mean d/da",
          len, mean.grad[a] * static_cast<double>(n), want.grad[a]);
  return 0;
}

int test_lennard_jones(std::size_t n, tapeless::cuda::workspace& ws) {
  std::vector<double> rs(n), dr_host(n), dr_init(n, 7.0);
  for (std::size_t i = 0; i < n; ++i) rs[i] = 0.95 + 2.0 * static_cast<double>((i * 7919) % 1000) / 1000.0;
  const device_vector<double> drs(rs), ddr(dr_init);
  using S = std::span<const double>;
  const auto want = tapeless::sum_over(lennard_jones{0.8}(), tapeless::data(r = S(rs)),
                                       tapeless::at(s = 1.1), tapeless::adjoints(r = std::span<double>(dr_host)));
  const auto got = tapeless::cuda::sum_over(ws, lennard_jones{0.8}, tapeless::data(r = S(drs.p, n)),
                                            tapeless::at(s = 1.1),
                                            tapeless::adjoints(r = std::span<double>(ddr.p, n)));
  CHECK_CUDA(ws.error());
  double mag = 0;
  for (std::size_t i = 0; i < n; ++i) mag += 100.0 * std::fabs(std::pow(1.1 / rs[i], 6.0)) * (1.0 + std::pow(1.1 / rs[i], 6.0));
  const double tol = 1e-13 * (mag + 1.0);
  check(std::fabs(got.value - want.value) <= tol, "LJ value", static_cast<int>(n), got.value, want.value);
  check(std::fabs(got.grad[s] - want.grad[s]) <= tol, "LJ d/ds", static_cast<int>(n), got.grad[s], want.grad[s]);
  const auto dr_dev = to_host(ddr.p, n);
  for (std::size_t i = 0; i < n; ++i)
    check(close(dr_dev[i], dr_host[i], 1e-13), "LJ adjoint r", static_cast<int>(i), dr_dev[i], dr_host[i]);
  return 0;
}

int test_length_mismatch(tapeless::cuda::workspace& ws) {
  const device_vector<double> d(std::vector<double>(10, 1.0));
  using S = std::span<const double>;
  const auto got = tapeless::cuda::sum_over(ws, least_squares{}, tapeless::data(t = S(d.p, 10), y = S(d.p, 9)),
                                            tapeless::at(a = 1.0, b = 1.0));
  check(std::isnan(got.value) && std::isnan(got.grad[a]), "length mismatch gives NaN", 0, got.value, NAN);
  return 0;
}

}  // namespace

int main() {
  int devices = 0;
  if (cudaGetDeviceCount(&devices) != cudaSuccess || devices == 0) {
    std::printf("no usable CUDA device: skipped (the build checked that everything compiles)\n");
    return 77;
  }
  if (test_functions() != 0) return 1;
  tapeless::cuda::workspace ws;
  for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{31}, std::size_t{32},
                              std::size_t{33}, std::size_t{255}, std::size_t{257}, std::size_t{1000},
                              std::size_t{1000003}}) {
    if (test_least_squares<double>(n, {}, ws) != 0) return 1;
    if (test_least_squares<float>(n, {}, ws) != 0) return 1;
    if (test_least_squares<double>(n, tapeless::cuda::launch{.blocks = 3, .threads = 64}, ws) != 0) return 1;
    if (test_lennard_jones(n, ws) != 0) return 1;
  }
  if (test_length_mismatch(ws) != 0) return 1;
  std::printf("%s: %d failures\n", failures == 0 ? "PASS" : "FAIL", failures);
  return failures == 0 ? 0 : 1;
}
