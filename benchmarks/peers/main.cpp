// The peers benchmark's driver: checks the hand-written gradients against long-double finite
// differences and every library's gradient against the hand-written one (always, before
// anything is timed), then times them with Google Benchmark, or counts instructions per
// gradient under callgrind (--callgrind=N), which is stable on shared machines. run.py turns
// either into the markdown tables of docs/benchmarks.md.
// SPDX-License-Identifier: BSL-1.0
#include "problems.hpp"
#include "registry.hpp"

#include <benchmark/benchmark.h>
#include <valgrind/callgrind.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <string>
#include <vector>

#ifndef PEERS_OPT
#define PEERS_OPT "?"
#endif

namespace peers {
namespace {

struct entry {
  std::string library, problem;
  gradient_fn fn;
  bool tape;
};

std::vector<entry>& entries() {
  static std::vector<entry> e;
  return e;
}

struct problem_info {
  const char* name;
  std::size_t n;
  std::vector<double> start;
  gradient_fn hand;
  long double (*value)(const long double*);
};

std::vector<problem_info> problems() {
  std::vector<problem_info> r;
  all_problems::for_each([&]<class P>() {
    r.push_back({P::name, P::n, std::vector<double>(P::start.begin(), P::start.end()), &P::hand,
                 [](const long double* x) -> long double {
                   return P::f(numbers<long double>{x});
                 }});
  });
  return r;
}

const problem_info* find(const std::vector<problem_info>& ps, const std::string& name) {
  for (const auto& p : ps)
    if (name == p.name) return &p;
  return nullptr;
}

/// Deterministic points around the start: every coordinate moved by 3–10 % of (|x| + 0.5),
/// never by less, so that no point sits on a kink (atan2's cut in the helical valley).
std::vector<std::vector<double>> points(const problem_info& p, bool with_start) {
  std::vector<std::vector<double>> r;
  if (with_start) r.push_back(p.start);
  for (unsigned s = 1; s <= 4; ++s) {
    std::vector<double> x = p.start;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const unsigned m = (s * 131u + static_cast<unsigned>(i) * 71u) % 101u;
      const double u = 0.3 + 0.7 * m / 100.0, sign = ((s + i) % 2 == 0) ? 1.0 : -1.0;
      x[i] += sign * 0.1 * u * (std::fabs(x[i]) + 0.5);
    }
    r.push_back(x);
  }
  return r;
}

double inf_norm(const std::vector<double>& g) {
  double m = 0;
  for (double v : g) m = std::max(m, std::fabs(v));
  return m;
}

/// The hand-written gradients against central differences of the same generic function in long
/// double, then every library against the hand-written gradient. Returns the failures.
int check(const std::vector<problem_info>& ps, bool verbose) {
  int failures = 0;
  for (const auto& p : ps)
    for (const auto& x : points(p, false)) {
      std::vector<double> g(p.n);
      const double v = p.hand(x.data(), g.data());
      std::vector<long double> xl(x.begin(), x.end());
      const long double vl = p.value(xl.data());
      bool ok = std::fabs(static_cast<long double>(v) - vl) <= 1e-12L * (1 + std::fabs(vl));
      for (std::size_t i = 0; i < p.n; ++i) {
        const long double h = 1e-6L * (1 + std::fabs(xl[i])), keep = xl[i];
        xl[i] = keep + h;
        const long double up = p.value(xl.data());
        xl[i] = keep - h;
        const long double down = p.value(xl.data());
        xl[i] = keep;
        const double fd = static_cast<double>((up - down) / (2 * h));
        ok = ok && std::fabs(fd - g[i]) <= 1e-6 * (1 + inf_norm(g));
      }
      if (!ok) {
        ++failures;
        std::printf("FAIL: hand-written gradient of %s disagrees with finite differences\n", p.name);
      }
    }
  int checked = 0;
  for (const auto& e : entries()) {
    const problem_info* p = find(ps, e.problem);
    if (p == nullptr) {
      ++failures;
      std::printf("FAIL: %s registers an unknown problem %s\n", e.library.c_str(), e.problem.c_str());
      continue;
    }
    for (const auto& x : points(*p, true)) {
      std::vector<double> want(p->n), got(p->n, std::nan(""));
      const double vw = p->hand(x.data(), want.data());
      const double vg = e.fn(x.data(), got.data());
      const double scale = inf_norm(want);
      bool ok = std::fabs(vg - vw) <= 1e-12 * std::fabs(vw) + 1e-14;
      for (std::size_t i = 0; i < p->n; ++i)
        ok = ok && std::fabs(got[i] - want[i]) <= 1e-10 * scale + 1e-14;
      ++checked;
      if (!ok) {
        ++failures;
        std::printf("FAIL: %s on %s: value %.17g (hand %.17g)\n", e.library.c_str(), p->name, vg, vw);
        for (std::size_t i = 0; i < p->n; ++i)
          if (!(std::fabs(got[i] - want[i]) <= 1e-10 * scale + 1e-14))
            std::printf("  g[%zu] = %.17g, hand %.17g\n", i, got[i], want[i]);
      }
    }
  }
  if (verbose || failures != 0)
    std::printf("%zu problems: hand-written gradients against finite differences at 4 points; "
                "%zu library gradients against hand-written at 5 points (%d checks): %d failures\n",
                ps.size(), entries().size(), checked, failures);
  return failures;
}

__attribute__((noinline)) double no_gradient(const double* x, double*) {
  asm volatile("" ::: "memory");
  return x[0];
}

/// Instructions per gradient: each entry called `calls` times between two toggles of
/// callgrind's collection, then a dump named after it; a function that does nothing is dumped
/// first, as "(call overhead)", for run.py to subtract.
void count_instructions(const std::vector<problem_info>& ps, const std::regex& filter, int calls) {
  auto run = [&](const std::string& name, gradient_fn fn, const std::vector<double>& x0) {
    std::vector<double> x = x0, g(x0.size());
    volatile double sink = fn(x.data(), g.data());  // first call: tapes, caches, page faults
    CALLGRIND_TOGGLE_COLLECT;
    for (int i = 0; i < calls; ++i) {
      benchmark::DoNotOptimize(x.data());
      sink = fn(x.data(), g.data());
    }
    CALLGRIND_TOGGLE_COLLECT;
    CALLGRIND_DUMP_STATS_AT(name.c_str());
    (void)sink;
  };
  run("(call overhead)", &no_gradient, {1.0});
  for (const auto& p : ps) {
    run(std::string(p.name) + " | hand", p.hand, p.start);
    for (const auto& e : entries())
      if (e.problem == p.name && std::regex_search(e.library, filter))
        run(std::string(p.name) + " | " + e.library, e.fn, p.start);
  }
}

void register_benchmarks(const std::vector<problem_info>& ps, const std::regex& filter) {
  auto add_one = [](const std::string& name, gradient_fn fn, const std::vector<double>& x0) {
    benchmark::RegisterBenchmark(name.c_str(), [fn, x0](benchmark::State& state) {
      std::vector<double> x = x0, g(x0.size());
      for (auto _ : state) {
        benchmark::DoNotOptimize(x.data());
        const double v = fn(x.data(), g.data());
        benchmark::DoNotOptimize(v);
        benchmark::ClobberMemory();
      }
    });
  };
  for (const auto& p : ps) {
    add_one(std::string(p.name) + " | hand", p.hand, p.start);
    for (const auto& e : entries())
      if (e.problem == p.name && std::regex_search(e.library, filter))
        add_one(std::string(p.name) + " | " + e.library, e.fn, p.start);
  }
}

}  // namespace

