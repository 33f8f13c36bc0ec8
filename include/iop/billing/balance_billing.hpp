#pragma once
/// @file
/// @brief Balance billing out of network, and the protections that forbid it.
///
/// Out of network, a provider may bill the patient the charge above the
/// plan's allowed amount ("balance billing") on top of the cost sharing,
/// unless a protection applies. The ones iop states, each with its citation:
///
/// - **No Surprises Act, non-emergency services at a participating facility**
///   (42 U.S.C. 300gg-132(a); 300gg-111(b)(1); 45 CFR 149.420(a)): a
///   nonparticipating provider furnishing items or services at a participating
///   health care facility may not bill the patient more than the in-network
///   cost sharing, which is calculated on the recognized amount and counts
///   toward the in-network deductible and out-of-pocket maximum. A health care
///   facility here is a hospital, a hospital outpatient department, a critical
///   access hospital or an ambulatory surgical center (300gg-111(b)(2)(A)(ii)).
///   The protection is waived when the patient gave the written notice and
///   consent of 300gg-132(d) (45 CFR 149.420(c)), except for ancillary
///   services (300gg-132(b)(2)), which iop does not classify: a code marked
///   as consented to is taken as not ancillary.
/// - **California AB 72** (Health and Safety Code 1371.9 for DMHC-regulated
///   plans; Insurance Code 10112.8 for CDI-regulated insurers): an enrollee
///   receiving covered services at a contracting health facility from a
///   noncontracting individual health professional pays no more than the
///   in-network cost sharing, and the professional may not bill more
///   (1371.9(a)(1)-(3)); subdivision (c)'s written-consent exception for
///   plans with out-of-network benefits is honoured as stated consent.
///   Self-funded ERISA plans are not state-regulated and AB 72 does not reach them.
/// - **Medicaid** (42 CFR 447.15): a participating provider accepts the
///   agency's payment as payment in full.
///
/// None of these protects a patient who chose an out-of-network program for
/// scheduled care: the No Surprises Act's other cases are emergency services
/// (300gg-131) and air ambulance (300gg-112), and a scheduled IOP day is
/// neither. Such a line is balance billed, and says why.
///
/// @code
/// auto p = iop::balance_billing_protection({iop::PayerType::commercial, true, false,
///                                           iop::FacilityKind::hospital_outpatient_department,
///                                           iop::PlanRegulator::other, "AZ", false});
/// p->rule;   // "No Surprises Act: ... (42 U.S.C. 300gg-132(a); 45 CFR 149.420(a))"
/// @endcode

#include <optional>
#include <string>
#include <string_view>

#include "iop/plan/program.hpp"

namespace iop {

/// @brief The kind of facility a program is run in.
enum class FacilityKind {
  hospital,                        ///< a hospital (42 U.S.C. 1395x(e))
  hospital_outpatient_department,  ///< a hospital outpatient department
  critical_access_hospital,        ///< a critical access hospital (1395x(mm)(1))
  ambulatory_surgical_center,      ///< an ambulatory surgical center
  clinic,                          ///< a freestanding clinic or practice (not a No Surprises Act facility)
};
/// @brief The JSON name of a facility kind, e.g. `hospital_outpatient_department`.
[[nodiscard]] std::string_view to_string(FacilityKind kind) noexcept;
/// @brief Parses a facility kind.
/// @throws NotFoundError naming @p field.
[[nodiscard]] FacilityKind parse_facility_kind(std::string_view text, std::string_view field = "facility");
/// @brief Whether a facility is a "health care facility" of 42 U.S.C. 300gg-111(b)(2)(A)(ii).
[[nodiscard]] bool is_no_surprises_act_facility(FacilityKind kind) noexcept;

/// @brief Who regulates the plan, for state balance-billing laws.
enum class PlanRegulator {
  dmhc,        ///< California Department of Managed Health Care (Health and Safety Code)
  cdi,         ///< California Department of Insurance (Insurance Code)
  self_funded, ///< a self-funded ERISA plan: state insurance law does not reach it
  other,       ///< another state's regulator, or not stated
};
/// @brief `dmhc`, `cdi`, `self_funded` or `other`.
[[nodiscard]] std::string_view to_string(PlanRegulator regulator) noexcept;
/// @brief Parses a regulator.
/// @throws NotFoundError naming @p field.
[[nodiscard]] PlanRegulator parse_plan_regulator(std::string_view text, std::string_view field = "regulator");

/// @brief The facts a protection depends on, for one out-of-network line.
struct BalanceBillingFacts {
  PayerType payer;                ///< who pays
  bool facility_in_network;       ///< the program's facility is in the plan's network
  bool provider_in_network;       ///< the provider billing the line is in network
  FacilityKind facility;          ///< the kind of facility
  PlanRegulator regulator;        ///< who regulates the plan
  std::string state;              ///< where the service is furnished (USPS code)
  bool notice_and_consent;        ///< the patient consented in writing to out-of-network care
};

/// @brief A protection that applies: the patient owes in-network cost sharing and no balance bill.
struct BalanceBillingProtection {
  std::string name;  ///< e.g. `No Surprises Act`
  std::string rule;  ///< the rule as text, with its citation
};

/// @brief The protection for an out-of-network line, if one applies.
/// @return nothing when the line may be balance billed.
[[nodiscard]] std::optional<BalanceBillingProtection> balance_billing_protection(const BalanceBillingFacts& facts);

/// @brief Why an out-of-network line without protection may be balance billed (the rule text, with citations).
[[nodiscard]] std::string balance_billing_allowed_reason(const BalanceBillingFacts& facts);

}  // namespace iop
