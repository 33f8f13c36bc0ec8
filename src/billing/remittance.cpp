#include "iop/billing/remittance.hpp"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

#include "iop/core/json.hpp"
#include "declared.hpp"

namespace iop {

std::string_view to_code(AdjustmentGroup group) noexcept {
  switch (group) {
    case AdjustmentGroup::contractual: return "CO";
    case AdjustmentGroup::other: return "OA";
    case AdjustmentGroup::payer_initiated: return "PI";
    case AdjustmentGroup::patient: return "PR";
  }
  return "CO";
}

std::string_view to_string(AdjustmentGroup group) noexcept {
  switch (group) {
    case AdjustmentGroup::contractual: return "contractual";
    case AdjustmentGroup::other: return "other";
    case AdjustmentGroup::payer_initiated: return "payer_initiated";
    case AdjustmentGroup::patient: return "patient";
  }
  return "contractual";
}

std::string_view reason_description(std::string_view carc) noexcept {
  // Claim Adjustment Reason Codes (X12 external code list 139), the ones an IOP's remittances carry.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kReasons{{
      {"1", "deductible amount"},
      {"2", "coinsurance amount"},
      {"3", "co-payment amount"},
      {"4", "the procedure code is inconsistent with the modifier used"},
      {"16", "the claim lacks information or has submission or billing errors"},
      {"18", "exact duplicate claim or service"},
      {"23", "the impact of prior payer adjudication"},
      {"27", "expenses incurred after coverage terminated"},
      {"29", "the time limit for filing has expired"},
      {"45", "charge exceeds the fee schedule or the maximum allowable or contracted amount"},
      {"50", "not deemed a medical necessity by the payer"},
      {"96", "non-covered charge"},
      {"97", "the benefit for this service is included in the payment for another service already adjudicated"},
      {"119", "benefit maximum for this time period or occurrence has been reached"},
      {"197", "precertification, authorization, notification or pre-treatment absent"},
      {"198", "precertification, notification, authorization or pre-treatment exceeded"},
      {"204", "this service is not covered under the patient's current benefit plan"},
      {"253", "sequestration: reduction of federal payment"},
  }};
  for (const auto& [code, text] : kReasons)
    if (code == carc) return text;
  return {};
}

Money RemittanceLine::adjusted(AdjustmentGroup group, std::string_view reason) const {
  Money total;
  for (const auto& a : adjustments)
    if (a.group == group && (reason.empty() || a.reason == reason)) total += a.amount;
  return total;
}

Money RemittanceLine::patient() const { return adjusted(AdjustmentGroup::patient); }

Money RemittanceClaim::patient() const {
  Money total;
  for (const auto& a : adjustments)
    if (a.group == AdjustmentGroup::patient) total += a.amount;
  for (const auto& line : lines) total += line.patient();
  return total;
}

namespace {

// A claim's and a line's adjustments are written alike: the two declarations must agree.
static_assert(decl::remittance_claim_adjustment::members == decl::remittance_claim_line_adjustment::members);

nlohmann::json adjustments_json(const std::vector<Adjustment>& adjustments) {
  namespace A = decl::remittance_claim_adjustment;
  using decl::key;
  auto out = nlohmann::json::array();
  for (const auto& a : adjustments) {
    nlohmann::json j{{key(A::group), to_code(a.group)}, {key(A::reason), a.reason}, {key(A::amount), a.amount}};
    const auto description = reason_description(a.reason);
    j[key(A::description)] = std::string(description);
    out.push_back(std::move(j));
  }
  return out;
}

nlohmann::json line_json(const RemittanceLine& line) {
  namespace L = decl::remittance_claim_line;
  using decl::key;
  nlohmann::json j{{key(L::code), line.code},       {key(L::modifiers), line.modifiers},
                   {key(L::revenue_code), line.revenue_code},
                   {key(L::charge), line.charge},   {key(L::paid), line.paid},
                   {key(L::units), line.units},     {key(L::date), line.date},
                   {key(L::patient), line.patient()},
                   {key(L::adjustments), adjustments_json(line.adjustments)},
                   {key(L::remarks), line.remarks}, {key(L::control), line.control}};
  j[key(L::allowed)] = line.allowed ? nlohmann::json(*line.allowed) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json claim_json(const RemittanceClaim& c) {
  namespace C = decl::remittance_claim;
  namespace PN = decl::remittance_claim_patient_name;
  using decl::key;
  auto lines = nlohmann::json::array();
  for (const auto& line : c.lines) lines.push_back(line_json(line));
  nlohmann::json j{{key(C::patient_control), c.patient_control},
                   {key(C::status), c.status},
                   {key(C::charge), c.charge},
                   {key(C::paid), c.paid},
                   {key(C::patient_responsibility), c.patient_responsibility},
                   {key(C::patient), c.patient()},
                   {key(C::filing_indicator), c.filing_indicator},
                   {key(C::payer_control), c.payer_control},
                   {key(C::facility_type), c.facility_type},
                   {key(C::frequency), c.frequency},
                   {key(C::patient_name), {{key(PN::last), c.patient_last_name}, {key(PN::first), c.patient_first_name}}},
                   {key(C::member_id), c.member_id},
                   {key(C::adjustments), adjustments_json(c.adjustments)},
                   {key(C::lines), std::move(lines)}};
  j[key(C::period_start)] = c.period_start ? nlohmann::json(*c.period_start) : nlohmann::json(nullptr);
  j[key(C::period_end)] = c.period_end ? nlohmann::json(*c.period_end) : nlohmann::json(nullptr);
  return j;
}

}  // namespace

nlohmann::json to_json(const Remittance& r) {
  // Every member named through its declaration (declarations/remittance.py).
  namespace R = decl::remittance;
  namespace PA = decl::remittance_provider_adjustment;
  namespace PY = decl::remittance_payment;
  using decl::key;
  auto claims = nlohmann::json::array();
  for (const auto& c : r.claims) claims.push_back(claim_json(c));
  auto plb = nlohmann::json::array();
  for (const auto& p : r.provider_adjustments)
    plb.push_back({{key(PA::provider), p.provider}, {key(PA::fiscal_period), p.fiscal_period}, {key(PA::reason), p.reason},
                   {key(PA::reference), p.reference}, {key(PA::amount), p.amount}});
  return {{key(R::payer), {{key(decl::remittance_payer::name), r.payer_name}, {key(decl::remittance_payer::id), r.payer_id}}},
          {key(R::payee), {{key(decl::remittance_payee::name), r.payee_name}, {key(decl::remittance_payee::npi), r.payee_npi}}},
          {key(R::payment),
           {{key(PY::handling), r.handling}, {key(PY::total), r.total_paid}, {key(PY::method), r.method},
            {key(PY::date), r.payment_date}, {key(PY::trace), r.trace}}},
          {key(R::claims), std::move(claims)},
          {key(R::provider_adjustments), std::move(plb)},
          {key(R::warnings), r.warnings}};
}

}  // namespace iop
