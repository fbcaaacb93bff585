// The version macros of <tapeless/config.hpp> equal the meson project version (passed by
// tests/meson.build as EXPECTED_*).
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/config.hpp>

static_assert(TAPELESS_VERSION_MAJOR == EXPECTED_MAJOR, "update TAPELESS_VERSION_MAJOR in config.hpp");
static_assert(TAPELESS_VERSION_MINOR == EXPECTED_MINOR, "update TAPELESS_VERSION_MINOR in config.hpp");
static_assert(TAPELESS_VERSION_PATCH == EXPECTED_PATCH, "update TAPELESS_VERSION_PATCH in config.hpp");

int main() { return 0; }
