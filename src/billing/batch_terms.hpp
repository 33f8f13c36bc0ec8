#pragma once
// What the cohort kernels share (estimate_batch, simulate_batch): the coverage columns read and checked
// value by value, plan years as day numbers, and a plan's attended program days priced plan year by plan
// year in closed form (detail::PerDiemYear). Internal to the library.

#include <cstdint>
#include <span>
#include <string>

#include "iop/billing/attendance_spread.hpp"
#include "iop/billing/batch_estimate.hpp"
#include "iop/core/error.hpp"
#include "billing/per_diem.hpp"

namespace iop::batch {

/// The plan year (as the calendar year it starts in) containing day @p day (days since 1970-01-01) when plan
/// years start on @p start_mmdd (month * 100 + day; February 29 starts March 1 in other years).
[[nodiscard]] int plan_year_of(std::int64_t day, int start_mmdd);

/// The first day (days since 1970-01-01) of plan year @p year.
[[nodiscard]] std::int64_t plan_year_start(int year, int start_mmdd);

/// Plan years as ranges of days: the plan year of a day found without a calendar computation when it falls in the
/// year last found (a cohort's days are close together).
class PlanYears {
 public:
  /// The plan year containing day @p day when plan years start on @p start_mmdd (as `plan_year_of`).
  [[nodiscard]] int year_of(std::int64_t day, int start_mmdd) {
    if (start_mmdd != mmdd_ || day < from_ || day >= to_) find(day, start_mmdd);
    return year_;
  }
  /// The first day of the plan year after the one last found.
  [[nodiscard]] std::int64_t next_start() const noexcept { return to_; }

 private:
  void find(std::int64_t day, int start_mmdd) {
    mmdd_ = start_mmdd;
    year_ = plan_year_of(day, start_mmdd);
    from_ = plan_year_start(year_, start_mmdd);
    to_ = plan_year_start(year_ + 1, start_mmdd);
  }
  int mmdd_ = 0;
  int year_ = 0;
  std::int64_t from_ = 1, to_ = 0;  // the year last found: days [from_, to_)
};

/// One value for every plan, or one per plan: plan @p i's.
template <class T>
[[nodiscard]] T value_at(std::span<const T> values, std::size_t i) {
  return values.size() == 1 ? values[0] : values[i];
}

/// Throws unless @p values holds one value or @p n.
template <class T>
void check_length(std::span<const T> values, std::size_t n, const std::string& field) {
  if (values.size() != 1 && values.size() != n)
    throw ValidationError(field, std::to_string(values.size()) + " values", "is not one value or one per plan",
                          "1 or " + std::to_string(n));
}

/// `plans[i].<name>`.
[[nodiscard]] std::string plan_field(std::size_t i, const char* name);

/// A rate n/d read exactly as `Rate` would hold it: 0 <= n <= d (at most 100%), 0 < d <= 10^12; the error names
/// `<name>[i]` (the name is only written out when the rate is refused).
void check_fraction(std::int64_t n, std::int64_t d, const char* name, std::size_t i);

/// The kinds a rate applies to: at least one, and only the three kinds of session.
void check_sessions(SessionKinds kinds, const char* field);

/// The same rules as Coverage::validate, value by value, and the arrays' lengths.
void validate(const BatchCoverage& coverage, std::size_t n);

/// The coverage terms of one plan.
struct Terms {
  std::int64_t per_diem, deductible, coinsurance_n, coinsurance_d, copay, oop, deductible_met, oop_met;
  bool copay_first;
  int year_start;  ///< month * 100 + day
  int met_year;    ///< the plan year the met amounts belong to (as `adjudicate` applies them)
};

/// Plan @p i's terms (@p years finds the met amounts' plan year).
[[nodiscard]] Terms terms_of(const BatchCoverage& coverage, std::size_t i, PlanYears& years);

/// The closed forms of a plan's plan years, with its met amounts and without, computed again only when a plan's
/// terms differ from the last plan's (a cohort often shares one coverage).
class PerDiemPricing {
 public:
  /// Prices the plan years of plan @p plan under @p terms.
  void update(const Terms& terms, std::size_t plan);
  /// The closed form of a plan year with the met amounts (@p met) or without.
  [[nodiscard]] const detail::PerDiemYear& year(bool met) const noexcept { return met ? with_met_ : without_met_; }

 private:
  bool priced_ = false;
  Terms last_{};
  detail::PerDiemYear with_met_, without_met_;
};

/// One plan's totals: its attended program days, added plan year by plan year in date order, each year
/// priced in closed form from the year's start (the met amounts in their own plan year, nothing in others),
/// with the arithmetic and order of `adjudicate` for the terms the kernels cover.
class PerDiemTotals {
 public:
  /// @param terms the plan's terms and @p pricing their closed forms (both kept by reference)
  /// @param plan the plan's index, for the errors
  PerDiemTotals(const Terms& terms, const PerDiemPricing& pricing, std::size_t plan)
      : terms_(terms), pricing_(pricing), plan_(plan) {}

  /// Adds @p days attended program days of plan year @p year.
  /// @throws OverflowError naming `plans[i].charges` when the charges pass 64-bit cents.
  void add(int year, std::int64_t days) {
    auto field = [&] { return plan_field(plan_, "charges"); };
    charges_ = detail::add_cents(charges_, detail::mul_cents(days, terms_.per_diem, field), field);
    patient_ += pricing_.year(year == terms_.met_year).patient(days);  // at most the year's charges
  }

  [[nodiscard]] std::int64_t charges() const noexcept { return charges_; }             ///< total charges
  [[nodiscard]] std::int64_t patient() const noexcept { return patient_; }             ///< the patient pays
  [[nodiscard]] std::int64_t plan() const noexcept { return charges_ - patient_; }     ///< the plan pays

 private:
  const Terms& terms_;
  const PerDiemPricing& pricing_;
  std::size_t plan_;
  std::int64_t charges_ = 0;
  std::int64_t patient_ = 0;
};

}  // namespace iop::batch
