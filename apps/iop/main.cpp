// The `iop` command: a thin layer over the document API (iop/api.hpp).
// Each subcommand turns its flags and input files into one request, calls the
// API and prints the answer: a text format as it is, a JSON result indented.
// Exit codes: 0 success, 2 invalid input (one line on stderr naming the field), 1 anything else.

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "input.hpp"
#include "serve.hpp"
#include "x12.hpp"
#include "iop/api.hpp"
#include "iop/core/error.hpp"
#include "iop/version.hpp"

namespace {

constexpr int kInvalidInput = 2;
constexpr int kInternalError = 1;

// One line: messages never span lines, so callers can log them as they are.
std::string one_line(std::string text) {
  for (auto& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

int exit_code(iop::api::Status status) {
  switch (status) {
    case iop::api::Status::ok: return 0;
    case iop::api::Status::internal: return kInternalError;
    default: return kInvalidInput;
  }
}

// Prints an error object's message as the one line on standard error.
void report_error(const iop::api::Response& response) {
  std::string message = "internal error: no response";
  try {
    const auto document = nlohmann::json::parse(response.body);
    message = document.at("error").at("message").get<std::string>();
  } catch (const std::exception&) {
  }
  std::cerr << "iop: " << one_line(message) << '\n';
}

// Calls the API and prints the answer as the subcommands do.
int run(std::string_view operation, const nlohmann::json& request) {
  const auto response = iop::api::call(operation, request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (response.status != iop::api::Status::ok) {
    report_error(response);
    return exit_code(response.status);
  }
  const auto document = nlohmann::json::parse(response.body);
  if (const auto content = document.find("content"); content != document.end())
    std::cout << content->get_ref<const std::string&>();
  else
    std::cout << document.at("result").dump(2) << '\n';
  return 0;
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

  std::string scores_input;
  std::string fhir_input;
  int not_improving_weeks = 0;
  auto* review = app.add_subcommand("review", "Review a plan with the PHQ-9 scores taken since its baseline");
  review->add_option("--input", input, "The plan as JSON (a file, or - for standard input)")->required();
  review->add_option("--scores", scores_input, "A JSON list of scores: {\"date\", \"total\"} or {\"date\", \"items\"}");
  review->add_option("--fhir", fhir_input,
                     "A JSON list of FHIR R4 QuestionnaireResponse and Observation resources (PHQ-9, GAD-7)");
  auto* weeks_opt = review->add_option("--not-improving-weeks", not_improving_weeks,
                                       "Weeks without a new best score that count as not improving (default 4)");
  review->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));

  std::string as_of;
  std::string since;
  int attendance_threshold = 0;
  auto* episode = app.add_subcommand("episode", "The state of an episode as of a date: sessions, measures, next review, "
                                                "authorisation, costs, and what iop proposes at the review");
  episode->add_option("--input", input, "The episode as JSON (a file, or - for standard input)")->required();
  episode->add_option("--as-of", as_of, "The day of the state (YYYY-MM-DD): later events have not happened yet")->required();
  auto* since_opt = episode->add_option("--since", since, "An earlier day: what changed since its state is listed first");
  auto* episode_weeks_opt = episode->add_option("--not-improving-weeks", not_improving_weeks,
                                                "Weeks without a new best PHQ-9 that count as not improving (default 4)");
  auto* threshold_opt = episode->add_option("--attendance-threshold", attendance_threshold,
                                            "The share of program days (percent, 1-100) below which attendance is a "
                                            "reason at the review (default: reported, not judged)");
  episode->add_option("--format", format, "Output format (fhir: the plan's Bundle as of the day)")
      ->check(CLI::IsMember({"text", "json", "fhir"}));
  bool reviews = false;
  episode->add_flag("--reviews", reviews, "Every review up to --as-of instead of the state: iop's proposal "
                                                       "beside the team's decision (episode.review)")
                           ->excludes(since_opt);

  std::string episodes_input;
  std::string reliability;
  std::string sd;
  std::vector<std::string> by;
  auto* outcomes = app.add_subcommand("outcomes", "Outcome measures of a cohort: remission and response at 6 and 12 "
                                                  "months (CMS159 / NQF 0710 windows), reliable change, time to "
                                                  "response and dropout, by program, track and delivery");
  outcomes->add_option("--input", input, "The patients with their PHQ-9 totals, a JSON array (a file, or - for "
                                         "standard input)");
  outcomes->add_option("--episodes", episodes_input, "Episodes, a JSON array (a file, or - for standard input)");
  outcomes->add_option("--as-of", as_of, "The day the data speaks as of (YYYY-MM-DD)")->required();
  outcomes->add_option("--reliability", reliability, "The PHQ-9's reliability for reliable change, e.g. 0.89")->required();
  outcomes->add_option("--sd", sd, "The SD for reliable change (default: the sample SD of the index scores)");
  outcomes->add_option("--by", by, "The groups' dimensions: program, track, delivery")->delimiter(',');
  outcomes->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));

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
  calendar->add_option("--holidays", holidays_input, "A holiday calendar JSON (default: the program's holiday preset; private_clinic when it names none)");
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
  std::string rule_set;
  parity_cmd->add_option("--rule-set", rule_set,
                         "mhpaea_2013 (the default: the rules the Departments enforce) or mhpaea_2024 (the 2024 rule in full)")
      ->check(CLI::IsMember({"mhpaea_2013", "mhpaea_2024"}));

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

