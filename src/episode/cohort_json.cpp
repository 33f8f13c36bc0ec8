// A cohort read from patients and episodes, and its outcomes written as JSON and as text.

#include <iomanip>
#include <sstream>

#include <nlohmann/json.hpp>

#include "declared.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/clinical/icd_code.hpp"
#include "iop/episode/cohort_outcomes.hpp"
#include "iop/episode/cohort_tally.hpp"

namespace iop {

namespace {

using json = nlohmann::json;
using decl::key;
const Date kEpoch(1970, 1, 1);

std::int32_t day_number(Date d) { return static_cast<std::int32_t>((d - kEpoch).days()); }

json date_or_null(std::int32_t day) {
  return day < 0 ? json(nullptr) : json(to_iso_string(kEpoch + boost::gregorian::days(day)));
}

json rate(int numerator, int denominator) {
  return denominator == 0 ? json(nullptr) : json(static_cast<double>(numerator) / static_cast<double>(denominator));
}

json horizon_json(const HorizonSummary& m) {
  namespace H = decl::cohort_horizon;
  return json{{key(H::denominator), m.denominator},
              {key(H::pending), m.pending},
              {key(H::no_score), m.no_score},
              {key(H::remission), m.remission},
              {key(H::response), m.response},
              {key(H::remission_rate), rate(m.remission, m.denominator)},
              {key(H::response_rate), rate(m.response, m.denominator)},
              {key(H::reliable_improvement), m.reliable_improvement},
              {key(H::reliable_deterioration), m.reliable_deterioration}};
}

json group_json(const GroupOutcomes& g, const std::vector<CohortDimension>& by) {
  namespace G = decl::cohort_group;
  namespace TR = decl::cohort_time_to_response;
  namespace DR = decl::cohort_dropout;
  json group_key = json::object();
  for (std::size_t d = 0; d < g.key.size(); ++d) group_key[std::string(to_string(by[d]))] = g.key[d];
  return json{{key(G::key), std::move(group_key)},
              {key(G::patients), g.patients},
              {key(G::excluded), g.excluded},
              {key(G::no_index), g.no_index},
              {key(G::index_patients), g.index_patients},
              {key(G::months_6), horizon_json(g.months[0])},
              {key(G::months_12), horizon_json(g.months[1])},
              {key(G::time_to_response),
               {{key(TR::responders), g.responders},
                {key(TR::median_days), g.median_days_to_response ? json(*g.median_days_to_response) : json(nullptr)}}},
              {key(G::dropout), {{key(DR::ended), g.ended}, {key(DR::against_advice), g.against_advice}, {key(DR::rate), rate(g.against_advice, g.ended)}}}};
}

json patient_horizon_json(const PatientOutcomes& o, int h, std::size_t p) {
  namespace PH = decl::cohort_patient_horizon;
  const bool scored = o.score[h][p] >= 0;
  const auto reliable = o.reliable[h][p];
  return json{{key(PH::status), to_string(o.status[h][p])},
              {key(PH::date), date_or_null(o.score_day[h][p])},
              {key(PH::score), scored ? json(o.score[h][p]) : json(nullptr)},
              {key(PH::change), scored ? json(o.score[h][p] - o.index_score[p]) : json(nullptr)},
              {key(PH::reliable), reliable < 0 ? json("improvement") : reliable > 0 ? json("deterioration") : json(nullptr)}};
}

// A score's error renamed to where it was read: `scores[12].date` -> `patients[3].scores[1].date`.
[[noreturn]] void rethrow_at_source(const ValidationError& e, const CohortData& data) {
  const auto& field = e.field();
  const auto close = field.find(']');
  // `patients[3].id` -> where that patient was read (`episodes[1].plan.patient_id`, or the patient's own id).
  if (field.rfind("patients[", 0) == 0 && close != std::string::npos && field.substr(close) == "].id") {
    const auto patient = std::stoul(field.substr(9, close - 9));
    if (patient < data.patient_source.size()) throw ValidationError(e, data.patient_source[patient]);
  }
  if (field.rfind("scores[", 0) == 0 && close != std::string::npos) {
    const auto row = std::stoul(field.substr(7, close - 7));
    if (row < data.source.size()) {
      auto rest = field.substr(close + 1);
      if (data.source[row].rfind("episodes[", 0) == 0 && rest == ".phq9") rest = ".total";  // an episode's member
      throw ValidationError(e, data.source[row] + rest);
    }
  }
  throw;
}

}  // namespace

void add_episode(CohortData& data, const Episode& episode, Date as_of, const std::string& path) {
  const auto& plan = episode.plan;
  CohortPatient patient{plan.patient_id, plan.program_id, plan.track, std::string(to_string(plan.delivery.kind)),
                        plan.primary_diagnosis.str(), CourseEnd::ongoing, OutcomeExclusion::none};
  const auto index = static_cast<std::int32_t>(data.patients.size());
  const auto add_score = [&](Date day, int total, std::string source) {
    data.patient.push_back(index);
    data.day.push_back(day_number(day));
    data.phq9.push_back(static_cast<std::int8_t>(total));
    data.source.push_back(std::move(source));
  };
  for (std::size_t i = 0; i < plan.baseline.size(); ++i)
    if (plan.baseline[i].measure == Measure::phq9)
      add_score(plan.baseline[i].score.date, plan.baseline[i].score.total, path + ".plan.baseline[" + std::to_string(i) + "]");
  for (std::size_t i = 0; i < episode.events.size(); ++i) {
    const auto& e = episode.events[i];
    const auto at = path + ".events[" + std::to_string(i) + "]";
    const bool counted = e.kind == EpisodeEvent::Kind::measure ||
                         (e.kind == EpisodeEvent::Kind::decision &&
                          (e.decision == EpisodeDecision::discharge || e.decision == EpisodeDecision::step_up));
    if (counted && e.date > as_of)
      throw ValidationError(at + ".date", to_iso_string(e.date), "is after the cohort's as_of",
                            "up to " + to_iso_string(as_of) + " (what is dated after it has not happened)");
    if (e.kind == EpisodeEvent::Kind::measure && e.measure.measure == Measure::phq9)
      add_score(e.date, e.measure.total, at);
    // The course has ended once its last day (the decision's effective day) is past, as episode.state says.
    const bool ended = e.kind == EpisodeEvent::Kind::decision && e.effective.value_or(e.date) < as_of;
    if (ended && e.decision == EpisodeDecision::discharge)
      patient.end = e.planned.value_or(true) ? CourseEnd::planned : CourseEnd::against_advice;
    if (ended && e.decision == EpisodeDecision::step_up) patient.end = CourseEnd::stepped_up;
  }
  data.patients.push_back(std::move(patient));
  data.patient_source.push_back(path + ".plan.patient_id");
}

void add_patients_from_json(CohortData& data, const nlohmann::json& document, const std::string& path) {
  namespace P = decl::cohort_patient;
  namespace S = decl::cohort_score;
  const JsonReader patients(document, path);
  const auto count = patients.array_size(limits::max_long_list);
  for (std::size_t i = 0; i < count; ++i) {
    const auto p = patients.at(i);
    p.expect_only(P::members);
    CohortPatient patient;
    patient.id = p.identifier(P::id);
    patient.program = p.identifier(P::program);
    patient.track = p.identifier(P::track);
    patient.delivery = std::string(to_string(parse_delivery_kind(p.at(P::delivery).as_string(), p.path() + ".delivery")));
    patient.diagnosis = IcdCode::parse(p.at(P::diagnosis).as_string(), p.path() + ".diagnosis").str();
    if (auto v = p.find(P::discharge)) patient.end = parse_course_end(v->as_string(), v->path());
    if (auto v = p.find(P::exclusion)) patient.exclusion = parse_outcome_exclusion(v->as_string(), v->path());
    const auto scores = p.at(P::scores);
    const auto n = scores.array_size(P::scores);
    const auto index = static_cast<std::int32_t>(data.patients.size());
    for (std::size_t j = 0; j < n; ++j) {
      const auto s = scores.at(j);
      s.expect_only(S::members);
      data.patient.push_back(index);
      data.day.push_back(day_number(s.at(S::date).as_date()));
      data.phq9.push_back(static_cast<std::int8_t>(s.integer(S::phq9)));
      data.source.push_back(s.path());
    }
    data.patients.push_back(std::move(patient));
    data.patient_source.push_back(p.path() + ".id");
  }
}

CohortOutcomes cohort_outcomes(const CohortData& data, const CohortOptions& options) {
  try {
    return cohort_outcomes(data.patients, data.scores(), options);
  } catch (const ValidationError& e) {
    rethrow_at_source(e, data);
  }
}

CohortTally cohort_tally(const CohortData& data, const CohortOptions& options) {
  try {
    return cohort_tally(data.patients, data.scores(), options);
  } catch (const ValidationError& e) {
    rethrow_at_source(e, data);
  }
}

json to_json(const CohortOutcomes& outcomes, std::span<const CohortPatient> patients) {
  // Every member named through its declaration (outcomes.cohort's response, declarations/outcomes.py).
  namespace CO = decl::cohort_outcomes;
  namespace RC = decl::cohort_reliable_change;
  namespace PO = decl::cohort_patient_outcome;
  json by = json::array();
  for (auto d : outcomes.by) by.push_back(to_string(d));
  json groups = json::array();
  for (const auto& g : outcomes.groups) groups.push_back(group_json(g, outcomes.by));
  json rows = json::array();
  const auto& o = outcomes.patients;
  for (std::size_t p = 0; p < patients.size(); ++p)
    rows.push_back({{key(PO::id), patients[p].id},
                    {key(PO::index_date), date_or_null(o.index_day[p])},
                    {key(PO::index_score), o.index_score[p] < 0 ? json(nullptr) : json(o.index_score[p])},
                    {key(PO::months_6), patient_horizon_json(o, 0, p)},
                    {key(PO::months_12), patient_horizon_json(o, 1, p)},
                    {key(PO::days_to_response), o.days_to_response[p] < 0 ? json(nullptr) : json(o.days_to_response[p])}});
  return json{{key(CO::warnings), outcomes.warnings},
              {key(CO::as_of), to_iso_string(outcomes.as_of)},
              {key(CO::reliable_change),
               {{key(RC::reliability), outcomes.reliability},
                {key(RC::sd), outcomes.sd},
                {key(RC::sd_source), outcomes.sd_from_sample ? "sample SD of the index scores" : "given"},
                {key(RC::threshold), outcomes.threshold}}},
              {key(CO::by), std::move(by)},
              {key(CO::groups), std::move(groups)},
              {key(CO::patients), std::move(rows)}};
}

std::string to_text(const CohortOutcomes& outcomes) {
  std::ostringstream out;
  for (const auto& w : outcomes.warnings) out << "warning: " << w << "\n";
  out << "Cohort outcomes as of " << to_iso_string(outcomes.as_of) << "\n";
  out << std::fixed << std::setprecision(2) << "Reliable change: reliability " << outcomes.reliability << ", SD "
      << outcomes.sd << (outcomes.sd_from_sample ? " (sample SD of the index scores)" : " (given)")
      << ": a change of more than " << outcomes.threshold << " PHQ-9 points\n";
  const auto percent = [](int n, int d) {
    std::ostringstream s;
    if (d == 0) return std::string("-");
    s << std::fixed << std::setprecision(1) << 100.0 * n / d << "%";
    return s.str();
  };
  for (const auto& g : outcomes.groups) {
    std::string name;
    for (std::size_t d = 0; d < g.key.size(); ++d) name += (d ? " / " : "") + g.key[d];
    out << "\n" << (name.empty() ? std::string("whole cohort") : name) << ": " << g.patients << " patients, "
        << g.index_patients << " with an index event, " << g.excluded << " excluded, " << g.no_index << " without\n";
    for (int h = 0; h < 2; ++h) {
      const auto& m = g.months[h];
      out << "  " << (h == 0 ? " 6" : "12") << " months: " << m.denominator << " measured (" << m.pending
          << " pending, " << m.no_score << " without a score); remission " << m.remission << " ("
          << percent(m.remission, m.denominator) << "), response " << m.response << " (" << percent(m.response, m.denominator)
          << "); reliable improvement " << m.reliable_improvement << ", deterioration " << m.reliable_deterioration << "\n";
    }
    out << "  time to response: " << g.responders << " responders, median ";
    if (g.median_days_to_response) out << std::setprecision(0) << *g.median_days_to_response << " days";
    else out << "not reached";
    out << "; dropout " << g.against_advice << " of " << g.ended << " ended (" << percent(g.against_advice, g.ended) << ")\n";
  }
  return out.str();
}

}  // namespace iop
