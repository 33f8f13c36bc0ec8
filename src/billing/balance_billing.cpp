#include "iop/billing/balance_billing.hpp"

#include <string>

#include "iop/core/error.hpp"
#include "core/enum_names.hpp"

namespace iop {
namespace {

constexpr detail::EnumNames<FacilityKind, 5> kFacilities{{
    {FacilityKind::hospital, "hospital"},
    {FacilityKind::hospital_outpatient_department, "hospital_outpatient_department"},
    {FacilityKind::critical_access_hospital, "critical_access_hospital"},
    {FacilityKind::ambulatory_surgical_center, "ambulatory_surgical_center"},
    {FacilityKind::clinic, "clinic"}}};
constexpr detail::EnumNames<PlanRegulator, 4> kRegulators{{{PlanRegulator::dmhc, "dmhc"},
                                                           {PlanRegulator::cdi, "cdi"},
                                                           {PlanRegulator::self_funded, "self_funded"},
                                                           {PlanRegulator::other, "other"}}};

}  // namespace

std::string_view to_string(FacilityKind kind) noexcept { return detail::enum_name(kFacilities, kind); }
FacilityKind parse_facility_kind(std::string_view text, std::string_view field) {
  return detail::parse_enum(kFacilities, text, field, "a facility kind");
}
std::string_view to_string(PlanRegulator regulator) noexcept { return detail::enum_name(kRegulators, regulator); }
PlanRegulator parse_plan_regulator(std::string_view text, std::string_view field) {
  return detail::parse_enum(kRegulators, text, field, "a plan regulator");
}

bool is_no_surprises_act_facility(FacilityKind kind) noexcept {
  // 42 U.S.C. 300gg-111(b)(2)(A)(ii)(I)-(IV): a hospital, a hospital outpatient department,
  // a critical access hospital, an ambulatory surgical center.
  return kind != FacilityKind::clinic;
}

std::optional<BalanceBillingProtection> balance_billing_protection(const BalanceBillingFacts& f) {
  if (f.payer == PayerType::medicaid)
    return BalanceBillingProtection{"Medicaid", "Medicaid: the provider accepts the agency's payment and the cost sharing "
                                                "as payment in full (42 CFR 447.15)"};
  if (f.payer != PayerType::commercial || f.provider_in_network || !f.facility_in_network) return std::nullopt;
  // A nonparticipating provider at a participating facility.
  if (is_no_surprises_act_facility(f.facility) && !f.notice_and_consent)
    return BalanceBillingProtection{
        "No Surprises Act",
        "No Surprises Act: a nonparticipating provider at a participating " + std::string(to_string(f.facility)) +
            " bills no more than the in-network cost sharing, counted toward the in-network deductible and maximum "
            "(42 U.S.C. 300gg-132(a), 300gg-111(b)(1); 45 CFR 149.420(a))"};
  if (f.state == "CA" && (f.regulator == PlanRegulator::dmhc || f.regulator == PlanRegulator::cdi) && !f.notice_and_consent)
    return BalanceBillingProtection{
        "California AB 72",
        std::string("California AB 72: services from a noncontracting individual health professional at a contracting "
                    "health facility cost the enrollee no more than the in-network cost sharing (") +
            (f.regulator == PlanRegulator::dmhc ? "Health and Safety Code 1371.9(a)" : "Insurance Code 10112.8(a)") + ")"};
  return std::nullopt;
}

std::string balance_billing_allowed_reason(const BalanceBillingFacts& f) {
  if (!f.facility_in_network)
    return "balance billing allowed: the program itself is out of network, and no protection covers scheduled care "
           "the patient chose there (the No Surprises Act protects emergency services, 42 U.S.C. 300gg-131, "
           "out-of-network providers at participating facilities, 300gg-132, and air ambulance, 300gg-112)";
  if (f.notice_and_consent)
    return "balance billing allowed: the patient consented in writing to out-of-network care (42 U.S.C. 300gg-132(d); "
           "45 CFR 149.420(c))";
  return "balance billing allowed: a " + std::string(to_string(f.facility)) +
         " is not a participating health care facility of the No Surprises Act (42 U.S.C. 300gg-111(b)(2)(A)(ii)), "
         "and no state protection was stated (California AB 72 needs a DMHC- or CDI-regulated plan in CA)";
}

}  // namespace iop
