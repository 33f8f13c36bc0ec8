// zone.convert and zone.transitions: a local wall time in a zone as UTC, and a zone's changes in a year.

#include "declared.hpp"
#include "api/operations.hpp"
#include "iop/core/error.hpp"
#include "iop/core/zoned_time.hpp"

namespace iop::api::detail {

Reply zone_convert(const JsonReader& request) {
  request.expect_only(decl::api_zone_convert_request::members);
  const auto zone = request.at(decl::api_zone_convert_request::zone).as_time_zone();
  Disambiguation choice = Disambiguation::reject;
  if (auto v = request.find(decl::api_zone_convert_request::fold)) {
    const auto fold = v->as_string();
    if (fold == "earlier") choice = Disambiguation::earlier;
    else if (fold == "later") choice = Disambiguation::later;
    else if (fold != "reject")
      throw NotFoundError(v->path(), iop::quoted(fold), "is not a disambiguation", "reject, earlier or later");
  }
  const auto local = request.at(decl::api_zone_convert_request::local);
  const auto wall = local.as_date_time();
  const auto info = zone.classify(wall);
  const ZonedTime time(wall, zone, choice, local.path());
  json out = time;
  out["abbreviation"] = std::string(time.abbreviation());
  out["kind"] = info.kind == LocalTimeKind::unique ? "unique" : info.kind == LocalTimeKind::skipped ? "skipped" : "repeated";
  out["rfc9557"] = time.to_string();
  return result_response("json", std::move(out));
}

Reply zone_transitions(const JsonReader& request) {
  request.expect_only(decl::api_zone_transitions_request::members);
  const auto zone = request.at(decl::api_zone_transitions_request::zone).as_time_zone();
  const auto year = static_cast<int>(request.integer(decl::api_zone_transitions_request::year));
  json out = json::array();
  for (const auto& change : zone.transitions(year))
    out.push_back({{"utc", to_iso_string(change.utc) + "Z"},
                   {"local_before", to_iso_string(change.utc + boost::posix_time::minutes(change.offset_before.count()))},
                   {"offset_before", format_utc_offset(change.offset_before)},
                   {"offset_after", format_utc_offset(change.offset_after)}});
  return result_response("json", std::move(out));
}

}  // namespace iop::api::detail
