#pragma once
// `iop zone`: a local wall time in a zone, as UTC, or a zone's changes in a year.

#include <string>

#include <nlohmann/json.hpp>

namespace iop::cli {

/// Describes @p local (YYYY-MM-DDTHH:MM) in @p zone_name: UTC instant, offset, abbreviation.
nlohmann::json describe_local_time(const std::string& local, const std::string& zone_name,
                                   const std::string& fold);

/// The daylight-saving changes of @p zone_name in @p year.
nlohmann::json describe_transitions(const std::string& zone_name, int year);

}  // namespace iop::cli
