// tapeless/detail/constexpr_special.hpp
//
// Special functions for tapeless in namespace tapeless::detail::cx: erf, erfc,
// tgamma, lgamma, digamma (psi) and trigamma (psi'), for float, double and
// long double, usable in constant evaluation (freestanding headers only, no
// <cmath>).  They exist because libm's special functions are not constexpr,
// and because digamma and trigamma, which the derivatives of lgamma and tgamma
// need, have no libm counterpart at all.
//
// Two kinds of implementation, for two uses:
//
// * erf, erfc, tgamma, lgamma are only meant for constant evaluation (tapeless
//   calls libm at run time).  They evaluate in double-word arithmetic (the
//   impl:: helpers of constexpr_math.hpp, about 2p bits) with simple, slowly
//   but surely converging series, and round once: results are correctly
//   rounded except in rare hard cases.  Like constexpr_math.hpp they need
//   strict IEEE evaluation if called at run time (no FP contraction).
//
// * digamma and trigamma are called at run time too, in gradients, so they
//   are written for speed as well: plain arithmetic in T (float computes in
//   double), TwoSum-compensated sums (no products, so FP contraction cannot
//   break them) and one exact product, taken from the hardware fma where there
//   is one (and Dekker's TwoProd, exact, where there is none, since the
//   compiler then cannot contract either), so g++ -march=native's contraction
//   only makes them more accurate; loops run at most 10 times; run-time log is
//   libm's (__builtin_log), constant evaluation uses cx::log.  digamma: Chebyshev-derived polynomials on [1, 2] (as
//   (x - x0) P(x - x0) around the positive root x0, which keeps the relative
//   error small there) and [2, 3], shifts by ψ(x + 1) = ψ(x) + 1/x (only
//   adding positive terms), the asymptotic series for x >= 10, and reflection
//   for x < 0.  trigamma: ψ'(x) = ψ'(x + 1) + 1/x^2 up to x >= 10, asymptotic
//   series, reflection for x < 0.
//
// Special values follow glibc (lgamma/tgamma/erf/erfc) and MPFR (digamma):
// erf(±0) = ±0, erf(±inf) = ±1, erfc(-inf) = 2, erfc(+inf) = +0,
// tgamma(±0) = ±inf, tgamma(negative integer or -inf) = NaN,
// lgamma(non-positive integer) = lgamma(±inf) = +inf, digamma(±0) = ∓inf,
// digamma(negative integer or -inf) = NaN, digamma(+inf) = +inf,
// trigamma(non-positive integer) = +inf, trigamma(+inf) = +0,
// trigamma(-inf) = NaN.  NaN propagates.
//
// Accuracy, measured against MPFR by tests/accuracy/special.cpp (2 10^5
// random points per function and type plus hard cases; ulps = representable
// values between the result and the correctly rounded one): erf, erfc,
// tgamma, lgamma: 0 (correctly rounded at every point measured, float,
// double and x87), including lgamma at its zeros 1, 2 and those in (-10, -2)
// (Taylor expansions at the latter; further out no T value comes close enough
// to a zero to matter).  digamma, x > 0: <= 1 ulp, the root x0 included.
// trigamma: <= 2 ulp.  digamma, x < 0: the reflection formula cancels near
// each negative root, so only an absolute bound holds there: the error is
// <= 3 ulp of |psi(1 - x)| + |pi cot(pi x)|.
//
// float_only::digamma and float_only::trigamma (end of file) are the same
// algorithms instantiated for float, with float tables, logf and (where the
// FPU has it) fmaf: no double operation at run time, for FPUs without double
// precision.  Measured the same way on 10^6 points: digamma <= 1 ulp for
// x > 0, trigamma <= 2 ulp, digamma for x < 0 <= 3 ulp of the scale above.
//
// long double: x87 80-bit and binary64 are covered by the coefficient tables;
// for binary128 the digamma/trigamma polynomials and the erfc continued
// fraction are only accurate to about 2^-70 (enough for x87's 64 bits).
//
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <cstddef>
#include <limits>
#include <type_traits>

#include <tapeless/config.hpp>
#include <tapeless/detail/constexpr_math.hpp>

TAPELESS_DETAIL_ALLOW_INFINITY_BEGIN  // quiet under -ffast-math: see config.hpp

