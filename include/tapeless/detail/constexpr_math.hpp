// tapeless/detail/constexpr_math.hpp
//
// constexpr (usable in constant evaluation *and* at run time) implementations of
// sqrt, cbrt, exp, exp2, expm1, log, log2, log10, log1p, sin, cos, tan, asin,
// acos, atan, atan2, sinh, cosh, tanh, asinh, acosh, atanh, hypot (2 and 3
// arguments) and pow for float, double and long double, in namespace
// tapeless::detail::cx.  Only freestanding headers are used: no <cmath>.
//
// Accuracy: every function except sqrt evaluates its result as a "double-word"
// number (an unevaluated sum hi + lo of two T, about 2p bits for a p-bit T) and
// rounds once at the end, so results are correctly rounded except in very rare
// hard cases (then off by at most 1 ulp).  sqrt is correctly rounded always.
// Measured against MPFR by tests/accuracy (table in docs/accuracy.md).
// float is computed in double and rounded.  Subnormal inputs and results,
// overflow and the IEEE special values follow C99 Annex F / glibc.
//
// The error-free transformations behind the double-word arithmetic (TwoSum,
// Veltkamp split, Dekker TwoProd; fma is not constexpr) need strict IEEE
// evaluation in the format of T: they are exact in constant evaluation, and at run
// time only without -ffast-math, without FP contraction and without excess
// precision (FLT_EVAL_METHOD == 0 for double).  tapeless calls these functions
// at compile time (see detail/math.hpp) and at run time uses libm, except where
// there is no builtin (three-argument hypot: cheap here, ~2x std::hypot).  For FPUs
// without double precision, float_only::hypot (end of file) computes hypot(x, y, z) of float
// in float arithmetic only.
//
// Supported long double formats: x87 80-bit, IEEE binary64 (long double ==
// double, e.g. MSVC, 32-bit ARM) and IEEE binary128 (AArch64 Linux); all code
// is generic in std::numeric_limits<T>::digits / min_exponent / max_exponent.
//
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <bit>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <tapeless/config.hpp>
#include <tapeless/detail/infinity.hpp>

TAPELESS_DETAIL_ALLOW_INFINITY_BEGIN  // quiet under -ffast-math: see config.hpp

