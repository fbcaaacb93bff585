// tapeless never allocates at run time: this program replaces every global operator new and
// new[] (plain, nothrow, aligned, aligned nothrow) with counting versions, and requires zero
// allocations while gradients are computed (scalar, 72-argument functional form, float, long
// double, let, sin/cos partners). Catch2 itself allocates, so only a window around the
// computation is counted.
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/tapeless.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <new>
#include <utility>
#include <vector>

namespace {

std::atomic<std::size_t> allocation_count{0};

void* counted_malloc(std::size_t n) noexcept {
  allocation_count.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(n == 0 ? 1 : n);
}

void* counted_aligned(std::size_t n, std::align_val_t al) noexcept {
  allocation_count.fetch_add(1, std::memory_order_relaxed);
  const auto a = static_cast<std::size_t>(al);
  const std::size_t size = n == 0 ? a : (n + a - 1) / a * a;  // aligned_alloc: a multiple of a
  return std::aligned_alloc(a, size);
}

// Out of line, so that g++ does not pair the operator new it sees inlined with the free() in
// operator delete (-Wmismatched-new-delete; they do match: both are malloc's family here).
[[gnu::noinline]] void release(void* p) noexcept { std::free(p); }

}  // namespace

void* operator new(std::size_t n) {
  if (void* p = counted_malloc(n)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  if (void* p = counted_malloc(n)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return counted_malloc(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return counted_malloc(n); }
void* operator new(std::size_t n, std::align_val_t al) {
  if (void* p = counted_aligned(n, al)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t al) {
  if (void* p = counted_aligned(n, al)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  return counted_aligned(n, al);
}
void* operator new[](std::size_t n, std::align_val_t al, const std::nothrow_t&) noexcept {
  return counted_aligned(n, al);
}

void operator delete(void* p) noexcept { release(p); }
void operator delete[](void* p) noexcept { release(p); }
void operator delete(void* p, std::size_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t) noexcept { release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { release(p); }
void operator delete(void* p, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { release(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { release(p); }

namespace {

using tapeless::at;
using tapeless::grad;
using tapeless::value_and_grad;

constexpr tapeless::var<"x"> x;
constexpr tapeless::var<"y"> y;

/// Allocations since construction.
struct allocation_window {
  std::size_t start = allocation_count.load(std::memory_order_seq_cst);
  [[nodiscard]] std::size_t allocations() const {
    return allocation_count.load(std::memory_order_seq_cst) - start;
  }
};

// Inputs the optimiser cannot see, results it cannot drop.
volatile double input_a = 1.25;
volatile double input_b = -0.75;
volatile float input_f = 0.5f;
volatile double sink = 0;

TEST_CASE("the allocation counter sees every form of operator new", "[no_heap]") {
  // The counter must be able to fail the tests below: a vector, new, new[], nothrow and
  // over-aligned allocations are all counted.
  struct alignas(64) wide {
    double d[8];
  };
  allocation_window w;
  {
    std::vector<double> v(static_cast<std::size_t>(input_a * 100));
    sink = v[0];
  }
  const std::size_t after_vector = w.allocations();
  int* volatile p = new int(3);
  sink = *p;
  delete p;
  int* volatile q = new int[5]();
  sink = q[1];
  delete[] q;
  int* volatile r = new (std::nothrow) int(4);
  sink = *r;
  delete r;
  wide* volatile s = new wide{};
  sink = s->d[0];
  delete s;
  wide* volatile t = new wide[2]{};
  sink = t[1].d[0];
  delete[] t;
  const std::size_t total = w.allocations();
  CHECK(after_vector == 1);
  CHECK(total == 6);
}

TEST_CASE("scalar gradients allocate nothing", "[no_heap]") {
  const double a0 = input_a;
  const double b0 = input_b;
  const auto u = tapeless::let<"u">(a0 * x + y);
  const auto f = sin(x * y) * cos(x * y) + exp(u) / sqrt(u * u + 1.0) - log(x * x + 2.0) +
                 tapeless::pow<3>(y) + pow(x * x + 1.0, y) + tapeless::c<2.5> * u;
  double acc = 0;
  allocation_window w;
  for (int i = 0; i < 1000; ++i) {
    const double a = a0 + i * 1e-3;
    const auto r = value_and_grad(f, at(x = a, y = b0));
    acc += r.value + r.grad[x] + r.grad[y];
    acc += grad(x * x * x + x * x, at(x = a))[x];
    acc += tapeless::eval(f, at(x = b0, y = a));
  }
  const std::size_t n = w.allocations();
  sink = acc;
  CHECK(n == 0);
  CHECK(acc == acc);  // not NaN: the computation ran on valid inputs
}

template <std::size_t... I>
double gradient_sum_72(const double* p, std::index_sequence<I...>) {
  constexpr auto product = [](auto... v) { return (v * ...); };
  constexpr auto squares = [](auto... v) { return (... + (v * v)); };
  const std::array<double, 72> g = tapeless::grad(product)(p[I]...);
  const auto vg = tapeless::value_and_grad(squares)(p[I]...);
  double s = vg.value;
  for (std::size_t i = 0; i < 72; ++i) s += g[i] + vg.grad[i];
  return s;
}

TEST_CASE("the functional form with 72 arguments allocates nothing", "[no_heap]") {
  std::array<double, 72> p{};
  for (std::size_t i = 0; i < 72; ++i) p[i] = input_a + static_cast<double>(i) * 1e-3;
  double acc = 0;
  allocation_window w;
  for (int i = 0; i < 200; ++i) {
    p[static_cast<std::size_t>(i) % 72] += 1e-6;
    acc += gradient_sum_72(p.data(), std::make_index_sequence<72>{});
  }
  const std::size_t n = w.allocations();
  sink = acc;
  CHECK(n == 0);
  CHECK(acc > 0);
}

TEST_CASE("float and long double gradients allocate nothing", "[no_heap]") {
  const float f0 = input_f;
  const long double l0 = input_a;
  const auto f = sin(x) * y + x / (y * y + 1.0) + sqrt(x * x + 1.0f);
  float accf = 0;
  long double accl = 0;
  allocation_window w;
  for (int i = 0; i < 1000; ++i) {
    const float a = f0 + static_cast<float>(i) * 1e-3f;
    const auto g = grad(f, at(x = a, y = f0));
    accf += g[x] + g[y];
    const auto gl = value_and_grad(f, at(x = l0, y = static_cast<long double>(a)));
    accl += gl.value + gl.grad[x];
    const auto gv = tapeless::grad([](auto p, auto q) { return p * q + sin(p); })(a, f0);
    accf += gv[0] + gv[1];
  }
  const std::size_t n = w.allocations();
  sink = static_cast<double>(accf) + static_cast<double>(accl);
  CHECK(n == 0);
  CHECK(accf == accf);
}

}  // namespace
