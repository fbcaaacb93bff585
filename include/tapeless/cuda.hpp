// tapeless::cuda::sum_over and mean_over: the fused map-reduce gradient of map_reduce.hpp as one
// CUDA kernel (grid-stride loop, warp-shuffle block reduction, blocks combined in a fixed order
// by the last block to finish), for data that live in GPU memory. The per-element step is the
// library's own forward and reverse sweep, as on the host; everything else in tapeless
// (eval, grad, value_and_grad, every function) is callable in __device__ code as it is.
// The expression reaches the kernel as a *maker*, a class that returns it, because nvcc cannot
// name a kernel whose template arguments spell an expression type (see docs/cuda.md).
// Needs nvcc with -std=c++20 --expt-relaxed-constexpr.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#if !defined(__CUDACC__)
#error "tapeless/cuda.hpp is for nvcc (-std=c++20 --expt-relaxed-constexpr); the rest of tapeless needs no CUDA"
#endif

#include <cuda_runtime.h>

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

#include <tapeless/config.hpp>
#include <tapeless/map_reduce.hpp>
#include <tapeless/tapeless.hpp>

namespace tapeless::cuda {

/// Launch parameters, an option of sum_over/mean_over like at(...). `blocks == 0`: as many
/// blocks as the device keeps resident at once (occupancy × multiprocessors), at most one per
/// `threads` elements. `threads` is rounded down to a multiple of 32 in [32, 1024]. The
/// summation order, hence the rounding, depends on the length, `blocks` and `threads` only.
struct launch {
  int blocks = 0;
  int threads = 256;
  cudaStream_t stream = nullptr;
};

/// Device scratch memory for the reductions: per-block partial sums, the result and a counter.
/// Allocated (cudaMalloc) on first use and grown when a call needs more; freed by the
/// destructor. Reuse one workspace for repeated calls to avoid allocating each time; one
/// workspace serves one reduction in flight at a time (calls on one stream are in order).
class workspace {
 public:
  workspace() = default;
  workspace(const workspace&) = delete;
  workspace& operator=(const workspace&) = delete;
  ~workspace() {
    if (memory_ != nullptr) (void)cudaFree(memory_);
  }

  /// The device memory, at least `bytes` of it, with the counter (the last 16 bytes) zero;
  /// nullptr when the allocation failed (`error()` says why).
  void* reserve(std::size_t bytes, cudaStream_t stream) noexcept {
    if (bytes > size_) {
      if (memory_ != nullptr) (void)cudaFree(memory_);
      memory_ = nullptr;
      size_ = 0;
      error_ = cudaMalloc(&memory_, bytes);
      if (error_ != cudaSuccess) {
        memory_ = nullptr;
        return nullptr;
      }
      size_ = bytes;
      error_ = cudaMemsetAsync(memory_, 0, size_, stream);
      if (error_ != cudaSuccess) return nullptr;
    }
    return memory_;
  }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  /// The first CUDA error met by this workspace (allocation, launch, copy), or cudaSuccess.
  [[nodiscard]] cudaError_t error() const noexcept { return error_; }
  void record(cudaError_t e) noexcept {
    if (error_ == cudaSuccess) error_ = e;
  }

 private:
  void* memory_ = nullptr;
  std::size_t size_ = 0;
  cudaError_t error_ = cudaSuccess;
};

}  // namespace tapeless::cuda

