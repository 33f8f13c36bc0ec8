#include "iop/core/date.hpp"

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "iop/core/error.hpp"
#include "core/append_text.hpp"

namespace iop {
namespace {

constexpr std::string_view kDateForm = "an ISO 8601 date YYYY-MM-DD from 1400-01-01 to 9999-12-31";

bool two_digits(std::string_view s, std::size_t at, int& out) {
  const char a = s[at];
  const char b = s[at + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return false;
  out = (a - '0') * 10 + (b - '0');
  return true;
}

}  // namespace

Date make_date(int year, int month, int day, std::string_view field) {
  try {
    return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                static_cast<unsigned short>(day));
  } catch (const std::out_of_range&) {
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, day);
    throw ValidationError(std::string(field), iop::quoted(text), "is not a valid calendar date",
                          std::string(kDateForm));
  }
}

Date parse_date(std::string_view text, std::string_view field) {
  auto fail = [&]() {
    return ValidationError(std::string(field), iop::quoted(text), "is not a valid calendar date",
                           std::string(kDateForm));
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') throw fail();
  int century = 0;
  int year_in_century = 0;
  int month = 0;
  int day = 0;
  if (!two_digits(text, 0, century) || !two_digits(text, 2, year_in_century) ||
      !two_digits(text, 5, month) || !two_digits(text, 8, day))
    throw fail();
  const int year = century * 100 + year_in_century;
  if (month < 1 || month > 12 || day < 1 || day > 31) throw fail();
  if (year < first_year || year > last_year)
    throw ValidationError(std::string(field), std::string(text), "is outside the dates iop accepts",
                          std::to_string(first_year) + "-01-01.." + std::to_string(last_year) + "-12-31");
  try {
    return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                static_cast<unsigned short>(day));
  } catch (const std::out_of_range&) {
    throw fail();
  }
}

char* detail::write_iso_date(char* to, const Date& date) {
  if (date.is_special())
    throw ValidationError("date", date.is_not_a_date() ? "not-a-date" : "an infinite date",
                          "is not a calendar date",
                          std::string(kDateForm));
  return write_iso_day_number(to, date.day_number());
}

char* detail::write_iso_day_number(char* to, std::uint32_t day_number) {
  // Written digit by digit from the day number, with Howard Hinnant's civil_from_days
  // (https://howardhinnant.github.io/date_algorithms.html): calendars and estimates format
  // thousands of dates; snprintf, or Boost's own year_month_day, costs several times this.
  // Boost.Date_Time's dates are 1400-01-01..9999-12-31, so every count below is positive.
  const auto z = day_number - 2440588u + 719468u;  // days from 0000-03-01
  const std::uint32_t era = z / 146097;
  const std::uint32_t doe = z - era * 146097;                                         // [0, 146096]
  const std::uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                  // [0, 365]
  const std::uint32_t mp = (5 * doy + 2) / 153;                                       // [0, 11], from March
  const std::uint32_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::uint32_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::uint32_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  *to++ = static_cast<char>('0' + year / 1000);
  *to++ = static_cast<char>('0' + year / 100 % 10);
  *to++ = static_cast<char>('0' + year / 10 % 10);
  *to++ = static_cast<char>('0' + year % 10);
  *to++ = '-';
  *to++ = static_cast<char>('0' + month / 10);
  *to++ = static_cast<char>('0' + month % 10);
  *to++ = '-';
  *to++ = static_cast<char>('0' + day / 10);
  *to++ = static_cast<char>('0' + day % 10);
  return to;
}

void detail::append_iso_date(std::string& out, const Date& date) {
  char text[10];
  out.append(text, write_iso_date(text, date));
}

std::string to_iso_string(const Date& date) {
  std::string out;
  detail::append_iso_date(out, date);
  return out;
}

}  // namespace iop