// Each library's TU names its Gradient template differently (eigen_forward, ceres_forward...),
// even inside an unnamed namespace: g++ 12 merged the instantiations of add_all across TUs when
// only the unnamed namespace told them apart, and three columns timed the same function.
bool add(const char* library, const char* problem, gradient_fn fn, bool tape) {
  entries().push_back({library, problem, fn, tape});
  return true;
}

}  // namespace peers

int main(int argc, char** argv) {
  using namespace peers;
  const auto ps = problems();
  bool check_only = false;
  int callgrind_calls = 0;
  std::regex filter(".*");
  std::vector<char*> rest{argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--check") == 0) {
      check_only = true;
    } else if (std::strncmp(argv[i], "--callgrind=", 12) == 0) {
      callgrind_calls = std::atoi(argv[i] + 12);
    } else if (std::strncmp(argv[i], "--libraries=", 12) == 0) {
      filter = std::regex(argv[i] + 12);
    } else if (std::strcmp(argv[i], "--list") == 0) {
      for (const auto& e : entries())
        std::printf("%s\t%s\t%s\n", e.library.c_str(), e.problem.c_str(), e.tape ? "tape" : "");
      return 0;
    } else if (std::strcmp(argv[i], "--help") == 0) {
      std::printf("usage: %s [--check] [--callgrind=N] [--libraries=REGEX] [--list] "
                  "[Google Benchmark flags]\n",
                  argv[0]);
      return 0;
    } else {
      rest.push_back(argv[i]);
    }
  }
  if (check(ps, check_only) != 0) return 1;
  if (check_only) return 0;
  if (callgrind_calls > 0) {
    count_instructions(ps, filter, callgrind_calls);
    return 0;
  }
  int n = static_cast<int>(rest.size());
  benchmark::Initialize(&n, rest.data());
  if (benchmark::ReportUnrecognizedArguments(n, rest.data())) return 1;
  benchmark::AddCustomContext("compiler", __VERSION__);
  benchmark::AddCustomContext("optimization", PEERS_OPT);
  register_benchmarks(ps, filter);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