namespace tapeless::detail {

/// cuda::launch takes the policy slot among the options of sum_over (map_reduce.hpp), so the
/// host checks (one at(...), one adjoints(...), every variable bound) apply unchanged.
template <>
struct option_kind<cuda::launch> {
  static constexpr int value = 3;
};

namespace gpu {

/// At most this many variables per reduction (one bit each in the kernel's masks).
inline constexpr std::size_t max_variables = 64;

/// The values array of a graph: its node slots, plus dense blocks and element caches where the
/// graph has them (graph.hpp's `storage`; reductions take scalar variables only); with
/// `adjoints`, the adjoints array: node slots and dense blocks, no cache (`adjoint_storage`).
template <class Root>
constexpr std::size_t storage_of(bool adjoints = false) noexcept {
  if constexpr (requires { graph_of<Root>::storage; })
    return adjoints ? graph_of<Root>::adjoint_storage : graph_of<Root>::storage;
  else
    return graph_of<Root>::size;
}

/// Read-only loads through the non-coherent cache, as a hand-written kernel with
/// `const T* __restrict__` gets them.
template <class E>
__device__ TAPELESS_INLINE E load(const E* p) noexcept {
  return __ldg(p);
}

template <class T>
__device__ TAPELESS_INLINE T warp_sum(T s) noexcept {
  for (int offset = 16; offset > 0; offset /= 2) s += __shfl_down_sync(0xffffffffu, s, offset);
  return s;
}

/// What the kernel gets besides the maker, per variable of the expression (in the order of
/// variables_of): its data column or its parameter value, and where its adjoints go. Plain
/// pointers and numbers only: nvcc spells a kernel's parameter types in host code.
template <class T, std::size_t NV>
struct arguments {
  const void* data[NV == 0 ? 1 : NV];
  void* adjoints[NV == 0 ? 1 : NV];
  T params[NV == 0 ? 1 : NV];
  std::size_t size;
  T seed;
  T* partials;
  unsigned int* counter;
  T* result;
};

constexpr std::size_t bits_below(std::uint64_t mask, std::size_t k) noexcept {
  std::size_t c = 0;
  for (std::size_t j = 0; j < k; ++j) c += (mask >> j) & 1u;
  return c;
}

template <std::size_t K, class... V>
struct nth_type_impl;
template <class V0, class... V>
struct nth_type_impl<0, V0, V...> {
  using type = V0;
};
template <std::size_t K, class V0, class... V>
struct nth_type_impl<K, V0, V...> {
  using type = typename nth_type_impl<K - 1, V...>::type;
};

template <std::size_t K, class... V>
using nth_type = typename nth_type_impl<K, V...>::type;

/// The reduction of the expression made by Maker. Variable k of the expression is data when
/// bit k of DataMask is set (float data when bit k of FloatData is, else double), a parameter
/// otherwise; AdjMask/FloatAdj: the same for the adjoint outputs.
template <class Root, class T, bool Mean, std::uint64_t DataMask, std::uint64_t FloatData,
          std::uint64_t AdjMask, std::uint64_t FloatAdj, class Vars = variables_of<Root>>
struct device_reduction;

template <class Root, class T, bool Mean, std::uint64_t DataMask, std::uint64_t FloatData,
          std::uint64_t AdjMask, std::uint64_t FloatAdj, class... V>
struct device_reduction<Root, T, Mean, DataMask, FloatData, AdjMask, FloatAdj, type_list<V...>> {
  static constexpr std::size_t n = graph_of<Root>::size;
  static constexpr std::size_t nv = sizeof...(V);
  static constexpr std::size_t np = nv - bits_below(DataMask, nv);
  static constexpr std::size_t m = np + 1;  // the parameter gradient, then the value
  using args = arguments<T, nv>;

  template <std::size_t K>
  static constexpr bool is_data = ((DataMask >> K) & 1u) != 0;

  template <std::size_t K>
  __device__ TAPELESS_INLINE static T value_of(const args& x, std::size_t i) noexcept {
    if constexpr (!is_data<K>)
      return x.params[K];
    else if constexpr (((FloatData >> K) & 1u) != 0)
      return static_cast<T>(load(static_cast<const float*>(x.data[K]) + i));
    else
      return static_cast<T>(load(static_cast<const double*>(x.data[K]) + i));
  }

