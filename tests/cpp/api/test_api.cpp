#include "iop/api.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "iop/plan/program.hpp"
#include "iop/version.hpp"

namespace {

using nlohmann::json;

std::string example(const std::string& name) {
  std::ifstream in(std::string(IOP_EXAMPLES_DIR) + "/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The requests every surface's tests send: each example wrapped in its
// operation's request, by plain concatenation (as the C, Java, Go and Node tests do).
std::string calendar_request(const std::string& format = "json") {
  return R"({"api_version":1,"format":")" + format + R"(","plan":)" + example("plan.json") + "}";
}
std::string estimate_request() { return R"({"api_version":1,"case":)" + example("case.json") + "}"; }
std::string parity_request() { return R"({"api_version":1,"design":)" + example("design.json") + "}"; }

json ok(std::string_view operation, const std::string& request) {
  const auto response = iop::api::call(operation, request);
  EXPECT_EQ(response.status, iop::api::Status::ok) << response.body;
  const auto document = json::parse(response.body);
  EXPECT_EQ(document.at("api_version"), 1);
  return document;
}

json error_of(std::string_view operation, const std::string& request, iop::api::Status expected) {
  const auto response = iop::api::call(operation, request);
  EXPECT_EQ(response.status, expected) << response.body;
  const auto document = json::parse(response.body);
  EXPECT_EQ(document.at("api_version"), 1);
  const auto& error = document.at("error");
  // Every error object carries every field, as the C++ and Python exceptions do.
  for (const char* key : {"kind", "id", "field", "value", "problem", "allowed", "message"})
    EXPECT_TRUE(error.at(key).is_string()) << key << " in " << response.body;
  EXPECT_EQ(error.at("kind"), iop::api::to_string(expected));
  return error;
}

TEST(Api, VersionListsTheOperationsAndLimits) {
  const auto v = ok("version", R"({"api_version": 1})").at("result");
  EXPECT_EQ(v.at("version"), iop::version_string);
  EXPECT_EQ(v.at("api_version"), 1);
  EXPECT_EQ(v.at("operations").size(), iop::api::operations().size());
  EXPECT_EQ(v.at("operations")[7], "calendar.build");
  EXPECT_EQ(v.at("limits").at("max_depth"), 32);
}

TEST(Api, CalendarOfTheExamplePlan) {
  // examples/plan.json: 8 weeks, Monday/Wednesday/Friday on the evening track
  // (18:00-21:00 America/Los_Angeles) from 2026-03-02. No federal holiday falls
  // between 2026-03-02 and 2026-04-26, so 8 x 3 = 24 program days; medication
  // management every 2 weeks adds 4 visits of 30 minutes: 28 sessions and
  // 24 x 180 + 4 x 30 = 4,440 scheduled minutes. 18:00 PST (UTC-8) on 2026-03-02
  // is 02:00Z the next day; after the change of 2026-03-08, 18:00 PDT (UTC-7) on
  // 2026-03-09 is 01:00Z.
  const auto response = ok("calendar.build", calendar_request());
  EXPECT_EQ(response.at("format"), "json");
  const auto& calendar = response.at("result");
  EXPECT_EQ(calendar.at("totals").at("program_days"), 24);
  EXPECT_EQ(calendar.at("totals").at("sessions"), 28);
  EXPECT_EQ(calendar.at("totals").at("scheduled_minutes"), 4440);
  EXPECT_EQ(calendar.at("sessions")[0].at("start").at("utc"), "2026-03-03T02:00:00Z");
  bool saw_march_9 = false;
  for (const auto& s : calendar.at("sessions"))
    if (s.at("date") == "2026-03-09" && s.at("kind") == "program_day") {
      EXPECT_EQ(s.at("start").at("utc"), "2026-03-10T01:00:00Z");
      saw_march_9 = true;
    }
  EXPECT_TRUE(saw_march_9);
}

TEST(Api, CalendarFormats) {
  const auto ics = ok("calendar.build", calendar_request("ics"));
  EXPECT_EQ(ics.at("format"), "ics");
  EXPECT_EQ(ics.at("content").get<std::string>().rfind("BEGIN:VCALENDAR\r\n", 0), 0u);
  EXPECT_FALSE(ics.contains("result"));
  const auto csv = ok("calendar.build", calendar_request("csv")).at("content").get<std::string>();
  EXPECT_EQ(csv.rfind("uid,kind,date,week,track,", 0), 0u);
  // A header and 28 session rows, each ending in CRLF.
  std::size_t rows = 0;
  for (std::size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2)) ++rows;
  EXPECT_EQ(rows, 29u);
  const auto fhir = ok("calendar.build", calendar_request("fhir"));
  EXPECT_EQ(fhir.at("result").at("resourceType"), "Bundle");
  const auto text = ok("calendar.build", calendar_request("text")).at("content").get<std::string>();
  EXPECT_NE(text.find("Totals: 28 sessions (24 program days), 74 h scheduled"), std::string::npos) << text;
  const auto error = error_of("calendar.build", calendar_request("pdf"), iop::api::Status::not_found);
  EXPECT_EQ(error.at("field"), "format");
  EXPECT_EQ(error.at("allowed"), "json, text, ics, fhir, csv");
}

TEST(Api, EstimateOfTheExampleCase) {
  // examples/case.json: 12 weeks x 3 days from 2026-03-02 with no federal
  // holiday on a Monday, Wednesday or Friday in the course (Memorial Day is
  // 2026-05-25, after it ends on 2026-05-22): 36 program days x $300 plus 6
  // medication visits x $130 = $11,580. $1,250 of the $1,500 deductible is left
  // (family has $2,100 left), then 20% of $10,330 = $2,066: the patient pays
  // $1,250 + $2,066 = $3,316 and the plan $8,264.
  const auto result = ok("estimate", estimate_request()).at("result");
  EXPECT_EQ(result.at("totals").at("charges"), "11580.00");
  EXPECT_EQ(result.at("totals").at("patient"), "3316.00");
  EXPECT_EQ(result.at("totals").at("plan"), "8264.00");
  EXPECT_EQ(result.at("fee_schedule").at("id"), "clinic-2026");
  EXPECT_EQ(result.at("monte_carlo").at("runs"), 500);
  const auto csv = ok("estimate", R"({"api_version":1,"format":"csv","case":)" + example("case.json") + "}");
  EXPECT_EQ(csv.at("content").get<std::string>().rfind("date,session,code,units,charge,", 0), 0u);
}

// examples/case-out-of-network.json: the same 36 program days and 6 medication visits ($11,580) at an
// out-of-network program. Allowed 80% of the charge: $240 a day, $104 a visit. Two authorisations cover
// 24 + 6 = 30 days (to 2026-05-08); the 6 days 05-11..05-22 are outside both and, out of network, the
// patient owes their whole charge: 6 x $300 = $1,800.
//   covered: 30 x $240 + 6 x $104 = $7,824 allowed; out-of-network deductible $1,000, then 40% of $6,824
//   = $2,729.60: cost sharing $3,729.60 (under the $5,000 maximum); the plan pays $7,824 - $3,729.60 = $4,094.40;
//   balance bills: 30 x $60 + 6 x $26 = $1,956 (outside the maximum);
//   the patient: $3,729.60 + $1,956 + $1,800 = $7,485.60; $4,094.40 + $7,485.60 = $11,580.
TEST(Api, EstimateWarningsSitAtTheTop) {
  const std::string request = R"({"api_version":1,"case":)" + example("case-out-of-network.json") + "}";
  const auto result = ok("estimate", request).at("result");
  EXPECT_EQ(result.at("totals").at("charges"), "11580.00");
  EXPECT_EQ(result.at("totals").at("allowed"), "9264.00");  // $7,824 + 6 x $240 for the days outside
  EXPECT_EQ(result.at("totals").at("plan"), "4094.40");
  EXPECT_EQ(result.at("totals").at("patient"), "7485.60");
  EXPECT_EQ(result.at("totals").at("balance_billed"), "1956.00");
  EXPECT_EQ(result.at("unauthorized_days").size(), 6u);
  const auto text = ok("estimate", R"({"api_version":1,"format":"text","case":)" + example("case-out-of-network.json") + "}")
                        .at("content")
                        .get<std::string>();
  const auto totals = text.find("  charges $11,580.00");
  ASSERT_NE(totals, std::string::npos) << text;
  for (const char* warning :
       {"warning: 6 days outside prior authorisation (2026-05-11, 2026-05-13, 2026-05-15, 2026-05-18, 2026-05-20, "
        "2026-05-22): billed to the patient: $1,800.00",
        "warning: review due 2026-05-06: Concurrent review of authorisation PA-2026-0427",
        "warning: out of network: $1,956.00 of the patient's total is balance billed above the plan's allowed amounts on "
        "36 lines, with no protection"}) {
    const auto at = text.find(warning);
    EXPECT_NE(at, std::string::npos) << warning << "\n" << text;
    EXPECT_LT(at, totals) << warning;  // above every figure
  }
  EXPECT_NE(text.find("patient pays $7,485.60 (of which $1,956.00 balance billed)"), std::string::npos) << text;

  // Medicare's 3-service minimum: a program of two 90-minute blocks a day, priced $0.00 every day
  // (6 weeks x 3 days from 2024-03-04 = 18 days); the total reads $0.00 and the warning says why.
  auto program = iop::to_json(iop::find_program("la-depression-iop"));
  program["daily_blocks"] = json::parse(R"([{"modality": "process_group", "minutes": 90, "billing_code": "90853"},
                                            {"modality": "skills_training", "minutes": 90, "billing_code": "90853"}])");
  program.erase("medication_management");
  program["accepted_payers"] = {"medicare"};
  program.erase("declined_payers");
  json medicare_case = json::parse(example("case.json"));
  medicare_case.erase("monte_carlo");
  medicare_case["program"] = program;
  medicare_case["plan"]["start_date"] = "2024-03-04";
  medicare_case["plan"]["weeks"] = 6;
  medicare_case["plan"]["payer"] = "medicare";
  medicare_case["coverage"] = {{"payer", "medicare"}, {"medicare", "original"}};
  medicare_case["fee_schedule"] = json::parse(R"({"id": "medicare-2024", "basis": "medicare_iop",
                                                  "medicare": {"year": 2024, "setting": "hospital"}})");
  const json medicare_request{{"api_version", 1}, {"format", "text"}, {"case", medicare_case}};
  const auto medicare_text = ok("estimate", medicare_request.dump()).at("content").get<std::string>();
  EXPECT_NE(medicare_text.find("  warning: 18 days priced $0.00 for fewer than 3 IOP services that day"), std::string::npos)
      << medicare_text;
  EXPECT_NE(medicare_text.find("  warning: Original Medicare Part B: 20% coinsurance after the year's deductible, with no "
                               "out-of-pocket maximum"),
            std::string::npos);
  EXPECT_LT(medicare_text.find("warning: 18 days"), medicare_text.find("  charges $0.00"));

