#include "billing/batch_terms.hpp"

#include <algorithm>

#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"

namespace iop::batch {
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


// Howard Hinnant's days_from_civil: year, month, day to days since 1970-01-01.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

}  // namespace

int plan_year_of(std::int64_t day, int start_mmdd) {
  int y = 0, m = 0, d = 0;
  civil_from_days(day, y, m, d);
  return m * 100 + d >= start_mmdd ? y : y - 1;
}

std::int64_t plan_year_start(int year, int start_mmdd) {
  // The first day whose month and day reach the start: February 29 in a leap year, else March 1.
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (start_mmdd == 229 && !leap) return days_from_civil(year, 3, 1);
  return days_from_civil(year, static_cast<unsigned>(start_mmdd / 100), static_cast<unsigned>(start_mmdd % 100));
}

std::string plan_field(std::size_t i, const char* name) { return "plans[" + std::to_string(i) + "]." + name; }

// A rate n/d read exactly as `Rate` would hold it: 0 <= n <= d (at most 100%), 0 < d <= 10^12.
void check_fraction(std::int64_t n, std::int64_t d, const char* name, std::size_t i) {
  if (d <= 0 || d > Rate::max_denominator || n < 0 || n > d)
    throw ValidationError(std::string(name) + "[" + std::to_string(i) + "]", std::to_string(n) + "/" + std::to_string(d),
                          "is not a share of the whole", "a fraction n/d with 0 <= n <= d and 0 < d <= 10^12 (0%..100%)");
}

void check_sessions(SessionKinds kinds, const char* field) {
  if (kinds.empty() || kinds.bits() > 7)
    throw ValidationError(field, std::to_string(kinds.bits()), "is not a set of session kinds",
                          "one or more of program_day, individual_therapy, medication_management");
}

Terms terms_of(const BatchCoverage& c, std::size_t i, PlanYears& years) {
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
          years.year_of(value_at(c.met_as_of, i), year_start)};
}

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
    check_fraction(value_at(c.coinsurance_numerator, i), value_at(c.coinsurance_denominator, i), "coverage.coinsurance", i);
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

void PerDiemPricing::update(const Terms& t, std::size_t plan) {
  const Terms& p = last_;
  if (priced_ && p.per_diem == t.per_diem && p.deductible == t.deductible && p.coinsurance_n == t.coinsurance_n &&
      p.coinsurance_d == t.coinsurance_d && p.copay == t.copay && p.oop == t.oop && p.deductible_met == t.deductible_met &&
      p.oop_met == t.oop_met && p.copay_first == t.copay_first)
    return;
  auto year = [&](std::int64_t deductible_met, std::int64_t oop_met) {
    return detail::PerDiemYear::of({t.per_diem, std::max<std::int64_t>(t.deductible - deductible_met, 0),
                                    std::max<std::int64_t>(t.oop - oop_met, 0), t.coinsurance_n, t.coinsurance_d,
                                    t.copay, t.copay_first},
                                   [&] { return plan_field(plan, "coinsurance"); });
  };
  with_met_ = year(t.deductible_met, t.oop_met);
  without_met_ = year(0, 0);
  last_ = t;
  priced_ = true;
}

}  // namespace iop::batch
