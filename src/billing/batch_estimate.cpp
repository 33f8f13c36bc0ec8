#include "iop/billing/batch_estimate.hpp"

#include <algorithm>
#include <string>

#include "iop/core/error.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"
#include "billing/batch_terms.hpp"
#include "calendar/day_bits.hpp"
#include "core/checked.hpp"
#include "core/parallel.hpp"

namespace iop {
namespace {

using batch::check_fraction;
using batch::check_length;
using batch::check_sessions;
using batch::value_at;

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
    check_fraction(a.rate_numerator[i], a.rate_denominator[i], "attendance.rate", i);
}

// Plans per part of the work shared among threads.
constexpr std::size_t kPlansPerPart = 4096;

// Plan i's totals from its program days (bits of @p layout): each plan year's days counted, the rate's misses
// in them counted (AttendanceSpread::missed_before), each year priced in closed form.
void estimate_plan(const BatchCalendarLayout& layout, std::size_t i, std::int64_t start_day, const batch::Terms& terms,
                   batch::PlanYears& years, batch::PerDiemPricing& pricing, const BatchAttendance& attendance,
                   BatchEstimates& out) {
  const std::span<const std::uint64_t> days{layout.program_days.data() + layout.first_word[i],
                                            layout.first_word[i + 1] - layout.first_word[i]};
  const auto end = static_cast<std::int64_t>(days.size() * 64);
  // Without a rate every day is attended (a spread with nothing missed).
  AttendanceSpread spread;
  if (!attendance.rate_numerator.empty())
    spread = AttendanceSpread::of(detail::days_between(days, 0, end), value_at(attendance.rate_numerator, i),
                                  value_at(attendance.rate_denominator, i), attendance.intake_may_be_missed);
  pricing.update(terms, i);
  batch::PerDiemTotals totals(terms, pricing, i);
  int year = years.year_of(start_day, terms.year_start);
  std::int64_t next = years.next_start();  // the first day of the next plan year
  std::int64_t from = 0, before = 0;       // the year's first day of the course, and the program days before it
  for (;;) {
    const std::int64_t to = std::min(end, next - start_day);
    const std::int64_t in_year = detail::days_between(days, from, to);
    if (in_year > 0)
      totals.add(year, in_year - (spread.missed_before(before + in_year) - spread.missed_before(before)));
    if (to == end) break;
    before += in_year;
    from = to;
    next = batch::plan_year_start(++year + 1, terms.year_start);
  }
  out.charges[i] = totals.charges();
  out.patient[i] = totals.patient();
  out.plan[i] = totals.plan();
}

}  // namespace

BatchEstimates estimate_batch(const BatchSessions& rows, std::size_t n, const BatchCoverage& c,
                              const BatchAttendance& attendance) {
  batch::validate(c, n);
  validate(attendance, n, rows.size());
  const bool by_rate = !attendance.rate_numerator.empty();
  BatchEstimates out;
  out.charges.assign(n, 0);
  out.plan.assign(n, 0);
  out.patient.assign(n, 0);

  batch::PlanYears years;
  batch::PerDiemPricing pricing;
  std::size_t r = 0;
  while (r < rows.size()) {
    const auto i = static_cast<std::size_t>(rows.plan[r]);
    if (i >= n)
      throw ValidationError("rows.plan", std::to_string(i), "is not a plan index", "0.." + std::to_string(n - 1));
    const batch::Terms terms = batch::terms_of(c, i, years);
    const std::int64_t rate_n = by_rate ? value_at(attendance.rate_numerator, i) : 1;
    const std::int64_t rate_d = by_rate ? value_at(attendance.rate_denominator, i) : 1;
    // The plan's rows, and how many of them the rate applies to: it is spread as estimate_scenario spreads it.
    std::size_t end = r;
    std::int64_t named = 0;
    for (; end < rows.size() && static_cast<std::size_t>(rows.plan[end]) == i; ++end)
      named += attendance.sessions.contains_value(rows.kind[end]) ? 1 : 0;
    const auto spread = AttendanceSpread::of(named, rate_n, rate_d, attendance.intake_may_be_missed);
    // The attended program days are counted plan year by plan year (rows are in date order), each year priced
    // in closed form.
    pricing.update(terms, i);
    batch::PerDiemTotals totals(terms, pricing, i);
    int year = 0;
    std::int64_t days = 0;
    for (std::int64_t k = 0; r < end; ++r) {
      bool attended = true;  // a session the rate does not name is attended
      if (!attendance.attended.empty()) attended = attendance.attended[r] != 0;
      else if (attendance.sessions.contains_value(rows.kind[r])) attended = !spread.is_missed(k++);
      if (rows.kind[r] != 0 || !attended) continue;  // separate sessions are included in the per diem
      const int day_year = years.year_of(rows.date[r], terms.year_start);
      if (days > 0 && day_year != year) {
        totals.add(year, days);
        days = 0;
      }
      year = day_year;
      ++days;
    }
    if (days > 0) totals.add(year, days);
    out.charges[i] = totals.charges();
    out.patient[i] = totals.patient();
    out.plan[i] = totals.plan();
  }
  return out;
}

BatchEstimates estimate_batch(const BatchPlans& plans, std::span<const ProgramTemplate* const> programs,
                              const HolidayCalendar& holidays, HolidayPolicy policy, const BatchCoverage& c,
                              const BatchAttendance& attendance, unsigned threads) {
  const std::size_t n = plans.start_days.size();
  if (!attendance.attended.empty())
    throw ValidationError("attendance.attended", std::to_string(attendance.attended.size()) + " flags",
                          "are flags of session rows, which estimating from the plans does not build",
                          "a rate, or estimate_batch on the rows of build_calendars_batch");
  // The plans are checked first, then the coverage and the attendance, as estimate_batch on the rows checks them.
  const auto layout = layout_calendars_batch(plans, programs, holidays, policy, threads);
  batch::validate(c, n);
  validate(attendance, n, 0);
  // A rate on other sessions than the program days falls on the rows in their order: they are built.
  if (!attendance.rate_numerator.empty() && attendance.sessions != SessionKinds{})
    return estimate_batch(build_calendars_batch(plans, programs, holidays, policy, threads), n, c, attendance);
  BatchEstimates out;
  out.charges.assign(n, 0);
  out.plan.assign(n, 0);
  out.patient.assign(n, 0);
  detail::run_parts((n + kPlansPerPart - 1) / kPlansPerPart, threads, [&](std::size_t part) {
    batch::PlanYears years;
    batch::PerDiemPricing pricing;
    for (std::size_t i = part * kPlansPerPart; i < std::min(n, (part + 1) * kPlansPerPart); ++i)
      estimate_plan(layout, i, plans.start_days[i], batch::terms_of(c, i, years), years, pricing, attendance, out);
  });
  return out;
}

}  // namespace iop
