#pragma once
/// @file
/// @brief A remittance (an 835 read by iop) as CSV: one row per service line.
///
/// Columns: `claim, status, date, code, modifiers, revenue_code, units, charge, allowed, paid, patient,
/// deductible, coinsurance, copay, contractual, other_adjustments, adjustments`. Money is written as plain
/// decimal dollars (`1234.56`); `allowed` is empty when the payer states none; the patient's deductible,
/// coinsurance and copay are the PR adjustments with reasons 1, 2 and 3; `other_adjustments` sums the OA and
/// PI groups; `adjustments` lists every CAS adjustment as `group-reason amount`, separated by `; `. Cells
/// follow `iop/io/csv.hpp` (RFC 4180, formula-safe), rows end with CRLF.
///
/// @code
/// std::string csv = iop::to_csv(iop::x12::remittance_from_835(text));
/// @endcode
///
/// Thread safety: a pure function of its argument.

#include <string>

#include "iop/billing/remittance.hpp"

namespace iop {

/// @brief The remittance's service lines as CSV with a header row and CRLF line ends.
[[nodiscard]] std::string to_csv(const Remittance& remittance);

}  // namespace iop
