#include "iop/io/estimate_export.hpp"

#include "iop/io/csv.hpp"

namespace iop {

std::string to_csv(const CostEstimate& estimate) {
  std::string csv =
      "date,session,code,units,charge,network,allowed,covered,deductible,copay,coinsurance,balance_billed,plan,secondary,"
      "patient,write_off,rules\r\n";
  for (const auto& line : estimate.lines) {
    std::string rules = line.charge.rule;
    for (const auto& r : line.rules) rules += "; " + r;
    csv += to_iso_string(line.charge.date) + "," + csv_text(line.charge.session_uid) + "," + csv_text(line.charge.code) +
           "," + std::to_string(line.charge.units) + "," + line.charge.charge.to_plain_string() + "," +
           std::string(to_string(line.network)) + "," + line.allowed.to_plain_string() + "," +
           (line.covered ? "true" : "false") + "," + line.deductible.to_plain_string() + "," +
           line.copay.to_plain_string() + "," + line.coinsurance.to_plain_string() + "," +
           line.balance_billed.to_plain_string() + "," + line.plan.to_plain_string() + "," +
           line.secondary.to_plain_string() + "," + line.patient.to_plain_string() + "," +
           line.write_off.to_plain_string() + "," + csv_text(rules) + "\r\n";
  }
  return csv;
}

}  // namespace iop
