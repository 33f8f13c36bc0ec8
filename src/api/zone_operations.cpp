#include "zone_command.hpp"

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/core/zoned_time.hpp"

namespace iop::cli {

nlohmann::json describe_local_time(const std::string& local, const std::string& zone_name,
                                   const std::string& fold) {
  const auto zone = TimeZone::from_name(zone_name, "--zone");
  Disambiguation choice = Disambiguation::reject;
  if (fold == "earlier") choice = Disambiguation::earlier;
  else if (fold == "later") choice = Disambiguation::later;
  else if (fold != "reject")
    throw ValidationError("--fold", iop::quoted(fold), "is not a disambiguation", "reject, earlier or later");
  const auto wall = parse_date_time(local, "--local");
  const auto info = zone.classify(wall);
  const ZonedTime time(wall, zone, choice, "--local");
  nlohmann::json out = time;
  out["abbreviation"] = std::string(time.abbreviation());
  out["kind"] = info.kind == LocalTimeKind::unique ? "unique" : info.kind == LocalTimeKind::skipped ? "skipped" : "repeated";
  out["rfc9557"] = time.to_string();
  return out;
}

nlohmann::json describe_transitions(const std::string& zone_name, int year) {
  const auto zone = TimeZone::from_name(zone_name, "--zone");
  nlohmann::json out = nlohmann::json::array();
  for (const auto& change : zone.transitions(year))
    out.push_back({{"utc", to_iso_string(change.utc) + "Z"},
                   {"local_before", to_iso_string(change.utc + boost::posix_time::minutes(change.offset_before.count()))},
                   {"offset_before", format_utc_offset(change.offset_before)},
                   {"offset_after", format_utc_offset(change.offset_after)}});
  return out;
}

}  // namespace iop::cli
