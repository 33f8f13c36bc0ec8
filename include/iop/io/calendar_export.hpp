#pragma once
/// @file
/// @brief A session calendar as iCalendar (RFC 5545), FHIR R4 Appointments, or CSV.
///
/// **iCalendar**: one VCALENDAR (PRODID, VERSION 2.0, CALSCALE GREGORIAN) with
/// a VTIMEZONE for each zone used (its IANA history in force during the
/// sessions' years: each run of changes that follow one yearly rule as an
/// RRULE, bounded by UNTIL unless it runs on, and each irregular change as its
/// own observance) and one VEVENT per session: a stable UID,
/// DTSTAMP, DTSTART and DTEND in local time with TZID, SUMMARY, LOCATION (the
/// site, or the telehealth note), DESCRIPTION (blocks and codes, attendance),
/// STATUS (CANCELLED when the clinic cancelled) and CATEGORIES. Lines end in
/// CRLF and are folded at 75 octets (RFC 5545 section 3.1), never inside a
/// UTF-8 character; TEXT values are escaped (section 3.3.11).
///
/// **FHIR R4**: a `collection` Bundle with one Schedule per track used, one
/// Slot and one Appointment per session (status booked, fulfilled, noshow or
/// cancelled from the attendance), instants with their UTC offset.
///
/// **CSV**: one row per session with local and UTC times, minutes, status,
/// blocks and codes (RFC 4180 quoting).
///
/// Every writer is deterministic: the same calendar (and stamp) gives the same bytes.
///
/// @code
/// std::string ics = iop::to_icalendar(calendar);
/// nlohmann::json appointments = iop::calendar_to_fhir(calendar);
/// std::string csv = iop::to_csv(calendar);
/// @endcode

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "iop/calendar/session_calendar.hpp"

namespace iop {

/// @brief The iCalendar text of a calendar.
/// @param calendar the calendar
/// @param stamp DTSTAMP in UTC; by default the calendar's start date at 00:00:00Z,
///        so that the same calendar always gives the same bytes
[[nodiscard]] std::string to_icalendar(const SessionCalendar& calendar, std::optional<DateTime> stamp = std::nullopt);

/// @brief Folds one content line at 75 octets with CRLF and a leading space (RFC 5545 3.1).
[[nodiscard]] std::string fold_content_line(std::string_view line);
/// @brief Escapes a TEXT value: backslash, semicolon, comma and newline (RFC 5545 3.3.11).
///
/// CRLF and a lone CR become `\n` like LF, so no value can end its content line and
/// start a property of its own; other control characters, which TEXT cannot hold,
/// become U+FFFD (the loaders refuse them in the first place). Every TEXT property
/// and the UID of `to_icalendar` go through it.
[[nodiscard]] std::string escape_ical_text(std::string_view text);

/// @brief The FHIR R4 Bundle of Schedules, Slots and Appointments of a calendar.
[[nodiscard]] nlohmann::json calendar_to_fhir(const SessionCalendar& calendar);

/// @brief The CSV of a calendar, one row per session, with a header row.
[[nodiscard]] std::string to_csv(const SessionCalendar& calendar);

}  // namespace iop