namespace tapeless::detail::cx {

namespace special_impl {

using impl::dw;

// ---------------------------------------------------------------------------
// Constants.  Multi-word ones are stored as three doubles (hi + mid + lo,
// each the rounded remainder of the previous ones, ~160 bits, computed with
// MPFR at 400 bits) and summed into a double-word of T.
// ---------------------------------------------------------------------------
template <class T>
constexpr dw<T> sf_const(const double (&c)[3]) noexcept {
  if constexpr (impl::digits<T> < impl::digits<double>) {
    // float: hi + lo carries 48 of the 53 bits of c[0] (the remainder c[0] - hi is exact in
    // double).  Only for constexpr variables: this is the one double operation of the float
    // code, done by the compiler.
    const T hi = static_cast<T>(c[0]);
    return {hi, static_cast<T>((c[0] - static_cast<double>(hi)) + c[1])};
  } else {
    return impl::add(impl::two_sum(static_cast<T>(c[0]), static_cast<T>(c[1])), static_cast<T>(c[2]));
  }
}

inline constexpr double sf_x0[3] = {0x1.762d86356be3fp+0, 0x1.b86a722197829p-54, 0x1.e0d62a6be90c7p-109};  // positive root of digamma
inline constexpr double sf_psi1_x0[3] = {0x1.ef72bc8ee38acp-1, -0x1.3879eb97bf58dp-55, -0x1.9e1d1618a198ap-109};  // psi'(x0)
inline constexpr double sf_psi_2_5[3] = {0x1.680425af12b5ep-1, -0x1.46eb6bf0197a4p-58, 0x1.f1f586f55822dp-112};  // psi(5/2)
inline constexpr double sf_pi[3] = {0x1.921fb54442d18p+1, 0x1.1a62633145c07p-53, -0x1.f1976b7ed8fbcp-109};
inline constexpr double sf_pi_squared[3] = {0x1.3bd3cc9be45dep+3, 0x1.692b71366cc04p-51, 0x1.8358e10acd480p-105};
inline constexpr double sf_log_pi[3] = {0x1.250d048e7a1bdp+0, 0x1.7abf2ad8d5088p-57, -0x1.6ccf43244818ap-113};
inline constexpr double sf_half_log_2pi[3] = {0x1.d67f1c864beb5p-1, -0x1.65b5a1b7ff5dfp-55, -0x1.b7f70c13dc1ccp-110};
inline constexpr double sf_inv_sqrt_pi[3] = {0x1.20dd750429b6dp-1, 0x1.1ae3a914fed8p-57, -0x1.3cbbebf65f145p-112};
inline constexpr double sf_2_sqrt_pi[3] = {0x1.20dd750429b6dp+0, 0x1.1ae3a914fed8p-56, -0x1.3cbbebf65f145p-111};

// Stirling series coefficients B_2k / (2k (2k - 1)), k = 1, 2, ...
inline constexpr int sf_stirling_count = 32;
inline constexpr double sf_stirling[sf_stirling_count][3] = {
    {0x1.5555555555555p-4, 0x1.5555555555555p-58, 0x1.5555555555555p-112},
    {-0x1.6c16c16c16c17p-9, 0x1.f49f49f49f49fp-64, 0x1.27d27d27d27d2p-118},
    {0x1.a01a01a01a01ap-11, 0x1.a01a01a01a01ap-71, 0x1.a01a01a01a01ap-131},
    {-0x1.3813813813814p-11, 0x1.fb1fb1fb1fb2p-65, -0x1.3813813813814p-119},
    {0x1.b951e2b18ff23p-11, 0x1.5c3a9ce01b952p-65, -0x1.d4e700dca8f16p-121},
    {-0x1.f6ab0d9993c7dp-10, 0x1.f82553c999b0ep-64, 0x1.bf04aa7933362p-121},
    {0x1.a41a41a41a41ap-8, 0x1.069069069069p-62, 0x1.a41a41a41a41ap-116},
    {-0x1.e4286cb0f5398p-6, 0x1.1efcdab896745p-61, 0x1.1806f5e4d3c2bp-116},
    {0x1.6fe96381e068p-3, -0x1.79e2405a71f88p-61, 0x1.9ffe861dbfa59p-117},
    {-0x1.6476701181f3ap+0, 0x1.24246319da678p-56, 0x1.59f8b74eb3e0bp-111},
    {0x1.ace44322ce006p+3, -0x1.62c2b1bbcdd32p-51, 0x1.69d3d4e44322dp-113},
    {-0x1.39b2525cccc1bp+7, 0x1.52604768a30fcp-47, 0x1.ae3125dab6b69p-103},
    {0x1.12234e81b4e82p+11, -0x1.2c5f92c5f92c6p-43, 0x1.b4e81b4e81b4fp-101},
    {-0x1.1a198ae1c4ab8p+15, 0x1.4c012227b696ep-41, 0x1.c98d64da3a05bp-101},
    {0x1.51a2089a6e11ap+19, 0x1.c219ee4fdc447p-36, -0x1.8cd448d3fe59fp-90},
    {-0x1.d1089b142d357p+23, -0x1.e2030b4d5de2p-31, -0x1.85a6aef10185ap-86},
    {0x1.6d29a0f6433b8p+28, -0x1.9dbcc48676f31p-26, -0x1.0cede62433b7ap-81},
    {-0x1.445119d9e466fp+33, 0x1.5159fdb2a3b69p-22, -0x1.858d36a2301e5p-76},
    {0x1.43779bc9d4025p+38, -0x1.95e8efdb195e9p-18, 0x1.024e6a171024ep-74},
    {-0x1.6800b7bc07a8dp+43, 0x1.eaede53f475a8p-11, 0x1.37abb794fd1d7p-65},
    {0x1.bc8cd6f8f1f75p+48, 0x1.71e1d4f36d757p-6, 0x1.1b663bbb2b27ap-61},
    {-0x1.2efaec50eee53p+54, -0x1.e5a0284fa7ec4p+0, -0x1.1912dc80df178p-55},
    {0x1.c5c266feb5e18p+59, -0x1.26f494f5cad2bp+4, -0x1.9946f84b34d06p-53},
    {-0x1.73c1280b15b12p+65, -0x1.6b4f92ff986cep+6, 0x1.15df627277e53p-50},
    {0x1.4befddf3ce359p+71, -0x1.bfe6caa599bap+13, -0x1.810770e171d4ap-41},
    {-0x1.41df01caf2a81p+77, -0x1.3369924971b22p+20, 0x1.b6e596b2110f7p-34},
    {0x1.51d7fc91b42fcp+83, -0x1.333437c4fa799p+29, 0x1.2b763ac3cbdfap-31},
    {-0x1.7eb054866aadfp+89, -0x1.8b9264ad5ab66p+35, 0x1.3d10c45e4a10fp-22},
    {0x1.d28166e47cd9p+95, -0x1.78c4478cc77dep+41, -0x1.d2469747e290ep-13},
    {-0x1.31342a0d12ce5p+102, 0x1.9c0733c4b0baep+47, 0x1.f287ba2d39cd9p-7},
    {0x1.ab9d9181cb59ap+108, -0x1.2a704126a3c7p+49, 0x1.661ec6a5122f9p-10},
    {-0x1.400a6d954abb3p+115, 0x1.c8f68d231ec64p+61, -0x1.e1b1a99958544p+7},
};

// B_2k / (2k) (digamma) and B_2k (trigamma), k = 1..13.
inline constexpr long double sf_b2k_over_2k[13] = {
    8.333333333333333333333333333333333333e-02L,
    -8.333333333333333333333333333333333333e-03L,
    3.968253968253968253968253968253968254e-03L,
    -4.166666666666666666666666666666666667e-03L,
    7.575757575757575757575757575757575758e-03L,
    -2.109279609279609279609279609279609280e-02L,
    8.333333333333333333333333333333333333e-02L,
    -4.432598039215686274509803921568627451e-01L,
    3.053954330270119743803954330270119744e+00L,
    -2.645621212121212121212121212121212121e+01L,
    2.814601449275362318840579710144927536e+02L,
    -3.607510546398046398046398046398046398e+03L,
    5.482758333333333333333333333333333333e+04L,
};
inline constexpr long double sf_b2k[13] = {
    1.666666666666666666666666666666666667e-01L,
    -3.333333333333333333333333333333333333e-02L,
    2.380952380952380952380952380952380952e-02L,
    -3.333333333333333333333333333333333333e-02L,
    7.575757575757575757575757575757575758e-02L,
    -2.531135531135531135531135531135531136e-01L,
    1.166666666666666666666666666666666667e+00L,
    -7.092156862745098039215686274509803922e+00L,
    5.497117794486215538847117794486215539e+01L,
    -5.291242424242424242424242424242424242e+02L,
    6.192123188405797101449275362318840580e+03L,
    -8.658025311355311355311355311355311355e+04L,
    1.425517166666666666666666666666666667e+06L,
};

// Taylor coefficients of cos(pi r) in r^2.
inline constexpr long double sf_cospi_c[13] = {
    1.000000000000000000000000000000000000e+00L,
    -4.934802200544679309417245499938075568e+00L,
    4.058712126416768218185013862029379635e+00L,
    -1.335262768854589495875304782850583193e+00L,
    2.353306303588932045418793527754654215e-01L,
    -2.580689139001406001259829425289884966e-02L,
    1.929574309403923047903345563685957640e-03L,
    -1.046381049248457071180167283522393276e-04L,
    4.303069587032947007297823714966923301e-06L,
    -1.387895246221377211446808750399309344e-07L,
    3.604730797462500933859428763621197015e-09L,
    -7.700707130601353379787236025652376789e-11L,
    1.376864728037741370415648231205086840e-12L,
};
// sin(pi r) / (pi r) and pi sin(pi r) / r in r^2.
inline constexpr long double sf_sinc_c[13] = {
    1.0L,
    -1.644934066848226436472415166646025189L,
    8.117424252833536436370027724058759271e-1L,
    -1.90751824122084213696472111835797599e-1L,
    2.614784781765480050465326141949615795e-2L,
    -2.346081035455823637508935841172622696e-3L,
    1.484287930310710036848727356681505877e-4L,
    -6.975873661656380474534448556815955174e-6L,
    2.53121740413702765135166100880407253e-7L,
    -7.30471182221777479708846710736478602e-9L,
    1.716538474982143301837823220771998579e-10L,
    -3.348133535044066686864015663327120343e-12L,
    5.507458912150965481662592924820347359e-14L,
};
inline constexpr long double sf_pisin_c[13] = {
    9.869604401089358618834490999876151135L,
    -1.623484850566707287274005544811751854e+1L,
    8.011576613127536975251828697103499157L,
    -1.882645042871145636335034822203723372L,
    2.580689139001406001259829425289884966e-1L,
    -2.315489171284707657484014676423149168e-2L,
    1.464933468947839899652234196931350587e-3L,
    -6.884911339252715211676517943947077281e-5L,
    2.498211443198478980604255750718756819e-6L,
    -7.20946159492500186771885752724239403e-8L,
    1.694155568732297743553191925643522894e-9L,
    -3.304475347290579288997555754892208415e-11L,
    5.435644071818398021589373050506311487e-13L,
};
// sin^2(pi r) / (pi r)^2 in r^2.
inline constexpr long double sf_sin2pi_c[15] = {
    1.000000000000000000000000000000000000e+00L,
    -3.289868133696452872944830333292050378e+00L,
    4.329292934844552766064014786164671611e+00L,
    -3.052029185953347419143553789372761584e+00L,
    1.338769808263925785838246984678203287e+00L,
    -4.003978300511272341348583835601276068e-01L,
    8.685204803646669015617696075667782961e-02L,
    -1.428658925907226721184655064435907620e-02L,
    1.843176264416936046210916176366485526e-03L,
    -1.914886375923456356407959121393034466e-04L,
    1.636291861766250813516270292312926529e-05L,
    -1.170257489880789090081707362729632847e-06L,
    7.107679060021674807261335432290979141e-08L,
    -3.711639181604264403019030320428298624e-09L,
    1.684248754115731179001581467542454887e-10L,
};

// psi(x0 + t) / t for x in [1, 2], as a polynomial in t = x - x0: Chebyshev
// interpolation (MPFR, 400 bits) converted to monomials.  The short table
// (degree 22, error ~2^-58) serves binary64, the long one (degree 27, ~2^-71)
// the x87 format.
inline constexpr long double sf_psi_a53[] = {
    9.676722454476211726935971535249921058e-01L,
    -4.427631689835920868997647328129228941e-01L,
    2.584997609556485841011891391234157008e-01L,
    -1.639427054424118397493989399956953560e-01L,
    1.078240506916921909518895657351453075e-01L,
    -7.219956125611147281900361690633753421e-02L,
    4.880428813443657545047300055145431508e-02L,
    -3.316112647814545892471206591028031229e-02L,
    2.259764928437279043065424575889178875e-02L,
    -1.542476626127791907342099964852442673e-02L,
    1.053876993857695616130597869174344868e-02L,
    -7.204519666511044818518656617782666428e-03L,
    4.927058026774201997355493538775116541e-03L,
    -3.370068051548416670220993232691170217e-03L,
    2.302889542055789379039596359449900764e-03L,
    -1.574202168136649954149245482998012960e-03L,
    1.090122523445857792695744311371497331e-03L,
    -7.549229618596273742012376365932435341e-04L,
    4.717939701691317727294436781598495624e-04L,
    -2.843132292526133098408837711591813565e-04L,
    2.805343686746867065491529230259960535e-04L,
    -2.785074876883787009625136192203120444e-04L,
    1.188123290851033499977150254128665428e-04L,
};
inline constexpr long double sf_psi_a64[] = {
    9.676722454476211704276329794378526474e-01L,
    -4.427631689835921061091322839053564924e-01L,
    2.584997609556510103399029409367691366e-01L,
    -1.639427054424065187899134962332354552e-01L,
    1.078240506912624354695348825688604831e-01L,
    -7.219956125645610335114290214685860617e-02L,
    4.880428816413657631664872050199589994e-02L,
    -3.316112647474329501920903187725813139e-02L,
    2.259764823252412607296948195873285362e-02L,
    -1.542476590934631477908783439426171241e-02L,
    1.053879160857732446332314267416029403e-02L,
    -7.204534270220601219692057392193432180e-03L,
    4.926781516637263554966418196692051960e-03L,
    -3.369803684891849312475063106414566755e-03L,
    2.305125416892572887709493887385835488e-03L,
    -1.576912570627916586534089191929940951e-03L,
    1.078824703985247358484710401418539131e-03L,
    -7.382700950784440758156151672935924772e-04L,
    5.050344872784837662666930430001905484e-04L,
    -3.443461206925765949985721796518783738e-04L,
    2.355202164107135222681466367617434372e-04L,
    -1.658864659730399794296408880163906467e-04L,
    1.150891108512846706425307573932187955e-04L,
    -6.623910785221385309395108245338507894e-05L,
    3.821118588321784839732517648611068972e-05L,
    -4.545742487481045708795707736791206965e-05L,
    4.587129927819707450241299670833620947e-05L,
    -1.808853464330004427101939600756094409e-05L,
};
// psi(2.5 + s) for s in [-1/2, 1/2] (degree 17, ~2^-60, and 21, ~2^-73).
inline constexpr long double sf_psi_b53[] = {
    7.031566406452431862637871439303993895e-01L,
    4.903577561002348653573923292384862367e-01L,
    -1.181020258208630783423919629003544364e-01L,
    3.731764146954175938888062232718202465e-02L,
    -1.307316664618019392570590945853454786e-02L,
    4.821409821419738810371185606146190382e-03L,
    -1.830564035544162540891708980256501403e-03L,
    7.073881640957324887829190204903721974e-04L,
    -2.764393099958180492150149862764191329e-04L,
    1.088258643520669226528598151590637923e-04L,
    -4.305204851357448465534106801495292399e-05L,
    1.708891125596371910333620470413828641e-05L,
    -6.803232576993842744814606786817361246e-06L,
    2.710996548084682347169719546183081539e-06L,
    -1.064070525415797580934323542133166649e-06L,
    4.248122332506303286573020609078656751e-07L,
    -2.068758379524288250772622026669267285e-07L,
    8.267815845287521091667392673097160460e-08L,
};
inline constexpr long double sf_psi_b64[] = {
    7.031566406452431872255902713540297213e-01L,
    4.903577561002348649728410759392047153e-01L,
    -1.181020258208637014050265213462414044e-01L,
    3.731764146954200850379119499953529510e-02L,
    -1.307316664611382228946856006205403823e-02L,
    4.821409821393201896785976004835150487e-03L,
    -1.830564038262973204183205785709263294e-03L,
    7.073881651827751950425439468849346354e-04L,
    -2.764392542934385418325847120664623527e-04L,
    1.088258420810014891277595914237599951e-04L,
    -4.305268808281502929908322968380241697e-05L,
    1.708916696977826920731333094427936676e-05L,
    -6.798935862139314646998683371264476502e-06L,
    2.709278631233868907654405621909902294e-06L,
    -1.080762451256235358592566534353181824e-06L,
    4.314859879581620435724130158935520436e-07L,
    -1.726034938840662047695941479798490408e-07L,
    6.897553651783919225038207410459143030e-08L,
    -2.685292629777170509170548903926873132e-08L,
    1.073587433223682769645595815787527718e-08L,
    -5.503057568943057375638107266048977928e-09L,
    2.200738818980289083560671132695713485e-09L,
};

// float tables of the float-only path (float_only::digamma, float_only::trigamma): float
// literals, or float copies of the tables above made by the compiler, so that no constant is
// converted from double at run time.
//
// psi(x0 + t) / t on [1 - x0, 2 - x0], degree 11: Chebyshev interpolation (mpmath, 60
// digits), coefficients rounded to float; relative error 6.2e-9 (~2^-27) with them
// (tests/accuracy/gen_float_only_tables.py writes both tables).
inline constexpr float sf_psi_af[] = {
    9.67672229e-1f, -4.4276318e-1f,   2.58499891e-1f, -1.63941681e-1f,
    1.07818082e-1f, -7.22243339e-2f,  4.89183217e-2f, -3.29337195e-2f,
    2.16120947e-2f, -1.61584858e-2f,  1.43787311e-2f, -7.47684296e-3f,
};
// psi(2.5 + s) for s in [-1/2, 1/2], degree 9, the same way; absolute error 5.7e-10.
inline constexpr float sf_psi_bf[] = {
    7.0315665e-1f,  4.90357757e-1f, -1.18102007e-1f, 3.73176336e-2f,  -1.30737452e-2f,
    4.82163951e-3f, -1.8241487e-3f, 7.04840815e-4f,  -3.05170513e-4f, 1.20233221e-4f,
};

template <std::size_t n>
struct sf_float_table {
  float c[n];
};
// The first n coefficients of a table, as floats (for constexpr variables only).
template <std::size_t n, std::size_t N>
constexpr sf_float_table<n> sf_to_float(const long double (&c)[N]) noexcept {
  static_assert(n <= N, "not that many coefficients");
  sf_float_table<n> r{};
  for (std::size_t i = 0; i < n; ++i) r.c[i] = static_cast<float>(c[i]);
  return r;
}
// Truncated where the next term is below 2^-32 of the result: the asymptotic series of
// digamma and trigamma from x >= 6 (sf_asym_from<float>), the sine and cosine series for
// |r| <= 1/4.
inline constexpr auto sf_b2k_over_2k_f = sf_to_float<5>(sf_b2k_over_2k);
inline constexpr auto sf_b2k_f = sf_to_float<6>(sf_b2k);
inline constexpr auto sf_cospi_f = sf_to_float<6>(sf_cospi_c);
inline constexpr auto sf_sinc_f = sf_to_float<6>(sf_sinc_c);
inline constexpr auto sf_pisin_f = sf_to_float<6>(sf_pisin_c);
inline constexpr auto sf_sin2pi_f = sf_to_float<8>(sf_sin2pi_c);

// ---------------------------------------------------------------------------
// Small helpers.
// ---------------------------------------------------------------------------
// sum_{i >= first} c[i] t^(i - first), by Horner's rule.
template <int first = 0, class T, class C, std::size_t N>
constexpr T sf_horner(const C (&c)[N], T t) noexcept {
  T r = static_cast<T>(c[N - 1]);
  for (int i = static_cast<int>(N) - 2; i >= first; --i) r = r * t + static_cast<T>(c[i]);
  return r;
}

// sum_{i < n} c[i] t^i: the leading n terms only (fewer suffice for binary64).
template <int n, class T, class C, std::size_t N>
constexpr T sf_horner_n(const C (&c)[N], T t) noexcept {
  static_assert(static_cast<std::size_t>(n) <= N, "not that many coefficients");
  T r = static_cast<T>(c[n - 1]);
  for (int i = n - 2; i >= 0; --i) r = r * t + static_cast<T>(c[i]);
  return r;
}

template <class T>
constexpr T sf_square(T a) noexcept {
  return a * a;
}

// floor(a) for 0 <= a < 2^(p-1).
template <class T>
constexpr T sf_floor_pos(T a) noexcept {
  const T n = impl::round_even(a);
  return n > a ? n - 1 : n;
}

// log of a positive, finite, normal double-word.
template <class T>
constexpr dw<T> sf_log_dw(dw<T> v) noexcept {
  const int e = impl::exponent_of(v.hi);
  return impl::log_reduced(impl::scale(v, -e), e);
}

// log(1 + u) for a double-word |u| <= ~0.6, accurate relative to u:
// 2 atanh(f), f = u / (2 + u).
template <class T>
constexpr dw<T> sf_log1p_dw(dw<T> u) noexcept {
  if (u.hi == 0) return u;
  const dw<T> f = impl::div(u, impl::add(u, T(2)));
  const dw<T> f2 = impl::mul(f, f);
  const T tiny = impl::pow2<T>(-2 * impl::digits<T> - 8);
  dw<T> sum{T(1), T(0)};
  dw<T> pw{T(1), T(0)};
  for (int k = 1; k < 400; ++k) {
    pw = impl::mul(pw, f2);
    const dw<T> term = impl::div(pw, static_cast<T>(2 * k + 1));
    sum = impl::add(sum, term);
    if (term.hi <= tiny) break;
  }
  const dw<T> r = impl::mul(f, sum);
  return {2 * r.hi, 2 * r.lo};
}

// |sin(pi x)| as a double-word, for non-integer |x| < 2^(p-1).
template <class T>
constexpr dw<T> sf_sinpi_abs_dw(T x) noexcept {
  const T a = impl::fabs(x);
  const T r = impl::fabs(a - impl::round_even(a));  // exact, in (0, 1/2]
  const dw<T> pi = sf_const<T>(sf_pi);
  dw<T> s = r <= T(0.25) ? impl::sin_dw(impl::mul(pi, r)) : impl::cos_dw(impl::mul(pi, T(0.5) - r));
  if (s.hi < 0) s = impl::neg(s);
  return s;
}

// ---------------------------------------------------------------------------
// lgamma, double-word, for 2^(-2p) <= x < 2^(2p+2).
// ---------------------------------------------------------------------------
// Stirling's series is used from sf_lg_n on; smaller x are shifted up.
inline constexpr int sf_lg_n = 20;

template <class T>
inline constexpr int sf_stirling_terms = impl::digits<T> > 53 ? 26 : 18;

// The tail R(y) = sum_k c_k / y^(2k-1) of Stirling's series, y >= 20.
template <class T>
constexpr dw<T> sf_stirling_tail(dw<T> y) noexcept {
  const dw<T> w = impl::div(dw<T>{T(1), T(0)}, y);
  const dw<T> w2 = impl::mul(w, w);
  dw<T> s = sf_const<T>(sf_stirling[sf_stirling_terms<T> - 1]);
  for (int k = sf_stirling_terms<T> - 2; k >= 0; --k) s = impl::add(impl::mul(s, w2), sf_const<T>(sf_stirling[k]));
  return impl::mul(s, w);
}

// Stirling: (y - 1/2) log y - y + log(2 pi)/2 + R(y).
template <class T>
constexpr dw<T> sf_stirling_dw(dw<T> y) noexcept {
  const dw<T> l = sf_log_dw(y);
  dw<T> r = impl::mul(impl::add(y, T(-0.5)), l);
  r = impl::add(r, impl::neg(y));
  r = impl::add(r, sf_const<T>(sf_half_log_2pi));
  return impl::add(r, sf_stirling_tail(y));
}

// lgamma(a + z) for a in {1, 2}, |z| <= 1/4, accurate relative to the result
// near the zeros at 1 and 2: with N = sf_lg_n,
//   lgamma(a + z) = [lgamma(N + z) - lgamma(N)] - sum_{k=a}^{N-1} log(1 + z/k),
// where the bracket is expanded so that every term is proportional to z:
//   (N - 1/2) log1p(z/N) + z log(N + z) - z + R(N + z) - R(N),
// and the sum is log1p(E), E = prod(1 + z/k) - 1 accumulated as
// E <- E + u + E u (no cancellation: u and E have the sign of z).
template <class T>
constexpr dw<T> sf_lgamma_near_12(int a, T z) noexcept {
  constexpr T n = static_cast<T>(sf_lg_n);
  const dw<T> zd{z, T(0)};
  const dw<T> yn = impl::two_sum(n, z);
  dw<T> d = impl::mul(sf_log1p_dw(impl::div(zd, n)), n - T(0.5));
  d = impl::add(d, impl::mul(sf_log_dw(yn), z));
  d = impl::add(d, -z);
  d = impl::add(d, impl::add(sf_stirling_tail(yn), impl::neg(sf_stirling_tail(dw<T>{n, T(0)}))));
  dw<T> e{T(0), T(0)};
  for (int k = a; k < sf_lg_n; ++k) {
    const dw<T> u = impl::div(zd, static_cast<T>(k));
    e = impl::add(impl::add(e, u), impl::mul(e, u));
  }
  return impl::add(d, impl::neg(sf_log1p_dw(e)));
}

template <class T>
constexpr dw<T> sf_lgamma_pos_dw(T x) noexcept {
  if (x >= static_cast<T>(sf_lg_n)) return sf_stirling_dw(dw<T>{x, T(0)});
  if (x >= T(0.75) && x <= T(1.25)) return sf_lgamma_near_12(1, x - T(1));
  if (x >= T(1.75) && x <= T(2.25)) return sf_lgamma_near_12(2, x - T(2));
  // lgamma(x) = lgamma(x + m) - log(x (x + 1) ... (x + m - 1)), x + m >= N.
  const int m = sf_lg_n - static_cast<int>(sf_floor_pos(x));
  dw<T> q = dw<T>{x, T(0)};
  for (int k = 1; k < m; ++k) q = impl::mul(q, impl::two_sum(x, static_cast<T>(k)));
  const dw<T> y = impl::two_sum(x, static_cast<T>(m));
  return impl::add(sf_stirling_dw(y), impl::neg(sf_log_dw(q)));
}

// log|Gamma(x)| for negative non-integer x, 2^(-2p) <= |x| < 2^(p-1):
// Gamma(x) Gamma(-x) = -pi / (x sin(pi x)).
template <class T>
constexpr dw<T> sf_lgamma_neg_dw(T x) noexcept {
  const dw<T> s = impl::mul(sf_sinpi_abs_dw(x), -x);
  dw<T> r = impl::add(sf_const<T>(sf_log_pi), impl::neg(sf_log_dw(s)));
  return impl::add(r, impl::neg(sf_lgamma_pos_dw(-x)));
}

// Zeros z of lgamma in (-10, -2) (two in each (-n-1, -n)), each with the
// Taylor coefficients of lgamma there: psi(z), psi'(z)/2, psi''(z)/6,
// psi'''(z)/24 (mpmath, 300 bits; three-double pieces like the constants).
// Further out no T value comes close enough to a zero for the double-word
// evaluation to lose relative accuracy (the zeros approach the poles like 1/n!).
inline constexpr int sf_lgamma_zero_count = 16;
inline constexpr double sf_lgamma_zeros[sf_lgamma_zero_count][5][3] = {
    {{-0x1.5fb410a1bd901p+1, 0x1.a19a96d2e6f85p-54, 0x1.140b4ff4b7d60p-108}, {-0x1.ea12da904b18cp+0, -0x1.220130f99b2cfp-54, 0x1.406dd52846a05p-108}, {0x1.3267f3c265a52p+3, -0x1.1c630ff19dc35p-51, -0x1.8a61f577e6c64p-106}, {-0x1.4185ac30c8bf2p+4, 0x1.f1612636b5f62p-51, 0x1.e482ffb8a3a88p-106}, {0x1.f504accc9f19bp+5, -0x1.eacc021fca67bp-50, -0x1.d4a0d65137144p-104}},
    {{-0x1.3a7fc9600f86cp+1, -0x1.55f64f98af8d0p-55, -0x1.c4b0cd201366ap-110}, {0x1.83fe966af535fp+0, -0x1.775909a36a6a4p-55, 0x1.f1729f9259358p-109}, {0x1.36eebb002f55dp+2, -0x1.8d4b2124a3c2bp-52, -0x1.385512f229037p-106}, {0x1.694a6058a7858p+0, -0x1.1d8c8b997567ep-55, 0x1.5ad5bd828c8fap-109}, {0x1.1718d7ca09e5bp+3, 0x1.83195b0ff1401p-51, -0x1.daad869479b04p-105}},
    {{-0x1.fa471547c2fe5p+1, -0x1.70d4561291237p-56, 0x1.9e6fadbbc171ap-111}, {-0x1.4b99d966c5647p+4, 0x1.9cba2450afff3p-50, 0x1.bd906f875683bp-104}, {0x1.f76deae0436bep+7, -0x1.5af99a1af5717p-47, -0x1.76493ba1c5a81p-101}, {-0x1.d25359d4b2f38p+11, 0x1.10c02bb7e89cfp-44, -0x1.0de8a6a4d2e6ap-99}, {0x1.e8f829f141aa5p+15, 0x1.4b3ff710c00b9p-41, -0x1.e9aea532aa812p-95}},
    {{-0x1.9260dbc9e59afp+1, -0x1.f717cd335a7b3p-53, -0x1.d32a2a65bfd63p-107}, {0x1.f20a65f2fac55p+2, -0x1.1d258e4b0be84p-53, -0x1.bff100548104fp-110}, {0x1.9d4d2977150efp+4, 0x1.a040895788c19p-50, -0x1.3d12301d213c8p-104}, {0x1.c1137124d5c5bp+6, 0x1.d6c922cbb9e53p-49, 0x1.a783d2b0853dfp-105}, {0x1.267203d776b0ep+9, -0x1.aa60811667addp-45, 0x1.991342343c978p-103}},
    {{-0x1.3f7577a6eeafdp+2, 0x1.5de5eab7f12cfp-53, -0x1.4075f5e0494a2p-110}, {-0x1.d224a3ef9e41fp+6, -0x1.9be272a13babcp-48, -0x1.6e798d18119a5p-103}, {0x1.b533c678a3956p+12, -0x1.37da6a2c2425cp-43, 0x1.d813539bf1396p-101}, {-0x1.0d3f7fee65d34p+19, 0x1.e68bf6fe677fdp-35, -0x1.889fe9b478ed7p-90}, {0x1.752a6f5ac2726p+25, -0x1.16f1e03cf8943p-32, -0x1.ac4567947cb64p-86}},
    {{-0x1.0284e78599581p+2, 0x1.e78c1e9e43cfep-53, -0x1.2ac17bfd6be92p-108}, {0x1.aca5cf4921642p+4, 0x1.a46a2e0d8fe10p-51, 0x1.927fc626c8fd6p-106}, {0x1.44415cd813f8ep+8, 0x1.afdc267272131p-49, 0x1.f311056465316p-103}, {0x1.559b11b2a9c7cp+12, 0x1.17b8ada88b735p-43, -0x1.be7dcdc3138f4p-97}, {0x1.96d18e21aebdbp+16, -0x1.c2f2d4d71257ep-41, 0x1.35a40adecce9dp-97}},
    {{-0x1.7fe92f591f40dp+2, -0x1.7dd4ed62cbd32p-52, 0x1.2071c071a2146p-108}, {-0x1.661f6a43a5e12p+9, -0x1.0c437b83bc0e6p-45, -0x1.aea995ecb3787p-99}, {0x1.f79dcb794f26fp+17, -0x1.ada8018d61fb8p-40, -0x1.ee9c712698cc7p-94}, {-0x1.d6e8088a19ffep+26, -0x1.2c0870846a4e5p-29, -0x1.8f27c96c9650cp-84}, {0x1.ef5d308dbfc97p+35, 0x1.87cdc200ae974p-22, -0x1.654334ef4fe60p-77}},
    {{-0x1.4086a57f0b6d9p+2, -0x1.95262b72ca9cap-55, -0x1.bd98d5e0861aap-109}, {0x1.ed72e0829ae02p+6, -0x1.fdc1859aea473p-50, 0x1.7e8d5ff25825cp-104}, {0x1.cecc32ec22f9bp+12, 0x1.b6ecc778e4471p-43, -0x1.59cd45d99ba6ep-99}, {0x1.253d8563f7264p+19, -0x1.5cd273d675452p-35, -0x1.c2c52a3a61780p-89}, {0x1.a225df2da6e63p+25, -0x1.fe9ce1f8dad21p-29, 0x1.7e3cc549215cfp-84}},
    {{-0x1.bffcbf76b86f0p+2, 0x1.853b29347b806p-57, -0x1.0fa018051dd41p-111}, {-0x1.3abf7a5cea91bp+12, -0x1.8257b8abd0511p-42, -0x1.cde7d7393a188p-97}, {0x1.8349a2550422dp+23, -0x1.c6f2ef41139eep-31, 0x1.b51ae79562facp-86}, {-0x1.3d91dadc98428p+35, 0x1.4660602020879p-20, -0x1.185cccff8994cp-78}, {0x1.24f3d636f3339p+47, 0x1.5966a9a4ef99dp-7, -0x1.6d4fd2a768dcfp-61}},
    {{-0x1.8016b25897c8dp+2, 0x1.27e0f49a4ba72p-54, -0x1.72e1ab15a4d03p-110}, {0x1.69de49e3af2aap+9, 0x1.954b690943b33p-47, 0x1.e47acbc3bb1e2p-102}, {0x1.fce23484cfd10p+17, 0x1.8266e757b9e36p-37, 0x1.6c8e6173e7d2cp-91}, {0x1.de503a3c37c40p+26, 0x1.9fa7459b07bb9p-29, -0x1.31479e5d24f0dp-83}, {0x1.f9c7b52558abbp+35, 0x1.b68974dc42ca5p-19, 0x1.a9ba582951f86p-73}},
    {{-0x1.ffff97f8159cfp+2, -0x1.e54f415a91586p-55, -0x1.53a5d106f9a3ep-109}, {-0x1.3af76fe4c2fabp+15, -0x1.7cc92f0b996a5p-40, 0x1.36e3449f93adep-97}, {0x1.838e76caaf123p+29, 0x1.292e15f529375p-25, 0x1.8f94f00fe8e75p-81}, {-0x1.3de68b3256526p+44, 0x1.5456a483cfe8fp-10, 0x1.30d12f2cdb8d7p-65}, {0x1.255c052530c71p+59, -0x1.67004ef56ee85p+3, -0x1.5db693f4ef891p-51}},
    {{-0x1.c0033fdedfe1fp+2, 0x1.20bb7d2324678p-52, 0x1.f5536678d69d3p-106}, {0x1.3b407aa387bd1p+12, 0x1.da1e57343b1efp-43, -0x1.4458b7dd6ce49p-98}, {0x1.83e85daafbad6p+23, -0x1.f37538d9dc4bfp-31, -0x1.7b5ca6b98b6d7p-89}, {0x1.3e552b5e3c226p+35, -0x1.07b1550dc26d5p-19, -0x1.7b9ba7e620e23p-75}, {0x1.25e42a45e905bp+47, 0x1.61a64fb0e1334p-9, -0x1.0b5b4a8d9bf0ep-63}},
    {{-0x1.1ffffa3884bd0p+3, -0x1.ff90c9d2ae925p-53, 0x1.30c0efef78c04p-107}, {-0x1.625edfc63db2fp+18, 0x1.da7fc3ed69467p-37, 0x1.94aa4ab151629p-91}, {0x1.ea8c150480a7ap+35, 0x1.344e4cbf514d0p-19, -0x1.0500e46fe670bp-74}, {-0x1.c4b30e4bc55c1p+53, -0x1.9ec40ff36c340p-1, 0x1.94ce1315cf782p-56}, {0x1.d5fe468dbbf03p+71, -0x1.80705c569ce74p+17, -0x1.559a1827f0404p-37}},
    {{-0x1.000034028b3f9p+3, -0x1.f60cb3cec1cedp-52, 0x1.ea26620d6b1cap-106}, {0x1.3b088fed67718p+15, -0x1.505613ba29a31p-39, -0x1.5ef07cd09a760p-94}, {0x1.83a3893550edcp+29, 0x1.f52e3b2434288p-25, 0x1.5dbb2d343aad7p-81}, {0x1.3e0078db8ada4p+44, 0x1.506573fbed7afp-10, -0x1.1383a56c756b1p-66}, {0x1.257bec9464251p+59, 0x1.8c4e8ef66bf3dp+2, 0x1.529c0273fa893p-55}},
    {{-0x1.3fffff6c0d7c0p+3, 0x1.197cea8c42d7dp-51, 0x1.7072c5a292198p-105}, {-0x1.baf7da5f3795dp+21, -0x1.16a79518c8122p-33, -0x1.b5df20ce6bf2cp-87}, {0x1.7f3e8791fa0d2p+42, -0x1.2aec811c70219p-12, 0x1.3508b81026ac3p-66}, {-0x1.ba18befcaaa63p+63, -0x1.d18c4e3838944p+9, 0x1.8123be8b72ff1p-45}, {0x1.1ede14765dc0cp+85, 0x1.13bc920f9bbdcp+31, -0x1.b2aaabf8b7924p-25}},
    {{-0x1.200005c7768fbp+3, -0x1.b5b610ffb70d4p-54, -0x1.deb7ad09ec5eap-108}, {0x1.6261203919440p+18, 0x1.7d5e8272cda81p-38, 0x1.4a7fe6f6d332fp-94}, {0x1.ea8f32fb7f586p+35, -0x1.345b1cc229264p-19, 0x1.dba2d4d30b01cp-73}, {0x1.c4b75ee68e2bap+53, -0x1.812d7ba30a12ap-2, 0x1.4f8abfa34deb3p-56}, {0x1.d6043fa1ffaa5p+71, -0x1.5a4ead344ca9ep+17, 0x1.b1fdf39ab47cap-38}},
};

// lgamma(x) = d (c1 + d (c2 + d (c3 + d c4))), d = x - z, when x is within
// 2^-20 dist(z, poles) of a zero z (then the truncation is below 2^-80 and
// the double-word evaluation elsewhere keeps >= 2^-80 relative accuracy, as
// |lgamma(x)| >~ 2^-20 there).  d is formed from the three pieces of z: exact
// first difference (Sterbenz), then TwoSum.
template <class T>
constexpr bool sf_lgamma_near_neg_zero(T x, T& result) noexcept {
  if (!(x > T(-10) && x < T(-2))) return false;
  for (const double(&c)[5][3] : sf_lgamma_zeros) {
    const T z0 = static_cast<T>(c[0][0]);
    const T dist = impl::fabs(z0 + impl::round_even(-z0));  // to the nearest pole
    const T d0 = x - z0;
    if (impl::fabs(d0) >= dist * impl::pow2<T>(-20)) continue;
    const dw<T> d = impl::add(impl::two_sum(d0, -static_cast<T>(c[0][1])), -static_cast<T>(c[0][2]));
    dw<T> p = sf_const<T>(c[4]);
    for (int k = 3; k >= 1; --k) p = impl::add(impl::mul(p, d), sf_const<T>(c[k]));
    result = impl::mul(p, d).hi;
    return true;
  }
  return false;
}

template <class T>
constexpr T sf_lgamma(T x) noexcept {
  if (impl::is_nan(x)) return x;
  const T a = impl::fabs(x);
  if (is_plus_infinity(a) || a == 0) return impl::inf<T>();
  if (x < 0 && impl::is_integer(x)) return impl::inf<T>();
  // lgamma(x) = -log|x| - gamma x + O(x^2): the correction is far below an ulp.
  if (a < impl::pow2<T>(-2 * impl::digits<T>)) return -impl::log(a);
  if (x < 0) {
    T r = T(0);
    if (sf_lgamma_near_neg_zero(x, r)) return r;
    return sf_lgamma_neg_dw(x).hi;
  }
  if (x >= impl::pow2<T>(2 * impl::digits<T> + 2)) {
    // x (log x - 1): the other terms are below 2^-2p relative.  Scaled so
    // that no intermediate overflows; scale_round gives +inf when it should.
    constexpr int s = impl::max_exp<T> / 2;
    const dw<T> l = impl::add(sf_log_dw(dw<T>{x, T(0)}), T(-1));
    return impl::scale_round(impl::mul(l, impl::scale(x, -s)), s);
  }
  return sf_lgamma_pos_dw(x).hi;
}

// ---------------------------------------------------------------------------
// tgamma = ±exp(lgamma), lgamma in double-word (its absolute error, ~2^-2p
// times |lgamma|, becomes the relative error of the result).
// ---------------------------------------------------------------------------
template <class T>
constexpr T sf_tgamma(T x) noexcept {
  if (impl::is_nan(x)) return x;
  if (is_plus_infinity(x)) return x;
  if (x == 0) return impl::signbit(x) ? -impl::inf<T>() : impl::inf<T>();
  if (x < 0 && impl::is_integer(x)) return impl::nan<T>();  // also -inf
  const T a = impl::fabs(x);
  if (a < impl::pow2<T>(-2 * impl::digits<T> - 4)) {
    // Gamma(x) = 1/x - gamma + O(x): gamma x < 2^-(2p+3) relative, less than
    // the distance of 1/x (x not a power of 2) from any rounding boundary.
    if (a <= impl::pow2<T>(-impl::max_exp<T>)) return x < 0 ? -impl::inf<T>() : impl::inf<T>();
    return T(1) / x;
  }
  if (x > T(2000)) return impl::inf<T>();  // beyond overflow for every format
  if (x > 0) return impl::exp_dw(sf_lgamma_pos_dw(x));
  // Gamma(x) < 0 iff floor(x) is odd, i.e. trunc(|x|) is even.
  const bool negative = !impl::is_odd_integer(sf_floor_pos(a));
  if (x < T(-2000)) return negative ? -T(0) : T(0);
  const dw<T> l = sf_lgamma_neg_dw(x);
  T r = T(0);
  if (l.hi > impl::exp_lo_bound<T>) r = impl::exp_dw(l);
  return negative ? -r : r;
}

// ---------------------------------------------------------------------------
// erf / erfc.
// ---------------------------------------------------------------------------
// erf(x) for 0 < x < 3 (Taylor series; at most ~2^13 cancellation, well within
// the 2p bits of double-word arithmetic).
template <class T>
constexpr dw<T> sf_erf_series_dw(T x) noexcept {
  const dw<T> mx2 = impl::neg(impl::two_prod(x, x));
  const T tiny = impl::pow2<T>(-2 * impl::digits<T> - 8);
  dw<T> t{x, T(0)};  // (-1)^n x^(2n+1) / n!
  dw<T> sum = t;
  for (int n = 1; n < 400; ++n) {
    t = impl::div(impl::mul(t, mx2), static_cast<T>(n));
    const dw<T> term = impl::div(t, static_cast<T>(2 * n + 1));
    sum = impl::add(sum, term);
    if (impl::fabs(term.hi) <= sum.hi * tiny) break;
  }
  return impl::mul(sum, sf_const<T>(sf_2_sqrt_pi));
}

// erfc(x) = 2^k m for 3 <= x <= 110 (m double-word): exp(-x^2) / sqrt(pi)
// times Laplace's continued fraction 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))),
// evaluated backwards from a depth that gives ~2^-115 (found with mpmath).
template <class T>
struct sf_scaled {
  dw<T> m;
  int k;
};

template <class T>
constexpr sf_scaled<T> sf_erfc_cf(T x) noexcept {
  const dw<T> z = impl::neg(impl::two_prod(x, x));
  constexpr T inv_ln2 = T(1.442695040888963407359924681001892137L);
  const long long k = impl::nearest(z.hi * inv_ln2);
  const dw<T> r = impl::add(impl::cody_waite(z.hi, k, impl::ln2_parts, impl::ln2_count<T>), z.lo);
  const dw<T> e = impl::add(impl::expm1_small(r), T(1));
  const int depth = static_cast<int>(T(1000) / (x * x)) + 20;
  dw<T> f{x, T(0)};
  for (int n = depth; n >= 1; --n) f = impl::add(impl::div(dw<T>{static_cast<T>(n) * T(0.5), T(0)}, f), x);
  const dw<T> m = impl::div(impl::mul(e, sf_const<T>(sf_inv_sqrt_pi)), f);
  return {m, static_cast<int>(k)};
}

template <class T>
constexpr T sf_erf(T x) noexcept {
  if (impl::is_nan(x) || x == 0) return x;
  const T a = impl::fabs(x);
  T r;
  if (a >= T(10)) {
    r = T(1);  // erfc(10) < 2^-140
  } else if (a >= T(3)) {
    const sf_scaled<T> c = sf_erfc_cf(a);
    r = impl::add(impl::neg(impl::scale(c.m, c.k)), T(1)).hi;
  } else if (a < impl::pow2<T>(-impl::digits<T> - 2)) {
    // 2x/sqrt(pi), scaled up so that subnormal results are rounded once.
    constexpr int s = 2 * impl::digits<T> + 4;
    r = impl::scale_round(impl::mul(sf_const<T>(sf_2_sqrt_pi), impl::scale(a, s)), -s);
  } else {
    r = sf_erf_series_dw(a).hi;
  }
  return x < 0 ? -r : r;
}

template <class T>
constexpr T sf_erfc(T x) noexcept {
  if (impl::is_nan(x)) return x;
  const T a = impl::fabs(x);
  if (x < 0) {
    if (a >= T(10)) return T(2);
    if (a >= T(3)) {
      const sf_scaled<T> c = sf_erfc_cf(a);
      return impl::add(impl::neg(impl::scale(c.m, c.k)), T(2)).hi;
    }
    return impl::add(sf_erf_series_dw(a), T(1)).hi;
  }
  if (a < impl::pow2<T>(-impl::digits<T> - 2)) return T(1);
  if (a < T(3)) return impl::add(impl::neg(sf_erf_series_dw(a)), T(1)).hi;
  if (a > T(110)) return T(0);  // erfc(110) < 2^-17000, below every format
  const sf_scaled<T> c = sf_erfc_cf(a);
  return impl::scale_round(c.m, c.k);
}

// ---------------------------------------------------------------------------
// digamma and trigamma: plain arithmetic in T (double or wider; float for
// float_only::digamma and float_only::trigamma).
// ---------------------------------------------------------------------------
// Exact product a b = p + e at run time as well: with a fused multiply-add in
// hardware, fma(a, b, -p); without one the compiler cannot contract either, so
// Dekker's TwoProd (whose Veltkamp split FP contraction would break) is safe.
#if defined(__FP_FAST_FMA) || defined(__FMA__) || defined(__ARM_FEATURE_FMA)
#define TAPELESS_SF_HARDWARE_FMA 1
#else
#define TAPELESS_SF_HARDWARE_FMA 0
#endif

template <class T>
constexpr dw<T> sf_two_prod_rt(T a, T b) noexcept {
  if constexpr (TAPELESS_SF_HARDWARE_FMA && impl::digits<T> == 53 && sizeof(T) == sizeof(double)) {
    if (!TAPELESS_DETAIL_CONSTANT_EVALUATED()) {
      const T p = a * b;
      return {p, static_cast<T>(__builtin_fma(static_cast<double>(a), static_cast<double>(b), -static_cast<double>(p)))};
    }
  } else if constexpr (TAPELESS_SF_HARDWARE_FMA && std::is_same_v<T, float>) {
    if (!TAPELESS_DETAIL_CONSTANT_EVALUATED()) {
      const T p = a * b;
      return {p, __builtin_fmaf(a, b, -p)};
    }
  }
  return impl::two_prod(a, b);
}

template <class T>
constexpr T sf_log_rt(T x) noexcept {
  if (TAPELESS_DETAIL_CONSTANT_EVALUATED()) {
    return cx::log(x);
  } else if constexpr (std::is_same_v<T, float>) {
    return __builtin_logf(x);
  } else if constexpr (std::is_same_v<T, double>) {
    return __builtin_log(x);
  } else {
    return __builtin_logl(x);
  }
}

template <class T>
inline constexpr bool sf_long_tables = impl::digits<T> > 53;
// float: the float-only path (float_only:: below), every operation in float.
template <class T>
inline constexpr bool sf_float_tables = std::is_same_v<T, float>;

// Where the asymptotic series of digamma and trigamma take over: float needs fewer terms, so
// it starts at 6 and shifts (one division each) at most 3 (digamma) or 6 (trigamma) times.
template <class T>
inline constexpr int sf_asym_from = sf_float_tables<T> ? 6 : 10;

// log x = hi + lo for float x >= 1 (normal): x = m 2^e with m in [sqrt(1/2), sqrt(2)),
// hi = e ln2_hi exact (ln2_hi has 16 bits), lo = e ln2_lo + log m.  The error of logf(m),
// <= 1 ulp of |log m| <= 0.35, is then a fraction of an ulp of the result, where logf(x)
// itself would cost up to 1 ulp of log x, 2 ulp of a digamma value just below a power of 2.
constexpr dw<float> sf_log_split_f(float x) noexcept {
  constexpr float ln2_hi = 0x1.62e4p-1f;   // 0.693145751953125
  constexpr float ln2_lo = 1.42860677e-6f;  // ln 2 - ln2_hi, rounded
  const auto bits = std::bit_cast<std::uint32_t>(x);
  int e = static_cast<int>(bits >> 23) - 127;
  std::uint32_t m_bits = (bits & 0x007fffffu) | 0x3f800000u;  // m in [1, 2)
  if (m_bits > 0x3fb504f3u) {  // m > sqrt(2): m / 2
    m_bits -= 0x00800000u;
    ++e;
  }
  const float fe = static_cast<float>(e);
  return {fe * ln2_hi, fe * ln2_lo + sf_log_rt(std::bit_cast<float>(m_bits))};
}

// psi(x0 + t) for x in [1, 2] (or psi(1 + x) for x in [0, 1] via the shifted
// t), as c0 t + t (t Q(t)) with c0 = psi'(x0): the leading term carries most
// of the value, so the rounding of the tail hardly matters (t P(t) with P
// rounded as a whole loses up to ~1.5 ulp).  t = th + tl is passed unrounded
// and c0 = c0h + c0l, so c0 t = p + e + (c0l th + c0h tl) with c0h th = p + e
// exactly, and the result is rounded essentially once (rounding p alone costs
// a whole ulp when the result lies in the binade below p).
template <class T>
constexpr T sf_psi_a(T th, T tl) noexcept {
  constexpr dw<T> c0 = sf_const<T>(sf_psi1_x0);
  const T t = th + tl;
  T tail;
  if constexpr (sf_float_tables<T>) {
    tail = t * (t * sf_horner<1>(sf_psi_af, t));
  } else if constexpr (sf_long_tables<T>) {
    tail = t * (t * sf_horner<1>(sf_psi_a64, t));
  } else {
    tail = t * (t * sf_horner<1>(sf_psi_a53, t));
  }
  const dw<T> p = sf_two_prod_rt(c0.hi, th);
  return p.hi + (((c0.lo * th + c0.hi * tl) + tail) + p.lo);
}

// psi(2.5 + s) = c0 + s Q(s), c0 = c0h + c0l, as hi + lo: the result can lie in the
// binade below c0, where rounding c0 alone would cost a whole ulp, and the shifts of
// sf_psi_pos add to it unrounded (rounding it first cost up to 2 ulp in float).
template <class T>
constexpr dw<T> sf_psi_b(T s) noexcept {
  constexpr dw<T> c0 = sf_const<T>(sf_psi_2_5);
  T tail;
  if constexpr (sf_float_tables<T>) {
    tail = s * sf_horner<1>(sf_psi_bf, s);
  } else if constexpr (sf_long_tables<T>) {
    tail = s * sf_horner<1>(sf_psi_b64, s);
  } else {
    tail = s * sf_horner<1>(sf_psi_b53, s);
  }
  return impl::fast_two_sum(c0.hi, c0.lo + tail);  // |tail| <= 0.25 < c0
}

// x0 = hi + lo (hi the nearest T).
template <class T>
inline constexpr dw<T> sf_x0_dw = sf_const<T>(sf_x0);

// psi(1 + u) for 0 <= u < 1, with 1 + u not formed (it would round):
// t = 1 + u - x0 = (u - (x0.hi - 1)) - x0.lo, the first difference exact
// whenever t is small.
template <class T>
constexpr T sf_psi_1p(T u) noexcept {
  return sf_psi_a(u - (sf_x0_dw<T>.hi - T(1)), -sf_x0_dw<T>.lo);
}

// Asymptotic series, x >= sf_asym_from<T>.
template <class T>
constexpr T sf_psi_asym(T x) noexcept {
  const T w = T(1) / x;
  const T w2 = w * w;
  if constexpr (sf_float_tables<T>) {
    const dw<T> l = sf_log_split_f(x);
    return l.hi + (l.lo - (T(0.5) * w + w2 * sf_horner(sf_b2k_over_2k_f.c, w2)));
  } else {
    return sf_log_rt(x) - (T(0.5) * w + w2 * sf_horner(sf_b2k_over_2k, w2));
  }
}

// psi for finite x > 0 (1/x finite).
template <class T>
constexpr T sf_psi_pos(T x) noexcept {
  if (x >= T(sf_asym_from<T>)) return sf_psi_asym(x);
  if (x < T(1)) {
    // psi(1 + x) - 1/x.  1/x = q + c, c from the exact remainder 1 - q x
    // (q x = p + e exactly): rounding q alone could cost a whole ulp when
    // the result lies in the binade below q.  Tiny x: q x would overflow
    // in TwoProd's split, and c is negligible there anyway.
    const T q = T(1) / x;
    T c = T(0);
    if (x > impl::pow2<T>(-30)) {
      const dw<T> p = sf_two_prod_rt(q, x);
      c = ((T(1) - p.hi) - p.lo) * q;
    }
    const dw<T> s = impl::two_sum(sf_psi_1p(x), -q);
    return s.hi + (s.lo - c);
  }
  if (x < T(2)) return sf_psi_a(x - sf_x0_dw<T>.hi, -sf_x0_dw<T>.lo);
  // x in [2, 10) ([2, 6) for float): psi(x) = psi(f) + sum_{k<n} 1/(f + k), f = x - n in [2, 3)
  // (exact); all terms positive, smallest first.
  const int n = static_cast<int>(x) - 2;
  const T f = x - static_cast<T>(n);
  // Summed with compensation (TwoSum: no products, so FP contraction cannot
  // spoil it); the rounding of the running sum would cost up to ~1 ulp.
  dw<T> s = sf_psi_b(f - T(2.5));
  for (int k = n - 1; k >= 0; --k) {
    // 1/y, y = f + k = yh + yl exactly (see sf_trigamma_pos).
    const dw<T> y = impl::two_sum(f, static_cast<T>(k));
    const T w = T(1) / y.hi;
    const dw<T> u = impl::two_sum(s.hi, w - w * (y.lo * w));
    s = {u.hi, s.lo + u.lo};
  }
  return s.hi + s.lo;
}

// cos(pi r) for |r| <= 1/4 (truncation < 2^-64 for binary64, < 2^-80 with
// all terms).
template <class T>
constexpr T sf_cospi_small(T r) noexcept {
  if constexpr (sf_float_tables<T>) {
    return sf_horner(sf_cospi_f.c, r * r);
  } else {
    return sf_horner_n<(sf_long_tables<T> ? 13 : 10)>(sf_cospi_c, r * r);
  }
}

// sin(pi r) / (pi r) and pi sin(pi h) / h as series in z = r^2 (z = h^2), |r|, h <= 1/4.
template <class T>
constexpr T sf_sinc(T z) noexcept {
  if constexpr (sf_float_tables<T>) {
    return sf_horner(sf_sinc_f.c, z);
  } else {
    return sf_horner_n<(sf_long_tables<T> ? 13 : 10)>(sf_sinc_c, z);
  }
}
template <class T>
constexpr T sf_pisin(T z) noexcept {
  if constexpr (sf_float_tables<T>) {
    return sf_horner(sf_pisin_f.c, z);
  } else {
    return sf_horner_n<(sf_long_tables<T> ? 13 : 10)>(sf_pisin_c, z);
  }
}

// Q(z) with sin^2(pi r) / (pi r)^2 = 1 + z Q(z), z = r^2 <= 1/16 (truncation
// < 2^-60, resp. 2^-75).
template <class T>
constexpr T sf_sin2pi_q(T z) noexcept {
  if constexpr (sf_float_tables<T>) {
    return sf_horner<1>(sf_sin2pi_f.c, z);
  } else {
    constexpr int n = sf_long_tables<T> ? 15 : 12;
    T r = static_cast<T>(sf_sin2pi_c[n - 1]);
    for (int i = n - 2; i >= 1; --i) r = r * z + static_cast<T>(sf_sin2pi_c[i]);
    return r;
  }
}

template <class T>
constexpr T sf_digamma(T x) noexcept {
  if (impl::is_nan(x)) return x;
  if (is_plus_infinity(x)) return x;
  if (x == 0) return impl::signbit(x) ? impl::inf<T>() : -impl::inf<T>();
  if (x < 0 && impl::is_integer(x)) return impl::nan<T>();  // also -inf
  const T a = impl::fabs(x);
  if (a <= impl::pow2<T>(-impl::max_exp<T>)) {
    return x < 0 ? impl::inf<T>() : -impl::inf<T>();  // -1/x overflows
  }
  if (x > 0) return sf_psi_pos(x);
  // Reflection with psi(1 - x) = psi(a) + 1/a, a = -x:
  //   psi(x) = psi(a) + 1/a + pi cot(pi r),  r = a - round(a) in (-1/2, 1/2).
  const T r = a - impl::round_even(a);
  const T ar = impl::fabs(r);
  // pi cot(pi r) = cos(pi r) / (r sinc(r^2)) for |r| <= 1/4, and
  // pi tan(pi h) = h (pi sin(pi h) / h) / cos(pi h), h = 1/2 - |r| (exact):
  // series with leading coefficient 1 or pi^2 folded in, so that pi itself
  // costs no rounding.
  T cot;
  if (ar <= T(0.25)) {
    cot = sf_cospi_small(r) / (r * sf_sinc(r * r));
  } else {
    const T h = T(0.5) - ar;
    cot = h * sf_pisin(h * h) / sf_cospi_small(h);
    if (r < 0) cot = -cot;
  }
  const T base = a < T(1) ? sf_psi_1p(a) : sf_psi_pos(a) + T(1) / a;
  return base + cot;
}

// trigamma for finite x > 0 with 1/x^2 finite.
template <class T>
constexpr T sf_trigamma_pos(T x) noexcept {
  dw<T> s{T(0), T(0)};  // compensated sum, see sf_psi_pos
  if (x < T(sf_asym_from<T>)) {
    const int n = sf_asym_from<T> - static_cast<int>(x);  // x + n in [10, 11) ([6, 7) for float)
    for (int k = n - 1; k >= 0; --k) {
      // 1/y^2 with y = x + k = yh + yl exactly (TwoSum: no products, so FP
      // contraction cannot spoil it): 1/yh^2 (1 - 2 yl/yh).
      const dw<T> y = impl::two_sum(x, static_cast<T>(k));
      T w2 = T(1) / (y.hi * y.hi);  // 1 ulp; w * w would give 1.5
      if (y.hi < impl::pow2<T>(impl::min_exp<T> / 2)) {
        // y^2 would be subnormal (float: x < 2^-62): the same with y scaled by 2^p, exactly
        w2 = T(1) / sf_square(y.hi * impl::pow2<T>(impl::digits<T>)) * impl::pow2<T>(2 * impl::digits<T>);
      }
      const dw<T> u = impl::two_sum(s.hi, w2 - T(2) * (y.lo * w2) * (y.hi * w2));
      s = {u.hi, s.lo + u.lo};
    }
    x += static_cast<T>(n);
  }
  // 1/x + 1/(2x^2) + sum B_2k / x^(2k+1)
  const T w = T(1) / x;
  const T w2 = w * w;
  T series;
  if constexpr (sf_float_tables<T>) {
    series = sf_horner(sf_b2k_f.c, w2);
  } else {
    series = sf_horner(sf_b2k, w2);
  }
  // 1/x = w + c, c from the exact remainder 1 - w x: w alone costs up to 1/2 ulp of the
  // result for x just above sf_asym_from (float's worst point, 2 ulp, was there).  Where
  // TwoProd's split would overflow, the result is w, correctly rounded, anyway.
  T c = T(0);
  if (x < impl::pow2<T>(impl::max_exp<T> / 2)) {
    const dw<T> p = sf_two_prod_rt(w, x);
    c = ((T(1) - p.hi) - p.lo) * w;
  }
  const dw<T> u = impl::two_sum(s.hi, w);
  return u.hi + (((c + w2 * (T(0.5) + w * series)) + u.lo) + s.lo);
}

template <class T>
constexpr T sf_trigamma(T x) noexcept {
  if (impl::is_nan(x)) return x;
  if (is_plus_infinity(x)) return T(0);
  if (x <= 0 && impl::is_integer(x)) {
    return is_plus_infinity(-x) ? impl::nan<T>() : impl::inf<T>();
  }
  const T a = impl::fabs(x);
  if (a < impl::pow2<T>(-(impl::max_exp<T> / 2))) return impl::inf<T>();  // 1/x^2 overflows
  if (x > 0) return sf_trigamma_pos(x);
  // Reflection: psi'(x) = pi^2 / sin^2(pi x) - psi'(1 + a), a = -x; the
  // first term is >= pi^2 and the second <= psi'(1) < 1.65: no cancellation.
  // sin^2 comes from its own series (squaring a computed sine would double
  // its error): with r = a - round(a), sin^2(pi r) = (pi r)^2 S(r^2), S(0) = 1,
  // and for |r| > 1/4, sin^2(pi r) = 1 - sin^2(pi h), h = 1/2 - |r| (exact).
  // The reflection term is >= pi^2 and the result can lie in the binade
  // below it, so it is computed to ~0.3 ulp as q0 + q1: the square of r (or
  // h) exact, the series as 1 + z Q(z) with only the small z Q(z) rounded,
  // the quotient corrected with its exact remainder.
  const T r = a - impl::round_even(a);
  const T ar = impl::fabs(r);
  const T psi1 = sf_trigamma_pos(T(1) + a);
  if (ar < impl::pow2<T>(-impl::max_exp<T> / 4)) {
    // 1/r^2 dominates by far (and r^2 may be subnormal, or 1/r^2 too large
    // for TwoProd's split below).
    const T w = T(1) / ar;
    constexpr T pi2_3 = static_cast<T>(3.289868133696452872944830333292050378L);  // pi^2/3
    return w * w + (pi2_3 - psi1);
  }
  T num_hi = T(1);
  T num_lo = T(0);
  dw<T> den;
  if (ar <= T(0.25)) {
    // sin^2(pi r) / pi^2 = z S(z), z = r^2.
    const dw<T> z = sf_two_prod_rt(ar, ar);
    const T s1 = z.hi * sf_sin2pi_q(z.hi);  // S(z) = 1 + z Q(z)
    const dw<T> d = impl::two_sum(z.hi, z.hi * s1);
    den = {d.hi, d.lo + z.lo};
  } else {
    // sin^2(pi r) / pi^2 = (1 - pi^2 z S(z)) / pi^2, z = h^2.
    const T h = T(0.5) - ar;
    constexpr dw<T> pi2 = sf_const<T>(sf_pi_squared);
    const dw<T> z = sf_two_prod_rt(h, h);
    dw<T> m = sf_two_prod_rt(pi2.hi, z.hi);  // pi^2 z
    m.lo += pi2.hi * z.lo + pi2.lo * z.hi;
    const T s1 = z.hi * sf_sin2pi_q(z.hi);
    const dw<T> d = impl::two_sum(T(1), -m.hi);
    const dw<T> e = impl::two_sum(d.hi, -(m.lo + m.hi * s1));  // renormalised: q1 below needs |den.lo| << den.hi
    den = {e.hi, e.lo + d.lo};
    num_hi = pi2.hi;
    num_lo = pi2.lo;
  }
  // q = (num_hi + num_lo) / (den.hi + den.lo) = q0 + q1.
  const T q0 = num_hi / den.hi;
  const dw<T> p = sf_two_prod_rt(q0, den.hi);
  const T q1 = (((num_hi - p.hi) - p.lo) + (num_lo - q0 * den.lo)) / den.hi;
  return q0 + (q1 - psi1);
}

}  // namespace special_impl

// ---------------------------------------------------------------------------
// Public interface.  float is computed in double and rounded once.
// ---------------------------------------------------------------------------
#define TAPELESS_CX_SPECIAL(name)                                               \
  template <std::floating_point T>                                              \
    requires impl::work_type_ok<T>                                              \
  constexpr T name(T x) noexcept {                                              \
    using W = impl::work_t<T>;                                                  \
    return impl::narrow<T>(special_impl::sf_##name<W>(static_cast<W>(x)));      \
  }

// Error function; erf(±0) = ±0, erf(±inf) = ±1.
TAPELESS_CX_SPECIAL(erf)
// Complementary error function 1 - erf(x), accurate for large x until it
// underflows; erfc(-inf) = 2, erfc(+inf) = +0.
TAPELESS_CX_SPECIAL(erfc)
// Gamma function; overflow gives +inf, poles at non-positive integers give
// NaN except tgamma(±0) = ±inf.
TAPELESS_CX_SPECIAL(tgamma)
// log|Gamma(x)|; +inf at the poles and at ±inf.
TAPELESS_CX_SPECIAL(lgamma)
// psi(x) = Gamma'(x) / Gamma(x), also fast at run time.
TAPELESS_CX_SPECIAL(digamma)
// psi'(x), also fast at run time.
TAPELESS_CX_SPECIAL(trigamma)

#undef TAPELESS_CX_SPECIAL
#undef TAPELESS_SF_HARDWARE_FMA

// ψ and ψ' of float in float arithmetic only (float tables, logf, fmaf where the FPU fuses):
// for FPUs without double precision, where cx::digamma<float> would call the soft-float
// library.  detail/math.hpp uses them at run time when TAPELESS_CONFIG_FLOAT_ONLY_MATH is 1.
// Same algorithm and special values as cx::digamma / cx::trigamma.  Accuracy (tests/accuracy,
// docs/accuracy.md): digamma within 1 ulp for x > 0 and trigamma within 2 ulp, where the
// double path rounds correctly at nearly every point.
namespace float_only {
constexpr float digamma(float x) noexcept { return special_impl::sf_digamma<float>(x); }
constexpr float trigamma(float x) noexcept { return special_impl::sf_trigamma<float>(x); }
}  // namespace float_only

}  // namespace tapeless::detail::cx

TAPELESS_DETAIL_ALLOW_INFINITY_END
