// parity.analyse: the MHPAEA analysis of a benefit design.

#include "api/operations.hpp"
#include "iop/parity/benefit_design.hpp"
#include "iop/parity/report.hpp"

namespace iop::api::detail {

json parity_analyse(const JsonReader& request) {
  request.expect_only({"api_version", "design", "format"});
  const auto format = read_format(request, {"json", "text"}, "json");
  const auto design = request.at("design");
  const auto report = parity::analyse(parity::benefit_design_from_json(design.json(), design.path()));
  if (format == "text") return content_response(format, parity::to_text(report));
  return result_response(format, parity::to_json(report));
}

}  // namespace iop::api::detail
