#pragma once
/// @file
/// @brief Reading a 271 eligibility and benefits response (005010X279A1) into the benefits of an IOP.
///
/// The benefits an IOP uses are those of the service types for mental health and
/// substance use: MH mental health, A4 psychiatric, A6 psychotherapy, A8 psychiatric
/// outpatient, AI substance abuse, AJ alcoholism, AK drug addiction, CF mental health
/// provider outpatient, CH mental health facility outpatient. For each figure
/// (deductible, out-of-pocket maximum, coinsurance, copay, visit limit) the EB
/// segments of those types are read; when none states it, the EB segments of
/// service type 30 (health benefit plan coverage) are, and a note says so.
///
/// Each figure is kept by coverage level (EB02: IND individual, FAM family) and
/// network (EB12: Y in network, N out of network, W either), with its time period
/// (EB06: 23 calendar year, 22 service year, 25 contract, 29 remaining, 24 year to
/// date). The amounts already met are the accumulators as of the response date
/// (BHT04): the total less what remains, or the year-to-date amount. Coinsurance is
/// EB08, a decimal fraction (0.2 is 20%). EB11 Y marks a prior authorisation.
///
/// Nothing the 271 does not state is defaulted: every figure iop looks for and does
/// not find is listed in `not_stated`, and two EB segments that state different
/// values for the same figure are both reported in `conflicts` and neither is used.
///
/// A 271 may answer for several people (a batch): one `Benefits` per subscriber or
/// dependent (HL 22 or 23), in order. Names, member IDs and birth dates are read
/// and checked but not kept.
///
/// @code
/// auto patients = iop::x12::benefits_from_271(text);
/// nlohmann::json coverage = iop::x12::coverage_document(patients.at(0));   // members the 271 states
/// @endcode
///
/// Thread safety: pure functions.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/core/date.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"
#include "iop/io/x12/interchange.hpp"

namespace iop::x12 {

/// @brief The benefits of one network tier (in or out of network), as far as the 271 states them.
struct TierBenefits {
  std::optional<Money> deductible_individual;            ///< EB01 C, IND, a year's amount
  std::optional<Money> deductible_individual_remaining;  ///< EB01 C, IND, EB06 29
  std::optional<Money> deductible_individual_met;        ///< EB01 C, IND, EB06 24 (year to date)
  std::optional<Money> deductible_family;                ///< EB01 C, FAM
  std::optional<Money> deductible_family_remaining;      ///< EB01 C, FAM, 29
  std::optional<Money> deductible_family_met;            ///< EB01 C, FAM, 24
  std::optional<Money> oop_individual;                   ///< EB01 G, IND
  std::optional<Money> oop_individual_remaining;         ///< EB01 G, IND, 29
  std::optional<Money> oop_individual_met;               ///< EB01 G, IND, 24
  std::optional<Money> oop_family;                       ///< EB01 G, FAM
  std::optional<Money> oop_family_remaining;             ///< EB01 G, FAM, 29
  std::optional<Money> oop_family_met;                   ///< EB01 G, FAM, 24
  std::optional<Rate> coinsurance;                       ///< EB01 A, EB08
  std::optional<Money> copay;                            ///< EB01 B, EB07
  std::string copay_period;                              ///< EB06 of the copay (27 visit, 7 day, ...)
  std::optional<int> visit_limit;                        ///< EB01 F with EB09 VS (visits) or DY (days), EB10
  std::optional<int> visits_remaining;                   ///< the same with EB06 29
};

/// @brief One person's benefits for the IOP, read from a 271.
struct Benefits {
  Date response_date;                   ///< BHT04: the accumulators are as of this date
  std::string payer_name;               ///< NM1*PR 03
  std::string payer_id;                 ///< NM1*PR 09
  std::string payer;                    ///< commercial, medicare or medicaid (from EB04), empty when not stated
  std::string insurance_type;           ///< EB04 of the active coverage
  std::string plan_name;                ///< EB05 of the active coverage
  std::optional<bool> active;           ///< EB01 1-5 (active) or 6-8 (inactive)
  std::optional<Date> plan_begin;       ///< DTP*291 or 346
  std::optional<Date> plan_end;         ///< DTP*291 or 347
  std::vector<std::string> service_types;  ///< the IOP service types the benefits came from (or 30)
  TierBenefits in_network;              ///< EB12 Y (and W)
  TierBenefits out_of_network;          ///< EB12 N (and W)
  std::optional<bool> prior_authorization;  ///< EB11 on an IOP service type
  std::vector<std::string> not_stated;  ///< what iop looks for and the 271 does not state (never defaulted)
  std::vector<std::string> conflicts;   ///< figures stated twice with different values (neither used)
  std::vector<std::string> notes;       ///< fallbacks to service type 30, network W read as both tiers
  std::vector<std::string> messages;    ///< MSG free text of the IOP benefits
};

/// @brief Reads every person's benefits from a 271.
/// @throws ValidationError naming the segment and element (`271 segment 16 EB08`).
[[nodiscard]] std::vector<Benefits> benefits_from_271(std::string_view document, X12Limits limits = {});

/// @brief The coverage document (the schema `iop schema coverage`) of what the 271 states in network:
///        payer, plan_year_start, deductible, coinsurance, copay, out_of_pocket_max, visit_limit and
///        accumulators as of the response date; a member the 271 does not state is absent.
[[nodiscard]] nlohmann::json coverage_document(const Benefits& benefits);

/// @brief What is met of a deductible or out-of-pocket maximum: the year-to-date amount the 271 states
///        (EB06 24), else the amount less what remains (when the remaining amount is not above it),
///        else nothing. The JSON document's `*_met` members and the accumulators use it.
[[nodiscard]] std::optional<Money> met_amount(const std::optional<Money>& amount, const std::optional<Money>& remaining,
                                              const std::optional<Money>& year_to_date);

/// @brief The JSON of the benefits, with `not_stated` and `conflicts` first, the coverage document
///        and the tiers (see the schema `iop schema benefits`).
[[nodiscard]] nlohmann::json to_json(const Benefits& benefits);

}  // namespace iop::x12
