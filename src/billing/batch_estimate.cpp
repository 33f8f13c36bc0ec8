#include "iop/billing/batch_estimate.hpp"

#include <algorithm>
#include <string>

#include "iop/core/error.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"
#include "iop/detail/checked.hpp"
#include "iop/detail/monte_carlo.hpp"
#include "iop/detail/parallel.hpp"

namespace iop {
namespace {

// Howard Hinnant's civil_from_days: days since 1970-01-01 to year, month, day.
void civil_from_days(std::int64_t z, int& y, int& m, int& d) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t year = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(year + (m <= 2));
}

// The plan year (as the calendar year it starts in) containing a day.
int plan_year_of(std::int64_t day, int start_mmdd) {
  int y = 0, m = 0, d = 0;
  civil_from_days(day, y, m, d);
  return m * 100 + d >= start_mmdd ? y : y - 1;
}

template <class T>
T value_at(std::span<const T> values, std::size_t i) {
  return values.size() == 1 ? values[0] : values[i];
}

template <class T>
void check_length(std::span<const T> values, std::size_t n, const std::string& field) {
  if (values.size() != 1 && values.size() != n)
    throw ValidationError(field, std::to_string(values.size()) + " values", "is not one value or one per plan",
                          "1 or " + std::to_string(n));
}

std::string plan_field(std::size_t i, const char* name) { return "plans[" + std::to_string(i) + "]." + name; }

// A rate n/d read exactly as `Rate` would hold it: 0 <= n <= d (at most 100%), 0 < d <= 10^12.
void check_fraction(std::int64_t n, std::int64_t d, const std::string& field) {
  if (d <= 0 || d > Rate::max_denominator || n < 0 || n > d)
    throw ValidationError(field, std::to_string(n) + "/" + std::to_string(d), "is not a share of the whole",
                          "a fraction n/d with 0 <= n <= d and 0 < d <= 10^12 (0%..100%)");
}

// The coverage terms of plan i.
struct Terms {
  std::int64_t per_diem, deductible, coinsurance_n, coinsurance_d, copay, oop, deductible_met, oop_met;
  bool copay_first;
  int year_start;  // month * 100 + day
  int met_year;    // the plan year the met amounts belong to
};

Terms terms_of(const BatchCoverage& c, std::size_t i) {
  const auto year_start = static_cast<int>(value_at(c.plan_year_start, i));
  return {value_at(c.per_diem, i),
          value_at(c.deductible, i),
          value_at(c.coinsurance_numerator, i),
          value_at(c.coinsurance_denominator, i),
          value_at(c.copay, i),
          value_at(c.oop_max, i),
          value_at(c.deductible_met, i),
          value_at(c.oop_met, i),
          value_at(c.copay_before_deductible, i) != 0,
          year_start,
          plan_year_of(value_at(c.met_as_of, i), year_start)};
}

// The same rules as Coverage::validate, value by value, and the arrays' lengths.
void validate(const BatchCoverage& c, std::size_t n) {
  check_length(c.per_diem, n, "coverage.per_diem");
  check_length(c.deductible, n, "coverage.deductible");
  check_length(c.coinsurance_numerator, n, "coverage.coinsurance");
  check_length(c.coinsurance_denominator, n, "coverage.coinsurance");
  check_length(c.copay, n, "coverage.copay");
  check_length(c.copay_before_deductible, n, "coverage.copay_before_deductible");
  check_length(c.oop_max, n, "coverage.out_of_pocket_max");
  check_length(c.deductible_met, n, "coverage.deductible_met");
  check_length(c.oop_met, n, "coverage.oop_met");
  check_length(c.plan_year_start, n, "coverage.plan_year_start");
  check_length(c.met_as_of, n, "coverage.met_as_of");
  static constexpr int kMonthDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};  // February 29 allowed
  for (std::size_t i = 0; i < n; ++i) {
    auto fail = [&](const char* field, const std::string& value, const std::string& problem, const std::string& allowed) {
      return ValidationError(std::string("coverage.") + field + "[" + std::to_string(i) + "]", value, problem, allowed);
    };
    auto money = [](std::int64_t cents) { return Money::from_cents(cents).to_string(); };
    const std::int64_t per_diem = value_at(c.per_diem, i), deductible = value_at(c.deductible, i);
    const std::int64_t copay = value_at(c.copay, i), oop = value_at(c.oop_max, i);
    const std::int64_t ded_met = value_at(c.deductible_met, i), oop_met = value_at(c.oop_met, i);
    const std::int64_t copay_first = value_at(c.copay_before_deductible, i);
    const std::int64_t mmdd = value_at(c.plan_year_start, i);
    const std::int64_t as_of = value_at(c.met_as_of, i);
    if (per_diem <= 0) throw fail("per_diem", money(per_diem), "is not a price", "an amount above $0.00");
    if (deductible < 0) throw fail("deductible", money(deductible), "is negative", "$0.00 or more");
    check_fraction(value_at(c.coinsurance_numerator, i), value_at(c.coinsurance_denominator, i),
                   "coverage.coinsurance[" + std::to_string(i) + "]");
    if (copay < 0) throw fail("copay", money(copay), "is negative", "$0.00 or more");
    if (copay > 0 && value_at(c.coinsurance_numerator, i) > 0)
      throw fail("copay", money(copay),
                 "is given with a coinsurance of " +
                     Rate::fraction(value_at(c.coinsurance_numerator, i), value_at(c.coinsurance_denominator, i)).to_string(),
                 "a copay or a coinsurance: how the two combine is stated in a Coverage (estimate_cost), never guessed");
    if (copay_first != 0 && copay_first != 1)
      throw fail("copay_before_deductible", std::to_string(copay_first), "is not a yes or no", "True or False (1 or 0)");
    if (oop <= 0 || oop < deductible)
      throw fail("out_of_pocket_max", money(oop), "is not an out-of-pocket maximum",
                 "above $0.00 and at least the deductible " + money(deductible));
    if (ded_met < 0) throw fail("deductible_met", money(ded_met), "is negative", "$0.00 or more");
    if (oop_met < 0 || oop_met > oop)
      throw fail("oop_met", money(oop_met), "is outside the out-of-pocket maximum", "$0.00.." + money(oop));
    if (mmdd / 100 < 1 || mmdd / 100 > 12 || mmdd % 100 < 1 || mmdd % 100 > kMonthDays[mmdd / 100 - 1])
      throw fail("plan_year_start", std::to_string(mmdd), "is not a month and day",
                 "month * 100 + day of a real date, e.g. 101 for January 1");
    // Days of 1900..2200: enough for any reading date, and far from the integer limits.
    if (as_of < -25567 || as_of > 84006)
      throw fail("met_as_of", std::to_string(as_of) + " days since 1970-01-01", "is outside the supported years",
                 "1900-01-01..2199-12-31");
  }
}

