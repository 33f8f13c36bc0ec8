#pragma once
/// @file
/// @brief A plan year of per-diem days priced in closed form (internal).
///
/// Under a per diem every covered day has the same allowed amount, so what a
/// patient pays for k days of one plan year is piecewise linear in k, with the
/// pieces of `adjudicate`'s steps: whole days inside the deductible (the patient
/// pays the per diem), at most one day that meets it (the rest of the deductible
/// and the copay or coinsurance on what is left of the day), then the same copay
/// or coinsurance every day, all capped by the room left under the out-of-pocket
/// maximum. The cap takes the whole share of the day it is reached, then
/// everything after it, so the capped total is the minimum of the uncapped total
/// and the room. The kernels count days per plan year and price each year here,
/// in a few operations whatever the course's length; the tests check it against
/// the day-by-day adjudication of `estimate_cost` to the cent.
///
/// @code
/// // $300 a day, $500 of deductible left, 20% coinsurance, $3,000 of room:
/// auto year = iop::detail::PerDiemYear::of({30000, 50000, 300000, 2000, 10000, 0, false}, field);
/// year.patient(10);  // $300 + ($200 + 20% of $100) + 8 x 20% of $300 = $1,000.00: 100000 cents
/// @endcode

#include <algorithm>
#include <cstdint>

#include "core/checked.hpp"

namespace iop::detail {

/// One plan year's terms as the batch kernels hold them (cents; a coinsurance as an exact fraction).
struct PerDiemTerms {
  std::int64_t per_diem;          ///< the allowed amount of a day, above 0
  std::int64_t deductible_left;   ///< what is left of the deductible at the year's first day, 0 or more
  std::int64_t room;              ///< what is left under the out-of-pocket maximum, 0 or more
  std::int64_t coinsurance_n;     ///< coinsurance numerator (0 with a copay)
  std::int64_t coinsurance_d;     ///< coinsurance denominator, above 0
  std::int64_t copay;             ///< copay a day (0 with a coinsurance)
  bool copay_before_deductible;   ///< the copay is charged instead of the deductible
};

/// The patient's cumulative share of k days of one plan year, in closed form.
class PerDiemYear {
 public:
  /// Prices one day of each piece once; @p field names the total for an overflow (never expected: every
  /// share is at most the day's amount).
  template <class Field>
  [[nodiscard]] static PerDiemYear of(const PerDiemTerms& t, const Field& field) {
    PerDiemYear y;
    y.per_diem_ = t.per_diem;
    y.room_ = t.room;
    auto cost = [&](std::int64_t rest) {  // copay or coinsurance on what is left of a day
      if (rest <= 0) return std::int64_t{0};
      return t.copay > 0 ? std::min(t.copay, rest) : apply_rate_cents(rest, t.coinsurance_n, t.coinsurance_d, field);
    };
    if (t.copay_before_deductible && t.copay > 0) {
      // The copay instead of the deductible: the same share every day.
      y.deductible_days_ = 0;
      y.meeting_day_ = 0;
      y.day_ = std::min(t.copay, t.per_diem);
      return y;
    }
    y.deductible_days_ = t.deductible_left / t.per_diem;
    const std::int64_t part = t.deductible_left % t.per_diem;
    y.meeting_day_ = part > 0 ? part + cost(t.per_diem - part) : 0;
    y.day_ = cost(t.per_diem);
    return y;
  }

  /// What the patient pays for @p days days (0 or more) of the year; the caller has checked that
  /// @p days times the per diem fits in 64 bits (the charges), which bounds every term below.
  [[nodiscard]] std::int64_t patient(std::int64_t days) const noexcept {
    std::int64_t share = 0;
    if (days <= deductible_days_) {
      share = days * per_diem_;
    } else {
      std::int64_t after = days - deductible_days_;
      share = deductible_days_ * per_diem_;
      if (meeting_day_ > 0) {
        share += meeting_day_;
        --after;
      }
      share += after * day_;
    }
    return std::min(share, room_);
  }

 private:
  std::int64_t per_diem_ = 0;
  std::int64_t room_ = 0;
  std::int64_t deductible_days_ = 0;  // whole days inside the deductible
  std::int64_t meeting_day_ = 0;      // the share of the day that meets the deductible (0: none, it falls on a day's end)
  std::int64_t day_ = 0;              // the share of a day after the deductible
};

}  // namespace iop::detail
