// demo: the main job on the built-in default data (reference program A).

#include <cctype>
#include <sstream>
#include <string>
#include <vector>

#include "declared.hpp"
#include "api/operations.hpp"

#include "iop/billing/estimate.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/parity/report.hpp"
#include "iop/clinical/recommendation.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/core/zoned_time.hpp"
#include "iop/version.hpp"

namespace iop::api::detail {
namespace {

/// One track of the demo program: a name and its local start time of day.
struct DemoTrack {
  std::string name;
  int start_minutes;  // minutes after local midnight
};

/// What the demo works on. The defaults describe reference program A (a Los
/// Angeles depression IOP); every field can be overridden from JSON.
struct DemoInput {
  std::string program = "Los Angeles depression IOP (reference program A)";
  TimeZone zone = TimeZone::from_name("America/Los_Angeles");
  Date start_date = make_date(2026, 3, 2);
  int hours_per_day = 3;
  int min_days_per_week = 3;
  int max_days_per_week = 5;
  int weeks = 12;
  std::vector<DemoTrack> tracks = {{"morning", 9 * 60}, {"afternoon", 13 * 60}, {"evening", 18 * 60}};
  // Medicare's CY2024 hospital per diem for 3 services (data/medicare-iop-rates.json).
  Money per_diem = *medicare_iop_rate(2024, MedicareSetting::hospital, false).rate;
  Rate coinsurance = Rate::percent(20);
};

using boost::gregorian::days;
using boost::posix_time::minutes;
using nlohmann::json;

// Weekly clinical contact that defines an adult IOP: at least 9 hours (Medicare
// certification, 42 CFR 424.24(d); ASAM level 2.1) and below PHP's 20 hours.
constexpr int kAdultIopMinHours = 9;
constexpr int kAdultIopMaxHours = 19;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Parses "HH:MM" into minutes after midnight.
int parse_time_of_day(const JsonReader& in) {
  const std::string text = in.as_string();
  const bool shaped = text.size() == 5 && text[2] == ':' && is_digit(text[0]) && is_digit(text[1]) &&
                      is_digit(text[3]) && is_digit(text[4]);
  const int hour = shaped ? (text[0] - '0') * 10 + (text[1] - '0') : -1;
  const int minute = shaped ? (text[3] - '0') * 10 + (text[4] - '0') : -1;
  if (!shaped || hour > 23 || minute > 59)
    throw ValidationError(in.path(), iop::quoted(text), "is not a time of day", "HH:MM from 00:00 to 23:59");
  return hour * 60 + minute;
}

// The weekday (Monday..Friday) nearest to `day`, looking in direction `step` (+1 or -1).
Date weekday_from(Date day, int step) {
  while (day.day_of_week() == boost::date_time::Saturday || day.day_of_week() == boost::date_time::Sunday)
    day += days(step);
  return day;
}

json track_times_on(const DemoInput& input, const DemoTrack& track, Date day) {
  const DateTime start(day, minutes(track.start_minutes));
  const ZonedTime begins(start, input.zone, Disambiguation::reject, "tracks." + track.name + ".start");
  const ZonedTime ends = ZonedTime::from_utc(begins.utc() + boost::posix_time::hours(input.hours_per_day), input.zone);
  return json{{"date", to_iso_string(day)}, {"start", begins}, {"end", ends}};
}

// Reads overrides from a JSON object; unknown members and bad values are errors naming their path.
DemoInput read_demo_input(const JsonReader& root) {
  DemoInput input;
  root.expect_only(decl::demo_overrides::members);
  if (auto v = root.find(decl::demo_overrides::program)) input.program = v->as_identifier(decl::demo_overrides::program);
  if (auto v = root.find(decl::demo_overrides::zone)) input.zone = v->as_time_zone();
  if (auto v = root.find(decl::demo_overrides::start_date)) input.start_date = v->as_date();
  if (auto v = root.find(decl::demo_overrides::hours_per_day)) input.hours_per_day = static_cast<int>(v->as_int(decl::demo_overrides::hours_per_day));
  if (auto v = root.find(decl::demo_overrides::days_per_week)) {
    v->expect_only(decl::demo_days_per_week::members);
    input.min_days_per_week = static_cast<int>(v->integer(decl::demo_days_per_week::min));
    input.max_days_per_week = static_cast<int>(v->integer(decl::demo_days_per_week::max));
    if (input.max_days_per_week < input.min_days_per_week)
      throw ValidationError(v->path() + ".max", std::to_string(input.max_days_per_week), "is below min",
                            std::to_string(input.min_days_per_week) + "..7");
  }
  if (auto v = root.find(decl::demo_overrides::weeks)) input.weeks = static_cast<int>(v->as_int(decl::demo_overrides::weeks));
  if (auto v = root.find(decl::demo_overrides::tracks)) {
    input.tracks.clear();
    const auto count = v->array_size(decl::demo_overrides::tracks);
    if (count == 0) throw ValidationError(v->path(), "[]", "has no tracks", "1 or more tracks");
    for (std::size_t i = 0; i < count; ++i) {
      const auto track = v->at(i);
      track.expect_only(decl::demo_track::members);
      input.tracks.push_back({track.identifier(decl::demo_track::name), parse_time_of_day(track.at(decl::demo_track::start))});
    }
  }
  {
    // The course stays inside the time-zone and holiday rules (1971..2100), like a plan's (docs/limits.md).
    const Date last = input.start_date + days(7 * input.weeks - 1);
    if (input.start_date.year() < limits::first_schedule_year || last.year() > TimeZone::last_supported_year)
      throw ValidationError(root.path().empty() ? "start_date" : root.path() + ".start_date", to_iso_string(input.start_date),
                            "puts the course outside the years of the time-zone rules",
                            std::to_string(limits::first_schedule_year) + "-01-01 to a course end by " +
                                std::to_string(TimeZone::last_supported_year) + "-12-31");
  }
  if (auto v = root.find(decl::demo_overrides::per_diem)) {
    input.per_diem = v->as_money(Money(), Money::from_cents(limits::max_amount_cents));
    if (input.per_diem.is_zero()) throw ValidationError(v->path(), "$0.00", "is not a price", "an amount above $0.00");
  }
  if (auto v = root.find(decl::demo_overrides::coinsurance)) {
    input.coinsurance = v->as_rate();
    if (input.coinsurance > Rate::percent(100))
      throw ValidationError(v->path(), input.coinsurance.to_string(), "is more than the whole amount", "0%..100%");
  }
  return input;
}

// Weekly clinical contact against the adult IOP bounds.
json weekly_hours_of(const DemoInput& input) {
  const int low_hours = input.hours_per_day * input.min_days_per_week;
  const int high_hours = input.hours_per_day * input.max_days_per_week;
  return {
      {"min", low_hours},
      {"max", high_hours},
      {"adult_iop_bounds", {kAdultIopMinHours, kAdultIopMaxHours}},
      {"within_adult_iop_bounds", low_hours >= kAdultIopMinHours && high_hours <= kAdultIopMaxHours},
      // Weekly outpatient therapy is one 45-60 minute session: IOP is this many times that contact.
      {"times_weekly_therapy", {low_hours, (high_hours * 60 + 44) / 45}},
  };
}

// Each track on the last weekday before and the first weekday after every
// daylight-saving change inside the program: the wall time stays, UTC moves.
json daylight_saving_changes_of(const DemoInput& input) {
  const Date end = input.start_date + days(7 * input.weeks - 1);
  json changes = json::array();
  for (int year = input.start_date.year(); year <= end.year(); ++year) {
    for (const auto& change : input.zone.transitions(year)) {
      const Date change_day = input.zone.to_local(change.utc).date();
      if (change_day < input.start_date || change_day > end) continue;
      json entry{{"utc", to_iso_string(change.utc) + "Z"},
                 {"local_date", to_iso_string(change_day)},
                 {"offset_before", format_utc_offset(change.offset_before)},
                 {"offset_after", format_utc_offset(change.offset_after)},
                 {"tracks", json::array()}};
      const Date before = weekday_from(change_day - days(1), -1);
      const Date after = weekday_from(change_day + days(1), +1);
      for (const auto& track : input.tracks)
        entry["tracks"].push_back({{"name", track.name},
                                   {"before", track_times_on(input, track, before)},
                                   {"after", track_times_on(input, track, after)}});
      changes.push_back(std::move(entry));
    }
  }
  return changes;
}

// Each track's session on the course's first weekday.
json first_day_of(const DemoInput& input) {
  json first_day = json::array();
  const Date first = weekday_from(input.start_date, +1);
  for (const auto& track : input.tracks)
    first_day.push_back({{"name", track.name}, {"session", track_times_on(input, track, first)}});
  return first_day;
}

// The clinical step: a default intake (PHQ-9 16, GAD-7 12, stepping down from PHP) and its recommendation.
void add_clinical_step(json& report) {
  Intake intake;
  intake.phq9_total = 16;
  intake.gad7_total = 12;
  intake.current_level = LevelOfCare::partial_hospitalization;
  intake.age = 34;
  report["intake"] = to_json(intake);
  report["recommendation"] = to_json(recommend_level_of_care(intake));
}

// The calendar and cost steps, for the default program only: its plan from Monday 2026-06-29, four days a
// week for eight weeks on the evening track, federal holidays skipped, then that calendar at the program's
// default per diem under a commercial plan ($500 deductible, 20% coinsurance, $3,000 out-of-pocket maximum).
void add_calendar_and_cost_steps(const DemoInput& input, json& report) {
  if (input.program.rfind("Los Angeles depression IOP", 0) != 0 || input.zone.name() != "America/Los_Angeles") return;
  TreatmentPlan plan;
  plan.id = "demo";
  plan.patient_id = "demo-patient";
  plan.program_id = "la-depression-iop";
  plan.start_date = make_date(2026, 6, 29);
  plan.weeks = 8;
  plan.days_per_week = 4;
  plan.track = "evening";
  const auto& program = find_program(plan.program_id);
  const auto calendar = build_calendar(plan, program, HolidayCalendar::us_federal(), HolidayPolicy::skip);
  const auto weeks = weekly_hours(calendar);
  json gaps = json::array();
  for (const auto& g : calendar.gaps) gaps.push_back(g.describe());
  Coverage coverage;
  coverage.payer = PayerType::commercial;
  coverage.in_network.deductible_individual = Money::parse("500");
  coverage.in_network.coinsurance = Rate::percent(20);
  coverage.in_network.oop_individual = Money::parse("3000");
  const auto estimate = estimate_cost(calendar, program, FeeSchedule::per_diem_schedule("default", *program.default_per_diem),
                                      coverage);
  report["estimate"] = {{"charges", estimate.charges}, {"plan", estimate.plan}, {"patient", estimate.patient}};
  report["calendar"] = {{"start_date", "2026-06-29"},
                        {"sessions", calendar.sessions.size()},
                        {"gaps", gaps},
                        {"first_week_minutes", weeks.front().scheduled_minutes},
                        {"first_week_within_bounds", weeks.front().within_bounds},
                        {"totals", to_json(calendar)["totals"]}};
}

// The parity step: the worked example of the domain facts (outpatient in-network,
// $50M of M/S payments, $40M with a copay) against a $35 IOP copay.
json parity_step() {
  parity::BenefitDesign design;
  design.plan = "Demo plan";
  design.plan_year_start = make_date(2026, 1, 1);
  parity::ClassificationData data;
  data.key.classification = parity::Classification::outpatient_in_network;
  data.total_payments = Money::from_dollars(50'000'000);
  data.medical_surgical = {{parity::LimitType::copay, 3500, Money::from_dollars(25'000'000)},
                           {parity::LimitType::copay, 2000, Money::from_dollars(15'000'000)},
                           {parity::LimitType::copay, 0, Money::from_dollars(10'000'000)}};
  data.mental_health = {{"Intensive outpatient program", parity::LimitType::copay, 3500}};
  design.classifications.push_back(std::move(data));
  const auto result = parity::analyse(design);
  const auto& test = result.tests.front();
  return {{"subject_share", test.subject_share.to_string()},
          {"predominant", parity::format_level(test.type, *test.predominant)},
          {"iop_copay_passes", test.checks.front().pass},
          {"rule", test.rule}};
}

// Charges at a per diem, charged per attended day; coinsurance is applied
// per claim line (per day), so it is rounded once per day.
json money_of(const DemoInput& input) {
  const std::int64_t low_days = static_cast<std::int64_t>(input.min_days_per_week) * input.weeks;
  const std::int64_t high_days = static_cast<std::int64_t>(input.max_days_per_week) * input.weeks;
  const Money per_day_share = input.per_diem.apply(input.coinsurance);
  return {
      {"per_diem", input.per_diem},
      {"coinsurance", input.coinsurance},
      {"coinsurance_per_day", per_day_share},
      {"days", {low_days, high_days}},
      {"charges", {input.per_diem * low_days, input.per_diem * high_days}},
      {"coinsurance_total", {per_day_share * low_days, per_day_share * high_days}},
  };
}

// The demo's findings as JSON.
json demo_report(const DemoInput& input) {
  json report;
  report["iop_version"] = version_string;
  report["program"] = input.program;
  report["zone"] = input.zone;
  report["start_date"] = input.start_date;
  report["weeks"] = input.weeks;
  report["weekly_hours"] = weekly_hours_of(input);
  report["daylight_saving_changes"] = daylight_saving_changes_of(input);
  report["first_day"] = first_day_of(input);
  add_clinical_step(report);
  add_calendar_and_cost_steps(input, report);
  report["parity"] = parity_step();
  report["money"] = money_of(input);
  return report;
}

// The demo's findings as text for a terminal.
std::string demo_text(const json& report) {
  std::ostringstream out;
  const auto& hours = report["weekly_hours"];
  const auto& money = report["money"];
  auto amount = [](const json& plain) { return Money::parse(plain.get<std::string>()).to_string(); };
  out << "iop " << report["iop_version"].get<std::string>() << " demo: the built-in default program\n\n"
      << "Program   " << report["program"].get<std::string>() << "\n"
      << "Zone      " << report["zone"].get<std::string>() << "\n"
      << "Course    " << report["weeks"].get<int>() << " weeks from "
      << report["start_date"].get<std::string>() << "\n\n"
      << "Weekly clinical contact: " << hours["min"].get<int>() << " to " << hours["max"].get<int>()
      << " hours (adult IOP: " << kAdultIopMinHours << " to " << kAdultIopMaxHours << " hours, "
      << (hours["within_adult_iop_bounds"].get<bool>() ? "within" : "OUTSIDE") << ")\n"
      << "  = " << hours["times_weekly_therapy"][0].get<int>() << " to "
      << hours["times_weekly_therapy"][1].get<int>()
      << " times weekly outpatient therapy (one 45-60 minute session a week)\n\n";

  const auto& rec = report["recommendation"];
  out << "Level of care for the default intake (PHQ-9 16, GAD-7 12, stepping down from PHP): "
      << (rec["level"].is_null() ? std::string("none") : rec["level"].get<std::string>()) << "\n";
  for (const auto& reason : rec["reasons"])
    if (reason["decisive"].get<bool>())
      out << "  because " << reason["rule"].get<std::string>() << ": " << reason["reason"].get<std::string>() << "\n";
  out << "  (decision support, never a diagnosis; rules " << rec["rules_version"].get<std::string>() << ")\n\n";

  out << "First day's sessions\n";
  for (const auto& track : report["first_day"]) {
    const auto& s = track["session"];
    out << "  " << track["name"].get<std::string>() << ": " << s["start"]["local"].get<std::string>() << " "
        << s["start"]["offset"].get<std::string>() << " = " << s["start"]["utc"].get<std::string>() << "\n";
  }
  if (report["daylight_saving_changes"].empty())
    out << "\nNo daylight-saving change during the course in " << report["zone"].get<std::string>() << ".\n";
  for (const auto& change : report["daylight_saving_changes"]) {
    out << "\nDaylight saving change on " << change["local_date"].get<std::string>() << " (UTC "
        << change["offset_before"].get<std::string>() << " -> " << change["offset_after"].get<std::string>()
        << "): sessions keep their wall time, UTC moves\n";
    for (const auto& track : change["tracks"]) {
      const auto& b = track["before"]["start"];
      const auto& a = track["after"]["start"];
      out << "  " << track["name"].get<std::string>() << ": " << b["local"].get<std::string>() << " = "
          << b["utc"].get<std::string>() << "   " << a["local"].get<std::string>() << " = "
          << a["utc"].get<std::string>() << "\n";
    }
  }
  if (report.contains("calendar")) {
    const auto& cal = report["calendar"];
    out << "\nCalendar: evening track from Monday 2026-06-29, 4 days a week for 8 weeks, federal holidays skipped\n"
        << "  " << cal["sessions"].get<int>() << " sessions ("
        << cal["totals"]["program_days"].get<int>() << " program days, the rest medication visits)\n";
    for (const auto& gap : cal["gaps"]) out << "  gap: " << gap.get<std::string>() << "\n";
    out << "  week 1: " << cal["first_week_minutes"].get<int>() / 60.0 << " h scheduled ("
        << (cal["first_week_within_bounds"].get<bool>() ? "within" : "OUTSIDE") << " the 9-19 h bounds)\n";
    const auto& est = report["estimate"];
    out << "  estimate at $300 a day, $500 deductible, 20%, $3,000 maximum: charges " << amount(est["charges"])
        << ", plan pays " << amount(est["plan"]) << ", patient pays " << amount(est["patient"]) << "\n";
  }
  const auto& par = report["parity"];
  out << "\nParity (the facts' worked example): copays apply to " << par["subject_share"].get<std::string>()
      << " of M/S payments; predominant copay " << par["predominant"].get<std::string>() << "; a "
      << par["predominant"].get<std::string>() << " IOP copay " << (par["iop_copay_passes"].get<bool>() ? "passes" : "FAILS")
      << "\n  (" << par["rule"].get<std::string>() << ")\n";
  out << "\nMoney (exact cents; rate applied per day, halves rounded away from zero)\n"
      << "  per diem " << amount(money["per_diem"]) << "; coinsurance " << money["coinsurance"].get<std::string>()
      << " = " << amount(money["coinsurance_per_day"]) << " a day\n"
      << "  " << money["days"][0].get<std::int64_t>() << " to " << money["days"][1].get<std::int64_t>()
      << " days: charges " << amount(money["charges"][0]) << " to " << amount(money["charges"][1])
      << ", coinsurance " << amount(money["coinsurance_total"][0]) << " to "
      << amount(money["coinsurance_total"][1]) << "\n"
      << "  Defaults are reference figures, before any deductible or out-of-pocket maximum:\n"
      << "  the Medicare CY2024 hospital IOP per diem for 3 services a day (" +
             medicare_iop_rate(2024, MedicareSetting::hospital, false).rate->to_string() + ", also the\n"
      << "  rural health clinic IOP payment) and Medicare Part B's 20% coinsurance. Program A\n"
      << "  itself does not accept Medicare; give --input with a clinic's own per diem.\n";
  return out.str();
}

}  // namespace

Reply demo(const JsonReader& request) {
  request.expect_only(decl::api_demo_request::members);
  const auto format = read_format(request, decl::api_demo_request::format);
  const auto overrides = request.find(decl::api_demo_request::demo);
  const auto report = demo_report(overrides ? read_demo_input(*overrides) : DemoInput{});
  if (format == "text") return content_response(format, demo_text(report));
  return result_response(format, report);
}

}  // namespace iop::api::detail
