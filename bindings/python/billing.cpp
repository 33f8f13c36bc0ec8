// Python bindings of the billing area: fee schedules, coverage, estimates,
// scenarios, Monte Carlo, Good Faith Estimates, poverty guidelines and the
// batch estimate kernel. Documents cross as dicts in their JSON form.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "casters.hpp"
#include "iop/billing/batch_estimate.hpp"
#include "iop/billing/estimate.hpp"
#include "iop/billing/good_faith_estimate.hpp"
#include "iop/billing/sliding_scale.hpp"
#include "json_bridge.hpp"
#include "register.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace iop::python {
namespace {

const ProgramTemplate& program_of(const std::optional<ProgramTemplate>& program, const std::string& id) {
  return program ? *program : find_program(id, "program");
}

FeeSchedule fees_of(const std::optional<FeeSchedule>& fees, const ProgramTemplate& program) {
  if (fees) return *fees;
  if (!program.default_per_diem)
    throw ValidationError("fees", "", "is missing", "a fee schedule (" + program.id + " has no default per diem)");
  return FeeSchedule::per_diem_schedule(program.id + " default per diem", *program.default_per_diem);
}

PovertyArea area_of(const std::string& area) {
  if (area == "contiguous") return PovertyArea::contiguous;
  if (area == "alaska") return PovertyArea::alaska;
  if (area == "hawaii") return PovertyArea::hawaii;
  throw NotFoundError("area", iop::quoted(area), "is not a poverty guideline area", "contiguous, alaska, hawaii");
}

template <class T>
using Array = py::array_t<T, py::array::c_style | py::array::forcecast>;

template <class T>
std::span<const T> span_of(const Array<T>& a) {
  return std::span<const T>(a.data(), static_cast<std::size_t>(a.size()));
}

}  // namespace

