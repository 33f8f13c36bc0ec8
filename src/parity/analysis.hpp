#pragma once
// The steps of parity::analyse (internal), one file each: scope and exemptions,
// dollar limits, NQTL analyses, state overlays. Each appends findings that are
// sentences a reader can quote, with the rule they come from.

#include <string>
#include <vector>

#include "iop/parity/report.hpp"

namespace iop::parity::analysis {

// A share for display, one decimal: "62.5%". Decisions never use it.
std::string percent(const Rate& r);
// The exact share when it fits a Rate, else rounded to 1e-9 (display only).
Rate share_of(Money part, Money whole);
// "a, b and c".
std::string join_and(const std::vector<std::string>& items);

// Scope, sponsor, size and the exemptions; clears report.subject_to_parity when the tests do not apply.
void scope(const BenefitDesign& design, ParityReport& report);
// The aggregate lifetime and annual dollar limit tests, with their findings.
void dollar_limits(const BenefitDesign& design, ParityReport& report);
// One NQTL record: completeness, stricter limitations, benefits per classification, in-operation data.
void nqtl(const NqtlRecord& record, std::vector<Finding>& findings);
// The state overlays for the design's state.
void overlays(const BenefitDesign& design, std::vector<Finding>& findings);

}  // namespace iop::parity::analysis
