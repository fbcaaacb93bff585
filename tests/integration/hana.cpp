// Boost.Hana integration: Hana's integral constants are compile-time exponents, like
// std::integral_constant and tapeless::c<N>.
// SPDX-License-Identifier: BSL-1.0
#include <boost/hana/integral_constant.hpp>
#include <catch2/catch.hpp>
#include <tapeless/tapeless.hpp>

#include <type_traits>

namespace {
constexpr tapeless::var<"x"> x;
}

TEST_CASE("pow with a Hana or std integral constant is the compile-time integer power") {
  using namespace boost::hana::literals;
  constexpr auto a = tapeless::pow(x, 3_c);
  constexpr auto b = tapeless::pow(x, std::integral_constant<int, 3>{});
  constexpr auto c = tapeless::pow<3>(x);
  STATIC_REQUIRE(std::is_same_v<decltype(a), decltype(c)>);
  STATIC_REQUIRE(std::is_same_v<decltype(b), decltype(c)>);
  STATIC_REQUIRE(tapeless::grad(a, tapeless::at(x = 2.0))[x] == 12.0);
  for (int i = -20; i <= 20; ++i) {
    const double v = 0.25 * i;
    CHECK(tapeless::grad(a, tapeless::at(x = v))[x] == 3 * v * v);
  }
}
