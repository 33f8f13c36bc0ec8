#include "iop/io/csv.hpp"

namespace iop {
namespace {

std::string quoted_cell(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string csv_value(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  return quoted_cell(value);
}

std::string csv_text(std::string_view value) {
  // OWASP "CSV Injection": spreadsheets evaluate cells starting with these as
  // formulas. An apostrophe first makes them text; the cell is always quoted
  // so the apostrophe plainly belongs to it.
  if (!value.empty() && std::string_view("=+-@\t\r").find(value.front()) != std::string_view::npos)
    return quoted_cell(std::string("'").append(value));
  return csv_value(value);
}

}  // namespace iop