  // The self-pay fallback: the program declines Medicare.
  json declined = json::parse(example("case.json"));
  declined.erase("monte_carlo");
  declined["coverage"] = {{"payer", "medicare"}, {"medicare", "original"}};
  const json declined_request{{"api_version", 1}, {"format", "text"}, {"case", declined}};
  const auto self_pay = ok("estimate", declined_request.dump()).at("content").get<std::string>();
  EXPECT_NE(self_pay.find("  warning: Los Angeles"), std::string::npos) << self_pay;
  EXPECT_NE(self_pay.find("does not accept medicare: estimated as self-pay"), std::string::npos) << self_pay;
  EXPECT_NE(self_pay.find("patient pays $11,580.00 (self-pay)"), std::string::npos) << self_pay;
}

// The authorisations' next concurrent reviews appear in the calendar: PA-1 states its review date
// (2026-03-11), PA-2 none, so its review falls due on its last authorised day (2026-03-27).
TEST(Api, CalendarShowsTheNextReviews) {
  const std::string request = R"({"api_version":1,"format":"text","plan":)" + example("plan.json") +
                              R"(,"authorizations":[
      {"reference":"PA-1","first_day":"2026-03-02","last_day":"2026-03-13","units":6,"next_review":"2026-03-11"},
      {"reference":"PA-2","extends":"PA-1","first_day":"2026-03-16","last_day":"2026-03-27","units":6}]})";
  const auto text = ok("calendar.build", request).at("content").get<std::string>();
  EXPECT_NE(text.find("2026-03-11 review due: Concurrent review of authorisation PA-1 (2026-03-02..2026-03-13, 6 units): "
                      "the payer's next review date"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("2026-03-27 review due: Concurrent review of authorisation PA-2"), std::string::npos) << text;
  const auto ics = ok("calendar.build", R"({"api_version":1,"format":"ics","plan":)" + example("plan.json") +
                                            R"(,"authorizations":[{"reference":"PA-1","first_day":"2026-03-02",
                                            "last_day":"2026-03-13","units":6}]})")
                       .at("content")
                       .get<std::string>();
  EXPECT_NE(ics.find("PA-1"), std::string::npos);
  const auto error = error_of("calendar.build", R"({"api_version":1,"plan":)" + example("plan.json") +
                                                    R"(,"authorizations":[{"reference":"PA-1","first_day":"2026-03-13",
                                                    "last_day":"2026-03-02","units":6}]})",
                              iop::api::Status::validation);
  EXPECT_EQ(error.at("field"), "authorizations[0].last_day");
}