  template <std::size_t K>
  __device__ TAPELESS_INLINE static void use_adjoint(const args& x, const T* a, T (&acc)[m],
                                                     std::size_t i) noexcept {
    using Var = nth_type<K, V...>;
    constexpr std::uint32_t node = node_of<Root, Var>;
    if constexpr (!is_data<K>) {
      acc[K - bits_below(DataMask, K)] += a[node];
    } else if constexpr (((AdjMask >> K) & 1u) != 0) {
      // -0 from branches not taken (select) reported as 0, as on the host
      const T adj = has_select<Root>() ? a[node] + static_cast<T>(0) : a[node];
      if constexpr (((FloatAdj >> K) & 1u) != 0)
        static_cast<float*>(x.adjoints[K])[i] = static_cast<float>(adj);
      else
        static_cast<double*>(x.adjoints[K])[i] = static_cast<double>(adj);
    }
  }

  /// One element: the library's sweeps at (data_i, parameters), the parameter adjoints and the
  /// value added to `acc`, the requested data adjoints stored.
  template <class C, std::size_t... K>
  __device__ TAPELESS_INLINE static void element(const C* c, const args& x, std::size_t i,
                                                 T (&acc)[m], std::index_sequence<K...>) noexcept {
    const env<binding<V, T>...> e{binding<V, T>{value_of<K>(x, i)}...};
    constexpr auto nodes = std::make_index_sequence<n>{};
    T v[storage_of<Root>()];
    if constexpr (graph_of<Root>::value.has_select) init_values(v, nodes);  // see sweep_both
    T a[storage_of<Root>(true)];
    forward_sweep<Root>(c, e, v, nodes);
    clear_adjoints(a, nodes);
    a[n - 1] = Mean ? x.seed : static_cast<T>(1);
    if constexpr (requires { reverse_sweep<Root>(v, a, nodes); }) {
      reverse_sweep<Root>(v, a, nodes);
    } else {
      T gv[1] = {};  // the entries of vector variables, which reductions do not take
      reverse_sweep<Root>(c, e, v, a, gv, nodes);
    }
    acc[np] += v[n - 1];
    [[maybe_unused]] const int uses[] = {(use_adjoint<K>(x, a, acc, i), 0)..., 0};
  }
};

}  // namespace gpu
}  // namespace tapeless::detail

namespace tapeless::cuda {

/// Sums the M values of every thread of the block; thread 0 gets the sums, the other threads
/// unspecified values. Call it from all threads of the block (it synchronises); blockDim.x a
/// multiple of 32. The order is fixed (shuffles within warps, then warps in order), so the
/// result does not depend on timing.
template <std::size_t M, class T>
__device__ TAPELESS_INLINE void block_sum(T (&s)[M]) noexcept {
  __shared__ T warps[32][M];
  const unsigned lane = threadIdx.x % 32u;
  const unsigned warp = threadIdx.x / 32u;
  const unsigned nwarps = (blockDim.x + 31u) / 32u;
#pragma unroll
  for (std::size_t j = 0; j < M; ++j) s[j] = tapeless::detail::gpu::warp_sum(s[j]);
  if (lane == 0)
#pragma unroll
    for (std::size_t j = 0; j < M; ++j) warps[warp][j] = s[j];
  __syncthreads();
  if (warp == 0) {
#pragma unroll
    for (std::size_t j = 0; j < M; ++j)
      s[j] = tapeless::detail::gpu::warp_sum(lane < nwarps ? warps[lane][j] : T{});
  }
  __syncthreads();  // warps[] may be reused by the next call
}

namespace detail {

/// The kernel: a grid-stride loop over the elements into per-thread sums, a block reduction,
/// the block's sums to `partials`; the last block to finish (a ticket counter) adds the blocks'
/// sums in block order into `result` and leaves the counter at zero for the next launch.
/// Its template arguments are the maker and plain numbers, never an expression type.
template <class Maker, class T, bool Mean, std::uint64_t DataMask, std::uint64_t FloatData,
          std::uint64_t AdjMask, std::uint64_t FloatAdj, std::size_t NV>
__global__ void sum_over_kernel(const Maker maker,
                                const tapeless::detail::gpu::arguments<T, NV> x) {
  const auto f = maker();
  using Root = std::remove_cvref_t<decltype(f)>;
  using R = tapeless::detail::gpu::device_reduction<Root, T, Mean, DataMask, FloatData, AdjMask,
                                                    FloatAdj>;
  constexpr std::size_t m = R::m;
  T acc[m];
#pragma unroll
  for (std::size_t j = 0; j < m; ++j) acc[j] = T{};
  const auto* c = tapeless::detail::constants_of(f);
  const std::size_t stride = static_cast<std::size_t>(gridDim.x) * blockDim.x;
  for (std::size_t i = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x;
       i < x.size; i += stride)
    R::element(c, x, i, acc, std::make_index_sequence<NV>{});
  block_sum(acc);

  __shared__ bool last;
  if (threadIdx.x == 0) {
#pragma unroll
    for (std::size_t j = 0; j < m; ++j) x.partials[blockIdx.x * m + j] = acc[j];
    __threadfence();  // the partials are visible before the ticket is
    last = atomicInc(x.counter, gridDim.x - 1u) == gridDim.x - 1u;  // wraps to 0: reset
  }
  __syncthreads();
  if (!last) return;
  __threadfence();
#pragma unroll
  for (std::size_t j = 0; j < m; ++j) acc[j] = T{};
  const volatile T* blocks = x.partials;  // written by other blocks: not through L1
  for (std::size_t b = threadIdx.x; b < gridDim.x; b += blockDim.x)
#pragma unroll
    for (std::size_t j = 0; j < m; ++j) acc[j] += blocks[b * m + j];
  block_sum(acc);
  if (threadIdx.x == 0)
#pragma unroll
    for (std::size_t j = 0; j < m; ++j) x.result[j] = acc[j];
}

}  // namespace detail

/// A reduction enqueued on a stream: `get()` copies its result back, waits for the stream and
/// returns it (`r.value`, `r.grad[a]`, as sum_over on the host). NaN for every component when a
/// CUDA call failed (`error()` says which error) or the spans differ in length.
template <class T, class Grad, std::size_t M, bool Mean>
class pending {
 public:
  using result_type = value_and_gradient<T, Grad>;

