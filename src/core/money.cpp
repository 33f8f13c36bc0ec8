#include "iop/core/money.hpp"

#include <charconv>
#include <limits>
#include <string>

#include "iop/core/error.hpp"
#include "core/append_text.hpp"
#include "core/checked.hpp"
#include "iop/detail/int128.hpp"

namespace iop {
namespace {

constexpr std::string_view kMoneyForms =
    "an amount such as '$1,234.56', '1234.56' or '-0.05' (at most two decimals)";
constexpr std::string_view kMoneyRange = "-$92,233,720,368,547,758.08..$92,233,720,368,547,758.07";

OverflowError overflow(std::string_view operation, std::string value) {
  return OverflowError(std::string(operation), std::move(value),
                       "does not fit in 64-bit cents", std::string(kMoneyRange));
}

// `describe` builds the offending value's text only when the check fails.
template <class Describe>
Money checked(detail::int128 cents, std::string_view operation, Describe describe) {
  if (cents > std::numeric_limits<std::int64_t>::max() ||
      cents < std::numeric_limits<std::int64_t>::min())
    throw overflow(operation, describe());
  return Money::from_cents(static_cast<std::int64_t>(cents));
}

// Digits grouped as "1,234,567" (commas exactly every three digits) or plain.
bool valid_whole_part(std::string_view whole) {
  if (whole.empty()) return false;
  if (whole.find(',') == std::string_view::npos) {
    for (char c : whole)
      if (c < '0' || c > '9') return false;
    return true;
  }
  const auto first_comma = whole.find(',');
  if (first_comma == 0 || first_comma > 3) return false;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    const char c = whole[i];
    const bool comma_position = i >= first_comma && (i - first_comma) % 4 == 0;
    if (comma_position ? c != ',' : (c < '0' || c > '9')) return false;
  }
  return (whole.size() - first_comma) % 4 == 0;
}

std::string group_thousands(std::string digits) {
  for (auto i = static_cast<std::ptrdiff_t>(digits.size()) - 3; i > 0; i -= 3)
    digits.insert(static_cast<std::size_t>(i), 1, ',');
  return digits;
}

// |cents| split into whole dollars and the two cent digits, as text.
void split(std::int64_t cents, std::string& dollars, std::string& hundredths) {
  const auto magnitude = cents < 0 ? -static_cast<detail::int128>(cents) : static_cast<detail::int128>(cents);
  dollars = std::to_string(static_cast<std::uint64_t>(magnitude / 100));
  const auto c = static_cast<unsigned>(magnitude % 100);
  hundredths = {static_cast<char>('0' + c / 10), static_cast<char>('0' + c % 10)};
}

}  // namespace

void detail::throw_cents_overflow(const std::string& field, const std::string& value) {
  throw overflow(field, value);
}

void detail::throw_out_of_range(const std::string& field, const std::string& value, const std::string& allowed) {
  throw ValidationError(field, value, "is out of range", allowed);
}

Money Money::from_dollars(std::int64_t dollars, std::string_view field) {
  return checked(static_cast<detail::int128>(dollars) * 100, field,
                 [&] { return std::to_string(dollars) + " dollars"; });
}

Money Money::parse(std::string_view text, std::string_view field) {
  auto fail = [&]() {
    return ValidationError(std::string(field), iop::quoted(text), "is not an amount of money",
                           std::string(kMoneyForms));
  };
  std::string_view body = text;
  while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
  while (!body.empty() && body.back() == ' ') body.remove_suffix(1);
  bool negative = false;
  if (!body.empty() && (body.front() == '-' || body.front() == '+')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (!body.empty() && body.front() == '$') body.remove_prefix(1);
  const auto dot = body.find('.');
  const std::string_view whole = body.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : body.substr(dot + 1);
  if (!valid_whole_part(whole)) throw fail();
  if (dot != std::string_view::npos) {
    if (fraction.empty() || fraction.size() > 2) throw fail();
    for (char c : fraction)
      if (c < '0' || c > '9') throw fail();
  }
  detail::int128 cents = 0;
  for (char c : whole) {
    if (c == ',') continue;
    cents = cents * 10 + (c - '0');
    if (cents > static_cast<detail::int128>(std::numeric_limits<std::int64_t>::max()))
      throw overflow(field, iop::quoted(text));
  }
  cents *= 100;
  if (fraction.size() >= 1) cents += (fraction[0] - '0') * 10;
  if (fraction.size() == 2) cents += fraction[1] - '0';
  return checked(negative ? -cents : cents, field, [&] { return iop::quoted(text); });
}

std::string Money::to_string() const {
  std::string dollars;
  std::string hundredths;
  split(cents_, dollars, hundredths);
  return (cents_ < 0 ? "-$" : "$") + group_thousands(std::move(dollars)) + "." + hundredths;
}

char* detail::write_plain_money(char* to, const Money& amount) {
  // Digit by digit: estimates write a dozen amounts a line.
  const std::int64_t cents = amount.cents();
  const std::uint64_t magnitude = cents < 0 ? 0 - static_cast<std::uint64_t>(cents) : static_cast<std::uint64_t>(cents);
  if (cents < 0) *to++ = '-';
  to = std::to_chars(to, to + 20, magnitude / 100).ptr;  // at most 17 digits
  const auto c = static_cast<unsigned>(magnitude % 100);
  *to++ = '.';
  *to++ = static_cast<char>('0' + c / 10);
  *to++ = static_cast<char>('0' + c % 10);
  return to;
}

void detail::append_plain_money(std::string& out, const Money& amount) {
  char text[24];
  out.append(text, write_plain_money(text, amount));
}

std::string Money::to_plain_string() const {
  std::string out;
  detail::append_plain_money(out, *this);
  return out;
}

Money Money::apply(const Rate& rate) const {
  // Everyday amounts and rates: the product fits in 64 bits, and a 64-bit division is several times faster.
  constexpr std::int64_t small = std::int64_t{1} << 31;
  if (cents_ > -small && cents_ < small && rate.numerator() < small) {
    const std::int64_t product = cents_ * rate.numerator();
    std::int64_t quotient = product / rate.denominator();
    const std::int64_t remainder = product % rate.denominator();
    if ((remainder < 0 ? -2 * remainder : 2 * remainder) >= rate.denominator()) quotient += product < 0 ? -1 : 1;
    return Money(quotient);
  }
  // |cents| < 2^63 and numerator <= 10^12 < 2^40, so the product fits in 128 bits.
  const detail::int128 product = static_cast<detail::int128>(cents_) * rate.numerator();
  const detail::int128 denominator = rate.denominator();
  detail::int128 quotient = product / denominator;  // truncates toward zero
  const detail::int128 remainder = product % denominator;
  const detail::int128 twice = remainder < 0 ? -2 * remainder : 2 * remainder;
  if (twice >= denominator) quotient += product < 0 ? -1 : 1;  // halves away from zero
  return checked(quotient, "amount * rate", [&] { return to_string() + " * " + rate.to_string(); });
}

void Money::overflowed(const char* operation, Money a, const char* op, const std::string& b) {
  throw overflow(operation, a.to_string() + op + b);
}

Money operator-(Money a) {
  if (a.cents_ == std::numeric_limits<std::int64_t>::min())
    throw overflow("-amount", "-(" + a.to_string() + ")");
  return Money(-a.cents_);
}


}  // namespace iop
