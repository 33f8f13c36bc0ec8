// An episode's checks and its state as of a date (the reader, the writer and the text are in episode_json.cpp).

#include "iop/episode/episode.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/enum_names.hpp"
#include "iop/billing/estimate.hpp"
#include "iop/core/error.hpp"

namespace iop {

namespace {

using boost::gregorian::days;
using detail::enum_name;

constexpr std::array<std::pair<EpisodeDecision, std::string_view>, 5> kDecisions{{
    {EpisodeDecision::continue_course, "continue"},
    {EpisodeDecision::extend, "extend"},
    {EpisodeDecision::step_down, "step_down"},
    {EpisodeDecision::step_up, "step_up"},
    {EpisodeDecision::discharge, "discharge"},
}};
constexpr std::array<std::pair<EpisodeEvent::Kind, std::string_view>, 5> kKinds{{
    {EpisodeEvent::Kind::attendance, "attendance"},
    {EpisodeEvent::Kind::reschedule, "reschedule"},
    {EpisodeEvent::Kind::measure, "measure"},
    {EpisodeEvent::Kind::decision, "decision"},
    {EpisodeEvent::Kind::authorization, "authorization"},
}};
constexpr std::array<std::pair<EpisodeStatus, std::string_view>, 4> kStatuses{{
    {EpisodeStatus::not_started, "not started"},
    {EpisodeStatus::in_treatment, "in treatment"},
    {EpisodeStatus::discharged, "discharged"},
    {EpisodeStatus::stepped_up, "stepped up"},
}};

bool ends_course(EpisodeDecision d) { return d == EpisodeDecision::step_up || d == EpisodeDecision::discharge; }

std::string field_of(const std::string& path, const EpisodeEvent& e, std::string_view member) {
  return path + "." + e.source + "." + std::string(member);
}

// The program days in force before any step-down: the plan's own, else the calendar's rule for its days a week.
std::vector<boost::date_time::weekdays> planned_weekdays(const TreatmentPlan& plan) {
  return plan.weekdays.empty() ? default_weekdays(plan.days_per_week) : plan.weekdays;
}

void check_decision(const Episode& episode, const EpisodeEvent& e, std::size_t& days_in_force, const std::string& path) {
  const auto& program = episode.program;
  if (e.decision != EpisodeDecision::continue_course && e.decision != EpisodeDecision::extend && !e.effective)
    throw ValidationError(field_of(path, e, "effective"), "", "is missing", "the day the decision takes effect");
  if (e.effective && *e.effective < e.date)
    throw ValidationError(field_of(path, e, "effective"), to_iso_string(*e.effective), "is before the decision",
                          "on or after " + to_iso_string(e.date));
  switch (e.decision) {
    case EpisodeDecision::continue_course: break;
    case EpisodeDecision::extend:
      if (e.weeks < 1 || e.weeks > 26)
        throw ValidationError(field_of(path, e, "weeks"), e.weeks ? std::to_string(e.weeks) : "", "is not a number of weeks", "1..26");
      if (e.reason.empty()) throw ValidationError(field_of(path, e, "reason"), "", "is missing", "why the course is extended");
      break;
    case EpisodeDecision::step_down: {
      const auto n = e.weekdays.size();
      if (n < static_cast<std::size_t>(program.days_per_week.min) || n > static_cast<std::size_t>(program.days_per_week.max))
        throw ValidationError(field_of(path, e, "weekdays"), std::to_string(n) + " days", "is outside the program's days a week",
                              std::to_string(program.days_per_week.min) + ".." + std::to_string(program.days_per_week.max));
      if (n >= days_in_force)
        throw ValidationError(field_of(path, e, "weekdays"), std::to_string(n) + " days", "is not a step down",
                              "fewer than the " + std::to_string(days_in_force) + " days a week in force");
      for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < a; ++b)
          if (e.weekdays[a] == e.weekdays[b])
            throw ValidationError(field_of(path, e, "weekdays"), std::string(weekday_name(e.weekdays[a])), "is listed twice", "distinct weekdays");
      days_in_force = n;
      break;
    }
    case EpisodeDecision::step_up:
      if (!e.level || *e.level <= episode.plan.level_of_care)
        throw ValidationError(field_of(path, e, "level"), e.level ? std::string(to_string(*e.level)) : "",
                              e.level ? "is not above the plan's level" : "is missing",
                              "a level above " + std::string(to_string(episode.plan.level_of_care)));
      if (e.reason.empty()) throw ValidationError(field_of(path, e, "reason"), "", "is missing", "why the patient steps up");
      break;
    case EpisodeDecision::discharge:
      if (!e.planned)
        throw ValidationError(field_of(path, e, "planned"), "", "is missing", "true (planned) or false (against advice)");
      if (e.reason.empty()) throw ValidationError(field_of(path, e, "reason"), "", "is missing", "the discharge's reason");
      break;
  }
}

void check_authorization(const EpisodeEvent& e, const std::vector<const EpisodeEvent*>& earlier, const std::string& path) {
  const auto& a = e.authorization;
  const auto at = path + "." + e.source + ".authorization";
  if (a.reference.empty()) throw ValidationError(at + ".reference", "''", "is empty", "the payer's authorisation number");
  if (a.last_day < a.first_day)
    throw ValidationError(at + ".last_day", to_iso_string(a.last_day), "is before the first authorised day",
                          "on or after " + to_iso_string(a.first_day));
  bool extends_found = a.extends.empty();
  for (const auto* b : earlier) {
    const auto& o = b->authorization;
    if (o.reference == a.reference)
      throw ValidationError(at + ".reference", iop::quoted(a.reference), "repeats " + b->source, "a reference per authorisation");
    if (a.first_day <= o.last_day && o.first_day <= a.last_day)
      throw ValidationError(at + ".first_day", to_iso_string(a.first_day),
                            "overlaps " + o.reference + " (" + b->source + ", " + to_iso_string(o.first_day) + ".." +
                                to_iso_string(o.last_day) + ")",
                            "authorised periods that do not overlap");
    extends_found = extends_found || o.reference == a.extends;
  }
  if (!extends_found)
    throw ValidationError(at + ".extends", iop::quoted(a.extends), "is not an earlier authorisation's reference",
                          "the reference of the authorisation this one extends, given before it");
}

void check_measure(const EpisodeEvent& e, const TreatmentPlan& plan, const std::string& path) {
  const auto& m = e.measure;
  if (m.total < 0 || m.total > max_total(m.measure))
    throw ValidationError(field_of(path, e, "total"), std::to_string(m.total), "is out of range for the " + std::string(to_string(m.measure)),
                          "0.." + std::to_string(max_total(m.measure)));
  const std::size_t items = m.measure == Measure::phq9 ? 9 : 7;
  if (!m.items.empty() && m.items.size() != items)
    throw ValidationError(field_of(path, e, "items"), std::to_string(m.items.size()) + " items", "is not a whole " + std::string(to_string(m.measure)),
                          std::to_string(items) + " item answers");
  int sum = 0;
  for (int answer : m.items) {
    if (answer < 0 || answer > 3)
      throw ValidationError(field_of(path, e, "items"), std::to_string(answer), "is not an item answer", "0..3");
    sum += answer;
  }
  if (!m.items.empty() && sum != m.total)
    throw ValidationError(field_of(path, e, "total"), std::to_string(m.total), "is not the sum of the items (" + std::to_string(sum) + ")",
                          "the items' sum, or the items alone");
  const auto baseline = plan.baseline_of(m.measure);
  if (m.measure == Measure::phq9 && baseline && m.date <= baseline->date)
    throw ValidationError(field_of(path, e, "date"), to_iso_string(m.date), "is not after the PHQ-9 baseline",
                          "a date after " + to_iso_string(baseline->date));
}

}  // namespace

