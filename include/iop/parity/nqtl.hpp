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

#include <optional>
#include <string>
#include <string_view>

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

/// @brief One NQTL's comparative analysis.
struct NqtlRecord {
  std::string name;                     ///< e.g. `Prior authorization for IOP`
  NqtlKind kind = NqtlKind::other;      ///< what kind of limitation
  std::string classification;           ///< the classification it is analysed in
  std::string benefit;                  ///< the MH/SUD benefit, e.g. `Intensive outpatient program`
  std::string comparable_benefit;       ///< the comparable M/S benefit
  std::string terms;                    ///< (i) plan terms for the NQTL and the benefits it applies to
  std::string factors;                  ///< (ii) factors used to design and apply it
  std::string evidentiary_standards;    ///< (iii) evidentiary standards for the factors
  std::string comparative_analysis;     ///< (iv) analysis as written and in operation
  std::string findings;                 ///< (v) specific findings and conclusions
  NqtlPractice mental_health;           ///< how it applies to the MH/SUD benefit
  NqtlPractice medical_surgical;        ///< how it applies to the comparable M/S benefit
};

}  // namespace iop::parity
