#pragma once
/// @file
/// @brief Sessions as columns: the one table layout of a calendar, for one patient or a cohort.
///
/// Data frames of sessions come from these columns, built here in C++ so that
/// one patient's calendar and a cohort's batch rows give the same columns with
/// the same types: the plan (its index in the cohort; 0 for one calendar), the
/// local date, the program week, the kind, the start and end instants in UTC
/// nanoseconds (the zone column says where they are local), the minutes, the
/// attendance status, the local wall times of the start and end (what a clock
/// in the session's zone shows, as nanoseconds since 1970-01-01T00:00 with no
/// zone, so a frame can group by local hour whatever zones it holds), and the
/// program, track and zone as indices into name lists. Instants are computed with iop's own zone rules, exactly as
/// `build_calendar` places each session (a local start in a daylight-saving gap
/// or overlap is read with the offset in force after the change).
///
/// Safe to call from several threads on shared inputs.
///
/// @code
/// auto columns = iop::session_columns(calendar);
/// columns.start[0];            // nanoseconds since 1970-01-01T00:00Z
/// columns.tracks[columns.track[0]];   // "evening"
/// @endcode

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "iop/calendar/batch.hpp"
#include "iop/calendar/session_calendar.hpp"

namespace iop {

/// @brief One row per session.
struct SessionColumns {
  std::vector<std::int32_t> plan;     ///< plan index (0 for one calendar)
  std::vector<std::int32_t> date;     ///< local date, days since 1970-01-01
  std::vector<std::int16_t> week;     ///< program week, 0-based
  std::vector<std::uint8_t> kind;     ///< `SessionKind` as a number
  std::vector<std::int64_t> start;    ///< start instant, nanoseconds since 1970-01-01T00:00Z
  std::vector<std::int64_t> end;      ///< end instant, nanoseconds since 1970-01-01T00:00Z
  std::vector<std::int64_t> local_start;  ///< wall time of the start in its zone, nanoseconds since 1970-01-01T00:00
  std::vector<std::int64_t> local_end;    ///< wall time of the end in its zone (after a change of offset, if any)
  std::vector<std::int16_t> minutes;  ///< length in minutes
  std::vector<std::uint8_t> status;   ///< `AttendanceStatus` as a number
  std::vector<std::int32_t> program;  ///< index into `programs`
  std::vector<std::int32_t> track;    ///< index into `tracks`
  std::vector<std::int32_t> zone;     ///< index into `zones`
  std::vector<std::string> programs;  ///< program ids, in order of first use
  std::vector<std::string> tracks;    ///< track names, in order of first use
  std::vector<std::string> zones;     ///< IANA zone names, in order of first use
  /// Number of rows.
  [[nodiscard]] std::size_t size() const noexcept { return date.size(); }
};

/// @brief The sessions of one calendar as columns.
[[nodiscard]] SessionColumns session_columns(const SessionCalendar& calendar);

/// @brief The batch rows of @p plans as columns (every status `scheduled`).
[[nodiscard]] SessionColumns session_columns(const BatchSessions& rows, const BatchPlans& plans,
                                             std::span<const ProgramTemplate* const> programs);

}  // namespace iop
