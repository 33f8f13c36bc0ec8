#pragma once
// Dates, times, offsets and amounts appended to a string as iop writes them
// everywhere (to_iso_string, format_utc_offset, Money::to_plain_string), for
// writers that fill one buffer and should not build a string per field.

#include <chrono>
#include <string>

#include "iop/core/date.hpp"
#include "iop/core/money.hpp"
#include "iop/core/zoned_time.hpp"

namespace iop::detail {

/// `2026-01-05`; throws ValidationError for a special date, as to_iso_string does.
void append_iso_date(std::string& out, const Date& date);
/// `2026-01-05T09:00:00`.
void append_iso_date_time(std::string& out, const DateTime& date_time);
/// `-05:00`, `+00:00`.
void append_utc_offset(std::string& out, std::chrono::minutes offset);
/// `1234.56`, `-0.50`: Money::to_plain_string.
void append_plain_money(std::string& out, const Money& amount);

}  // namespace iop::detail
