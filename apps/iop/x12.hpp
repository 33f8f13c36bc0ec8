#pragma once
// `iop x12 ...`: the X12 subcommands, each one document-API request (x12.benefits, x12.remittance,
// x12.claims, remittance.reconcile).

#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

namespace iop::cli {

/// The flags of the x12 subcommands, filled by CLI11.
struct X12Command {
  CLI::App* command = nullptr;
  CLI::App* benefits = nullptr;
  CLI::App* remittance = nullptr;
  CLI::App* claims = nullptr;
  CLI::App* reconcile = nullptr;
  std::string input;
  std::string case_input;
  std::string claims_input;
  std::string benefits_input;
  std::string gfe_expected;
  std::string billed_on;
  std::string format;
};

/// Adds `iop x12` and its subcommands to @p app.
void add_x12_command(CLI::App& app, X12Command& x12);

/// The operation and request of the parsed x12 subcommand.
/// Throws iop::Error when an input cannot be read.
std::pair<std::string, nlohmann::json> x12_request(const X12Command& x12);

}  // namespace iop::cli
