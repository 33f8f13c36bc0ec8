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

/// The text of a numeric option as a JSON number, exactly as written.
/// @throws ValidationError naming the option when the text is not a JSON number.
nlohmann::json json_number_argument(const std::string& text, const std::string& option);

}  // namespace iop::cli
