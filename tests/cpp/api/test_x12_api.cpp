// The example course (examples/x12/case.json) through the document API: its estimate from the 271,
// its claims, and the reconciliation with the 835, each worked by hand.
//
// Estimate (the 271's benefits: $1,250 of the $1,500 deductible left, 20% coinsurance, allowed = charge):
//   March: Mar 2 S9480 $300 and 99214 $130, Mar 4 and Mar 6 $300 are all deductible (= $1,030, $220
//   left); Mar 9: $220 deductible + 20% of $80 = $16, plan $64; then 8 days at $60 / $240 and 2 visits
//   at $26 / $104. Patient 300 + 130 + 300 + 300 + 236 + 480 + 52 = $1,798; charges $3,990; plan $2,192.
//   April: 5 days at $60 / $240: patient $300, plan $1,200. Course: patient $2,098, plan $3,392.
// Remittance (see test_x12_remittance.cpp): patient $1,456 + $250 = $1,706; plan $1,624 + $1,000 = $2,624.
// Deductible met elsewhere: the payer began coinsurance on Mar 9 after applying $1,050, when iop's count
//   was $250 + $1,050 = $1,300 of $1,500: $200 was met elsewhere.
// Accumulators after: deductible $250 + $1,050 + $200 = $1,500 individual, $900 + $1,250 = $2,150 family;
//   out of pocket $250 + $1,706 + $200 = $2,156 individual, $900 + $1,906 = $2,806 family; 19 visits
//   (20 lines less the denied Mar 27); as of the day after Apr 10.
// GFE check: billed $5,490 against $5,000 expected: $490 is at least $400 (45 CFR 149.620), so the patient
//   may dispute within 120 days of the bill of 2026-04-25: by 2026-08-23 (5 + 31 + 30 + 31 + 23 days).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "iop/api.hpp"