// One plan's totals under per-diem adjudication, line by line in date order:
// the arithmetic of `adjudicate` for the terms `estimate_batch` covers.
class PerDiemCourse {
 public:
  PerDiemCourse(const Terms& terms, std::size_t index) : t_(terms), plan_(index) {}

  // An attended program day in plan year @p line_year.
  void day(int line_year) {
    if (line_year != year_) {
      year_ = line_year;
      ded_met_ = year_ == t_.met_year ? t_.deductible_met : 0;
      oop_met_ = year_ == t_.met_year ? t_.oop_met : 0;
    }
    const std::int64_t allowed = t_.per_diem;
    std::int64_t ded = 0, share = 0;
    if (t_.copay_first && t_.copay > 0) {
      share = std::min(t_.copay, allowed);
    } else {
      ded = std::min(allowed, std::max<std::int64_t>(t_.deductible - ded_met_, 0));
      const std::int64_t rest = allowed - ded;
      std::int64_t cost = 0;
      if (rest > 0)
        cost = t_.copay > 0 ? std::min(t_.copay, rest)
                            : detail::apply_rate_cents(rest, t_.coinsurance_n, t_.coinsurance_d,
                                                       [&] { return plan_field(plan_, "coinsurance"); });
      share = detail::add_cents(ded, cost, [&] { return plan_field(plan_, "patient"); });
    }
    const std::int64_t paid = std::min(share, std::max<std::int64_t>(t_.oop - oop_met_, 0));
    // The cap takes from the copay or coinsurance first, so the deductible part is what remains of it.
    ded = std::min(ded, paid);
    ded_met_ += ded;  // at most the deductible
    oop_met_ += paid;  // at most the out-of-pocket maximum
    charges = detail::add_cents(charges, allowed, [&] { return plan_field(plan_, "charges"); });
    patient += paid;  // at most the charges
    plan = detail::add_cents(plan, allowed - paid, [&] { return plan_field(plan_, "plan"); });
  }

