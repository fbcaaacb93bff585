// to_string and to_latex: exact texts for precedence, sharing, names and constants; the
// constant-evaluation path (static_assert); numbers that read back exactly and are shortest.
// SPDX-License-Identifier: BSL-1.0
#include <tapeless/io/print.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

using namespace tapeless;

namespace {
constexpr var<"x"> x;
constexpr var<"y"> y;
constexpr var<"z"> z;

template <class S>
std::string str(const S& s) {
  return std::string(s);
}

// An operation that the printers know nothing about: the function-call fallback.
struct my_norm_op {
  static constexpr char name[] = "my_norm";
  template <class T>
  static constexpr T apply(T a, T b) noexcept {
    return a * a + b * b;
  }
  template <std::size_t J, class Ctx, class T>
  static constexpr T adjoint(const Ctx& ctx, T abar) noexcept {
    return abar * ctx.template operand<J>();
  }
};
// A punctuation name with two operands: infix, looser than any arithmetic.
struct less_op {
  static constexpr char name[] = "<";
  template <class T>
  static constexpr T apply(T a, T b) noexcept {
    return a < b ? T(1) : T(0);
  }
  template <std::size_t J, class Ctx, class T>
  static constexpr T adjoint(const Ctx&, T abar) noexcept {
    return abar * T(0);
  }
};
}  // namespace

// The printers run in constant evaluation: run-time constants included, when f is constexpr.
static_assert(to_string(x * y + z) == "x * y + z");
static_assert(to_string(x * x * x + x * x) == "x * x * x + x * x");
static_assert(to_string(sin(x) / x) == "sin(x) / x");
constexpr auto scaled = 2.5 * x;
static_assert(to_string(scaled) == "2.5 * x");
static_assert(to_latex(sin(x) / x) == "\\frac{\\sin(x)}{x}");
static_assert(to_string(let<"u">(x * x) + x) == "u + x where u = x * x");
// The capacity is computed from the type: exact without run-time constants.
static_assert(decltype(to_string(x * y + z))::capacity() == 9);

TEST_CASE("to_string: precedence and associativity", "[io]") {
  CHECK(str(to_string(x - (y - z))) == "x - (y - z)");
  CHECK(str(to_string((x - y) - z)) == "x - y - z");
  CHECK(str(to_string(x + (y + z))) == "x + (y + z)");
  CHECK(str(to_string(x / (y * z))) == "x / (y * z)");
  CHECK(str(to_string(x / y * z)) == "x / y * z");
  CHECK(str(to_string(x * (y / z))) == "x * (y / z)");
  CHECK(str(to_string((x + y) * z)) == "(x + y) * z");
  CHECK(str(to_string(x + y * z)) == "x + y * z");
  CHECK(str(to_string(-pow<2>(x))) == "-x^2");
  CHECK(str(to_string(pow<2>(-x))) == "(-x)^2");
  CHECK(str(to_string(-(x * y))) == "-(x * y)");
  CHECK(str(to_string(-x * y)) == "-x * y");
  CHECK(str(to_string(x - -y)) == "x - (-y)");
  CHECK(str(to_string(x * -y)) == "x * (-y)");
  CHECK(str(to_string(-(-x))) == "-(-x)");
  CHECK(str(to_string(pow(x, pow(y, z)))) == "x^y^z");
  CHECK(str(to_string(pow(pow(x, y), z))) == "(x^y)^z");
  CHECK(str(to_string(pow(x, y + z))) == "x^(y + z)");
  CHECK(str(to_string(pow(x, -y))) == "x^(-y)");
  CHECK(str(to_string(pow<-1>(x))) == "x^(-1)");
  CHECK(str(to_string(pow<2>(x * y))) == "(x * y)^2");
  CHECK(str(to_string(square(sin(x)))) == "sin(x)^2");
  CHECK(str(to_string(sqrt(x + y) * exp(-x) / log(z) - cos(x * y))) ==
        "sqrt(x + y) * exp(-x) / log(z) - cos(x * y)");
}

