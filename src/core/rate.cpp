#include "iop/core/rate.hpp"

#include <charconv>
#include <numeric>
#include <string>

#include "iop/core/error.hpp"

namespace iop {
namespace {

constexpr std::string_view kRateForms =
    "a non-negative percent ('20%', '12.5%'), decimal ('0.2') or fraction ('1/3')";

// Parses a run of ASCII digits into a non-negative int64; false on overflow or no digits.
bool parse_digits(std::string_view digits, std::int64_t& out) {
  if (digits.empty()) return false;
  for (char c : digits)
    if (c < '0' || c > '9') return false;
  const auto* end = digits.data() + digits.size();
  const auto result = std::from_chars(digits.data(), end, out);
  return result.ec == std::errc{} && result.ptr == end;
}

// Decimal text "12.5" as an exact fraction before the percent division.
bool parse_decimal(std::string_view text, std::int64_t& numerator, std::int64_t& denominator) {
  const auto dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (dot != std::string_view::npos && frac.empty()) return false;
  if (whole.empty() && frac.empty()) return false;
  if (frac.size() > 9) return false;
  std::int64_t w = 0;
  if (!whole.empty() && !parse_digits(whole, w)) return false;
  std::int64_t f = 0;
  if (!frac.empty() && !parse_digits(frac, f)) return false;
  std::int64_t scale = 1;
  for (std::size_t i = 0; i < frac.size(); ++i) scale *= 10;
  if (w > Rate::max_denominator) return false;
  numerator = w * scale + f;
  denominator = scale;
  return true;
}

}  // namespace

Rate Rate::fraction(std::int64_t numerator, std::int64_t denominator, std::string_view field) {
  const std::string value = std::to_string(numerator) + "/" + std::to_string(denominator);
  if (denominator <= 0 || numerator < 0)
    throw ValidationError(std::string(field), value, "is not a non-negative rate",
                          "numerator >= 0 and denominator > 0");
  const std::int64_t g = std::gcd(numerator, denominator);
  const std::int64_t n = numerator / g;
  const std::int64_t d = denominator / g;
  if (n > max_denominator || d > max_denominator)
    throw ValidationError(std::string(field), value, "is too large a fraction",
                          "numerator and denominator up to 10^12 after reduction");
  return Rate(n, d);
}

Rate Rate::percent(std::int64_t n, std::string_view field) { return fraction(n, 100, field); }

Rate Rate::basis_points(std::int64_t n, std::string_view field) {
  return fraction(n, 10'000, field);
}

Rate Rate::parse(std::string_view text, std::string_view field) {
  auto fail = [&]() -> ValidationError {
    return ValidationError(std::string(field), iop::quoted(text), "is not a rate", std::string(kRateForms));
  };
  std::string_view body = text;
  while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
  while (!body.empty() && body.back() == ' ') body.remove_suffix(1);
  if (body.empty()) throw fail();

  if (const auto slash = body.find('/'); slash != std::string_view::npos) {
    std::int64_t n = 0;
    std::int64_t d = 0;
    if (!parse_digits(body.substr(0, slash), n) || !parse_digits(body.substr(slash + 1), d) ||
        d == 0)
      throw fail();
    return fraction(n, d, field);
  }
  const bool is_percent = body.back() == '%';
  if (is_percent) body.remove_suffix(1);
  std::int64_t n = 0;
  std::int64_t d = 1;
  if (!parse_decimal(body, n, d)) throw fail();
  if (is_percent) {
    if (d > max_denominator / 100) throw fail();
    d *= 100;
  }
  return fraction(n, d, field);
}

std::string Rate::to_string() const {
  // A percent with a finite decimal form exists when the denominator of
  // (100 * rate) has no prime factors other than 2 and 5.
  std::int64_t d = denominator_ / std::gcd(static_cast<std::int64_t>(100), denominator_);
  int twos = 0;
  int fives = 0;
  while (d % 2 == 0) { d /= 2; ++twos; }
  while (d % 5 == 0) { d /= 5; ++fives; }
  if (d != 1)
    return std::to_string(numerator_) + "/" + std::to_string(denominator_);
  // percent = numerator * 100 / denominator, with `places` decimals.
  const int places = twos > fives ? twos : fives;
  detail::int128 scale = 1;
  for (int i = 0; i < places; ++i) scale *= 10;
  const detail::int128 scaled = static_cast<detail::int128>(numerator_) * 100 * scale / denominator_;
  auto whole = static_cast<std::int64_t>(scaled / scale);
  auto frac = static_cast<std::int64_t>(scaled % scale);
  std::string out = std::to_string(whole);
  if (places > 0) {
    std::string digits = std::to_string(frac);
    digits.insert(0, static_cast<std::size_t>(places) - digits.size(), '0');
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    if (!digits.empty()) out += "." + digits;
  }
  return out + "%";
}

}  // namespace iop
