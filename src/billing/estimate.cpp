#include "iop/billing/estimate.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"

namespace iop {
namespace {

using nlohmann::json;

std::string month_of(Date d) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d", static_cast<int>(d.year()), static_cast<int>(d.month()));
  return text;
}

void add(PeriodTotals& t, const AdjudicatedLine& a) {
  t.charges += a.charge.charge;
  t.allowed += a.allowed;
  t.plan += a.plan;
  t.patient += a.patient;
}

json period_json(const PeriodTotals& p) {
  return {{"period", p.period}, {"days", p.days}, {"charges", p.charges}, {"allowed", p.allowed},
          {"plan", p.plan}, {"patient", p.patient}};
}

// Nearest-rank percentile of sorted cents: the value at rank ceil(p * n).
Money percentile(const std::vector<std::int64_t>& sorted, int p) {
  const auto n = static_cast<std::int64_t>(sorted.size());
  const std::int64_t rank = std::max<std::int64_t>(1, (p * n + 99) / 100);
  return Money::from_cents(sorted[static_cast<std::size_t>(rank - 1)]);
}

}  // namespace

CostEstimate estimate_cost(const SessionCalendar& calendar, const ProgramTemplate& program, const FeeSchedule& fees,
                           const Coverage& coverage, ChargeBasis basis, bool primary_substance_use) {
  CostEstimate est;
  Coverage effective = coverage;
  const auto acceptance = program.payer_acceptance(coverage.payer);
  if (coverage.files_claims() && acceptance == PayerAcceptance::declined) {
    effective = Coverage{};
    effective.payer = PayerType::self_pay;
    est.self_pay = true;
    est.warnings.push_back(program.name + " does not accept " + std::string(to_string(coverage.payer)) +
                           ": estimated as self-pay (a Good Faith Estimate is required for self-pay patients, 45 CFR 149.610)");
  } else if (coverage.files_claims() && acceptance == PayerAcceptance::not_stated) {
    est.warnings.push_back(program.name + " does not say whether it accepts " + std::string(to_string(coverage.payer)) +
                           ": verify benefits before relying on this estimate");
  }
  if (!effective.files_claims()) est.self_pay = true;
  if (effective.files_claims()) {
    const int year = effective.plan_year_of(calendar.start_date).year();
    if (const auto limit = aca_oop_limit(year)) {
      if (effective.oop_individual > limit->first)
        est.warnings.push_back("individual out-of-pocket maximum " + effective.oop_individual.to_string() +
                               " is above the ACA limit of " + limit->first.to_string() + " for " + std::to_string(year));
      if (effective.oop_family && *effective.oop_family > limit->second)
        est.warnings.push_back("family out-of-pocket maximum " + effective.oop_family->to_string() +
                               " is above the ACA limit of " + limit->second.to_string() + " for " + std::to_string(year));
    }
  }
  est.lines = adjudicate(charges_for(calendar, fees, basis, primary_substance_use), effective);

  std::map<int, PeriodTotals> weeks;
  std::map<std::string, PeriodTotals> months;
  std::map<int, std::vector<Date>> week_days;
  std::map<std::string, std::vector<Date>> month_days;
  for (const auto& a : est.lines) {
    est.charges += a.charge.charge;
    est.allowed += a.allowed;
    est.plan += a.plan;
    est.patient += a.patient;
    const int w = static_cast<int>((a.charge.date - calendar.start_date).days() / 7);
    auto& wt = weeks[w];
    wt.period = "week " + std::to_string(w + 1) + " (" + to_iso_string(calendar.start_date + boost::gregorian::days(7 * w)) + ")";
    add(wt, a);
    auto& mt = months[month_of(a.charge.date)];
    mt.period = month_of(a.charge.date);
    add(mt, a);
    auto& wd = week_days[w];
    if (std::find(wd.begin(), wd.end(), a.charge.date) == wd.end()) wd.push_back(a.charge.date);
    auto& md = month_days[month_of(a.charge.date)];
    if (std::find(md.begin(), md.end(), a.charge.date) == md.end()) md.push_back(a.charge.date);
  }
  for (auto& [w, t] : weeks) {
    t.days = static_cast<int>(week_days[w].size());
    est.weeks.push_back(t);
  }
  for (auto& [m, t] : months) {
    t.days = static_cast<int>(month_days[m].size());
    est.months.push_back(t);
  }
  return est;
}

