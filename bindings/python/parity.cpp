// Python bindings of the parity area, in the submodule iop._core.parity:
// analyse a benefit design (dict in the JSON form), the report, rule sets, and
// the claims aggregation kernel (numpy columns, GIL released).

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "casters.hpp"
#include "iop/parity/report.hpp"
#include "json_bridge.hpp"
#include "register.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace iop::python {

void register_parity(py::module_& m) {
  auto parity = m.def_submodule("parity", "MHPAEA parity analysis (the compiled part of iop.parity).");

  py::class_<parity::ParityReport>(parity, "ParityReport",
                                   "The MHPAEA analysis of a benefit design: every test with its derivation, every finding "
                                   "with its rule, and the provisions in force for the plan year.")
      .def_readonly("plan", &parity::ParityReport::plan, "Plan name.")
      .def_readonly("subject_to_parity", &parity::ParityReport::subject_to_parity,
                    "False when an exemption or scope rule takes the plan out of the tests.")
      .def_property_readonly("passes", &parity::ParityReport::passes, "No violation found.")
      .def_property_readonly("tests", [](const parity::ParityReport& r) { return json_to_python(to_json(r)["tests"]); },
                             "Every quantitative test as a dict (shares, ordered levels, combination steps, rule, checks).")
      .def_property_readonly("findings", [](const parity::ParityReport& r) { return json_to_python(to_json(r)["findings"]); },
                             "Every finding as a dict (severity, topic, message, rule).")
      .def_property_readonly("provisions",
                             [](const parity::ParityReport& r) { return json_to_python(to_json(r)["provisions"]); },
                             "The rule set for the plan year.")
      .def("to_dict", [](const parity::ParityReport& r) { return json_to_python(to_json(r)); }, "The JSON form.")
      .def("to_text", &parity::to_text, "A readable text report.")
      .def("__repr__", [](const parity::ParityReport& r) {
        return "ParityReport('" + r.plan + "', tests=" + std::to_string(r.tests.size()) +
               ", passes=" + (r.passes() ? "True" : "False") + ")";
      });

  parity.def("analyse",
             [](py::handle design) { return parity::analyse(parity::benefit_design_from_json(json_from_python(design, "design"))); },
             "design"_a, "Runs the MHPAEA tests on a benefit design given as a dict in its JSON form.");
  parity.def("report_from_dict",
             [](py::handle d) { return parity::report_from_json(json_from_python(d, "report")); }, "document"_a,
             "Reads a report back from its JSON form.");
  parity.def("rule_set",
             [](py::handle start) {
               Date d;
               if (!load_date(start, true, d, "plan_year_start"))
                 throw py::type_error("plan_year_start: expected a datetime.date or 'YYYY-MM-DD'");
               parity::ParityReport r;
               r.provisions = parity::rule_set_for(d);
               return json_to_python(to_json(r)["provisions"]);
             },
             "plan_year_start"_a, "The provisions in force for a plan year, with applicability and enforcement.");
  parity.def(
      "_aggregate_claims",
      [](py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast> classification,
         py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast> type,
         py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> level,
         py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> payment) {
        const parity::ClaimColumns columns{
            {classification.data(), static_cast<std::size_t>(classification.size())},
            {type.data(), static_cast<std::size_t>(type.size())},
            {level.data(), static_cast<std::size_t>(level.size())},
            {payment.data(), static_cast<std::size_t>(payment.size())}};
        std::vector<parity::ClassificationData> data;
        {
          py::gil_scoped_release release;
          data = parity::aggregate_claims(columns);
        }
        parity::BenefitDesign design;  // only its classifications are returned
        design.plan_year_start = Date(2000, 1, 1);
        design.classifications = std::move(data);
        return json_to_python(to_json(design)["classifications"]);
      },
      "classification"_a, "type"_a, "level"_a, "payment"_a,
      "Aggregates claim rows (codes, levels in the type's unit, payments in cents) into classification dicts.");
}

}  // namespace iop::python