  pending(const T* result_, std::size_t n_, cudaStream_t queue_, workspace* space_,
          bool error_) noexcept
      : device_result_(result_), size_(n_), stream_(queue_), ws_(space_), failed_(error_) {}

  /// Copies the result back and synchronises the stream (which also completes the adjoints).
  [[nodiscard]] result_type get() noexcept {
    T s[M];
    bool ok = !failed_ && device_result_ != nullptr;
    if (ok) {
      ws_->record(cudaMemcpyAsync(s, device_result_, sizeof(s), cudaMemcpyDeviceToHost, stream_));
      ws_->record(cudaStreamSynchronize(stream_));
      ok = ws_->error() == cudaSuccess;
    }
    if (!ok || (Mean && size_ == 0))
      for (auto& v : s) v = tapeless::detail::quiet_nan<T>();
    const T value = Mean && ok && size_ != 0 ? s[M - 1] / static_cast<T>(size_) : s[M - 1];
    return result_type{value, tapeless::detail::make_parameter_gradient<Grad>(
                                  s, std::make_index_sequence<M - 1>{})};
  }

  /// The result in device memory (M values: the parameter gradient in the order of the
  /// expression's variables, then the sum; not divided by the length for mean_over), valid
  /// until the workspace runs its next reduction; nullptr after a failure.
  [[nodiscard]] const T* device_result() const noexcept {
    return failed_ ? nullptr : device_result_;
  }
  [[nodiscard]] cudaError_t error() const noexcept { return ws_->error(); }

 private:
  const T* device_result_;
  std::size_t size_;
  cudaStream_t stream_;
  workspace* ws_;
  bool failed_;
};

namespace detail {
using namespace tapeless::detail;

template <class V, class E>
constexpr const tapeless::detail::adjoint_binding<V, E>& adjoint_of(
    const tapeless::detail::adjoint_binding<V, E>& b) noexcept {
  return b;  // NOLINT(bugprone-return-const-ref-from-parameter): only ever an adjoint_set
}

/// The masks and pointers of one reduction, on the host.
template <class Root, class Data, class Env, class Out, class T, class Vars = variables_of<Root>>
struct plan;
template <class Root, class Data, class Env, class Out, class T, class... V>
struct plan<Root, Data, Env, Out, T, type_list<V...>> {
  static constexpr std::size_t nv = sizeof...(V);

