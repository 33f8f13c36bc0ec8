#include "commands.hpp"

#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "input.hpp"
#include "iop/billing/estimate.hpp"
#include "iop/billing/good_faith_estimate.hpp"
#include "iop/billing/sliding_scale.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/clinical/recommendation.hpp"
#include "iop/io/calendar_export.hpp"
#include "iop/io/fhir.hpp"
#include "iop/parity/report.hpp"
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

namespace {

// The parts of a case document shared by `estimate` and `gfe`.
struct Case {
  TreatmentPlan plan;
  ProgramTemplate program;
  HolidayCalendar holidays = HolidayCalendar::us_federal();
  HolidayPolicy policy = HolidayPolicy::skip;
  FeeSchedule fees;
  std::vector<CalendarEvent> events;
};

Case read_case(const JsonReader& root) {
  Case c;
  c.plan = plan_from_json(root.at("plan").json(), "case.plan");
  c.program = root.find("program") ? program_from_json(root.at("program").json(), "case.program")
                                   : find_program(c.plan.program_id, "case.plan.program");
  if (auto v = root.find("holidays")) c.holidays = holiday_calendar_from_json(v->json(), "case.holidays");
  if (auto v = root.find("holiday_policy")) c.policy = parse_holiday_policy(v->as_string(), v->path());
  if (auto v = root.find("events")) c.events = events_from_json(v->json(), "case.events");
  if (auto v = root.find("fee_schedule")) {
    c.fees = fee_schedule_from_json(v->json(), "case.fee_schedule");
  } else if (c.program.default_per_diem) {
    c.fees = FeeSchedule::per_diem_schedule(c.program.id + " default per diem", *c.program.default_per_diem);
    c.fees.source = "the program's default per diem";
  } else {
    throw ValidationError("case.fee_schedule", "", "is missing", "a fee schedule (the program has no default per diem)");
  }
  if (auto v = root.find("sliding_scale")) {
    v->expect_only({"household_income", "household_size", "year", "state", "tiers"});
    SlidingScale scale;
    const auto tiers = v->at("tiers");
    for (std::size_t i = 0; i < tiers.array_size(); ++i) {
      const auto t = tiers.at(i);
      t.expect_only({"up_to", "discount", "name"});
      SlidingScaleTier tier{std::nullopt, t.at("discount").as_rate(), t.at("name").as_string()};
      if (auto u = t.find("up_to")) tier.up_to = u->as_rate();
      scale.tiers.push_back(std::move(tier));
    }
    const auto area = poverty_area_for_state(v->find("state") ? v->at("state").as_string() : "");
    const auto share = income_share_of_poverty(v->at("household_income").as_money(),
                                               static_cast<int>(v->at("year").as_int(2023, 2100)),
                                               static_cast<int>(v->at("household_size").as_int(1, 20)), area);
    c.fees = scale.apply(c.fees, share);
  }
  return c;
}

}  // namespace

