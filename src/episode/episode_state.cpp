// An episode as of a date: the calendar re-planned from the decisions, the review, the authorisation, the
// proposal, the costs and what changed since an earlier day.

#include <algorithm>
#include <set>

#include "iop/billing/estimate.hpp"
#include "iop/core/error.hpp"
#include "iop/billing/good_faith_estimate.hpp"
#include "iop/episode/episode.hpp"

namespace iop {

namespace {

using boost::gregorian::days;
using Kind = EpisodeEvent::Kind;

// The calendar events of the episode's events up to a day, each with the episode event it comes from (for errors).
struct CalendarHistory {
  std::vector<CalendarEvent> events;
  std::vector<const EpisodeEvent*> origin;
};

CalendarHistory calendar_history(const Episode& episode, Date as_of) {
  CalendarHistory h;
  auto add = [&](CalendarEvent e, const EpisodeEvent& from) {
    h.events.push_back(std::move(e));
    h.origin.push_back(&from);
  };
  for (const auto& e : episode.events) {
    if (e.date > as_of) break;
    if (e.kind == Kind::attendance || e.kind == Kind::reschedule) add(e.calendar, e);
    if (e.kind != Kind::decision) continue;
    CalendarEvent c;
    c.note = e.reason;
    switch (e.decision) {
      case EpisodeDecision::continue_course: continue;
      case EpisodeDecision::extend:
        c.kind = CalendarEvent::Kind::extend;
        c.date = e.date;
        c.weeks = e.weeks;
        break;
      case EpisodeDecision::step_down:
        c.kind = CalendarEvent::Kind::change_weekdays;
        c.date = *e.effective;
        c.weekdays = e.weekdays;
        break;
      case EpisodeDecision::step_up:
      case EpisodeDecision::discharge:
        c.kind = CalendarEvent::Kind::discharge;
        c.date = *e.effective;
        break;
    }
    add(std::move(c), e);
  }
  return h;
}

// The calendar's errors name `events[k]`, its own list: they are named by the episode event the calendar event
// came from (a decision's `date` there is its `effective`, its `note` the `reason`).
SessionCalendar build_episode_calendar(const Episode& episode, const CalendarHistory& h, const std::string& path) {
  try {
    return build_calendar(episode.plan, episode.program, episode.holidays, episode.policy, h.events);
  } catch (const ValidationError& e) {
    const std::string& field = e.field();
    if (field.rfind("events[", 0) != 0) throw;
    const auto close = field.find(']');
    const std::size_t k = std::stoul(field.substr(7, close - 7));
    if (k >= h.origin.size()) throw;
    std::string member = field.substr(close + 1);
    if (h.origin[k]->kind == Kind::decision) {
      if (member == ".date") member = ".effective";
      if (member == ".note") member = ".reason";
    }
    throw ValidationError(e, path + "." + h.origin[k]->source + member);
  }
}

std::string weekday_list(const std::vector<boost::date_time::weekdays>& weekdays) {
  std::string out;
  for (auto d : weekdays) out += (out.empty() ? "" : ", ") + std::string(weekday_name(d));
  return out;
}

std::string hours(int minutes) {
  const int m = minutes % 60;
  return std::to_string(minutes / 60) + " h" + (m ? " " + std::to_string(m) + " min" : "");
}

std::string describe(const EpisodeEvent& e) {
  std::string d = to_iso_string(e.date) + " ";
  switch (e.decision) {
    case EpisodeDecision::continue_course: d += "continue"; break;
    case EpisodeDecision::extend:
      d += "extend by " + std::to_string(e.weeks) + (e.weeks == 1 ? " week" : " weeks");
      if (!e.authorization_requested.empty()) d += " (authorisation " + e.authorization_requested + " requested)";
      break;
    case EpisodeDecision::step_down:
      d += "step down to " + std::to_string(e.weekdays.size()) + " days a week (" + weekday_list(e.weekdays) + ") from " +
           to_iso_string(*e.effective);
      break;
    case EpisodeDecision::step_up:
      d += "step up to " + std::string(to_string(*e.level)) + " after " + to_iso_string(*e.effective);
      break;
    case EpisodeDecision::discharge:
      d += std::string(*e.planned ? "planned discharge" : "discharge against advice") + " on " + to_iso_string(*e.effective);
      break;
  }
  return d + (e.reason.empty() ? "" : ": " + e.reason) + " (" + e.source + ")";
}

void count_sessions(EpisodeState& s, const Episode& episode, Date as_of) {
  auto& out = s.sessions;
  for (const auto& session : s.calendar.sessions) {
    if (session.kind != SessionKind::program_day) continue;
    if (session.date > as_of) {
      if (session.status == AttendanceStatus::cancelled_by_clinic) continue;
      ++out.upcoming;
      if (!out.next_session) out.next_session = session.date;
    } else if (counts_as_attended(session.status)) {
      ++out.attended;
    } else if (session.status == AttendanceStatus::missed) {
      ++out.missed;
    } else if (session.status == AttendanceStatus::cancelled_by_clinic) {
      ++out.cancelled_by_clinic;
    } else {
      ++out.unrecorded;
    }
    if (session.status != AttendanceStatus::cancelled_by_clinic) out.last_session = session.date;
  }
  out.weekdays = episode.plan.weekdays.empty() ? default_weekdays(episode.plan.days_per_week) : episode.plan.weekdays;
  for (const auto& e : episode.events)
    if (e.date <= as_of && e.kind == Kind::decision && e.decision == EpisodeDecision::step_down && *e.effective <= as_of)
      out.weekdays = e.weekdays;
  for (const auto& week : weekly_hours(s.calendar)) {
    if (week.within_bounds || week.last_day < as_of) continue;
    std::string line = "week " + std::to_string(week.week + 1) + " (" + to_iso_string(week.first_day) + "): " +
                       hours(week.scheduled_minutes) + " scheduled";
    for (std::size_t i = 0; i < week.causes.size(); ++i) line += (i ? "; " : " (") + week.causes[i];
    out.weeks_outside_bounds.push_back(line + (week.causes.empty() ? "" : ")"));
  }
}

void read_measures(EpisodeState& s, const Episode& episode, Date as_of, int not_improving_weeks) {
  std::vector<ScoredMeasure> phq9;
  for (const auto& e : episode.events) {
    if (e.date > as_of) break;
    if (e.kind != Kind::measure) continue;
    if (e.measure.measure == Measure::phq9) phq9.push_back(e.measure);
    else s.gad7.push_back({e.measure.date, e.measure.total});
  }
  s.review = review_plan(episode.plan, phq9, not_improving_weeks);
  if (phq9.empty()) {
    // review_plan reads a lone baseline as on track; the episode says there is nothing to review yet.
    const auto& baseline = s.review->trajectory.baseline();
    s.review->reasons = {"PHQ-9 baseline " + std::to_string(baseline.total) + " on " + to_iso_string(baseline.date) + "; none taken since.",
                         "Nothing to review yet: the status follows the first PHQ-9 after the baseline."};
  }
  for (const auto& w : s.review->warnings) s.warnings.push_back(w);
}

void find_authorization(EpisodeState& s, const Episode& episode, Date as_of) {
  const EpisodeEvent* latest = nullptr;
  std::set<std::string> answered;
  for (const auto& e : episode.events) {
    if (e.date > as_of) break;
    if (e.kind != Kind::authorization) continue;
    answered.insert(e.authorization.reference);
    latest = &e;
    const auto& a = e.authorization;
    if (a.first_day > as_of || a.last_day < as_of) continue;
    AuthorizationInForce in{a, 0, 0, static_cast<int>((a.last_day - as_of).days())};
    for (const auto& session : s.calendar.sessions)
      if (session.kind == SessionKind::program_day && session.status != AttendanceStatus::cancelled_by_clinic &&
          session.date >= a.first_day && session.date <= as_of && session.date <= a.last_day)
        ++in.used;
    in.remaining_units = a.units - in.used;
    s.authorization = in;
  }
  for (const auto& e : episode.events)
    if (e.date <= as_of && e.kind == Kind::decision && !e.authorization_requested.empty() &&
        !answered.contains(e.authorization_requested))
      s.pending_requests.push_back(e.authorization_requested + " (requested " + to_iso_string(e.date) + ", " + e.source + ")");
  if (!s.authorization && latest && s.status == EpisodeStatus::in_treatment && s.sessions.upcoming > 0)
    s.warnings.push_back("No authorisation is in force on " + to_iso_string(as_of) + ": the latest, " +
                         latest->authorization.reference + ", runs " + to_iso_string(latest->authorization.first_day) +
                         ".." + to_iso_string(latest->authorization.last_day) + ".");
}

void set_status(EpisodeState& s, const Episode& episode, Date as_of) {
  s.status = as_of < episode.plan.start_date ? EpisodeStatus::not_started : EpisodeStatus::in_treatment;
  for (const auto& e : episode.events)
    if (e.date <= as_of && e.kind == Kind::decision) {
      s.decisions.push_back(describe(e));
      if (e.decision == EpisodeDecision::discharge && *e.effective < as_of) s.status = EpisodeStatus::discharged;
      if (e.decision == EpisodeDecision::step_up && *e.effective < as_of) s.status = EpisodeStatus::stepped_up;
    }
}

void set_next_review(EpisodeState& s, const Episode& episode, Date as_of) {
  Date last = episode.plan.start_date;
  std::string from = "the plan's start on " + to_iso_string(last);
  for (const auto& e : episode.events)
    if (e.date <= as_of && e.kind == Kind::decision) {
      last = e.date;
      from = "the review of " + to_iso_string(e.date) + " (" + e.source + ")";
    }
  s.next_review = last + days(episode.plan.review_every_days);
  s.next_review_why = "the plan's review every " + std::to_string(episode.plan.review_every_days) + " days, from " + from;
  if (s.authorization) {
    const Date due = s.authorization->authorization.review_due();
    if (due >= as_of && due < s.next_review) {
      s.next_review = due;
      s.next_review_why = "the payer's concurrent review of authorisation " + s.authorization->authorization.reference;
    }
  }
  if (s.status == EpisodeStatus::in_treatment && s.next_review < as_of)
    s.warnings.push_back("The review due on " + to_iso_string(s.next_review) + " is overdue (" + s.next_review_why + ").");
}

// An authorisation running out before the course does: more program days fall in it than units are left, or it
// ends within a review cadence from the day with program days planned after it.
std::optional<std::string> authorization_running_out(const EpisodeState& s, int cadence_days) {
  if (!s.authorization || s.status != EpisodeStatus::in_treatment) return std::nullopt;
  const auto& in = *s.authorization;
  const auto& a = in.authorization;
  int inside = 0, after = 0;
  for (const auto& session : s.calendar.sessions)
    if (session.kind == SessionKind::program_day && session.status != AttendanceStatus::cancelled_by_clinic &&
        session.date > s.as_of)
      ++(session.date <= a.last_day ? inside : after);
  if (inside > in.remaining_units)
    return "Authorisation " + a.reference + " has " + std::to_string(in.remaining_units) + " units left for " +
           std::to_string(inside) + " program days planned to " + to_iso_string(a.last_day) + ".";
  if (after == 0 || a.last_day >= s.as_of + days(cadence_days)) return std::nullopt;
  std::string requested;
  for (const auto& p : s.pending_requests) requested += "; " + p.substr(0, p.find(' ')) + " requested";
  return "Authorisation " + a.reference + " ends on " + to_iso_string(a.last_day) + ", within the review cadence, with " +
         std::to_string(after) + " program days planned after it: request an extension (review due " +
         to_iso_string(a.review_due()) + requested + ").";
}

void propose(EpisodeState& s, const Episode& episode, const EpisodeOptions& options) {
  auto& p = s.proposal;
  const auto& review = *s.review;
  for (const auto& e : episode.events)
    if (e.date <= s.as_of && e.kind == Kind::decision && (e.decision == EpisodeDecision::discharge || e.decision == EpisodeDecision::step_up)) {
      p.action = e.decision;
      p.level = e.level;
      p.reasons.push_back("The course ends as decided: " + describe(e) + ".");
      return;
    }
  const std::string& change = review.reasons.front();
  if (review.status == ReviewStatus::remission) {
    p.action = EpisodeDecision::discharge;
    p.reasons = {change, review.reasons[1]};
    for (const auto& c : episode.plan.discharge_criteria) p.reasons.push_back("The plan's discharge criterion: " + c + ".");
    if (episode.plan.step_down_to) p.reasons.push_back("The plan steps down to " + std::string(to_string(*episode.plan.step_down_to)) + ".");
  } else if (review.status == ReviewStatus::not_improving && review.consider_level) {
    p.action = EpisodeDecision::step_up;
    p.level = review.consider_level;
    p.reasons = {change, review.reasons[1], review.reasons[2]};
  } else if (review.status != ReviewStatus::response && s.sessions.last_session && *s.sessions.last_session <= s.next_review) {
    p.action = EpisodeDecision::extend;
    p.reasons = {change, review.reasons[1],
                 "The course's last program day, " + to_iso_string(*s.sessions.last_session) + ", comes before the next "
                 "review (" + to_iso_string(s.next_review) + ") without a response."};
  } else {
    p.reasons = {change, review.reasons[1]};
  }
  const int recorded = s.sessions.attended + s.sessions.missed;
  if (options.attendance_threshold_percent && recorded > 0 && s.sessions.attended * 100 < *options.attendance_threshold_percent * recorded)
    p.reasons.push_back("Attendance " + std::to_string(s.sessions.attended) + " of " + std::to_string(recorded) +
                        " program days is below the clinic's threshold of " + std::to_string(*options.attendance_threshold_percent) + "%.");
  for (const auto& w : s.sessions.weeks_outside_bounds) p.reasons.push_back("Outside the level's weekly hours: " + w + ".");
  if (auto running_out = authorization_running_out(s, episode.plan.review_every_days)) {
    p.reasons.push_back(*running_out);
    s.warnings.push_back(*running_out);
  }
}

EpisodeCostPart& add_line(EpisodeCostPart& part, const AdjudicatedLine& line, std::set<Date>& dates) {
  if (dates.insert(line.charge.date).second) ++part.sessions;
  part.charges = part.charges + line.charge.charge;
  part.plan = part.plan + line.plan;
  part.patient = part.patient + line.patient;
  return part;
}

// The new estimate a scope-changing decision calls for: issued on the decision's day, for the services from the
// first changed one on, as re-planned that day (the decision included); the services before it are unchanged.
void add_good_faith_estimates(EpisodeState& s, const Episode& episode, const EpisodeEvent& decision, Date changed,
                              Date due) {
  auto calendar = build_episode_calendar(episode, calendar_history(episode, decision.date), "episode");
  std::erase_if(calendar.sessions, [&](const Session& session) { return session.date < changed; });
  GfeRequest request = *episode.gfe;
  request.scheduled_on = decision.date;
  request.issued_on = decision.date;
  auto estimates = with_field_prefix("episode.gfe", [&] {
    return make_good_faith_estimates(request, calendar, *episode.fees, episode.holidays);
  });
  for (auto& estimate : estimates) {
    // A change in scope sets its own deadline, not the scheduling one the builder applies to a new course.
    estimate.issue_by = due;
    if (due < decision.date)  // the changed services start less than 1 business day after the decision
      estimate.warnings.push_back("Issued " + to_iso_string(decision.date) + ", after its deadline " +
                                  to_iso_string(due) + ": the decision leaves less than 1 business day before the "
                                  "changed services of " + to_iso_string(changed) + "; give it to the patient now.");
    estimate.deadline_rule = "a change in scope (" + describe(decision) +
                             "): no later than 1 business day before the changed services (45 CFR 149.610(b)(1)(vii)); "
                             "business days counted as the clinic's open days, iop's reading";
    s.good_faith_estimates.push_back(std::move(estimate));
  }
}

void estimate_costs(EpisodeState& s, const Episode& episode, Date as_of) {
  if (!episode.coverage) return;
  Coverage coverage = *episode.coverage;
  for (const auto& e : episode.events)
    if (e.date <= as_of && e.kind == Kind::authorization) coverage.authorizations.push_back(e.authorization);
  const auto estimate = estimate_cost(s.calendar, episode.program, *episode.fees, coverage, ChargeBasis::attended, false,
                                      as_of + days(1));
  EpisodeCosts costs;
  std::set<Date> before, after, all;
  for (const auto& line : estimate.lines) {
    add_line(line.charge.date <= as_of ? costs.so_far : costs.expected, line, line.charge.date <= as_of ? before : after);
    add_line(costs.total, line, all);
  }
  costs.warnings = estimate.warnings;
  const bool self_pay = estimate.self_pay || coverage.uninsured || coverage.payer == PayerType::self_pay;
  s.costs = std::move(costs);
  if (!self_pay) return;
  // A new Good Faith Estimate for a change in scope: no later than 1 business day before the changed services.
  int earlier_weeks = 0;
  for (const auto& e : episode.events) {
    if (e.date > as_of || e.kind != Kind::decision) continue;
    std::optional<Date> changed;
    for (const auto& session : s.calendar.sessions) {
      if (session.kind != SessionKind::program_day) continue;
      if ((e.decision == EpisodeDecision::extend && session.week >= episode.plan.weeks + earlier_weeks) ||
          (e.decision == EpisodeDecision::step_down && session.date >= *e.effective)) {
        changed = session.date;
        break;
      }
    }
    if (e.decision == EpisodeDecision::extend) earlier_weeks += e.weeks;
    if (!changed || *changed <= as_of) continue;
    Date due = *changed - days(1);
    while (!episode.holidays.is_open(due)) due -= days(1);
    s.warnings.push_back("A new Good Faith Estimate is due by " + to_iso_string(due) + ": " + describe(e) +
                         " changes the self-pay course's scope from " + to_iso_string(*changed) +
                         " (45 CFR 149.610(b)(1)(vii): no later than 1 business day before the changed services; "
                         "business days counted as the clinic's open days, iop's reading)." +
                         (episode.gfe ? " It is in good_faith_estimates."
                                      : " Give the episode's gfe (patient and provider) and iop produces it."));
    if (episode.gfe) add_good_faith_estimates(s, episode, e, *changed, due);
  }
}

std::string money_change(const Money& a, const Money& b) { return a.to_string() + " -> " + b.to_string(); }

void list_changes(EpisodeState& s, const EpisodeState& before) {
  auto& c = s.changes;
  if (before.status != s.status)
    c.push_back("Status: " + std::string(to_string(before.status)) + " -> " + std::string(to_string(s.status)) + ".");
  if (before.sessions.attended != s.sessions.attended || before.sessions.missed != s.sessions.missed)
    c.push_back("Program days attended " + std::to_string(before.sessions.attended) + " -> " + std::to_string(s.sessions.attended) +
                ", missed " + std::to_string(before.sessions.missed) + " -> " + std::to_string(s.sessions.missed) + ".");
  if (before.sessions.last_session != s.sessions.last_session && s.sessions.last_session)
    c.push_back("Last program day: " + (before.sessions.last_session ? to_iso_string(*before.sessions.last_session) : "none") +
                " -> " + to_iso_string(*s.sessions.last_session) + ".");
  for (std::size_t i = before.decisions.size(); i < s.decisions.size(); ++i) c.push_back("Decided: " + s.decisions[i] + ".");
  const auto& old_scores = before.review->trajectory.scores();
  const auto& scores = s.review->trajectory.scores();
  for (std::size_t i = old_scores.size(); i < scores.size(); ++i)
    c.push_back("PHQ-9 " + std::to_string(scores[i].total) + " on " + to_iso_string(scores[i].date) + ".");
  if (before.review->status != s.review->status)
    c.push_back("Review: " + std::string(to_string(before.review->status)) + " -> " + std::string(to_string(s.review->status)) + ".");
  const auto ref = [](const EpisodeState& x) { return x.authorization ? x.authorization->authorization.reference : std::string("none"); };
  if (ref(before) != ref(s)) c.push_back("Authorisation in force: " + ref(before) + " -> " + ref(s) + ".");
  if (before.next_review != s.next_review)
    c.push_back("Next review: " + to_iso_string(before.next_review) + " -> " + to_iso_string(s.next_review) + ".");
  if (before.proposal.action != s.proposal.action)
    c.push_back("Proposal: " + std::string(to_string(before.proposal.action)) + " -> " + std::string(to_string(s.proposal.action)) + ".");
  if (before.costs && s.costs && before.costs->total.patient != s.costs->total.patient)
    c.push_back("The patient's expected total: " + money_change(before.costs->total.patient, s.costs->total.patient) + ".");
}

}  // namespace

EpisodeState episode_state(const Episode& episode, Date as_of, const EpisodeOptions& options) {
  const std::string path = "episode";
  validate_episode(episode, path);
  if (as_of.is_special()) throw ValidationError("as_of", "", "is missing", "a calendar date");
  if (options.since && *options.since >= as_of)
    throw ValidationError("since", to_iso_string(*options.since), "is not before as_of", "a day before " + to_iso_string(as_of));
  EpisodeState s;
  s.as_of = as_of;
  s.calendar = build_episode_calendar(episode, calendar_history(episode, as_of), path);
  set_status(s, episode, as_of);
  count_sessions(s, episode, as_of);
  read_measures(s, episode, as_of, options.not_improving_weeks);
  find_authorization(s, episode, as_of);
  set_next_review(s, episode, as_of);
  if (options.costs) estimate_costs(s, episode, as_of);
  propose(s, episode, options);
  if (options.since) {
    EpisodeOptions earlier = options;
    earlier.since.reset();
    list_changes(s, episode_state(episode, *options.since, earlier));
  }
  return s;
}

}  // namespace iop
