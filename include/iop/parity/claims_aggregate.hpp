#pragma once
/// @file
/// @brief The claims aggregate: plan payments summed by classification, type and level, a value that
/// partial aggregates merge into exactly.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/parity/benefit_design.hpp"

namespace iop::parity {

/// @brief The plan payments of the claim rows at one classification, type and level.
struct ClaimsCell {
  Classification classification = Classification::inpatient_in_network;  ///< the classification
  LimitType type = LimitType::deductible;                                 ///< the type
  std::int64_t level = 0;           ///< the level in the type's unit (0: the claims are not subject)
  std::int64_t payments_cents = 0;  ///< the payments of those rows, summed, in cents
  /// Same cell and same sum.
  friend bool operator==(const ClaimsCell&, const ClaimsCell&) = default;
};

/// @brief Claim rows summed by classification, type and level: a value that merges exactly.
///
/// Any split of a claims table into parts, each aggregated on its own and then merged in any
/// order, gives the aggregate of the whole table: the sums are integer cents, so `merge` is
/// associative and commutative. Payments are never negative, so when one part's sum overflows
/// 64-bit cents the whole table's does too: the outcome does not depend on the split. The check
/// that each classification's types add up to the same total needs the whole table; it is made
/// by `to_classifications`.
class ClaimsAggregate {
 public:
  /// @brief The aggregate of no rows.
  ClaimsAggregate() = default;
  /// @brief An aggregate from its cells and row count (e.g. read back from storage).
  /// @param cells sorted by classification, type and level, each at most once
  /// @param rows the number of claim rows summed
  /// @param path the field path errors name
  /// @throws ValidationError naming `<path>.cells[i]` for a negative level or payment or a cell out of
  ///         order or repeated, and `<path>.rows` for a negative count.
  [[nodiscard]] static ClaimsAggregate from_cells(std::vector<ClaimsCell> cells, std::int64_t rows,
                                                  const std::string& path = "aggregate");
  /// @brief The cells, sorted by classification, type and level.
  [[nodiscard]] const std::vector<ClaimsCell>& cells() const noexcept { return cells_; }
  /// @brief The number of claim rows summed.
  [[nodiscard]] std::int64_t rows() const noexcept { return rows_; }
  /// Same cells and same row count.
  friend bool operator==(const ClaimsAggregate&, const ClaimsAggregate&) = default;

 private:
  std::vector<ClaimsCell> cells_;
  std::int64_t rows_ = 0;
};

/// @brief Sums claim rows by classification, type and level.
/// @param claims the columns (their `first_row` numbers the rows in errors)
/// @param threads how many threads share the rows (0: one per hardware thread); the result is the
///        same for any number
/// @throws ValidationError naming `claims.<column>[row]` for unequal lengths, an unknown code or a
///         negative payment or level (the first such row); OverflowError when payments add up beyond
///         64-bit cents.
[[nodiscard]] ClaimsAggregate aggregate_claim_rows(const ClaimColumns& claims, unsigned threads = 1);

/// @brief The aggregate of the rows of both.
/// @throws OverflowError naming `claims.payment (sum)` when a sum passes 64-bit cents.
[[nodiscard]] ClaimsAggregate merge(const ClaimsAggregate& a, const ClaimsAggregate& b);

/// @brief The projections for `analyse`, one `ClassificationData` per classification seen.
/// @throws ValidationError naming `claims` for a classification whose types' payments differ (each
///         claim has one row per type, level 0 when it is not subject); OverflowError for a total
///         beyond 64-bit cents.
[[nodiscard]] std::vector<ClassificationData> to_classifications(const ClaimsAggregate& aggregate);

/// @brief `{"rows": n, "cells": [{"classification", "type", "level", "payments_cents"}]}`.
[[nodiscard]] nlohmann::json to_json(const ClaimsAggregate& aggregate);
/// @brief Reads the JSON form back.
/// @throws ValidationError / NotFoundError naming the JSON path.
[[nodiscard]] ClaimsAggregate claims_aggregate_from_json(const nlohmann::json& document,
                                                         const std::string& path = "aggregate");

}  // namespace iop::parity