std::string estimate_command(const std::string& input, const std::string& format) {
  const auto document = read_json_input(input);
  const JsonReader root(document, "case");
  root.expect_only({"plan", "program", "coverage", "fee_schedule", "holidays", "holiday_policy", "events", "sliding_scale",
                    "scenario", "monte_carlo", "basis"});
  const auto c = read_case(root);
  const auto coverage = coverage_from_json(root.at("coverage").json(), "case.coverage");
  const auto calendar = build_calendar(c.plan, c.program, c.holidays, c.policy, c.events);
  ChargeBasis basis = ChargeBasis::scheduled;
  if (auto v = root.find("basis")) {
    const auto text = v->as_string();
    if (text == "attended") basis = ChargeBasis::attended;
    else if (text != "scheduled")
      throw NotFoundError(v->path(), iop::quoted(text), "is not a charge basis", "scheduled, attended");
  }
  CostEstimate estimate;
  if (auto s = root.find("scenario")) {
    s->expect_only({"attendance", "discharge_after_weeks", "extension_weeks", "note"});
    Scenario scenario;
    if (auto v = s->find("attendance")) scenario.attendance = v->as_rate();
    if (auto v = s->find("discharge_after_weeks")) scenario.discharge_after_weeks = static_cast<int>(v->as_int(1, 104));
    if (auto v = s->find("extension_weeks")) scenario.extension_weeks = static_cast<int>(v->as_int(0, 26));
    if (auto v = s->find("note")) scenario.note = v->as_string();
    estimate = estimate_scenario(c.plan, c.program, c.holidays, c.policy, c.fees, coverage, scenario);
  } else {
    estimate = estimate_cost(calendar, c.program, c.fees, coverage, basis, is_substance_use(c.plan.primary_diagnosis));
  }
  std::optional<MonteCarloResult> simulation;
  if (auto m = root.find("monte_carlo")) {
    m->expect_only({"runs", "seed", "attendance", "min_weeks", "max_weeks"});
    MonteCarloOptions options;
    if (auto v = m->find("runs")) options.runs = static_cast<int>(v->as_int(1, 100000));
    if (auto v = m->find("seed")) options.seed = static_cast<std::uint64_t>(v->as_int(0, INT64_MAX));
    if (auto v = m->find("attendance")) options.attendance = v->as_rate();
    if (auto v = m->find("min_weeks")) options.min_weeks = static_cast<int>(v->as_int(1, 104));
    if (auto v = m->find("max_weeks")) options.max_weeks = static_cast<int>(v->as_int(1, 104));
    simulation = simulate_costs(c.plan, c.program, c.holidays, c.policy, c.fees, coverage, options);
  }
  if (format == "json") {
    auto out = to_json(estimate);
    out["fee_schedule"] = to_json(c.fees);
    if (simulation) out["monte_carlo"] = to_json(*simulation);
    return out.dump(2) + "\n";
  }
  if (format == "csv") {
    std::string csv = "date,session,code,units,charge,allowed,covered,deductible,copay,coinsurance,patient,plan,rules\r\n";
    for (const auto& line : estimate.lines) {
      std::string rules = line.charge.rule;
      for (const auto& r : line.rules) rules += "; " + r;
      std::string quoted_rules = "\"";
      for (char ch : rules) quoted_rules += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      quoted_rules += "\"";
      csv += to_iso_string(line.charge.date) + "," + line.charge.session_uid + "," + line.charge.code + "," +
             std::to_string(line.charge.units) + "," + line.charge.charge.to_plain_string() + "," +
             line.allowed.to_plain_string() + "," + (line.covered ? "true" : "false") + "," +
             line.deductible.to_plain_string() + "," + line.copay.to_plain_string() + "," +
             line.coinsurance.to_plain_string() + "," + line.patient.to_plain_string() + "," + line.plan.to_plain_string() +
             "," + quoted_rules + "\r\n";
    }
    return csv;
  }
  std::ostringstream text;
  text << "Estimate for plan " << c.plan.id << ": " << c.program.name << ", " << estimate.lines.size() << " lines ("
       << c.fees.id << ")\n"
       << "  charges " << estimate.charges.to_string() << ", allowed " << estimate.allowed.to_string() << ", plan pays "
       << estimate.plan.to_string() << ", patient pays " << estimate.patient.to_string()
       << (estimate.self_pay ? " (self-pay)" : "") << "\n";
  for (const auto& w : estimate.warnings) text << "  warning: " << w << "\n";
  text << "By month:\n";
  for (const auto& m : estimate.months)
    text << "  " << m.period << ": " << m.days << " days, charges " << m.charges.to_string() << ", patient "
         << m.patient.to_string() << "\n";
  if (simulation)
    text << "Monte Carlo (" << simulation->runs << " runs, seed " << simulation->seed << "): patient P10/P50/P90 "
         << simulation->patient_p10.to_string() << " / " << simulation->patient_p50.to_string() << " / "
         << simulation->patient_p90.to_string() << "; charges " << simulation->charges_p10.to_string() << " / "
         << simulation->charges_p50.to_string() << " / " << simulation->charges_p90.to_string() << "\n";
  return text.str();
}

std::string gfe_command(const std::string& input, const std::string& format) {
  const auto document = read_json_input(input);
  const JsonReader root(document, "case");
  root.expect_only({"plan", "program", "fee_schedule", "holidays", "holiday_policy", "events", "sliding_scale", "patient",
                    "provider", "scheduled_on", "on_request", "issued_on", "separately_scheduled"});
  const auto c = read_case(root);
  GfeRequest request;
  const auto patient = root.at("patient");
  patient.expect_only({"name", "date_of_birth"});
  request.patient_name = patient.at("name").as_string();
  request.patient_birth_date = patient.at("date_of_birth").as_date();
  request.diagnosis_codes.push_back(c.plan.primary_diagnosis.str());
  for (const auto& code : c.plan.secondary_diagnoses) request.diagnosis_codes.push_back(code.str());
  const auto provider = root.at("provider");
  provider.expect_only({"name", "npi", "tin", "locations"});
  request.provider.name = provider.at("name").as_string();
  request.provider.npi = provider.at("npi").as_string();
  request.provider.tin = provider.at("tin").as_string();
  const auto locations = provider.at("locations");
  for (std::size_t i = 0; i < locations.array_size(); ++i) {
    const auto l = locations.at(i);
    l.expect_only({"address", "state"});
    request.provider.locations.push_back({l.at("address").as_string(), l.at("state").as_string()});
  }
  request.scheduled_on = root.at("scheduled_on").as_date();
  if (auto v = root.find("on_request")) request.on_request = v->as_bool();
  request.issued_on = root.find("issued_on") ? root.at("issued_on").as_date() : request.scheduled_on;
  if (auto v = root.find("separately_scheduled"))
    for (std::size_t i = 0; i < v->array_size(); ++i) request.separately_scheduled.push_back(v->at(i).as_string());
  const auto calendar = build_calendar(c.plan, c.program, c.holidays, c.policy, c.events);
  const auto estimates = make_good_faith_estimates(request, calendar, c.fees, c.holidays);
  if (format == "html") {
    std::string html;
    for (const auto& g : estimates) html += to_html(g);
    return html;
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& g : estimates) out.push_back(to_json(g));
  return out.dump(2) + "\n";
}

std::string parity_command(const std::string& input, const std::string& format) {
  const auto report = parity::analyse(parity::benefit_design_from_json(read_json_input(input)));
  if (format == "json") return parity::to_json(report).dump(2) + "\n";
  return parity::to_text(report);
}

}  // namespace iop::cli