  std::string data_status;
  auto* data_cmd = app.add_subcommand("data", "List every yearly or regulatory figure iop uses, with its citation, source and status");
  data_cmd->add_option("--status", data_status, "Only figures of this status")
      ->check(CLI::IsMember({"confirmed", "secondary", "unconfirmed"}));
  data_cmd->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}));

  std::string operation;
  auto* call = app.add_subcommand("call", "Run one document-API operation on a JSON request and print the response as it is");
  call->add_option("operation", operation, "The operation, e.g. calendar.build (see the `version` operation)")->required();
  call->add_option("--input", input, "The request as JSON (a file, or - for standard input)")->required();

  iop::cli::X12Command x12;
  iop::cli::add_x12_command(app, x12);

  iop::cli::ServeOptions serve_options;
  auto* serve = app.add_subcommand("serve", "Serve the document API over HTTP/1.1 (POST /v1/<operation>)");
  serve->add_option("--host", serve_options.host, "Address to bind (default 127.0.0.1: this machine only)");
  serve->add_option("--port", serve_options.port, "Port to listen on (0: any free port)")->check(CLI::Range(0, 65535));
  serve->add_option("--threads", serve_options.threads, "Network threads, and as many computing threads (0: one per core)")
      ->check(CLI::Range(0, 256));
  serve->add_option("--max-request-bytes", serve_options.max_request_bytes, "Largest request body (413 past it)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{4} << 20));
  serve->add_option("--timeout", serve_options.timeout_seconds,
                    "Seconds allowed to read a request, to compute it, and to write the response")
      ->check(CLI::Range(0.001, 3600.0));
  serve->add_option("--queue", serve_options.queue, "Requests waiting for a computing thread before 503")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  serve->add_option("--log", serve_options.log, "Where the request log goes: - for stderr, or a file");
  serve->add_option("--tls-cert", serve_options.tls_cert, "PEM certificate chain: serve HTTPS (reloaded on SIGHUP)");
  serve->add_option("--tls-key", serve_options.tls_key, "PEM private key of --tls-cert (reloaded on SIGHUP)");
  serve->add_option("--tls-client-ca", serve_options.tls_client_ca,
                    "PEM CAs: require a client certificate they signed (mutual TLS)");
  serve->add_option("--tokens", serve_options.tokens,
                    "File of bearer-token hashes (sha256:<hex> <holder> a line): require a token (reloaded on SIGHUP)");
  serve->add_flag("--insecure-plaintext", serve_options.insecure_plaintext,
                  "Allow plain HTTP on an address other than loopback (behind a TLS-terminating proxy only)");
  serve->add_option("--allowed-host", serve_options.allowed_hosts,
                    "A name the Host header may give (repeat; default: the bound address and localhost)");
  serve->add_option("--allow-origin", serve_options.allow_origins,
                    "A browser origin answered with CORS headers, e.g. https://app.example (repeat; default: none)");
  serve->add_option("--drain-seconds", serve_options.drain_seconds,
                    "After SIGTERM: seconds /readyz answers 503 before accepting stops")
      ->check(CLI::Range(0.0, 3600.0));

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
    using nlohmann::json;
    using iop::cli::read_json_input;
    json request{{"api_version", iop::api::api_version}};
    if (serve->parsed()) return iop::cli::serve(serve_options);
    if (call->parsed()) {
      // The response goes out byte for byte as the API gave it; an error's line also goes to stderr.
      const auto response = iop::api::call(operation, iop::cli::read_text_input(input));
      std::cout << response.body;
      if (response.status != iop::api::Status::ok) report_error(response);
      return exit_code(response.status);
    }
    if (x12.command->parsed()) {
      auto [x12_operation, x12_request] = iop::cli::x12_request(x12);
      return run(x12_operation, x12_request);
    }
    if (demo->parsed()) {
      request["format"] = format;
      if (!input.empty()) request["demo"] = read_json_input(input);
      return run("demo", request);
    }
    if (programs->parsed()) {
      request["format"] = format;
      return run("programs.list", request);
    }
    if (plan->parsed()) {
      request["plan"] = read_json_input(input);
      if (!program_input.empty()) request["program"] = read_json_input(program_input);
      if (format == "fhir") return run("plan.fhir", request);
      request["format"] = format;
      return run("plan.check", request);
    }
    if (review->parsed()) {
      request["format"] = format;
      request["plan"] = read_json_input(input);
      if (!scores_input.empty()) request["scores"] = read_json_input(scores_input);
      if (!fhir_input.empty()) request["fhir"] = read_json_input(fhir_input);
      if (weeks_opt->count() > 0) request["not_improving_weeks"] = not_improving_weeks;
      return run("plan.review", request);
    }
    if (outcomes->parsed()) {
      request["format"] = format;
      request["as_of"] = as_of;
      request["reliability"] = iop::cli::json_number_argument(reliability, "--reliability");
      if (!sd.empty()) request["sd"] = iop::cli::json_number_argument(sd, "--sd");
      if (!by.empty()) request["by"] = by;
      if (!input.empty()) request["patients"] = read_json_input(input);
      if (!episodes_input.empty()) request["episodes"] = read_json_input(episodes_input);
      return run("outcomes.cohort", request);
    }
    if (episode->parsed()) {
      request["format"] = format;
      request["episode"] = read_json_input(input);
      request["as_of"] = as_of;
      if (reviews) {
        if (episode_weeks_opt->count() > 0) request["not_improving_weeks"] = not_improving_weeks;
        if (threshold_opt->count() > 0) request["attendance_threshold"] = attendance_threshold;
        return run("episode.review", request);
      }
      if (!since.empty()) request["since"] = since;
      if (episode_weeks_opt->count() > 0) request["not_improving_weeks"] = not_improving_weeks;
      if (threshold_opt->count() > 0) request["attendance_threshold"] = attendance_threshold;
      return run("episode.state", request);
    }
    if (recommend->parsed()) {
      request["format"] = format;
      request["intake"] = read_json_input(input);
      if (!rules_input.empty()) request["rules"] = read_json_input(rules_input);
      return run("recommend", request);
    }
    if (calendar->parsed()) {
      request["format"] = format;
      request["holiday_policy"] = policy;
      request["plan"] = read_json_input(input);
      if (!program_input.empty()) request["program"] = read_json_input(program_input);
      if (!holidays_input.empty()) request["holidays"] = read_json_input(holidays_input);
      if (!events_input.empty()) request["events"] = read_json_input(events_input);
      return run("calendar.build", request);
    }
    if (estimate->parsed()) {
      request["format"] = format;
      request["case"] = read_json_input(input);
      return run("estimate", request);
    }
    if (gfe->parsed()) {
      request["format"] = format == "text" ? "json" : format;
      request["case"] = read_json_input(input);
      return run("gfe", request);
    }
    if (parity_cmd->parsed()) {
      request["format"] = format;
      request["design"] = read_json_input(input);
      if (!rule_set.empty()) request["rule_set"] = rule_set;
      return run("parity.analyse", request);
    }
    if (data_cmd->parsed()) {
      request["format"] = format;
      if (!data_status.empty()) request["status"] = data_status;
      return run("data.sources", request);
    }
    if (zone_cmd->parsed()) {
      request["zone"] = zone;
      if (year_opt->count() > 0) {
        request["year"] = year;
        return run("zone.transitions", request);
      }
      if (local.empty()) {
        std::cerr << "iop: zone: give --local or --year\n";
        return kInvalidInput;
      }
      request["local"] = local;
      request["fold"] = fold;
      return run("zone.convert", request);
    }
  } catch (const iop::Error& e) {
    std::cerr << "iop: " << one_line(e.what()) << '\n';
    return kInvalidInput;
  } catch (const std::exception& e) {
    std::cerr << "iop: internal error: " << one_line(e.what()) << '\n';
    return kInternalError;
  }
  return 0;
}
