// Internals of the printers: the output sink (which counts or writes, so that one code path both
// computes a string's capacity at compile time and fills it), number formatting that works in
// constant evaluation, and the per-node descriptors the printers read.
// SPDX-License-Identifier: BSL-1.0
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

#include <tapeless/expression.hpp>
#include <tapeless/graph.hpp>
#include <tapeless/io/static_string.hpp>

namespace tapeless {

/// How an operation is written (see op_format).
enum class notation : unsigned char {
  function,  ///< name(a, b): the fallback for any operation
  infix,     ///< a + b, with op_format::precedence, left-associative
  prefix,    ///< -a
  power,     ///< a^b, or a^N for an exponent in the operation (op_format::exponent)
  fraction,  ///< a / b; \frac{a}{b} in LaTeX
  root,      ///< sqrt(a); \sqrt{a} in LaTeX
  identity,  ///< let<"u">(e): printed by its name
};

class partial_writer;

namespace detail::io {

inline constexpr int prec_compare = 0;  // < <= == ... (operations with punctuation names)
inline constexpr int prec_sum = 1;
inline constexpr int prec_product = 2;
inline constexpr int prec_prefix = 3;
inline constexpr int prec_power = 4;
inline constexpr int prec_atom = 10;

/// What a number is printed from: run-time constants of any arithmetic type are copied into
/// this before printing, so the printing code is not a template over the constant type.
struct number_value {
  enum class type : unsigned char { integer, single, real } kind = type::real;
  long long i = 0;
  float f = 0;
  double d = 0;
};

/// The widest a run-time constant can print, in any style, parentheses included. Literal
/// values are known at compile time and counted exactly; run-time ones are reserved this much.
inline constexpr std::size_t max_number_width = 40;

/// A number as sign, significant digits and the decimal exponent of the first digit.
struct decimal {
  bool negative = false;
  char special = 0;  ///< 0: finite; 'i': infinity; 'n': NaN
  char digits[24] = {};
  int count = 0;
  int exponent = 0;
};

/// The arithmetic candidates are checked in: long double where it has a 64-bit mantissa (x86),
/// so that every 17-digit integer and 10^k up to k = 27 are exact; double elsewhere.
inline constexpr bool wide_is_long_double = std::numeric_limits<long double>::digits >= 64;
using wide = std::conditional_t<wide_is_long_double, long double, double>;
inline constexpr int wide_exact_power = wide_is_long_double ? 27 : 22;
inline constexpr std::uint64_t wide_exact_integer =
    wide_is_long_double ? ~std::uint64_t{0} : std::uint64_t{1} << 53;

template <class F>
constexpr F pow10(int k) noexcept {
  F r = 1;
  for (int i = 0; i < k; ++i) r *= 10;
  return r;
}

#if defined(__SIZEOF_INT128__) && !defined(TAPELESS_DETAIL_IO_NO_INT128)  // (switch: for testing)
#define TAPELESS_DETAIL_IO_EXACT 1
__extension__ using uint128 = unsigned __int128;

/// Sign of n·10^k - a·2^b, exactly (|k| <= 27, n < 2^60, a < 2^56: every product < 2^122).
constexpr int compare_decimal(std::uint64_t n, int k, std::uint64_t a, int b) noexcept {
  uint128 lhs = n;
  uint128 rhs = a;
  for (int i = 0; i < k; ++i) lhs *= 5;
  for (int i = 0; i < -k; ++i) rhs *= 5;
  const int d = b - k;  // n·5^k·2^k vs a·2^b
  uint128& shifted = d >= 0 ? rhs : lhs;
  const int shift = d >= 0 ? d : -d;
  if (shift >= 128 || (shift > 0 && (shifted >> (128 - shift)) != 0))
    return d >= 0 ? -1 : 1;  // the shifted side exceeds 2^128, the other is below 2^122
  shifted <<= shift;
  return lhs < rhs ? -1 : (lhs > rhs ? 1 : 0);
}

/// Does the decimal n·10^k round to t (t > 0, finite), as strtod and strtof round?
template <class T>
constexpr bool rounds_to(std::uint64_t n, int k, T t) noexcept {
  constexpr int p = std::numeric_limits<T>::digits;
  constexpr int min_exp = std::numeric_limits<T>::min_exponent - p;  // of the subnormals' ulp
  using bits_t = std::conditional_t<std::is_same_v<T, float>, std::uint32_t, std::uint64_t>;
  const auto bits = static_cast<std::uint64_t>(std::bit_cast<bits_t>(t));
  const auto biased = static_cast<int>(bits >> (p - 1));
  std::uint64_t m = bits & ((std::uint64_t{1} << (p - 1)) - 1);
  int e = min_exp;
  if (biased != 0) {
    m |= std::uint64_t{1} << (p - 1);
    e = biased + min_exp - 1;
  }
  // t = m·2^e; the rounding interval runs from the midpoints with the neighbours
  const bool lower_gap_halves = m == (std::uint64_t{1} << (p - 1)) && biased > 1;
  const int lo = lower_gap_halves ? compare_decimal(n, k, 4 * m - 1, e - 2)
                                  : compare_decimal(n, k, 2 * m - 1, e - 1);
  const int hi = compare_decimal(n, k, 2 * m + 1, e - 1);
  const bool even = (m & 1) == 0;
  return (lo > 0 || (lo == 0 && even)) && (hi < 0 || (hi == 0 && even));
}
#else
#define TAPELESS_DETAIL_IO_EXACT 0
#endif

/// Does the decimal dn·10^k10 read back as v (a T)? Exactly, with 128-bit integers, where the
/// compiler has them (g++, clang). Otherwise: its `wide` value `back` is one correctly rounded
/// operation away. With wide = double and T = double, that is strtod's own rounding.
/// Otherwise rounding `back` again could differ from rounding the decimal once, so `back`
/// must lie inside v's rounding interval by more than one `wide` rounding error, or be
/// exact and on the interval's edge with v's mantissa even (ties go to even). A decimal
/// closer than that to the edge is refused and gets one digit more.
template <class T>
constexpr bool reads_back(wide dn, int k10, double v) noexcept {
#if TAPELESS_DETAIL_IO_EXACT
  return rounds_to(static_cast<std::uint64_t>(dn), k10, static_cast<T>(v));
#else
  const wide p = pow10<wide>(k10 >= 0 ? k10 : -k10);
  const wide back = k10 >= 0 ? dn * p : dn / p;
  if constexpr (std::is_same_v<T, double> && !wide_is_long_double) {
    return static_cast<double>(back) == v;
  } else {
    using bits_t = std::conditional_t<std::is_same_v<T, float>, std::uint32_t, std::uint64_t>;
    const T t = static_cast<T>(v);
    const bits_t bits = std::bit_cast<bits_t>(t);
    const T up = std::bit_cast<T>(static_cast<bits_t>(bits + 1));
    const T down = std::bit_cast<T>(static_cast<bits_t>(bits - 1));
    const wide lo = (static_cast<wide>(down) + static_cast<wide>(t)) / 2;
    const wide hi = (static_cast<wide>(up) + static_cast<wide>(t)) / 2;
    const wide margin = back * std::numeric_limits<wide>::epsilon() / 2;  // >= half an ulp
    if (back > lo + margin && back < hi - margin) return true;
    const bool exact = k10 >= 0 ? back / p == dn : back * p == dn;
    return exact && (bits & 1) == 0 && (back == lo || back == hi);
  }
#endif
}

/// Shortest decimal that reads back as the same value (float or double), in constant evaluation
/// too. For each number of significant digits, the candidate n·10^k nearest to v (computed in
/// `wide` arithmetic, give or take one) is checked against v's rounding interval, exactly with
/// 128-bit integers (see rounds_to), for |k| <= 27 (22 where long double is double). Beyond
/// 10^±27 the check is approximate (12 digits at most, else 17 digits whose last one may
/// differ from printf's).
template <class T>
constexpr decimal to_decimal(T value) noexcept {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, double>);
  decimal r;
  // NaN and infinity from the bits: under -ffast-math a comparison would be folded away, and
  // an infinite constant would then loop below
  using bits_type = std::conditional_t<std::is_same_v<T, double>, std::uint64_t, std::uint32_t>;
  constexpr int mantissa_bits = std::numeric_limits<T>::digits - 1;
  constexpr bits_type mantissa = (bits_type{1} << mantissa_bits) - 1;
  constexpr bits_type exponent = static_cast<bits_type>(~bits_type{0} >> 1) & ~mantissa;
  const auto b = std::bit_cast<bits_type>(value);
  const bool nan = (b & exponent) == exponent && (b & mantissa) != 0;
  r.negative = !nan && (b >> (sizeof(bits_type) * 8 - 1)) != 0;
  if ((b & exponent) == exponent) {
    r.special = nan ? 'n' : 'i';
    return r;
  }
  const double v = r.negative ? -static_cast<double>(value) : static_cast<double>(value);
  if (v == 0) {
    r.digits[0] = '0';
    r.count = 1;
    return r;
  }
  int e10 = 0;
  double m = v;
  while (m >= 10) {
    m /= 10;
    ++e10;
  }
  while (m < 1) {
    m *= 10;
    --e10;
  }
  constexpr int max_digits = std::is_same_v<T, float> ? 9 : 17;
  const wide wv = static_cast<wide>(v);
  std::uint64_t n = 0;
  int k = 0;
  for (int s = 1; s <= max_digits; ++s) {
    k = e10 - s + 1;
    const bool exact = k >= -wide_exact_power && k <= wide_exact_power;
    wide scaled = 0;
    if (exact)
      scaled = k >= 0 ? wv / pow10<wide>(k) : wv * pow10<wide>(-k);
    else
      scaled = static_cast<wide>(m * pow10<double>(s - 1));
    n = static_cast<std::uint64_t>(scaled + static_cast<wide>(0.5));
    if (exact && n + 1 < wide_exact_integer) {
      // scaled itself was rounded, which can move it across the .5 between two candidates
      bool found = false;
      for (const std::uint64_t candidate : {n, n - 1, n + 1}) {
        const wide dn = static_cast<wide>(candidate);
        if (candidate != 0 && reads_back<T>(dn, k, v)) {
          n = candidate;
          found = true;
          break;
        }
      }
      if (found) break;
    } else if (!exact && s <= 12) {
      // m carries the rounding of up to ~330 divisions by 10 (relative error below 1e-13):
      // digits that agree with it to 1e-12 are taken, otherwise 17 digits are printed
      const wide err = scaled - static_cast<wide>(n);
      if ((err < 0 ? -err : err) < static_cast<wide>(1e-12) * scaled) break;
    }
  }
  while (n != 0 && n % 10 == 0) {
    n /= 10;
    ++k;
  }
  char rev[24] = {};
  int c = 0;
  do {
    rev[c++] = static_cast<char>('0' + static_cast<int>(n % 10));
    n /= 10;
  } while (n != 0);
  for (int i = 0; i < c; ++i) r.digits[i] = rev[c - 1 - i];
  r.count = c;
  r.exponent = k + c - 1;
  return r;
}

constexpr decimal to_decimal_integer(long long value) noexcept {
  decimal r;
  r.negative = value < 0;
  // magnitude in unsigned arithmetic: -LLONG_MIN does not fit a long long
  std::uint64_t n = r.negative ? std::uint64_t{0} - static_cast<std::uint64_t>(value)
                               : static_cast<std::uint64_t>(value);
  char rev[24] = {};
  int c = 0;
  do {
    rev[c++] = static_cast<char>('0' + static_cast<int>(n % 10));
    n /= 10;
  } while (n != 0);
  for (int i = 0; i < c; ++i) r.digits[i] = rev[c - 1 - i];
  r.count = c;
  r.exponent = c - 1;
  r.special = 'z';  // an integer: all digits, never scientific
  return r;
}

constexpr decimal to_decimal(const number_value& x) noexcept {
  switch (x.kind) {
    case number_value::type::integer:
      return to_decimal_integer(x.i);
    case number_value::type::single:
      return to_decimal(x.f);
    default:
      return to_decimal(x.d);
  }
}

/// Where the printers write. With no buffer it only counts: the printers run once that way in
/// a constant expression, on the expression type alone, to size the result, and once more to
/// fill it. Values of run-time constants exist only in the second run (`consts`); the first
/// reserves max_number_width for each.
struct sink {
  char* buf = nullptr;
  std::size_t capacity = 0;
  std::size_t n = 0;
  const number_value* consts = nullptr;
  /// Escaping while a graph label is written: 0 none; 'm' inside a quoted Mermaid label
  /// (" # & < > as the entities #quot; #35; #amp; #lt; #gt;, which Mermaid decodes); 'd' inside
  /// a quoted DOT label (\" and \\). Names come from the user (var<"a\"b"> is legal).
  char escape = 0;

