#pragma once
// Dates, times, offsets and amounts appended to a string as iop writes them
// everywhere (to_iso_string, format_utc_offset, Money::to_plain_string), for
// writers that fill one buffer and should not build a string per field.

#include <chrono>
#include <cstdint>
#include <string>

#include "iop/core/date.hpp"
#include "iop/core/money.hpp"
#include "iop/core/zoned_time.hpp"

namespace iop::detail {

// Each writes its text at `to` and returns the end; `to` has room for the most it writes.

/// `2026-01-05` (10 bytes); throws ValidationError for a special date, as to_iso_string does.
char* write_iso_date(char* to, const Date& date);
/// The same, of a day by its number (Date::day_number() of a date in Boost's range, 1400..9999).
char* write_iso_day_number(char* to, std::uint32_t day_number);
/// `2026-01-05T09:00:00` (19 bytes).
char* write_iso_date_time(char* to, const DateTime& date_time);
/// `T09:00:00` (9 bytes): the time of day write_iso_date_time writes after the date.
char* write_iso_time_of_day(char* to, const DateTime& date_time);
/// The same, of the @p second of a day (0..86399).
char* write_iso_second_of_day(char* to, int second);
/// `-05:00`, `+00:00` (6 bytes).
char* write_utc_offset(char* to, std::chrono::minutes offset);
/// `1234.56`, `-0.50` (at most 24 bytes): Money::to_plain_string.
char* write_plain_money(char* to, const Money& amount);

/// The same, appended to a string.
void append_iso_date(std::string& out, const Date& date);
void append_iso_date_time(std::string& out, const DateTime& date_time);
void append_utc_offset(std::string& out, std::chrono::minutes offset);
void append_plain_money(std::string& out, const Money& amount);

}  // namespace iop::detail