namespace tapeless::detail::cx {

namespace impl {

// ---------------------------------------------------------------------------
// Format parameters.
// ---------------------------------------------------------------------------
template <class T>
inline constexpr int digits = std::numeric_limits<T>::digits;  // p
template <class T>
inline constexpr int max_exp = std::numeric_limits<T>::max_exponent;  // max = 2^max_exp (1 - 2^-p)
template <class T>
inline constexpr int min_exp = std::numeric_limits<T>::min_exponent;  // min normal = 2^(min_exp - 1)

// Largest j with 2^j <= max_exp - 1 (9 for double, 13 for x87/binary128).
constexpr int top_j_of(int exp_max) noexcept {
  int j = 0;
  while ((2 << j) <= exp_max - 1) ++j;
  return j;
}
template <class T>
inline constexpr int top_j = top_j_of(max_exp<T>);

template <class T>
constexpr T inf() noexcept {
  return std::numeric_limits<T>::infinity();
}
template <class T>
constexpr T nan() noexcept {
  return std::numeric_limits<T>::quiet_NaN();
}
template <class T>
constexpr bool is_nan(T x) noexcept {
  return x != x;
}
template <class T>
constexpr T fabs(T x) noexcept {
  return x < 0 ? -x : x;
}

// Sign bit, needed only to tell -0 from +0 (comparisons cannot, division by
// zero is not a constant expression).
template <class T>
constexpr bool signbit(T x) noexcept {
  if (x != 0) return x < 0;
  if constexpr (sizeof(T) == sizeof(std::uint32_t) && digits<T> == 24) {
    return (std::bit_cast<std::uint32_t>(x) >> 31) != 0;
  } else if constexpr (sizeof(T) == sizeof(std::uint64_t) && digits<T> == 53) {
    return (std::bit_cast<std::uint64_t>(x) >> 63) != 0;
  } else {
    // x87 long double has padding bytes, which std::bit_cast cannot read in
    // constant evaluation; the builtin is constexpr on g++ and clang.
    return __builtin_copysignl(1.0L, static_cast<long double>(x)) < 0;
  }
}

// Powers 2^(2^j) and 2^-(2^j): exact products of these give any power of two
// and let us find exponents by binary search with exact multiplications
// (no bit_cast, which x87 long double does not support in constant evaluation).
template <class T>
struct binary_powers {
  T up[top_j<T> + 1];    // 2^(2^j)
  T down[top_j<T> + 2];  // 2^-(2^j); the last one may be subnormal
};

template <class T>
constexpr binary_powers<T> make_binary_powers() noexcept {
  binary_powers<T> b{};
  b.up[0] = T(2);
  b.down[0] = T(0.5);
  for (int j = 1; j <= top_j<T>; ++j) b.up[j] = b.up[j - 1] * b.up[j - 1];
  for (int j = 1; j <= top_j<T> + 1; ++j) b.down[j] = b.down[j - 1] * b.down[j - 1];
  return b;
}

template <class T>
inline constexpr binary_powers<T> powers = make_binary_powers<T>();

// 2^n, exact, for min_exp - p <= n <= max_exp - 1.
template <class T>
constexpr T pow2(int n) noexcept {
  T r = 1;
  const bool neg = n < 0;
  unsigned a = neg ? static_cast<unsigned>(-n) : static_cast<unsigned>(n);
  for (int j = 0; a != 0; ++j, a >>= 1) {
    if (a & 1u) r *= neg ? powers<T>.down[j] : powers<T>.up[j];
  }
  return r;
}

// x * 2^n; exact whenever the result is representable.
template <class T>
constexpr T scale(T x, int n) noexcept {
  constexpr int hi = max_exp<T> - 1;
  constexpr int lo = min_exp<T> - 1;
  while (n > hi) {
    x *= pow2<T>(hi);
    n -= hi;
  }
  while (n < lo) {
    x *= pow2<T>(lo);
    n -= lo;
  }
  return x * pow2<T>(n);
}

// e such that x * 2^-e is in [1, 2), for finite x > 0 (subnormals included).
template <class T>
constexpr int exponent_of(T x) noexcept {
  int e = 0;
  if (x < std::numeric_limits<T>::min()) {
    x *= pow2<T>(digits<T>);
    e = -digits<T>;
  }
  if (x >= 1) {
    for (int j = top_j<T>; j >= 0; --j) {
      if (x >= powers<T>.up[j]) {
        x *= powers<T>.down[j];
        e += 1 << j;
      }
    }
  } else {
    for (int j = top_j<T>; j >= 0; --j) {
      if (x < powers<T>.down[j]) {
        x *= powers<T>.up[j];
        e -= 1 << j;
      }
    }
    e -= 1;  // x is now in [1/2, 1)
  }
  return e;
}

// Nearest integer of |t| < 2^62 (ties away from zero; used for reductions only).
template <class T>
constexpr long long nearest(T t) noexcept {
  return static_cast<long long>(t < 0 ? t - T(0.5) : t + T(0.5));
}

// Round to an integer, ties to even, for 0 <= w < 2^(p-1): adding 2^(p-1)
// moves w into the binade where the ulp is 1, so the hardware rounding does it.
template <class T>
constexpr T round_even(T w) noexcept {
  constexpr T c = pow2<T>(digits<T> - 1);
  return (w + c) - c;
}

template <class T>
constexpr bool is_integer(T y) noexcept {
  const T a = fabs(y);
  if (a >= pow2<T>(digits<T> - 1)) return true;
  return round_even(a) == a;
}

template <class T>
constexpr bool is_odd_integer(T y) noexcept {
  const T a = fabs(y);
  if (a >= pow2<T>(digits<T>)) return false;  // all even
  return is_integer(a) && !is_integer(a / 2);
}

// ---------------------------------------------------------------------------
// Double-word arithmetic ("T + T").  Error bounds in units of u^2, u = 2^-p,
// from Joldes, Muller & Popescu, "Tight and rigorous error bounds for basic
// building blocks of double-word arithmetic", ACM TOMS 44 (2017).
// ---------------------------------------------------------------------------
template <class T>
struct dw {
  T hi;
  T lo;
};

template <class T>
constexpr dw<T> neg(dw<T> a) noexcept {
  return {-a.hi, -a.lo};
}

// Exact a + b = s + e when |a| >= |b| (or a == 0).  (Dekker)
template <class T>
constexpr dw<T> fast_two_sum(T a, T b) noexcept {
  const T s = a + b;
  const T e = b - (s - a);
  return {s, e};
}

// Exact a + b = s + e for any a, b.  (Knuth / Møller)
template <class T>
constexpr dw<T> two_sum(T a, T b) noexcept {
  const T s = a + b;
  const T bb = s - a;
  const T e = (a - (s - bb)) + (b - bb);
  return {s, e};
}

// Veltkamp split: a = h + l with h, l of at most ceil(p/2) significant bits.
template <class T>
inline constexpr T splitter = pow2<T>((digits<T> + 1) / 2) + T(1);

template <class T>
constexpr dw<T> split(T a) noexcept {
  const T c = splitter<T> * a;
  const T h = c - (c - a);
  return {h, a - h};
}

// Exact a * b = p + e (Dekker), barring over/underflow.
template <class T>
constexpr dw<T> two_prod(T a, T b) noexcept {
  const T p = a * b;
  const dw<T> x = split(a);
  const dw<T> y = split(b);
  const T e = ((x.hi * y.hi - p) + x.hi * y.lo + x.lo * y.hi) + x.lo * y.lo;
  return {p, e};
}

// dw + T, relative error <= 2u^2.
template <class T>
constexpr dw<T> add(dw<T> a, T b) noexcept {
  const dw<T> s = two_sum(a.hi, b);
  return fast_two_sum(s.hi, a.lo + s.lo);
}

// dw + dw ("AccurateDWPlusDW"), relative error <= 3u^2.
template <class T>
constexpr dw<T> add(dw<T> a, dw<T> b) noexcept {
  const dw<T> s = two_sum(a.hi, b.hi);
  const dw<T> t = two_sum(a.lo, b.lo);
  const dw<T> v = fast_two_sum(s.hi, s.lo + t.hi);
  return fast_two_sum(v.hi, t.lo + v.lo);
}

// dw * T, relative error <= 3u^2.
template <class T>
constexpr dw<T> mul(dw<T> a, T b) noexcept {
  const dw<T> c = two_prod(a.hi, b);
  return fast_two_sum(c.hi, c.lo + a.lo * b);
}

// dw * dw, relative error <= 7u^2.
template <class T>
constexpr dw<T> mul(dw<T> a, dw<T> b) noexcept {
  const dw<T> c = two_prod(a.hi, b.hi);
  return fast_two_sum(c.hi, c.lo + (a.hi * b.lo + a.lo * b.hi));
}

// dw / T, relative error <= 3u^2.
template <class T>
constexpr dw<T> div(dw<T> a, T b) noexcept {
  const T q = a.hi / b;
  const dw<T> p = two_prod(q, b);
  const T d = ((a.hi - p.hi) - p.lo) + a.lo;
  return fast_two_sum(q, d / b);
}

// dw / dw, relative error <= 15u^2.
template <class T>
constexpr dw<T> div(dw<T> a, dw<T> b) noexcept {
  const T q = a.hi / b.hi;
  const dw<T> r = add(a, neg(mul(b, q)));
  return fast_two_sum(q, r.hi / b.hi);
}

template <class T>
constexpr dw<T> scale(dw<T> a, int n) noexcept {
  return {scale(a.hi, n), scale(a.lo, n)};
}

// ---------------------------------------------------------------------------
// Constants.  pi/2 and ln 2 are stored as 20 consecutive 24-bit pieces of their
// binary expansions (truncated; computed with mpmath at 18000 bits).  Each piece
// is exact in float, hence in every T, and n * piece is exact for n < 2^(p-24):
// this gives Cody-Waite reductions x - n*C to any precision we need.
// ---------------------------------------------------------------------------
inline constexpr int n_parts = 20;

inline constexpr double pio2_parts[n_parts] = {
    0xC90FDAp-23, 0xA22168p-47, 0xC234C4p-71, 0xC6628Bp-95, 0x80DC1Cp-119,
    0xD12902p-143, 0x4E088Ap-167, 0x67CC74p-191, 0x020BBEp-215, 0xA63B13p-239,
    0x9B2251p-263, 0x4A0879p-287, 0x8E3404p-311, 0xDDEF95p-335, 0x19B3CDp-359,
    0x3A431Bp-383, 0x302B0Ap-407, 0x6DF25Fp-431, 0x14374Fp-455, 0xE1356Dp-479,
};

inline constexpr double ln2_parts[n_parts] = {
    0xB17217p-24, 0xF7D1CFp-48, 0x79ABC9p-72, 0xE3B398p-96, 0x03F2F6p-120,
    0xAF40F3p-144, 0x432672p-168, 0x98B62Dp-192, 0x8A0D17p-216, 0x5B8BAAp-240,
    0xFA2BE7p-264, 0xB87620p-288, 0x6DEBACp-312, 0x985595p-336, 0x52FB4Ap-360,
    0xFA1B10p-384, 0xED2EAEp-408, 0x35C138p-432, 0x214427p-456, 0x573B29p-480,
};

// Bits of 2/pi = 0.A2F9836E 4E441529 ... (hex), 544 * 32 = 17408 bits: enough
// for the Payne-Hanek reduction of any finite x87 or binary128 argument
// (exponent < 16384 plus a window of at most 15 * 32 bits).  Computed with
// mpmath at 18000 bits.
inline constexpr int two_over_pi_words = 544;
inline constexpr std::uint32_t two_over_pi[two_over_pi_words] = {
    0xA2F9836E, 0x4E441529, 0xFC2757D1, 0xF534DDC0, 0xDB629599, 0x3C439041, 0xFE5163AB, 0xDEBBC561,
    0xB7246E3A, 0x424DD2E0, 0x06492EEA, 0x09D1921C, 0xFE1DEB1C, 0xB129A73E, 0xE88235F5, 0x2EBB4484,
    0xE99C7026, 0xB45F7E41, 0x3991D639, 0x835339F4, 0x9C845F8B, 0xBDF9283B, 0x1FF897FF, 0xDE05980F,
    0xEF2F118B, 0x5A0A6D1F, 0x6D367ECF, 0x27CB09B7, 0x4F463F66, 0x9E5FEA2D, 0x7527BAC7, 0xEBE5F17B,
    0x3D0739F7, 0x8A5292EA, 0x6BFB5FB1, 0x1F8D5D08, 0x56033046, 0xFC7B6BAB, 0xF0CFBC20, 0x9AF4361D,
    0xA9E39161, 0x5EE61B08, 0x6599855F, 0x14A06840, 0x8DFFD880, 0x4D732731, 0x06061556, 0xCA73A8C9,
    0x60E27BC0, 0x8C6B47C4, 0x19C367CD, 0xDCE8092A, 0x8359C476, 0x8B961CA6, 0xDDAF44D1, 0x5719053E,
    0xA5FF0705, 0x3F7E33E8, 0x32C2DE4F, 0x98327DBB, 0xC33D26EF, 0x6B1E5EF8, 0x9F3A1F35, 0xCAF27F1D,
    0x87F12190, 0x7C7C246A, 0xFA6ED577, 0x2D30433B, 0x15C614B5, 0x9D19C3C2, 0xC4AD414D, 0x2C5D000C,
    0x467D862D, 0x71E39AC6, 0x9B006233, 0x7CD2B497, 0xA7B4D555, 0x37F63ED7, 0x1810A3FC, 0x764D2A9D,
    0x64ABD770, 0xF87C6357, 0xB07AE715, 0x175649C0, 0xD9D63B38, 0x84A7CB23, 0x24778AD6, 0x23545AB9,
    0x1F001B0A, 0xF1DFCE19, 0xFF319F6A, 0x1E666157, 0x9947FBAC, 0xD87F7EB7, 0x652289E8, 0x3260BFE6,
    0xCDC4EF09, 0x366CD43F, 0x5DD7DE16, 0xDE3B5892, 0x9BDE2822, 0xD2E88628, 0x4D58E232, 0xCAC616E3,
    0x08CB7DE0, 0x50C017A7, 0x1DF35BE0, 0x1834132E, 0x62128301, 0x48835B8E, 0xF57FB0AD, 0xF2E91E43,
    0x4A48D367, 0x10D8DDAA, 0x425FAECE, 0x616AA428, 0x0AB499D3, 0xF2A6067F, 0x775C83C2, 0xA3883C61,
    0x78738A5A, 0x8CAFBDD7, 0x6F63A62D, 0xCBBFF4EF, 0x818D67C1, 0x2645CA55, 0x36D9CAD2, 0xA8288D61,
    0xC277C912, 0x1426049B, 0x4612C459, 0xC444C5C8, 0x91B24DF3, 0x1700AD43, 0xD4E54929, 0x10D5FDFC,
    0xBE00CC94, 0x1EEECE70, 0xF53E1380, 0xF1ECC3E7, 0xB328F8C7, 0x9405933E, 0x71C1B309, 0x2EF3450B,
    0x9C12887B, 0x20AB9FB5, 0x2EC29247, 0x2F327B6D, 0x550C90A7, 0x721FE76B, 0x96CB314A, 0x1679E279,
    0x4189DFF4, 0x9794E884, 0xE6E29731, 0x996BED88, 0x365F5F0E, 0xFDBBB49A, 0x486CA467, 0x42727132,
    0x5D8DB815, 0x9F09E5BC, 0x25318D39, 0x74F71C05, 0x30010C0D, 0x68084B58, 0xEE2C90AA, 0x4702E774,
    0x24D6BDA6, 0x7DF77248, 0x6EEF169F, 0xA6948EF6, 0x91B45153, 0xD1F20ACF, 0x3398207E, 0x4BF56863,
    0xB25F3EDD, 0x035D407F, 0x89852952, 0x55C06437, 0x10D86D32, 0x4832754C, 0x5BD4714E, 0x6E5445C1,
    0x090B69F5, 0x2AD56614, 0x9D072750, 0x045DDB3B, 0xB4C576EA, 0x17F9877D, 0x6B49BA27, 0x1D296996,
    0xACCCC654, 0x14AD6AE2, 0x9089D988, 0x50722CBE, 0xA4049407, 0x777030F3, 0x27FC00A8, 0x71EA49C2,
    0x663DE064, 0x83DD9797, 0x3FA3FD94, 0x438C860D, 0xDE41319D, 0x39928C70, 0xDDE7B717, 0x3BDF082B,
    0x3715A080, 0x5C93805A, 0x921110D8, 0xE80FAF80, 0x6C4BFFDB, 0x0F903876, 0x185915A5, 0x62BBCB61,
    0xB989C7BD, 0x401004F2, 0xD2277549, 0xF6B6EBBB, 0x22DBAA14, 0x0A2F2689, 0x76836433, 0x3B091A94,
    0x0EAA3A51, 0xC2A31DAE, 0xEDAF1226, 0x5C4DC26D, 0x9C7A2D97, 0x56C0833F, 0x03F6F009, 0x8C402B99,
    0x316D07B4, 0x3915200C, 0x5BC3D8C4, 0x92F54BAD, 0xC6A5CA4E, 0xCD37A736, 0xA9E69492, 0xAB6842DD,
    0xDE6319EF, 0x8C76528B, 0x6837DBFC, 0xABA1AE31, 0x15DFA1AE, 0x00DAFB0C, 0x664D64B7, 0x05ED3065,
    0x29BF5657, 0x3AFF47B9, 0xF96AF3BE, 0x75DF9328, 0x3080ABF6, 0x8C6615CB, 0x040622FA, 0x1DE4D9A4,
    0xB33D8F1B, 0x5709CD36, 0xE9424EA4, 0xBE13B523, 0x331AAAF0, 0xA8654FA5, 0xC1D20F3F, 0x0BCD785B,
    0x76F92304, 0x8B7B7217, 0x8953A6C6, 0xE26E6F00, 0xEBEF584A, 0x9BB7DAC4, 0xBA66AACF, 0xCF761D02,
    0xD12DF1B1, 0xC1998C77, 0xADC3DA48, 0x86A05DF7, 0xF480C62F, 0xF0AC9AEC, 0xDDBC5C3F, 0x6DDED01F,
    0xC790B6DB, 0x2A3A25A3, 0x9AAF0093, 0x53AD0457, 0xB6B42D29, 0x7E804BA7, 0x07DA0EAA, 0x76A1597B,
    0x2A12162D, 0xB7DCFDE5, 0xFAFEDB89, 0xFDBE896C, 0x76E4FCA9, 0x0670803E, 0x156E85FF, 0x87FD073E,
    0x28336761, 0x86182AEA, 0xBD4DAFE7, 0xB36E6D8F, 0x3967955B, 0xBF3148D7, 0x8416DF30, 0x432DC735,
    0x6125CE70, 0xC9B8CB30, 0xFD6CBFA2, 0x00A4E46C, 0x05A0DD5A, 0x476F21D2, 0x1262845C, 0xB9496170,
    0xE0566B01, 0x52993755, 0x50B7D51E, 0xC4F1335F, 0x6E13E430, 0x5DA92E85, 0xC3B21D36, 0x32A1A4B7,
    0x08D4B1EA, 0x21F716E4, 0x698F77FF, 0x2780030C, 0x2D408DA0, 0xCD4F99A5, 0x20D3A2B3, 0x0A5D2F42,
    0xF9B4CBDA, 0x11D0BE7D, 0xC1DB9BBD, 0x17AB81A2, 0xCA5C6A08, 0x17552E55, 0x0027F014, 0x7F8607E1,
    0x640B148D, 0x4196DEBE, 0x872AFDDA, 0xB6256B34, 0x897BFEF3, 0x059EBFB9, 0x4F6A68A8, 0x2A4A5AC4,
    0x4FBCF82D, 0x985AD795, 0xC7F48D4D, 0x0DA63A20, 0x5F57A4B1, 0x3F149538, 0x800120CC, 0x86DD71B6,
    0xDEC9F560, 0xBF11654D, 0x6B0701AC, 0xB08CD0C0, 0xB2485551, 0x0EFB1EC3, 0x72953B06, 0xA33540C0,
    0x7BDC06CC, 0x45E0FA29, 0x4EC8CAD6, 0x41F3E8DE, 0x647CD864, 0x9B31BED9, 0xC397A4D4, 0x5877C5E3,
    0x6913DAF0, 0x3C3ABA46, 0x18465F75, 0x55F5BDD2, 0xC6926E5D, 0x2EACED44, 0x0E423E1C, 0x87C461E9,
    0xFD29F3D6, 0xE7CA7C22, 0x35916FC5, 0xE0088DD7, 0xFFE26A6E, 0xC6FDB0C1, 0x0893745D, 0x7CB2AD6B,
    0x9D6ECD7B, 0x723E6A11, 0xC6A9CFF7, 0xDF7329BA, 0xC9B55100, 0xB70DB2E2, 0x24BA7460, 0x7DE58AD8,
    0x742C150D, 0x0C188194, 0x667E1629, 0x01767A9F, 0xBEFDFDEF, 0x4556367E, 0xD913D9EC, 0xB9BA8BFC,
    0x97C427A8, 0x31C36EF1, 0x36C59456, 0xA8D8B5A8, 0xB40ECCCF, 0x2D891234, 0x576F8956, 0x2CE3CE99,
    0xB920D6AA, 0x5E6B9C2A, 0x3ECC5F11, 0x4A0BFDFB, 0xF4E16D3B, 0x8E2C86E2, 0x84D4E9A9, 0xB4FCD1EE,
    0xEFC9352E, 0x61392F44, 0x2138C8D9, 0x1B0AFC81, 0x6A4AFBD8, 0x1C2F84B4, 0x538C994E, 0xCC2254DC,
    0x552AD6C6, 0xC096190B, 0xB8701A64, 0x9569605A, 0x26EE523F, 0x0F117F11, 0xB5F4F5CB, 0xFC2DBC34,
    0xEEBC34CC, 0x5DE8605E, 0xDD9B8E67, 0xEF3392B8, 0x17C99B58, 0x61BC57E1, 0xC6835110, 0x3ED84871,
    0xDDDD1C2D, 0xA118AF46, 0x2C21D7F3, 0x59987AD9, 0xC0549EFA, 0x864FFC06, 0x56AE79E5, 0x36228922,
    0xAD38DC93, 0x67AAE855, 0x3826829B, 0xE7CAA40D, 0x51B13399, 0x0ED7A948, 0x0569F0B2, 0x65A7887F,
    0x974C8836, 0xD1F9B392, 0x214A827B, 0x21CF98DC, 0x9F405547, 0xDC3A74E1, 0x42EB67DF, 0x9DFE5FD4,
    0x5EA4677B, 0x7AACBAA2, 0xF6552388, 0x2B55BA41, 0x086E5986, 0x2A218347, 0x39E6E389, 0xD49EE540,
    0xFB49E956, 0xFFCA0F1C, 0x8A59C52B, 0xFA94C5C1, 0xD3CFC50F, 0xAE5ADB86, 0xC5476243, 0x853B8621,
    0x94792C87, 0x61107B4C, 0x2A1A2C80, 0x12BF4390, 0x2688893C, 0x78E4C4A8, 0x7BDBE5C2, 0x3AC4EAF4,
    0x268A67F7, 0xBF920D2B, 0xA365B193, 0x3D0B7CBD, 0xDC51A463, 0xDD27DDE1, 0x6919949A, 0x9529A828,
    0xCE68B4ED, 0x09209F44, 0xCA984E63, 0x8270237C, 0x7E32B90F, 0x8EF5A7E7, 0x561408F1, 0x212A9DB5,
    0x4D7E6F51, 0x19A5ABF9, 0xB5D6DF82, 0x61DD9602, 0x36169F3A, 0xC4A1A283, 0x6DED727A, 0x8D39A9B8,
    0x825C326B, 0x5B2746ED, 0x34007700, 0xD255F4FC, 0x4D590180, 0x71E0E13F, 0x89B295F3, 0x64A8F1AE,
    0xA74B38FC, 0x4CEAB2BB, 0x47270BAB, 0xC3A734BA, 0x6052DD34, 0xF8563AEB, 0x7E8A31BB, 0x365895B7,
    0x47F7A994, 0xC3AAD392, 0x251E7F3E, 0xD8974EBB, 0xA94FD8AE, 0x01E661B4, 0x393D8EA5, 0x23AA3306,
    0x8E1633B5, 0x3BB1881D, 0x3A9D4013, 0xD0CC1BE5, 0xF862E73B, 0xF28F39B5, 0xBF0BC235, 0x22747EA2,
};

// The first `count` pieces summed as a double-word (about 2p bits).
template <class T>
constexpr dw<T> dw_constant(const double (&parts)[n_parts]) noexcept {
  constexpr int count = (2 * digits<T> + 30) / 24 + 1;
  static_assert(count <= n_parts, "constant tables too short for this format");
  dw<T> s{T(0), T(0)};
  for (int i = count - 1; i >= 0; --i) s = add(s, static_cast<T>(parts[i]));
  return s;
}

template <class T>
inline constexpr dw<T> ln2 = dw_constant<T>(ln2_parts);
template <class T>
inline constexpr dw<T> pio2 = dw_constant<T>(pio2_parts);

// x - n * C as a double-word, C given by its pieces.  n * piece is exact
// (|n| < 2^(p-24)); the first difference is exact by Sterbenz's lemma when x is
// close to n * C, and the following ones are accumulated error-free with TwoSum
// as long as massive cancellation goes on, so the result is accurate to ~2^-2p
// relative to the reduced value itself.
template <class T>
constexpr dw<T> cody_waite(T x, long long n, const double (&parts)[n_parts], int count) noexcept {
  const T tn = static_cast<T>(n);
  dw<T> r = two_sum(x, -(tn * static_cast<T>(parts[0])));
  for (int i = 1; i < count; ++i) r = add(r, -(tn * static_cast<T>(parts[i])));
  return r;
}

// round((v.hi + v.lo) * 2^k), v normalised (v.hi == fl(v.hi + v.lo)) and
// v.hi != 0.  Handles overflow to infinity and gradual underflow with a single
// correct rounding (ties to even), which a plain v.hi * 2^k would get wrong for
// subnormal results (double rounding).
template <class T>
constexpr T scale_round(dw<T> v, int k) noexcept {
  const bool negative = v.hi < 0;
  if (negative) v = neg(v);
  const int e = exponent_of(v.hi) + k;
  T r;
  if (e > max_exp<T> - 1) {
    r = inf<T>();
  } else if (e >= min_exp<T> - 1) {
    r = scale(v.hi, k);  // normal: exact
  } else if (e < min_exp<T> - digits<T> - 2) {
    r = T(0);  // below half the smallest subnormal
  } else {
    // Subnormal: w = v / denorm_min < 2^(p-1); round w to an integer.
    const int sh = k - (min_exp<T> - digits<T>);
    const T wh = scale(v.hi, sh);
    const T wl = scale(v.lo, sh);
    T t = round_even(wh);
    const T d = wh - t;  // exact; |d| <= 1/2, and wl only matters on a tie
    if (d == T(0.5) && wl > 0) t += 1;
    if (d == T(-0.5) && wl < 0) t -= 1;
    r = t * std::numeric_limits<T>::denorm_min();
  }
  return negative ? -r : r;
}

// ---------------------------------------------------------------------------
// exp / expm1.
// ---------------------------------------------------------------------------

// expm1(a) for |a| <~ 0.36 as a double-word.  a is halved s times down to
// |a| <= 2^-8, the Taylor series is summed (coefficients 1/n! generated by exact
// double-word divisions, so the same code serves every precision), and the
// halvings are undone with expm1(2b) = expm1(b) * (expm1(b) + 2), which keeps
// the relative accuracy (no cancellation).
template <class T>
constexpr dw<T> expm1_small(dw<T> a) noexcept {
  int s = 0;
  while (fabs(a.hi) > T(0.00390625)) {
    a.hi *= T(0.5);
    a.lo *= T(0.5);
    ++s;
  }
  const T tiny = pow2<T>(-2 * digits<T> - 8);
  dw<T> term = a;
  dw<T> sum = a;
  for (int n = 2; n < 100; ++n) {
    term = div(mul(term, a), static_cast<T>(n));
    sum = add(sum, term);
    if (fabs(term.hi) <= fabs(sum.hi) * tiny) break;
  }
  for (; s > 0; --s) sum = mul(sum, add(sum, T(2)));
  return sum;
}

template <class T>
inline constexpr int ln2_count = (2 * digits<T> + 60) / 24 + 1;

// exp(z) for a double-word z with |z.hi| <= 2^15: z = k ln2 + r, |r| <= ~ln2/2.
template <class T>
constexpr T exp_dw(dw<T> z) noexcept {
  constexpr T inv_ln2 = T(1.442695040888963407359924681001892137L);
  const long long k = nearest(z.hi * inv_ln2);
  const dw<T> r = add(cody_waite(z.hi, k, ln2_parts, ln2_count<T>), z.lo);
  return scale_round(add(expm1_small(r), T(1)), static_cast<int>(k));
}

// Loose bounds beyond which exp certainly overflows / underflows to +0 (the
// exact thresholds are handled by scale_round).
template <class T>
inline constexpr T exp_hi_bound = static_cast<T>(max_exp<T> + 1) * T(0.6931471805599453);
template <class T>
inline constexpr T exp_lo_bound = static_cast<T>(min_exp<T> - digits<T> - 3) * T(0.6931471805599453);

template <class T>
constexpr T exp(T x) noexcept {
  if (is_nan(x)) return x;
  if (x > exp_hi_bound<T>) return inf<T>();  // also +inf
  if (x < exp_lo_bound<T>) return T(0);      // also -inf
  if (fabs(x) < pow2<T>(-digits<T> - 2)) return T(1);
  return exp_dw(dw<T>{x, T(0)});
}

template <class T>
constexpr T expm1(T x) noexcept {
  if (is_nan(x)) return x;
  if (x > exp_hi_bound<T>) return inf<T>();
  // e^x < 2^-(p+3): expm1 rounds to -1 (also -inf)
  if (x < -static_cast<T>(digits<T> + 3) * T(0.6931471805599453)) return T(-1);
  // expm1(x) = x + x^2/2 + ..., rounds to x (also keeps -0, subnormals)
  if (fabs(x) < pow2<T>(-digits<T> - 1)) return x;
  constexpr T inv_ln2 = T(1.442695040888963407359924681001892137L);
  const long long k = nearest(x * inv_ln2);
  const dw<T> em = expm1_small(cody_waite(x, k, ln2_parts, ln2_count<T>));
  if (k == 0) return em.hi;
  // 2^k (1 + em) - 1 = 2^k ((1 + em) - 2^-k); here |result| >= ~0.29, so the
  // absolute accuracy of the double-word sum is enough.
  const int ki = static_cast<int>(k);
  return scale_round(add(add(em, T(1)), -pow2<T>(-ki)), ki);
}

// ---------------------------------------------------------------------------
// log / log1p.
// ---------------------------------------------------------------------------

// log(m) for a double-word m in [~0.707, ~1.415]:
// log m = 2 atanh(f) = 2 (f + f^3/3 + f^5/5 + ...), f = (m - 1)/(m + 1),
// |f| <= 0.172, so each term gains >= 5 bits; coefficients 1/(2k+1) by exact
// double-word division.  log_series(f) is 2 atanh(f), also used by log1p_dw
// and atanh, which know f more accurately than m - 1.
template <class T>
constexpr dw<T> log_series(dw<T> f) noexcept {
  if (f.hi == 0) return f;
  const dw<T> f2 = mul(f, f);
  const T tiny = pow2<T>(-2 * digits<T> - 8);
  dw<T> sum{T(1), T(0)};
  dw<T> pw{T(1), T(0)};
  for (int k = 1; k < 200; ++k) {
    pw = mul(pw, f2);
    const dw<T> term = div(pw, static_cast<T>(2 * k + 1));
    sum = add(sum, term);
    if (term.hi <= tiny) break;
  }
  const dw<T> r = mul(f, sum);
  return {2 * r.hi, 2 * r.lo};
}

template <class T>
constexpr dw<T> log_core(dw<T> m) noexcept {
  return log_series(div(add(m, T(-1)), add(m, T(1))));
}

template <class T>
inline constexpr T sqrt2 = T(1.414213562373095048801688724209698079L);

// log(m * 2^e) as a double-word, for a double-word m > 0 with m.hi in [1, 2).
template <class T>
constexpr dw<T> log_reduced(dw<T> m, int e) noexcept {
  if (m.hi > sqrt2<T>) {
    m.hi *= T(0.5);
    m.lo *= T(0.5);
    ++e;
  }
  // log m + e ln2, with e * (piece of ln 2) exact; when e != 0, |log x| >=
  // ln2/2, so there is no dangerous cancellation.
  const T te = static_cast<T>(e);
  dw<T> s = log_core(m);
  for (int i = ln2_count<T> - 1; i >= 0; --i) s = add(s, te * static_cast<T>(ln2_parts[i]));
  return s;
}

template <class T>
constexpr T log(T x) noexcept {
  if (is_nan(x)) return x;
  if (x == 0) return -inf<T>();
  if (x < 0) return nan<T>();
  if (is_plus_infinity(x)) return x;
  const int e = exponent_of(x);
  return log_reduced(dw<T>{scale(x, -e), T(0)}, e).hi;
}

template <class T>
constexpr T log1p(T x) noexcept {
  if (is_nan(x)) return x;
  if (x == -1) return -inf<T>();
  if (x < -1) return nan<T>();
  if (is_plus_infinity(x)) return x;
  // log1p(x) = x - x^2/2 + ..., rounds to x (also keeps -0, subnormals)
  if (fabs(x) < pow2<T>(-digits<T> - 1)) return x;
  const dw<T> u = two_sum(T(1), x);  // 1 + x exactly
  const int e = exponent_of(u.hi);
  return log_reduced(scale(u, -e), e).hi;
}

// ---------------------------------------------------------------------------
// sin / cos.
// ---------------------------------------------------------------------------
template <class T>
struct reduced {
  unsigned q;  // quadrant: x = (4j + q) pi/2 + r
  dw<T> r;     // |r| <= ~pi/4
};

// Arguments below 2^cw_bits use Cody-Waite (n < 2^cw_bits, and n * piece must be
// exact: cw_bits <= p - 25); larger ones use Payne-Hanek.
template <class T>
inline constexpr int cw_bits = digits<T> - 25 < 39 ? digits<T> - 25 : 39;
// Pieces of pi/2 needed: the reduced value may be ~2^-(p + cw_bits + 20) of x
// (closest approach of a p-bit x to a multiple of pi/2), and we want 2p more bits.
template <class T>
inline constexpr int pio2_count =
    (3 * digits<T> + 2 * cw_bits<T> + 20) / 24 + 1 < n_parts ? (3 * digits<T> + 2 * cw_bits<T> + 20) / 24 + 1
                                                             : n_parts;

// Word i of 2/pi's fraction bits, zero outside the table.
constexpr std::uint64_t two_over_pi_word(int i) noexcept {
  return (i >= 0 && i < two_over_pi_words) ? std::uint64_t{two_over_pi[i]} : std::uint64_t{0};
}

// 32 bits of 2/pi starting at fraction bit `start` (bit 1 is the first bit after
// the binary point); bits before the point (start <= 0) are zero.
constexpr std::uint32_t two_over_pi_bits(int start) noexcept {
  const int z = start - 1;
  const int q = z >= 0 ? z / 32 : -((31 - z) / 32);  // floor(z / 32)
  const int o = z - 32 * q;
  const std::uint64_t both = (two_over_pi_word(q) << 32) | two_over_pi_word(q + 1);
  return static_cast<std::uint32_t>((both << o) >> 32);
}

// Payne-Hanek reduction for large ax > 0: ax = sum_j a_j 2^s_j with 32-bit
// integers a_j; x * 2/pi mod 4 is accumulated in fixed point (2 integer bits,
// 32*FL fraction bits) from exact integer products of each a_j with the window
// of 2/pi bits that matters for it (bits of weight >= 4 give multiples of 4 and
// are skipped).  The window is wide enough for the worst-case cancellation plus
// 2p bits, so r is as accurate as in the Cody-Waite path.
template <class T>
constexpr reduced<T> payne_hanek(T ax) noexcept {
  constexpr int p = digits<T>;
  constexpr int fl = (3 * p + 54) / 32 + 2;  // fraction limbs
  constexpr int n_chunks = (p + 31) / 32;
  static_assert((max_exp<T> - 1) + 32 * (fl + 1) < 32 * two_over_pi_words, "2/pi table too short");

  // acc[0]: integer part, acc[1..fl]: fraction
  std::uint32_t acc[static_cast<std::size_t>(fl) + 1] = {};
  const int e = exponent_of(ax);
  T m = scale(ax, 31 - e);  // in [2^31, 2^32)
  for (int j = 0; j < n_chunks; ++j) {
    const std::uint32_t a = static_cast<std::uint32_t>(m);
    m = (m - static_cast<T>(a)) * pow2<T>(32);
    if (a == 0) continue;
    const int s = e - 31 - 32 * j;  // this chunk is a * 2^s
    // window[k] = bits (s - 31 + 32k) ..., so bit s (weight 2^0 after scaling
    // by 2^s) is the last bit of window[0].
    std::uint64_t carry = 0;
    for (int k = fl; k >= 0; --k) {
      std::uint32_t w = two_over_pi_bits(s - 31 + 32 * k);
      if (k == 0) w &= 3u;
      const std::uint64_t t = std::uint64_t{w} * a + acc[k] + carry;
      acc[k] = static_cast<std::uint32_t>(t);
      carry = t >> 32;
    }
  }
  unsigned q = acc[0] & 3u;
  bool negative = false;
  if (acc[1] & 0x80000000u) {  // fraction >= 1/2: round up, r = -(1 - frac)
    q = (q + 1) & 3u;
    negative = true;
    std::uint64_t borrow = 1;  // two's complement of the fraction
    for (int k = fl; k >= 1; --k) {
      const std::uint64_t t = std::uint64_t{static_cast<std::uint32_t>(~acc[k])} + borrow;
      acc[k] = static_cast<std::uint32_t>(t);
      borrow = t >> 32;
    }
  }
  int k0 = 1;
  while (k0 <= fl && acc[k0] == 0) ++k0;
  if (k0 > fl) return {q, {T(0), T(0)}};
  constexpr int use = (2 * p + 32) / 32 + 1;
  const int k1 = k0 + use - 1 < fl ? k0 + use - 1 : fl;
  dw<T> f{T(0), T(0)};
  for (int k = k1; k >= k0; --k) f = add(f, static_cast<T>(acc[k]) * pow2<T>(-32 * k));
  dw<T> r = mul(f, pio2<T>);
  if (negative) r = neg(r);
  return {q, r};
}

template <class T>
inline constexpr T pio4 = T(0.7853981633974483096156608458198757L);

template <class T>
constexpr reduced<T> reduce(T ax) noexcept {
  if (ax <= pio4<T>) return {0u, {ax, T(0)}};
  if (ax < pow2<T>(cw_bits<T>)) {
    constexpr T two_over_pi_t = T(0.6366197723675813430755350534900574L);
    const long long n = nearest(ax * two_over_pi_t);
    return {static_cast<unsigned>(n & 3), cody_waite(ax, n, pio2_parts, pio2_count<T>)};
  }
  return payne_hanek(ax);
}

// Taylor series of sin and cos for |r| <= ~pi/4 in double-word arithmetic.
template <class T>
constexpr dw<T> sin_dw(dw<T> r) noexcept {
  if (r.hi == 0) return r;
  const dw<T> r2 = mul(r, r);
  const T tiny = pow2<T>(-2 * digits<T> - 8);
  dw<T> term = r;
  dw<T> sum = r;
  for (int k = 1; k < 100; ++k) {
    term = neg(div(mul(term, r2), static_cast<T>((2 * k) * (2 * k + 1))));
    sum = add(sum, term);
    if (fabs(term.hi) <= fabs(sum.hi) * tiny) break;
  }
  return sum;
}

template <class T>
constexpr dw<T> cos_dw(dw<T> r) noexcept {
  const dw<T> r2 = mul(r, r);
  const T tiny = pow2<T>(-2 * digits<T> - 8);
  dw<T> term{T(1), T(0)};
  dw<T> sum{T(1), T(0)};
  for (int k = 1; k < 100; ++k) {
    term = neg(div(mul(term, r2), static_cast<T>((2 * k - 1) * (2 * k))));
    sum = add(sum, term);
    if (fabs(term.hi) <= tiny) break;
  }
  return sum;
}

// sin(x) rounds to x below this bound (x^2/6 < half an ulp), cos(x) to 1.
template <class T>
inline constexpr T trig_tiny = pow2<T>(-(digits<T> / 2) - 1);

template <class T>
constexpr T sin(T x) noexcept {
  if (is_nan(x)) return x;
  if (is_infinite(x)) return nan<T>();
  if (fabs(x) < trig_tiny<T>) return x;  // also keeps ±0
  const reduced<T> red = reduce(fabs(x));
  dw<T> v = (red.q & 1u) ? cos_dw(red.r) : sin_dw(red.r);
  if (red.q & 2u) v = neg(v);
  return x < 0 ? -v.hi : v.hi;
}

template <class T>
constexpr T cos(T x) noexcept {
  if (is_nan(x)) return x;
  if (is_infinite(x)) return nan<T>();
  if (fabs(x) < trig_tiny<T>) return T(1);
  const reduced<T> red = reduce(fabs(x));
  dw<T> v = (red.q & 1u) ? sin_dw(red.r) : cos_dw(red.r);
  if (red.q == 1u || red.q == 2u) v = neg(v);
  return v.hi;
}

// ---------------------------------------------------------------------------
// sqrt: Newton's iteration from above, then exact correction with Tuckerman's
// test: for y in [1, 2) with ulp u, y = RN(sqrt(m)) iff y(y - u) < m <= y(y + u);
// the products are formed exactly with TwoProd.  Correctly rounded.
// ---------------------------------------------------------------------------
template <class T>
constexpr T sqrt(T x) noexcept {
  if (is_nan(x) || x == 0) return x;  // sqrt(-0) = -0
  if (x < 0) return nan<T>();
  if (is_plus_infinity(x)) return x;
  int e = exponent_of(x);
  T m = scale(x, -e);  // [1, 2)
  if (e & 1) {         // make the exponent even: m in [1, 4)
    m *= 2;
    e -= 1;
  }
  T y = (m + 1) / 2;  // >= sqrt(m) (AM-GM), so the iteration decreases monotonically
  for (int i = 0; i < 16; ++i) {
    const T ny = (y + m / y) / 2;
    if (!(ny < y)) break;
    y = ny;
  }
  constexpr T u = pow2<T>(1 - digits<T>);
  if (y >= 2) y = 2 - u;
  if (y < 1) y = 1;
  for (int i = 0; i < 4; ++i) {
    const dw<T> up = two_prod(y, y + u);
    if (m - up.hi > up.lo) {  // m > y (y + u): m - up.hi is exact (Sterbenz)
      y += u;
      continue;
    }
    if (y > 1) {
      const dw<T> dn = two_prod(y, y - u);
      if (m - dn.hi <= dn.lo) {  // m <= y (y - u)
        y -= u;
        continue;
      }
    }
    break;
  }
  return scale(y, e / 2);
}

// ---------------------------------------------------------------------------
// pow, with the special cases of C99 Annex F.9.4.4.
// ---------------------------------------------------------------------------
// floor(sqrt(v)): Newton's iteration from above on integers.
constexpr std::uint64_t isqrt_u64(std::uint64_t v) noexcept {
  if (v < 2) return v;
  std::uint64_t x = std::uint64_t{1} << static_cast<int>((std::bit_width(v) + 1) / 2);  // >= sqrt(v)
  while (true) {
    const std::uint64_t y = (x + v / x) / 2;
    if (y >= x) return x;
    x = y;
  }
}

// m^n as a 128-bit integer hi * 2^64 + lo; false if it does not fit.
// Schoolbook multiplication in 32-bit limbs (no __int128, which -Wpedantic
// rejects and not every compiler has).
constexpr bool ipow_u128(std::uint64_t m, int n, std::uint64_t& hi, std::uint64_t& lo) noexcept {
  std::uint32_t r[4] = {1, 0, 0, 0};
  const std::uint32_t mm[2] = {static_cast<std::uint32_t>(m), static_cast<std::uint32_t>(m >> 32)};
  for (int i = 0; i < n; ++i) {
    std::uint32_t t[6] = {};
    for (int a = 0; a < 4; ++a) {
      std::uint64_t carry = 0;
      for (int b = 0; b < 2; ++b) {
        const std::uint64_t s = std::uint64_t{r[a]} * mm[b] + t[a + b] + carry;
        t[a + b] = static_cast<std::uint32_t>(s);
        carry = s >> 32;
      }
      for (int c = a + 2; carry != 0 && c < 6; ++c) {
        const std::uint64_t s = std::uint64_t{t[c]} + carry;
        t[c] = static_cast<std::uint32_t>(s);
        carry = s >> 32;
      }
    }
    if (t[4] != 0 || t[5] != 0) return false;
    for (int k = 0; k < 4; ++k) r[k] = t[k];
  }
  hi = (std::uint64_t{r[3]} << 32) | r[2];
  lo = (std::uint64_t{r[1]} << 32) | r[0];
  return true;
}

template <class T>
constexpr T pow(T x, T y) noexcept {
  if (y == 0) return T(1);  // even for NaN x
  if (x == 1) return T(1);  // even for NaN y
  if (is_nan(x)) return x;
  if (is_nan(y)) return y;
  const bool y_odd = is_odd_integer(y);
  if (x == 0) {
    if (y < 0) return (y_odd && signbit(x)) ? -inf<T>() : inf<T>();
    return y_odd ? x : T(0);
  }
  if (is_infinite(y)) {
    if (x == -1) return T(1);
    return ((fabs(x) < 1) == (y < 0)) ? inf<T>() : T(0);
  }
  if (is_infinite(x)) {
    if (x > 0 || !y_odd) return y < 0 ? T(0) : inf<T>();
    return y < 0 ? -T(0) : -inf<T>();
  }
  bool negative = false;
  if (x < 0) {
    if (!is_integer(y)) return nan<T>();
    negative = y_odd;
    x = -x;
  }
  const T sign = negative ? T(-1) : T(1);
  if (x == 1) return sign;  // (-1)^y for integer y, including huge even y

  // |log x| >= ~2^-(p+1) for x != 1, so |y| >= 2^(p+20) means |y log x| > 2^19:
  // certain overflow or underflow.
  if (fabs(y) >= pow2<T>(digits<T> + 20)) return sign * (((x > 1) == (y > 0)) ? inf<T>() : T(0));

  // Exact cases, so that results that are exactly representable or exactly
  // halfway between two floating-point numbers are rounded as IEEE requires
  // (the general path is only accurate to ~2^-2p, which cannot break a tie).
  // Write x = M 2^E with M odd, y = a / 2^j.  x^y can only be exact or halfway
  // if x^(1/2^j) is itself M' 2^E' with M' an integer (a perfect 2^j-th power),
  // and then x^y = M'^a 2^(aE'), which must have at most p+1 bits.  So: take
  // exact square roots while y is not an integer, then
  // (1) M' == 1: x^y = 2^(aE') when aE' is an integer;
  // (2) a >= 2 and M'^a < 2^(2p): compute M'^a exactly in 128-bit integers
  //     (a == 1 gives M' 2^E', at most p bits: never a tie).
  // Negative a gives 1/M'^|a|, never dyadic unless M' == 1.
  if constexpr (digits<T> <= 64) {
    int e = exponent_of(x);
    std::uint64_t mi = static_cast<std::uint64_t>(scale(x, digits<T> - 1 - e));  // integer < 2^p
    e -= digits<T> - 1;
    while ((mi & 1u) == 0) {
      mi >>= 1;
      ++e;
    }
    T a = y;
    for (int j = 0; j < 6 && mi != 1 && !is_integer(a); ++j) {
      const std::uint64_t r = isqrt_u64(mi);
      if (r * r != mi || e % 2 != 0) break;
      mi = r;
      e /= 2;
      a *= 2;  // exact
    }
    if (mi == 1) {
      const dw<T> ye = two_prod(a, static_cast<T>(e));
      if (ye.lo == 0 && fabs(ye.hi) < T(1048576) && is_integer(ye.hi)) {
        return sign * scale_round(dw<T>{T(1), T(0)}, static_cast<int>(ye.hi));
      }
    } else if (a >= 2 && a <= 128 && is_integer(a)) {
      const int n = static_cast<int>(a);
      std::uint64_t hi = 0;
      std::uint64_t lo = 0;
      if (ipow_u128(mi, n, hi, lo)) {
        const int bits = static_cast<int>(hi != 0 ? 64 + std::bit_width(hi) : std::bit_width(lo));
        if (bits <= 2 * digits<T>) {
          // N = top * 2^sh + rest with top < 2^p and rest < 2^sh <= 2^p, both
          // exact in T; TwoSum then gives RN(N) and the exact remainder.
          const int sh = bits > digits<T> ? bits - digits<T> : 0;
          const std::uint64_t top = sh == 0 ? lo : sh == 64 ? hi : (hi << (64 - sh)) | (lo >> sh);
          const std::uint64_t rest = sh == 0 ? 0 : sh == 64 ? lo : lo & ((std::uint64_t{1} << sh) - 1);
          const dw<T> v = two_sum(scale(static_cast<T>(top), sh), static_cast<T>(rest));
          return sign * scale_round(v, e * n);
        }
      }
    }
  }

  const int ex = exponent_of(x);
  const dw<T> z = mul(log_reduced(dw<T>{scale(x, -ex), T(0)}, ex), y);
  if (z.hi > T(32768)) return sign * inf<T>();
  if (z.hi < T(-32768)) return sign * T(0);
  return sign * exp_dw(z);
}

// ---------------------------------------------------------------------------
// Building blocks for the functions below: double-word sqrt, exp and log.
// ---------------------------------------------------------------------------

// Correctly rounded sqrt of x >= 0 in T: the hardware instruction at run time
// (same result, much faster), the constexpr Newton iteration otherwise.  The
// builtin may reference libm's sqrt (errno path), so only in hosted builds.
template <class T>
constexpr T sqrt_t(T x) noexcept {
#if __STDC_HOSTED__
  if (!TAPELESS_DETAIL_CONSTANT_EVALUATED()) {
    if constexpr (std::is_same_v<T, float>) return __builtin_sqrtf(x);  // hypot3_float
    if constexpr (std::is_same_v<T, double>) return __builtin_sqrt(x);
    if constexpr (std::is_same_v<T, long double>) return __builtin_sqrtl(x);
  }
#endif
  return sqrt(x);
}

// sqrt(a) for a double-word a >= 0: one Newton step from the rounded square
// root, with the residual a - s^2 formed exactly (TwoProd; a.hi - s^2.hi is
// exact by Sterbenz), so the result is accurate to a few u^2.
template <class T>
constexpr dw<T> sqrt_dw(dw<T> a) noexcept {
  if (a.hi <= 0) return {T(0), T(0)};
  const T s = sqrt_t(a.hi);
  const dw<T> ss = two_prod(s, s);
  const T r = ((a.hi - ss.hi) - ss.lo) + a.lo;
  return fast_two_sum(s, r / (2 * s));
}

// e^z = m 2^k with m in [~0.7, ~1.42] as a double-word, for |z.hi| <= 2^15.
template <class T>
struct exp_split {
  int k;
  dw<T> m;
};

template <class T>
constexpr exp_split<T> exp_parts(dw<T> z) noexcept {
  constexpr T inv_ln2 = T(1.442695040888963407359924681001892137L);
  const long long k = nearest(z.hi * inv_ln2);
  const dw<T> r = add(cody_waite(z.hi, k, ln2_parts, ln2_count<T>), z.lo);
  return {static_cast<int>(k), add(expm1_small(r), T(1))};
}

// log(v) for a double-word v > 0 (v.hi normal).
template <class T>
constexpr dw<T> log_dw(dw<T> v) noexcept {
  const int e = exponent_of(v.hi);
  return log_reduced(scale(v, -e), e);
}

// log(1 + u) for a double-word u > -1: near 0 the series in f = u/(2 + u)
// avoids forming 1 + u, whose rounding would dominate the result.
template <class T>
constexpr dw<T> log1p_dw(dw<T> u) noexcept {
  if (u.hi > T(-0.29) && u.hi < T(0.41)) return log_series(div(u, add(u, T(2))));
  return log_dw(add(u, T(1)));
}

template <class T>
inline constexpr dw<T> pi_dw = {2 * pio2<T>.hi, 2 * pio2<T>.lo};
template <class T>
inline constexpr dw<T> ln10 = log_reduced(dw<T>{T(1.25), T(0)}, 3);  // log(1.25 * 2^3)

// ---------------------------------------------------------------------------
// cbrt: Newton's iteration in T, then one more step in double-word arithmetic
// with the residual m - y^3 formed (almost) exactly; exact cubes come out exact.
// ---------------------------------------------------------------------------
template <class T>
constexpr T cbrt(T x) noexcept {
  if (is_nan(x) || x == 0 || is_infinite(x)) return x;
  const T ax = fabs(x);
  int e = exponent_of(ax);
  T m = scale(ax, -e);  // [1, 2)
  const int r = ((e % 3) + 3) % 3;
  m = scale(m, r);  // [1, 8), exact
  e -= r;
  T y = T(1.5);
  for (int i = 0; i < 40; ++i) {
    const T ny = y - (y * y * y - m) / (3 * y * y);
    if (ny == y) break;
    y = ny;
  }
  const dw<T> y3 = mul(two_prod(y, y), y);
  const dw<T> res = add(dw<T>{m, T(0)}, neg(y3));
  const T c = (res.hi + res.lo) / (3 * y * y);
  const T v = scale(fast_two_sum(y, c).hi, e / 3);
  return x < 0 ? -v : v;
}

// ---------------------------------------------------------------------------
// exp2, log2, log10.
// ---------------------------------------------------------------------------
template <class T>
constexpr T exp2(T x) noexcept {
  if (is_nan(x)) return x;
  if (x >= static_cast<T>(max_exp<T>)) return inf<T>();                  // also +inf
  if (x < static_cast<T>(min_exp<T> - digits<T> - 2)) return T(0);       // also -inf
  if (fabs(x) < pow2<T>(-digits<T> - 2)) return T(1);
  const long long k = nearest(x);
  const T f = x - static_cast<T>(k);  // exact, |f| <= 1/2
  if (f == 0) return scale_round(dw<T>{T(1), T(0)}, static_cast<int>(k));
  return scale_round(add(expm1_small(mul(ln2<T>, f)), T(1)), static_cast<int>(k));
}

// log2 x = e + log(m) / ln 2: exact for powers of two, no cancellation.
template <class T>
constexpr T log2(T x) noexcept {
  if (is_nan(x)) return x;
  if (x == 0) return -inf<T>();
  if (x < 0) return nan<T>();
  if (is_plus_infinity(x)) return x;
  int e = exponent_of(x);
  T m = scale(x, -e);
  if (m > sqrt2<T>) {
    m *= T(0.5);
    ++e;
  }
  return add(div(log_core(dw<T>{m, T(0)}), ln2<T>), static_cast<T>(e)).hi;
}

template <class T>
constexpr T log10(T x) noexcept {
  if (is_nan(x)) return x;
  if (x == 0) return -inf<T>();
  if (x < 0) return nan<T>();
  if (is_plus_infinity(x)) return x;
  const int e = exponent_of(x);
  return div(log_reduced(dw<T>{scale(x, -e), T(0)}, e), ln10<T>).hi;
}

// ---------------------------------------------------------------------------
// tan, atan, atan2, asin, acos.
// ---------------------------------------------------------------------------
template <class T>
constexpr T tan(T x) noexcept {
  if (is_nan(x)) return x;
  if (is_infinite(x)) return nan<T>();
  if (fabs(x) < trig_tiny<T>) return x;  // tan x = x + x^3/3 + ...: rounds to x
  const reduced<T> red = reduce(fabs(x));
  const dw<T> s = sin_dw(red.r);
  const dw<T> c = cos_dw(red.r);
  // tan(r + q pi/2) = tan r (q even), -1/tan r = -cos r / sin r (q odd)
  const dw<T> v = (red.q & 1u) ? neg(div(c, s)) : div(s, c);
  return x < 0 ? -v.hi : v.hi;
}

// atan(t) for a double-word t >= 0.  Above 1, atan t = pi/2 - atan(1/t); then
// t is halved in angle, atan t = 2 atan(t / (1 + sqrt(1 + t^2))), until
// t <= 1/16, where the Taylor series gains >= 8 bits a term.
template <class T>
constexpr dw<T> atan_dw(dw<T> t) noexcept {
  if (t.hi == 0) return t;
  const bool invert = t.hi > 1;
  if (invert) t = div(dw<T>{T(1), T(0)}, t);
  int s = 0;
  while (t.hi > T(0.0625)) {
    t = div(t, add(sqrt_dw(add(mul(t, t), T(1))), T(1)));
    ++s;
  }
  const dw<T> t2 = mul(t, t);
  const T tiny = pow2<T>(-2 * digits<T> - 8);
  dw<T> pw = t;
  dw<T> sum = t;
  for (int k = 1; k < 100; ++k) {
    pw = neg(mul(pw, t2));
    const dw<T> term = div(pw, static_cast<T>(2 * k + 1));
    sum = add(sum, term);
    if (fabs(term.hi) <= fabs(sum.hi) * tiny) break;
  }
  sum = scale(sum, s);
  return invert ? add(pio2<T>, neg(sum)) : sum;
}

// atan(y / x) in [0, pi/2] for double-words x, y >= 0, not both zero; the
// quotient taken <= 1 so that atan_dw needs no inversion.
template <class T>
constexpr dw<T> atan2_pos(dw<T> y, dw<T> x) noexcept {
  if (y.hi <= x.hi) return atan_dw(div(y, x));
  return add(pio2<T>, neg(atan_dw(div(x, y))));
}

template <class T>
constexpr T atan(T x) noexcept {
  if (is_nan(x)) return x;
  if (fabs(x) < trig_tiny<T>) return x;  // atan x = x - x^3/3 + ...: rounds to x
  // atan x = pi/2 - 1/x + ...: beyond 2^(2p+2), 1/x is far below pi/2's rounding
  // error (and 1/x could be subnormal, where TwoProd is not exact)
  if (fabs(x) > pow2<T>(2 * digits<T> + 2)) return x < 0 ? -pio2<T>.hi : pio2<T>.hi;
  const T v = atan_dw(dw<T>{fabs(x), T(0)}).hi;
  return x < 0 ? -v : v;
}

// v, negated when neg: atan2's sign follows y's.
template <class T>
constexpr T signed_as(bool neg, T v) noexcept {
  return neg ? -v : v;
}

// atan2 with the special cases of C99 Annex F.9.1.4.  Both arguments are
// scaled by the same power of two, so y / x neither overflows nor underflows
// unless the result is certainly pi/2, or y / x (x > 0), or pi - y / x (x < 0).
template <class T>
constexpr T atan2(T y, T x) noexcept {
  if (is_nan(x) || is_nan(y)) return x + y;
  const bool y_neg = signbit(y);
  const bool x_neg = signbit(x);
  if (y == 0) return signed_as(y_neg, x_neg ? pi_dw<T>.hi : T(0));
  if (x == 0) return signed_as(y_neg, pio2<T>.hi);
  const T ax = fabs(x);
  const T ay = fabs(y);
  if (is_plus_infinity(ay)) {
    if (is_plus_infinity(ax)) return signed_as(y_neg, x_neg ? mul(pio2<T>, T(1.5)).hi : T(0.5) * pio2<T>.hi);
    return signed_as(y_neg, pio2<T>.hi);
  }
  if (is_plus_infinity(ax)) return signed_as(y_neg, x_neg ? pi_dw<T>.hi : T(0));
  const int ex = exponent_of(ax);
  const int ey = exponent_of(ay);
  constexpr int far = 2 * digits<T> + 8;
  if (ey - ex > far) return signed_as(y_neg, pio2<T>.hi);  // pi/2 -+ a negligible y/x
  if (ey - ex < -far) {
    const T q = ay / ax;  // atan(q) rounds as q does: q^3/3 is negligible
    return signed_as(y_neg, x_neg ? add(pi_dw<T>, -q).hi : q);
  }
  const int sc = -(ex > ey ? ex : ey);
  dw<T> a = atan2_pos(dw<T>{scale(ay, sc), T(0)}, dw<T>{scale(ax, sc), T(0)});
  if (x_neg) a = add(pi_dw<T>, neg(a));
  return signed_as(y_neg, a.hi);
}

// sqrt(1 - a^2) for 0 <= a <= 1, as (1 - a)(1 + a) with both factors exact.
template <class T>
constexpr dw<T> sqrt_one_minus_sq(T a) noexcept {
  return sqrt_dw(mul(two_sum(T(1), -a), two_sum(T(1), a)));
}

template <class T>
constexpr T asin(T x) noexcept {
  if (is_nan(x)) return x;
  const T ax = fabs(x);
  if (ax > 1) return nan<T>();
  if (ax < trig_tiny<T>) return x;  // asin x = x + x^3/6 + ...: rounds to x
  const T v = atan2_pos(dw<T>{ax, T(0)}, sqrt_one_minus_sq(ax)).hi;
  return x < 0 ? -v : v;
}

template <class T>
constexpr T acos(T x) noexcept {
  if (is_nan(x)) return x;
  const T ax = fabs(x);
  if (ax > 1) return nan<T>();
  const dw<T> a = atan2_pos(sqrt_one_minus_sq(ax), dw<T>{ax, T(0)});
  return x < 0 ? add(pi_dw<T>, neg(a)).hi : a.hi;
}

// ---------------------------------------------------------------------------
// sinh, cosh, tanh.  Near 0 through expm1 (no cancellation), elsewhere through
// e^|x| = m 2^k, with the final scaling by 2^(k-1) rounded once by scale_round
// (overflow and the last binade before it handled exactly).
// ---------------------------------------------------------------------------
template <class T>
inline constexpr T hyp_hi_bound = exp_hi_bound<T> + T(1);  // beyond: sinh, cosh overflow

template <class T>
constexpr T sinh(T x) noexcept {
  if (is_nan(x)) return x;
  const T ax = fabs(x);
  if (ax < trig_tiny<T> || is_plus_infinity(ax)) return x;  // sinh x = x + x^3/6 + ...
  if (ax > hyp_hi_bound<T>) return x < 0 ? -inf<T>() : inf<T>();
  dw<T> v;
  int k;
  if (ax < 1) {
    // sinh = (e^x - e^-x)/2 = em (em + 2) / (2 (em + 1)), em = e^x - 1
    const dw<T> em = expm1_small(dw<T>{ax, T(0)});
    v = div(mul(em, add(em, T(2))), add(em, T(1)));
    k = -1;
  } else {
    const exp_split<T> ep = exp_parts(dw<T>{ax, T(0)});
    v = ep.m;
    if (ep.k <= digits<T> + 3) v = add(v, neg(scale(div(dw<T>{T(1), T(0)}, ep.m), -2 * ep.k)));
    k = ep.k - 1;
  }
  const T r = scale_round(v, k);
  return x < 0 ? -r : r;
}

template <class T>
constexpr T cosh(T x) noexcept {
  if (is_nan(x)) return x;
  const T ax = fabs(x);
  if (ax < trig_tiny<T>) return T(1);  // cosh x = 1 + x^2/2 + ...
  if (ax > hyp_hi_bound<T>) return inf<T>();
  const exp_split<T> ep = exp_parts(dw<T>{ax, T(0)});
  dw<T> v = ep.m;
  if (ep.k <= digits<T> + 3) v = add(v, scale(div(dw<T>{T(1), T(0)}, ep.m), -2 * ep.k));
  return scale_round(v, ep.k - 1);
}

template <class T>
constexpr T tanh(T x) noexcept {
  if (is_nan(x)) return x;
  const T ax = fabs(x);
  if (ax < trig_tiny<T>) return x;  // tanh x = x - x^3/3 + ...; keeps -0
  // 1 - tanh|x| = 2/(e^2|x| + 1) < 2^-(p+2) beyond this: rounds to 1
  if (ax > static_cast<T>(digits<T> + 4) * T(0.5)) return x < 0 ? T(-1) : T(1);
  dw<T> v;
  if (ax < T(0.5)) {
    const dw<T> em = expm1_small(dw<T>{2 * ax, T(0)});  // tanh = em / (em + 2)
    v = div(em, add(em, T(2)));
  } else {
    const exp_split<T> ep = exp_parts(dw<T>{2 * ax, T(0)});  // tanh = 1 - 2 / (e^2x + 1)
    v = add(neg(div(dw<T>{T(2), T(0)}, add(scale(ep.m, ep.k), T(1)))), T(1));
  }
  return x < 0 ? -v.hi : v.hi;
}

// ---------------------------------------------------------------------------
// asinh, acosh, atanh, as logarithms; near the zeros through log1p_dw or the
// atanh series, so that the argument of the logarithm is never rounded near 1.
// ---------------------------------------------------------------------------
template <class T>
constexpr T asinh(T x) noexcept {
  if (is_nan(x)) return x;
  const T ax = fabs(x);
  if (ax < trig_tiny<T> || is_plus_infinity(ax)) return x;  // asinh x = x - x^3/6 + ...
  dw<T> v;
  if (ax > pow2<T>(digits<T>)) {
    v = add(log_dw(dw<T>{ax, T(0)}), ln2<T>);  // log 2x; the 1/(4x^2) is negligible
  } else {
    const dw<T> x2p1 = add(two_prod(ax, ax), T(1));
    if (ax < T(0.3)) {
      // asinh x = log1p(x + x^2 / (1 + sqrt(1 + x^2)))
      const dw<T> x2 = two_prod(ax, ax);
      v = log1p_dw(add(div(x2, add(sqrt_dw(x2p1), T(1))), ax));
    } else {
      v = log_dw(add(sqrt_dw(x2p1), ax));
    }
  }
  return x < 0 ? -v.hi : v.hi;
}

template <class T>
constexpr T acosh(T x) noexcept {
  if (is_nan(x)) return x;
  if (x < 1) return nan<T>();
  if (x == 1) return T(0);
  if (is_plus_infinity(x)) return x;
  if (x > pow2<T>(digits<T>)) return add(log_dw(dw<T>{x, T(0)}), ln2<T>).hi;
  if (x < T(1.25)) {
    // acosh(1 + d) = log1p(d + sqrt(d (2 + d))), d = x - 1 exact
    const T d = x - 1;
    return log1p_dw(add(sqrt_dw(mul(two_sum(T(2), d), d)), d)).hi;
  }
  return log_dw(add(sqrt_dw(add(two_prod(x, x), T(-1))), x)).hi;
}

template <class T>
constexpr T atanh(T x) noexcept {
  if (is_nan(x)) return x;
  const T ax = fabs(x);
  if (ax > 1) return nan<T>();
  if (ax == 1) return x < 0 ? -inf<T>() : inf<T>();
  if (ax < trig_tiny<T>) return x;  // atanh x = x + x^3/3 + ...
  dw<T> v;
  if (ax < T(0.15)) {
    v = log_series(dw<T>{ax, T(0)});  // 2 atanh
  } else {
    v = log_dw(div(two_sum(T(1), ax), two_sum(T(1), -ax)));  // log((1 + x)/(1 - x)), both exact
  }
  const T r = T(0.5) * v.hi;
  return x < 0 ? -r : r;
}

// ---------------------------------------------------------------------------
// hypot of 2 or 3 arguments: scaled by a power of two so that the largest is in
// [1, 2), squares summed exactly enough in double-word, one double-word sqrt,
// one rounding back to scale (gradual underflow included).  Infinities win over
// NaN (Annex F.9.4.3).
// ---------------------------------------------------------------------------
template <class T, std::size_t N>
constexpr T hypot_n(const T (&in)[N]) noexcept {
  T a[N] = {};
  bool any_nan = false;
  for (std::size_t i = 0; i < N; ++i) {
    if (is_infinite(in[i])) return inf<T>();
    any_nan = any_nan || is_nan(in[i]);
    a[i] = fabs(in[i]);
  }
  if (any_nan) return nan<T>();
  T big = 0;
  for (std::size_t i = 0; i < N; ++i) big = a[i] > big ? a[i] : big;
  if (big == 0) return T(0);
  // Common case, and the one run-time callers need fast: the squares of the
  // largest neither overflow nor leave the normal range, so no scaling.  Smaller
  // terms whose squares underflow are below 2^-(2p) of the sum anyway.
  constexpr T no_overflow = pow2<T>((max_exp<T> - 1) / 2 - 2);
  constexpr T no_underflow = pow2<T>(min_exp<T> / 2 + digits<T>);
  if (big < no_overflow && big > no_underflow) {
    dw<T> s{T(0), T(0)};
    for (std::size_t i = 0; i < N; ++i) s = add(s, two_prod(a[i], a[i]));
    return sqrt_dw(s).hi;
  }
  const int e = exponent_of(big);
  dw<T> s{T(0), T(0)};
  int terms = 0;
  for (std::size_t i = 0; i < N; ++i) {
    // terms below 2^-(p+3) of the largest change the sum by < 2^-(2p+4): negligible
    if (a[i] == 0 || exponent_of(a[i]) < e - digits<T> - 3) continue;
    const T t = scale(a[i], -e);
    s = add(s, two_prod(t, t));
    ++terms;
  }
  if (terms == 1) return big;
  return scale_round(sqrt_dw(s), e);
}

// Exact product a b = p + e of floats, also at run time: with a fused multiply-add in
// hardware (VFMA on a Cortex-M4, FMA3 on x86 with -mfma) fmaf(a, b, -p), one instruction;
// without one Dekker's TwoProd, whose split the compiler cannot contract into anything.
constexpr dw<float> two_prod_float(float a, float b) noexcept {
#if defined(__FP_FAST_FMAF) || defined(__FMA__) || defined(__ARM_FEATURE_FMA)
  if (!TAPELESS_DETAIL_CONSTANT_EVALUATED()) {
    const float p = a * b;
    return {p, __builtin_fmaf(a, b, -p)};
  }
#endif
  return two_prod(a, b);
}

// hypot(x, y, z) of float in float arithmetic only (float_only::hypot): hypot_n's algorithm
// (squares summed in double-word, one double-word square root, one rounding) with the
// products of two_prod_float and sqrtf.  Scaled by a power of two only where the square of
// the largest would overflow or leave the range where its rounding error is a float
// (|x| in [2^-50, 2^50] needs no scaling).  A smaller argument whose square underflows is
// off by at most 2^-150, below 2^-50 of the sum.
constexpr float hypot3_float(float x, float y, float z) noexcept {
  const float in[3] = {x, y, z};
  float a[3] = {};
  bool any_nan = false;
  for (int i = 0; i < 3; ++i) {
    if (is_infinite(in[i])) return inf<float>();
    any_nan = any_nan || is_nan(in[i]);
    a[i] = fabs(in[i]);
  }
  if (any_nan) return nan<float>();
  const float big = a[0] > a[1] ? (a[0] > a[2] ? a[0] : a[2]) : (a[1] > a[2] ? a[1] : a[2]);
  if (big == 0) return 0.0f;
  int k = 0;  // the result is scaled by 2^k at the end
  if (big > 0x1p50f) {
    k = 70;
  } else if (big < 0x1p-50f) {
    k = -100;
  }
  if (k != 0) {
    const float down = k > 0 ? 0x1p-70f : 0x1p100f;  // exact, but for negligible terms
    for (float& v : a) v *= down;
  }
  dw<float> s = two_prod_float(a[0], a[0]);
  s = add(s, two_prod_float(a[1], a[1]));
  s = add(s, two_prod_float(a[2], a[2]));
  const float r = sqrt_t(s.hi);
  const dw<float> rr = two_prod_float(r, r);
  const dw<float> v = fast_two_sum(r, (((s.hi - rr.hi) - rr.lo) + s.lo) / (2.0f * r));
  return k == 0 ? v.hi : scale_round(v, k);
}

// ---------------------------------------------------------------------------
// Types narrower than double are computed in double and rounded once.
// ---------------------------------------------------------------------------
template <class T>
using work_t = std::conditional_t<(digits<T> < digits<double>), double, T>;

// double -> T with IEEE rounding; written out because an out-of-range
// conversion is not a constant expression.
template <class T>
constexpr T narrow(work_t<T> d) noexcept {
  if constexpr (std::is_same_v<T, work_t<T>>) {
    return d;
  } else {
    if (is_nan(d)) return nan<T>();
    // values >= max + ulp/2 = 2^max_exp (1 - 2^-(p+1)) round to infinity
    constexpr double limit = scale(1.0 - pow2<double>(-digits<T> - 1), max_exp<T>);
    if (d >= limit) return inf<T>();
    if (d <= -limit) return -inf<T>();
    return static_cast<T>(d);
  }
}

template <class T>
concept work_type_ok = digits<work_t<T>> >= 53;

}  // namespace impl

// ---------------------------------------------------------------------------
// Public interface.
// ---------------------------------------------------------------------------
// Correctly rounded square root; sqrt(-0) = -0, sqrt(x < 0) = NaN.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T sqrt(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::sqrt<W>(static_cast<W>(x)));
}

