#pragma once
/// @file
/// @brief `SessionCalendar`: every session of a plan, derived from plan + program + holidays + events.
///
/// A calendar is never edited: it is *derived*. `build_calendar` takes the
/// treatment plan, its program, a holiday calendar, a holiday policy and the
/// events recorded so far (attendance, reschedules, changes of track or days
/// from a date on, discharge, extension) and returns the sessions. Recording
/// an event means adding it to the list and deriving again, so the result is
/// exact and the history is kept as data.
///
/// **Weeks** are program weeks: week 0 is the 7 days from the start date.
///
/// **Weekday pattern**: the plan's explicit weekdays, or for N days a week
/// the rule 1: Wednesday; 2: Tuesday, Thursday; 3: Monday, Wednesday, Friday;
/// 4: Monday, Tuesday, Thursday, Friday; 5: Monday to Friday; 6: Monday to
/// Saturday; 7: every day (rest days spread through the week). Tapered weeks
/// (the last `final_weeks` of the plan's or the program's taper) use the rule
/// for the tapered number of days.
///
/// **Holiday policy** for a pattern day the holiday calendar closes:
/// - `skip`: no session; the gap names the holiday;
/// - `make_up_same_week`: the session moves to the first open weekday later in
///   the same program week without a session, or failing that the latest
///   earlier one; if the week has none, it is skipped;
/// - `extend`: no session that day, and one more session is added after the
///   planned end (following the last week's pattern) so the course keeps its
///   session count.
///
/// **Phases**: a program with phases (an assessment week, core weeks, ...)
/// gives each program day the blocks of its week's phase, and names the phase
/// on the session and on the week (see `ProgramTemplate::phase_of_week`).
///
/// **Individual therapy and medication management** of the program (its
/// frequencies, e.g. 1 every 2 weeks) are separate sessions placed right after
/// the program day on the first program days of each period.
///
/// @code
/// auto cal = iop::build_calendar(plan, program, iop::HolidayCalendar::us_federal(),
///                                iop::HolidayPolicy::make_up_same_week);
/// for (const auto& s : cal.sessions) std::cout << s.start.to_string() << '\n';
/// auto weeks = iop::weekly_hours(cal);   // scheduled and attended hours, bounds, causes
/// @endcode

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/calendar/holiday_calendar.hpp"
#include "iop/clinical/level_of_care.hpp"
#include "iop/clinical/modality.hpp"
#include "iop/core/time_of_day.hpp"
#include "iop/core/zoned_time.hpp"
#include "iop/plan/program.hpp"
#include "iop/plan/treatment_plan.hpp"

