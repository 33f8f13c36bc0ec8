// An episode read from JSON, and its state written as JSON and as text.

#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "billing/course_json.hpp"
#include "declared.hpp"
#include "iop/billing/estimate.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/episode/episode.hpp"

namespace iop {

namespace {

using json = nlohmann::json;
namespace E = decl::episode_event;
using Kind = EpisodeEvent::Kind;

const std::map<std::string_view, Kind, std::less<>> kKinds{
    {"attendance", Kind::attendance}, {"reschedule", Kind::reschedule}, {"measure", Kind::measure},
    {"decision", Kind::decision},     {"authorization", Kind::authorization}};
const std::map<std::string_view, EpisodeDecision, std::less<>> kDecisions{
    {"continue", EpisodeDecision::continue_course}, {"extend", EpisodeDecision::extend},
    {"step_down", EpisodeDecision::step_down},      {"step_up", EpisodeDecision::step_up},
    {"discharge", EpisodeDecision::discharge}};

const std::map<std::string_view, Measure, std::less<>> kMeasures{{"PHQ-9", Measure::phq9}, {"GAD-7", Measure::gad7}};

// The members each kind takes besides `kind`, `date` and `note` (a member of another kind is refused, not dropped).
const std::map<Kind, std::vector<std::string_view>> kKindMembers{
    {Kind::attendance, {E::session.name, E::status.name}},
    {Kind::reschedule, {E::session.name, E::new_date.name, E::new_start.name}},
    {Kind::measure, {E::measure.name, E::total.name, E::items.name}},
    {Kind::decision, {E::decision.name, E::effective.name, E::weeks.name, E::authorization_requested.name, E::weekdays.name,
                      E::level.name, E::planned.name, E::reason.name}},
    {Kind::authorization, {E::authorization.name}}};

template <class Value>
Value parse_name(const std::map<std::string_view, Value, std::less<>>& names, const JsonReader& in, std::string_view what) {
  const auto text = in.as_string();
  if (auto it = names.find(text); it != names.end()) return it->second;
  std::string allowed;
  for (const auto& [name, value] : names) allowed += (allowed.empty() ? "" : ", ") + std::string(name);
  throw NotFoundError(in.path(), iop::quoted(text), "is not " + std::string(what), allowed);
}

void check_kind_members(const JsonReader& e, Kind kind, std::string_view kind_name) {
  const auto& allowed = kKindMembers.at(kind);
  for (const auto& [key, value] : e.json().items()) {
    if (key == E::kind.name || key == E::date.name || key == E::note.name) continue;
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      throw ValidationError(e.path() + "." + key, "", "is not a member of " + std::string(kind_name == "attendance" ? "an " : "a ") +
                                                          std::string(kind_name) + " event", "kind, date, note" + [&] {
                                                            std::string list;
                                                            for (auto m : allowed) list += ", " + std::string(m);
                                                            return list;
                                                          }());
  }
}

void read_measure(EpisodeEvent& ev, const JsonReader& e) {
  const auto which = e.at(E::measure);
  ev.measure.measure = parse_name(kMeasures, which, "a measure an episode reads");
  ev.measure.date = ev.date;
  ev.measure.source = e.path();
  const auto total = e.find(E::total);
  const auto items = e.find(E::items);
  if (total && items) throw ValidationError(e.path(), "total and items", "gives both a total and the items", "one of them");
  if (!total && !items) throw ValidationError(e.path() + ".total", "", "is missing", "the total, or the item answers");
  if (total) {
    ev.measure.total = static_cast<int>(total->as_int(E::total));
    return;
  }
  const std::size_t expected = ev.measure.measure == Measure::phq9 ? 9 : 7;
  const auto n = items->array_size(E::items);
  if (n != expected)
    throw ValidationError(items->path(), std::to_string(n) + " items", "is not a whole " + std::string(to_string(ev.measure.measure)),
                          std::to_string(expected) + " item answers (0-3), in order");
  for (std::size_t i = 0; i < n; ++i) ev.measure.items.push_back(static_cast<int>(items->at(i).as_int(0, 3)));
  ev.measure.total = ev.measure.measure == Measure::phq9 ? Phq9::from_items(ev.measure.items, items->path()).total()
                                                         : Gad7::from_items(ev.measure.items, items->path()).total();
}

void read_decision(EpisodeEvent& ev, const JsonReader& e) {
  ev.decision = parse_name(kDecisions, e.at(E::decision), "a decision");
  if (auto v = e.find(E::effective)) ev.effective = v->as_date();
  if (auto v = e.find(E::weeks)) ev.weeks = static_cast<int>(v->as_int(E::weeks));
  if (auto v = e.find(E::authorization_requested)) ev.authorization_requested = v->as_identifier(E::authorization_requested);
  if (auto v = e.find(E::weekdays))
    for (std::size_t k = 0; k < v->array_size(E::weekdays); ++k) ev.weekdays.push_back(parse_weekday(v->at(k).as_string(), v->at(k).path()));
  if (auto v = e.find(E::level)) ev.level = parse_level_of_care(v->as_string(), v->path());
  if (auto v = e.find(E::planned)) ev.planned = v->as_bool();
  if (auto v = e.find(E::reason)) ev.reason = v->as_text(E::reason);
  // A member another decision takes is refused: it would be ignored.
  const std::pair<const decl::Member*, EpisodeDecision> only_for[] = {
      {&E::weeks, EpisodeDecision::extend}, {&E::authorization_requested, EpisodeDecision::extend},
      {&E::weekdays, EpisodeDecision::step_down}, {&E::level, EpisodeDecision::step_up},
      {&E::planned, EpisodeDecision::discharge}};
  for (const auto& [m, decision] : only_for)
    if (e.find(*m) && ev.decision != decision)
      throw ValidationError(e.path() + "." + std::string(m->name), "", "is not a member of a " + std::string(to_string(ev.decision)) + " decision",
                            "a " + std::string(to_string(decision)) + " decision's");
  if (ev.effective && (ev.decision == EpisodeDecision::continue_course || ev.decision == EpisodeDecision::extend))
    throw ValidationError(e.path() + ".effective", to_iso_string(*ev.effective), "is not a member of a " + std::string(to_string(ev.decision)) + " decision",
                          "effective for a step_down, a step_up or a discharge");
}

EpisodeEvent read_event(const JsonReader& e, std::size_t i) {
  e.expect_only(E::members);
  EpisodeEvent ev;
  const auto kind = e.at(E::kind);
  ev.kind = parse_name(kKinds, kind, "an episode event kind");
  ev.date = e.at(E::date).as_date();
  ev.source = "events[" + std::to_string(i) + "]";
  check_kind_members(e, ev.kind, kind.as_string());
  if (auto v = e.find(E::note)) ev.note = v->as_text(E::note);
  switch (ev.kind) {
    case Kind::attendance:
    case Kind::reschedule: {
      auto& c = ev.calendar;
      c.kind = ev.kind == Kind::attendance ? CalendarEvent::Kind::attendance : CalendarEvent::Kind::reschedule;
      c.date = ev.date;
      c.note = ev.note;
      if (auto v = e.find(E::session)) c.session_kind = parse_session_kind(v->as_string(), v->path());
      if (ev.kind == Kind::attendance) {
        const auto status = e.at(E::status);
        c.status = parse_attendance_status(status.as_string(), status.path());
      } else {
        c.new_date = e.at(E::new_date).as_date();
        if (auto v = e.find(E::new_start)) c.new_start = TimeOfDay::parse(v->as_string(), v->path());
      }
      break;
    }
    case Kind::measure: read_measure(ev, e); break;
    case Kind::decision: read_decision(ev, e); break;
    case Kind::authorization: {
      const auto a = e.at(E::authorization);
      a.expect_only(decl::authorization::members);
      namespace A = decl::authorization;
      ev.authorization = Authorization{a.identifier(A::reference), a.at(A::first_day).as_date(), a.at(A::last_day).as_date(),
                                       static_cast<int>(a.integer(A::units)), std::nullopt, ""};
      if (auto r = a.find(A::next_review)) ev.authorization.next_review = r->as_date();
      if (auto x = a.find(A::extends)) ev.authorization.extends = x->as_identifier(A::extends);
      break;
    }
  }
  return ev;
}

json cost_part(const EpisodeCostPart& p) {
  namespace CP = decl::episode_costs_part;
  using decl::key;
  return {{key(CP::sessions), p.sessions}, {key(CP::charges), p.charges}, {key(CP::plan), p.plan},
          {key(CP::patient), p.patient}};
}

json date_or_null(const std::optional<Date>& d) { return d ? json(to_iso_string(*d)) : json(nullptr); }

// The episode's gfe: the request's members as written, the diagnoses from the plan, and placeholder dates (each
// estimate is dated by its decision).
GfeRequest read_gfe(const JsonReader& in, const TreatmentPlan& plan) {
  namespace G = decl::episode_gfe;
  namespace R = decl::gfe_request;
  in.expect_only(G::members);
  json request = json::object();
  for (const decl::Member& member : std::initializer_list<decl::Member>{G::patient, G::provider, G::co_providers,
                                                                        G::separately_scheduled, G::business_days})
    if (auto v = in.find(member)) request[std::string(member.name)] = v->json();
  json diagnoses = json::array({plan.primary_diagnosis.str()});
  for (const auto& code : plan.secondary_diagnoses) diagnoses.push_back(code.str());
  request[std::string(R::diagnosis_codes.name)] = std::move(diagnoses);
  request[std::string(R::scheduled_on.name)] = to_iso_string(plan.start_date);
  request[std::string(R::issued_on.name)] = to_iso_string(plan.start_date);
  return gfe_request_from_json(request, in.path());
}

}  // namespace

Episode episode_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only(decl::episode::members);
  auto course = course_detail::read_course_parts(in);
  Episode ep{std::move(course.plan), std::move(course.program), std::move(course.holidays), course.policy, {}, {}, {}, {}};
  const auto events = in.at(decl::episode::events);
  for (std::size_t i = 0; i < events.array_size(decl::episode::events); ++i) ep.events.push_back(read_event(events.at(i), i));
  const auto fees = in.find(decl::episode::fee_schedule);
  if (auto v = in.find(decl::episode::coverage)) {
    ep.coverage = coverage_from_json(v->json(), v->path());
    ep.fees = course_detail::read_fees_or_default_per_diem(in, ep.program);
    const bool authorized = std::any_of(ep.events.begin(), ep.events.end(), [](const EpisodeEvent& e) { return e.kind == Kind::authorization; });
    if (authorized && !ep.coverage->outside_authorization)
      throw ValidationError(v->path() + ".outside_authorization", "", "is missing",
                            "patient_pays or provider_absorbs: the episode has authorisations, and days outside them follow the contract");
  } else if (fees) {
    throw ValidationError(fees->path(), "", "is given without a coverage", "a coverage with it (costs need both), or neither");
  }
  if (auto v = in.find(decl::episode::gfe)) {
    // Self-pay as the estimate reads it: uninsured, self-pay, or a payer the program declines.
    if (!ep.coverage || effective_coverage(ep.program, *ep.coverage, nullptr).files_claims())
      throw ValidationError(v->path(), "", "is given for a course that is not self-pay",
                            "a gfe with a self-pay or uninsured coverage (Good Faith Estimates are for them), or none");
    ep.gfe = read_gfe(*v, ep.plan);
  }
  validate_episode(ep, in.path());
  return ep;
}