namespace {

using nlohmann::json;

std::string read(const std::string& name) {
  std::ifstream in(std::string(IOP_EXAMPLES_DIR) + "/x12/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

json call_ok(const char* operation, const json& request) {
  const auto r = iop::api::call(operation, request.dump());
  EXPECT_EQ(r.status, iop::api::Status::ok) << r.body;
  return json::parse(r.body);
}

json error_of(const char* operation, const json& request) {
  const auto r = iop::api::call(operation, request.dump());
  EXPECT_NE(r.status, iop::api::Status::ok) << r.body;
  return json::parse(r.body).at("error");
}

json the_case() {
  auto c = json::parse(read("case.json"));
  c["benefits_271"] = read("benefits.271");
  return c;
}

// The course alone (what a claim is made from): the estimate case less its coverage and basis.
json claims_case() {
  const auto course = json::parse(read("course.json"));
  auto c = json::parse(read("case.json"));
  c.erase("coverage");
  c.erase("basis");
  EXPECT_EQ(c, course);
  return course;
}

TEST(X12Api, EstimatesFromThe271AsWorkedByHand) {
  const auto result = call_ok("estimate", {{"api_version", 1}, {"case", the_case()}}).at("result");
  EXPECT_EQ(result.at("totals").at("charges"), "5490.00");
  EXPECT_EQ(result.at("totals").at("plan"), "3392.00");
  EXPECT_EQ(result.at("totals").at("patient"), "2098.00");
  EXPECT_EQ(result.at("months").at(0).at("patient"), "1798.00");
  EXPECT_EQ(result.at("months").at(1).at("patient"), "300.00");
}

TEST(X12Api, A271NeverDefaultsWhatItDoesNotState) {
  auto c = the_case();
  c.erase("coverage");
  auto e = error_of("estimate", {{"api_version", 1}, {"case", c}});
  EXPECT_EQ(e.at("field"), "case.coverage.network");
  c["coverage"] = {{"network", "in_network"}, {"coinsurance", "30%"}};
  e = error_of("estimate", {{"api_version", 1}, {"case", c}});
  EXPECT_EQ(e.at("field"), "case.coverage.coinsurance");
  EXPECT_EQ(e.at("problem"), "is stated by the 271 too");
}

TEST(X12Api, ReconcilesTheExampleCourseAsWorkedByHand) {
  const json request{{"api_version", 1}, {"case", the_case()}, {"x12", read("remittance.835")},
                     {"gfe", {{"expected_charges", "5000.00"}, {"billed_on", "2026-04-25"}}}};
  const auto r = call_ok("remittance.reconcile", request).at("result");
  const auto& t = r.at("totals");
  EXPECT_EQ(t.at("expected_plan"), "3392.00");
  EXPECT_EQ(t.at("actual_plan"), "2624.00");
  EXPECT_EQ(t.at("expected_patient"), "2098.00");
  EXPECT_EQ(t.at("actual_patient"), "1706.00");
  EXPECT_EQ(t.at("patient_difference"), "-392.00");
  EXPECT_EQ(t.at("deductible_met_elsewhere"), "200.00");
  EXPECT_EQ(t.at("provider_adjustments"), "24.00");
  ASSERT_EQ(r.at("lines").size(), 20U);
  const auto& mar9 = r.at("lines").at(4);
  EXPECT_EQ(mar9.at("date"), "2026-03-09");
  EXPECT_EQ(mar9.at("expected").at("deductible"), "220.00");
  EXPECT_EQ(mar9.at("actual").at("deductible"), "190.00");
  EXPECT_EQ(mar9.at("expected").at("coinsurance"), "16.00");
  EXPECT_EQ(mar9.at("actual").at("coinsurance"), "12.00");
  EXPECT_EQ(mar9.at("explanations").at(0),
            "the payer allowed $250.00 where the estimate allowed $300.00: CO-45 (charge exceeds the fee schedule or the "
            "maximum allowable or contracted amount)");
  const auto& mar27 = r.at("lines").at(12);
  EXPECT_EQ(mar27.at("status"), "denied");
  EXPECT_EQ(mar27.at("plan_difference"), "-240.00");
  EXPECT_EQ(mar27.at("explanations").at(0),
            "denied: CO-197 (precertification, authorization, notification or pre-treatment absent); the estimate "
            "expected the plan to pay $240.00 and the patient $60.00");
  const auto& a = r.at("accumulators");
  EXPECT_EQ(a.at("as_of"), "2026-04-11");
  EXPECT_EQ(a.at("deductible_individual"), "1500.00");
  EXPECT_EQ(a.at("deductible_family"), "2150.00");
  EXPECT_EQ(a.at("oop_individual"), "2156.00");
  EXPECT_EQ(a.at("oop_family"), "2806.00");
  EXPECT_EQ(a.at("visits_used"), 19);
  const auto& g = r.at("gfe_check");
  EXPECT_EQ(g.at("billed_charges"), "5490.00");
  EXPECT_EQ(g.at("excess"), "490.00");
  EXPECT_EQ(g.at("eligible"), true);
  EXPECT_EQ(g.at("dispute_deadline"), "2026-08-23");
  // $390 over is not "substantially in excess".
  auto under = request;
  under["gfe"]["expected_charges"] = "5100.00";
  EXPECT_EQ(call_ok("remittance.reconcile", under).at("result").at("gfe_check").at("eligible"), false);
}

TEST(X12Api, WritesTheExampleClaims) {
  for (const auto& [form, file] : {std::pair{"837p", "837p.x12"}, std::pair{"837i", "837i.x12"}}) {
    const json request{{"api_version", 1}, {"case", claims_case()},
                       {"claims", json::parse(read(std::string("claims-") + form + ".json"))}};
    EXPECT_EQ(call_ok("x12.claims", request).at("content"), read(file)) << form;
  }
  json request{{"api_version", 1}, {"case", claims_case()}, {"claims", json::parse(read("claims-837i.json"))},
               {"format", "json"}};
  auto batch = call_ok("x12.claims", request).at("result");
  ASSERT_EQ(batch.at("claims").size(), 2U);
  EXPECT_EQ(batch.at("claims").at(0).at("total"), "3990.00");
  EXPECT_EQ(batch.at("claims").at(0).at("frequency"), "2");  // interim, first
  EXPECT_EQ(batch.at("claims").at(1).at("total"), "1500.00");
  EXPECT_EQ(batch.at("claims").at(1).at("frequency"), "4");  // interim, last
  EXPECT_EQ(batch.at("claims").at(1).at("patient_status"), "01");
  EXPECT_EQ(batch.at("not_billed"), json::parse(R"([{"date": "2026-03-11", "kind": "program_day",
                                                     "reason": "missed: a missed session is never billed"}])"));
  EXPECT_NE(batch.at("x12").get<std::string>().find("HI*BG:92~"), std::string::npos);  // Medicare: condition code 92

  // Billed through March: one interim-first claim, and April's sessions wait.
  request["claims"]["through"] = "2026-03-31";
  batch = call_ok("x12.claims", request).at("result");
  ASSERT_EQ(batch.at("claims").size(), 1U);
  EXPECT_EQ(batch.at("claims").at(0).at("frequency"), "2");
  EXPECT_EQ(batch.at("claims").at(0).at("patient_status"), "30");
  EXPECT_EQ(batch.at("not_billed").at(1).at("reason"), "after the billing period");

  // Days past the authorisation are not billed unless asked.
  request["claims"].erase("through");
  request["claims"]["authorizations"][0]["last_day"] = "2026-03-26";
  batch = call_ok("x12.claims", request).at("result");
  // Mar 2 .. 25: 10 days at $300 and the visits of Mar 2 and 16 at $130 = $3,260; April is not billed.
  ASSERT_EQ(batch.at("claims").size(), 1U);
  EXPECT_EQ(batch.at("claims").at(0).at("total"), "3260.00");
  request["claims"]["bill_unauthorized"] = true;
  batch = call_ok("x12.claims", request).at("result");
  EXPECT_EQ(batch.at("claims").at(0).at("total"), "3990.00");
}

TEST(X12Api, X12ErrorsNameTheRequestMemberTheSegmentAndTheElement) {
  auto text = read("remittance.835");
  text.replace(text.find("CAS*CO*45*50~"), 13, "CAS*CO*45*12.3x~");
  const auto e = error_of("x12.remittance", {{"api_version", 1}, {"x12", text}});
  EXPECT_EQ(e.at("field"), "x12.835 segment 21 CAS03");
  EXPECT_EQ(e.at("value"), "'12.3x'");
  EXPECT_EQ(e.at("problem"), "is not an amount");
}

}  // namespace

namespace {

// N402 is a US state code: any two letters are not enough (a typo "CS" would go out on the claim).
TEST(X12Api, AddressesTakeUsStateCodesAndZipsAsDigits) {
  json request{{"api_version", 1}, {"case", claims_case()}, {"claims", json::parse(read("claims-837p.json"))}};
  request["claims"]["patient"]["address"]["state"] = "ZZ";
  auto e = error_of("x12.claims", request);
  EXPECT_EQ(e.at("field"), "claims.patient.address.state");
  EXPECT_EQ(e.at("value"), "'ZZ'");
  EXPECT_EQ(e.at("problem"), "is not a US state code");
  request["claims"]["patient"]["address"]["state"] = "PR";  // Puerto Rico is one of the 56 USPS codes
  request["claims"]["patient"]["address"]["zip"] = "0090";
  e = error_of("x12.claims", request);
  EXPECT_EQ(e.at("field"), "claims.patient.address.zip");
  EXPECT_EQ(e.at("value"), "'0090'");
  EXPECT_EQ(e.at("allowed"), "5 or 9 digits");
}

}  // namespace
