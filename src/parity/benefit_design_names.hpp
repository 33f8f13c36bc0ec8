#pragma once
// The benefit design's names (its enums as JSON writes them) and the paragraphs its errors cite: what the design's
// checks (benefit_design.cpp) and its reading and writing (benefit_design_json.cpp) share.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/enum_names.hpp"
#include "iop/parity/benefit_design.hpp"

namespace iop::parity::design_names {

inline constexpr detail::EnumNames<NqtlKind, 5> kNqtlKinds{{
    {NqtlKind::prior_authorization, "prior_authorization"},
    {NqtlKind::concurrent_review, "concurrent_review"},
    {NqtlKind::medical_necessity_criteria, "medical_necessity_criteria"},
    {NqtlKind::reimbursement_method, "reimbursement_method"},
    {NqtlKind::other, "other"}}};
inline constexpr detail::EnumNames<OperationMeasure, 6> kMeasures{{
    {OperationMeasure::approval_rate, "approval_rate"},
    {OperationMeasure::denial_rate, "denial_rate"},
    {OperationMeasure::days_between_reviews, "days_between_reviews"},
    {OperationMeasure::days_to_appointment, "days_to_appointment"},
    {OperationMeasure::out_of_network_utilization_rate, "out_of_network_utilization_rate"},
    {OperationMeasure::providers_accepting_new_patients_rate, "providers_accepting_new_patients_rate"}}};
inline constexpr detail::EnumNames<Accumulation, 2> kAccumulation{{{Accumulation::joint, "joint"},
                                                            {Accumulation::separate, "separate"}}};
inline constexpr detail::EnumNames<Funding, 3> kFunding{{{Funding::unstated, "unstated"},
                                                  {Funding::fully_insured, "fully_insured"},
                                                  {Funding::self_insured, "self_insured"}}};
inline constexpr detail::EnumNames<Market, 4> kMarkets{{{Market::unstated, "unstated"},
                                                 {Market::large_group, "large_group"},
                                                 {Market::small_group, "small_group"},
                                                 {Market::individual, "individual"}}};
inline constexpr detail::EnumNames<Sponsor, 5> kSponsors{{{Sponsor::unstated, "unstated"},
                                                   {Sponsor::private_employer, "private_employer"},
                                                   {Sponsor::church, "church"},
                                                   {Sponsor::non_federal_governmental, "non_federal_governmental"},
                                                   {Sponsor::federal_governmental, "federal_governmental"}}};
inline constexpr detail::EnumNames<DollarLimitKind, 2> kDollarKinds{{{DollarLimitKind::lifetime, "lifetime"},
                                                              {DollarLimitKind::annual, "annual"}}};
inline constexpr detail::EnumNames<MhSudDollarLimit::Application, 3> kApplications{
    {{MhSudDollarLimit::Application::none, "none"},
     {MhSudDollarLimit::Application::joint, "joint"},
     {MhSudDollarLimit::Application::separate, "separate"}}};

inline constexpr const char* kTierRule = "29 CFR 2590.712(c)(3)(iii)(B)";
inline constexpr const char* kFormularyRule = "29 CFR 2590.712(c)(3)(iii)(A)";
inline constexpr const char* kSubclassRule = "29 CFR 2590.712(c)(3)(iii)(C)";
inline constexpr std::int64_t kMaxDays = 3650;

/// `path.member[i]`, the path of an element of a list member.
inline std::string indexed(std::string_view path, std::string_view member, std::size_t i) {
  return std::string(path) + "." + std::string(member) + "[" + std::to_string(i) + "]";
}

}  // namespace iop::parity::design_names
