#pragma once
/// @file
/// @brief NQTL comparative analyses (29 U.S.C. 1185a(a)(8), added by the Consolidated Appropriations Act, 2021).
///
/// A plan that imposes a non-quantitative treatment limitation (prior
/// authorisation, concurrent review, medical-necessity criteria, reimbursement
/// methods, ...) on mental health or substance use benefits must document a
/// comparative analysis with five elements: the plan terms; the factors used;
/// the evidentiary standards; the comparative analysis showing the processes
/// are comparable and applied no more stringently, as written and in
/// operation; and the specific findings and conclusions. An `NqtlRecord` holds
/// them and the comparable medical/surgical practice, so iop can check the
/// record is complete and flag an IOP limitation stricter than its
/// medical/surgical comparator in the same classification.
///
/// A record also lists the benefits the NQTL applies to in each classification
/// (element (i) asks for them) and, for the analysis "in operation", measured
/// data compared between the MH/SUD and the M/S benefits: approval and denial
/// rates, review frequency, time to appointment, out-of-network use, providers
/// accepting new patients. Neither the statute nor the 2013 rule fixes a
/// numeric tolerance, so each comparison carries the threshold the plan's own
/// analysis uses, and the report states it.
///
/// @code
/// iop::parity::OperationComparison c{iop::parity::OperationMeasure::denial_rate,
///     iop::parity::Classification::outpatient_in_network, "2025 plan year",
///     iop::Rate::percent(12), iop::Rate::percent(5), iop::Rate::percent(5)};
/// // 12 % against 5 %: 7 points more restrictive, beyond the stated 5 points.
/// @endcode

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iop/core/rate.hpp"
#include "iop/parity/classification.hpp"

namespace iop::parity {

/// @brief The NQTL kinds iop compares.
enum class NqtlKind {
  prior_authorization,       ///< approval before services
  concurrent_review,         ///< review during a course
  medical_necessity_criteria,///< the criteria a reviewer applies
  reimbursement_method,      ///< how rates are set
  other,                     ///< anything else (checked for completeness only)
};
/// @brief The identifier, e.g. `prior_authorization`.
[[nodiscard]] std::string_view to_string(NqtlKind k) noexcept;
/// @brief Parses an NQTL kind.
/// @throws NotFoundError naming @p field.
[[nodiscard]] NqtlKind parse_nqtl_kind(std::string_view text, std::string_view field = "kind");

/// @brief How a limitation is applied, comparably for MH/SUD and for M/S benefits.
struct NqtlPractice {
  bool required = false;                   ///< the limitation applies at all (prior authorisation, review)
  std::optional<int> review_every_days;    ///< concurrent review interval, days
  std::string criteria_source;             ///< e.g. `LOCUS`, `InterQual (proprietary)`
  std::optional<int> reimbursement_percent_of_medicare;  ///< reimbursement benchmark
};

/// @brief The benefits an NQTL applies to in one classification (1185a(a)(8)(A)(i)).
struct NqtlBenefits {
  Classification classification = Classification::outpatient_in_network;  ///< the classification
  std::vector<std::string> mental_health;     ///< MH/SUD benefits it applies to there
  std::vector<std::string> medical_surgical;  ///< M/S benefits it applies to there
  /// Same lists.
  friend bool operator==(const NqtlBenefits&, const NqtlBenefits&) = default;
};

/// @brief What an in-operation comparison measures; each has a unit and a restrictive direction.
enum class OperationMeasure {
  approval_rate,                          ///< share of requests approved (lower is more restrictive)
  denial_rate,                            ///< share of requests or claims denied (higher is more restrictive)
  days_between_reviews,                   ///< review frequency as days between reviews (fewer is more restrictive)
  days_to_appointment,                    ///< network adequacy: days to an appointment (more is more restrictive)
  out_of_network_utilization_rate,        ///< share of services used out of network (higher signals network gaps)
  providers_accepting_new_patients_rate,  ///< share of in-network providers accepting new patients (lower is more restrictive)
};
/// @brief The identifier, e.g. `denial_rate`.
[[nodiscard]] std::string_view to_string(OperationMeasure m) noexcept;
/// @brief Parses a measure.
/// @throws NotFoundError naming @p field.
[[nodiscard]] OperationMeasure parse_operation_measure(std::string_view text, std::string_view field = "measure");
/// @brief True for the measures counted in days (the others are rates).
[[nodiscard]] constexpr bool measured_in_days(OperationMeasure m) noexcept {
  return m == OperationMeasure::days_between_reviews || m == OperationMeasure::days_to_appointment;
}
/// @brief True where a higher value is more restrictive for the benefit it describes.
[[nodiscard]] constexpr bool higher_is_more_restrictive(OperationMeasure m) noexcept {
  return m == OperationMeasure::denial_rate || m == OperationMeasure::days_to_appointment ||
         m == OperationMeasure::out_of_network_utilization_rate;
}

/// @brief One measured comparison of an NQTL in operation.
///
/// Values and threshold are exact: rates as `Rate` (12 % = 12/100), days as whole
/// `Rate`s (`Rate::fraction(14, 1)`). The threshold is the largest difference in
/// the restrictive direction the plan's analysis accepts (percentage points for
/// a rate, days for days).
struct OperationComparison {
  OperationMeasure measure = OperationMeasure::denial_rate;                ///< what is measured
  Classification classification = Classification::outpatient_in_network;  ///< where
  std::string period;          ///< the period measured, e.g. `2025 plan year`
  Rate mental_health;          ///< the MH/SUD benefit's value
  Rate medical_surgical;       ///< the comparable M/S benefit's value
  Rate threshold;              ///< the plan's stated tolerance
  /// Same comparison.
  friend bool operator==(const OperationComparison&, const OperationComparison&) = default;
};

/// @brief One NQTL's comparative analysis.
struct NqtlRecord {
  std::string name;                     ///< e.g. `Prior authorization for IOP`
  NqtlKind kind = NqtlKind::other;      ///< what kind of limitation
  std::string classification;           ///< the classification it is analysed in (a classification name)
  std::string benefit;                  ///< the MH/SUD benefit, e.g. `Intensive outpatient program`
  std::string comparable_benefit;       ///< the comparable M/S benefit
  std::string terms;                    ///< (i) plan terms for the NQTL and the benefits it applies to
  std::string factors;                  ///< (ii) factors used to design and apply it
  std::string evidentiary_standards;    ///< (iii) evidentiary standards for the factors
  std::string comparative_analysis;     ///< (iv) analysis as written and in operation
  std::string findings;                 ///< (v) specific findings and conclusions
  NqtlPractice mental_health;           ///< how it applies to the MH/SUD benefit
  NqtlPractice medical_surgical;        ///< how it applies to the comparable M/S benefit
  std::vector<NqtlBenefits> applies_to; ///< the benefits it applies to, classification by classification
  std::vector<OperationComparison> in_operation;  ///< measured data, MH/SUD against M/S
};

}  // namespace iop::parity
