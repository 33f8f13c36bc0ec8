// Python bindings of the parity area, in the submodule iop._core.parity:
// analyse a benefit design (dict in the JSON form), the report, rule sets, and
// the claims aggregation kernel (numpy columns, GIL released).

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "casters.hpp"
#include "iop/parity/claims_aggregate.hpp"
#include "iop/parity/report.hpp"
#include "arrays.hpp"
#include "json_bridge.hpp"
#include "register.hpp"
#include "value.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace iop::python {

void register_parity(py::module_& m) {
  auto parity = m.def_submodule("parity", "MHPAEA parity analysis (the compiled part of iop.parity).");

  py::class_<parity::ParityReport> report_class(parity, "ParityReport",
                                          "The MHPAEA analysis of a benefit design: every test with its derivation, every "
                                          "finding with its rule, and the provisions in force for the plan year.");
  report_class.def_readonly("plan", &parity::ParityReport::plan, "Plan name.")
      .def_readonly("coverage_units", &parity::ParityReport::coverage_units,
                    "The coverage units tested, each separately (29 CFR 2590.712(c)(3)(ii)).")
      .def_readonly("subject_to_parity", &parity::ParityReport::subject_to_parity,
                    "False when an exemption or scope rule takes the plan out of the tests.")
      .def_property_readonly("passes", &parity::ParityReport::passes, "No violation found.")
      .def_property_readonly("tests", [](const parity::ParityReport& r) { return json_to_python(to_json(r)["tests"]); },
                             "Every quantitative test as a dict (shares, ordered levels, combination steps, rule, checks).")
      .def_property_readonly("dollar_limit_tests",
                             [](const parity::ParityReport& r) { return json_to_python(to_json(r)["dollar_limit_tests"]); },
                             "Every aggregate lifetime and annual dollar limit test as a dict (shares, the M/S limit or "
                             "weighted average, the MH/SUD limit, pass, reason, rule).")
      .def_property_readonly("findings", [](const parity::ParityReport& r) { return json_to_python(to_json(r)["findings"]); },
                             "Every finding as a dict (severity, topic, message, rule), written as sentences a reader can quote.")
      .def_property_readonly("provisions",
                             [](const parity::ParityReport& r) { return json_to_python(to_json(r)["provisions"]); },
                             "The provisions for the plan year, each marked in or out of the rule set applied.")
      .def_property_readonly("rule_set", [](const parity::ParityReport& r) { return json_to_python(to_json(r)["rule_set"]); },
                             "The rule set applied: id, name, the date it speaks as of, and its source.")
      .def_readonly("untested_classifications", &parity::ParityReport::untested,
                    "Classifications where the design lists no MH/SUD benefit: nothing was tested there.")
      .def("to_text", &parity::to_text, "A readable text report.")
      .def("__repr__", [](const parity::ParityReport& r) {
        return "ParityReport('" + r.plan + "', tests=" + std::to_string(r.tests.size()) +
               ", passes=" + (r.passes() ? "True" : "False") + ")";
      });
  def_json_value(report_class, "report", [](const parity::ParityReport& r) { return to_json(r); },
                 [](const nlohmann::json& j, const std::string& path) { return parity::report_from_json(j, path); });

  parity.def("analyse",
             [](py::handle design, py::handle rule_set) {
               auto which = parity::RuleSet::mhpaea_2013;
               if (!rule_set.is_none()) {
                 if (!py::isinstance<py::str>(rule_set))
                   throw py::type_error("rule_set: " + py::repr(rule_set).cast<std::string>() +
                                        " is not a str (mhpaea_2013 or mhpaea_2024)");
                 which = parity::parse_rule_set(rule_set.cast<std::string>());
               }
               return parity::analyse(parity::benefit_design_from_json(json_from_python(design, "design")), which);
             },
             "design"_a, "rule_set"_a = py::none(),
             "Runs the MHPAEA tests on a benefit design given as a dict in its JSON form, under a rule set: "
             "'mhpaea_2013' (the default: the statute, the 2013 final rules and the CAA 2021 comparative-analysis duty, "
             "what the Departments enforce) or 'mhpaea_2024' (with the 2024 final rule in full).");
  parity.def("report_from_dict",
             [](py::handle d) { return parity::report_from_json(json_from_python(d, "report")); }, "document"_a,
             "Reads a report back from its JSON form.");
  parity.def("rule_set",
             [](py::handle start) { return json_to_python(parity::to_json(parity::rule_set_for(to_date(start, "plan_year_start")))); },
             "plan_year_start"_a, "The provisions in force for a plan year, with applicability and enforcement.");
  py::class_<parity::ClaimsAggregate> aggregate_class(
      parity, "ClaimsAggregate",
      "Claim rows summed by classification, type and level: a value that partial aggregates merge into exactly.\n\n"
      "Aggregate each part of a claims table on its own (iop.parity.claims_aggregate), then merge the parts in any "
      "order and grouping (a.merge(b), a + b or sum(parts, ClaimsAggregate())): the sums are integer cents, so the "
      "result is the aggregate of the whole table. classifications() gives the inputs of analyse, after checking that "
      "each classification's types add up to the same total (which needs the whole table).");
  aggregate_class.def(py::init<>(), "The aggregate of no rows.")
      .def_property_readonly("rows", &parity::ClaimsAggregate::rows, "The number of claim rows summed.")
      .def_property_readonly(
          "cells",
          [](const parity::ClaimsAggregate& a) {
            py::list out;
            for (const auto& c : a.cells())
              out.append(py::make_tuple(std::string(to_string(c.classification)), std::string(to_string(c.type)),
                                        c.level, c.payments_cents));
            return out;
          },
          "(classification, type, level, payments_cents) tuples, sorted by classification, type and level.")
      .def("merge", [](const parity::ClaimsAggregate& a, const parity::ClaimsAggregate& b) { return parity::merge(a, b); },
           "other"_a, "The aggregate of the rows of both (iop.OverflowError when a sum passes 64-bit cents).")
      .def("__add__", [](const parity::ClaimsAggregate& a, const parity::ClaimsAggregate& b) { return parity::merge(a, b); },
           py::is_operator())
      .def(
          "__radd__",
          [](const parity::ClaimsAggregate& a, py::handle b) -> py::object {
            if (py::isinstance<py::int_>(b) && b.cast<py::int_>().equal(py::int_(0))) return py::cast(a);  // sum()
            return py::reinterpret_borrow<py::object>(Py_NotImplemented);
          },
          py::is_operator())
      .def(
          "classifications",
          [](const parity::ClaimsAggregate& a) {
            parity::BenefitDesign design;  // only its classifications are returned
            design.plan_year_start = Date(2000, 1, 1);
            design.classifications = parity::to_classifications(a);
            return json_to_python(to_json(design)["classifications"]);
          },
          "The classification dicts for analyse (iop.ValidationError when a classification's types add up to different "
          "totals).")
      .def("__repr__", [](const parity::ClaimsAggregate& a) {
        return "ClaimsAggregate(rows=" + std::to_string(a.rows()) + ", cells=" + std::to_string(a.cells().size()) + ")";
      });
  def_json_value(aggregate_class, "aggregate", [](const parity::ClaimsAggregate& a) { return parity::to_json(a); },
                 [](const nlohmann::json& j, const std::string& path) {
                   return parity::claims_aggregate_from_json(j, path);
                 });

  parity.def(
      "_aggregate_claim_rows",
      [](const Array<std::uint8_t>& classification, const Array<std::uint8_t>& type, const Array<std::int64_t>& level,
         const Array<std::int64_t>& payment, std::int64_t first_row, unsigned threads) {
        const parity::ClaimColumns columns{span_of(classification), span_of(type), span_of(level), span_of(payment),
                                           first_row};
        py::gil_scoped_release release;
        return parity::aggregate_claim_rows(columns, threads);
      },
      "classification"_a.noconvert(), "type"_a.noconvert(), "level"_a.noconvert(), "payment"_a.noconvert(),
      "first_row"_a, "threads"_a,
      "Sums claim rows (codes, levels in the type's unit, payments in cents) into a ClaimsAggregate.");
}

}  // namespace iop::python
