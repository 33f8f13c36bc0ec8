// Python bindings of the plan area: program templates, the catalog, treatment
// plans with their checks, reviews and FHIR output. Documents cross as dicts
// in the same JSON form as the files (see iop.schema).

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "casters.hpp"
#include "iop/io/fhir.hpp"
#include "iop/plan/program.hpp"
#include "iop/plan/treatment_plan.hpp"
#include "json_bridge.hpp"
#include "register.hpp"
#include "value.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace iop::python {
namespace {

const ProgramTemplate& program_for(const TreatmentPlan& plan, const std::optional<ProgramTemplate>& program) {
  return program ? *program : find_program(plan.program_id, "plan.program");
}

}  // namespace

void register_plan(py::module_& m) {
  py::class_<ProgramTemplate>(m, "ProgramTemplate", R"doc(A validated program template.

Built from a dict in the JSON form of iop.schema('program'); the
built-in catalog's five reference programs come from program_catalog().

>>> p = find_program('la-depression-iop')
>>> p.minutes_per_day, p.days_per_week, p.duration_weeks
(180, (3, 5), (6, 12, 8)))doc")
      .def_readonly("id", &ProgramTemplate::id, "Stable identifier.")
      .def_readonly("name", &ProgramTemplate::name, "Display name.")
      .def_readonly("source", &ProgramTemplate::source, "The publication it is based on.")
      .def_readonly("level_of_care", &ProgramTemplate::level_of_care, "The level of care it provides.")
      .def_readonly("age_group", &ProgramTemplate::age_group, "Whom it serves.")
      .def_readonly("minutes_per_day", &ProgramTemplate::minutes_per_day, "Clinical minutes a day.")
      .def_property_readonly("days_per_week", [](const ProgramTemplate& p) {
        return py::make_tuple(p.days_per_week.min, p.days_per_week.max);
      }, "(min, max) days a week.")
      .def_property_readonly("duration_weeks", [](const ProgramTemplate& p) {
        return py::make_tuple(p.duration.min_weeks, p.duration.max_weeks, p.duration.default_weeks);
      }, "(min, max, default) weeks.")
      .def_property_readonly("tracks", [](const ProgramTemplate& p) { return json_to_python(to_json(p)["tracks"]); },
                             "The tracks as dicts (name, part_of_day, start, zone).")
      .def_readonly("provenance", &ProgramTemplate::provenance, "Which figures are published and which are defaults.")
      .def_property_readonly("holiday_preset", [](const ProgramTemplate& p) { return std::string(to_string(p.holiday_preset())); },
                             "The holidays it closes on: its stated preset, else 'private_clinic'.")
      .def_property_readonly("phases", [](const ProgramTemplate& p) {
        const auto j = to_json(p);
        return json_to_python(j.contains("phases") ? j["phases"] : nlohmann::json::array());
      }, "The phases as dicts (name, description, weeks, daily_blocks, billing); empty without phases.")
      .def("payer_acceptance",
           [](const ProgramTemplate& p, const std::string& payer) {
             return std::string(to_string(p.payer_acceptance(parse_payer_type(payer, "payer"))));
           },
           "payer"_a, "'accepted', 'declined' or 'not stated' for 'commercial', 'medicare', 'medicaid', 'self_pay'.")
      .def("offers_telehealth_in", &ProgramTemplate::offers_telehealth_in, "state"_a,
           "Whether telehealth is offered to a patient located in a state (USPS code).")
      .def("weekly_minutes",
           [](const ProgramTemplate& p, const Integer& days) { return p.weekly_minutes(static_cast<int>(days.get("days", 1, 7))); },
           "days"_a, "Clinical minutes a week at `days` days.")
      .def("__repr__", [](const ProgramTemplate& p) { return "ProgramTemplate('" + p.id + "')"; });
  {
    auto cls = py::reinterpret_borrow<py::class_<ProgramTemplate>>(m.attr("ProgramTemplate"));
    def_json_value(cls, "program", [](const ProgramTemplate& p) { return to_json(p); },
                   [](const nlohmann::json& j, const std::string& path) { return program_from_json(j, path); });
  }

  m.def("program_catalog", [] { return program_catalog(); }, "The built-in catalog: the five reference programs.");
  m.def("find_program", [](const std::string& id) { return find_program(id); }, "id"_a,
        "The catalog program with `id`; an unknown id raises iop.NotFoundError listing the ids.");

  py::class_<TreatmentPlan>(m, "TreatmentPlan", R"doc(One patient's treatment plan.

Built from a dict in the JSON form of iop.schema('treatment-plan').
check() validates it against its program, review() reads new PHQ-9 scores,
to_fhir() writes a FHIR R4 Bundle (CarePlan, Goal, Condition).)doc")
      .def_readonly("id", &TreatmentPlan::id, "Plan identifier.")
      .def_readonly("patient_id", &TreatmentPlan::patient_id, "Opaque patient reference.")
      .def_readonly("program_id", &TreatmentPlan::program_id, "The program template's id.")
      .def_readonly("primary_diagnosis", &TreatmentPlan::primary_diagnosis, "Primary ICD-10-CM diagnosis.")
      .def_readonly("start_date", &TreatmentPlan::start_date, "First day.")
      .def_property_readonly("end_date", &TreatmentPlan::end_date, "Last planned day.")
      .def_readonly("weeks", &TreatmentPlan::weeks, "Planned weeks.")
      .def_readonly("days_per_week", &TreatmentPlan::days_per_week, "Days a week.")
      .def_readonly("level_of_care", &TreatmentPlan::level_of_care, "Level of care.")
      .def("check",
           [](const TreatmentPlan& p, std::optional<ProgramTemplate> program) {
             return json_to_python(to_json(check_plan(p, program_for(p, program))));
           },
           "program"_a = py::none(),
           "Checks the plan against `program` (default: the catalog's); errors raise iop.ValidationError, "
           "findings come back in the result.")
      .def("review",
           [](const TreatmentPlan& p, py::iterable scores, const Integer& not_improving_weeks) {
             return json_to_python(to_json(review_plan(
                 p, scores_from_python(scores), static_cast<int>(not_improving_weeks.get("not_improving_weeks", 1, 26)))));
           },
           "scores"_a, "not_improving_weeks"_a = 4,
           "Reviews new PHQ-9 (date, total) scores: remission, response, on track or not improving.")
      .def("to_fhir",
           [](const TreatmentPlan& p, std::optional<ProgramTemplate> program) {
             return json_to_python(plan_to_fhir(p, program_for(p, program)));
           },
           "program"_a = py::none(), "The FHIR R4 Bundle (CarePlan, Goal, Condition) as a dict.")
      .def("__repr__", [](const TreatmentPlan& p) {
        return "TreatmentPlan('" + p.id + "', program='" + p.program_id + "', start=" + to_iso_string(p.start_date) +
               ", weeks=" + std::to_string(p.weeks) + ")";
      });
  {
    auto cls = py::reinterpret_borrow<py::class_<TreatmentPlan>>(m.attr("TreatmentPlan"));
    def_json_value(cls, "plan", [](const TreatmentPlan& p) { return to_json(p); },
                   [](const nlohmann::json& j, const std::string& path) { return plan_from_json(j, path); });
  }
}

}  // namespace iop::python