  std::int64_t charges = 0;  ///< total charges so far
  std::int64_t plan = 0;     ///< plan pays so far
  std::int64_t patient = 0;  ///< patient pays so far

 private:
  const Terms& t_;
  std::size_t plan_;
  int year_ = -1;
  std::int64_t ded_met_ = 0;
  std::int64_t oop_met_ = 0;
};

// The kinds a rate applies to: at least one, and only the three kinds of session.
void check_sessions(SessionKinds kinds, const char* field) {
  if (kinds.empty() || kinds.bits() > 7)
    throw ValidationError(field, std::to_string(kinds.bits()), "is not a set of session kinds",
                          "one or more of program_day, individual_therapy, medication_management");
}

void validate(const BatchAttendance& a, std::size_t n, std::size_t rows) {
  if (!a.attended.empty()) {
    if (!a.rate_numerator.empty())
      throw ValidationError("attendance", "a rate and attended flags", "are both given", "one of them");
    if (a.attended.size() != rows)
      throw ValidationError("attendance.attended", std::to_string(a.attended.size()) + " flags",
                            "do not match the sessions", "one per session row (" + std::to_string(rows) + ")");
    for (std::size_t r = 0; r < rows; ++r)
      if (a.attended[r] > 1)
        throw ValidationError("attendance.attended[" + std::to_string(r) + "]", std::to_string(a.attended[r]),
                              "is not a yes or no", "True or False (1 or 0)");
    return;
  }
  if (a.rate_numerator.empty() && a.rate_denominator.empty()) return;
  check_sessions(a.sessions, "attendance.sessions");
  check_length(a.rate_numerator, n, "attendance.rate");
  check_length(a.rate_denominator, n, "attendance.rate");
  if (a.rate_numerator.size() != a.rate_denominator.size())
    throw ValidationError("attendance.rate", std::to_string(a.rate_numerator.size()) + " numerators",
                          "do not match the denominators", "as many numerators as denominators");
  for (std::size_t i = 0; i < a.rate_numerator.size(); ++i)
    check_fraction(a.rate_numerator[i], a.rate_denominator[i], "attendance.rate[" + std::to_string(i) + "]");
}

}  // namespace

BatchEstimates estimate_batch(const BatchSessions& rows, std::size_t n, const BatchCoverage& c,
                              const BatchAttendance& attendance) {
  validate(c, n);
  validate(attendance, n, rows.size());
  const bool by_rate = !attendance.rate_numerator.empty();
  BatchEstimates out;
  out.charges.assign(n, 0);
  out.plan.assign(n, 0);
  out.patient.assign(n, 0);

  std::size_t r = 0;
  while (r < rows.size()) {
    const auto i = static_cast<std::size_t>(rows.plan[r]);
    if (i >= n)
      throw ValidationError("rows.plan", std::to_string(i), "is not a plan index", "0.." + std::to_string(n - 1));
    const Terms terms = terms_of(c, i);
    const std::int64_t rate_n = by_rate ? value_at(attendance.rate_numerator, i) : 1;
    const std::int64_t rate_d = by_rate ? value_at(attendance.rate_denominator, i) : 1;
    PerDiemCourse course(terms, i);
    // The plan's rows, and how many of them the rate applies to: it is spread as estimate_scenario spreads it.
    std::size_t end = r;
    std::int64_t named = 0;
    for (; end < rows.size() && static_cast<std::size_t>(rows.plan[end]) == i; ++end)
      named += attendance.sessions.contains_value(rows.kind[end]) ? 1 : 0;
    const auto spread = AttendanceSpread::of(named, rate_n, rate_d, attendance.intake_may_be_missed);
    for (std::int64_t k = 0; r < end; ++r) {
      bool attended = true;  // a session the rate does not name is attended
      if (!attendance.attended.empty()) attended = attendance.attended[r] != 0;
      else if (attendance.sessions.contains_value(rows.kind[r])) attended = !spread.is_missed(k++);
      if (rows.kind[r] != 0 || !attended) continue;  // separate sessions are included in the per diem
      course.day(plan_year_of(rows.date[r], terms.year_start));
    }
    out.charges[i] = course.charges;
    out.patient[i] = course.patient;
    out.plan[i] = course.plan;
  }
  return out;
}

