#include "x12.hpp"

#include "input.hpp"
#include "iop/api.hpp"
#include "iop/core/error.hpp"

namespace iop::cli {

void add_x12_command(CLI::App& app, X12Command& x) {
  x.command = app.add_subcommand("x12", "X12 5010: benefits from a 271, claims as 837P/837I, remittances from an 835");
  x.command->require_subcommand(1);
  x.benefits = x.command->add_subcommand("benefits", "The IOP benefits of a 271 (what it does not state listed first)");
  x.benefits->add_option("--input", x.input, "The 271 (a file, or - for standard input)")->required();
  x.benefits->add_option("--format", x.format, "Output format")->check(CLI::IsMember({"json", "text"}));
  x.remittance = x.command->add_subcommand("remittance", "An 835 remittance as JSON, or one CSV row a service line");
  x.remittance->add_option("--input", x.input, "The 835 (a file, or - for standard input)")->required();
  x.remittance->add_option("--format", x.format, "Output format")->check(CLI::IsMember({"json", "csv"}));
  x.claims = x.command->add_subcommand("claims", "837P or 837I claims from a course's calendar and attendance");
  x.claims->add_option("--case", x.case_input, "The course: plan, fee_schedule, events, ... (JSON)")->required();
  x.claims->add_option("--claims", x.claims_input, "Parties, identifiers and authorisations (JSON)")->required();
  x.claims->add_option("--format", x.format, "Output format")->check(CLI::IsMember({"x12", "json"}));
  x.reconcile = x.command->add_subcommand("reconcile", "An estimate against an 835, line by line");
  x.reconcile->add_option("--case", x.case_input, "The estimate case (JSON)")->required();
  x.reconcile->add_option("--remittance", x.input, "The 835 (a file)")->required();
  x.reconcile->add_option("--benefits", x.benefits_input, "A 271 giving the case's coverage");
  auto* expected = x.reconcile->add_option("--gfe-expected", x.gfe_expected, "The GFE's expected charges (45 CFR 149.620)");
  auto* billed = x.reconcile->add_option("--billed-on", x.billed_on, "The date of the initial bill");
  expected->needs(billed);
  billed->needs(expected);
  x.reconcile->add_option("--format", x.format, "Output format")->check(CLI::IsMember({"json", "text"}));
}

std::pair<std::string, nlohmann::json> x12_request(const X12Command& x) {
  nlohmann::json request{{"api_version", iop::api::api_version}};
  if (!x.format.empty()) request["format"] = x.format;
  if (x.benefits->parsed()) {
    request["x12"] = read_text_input(x.input);
    return {"x12.benefits", request};
  }
  if (x.remittance->parsed()) {
    request["x12"] = read_text_input(x.input);
    return {"x12.remittance", request};
  }
  if (x.claims->parsed()) {
    request["case"] = read_json_input(x.case_input);
    request["claims"] = read_json_input(x.claims_input);
    return {"x12.claims", request};
  }
  request["case"] = read_json_input(x.case_input);
  request["x12"] = read_text_input(x.input);
  if (!x.benefits_input.empty()) {
    if (!request["case"].is_object())
      throw ValidationError(x.case_input, "", "is not a JSON object", "an estimate case");
    request["case"]["benefits_271"] = read_text_input(x.benefits_input);
  }
  if (!x.gfe_expected.empty()) request["gfe"] = {{"expected_charges", x.gfe_expected}, {"billed_on", x.billed_on}};
  return {"remittance.reconcile", request};
}

}  // namespace iop::cli
