// The CI matrix (tests/run-all.sh) builds the suite in several configurations; this program
// fails if a configuration's flags did not reach the compiler (a matrix entry that silently
// builds the default would test nothing new). meson.build passes what the options promise.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

#include <cstdio>

#ifndef __has_feature
#define __has_feature(x) 0
#endif

int main() {
  int failures = 0;
  auto expect = [&failures](bool ok, const char* what) {
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    failures += ok ? 0 : 1;
  };

#if EXPECT_STD == 20
  expect(__cplusplus == 202002L, "C++20 (__cplusplus == 202002L)");
#else
  expect(__cplusplus > 202002L, "C++23 (__cplusplus > 202002L)");
#endif

#if defined(_LIBCPP_VERSION)
  constexpr bool libcxx = true;
#else
  constexpr bool libcxx = false;
#endif
  expect(libcxx == (EXPECT_LIBCXX != 0), EXPECT_LIBCXX ? "libc++" : "not libc++");

#if defined(__OPTIMIZE__)
  constexpr bool optimized = true;
#else
  constexpr bool optimized = false;
#endif
  expect(optimized == (EXPECT_OPTIMIZE != 0), EXPECT_OPTIMIZE ? "optimized" : "-O0");

#if defined(__SANITIZE_ADDRESS__) || __has_feature(address_sanitizer)
  constexpr bool asan = true;
#else
  constexpr bool asan = false;
#endif
  expect(asan == (EXPECT_ASAN != 0), EXPECT_ASAN ? "AddressSanitizer" : "no AddressSanitizer");

  // And the library works in this configuration.
  constexpr tapeless::var<"x"> x;
  expect(tapeless::grad(x * x * x, tapeless::at(x = 2.0))[x] == 12.0, "d(x^3)/dx at 2 == 12");
  return failures == 0 ? 0 : 1;
}