  [[nodiscard]] constexpr bool counting() const noexcept { return buf == nullptr; }

  constexpr void raw(char c) noexcept {
    if (buf != nullptr && n < capacity) buf[n] = c;
    ++n;
  }
  constexpr void raw(const char* s) noexcept {
    while (*s != '\0') raw(*s++);
  }
  constexpr void put(char c) noexcept {
    if (escape == 'm') {
      switch (c) {
        case '"':
          return raw("#quot;");
        case '#':
          return raw("#35;");
        case '&':
          return raw("#amp;");
        case '<':
          return raw("#lt;");
        case '>':
          return raw("#gt;");
        default:
          break;
      }
    } else if (escape == 'd' && (c == '"' || c == '\\')) {
      raw('\\');
    }
    raw(c);
  }
  constexpr void put(const char* s) noexcept {
    while (*s != '\0') put(*s++);
  }
  constexpr void put(const char* s, std::size_t size) noexcept {
    for (std::size_t i = 0; i < size; ++i) put(s[i]);
  }
  constexpr void put_name(const char* s, std::size_t size) noexcept { put(s, size); }
  constexpr void put_int(long long v) noexcept {
    const decimal d = to_decimal_integer(v);
    if (d.negative) put('-');
    put(d.digits, static_cast<std::size_t>(d.count));
  }