CostEstimate estimate_scenario(const TreatmentPlan& plan, const ProgramTemplate& program, const HolidayCalendar& holidays,
                               HolidayPolicy policy, const FeeSchedule& fees, const Coverage& coverage,
                               const Scenario& scenario) {
  if (scenario.attendance > Rate::percent(100))
    throw ValidationError("scenario.attendance", scenario.attendance.to_string(), "is more than every session", "0%..100%");
  if (scenario.extension_weeks < 0 || scenario.extension_weeks > 26)
    throw ValidationError("scenario.extension_weeks", std::to_string(scenario.extension_weeks), "is not a number of weeks",
                          "0..26");
  std::vector<CalendarEvent> events;
  if (scenario.extension_weeks > 0) {
    CalendarEvent e;
    e.kind = CalendarEvent::Kind::extend;
    e.date = plan.end_date();
    e.weeks = scenario.extension_weeks;
    e.note = scenario.note;
    events.push_back(e);
  }
  if (scenario.discharge_after_weeks) {
    if (*scenario.discharge_after_weeks < 1 || *scenario.discharge_after_weeks > plan.weeks + scenario.extension_weeks)
      throw ValidationError("scenario.discharge_after_weeks", std::to_string(*scenario.discharge_after_weeks),
                            "is not a week of the course", "1.." + std::to_string(plan.weeks + scenario.extension_weeks));
    CalendarEvent e;
    e.kind = CalendarEvent::Kind::discharge;
    e.date = plan.start_date + boost::gregorian::days(7 * *scenario.discharge_after_weeks - 1);
    events.push_back(e);
  }
  const auto base = build_calendar(plan, program, holidays, policy, events);
  // Attendance spread evenly: session i is attended when floor((i+1) r) > floor(i r).
  std::size_t i = 0;
  for (const auto& s : base.sessions) {
    const auto before = static_cast<std::int64_t>(i) * scenario.attendance.numerator() / scenario.attendance.denominator();
    const auto after = static_cast<std::int64_t>(i + 1) * scenario.attendance.numerator() / scenario.attendance.denominator();
    CalendarEvent e;
    e.kind = CalendarEvent::Kind::attendance;
    e.date = s.date;
    e.session_kind = s.kind;
    e.status = after > before ? AttendanceStatus::attended : AttendanceStatus::missed;
    events.push_back(e);
    ++i;
  }
  const auto calendar = build_calendar(plan, program, holidays, policy, events);
  return estimate_cost(calendar, program, fees, coverage, ChargeBasis::attended, is_substance_use(plan.primary_diagnosis));
}

MonteCarloResult simulate_costs(const TreatmentPlan& plan, const ProgramTemplate& program, const HolidayCalendar& holidays,
                                HolidayPolicy policy, const FeeSchedule& fees, const Coverage& coverage,
                                const MonteCarloOptions& options) {
  if (options.runs < 1 || options.runs > 1'000'000)
    throw ValidationError("monte_carlo.runs", std::to_string(options.runs), "is not a number of runs", "1..1000000");
  if (options.attendance > Rate::percent(100))
    throw ValidationError("monte_carlo.attendance", options.attendance.to_string(), "is not a probability", "0%..100%");
  const int low = options.min_weeks ? options.min_weeks : program.duration.min_weeks;
  const int high = options.max_weeks ? options.max_weeks : program.duration.max_weeks;
  if (low < program.duration.min_weeks || high > program.duration.max_weeks || low > high)
    throw ValidationError("monte_carlo.weeks", std::to_string(low) + ".." + std::to_string(high),
                          "is outside the program's weeks", program.duration.describe());
  const bool substance_use = is_substance_use(plan.primary_diagnosis);
  std::mt19937_64 random(options.seed);
  std::vector<std::int64_t> patient;
  std::vector<std::int64_t> charges;
  for (int run = 0; run < options.runs; ++run) {
    TreatmentPlan course = plan;
    course.weeks = low + static_cast<int>(random() % static_cast<std::uint64_t>(high - low + 1));
    auto calendar = build_calendar(course, program, holidays, policy);
    for (auto& s : calendar.sessions) {
      // Attended with probability numerator/denominator, drawn exactly in integers.
      const auto draw = random() % static_cast<std::uint64_t>(options.attendance.denominator());
      s.status = draw < static_cast<std::uint64_t>(options.attendance.numerator()) ? AttendanceStatus::attended
                                                                                   : AttendanceStatus::missed;
    }
    const auto est = estimate_cost(calendar, program, fees, coverage, ChargeBasis::attended, substance_use);
    patient.push_back(est.patient.cents());
    charges.push_back(est.charges.cents());
  }
  std::sort(patient.begin(), patient.end());
  std::sort(charges.begin(), charges.end());
  return {options.runs,           options.seed,           percentile(patient, 10), percentile(patient, 50),
          percentile(patient, 90), percentile(charges, 10), percentile(charges, 50), percentile(charges, 90)};
}

json to_json(const CostEstimate& e) {
  json weeks = json::array();
  for (const auto& w : e.weeks) weeks.push_back(period_json(w));
  json months = json::array();
  for (const auto& m : e.months) months.push_back(period_json(m));
  return {{"totals", {{"charges", e.charges}, {"allowed", e.allowed}, {"plan", e.plan}, {"patient", e.patient}}},
          {"self_pay", e.self_pay},
          {"warnings", e.warnings},
          {"weeks", weeks},
          {"months", months},
          {"lines", to_json(e.lines)}};
}

json to_json(const MonteCarloResult& r) {
  return {{"runs", r.runs},
          {"seed", r.seed},
          {"patient", {{"p10", r.patient_p10}, {"p50", r.patient_p50}, {"p90", r.patient_p90}}},
          {"charges", {{"p10", r.charges_p10}, {"p50", r.charges_p50}, {"p90", r.charges_p90}}}};
}

}  // namespace iop
