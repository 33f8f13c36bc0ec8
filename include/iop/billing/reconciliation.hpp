#pragma once
/// @file
/// @brief Reconciliation: an estimate against what the payer actually paid, line by line.
///
/// Each estimated line is matched with the remitted line of the same date of
/// service and code (in order, when a day has two of the same code). For each
/// pair the expected and actual plan payment and patient responsibility are set
/// side by side, and every difference iop can explain is explained:
/// - a different allowed amount (the contractual adjustment's reason, e.g. CO-45);
/// - a denied line (its group and reason, e.g. CO-197, authorisation absent);
/// - a different deductible, coinsurance or copay on the line;
/// - an estimated line not on the remittance, and a remitted line not estimated.
///
/// Over the whole remittance: when the payer moves past the deductible before the
/// estimate would, the amount met elsewhere since the accumulators were read is
/// worked out and said; provider-level adjustments (PLB) are listed apart, since
/// they belong to no line. The accumulators are then brought up to date from the
/// actual amounts: deductible met + PR-1 (+ what was met elsewhere), out of pocket
/// + PR-1, 2 and 3, visits + the lines paid or applied to cost sharing, as of the
/// day after the last date of service remitted.
///
/// The Good Faith Estimate check (45 CFR 149.620(a)(2)(ii), (b)): billed charges
/// at least $400 more than the expected charges of the provider's GFE make an
/// uninsured or self-pay patient eligible for the patient-provider dispute
/// resolution process, which the patient must start within 120 calendar days of
/// receiving the initial bill (149.620(c)); iop counts them from the bill's date.
///
/// @code
/// auto result = iop::reconcile(estimate, remittance, coverage);
/// result.actual_patient - result.expected_patient;   // how far the estimate was off
/// @endcode
///
/// Thread safety: pure functions.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/billing/coverage.hpp"
#include "iop/billing/estimate.hpp"
#include "iop/billing/remittance.hpp"

namespace iop {

/// @brief One line: what the estimate expected and what the remittance says.
struct ReconciledLine {
  Date date;                    ///< date of service
  std::string code;             ///< procedure code
  std::string status;           ///< `paid`, `denied`, `not_remitted` (estimated only) or `not_estimated` (remitted only)
  Money expected_charge;        ///< the estimate's charge
  Money billed_charge;          ///< SVC02
  Money expected_allowed;       ///< the estimate's allowed amount
  Money actual_allowed;         ///< AMT*B6, else the charge less CO, OA and PI adjustments
  Money expected_plan;          ///< the estimate's plan payment
  Money actual_plan;            ///< SVC03
  Money expected_patient;       ///< the estimate's patient share
  Money actual_patient;         ///< PR adjustments
  Money expected_deductible;    ///< the estimate's deductible
  Money actual_deductible;      ///< PR-1
  Money expected_coinsurance;   ///< the estimate's coinsurance
  Money actual_coinsurance;     ///< PR-2
  Money expected_copay;         ///< the estimate's copay
  Money actual_copay;           ///< PR-3
  std::vector<std::string> explanations;  ///< each difference iop can explain
};

/// @brief The Good Faith Estimate's figures the dispute check needs.
struct GfeTerms {
  Money expected_charges;  ///< the total expected charges of the provider's GFE
  Date billed_on;          ///< the date of the provider's initial bill to the patient
};

/// @brief The 45 CFR 149.620 check: billed charges against the GFE's expected charges.
struct GfeCheck {
  Money expected_charges;  ///< the GFE's
  Money billed_charges;    ///< the remittance's claim charges (CLP03)
  Money excess;            ///< billed - expected
  bool eligible = false;   ///< excess of $400.00 or more
  Date billed_on;          ///< the bill's date
  Date dispute_deadline;   ///< billed_on + 120 calendar days
  std::string explanation; ///< what it means for the patient
};

/// @brief An estimate reconciled with a remittance.
struct Reconciliation {
  std::vector<ReconciledLine> lines;       ///< estimated and remitted lines, by date
  Money expected_charges;                  ///< the estimate's charges
  Money billed_charges;                    ///< the remittance's line charges
  Money expected_plan;                     ///< the estimate's plan payments
  Money actual_plan;                       ///< the payer's line payments
  Money expected_patient;                  ///< the estimate's patient share
  Money actual_patient;                    ///< the PR adjustments
  Money provider_adjustments;              ///< PLB total (positive: withheld from the provider)
  Money deductible_met_elsewhere;          ///< the deductible met outside this remittance since the accumulators' date
  std::vector<std::string> explanations;   ///< over the remittance: deductible met elsewhere, PLB, warnings
  Accumulators accumulators;               ///< brought up to date from the actual amounts
  std::optional<GfeCheck> gfe;             ///< the dispute check, when a GFE is given
};

/// @brief Reconciles @p estimate (of @p coverage) with @p remittance (its claims are one patient's).
/// @throws ValidationError when the coverage has no accumulators' date to start from and no line is remitted.
[[nodiscard]] Reconciliation reconcile(const CostEstimate& estimate, const Remittance& remittance,
                                       const Coverage& coverage, const std::optional<GfeTerms>& gfe = std::nullopt);

/// @brief The 45 CFR 149.620 check alone.
[[nodiscard]] GfeCheck gfe_dispute_check(Money expected_charges, Money billed_charges, Date billed_on);

/// @brief The JSON of a reconciliation (see the schema `iop schema reconciliation`).
[[nodiscard]] nlohmann::json to_json(const Reconciliation& reconciliation);

}  // namespace iop
