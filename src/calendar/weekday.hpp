#pragma once
/// @file
/// @brief A date's weekday from its day number (internal).

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include "iop/core/date.hpp"

namespace iop::detail {

/// The weekday of @p day (Boost's numbering: Sunday 0 .. Saturday 6), from its day number, a Julian Day
/// Number, whose day 0 was a Monday. Boost's own `day_of_week` works out year, month and day first; a
/// calendar asks this of every day of a course. @p day is a calendar date (not a special one).
[[nodiscard]] inline boost::date_time::weekdays weekday_of(const Date& day) {
  return static_cast<boost::date_time::weekdays>((day.day_number() + 1) % 7);
}

}  // namespace iop::detail
