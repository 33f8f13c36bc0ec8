// An episode as of a date in FHIR R4: the plan's Bundle with its CarePlan brought to the day, and the measures as
// Observations.

#include <nlohmann/json.hpp>

#include "iop/episode/episode.hpp"
#include "iop/io/fhir.hpp"
#include "iop/io/fhir_measures.hpp"

namespace iop {

namespace {

using nlohmann::json;

constexpr std::string_view kLoinc = "http://loinc.org";
constexpr std::string_view kObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";

json observation(const ScoredMeasure& m, const json& subject, const std::string& id) {
  json o{{"resourceType", "Observation"},
         {"id", id},
         {"status", "final"},
         {"category", {{{"coding", {{{"system", kObservationCategory}, {"code", "survey"}, {"display", "Survey"}}}}}}},
         {"code", loinc_total_concept(m.measure)},
         {"subject", subject},
         {"effectiveDateTime", to_iso_string(m.date)},
         {"valueInteger", m.total}};
  if (!m.items.empty()) {
    const auto codes = loinc_item_codes(m.measure);
    json components = json::array();
    for (std::size_t i = 0; i < m.items.size() && i < codes.size(); ++i)
      components.push_back({{"code", {{"coding", {{{"system", kLoinc}, {"code", codes[i]}}}}}}, {"valueInteger", m.items[i]}});
    o["component"] = std::move(components);
  }
  return o;
}

// The measures up to the day: the plan's baselines, then the episode's, in date order.
std::vector<ScoredMeasure> measures_to(const Episode& episode, Date as_of) {
  std::vector<ScoredMeasure> out;
  for (const auto& b : episode.plan.baseline)
    if (b.score.date <= as_of) out.push_back({b.measure, b.score.date, b.score.total, {}, "plan.baseline", {}});
  for (const auto& e : episode.events) {
    if (e.date > as_of) break;
    if (e.kind == EpisodeEvent::Kind::measure) out.push_back(e.measure);
  }
  return out;
}

}  // namespace

json to_fhir(const Episode& episode, const EpisodeState& state) {
  json bundle = plan_to_fhir(episode.plan, episode.program);
  const std::string base = "iop/plan/" + episode.plan.id;
  json* care_plan = nullptr;
  for (auto& entry : bundle["entry"])
    if (entry["resource"]["resourceType"] == "CarePlan") care_plan = &entry["resource"];
  json& plan = *care_plan;  // plan_to_fhir always writes one
  const json subject = plan["subject"];
  json supporting = json::array();
  json observations = json::array();
  for (const auto& m : measures_to(episode, state.as_of)) {
    const std::string name = base + "/observation/" + std::string(to_string(m.measure)) + "/" + to_iso_string(m.date);
    const std::string url = "urn:uuid:" + name_based_uuid(name);
    observations.push_back({{"fullUrl", url}, {"resource", observation(m, subject, name_based_uuid(name))}});
    supporting.push_back({{"reference", url}});
  }
  const bool ended = state.status == EpisodeStatus::discharged || state.status == EpisodeStatus::stepped_up;
  plan["status"] = ended ? "completed" : "active";
  if (state.sessions.last_session) plan["period"]["end"] = to_iso_string(*state.sessions.last_session);
  // state.decisions describes the decisions up to the day in order: each becomes a note dated the day it was made.
  std::size_t k = 0;
  for (const auto& e : episode.events)
    if (e.date <= state.as_of && e.kind == EpisodeEvent::Kind::decision && k < state.decisions.size())
      plan["note"].push_back({{"time", to_iso_string(e.date)}, {"text", "Decision " + state.decisions[k++]}});
  if (!supporting.empty()) plan["supportingInfo"] = std::move(supporting);
  for (auto& o : observations) bundle["entry"].push_back(std::move(o));
  return bundle;
}

}  // namespace iop
