#include "input.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"

namespace iop::cli {

nlohmann::json read_json_input(const std::string& source) {
  std::string text;
  if (source == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream file(source, std::ios::binary);
    if (!file)
      throw iop::NotFoundError("--input", iop::quoted(source), "cannot be opened",
                               "a readable JSON file, or - for standard input");
    std::ostringstream buffer;
    buffer << file.rdbuf();
    text = buffer.str();
  }
  return iop::parse_json(text, source == "-" ? "standard input" : source);
}

}  // namespace iop::cli
