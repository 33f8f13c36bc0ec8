// The `iop` command: JSON in (a file or - for standard input), text or JSON out.
// Exit codes: 0 success, 2 invalid input (one line on stderr naming the field), 1 anything else.

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <string>

#include "commands.hpp"
#include "demo.hpp"
#include "input.hpp"
#include "iop/core/error.hpp"
#include "iop/version.hpp"
#include "zone_command.hpp"

namespace {

constexpr int kInvalidInput = 2;

// One line: messages never span lines, so callers can log them as they are.
std::string one_line(std::string text) {
  for (auto& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"iop: intensive outpatient programs: plans, session calendars, costs and parity checks"};
  app.set_version_flag("--version", std::string("iop ") + iop::version_string);
  app.require_subcommand(1);

  std::string format = "text";
  std::string input;

  auto* demo = app.add_subcommand("demo", "Run the main job on the built-in default program");
  demo->add_option("--input", input, "JSON overrides of the default data (a file, or - for standard input)");
  demo->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));

  std::string program_input;
  auto* programs = app.add_subcommand("programs", "List the built-in program catalog");
  programs->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));

  auto* plan = app.add_subcommand("plan", "Validate a treatment plan against its program and summarise it");
  plan->add_option("--input", input, "The plan as JSON (a file, or - for standard input)")->required();
  plan->add_option("--program", program_input, "A program template JSON to check against instead of the catalog's");
  plan->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json", "fhir"}));

  std::string rules_input;
  auto* recommend = app.add_subcommand("recommend", "Recommend a level of care for an intake (decision support)");
  recommend->add_option("--input", input, "The intake as JSON (a file, or - for standard input)")->required();
  recommend->add_option("--rules", rules_input, "A rule set JSON to use instead of iop's defaults");
  recommend->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));

  std::string holidays_input;
  std::string events_input;
  std::string policy = "skip";
  auto* calendar = app.add_subcommand("calendar", "Build the session calendar of a plan");
  calendar->add_option("--input", input, "The plan as JSON (a file, or - for standard input)")->required();
  calendar->add_option("--program", program_input, "A program template JSON instead of the catalog's");
  calendar->add_option("--holidays", holidays_input, "A holiday calendar JSON (default: US federal holidays)");
  calendar->add_option("--events", events_input, "Recorded events JSON (attendance, reschedules, ...)");
  calendar->add_option("--holiday-policy", policy, "skip, make_up_same_week or extend")
      ->check(CLI::IsMember({"skip", "make_up_same_week", "extend"}));
  calendar->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json", "ics", "fhir", "csv"}));

  auto* estimate = app.add_subcommand("estimate", "Estimate what a course costs the patient and the plan");
  estimate->add_option("--input", input, "The case as JSON: plan, coverage, fee_schedule, ... (a file, or -)")->required();
  estimate->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json", "csv"}));

  auto* gfe = app.add_subcommand("gfe", "Good Faith Estimates for an uninsured or self-pay course (45 CFR 149.610)");
  gfe->add_option("--input", input, "The case as JSON: plan, patient, provider, scheduled_on, ... (a file, or -)")->required();
  gfe->add_option("--format", format, "Output format")->check(CLI::IsMember({"json", "html"}));

  auto* parity_cmd = app.add_subcommand("parity", "MHPAEA parity analysis of a benefit design");
  parity_cmd->add_option("--input", input, "The benefit design as JSON (a file, or - for standard input)")->required();
  parity_cmd->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));

  std::string local;
  std::string zone;
  std::string fold = "reject";
  int year = 0;
  auto* zone_cmd = app.add_subcommand("zone", "A local wall time in an IANA zone as UTC, or a zone's changes in a year");
  zone_cmd->add_option("--zone", zone, "IANA zone name, e.g. America/Los_Angeles")->required();
  auto* local_opt = zone_cmd->add_option("--local", local, "Local wall time YYYY-MM-DDTHH:MM[:SS]");
  auto* year_opt = zone_cmd->add_option("--year", year, "List the daylight-saving changes of this year");
  local_opt->excludes(year_opt);
  zone_cmd->add_option("--fold", fold, "For a skipped or repeated time: reject, earlier or later");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "iop: " << one_line(e.what()) << " (see iop --help)\n";
    return kInvalidInput;
  }

  try {
    if (demo->parsed()) {
      const auto data = input.empty() ? iop::cli::DemoInput{}
                                      : iop::cli::read_demo_input(iop::cli::read_json_input(input));
      const auto report = iop::cli::demo_report(data);
      if (format == "json") std::cout << report.dump(2) << '\n';
      else std::cout << iop::cli::demo_text(report);
    } else if (programs->parsed()) {
      std::cout << iop::cli::programs_command(format);
    } else if (plan->parsed()) {
      std::cout << iop::cli::plan_command(input, program_input, format);
    } else if (recommend->parsed()) {
      std::cout << iop::cli::recommend_command(input, rules_input, format);
    } else if (calendar->parsed()) {
      std::cout << iop::cli::calendar_command(input, program_input, holidays_input, events_input, policy, format);
    } else if (estimate->parsed()) {
      std::cout << iop::cli::estimate_command(input, format);
    } else if (gfe->parsed()) {
      std::cout << iop::cli::gfe_command(input, format == "text" ? "json" : format);
    } else if (parity_cmd->parsed()) {
      std::cout << iop::cli::parity_command(input, format);
    } else if (zone_cmd->parsed()) {
      if (local.empty() && year == 0) {
        std::cerr << "iop: zone: give --local or --year\n";
        return kInvalidInput;
      }
      const auto out = local.empty() ? iop::cli::describe_transitions(zone, year)
                                     : iop::cli::describe_local_time(local, zone, fold);
      std::cout << out.dump(2) << '\n';
    }
  } catch (const iop::Error& e) {
    std::cerr << "iop: " << one_line(e.what()) << '\n';
    return kInvalidInput;
  } catch (const std::exception& e) {
    std::cerr << "iop: internal error: " << one_line(e.what()) << '\n';
    return 1;
  }
  return 0;
}
