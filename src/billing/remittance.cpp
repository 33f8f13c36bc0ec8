#include "iop/billing/remittance.hpp"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

#include "iop/core/json.hpp"

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

nlohmann::json adjustments_json(const std::vector<Adjustment>& adjustments) {
  auto out = nlohmann::json::array();
  for (const auto& a : adjustments) {
    nlohmann::json j{{"group", to_code(a.group)}, {"reason", a.reason}, {"amount", a.amount}};
    const auto description = reason_description(a.reason);
    j["description"] = std::string(description);
    out.push_back(std::move(j));
  }
  return out;
}

nlohmann::json line_json(const RemittanceLine& line) {
  nlohmann::json j{{"code", line.code},         {"modifiers", line.modifiers}, {"revenue_code", line.revenue_code},
                   {"charge", line.charge},     {"paid", line.paid},           {"units", line.units},
                   {"date", line.date},         {"patient", line.patient()},   {"adjustments", adjustments_json(line.adjustments)},
                   {"remarks", line.remarks},   {"control", line.control}};
  j["allowed"] = line.allowed ? nlohmann::json(*line.allowed) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json claim_json(const RemittanceClaim& c) {
  auto lines = nlohmann::json::array();
  for (const auto& line : c.lines) lines.push_back(line_json(line));
  nlohmann::json j{{"patient_control", c.patient_control},
                   {"status", c.status},
                   {"charge", c.charge},
                   {"paid", c.paid},
                   {"patient_responsibility", c.patient_responsibility},
                   {"patient", c.patient()},
                   {"filing_indicator", c.filing_indicator},
                   {"payer_control", c.payer_control},
                   {"facility_type", c.facility_type},
                   {"frequency", c.frequency},
                   {"patient_name", {{"last", c.patient_last_name}, {"first", c.patient_first_name}}},
                   {"member_id", c.member_id},
                   {"adjustments", adjustments_json(c.adjustments)},
                   {"lines", std::move(lines)}};
  j["period_start"] = c.period_start ? nlohmann::json(*c.period_start) : nlohmann::json(nullptr);
  j["period_end"] = c.period_end ? nlohmann::json(*c.period_end) : nlohmann::json(nullptr);
  return j;
}

}  // namespace

nlohmann::json to_json(const Remittance& r) {
  auto claims = nlohmann::json::array();
  for (const auto& c : r.claims) claims.push_back(claim_json(c));
  auto plb = nlohmann::json::array();
  for (const auto& p : r.provider_adjustments)
    plb.push_back({{"provider", p.provider}, {"fiscal_period", p.fiscal_period}, {"reason", p.reason},
                   {"reference", p.reference}, {"amount", p.amount}});
  return {{"payer", {{"name", r.payer_name}, {"id", r.payer_id}}},
          {"payee", {{"name", r.payee_name}, {"npi", r.payee_npi}}},
          {"payment",
           {{"handling", r.handling}, {"total", r.total_paid}, {"method", r.method}, {"date", r.payment_date},
            {"trace", r.trace}}},
          {"claims", std::move(claims)},
          {"provider_adjustments", std::move(plb)},
          {"warnings", r.warnings}};
}

}  // namespace iop
