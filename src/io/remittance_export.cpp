// A remittance as CSV (iop/io/remittance_export.hpp).

#include "iop/io/remittance_export.hpp"

#include "iop/io/csv.hpp"

namespace iop {

std::string to_csv(const Remittance& r) {
  std::string csv =
      "claim,status,date,code,modifiers,revenue_code,units,charge,allowed,paid,patient,deductible,coinsurance,copay,"
      "contractual,other_adjustments,adjustments\r\n";
  for (const auto& c : r.claims)
    for (const auto& l : c.lines) {
      std::string modifiers;
      for (const auto& m : l.modifiers) modifiers.append(modifiers.empty() ? "" : " ").append(m);
      std::string adjustments;
      for (const auto& a : l.adjustments)
        adjustments.append(adjustments.empty() ? "" : "; ")
            .append(to_code(a.group))
            .append("-")
            .append(a.reason)
            .append(" ")
            .append(a.amount.to_plain_string());
      const Money other = l.adjusted(AdjustmentGroup::other) + l.adjusted(AdjustmentGroup::payer_initiated);
      csv += csv_text(c.patient_control) + "," + csv_value(c.status) + "," + to_iso_string(l.date) + "," +
             csv_text(l.code) + "," + csv_text(modifiers) + "," + csv_text(l.revenue_code) + "," +
             std::to_string(l.units) + "," + csv_value(l.charge.to_plain_string()) + "," +
             (l.allowed ? csv_value(l.allowed->to_plain_string()) : std::string()) + "," +
             csv_value(l.paid.to_plain_string()) + "," + csv_value(l.patient().to_plain_string()) + "," +
             csv_value(l.adjusted(AdjustmentGroup::patient, "1").to_plain_string()) + "," +
             csv_value(l.adjusted(AdjustmentGroup::patient, "2").to_plain_string()) + "," +
             csv_value(l.adjusted(AdjustmentGroup::patient, "3").to_plain_string()) + "," +
             csv_value(l.adjusted(AdjustmentGroup::contractual).to_plain_string()) + "," +
             csv_value(other.to_plain_string()) + "," + csv_text(adjustments) + "\r\n";
    }
  return csv;
}

}  // namespace iop
