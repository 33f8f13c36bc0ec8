// calendar.build.

#include "declared.hpp"
#include "api/operations.hpp"
#include "api/case.hpp"
#include "iop/billing/coverage.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/io/calendar_export.hpp"
#include "iop/io/text_reports.hpp"
#include "calendar/session_calendar_json.hpp"

namespace iop::api::detail {
namespace {

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
  if (format == "text") return content_response(format, to_text(calendar));
  if (format == "fhir") return result_response(format, calendar_to_fhir(calendar));
  // About 750 bytes a session (examples/plan.json: 21 KB for 24).
  return Reply::written(format, 2048 + 800 * calendar.sessions.size(),
                        [&](auto& out) { iop::detail::write_calendar(out, calendar); });
}

}  // namespace iop::api::detail
