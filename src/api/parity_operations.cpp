// parity.analyse: the MHPAEA analysis of a benefit design.

#include "declared.hpp"
#include "api/operations.hpp"
#include "iop/parity/benefit_design.hpp"
#include "iop/parity/report.hpp"

namespace iop::api::detail {

json parity_analyse(const JsonReader& request) {
  request.expect_only(decl::api_parity_analyse_request::members);
  const auto format = read_format(request, decl::api_parity_analyse_request::format);
  const auto design = request.at(decl::api_parity_analyse_request::design);
  const auto report = parity::analyse(parity::benefit_design_from_json(design.json(), design.path()));
  if (format == "text") return content_response(format, parity::to_text(report));
  return result_response(format, parity::to_json(report));
}

}  // namespace iop::api::detail
