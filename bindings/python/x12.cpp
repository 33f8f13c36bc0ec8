// X12 for Python: the lines of an 835 of any size as columns, read by the library's streaming
// reader one claim at a time (the file is never held in memory) with the GIL released.
// iop.x12.remittance_lines builds its DataFrame from these columns.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <fstream>
#include <sstream>

#include "arrays.hpp"
#include "iop/core/error.hpp"
#include "iop/io/x12/benefits.hpp"
#include "iop/io/x12/remittance.hpp"

#include <nlohmann/json.hpp>
#include <limits>
#include "register.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace iop::python {
namespace {

struct Columns {
  std::vector<std::string> claim, status, code, revenue_code, adjustments;
  std::vector<std::int64_t> day, units, charge, allowed, paid, patient, deductible, coinsurance, copay, contractual, other;
  std::vector<std::uint8_t> has_allowed;

  void add(RemittanceClaim&& c) {
    for (const auto& l : c.lines) {
      claim.push_back(c.patient_control);
      status.push_back(c.status);
      code.push_back(l.code);
      revenue_code.push_back(l.revenue_code);
      std::string text;
      for (const auto& a : l.adjustments)
        text.append(text.empty() ? "" : "; ").append(to_code(a.group)).append("-").append(a.reason).append(" ")
            .append(a.amount.to_plain_string());
      adjustments.push_back(std::move(text));
      day.push_back((l.date - Date(1970, 1, 1)).days());
      units.push_back(l.units);
      charge.push_back(l.charge.cents());
      allowed.push_back(l.allowed ? l.allowed->cents() : 0);
      has_allowed.push_back(l.allowed ? 1 : 0);
      paid.push_back(l.paid.cents());
      patient.push_back(l.patient().cents());
      deductible.push_back(l.adjusted(AdjustmentGroup::patient, "1").cents());
      coinsurance.push_back(l.adjusted(AdjustmentGroup::patient, "2").cents());
      copay.push_back(l.adjusted(AdjustmentGroup::patient, "3").cents());
      contractual.push_back(l.adjusted(AdjustmentGroup::contractual).cents());
      other.push_back((l.adjusted(AdjustmentGroup::other) + l.adjusted(AdjustmentGroup::payer_initiated)).cents());
    }
  }
};

py::dict columns(std::istream& in) {
  Columns c;
  Remittance head;
  {
    py::gil_scoped_release release;
    head = x12::read_835(in, [&](RemittanceClaim&& claim) { c.add(std::move(claim)); });
  }
  py::dict out;
  out["claim"] = to_list(c.claim);
  out["status"] = to_list(c.status);
  out["code"] = to_list(c.code);
  out["revenue_code"] = to_list(c.revenue_code);
  out["adjustments"] = to_list(c.adjustments);
  out["date_days"] = to_numpy(std::move(c.day));
  out["units"] = to_numpy(std::move(c.units));
  out["charge_cents"] = to_numpy(std::move(c.charge));
  out["allowed_cents"] = to_numpy(std::move(c.allowed));
  out["allowed_stated"] = to_numpy(std::move(c.has_allowed));
  out["paid_cents"] = to_numpy(std::move(c.paid));
  out["patient_cents"] = to_numpy(std::move(c.patient));
  out["deductible_cents"] = to_numpy(std::move(c.deductible));
  out["coinsurance_cents"] = to_numpy(std::move(c.coinsurance));
  out["copay_cents"] = to_numpy(std::move(c.copay));
  out["contractual_cents"] = to_numpy(std::move(c.contractual));
  out["other_adjustments_cents"] = to_numpy(std::move(c.other));
  out["total_paid_cents"] = head.total_paid.cents();
  out["warnings"] = to_list(head.warnings);
  return out;
}

}  // namespace

// One row a claim: what every 835 reader agrees on (CLP01, CLP02, CLP03, CLP04, CLP05) and the PR sum.
py::dict claim_columns(std::istream& in) {
  std::vector<std::string> id, status;
  std::vector<std::int64_t> charge, paid, responsibility, patient, lines;
  Remittance head;
  {
    py::gil_scoped_release release;
    head = x12::read_835(in, [&](RemittanceClaim&& c) {
      id.push_back(std::move(c.patient_control));
      status.push_back(std::move(c.status));
      charge.push_back(c.charge.cents());
      paid.push_back(c.paid.cents());
      responsibility.push_back(c.patient_responsibility.cents());
      patient.push_back(c.patient().cents());
      lines.push_back(static_cast<std::int64_t>(c.lines.size()));
    });
  }
  py::dict out;
  out["claim"] = to_list(id);
  out["status"] = to_list(status);
  out["charge_cents"] = to_numpy(std::move(charge));
  out["paid_cents"] = to_numpy(std::move(paid));
  out["patient_responsibility_cents"] = to_numpy(std::move(responsibility));
  out["patient_cents"] = to_numpy(std::move(patient));
  out["lines"] = to_numpy(std::move(lines));
  out["total_paid_cents"] = head.total_paid.cents();
  return out;
}

void register_x12(py::module_& m) {
  m.def(
      "_x12_remittance_claims",
      [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw NotFoundError("path", iop::quoted(path), "cannot be opened", "a readable 835 file");
        return claim_columns(in);
      },
      "path"_a, "The claims of an 835 file as columns (streamed). Use iop.x12.remittance_claims instead.");
  m.def(
      "_x12_remittance_file",
      [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw NotFoundError("path", iop::quoted(path), "cannot be opened", "a readable 835 file");
        return columns(in);
      },
      "path"_a, "The service lines of an 835 file as columns (streamed). Use iop.x12.remittance_lines instead.");
  m.def(
      "_x12_remittance_text",
      [](const std::string& text) {
        std::istringstream in(text);
        return columns(in);
      },
      "text"_a, "The service lines of an 835 text as columns. Use iop.x12.remittance_lines instead.");
  m.def(
      "_x12_benefits_json",
      [](const std::string& text) {
        std::string out;
        {
          py::gil_scoped_release release;
          // A file of any size: the document API's 64 KiB string limit does not apply here.
          x12::X12Limits limits;
          limits.max_document_bytes = std::numeric_limits<std::size_t>::max();
          auto documents = nlohmann::json::array();
          for (const auto& b : x12::benefits_from_271(text, limits)) documents.push_back(x12::to_json(b));
          out = documents.dump();
        }
        return out;
      },
      "text"_a, "Every person's benefits of a 271 as a JSON array. Use iop.x12.read_benefits instead.");
}

}  // namespace iop::python