TEST_CASE("to_string: shared nodes print at every use, names print once", "[io]") {
  constexpr auto s = x * y;  // one node of the graph, used three times
  CHECK(str(to_string(s * s + s)) == "x * y * (x * y) + x * y");
  constexpr auto u = let<"u">(pow<3>(x));
  constexpr auto v = let<"v">(pow<2>(x));
  CHECK(str(to_string(u + v)) == "u + v where u = x^3, v = x^2");
  CHECK(str(to_string(let<"y">(u + v))) == "y = u + v where u = x^3, v = x^2");
  CHECK(str(to_string(u * u)) == "u * u where u = x^3");
  // a let inside a let: definitions in dependency order
  constexpr auto w = let<"w">(u * y);
  CHECK(str(to_string(w - u)) == "w - u where u = x^3, w = u * y");
  // a name with run-time constants: the let is one node, its constant printed once
  constexpr auto a = let<"a">(0.5 * x);
  CHECK(str(to_string(a * a)) == "a * a where a = 0.5 * x");
  CHECK(str(to_string(let<"u">(x))) == "u = x");
}

TEST_CASE("to_string: constants", "[io]") {
  CHECK(str(to_string(c<2.5> * x)) == "2.5 * x");
  CHECK(str(to_string(c<2> * x)) == "2 * x");
  CHECK(str(to_string(c<-2> * x)) == "-2 * x");
  CHECK(str(to_string(x * c<-2>)) == "x * (-2)");
  CHECK(str(to_string(pow(x, c<0.5>))) == "x^0.5");
  CHECK(str(to_string(pow(c<-2.0>, x))) == "(-2)^x");
  CHECK(str(to_string(0.1 * x)) == "0.1 * x");
  CHECK(str(to_string(x * 1e-7)) == "x * 1e-7");
  CHECK(str(to_string(x * 2.5e16)) == "x * 2.5e+16");
  CHECK(str(to_string(x * 1e300)) == "x * 1e+300");
  CHECK(str(to_string(x + 0.30000000000000004)) == "x + 0.30000000000000004");
  CHECK(str(to_string(x + (-2.0))) == "x + (-2)");
  CHECK(str(to_string(3 * x)) == "3 * x");            // an int constant stays an int
  CHECK(str(to_string(0.1f * x)) == "0.1 * x");       // shortest for float, not 0.100000001
  CHECK(str(to_string(x * 123456.789)) == "x * 123456.789");
  CHECK(str(to_string(x * 0.0)) == "x * 0");
  CHECK(str(to_string(x * -0.0)) == "x * (-0)");
  const double k = 1.0 / 3.0;  // a run-time value
  CHECK(str(to_string(k * x)) == "0.3333333333333333 * x");
  // the widest run-time constants fit the capacity reserved for them
  const double wide = -1.2345678901234567e-300;
  const auto s = to_string(wide * x - wide);
  CHECK(s.size() <= s.capacity());
  const std::string text = str(s);
  INFO(text);
  REQUIRE(text.find(" * x - (-") != std::string::npos);  // beyond 1e±27: the last digit approximate
  const double back = std::strtod(text.c_str(), nullptr);
  CHECK(std::fabs(back - wide) <= 1e-15 * std::fabs(wide));
}

TEST_CASE("to_string: operations without a format use their name", "[io]") {
  CHECK(str(to_string(make_node<my_norm_op>(x, y + z))) == "my_norm(x, y + z)");
  CHECK(str(to_string(make_node<less_op>(x + y, z))) == "x + y < z");
  CHECK(str(to_latex(make_node<my_norm_op>(x, y))) == "\\operatorname{my\\_norm}(x, y)");
}

