// Constant evaluation of the special functions of detail/constexpr_special.hpp: each
// static_assert compares a compile-time result with the correctly rounded value (mpmath at 1000
// bits, rounded to the format; digamma and trigamma, which are built for run-time speed, to
// within 2 ulp), so compiling this file with g++ and clang is the test.  It also shows that
// the functions fit in the compilers' default constant-evaluation limits.
//
// SPDX-License-Identifier: BSL-1.0

#include <tapeless/detail/constexpr_special.hpp>

#include <limits>

namespace {

namespace cx = tapeless::detail::cx;

template <class T>
constexpr bool same(T a, T b) {
  if (a != a) return b != b;
  return a == b && cx::impl::signbit(a) == cx::impl::signbit(b);
}

// |got - want| <= n ulp(want), want normal.
template <class T>
constexpr bool within(T got, T want, int n) {
  T w = want < 0 ? -want : want;
  T u = 1;
  while (u <= w) u *= 2;
  while (u > w) u /= 2;  // 2^floor(log2 |want|)
  const T d = got < want ? want - got : got - want;
  return d <= static_cast<T>(n) * u * std::numeric_limits<T>::epsilon();
}

template <class T>
constexpr T inf = std::numeric_limits<T>::infinity();
template <class T>
constexpr T nan = std::numeric_limits<T>::quiet_NaN();

template <class T>
constexpr bool special_values() {
  return same(cx::erf(-T(0)), -T(0)) && same(cx::erf(inf<T>), T(1)) && same(cx::erf(-inf<T>), T(-1)) &&
         same(cx::erfc(-inf<T>), T(2)) && same(cx::erfc(inf<T>), T(0)) && same(cx::erf(nan<T>), nan<T>) &&
         same(cx::tgamma(-T(0)), -inf<T>) && same(cx::tgamma(T(0)), inf<T>) && same(cx::tgamma(T(-3)), nan<T>) &&
         same(cx::tgamma(-inf<T>), nan<T>) && same(cx::tgamma(T(6)), T(120)) && same(cx::tgamma(T(1800)), inf<T>) &&
         same(cx::lgamma(T(-2)), inf<T>) && same(cx::lgamma(T(0)), inf<T>) && same(cx::lgamma(T(1)), T(0)) &&
         same(cx::lgamma(T(2)), T(0)) && same(cx::lgamma(-inf<T>), inf<T>) && same(cx::digamma(T(0)), -inf<T>) &&
         same(cx::digamma(-T(0)), inf<T>) && same(cx::digamma(T(-1)), nan<T>) && same(cx::digamma(inf<T>), inf<T>) &&
         same(cx::trigamma(T(-3)), inf<T>) && same(cx::trigamma(inf<T>), T(0)) && same(cx::trigamma(nan<T>), nan<T>);
}
static_assert(special_values<float>(), "special values (float) must follow glibc / MPFR");
static_assert(special_values<double>(), "special values (double) must follow glibc / MPFR");
static_assert(special_values<long double>(), "special values (long double) must follow glibc / MPFR");

// Generated with mpmath (see the comment at the top).
static_assert(same(cx::erf(0x1p-1f), 0x853f7bp-24f), "erf must be correctly rounded");
static_assert(same(cx::erf(0x1p-1), 0x853f7ae0c76e9p-52), "erf must be correctly rounded");
static_assert(same(cx::erf(0x1p-1L), 0x853f7ae0c76e915fp-64L), "erf must be correctly rounded");
static_assert(same(cx::erf(-0x5p-2f), -0xec432fp-24f), "erf must be correctly rounded");
static_assert(same(cx::erf(-0x5p-2), -0x1d8865d98abe01p-53), "erf must be correctly rounded");
static_assert(same(cx::erf(-0x5p-2L), -0x762197662af80203p-63L), "erf must be correctly rounded");
static_assert(same(cx::erf(0x5p-1f), 0x3ff955p-22f), "erf must be correctly rounded");
static_assert(same(cx::erf(0x5p-1), 0xffe5547a64df5p-52), "erf must be correctly rounded");
static_assert(same(cx::erf(0x5p-1L), 0x7ff2aa3d326fa9b1p-63L), "erf must be correctly rounded");
static_assert(same(cx::erf(0x1p2f), 0x1p0f), "erf must be correctly rounded");
static_assert(same(cx::erf(0x1p2), 0xffffffbdc88bbp-52), "erf must be correctly rounded");
static_assert(same(cx::erf(0x1p2L), 0xffffffbdc88bb10bp-64L), "erf must be correctly rounded");
static_assert(same(cx::erf(0x83126fp-33f), 0x24f987p-31f), "erf must be correctly rounded");
static_assert(same(cx::erf(0x4189374bc6a7fp-60), 0x49f30e0134dd3p-60), "erf must be correctly rounded");
static_assert(same(cx::erf(0x83126e978d4fdf3bp-73L), 0x93e61c0269ba5c39p-73L), "erf must be correctly rounded");
static_assert(same(cx::erfc(0x1p-1f), 0x7ac085p-24f), "erfc must be correctly rounded");
static_assert(same(cx::erfc(0x1p-1), 0x7ac0851f38917p-52), "erfc must be correctly rounded");
static_assert(same(cx::erfc(0x1p-1L), 0xf5810a3e7122dd43p-65L), "erfc must be correctly rounded");
static_assert(same(cx::erfc(-0x3p-1f), 0xfba955p-23f), "erfc must be correctly rounded");
static_assert(same(cx::erfc(-0x3p-1), 0x1f752aab89bd7p-48), "erfc must be correctly rounded");
static_assert(same(cx::erfc(-0x3p-1L), 0x1f752aab89bd6fd9p-60L), "erfc must be correctly rounded");
static_assert(same(cx::erfc(0x7p-1f), 0xc77955p-44f), "erfc must be correctly rounded");
static_assert(same(cx::erfc(0x7p-1), 0x18ef2a9a18d857p-73), "erfc must be correctly rounded");
static_assert(same(cx::erfc(0x7p-1L), 0xc77954d0c6c2b5a5p-84L), "erfc must be correctly rounded");
static_assert(same(cx::erfc(0x27p-2f), 0xd51115p-165f), "erfc must be correctly rounded");
static_assert(same(cx::erfc(0x27p-2), 0x1aa222a98ba953p-194), "erfc must be correctly rounded");
static_assert(same(cx::erfc(0x27p-2L), 0xd511154c5d4a9a27p-205L), "erfc must be correctly rounded");
static_assert(same(cx::erfc(0x1p-7f), 0x1fb7c9p-21f), "erfc must be correctly rounded");
static_assert(same(cx::erfc(0x1p-7), 0x1fb7c9030853b3p-53), "erfc must be correctly rounded");
static_assert(same(cx::erfc(0x1p-7L), 0x7edf240c214ecbfdp-63L), "erfc must be correctly rounded");
static_assert(same(cx::tgamma(0x1p-1f), 0xe2dfc5p-23f), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(0x1p-1), 0x1c5bf891b4ef6bp-52), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(0x1p-1L), 0xe2dfc48da77b553dp-63L), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(0x9p-1f), 0xba1b8fp-20f), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(0x9p-1), 0x174371e7866c65p-49), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(0x9p-1L), 0x2e86e3cf0cd8cafbp-58L), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(-0x5p-1f), -0xf1ffc1p-24f), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(-0x5p-1), -0x1e3ff812e32183p-53), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(-0x5p-1L), -0xf1ffc097190c16a7p-64L), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(0x79p-2f), 0x822e6bp81f), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(0x79p-2), 0x1045cd5a158efdp52), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(0x79p-2L), 0x822e6ad0ac77eb61p41L), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(0x1p-10f), 0xffdb1fp-14f), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(0x1p-10), 0xffdb1eb5933a9p-42), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(0x1p-10L), 0x7fed8f5ac99d4999p-53L), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(-0x3p-2f), -0x26ac55p-19f), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(-0x3p-2), -0x13562a82ff49f1p-50), "tgamma must be correctly rounded");
static_assert(same(cx::tgamma(-0x3p-2L), -0x9ab15417fa4f8befp-61L), "tgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x1p-1f), 0x494341p-23f), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x1p-1), 0x1250d048e7a1bdp-53), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x1p-1L), 0x928682473d0de85fp-64L), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x3p-1f), -0x7bae57p-26f), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x3p-1), -0x1eeb95b094c191p-56), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x3p-1L), -0xf75cad84a60c8a69p-67L), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x5p-1f), 0x24707dp-23f), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x5p-1), 0x24707d0134cfdp-51), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x5p-1L), 0x24707d0134cfcf3fp-63L), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x9502f9p10f), 0xcd21b9p14f), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x9502f9p10), 0x19a43710f467c1p-15), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x9502f9p10L), 0x6690dc43d19f0489p-25L), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(-0x5p-1f), -0xe65fdp-24f), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(-0x5p-1), -0xe65fcfaf6878bp-56), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(-0x5p-1L), -0xe65fcfaf6878ac47p-68L), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x3ffp-10f), 0x49fc89p-33f), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x3ffp-10), 0x127f2233519ec3p-63), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x3ffp-10L), 0x93f9119a8cf616b9p-74L), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x801p-10f), 0xd8a075p-35f), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x801p-10), 0x36281d2abe027p-61), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(0x801p-10L), 0x6c503a557c04e181p-74L), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(-0xdp-2f), -0x27e1bfp-22f), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(-0xdp-2), -0x9f86fc0dd02fp-48), "lgamma must be correctly rounded");
static_assert(same(cx::lgamma(-0xdp-2L), -0x9f86fc0dd02f005fp-64L), "lgamma must be correctly rounded");
static_assert(within(cx::digamma(0x1p-2f), -0x87474dp-21f, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x1p-2), -0x10e8e9943cd7c3p-50, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x1p-2L), -0x43a3a650f35f0b91p-60L, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x3p-1f), 0x957683p-28f, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x3p-1), 0x957682cdeb045p-56, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x3p-1L), 0x4abb4166f582281dp-67L, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x7p-1f), 0x8d343dp-23f, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x7p-1), 0x11a68793defc15p-52, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x7p-1L), 0x469a1e4f7bf05585p-62L, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x19p2f), 0x933487p-21f, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x19p2), 0x126690d4274475p-50, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x19p2L), 0x499a43509d11d4e9p-60L, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(-0x5p-1f), 0x8d343dp-23f, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(-0x5p-1), 0x11a68793defc15p-52, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(-0x5p-1L), 0x469a1e4f7bf05585p-62L, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0xbb16c3p-23f), -0x67638fp-49f, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x1762d86356be3fp-52), -0xd516cd9e714fp-101, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x5d8b618d5af8fb2dp-62L), -0x9d96d8fc7158ed6dp-116L, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x1fp-2f), 0xfdab59p-23f, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x1fp-2), 0x3f6ad623a859bp-49, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x1fp-2L), 0xfdab588ea166be59p-63L, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x29f16bp-38f), -0x61a825p-6f, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0x14f8b588e368f1p-69), -0x186a093c353ea9p-36, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0xa7c5ac471b478423p-80L), -0xc35049e1a9f55043p-47L, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0xcccccdp-24f), -0xf70acdp-24f, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0xccccccccccccdp-52), -0xf70acd2a5cd9dp-52, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(0xcccccccccccccccdp-64L), -0x7b8566952e6cecc9p-63L, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(-0x4ccccdp-24f), 0x874077p-22f, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(-0x13333333333333p-54), 0x43a03bd4bb3b7p-49, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(-0x4ccccccccccccccdp-64L), 0x874077a97676dabdp-62L, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(-0x2deb85p-19f), -0x11e3bfp-20f, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(-0xb7ae147ae147bp-49), -0x11e3c37a8e2c27p-52, 2), "digamma must be within 2 ulp");
static_assert(within(cx::digamma(-0x2deb851eb851eb85p-59L), -0x478f0dea38b05559p-62L, 2), "digamma must be within 2 ulp");
static_assert(within(cx::trigamma(0x1p-1f), 0x4ef4f3p-20f, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(0x1p-1), 0x9de9e64df22efp-49, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(0x1p-1L), 0x4ef4f326f9177969p-60L, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(0x3p-1f), 0x77a799p-23f, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(0x3p-1), 0x1de9e64df22ef3p-53, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(0x3p-1L), 0xef4f326f91779693p-64L, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(0x31p-2f), 0x2b8c59p-25f, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(0x31p-2), 0x15c62c817da2c1p-56, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(0x31p-2L), 0xae31640bed160a3p-63L, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(-0x3p-1f), 0x961165p-20f, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(-0x3p-1), 0x2584593b85625p-46, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(-0x3p-1L), 0x4b08b2770ac4a043p-59L, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(-0x53p-2f), 0x4ec4c5p-18f, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(-0x53p-2), 0x9d898a7a461bp-43, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(-0x53p-2L), 0x4ec4c53d230d7e9bp-58L, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(0x4ea4a9p-34f), 0x153159p3f, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(0x13a92a30553261p-64), 0x54c56460ae76fp-27, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(0x9d495182a9930be1p-75L), 0xa98ac8c15ceddb35p-40L, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(0x3d09p6f), 0x8637c1p-43f, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(0x3d09p6), 0x8637c16b95e55p-71, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(0x3d09p6L), 0x8637c16b95e54dadp-83L, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(-0x4ccccdp-24f), 0x6f8fbp-15f, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(-0x13333333333333p-54), 0xdf1f605f7b445p-48, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(-0x4ccccccccccccccdp-64L), 0xdf1f605f7b444e9fp-60L, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(-0x2deb85p-19f), 0x49a6f9p-18f, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(-0xb7ae147ae147bp-49), 0x934dfefbc60e1p-47, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(-0x2deb851eb851eb85p-59L), 0x24d37fbef18375e1p-57L, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(-0x7fff97p-20f), 0xbe37c7p3f, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(-0x7fff972474539p-48), 0x2faf081961effp-23, 2), "trigamma must be within 2 ulp");
static_assert(within(cx::trigamma(-0xffff2e48e8a71de7p-61L), 0xbebc206583eef129p-37L, 2), "trigamma must be within 2 ulp");
static_assert(same(cx::erfc(27.0), 105999 * 0x1p-1074), "erfc must round gradual underflow once");
static_assert(same(cx::tgamma(0x157p-1), 0x10e1863dcad789p971), "tgamma must be correctly rounded near overflow");
static_assert(same(cx::lgamma(0x5f90f22001d67p946), 0x1017f38e7a1ab5p954), "lgamma must be correctly rounded for huge x");
static_assert(same(cx::tgamma(-0x2a9p-2), -0x1e7334b3b3c801p-1072), "tgamma must be correctly rounded for negative x");

}  // namespace

int main() { return 0; }
