// simulate_costs: one patient's Monte Carlo. Each length of stay is priced once; a run draws its stay and
// the sessions it attends. When every charged line of a stay is the same but for its date (a per diem, the
// common case) and the coverage keeps no state tied to dates (no authorisation, no Medicaid period), what the
// patient pays depends only on how many of those lines each plan year holds: the totals after 0, 1, 2, ...
// lines of each plan year are adjudicated once (tabulated), and a run adds up its years. Every other stay is
// adjudicated line by line, run by run, through the same adjudicator as estimate_cost.

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "billing/estimate_parts.hpp"
#include "iop/billing/estimate.hpp"
#include "billing/priced_stay.hpp"
#include "iop/core/error.hpp"
#include "billing/adjudicator.hpp"
#include "billing/monte_carlo.hpp"

namespace iop {
namespace {

using Line = detail::PricedStay::Line;
using Stay = detail::PricedStay;
using detail::kNoYear;

// Whether two lines are priced alike (their plan years aside).
bool same_price(const detail::Priced& a, const detail::Priced& b) {
  return a.network == b.network && a.protection.has_value() == b.protection.has_value() && a.out_tier == b.out_tier &&
         a.allowed == b.allowed;
}

// Whether two lines are adjudicated alike from the same state, whatever their dates.
bool same_but_date(const Line& a, const Line& b) {
  const auto& x = a.charge;
  const auto& y = b.charge;
  return x.kind == y.kind && x.code == y.code && x.units == y.units && x.charge == y.charge &&
         a.priced.secondary.has_value() == b.priced.secondary.has_value() && same_price(a.priced.primary, b.priced.primary) &&
         (!a.priced.secondary || same_price(*a.priced.secondary, *b.priced.secondary));
}

// A line that changes nothing: no charge and no allowed amount (a session included in the per diem).
bool neutral(const Line& line) {
  return line.charge.charge.is_zero() && line.priced.primary.allowed.is_zero() &&
         (!line.priced.secondary || line.priced.secondary->allowed.is_zero());
}

// The charged lines of @p stay by plan year, when they allow tabulating (see the file's comment): all alike but
// for their dates, one a date and one a session, and plan years that turn on the same line for both payers (so
// each year starts from its own state); nothing otherwise. Each session's year goes to @p years.
std::vector<std::vector<const Line*>> lines_by_year(const Stay& stay, std::vector<std::uint8_t>& years) {
  std::vector<std::vector<const Line*>> by_year;
  years.assign(stay.drawn.size(), kNoYear);
  const Line* last = nullptr;
  for (const auto& line : stay.lines) {
    if (neutral(line)) continue;
    if (last && (!same_but_date(*by_year.front().front(), line) || line.charge.date <= last->charge.date)) return {};
    if (years[line.session] != kNoYear) return {};
    const bool new_year = !last || line.priced.primary.plan_year != last->priced.primary.plan_year;
    const bool secondary_turns =
        last && line.priced.secondary && line.priced.secondary->plan_year != last->priced.secondary->plan_year;
    if (last && line.priced.secondary && new_year != secondary_turns) return {};
    if (new_year) {
      if (by_year.size() == detail::kMaxStayYears) return {};
      by_year.emplace_back();
    }
    years[line.session] = static_cast<std::uint8_t>(by_year.size() - 1);
    by_year.back().push_back(&line);
    last = &line;
  }
  return by_year;
}

// Tabulates @p stay when its charged lines allow it: the patient's total after 0, 1, 2, ... lines of each plan
// year, each year adjudicated once from its own start.
void tabulate(Stay& stay, const Coverage& c) {
  if (!c.authorizations.empty() || c.medicaid) return;  // state tied to dates: authorised days, Medicaid's periods
  std::vector<std::uint8_t> years;
  const auto by_year = lines_by_year(stay, years);
  if (by_year.empty()) return;
  detail::NoNotes silent;
  stay.patient_after.assign(by_year.size(), {});
  for (std::size_t y = 0; y < by_year.size(); ++y) {
    detail::Adjudicator adjudicator(c);
    auto& after = stay.patient_after[y];
    after.push_back(Money());
    for (const Line* line : by_year[y]) {
      adjudicator.start(line->priced.primary.plan_year, line->charge.date, silent);
      after.push_back(after.back() + adjudicator.settle(line->charge, line->priced, silent).patient);
    }
  }
  stay.year_of_session = std::move(years);
  stay.charge = by_year.front().front()->charge.charge;
  stay.count_draws();
}

}  // namespace

detail::PricedStay detail::price_stay(SessionCalendar calendar, const FeeSchedule& fees, const Coverage& c,
                                      bool substance_use, SessionKinds drawn) {
  PricedStay stay;
  std::map<std::string, std::size_t> index;
  for (std::size_t k = 0; k < calendar.sessions.size(); ++k) {
    calendar.sessions[k].status = AttendanceStatus::attended;
    index[calendar.sessions[k].uid] = k;
    stay.drawn.push_back(drawn.contains(calendar.sessions[k].kind) ? 1 : 0);
  }
  auto lines = charges_for(calendar, fees, ChargeBasis::attended, substance_use);
  (void)take_already_counted(lines, c);
  NoNotes silent;
  for (auto& line : lines) {
    auto priced = Adjudicator::price(c, line, silent);
    stay.lines.push_back({index.at(line.session_uid), std::move(line), std::move(priced)});
  }
  tabulate(stay, c);
  return stay;
}

std::pair<Money, Money> detail::PricedStay::draw_run(Random& random, std::int64_t numerator, std::int64_t denominator,
                                                      const Coverage& c, std::vector<char>& attended) const {
  Money paid, charged;
  if (tabulated()) {
    // Attended charged lines of each plan year: those attended in every run, and each drawn session's draw
    // counted in its year (the last count gathers the drawn sessions without a charged line).
    const auto in_year = count_attended(random, numerator, denominator, drawn_years, always_attended);
    std::int64_t total = 0;
    for (std::size_t y = 0; y < patient_after.size(); ++y) {
      paid += patient_after[y][static_cast<std::size_t>(in_year[y])];
      total += in_year[y];
    }
    return {paid, charge * total};
  }
  attended.assign(drawn.size(), 1);
  for (std::size_t k = 0; k < drawn.size(); ++k)
    if (drawn[k]) attended[k] = draw_event(random, numerator, denominator) ? 1 : 0;
  NoNotes silent;
  Adjudicator adjudicator(c);
  for (const auto& line : lines) {
    if (!attended[line.session]) continue;
    adjudicator.start(line.priced.primary.plan_year, line.charge.date, silent);
    paid += adjudicator.settle(line.charge, line.priced, silent).patient;
    charged += line.charge.charge;
  }
  return {paid, charged};
}

detail::PricedStay detail::PricedStay::beginning(std::size_t sessions) const {
  PricedStay stay;
  stay.drawn.assign(drawn.begin(), drawn.begin() + static_cast<std::ptrdiff_t>(sessions));
  // A tabulated stay's runs count its sessions and read its plan years' totals: they adjudicate no line.
  if (!tabulated())
    for (const auto& line : lines)
      if (line.session < sessions) stay.lines.push_back(line);
  if (tabulated()) {
    stay.year_of_session.assign(year_of_session.begin(), year_of_session.begin() + static_cast<std::ptrdiff_t>(sessions));
    stay.patient_after = patient_after;
    stay.charge = charge;
    stay.count_draws();
  }
  return stay;
}

void detail::PricedStay::count_draws() {
  drawn_years.clear();
  always_attended.fill(0);
  for (std::size_t k = 0; k < drawn.size(); ++k) {
    const std::size_t year = year_of_session[k] == kNoYear ? kMaxStayYears : year_of_session[k];
    if (drawn[k]) drawn_years.push_back(static_cast<std::uint8_t>(year));
    else ++always_attended[year];
  }
}

namespace {

// Whether a stay of w weeks holds the sessions of the longest stay before its week w, so the longest is priced
// once and the others are its beginnings: not with a taper (it moves with the course's end), a phase after the
// open one (the open phase's length moves what follows it) or the extend policy (lost days go after the end).
bool stays_are_beginnings(const TreatmentPlan& plan, const ProgramTemplate& program, HolidayPolicy policy) {
  if (policy == HolidayPolicy::extend || plan.taper || program.taper) return false;
  return program.phases.empty() || !program.phases.back().weeks;  // the open phase, if any, is the last
}

// The stays of @p low .. @p high weeks of @p plan, each priced by @p price from its calendar (@p calendar_of weeks);
// when they are beginnings of the longest, it alone is built and priced.
template <class CalendarOf, class Price>
std::vector<detail::PricedStay> price_stays(const TreatmentPlan& plan, int low, int high, const CalendarOf& calendar_of,
                                            const Price& price, bool beginnings) {
  std::vector<detail::PricedStay> stays;
  if (!beginnings) {
    for (int weeks = low; weeks <= high; ++weeks) stays.push_back(price(calendar_of(weeks)));
    return stays;
  }
  auto longest = calendar_of(high);
  std::vector<std::size_t> sessions;  // of each shorter stay: the longest's sessions before its end
  for (int weeks = low; weeks < high; ++weeks) {
    const Date end = plan.start_date + boost::gregorian::days(7 * weeks);
    sessions.push_back(0);
    while (sessions.back() < longest.sessions.size() && longest.sessions[sessions.back()].date < end) ++sessions.back();
  }
  auto priced = price(std::move(longest));
  for (const auto count : sessions) stays.push_back(priced.beginning(count));
  stays.push_back(std::move(priced));
  return stays;
}

}  // namespace

MonteCarloResult simulate_costs(const TreatmentPlan& plan, const ProgramTemplate& program, const HolidayCalendar& holidays,
                                HolidayPolicy policy, const FeeSchedule& fees, const Coverage& coverage,
                                const MonteCarloOptions& options) {
  if (options.runs < 1 || options.runs > 1'000'000)
    throw ValidationError("monte_carlo.runs", std::to_string(options.runs), "is not a number of runs", "1..1000000");
  if (options.attendance > Rate::percent(100))
    throw ValidationError("monte_carlo.attendance", options.attendance.to_string(), "is not a probability", "0%..100%");
  if (options.attendance_sessions.empty() || options.attendance_sessions.bits() > 7)
    throw ValidationError("monte_carlo.attendance_sessions", std::to_string(options.attendance_sessions.bits()),
                          "is not a set of session kinds", "one or more of program_day, individual_therapy, medication_management");
  const auto drawn = [&](SessionKind kind) { return options.attendance_sessions.contains(kind); };
  // The plan's own course unless a model is asked for by name; bounds given with the plan's course are refused.
  const bool of_plan = options.length_of_stay == LengthOfStay::plan;
  for (const auto& [given, name] : {std::pair{options.min_weeks, "monte_carlo.min_weeks"}, {options.max_weeks, "monte_carlo.max_weeks"}})
    if (of_plan && given != 0)
      throw ValidationError(name, std::to_string(given), "is given with the plan's own course (" +
                                                             std::to_string(plan.weeks) + " weeks)",
                            "length_of_stay uniform to draw stays between min_weeks and max_weeks, or neither");
  const int low = of_plan ? plan.weeks : options.min_weeks ? options.min_weeks : program.duration.min_weeks;
  const int high = of_plan ? plan.weeks : options.max_weeks ? options.max_weeks : program.duration.max_weeks;
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

  const Coverage effective = effective_coverage(program, coverage, nullptr);
  if (fees.basis == FeeBasis::medicare_iop || detail::allowed_by_day_services(effective)) {
    // A day's Medicare band depends on how many of its services were attended: each run is priced in full.
    for (std::size_t run = 0; run < runs; ++run) {
      auto calendar = course_calendar(low + static_cast<int>(detail::draw_below(random, lengths)));
      for (auto& s : calendar.sessions)
        s.status = !drawn(s.kind) || detail::draw_event(random, an, ad) ? AttendanceStatus::attended
                                                                         : AttendanceStatus::missed;
      const auto est = estimate_cost(calendar, program, fees, coverage, ChargeBasis::attended, substance_use);
      patient[run] = est.patient.cents();
      charges[run] = est.charges.cents();
    }
  } else {
    // Each session's charges do not depend on the others' attendance: price every length of stay once,
    // then each run counts or adjudicates the lines of the sessions it attended (as estimate_cost does: lines
    // before the accumulators' as-of date are already in them).
    const auto stays = price_stays(
        plan, low, high, course_calendar,
        [&](SessionCalendar calendar) {
          return detail::price_stay(std::move(calendar), fees, effective, substance_use, options.attendance_sessions);
        },
        stays_are_beginnings(plan, program, policy));
    std::vector<char> attended;
    for (std::size_t run = 0; run < runs; ++run) {
      const auto [paid, charged] = stays[detail::draw_below(random, lengths)].draw_run(random, an, ad, effective, attended);
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
  r.length_of_stay = options.length_of_stay;
  return r;
}

}  // namespace iop