TEST(Api, ParityOfTheExampleDesign) {
  // The facts' worked example: $40M of $50M outpatient in-network M/S payments
  // have a copay (80% >= two thirds); $35 applies to $25M of the $40M, 62.5% >
  // one half, so $35 is the predominant level and the IOP's $35 copay passes.
  const auto report = ok("parity.analyse", parity_request()).at("result");
  const auto& copay = report.at("tests")[0];
  EXPECT_EQ(copay.at("type"), "copay");
  EXPECT_EQ(copay.at("subject_share"), "80%");
  EXPECT_EQ(copay.at("predominant_display"), "$35.00");
  EXPECT_EQ(copay.at("levels")[0].at("share"), "62.5%");
  EXPECT_TRUE(report.at("passes").get<bool>());
}

TEST(Api, OtherOperations) {
  const auto programs = ok("programs.list", R"({"api_version":1})").at("result");
  EXPECT_EQ(programs.size(), 5u);
  const auto check = ok("plan.check", R"({"api_version":1,"plan":)" + example("plan.json") + "}").at("result");
  EXPECT_EQ(check.at("check").at("weekly_minutes"), 540);  // 3 days x 180 minutes
  const auto fhir = ok("plan.fhir", R"({"api_version":1,"plan":)" + example("plan.json") + "}");
  EXPECT_EQ(fhir.at("format"), "fhir");
  EXPECT_EQ(fhir.at("result").at("resourceType"), "Bundle");
  const auto rec = ok("recommend", R"({"api_version":1,"intake":)" + example("intake.json") + "}").at("result");
  EXPECT_TRUE(rec.contains("level"));
  const auto gfe = ok("gfe", R"({"api_version":1,"case":)" + example("gfe-case.json") + "}").at("result");
  EXPECT_TRUE(gfe.is_array());
  EXPECT_GE(gfe.size(), 1u);
  const auto html = ok("gfe", R"({"api_version":1,"format":"html","case":)" + example("gfe-case.json") + "}");
  EXPECT_NE(html.at("content").get<std::string>().find("Good Faith Estimate"), std::string::npos);
  // 01:30 on 2026-11-01 happens twice in Chicago; the later one is CST (UTC-6): 07:30Z.
  const auto zone = ok("zone.convert", R"({"api_version":1,"zone":"America/Chicago","local":"2026-11-01T01:30","fold":"later"})");
  EXPECT_EQ(zone.at("result").at("utc"), "2026-11-01T07:30:00Z");
  EXPECT_EQ(zone.at("result").at("kind"), "repeated");
  // 2027: the second Sunday of March is the 14th, the first Sunday of November the 7th (15 U.S.C. 260a).
  const auto changes = ok("zone.transitions", R"({"api_version":1,"zone":"America/Denver","year":2027})").at("result");
  EXPECT_EQ(changes[0].at("utc"), "2027-03-14T09:00:00Z");
  EXPECT_EQ(changes[1].at("utc"), "2027-11-07T08:00:00Z");
  const auto demo = ok("demo", R"({"api_version":1,"format":"text"})");
  EXPECT_NE(demo.at("content").get<std::string>().find("demo: the built-in default program"), std::string::npos);
}

