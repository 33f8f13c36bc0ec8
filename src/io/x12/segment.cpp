// The elements of one X12 segment read as the guides define them: codes from their lists, text
// within its length, amounts of type R exact to the cent, counts, fractions and calendar dates.
// Every failure names the segment's position and the element; values that could identify a
// person are never quoted.

#include <algorithm>
#include <cstring>

#include "iop/core/error.hpp"
#include "iop/detail/int128.hpp"
#include "iop/io/x12/interchange.hpp"
#include "io/x12/text.hpp"

namespace iop::x12 {

using internal::all_digits;
using internal::echo;
using internal::is_digit;
using internal::two_digits;

namespace {

// Whether a value may be quoted in an error. Only elements that hold codes, amounts, counts and
// service dates are ever passed here; even then a value that looks like a word (two letters in a
// row: a name shifted into the wrong element by a stray separator) or is long is not quoted.
bool may_echo(std::string_view value) noexcept {
  if (value.size() > 18) return false;
  for (std::size_t i = 1; i < value.size(); ++i) {
    auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    if (letter(value[i - 1]) && letter(value[i])) return false;
  }
  return true;
}

// Equality of two short codes without a library call: codes are a few characters, and a call to
// memcmp for each candidate of a code list costs more than the comparison.
inline bool same_code(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// The amount in cents, or false: a plain result, since returning an optional (a flag byte stored and
// the whole read back at once) stalls store forwarding on every amount of a large file.
bool amount_cents(std::string_view text, std::int64_t& out) noexcept {
  auto result = [&out](std::int64_t cents) {
    out = cents;
    return true;
  };
  // The common form first, in one pass: up to 15 digits, then at most two decimals after a point.
  if (!text.empty() && text.size() <= 18 && text.front() != '-') {
    std::int64_t whole = 0;
    std::size_t i = 0;
    for (; i < text.size() && is_digit(text[i]); ++i) whole = whole * 10 + (text[i] - '0');
    const std::size_t digits = i;
    if (digits > 0 && digits <= 15) {
      if (i == text.size()) return result(whole * 100);
      const std::size_t decimals = text.size() - i - 1;
      if (text[i] == '.' && decimals == 1 && is_digit(text[i + 1]))
        return result(whole * 100 + (text[i + 1] - '0') * 10);
      if (text[i] == '.' && decimals == 2 && is_digit(text[i + 1]) && is_digit(text[i + 2]))
        return result(whole * 100 + (text[i + 1] - '0') * 10 + (text[i + 2] - '0'));
    }
  }
  // Everything else (a sign, no whole digits, more digits, or not an amount) as the type R is defined.
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  std::size_t dot = std::string_view::npos;  // a loop, not find: amounts are a few characters
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '.') {
      dot = i;
      break;
    }
  const auto whole = text.substr(0, dot);
  const auto fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (whole.empty() && fraction.empty()) return false;
  if (dot != std::string_view::npos && (fraction.empty() || fraction.size() > 2)) return false;
  // X12's R type: at most 18 digits, the decimal point and sign not counted.
  if (whole.size() + fraction.size() > 18) return false;
  if (whole.size() <= 16) {  // at most 10^18 cents: exact in 64 bits
    std::int64_t small = 0;
    for (char c : whole) {
      if (!is_digit(c)) return false;
      small = small * 10 + (c - '0');
    }
    small *= 100;
    for (std::size_t i = 0; i < fraction.size(); ++i) {
      if (!is_digit(fraction[i])) return false;
      small += (fraction[i] - '0') * (i == 0 ? 10 : 1);
    }
    return result(negative ? -small : small);
  }
  detail::int128 cents = 0;
  for (char c : whole) {
    if (!is_digit(c)) return false;
    cents = cents * 10 + (c - '0');
  }
  cents *= 100;
  for (std::size_t i = 0; i < fraction.size(); ++i) {
    if (!is_digit(fraction[i])) return false;
    cents += (fraction[i] - '0') * (i == 0 ? 10 : 1);
  }
  if (cents > static_cast<detail::int128>(INT64_MAX)) return false;
  const auto value = static_cast<std::int64_t>(cents);
  return result(negative ? -value : value);
}
}  // namespace

std::string internal::echo(std::string_view value) {
  if (value.empty()) return "";
  if (!may_echo(value)) {
    // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false positive) on "(" + std::string.
    std::string hidden = "(";
    hidden.append(std::to_string(value.size())).append(" characters, not shown)");
    return hidden;
  }
  return iop::quoted(value);
}

std::optional<Money> parse_amount(std::string_view text) noexcept {
  std::int64_t cents = 0;
  if (!amount_cents(text, cents)) return std::nullopt;
  return Money::from_cents(cents);
}

int place_in_loop(std::string_view id, std::initializer_list<std::string_view> order) noexcept {
  int place = 1;
  for (auto o : order) {
    if (same_code(o, id)) return place;
    ++place;
  }
  return 0;
}

// --- Segment ------------------------------------------------------------------------------------

std::string_view Segment::component(std::size_t n, std::size_t c) const noexcept {
  const auto value = element(n);
  const char separator = reader_ != nullptr ? reader_->delimiters_.component : ':';
  // A loop, not find: composites are a few characters.
  std::size_t start = 0;
  std::size_t index = 1;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != separator) continue;
    if (index == c) return value.substr(start, i - start);
    ++index;
    start = i + 1;
  }
  return index == c ? value.substr(start) : std::string_view{};
}

