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
/// Every date iop reads from text lies in 1900-01-01..2100-12-31 (the
/// `first_year`..`last_year` below): a person's birth date or a service date,
/// with room for any course and its extensions to stay inside Boost's range,
/// so no date arithmetic on an input can leave it. docs/limits.md lists it.
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

/// The first year of the dates iop reads (a birth date in 1900 is still accepted).
inline constexpr int first_year = 1900;
/// The last year of the dates iop reads: the holiday and time-zone rules run to 2100.
inline constexpr int last_year = 2100;

/// @brief Parses an ISO 8601 calendar date, exactly `YYYY-MM-DD`.
/// @param text  the date text
/// @param field the field path used in the error message
/// @throws ValidationError naming @p field and @p text when the text is not of
///         that form or is not a real date (2026-02-30, 2025-02-29, 2026-13-01),
///         or lies outside 1900-01-01..2100-12-31 (`first_year`..`last_year`).
[[nodiscard]] Date parse_date(std::string_view text, std::string_view field = "date");

/// @brief Builds a date from its parts, checking them.
/// @throws ValidationError naming @p field and the parts when they are not a real date.
[[nodiscard]] Date make_date(int year, int month, int day, std::string_view field = "date");

/// @brief `YYYY-MM-DD` text of a date.
/// @throws ValidationError for a special value (not-a-date, infinities), which iop never produces.
[[nodiscard]] std::string to_iso_string(const Date& date);

}  // namespace iop
