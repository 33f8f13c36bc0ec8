#pragma once
/// @file
/// @brief FHIR R4 (4.0.1) JSON for treatment plans: a Bundle of CarePlan, Goal and Condition.
///
/// `plan_to_fhir` writes one `collection` Bundle holding
/// - a **Condition** per diagnosis (ICD-10-CM, system `http://hl7.org/fhir/sid/icd-10-cm`),
/// - a **Goal** per measurable goal (target measure coded in LOINC: PHQ-9 total
///   44261-6, GAD-7 total 70274-6; the target as a quantity with comparator),
/// - the **CarePlan**: period, addresses (the Conditions), goals, and one
///   activity for the program day (HCPCS S9480, or H0015 when the primary
///   diagnosis is a substance use disorder) plus one per intervention (CPT or
///   HCPCS), each with a Timing (frequency, period, weekdays, local time).
///
/// Entries are linked by `urn:uuid:` full URLs derived deterministically from
/// the plan id, so the same plan always gives byte-identical JSON.
///
/// @code
/// nlohmann::json bundle = iop::plan_to_fhir(plan, iop::find_program(plan.program_id));
/// bundle["entry"][0]["resource"]["resourceType"];   // "Condition"
/// @endcode

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "iop/plan/program.hpp"
#include "iop/plan/treatment_plan.hpp"

namespace iop {

/// @brief The FHIR R4 Bundle (type `collection`) of a plan.
/// @throws ValidationError when the plan does not check against @p program (see `check_plan`).
[[nodiscard]] nlohmann::json plan_to_fhir(const TreatmentPlan& plan, const ProgramTemplate& program);

/// @brief The per-diem HCPCS code of a plan's program day: H0015 (alcohol and/or
///        drug services, intensive outpatient) when the primary diagnosis is a
///        substance use disorder, else S9480 (intensive outpatient psychiatric services, per diem).
[[nodiscard]] std::string_view per_diem_code(const TreatmentPlan& plan) noexcept;

/// @brief A measure's total coded in LOINC, as a CodeableConcept: 44261-6 (PHQ-9 total score [Reported]) or
/// 70274-6 (GAD-7 total score [Reported.PHQ]).
[[nodiscard]] nlohmann::json loinc_total_concept(Measure measure);

/// @brief A deterministic name-based UUID (RFC 9562 version 8 layout) for @p name.
[[nodiscard]] std::string name_based_uuid(std::string_view name);

}  // namespace iop
