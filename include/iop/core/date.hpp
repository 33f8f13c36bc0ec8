#pragma once
/// @file
/// @brief Calendar dates: `boost::gregorian::date`, with strict ISO 8601 text.
///
/// iop's dates are plain calendar dates (no time, no zone), represented by
/// Boost.Date_Time's `boost::gregorian::date`, whose range is 1400-01-01 to
/// 9999-12-31. This header adds what iop needs on top: a strict ISO 8601
/// parser that refuses impossible dates with a message naming the value,
/// and the formatter back.
///
/// @code
/// boost::gregorian::date start = iop::parse_date("2026-01-05", "plan.start_date");
/// std::string text = iop::to_iso_string(start);   // "2026-01-05"
/// iop::parse_date("2026-02-30");                   // throws iop::ValidationError
/// @endcode

#include <string>
#include <string_view>

#include <boost/date_time/gregorian/gregorian_types.hpp>

namespace iop {

/// The calendar date type used throughout iop.
using Date = boost::gregorian::date;

/// @brief Parses an ISO 8601 calendar date, exactly `YYYY-MM-DD`.
/// @param text  the date text
/// @param field the field path used in the error message
/// @throws ValidationError naming @p field and @p text when the text is not of
///         that form or is not a real date (2026-02-30, 2025-02-29, 2026-13-01),
///         or lies outside 1400-01-01..9999-12-31.
[[nodiscard]] Date parse_date(std::string_view text, std::string_view field = "date");

/// @brief Builds a date from its parts, checking them.
/// @throws ValidationError naming @p field and the parts when they are not a real date.
[[nodiscard]] Date make_date(int year, int month, int day, std::string_view field = "date");

/// @brief `YYYY-MM-DD` text of a date.
/// @throws ValidationError for a special value (not-a-date, infinities), which iop never produces.
[[nodiscard]] std::string to_iso_string(const Date& date);

}  // namespace iop
