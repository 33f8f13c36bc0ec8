// episode.state.

#include "declared.hpp"
#include "api/operations.hpp"

#include "iop/episode/episode.hpp"

namespace iop::api::detail {

json episode_state(const JsonReader& request) {
  namespace R = decl::api_episode_state_request;
  request.expect_only(R::members);
  const auto format = read_format(request, R::format);
  const auto episode_member = request.at(R::episode);
  const auto episode = episode_from_json(episode_member.json(), episode_member.path());
  EpisodeOptions options;
  if (auto v = request.find(R::since)) options.since = v->as_date();
  if (auto v = request.find(R::not_improving_weeks)) options.not_improving_weeks = static_cast<int>(v->as_int(R::not_improving_weeks));
  if (auto v = request.find(R::attendance_threshold))
    options.attendance_threshold_percent = static_cast<int>(v->as_int(R::attendance_threshold));
  const auto state = iop::episode_state(episode, request.at(R::as_of).as_date(), options);
  if (format == "text") return content_response(format, to_text(state));
  if (format == "fhir") return result_response(format, to_fhir(episode, state));
  return result_response(format, to_json(state));
}

}  // namespace iop::api::detail
