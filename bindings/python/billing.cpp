// Python bindings of the billing area: fee schedules, coverage, estimates,
// scenarios, Monte Carlo, Good Faith Estimates, poverty guidelines and the
// batch estimate kernel. Documents cross as dicts in their JSON form.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>
#include <vector>

#include "arrays.hpp"
#include "casters.hpp"
#include "iop/billing/batch_estimate.hpp"
#include "iop/billing/estimate.hpp"
#include "iop/billing/good_faith_estimate.hpp"
#include "iop/io/good_faith_estimate_html.hpp"
#include "iop/billing/sliding_scale.hpp"
#include "json_bridge.hpp"
#include "register.hpp"
#include "value.hpp"

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
    throw ValidationError("fees", "None", "is missing", "a fee schedule (" + program.id + " has no default per diem)");
  return FeeSchedule::per_diem_schedule(program.id + " default per diem", *program.default_per_diem);
}

PovertyArea area_of(const std::string& area) {
  if (area == "contiguous") return PovertyArea::contiguous;
  if (area == "alaska") return PovertyArea::alaska;
  if (area == "hawaii") return PovertyArea::hawaii;
  throw NotFoundError("area", iop::quoted(area), "is not a poverty guideline area", "contiguous, alaska, hawaii");
}

std::optional<Date> optional_date(py::handle value, const std::string& field) {
  if (value.is_none()) return std::nullopt;
  return to_date(value, field);
}

// The session kinds an attendance rate applies to: a kind's name or a list of names (not empty).
SessionKinds session_kinds(py::handle value, const std::string& field) {
  std::vector<py::handle> names;
  if (py::isinstance<py::str>(value)) {
    names.push_back(value);
  } else if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    for (auto item : value) names.push_back(item);
  } else {
    throw py::type_error(field + ": expected a session kind or a list of them (program_day, individual_therapy, "
                                 "medication_management), got " + type_name(value));
  }
  if (names.empty())
    throw ValidationError(field, "[]", "names no session", "one or more of program_day, individual_therapy, medication_management");
  std::uint8_t bits = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto item_field = py::isinstance<py::str>(value) ? field : field + "[" + std::to_string(i) + "]";
    if (!py::isinstance<py::str>(names[i]))
      throw py::type_error(item_field + ": expected a session kind's name, got " + type_name(names[i]));
    bits = static_cast<std::uint8_t>(bits | 1U << static_cast<unsigned>(
                                                 parse_session_kind(names[i].cast<std::string>(), item_field)));
  }
  return SessionKinds::from_bits(bits);
}

std::vector<const ProgramTemplate*> pointers_to(const std::vector<ProgramTemplate>& programs) {
  std::vector<const ProgramTemplate*> out;
  for (const auto& p : programs) out.push_back(&p);
  return out;
}

}  // namespace

