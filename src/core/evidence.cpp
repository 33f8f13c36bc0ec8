#include "core/evidence.hpp"

#include <array>
#include <string>

#include "iop/core/error.hpp"

namespace iop::detail {
std::string_view to_string(FigureStatus status) noexcept {
  switch (status) {
    case FigureStatus::confirmed: return "confirmed";
    case FigureStatus::secondary: return "secondary";
    case FigureStatus::unconfirmed: return "unconfirmed";
  }
  return "unconfirmed";
}

std::string Evidence::describe() const {
  if (status == FigureStatus::confirmed) return "confirmed: " + citation;
  return std::string(to_string(status)) + ": " + citation + "; read in " + source;
}

Evidence read_evidence(const JsonReader& record) {
  const auto e = record.at("evidence");
  e.expect_only({"status", "citation", "source", "read_on"});
  Evidence out;
  const auto status = e.at("status");
  const auto text = status.as_string();
  if (text == "confirmed") out.status = FigureStatus::confirmed;
  else if (text == "secondary") out.status = FigureStatus::secondary;
  else if (text == "unconfirmed") out.status = FigureStatus::unconfirmed;
  else throw NotFoundError(status.path(), iop::quoted(text), "is not a figure status", "confirmed, secondary, unconfirmed");
  out.citation = e.at("citation").as_text();
  out.source = e.at("source").as_text();
  out.read_on = e.at("read_on").as_date();
  if (out.citation.empty() || out.source.empty())
    throw ValidationError(e.path(), "", "has an empty citation or source", "the figure's citation and where it was read");
  return out;
}

}  // namespace iop::detail
