#include "iop/billing/estimate.hpp"

#include <algorithm>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "core/append_text.hpp"
#include "declared.hpp"
#include "billing/estimate_parts.hpp"
#include "billing/adjudicator.hpp"

namespace iop {
namespace {

using nlohmann::json;

// `2026-03`: the first seven characters of the ISO date (snprintf, three times a line, was a tenth of an estimate).
std::string month_of(Date d) {
  char text[10];
  (void)detail::write_iso_date(text, d);
  return std::string(text, 7);
}

void add(PeriodTotals& t, const AdjudicatedLine& a) {
  t.charges += a.charge.charge;
  t.allowed += a.allowed;
  t.plan += a.plan;
  t.patient += a.patient;
  t.secondary += a.secondary;
}

std::string dates_text(const std::vector<Date>& dates) {
  std::string text;
  const std::size_t shown = std::min<std::size_t>(dates.size(), 6);
  for (std::size_t i = 0; i < shown; ++i) text += (i ? ", " : "") + to_iso_string(dates[i]);
  if (dates.size() > shown) text += " and " + std::to_string(dates.size() - shown) + " more";
  return text;
}

std::string days_text(std::size_t n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

// The warnings of the coverage's terms and of the adjudicated lines, in the order
// a billing office reads them: what was left out, what is not covered, what the patient owes beyond the plan.
void coverage_warnings(CostEstimate& est, const Coverage& c, const FeeSchedule& fees, Date first_day) {
  // Days priced $0.00 because too few services were held (Medicare's per diem needs 3).
  std::vector<Date> too_few;
  for (const auto& a : est.lines)
    if (fees.basis == FeeBasis::medicare_iop && a.charge.kind == SessionKind::program_day && a.charge.services < 3 &&
        a.charge.charge.is_zero())
      too_few.push_back(a.charge.date);
  if (!too_few.empty())
    est.warnings.push_back(days_text(too_few.size()) + " priced $0.00 for fewer than 3 IOP services that day (" +
                           dates_text(too_few) + "): Medicare pays an IOP per diem only for days of 3 or 4+ services");
  // Days outside every authorisation.
  Money outside_patient, outside_absorbed;
  for (const auto& a : est.lines)
    if (a.not_covered == NotCovered::outside_authorization || a.not_covered == NotCovered::authorization_units_used) {
      if (std::find(est.unauthorized_days.begin(), est.unauthorized_days.end(), a.charge.date) == est.unauthorized_days.end())
        est.unauthorized_days.push_back(a.charge.date);
      outside_patient += a.patient;
      outside_absorbed += a.write_off;
    }
  if (!est.unauthorized_days.empty()) {
    const bool absorbs = c.outside_authorization == OutsideAuthorization::provider_absorbs;
    est.warnings.push_back(days_text(est.unauthorized_days.size()) + " outside prior authorisation (" +
                           dates_text(est.unauthorized_days) + "): " +
                           (absorbs ? "the contract forbids billing the patient; the provider absorbs " + outside_absorbed.to_string()
                                    : "billed to the patient: " + outside_patient.to_string()) +
                           "; request an extension before the concurrent review");
  }
  for (const auto& r : est.reviews)
    if (r.date >= first_day) est.warnings.push_back("review due " + to_iso_string(r.date) + ": " + r.note);
  // Balance bills and protections.
  std::vector<Date> balanced;
  std::map<std::string, int> protections;
  for (const auto& a : est.lines) {
    if (a.balance_billed > Money()) balanced.push_back(a.charge.date);
    if (!a.protection.empty() && a.protection != "Medicaid") ++protections[a.protection];
  }
  if (!balanced.empty())
    est.warnings.push_back("out of network: " + est.balance_billed.to_string() + " of the patient's total is balance billed " +
                           "above the plan's allowed amounts on " + std::to_string(balanced.size()) +
                           " lines, with no protection (see each line's rule)");
  for (const auto& [name, count] : protections)
    est.warnings.push_back(name + " protects " + std::to_string(count) + (count == 1 ? " line" : " lines") +
                           " billed out of network: in-network cost sharing and no balance bill");
  for (const auto& a : est.lines)
    if (a.not_covered == NotCovered::no_out_of_network_benefits) {
      est.warnings.push_back("out of network without out-of-network benefits: the patient pays the full charges of those lines");
      break;
    }
  // Terms of the coverage that change the total.
  if (!c.files_claims()) return;
  if (c.medicare == MedicarePlan::original)
    est.warnings.push_back("Original Medicare Part B: 20% coinsurance after the year's deductible, with no out-of-pocket "
                           "maximum (42 U.S.C. 1395l); a Medigap or other secondary plan may pay it");
  else if (!c.in_network.has_maximum() && c.payer != PayerType::medicaid)
    est.warnings.push_back("the coverage has no out-of-pocket maximum: non-grandfathered ACA plans must have one "
                           "(45 CFR 156.130); check the plan documents");
  if (c.medicaid && !c.medicaid->exempt && c.medicaid->income == MedicaidIncome::at_or_below_100_percent_fpl &&
      c.in_network.copay > medicaid_outpatient_base_amount())
    est.warnings.push_back("Medicaid copay " + c.in_network.copay.to_string() + " is above the " +
                           medicaid_outpatient_base_amount().to_string() + " of 42 CFR 447.52(b)'s "
                           "table; the amount is indexed every October 1 since 2015 and iop does not carry the indexed "
                           "figure: check the state plan");
  if (c.medicaid && !c.medicaid->family_income_per_month && !c.medicaid->exempt)
    est.warnings.push_back("Medicaid's " + medicaid_aggregate_limit_share().to_string() +
                           " aggregate limit (42 CFR 447.56(f)) is not applied: no family income was given");
}

}  // namespace

std::vector<ChargeLine> detail::take_already_counted(std::vector<ChargeLine>& charges, const Coverage& c) {
  std::vector<ChargeLine> counted;
  if (!c.files_claims() || !c.accumulators || charges.empty() || c.accumulators->as_of <= charges.front().date)
    return counted;
  const Date as_of = c.accumulators->as_of;
  std::vector<ChargeLine> kept;
  for (auto& line : charges) (line.date < as_of ? counted : kept).push_back(std::move(line));
  charges = std::move(kept);
  if (charges.empty())
    throw ValidationError("coverage.accumulators.as_of", to_iso_string(as_of),
                          "is after the course's last charge (" + to_iso_string(counted.back().date) +
                              "): every claim is already in the amounts",
                          "an as-of date on or before the last day of the course");
  return counted;
}

bool detail::allowed_by_day_services(const Coverage& c) {
  if (c.out_of_network && c.out_of_network->allowed_basis == AllowedBasis::percent_of_medicare &&
      c.out_of_network->medicare_iop_year)
    return true;
  return c.secondary && c.secondary->coverage && allowed_by_day_services(*c.secondary->coverage);
}

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

namespace {

// The in-network maximum against the year's legal limit: Medicare Advantage's (CMS) or, for commercial plans,
// the ACA's (45 CFR 156.130).
void maximum_limit_warnings(CostEstimate& est, const Coverage& effective, int year) {
  const auto& tier = effective.in_network;
  if (effective.medicare == MedicarePlan::advantage) {
    if (const auto moop = medicare_advantage_moop_limit(year); moop && tier.oop_individual && *tier.oop_individual > *moop)
      est.warnings.push_back("in-network maximum " + tier.oop_individual->to_string() + " is above CMS's Medicare Advantage "
                             "limit of " + moop->to_string() + " for " + std::to_string(year));
  } else if (const auto limit = aca_oop_limit(year); limit && effective.payer == PayerType::commercial) {
    if (tier.oop_individual && *tier.oop_individual > limit->first)
      est.warnings.push_back("individual out-of-pocket maximum " + tier.oop_individual->to_string() +
                             " is above the ACA limit of " + limit->first.to_string() + " for " + std::to_string(year));
    if (tier.oop_family && *tier.oop_family > limit->second)
      est.warnings.push_back("family out-of-pocket maximum " + tier.oop_family->to_string() +
                             " is above the ACA limit of " + limit->second.to_string() + " for " + std::to_string(year));
    if (tier.oop_accumulation == FamilyAccumulation::aggregate && tier.oop_family && *tier.oop_family > limit->first)
      est.warnings.push_back("aggregate family maximum " + tier.oop_family->to_string() + " lets one person pay more than "
                             "the ACA self-only limit of " + limit->first.to_string() + " for " + std::to_string(year) +
                             ": non-grandfathered plans must embed an individual maximum (45 CFR 156.130)");
  }
}

// Accumulators read after the course began already count the earlier claims: those
// lines are left out (never counted twice); accumulators of an earlier plan year reset.
void apply_accumulators(CostEstimate& est, const Coverage& effective, std::vector<ChargeLine>& charges, Date first_day,
                        Date course_year) {
  if (const auto& met = effective.accumulators) {
    if (met->as_of > first_day) {
      est.already_counted = detail::take_already_counted(charges, effective);
      std::vector<Date> days;
      Money left_out;
      for (const auto& line : est.already_counted) {
        left_out += line.charge;
        if (days.empty() || days.back() != line.date) days.push_back(line.date);
      }
      est.warnings.push_back("accumulators were read on " + to_iso_string(met->as_of) + ", after the course began on " +
                             to_iso_string(first_day) + ": the " + days_text(days.size()) + " before it (" +
                             dates_text(days) + ", charges " + left_out.to_string() +
                             ") are taken as already claimed and counted in them, and left out of this estimate");
    } else if (effective.plan_year_of(met->as_of) < course_year) {
      est.warnings.push_back("accumulators as of " + to_iso_string(met->as_of) + " belong to the plan year that began " +
                             to_iso_string(effective.plan_year_of(met->as_of)) + "; the course's plan year begins " +
                             to_iso_string(course_year) + ": not applied (accumulators reset each plan year)");
    }
  }
}

// On the attended basis, sessions in the past with nothing recorded are not charged; say which.
void unmarked_sessions_warning(CostEstimate& est, const SessionCalendar& calendar, std::optional<Date> as_of) {
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

// The adjudicated lines' totals, for the whole course and by week and calendar month.
void add_totals(CostEstimate& est, const SessionCalendar& calendar) {
  std::map<int, PeriodTotals> weeks;
  std::map<std::string, PeriodTotals> months;
  std::map<int, std::vector<Date>> week_days;
  std::map<std::string, std::vector<Date>> month_days;
  for (const auto& a : est.lines) {
    est.charges += a.charge.charge;
    est.allowed += a.allowed;
    est.plan += a.plan;
    est.patient += a.patient;
    est.secondary += a.secondary;
    est.balance_billed += a.balance_billed;
    est.write_off += a.write_off;
    const int w = static_cast<int>((a.charge.date - calendar.start_date).days() / 7);
    auto& wt = weeks[w];
    if (wt.period.empty())  // named by its first line
      wt.period = "week " + std::to_string(w + 1) + " (" + to_iso_string(calendar.start_date + boost::gregorian::days(7 * w)) + ")";
    add(wt, a);
    const std::string month = month_of(a.charge.date);
    auto& mt = months[month];
    if (mt.period.empty()) mt.period = month;
    add(mt, a);
    auto& wd = week_days[w];
    if (std::find(wd.begin(), wd.end(), a.charge.date) == wd.end()) wd.push_back(a.charge.date);
    auto& md = month_days[month];
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
}

}  // namespace

CostEstimate estimate_cost(const SessionCalendar& calendar, const ProgramTemplate& program, const FeeSchedule& fees,
                           const Coverage& coverage, ChargeBasis basis, bool primary_substance_use,
                           std::optional<Date> as_of) {
  CostEstimate est;
  const Coverage effective = effective_coverage(program, coverage, &est.warnings);
  est.self_pay = !effective.files_claims();
  auto charges = charges_for(calendar, fees, basis, primary_substance_use, as_of);
  if (effective.files_claims()) {
    const Date first_day = charges.empty() ? calendar.start_date : charges.front().date;
    const Date course_year = effective.plan_year_of(first_day);
    maximum_limit_warnings(est, effective, course_year.year());
    apply_accumulators(est, effective, charges, first_day, course_year);
    est.reviews = authorization_reviews(effective);
  }
  if (basis == ChargeBasis::attended) unmarked_sessions_warning(est, calendar, as_of);
  est.lines = adjudicate(charges, effective);
  add_totals(est, calendar);
  coverage_warnings(est, effective, fees, est.lines.empty() ? calendar.start_date : est.lines.front().charge.date);
  return est;
}

CostEstimate estimate_scenario(const TreatmentPlan& plan, const ProgramTemplate& program, const HolidayCalendar& holidays,
                               HolidayPolicy policy, const FeeSchedule& fees, const Coverage& coverage,
                               const Scenario& scenario) {
  if (scenario.attendance > Rate::percent(100))
    throw ValidationError("scenario.attendance", scenario.attendance.to_string(), "is more than every session", "0%..100%");
  if (scenario.attendance_sessions.empty() || scenario.attendance_sessions.bits() > 7)
    throw ValidationError("scenario.attendance_sessions", std::to_string(scenario.attendance_sessions.bits()),
                          "is not a set of session kinds", "one or more of program_day, individual_therapy, medication_management");
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
  // The rate falls on the sessions it names (AttendanceSpread); the others are attended.
  std::int64_t named = 0;
  for (const auto& s : base.sessions) named += scenario.attendance_sessions.contains(s.kind) ? 1 : 0;
  const auto spread = AttendanceSpread::of(named, scenario.attendance, scenario.intake_may_be_missed);
  std::int64_t k = 0;
  for (const auto& s : base.sessions) {
    CalendarEvent e;
    e.kind = CalendarEvent::Kind::attendance;
    e.date = s.date;
    e.session_kind = s.kind;
    const bool missed = scenario.attendance_sessions.contains(s.kind) && spread.is_missed(k++);
    e.status = missed ? AttendanceStatus::missed : AttendanceStatus::attended;
    events.push_back(e);
  }
  const auto calendar = build_calendar(plan, program, holidays, policy, events);
  return estimate_cost(calendar, program, fees, coverage, ChargeBasis::attended, is_substance_use(plan.primary_diagnosis));
}

std::string_view to_string(LengthOfStay model) noexcept { return model == LengthOfStay::plan ? "plan" : "uniform"; }

LengthOfStay parse_length_of_stay(std::string_view text, std::string_view field) {
  if (text == "plan") return LengthOfStay::plan;
  if (text == "uniform") return LengthOfStay::uniform;
  throw NotFoundError(std::string(field), quoted(text), "is not a length-of-stay model",
                      "plan (the plan's own weeks), uniform (min_weeks..max_weeks)");
}

json to_json(const MonteCarloResult& r) {
  // Every member named through its declaration (declarations/monte_carlo.py), as monte_carlo_from_json reads it.
  namespace MC = decl::monte_carlo;
  namespace W = decl::monte_carlo_weeks;
  namespace P = decl::percentiles;
  using decl::key;
  return {{key(MC::runs), r.runs},
          {key(MC::seed), r.seed},
          {key(MC::attendance), r.attendance},
          {key(MC::length_of_stay), to_string(r.length_of_stay)},
          {key(MC::weeks), {{key(W::min), r.min_weeks}, {key(W::max), r.max_weeks}}},
          {key(MC::patient), {{key(P::p10), r.patient_p10}, {key(P::p50), r.patient_p50}, {key(P::p90), r.patient_p90}}},
          {key(MC::charges), {{key(P::p10), r.charges_p10}, {key(P::p50), r.charges_p50}, {key(P::p90), r.charges_p90}}}};
}

MonteCarloResult monte_carlo_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only(decl::monte_carlo::members);
  MonteCarloResult r{};
  r.runs = static_cast<int>(in.integer(decl::monte_carlo::runs));
  const auto seed = in.at(decl::monte_carlo::seed);
  if (!seed.json().is_number_unsigned() && !(seed.json().is_number_integer() && seed.json().get<std::int64_t>() >= 0))
    throw ValidationError(seed.path(), seed.json().dump(), "is not a seed", "an integer 0..18446744073709551615");
  r.seed = seed.json().get<std::uint64_t>();
  r.attendance = in.at(decl::monte_carlo::attendance).as_rate();
  const auto model = in.at(decl::monte_carlo::length_of_stay);
  r.length_of_stay = parse_length_of_stay(model.as_string(), model.path());
  const auto weeks = in.at(decl::monte_carlo::weeks);
  weeks.expect_only(decl::monte_carlo_weeks::members);
  r.min_weeks = static_cast<int>(weeks.integer(decl::monte_carlo_weeks::min));
  r.max_weeks = static_cast<int>(weeks.integer(decl::monte_carlo_weeks::max));
  auto read = [&](const decl::Member& key, Money& p10, Money& p50, Money& p90) {
    const auto v = in.at(key);
    v.expect_only(decl::percentiles::members);
    p10 = v.at(decl::percentiles::p10).as_money();
    p50 = v.at(decl::percentiles::p50).as_money();
    p90 = v.at(decl::percentiles::p90).as_money();
  };
  read(decl::monte_carlo::patient, r.patient_p10, r.patient_p50, r.patient_p90);
  read(decl::monte_carlo::charges, r.charges_p10, r.charges_p50, r.charges_p90);
  return r;
}

namespace {

PeriodTotals period_from_json(const JsonReader& in) {
  in.expect_only(decl::period_totals::members);
  return {in.at(decl::period_totals::period).as_string(), static_cast<int>(in.integer(decl::period_totals::days)), in.at(decl::period_totals::charges).as_money(),
          in.at(decl::period_totals::allowed).as_money(),  in.at(decl::period_totals::plan).as_money(),                       in.at(decl::period_totals::patient).as_money(),
          in.at(decl::period_totals::secondary).as_money()};
}

}  // namespace

CostEstimate estimate_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only(decl::estimate::members);
  CostEstimate e;
  const auto totals = in.at(decl::estimate::totals);
  totals.expect_only(decl::estimate_totals::members);
  e.charges = totals.at(decl::estimate_totals::charges).as_money();
  e.allowed = totals.at(decl::estimate_totals::allowed).as_money();
  e.plan = totals.at(decl::estimate_totals::plan).as_money();
  e.secondary = totals.at(decl::estimate_totals::secondary).as_money();
  e.patient = totals.at(decl::estimate_totals::patient).as_money();
  e.balance_billed = totals.at(decl::estimate_totals::balance_billed).as_money();
  e.write_off = totals.at(decl::estimate_totals::write_off).as_money();
  e.self_pay = in.at(decl::estimate::self_pay).as_bool();
  const auto warnings = in.at(decl::estimate::warnings);
  for (std::size_t i = 0; i < warnings.array_size(); ++i) e.warnings.push_back(warnings.at(i).as_string());
  const auto already = in.at(decl::estimate::already_counted);
  for (std::size_t i = 0; i < already.array_size(); ++i) {
    const auto l = already.at(i);
    l.expect_only(decl::already_counted_line::members);
    ChargeLine line{};
    line.date = l.at(decl::already_counted_line::date).as_date();
    line.session_uid = l.at(decl::already_counted_line::session).as_string();
    line.code = l.at(decl::already_counted_line::code).as_string();
    line.charge = l.at(decl::already_counted_line::charge).as_money();
    e.already_counted.push_back(std::move(line));
  }
  const auto unauthorized = in.at(decl::estimate::unauthorized_days);
  for (std::size_t i = 0; i < unauthorized.array_size(); ++i) e.unauthorized_days.push_back(unauthorized.at(i).as_date());
  e.reviews = events_from_json(in.at(decl::estimate::reviews).json(), in.at(decl::estimate::reviews).path());
  const auto weeks = in.at(decl::estimate::weeks);
  for (std::size_t i = 0; i < weeks.array_size(); ++i) e.weeks.push_back(period_from_json(weeks.at(i)));
  const auto months = in.at(decl::estimate::months);
  for (std::size_t i = 0; i < months.array_size(); ++i) e.months.push_back(period_from_json(months.at(i)));
  e.lines = adjudicated_lines_from_json(in.at(decl::estimate::lines).json(), in.at(decl::estimate::lines).path());
  return e;
}

}  // namespace iop
