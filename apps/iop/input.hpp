#pragma once
// Reading the command's input files (or standard input): bytes in, no interpretation here.

#include <string>

#include <nlohmann/json.hpp>

namespace iop::cli {

/// Reads the whole of @p source, a path or "-" for standard input.
/// Throws iop::NotFoundError naming the source when it cannot be opened.
std::string read_text_input(const std::string& source);

/// Reads a whole JSON document from @p source, a path or "-" for standard input, within
/// the library's JSON limits. Throws iop::ValidationError naming the source when it cannot be parsed.
nlohmann::json read_json_input(const std::string& source);

}  // namespace iop::cli
