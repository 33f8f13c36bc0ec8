#include "commands.hpp"

#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "input.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/clinical/recommendation.hpp"
#include "iop/io/calendar_export.hpp"
#include "iop/io/fhir.hpp"
#include "iop/plan/program.hpp"
#include "iop/plan/treatment_plan.hpp"

namespace iop::cli {
namespace {

// Hours with one decimal when needed: 540 -> "9", 450 -> "7.5".
std::string hours(int minutes) {
  char text[32];
  if (minutes % 60 == 0) std::snprintf(text, sizeof text, "%d", minutes / 60);
  else std::snprintf(text, sizeof text, "%d.%d", minutes / 60, minutes % 60 * 10 / 60);
  return text;
}

std::string payers(const ProgramTemplate& p) {
  std::string out;
  for (auto payer : {PayerType::commercial, PayerType::medicare, PayerType::medicaid, PayerType::self_pay})
    out += (out.empty() ? "" : ", ") + std::string(to_string(payer)) + " " + std::string(to_string(p.payer_acceptance(payer)));
  return out;
}

}  // namespace

std::string programs_command(const std::string& format) {
  const auto& catalog = program_catalog();
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& p : catalog) out.push_back(to_json(p));
    return out.dump(2) + "\n";
  }
  std::ostringstream text;
  for (const auto& p : catalog) {
    text << p.id << ": " << p.name << "\n"
         << "  " << to_string(p.level_of_care) << " (" << to_string(p.age_group) << "), " << hours(p.minutes_per_day)
         << " h a day, " << p.days_per_week.min << "-" << p.days_per_week.max << " days a week ("
         << hours(p.weekly_minutes(p.days_per_week.min)) << "-" << hours(p.weekly_minutes(p.days_per_week.max))
         << " h), " << p.duration.describe() << " weeks\n  tracks:";
    for (const auto& t : p.tracks) text << " " << t.name << " " << t.start.to_string();
    text << " (" << p.tracks.front().zone.name() << ")\n  delivery:";
    for (const auto& d : p.delivery) {
      text << " " << to_string(d.kind);
      if (d.site) text << " in " << d.site->state;
      for (const auto& s : d.telehealth_states) text << " " << s;
    }
    text << "\n  payers: " << payers(p) << "\n";
    if (p.taper) text << "  taper: last " << p.taper->final_weeks << " weeks at " << p.taper->days_per_week << " days\n";
    if (p.published_monthly_cost)
      text << "  published cost: " << p.published_monthly_cost->low.to_string() << " to "
           << p.published_monthly_cost->high.to_string() << " a month\n";
  }
  return text.str();
}

std::string plan_command(const std::string& input, const std::string& program_input, const std::string& format) {
  const auto document = read_json_input(input);
  const auto plan = plan_from_json(document);
  const ProgramTemplate program =
      program_input.empty() ? find_program(plan.program_id, "plan.program") : program_from_json(read_json_input(program_input));
  const auto check = check_plan(plan, program);
  if (format == "fhir") return plan_to_fhir(plan, program).dump(2) + "\n";
  if (format == "json") return nlohmann::json{{"plan", to_json(plan)}, {"check", to_json(check)}}.dump(2) + "\n";
  std::ostringstream text;
  const auto& track = program.track(plan.track);
  text << "Plan " << plan.id << " for patient " << plan.patient_id << ": valid\n"
       << "  program   " << program.name << " (" << to_string(plan.level_of_care) << ", ASAM "
       << asam_level(plan.level_of_care) << ")\n"
       << "  diagnosis " << plan.primary_diagnosis.str();
  if (auto info = find_condition(plan.primary_diagnosis)) text << " " << info->description;
  text << "\n  course    " << to_iso_string(plan.start_date) << " to " << to_iso_string(check.end_date) << ", "
       << plan.weeks << " weeks" << (check.extended ? " (extended)" : "") << ", " << plan.days_per_week
       << " days a week, " << track.name << " track at " << track.start.to_string() << " " << track.zone.name() << "\n"
       << "  hours     " << hours(check.weekly_minutes) << " h a week ("
       << (check.within_bounds ? "within " : "OUTSIDE ") << check.bounds.describe() << ")\n"
       << "  review    every " << plan.review_every_days << " days\n";
  for (const auto& f : check.findings) text << "  finding   " << f.field << ": " << f.message << "\n";
  return text.str();
}

std::string recommend_command(const std::string& input, const std::string& rules_input, const std::string& format) {
  const auto intake = intake_from_json(read_json_input(input));
  const auto rules = rules_input.empty() ? LevelOfCareRules::defaults()
                                         : LevelOfCareRules::from_json(read_json_input(rules_input));
  const auto r = recommend_level_of_care(intake, rules);
  if (format == "json") return to_json(r).dump(2) + "\n";
  std::ostringstream text;
  text << "Recommended level of care: ";
  if (r.level)
    text << to_string(*r.level) << " (ASAM " << asam_level(*r.level) << ", LOCUS " << locus_level(*r.level) << ")\n";
  else
    text << "none\n";
  text << "Decision support only, not a diagnosis. Rules " << r.rules_version << ".\n";
  for (const auto& reason : r.reasons) {
    text << (reason.decisive ? "  * " : "  - ") << reason.rule_id;
    if (reason.proposes) text << " -> " << to_string(*reason.proposes);
    text << ": " << reason.text << "\n      source: " << reason.source << "\n";
  }
  return text.str();
}

std::string calendar_command(const std::string& input, const std::string& program_input, const std::string& holidays_input,
                             const std::string& events_input, const std::string& policy, const std::string& format) {
  const auto plan = plan_from_json(read_json_input(input));
  const ProgramTemplate program =
      program_input.empty() ? find_program(plan.program_id, "plan.program") : program_from_json(read_json_input(program_input));
  const HolidayCalendar holidays = holidays_input.empty() ? HolidayCalendar::us_federal()
                                                          : holiday_calendar_from_json(read_json_input(holidays_input));
  const auto events = events_input.empty() ? std::vector<CalendarEvent>{} : events_from_json(read_json_input(events_input));
  const auto calendar = build_calendar(plan, program, holidays, parse_holiday_policy(policy, "--holiday-policy"), events);
  if (format == "json") return to_json(calendar).dump(2) + "\n";
  if (format == "ics") return to_icalendar(calendar);
  if (format == "fhir") return calendar_to_fhir(calendar).dump(2) + "\n";
  if (format == "csv") return to_csv(calendar);
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
  text << "Weeks (" << weekly_hours_bounds(calendar.level_of_care, calendar.age_group).describe() << "):\n";
  for (const auto& w : weekly_hours(calendar)) {
    text << "  week " << w.week + 1 << " " << to_iso_string(w.first_day) << ": " << hours(w.scheduled_minutes)
         << " h scheduled, " << hours(w.attended_minutes) << " h attended" << (w.within_bounds ? "" : "  OUTSIDE BOUNDS");
    for (const auto& c : w.causes) text << "  [" << c << "]";
    text << "\n";
  }
  text << "Totals: " << totals.sessions << " sessions (" << totals.program_days << " program days), "
       << hours(totals.scheduled_minutes) << " h scheduled, " << hours(totals.attended_minutes) << " h attended, "
       << totals.billable_days << " billable days; services per day: " << totals.days_with_fewer_than_3_services
       << " under 3, " << totals.days_with_3_services << " with 3, " << totals.days_with_4_or_more_services
       << " with 4 or more\n";
  return text.str();
}

}  // namespace iop::cli