// e^x; overflow gives +inf, gradual underflow is rounded once.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T exp(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::exp<W>(static_cast<W>(x)));
}

// e^x - 1, accurate near 0.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T expm1(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::expm1<W>(static_cast<W>(x)));
}

// Natural logarithm; log(±0) = -inf, log(x < 0) = NaN.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T log(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::log<W>(static_cast<W>(x)));
}

// log(1 + x), accurate near 0.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T log1p(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::log1p<W>(static_cast<W>(x)));
}

// Sine.  The argument reduction is exact for every finite x (Cody-Waite
// below 2^(p-25), Payne-Hanek above), so the accuracy does not degrade for
// large |x|; sin(±inf) = NaN.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T sin(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::sin<W>(static_cast<W>(x)));
}

// Cosine, see sin.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T cos(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::cos<W>(static_cast<W>(x)));
}

// x^y for real x, y.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T pow(T x, T y) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::pow<W>(static_cast<W>(x), static_cast<W>(y)));
}

// Cube root, correctly rounded except in rare hard cases; cbrt(-x) = -cbrt(x).
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T cbrt(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::cbrt<W>(static_cast<W>(x)));
}

// 2^x; exact for integer x.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T exp2(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::exp2<W>(static_cast<W>(x)));
}

// Base-2 logarithm; exact for powers of two.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T log2(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::log2<W>(static_cast<W>(x)));
}

