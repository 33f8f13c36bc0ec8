#include "input.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"

namespace iop::cli {
namespace {

// Reads at most one byte more than the largest document the library takes, so
// an endless or huge input (/dev/zero, a 10 GB file) costs bounded memory and
// is then refused by size, naming the limit.
std::string read_bounded(std::istream& in) {
  const std::size_t cap = iop::JsonLimits{}.max_bytes + 1;
  std::string text;
  char chunk[1 << 16];
  while (text.size() < cap && in) {
    in.read(chunk, static_cast<std::streamsize>(std::min(sizeof chunk, cap - text.size())));
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  return text;
}

}  // namespace

std::string read_text_input(const std::string& source) {
  if (source == "-") return read_bounded(std::cin);
  std::ifstream file(source, std::ios::binary);
  if (!file)
    throw iop::NotFoundError("--input", iop::quoted(source), "cannot be opened",
                             "a readable JSON file, or - for standard input");
  return read_bounded(file);
}

nlohmann::json read_json_input(const std::string& source) {
  return iop::parse_json(read_text_input(source), source == "-" ? "standard input" : source);
}

nlohmann::json json_number_argument(const std::string& text, const std::string& option) {
  // The option's text as the JSON number it spells (0.89, 5, 4.6), or refused: nothing rounded or guessed.
  nlohmann::json number;
  try {
    number = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception&) {
    number = nullptr;
  }
  if (!number.is_number())
    throw iop::ValidationError(option, iop::quoted(text), "is not a number", "a decimal number such as 0.89");
  return number;
}

}  // namespace iop::cli