json to_json(const EpisodeState& s) {
  // Every member named through its declaration (episode.state's response, declarations/episode.py).
  namespace ES = decl::episode_state;
  namespace SC = decl::episode_score;
  using decl::key;
  const auto& review = *s.review;
  json phq9 = json::array(), gad7 = json::array();
  for (const auto& score : review.trajectory.scores()) phq9.push_back({{key(SC::date), score.date}, {key(SC::total), score.total}});
  for (const auto& score : s.gad7) gad7.push_back({{key(SC::date), score.date}, {key(SC::total), score.total}});
  json weekdays = json::array();
  for (auto d : s.sessions.weekdays) weekdays.push_back(weekday_name(d));
  const int recorded = s.sessions.attended + s.sessions.missed;
  namespace SE = decl::episode_sessions;
  json sessions{{key(SE::attended), s.sessions.attended}, {key(SE::missed), s.sessions.missed},
                {key(SE::cancelled_by_clinic), s.sessions.cancelled_by_clinic},
                {key(SE::unrecorded), s.sessions.unrecorded}, {key(SE::upcoming), s.sessions.upcoming},
                {key(SE::attendance),
                 recorded ? json(std::to_string(s.sessions.attended) + "/" + std::to_string(recorded)) : json(nullptr)},
                {key(SE::next_session), date_or_null(s.sessions.next_session)},
                {key(SE::last_session), date_or_null(s.sessions.last_session)},
                {key(SE::weekdays), weekdays}, {key(SE::weeks_outside_bounds), s.sessions.weeks_outside_bounds}};
  json authorization = nullptr;
  if (s.authorization) {
    namespace AU = decl::episode_authorization;
    const auto& a = s.authorization->authorization;
    authorization = {{key(AU::reference), a.reference}, {key(AU::first_day), a.first_day},
                     {key(AU::last_day), a.last_day}, {key(AU::units), a.units},
                     {key(AU::used), s.authorization->used}, {key(AU::remaining_units), s.authorization->remaining_units},
                     {key(AU::remaining_days), s.authorization->remaining_days}, {key(AU::review_due), a.review_due()}};
  }
  namespace PR = decl::episode_proposal;
  json proposal{{key(PR::action), to_string(s.proposal.action)}, {key(PR::reasons), s.proposal.reasons}};
  if (s.proposal.level) proposal[key(PR::level)] = to_string(*s.proposal.level);
  json estimates = json::array();
  for (const auto& estimate : s.good_faith_estimates) estimates.push_back(to_json(estimate));
  json costs = nullptr;
  if (s.costs) {
    namespace CO = decl::episode_costs;
    costs = {{key(CO::so_far), cost_part(s.costs->so_far)}, {key(CO::expected), cost_part(s.costs->expected)},
             {key(CO::total), cost_part(s.costs->total)}, {key(CO::warnings), s.costs->warnings}};
  }
  namespace ME = decl::episode_measures;
  namespace NR = decl::episode_next_review;
  return {{key(ES::warnings), s.warnings}, {key(ES::changes), s.changes}, {key(ES::as_of), s.as_of},
          {key(ES::status), to_string(s.status)},
          {key(ES::sessions), sessions},
          {key(ES::measures), {{key(ME::status), to_string(review.status)}, {key(ME::phq9), phq9},
                               {key(ME::gad7), gad7}, {key(ME::reasons), review.reasons}}},
          {key(ES::next_review), {{key(NR::date), s.next_review}, {key(NR::why), s.next_review_why}}},
          {key(ES::authorization), authorization}, {key(ES::pending_requests), s.pending_requests},
          {key(ES::proposal), proposal}, {key(ES::decisions), s.decisions}, {key(ES::costs), costs},
          {key(ES::good_faith_estimates), estimates}};
}