namespace {

// Patients per part of the work shared among threads (about a millisecond of runs each).
constexpr std::size_t kPatientsPerPart = 8;

// The weeks of stay drawn for plan i: the given bounds, or the program's.
std::pair<std::int64_t, std::int64_t> stay_bounds(const ProgramTemplate& program, const BatchSimulation& options,
                                                  std::size_t i) {
  const std::int64_t lo_given = value_at(options.min_weeks, i), hi_given = value_at(options.max_weeks, i);
  const std::int64_t lo = lo_given ? lo_given : program.duration.min_weeks;
  const std::int64_t hi = hi_given ? hi_given : program.duration.max_weeks;
  if (lo < program.duration.min_weeks || hi > program.duration.max_weeks || lo > hi)
    throw ValidationError("monte_carlo.weeks[" + std::to_string(i) + "]", std::to_string(lo) + ".." + std::to_string(hi),
                          "is outside the program's weeks", program.duration.describe());
  return {lo, hi};
}

// One plan's Monte Carlo, from its own generator (seed + i), into row i of @p out.
class PlanSimulation {
 public:
  PlanSimulation(const BatchPlans& plans, std::span<const ProgramTemplate* const> programs,
                 const HolidayCalendar& holidays, HolidayPolicy policy, const BatchCoverage& c,
                 const BatchSimulation& options)
      : plans_(plans), programs_(programs), holidays_(holidays), policy_(policy), c_(c), options_(options),
        patient_(static_cast<std::size_t>(options.runs)), charges_(static_cast<std::size_t>(options.runs)) {}

  void run(std::size_t i, BatchSimulationResult& out) {
    const auto& program = *programs_[static_cast<std::size_t>(plans_.program[i])];
    const auto [lo, hi] = stay_bounds(program, options_, i);
    const Terms terms = terms_of(c_, i);
    // The sessions of every length of stay, built once.
    variants_.resize(static_cast<std::size_t>(hi - lo + 1));
    for (std::int64_t w = lo; w <= hi; ++w) {
      const std::int64_t weeks[] = {w};
      const auto rows = build_calendars_batch(
          {plans_.start_days.subspan(i, 1), weeks, plans_.days_per_week.subspan(i, 1), plans_.track.subspan(i, 1),
           plans_.program.subspan(i, 1)},
          programs_, holidays_, policy_);
      auto& v = variants_[static_cast<std::size_t>(w - lo)];
      v.kind = rows.kind;
      v.year.resize(rows.size());
      for (std::size_t r = 0; r < rows.size(); ++r) v.year[r] = plan_year_of(rows.date[r], terms.year_start);
    }
    const std::int64_t an = value_at(options_.attendance_numerator, i);
    const std::int64_t ad = value_at(options_.attendance_denominator, i);
    detail::Random random(options_.seed + i);
    for (std::size_t run = 0; run < patient_.size(); ++run) {
      const auto& v = variants_[detail::draw_below(random, static_cast<std::uint64_t>(hi - lo + 1))];
      PerDiemCourse course(terms, i);
      for (std::size_t r = 0; r < v.kind.size(); ++r) {
        // Only the sessions the rate applies to are drawn; the others are attended.
        const bool drawn = options_.attendance_sessions.contains_value(v.kind[r]);
        if ((!drawn || detail::draw_event(random, an, ad)) && v.kind[r] == 0) course.day(v.year[r]);
      }
      patient_[run] = course.patient;
      charges_[run] = course.charges;
    }
    out.patient_p10[i] = detail::nearest_rank(patient_, 10);
    out.patient_p50[i] = detail::nearest_rank(patient_, 50);
    out.patient_p90[i] = detail::nearest_rank(patient_, 90);
    out.charges_p10[i] = detail::nearest_rank(charges_, 10);
    out.charges_p50[i] = detail::nearest_rank(charges_, 50);
    out.charges_p90[i] = detail::nearest_rank(charges_, 90);
  }