std::string Segment::field(std::size_t n) const {
  std::string text = in_transaction_ && reader_ != nullptr ? reader_->envelope_.transaction : std::string("interchange");
  text.append(" segment ").append(std::to_string(position_)).append(" ").append(id());
  if (n > 0) text.append(two_digits(n));
  return text;
}

std::string Segment::field(std::size_t n, std::size_t c) const { return field(n) + "-" + std::to_string(c); }

void Segment::fail(std::size_t n, std::string_view value, std::string problem, std::string allowed) const {
  throw ValidationError(field(n), echo(value), std::move(problem), std::move(allowed));
}

void Segment::require(std::size_t n) const {
  if (!has(n)) fail(n, "", "is missing", "a value: the guide requires it");
}

std::string_view Segment::code(std::size_t n, std::initializer_list<std::string_view> allowed) const {
  const auto value = element(n);
  for (auto a : allowed)
    if (same_code(value, a)) return value;
  std::string list;
  for (auto a : allowed) list.append(list.empty() ? "" : ", ").append(a.empty() ? "(empty)" : a);
  fail(n, value, value.empty() ? "is missing" : "is not a code this transaction takes here", list);
}

std::string_view Segment::text(std::size_t n, std::size_t max_chars, bool required) const {
  const auto value = element(n);
  if (value.empty()) {
    if (required) require(n);
    return value;
  }
  if (value.size() > max_chars)
    fail(n, "", "is " + std::to_string(value.size()) + " characters long",
         "at most " + std::to_string(max_chars) + " (the guide's maximum length)");
  return value;
}

Money Segment::amount(std::size_t n) const {
  require(n);
  const auto value = element(n);
  std::int64_t cents = 0;
  if (!amount_cents(value, cents))
    fail(n, value, "is not an amount",
         "an amount in dollars: an optional minus, at most 18 digits and at most two decimals (12.30)");
  return Money::from_cents(cents);
}

std::optional<Money> Segment::optional_amount(std::size_t n) const {
  if (!has(n)) return std::nullopt;
  return amount(n);
}

std::int64_t Segment::count(std::size_t n, std::int64_t min, std::int64_t max) const {
  require(n);
  const auto value = element(n);
  auto allowed = [&] { return "a whole number " + std::to_string(min) + ".." + std::to_string(max); };
  if (!all_digits(value) || value.size() > 15) fail(n, value, "is not a whole number", allowed());
  std::int64_t result = 0;
  for (char c : value) result = result * 10 + (c - '0');
  if (result < min || result > max) fail(n, value, "is out of range", allowed());
  return result;
}

Rate Segment::fraction(std::size_t n) const {
  require(n);
  const auto value = element(n);
  const char* allowed = "a decimal fraction from 0 to 1 (0.2 is 20%), at most 10 digits";
  const auto dot = value.find('.');
  std::string_view whole = value.substr(0, dot);
  std::string_view decimals = dot == std::string_view::npos ? std::string_view{} : value.substr(dot + 1);
  const bool digits_only = std::all_of(whole.begin(), whole.end(), is_digit) &&
                           std::all_of(decimals.begin(), decimals.end(), is_digit);
  if (!digits_only || (whole.empty() && decimals.empty()) || (dot != std::string_view::npos && decimals.empty()) ||
      whole.size() + decimals.size() > 10)
    fail(n, value, "is not a decimal fraction", allowed);
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;
  for (char c : whole) numerator = numerator * 10 + (c - '0');
  for (char c : decimals) {
    numerator = numerator * 10 + (c - '0');
    denominator *= 10;
  }
  if (numerator > denominator) fail(n, value, "is more than 1 (100%)", allowed);
  return Rate::fraction(numerator, denominator, field(n));
}

Date Segment::date(std::size_t n, bool identifying) const {
  require(n);
  const auto value = element(n);
  const auto shown = identifying ? std::string_view{} : value;
  if (value.size() != 8 || !all_digits(value)) fail(n, shown, "is not a date", "a date CCYYMMDD, e.g. 20260302");
  auto number = [&](std::size_t at, std::size_t len) {
    int out = 0;
    for (std::size_t i = at; i < at + len; ++i) out = out * 10 + (value[i] - '0');
    return out;
  };
  const int year = number(0, 4);
  const int month = number(4, 2);
  const int day = number(6, 2);
  if (year < first_year || year > last_year)
    fail(n, shown, "is outside the years iop reads", "1900-01-01..2100-12-31");
  // The Gregorian calendar's month lengths, checked here so that a valid date costs no exception or message.
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1] + (month == 2 && leap ? 1 : 0))
    fail(n, shown, "is not a date that exists", "a real calendar date CCYYMMDD");
  return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), static_cast<unsigned short>(day));
}

std::pair<Date, Date> Segment::date_range(std::size_t n) const {
  require(n);
  const auto value = element(n);
  if (value.size() == 8) {
    const auto d = date(n);
    return {d, d};
  }
  if (value.size() != 17 || value[8] != '-') fail(n, value, "is not a date range", "CCYYMMDD-CCYYMMDD");
  // Read each half through a copy of this segment whose element n is that half.
  Segment half = *this;
  half.elements_[n] = value.substr(0, 8);
  const auto first = half.date(n);
  half.elements_[n] = value.substr(9);
  const auto last = half.date(n);
  if (last < first) fail(n, value, "ends before it starts", "CCYYMMDD-CCYYMMDD with the first date not after the last");
  return {first, last};
}

}  // namespace iop::x12
