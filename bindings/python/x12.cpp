// X12 for Python: the lines of an 835 of any size as columns, read by the library's streaming
// reader one claim at a time (the file is never held in memory) with the GIL released.
// iop.x12.remittance_lines builds its DataFrame from these columns.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>

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
  out["claim"] = to_object_array(c.claim);
  out["status"] = to_object_array(c.status);
  out["code"] = to_object_array(c.code);
  out["revenue_code"] = to_object_array(c.revenue_code);
  out["adjustments"] = to_object_array(c.adjustments);
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
  out["claim"] = to_object_array(id);
  out["status"] = to_object_array(status);
  out["charge_cents"] = to_numpy(std::move(charge));
  out["paid_cents"] = to_numpy(std::move(paid));
  out["patient_responsibility_cents"] = to_numpy(std::move(responsibility));
  out["patient_cents"] = to_numpy(std::move(patient));
  out["lines"] = to_numpy(std::move(lines));
  out["total_paid_cents"] = head.total_paid.cents();
  return out;
}

// One row a person of a 271: the figures of each tier in cents with a mask of what the 271 states,
// the text members as str. iop.x12.benefits_frame builds its DataFrame from these columns.
struct BenefitColumns {
  struct Optional {
    std::vector<std::int64_t> value;
    std::vector<std::uint8_t> stated;
    void add(const std::optional<std::int64_t>& v) {
      value.push_back(v ? *v : 0);
      stated.push_back(v ? 1 : 0);
    }
    void add(const std::optional<Money>& v) { add(v ? std::optional<std::int64_t>(v->cents()) : std::nullopt); }
    void add(const std::optional<int>& v) { add(v ? std::optional<std::int64_t>(*v) : std::nullopt); }
    void add(const std::optional<bool>& v) { add(v ? std::optional<std::int64_t>(*v ? 1 : 0) : std::nullopt); }
    void add(const std::optional<Date>& v) {
      add(v ? std::optional<std::int64_t>((*v - Date(1970, 1, 1)).days()) : std::nullopt);
    }
  };
  std::vector<std::pair<std::string, Optional>> numbers;  // in the frame's column order
  std::vector<std::pair<std::string, std::vector<std::string>>> texts;

  // The column at @p at (made on the first row, named @p prefix @p name @p suffix), and the next place.
  Optional& number(std::size_t& at, std::string_view name, std::string_view prefix = {}, std::string_view suffix = {}) {
    if (at == numbers.size()) numbers.emplace_back(std::string(prefix) + std::string(name) + std::string(suffix), Optional{});
    return numbers[at++].second;
  }
  std::vector<std::string>& text(std::size_t& at, std::string_view name, std::string_view prefix = {}) {
    if (at == texts.size()) texts.emplace_back(std::string(prefix) + std::string(name), std::vector<std::string>{});
    return texts[at++].second;
  }

  // A list as one str, its items on lines of their own: an item may hold "; ", never a line break
  // (X12 text is printable ASCII, and iop's own sentences have none).
  static std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out.append(i == 0 ? "" : "\n").append(items[i]);
    return out;
  }

  void add(const x12::Benefits& b) {
    std::size_t n = 0;
    std::size_t t = 0;
    number(n, "response_date").add(std::optional<Date>(b.response_date));
    text(t, "payer_name").push_back(b.payer_name);
    text(t, "payer_id").push_back(b.payer_id);
    text(t, "payer").push_back(b.payer);
    text(t, "insurance_type").push_back(b.insurance_type);
    text(t, "plan_name").push_back(b.plan_name);
    number(n, "active").add(b.active);
    number(n, "plan_begin").add(b.plan_begin);
    number(n, "plan_end").add(b.plan_end);
    text(t, "service_types").push_back(joined(b.service_types));
    number(n, "prior_authorization").add(b.prior_authorization);
    for (const auto* tier : {&b.in_network, &b.out_of_network}) {
      const std::string_view prefix = tier == &b.in_network ? "in_network_" : "out_of_network_";
      const auto& x = *tier;
      auto cents = [&](std::string_view name, const std::optional<Money>& v) { number(n, name, prefix, "_cents").add(v); };
      using x12::met_amount;
      cents("deductible_individual", x.deductible_individual);
      cents("deductible_individual_remaining", x.deductible_individual_remaining);
      cents("deductible_individual_met",
            met_amount(x.deductible_individual, x.deductible_individual_remaining, x.deductible_individual_met));
      cents("deductible_family", x.deductible_family);
      cents("deductible_family_remaining", x.deductible_family_remaining);
      cents("deductible_family_met", met_amount(x.deductible_family, x.deductible_family_remaining, x.deductible_family_met));
      cents("oop_individual", x.oop_individual);
      cents("oop_individual_remaining", x.oop_individual_remaining);
      cents("oop_individual_met", met_amount(x.oop_individual, x.oop_individual_remaining, x.oop_individual_met));
      cents("oop_family", x.oop_family);
      cents("oop_family_remaining", x.oop_family_remaining);
      cents("oop_family_met", met_amount(x.oop_family, x.oop_family_remaining, x.oop_family_met));
      cents("copay", x.copay);
      number(n, "visit_limit", prefix).add(x.visit_limit);
      number(n, "visits_remaining", prefix).add(x.visits_remaining);
      text(t, "copay_period", prefix).push_back(x.copay_period);
      text(t, "coinsurance", prefix).push_back(x.coinsurance ? x.coinsurance->to_string() : std::string());
    }
    text(t, "not_stated").push_back(joined(b.not_stated));
    text(t, "conflicts").push_back(joined(b.conflicts));
    text(t, "notes").push_back(joined(b.notes));
    text(t, "messages").push_back(joined(b.messages));
  }
};

py::dict benefit_columns(const std::string& text) {
  BenefitColumns columns;
  {
    py::gil_scoped_release release;
    // A file of any size: the document API's request limit does not apply here.
    x12::X12Limits limits;
    limits.max_document_bytes = std::numeric_limits<std::size_t>::max();
    for (const auto& b : x12::benefits_from_271(text, limits)) columns.add(b);
  }
  py::dict numbers;
  for (auto& [name, column] : columns.numbers) {
    numbers[py::str(name)] = py::make_tuple(to_numpy(std::move(column.value)), to_numpy(std::move(column.stated)));
  }
  py::dict texts;
  for (const auto& [name, column] : columns.texts) texts[py::str(name)] = to_object_array(column);
  return py::dict("numbers"_a = numbers, "texts"_a = texts);
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
  m.def("_x12_benefits_columns", &benefit_columns, "text"_a,
        "Every person's benefits of a 271 as columns: (values, stated) pairs and lists of str. "
        "Use iop.x12.benefits_frame instead.");
}

}  // namespace iop::python
