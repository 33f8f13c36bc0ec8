// episode.state and episode.review.

#include "declared.hpp"
#include "api/operations.hpp"

#include "iop/episode/episode.hpp"

namespace iop::api::detail {

namespace {

// The episode of a request, and the review's thresholds (declared alike in both requests).
Episode read_episode(const JsonReader& request, const decl::Member& episode) {
  const auto member = request.at(episode);
  return episode_from_json(member.json(), member.path());
}

EpisodeOptions read_options(const JsonReader& request, const decl::Int& not_improving_weeks, const decl::Int& attendance_threshold) {
  EpisodeOptions options;
  if (auto v = request.find(not_improving_weeks)) options.not_improving_weeks = static_cast<int>(v->as_int(not_improving_weeks));
  if (auto v = request.find(attendance_threshold)) options.attendance_threshold_percent = static_cast<int>(v->as_int(attendance_threshold));
  return options;
}

}  // namespace

Reply episode_state(const JsonReader& request) {
  namespace R = decl::api_episode_state_request;
  request.expect_only(R::members);
  const auto format = read_format(request, R::format);
  const auto episode = read_episode(request, R::episode);
  EpisodeOptions options = read_options(request, R::not_improving_weeks, R::attendance_threshold);
  if (auto v = request.find(R::since)) options.since = v->as_date();
  const auto state = iop::episode_state(episode, request.at(R::as_of).as_date(), options);
  if (format == "text") return content_response(format, to_text(state));
  if (format == "fhir") return result_response(format, to_fhir(episode, state));
  return result_response(format, to_json(state));
}

Reply episode_review(const JsonReader& request) {
  namespace R = decl::api_episode_review_request;
  request.expect_only(R::members);
  const auto format = read_format(request, R::format);
  const auto reviews = episode_reviews(read_episode(request, R::episode), request.at(R::as_of).as_date(),
                                       read_options(request, R::not_improving_weeks, R::attendance_threshold));
  if (format == "text") return content_response(format, to_text(reviews));
  return result_response(format, to_json(reviews));
}

}  // namespace iop::api::detail