  template <class Set, class Var>
  static constexpr bool float_elements() noexcept {
    if constexpr (!Set::template binds<Var>)
      return false;
    else if constexpr (std::is_same_v<Set, Data>)
      return std::is_same_v<typename decltype(std::declval<const Data&>().template values<Var>())::value_type, float>;
    else
      return std::is_same_v<typename std::remove_cvref_t<decltype(adjoint_of<Var>(std::declval<const Out&>()))>::element_type, float>;
  }
  template <class Set, bool Float>
  static constexpr std::uint64_t mask() noexcept {
    std::uint64_t r = 0;
    std::uint64_t bit = 1;
    ((r |= (Set::template binds<V> && (!Float || float_elements<Set, V>()) ? bit : 0), bit <<= 1), ...);
    return r;
  }
  static constexpr std::uint64_t data = mask<Data, false>();
  static constexpr std::uint64_t float_data = mask<Data, true>();
  static constexpr std::uint64_t adjoints = mask<Out, false>();
  static constexpr std::uint64_t float_adjoints = mask<Out, true>();

  template <class Var>
  static void fill_one(gpu::arguments<T, nv>& x, std::size_t k, const Data& d, const Env& e,
                       const Out& o) noexcept {
    x.data[k] = nullptr;
    x.adjoints[k] = nullptr;
    x.params[k] = T{};
    if constexpr (Data::template binds<Var>)
      x.data[k] = d.template values<Var>().data();
    else
      x.params[k] = static_cast<T>(e.template get<Var>());
    if constexpr (Out::template binds<Var>) x.adjoints[k] = adjoint_of<Var>(o).values.data();
  }
  static gpu::arguments<T, nv> fill(const Data& d, const Env& e, const Out& o) noexcept {
    gpu::arguments<T, nv> x{};
    std::size_t k = 0;
    ((fill_one<V>(x, k++, d, e, o)), ...);
    return x;
  }
};

/// Adjoint outputs for data variables the expression does not use: zeros, as on the host.
template <class Root, class... Bs>
void zero_unused_adjoints([[maybe_unused]] const adjoint_set<Bs...>& out,
                          [[maybe_unused]] std::size_t size, [[maybe_unused]] cudaStream_t stream,
                          [[maybe_unused]] workspace& ws) noexcept {
  [[maybe_unused]] const int z[] = {
      (node_of<Root, typename Bs::variable> == no_node
           ? (ws.record(cudaMemsetAsync(static_cast<const Bs&>(out).values.data(), 0,
                                        size * sizeof(typename Bs::element_type), stream)),
              0)
           : 0)...,
      0};
}

template <bool Mean, class Maker, class Data, class... Options>
auto enqueue(workspace& ws, const Maker& maker, const Data& data,
             const Options&... opts) noexcept {
  using Root = std::remove_cvref_t<decltype(maker())>;
  const auto e = option_of<1>(env<>{}, opts...);
  const auto out = option_of<2>(adjoint_set<>{}, opts...);
  const launch cfg = option_of<3>(launch{}, opts...);
  using Env = std::remove_cvref_t<decltype(e)>;
  using Out = std::remove_cvref_t<decltype(out)>;
  using T = typename evaluation_type_of<
      typename concat<decltype(element_types(static_cast<const Data*>(nullptr))),
                      decltype(as_binding_types(static_cast<const Env*>(nullptr)))>::type>::type;
  using vars = variables_of<Root>;
  using P = typename bound_in<Env, vars>::type;
  using Plan = plan<Root, Data, Env, Out, T>;
  using Grad =
      parameter_gradient<T, P, decltype(variables_list(static_cast<const Data*>(nullptr)))>;
  constexpr std::size_t m = tapeless::detail::gpu::device_reduction<
      Root, T, Mean, Plan::data, Plan::float_data, Plan::adjoints, Plan::float_adjoints>::m;
  using result = pending<T, Grad, m, Mean>;

  const std::size_t size = first_size(data);
  if (!sizes_equal(size, data) || !sizes_equal(size, out)) {
    TAPELESS_CONFIG_PRECONDITION_FAILED(
        "tapeless::cuda::sum_over: the spans in data(...) and adjoints(...) differ in length");
    return result(nullptr, size, cfg.stream, &ws, true);
  }

  const auto kernel =
      sum_over_kernel<Maker, T, Mean, Plan::data, Plan::float_data, Plan::adjoints,
                      Plan::float_adjoints, Plan::nv>;
  int threads = cfg.threads < 32 ? 32 : (cfg.threads > 1024 ? 1024 : cfg.threads);
  threads -= threads % 32;
  std::size_t blocks = cfg.blocks > 0 ? static_cast<std::size_t>(cfg.blocks) : 0;
  if (blocks == 0) {
    int device = 0, sms = 0, per_sm = 0;
    ws.record(cudaGetDevice(&device));
    ws.record(cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, device));
    ws.record(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&per_sm, kernel, threads, 0));
    blocks = static_cast<std::size_t>(sms > 0 ? sms : 1) *
             static_cast<std::size_t>(per_sm > 0 ? per_sm : 1);
  }
  const std::size_t per_block = static_cast<std::size_t>(threads);
  const std::size_t needed = (size + per_block - 1) / per_block;
  if (blocks > needed) blocks = needed;
  if (blocks < 1) blocks = 1;
  if (blocks > 0x7fffffffu) blocks = 0x7fffffffu;