// Base-10 logarithm; exact for exact powers of ten.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T log10(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::log10<W>(static_cast<W>(x)));
}

// Tangent, with the exact argument reduction of sin.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T tan(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::tan<W>(static_cast<W>(x)));
}

// Arc sine; NaN outside [-1, 1].
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T asin(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::asin<W>(static_cast<W>(x)));
}

// Arc cosine; NaN outside [-1, 1], acos(1) = +0.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T acos(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::acos<W>(static_cast<W>(x)));
}

// Arc tangent; atan(±inf) = ±pi/2.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T atan(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::atan<W>(static_cast<W>(x)));
}

// Hyperbolic sine; overflows to ±inf.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T sinh(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::sinh<W>(static_cast<W>(x)));
}

// Hyperbolic cosine; overflows to +inf.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T cosh(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::cosh<W>(static_cast<W>(x)));
}

// Hyperbolic tangent; tanh(±0) = ±0, tanh(±inf) = ±1.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T tanh(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::tanh<W>(static_cast<W>(x)));
}

// Inverse hyperbolic sine.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T asinh(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::asinh<W>(static_cast<W>(x)));
}

// Inverse hyperbolic cosine; NaN below 1, acosh(1) = +0.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T acosh(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::acosh<W>(static_cast<W>(x)));
}

