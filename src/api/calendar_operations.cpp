// calendar.build.

#include <sstream>

#include "declared.hpp"
#include "api/operations.hpp"
#include "api/case.hpp"
#include "iop/billing/coverage.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/io/calendar_export.hpp"
#include "calendar/session_calendar_json.hpp"

namespace iop::api::detail {
namespace {

std::string calendar_text(const SessionCalendar& calendar) {
  std::ostringstream text;
  const auto totals = calendar_totals(calendar);
  text << "Calendar of plan " << calendar.plan_id << ": " << calendar.program_name << ", " << to_iso_string(calendar.start_date)
       << " to " << to_iso_string(calendar.planned_end) << " (" << calendar.weeks << " weeks), holidays: "
       << calendar.holiday_calendar << ", policy " << to_string(calendar.holiday_policy) << "\n";
  for (const auto& s : calendar.sessions) {
    text << "  " << to_iso_string(s.date) << " " << s.start.local().date().day_of_week().as_short_string() << " "
         << s.start.to_string().substr(11, 5) << "-" << s.end.to_string().substr(11, 5) << " "
         << s.start.abbreviation() << "  " << to_string(s.kind) << " (" << s.minutes() << " min) " << to_string(s.status);
    if (!s.note.empty()) text << "  [" << s.note << "]";
    text << "\n";
  }
  for (const auto& g : calendar.gaps) text << "  gap: " << g.describe() << "\n";
  for (const auto& e : calendar.events)
    if (e.kind == CalendarEvent::Kind::review) text << "  " << to_iso_string(e.date) << " review due: " << e.note << "\n";
  text << "Weeks (" << weekly_hours_bounds(calendar.level_of_care, calendar.age_group).describe() << "):\n";
  for (const auto& w : weekly_hours(calendar)) {
    text << "  week " << w.week + 1 << " " << to_iso_string(w.first_day) << (w.phase.empty() ? "" : " (" + w.phase + ")")
         << ": " << format_hours(w.scheduled_minutes)
         << " h scheduled, " << format_hours(w.attended_minutes) << " h attended"
         << (w.within_bounds ? "" : "  OUTSIDE BOUNDS");
    for (const auto& c : w.causes) text << "  [" << c << "]";
    text << "\n";
  }
  text << "Totals: " << totals.sessions << " sessions (" << totals.program_days << " program days), "
       << format_hours(totals.scheduled_minutes) << " h scheduled, " << format_hours(totals.attended_minutes)
       << " h attended, " << totals.billable_days << " billable days; services per day: "
       << totals.days_with_fewer_than_3_services << " under 3, " << totals.days_with_3_services << " with 3, "
       << totals.days_with_4_or_more_services << " with 4 or more\n";
  return text.str();
}

}  // namespace

Reply calendar_build(const JsonReader& request) {
  request.expect_only(decl::api_calendar_build_request::members);
  const auto format = read_format(request, decl::api_calendar_build_request::format);
  auto course = read_course(request);
  // The authorisations' next concurrent reviews appear in the calendar as review events.
  if (auto v = request.find(decl::api_calendar_build_request::authorizations)) {
    Coverage reviews_of;
    reviews_of.authorizations = authorizations_from_json(v->json(), v->path());
    for (auto& e : authorization_reviews(reviews_of)) course.events.push_back(std::move(e));
  }
  const auto calendar = build_calendar(course.plan, course.program, course.holidays, course.policy, course.events);
  if (format == "ics") return content_response(format, to_icalendar(calendar));
  if (format == "csv") return content_response(format, to_csv(calendar));
  if (format == "text") return content_response(format, calendar_text(calendar));
  if (format == "fhir") return result_response(format, calendar_to_fhir(calendar));
  // About 750 bytes a session (examples/plan.json: 21 KB for 24).
  return Reply::written(format, 2048 + 800 * calendar.sessions.size(),
                        [&](auto& out) { iop::detail::write_calendar(out, calendar); });
}

}  // namespace iop::api::detail