 private:
  struct Variant {
    std::vector<std::int32_t> year;  // plan year of each session row
    std::vector<std::uint8_t> kind;  // 0 program day
  };
  const BatchPlans& plans_;
  std::span<const ProgramTemplate* const> programs_;
  const HolidayCalendar& holidays_;
  HolidayPolicy policy_;
  const BatchCoverage& c_;
  const BatchSimulation& options_;
  std::vector<Variant> variants_;
  std::vector<std::int64_t> patient_, charges_;
};

}  // namespace

BatchSimulationResult simulate_batch(const BatchPlans& plans, std::span<const ProgramTemplate* const> programs,
                                     const HolidayCalendar& holidays, HolidayPolicy policy, const BatchCoverage& c,
                                     const BatchSimulation& options) {
  const std::size_t n = plans.start_days.size();
  if (options.runs < 1 || options.runs > 1'000'000)
    throw ValidationError("monte_carlo.runs", std::to_string(options.runs), "is not a number of runs", "1..1000000");
  validate(c, n);
  check_length(options.attendance_numerator, n, "monte_carlo.attendance");
  check_length(options.attendance_denominator, n, "monte_carlo.attendance");
  check_length(options.min_weeks, n, "monte_carlo.min_weeks");
  check_length(options.max_weeks, n, "monte_carlo.max_weeks");
  for (std::size_t i = 0; i < options.attendance_numerator.size(); ++i)
    check_fraction(options.attendance_numerator[i], value_at(options.attendance_denominator, i),
                   "monte_carlo.attendance[" + std::to_string(i) + "]");
  check_sessions(options.attendance_sessions, "monte_carlo.attendance_sessions");
  // Every plan is checked as build_calendars_batch checks it (weeks are drawn, so any valid count stands in).
  std::vector<std::int64_t> valid_weeks(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto p = plans.program[i];
    if (p < 0 || static_cast<std::uint64_t>(p) >= programs.size())
      throw ValidationError(plan_field(i, "program"), std::to_string(p), "is not a program index",
                            "0.." + std::to_string(static_cast<long>(programs.size()) - 1));
    valid_weeks[i] = programs[static_cast<std::size_t>(p)]->duration.min_weeks;
  }
  (void)layout_calendars_batch({plans.start_days, valid_weeks, plans.days_per_week, plans.track, plans.program}, programs,
                               holidays, policy, options.threads);
  for (std::size_t i = 0; i < n; ++i) (void)stay_bounds(*programs[static_cast<std::size_t>(plans.program[i])], options, i);

  BatchSimulationResult out;
  for (auto* v : {&out.patient_p10, &out.patient_p50, &out.patient_p90, &out.charges_p10, &out.charges_p50,
                  &out.charges_p90})
    v->resize(n);
  // Each plan draws from its own generator into its own row: the figures do not depend on the threads.
  detail::run_parts((n + kPatientsPerPart - 1) / kPatientsPerPart, options.threads, [&](std::size_t part) {
    PlanSimulation simulation(plans, programs, holidays, policy, c, options);
    for (std::size_t i = part * kPatientsPerPart; i < std::min(n, (part + 1) * kPatientsPerPart); ++i)
      simulation.run(i, out);
  });
  return out;
}

}  // namespace iop