  // [partials: blocks × m][result: m] ... [counter: the last 16 bytes, zeroed by reserve()
  // and left at zero by every kernel]
  const std::size_t values = (blocks + 1) * m * sizeof(T);
  auto* memory = static_cast<unsigned char*>(ws.reserve((values + 15) / 16 * 16 + 16, cfg.stream));
  if (memory == nullptr || ws.error() != cudaSuccess)
    return result(nullptr, size, cfg.stream, &ws, true);

  auto x = Plan::fill(data, e, out);
  x.size = size;
  x.seed = Mean && size != 0 ? static_cast<T>(1) / static_cast<T>(size) : static_cast<T>(1);
  x.partials = reinterpret_cast<T*>(memory);
  x.result = x.partials + blocks * m;
  x.counter = reinterpret_cast<unsigned int*>(memory + (ws.size() - 16));
  zero_unused_adjoints<Root>(out, size, cfg.stream, ws);
  kernel<<<static_cast<unsigned>(blocks), static_cast<unsigned>(threads), 0, cfg.stream>>>(maker,
                                                                                            x);
  ws.record(cudaGetLastError());
  return result(x.result, size, cfg.stream, &ws, ws.error() != cudaSuccess);
}

/// What sum_over_async returns after a reported error, so that `.get().value` adds no second
/// error.
struct invalid_pending {
  [[nodiscard]] static tapeless::detail::reduction_result_after_error get() noexcept { return {}; }
};

template <class T>
constexpr bool is_host_policy =
    std::is_same_v<T, sequential_policy> || std::is_same_v<T, parallel_policy>;

template <class... Bs>
constexpr bool device_element_types(const data_set<Bs...>*) noexcept {
  return ((std::is_same_v<typename Bs::element_type, float> ||
           std::is_same_v<typename Bs::element_type, double>) && ...);
}
template <class... Bs>
constexpr bool device_element_types(const adjoint_set<Bs...>*) noexcept {
  return ((std::is_same_v<typename Bs::element_type, float> ||
           std::is_same_v<typename Bs::element_type, double>) && ...);
}

