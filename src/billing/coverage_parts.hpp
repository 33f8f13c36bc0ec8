#pragma once
// What the coverage's model (coverage.cpp) and its JSON (coverage_json.cpp) share: the names of its enumerations
// and the checks of its amounts and authorisations. Not installed.

#include <string>
#include <string_view>
#include <vector>

#include "iop/billing/coverage.hpp"
#include "core/enum_names.hpp"

namespace iop::coverage_detail {

constexpr detail::EnumNames<NetworkStatus, 2> kNetworks{{{NetworkStatus::in_network, "in_network"},
                                                         {NetworkStatus::out_of_network, "out_of_network"}}};
constexpr detail::EnumNames<CostSharingCombination, 4> kCombinations{{
    {CostSharingCombination::single, "single"},
    {CostSharingCombination::copay_then_coinsurance, "copay_then_coinsurance"},
    {CostSharingCombination::greater_of, "greater_of"},
    {CostSharingCombination::lesser_of, "lesser_of"}}};
constexpr detail::EnumNames<FamilyAccumulation, 2> kFamily{{{FamilyAccumulation::embedded, "embedded"},
                                                            {FamilyAccumulation::aggregate, "aggregate"}}};
constexpr detail::EnumNames<AllowedBasis, 3> kAllowedBases{{{AllowedBasis::fee_schedule, "fee_schedule"},
                                                            {AllowedBasis::percent_of_charge, "percent_of_charge"},
                                                            {AllowedBasis::percent_of_medicare, "percent_of_medicare"}}};
constexpr detail::EnumNames<TierAccumulation, 2> kTierAccumulation{{{TierAccumulation::separate, "separate"},
                                                                    {TierAccumulation::joint, "joint"}}};
constexpr detail::EnumNames<OutsideAuthorization, 2> kOutside{{{OutsideAuthorization::patient_pays, "patient_pays"},
                                                               {OutsideAuthorization::provider_absorbs, "provider_absorbs"}}};
constexpr detail::EnumNames<Coordination, 3> kCoordination{{{Coordination::standard, "standard"},
                                                            {Coordination::non_duplication, "non_duplication"},
                                                            {Coordination::medigap, "medigap"}}};
constexpr detail::EnumNames<NotCovered, 7> kNotCovered{{
    {NotCovered::none, "none"},
    {NotCovered::self_pay, "self_pay"},
    {NotCovered::uninsured, "uninsured"},
    {NotCovered::visit_limit, "visit_limit"},
    {NotCovered::outside_authorization, "outside_authorization"},
    {NotCovered::authorization_units_used, "authorization_units_used"},
    {NotCovered::no_out_of_network_benefits, "no_out_of_network_benefits"}}};
constexpr detail::EnumNames<MedicareSetting, 3> kSettings{{{MedicareSetting::hospital, "hospital"},
                                                           {MedicareSetting::cmhc, "cmhc"},
                                                           {MedicareSetting::off_campus_non_excepted, "off_campus_non_excepted"}}};

/// `path.member`, or `member` at the top.
std::string join_path(const std::string& path, std::string_view member);
/// An amount of a coverage: $0.00 up to the largest amount on a bill (docs/limits.md).
void require_amount(Money m, const std::string& field);
/// Each authorisation: a reference, a period, units; extensions name an earlier one.
void validate_authorizations(const std::vector<Authorization>& authorizations, const std::string& path);

}  // namespace iop::coverage_detail
