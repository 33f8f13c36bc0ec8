#include "iop/billing/estimate.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/detail/adjudicator.hpp"
#include "iop/detail/monte_carlo.hpp"

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

}  // namespace

Coverage effective_coverage(const ProgramTemplate& program, const Coverage& coverage, std::vector<std::string>* warnings) {
  const auto acceptance = program.payer_acceptance(coverage.payer);
  if (coverage.files_claims() && acceptance == PayerAcceptance::declined) {
    if (warnings)
      warnings->push_back(program.name + " does not accept " + std::string(to_string(coverage.payer)) +
                          ": estimated as self-pay (a Good Faith Estimate is required for self-pay patients, 45 CFR 149.610)");
    Coverage self_pay;
    self_pay.payer = PayerType::self_pay;
    return self_pay;
  }
  if (coverage.files_claims() && acceptance == PayerAcceptance::not_stated && warnings)
    warnings->push_back(program.name + " does not say whether it accepts " + std::string(to_string(coverage.payer)) +
                        ": verify benefits before relying on this estimate");
  return coverage;
}

CostEstimate estimate_cost(const SessionCalendar& calendar, const ProgramTemplate& program, const FeeSchedule& fees,
                           const Coverage& coverage, ChargeBasis basis, bool primary_substance_use,
                           std::optional<Date> as_of) {
  CostEstimate est;
  const Coverage effective = effective_coverage(program, coverage, &est.warnings);
  est.self_pay = !effective.files_claims();
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
  if (basis == ChargeBasis::attended) {
    // Sessions in the past with nothing recorded are not charged; say which.
    std::vector<const Session*> unmarked;
    for (const auto& s : calendar.sessions)
      if (s.status == AttendanceStatus::scheduled && (!as_of || s.date < *as_of)) unmarked.push_back(&s);
    if (!unmarked.empty()) {
      std::string list;
      for (std::size_t i = 0; i < unmarked.size() && i < 5; ++i)
        list += (i ? ", " : "") + to_iso_string(unmarked[i]->date) + " " + std::string(to_string(unmarked[i]->kind));
      if (unmarked.size() > 5) list += " and " + std::to_string(unmarked.size() - 5) + " more";
      est.warnings.push_back(
          "attended basis: " + std::to_string(unmarked.size()) + " session" + (unmarked.size() == 1 ? " has" : "s have") +
          " no attendance recorded" + (as_of ? " before " + to_iso_string(*as_of) : std::string()) +
          " and " + (unmarked.size() == 1 ? "is" : "are") + " not charged (" + list + ")" +
          (as_of ? std::string() : "; give the date attendance is recorded to (as_of) to price later sessions as scheduled"));
    }
  }
  est.lines = adjudicate(charges_for(calendar, fees, basis, primary_substance_use, as_of), effective);

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
  fees.validate();
  coverage.validate();
  const bool substance_use = is_substance_use(plan.primary_diagnosis);
  const auto runs = static_cast<std::size_t>(options.runs);
  const auto lengths = static_cast<std::uint64_t>(high - low + 1);
  const std::int64_t an = options.attendance.numerator(), ad = options.attendance.denominator();
  detail::Random random(options.seed);
  std::vector<std::int64_t> patient(runs), charges(runs);
  auto course_calendar = [&](int weeks) {
    TreatmentPlan course = plan;
    course.weeks = weeks;
    return build_calendar(course, program, holidays, policy);
  };

  if (fees.basis == FeeBasis::medicare_iop) {
    // A day's Medicare band depends on how many of its services were attended: each run is priced in full.
    for (std::size_t run = 0; run < runs; ++run) {
      auto calendar = course_calendar(low + static_cast<int>(detail::draw_below(random, lengths)));
      for (auto& s : calendar.sessions)
        s.status = detail::draw_event(random, an, ad) ? AttendanceStatus::attended : AttendanceStatus::missed;
      const auto est = estimate_cost(calendar, program, fees, coverage, ChargeBasis::attended, substance_use);
      patient[run] = est.patient.cents();
      charges[run] = est.charges.cents();
    }
  } else {
    // Each session's charges do not depend on the others' attendance: price every length of stay once,
    // then each run adjudicates the lines of the sessions it attended.
    const Coverage effective = effective_coverage(program, coverage, nullptr);
    struct Line {
      std::size_t session;
      Date date;
      Date plan_year;
      bool program_day;
      Money allowed;
      Money charge;
      std::string uid;
    };
    struct Variant {
      std::size_t sessions = 0;
      std::vector<Line> lines;
    };
    std::vector<Variant> variants(lengths);
    detail::NoNotes silent;
    for (int weeks = low; weeks <= high; ++weeks) {
      auto calendar = course_calendar(weeks);
      std::map<std::string, std::size_t> index;
      for (std::size_t k = 0; k < calendar.sessions.size(); ++k) {
        calendar.sessions[k].status = AttendanceStatus::attended;
        index[calendar.sessions[k].uid] = k;
      }
      auto& v = variants[static_cast<std::size_t>(weeks - low)];
      v.sessions = calendar.sessions.size();
      for (const auto& line : charges_for(calendar, fees, ChargeBasis::attended, substance_use))
        v.lines.push_back({index.at(line.session_uid), line.date, effective.plan_year_of(line.date),
                           line.kind == SessionKind::program_day, detail::Adjudicator::allowed(effective, line, silent),
                           line.charge, line.session_uid});
    }
    std::vector<char> attended;
    for (std::size_t run = 0; run < runs; ++run) {
      const auto& v = variants[detail::draw_below(random, lengths)];
      attended.assign(v.sessions, 0);
      for (std::size_t k = 0; k < v.sessions; ++k) attended[k] = detail::draw_event(random, an, ad);
      detail::Adjudicator adjudicator(effective);
      Money paid, charged;
      for (const auto& line : v.lines) {
        if (!attended[line.session]) continue;
        adjudicator.start(line.plan_year, silent);
        paid += adjudicator.settle(line.date, line.program_day, line.allowed, line.uid, silent).patient;
        charged += line.charge;
      }
      patient[run] = paid.cents();
      charges[run] = charged.cents();
    }
  }
  auto money_at = [](std::vector<std::int64_t>& values, int p) { return Money::from_cents(detail::nearest_rank(values, p)); };
  MonteCarloResult r{options.runs, options.seed, money_at(patient, 10), money_at(patient, 50), money_at(patient, 90),
                     money_at(charges, 10), money_at(charges, 50), money_at(charges, 90)};
  r.attendance = options.attendance;
  r.min_weeks = low;
  r.max_weeks = high;
  return r;
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
          {"attendance", r.attendance},
          {"weeks", {{"min", r.min_weeks}, {"max", r.max_weeks}}},
          {"patient", {{"p10", r.patient_p10}, {"p50", r.patient_p50}, {"p90", r.patient_p90}}},
          {"charges", {{"p10", r.charges_p10}, {"p50", r.charges_p50}, {"p90", r.charges_p90}}}};
}

