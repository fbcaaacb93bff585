// detail::factor_rule<Op>: an operation whose adjoint is abar times a factor read from the graph
// (Op::adjoint_factor<J>(ctx)), which the reverse sweep multiplies in the same expression that
// adds into the operand's adjoint.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>

#include <tapeless/config.hpp>

namespace tapeless::detail {

/// Base of an operation that defines `adjoint_factor<J>(ctx)`, ∂self/∂operand_J, instead of
/// `adjoint<J>(ctx, abar)`. The reverse sweep then writes `a[k] += abar * factor` as one
/// expression, as hand-written adjoint code does: clang fuses a multiply and an add into an FMA
/// (where the target has one) only within an expression (its default -ffp-contract=on), not
/// across the return of an inlined adjoint(). g++ fuses either way. The other sweeps (dual
/// numbers, d(f, x)) call `adjoint`, the same product.
template <class Op>
struct factor_rule {
  template <std::size_t J, class Ctx, class T>
  TAPELESS_HD TAPELESS_INLINE static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    return abar * Op::template adjoint_factor<J>(ctx);
  }
};

/// Whether Op's adjoint is abar times Op::adjoint_factor<J>(ctx).
template <class Op, std::size_t J, class Ctx>
concept has_adjoint_factor = requires(const Ctx& ctx) { Op::template adjoint_factor<J>(ctx); };

/// Whether the reverse sweep adds the product in the expression that computes it, for the
/// number type T: on clang where the target has an FMA for T. Without one, the multiply-add
/// that clang's front end forms (llvm.fmuladd) is split again into a multiply and an add, but
/// only after it has kept InstCombine from turning `acc + -(q·v)` into a subtraction, and the
/// code is worse, not better (count.py: sin(x)/x 24 → 27 instructions; long double on x86-64,
/// whose x87 has no FMA, likewise); the product is then a statement of its own, which clang
/// does not fuse, as before. g++ fuses across statements (-ffp-contract=fast) either way.
template <class T>
inline constexpr bool fuse_adjoint_factors = false;
#if defined(__clang__) && defined(__FMA__)
template <>
inline constexpr bool fuse_adjoint_factors<float> = true;
template <>
inline constexpr bool fuse_adjoint_factors<double> = true;
#elif defined(__clang__) && defined(__ARM_FEATURE_FMA) && defined(__ARM_FP)
// __ARM_FP: bit 2 single precision in hardware, bit 3 double (Cortex-M4F: single only)
template <>
inline constexpr bool fuse_adjoint_factors<float> = (__ARM_FP & 0x4) != 0;
template <>
inline constexpr bool fuse_adjoint_factors<double> = (__ARM_FP & 0x8) != 0;
#endif

}  // namespace tapeless::detail
