#pragma once
/// @file
/// @brief Calendars for many plans at once, as flat columns (for analysts and benchmarks).
///
/// `build_calendars_batch` applies the same rules as `build_calendar` (weekday
/// pattern, tapering, holiday policy, separate sessions placed by frequency)
/// to many plans given as arrays, and returns one row per session in columns.
/// It skips what a cohort analysis does not need (blocks, zoned instants,
/// events), so it runs at millions of plans a second; the tests check that
/// its rows equal `build_calendar`'s sessions.
///
/// @code
/// iop::BatchPlans plans{starts, weeks, days, tracks, programs};
/// auto rows = iop::build_calendars_batch(plans, {&program}, iop::HolidayCalendar::us_federal());
/// rows.size();   // sessions in all plans
/// @endcode

#include <cstdint>
#include <span>
#include <vector>

#include "iop/calendar/holiday_calendar.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/plan/program.hpp"

namespace iop {

/// @brief The plans, one element per plan in each array (all the same length).
///
/// The columns are 64-bit so that a caller's integers reach the kernel as given:
/// every value is range-checked here (weeks and days against the program, track
/// and program indices against the lists, the start against the holiday
/// calendar's years), never narrowed on the way in.
struct BatchPlans {
  std::span<const std::int64_t> start_days;     ///< start date as days since 1970-01-01
  std::span<const std::int64_t> weeks;          ///< planned weeks
  std::span<const std::int64_t> days_per_week;  ///< days a week (pattern by `default_weekdays`)
  std::span<const std::int64_t> track;          ///< index into the program's tracks
  std::span<const std::int64_t> program;        ///< index into the program list
};

/// @brief One row per session, in plan order then date order.
struct BatchSessions {
  std::vector<std::int32_t> plan;         ///< index of the plan
  std::vector<std::int32_t> date;         ///< local date as days since 1970-01-01
  std::vector<std::int16_t> local_start;  ///< local start, minutes after midnight
  std::vector<std::int16_t> minutes;      ///< length in minutes
  std::vector<std::uint8_t> kind;         ///< `SessionKind` as a number (0 program day, 1 individual, 2 medication)
  /// Number of rows.
  [[nodiscard]] std::size_t size() const noexcept { return plan.size(); }
  /// Reserves room for @p rows rows.
  void reserve(std::size_t rows);
};

/// @brief Builds the calendars of all plans.
///
/// Every plan is checked before any row is built. The plans are shared among @p threads threads
/// (0: one per hardware thread); the rows are the same whatever their number.
/// @throws ValidationError naming `plans[i].<field>` for a plan outside its
///         program's bounds, an unknown track or program index, or dates outside 1971-2100.
[[nodiscard]] BatchSessions build_calendars_batch(const BatchPlans& plans,
                                                  std::span<const ProgramTemplate* const> programs,
                                                  const HolidayCalendar& holidays,
                                                  HolidayPolicy policy = HolidayPolicy::skip, unsigned threads = 1);

/// @brief Each plan's program days and where its rows go: what `layout_calendars_batch` finds and
///        `write_calendars_batch` writes from.
struct BatchCalendarLayout {
  std::vector<std::size_t> first_row;      ///< plan i's sessions are rows first_row[i] .. first_row[i + 1] - 1
  std::vector<std::size_t> first_word;     ///< plan i's program days are words first_word[i] .. first_word[i + 1] - 1
  std::vector<std::uint64_t> program_days; ///< day k of plan i's course is a program day when its bit k is set
  /// Number of rows.
  [[nodiscard]] std::size_t rows() const noexcept { return first_row.empty() ? 0 : first_row.back(); }
};

/// @brief Columns of rows the caller owns (a Python package's numpy arrays), written by `write_calendars_batch`.
///
/// Dates and local starts are 64-bit, as numpy's `datetime64[D]` and `datetime64[m]` hold them.
struct BatchSessionColumns {
  std::span<std::int32_t> plan;         ///< index of the plan
  std::span<std::int64_t> date;         ///< local date as days since 1970-01-01
  std::span<std::int64_t> local_start;  ///< local wall time of the start as minutes since 1970-01-01T00:00
  std::span<std::int16_t> minutes;      ///< length in minutes
  std::span<std::uint8_t> kind;         ///< `SessionKind` as a number
};

/// @brief Checks every plan as `build_calendars_batch` does, lays out its program days and counts its rows
///        (the first of two passes: the caller then allocates the columns once, at their size, and writes them).
/// @throws ValidationError as `build_calendars_batch`.
[[nodiscard]] BatchCalendarLayout layout_calendars_batch(const BatchPlans& plans,
                                                         std::span<const ProgramTemplate* const> programs,
                                                         const HolidayCalendar& holidays,
                                                         HolidayPolicy policy = HolidayPolicy::skip,
                                                         unsigned threads = 1);

/// @brief Writes the rows of `build_calendars_batch` into @p columns, `layout.rows()` rows each, for the
///        plans and programs @p layout was made from.
/// @throws ValidationError naming `columns` when a column's length is not the layout's.
void write_calendars_batch(const BatchCalendarLayout& layout, const BatchPlans& plans,
                           std::span<const ProgramTemplate* const> programs, const BatchSessionColumns& columns,
                           unsigned threads = 1);

}  // namespace iop