TEST(Api, SchemasAreServedByName) {
  const auto schema = ok("schema", R"({"api_version":1,"name":"calendar.build.request"})").at("result");
  EXPECT_EQ(schema.at("$schema"), "https://json-schema.org/draft/2020-12/schema");
  EXPECT_TRUE(iop::api::schema_json("treatment-plan").has_value());
  EXPECT_FALSE(iop::api::schema_json("nope").has_value());
  for (auto operation : iop::api::operations()) {
    EXPECT_TRUE(iop::api::schema_json(std::string(operation) + ".request").has_value()) << operation;
    EXPECT_TRUE(iop::api::schema_json(std::string(operation) + ".response").has_value()) << operation;
  }
  const auto error = error_of("schema", R"({"api_version":1,"name":"nope"})", iop::api::Status::not_found);
  EXPECT_EQ(error.at("field"), "name");
  EXPECT_EQ(error.at("value"), "'nope'");
}

TEST(Api, ErrorsAreDataNamingTheRequestsOwnField) {
  auto e = error_of("calendar.make", R"({"api_version":1})", iop::api::Status::not_found);
  EXPECT_EQ(e.at("field"), "operation");
  EXPECT_EQ(e.at("value"), "'calendar.make'");
  e = error_of("version", "{}", iop::api::Status::validation);
  EXPECT_EQ(e.at("field"), "api_version");
  EXPECT_EQ(e.at("problem"), "is missing");
  e = error_of("version", R"({"api_version": 2})", iop::api::Status::validation);
  EXPECT_EQ(e.at("value"), "2");
  EXPECT_EQ(e.at("allowed"), "1");
  e = error_of("version", R"({"api_version": "1"})", iop::api::Status::validation);
  EXPECT_EQ(e.at("value"), "'1'");
  e = error_of("version", "[1]", iop::api::Status::validation);
  EXPECT_EQ(e.at("field"), "request");
  e = error_of("version", R"({"api_version": 1, "verbose": true})", iop::api::Status::validation);
  EXPECT_EQ(e.at("field"), "verbose");
  EXPECT_EQ(e.at("problem"), "is not a known member");
  // A plan of 14 weeks in a 6..12-week program names the plan's own field in the case.
  auto plan = json::parse(example("case.json"));
  plan["plan"]["weeks"] = 14;
  e = error_of("estimate", json{{"api_version", 1}, {"case", plan}}.dump(), iop::api::Status::validation);
  EXPECT_EQ(e.at("field"), "case.plan.weeks");
  EXPECT_EQ(e.at("value"), "14");
  // A scenario would silently override recorded events: refused.
  auto with_both = json::parse(example("case.json"));
  with_both["scenario"] = {{"attendance", "80%"}};
  with_both["events"] = json::array();
  e = error_of("estimate", json{{"api_version", 1}, {"case", with_both}}.dump(), iop::api::Status::validation);
  EXPECT_EQ(e.at("field"), "case.scenario");
  EXPECT_EQ(e.at("problem"), "cannot be combined with case.events");
  // Syntax errors, duplicates and depth name where they are.
  e = error_of("version", R"({"api_version": 1, "api_version": 1})", iop::api::Status::validation);
  EXPECT_EQ(e.at("field"), "request at $.api_version");
  e = error_of("version", std::string(100, '[') + std::string(100, ']'), iop::api::Status::validation);
  EXPECT_EQ(e.at("problem"), "is nested 33 levels deep");
}

