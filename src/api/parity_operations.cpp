// parity.analyse: the MHPAEA analysis of a benefit design.

#include "declared.hpp"
#include "api/operations.hpp"
#include "iop/parity/benefit_design.hpp"
#include "iop/parity/report.hpp"

namespace iop::api::detail {

Reply parity_analyse(const JsonReader& request) {
  request.expect_only(decl::api_parity_analyse_request::members);
  const auto format = read_format(request, decl::api_parity_analyse_request::format);
  const auto design = request.at(decl::api_parity_analyse_request::design);
  auto rule_set = parity::RuleSet::mhpaea_2013;  // the documented default: the rules the Departments enforce
  if (auto v = request.find(decl::api_parity_analyse_request::rule_set))
    rule_set = parity::parse_rule_set(v->as_string(), v->path());
  const auto report = parity::analyse(parity::benefit_design_from_json(design.json(), design.path()), rule_set);
  if (format == "text") return content_response(format, parity::to_text(report));
  return result_response(format, parity::to_json(report));
}

}  // namespace iop::api::detail
