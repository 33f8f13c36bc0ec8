// libFuzzer target for one kind of document (chosen by the program's name,
// iop_fuzz_<document>, so one object serves every target): the fuzzed bytes are read as that document within the JSON
// limits, put in its place in a request built from the examples, and sent
// through the document API in each output format, as a clinic's software would.
// Every input must come back as a response or an error object: an `internal`
// outcome, an exception escaping, or a sanitizer report is a finding.
//
// The `api` target takes `operation\nrequest` instead and calls that operation.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "iop/api.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "core/json_fast.hpp"

#ifndef IOP_EXAMPLES_DIR
#error "IOP_EXAMPLES_DIR is where the example documents are"
#endif

namespace {

using nlohmann::json;

json example(const char* name) {
  std::ifstream in(std::string(IOP_EXAMPLES_DIR) + "/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return iop::parse_json(text.str(), name);
}

// One API call the fuzzed document takes part in.
struct Call {
  std::string operation;
  json request;       // with a null where the document goes
  std::string slot;   // JSON pointer of that place
  std::vector<std::string> formats;
};

std::vector<Call> calls_for(std::string_view target) {
  const json base{{"api_version", iop::api::api_version}};
  auto with = [&](json extra) {
    json r = base;
    r.update(extra);
    return r;
  };
  const auto plan = example("plan.json");
  auto the_case = example("case.json");
  the_case.erase("monte_carlo");  // a few runs would only repeat the estimate
  const std::vector<std::string> calendar_formats{"json", "ics", "csv", "fhir", "text"};
  if (target == "plan")
    return {{"plan.check", with({{"plan", nullptr}}), "/plan", {"json", "text"}},
            {"plan.fhir", with({{"plan", nullptr}}), "/plan", {""}},
            {"calendar.build", with({{"plan", nullptr}}), "/plan", calendar_formats}};
  if (target == "program")
    return {{"plan.check", with({{"plan", plan}, {"program", nullptr}}), "/program", {"json"}},
            {"calendar.build", with({{"plan", plan}, {"program", nullptr}}), "/program", calendar_formats}};
  if (target == "intake") return {{"recommend", with({{"intake", nullptr}}), "/intake", {"json", "text"}}};
  if (target == "rules")
    return {{"recommend", with({{"intake", example("intake.json")}, {"rules", nullptr}}), "/rules", {"json", "text"}}};
  if (target == "holidays")
    return {{"calendar.build", with({{"plan", plan}, {"holidays", nullptr}}), "/holidays", calendar_formats}};
  if (target == "events")
    return {{"calendar.build", with({{"plan", plan}, {"events", nullptr}, {"holiday_policy", "make_up_same_week"}}),
             "/events", calendar_formats}};
  if (target == "coverage") {
    auto c = the_case;
    c["coverage"] = nullptr;
    return {{"estimate", with({{"case", c}}), "/case/coverage", {"json", "csv", "text"}}};
  }
  if (target == "fee_schedule") {
    auto c = the_case;
    c["fee_schedule"] = nullptr;
    return {{"estimate", with({{"case", c}}), "/case/fee_schedule", {"json", "csv"}}};
  }
  if (target == "case") return {{"estimate", with({{"case", nullptr}}), "/case", {"json", "csv", "text"}}};
  if (target == "gfe") return {{"gfe", with({{"case", nullptr}}), "/case", {"json", "html"}}};
  if (target == "design") return {{"parity.analyse", with({{"design", nullptr}}), "/design", {"json", "text"}}};
  if (target == "demo") return {{"demo", with({{"demo", nullptr}}), "/demo", {"json", "text"}}};
  std::cerr << "unknown fuzz target " << target << '\n';
  std::abort();
}

// A Monte Carlo estimate prices the course once per run: a fuzzer keeps runs to
// a few, so each input takes milliseconds (the limit itself, 1,000, is tested
// by the catalogue and the unit tests).
constexpr int kFuzzRuns = 3;

void cap_runs(json& request) {
  if (!request.is_object()) return;
  const auto the_case = request.find("case");
  if (the_case == request.end() || !the_case->is_object()) return;
  const auto mc = the_case->find("monte_carlo");
  if (mc == the_case->end() || !mc->is_object()) return;
  const auto runs = mc->find("runs");
  if (runs == mc->end()) (*mc)["runs"] = kFuzzRuns;
  else if (runs->is_number_integer() && runs->get<std::int64_t>() > kFuzzRuns) *runs = kFuzzRuns;
}

void expect_answer(const iop::api::Response& response, std::string_view operation) {
  if (response.status == iop::api::Status::internal) {
    std::cerr << "internal outcome from " << operation << ": " << response.body << '\n';
    std::abort();
  }
}

// The document this program fuzzes: its name without `iop_fuzz_`, set once before any input.
std::string& target() {
  static std::string name;
  return name;
}

const std::vector<Call>& calls() {
  static const std::vector<Call> all = calls_for(target());
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** argv) {
  std::string_view program = (*argv)[0];
  if (const auto slash = program.rfind('/'); slash != std::string_view::npos) program.remove_prefix(slash + 1);
  constexpr std::string_view prefix = "iop_fuzz_";
  if (program.substr(0, prefix.size()) != prefix) {
    std::cerr << "run as iop_fuzz_<document>, not " << program << '\n';
    std::abort();
  }
  target() = std::string(program.substr(prefix.size()));
  if (target() != "api") (void)calls();
  return 0;
}

// parse_json's two paths agree (core/json_fast.hpp): a document the fast path takes, the careful path takes
// too, and makes the same of it.
void expect_paths_agree(std::string_view text) {
  const iop::JsonLimits limits;
  const auto fast = iop::detail::parse_json_fast(text, limits);
  if (!fast) return;
  try {
    if (iop::detail::same_document(*fast, iop::detail::parse_json_careful(text, "input", limits))) return;
    std::cerr << "parse_json's fast path made another document than its careful path\n";
  } catch (const iop::Error& e) {
    std::cerr << "parse_json's fast path took a document its careful path refuses: " << e.what() << "\n";
  }
  std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (target() == "api") {
    const auto newline = bytes.find('\n');
    const auto operation = bytes.substr(0, newline == std::string_view::npos ? bytes.size() : newline);
    const auto request = newline == std::string_view::npos ? std::string_view() : bytes.substr(newline + 1);
    expect_paths_agree(request);
    if (operation == "estimate") {
      try {
        auto document = iop::parse_json(request, "request");
        cap_runs(document);
        expect_answer(iop::api::call(operation, document.dump()), operation);
        return 0;
      } catch (const iop::Error&) {
        // Not JSON: sent as it is below.
      }
    }
    expect_answer(iop::api::call(operation, request), operation);
    return 0;
  }
  expect_paths_agree(bytes);
  json document;
  try {
    document = iop::parse_json(bytes, "input");
  } catch (const iop::Error&) {
    return 0;  // refused as JSON: the JSON tests and the api target cover that path
  }
  for (const auto& call : calls()) {
    for (const auto& format : call.formats) {
      json request = call.request;
      request[json::json_pointer(call.slot)] = document;
      cap_runs(request);
      if (!format.empty()) request["format"] = format;
      expect_answer(iop::api::call(call.operation, request.dump(-1, ' ', false, json::error_handler_t::replace)),
                    call.operation);
    }
  }
  return 0;
}