void register_billing(py::module_& m) {
  py::class_<FeeSchedule>(m, "FeeSchedule", R"doc(A fee schedule: per diem, itemized by code, or Medicare's IOP per diem.

>>> FeeSchedule.per_diem('clinic-2026', '300.00').to_dict()['per_diem']
'300.00')doc")
      .def_static("per_diem", [](std::string id, py::handle amount) {
             return FeeSchedule::per_diem_schedule(std::move(id), py::cast<Money>(py::module_::import("iop").attr("Money")(amount)));
           }, "id"_a, "per_diem"_a, "A per-diem schedule (amount as str, int cents, Decimal or Money).")
      .def_static("medicare", [](int year, const std::string& setting) {
             if (setting != "hospital" && setting != "cmhc")
               throw NotFoundError("setting", iop::quoted(setting), "is not a Medicare setting", "hospital, cmhc");
             return FeeSchedule::medicare(year, setting == "hospital" ? MedicareSetting::hospital : MedicareSetting::cmhc);
           }, "year"_a, "setting"_a = "hospital", "Medicare's IOP per diem (only confirmed cells can be used).")
      .def_static("from_dict", [](py::handle d) { return fee_schedule_from_json(json_from_python(d, "fee_schedule")); },
                  "document"_a, "A schedule from its JSON form.")
      .def("to_dict", [](const FeeSchedule& f) { return json_to_python(to_json(f)); }, "The JSON form.")
      .def("__repr__", [](const FeeSchedule& f) { return "FeeSchedule('" + f.id + "', " + std::string(to_string(f.basis)) + ")"; });

  py::class_<Coverage>(m, "Coverage", R"doc(A patient's benefits for the IOP: payer (commercial, Original Medicare,
Medicare Advantage, Medicaid, self-pay), in- and out-of-network cost sharing, balance-billing facts, plan year,
accumulators as of a date, limits, prior authorisations and a secondary payer.

Built from a dict in the JSON form of docs/schema/coverage.schema.json.)doc")
      .def_static("from_dict", [](py::handle d) { return coverage_from_json(json_from_python(d, "coverage")); }, "document"_a,
                  "A coverage from its JSON form; errors name the field.")
      .def_static("self_pay", [] {
             Coverage c;
             c.payer = PayerType::self_pay;
             return c;
           }, "Self-pay: no claims are filed.")
      .def("to_dict", [](const Coverage& c) { return json_to_python(to_json(c)); }, "The JSON form.")
      .def("__repr__", [](const Coverage& c) { return "Coverage('" + std::string(to_string(c.payer)) + "')"; });

  py::class_<CostEstimate>(m, "CostEstimate", "A priced and adjudicated course: every line, totals by week and month.")
      .def_readonly("charges", &CostEstimate::charges, "Total charges.")
      .def_readonly("allowed", &CostEstimate::allowed, "Total allowed.")
      .def_readonly("plan", &CostEstimate::plan, "What the plan pays.")
      .def_readonly("patient", &CostEstimate::patient, "What the patient pays.")
      .def_readonly("secondary", &CostEstimate::secondary, "What the secondary payer pays.")
      .def_readonly("balance_billed", &CostEstimate::balance_billed,
                    "Of the patient's total, what is balance billed above out-of-network allowed amounts.")
      .def_readonly("write_off", &CostEstimate::write_off, "What the provider writes off (contractual, protected, absorbed).")
      .def_readonly("self_pay", &CostEstimate::self_pay, "Estimated as self-pay.")
      .def_readonly("warnings", &CostEstimate::warnings,
                    "At the top of the estimate: what changes the total without a charge (days priced $0, days outside "
                    "authorisation, balance bills, self-pay, accumulators left out, ...).")
      .def_property_readonly("unauthorized_days", [](const CostEstimate& e) { return json_to_python(to_json(e)["unauthorized_days"]); },
                             "Program days no authorisation covers, as ISO dates.")
      .def_property_readonly("already_counted", [](const CostEstimate& e) { return json_to_python(to_json(e)["already_counted"]); },
                             "Lines before the accumulators' as-of date, left out of the estimate (already in the amounts).")
      .def_property_readonly("lines", [](const CostEstimate& e) { return json_to_python(to_json(e)["lines"]); },
                             "Every adjudicated line as a dict, with its rules and accumulators.")
      .def_property_readonly("weeks", [](const CostEstimate& e) { return json_to_python(to_json(e)["weeks"]); },
                             "Totals by program week.")
      .def_property_readonly("months", [](const CostEstimate& e) { return json_to_python(to_json(e)["months"]); },
                             "Totals by calendar month.")
      .def("to_dict", [](const CostEstimate& e) { return json_to_python(to_json(e)); }, "The JSON form.")
      .def("__repr__", [](const CostEstimate& e) {
        return "CostEstimate(charges='" + e.charges.to_string() + "', patient='" + e.patient.to_string() + "')";
      });

  m.def(
      "estimate_cost",
      [](const SessionCalendar& calendar, const Coverage& coverage, std::optional<FeeSchedule> fees,
         std::optional<ProgramTemplate> program, const std::string& basis, bool primary_substance_use) {
        const auto& prog = program_of(program, calendar.program_id);
        if (basis != "scheduled" && basis != "attended")
          throw NotFoundError("basis", iop::quoted(basis), "is not a charge basis", "scheduled, attended");
        return estimate_cost(calendar, prog, fees_of(fees, prog), coverage,
                             basis == "attended" ? ChargeBasis::attended : ChargeBasis::scheduled, primary_substance_use);
      },
      "calendar"_a, "coverage"_a, "fees"_a = py::none(), "program"_a = py::none(), "basis"_a = "scheduled",
      "primary_substance_use"_a = false,
      "Prices a calendar (default: the program's default per diem) and adjudicates it under `coverage`.");

  m.def(
      "estimate_scenario",
      [](const TreatmentPlan& plan, const Coverage& coverage, std::optional<FeeSchedule> fees,
         std::optional<ProgramTemplate> program, std::optional<HolidayCalendar> holidays, const std::string& policy,
         py::object attendance, std::optional<int> discharge_after_weeks, int extension_weeks, std::string note) {
        const auto& prog = program_of(program, plan.program_id);
        Scenario s;
        if (!attendance.is_none()) s.attendance = py::cast<Rate>(py::module_::import("iop").attr("Rate")(attendance));
        s.discharge_after_weeks = discharge_after_weeks;
        s.extension_weeks = extension_weeks;
        s.note = std::move(note);
        return estimate_scenario(plan, prog, holidays ? *holidays : HolidayCalendar::preset(prog.holiday_preset()),
                                 parse_holiday_policy(policy, "holiday_policy"), fees_of(fees, prog), coverage, s);
      },
      "plan"_a, "coverage"_a, "fees"_a = py::none(), "program"_a = py::none(), "holidays"_a = py::none(),
      "holiday_policy"_a = "skip", "attendance"_a = py::none(), "discharge_after_weeks"_a = py::none(),
      "extension_weeks"_a = 0, "note"_a = "",
      "A what-if: attendance rate (e.g. '80%'), early discharge after a week, extension weeks.");

  m.def(
      "simulate_costs",
      [](const TreatmentPlan& plan, const Coverage& coverage, std::optional<FeeSchedule> fees,
         std::optional<ProgramTemplate> program, std::optional<HolidayCalendar> holidays, const std::string& policy,
         int runs, std::uint64_t seed, py::object attendance, int min_weeks, int max_weeks) {
        const auto& prog = program_of(program, plan.program_id);
        MonteCarloOptions o;
        o.runs = runs;
        o.seed = seed;
        if (!attendance.is_none()) o.attendance = py::cast<Rate>(py::module_::import("iop").attr("Rate")(attendance));
        o.min_weeks = min_weeks;
        o.max_weeks = max_weeks;
        const auto hc = holidays ? *holidays : HolidayCalendar::preset(prog.holiday_preset());
        const auto f = fees_of(fees, prog);
        MonteCarloResult r;
        {
          py::gil_scoped_release release;
          r = simulate_costs(plan, prog, hc, parse_holiday_policy(policy, "holiday_policy"), f, coverage, o);
        }
        return json_to_python(to_json(r));
      },
      "plan"_a, "coverage"_a, "fees"_a = py::none(), "program"_a = py::none(), "holidays"_a = py::none(),
      "holiday_policy"_a = "skip", "runs"_a = 1000, "seed"_a = 20260101, "attendance"_a = py::none(), "min_weeks"_a = 0,
      "max_weeks"_a = 0,
      "A seeded Monte Carlo over attendance and length of stay: P10/P50/P90 of patient cost and charges.");

  py::class_<GoodFaithEstimate>(m, "GoodFaithEstimate", "A Good Faith Estimate (45 CFR 149.610) with every required element.")
      .def_static("from_dict", [](py::handle d) { return good_faith_estimate_from_json(json_from_python(d, "gfe")); },
                  "document"_a, "Reads and validates an estimate; a missing element is rejected by name.")
      .def_readonly("total", &GoodFaithEstimate::total, "Total expected charges.")
      .def_readonly("issue_by", &GoodFaithEstimate::issue_by, "Deadline, or None when not required.")
      .def("to_dict", [](const GoodFaithEstimate& g) { return json_to_python(to_json(g)); }, "The JSON form.")
      .def("to_html", [](const GoodFaithEstimate& g) { return to_html(g); }, "A printable HTML page.")
      .def("__repr__", [](const GoodFaithEstimate& g) {
        return "GoodFaithEstimate('" + g.patient_name + "', total='" + g.total.to_string() + "', part " +
               std::to_string(g.part) + " of " + std::to_string(g.parts) + ")";
      });

  m.def(
      "good_faith_estimates",
      [](const SessionCalendar& calendar, py::handle request, std::optional<FeeSchedule> fees,
         std::optional<ProgramTemplate> program, std::optional<HolidayCalendar> holidays) {
        const auto r = gfe_request_from_json(json_from_python(request, "request"), "request");
        const auto& prog = program_of(program, calendar.program_id);
        return make_good_faith_estimates(r, calendar, fees_of(fees, prog),
                                         holidays ? *holidays : HolidayCalendar::preset(prog.holiday_preset()));
      },
      "calendar"_a, "request"_a, "fees"_a = py::none(), "program"_a = py::none(), "holidays"_a = py::none(),
      "The Good Faith Estimates of a course (one per 12 months). `request` holds patient, diagnosis_codes, provider "
      "(name, npi, tin, locations, facility, contact, telehealth_patient_state), co_providers (each a provider with "
      "its items), scheduled_on, on_request, issued_on, separately_scheduled (docs/schema/gfe-request.schema.json).");

  m.def(
      "good_faith_estimates_html",
      [](const std::vector<GoodFaithEstimate>& course) { return to_html(course); }, "estimates"_a,
      "One printable HTML document of a course's estimates (as good_faith_estimates returns them): a course total "
      "when there are several, each estimate from a new printed page, the office's notes on screen only.");

  m.def("is_valid_npi", [](const std::string& npi) { return is_valid_npi(npi); }, "npi"_a,
        "Whether an NPI has 10 digits and a valid check digit.");
  m.def("poverty_guideline", [](int year, int size, const std::string& area) { return poverty_guideline(year, size, area_of(area)); },
        "year"_a, "household_size"_a, "area"_a = "contiguous",
        "The HHS poverty guideline (Money) for a year and household size; area 'contiguous', 'alaska' or 'hawaii'.");
  m.def("income_share_of_poverty",
        [](py::handle income, int year, int size, const std::string& area) {
          const auto money = py::cast<Money>(py::module_::import("iop").attr("Money")(income));
          return income_share_of_poverty(money, year, size, area_of(area));
        },
        "income"_a, "year"_a, "household_size"_a, "area"_a = "contiguous",
        "Household income as an exact Rate of the poverty guideline.");

  m.def(
      "_estimate_costs_batch",
      [](Array<std::int32_t> starts, Array<std::int32_t> weeks, Array<std::int32_t> days, Array<std::int32_t> tracks,
         Array<std::int32_t> program_index, const std::vector<ProgramTemplate>& programs, const HolidayCalendar& holidays,
         const std::string& policy, Array<std::int64_t> per_diem, Array<std::int64_t> deductible, Array<std::int32_t> bp,
         Array<std::int64_t> copay, Array<std::uint8_t> copay_first, Array<std::int64_t> oop, Array<std::int64_t> ded_met,
         Array<std::int64_t> oop_met, Array<std::int16_t> year_start) {
        // Met amounts are read as of each course's start, as estimate_cost does.
        std::vector<const ProgramTemplate*> pointers;
        for (const auto& p : programs) pointers.push_back(&p);
        const BatchPlans plans{span_of(starts), span_of(weeks), span_of(days), span_of(tracks), span_of(program_index)};
        const BatchCoverage coverage{span_of(per_diem), span_of(deductible), span_of(bp),      span_of(copay),
                                     span_of(copay_first), span_of(oop),   span_of(ded_met), span_of(oop_met),
                                     span_of(year_start), span_of(starts)};
        const auto hp = parse_holiday_policy(policy, "holiday_policy");
        BatchEstimates totals;
        {
          py::gil_scoped_release release;
          const auto rows = build_calendars_batch(plans, pointers, holidays, hp);
          totals = estimate_batch(rows, plans.start_days.size(), coverage);
        }
        return py::make_tuple(py::array_t<std::int64_t>(static_cast<py::ssize_t>(totals.charges.size()), totals.charges.data()),
                              py::array_t<std::int64_t>(static_cast<py::ssize_t>(totals.plan.size()), totals.plan.data()),
                              py::array_t<std::int64_t>(static_cast<py::ssize_t>(totals.patient.size()), totals.patient.data()));
      },
      "starts"_a, "weeks"_a, "days_per_week"_a, "tracks"_a, "program_index"_a, "programs"_a, "holidays"_a,
      "holiday_policy"_a, "per_diem"_a, "deductible"_a, "coinsurance_bp"_a, "copay"_a, "copay_before_deductible"_a,
      "oop_max"_a, "deductible_met"_a, "oop_met"_a, "plan_year_start"_a,
      "The batch estimate kernel on numpy arrays (cents); use iop.estimate_costs instead.");
}

}  // namespace iop::python