std::string_view to_string(EpisodeDecision decision) noexcept { return enum_name(kDecisions, decision); }
std::string_view to_string(EpisodeEvent::Kind kind) noexcept { return enum_name(kKinds, kind); }
std::string_view to_string(EpisodeStatus status) noexcept { return enum_name(kStatuses, status); }

void validate_episode(const Episode& episode, const std::string& path) {
  if (!episode.plan.baseline_of(Measure::phq9))
    throw ValidationError(path + ".plan.baseline", "no PHQ-9", "is missing", "a PHQ-9 baseline the episode's measures are reviewed against");
  std::size_t days_in_force = planned_weekdays(episode.plan).size();
  const EpisodeEvent* previous = nullptr;
  const EpisodeEvent* last_decision = nullptr;
  const EpisodeEvent* ended = nullptr;
  std::vector<const EpisodeEvent*> authorizations;
  for (const auto& e : episode.events) {
    if (previous && e.date < previous->date)
      throw ValidationError(field_of(path, e, "date"), to_iso_string(e.date), "is before " + previous->source + "'s date",
                            "events in date order: on or after " + to_iso_string(previous->date));
    previous = &e;
    switch (e.kind) {
      case EpisodeEvent::Kind::decision:
        if (e.date < episode.plan.start_date)
          throw ValidationError(field_of(path, e, "date"), to_iso_string(e.date), "is before the plan starts",
                                "on or after " + to_iso_string(episode.plan.start_date));
        if (ended)
          throw ValidationError(field_of(path, e, "date"), to_iso_string(e.date),
                                "comes after the course ended (" + ended->source + ": " + std::string(to_string(ended->decision)) +
                                    " on " + to_iso_string(*ended->effective) + ")",
                                "no decision after a discharge or a step-up");
        if (last_decision && last_decision->date == e.date)
          throw ValidationError(field_of(path, e, "date"), to_iso_string(e.date), "is the day of another decision (" + last_decision->source + ")",
                                "one decision a day");
        check_decision(episode, e, days_in_force, path);
        last_decision = &e;
        if (ends_course(e.decision)) ended = &e;
        break;
      case EpisodeEvent::Kind::authorization:
        check_authorization(e, authorizations, path);
        authorizations.push_back(&e);
        break;
      case EpisodeEvent::Kind::measure: check_measure(e, episode.plan, path); break;
      case EpisodeEvent::Kind::attendance:
      case EpisodeEvent::Kind::reschedule:
        if (ended && e.date > *ended->effective)
          throw ValidationError(field_of(path, e, "date"), to_iso_string(e.date),
                                "is after the course ended on " + to_iso_string(*ended->effective) + " (" + ended->source + ")",
                                "sessions on or before " + to_iso_string(*ended->effective));
        break;
    }
  }
  if (episode.coverage && !episode.coverage->authorizations.empty())
    throw ValidationError(path + ".coverage.authorizations", "", "is given in the coverage",
                          "authorisations as the episode's authorization events, dated when the payer gave them");
}

}  // namespace iop
