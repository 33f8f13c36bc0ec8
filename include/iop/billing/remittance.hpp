#pragma once
/// @file
/// @brief `Remittance`: what a payer paid, claim by claim and line by line, and why (an 835's content).
///
/// A remittance holds the payer's claims as it adjudicated them: each claim's
/// status, charge, payment and patient responsibility; each service line's charge,
/// allowed amount, payment and units; and every adjustment as a group and a reason
/// (CARC): `CO` contractual, `PR` patient responsibility, `OA` other, `PI` payer
/// initiated. The amounts balance as the 835 guide (005010X221A1, section 1.10.2)
/// requires, and a remittance read from X12 is checked to:
/// - a line: charge − its adjustments = paid (SVC02 − CAS = SVC03);
/// - a claim: charge − claim and line adjustments = paid (CLP03 − CAS = CLP04);
/// - the payment: the claims' payments − provider-level adjustments = the total (ΣCLP04 − ΣPLB = BPR02).
///
/// The patient's share is the sum of the `PR` adjustments: reason 1 deductible,
/// 2 coinsurance, 3 copay, others (such as 96, non-covered, or 204) that do not
/// count toward an out-of-pocket maximum.
///
/// @code
/// auto remittance = iop::x12::remittance_from_835(text);
/// for (const auto& claim : remittance.claims) claim.paid;  // exact cents
/// @endcode
///
/// Thread safety: plain values.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/core/date.hpp"
#include "iop/core/money.hpp"

namespace iop {

/// @brief An adjustment group (CAS01).
enum class AdjustmentGroup {
  contractual,      ///< CO: the provider's contract writes it off
  other,            ///< OA: other adjustments
  payer_initiated,  ///< PI: the payer's own reduction
  patient,          ///< PR: the patient owes it
};
/// @brief `CO`, `OA`, `PI` or `PR`.
[[nodiscard]] std::string_view to_code(AdjustmentGroup group) noexcept;
/// @brief `contractual`, `other`, `payer_initiated` or `patient`.
[[nodiscard]] std::string_view to_string(AdjustmentGroup group) noexcept;

/// @brief One adjustment: a group, a claim adjustment reason code and an amount (positive lowers the payment).
struct Adjustment {
  AdjustmentGroup group = AdjustmentGroup::contractual;  ///< CAS01
  std::string reason;  ///< the CARC, e.g. `45`
  Money amount;        ///< the amount
  /// Member-wise equality.
  friend bool operator==(const Adjustment&, const Adjustment&) = default;
};

/// @brief What a CARC means, for the codes an IOP's remittances carry (empty for another code).
[[nodiscard]] std::string_view reason_description(std::string_view carc) noexcept;

/// @brief One service line of a remitted claim (loop 2110).
struct RemittanceLine {
  std::string code;                   ///< the procedure code (HCPCS/CPT), empty when only a revenue code
  std::vector<std::string> modifiers; ///< its modifiers
  std::string revenue_code;           ///< the revenue code (institutional claims)
  Money charge;                       ///< SVC02
  Money paid;                         ///< SVC03
  int units = 1;                      ///< SVC05 (1 when absent)
  std::optional<Money> allowed;       ///< AMT*B6, when the payer states it
  Date date;                          ///< DTM*472, or the claim's first day
  std::vector<Adjustment> adjustments;  ///< CAS
  std::vector<std::string> remarks;   ///< LQ remark codes (RARC)
  std::string control;                ///< REF*6R, the line's control number from the claim
  /// The sum of the PR adjustments.
  [[nodiscard]] Money patient() const;
  /// The sum of the adjustments of @p group with @p reason (every reason when empty).
  [[nodiscard]] Money adjusted(AdjustmentGroup group, std::string_view reason = {}) const;
  /// Member-wise equality.
  friend bool operator==(const RemittanceLine&, const RemittanceLine&) = default;
};

/// @brief One claim of a remittance (loop 2100).
struct RemittanceClaim {
  std::string patient_control;   ///< CLP01: the provider's claim identifier
  std::string status;            ///< CLP02: 1 primary, 2 secondary, 3 tertiary, 4 denied, 19-23, 25
  Money charge;                  ///< CLP03
  Money paid;                    ///< CLP04
  Money patient_responsibility;  ///< CLP05 as stated
  std::string filing_indicator;  ///< CLP06 (12 PPO, 13 POS, HM HMO, MB Medicare Part B, MC Medicaid, CI commercial, ...)
  std::string payer_control;     ///< CLP07: the payer's claim control number
  std::string facility_type;     ///< CLP08 (place of service or type of bill's first two digits)
  std::string frequency;         ///< CLP09
  std::string patient_last_name; ///< NM1*QC 03
  std::string patient_first_name;  ///< NM1*QC 04
  std::string member_id;         ///< NM1*QC 09
  std::optional<Date> period_start;  ///< DTM*232
  std::optional<Date> period_end;    ///< DTM*233
  std::vector<Adjustment> adjustments;  ///< claim-level CAS
  std::vector<RemittanceLine> lines;    ///< service lines
  /// The claim's patient share: PR adjustments of the claim and its lines.
  [[nodiscard]] Money patient() const;
  /// Whether the payer denied it (CLP02 4).
  [[nodiscard]] bool denied() const noexcept { return status == "4"; }
  /// Member-wise equality.
  friend bool operator==(const RemittanceClaim&, const RemittanceClaim&) = default;
};

/// @brief A provider-level adjustment (PLB): positive lowers the payment (a recoupment), negative raises it.
struct ProviderAdjustment {
  std::string provider;     ///< PLB01
  Date fiscal_period;       ///< PLB02
  std::string reason;       ///< PLB03-1 (e.g. WO overpayment recovery, L6 interest, 72 authorized return)
  std::string reference;    ///< PLB03-2
  Money amount;             ///< PLB04
  /// Member-wise equality.
  friend bool operator==(const ProviderAdjustment&, const ProviderAdjustment&) = default;
};

/// @brief A remittance: the payment and every claim it pays.
struct Remittance {
  std::string payer_name;     ///< N1*PR 02
  std::string payer_id;       ///< REF*2U, or TRN03
  std::string payee_name;     ///< N1*PE 02
  std::string payee_npi;      ///< N1*PE 04 with N103 XX
  std::string handling;       ///< BPR01: I remittance with payment, H notification only, ...
  Money total_paid;           ///< BPR02
  std::string method;         ///< BPR04: ACH, CHK, NON, ...
  Date payment_date;          ///< BPR16
  std::string trace;          ///< TRN02: the check or EFT trace number
  std::vector<RemittanceClaim> claims;                  ///< in the order remitted
  std::vector<ProviderAdjustment> provider_adjustments; ///< PLB
  std::vector<std::string> warnings;  ///< what the payer stated inconsistently without breaking balance
  /// Member-wise equality.
  friend bool operator==(const Remittance&, const Remittance&) = default;
};

/// @brief The JSON of a remittance (money as decimal strings; see the schema `iop schema remittance`).
[[nodiscard]] nlohmann::json to_json(const Remittance& remittance);

}  // namespace iop