TEST(Api, SameRequestSameBytes) {
  const std::vector<std::pair<std::string, std::string>> requests = {
      {"calendar.build", calendar_request()}, {"calendar.build", calendar_request("ics")},
      {"estimate", estimate_request()},       {"parity.analyse", parity_request()},
      {"version", R"({"api_version":1})"},    {"calendar.build", R"({"api_version":1,"plan":{}})"}};
  std::vector<std::string> expected;
  for (const auto& [operation, request] : requests) expected.push_back(iop::api::call(operation, request).body);
  // Eight threads, each running every request in a different order, several times.
  std::vector<std::thread> threads;
  std::vector<int> mismatches(8, 0);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round)
        for (std::size_t k = 0; k < requests.size(); ++k) {
          const auto i = (k + static_cast<std::size_t>(t)) % requests.size();
          if (iop::api::call(requests[i].first, requests[i].second).body != expected[i]) ++mismatches[static_cast<std::size_t>(t)];
        }
    });
  for (auto& thread : threads) thread.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(Api, NoInputIsAnInternalError) {
  // Random bytes, random truncations and random byte flips of real requests:
  // every answer is a result or an input error, never "internal".
  std::mt19937_64 random(20261129);
  const std::vector<std::pair<std::string, std::string>> seeds = {
      {"calendar.build", calendar_request()}, {"estimate", estimate_request()}, {"parity.analyse", parity_request()}};
  for (int i = 0; i < 300; ++i) {
    const auto& [operation, seed] = seeds[static_cast<std::size_t>(i) % seeds.size()];
    std::string request = seed;
    switch (i % 3) {
      case 0: request.resize(random() % request.size()); break;
      case 1:
        for (int k = 0; k < 4; ++k) request[random() % request.size()] = static_cast<char>(random() % 256);
        break;
      default:
        request.assign(64, '\0');
        for (auto& c : request) c = static_cast<char>(random() % 256);
    }
    const auto response = iop::api::call(operation, request);
    EXPECT_NE(response.status, iop::api::Status::internal) << response.body;
    EXPECT_TRUE(json::accept(response.body)) << response.body;
  }
}

}  // namespace
