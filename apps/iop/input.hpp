#pragma once
// Reading the command's JSON input from a file or standard input.

#include <string>

#include <nlohmann/json.hpp>

namespace iop::cli {

/// Reads a whole JSON document from @p source, a path or "-" for standard input.
/// Throws iop::ValidationError naming the source when it cannot be read or parsed.
nlohmann::json read_json_input(const std::string& source);

}  // namespace iop::cli
