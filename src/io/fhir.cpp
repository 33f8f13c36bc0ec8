#include "iop/io/fhir.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/json.hpp"

namespace iop {
namespace {

using nlohmann::json;

constexpr std::string_view kIcd10Cm = "http://hl7.org/fhir/sid/icd-10-cm";
constexpr std::string_view kLoinc = "http://loinc.org";
constexpr std::string_view kCpt = "http://www.ama-assn.org/go/cpt";
constexpr std::string_view kHcpcs = "urn:oid:2.16.840.1.113883.6.285";  // HCPCS Level II

}  // namespace

// LOINC total-score codes (loinc.org): 44261-6 PHQ-9 total score [Reported];
// 70274-6 GAD-7 total score [Reported.PHQ].
json loinc_total_concept(Measure measure) {
  if (measure == Measure::phq9)
    return {{"coding", {{{"system", kLoinc}, {"code", "44261-6"},
                         {"display", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"}}}}};
  return {{"coding", {{{"system", kLoinc}, {"code", "70274-6"},
                       {"display", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]"}}}}};
}

namespace {

json coding_concept(std::string_view system, std::string_view code, const std::string& display) {
  return {{"coding", {{{"system", system}, {"code", code}, {"display", display}}}}, {"text", display}};
}

// A FHIR id: [A-Za-z0-9-.]{1,64}.
std::string fhir_id(std::string_view text) {
  std::string id;
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    id += ok ? c : '-';
    if (id.size() == 64) break;
  }
  return id.empty() ? "unnamed" : id;
}

std::uint64_t fnv1a(std::string_view text, std::uint64_t seed) {
  std::uint64_t h = seed;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string_view fhir_weekday(boost::date_time::weekdays day) {
  static constexpr std::array<std::string_view, 7> names{"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  return names[static_cast<std::size_t>(day)];
}

json timing(const SessionFrequency& f, int minutes, const TreatmentPlan& plan, const std::string* time_of_day) {
  json repeat{{"boundsPeriod", {{"start", to_iso_string(plan.start_date)}, {"end", to_iso_string(plan.end_date())}}},
              {"frequency", f.sessions},
              {"period", f.per_weeks},
              {"periodUnit", "wk"}};
  if (minutes > 0) {
    repeat["duration"] = minutes;
    repeat["durationUnit"] = "min";
  }
  if (time_of_day) {
    repeat["timeOfDay"] = {*time_of_day + ":00"};
    if (!plan.weekdays.empty()) {
      repeat["dayOfWeek"] = json::array();
      for (auto d : plan.weekdays) repeat["dayOfWeek"].push_back(fhir_weekday(d));
    }
  }
  return {{"repeat", repeat}};
}

}  // namespace

std::string name_based_uuid(std::string_view name) {
  const std::uint64_t hi = fnv1a(name, 0xcbf29ce484222325ULL);
  const std::uint64_t lo = fnv1a(name, 0x84222325cbf29ce4ULL);
  // Version 8 (custom, RFC 9562 section 5.8) in the high nibble of octet 6; variant 10xx in octet 8.
  const std::uint64_t a = (hi & 0xffffffffffff0fffULL) | 0x0000000000008000ULL;
  const std::uint64_t b = (lo & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  char text[40];
  std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xffff),
                static_cast<unsigned>(b >> 48), static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return text;
}

std::string_view per_diem_code(const TreatmentPlan& plan) noexcept {
  return is_substance_use(plan.primary_diagnosis) ? "H0015" : "S9480";
}

namespace {

// The plan's diagnoses as Condition entries (the primary first), each referred to from the care plan.
void add_conditions(const TreatmentPlan& plan, const std::string& base, const json& subject, json& entries,
                    json& condition_refs) {
  auto add_condition = [&](const IcdCode& code, std::size_t index, bool primary) {
    const auto info = find_condition(code);
    const std::string display = info ? std::string(info->description) : code.str();
    const std::string url = "urn:uuid:" + name_based_uuid(base + "/condition/" + std::to_string(index));
    json resource{{"resourceType", "Condition"},
                  {"id", fhir_id(plan.id + "-condition-" + std::to_string(index))},
                  {"clinicalStatus",
                   {{"coding", {{{"system", "http://terminology.hl7.org/CodeSystem/condition-clinical"}, {"code", "active"}}}}}},
                  {"verificationStatus",
                   {{"coding", {{{"system", "http://terminology.hl7.org/CodeSystem/condition-ver-status"}, {"code", "confirmed"}}}}}},
                  {"category",
                   {{{"coding", {{{"system", "http://terminology.hl7.org/CodeSystem/condition-category"},
                                  {"code", "encounter-diagnosis"}}}}}}},
                  {"code", coding_concept(kIcd10Cm, code.str(), display)},
                  {"subject", subject},
                  {"note", {{{"text", primary ? "Primary diagnosis" : "Secondary diagnosis"}}}}};
    entries.push_back({{"fullUrl", url}, {"resource", std::move(resource)}});
    condition_refs.push_back({{"reference", url}});
  };
  add_condition(plan.primary_diagnosis, 0, true);
  for (std::size_t i = 0; i < plan.secondary_diagnoses.size(); ++i) add_condition(plan.secondary_diagnoses[i], i + 1, false);
}

// Each problem's goals as Goal entries addressing the conditions.
void add_goals(const TreatmentPlan& plan, const std::string& base, const json& subject, const json& condition_refs,
               json& entries, json& goal_refs) {
  for (std::size_t p = 0; p < plan.problems.size(); ++p)
    for (std::size_t g = 0; g < plan.problems[p].goals.size(); ++g) {
      const auto& goal = plan.problems[p].goals[g];
      const std::string suffix = std::to_string(p) + "-" + std::to_string(g);
      const std::string url = "urn:uuid:" + name_based_uuid(base + "/goal/" + suffix);
      json quantity{{"value", goal.target},
                    {"comparator", goal.comparator == GoalComparator::below ? "<" : "<="},
                    {"unit", "{score}"},
                    {"system", "http://unitsofmeasure.org"},
                    {"code", "{score}"}};
      json resource{{"resourceType", "Goal"},
                    {"id", fhir_id(plan.id + "-goal-" + suffix)},
                    {"lifecycleStatus", "active"},
                    {"description", {{"text", goal.description}}},
                    {"subject", subject},
                    {"startDate", to_iso_string(plan.start_date)},
                    {"target", {{{"measure", loinc_total_concept(goal.measure)},
                                 {"detailQuantity", quantity},
                                 {"dueDate", to_iso_string(goal.target_date)}}}},
                    {"addresses", condition_refs},
                    {"note", {{{"text", "Problem: " + plan.problems[p].description}}}}};
      entries.push_back({{"fullUrl", url}, {"resource", std::move(resource)}});
      goal_refs.push_back({{"reference", url}});
    }
}

// The care plan's activities: the program day (its per diem code, track and blocks), then each intervention.
json care_plan_activities(const TreatmentPlan& plan, const ProgramTemplate& program) {
  json activities = json::array();
  const auto& track = program.track(plan.track);
  const std::string start = track.start.to_string();
  const auto per_diem = per_diem_code(plan);
  const std::string day_text = std::string(per_diem == "H0015" ? "Alcohol and/or drug services; intensive outpatient"
                                                               : "Intensive outpatient psychiatric services, per diem");
  std::string blocks;
  for (const auto& b : program.daily_blocks)
    blocks += (blocks.empty() ? "" : ", ") + std::string(modality_info(b.modality).name) + " " + std::to_string(b.minutes) + " min";
  activities.push_back(
      {{"detail",
        {{"kind", "ServiceRequest"},
         {"code", coding_concept(kHcpcs, per_diem, day_text)},
         {"status", "scheduled"},
         {"scheduledTiming", timing({plan.days_per_week, 1}, program.minutes_per_day, plan, &start)},
         {"description", program.name + ", " + track.name + " track at " + start + " " + std::string(track.zone.name()) +
                             " (" + std::string(to_string(plan.delivery.kind)) + "): " + blocks}}}});
  for (const auto& intervention : plan.interventions) {
    const auto& info = modality_info(intervention.modality);
    const auto system = info.code_system == "HCPCS" ? kHcpcs : kCpt;
    activities.push_back(
        {{"detail",
          {{"kind", "ServiceRequest"},
           {"code", coding_concept(system, info.default_code, std::string(info.name))},
           {"status", "scheduled"},
           {"scheduledTiming", timing(intervention.frequency, info.default_minutes, plan, nullptr)},
           {"description", std::string(info.name) + ", " + std::to_string(intervention.frequency.sessions) + " every " +
                               std::to_string(intervention.frequency.per_weeks) + " week(s); responsible: " +
                               intervention.responsible_role}}}});
  }
  return activities;
}

// The care plan's notes: level of care and course, discharge criteria, step-down target, extension.
json care_plan_notes(const TreatmentPlan& plan) {
  json notes = json::array();
  notes.push_back({{"text", "Level of care " + std::string(to_string(plan.level_of_care)) + " (ASAM " +
                                std::string(asam_level(plan.level_of_care)) + "); " + std::to_string(plan.weeks) +
                                " weeks, " + std::to_string(plan.days_per_week) + " days a week; review every " +
                                std::to_string(plan.review_every_days) + " days."}});
  for (const auto& criterion : plan.discharge_criteria) notes.push_back({{"text", "Discharge criterion: " + criterion}});
  if (plan.step_down_to) notes.push_back({{"text", "Step-down target: " + std::string(to_string(*plan.step_down_to))}});
  if (plan.extension)
    notes.push_back({{"text", "Extension: " + plan.extension->reason + " (authorization " +
                                  plan.extension->authorization_reference + ")"}});
  return notes;
}

}  // namespace

json plan_to_fhir(const TreatmentPlan& plan, const ProgramTemplate& program) {
  (void)check_plan(plan, program);  // never write FHIR for a plan that does not check
  const std::string base = "iop/plan/" + plan.id;
  const json subject{{"reference", "Patient/" + fhir_id(plan.patient_id)}};
  json entries = json::array();
  json condition_refs = json::array();
  json goal_refs = json::array();
  add_conditions(plan, base, subject, entries, condition_refs);
  add_goals(plan, base, subject, condition_refs, entries, goal_refs);
  const json activities = care_plan_activities(plan, program);
  const json notes = care_plan_notes(plan);

  json care_plan{{"resourceType", "CarePlan"},
                 {"id", fhir_id(plan.id)},
                 {"status", "active"},
                 {"intent", "plan"},
                 {"title", "Treatment plan: " + program.name},
                 {"category", {{{"text", "Intensive outpatient program"}}}},
                 {"subject", subject},
                 {"period", {{"start", to_iso_string(plan.start_date)}, {"end", to_iso_string(plan.end_date())}}},
                 {"addresses", condition_refs},
                 {"goal", goal_refs},
                 {"activity", activities},
                 {"note", notes}};
  entries.push_back({{"fullUrl", "urn:uuid:" + name_based_uuid(base + "/careplan")}, {"resource", std::move(care_plan)}});
  return {{"resourceType", "Bundle"},
          {"id", fhir_id(plan.id + "-bundle")},
          {"type", "collection"},
          {"entry", std::move(entries)}};
}

}  // namespace iop