TEST_CASE("to_latex", "[io]") {
  constexpr auto u = let<"u">(pow<3>(x));
  constexpr auto v = let<"v">(pow<2>(x));
  CHECK(str(to_latex(u + v)) == "u + v \\text{ where } u = x^{3}, v = x^{2}");
  CHECK(str(to_latex(x * x * x + x * x)) == "x \\cdot x \\cdot x + x \\cdot x");
  CHECK(str(to_latex(sin(x) / x)) == "\\frac{\\sin(x)}{x}");
  CHECK(str(to_latex(cos(x) / x - sin(x) / pow<2>(x))) ==
        "\\frac{\\cos(x)}{x} - \\frac{\\sin(x)}{x^{2}}");
  CHECK(str(to_latex(pow<2>(x / y))) == "\\left(\\frac{x}{y}\\right)^{2}");
  CHECK(str(to_latex(sqrt(x + y))) == "\\sqrt{x + y}");
  CHECK(str(to_latex(exp(x * y))) == "\\exp\\left(x \\cdot y\\right)");
  CHECK(str(to_latex(-pow<2>(x))) == "-x^{2}");
  CHECK(str(to_latex(pow(x, y + z))) == "x^{y + z}");
  CHECK(str(to_latex((x + y) * z)) == "\\left(x + y\\right) \\cdot z");
  CHECK(str(to_latex(c<2.5e-9> * x)) == "2.5 \\cdot 10^{-9} \\cdot x");
  CHECK(str(to_latex(x * 1e-7)) == "x \\cdot 10^{-7}");
  constexpr var<"x0"> x0;
  constexpr var<"rate"> rate;
  constexpr var<"a_b"> a_b;
  CHECK(str(to_latex(x0 * rate + a_b)) == "x_{0} \\cdot \\mathit{rate} + \\mathit{a\\_b}");
}

// Numbers print in the fewest significant digits that read back to the same value. Checked
// against the C library: strtod of the text gives the value back, and no printf precision
// with fewer digits does.
template <class T>
static void check_shortest(T v) {
  const auto s = to_string(v * x);  // "<number> * x": a left operand needs no parentheses
  std::string text = str(s);
  REQUIRE(text.size() > 4);
  text.resize(text.size() - 4);
  INFO("value " << static_cast<double>(v) << " printed " << text);
  const T back = std::is_same_v<T, float> ? static_cast<T>(std::strtof(text.c_str(), nullptr))
                                          : static_cast<T>(std::strtod(text.c_str(), nullptr));
  REQUIRE(back == v);
  std::string mantissa;  // significant digits: no sign, point, exponent, or outer zeros
  for (char ch : text) {
    if (ch == 'e') break;
    if (ch >= '0' && ch <= '9' && !(ch == '0' && mantissa.empty())) mantissa += ch;
  }
  while (!mantissa.empty() && mantissa.back() == '0') mantissa.pop_back();
  const std::size_t digits = mantissa.size();
  char buf[64];
  for (int p = 1; p < static_cast<int>(digits); ++p) {
    std::snprintf(buf, sizeof buf, "%.*e", p - 1, static_cast<double>(v));
    const T shorter = std::is_same_v<T, float> ? static_cast<T>(std::strtof(buf, nullptr))
                                               : static_cast<T>(std::strtod(buf, nullptr));
    INFO("shorter " << buf);
    REQUIRE(shorter != v);
  }
}

TEST_CASE("numbers read back exactly, in the fewest digits", "[io]") {
  std::mt19937_64 rng(20251126);
  std::uniform_real_distribution<double> exponent(-5.0, 15.0);
  std::uniform_int_distribution<int> digits(1, 17);
  for (int i = 0; i < 3000; ++i) {
    const double magnitude = std::pow(10.0, exponent(rng));
    // random doubles, and short decimals (what people write)
    check_shortest(magnitude * (i % 2 == 0 ? 1.0 : -1.0));
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits(rng), magnitude);
    check_shortest(std::strtod(buf, nullptr));
    check_shortest(static_cast<float>(magnitude));
  }
}