namespace iop {

/// @brief What to do with a pattern day the holiday calendar closes.
enum class HolidayPolicy { skip, make_up_same_week, extend };
/// @brief `skip`, `make_up_same_week` or `extend`.
[[nodiscard]] std::string_view to_string(HolidayPolicy policy) noexcept;
/// @brief Parses a holiday policy.
/// @throws NotFoundError naming @p field.
[[nodiscard]] HolidayPolicy parse_holiday_policy(std::string_view text, std::string_view field = "holiday_policy");

/// @brief The kind of a session.
enum class SessionKind {
  program_day,            ///< the program's day of blocks
  individual_therapy,     ///< an individual session placed by the program's frequency
  medication_management,  ///< a medication visit placed by the program's frequency
};
/// @brief `program_day`, `individual_therapy` or `medication_management`.
[[nodiscard]] std::string_view to_string(SessionKind kind) noexcept;
/// @brief Parses a session kind.
/// @throws NotFoundError naming @p field.
[[nodiscard]] SessionKind parse_session_kind(std::string_view text, std::string_view field = "kind");

/// @brief Attendance of one session.
enum class AttendanceStatus {
  scheduled,            ///< nothing recorded yet
  attended,             ///< the patient attended
  missed,               ///< the patient did not attend
  cancelled_by_clinic,  ///< the clinic cancelled it
  made_up,              ///< attended as a make-up session
};
/// @brief `scheduled`, `attended`, `missed`, `cancelled_by_clinic` or `made_up`.
[[nodiscard]] std::string_view to_string(AttendanceStatus status) noexcept;
/// @brief Parses an attendance status.
/// @throws NotFoundError naming @p field.
[[nodiscard]] AttendanceStatus parse_attendance_status(std::string_view text, std::string_view field = "status");
/// @brief Whether the status counts as attended (attended or made up).
[[nodiscard]] constexpr bool counts_as_attended(AttendanceStatus s) noexcept {
  return s == AttendanceStatus::attended || s == AttendanceStatus::made_up;
}

/// @brief One timed block of a session.
struct SessionBlock {
  Modality modality;         ///< what happens
  int offset_minutes;        ///< minutes after the session's start
  int minutes;               ///< how long
  std::string billing_code;  ///< CPT/HCPCS
  /// Equal when every member is.
  friend bool operator==(const SessionBlock&, const SessionBlock&) = default;
};

/// @brief One session: when, where, what, and what happened.
struct Session {
  std::string uid;              ///< stable identifier: plan, kind and original date
  SessionKind kind;             ///< program day or a separate session
  Date date;                    ///< the local date it happens
  Date original_date;           ///< the date the pattern gave it (differs when moved)
  int week;                     ///< program week, 0-based
  std::string track;            ///< the track it belongs to
  ZonedTime start;              ///< local start, zone and UTC instant
  ZonedTime end;                ///< local end, zone and UTC instant
  std::vector<SessionBlock> blocks;  ///< the blocks (one for a separate session)
  AttendanceStatus status = AttendanceStatus::scheduled;  ///< attendance
  std::string note;             ///< why it moved or what was recorded
  std::string phase;            ///< the program's phase of a program day (empty without phases)
  bool bill_blocks = false;     ///< the phase bills this day by its blocks' codes instead of a per diem
  /// Total minutes of the blocks.
  [[nodiscard]] int minutes() const noexcept;
};

/// @brief A pattern day without a session, or with its session moved, and why.
struct CalendarGap {
  Date date;                       ///< the pattern day
  int week;                        ///< its program week
  std::vector<Holiday> causes;     ///< the holidays or closures that closed it
  std::string resolution;          ///< `skipped`, `moved to 2026-07-01`, `skipped; course extended`
  /// `2026-07-03 Independence Day (observed; actual 2026-07-04): moved to 2026-07-01`.
  [[nodiscard]] std::string describe() const;
};

/// @brief Something that happened to the calendar; the calendar is re-derived with it.
struct CalendarEvent {
  /// The kinds of event.
  enum class Kind {
    attendance,      ///< record `status` for the session on `date`
    reschedule,      ///< move the session on `date` to `new_date` (and `new_start`)
    change_track,    ///< from `date` on, sessions use `track`
    change_weekdays, ///< from `date` on, the pattern is `weekdays`
    discharge,       ///< no sessions after `date`
    extend,          ///< add `weeks` weeks to the course
    review,          ///< a reminder on `date` (e.g. a payer's concurrent review due); `note` says what is due
  };
  Kind kind = Kind::attendance;                   ///< what happened
  Date date;                                      ///< the session's date, or the effective date
  SessionKind session_kind = SessionKind::program_day;  ///< which session on that date
  AttendanceStatus status = AttendanceStatus::attended; ///< for attendance
  std::optional<Date> new_date;                   ///< for reschedule
  std::optional<TimeOfDay> new_start;             ///< for reschedule (optional)
  std::string track;                              ///< for change_track
  std::vector<boost::date_time::weekdays> weekdays;  ///< for change_weekdays
  int weeks = 0;                                  ///< for extend
  std::string note;                               ///< free text kept with the event
};
/// @brief `attendance`, `reschedule`, `change_track`, `change_weekdays`, `discharge`, `extend` or `review`.
[[nodiscard]] std::string_view to_string(CalendarEvent::Kind kind) noexcept;

/// @brief The derived calendar of one plan.
struct SessionCalendar {
  std::string plan_id;             ///< the plan
  std::string patient_id;          ///< the patient
  std::string program_id;          ///< the program
  std::string program_name;        ///< its display name
  LevelOfCare level_of_care;       ///< for the weekly bounds
  AgeGroup age_group;              ///< for the weekly bounds
  Date start_date;                 ///< first planned day
  Date planned_end;                ///< last day of the last week (after extensions)
  int weeks;                       ///< program weeks covered (after extensions and the extend policy)
  HolidayPolicy holiday_policy;    ///< how closed pattern days were handled
  std::string holiday_calendar;    ///< the holiday calendar's name
  std::optional<Date> discharged_on;  ///< early discharge date, if any
  std::optional<TaperRule> taper;  ///< the taper applied (plan's, else program's)
  int tapered_from_week = -1;      ///< first tapered week, or -1
  std::vector<Session> sessions;   ///< in start order
  std::vector<CalendarGap> gaps;   ///< closed pattern days
  std::vector<CalendarEvent> events;  ///< the history the calendar was derived with
  std::string location;            ///< the site, or the telehealth note
};

/// @brief Derives a plan's calendar.
/// @throws ValidationError / NotFoundError when the plan does not check against
///         the program, or an event names a session that does not exist, a closed
///         day, an unknown track or a bad pattern (`events[i].<field>`).
[[nodiscard]] SessionCalendar build_calendar(const TreatmentPlan& plan, const ProgramTemplate& program,
                                             const HolidayCalendar& holidays, HolidayPolicy policy,
                                             const std::vector<CalendarEvent>& events = {});

/// @brief The default weekday pattern for @p days days a week (see the file comment).
/// @throws ValidationError unless 1..7.
[[nodiscard]] std::vector<boost::date_time::weekdays> default_weekdays(int days);

/// @brief One program week's contact hours and its check against the level's bounds.
struct WeekSummary {
  int week;                      ///< 0-based
  Date first_day;                ///< first day of the week
  Date last_day;                 ///< last day of the week
  int sessions;                  ///< sessions scheduled (not cancelled by the clinic)
  int scheduled_minutes;         ///< minutes of those sessions
  int attended_minutes;          ///< minutes attended (attended or made up)
  bool tapered;                  ///< a tapered week
  bool within_bounds;            ///< scheduled minutes within the level's weekly bounds
  std::vector<std::string> causes;  ///< why a week is short: holidays, clinic cancellations, tapering, discharge
  std::string phase;             ///< the program's phase that week (empty without phases)
};

/// @brief The weekly hours of every week of @p calendar, checked against its level's bounds.
[[nodiscard]] std::vector<WeekSummary> weekly_hours(const SessionCalendar& calendar);

/// @brief Totals over a calendar.
struct CalendarTotals {
  int sessions;                  ///< sessions not cancelled by the clinic
  int program_days;              ///< of which program days
  int scheduled_minutes;         ///< their minutes
  int attended_minutes;          ///< minutes attended
  int billable_days;             ///< dates with an attended program day
  int days_with_fewer_than_3_services;  ///< scheduled dates with 1-2 services
  int days_with_3_services;      ///< scheduled dates with exactly 3 services (Medicare's lower per-diem band)
  int days_with_4_or_more_services;     ///< scheduled dates with 4 or more (the higher band)
};

/// @brief Totals of @p calendar. A service is a block of a program day or a separate session.
[[nodiscard]] CalendarTotals calendar_totals(const SessionCalendar& calendar);

/// @brief Reads events: `[{"kind": "attendance", "date": ..., "status": ...}, ...]`.
/// @throws ValidationError / NotFoundError naming `events[i].<field>`.
[[nodiscard]] std::vector<CalendarEvent> events_from_json(const nlohmann::json& document, std::string path = "events");
/// @brief The JSON of events (round-trips through `events_from_json`).
[[nodiscard]] nlohmann::json to_json(const std::vector<CalendarEvent>& events);
/// @brief The JSON of one session (as in a calendar's `sessions`).
[[nodiscard]] nlohmann::json to_json(const Session& session);
/// @brief Reads one session back (round-trips with `to_json`).
/// @throws ValidationError / NotFoundError naming the JSON path.
[[nodiscard]] Session session_from_json(const nlohmann::json& document, std::string path = "session");
/// @brief The JSON of a calendar with its weeks and totals.
[[nodiscard]] nlohmann::json to_json(const SessionCalendar& calendar);
/// @brief The same JSON as compact text, byte for byte `to_compact_json(to_json(calendar))`,
/// written straight from the calendar (several times faster than building the DOM).
[[nodiscard]] std::string to_json_text(const SessionCalendar& calendar);
/// @brief Reads a calendar back from its JSON (round-trips with `to_json`); the derived parts
/// (weekly hours, totals, descriptions) must match the sessions.
/// @throws ValidationError / NotFoundError naming the JSON path.
[[nodiscard]] SessionCalendar session_calendar_from_json(const nlohmann::json& document, std::string path = "calendar");

}  // namespace iop