MonteCarloResult monte_carlo_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only({"runs", "seed", "attendance", "weeks", "patient", "charges"});
  MonteCarloResult r{};
  r.runs = static_cast<int>(in.at("runs").as_int(1, 1'000'000));
  const auto seed = in.at("seed");
  if (!seed.json().is_number_unsigned() && !(seed.json().is_number_integer() && seed.json().get<std::int64_t>() >= 0))
    throw ValidationError(seed.path(), seed.json().dump(), "is not a seed", "an integer 0..18446744073709551615");
  r.seed = seed.json().get<std::uint64_t>();
  r.attendance = in.at("attendance").as_rate();
  const auto weeks = in.at("weeks");
  weeks.expect_only({"min", "max"});
  r.min_weeks = static_cast<int>(weeks.at("min").as_int(1, 104));
  r.max_weeks = static_cast<int>(weeks.at("max").as_int(1, 104));
  auto read = [&](const char* key, Money& p10, Money& p50, Money& p90) {
    const auto v = in.at(key);
    v.expect_only({"p10", "p50", "p90"});
    p10 = v.at("p10").as_money();
    p50 = v.at("p50").as_money();
    p90 = v.at("p90").as_money();
  };
  read("patient", r.patient_p10, r.patient_p50, r.patient_p90);
  read("charges", r.charges_p10, r.charges_p50, r.charges_p90);
  return r;
}

namespace {

PeriodTotals period_from_json(const JsonReader& in) {
  in.expect_only({"period", "days", "charges", "allowed", "plan", "patient"});
  return {in.at("period").as_string(), static_cast<int>(in.at("days").as_int(0, 366)), in.at("charges").as_money(),
          in.at("allowed").as_money(), in.at("plan").as_money(), in.at("patient").as_money()};
}

}  // namespace

CostEstimate estimate_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only({"totals", "self_pay", "warnings", "weeks", "months", "lines"});
  CostEstimate e;
  const auto totals = in.at("totals");
  totals.expect_only({"charges", "allowed", "plan", "patient"});
  e.charges = totals.at("charges").as_money();
  e.allowed = totals.at("allowed").as_money();
  e.plan = totals.at("plan").as_money();
  e.patient = totals.at("patient").as_money();
  e.self_pay = in.at("self_pay").as_bool();
  const auto warnings = in.at("warnings");
  for (std::size_t i = 0; i < warnings.array_size(); ++i) e.warnings.push_back(warnings.at(i).as_string());
  const auto weeks = in.at("weeks");
  for (std::size_t i = 0; i < weeks.array_size(); ++i) e.weeks.push_back(period_from_json(weeks.at(i)));
  const auto months = in.at("months");
  for (std::size_t i = 0; i < months.array_size(); ++i) e.months.push_back(period_from_json(months.at(i)));
  e.lines = adjudicated_lines_from_json(in.at("lines").json(), in.at("lines").path());
  return e;
}

}  // namespace iop