// Inverse hyperbolic tangent; ±inf at ±1, NaN outside [-1, 1].
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T atanh(T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::atanh<W>(static_cast<W>(x)));
}

// Angle of (x, y) in [-pi, pi], with every signed-zero and infinite case of
// C99 Annex F.9.1.4 (atan2(±0, -0) = ±pi, atan2(±inf, -inf) = ±3pi/4, ...).
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T atan2(T y, T x) noexcept {
  using W = impl::work_t<T>;
  return impl::narrow<T>(impl::atan2<W>(static_cast<W>(y), static_cast<W>(x)));
}

// sqrt(x^2 + y^2) without spurious overflow or underflow; hypot(±inf, NaN) = +inf.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T hypot(T x, T y) noexcept {
  using W = impl::work_t<T>;
  const W in[2] = {static_cast<W>(x), static_cast<W>(y)};
  return impl::narrow<T>(impl::hypot_n<W, 2>(in));
}

// sqrt(x^2 + y^2 + z^2) (C++17 std::hypot's three-argument form, which has no
// builtin); an infinite argument gives +inf even if another is NaN.
template <std::floating_point T>
  requires impl::work_type_ok<T>
constexpr T hypot(T x, T y, T z) noexcept {
  using W = impl::work_t<T>;
  const W in[3] = {static_cast<W>(x), static_cast<W>(y), static_cast<W>(z)};
  return impl::narrow<T>(impl::hypot_n<W, 3>(in));
}

// hypot(x, y, z) of float in float arithmetic only, for FPUs without double precision
// (detail/math.hpp uses it at run time when TAPELESS_CONFIG_FLOAT_ONLY_MATH is 1); same
// special values as hypot above, within 1 ulp (tests/accuracy, docs/accuracy.md).
namespace float_only {
constexpr float hypot(float x, float y, float z) noexcept { return impl::hypot3_float(x, y, z); }
}  // namespace float_only

}  // namespace tapeless::detail::cx

TAPELESS_DETAIL_ALLOW_INFINITY_END
