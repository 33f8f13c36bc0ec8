#include "iop/billing/batch_estimate.hpp"

#include <algorithm>
#include <string>

#include "iop/core/error.hpp"
#include "iop/core/money.hpp"

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
void check_length(std::span<const T> values, std::size_t n, const char* field) {
  if (values.size() != 1 && values.size() != n)
    throw ValidationError(std::string("coverage.") + field, std::to_string(values.size()) + " values",
                          "is not one value or one per plan", "1 or " + std::to_string(n));
}

}  // namespace

BatchEstimates estimate_batch(const BatchSessions& rows, std::size_t n, const BatchCoverage& c) {
  check_length(c.per_diem, n, "per_diem");
  check_length(c.deductible, n, "deductible");
  check_length(c.coinsurance_bp, n, "coinsurance");
  check_length(c.copay, n, "copay");
  check_length(c.copay_before_deductible, n, "copay_before_deductible");
  check_length(c.oop_max, n, "out_of_pocket_max");
  check_length(c.deductible_met, n, "deductible_met");
  check_length(c.oop_met, n, "oop_met");
  check_length(c.plan_year_start, n, "plan_year_start");
  check_length(c.met_as_of, n, "met_as_of");
  // The same rules as Coverage::validate, value by value.
  static constexpr int kMonthDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};  // February 29 allowed
  for (std::size_t i = 0; i < n; ++i) {
    auto fail = [&](const char* field, const std::string& value, const std::string& problem, const std::string& allowed) {
      return ValidationError(std::string("coverage.") + field + "[" + std::to_string(i) + "]", value, problem, allowed);
    };
    auto money = [](std::int64_t cents) { return Money::from_cents(cents).to_string(); };
    const std::int64_t per_diem = value_at(c.per_diem, i), deductible = value_at(c.deductible, i);
    const std::int64_t copay = value_at(c.copay, i), oop = value_at(c.oop_max, i);
    const std::int64_t ded_met = value_at(c.deductible_met, i), oop_met = value_at(c.oop_met, i);
    const auto bp = value_at(c.coinsurance_bp, i);
    const int mmdd = value_at(c.plan_year_start, i);
    if (per_diem <= 0) throw fail("per_diem", money(per_diem), "is not a price", "an amount above $0.00");
    if (deductible < 0) throw fail("deductible", money(deductible), "is negative", "$0.00 or more");
    if (copay < 0) throw fail("copay", money(copay), "is negative", "$0.00 or more");
    if (bp < 0 || bp > 10000)
      throw fail("coinsurance", std::to_string(bp) + " basis points", "is not a coinsurance", "0..10000 basis points");
    if (copay > 0 && bp > 0)
      throw fail("copay", money(copay), "is given with a coinsurance of " + std::to_string(bp) + " basis points",
                 "a copay or a coinsurance: how the two combine is stated in a Coverage (estimate_cost), never guessed");
    if (oop <= 0 || oop < deductible)
      throw fail("out_of_pocket_max", money(oop), "is not an out-of-pocket maximum",
                 "above $0.00 and at least the deductible " + money(deductible));
    if (ded_met < 0) throw fail("deductible_met", money(ded_met), "is negative", "$0.00 or more");
    if (oop_met < 0 || oop_met > oop)
      throw fail("oop_met", money(oop_met), "is outside the out-of-pocket maximum", "$0.00.." + money(oop));
    if (mmdd / 100 < 1 || mmdd / 100 > 12 || mmdd % 100 < 1 || mmdd % 100 > kMonthDays[mmdd / 100 - 1])
      throw fail("plan_year_start", std::to_string(mmdd), "is not a month and day",
                 "month * 100 + day of a real date, e.g. 101 for January 1");
  }
  BatchEstimates out;
  out.charges.assign(n, 0);
  out.plan.assign(n, 0);
  out.patient.assign(n, 0);

  std::size_t r = 0;
  while (r < rows.size()) {
    const auto i = static_cast<std::size_t>(rows.plan[r]);
    if (i >= n)
      throw ValidationError("rows.plan", std::to_string(i), "is not a plan index", "0.." + std::to_string(n - 1));
    const std::int64_t per_diem = value_at(c.per_diem, i);
    const std::int64_t deductible = value_at(c.deductible, i);
    const std::int64_t bp = value_at(c.coinsurance_bp, i);
    const std::int64_t copay = value_at(c.copay, i);
    const bool copay_first = value_at(c.copay_before_deductible, i) != 0;
    const std::int64_t oop = value_at(c.oop_max, i);
    const int start_mmdd = value_at(c.plan_year_start, i);
    // Met amounts count only in the plan year of the day they were read.
    const int met_year = plan_year_of(value_at(c.met_as_of, i), start_mmdd);
    int year = plan_year_of(rows.date[r], start_mmdd);
    std::int64_t ded_met = year == met_year ? value_at(c.deductible_met, i) : 0;
    std::int64_t oop_met = year == met_year ? value_at(c.oop_met, i) : 0;
    std::int64_t charges = 0, plan = 0, patient = 0;
    for (; r < rows.size() && static_cast<std::size_t>(rows.plan[r]) == i; ++r) {
      if (rows.kind[r] != 0) continue;  // separate sessions are included in the per diem
      const int line_year = plan_year_of(rows.date[r], start_mmdd);
      if (line_year != year) {
        year = line_year;
        ded_met = year == met_year ? value_at(c.deductible_met, i) : 0;
        oop_met = year == met_year ? value_at(c.oop_met, i) : 0;
      }
      const std::int64_t allowed = per_diem;
      std::int64_t ded = 0, share = 0;
      if (copay_first && copay > 0) {
        share = std::min(copay, allowed);
      } else {
        ded = std::min(allowed, std::max<std::int64_t>(deductible - ded_met, 0));
        const std::int64_t rest = allowed - ded;
        std::int64_t cost = 0;
        if (rest > 0) cost = copay > 0 ? std::min(copay, rest) : (rest * bp + 5000) / 10000;  // halves up
        share = ded + cost;
      }
      const std::int64_t paid = std::min(share, std::max<std::int64_t>(oop - oop_met, 0));
      // The cap takes from the copay or coinsurance first, so the deductible part is what remains of it.
      ded = std::min(ded, paid);
      ded_met += ded;
      oop_met += paid;
      charges += allowed;
      patient += paid;
      plan += allowed - paid;
    }
    out.charges[i] += charges;
    out.patient[i] += patient;
    out.plan[i] += plan;
  }
  return out;
}

}  // namespace iop
