// The reviews of an episode: what iop proposed on each review's day, beside what the team decided.

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "iop/episode/episode.hpp"
#include "declared.hpp"

namespace iop {

namespace {

using boost::gregorian::days;

// The episode without the decisions of @p day: the state the team reviewed that day.
Episode before_decisions_of(const Episode& episode, Date day) {
  Episode before = episode;
  std::erase_if(before.events, [&](const EpisodeEvent& e) { return e.kind == EpisodeEvent::Kind::decision && e.date == day; });
  return before;
}

EpisodeReview review_on(const Episode& episode, Date day, const EpisodeOptions& options, std::string why) {
  const auto state = episode_state(before_decisions_of(episode, day), day, options);
  return EpisodeReview{day, std::move(why), state.review->status, state.proposal, std::nullopt, ""};
}

}  // namespace

std::vector<EpisodeReview> episode_reviews(const Episode& episode, Date as_of, const EpisodeOptions& options) {
  EpisodeOptions each = options;
  each.since.reset();
  each.costs = false;  // a proposal needs no costs
  // The whole episode checks as of the day, or nothing is answered; no review falls due after the course's last
  // program day (so a daily cadence walks at most the course's days, not the years to as_of).
  const auto whole = episode_state(episode, as_of, each);
  const Date last_day = std::min(as_of, whole.sessions.last_session.value_or(episode.plan.start_date));
  std::vector<const EpisodeEvent*> decisions;
  for (const auto& e : episode.events)
    if (e.kind == EpisodeEvent::Kind::decision && e.date <= as_of) decisions.push_back(&e);
  std::vector<EpisodeReview> out;
  const int cadence = episode.plan.review_every_days;
  Date cursor = episode.plan.start_date;
  std::size_t next = 0;
  for (;;) {
    const Date due = cursor + days(cadence);
    if (next < decisions.size() && decisions[next]->date <= due) {
      const auto& d = *decisions[next++];
      auto review = review_on(episode, d.date, each, "decision recorded (" + d.source + ")");
      review.decided = d.decision;
      review.decision = episode_state(episode, d.date, each).decisions.back();  // the decision described
      out.push_back(std::move(review));
      cursor = d.date;
      if (d.decision == EpisodeDecision::discharge || d.decision == EpisodeDecision::step_up) break;
    } else if (due <= last_day) {
      out.push_back(review_on(episode, due, each,
                              "due (every " + std::to_string(cadence) + " days since " + to_iso_string(cursor) +
                                  "); no decision recorded"));
      cursor = due;
    } else {
      break;
    }
  }
  return out;
}

nlohmann::json to_json(const std::vector<EpisodeReview>& reviews) {
  // Every member named through its declaration (episode.review's response, declarations/episode.py).
  namespace R = decl::episode_review;
  namespace PR = decl::episode_proposal;
  using decl::key;
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : reviews) {
    nlohmann::json proposal{{key(PR::action), to_string(r.proposal.action)}, {key(PR::reasons), r.proposal.reasons}};
    if (r.proposal.level) proposal[key(PR::level)] = to_string(*r.proposal.level);
    out.push_back({{key(R::date), to_iso_string(r.date)},
                   {key(R::why), r.why},
                   {key(R::status), to_string(r.status)},
                   {key(R::proposal), std::move(proposal)},
                   {key(R::decided), r.decided ? nlohmann::json(to_string(*r.decided)) : nlohmann::json(nullptr)},
                   {key(R::decision), r.decided ? nlohmann::json(r.decision) : nlohmann::json(nullptr)},
                   {key(R::followed), r.decided ? nlohmann::json(*r.decided == r.proposal.action) : nlohmann::json(nullptr)}});
  }
  return {{key(decl::episode_reviews::reviews), std::move(out)}};
}

std::string to_text(const std::vector<EpisodeReview>& reviews) {
  std::ostringstream t;
  for (const auto& r : reviews) {
    t << to_iso_string(r.date) << ": PHQ-9 " << to_string(r.status) << "; proposed " << to_string(r.proposal.action);
    if (r.proposal.level) t << " to " << to_string(*r.proposal.level);
    if (r.decided)
      t << "; decided " << to_string(*r.decided) << (*r.decided == r.proposal.action ? " (as proposed)" : " (not as proposed)");
    else
      t << "; " << r.why;
    t << "\n";
    for (const auto& reason : r.proposal.reasons) t << "  - " << reason << "\n";
  }
  return t.str();
}

}  // namespace iop