  template <std::size_t N>
  static constexpr sink into(static_string<N>& s) noexcept {
    return sink{s.chars_, N, 0, nullptr, 0};
  }
  template <std::size_t N>
  static constexpr void finish(static_string<N>& s, const sink& out) noexcept {
    s.size_ = out.n < N ? out.n : N;
    s.chars_[s.size_] = '\0';
  }
};

enum class style : unsigned char { text, latex };

/// Writes a number: shortest round-trip digits, fixed notation for 1e-5 <= |v| < 1e16,
/// scientific otherwise ("1e-7", "2.5e+16"; LaTeX "2.5 \cdot 10^{16}").
constexpr void put_decimal(sink& out, const decimal& d, style st) noexcept {
  if (d.negative && d.special != 'n') out.put('-');
  if (d.special == 'n') return out.put(st == style::latex ? "\\mathrm{NaN}" : "nan");
  if (d.special == 'i') return out.put(st == style::latex ? "\\infty" : "inf");
  const int e = d.exponent;
  const bool fixed = d.special == 'z' || (e >= -5 && e < 16);
  if (fixed) {
    if (e < 0) {
      out.put("0.");
      for (int i = 0; i < -e - 1; ++i) out.put('0');
      out.put(d.digits, static_cast<std::size_t>(d.count));
    } else {
      for (int i = 0; i <= e || i < d.count; ++i) {
        if (i == e + 1) out.put('.');
        out.put(i < d.count ? d.digits[i] : '0');
      }
    }
    return;
  }
  const bool mantissa_is_one = d.count == 1 && d.digits[0] == '1';
  if (!(st == style::latex && mantissa_is_one)) {
    out.put(d.digits[0]);
    if (d.count > 1) {
      out.put('.');
      out.put(d.digits + 1, static_cast<std::size_t>(d.count - 1));
    }
  }
  if (st == style::latex) {
    out.put(mantissa_is_one ? "10^{" : " \\cdot 10^{");
    out.put_int(e);
    out.put('}');
  } else {
    out.put(e < 0 ? "e-" : "e+");
    out.put_int(e < 0 ? -e : e);
  }
}

/// Is this number written in a form that needs parentheses as an operand (a sign, or
/// LaTeX's "2.5 \cdot 10^{16}")? Returns the precedence of its printed form.
constexpr int decimal_precedence(const decimal& d, style st) noexcept {
  if (d.negative && d.special != 'n') return prec_prefix;
  const bool fixed = d.special == 'z' || d.special != 0 || (d.exponent >= -5 && d.exponent < 16);
  if (!fixed && st == style::latex)  // 10^{-7}, 2.5 \cdot 10^{-9}
    return d.count == 1 && d.digits[0] == '1' ? prec_power : prec_product;
  return prec_atom;
}

using partial_fn = void (*)(tapeless::partial_writer&, std::size_t);

/// One unique node of the graph, with what its type says about printing it.
struct node_desc {
  node_kind kind = node_kind::variable;
  const char* label = "";  ///< variable or let name, operation name
  std::uint32_t label_size = 0;
  std::uint32_t arity = 0;
  std::uint32_t operands[max_arity] = {};
  std::uint32_t const_offset = 0;
  bool active = false;
  double literal = 0;  ///< the value of a compile-time constant c<V>
  bool integral = false;
  // operations (from op_format<Op>)
  notation form = notation::function;
  const char* symbol = "";  ///< plain-text symbol or function name
  const char* latex = nullptr;
  int precedence = prec_atom;
  bool has_exponent = false;
  int exponent = 0;
  partial_fn partial = nullptr;
  const char* const* partial_texts = nullptr;  ///< or the partials as text with $0, $1, $2
  // for the graph drawings
  std::uint32_t users = 0;  ///< operand slots that refer to this node
  bool absorbed = false;    ///< an unnamed operation drawn inside the let that names it
  std::uint32_t temp = 0;   ///< k of the generated name t<k> of an unnamed operation
};

struct graph_view {
  const node_desc* nodes = nullptr;
  std::size_t size = 0;
};

constexpr decimal number_of(const sink& out, const graph_view& g, std::uint32_t i) noexcept {
  const node_desc& d = g.nodes[i];
  if (d.kind == node_kind::literal) {
    if (d.integral && d.literal >= -9.2e18 && d.literal <= 9.2e18)
      return to_decimal_integer(static_cast<long long>(d.literal));
    return to_decimal(d.literal);
  }
  return to_decimal(out.consts[d.const_offset]);
}

constexpr bool is_number(const node_desc& d) noexcept {
  return d.kind == node_kind::literal || d.kind == node_kind::runtime_constant;
}

/// The precedence of a number node as printed; while counting, a run-time constant's sign is
/// unknown, so it is taken as negative (the widest form).
constexpr int number_precedence(const sink& out, const graph_view& g, std::uint32_t i,
                                style st) noexcept {
  if (g.nodes[i].kind == node_kind::runtime_constant && out.counting()) return prec_prefix;
  return decimal_precedence(number_of(out, g, i), st);
}

constexpr void put_number(sink& out, const graph_view& g, std::uint32_t i, style st) noexcept {
  if (g.nodes[i].kind == node_kind::runtime_constant && out.counting()) {
    out.n += max_number_width - 2;  // the two parentheses are counted by the caller
    return;
  }
  put_decimal(out, number_of(out, g, i), st);
}

/// The name a node goes by in the graph drawings: a variable's or let's name, a number, or
/// t<k> for an unnamed operation.
constexpr void put_display_name(sink& out, const graph_view& g, std::uint32_t i) noexcept {
  const node_desc& d = g.nodes[i];
  if (is_number(d)) return put_number(out, g, i, style::text);
  if (d.kind == node_kind::operation) {
    out.put('t');
    return out.put_int(d.temp);
  }
  out.put_name(d.label, d.label_size);
}

/// Display name of an operand, in parentheses when it is a negative number.
constexpr void put_operand_name(sink& out, const graph_view& g, std::uint32_t i) noexcept {
  const bool parens = is_number(g.nodes[i]) && number_precedence(out, g, i, style::text) < prec_atom;
  if (parens) out.put('(');
  put_display_name(out, g, i);
  if (parens) out.put(')');
}

/// Writes a partial given as text: $0, $1, $2 become the names of operands 0, 1, 2.
constexpr void put_partial_text(sink& out, const graph_view& g, std::uint32_t node,
                                const char* text) noexcept {
  for (; *text != '\0'; ++text) {
    if (text[0] == '$' && text[1] >= '0' && text[1] <= '2') {
      ++text;
      put_operand_name(out, g, g.nodes[node].operands[*text - '0']);
    } else {
      out.put(*text);
    }
  }
}

}  // namespace detail::io

/// What op_format<Op>::partial writes with: the local partial derivative of one node with
/// respect to one operand, in plain text, in terms of the operands' names as the graph drawing
/// shows them (variables and lets by name, unnamed operations as t1, t2, ...).
class partial_writer {
 public:
  constexpr partial_writer(detail::io::sink& sink_, const detail::io::graph_view& graph_,
                           std::uint32_t index_) noexcept
      : out_(sink_), g_(graph_), node_(index_) {}

  constexpr void put(const char* s) noexcept { out_.put(s); }
  constexpr void put_int(long long v) noexcept { out_.put_int(v); }
  /// The name of operand j (in parentheses if it is a negative number).
  constexpr void operand(std::size_t j) noexcept {
    detail::io::put_operand_name(out_, g_, g_.nodes[node_].operands[j]);
  }

 private:
  detail::io::sink& out_;
  const detail::io::graph_view& g_;
  std::uint32_t node_;
};

}  // namespace tapeless
