// A program that uses an installed tapeless: the install tests build it with pkg-config, with
// CMake's find_package and as a meson subproject.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/tapeless.hpp>

constexpr tapeless::var<"x"> x;
static_assert(tapeless::grad(x * x * x + x * x, tapeless::at(x = 2.0))[x] == 16.0);

int main() { return tapeless::grad(sin(x) * x, tapeless::at(x = 0.0))[x] == 0.0 ? 0 : 1; }
