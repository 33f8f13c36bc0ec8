#pragma once
/// @file
/// @brief A cost estimate as CSV: one row per adjudicated claim line.
///
/// Columns: `date, session, code, units, charge, network, allowed, covered,
/// deductible, copay, coinsurance, balance_billed, plan, secondary, patient,
/// write_off, rules`. Money is written as plain
/// decimal dollars (`1234.56`), exactly as in the estimate's JSON; the rules
/// column lists the fee rule and every adjudication rule applied to the line,
/// separated by `; `. Cells follow `iop/io/csv.hpp` (RFC 4180, formula-safe).
///
/// @code
/// std::string csv = iop::to_csv(iop::estimate_cost(calendar, program, fees, coverage));
/// @endcode
///
/// Thread safety: a pure function of its argument.

#include <string>

#include "iop/billing/estimate.hpp"

namespace iop {

/// @brief The estimate's lines as CSV with a header row and CRLF line ends.
[[nodiscard]] std::string to_csv(const CostEstimate& estimate);

}  // namespace iop