std::string to_text(const EpisodeState& s) {
  std::ostringstream t;
  for (const auto& w : s.warnings) t << "WARNING: " << w << "\n";
  for (const auto& c : s.changes) t << "Changed: " << c << "\n";
  t << "Episode as of " << to_iso_string(s.as_of) << ": " << to_string(s.status) << "\n";
  const auto& n = s.sessions;
  t << "Program days: " << n.attended << " attended, " << n.missed << " missed, " << n.cancelled_by_clinic
    << " cancelled by the clinic, " << n.unrecorded << " unrecorded, " << n.upcoming << " to come";
  if (n.last_session) t << " (last " << to_iso_string(*n.last_session) << ")";
  t << "\nPHQ-9: " << to_string(s.review->status) << "\n";
  for (const auto& r : s.review->reasons) t << "  - " << r << "\n";
  t << "Next review: " << to_iso_string(s.next_review) << " (" << s.next_review_why << ")\n";
  if (s.authorization)
    t << "Authorisation " << s.authorization->authorization.reference << ": " << s.authorization->remaining_units
      << " units and " << s.authorization->remaining_days << " days left\n";
  t << "Proposed: " << to_string(s.proposal.action);
  if (s.proposal.level) t << " to " << to_string(*s.proposal.level);
  t << "\n";
  for (const auto& r : s.proposal.reasons) t << "  - " << r << "\n";
  if (s.costs)
    t << "Costs: so far " << s.costs->so_far.patient.to_string() << " of " << s.costs->so_far.charges.to_string()
      << " charged; expected " << s.costs->expected.patient.to_string() << " of " << s.costs->expected.charges.to_string()
      << "; patient's total " << s.costs->total.patient.to_string() << "\n";
  for (const auto& g : s.good_faith_estimates)
    t << "New Good Faith Estimate issued " << to_iso_string(g.issued_on) << " (due by "
      << (g.issue_by ? to_iso_string(*g.issue_by) : std::string("-")) << "): " << g.recurrence.frequency << ", "
      << to_iso_string(g.recurrence.first_date) << " to " << to_iso_string(g.recurrence.last_date) << ", "
      << g.total.to_string() << "\n";
  return t.str();
}

}  // namespace iop