void register_billing(py::module_& m) {
  py::class_<FeeSchedule> fee_schedule_class(m, "FeeSchedule", R"doc(A fee schedule: per diem, itemized by code, or Medicare's IOP per diem.

>>> FeeSchedule.per_diem('clinic-2026', '300.00').to_dict()['per_diem']
'300.00')doc");
  fee_schedule_class
      .def_static("per_diem", [](std::string id, py::handle amount) {
             return FeeSchedule::per_diem_schedule(std::move(id), money_arg(amount, "per_diem"));
           }, "id"_a, "per_diem"_a, "A per-diem schedule (amount as Money, a str such as '300.00' or a Decimal).")
      .def_static("medicare", [](const Integer& year, const std::string& setting) {
             if (setting != "hospital" && setting != "cmhc")
               throw NotFoundError("setting", iop::quoted(setting), "is not a Medicare setting", "hospital, cmhc");
             return FeeSchedule::medicare(static_cast<int>(year.get("year", 2000, 2100)),
                                          setting == "hospital" ? MedicareSetting::hospital : MedicareSetting::cmhc);
           }, "year"_a, "setting"_a = "hospital", "Medicare's IOP per diem (only confirmed cells can be used).")
      .def("__repr__", [](const FeeSchedule& f) { return "FeeSchedule('" + f.id + "', " + std::string(to_string(f.basis)) + ")"; });
  def_json_value(fee_schedule_class, "fee_schedule", [](const FeeSchedule& f) { return to_json(f); },
                 [](const nlohmann::json& j, const std::string& path) { return fee_schedule_from_json(j, path); });

  py::class_<Coverage> coverage_class(m, "Coverage", R"doc(A patient's benefits for the IOP: payer (commercial, Original Medicare,
Medicare Advantage, Medicaid, self-pay), in- and out-of-network cost sharing, balance-billing facts, plan year,
accumulators as of a date, limits, prior authorisations and a secondary payer.

Built from a dict in the JSON form of iop.schema('coverage').)doc");
  coverage_class
      .def_static("self_pay", [] {
             Coverage c;
             c.payer = PayerType::self_pay;
             return c;
           }, "Self-pay: no claims are filed.")
      .def("__repr__", [](const Coverage& c) { return "Coverage('" + std::string(to_string(c.payer)) + "')"; });
  def_json_value(coverage_class, "coverage", [](const Coverage& c) { return to_json(c); },
                 [](const nlohmann::json& j, const std::string& path) { return coverage_from_json(j, path); });

  py::class_<CostEstimate> estimate_class(m, "CostEstimate", R"doc(A priced and adjudicated course: every line, totals by week and month.

Totals are iop.Money; warnings come first and say what the figures assume.
to_pandas() gives the lines (or weeks, months) with money in int64 cents.)doc");
  estimate_class.def_readonly("charges", &CostEstimate::charges, "Total charges.")
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
      .def("__repr__", [](const CostEstimate& e) {
        return "CostEstimate(charges='" + e.charges.to_string() + "', patient='" + e.patient.to_string() + "')";
      });
  def_json_value(estimate_class, "estimate", [](const CostEstimate& e) { return to_json(e); },
                 [](const nlohmann::json& j, const std::string& path) { return estimate_from_json(j, path); });

  py::class_<MonteCarloResult> monte_carlo_class(m, "MonteCarloResult", R"doc(P10/P50/P90 (nearest rank) of simulated courses.

Percentiles of the patient's cost and of the total charges, as iop.Money, with
the settings they were drawn with (runs, seed, attendance, length of stay, weeks).)doc");
  monte_carlo_class.def_readonly("runs", &MonteCarloResult::runs, "Courses simulated.")
      .def_readonly("seed", &MonteCarloResult::seed, "The seed: the same seed gives the same figures.")
      .def_readonly("attendance", &MonteCarloResult::attendance, "Probability a session was attended.")
      .def_readonly("min_weeks", &MonteCarloResult::min_weeks, "Shortest stay drawn.")
      .def_readonly("max_weeks", &MonteCarloResult::max_weeks, "Longest stay drawn.")
      .def_property_readonly("length_of_stay", [](const MonteCarloResult& r) { return std::string(to_string(r.length_of_stay)); },
                             "How the stays were drawn: 'plan' (the plan's weeks) or 'uniform'.")
      .def_readonly("patient_p10", &MonteCarloResult::patient_p10, "Patient cost, 10th percentile.")
      .def_readonly("patient_p50", &MonteCarloResult::patient_p50, "Patient cost, median.")
      .def_readonly("patient_p90", &MonteCarloResult::patient_p90, "Patient cost, 90th percentile.")
      .def_readonly("charges_p10", &MonteCarloResult::charges_p10, "Total charges, 10th percentile.")
      .def_readonly("charges_p50", &MonteCarloResult::charges_p50, "Total charges, median.")
      .def_readonly("charges_p90", &MonteCarloResult::charges_p90, "Total charges, 90th percentile.")
      .def("__repr__", [](const MonteCarloResult& r) {
        return "MonteCarloResult(runs=" + std::to_string(r.runs) + ", seed=" + std::to_string(r.seed) + ", patient P10/P50/P90 " +
               r.patient_p10.to_string() + " / " + r.patient_p50.to_string() + " / " + r.patient_p90.to_string() + ")";
      });
  def_json_value(monte_carlo_class, "monte_carlo", [](const MonteCarloResult& r) { return to_json(r); },
                 [](const nlohmann::json& j, const std::string& path) { return monte_carlo_from_json(j, path); });

  m.def(
      "estimate_cost",
      [](const SessionCalendar& calendar, const Coverage& coverage, std::optional<FeeSchedule> fees,
         std::optional<ProgramTemplate> program, const std::string& basis, py::handle primary_substance_use,
         py::handle as_of) {
        const auto& prog = program_of(program, calendar.program_id);
        if (basis != "scheduled" && basis != "attended")
          throw NotFoundError("basis", iop::quoted(basis), "is not a charge basis", "scheduled, attended");
        const auto cut_off = optional_date(as_of, "as_of");
        if (basis == "attended" && !cut_off)
          throw ValidationError("as_of", "None", "is missing: the attended basis reads attendance up to a date",
                                "the date attendance is recorded to (sessions from it on are priced as scheduled)");
        return estimate_cost(calendar, prog, fees_of(fees, prog), coverage,
                             basis == "attended" ? ChargeBasis::attended : ChargeBasis::scheduled,
                             to_bool(primary_substance_use, "primary_substance_use"), cut_off);
      },
      "calendar"_a, "coverage"_a, "fees"_a = py::none(), "program"_a = py::none(), "basis"_a = "scheduled",
      "primary_substance_use"_a = false, "as_of"_a = py::none(),
      R"doc(Prices a calendar (default: the program's default per diem) and adjudicates it under `coverage`.

`basis` 'scheduled' prices every session not cancelled by the clinic;
'attended' needs `as_of`, the date attendance is recorded to: sessions before it
are charged when attended, sessions from it on are priced as scheduled, and
sessions before it with nothing recorded are not charged and are listed in the
warnings.)doc");

  m.def(
      "estimate_scenario",
      [](const TreatmentPlan& plan, const Coverage& coverage, std::optional<FeeSchedule> fees,
         std::optional<ProgramTemplate> program, std::optional<HolidayCalendar> holidays, const std::string& policy,
         py::handle attendance, py::handle discharge_after_weeks, const Integer& extension_weeks, std::string note,
         py::handle attendance_sessions, py::handle intake_may_be_missed) {
        const auto& prog = program_of(program, plan.program_id);
        Scenario s;
        if (!attendance.is_none()) s.attendance = rate_from_python(attendance, "attendance");
        s.attendance_sessions = session_kinds(attendance_sessions, "attendance_sessions");
        s.intake_may_be_missed = to_bool(intake_may_be_missed, "intake_may_be_missed");
        if (!discharge_after_weeks.is_none())
          s.discharge_after_weeks = static_cast<int>(to_integer(discharge_after_weeks, "discharge_after_weeks", 1, 104));
        s.extension_weeks = static_cast<int>(extension_weeks.get("extension_weeks", 0, 26));
        s.note = std::move(note);
        return estimate_scenario(plan, prog, holidays ? *holidays : HolidayCalendar::preset(prog.holiday_preset()),
                                 parse_holiday_policy(policy, "holiday_policy"), fees_of(fees, prog), coverage, s);
      },
      "plan"_a, "coverage"_a, "fees"_a = py::none(), "program"_a = py::none(), "holidays"_a = py::none(),
      "holiday_policy"_a = "skip", "attendance"_a = py::none(), "discharge_after_weeks"_a = py::none(),
      "extension_weeks"_a = 0, "note"_a = "", "attendance_sessions"_a = "program_day", "intake_may_be_missed"_a = false,
      R"doc(A what-if: attendance rate (e.g. '80%'), early discharge after a week, extension weeks.

The rate applies to `attendance_sessions` (a kind or a list of kinds; default the
program days, the other sessions attended): round-half-to-even(rate x sessions)
are attended, the missed ones spread evenly through the course, never on the
first (the intake day) unless `intake_may_be_missed`.)doc");

  m.def(
      "simulate_costs",
      [](const TreatmentPlan& plan, const Coverage& coverage, std::optional<FeeSchedule> fees,
         std::optional<ProgramTemplate> program, std::optional<HolidayCalendar> holidays, const std::string& policy,
         const Integer& runs, const Integer& seed, py::handle attendance, const Integer& min_weeks,
         const Integer& max_weeks, py::handle attendance_sessions, const std::string& length_of_stay) {
        const auto& prog = program_of(program, plan.program_id);
        MonteCarloOptions o;
        o.runs = static_cast<int>(runs.get("runs", 1, 1'000'000));
        o.seed = to_unsigned(seed.value, "seed");
        if (!attendance.is_none()) o.attendance = rate_from_python(attendance, "attendance");
        o.attendance_sessions = session_kinds(attendance_sessions, "attendance_sessions");
        o.length_of_stay = parse_length_of_stay(length_of_stay, "length_of_stay");
        o.min_weeks = static_cast<int>(min_weeks.get("min_weeks", 0, 104));
        o.max_weeks = static_cast<int>(max_weeks.get("max_weeks", 0, 104));
        const auto hc = holidays ? *holidays : HolidayCalendar::preset(prog.holiday_preset());
        const auto f = fees_of(fees, prog);
        const auto hp = parse_holiday_policy(policy, "holiday_policy");
        py::gil_scoped_release release;
        return simulate_costs(plan, prog, hc, hp, f, coverage, o);
      },
      "plan"_a, "coverage"_a, "fees"_a = py::none(), "program"_a = py::none(), "holidays"_a = py::none(),
      "holiday_policy"_a = "skip", "runs"_a = 1000, "seed"_a = 20260101, "attendance"_a = py::none(), "min_weeks"_a = 0,
      "max_weeks"_a = 0, "attendance_sessions"_a = "program_day", "length_of_stay"_a = "plan",
      "A seeded Monte Carlo over attendance (default 85% of the `attendance_sessions`, default the program days; "
      "other sessions attended) of the plan's own course (`length_of_stay` 'plan', its weeks), or of stays drawn "
      "uniformly over `min_weeks`..`max_weeks` (`length_of_stay` 'uniform'; 0: the program's bounds): "
      "P10/P50/P90 of patient cost and charges as an iop.MonteCarloResult, which states the model and the weeks. "
      "Runs without the GIL.");

  py::class_<GoodFaithEstimate> gfe_class(m, "GoodFaithEstimate", "A Good Faith Estimate (45 CFR 149.610) with every required element.");
  gfe_class.def_readonly("total", &GoodFaithEstimate::total, "Total expected charges.")
      .def_readonly("issue_by", &GoodFaithEstimate::issue_by, "Deadline, or None when not required.")
      .def_readonly("part", &GoodFaithEstimate::part, "This estimate's number when a course is split.")
      .def_readonly("parts", &GoodFaithEstimate::parts, "How many estimates the course needs.")
      .def("to_html", [](const GoodFaithEstimate& g) { return to_html(g); }, "A printable HTML page.")
      .def("__repr__", [](const GoodFaithEstimate& g) {
        return "GoodFaithEstimate('" + g.patient_name + "', total='" + g.total.to_string() + "', part " +
               std::to_string(g.part) + " of " + std::to_string(g.parts) + ")";
      });
  def_json_value(gfe_class, "gfe", [](const GoodFaithEstimate& g) { return to_json(g); },
                 [](const nlohmann::json& j, const std::string& path) { return good_faith_estimate_from_json(j, path); });

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
      "its items), scheduled_on, on_request, issued_on, separately_scheduled (iop.schema('gfe-request')).");

  m.def(
      "good_faith_estimates_html",
      [](const std::vector<GoodFaithEstimate>& course) { return to_html(course); }, "estimates"_a,
      "One printable HTML document of a course's estimates (as good_faith_estimates returns them): a course total "
      "when there are several, each estimate from a new printed page, the office's notes on screen only.");

  m.def("is_valid_npi", [](const std::string& npi) { return is_valid_npi(npi); }, "npi"_a,
        "Whether an NPI has 10 digits and a valid check digit.");
  m.def("poverty_guideline",
        [](const Integer& year, const Integer& size, const std::string& area) {
          return poverty_guideline(static_cast<int>(year.get("year", 1900, 2100)),
                                   static_cast<int>(size.get("household_size", 1, 1000)), area_of(area));
        },
        "year"_a, "household_size"_a, "area"_a = "contiguous",
        "The HHS poverty guideline (Money) for a year and household size; area 'contiguous', 'alaska' or 'hawaii'.");
  m.def("income_share_of_poverty",
        [](py::handle income, const Integer& year, const Integer& size, const std::string& area) {
          return income_share_of_poverty(money_arg(income, "income"), static_cast<int>(year.get("year", 1900, 2100)),
                                         static_cast<int>(size.get("household_size", 1, 1000)), area_of(area));
        },
        "income"_a, "year"_a, "household_size"_a, "area"_a = "contiguous",
        "Household income (Money, str or Decimal) as an exact Rate of the poverty guideline.");

  // The batch kernels take int64 columns the Python layer has converted and checked; the kernels check
  // every value again (ranges, amounts, overflow) and release the GIL while they run.
  m.def(
      "_estimate_costs_batch",
      [](const Array<std::int64_t>& starts, const Array<std::int64_t>& weeks, const Array<std::int64_t>& days,
         const Array<std::int64_t>& tracks, const Array<std::int64_t>& program_index,
         const std::vector<ProgramTemplate>& programs, const HolidayCalendar& holidays, const std::string& policy,
         const std::vector<Array<std::int64_t>>& coverage, const Array<std::int64_t>& rate_numerator,
         const Array<std::int64_t>& rate_denominator, const Array<std::uint8_t>& attended, py::handle sessions,
         py::handle intake_may_be_missed, unsigned threads) {
        if (coverage.size() != 11)
          throw ValidationError("coverage", std::to_string(coverage.size()) + " columns", "is not a coverage", "11 columns");
        const auto pointers = pointers_to(programs);
        const BatchPlans plans{span_of(starts), span_of(weeks), span_of(days), span_of(tracks), span_of(program_index)};
        const BatchCoverage terms{span_of(coverage[0]), span_of(coverage[1]), span_of(coverage[2]), span_of(coverage[3]),
                                  span_of(coverage[4]), span_of(coverage[5]), span_of(coverage[6]), span_of(coverage[7]),
                                  span_of(coverage[8]), span_of(coverage[9]), span_of(coverage[10])};
        const BatchAttendance presence{span_of(rate_numerator), span_of(rate_denominator), span_of(attended),
                                       session_kinds(sessions, "attendance_sessions"),
                                       to_bool(intake_may_be_missed, "intake_may_be_missed")};
        const auto hp = parse_holiday_policy(policy, "holiday_policy");
        BatchEstimates totals;
        {
          py::gil_scoped_release release;
          // Flags belong to session rows: the rows are built. Otherwise the plans are priced without them.
          if (presence.attended.empty())
            totals = estimate_batch(plans, pointers, holidays, hp, terms, presence, threads);
          else
            totals = estimate_batch(build_calendars_batch(plans, pointers, holidays, hp, threads),
                                    plans.start_days.size(), terms, presence);
        }
        return py::make_tuple(to_numpy(std::move(totals.charges)), to_numpy(std::move(totals.plan)),
                              to_numpy(std::move(totals.patient)));
      },
      "starts"_a.noconvert(), "weeks"_a.noconvert(), "days_per_week"_a.noconvert(), "tracks"_a.noconvert(),
      "program_index"_a.noconvert(), "programs"_a, "holidays"_a, "holiday_policy"_a, "coverage"_a,
      "rate_numerator"_a.noconvert(), "rate_denominator"_a.noconvert(), "attended"_a.noconvert(),
      "attendance_sessions"_a = "program_day", "intake_may_be_missed"_a = false, "threads"_a = 0,
      "The batch estimate kernel on int64 columns (cents); use iop.estimate_costs instead.");

  m.def(
      "_simulate_costs_batch",
      [](const Array<std::int64_t>& starts, const Array<std::int64_t>& days, const Array<std::int64_t>& tracks,
         const Array<std::int64_t>& program_index, const std::vector<ProgramTemplate>& programs,
         const HolidayCalendar& holidays, const std::string& policy, const std::vector<Array<std::int64_t>>& coverage,
         const Integer& runs, const Integer& seed, const Array<std::int64_t>& attendance_numerator,
         const Array<std::int64_t>& attendance_denominator, const Array<std::int64_t>& min_weeks,
         const Array<std::int64_t>& max_weeks, py::handle sessions, unsigned threads) {
        if (coverage.size() != 11)
          throw ValidationError("coverage", std::to_string(coverage.size()) + " columns", "is not a coverage", "11 columns");
        const auto pointers = pointers_to(programs);
        const std::vector<std::int64_t> no_weeks(static_cast<std::size_t>(starts.size()), 0);  // drawn per run
        const BatchPlans plans{span_of(starts), no_weeks, span_of(days), span_of(tracks), span_of(program_index)};
        const BatchCoverage terms{span_of(coverage[0]), span_of(coverage[1]), span_of(coverage[2]), span_of(coverage[3]),
                                  span_of(coverage[4]), span_of(coverage[5]), span_of(coverage[6]), span_of(coverage[7]),
                                  span_of(coverage[8]), span_of(coverage[9]), span_of(coverage[10])};
        BatchSimulation options;
        options.runs = static_cast<int>(runs.get("runs", 1, 1'000'000));
        options.seed = to_unsigned(seed.value, "seed");
        options.attendance_numerator = span_of(attendance_numerator);
        options.attendance_denominator = span_of(attendance_denominator);
        options.attendance_sessions = session_kinds(sessions, "attendance_sessions");
        options.min_weeks = span_of(min_weeks);
        options.max_weeks = span_of(max_weeks);
        options.threads = threads;
        const auto hp = parse_holiday_policy(policy, "holiday_policy");
        BatchSimulationResult r;
        {
          py::gil_scoped_release release;
          r = simulate_batch(plans, pointers, holidays, hp, terms, options);
        }
        return py::make_tuple(to_numpy(std::move(r.patient_p10)), to_numpy(std::move(r.patient_p50)),
                              to_numpy(std::move(r.patient_p90)), to_numpy(std::move(r.charges_p10)),
                              to_numpy(std::move(r.charges_p50)), to_numpy(std::move(r.charges_p90)));
      },
      "starts"_a.noconvert(), "days_per_week"_a.noconvert(), "tracks"_a.noconvert(), "program_index"_a.noconvert(),
      "programs"_a, "holidays"_a, "holiday_policy"_a, "coverage"_a, "runs"_a, "seed"_a,
      "attendance_numerator"_a.noconvert(), "attendance_denominator"_a.noconvert(), "min_weeks"_a.noconvert(),
      "max_weeks"_a.noconvert(), "attendance_sessions"_a = "program_day", "threads"_a = 0,
      "The cohort Monte Carlo kernel on int64 columns; use iop.simulate_cohort_costs instead.");
}

}  // namespace iop::python
