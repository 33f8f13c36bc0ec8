#pragma once
/// @file
/// @brief Cost estimates for many patients at once (per-diem pricing, flat columns).
///
/// `estimate_batch` prices the program-day rows of `build_calendars_batch` at a
/// per diem and adjudicates them with the same rules and order as `adjudicate`
/// (plan-year reset, deductible, copay before or after it, coinsurance rounded
/// once a line, out-of-pocket cap), for in-network commercial coverage without
/// family accumulators, limits or authorisations. Each coverage array holds one
/// value per plan, or one value for all. The tests check every total against
/// `estimate_cost` to the cent.
///
/// @code
/// auto rows = iop::build_calendars_batch(plans, programs, holidays);
/// auto totals = iop::estimate_batch(rows, plan_count, coverage);
/// totals.patient[0];   // cents the first patient pays
/// @endcode

#include <cstdint>
#include <span>
#include <vector>

#include "iop/calendar/batch.hpp"

namespace iop {

/// @brief Coverage terms, one value per plan or a single value for all (amounts in cents).
struct BatchCoverage {
  std::span<const std::int64_t> per_diem;           ///< charge per program day
  std::span<const std::int64_t> deductible;         ///< individual deductible
  std::span<const std::int32_t> coinsurance_bp;     ///< coinsurance in basis points (2000 = 20%)
  std::span<const std::int64_t> copay;              ///< copay per day
  std::span<const std::uint8_t> copay_before_deductible;  ///< 1 when the copay applies instead of the deductible
  std::span<const std::int64_t> oop_max;            ///< individual out-of-pocket maximum
  std::span<const std::int64_t> deductible_met;     ///< deductible met before the course (its plan year)
  std::span<const std::int64_t> oop_met;            ///< out-of-pocket met before the course (its plan year)
  std::span<const std::int16_t> plan_year_start;    ///< plan-year start as month * 100 + day (101 = January 1)
  std::span<const std::int32_t> met_as_of;          ///< day (since 1970-01-01) the met amounts were read; they count
                                                    ///< only in the plan year containing it, as in `adjudicate`
};

/// @brief Totals per plan, in cents.
struct BatchEstimates {
  std::vector<std::int64_t> charges;  ///< total charges
  std::vector<std::int64_t> plan;     ///< plan pays
  std::vector<std::int64_t> patient;  ///< patient pays
};

/// @brief Estimates every plan of @p rows.
/// @throws ValidationError naming `coverage.<field>[i]` for a bad value or a wrong array length.
[[nodiscard]] BatchEstimates estimate_batch(const BatchSessions& rows, std::size_t plan_count,
                                            const BatchCoverage& coverage);

}  // namespace iop