template <class Maker, class Data, class... Options>
constexpr bool valid_device_reduction() noexcept {
  if constexpr (!requires(const Maker& mk) {
                  { mk() } -> tapeless::expression;
                }) {
    static_assert(requires(const Maker& mk) {
                    { mk() } -> tapeless::expression;
                  },
                  "tapeless::cuda::sum_over takes a maker, not an expression: a class at "
                  "namespace scope whose const operator() returns the expression, e.g. "
                  "struct fit { __host__ __device__ auto operator()() const { return "
                  "square(a * t + b - y); } }; (see docs/cuda.md for why)");
    return false;
  } else {
    using Root = std::remove_cvref_t<decltype(std::declval<const Maker&>()())>;
    using Out = std::remove_cvref_t<decltype(option_of<2>(adjoint_set<>{},
                                                          std::declval<const Options&>()...))>;
    if constexpr (!tapeless::detail::valid_reduction<Root, Data, Options...>()) {
      return false;
    } else if constexpr ((is_host_policy<Options> || ...)) {
      static_assert(!(is_host_policy<Options> || ...),
                    "tapeless::cuda::sum_over runs on the GPU: leave out tapeless::sequential and "
                    "tapeless::parallel; launch parameters go in tapeless::cuda::launch{...}");
      return false;
    } else if constexpr (!device_element_types(static_cast<const Data*>(nullptr)) ||
                         !device_element_types(static_cast<const Out*>(nullptr))) {
      static_assert(device_element_types(static_cast<const Data*>(nullptr)) &&
                        device_element_types(static_cast<const Out*>(nullptr)),
                    "tapeless::cuda::sum_over takes spans of float or double (device code has "
                    "no long double)");
      return false;
    } else if constexpr (tapeless::detail::graph_of<Root>::value.variable_count >
                         tapeless::detail::gpu::max_variables) {
      static_assert(tapeless::detail::graph_of<Root>::value.variable_count <=
                        tapeless::detail::gpu::max_variables,
                    "tapeless::cuda::sum_over takes at most 64 variables");
      return false;
    } else {
      return true;
    }
  }
}
}  // namespace detail

/// `sum_over_async(ws, maker, data(t = d_t, ...), at(a = 1.0), ...)`: enqueues
/// L = Σ_i f(t_i; a) with f = maker(), and its parameter gradient, on the stream of
/// `launch{...}` (the default stream without it); returns a `pending` whose `get()` waits and
/// gives the result. The spans of data(...) and adjoints(...) are device memory (std::span
/// over device pointers, never read on the host). Options as for tapeless::sum_over, with
/// `tapeless::cuda::launch{blocks, threads, stream}` in place of a policy.
/// `maker`: a class at namespace scope (not a lambda, not a template over tapeless types)
/// whose `operator()() const`, callable on host and device, returns the expression; it is
/// copied to the kernel, so it may hold run-time constants as members.
template <class Maker, class Data, class... Options>
[[nodiscard]] auto sum_over_async(workspace& ws, const Maker& maker, const Data& data,
                                  const Options&... opts) noexcept {
  if constexpr (!detail::valid_device_reduction<Maker, Data, Options...>())
    return detail::invalid_pending{};  // the error has been reported
  else
    return detail::enqueue<false>(ws, maker, data, opts...);
}

/// As sum_over_async, divided by the length (NaN for empty data); the adjoints are the mean's.
template <class Maker, class Data, class... Options>
[[nodiscard]] auto mean_over_async(workspace& ws, const Maker& maker, const Data& data,
                                   const Options&... opts) noexcept {
  if constexpr (!detail::valid_device_reduction<Maker, Data, Options...>())
    return detail::invalid_pending{};
  else
    return detail::enqueue<true>(ws, maker, data, opts...);
}

/// Synchronous: `sum_over_async(ws, ...).get()`.
template <class Maker, class Data, class... Options>
[[nodiscard]] auto sum_over(workspace& ws, const Maker& maker, const Data& data,
                            const Options&... opts) noexcept {
  return sum_over_async(ws, maker, data, opts...).get();
}
template <class Maker, class Data, class... Options>
[[nodiscard]] auto mean_over(workspace& ws, const Maker& maker, const Data& data,
                             const Options&... opts) noexcept {
  return mean_over_async(ws, maker, data, opts...).get();
}

}  // namespace tapeless::cuda
