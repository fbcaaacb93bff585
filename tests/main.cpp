// Catch2's main, alone in its translation unit (it is the slowest header to compile).
// SPDX-License-Identifier: BSL-1.0
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
